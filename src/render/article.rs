//! The article page: the article, then the articles that lead on from it: related ones
//! with their reasons, the ones that link here, and its neighbours in time.

use serde_json::Value;

use super::{RenderError, Renderer, Sink};
use crate::model::Dimension;
use crate::related::Reason;

impl Renderer<'_> {
    pub fn article(&self, index: usize, sink: &Sink) -> Result<(), RenderError> {
        let article = &self.site.articles[index];
        let path = format!("{}index.html", article.dir);
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
        let article = &self.site.articles[index];
        let front = &article.front;
        // From the article itself: looking each field up in its summary, an object of a
        // dozen keys far from the cache, cost more than making the field again.
        let locality = self.site.taxonomy(Dimension::Locality).terms
            [article.terms[Dimension::Locality as usize][0]]
            .name
            .as_str();
        let mut brief = serde_json::Map::new();
        brief.insert("title".into(), Value::from(front.title.as_str()));
        brief.insert("path".into(), Value::from([article.dir.as_str(), "index.html"].concat()));
        brief.insert("locality".into(), Value::from(locality));
        brief.insert("year".into(), Value::from(front.year));
        brief.insert("date_iso".into(), front.date.map(|d| d.to_string()).into());
        if front.draft {
            brief.insert("draft".into(), Value::Bool(true));
        }
        Value::Object(brief)
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
                    "path": format!("{}index.html", taxonomy.term_dir(t)),
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
