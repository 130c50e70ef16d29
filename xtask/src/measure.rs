//! Timing one child process: wall time, CPU time (user + system, from `wait4`, and the
//! system part alone) and peak resident memory (`ru_maxrss`), plus the small statistics the
//! report needs, and the setup the tasks share: sotay's binaries and generated corpora.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What `bench` and `instructions` start from: sotay's release binaries, found, and a fresh
/// folder for corpora and outputs, removed when dropped.
pub struct Setup {
    pub sotay: PathBuf,
    /// Makes the corpora, and also measures search and serve.
    pub sotay_bench: PathBuf,
    pub work: tempfile::TempDir,
}

impl Setup {
    /// Fails, saying what to run, when a binary is missing; creates `out` and `work_dir`.
    pub fn new(bin_dir: &Path, out: &Path, work_dir: &Path, prefix: &str) -> std::io::Result<Self> {
        let sotay = bin_dir.join("sotay");
        let sotay_bench = bin_dir.join("sotay-bench");
        for binary in [&sotay, &sotay_bench] {
            if !binary.is_file() {
                return Err(std::io::Error::other(format!(
                    "{} is missing: run `cargo build --release --bins` first",
                    binary.display()
                )));
            }
        }
        std::fs::create_dir_all(out)?;
        std::fs::create_dir_all(work_dir)?;
        let work = tempfile::Builder::new().prefix(prefix).tempdir_in(work_dir)?;
        Ok(Setup { sotay, sotay_bench, work })
    }

    /// `sotay-bench corpus` of `articles` articles, its text from `root`'s `content/`.
    pub fn corpus(&self, articles: usize, root: &Path) -> std::io::Result<PathBuf> {
        let corpus = self.work.path().join(format!("sotay-{articles}"));
        let mut generate = Command::new(&self.sotay_bench);
        generate.args(["corpus", "--articles", &articles.to_string(), "--out"]).arg(&corpus);
        generate.arg("--text-from").arg(root.join("content"));
        run(&mut generate, &self.work.path().join("corpus.log"))?;
        Ok(corpus)
    }
}

/// What `binary --version` prints, or nothing.
pub fn version(binary: &Path) -> String {
    Command::new(binary)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// One run of a command.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub wall: Duration,
    /// User and system time together.
    pub cpu: Duration,
    /// The system part of `cpu`: on this project's VM, where a run's time drifts it is
    /// here (the kernel zeroing pages on first touch), so the report shows it.
    pub system: Duration,
    pub peak_kib: u64,
}

/// Runs `command` to its end and measures it. Its output goes to `log` (a file, so a chatty
/// child never blocks on a full pipe); a failure carries the log's last lines.
pub fn run(command: &mut Command, log: &Path) -> std::io::Result<Sample> {
    let file = std::fs::File::create(log)?;
    let start = Instant::now();
    let child = command.stdin(Stdio::null()).stdout(file.try_clone()?).stderr(file).spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // std's wait gives no rusage; wait4 gives the child's own CPU time and peak memory.
    #[allow(unsafe_code)]
    let (waited, usage) =
        unsafe { (libc::wait4(pid, &mut status, 0, usage.as_mut_ptr()), usage.assume_init()) };
    let wall = start.elapsed();
    if waited != pid {
        return Err(std::io::Error::last_os_error());
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(15).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        // A child killed by the kernel (SIGKILL from the OOM killer) is told apart, with
        // how far it got.
        let how = match libc::WIFSIGNALED(status) {
            true => format!("killed by signal {}", libc::WTERMSIG(status)),
            false => format!("exit status {}", libc::WEXITSTATUS(status)),
        };
        return Err(std::io::Error::other(format!(
            "{} {how} after {:.0} s, peak memory {:.0} MiB:\n{}",
            command.get_program().to_string_lossy(),
            wall.as_secs_f64(),
            usage.ru_maxrss as f64 / 1024.0,
            tail.join("\n")
        )));
    }
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok(Sample {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        system: time(usage.ru_stime),
        peak_kib: usage.ru_maxrss as u64,
    })
}

/// The median; for an even count, the mean of the two middle values.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Load averages over 1, 5 and 15 minutes, from /proc/loadavg (empty where unreadable).
pub fn load_average() -> Vec<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| text.split_whitespace().take(3).filter_map(|v| v.parse().ok()).collect())
        .unwrap_or_default()
}

/// Bytes and files under `dir`, following no symlinks.
pub fn dir_size(dir: &Path) -> (u64, u64) {
    let (mut bytes, mut files) = (0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                bytes += entry.metadata().map_or(0, |m| m.len());
                files += 1;
            }
        }
    }
    (bytes, files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn a_child_is_timed_and_its_memory_seen() {
        let log = tempfile::NamedTempFile::new().expect("temp file");
        // A shell that allocates ~64 MiB and spins for a moment.
        let mut command = Command::new("sh");
        command.args(["-c", "x=$(head -c 67108864 /dev/zero | tr '\\0' a); i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo ${#x}"]);
        let sample = run(&mut command, log.path()).expect("sh runs");
        assert!(sample.wall > Duration::ZERO);
        assert!(sample.cpu > Duration::ZERO, "the loop costs CPU time");
        assert!(sample.peak_kib > 60 * 1024, "peak {} KiB", sample.peak_kib);
        let printed = std::fs::read_to_string(log.path()).expect("log");
        assert_eq!(printed.trim(), "67108864");
    }

    #[test]
    fn a_failing_child_is_an_error_with_its_output() {
        let log = tempfile::NamedTempFile::new().expect("temp file");
        let mut command = Command::new("sh");
        command.args(["-c", "echo broken >&2; exit 3"]);
        let error = run(&mut command, log.path()).expect_err("exit 3 fails");
        assert!(error.to_string().contains("broken"), "{error}");
        assert!(error.to_string().contains("exit status 3"), "{error}");
    }

    #[test]
    fn sizes_add_up() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("a")).expect("mkdir");
        std::fs::write(dir.path().join("a/x"), [0u8; 10]).expect("write");
        std::fs::write(dir.path().join("y"), [0u8; 5]).expect("write");
        assert_eq!(dir_size(dir.path()), (15, 2));
    }
}
