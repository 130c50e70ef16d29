//! What `serve` tells the editor on the terminal, in the site's language: where the site
//! is, what each save did, and whether the pages still show the last good build.

use std::net::IpAddr;
use std::time::Duration;

use crate::i18n::Lang;

/// Why a save needs a full build rather than an update of the edited pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reason {
    vi: &'static str,
    en: &'static str,
}

impl Reason {
    pub const OUTSIDE_CONTENT: Reason =
        Reason { vi: "đường dẫn ngoài content/", en: "a path outside content/" };
    pub const NEW_ARTICLE: Reason = Reason {
        vi: "có bài mới, bài đổi tên hoặc bản nháp",
        en: "an article is new, renamed or a draft",
    };
    pub const ARTICLE_GONE: Reason = Reason {
        vi: "có bài bị xóa hoặc đổi tên",
        en: "an article was deleted or renamed",
    };
    pub const NOT_UTF8: Reason =
        Reason { vi: "tệp không phải UTF-8", en: "a file is not UTF-8" };
    pub const NOT_AN_ARTICLE: Reason = Reason {
        vi: "một tệp không phải bài viết đã đổi",
        en: "a file that is no article changed",
    };
    pub const FRONT_MATTER_ERROR: Reason =
        Reason { vi: "phần đầu có lỗi", en: "the front matter has an error" };
    pub const FRONT_MATTER_CHANGED: Reason =
        Reason { vi: "phần đầu đã đổi", en: "the front matter changed" };
    pub const LINK_ERROR: Reason = Reason {
        vi: "một liên kết trong bài có lỗi",
        en: "a link in the article is broken",
    };
    pub const LINKS_CHANGED: Reason = Reason {
        vi: "liên kết tới bài khác đã đổi",
        en: "its links to other articles changed",
    };
    pub const LINKED_HEADINGS_CHANGED: Reason = Reason {
        vi: "đề mục đổi trong bài có bài khác liên kết tới",
        en: "headings changed in an article other articles link to",
    };
    pub const PAGE_FAILED: Reason =
        Reason { vi: "một trang không dựng được", en: "a page could not be rendered" };

    pub fn text(self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }
}

pub fn port_busy(lang: Lang, busy: u16, port: u16) -> String {
    match lang {
        Lang::Vi => format!("Cổng {busy} đang bận, dùng cổng {port}."),
        Lang::En => format!("Port {busy} is busy; using port {port}."),
    }
}

/// An explicit port that cannot be used (taken, or not allowed).
pub fn port_unusable(lang: Lang, port: u16, bind: IpAddr, error: &std::io::Error) -> String {
    let error = lang.os_error(error);
    match lang {
        Lang::Vi => {
            format!("không dùng được cổng {port} trên {bind}: {error}; chọn cổng khác bằng --port")
        }
        Lang::En => {
            format!("port {port} on {bind} cannot be used: {error}; choose another with --port")
        }
    }
}

pub fn ports_busy(lang: Lang, first: u16, last: u16) -> String {
    match lang {
        Lang::Vi => format!("các cổng {first}–{last} đều bận; chọn cổng bằng --port"),
        Lang::En => format!("ports {first}–{last} are all busy; choose one with --port"),
    }
}

pub fn no_browser(lang: Lang, program: &str, error: &std::io::Error, url: &str) -> String {
    match lang {
        Lang::Vi => format!("cảnh báo: không mở được trình duyệt ({program}: {error}); mở {url}"),
        Lang::En => format!("warning: could not open a browser ({program}: {error}); open {url}"),
    }
}

pub fn open_to_network(lang: Lang, bind: IpAddr) -> String {
    match lang {
        Lang::Vi => format!(
            "cảnh báo: đang mở cho cả mạng ({bind}): ai cùng mạng cũng xem được trang nháp này"
        ),
        Lang::En => format!(
            "warning: open to the whole network ({bind}): anyone on it can see this draft site"
        ),
    }
}

pub fn site_at(lang: Lang, url: &str) -> String {
    match lang {
        Lang::Vi => format!("Xem trang tại {url} (Ctrl-C để dừng)"),
        Lang::En => format!("Site at {url} (Ctrl-C to stop)"),
    }
}

pub fn other_machines(lang: Lang, url: &str) -> String {
    lang.pick("Máy khác trong mạng mở: ", "Other machines on the network open: ").to_string() + url
}

pub fn built(lang: Lang, articles: usize, pages: usize, time: Duration) -> String {
    let ms = time.as_millis();
    let articles = lang.count(articles, "bài viết", "article", "articles");
    let pages = lang.count(pages, "trang", "page", "pages");
    match lang {
        Lang::Vi => format!("Đã dựng {articles}, {pages} trong {ms} ms."),
        Lang::En => format!("Built {articles}, {pages} in {ms} ms."),
    }
}

