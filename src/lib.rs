//! zhsearch: full-text search for Chinese political-meeting reports.
//!
//! The pipeline, one module per stage: [`ingest`] (find and decode files) → [`extract`]
//! (page to clean article with date, departments and persons) → [`analysis`] (jieba
//! segmentation) → [`index`] (tantivy schema and batch indexer) → [`search`] (query
//! language, ranking, snippets). [`Engine`] ties them together. [`export`] writes hits as
//! CSV; with the `serve` feature, [`http`] serves the search page and JSON API.
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
pub mod sample;
pub mod search;

pub use document::{Document, PersonRole, format_date};
pub use engine::{Engine, Stats};
pub use error::{Error, Problem, Result, SourceRef};
pub use index::{IndexReport, Indexer, Progress, Settings};
pub use search::{
    FacetCount, Facets, Ranking, SearchHit, SearchRequest, SearchResults, Snippet, SortOrder,
};
