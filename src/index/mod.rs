//! The on-disk index: schema, settings, and the store that writes documents into it.
//!
//! Input: [`Document`](crate::Document)s with the hash of the input each came from,
//! handed to the store by the indexing pipeline ([`crate::pipeline`]). Output: a tantivy
//! index in a folder, next to `zhsearch.json` (the [`Settings`] it was built with) so
//! that queries are analysed the way the text was.
//!
//! Nothing here knows of files, extraction or the [`Engine`](crate::Engine): the store
//! takes documents, and is handed the tantivy index, fields and reader it writes to.

mod convert;
mod directory;
mod lookup;
pub(crate) use lookup::stored_id;
mod merge;
mod schema;
mod shards;
mod store;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub(crate) use convert::{from_tantivy, from_tantivy_date, to_tantivy_date};
pub(crate) use directory::IndexDirectory;
pub(crate) use merge::merge;
pub(crate) use schema::{Fields, GRAMS_TOKENIZER, WORDS_TOKENIZER, field};
pub(crate) use shards::{ShardsDirectory, read_compatible};
/// For tests that build a tantivy writer of their own.
#[cfg(test)]
pub(crate) use store::MIN_MEMORY_PER_THREAD;
pub(crate) use store::{CommitPolicy, Store, StoreOptions, Upserted};

use crate::analysis::{Analyzer, Segmentation};
use crate::{Error, Result};

/// The file beside the tantivy files that marks a zhsearch index and holds its settings.
pub(crate) const SETTINGS_FILE: &str = "zhsearch.json";

/// Settings stored with an index when it is created; reopening uses them again.
///
/// ```
/// let settings = zhsearch::Settings::default();
/// assert_eq!(settings.format, 7);
/// assert!(settings.user_dictionary.is_empty());
/// assert!(settings.department_aliases.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The index format; an index of another format must be rebuilt. By default, the
    /// current one.
    pub format: u32,
    /// Extra dictionary terms (`word [freq] [tag]` lines), added to jieba's dictionary
    /// and the political terms. By default, none.
    pub user_dictionary: String,
    /// Extra department aliases (the format of `dict/departments.txt`), added to the
    /// built-in table. By default, none.
    pub department_aliases: String,
    /// What jieba-rs said of the dictionary that segmented the index's text (entries and
    /// total frequency); written by zhsearch. A query process that finds the compiled
    /// word table matching it segments queries without loading the dictionary.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) dictionary: String,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            // 5: a story read from several sources is one document holding them all, and
            // each document holds its body's near-duplicate sketch. 6: the meeting
            // reported (`meeting`, `meeting_instance`), and traditional characters
            // fold to simplified in every indexed token.
            format: 7,
            user_dictionary: String::new(),
            department_aliases: String::new(),
            dictionary: String::new(),
        }
    }
}

impl Settings {
    pub(crate) fn read(dir: &Path) -> Result<Settings> {
        let path = dir.join(SETTINGS_FILE);
        let create = format!(
            "create one with `zhsearch index PATH --index {}`",
            dir.display()
        );
        let not_an_index = |reason: String| Error::BadIndex {
            path: dir.to_path_buf(),
            reason,
        };
        if dir.is_file() {
            return Err(not_an_index(
                "a file, not an index folder (`--index` takes the folder `zhsearch index` \
                 writes)"
                    .into(),
            ));
        }
        if !dir.exists() {
            return Err(not_an_index(format!("no such folder; {create}")));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => not_an_index(format!(
                "not a zhsearch index (no {SETTINGS_FILE}); {create}"
            )),
            _ => Error::io(&path, e),
        })?;
        let settings: Settings = serde_json::from_str(&text).map_err(|e| Error::BadIndex {
            path: dir.to_path_buf(),
            reason: format!("{SETTINGS_FILE}: {e}"),
        })?;
        if settings.format != Settings::default().format {
            return Err(Error::BadIndex {
                path: dir.to_path_buf(),
                reason: format!(
                    "index format {} is not {}; rebuild the index",
                    settings.format,
                    Settings::default().format
                ),
            });
        }
        Ok(settings)
    }

    /// Records `fingerprint`, the dictionary that segmented a run's text (see
    /// [`Analyzer::fingerprint`]), in the settings of the index in `dir`, if they do not
    /// say it yet (an index made before zhsearch recorded it, or jieba-rs upgraded since),
    /// so that later queries can tell whether the compiled lexicon fits.
    pub(crate) fn record_dictionary(dir: &Path, fingerprint: String) -> Result<()> {
        let mut settings = Settings::read(dir)?;
        if settings.dictionary != fingerprint {
            settings.dictionary = fingerprint;
            settings.write(dir)?;
        }
        Ok(())
    }

    /// Writes the settings file whole or not at all: a temporary file renamed into place.
    pub(crate) fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(SETTINGS_FILE);
        let partial = dir.join(format!("{SETTINGS_FILE}.partial"));
        let text = serde_json::to_string_pretty(self).expect("settings serialise");
        std::fs::write(&partial, text).map_err(|e| Error::io(&partial, e))?;
        std::fs::rename(&partial, &path).map_err(|e| Error::io(path, e))
    }
}

/// Registers zhsearch's tokenizers on a tantivy index.
pub(crate) fn register_tokenizers(index: &tantivy::Index, analyzer: &Analyzer) {
    let words = tantivy::tokenizer::TextAnalyzer::from(analyzer.tokenizer(Segmentation::Index));
    index.tokenizers().register(WORDS_TOKENIZER, words);
    let grams = tantivy::tokenizer::TextAnalyzer::from(crate::analysis::BigramTokenizer);
    index.tokenizers().register(GRAMS_TOKENIZER, grams);
}
