//! Inline SVG bar charts drawn at build time: articles per year and per directive. No
//! JavaScript; each chart carries a title, a description and the numbers as text, so it
//! reads the same to a screen reader and on paper.

use std::fmt::Write;

/// What a value counts, as one and as more: "article" and "articles".
#[derive(Clone, Copy)]
pub struct Unit<'a> {
    pub one: &'a str,
    pub many: &'a str,
}

impl Unit<'_> {
    fn of(&self, value: usize) -> &str {
        if value == 1 { self.one } else { self.many }
    }
}

/// One bar: its label, its value and the root-relative page it links to.
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: usize,
    pub path: String,
}

fn is_special(byte: u8) -> bool {
    matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'')
}

/// Text escaped for SVG/XML content and attributes: the same escaping as the pages'.
pub fn esc(text: &str) -> String {
    // Most texts a page prints (names, paths, dates) need nothing escaped: one pass that
    // compilers turn into vector compares finds that out, then the text is copied whole.
    if !text
        .as_bytes()
        .chunks(32)
        .any(|chunk| chunk.iter().fold(false, |any, &b| any | is_special(b)))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut plain = 0;
    // Every special character is ASCII: copy the runs between them whole.
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
    out
}

/// About how wide a char of a 12px label is drawn (Arial and Noto Sans, whose widths are
/// close): capitals are wider than small letters; marks add no width.
fn char_width(c: char) -> f64 {
    match c {
        'M' | 'W' => 11.5,
        'm' | 'w' => 10.0,
        c if c.is_uppercase() => 9.0,
        c if c.is_ascii_digit() => 6.7,
        ' ' | '.' | ',' | ':' | ';' | '(' | ')' | '/' | '-' | 'i' | 'l' | 'j' | 't' | 'f' => 3.6,
        _ => 6.4,
    }
}

/// `label`, cut with "…" where it would be drawn wider than `max` units.
fn shorten(label: &str, max: f64) -> String {
    let width = |text: &str| text.chars().map(char_width).sum::<f64>();
    if width(label) <= max {
        return label.to_string();
    }
    let room = max - char_width('…');
    let mut used = 0.0;
    let cut: String = label
        .chars()
        .take_while(|&c| {
            used += char_width(c);
            used <= room
        })
        .collect();
    format!("{}…", cut.trim_end())
}

/// Charts are drawn for the narrowest screen a phone has, 320 px less the page's padding
/// (2 × 16), so that no phone scales them down: 12 px labels stay 12 px, and every bar's
/// link is at least 24 px tall (WCAG 2.5.8).
pub const WIDTH: u32 = 288;

/// One chart: what it shows, counted in what, and where its bars link.
pub struct Chart<'a> {
    /// Unique in its page: the title and description are named from it.
    pub id: &'a str,
    pub title: &'a str,
    pub unit: Unit<'a>,
    /// The language of the labels when it is not the page's (term names on an English
    /// site), marked on each bar and the description for screen readers' voices.
    pub lang: Option<&'a str>,
    /// From the page to the site's root, before each bar's path.
    pub root: &'a str,
}

