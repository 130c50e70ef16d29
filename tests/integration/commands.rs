//! `sotay new`, `sotay init` and the command line's exit codes.

use std::process::{Command, Stdio};

use crate::support::{Site, sotay};

#[test]
fn the_readme_quick_start_runs_sotay_through_cargo() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    assert!(readme.contains("cargo run --release -- serve"), "the Quick start command moved");
    // The same `cargo run --`, in the test profile already built: with two binaries in the
    // package, cargo must know which one is meant.
    let run = std::process::Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--", "--version"])
        .current_dir(root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&run.stdout).starts_with("sotay "), "{stderr}");
}

#[test]
fn init_then_build_gives_a_working_site() {
    let tmp = tempfile::tempdir().unwrap();
    let run = sotay(tmp.path(), &["init", "trang-moi"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let build = sotay(tmp.path(), &["build", "--root", "trang-moi"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let said: Vec<&str> = build.stdout.lines().chain(build.stderr.lines()).collect();
    assert_eq!(said.len(), 1, "a clean build says one line, its summary: {said:?}");
    assert!(said[0].starts_with("Đã dựng 1 bài viết"), "{said:?}");
    assert!(tmp.path().join("trang-moi/public/index.html").is_file());
    let again = sotay(tmp.path(), &["init", "trang-moi"]);
    assert_eq!(again.code, 2, "init refuses a non-empty folder");
}

#[test]
fn an_english_site_is_made_and_added_to_in_english() {
    let tmp = tempfile::tempdir().unwrap();
    let init = sotay(tmp.path(), &["init", "handbook", "--language", "en"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(init.stdout.starts_with("Created handbook/sotay.yaml"), "{}", init.stdout);
    let config = std::fs::read_to_string(tmp.path().join("handbook/sotay.yaml")).unwrap();
    assert!(config.contains("language: en"), "{config}");
    let site = tmp.path().join("handbook");
    let args = ["new", "quan-1/dan-van", "--ward", "Phường 2", "--year", "2024"];
    let mut args = args.to_vec();
    args.extend(["--directive", "Chỉ thị 05-CT/TW", "--theme", "Dân vận"]);
    let new = sotay(&site, &args);
    assert_eq!(new.code, 0, "{}", new.stderr);
    assert_eq!(new.stdout.trim(), "Created content/quan-1/dan-van.md");
    let text = std::fs::read_to_string(site.join("content/quan-1/dan-van.md")).unwrap();
    assert!(text.contains("title: \"Lessons learned in Phường 2\""), "{text}");
    assert!(text.contains("## Lessons learned") && !text.contains("Bài học"), "{text}");
    let again = sotay(&site, &args);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("error: content/quan-1/dan-van.md already exists"),
        "{}",
        again.stderr
    );
    let outside = sotay(
        &site,
        &["new", "../x", "--ward", "P", "--year", "2024", "--directive", "D", "--theme", "T"],
    );
    assert_eq!(outside.code, 2);
    assert!(outside.stderr.contains("is outside the site's content/ folder"), "{}", outside.stderr);
    let check = sotay(&site, &["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let build = sotay(&site, &["build"]);
    let said = format!("{}{}", build.stdout, build.stderr);
    assert!(build.code == 0 && said.starts_with("Built 2 articles"), "{said}");
}

#[test]
fn new_writes_a_valid_article_and_never_overwrites() {
    let site = Site::fixture("site_basic");
    let args = [
        "new",
        "content/quan-10/bai-moi.md",
        "--ward",
        "Phường 12",
        "--district",
        "Quận 10",
        "--province",
        "Thành phố Hồ Chí Minh",
        "--year",
        "2024",
        "--directive",
        "Chỉ thị 05-CT/TW",
        "--theme",
        "Xây dựng Đảng",
        "--theme",
        "Dân vận",
    ];
    let run = site.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = site.run(&["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    check.says("Đã kiểm tra 5 bài viết");
    site.write("content/quan-10/bai-moi.md", "của tôi");
    assert_eq!(site.run(&args).code, 2);
    assert_eq!(site.read("content/quan-10/bai-moi.md"), "của tôi");
}

#[test]
fn new_writes_inside_content_and_refuses_what_check_would() {
    let site = Site::fixture("site_basic");
    let args = |path: &'static str, theme: &'static str| {
        [
            "new",
            path,
            "--ward",
            "Xã Tân Phú",
            "--year",
            "2023",
            "--directive",
            "Chỉ thị 05-CT/TW",
            "--theme",
            theme,
        ]
    };
    let run = site.run(&args("bai-o-goc.md", "Dân vận"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path().join("content/bai-o-goc.md").is_file(), "a bare path goes into content/");
    assert!(!site.path().join("bai-o-goc.md").exists());
    let outside = site.run(&args("../ngoai.md", "Dân vận"));
    assert_eq!(outside.code, 2, "{}", outside.stderr);
    outside.says("ngoài thư mục content/");
    assert!(!site.path().join("../ngoai.md").exists());
    let empty = site.run(&args("content/trong.md", " "));
    assert_eq!(empty.code, 2, "{}", empty.stderr);
    empty.says("không được để trống");
    assert!(!site.path().join("content/trong.md").exists());
    let again = site.run(&args("bai-o-goc.md", "Dân vận"));
    assert_eq!(again.code, 2);
    again.says("đã có tệp content/bai-o-goc.md");
    let check = site.run(&["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // Like the other commands, `new` takes the site folder with --root.
    let root = site.path().to_string_lossy().into_owned();
    let elsewhere = sotay(&site.path().join("content"), &{
        let mut with_root = args("quan-10/tu-xa.md", "Dân vận").to_vec();
        with_root.extend(["--root", root.as_str()]);
        with_root
    });
    assert_eq!(elsewhere.code, 0, "{}", elsewhere.stderr);
    assert!(site.path().join("content/quan-10/tu-xa.md").is_file());
}

/// `sotay new PATH` for an article of Xã Tân Phú, with `more` arguments after.
fn new_args<'a>(path: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["new", path, "--ward", "Xã Tân Phú", "--year", "2023"];
    args.extend(["--directive", "Chỉ thị 05-CT/TW", "--theme", "Dân vận"]);
    args.extend(more);
    args
}

#[test]
fn new_takes_an_absolute_path_that_is_inside_content() {
    let site = Site::fixture("site_basic");
    // As a file manager gives it when the file is dragged into the terminal.
    let dragged = site.path().join("content/quan-3/keo-tha.md");
    let run = site.run(&new_args(dragged.to_str().unwrap(), &[]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "Đã tạo content/quan-3/keo-tha.md");
    assert!(dragged.is_file());
    // From elsewhere, with --root.
    let root = site.path().to_str().unwrap().to_string();
    let other = site.path().join("content/quan-10/tu-xa.md");
    let run = sotay(&std::env::temp_dir(), &new_args(other.to_str().unwrap(), &["--root", &root]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(other.is_file());
    // An absolute path elsewhere is still outside.
    let outside = site.path().join("ngoai.md");
    let run = site.run(&new_args(outside.to_str().unwrap(), &[]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("nằm ngoài thư mục content/ của trang");
    assert!(!outside.exists());
    assert_eq!(site.run(&["check", "--strict"]).code, 0);
}

/// A folder given in place of a new article's name (dragged in) is refused, not made
/// into `<folder>.md`, whose page would take the folder's address.
#[test]
fn new_refuses_a_folder_for_a_name() {
    let site = Site::fixture("site_basic");
    for given in ["content/quan-10", "quan-10", "quan-10/"] {
        let run = site.run(&new_args(given, &[]));
        assert_eq!(run.code, 2, "{given}: {}", run.stderr);
        run.says("là một thư mục; sotay new cần tên của bài mới trong đó");
        run.says("bai-moi.md");
        assert!(!site.path().join("content/quan-10.md").exists(), "{given}");
    }
}

#[test]
fn new_refuses_a_root_that_holds_no_site_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    crate::support::copy_dir(&crate::support::fixture_dir("site_basic"), &site);
    let typo = sotay(tmp.path(), &new_args("quan-10/bai.md", &["--root", "site-typo"]));
    assert_eq!(typo.code, 2, "{}", typo.stderr);
    typo.says("lỗi: không thấy trang ở `site-typo`: không có tệp sotay.yaml hay thư mục content/")
        .says("gợi ý: chạy lệnh trong thư mục của trang, dùng --root, hoặc tạo trang mới bằng `sotay init`");
    assert!(!tmp.path().join("site-typo").exists(), "no folder tree made");
    // Run in a folder that is no site (the home folder, say), without --root.
    let here = sotay(tmp.path(), &new_args("bai.md", &[]));
    assert_eq!(here.code, 2, "{}", here.stderr);
    here.says("không thấy trang ở thư mục hiện tại");
    assert!(!tmp.path().join("content").exists());
    // A site with only content/, or only sotay.yaml, is a site.
    std::fs::remove_file(site.join("sotay.yaml")).unwrap();
    assert_eq!(sotay(tmp.path(), &new_args("a.md", &["--root", "site"])).code, 0);
    std::fs::write(tmp.path().join("sotay.yaml"), "title: Thử\n").unwrap();
    assert_eq!(sotay(tmp.path(), &new_args("b.md", &[])).code, 0);
    assert!(tmp.path().join("content/b.md").is_file());
}

/// What a file manager, a shell or a slip of the hand leaves around a path is not part
/// of it, and a mistaken --root is answered with the site that was meant.
#[test]
fn new_reads_a_path_as_it_was_meant() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    crate::support::copy_dir(&crate::support::fixture_dir("site_basic"), &site);
    let in_site = |args: &[&str]| sotay(&site, args);
    // A trailing space, and the quotes of "copy as path" kept by the shell.
    let run = in_site(&new_args("content/quan-10/moi.md ", &[]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.join("content/quan-10/moi.md").is_file(), "{}", run.stdout);
    let quoted = format!("'{}'", site.join("content/quan-10/trong-ngoac.md").display());
    let run = in_site(&new_args(&quoted, &[]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.join("content/quan-10/trong-ngoac.md").is_file());
    assert!(!site.join("content/'").exists(), "no folder named by a quote");
    // content/ itself names no article; it is not "outside content/".
    let run = in_site(&new_args("content", &[]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("content/ là thư mục chứa bài viết").says("ví dụ content/bai-moi.md");
    // --root naming the site's content/ folder: the site is its parent.
    let content = site.join("content");
    let run = sotay(tmp.path(), &new_args("bai.md", &["--root", content.to_str().unwrap()]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says(&format!("thêm --root {}", site.display()));
    // An absolute path into a site, typed in another folder, names the site.
    let far = site.join("content/quan-10/xa.md");
    let run = sotay(tmp.path(), &new_args(far.to_str().unwrap(), &[]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("không thấy trang ở thư mục hiện tại")
        .says(&format!("thêm --root {}", site.display()));
    assert!(!far.exists());
    assert_eq!(in_site(&["check", "--strict"]).code, 0);
    // Run in one site with an absolute path into another: the other is named.
    let other = tmp.path().join("khac");
    crate::support::copy_dir(&crate::support::fixture_dir("site_basic"), &other);
    let there = other.join("content/quan-10/o-day.md");
    let run = in_site(&new_args(there.to_str().unwrap(), &[]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says(&format!("thêm --root {}", other.display()));
    // --root at a folder inside a site's content/: the site is named.
    let deep = site.join("content/quan-10");
    let run = sotay(tmp.path(), &new_args("bai.md", &["--root", deep.to_str().unwrap()]));
    run.says(&format!("thêm --root {}", site.display()));
    // Names the build passes over are refused: the article would never be published.
    for (hidden, named) in [
        (".nhap.md", ".nhap.md"),
        ("~$bai.md", "~$bai.md"),
        ("quan-10/.an/bai.md", ".an"),
        (".md", ".md"),
    ] {
        let run = in_site(&new_args(hidden, &[]));
        assert_eq!(run.code, 2, "{hidden}: {}", run.stderr);
        run.says(&format!("sotay bỏ qua `{named}`"));
    }
    assert!(!site.join("content/.nhap.md").exists());
}

#[test]
fn usage_errors_exit_with_two() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(sotay(tmp.path(), &["build", "--no-such-flag"]).code, 2);
    assert_eq!(
        sotay(
            tmp.path(),
            &["new", "x.md", "--ward", "P", "--year", "1800", "--directive", "d", "--theme", "t"]
        )
        .code,
        2
    );
}

#[test]
fn missing_content_folder_is_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let run = sotay(tmp.path(), &["build"]);
    assert_eq!(run.code, 1);
    run.says("không có thư mục content/");
}

#[test]
fn a_reader_that_stops_early_is_no_crash() {
    let site = Site::fixture("many_errors");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(["check", "--format", "json"])
        .current_dir(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader is gone before sotay writes, as in `sotay check --format json | head -0`.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "the content errors still decide: {stderr}");
}
