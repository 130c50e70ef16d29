//! A theme's `strings.yaml`, checked key by key at its own lines: an unknown name warns
//! with the nearest known one, a text outside `vi:`/`en:` is told where it goes, every
//! value that is no text is an error at its own line.

use crate::support::Site;

/// `site_basic` with the theme `rieng`, whose `strings.yaml` is `strings`.
fn site_with_strings(strings: &str) -> Site {
    let site = Site::fixture("site_basic");
    let config = site.read("sotay.yaml");
    site.write("sotay.yaml", &format!("{config}theme: rieng\n"));
    site.write("themes/rieng/strings.yaml", strings);
    site
}

#[test]
fn unknown_and_misplaced_names_warn_at_their_lines_and_the_rest_is_used() {
    let site = site_with_strings(
        "home: Trang nhà\nvi:\n  home: Về trang nhà\n  tocc: Mục lục bài\n  loi_chao: Xin chào\n",
    );
    // A name the theme's own template reads is no unknown name.
    site.write("themes/rieng/templates/404.html", "<p>{{ t.loi_chao }}</p>\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says(
        "themes/rieng/strings.yaml:1:1: cảnh báo: `home` không nằm dưới một ngôn ngữ (`vi:` hoặc `en:`)",
    )
    .says("đặt nó dưới ngôn ngữ của nó, thụt lề hai dấu cách:\nvi:\n  home: Trang nhà")
    .says("themes/rieng/strings.yaml:4:3: cảnh báo: chuỗi lạ `tocc` trong `vi`: không mẫu trang nào dùng chuỗi này")
    .says("= gợi ý: có phải ý bạn là `toc`?");
    assert!(!run.stderr.contains("loi_chao"), "{}", run.stderr);
    assert!(!run.stderr.contains("lỗi:"), "{}", run.stderr);
    assert!(site.read("public/quan-10/phuong-12-2022/index.html").contains(">Về trang nhà</a>"));
    assert!(site.read("public/404.html").contains("<p>Xin chào</p>"));
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    strict.says("themes/rieng/strings.yaml:4:3: lỗi: chuỗi lạ `tocc`");
}

#[test]
fn every_value_that_is_no_text_is_an_error_at_its_own_line() {
    let site =
        site_with_strings("vi:\n  home: [x]\n  toc: Mục lục\n  related:\n    a: b\nen: [c]\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("themes/rieng/strings.yaml:2:9: lỗi: `home` phải là một chuỗi chữ, không phải một danh sách")
        .says("viết như: `home: Trang chủ`")
        .says("themes/rieng/strings.yaml:5:5: lỗi: `related` phải là một chuỗi chữ, không phải một nhóm khóa–giá trị")
        .says("themes/rieng/strings.yaml:6:5: lỗi: `en` phải là một nhóm `tên: văn bản`, không phải một danh sách")
        .says("Dừng: 3 lỗi, 0 cảnh báo.");
    assert!(!run.stderr.contains(":3:"), "the good line is not blamed: {}", run.stderr);
}

#[test]
fn a_strings_file_that_is_not_utf8_is_an_error_not_ignored() {
    let site = site_with_strings("");
    // Saved in Windows-1258 by an old editor: `à` is the byte 0xE0.
    std::fs::write(site.path().join("themes/rieng/strings.yaml"), b"vi:\n  home: Trang nh\xe0\n")
        .unwrap();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("themes/rieng/strings.yaml:2:17: lỗi:").says("UTF-8");
}

#[test]
fn a_name_written_twice_is_told_at_the_second_in_the_site_language() {
    let site = site_with_strings("vi:\n  home: Trang nhà\n  toc: Mục lục\n  home: Về đầu\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("themes/rieng/strings.yaml:4:3: lỗi: `home` được viết hai lần trong `vi:` (lần đầu ở dòng 2)")
        .says("= gợi ý: giữ một dòng và xóa dòng kia");
    assert!(!run.stderr.contains("duplicate"), "{}", run.stderr);
    // A group written twice: deleting its line would move its texts to the group above.
    site.write(
        "themes/rieng/strings.yaml",
        "vi:\n  home: Nhà\nen:\n  home: Home\nvi:\n  toc: Mục\n",
    );
    let run = site.run(&["check"]);
    run.says(
        "themes/rieng/strings.yaml:5:1: lỗi: trường `vi` được viết hai lần (lần đầu ở dòng 1)",
    )
    .says("chuyển các dòng dưới nó lên dưới dòng đầu tiên, rồi xóa dòng này");
}

#[test]
fn a_language_nested_and_a_name_in_capitals_say_what_to_write() {
    let site = site_with_strings("vi:\n  vi:\n    home: Trang nhà\n  TOC: Mục lục\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("themes/rieng/strings.yaml:2:3: lỗi: `vi` là một ngôn ngữ, không phải tên chuỗi")
        .says("xóa dòng `vi:` này và lùi các dòng dưới nó sang trái")
        .says("themes/rieng/strings.yaml:4:3: cảnh báo: chuỗi lạ `TOC`")
        .says("có phải ý bạn là `toc`?");
    assert!(!run.stderr.contains("viết như: `vi: …`"), "{}", run.stderr);
}

#[test]
fn a_placeholder_lost_or_added_warns_at_its_line_with_the_built_in_count() {
    let site = site_with_strings(
        "vi:\n  reason_directive: Cùng văn bản\n  search_filters_chosen: \"({} / {})\"\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("themes/rieng/strings.yaml:2:21: cảnh báo: `reason_directive` có 0 chỗ `{}`, chuỗi gốc có 1")
        .says("giữ đủ 1 chỗ `{}` như chuỗi gốc: `reason_directive: Cùng {}`")
        .says("themes/rieng/strings.yaml:3:26: cảnh báo: `search_filters_chosen` có 2 chỗ `{}`, chuỗi gốc có 1");
    assert_eq!(site.run(&["check", "--strict"]).code, 1);
}

#[test]
fn a_text_a_template_reads_only_under_the_other_language_warns_at_its_line() {
    let site = site_with_strings("vi:\n  home: Trang nhà\nen:\n  ten_rieng: Our own\n");
    site.write("themes/rieng/templates/404.html", "<p>{{ t.ten_rieng }}</p>\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("themes/rieng/strings.yaml:4:3: cảnh báo: `ten_rieng` không có văn bản dưới `vi:`")
        .says("thêm văn bản tiếng Việt của nó:\nvi:\n  ten_rieng: …")
        .says("themes/rieng/templates/404.html:1:7: lỗi: mẫu trang lỗi khi dựng `404.html`");
    // Read only on English pages, or with a default, the Vietnamese site builds.
    for template in [
        "{% if lang == \"en\" %}{{ t.ten_rieng }}{% endif %}",
        "{{ t.ten_rieng | default(value=\"riêng\") }}",
    ] {
        site.write("themes/rieng/templates/404.html", template);
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{template}\n{}", run.stderr);
        run.says("cảnh báo: `ten_rieng` không có văn bản dưới `vi:`");
    }
}
