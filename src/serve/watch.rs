//! The watcher: notify's raw events become a few change kinds, debounced by draining the
//! channel until it has been quiet for a moment, so one save (or one `git checkout`) is
//! one rebuild. notify stays inside this module.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::i18n::Lang;
use crate::load;

/// What changed, which is all the rebuild needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Content,
    Theme,
    Static,
    Config,
}

/// What the serve loop receives: file events, or the request to stop (Ctrl-C).
#[derive(Debug)]
pub enum Message {
    Fs(notify::Result<notify::Event>),
    Stop,
}

/// True for the files editors write beside the one being saved: vim's `.swp`, `.swx`,
/// `~` backups and its `4913` probe, Emacs' `.#x` locks and `#x#` autosaves, JetBrains'
/// `___jb_tmp___`, GNOME's `.goutputstream-*`. Hidden files are never content either.
pub fn is_temporary(name: &str) -> bool {
    load::is_ignored(name) || (name.starts_with('#') && name.ends_with('#'))
}

/// The change kind of one path, or `None` when it cannot change the site.
pub fn classify(root: &Path, path: &Path) -> Option<ChangeKind> {
    let rel = path.strip_prefix(root).ok()?;
    let mut names = Vec::new();
    for component in rel.components() {
        match component {
            Component::Normal(name) => names.push(name.to_string_lossy()),
            _ => return None,
        }
    }
    if names.iter().any(|name| is_temporary(name)) {
        return None;
    }
    match names.first().map(|n| n.as_ref()) {
        Some("content") => Some(ChangeKind::Content),
        Some("themes") => Some(ChangeKind::Theme),
        Some("static") => Some(ChangeKind::Static),
        Some(crate::config::FILE_NAME) if names.len() == 1 => Some(ChangeKind::Config),
        _ => None,
    }
}

/// The change kinds of one notify event. Reads (opening a file to build it) are not
/// changes, or every build would trigger the next.
pub fn kinds(root: &Path, event: &notify::Event) -> BTreeSet<ChangeKind> {
    if matches!(event.kind, EventKind::Access(_)) {
        return BTreeSet::new();
    }
    event.paths.iter().filter_map(|p| classify(root, p)).collect()
}

/// True when the system refused another watch: inotify's per-user limit.
pub fn is_watch_limit(error: &notify::Error) -> bool {
    match &error.kind {
        notify::ErrorKind::MaxFilesWatch => true,
        notify::ErrorKind::Io(e) => {
            e.raw_os_error() == Some(libc::ENOSPC)
                || e.to_string().contains("No space left on device")
        }
        _ => error.to_string().contains("No space left on device"),
    }
}

/// The folders watched recursively; the root itself is watched alone, for sotay.yaml and
/// for these appearing.
const FOLDERS: [&str; 3] = ["content", "themes", "static"];

/// The watches of a site: content/, themes/ and static/ recursively, and the root itself
/// (not recursively) for sotay.yaml and for those folders appearing. Editors replace
/// files on save, so folders are watched, never single files. A watch follows the
/// folder it was put on: `refresh` watches a folder made after serve started, or one
/// replaced by a copy (`rm -r content; cp -r … content`), anew.
pub struct Watches {
    watcher: Box<dyn Watcher + Send>,
    root: PathBuf,
    /// Which folder each watch is on, in `FOLDERS` order; `None` when not watched.
    watched: [Option<FolderId>; 3],
}

/// What tells a folder from another that took its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FolderId {
    device: u64,
    inode: u64,
}

impl FolderId {
    #[cfg(unix)]
    fn of(dir: &Path) -> Option<FolderId> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(dir).ok().filter(|m| m.is_dir())?;
        Some(FolderId { device: meta.dev(), inode: meta.ino() })
    }

    /// Elsewhere a folder is told only from its absence: one made later is watched, one
    /// replaced is not.
    #[cfg(not(unix))]
    fn of(dir: &Path) -> Option<FolderId> {
        dir.is_dir().then_some(FolderId { device: 0, inode: 0 })
    }
}

