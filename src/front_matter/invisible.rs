//! Characters an editor cannot see that change what YAML reads: a no-break space after
//! `title:` (pasted from Word, an e-mail or a web page), a zero-width space before a key,
//! a tab in the indentation. Where YAML's structure is (the indentation, a key, the space
//! after `key:` or `-`: `structure.rs`), each is an error at its own column that names it;
//! inside a name, the zero-width ones are taken out (`strip_zero_width`) so that two names
//! that look alike are one.

use serde_yaml::Value;

use super::syntax::Explained;
use crate::diagnostic::Pos;
use crate::i18n::Lang;

mod structure;

pub(super) use structure::{Nested, structure};

/// The characters told by name (Vietnamese, English). The first five have no width, so
/// a name holding one looks like the name without it; the last four stand for a space.
const NAMED: &[(char, &str, &str)] = &[
    ('\u{200B}', "dấu cách độ rộng 0 (U+200B)", "a zero-width space (U+200B)"),
    ('\u{200C}', "ký tự ngắt nối độ rộng 0 (U+200C)", "a zero-width non-joiner (U+200C)"),
    ('\u{200D}', "ký tự nối độ rộng 0 (U+200D)", "a zero-width joiner (U+200D)"),
    ('\u{2060}', "ký tự nối từ (U+2060)", "a word joiner (U+2060)"),
    ('\u{FEFF}', "ký tự BOM (U+FEFF)", "a byte order mark (U+FEFF)"),
    ('\u{00A0}', "dấu cách không ngắt (U+00A0)", "a no-break space (U+00A0)"),
    ('\u{202F}', "dấu cách hẹp không ngắt (U+202F)", "a narrow no-break space (U+202F)"),
    ('\u{3000}', "dấu cách toàn khổ (U+3000)", "an ideographic space (U+3000)"),
    ('\t', "ký tự tab", "a tab"),
];

/// How many of `NAMED` have no width.
const ZERO_WIDTH: usize = 5;

/// Whether `c` has no width and no meaning in a name: U+200B, U+200C, U+200D, U+2060,
/// U+FEFF.
pub(super) fn is_zero_width(c: char) -> bool {
    NAMED[..ZERO_WIDTH].iter().any(|(z, ..)| *z == c)
}

/// Whether `c` looks like a space, or like nothing, without being the space YAML reads
/// as one: a no-break or other Unicode space, or a zero-width character. Tabs are not
/// (YAML reads one after `key:`); `structure` looks for them in indentation only.
fn is_odd(c: char) -> bool {
    is_zero_width(c) || (c.is_whitespace() && !matches!(c, ' ' | '\t' | '\n' | '\r'))
}

/// The first character of `text` that looks like a space, or like nothing, without being
/// an ordinary space, with its name: for values that must hold none (an address, a
/// folder's name) and would otherwise be used with it.
pub fn first_odd(text: &str, lang: Lang) -> Option<(char, String)> {
    text.chars().find(|&c| is_odd(c)).map(|c| (c, name(c, lang)))
}

/// `text` without the characters `first_odd` finds.
pub fn without_odd(text: &str) -> String {
    text.chars().filter(|&c| !is_odd(c)).collect()
}

/// The name an editor is told for `c`.
pub(super) fn name(c: char, lang: Lang) -> String {
    match NAMED.iter().find(|(n, ..)| *n == c) {
        Some((_, vi, en)) => lang.pick(vi, en).to_string(),
        None => {
            let code = format!("U+{:04X}", u32::from(c));
            lang.pick(format!("một dấu cách lạ ({code})"), format!("an unusual space ({code})"))
        }
    }
}

/// `text` without its zero-width characters, and the first one found.
pub fn strip_zero_width(text: &str) -> (String, Option<char>) {
    let first = text.chars().find(|&c| is_zero_width(c));
    match first {
        Some(_) => (text.chars().filter(|&c| !is_zero_width(c)).collect(), first),
        None => (text.to_string(), None),
    }
}

/// A value of a type other than text (a number, a yes or no, a date, a language code)
/// that does not read only because of odd characters pasted with it (`year: 2020\u{a0}`,
/// `language: en\u{200b}`): the error at the first of them, naming it, with the value as
/// it reads without them. Zero-width characters are taken out wherever they are, the
/// others only at the value's ends. `reads` says whether a value is one `key` takes;
/// `line` is the source line the value starts on, at `pos`.
pub(super) fn in_typed_value(
    key: &str,
    value: &Value,
    (line, pos): (&str, Pos),
    lang: Lang,
    reads: impl Fn(&Value) -> bool,
) -> Option<Explained> {
    let Value::String(written) = value else { return None };
    let c = written.chars().find(|&c| is_odd(c))?;
    let cleaned: String = written.chars().filter(|&c| !is_zero_width(c)).collect();
    let cleaned = cleaned.trim();
    let again: Value = serde_yaml::from_str(cleaned).ok()?;
    if !matches!(again, Value::Bool(_) | Value::Number(_) | Value::String(_)) || !reads(&again) {
        return None;
    }
    // On the value's line, unless it is written there as an escape: then at the value.
    let at = line
        .chars()
        .enumerate()
        .skip(pos.col.saturating_sub(1))
        .find(|&(_, x)| x == c)
        .map_or(pos, |(i, _)| Pos::new(pos.line, i + 1));
    let what = name(c, lang);
    let message = match lang {
        Lang::Vi if is_zero_width(c) => {
            format!("giá trị của `{key}` có {what}, một ký tự vô hình, nên không đọc được")
        }
        Lang::Vi => format!("giá trị của `{key}` có {what} nên không đọc được"),
        Lang::En if is_zero_width(c) => {
            format!("the value of `{key}` holds {what}, which cannot be seen, so it does not read")
        }
        Lang::En => format!("the value of `{key}` holds {what}, so it does not read"),
    };
    let hint = match lang {
        Lang::Vi => format!(
            "xóa ký tự này (thường có khi dán từ Word, e-mail hay trang web): `{key}: {cleaned}`"
        ),
        Lang::En => format!(
            "delete it (it often comes with text pasted from Word, an e-mail or a web page): `{key}: {cleaned}`"
        ),
    };
    Some(Explained { pos: at, message, hint })
}

