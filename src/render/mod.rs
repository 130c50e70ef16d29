//! Pages from Tera templates. The default theme is compiled into the binary; a site's
//! `themes/<name>/` overrides it file by file (templates, `strings.yaml` keys, static
//! files). Tera stays inside this module.

use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tera::Context;

use crate::config::Config;
use crate::i18n::Lang;
use crate::model::{Article, Dimension, Site};
use crate::related::CrossLinks;

mod article;
mod card;
mod feeds;
mod listing;
mod theme;

pub use listing::page_count;
pub use theme::{RenderError, StaticFile, Theme};

#[derive(Serialize)]
struct Link<'a> {
    name: &'a str,
    path: String,
}

#[derive(Serialize)]
struct NavEntry<'a> {
    key: &'static str,
    name: &'a str,
    path: String,
    /// The folder of the dimension's pages, to mark the current section.
    dir: String,
    count: usize,
}

/// Page contexts lent out from one base (site, strings, nav…). Cloning the base, with its
/// hundred and more strings, for each page of a 10,000-article site cost about as much as
/// the templates' own variable look-ups; a lent context is the base again once the page
/// has been rendered.
#[derive(Default)]
struct Contexts {
    base: Context,
    idle: Mutex<Vec<Context>>,
}

impl Contexts {
    fn lend(&self) -> PageContext<'_> {
        let idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
        PageContext {
            context: idle.unwrap_or_else(|| self.base.clone()),
            set: Vec::new(),
            contexts: self,
        }
    }
}

/// One page's context: the base with the page's own variables set. Only `insert` and
/// `insert_owned` set variables, so the ones to take back out are known.
pub(super) struct PageContext<'c> {
    context: Context,
    set: Vec<&'static str>,
    contexts: &'c Contexts,
}

impl PageContext<'_> {
    pub(super) fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.note(key);
        self.context.insert(key, value);
    }

    /// Puts a value the caller owns into the context without the deep copy `insert`
    /// makes (an article's object carries its whole body).
    pub(super) fn insert_owned(&mut self, key: &'static str, value: Value) {
        self.note(key);
        let mut object = serde_json::Map::new();
        object.insert(key.to_string(), value);
        if let Ok(owned) = Context::from_value(Value::Object(object)) {
            self.context.extend(owned);
        }
    }

    fn note(&mut self, key: &'static str) {
        if !self.set.contains(&key) {
            self.set.push(key);
        }
    }
}

impl std::ops::Deref for PageContext<'_> {
    type Target = Context;

    fn deref(&self) -> &Context {
        &self.context
    }
}

impl Drop for PageContext<'_> {
    fn drop(&mut self) {
        let mut context = std::mem::take(&mut self.context);
        for key in &self.set {
            match self.contexts.base.get(key) {
                Some(value) => context.insert(*key, value),
                None => {
                    context.remove(key);
                }
            }
        }
        self.contexts.idle.lock().unwrap_or_else(PoisonError::into_inner).push(context);
    }
}

/// How deep a page is: `a/b/index.html` needs `../../` to reach the root.
pub fn root_prefix(page_path: &str) -> String {
    "../".repeat(page_path.matches('/').count())
}

/// What the pages of one build share, prepared once; `serve` keeps it between edits.
#[derive(Default)]
pub struct Shared {
    contexts: Contexts,
    /// Each article's summary object, serialised once and reused in every list.
    summaries: Vec<Value>,
    /// Each article as a link to it shows it, gathered into one place.
    briefs: Vec<article::Brief>,
    /// Each article's province, by index into the site's `provinces`.
    province_of: Vec<Option<usize>>,
    cards: card::Cards,
}

/// Articles the home page lists, newest first.
pub const HOME_LATEST: usize = 10;
/// The language of the articles, whatever the interface's: templates mark them with it
/// (`content_lang`), so a screen reader on an English site reads them with a Vietnamese
/// voice.
pub const CONTENT_LANG: &str = "vi";
/// Articles in the Atom feed, newest first.
pub const FEED_ENTRIES: usize = 20;

/// Renders the pages of one site.
pub struct Renderer<'a> {
    theme: &'a Theme,
    site: &'a Site,
    config: &'a Config,
    cross: &'a CrossLinks,
    shared: Shared,
}

/// Receives each rendered file: its root-relative path and bytes.
pub type Sink<'s> = dyn Fn(&str, &[u8]) -> std::io::Result<()> + Sync + 's;

