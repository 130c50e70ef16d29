//! The output folder is never half-written: a build writes into a staging folder beside
//! it and swaps it in only on success. A failed build leaves the previous site byte for
//! byte and no staging folder behind. Folders sotay did not create are not touched.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::i18n::Lang;

/// Marks a folder as sotay's output, so a later build may replace it.
pub const MARKER: &str = ".sotay-output";

/// Why an output folder was refused.
#[derive(Debug)]
pub struct Refused(pub String);

/// A staging folder being filled; dropped without `commit`, it is removed.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    /// The output folder as the editor named it, and the language, for errors.
    shown: PathBuf,
    lang: Lang,
    /// Where a foreign folder's previous content goes when `--force` replaces it.
    backup: Option<PathBuf>,
    committed: bool,
}

fn absolute(path: &Path) -> io::Result<PathBuf> {
    // The output may not exist yet: resolve its parent and keep its own name.
    match fs::canonicalize(path) {
        Ok(p) => Ok(p),
        Err(_) => {
            let parent =
                path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let name = path.file_name().ok_or_else(|| io::Error::other("no folder name"))?;
            Ok(fs::canonicalize(parent)?.join(name))
        }
    }
}

fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!(".{name}.sotay-{what}-{}", std::process::id()))
}

impl Staging {
    /// Checks that `out` may be replaced, then creates the staging folder beside it.
    pub fn begin(out: &Path, root: &Path, force: bool, lang: Lang) -> Result<Staging, Refused> {
        let shown = crate::load::display_path(out);
        let io_refusal = |e: io::Error| Refused(lang.file_error(&shown, &e));
        let out_abs = absolute(out).map_err(io_refusal)?;
        let root_abs = fs::canonicalize(root).map_err(io_refusal)?;
        let content_abs = root_abs.join("content");
        if root_abs.starts_with(&out_abs) || out_abs.starts_with(&content_abs) {
            return Err(Refused(match lang {
                Lang::Vi => format!(
                    "không ghi vào `{}`: đó là thư mục của trang hoặc nằm trong content/; chọn thư mục khác bằng --out",
                    out.display()
                ),
                Lang::En => format!(
                    "refusing to write into `{}`: it is the site folder or inside content/; choose another with --out",
                    out.display()
                ),
            }));
        }
        let mut backup = None;
        if out_abs.exists() {
            if !out_abs.is_dir() {
                return Err(Refused(match lang {
                    Lang::Vi => format!("`{}` là một tệp, không phải thư mục", out.display()),
                    Lang::En => format!("`{}` is a file, not a folder", out.display()),
                }));
            }
            let ours = out_abs.join(MARKER).is_file();
            let empty = fs::read_dir(&out_abs).map_err(io_refusal)?.next().is_none();
            if !ours && !empty {
                if !force {
                    return Err(Refused(match lang {
                        Lang::Vi => format!(
                            "thư mục `{}` có sẵn tệp mà sotay không tạo ra; chọn thư mục khác, hoặc thêm --force (nội dung cũ sẽ được cất sang thư mục bên cạnh, không bị xóa)",
                            out.display()
                        ),
                        Lang::En => format!(
                            "`{}` holds files sotay did not create; choose another folder, or add --force (its content is moved aside, never deleted)",
                            out.display()
                        ),
                    }));
                }
                // A name that says when, and never one already taken.
                let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
                let name = out_abs
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let free = (1..).map(|n| match n {
                    1 => out_abs.with_file_name(format!("{name}.bak-{stamp}")),
                    n => out_abs.with_file_name(format!("{name}.bak-{stamp}-{n}")),
                });
                backup = free.take(1000).find(|path| !path.exists());
            }
        }
        remove_stale_staging(&out_abs);
        let dir = sibling(&out_abs, "staging");
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_refusal)?;
        }
        fs::create_dir_all(&dir).map_err(io_refusal)?;
        fs::write(dir.join(MARKER), "sotay\n").map_err(io_refusal)?;
        Ok(Staging { dir, out: out_abs, shown, lang, backup, committed: false })
    }

    /// Writes one file of the site, `rel` being its root-relative path with `/`.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        let written = || {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, bytes)
        };
        written().map_err(|e| self.explained(rel, e))
    }

    pub fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        // A file that cannot be read is named where it is, in the site's sources.
        let mut source = fs::File::open(from).map_err(|e| unreadable(from, &e, self.lang))?;
        let path = self.dir.join(rel);
        let mut copied = || {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            io::copy(&mut source, &mut fs::File::create(&path)?).map(|_| ())
        };
        copied().map_err(|e| self.explained(rel, e))
    }

    /// An error writing `rel`, naming the file where the editor will look for it (in the
    /// output folder, not the staging folder beside it) and saying what went wrong in the
    /// site's language: "public/nam/2000/index.html: ổ đĩa đã đầy (…)".
    fn explained(&self, rel: &str, error: io::Error) -> io::Error {
        let path = self.shown.join(rel);
        io::Error::new(error.kind(), self.lang.file_error(&path, &error))
    }

    /// Puts the staged site in place of the output folder, in one rename where the
    /// system allows it, and removes the previous site. Returns where a folder sotay did
    /// not create was moved aside (`--force`), if one was.
    pub fn commit(mut self) -> io::Result<Option<PathBuf>> {
        if let Some(backup) = &self.backup {
            fs::rename(&self.out, backup)?;
        }
        if !self.out.exists() {
            fs::rename(&self.dir, &self.out)?;
            self.committed = true;
            return Ok(self.backup.take());
        }
        let old = sibling(&self.out, "old");
        swap(&self.dir, &self.out, &old)?;
        self.committed = true;
        // `dir` now holds the previous site (or it sits at `old`); either way it goes.
        remove_tree(&self.dir);
        remove_tree(&old);
        Ok(None)
    }
}

