//! The pipeline, stage by stage: config → theme → load → front matter → site model →
//! Markdown and links → search index (which hands related articles what it counted) →
//! cross-links → pages, into a staged write. Nothing else lives here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::i18n::Lang;
use crate::links::{self, LinkTargets};
use crate::model::{self, Parsed, Site};
use crate::output::{Destination, Discard, Memory, Refused, Staging};
use crate::progress::Progress;
use crate::related::CrossLinks;
use crate::render::{self, Renderer, Shared, StaticFile, Theme};
use crate::{front_matter, load, search};

/// Where a build puts the site.
#[derive(Debug, Clone, Default)]
pub enum Target {
    /// Check only, write nothing.
    #[default]
    Check,
    /// A folder on disk, replaced atomically on success.
    Folder(PathBuf),
    /// Memory, for `serve`: the files come back in the report.
    Memory,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub out: Target,
    pub drafts: bool,
    pub strict: bool,
    pub base_url: Option<String>,
    pub force: bool,
    /// The process ends once the build is done (`sotay build`, `sotay check`): what the
    /// build holds (the site, its cross-links, the pages' shared parts) is left to the
    /// system, which takes a process's memory back at once, instead of being freed
    /// allocation by allocation, reading back memory long out of the cache. That freeing
    /// took 50 ms at 10,000 articles and 590–630 ms at 100,000; without it whole builds
    /// took 8 % and 7 % less (4 interleaved rounds). `serve` and the tests, which go on,
    /// free it.
    pub exits: bool,
}

/// What a successful run did, for the closing summary line.
#[derive(Debug)]
pub struct Report {
    pub lang: Lang,
    pub articles: usize,
    pub pages: usize,
    pub elapsed: Duration,
    /// Warnings that did not stop the build.
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Vec<Timing>,
    /// The site's files, when built into memory: root-relative path → bytes.
    pub files: Option<HashMap<String, Arc<[u8]>>>,
    /// The whole build, when built into memory.
    pub snapshot: Option<Box<Snapshot>>,
    /// Each article's source and page, so `serve` can follow renamed articles; empty
    /// unless the site was built into memory.
    pub article_pages: Vec<ArticlePage>,
    /// Where `--force` moved the output folder's previous content, if it did.
    pub moved_aside: Option<PathBuf>,
}

/// A build kept in memory by `serve`: every stage's result and the files, so an edit
/// can redo only what it touches (`crate::serve::incremental`).
pub struct Snapshot {
    pub config: Config,
    pub theme: Theme,
    pub site: Site,
    /// Sources of the drafts left out, relative to `content/`.
    pub drafts: Vec<String>,
    pub assets: Vec<load::Asset>,
    pub cross: CrossLinks,
    pub documents: search::Documents,
    pub shared: Shared,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("articles", &self.site.articles.len())
            .finish_non_exhaustive()
    }
}

/// Where one article's page is: its source (relative to `content/`), its page path
/// (relative to the site root) and its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticlePage {
    pub source: String,
    pub page: String,
    pub title: String,
}

#[derive(Debug)]
pub enum Failure {
    /// Problems in the content: exit code 1.
    Content { lang: Lang, diagnostics: Vec<Diagnostic> },
    /// The output folder may not be written: exit code 2.
    Refused(Lang, Refused),
    /// Writing failed (disk full, permissions): exit code 1.
    Io(Lang, String),
}

/// The stages run so far, how long each took and the memory resident after it.
struct Clock {
    start: Instant,
    last: Instant,
    last_cpu: Option<Duration>,
    timings: Vec<Timing>,
}

/// One stage of a build, for `SOTAY_TIMINGS=1`.
#[derive(Debug, Clone)]
pub struct Timing {
    pub stage: &'static str,
    pub time: Duration,
    /// Resident memory when the stage ended, where the system tells it (Linux).
    pub resident: Option<u64>,
    /// Processor time of every thread during the stage (Linux): twice `time` when both
    /// cores of a two-core machine worked throughout.
    pub cpu: Option<Duration>,
}

impl Clock {
    fn new() -> Clock {
        let now = Instant::now();
        Clock { start: now, last: now, last_cpu: cpu_time(), timings: Vec::new() }
    }

    fn lap(&mut self, stage: &'static str) {
        let (now, now_cpu) = (Instant::now(), cpu_time());
        let cpu = now_cpu.zip(self.last_cpu).map(|(now, before)| now.saturating_sub(before));
        let resident = resident_bytes();
        self.timings.push(Timing { stage, time: now - self.last, resident, cpu });
        (self.last, self.last_cpu) = (now, now_cpu);
    }
}

/// User and system time of this process, from `/proc/self/stat` (in 1/100 s).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which may hold spaces, in brackets.
    let mut fields = stat.get(stat.rfind(')')? + 2..)?.split(' ');
    let user: u64 = fields.nth(11)?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}

/// Resident memory of this process, from the `VmRSS` line of `/proc/self/status`.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmRSS:"))?;
    let kib: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kib * 1024)
}

