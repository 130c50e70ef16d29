//! The command line speaks Vietnamese: its help, and its usage errors (exit code 2).

use crate::support::{Run, sotay};

fn run(args: &[&str]) -> Run {
    let tmp = tempfile::tempdir().unwrap();
    sotay(tmp.path(), args)
}

#[test]
fn help_is_in_vietnamese_on_stdout() {
    for args in [&["--help"][..], &["help"], &["build", "--help"], &["help", "check"]] {
        let help = run(args);
        assert_eq!(help.code, 0, "{args:?}: {}", help.stderr);
        assert!(help.stdout.contains("Cách dùng: sotay"), "{args:?}: {}", help.stdout);
        assert!(help.stdout.contains("\nTùy chọn:\n"), "{args:?}: {}", help.stdout);
        assert!(help.stdout.contains("Hiện hướng dẫn"), "{args:?}: {}", help.stdout);
        for english in ["Usage:", "Options:", "Print help", "[OPTIONS]", "default:"] {
            assert!(!help.stdout.contains(english), "{args:?}: {english}\n{}", help.stdout);
        }
    }
    let top = run(&["--help"]);
    assert!(top.stdout.contains("\nLệnh:\n  build  Dựng trang web"), "{}", top.stdout);
    assert!(!top.stdout.contains("Commands:"), "{}", top.stdout);
}

#[test]
fn a_mistyped_command_is_named_and_the_right_one_suggested() {
    let typo = run(&["biuld"]);
    assert_eq!(typo.code, 2, "{}", typo.stderr);
    typo.says("không có lệnh `biuld`");
    typo.says("có phải bạn muốn gõ `build`?");
    typo.says("Xem thêm: sotay --help");
    assert!(!typo.stderr.contains("unrecognized"), "{}", typo.stderr);
}

#[test]
fn a_mistyped_option_is_named_and_the_right_one_suggested() {
    let typo = run(&["build", "--stric"]);
    assert_eq!(typo.code, 2, "{}", typo.stderr);
    typo.says("không có tùy chọn `--stric`");
    typo.says("có phải bạn muốn gõ `--strict`?");
    typo.says("Cách dùng: sotay build [TÙY CHỌN]");
    assert!(!typo.stderr.contains("unexpected argument"), "{}", typo.stderr);
}

#[test]
fn a_wrong_value_lists_the_values_accepted() {
    let wrong = run(&["check", "--format", "xml"]);
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
    wrong.says("`xml` không phải giá trị hợp lệ");
    wrong.says("các giá trị hợp lệ: human, json");
    let year = run(&["new", "a.md", "--ward", "P", "--year", "abc"]);
    assert_eq!(year.code, 2, "{}", year.stderr);
    year.says("phải là một năm từ 1900 đến 2100");
}

#[test]
fn new_without_arguments_says_what_is_missing() {
    let bare = run(&["new"]);
    assert_eq!(bare.code, 2, "{}", bare.stderr);
    assert!(bare.stderr.starts_with("lỗi: còn thiếu phần bắt buộc:\n"), "{}", bare.stderr);
    bare.says("--ward <WARD>");
    assert!(!bare.stderr.contains("required arguments"), "{}", bare.stderr);
}

#[test]
fn no_command_shows_the_help_and_fails() {
    let bare = run(&[]);
    assert_eq!(bare.code, 2, "{}", bare.stderr);
    bare.says("Cách dùng: sotay <LỆNH>");
    assert!(bare.stdout.is_empty(), "{}", bare.stdout);
}

#[test]
fn a_base_url_without_its_scheme_is_refused_in_the_config_and_on_the_command_line() {
    let site = crate::support::Site::fixture("missing_heading");
    site.write("sotay.yaml", "title: Thử\nbase_url: vidu.vn/so-tay\n");
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    check.says("sotay.yaml:2:11: lỗi: `base_url` phải bắt đầu bằng https:// hoặc http://");
    site.write("sotay.yaml", "title: Thử\n");
    let build = site.run(&["build", "--base-url", "vidu.vn"]);
    assert_eq!(build.code, 2, "{}", build.stderr);
    build.says("không nhận `vidu.vn`: phải bắt đầu bằng https:// hoặc http://");
    assert!(!site.path().join("public").exists());
}
