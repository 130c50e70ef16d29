//! YAML syntax errors as an editor can act on them: libyaml's message put in the site's
//! language with a hint that fits it, and the position moved to where the mistake
//! most likely is (libyaml reports where it noticed, often a line or more later).

use crate::diagnostic::Pos;
use crate::i18n::Lang;

/// One syntax error, explained.
#[derive(Debug, PartialEq, Eq)]
pub struct Explained {
    /// Within the YAML text, 1-based.
    pub pos: Pos,
    pub message: String,
    pub hint: String,
}

/// Explains `reason` (serde_yaml's message without its position) reported at `pos`
/// (within `yaml`, 1-based), in file positions: `yaml` starts on file line `first_line`.
pub fn explain(reason: &str, yaml: &str, pos: Pos, first_line: usize, lang: Lang) -> Explained {
    let mut explained = explain_within(reason, yaml, pos, first_line, lang);
    explained.pos.line += first_line.saturating_sub(1);
    explained
}

/// `explain`, in positions within `yaml`.
fn explain_within(reason: &str, yaml: &str, pos: Pos, first_line: usize, lang: Lang) -> Explained {
    let lines: Vec<&str> = yaml.lines().collect();
    let line_text = |line: usize| lines.get(line.wrapping_sub(1)).copied().unwrap_or_default();
    let explained = |pos: Pos, (vi, en): (String, String), hint: (&str, &str)| Explained {
        pos,
        message: lang.pick(vi, en),
        hint: lang.pick(hint.0, hint.1).to_string(),
    };
    if let Some((path, key)) = duplicate(reason) {
        // The second line that writes the key is the one to remove; the first is named.
        let written = key_lines(&lines, path, key);
        let first = match written.first() {
            Some(at) if written.len() > 1 => {
                let line = at.line + first_line - 1;
                lang.pick(format!(" (lần đầu ở dòng {line})"), format!(" (first on line {line})"))
            }
            _ => String::new(),
        };
        let message = match path {
            "" => (
                format!("trường `{key}` được viết hai lần{first}"),
                format!("field `{key}` is written twice{first}"),
            ),
            _ => (
                format!("`{key}` được viết hai lần trong `{path}:`{first}"),
                format!("`{key}` is written twice under `{path}:`{first}"),
            ),
        };
        let second = written.get(1).copied().unwrap_or(pos);
        // A group written twice (`vi:` alone, its texts below): deleting the line would put
        // its texts under the group before it.
        let group = line_text(second.line).trim_end().ends_with(':');
        let hint = if group {
            (
                "chuyển các dòng dưới nó lên dưới dòng đầu tiên, rồi xóa dòng này",
                "move the lines under it up under the first one, then delete this line",
            )
        } else {
            ("giữ một dòng và xóa dòng kia", "keep one of the lines and delete the other")
        };
        return explained(second, message, hint);
    }
    // A key or list item glued to its value (`theme:Dân vận`, `-Nghị quyết …`) is read as
    // text that runs on, and libyaml notices a line or more later, in other words.
    if let Some(found) =
        (1..=pos.line.min(lines.len())).rev().find_map(|l| missing_space(line_text(l), l, lang))
    {
        return found;
    }
    // `title: "Chỉ thị 05" và kết quả`, `title: [Dự thảo] Bài học`, `title: *Bài* học`:
    // text that YAML reads as something else because of how it starts.
    if let Some(found) =
        (1..=pos.line.min(lines.len())).rev().find_map(|l| odd_start(line_text(l), l, lang))
    {
        return found;
    }
    if reason.contains("did not find expected ',' or ']'")
        || reason.contains("did not find expected ',' or '}'")
    {
        let (open, close) = if reason.contains("']'") { ('[', ']') } else { ('{', '}') };
        let opened = (1..=pos.line.min(lines.len())).rev().find(|&l| {
            let depth = unquoted(line_text(l))
                .fold(0i32, |depth, c| depth + i32::from(c == open) - i32::from(c == close));
            depth > 0
        });
        let at = opened.map_or(pos, |l| Pos::new(l, column_of(line_text(l), open)));
        return explained(
            at,
            (
                format!("`{open}` mở ở đây chưa được đóng bằng `{close}`"),
                format!("`{open}` opened here is not closed with `{close}`"),
            ),
            (
                "đóng ngoặc trên cùng dòng, ví dụ theme: [Dân vận, Xây dựng Đảng], hoặc bỏ ngoặc: year: 2021",
                "close it on the same line, e.g. theme: [Dân vận, Xây dựng Đảng], or drop it: year: 2021",
            ),
        );
    }
    if reason.contains("end of stream") || reason.contains("quoted scalar") {
        // An opening quote whose closing one is missing: the first line with an odd count.
        let open = (1..=lines.len()).find(|&l| line_text(l).matches('"').count() % 2 == 1);
        if let Some(l) = open {
            return explained(
                Pos::new(l, column_of(line_text(l), '"')),
                (
                    "dấu ngoặc kép mở ở đây chưa được đóng".into(),
                    "this double quote is never closed".into(),
                ),
                (
                    "thêm `\"` ở cuối giá trị, ví dụ title: \"Phường 12: bài học\"",
                    "add `\"` at the end of the value, e.g. title: \"Ward 12: lessons\"",
                ),
            );
        }
    }
    let here = line_text(pos.line).chars().nth(pos.col.saturating_sub(1));
    // A line that goes on with a value, indented with a tab (`summary: Một` then `\thai`):
    // told at the first line from the error up that starts with one.
    // Also a tab right after the indentation of a `|` or `>` block's line, which the YAML
    // reader sotay uses refuses ("where an indentation space is expected").
    if reason.contains("tab character that violates indentation")
        || reason.contains("tab character where an indentation space is expected")
    {
        let tabbed = (1..=pos.line.min(lines.len()))
            .rev()
            .find(|&l| line_text(l).trim_start_matches(' ').starts_with('\t'));
        if let Some(line) = tabbed {
            let col = line_text(line).chars().position(|c| c == '\t').unwrap_or(0) + 1;
            return explained(
                Pos::new(line, col),
                (
                    "đầu dòng có ký tự tab: YAML chỉ thụt lề bằng dấu cách".into(),
                    "a tab at the start of the line: YAML is indented with spaces only".into(),
                ),
                ("thay tab bằng hai dấu cách", "replace the tab with two spaces"),
            );
        }
    }
    if reason.contains("cannot start any token") && here == Some('\t') {
        return explained(
            pos,
            (
                "ký tự tab: phần đầu bài chỉ thụt lề bằng dấu cách".into(),
                "a tab: front matter is indented with spaces only".into(),
            ),
            ("thay tab bằng hai dấu cách", "replace the tab with two spaces"),
        );
    }
    if reason.contains("cannot start any token") {
        let c = here.map(String::from).unwrap_or_default();
        return explained(
            pos,
            (
                format!("giá trị không được bắt đầu bằng “{c}”"),
                format!("a value cannot start with “{c}”"),
            ),
            (
                "đặt cả giá trị trong ngoặc kép, ví dụ title: \"@Phường 12\"",
                "put the whole value in double quotes, e.g. title: \"@Ward 12\"",
            ),
        );
    }
    let indented = line_text(pos.line).starts_with([' ', '\t']);
    // `  NQ5: Nghị quyết: Trung ương 5`: a second `: ` after a key's, on its line, at any
    // depth. The hint is the line with its value in quotes.
    if reason.contains("mapping values are not allowed") {
        let line = line_text(pos.line);
        let chars: Vec<char> = line.chars().collect();
        let colon = |from: usize| {
            (from..chars.len()).find(|&i| {
                chars[i] == ':' && chars.get(i + 1).is_none_or(|c| *c == ' ' || *c == '\t')
            })
        };
        if let Some(first) = colon(0).filter(|&first| colon(first + 1).is_some()) {
            let key: String = chars[..first].iter().collect();
            let value: String = chars[first + 1..].iter().collect::<String>();
            let value = value.trim().replace('"', "'");
            let fixed = format!("{key}: \"{value}\"");
            let second = colon(first + 1).unwrap_or(first);
            return Explained {
                pos: Pos::new(pos.line, second + 1),
                message: lang.pick("dấu `:` giữa giá trị", "a `:` inside a value").into(),
                hint: match lang {
                    Lang::Vi => format!("đặt cả giá trị trong ngoặc kép: `{}`", fixed.trim_start()),
                    Lang::En => {
                        format!("put the whole value in double quotes: `{}`", fixed.trim_start())
                    }
                },
            };
        }
    }
    if reason.contains("mapping values are not allowed") && !indented {
        return explained(
            pos,
            ("dấu `:` giữa giá trị".into(), "a `:` inside a value".into()),
            (
                "đặt cả giá trị trong ngoặc kép, ví dụ title: \"Phường 12: bài học\"",
                "put the whole value in double quotes, e.g. title: \"Ward 12: lessons\"",
            ),
        );
    }
    if reason.contains("mapping values are not allowed")
        || reason.contains("did not find expected key")
        || reason.contains("did not find expected '-' indicator")
        || reason.contains("block sequence entries are not allowed")
    {
        // The indentation itself is the mistake: the start of the line.
        return explained(
            Pos::new(pos.line, 1),
            (
                "thụt lề không khớp với các dòng trên".into(),
                "the indentation does not match the lines above".into(),
            ),
            (
                "các trường viết sát lề trái; các mục của một danh sách thụt lề như nhau, mỗi mục bắt đầu bằng `- `",
                "fields start at the left margin; the items of a list are indented alike, each starting with `- `",
            ),
        );
    }
    if reason.contains("recursion limit") || reason.contains("repetition limit") {
        return explained(
            pos,
            (format!("YAML không hợp lệ: {reason}"), format!("invalid YAML: {reason}")),
            (
                "dùng quá nhiều bí danh YAML (&, *); hãy viết giá trị trực tiếp",
                "too many YAML aliases (&, *); write values out",
            ),
        );
    }
    explained(
        pos,
        (format!("YAML không hợp lệ: {reason}"), format!("invalid YAML: {reason}")),
        (
            "giá trị có dấu `:` hoặc `#` cần đặt trong ngoặc kép, ví dụ title: \"Phường 12: bài học\"; danh sách viết mỗi mục một dòng bắt đầu bằng `- `",
            "quote values containing `:` or `#`, e.g. title: \"Ward 12: lessons\"; write list items one per line starting with `- `",
        ),
    )
}

