//! The readable text of rendered article HTML, block by block: tags dropped, entities
//! decoded, and never the inside of `<script>`, `<style>` or HTML comments (raw HTML in
//! Markdown is passed through, so a body may carry them).

/// Elements whose content is not text a reader sees.
const HIDDEN: &[&str] = &["script", "style", "template", "noscript", "svg"];
/// Inline elements: text on both sides belongs to one block.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "s", "small", "span", "strong",
    "sub", "sup", "u", "del", "ins", "kbd",
];

/// Text blocks of an HTML fragment, in order, each trimmed and non-empty.
pub fn blocks(html: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        decode_into(&rest[..lt], &mut current);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // A lone '<' is text.
            decode_into(rest, &mut current);
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let tag_name = tag.trim_start_matches('/');
        let name_len =
            tag_name.bytes().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(tag_name.len());
        let name = &tag_name[..name_len];
        if name.is_empty() {
            // "< 5" or "<!doctype": not an element.
            continue;
        }
        let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(name));
        if !closing && is(HIDDEN) && !tag.ends_with('/') {
            let close = format!("</{name}");
            rest = find_ascii_ci(rest, &close).map_or("", |i| {
                let after = &rest[i..];
                after.find('>').map_or("", |g| &after[g + 1..])
            });
            continue;
        }
        if !is(INLINE) {
            push_block(&mut blocks, &mut current);
        }
    }
    decode_into(rest, &mut current);
    push_block(&mut blocks, &mut current);
    blocks
}

/// Ends the block being read, trimmed; its inner whitespace is left as it is (words are
/// split at any run of it, and `vi::push_words` tidies what a reader sees).
fn push_block(blocks: &mut Vec<String>, current: &mut String) {
    let text = current.trim();
    if !text.is_empty() {
        blocks.push(text.to_string());
    }
    current.clear();
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Appends `text` with its character references decoded.
fn decode_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        let decoded = end.and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_style_and_comments_are_never_text() {
        let html = "<p>Đảng bộ <script>var bimat = 1;</script>phường</p><!-- ghi chú <p>x</p> -->\
                    <STYLE>p { color: red }</STYLE><h2>Kết quả</h2>";
        assert_eq!(blocks(html), ["Đảng bộ phường", "Kết quả"]);
    }

    #[test]
    fn inline_tags_keep_a_block_and_entities_are_decoded() {
        let html = "<p>Chỉ thị <strong>05-CT/TW</strong> &amp; &#7845;p &lt;b&gt; AT&T</p>\n<ul><li>một</li><li>hai</li></ul>";
        assert_eq!(blocks(html), ["Chỉ thị 05-CT/TW & ấp <b> AT&T", "một", "hai"]);
    }

    #[test]
    fn an_unclosed_script_hides_the_rest() {
        assert_eq!(blocks("<p>a</p><script>b"), ["a"]);
        assert_eq!(blocks("1 < 2"), ["1 < 2"]);
    }
}
