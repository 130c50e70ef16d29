//! Hints made from what the editor wrote: two directives or themes in one entry of a
//! list, a quoted year or a span of years, a date written day first.

use chrono::NaiveDate;

use super::YEAR_RANGE;
use crate::i18n::Lang;
use crate::terms;

/// Looks for two values in entry `index` of a list; returns the warning and its hint.
pub(super) type JoinedEntry = fn(Lang, &[String], usize) -> Option<(String, String)>;

/// When entry `index` of the `directive` list holds the codes of two or more documents
/// (`Chỉ thị 05-CT/TW, Nghị quyết 21-NQ/TW`), the warning and a hint with the list
/// written out, that entry split at its codes. A code written twice is one document.
/// Only a warning: one document's name may cite another ("Kết luận 01-KL/TW về … Chỉ thị
/// 05-CT/TW").
pub(super) fn joined_directives(
    lang: Lang,
    entries: &[String],
    index: usize,
) -> Option<(String, String)> {
    let entry = entries.get(index)?;
    let mut seen: Vec<(String, String)> = Vec::new();
    // Each part ends where the code before a new document's code ends.
    let mut ends = Vec::new();
    let mut previous_end = 0;
    for (code, range) in terms::find_codes(entry) {
        let key = code.key();
        if !seen.iter().any(|(seen_key, _)| *seen_key == key) {
            if !seen.is_empty() {
                ends.push(previous_end);
            }
            seen.push((key, code.display()));
        }
        previous_end = range.end;
    }
    if seen.len() < 2 {
        return None;
    }
    ends.push(entry.len());
    let mut start = 0;
    let parts: Vec<&str> = ends
        .into_iter()
        .map(|end| {
            let part = trim_separators(&entry[start..end]);
            start = end;
            part
        })
        .collect();
    let codes: Vec<String> = seen.into_iter().map(|(_, shown)| format!("`{shown}`")).collect();
    let message = match lang {
        Lang::Vi => format!(
            "`directive` có {} mã văn bản ({}) trong một mục",
            count(lang, codes.len()),
            codes.join(", ")
        ),
        Lang::En => format!(
            "`directive` has {} document codes ({}) in one entry",
            count(lang, codes.len()),
            codes.join(", ")
        ),
    };
    Some((message, split_hint(lang, "directive", ("văn bản", "documents"), entries, index, &parts)))
}

/// What the entries of a list key are called: in Vietnamese, and in English one and
/// more.
struct Noun {
    vi: &'static str,
    one: &'static str,
    many: &'static str,
}

const THEME: Noun = Noun { vi: "chủ đề", one: "theme", many: "themes" };
const TAG: Noun = Noun { vi: "thẻ", one: "tag", many: "tags" };

/// When entry `index` of the `theme` list holds a `;`, or a `, ` followed by a capital
/// (`Dân vận, Xây dựng Đảng`), the warning that it is one theme, and a hint with the list
/// written out, that entry split there. A comma inside one theme's name goes on in small
/// letters (`Kiểm tra, giám sát`) and is left alone. ` - `: a list item indented one space
/// too far is folded into the item above it (`Dân vận - Xây dựng Đảng`).
pub(super) fn joined_themes(
    lang: Lang,
    entries: &[String],
    index: usize,
) -> Option<(String, String)> {
    let capital = |part: &&str| part.chars().next().is_some_and(char::is_uppercase);
    let split =
        |separator: &str, parts: &[&str]| separator == ";" || parts[1..].iter().all(capital);
    joined_entry(lang, ("theme", THEME), entries, index, &[";", ", ", " - "], split)
}

/// A tag entry with a comma or semicolon in it (`tags: sinh hoạt, chi bộ`, as other site
/// generators take tags): YAML reads it as one tag. A tag is a word or two, so any such
/// separator is taken as one too many; a comma between digits is a decimal one (`hỗ trợ
/// 1,5 tỷ đồng`), no separator.
pub(super) fn joined_tags(
    lang: Lang,
    entries: &[String],
    index: usize,
) -> Option<(String, String)> {
    joined_entry(lang, ("tags", TAG), entries, index, &[";", ", "], |_, _| true)
}

