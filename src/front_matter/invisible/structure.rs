//! Where YAML reads structure on a line (the indentation, a key, the space after
//! `key:` or `-`, a key's `:` inside braces), the characters that cannot be seen: each
//! an error at its own column that names it, with the line as it should be typed.

use super::{is_odd, is_zero_width};
use crate::diagnostic::Pos;
use crate::front_matter::syntax::{Explained, Quotes};
use crate::i18n::Lang;

mod told;

use told::explain;

/// Where on a line an odd character sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Indent,
    Key,
    AfterColon,
    AfterDash,
    /// After the `:` of a key inside braces: `{title:\u{a0}Bài học, ward: …}`.
    AfterFlowColon,
}

/// An odd character where YAML reads structure: its 1-based column, the character, where
/// it sits and the mark it follows or is in (`title:`, `-`).
#[derive(Debug)]
struct Odd {
    col: usize,
    c: char,
    place: Place,
    mark: String,
}

/// What each top-level key of a file holds on the lines below it when written alone:
/// keys of its own (`directive_aliases:` in `sotay.yaml`, `vi:` in `strings.yaml`), a
/// list (`theme:` in an article), or else text. `summary:` then `  Ngày đăng:\u{a0}…` or
/// `  -\u{a0}chi bộ` is a summary, as YAML reads it, not a key or an item.
#[derive(Debug, Clone, Copy)]
pub(in crate::front_matter) enum Nested<'a> {
    Keys {
        keys: &'a [&'a str],
        lists: &'a [&'a str],
    },
    /// Every key holds keys.
    All,
}

/// What the lines under a key written alone are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    Keys,
    List,
    Text,
}

impl Nested<'_> {
    /// An article's front matter: no key holds keys; these hold lists.
    pub(in crate::front_matter) const ARTICLE: Nested<'static> =
        Nested::Keys { keys: &[], lists: &["directive", "theme", "tags"] };

    fn holds(self, key: &str) -> Holds {
        match self {
            Nested::Keys { keys, .. } if keys.contains(&key) => Holds::Keys,
            Nested::Keys { lists, .. } if lists.contains(&key) => Holds::List,
            Nested::Keys { .. } => Holds::Text,
            Nested::All => Holds::Keys,
        }
    }
}

