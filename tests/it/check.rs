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

/// A copy of the minimal fixture site to change: its temporary folder and its root.
fn minimal_site(test: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(test);
    let root = dir.join("site");
    copy_tree(&fixture("minimal"), &root);
    (dir, root)
}

/// Gives the site a home page titled "Hello" with this Markdown.
fn write_home(root: &Path, markdown: impl std::fmt::Display) {
    std::fs::write(
        root.join("content/index.en.md"),
        format!("+++\ntitle = \"Hello\"\n+++\n{markdown}"),
    )
    .unwrap();
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
fn a_missing_image_is_a_missing_asset() {
    let (dir, root) = minimal_site("check-asset");
    write_home(&root, "A page.\n\n![A banner](banner.png)\n");
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

/// A web server on 127.0.0.1 for `--external`: `/ok` is 200, `/get-only` refuses HEAD (405)
/// but answers GET, `/busy` is 429, anything else 404. Stops (and closes its port) when
/// dropped.
struct LinkServer {
    port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl LinkServer {
    fn start() -> Self {
        use std::io::{BufRead, BufReader, Write};
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopped = stop.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    continue;
                }
                loop {
                    let mut header = String::new();
                    match reader.read_line(&mut header) {
                        Ok(0) | Err(_) => break,
                        Ok(_) if header == "\r\n" => break,
                        Ok(_) => {}
                    }
                }
                let mut words = request_line.split_whitespace();
                let method = words.next().unwrap_or_default();
                let path = words.next().unwrap_or_default();
                let (status, body) = match (method, path) {
                    (_, "/ok") | ("GET", "/get-only") => ("200 OK", "fine\n"),
                    (_, "/get-only") => ("405 Method Not Allowed", ""),
                    (_, "/busy") => ("429 Too Many Requests", "slow down\n"),
                    _ => ("404 Not Found", "no such page\n"),
                };
                let body = if method == "HEAD" { "" } else { body };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    if method == "HEAD" { 0 } else { body.len() }
                );
            }
        });
        LinkServer {
            port,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for LinkServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag and closes the listener.
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// `command` without the proxies this machine may set, so tests see only their own.
fn without_proxies(command: &mut Command) -> &mut Command {
    for name in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
        "no_proxy",
        "NO_PROXY",
    ] {
        command.env_remove(name);
    }
    command
}

/// Runs `placard check --external` (with `extra` arguments) on `root`, without any proxy.
fn check_external(root: &std::path::Path, extra: &[&str]) -> (Option<i32>, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_placard"));
    command
        .args(["check", "--external", "--root", root.to_str().unwrap()])
        .args(["--today", "2026-11-26", "--timeout", "5"])
        .args(extra);
    let out = without_proxies(&mut command).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn external_links_are_checked_and_good_answers_remembered() {
    let (_, root) = minimal_site("check-external");
    let server = LinkServer::start();
    let port = server.port;
    write_home(
        &root,
        format!(
            "A page.\n\n[Working](http://127.0.0.1:{port}/ok)\n\n\
             Gone: [report](http://127.0.0.1:{port}/missing#part).\n"
        ),
    );
    let ok = format!("`http://127.0.0.1:{port}/ok`");
    let missing = format!("`http://127.0.0.1:{port}/missing#part`");

    let (code, report) = check_external(&root, &[]);
    assert_eq!(
        code,
        Some(0),
        "broken external links are warnings: {report}"
    );
    assert!(report.contains("IP address"), "{report}");
    assert!(
        report.contains(&format!(
            "content/index.en.md:8:16: warning[external-link]: link to {missing} on page `en/index.html` failed: 404 Not Found"
        )),
        "{report}"
    );
    assert!(!report.contains(&ok), "{report}");
    assert!(
        report.contains("2 external links (0 from cache, 1 broken)"),
        "{report}"
    );
    assert!(root.join(".placard-cache/external-links.json").is_file());

    drop(server);
    let (code, report) = check_external(&root, &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        !report.contains(&ok),
        "remembered from the first run: {report}"
    );
    assert!(
        report.contains(&missing),
        "failures are asked again: {report}"
    );
    assert!(
        report.contains("2 external links (1 from cache, 1 broken)"),
        "{report}"
    );

    let (code, report) = check_external(&root, &["--no-cache"]);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains(&format!("link to {ok} on page `en/index.html` failed: ")),
        "{report}"
    );
    assert!(report.contains(&missing), "{report}");
    assert!(
        report.contains("2 external links (0 from cache, 2 broken)"),
        "{report}"
    );
}

