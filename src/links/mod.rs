//! Links written by editors: relative links to other articles (`../02/bai.md#muc`) and to
//! files beside them become working links from the article's page; a link to a missing
//! article, heading or file is an error at its line.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::i18n::Lang;
use crate::markdown::{self, LinkKind, NoteKind, Rendered};
use crate::mentions::DirectiveMatcher;
use crate::model::{Article, Dimension, Site};
use hints::{did_you_mean, meant, missing};

mod hints;

/// What a relative link can point at.
pub struct LinkTargets<'a> {
    pub articles: HashMap<&'a str, usize>,
    pub drafts: HashSet<&'a str>,
    /// Articles whose front matter has errors: they are reported where they are, and a
    /// link to one is not reported again as a link to a missing article.
    pub unreadable: HashSet<&'a str>,
    pub assets: HashSet<&'a str>,
    /// Directive mentions in running text link to these pages (root-relative, by term).
    pub directives: DirectiveMatcher,
    pub directive_pages: Vec<String>,
}

/// A link to another article's heading, checked once every article's headings are known.
struct AnchorCheck {
    range: Range<usize>,
    target: usize,
    fragment: String,
}

struct Problem {
    message: String,
    hint: Option<String>,
}

/// Rewrites one article's links while its body renders, noting the articles it links
/// to and the headings it needs; links the directives its text mentions.
struct ArticleLinker<'a> {
    content_dir: &'a str,
    page_dir: &'a str,
    dirs: &'a [String],
    targets: &'a LinkTargets<'a>,
    lang: Lang,
    anchors: Vec<AnchorCheck>,
    links_to: Vec<usize>,
}

impl markdown::Linker for ArticleLinker<'_> {
    type Problem = Problem;

    fn resolve(
        &mut self,
        dest: &str,
        kind: LinkKind,
        range: Range<usize>,
    ) -> Result<Option<String>, Problem> {
        let (href, anchor) = resolve(
            dest,
            kind,
            self.content_dir,
            self.page_dir,
            self.dirs,
            self.targets,
            self.lang,
        )?;
        if let Some((target, fragment)) = anchor {
            self.anchors.push(AnchorCheck { range, target, fragment });
        }
        if let Some(target) = href.as_deref().and_then(|_| self.article_target(dest)) {
            self.links_to.push(target);
        }
        Ok(href)
    }

    fn mentions(&mut self, text: &str) -> Vec<markdown::Mention> {
        let matcher = &self.targets.directives;
        matcher
            .find(text)
            .into_iter()
            .map(|found| markdown::Mention {
                range: found.range,
                key: found.term,
                href: relative(self.page_dir, &self.targets.directive_pages[found.term]),
            })
            .collect()
    }
}

impl ArticleLinker<'_> {
    /// The article a resolved destination names, if it names one.
    fn article_target(&self, dest: &str) -> Option<usize> {
        let path = dest.split('#').next()?.split('?').next()?;
        let rel = normalize(self.content_dir, &percent_decode(path))?;
        self.targets.articles.get(rel.as_str()).copied()
    }
}

impl<'a> LinkTargets<'a> {
    /// What the articles of `site` (whose sources are `rels`, in site order) may link to.
    pub fn new(
        site: &Site,
        rels: impl IntoIterator<Item = &'a str>,
        drafts: &'a [String],
        assets: &'a [crate::load::Asset],
        aliases: &[(String, String)],
    ) -> LinkTargets<'a> {
        let directives = site.taxonomy(Dimension::Directive);
        LinkTargets {
            articles: rels.into_iter().enumerate().map(|(i, rel)| (rel, i)).collect(),
            drafts: drafts.iter().map(String::as_str).collect(),
            unreadable: HashSet::new(),
            assets: assets.iter().map(|a| a.rel.as_str()).collect(),
            directives: DirectiveMatcher::new(
                directives.terms.iter().map(|t| t.name.as_str()),
                aliases,
            ),
            directive_pages: (0..directives.terms.len()).map(|t| directives.term_page(t)).collect(),
        }
    }

    /// The same, knowing the articles left out for errors in their front matter.
    pub fn with_unreadable(mut self, rels: &'a [String]) -> LinkTargets<'a> {
        self.unreadable = rels.iter().map(String::as_str).collect();
        self
    }
}

