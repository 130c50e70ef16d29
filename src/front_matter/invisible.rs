//! Characters an editor cannot see that change what YAML reads: a no-break space after
//! `title:` (pasted from Word, an e-mail or a web page), a zero-width space before a key,
//! a tab in the indentation. Where YAML's structure is (the indentation, a key, the space
//! after `key:` or `-`: `structure.rs`), each is an error at its own column that names it;
//! inside a name, the zero-width ones are taken out (`strip_zero_width`) so that two names
//! that look alike are one.

use crate::i18n::Lang;

mod structure;

pub(super) use structure::structure;

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
pub(super) fn strip_zero_width(text: &str) -> (String, Option<char>) {
    let first = text.chars().find(|&c| is_zero_width(c));
    match first {
        Some(_) => (text.chars().filter(|&c| !is_zero_width(c)).collect(), first),
        None => (text.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
