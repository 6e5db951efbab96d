//! Shards merged into one index: [`merge_shards`] and its [`MergeReport`].
//!
//! Searching shards as one needs no merge ([`Engine::open_shards`](crate::Engine::open_shards));
//! a merge gives one folder to copy and serve, and folds a story that several shards hold
//! into one document by the identity rules of indexing (one document per story, listing
//! every source, its content from the best).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::analysis::Analyzer;
use crate::index;
use crate::{Error, Result};

/// What [`merge_shards`] did, in documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    /// Live documents in all the shards.
    pub documents_in: u64,
    /// Documents folded into another of the same story, held by another shard.
    pub duplicates_folded: u64,
    /// Documents in the merged index.
    pub documents_out: u64,
}

/// Merges the indexes in `shards` into a new index in `into` (a new or empty folder),
/// without analysing their text again: tantivy's segment merger copies what they hold.
/// A story whose id several shards hold becomes one document listing all its sources,
/// its content from the best source (a record before a page before a text dump), as
/// indexing all the inputs into one index would give. Shards whose schema or settings
/// differ are refused, naming the shard and what differs; the merged index takes their
/// settings.
///
/// ```
/// # fn main() -> zhsearch::Result<()> {
/// use zhsearch::{Document, Engine, SearchRequest};
/// let dir = tempfile::tempdir().unwrap();
/// let (a, b, into) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("all"));
/// Engine::create(&a, Default::default())?
///     .add_documents([Document::new("市科协召开党组会议", "会议学习新质生产力。").with_id("k1")])?;
/// Engine::create(&b, Default::default())?
///     .add_documents([Document::new("市科协召开党组会议", "会议学习新质生产力。").with_id("k1"),
///                     Document::new("区政府常务会议", "部署发展新质生产力。").with_id("q1")])?;
/// let report = zhsearch::merge_shards(&[a, b], &into)?;
/// assert_eq!((report.documents_in, report.duplicates_folded, report.documents_out), (3, 1, 2));
/// assert_eq!(Engine::open(&into)?.search(&SearchRequest::new("新质生产力"))?.total, 2);
/// # Ok(()) }
/// ```
pub fn merge_shards(shards: &[PathBuf], into: &Path) -> Result<MergeReport> {
    let Some(first) = shards.first() else {
        return Err(Error::BadIndex {
            path: into.to_path_buf(),
            reason: "no shard given to merge".into(),
        });
    };
    let settings = index::read_compatible(shards)?;
    // The tantivy schemas and settings are compared as the shards are opened together.
    drop(index::ShardsDirectory::open(shards)?);
    if into.exists() && !is_empty_folder(into)? {
        return Err(Error::BadIndex {
            path: into.to_path_buf(),
            reason: "the folder to merge into must be new or empty".into(),
        });
    }
    std::fs::create_dir_all(into).map_err(|e| Error::io(into, e))?;
    let analyzer =
        Analyzer::with_user_dict(&settings.user_dictionary)?.with_lexicon_for(&settings.dictionary);
    let counts = index::merge(shards, into, &analyzer, crate::pipeline::precedence)?;
    // Written last: its presence says the folder holds a complete zhsearch index.
    settings.write(into)?;
    log::info!(
        "merged {} shards from {} into {}",
        shards.len(),
        first.display(),
        into.display()
    );
    Ok(MergeReport {
        documents_in: counts.documents_in,
        duplicates_folded: counts.folded,
        documents_out: counts.documents_out,
    })
}

fn is_empty_folder(path: &Path) -> Result<bool> {
    let mut entries = std::fs::read_dir(path).map_err(|e| Error::io(path, e))?;
    Ok(entries.next().is_none())
}
