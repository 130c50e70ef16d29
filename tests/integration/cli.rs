//! The command line speaks Vietnamese: its help.

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
fn no_command_shows_the_help_and_fails() {
    let bare = run(&[]);
    assert_eq!(bare.code, 2, "{}", bare.stderr);
    assert!(bare.stderr.contains("Cách dùng: sotay <LỆNH>"), "{}", bare.stderr);
    assert!(bare.stdout.is_empty(), "{}", bare.stdout);
}
