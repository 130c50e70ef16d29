//! The results as a Markdown table and an SVG chart of build time against article count,
//! both read from the JSON document the benchmark writes.

use std::fmt::Write as _;

use serde_json::Value;

/// Display names of the tools, in the order rows and series are shown.
pub const TOOLS: &[(&str, &str)] = &[
    ("sotay", "sotay (with search index)"),
    ("hugo", "Hugo (minimal pages)"),
    ("hugo-related", "Hugo (related articles)"),
    ("pagefind", "Pagefind (on Hugo's output)"),
    ("hugo+pagefind", "Hugo + Pagefind"),
];

fn tool_name(key: &str) -> &str {
    TOOLS.iter().find(|(k, _)| *k == key).map_or(key, |(_, name)| name)
}

fn num(v: &Value, key: &str) -> Option<f64> {
    v.get(key).and_then(Value::as_f64)
}

fn fmt(v: Option<f64>, decimals: usize) -> String {
    v.map_or("–".into(), |x| format!("{x:.decimals$}"))
}

fn loads(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_f64)
        .map_or("?".into(), |x| format!("{x:.1}"))
}

/// Build rows plus the derived Hugo + Pagefind rows, sorted by articles then tool.
pub fn build_rows(results: &Value) -> Vec<Value> {
    let mut rows: Vec<Value> =
        results["builds"].as_array().cloned().unwrap_or_default().into_iter().collect();
    let mut sizes: Vec<u64> = rows.iter().filter_map(|r| r["articles"].as_u64()).collect();
    sizes.sort_unstable();
    sizes.dedup();
    for n in sizes {
        let find = |tool: &str| {
            rows.iter().find(|r| r["tool"] == tool && r["articles"].as_u64() == Some(n)).cloned()
        };
        let (Some(h), Some(p)) = (find("hugo"), find("pagefind")) else { continue };
        if h["status"] == "ok" && p["status"] == "ok" {
            let sum = |k: &str| num(&h, k).unwrap_or(0.0) + num(&p, k).unwrap_or(0.0);
            let max = |k: &str| num(&h, k).unwrap_or(0.0).max(num(&p, k).unwrap_or(0.0));
            // Rows measured before system time was recorded have none to add.
            let both = |k: &str| Some(num(&h, k)? + num(&p, k)?);
            rows.push(serde_json::json!({
                "tool": "hugo+pagefind", "articles": n, "status": "ok", "derived": true,
                "wall_s": sum("wall_s"), "cpu_s": sum("cpu_s"), "system_s": both("system_s"),
                "peak_mib": max("peak_mib"),
                "output_bytes": h["output_bytes"], "output_files": h["output_files"],
                "runs": h["runs"],
            }));
        }
    }
    let order = |r: &Value| {
        let tool = r["tool"].as_str().unwrap_or("");
        (r["articles"].as_u64().unwrap_or(0), TOOLS.iter().position(|(k, _)| *k == tool))
    };
    rows.sort_by_key(order);
    rows
}