/// Explains `line` (line `line_no`) when its key or list item lacks the space after `:`
/// or `-`: `theme:Dân vận`, `-Nghị quyết 21-NQ/TW`. The key must start with a letter and
/// the `:` be followed by no `//`, so that times (`10:30`) and addresses (`http://x`) on
/// a line of their own are left alone.
/// A `key: value` line whose value starts with a character YAML gives a meaning to (a
/// quote or bracket that closes before the text ends, or `*`, `&`, `!`, `%`, `>`, `|`),
/// where the editor meant plain text: the whole value is to be quoted.
fn odd_start(line: &str, line_no: usize, lang: Lang) -> Option<Explained> {
    let colon = line.find(": ")?;
    let key = &line[..colon];
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    let value = line[colon + 2..].trim();
    let first = value.chars().next()?;
    let closing = match first {
        '"' | '\'' => Some(first),
        '[' => Some(']'),
        '{' => Some('}'),
        '*' | '&' | '!' | '%' | '>' | '|' => None,
        _ => return None,
    };
    let after = match closing {
        // Only a value that goes on after its closing mark.
        Some(closing) => value[value[1..].find(closing)? + 2..].trim(),
        // `summary: >` or `|-` starting a block of lines is YAML as meant.
        None if matches!(first, '>' | '|') => value[1..]
            .trim_start_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit())
            .trim(),
        None => &value[1..],
    };
    if after.is_empty() || after.starts_with('#') || after.starts_with(',') {
        return None;
    }
    let start = line.len() - line[colon + 2..].trim_start().len();
    let col = line[..start].chars().count() + 1;
    let quoted = if value.contains('\'') && !value.contains('"') {
        format!("{key}: \"{value}\"")
    } else {
        format!("{key}: '{}'", value.replace('\'', "''"))
    };
    Some(Explained {
        pos: Pos::new(line_no, col),
        message: match lang {
            Lang::Vi => {
                format!("YAML không đọc được giá trị bắt đầu bằng `{first}` như chữ thường")
            }
            Lang::En => format!("YAML does not read a value starting with `{first}` as plain text"),
        },
        hint: match lang {
            Lang::Vi => format!("đặt cả giá trị trong dấu ngoặc: `{quoted}`"),
            Lang::En => format!("quote the whole value: `{quoted}`"),
        },
    })
}

