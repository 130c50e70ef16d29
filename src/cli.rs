//! The command line. Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// sotay (sổ tay): turns a folder of Vietnamese lessons-learned articles into a static
/// site to browse by directive, locality, year and theme.
#[derive(Debug, Parser)]
#[command(name = "sotay", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(BuildArgs),
    /// Check every article and link without writing anything.
    Check(CheckArgs),
    /// Write a new article with valid front matter, ready to fill in.
    New(NewArgs),
    /// Create a new site: config, content/ and a sample article.
    Init(InitArgs),
    /// Build the site into memory, serve it for preview and rebuild as you save;
    /// open pages reload by themselves. Never writes public/.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder (holding content/ and the optional sotay.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Treat warnings (unknown front matter keys…) as errors.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output folder [default: ROOT/public].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Absolute URL the site is published at (overrides base_url in sotay.yaml).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Replace an output folder sotay did not create; its content is moved aside, never deleted.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum Format {
    /// Messages for people, with the source line and a hint.
    #[default]
    Human,
    /// One JSON document on stdout, for CI.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to report the problems found.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Path of the new Markdown file, e.g. content/quan-10/phuong-12-2024.md.
    pub path: PathBuf,
    /// Title of the article.
    #[arg(long, value_parser = filled)]
    pub title: Option<String>,
    /// The locality: "Phường 12", "Xã Tân Phú", "Huyện Hải Hà"…
    #[arg(long, value_parser = filled)]
    pub ward: String,
    /// District of the locality, e.g. "Quận 10".
    #[arg(long, value_parser = filled)]
    pub district: Option<String>,
    /// Province or city, e.g. "Thành phố Hồ Chí Minh".
    #[arg(long, value_parser = filled)]
    pub province: Option<String>,
    /// Year the report is about (1900–2100).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1900..=2100))]
    pub year: u16,
    /// Directive carried out, e.g. "Chỉ thị 05-CT/TW"; repeat for several.
    #[arg(long, required = true, value_parser = filled)]
    pub directive: Vec<String>,
    /// Theme, e.g. "Xây dựng Đảng"; repeat for several.
    #[arg(long, required = true, value_parser = filled)]
    pub theme: Vec<String>,
}

/// A front matter value from the command line: `check` refuses an empty one, so `new`
/// does too, before writing anything.
fn filled(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("không được để trống (must not be empty)".into());
    }
    Ok(value.to_string())
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder (holding content/ and the optional sotay.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Address to listen on; anything but loopback shows the site to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Port to listen on; 0 picks any free port [default: 1111, or the next free one].
    #[arg(long)]
    pub port: Option<u16>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the browser once it is served.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder of the new site; created if missing, must be empty if it exists.
    pub dir: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_sound() {
        Cli::command().debug_assert();
    }
}
