//! Collectors that group a result set: counts per department, person and month, and the
//! span of dates. They read fast fields, so they cost a column lookup per matching
//! document; the facet counts gather matching documents into blocks and read each
//! block's values with tantivy's batch reads, which skip a dynamic call per value.
//!
//! Department and person counts use global ordinals: each value of a field is numbered
//! once for all segments of an index ([`OrdinalCache`], kept between queries), so that a
//! segment hands over its counts as numbers and the merge adds them up in an array. Only
//! the values shown are turned back into text.

use std::cmp::Reverse;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{Datelike, NaiveDateTime};
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};
use xxhash_rust::xxh3::xxh3_64;

use crate::index::from_tantivy_date;

/// Values, each once, numbered in the order they were first added.
#[derive(Debug, Default, Clone)]
struct ValueTable {
    /// The values' bytes, end to end.
    bytes: Vec<u8>,
    /// Where each value ends in `bytes`.
    ends: Vec<usize>,
    /// Value numbers by a 64-bit digest of the value: far cheaper than hashing the bytes
    /// in the map.
    by_digest: FxHashMap<u64, u32>,
    /// Values whose digest an earlier value already holds (not expected in practice).
    collided: HashMap<Box<[u8]>, u32>,
}

impl ValueTable {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn value(&self, number: u32) -> &[u8] {
        let i = number as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }

    /// The number of `value`, added if it is new.
    fn number(&mut self, value: &[u8]) -> u32 {
        self.number_by(value, xxh3_64)
    }

    fn number_by(&mut self, value: &[u8], digest: fn(&[u8]) -> u64) -> u32 {
        let next = self.len() as u32;
        match self.by_digest.entry(digest(value)) {
            Entry::Vacant(e) => {
                e.insert(next);
            }
            Entry::Occupied(e) => {
                let held = *e.get();
                if self.value(held) == value {
                    return held;
                }
                if let Some(&number) = self.collided.get(value) {
                    return number;
                }
                self.collided.insert(value.into(), next);
            }
        }
        self.bytes.extend_from_slice(value);
        self.ends.push(self.bytes.len());
        next
    }
}

/// Global ordinals of one keyword field: its values over the segments of an index, and
/// for each segment, the global number of each of its term ordinals.
#[derive(Debug, Default, Clone)]
pub(crate) struct FieldOrdinals {
    values: ValueTable,
    segments: HashMap<SegmentId, Arc<[u32]>>,
}

impl FieldOrdinals {
    /// Numbers the values of `field` in `segment`, once per segment: a pass over the
    /// segment's dictionary of that field.
    fn add_segment(&mut self, field: &str, segment: &SegmentReader) -> tantivy::Result<()> {
        if self.segments.contains_key(&segment.segment_id()) {
            return Ok(());
        }
        let mut numbers = Vec::new();
        if let Some(column) = segment.fast_fields().str(field)? {
            numbers.reserve(column.num_terms());
            let mut terms = column.dictionary().stream()?;
            while terms.advance() {
                numbers.push(self.values.number(terms.key()));
            }
        }
        self.segments.insert(segment.segment_id(), numbers.into());
        Ok(())
    }
}

/// Global ordinals of the department and person fields for one set of segments.
#[derive(Debug, Default, Clone)]
pub(crate) struct FacetOrdinals {
    segments: Vec<SegmentId>,
    departments: Arc<FieldOrdinals>,
    persons: Arc<FieldOrdinals>,
}

/// The [`FacetOrdinals`] of an index's current segments, kept between queries and
/// brought up to date when the segments change (a pass over the new segments'
/// dictionaries).
#[derive(Debug, Default)]
pub(crate) struct OrdinalCache(Mutex<Option<Arc<FacetOrdinals>>>);

