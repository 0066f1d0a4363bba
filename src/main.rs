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
