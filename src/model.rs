//! The content model's identities and facts: typed ids, slugs, statuses and kinds, and the
//! serde shapes of every TOML file a campaigner writes.
//!
//! This module only describes data. It reads no files and renders nothing; `load` parses,
//! `resolve` checks references.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

use crate::date::{PartialDate, Qualifier, Season};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// A language code from the site config, e.g. `kk`.
    LanguageCode
);
id_type!(
    /// The last part of a URL: ASCII, lower case, the same in every language.
    Slug
);
id_type!(
    /// A case: the name of its folder under `content/cases/`.
    CaseId
);
id_type!(
    /// A person: the file name of `people/<id>.toml`.
    PersonId
);
id_type!(
    /// An event: the file name of `timeline/<id>.toml`.
    EventId
);
id_type!(
    /// A provision or standard from `laws.toml`.
    ProvisionId
);
id_type!(
    /// A source from `case.toml`.
    SourceId
);
id_type!(
    /// A demand from `case.toml`.
    DemandId
);
id_type!(
    /// An analysis: the file name of `legal/<id>.toml`.
    AnalysisId
);

impl Slug {
    /// Derives an ASCII slug from any text: transliterated with any_ascii (қ→q, ә→a, ң→ng),
    /// lower-cased, runs of anything else folded into single hyphens.
    pub fn derive(text: &str) -> Slug {
        // any_ascii writes ғ as "gh"; Kazakh Latin (and campaigners' expectations) use "g".
        let text = text.replace(['ғ', 'Ғ'], "g");
        let ascii = any_ascii::any_ascii(&text);
        let mut slug = String::with_capacity(ascii.len());
        for c in ascii.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        while slug.ends_with('-') {
            slug.pop();
        }
        Slug(slug)
    }

    /// Why `text` cannot be a slug as given, if it cannot: slugs become folder names, so they
    /// must never climb out of the output folder or hide as dot-files.
    pub fn problem(text: &str) -> Option<&'static str> {
        if text.is_empty() {
            Some("it is empty")
        } else if text.contains('/') || text.contains('\\') {
            Some("it contains a path separator")
        } else if text.starts_with('.') {
            Some("it starts with a dot")
        } else if !text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            Some("only lower-case ASCII letters, digits and hyphens are allowed")
        } else {
            None
        }
    }
}

/// A person's situation, a closed list (documented in docs/content.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PersonStatus {
    Custody,
    HouseArrest,
    AdministrativeDetention,
    Sentenced,
    WhereaboutsUnknown,
    Charged,
    Fined,
    Released,
    InExile,
}

