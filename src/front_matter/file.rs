//! Whole YAML files (the site config, a theme's strings) read into a type, each problem
//! located in the file.

use std::path::Path;

use serde_yaml::Value;

use super::{scan_keys, syntax};
use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::Lang;

/// Reads a whole YAML file (the site config, a theme's strings) into `T`, warning about
/// keys outside `known` and locating errors. Used so that serde_yaml stays in this module.
pub fn from_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    lang: Lang,
    known: &[&str],
) -> (Option<T>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let spots = scan_keys(text, 1);
    let located = |line: usize| if line == 0 { Pos::START } else { Pos::new(line, 1) };
    let value: Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let pos = e.location().map_or(Pos::START, |l| Pos::new(l.line(), l.column()));
            let reason = e.to_string();
            let reason = reason.split(" at line ").next().unwrap_or_default();
            let explained = syntax::explain(reason, text, pos, lang);
            let d = Diagnostic::error(path, explained.pos, explained.message)
                .with_hint(explained.hint)
                .with_source(text);
            return (None, vec![d]);
        }
    };
    if let Value::Mapping(map) = &value {
        for key in map.keys().filter_map(Value::as_str) {
            if !known.contains(&key) {
                let line = spots.get(key).map_or(0, |s| s.key.line);
                let message = match lang {
                    Lang::Vi => format!("khóa lạ `{key}`: sotay không đọc khóa này"),
                    Lang::En => format!("unknown key `{key}`: sotay does not read it"),
                };
                let hint =
                    format!("{}: {}", lang.pick("các khóa hợp lệ", "valid keys"), known.join(", "));
                diagnostics.push(
                    Diagnostic::warning(path, located(line), message)
                        .with_hint(hint)
                        .with_source(text),
                );
            }
        }
    }
    let value = if value.is_null() { Value::Mapping(Default::default()) } else { value };
    match serde_yaml::from_value(value) {
        Ok(parsed) => (Some(parsed), diagnostics),
        Err(e) => {
            let reason = e.to_string();
            // "language: unknown variant `fr`, expected `vi` or `en`": point at that key.
            let line = reason
                .split(':')
                .next()
                .and_then(|key| spots.get(key.trim()))
                .map_or(0, |s| s.key.line);
            let message =
                format!("{}: {reason}", lang.pick("giá trị không hợp lệ", "invalid value"));
            diagnostics.push(Diagnostic::error(path, located(line), message).with_source(text));
            (None, diagnostics)
        }
    }
}
