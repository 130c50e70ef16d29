//! The optional `sotay.yaml` at the site root. A folder with only `content/` builds with
//! these defaults.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::Lang;

pub const FILE_NAME: &str = "sotay.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Unset: a default in the site's language (`title()`).
    pub title: Option<String>,
    pub description: Option<String>,
    /// Absolute URL of the published site, used for the feed, the sitemap and canonical
    /// links. Page links are relative and never depend on it.
    pub base_url: String,
    pub language: Lang,
    /// A folder under `themes/` whose files override the built-in theme one by one.
    pub theme: Option<String>,
    /// Articles per page of a term listing.
    #[serde(deserialize_with = "above_zero")]
    pub paginate_by: usize,
    /// Short forms editors write for a directive, linked like its code:
    /// `NQTW5: Nghị quyết Trung ương 5 khóa VIII`.
    pub directive_aliases: std::collections::BTreeMap<String, String>,
}

/// Every key, with the example its hints show.
const KEYS: &[(&str, &str)] = &[
    ("title", "Sổ tay kinh nghiệm"),
    ("description", "Bài học kinh nghiệm của các tổ chức cơ sở đảng"),
    ("base_url", "https://vidu.vn/so-tay"),
    ("language", "vi"),
    ("theme", "rieng"),
    ("paginate_by", "20"),
    ("directive_aliases", "{NQTW5: Nghị quyết Trung ương 5 khóa VIII}"),
];

/// A count that must not be 0. Refused while reading, it is reported at its value with
/// the config's other bad values.
fn above_zero<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<usize, D::Error> {
    std::num::NonZeroUsize::deserialize(deserializer).map(std::num::NonZeroUsize::get)
}

impl Default for Config {
    fn default() -> Config {
        Config {
            title: None,
            description: None,
            base_url: String::new(),
            language: Lang::Vi,
            theme: None,
            paginate_by: 20,
            directive_aliases: Default::default(),
        }
    }
}

/// What is wrong with a base URL, if anything: it is written into the feed, the sitemap
/// and canonical links as the start of absolute addresses, so it needs its scheme and a
/// host (empty: no absolute addresses).
pub fn base_url_problem(url: &str) -> Option<&'static str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        _ if url.is_empty() => None,
        None => Some("phải bắt đầu bằng https:// hoặc http://"),
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            Some("thiếu tên miền sau https://")
        }
        Some(_) if url.contains(char::is_whitespace) => Some("không được có dấu cách"),
        Some(_) => None,
    }
}

/// The folders under the site's `themes/`, sorted.
fn theme_folders(root: &Path) -> Vec<String> {
    let entries = std::fs::read_dir(root.join("themes")).into_iter().flatten().flatten();
    let mut names: Vec<String> = entries
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    names
}

impl Config {
    /// Loads `sotay.yaml` from the site root, or the defaults when there is none.
    pub fn load(root: &Path) -> (Option<Config>, Vec<Diagnostic>) {
        let path = crate::load::display_path(&root.join(FILE_NAME));
        let text = match crate::load::read_optional(&path, Lang::Vi) {
            Ok(Some(text)) => text,
            Ok(None) => return (Some(Config::default()), Vec::new()),
            Err(d) => return (None, vec![d]),
        };
        let (config, mut diagnostics) =
            crate::front_matter::from_yaml::<Config>(&path, &text, Lang::Vi, KEYS);
        // Values serde reads but the site cannot use, each at its value.
        let refused = |key: &str, message: String, hint: String| {
            let pos = crate::front_matter::value_pos(&text, key).unwrap_or(Pos::START);
            Diagnostic::error(&path, pos, message).with_hint(hint).with_source(&text)
        };
        // Read from the text when the config as a whole did not read, so a bad `language`
        // does not hide a bad `base_url` until the next run.
        let raw = |key: &str| crate::front_matter::text_value(&text, key);
        let base_url =
            config.as_ref().map_or_else(|| raw("base_url"), |c| Some(c.base_url.clone()));
        let theme = config.as_ref().map_or_else(|| raw("theme"), |c| c.theme.clone());
        let mut problems = Vec::new();
        // A character pasted with an address or a folder's name that cannot be seen: the
        // address would go into every absolute link with it, the folder not be found.
        for (key, value) in [("base_url", &base_url), ("theme", &theme)] {
            let Some(value) = value else { continue };
            if let Some((c, what)) = crate::front_matter::first_odd(value, Lang::Vi) {
                let cleaned = crate::front_matter::without_odd(value);
                let message = format!("`{key}` có {what}");
                let hint = format!(
                    "xóa ký tự này (thường có khi dán từ trang web hay e-mail): `{key}: {cleaned}`"
                );
                // At the character, on the value's line.
                let pos = crate::front_matter::value_pos(&text, key).unwrap_or(Pos::START);
                let line = text.lines().nth(pos.line.saturating_sub(1)).unwrap_or_default();
                let col = line.chars().skip(pos.col - 1).position(|x| x == c);
                let at = Pos::new(pos.line, pos.col + col.unwrap_or(0));
                let d = Diagnostic::error(&path, at, message).with_hint(hint).with_source(&text);
                problems.push(d);
            }
        }
        if !problems.is_empty() {
            diagnostics.extend(problems);
            crate::diagnostic::sort(&mut diagnostics);
            return (None, diagnostics);
        }
        if let Some(problem) = base_url_problem(base_url.as_deref().unwrap_or_default()) {
            let hint = "ví dụ: base_url: https://vidu.vn/so-tay (để trống khi chỉ xem trên máy)";
            problems.push(refused("base_url", format!("`base_url` {problem}"), hint.into()));
        }
        if let Some(name) = theme.filter(|name| !root.join("themes").join(name).is_dir()) {
            let hint = match theme_folders(root).as_slice() {
                [] => "tạo thư mục đó (với templates/, static/ hoặc strings.yaml) hoặc bỏ dòng `theme` để dùng giao diện có sẵn".to_string(),
                names => format!("các giao diện có trong themes/: {}", names.join(", ")),
            };
            let message = format!("không có thư mục giao diện `themes/{name}/` cạnh sotay.yaml");
            problems.push(refused("theme", message, hint));
        }
        if problems.is_empty() {
            return (config, diagnostics);
        }
        diagnostics.extend(problems);
        crate::diagnostic::sort(&mut diagnostics);
        (None, diagnostics)
    }

    /// The site's name; unset, one in the interface's language.
    pub fn title(&self) -> &str {
        let default = self.language.pick("Sổ tay kinh nghiệm", "Lessons-learned handbook");
        // `title: ""` names nothing: the page's heading and tab would be empty.
        self.title.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or(default)
    }

    /// What the site is, under its name; unset, a sentence in the interface's language.
    pub fn description(&self) -> &str {
        let default = self.language.pick(
            "Bài học kinh nghiệm của các tổ chức cơ sở đảng",
            "Lessons learned by grassroots Party organisations",
        );
        self.description.as_deref().filter(|d| !d.trim().is_empty()).unwrap_or(default)
    }

    /// The base URL without a trailing slash, or "" when unset.
    pub fn base_url(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_needs_its_scheme_and_a_host() {
        for good in ["", "https://vidu.vn", "http://vidu.vn/so-tay/", "https://a.vn:8080/x"] {
            assert_eq!(base_url_problem(good), None, "{good}");
        }
        for bad in ["vidu.vn/so-tay", "//vidu.vn", "https://", "https:///x", "https://a b.vn"] {
            assert!(base_url_problem(bad).is_some(), "{bad}");
        }
    }
}
