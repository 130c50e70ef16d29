//! Related articles: for each article, up to five others worth reading next, each with
//! the reasons in words. The score adds shared directives, themes and locality, closeness
//! in years and body-text similarity (TF-IDF cosine over folded syllables and syllable
//! pairs). Candidates come only through shared terms, so the work grows with the number
//! of articles, not its square.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::model::{Article, Dimension, Site};

/// How many related articles an article shows.
pub const LIMIT: usize = 5;
/// Terms kept per article vector: the most distinctive ones carry the similarity.
const VECTOR_TERMS: usize = 24;
/// Neighbours by date taken from a shared directive's or theme's list.
const LIST_NEIGHBOURS: usize = 6;

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
    pub fn compute(site: &Site) -> CrossLinks {
        CrossLinks { related: compute(site), backlinks: crate::links::backlinks(site) }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub article: usize,
    pub score: f32,
    pub reasons: Vec<Reason>,
}

fn hash(parts: &[&str]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut hasher);
    hasher.finish()
}

/// Term frequencies of folded syllables and syllable pairs of an article's title and body.
fn term_counts(article: &Article) -> HashMap<u64, u32> {
    let text = crate::vi::fold(&format!("{}\n{}", article.front.title, article.body()));
    let mut counts: HashMap<u64, u32> = HashMap::new();
    let mut previous: Option<&str> = None;
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        *counts.entry(hash(&[word])).or_default() += 1;
        if let Some(previous) = previous {
            *counts.entry(hash(&[previous, word])).or_default() += 1;
        }
        previous = Some(word);
    }
    counts
}

/// Each article's strongest TF-IDF terms, L2-normalised.
fn vectors(site: &Site) -> Vec<Vec<(u64, f32)>> {
    let counts: Vec<HashMap<u64, u32>> = site.articles.par_iter().map(term_counts).collect();
    let df = counts
        .par_iter()
        .fold(HashMap::<u64, u32>::new, |mut df, article| {
            for term in article.keys() {
                *df.entry(*term).or_default() += 1;
            }
            df
        })
        .reduce(HashMap::new, |a, b| if a.len() < b.len() { merge(b, a) } else { merge(a, b) });
    let n = site.articles.len() as f32;
    counts
        .into_par_iter()
        .map(|terms| {
            let mut weighted: Vec<(u64, f32)> = terms
                .into_iter()
                .filter_map(|(term, tf)| {
                    let df = *df.get(&term)? as f32;
                    // A term in one article links nothing; one in nearly all says nothing.
                    (df > 1.0 && df < n * 0.5)
                        .then(|| (term, (1.0 + (tf as f32).ln()) * (n / df).ln()))
                })
                .collect();
            weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            weighted.truncate(VECTOR_TERMS);
            let norm = weighted.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(f32::EPSILON);
            weighted.iter_mut().for_each(|(_, w)| *w /= norm);
            weighted
        })
        .collect()
}

fn merge(mut a: HashMap<u64, u32>, b: HashMap<u64, u32>) -> HashMap<u64, u32> {
    for (k, v) in b {
        *a.entry(k).or_default() += v;
    }
    a
}

/// Related articles for every article, best first.
pub fn compute(site: &Site) -> Vec<Vec<Related>> {
    let vectors = vectors(site);
    // Inverted lists over the kept terms give cosine similarities by accumulation.
    let mut postings: HashMap<u64, Vec<(u32, f32)>> = HashMap::new();
    for (i, vector) in vectors.iter().enumerate() {
        for &(term, weight) in vector {
            postings.entry(term).or_default().push((i as u32, weight));
        }
    }
    let cap = 50 + site.articles.len() / 50;
    (0..site.articles.len())
        .into_par_iter()
        .map(|i| {
            // Cosine so far and how many kept terms the two articles share.
            let mut similarity: HashMap<u32, (f32, u16)> = HashMap::new();
            for &(term, weight) in &vectors[i] {
                let Some(list) = postings.get(&term) else { continue };
                if list.len() > cap {
                    continue;
                }
                for &(j, w) in list {
                    if j as usize != i {
                        let entry = similarity.entry(j).or_default();
                        entry.0 += weight * w;
                        entry.1 += 1;
                    }
                }
            }
            for j in term_candidates(site, i) {
                similarity.entry(j as u32).or_default();
            }
            let mut related: Vec<Related> = similarity
                .into_iter()
                .map(|(j, (cosine, shared))| score(site, i, j as usize, cosine, shared))
                // Shown only with a reason a reader can be told.
                .filter(|r| !r.reasons.is_empty())
                .collect();
            related.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)));
            related.truncate(LIMIT);
            related
        })
        .collect()
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

fn shared(a: &Article, b: &Article, dimension: Dimension) -> Vec<usize> {
    let d = dimension as usize;
    a.terms[d].iter().filter(|t| b.terms[d].contains(t)).copied().collect()
}

fn same(a: &Option<String>, b: &Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) if crate::vi::fold(a) == crate::vi::fold(b) => Some(a.clone()),
        _ => None,
    }
}

/// One district: both name it, or one article is the district's own report (its ward
/// is the other's district: `Quận 10` and `Phường 12, Quận 10`).
fn same_district(a: &Article, b: &Article) -> Option<String> {
    let province_agrees = a.front.province.is_none()
        || b.front.province.is_none()
        || same(&a.front.province, &b.front.province).is_some();
    let ward = |x: &Article| Some(x.front.ward.clone());
    same(&a.front.district, &b.front.district)
        .or_else(|| same(&ward(a), &b.front.district))
        .or_else(|| same(&a.front.district, &ward(b)))
        .filter(|_| province_agrees)
}

fn score(site: &Site, i: usize, j: usize, cosine: f32, shared_terms: u16) -> Related {
    let (a, b) = (&site.articles[i], &site.articles[j]);
    let mut total = 0.0;
    let mut reasons: Vec<(f32, Reason)> = Vec::new();
    for term in shared(a, b, Dimension::Directive) {
        reasons.push((W_DIRECTIVE, Reason::Directive(term)));
    }
    let locality = if a.terms[Dimension::Locality as usize] == b.terms[Dimension::Locality as usize]
    {
        Some((W_WARD, Reason::Ward(a.terms[Dimension::Locality as usize][0])))
    } else if let Some(district) = same_district(a, b) {
        Some((W_DISTRICT, Reason::District(district)))
    } else {
        same(&a.front.province, &b.front.province).map(|p| (W_PROVINCE, Reason::Province(p)))
    };
    reasons.extend(locality);
    let themes = shared(a, b, Dimension::Theme);
    for (k, term) in themes.into_iter().enumerate() {
        // Each further shared theme adds less: one theme in common is the strong signal.
        reasons.push((W_THEME / (k as f32 + 1.0), Reason::Theme(term)));
    }
    if cosine >= CONTENT_REASON && shared_terms >= CONTENT_MIN_SHARED {
        reasons.push((W_CONTENT * cosine, Reason::Content));
    } else {
        total += W_CONTENT * cosine;
    }
    let years = f32::from(a.front.year.abs_diff(b.front.year));
    total += W_YEAR * (1.0 - years / 5.0).max(0.0);
    total += reasons.iter().map(|(w, _)| w).sum::<f32>();
    // Reasons read strongest first.
    reasons.sort_by(|x, y| y.0.total_cmp(&x.0));
    Related { article: j, score: total, reasons: reasons.into_iter().map(|(_, r)| r).collect() }
}
