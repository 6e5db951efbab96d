//! The sample corpus from the repository's `corpus/` folder, embedded in the library: a
//! dozen fictional reports in all three input kinds, used to build the default index on
//! first use and in examples.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use crate::ingest::{self, Input, InputKind};
use crate::{Error, Result};

/// `(file name, contents)` of every sample file.
pub const FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/sample_corpus.rs"));

/// Writes the sample files into folder `dir` (made if missing) and returns their paths.
pub fn write_to(dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    FILES
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
            Ok(path)
        })
        .collect()
}

/// The sample files as indexer inputs, named `corpus/FILE` (lines that fail to read are
/// left out: the sample is tested to have none).
pub fn inputs() -> Vec<Input> {
    let mut inputs = Vec::new();
    for (name, bytes) in FILES {
        let path = Path::new("corpus").join(name);
        if let Some(kind) = InputKind::from_path(&path) {
            ingest::split(&path, kind, bytes, &mut |input| {
                inputs.extend(input.ok());
                ControlFlow::Continue(())
            });
        }
    }
    inputs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_file_reads_without_error() {
        for (name, bytes) in FILES {
            let path = Path::new("corpus").join(name);
            let kind =
                InputKind::from_path(&path).unwrap_or_else(|| panic!("{name}: unknown kind"));
            ingest::split(&path, kind, bytes, &mut |input| {
                if let Err(error) = input {
                    panic!("{error}");
                }
                ControlFlow::Continue(())
            });
        }
    }
}
