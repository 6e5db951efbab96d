//! [`Engine`]: an open index with its analyser, the one handle library callers need.

use std::path::{Path, PathBuf};

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::analysis::{Analyzer, Vocabulary};
use crate::extract::Extractor;
use crate::index::{self, Fields, IndexDirectory, Settings};
use crate::pipeline::{Collaborators, Indexer};
use crate::search::{self, FacetCount, SearchRequest, SearchResults, Snippet};
use crate::text::aliases::Aliases;
use crate::{Document, Error, IndexReport, Result};

/// A zhsearch index, open for searching and indexing.
///
/// ```
/// # fn main() -> zhsearch::Result<()> {
/// use zhsearch::{Document, Engine, SearchRequest};
/// let dir = tempfile::tempdir().unwrap();
/// let engine = Engine::create(dir.path(), Default::default())?;
/// engine.add_documents([Document::new("市科协召开党组会议", "会议学习新质生产力。")])?;
/// let reopened = Engine::open(dir.path())?;
/// assert_eq!(reopened.search(&SearchRequest::new("新质生产力"))?.total, 1);
/// # Ok(()) }
/// ```
pub struct Engine {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    analyzer: Analyzer,
    extractor: Extractor,
    /// The names of concepts that widen a query (`dict/aliases.txt` and the user's).
    vocabulary: Vocabulary,
    /// Facet ordinals and corpus statistics, made on first use and kept.
    caches: search::Caches,
    path: Option<PathBuf>,
    /// The folders of shards searched as one ([`Engine::open_shards`]); else empty.
    shards: Vec<PathBuf>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// A summary of an index.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Live documents.
    pub documents: u64,
    /// Bytes the index takes on disk (0 for an index in memory).
    pub size_bytes: u64,
    /// The earliest and latest document dates; `None` when no document has a date.
    pub date_range: Option<DateRange>,
    /// The most frequent departments, most frequent first, as in [`Facets`](crate::Facets).
    pub top_departments: Vec<FacetCount>,
    /// The meeting series most reported, most reported first, as in [`Facets`](crate::Facets).
    pub top_meetings: Vec<FacetCount>,
    /// The most frequent persons, most frequent first, as in [`Facets`](crate::Facets).
    pub top_persons: Vec<FacetCount>,
}

/// The dates of the earliest and the latest document, ISO 8601 (`YYYY-MM-DD`, then
/// `THH:MM:SS` when the time is known).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateRange {
    /// The earliest date.
    pub first: String,
    /// The latest date.
    pub last: String,
}

/// The extractor for an index's settings: built-in department aliases plus its own.
fn extractor(settings: &Settings, path: &Path) -> Result<Extractor> {
    let mut aliases = Aliases::builtin();
    aliases
        .extend(&settings.department_aliases)
        .map_err(|(line, reason)| Error::BadIndex {
            path: path.to_path_buf(),
            reason: format!("department aliases, line {line}: {reason}"),
        })?;
    Ok(Extractor::new(aliases))
}

impl Engine {
    /// Creates an index in folder `path` (made if missing; it must not hold an index).
    pub fn create(path: impl AsRef<Path>, settings: Settings) -> Result<Engine> {
        let path = path.as_ref();
        std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
        let already = || Error::BadIndex {
            path: path.to_path_buf(),
            reason: "an index is already there".into(),
        };
        if path.join(index::SETTINGS_FILE).exists() {
            return Err(already());
        }
        if !path.join("meta.json").exists() && holds_visible_files(path)? {
            return Err(Error::BadIndex {
                path: path.to_path_buf(),
                reason: "the folder holds other files and no zhsearch index: give a new or \
                         empty folder for the index"
                    .into(),
            });
        }
        let analyzer = Analyzer::with_user_dict(&settings.user_dictionary)?;
        let extractor = extractor(&settings, path)?.with_analyzer(analyzer.clone());
        let index = if path.join("meta.json").exists() {
            // A creation killed before its settings were written left an index that never
            // committed anything: take it over. One with documents is somebody else's.
            let index = Index::open(IndexDirectory::open(path)?)?;
            if !index.searchable_segment_metas()?.is_empty() {
                return Err(already());
            }
            index
        } else {
            Index::create(
                IndexDirectory::open(path)?,
                Fields::schema(),
                tantivy::IndexSettings::default(),
            )?
        };
        // Written last: its presence says the folder holds a complete zhsearch index.
        settings.write(path)?;
        Engine::with_index(index, analyzer, extractor, Some(path.to_path_buf()))
    }

