//! Search: the JS engine under Node over indexes sotay builds (a fixture site and the
//! bundled `content/`), and the search page end to end in headless Chromium from `file://`.
//! Node and Chromium are required: without them these tests fail, they never skip.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Site, copy_dir, node_test, sotay};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn built_fixture() -> Site {
    let site = Site::fixture("search_site");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

/// The search fixture and one more article, a word list whose words begin with `th` and
/// with `b` by the thousand ("thaba", "baba", …): so many that on this index, as on a
/// large site, completing `th` or `b` would read dozens of shards.
fn broad_fixture() -> Site {
    let site = Site::fixture("search_site");
    let mut words = Vec::new();
    for start in ["th", "b"] {
        for second in 'a'..='z' {
            for third in 'a'..='z' {
                for vowel in "aeiou".chars() {
                    words.push(format!("{start}{second}{third}{vowel}"));
                }
            }
        }
    }
    let article = format!(
        "---\ntitle: Bảng từ\nward: Phường Bãi Cháy\ndistrict: Thành phố Hạ Long\n\
         province: Quảng Ninh\nyear: 2020\ndirective: Kết luận 01-KL/TW\ntheme: Tra cứu\n---\n\
         {}\n",
        words.join(" ")
    );
    site.write("content/quang-ninh/bang-tu.md", &article);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

#[test]
fn search_engine_under_node_on_the_fixture_index() {
    let site = built_fixture();
    node_test("search.test.js", &[("SOTAY_SEARCH_SITE", &site.path().join("public"))]);
}

#[test]
fn search_while_typing_on_a_broad_index() {
    let site = broad_fixture();
    node_test("typing.test.js", &[("SOTAY_BROAD_SITE", &site.path().join("public"))]);
}

#[test]
fn search_acceptance_on_the_bundled_articles() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&manifest_dir().join("content"), &tmp.path().join("content"));
    let run = sotay(tmp.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    node_test(
        "acceptance.test.js",
        &[("SOTAY_CONTENT_SITE", &tmp.path().join("public")), ("SOTAY_CONTENT_ROOT", tmp.path())],
    );
}

/// The search scripts parse as ES2017 (acorn, from Debian's node-acorn) and, without ES2018's
/// property escapes, tokenise Vietnamese text as they do with them.
#[test]
fn search_scripts_are_es2017_and_tokenise_without_property_escapes() {
    node_test("es2017.test.js", &[]);
}