impl OrdinalCache {
    pub(crate) fn for_searcher(&self, searcher: &Searcher) -> tantivy::Result<Arc<FacetOrdinals>> {
        let readers = searcher.segment_readers();
        let ids: Vec<SegmentId> = readers.iter().map(SegmentReader::segment_id).collect();
        let mut cached = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(ordinals) = cached.as_ref()
            && ordinals.segments == ids
        {
            return Ok(ordinals.clone());
        }
        let mut next = cached.as_deref().cloned().unwrap_or_default();
        for (field, ordinals) in [
            (crate::index::field::DEPARTMENT, &mut next.departments),
            (crate::index::field::PERSONS, &mut next.persons),
        ] {
            let ordinals = Arc::make_mut(ordinals);
            // Segments merged away are forgotten; their values keep their numbers (and
            // count zero), so numbers never change while the cache lives.
            ordinals.segments.retain(|id, _| ids.contains(id));
            for reader in readers {
                ordinals.add_segment(field, reader)?;
            }
        }
        next.segments = ids;
        let next = Arc::new(next);
        *cached = Some(next.clone());
        Ok(next)
    }
}

/// Counts the values of a multi-valued keyword field over the matching documents, and
/// keeps the `top` most frequent, most frequent first, ties by value.
pub(crate) struct ValueCounts {
    field: &'static str,
    ordinals: Arc<FieldOrdinals>,
    top: usize,
}

impl ValueCounts {
    pub(crate) fn departments(ordinals: &FacetOrdinals, top: usize) -> ValueCounts {
        ValueCounts {
            field: crate::index::field::DEPARTMENT,
            ordinals: ordinals.departments.clone(),
            top,
        }
    }

    pub(crate) fn persons(ordinals: &FacetOrdinals, top: usize) -> ValueCounts {
        ValueCounts {
            field: crate::index::field::PERSONS,
            ordinals: ordinals.persons.clone(),
            top,
        }
    }
}

/// How many matching documents a segment collector gathers before it reads their values:
/// tantivy's batch reads then decode a block of values without a dynamic call for each.
const BLOCK: usize = 256;

/// A segment collector that counts matching documents a block at a time.
trait BlockCounter {
    /// The matching documents not counted yet.
    fn pending(&mut self) -> &mut Vec<DocId>;

    /// Counts `docs`, in increasing order.
    fn count_block(&mut self, docs: &[DocId]);

    /// Adds a matching document, counting the block once it is full.
    fn push(&mut self, doc: DocId) {
        self.pending().push(doc);
        if self.pending().len() == BLOCK {
            self.flush();
        }
    }

    /// Counts the documents not counted yet.
    fn flush(&mut self) {
        let pending = std::mem::take(self.pending());
        self.count_block(&pending);
        *self.pending() = pending;
        self.pending().clear();
    }
}

pub(crate) struct SegmentValueCounts {
    column: Option<StrColumn>,
    /// Counts by the segment's own term ordinal.
    counts: Vec<u64>,
    /// The global number of each of the segment's term ordinals.
    numbers: Arc<[u32]>,
    /// Matching documents not counted yet.
    pending: Vec<DocId>,
    /// Reused for each block: the value rows of its documents, whose document each row
    /// is, and each row's term ordinal.
    rows: Vec<u32>,
    row_docs: Vec<DocId>,
    ords: Vec<u64>,
}

impl BlockCounter for SegmentValueCounts {
    fn pending(&mut self) -> &mut Vec<DocId> {
        &mut self.pending
    }

    fn count_block(&mut self, docs: &[DocId]) {
        let Some(column) = &self.column else {
            return;
        };
        let column = column.ords();
        self.rows.clear();
        self.row_docs.clear();
        column.row_ids_for_docs(docs, &mut self.row_docs, &mut self.rows);
        self.ords.resize(self.rows.len(), 0);
        column.values.get_vals(&self.rows, &mut self.ords);
        // A value stated twice in one document still counts the document once.
        let mut doc_start = 0;
        for (row, (&doc, &ord)) in self.row_docs.iter().zip(&self.ords).enumerate() {
            if self.row_docs[doc_start] != doc {
                doc_start = row;
            }
            if !self.ords[doc_start..row].contains(&ord) {
                self.counts[ord as usize] += 1;
            }
        }
    }
}

