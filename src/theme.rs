//! The theme: templates (the default theme's embedded in the binary, any of them overridden
//! by a site's own file of the same name) and static files (CSS and JS, published under
//! content-hashed names for cache busting).
//!
//! Builds a ready Tera instance; renders nothing itself.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Location};

macro_rules! embedded {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/", $dir, "/", $name)))),*]
    };
}

/// The default theme's templates, by file name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded!("templates":
    "base.html", "home.html", "case.html", "people.html", "person.html", "timeline.html",
    "legal.html", "analysis.html", "act.html", "sources.html", "page.html", "404.html",
    "chooser.html",
);

/// The default theme's static files. CSS files are joined into one stylesheet, so a visitor
/// on a slow network makes one request for all styles.
pub const DEFAULT_STATIC: &[(&str, &str)] =
    embedded!("static": "style.css", "code.css", "placard.js");

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme").finish_non_exhaustive()
    }
}

pub struct Theme {
    pub tera: tera::Tera,
    /// Where each template came from, for diagnostics: name → path relative to the site root.
    pub origins: BTreeMap<String, PathBuf>,
    /// Template texts by name, to find which template put something on a page.
    pub texts: BTreeMap<String, String>,
    /// The stylesheet (all CSS joined) and script, before hashing.
    pub css: String,
    pub js: String,
    /// Other static files of a site theme, published as they are under `static/`.
    pub other_static: Vec<(String, Vec<u8>)>,
}

/// Builds the theme from the embedded defaults and the site's overrides.
pub fn build(
    overrides: &[(String, String, PathBuf)],
    site_static: &[(String, Vec<u8>)],
) -> (Option<Theme>, Vec<Diagnostic>) {
    let mut sources: BTreeMap<String, (String, PathBuf)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| {
            (
                (*name).to_owned(),
                (
                    (*text).to_owned(),
                    PathBuf::from(format!("themes/default/templates/{name} (built in)")),
                ),
            )
        })
        .collect();
    for (name, text, path) in overrides {
        sources.insert(name.clone(), (text.clone(), path.clone()));
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let origins: BTreeMap<String, PathBuf> = sources
        .iter()
        .map(|(n, (_, p))| (n.clone(), p.clone()))
        .collect();
    let texts: BTreeMap<String, String> = sources.into_iter().map(|(n, (t, _))| (n, t)).collect();
    let templates: Vec<(String, String)> =
        texts.iter().map(|(n, t)| (n.clone(), t.clone())).collect();
    if let Err(error) = tera.add_raw_templates(templates) {
        return (None, vec![template_diagnostic(&error, &origins)]);
    }
    let mut css_parts: BTreeMap<String, String> = DEFAULT_STATIC
        .iter()
        .filter(|(n, _)| n.ends_with(".css"))
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    let mut js = DEFAULT_STATIC
        .iter()
        .find(|(n, _)| *n == "placard.js")
        .map(|(_, t)| (*t).to_owned())
        .unwrap_or_default();
    let mut other_static = Vec::new();
    for (name, bytes) in site_static {
        match (name.as_str(), std::str::from_utf8(bytes)) {
            ("placard.js", Ok(text)) => js = text.to_owned(),
            (n, Ok(text)) if n.ends_with(".css") && !n.contains('/') => {
                css_parts.insert(n.to_owned(), text.to_owned());
            }
            _ => other_static.push((name.clone(), bytes.clone())),
        }
    }
    // style.css first: it holds the custom properties the other sheets use.
    let mut css = css_parts.remove("style.css").unwrap_or_default();
    for part in css_parts.values() {
        css.push('\n');
        css.push_str(part);
    }
    (
        Some(Theme {
            tera,
            origins,
            texts,
            css,
            js,
            other_static,
        }),
        Vec::new(),
    )
}

/// A Tera error as a diagnostic located in the template that caused it.
pub fn template_diagnostic(error: &tera::Error, origins: &BTreeMap<String, PathBuf>) -> Diagnostic {
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let mut source = std::error::Error::source(error);
    let mut detail = String::new();
    while let Some(inner) = source {
        detail = inner.to_string();
        source = inner.source();
    }
    match report {
        Some(r) => {
            let path = origins
                .get(r.filename())
                .cloned()
                .unwrap_or_else(|| PathBuf::from(r.filename()));
            // Tera's messages start with a capital and end with a full stop; Placard's do not.
            let trimmed = r.message().trim().trim_end_matches('.');
            let mut chars = trimmed.chars();
            let message: String = chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default();
            Diagnostic::error(
                "template",
                Location::at(path, r.span().start_line, r.span().start_col + 1),
                message,
            )
            .with_help("fix the template; Tera's syntax is described at keats.github.io/tera")
        }
        None => {
            let text = if detail.is_empty() {
                error.to_string()
            } else {
                format!("{error}: {detail}")
            };
            Diagnostic::error(
                "template",
                Location::file("themes"),
                text.trim().to_lowercase(),
            )
        }
    }
}
