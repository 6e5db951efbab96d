//! The store: writes documents into the tantivy index by id, and commits.
//!
//! Input: [`Document`]s, each with the hash of the raw input it came from (0 for none),
//! handed over by the indexing pipeline above ([`crate::pipeline`]). Output: the index's
//! documents, upserted by id, deleted when replaced or pruned, committed by a
//! [`CommitPolicy`]; and for each document what became of it ([`Upserted`]).
//!
//! The store knows nothing of files or extraction: a source is an opaque string to it, and
//! which sources pruning may remove is the caller's to say.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::directory::error::LockError;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, IndexReader, IndexWriter, Searcher, TERMINATED, TantivyError, Term};

use super::convert::to_tantivy;
use super::lookup::{self, Known};
use super::schema::Fields;
use crate::{Document, Error, Problem, Result, SourceRef};

/// The least memory tantivy lets an indexing thread have (its `MEMORY_BUDGET_NUM_BYTES_MIN`,
/// which it does not export): a smaller budget per thread is refused.
pub(crate) const MIN_MEMORY_PER_THREAD: usize = 15_000_000;

/// The file in an index folder naming the process that writes to it.
const PID_FILE: &str = "writer.pid";

/// When to commit: after `every` writes, or once `interval` has passed since the last
/// commit, whichever comes first.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CommitPolicy {
    pub every: u64,
    pub interval: Duration,
}

/// How a store is opened.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoreOptions {
    /// Threads for tantivy's indexing workers.
    pub threads: usize,
    /// Memory for the writer's buffers, shared by its threads (raised to
    /// [`MIN_MEMORY_PER_THREAD`] each).
    pub memory_budget: usize,
    pub commit: CommitPolicy,
    /// Whether to remember the sources written or seen, for [`Store::prune_unseen`].
    pub track_sources: bool,
}

/// What a document does whose id another document of the same run was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Duplicates {
    /// A second document with an id written in this run is skipped (inputs read from
    /// files: the first one read is the one kept).
    FirstWins,
    /// A second document with an id written in this run replaces the first (documents
    /// built by the caller).
    LaterReplaces,
}

/// What became of a document handed to the store.
#[derive(Debug)]
pub(crate) enum Upserted {
    /// New to the index.
    Added,
    /// Its id was indexed before with other content, now replaced.
    Updated,
    /// Already indexed with the same content.
    Unchanged,
    /// Another document of this run had its id first; the error says which.
    Duplicate(Error),
}

/// A document written in this run.
struct Written {
    hash: u64,
    source: Option<String>,
}

