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

mod either;
mod facets;
mod query;
mod snippet;

use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhrasePrefixQuery, PhraseQuery,
    Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, Searcher, SegmentReader, Term};

pub(crate) use facets::{DateSpan, FacetCollector, OrdinalCache, ValueCounts};
pub use facets::{FacetCount, Facets};
pub use snippet::Snippet;
pub(crate) use snippet::make as make_snippet;

use crate::analysis::{Analyzer, Segmentation, normalize, phrase_grams};
use crate::extract::Aliases;
use crate::index::{Fields, to_tantivy_date};
use crate::{Error, Result};
use either::EitherQuery;
use query::{Expr, KeywordField};

/// Weight of a title match relative to a body match.
const TITLE_BOOST: f32 = 2.0;
/// Weight of the bonus for query words that stand together in the text.
const PROXIMITY_BOOST: f32 = 0.5;
/// How many words may stand between the query's words for the nearness bonus.
const NEAR_SLOP: u32 = 8;
/// Characters in a body snippet.
const SNIPPET_CHARS: usize = 120;

/// A search: the query, the order and page of hits, and whether to group the results.
///
/// The query language: words (all required; `二十大精神 科协`), `"exact phrase"`, `A OR B`,
/// `-excluded`, parentheses, and the filters `title:`, `person:`, `department:` (or
/// `dept:`) and `date:` (`2022`, `2022-12`, `2022-11-01..2022-12-31`, `..2022-06-30`).
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
    /// Group the whole result set, keeping this many top departments and persons. By
    /// default, `None`: no grouping.
    pub facets: Option<usize>,
    /// How relevance is scored. By default, [`Ranking::Refined`].
    pub ranking: Ranking,
}

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best first.
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
    /// departments and persons.
    pub fn facets(mut self, top: usize) -> Self {
        self.facets = Some(top);
        self
    }

    /// Sets how relevance is scored. By default, [`Ranking::Refined`].
    pub fn ranking(mut self, ranking: Ranking) -> Self {
        self.ranking = ranking;
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

/// A page of hits, the number of all matching documents, and their grouping if asked.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// How many documents match in all.
    pub total: usize,
    /// The requested page of hits, in the requested order.
    pub hits: Vec<SearchHit>,
    /// Counts over the whole result set, when the request asked for them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
}

/// A query compiled for one index, with the strings to highlight.
pub(crate) struct Compiled {
    pub query: Box<dyn Query>,
    pub needles: Vec<Vec<char>>,
}

