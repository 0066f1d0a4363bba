//! Safety properties of whole builds: no third-party loads, no image metadata, policies.

use super::*;

fn site_copy(test: &str, fixture_name: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(test);
    let root = dir.join("site");
    copy_tree(&fixture(fixture_name), &root);
    (root, dir.join("public"))
}

#[test]
fn third_party_loads_are_build_errors_naming_page_and_file() {
    let (root, out) = site_copy("offsite", "minimal");
    std::fs::write(
        root.join("content/index.en.md"),
        "+++\ntitle = \"Hello\"\n+++\n![tracker](https://tracker.example/pixel.gif)\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("themes/mine/templates")).unwrap();
    let base = std::fs::read_to_string(repo().join("themes/default/templates/base.html")).unwrap();
    let base = base.replace(
        "</head>",
        "<script src=\"https://cdn.example/lib.js\"></script>\n</head>",
    );
    std::fs::write(root.join("themes/mine/templates/base.html"), base).unwrap();
    let config = std::fs::read_to_string(root.join("content/site.toml")).unwrap();
    std::fs::write(
        root.join("content/site.toml"),
        format!("theme = \"mine\"\n{config}"),
    )
    .unwrap();

    let report = placard::build(&options(&root, &out)).unwrap();
    let off_site: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "off-site")
        .map(|d| d.to_string())
        .collect();
    assert!(
        off_site.iter().any(
            |d| d.starts_with("content/index.en.md: error[off-site]: page `/en/`")
                && d.contains("https://tracker.example/pixel.gif")
        ),
        "{off_site:#?}"
    );
    assert!(
        off_site.iter().any(
            |d| d.starts_with("themes/mine/templates/base.html: error[off-site]")
                && d.contains("https://cdn.example/lib.js")
        ),
        "{off_site:#?}"
    );
    assert!(!out.exists(), "nothing is published");
    let blocked: std::collections::BTreeSet<&str> = ["tracker.example", "cdn.example"]
        .into_iter()
        .filter(|h| off_site.iter().any(|d| d.contains(h)))
        .collect();
    println!("hosts blocked: {blocked:?}");
    assert_eq!(blocked.len(), 2);

    // A site may allow named hosts.
    let config = std::fs::read_to_string(root.join("content/site.toml")).unwrap();
    std::fs::write(
        root.join("content/site.toml"),
        format!("allowed_hosts = [\"tracker.example\", \"cdn.example\"]\n{config}"),
    )
    .unwrap();
    let report = placard::build(&options(&root, &out)).unwrap();
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
}

/// A minimal JPEG-shaped file with an EXIF block carrying a GPS IFD pointer and coordinates.
fn jpeg_with_gps() -> Vec<u8> {
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x88\x25\0\x04\0\0\0\x01\0\0\0\x1a".to_vec();
    exif.extend_from_slice(b"GPS 43.238949N 76.889709E");
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE1];
    bytes.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
    bytes.extend_from_slice(&exif);
    bytes.extend_from_slice(&[0xFF, 0xFE, 0x00, 0x0A]);
    bytes.extend_from_slice(b"Canon EO");
    bytes.extend_from_slice(&[
        0xFF, 0xDB, 0x00, 0x04, 0x01, 0x02, 0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0xFF, 0xD9,
    ]);
    bytes
}

