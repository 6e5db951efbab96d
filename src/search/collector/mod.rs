//! Collectors that group a result set: counts per department, person and month, and the
//! span of dates. They read fast fields, so they cost a column lookup per matching
//! document; the facet counts gather matching documents into blocks and read each
//! block's values with tantivy's batch reads, which skip a dynamic call per value.
//!
//! Department and person counts use global ordinals: each value of a field is numbered
//! once for all segments of an index ([`OrdinalCache`], kept between queries), so that a
//! segment hands over its counts as numbers and the merge adds them up in an array. Only
//! the values shown are turned back into text.
//!
//! The rooms: `ordinals` (global ordinals and their cache), `block` (counting matching
//! documents a block at a time), `value_counts` (counts of one keyword field), `dates`
//! (the date span and per-day counts), `facets` (all facets of a result set at once).

mod block;
mod dates;
mod facets;
mod matches;
mod ordinals;
mod value_counts;

pub(crate) use dates::DateSpan;
pub(crate) use facets::FacetCollector;
pub use facets::{FacetCount, Facets};
pub(crate) use matches::{AllMatches, Match};
pub(crate) use ordinals::OrdinalCache;
pub(crate) use value_counts::ValueCounts;

#[cfg(test)]
mod test_support {
    use super::FacetCount;

    /// `(value, count)` pairs as owned strings.
    pub(super) fn owned(pairs: &[(&str, u64)]) -> Vec<(String, u64)> {
        pairs.iter().map(|(v, c)| (v.to_string(), *c)).collect()
    }

    /// Facet counts as pairs, in the order given.
    pub(super) fn pairs(counts: &[FacetCount]) -> Vec<(String, u64)> {
        counts.iter().map(|c| (c.value.clone(), c.count)).collect()
    }
}
