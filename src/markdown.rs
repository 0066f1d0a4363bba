//! Markdown: turns the prose of one content file into HTML that templates may trust, with the
//! headings it contains and the problems found in it (links to pages that do not exist, unsafe
//! links, nesting too deep to render).
//!
//! This is the only module that touches comrak and syntect (and ammonia, which sanitises raw
//! HTML when a site allows it). It reads no files and knows nothing of the site: internal links
//! are resolved through the caller's `resolve_link`, so it never decides what a page's URL is.

use std::fmt::{self, Write as _};
use std::path::Path;

use comrak::html::{ChildRendering, Context, format_document_with_formatter, format_node_default};
use comrak::nodes::{NodeValue, Sourcepos};
use comrak::options::Plugins;
use comrak::{Anchorizer, Arena, Node, Options, parse_document};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::diagnostic::{Diagnostic, Location};

mod memo;
pub use memo::MemoStats;

/// The deepest nesting (block quotes, lists, emphasis, links...) a document may have. Real prose
/// stays far below it; far above it, later stages (HTML minifier, browsers) recurse or give up.
pub const MAX_DEPTH: usize = 100;

/// Code blocks larger than this, or with a line longer than [`MAX_HIGHLIGHT_LINE`], are shown
/// plain: syntect's regexes cost around 100 µs a line and can backtrack badly on long lines, and
/// one pasted log must not stall a build.
const MAX_HIGHLIGHT_BYTES: usize = 32 * 1024;
const MAX_HIGHLIGHT_LINE: usize = 1_000;

/// HTML that Placard produced itself (rendered, sanitised Markdown). The only kind of string
/// templates may mark safe.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct TrustedHtml(String);

impl TrustedHtml {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// Only code that built the HTML itself (or sanitised it) may call this.
    pub(crate) fn from_trusted(s: String) -> Self {
        TrustedHtml(s)
    }
}

/// One document to render.
pub struct Input<'a> {
    /// The Markdown body (front matter already removed), NFC, LF line endings.
    pub text: &'a str,
    /// The file, relative to the site root, for diagnostics.
    pub path: &'a Path,
    /// The 1-based line of the file where `text` starts.
    pub first_line: usize,
    /// Whether raw HTML is kept (sanitised) rather than shown as text.
    pub allow_html: bool,
    /// Resolves an internal link target as written (starting `@/`, fragment included) to the
    /// URL to put in `href`/`src`, or `None` when the target does not exist.
    pub resolve_link: &'a (dyn Fn(&str) -> Option<String> + Sync),
}

/// A rendered document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: TrustedHtml,
    /// Every heading, in document order.
    pub headings: Vec<Heading>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A heading and the anchor (`id`) it was given.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    /// The heading as plain text.
    pub text: String,
}

/// The renderer: options and syntax definitions, built once per process and shared by threads.
pub struct Markdown {
    syntaxes: SyntaxSet,
    escaping: Options<'static>,
    raw: Options<'static>,
    sanitizer: ammonia::Builder<'static>,
    /// Documents rendered by earlier builds, when this renderer serves a long-lived process.
    memo: Option<memo::Memo>,
}

impl Default for Markdown {
    fn default() -> Self {
        Self::new()
    }
}

impl Markdown {
    pub fn new() -> Self {
        Markdown {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            escaping: options(false),
            raw: options(true),
            sanitizer: sanitizer(),
            memo: None,
        }
    }

    /// A renderer that remembers what it rendered, for the dev server: a document whose text,
    /// path, first line, raw-HTML setting and link targets are unchanged since the last build
    /// is not rendered again. Call [`Markdown::end_build`] after each build.
    pub fn with_memo() -> Self {
        Markdown {
            memo: Some(memo::Memo::default()),
            ..Self::new()
        }
    }

    /// Forgets documents the build just finished did not render (deleted or renamed files),
    /// and returns how many documents were reused and rendered.
    pub fn end_build(&mut self) -> MemoStats {
        self.memo
            .as_mut()
            .map(memo::Memo::end_build)
            .unwrap_or_default()
    }

    pub fn render(&self, input: &Input<'_>) -> Rendered {
        match &self.memo {
            Some(memo) => memo.render(input, |input| self.render_fresh(input)),
            None => self.render_fresh(input),
        }
    }

