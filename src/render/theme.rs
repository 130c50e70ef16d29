//! The theme: the default templates, strings and static files compiled into the binary,
//! a site's `themes/<name>/` laid over them file by file, and what a template's failure
//! says (at the template's file and line).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Pos};
use crate::front_matter;
use crate::i18n::Lang;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = embedded!(
    "base.html",
    "macros.html",
    "card.html",
    "index.html",
    "article.html",
    "taxonomy.html",
    "term.html",
    "search.html",
    "404.html",
    "sitemap.xml",
    "sitemap_index.xml",
    "atom.xml",
);
const STRINGS: &str = include_str!("../../themes/default/strings.yaml");
const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("search.js", include_bytes!("../../themes/default/static/search.js")),
    ("search-page.js", include_bytes!("../../themes/default/static/search-page.js")),
];

/// Where a static file of the theme comes from.
#[derive(Debug, Clone)]
pub enum StaticFile {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

pub struct Theme {
    pub(super) tera: Tera,
    /// Each template's text and the file it came from, to point at a failing line.
    sources: BTreeMap<String, (String, PathBuf)>,
    pub(super) strings: BTreeMap<String, String>,
    pub statics: BTreeMap<String, StaticFile>,
}

impl Theme {
    /// The built-in theme with the site's theme folder laid over it, and its warnings
    /// (a text name no template uses); every problem when it has an error.
    pub fn load(root: &Path, config: &Config) -> Result<(Theme, Vec<Diagnostic>), Vec<Diagnostic>> {
        let lang = config.language;
        let mut templates: BTreeMap<String, (String, Option<PathBuf>)> =
            TEMPLATES.iter().map(|(n, t)| (n.to_string(), (t.to_string(), None))).collect();
        let mut statics: BTreeMap<String, StaticFile> =
            STATIC.iter().map(|(n, b)| (n.to_string(), StaticFile::Embedded(b))).collect();
        let (defaults, mut diagnostics) = front_matter::read_strings(
            Path::new("themes/default/strings.yaml"),
            STRINGS,
            lang,
            None,
        );
        let defaults = defaults.unwrap_or_default();
        let mut strings = defaults.get(lang.code()).cloned().unwrap_or_default();
        // `Config::load` has made sure the folder is there, or said where it is not.
        if let Some(name) = &config.theme {
            let dir = root.join("themes").join(name);
            for (rel, path) in files_under(&dir.join("templates")) {
                match std::fs::read_to_string(&path) {
                    Ok(text) => {
                        templates.insert(rel, (text, Some(path)));
                    }
                    Err(e) => diagnostics.push(Diagnostic::error(&path, Pos::START, e.to_string())),
                }
            }
            for (rel, path) in files_under(&dir.join("static")) {
                statics.insert(rel, StaticFile::Disk(path));
            }
            let strings_path = crate::load::display_path(&dir.join("strings.yaml"));
            let text = crate::load::read_optional(&strings_path, lang);
            if let Some(text) = text.map_err(|d| diagnostics.push(d)).ok().flatten() {
                let known = known_strings(&defaults, templates.values().map(|(text, _)| text));
                let (extra, more) =
                    front_matter::read_strings(&strings_path, &text, lang, Some(&known));
                diagnostics.extend(more);
                strings.extend(
                    extra.and_then(|mut extra| extra.remove(lang.code())).unwrap_or_default(),
                );
            }
        }
        // All at once: a template may extend one that sorts after it.
        let mut tera = Tera::default();
        // Unlike Tera's default escaping, `/` stays as it is: paths and dates read plainly.
        tera.set_escape_fn(crate::chart::esc);
        let mut errors = Vec::new();
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(name, (text, _))| (name, text)))
        {
            let message = error_chain(&e);
            // Tera names the failing template in quotes; point at its file, and at the
            // line and column its parser gives as ` --> 7:26`.
            let failing = templates.iter().find(|(name, _)| message.contains(&format!("'{name}'")));
            let path = failing.map_or_else(
                || PathBuf::from("themes"),
                |(name, (_, path))| path.clone().unwrap_or_else(|| default_template_path(name)),
            );
            let mut error = Diagnostic::error(&path, parse_error_pos(&message), message);
            if let Some((_, (text, _))) = failing {
                error = error.with_source(text);
            }
            errors.push(error);
        }
        if !errors.is_empty() || diagnostics.iter().any(Diagnostic::is_error) {
            diagnostics.extend(errors);
            return Err(diagnostics);
        }
        let sources = templates
            .into_iter()
            .map(|(name, (text, path))| {
                let path = path.unwrap_or_else(|| default_template_path(&name));
                (name, (text, path))
            })
            .collect();
        Ok((Theme { tera, sources, strings, statics }, diagnostics))
    }
}