/// The warning that entry `index` of list `key` is one entry although it holds the first
/// of `separators` it has, when `split` (given that separator and the parts) says the parts
/// are entries of their own; the hint writes the list out with that entry split.
fn joined_entry(
    lang: Lang,
    (key, noun): (&str, Noun),
    entries: &[String],
    index: usize,
    separators: &[&str],
    split: impl Fn(&str, &[&str]) -> bool,
) -> Option<(String, String)> {
    let entry = entries.get(index)?;
    let separator = separators.iter().find(|s| entry.contains(*s))?;
    let parts: Vec<&str> =
        entry.split(separator).map(str::trim).filter(|part| !part.is_empty()).collect();
    if parts.len() < 2 || !split(separator, &parts) {
        return None;
    }
    let separator = separator.trim();
    let message = match lang {
        Lang::Vi => {
            format!("`{key}` có dấu `{separator}` trong một mục: “{entry}” là một {}", noun.vi)
        }
        Lang::En => {
            format!("`{key}` has a `{separator}` in one entry: “{entry}” is one {}", noun.one)
        }
    };
    Some((message, split_hint(lang, key, (noun.vi, noun.many), entries, index, &parts)))
}

/// Themes written as lines without their `- ` (`theme:` then `Dân vận` and `Xây dựng
/// Đảng` on the lines below): YAML joins the lines into one value, one theme named
/// “Dân vận Xây dựng Đảng”. `lines` are the lines the value was written on, trimmed. Only
/// lines that each look like a theme name of their own (a capital, three words at most) are
/// taken for a list: a long theme name wrapped onto a second line is valid YAML and one
/// theme (`Làm theo tư tưởng` / `Hồ Chí Minh`), and directives written so are
/// told by their codes (`joined_directives`).
pub(super) fn folded_themes(lang: Lang, entry: &str, lines: &[&str]) -> Option<(String, String)> {
    let name_like = |line: &&str| {
        line.chars().next().is_some_and(char::is_uppercase)
            && line.split_whitespace().count() <= 3
            && !line.ends_with([',', ';', '-'])
    };
    if lines.len() < 2 || lines.join(" ") != entry || !lines.iter().all(name_like) {
        return None;
    }
    let n = count(lang, lines.len());
    let message = match lang {
        Lang::Vi => format!("{n} dòng của `theme` được đọc thành một chủ đề: “{entry}”"),
        Lang::En => format!("the {n} lines of `theme` are read as one theme: “{entry}”"),
    };
    let entries = [entry.to_string()];
    Some((message, split_hint(lang, "theme", (THEME.vi, THEME.many), &entries, 0, lines)))
}

/// "if these are two documents, write one per line:" and the list `key` would be with
/// entry `index` replaced by `parts`.
fn split_hint(
    lang: Lang,
    key: &str,
    (noun_vi, noun_en): (&str, &str),
    entries: &[String],
    index: usize,
    parts: &[&str],
) -> String {
    let n = count(lang, parts.len());
    let mut hint = match lang {
        Lang::Vi => format!("nếu là {n} {noun_vi}, viết mỗi {noun_vi} một dòng:\n{key}:"),
        Lang::En => format!("if these are {n} {noun_en}, write one per line:\n{key}:"),
    };
    for (i, entry) in entries.iter().enumerate() {
        if i == index {
            parts.iter().for_each(|part| hint.push_str(&format!("\n  - {part}")));
        } else {
            hint.push_str(&format!("\n  - {entry}"));
        }
    }
    hint
}

/// The text between two codes without the commas, dashes and "và" that joined them.
fn trim_separators(part: &str) -> &str {
    let joiners = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '-' | '–' | '—' | '+');
    let part = part.trim_matches(joiners);
    ["và ", "and "].iter().find_map(|and| part.strip_prefix(and)).unwrap_or(part).trim_start()
}

/// A small count in words: "hai", "two".
fn count(lang: Lang, n: usize) -> String {
    const VI: [&str; 4] = ["hai", "ba", "bốn", "năm"];
    const EN: [&str; 4] = ["two", "three", "four", "five"];
    let words = lang.pick(VI, EN);
    n.checked_sub(2).and_then(|i| words.get(i)).map_or_else(|| n.to_string(), |w| w.to_string())
}

/// A better message (if any) and hint for a `year` written as text, trimmed: a year in
/// quotes (`quote` is the character the value starts with), or a span of years.
pub(super) fn year_text(
    lang: Lang,
    written: &str,
    quote: Option<char>,
) -> Option<(Option<String>, String)> {
    let in_range = |digits: &str| digits.parse().is_ok_and(|year| YEAR_RANGE.contains(&year));
    let quoted = matches!(quote, Some('"' | '\''));
    if quoted && written.chars().all(|c| c.is_ascii_digit()) && in_range(written) {
        let quotes = match (lang, quote) {
            (Lang::Vi, Some('"')) => "bỏ dấu ngoặc kép",
            (Lang::Vi, _) => "bỏ dấu nháy",
            (Lang::En, _) => "remove the quotes",
        };
        return Some((None, format!("{quotes}: `year: {written}`")));
    }
    let mut years = written
        .split(|c: char| !c.is_ascii_digit())
        .filter(|digits| digits.len() == 4 && in_range(digits));
    let first = years.next()?;
    years.next()?;
    let (message, hint) = match lang {
        Lang::Vi => (
            format!("`year` chỉ nhận một năm, không phải `{written}`"),
            format!("chọn một năm, ví dụ `year: {first}`"),
        ),
        Lang::En => (
            format!("`year` takes one year, not `{written}`"),
            format!("choose one year, e.g. `year: {first}`"),
        ),
    };
    Some((Some(message), hint))
}

