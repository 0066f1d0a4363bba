//! Stage 1, `load`: reads a site root from disk into [`Sources`]: the config, every content
//! file (front matter and TOML parsed, text normalised to NFC), media bytes, the site's own UI
//! strings and theme overrides. Files are read and parsed in parallel.
//!
//! This is one of the three modules that touch the file system. It decides nothing about
//! references or URLs; `resolve` does.

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

use crate::config::{self, CONFIG_PATH, SiteConfig};
use crate::diagnostic::{Diagnostic, Location};
use crate::i18n::FtlFile;
use crate::model::{AnalysisFacts, CaseFacts, EventFacts, FrontMatter, LawsFacts, PersonFacts};

/// Markdown and TOML files larger than this are refused: no campaign page needs more, and the
/// limit keeps a mistaken file (a log, a dump) from exhausting a small machine.
pub const MAX_TEXT_BYTES: u64 = 20 * 1024 * 1024;

/// Everything read from a site root.
#[derive(Debug, Default)]
pub struct Sources {
    pub root: PathBuf,
    /// `None` when `site.toml` is missing or invalid (the diagnostics say why).
    pub config: Option<SiteConfig>,
    pub documents: Vec<Document>,
    pub facts: Vec<FactsFile>,
    pub media: Vec<MediaFile>,
    /// The site's own `i18n/<lang>.ftl` files, by language.
    pub ftl: Vec<(String, FtlFile)>,
    /// The site theme's templates: (file name, text, path relative to the root).
    pub templates: Vec<(String, String, PathBuf)>,
    /// The site theme's static files: (path under `static/`, bytes).
    pub theme_static: Vec<(String, Vec<u8>)>,
    pub diagnostics: Vec<Diagnostic>,
    /// Facts files that could not be parsed (already reported), so that references to what
    /// they define are not reported a second time.
    pub broken: std::collections::BTreeSet<PathBuf>,
}

/// What a content file is, from where it lies.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// `content/index.LANG.md`
    Home,
    /// `content/<slug>.LANG.md`
    Page(String),
    /// `cases/<case>/index.LANG.md`
    CaseIndex(String),
    /// `cases/<case>/act.LANG.md`
    Act(String),
    /// `cases/<case>/people/<id>.LANG.md`
    Person(String, String),
    /// `cases/<case>/timeline/<id>.LANG.md`
    Event(String, String),
    /// `cases/<case>/legal/<id>.LANG.md`
    Analysis(String, String),
}

/// A prose file `NAME.LANG.md`, its front matter parsed.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub place: Place,
    pub lang: String,
    pub front: FrontMatter,
    /// Where the Markdown after the front matter starts in `text` (a byte offset, so that
    /// the text is held once).
    pub body_start: usize,
    /// The 1-based file line where `body` starts.
    pub body_line: usize,
    /// The whole normalised text, from which a translation's fingerprint is computed.
    pub text: String,
}

impl Document {
    /// The Markdown after the front matter.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or_default()
    }

    /// The text before the body: the front matter with its `+++` lines.
    pub fn front_text(&self) -> &str {
        self.text.get(..self.body_start).unwrap_or_default()
    }
}

/// A parsed facts file.
#[derive(Debug, Clone)]
pub struct FactsFile {
    pub path: PathBuf,
    pub case: String,
    /// The file stem: the id of a person, event or analysis.
    pub id: String,
    pub facts: Facts,
    pub text: String,
}

#[derive(Debug, Clone)]
pub enum Facts {
    Case(Box<CaseFacts>),
    Laws(LawsFacts),
    Person(Box<PersonFacts>),
    Event(EventFacts),
    Analysis(AnalysisFacts),
}

