//! `placard serve`: the authoring loop. Builds the site in memory, serves it over HTTP from
//! memory, watches the sources and, on each change, rebuilds (reusing the Markdown of unchanged
//! documents) and tells every open page to reload through server-sent events. A build with
//! errors leaves the last good site served, with an overlay listing the problems.
//!
//! Owns the dev server's threads, sockets and file watches; it never writes a file. The pages
//! it serves are the built output plus one injected `<script>`, which a built site never has.

mod http;
mod respond;
mod watch;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Location};
use crate::markdown::{Markdown, MemoStats};
use crate::render::{Output, PageMemo, PageStats};
use crate::{BuildOptions, BuildReport, Built};

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
            debounce: Duration::from_millis(10),
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
    pub reuse: Reuse,
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
///
/// An edit of the text of prose files alone (front matter unchanged) takes a quick path: the
/// files are rendered again in place in the last good site, and only the pages that show
/// them, and the feeds, are rendered again ([`Incremental::rebuild`]).
pub struct Incremental {
    options: BuildOptions,
    markdown: Markdown,
    pages: PageMemo,
    /// For the quick path: Markdown without memory, and the last good build.
    plain: Markdown,
    last: Option<Last>,
}

/// The last good build, kept for the quick path.
struct Last {
    site: crate::site::Site,
    theme: crate::theme::Theme,
    diagnostics: Vec<Diagnostic>,
    /// Pages per language.
    pages: std::collections::BTreeMap<String, usize>,
    /// Prose documents rendered.
    documents: usize,
}

/// What a rebuild made.
#[derive(Debug)]
pub enum Outcome {
    /// A whole build.
    Full(Box<Built>),
    /// Only these files changed since the last good site; the report is the new site's.
    Quick {
        files: Vec<(String, Vec<u8>)>,
        report: BuildReport,
    },
}

/// What one incremental build reused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reuse {
    pub markdown: MemoStats,
    pub pages: PageStats,
    /// Whether the quick path was taken (see [`Incremental`]).
    pub quick: bool,
}

impl Incremental {
    pub fn new(options: BuildOptions) -> Incremental {
        Incremental {
            options,
            markdown: Markdown::with_memo(),
            pages: PageMemo::new(),
            plain: Markdown::new(),
            last: None,
        }
    }

