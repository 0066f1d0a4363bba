//! Markdown rendering, with raw HTML escaped and with it kept (sanitised).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use placard::markdown::{Input, Markdown};

static MARKDOWN: OnceLock<Markdown> = OnceLock::new();

fn resolve_link(target: &str) -> Option<String> {
    target.starts_with("@/a").then(|| "x/".to_owned())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // `Input::text` is documented as NFC with LF line endings, as `load` makes it.
    let text = placard::load::normalise(text.to_owned());
    let markdown = MARKDOWN.get_or_init(Markdown::new);
    for allow_html in [false, true] {
        let _ = markdown.render(&Input {
            text: &text,
            path: Path::new("content/index.en.md"),
            first_line: 1,
            allow_html,
            resolve_link: &resolve_link,
        });
    }
});
