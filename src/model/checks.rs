//! Checks of the assembled articles that look across files: two articles writing one
//! page, a directive written without the code another article gives it, a name written
//! without the marks other articles give it.

use std::cmp::Reverse;
use std::collections::HashMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Article, Dimension, RESERVED};
use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::Lang;
use crate::{terms, vi};

/// A directive written without its code ("Chỉ thị số 05") that names one another article
/// writes with its code: it would make a page of its own, apart from that directive's. A
/// warning at the entry, naming the directive meant.
pub(super) fn check_code_less_directives(articles: &[Article], lang: Lang) -> Vec<Diagnostic> {
    // Each spelling once: a site writes its few directives thousands of times.
    let mut spellings: Vec<&str> =
        articles.iter().flat_map(|a| &a.front.directive).map(String::as_str).collect();
    spellings.par_sort_unstable();
    spellings.dedup();
    let (with_code, without): (Vec<&str>, Vec<&str>) =
        spellings.into_iter().partition(|name| terms::find_code(name).is_some());
    if without.is_empty() || with_code.is_empty() {
        return Vec::new();
    }
    let mut coded: Vec<String> = with_code.iter().map(|name| terms::directive(name).name).collect();
    coded.sort_unstable();
    coded.dedup();
    let matcher = crate::mentions::DirectiveMatcher::new(coded.iter().map(String::as_str), &[]);
    let meant: HashMap<&str, &str> = without
        .iter()
        .filter_map(|&entry| {
            let by_name = matcher.find(entry).first().map(|found| found.term);
            let term = by_name.or_else(|| by_abbreviation(entry, &coded))?;
            Some((entry, coded[term].as_str()))
        })
        .collect();
    if meant.is_empty() {
        return Vec::new();
    }
    let mut diagnostics = Vec::new();
    for article in articles {
        for (index, entry) in article.front.directive.iter().enumerate() {
            let Some(&meant) = meant.get(entry.as_str()) else { continue };
            let told = match lang {
                Lang::Vi => (
                    format!(
                        "`{entry}` không có mã văn bản, nên có trang riêng, tách khỏi `{meant}`"
                    ),
                    format!(
                        "có phải ý bạn là `{meant}`? Viết cả mã để bài vào trang của văn bản đó"
                    ),
                ),
                Lang::En => (
                    format!(
                        "`{entry}` has no document code, so it gets a page apart from `{meant}`"
                    ),
                    format!(
                        "did you mean `{meant}`? Write the code so the article joins that directive's page"
                    ),
                ),
            };
            diagnostics.push(warning_at_entry(article, "directive", index, told));
        }
    }
    diagnostics
}

/// A theme or place name written without its marks ("Dan van", "Phuong 12") where other
/// articles write it with them ("Dân vận"): it makes a page of its own, and readers see
/// the bare letters. A warning at the entry, naming the spelling the site uses most.
/// Names that differ in their marks only are left alone ("Hòa" and "Hóa" are two places).
pub(super) fn check_unmarked_names(articles: &[Article], lang: Lang) -> Vec<Diagnostic> {
    // Each name as written, counted: a site writes its few names thousands of times.
    let mut written: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    for entry in articles.iter().flat_map(named_entries) {
        *written.entry((entry.0, entry.2)).or_default() += 1;
    }
    // The spelling with marks most articles write, by field and folded name.
    let mut marked: HashMap<(&str, String), (&str, usize)> = HashMap::new();
    for (&(key, name), &count) in written.iter().filter(|((_, name), _)| !name.is_ascii()) {
        let best = marked.entry((key, vi::fold(name))).or_insert((name, count));
        if (count, Reverse(name)) > (best.1, Reverse(best.0)) {
            *best = (name, count);
        }
    }
    let meant: FxHashMap<(&str, &str), (&str, usize)> = written
        .keys()
        .filter(|(_, name)| name.is_ascii())
        .filter_map(|&(key, name)| Some(((key, name), *marked.get(&(key, vi::fold(name)))?)))
        .collect();
    if meant.is_empty() {
        return Vec::new();
    }
    let mut diagnostics = Vec::new();
    for article in articles {
        for (key, index, name) in named_entries(article) {
            let Some(&(meant, count)) = meant.get(&(key, name)) else { continue };
            let told = match lang {
                Lang::Vi => (
                    format!("`{name}` viết không dấu, còn {count} bài viết `{meant}`"),
                    format!("viết `{meant}` để bài vào cùng trang, và người đọc thấy tên có dấu"),
                ),
                Lang::En => (
                    format!(
                        "`{name}` is written without marks, and {count} {} `{meant}`",
                        if count == 1 { "article writes" } else { "articles write" }
                    ),
                    format!(
                        "write `{meant}` so the article joins the same page and readers see the marks"
                    ),
                ),
            };
            diagnostics.push(warning_at_entry(article, key, index, told));
        }
    }
    diagnostics
}