/// Every line of `yaml` (whose first line is file line `first_line`) with an odd
/// character where YAML's structure is, explained at that character: the first on each
/// line. The lines that continue a value are its text and are passed over: those under a
/// value written on its key's or item's line (a `|` or `>` block, a long title folded onto
/// the next lines), those under a top-level `key:` alone that holds no keys (`nested`)
/// but for list items, and those after the first line of text under another `key:` alone.
pub(in crate::front_matter) fn structure(
    yaml: &str,
    first_line: usize,
    nested: Nested,
    lang: Lang,
) -> Vec<Explained> {
    let mut found = Vec::new();
    // Nearly every file has none: one pass over its characters finds that out, where
    // reading each line's structure cost as much as the rest of the front matter's checks.
    if !yaml.contains('\t') && !yaml.chars().any(|c| !c.is_ascii() && is_odd(c)) {
        return found;
    }
    // The indentation of the key or item whose value the lines below it continue.
    let mut text_under: Option<usize> = None;
    // The indentation of a `key:` or `-` alone on its line (its value starts below it),
    // and whether that value may be keys.
    let mut value_below: Option<(usize, Holds)> = None;
    // The indentation of the file's top-level keys.
    let mut top_indent: Option<usize> = None;
    // The quote of a value in quotes that goes on to the next lines.
    let mut open_quote: Option<char> = None;
    // How many `{` or `[` of a flow mapping written over several lines are open.
    let mut flow_depth = 0;
    for (index, line) in yaml.lines().enumerate() {
        let indent = line.chars().take_while(|&c| c == ' ').count();
        let rest = &line[indent..];
        // Inside a quoted value going on over lines, at any indentation: its text.
        if let Some(q) = open_quote {
            if closing_quote(line, q).is_some() {
                open_quote = None;
            }
            continue;
        }
        if let Some(opened) = text_under {
            if rest.is_empty() || indent > opened {
                continue;
            }
        }
        text_under = None;
        let body = line.trim_start_matches(|c: char| c == ' ' || c == '\t' || is_odd(c));
        // Under a key that holds text, anything is text; under one that holds a list,
        // anything but an item.
        if let Some((opener, holds @ (Holds::Text | Holds::List))) = value_below {
            let item = holds == Holds::List && is_item(body);
            if indent > opener && !body.is_empty() && !body.starts_with('#') && !item {
                value_below = None;
                text_under = Some(opener);
                continue;
            }
        }
        // Braces from the line's start, or after its key (`vi: {home: Trang}`).
        let braces_after_key = after_mark(rest).is_some_and(|value| value.starts_with('{'));
        let in_flow = flow_depth > 0 || body.starts_with('{') || braces_after_key;
        if in_flow {
            flow_depth = (flow_depth + flow_balance(body)).max(0);
        }
        let odd = odd_on(line).or_else(|| in_flow.then(|| flow_odd(line)).flatten());
        if let Some(odd) = odd {
            found.push(explain(line, Pos::new(index + first_line, odd.col), &odd, lang));
        }
        if in_flow || body.is_empty() || body.starts_with('#') {
            continue;
        }
        // The first line of text under `summary:` alone: the lines below it go on with it
        // (`  -\u{a0}dòng hai` is text, as YAML reads it, not an item).
        let below = value_below.take().map(|(opener, _)| opener);
        // The top level is where the first line of structure stands (a file may be
        // indented as a whole).
        let top = *top_indent.get_or_insert(indent);
        open_quote = unclosed_quote(rest);
        if opens_text(rest) {
            text_under = Some(indent);
        } else if below.is_some_and(|opener| indent > opener) && !is_structural(body) {
            text_under = below;
        }
        if opens_below(rest) {
            // What the lines below hold: for a key at the top, as `nested` says; a key
            // further in (an alias under `directive_aliases`, a text of a `strings.yaml`
            // group) or an item written alone holds its text.
            let holds = match key_colon(rest) {
                Some(colon) if indent == top => nested.holds(&clean_key(&rest[..colon])),
                _ => Holds::Text,
            };
            value_below = Some((indent, holds));
        }
    }
    found
}

/// The quote a line's value (after its key or `-`) opens and does not close, if any:
/// `title: "Bài học` goes on over the next lines until a `"`.
fn unclosed_quote(rest: &str) -> Option<char> {
    let value = after_mark(rest)?;
    let q = value.chars().next().filter(|&c| c == '"' || c == '\'')?;
    closing_quote(&value[1..], q).is_none().then_some(q)
}

/// Where quote `q` closes in `text` (a `\"` in double quotes and a `''` in single ones
/// are no closing), if it does.
fn closing_quote(text: &str, q: char) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' if q == '"' => {
                chars.next();
            }
            c if c == q => {
                if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                    continue;
                }
                return Some(at);
            }
            _ => {}
        }
    }
    None
}

/// Whether a line (without its indentation) holds a value after its key or `-`, which
/// the more indented lines below it continue as text.
fn opens_text(rest: &str) -> bool {
    after_mark(rest).is_some_and(|value| !value.is_empty() && !value.starts_with('#'))
}

/// Whether a line (without its indentation) is a `key:` or `-` with nothing after it but
/// a comment: its value, if any, is on the lines below.
fn opens_below(rest: &str) -> bool {
    after_mark(rest).is_some_and(|value| value.is_empty() || value.starts_with('#'))
}

/// What follows the key's `:` or the item's `-` of a line (without its indentation),
/// spaces and tabs taken off.
fn after_mark(rest: &str) -> Option<&str> {
    let value = match rest.strip_prefix('-') {
        Some(item) if item.is_empty() || item.starts_with([' ', '\t']) => item,
        _ => &rest[key_colon(rest)? + 1..],
    };
    Some(value.trim_start_matches([' ', '\t']))
}

/// Whether a line, from its first visible character, is a list item to the eye: `-`
/// then a space, an odd character or nothing.
fn is_item(body: &str) -> bool {
    body.strip_prefix('-').is_some_and(|after| {
        after.chars().next().is_none_or(|c| c == ' ' || c == '\t' || is_odd(c))
    })
}

