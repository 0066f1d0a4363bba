//! A site's Fluent file: parsing, plural checks, and formatting messages.
#![no_main]

use libfuzzer_sys::fuzz_target;
use placard::i18n::{Arg, FtlFile, Locale};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let files = [FtlFile {
        path: "i18n/ru.ftl".into(),
        text: text.to_owned(),
    }];
    let (locale, _diagnostics) = Locale::new("ru", &files);
    let args = [
        ("count", Arg::Number(21)),
        ("days", Arg::Number(-3)),
        ("year", Arg::Number(2025)),
        ("title", Arg::Text("Дело")),
    ];
    // Keys of the built-in table (present when the input defines them, e.g. seeded from
    // i18n/ru.ftl), a made-up one, then the first few the input defines.
    let keys = locale.keys();
    let own = keys.iter().take(8).map(String::as_str);
    for key in ["nav-home", "figure-detained", "a"].into_iter().chain(own) {
        let _ = locale.message(key, &[]);
        let _ = locale.message(key, &args);
    }
});
