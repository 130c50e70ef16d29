//! The packed posting list, the one format the Rust writer and the JS client share
//! (`themes/default/static/search.js` reads it): documents as gaps and impacts in a
//! 64-character alphabet, long lists as a head of exact impacts and a tail set.

/// The posting alphabet: 64 characters that need no escaping in JS or JSON.
const ALPHABET: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
/// Impacts are quantised to 1..=31, one character of the posting alphabet.
pub const LEVELS: u32 = 31;

/// Appends a variable-length number: 5 bits a character, lower groups first, the last
/// character below 32.
pub fn push_varint(out: &mut String, mut value: u32) {
    while value >= 32 {
        out.push(ALPHABET[32 + (value & 31) as usize] as char);
        value >>= 5;
    }
    out.push(ALPHABET[value as usize] as char);
}

/// A list longer than this keeps exact impacts for about this many of its strongest
/// postings only; its other documents share one impact and are written as a set (see
/// `pack`).
const HEAD: usize = 256;
/// Starts the part of a packed list whose documents share one impact.
const TAIL: char = '~';
/// Starts a set written as a bitmap rather than as gaps.
const BITMAP: char = '*';

/// Packs one key's postings (document, impact 1..=LEVELS), documents in order: each as
/// its gap from the one before and its impact, one character each for most.
///
/// A word in thousands of documents would cost a reader two characters for every one of
/// them, though only its strongest postings can lift a document into the first results.
/// So a list longer than `HEAD` keeps exact impacts above a cut level (at most `HEAD`
/// postings, the head), and writes the documents at or below the cut as a set with their
/// mean impact (the tail): `head~<impact><set>`, the set as gaps or, when shorter, as a
/// bitmap of six documents a character, `*…`. Whichever of the two forms is shorter is
/// written: about 20 KB at most for a word in every one of 100,000 documents, not 200 KB.
pub fn pack(postings: &[(u32, u32)]) -> String {
    let full = || pairs(postings.iter().copied(), postings.len());
    if postings.len() <= HEAD {
        return full();
    }
    // The lowest cut that leaves at most HEAD postings above it.
    let mut at_level = [0usize; LEVELS as usize + 1];
    for &(_, q) in postings {
        at_level[q as usize] += 1;
    }
    let (mut cut, mut head) = (LEVELS, 0);
    while cut > 0 && head + at_level[cut as usize] <= HEAD {
        head += at_level[cut as usize];
        cut -= 1;
    }
    // Read in place, several times: copies of the two parts cost more than the passes
    // (a site's lists hold tens of millions of postings).
    let is_weak = |p: &&(u32, u32)| p.1 <= cut;
    let weak = || postings.iter().filter(is_weak);
    let Some(&(last, _)) = postings.iter().rev().find(is_weak) else { return full() };
    let count = postings.len() - head;
    let sum: u64 = weak().map(|p| u64::from(p.1)).sum();
    let mean = ((sum + count as u64 / 2) / count as u64).clamp(1, u64::from(LEVELS)) as usize;
    let mut tiered = pairs(postings.iter().filter(|p| !is_weak(p)).copied(), head);
    tiered.push(TAIL);
    tiered.push(ALPHABET[mean] as char);
    // Six documents a character, up to the last one of the tail; or the gaps, if shorter.
    let bitmap = last as usize / 6 + 1;
    if bitmap + 1 < gaps_len(weak().map(|p| p.0)) {
        let mut bits = vec![0u8; bitmap];
        for &(id, _) in weak() {
            bits[id as usize / 6] |= 1 << (id % 6);
        }
        tiered.push(BITMAP);
        tiered.extend(bits.iter().map(|&b| ALPHABET[b as usize] as char));
    } else {
        let mut previous = 0;
        for &(id, _) in weak() {
            push_varint(&mut tiered, id - previous);
            previous = id;
        }
    }
    // The full form is only measured: it is rarely the shorter one.
    if tiered.len() < pairs_len(postings) { tiered } else { full() }
}

/// Characters `push_varint` writes for `value`.
fn varint_len(value: u32) -> usize {
    let bits = u32::BITS - value.leading_zeros();
    (bits.max(1) as usize).div_ceil(5)
}

/// The length of the documents `ids` (in order) written as gaps, without writing them.
fn gaps_len(ids: impl Iterator<Item = u32>) -> usize {
    let mut last = 0;
    ids.map(|id| {
        let gap = id - last;
        last = id;
        varint_len(gap)
    })
    .sum()
}

/// The length of `pairs(postings)`, without writing it.
fn pairs_len(postings: &[(u32, u32)]) -> usize {
    gaps_len(postings.iter().map(|p| p.0)) + postings.len()
}

/// `count` postings as gaps and impacts.
fn pairs(postings: impl Iterator<Item = (u32, u32)>, count: usize) -> String {
    // Most gaps and every impact take one character.
    let mut packed = String::with_capacity(count * 2);
    let mut last = 0;
    for (id, q) in postings {
        push_varint(&mut packed, id - last);
        last = id;
        packed.push(ALPHABET[q as usize] as char);
    }
    packed
}

