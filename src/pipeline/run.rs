//! Where an indexing run stands, and the batch loop that moves it on.
//!
//! Input: an [`Indexer`] (its options and collaborators) and inputs as they are read.
//! Output: documents handed to the [`Store`], progress reports, and the run's
//! [`IndexReport`].

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use super::{IndexReport, Indexer, Progress, ProgressFn};
use crate::analysis::{Analyzer, WordTokens};
use crate::extract::Extractor;
use crate::index::{Settings, Store, StoreOptions, Upserted};
use crate::ingest::{self, Input, InputKind};
use crate::{Document, Error, Result, SourceRef};

/// The most text extracted in one parallel batch (besides [`Indexer::batch_size`]).
const BATCH_BYTES: usize = 64 << 20;

/// Indexes the files and folders in `paths`; see [`Indexer::index_paths`].
pub(super) fn index_paths(indexer: Indexer<'_>, paths: &[PathBuf]) -> Result<IndexReport> {
    let started = Instant::now();
    let (files, walk_errors) = ingest::walk(paths);
    // Sources are stored by absolute path, so that a folder given as `pr`, `./pr/`, its
    // absolute path or `../pr` from elsewhere is the same sources; listed twice, once.
    let mut stored_paths = HashSet::new();
    let files: Vec<_> = files
        .into_iter()
        .map(|file| {
            let stored = stored_path(&file.path);
            (file, stored)
        })
        .filter(|(_, stored)| stored_paths.insert(stored.clone()))
        .collect();
    let bytes_total = files.iter().map(|(f, _)| f.len).sum();
    let max_input_bytes = indexer.options.max_input_bytes;
    let mut run = Run::start(indexer, started, bytes_total)?;
    for error in walk_errors {
        run.note_failed_source(error, None);
    }
    // A batch spans files, so that folders of pages are extracted in parallel too; it is
    // also capped in bytes, so that a run of large pages stays within bounded memory.
    let mut pending: Vec<Pending> = Vec::new();
    let mut pending_bytes = 0;
    let mut fatal = None;
    for (file, stored) in &files {
        if run.interrupted() {
            break;
        }
        let read = ingest::read(file, max_input_bytes, &mut |input| {
            let len = input.as_ref().map_or(0, |i| i.text.len());
            pending_bytes += len;
            run.bytes_in_file += len as u64 + 1;
            pending.push(Pending::from_file(input, stored));
            if pending.len() >= run.batch_size || pending_bytes >= BATCH_BYTES {
                pending_bytes = 0;
                if let Err(error) = run.process(std::mem::take(&mut pending)) {
                    fatal = Some(error);
                    return ControlFlow::Break(());
                }
                if run.interrupted() {
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        });
        if let Some(error) = fatal.take() {
            return Err(error);
        }
        if let Err(error) = read {
            run.note_failed_source(error, None);
        }
        run.report.bytes_read += file.len;
        run.bytes_in_file = 0;
        run.progress();
    }
    run.process(pending)?;
    if run.unreadable.is_some() && !run.interrupted() {
        run.prune(paths)?;
    }
    run.finish()
}

/// Indexes inputs already read; see [`Indexer::index_inputs`].
pub(super) fn index_inputs(
    indexer: Indexer<'_>,
    inputs: impl IntoIterator<Item = Input>,
) -> Result<IndexReport> {
    let mut run = Run::start(indexer, Instant::now(), 0)?;
    let mut pending = Vec::new();
    for input in inputs {
        if run.interrupted() {
            break;
        }
        run.report.bytes_read += input.text.len() as u64;
        pending.push(Pending {
            stored: input.source.clone(),
            input: Ok(input),
        });
        if pending.len() >= run.batch_size {
            run.process(std::mem::take(&mut pending))?;
        }
    }
    run.process(pending)?;
    run.finish()
}

/// Indexes documents built by the caller; see [`Indexer::add_documents`].
pub(super) fn add_documents(
    indexer: Indexer<'_>,
    documents: impl IntoIterator<Item = Document>,
) -> Result<IndexReport> {
    let mut run = Run::start(indexer, Instant::now(), 0)?;
    for doc in documents {
        run.add_document(doc)?;
    }
    run.finish()
}

/// An input read, or the error reading it, with the source the index keeps it under.
struct Pending {
    input: Result<Input>,
    /// The source as stored: the file's absolute path, and the line.
    stored: SourceRef,
}

impl Pending {
    /// An input read from a file whose stored path is `stored_file`.
    fn from_file(input: Result<Input>, stored_file: &Path) -> Pending {
        let line = match &input {
            Ok(input) => input.source.line,
            Err(Error::BadInput { input, .. }) => input.line,
            Err(_) => None,
        };
        let stored = SourceRef {
            path: stored_file.to_path_buf(),
            line,
        };
        Pending { input, stored }
    }
}

/// The state of one indexing run.
struct Run<'e> {
    store: Store,
    extractor: Extractor,
    batch_size: usize,
    interrupt: Option<&'e AtomicBool>,
    on_progress: Option<ProgressFn<'e>>,
    /// With pruning, the files and folders that could not be read: their documents stay.
    unreadable: Option<Vec<PathBuf>>,
    /// Records the dictionary that segmented the run's text, in the index folder.
    analyzer: &'e Analyzer,
    dir: Option<&'e Path>,
    report: IndexReport,
    started: Instant,
    bytes_total: u64,
    /// Bytes of the current file read so far, for progress within a file.
    bytes_in_file: u64,
    /// Documents handled (added, updated, unchanged, skipped or failed).
    documents: u64,
}

impl<'e> Run<'e> {
    /// Opens the store for a run that began at `started` and will read `bytes_total`.
    fn start(indexer: Indexer<'e>, started: Instant, bytes_total: u64) -> Result<Run<'e>> {
        let Indexer {
            with,
            options,
            interrupt,
            on_progress,
        } = indexer;
        let store_options = StoreOptions {
            threads: options.threads,
            memory_budget: options.memory_budget,
            commit: options.commit,
            track_sources: options.prune,
            precedence,
        };
        let store = Store::open(
            with.index,
            with.dir,
            with.reader,
            with.fields,
            store_options,
        )?;
        let extractor = if options.metadata {
            with.extractor.clone()
        } else {
            with.extractor.clone().without_metadata()
        };
        Ok(Run {
            store,
            extractor,
            batch_size: options.batch_size,
            interrupt,
            on_progress,
            unreadable: options.prune.then(Vec::new),
            analyzer: with.analyzer,
            dir: with.dir,
            report: IndexReport::default(),
            started,
            bytes_total,
            bytes_in_file: 0,
            documents: 0,
        })
    }

    fn interrupted(&self) -> bool {
        self.interrupt
            .is_some_and(|flag| flag.load(Ordering::Relaxed))
    }

    /// Extracts and stores a batch of inputs, then commits if due and reports progress.
    fn process(&mut self, inputs: Vec<Pending>) -> Result<()> {
        // Inputs the last commit already holds unchanged are not extracted again.
        let mut fresh = Vec::new();
        for Pending { input, stored } in inputs {
            let source = stored.to_string();
            let input = match input {
                Ok(input) => input,
                Err(error) => {
                    self.note_failed_input(error, source);
                    continue;
                }
            };
            let input_hash = input_hash(&input, self.extractor.fingerprint());
            match self.store.known(&source)? {
                Some(known) if known.input_hashes.contains(&input_hash) => {
                    self.documents += 1;
                    self.store.see(source);
                    self.count(Upserted::Unchanged);
                }
                // A changed input may now give another story: the store takes it off
                // the one it gave before.
                known => fresh.push((input, stored, input_hash, known.map(|k| k.id))),
            }
        }
        let extractor = &self.extractor;
        let documents: Vec<_> = fresh
            .into_par_iter()
            .map(|(input, stored, input_hash, old_id)| {
                let mut words = <[WordTokens; 2]>::default();
                let doc = extractor.extract_as(&input, &stored, Some(&mut words));
                (doc.map(|doc| (doc, words)), stored, input_hash, old_id)
            })
            .collect();
        for (doc, stored, input_hash, old_id) in documents {
            match doc {
                Ok((doc, words)) => {
                    self.documents += 1;
                    let old_id = old_id.as_deref();
                    let stored = self.store.add_input(doc, Some(words), input_hash, old_id)?;
                    self.count(stored);
                }
                Err(error) => self.note_failed_input(error, stored.to_string()),
            }
        }
        self.store.commit_if_due()?;
        self.progress();
        Ok(())
    }

    /// Stores a document built by the caller, with the metadata its text gives where it
    /// sets none: a later one with the same id replaces it.
    fn add_document(&mut self, doc: Document) -> Result<()> {
        self.documents += 1;
        let doc = self.extractor.complete_stated(doc);
        let stored = self.store.put(doc)?;
        self.count(stored);
        self.store.commit_if_due()?;
        Ok(())
    }

    fn count(&mut self, upserted: Upserted) {
        match upserted {
            Upserted::Added => self.report.added += 1,
            Upserted::Merged => self.report.merged += 1,
            Upserted::Updated => self.report.updated += 1,
            Upserted::Unchanged => self.report.unchanged += 1,
        }
    }

    /// Lists an input that gave no document; pruning keeps what its `source` gave before.
    fn note_failed_input(&mut self, error: Error, source: String) {
        self.documents += 1;
        self.note_failed_source(error, Some(source));
    }

    /// Lists a file, folder or input that could not be read; pruning keeps what it held.
    /// `source` is the input's source as stored, if known.
    fn note_failed_source(&mut self, error: Error, source: Option<String>) {
        if let Some(unreadable) = &mut self.unreadable {
            match &error {
                Error::Io { path, .. } => unreadable.push(stored_path(path)),
                Error::BadInput { input, .. } => {
                    let source = source.unwrap_or_else(|| {
                        let stored = SourceRef {
                            path: stored_path(&input.path),
                            line: input.line,
                        };
                        stored.to_string()
                    });
                    self.store.see(source);
                }
                _ => {}
            }
        }
        self.report.note(error);
    }

    /// Removes the documents from under `paths` whose source this run did not see.
    fn prune(&mut self, paths: &[PathBuf]) -> Result<()> {
        let unreadable = self.unreadable.take().unwrap_or_default();
        let paths: Vec<PathBuf> = paths.iter().map(|p| stored_path(p)).collect();
        let scope = PruneScope {
            paths: &paths,
            unreadable: &unreadable,
        };
        self.report.removed += self.store.prune_unseen(|source| scope.covers(source))?;
        Ok(())
    }

    fn progress(&mut self) {
        // Within a file, count the text read so far; never past the total.
        let in_file = self
            .bytes_in_file
            .min(self.bytes_total.saturating_sub(self.report.bytes_read));
        let progress = Progress {
            bytes_read: self.report.bytes_read + in_file,
            bytes_total: self.bytes_total,
            documents: self.documents,
        };
        if let Some(callback) = self.on_progress.as_mut() {
            callback(progress);
        }
    }

    /// Commits, records the dictionary if anything was written, and reports.
    fn finish(mut self) -> Result<IndexReport> {
        self.report.interrupted = self.interrupted();
        self.report.commits += self.store.finish()?;
        if self.report.added + self.report.updated > 0
            && let Some(dir) = self.dir
        {
            // The dictionary is loaded by now: these documents were segmented with it.
            Settings::record_dictionary(dir, self.analyzer.fingerprint())?;
        }
        self.report.elapsed = self.started.elapsed();
        Ok(self.report)
    }
}

/// The sources a pruning run may remove: under the paths given, not under one that
/// could not be read.
struct PruneScope<'a> {
    paths: &'a [PathBuf],
    unreadable: &'a [PathBuf],
}

impl PruneScope<'_> {
    fn covers(&self, source: &str) -> bool {
        let file = source_file(source);
        self.paths.iter().any(|p| file.starts_with(p))
            && !self.unreadable.iter().any(|u| file.starts_with(u))
    }
}