/// Deletes a folder, its top-level entries side by side: one by one, unlinking a large
/// site's files takes about as long as writing them. Best effort, like `remove_dir_all`.
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let Ok(entries) = fs::read_dir(dir) else { return };
    let entries: Vec<fs::DirEntry> = entries.flatten().collect();
    entries.par_iter().for_each(|entry| {
        // The entry's own type: a symbolic link is removed, never followed.
        let _ = match entry.file_type() {
            Ok(kind) if kind.is_dir() => fs::remove_dir_all(entry.path()),
            _ => fs::remove_file(entry.path()),
        };
    });
    let _ = fs::remove_dir_all(dir);
}

/// Exchanges the two folders atomically on Linux; elsewhere moves the old one aside first.
fn swap(staged: &Path, out: &Path, old: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staged, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    fs::rename(out, old)?;
    if let Err(e) = fs::rename(staged, out) {
        let _ = fs::rename(old, out);
        return Err(e);
    }
    Ok(())
}

/// Where a build puts the files of the site: a staging folder or memory.
pub trait Destination: Sync {
    /// Writes one file of the site, `rel` being its root-relative path with `/`.
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
    /// Copies a file from disk to `rel`.
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()>;
}

impl Destination for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, rel, bytes)
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        Staging::copy(self, rel, from)
    }
}

/// A source file that cannot be read, named where it is, the cause in `lang`'s words.
fn unreadable(from: &Path, error: &io::Error, lang: Lang) -> io::Error {
    io::Error::new(error.kind(), lang.file_error(from, error))
}

/// Nowhere: `check` renders every page to see that it can, and keeps none. The files it
/// would copy are opened, so that one the build could not read fails the check too.
pub struct Discard(pub Lang);

impl Destination for Discard {
    fn write(&self, _: &str, _: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn copy(&self, _: &str, from: &Path) -> io::Result<()> {
        fs::File::open(from).map(|_| ()).map_err(|e| unreadable(from, &e, self.0))
    }
}

/// A site held in memory (root-relative path → bytes), for `serve`, which never
/// writes the output folder. A file it cannot copy is named in `lang`'s words.
#[derive(Debug)]
pub struct Memory {
    files: Mutex<HashMap<String, Arc<[u8]>>>,
    lang: Lang,
}

impl Memory {
    pub fn new(lang: Lang) -> Memory {
        Memory { files: Mutex::default(), lang }
    }