    fn render_fresh(&self, input: &Input<'_>) -> Rendered {
        let options = if input.allow_html {
            &self.raw
        } else {
            &self.escaping
        };
        let arena = Arena::new();
        let root = parse_document(&arena, input.text, options);
        let mut diagnostics = Vec::new();
        let raw_html = match prepare(root, input, &mut diagnostics) {
            Ok(raw_html) => raw_html,
            Err(too_deep) => return refused(input, too_deep),
        };

        let state = State {
            syntaxes: &self.syntaxes,
            headings: Vec::new(),
        };
        // HTML is typically about twice the size of its Markdown.
        let mut html = String::with_capacity(input.text.len() * 2 + 64);
        let plugins = Plugins::default();
        let headings = match format_document_with_formatter(
            root,
            options,
            &mut html,
            &plugins,
            format_node,
            state,
        ) {
            Ok(state) => state.headings,
            // Writing to a String cannot fail; should comrak report an error anyway, the page
            // gets what was written so far rather than a crash.
            Err(fmt::Error) => Vec::new(),
        };
        // Without raw HTML nodes every byte was written by comrak or this module, with link
        // destinations already checked, so the (costly) sanitiser has nothing to remove.
        if input.allow_html && raw_html {
            html = self.sanitizer.clean(&html).to_string();
        }
        // Every page's HTML is held until the site is rendered: no spare capacity.
        html.shrink_to_fit();
        Rendered {
            html: TrustedHtml::from_trusted(html),
            headings,
            diagnostics,
        }
    }
}

/// The codes of the problems rendering Markdown reports: each is located in the document
/// rendered, and comes from nothing else.
pub const CODES: &[&str] = &["broken-link", "too-deep", "unsafe-link"];

/// comrak options: GitHub-flavoured Markdown; raw HTML escaped unless `allow_html`.
fn options(allow_html: bool) -> Options<'static> {
    let mut options = Options::default();
    let ext = &mut options.extension;
    ext.table = true;
    ext.strikethrough = true;
    ext.autolink = true;
    ext.tasklist = true;
    ext.footnotes = true;
    // Heading ids are written by `format_node`, so that no English anchor label is added.
    options.render.r#unsafe = allow_html;
    options.render.escape = !allow_html;
    options
}

/// ammonia's defaults (no script, no event handlers, no style, no iframe, only safe URL
/// schemes) plus what Placard's own rendering needs to survive: heading and footnote ids,
/// highlighting classes, footnote sections and task-list checkboxes.
fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_tags(["section", "input"])
        .add_tag_attributes("a", ["id", "class", "aria-label"])
        .add_tag_attributes("li", ["id", "class"])
        .add_tag_attributes("sup", ["class"])
        .add_tag_attributes("section", ["class"])
        .add_tag_attributes("pre", ["class"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("span", ["class"])
        .add_tag_attributes("input", ["checked", "disabled"])
        .add_tag_attribute_values("input", "type", ["checkbox"])
        // The same markup with or without raw HTML; referrer policy is the templates' concern.
        .link_rel(None);
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(h, ["id"]);
    }
    b
}

/// The node where nesting first went past [`MAX_DEPTH`].
struct TooDeep(Sourcepos);

/// Walks the tree once before rendering: refuses over-deep documents and rewrites link and
/// image destinations (internal `@/` targets resolved, unsafe schemes neutralised). Returns
/// whether the document contains raw HTML.
fn prepare<'a>(
    root: Node<'a>,
    input: &Input<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<bool, TooDeep> {
    use comrak::arena_tree::NodeEdge;
    let mut depth = 0usize;
    let mut raw_html = false;
    for edge in root.traverse() {
        let node = match edge {
            NodeEdge::Start(node) => node,
            NodeEdge::End(_) => {
                depth = depth.saturating_sub(1);
                continue;
            }
        };
        depth += 1;
        let mut ast = node.data_mut();
        let sourcepos = ast.sourcepos;
        // The document node itself is not nesting.
        if depth > MAX_DEPTH + 1 {
            return Err(TooDeep(sourcepos));
        }
        match &mut ast.value {
            NodeValue::Link(link) => {
                check_destination(&mut link.url, false, sourcepos, input, diagnostics)
            }
            NodeValue::Image(link) => {
                check_destination(&mut link.url, true, sourcepos, input, diagnostics)
            }
            NodeValue::HtmlBlock(block) => {
                raw_html = true;
                if input.allow_html {
                    raw_html_links(&mut block.literal, sourcepos, input, diagnostics);
                }
            }
            NodeValue::HtmlInline(literal) => {
                raw_html = true;
                if input.allow_html {
                    raw_html_links(literal, sourcepos, input, diagnostics);
                }
            }
            _ => {}
        }
    }
    Ok(raw_html)
}

