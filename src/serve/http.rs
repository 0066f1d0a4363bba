//! The dev server's HTTP/1.1: just enough to answer a browser's GET and HEAD from memory, and to
//! hold a server-sent-events stream open. One request per connection (`Connection: close`).
//!
//! What a request may name is decided here, before anything is looked up: the target is
//! percent-decoded once, and any `..` or `.` segment, empty segment, backslash, NUL or
//! non-path form is refused. Files are looked up only as keys of the in-memory output, never
//! on disk, so even a path that slipped through could not reach the file system.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// The request head may be no larger: a browser's is a few hundred bytes.
const MAX_HEAD: usize = 16 * 1024;
/// A client that sends nothing for this long is dropped.
pub(super) const READ_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Method {
    Get,
    Head,
}

/// A request the server will answer.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Request {
    pub method: Method,
    /// The decoded path without its leading slash, as `/`-separated safe segments; a trailing
    /// slash is kept (`en/people/`); the root is the empty string.
    pub path: String,
}

/// Why a request gets no file.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    /// Not a request at all, or closed before its head ended.
    Malformed,
    /// A method other than GET or HEAD.
    Method,
    /// A target that tries to leave the site or is not a plain path.
    Path,
    /// A `Host` other than an IP address or `localhost`: a page elsewhere whose domain was
    /// pointed at this machine (DNS rebinding) must not read the unpublished site.
    Host,
}

/// Reads a request head from `stream`.
pub(super) fn read_request(stream: &mut TcpStream) -> Result<Request, Refusal> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD as u64));
    let mut line = String::new();
    reader
        .read_line(&mut line)
        .map_err(|_| Refusal::Malformed)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::Malformed);
    };
    if !version.starts_with("HTTP/1.") {
        return Err(Refusal::Malformed);
    }
    let mut host = None;
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) => return Err(Refusal::Malformed),
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {
                if let Some((name, value)) = header.split_once(':')
                    && name.trim().eq_ignore_ascii_case("host")
                {
                    host = Some(value.trim().to_owned());
                }
            }
            Err(_) => return Err(Refusal::Malformed),
        }
    }
    if !host.as_deref().is_none_or(host_allowed) {
        return Err(Refusal::Host);
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => return Err(Refusal::Method),
    };
    Ok(Request {
        method,
        path: safe_path(target).ok_or(Refusal::Path)?,
    })
}

/// Whether a `Host` header names this machine by address or as `localhost`, never by a
/// domain name that someone else controls.
pub(super) fn host_allowed(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [v6]:port
        return rest
            .split_once(']')
            .is_some_and(|(ip, _)| ip.parse::<std::net::Ipv6Addr>().is_ok());
    } else {
        host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                name
            } else {
                host
            }
        })
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
}

/// The output key a request target names, or `None` if it is anything but a plain path inside
/// the site.
pub(super) fn safe_path(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let rest = path.strip_prefix('/')?;
    let decoded = percent_decode(rest)?;
    if decoded.is_empty() {
        return Some(String::new());
    }
    let (body, trailing) = match decoded.strip_suffix('/') {
        Some(body) => (body, "/"),
        None => (decoded.as_str(), ""),
    };
    for segment in body.split('/') {
        let bad = segment.is_empty()
            || segment == "."
            || segment == ".."
            || segment
                .chars()
                .any(|c| c == '\\' || c == ':' || c.is_control());
        if bad {
            return None;
        }
    }
    Some(format!("{body}{trailing}"))
}

/// Decodes `%XX` escapes once. `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` for an output file, by its extension.
pub(super) fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or_default();
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" if name.contains("atom") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        // `_headers`, `_redirects` and the like are plain text too.
        "" if name.starts_with('_') => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A complete response.
pub(super) struct Response<'a> {
    pub status: u16,
    pub content_type: &'a str,
    pub body: &'a [u8],
    /// For redirects.
    pub location: Option<&'a str>,
}

pub(super) fn send(
    stream: &mut TcpStream,
    method: Method,
    response: &Response<'_>,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    if let Some(location) = response.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if method == Method::Get {
        stream.write_all(response.body)?;
    }
    stream.flush()
}

/// Starts a server-sent-events stream; events follow with [`event`].
pub(super) fn start_events(stream: &mut TcpStream) -> io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 500\n\n",
    )?;
    stream.flush()
}

/// Writes one event. `data` must be a single line (JSON without newlines is).
pub(super) fn event(stream: &mut TcpStream, name: &str, data: &str) -> io::Result<()> {
    stream.write_all(format!("event: {name}\ndata: {data}\n\n").as_bytes())?;
    stream.flush()
}

/// A comment line, so that a client that went away is noticed.
pub(super) fn keep_alive(stream: &mut TcpStream) -> io::Result<()> {
    stream.write_all(b": ping\n\n")?;
    stream.flush()
}

pub(super) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_pass() {
        assert_eq!(safe_path("/").as_deref(), Some(""));
        assert_eq!(safe_path("/en/").as_deref(), Some("en/"));
        assert_eq!(
            safe_path("/en/people/a.html?x=1#top").as_deref(),
            Some("en/people/a.html")
        );
        assert_eq!(
            safe_path("/ru/%D0%B4%D0%B5%D0%BB%D0%BE/").as_deref(),
            Some("ru/дело/")
        );
    }

    #[test]
    fn traversal_is_refused() {
        for target in [
            "/../etc/passwd",
            "/en/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/en/%2e%2e/%2e%2e/secret",
            "/..%5c..%5cetc%5cpasswd",
            "/en\\..\\..\\secret",
            "//etc/passwd",
            "/en//x",
            "/./en/",
            "/C:/Windows/win.ini",
            "/%00",
            "/%zz",
            "/%c0%ae%c0%ae/",
            "etc/passwd",
            "http://example.org/etc/passwd",
            "*",
        ] {
            assert_eq!(safe_path(target), None, "{target}");
        }
        // Decoded once only: a double-encoded dot is a literal file name, which no output has.
        assert_eq!(safe_path("/%252e%252e/x").as_deref(), Some("%2e%2e/x"));
    }

    #[test]
    fn only_local_hosts_are_answered() {
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:1111",
            "10.0.0.2",
        ] {
            assert!(host_allowed(host), "{host}");
        }
        for host in [
            "evil.example:1111",
            "evil.example",
            "127.0.0.1.evil.example",
            "[evil]:1",
        ] {
            assert!(!host_allowed(host), "{host}");
        }
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type("en/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("static/style.1.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(
            content_type("static/placard.1.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(
            content_type("en/atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type("a/b.svg"), "image/svg+xml");
        assert_eq!(content_type("a/b.PNG"), "image/png");
        assert_eq!(content_type("a/b.jpg"), "image/jpeg");
        assert_eq!(content_type("a/b.webp"), "image/webp");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("_headers"), "text/plain; charset=utf-8");
        assert_eq!(content_type("a/b"), "application/octet-stream");
    }
}
