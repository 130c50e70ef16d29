//! The benchmark: for each article count, a corpus from `sotay-bench corpus`, then timed
//! builds with sotay, Hugo and Pagefind (each after warm-ups), sotay's search bytes per
//! query, sotay's growth from each size to the next with their builds interleaved, and
//! `sotay-bench serve` for save-to-ready. Writes results.json, table.md and build-time.svg.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::measure::{self, Sample};
use crate::peers::{self, HugoPages, Peer};
use crate::{report, search_bytes, targets};

/// What to run, resolved from the command line.
pub struct Options {
    /// The workspace root: `content/` (the corpus text) and `themes/` are read from here.
    pub root: PathBuf,
    /// Folder holding the `sotay` and `sotay-bench` binaries.
    pub bin_dir: PathBuf,
    /// Where corpora and outputs are written, in a fresh subfolder.
    pub work_dir: PathBuf,
    pub articles: Vec<usize>,
    pub runs: usize,
    pub warmups: usize,
    pub peer_runs: usize,
    pub peer_warmups: usize,
    /// Peers are built only up to this many articles.
    pub peers_up_to: usize,
    pub hugo: Peer,
    pub pagefind: Peer,
    pub serve_articles: Vec<usize>,
    pub serve_runs: usize,
    /// Rounds of interleaved builds per pair of sizes (0: no growth measured).
    pub growth_rounds: usize,
    pub out: PathBuf,
    /// Keep rows of earlier runs in `out/results.json` for sizes not measured now.
    pub merge: bool,
}

