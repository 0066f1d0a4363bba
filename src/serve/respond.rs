//! The dev server's side of a connection: what each request gets — a file of the last good
//! site (HTML with the reload script added), the site's 404 page, the reload script and overlay
//! styles, the build state as JSON, or the live-reload event stream.

use std::io;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use super::http::{self, Method, Refusal, Response};
use super::{Message, Shared, State, lock};

const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");
/// Connections served at once; past it new ones are closed. Each open page holds one.
const MAX_CONNECTIONS: usize = 256;
/// How often an idle event stream is pinged, to notice pages that were closed.
const PING: Duration = Duration::from_secs(15);

pub(super) fn accept_loop(shared: &Arc<Shared>, listener: &TcpListener) {
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
                Refusal::Host => (
                    403,
                    "open the site as http://127.0.0.1 or http://localhost\n",
                ),
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
    if let Some(bytes) = output.get(&key) {
        let content_type = http::content_type(&key);
        let body = if content_type.starts_with("text/html") {
            inject(bytes, &generation)
        } else {
            bytes.clone()
        };
        return http::send(stream, method, &ok(content_type, &body));
    }
    if !path.is_empty() && !path.ends_with('/') && output.contains(&format!("{path}/index.html")) {
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
    .find_map(|candidate| output.get(candidate));
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
    crate::url::percent_encode(path, b"/")
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