/// A file under `cases/<case>/media/`.
#[derive(Debug, Clone)]
pub struct MediaFile {
    pub path: PathBuf,
    pub case: String,
    /// The path below the case folder, e.g. `media/photo.jpg`.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads the site at `root`. Environment failures (the root itself missing) are errors;
/// everything a campaigner can fix is a diagnostic in the result.
pub fn load(root: &Path, base_url: Option<&str>) -> Result<Sources, std::io::Error> {
    let meta = std::fs::metadata(root)?;
    if !meta.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            format!("{} is not a folder", root.display()),
        ));
    }
    let canonical_root = root.canonicalize()?;
    let mut sources = Sources {
        root: root.to_path_buf(),
        ..Sources::default()
    };

    let config_text = read_text(root, Path::new(CONFIG_PATH));
    match config_text {
        Ok(text) => match config::parse(&text, base_url) {
            Ok(c) => sources.config = Some(c),
            Err(problems) => sources.diagnostics.extend(problems),
        },
        Err(problem) if root.join(CONFIG_PATH).exists() => sources.diagnostics.push(problem),
        Err(_) => sources.diagnostics.push(
            Diagnostic::error(
                "missing-config",
                Location::file(CONFIG_PATH),
                "the site has no `content/site.toml`",
            )
            .with_help("a site needs one; `placard new site DIR` writes a site to start from"),
        ),
    }
    let theme = sources.config.as_ref().and_then(|c| c.theme.clone());

    let mut paths = Vec::new();
    for top in ["content", "i18n"] {
        walk(
            root,
            &canonical_root,
            Path::new(top),
            &mut paths,
            &mut sources.diagnostics,
        );
    }
    if let Some(theme) = &theme {
        let dir = Path::new("themes").join(theme);
        if !root.join(&dir).is_dir() {
            sources.diagnostics.push(
                Diagnostic::error(
                    "theme",
                    Location::file(CONFIG_PATH),
                    format!("theme `{theme}` has no folder `{}`", dir.display()),
                )
                .with_help("create the folder or remove `theme` to use the built-in theme"),
            );
        }
        walk(
            root,
            &canonical_root,
            &dir,
            &mut paths,
            &mut sources.diagnostics,
        );
    }
    paths.sort();

    let theme_dir = theme.map(|t| Path::new("themes").join(t));
    let loaded: Vec<Loaded> = paths
        .par_iter()
        .map(|path| load_file(root, path, theme_dir.as_deref()))
        .collect();
    for item in loaded {
        match item {
            Loaded::Document(d) => sources.documents.push(*d),
            Loaded::Facts(f) => sources.facts.push(*f),
            Loaded::Media(m) => sources.media.push(m),
            Loaded::Ftl(lang, f) => sources.ftl.push((lang, f)),
            Loaded::Template(name, text, path) => sources.templates.push((name, text, path)),
            Loaded::Static(name, bytes) => sources.theme_static.push((name, bytes)),
            Loaded::Problem(d) => sources.diagnostics.push(d),
            Loaded::BrokenFacts(path, d) => {
                sources.broken.insert(path);
                sources.diagnostics.push(d);
            }
            Loaded::Nothing => {}
        }
    }
    Ok(sources)
}

/// Collects the files below `root/dir` (paths relative to `root`), refusing symlinks that
/// leave the site root and reporting loops.
fn walk(
    root: &Path,
    canonical_root: &Path,
    dir: &Path,
    out: &mut Vec<PathBuf>,
    problems: &mut Vec<Diagnostic>,
) {
    if !root.join(dir).exists() {
        return;
    }
    let mut walker = walkdir::WalkDir::new(root.join(dir))
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    while let Some(entry) = walker.next() {
        match entry {
            Ok(entry) => {
                let relative = entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                if entry.path_is_symlink() {
                    let inside = entry
                        .path()
                        .canonicalize()
                        .is_ok_and(|c| c.starts_with(canonical_root));
                    if !inside {
                        let (what, help) = if entry.file_type().is_dir() {
                            (
                                "folder",
                                "copy the folder into the site instead; Placard never reads outside the site folder",
                            )
                        } else {
                            (
                                "file",
                                "copy the file into the site instead; Placard never reads outside the site folder",
                            )
                        };
                        problems.push(
                            Diagnostic::error(
                                "symlink-outside",
                                Location::file(&relative),
                                format!("this link points to a {what} outside the site root"),
                            )
                            .with_help(help),
                        );
                        if entry.file_type().is_dir() {
                            // Never descend: nothing below a link that leaves the site is read.
                            walker.skip_current_dir();
                        }
                        continue;
                    }
                }
                if entry.file_type().is_file() {
                    out.push(relative);
                }
            }
            Err(error) => problems.push(walk_problem(root, &error)),
        }
    }
}

fn walk_problem(root: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error
        .path()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .unwrap_or_default();
    let is_link = error
        .path()
        .and_then(|p| std::fs::symlink_metadata(p).ok())
        .is_some_and(|m| m.file_type().is_symlink());
    if let Some(ancestor) = error.loop_ancestor() {
        let ancestor = ancestor.strip_prefix(root).unwrap_or(ancestor);
        return Diagnostic::error(
            "symlink-loop",
            Location::file(&path),
            format!("this link leads back to `{}`, a loop", ancestor.display()),
        )
        .with_help("remove the link");
    }
    let kind = error.io_error().map(std::io::Error::kind);
    if is_link && kind == Some(std::io::ErrorKind::NotFound) {
        return Diagnostic::error(
            "broken-symlink",
            Location::file(&path),
            "this link points to nothing",
        )
        .with_help("remove the link, or copy the file it meant into the site");
    }
    if is_link && error.io_error().and_then(std::io::Error::raw_os_error) == Some(40) {
        // ELOOP: links that point at each other.
        return Diagnostic::error(
            "symlink-loop",
            Location::file(&path),
            "this link leads round in a loop of links",
        )
        .with_help("remove the link");
    }
    let reason = error
        .io_error()
        .map(|e| e.kind().to_string())
        .unwrap_or_else(|| error.to_string());
    Diagnostic::error(
        "unreadable",
        Location::file(&path),
        format!("cannot be read: {reason}"),
    )
    .with_help("check that the file exists and that its permissions allow reading it")
}