/// A line that would be the `---` (or `...`) opening or closing the front matter but
/// for an odd character on it (`\u{feff}---`, `\u{200b}---`): the error at the first of
/// them, naming it. Spaces of any kind after the fence are no such character: they are
/// tolerated, as `str::trim_end` takes them. `line_no` is the file line.
pub(super) fn near_fence(
    line: &str,
    line_no: usize,
    closing: bool,
    lang: Lang,
) -> Option<Explained> {
    let line = line.trim_end();
    let fence: String = line.chars().filter(|&c| !is_odd(c)).collect();
    if fence != "---" && fence != "..." {
        return None;
    }
    let (at, c) = line.chars().enumerate().find(|&(_, c)| is_odd(c))?;
    let what = name(c, lang);
    let before = line.chars().take(at).all(is_odd);
    let after = line.chars().skip(at).all(is_odd);
    let (where_vi, where_en) = match (before, after) {
        (true, _) => ("trước", "before"),
        (_, true) => ("sau", "after"),
        _ => ("giữa", "inside"),
    };
    let invisible = match lang {
        _ if !is_zero_width(c) => "",
        Lang::Vi => ", một ký tự vô hình",
        Lang::En => ", which cannot be seen",
    };
    let message = match (lang, closing) {
        (Lang::Vi, true) => format!(
            "dòng {line_no} có {what} {where_vi} `{fence}`{invisible}: dòng này không đóng được phần đầu"
        ),
        (Lang::Vi, false) => format!(
            "dòng {line_no} có {what} {where_vi} `{fence}`{invisible}: phần đầu không mở được"
        ),
        (Lang::En, true) => format!(
            "line {line_no} has {what} {where_en} `{fence}`{invisible}: it does not close the front matter"
        ),
        (Lang::En, false) => format!(
            "line {line_no} has {what} {where_en} `{fence}`{invisible}: it does not open the front matter"
        ),
    };
    let hint = match lang {
        Lang::Vi => format!(
            "xóa ký tự này để dòng chỉ còn `{fence}` (thường có khi dán từ Word, e-mail hay trang web)"
        ),
        Lang::En => format!(
            "delete it so that the line holds only `{fence}` (it often comes with text pasted from Word, an e-mail or a web page)"
        ),
    };
    Some(Explained { pos: Pos::new(line_no, at + 1), message, hint })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fence_with_a_character_that_cannot_be_seen_is_named_where_it_is() {
        let told = |line: &str| near_fence(line, 7, true, Lang::Vi).map(|e| (e.pos, e.message));
        assert_eq!(
            told("\u{feff}---"),
            Some((
                Pos::new(7, 1),
                "dòng 7 có ký tự BOM (U+FEFF) trước `---`, một ký tự vô hình: dòng này không đóng được phần đầu".into()
            ))
        );
        assert_eq!(
            told("\u{a0}..."),
            Some((
                Pos::new(7, 1),
                "dòng 7 có dấu cách không ngắt (U+00A0) trước `...`: dòng này không đóng được phần đầu".into()
            ))
        );
        assert!(told("-\u{200b}--").unwrap().1.contains("giữa `---`"));
        assert!(told("---\u{2060}").unwrap().1.contains("sau `---`"));
        // Spaces after a fence are tolerated; other lines are no fence.
        for line in ["---", "--- \u{a0}", "\u{200b}--", "\u{200b}title: x", ""] {
            assert_eq!(told(line), None, "{line:?}");
        }
    }

    #[test]
    fn unusual_spaces_are_named_by_their_code_point() {
        assert_eq!(name('\u{2003}', Lang::Vi), "một dấu cách lạ (U+2003)");
        assert_eq!(name('\u{a0}', Lang::En), "a no-break space (U+00A0)");
    }

    #[test]
    fn zero_width_characters_are_stripped_and_the_first_named() {
        let stripped = strip_zero_width("Phường\u{200b} 1\u{feff}");
        assert_eq!(stripped, ("Phường 1".into(), Some('\u{200b}')));
        assert_eq!(strip_zero_width("Phường\u{a0}1"), ("Phường\u{a0}1".into(), None));
    }
}
