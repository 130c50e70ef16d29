//! Typing the front matter: each key checked against the contract, every problem named
//! at its key or value with a hint of what to write instead.

use std::collections::HashMap;
use std::path::Path;

use serde_yaml::Value;

use super::{FrontMatter, KeySpot, hints, invisible, syntax};
use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::Lang;

/// What each known key is, with an example value used in hints.
const KEYS: &[(&str, &str)] = &[
    ("title", "Bài học kinh nghiệm xây dựng Đảng"),
    ("ward", "Phường 12"),
    ("district", "Quận 10"),
    ("province", "Thành phố Hồ Chí Minh"),
    ("year", "2022"),
    ("date", "2022-12-01"),
    ("directive", "Chỉ thị 05-CT/TW"),
    ("theme", "Xây dựng Đảng"),
    ("summary", "Một câu tóm tắt bài viết."),
    ("source", "Đảng ủy Phường 12"),
    ("author", "Nguyễn Văn A"),
    ("tags", "[sinh hoạt chi bộ]"),
    ("slug", "phuong-12-2022"),
    ("draft", "true"),
];

/// The keys whose values name a term (a locality, a directive, a theme, a tag): a name
/// must not differ from another only by what cannot be seen.
const NAME_KEYS: [&str; 6] = ["ward", "district", "province", "directive", "theme", "tags"];

/// The keys every article must have.
const REQUIRED: [&str; 5] = ["title", "ward", "year", "directive", "theme"];

/// Vietnamese key names editors reach for, folded, and the key they mean.
const VIETNAMESE_KEYS: &[(&str, &str)] = &[
    ("tieu_de", "title"),
    ("ten_bai", "title"),
    ("phuong", "ward"),
    ("xa", "ward"),
    ("dia_ban", "ward"),
    ("quan", "district"),
    ("huyen", "district"),
    ("tinh", "province"),
    ("nam", "year"),
    ("chi_thi", "directive"),
    ("nghi_quyet", "directive"),
    ("van_ban", "directive"),
    ("chu_de", "theme"),
    ("ngay", "date"),
    ("tom_tat", "summary"),
    ("nguon", "source"),
    ("tac_gia", "author"),
    ("the", "tags"),
    ("nhap", "draft"),
];

pub(super) struct Checker<'p, 'd> {
    pub(super) path: &'p Path,
    /// The front matter, which starts on the file's second line.
    pub(super) yaml: &'p str,
    pub(super) lang: Lang,
    pub(super) keys: HashMap<String, KeySpot>,
    pub(super) closing_line: usize,
    pub(super) diagnostics: &'d mut Vec<Diagnostic>,
}

