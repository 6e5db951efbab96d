//! Batch indexing: read inputs, extract documents in parallel, upsert them by id, commit
//! in batches.
//!
//! A run is safe to kill at any moment: the index keeps its last commit, and running the
//! same command again skips what that commit holds (inputs are looked up by source and
//! raw-content hash before any extraction), so it completes with no duplicates.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::directory::error::LockError;
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocId, DocSet, IndexReader, IndexWriter, Searcher, SegmentReader, TERMINATED, TantivyError,
    Term,
};

use super::Fields;
use super::convert::to_tantivy;
use crate::extract::Extractor;
use crate::ingest::{self, Input, InputKind};
use crate::{Document, Engine, Error, Problem, Result};

/// The most text extracted in one parallel batch (besides [`Indexer::batch_size`]).
const BATCH_BYTES: usize = 64 << 20;

/// The file in an index folder naming the process that writes to it.
const PID_FILE: &str = "writer.pid";

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
    /// Documents new to the index.
    pub added: u64,
    /// Documents whose id was indexed before with other content, now replaced.
    pub updated: u64,
    /// Documents already indexed with the same content, left as they were.
    pub unchanged: u64,
    /// Documents removed because their source is gone (see [`Indexer::prune`]).
    pub removed: u64,
    /// Inputs passed over on purpose (no article, duplicate id), with the reason.
    pub skipped: Vec<Error>,
    /// Inputs that could not be read or parsed, with the reason.
    pub failed: Vec<Error>,
    /// Bytes of input read.
    pub bytes_read: u64,
    /// Commits made, the last one included.
    pub commits: u64,
    /// True if the run was interrupted (see [`Indexer::interrupt_on`]): what was done
    /// before is committed, the rest was not read.
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

    fn note(&mut self, error: Error) {
        match error.problem() {
            Some(problem) if problem.is_skip() => self.skipped.push(error),
            _ => self.failed.push(error),
        }
    }
}

type ProgressFn<'a> = Box<dyn FnMut(Progress) + 'a>;

/// Adds documents to an [`Engine`]'s index in batches, extracting them in parallel.
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
    engine: &'e Engine,
    threads: usize,
    memory_budget: usize,
    batch_size: usize,
    metadata: bool,
    commit_every: u64,
    commit_interval: Duration,
    max_input_bytes: u64,
    prune: bool,
    interrupt: Option<&'e AtomicBool>,
    on_progress: Option<ProgressFn<'e>>,
}

impl<'e> Indexer<'e> {
    pub(crate) fn new(engine: &'e Engine) -> Indexer<'e> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Indexer {
            engine,
            threads: cores.min(8),
            memory_budget: 256 << 20,
            batch_size: 512,
            metadata: true,
            commit_every: 50_000,
            commit_interval: Duration::from_secs(60),
            max_input_bytes: ingest::DEFAULT_MAX_INPUT_BYTES,
            prune: false,
            interrupt: None,
            on_progress: None,
        }
    }

