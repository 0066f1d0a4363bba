//! Everything language-specific: the interface strings of each site language (Fluent tables
//! built into Placard, which a site may override key by key) and the CLDR rules for numbers,
//! plural forms, dates and sorting.
//!
//! This module owns message lookup and the fallback to the source language. It must not read
//! files (`load` hands it the text of each `.ftl` file) nor decide which messages a page shows.

mod format;
mod plural_check;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::parser::ParserError;

use crate::date::{PartialDate, Precision, Qualifier, Season};
use crate::diagnostic::{Diagnostic, Location};
use format::{Formats, category_name};

/// The text of one Fluent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FtlFile {
    /// Relative to the site root, or `i18n/<lang>.ftl (built in)` for a built-in table.
    pub path: PathBuf,
    pub text: String,
}

impl FtlFile {
    /// The built-in table of `lang`, if Placard has one.
    pub fn built_in(lang: &str) -> Option<FtlFile> {
        embedded(lang).map(|text| FtlFile {
            path: PathBuf::from(format!("i18n/{lang}.ftl (built in)")),
            text: text.to_owned(),
        })
    }
}

/// The built-in table of interface strings for `en`, `kk` or `ru`.
pub fn embedded(lang: &str) -> Option<&'static str> {
    match lang {
        "en" => Some(include_str!("../i18n/en.ftl")),
        "kk" => Some(include_str!("../i18n/kk.ftl")),
        "ru" => Some(include_str!("../i18n/ru.ftl")),
        _ => None,
    }
}

/// A value for a message variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg<'a> {
    /// Printed in the language's number format, and chooses plural forms.
    Number(i64),
    /// Printed as it is.
    Text(&'a str),
}

/// Everything language-specific for one language: its messages and CLDR formatters.
/// `Send + Sync`, so pages can be rendered in parallel.
pub struct Locale {
    lang: String,
    bundle: FluentBundle<FluentResource>,
    keys: BTreeSet<String>,
    formats: Formats,
}

