//! `sotay new` and `sotay init`: files an editor starts from, always valid.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::i18n::Lang;

/// Front matter values for a new article.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub title: Option<String>,
    pub ward: String,
    pub district: Option<String>,
    pub province: Option<String>,
    pub year: u16,
    pub directive: Vec<String>,
    pub theme: Vec<String>,
}

/// A YAML scalar that reads back as exactly this text: JSON strings are YAML too.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

fn list(key: &str, items: &[String]) -> String {
    if let [one] = items {
        return format!("{key}: {}\n", quoted(one));
    }
    let mut out = format!("{key}:\n");
    for item in items {
        out.push_str(&format!("  - {}\n", quoted(item)));
    }
    out
}

/// The text of a new article: front matter and a body outline to fill in, in the site's
/// language.
pub fn article_text(a: &NewArticle, lang: Lang) -> String {
    let title = a.title.clone().unwrap_or_else(|| match lang {
        Lang::Vi => format!("Bài học kinh nghiệm của {}", a.ward),
        Lang::En => format!("Lessons learned in {}", a.ward),
    });
    let mut text = format!("---\ntitle: {}\nward: {}\n", quoted(&title), quoted(&a.ward));
    if let Some(district) = &a.district {
        text.push_str(&format!("district: {}\n", quoted(district)));
    }
    if let Some(province) = &a.province {
        text.push_str(&format!("province: {}\n", quoted(province)));
    }
    text.push_str(&format!("year: {}\n", a.year));
    text.push_str(&list("directive", &a.directive));
    text.push_str(&list("theme", &a.theme));
    text.push_str(lang.pick(
        "---\n\nĐoạn mở đầu: bối cảnh của địa phương và văn bản được triển khai.\n\n\
         ## Kết quả đạt được\n\n- …\n\n## Bài học kinh nghiệm\n\n1. …\n",
        "---\n\nOpening paragraph: the locality, and the document it carried out.\n\n\
         ## Results\n\n- …\n\n## Lessons learned\n\n1. …\n",
    ));
    text
}

/// Whether `root` holds a site: a `sotay.yaml` or a `content/` folder. `sotay new` writes
/// into none other, so a mistyped `--root` never starts a second tree of folders.
pub fn is_site(root: &Path) -> bool {
    root.join(crate::config::FILE_NAME).is_file() || root.join("content").is_dir()
}

/// The language of the site at `root`: its `sotay.yaml`'s, or Vietnamese where there is
/// no site or its config does not read (the next build tells why).
pub fn site_language(root: &Path) -> Lang {
    match is_site(root) {
        true => crate::config::Config::load(root).0.map_or(Lang::Vi, |c| c.language),
        false => Lang::Vi,
    }
}

/// Why `sotay new` writes nothing, and what to type instead.
#[derive(Debug, PartialEq)]
pub struct Refusal {
    pub message: String,
    pub hint: String,
}

impl Refusal {
    fn new(message: String, hint: String) -> Refusal {
        Refusal { message, hint }
    }
}