pub(super) fn missing_space(line: &str, line_no: usize, lang: Lang) -> Option<Explained> {
    let rest = line.trim_start_matches([' ', '\t']);
    let indent = line.chars().count() - rest.chars().count();
    let (mark, written, value) = if let Some(value) = rest.strip_prefix('-') {
        ('-', "-", value)
    } else {
        let key_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))?;
        let (key, after) = rest.split_at(key_len);
        let value = after.strip_prefix(':').filter(|v| !v.starts_with("//"))?;
        key.starts_with(char::is_alphabetic).then_some((':', &rest[..key_len + 1], value))?
    };
    // `--x` and `a::b` are some other mistake.
    if value.is_empty() || value.starts_with(char::is_whitespace) || value.starts_with(mark) {
        return None;
    }
    let fixed = format!("{written} {value}");
    let col = indent + written.chars().count() + 1;
    Some(Explained {
        pos: Pos::new(line_no, col),
        message: match lang {
            Lang::Vi => format!("thiếu dấu cách sau `{mark}`"),
            Lang::En => format!("missing space after `{mark}`"),
        },
        hint: format!("{} `{}`", lang.pick("viết", "write"), fixed.trim_end()),
    })
}

/// Whether `line` is the key `key` at the left margin: `title:` or `title :`.
fn starts_with_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':'))
}

