//! Where every page lives: slugs and URLs from the facts, decided once, before any prose is
//! rendered, so that internal links (`@/…`) can be resolved while Markdown is rendered.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Location};
use crate::load::{Document, Facts, FactsFile, MediaFile, Place};
use crate::model::{Slug, Visibility};
use crate::url::UrlPath;

/// Slugs and URLs, relative to a language root.
#[derive(Debug, Default)]
pub struct Layout {
    pub case_slugs: BTreeMap<String, Slug>,
    pub person_slugs: BTreeMap<(String, String), Slug>,
    pub analysis_slugs: BTreeMap<(String, String), Slug>,
    pub page_slugs: BTreeMap<String, Slug>,
    /// Content paths as written after `@/` (e.g. `cases/a/people.md`) → target.
    links: BTreeMap<String, UrlPath>,
    /// Media published under their own names: content path → URL from the output root.
    media: BTreeMap<String, UrlPath>,
}

/// Folder names a page slug may not take, because the output uses them.
const RESERVED: &[&str] = &["static", "media", "cases"];

impl Layout {
    pub fn new(
        facts: &[FactsFile],
        documents: &[Document],
        media: &[MediaFile],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Layout {
        let mut layout = Layout::default();
        let mut cases: BTreeSet<&str> = BTreeSet::new();
        for file in facts {
            cases.insert(&file.case);
        }
        for doc in documents {
            if let Place::CaseIndex(c)
            | Place::Act(c)
            | Place::Person(c, _)
            | Place::Event(c, _)
            | Place::Analysis(c, _) = &doc.place
            {
                cases.insert(c);
            }
        }
        let mut claimed = Claims::default();
        for case in cases {
            let explicit = facts.iter().find_map(|f| match &f.facts {
                Facts::Case(c) if f.case == case => c.slug.as_ref().map(|s| (f, s)),
                _ => None,
            });
            let slug = match explicit {
                Some((file, s)) => {
                    checked_slug(file, s, diagnostics).unwrap_or_else(|| Slug::derive(case))
                }
                None => Slug::derive(case),
            };
            let location = match explicit {
                Some((file, s)) => span_location(file, s),
                None => Location::file(format!("content/cases/{case}")),
            };
            if claimed.claim(
                String::new(),
                &slug,
                location,
                format!("case `{case}`"),
                diagnostics,
            ) {
                layout.case_slugs.insert(case.to_owned(), slug);
            }
        }
        layout.people(facts, diagnostics);
        for file in facts {
            if let Facts::Analysis(a) = &file.facts {
                let slug = a
                    .slug
                    .as_ref()
                    .and_then(|s| checked_slug(file, s, diagnostics))
                    .unwrap_or_else(|| Slug::derive(&file.id));
                let location = a
                    .slug
                    .as_ref()
                    .map_or_else(|| Location::file(&file.path), |s| span_location(file, s));
                let scope = format!("{}/legal", file.case);
                if claimed.claim(
                    scope,
                    &slug,
                    location,
                    format!("analysis `{}`", file.id),
                    diagnostics,
                ) {
                    layout
                        .analysis_slugs
                        .insert((file.case.clone(), file.id.clone()), slug);
                }
            }
        }
        for doc in documents {
            let Place::Page(name) = &doc.place else {
                continue;
            };
            if layout.page_slugs.contains_key(name) {
                continue; // another language of the same page
            }
            let derived = Slug::derive(name);
            if derived.as_str().is_empty() {
                diagnostics.push(
                    Diagnostic::error("bad-slug", Location::file(&doc.path), format!("the page name `{name}` has no letters or digits to make an address from"))
                        .with_help("rename the file, e.g. `about.en.md`"),
                );
            } else if RESERVED.contains(&derived.as_str()) {
                diagnostics.push(
                    Diagnostic::error("url-collision", Location::file(&doc.path), format!("a page may not be called `{name}`: the site uses the folder `{derived}/`"))
                        .with_help("rename the file"),
                );
            } else if claimed.claim(
                "pages".into(),
                &derived,
                Location::file(&doc.path),
                format!("page `{name}`"),
                diagnostics,
            ) {
                layout.page_slugs.insert(name.clone(), derived);
            }
        }
        layout.build_links(facts, media);
        layout
    }

    /// People whose name is withheld get a neutral slug, so that no URL carries the name.
    fn people(&mut self, facts: &[FactsFile], diagnostics: &mut Vec<Diagnostic>) {
        let mut hidden_counter: BTreeMap<String, usize> = BTreeMap::new();
        let mut seen: BTreeMap<(String, Slug), &FactsFile> = BTreeMap::new();
        for file in facts {
            let Facts::Person(p) = &file.facts else {
                continue;
            };
            let slug = match (&p.slug, p.visibility) {
                (Some(s), _) => checked_slug(file, s, diagnostics),
                (None, Visibility::Full) => Some(Slug::derive(&file.id)),
                (None, _) => {
                    let n = hidden_counter.entry(file.case.clone()).or_insert(0);
                    *n += 1;
                    Some(Slug(format!("person-{n}")))
                }
            };
            let Some(slug) = slug else { continue };
            if let Some(first) = seen.get(&(file.case.clone(), slug.clone())) {
                diagnostics.push(
                    Diagnostic::error(
                        "duplicate-slug",
                        p.slug
                            .as_ref()
                            .map_or_else(|| Location::file(&file.path), |s| span_location(file, s)),
                        format!(
                            "the slug `{slug}` is already used by `{}`",
                            first.path.display()
                        ),
                    )
                    .with_help("give one of them a different `slug`"),
                );
                continue;
            }
            seen.insert((file.case.clone(), slug.clone()), file);
            self.person_slugs
                .insert((file.case.clone(), file.id.clone()), slug);
        }
    }

    fn build_links(&mut self, facts: &[FactsFile], media: &[MediaFile]) {
        self.links.insert("index.md".into(), UrlPath::root());
        for (name, slug) in &self.page_slugs {
            self.links
                .insert(format!("{name}.md"), UrlPath::dir([slug.as_str()]));
        }
        for (case, slug) in &self.case_slugs {
            let base = format!("cases/{case}");
            let dir = |rest: &str| UrlPath::dir(["cases", slug.as_str(), rest]);
            self.links.insert(format!("{base}/index.md"), dir(""));
            for section in ["people", "timeline", "legal", "act", "sources"] {
                self.links
                    .insert(format!("{base}/{section}.md"), dir(section));
            }
        }
        for ((case, id), slug) in &self.person_slugs {
            if let Some(cs) = self.case_slugs.get(case) {
                self.links.insert(
                    format!("cases/{case}/people/{id}.md"),
                    UrlPath::dir(["cases", cs.as_str(), "people", slug.as_str()]),
                );
            }
        }
        for ((case, id), slug) in &self.analysis_slugs {
            if let Some(cs) = self.case_slugs.get(case) {
                self.links.insert(
                    format!("cases/{case}/legal/{id}.md"),
                    UrlPath::dir(["cases", cs.as_str(), "legal", slug.as_str()]),
                );
            }
        }
        for file in facts {
            if let (Facts::Event(_), Some(cs)) = (&file.facts, self.case_slugs.get(&file.case)) {
                let url = UrlPath::file(
                    &UrlPath::dir(["cases", cs.as_str(), "timeline"]),
                    &format!("#{}", file.id),
                );
                self.links
                    .insert(format!("cases/{}/timeline/{}.md", file.case, file.id), url);
            }
        }
        for media in media {
            if let Some(cs) = self.case_slugs.get(&media.case) {
                let name = media.name.strip_prefix("media/").unwrap_or(&media.name);
                if let Some(url) = UrlPath::parse(&format!("media/{cs}/{name}")) {
                    self.media
                        .insert(format!("cases/{}/{}", media.case, media.name), url);
                }
            }
        }
    }

    /// The page a document is shown on, relative to a language root.
    pub fn host(&self, place: &Place) -> Option<UrlPath> {
        let case_dir = |c: &str, rest: &[&str]| {
            self.case_slugs.get(c).map(|s| {
                let mut segments = vec!["cases", s.as_str()];
                segments.extend_from_slice(rest);
                UrlPath::dir(segments)
            })
        };
        match place {
            Place::Home => Some(UrlPath::root()),
            Place::Page(name) => self
                .page_slugs
                .get(name)
                .map(|s| UrlPath::dir([s.as_str()])),
            Place::CaseIndex(c) => case_dir(c, &[]),
            Place::Act(c) => case_dir(c, &["act"]),
            Place::Event(c, _) => case_dir(c, &["timeline"]),
            Place::Person(c, id) => {
                let slug = self.person_slugs.get(&(c.clone(), id.clone()))?;
                case_dir(c, &["people", slug.as_str()])
            }
            Place::Analysis(c, id) => {
                let slug = self.analysis_slugs.get(&(c.clone(), id.clone()))?;
                case_dir(c, &["legal", slug.as_str()])
            }
        }
    }

    /// Resolves `@/path#fragment` for a document shown at `host` (relative to its language
    /// root) into a link relative to that page.
    pub fn resolve_link(&self, host: &UrlPath, link: &str, portable: bool) -> Option<String> {
        let path = link.strip_prefix("@/")?;
        let (path, fragment) = match path.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (path, None),
        };
        // Pages sit one level below the output root, inside their language folder; any
        // language stands in, since every language has the same layout.
        let from = UrlPath::file(&UrlPath::dir(["x"]), host.as_str());
        let mut href = if let Some(page) = self.links.get(path) {
            let (dir, own_fragment) = match page.as_str().split_once('#') {
                Some((d, f)) => (UrlPath::parse(d).unwrap_or_default(), Some(f)),
                None => (page.clone(), None),
            };
            let target = UrlPath::file(&UrlPath::dir(["x"]), dir.as_str());
            let mut href = from.relative_to(&target, portable);
            if let Some(f) = own_fragment {
                href.push('#');
                href.push_str(f);
            }
            href
        } else {
            from.relative_to(self.media.get(path)?, portable)
        };
        if let Some(f) = fragment
            && !href.contains('#')
        {
            href.push('#');
            href.push_str(f);
        }
        Some(href)
    }

