//! Translation status: which pages and UI strings each language has up to date, stale or
//! missing, for `placard i18n status`; and the front-matter edit `mark-current` makes.
//!
//! Pure: reads a resolved [`Site`], edits text given to it; the caller does the I/O.

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::site::{Prose, Site, TranslationState};

#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct LanguageStatus {
    pub language: String,
    pub current: Vec<PathBuf>,
    pub stale: Vec<PathBuf>,
    /// The originals that have no translation in this language.
    pub missing: Vec<PathBuf>,
    pub missing_keys: Vec<String>,
}

impl LanguageStatus {
    pub fn is_complete(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.missing_keys.is_empty()
    }
}

/// Every prose item of the site.
fn all_prose(site: &Site) -> Vec<&Prose> {
    let mut all: Vec<&Prose> = site.home.iter().collect();
    all.extend(site.pages.iter().map(|p| &p.prose));
    for case in &site.cases {
        all.extend(case.overview.iter());
        all.extend(case.act.iter());
        all.extend(case.people.iter().filter_map(|p| p.biography.as_ref()));
        all.extend(case.events.iter().filter_map(|e| e.prose.as_ref()));
        all.extend(case.analyses.iter().filter_map(|a| a.prose.as_ref()));
    }
    all
}

/// The status of every translation language (all but the source), or only `only`.
pub fn status(site: &Site, only: Option<&str>) -> Vec<LanguageStatus> {
    let source = site.config.source_language.as_str();
    let mut out = Vec::new();
    for language in &site.config.languages {
        let lang = language.code.as_str();
        if lang == source || only.is_some_and(|o| o != lang) {
            continue;
        }
        let mut s = LanguageStatus {
            language: lang.to_owned(),
            ..LanguageStatus::default()
        };
        for prose in all_prose(site) {
            match prose.translations.get(lang) {
                Some(t) if t.state == TranslationState::Stale => s.stale.push(t.path.clone()),
                Some(t) => s.current.push(t.path.clone()),
                None => s.missing.extend(prose.original().map(|o| o.path.clone())),
            }
        }
        s.current.sort();
        s.stale.sort();
        s.missing.sort();
        s.missing_keys = site.catalog.missing_keys(lang);
        out.push(s);
    }
    out
}

/// The status as text for a terminal.
pub fn report_text(statuses: &[LanguageStatus]) -> String {
    let mut out = String::new();
    for s in statuses {
        out.push_str(&format!(
            "{}: {} up to date, {} stale, {} missing; UI strings: {} missing\n",
            s.language,
            s.current.len(),
            s.stale.len(),
            s.missing.len(),
            s.missing_keys.len()
        ));
        for p in &s.stale {
            out.push_str(&format!("  stale    {}\n", p.display()));
        }
        for p in &s.missing {
            out.push_str(&format!(
                "  missing  {} (no `.{}.md` translation)\n",
                p.display(),
                s.language
            ));
        }
        for k in &s.missing_keys {
            out.push_str(&format!("  missing  UI string `{k}`\n"));
        }
    }
    out
}

/// The status as JSON, keyed by language.
pub fn report_json(statuses: &[LanguageStatus]) -> String {
    let map: BTreeMap<&str, &LanguageStatus> =
        statuses.iter().map(|s| (s.language.as_str(), s)).collect();
    serde_json::to_string_pretty(&map).unwrap_or_default()
}

/// `text` with `translated_from = "<fingerprint>"` set in its front matter (added, or
/// replaced), keeping everything else as it was.
pub fn set_translated_from(text: &str, fingerprint: &str) -> String {
    let line = format!("translated_from = \"{fingerprint}\"");
    let Ok((front, body_start, _)) = crate::load::split_front_matter(text) else {
        return format!("+++\n{line}\n+++\n{text}");
    };
    if !text.starts_with("+++") {
        return format!("+++\n{line}\n+++\n{text}");
    }
    let mut lines: Vec<String> = Vec::new();
    let mut replaced = false;
    for l in front.lines() {
        if l.trim_start().starts_with("translated_from") && !replaced {
            lines.push(line.clone());
            replaced = true;
        } else {
            lines.push(l.to_owned());
        }
    }
    if !replaced {
        // Top-level keys must come before any `[table]` header to stay top-level.
        let at = lines
            .iter()
            .position(|l| l.trim_start().starts_with('['))
            .unwrap_or(lines.len());
        lines.insert(at, line);
    }
    format!("+++\n{}\n+++\n{}", lines.join("\n"), &text[body_start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_the_fingerprint_before_tables() {
        let text = "+++\ntitle = \"A\"\n[demands]\nx = \"y\"\n+++\nBody\n";
        assert_eq!(
            set_translated_from(text, "abc"),
            "+++\ntitle = \"A\"\ntranslated_from = \"abc\"\n[demands]\nx = \"y\"\n+++\nBody\n"
        );
    }

    #[test]
    fn replaces_an_old_fingerprint() {
        let text = "+++\ntranslated_from = \"old\"\ntitle = \"A\"\n+++\nBody\n";
        assert_eq!(
            set_translated_from(text, "new"),
            "+++\ntranslated_from = \"new\"\ntitle = \"A\"\n+++\nBody\n"
        );
    }

    #[test]
    fn adds_front_matter_where_there_was_none() {
        assert_eq!(
            set_translated_from("Body\n", "h"),
            "+++\ntranslated_from = \"h\"\n+++\nBody\n"
        );
    }
}
