//! The folder an index lives in: tantivy's memory-mapped directory, made fit for indexes
//! that are shared or copied.
//!
//! Two things differ from [`MmapDirectory`]: files written whole (`meta.json`,
//! `.managed.json`) get the permissions the user's umask gives any new file, where tantivy's
//! temporary files would make them private to the owner; and a reader that may not write
//! the folder (a read-only copy, another user's index) opens it without the lock that
//! guards reading the list of segments against a concurrent writer's clean-up.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::Directory;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, META_LOCK, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// An index folder; see the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct IndexDirectory {
    root: PathBuf,
    inner: MmapDirectory,
}

impl IndexDirectory {
    /// Opens the folder `root`, which must exist.
    pub(crate) fn open(root: &Path) -> tantivy::Result<IndexDirectory> {
        Ok(IndexDirectory {
            root: root.to_path_buf(),
            inner: MmapDirectory::open(root)?,
        })
    }
}

/// True for errors that say the folder may not be written by this process.
fn is_not_writable(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    /// Writes a temporary file beside the target, created as any new file (so the umask
    /// decides who may read it), then renames it into place.
    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        let target = self.root.join(path);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let partial = self
            .root
            .join(format!(".{name}.{}.partial", std::process::id()));
        let written = std::fs::File::create(&partial).and_then(|mut file| {
            file.write_all(data)?;
            file.sync_data()
        });
        match written.and_then(|()| std::fs::rename(&partial, &target)) {
            Ok(()) => Ok(()),
            Err(error) => {
                let _ = std::fs::remove_file(&partial);
                Err(error)
            }
        }
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            // Only readers take the meta lock. One that may not write the folder reads
            // without it: a writer's clean-up can at worst make it retry.
            Err(LockError::IoError(error))
                if lock.filepath == META_LOCK.filepath && is_not_writable(&error) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn files_written_whole_are_as_readable_as_any_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let directory = IndexDirectory::open(dir.path()).unwrap();
        directory
            .atomic_write(Path::new("meta.json"), b"{}")
            .unwrap();
        std::fs::write(dir.path().join("plain"), b"").unwrap();
        let mode = |name: &str| {
            std::fs::metadata(dir.path().join(name))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(mode("meta.json"), mode("plain"));
        assert_eq!(
            directory.atomic_read(Path::new("meta.json")).unwrap(),
            b"{}"
        );
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
