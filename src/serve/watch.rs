//! Watching the site's sources: `content/` (which holds the config), `i18n/` and `themes/`,
//! with file events gathered into batches (debounced), and watches re-established when one of
//! those folders is deleted and created again.
//!
//! A batch only says *that* something changed: the rebuild reads the sources afresh, so an
//! event missed while a folder was being re-watched loses nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

/// The folders below the site root whose files are sources.
pub(super) const WATCHED: [&str; 3] = ["content", "i18n", "themes"];

/// However busy the file system, a batch closes after this long, so that a rebuild happens.
const MAX_BATCH: Duration = Duration::from_secs(1);

pub(super) struct Watcher {
    root: PathBuf,
    inner: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// Which of [`WATCHED`] are watched now.
    watching: BTreeSet<&'static str>,
    debounce: Duration,
}

/// What one batch of events amounts to.
#[derive(Debug, Default)]
pub(super) struct Batch {
    /// Changed source paths, relative to the site root.
    pub paths: BTreeSet<PathBuf>,
    /// The watcher lost events (queue overflow) or failed: assume anything changed.
    pub rescan: bool,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.rescan
    }
}

impl Watcher {
    pub(super) fn new(root: &Path, debounce: Duration) -> notify::Result<Watcher> {
        let root = root.canonicalize().map_err(notify::Error::io)?;
        let (tx, events) = mpsc::channel();
        let mut inner = notify::recommended_watcher(move |event| {
            // The receiver is gone only when the server stops.
            let _ = tx.send(event);
        })?;
        // Non-recursively, the root itself: to see a source folder deleted or created.
        inner.watch(&root, RecursiveMode::NonRecursive)?;
        let mut watcher = Watcher {
            root,
            inner,
            events,
            watching: BTreeSet::new(),
            debounce,
        };
        watcher.rewatch(&BTreeSet::new());
        Ok(watcher)
    }

    /// Waits up to `timeout` for a first event, then gathers events until none has come for
    /// the debounce interval. `None` when nothing relevant happened in `timeout`.
    pub(super) fn next_batch(&mut self, timeout: Duration) -> Option<Batch> {
        let first = match self.events.recv_timeout(timeout) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        };
        let mut batch = Batch::default();
        self.add(&mut batch, first);
        let started = Instant::now();
        while started.elapsed() < MAX_BATCH {
            match self.events.recv_timeout(self.debounce) {
                Ok(event) => self.add(&mut batch, event),
                Err(_) => break,
            }
        }
        // A change to a source folder's own entry in the root: created, deleted or renamed.
        let tops: BTreeSet<String> = batch
            .paths
            .iter()
            .filter(|p| p.components().count() == 1)
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        self.rewatch(&tops);
        (!batch.is_empty()).then_some(batch)
    }

    fn add(&self, batch: &mut Batch, event: notify::Result<notify::Event>) {
        let event = match event {
            Ok(e) => e,
            Err(_) => {
                batch.rescan = true;
                return;
            }
        };
        if event.need_rescan() {
            batch.rescan = true;
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            let Ok(relative) = path.strip_prefix(&self.root) else {
                continue;
            };
            let top = relative
                .components()
                .next()
                .and_then(|c| c.as_os_str().to_str());
            if top.is_some_and(|t| WATCHED.contains(&t)) {
                batch.paths.insert(relative.to_path_buf());
            }
        }
    }

    /// Watches each source folder that exists and is not watched yet, or whose own entry in the
    /// root just changed (deleted, created or renamed: the old watch is gone or stale).
    fn rewatch(&mut self, changed_tops: &BTreeSet<String>) {
        for name in WATCHED {
            let dir = self.root.join(name);
            let renewed = changed_tops.contains(name);
            if self.watching.contains(name) && !renewed {
                continue;
            }
            if self.watching.remove(name) {
                // Gone already when the folder was deleted; nothing to do then.
                let _ = self.inner.unwatch(&dir);
            }
            if dir.is_dir() && self.inner.watch(&dir, RecursiveMode::Recursive).is_ok() {
                self.watching.insert(name);
            }
        }
    }
}
