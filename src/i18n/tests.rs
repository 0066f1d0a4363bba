//! Tests of the built-in tables and of `Locale` and `Catalog` as templates use them.

#![allow(clippy::unwrap_used)]

use super::*;

fn built_in(lang: &str) -> Locale {
    let (locale, diagnostics) = Locale::new(lang, &[FtlFile::built_in(lang).unwrap()]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    locale
}

fn with_site_file(lang: &str, text: &str) -> (Locale, Vec<Diagnostic>) {
    let site = FtlFile {
        path: PathBuf::from(format!("i18n/{lang}.ftl")),
        text: text.to_owned(),
    };
    Locale::new(lang, &[FtlFile::built_in(lang).unwrap(), site])
}

fn date(text: &str) -> PartialDate {
    PartialDate::parse(text).unwrap()
}

const NUMBERS: [u64; 10] = [0, 1, 2, 5, 11, 21, 22, 25, 101, 111];

#[test]
fn locales_can_be_shared_between_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Locale>();
    send_sync::<Catalog>();
    assert_eq!(
        format!("{:?}", built_in("kk")),
        format!(
            "Locale {{ lang: \"kk\", keys: {}, .. }}",
            built_in("kk").keys().len()
        )
    );
}

#[test]
fn plural_categories_follow_cldr() {
    let categories = |lang: &str| {
        let locale = built_in(lang);
        NUMBERS.map(|n| locale.plural_category(n))
    };
    let one_other = [
        "other", "one", "other", "other", "other", "other", "other", "other", "other", "other",
    ];
    assert_eq!(categories("en"), one_other);
    assert_eq!(categories("kk"), one_other);
    assert_eq!(
        categories("ru"),
        [
            "many", "one", "few", "many", "many", "one", "few", "many", "one", "many"
        ]
    );
}

/// Fluent selects plural variants with its own rules (intl_pluralrules); they must agree with
/// ICU4X's, which the rest of Placard uses.
#[test]
fn fluent_selects_the_cldr_plural_form() {
    let table = "form = { $n ->\n [zero] zero\n [one] one\n [two] two\n [few] few\n [many] many\n *[other] other\n}\n";
    for lang in ["en", "kk", "ru"] {
        let (locale, _) = with_site_file(lang, table);
        for n in 0..=1200u64 {
            let shown = locale.message("form", &[("n", Arg::Number(n as i64))]);
            assert_eq!(
                shown.as_deref(),
                Some(locale.plural_category(n)),
                "{lang} {n}"
            );
        }
    }
}

#[test]
fn russian_day_counts_take_the_right_form() {
    let ru = built_in("ru");
    let shown: Vec<String> = NUMBERS
        .iter()
        .map(|n| {
            ru.message("days-since-detention", &[("days", Arg::Number(*n as i64))])
                .unwrap()
        })
        .collect();
    let expected = [
        "0 дней",
        "1 день",
        "2 дня",
        "5 дней",
        "11 дней",
        "21 день",
        "22 дня",
        "25 дней",
        "101 день",
        "111 дней",
    ]
    .map(|count| format!("{count} с момента задержания"));
    assert_eq!(shown, expected);
}

#[test]
fn numbers_in_messages_use_the_language_format() {
    let count = [("count", Arg::Number(1234))];
    assert_eq!(
        built_in("ru").message("figure-detained", &count).unwrap(),
        "1\u{a0}234 человека задержаны"
    );
    assert_eq!(
        built_in("en").message("figure-detained", &count).unwrap(),
        "1,234 people detained"
    );
    assert_eq!(
        built_in("en")
            .message("figure-detained", &[("count", Arg::Number(1))])
            .unwrap(),
        "1 person detained"
    );
    assert_eq!(built_in("kk").format_number(12345), "12\u{a0}345");
    // A translator can ask for digits without grouping.
    let (ru, _) = with_site_file("ru", "plain = { NUMBER($n, useGrouping: \"false\") }\n");
    assert_eq!(
        ru.message("plain", &[("n", Arg::Number(12345))]).unwrap(),
        "12345"
    );
}