/// The key of an id in a run's table of writes.
fn id_key(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// Removes the writer's pid file when the store is dropped, however the run ends.
struct PidFile(PathBuf);

impl Drop for PidFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The index open for writing during one run.
pub(crate) struct Store {
    writer: IndexWriter,
    reader: IndexReader,
    /// The index as the run found it: documents are compared with this.
    committed: Searcher,
    fields: Fields,
    policy: CommitPolicy,
    /// id key → the document written for it in this run.
    written: HashMap<u64, Written>,
    /// Sources written, kept unchanged or seen in this run, when tracked.
    seen: Option<HashSet<String>>,
    since_commit: u64,
    last_commit: Instant,
    commits: u64,
    _pid_file: Option<PidFile>,
}

impl Store {
    /// Opens `index` for writing. `dir` is its folder (`None` in memory), where the pid
    /// file goes: a second writer is told the pid of the first ([`Error::Locked`]).
    pub(crate) fn open(
        index: &Index,
        dir: Option<&Path>,
        reader: &IndexReader,
        fields: Fields,
        options: StoreOptions,
    ) -> Result<Store> {
        let threads = options.threads.max(1);
        let budget = options.memory_budget.max(threads * MIN_MEMORY_PER_THREAD);
        let writer = match index.writer_with_num_threads(threads, budget) {
            Ok(writer) => writer,
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                let path = dir.unwrap_or(Path::new("")).to_path_buf();
                let pid = std::fs::read_to_string(path.join(PID_FILE))
                    .ok()
                    .and_then(|text| text.trim().parse().ok());
                return Err(Error::Locked { path, pid });
            }
            Err(error) => return Err(error.into()),
        };
        let pid_file = match dir {
            Some(dir) => {
                let path = dir.join(PID_FILE);
                std::fs::write(&path, std::process::id().to_string())
                    .map_err(|e| Error::io(&path, e))?;
                Some(PidFile(path))
            }
            None => None,
        };
        reader.reload()?;
        Ok(Store {
            writer,
            reader: reader.clone(),
            committed: reader.searcher(),
            fields,
            policy: options.commit,
            written: HashMap::new(),
            seen: options.track_sources.then(HashSet::new),
            since_commit: 0,
            last_commit: Instant::now(),
            commits: 0,
            _pid_file: pid_file,
        })
    }

    /// What the committed index holds for `source` (its input hash and id), if anything.
    pub(crate) fn known(&self, source: &str) -> Result<Option<Known>> {
        lookup::known(&self.committed, &self.fields, source)
    }

    /// Notes that `source` was read in this run although it gave no document (it failed,
    /// or had no article): pruning keeps what it gave before.
    pub(crate) fn see(&mut self, source: String) {
        if let Some(seen) = &mut self.seen {
            seen.insert(source);
        }
    }

    /// Counts the document with `id` that the committed index holds for `source`, whose
    /// input is unchanged, as written in this run, unless another document of the run
    /// has that id already.
    pub(crate) fn keep_unchanged(&mut self, id: &str, source: String) -> Upserted {
        self.see(source.clone());
        let key = id_key(id);
        if let Some(first) = self.written.get(&key) {
            // An earlier input of this run gave the same id and replaced this one.
            return Upserted::Duplicate(duplicate(&source, id, first));
        }
        let written = Written {
            hash: 0,
            source: Some(source),
        };
        self.written.insert(key, written);
        Upserted::Unchanged
    }

    /// Adds or replaces `doc` by id; `input_hash` is that of the raw input it came from
    /// (0 for none). A document already in the index with the same content is left as it
    /// is, unless it came from another input.
    pub(crate) fn upsert(
        &mut self,
        doc: Document,
        input_hash: u64,
        duplicates: Duplicates,
    ) -> Result<Upserted> {
        if let Some(source) = &doc.source {
            self.see(source.clone());
        }
        let hash = doc.content_hash();
        let key = id_key(&doc.id);
        let before = match self.written.get(&key) {
            Some(first) if duplicates == Duplicates::FirstWins => {
                let source = doc.source.as_deref().unwrap_or("");
                return Ok(Upserted::Duplicate(duplicate(source, &doc.id, first)));
            }
            Some(earlier) => Some((earlier.hash, input_hash)),
            None => lookup::stored_hashes(&self.committed, &self.fields, &doc.id)?,
        };
        let written = Written {
            hash,
            source: doc.source.clone(),
        };
        self.written.insert(key, written);
        let upserted = match before {
            Some((old, old_input)) if old == hash => {
                if old_input == input_hash || input_hash == 0 {
                    return Ok(Upserted::Unchanged);
                }
                // Same document from a changed input (a moved line, reformatted JSON):
                // rewritten with the new input hash, so that the next run skips it unread.
                Upserted::Unchanged
            }
            Some(_) => Upserted::Updated,
            None => Upserted::Added,
        };
        self.delete(&doc.id);
        self.writer
            .add_document(to_tantivy(&doc, hash, input_hash, &self.fields))?;
        Ok(upserted)
    }

    /// Upserts `doc`, made from an input that gave the document `previous_id` before it
    /// changed (a page without URL is known by its content, so its id can change). That
    /// document is deleted unless this run wrote its id again; the input then counts as
    /// updated, whatever its ids. A second document of the run with the same id is a
    /// duplicate.
    pub(crate) fn upsert_replacing(
        &mut self,
        doc: Document,
        input_hash: u64,
        previous_id: Option<&str>,
    ) -> Result<Upserted> {
        let replaced = previous_id
            .filter(|previous| *previous != doc.id)
            .is_some_and(|previous| self.drop_replaced(previous));
        Ok(match self.upsert(doc, input_hash, Duplicates::FirstWins)? {
            Upserted::Added if replaced => Upserted::Updated,
            upserted => upserted,
        })
    }

    /// Deletes the document with `id` unless this run wrote that id. True if it did delete.
    fn drop_replaced(&mut self, id: &str) -> bool {
        if self.written.contains_key(&id_key(id)) {
            return false;
        }
        self.delete(id);
        true
    }

    fn delete(&mut self, id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, id));
        self.since_commit += 1;
    }

    /// Deletes the committed documents whose source this run did not see, among the
    /// sources `in_scope` accepts, unless this run wrote their id again (they were
    /// replaced, not removed). Returns how many it deleted; without tracked sources, none.
    pub(crate) fn prune_unseen(&mut self, in_scope: impl Fn(&str) -> bool) -> Result<u64> {
        let Some(seen) = self.seen.take() else {
            return Ok(0);
        };
        let mut removed = 0;
        for segment in self.committed.segment_readers() {
            let inverted = segment.inverted_index(self.fields.source)?;
            let mut terms = inverted.terms().stream().map_err(TantivyError::from)?;
            while terms.advance() {
                let Ok(source) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                if seen.contains(source) || !in_scope(source) {
                    continue;
                }
                let mut postings = inverted
                    .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                    .map_err(TantivyError::from)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if !segment.is_deleted(doc) {
                        let id = lookup::stored_id(segment, doc)?;
                        if !self.written.contains_key(&id_key(&id)) {
                            self.writer
                                .delete_term(Term::from_field_text(self.fields.id, &id));
                            removed += 1;
                        }
                    }
                    doc = postings.advance();
                }
            }
        }
        Ok(removed)
    }

    /// Commits if the [`CommitPolicy`] says it is time. True if it did.
    pub(crate) fn commit_if_due(&mut self) -> Result<bool> {
        let due = self.since_commit >= self.policy.every
            || (self.since_commit > 0 && self.last_commit.elapsed() >= self.policy.interval);
        if due {
            self.commit()?;
        }
        Ok(due)
    }

    fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        self.commits += 1;
        self.since_commit = 0;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// Commits what is left, waits for merges, and makes the run's documents searchable.
    /// Returns the commits made, this last one included.
    pub(crate) fn finish(mut self) -> Result<u64> {
        self.commit()?;
        self.writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(self.commits)
    }
}

