//! A theme's `strings.yaml`: interface texts grouped by language (`vi:`, `en:`), each
//! checked at its own line. A name no template uses is warned about with the nearest one
//! that is used, a text written outside a language is told where it belongs, a value
//! that is no text is an error at that value, a text with another count of `{}` than the
//! built-in one is warned about, and a name a template reads with no text in the site's
//! language is an error.

use std::collections::BTreeMap;
use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::check::{self, describe, nearest};
use super::file::read_mapping;
use super::invisible::Nested;
use super::{KeySpot, nested_keys, scan_keys};
use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::Lang;

/// Interface texts: by language code (`vi`, `en`), then by name (`home`).
pub type Strings = BTreeMap<String, BTreeMap<String, String>>;

/// The languages a file groups its texts under.
const LANGUAGES: [&str; 2] = ["vi", "en"];

/// The example text of a name that has none: one only a site theme's templates read
/// (`t.ten_rieng`), which the built-in file does not define.
pub const NO_EXAMPLE: &str = "…";

/// Where sotay or the search script fills in a value in a text: `Cùng {}`.
const PLACEHOLDER: &str = "{}";

/// Reads a `strings.yaml`. `known` holds, for each language, the names a text may have
/// and an example text for hints; `None` takes every name (the built-in file, which
/// defines them). Returns the texts when nothing is wrong, and every problem found.
pub fn read_strings(
    path: &Path,
    text: &str,
    lang: Lang,
    known: Option<&Strings>,
) -> (Option<Strings>, Vec<Diagnostic>) {
    let map = match read_mapping(path, text, lang, ("vi", "{home: Trang chủ}"), Nested::All) {
        Ok(map) => map,
        Err(errors) => return (None, errors),
    };
    let mut reader = Reader { path, text, lang, known, diagnostics: Vec::new() };
    let spots = scan_keys(text, 1);
    let mut strings = Strings::new();
    for (key, value) in map {
        let key = key_text(&key);
        let spot = spots.get(&key).cloned().unwrap_or(KeySpot {
            key: Pos::START,
            value: Pos::START,
            items: Vec::new(),
        });
        if LANGUAGES.contains(&key.as_str()) {
            let texts = reader.group(&key, &spot, value);
            strings.entry(key).or_default().extend(texts);
        } else {
            reader.outside_a_language(&key, &spot, &value);
        }
    }
    reader.without_site_language(&strings);
    let failed = reader.diagnostics.iter().any(Diagnostic::is_error);
    (if failed { None } else { Some(strings) }, reader.diagnostics)
}

/// A key as written: text, or the YAML of a number or other value used as a key.
fn key_text(key: &Value) -> String {
    match key {
        Value::String(key) => key.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
    }
}

struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    lang: Lang,
    known: Option<&'a Strings>,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn push(&mut self, diagnostic: Diagnostic, hint: String) {
        self.diagnostics.push(diagnostic.with_hint(hint).with_source(self.text));
    }

    fn error(&mut self, pos: Pos, (message, hint): (String, String)) {
        self.push(Diagnostic::error(self.path, pos, message), hint);
    }

    fn warning(&mut self, pos: Pos, (message, hint): (String, String)) {
        self.push(Diagnostic::warning(self.path, pos, message), hint);
    }

    /// Whether `name` is a text the theme has, in any language.
    fn is_known(&self, name: &str) -> bool {
        self.known.is_none_or(|known| known.values().any(|texts| texts.contains_key(name)))
    }

    /// The example text of `name` in `language`, for hints.
    fn example(&self, language: &str, name: &str) -> String {
        self.built_in(language, name).unwrap_or(NO_EXAMPLE).to_string()
    }

    /// The built-in text of `name` in `language`, if the built-in file has one.
    fn built_in(&self, language: &str, name: &str) -> Option<&str> {
        let texts = self.known.and_then(|known| known.get(language))?;
        texts.get(name).map(String::as_str).filter(|text| *text != NO_EXAMPLE)
    }

    /// The texts of one language, each checked at its own line.
    fn group(&mut self, language: &str, spot: &KeySpot, value: Value) -> Vec<(String, String)> {
        let lang = self.lang;
        let entries = match value {
            Value::Mapping(entries) => entries,
            Value::Null => Mapping::new(),
            other => {
                let expected = ("một nhóm `tên: văn bản`", "a mapping of `name: text`");
                let (message, _) =
                    check::wrong_type(lang, language, expected, describe(&other, lang), "");
                let hint = match lang {
                    Lang::Vi => format!(
                        "viết mỗi chuỗi một dòng, thụt lề dưới `{language}:`\n{language}:\n  home: {}",
                        self.example(language, "home")
                    ),
                    Lang::En => format!(
                        "write one text a line, indented under `{language}:`\n{language}:\n  home: {}",
                        self.example(language, "home")
                    ),
                };
                self.error(spot.value, (message, hint));
                return Vec::new();
            }
        };
        let spots = nested_keys(self.text, language);
        let mut texts = Vec::new();
        for (name, value) in entries {
            let name = key_text(&name);
            let at = |pos: fn(&KeySpot) -> Pos| spots.get(&name).map_or(spot.value, pos);
            if LANGUAGES.contains(&name.as_str()) {
                let told = self.nested_language(&name, language, spot.key);
                self.error(at(|s| s.key), told);
                continue;
            }
            if !self.is_known(&name) {
                let hint = self.unknown_hint(&name);
                let message = match lang {
                    Lang::Vi => format!(
                        "chuỗi lạ `{name}` trong `{language}`: không mẫu trang nào dùng chuỗi này"
                    ),
                    Lang::En => {
                        format!("unknown text `{name}` under `{language}`: no template uses it")
                    }
                };
                self.warning(at(|s| s.key), (message, hint));
            }
            let example = self.example(language, &name);
            match value {
                Value::String(text) => {
                    self.placeholders(language, &name, &text, at(|s| s.value));
                    texts.push((name, text));
                }
                Value::Number(n) => texts.push((name, n.to_string())),
                Value::Null => self.error(at(|s| s.value), check::empty(lang, &name, &example)),
                other => {
                    let found = describe(&other, lang);
                    let expected = ("một chuỗi chữ", "text");
                    let wrong = check::wrong_type(lang, &name, expected, found, &example);
                    self.error(at(|s| s.value), wrong);
                }
            }
        }
        texts
    }

    /// A language (`vi:`) written under a language, where texts belong: the message and
    /// the hint, `parent` being where the language around it is written.
    fn nested_language(&self, name: &str, language: &str, parent: Pos) -> (String, String) {
        let line = parent.line;
        let message = match self.lang {
            Lang::Vi => format!(
                "`{name}` là một ngôn ngữ, không phải tên chuỗi: không đặt nó trong `{language}:`"
            ),
            Lang::En => {
                format!(
                    "`{name}` is a language, not a text name: it does not go under `{language}:`"
                )
            }
        };
        let hint = match (self.lang, name == language) {
            (Lang::Vi, true) => format!(
                "các chuỗi viết ngay dưới `{language}:` ở dòng {line}: xóa dòng `{name}:` này và lùi các dòng dưới nó sang trái cho thẳng với nó"
            ),
            (Lang::En, true) => format!(
                "texts go right under the `{language}:` of line {line}: delete this `{name}:` line and move the lines below it left, in line with it"
            ),
            (Lang::Vi, false) => format!(
                "viết `{name}:` ở lề trái như `{language}:` ở dòng {line}, các chuỗi của nó thụt lề hai dấu cách dưới nó"
            ),
            (Lang::En, false) => format!(
                "write `{name}:` at the left margin as `{language}:` is on line {line}, its texts indented two spaces under it"
            ),
        };
        (message, hint)
    }

    /// Warns when `text`, the text of `name` in `language`, has another count of `{}`
    /// than the built-in text: a value sotay or the search script fills in would be lost
    /// (`Cùng văn bản` for `Cùng {}`), or a `{}` shown as it is.
    fn placeholders(&mut self, language: &str, name: &str, text: &str, pos: Pos) {
        let Some(built_in) = self.built_in(language, name) else { return };
        let wanted = built_in.matches(PLACEHOLDER).count();
        let written = text.matches(PLACEHOLDER).count();
        if written == wanted {
            return;
        }
        // Quoted as YAML needs it (`'Có quá nhiều từ … “{}”: hãy gõ …'`).
        let built_in = serde_yaml::to_string(built_in).unwrap_or_default();
        let built_in = built_in.trim_end();
        let told = match self.lang {
            Lang::Vi => (
                format!(
                    "`{name}` có {written} chỗ `{{}}`, chuỗi gốc có {wanted}: mỗi `{{}}` là chỗ sotay điền một giá trị vào"
                ),
                format!("giữ đủ {wanted} chỗ `{{}}` như chuỗi gốc: `{name}: {built_in}`"),
            ),
            Lang::En => (
                format!(
                    "`{name}` has {written} `{{}}`, the built-in text has {wanted}: sotay fills in a value at each `{{}}`"
                ),
                format!("keep {wanted} `{{}}` as the built-in text does: `{name}: {built_in}`"),
            ),
        };
        self.warning(pos, told);
    }

    /// An error at each text written only under the other language whose name a template
    /// reads and the built-in file does not define: the site's pages would have no text
    /// for it (Tera stops at `t.ten_rieng`).
    fn without_site_language(&mut self, strings: &Strings) {
        if self.known.is_none() {
            return;
        }
        let site = self.lang.code();
        let has = |name: &str| strings.get(site).is_some_and(|texts| texts.contains_key(name));
        for (language, texts) in strings.iter().filter(|(language, _)| *language != site) {
            let spots = nested_keys(self.text, language);
            for name in texts.keys() {
                if has(name) || !self.is_known(name) || self.built_in(site, name).is_some() {
                    continue;
                }
                let pos = spots.get(name).map_or(Pos::START, |spot| spot.key);
                let told = match self.lang {
                    Lang::Vi => (
                        format!(
                            "`{name}` không có văn bản dưới `vi:`, mà mẫu trang có dùng: trang tiếng Việt nào cần nó sẽ không dựng được"
                        ),
                        format!("thêm văn bản tiếng Việt của nó:\nvi:\n  {name}: …"),
                    ),
                    Lang::En => (
                        format!(
                            "`{name}` has no `en:` text, and a template reads it: an English page that needs it cannot be built"
                        ),
                        format!("add its English text:\nen:\n  {name}: …"),
                    ),
                };
                // A warning: a template may read it only on English pages, or with a
                // `default`; a page that does need it fails to render, told there.
                self.warning(pos, told);
            }
        }
    }

    /// The hint for a text name no template uses: the nearest one that is used, in any
    /// case (`TOC` is `toc`).
    fn unknown_hint(&self, name: &str) -> String {
        let names = self.known.iter().flat_map(|known| known.values().flat_map(|t| t.keys()));
        match nearest(&name.to_lowercase(), names.map(String::as_str)) {
            Some(meant) => {
                self.lang.pick(format!("có phải ý bạn là `{meant}`?"), format!("did you mean `{meant}`?"))
            }
            None => self
                .lang
                .pick(
                    "các tên chuỗi là những tên trong strings.yaml của giao diện mặc định (README, “Theme contract”), hoặc tên mà mẫu trang của giao diện này dùng (`t.ten_chuoi`)",
                    "text names are those of the default theme's strings.yaml (README, “Theme contract”), or those this theme's templates use (`t.text_name`)",
                )
                .to_string(),
        }
    }

    /// A top-level key other than a language: a text written without its language (told
    /// where it belongs), or a key sotay does not read.
    fn outside_a_language(&mut self, key: &str, spot: &KeySpot, value: &Value) {
        let lang = self.lang;
        if self.known.is_some() && self.is_known(key) {
            let language = lang.code();
            let written = match value {
                Value::String(text) => text.clone(),
                _ => self.example(language, key),
            };
            let message = match lang {
                Lang::Vi => format!(
                    "`{key}` không nằm dưới một ngôn ngữ (`vi:` hoặc `en:`): sotay không đọc chuỗi này"
                ),
                Lang::En => format!(
                    "`{key}` is not under a language (`vi:` or `en:`): sotay does not read it"
                ),
            };
            let hint = match lang {
                Lang::Vi => format!(
                    "đặt nó dưới ngôn ngữ của nó, thụt lề hai dấu cách:\n{language}:\n  {key}: {written}"
                ),
                Lang::En => format!(
                    "put it under its language, indented two spaces:\n{language}:\n  {key}: {written}"
                ),
            };
            self.warning(spot.key, (message, hint));
            return;
        }
        let message = match lang {
            Lang::Vi => format!("khóa lạ `{key}`: sotay không đọc khóa này"),
            Lang::En => format!("unknown key `{key}`: sotay does not read it"),
        };
        // Two letters apart is any other language code: only one edit is a likely slip
        // (`Vi`, `vn`).
        let folded = key.to_lowercase();
        let meant = LANGUAGES.iter().find(|l| strsim::damerau_levenshtein(&folded, l) <= 1);
        let hint = match meant {
            Some(meant) => lang
                .pick(format!("có phải ý bạn là `{meant}`?"), format!("did you mean `{meant}`?")),
            None => lang
                .pick(
                    "các khóa hợp lệ: vi, en, mỗi khóa là một nhóm chuỗi của ngôn ngữ đó",
                    "valid keys: vi, en, each holding the texts of that language",
                )
                .to_string(),
        };
        self.warning(spot.key, (message, hint));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Strings {
        // `ten_rieng`: a name only a site theme's template reads.
        let vi = [
            ("home", "Trang chủ"),
            ("toc", "Mục lục"),
            ("reason_directive", "Cùng {}"),
            ("ten_rieng", NO_EXAMPLE),
        ];
        let en = [
            ("home", "Home"),
            ("toc", "Contents"),
            ("reason_directive", "Same directive, {}"),
            ("ten_rieng", NO_EXAMPLE),
        ];
        let group = |texts: &[(&str, &str)]| {
            texts.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
        };
        Strings::from([("vi".into(), group(&vi)), ("en".into(), group(&en))])
    }

    /// Line, column, whether an error, message and hint of a diagnostic.
    type Told = (usize, usize, bool, String, String);

    fn found(text: &str) -> (Option<Strings>, Vec<Told>) {
        let (strings, diagnostics) =
            read_strings(Path::new("strings.yaml"), text, Lang::Vi, Some(&known()));
        let told = diagnostics
            .into_iter()
            .map(|d| (d.line, d.col, d.is_error(), d.message, d.hint.unwrap_or_default()))
            .collect();
        (strings, told)
    }

    #[test]
    fn texts_are_read_by_language() {
        let (strings, told) = found("vi:\n  home: Trang nhà\n  toc: 12\nen:\n  home: Start\n");
        assert_eq!(told, []);
        let strings = strings.unwrap();
        assert_eq!(strings["vi"]["home"], "Trang nhà");
        assert_eq!(strings["vi"]["toc"], "12", "a number is text");
        assert_eq!(strings["en"]["home"], "Start");
    }

    #[test]
    fn an_unknown_name_is_a_warning_at_its_line_with_the_nearest_name() {
        let (strings, told) = found("vi:\n  home: Trang nhà\n  tocc: Mục lục\n");
        assert_eq!(
            told,
            [(
                3,
                3,
                false,
                "chuỗi lạ `tocc` trong `vi`: không mẫu trang nào dùng chuỗi này".into(),
                "có phải ý bạn là `toc`?".into()
            )]
        );
        assert_eq!(strings.unwrap()["vi"]["home"], "Trang nhà", "the file is still read");
    }

    #[test]
    fn every_value_that_is_no_text_is_an_error_at_its_own_line() {
        let (strings, told) = found("vi:\n  home: [x]\n  toc: Mục lục\n  tocc:\n");
        assert!(strings.is_none());
        let errors: Vec<_> = told.iter().filter(|t| t.2).map(|t| (t.0, t.1, &t.3, &t.4)).collect();
        assert_eq!(
            errors,
            [
                (
                    2,
                    9,
                    &"`home` phải là một chuỗi chữ, không phải một danh sách".to_string(),
                    &"viết như: `home: Trang chủ`".to_string()
                ),
                (4, 3, &"`tocc` đang để trống".into(), &"điền giá trị, ví dụ: `tocc: …`".into()),
            ]
        );
        let (_, told) = found("vi:\n  home: Trang nhà\n  toc: [a]\nen: [b]\n");
        let at: Vec<(usize, usize)> = told.iter().map(|t| (t.0, t.1)).collect();
        assert_eq!(at, [(3, 8), (4, 5)]);
        assert_eq!(told[1].3, "`en` phải là một nhóm `tên: văn bản`, không phải một danh sách");
    }

    #[test]
    fn a_text_outside_a_language_is_told_where_it_belongs() {
        let (strings, told) = found("home: Trang nhà\nVi:\n  home: x\nfr:\n  home: y\n");
        assert_eq!(strings.map(|s| s.len()), Some(0));
        assert_eq!(
            told[0],
            (
                1,
                1,
                false,
                "`home` không nằm dưới một ngôn ngữ (`vi:` hoặc `en:`): sotay không đọc chuỗi này"
                    .into(),
                "đặt nó dưới ngôn ngữ của nó, thụt lề hai dấu cách:\nvi:\n  home: Trang nhà".into()
            )
        );
        assert_eq!((told[1].0, told[1].4.as_str()), (2, "có phải ý bạn là `vi`?"));
        assert_eq!(told[2].0, 4);
        assert!(told[2].4.starts_with("các khóa hợp lệ: vi, en"), "{}", told[2].4);
        assert_eq!(told.len(), 3, "{told:?}");
    }

    #[test]
    fn a_name_written_twice_is_an_error_at_the_second_naming_the_first() {
        let (strings, told) = found("vi:\n  home: A\n  toc: B\n  home: C\n");
        assert!(strings.is_none());
        assert_eq!(
            told,
            [(
                4,
                3,
                true,
                "`home` được viết hai lần trong `vi:` (lần đầu ở dòng 2)".into(),
                "giữ một dòng và xóa dòng kia".into()
            )]
        );
    }

    #[test]
    fn a_language_inside_a_language_is_told_how_to_undo() {
        let (strings, told) = found("vi:\n  vi:\n    home: A\n  en:\n    home: B\n");
        assert!(strings.is_none());
        let told: Vec<_> =
            told.iter().map(|t| (t.0, t.1, t.2, t.3.as_str(), t.4.as_str())).collect();
        assert_eq!(
            told,
            [
                (
                    2,
                    3,
                    true,
                    "`vi` là một ngôn ngữ, không phải tên chuỗi: không đặt nó trong `vi:`",
                    "các chuỗi viết ngay dưới `vi:` ở dòng 1: xóa dòng `vi:` này và lùi các dòng dưới nó sang trái cho thẳng với nó"
                ),
                (
                    4,
                    3,
                    true,
                    "`en` là một ngôn ngữ, không phải tên chuỗi: không đặt nó trong `vi:`",
                    "viết `en:` ở lề trái như `vi:` ở dòng 1, các chuỗi của nó thụt lề hai dấu cách dưới nó"
                ),
            ]
        );
    }

    #[test]
    fn a_name_in_other_capitals_is_suggested_in_small_letters() {
        let (_, told) = found("vi:\n  TOC: Mục lục\n  Home: Trang nhà\n");
        let hints: Vec<&str> = told.iter().map(|t| t.4.as_str()).collect();
        assert_eq!(hints, ["có phải ý bạn là `toc`?", "có phải ý bạn là `home`?"]);
    }

    #[test]
    fn a_text_with_another_count_of_placeholders_than_the_built_in_one_warns() {
        let (strings, told) = found(
            "vi:\n  reason_directive: Cùng văn bản\nen:\n  reason_directive: \"{} and {}\"\n  home: \"{}\"\n",
        );
        assert_eq!(strings.unwrap()["vi"]["reason_directive"], "Cùng văn bản", "still used");
        assert_eq!(
            told[0],
            (
                2,
                21,
                false,
                "`reason_directive` có 0 chỗ `{}`, chuỗi gốc có 1: mỗi `{}` là chỗ sotay điền một giá trị vào".into(),
                "giữ đủ 1 chỗ `{}` như chuỗi gốc: `reason_directive: Cùng {}`".into()
            )
        );
        let at: Vec<_> = told
            .iter()
            .map(|t| (t.0, t.1, t.3.contains("có 2 chỗ `{}`, chuỗi gốc có 1")))
            .collect();
        assert_eq!(at, [(2, 21, false), (4, 21, true), (5, 9, false)]);
        assert!(told[2].3.starts_with("`home` có 1 chỗ `{}`, chuỗi gốc có 0"), "{}", told[2].3);
        // Right counts, a theme's own name and the built-in file: nothing to say.
        let (_, told) = found("vi:\n  reason_directive: Văn bản {}\n  ten_rieng: \"{}\"\n");
        assert_eq!(told, []);
    }

    #[test]
    fn a_name_a_template_reads_with_no_text_in_the_site_language_is_a_warning() {
        let (strings, told) =
            found("vi:\n  home: Trang nhà\nen:\n  ten_rieng: Own\n  toc: Index\n");
        assert!(strings.is_some());
        assert_eq!(
            told,
            [(
                4,
                3,
                false,
                "`ten_rieng` không có văn bản dưới `vi:`, mà mẫu trang có dùng: trang tiếng Việt nào cần nó sẽ không dựng được".into(),
                "thêm văn bản tiếng Việt của nó:\nvi:\n  ten_rieng: …".into()
            )]
        );
        let (strings, told) = found("vi:\n  ten_rieng: Riêng\nen:\n  ten_rieng: Own\n");
        assert_eq!((strings.is_some(), told), (true, vec![]));
        // An English site misses the English text.
        let text = "vi:\n  ten_rieng: Riêng\n";
        let (_, diagnostics) = read_strings(Path::new("s.yaml"), text, Lang::En, Some(&known()));
        assert_eq!(
            diagnostics[0].message,
            "`ten_rieng` has no `en:` text, and a template reads it: an English page that needs it cannot be built"
        );
    }

    #[test]
    fn the_built_in_file_takes_every_name() {
        let (strings, diagnostics) =
            read_strings(Path::new("s.yaml"), "vi:\n  anything: x\n", Lang::Vi, None);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(strings.unwrap()["vi"]["anything"], "x");
    }
}
