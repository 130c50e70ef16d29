//! The article page: the article, then the articles that lead on from it: related ones
//! with their reasons, the ones that link here, and its neighbours in time.

use serde_json::Value;

use super::{RenderError, Renderer, Sink};
use crate::model::{Article, Dimension, Site};
use crate::related::Reason;

impl Renderer<'_> {
    pub fn article(&self, index: usize, sink: &Sink) -> Result<(), RenderError> {
        let article = &self.site.articles[index];
        let path = article.page();
        let mut context = self.context("article", &article.front.title, &path);
        let mut object = self.shared.summaries[index].clone();
        if let Value::Object(map) = &mut object {
            let front = &article.front;
            let json = |v: &Option<String>| serde_json::to_value(v).unwrap_or_default();
            map.insert("content".into(), Value::from(article.rendered.html.as_str()));
            map.insert("ward".into(), Value::from(front.ward.as_str()));
            map.insert("district".into(), json(&front.district));
            map.insert("source".into(), json(&front.source));
            map.insert("author".into(), json(&front.author));
            map.insert("tags".into(), serde_json::to_value(&front.tags).unwrap_or_default());
            let toc: Vec<Value> = article
                .rendered
                .headings
                .iter()
                .filter(|h| h.level == 2 || h.level == 3)
                .map(|h| serde_json::json!({ "level": h.level, "id": h.id, "text": h.text }))
                .collect();
            map.insert("toc".into(), Value::from(toc));
            map.insert("related".into(), Value::from(self.related(index)));
            let backlinks: Vec<Value> =
                self.cross.backlinks[index].iter().map(|&i| self.brief(i)).collect();
            map.insert("backlinks".into(), Value::from(backlinks));
            map.insert("neighbours".into(), self.neighbours(index));
        }
        context.insert_owned("article", object);
        self.render("article.html", &context, &path, sink)
    }

    /// An article in a link list: `title`, `path`, `locality` and `year` names, `date_iso`,
    /// and `draft` on a draft (`has_drafts` tells a template to look).
    /// Smaller than a summary, since every article page shows a dozen of them.
    fn brief(&self, index: usize) -> Value {
        let brief = &self.shared.briefs[index];
        let mut map = serde_json::Map::new();
        map.insert("title".into(), Value::from(brief.part(Brief::TITLE)));
        map.insert("path".into(), Value::from(brief.part(Brief::PATH)));
        map.insert("locality".into(), Value::from(brief.part(Brief::LOCALITY)));
        map.insert("year".into(), Value::from(brief.year));
        let date = brief.part(Brief::DATE);
        map.insert("date_iso".into(), (!date.is_empty()).then_some(date).into());
        if brief.draft {
            map.insert("draft".into(), Value::Bool(true));
        }
        Value::Object(map)
    }

    /// Related articles with their reasons in words, best first.
    fn related(&self, index: usize) -> Vec<Value> {
        self.cross.related[index]
            .iter()
            .map(|r| {
                let reasons: Vec<String> =
                    r.reasons.iter().map(|reason| self.reason(reason)).collect();
                serde_json::json!({ "article": self.brief(r.article), "reasons": reasons })
            })
            .collect()
    }

    fn reason(&self, reason: &Reason) -> String {
        let term =
            |dimension: Dimension, t: usize| self.site.taxonomy(dimension).terms[t].name.as_str();
        let fill = |key: &str, name: &str| self.string(key).replace("{}", name);
        match reason {
            Reason::Directive(t) => fill("reason_directive", term(Dimension::Directive, *t)),
            Reason::Ward(t) => fill("reason_place", term(Dimension::Locality, *t)),
            Reason::District(name) | Reason::Province(name) => fill("reason_place", name),
            Reason::Theme(t) => fill("reason_theme", term(Dimension::Theme, *t)),
            Reason::Content => self.string("reason_content").to_string(),
        }
    }

    /// The previous (older) and next (newer) article of the same locality and of each
    /// directive: lists are newest first, so older is one further down.
    fn neighbours(&self, index: usize) -> Value {
        let article = &self.site.articles[index];
        let around = |dimension: Dimension, t: usize| {
            let taxonomy = self.site.taxonomy(dimension);
            let list = &taxonomy.terms[t].articles;
            // Lists hold article indices in ascending order (articles are newest first).
            let at = list.binary_search(&index).ok()?;
            let prev = list.get(at + 1).map(|&i| self.brief(i));
            let next = at.checked_sub(1).map(|k| self.brief(list[k]));
            (prev.is_some() || next.is_some()).then(|| {
                serde_json::json!({
                    "key": dimension.key(),
                    "name": taxonomy.terms[t].name,
                    "path": taxonomy.term_page(t),
                    "prev": prev,
                    "next": next,
                })
            })
        };
        let lists: Vec<Value> = [Dimension::Locality, Dimension::Directive]
            .into_iter()
            .flat_map(|d| article.terms[d as usize].iter().filter_map(move |&t| around(d, t)))
            .collect();
        Value::from(lists)
    }
}

