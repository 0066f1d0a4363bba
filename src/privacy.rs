//! The no-third-party rule, enforced: finds everything in a page or stylesheet that a browser
//! would load on its own from another host (scripts, styles, fonts, images, frames, media,
//! preloads, CSS `url()` and `@import`). Links a visitor chooses to follow are fine.
//!
//! Pure text scanning of Placard's own output; it reports, the caller decides.

/// A resource the page would load from another host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffSite {
    pub url: String,
    /// What loads it, e.g. `<img src>` or `CSS url()`.
    pub what: String,
}

/// Whether `url` is loaded from a host other than the site's own or the allowed ones.
fn is_off_site(url: &str, own_host: Option<&str>, allowed: &[String]) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("//") {
        r
    } else if let Some((scheme, r)) = lower.split_once("://") {
        if !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        {
            return false;
        }
        r
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or_default();
    Some(host) != own_host && !allowed.iter().any(|a| a.eq_ignore_ascii_case(host))
}

/// The host of the site's base URL.
pub fn host_of(base_url: &str) -> Option<String> {
    let rest = base_url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(
        host.split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase(),
    )
}

/// Attributes that make the browser fetch something, by element.
fn fetching_attributes(tag: &str, attrs: &[(String, String)]) -> &'static [&'static str] {
    match tag {
        "script" | "iframe" | "frame" | "embed" | "audio" | "track" | "input" => &["src"],
        "img" => &["src", "srcset"],
        "source" => &["src", "srcset"],
        "video" => &["src", "poster"],
        "object" => &["data"],
        "image" | "use" => &["href", "xlink:href"],
        "body" | "table" | "td" | "th" => &["background"],
        "link" => {
            let rel = attrs
                .iter()
                .find(|(k, _)| k == "rel")
                .map(|(_, v)| v.to_ascii_lowercase())
                .unwrap_or_default();
            let loads = rel.split_whitespace().any(|r| {
                matches!(
                    r,
                    "stylesheet"
                        | "icon"
                        | "preload"
                        | "prefetch"
                        | "modulepreload"
                        | "preconnect"
                        | "dns-prefetch"
                        | "manifest"
                        | "apple-touch-icon"
                        | "prerender"
                )
            });
            if loads { &["href"] } else { &[] }
        }
        _ => &[],
    }
}

/// Scans HTML for off-site loads: elements' fetching attributes, `style` attributes and
/// `<style>` elements.
pub fn scan_html(html: &str, own_host: Option<&str>, allowed: &[String]) -> Vec<OffSite> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with("!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let tag = rest[..name_end].to_ascii_lowercase();
        let (attrs, after) = parse_attributes(&rest[name_end..]);
        rest = after;
        for wanted in fetching_attributes(&tag, &attrs) {
            for (key, value) in attrs.iter().filter(|(k, _)| k == wanted) {
                let urls: Vec<&str> = if key == "srcset" {
                    value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .collect()
                } else {
                    vec![value.as_str()]
                };
                for url in urls
                    .into_iter()
                    .filter(|u| is_off_site(u, own_host, allowed))
                {
                    found.push(OffSite {
                        url: url.to_owned(),
                        what: format!("<{tag} {key}>"),
                    });
                }
            }
        }
        for (_, style) in attrs.iter().filter(|(k, _)| k == "style") {
            found.extend(scan_css(style, own_host, allowed));
        }
        if tag == "style" {
            let end = rest
                .to_ascii_lowercase()
                .find("</style")
                .unwrap_or(rest.len());
            found.extend(scan_css(&rest[..end], own_host, allowed));
            rest = &rest[end..];
        }
    }
    found
}

/// Attributes up to the end of the tag, and what follows the tag.
fn parse_attributes(text: &str) -> (Vec<(String, String)>, &str) {
    let mut attrs = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return (attrs, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (attrs, after);
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len())
            .max(1);
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after_eq) = rest.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            let (v, r) = match after_eq.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after_eq[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after_eq
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(after_eq.len());
                    (&after_eq[..end], &after_eq[end..])
                }
            };
            value = decode_entities(v);
            rest = r;
        }
        attrs.push((name, value));
    }
}

