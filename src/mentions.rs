//! Directive mentions in running text: "05-CT/TW", "Chỉ thị số 05", a code-less name such
//! as "Nghị quyết Trung ương 4 khóa XI", or an alias the site defines ("NQTW5"). Each is
//! matched to a directive term of the site, so the text can link to its page.

use std::collections::HashMap;

use rustc_hash::FxHashSet;
use std::ops::Range;

use crate::terms;
use crate::vi;

/// Finds the directives of one site in texts. Built once per build, shared by all articles.
#[derive(Debug, Default)]
pub struct DirectiveMatcher {
    /// Code key ("5-ct/tw") → term.
    by_code: HashMap<String, usize>,
    /// (folded kind word, number) → term, `None` when two directives share them.
    by_number: HashMap<(String, u32), Option<usize>>,
    /// Folded word sequences → term: code-less names and aliases, longest first.
    phrases: Vec<(Vec<String>, usize)>,
    /// The folded words a phrase or a kind word starts with: most words of a text are
    /// none of them, and are passed over after one look-up.
    starts: FxHashSet<String>,
    /// "start second": a start word and a word that may follow it in a mention. Most
    /// starts in running text begin no mention ("chỉ đạo", "quy chế"): the next word
    /// tells, before the window is folded.
    follows: FxHashSet<String>,
    /// Start words that are a mention alone (a one-word alias).
    alone: FxHashSet<String>,
    /// The ASCII chars those words start with, as bits; `None` when one starts with
    /// another char. A word with another initial is passed over without being folded.
    initials: Option<u128>,
    /// The most tokens a mention without a code spans.
    longest: usize,
    /// Every mention without a code holds an ASCII digit: "Chỉ thị số 05", "Nghị quyết
    /// Trung ương 4 khóa XI", "NQTW5". Then a mention starts at most `longest` tokens
    /// before a run of digits, and only those tokens are read (`find`).
    ends_by_digit: bool,
}

/// A directive found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    pub term: usize,
}

