//! Markdown to HTML with pulldown-cmark: heading anchors, the table of contents, the first
//! paragraph as a fallback summary, and every link and image passed to a resolver that
//! rewrites it or reports it. pulldown-cmark stays inside this module.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

mod headings;

use headings::{assign_heading_ids, close_heading_gaps, demote_headings, heading_without_space};

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
    /// What the editor is warned about, where it starts in the body.
    pub notes: Vec<Note>,
}

/// Something in a body that renders, but likely not as the editor meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note {
    pub at: usize,
    pub kind: NoteKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// A `# heading`. The page's one `<h1>` is the title, so when the body has such
    /// headings every heading is set one level lower (`#` as `<h2>`, `##` as `<h3>` …,
    /// `######` stays `<h6>`).
    TopHeading,
    /// A heading more than one level below the one before it (`####` after `##`): the
    /// page's outline would skip a level, which screen readers announce and their users
    /// navigate by. It is shown at the level that follows (`<h3>`), and the editor told
    /// to write that: `written` and `meant` are the number of `#`s; `first` when it is
    /// the body's first heading (right under the title).
    SkippedLevel { written: u8, meant: u8, first: bool },
    /// A line `##Kết quả`: without a space after the `#`s it is a paragraph, not a heading.
    HeadingWithoutSpace,
    /// `[…](Quận 10/bài 1.md)`: a destination with spaces is no link in Markdown unless
    /// it is written `<Quận 10/bài 1.md>`, so the text is published as it is written.
    PathWithSpaces,
    /// Lines indented four spaces or more (a paragraph pasted from a word processor, say)
    /// make a code block: monospaced, never wrapped. Fenced code (```) is meant as code.
    IndentedText,
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

/// A mention found in running text that should link somewhere: the first mention of a
/// `key` in each section becomes a link.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub range: Range<usize>,
    pub key: usize,
    pub href: String,
}

/// What the renderer asks about links: how to rewrite an editor's link, and which
/// mentions in a text deserve one.
pub trait Linker {
    type Problem;

    /// Returns the new destination, `None` to keep it, or a problem to report.
    fn resolve(
        &mut self,
        dest: &str,
        kind: LinkKind,
        range: Range<usize>,
    ) -> Result<Option<String>, Self::Problem>;

    /// Mentions in a run of text, in order, not overlapping.
    fn mentions(&mut self, _text: &str) -> Vec<Mention> {
        Vec::new()
    }
}

/// Renders a body, passing every link and image to the linker and linking the first
/// mention of each key per section (never inside headings, links, images or code).
pub fn render<L: Linker>(body: &str, linker: &mut L) -> (Rendered, Vec<BadLink<L::Problem>>) {
    let mut events: Vec<(Event, Range<usize>)> =
        Parser::new_ext(body, options()).into_offset_iter().collect();
    let mut notes: Vec<Note> = demote_headings(&mut events)
        .into_iter()
        .map(|at| Note { at, kind: NoteKind::TopHeading })
        .collect();
    let demoted = !notes.is_empty();
    notes.extend(close_heading_gaps(&mut events, demoted));
    let headings = assign_heading_ids(&mut events);
    let mut bad = Vec::new();
    let mut first_paragraph = String::new();
    let mut paragraph_state = ParagraphState::Before;
    // Headings, links, images and code blocks: no mention is linked inside them.
    let mut no_mentions = 0usize;
    let mut linked_in_section: HashSet<usize> = HashSet::new();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    // Inside an image: its alt text is no paragraph text a summary could use.
    let mut in_image = 0usize;
    for (mut event, range) in events {
        if let Event::Start(Tag::Paragraph) = event {
            notes.extend(heading_without_space(body, range.clone()));
            notes.extend(paths_with_spaces(body, range.clone()));
        }
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) = event {
            // At the first character written, past the indentation.
            let block = &body[range.clone()];
            let indent = block.len() - block.trim_start().len();
            notes.push(Note { at: range.start + indent, kind: NoteKind::IndentedText });
        }
        let link = match &mut event {
            Event::Start(Tag::Link { dest_url, .. }) => Some((dest_url, LinkKind::Link)),
            Event::Start(Tag::Image { dest_url, .. }) => Some((dest_url, LinkKind::Image)),
            _ => None,
        };
        if let Some((dest_url, kind)) = link {
            match linker.resolve(dest_url, kind, range.clone()) {
                Ok(Some(new)) => *dest_url = CowStr::from(new),
                Ok(None) => {}
                Err(problem) => bad.push(BadLink { range: range.clone(), problem }),
            }
        }
        match &event {
            Event::Start(Tag::Heading { .. }) => {
                linked_in_section.clear();
                no_mentions += 1;
            }
            Event::Start(
                Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock,
            ) => {
                no_mentions += 1;
            }
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock,
            ) => {
                no_mentions = no_mentions.saturating_sub(1);
            }
            _ => {}
        }
        match &event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ => {}
        }
        match &event {
            Event::Start(Tag::Paragraph) if paragraph_state == ParagraphState::Before => {
                paragraph_state = ParagraphState::Inside;
            }
            // A paragraph of images only (a photo above the text) is not the first one.
            Event::End(TagEnd::Paragraph) if paragraph_state == ParagraphState::Inside => {
                paragraph_state = if first_paragraph.trim().is_empty() {
                    first_paragraph.clear();
                    ParagraphState::Before
                } else {
                    ParagraphState::After
                };
            }
            Event::Text(text) | Event::Code(text)
                if paragraph_state == ParagraphState::Inside && in_image == 0 =>
            {
                first_paragraph.push_str(text);
            }
            Event::SoftBreak | Event::HardBreak if paragraph_state == ParagraphState::Inside => {
                first_paragraph.push(' ');
            }
            _ => {}
        }
        match event {
            Event::Text(text) if no_mentions == 0 => {
                link_mentions(text, linker, &mut linked_in_section, &mut out)
            }
            event => out.push(event),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    // Every article's page is kept until the site is written: no spare capacity.
    html.shrink_to_fit();
    notes.sort_by_key(|note| note.at);
    (Rendered { html, headings, first_paragraph, notes }, bad)
}

