//! The resolved site: every case, person, event, provision and page, with references checked,
//! URLs assigned and prose rendered. Built by `resolve`, read by `render` and `check`.
//!
//! Nothing here changes after `resolve` returns, and nothing here touches the file system.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::config::SiteConfig;
use crate::date::{Date, PartialDate, Qualifier, Season};
use crate::i18n::Catalog;
use crate::markdown::{Heading, TrustedHtml};
use crate::model::{
    AnalysisId, CaseId, CaseStatus, DemandId, EventId, EventKind, LanguageCode, PersonId,
    PersonStatus, ProvisionId, ProvisionKind, Role, Slug, SourceId, Visibility,
};
use crate::url::UrlPath;

#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub today: Date,
    pub catalog: Catalog,
    /// Home page prose, if any.
    pub home: Option<Prose>,
    /// Pages from `content/<slug>.LANG.md`, sorted by slug.
    pub pages: Vec<Page>,
    /// Sorted by `order`, then id.
    pub cases: Vec<Case>,
    /// Media files to publish, with metadata already removed.
    pub media: Vec<Media>,
    /// Where every page lives, kept so that one document can be rendered again
    /// ([`crate::resolve::update_document`]).
    pub layout: crate::resolve::Layout,
}

impl Site {
    /// Every prose of the site, each once.
    pub fn proses_mut(&mut self) -> Vec<&mut Prose> {
        let mut all: Vec<&mut Prose> = Vec::new();
        all.extend(self.home.as_mut());
        all.extend(self.pages.iter_mut().map(|p| &mut p.prose));
        for case in &mut self.cases {
            all.extend(case.overview.as_mut());
            all.extend(case.act.as_mut());
            all.extend(case.people.iter_mut().filter_map(|p| p.biography.as_mut()));
            all.extend(case.events.iter_mut().filter_map(|e| e.prose.as_mut()));
            all.extend(case.analyses.iter_mut().filter_map(|a| a.prose.as_mut()));
        }
        all
    }
}

/// How a translation stands against its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TranslationState {
    /// The source-language file itself.
    Original,
    /// Records the fingerprint of the current original.
    Current,
    /// Records an older fingerprint, or none.
    Stale,
}

/// One prose file in one language, rendered.
#[derive(Debug, Clone)]
pub struct Translation {
    pub path: PathBuf,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub html: TrustedHtml,
    pub headings: Vec<Heading>,
    pub state: TranslationState,
    /// The fingerprint of the original this translation records (`translated_from`).
    pub translated_from: Option<String>,
    /// A digest of the front matter, to tell an edit of the text alone.
    pub front: u64,
    /// Demand texts of an `act` page, by demand id.
    pub demands: BTreeMap<String, String>,
    /// Where each demand text is written, for diagnostics.
    pub demand_locations: BTreeMap<String, crate::diagnostic::Location>,
}

/// The same prose in every language it exists in; the source language is always there.
#[derive(Debug, Clone)]
pub struct Prose {
    pub source: LanguageCode,
    pub translations: BTreeMap<LanguageCode, Translation>,
}

impl Prose {
    /// The text to show in `lang`: its own translation, or the original (`fallback` true).
    pub fn in_language(&self, lang: &str) -> Option<(&Translation, bool)> {
        match self.translations.get(lang) {
            Some(t) => Some((t, false)),
            None => self
                .translations
                .get(self.source.as_str())
                .map(|t| (t, true)),
        }
    }

    pub fn original(&self) -> Option<&Translation> {
        self.translations.get(self.source.as_str())
    }

    /// The title in `lang`, falling back to the original's.
    pub fn title(&self, lang: &str) -> Option<&str> {
        self.in_language(lang).and_then(|(t, _)| t.title.as_deref())
    }

    pub fn has(&self, lang: &str) -> bool {
        self.translations.contains_key(lang)
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: Slug,
    /// Relative to a language root, e.g. `about/`.
    pub url: UrlPath,
    pub prose: Prose,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub id: CaseId,
    pub slug: Slug,
    /// Relative to a language root: `cases/<slug>/`.
    pub url: UrlPath,
    pub status: CaseStatus,
    pub country: Option<String>,
    pub started: Option<Date>,
    pub as_of: Option<Date>,
    pub overview: Option<Prose>,
    pub act: Option<Prose>,
    /// Sorted by id; index pages sort by collation per language.
    pub people: Vec<Person>,
    /// Sorted by date, then `order`, then id.
    pub events: Vec<Event>,
    /// Sorted by `order`, then id.
    pub analyses: Vec<Analysis>,
    pub provisions: Vec<Provision>,
    pub sources: Vec<Source>,
    pub demands: Vec<DemandId>,
    pub overview_sources: Vec<SourceId>,
}

impl Case {
    pub fn person(&self, id: &PersonId) -> Option<&Person> {
        self.people.iter().find(|p| &p.id == id)
    }

    pub fn provision(&self, id: &ProvisionId) -> Option<&Provision> {
        self.provisions.iter().find(|p| &p.id == id)
    }

    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    /// The key figures, computed from the people's facts.
    pub fn figures(&self) -> Figures {
        let defendants = self.people.iter().filter(|p| p.role == Role::Defendant);
        let mut figures = Figures::default();
        for person in defendants {
            figures.detained += usize::from(person.detained_on.is_some());
            figures.custody += usize::from(person.status == PersonStatus::Custody);
            figures.house_arrest += usize::from(person.status == PersonStatus::HouseArrest);
        }
        figures
    }