/// One article body rendered with its links rewritten, before its anchors are checked.
struct Body {
    rendered: Rendered,
    bad: Vec<markdown::BadLink<Problem>>,
    anchors: Vec<AnchorCheck>,
    links_to: Vec<usize>,
}

/// Renders the body of the article at `index` whose source is `rel`, page folder `dir`.
fn render_one(
    index: usize,
    (rel, dir, body): (&str, &str, &str),
    dirs: &[String],
    targets: &LinkTargets,
    lang: Lang,
) -> Body {
    let mut linker = ArticleLinker {
        content_dir: rel.rsplit_once('/').map_or("", |(dir, _)| dir),
        page_dir: dir,
        dirs,
        targets,
        lang,
        anchors: Vec::new(),
        links_to: Vec::new(),
    };
    let (rendered, bad) = markdown::render(body, &mut linker);
    let mut links_to = linker.links_to;
    links_to.sort_unstable();
    links_to.dedup();
    links_to.retain(|&t| t != index);
    Body { rendered, bad, anchors: linker.anchors, links_to }
}

/// Renders every article body in parallel, rewriting links; returns the problems found.
/// Each article's `links_to` lists the articles it links to. With `release_sources` (a
/// build that reads only the rendered HTML from here on), each article's Markdown is freed
/// as soon as its body is rendered, unless a link of it to another article's heading is
/// still to be checked: the memory then serves the bodies still to render instead of
/// fresh pages (at 100,000 articles the sources are about 700 MB).
pub fn render_bodies(
    site: &mut Site,
    targets: &LinkTargets,
    lang: Lang,
    release_sources: bool,
) -> Vec<Diagnostic> {
    let dirs: Vec<String> = site.articles.iter().map(|a| a.dir.clone()).collect();
    // Each article's summary and diagnostics are made beside its body: done one by one
    // after, they cost a tenth of the stage at 100,000 articles, reading every article
    // again from memory long out of cache.
    let results: Vec<(Vec<Diagnostic>, Vec<AnchorCheck>)> = site
        .articles
        .par_iter_mut()
        .enumerate()
        .map(|(index, a)| {
            let mut body =
                render_one(index, (&a.source.rel, &a.dir, a.body()), &dirs, targets, lang);
            let mut diagnostics = bad_links(a, std::mem::take(&mut body.bad));
            diagnostics.extend(body_warnings(a, &body.rendered, lang));
            a.summary = summary(&a.front, &body.rendered);
            a.links_to = body.links_to;
            a.rendered = body.rendered;
            if release_sources && body.anchors.is_empty() {
                a.release_source();
            }
            (diagnostics, body.anchors)
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut all_anchors = Vec::new();
    for (index, (found, anchors)) in results.into_iter().enumerate() {
        diagnostics.extend(found);
        all_anchors.extend(anchors.into_iter().map(|a| (index, a)));
    }
    for (index, check) in all_anchors {
        let target = &site.articles[check.target];
        if target.rendered.headings.iter().any(|h| h.id == check.fragment) {
            continue;
        }
        let article = &site.articles[index];
        let pos = LineIndex::new(&article.source.text).pos(article.body_offset + check.range.start);
        let known: Vec<&str> = target.rendered.headings.iter().map(|h| h.id.as_str()).collect();
        let message = match lang {
            Lang::Vi => format!("bài `{}` không có mục `#{}`", target.source.rel, check.fragment),
            Lang::En => {
                format!("article `{}` has no heading `#{}`", target.source.rel, check.fragment)
            }
        };
        let hint = if known.is_empty() {
            lang.pick("bài đích không có đề mục nào", "the target article has no headings")
                .to_string()
        } else {
            format!("{}: #{}", lang.pick("các mục có", "its headings are"), known.join(", #"))
        };
        diagnostics.push(
            Diagnostic::error(&article.source.path, pos, message)
                .with_hint(hint)
                .with_source(&article.source.text),
        );
    }
    diagnostics
}

/// The errors of an article's links that lead nowhere, each at its place in the source.
fn bad_links(article: &Article, bad: Vec<markdown::BadLink<Problem>>) -> Vec<Diagnostic> {
    if bad.is_empty() {
        return Vec::new();
    }
    // Lines are counted only for an article with something to report.
    let lines = LineIndex::new(&article.source.text);
    bad.into_iter()
        .map(|link| {
            let pos = lines.pos(article.body_offset + link.range.start);
            let mut d = Diagnostic::error(&article.source.path, pos, link.problem.message);
            d.hint = link.problem.hint;
            d.with_source(&article.source.text)
        })
        .collect()
}

/// The warnings about a body (`article` holds the source it was read from): a `# heading`
/// (the title is the page's heading, so the body's headings were set a level lower), or
/// a `##Heading` without its space, which is no heading at all.
pub fn body_warnings(article: &Article, rendered: &Rendered, lang: Lang) -> Vec<Diagnostic> {
    if rendered.notes.is_empty() {
        return Vec::new();
    }
    let text = &article.source.text;
    let lines = LineIndex::new(text);
    rendered
        .notes
        .iter()
        .map(|note| {
            let at = article.body_offset + note.at;
            let (message, hint) = match note.kind {
                NoteKind::TopHeading => (
                    lang.pick(
                        "đề mục cấp 1 (`# …`) trong thân bài: tiêu đề bài đã lấy từ `title`",
                        "a level-1 heading (`# …`) in the body: the page's title comes from `title`",
                    )
                    .to_string(),
                    lang.pick(
                        "viết `## …` cho đề mục lớn, `### …` cho mục con (sotay tạm hạ mọi đề mục của bài xuống một cấp)",
                        "write `## …` for a section, `### …` below it (sotay set every heading of the article one level lower)",
                    )
                    .to_string(),
                ),
                NoteKind::SkippedLevel { written, meant, first } => {
                    let hashes = |n: u8| "#".repeat(usize::from(n));
                    let above = hashes(meant - 1);
                    let (written, meant) = (hashes(written), hashes(meant));
                    let message = match (lang, first) {
                        (Lang::Vi, true) => format!("đề mục đầu tiên của bài là `{written}`: dàn bài của trang nhảy cóc từ tiêu đề xuống"),
                        (Lang::Vi, false) => format!("đề mục `{written}` ngay dưới `{above}`: dàn bài của trang nhảy cóc một cấp"),
                        (Lang::En, true) => format!("the article's first heading is `{written}`: the page's outline skips from the title down"),
                        (Lang::En, false) => format!("a `{written}` heading right under a `{above}` one: the page's outline skips a level"),
                    };
                    let hint = match lang {
                        Lang::Vi => format!("viết `{meant} …` (sotay tạm hiển thị đề mục này ở cấp đó)"),
                        Lang::En => format!("write `{meant} …` (sotay shows this heading at that level meanwhile)"),
                    };
                    (message, hint)
                }
                NoteKind::PathWithSpaces => {
                    let dest = text[at..].split([')', '\n']).next().unwrap_or_default();
                    match lang {
                        Lang::Vi => (
                            "đường dẫn có dấu cách: Markdown không tạo liên kết, chữ được in nguyên như vậy".to_string(),
                            format!("đặt đường dẫn trong `<…>`: `(<{dest}>)`"),
                        ),
                        Lang::En => (
                            "a path with spaces: Markdown makes no link and prints the text as written".to_string(),
                            format!("put the path in `<…>`: `(<{dest}>)`"),
                        ),
                    }
                }
                NoteKind::IndentedText => (
                    lang.pick(
                        "đoạn thụt vào từ 4 dấu cách trở lên: trang hiển thị thành khối mã (chữ đơn cách, không xuống dòng)",
                        "text indented four spaces or more: the page shows it as a code block (monospaced, not wrapped)",
                    )
                    .to_string(),
                    lang.pick(
                        "bỏ các dấu cách ở đầu dòng; nếu đúng là mã, đặt giữa hai dòng ```",
                        "remove the spaces at the start of the lines; if it is code, put it between two ``` lines",
                    )
                    .to_string(),
                ),
                NoteKind::HeadingWithoutSpace => {
                    let line = text[at..].lines().next().unwrap_or_default();
                    let rest = line.trim_start_matches('#');
                    let fixed = format!("{} {}", &line[..line.len() - rest.len()], rest);
                    match lang {
                        Lang::Vi => (
                            "dòng bắt đầu bằng `#` liền chữ: đây không phải đề mục".to_string(),
                            format!("thêm dấu cách sau `#`: `{fixed}`"),
                        ),
                        Lang::En => (
                            "a line starting with `#` right before a letter is no heading".to_string(),
                            format!("put a space after the `#`: `{fixed}`"),
                        ),
                    }
                }
            };
            Diagnostic::warning(&article.source.path, lines.pos(at), message)
                .with_hint(hint)
                .with_source(text)
        })
        .collect()
}

/// What an article's lists show of it: the front matter's summary, else the first paragraph.
fn summary(front: &crate::front_matter::FrontMatter, rendered: &Rendered) -> String {
    front.summary.clone().unwrap_or_else(|| rendered.first_paragraph.clone())
}

/// A new body for the article at `index` of an already linked site (`serve`, after an
/// edit): its rendering, summary and the articles it links to. `None` when the body has
/// a problem a full build would report (a bad link, a missing heading), so the caller
/// builds in full and the problem is shown as usual.
pub fn render_body(
    site: &Site,
    index: usize,
    body: &str,
    targets: &LinkTargets,
    lang: Lang,
) -> Option<(Rendered, String, Vec<usize>)> {
    let dirs: Vec<String> = site.articles.iter().map(|a| a.dir.clone()).collect();
    let article = &site.articles[index];
    let out = render_one(index, (&article.source.rel, &article.dir, body), &dirs, targets, lang);
    if !out.bad.is_empty() {
        return None;
    }
    let anchors_ok = out.anchors.iter().all(|check| {
        let headings = match check.target == index {
            true => &out.rendered.headings,
            false => &site.articles[check.target].rendered.headings,
        };
        headings.iter().any(|h| h.id == check.fragment)
    });
    anchors_ok
        .then(|| (summary(&article.front, &out.rendered), out))
        .map(|(summary, out)| (out.rendered, summary, out.links_to))
}

/// A destination rewritten for the article's page, with the (article, fragment) it must
/// find a heading for, if any.
type Resolved = (Option<String>, Option<(usize, String)>);

fn resolve(
    dest: &str,
    kind: LinkKind,
    content_dir: &str,
    page_dir: &str,
    dirs: &[String],
    targets: &LinkTargets,
    lang: Lang,
) -> Result<Resolved, Problem> {
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with('/') || has_scheme(dest) {
        return Ok((None, None));
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let decoded = percent_decode(path);
    let Some(rel) = normalize(content_dir, &decoded) else {
        // A page's address copied from the built site counts from the page's own folder.
        let from_page = normalize(page_dir.trim_end_matches('/'), &decoded);
        let meant = from_page.as_deref().and_then(|rel| meant(rel, dirs, targets));
        return Err(Problem {
            message: match lang {
                Lang::Vi => format!("liên kết `{dest}` trỏ ra ngoài thư mục content/"),
                Lang::En => format!("link `{dest}` points outside content/"),
            },
            hint: Some(match meant {
                Some(meant) => {
                    did_you_mean(&with_fragment(relative(content_dir, meant), fragment), lang)
                }
                None => {
                    lang.pick("bớt `../` trong đường dẫn", "use fewer `../` in the path").into()
                }
            }),
        });
    };
    if rel.ends_with(".md") {
        if let Some(&target) = targets.articles.get(rel.as_str()) {
            let href =
                with_fragment(relative(page_dir, &format!("{}index.html", dirs[target])), fragment);
            let anchor = fragment.filter(|f| !f.is_empty()).map(|f| (target, f.to_string()));
            return Ok((Some(href), anchor));
        }
        if targets.unreadable.contains(rel.as_str()) {
            // Its own errors are reported; this link will work once they are fixed.
            return Ok((None, None));
        }
        return Err(missing(&rel, fragment, kind, content_dir, dirs, targets, lang));
    }
    if targets.assets.contains(rel.as_str()) {
        return Ok((Some(relative(page_dir, &percent_encode(&rel))), None));
    }
    Err(missing(&rel, fragment, kind, content_dir, dirs, targets, lang))
}

/// `path#fragment`, or `path` when there is no fragment: a hint keeps the heading a link
/// was written to.
fn with_fragment(mut path: String, fragment: Option<&str>) -> String {
    if let Some(fragment) = fragment {
        path.push('#');
        path.push_str(fragment);
    }
    path
}

/// The shortest relative URL from a page folder (`a/b/`) to a root-relative path
/// (`a/c.jpg` → `../c.jpg`).
pub fn relative(from_dir: &str, target: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = target.split('/').collect();
    let (to_dirs, _) = to.split_at(to.len() - 1);
    let common = from.iter().zip(to_dirs).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to[common..].join("/"));
    out
}

/// For each article, the articles that link to it, in site order (newest first).
pub fn backlinks(site: &Site) -> Vec<Vec<usize>> {
    let mut back = vec![Vec::new(); site.articles.len()];
    for (from, article) in site.articles.iter().enumerate() {
        for &to in &article.links_to {
            back[to].push(from);
        }
    }
    back
}

/// `https:`, `mailto:`, `//host`: links that leave the site are kept as written.
fn has_scheme(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !dest[..colon].contains('/')
        }
        None => false,
    }
}