pub fn build(options: &Options) -> Result<Report, Failure> {
    let mut clock = Clock::new();
    let mut diagnostics = Vec::new();
    let (config, config_diagnostics) = Config::load(&options.root);
    diagnostics.extend(config_diagnostics);
    let Some(mut config) = config else {
        return Err(Failure::Content { lang: Lang::Vi, diagnostics });
    };
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    let lang = config.language;
    let theme = match Theme::load(&options.root, &config) {
        Ok((theme, warnings)) => {
            diagnostics.extend(warnings);
            theme
        }
        Err(more) => {
            diagnostics.extend(more);
            return Err(Failure::Content { lang, diagnostics });
        }
    };
    clock.lap("config");

    let content_dir = options.root.join("content");
    if !content_dir.is_dir() {
        let path = load::display_path(&content_dir);
        diagnostics.push(
            Diagnostic::error(&path, diagnostic::Pos::START, lang.pick(
                "không có thư mục content/",
                "there is no content/ folder",
            ))
            .with_hint(lang.pick(
                "chạy lệnh trong thư mục của trang, dùng --root, hoặc tạo trang mới bằng `sotay init`",
                "run in the site folder, pass --root, or create a site with `sotay init`",
            )),
        );
        return Err(Failure::Content { lang, diagnostics });
    }
    let (sources, load_diagnostics) = load::load(&content_dir, lang);
    diagnostics.extend(load_diagnostics);
    clock.lap("load");

    // An article whose front matter has errors is left out, known by its source.
    let parsed: Vec<(Result<Parsed, String>, Vec<Diagnostic>)> = sources
        .articles
        .into_par_iter()
        .map(|source| {
            let (split, found) = front_matter::parse(&source.path, &source.text, lang);
            let parsed = match split {
                Some(s) => Ok(Parsed { source, front: s.front, body_offset: s.body_offset }),
                None => Err(source.rel),
            };
            (parsed, found)
        })
        .collect();
    let mut articles = Vec::with_capacity(parsed.len());
    let mut drafts = Vec::new();
    let mut unreadable = Vec::new();
    for (article, found) in parsed {
        diagnostics.extend(found);
        match article {
            Ok(a) if a.front.draft && !options.drafts => drafts.push(a.source.rel),
            Ok(a) => articles.push(a),
            Err(rel) => unreadable.push(rel),
        }
    }
    clock.lap("front matter");

    let (mut site, model_diagnostics) = model::assemble(articles, lang);
    diagnostics.extend(model_diagnostics);
    clock.lap("model");

    let rels: Vec<String> = site.articles.iter().map(|a| a.source.rel.clone()).collect();
    let aliases: Vec<(String, String)> = config.directive_aliases.clone().into_iter().collect();
    let targets = LinkTargets::new(
        &site,
        rels.iter().map(String::as_str),
        &drafts,
        &sources.assets,
        &aliases,
    )
    .with_unreadable(&unreadable);
    // Past Markdown, the index, related articles and pages read the rendered HTML: a build
    // on disk frees the sources. `serve` keeps them for its next edit.
    let release_sources = matches!(options.out, Target::Folder(_) | Target::Check);
    diagnostics.extend(links::render_bodies(&mut site, &targets, lang, release_sources));
    clock.lap("markdown");

    diagnostic::sort(&mut diagnostics);
    if options.strict {
        // Warnings stop a strict build, so they are reported as the errors they are.
        diagnostics.iter_mut().for_each(|d| d.severity = Severity::Error);
    }
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    if failed {
        return Err(Failure::Content { lang, diagnostics });
    }
    let mut report = Report {
        lang,
        articles: site.articles.len(),
        pages: 0,
        elapsed: Duration::ZERO,
        diagnostics,
        timings: Vec::new(),
        files: None,
        snapshot: None,
        article_pages: match options.out {
            Target::Memory => site
                .articles
                .iter()
                .map(|a| ArticlePage {
                    source: a.source.rel.clone(),
                    page: a.page(),
                    title: a.front.title.clone(),
                })
                .collect(),
            Target::Folder(_) | Target::Check => Vec::new(),
        },
        moved_aside: None,
    };
    // The sources render_bodies kept for its heading checks go too. The index counts every
    // word, and hands related articles what it counted of each article's start; it is
    // written before the pages, and its lists are freed before they are rendered. `check`
    // counts too and renders every page (into nothing), related articles included, so a
    // template that fails on some page fails the check as the build would.
    if release_sources {
        site.articles.par_iter_mut().for_each(model::Article::release_source);
    }
    let parts = |cross| Parts {
        options,
        warnings: &report.diagnostics,
        site: &site,
        cross,
        theme: &theme,
        config: &config,
        assets: &sources.assets,
    };
    match &options.out {
        Target::Check => {
            let samples = search::samples(&site);
            clock.lap("search");
            let cross = CrossLinks::compute(&site, samples);
            clock.lap("cross-links");
            let (pages, shared) = write(&Discard(config.language), &parts(&cross))?;
            report.pages = pages;
            clock.lap("render");
            release(options, (site, cross, targets, theme, shared));
        }
        Target::Folder(out) => {
            let staging = Staging::begin(out, &options.root, options.force, config.language)
                .map_err(|refused| Failure::Refused(config.language, refused))?;
            let (index, samples) = search::build(&site);
            write_files(&staging, index, config.language)?;
            clock.lap("search");
            let cross = CrossLinks::compute(&site, samples);
            clock.lap("cross-links");
            let (pages, shared) = write(&staging, &parts(&cross))?;
            report.pages = pages;
            clock.lap("render");
            let lang = config.language;
            let swapping = |e| Failure::Io(lang, lang.file_error(out, &e));
            report.moved_aside = staging.commit().map_err(swapping)?;
            clock.lap("swap");
            release(options, (site, cross, targets, theme, shared));
        }
        Target::Memory => {
            let (documents, samples) = search::Documents::compute(&site);
            let memory = Memory::new(config.language);
            write_files(&memory, documents.files(), config.language)?;
            clock.lap("search");
            let cross = CrossLinks::compute(&site, samples);
            clock.lap("cross-links");
            let (pages, shared) = write(&memory, &parts(&cross))?;
            report.pages = pages;
            clock.lap("render");
            report.files = Some(memory.into_files());
            report.snapshot = Some(Box::new(Snapshot {
                config,
                theme,
                site,
                drafts,
                assets: sources.assets,
                cross,
                documents,
                shared,
            }));
        }
    }
    report.elapsed = clock.start.elapsed();
    report.timings = clock.timings;
    Ok(report)
}

