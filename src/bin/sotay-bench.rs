//! The corpus generator and the build benchmark. `corpus` writes N synthetic articles
//! (front matter like the real ones, Vietnamese text stitched from the bundled content,
//! relative links between articles); `build` times `sotay build` on such corpora and
//! prints medians of wall time, CPU time and peak memory; `serve` times save-to-ready
//! under `sotay serve`: from writing an article to its new text being served; `search`
//! reports the search index: its size, the bytes a query downloads and the query time (the
//! JS engine under Node, `tests/js/bench.js`), and the index stage's share of the build.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "sotay-bench", about = "Corpus generator and benchmark for sotay")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Write a synthetic site of N articles into DIR (which must not exist).
    Corpus {
        #[arg(long)]
        articles: usize,
        #[arg(long)]
        out: PathBuf,
        /// Where to take the Vietnamese text from.
        #[arg(long, default_value = "content")]
        text_from: PathBuf,
    },
    /// Build corpora of the given sizes several times and print medians.
    Build {
        /// Comma-separated article counts.
        #[arg(long, default_value = "1000,10000", value_delimiter = ',')]
        articles: Vec<usize>,
        /// Measured runs per size, after one warm-up run.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        #[arg(long, default_value = "content")]
        text_from: PathBuf,
        /// The sotay binary to measure [default: beside this one].
        #[arg(long)]
        sotay: Option<PathBuf>,
    },
    /// Start `sotay serve` on a corpus, edit one article per run and time until the new
    /// text is served; print the median.
    Serve {
        #[arg(long, default_value_t = 10000)]
        articles: usize,
        #[arg(long, default_value_t = 5)]
        runs: usize,
        #[arg(long, default_value = "content")]
        text_from: PathBuf,
        /// The sotay binary to measure [default: beside this one].
        #[arg(long)]
        sotay: Option<PathBuf>,
    },
    /// Build corpora of the given sizes and measure the search index and queries.
    Search {
        /// Comma-separated article counts.
        #[arg(long, default_value = "1000,10000", value_delimiter = ',')]
        articles: Vec<usize>,
        /// Builds per size (for the stage share) and timed runs per query.
        #[arg(long, default_value_t = 3)]
        runs: usize,
        #[arg(long, default_value = "content")]
        text_from: PathBuf,
        /// The sotay binary to measure [default: beside this one].
        #[arg(long)]
        sotay: Option<PathBuf>,
    },
}

/// Queries of the search benchmark: one to three words, with and without marks, a code.
const QUERIES: &[&str] = &[
    "dang bo",
    "đảng bộ",
    "chi thi 05",
    "hung binh",
    "bien gioi",
    "xây dựng đảng",
    "05-CT/TW",
    "sinh hoạt chi bộ",
];

/// A small deterministic generator (SplitMix64): the same corpus on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const DIRECTIVES: &[&str] = &[
    "Chỉ thị 05-CT/TW",
    "Chỉ thị số 05-CT/TW",
    "Nghị quyết 21-NQ/TW",
    "Quy định 76-QĐ/TW",
    "Chỉ thị 10-CT/TW",
    "Nghị quyết 09-NQ/TU",
    "Kết luận 01-KL/TW",
    "Quy định 08-QĐi/TW",
    "Nghị quyết Trung ương 4 khóa XII",
    "Chỉ thị 35-CT/TW",
    "Quy định 213-QĐ/TW",
    "Nghị quyết 12-NQ/TW",
];
const THEMES: &[&str] = &[
    "Xây dựng Đảng",
    "Sinh hoạt chi bộ",
    "Học tập và làm theo Bác",
    "Tự phê bình và phê bình",
    "Dân vận",
    "Phát triển đảng viên",
    "Kiểm tra, giám sát",
    "Cải cách hành chính",
    "An ninh trật tự",
    "Kinh tế địa phương",
];
const PROVINCES: &[&str] = &[
    "Thành phố Hồ Chí Minh",
    "Hà Nội",
    "Nghệ An",
    "Quảng Ninh",
    "Đà Nẵng",
    "Cần Thơ",
    "Thừa Thiên Huế",
    "Đắk Lắk",
];
const WARD_KINDS: &[&str] = &["Phường", "Xã", "Thị trấn"];
const DISTRICT_KINDS: &[&str] = &["Quận", "Huyện", "Thị xã"];

