//! Whole builds of the fixture sites and the default site.

use super::*;

fn build_fixture(name: &str, test: &str) -> (PathBuf, placard::BuildReport) {
    let dir = temp_dir(test);
    let out = dir.join("public");
    let report = placard::build(&options(&fixture(name), &out)).unwrap();
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    (out, report)
}

fn page(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_minimal_site_builds() {
    let (out, report) = build_fixture("minimal", "minimal");
    assert_eq!(report.pages.get("en"), Some(&2), "home and 404");
    assert!(page(&out, "en/index.html").contains("A site with one page."));
    // Static hosts show the 404 page at any depth: its links do not depend on where.
    let not_found = page(&out, "en/404.html");
    assert!(not_found.contains("href=/static/style."), "{not_found}");
    assert!(!not_found.contains("href=../"), "{not_found}");
    assert!(out.join("index.html").exists(), "the language chooser");
    assert!(out.join("sitemap.xml").exists());
}

#[test]
fn snapshots_of_every_page_kind() {
    let (out, _) = build_fixture("trilingual", "snapshots");
    for lang in ["en", "kk", "ru"] {
        for (kind, path) in [
            ("home", ""),
            ("case", "cases/demo/"),
            ("people", "cases/demo/people/"),
            ("person", "cases/demo/people/aidos-serik/"),
            ("timeline", "cases/demo/timeline/"),
            ("legal", "cases/demo/legal/"),
            ("analysis", "cases/demo/legal/charges/"),
            ("act", "cases/demo/act/"),
            ("sources", "cases/demo/sources/"),
            ("page", "about/"),
            ("not-found", "404.html"),
        ] {
            let file = if path.ends_with(".html") {
                format!("{lang}/{path}")
            } else {
                format!("{lang}/{path}index.html")
            };
            let html = page(&out, &file);
            insta::assert_snapshot!(format!("{kind}-{lang}"), main_of(&html));
        }
    }
}

#[test]
fn url_map_snapshot() {
    let (out, _) = build_fixture("trilingual", "urlmap");
    let files: Vec<String> = read_tree(&out).into_keys().collect();
    insta::assert_snapshot!("url-map", files.join("\n"));
}

#[test]
fn two_builds_are_byte_identical() {
    let (a, _) = build_fixture("trilingual", "repro-a");
    let (b, _) = build_fixture("trilingual", "repro-b");
    let (ta, tb) = (read_tree(&a), read_tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_unchanged() {
    let dir = temp_dir("atomic");
    let root = dir.join("site");
    copy_tree(&fixture("trilingual"), &root);
    let out = dir.join("public");
    let first = placard::build(&options(&root, &out)).unwrap();
    assert!(!first.has_errors());
    let before = read_tree(&out);
    std::fs::write(
        root.join("content/cases/demo/people/aidos-serik.toml"),
        "role = \"defendant\"\nstatus = \"in-custody\"\n",
    )
    .unwrap();
    let second = placard::build(&options(&root, &out)).unwrap();
    assert!(second.has_errors());
    assert_eq!(
        read_tree(&out),
        before,
        "the previous output must be untouched"
    );
}

#[test]
fn links_are_relative_and_portable_builds_name_index_html() {
    let dir = temp_dir("portable");
    let out = dir.join("public");
    let mut opts = options(&fixture("trilingual"), &out);
    opts.portable = true;
    assert!(!placard::build(&opts).unwrap().has_errors());
    let html = page(&out, "en/cases/demo/people/index.html");
    assert!(
        html.contains("href=../../../index.html") || html.contains("href=\"../../../index.html\""),
        "{html}"
    );
    for (path, bytes) in read_tree(&out) {
        if path.ends_with(".html") {
            let text = String::from_utf8(bytes).unwrap();
            for attr in ["href=\"/", "src=\"/", "href=/", "src=/"] {
                assert!(
                    !text.contains(attr),
                    "{path} has a root-absolute link ({attr})"
                );
            }
        }
    }
}

#[test]
fn fallback_and_stale_notices() {
    let (out, _) = build_fixture("trilingual", "notices");
    let kk_about = page(&out, "kk/about/index.html");
    assert!(
        kk_about.contains("notice-fallback"),
        "a missing translation shows a notice"
    );
    assert!(
        kk_about.contains("lang=en") || kk_about.contains("lang=\"en\""),
        "the fallback text is marked English"
    );
    assert!(kk_about.contains("Who we are"));
    let ru_case = page(&out, "ru/cases/demo/index.html");
    assert!(
        ru_case.contains("notice-stale"),
        "a stale translation shows a notice"
    );
    let kk_case = page(&out, "kk/cases/demo/index.html");
    assert!(
        !kk_case.contains("notice-stale") && !kk_case.contains("notice-fallback"),
        "a current translation has no notice"
    );
    // hreflang lists only real translations.
    assert!(!kk_about.contains("hreflang=kk href") && !kk_about.contains("hreflang=\"kk\" href"));
    assert!(kk_about.contains("hreflang=ru") || kk_about.contains("hreflang=\"ru\""));
}

#[test]
fn raw_html_and_script_links_are_neutralised() {
    let (out, _) = build_fixture("trilingual", "hostile");
    let html = page(&out, "en/cases/demo/index.html");
    assert!(!html.contains("<script>alert"), "raw HTML is escaped");
    let lower = html.to_lowercase();
    for attr in ["href=javascript", "href=\"javascript", "src=javascript"] {
        assert!(
            !lower.contains(attr),
            "javascript: links are neutralised ({attr})"
        );
    }
    assert_eq!(lower.matches("bad link</a>").count(), 1);
    assert!(
        lower.contains("<a href=#>bad link</a>") || lower.contains("<a href=\"#\">bad link</a>"),
        "a bad link becomes `#`"
    );
}

#[test]
fn initials_visibility_hides_the_name_everywhere() {
    let (out, _) = build_fixture("trilingual", "visibility");
    for (path, bytes) in read_tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for name in ["Secretova", "Секретова", "hidden-person"] {
            assert!(!text.contains(name), "{path} contains `{name}`");
        }
    }
    assert!(page(&out, "en/cases/demo/people/index.html").contains("Z. S."));
}

#[test]
fn upcoming_events_are_marked() {
    let (out, _) = build_fixture("trilingual", "upcoming");
    let html = page(&out, "en/cases/demo/timeline/index.html");
    assert!(
        html.contains("upcoming"),
        "the 2027 hearing is upcoming on 2026-11-26"
    );
}

#[test]
fn the_default_site_builds_without_warnings() {
    let dir = temp_dir("default");
    let report = placard::build(&options(&repo(), &dir.join("public"))).unwrap();
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    for lang in ["en", "kk", "ru"] {
        assert!(report.pages[lang] > 30, "{lang}: {:?}", report.pages);
    }
}

#[test]
fn the_default_case_figures_are_computed() {
    let sources = placard::load(&repo(), None).unwrap();
    let markdown = placard::markdown::Markdown::new();
    let opts = placard::resolve::Options {
        today: placard::date::Date::parse("2026-11-26").unwrap(),
        drafts: false,
        portable: false,
        progress: false,
    };
    let (site, _) = placard::resolve(sources, &markdown, &opts);
    let site = site.unwrap();
    let case = &site.cases[0];
    let figures = case.figures();
    assert_eq!(
        (figures.detained, figures.custody, figures.house_arrest),
        (19, 13, 6)
    );
}

#[test]
fn every_default_person_page_exists_in_every_language() {
    let dir = temp_dir("people");
    let out = dir.join("public");
    assert!(
        !placard::build(&options(&repo(), &out))
            .unwrap()
            .has_errors()
    );
    let people: Vec<String> = std::fs::read_dir(repo().join("content/cases/atajurt-2025/people"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".toml").map(str::to_owned))
        .collect();
    assert_eq!(people.len(), 21);
    for lang in ["en", "kk", "ru"] {
        for person in &people {
            let path = out.join(format!(
                "{lang}/cases/atajurt-2025/people/{person}/index.html"
            ));
            assert!(path.exists(), "{}", path.display());
        }
    }
}

#[test]
fn default_pages_stay_light() {
    let dir = temp_dir("weight");
    let out = dir.join("public");
    assert!(
        !placard::build(&options(&repo(), &out))
            .unwrap()
            .has_errors()
    );
    let files = read_tree(&out);
    let assets: usize = files
        .iter()
        .filter(|(p, _)| p.starts_with("static/"))
        .map(|(_, b)| b.len())
        .sum();
    let mut largest_chrome = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        assert!(
            bytes.len() <= 100 * 1024,
            "{path} is {} bytes; pages stay within 100 KB",
            bytes.len()
        );
        let html = String::from_utf8_lossy(bytes);
        if let (Some(start), Some(end)) = (html.find("<main"), html.find("</main>")) {
            largest_chrome = largest_chrome.max(bytes.len() - (end + "</main>".len() - start));
        }
    }
    let theme = assets + largest_chrome;
    assert!(
        theme <= 20 * 1024,
        "the theme's own weight is {theme} bytes (CSS + JS {assets}, chrome {largest_chrome})"
    );
}

#[test]
fn feeds_carry_the_newest_events_only() {
    let dir = temp_dir("feed-limit");
    let root = dir.join("site");
    copy_tree(&fixture("trilingual"), &root);
    let timeline = root.join("content/cases/demo/timeline");
    // 60 more events, one a day through early 2026, each with a distinct title.
    for n in 0..60u32 {
        let (month, day) = (1 + n / 28, 1 + n % 28);
        let stem = format!("2026-{month:02}-{day:02}-event-{n}");
        std::fs::write(
            timeline.join(format!("{stem}.toml")),
            format!(
                "date = \"2026-{month:02}-{day:02}\"\nkind = \"hearing\"\nsources = [\"report\"]\n"
            ),
        )
        .unwrap();
        std::fs::write(
            timeline.join(format!("{stem}.en.md")),
            format!("+++\ntitle = \"Event number {n}\"\n+++\nA hearing.\n"),
        )
        .unwrap();
    }
    let out = dir.join("public");
    let report = placard::build(&options(&root, &out)).unwrap();
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    let feed = std::fs::read_to_string(out.join("en/atom.xml")).unwrap();
    assert_eq!(
        feed.matches("<entry").count(),
        placard::render::FEED_ENTRIES,
        "{feed}"
    );
    assert!(feed.contains("Event number 59"), "the newest is in");
    assert!(!feed.contains("Event number 0<"), "the oldest added is out");
    assert!(!feed.contains(">Protest<"), "older events are out");
    // The whole timeline is still on the site.
    let page = std::fs::read_to_string(out.join("en/cases/demo/timeline/index.html")).unwrap();
    assert!(page.contains("Event number 0<") && page.contains("Protest"));
}
