//! Listing pages: the index of each dimension, a page per term and per province, each
//! paginated and showing how its articles spread over the other dimensions.

use rayon::prelude::*;
use serde_json::Value;

use super::{RenderError, Renderer, Sink, root_prefix};
use crate::chart::{Bar, Chart, Unit};
use crate::model::Dimension;

/// One paginated listing: a term's or a province's articles.
struct Listing<'l> {
    dimension: Dimension,
    name: &'l str,
    detail: Option<&'l str>,
    dir: String,
    articles: &'l [usize],
    /// What the page shows besides its articles: other dimensions with counts.
    facets: &'l [Facet],
}

/// One line of a facet: a term (or province) and how many of the listing's articles it has.
#[derive(serde::Serialize)]
struct FacetRow {
    name: String,
    detail: Option<String>,
    path: String,
    count: usize,
}

/// A way to break a listing's articles down.
#[derive(Clone, Copy)]
enum Facet {
    Terms(Dimension),
    Provinces,
}

impl Facet {
    /// What a page of this dimension shows besides its articles.
    fn for_dimension(dimension: Dimension) -> &'static [Facet] {
        match dimension {
            Dimension::Directive => &[Facet::Provinces, Facet::Terms(Dimension::Locality)],
            Dimension::Locality => {
                &[Facet::Terms(Dimension::Directive), Facet::Terms(Dimension::Theme)]
            }
            Dimension::Year => &[Facet::Terms(Dimension::Directive)],
            Dimension::Theme => {
                &[Facet::Terms(Dimension::Directive), Facet::Terms(Dimension::Locality)]
            }
        }
    }
}

/// What a province page shows besides its articles.
const PROVINCE_FACETS: &[Facet] =
    &[Facet::Terms(Dimension::Locality), Facet::Terms(Dimension::Directive)];

