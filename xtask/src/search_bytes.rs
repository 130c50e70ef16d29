//! Bytes a reader downloads per query from sotay's sharded search index. The files the
//! client loads are decided by the client itself: `search.js` runs under Node with a loader
//! that reads `public/search/<name>.js` from disk and counts its bytes, for a cold page
//! (meta.js, the term shards of the query, then the doc chunks of the first 20 results).

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

/// Two-word queries as readers type them, diacritics and all.
pub const QUERIES: &[&str] = &[
    "chi bộ",
    "đảng viên",
    "sinh hoạt",
    "kiểm tra",
    "xây dựng",
    "học tập",
    "nghị quyết",
    "dân vận",
    "cải cách",
    "an ninh",
    "phường 12",
    "05-CT/TW chỉ",
];

/// Results the search page shows first (`PAGE` in search.js).
const FIRST_PAGE: usize = 20;

const SCRIPT: &str = r#"'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const [client, dir, queries, firstPage] = process.argv.slice(2);
const search = require(path.resolve(client));
function read(name) {
  const code = fs.readFileSync(path.join(dir, 'search', name + '.js'), 'utf8');
  let data;
  vm.runInNewContext(code, { window: { sotaySearch: { load(n, d) { data = d; } } } });
  if (data === undefined) throw new Error(name + '.js registers nothing');
  return { data, bytes: Buffer.byteLength(code) };
}
(async () => {
  const out = [];
  for (const query of JSON.parse(queries)) {
    const loaded = [];
    const engine = new search.Engine((name) => {
      const chunk = read(name);
      loaded.push([name, chunk.bytes]);
      return Promise.resolve(chunk.data);
    });
    const result = await engine.search(query, {}, false);
    await engine.details(result.ids.slice(0, Number(firstPage)));
    out.push({
      query,
      results: result.total,
      files: loaded.map((l) => l[0]),
      bytes: loaded.reduce((sum, l) => sum + l[1], 0),
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"#;

/// Per-query bytes measured with the client under Node, plus the sizes of the index. When
/// there is no `search/` folder or Node cannot run, says so and gives the sizes alone.
pub fn measure(public: &Path, client: &Path, work: &Path) -> Value {
    let index = public.join("search");
    if !index.is_dir() {
        return json!({ "status": "missing", "reason": "the output has no search/ folder" });
    }
    let mut shards = Vec::new();
    let mut total = 0u64;
    let mut meta = 0u64;
    for entry in std::fs::read_dir(&index).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let len = entry.metadata().map_or(0, |m| m.len());
        total += len;
        if name.starts_with("idx-") {
            shards.push(len);
        } else if name == "meta.js" {
            meta = len;
        }
    }
    let mut report = json!({
        "index_bytes": total,
        "meta_bytes": meta,
        "shards": shards.len(),
        "largest_shard_bytes": shards.iter().max().copied().unwrap_or(0),
    });
    match run_client(public, client, work) {
        Ok(queries) => {
            let bytes: Vec<f64> =
                queries.iter().filter_map(|q| q["bytes"].as_f64()).collect::<Vec<_>>();
            report["status"] = "ok".into();
            report["method"] = format!(
                "search.js under Node, cold page: meta.js + term shards + doc chunks of the \
                 first {FIRST_PAGE} results; uncompressed bytes"
            )
            .into();
            report["median_bytes"] = crate::measure::median(&bytes).into();
            report["max_bytes"] = bytes.iter().copied().fold(0.0, f64::max).into();
            report["queries"] = Value::from(queries);
        }
        Err(e) => {
            report["status"] = "sizes only".into();
            report["reason"] = format!("could not run the client under Node: {e}").into();
        }
    }
    report
}

fn run_client(public: &Path, client: &Path, work: &Path) -> std::io::Result<Vec<Value>> {
    let script = work.join("search-bytes.js");
    std::fs::write(&script, SCRIPT)?;
    let queries = serde_json::to_string(QUERIES).map_err(std::io::Error::other)?;
    let out = Command::new("node")
        .arg(&script)
        .arg(client)
        .arg(public)
        .arg(queries)
        .arg(FIRST_PAGE.to_string())
        .output()?;
    if !out.status.success() {
        return Err(std::io::Error::other(String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    let parsed: Value = serde_json::from_slice(&out.stdout).map_err(std::io::Error::other)?;
    let list = parsed.as_array().cloned().unwrap_or_default();
    if list.len() != QUERIES.len() {
        return Err(std::io::Error::other(format!("{} answers", list.len())));
    }
    Ok(list)
}
