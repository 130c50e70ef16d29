//! The search page as a reader uses it, in headless Chromium driven by Node over the
//! DevTools protocol (`tests/js/browser.js`): keys, "Xem thêm", Back, reload, a phone's
//! screen. Node and `/usr/bin/chromium` are required: without them these tests fail.

use std::path::Path;

use crate::support::{Site, node_test};

/// The search fixture and 45 more articles, all with "kinh nghiệm" in their title: more
/// than two pages of results (the page shows 20 at a time). They are in wards of one long
/// locality name ("Phường 7, Quận 3, Thành phố Hồ Chí Minh") so a filter on it is wide.
fn many_results_site() -> Site {
    let site = Site::fixture("search_site");
    let body = "Chi bộ họp định kỳ, phân công đảng viên phụ trách từng tổ dân phố. ".repeat(12);
    for i in 1..=45 {
        let article = format!(
            "---\ntitle: Bài học kinh nghiệm số {i}\nward: Phường {ward}\ndistrict: Quận 3\n\
             province: Thành phố Hồ Chí Minh\nyear: {year}\ndirective: Chỉ thị số 05-CT/TW\n\
             theme: Xây dựng Đảng\n---\n{body}\n\n## Kết quả\n\n{body}\n",
            ward = i % 3 + 7,
            year = 2015 + i % 8,
        );
        site.write(&format!("content/quan-3/bai-{i}.md"), &article);
    }
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

fn page_test(file: &str, site: &Site) {
    let public = site.path().join("public");
    node_test(file, &[("SOTAY_PAGE_SITE", Path::new(&public))]);
}

/// "Xem thêm kết quả" moves focus to the first result it added, also when it loads the
/// last ones and disappears, and the live region says how many are shown.
#[test]
fn show_more_keeps_keyboard_focus_in_the_results() {
    page_test("page-more.test.js", &many_results_site());
}

/// Back from a result, from disk: the results shown with "Xem thêm", the result opened
/// and the scroll position come back.
#[test]
fn back_from_a_result_restores_the_results_and_the_place() {
    page_test("page-back.test.js", &many_results_site());
}

/// A space after the last word stays in the URL, so a reload shows what was typed.
#[test]
fn a_trailing_space_stays_in_the_url() {
    page_test("page-url.test.js", &many_results_site());
}

/// On a phone the results come right under the search field and nothing scrolls sideways
/// at 320 px; the folded filters open from the keyboard.
#[test]
fn on_a_phone_the_results_come_first_and_nothing_is_too_wide() {
    page_test("page-phone.test.js", &many_results_site());
}