/// Resolves the `@/` targets of quoted `href` and `src` attributes in raw HTML (on a site that
/// allows it), as for Markdown links: a page of the site becomes a relative link, anything
/// else is reported and made `#`.
fn raw_html_links(
    html: &mut String,
    sourcepos: Sourcepos,
    input: &Input<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    const STARTS: [&str; 4] = ["href=\"@/", "href='@/", "src=\"@/", "src='@/"];
    if !html.contains("@/") {
        return;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some((at, start)) = STARTS
        .iter()
        .filter_map(|s| rest.find(s).map(|at| (at, *s)))
        .min()
    {
        // Up to and including the quote; the value starts at `@/`.
        let value = at + start.len() - 2;
        out.push_str(&rest[..value]);
        let quote = if start.contains('"') { '"' } else { '\'' };
        let tail = &rest[value..];
        let end = tail.find(quote).unwrap_or(tail.len());
        let mut url = tail[..end].to_owned();
        check_destination(
            &mut url,
            start.starts_with("src"),
            sourcepos,
            input,
            diagnostics,
        );
        out.push_str(&url);
        rest = &tail[end..];
    }
    out.push_str(rest);
    *html = out;
}

fn check_destination(
    url: &mut String,
    image: bool,
    sourcepos: Sourcepos,
    input: &Input<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let what = if image { "image" } else { "link" };
    if url.starts_with("@/") {
        if let Some(resolved) = (input.resolve_link)(url) {
            *url = resolved;
            return;
        }
        let message = if image {
            format!("image `{url}`, which is not a file of this site")
        } else {
            format!("link to `{url}`, which is not a page of this site")
        };
        diagnostics.push(
            Diagnostic::error("broken-link", locate(input, sourcepos), message).with_help(
                "check the path; content paths start with `@/` and name the file, \
                 e.g. `@/cases/atajurt-2025/timeline.md`",
            ),
        );
        *url = "#".to_owned();
    } else if let Some(scheme) = unsafe_scheme(url) {
        let why = match scheme {
            "file" => "it points to a file on the reader's own computer",
            "data" => "such URLs can hide a page or a script inside the link",
            _ => "such URLs can run code in a reader's browser",
        };
        diagnostics.push(
            Diagnostic::warning(
                "unsafe-link",
                locate(input, sourcepos),
                format!("{what} with a `{scheme}:` URL was removed: {why}"),
            )
            .with_help("link to an `https://` address, or to a page of this site with `@/`"),
        );
        *url = "#".to_owned();
    }
}

/// The scheme of `url` if it is one that can run code (`javascript:`, `vbscript:`), smuggle
/// content (`data:`) or reach into the reader's computer (`file:`). comrak would silently
/// blank some of these; checking them here gives a warning and the same result whether or not
/// raw HTML is allowed. Reads the URL as a browser does: leading spaces and control characters
/// are skipped and tabs or newlines anywhere are ignored, so `" java\tscript:"` is caught too.
fn unsafe_scheme(url: &str) -> Option<&'static str> {
    let mut scheme = String::with_capacity(10);
    let chars = url
        .chars()
        .skip_while(|c| c.is_whitespace() || c.is_control())
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    for c in chars {
        if c == ':' {
            return ["javascript", "vbscript", "data", "file"]
                .into_iter()
                .find(|s| *s == scheme);
        }
        if scheme.len() >= "javascript".len() {
            return None;
        }
        scheme.push(c.to_ascii_lowercase());
    }
    None
}

