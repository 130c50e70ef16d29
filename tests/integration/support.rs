//! Fixture sites copied to temporary folders, and the `sotay` binary run over them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Asserts that sotay told the user `text` (on stderr), showing all it said if not.
    #[track_caller]
    pub fn says(&self, text: &str) -> &Run {
        assert!(self.stderr.contains(text), "expected `{text}` in:\n{}", self.stderr);
        self
    }
}

/// Runs sotay in `dir` with the given arguments.
pub fn sotay(dir: &Path, args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOTAY_TIMINGS")
        .output()
        .expect("run sotay")
        .into()
}

pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A temporary copy of a fixture site; the folder goes away with the value.
pub struct Site {
    pub tmp: tempfile::TempDir,
}

impl Site {
    pub fn fixture(name: &str) -> Site {
        let tmp = tempfile::tempdir().expect("tempdir");
        copy_dir(&fixture_dir(name), tmp.path());
        Site { tmp }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn run(&self, args: &[&str]) -> Run {
        sotay(self.path(), args)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under a folder with its bytes, for byte-for-byte comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The values of an attribute (`href`, `src`) in an HTML text.
pub fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

/// Where the headings of an HTML text break the outline: a page starts at its one `<h1>`
/// and never skips a level going down (`<h1>` then `<h3>`). Empty when the order holds.
pub fn heading_order_breaks(html: &str) -> Vec<String> {
    let levels: Vec<u8> = html
        .match_indices("<h")
        .filter_map(|(i, _)| {
            let level = *html.as_bytes().get(i + 2)?;
            let after = *html.as_bytes().get(i + 3)?;
            ((b'1'..=b'6').contains(&level) && (after == b'>' || after == b' '))
                .then_some(level - b'0')
        })
        .collect();
    let mut breaks = Vec::new();
    if levels.iter().filter(|&&l| l == 1).count() != 1 || levels.first() != Some(&1) {
        breaks.push(format!("not one leading <h1>: {levels:?}"));
    }
    for pair in levels.windows(2) {
        if pair[1] > pair[0] + 1 {
            breaks.push(format!("<h{}> after <h{}>", pair[1], pair[0]));
        }
    }
    breaks
}

/// Runs one Node test file with the given variables; panics with its report on failure.
pub fn node_test(file: &str, vars: &[(&str, &Path)]) {
    let mut command = Command::new("node");
    command.arg("--test").arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js").join(file));
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = command.output().unwrap_or_else(|e| {
        panic!("node (v18 or later) is required for the JavaScript tests and could not run: {e}")
    });
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "node --test {file} failed:\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(report.contains("# pass") && !report.contains("# pass 0"), "no test ran:\n{report}");
}
