//! `xtask instructions`: how many instructions a build and a `check` execute at each
//! article count, counted by valgrind's callgrind on one thread. Unlike seconds on this
//! project's VM, the count is the same from one run to the next whatever else the machine
//! is doing, so it tells whether the work grows linearly with the site, apart from what
//! the memory system and the kernel add, and how much the search index adds to a build.

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};

use crate::measure;

/// What to count, resolved from the command line.
pub struct Options {
    /// The workspace root: the corpus text is read from its `content/`.
    pub root: PathBuf,
    /// Folder holding the `sotay` and `sotay-bench` binaries.
    pub bin_dir: PathBuf,
    /// Where corpora and outputs are written, in a fresh subfolder.
    pub work_dir: PathBuf,
    pub articles: Vec<usize>,
    /// Where instructions.json and instructions.md go.
    pub out: PathBuf,
}

/// Counts every size, writes the results and prints the table.
pub fn run(options: &Options) -> std::io::Result<Value> {
    let valgrind = valgrind()?;
    let setup =
        measure::Setup::new(&options.bin_dir, &options.out, &options.work_dir, "instructions-")?;
    let (sotay, work) = (&setup.sotay, &setup.work);
    let mut rows = Vec::new();
    for &n in &options.articles {
        eprintln!("== {n} articles");
        let corpus = setup.corpus(n, &options.root)?;
        let count = |command: &str| {
            let _ = std::fs::remove_dir_all(corpus.join("public"));
            let log = work.path().join(format!("{command}-{n}.log"));
            let mut run = Command::new(&valgrind);
            run.arg("--tool=callgrind")
                .arg(format!(
                    "--callgrind-out-file={}",
                    work.path().join("callgrind.out").display()
                ))
                .arg(sotay)
                .args([command, "--root"])
                .arg(&corpus)
                // One thread: the count does not depend on how the work was shared out.
                .env("RAYON_NUM_THREADS", "1");
            let sample = measure::run(&mut run, &log)?;
            let text = std::fs::read_to_string(&log)?;
            let instructions = collected(&text).ok_or_else(|| {
                std::io::Error::other(format!("no instruction count in {}", log.display()))
            })?;
            eprintln!(
                "{command}, {n} articles: {instructions} instructions ({:.0} s)",
                sample.wall.as_secs_f64()
            );
            Ok::<u64, std::io::Error>(instructions)
        };
        let build = count("build")?;
        let check = count("check")?;
        rows.push(json!({ "articles": n, "build": build, "check": check }));
        // The corpora of large sizes take gigabytes: free them before the next size.
        let _ = std::fs::remove_dir_all(&corpus);
    }
    let results = json!({
        "version": 1,
        "command": std::env::args().collect::<Vec<_>>().join(" "),
        "tool": measure::version(&valgrind),
        "rows": rows,
    });
    let pretty = serde_json::to_string_pretty(&results).map_err(std::io::Error::other)?;
    std::fs::write(options.out.join("instructions.json"), pretty + "\n")?;
    let table = table(&results);
    std::fs::write(options.out.join("instructions.md"), &table)?;
    println!("{table}");
    Ok(results)
}

/// The valgrind on the PATH, or why there is none.
fn valgrind() -> std::io::Result<PathBuf> {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("valgrind"))
        .find(|path| path.is_file());
    found.ok_or_else(|| {
        std::io::Error::other("valgrind is missing: install it (apt-get install -y valgrind)")
    })
}

/// The count in callgrind's closing line `==123== Collected : 2485620402`.
pub fn collected(log: &str) -> Option<u64> {
    log.lines().rev().find_map(|line| {
        let (_, count) = line.split_once("Collected :")?;
        count.trim().parse().ok()
    })
}

/// The table of counts: per article, growth against the size before, and what a build
/// executes beyond `check`.
pub fn table(results: &Value) -> String {
    let mut out = String::from(
        "| articles | build | per article | growth for the size | check | build over check |\n\
         |---:|---:|---:|---:|---:|---:|\n",
    );
    let rows = results["rows"].as_array().cloned().unwrap_or_default();
    let mut before: Option<(f64, f64)> = None;
    for row in &rows {
        let n = row["articles"].as_f64().unwrap_or(f64::NAN);
        let build = row["build"].as_f64().unwrap_or(f64::NAN);
        let check = row["check"].as_f64().unwrap_or(f64::NAN);
        // ×10 articles and ×9.6 instructions: "9.6× for 10×".
        let growth = match before {
            Some((n0, build0)) => format!("{:.2}× for {:.0}×", build / build0, n / n0),
            None => "–".to_string(),
        };
        out.push_str(&format!(
            "| {} | {:.2} G | {:.2} M | {growth} | {:.2} G | {:.1} % |\n",
            thousands(n as u64),
            build / 1e9,
            build / n / 1e6,
            check / 1e9,
            (build - check) / check * 100.0,
        ));
        before = Some((n, build));
    }
    out
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_is_read_from_callgrinds_last_lines() {
        let log = "==7== Callgrind, a call-graph generating cache profiler\n\
                   Đã dựng 20 bài viết\n==7== Events    : Ir\n==7== Collected : 2485620402\n\
                   ==7== \n==7== I   refs:      2,485,620,402\n";
        assert_eq!(collected(log), Some(2_485_620_402));
        assert_eq!(collected("==7== Events    : Ir\n"), None);
    }

    #[test]
    fn the_table_shows_growth_per_size_and_the_builds_extra() {
        let results = json!({ "rows": [
            { "articles": 1000, "build": 2_500_000_000u64, "check": 2_000_000_000u64 },
            { "articles": 10000, "build": 24_000_000_000u64, "check": 19_500_000_000u64 },
        ]});
        let table = table(&results);
        assert!(table.contains("| 1,000 | 2.50 G | 2.50 M | – | 2.00 G | 25.0 % |"), "{table}");
        assert!(
            table.contains("| 10,000 | 24.00 G | 2.40 M | 9.60× for 10× | 19.50 G | 23.1 % |"),
            "{table}"
        );
    }
}
