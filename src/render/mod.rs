//! Stage 3, `render`: every page of every language rendered from the theme's templates, in
//! parallel, then minified; plus the stylesheet, script, media, feeds, sitemap and headers.
//!
//! Pure: reads the [`Site`] and the [`Theme`], returns the output as bytes by path. Writing is
//! `write`'s job.

mod feeds;
mod memo;
mod pages;
pub mod views;

use rayon::prelude::*;
use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::markdown::TrustedHtml;
use crate::site::Site;
use crate::theme::{self, Theme};
use crate::url::UrlPath;

pub use feeds::FEED_ENTRIES;
pub use memo::{PageMemo, PageStats};
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

/// Where rendered files go, from any rendering thread, as soon as each is ready: `build`
/// streams them into its temporary folder ([`crate::write::Staging`]), so that a big site is
/// never held in memory whole; `serve` and `check` collect them ([`Collect`]).
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>);
    /// About how many files are coming, once the render knows.
    fn expect(&self, _files: usize) {}
}

/// A sink that keeps every file in memory.
#[derive(Debug, Default)]
pub struct Collect(std::sync::Mutex<BTreeMap<String, Vec<u8>>>);

impl Sink for Collect {
    fn put(&self, path: String, bytes: Vec<u8>) {
        if let Ok(mut files) = self.0.lock() {
            files.insert(path, bytes);
        }
    }
}

impl Collect {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// What a render sent to its sink: pages per language, and files in all.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub pages: BTreeMap<String, usize>,
    pub files: usize,
}

/// One page's output file, language, bytes, other problems and Markdown shown (or template
/// error), and the key the page memo files it under.
type RenderedPage<'a> = (
    String,
    &'a str,
    Result<memo::Page, Diagnostic>,
    Option<String>,
    bool,
);

/// A digest of a piece of rendered Markdown, by which the dev server finds the pages that
/// show it.
pub(crate) fn body_digest(html: &str) -> u64 {
    crate::resolve::text_digest(html)
}

/// What rendering any one page needs.
struct Context<'a> {
    site: &'a Site,
    renderer: &'a pages::Renderer<'a>,
    options: RenderOptions,
    own_host: Option<String>,
    allowed: &'a [String],
}

impl<'a> Context<'a> {
    fn new(site: &'a Site, renderer: &'a pages::Renderer<'a>, options: RenderOptions) -> Self {
        Context {
            site,
            renderer,
            options,
            own_host: crate::privacy::host_of(&site.config.base_url),
            allowed: &site.config.allowed_hosts,
        }
    }

    /// Renders a page from its view: the bytes, the off-site loads found in it, and (when
    /// `digests`) digests of the Markdown it shows.
    fn page(
        &self,
        lang: &crate::model::LanguageCode,
        job: &Job,
        mut view: views::PageView,
        digests: bool,
    ) -> Result<memo::Page, Diagnostic> {
        let path = self.renderer.path(lang, job);
        let bodies = if self.options.minify {
            punch_holes(&mut view)
        } else {
            Vec::new()
        };
        let mut html = self.renderer.render_view(&view, job.template())?;
        if matches!(job, Job::NotFound) && !self.options.portable {
            // Static hosts answer a missing address at any depth with this page.
            let base = &self.site.config.base_url;
            let path = base
                .split_once("://")
                .and_then(|(_, rest)| rest.find('/').map(|at| &rest[at..]))
                .unwrap_or("/");
            html = crate::url::rooted_links(&html, &format!("{path}{lang}/"));
        }
        let mut problems = Vec::new();
        // Rendered Markdown without raw HTML can load nothing but its images: a body with no
        // `<img` need not be scanned.
        let may_load = |body: &&str| self.site.config.allow_html || body.contains("<img");
        let scanned = std::iter::once(html.as_str())
            .chain(bodies.iter().map(TrustedHtml::as_str).filter(may_load));
        for part in scanned {
            for found in crate::privacy::scan_html(part, self.own_host.as_deref(), self.allowed) {
                problems.push(off_site(
                    &path,
                    self.renderer.origin_of(lang, job, &found.url),
                    &found,
                ));
            }
        }
        let shown = if digests {
            bodies.iter().map(|b| body_digest(b.as_str())).collect()
        } else {
            Vec::new()
        };
        let bytes = finish_with_holes(html, &bodies, self.options.minify);
        Ok((bytes, problems, shown))
    }
}