impl PersonStatus {
    pub fn key(self) -> &'static str {
        match self {
            PersonStatus::Custody => "custody",
            PersonStatus::HouseArrest => "house-arrest",
            PersonStatus::AdministrativeDetention => "administrative-detention",
            PersonStatus::Sentenced => "sentenced",
            PersonStatus::WhereaboutsUnknown => "whereabouts-unknown",
            PersonStatus::Charged => "charged",
            PersonStatus::Fined => "fined",
            PersonStatus::Released => "released",
            PersonStatus::InExile => "in-exile",
        }
    }

    /// Deprived of liberty: the statuses whose days are counted.
    pub fn is_deprived_of_liberty(self) -> bool {
        matches!(
            self,
            PersonStatus::Custody
                | PersonStatus::HouseArrest
                | PersonStatus::AdministrativeDetention
                | PersonStatus::Sentenced
                | PersonStatus::WhereaboutsUnknown
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Defendant,
    Related,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Visibility {
    #[default]
    Full,
    Initials,
    Anonymous,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseStatus {
    Investigation,
    Trial,
    Appeal,
    Closed,
    Ongoing,
}

impl CaseStatus {
    pub fn key(self) -> &'static str {
        match self {
            CaseStatus::Investigation => "investigation",
            CaseStatus::Trial => "trial",
            CaseStatus::Appeal => "appeal",
            CaseStatus::Closed => "closed",
            CaseStatus::Ongoing => "ongoing",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Protest,
    Detention,
    Sentence,
    Fine,
    Charge,
    Custody,
    HouseArrest,
    Extension,
    Hearing,
    Verdict,
    Release,
    Statement,
    DiplomaticNote,
    Investigation,
    Disappearance,
    Citizenship,
    Prosecution,
    Opinion,
    Harassment,
    Other,
}

impl EventKind {
    pub fn key(self) -> String {
        // serde's kebab-case name is the key used in `event-kind-*` UI strings.
        toml::Value::try_from(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProvisionKind {
    National,
    International,
}

/// Text given once per language, e.g. a name in each script.
pub type PerLanguage = BTreeMap<String, Spanned<String>>;

/// `content/cases/<case>/case.toml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFacts {
    pub status: CaseStatus,
    pub country: Option<String>,
    pub started: Option<Spanned<String>>,
    pub as_of: Option<Spanned<String>>,
    #[serde(default)]
    pub order: i64,
    pub slug: Option<Spanned<String>>,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    #[serde(default)]
    pub source: Vec<SourceFacts>,
    #[serde(default)]
    pub demand: Vec<DemandFacts>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFacts {
    pub id: Spanned<String>,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    pub language: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemandFacts {
    pub id: Spanned<String>,
    #[serde(default)]
    pub provisions: Vec<Spanned<String>>,
    #[serde(default)]
    pub people: Vec<Spanned<String>>,
}

/// `content/cases/<case>/laws.toml`
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct LawsFacts {
    #[serde(default)]
    pub provision: Vec<ProvisionFacts>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvisionFacts {
    pub id: Spanned<String>,
    pub kind: ProvisionKind,
    pub title: PerLanguage,
    #[serde(default)]
    pub engages: Vec<Spanned<String>>,
    #[serde(default)]
    pub max_penalty: PerLanguage,
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
}

/// `content/cases/<case>/people/<person>.toml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonFacts {
    pub role: Role,
    pub status: PersonStatus,
    pub detained_on: Option<Spanned<String>>,
    #[serde(default)]
    pub charges: Vec<Spanned<String>>,
    #[serde(default)]
    pub visibility: Visibility,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    pub slug: Option<Spanned<String>>,
    pub name: PerLanguage,
    pub photo: Option<PhotoFacts>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoFacts {
    pub file: Spanned<String>,
    #[serde(default)]
    pub consent: bool,
    pub credit: Option<String>,
    #[serde(default)]
    pub withheld: bool,
    #[serde(default)]
    pub alt: PerLanguage,
}

/// `content/cases/<case>/timeline/<event>.toml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFacts {
    pub date: Spanned<String>,
    pub season: Option<Season>,
    pub qualifier: Option<Qualifier>,
    #[serde(default)]
    pub order: i64,
    pub kind: EventKind,
    #[serde(default)]
    pub people: Vec<Spanned<String>>,
    #[serde(default)]
    pub provisions: Vec<Spanned<String>>,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
}

/// `content/cases/<case>/legal/<analysis>.toml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisFacts {
    #[serde(default)]
    pub order: i64,
    #[serde(default)]
    pub provisions: Vec<Spanned<String>>,
    #[serde(default)]
    pub standards: Vec<Spanned<String>>,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    pub slug: Option<Spanned<String>>,
}

/// The front matter of a prose file (`NAME.LANG.md`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub translated_from: Option<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub demands: BTreeMap<String, Spanned<String>>,
}

/// A date of the facts with where it was written, parsed once.
pub fn parse_partial_date(text: &str) -> Result<PartialDate, String> {
    PartialDate::parse(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_transliterate_kazakh_letters() {
        assert_eq!(Slug::derive("Бақытнұр Нұрмұқан").0, "baqytnur-nurmuqan");
        assert_eq!(Slug::derive("Әлімнұр").0, "alimnur");
        assert_eq!(Slug::derive("Қанат Тұрдыбай").0, "qanat-turdybay");
        assert_eq!(Slug::derive("Ғ ң ө ү һ і").0, "g-ng-o-u-h-i");
        assert_eq!(Slug::derive("  --Hello, World!-- ").0, "hello-world");
    }

    #[test]
    fn slug_problems_are_named() {
        assert!(Slug::problem("../etc").is_some());
        assert!(Slug::problem("a/b").is_some());
        assert!(Slug::problem(".hidden").is_some());
        assert!(Slug::problem("Upper").is_some());
        assert_eq!(Slug::problem("bekzat-maxutkhan"), None);
    }

    #[test]
    fn event_kind_keys_are_kebab_case() {
        assert_eq!(EventKind::DiplomaticNote.key(), "diplomatic-note");
    }
}