/// Runs everything and writes the results; returns the JSON document.
pub fn run(options: &Options) -> std::io::Result<Value> {
    let setup =
        measure::Setup::new(&options.bin_dir, &options.out, &options.work_dir, "bench-work-")?;
    let (sotay, sotay_bench, work) = (&setup.sotay, &setup.sotay_bench, &setup.work);
    let own = Runs { warmups: options.warmups, measured: options.runs };
    let peers = Runs { warmups: options.peer_warmups, measured: options.peer_runs };
    let mut builds = Vec::new();
    let mut searches = Vec::new();
    // The corpora sotay built, kept (without their output) for the growth between sizes.
    let mut corpora = Vec::new();
    for &n in &options.articles {
        eprintln!("== {n} articles");
        let corpus = setup.corpus(n, &options.root)?;
        let mut build = sotay_build(sotay, &corpus);
        // Like Hugo's, the output is removed before each run (untimed): both tools write a
        // whole site into an empty place, and neither pays for deleting the last one.
        let public = corpus.join("public");
        let row = timed("sotay", n, &mut build, own, work.path(), &public);
        let sotay_ok = row["status"] == "ok";
        builds.push(row);
        let client = [public.join("search.js"), options.root.join(CLIENT)]
            .into_iter()
            .find(|p| p.is_file())
            .unwrap_or_else(|| options.root.join(CLIENT));
        if sotay_ok {
            let mut search = search_bytes::measure(&public, &client, work.path());
            search["articles"] = n.into();
            searches.push(search);
        }

        // One copy of the content serves both of Hugo's variants.
        let hugo_site = work.path().join(format!("hugo-{n}"));
        let hugo_binary = match &options.hugo {
            Peer::Found { binary, version } if n <= options.peers_up_to => {
                peers::hugo_site(&corpus, &hugo_site)?;
                Some((binary, peers::hugo_release(version)))
            }
            _ => None,
        };
        let hugo = |tool: &str, pages: HugoPages| -> std::io::Result<Value> {
            let Some((binary, release)) = hugo_binary else {
                return Ok(match &options.hugo {
                    Peer::Missing { reason } => missing(tool, n, reason),
                    Peer::Found { .. } => skipped(tool, n, options.peers_up_to),
                });
            };
            peers::hugo_pages(&hugo_site, release, pages)?;
            let mut hugo = Command::new(binary);
            hugo.arg("--quiet").arg("--source").arg(&hugo_site);
            hugo.arg("--cacheDir").arg(work.path().join("hugo-cache"));
            Ok(timed(tool, n, &mut hugo, peers, work.path(), &hugo_site.join("public")))
        };
        let hugo_row = hugo("hugo", HugoPages::Minimal)?;
        let hugo_ok = hugo_row["status"] == "ok";
        builds.push(hugo_row);
        let pagefind_row = match (&options.pagefind, hugo_ok) {
            (Peer::Found { binary, .. }, true) => {
                let index = hugo_site.join("public/pagefind");
                let mut pagefind = Command::new(binary);
                pagefind.arg("--site").arg(hugo_site.join("public"));
                timed("pagefind", n, &mut pagefind, peers, work.path(), &index)
            }
            (Peer::Found { .. }, false) => match n <= options.peers_up_to {
                true => missing("pagefind", n, "no Hugo output to index"),
                false => not_run("pagefind", n, "not run at this size"),
            },
            (Peer::Missing { reason }, _) => missing("pagefind", n, reason),
        };
        builds.push(pagefind_row);
        builds.push(hugo("hugo-related", HugoPages::Related)?);
        // Outputs of large sizes take gigabytes: free them before the next size. sotay's
        // corpus stays for the growth below, when it built.
        let _ = std::fs::remove_dir_all(&public);
        let _ = std::fs::remove_dir_all(&hugo_site);
        if sotay_ok {
            corpora.push((n, corpus));
        } else {
            let _ = std::fs::remove_dir_all(&corpus);
        }
    }
    let mut growth = Vec::new();
    if options.growth_rounds > 0 {
        corpora.sort_by_key(|(n, _)| *n);
        for pair in corpora.windows(2) {
            let (small, large) = (&pair[0], &pair[1]);
            eprintln!("== growth, {} → {} articles, builds interleaved", small.0, large.0);
            let row = interleaved(sotay, small, large, options.growth_rounds, work.path());
            growth.push(row.unwrap_or_else(|e| {
                eprintln!("growth, {} → {} articles: {e}", small.0, large.0);
                json!({ "from": small.0, "to": large.0, "status": "failed", "reason": e.to_string() })
            }));
        }
    }
    for (_, corpus) in &corpora {
        let _ = std::fs::remove_dir_all(corpus);
    }
    let mut serves = Vec::new();
    for &n in &options.serve_articles {
        eprintln!("== serve, {n} articles");
        // A failure (such as sotay-bench's 120 s limit per edit) is a row, not the end.
        let figures = serve(sotay_bench, sotay, &options.root, n, options.serve_runs)
            .unwrap_or_else(|e| {
                eprintln!("serve, {n} articles: {e}");
                json!({ "articles": n, "status": "failed", "reason": e.to_string() })
            });
        serves.push(figures);
    }
    let mut results = json!({
        "version": 1,
        "command": std::env::args().collect::<Vec<_>>().join(" "),
        "unix_time": std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        "machine": machine(),
        "tools": {
            "sotay": tool(&Peer::Found { binary: sotay.clone(), version: measure::version(sotay) }),
            "hugo": tool(&options.hugo),
            "pagefind": tool(&options.pagefind),
        },
        "builds": builds,
        "growth": growth,
        "search": searches,
        "serve": serves,
    });
    if options.merge {
        merge_earlier(&mut results, &options.out.join("results.json"));
    }
    write_report(&mut results, &options.out)?;
    Ok(results)
}

/// Recomputes the targets and rewrites the table and chart from `out/results.json`.
pub fn rewrite_report(out: &Path) -> std::io::Result<()> {
    let text = std::fs::read_to_string(out.join("results.json"))?;
    let mut results: Value = serde_json::from_str(&text).map_err(std::io::Error::other)?;
    write_report(&mut results, out)
}

fn write_report(results: &mut Value, out: &Path) -> std::io::Result<()> {
    results["targets"] = targets::assess(results);
    let pretty = serde_json::to_string_pretty(&results).map_err(std::io::Error::other)?;
    std::fs::write(out.join("results.json"), pretty + "\n")?;
    let table = report::table(results);
    std::fs::write(out.join("table.md"), &table)?;
    std::fs::write(out.join("build-time.svg"), report::chart(results))?;
    println!("{table}");
    Ok(())
}

fn sotay_build(sotay: &Path, corpus: &Path) -> Command {
    let mut build = Command::new(sotay);
    build.arg("build").arg("--root").arg(corpus);
    build
}

