//! zhsearch: full-text search for Chinese political-meeting reports.
//!
//! The modules are layers, each using only those below it (`ARCHITECTURE.md` draws them):
//!
//! - ground: [`text`] (character classes, word lists, the alias table), [`analysis`]
//!   (normalisation, jieba segmentation, bigrams, near-duplicate sketches), [`Document`],
//!   [`Error`];
//! - inputs: [`ingest`] (find, sniff and decode files) and [`extract`] (page to clean
//!   article with date, departments and persons);
//! - store: [`index`] (tantivy schema, settings and the store that writes documents);
//! - write side: [`pipeline`] (a batch through ingest, extract and the store); read side:
//!   [`search`] (query language, ranking, snippets, facets, collapsing);
//! - facade: [`Engine`], which opens an index and hands each part its collaborators;
//!   [`export`] writes hits as CSV; with the `serve` feature, [`http`] serves the search
//!   page and JSON API over an `Engine`.
//!
//! ```
//! # fn main() -> zhsearch::Result<()> {
//! use zhsearch::{Document, Engine, SearchRequest};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let engine = Engine::create(dir.path(), Default::default())?;
//! engine.add_documents([
//!     Document::new("滨海市召开新质生产力推进会", "会议强调，要因地制宜发展新质生产力。")
//!         .with_date("2024-03-01".parse().unwrap())
//!         .with_department("滨海市人民政府"),
//!     Document::new("市科协传达学习全会精神", "会议传达学习党的二十大精神。"),
//! ])?;
//!
//! let results = engine.search(&SearchRequest::new("新质生产力"))?;
//! assert_eq!(results.total, 1);
//! let hit = &results.hits[0];
//! assert_eq!(hit.date.as_deref(), Some("2024-03-01"));
//! assert!(hit.snippet.to_html().contains("<b>新质生产力</b>"));
//! # Ok(()) }
//! ```
#![deny(missing_docs)]
#![doc(test(attr(deny(warnings))))]

pub mod analysis;
mod document;
mod engine;
mod error;
pub mod export;
pub mod extract;
#[cfg(feature = "serve")]
pub mod http;
pub mod index;
pub mod ingest;
pub mod pipeline;
pub mod sample;
pub mod search;
mod shards;
pub mod text;

pub use document::{Document, Meeting, PersonRole, format_date};
pub use engine::{DateRange, Engine, Stats};
pub use error::{Error, Problem, Result, SourceRef};
pub use index::Settings;
pub use pipeline::{IndexReport, Indexer, Progress};
pub use search::{
    Expansion, FacetCount, Facets, HitGroup, Ranking, Relaxation, SearchHit, SearchRequest,
    SearchResults, Snippet, SortOrder, Suggestion,
};
pub use shards::{MergeReport, merge_shards};
