//! The executor: runs a compiled query on a searcher and turns what it finds into
//! [`SearchResults`]: the page of top documents (by score, or newest first; ties by id),
//! their snippets, the total, and the facets of the whole result set when asked.

use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue, SortByString};
use tantivy::collector::{Count, TopDocs};
use tantivy::{DocAddress, Order, Score, Searcher};

use super::Caches;
use super::collector::FacetCollector;
use super::query::Compiled;
use super::snippet;
use super::{SearchHit, SearchRequest, SearchResults, SortOrder};
use crate::Result;
use crate::index::{Fields, field};

/// Characters in a body snippet.
const SNIPPET_CHARS: usize = 120;

/// Runs `compiled` for `request`: `caches` must be the index's, kept between queries.
/// Scores use the statistics of live documents ([`super::statistics`]).
pub(crate) fn execute(
    searcher: &Searcher,
    fields: &Fields,
    caches: &Caches,
    compiled: &Compiled,
    request: &SearchRequest,
) -> Result<SearchResults> {
    if request.collapse {
        return super::collapse::execute_collapsed(searcher, fields, caches, compiled, request);
    }
    let query = compiled.query.as_ref();
    let statistics = caches.statistics.for_searcher(searcher);
    // No page can hold more hits than the index has documents: clamping keeps a huge
    // `limit` from sizing the collector's heap.
    let wanted = request
        .limit
        .min((searcher.num_docs() as usize).saturating_sub(request.offset));
    let facets = match request.facets {
        Some(top) => Some(FacetCollector::new(
            &*caches.ordinals.for_searcher(searcher)?,
            top,
        )),
        None => None,
    };
    if wanted == 0 {
        let (total, facets) = searcher.search(query, &(Count, facets))?;
        return Ok(SearchResults {
            total,
            hits: Vec::new(),
            facets,
            expansions: compiled.expansions.clone(),
            relaxation: None,
            suggestions: Vec::new(),
        });
    }
    let top = TopDocs::with_limit(wanted).and_offset(request.offset);
    // Ties go to the smaller id, not to the earlier document address as tantivy's own
    // order would: addresses depend on how documents fell into segments and shards, ids
    // do not, so one index, shards searched together and their merge list the same hits.
    let by_score = (SortBySimilarityScore, Order::Desc);
    let by_id = (SortByString::for_field(field::ID), Order::Asc);
    let (total, found, facets) = match request.sort {
        SortOrder::Relevance => {
            let (total, found, facets) = searcher.search_with_statistics_provider(
                query,
                &(Count, top.order_by((by_score, by_id)), facets),
                &statistics,
            )?;
            let found: Vec<(Score, DocAddress)> = found
                .into_iter()
                .map(|((score, _), address)| (score, address))
                .collect();
            (total, found, facets)
        }
        SortOrder::Date => {
            // Undated documents (`None`) sort below every date, so last.
            let by_date = (
                SortByStaticFastValue::<tantivy::DateTime>::for_field(field::DATE),
                Order::Desc,
            );
            let by_date = top.order_by((by_date, by_score, by_id));
            let (total, found, facets) = searcher.search_with_statistics_provider(
                query,
                &(Count, by_date, facets),
                &statistics,
            )?;
            let found = found
                .into_iter()
                .map(|((_, score, _), address)| (score, address))
                .collect();
            (total, found, facets)
        }
    };
    let hits = found
        .into_iter()
        .map(|(score, address)| hit(searcher, fields, compiled, score, address))
        .collect::<Result<_>>()?;
    Ok(SearchResults {
        total,
        hits,
        facets,
        expansions: compiled.expansions.clone(),
        relaxation: None,
        suggestions: Vec::new(),
    })
}

/// The hit for the stored document at `address`, with its snippets.
pub(super) fn hit(
    searcher: &Searcher,
    fields: &Fields,
    compiled: &Compiled,
    score: Score,
    address: DocAddress,
) -> Result<SearchHit> {
    let stored: tantivy::TantivyDocument = searcher.doc(address)?;
    let doc = crate::index::from_tantivy(&stored, fields);
    Ok(SearchHit {
        snippet: snippet::make(&doc.body, &compiled.needles, SNIPPET_CHARS),
        title_snippet: snippet::make(&doc.title, &compiled.needles, usize::MAX),
        date: doc.date_string(),
        id: doc.id,
        title: doc.title,
        department: doc.department,
        meeting: doc.meeting,
        persons: doc.persons,
        url: doc.url,
        source: doc.source,
        sources: doc.sources,
        score,
        group: None,
    })
}

#[cfg(test)]
mod tests {
    use tantivy::{Index, TantivyDocument};

    use super::*;
    use crate::analysis::Analyzer;
    use crate::search::{Ranking, compile};
    use crate::text::aliases::Aliases;

    /// An index in RAM, one segment, of documents given as `(id, body, date)`, each titled
    /// 通报 and from 国务院.
    struct TestIndex {
        searcher: Searcher,
        fields: Fields,
        analyzer: Analyzer,
    }