/// What a link to an article shows, gathered into one record: an article page links a
/// dozen others from all over the site, and reading each field where the article keeps
/// it (title, folder, terms, the locality's name) cost a cache miss apiece at 100,000
/// articles.
pub(super) struct Brief {
    /// The title, the page's path, the locality's name and the ISO date (or nothing),
    /// one after the other; `ends` says where each stops.
    text: Box<str>,
    ends: [usize; 4],
    year: u16,
    draft: bool,
}

impl Brief {
    const TITLE: usize = 0;
    const PATH: usize = 1;
    const LOCALITY: usize = 2;
    const DATE: usize = 3;

    pub(super) fn new(site: &Site, article: &Article) -> Brief {
        let front = &article.front;
        let locality = article.terms[Dimension::Locality as usize][0];
        let date = front.date.map(|d| d.to_string()).unwrap_or_default();
        let parts = [
            front.title.as_str(),
            &article.page(),
            &site.taxonomy(Dimension::Locality).terms[locality].name,
            &date,
        ];
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0; 4];
        for (part, end) in parts.iter().zip(&mut ends) {
            text.push_str(part);
            *end = text.len();
        }
        Brief { text: text.into(), ends, year: front.year, draft: front.draft }
    }

    fn part(&self, which: usize) -> &str {
        let start = which.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start..self.ends[which]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;
    use crate::front_matter::FrontMatter;
    use crate::i18n::Lang;
    use crate::load::Source;
    use crate::model::Parsed;

    fn parsed(rel: &str, title: &str, date: Option<&str>, draft: bool) -> Parsed {
        let front = FrontMatter {
            title: title.into(),
            ward: "Phường Đống Đa".into(),
            district: Some("Quận 3".into()),
            province: None,
            year: 2023,
            directive: vec!["Chỉ thị 05-CT/TW".into()],
            theme: vec![],
            date: date.map(|d| d.parse().expect("a date")),
            summary: None,
            source: None,
            author: None,
            tags: vec![],
            slug: None,
            draft,
            slug_pos: Pos::START,
        };
        let source = Source { rel: rel.into(), path: rel.into(), text: String::new() };
        Parsed { source, front, body_offset: 0 }
    }

    #[test]
    fn a_brief_gives_back_each_part_as_the_article_has_it() {
        let (site, diagnostics) = crate::model::assemble(
            vec![
                parsed("a/bài một.md", "Đảng bộ phường: bài học", Some("2023-05-19"), false),
                parsed("b.md", "Nháp", None, true),
            ],
            Lang::Vi,
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let briefs: Vec<Brief> = site.articles.iter().map(|a| Brief::new(&site, a)).collect();
        let [dated, undated] = &briefs[..] else { panic!("two briefs") };
        assert_eq!(dated.part(Brief::TITLE), "Đảng bộ phường: bài học");
        assert_eq!(dated.part(Brief::PATH), "a/bai-mot/index.html");
        assert_eq!(dated.part(Brief::LOCALITY), "Phường Đống Đa");
        assert_eq!(dated.part(Brief::DATE), "2023-05-19");
        assert_eq!((dated.year, dated.draft), (2023, false));
        assert_eq!(undated.part(Brief::TITLE), "Nháp");
        assert_eq!(undated.part(Brief::PATH), "b/index.html");
        assert_eq!(undated.part(Brief::DATE), "", "no date, no text");
        assert!(undated.draft);
    }
}