impl Renderer<'_> {
    fn term_listing(&self, dimension: Dimension, t: usize) -> Listing<'_> {
        let taxonomy = self.site.taxonomy(dimension);
        let term = &taxonomy.terms[t];
        Listing {
            dimension,
            name: &term.name,
            detail: term.detail.as_deref(),
            dir: taxonomy.term_dir(t),
            articles: &term.articles,
            facets: Facet::for_dimension(dimension),
        }
    }

    fn province_listing(&self, p: usize) -> Listing<'_> {
        let province = &self.site.provinces[p];
        Listing {
            dimension: Dimension::Locality,
            name: &province.name,
            detail: None,
            dir: province.dir(),
            articles: &province.articles,
            facets: PROVINCE_FACETS,
        }
    }

    /// Every term page and province page, in parallel; returns the page count.
    pub(super) fn listings(&self, sink: &Sink) -> Result<usize, RenderError> {
        let jobs: Vec<(Dimension, usize)> = Dimension::ALL
            .iter()
            .flat_map(|&d| (0..self.site.taxonomy(d).terms.len()).map(move |t| (d, t)))
            .collect();
        let terms: Vec<usize> = jobs
            .into_par_iter()
            .map(|(dimension, t)| self.listing(&self.term_listing(dimension, t), sink))
            .collect::<Result<_, _>>()?;
        let provinces: Vec<usize> = (0..self.site.provinces.len())
            .into_par_iter()
            .map(|p| self.listing(&self.province_listing(p), sink))
            .collect::<Result<_, _>>()?;
        Ok(terms.iter().chain(&provinces).sum())
    }

    /// The one page of each listing (its terms', its province's) that shows the article
    /// at `index`; returns how many.
    pub fn listings_of(&self, index: usize, sink: &Sink) -> Result<usize, RenderError> {
        let article = &self.site.articles[index];
        let mut listings: Vec<Listing> = Dimension::ALL
            .iter()
            .flat_map(|&d| article.terms[d as usize].iter().map(move |&t| (d, t)))
            .map(|(d, t)| self.term_listing(d, t))
            .collect();
        listings.extend(self.shared.province_of[index].map(|p| self.province_listing(p)));
        listings.par_iter().try_for_each(|listing| {
            let at = listing.articles.binary_search(&index).unwrap_or_default();
            let facets = self.facets(listing);
            self.listing_page(listing, &facets, at / self.config.paginate_by + 1, sink)
        })?;
        Ok(listings.len())
    }

    fn facets(&self, listing: &Listing) -> Vec<Value> {
        listing.facets.iter().map(|&f| self.facet(f, listing.articles)).collect()
    }

    /// Pages of one listing; returns how many.
    fn listing(&self, listing: &Listing, sink: &Sink) -> Result<usize, RenderError> {
        let facets = self.facets(listing);
        let total = page_count(listing.articles.len(), self.config.paginate_by);
        for n in 1..=total {
            self.listing_page(listing, &facets, n, sink)?;
        }
        Ok(total)
    }

    /// Page `n` (from 1) of one listing.
    fn listing_page(
        &self,
        listing: &Listing,
        facets: &[Value],
        n: usize,
        sink: &Sink,
    ) -> Result<(), RenderError> {
        let dir = &listing.dir;
        // This page's articles only: collecting every page's on each page made a listing
        // of P pages cost P² (17 million slices at 100,000 articles, 176,000 at 10,000).
        let per_page = self.config.paginate_by;
        let total = page_count(listing.articles.len(), per_page);
        let shown = listing.articles.chunks(per_page).nth(n - 1).unwrap_or_default();
        let page_path = |n: usize| {
            if n <= 1 { format!("{dir}index.html") } else { format!("{dir}trang/{n}/index.html") }
        };
        let display_name = match listing.detail {
            Some(detail) => format!("{} ({detail})", listing.name),
            None => listing.name.to_string(),
        };
        let by_year = listing.dimension == Dimension::Directive;
        let path = page_path(n);
        let title = if n == 1 {
            display_name.clone()
        } else {
            format!("{display_name} – {} {n}", self.string("page"))
        };
        let mut context = self.context("term", &title, &path);
        context.insert("taxonomy", &self.taxonomy_object(listing.dimension));
        context.insert(
            "term",
            &serde_json::json!({
                "name": listing.name,
                "detail": listing.detail,
                "path": page_path(1),
                "count": listing.articles.len(),
            }),
        );
        // Cards, not summaries: copying twenty summaries into every page cost more than
        // rendering it.
        self.insert_cards(&mut context, shown, &path)?;
        let pages: Vec<Value> = page_window(n, total)
            .into_iter()
            .map(|k| match k {
                Some(k) => {
                    serde_json::json!({ "number": k, "path": page_path(k), "current": k == n })
                }
                None => serde_json::json!({ "gap": true }),
            })
            .collect();
        context.insert(
            "pagination",
            &serde_json::json!({
                "current": n,
                "total": total,
                "prev": (n > 1).then(|| page_path(n - 1)),
                "next": (n < total).then(|| page_path(n + 1)),
                "pages": pages,
            }),
        );
        // The breakdown belongs to the listing, not to one page: only its first page shows
        // it (a directive's list of localities is long, and would repeat on every page).
        let no_facets: &[Value] = &[];
        context.insert("facets", if n == 1 { facets } else { no_facets });
        let chart = if by_year && n == 1 {
            self.year_chart(listing.articles, &root_prefix(&path))
        } else {
            String::new()
        };
        context.insert("chart", &chart);
        self.render("term.html", &context, &path, sink)
    }

    /// How a listing's articles spread over a dimension: its terms with counts, most
    /// articles first (ties in the dimension's own order).
    fn facet(&self, facet: Facet, articles: &[usize]) -> Value {
        let (key, name, mut counted): (String, &str, Vec<FacetRow>) = match facet {
            Facet::Terms(dimension) => {
                let taxonomy = self.site.taxonomy(dimension);
                let mut counts = vec![0usize; taxonomy.terms.len()];
                for &a in articles {
                    for &t in &self.site.articles[a].terms[dimension as usize] {
                        counts[t] += 1;
                    }
                }
                let rows = counts
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c > 0)
                    .map(|(t, &c)| {
                        let term = &taxonomy.terms[t];
                        FacetRow {
                            name: term.name.clone(),
                            detail: term.detail.clone(),
                            path: taxonomy.term_page(t),
                            count: c,
                        }
                    })
                    .collect();
                let key = format!("dim_{}", dimension.key());
                let name = self.theme.strings.get(&key).map_or(dimension.key(), String::as_str);
                (dimension.key().to_string(), name, rows)
            }
            Facet::Provinces => {
                let mut counts = vec![0usize; self.site.provinces.len()];
                for &a in articles {
                    if let Some(p) = self.shared.province_of[a] {
                        counts[p] += 1;
                    }
                }
                let rows = self
                    .site
                    .provinces
                    .iter()
                    .zip(counts)
                    .map(|(p, count)| FacetRow {
                        name: p.name.clone(),
                        detail: None,
                        path: p.page(),
                        count,
                    })
                    .filter(|row| row.count > 0)
                    .collect();
                ("province".to_string(), self.string("provinces"), rows)
            }
        };
        counted.sort_by_key(|row| std::cmp::Reverse(row.count));
        let terms = serde_json::to_value(counted).unwrap_or_default();
        serde_json::json!({ "key": key, "name": name, "terms": terms })
    }

    pub(super) fn taxonomy_object(&self, dimension: Dimension) -> Value {
        serde_json::json!({
            "key": dimension.key(),
            "name": self.string(&format!("dim_{}", dimension.key())),
            "path": format!("{}/index.html", dimension.segment()),
        })
    }

    /// The index page of a dimension: every term with its count, localities grouped
    /// under their province.
    pub(super) fn taxonomy(&self, dimension: Dimension, sink: &Sink) -> Result<(), RenderError> {
        let taxonomy = self.site.taxonomy(dimension);
        let path = format!("{}/index.html", dimension.segment());
        let name = self.string(&format!("dim_{}", dimension.key())).to_string();
        let mut context = self.context("taxonomy", &name, &path);
        context.insert("taxonomy", &self.taxonomy_object(dimension));
        let mut groups: Vec<Value> = Vec::new();
        // Once some localities are under a province, the others get a heading too.
        let headed = taxonomy.terms.iter().any(|t| t.group.is_some());
        let mut current: Option<(Option<&str>, Vec<Value>)> = None;
        for (i, term) in taxonomy.terms.iter().enumerate() {
            let group = term.group.as_deref();
            if current.as_ref().is_some_and(|(g, _)| *g != group) {
                if let Some((g, terms)) = current.take() {
                    groups.push(self.group_object(g, terms, headed));
                }
            }
            let entry = serde_json::json!({
                "name": term.name,
                "detail": term.detail,
                "path": taxonomy.term_page(i),
                "count": term.articles.len(),
            });
            current.get_or_insert((group, Vec::new())).1.push(entry);
        }
        if let Some((g, terms)) = current.take() {
            groups.push(self.group_object(g, terms, headed));
        }
        context.insert("groups", &groups);
        let root = root_prefix(&path);
        let chart = match dimension {
            Dimension::Year => {
                let all: Vec<usize> = (0..self.site.articles.len()).collect();
                self.year_chart(&all, &root)
            }
            Dimension::Directive => self.directive_chart(&root),
            _ => String::new(),
        };
        context.insert("chart", &chart);
        self.render("taxonomy.html", &context, &path, sink)
    }

    fn group_object(&self, name: Option<&str>, terms: Vec<Value>, headed: bool) -> Value {
        let shown = name.unwrap_or(self.string("no_province"));
        let path =
            name.and_then(|n| self.site.provinces.iter().find(|p| p.name == n)).map(|p| p.page());
        serde_json::json!({
            "name": (name.is_some() || headed).then_some(shown),
            "id": crate::vi::slugify(shown),
            "path": path,
            "terms": terms,
        })
    }

    /// Columns of articles per year, oldest on the left, for a set of articles.
    pub(super) fn year_chart(&self, articles: &[usize], root: &str) -> String {
        let taxonomy = self.site.taxonomy(Dimension::Year);
        let mut counts = vec![0usize; taxonomy.terms.len()];
        for &a in articles {
            for &t in &self.site.articles[a].terms[Dimension::Year as usize] {
                counts[t] += 1;
            }
        }
        let bars: Vec<Bar> = (0..taxonomy.terms.len())
            .rev()
            .filter(|&i| counts[i] > 0)
            .map(|i| Bar {
                label: &taxonomy.terms[i].name,
                value: counts[i],
                path: taxonomy.term_page(i),
            })
            .collect();
        let chart = Chart {
            id: "chart-years",
            title: self.string("chart_years"),
            unit: self.articles_unit(),
            // Years are numbers, in no language.
            lang: None,
            root,
        };
        chart.columns(&bars)
    }

    pub(super) fn directive_chart(&self, root: &str) -> String {
        let taxonomy = self.site.taxonomy(Dimension::Directive);
        let mut order: Vec<usize> = (0..taxonomy.terms.len()).collect();
        // Most reported first; the list order (Vietnamese alphabetical) breaks ties.
        order.sort_by_key(|&i| std::cmp::Reverse(taxonomy.terms[i].articles.len()));
        let bars: Vec<Bar> = order
            .into_iter()
            .take(12)
            .map(|i| Bar {
                label: &taxonomy.terms[i].name,
                value: taxonomy.terms[i].articles.len(),
                path: taxonomy.term_page(i),
            })
            .collect();
        let chart = Chart {
            id: "chart-directives",
            title: self.string("chart_directives"),
            unit: self.articles_unit(),
            lang: (self.config.language.code() != super::CONTENT_LANG)
                .then_some(super::CONTENT_LANG),
            root,
        };
        chart.horizontal(&bars)
    }

    fn articles_unit(&self) -> Unit<'_> {
        Unit { one: self.string("articles_unit_one"), many: self.string("articles_unit") }
    }
}

