//! Related articles: for each article, up to five others worth reading next, each with
//! the reasons in words. The score adds shared directives, themes and locality, closeness
//! in years and body-text similarity (TF-IDF cosine over folded syllables and syllable
//! pairs). Candidates come only through shared terms, so the work grows with the number
//! of articles, not its square.

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use crate::model::{Dimension, Site};

/// How many related articles an article shows.
pub const LIMIT: usize = 5;
/// Terms kept per article vector: the most distinctive ones carry the similarity.
const VECTOR_TERMS: usize = 24;
/// Neighbours by date taken from a shared directive's or theme's list.
const LIST_NEIGHBOURS: usize = 6;
/// Posting lists longer than this are skipped: such terms are common and uninformative,
/// and a fixed bound keeps the work linear in the number of articles.
const POSTINGS_CAP: usize = 200;
/// Articles closest in wording that are scored in full, per article.
const CONTENT_CANDIDATES: usize = 40;
/// Words of an article's body that the text similarity reads after its title: what an
/// article is about shows in its first few hundred syllables, and a bound keeps the cost
/// per article flat however long it is (about 3,000 characters of Vietnamese).
pub const SAMPLE_WORDS: u32 = 650;

const W_DIRECTIVE: f32 = 3.0;
const W_THEME: f32 = 1.0;
const W_WARD: f32 = 2.5;
const W_DISTRICT: f32 = 1.2;
const W_PROVINCE: f32 = 0.6;
const W_YEAR: f32 = 1.0;
const W_CONTENT: f32 = 4.0;
/// Cosine above which the body counts as a reason ("Nội dung gần")…
const CONTENT_REASON: f32 = 0.25;
/// …when at least this many distinctive terms are shared: two short texts sharing one
/// rare word are not close in content.
const CONTENT_MIN_SHARED: u16 = 4;

#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Shares this directive (term index).
    Directive(usize),
    /// Same locality (term index).
    Ward(usize),
    /// Same district (name).
    District(String),
    /// Same province (name).
    Province(String),
    /// Shares this theme (term index).
    Theme(usize),
    /// Close in wording.
    Content,
}

/// What the tool adds to every article page: related articles and backlinks.
#[derive(Debug, Default)]
pub struct CrossLinks {
    pub related: Vec<Vec<Related>>,
    /// For each article, the articles that link to it.
    pub backlinks: Vec<Vec<usize>>,
}

impl CrossLinks {
    /// `samples` are the site's articles' term counts, from the search index's count.
    pub fn compute(site: &Site, samples: Samples) -> CrossLinks {
        CrossLinks { related: compute(site, samples), backlinks: crate::links::backlinks(site) }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub article: usize,
    pub score: f32,
    pub reasons: Vec<Reason>,
}

/// Every article's sampled terms and their weights, in article order: all the text
/// similarity reads. The search index counts every word anyway, and hands over what it
/// has counted of an article once past its title and first `SAMPLE_WORDS` words of body
/// (`search::Counter`): reading the sources once more for this was a tenth of a build.
/// Kept compactly, ten bytes a term, until the vectors are weighted.
pub struct Samples(Vec<Sample>);

impl FromIterator<Sample> for Samples {
    fn from_iter<I: IntoIterator<Item = Sample>>(samples: I) -> Samples {
        Samples(samples.into_iter().collect())
    }
}

/// One article's part of `Samples`: its terms (folded words and syllable pairs, each
/// named by a hash of its text and that cut to 32 bits) and how often each occurs. Named
/// by text, not by the index's numbers, which depend on the order threads meet words in:
/// a build's related articles must not.
pub struct Sample {
    terms: Box<[Term]>,
    counts: Box<[u16]>,
}

/// A term as the similarity knows it: 32 bits of its 64-bit name. Every sample is held
/// at once while the index is counted: with the full names that stage's
/// memory at 100,000 articles was 2,519 MiB, with these 2,243 (below the pages' 2,416).
/// Two names sharing their 32 bits (a few in a million) only make two articles look a
/// little closer.
type Term = u32;

impl Sample {
    /// `counted`: the terms' names (hashes of their text) and how often each was counted.
    pub fn new(counted: &[(u64, u32)]) -> Sample {
        let term = |name: u64| (name.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as Term;
        Sample {
            terms: counted.iter().map(|&(name, _)| term(name)).collect(),
            counts: counted.iter().map(|&(_, c)| u16::try_from(c).unwrap_or(u16::MAX)).collect(),
        }
    }
}

#[cfg(test)]
impl Sample {
    /// How many terms, and their weights summed.
    pub fn size(&self) -> (usize, u32) {
        (self.terms.len(), self.counts.iter().map(|&c| u32::from(c)).sum())
    }

