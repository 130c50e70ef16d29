//! `sotay serve`: builds the site into memory, serves it, and rebuilds when a source
//! changes (watcher → change kinds → rebuild → reload event). The output folder is never
//! touched; a failed rebuild keeps the last good site and shows its errors, and while no
//! build has succeeded yet, pages are a list of the errors that reloads once one does.

mod http;
pub mod incremental;
mod reload;
mod say;
mod unbuilt;
mod watch;

use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::build::{self, ArticlePage, Failure, Target};
use crate::i18n::Lang;
use crate::search::IndexJob;

pub const DEFAULT_PORT: u16 = 1111;
/// How many ports after the default are tried when it is taken.
const PORT_TRIES: u16 = 100;
/// How long the sources must be quiet before a rebuild: one save, one rebuild. A save
/// writes within microseconds; a `git checkout` keeps the events coming closer than this.
const QUIET: Duration = Duration::from_millis(20);

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// `None`: the default port, or the next free one; `Some(0)`: any free port.
    pub port: Option<u16>,
    pub drafts: bool,
    pub open: bool,
}

#[derive(Debug)]
pub enum ServeError {
    /// The requested port is taken or may not be used: exit code 2.
    Port(Lang, String),
    /// Anything else that stops the server from starting.
    Io(Lang, String),
}

/// One good build, as served: path → bytes, and where each article's page is.
#[derive(Debug, Default, Clone)]
pub struct SiteFiles {
    pub files: HashMap<String, Arc<[u8]>>,
    pub articles: Vec<ArticlePage>,
}

/// What the request threads share with the rebuild loop.
#[derive(Debug, Default)]
pub struct State {
    site: RwLock<Arc<SiteFiles>>,
    status: RwLock<reload::Status>,
    events: reload::Broadcaster,
    /// Counts the sites published in full and the index jobs started: an index written
    /// for an older site is dropped.
    generation: Mutex<u64>,
}

impl State {
    pub fn site(&self) -> Arc<SiteFiles> {
        Arc::clone(&self.site.read().unwrap_or_else(|p| p.into_inner()))
    }

