//! The dev server over real HTTP on 127.0.0.1 (port 0), and the incremental builder held to a
//! full build's output, byte for byte.

use super::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use placard::serve;

/// A response: status, headers (lower-case names) and body.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `target` as written (no normalisation, as an attacker would) and reads the reply.
fn raw_get(addr: SocketAddr, target: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: bytes[split + 4..].to_vec(),
    }
}

/// An open server-sent-events stream.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(addr: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "GET /__placard/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        Events(BufReader::new(stream))
    }

    /// Waits for the next event named `name`, returning its data; panics after `timeout`.
    fn wait_for(&mut self, name: &str, timeout: Duration) -> String {
        let started = Instant::now();
        let mut current = String::new();
        let mut line = String::new();
        while started.elapsed() < timeout {
            line.clear();
            match self.0.read_line(&mut line) {
                Ok(0) => panic!("the event stream closed while waiting for `{name}`"),
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue;
                }
                Err(e) => panic!("{e}"),
            }
            let line = line.trim_end();
            if let Some(event) = line.strip_prefix("event: ") {
                current = event.to_owned();
            } else if let Some(data) = line.strip_prefix("data: ")
                && current == name
            {
                return data.to_owned();
            }
        }
        panic!("no `{name}` event within {timeout:?}");
    }
}

const WAIT: Duration = Duration::from_secs(60);

/// Writes `text` the way many editors save: into a temporary file, then renamed over.
fn atomic_save(path: &Path, text: &str) {
    let temp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

fn start(root: &Path) -> (serve::Server, mpsc::Receiver<(bool, usize, usize)>) {
    let mut options = serve::Options::new(options(root, &root.join("public")));
    options.port = 0;
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let observer = Box::new(move |r: &serve::Rebuild<'_>| {
        let _ =
            tx.lock()
                .unwrap()
                .send((r.served, r.reuse.markdown.rendered, r.reuse.markdown.reused));
    });
    let server = serve::start(options, observer).unwrap();
    (server, rx)
}

