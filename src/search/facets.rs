//! Collectors that group a result set: counts per department, person and month, and the
//! span of dates. They read fast fields, so they cost a column lookup per matching
//! document.

use std::collections::{BTreeMap, HashMap};

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

    fn harvest(self) -> HashMap<String, u64> {
        let mut out = HashMap::new();
        let Some(column) = self.column else {
            return out;
        };
        let ords: Vec<u64> = (0..self.counts.len() as u64)
            .filter(|&ord| self.counts[ord as usize] > 0)
            .collect();
        // One pass over the dictionary for all the values seen, not a lookup per value.
        let mut next = ords.iter();
        let _ = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            if let Some(&ord) = next.next() {
                out.insert(
                    String::from_utf8_lossy(bytes).into_owned(),
                    self.counts[ord as usize],
                );
            }
        });
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
    /// Matching documents per day since the Unix epoch; months are made at the end.
    days: HashMap<i64, u64>,
}

type FacetFruit = (
    HashMap<String, u64>,
    HashMap<String, u64>,
    HashMap<i64, u64>,
);

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        ordinal: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        Ok(SegmentFacets {
            departments: self.departments.for_segment(ordinal, segment)?,
            persons: self.persons.for_segment(ordinal, segment)?,
            dates: segment.fast_fields().date("date")?,
            days: HashMap::new(),
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
            *self
                .days
                .entry(date.into_timestamp_secs().div_euclid(86_400))
                .or_default() += 1;
        }
    }

    fn harvest(self) -> FacetFruit {
        (
            self.departments.harvest(),
            self.persons.harvest(),
            self.days,
        )
    }
}