/// The file location of a node: comrak counts lines from the start of `text` and columns in
/// bytes; diagnostics want file lines and columns in characters.
fn locate(input: &Input<'_>, sourcepos: Sourcepos) -> Location {
    let line = sourcepos.start.line.max(1);
    let line_start: usize = input
        .text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let offset = line_start + sourcepos.start.column.saturating_sub(1);
    Location::at_offset(input.path, input.text, offset, input.first_line.max(1))
}

/// A document refused for its nesting: shown as plain text, with an error.
fn refused(input: &Input<'_>, too_deep: TooDeep) -> Rendered {
    let mut html = String::from("<pre>");
    // Writing to a String cannot fail.
    let _ = comrak::html::escape(&mut html, input.text);
    html.push_str("</pre>\n");
    let diagnostic = Diagnostic::error(
        "too-deep",
        locate(input, too_deep.0),
        format!(
            "the text is nested more than {MAX_DEPTH} levels deep (block quotes, lists or emphasis)"
        ),
    )
    .with_help(format!(
        "use at most {MAX_DEPTH} levels of quotes or lists inside one another"
    ));
    Rendered {
        html: TrustedHtml::from_trusted(html),
        headings: Vec::new(),
        diagnostics: vec![diagnostic],
    }
}

/// What the formatter carries through one render.
struct State<'s> {
    syntaxes: &'s SyntaxSet,
    headings: Vec<Heading>,
}

/// comrak's HTML, except headings (ids without comrak's English anchor link, and recorded) and
/// fenced code in a known language (highlighted with classes).
fn format_node<'a>(
    context: &mut Context<State<'_>>,
    node: Node<'a>,
    entering: bool,
) -> Result<ChildRendering, fmt::Error> {
    let heading_level = match &node.data().value {
        NodeValue::Heading(h) => Some(h.level),
        NodeValue::CodeBlock(block) if entering => {
            if write_highlighted(context, &block.info, &block.literal)? {
                return Ok(ChildRendering::Skip);
            }
            None
        }
        _ => None,
    };
    let Some(level) = heading_level else {
        return format_node_default(context, node, entering);
    };
    if entering {
        let text = node.collect_text();
        let id = anchor(&mut context.anchorizer, &text);
        context.cr()?;
        write!(context, "<h{level} id=\"")?;
        context.escape(&id)?;
        context.write_str("\">")?;
        context.user.headings.push(Heading { level, id, text });
    } else {
        write!(context, "</h{level}>")?;
        context.lf()?;
    }
    Ok(ChildRendering::HTML)
}

/// A unique id for a heading, GitHub's way (lower case, letters of any script kept, spaces to
/// dashes); headings without a letter or digit get `section`, `section-1`...
fn anchor(anchorizer: &mut Anchorizer, text: &str) -> String {
    if text.chars().any(char::is_alphanumeric) {
        anchorizer.anchorize(text)
    } else {
        anchorizer.anchorize("section")
    }
}

/// Writes a fenced code block highlighted with `hl-` classes. Returns false, having written
/// nothing, when the language is absent or unknown, the block too large, or syntect fails;
/// comrak then writes it plain.
fn write_highlighted(
    context: &mut Context<State<'_>>,
    info: &str,
    code: &str,
) -> Result<bool, fmt::Error> {
    let lang = info.split_whitespace().next().unwrap_or_default();
    if code.len() > MAX_HIGHLIGHT_BYTES || code.lines().any(|l| l.len() > MAX_HIGHLIGHT_LINE) {
        return Ok(false);
    }
    let Some(syntax) = find_syntax(context.user.syntaxes, lang) else {
        return Ok(false);
    };
    let Some(highlighted) = highlight(context.user.syntaxes, syntax, code) else {
        return Ok(false);
    };
    context.cr()?;
    context.write_str("<pre class=\"hl\"><code class=\"language-")?;
    context.escape(lang)?;
    context.write_str("\">")?;
    context.write_str(&highlighted)?;
    context.write_str("</code></pre>")?;
    context.lf()?;
    Ok(true)
}

fn find_syntax<'s>(syntaxes: &'s SyntaxSet, lang: &str) -> Option<&'s SyntaxReference> {
    if lang.is_empty() {
        return None;
    }
    // "text" and "txt" name Plain Text, which would only wrap the code in one more span.
    syntaxes
        .find_syntax_by_token(lang)
        .filter(|s| s.name != "Plain Text")
}

