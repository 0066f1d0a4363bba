//! `check`: what a build does not catch page by page, found in the rendered output as a reader
//! would meet it: internal links and `#fragment` anchors that lead nowhere, assets (images,
//! stylesheets, scripts) that are missing, UI strings and page translations missing or stale.
//!
//! [`check_output`] is pure: it reads the resolved [`Site`] and the [`Output`], and the text of
//! a content file only through the function it is given, to point at the line that made a
//! link. [`check`] runs the stages first, writing nothing. Only [`check_with`] and external
//! options contact other hosts ([`external`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub mod external;
mod scan;

use crate::diagnostic::{self, Diagnostic, Location};
use crate::markdown::Markdown;
use crate::render::Output;
use crate::site::{Prose, Site, Translation};
use crate::url::UrlPath;
use crate::{BuildOptions, BuildReport};
use scan::{Scan, scan};

/// What `placard check` found.
#[derive(Debug, Default)]
pub struct Report {
    /// The build's diagnostics and the checks', sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// HTML pages whose links were checked.
    pub pages: usize,
    /// Internal links and asset references checked.
    pub links: usize,
    /// Distinct links to other sites (`http(s)`, not under the site's `base_url`), each with
    /// the pages that show it.
    pub external: BTreeMap<String, BTreeSet<String>>,
    /// What checking the external links found, when they were checked.
    pub external_checked: Option<external::Summary>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Builds the site in memory and checks it. Nothing is written.
pub fn check(options: &BuildOptions) -> Result<Report, crate::Error> {
    check_with(options, None)
}

/// Like [`check`], and with `external` options also asks other sites about the links to them
/// (broken ones are warnings). Writes nothing but the cache of those answers.
pub fn check_with(
    options: &BuildOptions,
    external: Option<&external::Options>,
) -> Result<Report, crate::Error> {
    let built = crate::build_with(options, &Markdown::new(), None)?;
    let BuildReport {
        mut diagnostics, ..
    } = built.report;
    let mut report = Report::default();
    if let (Some(site), Some(output)) = (&built.site, &built.output) {
        let read = |path: &Path| std::fs::read_to_string(options.root.join(path)).ok();
        let found = check_output(site, output, &read);
        diagnostics.extend(found.diagnostics);
        report.pages = found.pages;
        report.links = found.links;
        if let Some(external) = external {
            let checked = external::check_links(
                found.external.keys().map(String::as_str),
                &options.root,
                external,
            );
            diagnostics.extend(external::diagnostics(
                site,
                &found.external,
                &checked.outcomes,
                &read,
            ));
            report.external_checked = Some(checked.summary);
        }
        report.external = found.external;
    }
    diagnostic::sort(&mut diagnostics);
    report.diagnostics = diagnostics;
    Ok(report)
}

/// Checks every HTML page of `output`. `read_source` gives the text of a content file
/// (relative to the site root), to find the line a broken link was written on.
pub fn check_output(
    site: &Site,
    output: &Output,
    read_source: &dyn Fn(&Path) -> Option<String>,
) -> Report {
    let pages: BTreeMap<&str, Scan> = output
        .files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path.as_str(), scan(&String::from_utf8_lossy(bytes))))
        .collect();
    let prose = prose_by_page(site);
    let mut report = Report {
        pages: pages.len(),
        ..Report::default()
    };
    // One problem per place it was written, however many pages show it (a fallback
    // translation appears in every language).
    let mut problems: BTreeMap<(Location, Kind, String), Vec<&str>> = BTreeMap::new();
    for (page, found) in &pages {
        for reference in &found.references {
            let Some(target) = internal_target(page, &reference.value) else {
                if is_web_url(&reference.value) && !is_own(site, &reference.value) {
                    report
                        .external
                        .entry(reference.value.clone())
                        .or_default()
                        .insert((*page).to_owned());
                }
                continue;
            };
            report.links += 1;
            let Some(kind) = problem(&target, reference.asset, output, &pages) else {
                continue;
            };
            let location = locate(page, &reference.value, &prose, read_source);
            problems
                .entry((location, kind, reference.value.clone()))
                .or_default()
                .push(page);
        }
    }
    for ((location, kind, value), on) in problems {
        report
            .diagnostics
            .push(describe(location, kind, &value, &on));
    }
    report.diagnostics.extend(translations(site));
    diagnostic::sort(&mut report.diagnostics);
    report
}

/// What is wrong with a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// A link whose page does not exist.
    Link,
    /// An image, stylesheet, script... that does not exist.
    Asset,
    /// The page exists but has no element with the fragment's id.
    Anchor,
    /// Climbs above the site root.
    Outside,
}

/// `on page `x`` or `on page `x` and 2 more`.
fn on_pages(pages: &[&str]) -> String {
    match pages {
        [one] => format!("on page `{one}`"),
        [first, rest @ ..] => format!("on page `{first}` and {} more", rest.len()),
        [] => String::new(),
    }
}

