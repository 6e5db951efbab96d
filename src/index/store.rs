//! The store: writes documents into the tantivy index by id, and commits.
//!
//! Input: [`Document`]s read from a source, each with the hash of the raw input it came
//! from, or built by the caller, handed over by the indexing pipeline above
//! ([`crate::pipeline`]). Output: the index's documents, one per id, each listing every
//! source it was read from; deleted when their last source goes; committed by a
//! [`CommitPolicy`]; and for each input what became of it ([`Upserted`]).
//!
//! The store knows nothing of files or extraction: a source is an opaque string to it,
//! which content wins among a story's sources is the caller's [`StoreOptions::precedence`],
//! and which sources pruning may remove is the caller's to say.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::directory::error::LockError;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, IndexReader, IndexWriter, Searcher, TERMINATED, TantivyError, Term};

use super::convert::to_tantivy;
use super::lookup::{self, Known, Stored};
use super::schema::Fields;
use crate::analysis::WordTokens;
use crate::{Document, Error, Result};

/// The least memory tantivy lets an indexing thread have (its `MEMORY_BUDGET_NUM_BYTES_MIN`,
/// which it does not export): a smaller budget per thread is refused.
pub(crate) const MIN_MEMORY_PER_THREAD: usize = 15_000_000;

/// The most text of documents written since the last commit that the store holds in
/// memory (to merge later sources into them) before it commits.
const HELD_BYTES_MAX: usize = 64 << 20;

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
    /// The order of a story's sources, whose first gives the story's content, whatever
    /// the order they were read in.
    pub precedence: fn(&str, &str) -> Ordering,
}

/// What became of an input or document handed to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Upserted {
    /// A story new to the index.
    Added,
    /// A source of a story the index holds (or this run wrote) that the story did not
    /// list yet: now listed, its content kept if it wins.
    Merged,
    /// Its story was indexed before from this source with other content, now replaced;
    /// or the source now gives another story.
    Updated,
    /// Already indexed from this source with the same content.
    Unchanged,
}

