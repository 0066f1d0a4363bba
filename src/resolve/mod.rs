//! Stage 2, `resolve`: turns [`Sources`] into a [`Site`]: languages and UI strings, URLs,
//! prose rendered from Markdown (in parallel, each file once), translations compared with their
//! originals, and every reference between facts checked.
//!
//! Pure: no file system, no clock (today comes in through [`Options`]).

mod case;
mod layout;

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Location};
use crate::i18n::{self, Catalog, FtlFile, Locale};
use crate::load::{Document, Place, Sources};
use crate::markdown::{Input, Markdown, TrustedHtml};
use crate::model::LanguageCode;
use crate::site::{Page, Prose, Site, Translation, TranslationState};

pub use layout::Layout;

#[derive(Debug, Clone)]
pub struct Options {
    pub today: Date,
    /// Include documents marked `draft = true`.
    pub drafts: bool,
    /// Links end in `index.html`, for `file://` and zips.
    pub portable: bool,
    /// Show how far the Markdown of a big site has got, on stderr.
    pub progress: bool,
}

/// The fingerprint a translation records of the original it was made from.
pub fn fingerprint(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Resolves the site. Returns `None` when there is no usable config; diagnostics say why.
pub fn resolve(
    sources: Sources,
    markdown: &Markdown,
    options: &Options,
) -> (Option<Site>, Vec<Diagnostic>) {
    let mut diagnostics = sources.diagnostics;
    let Some(config) = sources.config else {
        return (None, diagnostics);
    };
    let catalog = catalog(&config, &sources.ftl, &mut diagnostics);
    let layout = Layout::new(
        &sources.facts,
        &sources.documents,
        &sources.media,
        &mut diagnostics,
    );

    let documents: Vec<Document> = sources
        .documents
        .into_iter()
        .filter(|d| options.drafts || !d.front.draft)
        .filter(|d| {
            let known = config.language(&d.lang).is_some();
            if !known {
                diagnostics.push(
                    Diagnostic::error(
                        "unknown-language",
                        Location::file(&d.path),
                        format!("`{}` is not a language of this site", d.lang),
                    )
                    .with_help(format!(
                        "name the file `NAME.LANG.md` with one of: {}",
                        config
                            .languages
                            .iter()
                            .map(|l| format!("`{}`", l.code))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
            }
            known
        })
        .collect();
    report_orphans(
        &documents,
        &sources.facts,
        &sources.broken,
        &mut diagnostics,
    );
    let mut prose = render_prose(
        documents,
        &catalog,
        markdown,
        &layout,
        &config,
        options,
        &mut diagnostics,
    );

    let home = prose.remove(&Place::Home);
    let mut pages = Vec::new();
    for (name, slug) in &layout.page_slugs {
        if let Some(p) = prose.remove(&Place::Page(name.clone())) {
            pages.push(Page {
                slug: slug.clone(),
                url: crate::url::UrlPath::dir([slug.as_str()]),
                prose: p,
            });
        }
    }
    // Images are turned upright and lose their metadata here, all at once, in parallel: a
    // photo re-encoded takes a while, and a case may have many.
    let mut media_files = sources.media;
    let processing = if options.progress {
        crate::progress::Progress::stderr("processing images", media_files.len())
    } else {
        crate::progress::Progress::silent()
    };
    media_files.par_iter_mut().for_each(|file| {
        file.bytes = crate::media::publish(&file.bytes);
        processing.inc(1);
    });
    drop(processing);
    let (cases, media) = case::build(
        &sources.facts,
        &sources.broken,
        &media_files,
        &mut prose,
        &layout,
        &config,
        &mut diagnostics,
    );
    let site = Site {
        layout,
        config,
        today: options.today,
        catalog,
        home,
        pages,
        cases,
        media,
    };
    (Some(site), diagnostics)
}

fn catalog(
    config: &crate::config::SiteConfig,
    site_ftl: &[(String, FtlFile)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Catalog {
    let mut locales = Vec::new();
    for language in &config.languages {
        let lang = language.code.as_str();
        let mut files = Vec::new();
        if let Some(text) = i18n::embedded(lang) {
            files.push(FtlFile {
                path: format!("i18n/{lang}.ftl (built in)").into(),
                text: text.to_owned(),
            });
        }
        files.extend(
            site_ftl
                .iter()
                .filter(|(l, _)| l == lang)
                .map(|(_, f)| f.clone()),
        );
        let (locale, problems) = Locale::new(lang, &files);
        diagnostics.extend(problems);
        locales.push(locale);
    }
    for (lang, file) in site_ftl {
        if config.language(lang).is_none() {
            diagnostics.push(
                Diagnostic::warning(
                    "unknown-language",
                    Location::file(&file.path),
                    format!("`{lang}` is not a language of this site"),
                )
                .with_help("add the language to `content/site.toml` or remove the file"),
            );
        }
    }
    Catalog::new(config.source_language.as_str(), locales)
}

/// Renders every document once, in parallel, then groups them by place with their
/// translation state.
/// comrak labels footnote back-links in English; the label goes in the document's language.
fn localise_backrefs(html: TrustedHtml, lang: &str, catalog: &Catalog) -> TrustedHtml {
    const LABEL: &str = "aria-label=\"Back to reference ";
    if !html.as_str().contains(LABEL) {
        return html;
    }
    let text = html.as_str();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(LABEL) {
        out.push_str(&rest[..start]);
        let after = &rest[start + LABEL.len()..];
        let end = after.find('"').unwrap_or(after.len());
        let label = catalog.text(
            lang,
            "footnote-backref",
            &[("ref", i18n::Arg::Text(&after[..end]))],
        );
        out.push_str("aria-label=\"");
        out.push_str(
            &label
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;"),
        );
        rest = &after[end..];
    }
    out.push_str(rest);
    out.shrink_to_fit();
    TrustedHtml::from_trusted(out)
}

/// Prose files without the facts file they belong to (a biography without its person).
fn report_orphans(
    documents: &[Document],
    facts: &[crate::load::FactsFile],
    broken: &std::collections::BTreeSet<std::path::PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    use crate::load::Facts;
    // Every facts file by case, kind and id (the id left empty for a case's own file), so
    // that each document is one lookup: a scan of all facts per document was quadratic.
    const CASE: u8 = 0;
    const PERSON: u8 = 2;
    const EVENT: u8 = 3;
    const ANALYSIS: u8 = 4;
    let kind_of = |f: &Facts| match f {
        Facts::Case(_) => CASE,
        Facts::Laws(_) => 1,
        Facts::Person(_) => PERSON,
        Facts::Event(_) => EVENT,
        Facts::Analysis(_) => ANALYSIS,
    };
    let present: std::collections::HashSet<(&str, u8, &str)> = facts
        .iter()
        .map(|f| {
            let kind = kind_of(&f.facts);
            let id = if kind == CASE { "" } else { f.id.as_str() };
            (f.case.as_str(), kind, id)
        })
        .collect();
    let has =
        |case: &str, id: Option<&str>, kind: u8| present.contains(&(case, kind, id.unwrap_or("")));
    for doc in documents {
        let found = match &doc.place {
            Place::Home | Place::Page(_) => true,
            Place::CaseIndex(c) | Place::Act(c) => has(c, None, CASE),
            Place::Person(c, id) => has(c, Some(id), PERSON),
            Place::Event(c, id) => has(c, Some(id), EVENT),
            Place::Analysis(c, id) => has(c, Some(id), ANALYSIS),
        };
        // A facts file that failed to parse is reported already; its prose is no orphan.
        let facts_path = doc.path.with_file_name(match &doc.place {
            Place::CaseIndex(_) | Place::Act(_) => "case.toml".to_owned(),
            _ => format!(
                "{}.toml",
                doc.path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.split('.').next())
                    .unwrap_or_default()
            ),
        });
        if !found && !broken.contains(&facts_path) {
            diagnostics.push(
                Diagnostic::error(
                    "orphan-prose",
                    Location::file(&doc.path),
                    "this prose file has no facts file beside it",
                )
                .with_help("add the matching `.toml` file, or check the file name"),
            );
        }
    }
}

/// A digest of a text, for telling within one process whether it changed (not stored).
pub fn text_digest(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// A document's Markdown rendered for its page: links resolved from there, footnote
/// back-links labelled in its language. `None` for a document that has no page.
fn render_document(
    doc: &Document,
    markdown: &Markdown,
    layout: &Layout,
    config: &crate::config::SiteConfig,
    catalog: &Catalog,
    portable: bool,
) -> Option<(TrustedHtml, Vec<crate::markdown::Heading>, Vec<Diagnostic>)> {
    let host = layout.host(&doc.place)?;
    let resolve = |link: &str| layout.resolve_link(&host, link, portable);
    let out = markdown.render(&Input {
        text: doc.body(),
        path: &doc.path,
        first_line: doc.body_line,
        allow_html: config.allow_html,
        resolve_link: &resolve,
    });
    let html = localise_backrefs(out.html, &doc.lang, catalog);
    Some((html, out.headings, out.diagnostics))
}

/// How a translation that records `recorded` stands against its original's fingerprint.
fn translation_state(recorded: Option<&str>, original: Option<&str>) -> TranslationState {
    match (recorded, original) {
        (Some(recorded), Some(original)) if recorded == original => TranslationState::Current,
        _ => TranslationState::Stale,
    }
}

/// Renders again, in place, one prose document of `site` whose front matter is unchanged
/// since the site was resolved (the dev server's quick path for an edit of the text alone).
///
/// Returns the HTML that the changed translations had before, by which the pages showing
/// them can be found: the document's own, and, when an original changed, each translation
/// whose stale or current state changed with it; and the warnings its Markdown now gives
/// (codes in [`crate::markdown::CODES`]). `None` when the document cannot be updated alone:
/// it is not in the site, its front matter changed, or its Markdown has an error to report.
/// A full build is needed then.
pub fn update_document(
    site: &mut Site,
    markdown: &Markdown,
    doc: &Document,
    options: &Options,
) -> Option<(Vec<TrustedHtml>, Vec<Diagnostic>)> {
    let (html, headings, problems) = render_document(
        doc,
        markdown,
        &site.layout,
        &site.config,
        &site.catalog,
        options.portable,
    )?;
    if problems.iter().any(Diagnostic::is_error) {
        return None;
    }
    let source = site.config.source_language.as_str().to_owned();
    let front = text_digest(doc.front_text());
    let original = (doc.lang == source).then(|| fingerprint(&doc.text));
    let mut proses = site.proses_mut();
    let prose = proses.iter_mut().find(|p| {
        p.translations
            .get(doc.lang.as_str())
            .is_some_and(|t| t.path == doc.path)
    })?;
    let mut changed = Vec::new();
    let translation = prose.translations.get_mut(doc.lang.as_str())?;
    if translation.front != front {
        return None;
    }
    changed.push(std::mem::replace(&mut translation.html, html));
    translation.headings = headings;
    if let Some(current) = original {
        for (lang, t) in prose.translations.iter_mut() {
            if lang.as_str() == source {
                continue;
            }
            let state = translation_state(t.translated_from.as_deref(), Some(&current));
            if state != t.state {
                t.state = state;
                changed.push(t.html.clone());
            }
        }
    }
    Some((changed, problems))
}

fn render_prose(
    documents: Vec<Document>,
    catalog: &Catalog,
    markdown: &Markdown,
    layout: &Layout,
    config: &crate::config::SiteConfig,
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<Place, Prose> {
    let source = config.source_language.as_str();
    // Fingerprints only for originals that have translations: hashing every original of a
    // large site would be wasted work.
    let translated: std::collections::BTreeSet<&Place> = documents
        .iter()
        .filter(|d| d.lang != source)
        .map(|d| &d.place)
        .collect();
    let originals: BTreeMap<Place, String> = documents
        .par_iter()
        .filter(|d| d.lang == source && translated.contains(&d.place))
        .map(|d| (d.place.clone(), fingerprint(&d.text)))
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    for doc in documents
        .iter()
        .filter(|d| d.lang == source && d.front.title.is_none())
    {
        // Biographies take the person's name as their title; every other page needs one.
        if !matches!(doc.place, Place::Person(..)) && layout.host(&doc.place).is_some() {
            diagnostics.push(
                Diagnostic::error(
                    "missing-title",
                    Location::at(&doc.path, 1, 1),
                    "this page has no `title`",
                )
                .with_help("add `title = \"…\"` between the `+++` lines at the top of the file"),
            );
        }
    }

    // Each document is consumed as it is rendered, so its text is freed while others render.

    let progress = crate::progress::Progress::big(
        options.progress.then_some("rendering Markdown"),
        documents.len(),
    );
    let rendered: Vec<(Place, LanguageCode, Translation, Vec<Diagnostic>)> = documents
        .into_par_iter()
        .filter_map(|doc| {
            progress.inc(1);
            let (html, headings, problems) =
                render_document(&doc, markdown, layout, config, catalog, options.portable)?;
            let translated_from = doc.front.translated_from.as_ref().map(|t| t.get_ref());
            let state = if doc.lang == source {
                TranslationState::Original
            } else {
                translation_state(
                    translated_from.map(String::as_str),
                    originals.get(&doc.place).map(String::as_str),
                )
            };
            let translation = Translation {
                path: doc.path.clone(),
                title: doc.front.title.clone(),
                summary: doc.front.summary.clone(),
                html,
                headings,
                state,
                translated_from: translated_from.cloned(),
                front: text_digest(doc.front_text()),
                demands: doc
                    .front
                    .demands
                    .iter()
                    .map(|(k, v)| (k.clone(), v.get_ref().clone()))
                    .collect(),
                // Front matter starts after the 4 bytes of `+++\n`.
                demand_locations: doc
                    .front
                    .demands
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            Location::at_offset(&doc.path, &doc.text, v.span().start + 4, 1),
                        )
                    })
                    .collect(),
            };
            Some((doc.place, LanguageCode(doc.lang), translation, problems))
        })
        .collect();

    let mut prose: BTreeMap<Place, Prose> = BTreeMap::new();
    for (place, lang, translation, problems) in rendered {
        diagnostics.extend(problems);
        prose
            .entry(place)
            .or_insert_with(|| Prose {
                source: config.source_language.clone(),
                translations: BTreeMap::new(),
            })
            .translations
            .insert(lang, translation);
    }
    prose.retain(|_, p| {
        if p.original().is_some() {
            return true;
        }
        for t in p.translations.values() {
            diagnostics.push(
                Diagnostic::error(
                    "missing-original",
                    Location::file(&t.path),
                    format!("this translation has no {source} original"),
                )
                .with_help(format!(
                    "add the original `.{source}.md` file beside it, or check the file name"
                )),
            );
        }
        false
    });
    prose
}
