//! Global ordinals: each value of the department and person fields numbered once for all
//! segments of an index, so that segments hand over counts as numbers. Kept between
//! queries in an [`OrdinalCache`] and brought up to date as segments come and go.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashMap;
use tantivy::index::SegmentId;
use tantivy::{Searcher, SegmentReader};
use xxhash_rust::xxh3::xxh3_64;

use crate::index::field;

/// Values, each once, numbered in the order they were first added.
#[derive(Debug, Default, Clone)]
pub(super) struct ValueTable {
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
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn value(&self, number: u32) -> &[u8] {
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
    pub(super) values: ValueTable,
    pub(super) segments: HashMap<SegmentId, Arc<[u32]>>,
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

/// Global ordinals of the department, meeting and person fields for one set of segments.
#[derive(Debug, Default, Clone)]
pub(crate) struct FacetOrdinals {
    segments: Vec<SegmentId>,
    pub(super) departments: Arc<FieldOrdinals>,
    pub(super) meetings: Arc<FieldOrdinals>,
    pub(super) persons: Arc<FieldOrdinals>,
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
            (field::DEPARTMENT, &mut next.departments),
            (field::MEETING, &mut next.meetings),
            (field::PERSONS, &mut next.persons),
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
