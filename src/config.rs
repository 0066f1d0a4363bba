//! The site configuration, `content/site.toml`: languages, base URL, publisher, safety options.
//!
//! This module parses and validates the config text it is given; it never reads files.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Location};
use crate::model::LanguageCode;

/// Where the site config lives, relative to the site root.
pub const CONFIG_PATH: &str = "content/site.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: BTreeMap<String, String>,
    base_url: Option<Spanned<String>>,
    source_language: Option<Spanned<String>>,
    #[serde(default)]
    publisher: BTreeMap<String, String>,
    #[serde(default)]
    allow_html: bool,
    theme: Option<String>,
    #[serde(default)]
    allowed_hosts: Vec<String>,
    #[serde(default)]
    languages: Vec<RawLanguage>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: Spanned<String>,
    name: String,
}

/// One language of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: LanguageCode,
    /// The language's name in itself, e.g. "Қазақша".
    pub name: String,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: BTreeMap<String, String>,
    /// Always ends with `/`.
    pub base_url: String,
    /// In the order of `site.toml`; the source language is among them.
    pub languages: Vec<Language>,
    pub source_language: LanguageCode,
    pub publisher: BTreeMap<String, String>,
    pub allow_html: bool,
    pub theme: Option<String>,
    pub allowed_hosts: Vec<String>,
}

impl SiteConfig {
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code.as_str() == code)
    }

    /// The site title in `lang`, else in the source language.
    pub fn title_in(&self, lang: &str) -> &str {
        self.title
            .get(lang)
            .or_else(|| self.title.get(self.source_language.as_str()))
            .map_or("", String::as_str)
    }

    pub fn publisher_in(&self, lang: &str) -> Option<&str> {
        self.publisher
            .get(lang)
            .or_else(|| self.publisher.get(self.source_language.as_str()))
            .map(String::as_str)
    }
}

