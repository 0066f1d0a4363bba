//! CLDR formatting for one language through ICU4X: grouped numbers, plural categories, long
//! Gregorian dates and collation, plus the hook through which Fluent prints numbers.
//!
//! This module must not know message keys or read files: words that CLDR does not have (seasons,
//! qualifiers, grammatical cases) come from the Fluent tables in `i18n`.

use std::cmp::Ordering;

use fluent_bundle::FluentValue;
use fluent_bundle::types::{FluentNumber, FluentNumberStyle, FluentNumberType};
use icu_calendar::{Date as IcuDate, Gregorian};
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{Y, YM, YMD};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_locale_core::Locale as IcuLocale;
use icu_plurals::{PluralCategory, PluralRules};
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;

use crate::date::{PartialDate, Precision};

/// The ICU4X locale whose CLDR data serves a site language code.
pub(super) fn icu_locale(lang: &str) -> IcuLocale {
    // Bare `en` is American English in CLDR ("November 13, 2025"). A campaign addressing an
    // international audience reads better in "World English" (en-001): "13 November 2025",
    // with the same numbers, plurals and collation.
    let tag = if lang == "en" { "en-001" } else { lang };
    // The site configuration validates language codes; an unparsable one gets CLDR's root
    // data (neutral formats) rather than failing the build here.
    IcuLocale::try_from_str(tag).unwrap_or(IcuLocale::UNKNOWN)
}

/// The CLDR formatters of one language. Each is optional only because ICU4X constructors are
/// fallible; with compiled data they fall back to root data and do not fail in practice, and
/// if one ever did, output degrades to ISO dates and ungrouped numbers instead of a crash.
pub(super) struct Formats {
    decimal: Option<DecimalFormatter>,
    plurals: Option<PluralRules>,
    collator: Option<CollatorBorrowed<'static>>,
    day: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    month: Option<FixedCalendarDateTimeFormatter<Gregorian, YM>>,
    year: Option<FixedCalendarDateTimeFormatter<Gregorian, Y>>,
}

impl Formats {
    pub(super) fn new(lang: &str) -> Formats {
        let locale = icu_locale(lang);
        Formats {
            decimal: DecimalFormatter::try_new((&locale).into(), Default::default()).ok(),
            plurals: PluralRules::try_new_cardinal((&locale).into()).ok(),
            collator: Collator::try_new((&locale).into(), CollatorOptions::default()).ok(),
            day: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long()).ok(),
            month: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YM::long()).ok(),
            year: FixedCalendarDateTimeFormatter::try_new((&locale).into(), Y::long()).ok(),
        }
    }

    pub(super) fn number(&self, n: i64) -> String {
        match &self.decimal {
            Some(decimal) => decimal.format(&Decimal::from(n)).to_string(),
            None => n.to_string(),
        }
    }

    pub(super) fn plural_category(&self, n: u64) -> PluralCategory {
        self.plurals
            .as_ref()
            .map_or(PluralCategory::Other, |rules| rules.category_for(n))
    }

    /// The categories this language distinguishes, in CLDR order (zero … other).
    pub(super) fn plural_categories(&self) -> Vec<PluralCategory> {
        self.plurals
            .as_ref()
            .map_or_else(|| vec![PluralCategory::Other], |r| r.categories().collect())
    }

    /// The long CLDR form of a date. Year-only dates come out as bare digits in CLDR for most
    /// languages; `Locale::format_date` prefers the `date-year` message for them.
    pub(super) fn date(&self, date: &PartialDate) -> String {
        let day = date.first_day();
        let Ok(icu) = IcuDate::try_new_gregorian(day.year(), day.month(), day.day()) else {
            return date.to_string();
        };
        let formatted = match date.precision() {
            Precision::Day => self.day.as_ref().map(|f| f.format(&icu).to_string()),
            Precision::Month => self.month.as_ref().map(|f| f.format(&icu).to_string()),
            Precision::Year => self.year.as_ref().map(|f| f.format(&icu).to_string()),
        };
        formatted.unwrap_or_else(|| date.to_string())
    }

    pub(super) fn compare(&self, a: &str, b: &str) -> Ordering {
        match &self.collator {
            Some(collator) => collator.compare(a, b),
            None => a.cmp(b),
        }
    }
}