impl Watches {
    /// Starts watching the site at `root`, sending what it sees to `tx`.
    pub fn start(root: &Path, tx: Sender<Message>, lang: Lang) -> Result<Watches, String> {
        let handler = move |event| {
            let _ = tx.send(Message::Fs(event));
        };
        let native = notify::recommended_watcher(handler.clone()).map_err(|e| e.to_string())?;
        match Watches::all(Box::new(native), root) {
            Ok(watches) => Ok(watches),
            Err(error) if is_watch_limit(&error) => {
                let raise = "sudo sysctl fs.inotify.max_user_watches=524288";
                match lang {
                    Lang::Vi => eprintln!(
                        "cảnh báo: hệ thống đã hết lượt theo dõi tệp (inotify: {error}); \
                         chuyển sang dò định kỳ, chậm hơn. Tăng giới hạn: {raise}"
                    ),
                    Lang::En => eprintln!(
                        "warning: the system has no file watches left (inotify: {error}); \
                         polling instead, which is slower. To raise the limit: {raise}"
                    ),
                }
                let config =
                    notify::Config::default().with_poll_interval(Duration::from_millis(300));
                let poll = notify::PollWatcher::new(handler, config).map_err(|e| e.to_string())?;
                Watches::all(Box::new(poll), root).map_err(|e| e.to_string())
            }
            Err(error) => Err(error.to_string()),
        }
    }

    fn all(mut watcher: Box<dyn Watcher + Send>, root: &Path) -> Result<Watches, notify::Error> {
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut watches = Watches { watcher, root: root.to_path_buf(), watched: [None; 3] };
        watches.refresh()?;
        Ok(watches)
    }

    /// Puts a watch on each folder that exists and is not watched yet, or is not the
    /// folder its watch was put on. Call it before reading the site for a rebuild: what
    /// changes after it is seen, what changed before it is read.
    pub fn refresh(&mut self) -> Result<(), notify::Error> {
        for (name, watched) in FOLDERS.iter().zip(&mut self.watched) {
            let dir = self.root.join(name);
            let now = FolderId::of(&dir);
            if now == *watched {
                continue;
            }
            if watched.is_some() {
                // The old folder is gone or moved; its watch may be gone with it.
                let _ = self.watcher.unwatch(&dir);
            }
            *watched = None;
            if now.is_some() {
                self.watcher.watch(&dir, RecursiveMode::Recursive)?;
                *watched = now;
            }
        }
        Ok(())
    }
}

/// The changes gathered until the sources were quiet.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Batch {
    pub kinds: BTreeSet<ChangeKind>,
    /// The paths under `content/` that changed (files or folders, existing or not).
    pub content: BTreeSet<PathBuf>,
}

