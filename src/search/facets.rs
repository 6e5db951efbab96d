//! Collectors that group a result set: counts per department, person and month, and the
//! span of dates. They read fast fields, so they cost a column lookup per matching
//! document.

use std::cmp::Reverse;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

use chrono::{Datelike, NaiveDateTime};
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::from_tantivy_date;

/// Counts the values of a multi-valued keyword field over the matching documents.
pub(crate) struct ValueCounts {
    pub field: &'static str,
}

pub(crate) struct SegmentValueCounts {
    column: Option<StrColumn>,
    counts: Vec<u64>,
}

/// Values and their counts, each value once.
///
/// Segments count by term ordinal and turn only the ordinals seen into bytes, in one pass
/// over their dictionary; the merge then looks values up by a digest. A broad query over a
/// large index sees tens of thousands of distinct persons, and this keeps the merge, which
/// runs on one thread after the segments, free of a `String` per value.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// The values' bytes, end to end.
    bytes: Vec<u8>,
    /// Where each value ends in `bytes`, and its count.
    entries: Vec<(usize, u64)>,
}

impl Tally {
    fn push(&mut self, value: &[u8], count: u64) {
        self.bytes.extend_from_slice(value);
        self.entries.push((self.bytes.len(), count));
    }

    fn len(&self) -> usize {
        self.entries.len()
    }

    fn value(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.entries[i - 1].0 };
        &self.bytes[start..self.entries[i].0]
    }

    fn iter(&self) -> impl Iterator<Item = (&[u8], u64)> {
        (0..self.len()).map(|i| (self.value(i), self.entries[i].1))
    }

    /// Merges tallies into one, adding the counts of equal values. The values come out in
    /// the order first seen: [`top`] does not need them sorted.
    fn merge(tallies: Vec<Tally>) -> Tally {
        Tally::merge_by(tallies, xxh3_64)
    }

    fn merge_by(tallies: Vec<Tally>, digest: fn(&[u8]) -> u64) -> Tally {
        let mut tallies: Vec<Tally> = tallies.into_iter().filter(|t| t.len() > 0).collect();
        if tallies.len() <= 1 {
            return tallies.pop().unwrap_or_default();
        }
        // Values are looked up by a 64-bit digest of their bytes, far cheaper than hashing
        // the bytes in the map; a digest shared by two values (not expected in practice)
        // sends the later one to a map keyed by its bytes.
        let largest = tallies.iter().map(Tally::len).max().unwrap_or(0);
        let mut slot_of: FxHashMap<u64, usize> =
            FxHashMap::with_capacity_and_hasher(largest * 2, Default::default());
        let mut collided: HashMap<&[u8], usize> = HashMap::new();
        let mut merged = Tally::default();
        for tally in &tallies {
            for (value, count) in tally.iter() {
                let slot = match slot_of.entry(digest(value)) {
                    Entry::Occupied(e) if merged.value(*e.get()) == value => Some(*e.get()),
                    Entry::Occupied(_) => collided.get(value).copied(),
                    Entry::Vacant(e) => {
                        e.insert(merged.len());
                        merged.push(value, count);
                        continue;
                    }
                };
                match slot {
                    Some(slot) => merged.entries[slot].1 += count,
                    None => {
                        collided.insert(value, merged.len());
                        merged.push(value, count);
                    }
                }
            }
        }
        merged
    }
}

