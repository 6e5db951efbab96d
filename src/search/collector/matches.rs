//! Every matching document with what grouping near-duplicates needs: its address, score,
//! day and sketch. Unlike top-k collectors it keeps all matches, so it serves only
//! `--collapse`, which must see a whole result set to group it.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::field;

/// Seconds in a day: dates are compared by day.
const DAY_SECONDS: i64 = 86_400;

/// One matching document.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    pub address: DocAddress,
    pub score: Score,
    /// Publication time in seconds, if dated.
    pub date: Option<i64>,
    /// The body's near-duplicate sketch.
    pub sketch: Vec<u32>,
}

impl Match {
    /// The day of publication, for the near-duplicates' time window.
    pub fn day(&self) -> Option<i64> {
        self.date.map(|seconds| seconds.div_euclid(DAY_SECONDS))
    }
}

/// Collects every [`Match`].
pub(crate) struct AllMatches;

pub(crate) struct SegmentMatches {
    segment: SegmentOrdinal,
    dates: Column<DateTime>,
    sketches: Column<u64>,
    matches: Vec<Match>,
}

impl Collector for AllMatches {
    type Fruit = Vec<Match>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let fast = reader.fast_fields();
        Ok(SegmentMatches {
            segment,
            dates: fast.date(field::DATE)?,
            sketches: fast.u64(field::SKETCH)?,
            matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<Match>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.matches.push(Match {
            address: DocAddress::new(self.segment, doc),
            score,
            date: self.dates.first(doc).map(|d| d.into_timestamp_secs()),
            // Sketch values are 32-bit hashes stored in a u64 column.
            sketch: self
                .sketches
                .values_for_doc(doc)
                .map(|v| v as u32)
                .collect(),
        });
    }

    fn harvest(self) -> Vec<Match> {
        self.matches
    }
}
