//! What to write instead of a link that names nothing: the hints of those errors.

use super::{LinkTargets, Problem, relative};
use crate::i18n::Lang;
use crate::markdown::LinkKind;

/// The problem of a destination that names nothing in `content/`, with what to write
/// instead when something close exists.
pub(super) fn missing(
    rel: &str,
    fragment: Option<&str>,
    kind: LinkKind,
    content_dir: &str,
    dirs: &[String],
    targets: &LinkTargets,
    lang: Lang,
) -> Problem {
    let article = rel.ends_with(".md");
    let draft = targets.drafts.contains(rel);
    let message = match (lang, article, draft, kind) {
        (Lang::Vi, _, true, _) => {
            format!("liên kết tới bản nháp `{rel}`, bản nháp không được xuất bản")
        }
        (Lang::En, _, true, _) => format!("link to the draft `{rel}`, which is not published"),
        (Lang::Vi, true, _, _) => format!("liên kết tới bài viết không tồn tại `{rel}`"),
        (Lang::En, true, _, _) => format!("link to a missing article `{rel}`"),
        (Lang::Vi, false, _, LinkKind::Image) => {
            format!("không tìm thấy ảnh `{rel}` trong content/")
        }
        (Lang::En, false, _, LinkKind::Image) => format!("image `{rel}` not found in content/"),
        (Lang::Vi, false, _, LinkKind::Link) => {
            format!("không tìm thấy tệp `{rel}` trong content/")
        }
        (Lang::En, false, _, LinkKind::Link) => format!("file `{rel}` not found in content/"),
    };
    let hint = if draft {
        match lang {
            Lang::Vi => format!(
                "bỏ `draft: true` trong `{rel}` để xuất bản bài đó, hoặc bỏ liên kết này (`--drafts` dựng cả bản nháp để xem trước)"
            ),
            Lang::En => format!(
                "remove `draft: true` from `{rel}` to publish it, or drop this link (`--drafts` builds drafts for a preview)"
            ),
        }
    } else if let Some(meant) = meant(rel, dirs, targets) {
        did_you_mean(&super::with_fragment(relative(content_dir, meant), fragment), lang)
    } else if article {
        lang.pick(
            "kiểm tra tên tệp và số `../`; đường dẫn tính từ thư mục của bài viết này",
            "check the file name and the `../`; the path is relative to this article's folder",
        )
        .to_string()
    } else {
        match kind {
            LinkKind::Image => lang.pick(
                "đặt ảnh cạnh bài viết và viết đường dẫn tương đối, ví dụ `![Ảnh](anh-1.jpg)`",
                "put the image beside the article and link it relatively, e.g. `![Photo](photo-1.jpg)`",
            ),
            LinkKind::Link => lang.pick(
                "đặt tệp cạnh bài viết và viết đường dẫn tương đối, ví dụ `[Báo cáo](bao-cao.pdf)`; liên kết tới bài khác ghi tên tệp .md của bài",
                "put the file beside the article and link it relatively, e.g. `[Report](report.pdf)`; a link to another article names its .md file",
            ),
        }
        .to_string()
    };
    Problem { message, hint: Some(hint) }
}

pub(super) fn did_you_mean(write: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "có phải ý bạn là `{write}`? (đường dẫn tính từ thư mục của bài viết này; tới một bài khác thì ghi tên tệp .md của bài)"
        ),
        Lang::En => format!(
            "did you mean `{write}`? (the path counts from this article's folder; a link to another article names its .md file)"
        ),
    }
}

/// What a destination that names nothing most likely meant (content-relative): the
/// article whose page it names (`../phuc-dong/`, `phuc-dong/index.html`), the article it
/// names without `.md`, or else the one article or file of that name in another folder.
pub(super) fn meant<'t>(rel: &str, dirs: &[String], targets: &LinkTargets<'t>) -> Option<&'t str> {
    let page = rel.strip_suffix("index.html").unwrap_or(rel);
    let page = format!("{}/", page.trim_end_matches('/'));
    let by_page = dirs.iter().position(|dir| *dir == page);
    let article_at = |index: usize| targets.articles.iter().find(|&(_, &i)| i == index);
    if let Some((&rel, _)) = by_page.and_then(article_at) {
        return Some(rel);
    }
    let with_md = format!("{rel}.md");
    if let Some((&rel, _)) = targets.articles.get_key_value(with_md.as_str()) {
        return Some(rel);
    }
    // The same path in other capitals: Windows opens `Anh-1.JPG` for `anh-1.jpg`, a web
    // server does not.
    let lower = rel.to_lowercase();
    let mut cased: Vec<&str> = (targets.articles.keys().copied())
        .chain(targets.assets.iter().copied())
        .filter(|other| other.to_lowercase() == lower)
        .collect();
    cased.sort_unstable();
    if cased.len() == 1 {
        return Some(cased[0]);
    }
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let named = |other: &&str| other.rsplit('/').next() == Some(name);
    let mut same: Vec<&str> = if rel.ends_with(".md") {
        targets.articles.keys().copied().filter(named).collect()
    } else {
        targets.assets.iter().copied().filter(named).collect()
    };
    same.sort_unstable();
    (same.len() == 1).then(|| same[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets<'a>(articles: &[&'a str], assets: &[&'a str]) -> LinkTargets<'a> {
        LinkTargets {
            articles: articles.iter().enumerate().map(|(i, &a)| (a, i)).collect(),
            drafts: Default::default(),
            unreadable: Default::default(),
            assets: assets.iter().copied().collect(),
            directives: Default::default(),
            directive_pages: Vec::new(),
        }
    }

    #[test]
    fn a_link_that_names_nothing_is_matched_to_what_it_meant() {
        let targets = targets(
            &["ha-noi/phuc-dong.md", "quan-10/p12.md", "a/bai.md", "b/bai.md"],
            &["ha-noi/bao-cao.pdf"],
        );
        let dirs = ["ha-noi/phuc-dong/", "quan-10/p12/", "a/bai/", "b/bai/"].map(String::from);
        let meant = |rel: &str| meant(rel, &dirs, &targets);
        // A page's address, with or without its index.html.
        assert_eq!(meant("ha-noi/phuc-dong/index.html"), Some("ha-noi/phuc-dong.md"));
        assert_eq!(meant("ha-noi/phuc-dong"), Some("ha-noi/phuc-dong.md"));
        // The file name without `.md`, in the right folder.
        assert_eq!(meant("quan-10/p12"), Some("quan-10/p12.md"));
        // The one file of that name in another folder.
        assert_eq!(meant("quan-10/phuc-dong.md"), Some("ha-noi/phuc-dong.md"));
        assert_eq!(meant("quan-10/bao-cao.pdf"), Some("ha-noi/bao-cao.pdf"));
        // The same path in other capitals.
        assert_eq!(meant("ha-noi/Phuc-Dong.MD"), Some("ha-noi/phuc-dong.md"));
        assert_eq!(meant("ha-noi/Bao-Cao.PDF"), Some("ha-noi/bao-cao.pdf"));
        // Two of that name: no guess.
        assert_eq!(meant("c/bai.md"), None);
        assert_eq!(meant("quan-10/khong-co.md"), None);
    }
}
