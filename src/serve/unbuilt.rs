//! The page `serve` answers while no build has succeeded yet: the errors of the last
//! build as text, in the site's language. The server adds the reload script, which
//! reloads it after every build, so a fix shows the site and a new error shows here.

use std::fmt::Write;

use crate::chart::esc;
use crate::i18n::Lang;

/// The id the reload script looks for to know it is on this page.
pub const ID: &str = "sotay-unbuilt";

/// The whole page, without the reload script. `errors` are diagnostics as the terminal
/// prints them (`path:line:col: message`, the line, the hint); they are escaped here.
pub fn page(lang: Lang, errors: &[String]) -> String {
    let title = lang.pick("Chưa dựng được trang", "The site could not be built yet");
    let lead = lang.pick(
        format!(
            "sotay chưa dựng được trang lần nào vì nội dung có {} lỗi. Sửa các lỗi dưới đây \
             rồi lưu tệp: trang này sẽ tự tải lại khi dựng xong.",
            errors.len()
        ),
        format!(
            "sotay has not built the site yet: the content has {}. Fix what is listed below and \
             save the file: this page reloads by itself once the site is built.",
            lang.count(errors.len(), "lỗi", "error", "errors")
        ),
    );
    let how = lang.pick(
        "Mỗi lỗi ghi tệp:dòng:cột, rồi dòng đó (dấu ^ chỉ chỗ sai) và gợi ý cách sửa.",
        "Each error gives file:line:column, then that line (^ marks the spot) and a hint.",
    );
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · sotay</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <main id=\"{ID}\">\n<h1>{title}</h1>\n<p>{lead}</p>\n<p>{how}</p>\n",
        lang = lang.code(),
        lead = esc(&lead),
    );
    for error in errors {
        let _ = writeln!(html, "<pre role=\"alert\">{}</pre>", esc(error));
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

const STYLE: &str = "body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; }
main { max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }
h1 { color: #a11; }
pre { white-space: pre-wrap; background: #2b0b0b; color: #ffe9e9; padding: 1rem;
  border-left: 4px solid #d33; font-size: 14px; }
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_listed_as_text_in_the_site_language() {
        let error = "content/bai.md:2:17: lỗi: dấu `:`\n  |\n2 | title: <i>x</i> & y\n  = gợi ý: …";
        let page = page(Lang::Vi, &[error.to_string()]);
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"), "{page}");
        assert!(page.contains("<h1>Chưa dựng được trang</h1>"), "{page}");
        assert!(page.contains("có 1 lỗi"), "{page}");
        assert!(page.contains(&format!("id=\"{ID}\"")), "the reload script finds it");
        assert!(
            page.contains(
                "content/bai.md:2:17: lỗi: dấu `:`\n  |\n2 | title: &lt;i&gt;x&lt;/i&gt; &amp; y"
            ),
            "{page}"
        );
        assert!(!page.contains("<i>"), "content is never markup: {page}");

        assert!(super::super::reload::SCRIPT.contains(&format!("getElementById(\"{ID}\")")));

        let english = super::page(Lang::En, &[]);
        assert!(english.contains("<html lang=\"en\">"));
        assert!(english.contains("<h1>The site could not be built yet</h1>"), "{english}");
    }
}
