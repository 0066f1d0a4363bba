//! Progress of long work shown to a person: a bar (indicatif) when stderr is a terminal, a
//! plain line every tenth of the way otherwise (CI logs, pipes), and nothing for work too
//! small to wait for.
//!
//! A [`Progress`] is `Sync`: worker threads share one and call [`Progress::inc`]. It only
//! reports; it never decides what the work is or whether it failed.

use std::io::{IsTerminal, Write};
use std::sync::{Mutex, PoisonError};

/// Below this many items the work is over before a person would look: show nothing.
pub const MIN_ITEMS: u64 = 20;

/// Builds of fewer documents or pages than this are over in a second or two: a build shows
/// progress only from here on.
pub const BIG_SITE: usize = 1000;

/// Makes the progress display for a number of files.
type MakeProgress = Box<dyn Fn(usize) -> Progress + Send + Sync>;

/// A sink that passes every file on and counts it on a progress display, once the render
/// says how many files are coming ([`crate::render::Sink::expect`]).
pub struct Shown<'a> {
    inner: &'a dyn crate::render::Sink,
    make: MakeProgress,
    progress: std::sync::OnceLock<Progress>,
}

impl<'a> Shown<'a> {
    /// Progress on stderr for [`BIG_SITE`] files or more; `label` `None` shows nothing.
    pub fn new(inner: &'a dyn crate::render::Sink, label: Option<&'static str>) -> Self {
        Shown::with(inner, Box::new(move |files| Progress::big(label, files)))
    }

    pub fn with(inner: &'a dyn crate::render::Sink, make: MakeProgress) -> Self {
        Shown {
            inner,
            make,
            progress: std::sync::OnceLock::new(),
        }
    }
}

impl crate::render::Sink for Shown<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) {
        self.inner.put(path, bytes);
        if let Some(progress) = self.progress.get() {
            progress.inc(1);
        }
    }

    fn expect(&self, files: usize) {
        self.inner.expect(files);
        let _ = self.progress.set((self.make)(files));
    }
}

/// How far some work has got, shown as it goes.
pub struct Progress(Mode);

enum Mode {
    Silent,
    Bar(indicatif::ProgressBar),
    Lines(Mutex<Lines>),
}

/// Plain-line mode: `label: done/total`, when `done` passes a multiple of `step`.
struct Lines {
    label: String,
    total: u64,
    step: u64,
    done: u64,
    out: Box<dyn Write + Send>,
}

impl Progress {
    /// Progress of `total` items labelled `label` (e.g. `checking external links`), on stderr:
    /// a bar on a terminal, plain lines elsewhere, nothing when `total` is small.
    pub fn stderr(label: &str, total: usize) -> Self {
        let total = total as u64;
        if total < MIN_ITEMS {
            return Progress::silent();
        }
        if std::io::stderr().is_terminal() {
            let style = indicatif::ProgressStyle::with_template(
                "{msg}: [{bar:30}] {pos}/{len} (about {eta} left)",
            )
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            let bar = indicatif::ProgressBar::new(total)
                .with_style(style)
                .with_message(label.to_owned());
            return Progress(Mode::Bar(bar));
        }
        Progress::lines(label, total as usize, Box::new(std::io::stderr()))
    }

    /// Plain lines to `out`, at most one per tenth of `total` (and the last), or nothing when
    /// `total` is small.
    pub fn lines(label: &str, total: usize, out: Box<dyn Write + Send>) -> Self {
        let total = total as u64;
        if total < MIN_ITEMS {
            return Progress::silent();
        }
        Progress(Mode::Lines(Mutex::new(Lines {
            label: label.to_owned(),
            total,
            step: total.div_ceil(10),
            done: 0,
            out,
        })))
    }

    /// Progress on stderr for a build's work on [`BIG_SITE`] items or more; nothing for
    /// fewer, or when `label` is `None` (not asked for).
    pub fn big(label: Option<&str>, items: usize) -> Self {
        match label {
            Some(label) if items >= BIG_SITE => Progress::stderr(label, items),
            _ => Progress::silent(),
        }
    }

    /// Shows nothing.
    pub fn silent() -> Self {
        Progress(Mode::Silent)
    }

    /// `n` more items are done.
    pub fn inc(&self, n: u64) {
        match &self.0 {
            Mode::Silent => {}
            Mode::Bar(bar) => bar.inc(n),
            Mode::Lines(lines) => {
                // Counted and printed under one lock, so lines never appear out of order.
                let mut lines = lines.lock().unwrap_or_else(PoisonError::into_inner);
                let before = lines.done;
                lines.done = (before + n).min(lines.total);
                let done = lines.done;
                if done > before && (done / lines.step > before / lines.step || done == lines.total)
                {
                    let line = format!("{}: {done}/{}\n", lines.label, lines.total);
                    // Progress is a courtesy: a closed stderr must not stop the work.
                    let _ = lines.out.write_all(line.as_bytes());
                    let _ = lines.out.flush();
                }
            }
        }
    }

    /// The work is over: removes the bar, so that what is printed next starts on a clean line.
    pub fn finish(&self) {
        if let Mode::Bar(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A writer the test can read back.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Shared {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    fn assert_sync<T: Sync + Send>() {}

    #[test]
    fn a_shown_sink_passes_files_on_and_counts_them() {
        use crate::render::Sink;
        let out = Shared::default();
        let written = out.clone();
        let collect = crate::render::Collect::default();
        let shown = Shown::with(
            &collect,
            Box::new(move |files| {
                Progress::lines("rendering pages", files, Box::new(written.clone()))
            }),
        );
        shown.expect(20);
        for n in 0..20 {
            shown.put(format!("{n}.html"), vec![b'x']);
        }
        drop(shown);
        assert_eq!(collect.into_files().len(), 20);
        let text = out.text();
        assert!(text.starts_with("rendering pages: 2/20\n"), "{text}");
        assert!(text.ends_with("rendering pages: 20/20\n"), "{text}");
        assert_eq!(text.lines().count(), 10);
    }

    #[test]
    fn is_shared_between_threads() {
        assert_sync::<Progress>();
    }

    #[test]
    fn plain_lines_every_tenth() {
        let out = Shared::default();
        let progress = Progress::lines("checking external links", 120, Box::new(out.clone()));
        for _ in 0..120 {
            progress.inc(1);
        }
        let expected: String = (1..=10)
            .map(|i| format!("checking external links: {}/120\n", i * 12))
            .collect();
        assert_eq!(out.text(), expected);
    }

    #[test]
    fn plain_lines_end_on_the_total_and_count_big_steps_once() {
        let out = Shared::default();
        let progress = Progress::lines("x", 25, Box::new(out.clone()));
        progress.inc(2);
        progress.inc(7);
        progress.inc(16);
        progress.inc(5);
        assert_eq!(out.text(), "x: 9/25\nx: 25/25\n");
    }

    #[test]
    fn plain_lines_from_many_threads_are_in_order() {
        let out = Shared::default();
        let progress = Progress::lines("x", 40, Box::new(out.clone()));
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..10 {
                        progress.inc(1);
                    }
                });
            }
        });
        let expected: String = (1..=10).map(|i| format!("x: {}/40\n", i * 4)).collect();
        assert_eq!(out.text(), expected);
    }

    #[test]
    fn small_work_shows_nothing() {
        let out = Shared::default();
        let progress = Progress::lines("x", 19, Box::new(out.clone()));
        for _ in 0..19 {
            progress.inc(1);
        }
        assert_eq!(out.text(), "");
    }
}
