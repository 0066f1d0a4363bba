//! The dev server's memory of rendered documents, so that an edit re-renders only the Markdown
//! that changed.
//!
//! A document's HTML depends on its text, its path and first line (which locate its
//! diagnostics), whether raw HTML is allowed, and what each of its `@/` links resolves to —
//! nothing else reaches the renderer. An entry is reused only when all of these are equal:
//! the text is compared in full (no hash to collide) and every link the document asked for is
//! resolved again and must give the same answer, so a page added, removed or moved elsewhere
//! still changes the documents that link to it. The output is therefore exactly what a fresh
//! render would give.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use super::{Input, Rendered};

/// How many documents the last build reused and rendered afresh.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MemoStats {
    pub reused: usize,
    pub rendered: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    path: PathBuf,
    first_line: usize,
    allow_html: bool,
}

#[derive(Debug)]
struct Entry {
    text: String,
    /// Each link target the document resolved, with the answer it got.
    links: Vec<(String, Option<String>)>,
    rendered: Rendered,
}

#[derive(Debug, Default)]
pub(super) struct Memo {
    /// What the last finished build rendered; read-only while a build runs.
    previous: HashMap<Key, Arc<Entry>>,
    /// What this build rendered or reused. Threads only insert, once per document.
    current: Mutex<HashMap<Key, Arc<Entry>>>,
    reused: AtomicUsize,
    rendered: AtomicUsize,
}

impl Memo {
    pub(super) fn render(
        &self,
        input: &Input<'_>,
        render: impl FnOnce(&Input<'_>) -> Rendered,
    ) -> Rendered {
        let key = Key {
            path: input.path.to_path_buf(),
            first_line: input.first_line,
            allow_html: input.allow_html,
        };
        if let Some(entry) = self.previous.get(&key).filter(|e| still_valid(e, input)) {
            self.reused.fetch_add(1, Ordering::Relaxed);
            let rendered = entry.rendered.clone();
            self.remember(key, Arc::clone(entry));
            return rendered;
        }
        let links = Mutex::new(Vec::new());
        let recording = |target: &str| {
            let answer = (input.resolve_link)(target);
            links
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((target.to_owned(), answer.clone()));
            answer
        };
        let rendered = render(&Input {
            resolve_link: &recording,
            ..*input
        });
        self.rendered.fetch_add(1, Ordering::Relaxed);
        let entry = Entry {
            text: input.text.to_owned(),
            links: links.into_inner().unwrap_or_else(PoisonError::into_inner),
            rendered: rendered.clone(),
        };
        self.remember(key, Arc::new(entry));
        rendered
    }

    fn remember(&self, key: Key, entry: Arc<Entry>) {
        self.current
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, entry);
    }

    /// Keeps what this build used. A build that rendered nothing (its config failed, say)
    /// keeps the previous memory instead, so the next good build need not start cold.
    pub(super) fn end_build(&mut self) -> MemoStats {
        let current = std::mem::take(
            self.current
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner),
        );
        if !current.is_empty() {
            self.previous = current;
        }
        MemoStats {
            reused: self.reused.swap(0, Ordering::Relaxed),
            rendered: self.rendered.swap(0, Ordering::Relaxed),
        }
    }
}

fn still_valid(entry: &Entry, input: &Input<'_>) -> bool {
    entry.text == input.text
        && entry
            .links
            .iter()
            .all(|(target, answer)| (input.resolve_link)(target) == *answer)
}

#[cfg(test)]
mod tests {
    use super::super::Markdown;
    use super::*;
    use std::path::Path;

    fn render(md: &Markdown, text: &str, target: Option<&str>) -> Rendered {
        let resolve = |_: &str| target.map(str::to_owned);
        md.render(&Input {
            text,
            path: Path::new("content/a.en.md"),
            first_line: 3,
            allow_html: false,
            resolve_link: &resolve,
        })
    }

    #[test]
    fn reuses_only_what_is_unchanged() {
        let mut md = Markdown::with_memo();
        let plain = Markdown::new();
        let text = "# Hi\n\nSee [there](@/b.md).\n";
        let first = render(&md, text, Some("../b/"));
        assert_eq!(
            md.end_build(),
            MemoStats {
                reused: 0,
                rendered: 1
            }
        );

        let again = render(&md, text, Some("../b/"));
        assert_eq!(again, first);
        assert_eq!(
            md.end_build(),
            MemoStats {
                reused: 1,
                rendered: 0
            }
        );

        // The link target moved: the same text must render again, as a fresh renderer would.
        let moved = render(&md, text, Some("../c/"));
        assert_eq!(moved, render(&plain, text, Some("../c/")));
        assert_ne!(moved, first);
        assert_eq!(
            md.end_build(),
            MemoStats {
                reused: 0,
                rendered: 1
            }
        );

        // The target vanished: a broken-link diagnostic, exactly as without the memo.
        let gone = render(&md, text, None);
        assert_eq!(gone, render(&plain, text, None));
        assert!(!gone.diagnostics.is_empty());

        let edited = render(&md, "# Hi\n\nChanged.\n", None);
        assert_eq!(edited, render(&plain, "# Hi\n\nChanged.\n", None));
    }
}
