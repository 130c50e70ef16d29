//! Characters an editor cannot see, pasted with text from Word or a web page: told at
//! their own line and column where they change what YAML reads, taken out of names where
//! they would make a second term that looks like the first.

use crate::support::Site;

/// The review's article: `title`, `ward`, `year`, `directive`, `theme` on lines 2 to 6.
const ARTICLE: &str = "---\ntitle: Kinh nghiệm dân vận khéo\nward: Phường 1\nyear: 2023\n\
                       directive: Chỉ thị 05-CT/TW\ntheme: Dân vận\n---\nThân bài.\n";

/// `ARTICLE` with the first `from` replaced by `to`.
fn article(from: &str, to: &str) -> String {
    assert!(ARTICLE.contains(from), "{from}");
    ARTICLE.replacen(from, to, 1)
}

#[test]
fn a_no_break_space_after_a_key_is_an_error_at_its_own_column() {
    let site = Site::fixture("unknown_key");
    std::fs::remove_file(site.path().join("content/bai.md")).unwrap();
    site.write("content/nbsp-title.md", &article("title: ", "title:\u{a0}"));
    site.write("content/nbsp-year.md", &article("year: ", "year:\u{a0}"));
    site.write("content/nbsp-theme.md", &article("theme: ", "theme:\u{a0}"));
    site.write("content/zwsp-key.md", &article("ward:", "\u{200b}ward:"));
    site.write("content/tab-item.md", &article("directive: C", "directive:\n\t- C"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let nbsp = "là dấu cách không ngắt (U+00A0), không phải dấu cách thường";
    run.says(&format!("content/nbsp-title.md:2:7: lỗi: sau `title:` {nbsp}"))
        .says("xóa nó và gõ lại bằng phím cách: `title: Kinh nghiệm dân vận khéo`")
        .says(&format!("content/nbsp-year.md:4:6: lỗi: sau `year:` {nbsp}"))
        .says(&format!("content/nbsp-theme.md:6:7: lỗi: sau `theme:` {nbsp}"))
        .says("content/zwsp-key.md:3:1: lỗi: đầu dòng có dấu cách độ rộng 0 (U+200B)")
        .says("xóa nó: `ward: Phường 1`")
        .says("content/tab-item.md:6:1: lỗi: đầu dòng có ký tự tab")
        .says("thay tab bằng dấu cách: `  - Chỉ thị 05-CT/TW`")
        .says("Dừng: 5 lỗi, 0 cảnh báo.");
    // The correct line after it is not blamed, nor is YAML's own message shown.
    assert!(!run.stderr.contains("nbsp-title.md:3:"), "{}", run.stderr);
    assert!(!run.stderr.contains("YAML không hợp lệ"), "{}", run.stderr);
}

#[test]
fn a_no_break_space_after_a_key_of_sotay_yaml_is_located_too() {
    let site = Site::fixture("unknown_key");
    site.write("sotay.yaml", "title: Thử\nlanguage:\u{a0}vi\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("sotay.yaml:2:10: lỗi: sau `language:` là dấu cách không ngắt (U+00A0)");
}

#[test]
fn zero_width_characters_in_a_name_make_no_second_term_and_are_warned_about() {
    let site = Site::fixture("unknown_key");
    std::fs::remove_file(site.path().join("content/bai.md")).unwrap();
    site.write("content/a.md", ARTICLE);
    let b = article("ward: Phường 1", "ward: Phường\u{200b} 1");
    site.write("content/b.md", &b.replace("theme: Dân vận", "theme: Dân vận\u{200b}"));
    // Other zero-width characters, in a list; a no-break space inside a name is a space.
    let c = article("theme: Dân vận", "theme:\n  - Dân\u{2060} vận\n  - \u{feff}Xây dựng Đảng");
    site.write("content/c.md", &c.replace("ward: Phường 1", "ward: Phường\u{a0}1"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let folders = |dir: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(site.path().join("public").join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !name.ends_with(".html"))
            .collect();
        names.sort();
        names
    };
    assert_eq!(folders("dia-ban"), ["phuong-1"], "one locality");
    assert_eq!(folders("chu-de"), ["dan-van", "xay-dung-dang"], "one `Dân vận`");
    let page = site.read("public/chu-de/dan-van/index.html");
    assert!(
        page.contains("<p class=\"lead\">3 bài viết"),
        "all three articles on one page:\n{page}"
    );
    assert!(!page.contains('\u{200b}') && !page.contains('\u{2060}'), "{page}");
    run.says("content/b.md:3:13: cảnh báo: `ward` có dấu cách độ rộng 0 (U+200B), một ký tự vô hình: sotay bỏ nó đi và đọc “Phường 1”")
        .says("content/b.md:6:15: cảnh báo: `theme` có dấu cách độ rộng 0 (U+200B)")
        .says("content/c.md:7:8: cảnh báo: `theme` có ký tự nối từ (U+2060)")
        .says("content/c.md:8:5: cảnh báo: `theme` có ký tự BOM (U+FEFF)")
        .says("xóa ký tự này khỏi tệp");
    // Warnings stop a strict build, as everywhere.
    assert_eq!(site.run(&["check", "--strict"]).code, 1);
}

/// `unknown_key` with its article replaced by `files` (name, text).
fn site_with(files: &[(&str, &str)]) -> Site {
    let site = Site::fixture("unknown_key");
    std::fs::remove_file(site.path().join("content/bai.md")).unwrap();
    for (name, text) in files {
        site.write(name, text);
    }
    site
}

#[test]
fn a_line_holding_only_a_no_break_space_is_to_be_emptied() {
    let site = site_with(&[("content/a.md", &article("theme:", "\u{a0}\ntheme:"))]);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("content/a.md:6:1: lỗi: đầu dòng có dấu cách không ngắt (U+00A0)")
        .says("= gợi ý: xóa ký tự này để dòng trống hẳn (thường có khi dán từ Word, e-mail hay trang web)");
    assert!(!run.stderr.contains("``"), "{}", run.stderr);
}

#[test]
fn a_no_break_space_after_a_key_of_several_words_is_named_and_text_is_left_alone() {
    let site = site_with(&[("content/a.md", &article("theme: Dân vận", "chủ đề:\u{a0}Dân vận"))]);
    site.write(
        "sotay.yaml",
        "title: Thử\ndirective_aliases:\n  NQTW6 (lần 2):\u{a0}Nghị quyết Trung ương 6 (lần 2) khóa VIII\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let nbsp = "là dấu cách không ngắt (U+00A0), không phải dấu cách thường";
    run.says(&format!("sotay.yaml:3:17: lỗi: sau `NQTW6 (lần 2):` {nbsp}"))
        .says("`  NQTW6 (lần 2): Nghị quyết Trung ương 6 (lần 2) khóa VIII`");
    assert!(!run.stderr.contains("nhóm khóa–giá trị"), "{}", run.stderr);
    site.write("sotay.yaml", "title: Thử\n");
    let run = site.run(&["check"]);
    run.says(&format!("content/a.md:6:8: lỗi: sau `chủ đề:` {nbsp}"))
        .says("gõ lại bằng phím cách: `chủ đề: Dân vận`");
    assert!(!run.stderr.contains("YAML không hợp lệ"), "{}", run.stderr);

    // A `:` and a no-break space inside a title or an address is text.
    let title = article("Kinh nghiệm dân vận khéo", "Bài học:\u{a0}dân vận");
    let source = "theme: Dân vận\nsource: http://x.vn/a:\u{a0}b";
    let site = site_with(&[("content/a.md", &title.replace("theme: Dân vận", source))]);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("cảnh báo"), "{}", run.stderr);
}

#[test]
fn a_no_break_space_after_a_quoted_key_or_a_key_in_braces_is_named() {
    let flow = "---\n{title:\u{a0}Bài học, ward: Phường 1, year: 2023,\n  directive: Chỉ thị 05-CT/TW, theme: Dân vận}\n---\nThân bài.\n";
    let site = site_with(&[
        ("content/flow.md", flow),
        ("content/quoted.md", &article("title: ", "\"title\":\u{a0}")),
    ]);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let nbsp = "là dấu cách không ngắt (U+00A0), không phải dấu cách thường";
    run.says(&format!("content/flow.md:2:8: lỗi: sau `title:` {nbsp}"))
        .says("`{title: Bài học, ward: Phường 1, year: 2023,`")
        .says(&format!("content/quoted.md:2:9: lỗi: sau `\"title\":` {nbsp}"))
        .says("Dừng: 2 lỗi, 0 cảnh báo.");
    assert!(!run.stderr.contains("trường lạ"), "{}", run.stderr);
    assert!(!run.stderr.contains("YAML không hợp lệ"), "{}", run.stderr);
}

#[test]
fn the_lines_after_the_first_line_of_text_under_a_key_alone_are_text() {
    let text = "theme: Dân vận\nsummary:\n  Dòng một\n  -\u{a0}dòng hai\n  Ghi_chu:\u{a0}x";
    let site = site_with(&[("content/a.md", &article("theme: Dân vận", text))]);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("cảnh báo"), "{}", run.stderr);
    let home = site.read("public/index.html");
    assert!(home.contains("Dòng một -\u{a0}dòng hai Ghi_chu:\u{a0}x"), "YAML's text: {home}");
}

#[test]
fn a_pasted_character_at_the_end_of_a_typed_value_is_named_with_the_value_cleaned() {
    let site = site_with(&[
        ("content/year.md", &article("year: 2023", "year: 2023\u{a0}")),
        ("content/draft.md", &article("theme: Dân vận", "theme: Dân vận\ndraft: false\u{a0}")),
        ("content/date.md", &article("theme: Dân vận", "theme: Dân vận\ndate: 2020-01-02\u{200b}")),
        ("content/inside.md", &article("year: 2023", "year: 20\u{200b}23")),
    ]);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let paste = "xóa ký tự này (thường có khi dán từ Word, e-mail hay trang web)";
    run.says("content/year.md:4:11: lỗi: giá trị của `year` có dấu cách không ngắt (U+00A0) nên không đọc được")
        .says(&format!("{paste}: `year: 2023`"))
        .says("content/draft.md:7:13: lỗi: giá trị của `draft` có dấu cách không ngắt (U+00A0)")
        .says(&format!("{paste}: `draft: false`"))
        .says("content/date.md:7:17: lỗi: giá trị của `date` có dấu cách độ rộng 0 (U+200B), một ký tự vô hình, nên không đọc được")
        .says(&format!("{paste}: `date: 2020-01-02`"))
        .says("content/inside.md:4:9: lỗi: giá trị của `year` có dấu cách độ rộng 0 (U+200B)")
        .says("Dừng: 4 lỗi, 0 cảnh báo.");
    assert!(!run.stderr.contains("viết như: `year: 2022`"), "{}", run.stderr);

    let site = site_with(&[("content/a.md", ARTICLE)]);
    site.write("sotay.yaml", "title: Thử\nlanguage: en\u{200b}\npaginate_by: 20\u{200b}\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("sotay.yaml:2:13: lỗi: giá trị của `language` có dấu cách độ rộng 0 (U+200B)")
        .says(&format!("{paste}: `language: en`"))
        .says("sotay.yaml:3:16: lỗi: giá trị của `paginate_by` có dấu cách độ rộng 0 (U+200B)")
        .says(&format!("{paste}: `paginate_by: 20`"));
}

#[test]
fn a_character_that_cannot_be_seen_before_a_fence_is_named_at_its_line() {
    let closing = ARTICLE.replace("Dân vận\n---", "Dân vận\n\u{feff}---");
    let site = site_with(&[
        ("content/closing.md", &closing),
        ("content/two-boms.md", &format!("\u{feff}\u{feff}{ARTICLE}")),
        ("content/zwsp.md", &format!("\u{200b}{ARTICLE}")),
        // Accepted: one BOM at the start of the file, a space of any kind after a fence.
        ("content/bom.md", &format!("\u{feff}{ARTICLE}")),
        ("content/after.md", &ARTICLE.replace("Dân vận\n---", "Dân vận\n---\u{a0} ")),
    ]);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let delete = "xóa ký tự này để dòng chỉ còn `---`";
    run.says("content/closing.md:7:1: lỗi: dòng 7 có ký tự BOM (U+FEFF) trước `---`, một ký tự vô hình: dòng này không đóng được phần đầu")
        .says(delete)
        .says("content/two-boms.md:1:1: lỗi: dòng 1 có ký tự BOM (U+FEFF) trước `---`, một ký tự vô hình: phần đầu không mở được")
        .says("content/zwsp.md:1:1: lỗi: dòng 1 có dấu cách độ rộng 0 (U+200B) trước `---`")
        .says("Dừng: 3 lỗi, 0 cảnh báo.");
    assert!(!run.stderr.contains("không có dòng `---` đóng"), "{}", run.stderr);
    assert!(!run.stderr.contains("thiếu phần đầu"), "{}", run.stderr);
}

/// Text pasted from a web page keeps its `&nbsp;` after a colon: under a key written
/// alone that holds no keys it is text, as YAML reads it, and never an error whose hint
/// would turn the value into keys.
#[test]
fn text_under_a_key_alone_with_a_colon_and_a_no_break_space_is_text() {
    let site = Site::fixture("unknown_key");
    let summary =
        "summary:\n  Ngày đăng:\u{a0}01/04/2021, tại phường\n  Kết quả:\u{a0}tốt\ntheme: ";
    site.write("content/bai.md", &article("theme: ", summary));
    site.write("sotay.yaml", "title: Thử\ndescription:\n  Tài liệu:\u{a0}nội bộ\n");
    let run = site.run(&["build", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/bai/index.html");
    assert!(page.contains("Ngày đăng:\u{a0}01/04/2021"), "the summary is the text written");
    // Under `directive_aliases:`, which holds keys, the same line is a key and told.
    site.write("sotay.yaml", "directive_aliases:\n  NQTW6 (lần 2):\u{a0}Nghị quyết Trung ương 6\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("sotay.yaml:2:17: lỗi: sau `NQTW6 (lần 2):` là dấu cách không ngắt");
}

/// An address or a theme folder's name pasted with a character that cannot be seen: the
/// address would go into every absolute link with it, the folder would not be found.
#[test]
fn an_address_or_folder_name_with_an_invisible_character_is_told_at_it() {
    let site = Site::fixture("unknown_key");
    site.write("themes/rieng/strings.yaml", "vi:\n  home: Trang nhà\n");
    site.write("sotay.yaml", "base_url: https://x.vn\u{200b}\ntheme: rieng\u{a0}\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("sotay.yaml:1:23: lỗi: `base_url` có dấu cách độ rộng 0 (U+200B)")
        .says("`base_url: https://x.vn`")
        .says("sotay.yaml:2:13: lỗi: `theme` có dấu cách không ngắt (U+00A0)");
    assert!(!site.path().join("public").exists(), "nothing written");
}
