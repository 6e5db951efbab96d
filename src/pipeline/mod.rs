//! Batch indexing: walk, read, skip what the index holds unchanged, extract in parallel,
//! hand the documents to the store.
//!
//! Input: files and folders (through [`crate::ingest`]), inputs already read, or
//! documents built by the caller. Output: the documents in the index (through
//! [`crate::index`]'s store) and an [`IndexReport`] of what the run did.
//!
//! A run is safe to kill at any moment: the index keeps its last commit, and running the
//! same command again skips what that commit holds (inputs are looked up by source and
//! raw-content hash before any extraction), so it completes with no duplicates.
//!
//! [`Indexer`] holds what the caller asked for; a run (`run.rs`) holds where it stands.
//! The [`Engine`](crate::Engine) hands the indexer its collaborators
//! (index, fields, reader, extractor, analyser, folder); nothing here reaches back into it.

mod report;
mod run;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use tantivy::{Index, IndexReader};

pub use report::{IndexReport, Progress};
pub(crate) use run::precedence;

use crate::analysis::Analyzer;
use crate::extract::Extractor;
use crate::index::{CommitPolicy, Fields};
use crate::ingest::{self, Input};
use crate::{Document, Result};

/// What an indexing run works with, lent by the [`Engine`](crate::Engine) that owns them.
#[derive(Clone, Copy)]
pub(crate) struct Collaborators<'e> {
    pub index: &'e Index,
    pub reader: &'e IndexReader,
    pub fields: Fields,
    pub extractor: &'e Extractor,
    /// The analyser whose dictionary segments the text, recorded in the settings.
    pub analyzer: &'e Analyzer,
    /// The index folder, `None` in memory.
    pub dir: Option<&'e Path>,
}

/// What the caller asked of a run, set by [`Indexer`]'s builder methods.
#[derive(Debug, Clone, Copy)]
struct Options {
    threads: usize,
    memory_budget: usize,
    batch_size: usize,
    metadata: bool,
    commit: CommitPolicy,
    max_input_bytes: u64,
    prune: bool,
}

impl Default for Options {
    fn default() -> Options {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Options {
            threads: cores.min(8),
            memory_budget: 256 << 20,
            batch_size: 512,
            metadata: true,
            commit: CommitPolicy {
                every: 50_000,
                interval: Duration::from_secs(60),
            },
            max_input_bytes: ingest::DEFAULT_MAX_INPUT_BYTES,
            prune: false,
        }
    }
}

type ProgressFn<'a> = Box<dyn FnMut(Progress) + 'a>;

/// Adds documents to an [`Engine`](crate::Engine)'s index in batches, extracting them
/// in parallel.
///
/// ```
/// # fn main() -> zhsearch::Result<()> {
/// use zhsearch::{Document, Engine};
/// let engine = Engine::create_in_ram()?;
/// let report = engine
///     .indexer()
///     .threads(1)
///     .add_documents([Document::new("会议", "学习二十大精神。").with_id("a")])?;
/// assert_eq!(report.added, 1);
/// # Ok(()) }
/// ```
pub struct Indexer<'e> {
    with: Collaborators<'e>,
    options: Options,
    interrupt: Option<&'e AtomicBool>,
    on_progress: Option<ProgressFn<'e>>,
}

impl<'e> Indexer<'e> {
    pub(crate) fn new(with: Collaborators<'e>) -> Indexer<'e> {
        Indexer {
            with,
            options: Options::default(),
            interrupt: None,
            on_progress: None,
        }
    }

    /// Threads for tantivy's indexing workers. By default, the number of cores, at most 8.
    pub fn threads(mut self, threads: usize) -> Self {
        self.options.threads = threads.max(1);
        self
    }

    /// Memory for the index writer's buffers, in bytes, shared by its threads (at least
    /// 15 MB each). By default, 256 MiB.
    pub fn memory_budget(mut self, bytes: usize) -> Self {
        self.options.memory_budget = bytes;
        self
    }

    /// Documents extracted in parallel at a time. By default, 512.
    pub fn batch_size(mut self, documents: usize) -> Self {
        self.options.batch_size = documents.max(1);
        self
    }

    /// Whether to extract metadata from the text (meeting date, meeting body, persons);
    /// see [`Extractor::without_metadata`]. By default, yes.
    pub fn extract_metadata(mut self, yes: bool) -> Self {
        self.options.metadata = yes;
        self
    }

    /// Commits after this many documents, and after `interval` has passed since the last
    /// commit, whichever comes first (checked between batches). A crash loses at most
    /// that much work. By default, 50,000 documents or 60 seconds.
    pub fn commit_every(mut self, documents: u64, interval: Duration) -> Self {
        self.options.commit = CommitPolicy {
            every: documents.max(1),
            interval,
        };
        self
    }

    /// The largest page file or JSON Lines line read; bigger ones fail as
    /// [`Problem::TooLarge`](crate::Problem::TooLarge). By default,
    /// [`ingest::DEFAULT_MAX_INPUT_BYTES`].
    pub fn max_input_bytes(mut self, bytes: u64) -> Self {
        self.options.max_input_bytes = bytes;
        self
    }

    /// Whether [`Indexer::index_paths`] removes the documents that came from under the
    /// given paths but whose source (a file, or a line of a JSON Lines file) no longer
    /// exists: a story read from several sources loses the ones gone, and goes with the
    /// last. Sources that fail to read this time are kept. Paths are compared as absolute
    /// paths, however they are spelled. By default, no.
    pub fn prune(mut self, yes: bool) -> Self {
        self.options.prune = yes;
        self
    }

    /// Stops the run at the next batch once `flag` is set (by a Ctrl-C handler, say):
    /// what was done is committed and the report says
    /// [`interrupted`](IndexReport::interrupted).
    pub fn interrupt_on(mut self, flag: &'e AtomicBool) -> Self {
        self.interrupt = Some(flag);
        self
    }

    /// Called after each batch with the run's [`Progress`]. By default, none.
    pub fn on_progress(mut self, callback: impl FnMut(Progress) + 'e) -> Self {
        self.on_progress = Some(Box::new(callback));
        self
    }

    /// Indexes the files and folders in `paths` (see [`crate::ingest::walk`]), then commits.
    pub fn index_paths(self, paths: &[PathBuf]) -> Result<IndexReport> {
        run::index_paths(self, paths)
    }

    /// Indexes inputs already read (for example [`crate::sample::inputs`]), then commits.
    /// Their sources are stored as given (no file is looked at).
    pub fn index_inputs(self, inputs: impl IntoIterator<Item = Input>) -> Result<IndexReport> {
        run::index_inputs(self, inputs)
    }

    /// Indexes documents built by the caller, then commits. A document whose id comes
    /// again in the same call replaces the earlier one. With
    /// [`extract_metadata`](Indexer::extract_metadata) (the default), departments,
    /// persons and meeting date are extracted from title and body where the document
    /// sets none, as for a JSON Lines record: the documents are those `zhsearch index`
    /// makes of the same records.
    pub fn add_documents(
        self,
        documents: impl IntoIterator<Item = Document>,
    ) -> Result<IndexReport> {
        run::add_documents(self, documents)
    }
}
