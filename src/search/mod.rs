//! Searching: query parsing, ranking, snippets and grouping.
//!
//! Input: a query string in the language of [`SearchRequest`] and an open index. Output:
//! [`SearchResults`], ranked [`SearchHit`]s with highlighted [`Snippet`]s, serialisable
//! with serde.
//!
//! Ranking is BM25 over the title (weighted ×2) and body, plus a bonus when the words of a
//! query stand together as in the query.

mod facets;
mod query;
mod snippet;

use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

pub(crate) use facets::{DateSpan, ValueCounts, top};
pub use snippet::Snippet;

use crate::analysis::{Analyzer, Segmentation, normalize};
use crate::extract::Aliases;
use crate::index::{Fields, to_tantivy_date};
use crate::{Error, Result};
use query::{Expr, KeywordField};

/// Weight of a title match relative to a body match.
const TITLE_BOOST: f32 = 2.0;
/// Weight of the bonus for query words that stand together in the text.
const PROXIMITY_BOOST: f32 = 0.5;
/// Characters in a body snippet.
const SNIPPET_CHARS: usize = 120;

/// A search: the query and which page of results to return.
///
/// The query language: words (all required; `二十大精神 科协`), `"exact phrase"`, `A OR B`,
/// `-excluded`, parentheses, and the filters `title:`, `person:`, `department:` (or
/// `dept:`) and `date:` (`2022`, `2022-12`, `2022-11-01..2022-12-31`, `..2022-06-30`).
///
/// ```
/// let request = zhsearch::SearchRequest::new("二十大精神").limit(20).offset(20);
/// assert_eq!((request.limit, request.offset), (20, 20));
/// assert_eq!(zhsearch::SearchRequest::new("x").limit, 10);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query string.
    pub query: String,
    /// How many hits to return. By default, 10.
    pub limit: usize,
    /// How many of the best hits to pass over first. By default, 0.
    pub offset: usize,
}

impl SearchRequest {
    /// A request for the first 10 hits of `query`.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            offset: 0,
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
    /// Persons named.
    pub persons: Vec<String>,
    /// Its URL, if known.
    pub url: Option<String>,
    /// The file (and line) it was indexed from.
    pub source: Option<String>,
    /// BM25-based relevance; higher is better.
    pub score: f32,
    /// The passage of the body that best shows the query, matches highlighted
    /// (serialised as HTML with `<b>`).
    pub snippet: Snippet,
    /// The title with matches highlighted.
    #[serde(skip)]
    pub title_snippet: Snippet,
}

/// A page of hits and the number of all matching documents.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// How many documents match in all.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<SearchHit>,
}

/// A query compiled for one index, with the strings to highlight.
pub(crate) struct Compiled {
    pub query: Box<dyn Query>,
    pub needles: Vec<Vec<char>>,
}

/// Parses and compiles `query` for the fields of an index.
pub(crate) fn compile(
    query: &str,
    fields: &Fields,
    analyzer: &Analyzer,
    aliases: &Aliases,
) -> Result<Compiled> {
    let expr = query::parse(query)?;
    let mut compiler = Compiler {
        fields,
        analyzer,
        aliases,
        needles: Vec::new(),
    };
    let query = compiler.expr(&expr, false)?;
    let mut needles: Vec<Vec<char>> = compiler
        .needles
        .into_iter()
        .map(|n| n.chars().collect())
        .collect();
    needles.sort();
    needles.dedup();
    Ok(Compiled { query, needles })
}

pub(crate) fn run(
    searcher: &Searcher,
    fields: &Fields,
    compiled: &Compiled,
    request: &SearchRequest,
) -> Result<SearchResults> {
    let query = compiled.query.as_ref();
    // No page can hold more hits than the index has documents: clamping keeps a huge
    // `limit` from sizing the collector's heap.
    let wanted = request
        .limit
        .min((searcher.num_docs() as usize).saturating_sub(request.offset));
    if wanted == 0 {
        let total = searcher.search(query, &Count)?;
        return Ok(SearchResults {
            total,
            hits: Vec::new(),
        });
    }
    let top = TopDocs::with_limit(wanted)
        .and_offset(request.offset)
        .order_by_score();
    let (total, found) = searcher.search(query, &(Count, top))?;
    let mut hits = Vec::with_capacity(found.len());
    for (score, address) in found {
        let stored: tantivy::TantivyDocument = searcher.doc(address)?;
        let doc = crate::index::from_tantivy(&stored, fields);
        hits.push(SearchHit {
            snippet: snippet::make(&doc.body, &compiled.needles, SNIPPET_CHARS),
            title_snippet: snippet::make(&doc.title, &compiled.needles, usize::MAX),
            date: doc.date_string(),
            id: doc.id,
            title: doc.title,
            department: doc.department,
            persons: doc.persons,
            url: doc.url,
            source: doc.source,
            score,
        });
    }
    Ok(SearchResults { total, hits })
}

