//! Markdown to HTML with pulldown-cmark: heading anchors, the table of contents, the first
//! paragraph as a fallback summary, and every link and image passed to a resolver that
//! rewrites it or reports it. pulldown-cmark stays inside this module.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Plain text of the first paragraph, for articles without a `summary`.
    pub first_paragraph: String,
}

/// What a link or image destination is, for the resolver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
}

/// A destination the resolver refused, with where it is in the body.
#[derive(Debug)]
pub struct BadLink<E> {
    pub range: Range<usize>,
    pub problem: E,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a body. `resolve` gets each link and image destination (and where it is) and returns its new
/// destination, `None` to keep it, or a problem to report.
pub fn render<E>(
    body: &str,
    mut resolve: impl FnMut(&str, LinkKind, Range<usize>) -> Result<Option<String>, E>,
) -> (Rendered, Vec<BadLink<E>>) {
    let mut events: Vec<(Event, Range<usize>)> =
        Parser::new_ext(body, options()).into_offset_iter().collect();
    let headings = assign_heading_ids(&mut events);
    let mut bad = Vec::new();
    let mut first_paragraph = String::new();
    let mut paragraph_state = ParagraphState::Before;
    for (event, range) in &mut events {
        let link = match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some((dest_url, LinkKind::Link)),
            Event::Start(Tag::Image { dest_url, .. }) => Some((dest_url, LinkKind::Image)),
            _ => None,
        };
        if let Some((dest_url, kind)) = link {
            match resolve(dest_url, kind, range.clone()) {
                Ok(Some(new)) => *dest_url = CowStr::from(new),
                Ok(None) => {}
                Err(problem) => bad.push(BadLink { range: range.clone(), problem }),
            }
            continue;
        }
        match event {
            Event::Start(Tag::Paragraph) if paragraph_state == ParagraphState::Before => {
                paragraph_state = ParagraphState::Inside;
            }
            Event::End(TagEnd::Paragraph) if paragraph_state == ParagraphState::Inside => {
                paragraph_state = ParagraphState::After;
            }
            Event::Text(text) | Event::Code(text) if paragraph_state == ParagraphState::Inside => {
                first_paragraph.push_str(text);
            }
            Event::SoftBreak | Event::HardBreak if paragraph_state == ParagraphState::Inside => {
                first_paragraph.push(' ');
            }
            _ => {}
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    (Rendered { html, headings, first_paragraph }, bad)
}

#[derive(PartialEq)]
enum ParagraphState {
    Before,
    Inside,
    After,
}

/// Gives every heading a stable ASCII id made from its text (an explicit `{#id}` wins),
/// numbered when two headings read the same, and returns the headings in order.
fn assign_heading_ids(events: &mut [(Event, Range<usize>)]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 else {
            i += 1;
            continue;
        };
        let level = heading_level(*level);
        let explicit = id.as_ref().map(|id| id.to_string());
        let mut text = String::new();
        let mut j = i + 1;
        while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
            if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                text.push_str(t);
            }
            j += 1;
        }
        let base = explicit.unwrap_or_else(|| {
            let slug = crate::vi::slugify(&text);
            if slug.is_empty() { "muc".to_string() } else { slug }
        });
        let mut anchor = base.clone();
        let mut n = 1;
        while !used.insert(anchor.clone()) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
            *id = Some(CowStr::from(anchor.clone()));
        }
        headings.push(Heading { level, id: anchor, text: text.trim().to_string() });
        i = j;
    }
    headings
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: &str, _: LinkKind, _: Range<usize>) -> Result<Option<String>, ()> {
        Ok(None)
    }

    #[test]
    fn headings_get_ascii_ids_numbered_when_repeated() {
        let (rendered, _) = render(
            "## Kết quả đạt được\n\n## Kết quả đạt được\n\n### Bài học {#bai-hoc-rieng}\n",
            keep,
        );
        let ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["ket-qua-dat-duoc", "ket-qua-dat-duoc-2", "bai-hoc-rieng"]);
        assert!(
            rendered.html.contains(r#"<h2 id="ket-qua-dat-duoc">Kết quả đạt được</h2>"#),
            "{}",
            rendered.html
        );
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let (rendered, _) =
            render("## Tiêu đề\n\nĐảng bộ *Phường 12*\nđã `làm` tốt.\n\nĐoạn hai.", keep);
        assert_eq!(rendered.first_paragraph, "Đảng bộ Phường 12 đã làm tốt.");
    }

    #[test]
    fn resolver_rewrites_and_reports_links_with_their_ranges() {
        let body = "Xem [bài](a.md) và ![ảnh](thieu.jpg).";
        let (rendered, bad) = render(body, |dest, kind, _| match (dest, kind) {
            ("a.md", LinkKind::Link) => Ok(Some("../a/index.html".to_string())),
            ("thieu.jpg", LinkKind::Image) => Err("missing"),
            _ => Ok(None),
        });
        assert!(rendered.html.contains(r#"href="../a/index.html""#), "{}", rendered.html);
        assert_eq!(bad.len(), 1);
        assert_eq!(&body[bad[0].range.clone()], "![ảnh](thieu.jpg)");
    }
}