/// Parses and compiles `query` for the fields of an index.
pub(crate) fn compile(
    query: &str,
    ranking: Ranking,
    fields: &Fields,
    analyzer: &Analyzer,
    aliases: &Aliases,
) -> Result<Compiled> {
    let expr = query::parse(query)?;
    let mut compiler = Compiler {
        fields,
        analyzer,
        aliases,
        ranking,
        needles: Vec::new(),
        sought: false,
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
    ordinals: &OrdinalCache,
    compiled: &Compiled,
    request: &SearchRequest,
) -> Result<SearchResults> {
    let query = compiled.query.as_ref();
    // No page can hold more hits than the index has documents: clamping keeps a huge
    // `limit` from sizing the collector's heap.
    let wanted = request
        .limit
        .min((searcher.num_docs() as usize).saturating_sub(request.offset));
    let facets = match request.facets {
        Some(top) => Some(FacetCollector::new(&*ordinals.for_searcher(searcher)?, top)),
        None => None,
    };
    if wanted == 0 {
        let (total, facets) = searcher.search(query, &(Count, facets))?;
        return Ok(SearchResults {
            total,
            hits: Vec::new(),
            facets,
        });
    }
    let top = TopDocs::with_limit(wanted).and_offset(request.offset);
    let (total, found, facets) = match request.sort {
        SortOrder::Relevance => searcher.search(query, &(Count, top.order_by_score(), facets))?,
        SortOrder::Date => {
            let by_date = top.tweak_score(|segment: &SegmentReader| {
                let dates = segment.fast_fields().date("date").ok();
                move |doc: DocId, score: Score| {
                    let date = dates.as_ref().and_then(|column| column.first(doc));
                    (date.map_or(i64::MIN, |d| d.into_timestamp_secs()), score)
                }
            });
            let (total, found, facets) = searcher.search(query, &(Count, by_date, facets))?;
            let found = found
                .into_iter()
                .map(|((_, score), address)| (score, address))
                .collect();
            (total, found, facets)
        }
    };
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
    Ok(SearchResults {
        total,
        hits,
        facets,
    })
}

struct Compiler<'a> {
    fields: &'a Fields,
    analyzer: &'a Analyzer,
    aliases: &'a Aliases,
    ranking: Ranking,
    needles: Vec<String>,
    /// True while compiling a part that other parts narrow down (a conjunct of an `And`,
    /// or an exclusion): its documents will be sought, not walked.
    sought: bool,
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
                let required = parts.iter().filter(|p| !matches!(p, Expr::Not(_))).count();
                let outer = self.sought;
                let mut clauses = Vec::with_capacity(parts.len() + 1);
                for part in parts {
                    clauses.push(match part {
                        Expr::Not(inner) => {
                            (Occur::MustNot, self.sought_expr(inner, !negated, true)?)
                        }
                        part => (
                            Occur::Must,
                            self.sought_expr(part, negated, outer || required > 1)?,
                        ),
                    });
                }
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                if !negated && let Some(near) = self.near(parts) {
                    clauses.push((Occur::Should, near));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::Not(inner) => {
                let excluded = self.sought_expr(inner, !negated, true)?;
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (Occur::MustNot, excluded),
                ]))
            }
            Expr::Words {
                text,
                title_only,
                position,
            } => self.words(text, *title_only, *position, negated)?,
            Expr::Phrase {
                text, title_only, ..
            } => {
                if !negated {
                    self.needles.push(normalize(text));
                }
                self.phrase(text, *title_only, 1.0)
            }
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

    /// [`Compiler::expr`] with [`Compiler::sought`] set to `sought` for that part only.
    fn sought_expr(&mut self, expr: &Expr, negated: bool, sought: bool) -> Result<Box<dyn Query>> {
        let outer = std::mem::replace(&mut self.sought, sought);
        let query = self.expr(expr, negated);
        self.sought = outer;
        query
    }

    /// Documents matching any of `parts`, scored by the sum of the matching ones. A part
    /// that will be sought is an [`EitherQuery`], which evaluates its parts only at the
    /// documents asked for; one that will be walked is a `BooleanQuery`, whose buffered
    /// union walks faster.
    fn union(&self, parts: Vec<Box<dyn Query>>) -> Box<dyn Query> {
        if self.sought {
            Box::new(EitherQuery::new(parts))
        } else {
            Box::new(BooleanQuery::new(
                parts
                    .into_iter()
                    .map(|part| (Occur::Should, part))
                    .collect(),
            ))
        }
    }

    /// The word fields to search, with their weights.
    fn word_fields(&self, title_only: bool) -> Vec<(Field, f32)> {
        match (title_only, self.ranking) {
            (true, _) => vec![(self.fields.title, 1.0)],
            (false, Ranking::Bm25) => vec![(self.fields.title, 1.0), (self.fields.body, 1.0)],
            (false, Ranking::Refined) => {
                vec![(self.fields.title, TITLE_BOOST), (self.fields.body, 1.0)]
            }
        }
    }

    /// Documents whose title (or, unless `title_only`, body) holds the characters of
    /// `text` in a row, found through the bigram fields; scores weighted by `weight`.
    fn phrase(&self, text: &str, title_only: bool, weight: f32) -> Box<dyn Query> {
        let grams = phrase_grams(text);
        let fields: &[(Field, f32)] = match (title_only, self.ranking) {
            (true, _) => &[(self.fields.title_grams, 1.0)],
            (false, Ranking::Bm25) => &[
                (self.fields.title_grams, 1.0),
                (self.fields.body_grams, 1.0),
            ],
            (false, Ranking::Refined) => &[
                (self.fields.title_grams, TITLE_BOOST),
                (self.fields.body_grams, 1.0),
            ],
        };
        let alternatives = fields
            .iter()
            .map(|&(field, boost)| {
                let terms: Vec<(usize, Term)> = grams
                    .iter()
                    .map(|(offset, gram)| (*offset, Term::from_field_text(field, gram)))
                    .collect();
                let query: Box<dyn Query> = match terms.len() {
                    // One character: every bigram that starts with it, or it alone at
                    // the end of a text.
                    1 if grams[0].1.chars().count() == 1 => {
                        let mut prefix = PhrasePrefixQuery::new(vec![terms[0].1.clone()]);
                        prefix.set_max_expansions(u32::MAX);
                        Box::new(prefix)
                    }
                    1 => Box::new(TermQuery::new(
                        terms[0].1.clone(),
                        IndexRecordOption::WithFreqs,
                    )),
                    _ => Box::new(PhraseQuery::new_with_offset(terms)),
                };
                Box::new(BoostQuery::new(query, boost * weight)) as Box<dyn Query>
            })
            .collect();
        self.union(alternatives)
    }

    /// Words of `text`, all required, in the title and body (or the title only). A text
    /// holding `text` itself always matches, however jieba cut it; under
    /// [`Ranking::Refined`], holding it earns a bonus.
    fn words(
        &mut self,
        text: &str,
        title_only: bool,
        position: usize,
        negated: bool,
    ) -> Result<Box<dyn Query>> {
        let words = self.analyzer.segment(text, Segmentation::Query);
        if words.is_empty() {
            return Err(Error::query(
                position,
                format!("no searchable words in `{text}` (quote it to find it exactly)"),
            ));
        }
        if !negated {
            self.needles.extend(words.iter().map(|w| w.text.clone()));
            self.needles.push(normalize(text));
        }
        let fields = self.word_fields(title_only);
        let mut all_words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in &words {
            let per_field = fields
                .iter()
                .map(|&(field, boost)| {
                    let term = TermQuery::new(
                        Term::from_field_text(field, &word.text),
                        IndexRecordOption::WithFreqs,
                    );
                    Box::new(BoostQuery::new(Box::new(term), boost)) as Box<dyn Query>
                })
                .collect();
            all_words.push((Occur::Must, self.union(per_field)));
        }
        let exact = match self.ranking {
            Ranking::Refined => self.phrase(text, title_only, PROXIMITY_BOOST),
            Ranking::Bm25 => filter(self.phrase(text, title_only, 1.0)),
        };
        Ok(self.union(vec![Box::new(BooleanQuery::new(all_words)), exact]))
    }

    /// Under [`Ranking::Refined`], a bonus for documents whose body holds the words of
    /// the required word groups of `parts` in order, within a few words of each other.
    fn near(&self, parts: &[Expr]) -> Option<Box<dyn Query>> {
        if self.ranking != Ranking::Refined {
            return None;
        }
        let texts: Vec<&str> = parts
            .iter()
            .filter_map(|part| match part {
                Expr::Words {
                    text,
                    title_only: false,
                    ..
                } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        if texts.len() < 2 {
            return None;
        }
        let mut terms = Vec::new();
        let mut offset = 0;
        for text in texts {
            for word in self.analyzer.segment(text, Segmentation::Query) {
                terms.push((
                    offset + word.position,
                    Term::from_field_text(self.fields.body, &word.text),
                ));
            }
            offset = terms.last().map_or(offset, |(at, _)| at + 1);
        }
        if terms.len() < 2 {
            return None;
        }
        let mut phrase = PhraseQuery::new_with_offset(terms);
        phrase.set_slop(NEAR_SLOP);
        Some(Box::new(BoostQuery::new(Box::new(phrase), PROXIMITY_BOOST)))
    }
}

/// A query that selects without affecting the score.
fn filter(query: impl Query) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(query), 0.0))
}
