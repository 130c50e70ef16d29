//! Search tokens: words (runs of letters and digits), the syllable pairs between them and
//! document codes (`05-CT/TW`). Matching uses the folded form (no tones, đ → d); the exact
//! form (NFC, lowercase) is kept so exact-diacritic matches can rank first. The JS client
//! (`themes/default/static/search.js`, `tokenize`) follows the same rules.

use crate::vi;

/// One word of a text: `exact` is NFC lowercase, `folded` is `vi::fold` of it. `joined`
/// says the word follows the previous one with only spaces between, so the two make a
/// syllable pair ("chỉ thị"); punctuation or a block boundary breaks pairs.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub exact: String,
    pub folded: String,
    pub joined: bool,
}

/// The tokens of one text.
#[cfg(test)]
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tokens {
    pub words: Vec<Word>,
    /// Folded document codes, whole: "05-ct/tw".
    pub codes: Vec<String>,
}

#[cfg(test)]
impl Tokens {
    /// Folded syllable pairs of joined words: "chi thi" (the index builds them in place).
    #[cfg(test)]
    pub fn pairs(&self) -> impl Iterator<Item = String> + '_ {
        self.words
            .windows(2)
            .filter(|w| w[1].joined)
            .map(|w| format!("{} {}", w[0].folded, w[1].folded))
    }
}

/// Joiners inside a document code: `05-CT/TW`, `08-QĐi/TW`, `NQ.TW`.
fn is_code_joiner(c: char) -> bool {
    matches!(c, '-' | '/' | '.' | '–')
}

/// A token as `each_token` hands it out, borrowed from the text.
pub enum Token<'a> {
    /// The word as written, and whether it pairs with the word before. The caller makes
    /// its exact form (`lower_into`) and folds it: a document repeats its words, so it
    /// does that once per spelling, not once per word.
    Word { written: &'a str, joined: bool },
    /// A folded document code, whole.
    Code(&'a str),
}

/// NFC, lowercase, ð (the look-alike of đ) as đ: the exact form of every word of `text`.
#[cfg(test)]
fn lower(text: &str) -> String {
    let mut out = String::new();
    lower_into(text, &mut out);
    out
}

/// `lower` into `out`, replacing what it held. Runs of ASCII are copied and lowercased
/// whole; other characters one by one.
pub fn lower_into(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    let mut rest = text;
    loop {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..ascii]);
        out[from..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else { return };
        rest = &rest[c.len_utf8()..];
        let code = c as u32;
        match code {
            // Ð and ð, the look-alikes of đ that old encodings leave behind, are đ.
            0xD0 | 0xF0 => out.push('đ'),
            // Latin-1 capitals sit 0x20 below their small letters (× is no letter).
            0xC0..=0xDE if c != '×' => out.push(char::from_u32(code + 0x20).unwrap_or(c)),
            // Latin-1 small letters (÷ is no letter): lowercase already.
            0xDF..=0xFF => out.push(c),
            // Vietnamese letters with two marks, and Ă Đ Ĩ Ũ: capital even, small odd.
            0x1EA0..=0x1EFF | 0x102 | 0x103 | 0x110 | 0x111 | 0x128 | 0x129 | 0x168 | 0x169 => {
                out.push(char::from_u32(code | 1).unwrap_or(c))
            }
            0x1A0 | 0x1A1 => out.push('ơ'),
            0x1AF | 0x1B0 => out.push('ư'),
            // Below the combining marks every character is NFC already.
            0x80..=0x2FF => out.extend(c.to_lowercase()),
            // Dashes, quotes, "…": caseless and NFC (U+2000 and U+2001 are not).
            0x2002..=0x206F => out.push(c),
            // A mark or something rarer: the text may need composing first.
            _ => {
                *out = vi::nfc(text).to_lowercase().replace('ð', "đ");
                return;
            }
        }
    }
}

/// The next whitespace-delimited piece of `text` from `at`: where it ends and whether
/// every character of it is a word character. ASCII bytes are classed without decoding.
fn next_piece(text: &str, mut at: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut plain = true;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii_alphanumeric() {
            at += 1;
        } else if byte.is_ascii() {
            // char::is_whitespace of ASCII: tab, line feed, vertical tab, form feed,
            // carriage return and space.
            if matches!(byte, b'\t'..=b'\r' | b' ') {
                break;
            }
            plain = false;
            at += 1;
        } else {
            let (width, word) = vi::word_char_at(text, at);
            if !word && text[at..].starts_with(char::is_whitespace) {
                break;
            }
            plain &= word;
            at += width;
        }
    }
    (at, plain)
}

