//! `check --external`: asks other sites whether the links to them still lead somewhere, and
//! reports those that do not as warnings located in the content that made them.
//!
//! The only part of Placard that contacts hosts other than the site's own, and only when a
//! person asks for it: every host learns this computer's address. One request at a time per
//! host (HEAD, then GET for hosts that refuse HEAD), a few hosts at once. Successful answers
//! are remembered for a day in `<root>/.placard-cache/external-links.json`, so that running
//! the check again does not ask the same hosts again; failures are always asked again.
//! A broken external link never fails the check: other sites go down, and that must not stop
//! a campaign from publishing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::diagnostic::{Diagnostic, Location};
use crate::progress::Progress;
use crate::site::Site;

mod cache;

pub use cache::CACHE_FILE;
use cache::Cache;

/// How to check external links.
#[derive(Debug, Clone)]
pub struct Options {
    /// The longest one request (redirects included) may take.
    pub timeout: Duration,
    /// How many hosts are asked at once.
    pub jobs: usize,
    /// Read and write the cache of successful answers.
    pub cache: bool,
    /// Show progress on stderr (a bar on a terminal, plain lines elsewhere).
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(10),
            jobs: 8,
            cache: true,
            progress: false,
        }
    }
}

/// What a host said about one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A success, after any redirects: the status code.
    Ok(u16),
    /// An error status or no answer: what went wrong, for a person (`404 Not Found`).
    Broken(String),
    /// 429: the host asked us to slow down; that says nothing about the link.
    RateLimited,
}

/// What `check --external` did, for the summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Distinct addresses (a link without its `#fragment`).
    pub links: usize,
    /// Of those, how many were answered from the cache.
    pub from_cache: usize,
    /// Of those, how many are broken.
    pub broken: usize,
    /// Addresses whose host answered 429 Too Many Requests: not judged.
    pub rate_limited: Vec<String>,
    /// Why the cache could not be read or written, when it could not.
    pub cache_problem: Option<String>,
}

/// Whether hosts are asked through a proxy named in the environment (`ALL_PROXY`,
/// `HTTPS_PROXY`, `HTTP_PROXY`), or why the one named there cannot be used. The HTTP client
/// would then quietly connect directly, showing this computer's address to every host: what
/// a person who set a proxy (Tor, say) wanted to avoid.
pub fn proxy() -> Result<bool, String> {
    const NAMES: [&str; 6] = [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ];
    // The value is not repeated: it may hold a password.
    let Some(name) = NAMES
        .iter()
        .find(|name| std::env::var(name).is_ok_and(|v| !v.trim().is_empty()))
    else {
        return Ok(false);
    };
    if ureq::Proxy::try_from_env().is_some() {
        return Ok(true);
    }
    Err(format!(
        "`{name}` does not name a proxy Placard can use (http://, https://, socks4://, \
         socks5:// or socks5h://); not contacting any host without it"
    ))
}

/// The outcome of every link as written, and the summary.
#[derive(Debug, Default)]
pub(super) struct Checked {
    pub outcomes: BTreeMap<String, Outcome>,
    pub summary: Summary,
}

/// Checks `links` (as written in the pages), asking each host at most once per address.
pub(super) fn check_links<'a>(
    links: impl IntoIterator<Item = &'a str>,
    root: &Path,
    options: &Options,
) -> Checked {
    let now = unix_now();
    let cache_path = root.join(CACHE_FILE);
    let (cache, mut cache_problem) = if options.cache {
        Cache::read(&cache_path)
    } else {
        (Cache::default(), None)
    };
    let addressed: BTreeMap<&str, Result<String, String>> = links
        .into_iter()
        .map(|link| (link, request_address(link)))
        .collect();
    let mut outcomes: BTreeMap<String, Outcome> = BTreeMap::new();
    let mut per_host: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut from_cache = 0;
    let distinct: BTreeSet<&String> = addressed.values().filter_map(|a| a.as_ref().ok()).collect();
    for address in distinct {
        if let Some(status) = cache.fresh(address, now) {
            outcomes.insert(address.clone(), Outcome::Ok(status));
            from_cache += 1;
        } else {
            per_host
                .entry(host(address))
                .or_default()
                .push(address.clone());
        }
    }
    let asked = ask_all(per_host, options);
    if options.cache && !asked.is_empty() {
        let asked: BTreeMap<String, Outcome> = asked.iter().cloned().collect();
        if let Err(problem) = cache.updated(&asked, now).write(&cache_path) {
            cache_problem = Some(problem);
        }
    }
    outcomes.extend(asked);
    let summary = Summary {
        from_cache,
        cache_problem,
        ..Summary::default()
    };
    tally(addressed, &outcomes, summary)
}