/// The whole report in Markdown.
pub fn table(results: &Value) -> String {
    let mut out = String::new();
    let machine = &results["machine"];
    let _ = writeln!(
        out,
        "Machine: {} cores, {}. Medians of the measured runs after the warm-up runs; other \
         work was running on the machine (load averages below), so the figures are noisy.\n",
        machine["cores"],
        machine["kernel"].as_str().unwrap_or("?"),
    );
    for (key, tool) in results["tools"].as_object().into_iter().flatten() {
        let state = match tool["status"].as_str() {
            Some("ok") => tool["version"].as_str().unwrap_or("").to_string(),
            _ => format!("**missing**: {}", tool["reason"].as_str().unwrap_or("")),
        };
        // One Hugo binary builds both of its rows.
        let name = if key == "hugo" { "Hugo" } else { tool_name(key) };
        let _ = writeln!(out, "- {name}: {state}");
    }
    out.push_str("\n### Build\n\n");
    out.push_str(
        "| articles | tool | wall (s) | CPU (s) | of which system (s) | peak memory (MiB) | output (MiB) | files | runs | load (1 min) before → after |\n\
         |---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for row in build_rows(results) {
        let name = tool_name(row["tool"].as_str().unwrap_or("?"));
        let n = row["articles"].as_u64().unwrap_or(0);
        if row["status"] != "ok" {
            let why = one_line(row["reason"].as_str().unwrap_or(""));
            let state = row["status"].as_str().unwrap_or("missing");
            let _ = writeln!(out, "| {n} | {name} | {state} | – | – | – | – | – | – | {why} |");
            continue;
        }
        let derived = row.get("derived").is_some();
        let load = if derived {
            "sum of the two medians (peak: the larger)".to_string()
        } else {
            format!("{} → {}", loads(&row, "load_before"), loads(&row, "load_after"))
        };
        let runs = match row["warmups"].as_u64() {
            Some(w) => format!("{} (+{w} warm-up)", row["runs"]),
            None => row["runs"].to_string(),
        };
        let _ = writeln!(
            out,
            "| {n} | {name} | {} | {} | {} | {} | {} | {} | {runs} | {load} |",
            fmt(num(&row, "wall_s"), 2),
            fmt(num(&row, "cpu_s"), 2),
            fmt(num(&row, "system_s"), 2),
            fmt(num(&row, "peak_mib"), 0),
            fmt(num(&row, "output_bytes").map(|b| b / 1048576.0), 1),
            row["output_files"],
        );
    }
    out.push_str("\n### sotay search: bytes per query\n\n");
    out.push_str(
        "| articles | per query, median (KiB) | per query, max (KiB) | of which meta.js (KiB) | index total (MiB) | shards | largest shard (KiB) |\n\
         |---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut method = None;
    for s in results["search"].as_array().into_iter().flatten() {
        let kib = |k: &str| num(s, k).map(|b| b / 1024.0);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            s["articles"],
            fmt(kib("median_bytes"), 0),
            fmt(kib("max_bytes"), 0),
            fmt(kib("meta_bytes"), 0),
            fmt(num(s, "index_bytes").map(|b| b / 1048576.0), 1),
            s["shards"],
            fmt(kib("largest_shard_bytes"), 0),
        );
        method = method.or(s["method"].as_str().or(s["reason"].as_str()));
    }
    if let Some(method) = method {
        let queries: Vec<&str> = crate::search_bytes::QUERIES.to_vec();
        let _ = writeln!(out, "\nMethod: {method}. Queries: {}.", queries.join(", "));
    }
    let growth: Vec<&Value> = results["growth"].as_array().into_iter().flatten().collect();
    if !growth.is_empty() {
        out.push_str("\n### sotay growth between sizes, builds interleaved\n\n");
        out.push_str(
            "| from | to | articles × | wall, from (s) | wall, to (s) | time × | rounds |\n\
             |---:|---:|---:|---:|---:|---:|---:|\n",
        );
        for g in growth {
            if let Some(reason) = g["reason"].as_str() {
                let reason = one_line(reason);
                let _ = writeln!(out, "| {} | {} | failed: {reason} | | | | |", g["from"], g["to"]);
                continue;
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                g["from"],
                g["to"],
                fmt(num(g, "to").zip(num(g, "from")).map(|(t, f)| t / f), 0),
                fmt(num(g, "from_wall_s"), 2),
                fmt(num(g, "to_wall_s"), 2),
                fmt(num(g, "ratio"), 2),
                g["rounds"],
            );
        }
        out.push_str(
            "\nEach round builds the smaller corpus, the larger, the smaller again; medians.\n",
        );
    }
    out.push_str("\n### sotay serve: save-to-ready\n\n");
    out.push_str(
        "| articles | median (ms) | runs | first build and start (s) |\n|---:|---:|---:|---:|\n",
    );
    for s in results["serve"].as_array().into_iter().flatten() {
        if let Some(reason) = s["reason"].as_str() {
            let _ = writeln!(out, "| {} | failed: {} | – | – |", s["articles"], one_line(reason));
            continue;
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            s["articles"],
            fmt(num(s, "save_to_ready_ms"), 0),
            s["runs"],
            fmt(num(s, "first_build_s"), 2),
        );
    }
    out.push_str("\n### Targets of issue 6\n\n| target | measured | met |\n|---|---|---|\n");
    for t in results["targets"].as_array().into_iter().flatten() {
        let met = match t["met"].as_bool() {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "not measured",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {met} |",
            t["target"].as_str().unwrap_or(""),
            t["measured"].as_str().unwrap_or("")
        );
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "/")
}

