//! Property tests: no input makes the loader panic, whatever the bytes or the front matter.

use std::path::Path;

use proptest::prelude::*;

use crate::front_matter;
use crate::i18n::Lang;
use crate::load;

/// Loads one file the way a build does: decode, split and type the front matter, render
/// the body with every link refused.
fn load_bytes(bytes: &[u8]) {
    let path = Path::new("content/a.md");
    let Ok(text) = load::decode(path, bytes.to_vec(), Lang::Vi) else { return };
    let (split, diagnostics) = front_matter::parse(path, &text, Lang::Vi);
    for d in &diagnostics {
        assert!(d.line >= 1 && d.col >= 1, "{d:?}");
        assert!(d.line <= text.lines().count().max(1) + 1, "{d:?} past the end of\n{text}");
    }
    if let Some(split) = split {
        let _ = crate::markdown::render(&text[split.body_offset..], &mut Refuse::new());
    }
}

/// YAML-ish text: the characters that make YAML interesting, and Vietnamese letters.
fn yamlish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("title: ".to_string()),
            Just("ward: ".to_string()),
            Just("year: ".to_string()),
            Just("directive:\n  - ".to_string()),
            Just("theme: ".to_string()),
            Just("slug: ".to_string()),
            Just("date: ".to_string()),
            Just("\n".to_string()),
            Just("---\n".to_string()),
            "[-:\\[\\]{}&*!|>'\"#%@ ,?0-9a-zđĐảẠ\t]{1,12}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// Text an editor pastes: words, colons, dashes and `#`s, joined by ordinary spaces and by
/// the characters that look like one (no-break, em and ideographic spaces, zero-width).
fn pasted_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("Kết quả"),
        Just("Ngày đăng"),
        Just("chi bộ"),
        Just("21-NQ/TW"),
        Just("http://x.vn/a"),
        Just("10:30"),
        Just("Ghi chú:"),
        Just("-"),
        Just("#1"),
        Just("a: b"),
    ];
    let gap = prop_oneof![
        Just(" "),
        Just(", "),
        Just("\u{a0}"),
        Just("\u{200b}"),
        Just("\u{2003}"),
        Just(": "),
        Just(":\u{a0}"),
        Just(" -\u{a0}"),
    ];
    proptest::collection::vec((gap, word), 1..6)
        .prop_map(|parts| parts.into_iter().flat_map(|(g, w)| [g, w]).collect::<String>())
}

/// A text key written in one of the ways YAML allows: on its line, alone with its text
/// on the lines below, continued below, as a block, or in quotes.
fn text_value(key: &'static str) -> impl Strategy<Value = String> {
    (0..6usize, pasted_text(), pasted_text()).prop_map(move |(form, a, b)| {
        let unquoted = |t: &str| t.replace(['"', '\\'], "");
        match form {
            0 => format!("{key}: x{a}"),
            1 => format!("{key}:\n  x{a}\n  x{b}"),
            2 => format!("{key}: x{a}\n  x{b}"),
            3 => format!("{key}: |\n  x{a}\n  {b}"),
            // In quotes, going on at the start of the next line.
            4 => format!("{key}: \"x{}\n{}\"", unquoted(&a), unquoted(&b)),
            _ => format!("{key}: \"x{}\n  {}\"", unquoted(&a), unquoted(&b)),
        }
    })
}

/// A list key written in one of the ways YAML allows, its items pasted text: on its line,
/// as items, as an item whose text is on the line below its `-`, in brackets.
fn list_value(key: &'static str) -> impl Strategy<Value = String> {
    (0..4usize, pasted_text(), pasted_text()).prop_map(move |(form, a, b)| match form {
        0 => format!("{key}: X{a}"),
        1 => format!("{key}:\n  - X{a}\n  - X{b}"),
        2 => format!("{key}:\n  -\n    X{a}\n  - X{b}"),
        _ => format!("{key}: [\"X{}\"]", a.replace(['"', '\\'], "")),
    })
}

