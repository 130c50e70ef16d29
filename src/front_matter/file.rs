//! Whole YAML files read into a type (the site config) or as a mapping (also a theme's
//! strings, `strings.rs`), each problem located in the file.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::check::{self, write_like};
use super::invisible::{self, Nested};
use super::{scan_keys, syntax};
use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::Lang;

/// serde's words for what it expected, and the same in the site's words (Vietnamese,
/// English). Anything else gets the general message.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("a string", "một chuỗi chữ", "text"),
    ("a map", "một nhóm khóa–giá trị", "a mapping"),
    ("a nonzero usize", "một số nguyên dương", "a whole number above 0"),
];

/// Reads a whole YAML file into `T`, warning about keys outside `known` (each paired with
/// an example value for hints) and locating errors. Used so that serde_yaml stays in this
/// module.
///
/// Every field of `T` must have a default: when the file does not read, each key is read
/// again on its own, so every bad value is reported at its value, not only the first.
pub fn from_yaml<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    lang: Lang,
    known: &[(&str, &str)],
) -> (Option<T>, Vec<Diagnostic>) {
    let error = |pos: Pos, (message, hint): (String, String)| {
        Diagnostic::error(path, pos, message).with_hint(hint).with_source(text)
    };
    let example = known.first().copied().unwrap_or(("…", "…"));
    // The keys whose example is a mapping (`{NQTW5: …}`) hold keys on the lines below.
    let holding: Vec<&str> =
        known.iter().filter(|(_, example)| example.starts_with('{')).map(|(key, _)| *key).collect();
    let map = match read_mapping(
        path,
        text,
        lang,
        example,
        Nested::Keys { keys: &holding, lists: &[] },
    ) {
        Ok(map) => map,
        Err(errors) => return (None, errors),
    };
    let spots = scan_keys(text, 1);
    let names: Vec<&str> = known.iter().map(|(key, _)| *key).collect();
    let mut diagnostics = Vec::new();
    for key in map.keys().filter_map(Value::as_str) {
        if !names.contains(&key) {
            let pos = spots.get(key).map_or(Pos::START, |s| s.key);
            let message = match lang {
                Lang::Vi => format!("khóa lạ `{key}`: sotay không đọc khóa này"),
                Lang::En => format!("unknown key `{key}`: sotay does not read it"),
            };
            let hint =
                format!("{}: {}", lang.pick("các khóa hợp lệ", "valid keys"), names.join(", "));
            diagnostics
                .push(Diagnostic::warning(path, pos, message).with_hint(hint).with_source(text));
        }
    }
    let whole = match serde_yaml::from_value(Value::Mapping(map.clone())) {
        Ok(parsed) => return (Some(parsed), diagnostics),
        Err(e) => e,
    };
    let warnings = diagnostics.len();
    for (key, value) in map.iter().filter_map(|(k, v)| Some((k.as_str()?, v))) {
        if let Err(e) = alone::<T>(key, value.clone()) {
            let example = known.iter().find(|(k, _)| *k == key).map_or("…", |(_, e)| e);
            let pos = spots.get(key).map_or(Pos::START, |s| s.value);
            let line = text.lines().nth(pos.line.wrapping_sub(1)).unwrap_or_default();
            let reads = |v: &Value| alone::<T>(key, v.clone()).is_ok();
            if let Some(e) = invisible::in_typed_value(key, value, (line, pos), lang, reads) {
                diagnostics.push(error(e.pos, (e.message, e.hint)));
                continue;
            }
            let explained = explain::<T>(key, value, &e.to_string(), example, lang);
            diagnostics.push(error(pos, explained));
        }
    }
    if diagnostics.len() == warnings {
        // Only the keys together fail (not expected of a `T` with every field defaulted).
        let message = match lang {
            Lang::Vi => "nội dung tệp không hợp lệ".to_string(),
            Lang::En => format!("the file does not read: {whole}"),
        };
        diagnostics.push(Diagnostic::error(path, Pos::START, message).with_source(text));
    }
    (None, diagnostics)
}