/// A warning and its hint at entry `index` of `key` in `article`'s front matter.
fn warning_at_entry(
    article: &Article,
    key: &str,
    index: usize,
    (message, hint): (String, String),
) -> Diagnostic {
    let text = &article.source.text;
    let pos =
        crate::front_matter::entry_pos(text, article.body_offset, key, index).unwrap_or(Pos::START);
    Diagnostic::warning(&article.source.path, pos, message).with_hint(hint).with_source(text)
}

/// The theme and place names an article writes: the field, the entry and the name.
fn named_entries(article: &Article) -> Vec<(&'static str, usize, &str)> {
    let front = &article.front;
    let places = [("ward", Some(&front.ward)), ("district", front.district.as_ref())];
    let places = places.into_iter().chain([("province", front.province.as_ref())]);
    let places = places.filter_map(|(key, name)| Some((key, 0, name?.as_str())));
    let themes = front.theme.iter().enumerate().map(|(i, name)| ("theme", i, name.as_str()));
    places.chain(themes).collect()
}

/// The one of `coded` (directive names with codes) that a kind's letters and a number
/// name: `CT 05`, `NQ số 21` → the directive whose code is `05-CT/…`, `21-NQ/…`.
fn by_abbreviation(entry: &str, coded: &[String]) -> Option<usize> {
    let mut words = entry.split_whitespace();
    let kind = vi::fold(words.next()?);
    let number: u32 = words.find(|w| vi::fold(w) != "so")?.parse().ok()?;
    let mut matching = coded.iter().enumerate().filter(|(_, name)| {
        terms::find_code(name)
            .is_some_and(|(code, _)| code.number == number && vi::fold(&code.kind) == kind)
    });
    let (first, _) = matching.next()?;
    matching.next().is_none().then_some(first)
}

/// Two articles writing one page, or an article taking a folder of the site's own pages.
pub(super) fn check_output_dirs(articles: &[Article], lang: Lang) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut by_dir: HashMap<&str, Vec<&Article>> = HashMap::new();
    for article in articles {
        by_dir.entry(&article.dir).or_default().push(article);
    }
    let reserved: Vec<&str> =
        Dimension::ALL.iter().map(|d| d.segment()).chain(RESERVED.iter().copied()).collect();
    for (dir, owners) in by_dir {
        let first = dir.split('/').next().unwrap_or_default();
        if dir.is_empty() || reserved.contains(&first) {
            for article in owners {
                diagnostics.push(
                    Diagnostic::error(&article.source.path, article.front.slug_pos, match lang {
                        Lang::Vi => format!("đường dẫn `/{dir}` trùng với trang của sotay"),
                        Lang::En => format!("output path `/{dir}` is taken by a page sotay makes"),
                    })
                    .with_hint(lang.pick(
                        format!("các thư mục `{}` và trang chủ dành cho sotay; chuyển tệp sang thư mục khác", reserved.join("`, `")),
                        format!("the folders `{}` and the home page belong to sotay; move the file elsewhere", reserved.join("`, `")),
                    ))
                    .with_source(&article.source.text),
                );
            }
            continue;
        }
        if owners.len() < 2 {
            continue;
        }
        for article in &owners {
            let others: Vec<String> = owners
                .iter()
                .filter(|o| o.source.rel != article.source.rel)
                .map(|o| o.source.path.display().to_string())
                .collect();
            diagnostics.push(
                Diagnostic::error(
                    &article.source.path,
                    article.front.slug_pos,
                    match lang {
                        Lang::Vi => {
                            format!("bài viết này và {} cùng ghi ra `/{dir}`", others.join(", "))
                        }
                        Lang::En => {
                            format!("this article and {} both write `/{dir}`", others.join(", "))
                        }
                    },
                )
                .with_hint(lang.pick(
                    "đổi tên một tệp, hoặc đặt `slug:` khác nhau trong phần đầu",
                    "rename one file, or give them different `slug:` values",
                ))
                .with_source(&article.source.text),
            );
        }
    }
    diagnostics
}
