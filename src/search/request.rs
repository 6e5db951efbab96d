//! What a search asks for and what it answers: [`SearchRequest`] (query, page, order,
//! grouping, [`Ranking`]) and [`SearchResults`] of [`SearchHit`]s, serialisable with serde.

use serde::Serialize;

use super::{Facets, Snippet};
use crate::Meeting;

/// A search: the query, the order and page of hits, and whether to group the results.
///
/// The query language: words (all required; `二十大精神 科协`), `"exact phrase"`, `A OR B`,
/// `-excluded`, parentheses, and the filters `title:`, `person:`, `department:` (or
/// `dept:`), `meeting:` (a series, by any of its names) and `date:` (`2022`, `2022-12`, `2022-11-01..2022-12-31`, `..2022-06-30`).
///
/// ```
/// use zhsearch::{SearchRequest, SortOrder};
/// let request = SearchRequest::new("二十大精神").limit(20).offset(20).sort(SortOrder::Date);
/// assert_eq!((request.limit, request.offset), (20, 20));
/// let default = SearchRequest::new("x");
/// assert_eq!((default.limit, default.sort, default.facets), (10, SortOrder::Relevance, None));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query string.
    pub query: String,
    /// How many hits to return. By default, 10.
    pub limit: usize,
    /// How many of the best hits to pass over first. By default, 0.
    pub offset: usize,
    /// The order of the hits. By default, by relevance.
    pub sort: SortOrder,
    /// Group the whole result set, keeping this many top departments, meeting series and
    /// persons. By default, `None`: no grouping.
    pub facets: Option<usize>,
    /// How relevance is scored. By default, [`Ranking::Refined`].
    pub ranking: Ranking,
    /// One hit per group of near-duplicates (a report and its reposts; see
    /// [`crate::analysis::near_duplicates`]): the group's best hit in the requested order,
    /// with the group's members. The total and the facets then count groups, each by its
    /// hit. By default, no.
    pub collapse: bool,
}

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best first. A query of filters only (`person:李强 date:2024`), which scores no
    /// document above another, lists newest first, as [`SortOrder::Date`].
    #[default]
    Relevance,
    /// Newest first (documents without a date last), the best first within a date.
    Date,
}

/// How relevance is scored; the choice changes the order of hits, never which match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ranking {
    /// BM25 over the words of the title and body, nothing else: the baseline that
    /// evaluations compare against.
    Bm25,
    /// BM25 with title matches weighted above body matches, and a bonus where the text
    /// holds a query word's exact characters or the query's words stand close and in order.
    #[default]
    Refined,
}

impl SearchRequest {
    /// A request for the first 10 hits of `query`, by relevance.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            offset: 0,
            sort: SortOrder::Relevance,
            facets: None,
            ranking: Ranking::Refined,
            collapse: false,
        }
    }

    /// Sets how many hits to return. By default, 10.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Sets how many hits to pass over. By default, 0.
    pub fn offset(mut self, offset: usize) -> Self {
        self.offset = offset;
        self
    }

    /// Sets the order of hits. By default, by relevance.
    pub fn sort(mut self, sort: SortOrder) -> Self {
        self.sort = sort;
        self
    }

    /// Asks for [`Facets`] of the whole result set, with the `top` most frequent
    /// departments, meeting series and persons.
    pub fn facets(mut self, top: usize) -> Self {
        self.facets = Some(top);
        self
    }

    /// Sets how relevance is scored. By default, [`Ranking::Refined`].
    pub fn ranking(mut self, ranking: Ranking) -> Self {
        self.ranking = ranking;
        self
    }

    /// Returns one hit per group of near-duplicates (see [`SearchRequest::collapse`]).
    pub fn collapse(mut self, yes: bool) -> Self {
        self.collapse = yes;
        self
    }
}

/// One matching document.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// The document's id.
    pub id: String,
    /// Its headline.
    pub title: String,
    /// Its date, ISO 8601 (`YYYY-MM-DD`, then `THH:MM:SS` when the time is known).
    pub date: Option<String>,
    /// Departments.
    pub department: Vec<String>,
    /// The meeting the report is about (series and instance), if it is the report of one.
    pub meeting: Option<Meeting>,
    /// Persons named.
    pub persons: Vec<String>,
    /// Its URL, if known.
    pub url: Option<String>,
    /// The file (and line) its content was indexed from, the first of `sources`.
    pub source: Option<String>,
    /// Every file (and line) the story was read from.
    pub sources: Vec<String>,
    /// BM25-based relevance; higher is better.
    pub score: f32,
    /// The passage of the body that best shows the query, matches highlighted
    /// (serialised as HTML with `<b>`).
    pub snippet: Snippet,
    /// The title with matches highlighted.
    #[serde(skip)]
    pub title_snippet: Snippet,
    /// Under [`SearchRequest::collapse`], the group of near-duplicates this hit stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<HitGroup>,
}

/// The near-duplicates a collapsed hit stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HitGroup {
    /// How many matching documents the group holds, the hit included.
    pub size: usize,
    /// The ids of the group's matching documents, the hit's first, then by id.
    pub members: Vec<String>,
}

/// A page of hits, the number of all matching documents, and their grouping if asked.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// How many documents match in all (under [`SearchRequest::collapse`], how many groups).
    pub total: usize,
    /// The requested page of hits, in the requested order.
    pub hits: Vec<SearchHit>,
    /// Counts over the whole result set, when the request asked for them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
    /// The names of the query widened to their other names by the vocabulary.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expansions: Vec<Expansion>,
    /// How the query was relaxed because it matched nothing as written; `None` when it
    /// was not.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub relaxation: Option<Relaxation>,
    /// For a query that matched nothing as written: close forms the index holds of its
    /// words that the index does not hold.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
}

/// A name of the query and the other names of the same concept it also searched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expansion {
    /// The name as typed.
    pub typed: String,
    /// The other names searched for, each weighted below the typed one.
    pub alternatives: Vec<String>,
}

/// What was done to a query that matched nothing as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relaxation {
    /// Always true: serialised as `"relaxed": true` beside the results.
    pub relaxed: bool,
    /// The words dropped, rarest first.
    pub dropped: Vec<String>,
    /// True when, after dropping, any one word of the query was enough (OR).
    pub any_word: bool,
}

/// Words the index holds that are close to a query word it does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The query word that matched nothing, or a filter as `field:value`
    /// (`department:国防部`) whose value no document holds.
    pub word: String,
    /// Close forms, the most frequent first (for a filter, values of its field that hold
    /// the value or that it holds; possibly none).
    pub close_forms: Vec<String>,
}
