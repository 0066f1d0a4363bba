//! The `placard` binary: exit codes and what it prints.

use super::*;
use std::process::Command;

fn placard(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_placard"))
        .args(args)
        .output()
        .unwrap()
}

/// `placard build` of `root` into `out`, on the day the fixtures are written for.
fn build(root: &Path, out: &Path) -> std::process::Output {
    placard(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--today",
        "2026-11-26",
    ])
}

#[test]
fn a_good_build_exits_zero_and_summarises() {
    let dir = temp_dir("cli-ok");
    let out = dir.join("public");
    let root = fixture("trilingual");
    let result = build(&root, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("built ") && stderr.contains("en ") && stderr.contains("files written"),
        "{stderr}"
    );
}

#[test]
fn a_malformed_front_matter_is_located_and_exits_one() {
    let dir = temp_dir("cli-bad");
    let root = dir.join("site");
    copy_tree(&fixture("minimal"), &root);
    std::fs::write(
        root.join("content/index.en.md"),
        "+++\ntitle = \"Hello\nsummary = 1\n+++\nBody\n",
    )
    .unwrap();
    let out = dir.join("public");
    let result = build(&root, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/index.en.md:2:"), "{stderr}");
    assert!(stderr.contains("error[toml]"), "{stderr}");
    assert!(
        !out.exists(),
        "nothing is written when the content has errors"
    );
}

#[test]
fn usage_and_environment_errors_exit_two() {
    let result = placard(&["build", "--today", "2025-02-30"]);
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains("--today"));
    let result = placard(&["build", "--root", "/nonexistent/placard-site"]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        !std::path::Path::new("/nonexistent").exists(),
        "a missing site root makes no folders"
    );
    let root = fixture("minimal");
    let result = placard(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        root.join("content").to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains("content/"));
    let result = placard(&["frobnicate"]);
    assert_eq!(result.status.code(), Some(2));
}

#[test]
fn help_explains_every_build_option() {
    let result = placard(&["build", "--help"]);
    let help = String::from_utf8_lossy(&result.stdout);
    for option in [
        "--root",
        "--output",
        "--base-url",
        "--today",
        "--drafts",
        "--no-minify",
        "--portable",
    ] {
        assert!(help.contains(option), "{option} missing from --help");
    }
}

#[test]
fn scaffolded_sites_cases_people_and_events_build_at_once() {
    let dir = temp_dir("cli-new");
    let site = dir.join("site");
    let s = site.to_str().unwrap();
    assert_eq!(placard(&["new", "site", s]).status.code(), Some(0));
    let ignored = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(ignored.contains("/public/") && ignored.contains("/.placard-cache/"));
    assert_eq!(
        placard(&["new", "case", "second-case", "--root", s])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        placard(&["new", "person", "example", "aidos-serik", "--root", s])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        placard(&[
            "new",
            "event",
            "example",
            "2025-11-13",
            "protest",
            "--root",
            s
        ])
        .status
        .code(),
        Some(0)
    );
    // Never overwrites, and refuses unsafe slugs.
    assert_eq!(
        placard(&["new", "person", "example", "aidos-serik", "--root", s])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        placard(&["new", "case", "../escape", "--root", s])
            .status
            .code(),
        Some(2)
    );
    assert!(!dir.join("escape").exists());

    let out = dir.join("public");
    let result = placard(&[
        "build",
        "--root",
        s,
        "--output",
        out.to_str().unwrap(),
        "--today",
        "2026-11-26",
    ]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(
        out.join("en/cases/example/people/aidos-serik/index.html")
            .exists()
    );
    assert!(out.join("ru/cases/second-case/index.html").exists());
    let timeline =
        std::fs::read_to_string(out.join("en/cases/example/timeline/index.html")).unwrap();
    assert!(timeline.contains("13 November 2025"), "{timeline}");
}

#[test]
fn image_processing_shows_progress_in_plain_lines_off_a_terminal() {
    let dir = temp_dir("cli-image-progress");
    let root = dir.join("site");
    copy_tree(&fixture("trilingual"), &root);
    let media = root.join("content/cases/demo/media");
    std::fs::create_dir_all(&media).unwrap();
    for n in 0..20 {
        // PNG signature and an IEND chunk: an image as far as the kind goes.
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(&[0, 0, 0, 0]);
        png.extend_from_slice(b"IEND");
        png.extend_from_slice(&[0xAE, 0x42, 0x60, 0x82]);
        png.push(n);
        std::fs::write(media.join(format!("image-{n}.png")), png).unwrap();
    }
    let out = dir.join("public");
    let result = build(&root, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("processing images: 2/20\n"), "{stderr}");
    assert!(stderr.contains("processing images: 20/20\n"), "{stderr}");
    // A small site's pages show no progress.
    assert!(!stderr.contains("rendering pages:"), "{stderr}");
}