/// How to write the invalid date `written`: the same date as YYYY-MM-DD when it is
/// written day first, else the format and an example.
/// Why a date does not read, when its numbers say (`2022-13-01`: there is no month 13;
/// `2022-02-30`: February 2022 has 28 days; `1800-01-01`: out of range), and the line to
/// write instead.
pub(super) fn date(lang: Lang, written: &str) -> (Option<String>, String) {
    if let Some(date) = day_first_date(written) {
        let hint = match lang {
            Lang::Vi => format!("viết theo dạng YYYY-MM-DD (năm-tháng-ngày): `date: {date}`"),
            Lang::En => {
                format!("write it as YYYY-MM-DD, here read as day/month/year: `date: {date}`")
            }
        };
        return (None, hint);
    }
    let example = lang.pick(
        "viết theo dạng YYYY-MM-DD, ví dụ `date: 2022-12-01`",
        "write it as YYYY-MM-DD, e.g. `date: 2022-12-01`",
    );
    let Some((year, month, day)) = year_month_day(written) else {
        return (None, example.into());
    };
    if !YEAR_RANGE.contains(&i64::from(year)) {
        let reason = match lang {
            Lang::Vi => format!("năm {year} nằm ngoài khoảng 1900–2100"),
            Lang::En => format!("the year {year} is outside 1900–2100"),
        };
        return (Some(reason), example.into());
    }
    // Month and day swapped (`2022-25-12`): the other order is a date.
    if let Some(swapped) = NaiveDate::from_ymd_opt(year, day, month).filter(|_| month > 12) {
        let reason = match lang {
            Lang::Vi => format!("không có tháng {month}"),
            Lang::En => format!("there is no month {month}"),
        };
        let hint = match lang {
            Lang::Vi => format!("tháng viết trước ngày (YYYY-MM-DD): `date: {swapped}`"),
            Lang::En => format!("the month goes before the day (YYYY-MM-DD): `date: {swapped}`"),
        };
        return (Some(reason), hint);
    }
    if !(1..=12).contains(&month) {
        let reason = match lang {
            Lang::Vi => format!("không có tháng {month} (tháng từ 01 đến 12)"),
            Lang::En => format!("there is no month {month} (months are 01 to 12)"),
        };
        return (Some(reason), example.into());
    }
    let last = (28..=31).rev().find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some());
    match last {
        Some(last) if day > last || day == 0 => {
            let reason = match lang {
                Lang::Vi => format!("tháng {month} năm {year} có {last} ngày"),
                Lang::En => format!("month {month} of {year} has {last} days"),
            };
            let hint = format!("`date: {year}-{month:02}-{:02}`", day.clamp(1, last));
            (Some(reason), lang.pick("ví dụ ", "e.g. ").to_string() + &hint)
        }
        _ => (None, example.into()),
    }
}

/// The three numbers of a date written year first (`2022-13-01`), whether or not they
/// make a date.
fn year_month_day(written: &str) -> Option<(i32, u32, u32)> {
    let digits = |part: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())).then_some(())
    };
    let parts: Vec<&str> = written.split('-').collect();
    let [year, month, day] = parts[..] else { return None };
    digits(year, 4..=4)?;
    digits(month, 1..=2)?;
    digits(day, 1..=2)?;
    Some((year.parse().ok()?, month.parse().ok()?, day.parse().ok()?))
}

/// A date written day first, as Vietnamese does: `12/05/2023`, `5/3/2024`, `12-05-2023`,
/// `12.05.2023`.
fn day_first_date(written: &str) -> Option<NaiveDate> {
    let separator = ['/', '-', '.'].into_iter().find(|&s| written.contains(s))?;
    let parts: Vec<&str> = written.split(separator).collect();
    let [day, month, year] = parts[..] else { return None };
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
        let digits = len.contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
        digits.then(|| s.parse().ok())?
    };
    let year = number(year, 4..=4)?;
    if !YEAR_RANGE.contains(&i64::from(year)) {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, number(month, 1..=2)?, number(day, 1..=2)?)
}