/// Splits `text` into words and codes. Tokenize blocks (paragraphs, headings) one by
/// one: pairs never cross from one call to the next. The text is read as written: case
/// and composition change no boundary (whitespace, letters, digits and marks stay what
/// they are under lowercasing and NFC).
pub fn each_token(text: &str, mut emit: impl FnMut(Token)) {
    let mut folded = String::new();
    let mut joined = false;
    let mut at = 0;
    while at < text.len() {
        let (end, plain) = next_piece(text, at);
        let raw = &text[at..end];
        // Past the whitespace that ended the piece.
        at = end + text[end..].chars().next().map_or(0, char::len_utf8);
        if raw.is_empty() {
            continue;
        }
        // Most pieces are one plain word.
        if plain {
            emit(Token::Word { written: raw, joined });
            joined = true;
            continue;
        }
        let chunk = raw.trim_matches(|c: char| !vi::is_word_char(c));
        if chunk.is_empty() {
            joined = false;
            continue;
        }
        let lead = raw.len() - raw.trim_start_matches(|c: char| !vi::is_word_char(c)).len();
        let trail = raw.len() - raw.trim_end_matches(|c: char| !vi::is_word_char(c)).len();
        let single = !chunk.contains(|c: char| !vi::is_word_char(c));
        if !single
            && chunk.split(|c: char| !vi::is_word_char(c)).all(|p| !p.is_empty())
            && chunk.chars().all(|c| vi::is_word_char(c) || is_code_joiner(c))
            && chunk.chars().any(|c| c.is_ascii_digit())
        {
            vi::fold_into(chunk, &mut folded);
            emit(Token::Code(&folded.replace('–', "-")));
        }
        let mut first = true;
        for part in chunk.split(|c: char| !vi::is_word_char(c)).filter(|p| !p.is_empty()) {
            emit(Token::Word { written: part, joined: first && joined && lead == 0 });
            first = false;
        }
        // Punctuation after the chunk ("Vinh,") or inside it breaks the pair with the next word.
        joined = trail == 0 && single;
    }
}

/// The tokens of `text` collected (for tests and small texts).
#[cfg(test)]
pub fn tokenize(text: &str) -> Tokens {
    let mut tokens = Tokens::default();
    each_token(text, |token| match token {
        Token::Word { written, joined } => {
            let exact = lower(written);
            tokens.words.push(Word { folded: vi::fold(&exact), exact, joined })
        }
        Token::Code(code) => tokens.codes.push(code.to_string()),
    });
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        tokenize(text).words.into_iter().map(|w| w.folded).collect()
    }

    #[test]
    fn words_are_folded_and_exact_forms_kept() {
        let tokens = tokenize("Đảng bộ Phường HƯNG BÌNH");
        assert_eq!(folded("Đảng bộ Phường HƯNG BÌNH"), ["dang", "bo", "phuong", "hung", "binh"]);
        assert_eq!(tokens.words[0].exact, "đảng");
        assert_eq!(tokens.words[4].exact, "bình");
    }

    #[test]
    fn nfd_input_gives_the_nfc_tokens() {
        let nfd = "Chi\u{309} thi\u{323}";
        assert_eq!(tokenize(nfd).words, tokenize("Chỉ thị").words);
        assert_eq!(tokenize(nfd).words[0].exact, "chỉ");
    }

    #[test]
    fn codes_are_kept_whole_and_split_into_words() {
        let tokens = tokenize("thực hiện Chỉ thị 05-CT/TW, Nghị quyết 21-NQ/TW.");
        assert_eq!(tokens.codes, ["05-ct/tw", "21-nq/tw"]);
        assert_eq!(
            folded("Chỉ thị 05-CT/TW"),
            ["chi", "thi", "05", "ct", "tw"],
            "the parts of a code are words too"
        );
        assert_eq!(tokenize("Quy định 08-QĐi/TW").codes, ["08-qdi/tw"]);
        assert!(tokenize("trong sạch - vững mạnh").codes.is_empty(), "a dash alone is no code");
        assert!(tokenize("Công an – Quân sự").codes.is_empty());
        // The shard list of meta.js is joined with '|': no key may hold one.
        let piped = tokenize("chỉ|thị 05-CT|TW");
        assert!(piped.words.iter().all(|w| !w.exact.contains('|')), "{piped:?}");
        assert!(piped.codes.iter().all(|c| !c.contains('|')), "{piped:?}");
    }

    #[test]
    fn pairs_join_neighbours_but_not_across_punctuation() {
        let tokens = tokenize("Phường Hưng Bình, Vinh (Nghệ An) Chỉ thị 05-CT/TW");
        let pairs: Vec<String> = tokens.pairs().collect();
        assert_eq!(pairs, ["phuong hung", "hung binh", "nghe an", "chi thi", "thi 05"]);
    }

    #[test]
    fn the_quick_lowercase_agrees_with_the_full_one() {
        let mut text: String = (1..0x2100u32).filter_map(char::from_u32).collect();
        text.extend((0x1E00..0x1F00u32).filter_map(char::from_u32));
        for piece in text.chars().collect::<Vec<_>>().chunks(7) {
            let piece: String = piece.iter().collect();
            let full = vi::nfc(&piece).to_lowercase().replace('ð', "đ");
            assert_eq!(lower(&piece), full, "{piece:?}");
        }
        assert_eq!(lower("ĐẢNG BỘ Phường Ư"), "đảng bộ phường ư");
        assert_eq!(lower("Chi\u{309} THI\u{323}"), "chỉ thị", "NFD is composed first");
    }

    #[test]
    fn punctuation_and_symbols_are_not_words() {
        assert_eq!(folded("« Đảng » — 100% !"), ["dang", "100"]);
        assert_eq!(folded("2×3 ÷ ơn"), ["2", "3", "on"]);
        assert!(tokenize("  \n ").words.is_empty());
    }
}