fn duplicate(source: &str, id: &str, first: &Written) -> Error {
    let first = first.source.as_deref().unwrap_or("another input");
    Error::bad_input(
        SourceRef::file(source),
        Problem::Duplicate,
        format!("duplicate id `{id}` (first read from {first})"),
    )
}

#[cfg(test)]
mod tests {
    use tantivy::ReloadPolicy;

    use super::*;
    use crate::analysis::Analyzer;

    /// An index in RAM with zhsearch's schema and tokenizers.
    struct RamIndex {
        index: Index,
        reader: IndexReader,
        fields: Fields,
    }

    impl RamIndex {
        fn new() -> RamIndex {
            let index = Index::create_in_ram(Fields::schema());
            crate::index::register_tokenizers(&index, &Analyzer::new());
            let reader = index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()
                .unwrap();
            let fields = Fields::from_schema(&index.schema()).unwrap();
            RamIndex {
                index,
                reader,
                fields,
            }
        }

        /// A single-threaded store that commits only when finished, unless `every` says.
        fn store_committing_every(&self, every: u64, track_sources: bool) -> Store {
            let options = StoreOptions {
                threads: 1,
                memory_budget: 0,
                commit: CommitPolicy {
                    every,
                    interval: Duration::from_secs(3600),
                },
                track_sources,
            };
            Store::open(&self.index, None, &self.reader, self.fields, options).unwrap()
        }

        fn store(&self) -> Store {
            self.store_committing_every(u64::MAX, false)
        }

        /// The committed documents as `id=body` (sorted).
        fn documents(&self) -> Vec<String> {
            self.reader.reload().unwrap();
            let searcher = self.reader.searcher();
            let mut found = Vec::new();
            for segment in searcher.segment_readers() {
                let store = segment.get_store_reader(1).unwrap();
                for doc in segment.doc_ids_alive() {
                    let stored: tantivy::TantivyDocument = store.get(doc).unwrap();
                    let doc = crate::index::from_tantivy(&stored, &self.fields);
                    found.push(format!("{}={}", doc.id, doc.body));
                }
            }
            found.sort();
            found
        }

        fn known(&self, source: &str) -> Option<Known> {
            self.reader.reload().unwrap();
            lookup::known(&self.reader.searcher(), &self.fields, source).unwrap()
        }
    }

    fn doc(id: &str, body: &str, source: &str) -> Document {
        let mut doc = Document::new("标题", body).with_id(id);
        doc.source = Some(source.to_string());
        doc
    }

