//! Diagnostics: content problems a campaigner can fix, each with a stable code, a location
//! (path relative to the site root, line, column), a message and, where known, a fix.
//!
//! This module only describes and prints problems; it never decides whether a build stops.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is. Errors fail the build (exit code 1); warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// Where a problem is: a path relative to the site root, with a 1-based line and column
/// (0 when the problem concerns the whole file).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The whole file, without a line.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: 0,
            column: 0,
        }
    }

    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            path: path.into(),
            line,
            column,
        }
    }

    /// The location of byte `offset` within `text`, which is the content of `path` starting
    /// at line `first_line` (1-based).
    pub fn at_offset(
        path: impl Into<PathBuf>,
        text: &str,
        offset: usize,
        first_line: usize,
    ) -> Self {
        let (line, column) = line_column(text, offset);
        Location::at(path, line + first_line - 1, column)
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Forward slashes on every platform so that reports read the same everywhere.
        let path = self.path.to_string_lossy().replace('\\', "/");
        if self.line == 0 {
            write!(f, "{path}")
        } else {
            write!(f, "{path}:{}:{}", self.line, self.column)
        }
    }
}

/// One content problem.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    pub location: Location,
    pub severity: Severity,
    /// A stable code, e.g. `unknown-person`, that tests and documentation can name.
    pub code: &'static str,
    pub message: String,
    /// How to fix it, when known.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            severity: Severity::Error,
            code,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, location, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}[{}]: {}",
            self.location, self.severity, self.code, self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics so that every run prints them in the same order, and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort();
    diagnostics.dedup();
}

/// Prints diagnostics, with the offending source line under each when `root` holds the file.
pub fn report(diagnostics: &[Diagnostic], root: &Path, snippets: bool) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
        if snippets
            && d.location.line > 0
            && let Some(line) = std::fs::read_to_string(root.join(&d.location.path))
                .ok()
                .and_then(|text| text.lines().nth(d.location.line - 1).map(str::to_owned))
        {
            {
                out.push_str(&format!("  {:>4} | {line}\n", d.location.line));
                out.push_str(&format!(
                    "       | {}^\n",
                    " ".repeat(d.location.column.saturating_sub(1))
                ));
            }
        }
    }
    out
}

/// The closest candidate to `name` by edit distance, for "did you mean" hints.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let text = "ab\nәбв\nx";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // "әб" is four bytes, two characters.
        assert_eq!(line_column(text, 7), (2, 3));
    }

    #[test]
    fn suggests_the_nearest_id() {
        let ids = ["bekzat-maxutkhan", "erbol-nurlybayev"];
        assert_eq!(suggest("bekzat-maxutkan", ids), Some("bekzat-maxutkhan"));
        assert_eq!(suggest("someone-else-entirely", ids), None);
    }

    #[test]
    fn displays_located_messages() {
        let d = Diagnostic::error(
            "unknown-person",
            Location::at("content/a.toml", 4, 11),
            "unknown person `x`",
        )
        .with_help("did you mean `y`?");
        assert_eq!(
            d.to_string(),
            "content/a.toml:4:11: error[unknown-person]: unknown person `x`\n  help: did you mean `y`?"
        );
    }
}