/// The path a source is stored under: absolute, with links, `.` and `..` resolved, so
/// that it names the file however it was spelled and wherever zhsearch ran. A path that
/// cannot be resolved (gone, or unreadable) is made absolute as it is.
fn stored_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The order of a story's sources, whose first gives the story's content: JSON records
/// (which state their fields), then HTML pages (whose fields are extracted from markup),
/// then text dumps (which lost even that); among equals, by path, then line number. It
/// depends on the sources alone, so the same sources give the same document in any order.
pub(crate) fn precedence(a: &str, b: &str) -> std::cmp::Ordering {
    fn key(source: &str) -> (u8, &Path, u64) {
        let file = source_file(source);
        let rank = match InputKind::from_path(file) {
            Some(InputKind::JsonLines) => 0,
            Some(InputKind::TextPage) => 2,
            // HTML pages, by extension or by content (server pages, no extension).
            Some(InputKind::Html) | None => 1,
        };
        let line = source
            .get(file.as_os_str().len() + 1..)
            .and_then(|line| line.parse().ok())
            .unwrap_or(0);
        (rank, file, line)
    }
    key(a).cmp(&key(b))
}

/// The hash of an input's raw text: equal hashes mean extraction would give the same.
/// What an input is to the index: its kind and text as read by the extractor of
/// `fingerprint` ([`Extractor::fingerprint`]).
fn input_hash(input: &Input, fingerprint: u64) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&fingerprint.to_le_bytes());
    hasher.update(&[input.kind as u8]);
    hasher.update(input.text.as_bytes());
    hasher.digest()
}