/// The names a site theme's `strings.yaml` may give texts, with an example text of each
/// for hints: the built-in file's, and any other a template uses (`t.ten_rieng`), which a
/// theme's own templates may add.
fn known_strings<'a>(
    defaults: &front_matter::Strings,
    templates: impl Iterator<Item = &'a String>,
) -> front_matter::Strings {
    let mut known = defaults.clone();
    for name in templates.flat_map(|text| strings_used(text)) {
        for texts in known.values_mut() {
            texts.entry(name.clone()).or_insert_with(|| front_matter::NO_EXAMPLE.into());
        }
    }
    known
}

/// The names a template reads from `t`: `t.home`, `t["home"]`, `t['home']`.
fn strings_used(template: &str) -> Vec<String> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut names = Vec::new();
    for (at, _) in template.match_indices('t') {
        let before = template[..at].chars().next_back();
        if before.is_some_and(|c| is_name(c) || c == '.') {
            continue;
        }
        let rest = &template[at + 1..];
        let name = if let Some(rest) = rest.strip_prefix('.') {
            &rest[..rest.find(|c: char| !is_name(c)).unwrap_or(rest.len())]
        } else if let Some(rest) = rest.strip_prefix("[\"").or_else(|| rest.strip_prefix("['")) {
            &rest[..rest.find(['"', '\'']).unwrap_or(0)]
        } else {
            continue;
        };
        if !name.is_empty() {
            names.push(name.to_string());
        }
    }
    names
}

fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect()
}

/// Where a built-in template is, as the repository has it.
fn default_template_path(name: &str) -> PathBuf {
    PathBuf::from("themes/default/templates").join(name)
}

impl Theme {
    /// A template that failed on a page, as an error at its file: at the first place the
    /// template writes the name Tera complains of (`article.titel`, `upper_case`), else at
    /// its start. `None` when no template failed (the page could not be written).
    pub fn diagnostic(&self, error: &RenderError, lang: Lang) -> Option<Diagnostic> {
        let template = error.template.as_deref()?;
        let (text, path) = self.sources.get(template)?;
        let named = error.message.split('`').nth(1).filter(|name| !name.is_empty());
        let pos = named
            .and_then(|name| text.find(name))
            .map_or(Pos::START, |at| crate::diagnostic::LineIndex::new(text).pos(at));
        let message = match lang {
            Lang::Vi => format!("mẫu trang lỗi khi dựng `{}`: {}", error.page, error.message),
            Lang::En => format!("the template failed on `{}`: {}", error.page, error.message),
        };
        let hint = lang.pick(
            "biến và bộ lọc mẫu trang dùng được: README, mục “Theme contract”",
            "the variables and filters a template may use: README, “Theme contract”",
        );
        Some(Diagnostic::error(path, pos, message).with_hint(hint).with_source(text))
    }
}

/// Where Tera's parser says a template went wrong: ` --> 7:26` in its message.
fn parse_error_pos(message: &str) -> Pos {
    let number = |s: &str| -> Option<usize> {
        let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        s[..digits].parse().ok()
    };
    message
        .split_once("--> ")
        .and_then(|(_, at)| {
            let (line, col) = at.split_once(':')?;
            Some(Pos::new(number(line)?, number(col)?))
        })
        .unwrap_or(Pos::START)
}

/// Tera nests the useful part of its errors (which variable, which line) in the chain.
fn error_chain(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}

/// A rendering failure: which page, which template (when a template failed rather than
/// the writing of the page) and why. Templates are the site's code, so a failure stops
/// the build.
#[derive(Debug)]
pub struct RenderError {
    pub page: String,
    pub template: Option<String>,
    pub message: String,
}

impl RenderError {
    pub(super) fn template(page: &str, template: &str, error: &tera::Error) -> RenderError {
        RenderError {
            page: page.to_string(),
            template: Some(template.to_string()),
            message: error_chain(error),
        }
    }

    pub(super) fn writing(page: &str, error: impl std::fmt::Display) -> RenderError {
        RenderError { page: page.to_string(), template: None, message: error.to_string() }
    }
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.template {
            Some(template) => write!(f, "{} ({template}): {}", self.page, self.message),
            // The destination's error names the file it could not write.
            None => f.write_str(&self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strings_a_template_reads_are_found() {
        let template =
            r#"{{ t.home }} {{ t["toc"] }}{{ t['so_bai'] | upper }} {{ a.t.x }} {{ cat.y }}"#;
        assert_eq!(strings_used(template), ["home", "toc", "so_bai"]);
    }

    #[test]
    fn a_site_themes_own_strings_are_known_beside_the_built_in_ones() {
        let (defaults, _) = front_matter::read_strings(Path::new("s"), STRINGS, Lang::Vi, None);
        let defaults = defaults.unwrap();
        let own = "{{ t.loi_chao }}".to_string();
        let known = known_strings(&defaults, std::iter::once(&own));
        assert_eq!(known["vi"]["home"], "Trang chủ");
        assert_eq!(known["en"]["loi_chao"], front_matter::NO_EXAMPLE);
    }
}