fn describe(location: Location, kind: Kind, value: &str, pages: &[&str]) -> Diagnostic {
    let on = on_pages(pages);
    match kind {
        Kind::Link => Diagnostic::error(
            "broken-link",
            location,
            format!("link to `{value}` {on} leads to no page of this site"),
        )
        .with_help("link to pages with `@/` and the content file, e.g. `@/cases/demo/people/name.md`"),
        Kind::Asset => Diagnostic::error(
            "missing-asset",
            location,
            format!("`{value}` {on} is not a file of this site"),
        )
        .with_help("put the file in the case's `media/` folder (or the theme's `static/`) and check the name"),
        Kind::Anchor => Diagnostic::error(
            "broken-anchor",
            location,
            format!("link to `{value}` {on}: the page has no such anchor"),
        )
        .with_help("anchors are the ids of headings: lower case, spaces as dashes (`## Next steps` is `#next-steps`)"),
        Kind::Outside => Diagnostic::error(
            "broken-link",
            location,
            format!("link to `{value}` {on} leads outside the site"),
        )
        .with_help("link to pages of this site with `@/`; to other sites with a full `https://` address"),
    }
}

/// A link target inside the site.
#[derive(Debug)]
struct Target {
    /// The output file, or `None` when the link climbs out of the site.
    file: Option<String>,
    fragment: Option<String>,
}

/// Resolves `value` as a browser on `page` would; `None` for links to other sites and other
/// schemes (`mailto:`, `tel:`...).
fn internal_target(page: &str, value: &str) -> Option<Target> {
    let value = value.trim();
    if has_scheme(value) || value.starts_with("//") {
        return None;
    }
    let (rest, fragment) = match value.split_once('#') {
        Some((rest, fragment)) => (rest, Some(percent_decode(fragment))),
        None => (value, None),
    };
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() {
        return Some(Target {
            file: Some(page.to_owned()),
            fragment,
        });
    }
    let mut segments: Vec<String> = if path.starts_with('/') {
        Vec::new()
    } else {
        let mut base: Vec<String> = page.split('/').map(str::to_owned).collect();
        base.pop();
        base
    };
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    for part in &parts {
        match *part {
            ".." => {
                if segments.pop().is_none() {
                    return Some(Target {
                        file: None,
                        fragment,
                    });
                }
            }
            "." | "" => {}
            other => segments.push(percent_decode(other)),
        }
    }
    let is_dir = matches!(parts.last(), Some(&("" | "." | "..")));
    let mut file = segments.join("/");
    if is_dir || file.is_empty() {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Some(Target {
        file: Some(file),
        fragment,
    })
}

/// What is wrong with a resolved reference, if anything.
fn problem(
    target: &Target,
    asset: bool,
    output: &Output,
    pages: &BTreeMap<&str, Scan>,
) -> Option<Kind> {
    let Some(file) = &target.file else {
        return Some(Kind::Outside);
    };
    let file = if output.files.contains_key(file) {
        file.clone()
    } else if output.files.contains_key(&format!("{file}/index.html")) {
        // A folder without its slash: every host redirects it.
        format!("{file}/index.html")
    } else {
        return Some(if asset { Kind::Asset } else { Kind::Link });
    };
    let fragment = target.fragment.as_deref().unwrap_or_default();
    if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
        return None;
    }
    match pages.get(file.as_str()) {
        Some(scan) if !scan.ids.contains(fragment) => Some(Kind::Anchor),
        _ => None,
    }
}

