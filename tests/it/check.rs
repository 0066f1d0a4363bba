//! `placard check` through the real binary: one fixture per problem, the report snapshotted
//! with its exit code.

use super::*;
use std::process::Command;

/// Runs `placard check` on `tests/fixtures/check/<case>` and returns what a person sees.
fn check(case: &str) -> (Option<i32>, String) {
    let root = fixture("check").join(case);
    let out = Command::new(env!("CARGO_BIN_EXE_placard"))
        .args([
            "check",
            "--root",
            root.to_str().unwrap(),
            "--today",
            "2026-11-26",
        ])
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

fn snapshot(case: &str) {
    let (code, report) = check(case);
    insta::assert_snapshot!(
        format!("check-{case}"),
        format!("exit code: {code:?}\n{report}")
    );
}

#[test]
fn a_broken_link_is_located_in_its_markdown() {
    snapshot("broken-link");
}

#[test]
fn a_broken_anchor_is_located_in_its_markdown() {
    snapshot("broken-anchor");
}

#[test]
fn a_photo_without_alt_text_is_an_error() {
    snapshot("missing-alt");
}

#[test]
fn a_good_site_passes_with_translation_warnings_only() {
    let root = fixture("trilingual");
    let out = Command::new(env!("CARGO_BIN_EXE_placard"))
        .args([
            "check",
            "--root",
            root.to_str().unwrap(),
            "--today",
            "2026-11-26",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning[translations]: `kk`"), "{stderr}");
    assert!(stderr.contains(" 0 error(s)"), "{stderr}");
}

#[test]
fn external_links_cannot_be_checked_here() {
    let root = fixture("minimal");
    let out = Command::new(env!("CARGO_BIN_EXE_placard"))
        .args(["check", "--root", root.to_str().unwrap(), "--external"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not available"));
}

#[test]
fn a_missing_image_is_a_missing_asset() {
    let dir = temp_dir("check-asset");
    let root = dir.join("site");
    copy_tree(&fixture("minimal"), &root);
    std::fs::write(
        root.join("content/index.en.md"),
        "+++\ntitle = \"Hello\"\n+++\nA page.\n\n![A banner](banner.png)\n",
    )
    .unwrap();
    let options = options(&root, &dir.join("public"));
    let report = placard::check::check(&options).unwrap();
    let found: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert!(report.has_errors());
    assert!(
        found.iter().any(|d| d.starts_with(
            "content/index.en.md:6:13: error[missing-asset]: `banner.png` on page `en/index.html`"
        )),
        "{found:#?}"
    );
    assert!(!dir.join("public").exists(), "check writes nothing");
}
