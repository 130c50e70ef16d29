//! The inverted index: every document's terms gathered by key, BM25F impacts computed at
//! build time, quantised and packed (`pack`), and the term dictionary split into shards
//! by a prefix of the folded term that grows until every shard is small (so a query
//! downloads only the few shards it needs).

use std::borrow::Borrow;
use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::intern::Interner;
use super::pack::{LEVELS, pack};

/// Field weights of BM25F: a word in the title counts as five in the body.
pub const TITLE_WEIGHT: u32 = 5;
/// Directive, locality (ward, district, province), theme and tags.
pub const FACET_WEIGHT: u32 = 3;
pub const BODY_WEIGHT: u32 = 1;
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A shard grows a longer prefix while it is bigger than this (bytes).
pub const SHARD_BYTES: usize = 24 * 1024;
/// Longest shard prefix in characters: one term is never split further.
pub const MAX_PREFIX: usize = 12;

/// A key of the index by number: a folded word or code, an exact spelling (`=đường`) or
/// two joined folded words (`chi thi`), the words numbered by a `Vocabulary`. Documents
/// are counted and merged by number; a key is spelled out once, when the index is written.
pub type Key = u64;

const EXACT: Key = 1 << 62;
const PAIR: Key = 2 << 62;
/// Numbers of a vocabulary stay below this, so that two fit in a pair key.
const MAX_WORDS: usize = 1 << 31;
/// The bits of one word's number in a pair key.
const WORD: Key = MAX_WORDS as Key - 1;

pub fn word_key(folded: u32) -> Key {
    Key::from(folded)
}

pub fn exact_key(exact: u32) -> Key {
    EXACT | Key::from(exact)
}

pub fn pair_key(first: u32, second: u32) -> Key {
    PAIR | Key::from(first) << 31 | Key::from(second)
}

/// The numbers of the two words of a `pair_key`.
pub fn pair_words(key: Key) -> (u32, u32) {
    ((key >> 31 & WORD) as u32, (key & WORD) as u32)
}

/// The words of the whole index, each numbered once: folded words and codes, and exact
/// spellings with the number of their fold. Shared by the threads that count documents.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    folded: Interner,
    exact: Interner,
    /// Per exact spelling: the number of its folded form.
    exact_folded: Vec<u32>,
}

impl Vocabulary {
    /// Numbers a word: its folded form and, if it differs, its exact spelling.
    pub fn word(&mut self, exact: &str, folded: &str) -> (u32, Option<u32>) {
        let (folded_id, _) = self.folded.intern(folded);
        if exact == folded {
            return (folded_id, None);
        }
        let (exact_id, new) = self.exact.intern(exact);
        if new {
            self.exact_folded.push(folded_id);
        }
        // Past 2^31 distinct words (tens of gigabytes of text) pair keys would collide.
        assert!(self.folded.len().max(self.exact.len()) < MAX_WORDS, "vocabulary overflow");
        (folded_id, Some(exact_id))
    }

    /// The key as the index writes it: `dang`, `=đảng`, `dang bo`.
    pub fn text(&self, key: Key) -> String {
        let word = |n: u32| self.folded.get(n);
        match key & (3 << 62) {
            EXACT => format!("={}", self.exact.get(key as u32)),
            PAIR => {
                let (first, second) = pair_words(key);
                format!("{} {}", word(first), word(second))
            }
            _ => word(key as u32).to_string(),
        }
    }

    /// The key of a key's text, numbering what is new (for tests).
    #[cfg(test)]
    pub fn key(&mut self, text: &str) -> Key {
        if let Some(exact) = text.strip_prefix('=') {
            let folded = crate::vi::fold(exact);
            return exact_key(self.word(exact, &folded).1.expect("an exact key differs"));
        }
        match text.split_once(' ') {
            Some((a, b)) => pair_key(self.word(a, a).0, self.word(b, b).0),
            None => word_key(self.word(text, text).0),
        }
    }
}

/// Per-document weighted term frequencies, before IDF is known: every key once, grouped
/// by the part of `Lists` it falls in, so the parts merge documents side by side.
#[derive(Debug, Default)]
pub struct DocTerms {
    /// Key and Σ weight × tf; in part order once sealed.
    entries: Vec<(Key, u32)>,
    /// Where each part's entries end in `entries`.
    part_ends: Vec<u32>,
    /// Words in the body, for length normalisation.
    pub length: u32,
}