/// Where an unquoted text value loses its end to YAML, which reads ` #` as the start of a
/// comment (`title: Bài học #1 về dân vận` is `Bài học`): the `#`'s char offset in `value`
/// (the value as written on its line), the message and the hint. A `#` followed by a
/// space reads as a comment meant (`ward: Phường 1 # ghi chú`), one right before a letter
/// or digit (`#1`) as part of the text.
pub(super) fn comment_cut(lang: Lang, key: &str, value: &str) -> Option<(usize, String, String)> {
    if value.starts_with(['"', '\'', '|', '>']) {
        return None;
    }
    let hash = value.match_indices([' ', '\t']).map(|(at, _)| at).find(|&at| {
        let mut after = value[at + 1..].chars();
        after.next() == Some('#') && after.next().is_some_and(|c| !c.is_whitespace())
    })?;
    let whole = value.trim_end().replace('"', "\\\"");
    let message = lang.pick(
        "phần từ dấu `#` này bị bỏ: YAML đọc ` #` là mở đầu một ghi chú",
        "the text from this `#` is dropped: YAML reads ` #` as the start of a comment",
    );
    let quote = lang.pick("đặt cả giá trị trong ngoặc kép", "put the whole value in double quotes");
    Some((
        value[..hash].chars().count() + 1,
        message.to_string(),
        format!("{quote}: `{key}: \"{whole}\"`"),
    ))
}

