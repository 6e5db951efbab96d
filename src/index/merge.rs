//! Merging shards into one index without analysing their text again.
//!
//! Input: the folders of shards built alike (checked by the caller with
//! [`check_compatible`](super::shards::check_compatible)), an empty folder, their analyser
//! and the order of a story's sources. Output: one index in that folder. tantivy's segment merger copies the
//! shards' postings, stored documents and fast fields as they are. A story held by
//! several shards (its id in each) becomes one document by the identity rules of the
//! store: every source listed, in the order `precedence` gives, the content of the best;
//! only those documents are written again, after the merge, from their stored fields.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tantivy::directory::OwnedBytes;
use tantivy::fastfield::{AliveBitSet, write_alive_bitset};
use tantivy::{BitSet, Index, IndexReader, ReloadPolicy, TantivyError};

use super::IndexDirectory;
use super::convert::to_tantivy;
use super::lookup::{self, Stored};
use super::schema::{Fields, field};
use super::store::MIN_MEMORY_PER_THREAD;
use crate::analysis::Analyzer;
use crate::{Error, Result};

/// What a merge did, in documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MergeCounts {
    /// Live documents in all the shards.
    pub documents_in: u64,
    /// Documents folded into another of the same story (held by several shards).
    pub folded: u64,
    /// Documents in the merged index.
    pub documents_out: u64,
}

/// A live document: its shard, segment and document number there.
type Place = (usize, u32, u32);

/// Merges the indexes in `shards` into the empty folder `into`; see the module
/// documentation. The caller writes the settings file afterwards.
pub(crate) fn merge(
    shards: &[PathBuf],
    into: &Path,
    analyzer: &Analyzer,
    precedence: fn(&str, &str) -> Ordering,
) -> Result<MergeCounts> {
    let mut indexes = Vec::with_capacity(shards.len());
    let mut readers = Vec::with_capacity(shards.len());
    for path in shards {
        let index = Index::open(IndexDirectory::open(path)?)?;
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        indexes.push(index);
        readers.push(reader);
    }
    let searchers: Vec<_> = readers.iter().map(IndexReader::searcher).collect();
    let fields = Fields::from_schema(&indexes[0].schema())?;

    // Every live document's id, and where it is.
    let mut places: HashMap<String, Vec<Place>> = HashMap::new();
    let mut documents_in = 0;
    let mut id = String::new();
    for (shard, searcher) in searchers.iter().enumerate() {
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let Some(ids) = segment.fast_fields().str(field::ID)? else {
                continue;
            };
            for doc in segment.doc_ids_alive() {
                id.clear();
                if let Some(ord) = ids.ords().first(doc) {
                    ids.ord_to_str(ord, &mut id).map_err(TantivyError::from)?;
                }
                places
                    .entry(id.clone())
                    .or_default()
                    .push((shard, segment_ord as u32, doc));
                documents_in += 1;
            }
        }
    }

    // Stories held by several shards: every copy leaves the merge, one document of all
    // of them is written after it.
    let mut removed: HashMap<(usize, u32), Vec<u32>> = HashMap::new();
    let mut folded_documents = Vec::new();
    let mut folded = 0;
    let mut repeated: Vec<(&String, &Vec<Place>)> =
        places.iter().filter(|(_, at)| at.len() > 1).collect();
    // By id, so that the documents written after the merge come in a reproducible order.
    repeated.sort();
    for (id, at) in repeated {
        let mut copies = Vec::with_capacity(at.len());
        for &(shard, segment_ord, doc) in at {
            removed.entry((shard, segment_ord)).or_default().push(doc);
            if let Some(stored) = lookup::stored(&searchers[shard], &fields, id)? {
                copies.push(stored);
            }
        }
        folded += at.len() as u64 - 1;
        folded_documents.push(fold(copies, precedence));
    }

    let mut segments = Vec::new();
    let mut alive = Vec::new();
    for (shard, (index, searcher)) in indexes.iter().zip(&searchers).enumerate() {
        let by_id: HashMap<_, _> = index
            .searchable_segments()?
            .into_iter()
            .map(|segment| (segment.id(), segment))
            .collect();
        for (segment_ord, reader) in searcher.segment_readers().iter().enumerate() {
            let segment =
                by_id
                    .get(&reader.segment_id())
                    .cloned()
                    .ok_or_else(|| Error::BadIndex {
                        path: shards[shard].clone(),
                        reason: "a segment vanished while merging: is the shard being written?"
                            .into(),
                    })?;
            alive.push(removed.get(&(shard, segment_ord as u32)).map(|docs| {
                let mut kept = BitSet::with_max_value_and_full(reader.max_doc());
                for &doc in docs {
                    kept.remove(doc);
                }
                alive_set(&kept)
            }));
            segments.push(segment);
        }
    }
    let settings = indexes[0].settings().clone();
    let merged = if segments.is_empty() {
        Index::create(IndexDirectory::open(into)?, indexes[0].schema(), settings)?
    } else {
        tantivy::indexer::merge_filtered_segments(
            &segments,
            settings,
            alive,
            IndexDirectory::open(into)?,
        )?
    };
    if !folded_documents.is_empty() {
        // Only these few documents are analysed again, with the shards' own analyser.
        super::register_tokenizers(&merged, analyzer);
        let mut writer: tantivy::IndexWriter =
            merged.writer_with_num_threads(1, MIN_MEMORY_PER_THREAD)?;
        // The one merge below is ours: a background merge started by the commit would take
        // its segments away from under it.
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for stored in &folded_documents {
            writer.add_document(to_tantivy(
                &stored.doc,
                stored.hash,
                &stored.input_hashes,
                &fields,
                None,
            ))?;
        }
        writer.commit()?;
        let ids = merged.searchable_segment_ids()?;
        if ids.len() > 1 {
            writer.merge(&ids).wait()?;
        }
        writer.wait_merging_threads()?;
    }
    Ok(MergeCounts {
        documents_in,
        folded,
        documents_out: documents_in - folded,
    })
}

/// `kept` as the alive set the segment merger takes.
fn alive_set(kept: &BitSet) -> AliveBitSet {
    let mut bytes = Vec::new();
    write_alive_bitset(kept, &mut bytes).expect("writing to memory succeeds");
    AliveBitSet::open(OwnedBytes::new(bytes))
}

/// One document of the copies of a story: every source in `precedence` order, the
/// content of the copy read from the best, every input hash.
fn fold(copies: Vec<Stored>, precedence: fn(&str, &str) -> Ordering) -> Stored {
    let mut sources: Vec<String> = Vec::new();
    let mut input_hashes: Vec<u64> = Vec::new();
    for copy in &copies {
        for source in super::convert::stored_sources(&copy.doc) {
            if !sources.iter().any(|s| s == source) {
                sources.push(source.to_string());
            }
        }
        for hash in &copy.input_hashes {
            if !input_hashes.contains(hash) {
                input_hashes.push(*hash);
            }
        }
    }
    sources.sort_by(|a, b| precedence(a, b));
    let best = copies
        .into_iter()
        .min_by(|a, b| {
            let first = |s: &Stored| s.doc.source.clone().unwrap_or_default();
            precedence(&first(a), &first(b))
        })
        .expect("a folded story has copies");
    let mut doc = best.doc;
    doc.source = sources.first().cloned();
    doc.sources = sources;
    Stored {
        hash: doc.content_hash(),
        doc,
        input_hashes,
    }
}