impl Batch {
    fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    fn add(&mut self, root: &Path, event: &notify::Event) {
        for kind in kinds(root, event) {
            self.kinds.insert(kind);
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        let content = event.paths.iter().filter(|p| classify(root, p) == Some(ChangeKind::Content));
        self.content.extend(content.cloned());
    }
}

/// Waits for the next change and then for `quiet` without events; returns every change
/// seen, or `None` when asked to stop.
pub fn next_batch(
    rx: &Receiver<Message>,
    root: &Path,
    quiet: Duration,
    lang: Lang,
) -> Option<Batch> {
    let mut changes = Batch::default();
    let add = |message: Message, changes: &mut Batch| match message {
        Message::Stop => false,
        Message::Fs(Ok(event)) => {
            changes.add(root, &event);
            true
        }
        Message::Fs(Err(error)) => {
            eprintln!("{}", super::say::watch_warning(lang, &error.to_string()));
            true
        }
    };
    while changes.is_empty() {
        if !add(rx.recv().ok()?, &mut changes) {
            return None;
        }
    }
    loop {
        match rx.recv_timeout(quiet) {
            Ok(message) => {
                if !add(message, &mut changes) {
                    return None;
                }
            }
            Err(RecvTimeoutError::Timeout) => return Some(changes),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn editor_temporaries_are_ignored() {
        let root = Path::new("/site");
        for name in [
            "bai.md.swp",
            "bai.md.swx",
            ".bai.md.swp",
            "bai.md~",
            "4913",
            ".#bai.md",
            "#bai.md#",
            "bai.md___jb_tmp___",
            "bai.md___jb_old___",
            ".goutputstream-X1Y2Z3",
        ] {
            let path = root.join("content/quan-10").join(name);
            assert_eq!(classify(root, &path), None, "{name}");
        }
        assert_eq!(classify(root, Path::new("/site/content/.git/index")), None);
    }

    #[test]
    fn site_files_are_classified() {
        let root = Path::new("/site");
        let cases = [
            ("content/quan-10/bai.md", Some(ChangeKind::Content)),
            ("content/quan-10", Some(ChangeKind::Content)),
            ("content/ha-noi/anh.jpg", Some(ChangeKind::Content)),
            ("themes/rieng/templates/base.html", Some(ChangeKind::Theme)),
            ("static/robots.txt", Some(ChangeKind::Static)),
            ("sotay.yaml", Some(ChangeKind::Config)),
            ("public/index.html", None),
            ("notes.txt", None),
            ("content/../secret", None),
        ];
        for (rel, expected) in cases {
            assert_eq!(classify(root, &PathBuf::from("/site").join(rel)), expected, "{rel}");
        }
        assert_eq!(classify(root, Path::new("/elsewhere/content/x.md")), None);
    }

    #[test]
    fn reads_are_not_changes() {
        let root = Path::new("/site");
        let read = notify::Event::new(EventKind::Access(notify::event::AccessKind::Any))
            .add_path(root.join("content/bai.md"));
        assert!(kinds(root, &read).is_empty());
        let write = notify::Event::new(EventKind::Modify(notify::event::ModifyKind::Any))
            .add_path(root.join("content/bai.md"));
        assert_eq!(kinds(root, &write), BTreeSet::from([ChangeKind::Content]));
    }

    #[test]
    fn a_batch_keeps_changed_content_paths_but_not_reads_or_temporaries() {
        let root = Path::new("/site");
        let event = |kind: EventKind, rel: &str| notify::Event::new(kind).add_path(root.join(rel));
        let mut batch = Batch::default();
        let data = EventKind::Modify(notify::event::ModifyKind::Any);
        batch.add(root, &event(data, "content/a/bai.md"));
        batch.add(root, &event(data, "content/a/.bai.md.swp"));
        batch.add(root, &event(EventKind::Access(notify::event::AccessKind::Any), "content/b.md"));
        batch.add(root, &event(data, "static/robots.txt"));
        assert_eq!(batch.content, BTreeSet::from([root.join("content/a/bai.md")]));
        assert_eq!(batch.kinds, BTreeSet::from([ChangeKind::Content, ChangeKind::Static]));
    }

    #[test]
    fn watch_limit_is_recognised() {
        assert!(is_watch_limit(&notify::Error::new(notify::ErrorKind::MaxFilesWatch)));
        let enospc = std::io::Error::from_raw_os_error(libc::ENOSPC);
        assert!(is_watch_limit(&notify::Error::io(enospc)));
        let denied = std::io::Error::from_raw_os_error(libc::EACCES);
        assert!(!is_watch_limit(&notify::Error::io(denied)));
    }

    #[test]
    fn a_burst_of_events_is_one_batch_and_stop_ends() {
        let root = Path::new("/site");
        let (tx, rx) = mpsc::channel();
        for i in 0..300 {
            let event = notify::Event::new(EventKind::Create(notify::event::CreateKind::File))
                .add_path(root.join(format!("content/bai-{i}.md")));
            tx.send(Message::Fs(Ok(event))).unwrap();
        }
        let theme = notify::Event::new(EventKind::Remove(notify::event::RemoveKind::File))
            .add_path(root.join("themes/x/templates/base.html"));
        tx.send(Message::Fs(Ok(theme))).unwrap();
        let batch = next_batch(&rx, root, Duration::from_millis(20), Lang::Vi).unwrap();
        assert_eq!(batch.kinds, BTreeSet::from([ChangeKind::Content, ChangeKind::Theme]));
        assert_eq!(batch.content.len(), 300, "every content path is kept, the theme's is not");
        assert!(batch.content.contains(&root.join("content/bai-299.md")));
        assert!(rx.try_recv().is_err(), "the channel was drained");
        tx.send(Message::Stop).unwrap();
        assert!(next_batch(&rx, root, Duration::from_millis(20), Lang::Vi).is_none());
    }
}
