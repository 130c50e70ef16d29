//! Vietnamese text helpers: Unicode normalisation, accent folding for search and matching,
//! URL slugs, and (in `collate`) a collation key that gives Vietnamese dictionary order.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

mod collate;

pub use collate::{compare, sort_key};

/// NFC-normalise (Vietnamese text arrives in NFD from some Mac/Word sources).
pub fn nfc(s: &str) -> String {
    // Nearly all input is already NFC; the quick check skips the recomposition pass for it.
    if is_nfc_quick(s.chars()) == IsNormalized::Yes { s.to_owned() } else { s.nfc().collect() }
}

/// The Combining Diacritical Marks block, home of every Vietnamese tone and vowel mark.
fn is_diacritic(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Latin letters with marks (U+00C0 to U+1EFF, every Vietnamese letter among them), each
/// mapped to the one ASCII letter it folds to, or 0 where the fold is something else.
/// Folding runs over every word of every article; a table look-up beats decomposing.
const LATIN_START: u32 = 0xC0;
const LATIN_END: u32 = 0x1F00;

fn latin_table() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Box<[u8]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (LATIN_START..LATIN_END)
            .map(|code| {
                let Some(c) = char::from_u32(code) else { return 0 };
                let mut folded = String::new();
                fold_slow(c, |d| folded.push(d));
                match folded.as_bytes() {
                    [b] if b.is_ascii_lowercase() => *b,
                    _ => 0,
                }
            })
            .collect()
    })
}

/// Feeds the folded form of `s` to `out` char by char, so `fold` and `slugify` each build their
/// output directly without an intermediate string.
fn fold_each(s: &str, mut out: impl FnMut(char)) {
    let table = latin_table();
    for c in s.chars() {
        if c.is_ascii() {
            out(c.to_ascii_lowercase());
            continue;
        }
        let code = c as u32;
        if (LATIN_START..LATIN_END).contains(&code) {
            let folded = table[(code - LATIN_START) as usize];
            if folded != 0 {
                out(char::from(folded));
                continue;
            }
        }
        fold_slow(c, &mut out);
    }
}

/// The fold of one non-ASCII char, by its canonical decomposition.
fn fold_slow(c: char, mut out: impl FnMut(char)) {
    if matches!(c, 'đ' | 'Đ' | 'ð' | 'Ð') {
        // Đ is a letter of its own, not D plus a mark, so it has no decomposition. Its
        // look-alike Ð (the Icelandic eth) stands for it in text converted from old
        // Vietnamese encodings.
        out('d');
    } else if !is_diacritic(c) {
        // Only split chars that actually carry a diacritic: other decomposable chars (Hangul
        // syllables, kana) must pass through unchanged rather than turn into jamo.
        let mut marked = false;
        decompose_canonical(c, |d| marked |= is_diacritic(d));
        // Lowercasing can itself add a mark (İ → i + U+0307), which we drop as well.
        let mut emit = |d: char| d.to_lowercase().filter(|&l| !is_diacritic(l)).for_each(&mut out);
        if marked { decompose_canonical(c, &mut emit) } else { emit(c) }
    }
}

/// True for the chars words are made of: letters, digits and combining marks. ASCII and
/// the Latin letters of Vietnamese are answered without Unicode table look-ups.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let code = c as u32;
    if (LATIN_START..LATIN_END).contains(&code) && latin_table()[(code - LATIN_START) as usize] != 0
    {
        return true;
    }
    c.is_alphanumeric() || is_diacritic(c)
}

/// True when `text` has a letter Vietnamese writes that English does not: ă ơ ư đ ĩ ũ,
/// the letters with two marks (U+1EA0 to U+1EF9), or a vowel with one tone or hat mark
/// (à á â ã è é ê ì í ò ó ô õ ù ú ý: “Cà Mau”, “Tây Ninh”). A site's own title on an
/// English site is marked Vietnamese when it is, for screen readers' voices; on a site
/// of Vietnamese articles a French “Café” is the rarer case. Text in NFD (base letter and
/// combining marks) reads as NFC would.
pub fn looks_vietnamese(text: &str) -> bool {
    let letter = |c: char| {
        let c = c.to_lowercase().next().unwrap_or(c);
        matches!(c, 'ă' | 'ơ' | 'ư' | 'đ' | 'ĩ' | 'ũ')
            || "àáâãèéêìíòóôõùúý".contains(c)
            || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
    };
    nfc(text).chars().any(letter)
}

