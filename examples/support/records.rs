//! A record of a JSON Lines corpus extracted as the indexer would, for the evaluation
//! programs that compare extracted fields.

use zhsearch::extract::Extractor;
use zhsearch::ingest::{Input, InputKind};
use zhsearch::{Document, SourceRef};

/// The record `text`, line `line` (1-based) of `corpus`, extracted; an error is printed
/// (it names the file and line) and gives `None`.
pub fn extract(extractor: &Extractor, corpus: &str, line: u64, text: &str) -> Option<Document> {
    let input = Input {
        source: SourceRef::line(corpus, line),
        kind: InputKind::JsonLines,
        text: text.to_string(),
    };
    extractor
        .extract(&input)
        .map_err(|err| eprintln!("{err}"))
        .ok()
}
