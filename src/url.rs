//! Output locations and the relative links between them.
//!
//! Every internal link Placard writes is relative to the page it is on, so a site works from a
//! subpath, a mirror, a zip or `file://`. This module owns that arithmetic and nothing else.

use serde::Serialize;
use std::fmt;

/// A location in the output, relative to the output root, with `/` separators: a page
/// directory ending in `/` (`en/cases/atajurt-2025/`, or `` for the root) or a file
/// (`static/style.1a2b3c4d.css`). It never starts with `/` and never contains `..`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(transparent)]
pub struct UrlPath(String);

impl UrlPath {
    /// The output root.
    pub fn root() -> UrlPath {
        UrlPath(String::new())
    }

    /// A page directory made of segments, each already a safe slug or language code.
    pub fn dir<'a>(segments: impl IntoIterator<Item = &'a str>) -> UrlPath {
        let mut path = String::new();
        for segment in segments {
            if !segment.is_empty() {
                path.push_str(segment);
                path.push('/');
            }
        }
        UrlPath(path)
    }

    /// A file under `dir`.
    pub fn file(dir: &UrlPath, name: &str) -> UrlPath {
        UrlPath(format!("{}{name}", dir.0))
    }

    /// Parses a path from trusted Placard code; `None` if it would climb or is absolute.
    pub fn parse(path: &str) -> Option<UrlPath> {
        let safe = !path.starts_with('/')
            && !path.contains('\\')
            && path
                .split('/')
                .all(|s| s != ".." && s != "." && !s.starts_with('.') || s.is_empty());
        let no_empty_inner =
            !path.trim_end_matches('/').split('/').any(str::is_empty) || path.is_empty();
        (safe && no_empty_inner).then(|| UrlPath(path.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_dir(&self) -> bool {
        self.0.is_empty() || self.0.ends_with('/')
    }

    /// The file this location is written to: a directory's `index.html`.
    pub fn output_file(&self) -> String {
        if self.is_dir() {
            format!("{}index.html", self.0)
        } else {
            self.0.clone()
        }
    }

    /// The directory a link on this page is resolved against.
    fn base_segments(&self) -> Vec<&str> {
        let mut segments: Vec<&str> = self.0.split('/').collect();
        segments.pop(); // the file name, or the empty string after a trailing `/`
        segments
    }

    /// A relative link from the page at `self` to `target`. With `portable`, links to
    /// directories name their `index.html`, so the site also works from `file://` and zips.
    pub fn relative_to(&self, target: &UrlPath, portable: bool) -> String {
        let from = self.base_segments();
        let to: Vec<&str> = target.0.split('/').collect();
        let (to_dirs, to_last) = to.split_at(to.len().saturating_sub(1));
        let common = from.iter().zip(to_dirs).take_while(|(a, b)| a == b).count();
        let mut link = "../".repeat(from.len() - common);
        for segment in &to_dirs[common..] {
            link.push_str(segment);
            link.push('/');
        }
        let last = to_last.first().copied().unwrap_or_default();
        link.push_str(last);
        if portable && last.is_empty() {
            link.push_str("index.html");
        } else if link.is_empty() {
            link.push_str("./");
        }
        link
    }

    /// The absolute URL under `base_url` (which ends with `/`), for formats that need one.
    pub fn absolute(&self, base_url: &str) -> String {
        format!("{base_url}{}", self.0)
    }

    /// How many directories deep the page is (`en/cases/` is 2).
    pub fn depth(&self) -> usize {
        self.base_segments().len()
    }
}

impl fmt::Display for UrlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}", self.0)
    }
}

