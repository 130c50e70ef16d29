//! Strings kept once in one buffer and named by number. The index looks up every word of
//! every article; a look-up here hashes once and allocates nothing, and a word met before
//! costs only that look-up.

use std::hash::BuildHasher;

use hashbrown::HashTable;

/// The hash every table of the index uses: Fx, fast on short keys of the site's own text.
pub fn hash(text: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(text)
}

/// Distinct strings, numbered from 0 in the order they were first seen.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    text: String,
    /// Where each string ends in `text`; it starts where the one before ends.
    ends: Vec<u32>,
    /// Each string's hash and number, and where it lies in `text`: a look-up compares
    /// the text there without reading `ends`. The index looks up every word it reads.
    table: HashTable<Entry>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    hash: u64,
    id: u32,
    start: u32,
    len: u32,
}

impl Entry {
    fn holds(&self, all: &str, hash: u64, text: &str) -> bool {
        let start = self.start as usize;
        // Byte by byte: words are a few bytes, shorter than a call to `memcmp`.
        self.hash == hash
            && self.len as usize == text.len()
            && all.as_bytes()[start..start + text.len()].iter().eq(text.as_bytes())
    }
}

impl Interner {
    /// The number of `text` and whether it is new.
    pub fn intern(&mut self, text: &str) -> (u32, bool) {
        let hash = hash(text);
        let Interner { text: all, ends, table } = self;
        if let Some(entry) = table.find(hash, |entry| entry.holds(all, hash, text)) {
            return (entry.id, false);
        }
        let id = ends.len() as u32;
        let start = all.len() as u32;
        all.push_str(text);
        ends.push(all.len() as u32);
        let entry = Entry { hash, id, start, len: text.len() as u32 };
        table.insert_unique(hash, entry, |entry| entry.hash);
        (id, true)
    }

    /// The number of `text`, if it was seen.
    #[cfg(test)]
    pub fn find(&self, text: &str) -> Option<u32> {
        let hash = hash(text);
        self.table.find(hash, |entry| entry.holds(&self.text, hash, text)).map(|entry| entry.id)
    }

    pub fn get(&self, id: u32) -> &str {
        span(&self.text, &self.ends, id)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }
}

fn span<'t>(text: &'t str, ends: &[u32], id: u32) -> &'t str {
    let id = id as usize;
    let start = if id == 0 { 0 } else { ends[id - 1] as usize };
    &text[start..ends[id] as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_numbered_once_in_order_of_arrival() {
        let mut words = Interner::default();
        assert_eq!(words.intern("đảng"), (0, true));
        assert_eq!(words.intern("bộ"), (1, true));
        assert_eq!(words.intern("đảng"), (0, false));
        assert_eq!(words.intern(""), (2, true), "the empty string is a string too");
        assert_eq!((words.get(0), words.get(1), words.get(2)), ("đảng", "bộ", ""));
        assert_eq!((words.find("bộ"), words.find("bo")), (Some(1), None));
        assert_eq!(words.len(), 3);
    }

    #[test]
    fn many_strings_survive_the_table_growing() {
        let mut words = Interner::default();
        for n in 0..5000 {
            assert_eq!(words.intern(&format!("từ {n}")), (n, true));
        }
        for n in (0..5000).rev() {
            assert_eq!(words.find(&format!("từ {n}")), Some(n));
            assert_eq!(words.get(n), format!("từ {n}"));
        }
    }
}