/// Whether a line, from its first visible character, is a key or a list item to the eye:
/// `key:`, or `-` then a space, an odd character or nothing.
fn is_structural(body: &str) -> bool {
    is_item(body) || key_colon(body).is_some()
}

/// The first odd character of `line` where YAML's structure is. Elsewhere (inside a
/// value) it is text.
fn odd_on(line: &str) -> Option<Odd> {
    let lead = line.chars().take_while(|&c| c == ' ' || c == '\t' || is_odd(c)).count();
    let lead_bytes: usize = line.chars().take(lead).map(char::len_utf8).sum();
    let rest = &line[lead_bytes..];
    let structural = rest.starts_with('-') || key_colon(rest).is_some();
    // A tab is blank on a line with nothing else, or before a comment.
    let in_lead = line.chars().take(lead).position(|c| is_odd(c) || (c == '\t' && structural));
    let key_mark = || key_colon(rest).map(|colon| format!("{}:", clean_key(&rest[..colon])));
    if let Some(at) = in_lead {
        // At the very start of a line not going on with a value (those were passed
        // over), a character that looks like a space is no indentation to YAML.
        if structural || rest.is_empty() || rest.starts_with('#') || at == 0 {
            let c = line.chars().nth(at)?;
            let mark = key_mark().unwrap_or_default();
            return Some(Odd { col: at + 1, c, place: Place::Indent, mark });
        }
        return None;
    }
    if let Some(after) = rest.strip_prefix('-') {
        let c = after.chars().next().filter(|&c| is_odd(c))?;
        return Some(Odd { col: lead + 2, c, place: Place::AfterDash, mark: "-".into() });
    }
    let colon = key_colon(rest)?;
    let key = &rest[..colon];
    let mark = key_mark()?;
    if let Some((at, c)) = key.chars().enumerate().find(|&(_, c)| is_odd(c)) {
        return Some(Odd { col: lead + at + 1, c, place: Place::Key, mark });
    }
    let c = rest[colon + 1..].chars().next().filter(|&c| is_odd(c))?;
    Some(Odd { col: lead + key.chars().count() + 2, c, place: Place::AfterColon, mark })
}

/// In a line of a flow mapping (`{title:\u{a0}Bài học, ward: …}`), the first entry whose
/// key's `:` is followed by an odd character. An entry starts the line, or follows a
/// `{`, `[` or `,` outside quotes; a `:` in its value is text.
fn flow_odd(line: &str) -> Option<Odd> {
    let mut quotes = Quotes::default();
    let mut start = 0;
    for (at, c) in line.char_indices().chain(std::iter::once((line.len(), ','))) {
        if !quotes.outside(c) || !matches!(c, '{' | '}' | '[' | ']' | ',') {
            continue;
        }
        let entry = line[start..at].trim_start_matches([' ', '\t']);
        start = at + c.len_utf8();
        let Some(colon) = key_colon(entry) else { continue };
        let Some(odd) = entry[colon + 1..].chars().next().filter(|&c| is_odd(c)) else {
            continue;
        };
        let col = line[..at].chars().count() - entry[colon + 1..].chars().count() + 1;
        let mark = format!("{}:", clean_key(&entry[..colon]));
        return Some(Odd { col, c: odd, place: Place::AfterFlowColon, mark });
    }
    None
}

/// How many `{` and `[` outside quotes `line` leaves open (negative: closes).
fn flow_balance(line: &str) -> i32 {
    let mut quotes = Quotes::default();
    line.chars().filter(|&c| quotes.outside(c)).fold(0, |depth, c| match c {
        '{' | '[' => depth + 1,
        '}' | ']' => depth - 1,
        _ => depth,
    })
}