impl Checker<'_, '_> {
    pub(super) fn check(mut self) -> Option<FrontMatter> {
        let lang = self.lang;
        // A no-break space after `title:` makes YAML read another structure than the one
        // seen; its errors would point elsewhere. Each such character is told instead.
        let invisible = invisible::structure(self.yaml, 2, invisible::Nested::ARTICLE, lang);
        if !invisible.is_empty() {
            for e in invisible {
                self.error(e.pos, e.message, Some(e.hint));
            }
            return None;
        }
        let value: Value = match serde_yaml::from_str(self.yaml) {
            Ok(value) => value,
            Err(e) => {
                self.yaml_error(&e);
                return None;
            }
        };
        let mapping = match value {
            Value::Mapping(m) => m,
            Value::Null => serde_yaml::Mapping::new(),
            _ => {
                self.error(
                    Pos::new(2, 1),
                    lang.pick(
                        "phần đầu phải là các dòng `khóa: giá trị`",
                        "the front matter must be `key: value` lines",
                    )
                    .into(),
                    None,
                );
                return None;
            }
        };
        // A required field written only under another name (`năm: 2023`) is one error at
        // that name (`missing`), not also an unknown-field warning there.
        let written: Vec<String> =
            mapping.keys().filter_map(Value::as_str).map(str::to_string).collect();
        let known = |key: &str| KEYS.iter().any(|(k, _)| *k == key);
        let renamed: Vec<&str> = REQUIRED
            .iter()
            .filter(|&&required| !written.iter().any(|w| w == required))
            .filter_map(|&required| {
                written.iter().find(|w| !known(w) && suggest_key(w) == Some(required))
            })
            .map(String::as_str)
            .collect();
        let mut fields: HashMap<&'static str, Value> = HashMap::new();
        for (key, value) in mapping {
            let Value::String(key) = key else {
                self.error(
                    Pos::new(2, 1),
                    lang.pick("tên trường phải là chữ", "a field name must be text").into(),
                    None,
                );
                continue;
            };
            match KEYS.iter().find(|(known, _)| *known == key) {
                Some((known, _)) => {
                    fields.insert(known, value);
                }
                None if renamed.contains(&key.as_str()) => {}
                None => self.unknown_key(&key),
            }
        }
        let errors_before = self.diagnostics.iter().filter(|d| d.is_error()).count();
        let title = self.required_text(&mut fields, "title");
        let ward = self.required_text(&mut fields, "ward");
        let year = self.year(&mut fields);
        let directive = self.required_list(&mut fields, "directive");
        let theme = self.required_list(&mut fields, "theme");
        self.joined("directive", directive.as_ref(), hints::joined_directives);
        self.joined("theme", theme.as_ref(), hints::joined_themes);
        self.folded_themes(theme.as_deref());
        let district = self.optional_text(&mut fields, "district");
        let province = self.optional_text(&mut fields, "province");
        let date = self.date(&mut fields);
        let summary = self.optional_text(&mut fields, "summary");
        let source = self.optional_text(&mut fields, "source");
        let author = self.optional_text(&mut fields, "author");
        let tags = self.optional_list(&mut fields, "tags");
        self.joined("tags", Some(&tags), hints::joined_tags);
        let slug = self.slug(&mut fields);
        let draft = self.draft(&mut fields);
        let slug_pos = self.spot("slug").value;
        for key in ["title", "ward", "district", "province", "summary", "source", "author"] {
            self.comment_cut(key);
        }
        if self.diagnostics.iter().filter(|d| d.is_error()).count() > errors_before {
            return None;
        }
        Some(FrontMatter {
            title: title?,
            ward: ward?,
            district,
            province,
            year: year?,
            directive: directive?,
            theme: theme?,
            date,
            summary,
            source,
            author,
            tags,
            slug,
            draft,
            slug_pos,
        })
    }

    pub(super) fn error(&mut self, pos: Pos, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(self.path, pos, message);
        d.hint = hint;
        self.diagnostics.push(d);
    }

    fn yaml_error(&mut self, e: &serde_yaml::Error) {
        let lang = self.lang;
        let text = e.to_string();
        // serde_yaml appends " at line L column C"; the position is printed separately.
        let reason = text.split(" at line ").next().unwrap_or(&text);
        let pos = e.location().map_or(Pos::START, |l| Pos::new(l.line(), l.column()));
        // The front matter starts on the file's second line.
        let explained = syntax::explain(reason, self.yaml, pos, 2, lang);
        self.error(explained.pos, explained.message, Some(explained.hint));
    }

    fn unknown_key(&mut self, key: &str) {
        let lang = self.lang;
        let pos = self.spot(key).key;
        let mut d = Diagnostic::warning(
            self.path,
            pos,
            match lang {
                Lang::Vi => format!("trường lạ `{key}`: sotay không đọc trường này"),
                Lang::En => format!("unknown field `{key}`: sotay does not read it"),
            },
        );
        d.hint = Some(match suggest_key(key) {
            Some(known) => lang
                .pick(format!("có phải ý bạn là `{known}`?"), format!("did you mean `{known}`?")),
            None => {
                let names: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
                format!("{}: {}", lang.pick("các trường hợp lệ", "valid fields"), names.join(", "))
            }
        });
        self.diagnostics.push(d);
    }

    /// The text of file line `line` of the front matter.
    pub(super) fn source_line(&self, line: usize) -> &str {
        self.yaml.lines().nth(line.wrapping_sub(2)).unwrap_or_default()
    }