#[test]
fn published_photos_carry_no_metadata_and_gps_files_are_listed() {
    let (root, out) = site_copy("gps", "trilingual");
    let case = root.join("content/cases/demo");
    // git keeps no empty folders: the fixture has no media/ until a test adds a file.
    std::fs::create_dir_all(case.join("media")).unwrap();
    std::fs::write(case.join("media/aidos-at-home.jpg"), jpeg_with_gps()).unwrap();
    let person = std::fs::read_to_string(case.join("people/aidos-serik.toml")).unwrap();
    let person = format!(
        "{person}\n[photo]\nfile = \"media/aidos-at-home.jpg\"\nconsent = true\ncredit = \"Family\"\nalt = {{ en = \"Aidos smiling\", kk = \"Айдос күлімсіреп тұр\", ru = \"Айдос улыбается\" }}\n"
    );
    std::fs::write(case.join("people/aidos-serik.toml"), person).unwrap();
    let report = placard::build(&options(&root, &out)).unwrap();
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    assert_eq!(
        report.gps_stripped,
        vec![PathBuf::from("content/cases/demo/media/aidos-at-home.jpg")]
    );
    let images: Vec<(String, Vec<u8>)> = read_tree(&out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".jpg"))
        .collect();
    assert!(!images.is_empty());
    for (path, bytes) in &images {
        assert!(!placard::media::has_gps(bytes), "{path} still has GPS");
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif"),
            "{path} still has EXIF"
        );
        assert!(
            !bytes.windows(5).any(|w| w == b"Canon"),
            "{path} still has its comment"
        );
        assert!(
            !path.contains("aidos-at-home"),
            "published photo names never carry the original name: {path}"
        );
    }
    let person_page =
        std::fs::read_to_string(out.join("kk/cases/demo/people/aidos-serik/index.html")).unwrap();
    assert!(
        person_page.contains("Айдос күлімсіреп тұр"),
        "alt text in the reader's language"
    );
}

#[test]
fn every_page_has_a_content_security_policy_and_no_referrer() {
    let dir = temp_dir("csp");
    let out = dir.join("public");
    assert!(
        !placard::build(&options(&fixture("trilingual"), &out))
            .unwrap()
            .has_errors()
    );
    for (path, bytes) in read_tree(&out) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(
                html.contains("Content-Security-Policy") && html.contains("default-src 'self'"),
                "{path}"
            );
            assert!(
                !html.contains("unsafe-eval") && !html.contains("unsafe-inline"),
                "{path}"
            );
            assert!(html.contains("no-referrer"), "{path}");
            assert!(
                !html.contains("<script>") && !html.contains("<script >"),
                "{path}: no inline script"
            );
        }
    }
    let headers = std::fs::read_to_string(out.join("_headers")).unwrap();
    assert!(headers.contains("Content-Security-Policy: default-src 'self'"));
    assert!(headers.contains("Referrer-Policy: no-referrer"));
}

#[test]
fn withheld_and_unconsented_photos_are_never_published() {
    for (test, extra) in [
        ("withheld", "consent = true\nwithheld = true"),
        ("no-consent", "consent = false"),
    ] {
        let (root, out) = site_copy(&format!("photo-{test}"), "trilingual");
        let case = root.join("content/cases/demo");
        std::fs::create_dir_all(case.join("media")).unwrap();
        std::fs::write(case.join("media/aidos-portrait.jpg"), jpeg_with_gps()).unwrap();
        let person = std::fs::read_to_string(case.join("people/aidos-serik.toml")).unwrap();
        let person = format!(
            "{person}\n[photo]\nfile = \"media/aidos-portrait.jpg\"\n{extra}\nalt = {{ en = \"Aidos\", kk = \"Айдос\", ru = \"Айдос\" }}\n"
        );
        std::fs::write(case.join("people/aidos-serik.toml"), person).unwrap();
        let report = placard::build(&options(&root, &out)).unwrap();
        assert!(!report.has_errors(), "{:#?}", report.diagnostics);
        let images: Vec<String> = read_tree(&out)
            .into_keys()
            .filter(|p| p.ends_with(".jpg"))
            .collect();
        assert!(images.is_empty(), "{test}: {images:?}");
        let page = std::fs::read_to_string(out.join("en/cases/demo/people/aidos-serik/index.html"))
            .unwrap();
        assert!(
            page.contains("class=\"initials large\"") || page.contains("class=\"initials"),
            "initials instead of the photo"
        );
    }
}
