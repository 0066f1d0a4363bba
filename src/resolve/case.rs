//! Builds the cases from their facts files and rendered prose, checking every reference
//! (people, provisions, sources, demands), date and required field, with located diagnostics.

use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

use super::Layout;
use crate::config::SiteConfig;
use crate::date::{Date, PartialDate};
use crate::diagnostic::{Diagnostic, Location, suggest};
use crate::load::{Facts, FactsFile, MediaFile, Place};
use crate::model::{
    AnalysisId, CaseFacts, DemandId, EventId, PersonFacts, PersonId, ProvisionId, SourceId,
    Visibility,
};
use crate::site::{Analysis, Case, Event, Media, Person, Photo, Prose, Provision, Source};
use crate::url::UrlPath;

/// One case's facts files, gathered.
struct CaseFiles<'a> {
    case: Option<(&'a FactsFile, &'a CaseFacts)>,
    laws: Vec<&'a FactsFile>,
    people: Vec<&'a FactsFile>,
    events: Vec<&'a FactsFile>,
    analyses: Vec<&'a FactsFile>,
}

/// Ids known in one case, for checking references.
struct Known {
    people: BTreeSet<String>,
    provisions: BTreeSet<String>,
    sources: BTreeSet<String>,
}

pub(super) fn build(
    facts: &[FactsFile],
    broken: &BTreeSet<std::path::PathBuf>,
    media: &[MediaFile],
    prose: &mut BTreeMap<Place, Prose>,
    layout: &Layout,
    config: &SiteConfig,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<crate::site::Case>, Vec<Media>) {
    let mut grouped: BTreeMap<&str, CaseFiles> = BTreeMap::new();
    for file in facts {
        let entry = grouped.entry(&file.case).or_insert_with(|| CaseFiles {
            case: None,
            laws: Vec::new(),
            people: Vec::new(),
            events: Vec::new(),
            analyses: Vec::new(),
        });
        match &file.facts {
            Facts::Case(c) => entry.case = Some((file, c)),
            Facts::Laws(_) => entry.laws.push(file),
            Facts::Person(_) => entry.people.push(file),
            Facts::Event(_) => entry.events.push(file),
            Facts::Analysis(_) => entry.analyses.push(file),
        }
    }
    let mut cases = Vec::new();
    let mut published = Vec::new();
    for (id, files) in grouped {
        let Some((case_file, case_facts)) = files.case else {
            let path = format!("content/cases/{id}/case.toml");
            if broken.contains(std::path::Path::new(&path)) {
                continue; // its parse error is reported already
            }
            diagnostics.push(
                Diagnostic::error(
                    "missing-case",
                    Location::file(&path),
                    format!("case `{id}` has no `case.toml`"),
                )
                .with_help("add `case.toml` with at least `status` (see docs/content.md)"),
            );
            continue;
        };
        // What a file that failed to parse would have defined is not reported again as unknown.
        let laws_broken = broken.contains(&std::path::PathBuf::from(format!(
            "content/cases/{id}/laws.toml"
        )));
        let people_dir = std::path::PathBuf::from(format!("content/cases/{id}/people"));
        let mut ctx = Ctx {
            diagnostics,
            config,
            silenced: if laws_broken {
                vec!["provision"]
            } else {
                Vec::new()
            },
            broken_people: broken
                .iter()
                .filter(|p| p.parent() == Some(people_dir.as_path()))
                .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .collect(),
        };
        let case = ctx.case(
            id,
            case_file,
            case_facts,
            &files,
            media,
            prose,
            layout,
            &mut published,
        );
        cases.push(case);
    }
    // A person's photo is published only as its metadata-free, content-named copy, and only
    // when consented and not withheld: never under its own name by the loop below.
    let photos: BTreeSet<std::path::PathBuf> = facts
        .iter()
        .filter_map(|f| match &f.facts {
            Facts::Person(p) => p.photo.as_ref().map(|photo| {
                std::path::PathBuf::from(format!(
                    "content/cases/{}/{}",
                    f.case,
                    photo.file.get_ref()
                ))
            }),
            _ => None,
        })
        .collect();
    for (path, url) in layout.media_urls() {
        if let Some(file) = media
            .iter()
            .find(|m| format!("cases/{}/{}", m.case, m.name) == *path)
            && !published.iter().any(|m: &Media| m.source == file.path)
            && !photos.contains(&file.path)
        {
            published.push(Media {
                url: url.clone(),
                // Already upright and without metadata (see `resolve`).
                bytes: file.bytes.clone(),
                source: file.path.clone(),
            });
        }
    }
    cases.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    published.sort_by(|a, b| a.url.cmp(&b.url));
    (cases.into_iter().map(|(_, c)| c).collect(), published)
}

