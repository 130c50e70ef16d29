//! The search index stage: reads the assembled site and returns the files of
//! `search/`: `meta.js` (shard prefixes, facet names), `facets.js` (each facet term's
//! articles, read only once a reader filters), `idx-<n>.js` (term shards) and `doc-<n>.js`
//! (titles, URLs and excerpts of 8 articles each). Every
//! file is a script calling `window.sotaySearch.load(name, data)`, so the client loads
//! them with `<script src>`, which works over HTTP and from `file://` alike. Counting
//! every word anyway, it also hands related articles what it counted of the start of
//! each article (`related::Samples`).

mod count;
mod index;
mod intern;
mod pack;
mod text;
mod tokenize;

use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::model::{Article, Dimension, Site, Term};
use crate::related::Samples;
use count::{Counter, Counters};
use index::{DocTerms, Vocabulary};

/// Articles per `doc-<n>.js` file. The first results of a query are scattered over the
/// site, each costing its whole file: 20 results read up to 20 files, about 110 KB at 8
/// articles a file where 16 made 270 KB.
pub const DOCS_PER_CHUNK: usize = 8;

/// The folder of the index under the output root.
pub const DIR: &str = "search/";

/// Builds every file of the index (root-relative path and bytes), and hands over what
/// it counted of the start of each article for related articles.
pub fn build(site: &Site) -> (Vec<(String, Vec<u8>)>, Samples) {
    let vocabulary = Arc::new(Mutex::new(Vocabulary::default()));
    let counters = Counters::new(&vocabulary);
    // Chunks bound the memory of per-document terms at 100,000 articles.
    let count = || {
        let mut lists = index::Lists::default();
        let mut excerpts = Vec::with_capacity(site.articles.len());
        let mut samples = Vec::with_capacity(site.articles.len());
        for chunk in site.articles.chunks(512) {
            let read = counters.documents(site, chunk);
            lists.extend(&read.terms);
            excerpts.extend(read.excerpts);
            samples.extend(read.samples);
        }
        (lists, excerpts, samples)
    };
    // What does not depend on the text is made while the text is counted.
    let ((lists, excerpts, samples), ((meta, facets), heads)) =
        rayon::join(count, || rayon::join(|| meta(site), || heads(site)));
    let vocabulary = vocabulary.lock().unwrap_or_else(PoisonError::into_inner);
    let texts = Texts { heads: &heads, excerpts: &excerpts, meta: &meta, facets: &facets };
    (write(lists, &vocabulary, &texts), samples.into_iter().collect())
}

/// What `build` hands over for related articles, without the index (`check`).
pub fn samples(site: &Site) -> Samples {
    let vocabulary = Arc::new(Mutex::new(Vocabulary::default()));
    let counters = Counters::new(&vocabulary);
    counters.samples(&site.articles).into_iter().collect()
}

/// What the index reads of each article, in site order, kept by `serve` so an edit
/// re-reads one article only: its weighted terms, its snippet, and the parts of the
/// index that do not depend on the text (titles, paths, facets). Unlike `build`, it
/// holds every article's terms at once.
#[derive(Debug, Default)]
pub struct Documents {
    /// Numbers the words of every article, old and edited: the terms are kept by number.
    vocabulary: Arc<Mutex<Vocabulary>>,
    terms: Vec<Arc<DocTerms>>,
    excerpts: Vec<String>,
    heads: Arc<Vec<[String; 3]>>,
    /// `meta.js` without its shard list.
    meta: Arc<Value>,
    /// `facets.js`.
    facets: Arc<Value>,
}

impl Documents {
    /// The documents, and what was counted of the start of each for related articles.
    pub fn compute(site: &Site) -> (Documents, Samples) {
        let vocabulary = Arc::new(Mutex::new(Vocabulary::default()));
        let read = Counters::new(&vocabulary).documents(site, &site.articles);
        let (meta, facets) = meta(site);
        let documents = Documents {
            vocabulary,
            terms: read.terms.into_iter().map(Arc::new).collect(),
            excerpts: read.excerpts,
            heads: Arc::new(heads(site)),
            meta: Arc::new(meta),
            facets: Arc::new(facets),
        };
        (documents, read.samples.into_iter().collect())
    }

    /// Reads the body of the article at `index` again (its front matter is unchanged).
    /// Related articles wait for the next full build, so its sample goes unused.
    pub fn update(&mut self, site: &Site, index: usize) {
        let mut counter = Counter::new(Arc::clone(&self.vocabulary));
        let (terms, excerpt, _) = counter.document(site, &site.articles[index]);
        self.terms[index] = Arc::new(terms);
        self.excerpts[index] = excerpt;
    }