/// sotay's growth from one size to a larger one, with the builds of the two interleaved:
/// each round builds the small corpus, the large one, the small one again. The machine's
/// speed drifts from one minute to the next (see the README), so the ratio of two medians
/// taken minutes apart, as the rows of the build table are, carries that drift; taken side
/// by side, it carries the tool's growth. Each output is removed after its run, untimed, so
/// every run writes into an empty place (the sizes' own runs left none) with the other
/// size's gigabytes gone.
fn interleaved(
    sotay: &Path,
    (small, small_corpus): &(usize, PathBuf),
    (large, large_corpus): &(usize, PathBuf),
    rounds: usize,
    work: &Path,
) -> std::io::Result<Value> {
    let log = work.join("growth.log");
    let build = |corpus: &Path| -> std::io::Result<f64> {
        let wall = measure::run(&mut sotay_build(sotay, corpus), &log)?.wall.as_secs_f64();
        let _ = std::fs::remove_dir_all(corpus.join("public"));
        Ok(wall)
    };
    let load_before = measure::load_average();
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        before.push(build(small_corpus)?);
        after.push(build(large_corpus)?);
        before.push(build(small_corpus)?);
    }
    let (from, to) = (measure::median(&before), measure::median(&after));
    eprintln!("growth, {small} → {large} articles: {from:.2} s → {to:.2} s, {:.2}×", to / from);
    Ok(json!({
        "from": small,
        "to": large,
        "status": "ok",
        "rounds": rounds,
        "from_wall_s": from,
        "to_wall_s": to,
        "ratio": to / from,
        "samples": { "from_wall_s": before, "to_wall_s": after },
        "load_before": load_before,
        "load_after": measure::load_average(),
    }))
}

/// The search client in the theme, used when the output has no copy of its own.
const CLIENT: &str = "themes/default/static/search.js";

/// How often a tool runs: warm-up runs, then measured ones.
#[derive(Clone, Copy)]
struct Runs {
    warmups: usize,
    measured: usize,
}

/// One tool's row: its timed runs and the size of its `output`, or, when a run failed
/// (such as one killed for memory), a row saying so.
fn timed(
    tool: &str,
    articles: usize,
    command: &mut Command,
    runs: Runs,
    work: &Path,
    output: &Path,
) -> Value {
    with_output_or_missing(
        timed_runs(tool, articles, command, runs, work, output),
        tool,
        articles,
        output,
    )
}

/// `runs.warmups` then `runs.measured` timed runs; `output` is removed before each,
/// untimed, so every run writes a whole site into an empty place.
fn timed_runs(
    tool: &str,
    articles: usize,
    command: &mut Command,
    Runs { warmups, measured: runs }: Runs,
    work: &Path,
    output: &Path,
) -> std::io::Result<Value> {
    let log = work.join(format!("{tool}.log"));
    let mut run = || {
        let _ = std::fs::remove_dir_all(output);
        measure::run(command, &log)
    };
    for _ in 0..warmups {
        run()?;
    }
    let load_before = measure::load_average();
    let samples: Vec<Sample> = (0..runs).map(|_| run()).collect::<Result<_, _>>()?;
    let load_after = measure::load_average();
    let wall: Vec<f64> = samples.iter().map(|s| s.wall.as_secs_f64()).collect();
    let cpu: Vec<f64> = samples.iter().map(|s| s.cpu.as_secs_f64()).collect();
    let system: Vec<f64> = samples.iter().map(|s| s.system.as_secs_f64()).collect();
    let peak: Vec<f64> = samples.iter().map(|s| s.peak_kib as f64 / 1024.0).collect();
    eprintln!(
        "{tool}, {articles} articles: {:.2} s wall, {:.2} s CPU, {:.0} MiB",
        measure::median(&wall),
        measure::median(&cpu),
        measure::median(&peak)
    );
    Ok(json!({
        "tool": tool,
        "articles": articles,
        "status": "ok",
        "runs": runs,
        "warmups": warmups,
        "wall_s": measure::median(&wall),
        "cpu_s": measure::median(&cpu),
        "system_s": measure::median(&system),
        "peak_mib": measure::median(&peak),
        "samples": {"wall_s": wall, "cpu_s": cpu, "system_s": system, "peak_mib": peak},
        "load_before": load_before,
        "load_after": load_after,
    }))
}

fn with_output(mut row: Value, dir: &Path) -> Value {
    let (bytes, files) = measure::dir_size(dir);
    row["output_bytes"] = bytes.into();
    row["output_files"] = files.into();
    row
}

