//! The dev server's memory of rendered pages, so that a rebuild runs the templates and the
//! minifier only for pages whose input changed.
//!
//! A page's bytes (and the problems found in them) depend on its output path, its template,
//! its view, and on things every page shares: the theme's templates and files, the render
//! options, the site's own host and allowed hosts, and the UI strings. The shared part is
//! summed up in a salt; when it changes the memory is dropped. The view is compared as its
//! full JSON text, so a hit gives exactly the bytes a fresh render would.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;

/// One rendered page: minified bytes, the problems its HTML showed, and digests of the
/// rendered Markdown it shows.
pub(super) type Page = (Vec<u8>, Vec<Diagnostic>, Vec<u64>);

#[derive(Debug, Default)]
pub struct PageMemo {
    salt: String,
    /// By output path: the template and view JSON it was rendered from, and the result.
    pages: HashMap<String, (String, Page)>,
    /// Output paths of the pages that show each piece of rendered Markdown, by digest.
    showing: HashMap<u64, Vec<String>>,
    reused: usize,
    rendered: usize,
}

/// Pages reused and rendered by the last render.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageStats {
    pub reused: usize,
    pub rendered: usize,
}

impl PageMemo {
    pub fn new() -> PageMemo {
        PageMemo::default()
    }

    /// Forgets everything when what all pages share has changed.
    pub(super) fn begin(&mut self, salt: String) {
        if salt != self.salt {
            self.pages.clear();
            self.salt = salt;
        }
    }

    pub(super) fn get(&self, path: &str, key: &str) -> Option<&Page> {
        self.pages
            .get(path)
            .filter(|(k, _)| k == key)
            .map(|(_, page)| page)
    }

    /// Keeps exactly the pages of the render just finished.
    pub(super) fn end(&mut self, pages: HashMap<String, (String, Page)>, reused: usize) {
        self.rendered = pages.len() - reused.min(pages.len());
        self.reused = reused;
        self.pages = pages;
        self.showing.clear();
        for (path, (_, (_, _, bodies))) in &self.pages {
            for digest in bodies {
                self.showing.entry(*digest).or_default().push(path.clone());
            }
        }
        for paths in self.showing.values_mut() {
            paths.sort();
        }
    }

    /// The pages of the last render that show this rendered Markdown.
    pub fn pages_showing(&self, html: &str) -> &[String] {
        self.showing
            .get(&super::body_digest(html))
            .map_or(&[], Vec::as_slice)
    }

    /// Forgets pages rendered outside a full render (their entries no longer match), and
    /// records which Markdown they now show.
    pub(super) fn replaced(&mut self, path: &str, bodies: &[u64]) {
        self.pages.remove(path);
        for digest in bodies {
            let paths = self.showing.entry(*digest).or_default();
            if !paths.iter().any(|p| p == path) {
                paths.push(path.to_owned());
            }
        }
    }

    pub fn stats(&self) -> PageStats {
        PageStats {
            reused: self.reused,
            rendered: self.rendered,
        }
    }
}

/// A fingerprint of byte strings, each length-prefixed so that no two lists collide by
/// concatenation.
pub(super) fn salt<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
