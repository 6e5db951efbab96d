//! Batch indexing: read inputs, extract documents in parallel, upsert them by id.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, IndexReader, IndexWriter, Searcher, TERMINATED, Term};

use super::Fields;
use super::convert::to_tantivy;
use crate::extract::Extractor;
use crate::ingest::{self, Input};
use crate::{Document, Engine, Error, Result};

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
    /// Inputs that hold no article (index pages, empty shells), with the reason.
    pub skipped: Vec<Error>,
    /// Inputs that could not be read or parsed, with the reason.
    pub failed: Vec<Error>,
    /// Bytes of input read.
    pub bytes_read: u64,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl IndexReport {
    /// Input read per second, in MB (10^6 bytes).
    pub fn megabytes_per_second(&self) -> f64 {
        self.bytes_read as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }

    fn note(&mut self, error: Error) {
        match error {
            Error::NotAnArticle { .. } => self.skipped.push(error),
            error => self.failed.push(error),
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
        let mut run = Run::start(self, bytes_total)?;
        for error in walk_errors {
            run.report.note(error);
        }
        for file in &files {
            let mut pending: Vec<Result<Input>> = Vec::new();
            let read = ingest::read(file, &mut |input| {
                pending.push(input);
                if pending.len() >= run.batch_size {
                    run.process(std::mem::take(&mut pending));
                }
            });
            run.process(pending);
            if let Err(error) = read {
                run.report.note(error);
            }
            run.report.bytes_read += file.len;
            run.bytes_in_file = 0;
            run.progress();
            run.result()?;
        }
        run.finish(started)
    }

    /// Indexes inputs already read (for example [`crate::sample::inputs`]), then commits.
    pub fn index_inputs(self, inputs: impl IntoIterator<Item = Input>) -> Result<IndexReport> {
        let started = Instant::now();
        let mut run = Run::start(self, 0)?;
        let mut pending = Vec::new();
        for input in inputs {
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

    /// Indexes documents built by the caller, then commits.
    pub fn add_documents(
        self,
        documents: impl IntoIterator<Item = Document>,
    ) -> Result<IndexReport> {
        let started = Instant::now();
        let mut run = Run::start(self, 0)?;
        for doc in documents {
            run.upsert(doc);
            run.result()?;
        }
        run.finish(started)
    }
}

/// The state of one indexing run.
struct Run<'e> {
    writer: IndexWriter,
    reader: IndexReader,
    searcher: Searcher,
    fields: Fields,
    extractor: Extractor,
    batch_size: usize,
    on_progress: Option<ProgressFn<'e>>,
    /// id hash → content hash of documents written in this run.
    written: HashMap<u64, u64>,
    report: IndexReport,
    bytes_total: u64,
    /// Bytes of the current file handed to extraction so far, for progress within a file.
    bytes_in_file: u64,
    documents: u64,
    /// The first error from the index itself, which ends the run.
    fatal: Option<Error>,
}

impl<'e> Run<'e> {
    fn start(indexer: Indexer<'e>, bytes_total: u64) -> Result<Run<'e>> {
        let engine = indexer.engine;
        let budget = indexer.memory_budget.max(indexer.threads * 15_000_000);
        let writer = engine
            .index
            .writer_with_num_threads(indexer.threads, budget)?;
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
            on_progress: indexer.on_progress,
            written: HashMap::new(),
            report: IndexReport::default(),
            bytes_total,
            bytes_in_file: 0,
            documents: 0,
            fatal: None,
        })
    }

    fn process(&mut self, inputs: Vec<Result<Input>>) {
        self.bytes_in_file += inputs
            .iter()
            .flatten()
            .map(|i| i.text.len() as u64 + 1)
            .sum::<u64>();
        let extractor = &self.extractor;
        let documents: Vec<Result<Document>> = inputs
            .into_par_iter()
            .map(|input| input.and_then(|input| extractor.extract(&input)))
            .collect();
        for doc in documents {
            match doc {
                Ok(doc) => self.upsert(doc),
                Err(error) => {
                    self.documents += 1;
                    self.report.note(error);
                }
            }
        }
        self.progress();
    }

    fn upsert(&mut self, doc: Document) {
        self.documents += 1;
        let hash = doc.content_hash();
        let key = xxhash_rust::xxh3::xxh3_64(doc.id.as_bytes());
        let before = match self.written.get(&key) {
            Some(&earlier) => Some(earlier),
            None => match stored_hash(&self.searcher, &self.fields, &doc.id) {
                Ok(found) => found,
                Err(error) => return self.fail(error),
            },
        };
        match before {
            Some(old) if old == hash => {
                self.report.unchanged += 1;
                return;
            }
            Some(_) => self.report.updated += 1,
            None => self.report.added += 1,
        }
        self.written.insert(key, hash);
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, &doc.id));
        if let Err(error) = self
            .writer
            .add_document(to_tantivy(&doc, hash, &self.fields))
        {
            self.fail(error.into());
        }
    }

    fn fail(&mut self, error: Error) {
        self.fatal.get_or_insert(error);
    }

    fn result(&mut self) -> Result<()> {
        self.fatal.take().map_or(Ok(()), Err)
    }

    fn progress(&mut self) {
        // Within a file, count the text handed to extraction; never past the total.
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
        self.writer.commit()?;
        self.writer.wait_merging_threads()?;
        self.reader.reload()?;
        self.report.elapsed = started.elapsed();
        Ok(self.report)
    }
}

/// The content hash of the live document with this id in the committed index, if any.
fn stored_hash(searcher: &Searcher, fields: &Fields, id: &str) -> Result<Option<u64>> {
    let term = Term::from_field_text(fields.id, id);
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(fields.id)?;
        let Some(mut postings) = index
            .read_postings(&term, IndexRecordOption::Basic)
            .map_err(tantivy::TantivyError::from)?
        else {
            continue;
        };
        let hashes = segment.fast_fields().u64("hash")?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if !segment.is_deleted(doc) {
                return Ok(Some(hashes.first(doc).unwrap_or(0)));
            }
            doc = postings.advance();
        }
    }
    Ok(None)
}