struct Compiler<'a> {
    fields: &'a Fields,
    analyzer: &'a Analyzer,
    aliases: &'a Aliases,
    needles: Vec<String>,
}

impl Compiler<'_> {
    fn expr(&mut self, expr: &Expr, negated: bool) -> Result<Box<dyn Query>> {
        Ok(match expr {
            Expr::Or(alternatives) => {
                let clauses = alternatives
                    .iter()
                    .map(|e| Ok((Occur::Should, self.expr(e, negated)?)))
                    .collect::<Result<Vec<_>>>()?;
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::And(parts) => {
                let mut clauses = Vec::with_capacity(parts.len() + 1);
                for part in parts {
                    clauses.push(match part {
                        Expr::Not(inner) => (Occur::MustNot, self.expr(inner, !negated)?),
                        part => (Occur::Must, self.expr(part, negated)?),
                    });
                }
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::Not(inner) => {
                let excluded = self.expr(inner, !negated)?;
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (Occur::MustNot, excluded),
                ]))
            }
            Expr::Words {
                text,
                title_only,
                position,
            } => self.words(text, *title_only, *position, negated, false)?,
            Expr::Phrase {
                text,
                title_only,
                position,
            } => self.words(text, *title_only, *position, negated, true)?,
            Expr::Keyword { field, value } => {
                let field_kind = *field;
                let field = match field {
                    KeywordField::Department => self.fields.department,
                    KeywordField::Person => self.fields.persons,
                };
                let value = value.trim();
                // `department:中央政治局` finds what extraction stored as 中共中央政治局.
                let canonical = match field_kind {
                    KeywordField::Department => self.aliases.canonical(value, &[]),
                    KeywordField::Person => value.to_string(),
                };
                let mut values = vec![value.to_string()];
                if canonical != value {
                    values.push(canonical);
                }
                let clauses: Vec<(Occur, Box<dyn Query>)> = values
                    .iter()
                    .map(|v| {
                        let term = Term::from_field_text(field, v);
                        let query: Box<dyn Query> =
                            Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                        (Occur::Should, query)
                    })
                    .collect();
                filter(BooleanQuery::new(clauses))
            }
            Expr::Dates { from, to } => {
                let bound = |date: &Option<chrono::NaiveDateTime>, inclusive: bool| match date {
                    Some(date) => {
                        let term = Term::from_field_date(self.fields.date, to_tantivy_date(*date));
                        if inclusive {
                            Bound::Included(term)
                        } else {
                            Bound::Excluded(term)
                        }
                    }
                    None => Bound::Unbounded,
                };
                filter(RangeQuery::new(bound(from, true), bound(to, false)))
            }
        })
    }

    /// Words of `text`, all required (`exact`: in that order, next to each other).
    fn words(
        &mut self,
        text: &str,
        title_only: bool,
        position: usize,
        negated: bool,
        exact: bool,
    ) -> Result<Box<dyn Query>> {
        let words = self.analyzer.segment(text, Segmentation::Query);
        if words.is_empty() {
            return Err(Error::query(
                position,
                format!("no searchable words in `{text}`"),
            ));
        }
        if !negated {
            self.needles.extend(words.iter().map(|w| w.text.clone()));
            if exact {
                self.needles.push(normalize(text.trim()));
            }
        }
        let fields: &[(Field, f32)] = if title_only {
            &[(self.fields.title, 1.0)]
        } else {
            &[(self.fields.title, TITLE_BOOST), (self.fields.body, 1.0)]
        };
        let phrase = |field: Field, boost: f32| -> Box<dyn Query> {
            let terms = words
                .iter()
                .map(|w| (w.position, Term::from_field_text(field, &w.text)))
                .collect();
            Box::new(BoostQuery::new(
                Box::new(PhraseQuery::new_with_offset(terms)),
                boost,
            ))
        };
        if exact && words.len() > 1 {
            let alternatives = fields
                .iter()
                .map(|&(field, boost)| (Occur::Should, phrase(field, boost)))
                .collect();
            return Ok(Box::new(BooleanQuery::new(alternatives)));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in &words {
            let per_field = fields
                .iter()
                .map(|&(field, boost)| {
                    let term = TermQuery::new(
                        Term::from_field_text(field, &word.text),
                        IndexRecordOption::WithFreqs,
                    );
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(term), boost)) as Box<dyn Query>,
                    )
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(per_field))));
        }
        if words.len() > 1 {
            for &(field, boost) in fields {
                clauses.push((Occur::Should, phrase(field, boost * PROXIMITY_BOOST)));
            }
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }
}

/// A query that selects without affecting the score.
fn filter(query: impl Query) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(query), 0.0))
}