    fn kind(upserted: &Upserted) -> &'static str {
        match upserted {
            Upserted::Added => "added",
            Upserted::Updated => "updated",
            Upserted::Unchanged => "unchanged",
            Upserted::Duplicate(_) => "duplicate",
        }
    }

    fn upsert(store: &mut Store, doc: Document, input_hash: u64) -> &'static str {
        kind(
            &store
                .upsert(doc, input_hash, Duplicates::FirstWins)
                .unwrap(),
        )
    }

    #[test]
    fn documents_are_added_updated_or_left_unchanged_by_id() {
        let ram = RamIndex::new();
        let mut store = ram.store();
        assert_eq!(upsert(&mut store, doc("a", "一", "a.html"), 1), "added");
        assert_eq!(upsert(&mut store, doc("b", "二", "b.html"), 2), "added");
        assert_eq!(store.finish().unwrap(), 1);

        let mut store = ram.store();
        assert_eq!(upsert(&mut store, doc("a", "一", "a.html"), 1), "unchanged");
        assert_eq!(upsert(&mut store, doc("b", "二改", "b.html"), 3), "updated");
        store.finish().unwrap();
        assert_eq!(ram.documents(), ["a=一", "b=二改"]);
        assert_eq!(ram.known("b.html").map(|k| k.input_hash), Some(3));
    }

    #[test]
    fn the_same_document_from_a_changed_input_is_rewritten_with_its_new_input_hash() {
        let ram = RamIndex::new();
        let mut store = ram.store();
        upsert(&mut store, doc("a", "一", "r.jsonl:1"), 1);
        store.finish().unwrap();

        let mut store = ram.store();
        assert_eq!(
            upsert(&mut store, doc("a", "一", "r.jsonl:1"), 9),
            "unchanged"
        );
        store.finish().unwrap();
        let known = ram.known("r.jsonl:1").unwrap();
        assert_eq!((known.input_hash, known.id.as_str()), (9, "a"));
        assert_eq!(ram.documents(), ["a=一"]);
    }

    #[test]
    fn the_first_input_with_an_id_wins_and_later_ones_are_duplicates() {
        let ram = RamIndex::new();
        let mut store = ram.store();
        assert_eq!(upsert(&mut store, doc("a", "先", "first.html"), 1), "added");
        let second = store
            .upsert(doc("a", "后", "second.html"), 2, Duplicates::FirstWins)
            .unwrap();
        let Upserted::Duplicate(error) = second else {
            panic!("not a duplicate: {second:?}");
        };
        assert_eq!(error.problem(), Some(Problem::Duplicate));
        assert_eq!(
            error.to_string(),
            "second.html: duplicate id `a` (first read from first.html)"
        );
        store.finish().unwrap();
        assert_eq!(ram.documents(), ["a=先"]);
    }

    #[test]
    fn a_later_document_built_by_the_caller_replaces_an_earlier_one() {
        let ram = RamIndex::new();
        let mut store = ram.store();
        let mut later = |body: &str| {
            let doc = Document::new("标题", body).with_id("a");
            kind(&store.upsert(doc, 0, Duplicates::LaterReplaces).unwrap())
        };
        assert_eq!(later("先"), "added");
        assert_eq!(later("后"), "updated");
        assert_eq!(later("后"), "unchanged");
        store.finish().unwrap();
        assert_eq!(ram.documents(), ["a=后"]);
    }

    #[test]
    fn an_unchanged_input_keeps_its_id_against_later_inputs() {
        let ram = RamIndex::new();
        let mut store = ram.store();
        upsert(&mut store, doc("a", "一", "a.html"), 1);
        store.finish().unwrap();

        let mut store = ram.store();
        let known = store.known("a.html").unwrap().unwrap();
        assert_eq!((known.input_hash, known.id.as_str()), (1, "a"));
        assert!(store.known("b.html").unwrap().is_none());
        assert_eq!(
            kind(&store.keep_unchanged("a", "a.html".into())),
            "unchanged"
        );
        assert_eq!(upsert(&mut store, doc("a", "另", "b.html"), 2), "duplicate");
        // And the other way round: an input kept unchanged after its id was written.
        assert_eq!(upsert(&mut store, doc("c", "三", "c.html"), 3), "added");
        assert_eq!(
            kind(&store.keep_unchanged("c", "d.html".into())),
            "duplicate"
        );
        store.finish().unwrap();
        assert_eq!(ram.documents(), ["a=一", "c=三"]);
    }

    #[test]
    fn a_changed_input_with_a_new_id_replaces_its_old_document() {
        let ram = RamIndex::new();
        let mut store = ram.store();
        upsert(&mut store, doc("old", "旧", "a.html"), 1);
        upsert(&mut store, doc("kept", "留", "b.html"), 1);
        store.finish().unwrap();

        let mut store = ram.store();
        let replaced = store
            .upsert_replacing(doc("new", "新", "a.html"), 2, Some("old"))
            .unwrap();
        assert_eq!(kind(&replaced), "updated");
        // An old id this run wrote again is not deleted.
        assert_eq!(
            upsert(&mut store, doc("kept", "留", "b.html"), 1),
            "unchanged"
        );
        let moved = store
            .upsert_replacing(doc("other", "他", "c.html"), 3, Some("kept"))
            .unwrap();
        assert_eq!(kind(&moved), "added");
        store.finish().unwrap();
        assert_eq!(ram.documents(), ["kept=留", "new=新", "other=他"]);
    }

    #[test]
    fn pruning_removes_unseen_sources_in_scope_only() {
        let ram = RamIndex::new();
        let mut store = ram.store();
        for (id, source) in [("a", "in/a"), ("b", "in/b"), ("c", "in/c"), ("d", "in/d")] {
            upsert(&mut store, doc(id, "文", source), 1);
        }
        upsert(&mut store, doc("k", "文", "kept/k"), 1);
        upsert(&mut store, doc("o", "文", "out/o"), 1);
        store.finish().unwrap();

        let mut store = ram.store_committing_every(u64::MAX, true);
        store.keep_unchanged("a", "in/a".into());
        // A source that failed to read this time keeps its document.
        store.see("in/b".into());
        // A document whose id now comes from another source was moved, not removed.
        upsert(&mut store, doc("c", "文", "in/new"), 2);
        let in_scope = |source: &str| source.starts_with("in/") || source.starts_with("kept/");
        let not_kept = |source: &str| in_scope(source) && !source.starts_with("kept/");
        assert_eq!(store.prune_unseen(not_kept).unwrap(), 1);
        store.finish().unwrap();
        assert_eq!(ram.documents(), ["a=文", "b=文", "c=文", "k=文", "o=文"]);
    }

    #[test]
    fn pruning_without_tracked_sources_removes_nothing() {
        let ram = RamIndex::new();
        let mut store = ram.store();
        upsert(&mut store, doc("a", "文", "in/a"), 1);
        store.finish().unwrap();
        let mut store = ram.store();
        assert_eq!(store.prune_unseen(|_| true).unwrap(), 0);
        store.finish().unwrap();
        assert_eq!(ram.documents(), ["a=文"]);
    }

    #[test]
    fn commits_follow_the_policy_and_are_counted() {
        let ram = RamIndex::new();
        let mut store = ram.store_committing_every(2, false);
        let mut committed = Vec::new();
        for (n, id) in ["a", "b", "c", "d", "e"].into_iter().enumerate() {
            upsert(&mut store, doc(id, "文", id), n as u64);
            committed.push(store.commit_if_due().unwrap());
        }
        assert_eq!(committed, [false, true, false, true, false]);
        // Documents committed along the way are searchable before the run ends.
        assert_eq!(ram.documents().len(), 4);
        assert_eq!(store.finish().unwrap(), 3);

        // Nothing written: nothing is due, whatever the interval.
        let mut store = ram.store_committing_every(1, false);
        store.policy.interval = Duration::ZERO;
        assert!(!store.commit_if_due().unwrap());
        upsert(&mut store, doc("a", "文", "a"), 0);
        assert_eq!(store.finish().unwrap(), 1);
    }

    #[test]
    fn a_second_writer_is_told_the_pid_of_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_in_dir(dir.path(), Fields::schema()).unwrap();
        let reader = index.reader().unwrap();
        let fields = Fields::from_schema(&index.schema()).unwrap();
        let options = StoreOptions {
            threads: 1,
            memory_budget: 0,
            commit: CommitPolicy {
                every: 1,
                interval: Duration::ZERO,
            },
            track_sources: false,
        };
        let first = Store::open(&index, Some(dir.path()), &reader, fields, options).unwrap();
        let second = Store::open(&index, Some(dir.path()), &reader, fields, options);
        let Err(Error::Locked { pid, .. }) = second else {
            panic!("not locked");
        };
        assert_eq!(pid, Some(std::process::id()));
        drop(first);
        assert!(!dir.path().join(PID_FILE).exists());
        assert!(Store::open(&index, Some(dir.path()), &reader, fields, options).is_ok());
    }
}
