//! The YAML block at the top of an article: split it off, type it, and say where each
//! problem is, counted from the start of the file. serde_yaml stays inside this module.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::Lang;

mod check;
mod file;
mod hints;
mod invisible;
mod scalars;
mod strings;
mod syntax;

use check::Checker;
pub use file::from_yaml;
pub use invisible::{first_odd, strip_zero_width, without_odd};
pub use strings::{NO_EXAMPLE, Strings, read_strings};

/// Front matter larger than this is refused before YAML sees it: no real article needs it,
/// and it bounds the parser's time and memory on hostile input.
const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

pub const YEAR_RANGE: std::ops::RangeInclusive<i64> = 1900..=2100;

#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub ward: String,
    pub district: Option<String>,
    pub province: Option<String>,
    pub year: u16,
    pub directive: Vec<String>,
    pub theme: Vec<String>,
    pub date: Option<NaiveDate>,
    pub summary: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub slug: Option<String>,
    pub draft: bool,
    /// Where the slug is written, or the start of the file: duplicate output paths point here.
    pub slug_pos: Pos,
}

/// An article's text split into its typed front matter and its Markdown body.
#[derive(Debug)]
pub struct Split {
    pub front: FrontMatter,
    /// Byte offset of the body in the whole text, so body positions count from line 1.
    pub body_offset: usize,
}

/// Splits and checks the front matter of one article. `text` is already UTF-8 with LF line
/// endings and no BOM. Returns the article when it is usable, and every problem found.
pub fn parse(path: &Path, text: &str, lang: Lang) -> (Option<Split>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (yaml, body_offset, closing_line) = match split(path, text, lang) {
        Ok(parts) => parts,
        Err(d) => return (None, vec![d.with_source(text)]),
    };
    let keys = scan_keys(yaml, 2);
    let front =
        Checker { path, yaml, lang, keys, closing_line, diagnostics: &mut diagnostics }.check();
    let diagnostics = diagnostics.into_iter().map(|d| d.with_source(text)).collect();
    let split = front.map(|front| Split { front, body_offset });
    (split, diagnostics)
}

/// Finds the YAML between the opening and closing `---` lines.
/// Returns the YAML text, the byte offset of the body and the line number of the closing fence.
fn split<'a>(
    path: &Path,
    text: &'a str,
    lang: Lang,
) -> Result<(&'a str, usize, usize), Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, Pos::START, lang.pick("tệp trống", "the file is empty"))
            .with_hint(lang.pick(
                "một bài viết bắt đầu bằng phần đầu YAML giữa hai dòng `---`; chạy `sotay new` để có khung mẫu",
                "an article starts with a YAML block between two `---` lines; run `sotay new` for a skeleton",
            )));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "---" {
        if let Some(e) = invisible::near_fence(first, 1, false, lang) {
            return Err(Diagnostic::error(path, e.pos, e.message).with_hint(e.hint));
        }
        if let Some(near_miss) = opening_near_miss(text, first, lang) {
            return Err(near_miss.at(path));
        }
        return Err(Diagnostic::error(
            path,
            Pos::START,
            lang.pick("thiếu phần đầu: dòng đầu tiên phải là `---`", "missing front matter: the first line must be `---`"),
        )
        .with_hint(lang.pick(
            "thêm phần đầu, ví dụ:\n---\ntitle: …\nward: Phường 12\nyear: 2022\ndirective: Chỉ thị 05-CT/TW\ntheme: Xây dựng Đảng\n---",
            "add a front matter block, e.g.:\n---\ntitle: …\nward: Phường 12\nyear: 2022\ndirective: Chỉ thị 05-CT/TW\ntheme: Xây dựng Đảng\n---",
        )));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    // A `---` with spaces before it: told if no closing line comes.
    let mut indented_fence = None;
    for (index, line) in lines.enumerate() {
        let trimmed = line.trim_end();
        if indented_fence.is_none() && trimmed.trim_start() == "---" && trimmed != "---" {
            indented_fence = Some(index + 2);
        }
        if trimmed == "---" || trimmed == "..." {
            let yaml = &text[yaml_start..offset];
            if yaml.len() > MAX_FRONT_MATTER_BYTES {
                return Err(Diagnostic::error(
                    path,
                    Pos::new(2, 1),
                    lang.pick(
                        "phần đầu quá lớn (hơn 64 KiB)",
                        "the front matter is too large (over 64 KiB)",
                    ),
                )
                .with_hint(
                    lang.pick("đưa nội dung dài vào thân bài", "move long text into the body"),
                ));
            }
            return Ok((yaml, offset + line.len(), index + 2));
        }
        // `\u{feff}---`: a closing line that only looks right, told before YAML reads on.
        if let Some(e) = invisible::near_fence(line, index + 2, true, lang) {
            return Err(Diagnostic::error(path, e.pos, e.message).with_hint(e.hint));
        }
        offset += line.len();
    }
    if let Some(line) = indented_fence {
        return Err(Diagnostic::error(
            path,
            Pos::new(line, 1),
            lang.pick(
                "dòng `---` đóng phần đầu phải bắt đầu ở đầu dòng, không có dấu cách phía trước",
                "the `---` line closing the front matter must start the line, with no spaces before it",
            ),
        )
        .with_hint(lang.pick("xóa các dấu cách trước `---`", "remove the spaces before `---`"))
        .with_source(text));
    }
    Err(Diagnostic::error(
        path,
        Pos::START,
        lang.pick(
            "phần đầu mở bằng `---` nhưng không có dòng `---` đóng",
            "the front matter opened with `---` is never closed",
        ),
    )
    .with_hint(lang.pick(
        "thêm một dòng chỉ có `---` sau trường cuối cùng của phần đầu",
        "add a line holding only `---` after the last front matter field",
    )))
}

