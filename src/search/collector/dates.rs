//! Date collectors: the span of dates of the matching documents, and per-day counts
//! that become the month facet.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::{field, from_tantivy_date};

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
            column: segment.fast_fields().date(field::DATE)?,
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

/// Matching documents per day since the Unix epoch; months are made at the end, once.
pub(super) enum DayCounts {
    /// A slot per day of the segment's span of dates: an add per document, no hashing.
    Dense { first_day: i64, counts: Vec<u64> },
    /// For a segment whose dates span centuries (stray years in the input), where a slot
    /// per day would cost more than it saves.
    Sparse(HashMap<i64, u64>),
}

impl DayCounts {
    /// About 270 years of days: 800 KB of counters at most, per segment and query.
    const MAX_DENSE_DAYS: i64 = 100_000;

    pub(super) fn for_column(dates: &Column<tantivy::DateTime>) -> DayCounts {
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

    pub(super) fn add(&mut self, day: i64) {
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

    pub(super) fn into_days(self) -> Vec<(i64, u64)> {
        match self {
            DayCounts::Dense { first_day, counts } => (first_day..)
                .zip(counts)
                .filter(|&(_, count)| count > 0)
                .collect(),
            DayCounts::Sparse(days) => days.into_iter().collect(),
        }
    }
}

pub(super) fn day_of(date: tantivy::DateTime) -> i64 {
    date.into_timestamp_secs().div_euclid(86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

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
