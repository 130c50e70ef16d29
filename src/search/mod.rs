//! The search index stage: reads the assembled site and returns the files of
//! `search/`: `meta.js` (shard prefixes, facet names), `facets.js` (each facet term's
//! articles, read only once a reader filters), `idx-<n>.js` (term shards) and `doc-<n>.js`
//! (titles, URLs and excerpts of 8 articles each). Every
//! file is a script calling `window.sotaySearch.load(name, data)`, so the client loads
//! them with `<script src>`, which works over HTTP and from `file://` alike.

mod index;
mod intern;
mod text;
mod tokenize;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::{Value, json};

use crate::model::{Article, Dimension, Site, Term};
use crate::vi;
use index::DocTerms;
use intern::Interner;
use tokenize::{Token, each_token};

/// Articles per `doc-<n>.js` file. The first results of a query are scattered over the
/// site, each costing its whole file: 20 results read up to 20 files, about 110 KB at 8
/// articles a file where 16 made 270 KB.
pub const DOCS_PER_CHUNK: usize = 8;
/// Characters of body text kept per article for snippets: a snippet shows 220 of them
/// around the first match.
const EXCERPT_CHARS: usize = 360;

/// The folder of the index under the output root.
pub const DIR: &str = "search/";

/// Builds every file of the index: root-relative path and bytes.
pub fn build(site: &Site) -> Vec<(String, Vec<u8>)> {
    // Chunks bound the memory of per-document maps at 10,000 articles.
    let mut lists = index::Lists::default();
    let mut excerpts = Vec::with_capacity(site.articles.len());
    for chunk in site.articles.chunks(512) {
        let (terms, chunk_excerpts): (Vec<DocTerms>, Vec<String>) =
            chunk.par_iter().map_init(Counter::default, |c, a| document(c, site, a)).unzip();
        lists.extend(&terms);
        excerpts.extend(chunk_excerpts);
    }
    let (meta, facets) = meta(site);
    write(lists, &heads(site), &excerpts, &meta, &facets)
}

/// What the index reads of each article, in site order, kept by `serve` so an edit
/// re-reads one article only: its weighted terms, its snippet, and the parts of the
/// index that do not depend on the text (titles, paths, facets). Unlike `build`, it
/// holds every article's terms at once.
#[derive(Debug, Default)]
pub struct Documents {
    terms: Vec<Arc<DocTerms>>,
    excerpts: Vec<String>,
    heads: Arc<Vec<[String; 3]>>,
    /// `meta.js` without its shard list.
    meta: Arc<Value>,
    /// `facets.js`.
    facets: Arc<Value>,
}

impl Documents {
    pub fn compute(site: &Site) -> Documents {
        let docs: Vec<(DocTerms, String)> = site
            .articles
            .par_iter()
            .map_init(Counter::default, |c, a| document(c, site, a))
            .collect();
        let (terms, excerpts): (Vec<DocTerms>, Vec<String>) = docs.into_iter().unzip();
        let (meta, facets) = meta(site);
        Documents {
            terms: terms.into_iter().map(Arc::new).collect(),
            excerpts,
            heads: Arc::new(heads(site)),
            meta: Arc::new(meta),
            facets: Arc::new(facets),
        }
    }

    /// Reads the body of the article at `index` again (its front matter is unchanged).
    pub fn update(&mut self, site: &Site, index: usize) {
        let (terms, excerpt) = document(&mut Counter::default(), site, &site.articles[index]);
        self.terms[index] = Arc::new(terms);
        self.excerpts[index] = excerpt;
    }

    /// What writing the index files needs, owned, so a thread can write them while
    /// `serve` goes on.
    pub fn job(&self) -> IndexJob {
        IndexJob {
            terms: self.terms.clone(),
            excerpts: self.excerpts.clone(),
            heads: Arc::clone(&self.heads),
            meta: Arc::clone(&self.meta),
            facets: Arc::clone(&self.facets),
        }
    }

    /// Every file of the index: root-relative path and bytes, as `build` writes them.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        self.job().files()
    }
}

