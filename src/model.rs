//! The site as data: articles with their output folders, newest first, and the four
//! taxonomies readers browse by (directive, locality, year, theme).

mod checks;

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diagnostic::{Diagnostic, Pos};
use crate::front_matter::FrontMatter;
use crate::i18n::Lang;
use crate::load::Source;
use crate::markdown::Rendered;
use crate::province::Province;
use crate::terms::{self, Identity};
use crate::vi;

#[derive(Debug)]
pub struct Article {
    pub source: Source,
    pub body_offset: usize,
    pub front: FrontMatter,
    /// Output folder relative to the site root, ending in `/`: `quan-10/phuong-12/`.
    pub dir: String,
    /// Term indices into each taxonomy, by `Dimension as usize`.
    pub terms: [Vec<usize>; 4],
    pub rendered: Rendered,
    /// The front matter's summary, else the first paragraph.
    pub summary: String,
    /// Articles this one links to, by index, without repeats.
    pub links_to: Vec<usize>,
}

impl Article {
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }

    /// The article's page, relative to the site root: `quan-10/phuong-12/index.html`.
    pub fn page(&self) -> String {
        format!("{}index.html", self.dir)
    }

    /// Frees the Markdown source once nothing reads it any more (a build past Markdown:
    /// index, related articles and pages read the rendered HTML); `body` is empty after.
    pub fn release_source(&mut self) {
        self.source.text = String::new();
        self.body_offset = 0;
    }

    /// Sorts newest first: by year, then date (undated last within a year), then title in
    /// Vietnamese order, then source path. A title's collation key is made once, not at
    /// every comparison.
    fn newest_first(&self) -> impl Ord + use<> {
        let front = &self.front;
        (
            Reverse(front.year),
            Reverse(front.date),
            vi::sort_key(&front.title),
            self.source.rel.clone(),
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Directive = 0,
    Locality = 1,
    Year = 2,
    Theme = 3,
}

impl Dimension {
    pub const ALL: [Dimension; 4] =
        [Dimension::Directive, Dimension::Locality, Dimension::Year, Dimension::Theme];

    /// The front matter word for the dimension, used as the key in templates.
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Directive => "directive",
            Dimension::Locality => "locality",
            Dimension::Year => "year",
            Dimension::Theme => "theme",
        }
    }

    /// The URL folder of the dimension: Vietnamese, like the rest of the URLs.
    pub fn segment(self) -> &'static str {
        match self {
            Dimension::Directive => "van-ban",
            Dimension::Locality => "dia-ban",
            Dimension::Year => "nam",
            Dimension::Theme => "chu-de",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Term {
    pub key: String,
    pub name: String,
    pub slug: String,
    /// What tells two same-named localities apart: "Quận 10, Thành phố Hồ Chí Minh".
    pub detail: Option<String>,
    /// The heading the term is listed under in its index (a locality's province).
    pub group: Option<String>,
    /// Article indices, newest first.
    pub articles: Vec<usize>,
}

#[derive(Debug)]
pub struct Taxonomy {
    pub dimension: Dimension,
    pub terms: Vec<Term>,
}

impl Taxonomy {
    /// Root-relative folder of a term's listing: `van-ban/chi-thi-05-ct-tw/`.
    pub fn term_dir(&self, term: usize) -> String {
        format!("{}/{}/", self.dimension.segment(), self.terms[term].slug)
    }

    /// Root-relative first page of a term's listing: `van-ban/chi-thi-05-ct-tw/index.html`.
    pub fn term_page(&self, term: usize) -> String {
        format!("{}index.html", self.term_dir(term))
    }
}

#[derive(Debug)]
pub struct Site {
    pub articles: Vec<Article>,
    pub taxonomies: [Taxonomy; 4],
    /// The localities grouped by province, for the province pages and filters.
    pub provinces: Vec<Province>,
}

impl Site {
    pub fn taxonomy(&self, dimension: Dimension) -> &Taxonomy {
        &self.taxonomies[dimension as usize]
    }
}

/// An article whose front matter is valid, before the site is assembled.
pub struct Parsed {
    pub source: Source,
    pub front: FrontMatter,
    pub body_offset: usize,
}

/// Orders the articles, gives each its output folder and files them under their terms.
/// Reports articles whose output folders collide or take a folder the site needs.
pub fn assemble(parsed: Vec<Parsed>, lang: Lang) -> (Site, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut articles: Vec<Article> = Vec::with_capacity(parsed.len());
    let dirs: Vec<Option<String>> =
        parsed.par_iter().map(|p| output_dir(&p.source.rel, &p.front)).collect();
    for (p, dir) in parsed.into_iter().zip(dirs) {
        match dir {
            Some(dir) => articles.push(Article {
                dir,
                source: p.source,
                body_offset: p.body_offset,
                front: p.front,
                terms: Default::default(),
                rendered: Rendered::default(),
                summary: String::new(),
                links_to: Vec::new(),
            }),
            None => diagnostics.push(
                Diagnostic::error(
                    &p.source.path,
                    Pos::START,
                    lang.pick(
                        "tên tệp không có chữ hay số nào để làm đường dẫn",
                        "the file name has no letters or digits to make a URL from",
                    ),
                )
                .with_hint(lang.pick(
                    "đổi tên tệp, hoặc thêm `slug: ten-bai-viet` vào phần đầu",
                    "rename the file, or add `slug: article-name` to the front matter",
                )),
            ),
        }
    }
    articles.par_sort_by_cached_key(Article::newest_first);
    // The checks and the dimensions read the articles only: made side by side (the
    // checks alone took a core for 66 ms at 100,000 articles).
    let (found, built): (Vec<Diagnostic>, Vec<_>) = rayon::join(
        || {
            let mut found = checks::check_output_dirs(&articles, lang);
            found.extend(checks::check_code_less_directives(&articles, lang));
            found.extend(checks::check_unmarked_names(&articles, lang));
            found
        },
        || Dimension::ALL.par_iter().map(|&d| build_taxonomy(d, &articles)).collect(),
    );
    diagnostics.extend(found);
    let mut built = built.into_iter();
    let taxonomies = Dimension::ALL.map(|dimension| {
        let (taxonomy, per_article) = built.next().expect("one taxonomy per dimension");
        for (article, terms) in articles.iter_mut().zip(per_article) {
            article.terms[dimension as usize] = terms;
        }
        taxonomy
    });
    let provinces = crate::province::provinces(&taxonomies[Dimension::Locality as usize]);
    (Site { articles, taxonomies, provinces }, diagnostics)
}

/// `a/B c/bài 1.md` → `a/b-c/bai-1/`; `index.md` stands for its folder.
fn output_dir(rel: &str, front: &FrontMatter) -> Option<String> {
    let mut segments: Vec<String> = rel.split('/').map(vi::slugify).collect();
    let stem = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".md");
    let last = match &front.slug {
        Some(slug) => slug.clone(),
        None if stem == "index" || stem == "_index" => String::new(),
        None => vi::slugify(stem),
    };
    segments.pop();
    if segments.iter().any(String::is_empty) || (last.is_empty() && front.slug.is_some()) {
        return None;
    }
    if !last.is_empty() {
        segments.push(last);
    } else if front.slug.is_none()
        && vi::slugify(stem).is_empty()
        && stem != "index"
        && stem != "_index"
    {
        return None;
    }
    Some(segments.iter().map(|s| format!("{s}/")).collect())
}