    /// Threads for tantivy's indexing workers. By default, the number of cores, at most 8.
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads.max(1);
        self
    }

    /// Memory for the index writer's buffers, in bytes, shared by its threads (at least
    /// 15 MB each). By default, 256 MiB.
    pub fn memory_budget(mut self, bytes: usize) -> Self {
        self.memory_budget = bytes;
        self
    }

    /// Documents extracted in parallel at a time. By default, 512.
    pub fn batch_size(mut self, documents: usize) -> Self {
        self.batch_size = documents.max(1);
        self
    }

    /// Whether to extract metadata from the text (meeting date, meeting body, persons);
    /// see [`Extractor::without_metadata`]. By default, yes.
    pub fn extract_metadata(mut self, yes: bool) -> Self {
        self.metadata = yes;
        self
    }

    /// Commits after this many documents, and after `interval` has passed since the last
    /// commit, whichever comes first (checked between batches). A crash loses at most
    /// that much work. By default, 50,000 documents or 60 seconds.
    pub fn commit_every(mut self, documents: u64, interval: Duration) -> Self {
        self.commit_every = documents.max(1);
        self.commit_interval = interval;
        self
    }

    /// The largest page file or JSON Lines line read; bigger ones fail as
    /// [`Problem::TooLarge`]. By default, [`ingest::DEFAULT_MAX_INPUT_BYTES`].
    pub fn max_input_bytes(mut self, bytes: u64) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// Whether [`Indexer::index_paths`] removes the documents that came from under the
    /// given paths but whose source (a file, or a line of a JSON Lines file) no longer
    /// exists. Sources that fail to read this time are kept. Paths are compared as
    /// spelled, so give them the way they were given when indexed. By default, no.
    pub fn prune(mut self, yes: bool) -> Self {
        self.prune = yes;
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
        let started = Instant::now();
        let (files, walk_errors) = ingest::walk(paths);
        let bytes_total = files.iter().map(|f| f.len).sum();
        let max_input_bytes = self.max_input_bytes;
        let mut run = Run::start(self, bytes_total)?;
        for error in walk_errors {
            run.keep_sources_of(&error);
            run.report.note(error);
        }
        // A batch spans files, so that folders of pages are extracted in parallel too; it is
        // also capped in bytes, so that a run of large pages stays within bounded memory.
        let mut pending: Vec<Result<Input>> = Vec::new();
        let mut pending_bytes = 0;
        for file in &files {
            if run.interrupted() {
                break;
            }
            let read = ingest::read(file, max_input_bytes, &mut |input| {
                let len = input.as_ref().map_or(0, |i| i.text.len());
                pending_bytes += len;
                run.bytes_in_file += len as u64 + 1;
                pending.push(input);
                if pending.len() >= run.batch_size || pending_bytes >= BATCH_BYTES {
                    run.process(std::mem::take(&mut pending));
                    pending_bytes = 0;
                    if run.fatal.is_some() || run.interrupted() {
                        return ControlFlow::Break(());
                    }
                }
                ControlFlow::Continue(())
            });
            if let Err(error) = read {
                run.keep_sources_of(&error);
                run.report.note(error);
            }
            run.report.bytes_read += file.len;
            run.bytes_in_file = 0;
            run.progress();
            run.result()?;
        }
        run.process(pending);
        run.result()?;
        if run.prune.is_some() && !run.interrupted() {
            run.prune(paths)?;
        }
        run.finish(started)
    }

    /// Indexes inputs already read (for example [`crate::sample::inputs`]), then commits.
    pub fn index_inputs(self, inputs: impl IntoIterator<Item = Input>) -> Result<IndexReport> {
        let started = Instant::now();
        let mut run = Run::start(self, 0)?;
        let mut pending = Vec::new();
        for input in inputs {
            if run.interrupted() {
                break;
            }
            run.report.bytes_read += input.text.len() as u64;
            pending.push(Ok(input));
            if pending.len() >= run.batch_size {
                run.process(std::mem::take(&mut pending));
                run.result()?;
            }
        }
        run.process(pending);
        run.finish(started)
    }

    /// Indexes documents built by the caller, then commits. A document whose id comes
    /// again in the same call replaces the earlier one.
    pub fn add_documents(
        self,
        documents: impl IntoIterator<Item = Document>,
    ) -> Result<IndexReport> {
        let started = Instant::now();
        let mut run = Run::start(self, 0)?;
        for doc in documents {
            run.upsert(doc, 0, false);
            run.result()?;
            run.maybe_commit();
        }
        run.finish(started)
    }
}

/// What the committed index holds for one source.
struct Known {
    input_hash: u64,
    id: String,
}

/// A document written in this run.
struct Written {
    hash: u64,
    source: Option<String>,
}

/// What pruning needs to know at the end of a run.
#[derive(Default)]
struct Prune {
    /// Sources read in this run, whether they gave a document or failed.
    seen: HashSet<String>,
    /// Files and folders that could not be read: their documents stay.
    keep: Vec<PathBuf>,
}

/// Removes the writer's pid file when the run ends, however it ends.
struct PidFile(PathBuf);