/// Each link's outcome (through the address asked for it), counted once per address.
fn tally(
    addressed: BTreeMap<&str, Result<String, String>>,
    outcomes: &BTreeMap<String, Outcome>,
    mut summary: Summary,
) -> Checked {
    let mut checked = Checked::default();
    let mut counted = BTreeSet::new();
    for (link, address) in addressed {
        let outcome = match &address {
            Ok(address) => outcomes
                .get(address)
                .cloned()
                // Only when the thread asking it failed.
                .unwrap_or_else(|| Outcome::Broken("not checked".to_owned())),
            Err(problem) => Outcome::Broken(problem.clone()),
        };
        if counted.insert(address.clone().unwrap_or_else(|_| link.to_owned())) {
            summary.links += 1;
            match &outcome {
                Outcome::Broken(_) => summary.broken += 1,
                Outcome::RateLimited => summary.rate_limited.push(link.to_owned()),
                Outcome::Ok(_) => {}
            }
        }
        checked.outcomes.insert(link.to_owned(), outcome);
    }
    checked.summary = summary;
    checked
}

/// Warnings for the broken links among `links` (link as written → pages that show it), each
/// located in the content file and line that made it, as internal links are.
pub(super) fn diagnostics(
    site: &Site,
    links: &BTreeMap<String, BTreeSet<String>>,
    outcomes: &BTreeMap<String, Outcome>,
    read_source: &dyn Fn(&Path) -> Option<String>,
) -> Vec<Diagnostic> {
    let prose = super::prose_by_page(site);
    let mut problems: BTreeMap<(Location, &str), Vec<&str>> = BTreeMap::new();
    for (link, pages) in links {
        if !matches!(outcomes.get(link), Some(Outcome::Broken(_))) {
            continue;
        }
        for page in pages {
            let location = locate(site, page, link, &prose, read_source);
            problems
                .entry((location, link.as_str()))
                .or_default()
                .push(page);
        }
    }
    problems
        .into_iter()
        .filter_map(|((location, link), pages)| {
            let Some(Outcome::Broken(reason)) = outcomes.get(link) else {
                return None;
            };
            // `https://сайт.қаз/`, not the `%D1%81...` Markdown made of it.
            let decoded = super::percent_decode(link);
            let shown = if decoded.is_ascii() { link } else { &decoded };
            Some(
                Diagnostic::warning(
                    "external-link",
                    location,
                    format!(
                        "link to `{shown}` {} failed: {reason}",
                        super::on_pages(&pages)
                    ),
                )
                .with_help(
                    "open it in a browser: if the page moved, put its new address here; if it is \
                     gone, link to an archived copy (web.archive.org) or remove the link",
                ),
            )
        })
        .collect()
}

/// Where `link` on `page` was written: in prose as internal links are found, else in the
/// facts of the page's case (sources in `case.toml`, provisions in `laws.toml`), else the page.
fn locate(
    site: &Site,
    page: &str,
    link: &str,
    prose: &std::collections::HashMap<String, Vec<&crate::site::Translation>>,
    read_source: &dyn Fn(&Path) -> Option<String>,
) -> Location {
    let located = super::locate(page, link, prose, read_source);
    if located.path != Path::new(page) {
        return located;
    }
    let below_language = page.split_once('/').map_or("", |(_, rest)| rest);
    let decoded = super::percent_decode(link);
    for case in &site.cases {
        if !below_language.starts_with(case.url.as_str()) {
            continue;
        }
        for name in ["case.toml", "laws.toml"] {
            let path = Path::new("content/cases").join(case.id.as_str()).join(name);
            let Some(text) = read_source(&path) else {
                continue;
            };
            if let Some(offset) = text.find(link).or_else(|| text.find(&decoded)) {
                return Location::at_offset(&path, &text, offset, 1);
            }
        }
    }
    located
}

/// Asks every host for its addresses: hosts in parallel (at most `options.jobs`), each
/// host's addresses one after another, so that no host sees more than one request at a time.
fn ask_all(per_host: BTreeMap<String, Vec<String>>, options: &Options) -> Vec<(String, Outcome)> {
    let total = per_host.values().map(Vec::len).sum();
    if total == 0 {
        return Vec::new();
    }
    let mut queues: Vec<Vec<String>> = per_host.into_values().collect();
    // The longest queues first, so that one busy host does not finish last alone.
    queues.sort_by_key(|q| std::cmp::Reverse(q.len()));
    let progress = if options.progress {
        Progress::stderr("checking external links", total)
    } else {
        Progress::silent()
    };
    // The client's own generic user agent: naming Placard would tell a linked host (a court,
    // a ministry) that a campaign tool runs at this address.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let workers = options.jobs.clamp(1, queues.len());
    let asked = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut found = Vec::new();
                    while let Some(queue) = queues.get(next.fetch_add(1, Ordering::Relaxed)) {
                        for address in queue {
                            found.push((address.clone(), ask(&agent, address, options.timeout)));
                            progress.inc(1);
                        }
                    }
                    found
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().ok())
            .flatten()
            .collect()
    });
    progress.finish();
    asked
}

/// One address: HEAD, or GET when the host refuses HEAD (some answer 403, 405 or 501 to it).
fn ask(agent: &ureq::Agent, address: &str, timeout: Duration) -> Outcome {
    let response = match agent.head(address).call() {
        Ok(r) if matches!(r.status().as_u16(), 403 | 405 | 501) => agent.get(address).call(),
        other => other,
    };
    // The body of a GET is dropped unread: only the status matters.
    match response {
        Ok(response) => judge(response.status()),
        Err(error) => Outcome::Broken(failure(&error, timeout)),
    }
}