impl Collector for ValueCounts {
    type Fruit = Tally;
    type Child = SegmentValueCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentValueCounts> {
        let column = segment.fast_fields().str(self.field)?;
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        Ok(SegmentValueCounts {
            column,
            counts: vec![0; terms],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        Ok(Tally::merge(fruits))
    }
}

impl SegmentCollector for SegmentValueCounts {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(column) = &self.column {
            // A value stated twice in one document still counts the document once.
            let mut previous = None;
            for ord in column.term_ords(doc) {
                if previous != Some(ord) {
                    self.counts[ord as usize] += 1;
                }
                previous = Some(ord);
            }
        }
    }

    fn harvest(self) -> Tally {
        let mut tally = Tally::default();
        let Some(column) = self.column else {
            return tally;
        };
        let ords: Vec<u64> = (0..self.counts.len() as u64)
            .filter(|&ord| self.counts[ord as usize] > 0)
            .collect();
        // One pass over the dictionary for all the values seen, not a lookup per value.
        let mut next = ords.iter();
        let _ = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            if let Some(&ord) = next.next() {
                tally.push(bytes, self.counts[ord as usize]);
            }
        });
        tally
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
            column: segment.fast_fields().date("date")?,
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
pub(crate) fn top(tally: Tally, n: usize) -> Vec<(String, u64)> {
    // A bounded heap whose top is the weakest value kept: higher counts win, and among
    // equal counts the smaller value.
    let mut kept: BinaryHeap<(Reverse<u64>, &[u8])> = BinaryHeap::with_capacity(n + 1);
    for (value, count) in tally.iter() {
        if n == 0 {
            break;
        }
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
    top: usize,
    departments: ValueCounts,
    persons: ValueCounts,
}

impl FacetCollector {
    pub(crate) fn new(top: usize) -> FacetCollector {
        FacetCollector {
            top,
            departments: ValueCounts {
                field: "department",
            },
            persons: ValueCounts { field: "persons" },
        }
    }
}

pub(crate) struct SegmentFacets {
    departments: SegmentValueCounts,
    persons: SegmentValueCounts,
    dates: Column<tantivy::DateTime>,
    days: DayCounts,
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

type FacetFruit = (Tally, Tally, Vec<(i64, u64)>);

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        ordinal: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let dates = segment.fast_fields().date("date")?;
        Ok(SegmentFacets {
            departments: self.departments.for_segment(ordinal, segment)?,
            persons: self.persons.for_segment(ordinal, segment)?,
            days: DayCounts::for_column(&dates),
            dates,
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
            departments: counts(top(self.departments.merge_fruits(departments)?, self.top)),
            persons: counts(top(self.persons.merge_fruits(persons)?, self.top)),
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

    fn collect(&mut self, doc: DocId, score: Score) {
        self.departments.collect(doc, score);
        self.persons.collect(doc, score);
        if let Some(date) = self.dates.first(doc) {
            self.days.add(day_of(date));
        }
    }

    fn harvest(self) -> FacetFruit {
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

    fn tally(values: &[(&str, u64)]) -> Tally {
        let mut tally = Tally::default();
        for (value, count) in values {
            tally.push(value.as_bytes(), *count);
        }
        tally
    }

    fn pairs(tally: &Tally) -> Vec<(String, u64)> {
        tally
            .iter()
            .map(|(v, c)| (String::from_utf8_lossy(v).into_owned(), c))
            .collect()
    }

    #[test]
    fn merging_tallies_adds_the_counts_of_equal_values() {
        let merged = Tally::merge(vec![
            tally(&[("国务院", 2), ("李强", 1), ("王毅", 4)]),
            tally(&[]),
            tally(&[("国务院", 3), ("张三", 1)]),
            tally(&[("李强", 5), ("王毅", 1), ("赵六", 2)]),
        ]);
        let mut expected = vec![
            ("国务院".to_string(), 5),
            ("张三".to_string(), 1),
            ("李强".to_string(), 6),
            ("王毅".to_string(), 5),
            ("赵六".to_string(), 2),
        ];
        expected.sort();
        let mut merged = pairs(&merged);
        merged.sort();
        assert_eq!(merged, expected);
        // Values whose digests collide are still told apart.
        let collided = Tally::merge_by(
            vec![
                tally(&[("国务院", 2), ("李强", 1)]),
                tally(&[("李强", 5), ("国务院", 3), ("王毅", 1)]),
            ],
            |_| 7,
        );
        let mut collided = pairs(&collided);
        collided.sort();
        let expected = [("国务院", 5), ("李强", 6), ("王毅", 1)];
        assert_eq!(collided, expected.map(|(v, c)| (v.to_string(), c)).to_vec());
        assert_eq!(pairs(&Tally::merge(vec![])), vec![]);
    }

    #[test]
    fn top_takes_the_most_frequent_with_ties_by_value() {
        let counts = tally(&[("a", 2), ("b", 5), ("c", 2), ("d", 1), ("e", 5)]);
        let top3 = top(counts, 3);
        let expected = [("b", 5), ("e", 5), ("a", 2)];
        assert_eq!(
            top3,
            expected.map(|(v, c)| (v.to_string(), c)).to_vec(),
            "ties go to the smaller value"
        );
        assert!(top(tally(&[("a", 1)]), 0).is_empty());
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
