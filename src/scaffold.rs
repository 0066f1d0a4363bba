//! Scaffolding for `placard new`: the text of valid, commented starter files for a site, a
//! case, a person and an event, which build at once.
//!
//! Pure: returns paths and texts; `write::create_new` puts them on disk without overwriting.

use std::path::PathBuf;

use crate::date::Date;
use crate::model::Slug;

/// Files to create, relative to the site root.
pub type Files = Vec<(PathBuf, String)>;

/// `placard new site DIR`: a trilingual site with one example case.
pub fn site() -> Files {
    let mut files = vec![
        (PathBuf::from("content/site.toml"), SITE_TOML.to_owned()),
        // The built site and the external-link cache are made again at will: keep them out
        // of version control.
        (
            PathBuf::from(".gitignore"),
            "/public/\n/.placard-cache/\n".to_owned(),
        ),
        (
            PathBuf::from("content/index.en.md"),
            "+++\ntitle = \"Free them\"\n+++\nThis site tells the story of [the case](@/cases/example/index.md).\n".to_owned(),
        ),
        (
            PathBuf::from("content/about.en.md"),
            "+++\ntitle = \"About this site\"\n+++\nWho publishes this site, and how to report a correction.\n".to_owned(),
        ),
    ];
    files.extend(case("example"));
    files
}

/// `placard new case SLUG`.
pub fn case(slug: &str) -> Files {
    let dir = PathBuf::from("content/cases").join(slug);
    vec![
        (dir.join("case.toml"), CASE_TOML.to_owned()),
        (dir.join("laws.toml"), LAWS_TOML.to_owned()),
        (
            dir.join("index.en.md"),
            format!("+++\ntitle = \"{}\"\nsummary = \"One sentence on who is prosecuted and why.\"\n+++\n## What happened\n\nWrite the overview here. Link to [the people](@/cases/{slug}/people.md) and [the timeline](@/cases/{slug}/timeline.md).\n", title_of(slug)),
        ),
        (
            dir.join("act.en.md"),
            "+++\ntitle = \"Take action\"\n\n# The text of each demand listed in case.toml, by its id.\n[demands]\nrelease = \"Release everyone detained for a peaceful protest.\"\n+++\nWhat readers can do: share this page, write to the authorities.\n".to_owned(),
        ),
    ]
}

/// `placard new person CASE SLUG`. `case_toml` is the case's facts, to cite its first source.
pub fn person(case: &str, slug: &str, case_toml: &str) -> Files {
    let source = first_source(case_toml);
    let name = title_of(slug);
    let text = format!(
        "# Facts about one person. Translators never edit this file; see docs/content.md.\n\
         role = \"defendant\"            # defendant | related\n\
         status = \"custody\"            # custody | house-arrest | administrative-detention | fined | charged | sentenced | released | whereabouts-unknown | in-exile\n\
         # detained_on = \"2025-11-13\"  # the day of detention: days since are computed from it\n\
         charges = []                  # provision ids from laws.toml, e.g. [\"cc-174-2\"]\n\
         visibility = \"full\"           # full | initials | anonymous\n\
         sources = [\"{source}\"]         # at least one source id from case.toml\n\n\
         [name]                        # the name in each script, kept only here\n\
         en = \"{name}\"\n\n\
         # [photo]\n# file = \"media/photo.jpg\"\n# consent = true\n# credit = \"Family archive\"\n\
         # alt = {{ en = \"…\", kk = \"…\", ru = \"…\" }}\n"
    );
    vec![(
        PathBuf::from(format!("content/cases/{case}/people/{slug}.toml")),
        text,
    )]
}

/// `placard new event CASE DATE SLUG`.
pub fn event(case: &str, date: &Date, slug: &str, case_toml: &str) -> Files {
    let source = first_source(case_toml);
    let id = format!("{date}-{slug}");
    let dir = PathBuf::from(format!("content/cases/{case}/timeline"));
    let facts = format!(
        "# Facts about one event; its words are in {id}.LANG.md.\n\
         date = \"{date}\"               # YYYY-MM-DD, YYYY-MM or YYYY\n\
         # qualifier = \"after\"          # about | after | before | by | early | mid | late\n\
         kind = \"other\"                # protest | detention | charge | custody | hearing | … (docs/content.md)\n\
         people = []                   # person ids\n\
         sources = [\"{source}\"]\n"
    );
    let prose = format!(
        "+++\ntitle = \"{}\"\n+++\nWhat happened, in a few sentences.\n",
        title_of(slug)
    );
    vec![
        (dir.join(format!("{id}.toml")), facts),
        (dir.join(format!("{id}.en.md")), prose),
    ]
}

/// Why `slug` cannot name a new case, person or event.
pub fn slug_problem(slug: &str) -> Option<String> {
    Slug::problem(slug).map(|why| {
        format!(
            "`{slug}` cannot be used: {why}; try `{}`",
            Slug::derive(slug)
        )
    })
}

fn first_source(case_toml: &str) -> String {
    toml::from_str::<toml::Table>(case_toml)
        .ok()
        .and_then(|t| {
            t.get("source")?
                .as_array()?
                .first()?
                .get("id")?
                .as_str()
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "source-1".to_owned())
}

fn title_of(slug: &str) -> String {
    slug.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const SITE_TOML: &str = r#"# The site. Every field is described in docs/content.md.
title = { en = "Free them", kk = "Оларды босатыңыз", ru = "Свободу им" }
base_url = "https://example.org/"     # the public address; used only for the sitemap, feeds and canonical links
source_language = "en"                # the language of the originals; others are translations
# publisher = { en = "…" }
# allow_html = false                  # true allows (sanitised) raw HTML in Markdown
# allowed_hosts = []                  # other hosts pages may load from (none by default)

[[languages]]
code = "en"
name = "English"

[[languages]]
code = "kk"
name = "Қазақша"

[[languages]]
code = "ru"
name = "Русский"
"#;

const CASE_TOML: &str = r#"# Facts of the case. Translators never edit this file.
status = "investigation"     # investigation | trial | appeal | closed | ongoing
# country = "KZ"
# started = "2025-11-13"
# as_of = "2026-01-15"       # the date of the latest report these facts rest on
sources = ["source-1"]

[[source]]
id = "source-1"
title = "The report these facts come from"
publisher = "Who published it"
# date = "2026-01-15"
# url = "https://…"

[[demand]]
id = "release"
"#;

const LAWS_TOML: &str = r#"# The national provisions used against the people, and the international standards they
# are set against. Titles are official names, one per language.
[[provision]]
id = "cc-article"
kind = "national"            # national | international
title = { en = "Criminal Code, Article …" }
engages = ["iccpr-19"]
sources = ["source-1"]

[[provision]]
id = "iccpr-19"
kind = "international"
title = { en = "International Covenant on Civil and Political Rights, Article 19", kk = "Азаматтық және саяси құқықтар туралы халықаралық пакт, 19-бап", ru = "Международный пакт о гражданских и политических правах, статья 19" }
sources = ["source-1"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_sources() {
        assert_eq!(title_of("bekzat-maxutkhan"), "Bekzat Maxutkhan");
        assert_eq!(first_source(CASE_TOML), "source-1");
        assert_eq!(first_source("[[source]]\nid = \"x\"\ntitle = \"t\"\n"), "x");
        assert!(slug_problem("../x").is_some());
        assert!(slug_problem("ok-slug").is_none());
    }
}