/// A document written since the last commit, or `None` if deleted.
type Held = Option<Stored>;

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
    /// The index as the run found it: inputs are looked up by source in this.
    committed: Searcher,
    /// The index as this run last committed it: documents to merge into are read here
    /// when not held.
    latest: Searcher,
    fields: Fields,
    policy: CommitPolicy,
    precedence: fn(&str, &str) -> Ordering,
    /// id → the document written for it since the last commit.
    held: HashMap<String, Held>,
    held_bytes: usize,
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
            // A folder this user may only read: say so, not tantivy's lock message.
            Err(TantivyError::LockFailure(LockError::IoError(err), _)) => {
                let path = dir.unwrap_or(Path::new("")).to_path_buf();
                let why = std::io::Error::new(
                    err.kind(),
                    format!("cannot write to this index ({err}); search it, or index into a copy"),
                );
                return Err(Error::io(&path, why));
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
            latest: reader.searcher(),
            fields,
            policy: options.commit,
            precedence: options.precedence,
            held: HashMap::new(),
            held_bytes: 0,
            seen: options.track_sources.then(HashSet::new),
            since_commit: 0,
            last_commit: Instant::now(),
            commits: 0,
            _pid_file: pid_file,
        })
    }

    /// What the committed index holds for `source` (its input hashes and id), if anything.
    pub(crate) fn known(&self, source: &str) -> Result<Option<Known>> {
        lookup::known(&self.committed, &self.fields, source)
    }

    /// Notes that `source` was read in this run although it gave no document (it failed,
    /// or had no article), or gave the document the index holds for it unchanged:
    /// pruning keeps what it gave before.
    pub(crate) fn see(&mut self, source: String) {
        if let Some(seen) = &mut self.seen {
            seen.insert(source);
        }
    }

    /// The document with `id` as this run left it so far.
    fn current(&self, id: &str) -> Result<Option<Stored>> {
        match self.held.get(id) {
            Some(held) => Ok(held.clone()),
            None => lookup::stored(&self.latest, &self.fields, id),
        }
    }

    /// Stores `doc`, read from its [`Document::source`] whose raw input hashed to
    /// `input_hash`; that source gave the document `previous_id` before, if any. A story
    /// the index holds takes the source into its list, and its content if the source
    /// wins ([`StoreOptions::precedence`]); a source that now gives another story leaves
    /// the one it gave before, which goes when no source is left. `words` are the title's
    /// and body's words if extraction cut them.
    pub(crate) fn add_input(
        &mut self,
        mut doc: Document,
        words: Option<[WordTokens; 2]>,
        input_hash: u64,
        previous_id: Option<&str>,
    ) -> Result<Upserted> {
        let source = doc.source.clone().unwrap_or_default();
        self.see(source.clone());
        let moved = match previous_id {
            Some(previous) if previous != doc.id => {
                self.detach(previous, &source)?;
                true
            }
            _ => false,
        };
        let Some(current) = self.current(&doc.id)? else {
            doc.sources = vec![source];
            self.write(doc, words, vec![input_hash])?;
            return Ok(if moved {
                Upserted::Updated
            } else {
                Upserted::Added
            });
        };
        let was_source = current.doc.sources.contains(&source);
        let mut sources = current.doc.sources.clone();
        if !was_source {
            sources.push(source.clone());
        }
        // The winner first, whatever order the sources came in.
        sources.sort_by(|a, b| (self.precedence)(a, b));
        let new_wins = sources.first() == Some(&source);
        let (mut merged, words) = if new_wins {
            (doc, words)
        } else {
            (current.doc.clone(), None)
        };
        merged.source = sources.first().cloned();
        merged.sources = sources;
        let mut input_hashes = current.input_hashes.clone();
        if !input_hashes.contains(&input_hash) {
            input_hashes.push(input_hash);
        }
        let content_changed = merged.content_hash() != current.hash;
        if !content_changed
            && merged.sources == current.doc.sources
            && input_hashes == current.input_hashes
        {
            return Ok(Upserted::Unchanged);
        }
        self.write(merged, words, input_hashes)?;
        Ok(if moved {
            Upserted::Updated
        } else if !was_source {
            Upserted::Merged
        } else if content_changed {
            Upserted::Updated
        } else {
            // The same story from a changed input (a moved line, reformatted JSON):
            // rewritten with the new input hash, so that the next run skips it unread.
            Upserted::Unchanged
        })
    }

    /// Adds or replaces `doc`, built by the caller, by id: a later one replaces an earlier
    /// one, sources and all.
    pub(crate) fn put(&mut self, doc: Document) -> Result<Upserted> {
        for source in super::convert::stored_sources(&doc) {
            let source = source.to_string();
            self.see(source);
        }
        let upserted = match self.current(&doc.id)? {
            None => Upserted::Added,
            Some(current)
                if current.hash == doc.content_hash()
                    && current.doc.sources == doc.sources
                    && current.doc.source == doc.source =>
            {
                return Ok(Upserted::Unchanged);
            }
            Some(_) => Upserted::Updated,
        };
        self.write(doc, None, Vec::new())?;
        Ok(upserted)
    }

    /// Takes `source` off the sources of the document with `id`, deleting the document
    /// when none is left. True if it deleted it. When the source whose content the
    /// document holds leaves, the others keep the document but lose their input hashes,
    /// so that the next run reads them again and the best of them gives the content.
    fn detach(&mut self, id: &str, source: &str) -> Result<bool> {
        let Some(mut current) = self.current(id)? else {
            return Ok(false);
        };
        let Some(at) = current.doc.sources.iter().position(|s| s == source) else {
            return Ok(false);
        };
        current.doc.sources.remove(at);
        if current.doc.sources.is_empty() {
            self.delete(id);
            return Ok(true);
        }
        current.doc.source = current.doc.sources.first().cloned();
        let input_hashes = if at == 0 {
            Vec::new()
        } else {
            current.input_hashes
        };
        self.write(current.doc, None, input_hashes)?;
        Ok(false)
    }

    fn write(
        &mut self,
        doc: Document,
        words: Option<[WordTokens; 2]>,
        input_hashes: Vec<u64>,
    ) -> Result<()> {
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, &doc.id));
        let hash = doc.content_hash();
        let tantivy_doc = to_tantivy(&doc, hash, &input_hashes, &self.fields, words);
        self.writer.add_document(tantivy_doc)?;
        self.since_commit += 1;
        self.held_bytes += doc.title.len() + doc.body.len();
        self.held.insert(
            doc.id.clone(),
            Some(Stored {
                doc,
                hash,
                input_hashes,
            }),
        );
        Ok(())
    }

    fn delete(&mut self, id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, id));
        self.since_commit += 1;
        self.held.insert(id.to_string(), None);
    }

    /// Takes the sources this run did not see off the committed documents, among the
    /// sources `in_scope` accepts; a document with no source left is deleted. Returns how
    /// many documents it deleted; without tracked sources, none.
    pub(crate) fn prune_unseen(&mut self, in_scope: impl Fn(&str) -> bool) -> Result<u64> {
        let Some(seen) = self.seen.take() else {
            return Ok(0);
        };
        let mut unseen = Vec::new();
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
                        unseen.push((lookup::stored_id(segment, doc)?, source.to_string()));
                    }
                    doc = postings.advance();
                }
            }
        }
        let mut removed = 0;
        for (id, source) in unseen {
            if self.detach(&id, &source)? {
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Commits if the [`CommitPolicy`] says it is time, or the documents held since the
    /// last commit are many. True if it did.
    pub(crate) fn commit_if_due(&mut self) -> Result<bool> {
        let due = self.since_commit >= self.policy.every
            || self.held_bytes >= HELD_BYTES_MAX
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
        // What was held is in the commit now: read it from there.
        self.reader.reload()?;
        self.latest = self.reader.searcher();
        self.held.clear();
        self.held_bytes = 0;
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
        fn store_committing_every(
            &self,
            every: u64,
            track_sources: bool,
            precedence: fn(&str, &str) -> Ordering,
        ) -> Store {
            let options = StoreOptions {
                threads: 1,
                memory_budget: 0,
                commit: CommitPolicy {
                    every,
                    interval: Duration::from_secs(3600),
                },
                track_sources,
                precedence,
            };
            Store::open(&self.index, None, &self.reader, self.fields, options).unwrap()
        }

        fn store(&self) -> Store {
            self.store_ranked(by_name)
        }

        fn store_ranked(&self, precedence: fn(&str, &str) -> Ordering) -> Store {
            self.store_committing_every(u64::MAX, false, precedence)
        }

        fn stored(&self, id: &str) -> Stored {
            self.reader.reload().unwrap();
            lookup::stored(&self.reader.searcher(), &self.fields, id)
                .unwrap()
                .unwrap()
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

    fn kind(upserted: Upserted) -> &'static str {
        match upserted {
            Upserted::Added => "added",
            Upserted::Merged => "merged",
            Upserted::Updated => "updated",
            Upserted::Unchanged => "unchanged",
        }
    }

    fn upsert(store: &mut Store, doc: Document, input_hash: u64) -> &'static str {
        kind(store.add_input(doc, None, input_hash, None).unwrap())
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
        assert!(ram.known("b.html").unwrap().input_hashes.contains(&3));
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
        assert!(known.input_hashes.contains(&9), "{known:?}");
        assert_eq!(ram.documents(), ["a=一"]);
    }

    /// Pages after records, as the pipeline orders them.
    fn pages_last(a: &str, b: &str) -> Ordering {
        let rank = |s: &str| (s.ends_with(".html"), s.to_string());
        rank(a).cmp(&rank(b))
    }

    fn by_name(a: &str, b: &str) -> Ordering {
        a.cmp(b)
    }

    #[test]
    fn a_story_from_two_sources_is_one_document_whose_best_source_gives_the_content() {
        for record_first in [true, false] {
            let ram = RamIndex::new();
            let mut store = ram.store_ranked(pages_last);
            let page = || doc("a", "页面", "p.html");
            let record = || doc("a", "记录", "r.jsonl:1");
            let (first, second) = if record_first {
                (record(), page())
            } else {
                (page(), record())
            };
            assert_eq!(upsert(&mut store, first, 1), "added");
            assert_eq!(upsert(&mut store, second, 2), "merged");
            store.finish().unwrap();
            assert_eq!(ram.documents(), ["a=记录"]);
            let stored = ram.stored("a");
            assert_eq!(stored.doc.sources, ["r.jsonl:1", "p.html"]);
            assert_eq!(stored.doc.source.as_deref(), Some("r.jsonl:1"));

            // A later run adds nothing, whichever order.
            let mut store = ram.store_ranked(pages_last);
            assert_eq!(upsert(&mut store, page(), 1), "unchanged");
            assert_eq!(upsert(&mut store, record(), 2), "unchanged");
            store.finish().unwrap();
        }
    }

    #[test]
    fn a_second_source_across_runs_merges_into_the_committed_document() {
        let ram = RamIndex::new();
        let mut store = ram.store_ranked(pages_last);
        upsert(&mut store, doc("a", "页面", "p.html"), 1);
        store.finish().unwrap();
        let mut store = ram.store_ranked(pages_last);
        assert_eq!(
            upsert(&mut store, doc("a", "记录", "r.jsonl:1"), 2),
            "merged"
        );
        store.finish().unwrap();
        assert_eq!(ram.documents(), ["a=记录"]);
        assert_eq!(ram.stored("a").doc.sources, ["r.jsonl:1", "p.html"]);
    }

    #[test]
    fn a_changed_input_with_a_new_id_leaves_its_old_document() {
        let ram = RamIndex::new();
        let mut store = ram.store();
        upsert(&mut store, doc("old", "旧", "a.html"), 1);
        upsert(&mut store, doc("shared", "共", "b.html"), 1);
        upsert(&mut store, doc("shared", "共", "c.html"), 1);
        store.finish().unwrap();

        let mut store = ram.store();
        // The only source of `old` gives `new` now: `old` goes.
        let replaced = store
            .add_input(doc("new", "新", "a.html"), None, 2, Some("old"))
            .unwrap();
        assert_eq!(kind(replaced), "updated");
        // One of two sources moves on: the story keeps the other.
        let moved = store
            .add_input(doc("other", "他", "c.html"), None, 3, Some("shared"))
            .unwrap();
        assert_eq!(kind(moved), "updated");
        store.finish().unwrap();
        assert_eq!(ram.documents(), ["new=新", "other=他", "shared=共"]);
        assert_eq!(ram.stored("shared").doc.sources, ["b.html"]);
    }

    #[test]
    fn a_later_document_built_by_the_caller_replaces_an_earlier_one() {
        let ram = RamIndex::new();
        let mut store = ram.store();
        let mut later = |body: &str| {
            let doc = Document::new("标题", body).with_id("a");
            kind(store.put(doc).unwrap())
        };
        assert_eq!(later("先"), "added");
        assert_eq!(later("后"), "updated");
        assert_eq!(later("后"), "unchanged");
        store.finish().unwrap();
        assert_eq!(ram.documents(), ["a=后"]);
    }

    #[test]
    fn pruning_takes_unseen_sources_in_scope_off_and_removes_documents_left_with_none() {
        let ram = RamIndex::new();
        let mut store = ram.store();
        for (id, source) in [("a", "in/a"), ("b", "in/b"), ("c", "in/c"), ("d", "in/d")] {
            upsert(&mut store, doc(id, "文", source), 1);
        }
        upsert(&mut store, doc("k", "文", "kept/k"), 1);
        upsert(&mut store, doc("o", "文", "out/o"), 1);
        upsert(&mut store, doc("two", "文", "in/two"), 1);
        upsert(&mut store, doc("two", "文", "out/two"), 1);
        store.finish().unwrap();

        let mut store = ram.store_committing_every(u64::MAX, true, pages_last);
        store.see("in/a".into());
        // A source that failed to read this time keeps its document.
        store.see("in/b".into());
        // A story now read from another source keeps it.
        upsert(&mut store, doc("c", "文", "in/new"), 2);
        let in_scope = |source: &str| source.starts_with("in/") || source.starts_with("kept/");
        let not_kept = |source: &str| in_scope(source) && !source.starts_with("kept/");
        // `d` goes; `two` loses `in/two` but keeps `out/two`.
        assert_eq!(store.prune_unseen(not_kept).unwrap(), 1);
        store.finish().unwrap();
        assert_eq!(
            ram.documents(),
            ["a=文", "b=文", "c=文", "k=文", "o=文", "two=文"]
        );
        assert_eq!(ram.stored("c").doc.sources, ["in/new"]);
        assert_eq!(ram.stored("two").doc.sources, ["out/two"]);
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
        let mut store = ram.store_committing_every(2, false, by_name);
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
        let mut store = ram.store_committing_every(1, false, by_name);
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
            precedence: by_name,
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
