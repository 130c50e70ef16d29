//! Vietnamese dictionary order (`sort_key` / `compare`).
//!
//!
//! Keys compare level by level; a later level only counts when every earlier one ties.
//!
//! 1. **Primary: letters, numbers, spaces.** Letters follow the Vietnamese alphabet
//!    `a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z)`, ignoring case;
//!    f j w z sit where Latin puts them. Other letters (ø, ß, Greek, CJK…) come after z in
//!    code-point order. Digraphs (ch, gi, kh, ng, nh, ph, th, tr) are plain letter sequences, as
//!    in most modern dictionaries and indexes, so "cha" sorts between "ca" and "co".
//!    ASCII digit runs compare by numeric value ("Phường 2" < "Phường 10") and sort before
//!    letters. A run of whitespace is one separator that sorts before any letter or digit
//!    ("an b" < "anb"); leading and trailing whitespace is ignored. Other punctuation and
//!    symbols are ignored at this level ("co-op" ties with "coop" here).
//! 2. **Secondary: tones**, letter by letter from the left, in the order
//!    ngang < huyền (à) < hỏi (ả) < ngã (ã) < sắc (á) < nặng (ạ).
//! 3. **Tertiary: case**, letter by letter: lowercase before uppercase.
//! 4. **Last resort: the NFC string itself**, so "05" vs "5" or "co-op" vs "coop" still get a
//!    fixed order and distinct (NFC) strings never compare equal.
//!
//! Keys are built from canonical decompositions, so NFC and NFD spellings of the same text get
//! identical keys.

use std::cmp::Ordering;

use unicode_normalization::char::decompose_canonical;

use super::{is_diacritic, nfc};

/// Collation key for Vietnamese dictionary order; see the module docs for the rules.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortKey {
    /// Letter weights, separators and numbers. A number is `NUMBER`, its digit count (leading
    /// zeros dropped), then its digits: longer numbers are bigger, equal lengths compare digit
    /// by digit, and the small digit values only ever meet other digits at the same position.
    primary: Vec<u32>,
    /// Tone (0 = ngang … 5 = nặng) of each letter in `primary`.
    tones: Vec<u8>,
    /// 1 for each uppercase letter in `primary`, 0 otherwise.
    cases: Vec<u8>,
    /// The NFC text, the final tie-break.
    text: String,
}

const SEPARATOR: u32 = 1;
const NUMBER: u32 = 2;
/// Weight of 'a'; ASCII letters are 3 apart, leaving room for ă â, đ, ê, ô ơ and ư.
const LETTER: u32 = 16;
/// Letters outside the Vietnamese alphabet: this plus their lowercase code point, after 'z'.
const OTHER_LETTER: u32 = 128;

fn letter_weight(lower: char) -> u32 {
    match lower {
        'a'..='z' => LETTER + 3 * (lower as u32 - 'a' as u32),
        // ð: the look-alike of đ that old encodings leave in converted text.
        'đ' | 'ð' => letter_weight('d') + 1,
        _ => OTHER_LETTER + lower as u32,
    }
}

/// Offset from the base letter's weight for the marks that make a separate letter.
fn variant(base: char, mark: char) -> u32 {
    match (base, mark) {
        ('a', '\u{306}') | ('e' | 'o', '\u{302}') | ('u', '\u{31B}') => 1, // ă ê ô ư
        ('a', '\u{302}') | ('o', '\u{31B}') => 2,                          // â ơ
        _ => 0,
    }
}

fn tone(mark: char) -> u8 {
    match mark {
        '\u{300}' => 1, // huyền
        '\u{309}' => 2, // hỏi
        '\u{303}' => 3, // ngã
        '\u{301}' => 4, // sắc
        '\u{323}' => 5, // nặng
        _ => 0,
    }
}