/// Top-level folders of pages sotay makes besides the four dimensions: province pages,
/// the search page and its index.
pub const RESERVED: &[&str] = &[PROVINCE_SEGMENT, "tim-kiem", "search"];

/// The folder of province pages: `tinh-thanh/nghe-an/`.
pub const PROVINCE_SEGMENT: &str = "tinh-thanh";

/// A term as an article writes it: a directive's or theme's name, a locality's three
/// parts, a year.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Written<'a> {
    Name(&'a str),
    Place(&'a str, Option<&'a str>, Option<&'a str>),
    Year(u16),
}

/// The terms an article writes in one dimension.
fn written(dimension: Dimension, front: &FrontMatter) -> Vec<Written<'_>> {
    match dimension {
        Dimension::Directive => front.directive.iter().map(|d| Written::Name(d)).collect(),
        Dimension::Theme => front.theme.iter().map(|t| Written::Name(t)).collect(),
        Dimension::Year => vec![Written::Year(front.year)],
        Dimension::Locality => {
            vec![Written::Place(&front.ward, front.district.as_deref(), front.province.as_deref())]
        }
    }
}

/// The identity of a written term.
fn identity(dimension: Dimension, written: Written) -> Identity {
    match written {
        Written::Name(name) if dimension == Dimension::Directive => terms::directive(name),
        Written::Name(name) => terms::theme(name),
        Written::Place(ward, district, province) => terms::locality(ward, district, province),
        Written::Year(year) => Identity { key: year.to_string(), name: year.to_string() },
    }
}

