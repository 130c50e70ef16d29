//! Provinces: the localities grouped under the province they name. A province has no
//! term of its own; its page (`tinh-thanh/<slug>/`), its heading in the locality index
//! and its search filter all come from this one grouping.

use std::collections::HashMap;

use crate::model::{PROVINCE_SEGMENT, Taxonomy, Term, share_slugs};
use crate::vi;

/// A province: the localities grouped under it and all their articles.
#[derive(Debug)]
pub struct Province {
    pub name: String,
    pub slug: String,
    pub localities: Vec<usize>,
    /// Article indices, newest first.
    pub articles: Vec<usize>,
}

impl Province {
    pub fn dir(&self) -> String {
        format!("{PROVINCE_SEGMENT}/{}/", self.slug)
    }

    /// The province's page, relative to the site root.
    pub fn page(&self) -> String {
        format!("{}index.html", self.dir())
    }
}

/// Gives every locality of one province the same group name, and the same spelling of it
/// in its detail ("Phường 1, Hà Nội"). Spellings of a province are one when
/// `vi::spelling_key` says so, as for localities ("Hà Nội" and "Hà nội", "Hòa Bình" and
/// "Hoà Bình"); the name is the spelling most articles use, the first in Vietnamese
/// order among equals.
pub fn unify_spellings(localities: &mut [Term]) {
    let keys: Vec<Option<String>> =
        localities.iter().map(|term| term.group.as_deref().map(vi::spelling_key)).collect();
    let mut spellings: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for (term, key) in localities.iter().zip(&keys) {
        if let (Some(name), Some(key)) = (term.group.as_deref(), key) {
            *spellings.entry(key).or_default().entry(name).or_default() += term.articles.len();
        }
    }
    let chosen: HashMap<&str, String> = spellings
        .into_iter()
        .map(|(key, counts)| {
            let name = counts
                .into_iter()
                .min_by(|(a, na), (b, nb)| nb.cmp(na).then_with(|| vi::compare(a, b)))
                .map(|(name, _)| name.to_string())
                .unwrap_or_default();
            (key, name)
        })
        .collect();
    for (term, key) in localities.iter_mut().zip(&keys) {
        let (Some(group), Some(key)) = (&mut term.group, key) else { continue };
        let Some(name) = chosen.get(key.as_str()) else { continue };
        if group != name {
            // The detail ends with the province as the locality's first article wrote it.
            if let Some(detail) = &mut term.detail {
                if let Some(head) = detail.strip_suffix(group.as_str()) {
                    *detail = format!("{head}{name}");
                }
            }
            group.clone_from(name);
        }
    }
}

/// Provinces in the order the locality index lists them (Vietnamese alphabetical), each
/// with its own slug: provinces whose names give one slug share it out as terms do.
pub fn provinces(localities: &Taxonomy) -> Vec<Province> {
    let mut out: Vec<Province> = Vec::new();
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (index, term) in localities.terms.iter().enumerate() {
        let Some(name) = &term.group else { continue };
        let at = *by_name.entry(name).or_insert_with(|| {
            out.push(Province {
                name: name.clone(),
                slug: vi::slugify(name),
                localities: Vec::new(),
                articles: Vec::new(),
            });
            out.len() - 1
        });
        out[at].localities.push(index);
        out[at].articles.extend(&term.articles);
    }
    for p in &mut out {
        p.articles.sort_unstable();
        p.articles.dedup();
    }
    out.sort_by_cached_key(|p| vi::sort_key(&p.name));
    let slugs: Vec<(String, usize)> =
        out.iter().map(|p| (p.slug.clone(), p.articles.len())).collect();
    for (p, slug) in out.iter_mut().zip(share_slugs(&slugs)) {
        p.slug = slug;
    }
    out
}
