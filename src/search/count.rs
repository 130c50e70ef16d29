//! Counting an article's words for the index: its terms with their weights, its snippet,
//! and what related articles read of it. Each thread keeps a counter that remembers the
//! spellings it has met.

use std::hash::BuildHasher;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::index::{self, DocTerms, Vocabulary};
use super::intern::{self, Interner};
use super::text;
use super::tokenize::{self, Token, each_token};
use crate::model::{Article, Dimension, Site};
use crate::related::{self, Sample};
use crate::vi;

/// Characters of body text kept per article for snippets: a snippet shows 220 of them
/// around the first match.
const EXCERPT_CHARS: usize = 360;

/// Counters for the threads that read articles, each kept from one group of articles to
/// the next for the spellings it has numbered.
pub(super) struct Counters {
    vocabulary: Arc<Mutex<Vocabulary>>,
    idle: Mutex<Vec<Counter>>,
}

impl Counters {
    pub(super) fn new(vocabulary: &Arc<Mutex<Vocabulary>>) -> Counters {
        Counters { vocabulary: Arc::clone(vocabulary), idle: Mutex::default() }
    }

    /// Each article's weighted terms, snippet and sample, in order.
    pub(super) fn documents(&self, site: &Site, articles: &[Article]) -> Read {
        let mut read = Read::default();
        for (terms, excerpt, sample) in self.each(articles, |c, a| c.document(site, a)) {
            read.terms.push(terms);
            read.excerpts.push(excerpt);
            read.samples.push(sample);
        }
        read
    }

    /// Each article's sample for related articles, in order, reading no further into an
    /// article than the sample does (`check`, which writes no index).
    pub(super) fn samples(&self, articles: &[Article]) -> Vec<Sample> {
        self.each(articles, Counter::sample_only)
    }

    /// `read` of every article in parallel, in order, each group of them on a counter
    /// taken from the idle ones.
    fn each<T: Send>(
        &self,
        articles: &[Article],
        read: impl Fn(&mut Counter, &Article) -> T + Sync,
    ) -> Vec<T> {
        let idle = || self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        articles
            .par_chunks(32)
            .flat_map_iter(|group| {
                let counter = idle().pop();
                let mut counter =
                    counter.unwrap_or_else(|| Counter::new(Arc::clone(&self.vocabulary)));
                let out: Vec<T> = group.iter().map(|a| read(&mut counter, a)).collect();
                idle().push(counter);
                out
            })
            .collect()
    }
}

/// What `Counters::documents` read of some articles, in their order: each one's weighted
/// terms, snippet and sample for related articles.
#[derive(Default)]
pub(super) struct Read {
    pub terms: Vec<DocTerms>,
    pub excerpts: Vec<String>,
    pub samples: Vec<Sample>,
}

/// Counts one document's words, exact spellings, syllable pairs and codes, by their
/// numbers in the shared vocabulary. Each spelling the counter meets is folded and
/// numbered once and remembered, so most words cost one look-up in the counter's own
/// table; pairs are counted by the numbers of their folded words.
pub(super) struct Counter {
    vocabulary: Arc<Mutex<Vocabulary>>,
    /// Every spelling met so far, as written (capitals and all) → `numbers`.
    spellings: Interner,
    /// Per spelling: the vocabulary's number of its fold and, if it differs, of itself.
    numbers: Vec<(u32, Option<u32>)>,
    /// Per folded number: the hash of the folded word, which names it to related
    /// articles. Numbers depend on which thread meets a word first; names do not, so
    /// neither do the related articles of a build.
    names: Vec<u64>,
    /// Σ weight in this document by folded number and by exact number; the numbers set.
    folded: Vec<u32>,
    folded_set: Vec<u32>,
    exact: Vec<u32>,
    exact_set: Vec<u32>,
    /// Pair keys of two joined words → Σ weight.
    pairs: FxHashMap<index::Key, u32>,
    /// The exact form of a spelling met for the first time.
    exact_buffer: String,
    words: u32,
}

impl Counter {
    pub(super) fn new(vocabulary: Arc<Mutex<Vocabulary>>) -> Counter {
        Counter {
            vocabulary,
            spellings: Interner::default(),
            numbers: Vec::new(),
            names: Vec::new(),
            folded: Vec::new(),
            folded_set: Vec::new(),
            exact: Vec::new(),
            exact_set: Vec::new(),
            pairs: FxHashMap::default(),
            exact_buffer: String::new(),
            words: 0,
        }
    }