const COLOURS: &[&str] = &["#1b6ac9", "#d1495b", "#7b2d8b", "#edae49", "#00798c"];

/// Build wall time against article count, both axes logarithmic, one line per tool.
pub fn chart(results: &Value) -> String {
    let rows = build_rows(results);
    let series: Vec<(&str, Vec<(f64, f64)>)> = TOOLS
        .iter()
        .map(|(key, name)| {
            let points = rows
                .iter()
                .filter(|r| r["tool"] == *key && r["status"] == "ok")
                .filter_map(|r| Some((r["articles"].as_f64()?, num(r, "wall_s")?)))
                .filter(|&(x, y)| x > 0.0 && y > 0.0)
                .collect();
            (*name, points)
        })
        .collect();
    let all: Vec<(f64, f64)> = series.iter().flat_map(|(_, p)| p.iter().copied()).collect();
    let decade = |v: f64, up: bool| {
        let l = v.log10();
        10f64.powf(if up { l.ceil() } else { l.floor() })
    };
    let (x0, x1) = bounds(all.iter().map(|p| p.0), decade);
    let (y0, y1) = bounds(all.iter().map(|p| p.1), decade);
    let (w, h, left, right, top, bottom) = (720.0, 440.0, 70.0, 220.0, 40.0, 60.0);
    let px =
        |x: f64| left + (x.log10() - x0.log10()) / (x1.log10() - x0.log10()) * (w - left - right);
    let py = |y: f64| {
        h - bottom - (y.log10() - y0.log10()) / (y1.log10() - y0.log10()) * (h - top - bottom)
    };
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="sans-serif" font-size="12" role="img">
<title>Build time against article count (log-log)</title>
<rect width="{w}" height="{h}" fill="#fff"/>
<text x="{}" y="22" text-anchor="middle" font-size="15">Full build time (median wall seconds) against article count</text>"##,
        (w - right + left) / 2.0
    );
    let mut x = x0;
    while x <= x1 * 1.0001 {
        let _ = writeln!(
            svg,
            r##"<line x1="{0:.1}" y1="{top}" x2="{0:.1}" y2="{1}" stroke="#ddd"/><text x="{0:.1}" y="{2}" text-anchor="middle">{3}</text>"##,
            px(x),
            h - bottom,
            h - bottom + 18.0,
            label(x)
        );
        x *= 10.0;
    }
    let mut y = y0;
    while y <= y1 * 1.0001 {
        let _ = writeln!(
            svg,
            r##"<line x1="{left}" y1="{0:.1}" x2="{1}" y2="{0:.1}" stroke="#ddd"/><text x="{2}" y="{3:.1}" text-anchor="end">{4}</text>"##,
            py(y),
            w - right,
            left - 6.0,
            py(y) + 4.0,
            label(y)
        );
        y *= 10.0;
    }
    let _ = writeln!(
        svg,
        r##"<text x="{}" y="{}" text-anchor="middle">articles (log scale)</text>
<text transform="translate(18 {}) rotate(-90)" text-anchor="middle">wall time, seconds (log scale)</text>"##,
        (w - right + left) / 2.0,
        h - 14.0,
        (h - bottom + top) / 2.0
    );
    for (i, (name, points)) in series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let ly = top + 10.0 + i as f64 * 20.0;
        let legend_x = w - right + 16.0;
        let state = if points.is_empty() { " (missing)" } else { "" };
        let _ = writeln!(
            svg,
            r##"<line x1="{legend_x}" y1="{ly}" x2="{}" y2="{ly}" stroke="{colour}" stroke-width="3"/><text x="{}" y="{}">{name}{state}</text>"##,
            legend_x + 18.0,
            legend_x + 24.0,
            ly + 4.0
        );
        let path: Vec<String> =
            points.iter().map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y))).collect();
        if path.len() > 1 {
            let _ = writeln!(
                svg,
                r##"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"/>"##,
                path.join(" ")
            );
        }
        for &(x, y) in points {
            let _ = writeln!(
                svg,
                r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="{colour}"><title>{name}: {x} articles, {y:.2} s</title></circle>"##,
                px(x),
                py(y)
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}

fn bounds(values: impl Iterator<Item = f64>, decade: impl Fn(f64, bool) -> f64) -> (f64, f64) {
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        return (1.0, 10.0);
    }
    let (lo, hi) = (decade(lo, false), decade(hi, true));
    if hi > lo { (lo, hi) } else { (lo, lo * 10.0) }
}