impl Collector for ValueCounts {
    type Fruit = Vec<(String, u64)>;
    type Child = SegmentValueCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentValueCounts> {
        let column = segment.fast_fields().str(self.field)?;
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        let numbers = self
            .ordinals
            .segments
            .get(&segment.segment_id())
            .cloned()
            .filter(|numbers| numbers.len() == terms)
            .ok_or_else(|| {
                tantivy::TantivyError::InternalError(format!(
                    "no global ordinals of `{}` for segment {}",
                    self.field,
                    segment.segment_id().short_uuid_string()
                ))
            })?;
        Ok(SegmentValueCounts {
            column,
            counts: vec![0; terms],
            numbers,
            // Empty until used: inside `FacetCollector` the blocks come from its own.
            pending: Vec::new(),
            rows: Vec::new(),
            row_docs: Vec::new(),
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, u64)>>) -> tantivy::Result<Self::Fruit> {
        let values = &self.ordinals.values;
        let mut counts = vec![0u64; values.len()];
        for fruit in fruits {
            for (number, count) in fruit {
                counts[number as usize] += count;
            }
        }
        let counted = counts
            .iter()
            .enumerate()
            .filter(|&(_, &count)| count > 0)
            .map(|(number, &count)| (values.value(number as u32), count));
        Ok(top(counted, self.top))
    }
}

impl SegmentCollector for SegmentValueCounts {
    /// Global value numbers and their counts.
    type Fruit = Vec<(u32, u64)>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.push(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.count_block(docs);
    }

    fn harvest(mut self) -> Vec<(u32, u64)> {
        self.flush();
        self.counts
            .iter()
            .zip(self.numbers.iter())
            .filter(|&(&count, _)| count > 0)
            .map(|(&count, &number)| (number, count))
            .collect()
    }
}

/// The earliest and latest date among the matching documents.
pub(crate) struct DateSpan;

pub(crate) struct SegmentDateSpan {
    column: Column<tantivy::DateTime>,
    span: Option<(tantivy::DateTime, tantivy::DateTime)>,
}

impl Collector for DateSpan {
    type Fruit = Option<(NaiveDateTime, NaiveDateTime)>;
    type Child = SegmentDateSpan;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentDateSpan> {
        Ok(SegmentDateSpan {
            column: segment.fast_fields().date(crate::index::field::DATE)?,
            span: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits
            .into_iter()
            .flatten()
            .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1))))
    }
}

impl SegmentCollector for SegmentDateSpan {
    type Fruit = Option<(NaiveDateTime, NaiveDateTime)>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(date) = self.column.first(doc) {
            self.span = Some(match self.span {
                Some((low, high)) => (low.min(date), high.max(date)),
                None => (date, date),
            });
        }
    }

    fn harvest(self) -> Self::Fruit {
        let (low, high) = self.span?;
        Some((from_tantivy_date(low)?, from_tantivy_date(high)?))
    }
}

/// The `n` most frequent values, most frequent first, ties by value.
fn top<'a>(counted: impl Iterator<Item = (&'a [u8], u64)>, n: usize) -> Vec<(String, u64)> {
    if n == 0 {
        return Vec::new();
    }
    // A bounded heap whose top is the weakest value kept: higher counts win, and among
    // equal counts the smaller value.
    let mut kept: BinaryHeap<(Reverse<u64>, &[u8])> = BinaryHeap::with_capacity(n + 1);
    for (value, count) in counted {
        kept.push((Reverse(count), value));
        if kept.len() > n {
            kept.pop();
        }
    }
    kept.into_sorted_vec()
        .into_iter()
        .map(|(Reverse(count), value)| (String::from_utf8_lossy(value).into_owned(), count))
        .collect()
}