/// Where the value of a top-level `key` of a whole YAML file (the site config) starts.
pub fn value_pos(text: &str, key: &str) -> Option<Pos> {
    scan_keys(text, 1).get(key).map(|spot| spot.value)
}

/// The text value of a top-level `key` of a whole YAML file, read on its own: the config
/// checks it when another of its values failed to read (so all are told in one run).
pub fn text_value(text: &str, key: &str) -> Option<String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    value.get(key)?.as_str().map(str::to_string)
}

/// Where entry `index` of the list `key` (or its value, when it is a single one) is written
/// in an article whose body starts at `body_offset`, for checks made after parsing.
pub fn entry_pos(text: &str, body_offset: usize, key: &str, index: usize) -> Option<Pos> {
    let head = text.get(..body_offset)?;
    let yaml = &head[head.find('\n')? + 1..];
    // Without the closing `---`, which would read as a list item.
    let yaml = yaml
        .trim_end_matches(['\r', '\n'])
        .rsplit_once('\n')
        .map_or("", |(y, _)| y.trim_end_matches('\r'));
    let spot = scan_keys(yaml, 2).remove(key)?;
    spot.items.get(index).copied().or((index == 0).then_some(spot.value))
}

/// Where a top-level key, its value and its list items are written, in file positions.
#[derive(Debug, Clone, Default)]
struct KeySpot {
    key: Pos,
    value: Pos,
    items: Vec<Pos>,
}

/// Finds top-level keys by their lines. YAML's parser gives no positions for values, and
/// front matter is a flat mapping, so the lines say enough to point at each key and item.
/// `first_line` is the file line `yaml` starts on: 2 for front matter, 1 for a whole file.
fn scan_keys(yaml: &str, first_line: usize) -> HashMap<String, KeySpot> {
    let mut spots: HashMap<String, KeySpot> = HashMap::new();
    let mut current: Option<String> = None;
    // The indentation of the current list's items: a `- ` indented further is text that
    // YAML folds into the item above, not an item of its own.
    let mut item_indent = None;
    for (index, line) in yaml.lines().enumerate() {
        let line_no = index + first_line;
        let indent = line.chars().take_while(|c| c.is_whitespace()).count();
        let rest = line.trim_start();
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if indent == 0 && !rest.starts_with('-') {
            let Some((key, value_col)) = key_of(line) else { continue };
            let key_pos = Pos::new(line_no, 1);
            let value = value_col.map_or(key_pos, |col| Pos::new(line_no, col));
            spots.entry(key.clone()).or_insert(KeySpot { key: key_pos, value, items: Vec::new() });
            current = value_col.is_none().then_some(key);
            item_indent = None;
            continue;
        }
        let Some(key) = &current else { continue };
        let Some(spot) = spots.get_mut(key) else { continue };
        if spot.value == spot.key {
            spot.value = Pos::new(line_no, indent + 1);
        }
        let item = rest.strip_prefix('-').filter(|item| item.is_empty() || item.starts_with(' '));
        if let Some(item) = item.filter(|_| *item_indent.get_or_insert(indent) == indent) {
            let skipped = item.chars().take_while(|c| c.is_whitespace()).count();
            spot.items.push(Pos::new(line_no, indent + 2 + skipped));
        }
    }
    spots
}