#[test]
fn index_files_are_scripts_and_scripts_stay_on_the_search_page() {
    let site = built_fixture();
    let meta = site.read("public/search/meta.js");
    assert!(meta.starts_with(r#"window.sotaySearch.load("meta","#), "{}", &meta[..60]);
    assert!(site.path().join("public/search.js").is_file());
    assert!(site.path().join("public/search-page.js").is_file());
    let page = site.read("public/tim-kiem/index.html");
    assert!(page.contains(
        "<script src=\"../search.js\"></script>\n<script src=\"../search-page.js\"></script>"
    ));
    assert!(page.contains(r#"<ol id="search-results""#));
    for other in ["public/index.html", "public/nam/2022/index.html", "public/van-ban/index.html"] {
        assert!(
            !site.read(other).contains("<script"),
            "no script outside the search page: {other}"
        );
    }
    let article = site.read("public/quan-2/an-phu/index.html");
    assert!(
        article.contains(
            r#"<form class="search-box" role="search" aria-label="Tìm nhanh" action="../../tim-kiem/index.html">"#
        ),
        "every page has the search box"
    );
    assert!(article.contains(r#"name="q" type="search""#));
}

/// Opens a page of a built site in headless Chromium; returns the DOM after its scripts
/// ran and the console lines.
fn chromium(public: &Path, page_and_query: &str) -> (String, String) {
    chromium_with(public, page_and_query, &[])
}

/// `chromium` with more command-line arguments (`--window-size=360,800`).
fn chromium_with(public: &Path, page_and_query: &str, extra: &[&str]) -> (String, String) {
    let chromium = PathBuf::from("/usr/bin/chromium");
    assert!(
        chromium.is_file(),
        "/usr/bin/chromium is required for the end-to-end search tests (apt-get install -y chromium)"
    );
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}/{page_and_query}", public.display());
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("run chromium");
    assert!(output.status.success(), "chromium failed on {url}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let console: String =
        stderr.lines().filter(|l| l.contains(":CONSOLE")).collect::<Vec<_>>().join("\n");
    (String::from_utf8_lossy(&output.stdout).into_owned(), console)
}

/// The `<li>` elements of the result list.
fn results(dom: &str) -> Vec<&str> {
    let start = dom.find(r#"<ol id="search-results""#).expect("result list");
    let list = &dom[start..start + dom[start..].find("</ol>").expect("end of list")];
    list.split("<li>").skip(1).collect()
}

#[test]
fn search_page_in_chromium_from_disk() {
    let site = built_fixture();
    let public = site.path().join("public");

    let (dom, console) = chromium(&public, "tim-kiem/index.html?q=%C4%91%C6%B0%E1%BB%9Dng");
    assert!(console.is_empty(), "console output:\n{console}");
    let found = results(&dom);
    assert_eq!(found.len(), 2, "{dom}");
    assert!(
        found[0].contains(r#"href="../quan-2/an-phu/index.html""#),
        "đường first: {}",
        found[0]
    );
    assert!(found[0].contains("<mark>Đường</mark>"), "{}", found[0]);
    assert!(found[1].contains("<mark>Dương</mark>"), "folded match second: {}", found[1]);
    assert!(dom.contains("2 bài viết phù hợp"), "aria-live count");
    let breaks = crate::support::heading_order_breaks(&dom);
    assert!(breaks.is_empty(), "results keep the heading order: {breaks:?}");
    assert!(dom.contains(r#"id="search-nojs" class="lead" hidden"#), "the no-JS note hides");
    assert!(dom.contains("search/meta.js") && dom.contains("search/idx-"), "{dom}");
    assert!(!dom.contains("search/facets.js"), "a query alone does not read the filters' data");
    assert!(dom.contains(r#"<option value="2021">2021</option>"#), "names without counts");

    let (dom, console) = chromium(&public, "tim-kiem/index.html?nam=2021");
    assert!(console.is_empty(), "console output:\n{console}");
    let found = results(&dom);
    assert_eq!(found.len(), 1, "a filter alone lists its articles");
    assert!(found[0].contains("quang-ninh/duong-hoa/index.html"));
    assert!(found[0].contains("&lt;b&gt;"), "index text stays text: {}", found[0]);
    assert!(dom.contains(r#"<option value="2021">2021 (1)</option>"#), "counts in the filter");
    assert!(dom.contains("search/facets.js"), "a filter reads the articles of each term");

    // Locality names are in facets.js, not meta.js: a locality in the URL waits for them.
    let (dom, console) =
        chromium(&public, "tim-kiem/index.html?dia-ban=xa-duong-hoa-huyen-hai-ha-quang-ninh");
    assert!(console.is_empty(), "console output:\n{console}");
    let found = results(&dom);
    assert_eq!(found.len(), 1, "the locality filter holds: {dom}");
    assert!(found[0].contains("quang-ninh/duong-hoa/index.html"));
    let option = r#"<option value="xa-duong-hoa-huyen-hai-ha-quang-ninh">Xã Dương Hòa, Huyện Hải Hà, Quảng Ninh (1)</option>"#;
    assert!(dom.contains(option), "the locality named in full, with its count: {dom}");

    // A filter value the site has no term for (an old link) stays, marked, and matches
    // nothing, rather than being dropped so that every article shows.
    let (dom, console) = chromium(&public, "tim-kiem/index.html?q=dang&nam=1999");
    assert!(console.is_empty(), "console output:\n{console}");
    assert!(results(&dom).is_empty(), "nothing is from 1999: {dom}");
    assert!(
        dom.contains(r#"<option value="1999" lang="vi">1999 (không có trong trang này)</option>"#),
        "{dom}"
    );

    let query =
        "tim-kiem/index.html?q=d%C3%A2n%20v%E1%BA%ADn%20%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E";
    let (dom, console) = chromium(&public, query);
    assert!(console.is_empty(), "console output:\n{console}");
    assert!(!results(&dom).is_empty(), "the words that match still find the article");
    assert!(!dom.contains("<img"), "the query is never markup");
    assert!(!dom.contains("<b>"), "nor is index text");
}

/// On an English-interface site, one result is "1 matching article", and the results
/// (Vietnamese titles and snippets) are marked as Vietnamese.
#[test]
fn an_english_search_page_counts_one_result_in_the_singular() {
    let site = Site::fixture("search_site");
    site.write("sotay.yaml", "language: en\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = site.path().join("public");
    let (dom, console) = chromium(&public, "tim-kiem/index.html?q=duong%20hoa");
    assert!(console.is_empty(), "console output:\n{console}");
    assert_eq!(results(&dom).len(), 1, "{dom}");
    assert_eq!(status(&dom), "1 matching article");
    assert!(dom.contains(r#"aria-labelledby="search-results-title" lang="vi">"#), "{dom}");
    let (dom, _) = chromium(&public, "tim-kiem/index.html?q=phuong");
    assert!(results(&dom).len() > 1, "{dom}");
    assert!(status(&dom).ends_with(" matching articles"), "{}", status(&dom));
}

/// The status line of the search page.
fn status(dom: &str) -> &str {
    let start = dom.find(r#"id="search-status""#).expect("status line");
    let text = &dom[start + dom[start..].find('>').expect("status tag") + 1..];
    &text[..text.find('<').expect("end of status")]
}

/// A query arriving by URL (a link, a reload: the page rewrites its URL at every key) reads
/// as it did while typed: its last word is still a prefix, never a whole word that is
/// missing, and a word too broad to complete says so instead of "nothing found".
#[test]
fn search_page_keeps_the_word_being_typed_from_the_url() {
    let site = built_fixture();
    let public = site.path().join("public");
    for query in ["chi%20th", "dang%20b", "th"] {
        let (dom, console) = chromium(&public, &format!("tim-kiem/index.html?q={query}"));
        assert!(console.is_empty(), "console output:\n{console}");
        assert_eq!(status(&dom), "3 bài viết phù hợp", "{query}");
        assert_eq!(results(&dom).len(), 3, "{query}");
    }

    let broad = broad_fixture();
    let public = broad.path().join("public");
    let (dom, _) = chromium(&public, "tim-kiem/index.html?q=th");
    assert_eq!(status(&dom), "Có quá nhiều từ bắt đầu bằng “th”: hãy gõ thêm vài chữ.");
    let (dom, _) = chromium(&public, "tim-kiem/index.html?q=dang%20b");
    assert_eq!(
        status(&dom),
        "3 bài viết phù hợp (chưa lọc theo “b”: quá nhiều từ bắt đầu như vậy; hãy gõ thêm vài chữ)"
    );
    assert_eq!(results(&dom).len(), 3);
}

#[test]
fn an_article_with_an_indented_block_and_a_long_word_fits_a_narrow_window() {
    let site = Site::fixture("unknown_key");
    let long_line =
        "Đoạn dán từ Word thụt vào bốn dấu cách, một dòng rất dài không xuống dòng ".repeat(8);
    let word = "https://vi.wikipedia.org/wiki/".to_string() + &"Đảng_bộ_".repeat(20);
    site.write(
        "content/dan.md",
        &format!(
            "---\ntitle: Bài\nward: Phường 12\nyear: 2022\ndirective: Chỉ thị 05-CT/TW\n\
             theme: Xây dựng Đảng\n---\nMở đầu.\n\n    {long_line}\n\n{word}\n"
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("content/dan.md:10:5: cảnh báo: đoạn thụt vào từ 4 dấu cách trở lên");
    // The page's widest content against the window's width, measured by the page itself
    // (headless Chromium keeps a window at least about 500 px wide).
    let page = site.read("public/dan/index.html").replace(
        "</body>",
        "<script>document.body.setAttribute('data-width', \
         document.documentElement.scrollWidth - document.documentElement.clientWidth)\
         </script></body>",
    );
    site.write("public/dan/do-rong.html", &page);
    let (dom, _) =
        chromium_with(&site.path().join("public"), "dan/do-rong.html", &["--window-size=360,800"]);
    let overflow: i32 = dom
        .split("data-width=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no width measured:\n{dom}"));
    assert_eq!(overflow, 0, "the page is wider than a narrow window by {overflow} px");
}

/// The names (`aria-label`) of the `role="search"` landmarks of a page, in order.
fn search_landmarks(html: &str) -> Vec<Option<String>> {
    html.match_indices("<form ")
        .map(|(i, _)| &html[i..i + html[i..].find('>').expect("end of form tag")])
        .filter(|tag| tag.contains(r#"role="search""#))
        .map(|tag| {
            tag.split(r#"aria-label=""#).nth(1).map(|rest| rest[..rest.find('"').unwrap()].into())
        })
        .collect()
}

/// The search page has two search landmarks, the header box and its own form: screen
/// readers list landmarks by role and name, so their names must tell them apart (axe's
/// `landmark-unique`).
#[test]
fn the_two_search_forms_have_names_of_their_own() {
    let site = built_fixture();
    let forms = search_landmarks(&site.read("public/tim-kiem/index.html"));
    let header = Some("Tìm nhanh".to_string());
    assert_eq!(forms, [header.clone(), Some("Tìm kiếm và lọc bài viết".to_string())]);
    assert_eq!(search_landmarks(&site.read("public/quan-2/an-phu/index.html")), [header]);
}