/// Files the articles (already newest first) under the terms of one dimension and sorts
/// the terms for reading. Returns the taxonomy and each article's term indices.
fn build_taxonomy(dimension: Dimension, articles: &[Article]) -> (Taxonomy, Vec<Vec<usize>>) {
    struct Draft<'a> {
        key: String,
        names: HashMap<String, usize>,
        articles: Vec<usize>,
        front: &'a FrontMatter,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut per_article: Vec<Vec<usize>> = Vec::with_capacity(articles.len());
    // Articles repeat a few hundred spellings: each is normalised once.
    let mut known: FxHashMap<Written, Identity> = FxHashMap::default();
    for (index, article) in articles.iter().enumerate() {
        let mut mine = Vec::new();
        for spelling in written(dimension, &article.front) {
            let identity =
                known.entry(spelling).or_insert_with(|| identity(dimension, spelling)).clone();
            let draft = *by_key.entry(identity.key.clone()).or_insert_with(|| {
                drafts.push(Draft {
                    key: identity.key.clone(),
                    names: HashMap::new(),
                    articles: Vec::new(),
                    front: &article.front,
                });
                drafts.len() - 1
            });
            if !mine.contains(&draft) {
                *drafts[draft].names.entry(identity.name).or_default() += 1;
                drafts[draft].articles.push(index);
                mine.push(draft);
            }
        }
        per_article.push(mine);
    }
    let terms: Vec<Term> = drafts
        .into_iter()
        .map(|draft| {
            // The name most articles give; ties go to the first in Vietnamese order.
            let name = draft
                .names
                .into_iter()
                .min_by(|(a, na), (b, nb)| nb.cmp(na).then_with(|| vi::compare(a, b)))
                .map(|(name, _)| name)
                .unwrap_or_default();
            let (detail, group) = match dimension {
                Dimension::Locality => {
                    let parts: Vec<&str> =
                        [draft.front.district.as_deref(), draft.front.province.as_deref()]
                            .into_iter()
                            .flatten()
                            .collect();
                    ((!parts.is_empty()).then(|| parts.join(", ")), draft.front.province.clone())
                }
                _ => (None, None),
            };
            let slug_source = match &detail {
                Some(detail) => format!("{name} {detail}"),
                None => name.clone(),
            };
            let slug = vi::slugify(&slug_source);
            Term { key: draft.key, name, slug, detail, group, articles: draft.articles }
        })
        .collect();
    let mut terms = terms;
    if dimension == Dimension::Locality {
        crate::province::unify_spellings(&mut terms);
    }
    let mut indexed: Vec<(usize, Term)> = terms.into_iter().enumerate().collect();
    indexed.sort_by_cached_key(|(_, term)| term_order(dimension, term));
    let mut new_index = vec![0; indexed.len()];
    for (new, (old, _)) in indexed.iter().enumerate() {
        new_index[*old] = new;
    }
    let mut sorted: Vec<Term> = indexed.into_iter().map(|(_, term)| term).collect();
    dedupe_slugs(&mut sorted);
    for mine in &mut per_article {
        for term in mine.iter_mut() {
            *term = new_index[*term];
        }
    }
    (Taxonomy { dimension, terms: sorted }, per_article)
}