/// Renders the whole site in memory.
pub fn render(site: &Site, theme: &Theme, options: RenderOptions) -> (Output, Vec<Diagnostic>) {
    let collect = Collect::default();
    let (rendered, diagnostics) = render_with(site, theme, options, None, &collect);
    let output = Output {
        files: collect.into_files(),
        pages: rendered.pages,
    };
    (output, diagnostics)
}

/// Renders the whole site into `sink`; with a memo (the dev server's), pages whose input is
/// unchanged since the last render are not rendered again.
pub fn render_with(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    mut memo: Option<&mut PageMemo>,
    sink: &dyn Sink,
) -> (Rendered, Vec<Diagnostic>) {
    let mut output = Rendered::default();
    let mut diagnostics = Vec::new();
    let files = std::cell::Cell::new(0usize);
    let put = |path: String, bytes: Vec<u8>| {
        files.set(files.get() + 1);
        sink.put(path, bytes);
    };

    let (css, css_path, js_path) = assets(theme, options);
    let renderer = pages::Renderer::new(site, theme, options, &css_path, &js_path);

    let jobs = renderer.jobs();
    sink.expect(jobs.len());
    let own_host = crate::privacy::host_of(&site.config.base_url);
    let allowed = &site.config.allowed_hosts;
    if let Some(memo) = memo.as_deref_mut() {
        memo.begin(shared_salt(theme, &renderer, own_host.as_deref(), allowed));
    }
    let previous = memo.as_deref();
    // What each page's memo key holds besides its view: its template with those it extends,
    // and its language's UI strings; so an edit to one template or one `.ftl` file renders
    // again only the pages that use it.
    let templates = previous
        .map(|_| template_digests(theme))
        .unwrap_or_default();
    let strings: std::collections::HashMap<&str, String> = previous
        .map(|_| {
            site.config
                .languages
                .iter()
                .map(|l| {
                    let text = renderer.strings_input(l.code.as_str());
                    (l.code.as_str(), memo::salt([text.as_bytes()]))
                })
                .collect()
        })
        .unwrap_or_default();
    let context = Context::new(site, &renderer, options);
    // The sitemap and feeds are made alongside the pages.
    let (rendered, feed_files) = rayon::join(
        || -> Vec<RenderedPage> {
            jobs.par_iter()
                .map(|(lang, job)| {
                    let file = renderer.path(lang, job).output_file();
                    let view = renderer.view_of(lang, job);
                    let key = previous.map(|_| {
                        let json = serde_json::to_string(&view).unwrap_or_default();
                        let template = job.template();
                        let uses = templates.get(template).map_or("", String::as_str);
                        let ui = strings.get(lang.as_str()).map_or("", String::as_str);
                        format!("{template} {uses} {ui}\n{json}")
                    });
                    if let (Some(memo), Some(key)) = (previous, &key)
                        && let Some(page) = memo.get(&file, key)
                    {
                        return (
                            file,
                            lang.as_str(),
                            Ok(page.clone()),
                            Some(key.clone()),
                            true,
                        );
                    }
                    let result = context.page(lang, job, view, previous.is_some()).map(
                        |(bytes, problems, shown)| {
                            if previous.is_some() {
                                (bytes, problems, shown)
                            } else {
                                // Without a memo to fill, the page goes straight to the sink.
                                sink.put(file.clone(), bytes);
                                (Vec::new(), problems, shown)
                            }
                        },
                    );
                    (file, lang.as_str(), result, key, false)
                })
                .collect()
        },
        || feeds::files(site, &renderer),
    );
    let mut kept = std::collections::HashMap::new();
    let mut reused = 0;
    for (path, lang, result, key, hit) in rendered {
        match result {
            Ok((bytes, problems, shown)) => {
                *output.pages.entry(lang.to_owned()).or_default() += 1;
                // Pages with problems name the content file that caused them, which the view
                // need not show: they are always rendered afresh.
                if let Some(key) = key.filter(|_| problems.is_empty()) {
                    reused += usize::from(hit);
                    kept.insert(path.clone(), (key, (bytes.clone(), Vec::new(), shown)));
                }
                diagnostics.extend(problems);
                if previous.is_some() {
                    put(path, bytes);
                } else {
                    files.set(files.get() + 1);
                }
            }
            Err(d) => diagnostics.push(d),
        }
    }
    if let Some(memo) = memo {
        memo.end(kept, reused);
    }
    for found in crate::privacy::scan_css(&theme.css, own_host.as_deref(), allowed) {
        let origin = std::path::PathBuf::from("themes (stylesheet)");
        diagnostics.push(off_site(&css_path, origin, &found));
    }
    match renderer.render_chooser() {
        Ok(html) => put("index.html".into(), finish(html, options.minify)),
        Err(d) => diagnostics.push(d),
    }

    put(css_path.as_str().to_owned(), css.into_bytes());
    put(js_path.as_str().to_owned(), theme.js.clone().into_bytes());
    for (name, bytes) in &theme.other_static {
        if let Some(path) = UrlPath::parse(&format!("static/{name}")) {
            put(path.as_str().to_owned(), bytes.clone());
        }
    }
    for media in &site.media {
        put(media.url.as_str().to_owned(), media.bytes.clone());
    }
    for (path, bytes) in feed_files {
        put(path, bytes);
    }
    output.files = files.get();
    diagnostic_sort(&mut diagnostics);
    (output, diagnostics)
}