/// The char at byte `at` of `text` (a char boundary): its length in bytes and whether
/// it is a word char (`is_word_char`). ASCII and the letters of Vietnamese are told by
/// their bytes, without decoding: scanners of running text call this for every char.
#[inline(always)]
pub fn word_char_at(text: &str, at: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let lead = bytes[at];
    if lead.is_ascii() {
        return (1, lead.is_ascii_alphanumeric());
    }
    match (lead, bytes.get(at + 1)) {
        // U+00C0 to U+00FF: letters but × (C3 97) and ÷ (C3 B7).
        (0xC3, Some(&next)) => (2, next != 0x97 && next != 0xB7),
        // U+0100 to U+017F (ă đ ĩ ũ among them): letters all.
        (0xC4 | 0xC5, _) => (2, true),
        // U+1E80 to U+1EFF (ạ … ỹ, the letters with two marks): letters all.
        (0xE1, Some(0xBA | 0xBB)) => (3, true),
        _ => {
            let c = text[at..].chars().next().unwrap_or_default();
            (c.len_utf8(), is_word_char(c))
        }
    }
}

/// Lowercase and strip all tone marks and vowel diacritics, đ→d, for matching:
/// "Đảng bộ Phường Hưng Bình" → "dang bo phuong hung binh". Works on NFC or NFD input.
/// Non-Vietnamese letters pass through lowercased; other characters unchanged.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_each(s, |c| out.push(c));
    out
}

/// The first char of `fold(s)`, folding no more of `s` than its first char; `None` when
/// that folds to nothing (a lone combining mark) or `s` is empty.
pub fn folded_initial(s: &str) -> Option<char> {
    // Most words of running text start with an ASCII letter.
    if let Some(&byte) = s.as_bytes().first().filter(|b| b.is_ascii()) {
        return Some(char::from(byte.to_ascii_lowercase()));
    }
    let c = s.chars().next()?;
    let mut initial = None;
    fold_each(&s[..c.len_utf8()], |f| {
        initial.get_or_insert(f);
    });
    initial
}

/// `fold` into a buffer the caller reuses (the search index folds millions of words).
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    push_folded(s, out);
}

/// `fold(s)` appended to `out`.
pub fn push_folded(s: &str, out: &mut String) {
    fold_each(s, |c| out.push(c));
}

