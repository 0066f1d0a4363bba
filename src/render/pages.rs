//! Which pages exist, where they live, and the view each one's template receives.

use std::collections::BTreeMap;

use super::RenderOptions;
use super::views::*;
use crate::date::PartialDate;
use crate::diagnostic::Diagnostic;
use crate::i18n::Arg;
use crate::model::{LanguageCode, PersonStatus, ProvisionKind, Role, Visibility};
use crate::site::{Analysis, Case, Page, Person, Prose, Site, TranslationState, per_language};
use crate::theme::Theme;
use crate::url::UrlPath;

/// One page, in any language.
#[derive(Debug, Clone, Copy)]
pub enum Job<'a> {
    Home,
    Page(&'a Page),
    Case(&'a Case),
    People(&'a Case),
    Person(&'a Case, &'a Person),
    Timeline(&'a Case),
    Legal(&'a Case),
    Analysis(&'a Case, &'a Analysis),
    Act(&'a Case),
    Sources(&'a Case),
    NotFound,
}

impl<'a> Job<'a> {
    /// Relative to a language root.
    pub fn url(&self) -> UrlPath {
        match self {
            Job::Home => UrlPath::root(),
            Job::Page(p) => p.url.clone(),
            Job::Case(c) => c.url.clone(),
            Job::People(c) => c.people_url(),
            Job::Person(_, p) => p.url.clone(),
            Job::Timeline(c) => c.timeline_url(),
            Job::Legal(c) => c.legal_url(),
            Job::Analysis(_, a) => a.url.clone(),
            Job::Act(c) => c.act_url(),
            Job::Sources(c) => c.sources_url(),
            Job::NotFound => UrlPath::parse("404.html").unwrap_or_default(),
        }
    }

    pub(super) fn template(&self) -> &'static str {
        match self {
            Job::Home => "home.html",
            Job::Page(_) => "page.html",
            Job::Case(_) => "case.html",
            Job::People(_) => "people.html",
            Job::Person(..) => "person.html",
            Job::Timeline(_) => "timeline.html",
            Job::Legal(_) => "legal.html",
            Job::Analysis(..) => "analysis.html",
            Job::Act(_) => "act.html",
            Job::Sources(_) => "sources.html",
            Job::NotFound => "404.html",
        }
    }

    /// The page's own prose, whose translations decide fallbacks and hreflang.
    pub fn prose(&self) -> Option<&'a Prose> {
        match self {
            Job::Home => None,
            Job::Page(p) => Some(&p.prose),
            Job::Case(c) => c.overview.as_ref(),
            Job::Person(_, p) => p.biography.as_ref(),
            Job::Analysis(_, a) => a.prose.as_ref(),
            Job::Act(c) => c.act.as_ref(),
            _ => None,
        }
    }

    fn case(&self) -> Option<&'a Case> {
        match self {
            Job::Case(c)
            | Job::People(c)
            | Job::Timeline(c)
            | Job::Legal(c)
            | Job::Act(c)
            | Job::Sources(c) => Some(c),
            Job::Person(c, _) | Job::Analysis(c, _) => Some(c),
            _ => None,
        }
    }
}

/// Per-language UI strings without arguments, as a template value built once per language:
/// Tera's maps are shared, so every page of the language gets them without a copy.
struct LanguageStrings {
    t: tera::Value,
    /// The strings in key order, for the page memo (a Tera map's order is not stable).
    listed: String,
}

pub struct Renderer<'a> {
    pub site: &'a Site,
    theme: &'a Theme,
    options: RenderOptions,
    css: &'a UrlPath,
    js: &'a UrlPath,
    strings: BTreeMap<String, LanguageStrings>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        options: RenderOptions,
        css: &'a UrlPath,
        js: &'a UrlPath,
    ) -> Self {
        let source = site.config.source_language.as_str();
        let mut strings = BTreeMap::new();
        for language in &site.config.languages {
            let lang = language.code.as_str();
            let mut t = BTreeMap::new();
            let keys = site
                .catalog
                .locale(source)
                .map(|l| l.keys())
                .unwrap_or_default();
            for key in keys {
                t.insert(key.clone(), site.catalog.text(lang, &key, &[]));
            }
            strings.insert(
                lang.to_owned(),
                LanguageStrings {
                    t: tera::Value::from_serializable(&t),
                    listed: format!("{t:?}"),
                },
            );
        }
        Renderer {
            site,
            theme,
            options,
            css,
            js,
            strings,
        }
    }

    /// Every page in every language.
    pub fn jobs(&self) -> Vec<(LanguageCode, Job<'a>)> {
        let mut per_language: Vec<Job<'a>> = vec![Job::Home, Job::NotFound];
        per_language.extend(self.site.pages.iter().map(Job::Page));
        for case in &self.site.cases {
            per_language.extend([
                Job::Case(case),
                Job::People(case),
                Job::Timeline(case),
                Job::Legal(case),
                Job::Sources(case),
            ]);
            if case.act.is_some() {
                per_language.push(Job::Act(case));
            }
            per_language.extend(case.people.iter().map(|p| Job::Person(case, p)));
            per_language.extend(case.analyses.iter().map(|a| Job::Analysis(case, a)));
        }
        let mut jobs = Vec::new();
        for language in &self.site.config.languages {
            jobs.extend(per_language.iter().map(|j| (language.code.clone(), *j)));
        }
        jobs
    }

    pub fn path(&self, lang: &LanguageCode, job: &Job) -> UrlPath {
        UrlPath::file(&UrlPath::dir([lang.as_str()]), job.url().as_str())
    }

    fn text(&self, lang: &str, key: &str, args: &[(&str, Arg)]) -> String {
        self.site.catalog.text(lang, key, args)
    }

    fn link(&self, from: &UrlPath, lang: &str, to: &UrlPath) -> String {
        from.relative_to(
            &UrlPath::file(&UrlPath::dir([lang]), to.as_str()),
            self.options.portable,
        )
    }

    /// Languages in which this page has its own text (every language, for pages without prose).
    pub fn real_languages(&self, job: &Job) -> Vec<&'a str> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .filter(|code| job.prose().is_none_or(|p| p.has(code)))
            .collect()
    }

    /// The file that put `url` on this page: the content file whose prose contains it, or
    /// the page's template.
    pub fn origin_of(&self, lang: &LanguageCode, job: &Job<'a>, url: &str) -> std::path::PathBuf {
        let mut prose: Vec<&Prose> = job.prose().into_iter().collect();
        if let Job::Timeline(case) = job {
            prose.extend(case.events.iter().filter_map(|e| e.prose.as_ref()));
        }
        if let Job::Home = job {
            prose.extend(self.site.home.iter());
        }
        let from_content = prose
            .iter()
            .filter_map(|p| p.in_language(lang.as_str()))
            .find(|(t, _)| t.html.as_str().contains(url))
            .map(|(t, _)| t.path.clone());
        let template = std::iter::once(job.template())
            .chain(self.theme.texts.keys().map(String::as_str))
            .find(|name| self.theme.texts.get(*name).is_some_and(|t| t.contains(url)))
            .unwrap_or(job.template());
        from_content.unwrap_or_else(|| {
            self.theme
                .origins
                .get(template)
                .cloned()
                .unwrap_or_default()
        })
    }

    /// A page's view, for the page memo to key on before it is rendered.
    pub(super) fn view_of<'s>(&'s self, lang: &'s LanguageCode, job: &Job<'a>) -> PageView<'s> {
        self.view(lang.as_str(), job)
    }

    /// What every page's HTML depends on besides its view and template: the UI strings and
    /// the options (see `render::memo`).
    pub(super) fn shared_input(&self) -> Vec<u8> {
        format!("{:?} {} {}", self.options, self.css, self.js).into_bytes()
    }

    /// The UI strings a page in `lang` is given, as text: part of its memo key.
    pub(super) fn strings_input(&self, lang: &str) -> &str {
        let source = self.site.config.source_language.as_str();
        self.strings
            .get(lang)
            .or_else(|| self.strings.get(source))
            .map_or("", |s| s.listed.as_str())
    }

    /// Renders a view with its language's UI strings as `t`.
    pub(super) fn render_view(
        &self,
        view: &PageView,
        template: &str,
    ) -> Result<String, Diagnostic> {
        let mut context = tera::Context::from_serialize(view)
            .map_err(|e| super::template_error(&e, self.theme))?;
        let source = self.site.config.source_language.as_str();
        if let Some(strings) = self
            .strings
            .get(view.lang)
            .or_else(|| self.strings.get(source))
        {
            context.insert_value("t", strings.t.clone());
        }
        self.theme
            .tera
            .render(template, &context)
            .map_err(|e| super::template_error(&e, self.theme))
    }

    pub fn render_chooser(&self) -> Result<String, Diagnostic> {
        let source = self.site.config.source_language.as_str();
        let here = UrlPath::root();
        let mut view = self.chrome(source, &Job::Home, &here);
        view.title = self.site.config.title_in(source).to_owned();
        view.content.languages = Some(
            self.site
                .config
                .languages
                .iter()
                .map(|l| LanguageLink {
                    code: l.code.0.clone(),
                    name: l.name.clone(),
                    href: here.relative_to(&UrlPath::dir([l.code.as_str()]), self.options.portable),
                    current: false,
                    fallback: false,
                })
                .collect(),
        );
        self.render_view(&view, "chooser.html")
    }

    fn view<'s>(&'s self, lang: &'s str, job: &Job<'a>) -> PageView<'s> {
        let here = self.path(&LanguageCode(lang.to_owned()), job);
        let mut view = self.chrome(lang, job, &here);
        let source = self.site.config.source_language.as_str();
        if let Some((translation, fallback)) = job.prose().and_then(|p| p.in_language(lang)) {
            view.body = Some(translation.html.clone());
            view.title = translation.title.clone().unwrap_or_default();
            view.description = translation.summary.clone();
            if fallback {
                view.content_lang = Some(source);
                view.notice = Some(Notice {
                    kind: "fallback",
                    text: self.text(lang, "notice-fallback", &[]),
                    link: None,
                });
            } else if translation.state == TranslationState::Stale {
                let original = self.link(&here, source, &job.url());
                view.notice = Some(Notice {
                    kind: "stale",
                    text: self.text(lang, "notice-stale", &[]),
                    link: Some(Link {
                        label: self.text(lang, "notice-stale-link", &[]),
                        href: original,
                        current: false,
                        lang: None,
                    }),
                });
            }
        }
        self.content(lang, job, &here, &mut view);
        if view.title.is_empty() {
            view.title = self.site.config.title_in(lang).to_owned();
        }
        view
    }

    /// The parts every page shares: head links, navigation, language switcher, footer.
    fn chrome<'s>(&'s self, lang: &'s str, job: &Job<'a>, here: &UrlPath) -> PageView<'s> {
        let config = &self.site.config;
        let source = config.source_language.as_str();
        let real = self.real_languages(job);
        let mut alternates: Vec<Alternate> = real
            .iter()
            .map(|code| Alternate {
                hreflang: (*code).to_owned(),
                href: self.absolute(code, job),
            })
            .collect();
        if real.contains(&source) {
            alternates.push(Alternate {
                hreflang: "x-default".into(),
                href: self.absolute(source, job),
            });
        }
        let switcher = config
            .languages
            .iter()
            .map(|l| LanguageLink {
                code: l.code.0.clone(),
                name: l.name.clone(),
                href: self.link(here, l.code.as_str(), &job.url()),
                current: l.code.as_str() == lang,
                fallback: !real.contains(&l.code.as_str()),
            })
            .collect();
        PageView {
            lang,
            site_title: config.title_in(lang),
            title: String::new(),
            description: None,
            canonical: self.absolute(lang, job),
            alternates,
            css: here.relative_to(self.css, self.options.portable),
            js: here.relative_to(self.js, self.options.portable),
            home: self.link(here, lang, &UrlPath::root()),
            nav: self.nav(lang, job, here),
            switcher,
            notice: None,
            content_lang: None,
            body: None,
            footer: Footer {
                publisher: config.publisher_in(lang).map(|p| {
                    self.text(lang, "footer-published-by", &[("publisher", Arg::Text(p))])
                }),
                privacy: self.text(lang, "footer-privacy", &[]),
            },
            content: Content::default(),
        }
    }

    fn absolute(&self, lang: &str, job: &Job) -> String {
        UrlPath::file(&UrlPath::dir([lang]), job.url().as_str())
            .absolute(&self.site.config.base_url)
    }

    fn nav(&self, lang: &str, job: &Job, here: &UrlPath) -> Vec<Link> {
        let current = job.url();
        let item = |key: &str, url: UrlPath| Link {
            label: self.text(lang, key, &[]),
            href: self.link(here, lang, &url),
            current: url == current,
            lang: None,
        };
        let mut nav = vec![item("nav-home", UrlPath::root())];
        let case = job.case().or_else(|| {
            (self.site.cases.len() == 1)
                .then(|| self.site.cases.first())
                .flatten()
        });
        if let Some(case) = case {
            nav.push(item("nav-overview", case.url.clone()));
            nav.push(item("nav-people", case.people_url()));
            nav.push(item("nav-timeline", case.timeline_url()));
            nav.push(item("nav-legal", case.legal_url()));
            if case.act.is_some() {
                nav.push(item("nav-act", case.act_url()));
            }
            nav.push(item("nav-sources", case.sources_url()));
        }
        for page in &self.site.pages {
            let label = page
                .prose
                .title(lang)
                .unwrap_or(page.slug.as_str())
                .to_owned();
            nav.push(Link {
                label,
                href: self.link(here, lang, &page.url),
                current: page.url == current,
                lang: None,
            });
        }
        nav
    }

    fn content<'s>(
        &'s self,
        lang: &'s str,
        job: &Job<'a>,
        here: &UrlPath,
        view: &mut PageView<'s>,
    ) {
        match job {
            Job::Home => {
                if let Some((t, fallback)) =
                    self.site.home.as_ref().and_then(|p| p.in_language(lang))
                {
                    view.body = Some(t.html.clone());
                    if fallback {
                        view.content_lang = Some(self.site.config.source_language.as_str());
                    }
                }
                view.title = self.site.config.title_in(lang).to_owned();
                let cases: Vec<CaseView> = self
                    .site
                    .cases
                    .iter()
                    .map(|c| self.case_view(lang, c, here))
                    .collect();
                view.content.case = cases
                    .into_iter()
                    .next()
                    .filter(|_| self.site.cases.len() == 1);
            }
            Job::Case(c) => view.content.case = Some(self.case_view(lang, c, here)),
            Job::People(c) => {
                view.title = self.text(lang, "page-people-title", &[]);
                view.content.case = Some(self.case_view(lang, c, here));
                view.content.people = Some(self.people_groups(lang, c, here));
            }
            Job::Person(c, p) => {
                view.title = self.display_name(lang, p);
                view.content.person = Some(self.person_view(lang, c, p, here));
            }
            Job::Timeline(c) => {
                view.title = self.text(lang, "page-timeline-title", &[]);
                view.content.events = Some(self.events(lang, c, here));
            }
            Job::Legal(c) => {
                view.title = self.text(lang, "page-legal-title", &[]);
                view.content.legal = Some(self.legal_view(lang, c, here));
            }
            Job::Analysis(c, a) => {
                view.content.analysis = Some(self.analysis_view(lang, c, a, here))
            }
            Job::Act(c) => {
                if view.title.is_empty() {
                    view.title = self.text(lang, "page-act-title", &[]);
                }
                view.content.act = Some(self.act_view(lang, c, here));
            }
            Job::Sources(c) => {
                view.title = self.text(lang, "page-sources-title", &[]);
                view.content.sources = Some(self.sources_view(lang, c, here));
            }
            Job::NotFound => view.title = self.text(lang, "page-not-found-title", &[]),
            Job::Page(_) => {}
        }
    }

    fn case_view(&self, lang: &str, case: &Case, here: &UrlPath) -> CaseView {
        let figures = case.figures();
        let figure = |key: &str, n: usize| Figure {
            text: self.text(lang, key, &[("count", Arg::Number(n as i64))]),
        };
        let title = case
            .overview
            .as_ref()
            .and_then(|p| p.title(lang))
            .unwrap_or(case.id.as_str())
            .to_owned();
        let link = |key: &str, url: UrlPath| Link {
            label: self.text(lang, key, &[]),
            href: self.link(here, lang, &url),
            current: false,
            lang: None,
        };
        let mut links = vec![
            link("nav-people", case.people_url()),
            link("nav-timeline", case.timeline_url()),
            link("nav-legal", case.legal_url()),
        ];
        if case.act.is_some() {
            links.push(link("nav-act", case.act_url()));
        }
        CaseView {
            title,
            href: self.link(here, lang, &case.url),
            status: self.text(lang, &format!("case-status-{}", case.status.key()), &[]),
            figures: vec![
                figure("figure-detained", figures.detained),
                figure("figure-custody", figures.custody),
                figure("figure-house-arrest", figures.house_arrest),
            ],
            as_of: case.as_of.map(|d| self.as_of(lang, d)),
            summary: case
                .overview
                .as_ref()
                .and_then(|p| p.in_language(lang))
                .and_then(|(t, _)| t.summary.clone()),
            links,
        }
    }

    fn as_of(&self, lang: &str, date: crate::date::Date) -> String {
        let formatted = self.format_date(lang, &PartialDate::from(date));
        self.text(lang, "facts-as-of", &[("date", Arg::Text(&formatted))])
    }

    fn format_date(&self, lang: &str, date: &PartialDate) -> String {
        self.site
            .catalog
            .locale(lang)
            .map(|l| l.format_date(date))
            .unwrap_or_else(|| date.to_string())
    }

    /// The name as the person's visibility allows: never more.
    pub fn display_name(&self, lang: &str, person: &Person) -> String {
        let source = self.site.config.source_language.as_str();
        let name = per_language(&person.names, lang, source).unwrap_or_default();
        match person.visibility {
            Visibility::Full => name.to_owned(),
            Visibility::Initials => initials(name),
            Visibility::Anonymous => self.text(lang, "person-anonymous", &[]),
        }
    }

    fn card(&self, lang: &str, person: &Person, here: &UrlPath) -> PersonCard {
        let name = self.display_name(lang, person);
        let source = self.site.config.source_language.as_str();
        let days = person
            .detained_on
            .filter(|_| person.status.is_deprived_of_liberty())
            .and_then(|d| {
                let days = d.days_until(self.site.today);
                (days >= 0).then(|| {
                    self.text(lang, "days-since-detention", &[("days", Arg::Number(days))])
                })
            });
        PersonCard {
            initials: if person.visibility == Visibility::Anonymous {
                String::new()
            } else {
                initials(&name).replace([' ', '.'], "")
            },
            href: self.link(here, lang, &person.url),
            status: self.text(lang, &format!("person-status-{}", person.status.key()), &[]),
            days,
            photo: person
                .photo
                .as_ref()
                .filter(|_| person.visibility == Visibility::Full)
                .map(|p| PhotoView {
                    src: here.relative_to(&p.url, self.options.portable),
                    alt: per_language(&p.alt, lang, source)
                        .unwrap_or_default()
                        .to_owned(),
                    credit: p.credit.as_ref().map(|c| {
                        self.text(lang, "person-photo-credit", &[("credit", Arg::Text(c))])
                    }),
                }),
            name,
        }
    }

    fn people_groups(&self, lang: &str, case: &Case, here: &UrlPath) -> Vec<PeopleGroup> {
        let mut groups: BTreeMap<(Role, PersonStatus), Vec<&Person>> = BTreeMap::new();
        for person in &case.people {
            let status = if person.role == Role::Related {
                PersonStatus::Custody
            } else {
                person.status
            };
            groups
                .entry((person.role, status))
                .or_default()
                .push(person);
        }
        let locale = self.site.catalog.locale(lang);
        groups
            .into_iter()
            .map(|((role, status), mut people)| {
                let mut named: Vec<(String, &Person)> = people
                    .drain(..)
                    .map(|p| (self.display_name(lang, p), p))
                    .collect();
                named.sort_by(|a, b| {
                    locale
                        .map_or_else(|| a.0.cmp(&b.0), |l| l.compare(&a.0, &b.0))
                        .then(a.1.id.cmp(&b.1.id))
                });
                let heading = match role {
                    Role::Related => self.text(lang, "people-group-related", &[]),
                    Role::Defendant => {
                        self.text(lang, &format!("person-status-{}", status.key()), &[])
                    }
                };
                PeopleGroup {
                    heading,
                    people: named
                        .into_iter()
                        .map(|(_, p)| self.card(lang, p, here))
                        .collect(),
                }
            })
            .collect()
    }

    fn person_view(&self, lang: &str, case: &Case, person: &Person, here: &UrlPath) -> PersonView {
        let events = case
            .events
            .iter()
            .filter(|e| e.people.contains(&person.id))
            .map(|e| Link {
                label: self.event_label(lang, case, e),
                href: self.event_href(lang, case, e, here),
                current: false,
                lang: None,
            })
            .collect();
        PersonView {
            card: self.card(lang, person, here),
            detained_on: person.detained_on.map(|d| {
                let date = self.format_date(lang, &PartialDate::from(d));
                self.text(lang, "detained-on", &[("date", Arg::Text(&date))])
            }),
            detained_since_iso: person
                .detained_on
                .filter(|_| person.status.is_deprived_of_liberty())
                .map(|d| d.to_string()),
            charges: person
                .charges
                .iter()
                .filter_map(|id| case.provision(id))
                .map(|p| self.provision_link(lang, case, p, here))
                .collect(),
            events,
            sources: person
                .sources
                .iter()
                .map(|s| self.source_link(lang, case, s, here))
                .collect(),
            as_of: case.as_of.map(|d| self.as_of(lang, d)),
        }
    }

    fn event_label(&self, lang: &str, case: &Case, event: &crate::site::Event) -> String {
        let date = self.event_date(lang, event);
        let title = event
            .prose
            .as_ref()
            .and_then(|p| p.title(lang))
            .unwrap_or(event.id.as_str());
        let _ = case;
        format!("{date}: {title}")
    }

    fn event_date(&self, lang: &str, event: &crate::site::Event) -> String {
        self.site
            .catalog
            .locale(lang)
            .map(|l| l.format_event_date(&event.date, event.season, event.qualifier))
            .unwrap_or_else(|| event.date.to_string())
    }

    fn event_href(
        &self,
        lang: &str,
        case: &Case,
        event: &crate::site::Event,
        here: &UrlPath,
    ) -> String {
        format!(
            "{}#{}",
            self.link(here, lang, &case.timeline_url()),
            event.anchor
        )
    }

    fn events(&self, lang: &str, case: &Case, here: &UrlPath) -> Vec<EventView> {
        let source = self.site.config.source_language.as_str();
        case.events
            .iter()
            .map(|e| {
                let text = e.prose.as_ref().and_then(|p| p.in_language(lang));
                EventView {
                    anchor: e.anchor.clone(),
                    date: self.event_date(lang, e),
                    kind: self.text(lang, &format!("event-kind-{}", e.kind.key()), &[]),
                    upcoming: e.date.first_day() > self.site.today,
                    title: text
                        .and_then(|(t, _)| t.title.clone())
                        .unwrap_or_else(|| e.id.to_string()),
                    lang: text
                        .filter(|(_, fallback)| *fallback)
                        .map(|_| source.to_owned()),
                    body: text.map(|(t, _)| t.html.clone()),
                    people: e
                        .people
                        .iter()
                        .filter_map(|id| case.person(id))
                        .map(|p| Link {
                            label: self.display_name(lang, p),
                            href: self.link(here, lang, &p.url),
                            current: false,
                            lang: None,
                        })
                        .collect(),
                    sources: e
                        .sources
                        .iter()
                        .map(|s| self.source_link(lang, case, s, here))
                        .collect(),
                }
            })
            .collect()
    }

    fn provision_link(
        &self,
        lang: &str,
        case: &Case,
        provision: &crate::site::Provision,
        here: &UrlPath,
    ) -> Link {
        let source = self.site.config.source_language.as_str();
        Link {
            label: per_language(&provision.title, lang, source)
                .unwrap_or(provision.id.as_str())
                .to_owned(),
            href: format!(
                "{}#{}",
                self.link(here, lang, &case.legal_url()),
                provision.id
            ),
            current: false,
            lang: None,
        }
    }

    fn source_link(
        &self,
        lang: &str,
        case: &Case,
        id: &crate::model::SourceId,
        here: &UrlPath,
    ) -> Link {
        let label = case
            .source(id)
            .map_or_else(|| id.to_string(), |s| s.title.clone());
        Link {
            label,
            href: format!("{}#{}", self.link(here, lang, &case.sources_url()), id),
            current: false,
            lang: None,
        }
    }

    fn analysis_link(&self, lang: &str, analysis: &Analysis, here: &UrlPath) -> Link {
        let label = analysis
            .prose
            .as_ref()
            .and_then(|p| p.title(lang))
            .unwrap_or(analysis.id.as_str())
            .to_owned();
        Link {
            label,
            href: self.link(here, lang, &analysis.url),
            current: false,
            lang: None,
        }
    }

    fn legal_view(&self, lang: &str, case: &Case, here: &UrlPath) -> LegalView {
        let source = self.site.config.source_language.as_str();
        let charges = case
            .provisions
            .iter()
            .filter(|p| p.kind == ProvisionKind::National)
            .map(|p| ChargeView {
                anchor: p.id.to_string(),
                title: per_language(&p.title, lang, source)
                    .unwrap_or(p.id.as_str())
                    .to_owned(),
                max_penalty: per_language(&p.max_penalty, lang, source)
                    .map(|m| self.text(lang, "legal-max-penalty", &[("penalty", Arg::Text(m))])),
                standards: p
                    .engages
                    .iter()
                    .filter_map(|id| case.provision(id))
                    .map(|s| Link {
                        label: per_language(&s.title, lang, source)
                            .unwrap_or(s.id.as_str())
                            .to_owned(),
                        href: format!("#{}", s.id),
                        current: false,
                        lang: None,
                    })
                    .collect(),
                analyses: case
                    .analyses
                    .iter()
                    .filter(|a| a.provisions.contains(&p.id))
                    .map(|a| self.analysis_link(lang, a, here))
                    .collect(),
            })
            .collect();
        LegalView {
            charges,
            analyses: case
                .analyses
                .iter()
                .map(|a| self.analysis_link(lang, a, here))
                .collect(),
        }
    }

    fn analysis_view(
        &self,
        lang: &str,
        case: &Case,
        analysis: &Analysis,
        here: &UrlPath,
    ) -> AnalysisView {
        let links = |ids: &[crate::model::ProvisionId]| {
            ids.iter()
                .filter_map(|id| case.provision(id))
                .map(|p| self.provision_link(lang, case, p, here))
                .collect()
        };
        AnalysisView {
            provisions: links(&analysis.provisions),
            standards: links(&analysis.standards),
            sources: analysis
                .sources
                .iter()
                .map(|s| self.source_link(lang, case, s, here))
                .collect(),
        }
    }

    fn act_view(&self, lang: &str, case: &Case, _here: &UrlPath) -> ActView {
        let source = self.site.config.source_language.as_str();
        let act = case.act.as_ref();
        let demands = case
            .demands
            .iter()
            .filter_map(|id| {
                let own = act
                    .and_then(|p| p.translations.get(lang))
                    .and_then(|t| t.demands.get(id.as_str()));
                match own {
                    Some(text) => Some(Demand {
                        text: text.clone(),
                        lang: None,
                    }),
                    None => act
                        .and_then(|p| p.original())
                        .and_then(|t| t.demands.get(id.as_str()))
                        .map(|text| Demand {
                            text: text.clone(),
                            lang: (lang != source).then(|| source.to_owned()),
                        }),
                }
            })
            .collect();
        let url = UrlPath::file(&UrlPath::dir([lang]), case.act_url().as_str())
            .absolute(&self.site.config.base_url);
        let title = act
            .and_then(|p| p.title(lang))
            .unwrap_or_else(|| self.site.config.title_in(lang));
        let text = self.text(lang, "act-share-text", &[("title", Arg::Text(title))]);
        ActView {
            demands,
            share: share_links(&url, &text),
            share_url: url,
        }
    }

    fn sources_view(&self, lang: &str, case: &Case, here: &UrlPath) -> Vec<SourceView> {
        case.sources
            .iter()
            .map(|s| {
                let mut cited_by: Vec<Link> = case
                    .people
                    .iter()
                    .filter(|p| p.sources.contains(&s.id))
                    .map(|p| Link {
                        label: self.display_name(lang, p),
                        href: self.link(here, lang, &p.url),
                        current: false,
                        lang: None,
                    })
                    .collect();
                cited_by.extend(
                    case.events
                        .iter()
                        .filter(|e| e.sources.contains(&s.id))
                        .map(|e| Link {
                            label: self.event_label(lang, case, e),
                            href: self.event_href(lang, case, e, here),
                            current: false,
                            lang: None,
                        }),
                );
                let date = s
                    .date
                    .map(|d| self.format_date(lang, &PartialDate::from(d)))
                    .unwrap_or_default();
                let publisher = s.publisher.clone().unwrap_or_default();
                SourceView {
                    anchor: s.id.to_string(),
                    title: s.title.clone(),
                    meta: self.text(
                        lang,
                        "source-published",
                        &[
                            ("publisher", Arg::Text(&publisher)),
                            ("date", Arg::Text(&date)),
                        ],
                    ),
                    url: s.url.clone(),
                    cited_by,
                }
            })
            .collect()
    }
}