/// Paragraphs and headings of the bundled articles, the text the corpus is made of.
/// The paragraphs and headings of the Markdown articles under `dir`: an error if there
/// are none, rather than a corpus without text (and figures that measure nothing).
fn text_pool(dir: &Path) -> std::io::Result<(Vec<String>, Vec<String>)> {
    let mut paragraphs = Vec::new();
    let mut headings = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
        let body = text.split("\n---\n").nth(1).unwrap_or(&text);
        for block in body.split("\n\n") {
            let block = block.trim();
            if let Some(heading) = block.strip_prefix("## ") {
                headings.push(heading.trim().to_string());
            } else if block.chars().count() > 80 && !block.contains('[') {
                paragraphs.push(block.to_string());
            }
        }
    }
    if paragraphs.is_empty() {
        return Err(std::io::Error::other(format!(
            "no article text under {}: give --text-from a folder of Markdown articles \
             (the project's content/)",
            dir.display()
        )));
    }
    if headings.is_empty() {
        headings.push("Kết quả đạt được".into());
    }
    Ok((paragraphs, headings))
}

fn folder(i: usize) -> String {
    format!("khu-{:03}", i / 100)
}

fn corpus(articles: usize, out: &Path, text_from: &Path) -> std::io::Result<()> {
    if out.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} exists", out.display()),
        ));
    }
    let (paragraphs, headings) = text_pool(text_from)?;
    let content = out.join("content");
    std::fs::create_dir_all(&content)?;
    std::fs::write(out.join("sotay.yaml"), "title: Kho thử nghiệm\n")?;
    let localities = (articles / 20).max(1);
    let mut rng = Rng(2024);
    for i in 0..articles {
        let locality = rng.below(localities);
        let province = PROVINCES[locality % PROVINCES.len()];
        let district = format!("{} {}", DISTRICT_KINDS[locality % 3], locality / 24 + 1);
        let ward = format!("{} {}", WARD_KINDS[locality % WARD_KINDS.len()], locality % 24 + 1);
        let year = 2000 + rng.below(25);
        let mut text = String::with_capacity(6000);
        let title_words: String = rng.pick(&headings).clone();
        let _ = writeln!(text, "---\ntitle: \"{ward}: {}\"", title_words.replace('"', "'"));
        let _ = writeln!(
            text,
            "ward: {ward}\ndistrict: {district}\nprovince: {province}\nyear: {year}"
        );
        let _ = writeln!(text, "date: {year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
        let _ = writeln!(text, "directive:\n  - {}", rng.pick(DIRECTIVES));
        if rng.below(3) == 0 {
            let _ = writeln!(text, "  - {}", rng.pick(DIRECTIVES));
        }
        let _ = writeln!(text, "theme:\n  - {}\n  - {}\n---\n", rng.pick(THEMES), rng.pick(THEMES));
        for section in 0..3 {
            if section > 0 {
                let _ = writeln!(text, "## {}\n", rng.pick(&headings));
            }
            for _ in 0..2 {
                let _ = writeln!(text, "{}\n", rng.pick(&paragraphs));
            }
        }
        for _ in 0..2 {
            let target = rng.below(articles);
            if target != i {
                let _ = writeln!(
                    text,
                    "Xem thêm [bài số {target}](../{}/bai-{target:06}.md).\n",
                    folder(target)
                );
            }
        }
        let dir = content.join(folder(i));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("bai-{i:06}.md")), text)?;
    }
    Ok(())
}

/// One run of a command: wall time, CPU time (user + system) and peak resident memory.
struct Sample {
    wall: Duration,
    cpu: Duration,
    peak_kib: u64,
}

fn measure(command: &mut Command) -> std::io::Result<Sample> {
    let start = Instant::now();
    let child =
        command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped()).spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // wait4 gives this child's own peak memory, which std's wait does not.
    #[allow(unsafe_code)]
    let (waited, usage) =
        unsafe { (libc::wait4(pid, &mut status, 0, usage.as_mut_ptr()), usage.assume_init()) };
    let wall = start.elapsed();
    if waited != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(std::io::Error::other(format!("{command:?} failed (status {status})")));
    }
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok(Sample {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak_kib: usage.ru_maxrss as u64,
    })
}

fn median<T: Copy + Ord>(mut values: Vec<T>) -> T {
    values.sort();
    values[values.len() / 2]
}

fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