/// A sort key giving Vietnamese dictionary order;
/// `compare(a, b)` = `sort_key(a).cmp(&sort_key(b))`.
pub fn sort_key(s: &str) -> SortKey {
    let mut primary: Vec<u32> = Vec::with_capacity(s.len());
    let mut tones = Vec::with_capacity(s.len());
    let mut cases = Vec::with_capacity(s.len());
    // Lowercase base of the letter just pushed, while combining marks may still follow it.
    let mut letter: Option<char> = None;
    // Index in `primary` of the digit count of the number being read.
    let mut number: Option<usize> = None;
    // Whitespace was seen after some content; written only before the next element, which
    // collapses runs and drops trailing whitespace.
    let mut space = false;
    for c in s.chars() {
        // Decomposing each char gives NFC and NFD input the same base + marks stream. Marks are
        // merged with `max`, so their order (which canonical ordering may change) is irrelevant.
        decompose_canonical(c, |d| {
            if is_diacritic(d) {
                if let (Some(base), Some(w), Some(t)) =
                    (letter, primary.last_mut(), tones.last_mut())
                {
                    *w = (*w).max(letter_weight(base) + variant(base, d));
                    *t = tone(d).max(*t);
                }
                return;
            }
            letter = None;
            if d.is_ascii_digit() {
                let slot = *number.get_or_insert_with(|| {
                    if std::mem::take(&mut space) {
                        primary.push(SEPARATOR);
                    }
                    primary.extend([NUMBER, 0]);
                    primary.len() - 1
                });
                if d != '0' || primary[slot] > 0 {
                    primary.push(d as u32 - '0' as u32);
                    primary[slot] += 1;
                }
                return;
            }
            number = None;
            if d.is_whitespace() {
                space = !primary.is_empty();
            } else if d.is_alphabetic() {
                if std::mem::take(&mut space) {
                    primary.push(SEPARATOR);
                }
                let lower = d.to_lowercase().next().unwrap_or(d);
                primary.push(letter_weight(lower));
                tones.push(0);
                cases.push(u8::from(d.is_uppercase()));
                letter = Some(lower);
            }
            // Anything else is punctuation or a symbol: ignored until the final tie-break.
        });
    }
    SortKey { primary, tones, cases, text: nfc(s) }
}

