//! Collectors that group a result set: counts per department or person, and the span of
//! dates. They read fast fields, so they cost a column lookup per matching document.

use std::collections::HashMap;

use chrono::NaiveDateTime;
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

impl Collector for ValueCounts {
    type Fruit = HashMap<String, u64>;
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

    fn merge_fruits(
        &self,
        fruits: Vec<HashMap<String, u64>>,
    ) -> tantivy::Result<HashMap<String, u64>> {
        let mut merged = HashMap::new();
        for fruit in fruits {
            for (value, count) in fruit {
                *merged.entry(value).or_default() += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentValueCounts {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(column) = &self.column {
            for ord in column.term_ords(doc) {
                self.counts[ord as usize] += 1;
            }
        }
    }

    fn harvest(self) -> HashMap<String, u64> {
        let mut out = HashMap::new();
        let Some(column) = self.column else {
            return out;
        };
        let mut value = String::new();
        for (ord, &count) in self.counts.iter().enumerate() {
            if count > 0 && column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                out.insert(value.clone(), count);
            }
        }
        out
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
pub(crate) fn top(counts: HashMap<String, u64>, n: usize) -> Vec<(String, u64)> {
    let mut sorted: Vec<(String, u64)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sorted.truncate(n);
    sorted
}