/// The file a stored source names: `path`, or `path:line` for a JSON Lines record.
fn source_file(source: &str) -> &Path {
    if let Some((path, line)) = source.rsplit_once(':')
        && !line.is_empty()
        && line.bytes().all(|b| b.is_ascii_digit())
        && InputKind::from_path(Path::new(path)) == Some(InputKind::JsonLines)
    {
        return Path::new(path);
    }
    Path::new(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_source_names_its_file() {
        assert_eq!(source_file("c/r.jsonl:12"), Path::new("c/r.jsonl"));
        assert_eq!(source_file("c/a.html"), Path::new("c/a.html"));
        // Only JSON Lines files have lines: a page named with a colon is itself.
        assert_eq!(source_file("c/a.html:12"), Path::new("c/a.html:12"));
        assert_eq!(source_file("c/r.jsonl:"), Path::new("c/r.jsonl:"));
    }

    #[test]
    fn pruning_covers_the_given_paths_but_not_unreadable_ones() {
        let paths = [PathBuf::from("corpus")];
        let unreadable = [PathBuf::from("corpus/locked")];
        let scope = PruneScope {
            paths: &paths,
            unreadable: &unreadable,
        };
        assert!(scope.covers("corpus/a.html"));
        assert!(scope.covers("corpus/r.jsonl:3"));
        assert!(!scope.covers("corpus/locked/b.html"));
        assert!(!scope.covers("elsewhere/a.html"));
    }

    #[test]
    fn records_give_a_story_its_content_before_pages_and_pages_before_text_dumps() {
        let mut sources = [
            "c/b.txt",
            "c/a.html",
            "c/r.jsonl:10",
            "c/b.php",
            "c/r.jsonl:9",
            "b/r.jsonl:20",
        ];
        sources.sort_by(|a, b| precedence(a, b));
        assert_eq!(
            sources,
            [
                "b/r.jsonl:20",
                "c/r.jsonl:9",
                "c/r.jsonl:10",
                "c/a.html",
                "c/b.php",
                "c/b.txt"
            ]
        );
    }

    #[test]
    fn the_input_hash_sees_kind_and_text() {
        let input = |kind, text: &str| Input {
            source: crate::SourceRef::file("a"),
            kind,
            text: text.to_string(),
        };
        let rules = Extractor::default().fingerprint();
        let page = input_hash(&input(InputKind::Html, "正文"), rules);
        assert_eq!(page, input_hash(&input(InputKind::Html, "正文"), rules));
        assert_ne!(page, input_hash(&input(InputKind::Html, "正文。"), rules));
        assert_ne!(page, input_hash(&input(InputKind::TextPage, "正文"), rules));
        // Other rules read the same input again.
        let without = Extractor::default().without_metadata().fingerprint();
        assert_ne!(page, input_hash(&input(InputKind::Html, "正文"), without));
    }
}