fn has_scheme(value: &str) -> bool {
    match value.split_once(':') {
        Some((scheme, _)) => {
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

fn is_web_url(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// A link to the site's own public address (canonical and alternate links, feeds): this
/// site, whose published copy is not what is being checked.
fn is_own(site: &Site, value: &str) -> bool {
    let base = site.config.base_url.to_ascii_lowercase();
    is_web_url(&base) && value.trim().to_ascii_lowercase().starts_with(&base)
}

/// Decodes `%XX` escapes; anything undecodable is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// For each page built from prose, the translations it shows.
fn prose_by_page(site: &Site) -> HashMap<String, Vec<&Translation>> {
    // Page URLs below a language root, with the prose each shows.
    let mut pages: Vec<(UrlPath, Vec<&Prose>)> =
        vec![(UrlPath::root(), site.home.iter().collect())];
    pages.extend(site.pages.iter().map(|p| (p.url.clone(), vec![&p.prose])));
    for case in &site.cases {
        pages.push((case.url.clone(), case.overview.iter().collect()));
        pages.push((case.act_url(), case.act.iter().collect()));
        pages.push((
            case.timeline_url(),
            case.events
                .iter()
                .filter_map(|e| e.prose.as_ref())
                .collect(),
        ));
        pages.push((
            case.legal_url(),
            case.analyses
                .iter()
                .filter_map(|a| a.prose.as_ref())
                .collect(),
        ));
        for person in &case.people {
            pages.push((person.url.clone(), person.biography.iter().collect()));
        }
        for analysis in &case.analyses {
            pages.push((analysis.url.clone(), analysis.prose.iter().collect()));
        }
    }
    let mut map: HashMap<String, Vec<&Translation>> = HashMap::new();
    for language in &site.config.languages {
        let lang = language.code.as_str();
        for (url, prose) in &pages {
            let page = UrlPath::file(&UrlPath::dir([lang]), url.as_str()).output_file();
            map.entry(page).or_default().extend(
                prose
                    .iter()
                    .filter_map(|p| p.in_language(lang))
                    .map(|(t, _)| t),
            );
        }
    }
    map
}

/// The content file (and line, when found) that put `value` on `page`; the page itself when
/// the link came from the theme.
fn locate(
    page: &str,
    value: &str,
    prose: &HashMap<String, Vec<&Translation>>,
    read_source: &dyn Fn(&Path) -> Option<String>,
) -> Location {
    let escaped = value.replace('&', "&amp;").replace('"', "&quot;");
    let from = prose.get(page).and_then(|translations| {
        translations
            .iter()
            .find(|t| t.html.as_str().contains(&format!("=\"{escaped}\"")))
    });
    let Some(translation) = from else {
        return Location::file(PathBuf::from(page));
    };
    let Some(text) = read_source(&translation.path) else {
        return Location::file(&translation.path);
    };
    // As written: the link itself, or for a resolved `@/` link its fragment.
    // Markdown percent-encodes what is not ASCII (`Қазақстан`), so also look for it decoded.
    let mut needles = vec![value.to_owned()];
    let decoded = percent_decode(value);
    if decoded != value {
        needles.push(decoded);
    }
    if let Some((_, fragment)) = value.split_once('#')
        && !fragment.is_empty()
    {
        needles.push(format!("#{fragment}"));
    }
    for needle in &needles {
        if let Some(offset) = text.find(needle.as_str()) {
            return Location::at_offset(&translation.path, &text, offset, 1);
        }
    }
    Location::file(&translation.path)
}

/// Missing UI strings and a summary of missing and stale translations, as warnings: the site
/// still builds, falling back to the source language.
fn translations(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for status in crate::status::status(site, None) {
        let lang = &status.language;
        if !status.missing_keys.is_empty() {
            let keys: Vec<String> = status
                .missing_keys
                .iter()
                .map(|k| format!("`{k}`"))
                .collect();
            out.push(
                Diagnostic::warning(
                    "missing-ui-key",
                    Location::file(format!("i18n/{lang}.ftl")),
                    format!(
                        "{} UI string(s) have no `{lang}` translation and show in {}: {}",
                        keys.len(),
                        site.config.source_language.as_str(),
                        keys.join(", ")
                    ),
                )
                .with_help(format!("add them to `i18n/{lang}.ftl`")),
            );
        }
        if !status.missing.is_empty() || !status.stale.is_empty() {
            let total = status.current.len() + status.stale.len() + status.missing.len();
            out.push(
                Diagnostic::warning(
                    "translations",
                    Location::file("content"),
                    format!(
                        "`{lang}`: {} of {total} page(s) not translated, {} out of date",
                        status.missing.len(),
                        status.stale.len()
                    ),
                )
                .with_help(format!("`placard i18n status --lang {lang}` lists them")),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(page: &str, value: &str) -> Option<(Option<String>, Option<String>)> {
        internal_target(page, value).map(|t| (t.file, t.fragment))
    }

    #[test]
    fn links_resolve_like_a_browser() {
        let page = "en/cases/demo/index.html";
        assert_eq!(
            target(page, "people/"),
            Some((Some("en/cases/demo/people/index.html".into()), None))
        );
        assert_eq!(
            target(page, "../../about/#who"),
            Some((Some("en/about/index.html".into()), Some("who".into())))
        );
        assert_eq!(
            target(page, "#x"),
            Some((Some(page.into()), Some("x".into())))
        );
        assert_eq!(
            target(page, "../../../static/a%20b.css?v=1"),
            Some((Some("static/a b.css".into()), None))
        );
        assert_eq!(target(page, "../../../../x"), Some((None, None)));
        assert_eq!(
            target(page, "./"),
            Some((Some("en/cases/demo/index.html".into()), None))
        );
        assert_eq!(
            target(page, ".."),
            Some((Some("en/cases/index.html".into()), None))
        );
        assert_eq!(
            target("index.html", "en/"),
            Some((Some("en/index.html".into()), None))
        );
        assert_eq!(target(page, "https://example.org/"), None);
        assert_eq!(target(page, "mailto:a@b.c"), None);
        assert_eq!(target(page, "//cdn.example/x.js"), None);
    }
}