impl Locale {
    /// A locale from `files`: the built-in table first, then the site's own `i18n/<lang>.ftl`.
    /// Later files replace messages of earlier ones and may add new ones.
    ///
    /// Reports Fluent syntax errors (`ftl-syntax`) and plural selects lacking a form that the
    /// language needs (`ftl-plural`). Entries with syntax errors are skipped; the rest is used.
    pub fn new(lang: &str, files: &[FtlFile]) -> (Locale, Vec<Diagnostic>) {
        let formats = Formats::new(lang);
        // Fluent chooses plural forms with the rules of this identifier (intl_pluralrules, which
        // agrees with CLDR's for our languages: tested). An unparsable code gets root rules.
        let mut bundle = FluentBundle::new_concurrent(vec![lang.parse().unwrap_or_default()]);
        // Unicode isolation marks around every variable confuse search engines, copy and
        // paste, and screen readers; our variables are never right-to-left text in a
        // left-to-right message.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(format::format_fluent_number));
        // Fails only if NUMBER is already defined, which it is not in a new bundle.
        let _ = bundle.add_builtins();

        let needed: Vec<&'static str> = formats
            .plural_categories()
            .into_iter()
            .map(category_name)
            .filter(|c| *c != "other")
            .collect();
        let mut diagnostics = Vec::new();
        let mut keys = BTreeSet::new();
        for file in files {
            let resource = match FluentResource::try_new(file.text.clone()) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    diagnostics.extend(errors.iter().map(|e| syntax_diagnostic(file, e)));
                    resource
                }
            };
            for (id, missing) in plural_check::missing_plural_forms(resource.entries(), &needed) {
                diagnostics.push(plural_diagnostic(lang, &formats, file, &id, &missing));
            }
            keys.extend(resource.entries().filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            }));
            bundle.add_resource_overriding(resource);
        }
        let locale = Locale {
            lang: lang.to_owned(),
            bundle,
            keys,
            formats,
        };
        (locale, diagnostics)
    }

    /// The language code, as the site configuration gives it.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The message `key` with `args` filled in, or `None` if this language has no such message.
    pub fn message(&self, key: &str, args: &[(&str, Arg)]) -> Option<String> {
        let pattern = self.bundle.get_message(key)?.value()?;
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, arg) in args {
            let value = match arg {
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Text(text) => FluentValue::from(*text),
            };
            fluent_args.set(*name, value);
        }
        // Resolution errors (a missing variable, an unknown reference) still give usable text
        // with the faulty part shown in braces; the checks of the ftl files catch their causes.
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some(text.into_owned())
    }

    /// The ids of all messages this language has.
    pub fn keys(&self) -> BTreeSet<String> {
        self.keys.clone()
    }

    /// `n` in this language's number format: "1,234" in English, "1 234" in Russian.
    pub fn format_number(&self, n: i64) -> String {
        self.formats.number(n)
    }

    /// The CLDR cardinal plural category of `n`: `zero`, `one`, `two`, `few`, `many` or `other`.
    pub fn plural_category(&self, n: u64) -> &'static str {
        category_name(self.formats.plural_category(n))
    }

    /// A date in the long form of this language: "13 ноября 2025 г.", "ноябрь 2025 г.",
    /// "2025 г.". Years alone come from the `date-year` message, since CLDR gives only digits.
    pub fn format_date(&self, date: &PartialDate) -> String {
        if date.precision() == Precision::Year {
            let year = date.year().to_string();
            if let Some(text) = self.message("date-year", &[("year", Arg::Text(&year))]) {
                return text;
            }
        }
        self.formats.date(date)
    }

    /// The date of a timeline event, with its season ("summer 2025") and qualifier ("after
    /// 13 November 2025") in words from the `date-season-*` and `date-qualifier-*` messages.
    pub fn format_event_date(
        &self,
        date: &PartialDate,
        season: Option<Season>,
        qualifier: Option<Qualifier>,
    ) -> String {
        let year = date.year().to_string();
        let year_arg = ("year", Arg::Text(&year));
        let shown = season
            .and_then(|s| self.message(&format!("date-season-{}", s.as_str()), &[year_arg]))
            .unwrap_or_else(|| self.format_date(date));
        let Some(qualifier) = qualifier else {
            return shown;
        };
        let precision = match (season, date.precision()) {
            (Some(_), _) => "season",
            (None, Precision::Day) => "day",
            (None, Precision::Month) => "month",
            (None, Precision::Year) => "year",
        };
        let mut args = vec![
            ("date", Arg::Text(&shown)),
            ("precision", Arg::Text(precision)),
            year_arg,
        ];
        if let Some(season) = season {
            args.push(("season", Arg::Text(season.as_str())));
        }
        if let Some(month) = date.month() {
            args.push(("month", Arg::Number(i64::from(month))));
        }
        if let Some(day) = date.day() {
            args.push(("day", Arg::Number(i64::from(day))));
        }
        let key = format!("date-qualifier-{}", qualifier.as_str());
        self.message(&key, &args).unwrap_or(shown)
    }

    /// Compares two strings in this language's alphabetical order (CLDR collation): in
    /// Kazakh, Ә follows А and І follows Ы.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.formats.compare(a, b)
    }
}

// By hand: the Fluent bundle and ICU4X formatters have no useful `Debug` output.
impl fmt::Debug for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Locale")
            .field("lang", &self.lang)
            .field("keys", &self.keys.len())
            .finish_non_exhaustive()
    }
}

/// All languages of a site, with fallback to the source language for missing messages.
#[derive(Debug)]
pub struct Catalog {
    source: String,
    locales: BTreeMap<String, Locale>,
}

impl Catalog {
    /// `source` is the language of the originals (`en`); its locale should be among `locales`.
    pub fn new(source: &str, locales: Vec<Locale>) -> Catalog {
        Catalog {
            source: source.to_owned(),
            locales: locales.into_iter().map(|l| (l.lang.clone(), l)).collect(),
        }
    }

    pub fn locale(&self, lang: &str) -> Option<&Locale> {
        self.locales.get(lang)
    }

    /// The message in `lang`, else in the source language, else the key itself in backticks,
    /// so that a missing message shows on the page instead of failing the build.
    pub fn text(&self, lang: &str, key: &str, args: &[(&str, Arg)]) -> String {
        self.locale(lang)
            .and_then(|l| l.message(key, args))
            .or_else(|| self.locale(&self.source)?.message(key, args))
            .unwrap_or_else(|| format!("`{key}`"))
    }

