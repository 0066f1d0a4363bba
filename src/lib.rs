//! Placard: turns per-case content folders into a multilingual static campaign site.
//!
//! The pipeline is four stages, data flowing one way as owned values:
//! [`load()`] (I/O) → [`resolve()`] (pure) → [`render()`] (pure) → [`write()`] (I/O).
//! Only `load`, `write` and `serve` touch the file system.

pub mod check;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod i18n;
pub mod load;
pub mod markdown;
pub mod media;
pub mod model;
pub mod privacy;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod status;
pub mod theme;
pub mod url;
pub mod write;

use std::path::{Path, PathBuf};

use diagnostic::Diagnostic;
pub use load::load;
pub use render::render;
pub use resolve::resolve;
pub use write::write;

/// What `placard build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub today: date::Date,
    pub drafts: bool,
    pub minify: bool,
    pub portable: bool,
    /// Show the progress of a big site's build on stderr (see [`progress`]).
    pub progress: bool,
}

impl BuildOptions {
    /// What the `resolve` stage is asked to do.
    pub fn resolve_options(&self) -> resolve::Options {
        resolve::Options {
            today: self.today,
            drafts: self.drafts,
            portable: self.portable,
            progress: self.progress,
        }
    }

    /// What the `render` stage is asked to do.
    pub fn render_options(&self) -> render::RenderOptions {
        render::RenderOptions {
            minify: self.minify,
            portable: self.portable,
        }
    }
}

/// A finished build (or a check that wrote nothing).
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Sorted; errors mean nothing was written.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages rendered per language.
    pub pages: std::collections::BTreeMap<String, usize>,
    pub files_written: usize,
    /// Published images that carried GPS coordinates before their metadata was removed.
    pub gps_stripped: Vec<PathBuf>,
    /// Each stage in order, for `--timings`.
    pub timings: Vec<Stage>,
}

/// One stage of a build: its wall time, and the process's resident memory after it.
#[derive(Debug, Clone)]
pub struct Stage {
    pub name: &'static str,
    pub spent: std::time::Duration,
    /// Bytes, where the system says (Linux).
    pub resident: Option<u64>,
    /// The peak so far, in bytes (Linux).
    pub peak: Option<u64>,
}