/// Parses `site.toml`. `base_url_override` is `--base-url`, which wins over the file.
pub fn parse(text: &str, base_url_override: Option<&str>) -> Result<SiteConfig, Vec<Diagnostic>> {
    let raw: RawConfig =
        toml::from_str(text).map_err(|e| vec![toml_error(CONFIG_PATH, text, &e, 1)])?;
    let mut problems = Vec::new();
    let at = |span: std::ops::Range<usize>| Location::at_offset(CONFIG_PATH, text, span.start, 1);

    let mut languages: Vec<Language> = Vec::new();
    for lang in &raw.languages {
        let code = lang.code.get_ref();
        if !is_language_code(code) {
            problems.push(
                Diagnostic::error(
                    "config",
                    at(lang.code.span()),
                    format!("`{code}` is not a language code"),
                )
                .with_help("use a BCP 47 code such as `en`, `kk` or `ru`"),
            );
        } else if languages.iter().any(|l| l.code.as_str() == code) {
            problems.push(Diagnostic::error(
                "config",
                at(lang.code.span()),
                format!("language `{code}` is listed twice"),
            ));
        } else {
            languages.push(Language {
                code: LanguageCode(code.clone()),
                name: lang.name.clone(),
            });
        }
    }
    if raw.languages.is_empty() {
        problems.push(
            Diagnostic::error(
                "config",
                Location::file(CONFIG_PATH),
                "the site has no languages",
            )
            .with_help("add a `[[languages]]` table with `code` and `name` for each language"),
        );
    }
    let source_language = match &raw.source_language {
        Some(s) if languages.iter().any(|l| l.code.as_str() == s.get_ref()) => {
            LanguageCode(s.get_ref().clone())
        }
        Some(s) => {
            problems.push(
                Diagnostic::error(
                    "config",
                    at(s.span()),
                    format!(
                        "source language `{}` is not one of the site's languages",
                        s.get_ref()
                    ),
                )
                .with_help("add it under `[[languages]]` or name one that is there"),
            );
            LanguageCode(s.get_ref().clone())
        }
        None => languages
            .first()
            .map(|l| l.code.clone())
            .unwrap_or_else(|| LanguageCode("en".into())),
    };
    let base_url = match base_url_override
        .map(str::to_owned)
        .or_else(|| raw.base_url.as_ref().map(|b| b.get_ref().clone()))
    {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            if url.ends_with('/') {
                url
            } else {
                format!("{url}/")
            }
        }
        Some(url) => {
            let location = match (&raw.base_url, base_url_override) {
                (Some(b), None) => at(b.span()),
                _ => Location::file(CONFIG_PATH),
            };
            problems.push(
                Diagnostic::error(
                    "config",
                    location,
                    format!("base URL `{url}` is not an http(s) URL"),
                )
                .with_help("write it in full, e.g. `https://example.org/campaign/`"),
            );
            url
        }
        None => "http://localhost/".to_owned(),
    };
    let source_known = languages.iter().any(|l| l.code == source_language);
    // An unknown source language is reported once, above, not again for every field.
    if source_known && !raw.title.contains_key(source_language.as_str()) {
        problems.push(
            Diagnostic::error(
                "config",
                Location::file(CONFIG_PATH),
                format!("the site has no title in the source language `{source_language}`"),
            )
            .with_help(format!("add `{source_language} = \"…\"` to `title`")),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(SiteConfig {
        title: raw.title,
        base_url,
        languages,
        source_language,
        publisher: raw.publisher,
        allow_html: raw.allow_html,
        theme: raw.theme,
        allowed_hosts: raw.allowed_hosts,
    })
}

fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()));
    primary_ok
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A TOML parse error as a located diagnostic. `first_line` is the file line where `text`
/// starts (front matter starts below its `+++` line).
pub fn toml_error(
    path: &str,
    text: &str,
    error: &toml::de::Error,
    first_line: usize,
) -> Diagnostic {
    let location = match error.span() {
        Some(span) => Location::at_offset(path, text, span.start, first_line),
        None => Location::file(path),
    };
    let message = error.message().trim().to_owned();
    let help = toml_help(&message);
    let diagnostic = Diagnostic::error("toml", location, message);
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

fn toml_help(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        Some("check the spelling; docs/content.md lists every field of this file".into())
    } else if message.starts_with("unknown variant") {
        Some("use one of the values listed in the message (see docs/content.md)".into())
    } else if message.starts_with("missing field") {
        Some("add the field; docs/content.md shows an example of this file".into())
    } else if message.starts_with("invalid type") {
        Some("check the value's type: text goes in quotes, lists in [ ], tables in { }".into())
    } else if message.contains("string") || message.contains("quote") {
        Some("text values go between double quotes: `title = \"…\"`".into())
    } else {
        Some("the mistake may be on an earlier line: every `\"` must close on its own line, and `{ … }` on the line it opens (TOML syntax)".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
title = { en = "Site" }
base_url = "https://example.org/x"
source_language = "en"
[[languages]]
code = "en"
name = "English"
[[languages]]
code = "kk"
name = "Қазақша"
"#;

    #[test]
    fn parses_a_valid_config() {
        let config = parse(GOOD, None).map_err(|d| format!("{d:?}"));
        let config = config.as_ref().map_err(String::as_str);
        assert!(config.is_ok(), "{config:?}");
        if let Ok(c) = config {
            assert_eq!(c.base_url, "https://example.org/x/");
            assert_eq!(c.languages.len(), 2);
            assert_eq!(c.source_language.as_str(), "en");
        }
    }

    #[test]
    fn base_url_flag_wins() {
        let c = parse(GOOD, Some("https://mirror.example/")).ok();
        assert_eq!(
            c.map(|c| c.base_url),
            Some("https://mirror.example/".to_owned())
        );
    }

    #[test]
    fn unknown_field_is_located() {
        let text = "title = { en = \"x\" }\ntitel = 1\n";
        let errors = parse(text, None).err().unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].location.line, 2);
        assert_eq!(errors[0].location.column, 1);
        assert!(
            errors[0].message.contains("unknown field `titel`"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn unknown_source_language_is_reported() {
        let text = GOOD.replace("source_language = \"en\"", "source_language = \"de\"");
        let errors = parse(&text, None).err().unwrap_or_default();
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains("source language `de`"))
        );
    }
}
