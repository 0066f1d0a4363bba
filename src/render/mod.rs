//! Stage 3, `render`: every page of every language rendered from the theme's templates, in
//! parallel, then minified; plus the stylesheet, script, media, feeds, sitemap and headers.
//!
//! Pure: reads the [`Site`] and the [`Theme`], returns the output as bytes by path. Writing is
//! `write`'s job.

mod feeds;
mod pages;
pub mod views;

use rayon::prelude::*;
use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::site::Site;
use crate::theme::{self, Theme};
use crate::url::UrlPath;

pub use pages::Job;

#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub minify: bool,
    /// Links end in `index.html`, for `file://` and zips.
    pub portable: bool,
}

/// The rendered site: file contents by path from the output root.
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
    /// Pages rendered per language.
    pub pages: BTreeMap<String, usize>,
}

/// One page's output file, language, bytes (or template error) and other problems.
type RenderedPage<'a> = (
    String,
    &'a str,
    Result<Vec<u8>, Diagnostic>,
    Vec<Diagnostic>,
);

/// Renders the whole site.
pub fn render(site: &Site, theme: &Theme, options: RenderOptions) -> (Output, Vec<Diagnostic>) {
    let mut output = Output::default();
    let mut diagnostics = Vec::new();

    let css = if options.minify {
        minify_css(&theme.css)
    } else {
        theme.css.clone()
    };
    let css_path = hashed("style", "css", &css);
    let js_path = hashed("placard", "js", &theme.js);
    let renderer = pages::Renderer::new(site, theme, options, &css_path, &js_path);

    let jobs = renderer.jobs();
    let own_host = crate::privacy::host_of(&site.config.base_url);
    let allowed = &site.config.allowed_hosts;
    let rendered: Vec<RenderedPage> = jobs
        .par_iter()
        .map(|(lang, job)| {
            let path = renderer.path(lang, job);
            let mut problems = Vec::new();
            let result = renderer.render_page(lang, job).map(|html| {
                for found in crate::privacy::scan_html(&html, own_host.as_deref(), allowed) {
                    problems.push(off_site(
                        &path,
                        renderer.origin_of(lang, job, &found.url),
                        &found,
                    ));
                }
                finish(html, options.minify)
            });
            (path.output_file(), lang.as_str(), result, problems)
        })
        .collect();
    for (path, lang, result, problems) in rendered {
        diagnostics.extend(problems);
        match result {
            Ok(bytes) => {
                *output.pages.entry(lang.to_owned()).or_default() += 1;
                output.files.insert(path, bytes);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    for found in crate::privacy::scan_css(&theme.css, own_host.as_deref(), allowed) {
        let origin = std::path::PathBuf::from("themes (stylesheet)");
        diagnostics.push(off_site(&css_path, origin, &found));
    }
    match renderer.render_chooser() {
        Ok(html) => {
            output
                .files
                .insert("index.html".into(), finish(html, options.minify));
        }
        Err(d) => diagnostics.push(d),
    }

    output
        .files
        .insert(css_path.as_str().to_owned(), css.into_bytes());
    output
        .files
        .insert(js_path.as_str().to_owned(), theme.js.clone().into_bytes());
    for (name, bytes) in &theme.other_static {
        if let Some(path) = UrlPath::parse(&format!("static/{name}")) {
            output.files.insert(path.as_str().to_owned(), bytes.clone());
        }
    }
    for media in &site.media {
        output
            .files
            .insert(media.url.as_str().to_owned(), media.bytes.clone());
    }
    feeds::add(site, &renderer, &mut output);
    diagnostic_sort(&mut diagnostics);
    (output, diagnostics)
}

fn diagnostic_sort(diagnostics: &mut Vec<Diagnostic>) {
    crate::diagnostic::sort(diagnostics);
}

/// `static/NAME.HASH.EXT`: the name changes whenever the content does, so browsers and caches
/// may keep the file for ever.
fn hashed(name: &str, ext: &str, content: &str) -> UrlPath {
    let hash = crate::resolve::fingerprint(content);
    UrlPath::parse(&format!("static/{name}.{}.{ext}", &hash[..10])).unwrap_or_default()
}

fn finish(html: String, minify: bool) -> Vec<u8> {
    if !minify {
        return html.into_bytes();
    }
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = false;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Minifies a stylesheet with minify-html's CSS minifier, by way of a `<style>` element.
fn minify_css(css: &str) -> String {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    let wrapped = format!("<style>{css}</style>");
    let out = minify_html::minify(wrapped.as_bytes(), &cfg);
    let out = String::from_utf8_lossy(&out);
    out.strip_prefix("<style>")
        .and_then(|s| s.strip_suffix("</style>"))
        .map_or_else(|| css.to_owned(), str::to_owned)
}

/// A load from another host: a build error naming the page and the file that put it there.
fn off_site(
    page: &UrlPath,
    origin: std::path::PathBuf,
    found: &crate::privacy::OffSite,
) -> Diagnostic {
    Diagnostic::error(
        "off-site",
        crate::diagnostic::Location::file(origin),
        format!("page `{page}` would load `{}` from another host ({})", found.url, found.what),
    )
    .with_help("visitors must not contact other hosts: copy the file into the site (a case's media/ or the theme's static/), or, if readers may contact that host, list it in `allowed_hosts` in content/site.toml")
}

pub(crate) fn template_error(error: &tera::Error, theme: &Theme) -> Diagnostic {
    theme::template_diagnostic(error, &theme.origins)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_is_minified() {
        let css = "body {\n  color: red;\n}\n\n/* note */\na { color: blue }\n";
        let min = minify_css(css);
        assert!(min.len() < css.len(), "{min}");
        assert!(!min.contains("note"));
        assert!(
            min.contains("color:red") || min.contains("color:red;"),
            "{min}"
        );
    }

    #[test]
    fn hashed_names_follow_content() {
        assert_ne!(hashed("style", "css", "a"), hashed("style", "css", "b"));
        assert!(
            hashed("style", "css", "a")
                .as_str()
                .starts_with("static/style.")
        );
    }
}