/// Appends the words of `text` (split at any run of whitespace) to `out`, one space
/// before each unless `out` is empty.
pub fn push_words(text: &str, out: &mut String) {
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// URL slug: fold, then every run of characters that are not ASCII [a-z0-9] becomes a single '-',
/// trimmed of leading/trailing '-'. "Chỉ thị 05-CT/TW" → "chi-thi-05-ct-tw", "Quy định 76-QĐ/TW"
/// → "quy-dinh-76-qd-tw", "Phường 12" → "phuong-12". Non-Latin scripts that fold to nothing
/// give "" (the caller handles it).
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    fold_each(s, |c| {
        if c.is_ascii_alphanumeric() {
            // A dash is only written once the next kept char shows the gap is not trailing.
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    });
    out
}

/// The five tone marks (huyền, sắc, ngã, hỏi, nặng) as combining marks.
fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// What makes two spellings of a name one: lowercase, and each syllable's tone taken by
/// the syllable, not by the vowel that carries it. "Hòa Bình" and "Hoà Bình" (the old
/// placement) are one name; "Hòa Bình" and "Hóa Bình" are two, as are "Phường 12" and
/// "Phuong 12". Any run of whitespace reads as one space.
pub fn spelling_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() + 8);
    let mut letters = String::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        letters.clear();
        let mut tone = None;
        for c in word.nfd() {
            if is_tone_mark(c) {
                tone = Some(c);
            } else {
                // ð, the look-alike of đ from old encodings, is đ.
                letters.extend(c.to_lowercase().map(|l| if l == 'ð' { 'đ' } else { l }));
            }
        }
        key.extend(letters.nfc());
        // After the word's letters, so where the mark sat does not matter.
        key.extend(tone);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_told_by_its_own_letters() {
        for vi in ["Sổ tay kinh nghiệm", "Đảng bộ", "Hưng Bình", "ĐẢNG", "Nghe\u{0323}"]
        {
            assert!(looks_vietnamese(vi), "{vi}");
        }
        for vi in ["Cà Mau", "Tây Ninh", "Hà Giang", "CÀ MAU"] {
            assert!(looks_vietnamese(vi), "{vi}");
        }
        for other in ["Lessons-learned handbook", "Müller", "Straße", "", "05-CT/TW"] {
            assert!(!looks_vietnamese(other), "{other}");
        }
    }

    #[test]
    fn word_chars_told_by_their_bytes_agree_with_the_char_tables() {
        let chars = (0..0x3100u32).chain(0x1_0000..0x1_0100).filter_map(char::from_u32);
        for c in chars {
            let text = format!("{c}a");
            assert_eq!(word_char_at(&text, 0), (c.len_utf8(), is_word_char(c)), "{c:?}");
        }
    }

    const LOWER: &str =
        "aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ";
    const UPPER: &str =
        "AÀẢÃÁẠ ĂẰẲẴẮẶ ÂẦẨẪẤẬ EÈẺẼÉẸ ÊỀỂỄẾỆ IÌỈĨÍỊ OÒỎÕÓỌ ÔỒỔỖỐỘ ƠỜỞỠỚỢ UÙỦŨÚỤ ƯỪỬỮỨỰ YỲỶỸÝỴ";
    const BASES: &str = "aaaeeiooouuy";

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn fold_every_vowel_and_tone() {
        // Sanity-check the tables themselves: NFC, matching case pairs, 12 groups of 6 forms.
        assert_eq!(nfc(LOWER), LOWER);
        assert_eq!(LOWER.to_uppercase(), UPPER);
        for (table, expected_case) in [(LOWER, false), (UPPER, true)] {
            let groups: Vec<&str> = table.split(' ').collect();
            assert_eq!(groups.len(), 12);
            for (group, base) in groups.iter().zip(BASES.chars()) {
                assert_eq!(group.chars().count(), 6, "{group}");
                for c in group.chars() {
                    assert_eq!(c.is_uppercase(), expected_case);
                    let s = c.to_string();
                    assert_eq!(fold(&s), base.to_string(), "fold({c})");
                    assert_eq!(fold(&nfd(&s)), base.to_string(), "fold(nfd({c}))");
                }
            }
        }
        assert_eq!(fold("đĐ"), "dd");
    }

    #[test]
    fn fast_fold_agrees_with_decomposition() {
        for code in LATIN_START..LATIN_END {
            let Some(c) = char::from_u32(code) else { continue };
            let mut slow = String::new();
            fold_slow(c, |d| slow.push(d));
            assert_eq!(fold(&c.to_string()), slow, "U+{code:04X}");
            assert_eq!(is_word_char(c), c.is_alphanumeric() || is_diacritic(c), "U+{code:04X}");
        }
    }

    #[test]
    fn fold_sentences() {
        let s = "Đảng bộ Phường Hưng Bình";
        assert_eq!(fold(s), "dang bo phuong hung binh");
        assert_ne!(nfd(s), s);
        assert_eq!(fold(&nfd(s)), "dang bo phuong hung binh");
        // Non-Vietnamese letters lowercased (and de-accented); other chars untouched.
        assert_eq!(fold("ÉCOLE Straße Ωμέγα İ"), "ecole straße ωμεγα i");
        assert_eq!(fold("한국 中文 «05-CT/TW» 😀"), "한국 中文 «05-ct/tw» 😀");
        // Ð/ð, which old encodings leave where Đ/đ was meant, fold and slug as Đ/đ.
        assert_eq!(fold("Ðống Ða ðảng"), "dong da dang");
        assert_eq!(slugify("Phường Ðống Ða"), "phuong-dong-da");
        assert_eq!(spelling_key("Phường Ðống Ða"), spelling_key("phường Đống Đa"));
    }

    #[test]
    fn folded_initial_is_the_first_char_of_the_fold() {
        assert_eq!(folded_initial("Đảng"), Some('d'));
        assert_eq!(folded_initial("Ừ"), Some('u'));
        assert_eq!(folded_initial("\u{301}a"), None);
        assert_eq!(folded_initial(""), None);
        for word in ["Chỉ", "NQTW5", "ωμέγα", "中文"] {
            assert_eq!(folded_initial(word), fold(word).chars().next(), "{word}");
        }
    }

    #[test]
    fn nfc_recomposes() {
        let s = "Nghị quyết Trung ương";
        let d = nfd(s);
        assert_ne!(d, s);
        assert_eq!(nfc(&d), s);
        assert_eq!(nfc(s), s);
    }

    #[test]
    fn slugs() {
        for (input, slug) in [
            ("Chỉ thị 05-CT/TW", "chi-thi-05-ct-tw"),
            ("Quy định 76-QĐ/TW", "quy-dinh-76-qd-tw"),
            ("Phường 12", "phuong-12"),
            ("Nghị quyết Trung ương 4 khóa XI", "nghi-quyet-trung-uong-4-khoa-xi"),
            ("  --Đảng bộ!! ", "dang-bo"),
            ("😀🎉", ""),
            ("中文", ""),
            ("", ""),
        ] {
            assert_eq!(slugify(input), slug, "{input:?}");
            assert_eq!(slugify(&nfd(input)), slug, "nfd {input:?}");
        }
    }
}
