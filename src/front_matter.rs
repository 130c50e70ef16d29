//! The YAML block at the top of an article: split it off, type it, and say where each
//! problem is, counted from the start of the file. serde_yaml stays inside this module.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde_yaml::Value;

use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::Lang;

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

/// Splits and checks the front matter of one article. `text` is already UTF-8 with LF line
/// endings and no BOM. Returns the article when it is usable, and every problem found.
pub fn parse(path: &Path, text: &str, lang: Lang) -> (Option<Split>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (yaml, body_offset, closing_line) = match split(path, text, lang) {
        Ok(parts) => parts,
        Err(d) => return (None, vec![d.with_source(text)]),
    };
    let front =
        Checker { path, lang, keys: scan_keys(yaml), closing_line, diagnostics: &mut diagnostics }
            .check(yaml);
    let diagnostics = diagnostics.into_iter().map(|d| d.with_source(text)).collect();
    let split = front.map(|front| Split { front, body_offset });
    (split, diagnostics)
}

/// Reads a whole YAML file (the site config, a theme's strings) into `T`, warning about
/// keys outside `known` and locating errors. Used so that serde_yaml stays in this module.
pub fn from_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    lang: Lang,
    known: &[&str],
) -> (Option<T>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let spots = scan_keys(text);
    let located = |line: usize| if line == 0 { Pos::START } else { Pos::new(line, 1) };
    let value: Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let pos = e.location().map_or(Pos::START, |l| Pos::new(l.line(), l.column()));
            let reason = e.to_string();
            let reason = reason.split(" at line ").next().unwrap_or_default();
            let message = format!("{}: {reason}", lang.pick("YAML không hợp lệ", "invalid YAML"));
            return (None, vec![Diagnostic::error(path, pos, message).with_source(text)]);
        }
    };
    if let Value::Mapping(map) = &value {
        for key in map.keys().filter_map(Value::as_str) {
            if !known.contains(&key) {
                // scan_keys counts from the file's second line (front matter); shift back.
                let line = spots.get(key).map_or(0, |s| s.key.line - 1);
                let message = match lang {
                    Lang::Vi => format!("khóa lạ `{key}` sẽ bị bỏ qua"),
                    Lang::En => format!("unknown key `{key}` is ignored"),
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
                .map_or(0, |s| s.key.line - 1);
            let message =
                format!("{}: {reason}", lang.pick("giá trị không hợp lệ", "invalid value"));
            diagnostics.push(Diagnostic::error(path, located(line), message).with_source(text));
            (None, diagnostics)
        }
    }
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
    for (index, line) in lines.enumerate() {
        let trimmed = line.trim_end();
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
        offset += line.len();
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

/// Where a top-level key, its value and its list items are written, in file positions.
#[derive(Debug, Clone, Default)]
struct KeySpot {
    key: Pos,
    value: Pos,
    items: Vec<Pos>,
}

/// Finds top-level keys by their lines. YAML's parser gives no positions for values, and
/// front matter is a flat mapping, so the lines say enough to point at each key and item.
fn scan_keys(yaml: &str) -> HashMap<String, KeySpot> {
    let mut spots: HashMap<String, KeySpot> = HashMap::new();
    let mut current: Option<String> = None;
    for (index, line) in yaml.lines().enumerate() {
        let line_no = index + 2; // the YAML starts on the file's second line
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
            continue;
        }
        let Some(key) = &current else { continue };
        let Some(spot) = spots.get_mut(key) else { continue };
        if spot.value == spot.key {
            spot.value = Pos::new(line_no, indent + 1);
        }
        if let Some(item) = rest.strip_prefix('-') {
            let skipped = item.chars().take_while(|c| c.is_whitespace()).count();
            spot.items.push(Pos::new(line_no, indent + 2 + skipped));
        }
    }
    spots
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

struct Checker<'p, 'd> {
    path: &'p Path,
    lang: Lang,
    keys: HashMap<String, KeySpot>,
    closing_line: usize,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Checker<'_, '_> {
    fn check(mut self, yaml: &str) -> Option<FrontMatter> {
        let lang = self.lang;
        let value: Value = match serde_yaml::from_str(yaml) {
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
                None => self.unknown_key(&key),
            }
        }
        let errors_before = self.diagnostics.iter().filter(|d| d.is_error()).count();
        let title = self.required_text(&mut fields, "title");
        let ward = self.required_text(&mut fields, "ward");
        let year = self.year(&mut fields);
        let directive = self.required_list(&mut fields, "directive");
        let theme = self.required_list(&mut fields, "theme");
        let district = self.optional_text(&mut fields, "district");
        let province = self.optional_text(&mut fields, "province");
        let date = self.date(&mut fields);
        let summary = self.optional_text(&mut fields, "summary");
        let source = self.optional_text(&mut fields, "source");
        let author = self.optional_text(&mut fields, "author");
        let tags = self.optional_list(&mut fields, "tags");
        let slug = self.slug(&mut fields);
        let draft = self.draft(&mut fields);
        let slug_pos = self.keys.get("slug").map_or(Pos::START, |s| s.value);
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

    fn error(&mut self, pos: Pos, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(self.path, pos, message);
        d.hint = hint;
        self.diagnostics.push(d);
    }

    fn yaml_error(&mut self, e: &serde_yaml::Error) {
        let lang = self.lang;
        let text = e.to_string();
        // serde_yaml appends " at line L column C"; the position is printed separately.
        let reason = text.split(" at line ").next().unwrap_or(&text).to_string();
        let pos = e.location().map_or(Pos::new(2, 1), |l| Pos::new(l.line() + 1, l.column()));
        let hint = if reason.contains("recursion limit") || reason.contains("repetition limit") {
            lang.pick(
                "phần đầu dùng quá nhiều bí danh YAML (&, *); hãy viết giá trị trực tiếp",
                "the front matter uses too many YAML aliases (&, *); write values out",
            )
        } else {
            lang.pick(
                "giá trị có dấu `:` hoặc `#` cần đặt trong ngoặc kép, ví dụ title: \"Phường 12: bài học\"; danh sách viết mỗi mục một dòng bắt đầu bằng `- `",
                "quote values containing `:` or `#`, e.g. title: \"Ward 12: lessons\"; write list items one per line starting with `- `",
            )
        };
        self.error(
            pos,
            format!("{}: {reason}", lang.pick("YAML không hợp lệ", "invalid YAML")),
            Some(hint.into()),
        );
    }

    fn unknown_key(&mut self, key: &str) {
        let lang = self.lang;
        let pos = self.keys.get(key).map_or(Pos::new(2, 1), |s| s.key);
        let mut d = Diagnostic::warning(
            self.path,
            pos,
            match lang {
                Lang::Vi => format!("trường lạ `{key}` sẽ bị bỏ qua"),
                Lang::En => format!("unknown field `{key}` is ignored"),
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

    fn spot(&self, key: &str) -> KeySpot {
        self.keys.get(key).cloned().unwrap_or_default()
    }

    fn example(key: &str) -> &'static str {
        KEYS.iter().find(|(k, _)| *k == key).map_or("…", |(_, e)| e)
    }

    fn missing(&mut self, key: &str) {
        let lang = self.lang;
        let example = Self::example(key);
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

    fn wrong_type(
        &mut self,
        key: &str,
        pos: Pos,
        expected_vi: &str,
        expected_en: &str,
        found: &Value,
    ) {
        let lang = self.lang;
        let example = Self::example(key);
        let found = describe(found, lang);
        self.error(
            pos,
            match lang {
                Lang::Vi => format!("`{key}` phải là {expected_vi}, không phải {found}"),
                Lang::En => format!("`{key}` must be {expected_en}, not {found}"),
            },
            Some(format!("{}: `{key}: {example}`", lang.pick("viết như", "write it like"))),
        );
    }

    fn empty(&mut self, key: &str, pos: Pos) {
        let lang = self.lang;
        let example = Self::example(key);
        self.error(
            pos,
            match lang {
                Lang::Vi => format!("`{key}` đang để trống"),
                Lang::En => format!("`{key}` is empty"),
            },
            Some(format!(
                "{}: `{key}: {example}`",
                lang.pick("điền giá trị, ví dụ", "fill it in, e.g.")
            )),
        );
    }

    /// A text value: strings, and numbers written as text (`ward: 12` means "12").
    fn text_value(&mut self, key: &str, pos: Pos, value: &Value) -> Option<String> {
        let text = match value {
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

    fn required_text(&mut self, fields: &mut HashMap<&str, Value>, key: &str) -> Option<String> {
        match fields.remove(key) {
            Some(value) => self.text_value(key, self.spot(key).value, &value),
            None => {
                self.missing(key);
                None
            }
        }
    }

    fn optional_text(&mut self, fields: &mut HashMap<&str, Value>, key: &str) -> Option<String> {
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
                    let pos = spot.items.get(i).copied().unwrap_or(spot.value);
                    match self.text_value(key, pos, item) {
                        Some(text) => out.push(text),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }
            other => self.text_value(key, spot.value, other).map(|t| vec![t]),
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

    fn year(&mut self, fields: &mut HashMap<&str, Value>) -> Option<u16> {
        let lang = self.lang;
        let Some(value) = fields.remove("year") else {
            self.missing("year");
            return None;
        };
        let pos = self.spot("year").value;
        match value.as_i64() {
            Some(year) if YEAR_RANGE.contains(&year) => u16::try_from(year).ok(),
            Some(year) => {
                self.error(
                    pos,
                    match lang {
                        Lang::Vi => format!("năm {year} nằm ngoài khoảng 1900–2100"),
                        Lang::En => format!("year {year} is outside 1900–2100"),
                    },
                    Some(
                        lang.pick(
                            "viết năm đủ bốn chữ số, ví dụ `year: 2022`",
                            "write the full year, e.g. `year: 2022`",
                        )
                        .into(),
                    ),
                );
                None
            }
            None if value.is_null() => {
                self.empty("year", pos);
                None
            }
            None => {
                self.wrong_type(
                    "year",
                    pos,
                    "một số nguyên (năm)",
                    "a whole number (the year)",
                    &value,
                );
                None
            }
        }
    }

    fn date(&mut self, fields: &mut HashMap<&str, Value>) -> Option<NaiveDate> {
        let lang = self.lang;
        let value = fields.remove("date")?;
        let pos = self.spot("date").value;
        let text = match &value {
            Value::Null => return None,
            Value::String(s) => s.trim(),
            other => {
                self.wrong_type(
                    "date",
                    pos,
                    "một ngày dạng YYYY-MM-DD",
                    "a date as YYYY-MM-DD",
                    other,
                );
                return None;
            }
        };
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) if YEAR_RANGE.contains(&i64::from(chrono::Datelike::year(&date))) => {
                Some(date)
            }
            _ => {
                self.error(
                    pos,
                    match lang {
                        Lang::Vi => format!("ngày `{text}` không hợp lệ"),
                        Lang::En => format!("`{text}` is not a valid date"),
                    },
                    Some(
                        lang.pick(
                            "viết theo dạng YYYY-MM-DD, ví dụ `date: 2022-12-01`",
                            "write it as YYYY-MM-DD, e.g. `date: 2022-12-01`",
                        )
                        .into(),
                    ),
                );
                None
            }
        }
    }

    /// A slug is one path segment: anything that could climb out of the output folder or
    /// into another one is refused, rather than quietly rewritten.
    fn slug(&mut self, fields: &mut HashMap<&str, Value>) -> Option<String> {
        let lang = self.lang;
        let raw = self.optional_text(fields, "slug")?;
        let pos = self.spot("slug").value;
        let slug = crate::vi::slugify(&raw);
        let escapes = raw.contains(['/', '\\', '\0']) || raw.contains("..");
        if escapes || slug.is_empty() {
            self.error(
                pos,
                match lang {
                    Lang::Vi if escapes => format!("slug `{raw}` sẽ ghi ra ngoài thư mục của bài viết"),
                    Lang::En if escapes => format!("slug `{raw}` would write outside the article's folder"),
                    Lang::Vi => format!("slug `{raw}` không có chữ hay số nào"),
                    Lang::En => format!("slug `{raw}` has no letters or digits"),
                },
                Some(lang.pick(
                    "slug chỉ gồm chữ thường không dấu, chữ số và dấu `-`, ví dụ `slug: phuong-12-2022`",
                    "a slug is lowercase ASCII letters, digits and `-`, e.g. `slug: ward-12-2022`",
                ).into()),
            );
            return None;
        }
        Some(slug)
    }

    fn draft(&mut self, fields: &mut HashMap<&str, Value>) -> bool {
        match fields.remove("draft") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => b,
            Some(other) => {
                let pos = self.spot("draft").value;
                self.wrong_type("draft", pos, "`true` hoặc `false`", "`true` or `false`", &other);
                false
            }
        }
    }
}

fn describe(value: &Value, lang: Lang) -> &'static str {
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
fn suggest_key(key: &str) -> Option<&'static str> {
    let folded: String =
        crate::vi::fold(key).chars().map(|c| if c == '-' || c == ' ' { '_' } else { c }).collect();
    if let Some((_, known)) =
        VIETNAMESE_KEYS.iter().find(|(vi, _)| *vi == folded || vi.replace('_', "") == folded)
    {
        return Some(known);
    }
    KEYS.iter()
        .map(|(known, _)| (strsim::damerau_levenshtein(&folded, known), *known))
        .filter(|(distance, known)| *distance <= (known.len() / 3).max(2))
        .min()
        .map(|(_, known)| known)
}

#[cfg(test)]
mod tests {
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
    fn key_positions_point_at_values() {
        let spots = scan_keys("title: \"a: b\"\nyear:   2022\ntheme:\n  - x\n");
        assert_eq!(spots["title"].value, Pos::new(2, 8));
        assert_eq!(spots["year"].value, Pos::new(3, 9));
        assert_eq!(spots["theme"].value, Pos::new(5, 3));
        assert_eq!(spots["theme"].items, [Pos::new(5, 5)]);
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
