//! Searching: query parsing, ranking, snippets and grouping.
//!
//! Input: a query string in the language of [`SearchRequest`] and an open index. Output:
//! [`SearchResults`], ranked [`SearchHit`]s with highlighted [`Snippet`]s, serialisable
//! with serde.
//!
//! Words are matched on jieba's words; quoted phrases on character bigrams, so a phrase
//! finds exactly the texts holding its characters. An unquoted word also matches texts
//! holding its exact characters, however they were segmented. Ranking is BM25 over the
//! title (weighted ×2) and body, plus a bonus where a word's characters stand in a row and
//! where the query's words stand close together in order ([`Ranking`]).
//!
//! The rooms, in the order a search passes them: `request` (what is asked and answered),
//! `query` (parse the query string, compile it to a tantivy query), `execute` (run it:
//! top documents, date order, snippets), `collector` (facet counts and the date span),
//! `snippet` (the highlighted passage).

mod collapse;
mod collector;
mod execute;
mod query;
mod relax;
mod request;
mod snippet;
mod statistics;

pub(crate) use collector::{DateSpan, OrdinalCache, ValueCounts};
pub use collector::{FacetCount, Facets};
pub(crate) use execute::execute;
pub(crate) use query::{Context, compile};
pub(crate) use relax::search as search_relaxed;
pub use request::{
    Expansion, HitGroup, Ranking, Relaxation, SearchHit, SearchRequest, SearchResults, SortOrder,
    Suggestion,
};
pub use snippet::Snippet;
pub(crate) use snippet::make as make_snippet;
pub(crate) use statistics::StatisticsCache;

/// What searching keeps between queries on one index: facet ordinals and corpus
/// statistics, both brought up to date as segments come and go.
#[derive(Debug, Default)]
pub(crate) struct Caches {
    pub ordinals: OrdinalCache,
    pub statistics: StatisticsCache,
}
