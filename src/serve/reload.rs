//! The reload signal: Server-Sent Events sent to every open page once a new build is in
//! place (with the pages that moved or went away), or when a build failed (with its
//! errors, which the page shows as an overlay of plain text).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};

use serde::Serialize;

use crate::build::ArticlePage;
use crate::i18n::Lang;

/// The script injected into served HTML pages, as an external file so that a site's own
/// Content-Security-Policy without inline scripts still allows it.
pub const SCRIPT: &str = include_str!("reload.js");

/// What changed between two good builds, for pages to follow their article.
#[derive(Debug, Default, PartialEq, Eq, Serialize)]
pub struct Moves {
    /// Old page path → new page path, both relative to the site root.
    pub renamed: BTreeMap<String, String>,
    /// Pages whose article is gone.
    pub removed: Vec<String>,
}

/// Matches the articles of two builds: by source file first (a changed `slug:` or
/// folder), then by title among the new sources (a renamed file).
pub fn moves(old: &[ArticlePage], new: &[ArticlePage]) -> Moves {
    let new_pages: HashSet<&str> = new.iter().map(|a| a.page.as_str()).collect();
    let new_by_source: HashMap<&str, &ArticlePage> =
        new.iter().map(|a| (a.source.as_str(), a)).collect();
    let old_sources: HashSet<&str> = old.iter().map(|a| a.source.as_str()).collect();
    let mut fresh_by_title: HashMap<&str, &ArticlePage> = HashMap::new();
    for article in new.iter().filter(|a| !old_sources.contains(a.source.as_str())) {
        fresh_by_title.entry(article.title.as_str()).or_insert(article);
    }
    let mut moves = Moves::default();
    for article in old.iter().filter(|a| !new_pages.contains(a.page.as_str())) {
        let successor = new_by_source
            .get(article.source.as_str())
            .or_else(|| fresh_by_title.get(article.title.as_str()));
        match successor {
            Some(next) => {
                moves.renamed.insert(article.page.clone(), next.page.clone());
            }
            None => moves.removed.push(article.page.clone()),
        }
    }
    moves
}

/// One Server-Sent Event, ready to write: `data` is one line of JSON.
pub fn event(name: &str, data: &impl Serialize) -> String {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".into());
    format!("event: {name}\ndata: {json}\n\n")
}

/// The current errors as JSON, for `/__sotay/status` and the `build-error` event.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Status {
    pub errors: Vec<String>,
    /// Whether a good build is being served. Until one is, pages get the errors instead,
    /// and reload once this turns true.
    pub built: bool,
    /// The language of the errors, for the page shown while nothing is built; pages get
    /// the error overlay's own words in it (`text`).
    #[serde(rename = "text", serialize_with = "overlay_text")]
    pub lang: Lang,
}

/// The error overlay's title and close-button label, in the site's language.
fn overlay_text<S: serde::Serializer>(lang: &Lang, serializer: S) -> Result<S::Ok, S::Error> {
    let text = serde_json::json!({
        "title": lang.pick(
            "sotay: lỗi khi dựng lại, đang hiển thị bản tốt gần nhất",
            "sotay: the rebuild failed, showing the last good site",
        ),
        "close": lang.pick("Đóng thông báo lỗi", "Close the error message"),
    });
    text.serialize(serializer)
}

/// Sends each event to every connected page; pages that went away are dropped.
#[derive(Debug, Default)]
pub struct Broadcaster {
    clients: Mutex<Vec<Sender<String>>>,
}

impl Broadcaster {
    pub fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = channel();
        self.lock().push(tx);
        rx
    }

    pub fn send(&self, event: &str) {
        self.lock().retain(|client| client.send(event.to_string()).is_ok());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Sender<String>>> {
        self.clients.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(source: &str, page: &str, title: &str) -> ArticlePage {
        ArticlePage { source: source.into(), page: page.into(), title: title.into() }
    }

    #[test]
    fn renamed_and_deleted_articles_are_followed() {
        let old = [
            page("a.md", "a/index.html", "A"),
            page("b.md", "b/index.html", "B"),
            page("c.md", "c/index.html", "C"),
            page("d.md", "d/index.html", "D"),
        ];
        let new = [
            // a.md got `slug: a2`; b.md became e.md; c.md is gone; d.md is unchanged.
            page("a.md", "a2/index.html", "A"),
            page("e.md", "e/index.html", "B"),
            page("d.md", "d/index.html", "D"),
        ];
        let moves = moves(&old, &new);
        assert_eq!(
            moves.renamed,
            BTreeMap::from([
                ("a/index.html".to_string(), "a2/index.html".to_string()),
                ("b/index.html".to_string(), "e/index.html".to_string()),
            ])
        );
        assert_eq!(moves.removed, ["c/index.html"]);
    }

    #[test]
    fn events_are_one_json_line() {
        let status = Status {
            errors: vec!["a.md:2:1: lỗi\n2 | <script>x</script>".into()],
            ..Status::default()
        };
        let text = event("build-error", &status);
        assert!(text.starts_with("event: build-error\ndata: {"), "{text}");
        assert_eq!(text.matches('\n').count(), 3, "{text}");
        assert!(text.ends_with("\n\n"));
    }

    #[test]
    fn the_overlay_words_come_in_the_sites_language() {
        let words = |lang| {
            let status = Status { lang, ..Status::default() };
            serde_json::to_value(&status).unwrap()["text"].clone()
        };
        let en = words(Lang::En);
        assert_eq!(en["title"], "sotay: the rebuild failed, showing the last good site");
        assert_eq!(en["close"], "Close the error message");
        let vi = words(Lang::Vi);
        assert_eq!(vi["title"], "sotay: lỗi khi dựng lại, đang hiển thị bản tốt gần nhất");
        assert_eq!(vi["close"], "Đóng thông báo lỗi");
    }

    #[test]
    fn every_client_gets_each_event_and_gone_clients_are_dropped() {
        let broadcaster = Broadcaster::default();
        let one = broadcaster.subscribe();
        let two = broadcaster.subscribe();
        drop(two);
        broadcaster.send("x");
        assert_eq!(one.try_recv().unwrap(), "x");
        assert_eq!(broadcaster.lock().len(), 1);
    }
}
