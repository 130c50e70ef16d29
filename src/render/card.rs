//! Cards: an article as lists show it (`card.html`). An article is listed on five or six
//! pages (its directive, locality, year, theme and province, and the home page), so its
//! card is rendered once for each page depth it is listed at and then reused.

use std::sync::OnceLock;

use serde_json::Value;

use super::{PageContext, RenderError, Renderer, root_prefix};

/// Page depths a card is kept for: listings are at most four folders deep
/// (`van-ban/x/trang/2/`); a card for a deeper page is rendered each time.
const DEPTHS: usize = 6;

/// Rendered cards, by page depth and then by article.
pub(super) struct Cards {
    by_depth: Vec<OnceLock<Box<[OnceLock<String>]>>>,
}

impl Default for Cards {
    fn default() -> Cards {
        Cards { by_depth: (0..DEPTHS).map(|_| OnceLock::new()).collect() }
    }
}

impl Cards {
    /// Where the card of `article` at `depth` is kept, if cards at that depth are kept.
    fn slot(&self, depth: usize, article: usize, articles: usize) -> Option<&OnceLock<String>> {
        self.by_depth
            .get(depth)?
            .get_or_init(|| (0..articles).map(|_| OnceLock::new()).collect())
            .get(article)
    }

    /// Forgets the cards of an article whose summary changed.
    pub(super) fn forget(&mut self, article: usize) {
        for depth in &mut self.by_depth {
            if let Some(slot) = depth.get_mut().and_then(|cards| cards.get_mut(article)) {
                slot.take();
            }
        }
    }
}

impl Renderer<'_> {
    /// Puts the cards of `articles` into the context of the page at `path` as `cards`,
    /// rendering the ones not kept yet.
    pub(super) fn insert_cards(
        &self,
        page: &mut PageContext<'_>,
        articles: &[usize],
        path: &str,
    ) -> Result<(), RenderError> {
        let depth = path.matches('/').count();
        // The card context holds only what is the same on every page of that depth.
        let mut context: Option<PageContext<'_>> = None;
        let cards = articles
            .iter()
            .map(|&index| {
                let slot = self.shared.cards.slot(depth, index, self.site.articles.len());
                if let Some(card) = slot.and_then(OnceLock::get) {
                    return Ok(Value::String(card.clone()));
                }
                let context = context.get_or_insert_with(|| {
                    let mut context = self.shared.contexts.lend();
                    context.insert("root", &root_prefix(path));
                    context
                });
                // A clone moved in: `insert` would serialise the value into a copy.
                context.insert_owned("a", self.shared.summaries[index].clone());
                let mut html = Vec::with_capacity(1024);
                self.theme
                    .tera
                    .render_to("card.html", context, &mut html)
                    .map_err(|e| RenderError::template(path, "card.html", &e))?;
                let card = String::from_utf8(html)
                    .map_err(|e| RenderError::writing(&format!("{path} (card.html)"), e))?;
                if let Some(slot) = slot {
                    // Another thread may have rendered it meanwhile: the same text.
                    let _ = slot.set(card.clone());
                }
                Ok(Value::String(card))
            })
            .collect::<Result<Vec<Value>, RenderError>>()?;
        page.insert_owned("cards", Value::Array(cards));
        Ok(())
    }
}
