//! Calendar dates as content writes them: exact days (`2025-11-13`), and partial dates of a month
//! (`2025-11`) or a year (`2025`), with the season and qualifier words an event may add.
//!
//! This module owns parsing, validation and day arithmetic in the proleptic Gregorian calendar.
//! It must not format dates for readers: words and patterns per language belong to `i18n`.

use std::fmt;

use serde::{Deserialize, Serialize};

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A valid day, e.g. 2025-11-13. Ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    // Field order makes the derived `Ord` chronological.
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date from its parts; the message says why an impossible date is impossible.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, String> {
        if !(1..=9999).contains(&year) {
            return Err(format!("the year {year} is outside 1 to 9999"));
        }
        let month_name = month_name(month)
            .ok_or_else(|| format!("there is no month {month}; months are 01 to 12"))?;
        let length = days_in_month(year, month);
        if day == 0 || day > length {
            return Err(format!("{month_name} {year} has {length} days"));
        }
        Ok(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, String> {
        let not_a_date =
            || format!("`{text}` is not a date written as YYYY-MM-DD, e.g. 2025-11-13");
        let mut parts = text.split('-');
        let (Some(year), Some(month), Some(day), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(not_a_date());
        };
        let (Some(year), Some(month), Some(day)) = (
            number(year, 4).and_then(|y| i32::try_from(y).ok()),
            number(month, 2).and_then(|m| u8::try_from(m).ok()),
            number(day, 2).and_then(|d| u8::try_from(d).ok()),
        ) else {
            return Err(not_a_date());
        };
        Date::new(year, month, day).map_err(|why| format!("`{text}` is not a date: {why}"))
    }

    /// The day `seconds` after 1970-01-01T00:00:00Z, as `SOURCE_DATE_EPOCH` gives it.
    pub fn from_unix_seconds(seconds: i64) -> Result<Date, String> {
        let out_of_range = || format!("{seconds} seconds since 1970 is not a day in 1 to 9999");
        let days = seconds.div_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let year = i32::try_from(year).map_err(|_| out_of_range())?;
        Date::new(year, month, day).map_err(|_| out_of_range())
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days from `self` to `other`: positive when `other` is later.
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// Days since 1970-01-01, after Howard Hinnant's `days_from_civil`.
    fn days_since_epoch(self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }
}

/// The inverse of `days_since_epoch`: (year, month, day) of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both are in range by construction (1..=12, 1..=31); the fallbacks are never taken.
    (
        year,
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day).unwrap_or(1),
    )
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(text: String) -> Result<Date, String> {
        Date::parse(&text)
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// A date known to the day, the month or only the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    // Only ever set together with `month`.
    day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let not_a_date = || {
            format!("`{text}` is not a date written as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-11")
        };
        match text.split('-').count() {
            3 => Date::parse(text).map(PartialDate::from),
            2 | 1 => {
                let mut parts = text.split('-');
                let year = parts.next().and_then(|y| number(y, 4));
                let month = match parts.next() {
                    Some(m) => Some(number(m, 2).ok_or_else(not_a_date)?),
                    None => None,
                };
                let year = year
                    .and_then(|y| i32::try_from(y).ok())
                    .ok_or_else(not_a_date)?;
                let month = month.map(|m| u8::try_from(m).unwrap_or(0));
                // Validate through the first day of the period, which exists iff the period does.
                Date::new(year, month.unwrap_or(1), 1)
                    .map_err(|why| format!("`{text}` is not a date: {why}"))?;
                Ok(PartialDate {
                    year,
                    month,
                    day: None,
                })
            }
            _ => Err(not_a_date()),
        }
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn month(&self) -> Option<u8> {
        self.month
    }

    pub fn day(&self) -> Option<u8> {
        self.day
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first day the date may mean, for ordering.
    pub fn first_day(&self) -> Date {
        let month = self.month.unwrap_or(1);
        Date {
            year: self.year,
            month,
            day: self.day.unwrap_or(1),
        }
    }

    /// The last day the date may mean, for asking whether it is still to come.
    pub fn last_day(&self) -> Date {
        let month = self.month.unwrap_or(12);
        Date {
            year: self.year,
            month,
            day: self.day.unwrap_or_else(|| days_in_month(self.year, month)),
        }
    }
}

impl From<Date> for PartialDate {
    fn from(date: Date) -> PartialDate {
        PartialDate {
            year: date.year,
            month: Some(date.month),
            day: Some(date.day),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl TryFrom<String> for PartialDate {
    type Error = String;
    fn try_from(text: String) -> Result<PartialDate, String> {
        PartialDate::parse(&text)
    }
}

impl From<PartialDate> for String {
    fn from(date: PartialDate) -> String {
        date.to_string()
    }
}

/// The season of an event known only to the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    /// The name used in content files and in message ids (`date-season-summer`).
    pub fn as_str(self) -> &'static str {
        match self {
            Season::Spring => "spring",
            Season::Summer => "summer",
            Season::Autumn => "autumn",
            Season::Winter => "winter",
        }
    }
}

/// A word that makes a date approximate or bounds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    About,
    After,
    Before,
    By,
    Early,
    Mid,
    Late,
}

impl Qualifier {
    /// The name used in content files and in message ids (`date-qualifier-after`).
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::About => "about",
            Qualifier::After => "after",
            Qualifier::Before => "before",
            Qualifier::By => "by",
            Qualifier::Early => "early",
            Qualifier::Mid => "mid",
            Qualifier::Late => "late",
        }
    }
}

fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn month_name(month: u8) -> Option<&'static str> {
    MONTH_NAMES.get(usize::from(month).checked_sub(1)?).copied()
}