impl Chart<'_> {
    fn open(&self, width: u32, height: u32, bars: &[Bar]) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="group" aria-labelledby="{id}-t" aria-describedby="{id}-d" preserveAspectRatio="xMinYMin meet"><title id="{id}-t">{}</title><desc id="{id}-d"{}>{}</desc>"#,
            esc(self.title),
            self.lang_attribute(),
            esc(&self.describe(bars)),
            id = self.id,
        )
    }

    fn lang_attribute(&self) -> String {
        self.lang.map(|lang| format!(r#" lang="{}""#, esc(lang))).unwrap_or_default()
    }

    /// The description read out in place of the picture: every label with its value.
    fn describe(&self, bars: &[Bar]) -> String {
        let each = |b: &Bar| format!("{}: {} {}", b.label, b.value, self.unit.of(b.value));
        bars.iter().map(each).collect::<Vec<_>>().join("; ")
    }

    /// A bar's link, opened: its address, language and tooltip, and the invisible area
    /// that makes the whole row or column the target, not only the thin bar and the text.
    fn link(&self, bar: &Bar, hit: (u32, u32, u32, u32)) -> String {
        let (x, y, width, height) = hit;
        format!(
            r#"<a href="{}"{}><title>{}: {} {}</title><rect x="{x}" y="{y}" width="{width}" height="{height}" fill="none" pointer-events="all"/>"#,
            esc(&format!("{}{}", self.root, bar.path)),
            self.lang_attribute(),
            esc(bar.label),
            bar.value,
            esc(self.unit.of(bar.value)),
        )
    }

    /// Horizontal bars, one row per item: the label, and under it the bar with its value.
    /// Labels do not share the row, so long names keep the chart narrow.
    pub fn horizontal(&self, bars: &[Bar]) -> String {
        let row =
            Row { height: 40, bar_x: 0, label_y: 14, bar_y: 20, value_y: 32, label_width: 284.0 };
        self.rows(bars, &row)
    }

    /// Bars in rows of the given layout.
    fn rows(&self, bars: &[Bar], row: &Row) -> String {
        if bars.is_empty() {
            return String::new();
        }
        let (top, bar_h) = (4u32, 14u32);
        let height = top * 2 + row.height * bars.len() as u32;
        let max = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1);
        let scale = f64::from(WIDTH - row.bar_x - 48) / max as f64;
        let mut svg = self.open(WIDTH, height, bars);
        for (i, bar) in bars.iter().enumerate() {
            let y = top + row.height * i as u32;
            let w = (bar.value as f64 * scale).max(2.0);
            svg.push_str(&self.link(bar, (0, y + 1, WIDTH, row.height - 2)));
            let _ = write!(
                svg,
                r#"<text x="0" y="{}" class="chart-label">{}</text><rect x="{}" y="{}" width="{w:.1}" height="{bar_h}" class="chart-bar"/><text x="{:.1}" y="{}" class="chart-value">{}</text></a>"#,
                y + row.label_y,
                esc(&shorten(bar.label, row.label_width)),
                row.bar_x,
                y + row.bar_y,
                f64::from(row.bar_x) + w + 6.0,
                y + row.value_y,
                bar.value,
            );
        }
        svg.push_str("</svg>");
        svg
    }

    /// Vertical columns in the given order (years, oldest first), value above each
    /// column; more than `MAX_COLUMNS` become rows, each bar beside its short label.
    pub fn columns(&self, bars: &[Bar]) -> String {
        if bars.is_empty() {
            return String::new();
        }
        if bars.len() > MAX_COLUMNS {
            // One short row each, the bar beside its label (a year).
            let longest = bars.iter().map(|b| b.label.chars().count()).max().unwrap_or(0).min(12);
            let bar_x = 8 * longest as u32 + 8;
            let label_width = f64::from(bar_x) - 4.0;
            let row = Row { height: 28, bar_x, label_y: 18, bar_y: 7, value_y: 18, label_width };
            return self.rows(bars, &row);
        }
        let (plot_h, top, bottom) = (160u32, 22u32, 28u32);
        let col = ((WIDTH - 16) / bars.len() as u32).min(44);
        let width = (col * bars.len() as u32 + 16).max(200);
        let height = top + plot_h + bottom;
        let max = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1);
        let mut svg = self.open(width, height, bars);
        for (i, bar) in bars.iter().enumerate() {
            let h = (bar.value as f64 * f64::from(plot_h) / max as f64).max(2.0);
            let x = 8 + col * i as u32;
            let y = f64::from(top + plot_h) - h;
            svg.push_str(&self.link(bar, (x + 1, 0, col - 2, height)));
            let _ = write!(
                svg,
                r#"<rect x="{}" y="{y:.1}" width="{}" height="{h:.1}" class="chart-bar"/><text x="{}" y="{:.1}" text-anchor="middle" class="chart-value">{}</text><text x="{}" y="{}" text-anchor="middle" class="chart-label">{}</text></a>"#,
                x + 4,
                col - 8,
                x + col / 2,
                y - 5.0,
                bar.value,
                x + col / 2,
                top + plot_h + 18,
                esc(bar.label),
            );
        }
        svg.push_str("</svg>");
        svg
    }
}