impl DirectiveMatcher {
    /// `names` are the directive terms' display names, by term index; `aliases` map a
    /// short form to a directive as an editor would write it.
    pub fn new<'a>(
        names: impl IntoIterator<Item = &'a str>,
        aliases: &[(String, String)],
    ) -> DirectiveMatcher {
        let mut matcher = DirectiveMatcher::default();
        let mut keys: HashMap<String, usize> = HashMap::new();
        for (term, name) in names.into_iter().enumerate() {
            keys.insert(terms::directive(name).key, term);
            match terms::find_code(name) {
                Some((code, _)) => {
                    matcher.by_code.insert(code.key(), term);
                    let kind = terms::kind_word(name).map(vi::fold);
                    if let Some(kind) = kind {
                        matcher
                            .by_number
                            .entry((kind, code.number))
                            .and_modify(|t| *t = None)
                            .or_insert(Some(term));
                    }
                }
                None => matcher.phrases.push((words(name), term)),
            }
        }
        for (alias, target) in aliases {
            if let Some(&term) = keys.get(&terms::directive(target).key) {
                matcher.phrases.push((words(alias), term));
            }
        }
        matcher.phrases.retain(|(w, _)| !w.is_empty());
        matcher.phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        let kind_words: Vec<Vec<String>> = matcher
            .by_number
            .keys()
            .map(|(kind, _)| kind.split(' ').map(str::to_string).collect())
            .collect();
        // A kind word, maybe "số", and a number: one more token than the kind word.
        let kind_lengths: Vec<usize> = kind_words.iter().map(|w| w.len() + 2).collect();
        for words in kind_words.iter().chain(matcher.phrases.iter().map(|(p, _)| p)) {
            let Some(first) = words.first() else { continue };
            matcher.starts.insert(first.clone());
            match words.get(1) {
                Some(second) => matcher.follows.insert(format!("{first} {second}")),
                // A one-word alias; or a one-word kind word, followed by a number or "số".
                None => matcher.alone.insert(first.clone()),
            };
        }
        matcher.initials = matcher.starts.iter().try_fold(0u128, |bits, word| {
            let initial = word.chars().next().filter(char::is_ascii)?;
            Some(bits | 1 << u32::from(initial))
        });
        matcher.longest =
            matcher.phrases.iter().map(|(p, _)| p.len()).chain(kind_lengths).max().unwrap_or(0);
        let digit = |word: &String| word.bytes().any(|b| b.is_ascii_digit());
        matcher.ends_by_digit = matcher.phrases.iter().all(|(words, _)| words.iter().any(digit));
        matcher
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty() && self.phrases.is_empty()
    }

    /// Every directive mentioned in `text`, in order, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Found> {
        if self.is_empty() {
            return Vec::new();
        }
        let codes = terms::find_codes(text);
        let mut found: Vec<Found> = codes
            .into_iter()
            .filter_map(|(code, range)| {
                self.by_code.get(&code.key()).map(|&term| Found { range, term })
            })
            .collect();
        let mut scratch = Scratch::default();
        if self.ends_by_digit {
            // A mention holds a digit within its first `longest` tokens: only the tokens
            // just before a run of digits can start one, and only they are read.
            let bytes = text.as_bytes();
            let (mut done, mut at) = (0, 0);
            while let Some(digit) = bytes[at..].iter().position(u8::is_ascii_digit) {
                let digit = at + digit;
                let run = bytes[digit..].iter().take_while(|b| b.is_ascii_digit()).count();
                let back = self.longest.saturating_sub(1);
                let from = tokens_back(text, digit, back, done);
                done = self.scan(text, from..digit + run, &mut found, &mut scratch);
                at = (digit + run).max(done);
            }
        } else {
            self.scan(text, 0..text.len(), &mut found, &mut scratch);
        }
        found.sort_by_key(|f| f.range.start);
        found
    }

    /// Adds to `found` the mentions that start at a token of `text` beginning in `starts`
    /// (whose start is a token's start, or no word char's); returns where the tokens it
    /// read end, past the last mention found.
    fn scan(
        &self,
        text: &str,
        starts: Range<usize>,
        found: &mut Vec<Found>,
        scratch: &mut Scratch,
    ) -> usize {
        let Scratch { word, pair, window, ranges } = scratch;
        let free = |range: &Range<usize>, found: &[Found]| {
            found.iter().all(|f| f.range.end <= range.start || f.range.start >= range.end)
        };
        let mut done = starts.start;
        let mut tokens = tokens(text, starts.start);
        while let Some(first) = tokens.next().filter(|t| t.start < starts.end) {
            done = first.end;
            let token = &text[first.clone()];
            if !self.may_start(token) {
                continue;
            }
            vi::fold_into(token, word);
            if !self.starts.contains(word.as_str()) || !self.may_follow(word, text, &tokens, pair) {
                continue;
            }
            ranges.clear();
            ranges.push(first);
            ranges.extend(tokens.clone().take(self.longest.saturating_sub(1)));
            window.resize_with(window.len().max(ranges.len()), String::new);
            for (folded, range) in window.iter_mut().zip(ranges.iter()) {
                vi::fold_into(&text[range.clone()], folded);
            }
            if let Some((len, term)) = self.match_at(&window[..ranges.len()]) {
                let range = closing_bracket(text, ranges[0].start..ranges[len - 1].end);
                if free(&range, found) {
                    done = range.end;
                    found.push(Found { range, term });
                    // The mention's other tokens are not starts of another.
                    if len > 1 {
                        tokens.nth(len - 2);
                    }
                }
            }
        }
        done
    }

    /// Whether the token after the start word `word` may go on a mention: `pair` is
    /// scratch for "word next".
    fn may_follow(
        &self,
        word: &str,
        text: &str,
        tokens: &(impl Iterator<Item = Range<usize>> + Clone),
        pair: &mut String,
    ) -> bool {
        if self.alone.contains(word) {
            return true;
        }
        let Some(next) = tokens.clone().next() else { return false };
        pair.clear();
        pair.push_str(word);
        pair.push(' ');
        vi::push_folded(&text[next], pair);
        self.follows.contains(pair.as_str())
    }

    /// Whether a mention may start with `token`, judged by its first char alone.
    fn may_start(&self, token: &str) -> bool {
        let (Some(bits), Some(initial)) = (self.initials, vi::folded_initial(token)) else {
            return true;
        };
        initial.is_ascii() && bits & 1 << u32::from(initial) != 0
    }

    /// The longest mention at the start of `tokens` (folded words): its length in
    /// tokens and its term.
    fn match_at(&self, tokens: &[String]) -> Option<(usize, usize)> {
        for (phrase, term) in &self.phrases {
            if tokens.len() >= phrase.len() && tokens.iter().zip(phrase).all(|(t, w)| t == w) {
                return Some((phrase.len(), *term));
            }
        }
        // "Chỉ thị số 05", "chỉ thị 05": a kind word, maybe "số", a number.
        let (number_at, term) = [2usize, 3].into_iter().find_map(|n| {
            let kind = tokens.get(..n)?.join(" ");
            let mut at = n;
            if tokens.get(at).is_some_and(|t| t == "so") {
                at += 1;
            }
            let number: u32 = tokens.get(at)?.parse().ok()?;
            let term = (*self.by_number.get(&(kind, number))?)?;
            Some((at, term))
        })?;
        Some((number_at + 1, term))
    }
}