    /// What writing the index files needs, owned, so a thread can write them while
    /// `serve` goes on.
    pub fn job(&self) -> IndexJob {
        IndexJob {
            vocabulary: Arc::clone(&self.vocabulary),
            terms: self.terms.clone(),
            excerpts: self.excerpts.clone(),
            heads: Arc::clone(&self.heads),
            meta: Arc::clone(&self.meta),
            facets: Arc::clone(&self.facets),
        }
    }

    /// Every file of the index: root-relative path and bytes, as `build` writes them.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let vocabulary = self.vocabulary.lock().unwrap_or_else(PoisonError::into_inner);
        let Documents { terms, excerpts, heads, meta, facets, .. } = self;
        files(terms, &vocabulary, &Texts { heads, excerpts, meta, facets })
    }
}

/// The inputs of the index files, detached from the site.
pub struct IndexJob {
    vocabulary: Arc<Mutex<Vocabulary>>,
    terms: Vec<Arc<DocTerms>>,
    excerpts: Vec<String>,
    heads: Arc<Vec<[String; 3]>>,
    meta: Arc<Value>,
    facets: Arc<Value>,
}

impl IndexJob {
    /// Every file of the index: root-relative path and bytes.
    pub fn files(self) -> Vec<(String, Vec<u8>)> {
        // A copy, so that an edit numbering new words meanwhile does not wait for the write.
        let vocabulary = self.vocabulary.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let IndexJob { terms, excerpts, heads, meta, facets, .. } = &self;
        files(terms, &vocabulary, &Texts { heads, excerpts, meta, facets })
    }
}

/// The index files of documents kept whole (`serve`): their terms merged, then written.
fn files(
    terms: &[Arc<DocTerms>],
    vocabulary: &Vocabulary,
    texts: &Texts,
) -> Vec<(String, Vec<u8>)> {
    let mut lists = index::Lists::default();
    lists.extend(terms);
    write(lists, vocabulary, texts)
}

/// What the index files say besides the terms: each article's head and snippet, `meta`
/// (`meta.js` without its shard list) and `facets` (`facets.js`).
struct Texts<'a> {
    heads: &'a [[String; 3]],
    excerpts: &'a [String],
    meta: &'a Value,
    facets: &'a Value,
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
    let head = |a: &Article| [a.front.title.clone(), a.page(), meta_line(site, a)];
    site.articles.iter().map(head).collect()
}

/// The files of the index from every document's terms and the texts around them.
fn write(lists: index::Lists, vocabulary: &Vocabulary, texts: &Texts) -> Vec<(String, Vec<u8>)> {
    let Texts { heads, excerpts, meta, facets } = *texts;
    let postings = index::postings(lists, vocabulary);
    let shards = index::shard(postings, index::SHARD_BYTES);
    let (prefixes, shards): (Vec<String>, Vec<_>) = shards.into_iter().unzip();
    let mut files: Vec<(String, Vec<u8>)> = shards
        .into_par_iter()
        .enumerate()
        .map(|(n, entries)| {
            let object: serde_json::Map<String, Value> =
                entries.into_iter().map(|(k, v)| (k, Value::from(v))).collect();
            script(&format!("idx-{n}"), &Value::Object(object))
        })
        .collect();
    let rows: Vec<(&[String; 3], &String)> = heads.iter().zip(excerpts).collect();
    files.par_extend(rows.par_chunks(DOCS_PER_CHUNK).enumerate().map(|(n, chunk)| {
        let docs: Vec<Value> = chunk
            .iter()
            .map(|([title, path, line], excerpt)| json!([title, path, line, excerpt]))
            .collect();
        script(&format!("doc-{n}"), &Value::from(docs))
    }));
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
    // The provinces of the site's pages, so a filter and a province page group alike.
    let provinces = &site.provinces;
    let mut province_of = vec![None; site.taxonomy(Dimension::Locality).terms.len()];
    for (p, province) in provinces.iter().enumerate() {
        for &locality in &province.localities {
            province_of[locality] = Some(p);
        }
    }
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
        let province = a.terms[Dimension::Locality as usize].first().and_then(|&l| province_of[l]);
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
            pack::push_varint(&mut out, id - last);
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
    let province_terms = provinces.iter().map(|p| (p.name.clone(), p.slug.clone())).collect();
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
