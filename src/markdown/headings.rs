//! Headings: one `<h1>` per page (the title), an outline that never skips a level,
//! stable ids, and the `##Heading` written without its space.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::{Heading, Note, NoteKind};

/// Where a paragraph (at `range` of `body`) starts with `#`s right before a letter: a
/// line `##Kết quả` meant as a heading. One `#` counts only on a line of its own, so a
/// paragraph starting `#hashtag …` and going on is left alone.
pub(super) fn heading_without_space(body: &str, range: Range<usize>) -> Option<Note> {
    let paragraph = &body[range.clone()];
    let first = paragraph.lines().next().unwrap_or_default();
    let text = first.trim_start_matches([' ', '\t']);
    let rest = text.trim_start_matches('#');
    let hashes = text.len() - rest.len();
    let lettered = rest.chars().next().is_some_and(char::is_alphabetic);
    let alone = paragraph.trim_end().len() == first.trim_end().len();
    let meant = lettered && (2..=6).contains(&hashes) || lettered && hashes == 1 && alone;
    meant.then(|| Note {
        at: range.start + (first.len() - text.len()),
        kind: NoteKind::HeadingWithoutSpace,
    })
}

/// Sets every heading one level lower when the body has a level-1 heading; returns where
/// those level-1 headings start.
pub(super) fn demote_headings(events: &mut [(Event, Range<usize>)]) -> Vec<usize> {
    let top: Vec<usize> = events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => Some(range.start),
            _ => None,
        })
        .collect();
    if top.is_empty() {
        return top;
    }
    let lower = |level: &mut HeadingLevel| {
        let below = usize::from(heading_level(*level)) + 1;
        *level = HeadingLevel::try_from(below).unwrap_or(HeadingLevel::H6);
    };
    for (event, _) in events.iter_mut() {
        match event {
            Event::Start(Tag::Heading { level, .. }) | Event::End(TagEnd::Heading(level)) => {
                lower(level)
            }
            _ => {}
        }
    }
    top
}

/// Sets each heading that skips levels below the heading it is under (the title's `<h1>`
/// for the first) at the next level down, and its siblings and the headings under it
/// along with it (`## A`, `#### B`, `#### C`, `##### D` are shown h2, h3, h3, h4); returns
/// where each one that skips was. When the body's headings were lowered for a `# heading`
/// (`demoted`), the levels are set alike but nothing is noted: the `#` warning's hint
/// changes every level, and the skips are told by the next build.
pub(super) fn close_heading_gaps(events: &mut [(Event, Range<usize>)], demoted: bool) -> Vec<Note> {
    let mut notes = Vec::new();
    // The headings the next one may be under: (level written, level shown), the title
    // first.
    let mut open: Vec<(u8, u8)> = vec![(1, 1)];
    let mut shown = HeadingLevel::H1;
    let mut seen = false;
    for (event, range) in events.iter_mut() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let written = heading_level(*level);
                while open.len() > 1 && open.last().is_some_and(|&(w, _)| w >= written) {
                    open.pop();
                }
                let (parent_written, parent_shown) = open.last().copied().unwrap_or((1, 1));
                if written > parent_written + 1 && !demoted {
                    let meant = parent_written + 1;
                    // Right under the title, and before any other heading.
                    let first = open.len() == 1 && !seen;
                    let kind = NoteKind::SkippedLevel { written, meant, first };
                    notes.push(Note { at: range.start, kind });
                }
                let level_shown = written.min(parent_shown + 1);
                *level = HeadingLevel::try_from(usize::from(level_shown)).unwrap_or(*level);
                open.push((written, level_shown));
                seen = true;
                shown = *level;
            }
            Event::End(TagEnd::Heading(level)) => *level = shown,
            _ => {}
        }
    }
    notes
}

/// Gives every heading a stable ASCII id made from its text (an explicit `{#id}` wins),
/// numbered when two headings read the same, and returns the headings in order.
/// The ids the default theme's article page gives its own parts: a heading never takes
/// one ("## Nội dung" would be `noi-dung`, the main landmark's), it gets `noi-dung-2`.
pub(super) const PAGE_IDS: &[&str] = &[
    "noi-dung",
    "search-box-q",
    "toc-title",
    "related",
    "related-title",
    "backlinks",
    "backlinks-title",
    "neighbours",
    "neighbours-title",
];

pub(super) fn assign_heading_ids(events: &mut [(Event, Range<usize>)]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used: HashSet<String> = PAGE_IDS.iter().map(|id| id.to_string()).collect();
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