impl Drop for PidFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The state of one indexing run.
struct Run<'e> {
    writer: IndexWriter,
    reader: IndexReader,
    /// The index as the run found it: inputs are compared with this.
    searcher: Searcher,
    fields: Fields,
    extractor: Extractor,
    batch_size: usize,
    commit_every: u64,
    commit_interval: Duration,
    interrupt: Option<&'e AtomicBool>,
    on_progress: Option<ProgressFn<'e>>,
    /// id hash → the document written for it in this run.
    written: HashMap<u64, Written>,
    prune: Option<Prune>,
    report: IndexReport,
    bytes_total: u64,
    /// Bytes of the current file read so far, for progress within a file.
    bytes_in_file: u64,
    documents: u64,
    since_commit: u64,
    last_commit: Instant,
    /// The first error from the index itself, which ends the run.
    fatal: Option<Error>,
    engine: &'e Engine,
    _pid_file: Option<PidFile>,
}

impl<'e> Run<'e> {
    fn start(indexer: Indexer<'e>, bytes_total: u64) -> Result<Run<'e>> {
        let engine = indexer.engine;
        let budget = indexer.memory_budget.max(indexer.threads * 15_000_000);
        let writer = match engine
            .index
            .writer_with_num_threads(indexer.threads, budget)
        {
            Ok(writer) => writer,
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                let path = engine.path().unwrap_or(Path::new("")).to_path_buf();
                let pid = std::fs::read_to_string(path.join(PID_FILE))
                    .ok()
                    .and_then(|text| text.trim().parse().ok());
                return Err(Error::Locked { path, pid });
            }
            Err(error) => return Err(error.into()),
        };
        let pid_file = match engine.path() {
            Some(dir) => {
                let path = dir.join(PID_FILE);
                std::fs::write(&path, std::process::id().to_string())
                    .map_err(|e| Error::io(&path, e))?;
                Some(PidFile(path))
            }
            None => None,
        };
        engine.reader.reload()?;
        Ok(Run {
            writer,
            reader: engine.reader.clone(),
            searcher: engine.reader.searcher(),
            fields: engine.fields,
            extractor: if indexer.metadata {
                engine.extractor.clone()
            } else {
                engine.extractor.clone().without_metadata()
            },
            batch_size: indexer.batch_size,
            commit_every: indexer.commit_every,
            commit_interval: indexer.commit_interval,
            interrupt: indexer.interrupt,
            on_progress: indexer.on_progress,
            written: HashMap::new(),
            prune: indexer.prune.then(Prune::default),
            report: IndexReport::default(),
            bytes_total,
            bytes_in_file: 0,
            documents: 0,
            since_commit: 0,
            last_commit: Instant::now(),
            fatal: None,
            engine,
            _pid_file: pid_file,
        })
    }

    fn interrupted(&self) -> bool {
        self.interrupt
            .is_some_and(|flag| flag.load(Ordering::Relaxed))
    }

    fn process(&mut self, inputs: Vec<Result<Input>>) {
        // Inputs the last commit already holds unchanged are not extracted again.
        let mut fresh = Vec::new();
        for input in inputs {
            let input = match input {
                Ok(input) => input,
                Err(error) => {
                    self.documents += 1;
                    self.keep_sources_of(&error);
                    self.report.note(error);
                    continue;
                }
            };
            let source = input.source.to_string();
            let input_hash = input_hash(&input);
            match self.known(&source) {
                Ok(Some(known)) if known.input_hash == input_hash => {
                    self.keep_unchanged(&known.id, source);
                }
                // A changed input may now give another id (a page without URL is known
                // by its content): its document replaces the one it gave before.
                Ok(known) => fresh.push((input, input_hash, known.map(|k| k.id))),
                Err(error) => self.fail(error),
            }
        }
        let extractor = &self.extractor;
        let documents: Vec<_> = fresh
            .into_par_iter()
            .map(|(input, input_hash, old_id)| (extractor.extract(&input), input_hash, old_id))
            .collect();
        for (doc, input_hash, old_id) in documents {
            match doc {
                Ok(doc) => {
                    let replaced = old_id
                        .filter(|old| *old != doc.id)
                        .is_some_and(|old| self.drop_replaced(&old));
                    let added = self.report.added;
                    self.upsert(doc, input_hash, true);
                    // For the user, the input was updated, whatever its ids.
                    if replaced && self.report.added > added {
                        self.report.added -= 1;
                        self.report.updated += 1;
                    }
                }
                Err(error) => {
                    self.documents += 1;
                    self.keep_sources_of(&error);
                    self.report.note(error);
                }
            }
        }
        self.maybe_commit();
        self.progress();
    }