/// Renders again only the pages at `files` (output paths), and, with `feeds`, the Atom
/// feeds, which show the newest events: the dev server's quick path after an edit of one
/// document's text. `None` when a page has a problem to report; a full build will report it.
pub fn render_again(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    memo: &mut PageMemo,
    files: &std::collections::BTreeSet<String>,
    feeds: bool,
) -> Option<Vec<(String, Vec<u8>)>> {
    let (_, css_path, js_path) = assets(theme, options);
    let renderer = pages::Renderer::new(site, theme, options, &css_path, &js_path);
    let context = Context::new(site, &renderer, options);
    let jobs = renderer.jobs();
    let wanted: Vec<(String, &(crate::model::LanguageCode, Job))> = jobs
        .iter()
        .map(|lang_job| {
            (
                renderer.path(&lang_job.0, &lang_job.1).output_file(),
                lang_job,
            )
        })
        .filter(|(file, _)| files.contains(file))
        .collect();
    if wanted.len() != files.len() {
        return None;
    }
    let rendered: Vec<(String, Result<memo::Page, Diagnostic>)> = wanted
        .into_par_iter()
        .map(|(file, (lang, job))| {
            let view = renderer.view_of(lang, job);
            (file, context.page(lang, job, view, true))
        })
        .collect();
    let mut out = Vec::new();
    for (file, result) in rendered {
        let (bytes, problems, shown) = result.ok()?;
        if !problems.is_empty() {
            return None;
        }
        memo.replaced(&file, &shown);
        out.push((file, bytes));
    }
    if feeds {
        out.extend(feeds::atoms(site));
    }
    Some(out)
}

/// For each template, a digest of its text and of every template it extends, includes or
/// imports, found in its source. A template naming another by anything but a plain string
/// depends on them all.
fn template_digests(theme: &Theme) -> std::collections::HashMap<String, String> {
    let all = memo::salt(
        theme
            .texts
            .iter()
            .flat_map(|(name, text)| [name.as_bytes(), text.as_bytes()]),
    );
    let mut digests = std::collections::HashMap::new();
    for name in theme.texts.keys() {
        let mut seen = std::collections::BTreeSet::new();
        let mut todo = vec![name.clone()];
        let mut dynamic = false;
        while let Some(next) = todo.pop() {
            if !seen.insert(next.clone()) {
                continue;
            }
            let Some(text) = theme.texts.get(&next) else {
                continue;
            };
            match referenced(text) {
                Some(names) => todo.extend(names),
                None => dynamic = true,
            }
        }
        let digest = if dynamic {
            all.clone()
        } else {
            memo::salt(
                seen.iter()
                    .filter_map(|n| theme.texts.get_key_value(n))
                    .flat_map(|(n, t)| [n.as_bytes(), t.as_bytes()]),
            )
        };
        digests.insert(name.clone(), digest);
    }
    digests
}

/// The templates a template's source names in `extends`, `include` and `import` tags;
/// `None` when one is named by an expression rather than a string.
fn referenced(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        rest = &rest[start + 2..];
        let tag = rest.trim_start_matches('-').trim_start();
        let Some(after) = ["extends", "include", "import"]
            .iter()
            .find_map(|k| tag.strip_prefix(k))
            .filter(|a| a.starts_with(char::is_whitespace))
        else {
            continue;
        };
        let after = after.trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let inner = &after[1..];
        let end = inner.find(quote)?;
        names.push(inner[..end].to_owned());
    }
    Some(names)
}

/// The stylesheet as published (minified when asked), and the content-hashed paths of the
/// stylesheet and the script.
fn assets(theme: &Theme, options: RenderOptions) -> (String, UrlPath, UrlPath) {
    let css = if options.minify {
        minify_css(&theme.css)
    } else {
        theme.css.clone()
    };
    let css_path = hashed("style", "css", &css);
    let js_path = hashed("placard", "js", &theme.js);
    (css, css_path, js_path)
}