    /// Opens the index in folder `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Engine> {
        let path = path.as_ref();
        let settings = Settings::read(path)?;
        let analyzer = Analyzer::with_user_dict(&settings.user_dictionary)?
            .with_lexicon_for(&settings.dictionary);
        let extractor = extractor(&settings, path)?.with_analyzer(analyzer.clone());
        let index = Index::open(IndexDirectory::open(path)?)?;
        Engine::with_index(index, analyzer, extractor, Some(path.to_path_buf()))
    }

    /// Opens the indexes in `paths` (shards built apart with the same settings) as one, for
    /// searching: hits, their order and scores, totals and facets are those of one index
    /// holding all their documents, since one tantivy searcher runs over every shard's
    /// segments and scores with their summed statistics. A story whose id two shards hold
    /// is two documents, as the shards hold it; `zhsearch merge` folds it into one.
    /// Shards whose schema or settings differ are refused, the message naming the shard
    /// and what differs. One path is [`Engine::open`].
    ///
    /// ```
    /// # fn main() -> zhsearch::Result<()> {
    /// use zhsearch::{Document, Engine, SearchRequest};
    /// let dir = tempfile::tempdir().unwrap();
    /// let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    /// Engine::create(&a, Default::default())?
    ///     .add_documents([Document::new("市科协召开党组会议", "会议学习新质生产力。")])?;
    /// Engine::create(&b, Default::default())?
    ///     .add_documents([Document::new("区政府常务会议", "部署发展新质生产力。")])?;
    /// let both = Engine::open_shards(&[a, b])?;
    /// assert_eq!(both.search(&SearchRequest::new("新质生产力"))?.total, 2);
    /// # Ok(()) }
    /// ```
    pub fn open_shards(paths: &[PathBuf]) -> Result<Engine> {
        match paths {
            [] => Err(Error::BadIndex {
                path: PathBuf::new(),
                reason: "no index given".into(),
            }),
            [path] => Engine::open(path),
            _ => {
                let settings = index::read_compatible(paths)?;
                let analyzer = Analyzer::with_user_dict(&settings.user_dictionary)?
                    .with_lexicon_for(&settings.dictionary);
                let extractor = extractor(&settings, &paths[0])?.with_analyzer(analyzer.clone());
                let index = Index::open(index::ShardsDirectory::open(paths)?)?;
                let mut engine = Engine::with_index(index, analyzer, extractor, None)?;
                engine.shards = paths.to_vec();
                Ok(engine)
            }
        }
    }

    /// True if folder `path` holds a zhsearch index (complete: its settings are written last).
    pub fn exists(path: impl AsRef<Path>) -> bool {
        path.as_ref().join(index::SETTINGS_FILE).is_file()
    }

    /// Opens the index in `path`, or creates it there with `settings` if there is none.
    pub fn open_or_create(path: impl AsRef<Path>, settings: Settings) -> Result<Engine> {
        let path = path.as_ref();
        if Engine::exists(path) {
            Engine::open(path)
        } else {
            Engine::create(path, settings)
        }
    }

    /// An index in memory, for tests and short-lived use.
    pub fn create_in_ram() -> Result<Engine> {
        let index = Index::create_in_ram(Fields::schema());
        Engine::with_index(index, Analyzer::new(), Extractor::default(), None)
    }

    fn with_index(
        mut index: Index,
        analyzer: Analyzer,
        extractor: Extractor,
        path: Option<PathBuf>,
    ) -> Result<Engine> {
        index::register_tokenizers(&index, &analyzer);
        // Search the segments of a query in parallel, one thread a core: a large index
        // has several segments, and a query is the only thing a searching process does.
        index.set_default_multithread_executor()?;
        let fields = Fields::from_schema(&index.schema()).map_err(|e| Error::BadIndex {
            path: path.clone().unwrap_or_default(),
            reason: format!(
                "schema does not match this version of zhsearch ({e}); rebuild the index"
            ),
        })?;
        let reader = index
            .reader_builder()
            // Other processes' commits show up on their own; our own indexing runs
            // reload as they finish, so their documents are searchable at once.
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Engine {
            index,
            reader,
            fields,
            analyzer,
            extractor,
            vocabulary: Vocabulary::builtin(),
            caches: Default::default(),
            path,
            shards: Vec::new(),
        })
    }

    /// The folder of the index, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The analyser the index was built with.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// A builder for an indexing run with its own settings.
    pub fn indexer(&self) -> Indexer<'_> {
        Indexer::new(Collaborators {
            index: &self.index,
            reader: &self.reader,
            fields: self.fields,
            extractor: &self.extractor,
            analyzer: &self.analyzer,
            dir: self.path.as_deref(),
        })
    }

    /// Indexes files and folders with default settings; see [`Indexer::index_paths`].
    pub fn index_paths(&self, paths: &[PathBuf]) -> Result<IndexReport> {
        self.indexer().index_paths(paths)
    }

    /// Indexes documents with default settings; see [`Indexer::add_documents`].
    pub fn add_documents(
        &self,
        documents: impl IntoIterator<Item = crate::Document>,
    ) -> Result<IndexReport> {
        self.indexer().add_documents(documents)
    }

    /// Runs a search against the last commit; a multi-word query that matches nothing as
    /// written is relaxed (see [`SearchResults::relaxation`]).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        search::search_relaxed(
            &self.reader.searcher(),
            &self.fields,
            &self.caches,
            &self.search_context(),
            request,
        )
    }

    /// The vocabulary that widens queries, to extend with a user's concepts (for
    /// example with [`Vocabulary::extend_from_text`]). By default, `dict/aliases.txt`.
    pub fn vocabulary_mut(&mut self) -> &mut Vocabulary {
        &mut self.vocabulary
    }

    fn search_context(&self) -> search::Context<'_> {
        search::Context {
            fields: &self.fields,
            analyzer: &self.analyzer,
            aliases: self.extractor.aliases(),
            vocabulary: &self.vocabulary,
        }
    }

    /// The stored document with id `id`, with all its fields; `None` if there is none.
    ///
    /// ```
    /// # fn main() -> zhsearch::Result<()> {
    /// use zhsearch::{Document, Engine};
    /// let engine = Engine::create_in_ram()?;
    /// engine.add_documents([Document::new("市科协召开党组会议", "会议学习。").with_id("a1")])?;
    /// assert_eq!(engine.document("a1")?.unwrap().title, "市科协召开党组会议");
    /// assert!(engine.document("a2")?.is_none());
    /// # Ok(()) }
    /// ```
    pub fn document(&self, id: &str) -> Result<Option<Document>> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        // Ids are unique: indexing replaces a document with the same id.
        let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = found.into_iter().next() else {
            return Ok(None);
        };
        let stored: TantivyDocument = searcher.doc(address)?;
        Ok(Some(index::from_tantivy(&stored, &self.fields)))
    }

    /// All of `text` with every match of `query` marked, as search marks hits' snippets
    /// (for showing a whole document found by a query).
    ///
    /// ```
    /// # fn main() -> zhsearch::Result<()> {
    /// let engine = zhsearch::Engine::create_in_ram()?;
    /// let marked = engine.highlight("新质生产力 date:2024", "发展新质生产力，培育新质生产力。")?;
    /// assert_eq!(marked.to_html(), "发展<b>新质生产力</b>，培育<b>新质生产力</b>。");
    /// # Ok(()) }
    /// ```
    pub fn highlight(&self, query: &str, text: &str) -> Result<Snippet> {
        let compiled = search::compile(query, Default::default(), &self.search_context())?;
        Ok(search::make_snippet(text, &compiled.needles, usize::MAX))
    }

    /// The number of live documents, without grouping anything (see [`Engine::stats`]).
    pub fn num_documents(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Counts and groups the whole index.
    pub fn stats(&self, top: usize) -> Result<Stats> {
        let searcher = self.reader.searcher();
        let ordinals = self.caches.ordinals.for_searcher(&searcher)?;
        let collectors = (
            Count,
            search::DateSpan,
            (
                search::ValueCounts::departments(&ordinals, top),
                search::ValueCounts::meetings(&ordinals, top),
                search::ValueCounts::persons(&ordinals, top),
            ),
        );
        let (documents, span, (departments, meetings, persons)) =
            searcher.search(&AllQuery, &collectors)?;
        let mut size_bytes = match &self.path {
            Some(path) => folder_size(path)?,
            None => 0,
        };
        for shard in &self.shards {
            size_bytes += folder_size(shard)?;
        }
        Ok(Stats {
            documents: documents as u64,
            size_bytes,
            date_range: span.map(|(first, last)| DateRange {
                first: crate::format_date(first),
                last: crate::format_date(last),
            }),
            top_departments: departments,
            top_meetings: meetings,
            top_persons: persons,
        })
    }
}

/// True if folder `path` holds anything but hidden files (such as a `.gitkeep`).
fn holds_visible_files(path: &Path) -> Result<bool> {
    for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        if !entry.file_name().to_string_lossy().starts_with('.') {
            return Ok(true);
        }
    }
    Ok(false)
}

fn folder_size(path: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        total += entry
            .metadata()
            .map(|m| if m.is_file() { m.len() } else { 0 })
            .unwrap_or(0);
    }
    Ok(total)
}
