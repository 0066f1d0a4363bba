//! `placard serve`: the authoring loop. Builds the site in memory, serves it over HTTP from
//! memory, watches the sources and, on each change, rebuilds (reusing the Markdown of unchanged
//! documents) and tells every open page to reload through server-sent events. A build with
//! errors leaves the last good site served, with an overlay listing the problems.
//!
//! Owns the dev server's threads, sockets and file watches; it never writes a file. The pages
//! it serves are the built output plus one injected `<script>`, which a built site never has.

mod http;
mod watch;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Location};
use crate::markdown::{Markdown, MemoStats};
use crate::render::Output;
use crate::{BuildOptions, BuildReport, Built};

use http::{Method, Refusal, Response};

const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");
/// Connections served at once; past it new ones are closed. Each open page holds one.
const MAX_CONNECTIONS: usize = 256;
/// How often an idle event stream is pinged, to notice pages that were closed.
const PING: Duration = Duration::from_secs(15);
/// How often the builder thread looks whether the server is stopping.
const POLL: Duration = Duration::from_millis(100);

/// What `placard serve` is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// `output` is not used: nothing is written.
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 picks a free port (see [`Server::addr`]).
    pub port: u16,
    /// Quiet time after a file event before the rebuild starts, so that an editor's burst of
    /// writes makes one rebuild.
    pub debounce: Duration,
}

impl Options {
    pub fn new(build: BuildOptions) -> Options {
        Options {
            build,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            debounce: Duration::from_millis(50),
        }
    }
}

/// One finished build, for the caller to print.
#[derive(Debug)]
pub struct Rebuild<'a> {
    /// Source files that changed, relative to the root; empty for the first build.
    pub changed: &'a [PathBuf],
    pub report: &'a BuildReport,
    /// Whether the build's site is now served (no errors).
    pub served: bool,
    /// From the start of the build until the new site is served.
    pub elapsed: Duration,
    pub markdown: MemoStats,
}