/// Decodes what `pack` wrote, documents in order (for tests; the client decodes in JS).
#[cfg(test)]
pub fn read_postings(text: &str) -> Vec<(u32, u32)> {
    let digit = |c: u8| ALPHABET.iter().position(|&a| a == c).unwrap_or(0) as u32;
    let varint = |bytes: &[u8], i: &mut usize| {
        let (mut value, mut shift) = (0u32, 0);
        loop {
            let d = digit(bytes[*i]);
            *i += 1;
            value |= (d & 31) << shift;
            shift += 5;
            if d < 32 {
                return value;
            }
        }
    };
    let (head, tail) = text.split_once(TAIL).map_or((text, None), |(h, t)| (h, Some(t)));
    let bytes = head.as_bytes();
    let (mut i, mut doc, mut out) = (0, 0u32, Vec::new());
    while i < bytes.len() {
        doc += varint(bytes, &mut i);
        out.push((doc, digit(bytes[i])));
        i += 1;
    }
    if let Some(tail) = tail {
        let impact = digit(tail.as_bytes()[0]);
        let set = &tail[1..];
        if let Some(bitmap) = set.strip_prefix(BITMAP) {
            for (k, c) in bitmap.bytes().enumerate() {
                let d = digit(c);
                out.extend((0..6).filter(|b| d & 1 << b != 0).map(|b| (k as u32 * 6 + b, impact)));
            }
        } else {
            let (bytes, mut i, mut doc) = (set.as_bytes(), 0, 0u32);
            while i < bytes.len() {
                doc += varint(bytes, &mut i);
                out.push((doc, impact));
            }
        }
        out.sort_unstable();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip_with_gaps_and_impacts() {
        let mut packed = String::new();
        for (gap, q) in [(0, 3), (1, 31), (40, 1), (5000, 17)] {
            push_varint(&mut packed, gap);
            packed.push(ALPHABET[q] as char);
        }
        assert_eq!(read_postings(&packed), [(0, 3), (1, 31), (41, 1), (5041, 17)]);
        assert_eq!(&packed[..4], "031v", "small gaps and impacts take one character each");
    }

    #[test]
    fn long_lists_keep_their_strongest_impacts_and_the_rest_as_a_set() {
        // A word in 2,000 documents: every 20th strongly (levels 20..=26), the rest weakly.
        let impact = |n: u32| if n % 20 == 0 { 20 + n % 7 } else { 2 + n % 3 };
        for (step, bitmap) in [(3, true), (50, false)] {
            let postings: Vec<(u32, u32)> = (0..2000).map(|n| (n * step, impact(n))).collect();
            let packed = pack(&postings);
            let full = pairs(postings.iter().copied(), postings.len());
            let (shorter, by) = (packed.len(), full.len());
            assert!(shorter * if bitmap { 3 } else { 1 } < by, "{shorter} of {by} characters");
            assert_eq!(packed.contains(BITMAP), bitmap, "dense sets as bitmaps, sparse as gaps");
            let read = read_postings(&packed);
            assert_eq!(read.len(), postings.len());
            for (&(id, q), &(read_id, read_q)) in postings.iter().zip(&read) {
                assert_eq!(id, read_id);
                assert_eq!(read_q, if q >= 20 { q } else { 3 }, "doc {id}: the tail's mean is 3");
            }
        }
        let short: Vec<(u32, u32)> = (0..HEAD as u32).map(|n| (n, 1 + n % 31)).collect();
        assert_eq!(
            pack(&short),
            pairs(short.iter().copied(), short.len()),
            "short lists stay exact"
        );
        let even: Vec<(u32, u32)> = (0..1000).map(|n| (n, 9)).collect();
        assert_eq!(read_postings(&pack(&even)), even, "one level throughout: nothing to lose");
    }

    #[test]
    fn the_full_form_is_measured_as_it_would_be_written() {
        for gaps in [[0, 1, 31], [32, 1023, 1024], [31 << 5, 1 << 20, u32::MAX >> 1]] {
            let mut id = 0;
            let postings: Vec<(u32, u32)> = gaps
                .iter()
                .map(|&gap| {
                    id += gap;
                    (id, 7)
                })
                .collect();
            assert_eq!(
                pairs_len(&postings),
                pairs(postings.iter().copied(), postings.len()).len(),
                "{gaps:?}"
            );
        }
    }

    #[test]
    fn tails_read_as_the_client_reads_them() {
        // The same strings are decoded in tests/js/search.test.js.
        let both = [(0, 3), (1, 3), (2, 31), (3, 3), (7, 20), (8, 3)];
        assert_eq!(read_postings("2v5k~3*b4"), both, "bitmap: 0b1011 then 0b100");
        assert_eq!(read_postings("2v5k~30125"), both, "gaps");
    }
}
