//! Body edits without a full build. When a save changes only the Markdown body of
//! articles that already exist (same front matter, same links to other articles), `serve`
//! renders those bodies again, their pages and the pages showing their summaries
//! (`apply`), publishes them, and then brings the search index up to date (`settle`).
//! Anything else asks for a full build. Both steps use the pipeline's own stage
//! functions, so the pages are the ones a full build writes; only related lists wait
//! for the next full build.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::build::Snapshot;
use crate::diagnostic::Diagnostic;
use crate::links::{self, LinkTargets};
use crate::output::Memory;
use crate::render::{RenderError, Renderer};
use crate::search::{self, IndexJob};
use crate::{front_matter, load};

use super::say::Reason;

/// Files to put in place and files to take away, root-relative.
#[derive(Debug, Default)]
pub struct Patch {
    pub write: Vec<(String, Arc<[u8]>)>,
    pub remove: Vec<String>,
}

impl Patch {
    pub fn apply(self, files: &mut HashMap<String, Arc<[u8]>>) {
        for rel in self.remove {
            files.remove(&rel);
        }
        files.extend(self.write);
    }

    fn from_memory(memory: Memory) -> Patch {
        Patch { write: memory.into_files().into_iter().collect(), remove: Vec::new() }
    }
}

/// What `apply` made of a batch of changed paths.
#[derive(Debug)]
pub enum Outcome {
    /// No article reads differently (the file was saved unchanged, or only touched).
    Unchanged,
    /// Body edits, rendered; `settle` must follow for the search index and related lists.
    Updated(Update),
    /// A full build is needed; the reason, for the terminal (in Vietnamese, like serve's
    /// other messages).
    Full(Reason),
}

#[derive(Debug)]
pub struct Update {
    /// The edited articles, by index.
    pub articles: Vec<usize>,
    /// Warnings about their front matter.
    pub warnings: Vec<Diagnostic>,
    pub patch: Patch,
    /// Reading and parsing the files, rendering the bodies, rendering the pages.
    pub read: Duration,
    pub markdown: Duration,
    pub pages: Duration,
}

/// An article whose new text differs in its body only.
struct Edit {
    index: usize,
    text: String,
    body_offset: usize,
    /// Warnings about its front matter (an unknown key), shown as a full build would.
    warnings: Vec<Diagnostic>,
}

/// Applies a batch of changed paths under `content_dir` to the snapshot when every one
/// is a body edit of an existing article; the snapshot then holds the new bodies and the
/// patch the pages that changed. On `Full` the snapshot may be half updated: the caller
/// builds in full, which replaces it.
pub fn apply(snapshot: &mut Snapshot, content_dir: &Path, paths: &[PathBuf]) -> Outcome {
    let start = Instant::now();
    let edits = match edits(snapshot, content_dir, paths) {
        Ok(edits) if edits.is_empty() => return Outcome::Unchanged,
        Ok(edits) => edits,
        Err(reason) => return Outcome::Full(reason),
    };
    let read = start.elapsed();

    let lang = snapshot.config.language;
    let site = &snapshot.site;
    let rels = site.articles.iter().map(|a| a.source.rel.as_str());
    let aliases: Vec<(String, String)> =
        snapshot.config.directive_aliases.clone().into_iter().collect();
    let targets = LinkTargets::new(site, rels, &snapshot.drafts, &snapshot.assets, &aliases);
    let mut bodies = Vec::with_capacity(edits.len());
    for edit in &edits {
        let article = &site.articles[edit.index];
        let Some((rendered, summary, links_to)) =
            links::render_body(site, edit.index, &edit.text[edit.body_offset..], &targets, lang)
        else {
            return Outcome::Full(Reason::LINK_ERROR);
        };
        if links_to != article.links_to {
            return Outcome::Full(Reason::LINKS_CHANGED);
        }
        // Other articles may link to a heading of this one: only a full build checks them.
        let headings_changed = rendered.headings != article.rendered.headings;
        if headings_changed && (!snapshot.cross.backlinks[edit.index].is_empty() || edits.len() > 1)
        {
            return Outcome::Full(Reason::LINKED_HEADINGS_CHANGED);
        }
        bodies.push((rendered, summary));
    }
    drop(targets);
    let mut body_warnings = Vec::new();
    for (edit, (rendered, summary)) in edits.iter().zip(bodies) {
        let article = &mut snapshot.site.articles[edit.index];
        article.source.text.clone_from(&edit.text);
        article.body_offset = edit.body_offset;
        article.rendered = rendered;
        article.summary = summary;
        body_warnings.extend(links::body_warnings(article, &article.rendered, lang));
    }
    let markdown = start.elapsed() - read;

    let indices: Vec<usize> = edits.iter().map(|e| e.index).collect();
    let warnings = edits.into_iter().flat_map(|e| e.warnings).chain(body_warnings).collect();
    let memory = Memory::new(lang);
    if let Err(e) = render_pages(snapshot, &indices, &memory) {
        eprintln!("{}: {e}", lang.error_word());
        return Outcome::Full(Reason::PAGE_FAILED);
    }
    let pages = start.elapsed() - read - markdown;
    Outcome::Updated(Update {
        articles: indices,
        warnings,
        patch: Patch::from_memory(memory),
        read,
        markdown,
        pages,
    })
}

