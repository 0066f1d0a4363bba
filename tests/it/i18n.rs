//! Languages: switcher states, hreflang, sitemap alternates and the translation status report,
//! on the trilingual fixture (the about page is missing in Kazakh; the case overview is stale
//! in Russian).

use super::*;
use std::process::Command;

fn built(test: &str) -> PathBuf {
    let dir = temp_dir(test);
    let out = dir.join("public");
    let report = placard::build(&options(&fixture("trilingual"), &out)).unwrap();
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    out
}

/// The `<head>` links and the language switcher of a page, one per line.
fn languages_of(html: &str) -> String {
    let mut lines = Vec::new();
    for part in html.split('<').skip(1) {
        let tag = part.split('>').next().unwrap_or_default();
        if tag.starts_with("link ") && tag.contains("rel=alternate") && tag.contains("hreflang") {
            lines.push(format!("<{tag}>"));
        }
    }
    let start = html
        .match_indices("<nav")
        .map(|(i, _)| i)
        .find(|i| {
            html[*i..]
                .split('>')
                .next()
                .unwrap_or_default()
                .contains("class=langs")
        })
        .expect("a language switcher");
    let end = start + html[start..].find("</nav>").unwrap() + 6;
    lines.push(html[start..end].to_owned());
    lines.join("\n")
}

#[test]
fn switcher_and_hreflang_snapshots() {
    let out = built("i18n-switcher");
    for (name, path) in [
        ("about-kk-fallback", "kk/about/index.html"),
        ("about-ru-translated", "ru/about/index.html"),
        ("case-ru-stale", "ru/cases/demo/index.html"),
        ("people-en", "en/cases/demo/people/index.html"),
    ] {
        let html = std::fs::read_to_string(out.join(path)).unwrap();
        insta::assert_snapshot!(format!("languages-{name}"), languages_of(&html));
    }
    let about_kk = std::fs::read_to_string(out.join("kk/about/index.html")).unwrap();
    let switcher = languages_of(&about_kk);
    assert!(switcher.contains("hreflang=kk"), "{switcher}");
    assert_eq!(
        switcher.matches("class=fallback").count(),
        1,
        "only Kazakh is a fallback: {switcher}"
    );
    assert!(switcher.contains("hreflang=ru rel=alternate"), "{switcher}");
    assert!(
        !switcher.contains("hreflang=kk rel=alternate"),
        "no hreflang for a fallback: {switcher}"
    );
}

#[test]
fn sitemap_alternates_snapshot() {
    let out = built("i18n-sitemap");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    insta::assert_snapshot!("sitemap", sitemap);
    assert!(
        !sitemap.contains("<loc>https://demo.example.org/kk/about/</loc>"),
        "fallback pages are not listed"
    );
}

#[test]
fn status_report_and_strict_exit_code() {
    let root = fixture("trilingual");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_placard"))
            .args(args)
            .output()
            .unwrap()
    };
    let text = run(&["i18n", "status", "--root", root.to_str().unwrap()]);
    assert_eq!(text.status.code(), Some(0));
    insta::assert_snapshot!("status-text", String::from_utf8_lossy(&text.stdout));
    let strict = run(&[
        "i18n",
        "status",
        "--root",
        root.to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(
        strict.status.code(),
        Some(1),
        "missing and stale pages fail --strict"
    );
    let json = run(&[
        "i18n",
        "status",
        "--root",
        root.to_str().unwrap(),
        "--lang",
        "ru",
        "--format",
        "json",
    ]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["ru"]["stale"][0], "content/cases/demo/index.ru.md");
    assert!(value.get("kk").is_none());
}

#[test]
fn the_default_site_is_fully_translated() {
    let root = repo();
    let result = Command::new(env!("CARGO_BIN_EXE_placard"))
        .args([
            "i18n",
            "status",
            "--strict",
            "--root",
            root.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert_eq!(result.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("kk: ") && stdout.contains("UI strings: 0 missing"),
        "{stdout}"
    );
}

#[test]
fn a_site_can_override_ui_strings() {
    let dir = temp_dir("i18n-override");
    let root = dir.join("site");
    copy_tree(&fixture("trilingual"), &root);
    std::fs::create_dir_all(root.join("i18n")).unwrap();
    std::fs::write(root.join("i18n/kk.ftl"), "nav-people = Тұтқындалғандар\n").unwrap();
    let out = dir.join("public");
    assert!(!placard::build(&options(&root, &out)).unwrap().has_errors());
    let html = std::fs::read_to_string(out.join("kk/cases/demo/index.html")).unwrap();
    assert!(html.contains("Тұтқындалғандар"));
}

#[test]
fn feeds_are_per_language_and_resolve_relative_links() {
    let out = built("feeds");
    let feed = std::fs::read_to_string(out.join("ru/atom.xml")).unwrap();
    assert!(feed.contains("xml:lang=\"ru\""));
    assert!(
        feed.contains("<entry xml:base=\"https://demo.example.org/ru/cases/demo/timeline/\">"),
        "{feed}"
    );
    assert!(
        !feed.contains("Appeal hearing"),
        "future events stay out of the feed until they happen"
    );
    assert!(
        feed.contains("<updated>2025-11-13T00:00:00Z</updated>") || feed.contains("2025-11"),
        "{feed}"
    );
}

#[test]
fn footnote_back_links_are_labelled_in_the_page_language() {
    let dir = temp_dir("backrefs");
    let out = dir.join("public");
    assert!(
        !placard::build(&options(&repo(), &out))
            .unwrap()
            .has_errors()
    );
    let kk =
        std::fs::read_to_string(out.join("kk/cases/atajurt-2025/legal/article-174/index.html"))
            .unwrap();
    assert!(kk.contains("-сілтемеге оралу"), "Kazakh label");
    assert!(!kk.contains("Back to reference"));
    let ru =
        std::fs::read_to_string(out.join("ru/cases/atajurt-2025/legal/article-174/index.html"))
            .unwrap();
    assert!(ru.contains("Вернуться к сноске 1"), "Russian label");
    let en =
        std::fs::read_to_string(out.join("en/cases/atajurt-2025/legal/article-174/index.html"))
            .unwrap();
    assert!(en.contains("Back to reference 1"));
}
