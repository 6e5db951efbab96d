//! Finding and reading inputs: walks files and folders, picks each file's kind by its
//! extension, decodes bytes to text, and splits JSON Lines files into records.
//!
//! Input: paths given by the user. Output: [`InputFile`]s and, when read, [`Input`]s, the
//! raw text of one page or one JSON record, tagged with where it came from. Nothing here
//! understands the text; that is [`crate::extract`]'s job.

mod decode;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

pub use decode::decode;

use crate::{Error, Result, SourceRef};

/// The input formats zhsearch reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// `.html`, `.htm`, `.shtml`: a web page with its site chrome.
    Html,
    /// `.txt`: a plain-text dump of a page (navigation, title, date line, body, footer).
    TextPage,
    /// `.jsonl`, `.ndjson`: one JSON object a line with `title` and `body`.
    JsonLines,
}

impl InputKind {
    /// The kind for a file name, or `None` for files zhsearch does not read.
    ///
    /// ```
    /// use zhsearch::ingest::InputKind;
    /// assert_eq!(InputKind::from_path("a/b.SHTML".as_ref()), Some(InputKind::Html));
    /// assert_eq!(InputKind::from_path("notes.pdf".as_ref()), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<InputKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "shtml" => Some(InputKind::Html),
            "txt" => Some(InputKind::TextPage),
            "jsonl" | "ndjson" => Some(InputKind::JsonLines),
            _ => None,
        }
    }
}

/// A file found by [`walk`], to be read.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Its path.
    pub path: PathBuf,
    /// Its format.
    pub kind: InputKind,
    /// Its size in bytes when it was found.
    pub len: u64,
}

/// The text of one document-to-be, not yet understood.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where it came from.
    pub source: SourceRef,
    /// Its format.
    pub kind: InputKind,
    /// Its decoded text: a whole page, or one JSON Lines line.
    pub text: String,
}

/// Lists the readable files under `paths`, in a stable order.
///
/// A folder is walked recursively and files of unknown kinds in it are passed over; a file
/// named directly must be of a known kind. Paths that cannot be read come back as errors,
/// beside the files that can.
pub fn walk(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
            {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => {
                        if let Some(kind) = InputKind::from_path(entry.path()) {
                            let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
                            files.push(InputFile {
                                path: entry.into_path(),
                                kind,
                                len,
                            });
                        }
                    }
                    Ok(_) => {}
                    Err(err) => {
                        let at = err.path().unwrap_or(path).to_path_buf();
                        let source = err
                            .into_io_error()
                            .unwrap_or_else(|| std::io::Error::other("file system loop"));
                        errors.push(Error::io(at, source));
                    }
                }
            }
        } else {
            match std::fs::metadata(path) {
                Ok(meta) => match InputKind::from_path(path) {
                    Some(kind) => files.push(InputFile {
                        path: path.clone(),
                        kind,
                        len: meta.len(),
                    }),
                    None => errors.push(Error::bad_input(
                        SourceRef::file(path),
                        "unknown file type (expected .html, .htm, .shtml, .txt, .jsonl or .ndjson)",
                    )),
                },
                Err(err) => errors.push(Error::io(path, err)),
            }
        }
    }
    (files, errors)
}

/// Reads a file into [`Input`]s, handing each to `emit`: one for a page, one per non-blank
/// line for JSON Lines (streamed, so a large file is never held whole). A line that
/// cannot be decoded is handed over as an error and the rest of the file goes on.
pub fn read(file: &InputFile, emit: &mut dyn FnMut(Result<Input>)) -> Result<()> {
    match file.kind {
        InputKind::JsonLines => read_lines(file, emit),
        kind => {
            let bytes = std::fs::read(&file.path).map_err(|e| Error::io(&file.path, e))?;
            split(&file.path, kind, &bytes, emit);
            Ok(())
        }
    }
}

/// Turns the bytes of a file already in memory into [`Input`]s, as [`read`] does.
pub fn split(path: &Path, kind: InputKind, bytes: &[u8], emit: &mut dyn FnMut(Result<Input>)) {
    if kind == InputKind::JsonLines {
        let mut reader = bytes;
        let _ = read_lines_from(path, &mut reader, emit);
        return;
    }
    let source = SourceRef::file(path);
    let decoded = decode(bytes, kind == InputKind::Html);
    emit(
        decoded
            .map(|text| Input {
                source: source.clone(),
                kind,
                text,
            })
            .map_err(|reason| Error::bad_input(source, reason)),
    );
}

fn read_lines(file: &InputFile, emit: &mut dyn FnMut(Result<Input>)) -> Result<()> {
    let handle = File::open(&file.path).map_err(|e| Error::io(&file.path, e))?;
    read_lines_from(
        &file.path,
        &mut BufReader::with_capacity(1 << 20, handle),
        emit,
    )
}

fn read_lines_from(
    path: &Path,
    reader: &mut dyn BufRead,
    emit: &mut dyn FnMut(Result<Input>),
) -> Result<()> {
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io(path, e))?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let source = SourceRef::line(path, number);
        let bytes = if number == 1 {
            line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&line)
        } else {
            &line
        };
        match std::str::from_utf8(bytes) {
            Ok(text) if text.trim().is_empty() => {}
            Ok(text) => emit(Ok(Input {
                source,
                kind: InputKind::JsonLines,
                text: text.trim_end().to_string(),
            })),
            Err(err) => emit(Err(Error::bad_input(
                source,
                format!("not UTF-8 (byte {})", err.valid_up_to()),
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_finds_known_kinds_and_reports_bad_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/a.html"), "<p>x</p>").unwrap();
        std::fs::write(dir.path().join("b.jsonl"), "{}").unwrap();
        std::fs::write(dir.path().join("c.png"), "x").unwrap();
        let missing = dir.path().join("missing.txt");
        let (files, errors) = walk(&[dir.path().to_path_buf(), missing]);
        let kinds: Vec<_> = files.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [InputKind::JsonLines, InputKind::Html]);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].to_string().contains("missing.txt"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn json_lines_are_numbered_and_blank_lines_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        std::fs::write(&path, b"{\"a\":1}\n\n\xff\xfe\n{\"b\":2}").unwrap();
        let file = InputFile {
            path: path.clone(),
            kind: InputKind::JsonLines,
            len: 0,
        };
        let mut seen = Vec::new();
        read(&file, &mut |input| {
            seen.push(input.map(|i| i.source.line).map_err(|e| e.to_string()))
        })
        .unwrap();
        assert_eq!(seen[0], Ok(Some(1)));
        assert!(
            seen[1]
                .as_ref()
                .unwrap_err()
                .ends_with("r.jsonl:3: not UTF-8 (byte 0)"),
            "{:?}",
            seen[1]
        );
        assert_eq!(seen[2], Ok(Some(4)));
    }
}
