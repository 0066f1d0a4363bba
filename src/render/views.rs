//! The typed view structs templates receive. Built from the site before rendering; templates
//! never query the site. Only [`TrustedHtml`] is marked safe in templates.

use serde::Serialize;

use crate::markdown::TrustedHtml;

/// What every page has around its content.
#[derive(Serialize)]
pub struct PageView<'a> {
    pub lang: &'a str,
    pub site_title: &'a str,
    pub title: String,
    pub description: Option<String>,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub css: String,
    pub js: String,
    /// Relative link to this language's home page.
    pub home: String,
    pub nav: Vec<Link>,
    pub switcher: Vec<LanguageLink>,
    pub notice: Option<Notice>,
    /// The language of the main text, when it differs from the page's (a fallback).
    pub content_lang: Option<&'a str>,
    pub body: Option<TrustedHtml>,
    pub footer: Footer,
    pub content: Content,
}

#[derive(Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub label: String,
    pub href: String,
    pub current: bool,
    /// The label's language, when it is not the page's (a source's title, say).
    pub lang: Option<String>,
}

#[derive(Serialize)]
pub struct LanguageLink {
    pub code: String,
    pub name: String,
    pub href: String,
    pub current: bool,
    /// The page is not translated into this language; it shows the original there.
    pub fallback: bool,
}

#[derive(Serialize)]
pub struct Notice {
    /// `fallback` or `stale`.
    pub kind: &'static str,
    pub text: String,
    pub link: Option<Link>,
}

#[derive(Serialize)]
pub struct Footer {
    pub publisher: Option<String>,
    pub privacy: String,
}

/// The page-kind-specific part.
#[derive(Serialize, Default)]
pub struct Content {
    pub case: Option<CaseView>,
    pub people: Option<Vec<PeopleGroup>>,
    pub person: Option<PersonView>,
    pub events: Option<Vec<EventView>>,
    pub legal: Option<LegalView>,
    pub analysis: Option<AnalysisView>,
    pub act: Option<ActView>,
    pub sources: Option<Vec<SourceView>>,
    pub languages: Option<Vec<LanguageLink>>,
}

#[derive(Serialize)]
pub struct CaseView {
    pub title: String,
    pub href: String,
    pub status: String,
    pub figures: Vec<Figure>,
    pub as_of: Option<String>,
    pub summary: Option<String>,
    pub links: Vec<Link>,
}

#[derive(Serialize)]
pub struct Figure {
    pub text: String,
}

#[derive(Serialize)]
pub struct PeopleGroup {
    pub heading: String,
    pub people: Vec<PersonCard>,
}

#[derive(Serialize)]
pub struct PersonCard {
    pub name: String,
    pub initials: String,
    pub href: String,
    pub status: String,
    pub days: Option<String>,
    pub photo: Option<PhotoView>,
}

#[derive(Serialize)]
pub struct PhotoView {
    pub src: String,
    pub alt: String,
    pub credit: Option<String>,
}

#[derive(Serialize)]
pub struct PersonView {
    pub card: PersonCard,
    pub detained_on: Option<String>,
    /// Days since detention, as a number, for the script that keeps the count current.
    pub detained_since_iso: Option<String>,
    pub charges: Vec<Link>,
    pub events: Vec<Link>,
    pub sources: Vec<Link>,
    pub as_of: Option<String>,
}

#[derive(Serialize)]
pub struct EventView {
    pub anchor: String,
    pub date: String,
    pub kind: String,
    pub upcoming: bool,
    pub title: String,
    pub lang: Option<String>,
    pub body: Option<TrustedHtml>,
    pub people: Vec<Link>,
    pub sources: Vec<Link>,
}

#[derive(Serialize)]
pub struct LegalView {
    pub charges: Vec<ChargeView>,
    pub analyses: Vec<Link>,
}

#[derive(Serialize)]
pub struct ChargeView {
    pub anchor: String,
    pub title: String,
    pub max_penalty: Option<String>,
    pub standards: Vec<Link>,
    pub analyses: Vec<Link>,
}

#[derive(Serialize)]
pub struct AnalysisView {
    pub provisions: Vec<Link>,
    pub standards: Vec<Link>,
    pub sources: Vec<Link>,
}

#[derive(Serialize)]
pub struct ActView {
    pub demands: Vec<Demand>,
    pub share: Vec<Link>,
    pub share_url: String,
}

#[derive(Serialize)]
pub struct Demand {
    pub text: String,
    pub lang: Option<String>,
}

#[derive(Serialize)]
pub struct SourceView {
    pub anchor: String,
    pub title: String,
    pub meta: String,
    pub url: Option<String>,
    pub cited_by: Vec<Link>,
}