/// The CLDR keyword of a plural category, as Fluent variant keys spell it.
pub(super) fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// A decimal formatter that Fluent's per-bundle memoizer builds once per language and grouping
/// choice. Fluent hands its number formatter only the memoizer, not the language, so this is
/// the way to reach CLDR data for the bundle's own language.
struct FluentDecimal(DecimalFormatter);

impl Memoizable for FluentDecimal {
    /// Whether to group digits (`NUMBER($n, useGrouping: "false")` turns it off).
    type Args = (bool,);
    type Error = ();

    fn construct(lang: unic_langid::LanguageIdentifier, args: Self::Args) -> Result<Self, ()> {
        let strategy = if args.0 {
            GroupingStrategy::Auto
        } else {
            GroupingStrategy::Never
        };
        let options = DecimalFormatterOptions::from(strategy);
        DecimalFormatter::try_new((&icu_locale(&lang.to_string())).into(), options)
            .map(FluentDecimal)
            .map_err(|_| ())
    }
}

/// Fluent's number formatter: integers in CLDR form ("1 234" in Russian). Returns `None` for
/// what it does not handle (fractions, currencies, padded digits), which Fluent then prints
/// itself.
pub(super) fn format_fluent_number(
    value: &FluentValue,
    intls: &IntlLangMemoizer,
) -> Option<String> {
    let FluentValue::Number(FluentNumber { value, options }) = value else {
        return None;
    };
    let plain = options.style == FluentNumberStyle::Decimal
        && options.r#type == FluentNumberType::Cardinal
        && options.minimum_fraction_digits.unwrap_or(0) == 0
        && options.minimum_integer_digits.is_none()
        && options.minimum_significant_digits.is_none()
        && options.maximum_significant_digits.is_none();
    // Beyond 2^53 an f64 no longer holds every integer, so the digits would be invented.
    if !plain || value.fract() != 0.0 || value.abs() > 9_007_199_254_740_992.0 {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)] // integral and within ±2^53, checked above
    let n = *value as i64;
    intls
        .with_try_get::<FluentDecimal, _, _>((options.use_grouping,), |f| {
            f.0.format(&Decimal::from(n)).to_string()
        })
        .ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn groups_digits_as_cldr_does() {
        assert_eq!(Formats::new("en").number(1234), "1,234");
        assert_eq!(Formats::new("en").number(-1_234_567), "-1,234,567");
        assert_eq!(Formats::new("ru").number(1234), "1\u{a0}234");
        assert_eq!(Formats::new("kk").number(1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(Formats::new("ru").number(19), "19");
    }

    #[test]
    fn formats_long_cldr_dates() {
        let cases = [
            ("en", "2025-11-13", "13 November 2025"),
            ("en", "2025-11", "November 2025"),
            ("ru", "2025-11-13", "13 ноября 2025\u{202f}г."),
            ("ru", "2025-11", "ноябрь 2025\u{202f}г."),
            ("kk", "2025-11-13", "2025\u{202f}ж. 13 қараша"),
            ("kk", "2025-11", "2025\u{202f}ж. қараша"),
            // CLDR's year-only pattern is bare digits in all three.
            ("ru", "2025", "2025"),
            ("kk", "2025", "2025"),
        ];
        for (lang, input, expected) in cases {
            assert_eq!(
                Formats::new(lang).date(&date(input)),
                expected,
                "{lang} {input}"
            );
        }
    }

    #[test]
    fn falls_back_to_root_data_for_unknown_languages() {
        let formats = Formats::new("not a language");
        assert_eq!(formats.number(1234), "1,234");
        assert_eq!(formats.date(&date("2025-11-13")), "2025 M11 13");
    }
}
