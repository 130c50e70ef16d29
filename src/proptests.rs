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