#[test]
fn formats_dates_per_precision() {
    let cases = [
        ("en", "2025-11-13", "13 November 2025"),
        ("en", "2025-11", "November 2025"),
        ("en", "2025", "2025"),
        ("ru", "2025-11-13", "13 ноября 2025\u{202f}г."),
        ("ru", "2025-11", "ноябрь 2025\u{202f}г."),
        ("ru", "2025", "2025\u{202f}г."),
        ("kk", "2025-11-13", "2025\u{202f}ж. 13 қараша"),
        ("kk", "2025-11", "2025\u{202f}ж. қараша"),
        ("kk", "2025", "2025\u{202f}ж."),
    ];
    for (lang, input, expected) in cases {
        assert_eq!(
            built_in(lang).format_date(&date(input)),
            expected,
            "{lang} {input}"
        );
    }
}

#[test]
fn formats_event_dates_with_words() {
    use Qualifier::*;
    let cases = [
        (
            "en",
            "2025-11-13",
            None,
            Some(After),
            "after 13 November 2025",
        ),
        ("en", "2025-11", None, Some(Mid), "mid-November 2025"),
        (
            "en",
            "2025",
            Some(Season::Summer),
            Some(Late),
            "late summer 2025",
        ),
        ("en", "2025", Some(Season::Winter), None, "winter 2025"),
        (
            "ru",
            "2025-11-13",
            None,
            Some(After),
            "после 13 ноября 2025\u{202f}г.",
        ),
        (
            "ru",
            "2025-11",
            None,
            Some(Late),
            "в конце ноября 2025\u{202f}г.",
        ),
        (
            "ru",
            "2025-11",
            None,
            Some(About),
            "примерно в ноябре 2025\u{202f}г.",
        ),
        ("ru", "2025", None, Some(Before), "до 2025\u{202f}г."),
        (
            "ru",
            "2025",
            Some(Season::Summer),
            None,
            "лето 2025\u{202f}г.",
        ),
        (
            "ru",
            "2025",
            Some(Season::Autumn),
            Some(Early),
            "в начале осени 2025\u{202f}г.",
        ),
        (
            "ru",
            "2025-11-13",
            None,
            Some(Late),
            "13 ноября 2025\u{202f}г.",
        ),
        (
            "kk",
            "2025-11-13",
            None,
            Some(After),
            "2025\u{202f}ж. 13 қарашадан кейін",
        ),
        (
            "kk",
            "2025-09",
            None,
            Some(By),
            "2025\u{202f}ж. қыркүйекке дейін",
        ),
        (
            "kk",
            "2025-11",
            None,
            Some(Late),
            "2025\u{202f}ж. қарашаның соңында",
        ),
        ("kk", "2025", None, Some(Early), "2025 жылдың басында"),
        (
            "kk",
            "2025",
            Some(Season::Winter),
            Some(Before),
            "2025 жылғы қыстан бұрын",
        ),
        ("kk", "2025", Some(Season::Summer), None, "2025 жылғы жаз"),
    ];
    for (lang, input, season, qualifier, expected) in cases {
        let shown = built_in(lang).format_event_date(&date(input), season, qualifier);
        assert_eq!(shown, expected, "{lang} {input} {season:?} {qualifier:?}");
    }
}

#[test]
fn every_month_has_its_case_forms() {
    for lang in ["kk", "ru"] {
        let locale = built_in(lang);
        let mut seen = BTreeSet::new();
        for month in 1..=12u8 {
            let input = date(&format!("2025-{month:02}"));
            let shown = locale.format_event_date(&input, None, Some(Qualifier::After));
            assert!(!shown.contains('{'), "{lang} {shown}");
            seen.insert(shown);
        }
        assert_eq!(seen.len(), 12, "{lang}: {seen:?}");
    }
}

#[test]
fn sorts_kazakh_names_in_kazakh_alphabetical_order() {
    let kk = built_in("kk");
    let mut names = vec![
        "Іңкәр",
        "Ырысты",
        "Үміт",
        "Ұлан",
        "Өмір",
        "Оспан",
        "Ңа",
        "Нұрлан",
        "Қайрат",
        "Күләш",
        "Ғалым",
        "Гүлнар",
        "Әлия",
        "Асқар",
    ];
    names.sort_by(|a, b| kk.compare(a, b));
    assert_eq!(
        names,
        [
            "Асқар",
            "Әлия",
            "Гүлнар",
            "Ғалым",
            "Күләш",
            "Қайрат",
            "Нұрлан",
            "Ңа",
            "Оспан",
            "Өмір",
            "Ұлан",
            "Үміт",
            "Ырысты",
            "Іңкәр",
        ]
    );
}

