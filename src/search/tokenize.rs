//! Search tokens: words (runs of letters and digits), the syllable pairs between them and
//! document codes (`05-CT/TW`). Matching uses the folded form (no tones, đ → d); the exact
//! form (NFC, lowercase) is kept so exact-diacritic matches can rank first. The JS client
//! (`themes/default/static/search.js`, `tokenize`) follows the same rules.

use crate::vi;

/// One word of a text: `exact` is NFC lowercase, `folded` is `vi::fold` of it. `joined`
/// says the word follows the previous one with only spaces between, so the two make a
/// syllable pair ("chỉ thị"); punctuation or a block boundary breaks pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub exact: String,
    pub folded: String,
    pub joined: bool,
}

/// The tokens of one text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tokens {
    pub words: Vec<Word>,
    /// Folded document codes, whole: "05-ct/tw".
    pub codes: Vec<String>,
}

impl Tokens {
    pub fn append(&mut self, mut other: Tokens) {
        self.words.append(&mut other.words);
        self.codes.append(&mut other.codes);
    }

    /// Folded syllable pairs of joined words: "chi thi" (the index builds them in place).
    #[cfg(test)]
    pub fn pairs(&self) -> impl Iterator<Item = String> + '_ {
        self.words
            .windows(2)
            .filter(|w| w[1].joined)
            .map(|w| format!("{} {}", w[0].folded, w[1].folded))
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Vietnamese letters (Latin-1, Latin Extended-A/B, Latin Extended Additional) answer
    // without the general Unicode table lookup; × and ÷ are the two symbols among them.
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c != '×' && c != '÷'
        || c.is_alphanumeric()
        || ('\u{300}'..='\u{36F}').contains(&c)
}

/// Joiners inside a document code: `05-CT/TW`, `08-QĐi/TW`, `NQ.TW`.
fn is_code_joiner(c: char) -> bool {
    matches!(c, '-' | '/' | '.' | '–')
}

/// Splits `text` into words and codes. Tokenize blocks (paragraphs, headings) one by one:
/// pairs never cross from one call to the next.
pub fn tokenize(text: &str) -> Tokens {
    let text = vi::nfc(text).to_lowercase();
    let mut tokens = Tokens::default();
    let mut joined = false;
    for raw in text.split(|c: char| c.is_whitespace()) {
        let chunk = raw.trim_matches(|c: char| !is_word_char(c));
        if chunk.is_empty() {
            joined = joined && raw.is_empty();
            continue;
        }
        let lead = raw.len() - raw.trim_start_matches(|c: char| !is_word_char(c)).len();
        let trail = raw.len() - raw.trim_end_matches(|c: char| !is_word_char(c)).len();
        let parts: Vec<&str> = chunk.split(|c: char| !is_word_char(c)).collect();
        if parts.len() > 1
            && parts.iter().all(|p| !p.is_empty())
            && chunk.chars().all(|c| is_word_char(c) || is_code_joiner(c))
            && chunk.chars().any(|c| c.is_ascii_digit())
        {
            tokens.codes.push(vi::fold(chunk).replace('–', "-"));
        }
        let mut first = true;
        for part in parts.iter().filter(|p| !p.is_empty()) {
            // The text is lowercase already: an ASCII word is its own folded form.
            let folded = if part.is_ascii() { part.to_string() } else { vi::fold(part) };
            tokens.words.push(Word {
                exact: part.to_string(),
                folded,
                joined: first && joined && lead == 0,
            });
            first = false;
        }
        // Punctuation after the chunk ("Vinh,") or inside it breaks the pair with the next word.
        joined = trail == 0 && parts.len() == 1;
    }
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
    }

    #[test]
    fn pairs_join_neighbours_but_not_across_punctuation() {
        let tokens = tokenize("Phường Hưng Bình, Vinh (Nghệ An) Chỉ thị 05-CT/TW");
        let pairs: Vec<String> = tokens.pairs().collect();
        assert_eq!(pairs, ["phuong hung", "hung binh", "nghe an", "chi thi", "thi 05"]);
    }

    #[test]
    fn punctuation_and_symbols_are_not_words() {
        assert_eq!(folded("« Đảng » — 100% !"), ["dang", "100"]);
        assert_eq!(folded("2×3 ÷ ơn"), ["2", "3", "on"]);
        assert!(tokenize("  \n ").words.is_empty());
    }
}