/// Compares two strings in Vietnamese dictionary order (see the module docs).
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    fn sorted(items: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| compare(a, b));
        v
    }

    #[test]
    fn alphabet_order() {
        let input = [
            "Bình",
            "Ba",
            "Ăn",
            "An",
            "Âm",
            "Đông",
            "Dương",
            "Cà Mau",
            "Hà Nội",
            "Hải Phòng",
            "Huế",
        ];
        let expected = [
            "An",
            "Ăn",
            "Âm",
            "Ba",
            "Bình",
            "Cà Mau",
            "Dương",
            "Đông",
            "Hà Nội",
            "Hải Phòng",
            "Huế",
        ];
        assert_eq!(sorted(&input), expected);
        let mut reversed = expected;
        reversed.reverse();
        assert_eq!(sorted(&reversed), expected);
        assert_eq!(sorted(&["Ơn", "On", "Ôn"]), ["On", "Ôn", "Ơn"]);
        assert_eq!(sorted(&["Ư", "U", "V", "Ê", "E", "F"]), ["E", "Ê", "F", "U", "Ư", "V"]);
        // f j w z in their Latin places; no digraph treatment; foreign letters after z.
        assert_eq!(
            sorted(&["zoo", "ø", "web", "java", "fa", "nha", "ngo", "cha", "co", "ca"]),
            ["ca", "cha", "co", "fa", "java", "ngo", "nha", "web", "zoo", "ø"]
        );
    }

    #[test]
    fn tone_order() {
        let expected = ["ma", "mà", "mả", "mã", "má", "mạ", "mac"];
        assert_eq!(sorted(&["mạ", "mac", "má", "mã", "ma", "mả", "mà"]), expected);
        // Tones compare left to right: the first differing tone decides.
        assert_eq!(sorted(&["ám ma", "am mạ", "àm ma"]), ["am mạ", "àm ma", "ám ma"]);
    }

    #[test]
    fn natural_numbers() {
        let input = ["Phường 12", "Phường 2", "Phường 10", "Phường 1"];
        assert_eq!(sorted(&input), ["Phường 1", "Phường 2", "Phường 10", "Phường 12"]);
        assert_eq!(sorted(&["x 100", "x 99", "x 0", "x 9a"]), ["x 0", "x 9a", "x 99", "x 100"]);
        assert_eq!(
            sorted(&["Phường B", "Phường 9", "Phường A"]),
            ["Phường 9", "Phường A", "Phường B"]
        );
        let (a, b) = (sort_key("05-CT/TW"), sort_key("5-CT/TW"));
        assert_eq!((&a.primary, &a.tones, &a.cases), (&b.primary, &b.tones, &b.cases));
        assert_eq!(a.cmp(&b), Ordering::Less); // '0' < '5' in the raw text
    }

    #[test]
    fn spaces_and_punctuation() {
        assert_eq!(sorted(&["Phường 1A", "Phường 1"]), ["Phường 1", "Phường 1A"]);
        assert_eq!(sorted(&["anb", "an b"]), ["an b", "anb"]);
        assert_eq!(sort_key("an  \t b").primary, sort_key(" an b ").primary);
        assert_eq!(sort_key("co-op").primary, sort_key("coop").primary);
        assert_ne!(sort_key("co op").primary, sort_key("coop").primary);
    }

    #[test]
    fn case_is_tertiary() {
        let expected = ["ba", "bA", "Ba", "BA", "bà", "Bà"];
        assert_eq!(sorted(&["BA", "Bà", "Ba", "bà", "bA", "ba"]), expected);
        assert_eq!(compare("Ba", "ba"), Ordering::Greater);
        assert_eq!(compare("ba", "Bb"), Ordering::Less);
    }

    #[test]
    fn nfd_and_nfc_keys_identical() {
        for s in ["Đảng bộ Phường Hưng Bình", "Nghị quyết 05-NQ/TW", "ẬỪỠ ậừỡ", "한국", "Ångström"]
        {
            assert_eq!(sort_key(&nfd(s)), sort_key(s), "{s}");
        }
        // Marks in non-canonical order (circumflex before nặng) still give ậ.
        assert_eq!(sort_key("a\u{302}\u{323}").primary, sort_key("ậ").primary);
        assert_eq!(sort_key("a\u{302}\u{323}").tones, sort_key("ậ").tones);
    }

    const TRICKY: [&str; 44] = [
        "",
        " ",
        "a",
        "A",
        "à",
        "À",
        "á",
        "ạ",
        "ă",
        "â",
        "an",
        "An",
        "ăn",
        "Âm",
        "an b",
        "anb",
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
        "mac",
        "Phường 1",
        "Phường 1A",
        "Phường 2",
        "Phường 10",
        "05-CT/TW",
        "5-CT/TW",
        "5 CT/TW",
        "d",
        "D",
        "đ",
        "Đ",
        "on",
        "ôn",
        "ơn",
        "U",
        "Ư",
        "😀",
        "中文",
        "co-op",
        "coop",
        "x00",
    ];

    #[test]
    fn total_order_on_tricky_strings() {
        let keys: Vec<SortKey> = TRICKY.iter().map(|s| sort_key(s)).collect();
        for (i, a) in TRICKY.iter().enumerate() {
            for (j, b) in TRICKY.iter().enumerate() {
                let ord = compare(a, b);
                assert_eq!(ord, keys[i].cmp(&keys[j]));
                assert_eq!(ord, compare(b, a).reverse(), "antisymmetry {a:?} {b:?}");
                assert_eq!(ord == Ordering::Equal, i == j, "equality {a:?} {b:?}");
                for (k, c) in TRICKY.iter().enumerate() {
                    if keys[i] <= keys[j] && keys[j] <= keys[k] {
                        assert!(keys[i] <= keys[k], "transitivity {a:?} {b:?} {c:?}");
                    }
                }
            }
        }
        // Sorting must not depend on input order.
        let mut forward = TRICKY;
        let mut backward = TRICKY;
        backward.reverse();
        forward.sort_by(|a, b| compare(a, b));
        backward.sort_by_cached_key(|s| sort_key(s));
        assert_eq!(forward, backward);
    }
}