fn highlight(syntaxes: &SyntaxSet, syntax: &SyntaxReference, code: &str) -> Option<String> {
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, style);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use std::sync::LazyLock;

    static MARKDOWN: LazyLock<Markdown> = LazyLock::new(Markdown::new);

    fn resolve(target: &str) -> Option<String> {
        match target {
            "@/cases/a/timeline.md" => Some("../cases/a/timeline/".to_owned()),
            "@/cases/a/people/b.md#bio" => Some("../cases/a/people/b/#bio".to_owned()),
            "@/cases/a/media/p.jpg" => Some("../cases/a/media/p.jpg".to_owned()),
            _ => None,
        }
    }

    fn render_with(text: &str, allow_html: bool, first_line: usize) -> Rendered {
        MARKDOWN.render(&Input {
            text,
            path: Path::new("content/cases/a/index.en.md"),
            first_line,
            allow_html,
            resolve_link: &resolve,
        })
    }

    fn render(text: &str) -> Rendered {
        render_with(text, false, 1)
    }

    fn codes(r: &Rendered) -> Vec<&'static str> {
        r.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn internal_links_in_allowed_raw_html_are_resolved() {
        let r = render_with(
            "<a href=\"@/cases/a/timeline.md\">timeline</a> <img src='@/cases/a/media/p.jpg' alt=\"p\">\n\n<p><a href=\"@/nowhere.md\">x</a></p>\n",
            true,
            1,
        );
        let html = r.html.as_str();
        assert!(html.contains(r#"href="../cases/a/timeline/""#), "{html}");
        assert!(html.contains(r#"src="../cases/a/media/p.jpg""#), "{html}");
        assert!(!html.contains("@/"), "{html}");
        assert_eq!(codes(&r), ["broken-link"]);
        assert_eq!(r.diagnostics[0].location.line, 3);
        // Without raw HTML allowed, the markup is text and stays as written.
        let escaped = render("<a href=\"@/cases/a/timeline.md\">timeline</a>\n");
        assert!(escaped.html.as_str().contains("@/cases/a/timeline.md"));
    }

    #[test]
    fn markdown_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Markdown>();
        assert_send_sync::<Rendered>();
    }

    #[test]
    fn renders_github_flavoured_markdown() {
        let r = render(
            "| a | b |\n|---|:-:|\n| c | d |\n\n~~gone~~ www.example.org\n\n\
             - [x] done\n- [ ] to do\n\nSee[^1].\n\n[^1]: A source.\n",
        );
        let html = r.html.as_str();
        assert!(
            html.contains("<table>") && html.contains("<td>c</td>"),
            "{html}"
        );
        assert!(html.contains("<del>gone</del>"), "{html}");
        assert!(
            html.contains(r#"<a href="http://www.example.org">www.example.org</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<input type="checkbox" checked="" disabled="" />"#),
            "{html}"
        );
        assert!(html.contains(r##"<a href="#fn-1" id="fnref-1""##), "{html}");
        assert!(html.contains(r#"<li id="fn-1">"#), "{html}");
        assert!(r.diagnostics.is_empty());
    }

    #[test]
    fn headings_get_unique_anchors_in_any_script() {
        let r =
            render("## Why it matters\n\n## Почему это *важно*\n\n## Why it matters\n\n## ???\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "why-it-matters",
                "почему-это-важно",
                "why-it-matters-1",
                "section"
            ]
        );
        assert_eq!(r.headings[1].text, "Почему это важно");
        assert_eq!(r.headings[1].level, 2);
        let html = r.html.as_str();
        assert!(
            html.contains(r#"<h2 id="почему-это-важно">Почему это <em>важно</em></h2>"#),
            "{html}"
        );
        // No empty anchor link with an English label.
        assert!(!html.contains("aria-label"), "{html}");
    }

    #[test]
    fn resolves_internal_links_and_images() {
        let r = render(
            "[the timeline](@/cases/a/timeline.md) and [bio](@/cases/a/people/b.md#bio)\n\n\
             ![a photo](@/cases/a/media/p.jpg)\n",
        );
        let html = r.html.as_str();
        assert!(
            html.contains(r#"<a href="../cases/a/timeline/">the timeline</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r##"<a href="../cases/a/people/b/#bio">bio</a>"##),
            "{html}"
        );
        assert!(
            html.contains(r#"<img src="../cases/a/media/p.jpg" alt="a photo" />"#),
            "{html}"
        );
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    }

    #[test]
    fn reports_broken_internal_links_at_their_file_line() {
        let r = render_with("Intro.\n\n> Әлия: [the case](@/cases/x.md)\n", false, 5);
        assert!(
            r.html.as_str().contains(r##"<a href="#">the case</a>"##),
            "{}",
            r.html.as_str()
        );
        let [d] = r.diagnostics.as_slice() else {
            unreachable!("{:?}", r.diagnostics)
        };
        assert_eq!((d.code, d.severity), ("broken-link", Severity::Error));
        // Line 3 of the body is line 7 of the file; "> Әлия: " is 8 characters.
        assert_eq!((d.location.line, d.location.column), (7, 9));
        assert_eq!(
            d.message,
            "link to `@/cases/x.md`, which is not a page of this site"
        );
        assert!(
            d.help
                .as_deref()
                .unwrap()
                .contains("@/cases/atajurt-2025/timeline.md")
        );
    }

    #[test]
    fn neutralises_script_links_of_every_kind() {
        let cases = [
            "[a](javascript:alert(1))",
            "[a](JavaScript:alert(1))",
            "[a](<  javascript:alert(1)>)",
            "[a](java&#9;script:alert(1))",
            "[a](vbscript:msgbox)",
            "![a](data:image/svg+xml;base64,PHN2Zz4=)",
            "<javascript:alert(1)>",
            "[a][r]\n\n[r]: javascript:alert(1)",
            "[a](file:///etc/passwd)",
        ];
        for allow_html in [false, true] {
            for case in cases {
                let r = render_with(case, allow_html, 1);
                let html = r.html.as_str();
                let urls: Vec<&str> = ["href=\"", "src=\""]
                    .iter()
                    .flat_map(|attr| html.split(attr).skip(1))
                    .map(|rest| rest.split('"').next().unwrap())
                    .collect();
                assert_eq!(urls, ["#"], "{case}: {html}");
                assert_eq!(codes(&r), ["unsafe-link"], "{case}");
                assert_eq!(r.diagnostics[0].severity, Severity::Warning);
            }
        }
    }

    #[test]
    fn recognises_unsafe_schemes_as_browsers_read_them() {
        assert_eq!(unsafe_scheme("javascript:x"), Some("javascript"));
        assert_eq!(unsafe_scheme(" \u{1}\tJAVA\nSCRIPT:x"), Some("javascript"));
        assert_eq!(unsafe_scheme("Data:text/html,x"), Some("data"));
        assert_eq!(unsafe_scheme("https://example.org/javascript:x"), None);
        assert_eq!(unsafe_scheme("notes/data:x"), None);
        assert_eq!(unsafe_scheme("javascript"), None);
        assert_eq!(unsafe_scheme("mailto:a@example.org"), None);
    }

    #[test]
    fn skips_the_sanitiser_only_without_raw_html() {
        let text = "# A\n\n[x](https://example.org) and a note[^1].\n\n[^1]: B.\n";
        assert_eq!(render_with(text, true, 1), render_with(text, false, 1));
        // With raw HTML the sanitiser runs, and drops what Placard never writes.
        let r = render_with(&format!("{text}\n<span>x</span>\n"), true, 1);
        assert!(
            !r.html.as_str().contains("data-footnote-ref"),
            "{}",
            r.html.as_str()
        );
    }

    #[test]
    fn escapes_raw_html_by_default() {
        let r = render("<script>alert(1)</script>\n\nSome <b onclick=\"x()\">bold</b>.\n");
        let html = r.html.as_str();
        assert!(!html.contains("<script") && !html.contains("<b"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("&lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt;"),
            "{html}"
        );
    }

    #[test]
    fn sanitises_allowed_raw_html() {
        let text = "<script>alert(1)</script>\n\n\
            <iframe src=\"https://example.org\"></iframe>\n\n\
            Some <b onclick=\"x()\" style=\"color:red\">bold</b> \
            <a href=\"javascript:alert(1)\">x</a> <img src=\"data:image/png;base64,AA==\" alt=\"p\"> \
            <input type=\"image\" src=\"https://example.org/t.gif\">\n\n\
            ## Title\n\nA note[^n].\n\n[^n]: Source.\n\n- [x] done\n\n```rust\nfn main() {}\n```\n";
        let r = render_with(text, true, 1);
        let html = r.html.as_str();
        for banned in [
            "type=\"image\"",
            "example.org",
            "<script",
            "alert",
            "<iframe",
            "onclick",
            "style=",
            "javascript",
            "data:",
        ] {
            assert!(!html.contains(banned), "{banned} in {html}");
        }
        assert!(html.contains("<b>bold</b>"), "{html}");
        assert!(html.contains(r#"<h2 id="title">"#), "{html}");
        assert!(
            html.contains(r#"<li id="fn-n">"#) && html.contains(r#"id="fnref-n""#),
            "{html}"
        );
        assert!(
            html.contains(r#"<input type="checkbox" checked="" disabled="">"#),
            "{html}"
        );
        assert!(html.contains(r#"<span class="hl-"#), "{html}");
    }

    #[test]
    fn highlights_known_languages_with_classes_only() {
        let r = render("```rust\nfn main() { let s = \"<b>\"; }\n```\n");
        let html = r.html.as_str();
        assert!(
            html.starts_with(r#"<pre class="hl"><code class="language-rust">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<span class="hl-storage hl-type hl-function hl-rust">fn</span>"#),
            "{html}"
        );
        assert!(
            html.contains("&lt;b&gt;") && !html.contains("style="),
            "{html}"
        );
    }

    #[test]
    fn leaves_unknown_or_absent_languages_plain() {
        let r =
            render("```nosuchlang\na <b> c\n```\n\n```\nplain & simple\n```\n\n```text\nx\n```\n");
        let html = r.html.as_str();
        assert!(
            html.contains("<pre><code class=\"language-nosuchlang\">a &lt;b&gt; c\n</code></pre>"),
            "{html}"
        );
        assert!(
            html.contains("<pre><code>plain &amp; simple\n</code></pre>"),
            "{html}"
        );
        assert!(
            html.contains("<pre><code class=\"language-text\">x\n</code></pre>"),
            "{html}"
        );
        assert!(!html.contains("hl-"), "{html}");
    }

    #[test]
    fn leaves_huge_code_blocks_plain() {
        let long_line = format!(
            "```rust\nlet x = \"{}\";\n```\n",
            "a".repeat(MAX_HIGHLIGHT_LINE)
        );
        let many_lines = format!(
            "```rust\n{}```\n",
            "let x = 1;\n".repeat(MAX_HIGHLIGHT_BYTES / 10)
        );
        for text in [long_line, many_lines] {
            let html = render(&text).html.into_string();
            assert!(
                html.starts_with("<pre><code class=\"language-rust\">let x"),
                "{html:.80}"
            );
        }
    }

    #[test]
    fn survives_pathological_nesting_on_a_default_stack() {
        let n = 10_000;
        let indented: String = (0..300)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        let inputs = [
            ">".repeat(n) + " deep\n",
            "> ".repeat(n) + "deep\n",
            "- ".repeat(n) + "deep\n",
            "1. ".repeat(n) + "deep\n",
            indented,
            "*a ".repeat(n) + &" b*".repeat(n) + "\n",
            "![".repeat(n) + "x" + &"](u)".repeat(n) + "\n",
        ];
        // The default stack size for spawned threads is 2 MiB.
        let handle = std::thread::spawn(move || {
            inputs
                .iter()
                .map(|text| render_with(text, false, 3))
                .collect::<Vec<_>>()
        });
        for r in handle.join().unwrap() {
            assert_eq!(codes(&r), ["too-deep"]);
            let d = &r.diagnostics[0];
            assert!(d.is_error() && d.message.contains("100 levels"), "{d}");
            assert!(d.location.line >= 3, "{d}");
            assert!(r.html.as_str().starts_with("<pre>"));
        }
        // Reasonable nesting is fine.
        let r = render(&("> ".repeat(40) + "fine\n"));
        assert!(r.diagnostics.is_empty() && r.html.as_str().contains("fine"));
    }
}
