//! The `placard` command: parses arguments, calls the library, prints diagnostics and picks
//! the exit code (0 ok, 1 content errors, 2 usage or environment errors).

use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use placard::date::Date;

// Building a site allocates many short-lived strings from two threads; mimalloc does that
// markedly faster than the system allocator (see benches/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Serve the site from memory, rebuilding and reloading open pages on every change.
    Serve(ServeArgs),
    /// Build without writing, then report broken links and anchors, missing assets, and
    /// missing or stale translations.
    Check(CheckArgs),
    /// Start a new site, case, person or event from commented files that build at once.
    #[command(subcommand)]
    New(NewCommand),
}

#[derive(Subcommand)]
enum NewCommand {
    /// A new site (three languages, one example case) in DIR.
    Site { dir: PathBuf },
    /// A new case folder, content/cases/SLUG/.
    Case {
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A new person in a case: content/cases/CASE/people/SLUG.toml.
    Person {
        case: String,
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A new timeline event in a case: content/cases/CASE/timeline/DATE-SLUG.toml and .en.md.
    Event {
        case: String,
        /// The day, YYYY-MM-DD.
        date: String,
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(clap::Args)]
struct ServeArgs {
    /// The site root: the folder that holds `content/`.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. Anything but loopback shows the unfinished site to the network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Open the site in the desktop's browser.
    #[arg(long)]
    open: bool,
    /// The date the build treats as today (YYYY-MM-DD).
    #[arg(long)]
    today: Option<String>,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The site root: the folder that holds `content/`.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Also ask other sites whether the links to them still work. Every linked host sees
    /// this computer's IP address. Broken links there are warnings, not errors.
    #[arg(long)]
    external: bool,
    /// With `--external`: seconds to wait for one site's answer.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 10.0,
        requires = "external"
    )]
    timeout: f64,
    /// With `--external`: how many sites to ask at once.
    #[arg(long, value_name = "N", default_value_t = 8, requires = "external",
          value_parser = clap::value_parser!(u16).range(1..=64))]
    jobs: u16,
    /// With `--external`: ask every site again, ignoring and not updating
    /// `.placard-cache/external-links.json` (answers remembered for a day).
    #[arg(long, requires = "external")]
    no_cache: bool,
    /// The date the build treats as today (YYYY-MM-DD).
    #[arg(long)]
    today: Option<String>,
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
    /// Print how long each stage took (load, resolve, render, write).
    #[arg(long)]
    timings: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
        Command::Serve(args) => serve(args),
        Command::Check(args) => check(args),
        Command::New(command) => new(command),
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
        progress: false,
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
        progress: true,
    };
    let report = match placard::build(&options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    print_diagnostics(&report.diagnostics, &options.root);
    for path in &report.gps_stripped {
        eprintln!("note: removed GPS coordinates from {}", path.display());
    }
    if args.timings {
        let mib = |bytes: Option<u64>| {
            bytes.map_or_else(|| "?".to_owned(), |b| format!("{}", b / (1024 * 1024)))
        };
        for stage in &report.timings {
            eprintln!(
                "  {:>7.3} s  {:<36} resident {:>5} MiB, peak {:>5} MiB",
                stage.spent.as_secs_f64(),
                stage.name,
                mib(stage.resident),
                mib(stage.peak)
            );
        }
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

fn in_memory_options(root: PathBuf, today: Date, drafts: bool) -> placard::BuildOptions {
    placard::BuildOptions {
        output: placard::default_output(&root),
        root,
        base_url: None,
        today,
        drafts,
        minify: true,
        portable: false,
        progress: true,
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    let today = match today(args.today.as_deref()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine can read the unpublished site",
            args.bind
        );
    }
    let root = args.root.clone();
    let mut options =
        placard::serve::Options::new(in_memory_options(args.root, today, args.drafts));
    options.bind = args.bind;
    options.port = args.port;
    let snippets = std::io::stderr().is_terminal();
    let observer = Box::new(move |rebuild: &placard::serve::Rebuild<'_>| {
        print_rebuild(rebuild, &root, snippets);
    });
    let server = match placard::serve::start(options, observer) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    eprintln!("serving {} (Ctrl-C to stop)", server.url());
    if args.open
        && let Err(e) = placard::serve::open_in_browser(&server.url())
    {
        eprintln!("warning: could not open a browser: {e}");
    }
    server.wait();
    ExitCode::SUCCESS
}

fn print_rebuild(rebuild: &placard::serve::Rebuild<'_>, root: &std::path::Path, snippets: bool) {
    let report = rebuild.report;
    eprint!(
        "{}",
        placard::diagnostic::report(&report.diagnostics, root, snippets)
    );
    let what = match rebuild.changed {
        [] => "built".to_owned(),
        [one] => format!("{} changed: rebuilt", one.display()),
        many => format!("{} files changed: rebuilt", many.len()),
    };
    let ms = rebuild.elapsed.as_secs_f64() * 1000.0;
    let reuse = rebuild.reuse;
    let pages = report.pages.values().sum::<usize>();
    if rebuild.served && rebuild.changed.is_empty() {
        eprintln!("built {pages} pages in {ms:.0} ms");
    } else if rebuild.served {
        eprintln!(
            "{what} in {ms:.0} ms: {} of {pages} pages and {} of {} Markdown files rendered, the rest reused",
            reuse.pages.rendered,
            reuse.markdown.rendered,
            reuse.markdown.rendered + reuse.markdown.reused
        );
    } else {
        let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!("{what} with {errors} error(s) in {ms:.0} ms; still serving the last good site");
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let today = match today(args.today.as_deref()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let external = match external_options(&args) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let options = in_memory_options(args.root, today, false);
    let report = match placard::check::check_with(&options, external.as_ref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    print_diagnostics(&report.diagnostics, &options.root);
    if let Some(summary) = &report.external_checked {
        print_external_notes(summary);
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    let external = report
        .external_checked
        .as_ref()
        .map_or_else(String::new, |s| {
            format!(
                ", {} external links ({} from cache, {} broken)",
                s.links, s.from_cache, s.broken
            )
        });
    eprintln!(
        "checked {} pages and {} internal links{external}: {errors} error(s), {warnings} warning(s)",
        report.pages, report.links
    );
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The options of `--external`, once the person has been told who will see the requests.
fn external_options(args: &CheckArgs) -> Result<Option<placard::check::external::Options>, String> {
    if !args.external {
        return Ok(None);
    }
    let timeout = std::time::Duration::try_from_secs_f64(args.timeout)
        .ok()
        .filter(|t| !t.is_zero())
        .ok_or_else(|| {
            format!(
                "--timeout `{}`: give a number of seconds above 0",
                args.timeout
            )
        })?;
    // Said before any host is contacted: who will see this computer's address.
    if placard::check::external::proxy()? {
        eprintln!(
            "note: `--external` asks every linked host through the proxy set in the environment"
        );
    } else {
        eprintln!(
            "warning: `--external` contacts every linked host from this computer; each one sees its IP address"
        );
    }
    Ok(Some(placard::check::external::Options {
        timeout,
        jobs: usize::from(args.jobs),
        cache: !args.no_cache,
        progress: true,
    }))
}

/// What `--external` could not judge, and trouble with its cache: notes, not diagnostics.
fn print_external_notes(summary: &placard::check::external::Summary) {
    for link in &summary.rate_limited {
        eprintln!(
            "note: `{link}` was not checked: its host is rate limiting us (429 Too Many Requests); try again later"
        );
    }
    if let Some(problem) = &summary.cache_problem {
        eprintln!("warning: {problem}");
    }
}

fn new(command: NewCommand) -> ExitCode {
    let (root, files) = match command {
        NewCommand::Site { dir } => (dir, Ok(placard::scaffold::site())),
        NewCommand::Case { slug, root } => {
            let files = checked_slug(&slug).map(|()| placard::scaffold::case(&slug));
            (root, files)
        }
        NewCommand::Person { case, slug, root } => {
            let files = case_facts(&root, &case).and_then(|facts| {
                checked_slug(&slug).map(|()| placard::scaffold::person(&case, &slug, &facts))
            });
            (root, files)
        }
        NewCommand::Event {
            case,
            date,
            slug,
            root,
        } => {
            let files = case_facts(&root, &case).and_then(|facts| {
                let date = Date::parse(&date).map_err(|e| format!("date `{date}`: {e}"))?;
                checked_slug(&slug).map(|()| placard::scaffold::event(&case, &date, &slug, &facts))
            });
            (root, files)
        }
    };
    let files = match files {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match placard::write::create_new(&root, &files) {
        Ok(created) => {
            for path in created {
                println!("created {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn checked_slug(slug: &str) -> Result<(), String> {
    placard::scaffold::slug_problem(slug).map_or(Ok(()), Err)
}

fn case_facts(root: &std::path::Path, case: &str) -> Result<String, String> {
    let path = root.join("content/cases").join(case).join("case.toml");
    std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (create the case first with `placard new case {case}`)",
            path.display()
        )
    })
}

/// Prints diagnostics to stderr, with source snippets when stderr is a terminal.
fn print_diagnostics(diagnostics: &[placard::diagnostic::Diagnostic], root: &std::path::Path) {
    let snippets = std::io::stderr().is_terminal();
    eprint!(
        "{}",
        placard::diagnostic::report(diagnostics, root, snippets)
    );
}
