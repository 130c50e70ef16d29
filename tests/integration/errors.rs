//! Each invalid fixture gives its error at the exact `path:line:col`, with a hint, and a
//! non-zero exit code; nothing is written.

use crate::support::Site;

/// Runs `sotay check` on a fixture and returns (exit code, stderr).
fn check(name: &str) -> (i32, String) {
    let site = Site::fixture(name);
    let run = site.run(&["check"]);
    assert!(!site.path().join("public").exists(), "check must not write");
    (run.code, run.stderr)
}

fn assert_error(name: &str, location: &str, words: &str) {
    let (code, stderr) = check(name);
    assert_eq!(code, 1, "{name}: exit code\n{stderr}");
    let line = stderr.lines().find(|l| l.starts_with(location)).unwrap_or_else(|| {
        panic!("{name}: no message at {location}\n{stderr}");
    });
    assert!(line.contains(words), "{name}: `{line}` lacks `{words}`");
    assert!(stderr.contains("= gợi ý:"), "{name}: no hint\n{stderr}");
}

#[test]
fn invalid_yaml_points_at_the_colon_in_the_value() {
    assert_error("invalid_yaml", "content/bai.md:2:17:", "dấu `:` giữa giá trị");
}

#[test]
fn missing_field_points_at_the_closing_fence() {
    assert_error("missing_field", "content/bai.md:6:1:", "thiếu trường bắt buộc `theme`");
}

#[test]
fn wrong_type_points_at_the_value() {
    assert_error("wrong_type", "content/bai.md:4:7:", "`year` phải là một số nguyên");
}

#[test]
fn out_of_range_year_points_at_the_value() {
    assert_error("year_out_of_range", "content/bai.md:6:7:", "năm 1800 nằm ngoài khoảng 1900–2100");
}

#[test]
fn empty_string_and_empty_list_are_both_reported() {
    let (code, stderr) = check("empty_values");
    assert_eq!(code, 1);
    assert!(stderr.contains("content/bai.md:3:7: lỗi: `ward` đang để trống"), "{stderr}");
    assert!(stderr.contains("content/bai.md:6:8: lỗi: danh sách `theme` trống"), "{stderr}");
}