    /// Counts an input whose document the index holds as it is.
    fn keep_unchanged(&mut self, id: &str, source: String) {
        self.documents += 1;
        if let Some(prune) = &mut self.prune {
            prune.seen.insert(source.clone());
        }
        let key = xxhash_rust::xxh3::xxh3_64(id.as_bytes());
        if let Some(first) = self.written.get(&key) {
            // An earlier input of this run gave the same id and replaced this one.
            let error = duplicate(&source, id, first);
            self.report.note(error);
            return;
        }
        self.report.unchanged += 1;
        self.written.insert(
            key,
            Written {
                hash: 0,
                source: Some(source),
            },
        );
    }

    /// Adds or replaces `doc` by id. With `first_wins`, a second document with an id
    /// already written in this run is skipped as a duplicate; without, it replaces it.
    fn upsert(&mut self, doc: Document, input_hash: u64, first_wins: bool) {
        self.documents += 1;
        if let (Some(prune), Some(source)) = (&mut self.prune, &doc.source) {
            prune.seen.insert(source.clone());
        }
        let hash = doc.content_hash();
        let key = xxhash_rust::xxh3::xxh3_64(doc.id.as_bytes());
        let before = match self.written.get(&key) {
            Some(first) if first_wins => {
                let error = duplicate(doc.source.as_deref().unwrap_or(""), &doc.id, first);
                return self.report.note(error);
            }
            Some(earlier) => Some((earlier.hash, input_hash)),
            None => match stored_hashes(&self.searcher, &self.fields, &doc.id) {
                Ok(found) => found,
                Err(error) => return self.fail(error),
            },
        };
        match before {
            Some((old, old_input)) if old == hash => {
                self.report.unchanged += 1;
                self.written.insert(
                    key,
                    Written {
                        hash,
                        source: doc.source.clone(),
                    },
                );
                // Same document from a changed input (a moved line, reformatted JSON):
                // rewrite it with the new input hash, so that the next run skips it unread.
                if old_input == input_hash || input_hash == 0 {
                    return;
                }
            }
            Some(_) => self.report.updated += 1,
            None => self.report.added += 1,
        }
        self.written.insert(
            key,
            Written {
                hash,
                source: doc.source.clone(),
            },
        );
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, &doc.id));
        self.since_commit += 1;
        if let Err(error) =
            self.writer
                .add_document(to_tantivy(&doc, hash, input_hash, &self.fields))
        {
            self.fail(error.into());
        }
    }

    /// Deletes the document an input gave before it changed into one with another id,
    /// unless this run already wrote that id again. True if it did delete.
    fn drop_replaced(&mut self, old_id: &str) -> bool {
        let key = xxhash_rust::xxh3::xxh3_64(old_id.as_bytes());
        if self.written.contains_key(&key) {
            return false;
        }
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, old_id));
        self.since_commit += 1;
        true
    }

    /// The live document the committed index holds for `source`, if any.
    fn known(&self, source: &str) -> Result<Option<Known>> {
        let term = Term::from_field_text(self.fields.source, source);
        let Some((segment, doc)) = first_live(&self.searcher, &term)? else {
            return Ok(None);
        };
        let input_hash = segment
            .fast_fields()
            .u64("input_hash")?
            .first(doc)
            .unwrap_or(0);
        Ok(Some(Known {
            input_hash,
            id: stored_id(segment, doc)?,
        }))
    }

    /// Marks what a failed input or file held as still wanted: pruning keeps it.
    fn keep_sources_of(&mut self, error: &Error) {
        let Some(prune) = &mut self.prune else { return };
        match error {
            Error::Io { path, .. } => prune.keep.push(path.clone()),
            Error::BadInput { input, .. } => {
                prune.seen.insert(input.to_string());
            }
            _ => {}
        }
    }

    /// Deletes the documents from under `paths` whose source this run did not see.
    fn prune(&mut self, paths: &[PathBuf]) -> Result<()> {
        let Some(prune) = self.prune.take() else {
            return Ok(());
        };
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.source)?;
            let mut terms = inverted.terms().stream().map_err(TantivyError::from)?;
            while terms.advance() {
                let Ok(source) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                if prune.seen.contains(source) {
                    continue;
                }
                let file = source_file(source);
                if prune.keep.iter().any(|k| file.starts_with(k))
                    || !paths.iter().any(|p| file.starts_with(p))
                {
                    continue;
                }
                let mut postings = inverted
                    .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                    .map_err(TantivyError::from)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    // A document whose id this run wrote again was replaced, not removed.
                    if !segment.is_deleted(doc) {
                        let id = stored_id(segment, doc)?;
                        let key = xxhash_rust::xxh3::xxh3_64(id.as_bytes());
                        if !self.written.contains_key(&key) {
                            self.writer
                                .delete_term(Term::from_field_text(self.fields.id, &id));
                            self.report.removed += 1;
                        }
                    }
                    doc = postings.advance();
                }
            }
        }
        Ok(())
    }

    fn fail(&mut self, error: Error) {
        self.fatal.get_or_insert(error);
    }

    fn result(&mut self) -> Result<()> {
        self.fatal.take().map_or(Ok(()), Err)
    }

    fn maybe_commit(&mut self) {
        let due = self.since_commit >= self.commit_every
            || (self.since_commit > 0 && self.last_commit.elapsed() >= self.commit_interval);
        if due
            && self.fatal.is_none()
            && let Err(error) = self.commit()
        {
            self.fail(error);
        }
    }

    fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        self.report.commits += 1;
        self.since_commit = 0;
        self.last_commit = Instant::now();
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

    fn finish(mut self, started: Instant) -> Result<IndexReport> {
        self.result()?;
        self.report.interrupted = self.interrupted();
        self.commit()?;
        if self.report.added + self.report.updated > 0 {
            // The dictionary is loaded by now: these documents were segmented with it.
            self.engine.record_dictionary()?;
        }
        self.writer.wait_merging_threads()?;
        self.reader.reload()?;
        self.report.elapsed = started.elapsed();
        Ok(self.report)
    }
}