/// "NQTW6 (lần 2": a mention that opened a bracket takes its closing one too.
fn closing_bracket(text: &str, range: Range<usize>) -> Range<usize> {
    let inside = &text[range.clone()];
    if inside.matches('(').count() > inside.matches(')').count()
        && text[range.end..].starts_with(')')
    {
        range.start..range.end + 1
    } else {
        range
    }
}

/// Where the token `back` tokens before the one holding byte `at` (a word char) starts;
/// the first token's start when there are fewer; `floor` when that is further on (the
/// walk stops there).
fn tokens_back(text: &str, at: usize, back: usize, floor: usize) -> usize {
    let bytes = text.as_bytes();
    // The start of the char that ends at byte `i` (above 0), and whether it is a word char.
    let before = |i: usize| {
        let start = (0..i).rev().find(|&j| bytes[j] & 0xC0 != 0x80).unwrap_or(0);
        (start, vi::word_char_at(text, start).1)
    };
    let word_start = |mut i: usize| {
        while let Some((start, true)) = (i > floor).then(|| before(i)) {
            i = start;
        }
        i
    };
    let mut start = word_start(at);
    for _ in 0..back {
        let mut i = start;
        while let Some((previous, false)) = (i > floor).then(|| before(i)) {
            i = previous;
        }
        if i <= floor {
            break;
        }
        start = word_start(i);
    }
    start.max(floor)
}

/// Folded words of a name, without "số".
fn words(name: &str) -> Vec<String> {
    tokens(name, 0).map(|r| vi::fold(&name[r])).filter(|w| w != "so").collect()
}

/// What `DirectiveMatcher::scan` reuses from one call to the next: the folded start word,
/// "start next", and the folded tokens from a start on with their ranges.
#[derive(Default)]
struct Scratch {
    word: String,
    pair: String,
    window: Vec<String>,
    ranges: Vec<Range<usize>>,
}