#[test]
fn unknown_key_warns_with_a_suggestion_and_strict_fails() {
    let site = Site::fixture("unknown_key");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("content/bai.md:6:1: cảnh báo: trường lạ `themes`: sotay không đọc trường này");
    run.says("có phải ý bạn là `theme`?");
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    strict.says("content/bai.md:6:1: lỗi: trường lạ `themes`");
    // The JSON report counts what stopped the build as errors.
    let json = site.run(&["check", "--strict", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        (report["ok"].as_bool(), report["errors"].as_u64()),
        (Some(false), Some(1)),
        "{report}"
    );
}

#[test]
fn empty_file_is_an_error_at_its_start() {
    assert_error("empty_file", "content/bai.md:1:1:", "tệp trống");
}

#[test]
fn unclosed_front_matter_is_an_error() {
    assert_error("no_closing", "content/bai.md:1:1:", "không có dòng `---` đóng");
}

#[test]
fn a_date_that_does_not_exist_says_why_at_its_value() {
    let site = Site::fixture("unknown_key");
    let dated =
        |date: &str| article("x").replace("year: 2022\n", &format!("year: 2022\ndate: {date}\n"));
    site.write("content/bai.md", &dated("2022-02-30"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says(
        "content/bai.md:5:7: lỗi: ngày `2022-02-30` không hợp lệ: tháng 2 năm 2022 có 28 ngày",
    )
    .says("ví dụ `date: 2022-02-28`");
    site.write("content/bai.md", &dated("2022-25-12"));
    site.run(&["check"]).says("không có tháng 25").says("`date: 2022-12-25`");
}

#[test]
fn a_line_going_on_with_a_value_indented_with_a_tab_is_told_in_words() {
    let site = Site::fixture("unknown_key");
    let text = article("x")
        .replace("theme: Xây dựng Đảng\n", "theme: Xây dựng Đảng\nsummary: Một\n\thai\n");
    site.write("content/bai.md", &text);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("content/bai.md:8:1: lỗi: đầu dòng có ký tự tab").says("thay tab bằng hai dấu cách");
    assert!(!run.stderr.contains("violates"), "{}", run.stderr);
    // After the indentation of a block's line, which the YAML reader refuses too.
    let text = article("x")
        .replace("theme: Xây dựng Đảng\n", "theme: Xây dựng Đảng\nsummary: |\n  \tMột\n");
    site.write("content/bai.md", &text);
    let run = site.run(&["check"]);
    run.says("content/bai.md:8:3: lỗi: đầu dòng có ký tự tab");
    assert!(!run.stderr.contains("indentation space"), "{}", run.stderr);
}

#[test]
fn a_colon_inside_a_nested_value_is_told_at_it_with_the_value_quoted() {
    let site = Site::fixture("unknown_key");
    site.write("sotay.yaml", "directive_aliases:\n  NQ5: Nghị quyết: Trung ương 5\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("sotay.yaml:2:18: lỗi: dấu `:` giữa giá trị")
        .says("đặt cả giá trị trong ngoặc kép: `NQ5: \"Nghị quyết: Trung ương 5\"`");
    assert!(!run.stderr.contains("thụt lề"), "{}", run.stderr);
}

#[test]
fn a_closing_line_with_spaces_before_it_is_told_at_its_line() {
    let site = Site::fixture("unknown_key");
    let article = article("Thân bài.\n");
    site.write("content/bai.md", &article.replacen("\n---\n", "\n  ---\n", 1));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("content/bai.md:7:1: lỗi: dòng `---` đóng phần đầu phải bắt đầu ở đầu dòng")
        .says("xóa các dấu cách trước `---`");
}

#[test]
fn non_utf8_bytes_are_located() {
    assert_error("non_utf8", "content/bai.md:2:9:", "không phải văn bản UTF-8");
}

#[test]
fn duplicate_output_paths_name_both_files() {
    let (code, stderr) = check("duplicate_output");
    assert_eq!(code, 1);
    assert!(
        stderr
            .contains("content/a.md:7:7: lỗi: bài viết này và content/b.md cùng ghi ra `/trung/`"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("content/b.md:7:7: lỗi: bài viết này và content/a.md cùng ghi ra `/trung/`"),
        "{stderr}"
    );
}

#[test]
fn slug_escaping_the_output_is_refused() {
    assert_error("slug_escape", "content/bai.md:7:7:", "sẽ ghi ra ngoài thư mục");
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let start = std::time::Instant::now();
    assert_error("alias_bomb", "content/bai.md:", "YAML không hợp lệ");
    // Generous bound: expanding the bomb would take minutes and gigabytes.
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn missing_asset_and_article_links_are_errors_at_their_lines() {
    let (code, stderr) = check("missing_asset");
    assert_eq!(code, 1);
    assert!(
        stderr.contains("content/bai.md:10:1: lỗi: không tìm thấy ảnh `anh-hoi-nghi.jpg`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "content/bai.md:12:5: lỗi: liên kết tới bài viết không tồn tại `khong-co.md`"
        ),
        "{stderr}"
    );
}

#[test]
fn every_bad_config_value_is_reported_at_its_value() {
    let site = Site::fixture("bad_config");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.path().join("public").exists(), "a failed build must not write");
    for expected in [
        "sotay.yaml:3:14: lỗi: `paginate_by` phải là một số nguyên dương, không phải `0`",
        "sotay.yaml:4:11: lỗi: `language` chỉ nhận `vi` hoặc `en`",
        "sotay.yaml:5:8: lỗi: `theme` phải là một chuỗi chữ, không phải một danh sách",
    ] {
        assert!(run.stderr.lines().any(|l| l == expected), "missing {expected}\n{}", run.stderr);
    }
    assert_eq!(run.stderr.matches("= gợi ý: viết như: `").count(), 3, "{}", run.stderr);
    run.says("Dừng: 3 lỗi");
}

#[test]
fn a_bad_base_url_and_theme_are_told_with_the_other_config_errors_in_one_run() {
    let site = Site::fixture("unknown_key");
    site.write("sotay.yaml", "language: vn\nbase_url: vidu.vn\ntheme: rieng\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("sotay.yaml:1:11: lỗi: `language` chỉ nhận `vi` hoặc `en`");
    run.says("sotay.yaml:2:11: lỗi: `base_url` phải bắt đầu bằng https://");
    run.says("sotay.yaml:3:8: lỗi: không có thư mục giao diện `themes/rieng/`");
    run.says("Dừng: 3 lỗi");
}

#[test]
fn every_bad_file_of_a_run_is_reported() {
    let (code, stderr) = check("many_errors");
    assert_eq!(code, 1);
    for location in ["content/a.md:4:7:", "content/b.md:5:12:", "content/c/d.md:3:1:"] {
        assert!(stderr.lines().any(|l| l.starts_with(location)), "missing {location}\n{stderr}");
    }
    assert!(!stderr.contains("content/ok.md"), "{stderr}");
    assert!(stderr.contains("Dừng: 6 lỗi"), "{stderr}");
}

#[test]
fn check_json_lists_diagnostics_for_ci() {
    let site = Site::fixture("many_errors");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["ok"], false);
    let first = &report["diagnostics"][0];
    assert_eq!(first["path"], "content/a.md");
    assert_eq!(first["line"], 4);
    assert_eq!(first["column"], 7);
    assert_eq!(first["severity"], "error");
}

/// A valid article whose body, starting on line 8, is `body`.
fn article(body: &str) -> String {
    format!(
        "---\ntitle: Bài học\nward: Phường 12\nyear: 2022\ndirective: Chỉ thị 05-CT/TW\n\
         theme: Xây dựng Đảng\n---\n{body}"
    )
}

#[test]
fn a_top_level_heading_in_the_body_warns_and_the_page_keeps_one_h1() {
    let site = Site::fixture("unknown_key");
    // The body starts on line 8.
    site.write("content/bai.md", &article("Mở đầu.\n\n# Kết quả\n\n## Chi bộ\n"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("content/bai.md:10:1: cảnh báo: đề mục cấp 1 (`# …`) trong thân bài");
    run.says("viết `## …`");
    let page = site.read("public/bai/index.html");
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    assert!(page.contains(r#"<h2 id="ket-qua">Kết quả</h2>"#), "{page}");
    assert!(page.contains(r#"<h3 id="chi-bo">Chi bộ</h3>"#), "{page}");
    assert_eq!(site.run(&["check", "--strict"]).code, 1);
}

#[test]
fn a_list_written_without_its_dashes_warns_with_the_list_to_write() {
    let site = Site::fixture("unknown_key");
    site.write(
        "content/bai.md",
        "---\ntitle: Bài học\nward: Phường 12\nyear: 2022\ndirective: Chỉ thị 05-CT/TW\n\
         theme:\n  Dân vận\n  Xây dựng Đảng\n---\nThân bài.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("content/bai.md:7:3: cảnh báo: hai dòng của `theme` được đọc thành một chủ đề: “Dân vận Xây dựng Đảng”")
        .says("nếu là hai chủ đề, viết mỗi chủ đề một dòng:\ntheme:\n  - Dân vận\n  - Xây dựng Đảng");
    // Tags written as other site generators take them, on one line with commas; a
    // decimal comma is no separator.
    site.write(
        "content/bai.md",
        &article("x").replace("theme: Xây dựng Đảng", "theme: Dân vận\ntags: sinh hoạt, chi bộ"),
    );
    let run = site.run(&["check"]);
    run.says("content/bai.md:7:7: cảnh báo: `tags` có dấu `,` trong một mục: “sinh hoạt, chi bộ” là một thẻ")
        .says("tags:\n  - sinh hoạt\n  - chi bộ");
    // Valid YAML that means one value is left alone, under --strict too: a list, a long
    // name wrapped onto the next line, a decimal comma.
    for (theme, more) in [
        ("theme:\n  - Dân vận\n  - Xây dựng Đảng", ""),
        ("theme: Học tập và làm theo tư tưởng, đạo đức,\n  phong cách Hồ Chí Minh", ""),
        ("theme:\n  Công tác xây dựng chỉnh đốn\n  Đảng", ""),
        ("theme:\n  Làm theo tư tưởng\n  Hồ Chí Minh", ""),
        ("theme: Dân vận", "\ntags: hỗ trợ 1,5 tỷ đồng\n  cho hộ nghèo"),
    ] {
        let text = article("x").replace("theme: Xây dựng Đảng", &format!("{theme}{more}"));
        let text = text.replace(
            "directive: Chỉ thị 05-CT/TW",
            "directive: Nghị quyết Trung ương 4 khóa XII về tăng cường xây dựng, chỉnh đốn\n  Đảng, ngăn chặn, đẩy lùi sự suy thoái",
        );
        site.write("content/bai.md", &text);
        let run = site.run(&["check", "--strict"]);
        assert_eq!(run.code, 0, "{theme}{more}\n{}", run.stderr);
    }
}

#[test]
fn a_heading_that_skips_a_level_warns_and_the_outline_does_not_skip() {
    let site = Site::fixture("unknown_key");
    // The body starts on line 8.
    site.write("content/bai.md", &article("## Kết quả\n\n#### Chi bộ\n"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("content/bai.md:10:1: cảnh báo: đề mục `####` ngay dưới `##`: dàn bài của trang nhảy cóc một cấp")
        .says("viết `### …`");
    let page = site.read("public/bai/index.html");
    assert!(page.contains(r#"<h3 id="chi-bo">Chi bộ</h3>"#), "{page}");
    assert_eq!(site.run(&["check", "--strict"]).code, 1);
}

#[test]
fn front_matter_written_as_one_flow_mapping_is_located_at_its_values() {
    let site = Site::fixture("unknown_key");
    site.write(
        "content/mot-dong.md",
        "---\n{title: \"Bài\", ward: \"Phường 1\", year: abc, directive: \"Chỉ thị 05-CT/TW\", \
         theme: \"Dân vận\", chu_de: x}\n---\nNội dung.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("content/mot-dong.md:2:40: lỗi: `year` phải là một số nguyên");
    run.says("content/mot-dong.md:2:94: cảnh báo: trường lạ `chu_de`");
    assert!(!run.stderr.contains(":0:0:"), "{}", run.stderr);
}

#[test]
fn a_draft_written_as_a_word_gets_the_value_it_means() {
    let site = Site::fixture("unknown_key");
    let with_draft = |value: &str| {
        article("Nội dung.\n").replace("---\nNội", &format!("draft: {value}\n---\nNội"))
    };
    site.write("content/khong.md", &with_draft("không"));
    site.write("content/no.md", &with_draft("no"));
    site.write("content/co.md", &with_draft("Có"));
    site.write("content/hmm.md", &with_draft("hmm"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let hint_after = |location: &str| {
        let at = run.stderr.find(location).unwrap_or_else(|| panic!("{location}\n{}", run.stderr));
        run.stderr[at..].lines().find(|l| l.contains("= gợi ý:")).unwrap().to_string()
    };
    assert!(hint_after("content/khong.md:7:8:").ends_with("`draft: false`"), "{}", run.stderr);
    assert!(hint_after("content/no.md:7:8:").ends_with("`draft: false`"), "{}", run.stderr);
    assert!(hint_after("content/co.md:7:8:").ends_with("`draft: true`"), "{}", run.stderr);
    assert!(hint_after("content/hmm.md:7:8:").contains("hoặc `draft: false` (đăng)"));
}

#[test]
fn a_hash_that_cuts_a_title_warns_and_a_comment_meant_does_not() {
    let site = Site::fixture("unknown_key");
    site.write(
        "content/so.md",
        "---\ntitle: Bài học #1 về dân vận\nward: Phường 12 # ghi chú của biên tập\nyear: 2022\n\
         directive: Chỉ thị 05-CT/TW\ntheme: Xây dựng Đảng\nsource: \"Báo #2\"\n---\nNội dung.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("content/so.md:2:16: cảnh báo: phần từ dấu `#` này bị bỏ");
    run.says(r#"đặt cả giá trị trong ngoặc kép: `title: "Bài học #1 về dân vận"`"#);
    assert_eq!(run.stderr.matches("phần từ dấu `#`").count(), 1, "{}", run.stderr);
}

#[test]
fn a_required_field_written_in_vietnamese_is_to_be_renamed_where_it_is() {
    let site = Site::fixture("unknown_key");
    site.write(
        "content/viet.md",
        "---\ntiêu đề: Bài học\nward: Phường 12\nnăm: 2022\ndirective: Chỉ thị 05-CT/TW\n\
         theme: Xây dựng Đảng\n---\nNội dung.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("content/viet.md:2:1: lỗi: thiếu trường bắt buộc `title`: `tiêu đề` không được đọc");
    run.says("đổi tên `tiêu đề` thành `title`");
    run.says("content/viet.md:4:1: lỗi: thiếu trường bắt buộc `year`: `năm` không được đọc");
    assert!(!run.stderr.contains("thêm dòng `year"), "{}", run.stderr);
    assert!(!run.stderr.contains("viet.md:4:1: cảnh báo"), "said once: {}", run.stderr);
}

#[test]
fn a_link_in_other_capitals_or_to_a_page_heading_is_named_as_written_on_disk() {
    let site = Site::fixture("site_basic");
    site.write(
        "content/quan-3/hoa.md",
        &article("![Ảnh](../quan-10/Anh-1.JPG)\n\n[a](../HA-NOI/Phuc-Dong.md)\n\n[b](../ha-noi/phuc-dong/#ket-qua)\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("có phải ý bạn là `../quan-10/anh-1.jpg`?");
    run.says("có phải ý bạn là `../ha-noi/phuc-dong.md`?");
    run.says("có phải ý bạn là `../ha-noi/phuc-dong.md#ket-qua`?");
}

#[test]
fn a_broken_link_names_what_to_write_instead() {
    let site = Site::fixture("site_basic");
    site.write(
        "content/quan-3/lien-ket.md",
        &article(
            "[a](../ha-noi/phuc-dong)\n\n[b](../../ha-noi/phuc-dong/index.html)\n\n\
             [c](bao-cao.pdf)\n\n[d](../nhap.md)\n",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let hint_after = |location: &str| {
        let at = run.stderr.find(location).unwrap_or_else(|| panic!("{location}\n{}", run.stderr));
        let rest = &run.stderr[at..];
        rest.lines().find(|l| l.contains("= gợi ý:")).unwrap().to_string()
    };
    let article = "có phải ý bạn là `../ha-noi/phuc-dong.md`?";
    assert!(hint_after("content/quan-3/lien-ket.md:8:1:").contains(article), "{}", run.stderr);
    assert!(hint_after("content/quan-3/lien-ket.md:10:1:").contains(article), "{}", run.stderr);
    let file = "có phải ý bạn là `../ha-noi/bao-cao.pdf`?";
    assert!(hint_after("content/quan-3/lien-ket.md:12:1:").contains(file), "{}", run.stderr);
    let draft = "bỏ `draft: true` trong `nhap.md`";
    assert!(hint_after("content/quan-3/lien-ket.md:14:1:").contains(draft), "{}", run.stderr);
}

#[test]
fn a_theme_folder_that_is_not_there_is_named_at_its_value() {
    let site = Site::fixture("missing_field");
    site.write("themes/rieng/strings.yaml", "vi:\n  home: Nhà\n");
    site.write("sotay.yaml", "title: Thử\ntheme: rieng-2\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("sotay.yaml:2:8: lỗi: không có thư mục giao diện `themes/rieng-2/`");
    run.says("= gợi ý: các giao diện có trong themes/: rieng");
}

#[test]
fn text_markdown_did_not_make_a_link_or_heading_of_is_warned_about() {
    let site = Site::fixture("unknown_key");
    site.write("content/bai.md", &article("##Kết quả\n\nXem [bài](Quận 10/Phường 12.md) nhé.\n"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("content/bai.md:8:1: cảnh báo: dòng bắt đầu bằng `#` liền chữ");
    run.says("thêm dấu cách sau `#`: `## Kết quả`");
    run.says("content/bai.md:10:11: cảnh báo: đường dẫn có dấu cách");
    run.says("đặt đường dẫn trong `<…>`: `(<Quận 10/Phường 12.md>)`");
}

#[test]
fn a_second_directive_on_the_line_of_the_first_warns_at_its_value() {
    let site = Site::fixture("unknown_key");
    let plain = article("Thân bài.\n");
    site.write("content/bai.md", &plain);
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "a single directive gives no warning\n{}", run.stderr);
    assert!(!run.stderr.contains("cảnh báo"), "{}", run.stderr);

    let directive = "directive: Chỉ thị 05-CT/TW";
    site.write(
        "content/bai.md",
        &plain.replace(directive, "directive: Chỉ thị 05-CT/TW, Nghị quyết 21-NQ/TW"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says(
        "content/bai.md:5:12: cảnh báo: `directive` có hai mã văn bản (`05-CT/TW`, `21-NQ/TW`) \
         trong một mục\n",
    );
    run.says(
        "= gợi ý: nếu là hai văn bản, viết mỗi văn bản một dòng:\ndirective:\n  - Chỉ thị 05-CT/TW\n  \
         - Nghị quyết 21-NQ/TW\n",
    );
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    strict.says("content/bai.md:5:12: lỗi: `directive` có hai mã văn bản");

    // A list item indented one space too far is folded into the item above.
    let folded = "directive:\n  - Chỉ thị 05-CT/TW\n   - Nghị quyết 21-NQ/TW";
    site.write("content/bai.md", &plain.replace(directive, folded));
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("content/bai.md:6:5: lỗi: `directive` có hai mã văn bản (`05-CT/TW`, `21-NQ/TW`)");
}

#[test]
fn a_directive_written_without_its_code_names_the_one_meant() {
    let site = Site::fixture("unknown_key");
    site.write("content/bai.md", &article("Thân bài.\n"));
    let other =
        article("Thân.\n").replace("directive: Chỉ thị 05-CT/TW", "directive:\n  - Chỉ thị số 05");
    site.write("content/khac.md", &other);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("content/khac.md:6:5: cảnh báo: `Chỉ thị số 05` không có mã văn bản");
    run.says("có phải ý bạn là `Chỉ thị 05-CT/TW`?");
    // The kind's letters do as well as its words.
    site.write("content/khac.md", &other.replace("Chỉ thị số 05", "CT 05"));
    site.run(&["check"]).says("content/khac.md:6:5: cảnh báo: `CT 05` không có mã văn bản");
    // Alone, without an article giving the code, it names nothing and is left alone.
    site.write(
        "content/bai.md",
        &other.replace("Chỉ thị số 05", "Nghị quyết Trung ương 4 khóa XII"),
    );
    let alone = site.run(&["check", "--strict"]);
    assert_eq!(alone.code, 0, "{}", alone.stderr);
}

#[test]
fn a_name_written_without_its_marks_names_the_spelling_the_site_uses() {
    let site = Site::fixture("unknown_key");
    site.write("content/bai.md", &article("Thân bài.\n"));
    site.write("content/ba.md", &article("Thân.\n"));
    let bare = article("Thân.\n")
        .replace("Phường 12", "Phuong 12")
        .replace("Xây dựng Đảng", "Xay dung Dang");
    site.write("content/khac.md", &bare);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says(
        "content/khac.md:3:7: cảnh báo: `Phuong 12` viết không dấu, còn 2 bài viết `Phường 12`",
    );
    run.says(
        "content/khac.md:6:8: cảnh báo: `Xay dung Dang` viết không dấu, còn 2 bài viết \
         `Xây dựng Đảng`",
    );
    run.says("= gợi ý: viết `Xây dựng Đảng` để bài vào cùng trang");
    assert_eq!(site.run(&["check", "--strict"]).code, 1);
    // Names that differ in their marks are two names ("Hòa", "Hóa"); a bare name no other
    // article writes with marks is the site's own spelling.
    site.write("content/khac.md", &article("Thân.\n").replace("Đảng", "Đang"));
    site.write("content/ba.md", &article("Thân.\n").replace("Xây dựng Đảng", "Kiem tra"));
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A template mistake is the site's error like any other: `check` finds it as `build`
/// would, at the template's own file and line, with the run's other diagnostics.
#[test]
fn template_mistakes_are_found_by_check_at_their_line() {
    let site = Site::fixture("site_basic");
    let default = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/article.html"),
    )
    .unwrap();
    assert!(
        default
            .lines()
            .nth(6)
            .unwrap()
            .contains(r#"<h1 lang="{{ content_lang }}">{{ article.title }}</h1>"#)
    );
    site.write("sotay.yaml", "title: Thử\ntheme: rieng\n");
    site.write(
        "themes/rieng/templates/article.html",
        &default.replace("article.title }}</h1>", "article.titel }}</h1>"),
    );
    let warned = article("Thân bài.\n").replace("Đảng\n---", "Đảng\nchu de: x\n---");
    site.write("content/canh-bao.md", &warned);
    let before = site.run(&["build"]);
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        run.says("themes/rieng/templates/article.html:7:38: lỗi: mẫu trang lỗi khi dựng `");
        run.says("Variable `article.titel` not found");
        run.says("gợi ý: biến và bộ lọc mẫu trang dùng được");
        run.says("content/canh-bao.md:7:1: cảnh báo: trường lạ `chu de`");
    }
    assert_eq!(before.code, 1);
    assert!(!site.path().join("public").exists(), "a failed build writes nothing");
    // A syntax error is placed where Tera's parser says.
    site.write(
        "themes/rieng/templates/article.html",
        &default.replace("article.title }}</h1>", "article.title }</h1>"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("themes/rieng/templates/article.html:7:");
    assert!(!run.stderr.contains("article.html:1:1:"), "{}", run.stderr);
}

#[test]
fn the_caret_stands_under_its_character_in_text_typed_as_base_letters_and_marks() {
    let site = Site::fixture("wrong_type");
    // Unikey's "Unicode tổ hợp": `ệ` is `e` + U+0323 + U+0302, taking one column.
    let title = "title: Kinh nghie\u{323}\u{302}m: dân vận";
    let text = site.read("content/bai.md").replacen("title: ", &format!("{title}\ntitles: "), 1);
    site.write("content/bai.md", &text);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("content/bai.md:2:21: lỗi: dấu `:` giữa giá trị");
    let under = format!("  | {}^", " ".repeat("title: Kinh nghiem".chars().count()));
    assert!(run.stderr.lines().any(|line| line == under), "`{under}` in:\n{}", run.stderr);
}
