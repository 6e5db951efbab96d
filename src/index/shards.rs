//! Several index folders (shards) read as one tantivy index.
//!
//! Input: the folders of indexes built apart (one per machine, partition or month) with
//! the same schema and [`Settings`]. Output: a read-only [`ShardsDirectory`] whose
//! `meta.json` lists every shard's segments, so that one tantivy `Searcher` runs over all
//! of them. Corpus statistics (the search side's live-document statistics) then sum
//! document count, document frequencies and field lengths over every segment of every
//! shard, and facets, totals, paging and near-duplicate grouping see all
//! documents: the results are those of one index holding every shard's documents.
//!
//! Segment files are named by their segment's id, a random UUID, so a file name tells which
//! shard holds it. A segment listed by two shards (a shard given twice, or a copied folder)
//! is refused, as are shards whose schema or settings differ ([`check_compatible`]).

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use tantivy::Directory;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, META_LOCK, WatchCallback, WatchHandle, WritePtr,
};

use super::{IndexDirectory, Settings};
use crate::{Error, Result};

/// tantivy's file listing an index's segments.
const META_FILE: &str = "meta.json";

/// Shards read as one index; see the module documentation. Read-only: every write is
/// refused, since documents belong to one shard and are indexed there.
#[derive(Debug, Clone)]
pub(crate) struct ShardsDirectory {
    shards: Vec<IndexDirectory>,
    /// Segment id (the file name before its first dot) → position in `shards`.
    segment_shard: Arc<HashMap<String, usize>>,
    /// The `meta.json` of the whole: every shard's segments.
    meta: Arc<Vec<u8>>,
}

impl ShardsDirectory {
    /// Opens the shards in `paths`, whose settings have been checked with
    /// [`check_compatible`]; refuses shards whose tantivy schemas or index settings
    /// differ, or that list the same segment.
    pub(crate) fn open(paths: &[PathBuf]) -> Result<ShardsDirectory> {
        let mut shards = Vec::with_capacity(paths.len());
        let mut segment_shard: HashMap<String, usize> = HashMap::new();
        let mut whole: Option<Value> = None;
        let mut segments = Vec::new();
        let mut opstamp = 0;
        for (position, path) in paths.iter().enumerate() {
            let meta = read_meta(path)?;
            let refuse = |reason: String| Error::BadIndex {
                path: path.clone(),
                reason,
            };
            if let Some(first) = &whole {
                for (key, what) in [
                    ("schema", "its schema (fields) differs"),
                    ("index_settings", "its tantivy index settings differ"),
                ] {
                    if first.get(key) != meta.get(key) {
                        return Err(refuse(format!(
                            "cannot be searched with {}: {what}",
                            paths[0].display()
                        )));
                    }
                }
            }
            for segment in meta["segments"].as_array().into_iter().flatten() {
                let id = segment["segment_id"].as_str().unwrap_or_default();
                let id = id.replace('-', "").to_ascii_lowercase();
                if let Some(&other) = segment_shard.get::<str>(&id) {
                    return Err(refuse(format!(
                        "holds segment {id} as {} does: the same shard given twice, or a copy",
                        paths[other].display()
                    )));
                }
                segment_shard.insert(id, position);
                segments.push(segment.clone());
            }
            opstamp = opstamp.max(meta["opstamp"].as_u64().unwrap_or(0));
            whole.get_or_insert(meta);
            shards.push(IndexDirectory::open(path)?);
        }
        let mut whole = whole.ok_or_else(|| Error::BadIndex {
            path: PathBuf::new(),
            reason: "no index given".into(),
        })?;
        whole["segments"] = Value::Array(segments);
        whole["opstamp"] = Value::from(opstamp);
        let meta = serde_json::to_vec(&whole).expect("JSON values serialise");
        Ok(ShardsDirectory {
            shards,
            segment_shard: Arc::new(segment_shard),
            meta: Arc::new(meta),
        })
    }

    /// The shard holding the segment file `path`, if any.
    fn shard_of(&self, path: &Path) -> Option<&IndexDirectory> {
        let name = path.file_name()?.to_str()?;
        let segment = name.split('.').next()?;
        self.segment_shard
            .get(segment)
            .map(|&position| &self.shards[position])
    }
}

/// The `meta.json` of the index in `path`, parsed.
fn read_meta(path: &Path) -> Result<Value> {
    let file = path.join(META_FILE);
    let text = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
    serde_json::from_slice(&text).map_err(|e| Error::BadIndex {
        path: path.to_path_buf(),
        reason: format!("{META_FILE}: {e}"),
    })
}

/// Refuses shards that were not built alike: `shards` are each folder with its settings,
/// and the first is the reference. The message names the shard and what differs, since a
/// query is analysed once for all of them.
pub(crate) fn check_compatible(shards: &[(PathBuf, Settings)]) -> Result<()> {
    let Some((first_path, first)) = shards.first() else {
        return Ok(());
    };
    for (path, settings) in &shards[1..] {
        let differs = if settings.format != first.format {
            Some(format!(
                "index format {} (the first has {})",
                settings.format, first.format
            ))
        } else if settings.user_dictionary != first.user_dictionary {
            Some("its user dictionary (--dict) differs".to_string())
        } else if settings.department_aliases != first.department_aliases {
            Some("its department aliases (--aliases) differ".to_string())
        } else if !settings.dictionary.is_empty()
            && !first.dictionary.is_empty()
            && settings.dictionary != first.dictionary
        {
            // Only known once a run recorded it; an empty shard may not say.
            Some(format!(
                "its text was segmented with another jieba dictionary ({}, the first: {})",
                settings.dictionary, first.dictionary
            ))
        } else {
            None
        };
        if let Some(differs) = differs {
            return Err(Error::BadIndex {
                path: path.clone(),
                reason: format!(
                    "cannot be used with {}: {differs}; rebuild it with the same settings",
                    first_path.display()
                ),
            });
        }
    }
    Ok(())
}