impl<'a> Renderer<'a> {
    pub fn new(
        theme: &'a Theme,
        site: &'a Site,
        config: &'a Config,
        cross: &'a CrossLinks,
    ) -> Renderer<'a> {
        let lang = config.language;
        let mut base = Context::new();
        base.insert("lang", lang.code());
        base.insert("content_lang", CONTENT_LANG);
        // The site's own name and description are in whichever language their editor
        // wrote them: Vietnamese ones are marked so on an English site.
        let lang_of = |text: &str| {
            if crate::vi::looks_vietnamese(text) { CONTENT_LANG } else { lang.code() }
        };
        base.insert(
            "site",
            &serde_json::json!({
                "title": config.title(),
                "title_lang": lang_of(config.title()),
                "description": config.description(),
                "description_lang": lang_of(config.description()),
                "base_url": config.base_url(),
            }),
        );
        base.insert("t", &theme.strings);
        base.insert("generator", &format!("sotay {}", env!("CARGO_PKG_VERSION")));
        base.insert("root", "");
        let nav: Vec<NavEntry> = Dimension::ALL
            .iter()
            .map(|&d| NavEntry {
                key: d.key(),
                name: theme
                    .strings
                    .get(&format!("dim_{}", d.key()))
                    .map_or(d.key(), String::as_str),
                path: format!("{}/index.html", d.segment()),
                dir: format!("{}/", d.segment()),
                count: site.taxonomy(d).terms.len(),
            })
            .collect();
        base.insert("nav", &nav);
        // Only a build with drafts (`--drafts`) labels them in links: the others skip the
        // look-ups.
        base.insert("has_drafts", &site.articles.iter().any(|a| a.front.draft));
        // In parallel: at 100,000 articles this took 0.96 s on one core (0.49 s on two).
        let (summaries, briefs) = site
            .articles
            .par_iter()
            .map(|a| (summary(site, a, lang), article::Brief::new(site, a)))
            .unzip();
        let mut province_of = vec![None; site.articles.len()];
        for (p, province) in site.provinces.iter().enumerate() {
            for &a in &province.articles {
                province_of[a] = Some(p);
            }
        }
        let shared = Shared {
            contexts: Contexts { base, idle: Mutex::default() },
            summaries,
            briefs,
            province_of,
            cards: Default::default(),
        };
        Renderer { theme, site, config, cross, shared }
    }

    /// A renderer for the same site as the one `shared` was prepared for.
    pub fn with_shared(
        theme: &'a Theme,
        site: &'a Site,
        config: &'a Config,
        cross: &'a CrossLinks,
        shared: Shared,
    ) -> Renderer<'a> {
        Renderer { theme, site, config, cross, shared }
    }

    pub fn into_shared(self) -> Shared {
        self.shared
    }

    /// Prepares the summary of one article again (after its body changed); returns
    /// whether it reads differently now.
    pub fn refresh_summary(&mut self, index: usize) -> bool {
        let article = &self.site.articles[index];
        let fresh = summary(self.site, article, self.config.language);
        let changed = fresh != self.shared.summaries[index];
        if changed {
            self.shared.summaries[index] = fresh;
            self.shared.cards.forget(index);
        }
        changed
    }

    fn string<'s>(&'s self, key: &'s str) -> &'s str {
        self.theme.strings.get(key).map_or(key, String::as_str)
    }

    /// A context for the page at `path`, of `kind`, titled `title`.
    fn context(&self, kind: &str, title: &str, path: &str) -> PageContext<'_> {
        let mut context = self.shared.contexts.lend();
        context.insert("root", &root_prefix(path));
        context.insert("page", &serde_json::json!({ "kind": kind, "title": title, "path": path }));
        let base_url = self.config.base_url();
        let canonical = (!base_url.is_empty()).then(|| format!("{base_url}/{}", pretty(path)));
        context.insert("canonical_url", &canonical);
        context
    }

    fn render(
        &self,
        template: &str,
        context: &Context,
        path: &str,
        sink: &Sink,
    ) -> Result<(), RenderError> {
        // Rendered as bytes: `render` would check the whole page is UTF-8 a second time.
        let mut html = Vec::with_capacity(16 * 1024);
        self.theme
            .tera
            .render_to(template, context, &mut html)
            .map_err(|e| RenderError::template(path, template, &e))?;
        sink(path, &html).map_err(|e| RenderError::writing(path, e))
    }

    /// Renders every page of the site into the sink, in parallel; returns the page count.
    pub fn render_all(&self, sink: &Sink) -> Result<usize, RenderError> {
        (0..self.site.articles.len()).into_par_iter().try_for_each(|i| self.article(i, sink))?;
        // The one-off pages and files go alongside the listings: the sitemap alone names
        // every page, and would keep one core waiting at the end.
        let (listings, one_offs) = rayon::join(|| self.listings(sink), || self.one_offs(sink));
        Ok(self.site.articles.len() + listings? + one_offs?)
    }

    /// The dimensions' index pages, the home, search and 404 pages, the sitemap and the
    /// feed; returns how many pages.
    fn one_offs(&self, sink: &Sink) -> Result<usize, RenderError> {
        for dimension in Dimension::ALL {
            self.taxonomy(dimension, sink)?;
        }
        self.home(sink)?;
        self.search(sink)?;
        self.not_found(sink)?;
        self.sitemap(sink)?;
        self.feed(sink)?;
        Ok(Dimension::ALL.len() + 3)
    }

    pub fn home(&self, sink: &Sink) -> Result<(), RenderError> {
        let path = "index.html";
        let mut context = self.context("home", self.config.title(), path);
        let latest = 0..self.site.articles.len().min(HOME_LATEST);
        context.insert("latest", &self.shared.summaries[latest.clone()]);
        self.insert_cards(&mut context, &latest.collect::<Vec<_>>(), path)?;
        context.insert("total_articles", &self.site.articles.len());
        context.insert(
            "charts",
            &serde_json::json!({
                "years": self.year_chart(&(0..self.site.articles.len()).collect::<Vec<_>>(), ""),
                "directives": self.directive_chart(""),
            }),
        );
        self.render("index.html", &context, path, sink)
    }

    /// The search page; its script reads the index in `search/` (see `crate::search`).
    fn search(&self, sink: &Sink) -> Result<(), RenderError> {
        let path = "tim-kiem/index.html";
        let mut context = self.context("search", self.string("search_title"), path);
        // The keys are the URL parameters the page keeps its filters in.
        let facets: Vec<Value> = [
            ("van-ban", "directive"),
            ("dia-ban", "locality"),
            ("tinh", "province"),
            ("nam", "year"),
            ("chu-de", "theme"),
        ]
        .iter()
        .map(|(key, label)| serde_json::json!({ "key": key, "label": self.string(label) }))
        .collect();
        context.insert("search_facets", &facets);
        self.render("search.html", &context, path, sink)
    }

    fn not_found(&self, sink: &Sink) -> Result<(), RenderError> {
        let mut context = self.context("not_found", self.string("not_found_title"), "404.html");
        // Servers show 404.html at any depth: links start from the site's own base path.
        let base_path = base_path(self.config.base_url());
        context.insert("root", &base_path);
        self.render("404.html", &context, "404.html", sink)
    }
}