    /// One article's weighted terms, its snippet text, and what related articles read of
    /// it: its title and the start of its body, counted before its facets are.
    pub(super) fn document(
        &mut self,
        site: &Site,
        article: &Article,
    ) -> (DocTerms, String, Sample) {
        let (blocks, sample, length) =
            self.title_and_body(&article.front.title, &article.rendered.html, true);
        let front = &article.front;
        let mut facets: Vec<&str> = vec![front.ward.as_str()];
        facets.extend(front.district.as_deref());
        facets.extend(front.province.as_deref());
        for d in [Dimension::Directive, Dimension::Theme] {
            facets.extend(
                article.terms[d as usize].iter().map(|&i| site.taxonomy(d).terms[i].name.as_str()),
            );
        }
        facets.extend(front.tags.iter().map(String::as_str));
        let year = front.year.to_string();
        facets.push(&year);
        for facet in facets {
            self.add(facet, index::FACET_WEIGHT);
        }
        // Shown on the page, so found by a reader who types them, but weighed as body text:
        // a source or author says little of what the article is about.
        for shown in [&front.source, &front.author].into_iter().flatten() {
            self.add(shown, index::BODY_WEIGHT);
        }
        (self.finish(length), excerpt(&blocks), sample)
    }

    /// What `document` hands related articles of `article`, the rest of it unread.
    pub(super) fn sample_only(&mut self, article: &Article) -> Sample {
        let (_, sample, _) =
            self.title_and_body(&article.front.title, &article.rendered.html, false);
        self.clear();
        sample
    }

    /// Counts the title, then the body's blocks (the rest of them when `whole`, else none
    /// past the one that reaches `SAMPLE_WORDS`): the body's blocks, the sample of the
    /// article taken at that block, and how many words of the body were counted.
    fn title_and_body(
        &mut self,
        title: &str,
        html: &str,
        whole: bool,
    ) -> (Vec<String>, Sample, u32) {
        self.add(title, index::TITLE_WEIGHT);
        let title = self.counted_so_far();
        let blocks = text::blocks(html);
        let before = self.words;
        let mut sample = None;
        for block in &blocks {
            self.add(block, index::BODY_WEIGHT);
            if sample.is_none() && self.words - before >= related::SAMPLE_WORDS {
                sample = Some(self.sample(&title));
                if !whole {
                    break;
                }
            }
        }
        let sample = sample.unwrap_or_else(|| self.sample(&title));
        (blocks, sample, self.words - before)
    }

    /// What is counted so far of folded words (by number) and syllable pairs (by key).
    fn counted_so_far(&self) -> Counted {
        let words = self.folded_set.iter().map(|&id| (id, self.folded[id as usize])).collect();
        (words, self.pairs.iter().map(|(&key, &weight)| (key, weight)).collect())
    }

    /// What is counted so far of folded words and syllable pairs (no exact spellings), the
    /// `title`'s words weighing as the body's do: for related articles a title's words
    /// are words of the article, not five times more telling (the generated corpora's
    /// repeated titles made most articles look close in wording).
    fn sample(&mut self, title: &Counted) -> Sample {
        let once = |weight: u32| weight - weight / index::TITLE_WEIGHT * index::BODY_WEIGHT;
        self.reweigh(title, |now, in_title| now - once(in_title));
        let name = |id: u32| self.names[id as usize];
        let words = self.folded_set.iter().map(|&id| (name(id), self.folded[id as usize]));
        let pairs = self.pairs.iter().map(|(&key, &weight)| {
            let (first, second) = index::pair_words(key);
            (FxBuildHasher.hash_one((name(first), name(second))), weight)
        });
        let sample = Sample::new(&words.chain(pairs).collect::<Vec<_>>());
        self.reweigh(title, |now, in_title| now + once(in_title));
        sample
    }

    /// Sets the weight of each of `title`'s words and pairs to `weigh(now, in_title)`.
    fn reweigh(&mut self, (words, pairs): &Counted, weigh: impl Fn(u32, u32) -> u32) {
        for &(id, in_title) in words {
            let now = &mut self.folded[id as usize];
            *now = weigh(*now, in_title);
        }
        for (key, in_title) in pairs {
            if let Some(now) = self.pairs.get_mut(key) {
                *now = weigh(*now, *in_title);
            }
        }
    }