/// Where `sotay new PATH` writes in the site at `root` (see `article_path`), or why it
/// writes nothing: no site at `root` (with the site the editor likely meant), a path
/// outside `content/`, or a folder where a new article's name belongs.
/// In `lang`, the site's language (`site_language`).
pub fn new_article_path(root: &Path, path: &Path, lang: Lang) -> Result<PathBuf, Refusal> {
    let path = &cleaned(path);
    if !is_site(root) {
        // No site, so no language but the default (see `site_language`).
        let place = match root.as_os_str().to_str() {
            Some(".") => "thư mục hiện tại".to_string(),
            _ => format!("`{}`", root.display()),
        };
        let message =
            format!("không thấy trang ở {place}: không có tệp sotay.yaml hay thư mục content/");
        let hint = match site_named_by(root, path) {
            Some(site) => format!("trang ở {0}: thêm --root {0}", shown(&site)),
            None => "chạy lệnh trong thư mục của trang, dùng --root, hoặc tạo trang mới bằng \
                     `sotay init`"
                .to_string(),
        };
        return Err(Refusal::new(message, hint));
    }
    let example = |folder: &Path| {
        let new = shown(&folder.join(lang.pick("bai-moi.md", "new-article.md")));
        format!("{} {new}", lang.pick("ví dụ", "for example"))
    };
    // An absolute PATH into another site's content/: that site is the one meant.
    let other_site = || path.has_root().then(|| site_around(path)).flatten();
    let written = article_path(root, path).map_err(|refused| match refused {
        Outside => Refusal::new(
            match lang {
                Lang::Vi => format!(
                    "`{}` nằm ngoài thư mục content/ của trang, nơi sotay đọc bài viết",
                    path.display()
                ),
                Lang::En => format!(
                    "`{}` is outside the site's content/ folder, where sotay reads articles",
                    path.display()
                ),
            },
            match (other_site(), lang) {
                (Some(site), Lang::Vi) => {
                    format!("đường dẫn thuộc trang ở {0}: thêm --root {0}", shown(&site))
                }
                (Some(site), Lang::En) => {
                    format!("the path is in the site {0}: add --root {0}", shown(&site))
                }
                (None, _) => lang
                    .pick(
                        "viết đường dẫn trong content/, ví dụ content/quan-10/bai-moi.md",
                        "write a path in content/, for example content/quan-10/new-article.md",
                    )
                    .into(),
            },
        ),
        NoName => Refusal::new(
            lang.pick(
                "content/ là thư mục chứa bài viết; sotay new cần tên của bài mới trong đó",
                "content/ is the articles' folder; sotay new needs the new article's name in it",
            )
            .into(),
            example(Path::new("content")),
        ),
    })?;
    // A name the build passes over (a hidden file, an editor's or Office's temporary):
    // the article would never be published.
    let ignored =
        written.iter().filter_map(|part| part.to_str()).find(|n| crate::load::is_ignored(n));
    if let Some(name) = ignored {
        // The name as typed (`.md`, not the `.md.md` it would be written as).
        let typed = path.file_name().and_then(|n| n.to_str()).unwrap_or(name);
        let name =
            if written.file_name().and_then(|n| n.to_str()) == Some(name) { typed } else { name };
        return Err(Refusal::new(
            match lang {
                Lang::Vi => format!(
                    "sotay bỏ qua `{name}` khi dựng trang (tên của tệp ẩn hoặc tệp tạm), nên bài sẽ không được đăng"
                ),
                Lang::En => format!(
                    "sotay passes over `{name}` when it builds (a hidden or temporary file's name), so the article would never be published"
                ),
            },
            lang.pick(
                "đặt tên khác, bắt đầu bằng chữ hoặc số, ví dụ content/bai-moi.md",
                "choose a name that starts with a letter or a digit, for example content/new-article.md",
            )
            .into(),
        ));
    }
    // A folder named without `.md` (dragged in, or a ward's folder): `.md` added to it
    // would make a page that takes the folder's address.
    let in_site = root.join(&written);
    let folder = in_site.to_str().and_then(|p| p.strip_suffix(".md")).map(Path::new);
    if let Some(folder) = folder.filter(|f| f.is_dir() && !path.ends_with(".md")) {
        let folder = crate::load::display_path(folder);
        return Err(Refusal::new(
            match lang {
                Lang::Vi => format!(
                    "`{}` là một thư mục; sotay new cần tên của bài mới trong đó",
                    folder.display()
                ),
                Lang::En => format!(
                    "`{}` is a folder; sotay new needs the new article's name in it",
                    folder.display()
                ),
            },
            example(&folder),
        ));
    }
    Ok(written)
}

/// A path as the editor types it back: `.` for the current folder.
fn shown(path: &Path) -> String {
    if path.as_os_str().is_empty() { ".".into() } else { path.display().to_string() }
}

/// The site a mistaken `--root` was likely meant to be: its parent when it is a site's
/// `content/` (a common slip), or the site an absolute PATH leads into.
fn site_named_by(root: &Path, path: &Path) -> Option<PathBuf> {
    let root_parent = resolved(root).and_then(|r| site_around(&r));
    root_parent.or_else(|| path.has_root().then(|| site_around(path))?)
}