/// Whether a path (relative to the root) is one a load never reads: some part of it is a
/// hidden file or folder, an editor's backup or swap file.
pub fn ignored(path: &Path) -> bool {
    path.components().any(|c| is_ignored(c.as_os_str()))
}

fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.starts_with('#')
}

enum Loaded {
    Document(Box<Document>),
    Facts(Box<FactsFile>),
    Media(MediaFile),
    Ftl(String, FtlFile),
    Template(String, String, PathBuf),
    Static(String, Vec<u8>),
    Problem(Diagnostic),
    BrokenFacts(PathBuf, Diagnostic),
    Nothing,
}

fn load_file(root: &Path, path: &Path, theme_dir: Option<&Path>) -> Loaded {
    let parts: Vec<String> = path
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let result = match parts.as_slice() {
        ["content", "site.toml"] => return Loaded::Nothing,
        ["content", "cases", case, "media", ..] => read_bytes(root, path).map(|bytes| {
            let name = parts[3..].join("/");
            Loaded::Media(MediaFile {
                path: path.to_path_buf(),
                case: (*case).to_owned(),
                name,
                bytes,
            })
        }),
        ["content", rest @ ..] => load_content(root, path, rest),
        ["i18n", name] if name.ends_with(".ftl") => read_text(root, path).map(|text| {
            let lang = name.trim_end_matches(".ftl").to_owned();
            Loaded::Ftl(
                lang,
                FtlFile {
                    path: path.to_path_buf(),
                    text,
                },
            )
        }),
        _ => match theme_dir.and_then(|t| path.strip_prefix(t).ok()) {
            Some(inner) => load_theme_file(root, path, inner),
            None => Ok(unused(path)),
        },
    };
    result.unwrap_or_else(Loaded::Problem)
}

/// Reads one prose file of the site (`content/….LANG.md`), as a full load would.
/// `None` when it is not one, or cannot be read or parsed.
pub fn load_document(root: &Path, path: &Path) -> Option<Document> {
    match load_file(root, path, None) {
        Loaded::Document(doc) => Some(*doc),
        _ => None,
    }
}

fn load_theme_file(root: &Path, path: &Path, inner: &Path) -> Result<Loaded, Diagnostic> {
    let inner_str = inner.to_string_lossy().replace('\\', "/");
    if let Some(name) = inner_str.strip_prefix("templates/") {
        let text = read_text(root, path)?;
        Ok(Loaded::Template(name.to_owned(), text, path.to_path_buf()))
    } else if let Some(name) = inner_str.strip_prefix("static/") {
        Ok(Loaded::Static(name.to_owned(), read_bytes(root, path)?))
    } else {
        Ok(unused(path))
    }
}

fn unused(path: &Path) -> Loaded {
    Loaded::Problem(
        Diagnostic::warning(
            "unused-file",
            Location::file(path),
            "this file is not part of any page",
        )
        .with_help("docs/content.md shows where each kind of file goes"),
    )
}