    fn add(&mut self, text: &str, weight: u32) {
        let mut previous = None;
        each_token(text, |token| match token {
            Token::Word { written, joined } => {
                self.words += 1;
                let id = self.count(written, weight);
                if let (true, Some(before)) = (joined, previous) {
                    *self.pairs.entry(index::pair_key(before, id)).or_default() += weight;
                }
                previous = Some(id);
            }
            // A code is folded already: it counts as a word that is its own fold.
            Token::Code(code) => {
                self.count(code, weight);
            }
        });
    }

    /// Counts one word or code, as written; returns its folded number.
    fn count(&mut self, written: &str, weight: u32) -> u32 {
        let (at, new) = self.spellings.intern(written);
        if new {
            let exact = &mut self.exact_buffer;
            tokenize::lower_into(written, exact);
            let folded = vi::fold(exact);
            let mut vocabulary = self.vocabulary.lock().unwrap_or_else(PoisonError::into_inner);
            let numbers = vocabulary.word(exact, &folded);
            drop(vocabulary);
            self.numbers.push(numbers);
            let at = numbers.0 as usize;
            if at >= self.names.len() {
                self.names.resize(at + 1, 0);
            }
            self.names[at] = intern::hash(&folded);
        }
        let (folded, exact) = self.numbers[at as usize];
        add_to(&mut self.folded, &mut self.folded_set, folded, weight);
        if let Some(exact) = exact {
            add_to(&mut self.exact, &mut self.exact_set, exact, weight);
        }
        folded
    }

    /// The document's keys (folded words and codes, `=exact` spellings, `pair words`);
    /// the counts are empty again after.
    fn finish(&mut self, length: u32) -> DocTerms {
        let keys = self.pairs.len() + self.exact_set.len() + self.folded_set.len();
        let mut doc = DocTerms::new(length, keys);
        for (&key, &weight) in &self.pairs {
            doc.push(key, weight);
        }
        for &id in &self.exact_set {
            doc.push(index::exact_key(id), self.exact[id as usize]);
        }
        for &id in &self.folded_set {
            doc.push(index::word_key(id), self.folded[id as usize]);
        }
        self.clear();
        doc.seal()
    }

    /// Forgets the document counted so far.
    fn clear(&mut self) {
        for &id in &self.exact_set {
            self.exact[id as usize] = 0;
        }
        for &id in &self.folded_set {
            self.folded[id as usize] = 0;
        }
        self.exact_set.clear();
        self.folded_set.clear();
        self.pairs.clear();
        self.words = 0;
    }
}

/// Folded words (by number) and syllable pairs (by key) with their weights.
type Counted = (Vec<(u32, u32)>, Vec<(index::Key, u32)>);

/// Adds `weight` to `sums[id]`, noting `id` in `set` the first time.
fn add_to(sums: &mut Vec<u32>, set: &mut Vec<u32>, id: u32, weight: u32) {
    let at = id as usize;
    if at >= sums.len() {
        sums.resize(at + 1, 0);
    }
    if sums[at] == 0 {
        set.push(id);
    }
    sums[at] += weight;
}