/// The hint for a `draft` that is no boolean: the value it means (`no`, `không` →
/// `false`, which an editor told `draft: true` would unpublish the article by), or both.
pub(super) fn draft(lang: Lang, written: &serde_yaml::Value) -> String {
    let written = match written {
        serde_yaml::Value::String(s) => crate::vi::fold(s.trim()),
        serde_yaml::Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    let meant = match written.as_str() {
        "no" | "n" | "off" | "0" | "false" | "khong" | "chua" | "sai" => Some(false),
        "yes" | "y" | "on" | "1" | "true" | "co" | "dung" | "nhap" => Some(true),
        _ => None,
    };
    match meant {
        Some(meant) => {
            super::check::write_like(lang, "draft", if meant { "true" } else { "false" })
        }
        None => lang
            .pick(
                "viết `draft: true` (bản nháp, chưa đăng) hoặc `draft: false` (đăng)",
                "write `draft: true` (a draft, not published) or `draft: false` (published)",
            )
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn two_codes_in_one_directive_are_split_at_the_codes() {
        let one = entries(&["Chỉ thị 05-CT/TW, Nghị quyết 21-NQ/TW"]);
        let (message, hint) = joined_directives(Lang::Vi, &one, 0).unwrap();
        assert_eq!(message, "`directive` có hai mã văn bản (`05-CT/TW`, `21-NQ/TW`) trong một mục");
        assert_eq!(
            hint,
            "nếu là hai văn bản, viết mỗi văn bản một dòng:\ndirective:\n  - Chỉ thị 05-CT/TW\n  - Nghị quyết 21-NQ/TW"
        );
        // Folded from a misindented item, in a longer list, three codes, "và".
        let list =
            entries(&["Quy định 76-QĐ/TW", "Chỉ thị 05-CT/TW - 21-NQ/TW và Kết luận 01-KL/TW."]);
        assert_eq!(joined_directives(Lang::Vi, &list, 0), None);
        let (message, hint) = joined_directives(Lang::En, &list, 1).unwrap();
        assert_eq!(
            message,
            "`directive` has three document codes (`05-CT/TW`, `21-NQ/TW`, `01-KL/TW`) in one entry"
        );
        assert_eq!(
            hint,
            "if these are three documents, write one per line:\ndirective:\n  - Quy định 76-QĐ/TW\n  - Chỉ thị 05-CT/TW\n  - 21-NQ/TW\n  - Kết luận 01-KL/TW."
        );
    }

    #[test]
    fn one_document_named_twice_or_citing_none_is_no_warning() {
        for entry in [
            "Chỉ thị 05-CT/TW",
            "Nghị quyết 21-NQ/TW (số 21 – NQ/TW)",
            "Nghị quyết Trung ương 4 khóa XII",
        ] {
            assert_eq!(joined_directives(Lang::Vi, &entries(&[entry]), 0), None, "{entry}");
        }
    }

    #[test]
    fn a_theme_with_a_comma_or_semicolon_is_split_there() {
        let one = entries(&["Dân vận, Xây dựng Đảng"]);
        let (message, hint) = joined_themes(Lang::Vi, &one, 0).unwrap();
        assert_eq!(
            message,
            "`theme` có dấu `,` trong một mục: “Dân vận, Xây dựng Đảng” là một chủ đề"
        );
        assert_eq!(
            hint,
            "nếu là hai chủ đề, viết mỗi chủ đề một dòng:\ntheme:\n  - Dân vận\n  - Xây dựng Đảng"
        );
        let (_, hint) = joined_themes(Lang::Vi, &entries(&["Dân vận; Xây dựng Đảng"]), 0).unwrap();
        assert!(hint.ends_with("\n  - Dân vận\n  - Xây dựng Đảng"), "{hint}");
        // A list item indented one space too far, folded into the item above.
        let (message, hint) =
            joined_themes(Lang::Vi, &entries(&["Dân vận - Xây dựng Đảng"]), 0).unwrap();
        assert!(message.contains("có dấu `-` trong một mục"), "{message}");
        assert!(hint.ends_with("\n  - Dân vận\n  - Xây dựng Đảng"), "{hint}");
        // One theme whose name holds a comma or a dash goes on in small letters.
        let one_name = [
            "Kiểm tra, giám sát",
            "Học tập và làm theo tư tưởng, đạo đức, phong cách",
            "Kinh tế - xã hội",
        ];
        for entry in ["Xây dựng Đảng", "Kinh tế,xã hội", "Dân vận;"].into_iter().chain(one_name)
        {
            assert_eq!(joined_themes(Lang::Vi, &entries(&[entry]), 0), None, "{entry}");
        }
    }

    #[test]
    fn years_in_quotes_and_spans_of_years_say_what_to_write() {
        assert_eq!(
            year_text(Lang::Vi, "2023", Some('"')),
            Some((None, "bỏ dấu ngoặc kép: `year: 2023`".into()))
        );
        assert_eq!(
            year_text(Lang::Vi, "2023-2024", Some('2')),
            Some((
                Some("`year` chỉ nhận một năm, không phải `2023-2024`".into()),
                "chọn một năm, ví dụ `year: 2023`".into()
            ))
        );
        assert!(year_text(Lang::Vi, "2023 – 2024", Some('"')).is_some());
        for (written, quote) in
            [("hai nghìn", Some('h')), ("1800", Some('"')), ("2023-05-12", Some('2'))]
        {
            assert_eq!(year_text(Lang::Vi, written, quote), None, "{written}");
        }
    }

    #[test]
    fn day_first_dates_are_read_day_month_year() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(day_first_date("12/05/2023"), date(2023, 5, 12));
        assert_eq!(day_first_date("5/3/2024"), date(2024, 3, 5));
        assert_eq!(day_first_date("12.05.2023"), date(2023, 5, 12));
        for written in ["31/02/2023", "2023/05/12", "12/05/23", "12/05", "ngày 12/05/2023"] {
            assert_eq!(day_first_date(written), None, "{written}");
        }
    }

    #[test]
    fn a_date_whose_numbers_make_no_date_is_told_why() {
        let said = |written| date(Lang::Vi, written);
        assert_eq!(
            said("2022-13-31"),
            (Some("không có tháng 13 (tháng từ 01 đến 12)".into()), said("x").1)
        );
        assert_eq!(said("2022-00-05").0.as_deref(), Some("không có tháng 0 (tháng từ 01 đến 12)"));
        assert_eq!(
            said("2022-02-30"),
            (Some("tháng 2 năm 2022 có 28 ngày".into()), "ví dụ `date: 2022-02-28`".into())
        );
        assert_eq!(said("2024-02-30").0.as_deref(), Some("tháng 2 năm 2024 có 29 ngày"));
        assert_eq!(said("2022-04-00").1, "ví dụ `date: 2022-04-01`");
        assert_eq!(
            said("2022-25-12"),
            (
                Some("không có tháng 25".into()),
                "tháng viết trước ngày (YYYY-MM-DD): `date: 2022-12-25`".into()
            )
        );
        assert_eq!(said("1800-01-01").0.as_deref(), Some("năm 1800 nằm ngoài khoảng 1900–2100"));
        assert_eq!(
            said("01/12/2022").1,
            "viết theo dạng YYYY-MM-DD (năm-tháng-ngày): `date: 2022-12-01`"
        );
        for unread in ["hôm qua", "2022-+1-01", "2022-01", "22-01-01"] {
            assert_eq!(said(unread), (None, said("x").1), "{unread}");
        }
    }
}