/// What every page shares: the theme, the hosts the privacy check allows, the UI strings and
/// the options.
fn shared_salt(
    theme: &Theme,
    renderer: &pages::Renderer<'_>,
    own_host: Option<&str>,
    allowed: &[String],
) -> String {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    parts.push(format!("{:?} {own_host:?} {allowed:?}", theme.origins).into_bytes());
    parts.push(theme.css.clone().into_bytes());
    parts.push(theme.js.clone().into_bytes());
    for (name, bytes) in &theme.other_static {
        parts.push(name.clone().into_bytes());
        parts.push(bytes.clone());
    }
    parts.push(renderer.shared_input());
    memo::salt(parts.iter().map(Vec::as_slice))
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

/// Where rendered Markdown goes while a page's own markup is minified. Private-use
/// characters, which minify-html keeps as text and content never needs.
fn hole(index: usize) -> String {
    format!("\u{E000}{index}\u{E001}")
}

/// Takes the rendered Markdown out of a view, leaving holes. Comrak writes compact HTML:
/// minifying it again costs half the build for about one per cent of bytes (see
/// benches/README.md), so only the templates' markup goes through minify-html.
fn punch_holes(view: &mut views::PageView) -> Vec<TrustedHtml> {
    let mut bodies = Vec::new();
    let mut take = |slot: &mut Option<TrustedHtml>| {
        if let Some(html) = slot.take() {
            *slot = Some(TrustedHtml::from_trusted(hole(bodies.len())));
            bodies.push(html);
        }
    };
    take(&mut view.body);
    for event in view.content.events.iter_mut().flatten() {
        take(&mut event.body);
    }
    bodies
}

/// Minifies the page around its holes, then fills them. Should minification not keep every
/// hole exactly once, the whole page is filled first and minified as one.
fn finish_with_holes(html: String, bodies: &[TrustedHtml], minify: bool) -> Vec<u8> {
    if bodies.is_empty() {
        return finish(html, minify);
    }
    let minified = String::from_utf8(finish(html.clone(), true)).unwrap_or_default();
    match fill_holes(&minified, bodies) {
        Some(page) => page.into_bytes(),
        None => finish(fill_holes(&html, bodies).unwrap_or(html), true),
    }
}

fn fill_holes(html: &str, bodies: &[TrustedHtml]) -> Option<String> {
    let mut out =
        String::with_capacity(html.len() + bodies.iter().map(|b| b.as_str().len()).sum::<usize>());
    let mut rest = html;
    let mut seen = vec![false; bodies.len()];
    while let Some(start) = rest.find('\u{E000}') {
        out.push_str(&rest[..start]);
        let after = &rest[start + '\u{E000}'.len_utf8()..];
        let end = after.find('\u{E001}')?;
        let index: usize = after[..end].parse().ok()?;
        if std::mem::replace(seen.get_mut(index)?, true) {
            return None;
        }
        out.push_str(bodies[index].as_str());
        rest = &after[end + '\u{E001}'.len_utf8()..];
    }
    out.push_str(rest);
    seen.iter().all(|s| *s).then_some(out)
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
    fn holes_are_filled_once_each_or_not_at_all() {
        let bodies = [
            TrustedHtml::from_trusted("<p>a</p>".into()),
            TrustedHtml::from_trusted("<p>b</p>".into()),
        ];
        let page = format!("<div>{}</div><div>{}</div>", hole(1), hole(0));
        assert_eq!(
            fill_holes(&page, &bodies).as_deref(),
            Some("<div><p>b</p></div><div><p>a</p></div>")
        );
        assert_eq!(
            fill_holes(&format!("{}{}", hole(0), hole(0)), &bodies),
            None
        );
        assert_eq!(
            fill_holes(&hole(0), &bodies),
            None,
            "every body must be placed"
        );
        let minified = String::from_utf8(finish_with_holes(
            format!("<main>\n  <div class=\"prose\">{}</div>\n</main>", hole(0)),
            &bodies[..1],
            true,
        ));
        assert_eq!(
            minified.ok().as_deref(),
            Some("<main><div class=prose><p>a</p></div></main>")
        );
    }

    #[test]
    fn templates_name_what_they_use() {
        assert_eq!(
            referenced("{% extends \"base.html\" %}{%- include 'nav.html' -%}{% if x %}"),
            Some(vec!["base.html".to_owned(), "nav.html".to_owned()])
        );
        assert_eq!(referenced("{% include name %}"), None);
        assert_eq!(referenced("{% extendsion %}"), Some(Vec::new()));
    }

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