impl DocTerms {
    /// A document of `length` body words, room made for `keys` keys.
    pub fn new(length: u32, keys: usize) -> DocTerms {
        DocTerms { entries: Vec::with_capacity(keys), part_ends: Vec::new(), length }
    }

    /// Adds a key; each key once.
    pub fn push(&mut self, key: Key, tf: u32) {
        self.entries.push((key, tf));
    }

    /// Orders the entries by part (a counting sort: a part is a number below 64); call
    /// once every key is in.
    pub fn seal(mut self) -> DocTerms {
        // Each part's start, then, as its entries are placed, where the next one goes.
        let mut next = vec![0u32; PARTS];
        for &(key, _) in &self.entries {
            next[part_of(key)] += 1;
        }
        let mut start = 0;
        for at in &mut next {
            (start, *at) = (start + *at, start);
        }
        let mut sorted = vec![(0, 0); self.entries.len()];
        for &entry in &self.entries {
            let at = &mut next[part_of(entry.0)];
            sorted[*at as usize] = entry;
            *at += 1;
        }
        // Every part's next place is now its end.
        self.entries = sorted;
        self.part_ends = next;
        self
    }

    /// Every entry, ordered by key.
    #[cfg(test)]
    pub fn sorted_entries(&self) -> Vec<(Key, u32)> {
        let mut entries = self.entries.clone();
        entries.sort_unstable();
        entries
    }

    /// The entries of one part: key and weighted frequency.
    fn part(&self, part: usize) -> &[(Key, u32)] {
        let start = if part == 0 { 0 } else { self.part_ends[part - 1] as usize };
        &self.entries[start..self.part_ends[part] as usize]
    }
}

/// Every document's terms gathered per key, documents in order. The keys are split into
/// parts by their hash so that documents merge on every core, each part a table small
/// enough to stay in cache.
pub struct Lists {
    parts: Vec<Part>,
    lengths: Vec<u32>,
}

/// The keys of one part and, for each, its documents and weighted frequencies.
#[derive(Default)]
struct Part {
    /// Key → its number in `keys` and `lists`.
    table: FxHashMap<Key, u32>,
    keys: Vec<Key>,
    lists: Vec<Postings>,
}

/// One key's documents in order, each as the gap from the one before and the weighted
/// frequency, both as LEB128 bytes: about 2 bytes a posting where pairs of numbers would
/// take 8, for the tens of millions of postings of a large site.
#[derive(Debug, Default)]
struct Postings {
    bytes: Vec<u8>,
    last: u32,
    len: u32,
}

impl Postings {
    fn push(&mut self, doc: u32, tf: u32) {
        let gap = doc - self.last;
        if gap < 0x80 && tf < 0x80 {
            // Most postings: a byte each, added at once.
            self.bytes.extend_from_slice(&[gap as u8, tf as u8]);
        } else {
            push_leb128(&mut self.bytes, gap);
            push_leb128(&mut self.bytes, tf);
        }
        self.last = doc;
        self.len += 1;
    }

    /// Documents and weighted frequencies, in order.
    fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut at = 0;
        let mut doc = 0;
        std::iter::from_fn(move || {
            if at == self.bytes.len() {
                return None;
            }
            doc += read_leb128(&self.bytes, &mut at);
            Some((doc, read_leb128(&self.bytes, &mut at)))
        })
    }
}