/// The changed paths as body edits, or why they are not.
fn edits(snapshot: &Snapshot, content_dir: &Path, paths: &[PathBuf]) -> Result<Vec<Edit>, Reason> {
    let lang = snapshot.config.language;
    let mut edits: Vec<Edit> = Vec::new();
    for path in paths {
        let rel = path.strip_prefix(content_dir).map_err(|_| Reason::OUTSIDE_CONTENT)?;
        let rel =
            rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if !rel.ends_with(".md") {
            return Err(Reason::NOT_AN_ARTICLE);
        }
        let index = snapshot
            .site
            .articles
            .iter()
            .position(|a| a.source.rel == rel)
            .ok_or(Reason::NEW_ARTICLE)?;
        if edits.iter().any(|e| e.index == index) {
            continue;
        }
        let article = &snapshot.site.articles[index];
        let bytes = std::fs::read(path).map_err(|_| Reason::ARTICLE_GONE)?;
        let text = load::decode(&article.source.path, bytes, lang).map_err(|_| Reason::NOT_UTF8)?;
        if text == article.source.text {
            continue;
        }
        let (split, diagnostics) = front_matter::parse(&article.source.path, &text, lang);
        let errors = diagnostics.iter().any(Diagnostic::is_error);
        let Some(split) = split.filter(|_| !errors) else {
            return Err(Reason::FRONT_MATTER_ERROR);
        };
        if split.front != article.front {
            return Err(Reason::FRONT_MATTER_CHANGED);
        }
        edits.push(Edit { index, text, body_offset: split.body_offset, warnings: diagnostics });
    }
    Ok(edits)
}

/// The pages of the edited articles, and where a summary reads differently, the pages
/// listing it: home (10 newest), feed (20 newest) and one page of each of its listings.
fn render_pages(
    snapshot: &mut Snapshot,
    indices: &[usize],
    memory: &Memory,
) -> Result<(), RenderError> {
    let shared = std::mem::take(&mut snapshot.shared);
    let Snapshot { theme, site, config, cross, .. } = &*snapshot;
    let mut renderer = Renderer::with_shared(theme, site, config, cross, shared);
    let mut pages: Vec<Page> = Vec::new();
    for &index in indices {
        pages.push(Page::Article(index));
        if renderer.refresh_summary(index) {
            pages.push(Page::Listings(index));
            if index < crate::render::HOME_LATEST && !pages.contains(&Page::Home) {
                pages.push(Page::Home);
            }
            if index < crate::render::FEED_ENTRIES && !pages.contains(&Page::Feed) {
                pages.push(Page::Feed);
            }
        }
    }
    let sink = |rel: &str, bytes: &[u8]| crate::output::Destination::write(memory, rel, bytes);
    let result = pages.par_iter().try_for_each(|page| match *page {
        Page::Article(index) => renderer.article(index, &sink),
        Page::Listings(index) => renderer.listings_of(index, &sink).map(|_| ()),
        Page::Home => renderer.home(&sink),
        Page::Feed => renderer.feed(&sink),
    });
    snapshot.shared = renderer.into_shared();
    result
}