/// A peer that fails is reported with its error, never dropped.
fn with_output_or_missing(row: std::io::Result<Value>, tool: &str, n: usize, dir: &Path) -> Value {
    match row {
        Ok(row) => with_output(row, dir),
        Err(e) => {
            eprintln!("{tool} failed: {e}");
            let mut row = missing(tool, n, &format!("failed: {e}"));
            row["status"] = "failed".into();
            row
        }
    }
}

fn missing(tool: &str, articles: usize, reason: &str) -> Value {
    json!({ "tool": tool, "articles": articles, "status": "missing", "reason": reason })
}

fn skipped(tool: &str, articles: usize, up_to: usize) -> Value {
    not_run(tool, articles, &format!("not run at this size (--peers-up-to {up_to})"))
}

/// A peer left out at this size on purpose: `--merge` keeps an earlier measurement over it.
fn not_run(tool: &str, articles: usize, reason: &str) -> Value {
    let mut row = missing(tool, articles, reason);
    row["skipped"] = Value::Bool(true);
    row
}

fn tool(peer: &Peer) -> Value {
    match peer {
        Peer::Found { binary, version } => {
            json!({ "status": "ok", "binary": binary, "version": version })
        }
        Peer::Missing { reason } => json!({ "status": "missing", "reason": reason }),
    }
}

fn machine() -> Value {
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|k| format!("Linux {}", k.trim()))
        .unwrap_or_else(|_| std::env::consts::OS.to_string());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_default();
    json!({
        "cores": std::thread::available_parallelism().map_or(1, |n| n.get()),
        "cpu": cpu,
        "kernel": kernel,
        "load_average": measure::load_average(),
    })
}