/// The byte offset of the `:` ending the key `rest` starts with: after a quoted key, its
/// closing quote; else the first `:` followed by a space, a tab, an odd character or
/// nothing (`chủ đề:`, `NQTW6 (lần 2):`). Odd characters in the key are allowed
/// (`title\u{a0}:`, `\u{200b}ward:`). A key starts with a letter and holds no other `:`
/// and no comment, so that `http://x:`, `10:30:` and `# ghi chú:` are text.
fn key_colon(rest: &str) -> Option<usize> {
    if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
        let end = rest[1..].find(quote)? + 2;
        return rest[end..].starts_with(':').then_some(end);
    }
    let colon = rest.match_indices(':').map(|(at, _)| at).find(|&at| {
        rest[at + 1..].chars().next().is_none_or(|c| c == ' ' || c == '\t' || is_odd(c))
    })?;
    let key: String = rest[..colon].chars().filter(|&c| !is_odd(c)).collect();
    let is_key = key.starts_with(char::is_alphabetic)
        && !key.contains(':')
        && !key.contains(" #")
        && !key.contains("\t#");
    is_key.then_some(colon)
}

/// A key as it should be written: without its zero-width characters, an odd space in it
/// made an ordinary one, none at its end.
fn clean_key(key: &str) -> String {
    let key: String = key
        .chars()
        .filter(|&c| !is_zero_width(c))
        .map(|c| if is_odd(c) { ' ' } else { c })
        .collect();
    key.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::told::fixed;
    use super::*;

    const ALIASES: Nested = Nested::Keys { keys: &["directive_aliases"], lists: &[] };

    /// (line, column, message) of each odd character `structure` finds.
    fn found(yaml: &str) -> Vec<(usize, usize, String)> {
        found_in(yaml, Nested::ARTICLE)
    }

    fn found_in(yaml: &str, nested: Nested) -> Vec<(usize, usize, String)> {
        structure(yaml, 2, nested, Lang::Vi)
            .into_iter()
            .map(|e| (e.pos.line, e.pos.col, e.message))
            .collect()
    }

    #[test]
    fn a_no_break_space_after_a_key_is_named_at_its_column() {
        let e = &structure("ward: P\ntitle:\u{a0}Kinh nghiệm\n", 2, Nested::ARTICLE, Lang::Vi)[0];
        assert_eq!(e.pos, Pos::new(3, 7));
        assert_eq!(
            e.message,
            "sau `title:` là dấu cách không ngắt (U+00A0), không phải dấu cách thường"
        );
        assert!(e.hint.ends_with("gõ lại bằng phím cách: `title: Kinh nghiệm`"), "{}", e.hint);
    }

    #[test]
    fn odd_characters_where_yaml_reads_structure_are_each_found() {
        let yaml = "\u{200b}ward: P\ntheme\u{a0}: x\nyear:\u{3000}2023\ndirective:\n\u{a0}\u{a0}- a\n  -\u{a0}b\n\t- c\ntags:\u{200b} d\n";
        let expect = |line, col, what: &str| (line, col, what.to_string());
        assert_eq!(
            found(yaml),
            [
                expect(2, 1, "đầu dòng có dấu cách độ rộng 0 (U+200B), một ký tự vô hình"),
                expect(
                    3,
                    6,
                    "tên khóa `theme:` có dấu cách không ngắt (U+00A0), một ký tự vô hình"
                ),
                expect(
                    4,
                    6,
                    "sau `year:` là dấu cách toàn khổ (U+3000), không phải dấu cách thường"
                ),
                expect(
                    6,
                    1,
                    "đầu dòng có dấu cách không ngắt (U+00A0): chỉ thụt lề bằng dấu cách thường"
                ),
                expect(7, 4, "sau `-` là dấu cách không ngắt (U+00A0), không phải dấu cách thường"),
                expect(8, 1, "đầu dòng có ký tự tab: chỉ thụt lề bằng dấu cách thường"),
                expect(9, 6, "sau `tags:` có dấu cách độ rộng 0 (U+200B), một ký tự vô hình"),
            ]
        );
        let fixes: Vec<String> = yaml.lines().map(fixed).collect();
        assert_eq!(
            fixes,
            [
                "ward: P",
                "theme: x",
                "year: 2023",
                "directive:",
                "  - a",
                "  - b",
                "  - c",
                "tags: d"
            ]
        );
    }

    #[test]
    fn odd_characters_inside_values_and_text_blocks_are_text() {
        for yaml in [
            "title: Bài\u{a0}học\n",
            "ward: Phường\u{200b} 1\n",
            "title:\tBài học\n",
            "summary: |\n  Ghi:\u{a0}chú\n  \u{a0}- thụt\n",
            "directive:\n  - Chỉ thị\u{a0}05\n",
            "title: Bài\n  \u{a0}tiếp theo\n",
            "summary: Đoạn\n  Ghi_chu:\u{a0}x\n  -\u{a0}y\n",
            "directive:\n  - Chỉ thị\n    -\u{a0}tiếp\n",
            "source: http://x\u{a0}y\n",
            "\t\n# ghi chú\n",
        ] {
            assert_eq!(found(yaml), [], "{yaml:?}");
        }
    }

    #[test]
    fn a_no_break_space_after_a_key_of_several_words_is_named_too() {
        let told = found("ward: P\nchủ đề:\u{a0}Dân vận\n");
        let nbsp = "là dấu cách không ngắt (U+00A0), không phải dấu cách thường";
        assert_eq!(told, [(3, 8, format!("sau `chủ đề:` {nbsp}"))]);
        let aliases = "directive_aliases:\n  NQTW5: Nghị quyết\n  NQTW6 (lần 2):\u{a0}Nghị quyết Trung ương 6\n";
        assert_eq!(found_in(aliases, ALIASES), [(4, 17, format!("sau `NQTW6 (lần 2):` {nbsp}"))]);
        // The first alias too.
        let first = "directive_aliases:\n  NQTW6 (lần 2):\u{a0}Nghị quyết\n";
        assert_eq!(found_in(first, ALIASES), [(3, 17, format!("sau `NQTW6 (lần 2):` {nbsp}"))]);
        let e = &structure(aliases, 1, ALIASES, Lang::Vi)[0];
        assert!(e.hint.ends_with("`  NQTW6 (lần 2): Nghị quyết Trung ương 6`"), "{}", e.hint);
        // A quoted key ends at its closing quote.
        let quoted = "\"title\":\u{a0}Bài học\n";
        assert_eq!(found(quoted), [(2, 9, format!("sau `\"title\":` {nbsp}"))]);
    }

    #[test]
    fn a_colon_and_a_no_break_space_in_a_value_or_a_comment_are_text() {
        for yaml in [
            "title: Bài học:\u{a0}abc\n",
            "title: Bài học: \u{a0} abc\n",
            "source: http://x.vn/a:\u{a0}b\n",
            "source:\n  http://x.vn/a:\u{a0}b\n",
            "summary:\n  Họp lúc 9 giờ\n  10:\u{a0}30 tại hội trường\n",
            "# ghi chú:\u{a0}x\n",
            "ward: P # ghi chú:\u{a0}x\n",
            "{title: \"Bài:\u{a0}học\", ward: Bài học:\u{a0}x}\n",
        ] {
            assert_eq!(found(yaml), [], "{yaml:?}");
        }
    }

    #[test]
    fn the_lines_after_the_first_line_of_text_under_a_key_are_text() {
        for yaml in [
            "summary:\n  Dòng một\n  -\u{a0}dòng hai\n",
            "summary:\n  Dòng một\n  Ghi_chu:\u{a0}x\n",
            "summary: # ghi chú\n\n  Dòng một\n -\u{a0}dòng hai\ntheme: x\n",
            "summary:\n  \"Dòng một\n  -\u{a0}dòng hai\"\n",
        ] {
            assert_eq!(found(yaml), [], "{yaml:?}");
        }
        // The first line under the key is what the eye reads: an item; a key only under a
        // key that holds keys (in an article none does: `Ngày đăng:\u{a0}…` under
        // `summary:` is its text, as YAML reads it); and the lines after the text are
        // read again.
        let item = "sau `-` là dấu cách không ngắt (U+00A0), không phải dấu cách thường";
        assert_eq!(found("theme:\n  -\u{a0}Dân vận\n"), [(3, 4, item.to_string())]);
        let key = "summary:\n  Ghi_chu:\u{a0}x\n";
        assert_eq!(found(key), []);
        assert_eq!(found("summary:\n  Ngày đăng:\u{a0}01/04/2021, tại phường\n"), []);
        // A value in quotes goes on over lines at any indentation.
        assert_eq!(found("title: \"Bài học\nvề:\u{a0}dân vận\"\nward: P\n"), []);
        assert_eq!(found("title: 'Bài ''học''\nvề:\u{a0}x'\nward:\u{a0}P\n")[0].0, 4);
        assert_eq!(found("title: \"a \\\" b\nvề:\u{a0}x\"\n"), []);
        // An item, or a key further in, written alone holds its text below it; so does a
        // key at the top of a file indented as a whole.
        assert_eq!(found("theme:\n  -\n    Dân vận học:\u{a0}abc\n"), []);
        let alias = "directive_aliases:\n  NQ5:\n    Nghị quyết:\u{a0}Trung ương 5\n";
        assert_eq!(found_in(alias, ALIASES), []);
        assert_eq!(found_in("vi:\n  home:\n    Trang:\u{a0}nhà\n", Nested::All), []);
        assert_eq!(found("  ward: P\n  summary:\n    Ngày đăng:\u{a0}x\n"), []);
        assert_eq!(found("  ward: P\n  title:\u{a0}x\n")[0].0, 3);
        // Braces after a key are read as those on their own line.
        let nbsp = "sau `home:` là dấu cách không ngắt (U+00A0), không phải dấu cách thường";
        assert_eq!(found_in("vi: {home:\u{a0}Trang}\n", Nested::All), [(2, 11, nbsp.into())]);
        assert_eq!(found_in("vi: {home: Trang\u{a0}chủ}\n", Nested::All), []);
        // A no-break space at the start of a line, where indentation goes, is told.
        assert_eq!(found("source:\n\u{a0} Sở Nội vụ\n")[0].0, 3);
        // A comment under the key is no text: the list below it is read as one.
        let commented = "theme:\n  # ghi chú\n  -\u{a0}Dân vận\n";
        assert_eq!(found(commented), [(4, 4, item.to_string())]);
        assert_eq!(found_in(key, Nested::Keys { keys: &["summary"], lists: &[] })[0].0, 3);
        // Under a key that takes no list, a line starting `-` and an odd space is text.
        assert_eq!(found("summary:\n  -\u{2003}chi bộ, đạt\n"), []);
        assert_eq!(found_in(key, Nested::All)[0].0, 3);
        let after = "summary:\n  Dòng một\ntheme:\n  -\u{a0}Dân vận\n";
        assert_eq!(found(after), [(5, 4, item.to_string())]);
    }

    #[test]
    fn a_no_break_space_after_a_key_in_braces_is_named_at_its_column() {
        let flow = "{title:\u{a0}Bài học, ward: P1,\n  year: 2023, theme:\u{200b} Dân vận}\n";
        let told = structure(flow, 2, Nested::ARTICLE, Lang::Vi);
        let at: Vec<(Pos, &str)> = told.iter().map(|e| (e.pos, e.message.as_str())).collect();
        assert_eq!(
            at,
            [
                (
                    Pos::new(2, 8),
                    "sau `title:` là dấu cách không ngắt (U+00A0), không phải dấu cách thường"
                ),
                (Pos::new(3, 21), "sau `theme:` có dấu cách độ rộng 0 (U+200B), một ký tự vô hình"),
            ]
        );
        assert!(told[0].hint.ends_with("`{title: Bài học, ward: P1,`"), "{}", told[0].hint);
        assert!(told[1].hint.ends_with("`  year: 2023, theme: Dân vận}`"), "{}", told[1].hint);
    }

    #[test]
    fn a_line_holding_only_a_no_break_space_is_to_be_emptied() {
        let e = &structure("ward: P\n\u{a0}\ntheme: x\n", 2, Nested::ARTICLE, Lang::Vi)[0];
        assert_eq!(e.pos, Pos::new(3, 1));
        assert_eq!(
            e.hint,
            "xóa ký tự này để dòng trống hẳn (thường có khi dán từ Word, e-mail hay trang web)"
        );
        let e = &structure("\u{200b}\n", 1, Nested::ARTICLE, Lang::En)[0];
        assert!(e.hint.starts_with("delete it so that the line is empty"), "{}", e.hint);
    }
}
