//! How different spellings become one term: directive document codes ("Chỉ thị số
//! 05-CT/TW" and "Chỉ thị 05-CT/TW" are one document), themes and localities.

use crate::vi;

/// A term's identity and the name this spelling suggests for it. Spellings with the same
/// key are one term; the term shows the name most of its articles suggest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub key: String,
    pub name: String,
}

/// The kind of document a code's middle part names, by its folded letters.
const KINDS: &[(&str, &str)] = &[
    ("ct", "Chỉ thị"),
    ("nq", "Nghị quyết"),
    ("qd", "Quy định"),
    ("kl", "Kết luận"),
    ("hd", "Hướng dẫn"),
    ("kh", "Kế hoạch"),
    ("tb", "Thông báo"),
    ("qc", "Quy chế"),
    ("ctr", "Chương trình"),
];

/// Kind words an editor may write before the code, folded, and how they are spelt.
const KIND_WORDS: &[(&str, &str)] = &[
    ("chi thi", "Chỉ thị"),
    ("nghi quyet", "Nghị quyết"),
    ("quy dinh", "Quy định"),
    ("quyet dinh", "Quyết định"),
    ("ket luan", "Kết luận"),
    ("huong dan", "Hướng dẫn"),
    ("ke hoach", "Kế hoạch"),
    ("thong bao", "Thông báo"),
    ("quy che", "Quy chế"),
    ("chuong trinh", "Chương trình"),
];

/// A party document code such as `05-CT/TW`, `09 – NQ/TU` or `76-QĐ/TW`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub number: u32,
    /// As written, uppercased: "CT", "QĐ".
    pub kind: String,
    pub issuer: String,
}

impl Code {
    /// The code as the site shows it: the number with at least two digits, "05-CT/TW".
    pub fn display(&self) -> String {
        format!("{:02}-{}/{}", self.number, self.kind, self.issuer)
    }

    /// The code with đ folded and no leading zeros: one key for every spelling.
    pub fn key(&self) -> String {
        format!("{}-{}/{}", self.number, vi::fold(&self.kind), vi::fold(&self.issuer))
    }
}

/// Finds the first document code in a text, with its byte range.
pub fn find_code(text: &str) -> Option<(Code, std::ops::Range<usize>)> {
    find_codes(text).into_iter().next()
}

/// Every document code in a text, in order, with their byte ranges.
pub fn find_codes(text: &str) -> Vec<(Code, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    // A code has a `/` after its digits: none starts past the last one.
    let Some(last_slash) = text.rfind('/') else { return found };
    // A code starts with a digit that does not continue a word ("A05-CT/TW" is no code).
    let mut after_word = false;
    let mut at = 0;
    while at < last_slash {
        if text.as_bytes()[at].is_ascii_digit() && !after_word {
            if let Some((code, end)) = code_at(text, at) {
                found.push((code, at..end));
                // The code ends in a letter: a digit right after it continues a word.
                after_word = true;
                at = end;
                continue;
            }
        }
        let (width, word) = vi::word_char_at(text, at);
        after_word = word;
        at += width;
    }
    found
}

/// The kind word a directive's name starts with, as spelt on the site ("Chỉ thị").
pub fn kind_word(name: &str) -> Option<&'static str> {
    let folded = vi::fold(name);
    KIND_WORDS.iter().find(|(word, _)| folded.starts_with(word)).map(|(_, w)| *w)
}

/// Reads `digits [spaces] dash [spaces] LETTERS / LETTERS` starting at byte `start`;
/// returns the code and the byte where it ends.
fn code_at(text: &str, start: usize) -> Option<(Code, usize)> {
    // Where the run of chars matching `pred` from byte `from` ends.
    let take = |from: usize, pred: fn(char) -> bool| {
        text[from..].char_indices().find(|&(_, c)| !pred(c)).map_or(text.len(), |(i, _)| from + i)
    };
    let digits_end = take(start, |c| c.is_ascii_digit());
    if digits_end - start > 4 {
        return None;
    }
    let number: u32 = text[start..digits_end].parse().ok()?;
    let dash_at = take(digits_end, |c| c == ' ');
    let dash = text[dash_at..].chars().next()?;
    if !matches!(dash, '-' | '–' | '—') {
        return None;
    }
    let kind_start = take(dash_at + dash.len_utf8(), |c| c == ' ');
    let kind_end = take(kind_start, char::is_alphabetic);
    let kind = text[kind_start..kind_end].to_uppercase();
    if !(2..=4).contains(&kind.chars().count()) || !text[kind_end..].starts_with('/') {
        return None;
    }
    let issuer_end = take(kind_end + 1, char::is_alphabetic);
    let issuer = text[kind_end + 1..issuer_end].to_uppercase();
    // "TƯ" (Trung ương) is what "TW" abbreviates; folded it would read "TU", which is the
    // Tỉnh ủy of "09-NQ/TU": one spelling, the usual one, for the Central Committee.
    let issuer = if vi::nfc(&issuer) == "TƯ" { "TW".to_string() } else { issuer };
    if !(2..=5).contains(&issuer.chars().count()) {
        return None;
    }
    Some((Code { number, kind, issuer }, issuer_end))
}

/// Collapses whitespace runs to one space and trims.
fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    vi::push_words(text, &mut out);
    out
}

/// The identity of a directive: by its code when it has one ("Chỉ thị 05-CT/TW"),
/// else by its folded words without "số".
pub fn directive(name: &str) -> Identity {
    let name = squash(&vi::nfc(name));
    let kind_word = kind_word(&name);
    if let Some((code, _)) = find_code(&name) {
        let kind = kind_word
            .or_else(|| KINDS.iter().find(|(k, _)| *k == vi::fold(&code.kind)).map(|(_, w)| *w));
        let display = match kind {
            Some(kind) => format!("{kind} {}", code.display()),
            None => code.display(),
        };
        return Identity { key: code.key(), name: display };
    }
    // "Chỉ thị số 10" and "Chỉ thị 10" are one document.
    let without_so = name.split(' ').filter(|w| vi::fold(w) != "so").collect::<Vec<_>>().join(" ");
    Identity { key: vi::fold(&without_so), name: without_so }
}