fn bench(sizes: &[usize], runs: usize, text_from: &Path, sotay: &Path) -> std::io::Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("sotay build benchmark: {runs} runs after a warm-up, medians; {cores} cores");
    println!("| articles | wall (s) | CPU (s) | peak memory (MiB) | output (MiB) | articles/s |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for &n in sizes {
        let tmp = tempfile::tempdir()?;
        let site = tmp.path().join("site");
        corpus(n, &site, text_from)?;
        let mut command = Command::new(sotay);
        command.args(["build", "--root"]).arg(&site);
        measure(&mut command)?;
        let samples: Vec<Sample> =
            (0..runs).map(|_| measure(&mut command)).collect::<Result<_, _>>()?;
        let wall = median(samples.iter().map(|s| s.wall).collect());
        let cpu = median(samples.iter().map(|s| s.cpu).collect());
        let peak = median(samples.iter().map(|s| s.peak_kib).collect());
        let size = dir_size(&site.join("public"));
        println!(
            "| {n} | {:.2} | {:.2} | {:.0} | {:.1} | {:.0} |",
            wall.as_secs_f64(),
            cpu.as_secs_f64(),
            peak as f64 / 1024.0,
            size as f64 / 1024.0 / 1024.0,
            n as f64 / wall.as_secs_f64(),
        );
    }
    Ok(())
}

/// Kills the server when the benchmark ends, however it ends.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn http_get(port: u16, path: &str) -> std::io::Result<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes())?;
    let mut text = String::new();
    stream.read_to_string(&mut text)?;
    Ok(text)
}