/// Joins a relative path to a folder of content/, resolving `.` and `..`; `None` if it
/// climbs above content/.
fn normalize(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes what a URL path cannot hold as it is (spaces, non-ASCII).
pub fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_and_relative_paths_are_told_apart() {
        assert!(has_scheme("https://example.org"));
        assert!(has_scheme("mailto:a@b.vn"));
        assert!(has_scheme("//cdn.example.org/x"));
        assert!(!has_scheme("../a.md"));
        assert!(!has_scheme("a/b:c.md"));
    }

    #[test]
    fn relative_urls_take_the_shortest_way() {
        assert_eq!(relative("quan-10/bai/", "quan-10/anh-1.jpg"), "../anh-1.jpg");
        assert_eq!(relative("quan-10/bai/", "ha-noi/x/index.html"), "../../ha-noi/x/index.html");
        assert_eq!(relative("", "a/index.html"), "a/index.html");
        assert_eq!(relative("a/b/", "a/b/c.pdf"), "c.pdf");
        assert_eq!(relative("a/", "a.jpg"), "../a.jpg");
    }

    #[test]
    fn normalize_refuses_to_climb_out() {
        assert_eq!(normalize("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalize("", "./x/y.jpg").as_deref(), Some("x/y.jpg"));
        assert_eq!(normalize("a", "../../etc/passwd"), None);
    }

    #[test]
    fn percent_round_trip() {
        assert_eq!(percent_encode("ảnh 1.jpg"), "%E1%BA%A3nh%201.jpg");
        assert_eq!(percent_decode("%E1%BA%A3nh%201.jpg"), "ảnh 1.jpg");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