/// "Bekzat Maxutkhan" → "B. M."
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Plain share links: no third-party script, just URLs a visitor may choose to open.
fn share_links(url: &str, text: &str) -> Vec<Link> {
    let u = crate::url::percent_encode(url, b"");
    let t = crate::url::percent_encode(text, b"");
    [
        (
            "Telegram",
            format!("https://t.me/share/url?url={u}&text={t}"),
        ),
        ("WhatsApp", format!("https://wa.me/?text={t}%20{u}")),
        ("X", format!("https://x.com/intent/post?url={u}&text={t}")),
        (
            "Facebook",
            format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        ),
        ("VK", format!("https://vk.com/share.php?url={u}")),
        ("Email", format!("mailto:?subject={t}&body={u}")),
    ]
    .into_iter()
    .map(|(label, href)| Link {
        label: label.to_owned(),
        href,
        current: false,
        lang: None,
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_hide_the_name() {
        assert_eq!(initials("Bekzat Maxutkhan"), "B. M.");
        assert_eq!(initials("Әлімнұр Тұрғанбай"), "Ә. Т.");
    }

    #[test]
    fn share_urls_are_encoded() {
        assert_eq!(crate::url::percent_encode("a b/ü", b""), "a%20b%2F%C3%BC");
        let links = share_links("https://e.org/x/", "T");
        assert!(
            links
                .iter()
                .any(|l| l.href == "https://vk.com/share.php?url=https%3A%2F%2Fe.org%2Fx%2F")
        );
    }
}