fn bench_serve(
    articles: usize,
    runs: usize,
    text_from: &Path,
    sotay: &Path,
) -> std::io::Result<()> {
    use std::io::BufRead;
    let tmp = tempfile::tempdir()?;
    let site = tmp.path().join("site");
    corpus(articles, &site, text_from)?;
    let spawned = Command::new(sotay)
        .args(["serve", "--port", "0", "--root"])
        .arg(&site)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let mut child = Child(spawned);
    let started = Instant::now();
    let stdout = child.0.stdout.take().ok_or_else(|| std::io::Error::other("no stdout"))?;
    let mut line = String::new();
    std::io::BufReader::new(stdout).read_line(&mut line)?;
    let port: u16 = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no URL in {line:?}")))?;
    println!(
        "sotay serve: {articles} articles, first build and start {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let source = site.join("content").join(folder(0)).join("bai-000000.md");
    let page = format!("/{}/bai-000000/", folder(0));
    let original = std::fs::read_to_string(&source)?;
    let mut samples = Vec::new();
    for run in 0..runs {
        // Let the previous rebuild settle, so each run times one save.
        std::thread::sleep(Duration::from_millis(500));
        let marker = format!("DO-DAC-{run}-{}", std::process::id());
        let text = original.replacen("\n---\n\n", &format!("\n---\n\n{marker}\n\n"), 1);
        let saved = Instant::now();
        std::fs::write(&source, text)?;
        loop {
            if http_get(port, &page)?.contains(&marker) {
                break;
            }
            if saved.elapsed() > Duration::from_secs(120) {
                return Err(std::io::Error::other("the edit was not served within 120 s"));
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let took = saved.elapsed();
        println!("run {}: {:.0} ms", run + 1, took.as_secs_f64() * 1000.0);
        samples.push(took);
    }
    let median = median(samples);
    println!("save-to-ready median over {runs} runs: {:.0} ms", median.as_secs_f64() * 1000.0);
    Ok(())
}

/// The sotay binary asked for, else the one beside this benchmark.
fn sotay_beside(sotay: Option<PathBuf>) -> PathBuf {
    sotay.unwrap_or_else(|| {
        std::env::current_exe()
            .map(|p| p.with_file_name("sotay"))
            .unwrap_or_else(|_| PathBuf::from("sotay"))
    })
}

/// Stage times printed by `SOTAY_TIMINGS=1` for `sotay <command>` (`build`, `check`):
/// (search, total) in milliseconds.
fn stage_share(sotay: &Path, command: &str, site: &Path) -> std::io::Result<(f64, f64)> {
    let output = Command::new(sotay)
        .args([command, "--root"])
        .arg(site)
        .env("SOTAY_TIMINGS", "1")
        .output()?;
    let text = String::from_utf8_lossy(&output.stderr);
    let mut stages = 0.0;
    let mut search = 0.0;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let [.., value, "ms"] = words.as_slice() {
            let ms: f64 = value.replace(',', ".").parse().unwrap_or(0.0);
            stages += ms;
            if line.trim_start().starts_with("search") {
                search = ms;
            }
        }
    }
    if stages == 0.0 {
        return Err(std::io::Error::other(format!("no stage times from {sotay:?}: {text}")));
    }
    Ok((search, stages))
}

fn search_bench(
    sizes: &[usize],
    runs: usize,
    text_from: &Path,
    sotay: &Path,
) -> std::io::Result<()> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/bench.js");
    println!("sotay search benchmark: {runs} builds per size, medians; queries cold (bytes)");
    println!("and warm (time, 20 runs). Index read = meta.js + term shards; the doc chunks of");
    println!("the first 10 results come on top; facets.js only once a reader filters.");
    for &n in sizes {
        let tmp = tempfile::tempdir()?;
        let site = tmp.path().join("site");
        corpus(n, &site, text_from)?;
        // `check` writes no index: its search stage counts related articles' samples only,
        // which a build without an index would count too.
        let (mut shares, mut samples) = (Vec::new(), Vec::new());
        for _ in 0..runs.max(1) {
            shares.push(stage_share(sotay, "build", &site)?);
            samples.push((stage_share(sotay, "check", &site)?.0 * 1000.0) as u64);
        }
        let search: Vec<u64> = shares.iter().map(|s| (s.0 * 1000.0) as u64).collect();
        let total: Vec<u64> = shares.iter().map(|s| (s.1 * 1000.0) as u64).collect();
        let ratios: Vec<u64> = shares.iter().map(|s| (s.0 / s.1 * 1000.0) as u64).collect();
        let (search_ms, total_ms, samples_ms) = (
            median(search.clone()) as f64 / 1e3,
            median(total.clone()) as f64 / 1e3,
            median(samples) as f64 / 1e3,
        );
        let own = search_ms - samples_ms;
        let index_dir = site.join("public/search");
        let files = std::fs::read_dir(&index_dir)?.count();
        println!();
        println!(
            "{n} articles: index {:.1} MiB in {files} files (meta.js {:.0} KiB); search stage {:.2} s of {:.2} s ({:.1} %)",
            dir_size(&index_dir) as f64 / 1024.0 / 1024.0,
            std::fs::metadata(index_dir.join("meta.js"))?.len() as f64 / 1024.0,
            median(search) as f64 / 1e6,
            median(total) as f64 / 1e6,
            median(ratios) as f64 / 10.0,
        );
        println!(
            "  of which the related articles' samples alone (`sotay check`'s search stage) {:.2} s: the index's own work {:.2} s adds {:.1} % to the rest of the build",
            samples_ms / 1e3,
            own / 1e3,
            own / (total_ms - own) * 100.0,
        );
        let output = Command::new("node")
            .arg(&script)
            .arg(site.join("public"))
            .arg("20")
            .args(QUERIES)
            .output()
            .map_err(|e| std::io::Error::other(format!("node is required: {e}")))?;
        if !output.status.success() {
            return Err(std::io::Error::other(
                String::from_utf8_lossy(&output.stderr).into_owned(),
            ));
        }
        println!(
            "| query | results | shards (KiB, files) | meta (KiB) | index read (KiB) | doc chunks (KiB) | facets.js (KiB) | warm query (ms) |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|---:|");
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let row: serde_json::Value =
                serde_json::from_str(line).map_err(std::io::Error::other)?;
            let kib = |key: &str| row[key].as_f64().unwrap_or(0.0) / 1024.0;
            println!(
                "| {} | {} | {:.1} ({}) | {:.1} | {:.1} | {:.1} | {:.1} | {:.2} |",
                row["query"].as_str().unwrap_or(""),
                row["results"],
                kib("shards"),
                row["shardFiles"],
                kib("meta"),
                kib("shards") + kib("meta"),
                kib("docs"),
                kib("facets"),
                row["ms"].as_f64().unwrap_or(0.0),
            );
        }
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Cmd::Corpus { articles, out, text_from } => corpus(articles, &out, &text_from),
        Cmd::Build { articles, runs, text_from, sotay } => {
            bench(&articles, runs.max(1), &text_from, &sotay_beside(sotay))
        }
        Cmd::Serve { articles, runs, text_from, sotay } => {
            bench_serve(articles, runs.max(1), &text_from, &sotay_beside(sotay))
        }
        Cmd::Search { articles, runs, text_from, sotay } => {
            search_bench(&articles, runs, &text_from, &sotay_beside(sotay))
        }
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sotay-bench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corpus_needs_article_text_to_stitch() {
        let empty = tempfile::tempdir().expect("tempdir");
        let out = empty.path().join("site");
        let refused = corpus(3, &out, empty.path()).expect_err("no text");
        assert!(refused.to_string().contains("--text-from"), "{refused}");
        assert!(!out.exists(), "nothing written");
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (paragraphs, headings) = text_pool(&content).expect("the bundled articles");
        assert!(paragraphs.len() > 20 && !headings.is_empty(), "{}", paragraphs.len());
    }
}
