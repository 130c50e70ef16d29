//! The benchmark end to end on tiny corpora (10 and 20 articles, one run): it must produce every
//! field with positive figures, and report each peer as measured or missing, never drop it.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask has a parent").to_path_buf()
}

/// The debug `sotay` and `sotay-bench`, built now (a no-op when `cargo test --workspace`
/// already built them).
fn debug_binaries() -> PathBuf {
    let root = workspace_root();
    let status = Command::new(env!("CARGO"))
        .args(["build", "--bins", "-p", "sotay"])
        .current_dir(&root)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo build --bins -p sotay failed");
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or(root.join("target"), PathBuf::from);
    target.join("debug")
}

fn positive(v: &Value, key: &str) -> f64 {
    let x = v[key].as_f64().unwrap_or_else(|| panic!("{key} missing in {v}"));
    assert!(x > 0.0, "{key} = {x} in {v}");
    x
}

/// What one xtask command left: its output folder (also its work folder, so corpora
/// stay in the temporary folder), what it printed, and its JSON results as text and value.
struct Run {
    out: tempfile::TempDir,
    stdout: String,
    text: String,
    results: Value,
}

/// Runs `xtask ARGS` on the debug binaries and reads the `json` file it writes.
fn xtask(args: &[&str], json: &str) -> Run {
    let bin_dir = debug_binaries();
    let out = tempfile::tempdir().expect("temp dir");
    let run = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .arg("--out")
        .arg(out.path())
        .arg("--bin-dir")
        .arg(&bin_dir)
        .arg("--work-dir")
        .arg(out.path())
        .output()
        .expect("xtask runs");
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "xtask {} failed:\n{stdout}\n{stderr}", args[0]);
    let text = std::fs::read_to_string(out.path().join(json)).expect(json);
    let results = serde_json::from_str(&text).expect("valid JSON");
    Run { out, stdout, text, results }
}

#[test]
fn the_benchmark_runs_on_a_tiny_corpus_and_reports_every_tool() {
    let Run { out, stdout, text, results } = xtask(
        &[
            "bench",
            "--articles",
            "10,20",
            "--runs",
            "1",
            "--warmups",
            "1",
            "--growth-rounds",
            "1",
            "--serve-articles",
            "20",
            "--serve-runs",
            "1",
        ],
        "results.json",
    );
    let builds = results["builds"].as_array().expect("builds");
    let row = |tool: &str| {
        builds
            .iter()
            .find(|r| r["tool"] == tool && r["articles"] == 20)
            .unwrap_or_else(|| panic!("no {tool} row: {text}"))
    };
    let sotay = row("sotay");
    assert_eq!(sotay["status"], "ok");
    for key in ["wall_s", "cpu_s", "peak_mib", "output_bytes", "output_files"] {
        positive(sotay, key);
    }
    assert_eq!(sotay["runs"], 1);
    let system = sotay["system_s"].as_f64().expect("system_s");
    assert!((0.0..=positive(sotay, "cpu_s")).contains(&system), "system time within CPU time");
    for peer in ["hugo", "hugo-related", "pagefind"] {
        let r = row(peer);
        match r["status"].as_str() {
            Some("ok") => {
                for key in ["wall_s", "cpu_s", "peak_mib", "output_bytes"] {
                    positive(r, key);
                }
            }
            Some("missing") => assert!(r["reason"].as_str().is_some_and(|s| !s.is_empty())),
            other => panic!("{peer}: status {other:?}"),
        }
    }
    // Hugo's two variants are one binary.
    for peer in ["hugo", "pagefind"] {
        let tool = &results["tools"][peer];
        assert!(tool["status"] == "ok" || tool["status"] == "missing", "{tool}");
    }
    let (minimal, related) = (row("hugo"), row("hugo-related"));
    if minimal["status"] == "ok" && related["status"] == "ok" {
        // The same pages, and related articles on those that have any.
        assert_eq!(minimal["output_files"], related["output_files"]);
        assert!(positive(related, "output_bytes") > positive(minimal, "output_bytes"));
    }

    let search = &results["search"][1];
    assert_eq!(search["articles"], 20);
    positive(search, "index_bytes");
    positive(search, "largest_shard_bytes");
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    if node {
        assert_eq!(search["status"], "ok", "{search}");
        let median = positive(search, "median_bytes");
        assert!(median >= positive(search, "meta_bytes"), "every cold query loads meta.js");
        for q in search["queries"].as_array().expect("queries") {
            positive(q, "bytes");
            let files = q["files"].as_array().expect("files");
            assert!(files.iter().any(|f| f.as_str().is_some_and(|f| f.starts_with("idx-"))));
        }
    }

    // One round: the 10-article corpus before and after the 20-article one.
    let growth = &results["growth"][0];
    assert_eq!(
        (&growth["from"], &growth["to"], &growth["status"]),
        (&json!(10), &json!(20), &json!("ok"))
    );
    assert_eq!(growth["samples"]["from_wall_s"].as_array().map(Vec::len), Some(2), "{growth}");
    let ratio = positive(growth, "ratio");
    let walls = positive(growth, "to_wall_s") / positive(growth, "from_wall_s");
    assert!((ratio - walls).abs() < 1e-9, "the ratio is of the two medians");

    let serve = &results["serve"][0];
    assert_eq!(serve["articles"], 20);
    positive(serve, "save_to_ready_ms");
    assert!(results["targets"].as_array().is_some_and(|t| t.len() >= 9));

    let table = std::fs::read_to_string(out.path().join("table.md")).expect("table.md");
    assert!(table.contains("| 20 | sotay (with search index) |"), "{table}");
    assert!(table.contains("| 10 | 20 | 2 |"), "the growth's own table: {table}");
    assert!(stdout.contains("### Build"), "the table is printed too");
    let svg = std::fs::read_to_string(out.path().join("build-time.svg")).expect("svg");
    assert!(svg.starts_with("<svg") && svg.contains("<circle"), "{svg}");
}

#[test]
fn instructions_are_counted_for_a_build_and_a_check() {
    // valgrind is on every machine of this project; `.ci/run` installs it where it is not.
    let Run { stdout, text, results, .. } =
        xtask(&["instructions", "--articles", "10,20"], "instructions.json");
    let rows = results["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2, "{text}");
    for (row, n) in rows.iter().zip([10, 20]) {
        assert_eq!(row["articles"], n);
        let (build, check) = (positive(row, "build"), positive(row, "check"));
        assert!(build > check, "a build also writes the index and the files: {row}");
    }
    assert!(positive(&rows[1], "build") > positive(&rows[0], "build"), "more articles, more work");
    assert!(stdout.contains("| 20 |") && stdout.contains("for 2×"), "{stdout}");
}
