//! The fields holding one value with rules of their own: `year` (1900–2100), `date`
//! (YYYY-MM-DD), `slug` (one path segment) and `draft` (a yes or no).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_yaml::Value;

use super::check::{Checker, describe, wrong_type};
use super::{YEAR_RANGE, hints, invisible};
use crate::diagnostic::Pos;
use crate::i18n::Lang;

impl Checker<'_, '_> {
    pub(super) fn year(&mut self, fields: &mut HashMap<&str, Value>) -> Option<u16> {
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
                let in_range = |v: &Value| v.as_i64().is_some_and(|y| YEAR_RANGE.contains(&y));
                if self.pasted("year", pos, &value, in_range) {
                    return None;
                }
                let expected = ("một số nguyên (năm)", "a whole number (the year)");
                let found = describe(&value, lang);
                let (mut message, mut hint) =
                    wrong_type(lang, "year", expected, found, Self::example("year"));
                let quote = self.source_line(pos.line).chars().nth(pos.col.saturating_sub(1));
                let written = value.as_str().map(str::trim).unwrap_or_default();
                if let Some((better, instead)) = hints::year_text(lang, written, quote) {
                    message = better.unwrap_or(message);
                    hint = instead;
                }
                self.error(pos, message, Some(hint));
                None
            }
        }
    }

    pub(super) fn date(&mut self, fields: &mut HashMap<&str, Value>) -> Option<NaiveDate> {
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
        match read_date(text) {
            Some(date) => Some(date),
            None => {
                if self.pasted("date", pos, &value, |v| v.as_str().and_then(read_date).is_some()) {
                    return None;
                }
                // Why, from the numbers as they read: a character pasted with them is
                // told once the date is one (the check above).
                let (reason, hint) = hints::date(lang, &super::invisible::without_odd(text));
                let mut message = match lang {
                    Lang::Vi => format!("ngày `{text}` không hợp lệ"),
                    Lang::En => format!("`{text}` is not a valid date"),
                };
                if let Some(reason) = reason {
                    message = format!("{message}: {reason}");
                }
                self.error(pos, message, Some(hint));
                None
            }
        }
    }

    /// Whether `value` of `key` fails only because of odd characters pasted with it
    /// (`year: 2020\u{a0}`): if so, the error naming the first of them is told.
    fn pasted(
        &mut self,
        key: &str,
        pos: Pos,
        value: &Value,
        reads: impl Fn(&Value) -> bool,
    ) -> bool {
        let line = self.source_line(pos.line);
        match invisible::in_typed_value(key, value, (line, pos), self.lang, reads) {
            Some(e) => {
                self.error(e.pos, e.message, Some(e.hint));
                true
            }
            None => false,
        }
    }

    /// A slug is one path segment: anything that could climb out of the output folder or
    /// into another one is refused, rather than quietly rewritten.
    pub(super) fn slug(&mut self, fields: &mut HashMap<&str, Value>) -> Option<String> {
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

    pub(super) fn draft(&mut self, fields: &mut HashMap<&str, Value>) -> bool {
        match fields.remove("draft") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => b,
            Some(other) => {
                let pos = self.spot("draft").value;
                if self.pasted("draft", pos, &other, Value::is_bool) {
                    return false;
                }
                let lang = self.lang;
                let found = describe(&other, lang);
                let expected = ("`true` hoặc `false`", "`true` or `false`");
                let (message, _) = wrong_type(lang, "draft", expected, found, "true");
                let hint = hints::draft(lang, &other);
                self.error(pos, message, Some(hint));
                false
            }
        }
    }
}

/// A date as YYYY-MM-DD in the years an article may have.
fn read_date(text: &str) -> Option<NaiveDate> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
    YEAR_RANGE.contains(&i64::from(chrono::Datelike::year(&date))).then_some(date)
}