/// The byte ranges of the runs of letters and digits of a text, in order, from byte
/// `from` (a char boundary) on.
fn tokens(text: &str, from: usize) -> impl Iterator<Item = Range<usize>> + Clone + '_ {
    let end = text.len();
    let mut i = from;
    std::iter::from_fn(move || {
        while i < end {
            let (width, word) = vi::word_char_at(text, i);
            if word {
                break;
            }
            i += width;
        }
        let start = i;
        while i < end {
            let (width, word) = vi::word_char_at(text, i);
            if !word {
                break;
            }
            i += width;
        }
        (i > start).then_some(start..i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> DirectiveMatcher {
        DirectiveMatcher::new(
            [
                "Chỉ thị 05-CT/TW",
                "Nghị quyết 21-NQ/TW",
                "Nghị quyết Trung ương 4 khóa XI",
                "Chỉ thị 05-CT/TU",
            ],
            &[("NQTW4".to_string(), "Nghị quyết Trung ương 4 khóa XI".to_string())],
        )
    }

    fn shown(text: &str) -> Vec<(&str, usize)> {
        matcher().find(text).into_iter().map(|f| (&text[f.range], f.term)).collect()
    }

    #[test]
    fn codes_in_any_spelling_find_their_directive() {
        assert_eq!(
            shown("Thực hiện Chỉ thị số 05-CT/TW và 21 – NQ/TW."),
            [("05-CT/TW", 0), ("21 – NQ/TW", 1)]
        );
        assert_eq!(shown("Chỉ thị 05-CT/TU của Tỉnh ủy"), [("05-CT/TU", 3)]);
        assert!(shown("Chỉ thị 99-CT/TW").is_empty(), "unknown codes stay text");
    }

    #[test]
    fn kind_and_number_match_only_when_unambiguous() {
        // Two "Chỉ thị 05" exist (CT/TW and CT/TU): no guess.
        assert!(shown("học tập Chỉ thị số 05 sâu rộng").is_empty());
        assert_eq!(shown("Nghị quyết số 21 của Bộ Chính trị"), [("Nghị quyết số 21", 1)]);
    }

    #[test]
    fn names_without_code_and_aliases_match_folded() {
        assert_eq!(
            shown("theo nghị quyết trung ương 4 khoá XI"),
            [("nghị quyết trung ương 4 khoá XI", 2)]
        );
        assert_eq!(shown("tinh thần NQTW4, NQTW5"), [("NQTW4", 2)]);
        assert!(shown("NQTW45").is_empty(), "whole words only");
        assert_eq!(
            shown("Nghị quyết Trung ương 4 (khóa XI) đã"),
            [("Nghị quyết Trung ương 4 (khóa XI)", 2)]
        );
    }

    #[test]
    fn mentions_back_to_back_and_in_any_script_or_normal_form() {
        assert_eq!(
            shown("NQTW4 Nghị quyết số 21 05-CT/TW"),
            [("NQTW4", 2), ("Nghị quyết số 21", 1), ("05-CT/TW", 0)]
        );
        // Decomposed text (a base letter, then its marks) reads as its composed form.
        let nfd = "theo Nghi\u{323} quye\u{302}\u{301}t Trung u\u{31b}o\u{31b}ng 4 kho\u{301}a XI";
        assert_eq!(matcher().find(nfd).len(), 1);
        // An alias in another script turns the first-letter filter off: still found.
        let greek = DirectiveMatcher::new(
            ["Chỉ thị 05-CT/TW"],
            &[("ΧΘ5".to_string(), "Chỉ thị 05-CT/TW".to_string())],
        );
        assert_eq!(greek.find("theo ΧΘ5 và chỉ thị số 05").len(), 2);
        // A token that starts with a lone mark is not passed over by the filter.
        assert!(!matcher().find("\u{301}NQTW4").is_empty());
    }

    #[test]
    fn the_words_after_the_last_digit_are_read_only_when_a_mention_can_lack_one() {
        // Every mention of this site holds a digit: the last one ends the last mention.
        assert!(matcher().ends_by_digit);
        assert_eq!(shown("theo Nghị quyết số 21"), [("Nghị quyết số 21", 1)]);
        assert_eq!(shown("Nghị quyết số 21, năm 2020"), [("Nghị quyết số 21", 1)]);
        assert_eq!(shown("NQTW4 mà không có số nào khác"), [("NQTW4", 2)]);
        assert_eq!(shown("05-CT/TW, mã không đứng trước chữ số nào"), [("05-CT/TW", 0)]);
        // An alias without a digit: the whole text is read.
        let wordy = DirectiveMatcher::new(
            ["Chỉ thị 05-CT/TW"],
            &[("Chỉ thị về nêu gương".to_string(), "Chỉ thị 05-CT/TW".to_string())],
        );
        assert!(!wordy.ends_by_digit);
        let text = "năm 2020, rồi chỉ thị về nêu gương";
        assert_eq!(
            wordy.find(text).iter().map(|f| &text[f.range.clone()]).collect::<Vec<_>>(),
            ["chỉ thị về nêu gương"]
        );
    }

    /// The bundled site's directives with digits deep inside: "(lần 2)".
    fn bundled() -> DirectiveMatcher {
        let name = "Nghị quyết Trung ương 6 (lần 2) khóa VIII";
        DirectiveMatcher::new(
            ["Chỉ thị 05-CT/TW", "Nghị quyết Trung ương 5 khóa VIII", name, "Quy định 76-QĐ/TW"],
            &[("NQTW6 (lần 2)".to_string(), name.to_string())],
        )
    }

    #[test]
    fn tokens_back_count_runs_of_word_chars() {
        let text = "Theo «Nghị quyết» số 21, (năm 2020)";
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(tokens_back(text, at("21"), 0, 0), at("21"));
        assert_eq!(tokens_back(text, at("21"), 2, 0), at("quyết"));
        assert_eq!(tokens_back(text, at("020"), 1, 0), at("năm"), "from inside a token");
        assert_eq!(tokens_back(text, at("21"), 9, 0), 0, "fewer tokens before");
        assert_eq!(tokens_back("  5", 2, 3, 0), 2, "no word before");
        assert_eq!(tokens_back(text, at("21"), 9, at("số")), at("số"), "the floor");
        assert_eq!(tokens_back(text, at("21"), 1, at("ết")), at("số"), "above the floor");
    }

    proptest::proptest! {
        #[test]
        fn reading_only_before_digits_finds_what_reading_all_finds(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "Nghị quyết", "số", "21", "Trung ương 4", "khóa XI", "NQTW4", "05-CT/TW",
                "năm 2020,", "Chỉ thị", "và", "(", ")", "05", "4", "Đảng bộ", "thực hiện",
                "Trung ương", "6", "(lần 2)", "lần", "2", "khóa VIII", "NQTW6", "NQTW6 (lần 2)",
                "Quy định 76", "5", "«", "».", "\n", "Nghi\u{323} quye\u{302}\u{301}t",
            ]), 0..24),
            site in 0..2usize,
        ) {
            let text = words.join(" ");
            let matcher = || if site == 0 { matcher() } else { bundled() };
            let (bounded, mut reading_all) = (matcher(), matcher());
            proptest::prop_assert!(bounded.ends_by_digit);
            reading_all.ends_by_digit = false;
            proptest::prop_assert_eq!(bounded.find(&text), reading_all.find(&text), "{}", text);
        }
    }
}