/// One value of a facet and the number of matching documents that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// A department, a person, or a month (`YYYY-MM`).
    pub value: String,
    /// Matching documents with that value.
    pub count: u64,
}

/// Counts over a whole result set, not only the page shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// The most frequent departments, most frequent first.
    pub departments: Vec<FacetCount>,
    /// The most frequent persons, most frequent first.
    pub persons: Vec<FacetCount>,
    /// Every month with matching documents, in order (documents without a date are not
    /// counted).
    pub months: Vec<FacetCount>,
}

/// Collects [`Facets`], keeping the `top` most frequent departments and persons.
pub(crate) struct FacetCollector {
    departments: ValueCounts,
    persons: ValueCounts,
}

impl FacetCollector {
    /// `ordinals` must come from [`OrdinalCache::for_searcher`] for the searcher used.
    pub(crate) fn new(ordinals: &FacetOrdinals, top: usize) -> FacetCollector {
        FacetCollector {
            departments: ValueCounts::departments(ordinals, top),
            persons: ValueCounts::persons(ordinals, top),
        }
    }
}

pub(crate) struct SegmentFacets {
    departments: SegmentValueCounts,
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
        self.persons.count_block(docs);
        self.block_dates.clear();
        self.block_dates.resize(docs.len(), None);
        self.dates.first_vals(docs, &mut self.block_dates);
        for date in self.block_dates.iter().flatten() {
            self.days.add(day_of(*date));
        }
    }
}

/// Matching documents per day since the Unix epoch; months are made at the end, once.
enum DayCounts {
    /// A slot per day of the segment's span of dates: an add per document, no hashing.
    Dense { first_day: i64, counts: Vec<u64> },
    /// For a segment whose dates span centuries (stray years in the input), where a slot
    /// per day would cost more than it saves.
    Sparse(HashMap<i64, u64>),
}

impl DayCounts {
    /// About 270 years of days: 800 KB of counters at most, per segment and query.
    const MAX_DENSE_DAYS: i64 = 100_000;

    fn for_column(dates: &Column<tantivy::DateTime>) -> DayCounts {
        let first_day = day_of(dates.min_value());
        let span = day_of(dates.max_value()) - first_day + 1;
        if (1..=Self::MAX_DENSE_DAYS).contains(&span) {
            DayCounts::Dense {
                first_day,
                counts: vec![0; span as usize],
            }
        } else {
            DayCounts::Sparse(HashMap::new())
        }
    }

    fn add(&mut self, day: i64) {
        match self {
            DayCounts::Dense { first_day, counts } => {
                let slot = usize::try_from(day - *first_day).ok();
                match slot.and_then(|slot| counts.get_mut(slot)) {
                    Some(count) => *count += 1,
                    // The column's bounds hold every value; this is never reached.
                    None => debug_assert!(false, "day {day} outside the column's span"),
                }
            }
            DayCounts::Sparse(days) => *days.entry(day).or_default() += 1,
        }
    }

    fn into_days(self) -> Vec<(i64, u64)> {
        match self {
            DayCounts::Dense { first_day, counts } => (first_day..)
                .zip(counts)
                .filter(|&(_, count)| count > 0)
                .collect(),
            DayCounts::Sparse(days) => days.into_iter().collect(),
        }
    }
}

fn day_of(date: tantivy::DateTime) -> i64 {
    date.into_timestamp_secs().div_euclid(86_400)
}