    pub fn people_url(&self) -> UrlPath {
        UrlPath::file(&self.url, "people/")
    }
    pub fn timeline_url(&self) -> UrlPath {
        UrlPath::file(&self.url, "timeline/")
    }
    pub fn legal_url(&self) -> UrlPath {
        UrlPath::file(&self.url, "legal/")
    }
    pub fn act_url(&self) -> UrlPath {
        UrlPath::file(&self.url, "act/")
    }
    pub fn sources_url(&self) -> UrlPath {
        UrlPath::file(&self.url, "sources/")
    }
}

/// Computed, never typed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub detained: usize,
    pub custody: usize,
    pub house_arrest: usize,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: PersonId,
    pub slug: Slug,
    pub url: UrlPath,
    pub role: Role,
    pub status: PersonStatus,
    pub detained_on: Option<Date>,
    pub charges: Vec<ProvisionId>,
    pub visibility: Visibility,
    /// The name in each script, as the facts give it.
    pub names: BTreeMap<String, String>,
    pub photo: Option<Photo>,
    pub sources: Vec<SourceId>,
    pub biography: Option<Prose>,
}

#[derive(Debug, Clone)]
pub struct Photo {
    /// Where the published (metadata-free) copy lives, from the output root.
    pub url: UrlPath,
    pub alt: BTreeMap<String, String>,
    pub credit: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: EventId,
    /// The fragment id on the timeline page.
    pub anchor: String,
    pub date: PartialDate,
    pub season: Option<Season>,
    pub qualifier: Option<Qualifier>,
    pub order: i64,
    pub kind: EventKind,
    pub people: Vec<PersonId>,
    pub provisions: Vec<ProvisionId>,
    pub sources: Vec<SourceId>,
    pub prose: Option<Prose>,
}

impl Event {
    /// Where the event falls in the timeline: a day number, then a rank among events of the
    /// same day (`before`/`by` first, `after` last). "Late November" comes after
    /// 13 November; "summer 2025" stands at the middle of the summer.
    pub fn sort_key(&self) -> (i64, u8) {
        let epoch = Date::new(1970, 1, 1).unwrap_or(self.date.first_day());
        let mut start = epoch.days_until(self.date.first_day());
        let mut end = epoch.days_until(self.date.last_day());
        if let (Some(season), None) = (self.season, self.date.month()) {
            let month = match season {
                Season::Spring => 3,
                Season::Summer => 6,
                Season::Autumn => 9,
                Season::Winter => 12,
            };
            if let Ok(first) = Date::new(self.date.year(), month, 1) {
                start = epoch.days_until(first);
                end = start + 90;
                if self.qualifier.is_none() {
                    // A season without a qualifier stands for the whole season: its middle.
                    return ((start + end) / 2, 1);
                }
            }
        }
        match self.qualifier {
            None | Some(Qualifier::Early) => (start, 1),
            Some(Qualifier::Before) | Some(Qualifier::By) => (start, 0),
            Some(Qualifier::Mid) | Some(Qualifier::About) => ((start + end) / 2, 1),
            Some(Qualifier::Late) => (start + (end - start) * 2 / 3, 1),
            Some(Qualifier::After) => (end, 2),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Analysis {
    pub id: AnalysisId,
    pub slug: Slug,
    pub url: UrlPath,
    pub order: i64,
    pub provisions: Vec<ProvisionId>,
    pub standards: Vec<ProvisionId>,
    pub sources: Vec<SourceId>,
    pub prose: Option<Prose>,
}

#[derive(Debug, Clone)]
pub struct Provision {
    pub id: ProvisionId,
    pub kind: ProvisionKind,
    pub title: BTreeMap<String, String>,
    pub engages: Vec<ProvisionId>,
    pub max_penalty: BTreeMap<String, String>,
    pub url: Option<String>,
    pub sources: Vec<SourceId>,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: SourceId,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<Date>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// A published media file.
#[derive(Debug, Clone)]
pub struct Media {
    /// From the output root, e.g. `media/atajurt-2025/3fa2c1d0.jpg`.
    pub url: UrlPath,
    pub bytes: Vec<u8>,
    /// Where it came from, for reports.
    pub source: PathBuf,
}

/// Text in `lang`, else the source language's, else any.
pub fn per_language<'a>(
    map: &'a BTreeMap<String, String>,
    lang: &str,
    source: &str,
) -> Option<&'a str> {
    map.get(lang)
        .or_else(|| map.get(source))
        .or_else(|| map.values().next())
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventId, EventKind};

    fn event(date: &str, season: Option<Season>, qualifier: Option<Qualifier>) -> Event {
        Event {
            id: EventId(date.into()),
            anchor: String::new(),
            date: PartialDate::parse(date).unwrap_or_else(|_| {
                PartialDate::from(Date::new(2000, 1, 1).unwrap_or_else(|_| unreachable!()))
            }),
            season,
            qualifier,
            order: 0,
            kind: EventKind::Other,
            people: Vec::new(),
            provisions: Vec::new(),
            sources: Vec::new(),
            prose: None,
        }
    }

    #[test]
    fn qualifiers_and_seasons_order_events() {
        let day = event("2025-11-13", None, None);
        let after = event("2025-11-13", None, Some(Qualifier::After));
        let late = event("2025-11", None, Some(Qualifier::Late));
        let early = event("2025-11", None, Some(Qualifier::Early));
        let summer = event("2025", Some(Season::Summer), None);
        let july = event("2025-07", None, None);
        let by = event("2026-01-15", None, Some(Qualifier::By));
        let on = event("2026-01-15", None, None);
        assert!(early.sort_key() < day.sort_key());
        assert!(day.sort_key() < after.sort_key());
        assert!(after.sort_key() < late.sort_key());
        // A season sits at its middle: "summer 2025" after July's start, before August.
        assert!(july.sort_key() < summer.sort_key());
        assert!(summer.sort_key() < event("2025-08", None, None).sort_key());
        assert!(by.sort_key() < on.sort_key());
    }
}
