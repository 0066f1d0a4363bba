//! The answers `check --external` remembers between runs, in
//! `<root>/.placard-cache/external-links.json`: address → status and when it was asked.
//! Only successes are kept, and only for a day; failures are always asked again. It decides
//! what is fresh; it never asks a host anything.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Outcome;

/// The cache file, relative to the site root.
pub const CACHE_FILE: &str = ".placard-cache/external-links.json";

/// How long a successful answer is trusted.
const MAX_AGE: u64 = 24 * 60 * 60;

/// One remembered answer. Only successes are written; an entry without a status is never
/// reused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// Unix seconds.
    checked_at: u64,
}

/// Answers remembered between runs: address → entry.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Cache(BTreeMap<String, Entry>);

impl Cache {
    /// The cache at `path`: empty when there is none, or (with the reason) when it is unreadable.
    pub(super) fn read(path: &Path) -> (Cache, Option<String>) {
        match std::fs::read(path) {
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(entries) => (Cache(entries), None),
                Err(e) => (
                    Cache::default(),
                    Some(format!(
                        "{}: not a cache Placard can read ({e}); it is ignored and rewritten",
                        path.display()
                    )),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Cache::default(), None),
            Err(e) => (
                Cache::default(),
                Some(format!("{}: {e}; the cache is ignored", path.display())),
            ),
        }
    }

    /// The remembered status of `address`, if it was a success less than a day before `now`.
    pub(super) fn fresh(&self, address: &str, now: u64) -> Option<u16> {
        let entry = self.0.get(address)?;
        let age = now.checked_sub(entry.checked_at)?;
        let status = entry.status.filter(|s| (100..400).contains(s))?;
        (age < MAX_AGE && entry.error.is_none()).then_some(status)
    }

    /// The entries still fresh at `now`, with the successes of `asked` (checked at `now`).
    /// Failures are left out, so that they are asked again next time.
    pub(super) fn updated(&self, asked: &BTreeMap<String, Outcome>, now: u64) -> Cache {
        let mut entries: BTreeMap<String, Entry> = self
            .0
            .iter()
            .filter(|(address, _)| self.fresh(address, now).is_some())
            .map(|(address, entry)| (address.clone(), entry.clone()))
            .collect();
        for (address, outcome) in asked {
            match outcome {
                Outcome::Ok(status) => {
                    entries.insert(
                        address.clone(),
                        Entry {
                            status: Some(*status),
                            error: None,
                            checked_at: now,
                        },
                    );
                }
                Outcome::Broken(_) | Outcome::RateLimited => {
                    entries.remove(address);
                }
            }
        }
        Cache(entries)
    }

    /// Writes the cache whole or not at all: a temporary file beside it, then a rename.
    pub(super) fn write(&self, path: &Path) -> Result<(), String> {
        let fail =
            |e: std::io::Error| format!("{}: {e}; the cache was not updated", path.display());
        let json = serde_json::to_vec_pretty(&self.0)
            .map_err(|e| format!("{}: {e}; the cache was not updated", path.display()))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let temporary = path.with_extension(format!("json.{}.tmp", std::process::id()));
        let written =
            std::fs::write(&temporary, json).and_then(|()| std::fs::rename(&temporary, path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written.map_err(fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 24 * 60 * 60;

    fn ok(status: u16, checked_at: u64) -> Entry {
        Entry {
            status: Some(status),
            error: None,
            checked_at,
        }
    }

    #[test]
    fn cached_successes_are_reused_for_a_day() {
        let t = 1_800_000_000;
        let mut entries = BTreeMap::new();
        entries.insert("https://a.example/".to_owned(), ok(200, t));
        entries.insert(
            "https://b.example/".to_owned(),
            Entry {
                status: None,
                error: Some("404 Not Found".into()),
                checked_at: t,
            },
        );
        let cache = Cache(entries);
        assert_eq!(cache.fresh("https://a.example/", t), Some(200));
        assert_eq!(cache.fresh("https://a.example/", t + DAY - 1), Some(200));
        assert_eq!(cache.fresh("https://a.example/", t + DAY), None, "expired");
        assert_eq!(
            cache.fresh("https://a.example/", t - 60),
            None,
            "from the future"
        );
        assert_eq!(
            cache.fresh("https://b.example/", t),
            None,
            "failures are not reused"
        );
        assert_eq!(cache.fresh("https://c.example/", t), None);
    }

    #[test]
    fn an_update_keeps_fresh_successes_and_drops_the_rest() {
        let t = 1_800_000_000;
        let mut entries = BTreeMap::new();
        entries.insert("https://old.example/".to_owned(), ok(200, t - DAY - 5));
        entries.insert("https://kept.example/".to_owned(), ok(301, t - 10));
        entries.insert("https://gone.example/".to_owned(), ok(200, t - 10));
        let mut asked = BTreeMap::new();
        asked.insert("https://new.example/".to_owned(), Outcome::Ok(200));
        asked.insert(
            "https://gone.example/".to_owned(),
            Outcome::Broken("404 Not Found".into()),
        );
        asked.insert("https://busy.example/".to_owned(), Outcome::RateLimited);
        let updated = Cache(entries).updated(&asked, t);
        let kept: Vec<(&str, u64)> = updated
            .0
            .iter()
            .map(|(a, e)| (a.as_str(), e.checked_at))
            .collect();
        assert_eq!(
            kept,
            [
                ("https://kept.example/", t - 10),
                ("https://new.example/", t)
            ]
        );
    }

    #[test]
    fn the_cache_is_written_and_read_back() {
        let dir = std::env::temp_dir().join(format!("placard-cache-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join(CACHE_FILE);
        assert_eq!(Cache::read(&path), (Cache::default(), None));
        let mut entries = BTreeMap::new();
        entries.insert("https://a.example/".to_owned(), ok(200, 5));
        let cache = Cache(entries);
        cache.write(&path).unwrap();
        assert_eq!(Cache::read(&path), (cache, None));
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
        std::fs::write(&path, "{not json").unwrap();
        let (cache, problem) = Cache::read(&path);
        assert_eq!(cache, Cache::default());
        assert!(problem.unwrap().contains("ignored"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