fn label(v: f64) -> String {
    if v >= 1000.0 {
        format!("{}k", v / 1000.0)
    } else if v >= 1.0 {
        format!("{v}")
    } else {
        format!("{v:.3}").trim_end_matches('0').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn results() -> Value {
        json!({
            "machine": {"cores": 2, "kernel": "Linux"},
            "tools": {"sotay": {"status": "ok", "version": "sotay 0.1.0"},
                      "hugo": {"status": "ok", "version": "hugo v0.168.0"},
                      "pagefind": {"status": "missing", "reason": "not installed"}},
            "builds": [
                {"tool": "sotay", "articles": 1000, "status": "ok", "wall_s": 0.5, "cpu_s": 0.9,
                 "system_s": 0.25, "peak_mib": 100.0, "output_bytes": 1048576, "output_files": 10, "runs": 3, "warmups": 1},
                {"tool": "sotay", "articles": 10000, "status": "ok", "wall_s": 4.0, "cpu_s": 7.0,
                 "peak_mib": 400.0, "output_bytes": 1048576, "output_files": 10, "runs": 3, "warmups": 1},
                {"tool": "hugo", "articles": 1000, "status": "ok", "wall_s": 2.0, "cpu_s": 3.0,
                 "peak_mib": 300.0, "output_bytes": 1048576, "output_files": 10, "runs": 3, "warmups": 1},
                {"tool": "pagefind", "articles": 1000, "status": "missing", "reason": "not installed"}
            ],
            "search": [], "serve": [], "targets": []
        })
    }

    #[test]
    fn missing_peers_are_rows_saying_so() {
        let table = table(&results());
        assert!(table.contains("| 1000 | Pagefind (on Hugo's output) | missing |"), "{table}");
        assert!(table.contains("**missing**: not installed"), "{table}");
        assert!(!table.contains("Hugo + Pagefind"), "no sum without both parts");
    }

    #[test]
    fn system_time_is_shown_where_it_was_measured() {
        let table = table(&results());
        assert!(
            table.contains("| 1000 | sotay (with search index) | 0.50 | 0.90 | 0.25 | 100 |"),
            "{table}"
        );
        assert!(
            table.contains("| 10000 | sotay (with search index) | 4.00 | 7.00 | – | 400 |"),
            "{table}"
        );
    }

    #[test]
    fn the_growth_between_sizes_is_a_table_of_its_own_when_measured() {
        assert!(!table(&results()).contains("growth"), "no growth measured, no table");
        let mut r = results();
        r["growth"] = json!([
            {"from": 1000, "to": 10000, "status": "ok", "rounds": 5, "from_wall_s": 0.126,
             "to_wall_s": 1.25, "ratio": 10.0},
            {"from": 10000, "to": 100000, "status": "failed", "reason": "killed\nby | OOM"}
        ]);
        let table = table(&r);
        assert!(table.contains("| 1000 | 10000 | 10 | 0.13 | 1.25 | 10.00 | 5 |"), "{table}");
        assert!(table.contains("| 10000 | 100000 | failed: killed by / OOM |"), "{table}");
    }

    #[test]
    fn the_sum_row_appears_when_both_peers_ran() {
        let mut r = results();
        r["builds"][3] = json!({"tool": "pagefind", "articles": 1000, "status": "ok",
            "wall_s": 1.0, "cpu_s": 1.5, "peak_mib": 500.0, "runs": 3});
        let rows = build_rows(&r);
        let sum = rows.iter().find(|r| r["tool"] == "hugo+pagefind").expect("sum row");
        assert_eq!(sum["wall_s"], 3.0);
        assert_eq!(sum["peak_mib"], 500.0);
        assert_eq!(sum["system_s"], Value::Null, "neither part has system time");
    }

    #[test]
    fn the_chart_has_a_point_per_measured_build_and_labelled_axes() {
        let svg = chart(&results());
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("articles (log scale)") && svg.contains("wall time, seconds"));
        assert!(svg.contains("Pagefind (on Hugo's output) (missing)"));
        assert!(svg.contains(">10k<") && svg.contains(">1k<"), "decade ticks");
    }
}
