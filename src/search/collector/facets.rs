//! The facet collector: department, meeting series, person and month counts of a whole
//! result set in one pass, each block of matching documents read once for all four.

use std::collections::BTreeMap;

use chrono::Datelike;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::block::{BLOCK, BlockCounter};
use super::dates::{DayCounts, day_of};
use super::ordinals::FacetOrdinals;
use super::value_counts::{SegmentValueCounts, ValueCounts};
use crate::index::field;

/// One value of a facet and the number of matching documents that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// A department, a meeting series, a person, or a month (`YYYY-MM`).
    pub value: String,
    /// Matching documents with that value.
    pub count: u64,
}

/// Counts over a whole result set, not only the page shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// The most frequent departments, most frequent first.
    pub departments: Vec<FacetCount>,
    /// The most frequent meeting series, most frequent first.
    pub meetings: Vec<FacetCount>,
    /// The most frequent persons, most frequent first.
    pub persons: Vec<FacetCount>,
    /// Every month with matching documents, in order (documents without a date are not
    /// counted).
    pub months: Vec<FacetCount>,
}

/// Collects [`Facets`], keeping the `top` most frequent departments, meeting series and
/// persons.
pub(crate) struct FacetCollector {
    departments: ValueCounts,
    meetings: ValueCounts,
    persons: ValueCounts,
}

impl FacetCollector {
    /// `ordinals` must come from [`OrdinalCache::for_searcher`] for the searcher used.
    pub(crate) fn new(ordinals: &FacetOrdinals, top: usize) -> FacetCollector {
        FacetCollector {
            departments: ValueCounts::departments(ordinals, top),
            meetings: ValueCounts::meetings(ordinals, top),
            persons: ValueCounts::persons(ordinals, top),
        }
    }
}

pub(crate) struct SegmentFacets {
    departments: SegmentValueCounts,
    meetings: SegmentValueCounts,
    persons: SegmentValueCounts,
    dates: Column<tantivy::DateTime>,
    days: DayCounts,
    /// Matching documents not counted yet, and their dates (reused for each block).
    pending: Vec<DocId>,
    block_dates: Vec<Option<tantivy::DateTime>>,
}

impl BlockCounter for SegmentFacets {
    fn pending(&mut self) -> &mut Vec<DocId> {
        &mut self.pending
    }

    fn count_block(&mut self, docs: &[DocId]) {
        self.departments.count_block(docs);
        self.meetings.count_block(docs);
        self.persons.count_block(docs);
        self.block_dates.clear();
        self.block_dates.resize(docs.len(), None);
        self.dates.first_vals(docs, &mut self.block_dates);
        for date in self.block_dates.iter().flatten() {
            self.days.add(day_of(*date));
        }
    }
}