fn load_content(root: &Path, path: &Path, rest: &[&str]) -> Result<Loaded, Diagnostic> {
    let name = rest.last().copied().unwrap_or_default();
    if let Some(stem) = name.strip_suffix(".md") {
        let Some((id, lang)) = stem.rsplit_once('.') else {
            return Err(Diagnostic::error(
                "file-name",
                Location::file(path),
                "a prose file's name must end in `.LANG.md`",
            )
            .with_help(format!("rename it, e.g. `{stem}.en.md`")));
        };
        let place = match rest {
            [_] if id == "index" => Place::Home,
            [_] => Place::Page(id.to_owned()),
            ["cases", case, _] if id == "index" => Place::CaseIndex((*case).to_owned()),
            ["cases", case, _] if id == "act" => Place::Act((*case).to_owned()),
            ["cases", case, "people", _] => Place::Person((*case).to_owned(), id.to_owned()),
            ["cases", case, "timeline", _] => Place::Event((*case).to_owned(), id.to_owned()),
            ["cases", case, "legal", _] => Place::Analysis((*case).to_owned(), id.to_owned()),
            _ => return Ok(unused(path)),
        };
        let text = read_text(root, path)?;
        return parse_document(path, place, lang, text).map(|d| Loaded::Document(Box::new(d)));
    }
    if let Some(id) = name.strip_suffix(".toml") {
        let (case, parse): (&str, FactsParser) = match rest {
            ["cases", case, "case.toml"] => (case, |t, p| {
                parse_toml(t, p).map(|f| Facts::Case(Box::new(f)))
            }),
            ["cases", case, "laws.toml"] => (case, |t, p| parse_toml(t, p).map(Facts::Laws)),
            ["cases", case, "people", _] => (case, |t, p| {
                parse_toml(t, p).map(|f| Facts::Person(Box::new(f)))
            }),
            ["cases", case, "timeline", _] => (case, |t, p| parse_toml(t, p).map(Facts::Event)),
            ["cases", case, "legal", _] => (case, |t, p| parse_toml(t, p).map(Facts::Analysis)),
            _ => return Ok(unused(path)),
        };
        let text = read_text(root, path)?;
        let facts = match parse(&text, path) {
            Ok(f) => f,
            Err(d) => return Ok(Loaded::BrokenFacts(path.to_path_buf(), d)),
        };
        return Ok(Loaded::Facts(Box::new(FactsFile {
            path: path.to_path_buf(),
            case: case.to_owned(),
            id: id.to_owned(),
            facts,
            text,
        })));
    }
    Ok(unused(path))
}

/// Parses one kind of facts file.
type FactsParser = fn(&str, &Path) -> Result<Facts, Diagnostic>;

fn parse_toml<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| config::toml_error(&path.to_string_lossy(), text, &e, 1))
}

/// Splits `text` into its front matter and body and parses the front matter.
pub fn parse_document(
    path: &Path,
    place: Place,
    lang: &str,
    text: String,
) -> Result<Document, Diagnostic> {
    let (front_text, body_start, body_line) = split_front_matter(&text).map_err(|line| {
        Diagnostic::error(
            "front-matter",
            Location::at(path, line, 1),
            "front matter opened with `+++` is never closed",
        )
        .with_help("add a line `+++` after the front matter")
    })?;
    let front: FrontMatter = toml::from_str(front_text)
        .map_err(|e| config::toml_error(&path.to_string_lossy(), front_text, &e, 2))?;
    Ok(Document {
        path: path.to_path_buf(),
        place,
        lang: lang.to_owned(),
        front,
        body_start,
        body_line,
        text,
    })
}

/// Finds the front matter: `(front matter text, byte offset of the body, body's first line)`.
/// A file without a leading `+++` line has empty front matter. `Err(line)` when the front
/// matter opened on `line` is never closed.
pub fn split_front_matter(text: &str) -> Result<(&str, usize, usize), usize> {
    let Some(after_open) = text
        .strip_prefix("+++\n")
        .or_else(|| (text == "+++").then_some(""))
    else {
        return Ok(("", 0, 1));
    };
    let open_len = text.len() - after_open.len();
    let mut offset = 0;
    for (index, line) in after_open.split_inclusive('\n').enumerate() {
        if line.trim_end() == "+++" {
            let front = &after_open[..offset];
            let body_start = open_len + offset + line.len();
            return Ok((front, body_start, index + 3));
        }
        offset += line.len();
    }
    Err(1)
}

fn read_bytes(root: &Path, path: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(root.join(path)).map_err(|e| {
        Diagnostic::error(
            "unreadable",
            Location::file(path),
            format!("cannot be read: {e}"),
        )
        .with_help("check that the file exists and that its permissions allow reading it")
    })
}

/// Reads a text file: checks its size and UTF-8, drops a BOM, turns CRLF into LF and
/// normalises to NFC so that the same letters always compare equal.
fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let full = root.join(path);
    let size = std::fs::metadata(&full).map(|m| m.len()).unwrap_or(0);
    if size > MAX_TEXT_BYTES {
        return Err(Diagnostic::error(
            "too-large",
            Location::file(path),
            format!(
                "this file is {:.1} MB; text files may be at most {} MB",
                size as f64 / 1e6,
                MAX_TEXT_BYTES / 1024 / 1024
            ),
        )
        .with_help("split it into several pages"));
    }
    let bytes = read_bytes(root, path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Diagnostic::error(
            "utf8",
            Location::at_offset(path, &prefix, valid, 1),
            "this file is not valid UTF-8 text",
        )
        .with_help("save the file as UTF-8 in your editor")
    })?;
    Ok(normalise(text))
}