fn judge(status: ureq::http::StatusCode) -> Outcome {
    match status.as_u16() {
        429 => Outcome::RateLimited,
        code @ 100..400 => Outcome::Ok(code),
        code => Outcome::Broken(
            format!("{code} {}", status.canonical_reason().unwrap_or_default())
                .trim_end()
                .to_owned(),
        ),
    }
}

/// Why a request got no answer, in a campaigner's words.
fn failure(error: &ureq::Error, timeout: Duration) -> String {
    use std::io::ErrorKind;
    match error {
        ureq::Error::HostNotFound => "the host name was not found (DNS)".to_owned(),
        ureq::Error::Timeout(_) => format!("no answer within {} s", timeout.as_secs_f64()),
        ureq::Error::Io(e) if e.kind() == ErrorKind::TimedOut => {
            format!("no answer within {} s", timeout.as_secs_f64())
        }
        ureq::Error::Io(e) if e.kind() == ErrorKind::ConnectionRefused => {
            "the host refused the connection".to_owned()
        }
        // The system resolver's failure comes as a plain I/O error.
        ureq::Error::Io(e) if e.to_string().contains("lookup address") => {
            "the host name was not found (DNS)".to_owned()
        }
        ureq::Error::Io(e) => e.to_string(),
        ureq::Error::TooManyRedirects => "too many redirects".to_owned(),
        other => other.to_string(),
    }
}

/// The address to ask for: without its `#fragment` (never sent to a host), with what a request
/// line cannot carry percent-encoded, and a non-ASCII host name in punycode (`.қаз`).
fn request_address(link: &str) -> Result<String, String> {
    let link = link.trim();
    let without_fragment = link.split('#').next().unwrap_or_default();
    let invalid = || format!("`{link}` is not a valid web address");
    let (scheme, rest) = without_fragment.split_once("://").ok_or_else(invalid)?;
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let (user, host_port) = match authority.rsplit_once('@') {
        Some((user, host)) => (Some(user), host),
        None => (None, authority),
    };
    if host_port.is_empty() {
        return Err(invalid());
    }
    // Markdown writes a non-ASCII host percent-encoded, which no resolver understands.
    let host_port = super::percent_decode(host_port);
    let host_port = if host_port.is_ascii() {
        host_port.to_owned()
    } else {
        let (host, port) = match host_port.rsplit_once(':') {
            Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => (host, Some(port)),
            _ => (host_port.as_str(), None),
        };
        let host = idna::domain_to_ascii(host).map_err(|_| invalid())?;
        match port {
            Some(port) => format!("{host}:{port}"),
            None => host,
        }
    };
    let mut address = format!("{}://", scheme.to_ascii_lowercase());
    if let Some(user) = user {
        address.push_str(&encode(user));
        address.push('@');
    }
    address.push_str(&host_port);
    address.push_str(&encode(path));
    Ok(address)
}

/// Percent-encodes bytes that may not appear in a request line; `%` is kept, as links are
/// usually written already encoded.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The host (and port) an address is asked of, for one request at a time per host.
fn host(address: &str) -> String {
    let rest = address.split_once("://").map_or(address, |(_, rest)| rest);
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    host.to_ascii_lowercase()
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_made_fit_to_ask() {
        assert_eq!(
            request_address("https://Example.org/a b#part").as_deref(),
            Ok("https://Example.org/a%20b")
        );
        assert_eq!(
            request_address("https://kk.wikipedia.org/wiki/Қазақстан").as_deref(),
            Ok(
                "https://kk.wikipedia.org/wiki/%D2%9A%D0%B0%D0%B7%D0%B0%D2%9B%D1%81%D1%82%D0%B0%D0%BD"
            )
        );
        assert_eq!(
            request_address("http://сайт.қаз:8080/?q=1").as_deref(),
            Ok("http://xn--80aswg.xn--80ao21a:8080/?q=1")
        );
        assert_eq!(
            request_address("https://%D1%81%D0%B0%D0%B9%D1%82.%D2%9B%D0%B0%D0%B7/").as_deref(),
            Ok("https://xn--80aswg.xn--80ao21a/")
        );
        assert!(request_address("https:///nothing").is_err());
        assert_eq!(
            host("https://user@Example.org:8443/x?y"),
            "example.org:8443"
        );
    }

    #[test]
    fn statuses_are_judged() {
        use ureq::http::StatusCode;
        assert_eq!(judge(StatusCode::OK), Outcome::Ok(200));
        assert_eq!(
            judge(StatusCode::NOT_FOUND),
            Outcome::Broken("404 Not Found".into())
        );
        assert_eq!(judge(StatusCode::TOO_MANY_REQUESTS), Outcome::RateLimited);
        assert_eq!(
            judge(StatusCode::from_u16(599).unwrap()),
            Outcome::Broken("599".into())
        );
    }
}
