//! The browser test: the default site, built by the real binary, served on 127.0.0.1 and
//! opened in headless Chromium (Debian's `chromium`) by `tests/browser/check.mjs`, which
//! asserts no console errors, no off-site requests, axe-core clean (nothing serious or
//! critical), no horizontal scroll at 390 px, and a language switcher that keeps the page.
//!
//! Needs Node.js and Chromium. It never skips: without them it fails and says what to install.

use super::*;
use std::process::{Command, Output};

/// Where Chromium is expected: `$CHROMIUM`, else Debian's `/usr/bin/chromium`.
fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn show(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Installs the test's npm packages (playwright-core, axe-core; no browser download)
/// when `node_modules` lacks them, from the committed package-lock.json.
fn ensure_node_modules(dir: &Path) {
    let modules = dir.join("node_modules");
    if modules.join("playwright-core/package.json").is_file()
        && modules.join("axe-core/axe.min.js").is_file()
    {
        return;
    }
    eprintln!(
        "browser: installing npm packages with `npm ci` in {}",
        dir.display()
    );
    let output = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run `npm` ({e}): install Node.js and npm (e.g. `apt-get install nodejs npm`)")
        });
    assert!(
        output.status.success(),
        "`npm ci` in {} failed:\n{}",
        dir.display(),
        show(&output)
    );
}

#[test]
fn the_default_site_in_headless_chromium() {
    let chromium = chromium();
    assert!(
        chromium.is_file(),
        "Chromium not found at {}: the browser test needs it. Install it with \
         `apt-get install chromium` (Debian), or set CHROMIUM to its path.",
        chromium.display()
    );
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.as_ref().is_ok_and(|o| o.status.success()),
        "the browser test needs Node.js (`node`): install it (e.g. `apt-get install nodejs npm`)"
    );

    let root = repo();
    let browser_dir = root.join("tests/browser");
    ensure_node_modules(&browser_dir);

    let out = temp_dir("browser").join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_placard"))
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--output")
        .arg(&out)
        .args(["--today", "2026-11-26"])
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "building the default site failed:\n{}",
        show(&build)
    );

    let check = Command::new("node")
        .arg(browser_dir.join("check.mjs"))
        .arg(&out)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let report = show(&check);
    println!("{report}");
    assert!(
        check.status.success(),
        "the browser check failed (exit {:?}):\n{report}",
        check.status.code()
    );
    assert!(
        report.contains(" 0 failures"),
        "the browser check printed no clean summary:\n{report}"
    );
    let _ = std::fs::remove_dir_all(out.parent().unwrap_or(&out));
}