/// Enough entity decoding to see a URL the way a browser does.
fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_owned();
    }
    value
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&#58;", ":")
        .replace("&colon;", ":")
        .replace("&sol;", "/")
        .replace("&amp;", "&")
}

/// Scans CSS for `url(...)` and `@import` of other hosts.
pub fn scan_css(css: &str, own_host: Option<&str>, allowed: &[String]) -> Vec<OffSite> {
    let mut found = Vec::new();
    let lower = css.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower[at..].find("url(") {
        let start = at + i + 4;
        let end = lower[start..].find(')').map_or(css.len(), |e| start + e);
        let url = css[start..end].trim().trim_matches(['"', '\'']);
        if is_off_site(url, own_host, allowed) {
            found.push(OffSite {
                url: url.to_owned(),
                what: "CSS url()".into(),
            });
        }
        at = end.min(css.len());
        if at >= css.len() {
            break;
        }
    }
    let mut at = 0;
    while let Some(i) = lower[at..].find("@import") {
        let start = at + i + 7;
        let rest = css[start..].trim_start().trim_start_matches("url(");
        let url: String = rest
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| !matches!(c, '"' | '\'' | ')' | ';' | ' '))
            .collect();
        if is_off_site(&url, own_host, allowed) {
            found.push(OffSite {
                url,
                what: "CSS @import".into(),
            });
        }
        at = start;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(found: Vec<OffSite>) -> Vec<String> {
        found.into_iter().map(|f| f.url).collect()
    }

    #[test]
    fn finds_every_kind_of_off_site_load() {
        let html = r#"<script src="https://cdn.example/x.js"></script>
<link rel="stylesheet" href="//fonts.example/css"><link rel=preload href=https://a.example/f.woff2>
<img src='https://t.example/p.gif' srcset="a.png 1x, https://s.example/b.png 2x"><iframe src="https://v.example/"></iframe>
<video poster="https://p.example/i.jpg"></video><div style="background:url(https://bg.example/i.png)"></div>
<style>@import "https://i.example/a.css"; body{background:url('https://u.example/x.png')}</style>"#;
        assert_eq!(
            urls(scan_html(html, Some("site.example"), &[])),
            [
                "https://cdn.example/x.js",
                "//fonts.example/css",
                "https://a.example/f.woff2",
                "https://t.example/p.gif",
                "https://s.example/b.png",
                "https://v.example/",
                "https://p.example/i.jpg",
                "https://bg.example/i.png",
                "https://u.example/x.png",
                "https://i.example/a.css",
            ]
        );
    }

    #[test]
    fn clickable_links_own_host_and_allowed_hosts_are_fine() {
        let html = r#"<a href="https://other.example/">x</a><link rel=alternate href="https://other.example/feed">
<img src="../media/a.jpg"><img src="https://site.example/a.jpg"><script src="https://ok.example/a.js"></script>
<!-- <img src="https://commented.example/x.png"> -->"#;
        assert!(scan_html(html, Some("site.example"), &["ok.example".to_owned()]).is_empty());
    }

    #[test]
    fn hosts_are_read_like_a_browser() {
        assert!(is_off_site(
            "HTTPS://Evil.Example/x",
            Some("site.example"),
            &[]
        ));
        assert!(is_off_site(
            "https://site.example@evil.example/",
            Some("site.example"),
            &[]
        ));
        assert!(!is_off_site(
            "https://site.example:8443/x",
            Some("site.example"),
            &[]
        ));
        assert!(!is_off_site("data-not-a-scheme", None, &[]));
        assert_eq!(
            host_of("https://Example.org:80/sub/").as_deref(),
            Some("example.org")
        );
    }
}