#[test]
fn serve_reloads_on_edits_and_shows_errors_over_the_last_good_site() {
    let dir = temp_dir("serve-loop");
    let root = dir.join("site");
    copy_tree(&fixture("trilingual"), &root);
    let (server, builds) = start(&root);
    let addr = server.addr();
    assert!(addr.ip().is_loopback());
    assert!(
        builds.recv_timeout(WAIT).unwrap().0,
        "the first build serves"
    );

    let page = raw_get(addr, "/en/about/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = page.text();
    assert!(html.contains("only in English"), "{html}");
    assert!(
        html.contains("<script src=\"/__placard/reload.js\"")
            && html.contains("defer></script></body>"),
        "the reload script is injected before </body>"
    );
    assert_eq!(
        raw_get(addr, "/en/about").status,
        301,
        "a folder without its slash"
    );
    let script = raw_get(addr, "/__placard/reload.js");
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.text().contains("EventSource"));

    // Edit, saved atomically: the open page is told to reload and the new text is served.
    let mut events = Events::open(addr);
    events.wait_for("hello", WAIT);
    let about = root.join("content/about.en.md");
    let original = std::fs::read_to_string(&about).unwrap();
    atomic_save(
        &about,
        &original.replace("only in English", "only in plain English"),
    );
    events.wait_for("reload", WAIT);
    assert!(
        raw_get(addr, "/en/about/")
            .text()
            .contains("only in plain English")
    );
    let (served, rendered, reused) = builds.recv_timeout(WAIT).unwrap();
    assert!(served);
    assert_eq!(
        rendered, 1,
        "only the edited document's Markdown is rendered again"
    );
    assert!(reused > 5, "{reused}");

    // A broken file: the overlay's problems arrive, located, and the last good site stays.
    std::fs::write(&about, "+++\ntitle = \"About\nsummary = 1\n+++\nBroken\n").unwrap();
    let problems = events.wait_for("errors", WAIT);
    assert!(problems.contains("content/about.en.md:2:"), "{problems}");
    let state = raw_get(addr, "/__placard/errors").text();
    assert!(state.contains("\"good\":false"), "{state}");
    assert!(
        raw_get(addr, "/en/about/")
            .text()
            .contains("only in plain English")
    );

    // Fixed: reload, and no problems left for the overlay.
    atomic_save(&about, &original);
    events.wait_for("reload", WAIT);
    assert!(
        raw_get(addr, "/__placard/errors")
            .text()
            .contains("\"good\":true")
    );
    assert!(
        raw_get(addr, "/en/about/")
            .text()
            .contains("only in English")
    );

    // The content folder deleted and created again: watched again, and still live.
    let saved = dir.join("content-copy");
    copy_tree(&root.join("content"), &saved);
    std::fs::remove_dir_all(root.join("content")).unwrap();
    events.wait_for("errors", WAIT);
    copy_tree(&saved, &root.join("content"));
    events.wait_for("reload", WAIT);
    std::fs::write(
        &about,
        original.replace("only in English", "after the folder came back"),
    )
    .unwrap();
    events.wait_for("reload", WAIT);
    assert!(
        raw_get(addr, "/en/about/")
            .text()
            .contains("after the folder came back")
    );

    // Unknown pages: status 404 with the language's own 404 page.
    let missing = raw_get(addr, "/kk/no-such-page/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let kk_404 = raw_get(addr, "/kk/404.html").text();
    assert_eq!(missing.text(), kk_404);
    assert_eq!(raw_get(addr, "/no-such-file.txt").status, 404);

    // Content types of the other kinds of output.
    let css = html
        .split("href=\"")
        .chain(html.split("href="))
        .filter_map(|s| s.split(['"', '>', ' ']).next())
        .find(|s| s.ends_with(".css"))
        .map(|s| s.trim_start_matches("../").to_owned())
        .unwrap();
    assert_eq!(
        raw_get(addr, &format!("/{css}")).header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        raw_get(addr, "/sitemap.xml").header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    assert_eq!(
        raw_get(addr, "/robots.txt").header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    server.stop();
    assert!(TcpStream::connect(addr).is_err(), "the port is released");
}

#[test]
fn no_request_reaches_outside_the_built_site() {
    let dir = temp_dir("serve-traversal");
    let root = dir.join("site");
    copy_tree(&fixture("minimal"), &root);
    std::fs::write(dir.join("secret.txt"), "TOP-SECRET-OUTSIDE").unwrap();
    std::fs::write(root.join("secret.txt"), "TOP-SECRET-ROOT").unwrap();
    let (server, _builds) = start(&root);
    let addr = server.addr();
    let secret = dir.join("secret.txt");
    let absolute = format!("/{}", secret.display());
    for target in [
        "/../secret.txt",
        "/../../secret.txt",
        "/en/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/.%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "/en\\..\\..\\secret.txt",
        "//secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        absolute.as_str(),
        "/%252e%252e/secret.txt",
        "/secret.txt",
        "/content/site.toml",
        "/content/index.en.md",
        "/C:/Windows/win.ini",
        "/%00secret.txt",
        "http://127.0.0.1/../secret.txt",
    ] {
        let reply = raw_get(addr, target);
        let body = reply.text();
        assert!(
            matches!(reply.status, 400 | 404),
            "{target}: status {}",
            reply.status
        );
        assert!(
            !body.contains("TOP-SECRET") && !body.contains("root:") && !body.contains("title ="),
            "{target} leaked: {body}"
        );
    }
    // A page elsewhere whose domain was pointed at this machine (DNS rebinding) gets nothing.
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET /en/ HTTP/1.1\r\nHost: attacker.example:{}\r\n\r\n",
        addr.port()
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 403"), "{reply}");
    // What is inside the site is still served.
    assert_eq!(raw_get(addr, "/en/").status, 200);
    assert_eq!(raw_get(addr, "/en/index.html").status, 200);
    server.stop();
}

/// Every source file of a site, by path relative to the root (the output folder left out).
fn sources(root: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.file_name() != "public")
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(root).unwrap().to_path_buf();
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The output and diagnostics of a full build from scratch.
fn full(
    root: &Path,
) -> (
    Option<std::collections::BTreeMap<String, Vec<u8>>>,
    Vec<String>,
) {
    let options = options(root, &root.join("public"));
    let built = placard::build_with(&options, &placard::markdown::Markdown::new(), None).unwrap();
    summary(built)
}

fn summary(
    built: placard::Built,
) -> (
    Option<std::collections::BTreeMap<String, Vec<u8>>>,
    Vec<String>,
) {
    (
        built.output.map(|o| o.files),
        built
            .report
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect(),
    )
}

#[test]
fn incremental_rebuilds_equal_full_builds_byte_for_byte() {
    let dir = temp_dir("serve-incremental");
    let root = dir.join("site");
    copy_tree(&fixture("trilingual"), &root);
    let content = root.join("content");
    let mut incremental = serve::Incremental::new(options(&root, &root.join("public")));
    // What a watcher would report: the files added, removed or changed since the last step.
    let mut before = sources(&root);
    // The site the server would serve: the last full build with quick rebuilds laid over it.
    let mut served: Option<std::collections::BTreeMap<String, Vec<u8>>> = None;
    let mut step = |what: &str, max_rendered: Option<usize>| -> serve::Reuse {
        let after = sources(&root);
        let changed: Vec<PathBuf> = before
            .keys()
            .chain(after.keys())
            .filter(|p| before.get(*p) != after.get(*p))
            .cloned()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        before = after;
        let (outcome, stats) = incremental.rebuild(&changed).unwrap();
        let (inc_files, inc_diagnostics) = match outcome {
            serve::Outcome::Full(built) => {
                let (files, diagnostics) = summary(*built);
                if files.is_some() && diagnostics.iter().all(|d| !d.contains("error[")) {
                    served.clone_from(&files);
                }
                (files, diagnostics)
            }
            serve::Outcome::Quick { files, report, .. } => {
                let current = served.as_mut().expect("a quick rebuild follows a good one");
                current.extend(files);
                let diagnostics = report.diagnostics.iter().map(ToString::to_string).collect();
                (Some(current.clone()), diagnostics)
            }
        };
        let (full_files, full_diagnostics) = full(&root);
        assert_eq!(inc_diagnostics, full_diagnostics, "after {what}");
        assert_eq!(inc_files.is_some(), full_files.is_some(), "after {what}");
        if let (Some(inc), Some(full)) = (&inc_files, &full_files) {
            assert_eq!(
                inc.keys().collect::<Vec<_>>(),
                full.keys().collect::<Vec<_>>(),
                "after {what}"
            );
            for (path, bytes) in inc {
                assert!(bytes == &full[path], "after {what}: {path} differs");
            }
        }
        if let Some(max) = max_rendered {
            assert!(
                stats.markdown.rendered <= max,
                "after {what}: {} documents rendered again",
                stats.markdown.rendered
            );
        }
        stats
    };
    assert!(!step("the first build", None).quick);
    let reuse = step("no change", Some(0));
    assert_eq!(reuse.pages.rendered, 0, "{reuse:?}");
    assert!(
        !reuse.quick,
        "nothing changed: a full build, which reuses everything"
    );

    let about = content.join("about.en.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(&about, text.replace("Who we are", "Who we are, and why")).unwrap();
    let reuse = step("an edit to a page", Some(1));
    assert!(
        reuse.quick,
        "an edit of the text alone takes the quick path"
    );
    assert!(
        reuse.pages.rendered >= 3 && reuse.pages.rendered < reuse.pages.reused,
        "the page in each language (with fallbacks), not the whole site: {reuse:?}"
    );

    // An editor's swap file: nothing a build reads.
    std::fs::write(content.join(".about.en.md.swp"), "swap").unwrap();
    let reuse = step("an editor's swap file", Some(0));
    assert!(reuse.quick && reuse.pages.rendered == 0, "{reuse:?}");
    std::fs::remove_file(content.join(".about.en.md.swp")).unwrap();

    std::fs::write(
        content.join("contact.en.md"),
        "+++\ntitle = \"Contact\"\n+++\nSee [about](@/about.md#who-we-are-and-why) and [the case](@/cases/demo/index.md).\n",
    )
    .unwrap();
    // The page edited on the quick path is rendered again too: the quick path renders
    // outside the Markdown memory.
    step("a new page", Some(2));

    std::fs::write(
        content.join("contact.kk.md"),
        "+++\ntitle = \"Байланыс\"\n+++\nБайланыс [туралы](@/about.md).\n",
    )
    .unwrap();
    step("a new translation", Some(1));

    std::fs::write(&about, text.replace("Who we are", "Who we were")).unwrap();
    let reuse = step("a heading the new page links to, changed", Some(2));
    assert!(reuse.quick, "{reuse:?}");

    std::fs::rename(
        content.join("contact.en.md"),
        content.join("reach-us.en.md"),
    )
    .unwrap();
    std::fs::rename(
        content.join("contact.kk.md"),
        content.join("reach-us.kk.md"),
    )
    .unwrap();
    step(
        "a page renamed (and the page edited quickly before)",
        Some(3),
    );

    let person = content.join("cases/demo/people/aidos-serik.en.md");
    let bio = std::fs::read_to_string(&person).unwrap();
    std::fs::write(
        &person,
        format!("{bio}\nA new paragraph, linking [back](@/reach-us.md).\n"),
    )
    .unwrap();
    assert!(step("a person's biography edited", Some(1)).quick);

    std::fs::remove_file(content.join("reach-us.en.md")).unwrap();
    std::fs::remove_file(content.join("reach-us.kk.md")).unwrap();
    step("a linked page deleted (broken links now)", Some(1));

    std::fs::write(&person, &bio).unwrap();
    step("the broken link removed", Some(1));

    std::fs::remove_file(content.join("index.kk.md")).unwrap();
    step("a translation deleted", Some(0));

    // Quick edits: an original with a current (kk) and a stale (ru) translation, whose
    // states change with it; a timeline event, shown on the timeline and in the feeds; a
    // translation's text.
    let overview = content.join("cases/demo/index.en.md");
    let original = std::fs::read_to_string(&overview).unwrap();
    std::fs::write(&overview, format!("{original}\nOne more sentence.\n")).unwrap();
    assert!(step("an original edited: its translations go stale", Some(1)).quick);
    std::fs::write(&overview, &original).unwrap();
    assert!(step("the original restored: current again", Some(1)).quick);
    let event = content.join("cases/demo/timeline/2025-11-13-protest.en.md");
    let protest = std::fs::read_to_string(&event).unwrap();
    std::fs::write(
        &event,
        protest.replace("peaceful protest", "peaceful, silent protest"),
    )
    .unwrap();
    assert!(step("an event edited", Some(1)).quick);
    let kk = content.join("cases/demo/timeline/2025-11-13-protest.kk.md");
    let kk_text = std::fs::read_to_string(&kk).unwrap();
    std::fs::write(&kk, format!("{kk_text}\nТағы бір сөйлем.\n")).unwrap();
    assert!(step("a translation edited", Some(1)).quick);
    std::fs::write(
        &kk,
        kk_text.replace("+++\ntitle", "+++\nsummary = \"Қысқаша\"\ntitle"),
    )
    .unwrap();
    assert!(
        !step("a translation's front matter edited", None).quick,
        "front matter may change what other pages show: a full build"
    );

    let site = content.join("site.toml");
    let config = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, "title = \n").unwrap();
    step("a broken config", Some(0));
    std::fs::write(&site, format!("allow_html = true\n{config}")).unwrap();
    step("the config restored, allowing raw HTML", None);
    std::fs::write(&site, &config).unwrap();
    step("raw HTML escaped again", None);
}

#[test]
fn a_template_or_ui_string_edit_renders_only_the_pages_that_use_it() {
    let dir = temp_dir("serve-template-edit");
    let root = dir.join("site");
    copy_tree(&fixture("trilingual"), &root);
    let config = root.join("content/site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("theme = \"mine\"\n{text}")).unwrap();
    let templates = root.join("themes/mine/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let person = placard::theme::DEFAULT_TEMPLATES
        .iter()
        .find(|(name, _)| *name == "person.html")
        .map(|(_, text)| *text)
        .unwrap();
    std::fs::write(templates.join("person.html"), person).unwrap();
    std::fs::create_dir_all(root.join("i18n")).unwrap();

    let mut engine = serve::Incremental::new(options(&root, &root.join("public")));
    let mut rebuild = |what: &str| -> serve::Reuse {
        let (outcome, reuse) = engine.rebuild(&[]).unwrap();
        let serve::Outcome::Full(built) = outcome else {
            panic!("a full build after {what}");
        };
        let (files, diagnostics) = summary(*built);
        assert_eq!((files, diagnostics), full(&root), "after {what}");
        reuse
    };
    rebuild("the first build");
    let (files, _) = full(&root);
    let person_pages = files
        .unwrap()
        .keys()
        .filter(|k| k.contains("/cases/demo/people/") && k.ends_with("/index.html"))
        .filter(|k| k.split('/').count() == 6)
        .count();
    assert_eq!(person_pages, 9, "three people in three languages");
    // Only person pages use person.html.
    std::fs::write(
        templates.join("person.html"),
        person.replacen("</article>", "<p>Edited template</p></article>", 1),
    )
    .unwrap();
    let reuse = rebuild("person.html edited");
    assert_eq!(reuse.pages.rendered, person_pages, "{reuse:?}");
    assert_eq!(reuse.pages.reused, 30, "every other page: {reuse:?}");

    // A Russian UI string: only the Russian pages.
    std::fs::write(
        root.join("i18n/ru.ftl"),
        "page-not-found-title = Нет такой страницы\n",
    )
    .unwrap();
    let reuse = rebuild("a Russian UI string");
    assert_eq!(reuse.pages.rendered, 13, "the Russian pages: {reuse:?}");
}