    /// Warns when a single theme is lines written without their `- `, that YAML joined
    /// (`hints::folded_themes`), at the value.
    fn folded_themes(&mut self, themes: Option<&[String]>) {
        let Some([entry]) = themes else { return };
        let spot = self.spot("theme");
        let lines = self.value_lines(&spot);
        if let Some((message, hint)) = hints::folded_themes(self.lang, entry, &lines) {
            let d = Diagnostic::warning(self.path, spot.value, message).with_hint(hint);
            self.diagnostics.push(d);
        }
    }

    /// The lines a value that is no list is written on, trimmed: the rest of its key's
    /// line, then the indented lines under it, up to an empty line (none for a list, a
    /// `|` or `>` block, or a value in quotes or brackets).
    fn value_lines(&self, spot: &KeySpot) -> Vec<&str> {
        if !spot.items.is_empty() {
            return Vec::new();
        }
        // One pass over the front matter's lines from the key's (file line 2 is its first).
        let mut from_key = self.yaml.lines().skip(spot.key.line.saturating_sub(2));
        let key_line = from_key.next().unwrap_or_default();
        let first = key_line.split_once(':').map_or("", |(_, rest)| rest.trim());
        if first.starts_with(['|', '>', '"', '\'', '[', '{']) {
            return Vec::new();
        }
        let under =
            from_key.take_while(|line| line.starts_with([' ', '\t']) && !line.trim().is_empty());
        let lines = std::iter::once(first).chain(under.map(str::trim));
        lines.filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
    }

    /// Where entry `index` of the list `key` is written.
    fn item_pos(spot: &KeySpot, index: usize) -> Pos {
        spot.items.get(index).copied().unwrap_or(spot.value)
    }

    /// Warns about each entry of `key` that `advice` finds two values in (two directives
    /// or themes on one line), at that entry.
    fn joined(&mut self, key: &str, entries: Option<&Vec<String>>, advice: hints::JoinedEntry) {
        let (spot, entries) = (self.spot(key), entries.map_or(&[][..], Vec::as_slice));
        for index in 0..entries.len() {
            if let Some((message, hint)) = advice(self.lang, entries, index) {
                let pos = Self::item_pos(&spot, index);
                self.diagnostics.push(Diagnostic::warning(self.path, pos, message).with_hint(hint));
            }
        }
    }

    /// Warns when a text value written on its key's line loses its end to a YAML comment
    /// (`hints::comment_cut`).
    fn comment_cut(&mut self, key: &str) {
        let Some(spot) = self.keys.get(key) else { return };
        if spot.value == spot.key {
            return;
        }
        let value: String =
            self.source_line(spot.value.line).chars().skip(spot.value.col - 1).collect();
        let Some((offset, message, hint)) = hints::comment_cut(self.lang, key, &value) else {
            return;
        };
        let pos = Pos::new(spot.value.line, spot.value.col + offset);
        self.diagnostics.push(Diagnostic::warning(self.path, pos, message).with_hint(hint));
    }

    pub(super) fn spot(&self, key: &str) -> KeySpot {
        self.keys.get(key).cloned().unwrap_or_else(|| super::find_key(self.yaml, key, 2))
    }