fn duplicate(source: &str, id: &str, first: &Written) -> Error {
    let first = first.source.as_deref().unwrap_or("another input");
    Error::bad_input(
        crate::SourceRef::file(source),
        Problem::Duplicate,
        format!("duplicate id `{id}` (first read from {first})"),
    )
}

/// The hash of an input's raw text: equal hashes mean extraction would give the same.
fn input_hash(input: &Input) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
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

fn stored_id(segment: &SegmentReader, doc: DocId) -> Result<String> {
    let mut id = String::new();
    if let Some(column) = segment.fast_fields().str("id")?
        && let Some(ord) = column.ords().first(doc)
    {
        column
            .ord_to_str(ord, &mut id)
            .map_err(TantivyError::from)?;
    }
    Ok(id)
}

/// The content and input hashes of the live document with this id in the committed index.
fn stored_hashes(searcher: &Searcher, fields: &Fields, id: &str) -> Result<Option<(u64, u64)>> {
    let term = Term::from_field_text(fields.id, id);
    let Some((segment, doc)) = first_live(searcher, &term)? else {
        return Ok(None);
    };
    let fast = segment.fast_fields();
    let hash = fast.u64("hash")?.first(doc).unwrap_or(0);
    let input_hash = fast.u64("input_hash")?.first(doc).unwrap_or(0);
    Ok(Some((hash, input_hash)))
}