/// A page, or pages, an edit renders again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Article(usize),
    /// The page of each listing that shows the article.
    Listings(usize),
    Home,
    Feed,
}

/// The second step after `apply`: the edited articles are read again for the search
/// index, and the job that writes the index files is returned (it reads every article's
/// terms, so `serve` runs it on a thread). Related lists stay as they were until the next
/// full build: an edit shifts them only a little (see the README).
pub fn settle(snapshot: &mut Snapshot, articles: &[usize]) -> IndexJob {
    for &index in articles {
        snapshot.documents.update(&snapshot.site, index);
    }
    snapshot.documents.job()
}

/// New index files as a patch of a site whose paths are `current`: the old index files
/// the new index no longer has go away.
pub fn index_patch<'a>(
    files: Vec<(String, Vec<u8>)>,
    current: impl Iterator<Item = &'a String>,
) -> Patch {
    let fresh: HashSet<&str> = files.iter().map(|(rel, _)| rel.as_str()).collect();
    let remove = current.filter(|rel| search::is_index_file(rel) && !fresh.contains(rel.as_str()));
    let remove = remove.cloned().collect();
    Patch { write: files.into_iter().map(|(rel, bytes)| (rel, Arc::from(bytes))).collect(), remove }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{self, Target};

    /// A copy of the crosslinks fixture, two articles a listing page, so edits land on
    /// paginated term pages.
    fn site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crosslinks");
        for entry in walkdir::WalkDir::new(&from).into_iter().map(Result::unwrap) {
            let to = tmp.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let config = tmp.path().join("sotay.yaml");
        let text = std::fs::read_to_string(&config).unwrap();
        std::fs::write(&config, format!("{text}paginate_by: 2\n")).unwrap();
        tmp
    }

    fn full(root: &Path) -> (HashMap<String, Arc<[u8]>>, Box<Snapshot>) {
        let options =
            build::Options { root: root.to_path_buf(), out: Target::Memory, ..Default::default() };
        let report = build::build(&options).unwrap();
        (report.files.unwrap(), report.snapshot.unwrap())
    }

    fn edit(path: &Path, from: &str, to: &str) {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{from:?} in {}", path.display());
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    fn differing(a: &HashMap<String, Arc<[u8]>>, b: &HashMap<String, Arc<[u8]>>) -> Vec<String> {
        let mut keys: Vec<String> = a.keys().chain(b.keys()).cloned().collect();
        keys.sort();
        keys.dedup();
        keys.retain(|k| a.get(k) != b.get(k));
        keys
    }

    /// An article page without its related articles section.
    fn without_related(page: &[u8]) -> String {
        let page = String::from_utf8_lossy(page);
        let Some(start) = page.find("<section id=\"related\"") else { return page.into() };
        let end = page[start..].find("</section>").map_or(page.len(), |e| start + e);
        format!("{}{}", &page[..start], &page[end..])
    }

    #[test]
    fn a_body_edit_serves_what_a_full_build_serves() {
        let tmp = site();
        let root = tmp.path();
        let (mut files, mut snapshot) = full(root);
        let path = root.join("content/hcm/c.md");
        // A new first paragraph: the summary changes, so home, feed and listings do too; its
        // words are e.md's, so e.md moves up the related list of a full build.
        let first = "Đảng bộ DO-DAC-MOI thực hiện Nghị quyết 09-NQ/TU của Tỉnh ủy.";
        edit(&path, "---\nHọc theo", &format!("---\n{first}\n\nHọc theo"));
        // The oldest article: on the second page of its theme.
        let oldest = root.join("content/nghe-an/e.md");
        edit(&oldest, "\n---\n", "\n---\nMột đoạn mới mở đầu bài.\n\n");
        let (fresh, _) = full(root);
        let at = |rel: &str| snapshot.site.articles.iter().position(|a| a.source.rel == rel);
        let (index, e) = (at("hcm/c.md").unwrap(), at("nghe-an/e.md").unwrap());
        let page = snapshot.site.articles[index].page();
        let stale = differing(&files, &fresh);
        for expected in [page.as_str(), "index.html", "atom.xml"] {
            assert!(stale.contains(&expected.to_string()), "{expected} changes: {stale:?}");
        }
        assert!(stale.iter().any(|rel| rel.starts_with(crate::search::DIR)), "{stale:?}");
        assert!(stale.iter().any(|rel| rel.contains("/trang/2/")), "{stale:?}");

        let paths = [path, oldest];
        let Outcome::Updated(update) = apply(&mut snapshot, &root.join("content"), &paths) else {
            panic!("a body edit is applied without a full build");
        };
        assert_eq!(update.articles, [index, e]);
        update.patch.apply(&mut files);
        // After the first step only the search index and related lists are behind.
        let left = differing(&files, &fresh);
        assert!(left.contains(&page), "its related list moved with its text: {left:?}");
        for rel in &left {
            if rel.starts_with(crate::search::DIR) {
                continue;
            }
            let is_article = snapshot.site.articles.iter().any(|a| *rel == a.page());
            assert!(is_article, "{rel} after the first step: {left:?}");
            assert_eq!(without_related(&files[rel]), without_related(&fresh[rel]), "{rel}");
        }
        assert!(String::from_utf8_lossy(&files[&page]).contains("DO-DAC-MOI"));

        let job = settle(&mut snapshot, &update.articles);
        index_patch(job.files(), files.keys()).apply(&mut files);
        // What `sotay build` writes (without keeping documents) is the same index.
        for (rel, bytes) in crate::search::build(&snapshot.site).0 {
            assert_eq!(&*files[&rel], bytes.as_slice(), "{rel}");
        }
        // Related lists wait for the next full build; everything else is as built.
        for rel in differing(&files, &fresh) {
            assert!(!rel.starts_with(crate::search::DIR), "{rel} after settling");
            assert_eq!(without_related(&files[&rel]), without_related(&fresh[&rel]), "{rel}");
        }
    }

    #[test]
    fn other_changes_ask_for_a_full_build() {
        let tmp = site();
        let root = tmp.path();
        let content = root.join("content");
        let (_, mut snapshot) = full(root);
        let path = content.join("hcm/c.md");
        std::fs::write(&path, std::fs::read(&path).unwrap()).unwrap();
        assert!(matches!(
            apply(&mut snapshot, &content, std::slice::from_ref(&path)),
            Outcome::Unchanged
        ));

        // An unknown key leaves the front matter as it was: a warning, still a body edit.
        edit(&path, "year: 2022", "year: 2022\nchude: Xây dựng Đảng");
        match apply(&mut snapshot, &content, std::slice::from_ref(&path)) {
            Outcome::Updated(update) => assert_eq!(update.warnings.len(), 1, "{update:?}"),
            other => panic!("{other:?}"),
        }
        edit(&path, "year: 2022\nchude: Xây dựng Đảng", "year: 2022");
        assert!(matches!(
            apply(&mut snapshot, &content, std::slice::from_ref(&path)),
            Outcome::Updated(_)
        ));
        edit(&path, "year: 2022", "year: 2023");
        assert!(matches!(
            apply(&mut snapshot, &content, std::slice::from_ref(&path)),
            Outcome::Full(_)
        ));
        edit(&path, "year: 2023", "year: 2022");
        edit(&path, "(../ha-noi/a.md)", "(../ha-noi/b.md)");
        assert!(matches!(
            apply(&mut snapshot, &content, std::slice::from_ref(&path)),
            Outcome::Full(_)
        ));
        edit(&path, "(../ha-noi/b.md)", "(../ha-noi/thieu.md)");
        assert!(matches!(apply(&mut snapshot, &content, &[path]), Outcome::Full(_)));

        let new = content.join("hcm/moi.md");
        std::fs::copy(content.join("hcm/d.md"), &new).unwrap();
        assert!(matches!(apply(&mut snapshot, &content, &[new]), Outcome::Full(_)));
        let gone = content.join("hcm/d.md");
        std::fs::remove_file(&gone).unwrap();
        assert!(matches!(apply(&mut snapshot, &content, &[gone]), Outcome::Full(_)));
    }
}