    /// The files written; shared, so a site that changes one page keeps the others.
    pub fn into_files(self) -> HashMap<String, Arc<[u8]>> {
        self.files.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn insert(&self, rel: &str, bytes: Arc<[u8]>) {
        let mut files = self.files.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        files.insert(rel.to_string(), bytes);
    }
}

impl Destination for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.insert(rel, Arc::from(bytes));
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let bytes = fs::read(from).map_err(|e| unreadable(from, &e, self.lang))?;
        self.insert(rel, Arc::from(bytes));
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Staging folders left by a build that was killed: removed when their process is gone.
fn remove_stale_staging(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else { return };
    let prefix = format!(".{}.sotay-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else { continue };
        let pid = rest.rsplit('-').next().and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|pid| {
            pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists()
        });
        if !alive && entry.path().join(MARKER).is_file() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn removing_a_tree_deletes_links_but_never_what_they_point_to() {
        let tmp = tempfile::tempdir().unwrap();
        let keep = tmp.path().join("keep");
        fs::create_dir(&keep).unwrap();
        fs::write(keep.join("anh.jpg"), b"x").unwrap();
        let old = tmp.path().join("old");
        for dir in ["a/b/c", "d"] {
            fs::create_dir_all(old.join(dir)).unwrap();
            fs::write(old.join(dir).join("index.html"), b"x").unwrap();
        }
        fs::write(old.join("atom.xml"), b"x").unwrap();
        std::os::unix::fs::symlink(&keep, old.join("link")).unwrap();
        std::os::unix::fs::symlink(&keep, old.join("a/link")).unwrap();
        remove_tree(&old);
        assert!(!old.exists());
        assert!(keep.join("anh.jpg").exists(), "a link's target stays");
    }

    #[test]
    fn a_file_that_cannot_be_written_is_named_where_the_editor_looks() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir(root.join("content")).unwrap();
        let out = root.join("public");
        let staging = Staging::begin(&out, root, false, Lang::Vi).unwrap();
        staging.write("nam", b"a file where a folder must go").unwrap();
        let error = staging.write("nam/2000/index.html", b"x").unwrap_err().to_string();
        let named = format!("{}: ", out.join("nam/2000/index.html").display());
        assert!(error.starts_with(&named), "{error}");
        assert!(!error.contains("sotay-staging"), "{error}");
        // A source that cannot be read is named where it is, not where it would go.
        let gone = root.join("content/anh.jpg");
        let error = staging.copy("anh.jpg", &gone).unwrap_err().to_string();
        assert!(error.starts_with(&format!("{}: không tìm thấy (", gone.display())), "{error}");
        // `check` writes nothing but opens what it would copy, to fail as the build would;
        // `serve` reads it into memory and says the same.
        let checked = Discard(Lang::Vi).copy("anh.jpg", &gone).unwrap_err().to_string();
        assert_eq!(checked, error);
        let served = Memory::new(Lang::Vi).copy("anh.jpg", &gone).unwrap_err().to_string();
        assert_eq!(served, error);
        let english = Memory::new(Lang::En).copy("anh.jpg", &gone).unwrap_err().to_string();
        assert!(english.starts_with(&format!("{}: not found (", gone.display())), "{english}");
    }

    #[test]
    fn failed_build_leaves_previous_output_and_no_staging() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir(root.join("content")).unwrap();
        let out = root.join("public");
        let first = Staging::begin(&out, root, false, Lang::Vi).unwrap();
        first.write("index.html", b"one").unwrap();
        first.commit().unwrap();
        let second = Staging::begin(&out, root, false, Lang::Vi).unwrap();
        second.write("index.html", b"two").unwrap();
        drop(second);
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
        let names: Vec<_> = fs::read_dir(root).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn refuses_root_content_and_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("content/x")).unwrap();
        fs::create_dir(root.join("mine")).unwrap();
        fs::write(root.join("mine/note.txt"), "keep").unwrap();
        assert!(Staging::begin(root, root, true, Lang::Vi).is_err());
        assert!(Staging::begin(&root.join("content/x"), root, true, Lang::Vi).is_err());
        assert!(Staging::begin(&root.join("mine"), root, false, Lang::Vi).is_err());
        let forced = Staging::begin(&root.join("mine"), root, true, Lang::Vi).unwrap();
        let told = forced.commit().unwrap().expect("where the folder went");
        let backup = fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("mine.bak-"));
        assert_eq!(backup.as_ref(), Some(&told), "the folder named is the one moved aside");
        assert_eq!(fs::read_to_string(told.join("note.txt")).unwrap(), "keep");
        // A second forced build in the same second gets a name of its own.
        fs::write(root.join("mine/other.txt"), "also").unwrap();
        fs::remove_file(root.join("mine").join(MARKER)).unwrap();
        let again = Staging::begin(&root.join("mine"), root, true, Lang::Vi).unwrap();
        let second = again.commit().unwrap().expect("moved aside again");
        assert_ne!(second, told);
        assert_eq!(fs::read_to_string(told.join("note.txt")).unwrap(), "keep");
    }
}