struct Ctx<'a> {
    diagnostics: &'a mut Vec<Diagnostic>,
    config: &'a SiteConfig,
    /// Kinds of reference not checked in this case, because their file failed to parse.
    silenced: Vec<&'static str>,
    /// People whose file failed to parse.
    broken_people: BTreeSet<String>,
}

fn at(file: &FactsFile, span: std::ops::Range<usize>) -> Location {
    Location::at_offset(&file.path, &file.text, span.start, 1)
}

impl Ctx<'_> {
    #[allow(clippy::too_many_arguments)]
    fn case(
        &mut self,
        id: &str,
        file: &FactsFile,
        facts: &CaseFacts,
        files: &CaseFiles,
        media: &[MediaFile],
        prose: &mut BTreeMap<Place, Prose>,
        layout: &Layout,
        published: &mut Vec<Media>,
    ) -> (i64, Case) {
        let slug = layout
            .case_slugs
            .get(id)
            .cloned()
            .unwrap_or_else(|| crate::model::Slug::derive(id));
        let url = UrlPath::dir(["cases", slug.as_str()]);
        let sources = self.sources(file, facts);
        let provisions = self.provisions(&files.laws, &sources);
        let known = Known {
            people: files.people.iter().map(|f| f.id.clone()).collect(),
            provisions: provisions.iter().map(|p| p.id.0.clone()).collect(),
            sources: sources.iter().map(|s| s.id.0.clone()).collect(),
        };
        let mut people = Vec::new();
        for person_file in &files.people {
            if let Facts::Person(p) = &person_file.facts {
                let bio = prose.remove(&Place::Person(id.to_owned(), person_file.id.clone()));
                if let Some(person) =
                    self.person(person_file, p, &known, layout, media, bio, published)
                {
                    people.push(person);
                }
            }
        }
        let events = self.events(id, &files.events, &known, prose);
        let analyses = self.analyses(id, &files.analyses, &known, layout, prose);
        let demands = self.demands(file, facts, &known);
        let overview_sources = self.refs(file, &facts.sources, &known.sources, "source");
        let act = prose.remove(&Place::Act(id.to_owned()));
        if let Some(act) = &act {
            self.check_demands(act, &demands);
        }
        let case = Case {
            id: crate::model::CaseId(id.to_owned()),
            slug,
            url,
            status: facts.status,
            country: facts.country.clone(),
            started: facts.started.as_ref().and_then(|d| self.day(file, d)),
            as_of: facts.as_of.as_ref().and_then(|d| self.day(file, d)),
            overview: prose.remove(&Place::CaseIndex(id.to_owned())),
            act,
            people,
            events,
            analyses,
            provisions,
            sources,
            demands,
            overview_sources,
        };
        (facts.order, case)
    }

    fn sources(&mut self, file: &FactsFile, facts: &CaseFacts) -> Vec<Source> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for s in &facts.source {
            if !seen.insert(s.id.get_ref().clone()) {
                self.diagnostics.push(
                    Diagnostic::error(
                        "duplicate-id",
                        at(file, s.id.span()),
                        format!("source `{}` is defined twice", s.id.get_ref()),
                    )
                    .with_help("give each `[[source]]` its own `id`, or remove the repeat"),
                );
                continue;
            }
            out.push(Source {
                id: SourceId(s.id.get_ref().clone()),
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                date: s.date.as_ref().and_then(|d| self.day(file, d)),
                url: s.url.as_ref().and_then(|u| self.url(file, u)),
                language: s.language.clone(),
            });
        }
        out
    }

    fn provisions(&mut self, laws: &[&FactsFile], sources: &[Source]) -> Vec<Provision> {
        let source_ids: BTreeSet<String> = sources.iter().map(|s| s.id.0.clone()).collect();
        let mut all = Vec::new();
        for file in laws {
            let Facts::Laws(l) = &file.facts else {
                continue;
            };
            all.extend(l.provision.iter().map(|p| (*file, p)));
        }
        let ids: BTreeSet<String> = all.iter().map(|(_, p)| p.id.get_ref().clone()).collect();
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for (file, p) in all {
            if !seen.insert(p.id.get_ref().clone()) {
                self.diagnostics.push(
                    Diagnostic::error(
                        "duplicate-id",
                        at(file, p.id.span()),
                        format!("provision `{}` is defined twice", p.id.get_ref()),
                    )
                    .with_help("give each `[[provision]]` its own `id`, or remove the repeat"),
                );
                continue;
            }
            self.require_language(file, &p.title, "title", p.id.span());
            out.push(Provision {
                id: ProvisionId(p.id.get_ref().clone()),
                kind: p.kind,
                title: plain(&p.title),
                engages: self.refs(file, &p.engages, &ids, "provision"),
                max_penalty: plain(&p.max_penalty),
                url: p.url.as_ref().and_then(|u| self.url(file, u)),
                sources: self.refs(file, &p.sources, &source_ids, "source"),
            });
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn person(
        &mut self,
        file: &FactsFile,
        p: &PersonFacts,
        known: &Known,
        layout: &Layout,
        media: &[MediaFile],
        biography: Option<Prose>,
        published: &mut Vec<Media>,
    ) -> Option<Person> {
        let slug = layout
            .person_slugs
            .get(&(file.case.clone(), file.id.clone()))?
            .clone();
        let case_slug = layout.case_slugs.get(&file.case)?;
        self.require_language(file, &p.name, "name", 0..0);
        self.require_sources(file, &p.sources, "person");
        let photo = p.photo.as_ref().and_then(|photo| {
            self.photo(
                file,
                photo,
                p.visibility,
                case_slug.as_str(),
                media,
                published,
            )
        });
        Some(Person {
            id: PersonId(file.id.clone()),
            url: UrlPath::dir(["cases", case_slug.as_str(), "people", slug.as_str()]),
            slug,
            role: p.role,
            status: p.status,
            detained_on: p.detained_on.as_ref().and_then(|d| self.day(file, d)),
            charges: self.refs(file, &p.charges, &known.provisions, "provision"),
            visibility: p.visibility,
            names: plain(&p.name),
            photo,
            sources: self.refs(file, &p.sources, &known.sources, "source"),
            biography,
        })
    }

    fn photo(
        &mut self,
        file: &FactsFile,
        photo: &crate::model::PhotoFacts,
        visibility: Visibility,
        case_slug: &str,
        media: &[MediaFile],
        published: &mut Vec<Media>,
    ) -> Option<Photo> {
        let name = photo.file.get_ref();
        let location = at(file, photo.file.span());
        if !name.starts_with("media/") || name.split('/').any(|p| p == ".." || p.is_empty()) {
            self.diagnostics.push(
                Diagnostic::error("bad-photo-path", location, format!("`{name}` is not a file in this case's `media/` folder"))
                    .with_help("put the photo in the case's `media/` folder and write `file = \"media/NAME.jpg\"`"),
            );
            return None;
        }
        let Some(source) = media
            .iter()
            .find(|m| m.case == file.case && m.name == *name)
        else {
            self.diagnostics.push(
                Diagnostic::error(
                    "missing-photo",
                    location,
                    format!("photo `{name}` does not exist"),
                )
                .with_help(format!(
                    "put the file in `content/cases/{}/media/` and name it here as `media/FILE`",
                    file.case
                )),
            );
            return None;
        };
        if photo.withheld || visibility == Visibility::Anonymous {
            return None;
        }
        if !photo.consent {
            self.diagnostics.push(
                Diagnostic::warning(
                    "photo-consent",
                    location,
                    "this photo is not published: consent is not recorded",
                )
                .with_help("set `consent = true` once the person (or their family) has agreed"),
            );
            return None;
        }
        let Some(kind) = crate::media::image_kind(&source.bytes) else {
            self.diagnostics.push(
                Diagnostic::error(
                    "not-an-image",
                    location,
                    format!("`{name}` is not a JPEG, PNG or WebP image"),
                )
                .with_help("export the photo as JPEG or PNG"),
            );
            return None;
        };
        for lang in &self.config.languages {
            if !photo.alt.contains_key(lang.code.as_str()) {
                self.diagnostics.push(
                    Diagnostic::error(
                        "missing-alt",
                        location.clone(),
                        format!("the photo has no alt text in `{}`", lang.code),
                    )
                    .with_help(format!(
                        "describe the photo for people who cannot see it: `alt = {{ {} = \"…\" }}`",
                        lang.code
                    )),
                );
            }
        }
        // Already upright and without metadata (see `resolve`).
        let bytes = source.bytes.clone();
        // Named by content, never by the original file name, which may carry the person's name.
        let hash = super::fingerprint(&String::from_utf8_lossy(&bytes));
        let url = UrlPath::parse(&format!("media/{case_slug}/{hash}.{}", kind.extension()))?;
        if !published.iter().any(|m| m.url == url) {
            published.push(Media {
                url: url.clone(),
                bytes,
                source: source.path.clone(),
            });
        }
        Some(Photo {
            url,
            alt: plain(&photo.alt),
            credit: photo.credit.clone(),
        })
    }

    fn events(
        &mut self,
        case: &str,
        files: &[&FactsFile],
        known: &Known,
        prose: &mut BTreeMap<Place, Prose>,
    ) -> Vec<Event> {
        let mut events = Vec::new();
        for file in files {
            let Facts::Event(e) = &file.facts else {
                continue;
            };
            self.require_sources(file, &e.sources, "event");
            let date = match PartialDate::parse(e.date.get_ref()) {
                Ok(d) => d,
                Err(why) => {
                    self.diagnostics.push(
                        Diagnostic::error("bad-date", at(file, e.date.span()), why.clone())
                            .with_help("write `YYYY-MM-DD`, `YYYY-MM` or `YYYY`"),
                    );
                    continue;
                }
            };
            if e.season.is_some() && date.month().is_some() {
                self.diagnostics.push(
                    Diagnostic::error("bad-date", at(file, e.date.span()), format!("a `season` goes with a year, but the date `{}` names a month or day", e.date.get_ref()))
                        .with_help("write only the year, e.g. `date = \"2025\"` with `season = \"summer\"`, or remove `season`"),
                );
            }
            let text = prose.remove(&Place::Event(case.to_owned(), file.id.clone()));
            if text.is_none() {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "missing-prose",
                        Location::file(&file.path),
                        "this event has no text",
                    )
                    .with_help(format!(
                        "add `{}.en.md` with a title and the event in words",
                        file.id
                    )),
                );
            }
            events.push(Event {
                id: EventId(file.id.clone()),
                anchor: file.id.clone(),
                date,
                season: e.season,
                qualifier: e.qualifier,
                order: e.order,
                kind: e.kind,
                people: self.refs(file, &e.people, &known.people, "person"),
                provisions: self.refs(file, &e.provisions, &known.provisions, "provision"),
                sources: self.refs(file, &e.sources, &known.sources, "source"),
                prose: text,
            });
        }
        events.sort_by(|a, b| (a.sort_key(), a.order, &a.id).cmp(&(b.sort_key(), b.order, &b.id)));
        events
    }

    fn analyses(
        &mut self,
        case: &str,
        files: &[&FactsFile],
        known: &Known,
        layout: &Layout,
        prose: &mut BTreeMap<Place, Prose>,
    ) -> Vec<Analysis> {
        let mut out = Vec::new();
        for file in files {
            let Facts::Analysis(a) = &file.facts else {
                continue;
            };
            let Some(slug) = layout
                .analysis_slugs
                .get(&(case.to_owned(), file.id.clone()))
            else {
                continue;
            };
            let Some(case_slug) = layout.case_slugs.get(case) else {
                continue;
            };
            out.push(Analysis {
                id: AnalysisId(file.id.clone()),
                url: UrlPath::dir(["cases", case_slug.as_str(), "legal", slug.as_str()]),
                slug: slug.clone(),
                order: a.order,
                provisions: self.refs(file, &a.provisions, &known.provisions, "provision"),
                standards: self.refs(file, &a.standards, &known.provisions, "provision"),
                sources: self.refs(file, &a.sources, &known.sources, "source"),
                prose: prose.remove(&Place::Analysis(case.to_owned(), file.id.clone())),
            });
        }
        out.sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
        out
    }

    fn demands(&mut self, file: &FactsFile, facts: &CaseFacts, known: &Known) -> Vec<DemandId> {
        let mut out: Vec<DemandId> = Vec::new();
        for d in &facts.demand {
            if out.iter().any(|x| x.as_str() == d.id.get_ref()) {
                self.diagnostics.push(
                    Diagnostic::error(
                        "duplicate-id",
                        at(file, d.id.span()),
                        format!("demand `{}` is defined twice", d.id.get_ref()),
                    )
                    .with_help("give each `[[demand]]` its own `id`, or remove the repeat"),
                );
                continue;
            }
            self.refs::<ProvisionId>(file, &d.provisions, &known.provisions, "provision");
            self.refs::<PersonId>(file, &d.people, &known.people, "person");
            out.push(DemandId(d.id.get_ref().clone()));
        }
        out
    }

    /// Every demand has its text in the original; no text names an unknown demand.
    fn check_demands(&mut self, act: &Prose, demands: &[DemandId]) {
        for t in act.translations.values() {
            for key in t.demands.keys() {
                if !demands.iter().any(|d| d.as_str() == key) {
                    let hint = suggest(key, demands.iter().map(DemandId::as_str));
                    let d = Diagnostic::error(
                        "unknown-demand",
                        t.demand_locations
                            .get(key)
                            .cloned()
                            .unwrap_or_else(|| Location::file(&t.path)),
                        format!("unknown demand `{key}`"),
                    );
                    self.diagnostics.push(match hint {
                        Some(h) => d.with_help(format!("did you mean `{h}`?")),
                        None => d.with_help("demands are listed as `[[demand]]` in case.toml"),
                    });
                }
            }
        }
        if let Some(original) = act.original() {
            for d in demands {
                if !original.demands.contains_key(d.as_str()) {
                    self.diagnostics.push(
                        Diagnostic::error(
                            "missing-demand-text",
                            Location::file(&original.path),
                            format!("demand `{d}` has no text"),
                        )
                        .with_help(format!(
                            "add `{d} = \"…\"` under `[demands]` in the front matter"
                        )),
                    );
                }
            }
        }
    }

    /// Checks ids against the known ones; unknown ids are reported with a suggestion.
    fn refs<T: From<String>>(
        &mut self,
        file: &FactsFile,
        ids: &[Spanned<String>],
        known: &BTreeSet<String>,
        what: &str,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for id in ids {
            let name = id.get_ref();
            if known.contains(name) {
                out.push(T::from(name.clone()));
                continue;
            }
            if self.silenced.contains(&what)
                || (what == "person" && self.broken_people.contains(name))
            {
                continue;
            }
            let d = Diagnostic::error(
                match what {
                    "person" => "unknown-person",
                    "provision" => "unknown-provision",
                    _ => "unknown-source",
                },
                at(file, id.span()),
                format!("unknown {what} `{name}`"),
            );
            let help = match suggest(name, known.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None if known.is_empty() => format!("this case defines no {what} yet"),
                None => format!(
                    "known: {}",
                    known
                        .iter()
                        .take(8)
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            self.diagnostics.push(d.with_help(help));
        }
        out
    }

    fn require_sources(&mut self, file: &FactsFile, sources: &[Spanned<String>], what: &str) {
        if sources.is_empty() {
            self.diagnostics.push(
                Diagnostic::error(
                    "missing-source",
                    Location::file(&file.path),
                    format!("this {what} cites no source"),
                )
                .with_help("add `sources = [\"…\"]` with the id of a `[[source]]` in case.toml"),
            );
        }
    }

    fn require_language(
        &mut self,
        file: &FactsFile,
        map: &crate::model::PerLanguage,
        field: &str,
        span: std::ops::Range<usize>,
    ) {
        let source = self.config.source_language.as_str();
        if !map.contains_key(source) {
            // A table such as `[name]` has no span of its own: point at its header line.
            let header = [format!("[{field}]"), format!("{field} =")]
                .iter()
                .find_map(|h| file.text.find(h.as_str()));
            let location = match (span.is_empty(), header) {
                (false, _) => at(file, span),
                (true, Some(offset)) => at(file, offset..offset),
                (true, None) => Location::file(&file.path),
            };
            self.diagnostics.push(
                Diagnostic::error(
                    "missing-field",
                    location,
                    format!("`{field}` has no `{source}` text"),
                )
                .with_help(format!("add `{source} = \"…\"` to `{field}`")),
            );
        }
    }

    /// A link a reader may follow: only `https://` and `http://` addresses, never a scheme
    /// that runs code (`javascript:`) or embeds content (`data:`).
    fn url(&mut self, file: &FactsFile, url: &Spanned<String>) -> Option<String> {
        let text = url.get_ref().trim();
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return Some(text.to_owned());
        }
        self.diagnostics.push(
            Diagnostic::error(
                "bad-url",
                at(file, url.span()),
                format!("`{text}` is not a web address"),
            )
            .with_help("write the full address, starting with `https://`"),
        );
        None
    }

    fn day(&mut self, file: &FactsFile, text: &Spanned<String>) -> Option<Date> {
        match Date::parse(text.get_ref()) {
            Ok(d) => Some(d),
            Err(why) => {
                self.diagnostics.push(
                    Diagnostic::error("bad-date", at(file, text.span()), why.clone())
                        .with_help("write the day as `YYYY-MM-DD`"),
                );
                None
            }
        }
    }
}

fn plain(map: &crate::model::PerLanguage) -> BTreeMap<String, String> {
    map.iter()
        .map(|(k, v)| (k.clone(), v.get_ref().clone()))
        .collect()
}