proptest! {
    // About two in three generated front matters are not what YAML reads as fields (a
    // `: ` in a plain value makes a mapping): those are passed over.
    #![proptest_config(ProptestConfig {
        cases: 256,
        max_global_rejects: 8192,
        ..ProptestConfig::default()
    })]

    /// Whatever text an editor pastes into `title` and `summary`, if YAML reads the front
    /// matter as the fields they are (every text key a text, the year a number), sotay
    /// reports no error: its own checks of characters that cannot be seen tell only what
    /// changes what YAML reads.
    #[test]
    fn valid_front_matter_with_pasted_text_is_no_error(
        title in text_value("title"),
        summary in text_value("summary"),
        theme in list_value("theme"),
        indent in 0..3usize,
    ) {
        let fields = format!(
            "ward: Phường 1\nyear: 2020\ndirective: Chỉ thị 05-CT/TW\n{theme}\n{title}\n{summary}"
        );
        // Also indented as a whole, which YAML allows.
        let pad = " ".repeat(indent);
        let yaml: String = fields.lines().map(|line| format!("{pad}{line}\n")).collect();
        let read: Result<serde_yaml::Mapping, _> = serde_yaml::from_str(&yaml);
        let is_text = |value: Option<&serde_yaml::Value>| {
            value.and_then(serde_yaml::Value::as_str).is_some_and(|t| !t.trim().is_empty())
        };
        let is_texts = |value: Option<&serde_yaml::Value>| match value {
            Some(serde_yaml::Value::Sequence(items)) => items.iter().all(|i| is_text(Some(i))),
            other => is_text(other),
        };
        let as_fields = read.as_ref().is_ok_and(|map| {
            map.len() == 6
                && is_text(map.get("title"))
                && is_text(map.get("summary"))
                && is_texts(map.get("theme"))
        });
        prop_assume!(as_fields);
        let text = format!("---\n{yaml}---\nThân bài.\n");
        let (_, diagnostics) = front_matter::parse(Path::new("a.md"), &text, Lang::Vi);
        let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
        prop_assert!(errors.is_empty(), "{errors:?}\n{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        load_bytes(&bytes);
        let mut with_fence = b"---\n".to_vec();
        with_fence.extend_from_slice(&bytes);
        load_bytes(&with_fence);
    }

    #[test]
    fn arbitrary_front_matter_never_panics(yaml in yamlish(), body in "[\\PC\n]{0,80}") {
        load_bytes(format!("---\n{yaml}\n---\n{body}").as_bytes());
        load_bytes(format!("\u{feff}---\r\n{}\r\n---\r\n{body}", yaml.replace('\n', "\r\n")).as_bytes());
    }
}

/// Refuses every link and links every directive mention it can find, so arbitrary text
/// goes through both the link and the mention paths of the renderer.
struct Refuse(crate::mentions::DirectiveMatcher);

impl Refuse {
    fn new() -> Refuse {
        let aliases = [("NQTW5".to_string(), "Nghị quyết Trung ương 5".to_string())];
        let names = ["Chỉ thị 05-CT/TW", "Nghị quyết Trung ương 5", "Quy định 76-QĐ/TW"];
        Refuse(crate::mentions::DirectiveMatcher::new(names, &aliases))
    }
}

impl crate::markdown::Linker for Refuse {
    type Problem = ();

    fn resolve(
        &mut self,
        _: &str,
        _: crate::markdown::LinkKind,
        _: std::ops::Range<usize>,
    ) -> Result<Option<String>, ()> {
        Err(())
    }

    fn mentions(&mut self, text: &str) -> Vec<crate::markdown::Mention> {
        let found = self.0.find(text).into_iter();
        found
            .map(|f| crate::markdown::Mention {
                range: f.range,
                key: f.term,
                href: "x.html".into(),
            })
            .collect()
    }
}
