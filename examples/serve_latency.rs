//! Measures the dev server's edit-to-visible latency: starts `placard serve` in process on
//! 127.0.0.1 (a free port), then edits one person's English prose `--edits` times and, for each
//! edit, times from the file write until the server pushes the reload (the new site is served
//! by then), and checks that the person's page shows the edit.
//!
//! `cargo run --release --example serve_latency -- --root DIR [--edits 20] [--debounce-ms 10]`
//! (`benches/serve.sh` generates a corpus and runs this.) The prose file is restored at the end.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// The allocator the `placard` binary uses, so that the figures are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut root = None;
    let mut edits = 20usize;
    let mut debounce_ms = 10u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = args.next().map(PathBuf::from),
            "--edits" => edits = args.next().and_then(|v| v.parse().ok()).expect("--edits N"),
            "--debounce-ms" => {
                debounce_ms = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--debounce-ms N")
            }
            other => panic!("unknown argument `{other}`"),
        }
    }
    let root = root.expect("--root DIR");
    let people = people(&root);

    let build = placard::BuildOptions {
        root: root.clone(),
        output: root.join("public"),
        base_url: None,
        today: placard::date::Date::parse("2026-11-26").unwrap(),
        drafts: false,
        minify: true,
        portable: false,
        progress: false,
    };
    let mut options = placard::serve::Options::new(build);
    options.port = 0;
    options.debounce = Duration::from_millis(debounce_ms);
    // (build time, Markdown files rendered) of each build, from the server's own clock.
    let builds: Arc<Mutex<Vec<(Duration, usize)>>> = Arc::default();
    let seen = Arc::clone(&builds);
    let started = Instant::now();
    let server = placard::serve::start(
        options,
        Box::new(move |r| {
            if r.report.has_errors() {
                eprintln!(
                    "{}",
                    placard::diagnostic::report(&r.report.diagnostics, Path::new("."), false)
                );
            }
            seen.lock()
                .unwrap()
                .push((r.elapsed, r.reuse.pages.rendered));
            if std::env::var_os("STAGES").is_some() {
                let stages: Vec<String> = r
                    .report
                    .timings
                    .iter()
                    .map(|s| format!("{} {:.0} ms", s.name, ms(s.spent)))
                    .collect();
                eprintln!("  build stages: {}", stages.join(", "));
            }
        }),
    )
    .unwrap();
    println!(
        "first build and serve: {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let addr = server.addr();
    // People shown by initials or anonymously have no page under their id.
    let (prose, url) = people
        .into_iter()
        .find(|(_, url)| get(addr, &format!("/{url}")).0 == 200)
        .expect("a person with English prose and a page");
    println!("editing {} (page /{url})", prose.display());

    let original = std::fs::read_to_string(&prose).unwrap();
    let mut events = events(addr);
    let mut latencies = Vec::new();
    for i in 0..edits {
        let marker = format!("Latency probe {i} {}", std::process::id());
        let text = format!("{original}\n{marker}.\n");
        let t0 = Instant::now();
        std::fs::write(&prose, text).unwrap();
        wait_for_reload(&mut events);
        let latency = t0.elapsed();
        let (status, body) = get(addr, &format!("/{url}"));
        assert!(
            status == 200 && body.contains(&marker),
            "edit {i} is not visible"
        );
        latencies.push(latency);
        // Let the file system settle so that each edit is one batch.
        std::thread::sleep(Duration::from_millis(150));
    }
    std::fs::write(&prose, &original).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    server.stop();

    let builds = builds.lock().unwrap();
    let rebuilds: Vec<Duration> = builds.iter().skip(1).map(|(d, _)| *d).collect();
    let rendered: Vec<usize> = builds.iter().skip(1).map(|(_, n)| *n).collect();
    println!(
        "edit -> reload pushed (debounce {debounce_ms} ms included), {} edits: median {:.1} ms, max {:.1} ms",
        latencies.len(),
        ms(median(&latencies)),
        ms(latencies.iter().copied().max().unwrap_or_default())
    );
    println!(
        "rebuild alone: median {:.1} ms, max {:.1} ms; pages rendered per rebuild (most): {:?}",
        ms(median(&rebuilds)),
        ms(rebuilds.iter().copied().max().unwrap_or_default()),
        rendered.iter().max()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(values: &[Duration]) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

/// The people with English prose, in path order, and the pages they would have.
fn people(root: &Path) -> Vec<(PathBuf, String)> {
    let mut found: Vec<PathBuf> = walk(&root.join("content/cases"))
        .into_iter()
        .filter(|p| {
            p.parent().is_some_and(|d| d.ends_with("people"))
                && p.to_string_lossy().ends_with(".en.md")
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|prose| {
            let id = prose
                .file_name()
                .unwrap()
                .to_string_lossy()
                .trim_end_matches(".en.md")
                .to_owned();
            let case = prose
                .parent()
                .unwrap()
                .parent()
                .unwrap()
                .file_name()
                .unwrap();
            let url = format!("en/cases/{}/people/{id}/", case.to_string_lossy());
            (prose, url)
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn events(addr: SocketAddr) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET /__placard/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while !line.starts_with("event: hello") {
        line.clear();
        reader.read_line(&mut line).unwrap();
    }
    reader
}

fn wait_for_reload(events: &mut BufReader<TcpStream>) {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            events.read_line(&mut line).unwrap() > 0,
            "the event stream closed"
        );
        if line.starts_with("event: reload") {
            return;
        }
        if line.starts_with("event: errors") {
            panic!("the edit made the build fail");
        }
    }
}