/// The site whose `content/` holds `path` (or is it), if any.
fn site_around(path: &Path) -> Option<PathBuf> {
    let site_of_content = |content: &Path| {
        let site = content.parent()?;
        (content.file_name()? == "content" && is_site(site)).then(|| site.to_path_buf())
    };
    path.ancestors().find_map(site_of_content)
}

/// PATH as the editor meant it: without the spaces around it, and without the quotes a
/// file manager's "copy as path" or doubled shell quoting leaves around it (a file named
/// `bai.md ` or a folder named `'` is never what was meant).
fn cleaned(path: &Path) -> PathBuf {
    let Some(mut text) = path.to_str() else {
        return path.to_path_buf();
    };
    text = text.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            text = inner.trim();
        }
    }
    PathBuf::from(text)
}

/// Why `article_path` has no file for PATH.
#[derive(Debug, PartialEq)]
pub enum NotAnArticle {
    /// PATH leaves `content/` (`..`, an absolute path elsewhere).
    Outside,
    /// PATH is `content/` itself.
    NoName,
}

use NotAnArticle::{NoName, Outside};

/// Where `sotay new PATH` writes, relative to the site `root`: inside `content/`, whether
/// PATH starts with it or not (`quan-10/bai.md` and `content/quan-10/bai.md` are one
/// file), or is an absolute path into the site's `content/` (dragged from a file
/// manager), with the `.md` ending. Only `content/` is built.
pub fn article_path(root: &Path, path: &Path) -> Result<PathBuf, NotAnArticle> {
    let inside_absolute;
    let path = if path.has_root() {
        let content = resolved(&root.join("content")).ok_or(Outside)?;
        inside_absolute = resolved(path)
            .ok_or(Outside)?
            .strip_prefix(content)
            .map_err(|_| Outside)?
            .to_path_buf();
        &inside_absolute
    } else {
        path
    };
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::CurDir => {}
            _ => return Err(Outside),
        }
    }
    let inside = parts.strip_prefix(&[OsStr::new("content")][..]).unwrap_or(&parts);
    if inside.is_empty() {
        return Err(NoName);
    }
    let path: PathBuf =
        std::iter::once(OsStr::new("content")).chain(inside.iter().copied()).collect();
    if path.extension().is_some_and(|e| e == "md") {
        return Ok(path);
    }
    // `.md` is added, never put in place of what follows a dot: `Phường 1, Q.10` and
    // `bai-2023.05.12` keep their whole name.
    let mut name = path.into_os_string();
    name.push(".md");
    Ok(PathBuf::from(name))
}

/// `path` made absolute with links followed as far as it exists (the rest, not made yet,
/// appended), so that `/home/a/site/content/x.md` and `--root site` compare alike however
/// each reached the folder. `None` if not even the filesystem root resolves.
fn resolved(path: &Path) -> Option<PathBuf> {
    let mut existing = path;
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            return Some(rest.iter().rev().fold(real, |path: PathBuf, part| path.join(part)));
        }
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
            return None;
        };
        rest.push(name);
        existing = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    }
}

/// Writes a new article at `path` (from `article_path`), never over an existing file.
pub fn new_article(path: &Path, article: &NewArticle, lang: Lang) -> io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    io::Write::write_all(&mut file, article_text(article, lang).as_bytes())
}

const CONFIG: &str = "\
# Cấu hình trang sotay. Mọi khóa đều không bắt buộc.
title: Sổ tay kinh nghiệm
description: Bài học kinh nghiệm của các tổ chức cơ sở đảng
# Địa chỉ trang khi xuất bản, dùng cho feed và sitemap; để trống khi xem trên máy.
base_url: \"\"
# vi (mặc định) hoặc en
language: vi
# Số bài mỗi trang danh sách
paginate_by: 20
";

const CONFIG_EN: &str = "\
# sotay site configuration. Every key is optional.
title: Lessons-learned handbook
description: Lessons learned by grassroots Party organisations
# The published site's address, for the feed and the sitemap; leave empty to preview.
base_url: \"\"
# vi (the default) or en: the language of the interface, dates and messages
language: en
# Articles per page of a listing
paginate_by: 20
";

