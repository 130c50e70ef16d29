//! Nothing lost: failed builds keep the last good site byte for byte, deleted articles'
//! pages disappear, and folders sotay did not create are never written.

use crate::support::{Site, snapshot};

#[test]
fn failed_build_keeps_previous_output_byte_for_byte() {
    let site = Site::fixture("site_basic");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = snapshot(&site.path().join("public"));
    site.write("content/hong.md", "---\ntitle: Hỏng\nyear: 2022\n---\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("content/hong.md:4:1:");
    assert_eq!(snapshot(&site.path().join("public")), before);
    let leftovers: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("sotay-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn deleted_article_pages_disappear() {
    let site = Site::fixture("site_basic");
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(site.path().join("public/nghe-an/hung-binh/index.html").is_file());
    std::fs::remove_file(site.path().join("content/nghe-an/hung-binh.md")).unwrap();
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(!site.path().join("public/nghe-an/hung-binh/index.html").exists());
    assert!(!site.path().join("public/van-ban/nghi-quyet-09-nq-tu").exists());
}

#[test]
fn refuses_site_root_content_and_foreign_folders() {
    let site = Site::fixture("site_basic");
    for out in [".", "content", "content/quan-10"] {
        let run = site.run(&["build", "--out", out, "--force"]);
        assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
    }
    site.write("tai-lieu/ghi-chu.txt", "của tôi");
    let run = site.run(&["build", "--out", "tai-lieu"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("--force");
    assert_eq!(site.read("tai-lieu/ghi-chu.txt"), "của tôi");
    let forced = site.run(&["build", "--out", "tai-lieu", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    let backup = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("tai-lieu.bak-"))
        .expect("the previous content is moved aside");
    assert_eq!(std::fs::read_to_string(backup.join("ghi-chu.txt")).unwrap(), "của tôi");
}