/// Reads a whole file as a YAML mapping (nothing is an empty one), or says why it is not
/// one: a character that cannot be seen where YAML reads structure, a syntax error where
/// it most likely is, or another kind of document (`example` is a key and value for the
/// hint).
pub(super) fn read_mapping(
    path: &Path,
    text: &str,
    lang: Lang,
    (key, example): (&str, &str),
    nested: Nested,
) -> Result<Mapping, Vec<Diagnostic>> {
    let error = |pos: Pos, message: String, hint: String| {
        Diagnostic::error(path, pos, message).with_hint(hint).with_source(text)
    };
    let invisible = invisible::structure(text, 1, nested, lang);
    if !invisible.is_empty() {
        return Err(invisible.into_iter().map(|e| error(e.pos, e.message, e.hint)).collect());
    }
    match serde_yaml::from_str(text) {
        Ok(Value::Mapping(map)) => Ok(map),
        Ok(Value::Null) => Ok(Mapping::new()),
        Ok(_) => {
            let message = lang.pick(
                "tệp phải là các dòng `khóa: giá trị`",
                "the file must be `key: value` lines",
            );
            Err(vec![error(Pos::START, message.into(), write_like(lang, key, example))])
        }
        Err(e) => {
            let pos = e.location().map_or(Pos::START, |l| Pos::new(l.line(), l.column()));
            let reason = e.to_string();
            let reason = reason.split(" at line ").next().unwrap_or_default();
            let explained = syntax::explain(reason, text, pos, 1, lang);
            Err(vec![error(explained.pos, explained.message, explained.hint)])
        }
    }
}

/// Reads a mapping holding only `key: value` into `T`.
fn alone<T: DeserializeOwned>(key: &str, value: Value) -> Result<T, serde_yaml::Error> {
    serde_yaml::from_value(Value::Mapping(Mapping::from_iter([(key.into(), value)])))
}