/// The times of an edit's update: all of it, then reading, Markdown, pages and the swap.
pub struct UpdateTimes {
    pub ready: Duration,
    pub read: Duration,
    pub markdown: Duration,
    pub pages: Duration,
    pub swap: Duration,
}

pub fn updated(lang: Lang, articles: usize, pages: usize, t: &UpdateTimes) -> String {
    let ms = |d: Duration| d.as_millis();
    let (ready, read, markdown, render, swap) =
        (ms(t.ready), ms(t.read), ms(t.markdown), ms(t.pages), ms(t.swap));
    match lang {
        Lang::Vi => format!(
            "Đã cập nhật {articles} bài, {pages} trang trong {ready} ms (đọc {read} ms, markdown {markdown} ms, trang {render} ms, thay {swap} ms)."
        ),
        Lang::En => format!(
            "Updated {}, {} in {ready} ms (read {read} ms, Markdown {markdown} ms, pages {render} ms, swap {swap} ms).",
            lang.count(articles, "bài", "article", "articles"),
            lang.count(pages, "trang", "page", "pages"),
        ),
    }
}

pub fn index_updated(lang: Lang, time: Duration) -> String {
    match lang {
        Lang::Vi => format!("Chỉ mục tìm kiếm đã cập nhật ({} ms).", time.as_millis()),
        Lang::En => format!("Search index updated ({} ms).", time.as_millis()),
    }
}

pub fn full_build(lang: Lang, reason: Reason) -> String {
    lang.pick("Dựng lại toàn bộ: ", "Building everything again: ").to_string()
        + reason.text(lang)
        + "."
}

/// A batch of changes, by kind (`content`, `theme`…), about to be built.
pub fn changed(lang: Lang, kinds: &[String]) -> String {
    match lang {
        Lang::Vi => format!("Thay đổi ({}), dựng lại…", kinds.join(", ")),
        Lang::En => format!("Changed ({}), building…", kinds.join(", ")),
    }
}

pub fn stopped(lang: Lang) -> &'static str {
    lang.pick("Đã dừng.", "Stopped.")
}

pub fn watch_warning(lang: Lang, error: &str) -> String {
    lang.pick("cảnh báo: theo dõi tệp: ", "warning: watching files: ").to_string() + error
}

/// The terminal's last word on a failed build: what the pages show now, which is the
/// last good site only when there is one.
pub fn failed(lang: Lang, errors: usize, served: bool) -> String {
    let noun = if errors == 1 { "error" } else { "errors" };
    match (lang, served) {
        (Lang::Vi, true) => format!("Dựng lỗi ({errors} lỗi): vẫn phục vụ bản tốt gần nhất."),
        (Lang::Vi, false) => format!(
            "Dựng lỗi ({errors} lỗi): chưa có bản dựng nào thành công; \
             sửa lỗi rồi lưu, trang đang mở sẽ tự tải lại."
        ),
        (Lang::En, true) => format!("Build failed ({errors} {noun}): serving the last good site."),
        (Lang::En, false) => format!(
            "Build failed ({errors} {noun}): no build has succeeded yet; \
             fix them and save, and open pages reload by themselves."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_first_build_does_not_claim_a_last_good_site() {
        let first = failed(Lang::Vi, 1, false);
        assert_eq!(
            first,
            "Dựng lỗi (1 lỗi): chưa có bản dựng nào thành công; \
             sửa lỗi rồi lưu, trang đang mở sẽ tự tải lại."
        );
        assert!(!failed(Lang::En, 2, false).contains("last good"));
        assert_eq!(failed(Lang::Vi, 3, true), "Dựng lỗi (3 lỗi): vẫn phục vụ bản tốt gần nhất.");
        assert!(failed(Lang::En, 3, true).contains("serving the last good site"));
        assert!(failed(Lang::En, 1, true).starts_with("Build failed (1 error):"));
        assert!(failed(Lang::En, 2, false).starts_with("Build failed (2 errors):"));
    }

    #[test]
    fn counts_agree_with_their_number_in_english() {
        let ms = Duration::from_millis(14);
        assert_eq!(built(Lang::En, 1, 12, ms), "Built 1 article, 12 pages in 14 ms.");
        assert_eq!(built(Lang::Vi, 1, 12, ms), "Đã dựng 1 bài viết, 12 trang trong 14 ms.");
        let times = UpdateTimes { ready: ms, read: ms, markdown: ms, pages: ms, swap: ms };
        assert!(updated(Lang::En, 1, 3, &times).starts_with("Updated 1 article, 3 pages in 14 ms"));
        assert_eq!(
            full_build(Lang::En, Reason::LINKS_CHANGED),
            "Building everything again: its links to other articles changed."
        );
    }
}