type FacetFruit = (Vec<(u32, u64)>, Vec<(u32, u64)>, Vec<(i64, u64)>);

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        ordinal: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let dates = segment.fast_fields().date(crate::index::field::DATE)?;
        Ok(SegmentFacets {
            departments: self.departments.for_segment(ordinal, segment)?,
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
        let mut persons = Vec::new();
        let mut months: BTreeMap<(i32, u32), u64> = BTreeMap::new();
        for (d, p, days) in fruits {
            departments.push(d);
            persons.push(p);
            for (day, count) in days {
                let date = chrono::DateTime::from_timestamp(day * 86_400, 0)
                    .map(|d| d.date_naive())
                    .unwrap_or_default();
                *months.entry((date.year(), date.month())).or_default() += count;
            }
        }
        let counts = |values: Vec<(String, u64)>| {
            values
                .into_iter()
                .map(|(value, count)| FacetCount { value, count })
                .collect()
        };
        Ok(Facets {
            departments: counts(self.departments.merge_fruits(departments)?),
            persons: counts(self.persons.merge_fruits(persons)?),
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
            self.persons.harvest(),
            self.days.into_days(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(pairs: &[(&str, u64)]) -> Vec<(String, u64)> {
        pairs.iter().map(|(v, c)| (v.to_string(), *c)).collect()
    }

    #[test]
    fn a_value_keeps_its_number_and_colliding_digests_are_told_apart() {
        let mut table = ValueTable::default();
        let a = table.number("国务院".as_bytes());
        let b = table.number("李强".as_bytes());
        assert_eq!((a, b), (0, 1));
        assert_eq!(table.number("国务院".as_bytes()), a);
        assert_eq!(table.value(b), "李强".as_bytes());
        // Every digest the same: values are still told apart by their bytes.
        let mut collided = ValueTable::default();
        let numbers: Vec<u32> = ["国务院", "李强", "王毅", "李强", "国务院", "王毅"]
            .iter()
            .map(|v| collided.number_by(v.as_bytes(), |_| 7))
            .collect();
        assert_eq!(numbers, vec![0, 1, 2, 1, 0, 2]);
        assert_eq!(collided.value(2), "王毅".as_bytes());
    }

    #[test]
    fn top_takes_the_most_frequent_with_ties_by_value() {
        let counted = [("a", 2), ("b", 5), ("c", 2), ("d", 1), ("e", 5)];
        let counted = || counted.iter().map(|&(v, c)| (v.as_bytes(), c));
        assert_eq!(
            top(counted(), 3),
            owned(&[("b", 5), ("e", 5), ("a", 2)]),
            "ties go to the smaller value"
        );
        assert_eq!(top(counted(), 10).len(), 5);
        assert!(top(counted(), 0).is_empty());
    }

    /// An index in RAM with the fields facets read (persons, department, date), and a
    /// writer that makes one segment per commit.
    fn facet_index() -> (
        tantivy::Index,
        tantivy::IndexWriter,
        [tantivy::schema::Field; 3],
    ) {
        use tantivy::schema::{DateOptions, FAST, STRING, Schema};

        let mut schema = Schema::builder();
        let persons = schema.add_text_field(crate::index::field::PERSONS, STRING | FAST);
        let department = schema.add_text_field(crate::index::field::DEPARTMENT, STRING | FAST);
        let date =
            schema.add_date_field(crate::index::field::DATE, DateOptions::default().set_fast());
        let index = tantivy::Index::create_in_ram(schema.build());
        let writer = index
            .writer_with_num_threads(1, crate::index::MIN_MEMORY_PER_THREAD)
            .unwrap();
        (index, writer, [persons, department, date])
    }

    /// Facet counts as pairs, in the order given.
    fn pairs(counts: &[FacetCount]) -> Vec<(String, u64)> {
        counts.iter().map(|c| (c.value.clone(), c.count)).collect()
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

    #[test]
    fn dense_and_sparse_day_counts_agree() {
        let days = [19_000, 19_000, 19_031, 19_400, 19_000];
        let mut dense = DayCounts::Dense {
            first_day: 19_000,
            counts: vec![0; 401],
        };
        let mut sparse = DayCounts::Sparse(HashMap::new());
        for day in days {
            dense.add(day);
            sparse.add(day);
        }
        let mut from_sparse = sparse.into_days();
        from_sparse.sort();
        assert_eq!(dense.into_days(), from_sparse);
        assert_eq!(from_sparse, vec![(19_000, 3), (19_031, 1), (19_400, 1)]);
    }
}