/// Why `key: value` does not read, told in the words articles get (check.rs); serde's
/// `reason` only chooses which wording fits.
fn explain<T: DeserializeOwned>(
    key: &str,
    value: &Value,
    reason: &str,
    example: &str,
    lang: Lang,
) -> (String, String) {
    if let Some((_, choices)) =
        reason.strip_prefix("unknown variant `").and_then(|r| r.split_once(", expected "))
    {
        let message = match lang {
            Lang::Vi => {
                let choices = choices.replace("one of ", "một trong ").replace(" or ", " hoặc ");
                format!("`{key}` chỉ nhận {choices}")
            }
            Lang::En => format!("`{key}` takes only {choices}"),
        };
        return (message, write_like(lang, key, example));
    }
    if value.is_null() {
        return check::empty(lang, key, example);
    }
    // A list or mapping of the right kind may hold a wrong item, and serde's words are then
    // about the item: the value is of the wrong kind only if an empty one fails too.
    let kind_is_wrong = match value {
        Value::Sequence(_) => alone::<T>(key, Value::Sequence(Vec::new())).is_err(),
        Value::Mapping(_) => alone::<T>(key, Value::Mapping(Mapping::new())).is_err(),
        _ => true,
    };
    let expected = reason
        .split_once(", expected ")
        .and_then(|(_, expected)| EXPECTED.iter().find(|(serde, ..)| *serde == expected));
    match expected {
        Some((_, vi, en)) if kind_is_wrong => {
            let found = match value {
                Value::Number(n) => format!("`{n}`"),
                other => check::describe(other, lang).to_string(),
            };
            check::wrong_type(lang, key, (vi, en), &found, example)
        }
        _ => {
            let message = match lang {
                Lang::Vi => format!("giá trị không hợp lệ cho `{key}`"),
                Lang::En => format!("invalid value for `{key}`: {reason}"),
            };
            (message, write_like(lang, key, example))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::num::NonZeroUsize;

    use super::*;

    /// A config-like type: every field defaulted, as `from_yaml` requires.
    #[derive(Debug, Default, serde::Deserialize)]
    #[serde(default)]
    struct Site {
        title: String,
        language: Lang,
        theme: Option<String>,
        paginate_by: Option<NonZeroUsize>,
    }

    const KNOWN: &[(&str, &str)] =
        &[("title", "Sổ tay"), ("language", "vi"), ("theme", "rieng"), ("paginate_by", "20")];

    fn errors<T: DeserializeOwned>(text: &str, lang: Lang) -> Vec<(usize, usize, String)> {
        let (parsed, diagnostics) = from_yaml::<T>(Path::new("sotay.yaml"), text, lang, KNOWN);
        assert!(parsed.is_none());
        diagnostics
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| (d.line, d.col, d.message))
            .collect()
    }

    #[test]
    fn every_bad_value_is_reported_at_its_value() {
        let text = "title: Thử\npaginate_by: \"hai\"\nlanguage:   fr\ntheme: []\n";
        assert_eq!(
            errors::<Site>(text, Lang::Vi),
            [
                (
                    2,
                    14,
                    "`paginate_by` phải là một số nguyên dương, không phải một chuỗi chữ".into()
                ),
                (3, 13, "`language` chỉ nhận `vi` hoặc `en`".into()),
                (4, 8, "`theme` phải là một chuỗi chữ, không phải một danh sách".into()),
            ]
        );
    }

    #[test]
    fn a_value_on_the_next_line_and_an_empty_one_are_located() {
        let text = "# cấu hình\ntheme:\n  - a\ntitle:\n";
        assert_eq!(
            errors::<Site>(text, Lang::Vi),
            [
                (3, 3, "`theme` phải là một chuỗi chữ, không phải một danh sách".into()),
                (4, 1, "`title` đang để trống".into()),
            ]
        );
    }

    #[test]
    fn a_value_that_fails_only_by_a_pasted_character_names_it_at_its_column() {
        let text = "language: en\u{200b}\npaginate_by: 20\u{a0}\ntheme: []\n";
        assert_eq!(
            errors::<Site>(text, Lang::Vi),
            [
                (
                    1,
                    13,
                    "giá trị của `language` có dấu cách độ rộng 0 (U+200B), một ký tự vô hình, nên không đọc được".into()
                ),
                (
                    2,
                    16,
                    "giá trị của `paginate_by` có dấu cách không ngắt (U+00A0) nên không đọc được"
                        .into()
                ),
                (3, 8, "`theme` phải là một chuỗi chữ, không phải một danh sách".into()),
            ]
        );
        let (_, diagnostics) =
            from_yaml::<Site>(Path::new("s.yaml"), "language: en\u{3000}\n", Lang::En, KNOWN);
        assert_eq!(
            diagnostics[0].hint.as_deref(),
            Some(
                "delete it (it often comes with text pasted from Word, an e-mail or a web page): `language: en`"
            )
        );
        // Wrong without the character too: told as before.
        assert_eq!(
            errors::<Site>("language: fr\u{200b}\n", Lang::Vi),
            [(1, 11, "`language` chỉ nhận `vi` hoặc `en`".into())]
        );
    }

    #[test]
    fn messages_follow_the_language() {
        assert_eq!(
            errors::<Site>("paginate_by: 0\n", Lang::En),
            [(1, 14, "`paginate_by` must be a whole number above 0, not `0`".into())]
        );
    }

    #[test]
    fn a_bad_item_is_not_blamed_on_its_mapping() {
        // `vi` is a mapping as it should be; only the item inside it is wrong.
        let text = "vi:\n  home: [x]\nen: [a]\n";
        let found = errors::<BTreeMap<String, BTreeMap<String, String>>>(text, Lang::Vi);
        assert_eq!(
            found,
            [
                (2, 3, "giá trị không hợp lệ cho `vi`".into()),
                (3, 5, "`en` phải là một nhóm khóa–giá trị, không phải một danh sách".into()),
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_a_mapping_says_so() {
        assert_eq!(
            errors::<Site>("- title\n", Lang::Vi),
            [(1, 1, "tệp phải là các dòng `khóa: giá trị`".into())]
        );
    }
}