/// A run of exactly `digits` ASCII digits.
fn number(text: &str, digits: usize) -> Option<u32> {
    if text.len() == digits && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn parses_and_displays_days() {
        let d = date("2025-11-13");
        assert_eq!((d.year(), d.month(), d.day()), (2025, 11, 13));
        assert_eq!(d.to_string(), "2025-11-13");
        assert_eq!(date("0999-01-01").to_string(), "0999-01-01");
    }

    #[test]
    fn rejects_impossible_days_saying_why() {
        assert_eq!(
            Date::parse("2025-02-30").unwrap_err(),
            "`2025-02-30` is not a date: February 2025 has 28 days"
        );
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(
            Date::parse("1900-02-29")
                .unwrap_err()
                .contains("February 1900 has 28 days")
        );
        assert!(Date::parse("2000-02-29").is_ok());
        assert!(
            Date::parse("2025-04-31")
                .unwrap_err()
                .contains("April 2025 has 30 days")
        );
        assert!(
            Date::parse("2025-13-01")
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(Date::parse("2025-01-00").unwrap_err().contains("31 days"));
        for bad in [
            "13.11.2025",
            "2025-1-13",
            "2025-11-13-",
            "+025-11-13",
            "",
            "2025-11",
        ] {
            assert!(
                Date::parse(bad).unwrap_err().contains("YYYY-MM-DD"),
                "{bad}"
            );
        }
    }

    #[test]
    fn orders_chronologically() {
        let mut dates = [date("2025-11-13"), date("2024-12-31"), date("2025-01-02")];
        dates.sort();
        let shown: Vec<String> = dates.iter().map(Date::to_string).collect();
        assert_eq!(shown, ["2024-12-31", "2025-01-02", "2025-11-13"]);
    }

    #[test]
    fn counts_days_across_months_and_leap_years() {
        assert_eq!(date("2025-11-13").days_until(date("2025-11-13")), 0);
        assert_eq!(date("2025-11-13").days_until(date("2026-01-15")), 63);
        assert_eq!(date("2026-01-15").days_until(date("2025-11-13")), -63);
        assert_eq!(date("2024-02-28").days_until(date("2024-03-01")), 2);
        assert_eq!(date("2023-02-28").days_until(date("2023-03-01")), 1);
        assert_eq!(date("2000-01-01").days_until(date("2001-01-01")), 366);
        assert_eq!(date("1970-01-01").days_since_epoch(), 0);
    }

    #[test]
    fn converts_unix_seconds() {
        assert_eq!(Date::from_unix_seconds(0).unwrap(), date("1970-01-01"));
        assert_eq!(Date::from_unix_seconds(86_399).unwrap(), date("1970-01-01"));
        assert_eq!(Date::from_unix_seconds(-1).unwrap(), date("1969-12-31"));
        assert_eq!(
            Date::from_unix_seconds(1_763_000_000).unwrap(),
            date("2025-11-13")
        );
        assert_eq!(
            Date::from_unix_seconds(951_782_400).unwrap(),
            date("2000-02-29")
        );
        assert!(Date::from_unix_seconds(i64::MAX).is_err());
        assert!(Date::from_unix_seconds(i64::MIN).is_err());
    }

    #[test]
    fn day_counts_round_trip() {
        // 0001-01-01 to 9999-12-31.
        for days in (-719_162..=2_932_896).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            let back = Date {
                year: i32::try_from(y).unwrap(),
                month: m,
                day: d,
            };
            assert_eq!(back.days_since_epoch(), days);
            assert!(Date::new(back.year, m, d).is_ok(), "{back}");
        }
    }

    #[test]
    fn parses_partial_dates() {
        let day = PartialDate::parse("2025-11-13").unwrap();
        let month = PartialDate::parse("2025-11").unwrap();
        let year = PartialDate::parse("2025").unwrap();
        assert_eq!(day.precision(), Precision::Day);
        assert_eq!(month.precision(), Precision::Month);
        assert_eq!(year.precision(), Precision::Year);
        assert_eq!(
            (day.to_string(), month.to_string(), year.to_string()),
            ("2025-11-13".into(), "2025-11".into(), "2025".into())
        );
        assert_eq!(month.first_day(), date("2025-11-01"));
        assert_eq!(month.last_day(), date("2025-11-30"));
        assert_eq!(
            PartialDate::parse("2024-02").unwrap().last_day(),
            date("2024-02-29")
        );
        assert_eq!(year.first_day(), date("2025-01-01"));
        assert_eq!(year.last_day(), date("2025-12-31"));
        assert_eq!(day.first_day(), day.last_day());
        assert!(
            PartialDate::parse("2025-13")
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(
            PartialDate::parse("2025-02-30")
                .unwrap_err()
                .contains("28 days")
        );
        for bad in ["25", "2025-1", "2025-", "-11", "2025-11-13-1", "year"] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[derive(Deserialize)]
    struct Event {
        date: PartialDate,
        season: Option<Season>,
        qualifier: Option<Qualifier>,
    }

    #[test]
    fn reads_words_from_toml() {
        let event: Event =
            toml::from_str("date = \"2025\"\nseason = \"summer\"\nqualifier = \"late\"\n").unwrap();
        assert_eq!(event.date.precision(), Precision::Year);
        assert_eq!(event.season, Some(Season::Summer));
        assert_eq!(event.qualifier, Some(Qualifier::Late));
        assert_eq!(Season::Autumn.as_str(), "autumn");
        assert_eq!(Qualifier::By.as_str(), "by");
        assert!(toml::from_str::<Event>("date = \"2025\"\nseason = \"Summer\"\n").is_err());
        let error = toml::from_str::<Event>("date = \"2025-02-30\"\n")
            .err()
            .unwrap();
        assert!(error.to_string().contains("February 2025 has 28 days"));
    }
}