/// The path part of the base URL ("https://a.vn/so-tay" → "/so-tay/"), "/" when unset.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    format!("{}/", path.trim_end_matches('/'))
}

/// `a/b/index.html` → `a/b/`: how the page reads as a URL on a web server.
fn pretty(path: &str) -> &str {
    path.strip_suffix("index.html").unwrap_or(path)
}

/// How long a summary may be in article lists.
const EXCERPT_CHARS: usize = 260;

/// The text cut at a word boundary before `max` characters, with "…" when cut.
fn excerpt(text: &str, max: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let head = &text[..cut];
    let head = head.rfind(char::is_whitespace).map_or(head, |space| &head[..space]);
    format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
}

/// An article as the lists show it; every path is root-relative.
fn summary(site: &Site, article: &Article, lang: Lang) -> Value {
    let link = |dimension: Dimension, term: usize| {
        let taxonomy = site.taxonomy(dimension);
        Link { name: &taxonomy.terms[term].name, path: taxonomy.term_page(term) }
    };
    let links = |dimension: Dimension| -> Vec<Link> {
        article.terms[dimension as usize].iter().map(|&t| link(dimension, t)).collect()
    };
    let locality = article.terms[Dimension::Locality as usize][0];
    let year = article.terms[Dimension::Year as usize][0];
    let group = site.taxonomy(Dimension::Locality).terms[locality].group.as_deref();
    let province = group
        .and_then(|name| site.provinces.iter().find(|p| p.name == name))
        .map(|p| Link { name: &p.name, path: p.page() });
    serde_json::json!({
        "title": article.front.title,
        "path": article.page(),
        "summary": article.summary,
        "excerpt": excerpt(&article.summary, EXCERPT_CHARS),
        "date_iso": article.front.date.map(|d| d.to_string()),
        "date_display": article.front.date.map(|d| lang.format_date(d)),
        "year": link(Dimension::Year, year),
        "locality": link(Dimension::Locality, locality),
        "province": province,
        "directives": links(Dimension::Directive),
        "themes": links(Dimension::Theme),
        "draft": article.front.draft,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lent_context_comes_back_as_the_base() {
        let mut base = Context::new();
        base.insert("root", "");
        base.insert("lang", "vi");
        let contexts = Contexts { base, idle: Mutex::default() };
        {
            let mut page = contexts.lend();
            page.insert("root", "../../");
            page.insert_owned("cards", Value::from(vec!["<li>a</li>"]));
            assert_eq!(page.get("root"), Some(&Value::from("../../")));
            assert!(page.contains_key("cards"));
        }
        assert_eq!(contexts.idle.lock().unwrap().len(), 1, "back in the pool");
        let page = contexts.lend();
        assert_eq!(page.get("root"), Some(&Value::from("")), "the base's value again");
        assert!(!page.contains_key("cards"), "the last page's variables are gone");
        assert_eq!(page.get("lang"), Some(&Value::from("vi")));
        assert!(contexts.idle.lock().unwrap().is_empty(), "the pooled one was lent");
    }

    #[test]
    fn paths_and_prefixes() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("van-ban/x/index.html"), "../../");
        assert_eq!(pretty("van-ban/x/index.html"), "van-ban/x/");
        assert_eq!(base_path("https://a.vn/so-tay/"), "/so-tay/");
        assert_eq!(excerpt("Đảng bộ phường, nhiều năm", 12), "Đảng bộ…");
        assert_eq!(excerpt("ngắn", 12), "ngắn");
        assert_eq!(base_path(""), "/");
    }
}
