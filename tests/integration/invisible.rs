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