    pub fn status(&self) -> reload::Status {
        self.status.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The status while no build has succeeded yet; `None` once one has.
    pub fn unbuilt(&self) -> Option<reload::Status> {
        let status = self.status.read().unwrap_or_else(|p| p.into_inner());
        (!status.built).then(|| status.clone())
    }

    /// Puts a new build in place, then tells the pages, in that order.
    fn publish(&self, site: SiteFiles) {
        *self.generation.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        let moves = reload::moves(&self.site().articles, &site.articles);
        *self.site.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(site);
        {
            let mut status = self.status.write().unwrap_or_else(|p| p.into_inner());
            status.errors.clear();
            status.built = true;
        }
        self.events.send(&reload::event("reload", &moves));
    }

    /// Changes some files of the served site in place; with `reload`, tells the pages
    /// once the files are there.
    fn patch(&self, patch: incremental::Patch, reload: bool) {
        {
            let mut site = self.site.write().unwrap_or_else(|p| p.into_inner());
            // Copies the map only while a request still holds the previous one.
            patch.apply(&mut Arc::make_mut(&mut site).files);
        }
        if reload {
            self.status.write().unwrap_or_else(|p| p.into_inner()).errors.clear();
            self.events.send(&reload::event("reload", &reload::Moves::default()));
        }
    }

    /// Puts new search index files in place, unless a newer site or index was started
    /// since `generation`; returns whether it did.
    fn patch_index(&self, generation: u64, files: Vec<(String, Vec<u8>)>) -> bool {
        let current = self.generation.lock().unwrap_or_else(|p| p.into_inner());
        if *current != generation {
            return false;
        }
        let mut site = self.site.write().unwrap_or_else(|p| p.into_inner());
        let patch = incremental::index_patch(files, site.files.keys());
        patch.apply(&mut Arc::make_mut(&mut site).files);
        true
    }

    fn next_generation(&self) -> u64 {
        let mut generation = self.generation.lock().unwrap_or_else(|p| p.into_inner());
        *generation += 1;
        *generation
    }

    /// Records a failed build; returns whether a good site is still served.
    fn fail(&self, lang: Lang, errors: Vec<String>) -> bool {
        let status = {
            let mut status = self.status.write().unwrap_or_else(|p| p.into_inner());
            *status = reload::Status { errors, built: status.built, lang };
            status.clone()
        };
        self.events.send(&reload::event("build-error", &status));
        status.built
    }
}

/// Binds the listener: an explicit port must be free; the default one moves on to the
/// next free port.
fn bind(options: &Options, lang: Lang) -> Result<TcpListener, ServeError> {
    let taken = |port: u16, e: std::io::Error| {
        ServeError::Port(lang, say::port_unusable(lang, port, options.bind, &e))
    };
    if let Some(port) = options.port {
        return TcpListener::bind((options.bind, port)).map_err(|e| taken(port, e));
    }
    for port in DEFAULT_PORT..DEFAULT_PORT + PORT_TRIES {
        match TcpListener::bind((options.bind, port)) {
            Ok(listener) => {
                if port != DEFAULT_PORT {
                    eprintln!("{}", say::port_busy(lang, DEFAULT_PORT, port));
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(taken(port, e)),
        }
    }
    let last = DEFAULT_PORT + PORT_TRIES - 1;
    Err(ServeError::Port(lang, say::ports_busy(lang, DEFAULT_PORT, last)))
}

fn url(address: SocketAddr) -> String {
    format!("http://{}:{}/", http::host(address.ip()), address.port())
}

/// The address to open on this machine: `localhost` for a server bound to every
/// address (`0.0.0.0` is no address a browser on Windows opens).
fn local_url(address: SocketAddr) -> String {
    if address.ip().is_unspecified() {
        format!("http://localhost:{}/", address.port())
    } else {
        url(address)
    }
}

/// For a server bound to every address, the one other machines reach it by: the address
/// of the interface the default route leaves by. A UDP socket "connected" to a
/// documentation address (RFC 5737, RFC 3849) picks it without sending anything. `None`
/// with no network, or for a server bound to one address (which `url` shows already).
fn network_address(address: SocketAddr) -> Option<SocketAddr> {
    let (any, far): (SocketAddr, SocketAddr) = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            (([0, 0, 0, 0], 0).into(), ([192, 0, 2, 1], 9).into())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            let far = std::net::Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
            ((std::net::Ipv6Addr::UNSPECIFIED, 0).into(), (far, 9).into())
        }
        _ => return None,
    };
    let socket = std::net::UdpSocket::bind(any).ok()?;
    socket.connect(far).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then(|| SocketAddr::new(ip, address.port()))
}

/// Builds, serves and rebuilds until Ctrl-C.
pub fn run(options: &Options) -> Result<(), ServeError> {
    // The terminal speaks the site's language from the first line; each build then says
    // which it is, as the editor may change it while serve runs.
    let mut lang = crate::config::Config::load(&options.root).0.map_or(Lang::Vi, |c| c.language);
    let listener = bind(options, lang)?;
    let io = |e: std::io::Error| ServeError::Io(lang, lang.os_error(&e));
    let address = listener.local_addr().map_err(io)?;
    let root = std::fs::canonicalize(&options.root)
        .map_err(|e| ServeError::Io(lang, lang.file_error(&options.root, &e)))?;
    let state = Arc::new(State::default());
    let mut snapshot = rebuild(options, &state, &mut lang);

    let server = tiny_http_server(listener, lang)?;
    let network = network_address(address);
    let hosts = http::Hosts::new(address.ip(), address.port(), network.map(|n| n.ip()));
    http::spawn(Arc::clone(&server), Arc::clone(&state), hosts);

    let index_jobs = spawn_indexer(Arc::clone(&state));
    let (tx, rx) = channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(watch::Message::Stop);
    })
    .map_err(|e| ServeError::Io(lang, e.to_string()))?;
    let mut watches =
        watch::Watches::start(&root, tx, lang).map_err(|e| ServeError::Io(lang, e))?;

    if !address.ip().is_loopback() {
        eprintln!("{}", say::open_to_network(lang, address.ip()));
    }
    let here = local_url(address);
    println!("{}", say::site_at(lang, &here));
    if let Some(lan) = network {
        println!("{}", say::other_machines(lang, &url(lan)));
    }
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&here, lang);
    }

    while let Some(batch) = watch::next_batch(&rx, &root, QUIET, lang) {
        if let Err(error) = watches.refresh() {
            eprintln!("{}", say::watch_warning(lang, &error.to_string()));
        }
        let only_content = batch.kinds.iter().all(|k| *k == watch::ChangeKind::Content);
        if let (true, Some(last)) = (only_content, snapshot.as_deref_mut()) {
            let content: Vec<PathBuf> = batch.content.iter().cloned().collect();
            match update(last, &root.join("content"), &content, &state, &index_jobs) {
                Ok(()) => continue,
                Err(reason) => eprintln!("{}", say::full_build(lang, reason)),
            }
        }
        let names: Vec<String> =
            batch.kinds.iter().map(|c| format!("{c:?}").to_lowercase()).collect();
        eprintln!("{}", say::changed(lang, &names));
        snapshot = rebuild(options, &state, &mut lang);
    }
    server.unblock();
    eprintln!("{}", say::stopped(lang));
    Ok(())
}

fn tiny_http_server(
    listener: TcpListener,
    lang: Lang,
) -> Result<Arc<tiny_http::Server>, ServeError> {
    tiny_http::Server::from_listener(listener, None)
        .map(Arc::new)
        .map_err(|e| ServeError::Io(lang, e.to_string()))
}