/// How a dimension's terms sort: years newest first; localities by province, name and
/// detail in Vietnamese order; other terms by name; the key breaks ties. Made once per
/// term, not at every comparison.
fn term_order(dimension: Dimension, term: &Term) -> impl Ord + use<> {
    let text = |s: Option<&str>| vi::sort_key(s.unwrap_or_default());
    let (year, names) = match dimension {
        Dimension::Year => (Some(Reverse(term.name.clone())), Vec::new()),
        Dimension::Locality => (
            None,
            vec![text(term.group.as_deref()), text(Some(&term.name)), text(term.detail.as_deref())],
        ),
        _ => (None, vec![text(Some(&term.name))]),
    };
    // Localities without a province come after every province.
    let unplaced = dimension == Dimension::Locality && term.group.is_none();
    (year, unplaced, names, term.key.clone())
}

/// Terms whose names fold to the same slug (or to none) share it out: see `share_slugs`.
fn dedupe_slugs(terms: &mut [Term]) {
    let slugs: Vec<(String, usize)> =
        terms.iter().map(|t| (t.slug.clone(), t.articles.len())).collect();
    for (term, slug) in terms.iter_mut().zip(share_slugs(&slugs)) {
        term.slug = slug;
    }
}

/// The slugs of a list of pages whose names may fold to the same slug (or to none),
/// given each page's slug and article count in list order: the page with the most
/// articles keeps the plain slug, so a misspelling written once (`Dan van` beside
/// `Dân vận`) cannot take over the address every link and bookmark uses; the others are
/// numbered in list order, past any number another page's own slug already has.
pub fn share_slugs(pages: &[(String, usize)]) -> Vec<String> {
    let base = |slug: &str| if slug.is_empty() { "muc".to_string() } else { slug.to_string() };
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (slug, _)) in pages.iter().enumerate() {
        groups.entry(base(slug)).or_default().push(i);
    }
    let taken: HashSet<String> = groups.keys().cloned().collect();
    let mut out = vec![String::new(); pages.len()];
    for (base, members) in groups {
        // The most articles; the first in the list among equals.
        let keeper = members.iter().copied().max_by_key(|&i| (pages[i].1, Reverse(i)));
        let mut n = 1;
        for i in members {
            out[i] = if Some(i) == keeper {
                base.clone()
            } else {
                loop {
                    n += 1;
                    let numbered = format!("{base}-{n}");
                    if !taken.contains(&numbered) {
                        break numbered;
                    }
                }
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_term_with_most_articles_keeps_a_shared_slug() {
        let term = |name: &str, slug: &str, articles: usize| Term {
            key: name.into(),
            name: name.into(),
            slug: slug.into(),
            detail: None,
            group: None,
            articles: (0..articles).collect(),
        };
        let mut terms = vec![
            term("Dan van", "dan-van", 1),
            term("Dân vận", "dan-van", 3),
            term("Dân Vận!", "dan-van", 1),
            term("Dân vận 2", "dan-van-2", 2),
            term("中文", "", 1),
            term("ωμέγα", "", 1),
        ];
        dedupe_slugs(&mut terms);
        let slugs: Vec<&str> = terms.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, ["dan-van-3", "dan-van", "dan-van-4", "dan-van-2", "muc", "muc-2"]);
    }

    fn front(slug: Option<&str>) -> FrontMatter {
        FrontMatter {
            title: "t".into(),
            ward: "Phường 12".into(),
            district: None,
            province: None,
            year: 2022,
            directive: vec![],
            theme: vec![],
            date: None,
            summary: None,
            source: None,
            author: None,
            tags: vec![],
            slug: slug.map(String::from),
            draft: false,
            slug_pos: Pos::START,
        }
    }

    #[test]
    fn output_dirs_are_ascii_slugs() {
        assert_eq!(
            output_dir("Quận 10/Bài Học.md", &front(None)).as_deref(),
            Some("quan-10/bai-hoc/")
        );
        assert_eq!(output_dir("a/index.md", &front(None)).as_deref(), Some("a/"));
        assert_eq!(output_dir("a/x.md", &front(Some("rieng"))).as_deref(), Some("a/rieng/"));
        assert_eq!(output_dir("a/😀.md", &front(None)), None);
    }
}