    /// Its terms and counts, in term order.
    pub fn sorted(&self) -> Vec<(Term, u16)> {
        let mut all: Vec<_> = self.terms.iter().copied().zip(self.counts.iter().copied()).collect();
        all.sort_unstable();
        all
    }
}

/// Each article's strongest TF-IDF terms, L2-normalised.
fn vectors(Samples(samples): Samples) -> Vec<Vec<(Term, f32)>> {
    let df = samples
        .par_iter()
        .fold(FxHashMap::<Term, u32>::default, |mut df, sample| {
            for &term in &sample.terms {
                *df.entry(term).or_default() += 1;
            }
            df
        })
        .reduce(
            FxHashMap::default,
            |a, b| if a.len() < b.len() { merge(b, a) } else { merge(a, b) },
        );
    let n = samples.len() as f32;
    // Worked out once a term, not once an occurrence (the logarithms were a tenth of this
    // stage). A term in one article links nothing, one in half of them or more says
    // nothing: neither is kept.
    let idf: FxHashMap<Term, f32> = df
        .into_iter()
        .filter(|&(_, df)| df > 1 && (df as f32) < n * 0.5)
        .map(|(term, df)| (term, (n / df as f32).ln()))
        .collect();
    let tf_weights: Vec<f32> = (0..=u8::MAX).map(|tf| 1.0 + f32::from(tf).ln()).collect();
    let tf_weight = |tf: u16| {
        tf_weights.get(usize::from(tf)).copied().unwrap_or_else(|| 1.0 + f32::from(tf).ln())
    };
    samples
        .into_par_iter()
        .map(|sample| {
            let mut weighted: Vec<(Term, f32)> = sample
                .terms
                .iter()
                .zip(&sample.counts)
                .filter_map(|(&term, &tf)| Some((term, tf_weight(tf) * idf.get(&term)?)))
                .collect();
            let strongest =
                |a: &(Term, f32), b: &(Term, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            if weighted.len() > VECTOR_TERMS {
                weighted.select_nth_unstable_by(VECTOR_TERMS, strongest);
                weighted.truncate(VECTOR_TERMS);
            }
            weighted.sort_by(strongest);
            // Kept for every article: the capacity of all its terms would be 40 times more.
            weighted.shrink_to_fit();
            let norm = weighted.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(f32::EPSILON);
            weighted.iter_mut().for_each(|(_, w)| *w /= norm);
            weighted
        })
        .collect()
}

fn merge(mut a: FxHashMap<Term, u32>, b: FxHashMap<Term, u32>) -> FxHashMap<Term, u32> {
    for (k, v) in b {
        *a.entry(k).or_default() += v;
    }
    a
}

/// Related articles for every article, best first.
fn compute(site: &Site, samples: Samples) -> Vec<Vec<Related>> {
    let vectors = vectors(samples);
    let profiles = Profiles::of(site);
    // Inverted lists over the kept terms give cosine similarities by accumulation.
    let mut postings: FxHashMap<Term, Vec<(u32, f32)>> = FxHashMap::default();
    for (i, vector) in vectors.iter().enumerate() {
        for &(term, weight) in vector {
            postings.entry(term).or_default().push((i as u32, weight));
        }
    }
    let n = site.articles.len();
    (0..n)
        .into_par_iter()
        // Each job gets its own scratch of N entries: few, large jobs.
        .with_min_len(256)
        .map_init(
            // Per thread: cosine so far and shared kept terms, by article; which are set;
            // a candidate's reasons.
            || (vec![(0f32, 0u16); n], Vec::<u32>::new(), Vec::new()),
            |(scratch, touched, reasons), i| {
                for &(term, weight) in &vectors[i] {
                    let Some(list) = postings.get(&term) else { continue };
                    // A term in very many articles says little and would cost much.
                    if list.len() > POSTINGS_CAP {
                        continue;
                    }
                    for &(j, w) in list {
                        if j as usize != i {
                            let entry = &mut scratch[j as usize];
                            if entry.1 == 0 {
                                touched.push(j);
                            }
                            entry.0 += weight * w;
                            entry.1 += 1;
                        }
                    }
                }
                // Only the closest in wording are scored, with the neighbours in shared lists.
                if touched.len() > CONTENT_CANDIDATES {
                    touched.select_nth_unstable_by(CONTENT_CANDIDATES, |&a, &b| {
                        scratch[b as usize].0.total_cmp(&scratch[a as usize].0).then(a.cmp(&b))
                    });
                }
                let mut candidates: Vec<(u32, f32, u16)> = touched
                    .iter()
                    .take(CONTENT_CANDIDATES)
                    .map(|&j| (j, scratch[j as usize].0, scratch[j as usize].1))
                    .collect();
                for &j in touched.iter() {
                    scratch[j as usize] = (0.0, 0);
                }
                touched.clear();
                candidates.sort_unstable_by_key(|c| c.0);
                for j in term_candidates(site, i) {
                    if candidates.binary_search_by_key(&(j as u32), |c| c.0).is_err() {
                        candidates.push((j as u32, 0.0, 0));
                    }
                }
                candidates.sort_unstable_by_key(|c| c.0);
                candidates.dedup_by_key(|c| c.0);
                let mut best = Best::default();
                for (j, cosine, shared) in candidates {
                    let score = score(site, &profiles, i, j as usize, cosine, shared, reasons);
                    best.offer(j as usize, score, reasons);
                }
                best.into_vec()
            },
        )
        .collect()
}

/// The best candidates so far, best first (a tie goes to the lower index), at most
/// `LIMIT`. A candidate's reasons are made into its `Related` only if it is kept: most
/// are not, and scoring each into its own list cost an allocation a candidate.
#[derive(Default)]
struct Best(Vec<Related>);

impl Best {
    /// Keeps `article` if it is among the best so far and has a reason a reader can be
    /// told, its reasons strongest first; empties `reasons` either way.
    fn offer(&mut self, article: usize, score: f32, reasons: &mut Vec<(f32, Reason)>) {
        let at = self
            .0
            .partition_point(|r| r.score.total_cmp(&score).then(article.cmp(&r.article)).is_gt());
        if at < LIMIT && !reasons.is_empty() {
            reasons.sort_by(|x, y| y.0.total_cmp(&x.0));
            let reasons = reasons.drain(..).map(|(_, reason)| reason).collect();
            self.0.insert(at, Related { article, score, reasons });
            self.0.truncate(LIMIT);
        }
        reasons.clear();
    }

    fn into_vec(self) -> Vec<Related> {
        let mut related = self.0;
        related.shrink_to_fit();
        related
    }
}

/// Articles next to this one in the lists of its locality, directives and themes.
fn term_candidates(site: &Site, i: usize) -> Vec<usize> {
    let article = &site.articles[i];
    let mut out = Vec::new();
    for dimension in [Dimension::Locality, Dimension::Directive, Dimension::Theme] {
        for &term in &article.terms[dimension as usize] {
            let list = &site.taxonomy(dimension).terms[term].articles;
            // Lists are newest first, so neighbours in the list are neighbours in time.
            let at = list.binary_search(&i).unwrap_or_else(|p| p);
            let from = at.saturating_sub(LIST_NEIGHBOURS);
            out.extend(
                list[from..(at + LIST_NEIGHBOURS + 1).min(list.len())].iter().filter(|&&j| j != i),
            );
        }
    }
    out
}

/// What scoring compares of every article, stored together. Candidates are scattered over
/// the site, and reaching each one's term lists and place names through its `Article`
/// cost cache misses that grew with the site (at 100,000 articles the shared terms alone
/// were 3 % of the build, against 1 % at 10,000).
struct Profiles {
    profiles: Vec<Profile>,
    /// Each article's directive term indices, then its theme term indices.
    terms: Vec<u32>,
}

/// One article's part of `Profiles`. Places are compared as localities are
/// (`vi::spelling_key`), by the number of their key.
struct Profile {
    start: u32,
    directives: u16,
    themes: u16,
    locality: u32,
    year: u16,
    ward: u32,
    district: Option<u32>,
    province: Option<u32>,
}

impl Profiles {
    fn of(site: &Site) -> Profiles {
        let key = |s: &Option<String>| s.as_deref().map(crate::vi::spelling_key);
        let keys: Vec<(String, Option<String>, Option<String>)> = site
            .articles
            .par_iter()
            .map(|a| {
                (
                    crate::vi::spelling_key(&a.front.ward),
                    key(&a.front.district),
                    key(&a.front.province),
                )
            })
            .collect();
        let mut numbers: FxHashMap<String, u32> = FxHashMap::default();
        let mut number = |key: String| {
            let next = numbers.len() as u32;
            *numbers.entry(key).or_insert(next)
        };
        let mut terms = Vec::new();
        let profiles = site
            .articles
            .iter()
            .zip(keys)
            .map(|(article, (ward, district, province))| {
                let start = terms.len() as u32;
                let directives = &article.terms[Dimension::Directive as usize];
                let themes = &article.terms[Dimension::Theme as usize];
                terms.extend(directives.iter().chain(themes).map(|&t| t as u32));
                Profile {
                    start,
                    directives: directives.len() as u16,
                    themes: themes.len() as u16,
                    locality: article.terms[Dimension::Locality as usize][0] as u32,
                    year: article.front.year,
                    ward: number(ward),
                    district: district.map(&mut number),
                    province: province.map(&mut number),
                }
            })
            .collect();
        Profiles { profiles, terms }
    }

    fn directives(&self, i: usize) -> &[u32] {
        let p = &self.profiles[i];
        &self.terms[p.start as usize..][..usize::from(p.directives)]
    }

    fn themes(&self, i: usize) -> &[u32] {
        let p = &self.profiles[i];
        &self.terms[p.start as usize + usize::from(p.directives)..][..usize::from(p.themes)]
    }
}

/// The terms of `a` that `b` has too, in `a`'s order.
fn shared<'t>(a: &'t [u32], b: &'t [u32]) -> impl Iterator<Item = usize> + 't {
    a.iter().filter(|t| b.contains(t)).map(|&t| t as usize)
}

fn same(a: Option<u32>, b: Option<u32>) -> bool {
    a.is_some() && a == b
}

/// One district: both name it, or one article is the district's own report (its ward
/// is the other's district: `Quận 10` and `Phường 12, Quận 10`).
fn same_district(site: &Site, profiles: &Profiles, i: usize, j: usize) -> Option<String> {
    let (pa, pb) = (&profiles.profiles[i], &profiles.profiles[j]);
    let province_agrees =
        pa.province.is_none() || pb.province.is_none() || pa.province == pb.province;
    if !province_agrees {
        return None;
    }
    let (a, b) = (&site.articles[i].front, &site.articles[j].front);
    if same(pa.district, pb.district) {
        a.district.clone()
    } else if pb.district == Some(pa.ward) {
        Some(a.ward.clone())
    } else if pa.district == Some(pb.ward) {
        Some(b.ward.clone())
    } else {
        None
    }
}

/// How well `j` reads after `i`; the reasons a reader can be told go into `reasons`
/// (empty on entry), weakest and strongest mixed.
fn score(
    site: &Site,
    profiles: &Profiles,
    i: usize,
    j: usize,
    cosine: f32,
    shared_terms: u16,
    reasons: &mut Vec<(f32, Reason)>,
) -> f32 {
    let (pa, pb) = (&profiles.profiles[i], &profiles.profiles[j]);
    let mut total = 0.0;
    for term in shared(profiles.directives(i), profiles.directives(j)) {
        reasons.push((W_DIRECTIVE, Reason::Directive(term)));
    }
    let locality = if pa.locality == pb.locality {
        Some((W_WARD, Reason::Ward(pa.locality as usize)))
    } else if let Some(district) = same_district(site, profiles, i, j) {
        Some((W_DISTRICT, Reason::District(district)))
    } else if same(pa.province, pb.province) {
        site.articles[i].front.province.clone().map(|p| (W_PROVINCE, Reason::Province(p)))
    } else {
        None
    };
    reasons.extend(locality);
    for (k, term) in shared(profiles.themes(i), profiles.themes(j)).enumerate() {
        // Each further shared theme adds less: one theme in common is the strong signal.
        reasons.push((W_THEME / (k as f32 + 1.0), Reason::Theme(term)));
    }
    if cosine >= CONTENT_REASON && shared_terms >= CONTENT_MIN_SHARED {
        reasons.push((W_CONTENT * cosine, Reason::Content));
    } else {
        total += W_CONTENT * cosine;
    }
    let years = f32::from(pa.year.abs_diff(pb.year));
    total += W_YEAR * (1.0 - years / 5.0).max(0.0);
    total + reasons.iter().map(|(w, _)| w).sum::<f32>()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A candidate as scoring hands it over: article, score, weighed reasons.
    type Offer = (usize, f32, Vec<(f32, Reason)>);

    /// Scores with many ties, reasons in mixed order, some candidates without any.
    fn offers(seed: u64, count: usize) -> Vec<Offer> {
        let mut state = seed;
        let mut next = |below: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % below
        };
        let mut articles: Vec<usize> = (0..count).collect();
        for k in (1..count).rev() {
            articles.swap(k, next(k as u64 + 1) as usize);
        }
        articles
            .into_iter()
            .map(|article| {
                let reasons = (0..next(4))
                    .map(|r| (next(5) as f32, Reason::Theme(article * 10 + r as usize)))
                    .collect();
                (article, next(8) as f32 / 2.0, reasons)
            })
            .collect()
    }

    #[test]
    fn the_best_kept_are_those_a_full_sort_would_keep() {
        for (seed, count) in (0..200).map(|seed| (seed, (seed % 23) as usize)) {
            let offers = offers(seed, count);
            let mut best = Best::default();
            let mut reasons = Vec::new();
            for (article, score, mut offered) in offers.clone() {
                reasons.append(&mut offered);
                best.offer(article, score, &mut reasons);
                assert!(reasons.is_empty());
            }
            let mut expected: Vec<Related> = offers
                .into_iter()
                .filter(|(_, _, reasons)| !reasons.is_empty())
                .map(|(article, score, mut reasons)| {
                    reasons.sort_by(|x, y| y.0.total_cmp(&x.0));
                    let reasons = reasons.into_iter().map(|(_, r)| r).collect();
                    Related { article, score, reasons }
                })
                .collect();
            expected.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)));
            expected.truncate(LIMIT);
            assert_eq!(best.into_vec(), expected, "seed {seed}, {count} candidates");
        }
    }
}