    pub(super) fn example(key: &str) -> &'static str {
        KEYS.iter().find(|(k, _)| *k == key).map_or("…", |(_, e)| e)
    }

    pub(super) fn missing(&mut self, key: &str) {
        let lang = self.lang;
        let example = Self::example(key);
        // A key written under another name (`năm: 2023`) is renamed where it is written.
        let renamed = self
            .keys
            .iter()
            .filter(|(written, _)| {
                !KEYS.iter().any(|(known, _)| known == written) && suggest_key(written) == Some(key)
            })
            .min_by_key(|(_, spot)| (spot.key.line, spot.key.col));
        if let Some((written, spot)) = renamed {
            let (pos, written) = (spot.key, written.clone());
            self.error(
                pos,
                match lang {
                    Lang::Vi => {
                        format!("thiếu trường bắt buộc `{key}`: `{written}` không được đọc")
                    }
                    Lang::En => format!("missing required field `{key}`: `{written}` is not read"),
                },
                Some(match lang {
                    Lang::Vi => format!("đổi tên `{written}` thành `{key}`"),
                    Lang::En => format!("rename `{written}` to `{key}`"),
                }),
            );
            return;
        }
        self.error(
            Pos::new(self.closing_line, 1),
            match lang {
                Lang::Vi => format!("thiếu trường bắt buộc `{key}`"),
                Lang::En => format!("missing required field `{key}`"),
            },
            Some(match lang {
                Lang::Vi => format!("thêm dòng `{key}: {example}` trước dòng `---` này"),
                Lang::En => format!("add a line `{key}: {example}` before this `---`"),
            }),
        );
    }

    pub(super) fn wrong_type(
        &mut self,
        key: &str,
        pos: Pos,
        expected_vi: &str,
        expected_en: &str,
        found: &Value,
    ) {
        let found = describe(found, self.lang);
        let (message, hint) =
            wrong_type(self.lang, key, (expected_vi, expected_en), found, Self::example(key));
        self.error(pos, message, Some(hint));
    }

    pub(super) fn empty(&mut self, key: &str, pos: Pos) {
        let (message, hint) = empty(self.lang, key, Self::example(key));
        self.error(pos, message, Some(hint));
    }

    /// A text value: strings, and numbers written as text (`ward: 12` means "12").
    fn text_value(&mut self, key: &str, pos: Pos, value: &Value) -> Option<String> {
        let text = match value {
            Value::String(s) if NAME_KEYS.contains(&key) => self.without_zero_width(key, pos, s),
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Null => String::new(),
            other => {
                self.wrong_type(key, pos, "một chuỗi chữ", "text", other);
                return None;
            }
        };
        if text.is_empty() {
            self.empty(key, pos);
            return None;
        }
        Some(crate::vi::nfc(&text))
    }

    /// `written` without the zero-width characters that would make a second term look
    /// just like the first (`Phường\u{200b} 1`, `Dân vận\u{200b}`), with a warning at the
    /// first of them so that the file can be cleaned. A warning, not an error: the name
    /// read is the one the editor sees.
    fn without_zero_width(&mut self, key: &str, pos: Pos, written: &str) -> String {
        let (text, first) = invisible::strip_zero_width(written);
        let text = text.trim().to_string();
        let Some(c) = first else { return text };
        // On the value's line, unless it is written there as an escape or folded onto
        // the next line: then at the value.
        let at = self
            .source_line(pos.line)
            .chars()
            .enumerate()
            .skip(pos.col.saturating_sub(1))
            .find(|&(_, x)| x == c)
            .map_or(pos, |(i, _)| Pos::new(pos.line, i + 1));
        let what = invisible::name(c, self.lang);
        let (message, hint) = match self.lang {
            Lang::Vi => (
                format!("`{key}` có {what}, một ký tự vô hình: sotay bỏ nó đi và đọc “{text}”"),
                "xóa ký tự này khỏi tệp (thường có khi dán từ Word, e-mail hay trang web)",
            ),
            Lang::En => (
                format!(
                    "`{key}` holds {what}, which cannot be seen: sotay leaves it out and reads “{text}”"
                ),
                "delete it from the file (it often comes with text pasted from Word, an e-mail or a web page)",
            ),
        };
        self.diagnostics.push(Diagnostic::warning(self.path, at, message).with_hint(hint));
        text
    }

    fn required_text(&mut self, fields: &mut HashMap<&str, Value>, key: &str) -> Option<String> {
        match fields.remove(key) {
            Some(value) => self.text_value(key, self.spot(key).value, &value),
            None => {
                self.missing(key);
                None
            }
        }
    }

    pub(super) fn optional_text(
        &mut self,
        fields: &mut HashMap<&str, Value>,
        key: &str,
    ) -> Option<String> {
        let value = fields.remove(key)?;
        if value.is_null() {
            return None;
        }
        self.text_value(key, self.spot(key).value, &value)
    }

    /// A string or a non-empty list of strings.
    fn list(&mut self, key: &str, value: &Value) -> Option<Vec<String>> {
        let spot = self.spot(key);
        match value {
            Value::Sequence(items) if items.is_empty() => {
                let lang = self.lang;
                let example = Self::example(key);
                self.error(
                    spot.value,
                    match lang {
                        Lang::Vi => format!("danh sách `{key}` trống"),
                        Lang::En => format!("the `{key}` list is empty"),
                    },
                    Some(format!(
                        "{}: `{key}: {example}`",
                        lang.pick("ghi ít nhất một mục", "give at least one entry")
                    )),
                );
                None
            }
            Value::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    let pos = Self::item_pos(&spot, i);
                    match self.text_value(key, pos, item) {
                        Some(text) => out.push(text),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }
            other => {
                // `key:` then `  -Chỉ thị …` is text starting with `-`, not a list.
                let line = spot.value.line;
                if line != spot.key.line {
                    if let Some(e) = syntax::missing_space(self.source_line(line), line, self.lang)
                    {
                        let warning = Diagnostic::warning(self.path, e.pos, e.message);
                        self.diagnostics.push(warning.with_hint(e.hint));
                    }
                }
                self.text_value(key, spot.value, other).map(|t| vec![t])
            }
        }
    }

    fn required_list(
        &mut self,
        fields: &mut HashMap<&str, Value>,
        key: &str,
    ) -> Option<Vec<String>> {
        match fields.remove(key) {
            Some(value) => self.list(key, &value),
            None => {
                self.missing(key);
                None
            }
        }
    }

    fn optional_list(&mut self, fields: &mut HashMap<&str, Value>, key: &str) -> Vec<String> {
        match fields.remove(key) {
            Some(Value::Null) | None => Vec::new(),
            Some(value) => self.list(key, &value).unwrap_or_default(),
        }
    }
}