/// Where a paragraph (at `range` of `body`) holds `](destination)` whose destination has
/// a space and no title after it: a link Markdown did not make. Points at the destination.
fn paths_with_spaces(body: &str, range: Range<usize>) -> Vec<Note> {
    let paragraph = &body[range.clone()];
    let mut notes = Vec::new();
    // Most paragraphs hold no `](`: a vectorised search passes over them.
    for i in memchr::memmem::find_iter(paragraph.as_bytes(), b"](") {
        let dest_start = i + 2;
        let Some(len) = paragraph[dest_start..].find([')', '\n']) else { continue };
        let dest = &paragraph[dest_start..dest_start + len];
        let titled = dest
            .split_once(' ')
            .is_some_and(|(_, title)| title.trim_start().starts_with(['"', '\'', '(']));
        if !dest.starts_with('<') && dest.trim().contains(' ') && !titled {
            notes.push(Note { at: range.start + dest_start, kind: NoteKind::PathWithSpaces });
        }
    }
    notes
}

/// Splits a text event around the mentions not yet linked in this section.
fn link_mentions<'a, L: Linker>(
    text: CowStr<'a>,
    linker: &mut L,
    linked: &mut HashSet<usize>,
    out: &mut Vec<Event<'a>>,
) {
    let mentions: Vec<Mention> =
        linker.mentions(&text).into_iter().filter(|m| linked.insert(m.key)).collect();
    if mentions.is_empty() {
        out.push(Event::Text(text));
        return;
    }
    let mut at = 0;
    for mention in mentions {
        if mention.range.start < at || mention.range.end > text.len() {
            continue;
        }
        if mention.range.start > at {
            out.push(Event::Text(CowStr::from(text[at..mention.range.start].to_string())));
        }
        out.push(Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Inline,
            dest_url: CowStr::from(mention.href),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        out.push(Event::Text(CowStr::from(text[mention.range.clone()].to_string())));
        out.push(Event::End(TagEnd::Link));
        at = mention.range.end;
    }
    if at < text.len() {
        out.push(Event::Text(CowStr::from(text[at..].to_string())));
    }
}

#[derive(PartialEq)]
enum ParagraphState {
    Before,
    Inside,
    After,
}

#[cfg(test)]
mod tests {
    use super::headings::PAGE_IDS;
    use super::*;

    struct Keep;

    impl Linker for Keep {
        type Problem = ();
        fn resolve(&mut self, _: &str, _: LinkKind, _: Range<usize>) -> Result<Option<String>, ()> {
            Ok(None)
        }
    }

    /// Links every "05-CT/TW" to one page and rewrites or refuses named destinations.
    struct Test;

    impl Linker for Test {
        type Problem = &'static str;
        fn resolve(
            &mut self,
            dest: &str,
            kind: LinkKind,
            _: Range<usize>,
        ) -> Result<Option<String>, &'static str> {
            match (dest, kind) {
                ("a.md", LinkKind::Link) => Ok(Some("../a/index.html".to_string())),
                ("thieu.jpg", LinkKind::Image) => Err("missing"),
                _ => Ok(None),
            }
        }
        fn mentions(&mut self, text: &str) -> Vec<Mention> {
            text.match_indices("05-CT/TW")
                .map(|(i, m)| Mention { range: i..i + m.len(), key: 5, href: "ct05.html".into() })
                .collect()
        }
    }

    #[test]
    fn headings_get_ascii_ids_numbered_when_repeated() {
        let (rendered, _) = render(
            "## Kết quả đạt được\n\n## Kết quả đạt được\n\n### Bài học {#bai-hoc-rieng}\n",
            &mut Keep,
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
    fn headings_never_take_an_id_of_the_page_around_them() {
        let (rendered, _) = render("## Nội dung\n\n## Liên quan {#related}\n", &mut Keep);
        let ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["noi-dung-2", "related-2"]);
        // The list is the article page's: every id its templates write is in it.
        let page = concat!(
            include_str!("../themes/default/templates/base.html"),
            include_str!("../themes/default/templates/article.html"),
        );
        for (at, _) in page.match_indices(" id=\"") {
            let id = &page[at + 5..];
            let id = &id[..id.find('"').unwrap()];
            assert!(PAGE_IDS.contains(&id), "`{id}` is not in PAGE_IDS");
        }
    }

    #[test]
    fn a_body_with_top_level_headings_is_set_one_level_lower() {
        let body = "Mở đầu.\n\n# Kết quả\n\n## Chi bộ\n\n###### Sâu\n\nKết quả\n===\n";
        let (rendered, _) = render(body, &mut Keep);
        // Both kinds of level-1 heading are found, where they start.
        let top = |at| Note { at, kind: NoteKind::TopHeading };
        let found = [top(body.find("# K").unwrap()), top(body.rfind("Kết").unwrap())];
        // `######` right under `##` skips levels: shown at the next one down, but not told
        // while the `#` warning's hint changes every level.
        assert_eq!(rendered.notes, found);
        // `######` right under `##` skips levels: it follows at the next one down.
        let levels: Vec<u8> = rendered.headings.iter().map(|h| h.level).collect();
        assert_eq!(levels, [2, 3, 4, 2]);
        assert!(!rendered.html.contains("<h1"), "{}", rendered.html);
        assert!(rendered.html.contains(r#"<h3 id="chi-bo">Chi bộ</h3>"#), "{}", rendered.html);
        // Without a `#` heading nothing moves.
        let (rendered, _) = render("## Chi bộ\n", &mut Keep);
        assert!(rendered.notes.is_empty());
        assert_eq!(rendered.headings[0].level, 2);
    }

    #[test]
    fn headings_that_skip_levels_follow_at_the_next_level_down() {
        let body = "#### Mở đầu\n\n## Kết quả\n\n#### Chi bộ\n\n##### Đảng viên\n\n### Tổ\n";
        let (rendered, _) = render(body, &mut Keep);
        let levels: Vec<u8> = rendered.headings.iter().map(|h| h.level).collect();
        assert_eq!(levels, [2, 2, 3, 4, 3], "the outline never skips a level");
        assert!(rendered.html.contains(r#"<h3 id="chi-bo">Chi bộ</h3>"#), "{}", rendered.html);
        assert!(rendered.html.contains(r#"<h4 id="dang-vien">Đảng viên</h4>"#));
        let skipped = |text: &str, written, meant, first| Note {
            at: body.find(text).unwrap(),
            kind: NoteKind::SkippedLevel { written, meant, first },
        };
        // Under `#### Chi bộ` (shown at 3), `##### Đảng viên` is a level below as written:
        // shown at 4, and not told.
        let noted = [skipped("#### Mở", 4, 2, true), skipped("#### Chi", 4, 3, false)];
        assert_eq!(rendered.notes, noted);
        // Headings written at one level stay siblings, each told.
        let body = "## A\n\n#### B\n\n#### C\n\n##### D\n\n## E\n";
        let (rendered, _) = render(body, &mut Keep);
        let levels: Vec<u8> = rendered.headings.iter().map(|h| h.level).collect();
        assert_eq!(levels, [2, 3, 3, 4, 2]);
        let told: Vec<usize> = rendered.notes.iter().map(|n| n.at).collect();
        assert_eq!(told, [body.find("#### B").unwrap(), body.find("#### C").unwrap()]);
        // Only the body's first heading is told it is the first.
        let (rendered, _) = render("### A\n\n### B\n", &mut Keep);
        let firsts: Vec<bool> = rendered
            .notes
            .iter()
            .map(|n| matches!(n.kind, NoteKind::SkippedLevel { first: true, .. }))
            .collect();
        assert_eq!(firsts, [true, false]);
        // Headings a level apart, or going back up, are as they were written.
        let (rendered, _) = render("## A\n\n### B\n\n#### C\n\n## D\n", &mut Keep);
        assert!(rendered.notes.is_empty());
    }

    #[test]
    fn a_heading_written_without_its_space_is_noted() {
        let body = "##Kết quả\n\n#hashtag và chữ\nnối tiếp\n\n#Mục\n\n## Đúng\n\n#5 ý\n";
        let (rendered, _) = render(body, &mut Keep);
        let noted: Vec<&str> = rendered
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::HeadingWithoutSpace)
            .map(|n| &body[n.at..n.at + body[n.at..].find('\n').unwrap()])
            .collect();
        assert_eq!(noted, ["##Kết quả", "#Mục"]);
    }

    #[test]
    fn a_destination_with_spaces_is_noted_where_markdown_made_no_link() {
        let body = "Xem [bài](Quận 10/bài 1.md) và [ảnh](<anh 1.jpg>), [x](a.md \"tên\").";
        let (rendered, _) = render(body, &mut Keep);
        let at: Vec<usize> = rendered.notes.iter().map(|n| n.at).collect();
        assert_eq!(at, [body.find("Quận").unwrap()]);
        assert_eq!(rendered.notes[0].kind, NoteKind::PathWithSpaces);
        assert!(rendered.html.contains(r#"<a href="anh%201.jpg">"#), "{}", rendered.html);
    }

    #[test]
    fn a_photo_above_the_text_is_not_the_first_paragraph() {
        let (rendered, _) = render("![Ảnh hội nghị](anh.png)\n\nĐảng bộ *Phường 12*.", &mut Keep);
        assert_eq!(rendered.first_paragraph, "Đảng bộ Phường 12.");
        let (rendered, _) = render("Xem ![ảnh](a.png) dưới đây.", &mut Keep);
        assert_eq!(rendered.first_paragraph, "Xem  dưới đây.", "text around an image stays");
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let (rendered, _) =
            render("## Tiêu đề\n\nĐảng bộ *Phường 12*\nđã `làm` tốt.\n\nĐoạn hai.", &mut Keep);
        assert_eq!(rendered.first_paragraph, "Đảng bộ Phường 12 đã làm tốt.");
    }

    #[test]
    fn resolver_rewrites_and_reports_links_with_their_ranges() {
        let body = "Xem [bài](a.md) và ![ảnh](thieu.jpg).";
        let (rendered, bad) = render(body, &mut Test);
        assert!(rendered.html.contains(r#"href="../a/index.html""#), "{}", rendered.html);
        assert_eq!(bad.len(), 1);
        assert_eq!(&body[bad[0].range.clone()], "![ảnh](thieu.jpg)");
    }

    #[test]
    fn first_mention_per_section_is_linked_never_in_headings_links_or_code() {
        let body = "## Về 05-CT/TW\n\nTheo 05-CT/TW và lại 05-CT/TW.\n\n[05-CT/TW](x.html) `05-CT/TW`\n\n```\n05-CT/TW\n```\n\n## Phần hai\n\nLần nữa 05-CT/TW.\n";
        let (rendered, _) = render(body, &mut Test);
        assert_eq!(
            rendered.html.matches(r#"<a href="ct05.html">05-CT/TW</a>"#).count(),
            2,
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains(r#"<h2 id="ve-05-ct-tw">Về 05-CT/TW</h2>"#),
            "{}",
            rendered.html
        );
        assert!(rendered.html.contains("và lại 05-CT/TW."), "{}", rendered.html);
        assert!(rendered.html.contains("<code>05-CT/TW</code>"), "{}", rendered.html);
    }
}
