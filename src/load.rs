//! Walk `content/`: Markdown files become article sources, everything else beside them
//! (photos, PDFs) is an asset to copy. Text is decoded here, once, for every later stage.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::Lang;

/// One Markdown file, decoded.
#[derive(Debug)]
pub struct Source {
    /// Path relative to `content/`, with `/` separators.
    pub rel: String,
    /// Path as shown to the user in messages.
    pub path: PathBuf,
    pub text: String,
}

/// A file beside the articles that is copied as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    pub rel: String,
    pub path: PathBuf,
}

#[derive(Debug, Default)]
pub struct Sources {
    pub articles: Vec<Source>,
    pub assets: Vec<Asset>,
}

/// True for files editors and tools leave behind that are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
        // Office's lock file of an open document (`~$bai.md`), and what Windows and macOS
        // leave in folders (`Thumbs.db`, `desktop.ini`; `.DS_Store` starts with a dot).
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("ehthumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// Walks the content folder and reads every Markdown file, in parallel. Files that cannot
/// be read or decoded are reported and left out.
pub fn load(content_dir: &Path, lang: Lang) -> (Sources, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let walker = WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(content_dir).to_path_buf();
                let message = match e.io_error() {
                    Some(io) => lang.os_error(io),
                    None => e.to_string(),
                };
                diagnostics.push(Diagnostic::error(&path, Pos::START, message));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(content_dir) else { continue };
        let rel =
            rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let path = display_path(entry.path());
        if rel.ends_with(".md") {
            markdown.push((rel, path));
        } else {
            assets.push(Asset { rel, path });
        }
    }
    let read: Vec<Result<Source, Diagnostic>> = markdown
        .into_par_iter()
        .map(|(rel, path)| {
            let bytes = std::fs::read(&path)
                .map_err(|e| Diagnostic::error(&path, Pos::START, lang.os_error(&e)))?;
            let text = decode(&path, bytes, lang)?;
            Ok(Source { rel, path, text })
        })
        .collect();
    let mut articles = Vec::with_capacity(read.len());
    for result in read {
        match result {
            Ok(source) => articles.push(source),
            Err(d) => diagnostics.push(d),
        }
    }
    (Sources { articles, assets }, diagnostics)
}

/// A path as the user would type it: without a leading `./`.
pub fn display_path(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}

/// The text of a file that may not be there (`Ok(None)`), decoded as `decode` does, or
/// why it cannot be read.
pub fn read_optional(path: &Path, lang: Lang) -> Result<Option<String>, Diagnostic> {
    match std::fs::read(path) {
        Ok(bytes) => decode(path, bytes, lang).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Diagnostic::error(path, Pos::START, lang.os_error(&e))),
    }
}

/// UTF-8 text with the BOM dropped and CRLF line endings made LF, or an error pointing at
/// the first byte that is not UTF-8.
pub fn decode(path: &Path, bytes: Vec<u8>, lang: Lang) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    // The vectorised check reads Vietnamese text many times faster than `str::from_utf8`,
    // whose fast path is for ASCII runs; the copy it costs is one memcpy.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) if text.contains('\r') => Ok(text.replace("\r\n", "\n")),
        Ok(text) => Ok(text.to_owned()),
        Err(_) => {
            let valid_up_to = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
            let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
            let pos = crate::diagnostic::LineIndex::new(valid).pos(valid.len());
            Err(Diagnostic::error(
                path,
                pos,
                lang.pick(
                    "tệp không phải văn bản UTF-8 (có byte lạ ở đây)",
                    "the file is not UTF-8 text (unexpected byte here)",
                ),
            )
            .with_hint(lang.pick(
                "lưu lại tệp với bảng mã UTF-8 (trong Notepad/Word: Lưu thành… → Mã hóa: UTF-8)",
                "save the file again as UTF-8 (Save as… → Encoding: UTF-8)",
            ))
            .with_source(valid))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_accepts_bom_and_crlf() {
        let text = decode(Path::new("a.md"), b"\xEF\xBB\xBF---\r\ntitle: x\r\n".to_vec(), Lang::Vi)
            .unwrap();
        assert_eq!(text, "---\ntitle: x\n");
    }

    #[test]
    fn decode_points_at_the_first_bad_byte() {
        let d = decode(Path::new("a.md"), b"---\ntitle: Ph\xF0\x28ng\n".to_vec(), Lang::Vi)
            .unwrap_err();
        assert_eq!((d.line, d.col), (2, 10));
    }

    #[test]
    fn editor_temporaries_are_ignored() {
        for name in [
            ".a.md.swp",
            "a.md~",
            "4913",
            "#a.md#",
            ".#a.md",
            "a.md___jb_tmp___",
            "~$bai.md",
            "Thumbs.db",
            "desktop.ini",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("bai-viet.md"));
    }
}