/// Where the parts of a row go: the label at `x = 0`, the bar at `bar_x`, each at its
/// offset from the row's top.
struct Row {
    /// At least 26, so that a bar's link (the row less a gap) is at least 24 tall.
    height: u32,
    bar_x: u32,
    label_y: u32,
    bar_y: u32,
    value_y: u32,
    /// Wider labels are shortened (the full text is in the bar's `<title>`).
    label_width: f64,
}

/// Columns that fit the chart's width at their own size: more would be too thin for
/// their labels (25 years: 4px labels on a phone).
const MAX_COLUMNS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    const BAI: Unit = Unit { one: "bài", many: "bài" };

    fn chart(lang: Option<&'static str>) -> Chart<'static> {
        Chart { id: "c", title: "t", unit: BAI, lang, root: "" }
    }

    /// The heights of the bars' hit areas.
    fn targets(svg: &str) -> Vec<f64> {
        let hit = r#"" fill="none" pointer-events="all""#;
        svg.match_indices(hit)
            .map(|(at, _)| {
                let height = &svg[svg[..at].rfind('"').expect("a height") + 1..at];
                height.parse().expect("a number")
            })
            .collect()
    }

    #[test]
    fn labels_are_escaped_and_described() {
        let bars = [
            Bar { label: "<b>&", value: 3, path: "van-ban/x/index.html".into() },
            Bar { label: "Chỉ thị 05-CT/TW", value: 1, path: "van-ban/y/index.html".into() },
        ];
        let chart = Chart { id: "c1", title: "Số bài", unit: BAI, lang: None, root: "../" };
        let svg = chart.horizontal(&bars);
        assert!(svg.contains("&lt;b&gt;&amp;"));
        assert!(!svg.contains("<b>&"));
        assert!(svg.contains(r#"href="../van-ban/x/index.html""#));
        assert!(
            svg.contains("<desc id=\"c1-d\">&lt;b&gt;&amp;: 3 bài; Chỉ thị 05-CT/TW: 1 bài</desc>")
        );
        assert_eq!(svg.matches(r#"class="chart-bar""#).count(), 2);
        // Its own size, which the stylesheet lets it shrink from but never grow past: the
        // narrowest phone shows the 12px labels at 12px.
        assert!(
            svg.starts_with(
                r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="288" height="88""#
            ),
            "{svg}"
        );
        assert!(!svg.contains("lang="), "labels in the page's language are not marked");
    }

    #[test]
    fn escaping_replaces_only_the_five_specials_and_keeps_text_around_them() {
        assert_eq!(esc(""), "");
        assert_eq!(esc("Đảng bộ"), "Đảng bộ");
        assert_eq!(
            esc("<a href=\"x\">Tôi & 'bạn'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tôi &amp; &#39;bạn&#39;&lt;/a&gt;"
        );
        assert_eq!(esc("ồ&"), "ồ&amp;", "a special at the end after a multibyte letter");
        // The quick check reads 32 bytes at a time: a special in any block, or in the
        // short last one, is still found.
        for at in [0, 30, 32, 62, 64, 70] {
            let mut text = "đ".repeat(35);
            text.insert(at, '<');
            assert_eq!(esc(&text), text.replace('<', "&lt;"), "at byte {at}");
        }
    }

    #[test]
    fn empty_data_draws_nothing() {
        assert_eq!(chart(None).columns(&[]), "");
        assert_eq!(chart(None).horizontal(&[]), "");
    }

    #[test]
    fn labels_are_cut_by_the_width_they_are_drawn_at() {
        let capitals = "NGHỊ QUYẾT TRUNG ƯƠNG 6 (LẦN 2) KHÓA VIII VỀ MỘT SỐ VẤN ĐỀ CƠ BẢN";
        let cut = shorten(capitals, 284.0);
        // Drawn, the whole label reached 299 units of 288 (measured in Chromium).
        assert!(cut.ends_with('…') && cut.chars().count() < 43, "{cut}");
        assert!(cut.chars().map(char_width).sum::<f64>() <= 284.0, "{cut}");
        let small = "Nghị quyết Trung ương 6 (lần 2) khóa VIII";
        assert_eq!(shorten(small, 284.0), small, "a long name in small letters fits");
    }

    #[test]
    fn long_labels_are_shortened_with_the_full_text_in_the_title() {
        let label = "Nghị quyết Trung ương 6 (lần 2) khóa VIII về xây dựng Đảng";
        let svg = chart(None).horizontal(&[Bar { label, value: 1, path: String::new() }]);
        assert!(svg.contains(&format!("<title>{label}: 1 bài</title>")));
        assert!(svg.contains('…'));
    }

    #[test]
    fn counts_of_one_take_the_singular() {
        let unit = Unit { one: "article", many: "articles" };
        let bars = [
            Bar { label: "2014", value: 1, path: String::new() },
            Bar { label: "2015", value: 2, path: String::new() },
        ];
        let svg = Chart { unit, ..chart(None) }.columns(&bars);
        assert!(svg.contains("2014: 1 article; 2015: 2 articles"), "{svg}");
        assert!(svg.contains("<title>2014: 1 article</title>"), "{svg}");
    }

    #[test]
    fn many_years_become_rows_a_phone_shows_at_their_own_size() {
        let years: Vec<String> = (2000..2025).map(|y| y.to_string()).collect();
        let bars: Vec<Bar> =
            years.iter().map(|y| Bar { label: y, value: 3, path: String::new() }).collect();
        let svg = chart(None).columns(&bars);
        assert!(svg.contains(r#"width="288""#), "{svg}");
        assert_eq!(svg.matches(r#"class="chart-bar""#).count(), 25);
        assert!(svg.contains(">2024</text>"), "every label is drawn: {svg}");
        let few = chart(None).columns(&bars[..MAX_COLUMNS]);
        assert!(few.contains(r#"text-anchor="middle""#), "a few years stay columns");
        assert!(few.contains(r#"width="288""#), "eight columns fit the narrowest phone: {few}");
    }

    #[test]
    fn charts_are_groups_of_links_not_images() {
        // role="img" would make the links inside presentational to assistive technology.
        let svg = chart(None).columns(&[Bar { label: "2020", value: 1, path: "x".into() }]);
        assert!(svg.contains(r#"role="group" aria-labelledby="c-t" aria-describedby="c-d""#));
        assert!(!svg.contains(r#"role="img""#));
    }

    #[test]
    fn every_bar_is_a_target_a_finger_can_hit() {
        let label = "Chỉ thị 05-CT/TW";
        for n in [1, 3, MAX_COLUMNS, MAX_COLUMNS + 1, 25] {
            let bars: Vec<Bar> =
                (0..n).map(|_| Bar { label, value: 2, path: String::new() }).collect();
            for svg in [chart(None).columns(&bars), chart(None).horizontal(&bars)] {
                let heights = targets(&svg);
                assert_eq!(heights.len(), n, "one target a bar: {svg}");
                assert!(heights.iter().all(|&h| h >= 24.0), "{n} bars: {heights:?}");
                assert!(svg.contains(r#"width="288""#) || n < 5, "{svg}");
            }
        }
    }

    #[test]
    fn labels_in_another_language_than_the_page_are_marked() {
        let bars = [Bar { label: "Chỉ thị 05-CT/TW", value: 2, path: String::new() }];
        let svg = chart(Some("vi")).horizontal(&bars);
        assert!(svg.contains(r#"<desc id="c-d" lang="vi">"#), "{svg}");
        assert!(svg.contains(r#"<a href="" lang="vi"><title>Chỉ thị 05-CT/TW: 2 bài"#), "{svg}");
        assert!(svg.contains(r#"<title id="c-t">t</title>"#), "the chart's own title is not");
    }
}
