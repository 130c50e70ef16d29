//! The site language: which of two texts to show, and how dates read in it.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// A count with its noun: Vietnamese has one form ("1 bài viết", "2 bài viết"); English
    /// agrees with the number ("1 article", "2 articles").
    pub fn count(self, n: usize, vi: &str, one: &str, many: &str) -> String {
        let noun = match self {
            Lang::Vi => vi,
            Lang::En if n == 1 => one,
            Lang::En => many,
        };
        format!("{n} {noun}")
    }

    /// Chooses between the Vietnamese and the English text of a message.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// What went wrong with a file, in words of the language, then the system's own
    /// message (which an editor can search for or pass on): "ổ đĩa đã đầy (No space
    /// left on device (os error 28))".
    pub fn os_error(self, error: &std::io::Error) -> String {
        use std::io::ErrorKind::*;
        let words = match error.kind() {
            StorageFull => ("ổ đĩa đã đầy", "the disk is full"),
            QuotaExceeded => ("đã hết dung lượng được cấp", "the disk quota is used up"),
            PermissionDenied => ("không có quyền", "permission denied"),
            ReadOnlyFilesystem => ("ổ đĩa chỉ cho đọc", "the disk is read-only"),
            NotFound => ("không tìm thấy", "not found"),
            InvalidFilename => ("tên hoặc đường dẫn quá dài", "the name or path is too long"),
            ResourceBusy => ("đang được chương trình khác dùng", "another program is using it"),
            _ => return error.to_string(),
        };
        format!("{} ({error})", self.pick(words.0, words.1))
    }

    /// The file `path` and what went wrong with it (`os_error`): "public/nam/2000/index.html:
    /// ổ đĩa đã đầy (…)".
    pub fn file_error(self, path: &std::path::Path, error: &std::io::Error) -> String {
        format!("{}: {}", path.display(), self.os_error(error))
    }

    /// The word an error line starts with: "lỗi", "error".
    pub fn error_word(self) -> &'static str {
        self.pick("lỗi", "error")
    }

    /// A date as readers of the language write it: "Thứ Năm, 01/12/2022" or
    /// "Thursday, 1 December 2022".
    pub fn format_date(self, date: NaiveDate) -> String {
        match self {
            Lang::Vi => {
                let day = match date.weekday() {
                    Weekday::Mon => "Thứ Hai",
                    Weekday::Tue => "Thứ Ba",
                    Weekday::Wed => "Thứ Tư",
                    Weekday::Thu => "Thứ Năm",
                    Weekday::Fri => "Thứ Sáu",
                    Weekday::Sat => "Thứ Bảy",
                    Weekday::Sun => "Chủ Nhật",
                };
                format!("{day}, {}", date.format("%d/%m/%Y"))
            }
            Lang::En => date.format("%A, %-d %B %Y").to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_dates_name_the_weekday() {
        let date = NaiveDate::from_ymd_opt(2022, 12, 1).unwrap();
        assert_eq!(Lang::Vi.format_date(date), "Thứ Năm, 01/12/2022");
        assert_eq!(Lang::En.count(1, "lỗi", "error", "errors"), "1 error");
        assert_eq!(Lang::En.count(0, "lỗi", "error", "errors"), "0 errors");
        assert_eq!(Lang::Vi.count(2, "lỗi", "error", "errors"), "2 lỗi");
        assert_eq!(Lang::En.format_date(date), "Thursday, 1 December 2022");
        let sunday = NaiveDate::from_ymd_opt(2024, 3, 3).unwrap();
        assert_eq!(Lang::Vi.format_date(sunday), "Chủ Nhật, 03/03/2024");
    }

    #[test]
    fn system_errors_are_told_in_the_language_with_the_systems_words_kept() {
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert_eq!(Lang::Vi.os_error(&full), format!("ổ đĩa đã đầy ({full})"));
        assert!(Lang::En.os_error(&full).starts_with("the disk is full ("));
        let odd = std::io::Error::other("lạ");
        assert_eq!(Lang::Vi.os_error(&odd), "lạ", "nothing to add to an unknown kind");
    }
}