/// Frees what a finished build held, unless the process is about to end
/// (`Options::exits`).
fn release<T>(options: &Options, held: T) {
    if options.exits {
        std::mem::forget(held);
    }
}

/// What the write stage needs from the stages before it.
struct Parts<'a> {
    options: &'a Options,
    /// The run's warnings, reported with a template's failure.
    warnings: &'a [Diagnostic],
    site: &'a Site,
    cross: &'a CrossLinks,
    theme: &'a Theme,
    config: &'a Config,
    assets: &'a [load::Asset],
}

/// Renders and copies everything into the destination; returns the page count and what
/// the pages shared (kept by `serve` to render single pages later).
fn write(destination: &impl Destination, parts: &Parts) -> Result<(usize, Shared), Failure> {
    let Parts { options, warnings, site, cross, theme, config, assets } = *parts;
    let term_pages: usize = site
        .taxonomies
        .iter()
        .flat_map(|t| &t.terms)
        .map(|t| render::page_count(t.articles.len(), config.paginate_by))
        .sum();
    let progress = Progress::new((site.articles.len() + term_pages + 8) as u64);
    let sink = |rel: &str, bytes: &[u8]| {
        progress.tick();
        destination.write(rel, bytes)
    };
    let renderer = Renderer::new(theme, site, config, cross);
    let lang = config.language;
    let pages = renderer.render_all(&sink).map_err(|e| match theme.diagnostic(&e, lang) {
        Some(error) => {
            let mut diagnostics = warnings.to_vec();
            diagnostics.push(error);
            Failure::Content { lang, diagnostics }
        }
        None => Failure::Io(lang, e.to_string()),
    })?;
    let io = |e: std::io::Error| Failure::Io(lang, e.to_string());
    assets
        .par_iter()
        .try_for_each(|asset| destination.copy(&asset.rel, &asset.path))
        .map_err(io)?;
    for (rel, file) in &theme.statics {
        match file {
            StaticFile::Embedded(bytes) => destination.write(rel, bytes),
            StaticFile::Disk(path) => destination.copy(rel, path),
        }
        .map_err(io)?;
    }
    copy_tree(&options.root.join("static"), destination).map_err(io)?;
    progress.finish();
    Ok((pages, renderer.into_shared()))
}

/// Writes generated files (the search index) into the destination.
fn write_files(
    destination: &impl Destination,
    files: Vec<(String, Vec<u8>)>,
    lang: Lang,
) -> Result<(), Failure> {
    files
        .into_par_iter()
        .try_for_each(|(rel, bytes)| destination.write(&rel, &bytes))
        .map_err(|e| Failure::Io(lang, e.to_string()))
}

/// The site's own `static/` folder, copied as it is.
fn copy_tree(dir: &Path, destination: &impl Destination) -> std::io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).into_iter() {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else { continue };
        let rel =
            rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        destination.copy(&rel, entry.path())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// Counts its drops.
    struct Held<'a>(&'a Cell<u32>);

    impl Drop for Held<'_> {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }

    #[test]
    fn a_build_frees_what_it_held_unless_the_process_ends_with_it() {
        let drops = Cell::new(0);
        release(&Options::default(), (Held(&drops), Held(&drops)));
        assert_eq!(drops.get(), 2, "serve and the tests go on: freed");
        release(&Options { exits: true, ..Options::default() }, Held(&drops));
        assert_eq!(drops.get(), 2, "the process ends: left to the system");
    }
}