/// The first blocks of the body, whitespace tidied, cut at a word boundary near
/// `EXCERPT_CHARS`.
fn excerpt(blocks: &[String]) -> String {
    let mut out = String::new();
    let mut chars = 0;
    // Words are taken until one goes past the limit: the rest of a long block is not read.
    for word in blocks.iter().flat_map(|block| block.split_whitespace()) {
        if chars > EXCERPT_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += word.chars().count();
    }
    if let Some((cut, _)) = out.char_indices().nth(EXCERPT_CHARS) {
        // A word that ends right at the limit is kept whole.
        let at =
            if out[cut..].starts_with(' ') { cut } else { out[..cut].rfind(' ').unwrap_or(cut) };
        out.truncate(at);
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_tidy_whitespace_and_end_at_a_word() {
        let blocks = text::blocks("<p>Đảng bộ\n  phường</p>\n<p> Kết\tquả </p>");
        assert_eq!(blocks, ["Đảng bộ\n  phường", "Kết\tquả"], "tokens split at any space");
        assert_eq!(excerpt(&blocks), "Đảng bộ phường Kết quả");
        let cut = excerpt(&["phường ".repeat(100)]);
        assert!(cut.ends_with("phường…"), "{cut}");
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1, "{cut}");
        // A first block of exactly the limit, and more after it: the excerpt says so.
        let full = "a".repeat(EXCERPT_CHARS - 3);
        let cut = excerpt(&[format!("{full} bb"), "Kết quả".to_string()]);
        assert_eq!(cut, format!("{full} bb…"));
        assert_eq!(excerpt(&[format!("{full} bb")]), format!("{full} bb"), "nothing more");
    }

    #[test]
    fn a_word_counts_the_same_however_it_is_written() {
        let mut counter = Counter::new(Arc::new(Mutex::new(Vocabulary::default())));
        let mut keys = |text: &str| {
            counter.add(text, 1);
            counter.finish(0).sorted_entries()
        };
        let plain = keys("đảng bộ phường");
        assert_eq!(plain.len(), 8, "three words, their exact spellings, two pairs: {plain:?}");
        assert_eq!(keys("ĐẢNG Bộ PHƯỜNG"), plain, "capitals");
        let decomposed = "đa\u{309}ng bo\u{302}\u{323} phu\u{31b}o\u{31b}\u{300}ng";
        assert_eq!(keys(decomposed), plain, "NFD");
        assert_eq!(keys("Ðảng bộ phường"), plain, "Ð, the look-alike of Đ from old encodings");
        assert_ne!(keys("dang bo phuong"), plain, "exact spellings count besides the fold");
    }

    #[test]
    fn a_sample_read_alone_is_the_one_the_index_takes() {
        let first = format!("<p>{}</p>", "đảng bộ phường ".repeat(300));
        let long = format!("{first}<p>{}</p>", "chi bộ khu phố ".repeat(300));
        let mut counter = Counter::new(Arc::new(Mutex::new(Vocabulary::default())));
        let mut sample = |html: &str, whole: bool| {
            let (_, sample, _) = counter.title_and_body("Đảng bộ", html, whole);
            counter.clear();
            assert!(counter.finish(0).sorted_entries().is_empty(), "nothing is left over");
            sample.sorted()
        };
        // 900 words: the sample ends with the first block, the second is not in it.
        let of_first = sample(&first, true);
        assert_eq!(sample(&long, true), of_first, "the index's sample");
        assert_eq!(sample(&long, false), of_first, "read alone");
        let short = "<p>Chi bộ họp</p>";
        assert_eq!(sample(short, false), sample(short, true), "a body shorter than a sample");
    }

    #[test]
    fn a_sample_is_the_same_whichever_words_were_numbered_first() {
        // Threads number words as they first meet them, in no set order.
        let html = "<p>Đảng bộ phường học tập và làm theo tư tưởng, đạo đức</p>";
        let sample = |met_before: &str| {
            let mut counter = Counter::new(Arc::new(Mutex::new(Vocabulary::default())));
            counter.add(met_before, index::BODY_WEIGHT);
            counter.clear();
            let (_, sample, _) = counter.title_and_body("Học tập và làm theo", html, true);
            sample.sorted()
        };
        assert_eq!(sample(""), sample("đức đạo tưởng tư theo làm và tập học phường bộ đảng"));
    }

    #[test]
    fn a_sample_counts_the_titles_words_as_the_bodys_and_leaves_the_index_its_weights() {
        let mut counter = Counter::new(Arc::new(Mutex::new(Vocabulary::default())));
        counter.add("Đảng bộ", index::TITLE_WEIGHT);
        let title = counter.counted_so_far();
        counter.add("đảng bộ phường", index::BODY_WEIGHT);
        let before = counter.counted_so_far();
        // dang, bo, phuong; "dang bo", "bo phuong": dang and bo twice, "dang bo" twice.
        assert_eq!(counter.sample(&title).size(), (5, 2 + 2 + 1 + 2 + 1));
        assert_eq!(counter.counted_so_far(), before, "the index's own weights are back");
        let index = counter.finish(3).sorted_entries();
        let dang = index.iter().find(|(key, _)| *key == index::word_key(title.0[0].0));
        assert_eq!(dang.map(|e| e.1), Some(index::TITLE_WEIGHT + index::BODY_WEIGHT));
    }
}