/// BOM, CRLF and NFC normalisation, skipping the work for text that needs none.
pub fn normalise(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    };
    if only_plain_letters(text.as_bytes()) {
        return text;
    }
    // ICU's normaliser passes already-composed text through without copying.
    match icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(composed) => composed,
    }
}

/// Whether valid UTF-8 text holds only characters that are in NFC whatever surrounds them
/// (NFC quick check "yes" and combining class 0): ASCII, U+0080–U+02FF (Latin), U+0400–U+04FF
/// less the Cyrillic combining marks U+0483–U+0489 (all Kazakh and Russian letters), and
/// U+2010–U+2027 and U+2030–U+205E (dashes, quotes, ellipsis). Such text is in NFC as it is.
/// A byte scan, several times faster than asking the normaliser; anything else goes to it.
fn only_plain_letters(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let plain = match b {
            0xC2..=0xCB | 0xD0 | 0xD1 | 0xD3 => true,
            0xD2 => !(0x83..=0x89).contains(&next),
            0xE2 => {
                let third = bytes.get(i + 2).copied().unwrap_or(0);
                match next {
                    0x80 => (0x90..=0xA7).contains(&third) || third >= 0xB0,
                    0x81 => third <= 0x9E,
                    _ => false,
                }
            }
            _ => false,
        };
        if !plain {
            return false;
        }
        i += if b >= 0xE0 { 3 } else { 2 };
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_letters_are_exactly_those_nfc_leaves_alone_in_any_company() {
        let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
        let plain: Vec<char> = (0x80u32..0x3000)
            .filter_map(char::from_u32)
            .filter(|c| only_plain_letters(c.to_string().as_bytes()))
            .collect();
        // The ranges the scan admits, and nothing else below U+3000.
        let expected = |c: u32| {
            (0x80..=0x2FF).contains(&c)
                || (0x400..=0x4FF).contains(&c) && !(0x483..=0x489).contains(&c)
                || (0x2010..=0x2027).contains(&c)
                || (0x2030..=0x205E).contains(&c)
        };
        assert!(
            (0x80u32..0x3000)
                .filter_map(char::from_u32)
                .all(|c| plain.contains(&c) == expected(c as u32))
        );
        // Each is NFC after any of them and after ASCII: nothing composes or reorders.
        let mut before: Vec<char> = plain.clone();
        before.extend((0x20u8..0x7F).map(char::from));
        for c in &plain {
            for b in &before {
                let pair: String = [*b, *c].iter().collect();
                assert!(
                    nfc.is_normalized(&pair),
                    "U+{:04X} after U+{:04X}",
                    *c as u32,
                    *b as u32
                );
            }
        }
        // Text with a combining mark is not plain, and is composed.
        assert!(!only_plain_letters("и\u{306}".as_bytes()));
        assert!(only_plain_letters(
            "Қазақ тілі — «ә, ғ, қ, ң, ө, ұ, ү, һ, і» ё".as_bytes()
        ));
    }

    #[test]
    fn splits_front_matter() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let (front, start, line) = split_front_matter(text).unwrap_or_default();
        assert_eq!(front, "title = \"A\"\n");
        assert_eq!(&text[start..], "Body\n");
        assert_eq!(line, 4);
    }

    #[test]
    fn no_front_matter_is_all_body() {
        assert_eq!(split_front_matter("Just text"), Ok(("", 0, 1)));
        assert_eq!(split_front_matter(""), Ok(("", 0, 1)));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert_eq!(split_front_matter("+++\ntitle = \"A\"\nBody\n"), Err(1));
    }

    #[test]
    fn crlf_and_bom_are_normalised() {
        let text = normalise("\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n".to_owned());
        let (front, start, _) = split_front_matter(&text).unwrap_or_default();
        assert_eq!(front, "title = \"A\"\n");
        assert_eq!(&text[start..], "Body\n");
    }

    #[test]
    fn text_is_nfc() {
        // "й" written as и + combining breve becomes the single letter.
        assert_eq!(normalise("и\u{306}".to_owned()), "й");
    }

    #[test]
    fn front_matter_errors_point_at_the_file_line() {
        let text = "+++\ntitle = \"A\"\ntitel = \"B\"\n+++\nBody\n".to_owned();
        let error = parse_document(Path::new("content/a.en.md"), Place::Home, "en", text).err();
        let location = error.map(|e| e.location).unwrap_or_default();
        assert_eq!((location.line, location.column), (3, 1));
    }
}
