//! Front matter splitting and parsing, and every TOML facts struct.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use placard::load::{Place, parse_document, split_front_matter};
use placard::model::{
    AnalysisFacts, CaseFacts, EventFacts, FrontMatter, LawsFacts, PersonFacts,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((front, body_start, body_line)) = split_front_matter(text) {
        // The front matter is a slice of the text, and the body starts inside it.
        assert!(body_start <= text.len());
        assert!(text.is_char_boundary(body_start));
        assert!(front.len() <= body_start);
        assert!(body_line >= 1);
    }
    let _ = parse_document(
        Path::new("content/index.en.md"),
        Place::Home,
        "en",
        text.to_owned(),
    );
    let _ = toml::from_str::<CaseFacts>(text);
    let _ = toml::from_str::<LawsFacts>(text);
    let _ = toml::from_str::<PersonFacts>(text);
    let _ = toml::from_str::<EventFacts>(text);
    let _ = toml::from_str::<AnalysisFacts>(text);
    let _ = toml::from_str::<FrontMatter>(text);
});