/// Called after every build, on the builder thread.
pub type Observer = Box<dyn Fn(&Rebuild<'_>) + Send>;

#[derive(Debug)]
pub enum Error {
    Bind(SocketAddr, io::Error),
    Watch(PathBuf, notify::Error),
    Io(io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Bind(addr, e) => write!(f, "cannot listen on {addr}: {e}"),
            Error::Watch(root, e) => write!(f, "cannot watch {}: {e}", root.display()),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Builds again and again, reusing the Markdown of documents that did not change. Its output
/// is byte for byte a full build's (the integration tests hold it to that).
pub struct Incremental {
    options: BuildOptions,
    markdown: Markdown,
}

impl Incremental {
    pub fn new(options: BuildOptions) -> Incremental {
        Incremental {
            options,
            markdown: Markdown::with_memo(),
        }
    }

    pub fn build(&mut self) -> Result<(Built, MemoStats), crate::Error> {
        let built = crate::build_with(&self.options, &self.markdown);
        let stats = self.markdown.end_build();
        Ok((built?, stats))
    }
}

/// A running dev server. Stops when dropped.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    /// The address actually bound (the port is chosen when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Blocks until the server stops (for the command line: until the process is ended).
    pub fn wait(mut self) {
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }

    /// Stops serving and watching, and closes the open event streams.
    pub fn stop(self) {}

    fn shut_down(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        lock(&self.shared.clients).clear();
        // Wakes the accept loop, which then sees `stopping`.
        let wake = match self.addr.ip() {
            ip if ip.is_unspecified() => {
                SocketAddr::new(Ipv4Addr::LOCALHOST.into(), self.addr.port())
            }
            _ => self.addr,
        };
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// Binds, builds the site once (the observer hears of it before this returns), then serves
/// and watches on background threads.
pub fn start(options: Options, observer: Observer) -> Result<Server, Error> {
    let listener = TcpListener::bind((options.bind, options.port))
        .map_err(|e| Error::Bind(SocketAddr::new(options.bind, options.port), e))?;
    let addr = listener.local_addr().map_err(Error::Io)?;
    let root = options.build.root.clone();
    let watcher =
        watch::Watcher::new(&root, options.debounce).map_err(|e| Error::Watch(root.clone(), e))?;
    let shared = Arc::new(Shared {
        state: RwLock::new(State::default()),
        clients: Mutex::new(Vec::new()),
        stopping: AtomicBool::new(false),
        connections: AtomicUsize::new(0),
        root: root.clone(),
        instance: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default(),
    });
    let mut engine = Incremental::new(options.build);
    rebuild(&shared, &mut engine, &[], &observer);

    let accept = {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("placard-serve".into())
            .spawn(move || accept_loop(&shared, &listener))
            .map_err(Error::Io)?
    };
    let builder = {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("placard-watch".into())
            .spawn(move || build_loop(&shared, engine, watcher, &observer))
            .map_err(Error::Io)?
    };
    Ok(Server {
        addr,
        shared,
        threads: vec![accept, builder],
    })
}

/// Opens `url` in the desktop's browser, without waiting for it.
pub fn open_in_browser(url: &str) -> io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}

struct Shared {
    state: RwLock<State>,
    /// One sender per open event stream.
    clients: Mutex<Vec<Sender<Message>>>,
    stopping: AtomicBool,
    connections: AtomicUsize,
    root: PathBuf,
    /// Tells this process's generations from an earlier server's, so a page left open across
    /// a restart reloads.
    instance: u128,
}

#[derive(Default)]
struct State {
    /// The last good site.
    output: Option<Arc<Output>>,
    source_language: Option<String>,
    /// Names the last good site; changes with every good build.
    generation: String,
    /// Whether the last build was good.
    good: bool,
    /// The last build's problems as JSON, when it had errors; `[]` otherwise.
    problems: Arc<String>,
}

#[derive(Clone)]
enum Message {
    Reload(String),
    Errors(Arc<String>),
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn build_loop(
    shared: &Shared,
    mut engine: Incremental,
    mut watcher: watch::Watcher,
    observer: &Observer,
) {
    while !shared.stopping.load(Ordering::SeqCst) {
        if let Some(batch) = watcher.next_batch(POLL) {
            let changed: Vec<PathBuf> = batch.paths.into_iter().collect();
            rebuild(shared, &mut engine, &changed, observer);
        }
    }
}

/// Builds, then either serves the new site and tells pages to reload, or keeps the last good
/// site and tells pages to show the problems.
fn rebuild(shared: &Shared, engine: &mut Incremental, changed: &[PathBuf], observer: &Observer) {
    let started = Instant::now();
    let (built, markdown) = match engine.build() {
        Ok((built, stats)) => (built, stats),
        Err(e) => {
            let report = BuildReport {
                diagnostics: vec![
                    Diagnostic::error("environment", Location::file(&shared.root), e.to_string())
                        .with_help("check that the site folder exists and can be read"),
                ],
                ..BuildReport::default()
            };
            let built = Built {
                site: None,
                output: None,
                report,
            };
            (built, MemoStats::default())
        }
    };
    let Built {
        site,
        output,
        report,
    } = built;
    let good = !report.has_errors() && output.is_some();
    {
        let mut state = shared.state.write().unwrap_or_else(PoisonError::into_inner);
        let message = match output.filter(|_| good) {
            Some(output) => {
                let generation = next_generation(shared, &state.generation);
                state.output = Some(Arc::new(output));
                state.source_language = site.map(|s| s.config.source_language.0);
                state.generation = generation.clone();
                state.good = true;
                state.problems = Arc::new("[]".into());
                Message::Reload(generation)
            }
            None => {
                state.good = false;
                state.problems = Arc::new(problems_json(&report.diagnostics, &shared.root));
                Message::Errors(Arc::clone(&state.problems))
            }
        };
        // Sent under the state lock, so that a page connecting meanwhile sees either the old
        // state and this message, or the new state.
        lock(&shared.clients).retain(|client| client.send(message.clone()).is_ok());
    }
    observer(&Rebuild {
        changed,
        report: &report,
        served: good,
        elapsed: started.elapsed(),
        markdown,
    });
}

fn next_generation(shared: &Shared, previous: &str) -> String {
    let n = previous
        .rsplit_once('-')
        .and_then(|(_, n)| n.parse::<u64>().ok())
        .unwrap_or(0);
    format!("{}-{}", shared.instance, n + 1)
}

/// The problems as the overlay shows them: located, with the source line when it can be read.
fn problems_json(diagnostics: &[Diagnostic], root: &Path) -> String {
    let items: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let snippet = (d.location.line > 0)
                .then(|| std::fs::read_to_string(root.join(&d.location.path)).ok())
                .flatten()
                .and_then(|text| text.lines().nth(d.location.line - 1).map(str::to_owned))
                .map(|line| format!("{:>4} | {line}", d.location.line));
            serde_json::json!({
                "location": d.location.to_string(),
                "severity": d.severity.to_string(),
                "code": d.code,
                "message": d.message,
                "help": d.help,
                "snippet": snippet,
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

fn accept_loop(shared: &Arc<Shared>, listener: &TcpListener) {
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else {
            // Out of file descriptors, say: give the open connections time to finish.
            std::thread::sleep(Duration::from_millis(20));
            continue;
        };
        if shared.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
            continue;
        }
        let shared = Arc::clone(shared);
        let spawned = std::thread::Builder::new()
            .name("placard-http".into())
            .spawn(move || {
                handle(&shared, stream);
                shared.connections.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            // The closure (and its count) never ran.
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn handle(shared: &Shared, mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(http::READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(http::READ_TIMEOUT));
    let request = match http::read_request(&mut stream) {
        Ok(request) => request,
        Err(refusal) => {
            let (status, text) = match refusal {
                Refusal::Method => (405, "only GET and HEAD are served\n"),
                Refusal::Path => (400, "not a path of this site\n"),
                Refusal::Malformed => (400, "malformed request\n"),
            };
            let _ = http::send(&mut stream, Method::Get, &text_response(status, text));
            return;
        }
    };
    let method = request.method;
    let result = match request.path.as_str() {
        "__placard/events" => events(shared, &mut stream),
        "__placard/reload.js" => http::send(
            &mut stream,
            method,
            &ok("text/javascript; charset=utf-8", RELOAD_JS.as_bytes()),
        ),
        "__placard/overlay.css" => http::send(
            &mut stream,
            method,
            &ok("text/css; charset=utf-8", OVERLAY_CSS.as_bytes()),
        ),
        "__placard/errors" => {
            let body = hello(&read_state(shared));
            http::send(
                &mut stream,
                method,
                &ok("application/json", body.as_bytes()),
            )
        }
        path => serve_file(shared, &mut stream, method, path),
    };
    // A client that went away mid-response needs nothing more.
    let _ = result;
}

fn read_state(shared: &Shared) -> std::sync::RwLockReadGuard<'_, State> {
    shared.state.read().unwrap_or_else(PoisonError::into_inner)
}

fn ok<'a>(content_type: &'a str, body: &'a [u8]) -> Response<'a> {
    Response {
        status: 200,
        content_type,
        body,
        location: None,
    }
}

fn text_response(status: u16, text: &str) -> Response<'_> {
    Response {
        status,
        content_type: "text/plain; charset=utf-8",
        body: text.as_bytes(),
        location: None,
    }
}

/// The state a page learns on opening its event stream (and `/__placard/errors` returns).
fn hello(state: &State) -> String {
    format!(
        "{{\"generation\":{},\"good\":{},\"problems\":{}}}",
        serde_json::Value::String(state.generation.clone()),
        state.good,
        state.problems
    )
}

fn events(shared: &Shared, stream: &mut TcpStream) -> io::Result<()> {
    let (tx, rx) = mpsc::channel();
    let greeting = {
        let state = read_state(shared);
        lock(&shared.clients).push(tx);
        hello(&state)
    };
    // Events may be far apart; only writes need a deadline.
    stream.set_read_timeout(None)?;
    http::start_events(stream)?;
    http::event(stream, "hello", &greeting)?;
    loop {
        match rx.recv_timeout(PING) {
            Ok(Message::Reload(generation)) => {
                let data = serde_json::json!({ "generation": generation }).to_string();
                http::event(stream, "reload", &data)?;
            }
            Ok(Message::Errors(problems)) => {
                http::event(stream, "errors", &format!("{{\"problems\":{problems}}}"))?;
            }
            Err(RecvTimeoutError::Timeout) => http::keep_alive(stream)?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

fn serve_file(
    shared: &Shared,
    stream: &mut TcpStream,
    method: Method,
    path: &str,
) -> io::Result<()> {
    let (output, generation, source) = {
        let state = read_state(shared);
        (
            state.output.clone(),
            state.generation.clone(),
            state.source_language.clone(),
        )
    };
    let Some(output) = output else {
        let page = inject(PLACEHOLDER.as_bytes(), &generation);
        let response = Response {
            status: 503,
            content_type: "text/html; charset=utf-8",
            body: &page,
            location: None,
        };
        return http::send(stream, method, &response);
    };
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    };
    if let Some(bytes) = output.files.get(&key) {
        let content_type = http::content_type(&key);
        let body = if content_type.starts_with("text/html") {
            inject(bytes, &generation)
        } else {
            bytes.clone()
        };
        return http::send(stream, method, &ok(content_type, &body));
    }
    if !path.is_empty()
        && !path.ends_with('/')
        && output.files.contains_key(&format!("{path}/index.html"))
    {
        // A folder asked for without its slash: relative links need the slash.
        let location = format!("/{}/", encode_path(path));
        let response = Response {
            status: 301,
            content_type: "text/plain; charset=utf-8",
            body: b"",
            location: Some(&location),
        };
        return http::send(stream, method, &response);
    }
    let lang = path.split('/').next().unwrap_or_default();
    let page = [
        format!("{lang}/404.html"),
        "404.html".to_owned(),
        format!("{}/404.html", source.unwrap_or_default()),
    ]
    .iter()
    .find_map(|candidate| output.files.get(candidate));
    let body = match page {
        Some(bytes) => inject(bytes, &generation),
        None => b"not found\n".to_vec(),
    };
    let response = Response {
        status: 404,
        content_type: if page.is_some() {
            "text/html; charset=utf-8"
        } else {
            "text/plain; charset=utf-8"
        },
        body: &body,
        location: None,
    };
    http::send(stream, method, &response)
}

/// Served while no build has succeeded yet; the overlay shows why.
const PLACEHOLDER: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Placard: the site has errors</title></head><body><h1>The site has errors</h1>\
<p>Fix the problems the terminal lists; this page reloads when the site builds.</p></body></html>";

/// The page with the reload script added before its closing `</body>`.
fn inject(html: &[u8], generation: &str) -> Vec<u8> {
    let tag = format!(
        "<script src=\"/__placard/reload.js\" data-generation=\"{}\" defer></script>",
        generation.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
    );
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Percent-encodes what a `Location` header may not carry as is.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(html, "1-2")).unwrap_or_default();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__placard/reload.js\" data-generation=\"1-2\" defer></script></body></html>"
        );
        let out = String::from_utf8(inject(b"<p>no body", "1-2")).unwrap_or_default();
        assert!(out.ends_with("defer></script>"), "{out}");
    }

    #[test]
    fn redirect_locations_are_encoded() {
        assert_eq!(encode_path("ru/дело"), "ru/%D0%B4%D0%B5%D0%BB%D0%BE");
        assert_eq!(encode_path("en/a b"), "en/a%20b");
    }
}
