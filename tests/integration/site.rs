//! A built fixture site read as a reader would: pages, links, order, terms, files.

use std::path::Path;

use crate::support::{Site, attribute_values, heading_order_breaks};

fn built() -> Site {
    let site = Site::fixture("site_basic");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("Đã dựng 4 bài viết");
    site
}

#[test]
fn article_page_links_its_terms_and_rewrites_relative_links() {
    let site = built();
    let page = site.read("public/quan-10/phuong-12-2022/index.html");
    assert!(page.contains(r#"<html lang="vi""#), "lang");
    assert!(page.contains("Phường 12 xây dựng Đảng bộ trong sạch vững mạnh"));
    assert!(page.contains("Thứ Năm, 01/12/2022"), "Vietnamese date");
    assert!(
        page.contains(r#"<meta name="description" content="Đảng bộ Phường 12 có 505 đảng viên."#),
        "the article's own description"
    );
    assert!(page.contains(r#"href="../../van-ban/chi-thi-05-ct-tw/index.html""#), "directive link");
    assert!(page.contains(r#"href="../../nam/2022/index.html""#), "year link");
    assert!(
        page.contains(r#"href="../../dia-ban/phuong-12-quan-10-thanh-pho-ho-chi-minh/index.html""#),
        "locality link"
    );
    assert!(page.contains(r#"src="../anh-1.jpg""#), "image beside the article");
    assert!(
        page.contains(r#"href="../../ha-noi/phuc-dong/index.html#ket-qua""#),
        "article link with anchor"
    );
    assert!(site.path().join("public/quan-10/anh-1.jpg").is_file());
    assert!(site.path().join("public/ha-noi/bao-cao.pdf").is_file());
    assert!(site.path().join("public/robots.txt").is_file(), "static/ copied");
}

#[test]
fn every_page_has_one_h1_and_no_skipped_heading_level() {
    let site = built();
    let pages = walkdir::WalkDir::new(site.path().join("public"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"));
    let mut checked = 0;
    for page in pages {
        let html = std::fs::read_to_string(page.path()).unwrap();
        let breaks = heading_order_breaks(&html);
        assert!(breaks.is_empty(), "{}: {breaks:?}", page.path().display());
        checked += 1;
    }
    assert!(checked > 20, "only {checked} pages");
}

#[test]
fn spellings_of_one_directive_land_on_one_page() {
    let site = built();
    let index = site.read("public/van-ban/index.html");
    assert!(index.contains("Chỉ thị 05-CT/TW"));
    assert!(!index.contains("Chỉ thị số 05-CT/TW"));
    assert!(index.contains("Nghị quyết 09-NQ/TU"));
    let term = site.read("public/van-ban/chi-thi-05-ct-tw/index.html");
    // Three articles, two per page: newest first.
    assert!(term.contains("Phường 12 xây dựng Đảng bộ"), "2022 article on page 1");
    assert!(term.contains("Năm năm thực hiện Chỉ thị 05"), "2021-04-01 article on page 1");
    assert!(term.contains(r#"rel="next""#));
    let second = site.read("public/van-ban/chi-thi-05-ct-tw/trang/2/index.html");
    assert!(second.contains("Phường 12 Quận 3 học tập"), "undated 2021 article on page 2");
    assert!(second.contains(r#"rel="prev""#));
    assert!(!second.contains(r#"rel="next""#));
}

#[test]
fn same_ward_in_two_districts_is_two_localities_grouped_by_province() {
    let site = built();
    assert!(
        site.path()
            .join("public/dia-ban/phuong-12-quan-10-thanh-pho-ho-chi-minh/index.html")
            .is_file()
    );
    assert!(
        site.path()
            .join("public/dia-ban/phuong-12-quan-3-thanh-pho-ho-chi-minh/index.html")
            .is_file()
    );
    let index = site.read("public/dia-ban/index.html");
    let ha_noi = index.find("Hà Nội").unwrap();
    let nghe_an = index.find("Nghệ An").unwrap();
    let hcm = index.find("Thành phố Hồ Chí Minh").unwrap();
    assert!(ha_noi < nghe_an && nghe_an < hcm, "provinces in Vietnamese order");
}

#[test]
fn places_apart_by_tone_stay_apart_and_places_without_province_come_last() {
    let site = Site::fixture("site_basic");
    let article = |ward: &str, province: Option<&str>| {
        let province = province.map_or(String::new(), |p| format!("province: {p}\n"));
        format!(
            "---\ntitle: Bài của {ward}\nward: {ward}\n{province}year: 2020\n\
             directive: Chỉ thị 05-CT/TW\ntheme: Dân vận\n---\nNội dung.\n"
        )
    };
    site.write("content/long-an/hoa-1.md", &article("Xã Hòa Bình", Some("Long An")));
    // The same name with the tone mark on the other vowel (the older placement).
    site.write("content/long-an/hoa-2.md", &article("Xã Hoà Bình", Some("Long An")));
    site.write("content/long-an/hoa-3.md", &article("Xã Hóa Bình", Some("Long An")));
    site.write("content/khac/ze.md", &article("Xã Zê", None));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = |slug: &str| site.read(&format!("public/dia-ban/{slug}/index.html"));
    let hoa = page("xa-hoa-binh-long-an");
    assert!(hoa.contains("Bài của Xã Hòa Bình") && hoa.contains("Bài của Xã Hoà Bình"), "{hoa}");
    assert!(!hoa.contains("Bài của Xã Hóa Bình"), "Hóa Bình is another commune");
    assert!(page("xa-hoa-binh-long-an-2").contains("Bài của Xã Hóa Bình"));
    let index = site.read("public/dia-ban/index.html");
    let hcm = index.find("Thành phố Hồ Chí Minh").unwrap();
    let heading = index.find("Chưa rõ tỉnh, thành phố").expect("a heading over the unplaced");
    let ze = index.find("Xã Zê").unwrap();
    assert!(hcm < heading && heading < ze, "localities without a province come last");
}

#[test]
fn term_lists_follow_vietnamese_alphabetical_order() {
    let site = built();
    let index = site.read("public/chu-de/index.html");
    let positions: Vec<usize> = ["Dân vận", "Đào tạo", "Học tập và làm theo Bác", "Xây dựng Đảng"]
        .iter()
        .map(|name| index.find(name).unwrap_or_else(|| panic!("{name} missing")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn home_has_newest_articles_ways_in_and_charts() {
    let site = built();
    let home = site.read("public/index.html");
    let newest = home.find("Phường 12 xây dựng Đảng bộ").unwrap();
    let oldest = home.find("Đảng bộ phường Hưng Bình").unwrap();
    assert!(newest < oldest);
    for path in ["van-ban/index.html", "dia-ban/index.html", "nam/index.html", "chu-de/index.html"]
    {
        assert!(home.contains(&format!(r#"href="{path}""#)), "{path}");
    }
    assert!(home.matches("<svg").count() >= 2, "year and directive charts");
    assert!(!home.contains("<script"), "readable without JavaScript");
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let site = built();
    assert!(!site.read("public/index.html").contains("Bản nháp chưa xuất bản"));
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = site.read("public/index.html");
    assert!(home.contains("Bản nháp chưa xuất bản"));
    // A reader of a preview can tell a draft from a published article.
    assert!(home.contains(r#"<span class="draft-label">Bản nháp</span>"#), "{home}");
    assert_eq!(home.matches("draft-label").count(), 1, "only the draft is labelled");
    // In the links other articles give to it too (it is their neighbour in a list).
    let labelled_links = walkdir::WalkDir::new(site.path().join("public"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| {
            e.path().ends_with("index.html") && !e.path().to_string_lossy().contains("nhap")
        })
        .filter(|e| {
            let page = std::fs::read_to_string(e.path()).unwrap();
            page.contains(r#"class="article""#) && page.contains("draft-label")
        })
        .count();
    assert!(labelled_links > 0, "no article page labels its link to the draft");
    let page = site.read("public/nhap/index.html");
    assert!(page.contains(r#"<p class="draft-note"><strong>Bản nháp.</strong>"#), "{page}");
}

#[test]
fn feed_sitemap_and_404_use_the_base_url() {
    let site = Site::fixture("site_basic");
    let run = site.run(&["build", "--base-url", "https://vidu.vn/so-tay/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://vidu.vn/so-tay/quan-10/phuong-12-2022/</loc>"),
        "{sitemap}"
    );
    let feed = site.read("public/atom.xml");
    assert!(feed.contains("https://vidu.vn/so-tay/quan-10/phuong-12-2022/"), "{feed}");
    assert!(feed.contains("<feed"));
    let not_found = site.read("public/404.html");
    assert!(not_found.contains(r#"href="/so-tay/style.css""#), "404 links from the base path");
}

/// Without a base URL, the feed's and sitemap's addresses are relative to them (at the
/// root) and name `index.html`: they open from a USB stick and under any sub-path.
#[test]
fn without_a_base_url_feed_and_sitemap_links_open_from_disk() {
    let site = Site::fixture("site_basic");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>quan-10/phuong-12-2022/index.html</loc>"), "{sitemap}");
    assert!(sitemap.contains("<loc>index.html</loc>"), "{sitemap}");
    let feed = site.read("public/atom.xml");
    assert!(feed.contains(r#"href="quan-10/phuong-12-2022/index.html""#), "{feed}");
    assert!(feed.contains(r#"href="index.html""#), "the home: {feed}");
    for (file, text) in [("sitemap.xml", &sitemap), ("atom.xml", &feed)] {
        assert!(!text.contains(r#"href="/"#) && !text.contains("<loc>/"), "{file}: {text}");
    }
    for link in feed.split("href=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]) {
        assert!(site.path().join("public").join(link).is_file(), "{link} in atom.xml");
    }
}

/// Every relative link and image of every page points at a file that exists, which is
/// what makes the site work from disk (file://) and under any sub-path.
#[test]
fn every_relative_link_resolves_to_a_file() {
    let site = built();
    let out = site.path().join("public");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") || entry.file_name() == "404.html" {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let dir = entry.path().parent().unwrap();
        for target in
            attribute_values(&html, "href").into_iter().chain(attribute_values(&html, "src"))
        {
            let inline = target.starts_with("mailto:") || target.starts_with("data:");
            if target.starts_with('#') || target.contains("://") || inline {
                continue;
            }
            assert!(
                !target.starts_with('/'),
                "absolute link {target} in {}",
                entry.path().display()
            );
            let path = target.split('#').next().unwrap();
            let resolved = dir.join(percent_decode(path));
            assert!(resolved.is_file(), "{} → {target} is missing", entry.path().display());
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&path[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn english_interface_when_configured() {
    let site = Site::fixture("site_basic");
    let config = site.read("sotay.yaml") + "language: en\n";
    site.write("sotay.yaml", &config);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("Built 4 articles, ");
    // Counts agree with their number on the command line too.
    let broken = site.read("content/quan-10/phuong-12-2022.md").replace("year: 2022", "year: 22");
    site.write("content/hong.md", &broken);
    let check = site.run(&["check"]);
    check.says("Stopped: 1 error, 0 warnings.");
    std::fs::remove_file(site.path().join("content/hong.md")).unwrap();
    let page = site.read("public/quan-10/phuong-12-2022/index.html");
    assert!(page.contains(r#"<html lang="en""#));
    assert!(page.contains("Thursday, 1 December 2022"));
    // The articles stay Vietnamese: a screen reader must read them with a Vietnamese
    // voice, the English labels around them with an English one.
    assert!(page.contains(r#"<h1 lang="vi">"#), "the title");
    assert!(page.contains(r#"<div class="content" lang="vi">"#), "the body");
    assert!(page.contains(r#"<dt>Locality</dt><dd lang="vi">"#), "the names");
    let years = site.read("public/nam/index.html");
    assert!(years.contains(r#"<ul class="terms" lang="vi">"#));
    // Counts agree with their number in English: 2015 has one article, 2021 two.
    assert!(years.contains(">1 article</span>"), "{years}");
    assert!(years.contains(">2 articles</span>"), "{years}");
    assert!(!years.contains("1 articles"), "{years}");
    assert!(years.contains("2015: 1 article;"), "the chart's description: {years}");
    let feed = site.read("public/atom.xml");
    assert!(feed.contains(r#"xml:lang="en""#) && feed.contains(r#"<entry xml:lang="vi">"#));
    let term = site.read("public/nam/2015/index.html");
    assert!(term.contains(r#"<p class="lead">1 article"#), "{term}");
    // The site's own Vietnamese name and description, the chart's directive names and
    // the search filters' options are Vietnamese too.
    let home = site.read("public/index.html");
    assert!(home.contains(r#"<h1 lang="vi">Sổ tay thử</h1>"#), "{home}");
    assert!(home.contains(r#"<p class="site-title" lang="vi">"#), "{home}");
    assert!(home.contains(r#"<span lang="vi">Trang thử nghiệm của sotay</span>"#), "{home}");
    assert!(home.contains(r#"<desc id="chart-directives-d" lang="vi">"#), "{home}");
    assert!(home.contains(r#"<a href="van-ban/"#) && home.contains(r#"/index.html" lang="vi">"#));
    assert!(home.contains(r#"<desc id="chart-years-d">"#), "years are in no language");
    let search = site.read("public/tim-kiem/index.html");
    assert!(search.contains(r#"name="van-ban" lang="vi"><option value="" lang="en">All"#));
}

#[test]
fn an_english_site_without_a_name_gets_english_defaults() {
    let site = Site::fixture("site_basic");
    site.write("sotay.yaml", "language: en\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = site.read("public/index.html");
    assert!(home.contains(r#"<h1 lang="en">Lessons-learned handbook</h1>"#), "{home}");
    assert!(home.contains("Lessons learned by grassroots Party organisations"), "{home}");
    assert!(!home.contains("Bài học kinh nghiệm của"), "{home}");
    // A Vietnamese site without one keeps the Vietnamese defaults; an empty one is none.
    site.write("sotay.yaml", "language: vi\ntitle: \"\"\n");
    assert_eq!(site.run(&["build"]).code, 0);
    let home = site.read("public/index.html");
    assert!(home.contains(r#"<h1 lang="vi">Sổ tay kinh nghiệm</h1>"#), "{home}");
}

/// The basic fixture with a site theme `rieng` holding `files` (paths under its folder).
fn basic_site_with_theme(files: &[(&str, &str)]) -> Site {
    let site = Site::fixture("site_basic");
    let config = site.read("sotay.yaml") + "theme: rieng\n";
    site.write("sotay.yaml", &config);
    for (path, text) in files {
        site.write(&format!("themes/rieng/{path}"), text);
    }
    site
}

#[test]
fn site_theme_overrides_one_template_and_keeps_the_rest() {
    let site = basic_site_with_theme(&[
        (
            "templates/404.html",
            "<!doctype html><title>riêng</title><p>Không thấy trang (giao diện riêng)</p>",
        ),
        ("static/extra.css", "body{}"),
    ]);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.read("public/404.html").contains("giao diện riêng"));
    assert!(
        site.read("public/index.html").contains("Sổ tay thử"),
        "other templates from the default theme"
    );
    assert!(Path::new(&site.path().join("public/extra.css")).is_file());
}

#[test]
fn a_site_card_shows_each_article_on_every_list_with_links_from_that_depth() {
    let site = basic_site_with_theme(&[(
        "templates/card.html",
        r#"<li class="the-card"><a href="{{ root }}{{ a.path }}">{{ a.title }}</a></li>"#,
    )]);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let card = |root: &str| {
        format!(r#"<li class="the-card"><a href="{root}quan-3/phuong-12-2021/index.html">"#)
    };
    // The same article on the home page, its year's page and its directive's second page:
    // one card per depth, each linking from where it is shown.
    for (page, root) in [
        ("public/index.html", ""),
        ("public/nam/2021/index.html", "../../"),
        ("public/van-ban/chi-thi-05-ct-tw/trang/2/index.html", "../../../../"),
    ] {
        let html = site.read(page);
        assert!(html.contains(&card(root)), "{page}: {html}");
        assert!(!html.contains("<h3>"), "{page}: the default card is replaced");
    }
}

#[test]
fn a_folder_with_only_content_builds_with_defaults() {
    let site = Site::fixture("site_basic");
    std::fs::remove_file(site.path().join("sotay.yaml")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.read("public/index.html").contains("Sổ tay kinh nghiệm"));
}

/// A term page's chart and breakdown put dozens of links before its articles: a skip
/// link, first of them, jumps to the list.
#[test]
fn term_pages_let_the_keyboard_skip_to_their_articles() {
    let site = Site::fixture("site_basic");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/van-ban/chi-thi-05-ct-tw/index.html");
    let skip =
        page.find(r##"<a class="skip" href="#bai-viet">Bỏ qua, tới danh sách bài viết</a>"##);
    let skip = skip.unwrap_or_else(|| panic!("no skip link: {page}"));
    let first_facet = page.find(r#"<section class="facets""#).expect("a breakdown");
    let chart = page.find("<figure class=\"chart-figure\">").expect("a chart");
    assert!(skip < first_facet.min(chart), "the skip link comes first");
    // Focus moves to the target (as to <main>), so the next Tab goes on from the list.
    assert!(page.contains(r#"<h2 class="list-title" id="bai-viet" tabindex="-1">"#), "its target");
    assert_eq!(page.matches(r#"id="bai-viet""#).count(), 1);
}

/// A province is one page, one heading and one search filter however its articles spell
/// it; two provinces whose names give one slug get two pages.
#[test]
fn provinces_group_their_spellings_and_share_out_slugs() {
    let site = Site::fixture("site_basic");
    let article = |ward: &str, province: &str, title: &str| {
        format!(
            "---\ntitle: {title}\nward: {ward}\nprovince: {province}\nyear: 2023\n\
             directive: Chỉ thị 05-CT/TW\ntheme: Dân vận\n---\nThân bài.\n"
        )
    };
    site.write("content/them/phuc-xa.md", &article("Phường Phúc Xá", "Hà nội", "Bài Phúc Xá"));
    site.write("content/them/phuc-tan.md", &article("Phường Phúc Tân", "Hà Nội", "Bài Phúc Tân"));
    site.write("content/them/tp-a.md", &article("Phường A", "TP. Đà Lạt", "Bài A"));
    site.write("content/them/tp-b.md", &article("Phường B", "Tp Đà Lạt", "Bài B"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ha_noi = site.read("public/tinh-thanh/ha-noi/index.html");
    assert!(ha_noi.contains("Bài Phúc Xá"), "the article spelling `Hà nội` is listed");
    assert!(ha_noi.contains("Phúc Đồng"), "and the one spelling `Hà Nội`");
    let index = site.read("public/dia-ban/index.html");
    assert_eq!(index.matches(r#"id="ha-noi-h""#).count(), 1, "one heading: {index}");
    // The locality says its province as the province's page does (2 articles to 1).
    assert!(index.contains(r#"<a href="../tinh-thanh/ha-noi/index.html">Hà Nội</a>"#), "{index}");
    let phuc_xa = site.read("public/dia-ban/phuong-phuc-xa-ha-noi/index.html");
    assert!(phuc_xa.contains(r#"<span class="detail">Hà Nội</span></h1>"#), "{phuc_xa}");
    // Two names, one slug: two pages.
    let a = site.read("public/tinh-thanh/tp-da-lat/index.html");
    let b = site.read("public/tinh-thanh/tp-da-lat-2/index.html");
    assert!(a.contains("Bài A") != b.contains("Bài A"), "each page lists its own article");
    let sitemap = site.read("public/sitemap.xml");
    for page in ["tinh-thanh/ha-noi/", "tinh-thanh/tp-da-lat/", "tinh-thanh/tp-da-lat-2/"] {
        assert!(sitemap.contains(page), "{page} missing from the sitemap");
    }
    let meta = site.read("public/search/meta.js");
    assert_eq!(meta.matches(r#""ha-noi""#).count(), 1, "one search filter: {meta}");
    assert!(meta.contains(r#""tp-da-lat-2""#), "{meta}");
}

/// Print rules come last, so no later screen rule (`.search-box { display: flex }`) wins
/// over them on paper; wide tables print whole instead of as a cut-off scroll box.
/// (Checked by hand with `chromium --print-to-pdf` on a 15-column table.)
#[test]
fn print_rules_are_last_and_print_tables_whole() {
    let css = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css"),
    )
    .unwrap();
    let print = &css[css.find("@media print").expect("a print block")..];
    assert_eq!(print.matches('{').count(), print.matches('}').count());
    assert_eq!(print.trim_end().chars().last(), Some('}'));
    let rules_after = print.matches('{').count() - 1;
    let print_rules = print.lines().filter(|l| l.starts_with("  ") && l.contains('{')).count();
    assert_eq!(rules_after, print_rules, "a rule follows the print block");
    assert!(print.contains(".search-box"), "the search box is not printed");
    assert!(print.contains(".content table { display: table; overflow: visible"), "{print}");
}