/// The mapping path (`vi`, `a.b`, or "" at the top) and the key of serde_yaml's message
/// for a key written twice: `vi: duplicate entry with key "home"`.
fn duplicate(reason: &str) -> Option<(&str, &str)> {
    const DUPLICATE: &str = "duplicate entry with key \"";
    let (path, rest) = match reason.strip_prefix(DUPLICATE) {
        Some(rest) => ("", rest),
        None => reason.split_once(&format!(": {DUPLICATE}"))?,
    };
    Some((path, rest.strip_suffix('"')?))
}

/// Where `key` is written in the block mapping at `path` (`vi`, `a.b`; "" for the top
/// level), read by indentation: each line's 1-based number and the key's column. Empty
/// when the path goes through a list or a flow mapping.
fn key_lines(lines: &[&str], path: &str, key: &str) -> Vec<Pos> {
    let indent_of = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let blank = |line: &str| line.trim().is_empty() || line.trim_start().starts_with('#');
    let writes = |i: usize, indent: usize, key: &str| {
        indent_of(lines[i]) == indent && starts_with_key(&lines[i][indent..], key)
    };
    let (mut range, mut indent) = (0..lines.len(), 0);
    for segment in path.split('.').filter(|segment| !segment.is_empty()) {
        let Some(start) = range.clone().find(|&i| writes(i, indent, segment)) else {
            return Vec::new();
        };
        let below = start + 1..range.end;
        let end = below
            .clone()
            .find(|&i| !blank(lines[i]) && indent_of(lines[i]) <= indent)
            .unwrap_or(range.end);
        range = start + 1..end;
        match range.clone().find(|&i| !blank(lines[i])) {
            Some(i) => indent = indent_of(lines[i]),
            None => return Vec::new(),
        }
    }
    range.filter(|&i| writes(i, indent, key)).map(|i| Pos::new(i + 1, indent + 1)).collect()
}

/// The chars of `line` outside double and single quotes, up to a comment.
fn unquoted(line: &str) -> impl Iterator<Item = char> + '_ {
    let mut quotes = Quotes::default();
    line.chars().filter(move |&c| quotes.outside(c))
}

/// Whether a quoted string (`"…"` or `'…'`) is open, read char by char.
#[derive(Default)]
pub(super) struct Quotes(Option<char>);