#[test]
fn external_options_need_external() {
    let root = fixture("minimal");
    let out = Command::new(env!("CARGO_BIN_EXE_placard"))
        .args(["check", "--root", root.to_str().unwrap(), "--no-cache"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--external"));
}

#[test]
fn hosts_refusing_head_are_asked_with_get_and_rate_limits_are_only_noted() {
    let (_, root) = minimal_site("check-external-methods");
    let server = LinkServer::start();
    let port = server.port;
    write_home(
        &root,
        format!(
            "[a](http://127.0.0.1:{port}/get-only) \
             [b](http://127.0.0.1:{port}/busy)\n"
        ),
    );
    let (code, report) = check_external(&root, &["--no-cache", "--jobs", "1"]);
    assert_eq!(code, Some(0), "{report}");
    assert!(!report.contains("/get-only"), "{report}");
    assert!(!report.contains("warning[external-link]"), "{report}");
    assert!(
        report.contains(&format!(
            "note: `http://127.0.0.1:{port}/busy` was not checked: its host is rate limiting us (429 Too Many Requests)"
        )),
        "{report}"
    );
    assert!(
        report.contains("2 external links (0 from cache, 0 broken)"),
        "{report}"
    );
    assert!(
        !root.join(".placard-cache").exists(),
        "--no-cache writes no cache"
    );
}

#[test]
fn a_broken_source_address_is_located_in_the_case_facts() {
    let dir = temp_dir("check-external-source");
    let root = dir.join("site");
    copy_tree(&fixture("trilingual"), &root);
    let server = LinkServer::start();
    let case = root.join("content/cases/demo/case.toml");
    let facts = std::fs::read_to_string(&case).unwrap().replace(
        "id = \"report\"\n",
        &format!(
            "id = \"report\"\nurl = \"http://127.0.0.1:{}/report.pdf\"\n",
            server.port
        ),
    );
    std::fs::write(&case, facts).unwrap();
    let (code, report) = check_external(&root, &["--no-cache"]);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains(&format!(
            "content/cases/demo/case.toml:9:8: warning[external-link]: link to `http://127.0.0.1:{}/report.pdf` on page `en/cases/demo/sources/index.html` and 2 more failed: 404 Not Found",
            server.port
        )),
        "{report}"
    );
}

#[test]
fn external_links_go_through_the_proxy_set_or_not_at_all() {
    let (_, root) = minimal_site("check-external-proxy");
    let server = LinkServer::start();
    write_home(&root, format!("[a](http://127.0.0.1:{}/ok)\n", server.port));
    // A "proxy" that hangs up on everyone: the link only fails if it was asked through it.
    let proxy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy_port = proxy.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in proxy.incoming() {
            drop(stream);
        }
    });
    let run = |value: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_placard"));
        command
            .args(["check", "--external", "--no-cache", "--timeout", "5"])
            .args(["--root", root.to_str().unwrap(), "--today", "2026-11-26"]);
        let out = without_proxies(&mut command)
            .env("ALL_PROXY", value)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, report) = run(&format!("socks5h://127.0.0.1:{proxy_port}"));
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("through the proxy"), "{report}");
    assert!(
        report.contains("1 external links (0 from cache, 1 broken)"),
        "{report}"
    );
    let (code, report) = run("not a proxy");
    assert_eq!(code, Some(2), "{report}");
    assert!(
        report.contains("`ALL_PROXY` does not name a proxy Placard can use"),
        "{report}"
    );
    assert!(
        !report.contains("external links"),
        "nothing was asked: {report}"
    );
}