/// Percent-encodes everything but unreserved characters (letters, digits, `-._~`) and the
/// bytes in `keep`, for URLs built from text (share links, redirects).
pub fn percent_encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The page's relative `href` and `src` links made absolute paths, for a page that lives in
/// the folder `dir` (an absolute path ending in `/`, e.g. `/campaign/en/`) but is served at
/// any depth: a static host answers every missing address with the 404 page, where relative
/// links would lead nowhere. Links with a scheme, absolute paths and `#fragments` are kept.
pub fn rooted_links(html: &str, dir: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    loop {
        let next = ["href=\"", "src=\""]
            .iter()
            .filter_map(|attr| rest.find(attr).map(|at| (at + attr.len(), attr)))
            .min();
        let Some((start, _)) = next else { break };
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        if value.is_empty() || value.starts_with(['/', '#']) || value.contains(':') {
            out.push_str(value);
        } else {
            out.push_str(&rooted(value, dir));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `link`, relative to the folder `dir`, as an absolute path.
fn rooted(link: &str, dir: &str) -> String {
    let (path, fragment) = match link.find(['#', '?']) {
        Some(at) => link.split_at(at),
        None => (link, ""),
    };
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let parts = path.split('/');
    for part in parts {
        match part {
            ".." => {
                segments.pop();
            }
            "." | "" => {}
            name => segments.push(name),
        }
    }
    let folder = path.is_empty() || path.ends_with('/') || path.ends_with("/.") || path == ".";
    let mut out = String::from("/");
    out.push_str(&segments.join("/"));
    if folder && !segments.is_empty() {
        out.push('/');
    }
    out.push_str(fragment);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_of_a_page_served_anywhere_are_rooted() {
        let html = r##"<link href="../static/style.css"><a href="./">home</a><a href="cases/x/#top">x</a><img src="../media/a.jpg"><a href="https://example.org/">out</a><a href="#main">skip</a><a href="/abs/">abs</a><a href="../kk/404.html">kk</a>"##;
        assert_eq!(
            rooted_links(html, "/campaign/en/"),
            r##"<link href="/campaign/static/style.css"><a href="/campaign/en/">home</a><a href="/campaign/en/cases/x/#top">x</a><img src="/campaign/media/a.jpg"><a href="https://example.org/">out</a><a href="#main">skip</a><a href="/abs/">abs</a><a href="/campaign/kk/404.html">kk</a>"##
        );
        assert_eq!(
            rooted_links(r#"<a href="../">up</a>"#, "/en/"),
            r#"<a href="/">up</a>"#
        );
    }
    use proptest::prelude::*;

    fn p(s: &str) -> UrlPath {
        UrlPath(s.to_owned())
    }

    /// Resolves `link` against the page at `from` the way a browser does.
    fn resolve(from: &UrlPath, link: &str) -> String {
        let mut segments: Vec<String> =
            from.base_segments().iter().map(|s| s.to_string()).collect();
        let link = link.strip_prefix("./").unwrap_or(link);
        let mut parts: Vec<&str> = link.split('/').collect();
        let last = parts.pop().unwrap_or_default();
        for part in parts {
            if part == ".." {
                segments.pop();
            } else {
                segments.push(part.to_owned());
            }
        }
        let mut out = segments.join("/");
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(last);
        out
    }

    #[test]
    fn links_between_pages() {
        assert_eq!(
            p("en/cases/a/").relative_to(&p("en/cases/a/people/"), false),
            "people/"
        );
        assert_eq!(
            p("en/cases/a/people/x/").relative_to(&p("en/cases/a/"), false),
            "../../"
        );
        assert_eq!(p("en/").relative_to(&p("kk/"), false), "../kk/");
        assert_eq!(
            p("en/a/").relative_to(&p("static/s.css"), false),
            "../../static/s.css"
        );
        assert_eq!(p("en/a/").relative_to(&p("en/a/"), false), "./");
        assert_eq!(p("en/a/").relative_to(&p("en/a/"), true), "index.html");
        assert_eq!(p("").relative_to(&p("kk/"), true), "kk/index.html");
        assert_eq!(p("404.html").relative_to(&p("en/"), false), "en/");
    }

    #[test]
    fn parse_refuses_climbing_paths() {
        assert!(UrlPath::parse("../x").is_none());
        assert!(UrlPath::parse("/etc/passwd").is_none());
        assert!(UrlPath::parse("a/../../b").is_none());
        assert!(UrlPath::parse("a/.hidden").is_none());
        assert!(UrlPath::parse("a//b").is_none());
        assert!(UrlPath::parse("en/cases/x/").is_some());
        assert!(UrlPath::parse("").is_some());
    }

    fn segment() -> impl Strategy<Value = String> {
        "[a-z0-9][a-z0-9-]{0,6}"
    }

    fn path() -> impl Strategy<Value = UrlPath> {
        (
            prop::collection::vec(segment(), 0..5),
            prop::option::of(segment()),
        )
            .prop_map(|(dirs, file)| {
                let mut s = String::new();
                for d in dirs {
                    s.push_str(&d);
                    s.push('/');
                }
                if let Some(f) = file {
                    s.push_str(&f);
                    s.push_str(".html");
                }
                UrlPath(s)
            })
    }

    proptest! {
        #[test]
        fn a_relative_link_resolves_to_its_target(from in path(), to in path()) {
            let link = from.relative_to(&to, false);
            prop_assert!(!link.starts_with('/'));
            prop_assert_eq!(resolve(&from, &link), to.0.clone());
            let portable = from.relative_to(&to, true);
            let expected = if to.is_dir() { format!("{}index.html", to.0) } else { to.0.clone() };
            prop_assert_eq!(resolve(&from, &portable), expected);
        }
    }
}
