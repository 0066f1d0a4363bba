//! The files beside the pages: `sitemap.xml` with hreflang alternates, an Atom feed per
//! language, `robots.txt`, and `_headers` with the security headers for static hosts that
//! read it (Netlify, Cloudflare Pages).
//!
//! All of it is derived from the site and `--today`; nothing reads the clock.

use std::fmt::Write as _;

use super::pages::Renderer;
use crate::site::Site;
use crate::url::UrlPath;

/// The Content-Security-Policy of every page: only the site itself, no inline script, no eval.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; \
connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/// Entries in each language's feed: the newest events. Readers poll feeds, often over slow
/// connections; the whole timeline is on the site.
pub const FEED_ENTRIES: usize = 50;

/// The Atom feed of each language, by output path: all that rendered Markdown reaches
/// besides the pages.
pub fn atoms(site: &Site) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    site.config
        .languages
        .par_iter()
        .map(|language| {
            let path = format!("{}/atom.xml", language.code);
            (path, atom(site, language.code.as_str()).into_bytes())
        })
        .collect()
}

/// The sitemap, feeds, robots.txt and _headers, by output path.
pub fn files(site: &Site, renderer: &Renderer) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut put = |path: String, bytes: Vec<u8>| files.push((path, bytes));
    put("sitemap.xml".into(), sitemap(site, renderer).into_bytes());
    for (path, bytes) in atoms(site) {
        put(path, bytes);
    }
    let robots = format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    );
    put("robots.txt".into(), robots.into_bytes());
    let headers = format!(
        "/*\n  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n  Referrer-Policy: no-referrer\n  \
         X-Content-Type-Options: nosniff\n  Permissions-Policy: interest-cohort=(), geolocation=(), camera=(), microphone=()\n\
         /static/*\n  Cache-Control: public, max-age=31536000, immutable\n"
    );
    put("_headers".into(), headers.into_bytes());
    files
}

fn sitemap(site: &Site, renderer: &Renderer) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let source = site.config.source_language.as_str();
    let mut seen = std::collections::BTreeSet::new();
    for (lang, job) in renderer.jobs() {
        if matches!(job, super::Job::NotFound) || !seen.insert((lang.clone(), job.url())) {
            continue;
        }
        let real = renderer.real_languages(&job);
        if !real.contains(&lang.as_str()) {
            continue; // a fallback page is not a page of its own for search engines
        }
        let loc = |l: &str| {
            UrlPath::file(&UrlPath::dir([l]), job.url().as_str()).absolute(&site.config.base_url)
        };
        let _ = writeln!(
            xml,
            "  <url>\n    <loc>{}</loc>",
            escape(&loc(lang.as_str()))
        );
        for other in &real {
            let _ = writeln!(
                xml,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{}\"/>",
                escape(&loc(other))
            );
        }
        if real.contains(&source) {
            let _ = writeln!(
                xml,
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                escape(&loc(source))
            );
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The timeline events of every case, newest first; future events are left out until they
/// happen.
fn atom(site: &Site, lang: &str) -> String {
    let base = &site.config.base_url;
    let home = UrlPath::dir([lang]).absolute(base);
    let title = site.catalog.text(
        lang,
        "feed-title",
        &[("site", crate::i18n::Arg::Text(site.config.title_in(lang)))],
    );
    // The newest events first; only those that make the feed are written out.
    let mut dated = Vec::new();
    for case in &site.cases {
        for event in &case.events {
            let day = event.date.first_day();
            if day <= site.today {
                dated.push((day, case, event));
            }
        }
    }
    dated.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.slug.as_str().cmp(b.1.slug.as_str()))
            .then_with(|| a.2.anchor.cmp(&b.2.anchor))
    });
    dated.truncate(FEED_ENTRIES);
    let mut entries = Vec::new();
    {
        for (day, case, event) in dated {
            let url = format!(
                "{}#{}",
                UrlPath::file(&UrlPath::dir([lang]), case.timeline_url().as_str()).absolute(base),
                event.anchor
            );
            let text = event.prose.as_ref().and_then(|p| p.in_language(lang));
            let title = text
                .and_then(|(t, _)| t.title.clone())
                .unwrap_or_else(|| event.id.to_string());
            let summary = text.and_then(|(t, _)| t.summary.clone());
            entries.push((
                day,
                url,
                title,
                summary,
                text.map(|(t, _)| t.html.as_str().to_owned()),
            ));
        }
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let updated = entries.first().map_or(site.today, |e| e.0);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  \
         <title>{}</title>\n  <id>{}</id>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}atom.xml\"/>\n  <updated>{updated}T00:00:00Z</updated>\n",
        escape(&title),
        escape(&home),
        escape(&home),
        escape(&home),
    );
    for (day, url, title, summary, html) in entries {
        let _ = write!(
            xml,
            // The event's HTML links relative to the timeline page; xml:base says so.
            "  <entry xml:base=\"{}\">\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{day}T00:00:00Z</updated>\n",
            escape(url.split('#').next().unwrap_or_default()),
            escape(&title),
            escape(&url),
            escape(&url)
        );
        if let Some(summary) = summary {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape(&summary));
        }
        if let Some(html) = html {
            let _ = writeln!(
                xml,
                "    <content type=\"html\">{}</content>",
                escape(&html)
            );
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut rest = text;
    // Plain runs are copied whole; only the four special characters are replaced.
    while let Some(at) = rest.find(['&', '<', '>', '"']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&quot;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}