/// Where the keys of the mapping under the top-level key `parent` of a whole file are
/// written, one level down (`vi:` then `  home: Trang chủ`), in file positions: the block's
/// lines, its indentation taken off, read as `scan_keys` reads a file.
fn nested_keys(text: &str, parent: &str) -> HashMap<String, KeySpot> {
    let lines: Vec<&str> = text.lines().collect();
    let at_margin = |line: &str| !line.starts_with([' ', '\t']) && !line.trim().is_empty();
    let Some(start) = lines.iter().position(|line| {
        at_margin(line) && key_of(line).is_some_and(|(key, value)| key == parent && value.is_none())
    }) else {
        return HashMap::new();
    };
    let block = &lines[start + 1..];
    let end = block
        .iter()
        .position(|line| at_margin(line) && !line.starts_with('#'))
        .unwrap_or(block.len());
    let block = &block[..end];
    let indent = block
        .iter()
        .find(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .map_or(0, |line| line.len() - line.trim_start_matches(' ').len());
    let dedented: Vec<&str> = block
        .iter()
        .map(|line| match line.get(..indent) {
            Some(lead) if lead.trim().is_empty() => &line[indent..],
            // A blank line, a comment or (in a file YAML read) a line more to the left.
            _ => "",
        })
        .collect();
    let shift = |pos: Pos| Pos::new(pos.line, pos.col + indent);
    scan_keys(&dedented.join("\n"), start + 2)
        .into_iter()
        .map(|(key, spot)| {
            let items = spot.items.into_iter().map(shift).collect();
            (key, KeySpot { key: shift(spot.key), value: shift(spot.value), items })
        })
        .collect()
}

/// A first line that is almost the opening `---`: what is wrong with it, where.
struct NearMiss {
    pos: Pos,
    message: &'static str,
    hint: &'static str,
}

impl NearMiss {
    fn at(self, path: &Path) -> Diagnostic {
        Diagnostic::error(path, self.pos, self.message).with_hint(self.hint)
    }
}

/// Blank lines before the opening `---`, or a first line of dashes that is not exactly
/// three hyphens (`----`, `—`, which a word processor makes of `---`).
fn opening_near_miss(text: &str, first: &str, lang: Lang) -> Option<NearMiss> {
    let is_dashes = |line: &str| {
        let line = line.trim();
        !line.is_empty() && line.chars().all(|c| matches!(c, '-' | '—' | '–' | '‐' | '−' | ' '))
    };
    if first.trim().is_empty() {
        let opening = text.lines().position(|line| !line.trim().is_empty())?;
        return (text.lines().nth(opening)?.trim_end() == "---").then(|| NearMiss {
            pos: Pos::START,
            message: lang.pick(
                "dòng trống trước `---`: phần đầu phải bắt đầu ngay ở dòng 1",
                "blank lines before `---`: the front matter must start on line 1",
            ),
            hint: lang.pick("xóa các dòng trống ở đầu tệp", "delete the blank lines at the top"),
        });
    }
    is_dashes(first).then(|| NearMiss {
        pos: Pos::START,
        message: lang.pick(
            "dòng 1 phải là đúng ba dấu gạch ngang `---`",
            "line 1 must be exactly three hyphens, `---`",
        ),
        hint: lang.pick(
            "viết `---`: ba dấu `-` liền nhau, không hơn (Word và một số trình soạn thảo đổi `---` thành `—`)",
            "write `---`: three `-` together, no more (Word and some editors turn `---` into `—`)",
        ),
    })
}

/// Where `key` is written when the line scan did not find it. In a flow mapping
/// (`{title: Bài, year: abc}`), its first `key:` outside a quoted value that no other
/// key's letters run into, pointing at the value after it; else (a key not written at all) the first line. Never
/// the 0:0 of a position not found.
fn find_key(yaml: &str, key: &str, first_line: usize) -> KeySpot {
    let is_key_char = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let flow = yaml
        .lines()
        .map(str::trim_start)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
        .is_some_and(|line| line.starts_with('{'));
    // In a block mapping the line scan sees every key: `key:` in a value is text.
    let lines = if flow { yaml } else { "" };
    for (index, line) in lines.lines().enumerate() {
        for (at, _) in line.match_indices(key) {
            if line[..at].chars().next_back().is_some_and(is_key_char) {
                continue;
            }
            let after = &line[at + key.len()..];
            // Inside a quoted value it is text, unless the quotes are the key's own.
            let open = syntax::Quotes::open_after(&line[..at]);
            let after = match open {
                None => after,
                Some(q) if line[..at].ends_with(q) => match after.strip_prefix(q) {
                    Some(after) => after,
                    None => continue,
                },
                Some(_) => continue,
            };
            let Some(value) = after.trim_start().strip_prefix(':') else { continue };
            let column = |rest: &str| line.chars().count() - rest.chars().count() + 1;
            let key_col = column(&line[at..]) - usize::from(line[..at].ends_with(['"', '\'']));
            let line_no = index + first_line;
            let value = value.trim_start();
            return KeySpot {
                key: Pos::new(line_no, key_col),
                value: Pos::new(line_no, column(value)),
                items: Vec::new(),
            };
        }
    }
    let start = Pos::new(first_line, 1);
    KeySpot { key: start, value: start, items: Vec::new() }
}

/// The key of a `key: value` line and the column its value starts at, if on the same line.
fn key_of(line: &str) -> Option<(String, Option<usize>)> {
    let (key, after) = if let Some(quote @ ('"' | '\'')) = line.chars().next() {
        let end = line[1..].find(quote)? + 1;
        (line[1..end].to_string(), line[end + 1..].strip_prefix(':')?)
    } else {
        let colon = line.find(": ").or_else(|| line.strip_suffix(':').map(|s| s.len()))?;
        (line[..colon].trim_end().to_string(), &line[colon + 1..])
    };
    let value = after.trim_start();
    let value_col = (!value.is_empty() && !value.starts_with('#'))
        .then(|| line.chars().count() - after.chars().count() + (after.len() - value.len()) + 1);
    Some((key, value_col))
}

#[cfg(test)]
mod tests {
    use super::check::suggest_key;
    use super::*;

    fn run(text: &str) -> (Option<FrontMatter>, Vec<Diagnostic>) {
        let (split, diagnostics) = parse(Path::new("a.md"), text, Lang::Vi);
        (split.map(|s| s.front), diagnostics)
    }

    const GOOD: &str = "---\ntitle: Bài học\nward: Phường 12\nyear: 2022\ndirective:\n  - Chỉ thị 05-CT/TW\n  - Nghị quyết 21-NQ/TW\ntheme: Xây dựng Đảng\n---\nThân bài\n";

    #[test]
    fn good_front_matter_is_typed() {
        let (split, diagnostics) = parse(Path::new("a.md"), GOOD, Lang::Vi);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let split = split.unwrap();
        assert_eq!(split.front.year, 2022);
        assert_eq!(split.front.directive, ["Chỉ thị 05-CT/TW", "Nghị quyết 21-NQ/TW"]);
        assert_eq!(split.front.theme, ["Xây dựng Đảng"]);
        assert_eq!(&GOOD[split.body_offset..], "Thân bài\n");
    }

    #[test]
    fn list_items_are_located() {
        let text = GOOD.replace("Nghị quyết 21-NQ/TW", "''");
        let (front, diagnostics) = run(&text);
        assert!(front.is_none());
        assert_eq!((diagnostics[0].line, diagnostics[0].col), (7, 5));
    }

    #[test]
    fn keys_of_a_flow_mapping_are_found_in_it_and_a_block_mappings_text_is_not_searched() {
        let flow = "# bài\n{title: \"slug: x\", \"year\": abc,\n  slug: a}\n";
        assert_eq!(find_key(flow, "year", 2).key, Pos::new(3, 20), "at its opening quote");
        assert_eq!(find_key(flow, "year", 2).value, Pos::new(3, 28));
        assert_eq!(find_key(flow, "slug", 2).value, Pos::new(4, 9), "not the one in a value");
        assert_eq!(find_key(flow, "draft", 2).key, Pos::new(2, 1), "not written: first line");
        let block = "title: \"slug: x\"\nyear: 2022\n";
        assert_eq!(find_key(block, "slug", 2).value, Pos::new(2, 1), "text in a value");
    }

    #[test]
    fn an_opening_line_that_is_almost_dashes_is_named() {
        let body = &GOOD[3..];
        for (text, says) in [
            (format!("\n\n---{body}"), "dòng trống trước `---`"),
            (format!("—{body}"), "đúng ba dấu gạch ngang"),
            (format!("----{body}"), "đúng ba dấu gạch ngang"),
            (format!("Bài học\n---{body}"), "thiếu phần đầu"),
        ] {
            let (front, diagnostics) = run(&text);
            assert!(front.is_none());
            assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
            assert!(diagnostics[0].message.contains(says), "{text:?}: {diagnostics:?}");
            assert_eq!((diagnostics[0].line, diagnostics[0].col), (1, 1));
        }
    }

    #[test]
    fn key_positions_point_at_values() {
        let spots = scan_keys("title: \"a: b\"\nyear:   2022\ntheme:\n  - x\n", 2);
        assert_eq!(spots["title"].value, Pos::new(2, 8));
        assert_eq!(spots["year"].value, Pos::new(3, 9));
        assert_eq!(spots["theme"].value, Pos::new(5, 3));
        assert_eq!(spots["theme"].items, [Pos::new(5, 5)]);
    }

    #[test]
    fn keys_one_level_down_are_located_in_the_file() {
        let text =
            "# chuỗi\nvi:\n  home: Trang chủ\n# ghi chú\n\n  toc:\n    - a\nen:\n  home: Home\n";
        let vi = nested_keys(text, "vi");
        assert_eq!((vi["home"].key, vi["home"].value), (Pos::new(3, 3), Pos::new(3, 9)));
        assert_eq!((vi["toc"].key, vi["toc"].items[0]), (Pos::new(6, 3), Pos::new(7, 7)));
        assert_eq!(vi.len(), 2, "{vi:?}");
        assert_eq!(nested_keys(text, "en")["home"].value, Pos::new(9, 9));
        assert!(nested_keys("vi: {home: x}\n", "vi").is_empty());
    }

    #[test]
    fn only_items_yaml_reads_as_items_are_located() {
        // The second line is folded into the first item; `-x` is text, not an item.
        let spots = scan_keys("directive:\n  - a\n   - b\n  - c\ntheme:\n  -x\n", 1);
        assert_eq!(spots["directive"].items, [Pos::new(2, 5), Pos::new(4, 5)]);
        assert!(spots["theme"].items.is_empty());
    }

    #[test]
    fn suggestions_cover_typos_and_vietnamese_names() {
        assert_eq!(suggest_key("themes"), Some("theme"));
        assert_eq!(suggest_key("directve"), Some("directive"));
        assert_eq!(suggest_key("chủ đề"), Some("theme"));
        assert_eq!(suggest_key("năm"), Some("year"));
        assert_eq!(suggest_key("completely-unrelated"), None);
    }

    #[test]
    fn wrong_year_type_points_at_value() {
        let (_, diagnostics) = run(&GOOD.replace("year: 2022", "year: hai nghìn"));
        assert_eq!(diagnostics.len(), 1);
        assert_eq!((diagnostics[0].line, diagnostics[0].col), (4, 7));
        assert!(diagnostics[0].message.contains("số nguyên"), "{}", diagnostics[0].message);
    }

    /// (line, col, message, hint) of each diagnostic of `GOOD` with `from` replaced by `to`.
    fn found(from: &str, to: &str) -> Vec<(usize, usize, String, String)> {
        assert!(GOOD.contains(from), "{from}");
        let (_, diagnostics) = run(&GOOD.replacen(from, to, 1));
        diagnostics
            .into_iter()
            .map(|d| (d.line, d.col, d.message, d.hint.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn a_missing_space_is_reported_on_its_own_line() {
        let missing = |line, col, mark: &str, fixed: &str| {
            vec![(line, col, format!("thiếu dấu cách sau `{mark}`"), format!("viết `{fixed}`"))]
        };
        assert_eq!(found("title: ", "title:"), missing(2, 7, ":", "title: Bài học"));
        assert_eq!(found("year: ", "year:"), missing(4, 6, ":", "year: 2022"));
        assert_eq!(found("theme: ", "theme:"), missing(8, 7, ":", "theme: Xây dựng Đảng"));
        let item = missing(7, 4, "-", "- Nghị quyết 21-NQ/TW");
        assert_eq!(found("  - Nghị", "  -Nghị"), item);
        // Alone, the glued item reads as text: the article builds, with a warning.
        let (front, diagnostics) = run(&GOOD.replace("  - Chỉ thị 05-CT/TW\n  - ", "  -"));
        assert_eq!(front.unwrap().directive, ["-Nghị quyết 21-NQ/TW"]);
        assert_eq!((diagnostics.len(), diagnostics[0].is_error()), (1, false));
        assert_eq!((diagnostics[0].line, diagnostics[0].col), (6, 4));
    }

    #[test]
    fn two_directives_or_themes_in_one_entry_warn_at_the_entry() {
        let one_line = found(
            "directive:\n  - Chỉ thị 05-CT/TW\n  - Nghị quyết 21-NQ/TW",
            "directive: Chỉ thị 05-CT/TW, Nghị quyết 21-NQ/TW",
        );
        let message = "`directive` có hai mã văn bản (`05-CT/TW`, `21-NQ/TW`) trong một mục";
        let hint = "nếu là hai văn bản, viết mỗi văn bản một dòng:\ndirective:\n  - Chỉ thị 05-CT/TW\n  - Nghị quyết 21-NQ/TW";
        assert_eq!(one_line, [(5, 12, message.into(), hint.into())]);
        // One space too many folds the second item into the first.
        let folded = found("  - Nghị", "   - Nghị");
        assert_eq!(folded, [(6, 5, message.into(), hint.into())]);
        let theme = found("theme: Xây dựng Đảng", "theme:\n  - Dân vận, Xây dựng Đảng");
        assert_eq!((theme[0].0, theme[0].1), (9, 5));
        assert!(theme[0].3.starts_with("nếu là hai chủ đề, viết mỗi chủ đề một dòng:"));
        // The article builds as before, the entry kept whole.
        let (front, diagnostics) = run(&GOOD.replace("  - Nghị", "   - Nghị"));
        assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
        assert_eq!(front.unwrap().directive, ["Chỉ thị 05-CT/TW - Nghị quyết 21-NQ/TW"]);
    }

    #[test]
    fn years_and_dates_say_what_to_write_instead() {
        let hint = |from: &str, to: &str| found(from, to).swap_remove(0).3;
        assert_eq!(hint("year: 2022", "year: \"2023\""), "bỏ dấu ngoặc kép: `year: 2023`");
        let span = found("year: 2022", "year: 2023-2024").swap_remove(0);
        assert_eq!(
            (span.2.as_str(), span.3.as_str()),
            ("`year` chỉ nhận một năm, không phải `2023-2024`", "chọn một năm, ví dụ `year: 2023`")
        );
        let dated = |date: &str| hint("theme:", &format!("date: {date}\ntheme:"));
        assert_eq!(
            dated("12/05/2023"),
            "viết theo dạng YYYY-MM-DD (năm-tháng-ngày): `date: 2023-05-12`"
        );
        assert!(dated("5/3/2024").ends_with("`date: 2024-03-05`"));
        assert_eq!(dated("31/02/2023"), "viết theo dạng YYYY-MM-DD, ví dụ `date: 2022-12-01`");
        assert_eq!(hint("year: 2022", "year: hai nghìn"), "viết như: `year: 2022`");
    }

    #[test]
    fn slug_that_climbs_out_is_refused() {
        let (front, diagnostics) = run(&GOOD.replace("theme:", "slug: ../../etc\ntheme:"));
        assert!(front.is_none());
        assert_eq!(diagnostics[0].line, 8);
    }

    #[test]
    fn english_messages_follow_the_site_language() {
        let (_, diagnostics) = parse(Path::new("a.md"), "---\ntitle: x\n---\n", Lang::En);
        assert!(diagnostics.iter().any(|d| d.message == "missing required field `ward`"));
    }
}
