//! Reads of the committed index that a run asks before it writes.
//!
//! Input: a tantivy [`Searcher`] on the last commit and a source or an id. Output: what
//! the live document holding it stores (its id, content hash and input hash), read from
//! fast fields, never from the stored documents.

use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Searcher, SegmentReader, TERMINATED, TantivyError, Term};

use super::schema::{Fields, field};
use crate::Result;

/// What the committed index holds for one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Known {
    /// The hash of the raw input the document was made from (0 for none).
    pub input_hash: u64,
    /// The document's id.
    pub id: String,
}

/// The live document the committed index holds for `source`, if any.
pub(super) fn known(searcher: &Searcher, fields: &Fields, source: &str) -> Result<Option<Known>> {
    let term = Term::from_field_text(fields.source, source);
    let Some((segment, doc)) = first_live(searcher, &term)? else {
        return Ok(None);
    };
    let input_hash = segment
        .fast_fields()
        .u64(field::INPUT_HASH)?
        .first(doc)
        .unwrap_or(0);
    Ok(Some(Known {
        input_hash,
        id: stored_id(segment, doc)?,
    }))
}

/// The content and input hashes of the live document with this id in the committed index.
pub(super) fn stored_hashes(
    searcher: &Searcher,
    fields: &Fields,
    id: &str,
) -> Result<Option<(u64, u64)>> {
    let term = Term::from_field_text(fields.id, id);
    let Some((segment, doc)) = first_live(searcher, &term)? else {
        return Ok(None);
    };
    let fast = segment.fast_fields();
    let hash = fast.u64(field::HASH)?.first(doc).unwrap_or(0);
    let input_hash = fast.u64(field::INPUT_HASH)?.first(doc).unwrap_or(0);
    Ok(Some((hash, input_hash)))
}

/// The id of document `doc` of `segment`, from its fast field.
pub(super) fn stored_id(segment: &SegmentReader, doc: DocId) -> Result<String> {
    let mut id = String::new();
    if let Some(column) = segment.fast_fields().str(field::ID)?
        && let Some(ord) = column.ords().first(doc)
    {
        column
            .ord_to_str(ord, &mut id)
            .map_err(TantivyError::from)?;
    }
    Ok(id)
}

/// The first live document holding `term` in the committed index.
fn first_live<'s>(
    searcher: &'s Searcher,
    term: &Term,
) -> Result<Option<(&'s SegmentReader, DocId)>> {
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(term.field())?;
        let Some(mut postings) = index
            .read_postings(term, IndexRecordOption::Basic)
            .map_err(TantivyError::from)?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if !segment.is_deleted(doc) {
                return Ok(Some((segment, doc)));
            }
            doc = postings.advance();
        }
    }
    Ok(None)
}