/// Body edits of existing articles, without a full build: the edited pages are served
/// and the pages reloaded, then the search index follows on the indexer thread. `Err`
/// says why a full build is needed instead.
fn update(
    snapshot: &mut build::Snapshot,
    content_dir: &std::path::Path,
    paths: &[PathBuf],
    state: &State,
    index_jobs: &Sender<(u64, Lang, IndexJob)>,
) -> Result<(), say::Reason> {
    let start = Instant::now();
    let update = match incremental::apply(snapshot, content_dir, paths) {
        incremental::Outcome::Unchanged => return Ok(()),
        incremental::Outcome::Full(reason) => return Err(reason),
        incremental::Outcome::Updated(update) => update,
    };
    let lang = snapshot.config.language;
    for d in &update.warnings {
        eprintln!("{}\n", d.display(lang));
    }
    let pages = update.patch.write.len();
    let swap = Instant::now();
    state.patch(update.patch, true);
    let times = say::UpdateTimes {
        ready: start.elapsed(),
        read: update.read,
        markdown: update.markdown,
        pages: update.pages,
        swap: swap.elapsed(),
    };
    let job = incremental::settle(snapshot, &update.articles);
    let _ = index_jobs.send((state.next_generation(), lang, job));
    eprintln!("{}", say::updated(lang, update.articles.len(), pages, &times));
    Ok(())
}

/// The thread that writes the search index after body edits: it takes the newest job
/// waiting, so a run of saves writes the index once they pause.
fn spawn_indexer(state: Arc<State>) -> Sender<(u64, Lang, IndexJob)> {
    let (tx, rx) = channel::<(u64, Lang, IndexJob)>();
    std::thread::spawn(move || {
        lower_priority();
        // The index's parallel steps run on a pool of their own, one low-priority thread:
        // on the shared pool they would queue ahead of the next edit's pages.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .start_handler(|_| lower_priority())
            .build();
        while let Ok(mut job) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                job = newer;
            }
            let start = Instant::now();
            let (generation, lang, job) = job;
            let files = match &pool {
                Ok(pool) => pool.install(|| job.files()),
                Err(_) => job.files(),
            };
            if state.patch_index(generation, files) {
                eprintln!("{}", say::index_updated(lang, start.elapsed()));
            }
        }
    });
    tx
}

/// One full build into memory; on success it replaces the served site, on failure the
/// last good site stays and the errors go to the terminal and the open pages. Returns
/// the build for later edits, `None` when it failed (edits then build in full again).
/// `lang` becomes the built site's language.
fn rebuild(options: &Options, state: &State, lang: &mut Lang) -> Option<Box<build::Snapshot>> {
    let start = Instant::now();
    let build_options = build::Options {
        root: options.root.clone(),
        out: Target::Memory,
        drafts: options.drafts,
        ..build::Options::default()
    };
    match build::build(&build_options) {
        Ok(report) => {
            for d in &report.diagnostics {
                eprintln!("{}\n", d.display(report.lang));
            }
            *lang = report.lang;
            let files = report.files.unwrap_or_default();
            state.publish(SiteFiles { files, articles: report.article_pages });
            let built = say::built(*lang, report.articles, report.pages, start.elapsed());
            eprintln!("{built}");
            return report.snapshot;
        }
        Err(Failure::Content { lang: site_lang, diagnostics }) => {
            *lang = site_lang;
            let lang = site_lang;
            let errors: Vec<String> = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.display(lang).to_string())
                .collect();
            for d in &diagnostics {
                eprintln!("{}\n", d.display(lang));
            }
            let count = errors.len();
            let served = state.fail(lang, errors);
            eprintln!("{}", say::failed(lang, count, served));
        }
        Err(Failure::Refused(_, refused)) => {
            eprintln!("{}: {}", lang.error_word(), refused.0);
            state.fail(*lang, vec![refused.0]);
        }
        Err(Failure::Io(_, message)) => {
            eprintln!("{}: {message}", lang.error_word());
            state.fail(*lang, vec![message]);
        }
    }
    None
}

/// Lets the indexer yield to the next edit: on a small machine it would otherwise take
/// a core from the pages being rendered. Linux gives each thread its own nice value.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 10);
    }
}

fn open_browser(url: &str, lang: Lang) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program).arg(url).spawn() {
        eprintln!("{}", say::no_browser(lang, program, &e, url));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_counts_as_built_from_its_first_good_build_on() {
        let state = State::default();
        assert!(state.unbuilt().is_some(), "nothing built yet");
        assert!(!state.fail(Lang::En, vec!["a.md:1:1: x".into()]));
        let unbuilt = state.unbuilt().expect("still nothing built");
        assert_eq!((unbuilt.errors.len(), unbuilt.lang), (1, Lang::En));
        state.publish(SiteFiles::default());
        assert!(state.unbuilt().is_none());
        assert!(state.fail(Lang::Vi, vec!["a.md:1:1: x".into()]), "the good site stays");
        assert!(state.unbuilt().is_none());
    }
}
