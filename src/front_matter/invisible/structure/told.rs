//! How an odd character where YAML reads structure is told: the message naming it and
//! the line as it should be typed.

use super::super::{is_odd, is_zero_width, name};
use super::{Odd, Place, clean_key, key_colon};
use crate::diagnostic::Pos;
use crate::front_matter::syntax::Explained;
use crate::i18n::Lang;

/// `line` as it should be written: odd characters in the indentation made spaces (a tab
/// two), the key cleaned (`clean_key`), and the run after `key:` or `-` made one space.
pub(super) fn fixed(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' => out.push(' '),
            '\t' => out.push_str("  "),
            c if is_zero_width(c) => {}
            c if is_odd(c) => out.push(' '),
            _ => break,
        }
        chars.next();
    }
    let rest: String = chars.collect();
    let (head, after) = if let Some(after) = rest.strip_prefix('-') {
        ("-".to_string(), after)
    } else if let Some(colon) = key_colon(&rest) {
        (format!("{}:", clean_key(&rest[..colon])), &rest[colon + 1..])
    } else {
        return out + &rest;
    };
    let value = after.trim_start_matches(|c: char| c == ' ' || is_odd(c));
    out.push_str(&head);
    if !value.is_empty() {
        out.push(' ');
        out.push_str(value);
    }
    out
}

/// `line` with the run of odd characters and spaces at 1-based column `col` made one
/// space: a key's `:` inside braces followed by what it should be.
fn fixed_at(line: &str, col: usize) -> String {
    let before: String = line.chars().take(col - 1).collect();
    let after: String = line.chars().skip(col - 1).skip_while(|&c| c == ' ' || is_odd(c)).collect();
    format!("{before} {after}")
}

pub(super) fn explain(line: &str, pos: Pos, odd: &Odd, lang: Lang) -> Explained {
    let (c, place, mark) = (odd.c, odd.place, &odd.mark);
    let what = name(c, lang);
    let message = match (place, lang) {
        (Place::Indent, Lang::Vi) if is_zero_width(c) => {
            format!("đầu dòng có {what}, một ký tự vô hình")
        }
        (Place::Indent, Lang::En) if is_zero_width(c) => {
            format!("the line starts with {what}, which cannot be seen")
        }
        (Place::Indent, Lang::Vi) => {
            format!("đầu dòng có {what}: chỉ thụt lề bằng dấu cách thường")
        }
        (Place::Indent, Lang::En) => {
            format!("the indentation holds {what}: indent with spaces only")
        }
        (Place::Key, Lang::Vi) => format!("tên khóa `{mark}` có {what}, một ký tự vô hình"),
        (Place::Key, Lang::En) => format!("the key `{mark}` holds {what}, which cannot be seen"),
        (_, Lang::Vi) if is_zero_width(c) => format!("sau `{mark}` có {what}, một ký tự vô hình"),
        (_, Lang::En) if is_zero_width(c) => {
            format!("`{mark}` is followed by {what}, which cannot be seen")
        }
        (_, Lang::Vi) => format!("sau `{mark}` là {what}, không phải dấu cách thường"),
        (_, Lang::En) => format!("`{mark}` is followed by {what}, not an ordinary space"),
    };
    let fixed = match place {
        Place::AfterFlowColon => fixed_at(line, odd.col),
        _ => fixed(line),
    };
    let blank = fixed.trim().is_empty();
    let hint = match (c, lang) {
        // A line that only looks empty: there is nothing to type instead.
        (_, Lang::Vi) if blank => {
            "xóa ký tự này để dòng trống hẳn (thường có khi dán từ Word, e-mail hay trang web)"
                .to_string()
        }
        (_, Lang::En) if blank => {
            "delete it so that the line is empty (it often comes with text pasted from Word, an e-mail or a web page)"
                .to_string()
        }
        ('\t', Lang::Vi) => format!("thay tab bằng dấu cách: `{fixed}`"),
        ('\t', Lang::En) => format!("replace the tab with spaces: `{fixed}`"),
        (c, Lang::Vi) if is_zero_width(c) => format!(
            "ký tự này không nhìn thấy được, thường có khi dán từ Word, e-mail hay trang web; xóa nó: `{fixed}`"
        ),
        (c, Lang::En) if is_zero_width(c) => format!(
            "it cannot be seen and often comes with text pasted from Word, an e-mail or a web page; delete it: `{fixed}`"
        ),
        (_, Lang::Vi) => format!(
            "ký tự này trông như dấu cách, thường có khi dán từ Word, e-mail hay trang web; xóa nó và gõ lại bằng phím cách: `{fixed}`"
        ),
        (_, Lang::En) => format!(
            "it looks like a space and often comes with text pasted from Word, an e-mail or a web page; delete it and type an ordinary space: `{fixed}`"
        ),
    };
    Explained { pos, message, hint }
}