type FacetFruit = (
    Vec<(u32, u64)>,
    Vec<(u32, u64)>,
    Vec<(u32, u64)>,
    Vec<(i64, u64)>,
);

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        ordinal: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let dates = segment.fast_fields().date(field::DATE)?;
        Ok(SegmentFacets {
            departments: self.departments.for_segment(ordinal, segment)?,
            meetings: self.meetings.for_segment(ordinal, segment)?,
            persons: self.persons.for_segment(ordinal, segment)?,
            days: DayCounts::for_column(&dates),
            dates,
            pending: Vec::with_capacity(BLOCK),
            block_dates: Vec::with_capacity(BLOCK),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetFruit>) -> tantivy::Result<Facets> {
        let mut departments = Vec::new();
        let mut meetings = Vec::new();
        let mut persons = Vec::new();
        let mut months: BTreeMap<(i32, u32), u64> = BTreeMap::new();
        for (d, m, p, days) in fruits {
            departments.push(d);
            meetings.push(m);
            persons.push(p);
            for (day, count) in days {
                let date = chrono::DateTime::from_timestamp(day * 86_400, 0)
                    .map(|d| d.date_naive())
                    .unwrap_or_default();
                *months.entry((date.year(), date.month())).or_default() += count;
            }
        }
        Ok(Facets {
            departments: self.departments.merge_fruits(departments)?,
            meetings: self.meetings.merge_fruits(meetings)?,
            persons: self.persons.merge_fruits(persons)?,
            months: months
                .into_iter()
                .map(|((year, month), count)| FacetCount {
                    value: format!("{year:04}-{month:02}"),
                    count,
                })
                .collect(),
        })
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = FacetFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.push(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.count_block(docs);
    }

    fn harvest(mut self) -> FacetFruit {
        self.flush();
        (
            self.departments.harvest(),
            self.meetings.harvest(),
            self.persons.harvest(),
            self.days.into_days(),
        )
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use super::*;
    use crate::search::collector::OrdinalCache;
    use crate::search::collector::test_support::{owned, pairs};

    /// An index in RAM with the fields facets read (persons, department, date), and a
    /// writer that makes one segment per commit.
    fn facet_index() -> (
        tantivy::Index,
        tantivy::IndexWriter,
        [tantivy::schema::Field; 3],
    ) {
        use tantivy::schema::{DateOptions, FAST, STRING, Schema};

        let mut schema = Schema::builder();
        let persons = schema.add_text_field("persons", STRING | FAST);
        let department = schema.add_text_field("department", STRING | FAST);
        let date = schema.add_date_field("date", DateOptions::default().set_fast());
        let index = tantivy::Index::create_in_ram(schema.build());
        let writer = index
            .writer_with_num_threads(1, crate::index::MIN_MEMORY_PER_THREAD)
            .unwrap();
        (index, writer, [persons, department, date])
    }
    #[test]
    fn blocks_count_like_documents_one_by_one() {
        use tantivy::collector::{Count, TopDocs};
        use tantivy::query::{AllQuery, TermQuery};
        use tantivy::schema::IndexRecordOption;
        use tantivy::{DateTime, TantivyDocument, Term};

        let (index, mut writer, [persons, department, date]) = facet_index();
        // Several blocks' worth: some documents without persons, some naming one twice,
        // some without a date.
        let mut expected: HashMap<String, u64> = HashMap::new();
        let mut expected_even: HashMap<String, u64> = HashMap::new();
        let mut months: HashMap<String, u64> = HashMap::new();
        let docs = 3 * BLOCK + 17;
        for i in 0..docs {
            let mut doc = TantivyDocument::new();
            if i % 5 != 0 {
                let name = format!("p{}", i % 7);
                doc.add_text(persons, &name);
                doc.add_text(persons, &name);
                if i % 2 == 0 {
                    *expected_even.entry(name.clone()).or_default() += 1;
                }
                *expected.entry(name).or_default() += 1;
            }
            if i % 3 == 0 {
                let name = format!("q{}", i % 11);
                doc.add_text(persons, &name);
                if i % 5 != 0 {
                    // Named again after another value: still one document.
                    doc.add_text(persons, format!("p{}", i % 7));
                }
                if i % 2 == 0 {
                    *expected_even.entry(name.clone()).or_default() += 1;
                }
                *expected.entry(name).or_default() += 1;
            }
            doc.add_text(department, if i % 2 == 0 { "甲" } else { "乙" });
            if i % 4 != 0 {
                let month = i % 12;
                doc.add_date(
                    date,
                    DateTime::from_timestamp_secs(1_672_531_200 + month as i64 * 31 * 86_400),
                );
                *months.entry(format!("2023-{:02}", month + 1)).or_default() += 1;
            }
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let ordinals = OrdinalCache::default().for_searcher(&searcher).unwrap();
        let collector = FacetCollector::new(&ordinals, 100);
        let sorted = |counts: &[FacetCount]| {
            let mut pairs = pairs(counts);
            pairs.sort();
            pairs
        };
        let sorted_map = |map: HashMap<String, u64>| {
            let mut pairs: Vec<(String, u64)> = map.into_iter().collect();
            pairs.sort();
            pairs
        };
        let expected = sorted_map(expected);
        let expected_even = sorted_map(expected_even);
        let months = sorted_map(months);
        // Without scores, tantivy hands over blocks of documents; with them, one by one.
        let unscored = searcher.search(&AllQuery, &collector).unwrap();
        let term = TermQuery::new(
            Term::from_field_text(department, "甲"),
            IndexRecordOption::WithFreqs,
        );
        let (total, _, scored) = searcher
            .search(
                &term,
                &(Count, TopDocs::with_limit(3).order_by_score(), collector),
            )
            .unwrap();
        assert_eq!(sorted(&unscored.persons), expected);
        assert_eq!(sorted(&unscored.months), months);
        assert_eq!(
            sorted(&unscored.departments),
            owned(&[("乙", (docs / 2) as u64), ("甲", docs.div_ceil(2) as u64)])
        );
        assert_eq!(total, docs.div_ceil(2));
        assert_eq!(sorted(&scored.departments), owned(&[("甲", total as u64)]));
        assert_eq!(sorted(&scored.persons), expected_even);
    }

    #[test]
    fn segments_count_through_one_numbering() {
        use tantivy::{DateTime, TantivyDocument, query::AllQuery};

        let (index, mut writer, [persons, department, date]) = facet_index();
        // Two segments whose dictionaries differ: each numbers its terms from 0.
        for batch in [
            &[["李强", "国务院"], ["王毅", "外交部"]][..],
            &[["王毅", "国务院"]],
        ] {
            for [person, dept] in batch {
                let mut doc = TantivyDocument::new();
                doc.add_text(persons, person);
                doc.add_text(department, dept);
                doc.add_date(date, DateTime::from_timestamp_secs(1_700_000_000));
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let cache = OrdinalCache::default();
        let ordinals = cache.for_searcher(&searcher).unwrap();
        assert!(Arc::ptr_eq(
            &ordinals,
            &cache.for_searcher(&searcher).unwrap()
        ));
        let facets = searcher
            .search(&AllQuery, &FacetCollector::new(&ordinals, 10))
            .unwrap();
        assert_eq!(pairs(&facets.persons), owned(&[("王毅", 2), ("李强", 1)]));
        assert_eq!(
            pairs(&facets.departments),
            owned(&[("国务院", 2), ("外交部", 1)])
        );
        assert_eq!(pairs(&facets.months), owned(&[("2023-11", 3)]));
    }
}
