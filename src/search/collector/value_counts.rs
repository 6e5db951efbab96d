//! Value counts: how many matching documents hold each value of a multi-valued keyword
//! field (departments, meetings, persons), merged across segments through global ordinals, and the
//! most frequent kept.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::FacetCount;
use super::block::BlockCounter;
use super::ordinals::{FacetOrdinals, FieldOrdinals};
use crate::index::field;

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
            field: field::DEPARTMENT,
            ordinals: ordinals.departments.clone(),
            top,
        }
    }

    pub(crate) fn meetings(ordinals: &FacetOrdinals, top: usize) -> ValueCounts {
        ValueCounts {
            field: field::MEETING,
            ordinals: ordinals.meetings.clone(),
            top,
        }
    }

    pub(crate) fn persons(ordinals: &FacetOrdinals, top: usize) -> ValueCounts {
        ValueCounts {
            field: field::PERSONS,
            ordinals: ordinals.persons.clone(),
            top,
        }
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
    type Fruit = Vec<FacetCount>;
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

/// The `n` most frequent values, most frequent first, ties by value.
fn top<'a>(counted: impl Iterator<Item = (&'a [u8], u64)>, n: usize) -> Vec<FacetCount> {
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
        .map(|(Reverse(count), value)| FacetCount {
            value: String::from_utf8_lossy(value).into_owned(),
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::collector::test_support::{owned, pairs};

    #[test]
    fn top_takes_the_most_frequent_with_ties_by_value() {
        let counted = [("a", 2), ("b", 5), ("c", 2), ("d", 1), ("e", 5)];
        let counted = || counted.iter().map(|&(v, c)| (v.as_bytes(), c));
        assert_eq!(
            pairs(&top(counted(), 3)),
            owned(&[("b", 5), ("e", 5), ("a", 2)]),
            "ties go to the smaller value"
        );
        assert_eq!(top(counted(), 10).len(), 5);
        assert!(top(counted(), 0).is_empty());
    }
}