/// How many pages a listing of `articles` takes: one even when it is empty.
pub fn page_count(articles: usize, per_page: usize) -> usize {
    articles.div_ceil(per_page).max(1)
}

/// The page numbers a pagination bar shows: the first and last, and two either side of
/// page `n`; `None` marks a gap ("…"). A listing of 300 pages shows about 9 links, not 300.
/// A gap never stands for one page alone: that page takes its place, as wide.
fn page_window(n: usize, total: usize) -> Vec<Option<usize>> {
    let near = |k: usize| k == 1 || k == total || k.abs_diff(n) <= 2;
    let shown = |k: usize| near(k) || (k > 1 && k < total && near(k - 1) && near(k + 1));
    // Only the ends and the pages around `n` can be shown (a page shown alone lies between
    // two near ones, so it is n ± 3), however long the listing: looking at every page made
    // each page's bar cost the listing's length, and the listing's pages its square.
    let mut candidates: Vec<usize> = [1, total]
        .into_iter()
        .chain(n.saturating_sub(3)..=n + 3)
        .filter(|k| (1..=total).contains(k))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let mut out = Vec::new();
    let mut last = 0;
    for k in candidates.into_iter().filter(|&k| shown(k)) {
        if k > last + 1 {
            out.push(None);
        }
        out.push(Some(k));
        last = k;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn pagination_shows_ends_and_neighbours_with_gaps() {
        let shown = |n, total| -> Vec<String> {
            page_window(n, total)
                .into_iter()
                .map(|k| k.map_or("…".to_string(), |k| k.to_string()))
                .collect()
        };
        assert_eq!(shown(1, 1), ["1"]);
        assert_eq!(shown(2, 4), ["1", "2", "3", "4"]);
        assert_eq!(shown(1, 300), ["1", "2", "3", "…", "300"]);
        assert_eq!(shown(150, 300), ["1", "…", "148", "149", "150", "151", "152", "…", "300"]);
        assert_eq!(shown(5, 9), ["1", "2", "3", "4", "5", "6", "7", "8", "9"], "no gap of one");
        assert_eq!(shown(6, 12), ["1", "…", "4", "5", "6", "7", "8", "…", "12"]);
        assert_eq!(
            shown(4, 9),
            ["1", "2", "3", "4", "5", "6", "…", "9"],
            "no gap where the window reaches the first page"
        );
    }

    #[test]
    fn pagination_looks_at_the_pages_it_may_show_as_a_scan_of_every_page_would() {
        // What each bar was before it looked at the window alone: every page considered.
        let scanned = |n: usize, total: usize| {
            let near = |k: usize| k == 1 || k == total || k.abs_diff(n) <= 2;
            let mut out = Vec::new();
            for k in 1..=total {
                let alone = k > 1 && k < total && near(k - 1) && near(k + 1);
                if near(k) || alone {
                    out.push(Some(k));
                } else if out.last() != Some(&None) {
                    out.push(None);
                }
            }
            out
        };
        for total in 0..=40 {
            for n in 1..=total.max(1) {
                assert_eq!(page_window(n, total), scanned(n, total), "page {n} of {total}");
            }
        }
        assert_eq!(page_window(2500, 5000).len(), 9, "a long listing's bar is as short");
    }
}