/// Creates a site folder in `lang`: config, a sample article and a .gitignore for the
/// output.
pub fn init(dir: &Path, lang: Lang) -> io::Result<Vec<PathBuf>> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            match lang {
                Lang::Vi => format!("`{}` không trống", dir.display()),
                Lang::En => format!("`{}` is not empty", dir.display()),
            },
        ));
    }
    fs::create_dir_all(dir.join("content"))?;
    let config = dir.join(crate::config::FILE_NAME);
    fs::write(&config, lang.pick(CONFIG, CONFIG_EN))?;
    fs::write(dir.join(".gitignore"), "/public\n")?;
    let sample = dir.join("content").join(lang.pick("bai-mau.md", "sample.md"));
    // The article's own names stay Vietnamese: they are the locality's and the documents'.
    new_article(
        &sample,
        &NewArticle {
            title: Some(
                lang.pick(
                    "Bài mẫu: kinh nghiệm nâng cao chất lượng sinh hoạt chi bộ",
                    "Sample: raising the quality of Party cell meetings",
                )
                .into(),
            ),
            ward: "Phường 1".into(),
            district: Some("Quận 1".into()),
            province: Some("Thành phố Hồ Chí Minh".into()),
            year: 2024,
            directive: vec!["Chỉ thị 10-CT/TW".into()],
            theme: vec!["Sinh hoạt chi bộ".into()],
        },
        lang,
    )?;
    Ok(vec![config, sample])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_articles_have_valid_front_matter_even_with_awkward_values() {
        let article = NewArticle {
            title: Some("Phường 12: \"bài học\" # một".into()),
            ward: "Phường 12".into(),
            district: None,
            province: Some("TP: HCM".into()),
            year: 2022,
            directive: vec!["Chỉ thị 05-CT/TW".into(), "- Nghị quyết 21".into()],
            theme: vec!["Xây dựng Đảng".into()],
        };
        let text = article_text(&article, Lang::Vi);
        let (split, diagnostics) = crate::front_matter::parse(Path::new("a.md"), &text, Lang::Vi);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let front = split.unwrap().front;
        assert_eq!(front.title, "Phường 12: \"bài học\" # một");
        assert_eq!(front.directive, ["Chỉ thị 05-CT/TW", "- Nghị quyết 21"]);
        assert_eq!(front.province.as_deref(), Some("TP: HCM"));
    }

    #[test]
    fn new_articles_land_in_content() {
        let at = |p: &str| {
            article_path(Path::new("."), Path::new(p))
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .ok()
        };
        assert_eq!(at("quan-10/bai").as_deref(), Some("content/quan-10/bai.md"));
        assert_eq!(at("content/quan-10/bai.md").as_deref(), Some("content/quan-10/bai.md"));
        assert_eq!(at("./bai.md").as_deref(), Some("content/bai.md"));
        assert_eq!(at("tp/Phường 1, Q.10").as_deref(), Some("content/tp/Phường 1, Q.10.md"));
        assert_eq!(at("bai-2023.05.12").as_deref(), Some("content/bai-2023.05.12.md"));
        for outside in ["../bai.md", "content/../../bai.md", "/tmp/bai.md", "content", "."] {
            assert_eq!(at(outside), None, "{outside}");
        }
    }

    #[test]
    fn an_absolute_path_into_the_sites_content_is_inside_it() {
        let site = tempfile::tempdir().unwrap();
        fs::create_dir_all(site.path().join("content/quan-10")).unwrap();
        let at = |p: PathBuf| article_path(site.path(), &p).ok();
        let content = site.path().join("content");
        assert_eq!(
            at(content.join("quan-10/bai.md")),
            Some(PathBuf::from("content/quan-10/bai.md"))
        );
        // A folder not made yet, and one reached through a link.
        assert_eq!(at(content.join("moi/bai")), Some(PathBuf::from("content/moi/bai.md")));
        #[cfg(unix)]
        {
            let link = site.path().join("loi-tat");
            std::os::unix::fs::symlink(&content, &link).unwrap();
            assert_eq!(at(link.join("bai.md")), Some(PathBuf::from("content/bai.md")));
        }
        for outside in [site.path().join("bai.md"), content.join("../bai.md"), content.clone()] {
            assert_eq!(at(outside.clone()), None, "{}", outside.display());
        }
    }
}