fn push_leb128(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_leb128(bytes: &[u8], at: &mut usize) -> u32 {
    let (mut value, mut shift) = (0u32, 0);
    loop {
        let byte = bytes[*at];
        *at += 1;
        value |= u32::from(byte & 0x7F) << shift;
        if byte < 0x80 {
            return value;
        }
        shift += 7;
    }
}

/// How many parts `Lists` splits its keys into.
const PARTS: usize = 64;

fn part_of(key: Key) -> usize {
    // The top bits of a multiplicative hash: a part's own table hashes keys differently.
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize
}

impl Default for Lists {
    fn default() -> Lists {
        Lists { parts: (0..PARTS).map(|_| Part::default()).collect(), lengths: Vec::new() }
    }
}

impl Lists {
    /// Adds the next documents, in order (ids follow the order of the calls), merging the
    /// parts in parallel. Documents are only read: `serve` keeps them for the next edit.
    pub fn extend<D: Borrow<DocTerms> + Sync>(&mut self, docs: &[D]) {
        let first = self.lengths.len() as u32;
        self.lengths.extend(docs.iter().map(|d| d.borrow().length));
        self.parts.par_iter_mut().enumerate().for_each(|(p, part)| {
            for (offset, doc) in docs.iter().enumerate() {
                for &(key, tf) in doc.borrow().part(p) {
                    let next = part.keys.len() as u32;
                    let id = *part.table.entry(key).or_insert(next);
                    if id == next {
                        part.keys.push(key);
                        part.lists.push(Postings::default());
                    }
                    part.lists[id as usize].push(first + offset as u32, tf);
                }
            }
        });
    }

    /// How many documents hold the key.
    fn count(&self, key: Key) -> u32 {
        let part = &self.parts[part_of(key)];
        part.table.get(&key).map_or(0, |&id| part.lists[id as usize].len)
    }
}

/// BM25 of one posting, idf × tf′(K1 + 1) / (tf′ + K1) with tf′ = tf / norm, `tf` the
/// weighted frequency and `norm` the document's length factor. Rearranged as
/// idf(K1 + 1) × tf / (tf + K1 · norm), a posting costs one division: `idf_k1` (idf ×
/// (K1 + 1)) is known per list and `k1_norm` (K1 × norm) per document.
pub fn bm25(tf: f32, k1_norm: f32, idf_k1: f32) -> f32 {
    idf_k1 * tf / (tf + k1_norm)
}

pub fn idf(docs: usize, df: usize) -> f32 {
    (1.0 + (docs as f32 - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
}

/// Quantises a score, given in levels (score / largest possible score × LEVELS), up to a
/// whole level and never to zero.
pub fn quantise(levels: f32) -> u32 {
    // `f32::ceil` is a call into libm on the baseline x86-64 target: a score is never
    // negative, so truncating and stepping up past a fraction is the same.
    let whole = levels as u32;
    (whole + u32::from((whole as f32) < levels)).clamp(1, LEVELS)
}

/// Every key, spelled out by `vocabulary`, with its packed postings: doc-id gaps and
/// quantised impacts.
pub fn postings(gathered: Lists, vocabulary: &Vocabulary) -> BTreeMap<String, String> {
    let count = gathered.lengths.len();
    let avg = gathered.lengths.iter().map(|&l| l as f32).sum::<f32>() / count.max(1) as f32;
    let k1_norms: Vec<f32> =
        gathered.lengths.iter().map(|&l| K1 * (1.0 - B + B * l as f32 / avg.max(1.0))).collect();
    // Scores in levels: the largest possible one (a word in no other document) is LEVELS.
    let max = idf(count, 0) * (K1 + 1.0);
    // Documents were pushed in order: a list is sorted already.
    let pack = |list: &Postings| {
        let idf_k1 = idf(count, list.len as usize) * (K1 + 1.0) / max * LEVELS as f32;
        // Sized first: the decoding iterator cannot tell its length, and a Vec grown by
        // doubling copied the longest lists a dozen times.
        let mut scored = Vec::with_capacity(list.len as usize);
        scored.extend(
            list.iter()
                .map(|(id, tf)| (id, quantise(bm25(tf as f32, k1_norms[id as usize], idf_k1)))),
        );
        pack(&scored)
    };
    // An exact spelling only earns its entry where the folded word also stands for other
    // spellings in some documents ("đường" and "dương"); otherwise it would rank nothing.
    // Found before the lists are taken apart.
    let redundant = |key: Key, list: &Postings| {
        key & (3 << 62) == EXACT
            && gathered.count(word_key(vocabulary.exact_folded[key as u32 as usize])) == list.len
    };
    let redundant: Vec<Vec<bool>> = gathered
        .parts
        .par_iter()
        .map(|part| part.keys.iter().zip(&part.lists).map(|(&k, l)| redundant(k, l)).collect())
        .collect();
    // Each part's lists are freed as they are packed: the whole index is never held twice.
    gathered
        .parts
        .into_par_iter()
        .zip(redundant)
        .flat_map_iter(|(Part { keys, lists, .. }, redundant)| {
            keys.into_iter()
                .zip(lists)
                .zip(redundant)
                .filter(|(_, redundant)| !redundant)
                .map(|((key, list), _)| (vocabulary.text(key), pack(&list)))
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The text a key is sharded by: exact forms go with their folded form.
pub fn shard_text(key: &str) -> String {
    match key.strip_prefix('=') {
        Some(exact) => crate::vi::fold(exact),
        None => key.to_string(),
    }
}

fn prefix(text: &str, chars: usize) -> &str {
    text.char_indices().nth(chars).map_or(text, |(i, _)| &text[..i])
}

/// Splits the dictionary into shards: prefix → entries. A prefix grows by one character
/// while its shard is over `limit` bytes and its terms still differ at that length.
pub fn shard(
    entries: BTreeMap<String, String>,
    limit: usize,
) -> BTreeMap<String, Vec<(String, String)>> {
    let keyed: Vec<(String, String, String)> =
        entries.into_iter().map(|(k, v)| (shard_text(&k), k, v)).collect();
    let mut out = BTreeMap::new();
    split(keyed, 1, limit, &mut out);
    out
}

fn split(
    entries: Vec<(String, String, String)>,
    chars: usize,
    limit: usize,
    out: &mut BTreeMap<String, Vec<(String, String)>>,
) {
    let mut groups: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    for entry in entries {
        groups.entry(prefix(&entry.0, chars).to_string()).or_default().push(entry);
    }
    for (group, members) in groups {
        let bytes: usize = members.iter().map(|(_, k, v)| k.len() + v.len() + 6).sum();
        // Splitting helps only if a longer prefix tells the members apart.
        let first = prefix(&members[0].0, MAX_PREFIX);
        let differ = members.iter().any(|(text, _, _)| prefix(text, MAX_PREFIX) != first);
        if bytes > limit && chars < MAX_PREFIX && differ {
            split(members, chars + 1, limit, out);
        } else {
            out.insert(group, members.into_iter().map(|(_, k, v)| (k, v)).collect());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::pack::read_postings;

    #[test]
    fn keys_are_numbers_spelled_out_once() {
        let mut words = Vocabulary::default();
        let (dang, exact) = words.word("đảng", "dang");
        let (bo, none) = words.word("bo", "bo");
        assert_eq!(none, None, "a word that is its own fold has no exact key");
        assert_eq!(words.word("đảng", "dang"), (dang, exact), "numbered once");
        assert_eq!(words.word("Đảng", "dang").0, dang, "spellings share their fold's number");
        assert_eq!(words.text(word_key(dang)), "dang");
        assert_eq!(words.text(exact_key(exact.expect("đảng differs from dang"))), "=đảng");
        assert_eq!(words.text(pair_key(dang, bo)), "dang bo");
        assert_eq!(words.text(pair_key(bo, dang)), "bo dang");
        let keys = [word_key(dang), word_key(bo), exact_key(0), pair_key(dang, bo)];
        assert!(keys.iter().enumerate().all(|(i, k)| !keys[i + 1..].contains(k)), "{keys:?}");
    }

    #[test]
    fn posting_lists_keep_large_gaps_and_frequencies() {
        let mut list = Postings::default();
        let entries = [(0, 1), (1, 127), (128, 128), (200_000, 70_000), (u32::MAX, u32::MAX)];
        for (doc, tf) in entries {
            list.push(doc, tf);
        }
        assert_eq!(list.iter().collect::<Vec<_>>(), entries);
        assert_eq!(list.len, 5);
        assert_eq!(&list.bytes[..4], [0, 1, 1, 127], "small numbers take a byte each");
    }

    #[test]
    fn bm25_prefers_rare_terms_frequent_use_and_short_documents() {
        assert!(idf(100, 1) > idf(100, 50));
        assert!(idf(100, 100) > 0.0, "a word in every document still counts");
        let rare = idf(100, 2) * (K1 + 1.0);
        assert!(bm25(3.0, K1, rare) > bm25(1.0, K1, rare));
        assert!(bm25(1.0, K1 * 0.5, rare) > bm25(1.0, K1 * 2.0, rare), "shorter body ranks higher");
        assert!(bm25(TITLE_WEIGHT as f32, K1, rare) > bm25(BODY_WEIGHT as f32 * 2.0, K1, rare));
    }

    #[test]
    fn bm25_rearranged_is_the_textbook_formula() {
        for (tf, norm, df) in [(1.0, 1.0, 1), (5.0, 0.25, 40), (17.0, 3.5, 99), (0.5, 0.6, 7)] {
            let idf = idf(100, df);
            let tf_norm: f32 = tf / norm;
            let textbook = idf * tf_norm * (K1 + 1.0) / (tf_norm + K1);
            let rearranged = bm25(tf, K1 * norm, idf * (K1 + 1.0));
            assert!((textbook - rearranged).abs() <= textbook * 1e-6, "{textbook} {rearranged}");
        }
    }

    #[test]
    fn scores_quantise_up_to_a_whole_level_never_to_zero() {
        assert_eq!(quantise(0.0), 1);
        assert_eq!(quantise(0.0001), 1);
        assert_eq!(quantise(1.0), 1);
        assert_eq!(quantise(1.0001), 2);
        assert_eq!(quantise(30.5), LEVELS);
        assert_eq!(quantise(LEVELS as f32), LEVELS);
        assert_eq!(quantise(1e9), LEVELS, "clamped");
        for tenths in 0..=310 {
            let levels = tenths as f32 / 10.0;
            assert_eq!(quantise(levels), (levels.ceil() as u32).clamp(1, LEVELS), "{levels}");
        }
    }

    fn lists(docs: impl IntoIterator<Item = DocTerms>) -> Lists {
        let mut lists = Lists::default();
        lists.extend(&docs.into_iter().collect::<Vec<_>>());
        lists
    }

    fn doc(words: &mut Vocabulary, pairs: &[(&str, u32)], length: u32) -> DocTerms {
        let mut doc = DocTerms::new(length, pairs.len());
        for &(key, tf) in pairs {
            doc.push(words.key(key), tf);
        }
        doc.seal()
    }

    #[test]
    fn documents_merge_the_same_in_one_call_or_many() {
        let mut words = Vocabulary::default();
        let mut make = || {
            (0..200)
                .map(|n| {
                    let keys: Vec<String> =
                        (0..n % 37).map(|k| format!("từ {}", k * n % 101)).collect();
                    let mut unique: Vec<&str> = keys.iter().map(String::as_str).collect();
                    unique.sort_unstable();
                    unique.dedup();
                    doc(&mut words, &unique.iter().map(|k| (*k, 1 + n)).collect::<Vec<_>>(), n)
                })
                .collect::<Vec<_>>()
        };
        let once = lists(make());
        let mut piecewise = Lists::default();
        for chunk in make().chunks(7) {
            piecewise.extend(chunk);
        }
        let whole = postings(once, &words);
        assert_eq!(whole, postings(piecewise, &words));
        assert!(whole.len() > 90, "{} keys", whole.len());
        let ids: Vec<u32> = read_postings(&whole["từ 0"]).iter().map(|p| p.0).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "documents in order: {ids:?}");
    }

    #[test]
    fn exact_spellings_are_kept_only_where_they_tell_documents_apart() {
        let mut words = Vocabulary::default();
        let docs = [
            doc(&mut words, &[("duong", 1), ("=đường", 1), ("dang", 1), ("=đảng", 1)], 10),
            doc(&mut words, &[("duong", 1), ("=dương", 1), ("dang", 1), ("=đảng", 1)], 10),
        ];
        let all = postings(lists(docs), &words);
        assert!(all.contains_key("=đường") && all.contains_key("=dương"));
        assert!(!all.contains_key("=đảng"), "every dang is đảng: the folded entry is enough");
    }

    #[test]
    fn postings_list_documents_in_order_with_higher_impact_for_more_weight() {
        let mut words = Vocabulary::default();
        let docs = vec![
            doc(&mut words, &[("dang", 1)], 10),
            doc(&mut words, &[("bo", 1)], 10),
            doc(&mut words, &[("dang", 5)], 10),
        ];
        let all = postings(lists(docs), &words);
        let dang = read_postings(&all["dang"]);
        assert_eq!(dang.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 2]);
        assert!(dang[1].1 > dang[0].1);
    }

    #[test]
    fn shards_grow_their_prefix_only_where_needed() {
        let mut entries = BTreeMap::new();
        for key in ["dang", "dan", "do", "duong", "=đường", "bo", "chi thi", "phat", "phan"] {
            entries.insert(key.to_string(), "x".repeat(10));
        }
        let shards = shard(entries, 39);
        let names: Vec<&str> = shards.keys().map(String::as_str).collect();
        assert_eq!(names, ["b", "c", "da", "do", "du", "phan", "phat"], "p splits past ph");
        let du: Vec<&str> = shards["du"].iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(du, ["=đường", "duong"], "exact forms live with their folded form");
        assert_eq!(shards["c"][0].0, "chi thi");
    }
}