/// The inputs of the index files, detached from the site.
pub struct IndexJob {
    terms: Vec<Arc<DocTerms>>,
    excerpts: Vec<String>,
    heads: Arc<Vec<[String; 3]>>,
    meta: Arc<Value>,
    facets: Arc<Value>,
}

impl IndexJob {
    /// Every file of the index: root-relative path and bytes.
    pub fn files(self) -> Vec<(String, Vec<u8>)> {
        let mut lists = index::Lists::default();
        lists.extend(&self.terms);
        write(lists, &self.heads, &self.excerpts, &self.meta, &self.facets)
    }
}

/// True for the files `build` writes: `search/idx-<n>.js`, `search/doc-<n>.js`,
/// `search/meta.js` and `search/facets.js`.
pub fn is_index_file(rel: &str) -> bool {
    let Some(name) = rel.strip_prefix(DIR).and_then(|n| n.strip_suffix(".js")) else {
        return false;
    };
    let numbered = |prefix: &str| {
        name.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    name == "meta" || name == "facets" || numbered("idx-") || numbered("doc-")
}

/// Each article's title, page path and meta line, as the snippet files show them.
fn heads(site: &Site) -> Vec<[String; 3]> {
    let head =
        |a: &Article| [a.front.title.clone(), format!("{}index.html", a.dir), meta_line(site, a)];
    site.articles.iter().map(head).collect()
}

/// The files of the index from every document's terms, heads and snippets, `meta`
/// (`meta.js` without its shard list) and `facets` (`facets.js`).
fn write(
    lists: index::Lists,
    heads: &[[String; 3]],
    excerpts: &[String],
    meta: &Value,
    facets: &Value,
) -> Vec<(String, Vec<u8>)> {
    let postings = index::postings(lists);
    let shards = index::shard(postings, index::SHARD_BYTES);
    let mut files = Vec::new();
    let mut prefixes = Vec::with_capacity(shards.len());
    for (n, (prefix, entries)) in shards.into_iter().enumerate() {
        prefixes.push(prefix);
        let object: serde_json::Map<String, Value> =
            entries.into_iter().map(|(k, v)| (k, Value::from(v))).collect();
        files.push(script(&format!("idx-{n}"), &Value::Object(object)));
    }
    let rows: Vec<Value> = heads
        .iter()
        .zip(excerpts)
        .map(|([title, path, line], excerpt)| json!([title, path, line, excerpt]))
        .collect();
    for (n, chunk) in rows.chunks(DOCS_PER_CHUNK).enumerate() {
        files.push(script(&format!("doc-{n}"), &Value::from(chunk.to_vec())));
    }
    files.push(script("facets", facets));
    let mut meta = meta.clone();
    if let Value::Object(map) = &mut meta {
        // Shard n is the n-th prefix; no prefix holds a '|'.
        map.insert("shards".into(), Value::from(prefixes.join("|")));
    }
    files.push(script("meta", &meta));
    files
}

/// `search/<name>.js` registering `data` under `name`.
fn script(name: &str, data: &Value) -> (String, Vec<u8>) {
    let body = format!("window.sotaySearch.load({:?},{});\n", name, data);
    (format!("{DIR}{name}.js"), body.into_bytes())
}

/// "Phường 12 (Quận 10) · 2000 · Chỉ thị 05-CT/TW"
fn meta_line(site: &Site, article: &Article) -> String {
    let term = |d: Dimension, i: usize| &site.taxonomy(d).terms[i];
    let mut parts = Vec::new();
    for &i in &article.terms[Dimension::Locality as usize] {
        parts.push(full_name(term(Dimension::Locality, i)));
    }
    parts.push(article.front.year.to_string());
    for &i in &article.terms[Dimension::Directive as usize] {
        parts.push(term(Dimension::Directive, i).name.clone());
    }
    parts.join(" · ")
}

/// A term's name with what tells it from same-named ones: "Phường 12, Quận 10, Thành phố
/// Hồ Chí Minh".
fn full_name(term: &Term) -> String {
    match &term.detail {
        Some(detail) => format!("{}, {detail}", term.name),
        None => term.name.clone(),
    }
}

/// `meta.js` without its shard list, with the facets (`van-ban`, `dia-ban`, `tinh`,
/// `nam`, `chu-de`: lists of `[slug, name]`, `null` for `dia-ban`), and `facets.js`:
/// `terms` (the names of `dia-ban`) and `articles` (for each facet, each term's articles
/// in site order, newest first). A query needs none of facets.js: it waits until a
/// reader filters or turns to the filters.
fn meta(site: &Site) -> (Value, Value) {
    let mut provinces: Vec<&str> =
        site.articles.iter().filter_map(|a| a.front.province.as_deref()).collect();
    provinces.sort_by(|a, b| vi::compare(a, b));
    provinces.dedup();
    let province_index: HashMap<&str, usize> =
        provinces.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    // Each term's articles as packed gaps (the posting alphabet, no scores): about 1.5
    // bytes an article and term, a third of a per-article list of term numbers.
    let mut members: [Vec<Vec<u32>>; 5] = [
        vec![Vec::new(); site.taxonomy(Dimension::Directive).terms.len()],
        vec![Vec::new(); site.taxonomy(Dimension::Locality).terms.len()],
        vec![Vec::new(); provinces.len()],
        vec![Vec::new(); site.taxonomy(Dimension::Year).terms.len()],
        vec![Vec::new(); site.taxonomy(Dimension::Theme).terms.len()],
    ];
    for (id, a) in site.articles.iter().enumerate() {
        let province = a.front.province.as_deref().and_then(|p| province_index.get(p).copied());
        let lists: [&[usize]; 5] = [
            &a.terms[Dimension::Directive as usize],
            &a.terms[Dimension::Locality as usize],
            province.as_slice(),
            &a.terms[Dimension::Year as usize],
            &a.terms[Dimension::Theme as usize],
        ];
        for (facet, terms) in lists.iter().enumerate() {
            for &t in *terms {
                members[facet][t].push(id as u32);
            }
        }
    }
    let packed = |ids: &[u32]| {
        let mut out = String::new();
        let mut last = 0;
        for &id in ids {
            index::push_varint(&mut out, id - last);
            last = id;
        }
        out
    };
    let terms = |names: Vec<(String, String)>| -> Value {
        names.into_iter().map(|(name, slug)| json!([slug, name])).collect()
    };
    let named = |d: Dimension| -> Vec<(String, String)> {
        site.taxonomy(d).terms.iter().map(|t| (t.name.clone(), t.slug.clone())).collect()
    };
    // The locality list names each one in full: a site has many a "Phường 12".
    let localities =
        site.taxonomy(Dimension::Locality).terms.iter().map(|t| (full_name(t), t.slug.clone()));
    let province_terms = provinces.iter().map(|p| (p.to_string(), vi::slugify(p))).collect();
    // Localities grow with the site (5,000 names at 100,000 articles): their names wait in
    // facets.js with the articles, `null` here. The other facets are short lists.
    let meta = json!({
        "version": 1,
        "docCount": site.articles.len(),
        "docsPerChunk": DOCS_PER_CHUNK,
        "maxPrefix": index::MAX_PREFIX,
        "facets": [
            ["van-ban", terms(named(Dimension::Directive))],
            ["dia-ban", null],
            ["tinh", terms(province_terms)],
            ["nam", terms(named(Dimension::Year))],
            ["chu-de", terms(named(Dimension::Theme))],
        ],
    });
    let articles: Vec<Vec<String>> =
        members.iter().map(|terms| terms.iter().map(|ids| packed(ids)).collect()).collect();
    let facets = json!({
        "terms": { "dia-ban": terms(localities.collect()) },
        "articles": articles,
    });
    (meta, facets)
}

/// One article's weighted terms and its snippet text.
fn document(counter: &mut Counter, site: &Site, article: &Article) -> (DocTerms, String) {
    counter.add(&article.front.title, index::TITLE_WEIGHT);
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
    for facet in facets {
        counter.add(facet, index::FACET_WEIGHT);
    }
    let blocks = text::blocks(&article.rendered.html);
    let before = counter.words;
    for block in &blocks {
        counter.add(block, index::BODY_WEIGHT);
    }
    let length = counter.words - before;
    (counter.finish(length), excerpt(&blocks))
}

/// Counts one document's words, exact spellings, syllable pairs and codes. Each distinct
/// spelling is looked up by its exact form and folded once; pairs are counted by the
/// numbers of their folded words. Kept from one document to the next for its memory.
#[derive(Default)]
struct Counter {
    /// Exact spellings, numbered as `exact`.
    spellings: Interner,
    exact: Vec<Exact>,
    /// Folded words and codes, numbered as `weights`.
    folded: Interner,
    weights: Vec<u32>,
    /// Folded numbers of two joined words, the first in the high half → Σ weight.
    pairs: FxHashMap<u64, u32>,
    fold_buffer: String,
    words: u32,
}

/// A distinct exact spelling: its folded number, its Σ weight and whether it differs from
/// its fold (only then does it get an `=exact` key).
struct Exact {
    folded: u32,
    weight: u32,
    differs: bool,
}

impl Counter {
    fn add(&mut self, text: &str, weight: u32) {
        let mut previous = None;
        each_token(text, |token| match token {
            Token::Word { exact, joined } => {
                self.words += 1;
                let id = self.word(exact, weight);
                if let (true, Some(before)) = (joined, previous) {
                    *self.pairs.entry(u64::from(before) << 32 | u64::from(id)).or_default() +=
                        weight;
                }
                previous = Some(id);
            }
            Token::Code(code) => {
                let id = self.fold_id(code);
                self.weights[id as usize] += weight;
            }
        });
    }

    /// Counts one word; returns its folded number.
    fn word(&mut self, exact: &str, weight: u32) -> u32 {
        let (at, new) = self.spellings.intern(exact);
        if new {
            let (folded, differs) = if exact.is_ascii() {
                // The text is lowercase already: an ASCII word is its own fold.
                (self.fold_id(exact), false)
            } else {
                let mut buffer = std::mem::take(&mut self.fold_buffer);
                vi::fold_into(exact, &mut buffer);
                let folded = (self.fold_id(&buffer), buffer != exact);
                self.fold_buffer = buffer;
                folded
            };
            self.exact.push(Exact { folded, weight: 0, differs });
        }
        let entry = &mut self.exact[at as usize];
        entry.weight += weight;
        self.weights[entry.folded as usize] += weight;
        entry.folded
    }

    fn fold_id(&mut self, key: &str) -> u32 {
        let (id, new) = self.folded.intern(key);
        if new {
            self.weights.push(0);
        }
        id
    }

    /// The document's keys (folded words and codes, `=exact` spellings, `pair words`);
    /// the counter is empty again after.
    fn finish(&mut self, length: u32) -> DocTerms {
        let mut doc = DocTerms::new(length);
        for (&key, &weight) in &self.pairs {
            let (first, second) = ((key >> 32) as u32, key as u32);
            doc.push(&[self.folded.get(first), " ", self.folded.get(second)], weight);
        }
        for (at, entry) in self.exact.iter().enumerate() {
            if entry.differs {
                doc.push(&["=", self.spellings.get(at as u32)], entry.weight);
            }
        }
        for (id, &weight) in self.weights.iter().enumerate() {
            doc.push(&[self.folded.get(id as u32)], weight);
        }
        self.spellings.clear();
        self.exact.clear();
        self.folded.clear();
        self.weights.clear();
        self.pairs.clear();
        self.words = 0;
        doc.seal()
    }
}

/// The first blocks of the body, cut at a word boundary near `EXCERPT_CHARS`.
fn excerpt(blocks: &[String]) -> String {
    let mut out = String::new();
    for block in blocks {
        if out.chars().count() >= EXCERPT_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(block);
    }
    if let Some((cut, _)) = out.char_indices().nth(EXCERPT_CHARS) {
        let at = out[..cut].rfind(' ').unwrap_or(cut);
        out.truncate(at);
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_files_are_told_from_other_files_of_the_folder() {
        for rel in ["search/meta.js", "search/facets.js", "search/idx-0.js", "search/doc-12.js"] {
            assert!(is_index_file(rel), "{rel}");
        }
        for rel in ["search/idx-.js", "search/idx-1a.js", "search/anh.jpg", "meta.js", "search.js"]
        {
            assert!(!is_index_file(rel), "{rel}");
        }
    }
}