    /// Builds after `changed` (paths relative to the root): quickly when only the text of
    /// prose files changed, else in full. `rescan` (or no paths) asks for a full build.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<(Outcome, Reuse), crate::Error> {
        if let Some(quick) = self.quick(changed) {
            return Ok(quick);
        }
        self.last = None;
        let (mut built, reuse) = self.build()?;
        let good = !built.report.has_errors() && built.output.is_some();
        if good && let (Some(site), Some(theme)) = (built.site.take(), built.theme.take()) {
            self.last = Some(Last {
                site,
                theme,
                diagnostics: built.report.diagnostics.clone(),
                pages: built.report.pages.clone(),
                documents: reuse.markdown.reused + reuse.markdown.rendered,
            });
        }
        Ok((Outcome::Full(Box::new(built)), reuse))
    }

    /// The source language of the last good site.
    pub fn source_language(&self) -> Option<String> {
        self.last
            .as_ref()
            .map(|l| l.site.config.source_language.0.clone())
    }

    /// The quick path, or `None` when a full build is needed. On `None` the kept site may be
    /// half updated: [`Incremental::rebuild`] drops it.
    fn quick(&mut self, changed: &[PathBuf]) -> Option<(Outcome, Reuse)> {
        let clock = Instant::now();
        let last = self.last.as_mut()?;
        if changed.is_empty() {
            return None;
        }
        let mut documents = Vec::new();
        // An editor's temporary and backup files change nothing a build reads.
        for path in changed.iter().filter(|p| !crate::load::ignored(p)) {
            let prose = path.starts_with("content") && path.extension().is_some_and(|e| e == "md");
            // A file with problems other than its Markdown's is built in full, so that they
            // are reported again.
            let troubled = last
                .diagnostics
                .iter()
                .any(|d| d.location.path == *path && !crate::markdown::CODES.contains(&d.code));
            if !prose || troubled {
                return None;
            }
            documents.push(crate::load::load_document(&self.options.root, path)?);
        }
        let options = self.options.resolve_options();
        let mut pages = std::collections::BTreeSet::new();
        let mut diagnostics = last.diagnostics.clone();
        for doc in &documents {
            let (before, problems) =
                crate::resolve::update_document(&mut last.site, &self.plain, doc, &options)?;
            diagnostics.retain(|d| d.location.path != doc.path);
            diagnostics.extend(problems);
            for html in before {
                let showing = self.pages.pages_showing(html.as_str());
                if showing.is_empty() {
                    return None;
                }
                pages.extend(showing.iter().cloned());
            }
        }
        let files = crate::render::render_again(
            &last.site,
            &last.theme,
            self.options.render_options(),
            &mut self.pages,
            &pages,
            // Only events' text is in the feeds.
            documents
                .iter()
                .any(|d| matches!(d.place, crate::load::Place::Event(..))),
        )?;
        crate::diagnostic::sort(&mut diagnostics);
        last.diagnostics.clone_from(&diagnostics);
        let mut report = BuildReport {
            diagnostics,
            pages: last.pages.clone(),
            ..BuildReport::default()
        };
        report.timings.push(crate::Stage {
            name: "quick rebuild",
            spent: clock.elapsed(),
            resident: None,
            peak: None,
        });
        let total: usize = report.pages.values().sum();
        let reuse = Reuse {
            markdown: MemoStats {
                // Every other document's Markdown stays as it was.
                reused: last.documents.saturating_sub(documents.len()),
                rendered: documents.len(),
            },
            pages: PageStats {
                reused: total.saturating_sub(pages.len()),
                rendered: pages.len(),
            },
            quick: true,
        };
        Some((Outcome::Quick { files, report }, reuse))
    }

    pub fn build(&mut self) -> Result<(Built, Reuse), crate::Error> {
        let built = crate::build_with(&self.options, &self.markdown, Some(&mut self.pages));
        let markdown = self.markdown.end_build();
        let reuse = Reuse {
            markdown,
            pages: self.pages.stats(),
            quick: false,
        };
        Ok((built?, reuse))
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

    /// The address to open in a browser (this machine's, when listening on every interface).
    pub fn url(&self) -> String {
        format!("http://{}/", local(self.addr))
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
        let _ = TcpStream::connect_timeout(&local(self.addr), Duration::from_secs(1));
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

/// `addr`, or the loopback address on its port when it is "every interface".
fn local(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(std::net::Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
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
            .spawn(move || respond::accept_loop(&shared, &listener))
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

/// A new site to serve: a whole build, or the files a quick rebuild changed.
enum Update {
    Whole(Output),
    Files(Vec<(String, Vec<u8>)>),
}

/// The site being served: the last full build's files, with the files quick rebuilds have
/// changed since laid over them.
struct Served {
    base: Arc<Output>,
    patch: std::collections::BTreeMap<String, Vec<u8>>,
}

impl Served {
    fn get(&self, path: &str) -> Option<&Vec<u8>> {
        self.patch.get(path).or_else(|| self.base.files.get(path))
    }

    fn contains(&self, path: &str) -> bool {
        self.get(path).is_some()
    }
}

#[derive(Default)]
struct State {
    /// The last good site.
    output: Option<Arc<Served>>,
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
            if batch.rescan {
                // Events were lost: only a full build can be trusted.
                engine.last = None;
            }
            let changed: Vec<PathBuf> = batch.paths.into_iter().collect();
            rebuild(shared, &mut engine, &changed, observer);
        }
    }
}

/// Builds, then either serves the new site and tells pages to reload, or keeps the last good
/// site and tells pages to show the problems.
fn rebuild(shared: &Shared, engine: &mut Incremental, changed: &[PathBuf], observer: &Observer) {
    let started = Instant::now();
    let (outcome, reuse) = match engine.rebuild(changed) {
        Ok((outcome, reuse)) => (outcome, reuse),
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
                theme: None,
                output: None,
                report,
            };
            (Outcome::Full(Box::new(built)), Reuse::default())
        }
    };
    let (report, update) = match outcome {
        Outcome::Full(built) => {
            let good = !built.report.has_errors() && built.output.is_some();
            let update = built.output.filter(|_| good).map(Update::Whole);
            (built.report, update)
        }
        Outcome::Quick { files, report, .. } if files.is_empty() => {
            // Only files a build never reads changed (an editor's temporary files): the
            // site is the same, and open pages are left alone.
            observer(&Rebuild {
                changed,
                report: &report,
                served: true,
                elapsed: started.elapsed(),
                reuse,
            });
            return;
        }
        Outcome::Quick { files, report, .. } => (report, Some(Update::Files(files))),
    };
    let good = update.is_some();
    {
        let mut state = shared.state.write().unwrap_or_else(PoisonError::into_inner);
        let served = match (update, &state.output) {
            (Some(Update::Whole(output)), _) => Some(Served {
                base: Arc::new(output),
                patch: std::collections::BTreeMap::new(),
            }),
            (Some(Update::Files(files)), Some(current)) => {
                let mut patch = current.patch.clone();
                patch.extend(files);
                Some(Served {
                    base: Arc::clone(&current.base),
                    patch,
                })
            }
            _ => None,
        };
        let message = match served {
            Some(served) => {
                let generation = next_generation(shared, &state.generation);
                state.output = Some(Arc::new(served));
                state.source_language = engine.source_language();
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
        reuse,
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