    /// Keys the source language has and `lang` lacks, sorted.
    pub fn missing_keys(&self, lang: &str) -> Vec<String> {
        let Some(source) = self.locale(&self.source) else {
            return Vec::new();
        };
        let have = self.locale(lang).map(|l| &l.keys);
        source
            .keys
            .iter()
            .filter(|key| have.is_none_or(|keys| !keys.contains(*key)))
            .cloned()
            .collect()
    }
}

fn syntax_diagnostic(file: &FtlFile, error: &ParserError) -> Diagnostic {
    let location = Location::at_offset(&file.path, &file.text, error_offset(file, error), 1);
    let entry = error
        .slice
        .as_ref()
        .and_then(|slice| file.text.get(slice.clone()))
        .and_then(entry_id);
    let what = lowercase_first(&error.kind.to_string());
    let message = match entry {
        Some(id) => format!("invalid Fluent syntax in `{id}`: {what}"),
        None => format!("invalid Fluent syntax: {what}"),
    };
    Diagnostic::error("ftl-syntax", location, message).with_help(
        "this entry is ignored until it is fixed; \
         see https://projectfluent.org/fluent/guide/ for the syntax",
    )
}

/// Where to point for a syntax error. When an entry runs on into the next line (an unclosed
/// `{`), the parser stops at the start of that line; the fix belongs at the end of the line
/// before, so point there.
fn error_offset(file: &FtlFile, error: &ParserError) -> usize {
    let start = error.pos.start.min(file.text.len());
    let entry_start = error.slice.as_ref().map_or(0, |s| s.start);
    let before = file.text.get(..start).unwrap_or_default();
    if start > entry_start && before.ends_with('\n') {
        let previous = before.trim_end();
        if previous.len() >= entry_start {
            return previous.len();
        }
    }
    start
}

/// The id at the start of a Fluent entry, e.g. `days` in `days = …` or `-brand` in a term.
fn entry_id(entry: &str) -> Option<&str> {
    let (id, _) = entry.trim_start().split_once('=')?;
    let id = id.trim_end();
    let valid = !id.is_empty()
        && id
            .trim_start_matches('-')
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then_some(id)
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn plural_diagnostic(
    lang: &str,
    formats: &Formats,
    file: &FtlFile,
    id: &str,
    missing: &[&'static str],
) -> Diagnostic {
    let offset = plural_check::message_offset(&file.text, id);
    let location = Location::at_offset(&file.path, &file.text, offset, 1);
    let names: Vec<String> = missing.iter().map(|c| format!("`{c}`")).collect();
    let forms = match names.as_slice() {
        [one] => format!("the {one} plural form"),
        [init @ .., last] => format!("the {} and {last} plural forms", init.join(", ")),
        [] => "no plural form".to_owned(),
    };
    let message = format!(
        "message `{id}` lacks {forms} that {} needs",
        language_name(lang)
    );
    let variants: Vec<String> = missing
        .iter()
        .map(|c| format!("`[{c}]` (for {})", plural_examples(formats, c)))
        .collect();
    // A missing plural form prints the wrong words for some numbers: an error, not a warning.
    Diagnostic::error("ftl-plural", location, message)
        .with_help(format!("add {}", variants.join(" and ")))
}

/// The first few numbers of a plural category, e.g. "2, 3, 4, 22, …" for Russian `few`.
fn plural_examples(formats: &Formats, category: &str) -> String {
    let numbers: Vec<String> = (0..1000u64)
        .filter(|n| category_name(formats.plural_category(*n)) == category)
        .take(4)
        .map(|n| n.to_string())
        .collect();
    format!("{}, …", numbers.join(", "))
}

/// The English name of a language for messages to campaigners.
fn language_name(lang: &str) -> String {
    match lang {
        "en" => "English".to_owned(),
        "kk" => "Kazakh".to_owned(),
        "ru" => "Russian".to_owned(),
        _ => format!("the language `{lang}`"),
    }
}