/// Runs `sotay-bench serve` and reads its figures.
fn serve(
    sotay_bench: &Path,
    sotay: &Path,
    root: &Path,
    n: usize,
    runs: usize,
) -> std::io::Result<Value> {
    let load_before = measure::load_average();
    let out = Command::new(sotay_bench)
        .args(["serve", "--articles", &n.to_string(), "--runs", &runs.to_string()])
        .arg("--text-from")
        .arg(root.join("content"))
        .arg("--sotay")
        .arg(sotay)
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(std::io::Error::other(format!(
            "sotay-bench serve failed: {}\n{text}{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    let mut figures = parse_serve(&text).ok_or_else(|| {
        std::io::Error::other(format!("no figures in the output of sotay-bench serve:\n{text}"))
    })?;
    figures["articles"] = n.into();
    figures["status"] = "ok".into();
    figures["load_before"] = load_before.into();
    figures["load_after"] = measure::load_average().into();
    eprintln!("serve, {n} articles: {} ms", figures["save_to_ready_ms"]);
    Ok(figures)
}

/// Reads "first build and start X s", "run K: X ms" and "median over N runs: X ms".
pub fn parse_serve(text: &str) -> Option<Value> {
    let number =
        |s: &str, unit: &str| -> Option<f64> { s.trim().strip_suffix(unit)?.trim().parse().ok() };
    let mut first = None;
    let mut samples = Vec::new();
    let mut median = None;
    let mut runs = None;
    for line in text.lines() {
        if let Some(rest) = line.split("first build and start ").nth(1) {
            first = number(rest, "s");
        } else if let Some(rest) = line.strip_prefix("run ") {
            samples.push(number(rest.split(": ").nth(1)?, "ms")?);
        } else if let Some(rest) = line.split("save-to-ready median over ").nth(1) {
            let (count, value) = rest.split_once(" runs: ")?;
            runs = count.parse::<u64>().ok();
            median = number(value, "ms");
        }
    }
    Some(json!({
        "save_to_ready_ms": median?,
        "runs": runs?,
        "samples_ms": samples,
        "first_build_s": first,
    }))
}

/// Keeps rows of `earlier` (an older results.json) whose sizes were not measured now,
/// and earlier measurements of a peer that was left out at its size this time
/// (`--peers-up-to`), so sotay alone can be measured again at 100,000 articles.
fn merge_earlier(results: &mut Value, earlier: &Path) {
    let Ok(text) = std::fs::read_to_string(earlier) else { return };
    let Ok(old) = serde_json::from_str::<Value>(&text) else { return };
    merge_rows(results, &old);
}

fn merge_rows(results: &mut Value, old: &Value) {
    let id = |r: &Value| (r["tool"].clone(), r["articles"].clone());
    for key in ["builds", "search", "serve"] {
        let earlier: Vec<&Value> = old[key].as_array().into_iter().flatten().collect();
        let Some(list) = results[key].as_array_mut() else { continue };
        let superseded = |r: &Value| r["skipped"] == true && earlier.iter().any(|e| id(e) == id(r));
        list.retain(|r| !superseded(r));
        let fresh: Vec<(Value, Value)> = list.iter().map(id).collect();
        list.extend(earlier.into_iter().filter(|r| !fresh.contains(&id(r))).cloned());
        list.sort_by_key(|r| r["articles"].as_u64());
    }
    // A growth measured before, between sizes not measured together now, is kept too.
    let pair = |g: &Value| (g["from"].clone(), g["to"].clone());
    if let Some(list) = results["growth"].as_array_mut() {
        let fresh: Vec<(Value, Value)> = list.iter().map(pair).collect();
        let earlier = old["growth"].as_array().into_iter().flatten();
        list.extend(earlier.filter(|g| !fresh.contains(&pair(g))).cloned());
        list.sort_by_key(|g| g["from"].as_u64());
    }
    for (name, tool) in old["tools"].as_object().into_iter().flatten() {
        if results["tools"][name]["status"] != "ok" && tool["status"] == "ok" {
            results["tools"][name] = tool.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_keeps_earlier_sizes_and_a_peer_measured_before_but_skipped_now() {
        let old = json!({ "builds": [
            { "tool": "sotay", "articles": 1000, "status": "ok", "wall_s": 0.3 },
            { "tool": "sotay", "articles": 100000, "status": "ok", "wall_s": 31.0 },
            { "tool": "hugo", "articles": 100000, "status": "ok", "wall_s": 160.0 },
            { "tool": "pagefind", "articles": 100000, "status": "missing", "reason": "x" },
        ]});
        let mut results = json!({ "builds": [
            { "tool": "sotay", "articles": 100000, "status": "ok", "wall_s": 29.0 },
            skipped("hugo", 100000, 10000),
            not_run("pagefind", 100000, "not run at this size"),
            missing("zola", 100000, "not installed"),
        ]});
        merge_rows(&mut results, &old);
        let rows: Vec<(String, u64, String)> = results["builds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let status =
                    r["wall_s"].as_f64().map_or(r["status"].to_string(), |w| w.to_string());
                (r["tool"].as_str().unwrap().into(), r["articles"].as_u64().unwrap(), status)
            })
            .collect();
        let row = |t: &str, n: u64, s: &str| (t.to_string(), n, s.to_string());
        assert_eq!(
            rows,
            [
                row("sotay", 1000, "0.3"),
                row("sotay", 100000, "29"),
                row("zola", 100000, "\"missing\""),
                row("hugo", 100000, "160"),
                row("pagefind", 100000, "\"missing\""),
            ],
            "the fresh sotay row wins, the earlier Hugo row stays, a tool missing now stays missing"
        );
    }

    #[test]
    fn merging_keeps_an_earlier_growth_between_sizes_not_measured_together_now() {
        let old = json!({ "growth": [
            { "from": 1000, "to": 10000, "ratio": 11.0 },
            { "from": 10000, "to": 100000, "ratio": 10.4 },
        ]});
        let mut results = json!({ "growth": [{ "from": 1000, "to": 10000, "ratio": 9.5 }] });
        merge_rows(&mut results, &old);
        let ratios: Vec<f64> = results["growth"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["ratio"].as_f64().unwrap())
            .collect();
        assert_eq!(ratios, [9.5, 10.4], "the fresh pair wins, the other one stays");
    }

    #[test]
    fn serve_output_is_read() {
        let text = "sotay serve: 10000 articles, first build and start 3.21 s\nrun 1: 812 ms\n\
                    run 2: 790 ms\nsave-to-ready median over 2 runs: 801 ms\n";
        let v = parse_serve(text).expect("figures");
        assert_eq!(v["save_to_ready_ms"], 801.0);
        assert_eq!(v["runs"], 2);
        assert_eq!(v["first_build_s"], 3.21);
        assert_eq!(v["samples_ms"], json!([812.0, 790.0]));
        assert!(parse_serve("nothing here").is_none());
    }
}
