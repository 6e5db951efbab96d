//! What a run reports: [`Progress`] while it goes, an [`IndexReport`] at the end.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::{Error, Problem};

/// How far an indexing run has got, handed to the progress callback.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Bytes of input read so far.
    pub bytes_read: u64,
    /// Bytes of input found in all.
    pub bytes_total: u64,
    /// Documents handled so far (added, updated, unchanged, skipped or failed).
    pub documents: u64,
}

/// What an indexing run did. Inputs that could not be indexed are listed, not fatal.
#[derive(Debug, Default)]
pub struct IndexReport {
    /// Inputs that gave a story new to the index: each is a new document.
    pub added: u64,
    /// Inputs that gave a story the index holds (or this run added) from another source,
    /// such as a page and the JSON record of the same story: the document lists the
    /// source too, and takes its content if it wins (a record over a page). No new
    /// document.
    pub merged: u64,
    /// Inputs whose story was indexed from them before with other content, now replaced
    /// (or that now give another story).
    pub updated: u64,
    /// Inputs whose story is indexed from them with the same content, left as it was.
    pub unchanged: u64,
    /// Documents removed because their source is gone (see [`Indexer::prune`]).
    ///
    /// [`Indexer::prune`]: super::Indexer::prune
    pub removed: u64,
    /// Inputs passed over on purpose (no article, unsupported type), with the reason.
    pub skipped: Vec<Error>,
    /// Inputs that could not be read or parsed, with the reason.
    pub failed: Vec<Error>,
    /// Bytes of input read.
    pub bytes_read: u64,
    /// Commits made, the last one included.
    pub commits: u64,
    /// True if the run was interrupted (see [`Indexer::interrupt_on`]): what was done
    /// before is committed, the rest was not read.
    ///
    /// [`Indexer::interrupt_on`]: super::Indexer::interrupt_on
    pub interrupted: bool,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl IndexReport {
    /// Input read per second, in MB (10^6 bytes).
    pub fn megabytes_per_second(&self) -> f64 {
        self.bytes_read as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The skipped and failed inputs counted by [`Problem`], skips first, then failures.
    ///
    /// ```
    /// # fn main() -> zhsearch::Result<()> {
    /// use zhsearch::{Engine, Problem};
    /// let dir = tempfile::tempdir().unwrap();
    /// std::fs::write(dir.path().join("empty.html"), "").unwrap();
    /// std::fs::write(dir.path().join("r.jsonl"), "{\"title\": 1}\n").unwrap();
    /// let engine = Engine::create_in_ram()?;
    /// let report = engine.index_paths(&[dir.path().to_path_buf()])?;
    /// assert_eq!(report.by_problem(), [(Problem::Empty, 1), (Problem::BadRecord, 1)]);
    /// # Ok(()) }
    /// ```
    pub fn by_problem(&self) -> Vec<(Problem, usize)> {
        let mut counts: BTreeMap<(bool, Problem), usize> = BTreeMap::new();
        for error in self.skipped.iter().chain(&self.failed) {
            let problem = error.problem().unwrap_or(Problem::Unreadable);
            *counts.entry((!problem.is_skip(), problem)).or_default() += 1;
        }
        counts.into_iter().map(|((_, p), n)| (p, n)).collect()
    }

    /// Lists a skipped or failed input under its kind.
    pub(super) fn note(&mut self, error: Error) {
        match error.problem() {
            Some(problem) if problem.is_skip() => self.skipped.push(error),
            _ => self.failed.push(error),
        }
    }
}
