//! What machines read: the sitemap (split in parts of at most 50,000 addresses, as
//! sitemaps.org requires, with an index naming them) and the Atom feed.

use std::ops::Range;

use serde_json::Value;

use super::{FEED_ENTRIES, RenderError, Renderer, Sink, pretty};
use crate::model::Dimension;

/// The most addresses one sitemap file may list (sitemaps.org).
const SITEMAP_URLS: usize = 50_000;

impl Renderer<'_> {
    /// `sitemap.xml` listing every page; past `SITEMAP_URLS` pages, `sitemap-1.xml`,
    /// `sitemap-2.xml`… each listing a part, and `sitemap.xml` the index of the parts.
    pub(super) fn sitemap(&self, sink: &Sink) -> Result<(), RenderError> {
        let base = self.config.base_url();
        let url = |path: &str| address(base, path);
        let page = |path: String, lastmod: Option<String>| serde_json::json!({ "loc": url(&path), "lastmod": lastmod });
        let mut urls: Vec<Value> = vec![page("index.html".into(), None)];
        for article in &self.site.articles {
            let lastmod = article.front.date.map(|d| d.to_string());
            urls.push(page(article.page(), lastmod));
        }
        for dimension in Dimension::ALL {
            let taxonomy = self.site.taxonomy(dimension);
            urls.push(page(format!("{}/index.html", dimension.segment()), None));
            for i in 0..taxonomy.terms.len() {
                urls.push(page(taxonomy.term_page(i), None));
            }
        }
        for province in &self.site.provinces {
            urls.push(page(province.page(), None));
        }
        let parts = sitemap_parts(urls.len(), SITEMAP_URLS);
        let mut locations = Vec::with_capacity(parts.len());
        for (name, range) in &parts {
            let mut context = self.shared.contexts.lend();
            context.insert_owned("urls", Value::from(&urls[range.clone()]));
            self.render("sitemap.xml", &context, name, sink)?;
            locations.push(serde_json::json!({ "loc": url(name) }));
        }
        if parts.len() > 1 {
            let mut context = self.shared.contexts.lend();
            context.insert_owned("sitemaps", Value::from(locations));
            self.render("sitemap_index.xml", &context, "sitemap.xml", sink)?;
        }
        Ok(())
    }

    pub fn feed(&self, sink: &Sink) -> Result<(), RenderError> {
        let base = self.config.base_url();
        let absolute = |path: &str| address(base, path);
        let rfc3339 = |date: Option<chrono::NaiveDate>, year: u16| {
            let date = date.or_else(|| chrono::NaiveDate::from_ymd_opt(i32::from(year), 1, 1));
            date.map(|d| format!("{d}T00:00:00Z")).unwrap_or_default()
        };
        let entries: Vec<Value> = self
            .site
            .articles
            .iter()
            .take(FEED_ENTRIES)
            .map(|a| {
                let url = absolute(&a.page());
                serde_json::json!({
                    "title": a.front.title,
                    "url": url,
                    "id": if base.is_empty() { format!("urn:sotay:{}", a.dir.trim_end_matches('/')) } else { url.clone() },
                    "updated": rfc3339(a.front.date, a.front.year),
                    "summary": a.summary,
                    "author": a.front.author,
                    "directives": a.front.directive,
                })
            })
            .collect();
        let updated = self
            .site
            .articles
            .iter()
            .map(|a| rfc3339(a.front.date, a.front.year))
            .max()
            .unwrap_or_default();
        let mut context = self.shared.contexts.lend();
        context.insert("feed", &serde_json::json!({
            "title": self.config.title(),
            "id": if base.is_empty() { "urn:sotay:feed".to_string() } else { format!("{base}/") },
            "updated": updated,
            "self_url": absolute("atom.xml"),
            "home_url": absolute("index.html"),
        }));
        context.insert("entries", &entries);
        self.render("atom.xml", &context, "atom.xml", sink)
    }
}

/// The address of a page in the feed or sitemap: absolute under `base_url`, as feed
/// readers and search engines need; without one, relative to the site's root (where both
/// files are) and naming `index.html`, so it opens from disk and under any sub-path.
fn address(base: &str, path: &str) -> String {
    if base.is_empty() { path.to_string() } else { format!("{base}/{}", pretty(path)) }
}

/// The sitemap files of `count` addresses at most `limit` a file: `sitemap.xml` when one
/// holds them all, else numbered parts (which `sitemap.xml` then indexes).
fn sitemap_parts(count: usize, limit: usize) -> Vec<(String, Range<usize>)> {
    if count <= limit {
        return vec![("sitemap.xml".to_string(), 0..count)];
    }
    (0..count.div_ceil(limit))
        .map(|n| (format!("sitemap-{}.xml", n + 1), n * limit..count.min((n + 1) * limit)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sitemap_past_the_limit_is_split_into_numbered_parts() {
        assert_eq!(sitemap_parts(3, 3), [("sitemap.xml".to_string(), 0..3)]);
        assert_eq!(
            sitemap_parts(7, 3),
            [
                ("sitemap-1.xml".to_string(), 0..3),
                ("sitemap-2.xml".to_string(), 3..6),
                ("sitemap-3.xml".to_string(), 6..7),
            ]
        );
        assert_eq!(sitemap_parts(0, 3), [("sitemap.xml".to_string(), 0..0)]);
    }
}