impl Quotes {
    /// Reads `c`: true when it is text outside quotes (a quote mark is not).
    pub(super) fn outside(&mut self, c: char) -> bool {
        match self.0 {
            Some(q) => {
                if c == q {
                    self.0 = None;
                }
                false
            }
            None if c == '"' || c == '\'' => {
                self.0 = Some(c);
                false
            }
            None => true,
        }
    }

    /// The quote `text` leaves open, if any.
    pub(super) fn open_after(text: &str) -> Option<char> {
        let mut quotes = Quotes::default();
        text.chars().for_each(|c| {
            quotes.outside(c);
        });
        quotes.0
    }
}

/// The 1-based column of the first `c` in `line` (1 when there is none).
fn column_of(line: &str, c: char) -> usize {
    line.chars().position(|x| x == c).map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(reason: &str, yaml: &str, line: usize, col: usize) -> Explained {
        explain(reason, yaml, Pos::new(line, col), 1, Lang::Vi)
    }

    #[test]
    fn a_value_starting_with_a_yaml_mark_is_to_be_quoted() {
        for (line, hint) in [
            (r#"title: "Chỉ thị 05" và kết quả"#, r#"`title: '"Chỉ thị 05" và kết quả'`"#),
            ("title: [Dự thảo] Bài học", "`title: '[Dự thảo] Bài học'`"),
            ("title: *Bài* học", "`title: '*Bài* học'`"),
            ("title: 'Bài' của tôi", r#"`title: "'Bài' của tôi"`"#),
        ] {
            let e = at("did not find expected key", &format!("year: 2022\n{line}\n"), 3, 1);
            assert_eq!(e.pos, Pos::new(2, 8), "{line}");
            assert!(e.hint.ends_with(hint), "{line}: {}", e.hint);
        }
        // Marks YAML reads as meant: not blamed for an error elsewhere.
        for line in ["theme: [Dân vận, Xây dựng Đảng]", "summary: >-", "title: \"Bài\" # ghi chú"]
        {
            let e = at("did not find expected key", &format!("{line}\nyear: 2022\n"), 2, 1);
            assert!(!e.message.contains("bắt đầu bằng"), "{line}: {}", e.message);
        }
    }

    #[test]
    fn errors_point_where_the_mistake_is() {
        let yaml = "title: A\nyear: [2021\ndirective: x\n";
        let e = at("did not find expected ',' or ']'", yaml, 3, 10);
        assert_eq!(
            (e.pos, e.message.as_str()),
            (Pos::new(2, 7), "`[` mở ở đây chưa được đóng bằng `]`")
        );
        let e = at("duplicate entry with key \"title\"", "title: A\nyear: 1\ntitle : B\n", 1, 1);
        assert_eq!(
            (e.pos, e.message.as_str()),
            (Pos::new(3, 1), "trường `title` được viết hai lần (lần đầu ở dòng 1)")
        );
        let e = at("found unexpected end of stream", "title: \"A\nyear: 1\n", 3, 1);
        assert_eq!(e.pos, Pos::new(1, 8));
        let e = at("found character that cannot start any token", "a:\n\t- x\n", 2, 1);
        assert!(e.message.contains("tab"), "{e:?}");
        let e = at("found character that cannot start any token", "title: `x`\n", 1, 8);
        assert_eq!(e.message, "giá trị không được bắt đầu bằng “`”");
        let e = at("mapping values are not allowed in this context", "title: A: b\n", 1, 9);
        assert_eq!(e.message, "dấu `:` giữa giá trị");
        let e = at("mapping values are not allowed in this context", "ward: P\n  year: 1\n", 2, 7);
        assert_eq!(e.message, "thụt lề không khớp với các dòng trên");
        let e = at("something else", "a: b\n", 1, 1);
        assert_eq!(e.message, "YAML không hợp lệ: something else");
    }

    #[test]
    fn a_key_written_twice_one_level_down_is_told_at_the_second_with_the_first() {
        let yaml = "# chuỗi\nvi:\n  home: A\n  toc: B\n\n  home: C\nen:\n  home: D\n";
        let e = at("vi: duplicate entry with key \"home\"", yaml, 3, 3);
        assert_eq!(
            (e.pos, e.message.as_str(), e.hint.as_str()),
            (
                Pos::new(6, 3),
                "`home` được viết hai lần trong `vi:` (lần đầu ở dòng 3)",
                "giữ một dòng và xóa dòng kia"
            )
        );
        let deeper = "a:\n  b:\n    c: 1\n  d:\n    c: 2\n    c: 3\n";
        let e = explain("a.d: duplicate entry with key \"c\"", deeper, Pos::new(5, 5), 1, Lang::En);
        assert_eq!(
            (e.pos, e.message.as_str()),
            (Pos::new(6, 5), "`c` is written twice under `a.d:` (first on line 5)")
        );
        // In an article, lines count from the file's first, the `---`.
        let e = explain(
            "duplicate entry with key \"year\"",
            "year: 1\nyear: 2\n",
            Pos::START,
            2,
            Lang::Vi,
        );
        assert_eq!(
            (e.pos, e.message.as_str()),
            (Pos::new(3, 1), "trường `year` được viết hai lần (lần đầu ở dòng 2)")
        );
    }

    #[test]
    fn a_missing_space_is_found_on_the_line_written_not_the_line_reported() {
        let found = |reason: &str, yaml: &str, line: usize| {
            let e = at(reason, yaml, line, 1);
            (e.pos.line, e.pos.col, e.message, e.hint)
        };
        let fix = |line: usize, col: usize, mark: &str, hint: &str| {
            (line, col, format!("thiếu dấu cách sau `{mark}`"), format!("viết `{hint}`"))
        };
        // libyaml notices the first one on the next line, the last one past the end.
        let yaml = "title:Bài học\nward: Phường 12\n";
        assert_eq!(
            found("mapping values are not allowed in this context", yaml, 2),
            fix(1, 7, ":", "title: Bài học")
        );
        let yaml = "ward: P\nyear:2023\ndirective: Chỉ thị 05-CT/TW\n";
        assert_eq!(found("could not find expected ':'", yaml, 3), fix(2, 6, ":", "year: 2023"));
        let yaml = "ward: P\ntheme:Dân vận\n";
        assert_eq!(found("could not find expected ':'", yaml, 3), fix(2, 7, ":", "theme: Dân vận"));
        let yaml = "directive:\n  - Chỉ thị 05-CT/TW\n  -Nghị quyết 21-NQ/TW\ntheme: x\n";
        assert_eq!(
            found("could not find expected ':'", yaml, 4),
            fix(3, 4, "-", "- Nghị quyết 21-NQ/TW")
        );
        // A whole file (sotay.yaml) has nested keys.
        let yaml = "title: Sổ tay\ndirective_aliases:\n  NQTW5:Nghị quyết\n";
        assert_eq!(
            found("could not find expected ':'", yaml, 4),
            fix(3, 9, ":", "NQTW5: Nghị quyết")
        );
    }

    #[test]
    fn addresses_times_and_spaced_lines_are_no_missing_space() {
        for line in [
            "source: http://x",
            "title: Họp lúc 10:30",
            "  http://vi.wikipedia.org",
            "  10:30 sáng",
            "  - Chỉ thị 05-CT/TW",
            "---",
            "  --x",
            "# ghi chú:x",
            "tags:",
            "-",
        ] {
            assert_eq!(missing_space(line, 1, Lang::Vi), None, "{line}");
        }
        // A URL in a value does not hide the real mistake reported on its line.
        let e =
            at("mapping values are not allowed in this context", "source: http://a: b\n", 1, 17);
        assert_eq!(e.message, "dấu `:` giữa giá trị");
    }

    #[test]
    fn english_sites_read_english() {
        let e = explain("could not find expected ':'", "year:2023\n", Pos::new(2, 1), 1, Lang::En);
        assert_eq!(
            (e.message.as_str(), e.hint.as_str()),
            ("missing space after `:`", "write `year: 2023`")
        );
        let e =
            explain("did not find expected key", "a:\n - x\n  - y\n", Pos::new(3, 2), 1, Lang::En);
        assert_eq!(e.message, "the indentation does not match the lines above");
    }
}
