//! The links and anchors of one HTML page, read with html5ever's tokenizer, so that entities,
//! unquoted attributes and raw-text elements are read as a browser reads them.

use std::cell::RefCell;
use std::collections::BTreeSet;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// A reference found in a page.
#[derive(Debug)]
pub(super) struct Reference {
    pub value: String,
    /// Loaded by the page (`src`, a stylesheet) rather than followed by the reader.
    pub asset: bool,
}

#[derive(Debug, Default)]
pub(super) struct Scan {
    pub ids: BTreeSet<String>,
    pub references: Vec<Reference>,
}

/// Collects a page's element ids and the URLs in its attributes, with html5ever's tokenizer
/// (so entities, unquoted attributes and raw-text elements are read as a browser reads them).
pub(super) fn scan(html: &str) -> Scan {
    let sink = Collector(RefCell::new(Scan::default()));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

struct Collector(RefCell<Scan>);

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let name: &str = &tag.name;
        let attr = |wanted: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == wanted)
                .map(|a| a.value.to_string())
        };
        let mut scan = self.0.borrow_mut();
        if let Some(id) = attr("id") {
            scan.ids.insert(id);
        }
        if name == "a"
            && let Some(anchor) = attr("name")
        {
            scan.ids.insert(anchor);
        }
        let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
        for a in &tag.attrs {
            let value = a.value.to_string();
            match &*a.name.local {
                "href" if name == "a" || name == "area" => scan.references.push(Reference {
                    value,
                    asset: false,
                }),
                // Alternates and canonical links are absolute URLs for other sites' use.
                "href" if name == "link" && !rel.contains("canonical") => {
                    scan.references.push(Reference {
                        value,
                        asset: !rel.contains("alternate"),
                    })
                }
                "src" | "poster" => scan.references.push(Reference { value, asset: true }),
                "srcset" => scan
                    .references
                    .extend(value.split(',').filter_map(|candidate| {
                        let url = candidate.split_whitespace().next()?;
                        Some(Reference {
                            value: url.to_owned(),
                            asset: true,
                        })
                    })),
                _ => {}
            }
        }
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "noscript" => TokenSinkResult::RawData(RawKind::Rawtext),
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_ids_and_references() {
        let found = scan(
            "<html><head><link rel=stylesheet href=s.css><link rel=canonical href=https://x/>\
             <script src=a.js></script><style>a{b:url(<x>)}</style></head><body>\
             <h2 id=next-steps>N</h2><a href=\"#next-steps\">a</a><a href=x/?a=1&amp;b=2>b</a>\
             <img src=p.jpg srcset=\"p-1.jpg 1x, p-2.jpg 2x\" alt=\"\"></body></html>",
        );
        assert!(found.ids.contains("next-steps"));
        let values: Vec<(&str, bool)> = found
            .references
            .iter()
            .map(|r| (r.value.as_str(), r.asset))
            .collect();
        assert_eq!(
            values,
            [
                ("s.css", true),
                ("a.js", true),
                ("#next-steps", false),
                ("x/?a=1&b=2", false),
                ("p.jpg", true),
                ("p-1.jpg", true),
                ("p-2.jpg", true),
            ]
        );
    }
}