/// The settings of the indexes in `paths` (not empty), read and checked with
/// [`check_compatible`]: those of the first, which all share.
pub(crate) fn read_compatible(paths: &[PathBuf]) -> Result<Settings> {
    let settings = paths
        .iter()
        .map(|path| Ok((path.clone(), Settings::read(path)?)))
        .collect::<Result<Vec<_>>>()?;
    check_compatible(&settings)?;
    settings
        .into_iter()
        .next()
        .map(|(_, settings)| settings)
        .ok_or_else(|| Error::BadIndex {
            path: PathBuf::new(),
            reason: "no index given".into(),
        })
}

/// The error of every write: shards read as one are read-only.
fn read_only() -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        "shards searched together are read-only: index into one shard at a time",
    )
}

impl Directory for ShardsDirectory {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> std::result::Result<Arc<dyn FileHandle>, OpenReadError> {
        match self.shard_of(path) {
            Some(shard) => shard.get_file_handle(path),
            None => Err(OpenReadError::FileDoesNotExist(path.to_path_buf())),
        }
    }

    fn delete(&self, path: &Path) -> std::result::Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only()),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> std::result::Result<bool, OpenReadError> {
        if path == Path::new(META_FILE) {
            return Ok(true);
        }
        match self.shard_of(path) {
            Some(shard) => shard.exists(path),
            None => Ok(false),
        }
    }

    fn open_write(&self, path: &Path) -> std::result::Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError {
            io_error: Arc::new(read_only()),
            filepath: path.to_path_buf(),
        })
    }

    fn atomic_read(&self, path: &Path) -> std::result::Result<Vec<u8>, OpenReadError> {
        if path == Path::new(META_FILE) {
            return Ok(self.meta.to_vec());
        }
        // Nothing else is read whole (tantivy's `.managed.json` is the writer's).
        Err(OpenReadError::FileDoesNotExist(path.to_path_buf()))
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(read_only())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, lock: &Lock) -> std::result::Result<DirectoryLock, LockError> {
        // Readers only take the meta lock, and the whole's meta never changes: the
        // shards' own locks are their writers' business.
        if lock.filepath != META_LOCK.filepath {
            return Err(LockError::IoError(Arc::new(read_only())));
        }
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        // The segments listed when the shards were opened are searched until they are
        // opened again.
        Ok(WatchHandle::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(user_dictionary: &str) -> Settings {
        Settings {
            user_dictionary: user_dictionary.into(),
            ..Settings::default()
        }
    }

    #[test]
    fn shards_built_alike_are_accepted_and_others_refused_naming_the_difference() {
        let a = (PathBuf::from("a"), settings(""));
        let b = (PathBuf::from("b"), settings(""));
        assert!(check_compatible(&[a.clone(), b]).is_ok());
        let other_dict = (PathBuf::from("c"), settings("新质生产力 10 n"));
        let error = check_compatible(&[a.clone(), other_dict]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "c: cannot be used with a: its user dictionary (--dict) differs; rebuild it with \
             the same settings"
        );
        let mut old = settings("");
        old.format = 4;
        let error = check_compatible(&[a.clone(), (PathBuf::from("d"), old)]).unwrap_err();
        assert!(
            error.to_string().contains(&format!(
                "index format 4 (the first has {})",
                Settings::default().format
            )),
            "{error}"
        );
        let mut jieba = settings("");
        jieba.dictionary = "349046 words".into();
        let mut other_jieba = settings("");
        other_jieba.dictionary = "350000 words".into();
        let error = check_compatible(&[
            (PathBuf::from("e"), jieba),
            (PathBuf::from("f"), other_jieba),
        ])
        .unwrap_err();
        assert!(
            error.to_string().contains("another jieba dictionary"),
            "{error}"
        );
    }

    #[test]
    fn a_segment_file_is_found_in_its_shard_and_writes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let shard = dir.path().join("s1");
        std::fs::create_dir(&shard).unwrap();
        let segment = "0123456789abcdef0123456789abcdef";
        std::fs::write(
            shard.join(META_FILE),
            r#"{"index_settings":{},"segments":[{"segment_id":"01234567-89ab-cdef-0123-456789abcdef","max_doc":1,"deletes":null}],"schema":[],"opstamp":3}"#,
        )
        .unwrap();
        std::fs::write(shard.join(format!("{segment}.idx")), b"x").unwrap();
        let shards = ShardsDirectory::open(std::slice::from_ref(&shard)).unwrap();
        assert!(shards.exists(Path::new(&format!("{segment}.idx"))).unwrap());
        assert!(
            !shards
                .exists(Path::new("ffffffffffffffffffffffffffffffff.idx"))
                .unwrap()
        );
        assert!(shards.atomic_write(Path::new(META_FILE), b"{}").is_err());
        let twice = ShardsDirectory::open(&[shard.clone(), shard]).unwrap_err();
        assert!(
            twice.to_string().contains("the same shard given twice"),
            "{twice}"
        );
    }
}