/// The identity of a theme or tag: case, spacing and NFC differences do not split it.
pub fn theme(name: &str) -> Identity {
    let name = squash(&vi::nfc(name));
    Identity { key: vi::spelling_key(&name), name }
}

/// A locality is its ward within its district within its province; the names are
/// compared as `vi::spelling_key` does (tones matter: "Hòa" and "Hóa" are two places).
pub fn locality(ward: &str, district: Option<&str>, province: Option<&str>) -> Identity {
    let part = |s: Option<&str>| s.map(vi::spelling_key).unwrap_or_default();
    Identity {
        key: format!("{}|{}|{}", part(Some(ward)), part(district), part(province)),
        name: squash(&vi::nfc(ward)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_directive_share_a_key_and_name() {
        let a = directive("Chỉ thị số 05-CT/TW");
        let b = directive("Chỉ thị 05-CT/TW");
        let c = directive("chỉ thị  5 – CT/TW");
        assert_eq!(a, b);
        assert_eq!(a.key, c.key);
        assert_eq!(a.name, "Chỉ thị 05-CT/TW");
        assert_eq!(directive("05-CT/TW").name, "Chỉ thị 05-CT/TW");
        // TƯ is what TW abbreviates; TU is a Tỉnh ủy's.
        assert_eq!(directive("Nghị quyết 21-NQ/TƯ"), directive("Nghị quyết 21-NQ/TW"));
        assert_eq!(directive("Nghị quyết 21-NQ/tư").name, "Nghị quyết 21-NQ/TW");
        assert_ne!(directive("Nghị quyết 09-NQ/TU").key, directive("Nghị quyết 09-NQ/TW").key);
    }

    #[test]
    fn kind_word_written_by_the_editor_is_kept() {
        assert_eq!(directive("Quyết định số 99-QĐ/TW").name, "Quyết định 99-QĐ/TW");
        assert_eq!(directive("Quy định 76-QĐ/TW").name, "Quy định 76-QĐ/TW");
        assert_eq!(directive("Quy định 76-QĐ/TW").key, directive("Quy dinh 76-QD/TW").key);
        assert_eq!(directive("Nghị quyết 09 – NQ/TU").name, "Nghị quyết 09-NQ/TU");
    }

    #[test]
    fn directives_without_code_match_without_so() {
        assert_eq!(directive("Chỉ thị số 10").key, directive("chỉ thị 10").key);
        assert_ne!(directive("Chỉ thị số 10").key, directive("Chỉ thị số 11").key);
        assert_eq!(
            directive("Nghị quyết Trung ương 4 khóa XI").name,
            "Nghị quyết Trung ương 4 khóa XI"
        );
    }

    #[test]
    fn codes_are_found_in_running_text_only_whole() {
        let (code, range) = find_code("theo Chỉ thị số 05-CT/TW, ngày 15/5/2016").unwrap();
        assert_eq!(code.display(), "05-CT/TW");
        assert_eq!(&"theo Chỉ thị số 05-CT/TW, ngày 15/5/2016"[range], "05-CT/TW");
        assert!(find_code("ngày 15/5/2016 và 2016-2021").is_none());
        assert!(find_code("A05-CT/TW").is_none());
        let all = find_codes("05-CT/TW, 21-NQ/TW và 76-QĐ/TW");
        let shown: Vec<String> = all.iter().map(|(c, _)| c.display()).collect();
        assert_eq!(shown, ["05-CT/TW", "21-NQ/TW", "76-QĐ/TW"]);
        let glued: Vec<String> =
            find_codes("05-CT/TW21-NQ/TW (21 – NQ/TƯ)").iter().map(|(c, _)| c.display()).collect();
        assert_eq!(glued, ["05-CT/TW", "21-NQ/TW"], "TƯ is written TW");
        // A digit right after a word is no code's start, in composed or decomposed text
        // ("thị" decomposed ends in a combining mark).
        assert!(find_code("thị05-CT/TW").is_none());
        assert!(find_code("thi\u{323}\u{309}05-CT/TW").is_none());
    }

    #[test]
    fn localities_differ_by_district() {
        let a = locality("Phường 12", Some("Quận 10"), Some("TP HCM"));
        let b = locality("Phường 12", Some("Quận 3"), Some("TP HCM"));
        assert_ne!(a.key, b.key);
        assert_eq!(a.key, locality("phường  12", Some("quận 10"), Some("tp hcm")).key);
    }

    #[test]
    fn names_differ_by_tone_but_not_by_where_the_mark_sits() {
        let place = |ward: &str| locality(ward, None, Some("Long An")).key;
        assert_eq!(place("Xã Hòa Bình"), place("Xã Hoà Bình"), "old and new tone placement");
        assert_eq!(place("Xã Hòa Bình"), place("xã hòa  bình"));
        assert_ne!(place("Xã Hòa Bình"), place("Xã Hóa Bình"));
        assert_ne!(place("Phường Ba"), place("Phường Bà"));
        assert_ne!(place("Phường 12"), place("Phuong 12"));
        assert_eq!(theme("Thủy lợi").key, theme("Thuỷ lợi").key);
        assert_ne!(theme("Dân vận").key, theme("Dẫn vận").key);
        // Decomposed text is the same name.
        assert_eq!(place("Xã Ho\u{300}a Bi\u{300}nh"), place("Xã Hòa Bình"));
    }
}