    /// Published media under their own names.
    pub fn media_urls(&self) -> &BTreeMap<String, UrlPath> {
        &self.media
    }
}

fn span_location(file: &FactsFile, value: &toml::Spanned<String>) -> Location {
    Location::at_offset(&file.path, &file.text, value.span().start, 1)
}

/// Slugs taken so far, per folder, so that two things never share one address.
#[derive(Default)]
struct Claims {
    taken: BTreeMap<(String, Slug), String>,
}

impl Claims {
    /// Takes `slug` in `scope` for `owner`; reports a collision and returns false if taken.
    fn claim(
        &mut self,
        scope: String,
        slug: &Slug,
        location: Location,
        owner: String,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> bool {
        let key = (scope, slug.clone());
        if let Some(first) = self.taken.get(&key) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-slug",
                    location,
                    format!("{owner} would have the address `{slug}`, which {first} already has"),
                )
                .with_help("give one of them a different `slug` (or a different file name)"),
            );
            return false;
        }
        self.taken.insert(key, owner);
        true
    }
}

fn checked_slug(
    file: &FactsFile,
    slug: &toml::Spanned<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Slug> {
    match Slug::problem(slug.get_ref()) {
        None => Some(Slug(slug.get_ref().clone())),
        Some(why) => {
            diagnostics.push(
                Diagnostic::error(
                    "bad-slug",
                    Location::at_offset(&file.path, &file.text, slug.span().start, 1),
                    format!("`{}` cannot be a slug: {why}", slug.get_ref()),
                )
                .with_help(
                    "use lower-case ASCII letters, digits and hyphens, e.g. `bekzat-maxutkhan`",
                ),
            );
            None
        }
    }
}