#[test]
fn a_site_file_overrides_and_adds_messages() {
    let (en, diagnostics) =
        with_site_file("en", "nav-act = Act now\ncampaign-hashtag = #FreeThemAll\n");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(en.message("nav-act", &[]).unwrap(), "Act now");
    assert_eq!(en.message("nav-home", &[]).unwrap(), "Home");
    assert_eq!(en.message("campaign-hashtag", &[]).unwrap(), "#FreeThemAll");
    assert!(en.keys().contains("campaign-hashtag"));
    assert_eq!(en.message("no-such-key", &[]), None);
}

#[test]
fn locates_syntax_errors() {
    let (en, diagnostics) = with_site_file(
        "en",
        "nav-home = Start\n\nbroken = { $count\nnav-act = Act\n",
    );
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d.code, "ftl-syntax");
    assert!(d.is_error());
    assert_eq!(d.location, Location::at("i18n/en.ftl", 3, 18));
    assert!(
        d.message.starts_with("invalid Fluent syntax in `broken`: "),
        "{}",
        d.message
    );
    // The rest of the file still applies.
    assert_eq!(en.message("nav-home", &[]).unwrap(), "Start");
    assert_eq!(en.message("nav-act", &[]).unwrap(), "Act");
}

#[test]
fn reports_a_russian_message_without_few() {
    let ftl = "# days\nnav-home = Главная\ndays =\n    { $n ->\n        [one] { $n } день\n        [many] { $n } дней\n       *[other] { $n } дня\n    }\n";
    let (_, diagnostics) = with_site_file("ru", ftl);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d.code, "ftl-plural");
    assert_eq!(d.location, Location::at("i18n/ru.ftl", 3, 1));
    assert_eq!(
        d.message,
        "message `days` lacks the `few` plural form that Russian needs"
    );
    assert_eq!(d.help.as_deref(), Some("add `[few]` (for 2, 3, 4, 22, …)"));
    // The same message is complete in Kazakh.
    let (_, diagnostics) = with_site_file("kk", ftl);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

fn catalog() -> Catalog {
    let (en, _) = with_site_file("en", "only-english = Only in English\n");
    let ru = built_in("ru");
    Catalog::new("en", vec![en, ru])
}

#[test]
fn catalog_falls_back_to_the_source_language() {
    let catalog = catalog();
    assert_eq!(catalog.text("ru", "nav-home", &[]), "Главная");
    assert_eq!(catalog.text("ru", "only-english", &[]), "Only in English");
    assert_eq!(catalog.text("uz", "nav-home", &[]), "Home");
    assert_eq!(catalog.text("ru", "no-such-key", &[]), "`no-such-key`");
    assert_eq!(catalog.locale("ru").unwrap().lang(), "ru");
    assert!(catalog.locale("kk").is_none());
}

#[test]
fn catalog_lists_missing_keys() {
    let catalog = catalog();
    assert_eq!(catalog.missing_keys("ru"), ["only-english"]);
    assert!(catalog.missing_keys("en").is_empty());
    assert_eq!(
        catalog.missing_keys("uz").len(),
        catalog.locale("en").unwrap().keys().len()
    );
}

#[test]
fn built_in_tables_are_complete_and_clean() {
    let en = built_in("en").keys();
    assert!(en.len() > 100, "{}", en.len());
    for lang in ["kk", "ru"] {
        let keys = built_in(lang).keys();
        let missing: Vec<&String> = en.difference(&keys).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
    assert!(embedded("de").is_none());
}

#[test]
fn built_in_messages_fill_every_variable() {
    let args = [
        ("count", Arg::Number(3)),
        ("days", Arg::Number(3)),
        ("date", Arg::Text("D")),
        ("publisher", Arg::Text("P")),
        ("credit", Arg::Text("C")),
        ("penalty", Arg::Text("X")),
        ("title", Arg::Text("T")),
        ("site", Arg::Text("S")),
        ("year", Arg::Text("2025")),
        ("precision", Arg::Text("year")),
        ("ref", Arg::Text("1")),
    ];
    for lang in ["en", "kk", "ru"] {
        let locale = built_in(lang);
        for key in locale.keys() {
            let text = locale.message(&key, &args).unwrap();
            assert!(
                !text.contains('{') && !text.trim().is_empty(),
                "{lang} {key}: {text}"
            );
        }
    }
}