/// The message and hint for `key` holding `found` where `expected` (Vietnamese, English)
/// belongs. Shared with whole files (the site config), so both word it alike.
pub(super) fn wrong_type(
    lang: Lang,
    key: &str,
    (expected_vi, expected_en): (&str, &str),
    found: &str,
    example: &str,
) -> (String, String) {
    let message = match lang {
        Lang::Vi => format!("`{key}` phải là {expected_vi}, không phải {found}"),
        Lang::En => format!("`{key}` must be {expected_en}, not {found}"),
    };
    (message, write_like(lang, key, example))
}

/// The hint that shows how `key` is written.
pub(super) fn write_like(lang: Lang, key: &str, example: &str) -> String {
    format!("{}: `{key}: {example}`", lang.pick("viết như", "write it like"))
}

/// The message and hint for `key` written with no value.
pub(super) fn empty(lang: Lang, key: &str, example: &str) -> (String, String) {
    let message = match lang {
        Lang::Vi => format!("`{key}` đang để trống"),
        Lang::En => format!("`{key}` is empty"),
    };
    let hint =
        format!("{}: `{key}: {example}`", lang.pick("điền giá trị, ví dụ", "fill it in, e.g."));
    (message, hint)
}

/// What kind of value `value` is, as a message names it.
pub(super) fn describe(value: &Value, lang: Lang) -> &'static str {
    match value {
        Value::Null => lang.pick("giá trị rỗng", "nothing"),
        Value::Bool(_) => lang.pick("giá trị đúng/sai", "a true/false value"),
        Value::Number(_) => lang.pick("một số", "a number"),
        Value::String(_) => lang.pick("một chuỗi chữ", "text"),
        Value::Sequence(_) => lang.pick("một danh sách", "a list"),
        Value::Mapping(_) | Value::Tagged(_) => lang.pick("một nhóm khóa–giá trị", "a mapping"),
    }
}

/// The known key an unknown one most likely meant: a Vietnamese name for it, or a near
/// spelling.
pub(super) fn suggest_key(key: &str) -> Option<&'static str> {
    let folded: String =
        crate::vi::fold(key).chars().map(|c| if c == '-' || c == ' ' { '_' } else { c }).collect();
    if let Some((_, known)) =
        VIETNAMESE_KEYS.iter().find(|(vi, _)| *vi == folded || vi.replace('_', "") == folded)
    {
        return Some(known);
    }
    nearest(&folded, KEYS.iter().map(|(known, _)| *known))
}

/// The candidate `word` most likely misspells: the closest by Damerau–Levenshtein
/// distance, if within a third of its length (two edits for short ones).
pub(super) fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|known| (strsim::damerau_levenshtein(word, known), known))
        .filter(|(distance, known)| *distance <= (known.chars().count() / 3).max(2))
        .min()
        .map(|(_, known)| known)
}
