//! Reads of the committed index that a run asks before it writes.
//!
//! Input: a tantivy [`Searcher`] on a commit and a source or an id. Output: what the
//! live document holding it stores: for a source, its id and input hashes, read from fast
//! fields; for an id, the whole stored document (to merge another source into it).

use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocAddress, DocId, DocSet, Searcher, SegmentReader, TERMINATED, TantivyDocument, TantivyError,
    Term,
};

use super::convert::from_tantivy;
use super::schema::{Fields, field};
use crate::{Document, Result};

/// What the committed index holds for one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Known {
    /// The hashes of the raw inputs the document was made from, one per source read.
    pub input_hashes: Vec<u64>,
    /// The document's id.
    pub id: String,
}

/// A live document as stored, with the hashes kept beside it.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub doc: Document,
    /// Its content hash, as written.
    pub hash: u64,
    /// The hashes of the raw inputs it was made from.
    pub input_hashes: Vec<u64>,
}

/// The live document the committed index holds for `source`, if any.
pub(super) fn known(searcher: &Searcher, fields: &Fields, source: &str) -> Result<Option<Known>> {
    let term = Term::from_field_text(fields.source, source);
    let Some((ord, doc)) = first_live(searcher, &term)? else {
        return Ok(None);
    };
    let segment = searcher.segment_reader(ord);
    Ok(Some(Known {
        input_hashes: input_hashes(segment, doc)?,
        id: stored_id(segment, doc)?,
    }))
}

/// The live document with this id, as stored.
pub(super) fn stored(searcher: &Searcher, fields: &Fields, id: &str) -> Result<Option<Stored>> {
    let term = Term::from_field_text(fields.id, id);
    let Some((ord, doc)) = first_live(searcher, &term)? else {
        return Ok(None);
    };
    let segment = searcher.segment_reader(ord);
    let tantivy_doc: TantivyDocument = searcher.doc(DocAddress::new(ord, doc))?;
    Ok(Some(Stored {
        doc: from_tantivy(&tantivy_doc, fields),
        hash: segment
            .fast_fields()
            .u64(field::HASH)?
            .first(doc)
            .unwrap_or(0),
        input_hashes: input_hashes(segment, doc)?,
    }))
}

fn input_hashes(segment: &SegmentReader, doc: DocId) -> Result<Vec<u64>> {
    Ok(segment
        .fast_fields()
        .u64(field::INPUT_HASH)?
        .values_for_doc(doc)
        .collect())
}

/// The id of document `doc` of `segment`, from its fast field.
pub(crate) fn stored_id(segment: &SegmentReader, doc: DocId) -> Result<String> {
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

/// The first live document holding `term`: its segment's ordinal and its id there.
fn first_live(searcher: &Searcher, term: &Term) -> Result<Option<(u32, DocId)>> {
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
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
                return Ok(Some((ord as u32, doc)));
            }
            doc = postings.advance();
        }
    }
    Ok(None)
}
