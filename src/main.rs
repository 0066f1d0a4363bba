//! The `placard` command: parses arguments, calls the library, prints diagnostics and picks
//! the exit code (0 ok, 1 content errors, 2 usage or environment errors).

use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use placard::date::Date;

#[derive(Parser)]
#[command(
    name = "placard",
    version,
    about = "Builds multilingual campaign sites for people prosecuted for peaceful protest"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (atomically: a failed build leaves the last good site).
    Build(BuildArgs),
    /// Translation status and upkeep, for translators.
    #[command(subcommand)]
    I18n(I18nCommand),
}

#[derive(Subcommand)]
enum I18nCommand {
    /// Per language: pages up to date, stale and missing, and missing UI strings.
    Status {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Only this language.
        #[arg(long)]
        lang: Option<String>,
        /// `text` for people, `json` for scripts.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit with 1 when anything is missing or stale (to gate a site's CI on it).
        #[arg(long)]
        strict: bool,
    },
    /// Record that translations are up to date with their current originals.
    MarkCurrent {
        /// The site root (its `content/site.toml` names the source language).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Translation files, e.g. `content/about.kk.md`.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
struct BuildArgs {
    /// The site root: the folder that holds `content/` (and optionally `i18n/` and `themes/`).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site. Default: `public` inside the site root.
    #[arg(long)]
    output: Option<PathBuf>,
    /// The site's public address, used only where a format needs an absolute URL (canonical
    /// links, sitemap, feeds). Overrides `base_url` in `content/site.toml`.
    #[arg(long)]
    base_url: Option<String>,
    /// The date the build treats as today (YYYY-MM-DD): days in detention and upcoming events
    /// are computed from it. Default: $SOURCE_DATE_EPOCH if set, else today.
    #[arg(long)]
    today: Option<String>,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Write readable HTML and CSS instead of minified.
    #[arg(long)]
    no_minify: bool,
    /// Make links end in `index.html`, so the site also works from `file://` and from a zip.
    #[arg(long)]
    portable: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
        Command::I18n(I18nCommand::Status {
            root,
            lang,
            format,
            strict,
        }) => i18n_status(&root, lang.as_deref(), format, strict),
        Command::I18n(I18nCommand::MarkCurrent { root, files }) => mark_current(&root, &files),
    }
}

fn i18n_status(
    root: &std::path::Path,
    lang: Option<&str>,
    format: Format,
    strict: bool,
) -> ExitCode {
    let sources = match placard::load(root, None) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {}: {e}", root.display());
            return ExitCode::from(2);
        }
    };
    let markdown = placard::markdown::Markdown::new();
    let today = match today(None) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let options = placard::resolve::Options {
        today,
        drafts: true,
        portable: false,
    };
    let (site, diagnostics) = placard::resolve(sources, &markdown, &options);
    let Some(site) = site else {
        eprint!(
            "{}",
            placard::diagnostic::report(&diagnostics, root, std::io::stderr().is_terminal())
        );
        return ExitCode::from(1);
    };
    if let Some(l) = lang.filter(|l| site.config.language(l).is_none()) {
        eprintln!("error: `{l}` is not a language of this site");
        return ExitCode::from(2);
    }
    let statuses = placard::status::status(&site, lang);
    match format {
        Format::Text => print!("{}", placard::status::report_text(&statuses)),
        Format::Json => println!("{}", placard::status::report_json(&statuses)),
    }
    if strict && statuses.iter().any(|s| !s.is_complete()) {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn mark_current(root: &std::path::Path, files: &[PathBuf]) -> ExitCode {
    let config = std::fs::read_to_string(root.join(placard::config::CONFIG_PATH))
        .ok()
        .and_then(|text| placard::config::parse(&text, None).ok());
    let Some(config) = config else {
        eprintln!(
            "error: cannot read a valid {} under {}",
            placard::config::CONFIG_PATH,
            root.display()
        );
        return ExitCode::from(2);
    };
    match placard::write::mark_current(config.source_language.as_str(), files) {
        Ok(done) => {
            for (file, fingerprint) in done {
                println!("{}: translated_from = \"{fingerprint}\"", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn today(arg: Option<&str>) -> Result<Date, String> {
    if let Some(text) = arg {
        return Date::parse(text).map_err(|e| format!("--today `{text}`: {e}"));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds"))?;
        return Date::from_unix_seconds(seconds);
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    Date::from_unix_seconds(seconds)
}

fn build(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let today = match today(args.today.as_deref()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let options = placard::BuildOptions {
        output: args
            .output
            .clone()
            .unwrap_or_else(|| placard::default_output(&args.root)),
        root: args.root,
        base_url: args.base_url,
        today,
        drafts: args.drafts,
        minify: !args.no_minify,
        portable: args.portable,
    };
    let report = match placard::build(&options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let snippets = std::io::stderr().is_terminal();
    eprint!(
        "{}",
        placard::diagnostic::report(&report.diagnostics, &options.root, snippets)
    );
    for path in &report.gps_stripped {
        eprintln!("note: removed GPS coordinates from {}", path.display());
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    let elapsed = started.elapsed().as_secs_f64();
    if errors > 0 {
        eprintln!(
            "build failed: {errors} error(s), {warnings} warning(s) in {elapsed:.2} s; the previous site in {} is unchanged",
            options.output.display()
        );
        return ExitCode::from(1);
    }
    let pages: Vec<String> = report
        .pages
        .iter()
        .map(|(lang, n)| format!("{lang} {n}"))
        .collect();
    eprintln!(
        "built {} pages ({}), {} files written to {} in {elapsed:.2} s{}",
        report.pages.values().sum::<usize>(),
        pages.join(", "),
        report.files_written,
        options.output.display(),
        if warnings > 0 {
            format!(", {warnings} warning(s)")
        } else {
            String::new()
        }
    );
    ExitCode::SUCCESS
}
