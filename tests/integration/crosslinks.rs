//! Cross-linking over a fixture with a known link graph: editors' links, directive
//! mentions, backlinks, related articles with their reasons, neighbours and the pages
//! that cross one dimension with another.

use std::path::Path;
use std::process::Command;

use crate::support::{Run, Site, snapshot};

fn built() -> Site {
    let site = Site::fixture("crosslinks");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

/// The HTML of the element whose id is `id`, up to its closing tag `</end>`.
fn part<'a>(html: &'a str, id: &str, end: &str) -> &'a str {
    between(html, &format!(r#"id="{id}""#), end)
}

/// The HTML from `start` up to the next closing tag `</end>`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let at = html.find(start).unwrap_or_else(|| panic!("no {start} in\n{html}"));
    let rest = &html[at..];
    &rest[..rest.find(&format!("</{end}>")).expect("closing tag")]
}

/// The visible text of an HTML fragment, whitespace squashed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn editor_links_become_page_links_with_anchors() {
    let site = built();
    let b = site.read("public/ha-noi/b/index.html");
    assert!(b.contains(r#"<a href="../a/index.html#ket-qua">kết quả năm trước</a>"#), "{b}");
    let c = site.read("public/hcm/c/index.html");
    assert!(c.contains(r#"<a href="../../ha-noi/a/index.html">cách làm của Phúc Đồng</a>"#), "{c}");
}

#[test]
fn missing_heading_is_an_error_at_its_line_naming_the_target() {
    let site = Site::fixture("missing_heading");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("content/a.md:11:1: lỗi: bài `b.md` không có mục `#khong-co`");
    assert!(run.stderr.contains("#bai-hoc"), "the hint lists the headings: {}", run.stderr);
    assert!(!run.stderr.contains("a.md:10:"), "the existing heading is fine: {}", run.stderr);
}

#[test]
fn first_mention_per_section_links_never_in_headings_links_or_code() {
    let site = built();
    let a = site.read("public/ha-noi/a/index.html");
    let body = between(&a, r#"class="content""#, "article");
    let to_directive = r#"href="../../van-ban/chi-thi-05-ct-tw/index.html""#;
    // Section one: the first of two mentions; section "Về …": none (heading, code,
    // link, code block); section "Kết quả": "Chỉ thị số 05".
    assert!(
        body.contains(&format!(
            r#"Chỉ thị số <a {to_directive}>05-CT/TW</a> và lại nhắc 05-CT/TW"#
        )),
        "{body}"
    );
    assert!(body.contains(r#"<h2 id="ve-chi-thi-05-ct-tw">Về Chỉ thị 05-CT/TW</h2>"#), "{body}");
    assert!(body.contains("<code>05-CT/TW</code>"), "{body}");
    assert!(body.contains(r#"<a href="../b/index.html">05-CT/TW</a>"#), "{body}");
    assert!(body.contains("<pre><code>05-CT/TW trong khối mã"), "{body}");
    assert!(
        body.contains(&format!(r#"Sau khi học <a {to_directive}>Chỉ thị số 05</a>"#)),
        "{body}"
    );
    assert_eq!(body.matches(to_directive).count(), 2, "{body}");
    // An alias the site defines links like a code.
    let d = site.read("public/hcm/d/index.html");
    assert!(
        d.contains(
            r#"<a href="../../van-ban/nghi-quyet-trung-uong-5-khoa-viii/index.html">NQTW5</a>"#
        ),
        "{d}"
    );
}

#[test]
fn backlinks_list_the_articles_that_link_here() {
    let site = built();
    let a = site.read("public/ha-noi/a/index.html");
    let back = text(part(&a, "backlinks", "section"));
    assert!(
        back.contains("Phúc Đồng một năm sau") && back.contains("Phường 12 làm theo Bác"),
        "{back}"
    );
    let e = site.read("public/nghe-an/e/index.html");
    assert!(!e.contains(r#"id="backlinks""#), "nobody links to e");
}

#[test]
fn related_articles_come_with_their_reasons_best_first() {
    let site = built();
    let a = site.read("public/ha-noi/a/index.html");
    let related = text(part(&a, "related", "section"));
    let b = related.find("Phúc Đồng một năm sau").expect("same directive and ward");
    let c = related.find("Phường 12 làm theo Bác").expect("same directive");
    assert!(b < c, "{related}");
    let reasons_of_b = &related[b..c];
    for reason in [
        "Cùng Chỉ thị 05-CT/TW",
        "Cùng địa bàn Phường Phúc Đồng",
        "Cùng chủ đề Học tập và làm theo Bác",
    ] {
        assert!(reasons_of_b.contains(reason), "{reason}: {related}");
    }
    assert!(related[c..].contains("Cùng Chỉ thị 05-CT/TW"), "{related}");
    assert!(!related.contains("Hưng Bình"), "nothing in common but a few words: {related}");
    assert!(!related.contains("Quận 10 chỉnh đốn Đảng"), "nothing in common: {related}");
    let c_page = site.read("public/hcm/c/index.html");
    let related_c = text(part(&c_page, "related", "section"));
    assert!(
        related_c.contains("Quận 10 chỉnh đốn Đảng Cùng địa bàn Quận 10"),
        "ward in the other's district: {related_c}"
    );
}

/// Two articles with nothing in common but their wording: each lists the other, saying
/// why. The words are read from the search index's count of each article's start.
#[test]
fn articles_close_in_wording_are_related_for_it() {
    let site = Site::fixture("crosslinks");
    let shared = "Chi bộ tổ chức hội nghị lấy ý kiến nhân dân về giải phóng mặt bằng, bồi \
        thường và tái định cư cho các hộ gia đình ven sông, vận động bà con bàn giao mặt bằng \
        đúng tiến độ để mở rộng tuyến đường.";
    let f = format!(
        "---\ntitle: Bài F\nward: Xã Một\nyear: 2012\ndirective: Chỉ thị 10-CT/TW\n\
         theme: Dân vận\n---\nNăm đầu tiên kể lại.\n\n{shared}\n"
    );
    let g = format!(
        "---\ntitle: Bài G\nward: Xã Hai\nyear: 2019\ndirective: Quy định 76-QĐ/TW\n\
         theme: Kinh tế\n---\nChặng đường vừa qua.\n\n{shared}\n"
    );
    site.write("content/f.md", &f);
    site.write("content/g.md", &g);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let related_f = text(part(&site.read("public/f/index.html"), "related", "section"));
    assert!(related_f.contains("Bài G Nội dung gần"), "{related_f}");
    let related_g = text(part(&site.read("public/g/index.html"), "related", "section"));
    assert!(related_g.contains("Bài F Nội dung gần"), "{related_g}");
    // The wording alone: without the shared passage, nothing relates them.
    site.write("content/g.md", &g.replace(shared, "Một đoạn khác hẳn."));
    assert_eq!(site.run(&["build"]).code, 0);
    let page = site.read("public/f/index.html");
    assert!(!page.contains("Bài G"), "{}", text(&page));
}

#[test]
fn neighbours_by_locality_and_directive() {
    let site = built();
    let a = site.read("public/ha-noi/a/index.html");
    let around = text(part(&a, "neighbours", "nav"));
    assert!(around.contains("Phường Phúc Đồng Bài sau: Phúc Đồng một năm sau"), "{around}");
    // b and c are both of 2022 and undated: the title decides (Phúc before Phường).
    assert!(around.contains("Chỉ thị 05-CT/TW Bài sau: Phường 12 làm theo Bác"), "{around}");
    assert!(!around.contains("Bài trước"), "a is the oldest of both lists: {around}");
    let b = site.read("public/ha-noi/b/index.html");
    let around = text(part(&b, "neighbours", "nav"));
    assert!(
        around.contains("Phường Phúc Đồng Bài trước: Phúc Đồng học tập và làm theo Bác"),
        "{around}"
    );
}

#[test]
fn dimension_pages_cross_the_other_dimensions() {
    let site = built();
    let directive = site.read("public/van-ban/chi-thi-05-ct-tw/index.html");
    let facets = text(part(&directive, "noi-dung", "main"));
    assert!(
        facets.contains("Tỉnh, thành phố Hà Nội 2 bài Thành phố Hồ Chí Minh 1 bài"),
        "{facets}"
    );
    assert!(facets.contains("Phường Phúc Đồng"), "{facets}");
    assert!(
        directive.contains(r#"<desc id="chart-years-d">2021: 1 bài; 2022: 2 bài</desc>"#),
        "per-year chart"
    );
    let locality = site.read("public/dia-ban/phuong-12-quan-10-thanh-pho-ho-chi-minh/index.html");
    let facets = text(part(&locality, "noi-dung", "main"));
    assert!(facets.contains("Văn bản chỉ đạo Chỉ thị 05-CT/TW 1 bài"), "{facets}");
    assert!(facets.contains("Chủ đề Xây dựng Đảng 1 bài"), "{facets}");
    let year = site.read("public/nam/2022/index.html");
    assert!(text(&year).contains("Văn bản chỉ đạo Chỉ thị 05-CT/TW 2 bài"), "{year}");
    let province = site.read("public/tinh-thanh/thanh-pho-ho-chi-minh/index.html");
    let listed = text(part(&province, "noi-dung", "main"));
    assert!(listed.contains("Địa bàn Phường 12"), "{listed}");
    assert!(listed.contains("Quận 10"), "{listed}");
    let index = site.read("public/dia-ban/index.html");
    assert!(
        index.contains(r#"href="../tinh-thanh/ha-noi/index.html""#),
        "province headings link their page"
    );
}

#[test]
fn a_link_to_an_article_with_front_matter_errors_is_not_a_second_error() {
    let site = Site::fixture("missing_heading");
    // b.md loses its required theme: its own error is the one to fix.
    let b = site.read("content/b.md").replace("theme: ", "chu_de: ");
    site.write("content/b.md", &b);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("content/b.md:");
    run.says("thiếu trường bắt buộc `theme`");
    assert!(!run.stderr.contains("content/a.md:"), "no error at the links to b.md: {}", run.stderr);
    assert!(run.stderr.contains("Dừng: 1 lỗi"), "{}", run.stderr);
}

#[test]
fn a_site_builds_the_same_whichever_order_its_threads_read_it_in() {
    // Threads number the words they meet as they go. Related articles used to break ties
    // by those numbers, and 6 to 31 pages of a 1,000-article site changed between builds.
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    let made = Command::new(env!("CARGO_BIN_EXE_sotay-bench"))
        .args(["corpus", "--articles", "600", "--out"])
        .arg(&site)
        .arg("--text-from")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
        .output()
        .expect("run sotay-bench");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let build = |threads: &str| {
        let out = site.join(format!("out-{threads}"));
        let run: Run = Command::new(env!("CARGO_BIN_EXE_sotay"))
            .arg("build")
            .arg("--out")
            .arg(&out)
            .current_dir(&site)
            .env("RAYON_NUM_THREADS", threads)
            .env_remove("SOTAY_TIMINGS")
            .output()
            .expect("run sotay")
            .into();
        assert_eq!(run.code, 0, "{}", run.stderr);
        snapshot(&out)
    };
    let alone = build("1");
    assert!(alone.len() > 600, "{} files", alone.len());
    for threads in ["2", "4"] {
        let shared = build(threads);
        assert_eq!(shared.len(), alone.len(), "{threads} threads");
        let differ: Vec<_> = alone
            .iter()
            .zip(&shared)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| a.0.display().to_string())
            .collect();
        assert!(differ.is_empty(), "{threads} threads: {} files differ: {differ:?}", differ.len());
    }
}
