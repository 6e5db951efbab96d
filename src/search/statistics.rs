//! Corpus statistics for BM25 over live documents only.
//!
//! tantivy's own statistics count every document a segment holds, deleted or not, until a
//! merge drops the deleted ones; and a merge that drops documents estimates the field
//! lengths left from the lossy field norms. Scores would then depend on an index's history:
//! how often a story was rewritten (a page folded into its record, a re-run that updated
//! it), how segments were merged, whether shards were merged into one. [`LiveStatistics`]
//! counts what is there now: live documents, live documents holding a term, and field
//! lengths summed from the field norms of live documents, the same lengths whatever path
//! the documents took. One index of a corpus, its shards searched as one and their merge
//! then score every document alike.
//!
//! Per segment, field lengths are summed once and kept in a [`StatisticsCache`] (segments
//! do not change; a new delete makes a new key, and keys of segments gone are dropped). Document frequencies are read from the
//! term dictionary where a segment has no deletes, and counted on the postings, and kept,
//! where it has.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use tantivy::index::SegmentId;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, SegmentReader, TERMINATED, Term};

/// Document frequencies kept at most, over segments with deletes; then the cache starts
/// again (a bound on memory, not a tuning knob).
const MAX_KEPT_FREQUENCIES: usize = 100_000;

/// A segment as it is now: its id and how many of its documents are deleted.
type SegmentState = (SegmentId, u32);

/// What [`LiveStatistics`] has counted, kept between queries.
#[derive(Debug, Default)]
pub(crate) struct StatisticsCache {
    lengths: Mutex<HashMap<(SegmentState, Field), u64>>,
    frequencies: Mutex<HashMap<(SegmentState, Term), u32>>,
}

impl StatisticsCache {
    /// The statistics of `searcher`'s documents.
    pub(crate) fn for_searcher<'a>(&'a self, searcher: &'a Searcher) -> LiveStatistics<'a> {
        LiveStatistics {
            searcher,
            cache: self,
        }
    }
}

/// BM25 statistics of a searcher's live documents; see the module documentation.
pub(crate) struct LiveStatistics<'a> {
    searcher: &'a Searcher,
    cache: &'a StatisticsCache,
}

fn state(segment: &SegmentReader) -> SegmentState {
    (segment.segment_id(), segment.num_deleted_docs())
}

impl LiveStatistics<'_> {
    fn segment_length(&self, segment: &SegmentReader, field: Field) -> tantivy::Result<u64> {
        let key = (state(segment), field);
        if let Some(length) = lock(&self.cache.lengths).get(&key) {
            return Ok(*length);
        }
        let length = match segment.fieldnorms_readers().get_field(field)? {
            Some(norms) => segment
                .doc_ids_alive()
                .map(|doc| u64::from(norms.fieldnorm(doc)))
                .sum(),
            // A field without norms: each value counts one token, as tantivy counts it.
            None => {
                let all = segment.inverted_index(field)?.total_num_tokens();
                match segment.max_doc() {
                    0 => 0,
                    max => all * u64::from(segment.num_docs()) / u64::from(max),
                }
            }
        };
        let mut lengths = lock(&self.cache.lengths);
        // A miss means segments changed: forget the states no segment is in now, so that
        // an index written while it is read does not grow the cache.
        let current: Vec<SegmentState> =
            self.searcher.segment_readers().iter().map(state).collect();
        lengths.retain(|(at, _), _| current.contains(at));
        lengths.insert(key, length);
        Ok(length)
    }

    fn segment_frequency(&self, segment: &SegmentReader, term: &Term) -> tantivy::Result<u32> {
        let index = segment.inverted_index(term.field())?;
        let Some(alive) = segment.alive_bitset() else {
            return Ok(index.doc_freq(term)?);
        };
        let key = (state(segment), term.clone());
        if let Some(frequency) = lock(&self.cache.frequencies).get(&key) {
            return Ok(*frequency);
        }
        let mut frequency = 0;
        if let Some(mut postings) = index.read_postings(term, IndexRecordOption::Basic)? {
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_alive(doc) {
                    frequency += 1;
                }
                doc = postings.advance();
            }
        }
        let mut frequencies = lock(&self.cache.frequencies);
        if frequencies.len() >= MAX_KEPT_FREQUENCIES {
            frequencies.clear();
        }
        frequencies.insert(key, frequency);
        Ok(frequency)
    }
}

impl Bm25StatisticsProvider for LiveStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let mut total = 0;
        for segment in self.searcher.segment_readers() {
            total += self.segment_length(segment, field)?;
        }
        Ok(total)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.searcher.num_docs())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut total = 0;
        for segment in self.searcher.segment_readers() {
            total += u64::from(self.segment_frequency(segment, term)?);
        }
        Ok(total)
    }
}

/// The cache's maps are plain data: one left by a panicking thread is still whole.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use crate::{Document, Engine, SearchRequest};

    fn scores(engine: &Engine, query: &str) -> Vec<(String, f32)> {
        let results = engine.search(&SearchRequest::new(query)).unwrap();
        results.hits.into_iter().map(|h| (h.id, h.score)).collect()
    }

    fn documents() -> Vec<Document> {
        [
            (
                "a",
                "市政府召开常务会议",
                "会议研究部署新质生产力发展工作。会议强调落实。",
            ),
            ("b", "区委召开全会", "全会听取工作报告，部署新质生产力。"),
            ("c", "县政协召开座谈会", "座谈会听取意见建议。"),
        ]
        .into_iter()
        .map(|(id, title, body)| Document::new(title, body).with_id(id))
        .collect()
    }

    #[test]
    fn a_rewritten_document_scores_as_if_written_once() {
        let once = Engine::create_in_ram().unwrap();
        once.add_documents(documents()).unwrap();
        let rewritten = Engine::create_in_ram().unwrap();
        let mut first = documents();
        // An earlier, longer version of "b": its deleted copy stays in a segment until a
        // merge, and must not count.
        first[1].body = "全会听取工作报告。".repeat(30);
        rewritten.add_documents(first).unwrap();
        rewritten.add_documents(documents()).unwrap();
        for query in ["新质生产力", "会议", "\"听取\"", "座谈会 意见"] {
            assert_eq!(scores(&once, query), scores(&rewritten, query), "{query}");
        }
    }
}