/// The current and peak resident memory of this process, from `/proc/self/status`.
fn resident_memory() -> (Option<u64>, Option<u64>) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.trim().strip_suffix("kB"))
            .and_then(|kib| kib.trim().parse::<u64>().ok())
            .map(|kib| kib * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

impl BuildReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A failure of the environment rather than of the content.
#[derive(Debug)]
pub enum Error {
    Io(PathBuf, std::io::Error),
    Write(write::WriteError),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(path, e) => write!(f, "{}: {e}", path.display()),
            Error::Write(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Loads, resolves and renders the site in memory. `None` output when content errors
/// prevent a complete site.
pub fn build_in_memory(
    options: &BuildOptions,
) -> Result<(Option<render::Output>, BuildReport), Error> {
    let built = build_with(options, &markdown::Markdown::new(), None)?;
    let output = built.output.filter(|_| !built.report.has_errors());
    Ok((output, built.report))
}

/// Everything one run of the stages made: the resolved site and its rendered output (each
/// `None` when content errors stopped that stage), and the report. Unlike
/// [`build_in_memory`], the output is kept even when the report has errors, for `check`.
#[derive(Debug)]
pub struct Built {
    pub site: Option<site::Site>,
    /// The theme the site was rendered with.
    pub theme: Option<theme::Theme>,
    pub output: Option<render::Output>,
    pub report: BuildReport,
}

/// Loads, resolves and renders with a given Markdown renderer and, optionally, a memory of
/// rendered pages: `serve` passes ones that remember what earlier builds rendered (see
/// [`markdown::Markdown::with_memo`] and [`render::PageMemo`]).
pub fn build_with(
    options: &BuildOptions,
    markdown: &markdown::Markdown,
    pages: Option<&mut render::PageMemo>,
) -> Result<Built, Error> {
    let collect = render::Collect::default();
    let (site, theme, rendered, report) = run(options, markdown, pages, &collect)?;
    let output = rendered.map(|rendered| render::Output {
        files: collect.into_files(),
        pages: rendered.pages,
    });
    Ok(Built {
        site,
        theme,
        output,
        report,
    })
}

/// The stages up to `render`, which sends every file to `sink`.
fn run(
    options: &BuildOptions,
    markdown: &markdown::Markdown,
    pages: Option<&mut render::PageMemo>,
    sink: &dyn render::Sink,
) -> Result<Ran, Error> {
    let clock = std::time::Instant::now();
    let mut timings = Vec::new();
    let sources = load(&options.root, options.base_url.as_deref())
        .map_err(|e| Error::Io(options.root.clone(), e))?;
    let gps_stripped: Vec<PathBuf> = sources
        .media
        .iter()
        .filter(|m| media::has_gps(&m.bytes))
        .map(|m| m.path.clone())
        .collect();
    timings.push(("load", clock.elapsed(), resident_memory()));
    let (theme, mut diagnostics) = theme::build(&sources.templates, &sources.theme_static);
    let (site, problems) = resolve(sources, markdown, &options.resolve_options());
    diagnostics.extend(problems);
    timings.push((
        "resolve (Markdown, references)",
        clock.elapsed(),
        resident_memory(),
    ));
    let mut report = BuildReport {
        gps_stripped,
        ..BuildReport::default()
    };
    let shown = progress::Shown::new(sink, options.progress.then_some("rendering pages"));
    let sink: &dyn render::Sink = &shown;
    let output = match (&site, &theme) {
        (Some(site), Some(theme)) => {
            let (output, problems) =
                render::render_with(site, theme, options.render_options(), pages, sink);
            diagnostics.extend(problems);
            report.pages = output.pages.clone();
            timings.push((
                "render (templates, minify, files)",
                clock.elapsed(),
                resident_memory(),
            ));
            Some(output)
        }
        _ => None,
    };
    // Stage durations from the cumulative clock readings.
    let mut previous = std::time::Duration::ZERO;
    report.timings = timings
        .into_iter()
        .map(|(name, at, (resident, peak))| {
            let spent = at - previous;
            previous = at;
            Stage {
                name,
                spent,
                resident,
                peak,
            }
        })
        .collect();
    diagnostic::sort(&mut diagnostics);
    report.diagnostics = diagnostics;
    Ok((site, theme, output, report))
}

/// What [`run`] made: the site, the theme, what was rendered, and the report.
type Ran = (
    Option<site::Site>,
    Option<theme::Theme>,
    Option<render::Rendered>,
    BuildReport,
);

/// `placard build`: builds and, when the content has no errors, swaps the new site in.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    write::check_output_dir(&options.root, &options.output).map_err(Error::Write)?;
    // A missing site root is reported before anything is made beside the output folder.
    match std::fs::metadata(&options.root) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            let e = std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder");
            return Err(Error::Io(options.root.clone(), e));
        }
        Err(e) => return Err(Error::Io(options.root.clone(), e)),
    }
    // Files stream into a temporary folder as they are rendered; it replaces the output
    // folder only if the whole build succeeds, and is removed otherwise.
    let staging = write::Staging::begin(&options.output).map_err(Error::Write)?;
    let (site, theme, rendered, mut report) =
        run(options, &markdown::Markdown::new(), None, &staging)?;
    drop((site, theme));
    if let Some(rendered) = rendered.filter(|_| !report.has_errors()) {
        let clock = std::time::Instant::now();
        staging.commit().map_err(Error::Write)?;
        let (resident, peak) = resident_memory();
        report.timings.push(Stage {
            name: "write (swap in)",
            spent: clock.elapsed(),
            resident,
            peak,
        });
        report.files_written = rendered.files;
    }
    Ok(report)
}

/// The default output folder for a site root.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}
