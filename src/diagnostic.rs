//! Problems found in a site, each with the file, line and column it is about, the
//! offending source line and a hint, printed the way compilers print them.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use unicode_width::UnicodeWidthChar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a file, 1-based; column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };

    pub fn new(line: usize, col: usize) -> Pos {
        Pos { line, col }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub line: usize,
    #[serde(rename = "column")]
    pub col: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The text of the line the position points at, for the caret display.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: &Path, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_path_buf(),
            line: pos.line,
            col: pos.col,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(path: &Path, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, pos, message) }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the line the diagnostic points at, taken from the file's text.
    pub fn with_source(mut self, text: &str) -> Diagnostic {
        if self.line > 0 {
            self.source_line = text.lines().nth(self.line - 1).map(|l| l.trim_end().to_string());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic with its labels in the site's language.
    pub fn display(&self, lang: crate::i18n::Lang) -> DisplayDiagnostic<'_> {
        DisplayDiagnostic { diagnostic: self, lang }
    }
}

pub struct DisplayDiagnostic<'a> {
    diagnostic: &'a Diagnostic,
    lang: crate::i18n::Lang,
}

impl fmt::Display for DisplayDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        let label = match d.severity {
            Severity::Error => self.lang.error_word(),
            Severity::Warning => self.lang.pick("cảnh báo", "warning"),
        };
        write!(f, "{}:{}:{}: {label}: {}", d.path.display(), d.line, d.col, d.message)?;
        if let Some(line) = &d.source_line {
            let number = d.line.to_string();
            let pad = " ".repeat(number.len());
            let lead = caret_lead(line, d.col);
            write!(f, "\n{pad} |\n{number} | {line}\n{pad} | {lead}^")?;
        }
        if let Some(hint) = &d.hint {
            write!(f, "\n  = {}: {hint}", self.lang.pick("gợi ý", "hint"))?;
        }
        Ok(())
    }
}

/// What goes under the characters of `line` before column `col` so that the caret below
/// points at it: a tab stays a tab, so the caret lines up in any terminal; every other
/// character is as many spaces as it takes columns on screen. A combining mark (the dot
/// and hat of `ệ` typed as `e` + U+0323 + U+0302, as Unikey's "Unicode tổ hợp" writes it)
/// or a zero-width character takes none, an ideographic space two.
fn caret_lead(line: &str, col: usize) -> String {
    line.chars()
        .take(col.saturating_sub(1))
        .map(|c| match c {
            '\t' => "\t".to_string(),
            c => " ".repeat(c.width().unwrap_or(0)),
        })
        .collect()
}

/// Maps byte offsets of a text to line and column positions.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        Pos { line: line + 1, col }
    }
}

/// Sorts diagnostics by file and position so every run prints them in the same order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "một\nhai ba\nđ";
        let index = LineIndex::new(text);
        assert_eq!(index.pos(0), Pos::new(1, 1));
        assert_eq!(index.pos(text.find("ba").unwrap()), Pos::new(2, 5));
        assert_eq!(index.pos(text.find('đ').unwrap()), Pos::new(3, 1));
        assert_eq!(index.pos(text.len()), Pos::new(3, 2));
    }

    #[test]
    fn the_caret_stands_under_its_character_in_decomposed_text() {
        // `Kinh nghiệm` with `ệ` as `e` + U+0323 + U+0302: the marks take no column.
        let d = Diagnostic::error(Path::new("a.md"), Pos::new(1, 20), "sai")
            .with_source("title: Kinh nghie\u{323}\u{302}m: x\n");
        let shown = d.display(Lang::Vi).to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[3], format!("  | {}^", " ".repeat("title: Kinh nghie".len())), "{shown}");
        assert_eq!(caret_lead("\t\u{3000}\u{200b}a", 5), "\t   ");
    }

    #[test]
    fn display_shows_path_line_caret_and_hint() {
        let d = Diagnostic::error(Path::new("content/a.md"), Pos::new(2, 7), "sai")
            .with_hint("viết lại")
            .with_source("---\nyear: hai\n---\n");
        let shown = d.display(Lang::Vi).to_string();
        assert_eq!(
            shown,
            "content/a.md:2:7: lỗi: sai\n  |\n2 | year: hai\n  |       ^\n  = gợi ý: viết lại"
        );
    }
}