    impl TestIndex {
        fn new(docs: &[(&str, &str, Option<&str>)]) -> TestIndex {
            let analyzer = Analyzer::new();
            let index = Index::create_in_ram(Fields::schema());
            crate::index::register_tokenizers(&index, &analyzer);
            let fields = Fields::from_schema(&index.schema()).unwrap();
            let mut writer: tantivy::IndexWriter = index
                .writer_with_num_threads(1, crate::index::MIN_MEMORY_PER_THREAD)
                .unwrap();
            for (id, body, date) in docs {
                let mut doc = TantivyDocument::default();
                doc.add_text(fields.id, id);
                doc.add_text(fields.title, "通报");
                doc.add_text(fields.title_text, "通报");
                doc.add_text(fields.title_grams, "通报");
                doc.add_text(fields.body, body);
                doc.add_text(fields.body_text, body);
                doc.add_text(fields.body_grams, body);
                doc.add_text(fields.department, "国务院");
                if let Some(date) = date {
                    let date = format!("{date}T00:00:00").parse().unwrap();
                    doc.add_date(fields.date, crate::index::to_tantivy_date(date));
                }
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
            let searcher = index.reader().unwrap().searcher();
            TestIndex {
                searcher,
                fields,
                analyzer,
            }
        }

        fn search(&self, request: &SearchRequest) -> SearchResults {
            let context = crate::search::Context {
                fields: &self.fields,
                analyzer: &self.analyzer,
                aliases: &Aliases::builtin(),
                vocabulary: &crate::analysis::Vocabulary::builtin(),
            };
            let compiled = compile(&request.query, request.ranking, &context).unwrap();
            let caches = Caches::default();
            execute(&self.searcher, &self.fields, &caches, &compiled, request).unwrap()
        }
    }

    fn ids(results: &SearchResults) -> Vec<&str> {
        results.hits.iter().map(|hit| hit.id.as_str()).collect()
    }

    /// Five reports; the more often a body says 会议, the higher it scores.
    fn reports() -> TestIndex {
        TestIndex::new(&[
            ("a", "会议。", Some("2023-05-01")),
            ("b", "会议会议会议会议。", None),
            ("c", "会议会议。", Some("2024-01-02")),
            ("d", "会议会议会议。", Some("2022-12-31")),
            ("e", "另一件事。", Some("2025-01-01")),
        ])
    }

    #[test]
    fn characters_jieba_leaves_single_are_found_where_they_stand_together() {
        let index = TestIndex::new(&[
            ("together", "俄乌冲突持续。", None),
            ("apart", "俄与乌发生冲突。", None),
        ]);
        for ranking in [Ranking::Bm25, Ranking::Refined] {
            let found = index.search(&SearchRequest::new("俄乌冲突").ranking(ranking));
            assert_eq!(ids(&found), ["together"], "{ranking:?}");
        }
    }

    #[test]
    fn a_page_is_a_slice_of_the_ranked_hits() {
        let index = reports();
        let request = SearchRequest::new("会议").ranking(Ranking::Bm25);
        let all = index.search(&request);
        assert_eq!(all.total, 4);
        assert_eq!(ids(&all), ["b", "d", "c", "a"]);
        let page = index.search(&request.clone().offset(1).limit(2));
        assert_eq!(page.total, 4, "the total counts every match, not the page");
        assert_eq!(ids(&page), ["d", "c"]);
        let past_the_end = index.search(&request.clone().offset(4));
        assert_eq!((past_the_end.total, past_the_end.hits.len()), (4, 0));
        let huge = index.search(&request.clone().limit(usize::MAX));
        assert_eq!(ids(&huge), ids(&all));
    }

    #[test]
    fn date_order_is_newest_first_and_undated_last() {
        let index = reports();
        let request = SearchRequest::new("会议").sort(SortOrder::Date);
        let by_date = index.search(&request);
        assert_eq!(ids(&by_date), ["c", "a", "d", "b"]);
        assert_eq!(by_date.hits[0].date.as_deref(), Some("2024-01-02"));
        let second_page = index.search(&request.clone().offset(2).limit(1));
        assert_eq!(ids(&second_page), ["d"]);
    }

    #[test]
    fn hits_carry_snippets_and_facets_come_only_when_asked() {
        let index = reports();
        let plain = index.search(&SearchRequest::new("会议").limit(1));
        assert!(plain.facets.is_none());
        assert_eq!(
            plain.hits[0].snippet.to_html(),
            "<b>会议会议会议会议</b>。",
            "the best hit, its adjoining matches marked as one"
        );
        let grouped = index.search(&SearchRequest::new("会议").limit(0).facets(3));
        assert!(grouped.hits.is_empty());
        let facets = grouped.facets.expect("facets were asked for");
        assert_eq!(facets.departments[0].value, "国务院");
        assert_eq!(facets.departments[0].count, 4);
        let months: Vec<&str> = facets.months.iter().map(|m| m.value.as_str()).collect();
        assert_eq!(months, ["2022-12", "2023-05", "2024-01"]);
    }
}
