//! Finding and reading inputs: walks files and folders, picks each file's kind by its
//! extension, decodes bytes to text, and splits JSON Lines files into records.
//!
//! Input: paths given by the user. Output: [`InputFile`]s and, when read, [`Input`]s, the
//! raw text of one page or one JSON record, tagged with where it came from. Nothing here
//! understands the text; that is [`crate::extract`]'s job.

mod decode;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

pub use decode::decode;

use crate::{Error, Problem, Result, SourceRef};

/// The default cap on one input: a page file, or one JSON Lines line. Bigger ones are
/// reported as [`Problem::TooLarge`] and never held in memory.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 64 << 20;

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

/// Extensions of pages a web server makes (PHP, JSP, ASP…): HTML once crawled, and read as
/// such when their content says so.
const SERVER_PAGE_EXTENSIONS: &[&str] = &[
    "php", "php3", "php5", "jsp", "jspx", "asp", "aspx", "cgi", "do", "action", "cfm", "xhtml",
];

/// How much of a file [`InputKind::detect`] looks at.
const SNIFF_BYTES: usize = 1024;

impl InputKind {
    /// The kind for a file name, or `None` for files zhsearch does not read by name alone
    /// (see [`InputKind::detect`] for pages without a page extension).
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

    /// The kind of a file: by its extension, else, for a server page (`.php`, `.jsp`,
    /// `.aspx`, `.asp`…) or a file without extension, HTML if its first bytes are markup.
    ///
    /// ```
    /// use zhsearch::ingest::InputKind;
    /// let dir = tempfile::tempdir().unwrap();
    /// let page = dir.path().join("show.php");
    /// std::fs::write(&page, "<!DOCTYPE html><html><body>…</body></html>").unwrap();
    /// assert_eq!(InputKind::detect(&page), Some(InputKind::Html));
    /// let table = dir.path().join("list.csv");
    /// std::fs::write(&table, "a,b\n").unwrap();
    /// assert_eq!(InputKind::detect(&table), None);
    /// ```
    pub fn detect(path: &Path) -> Option<InputKind> {
        if let Some(kind) = InputKind::from_path(path) {
            return Some(kind);
        }
        let may_be_page = match path.extension().and_then(|e| e.to_str()) {
            None => true,
            Some(ext) => SERVER_PAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()),
        };
        if !may_be_page {
            return None;
        }
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        File::open(path)
            .and_then(|file| file.take(SNIFF_BYTES as u64).read_to_end(&mut head))
            .ok()?;
        looks_like_html(&head).then_some(InputKind::Html)
    }
}

/// True if `head`, the start of a file, opens as an HTML document does (after a BOM,
/// white space and comments): a doctype, or an `<html>`, `<head>`, `<meta>` or `<body>` tag.
fn looks_like_html(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    while let Some(comment) = rest.strip_prefix("<!--") {
        match comment.find("-->") {
            Some(end) => rest = comment[end + 3..].trim_start(),
            None => return false,
        }
    }
    rest = rest.strip_prefix("<?xml").map_or(rest, |decl| {
        decl.find("?>")
            .map_or("", |end| decl[end + 2..].trim_start())
    });
    ["<!doctype html", "<html", "<head", "<meta", "<body"]
        .iter()
        .any(|tag| rest.starts_with(tag))
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

/// Lists the readable files under `paths`, in a stable order, each once.
///
/// A folder is walked recursively, passing over hidden files and folders (names starting
/// with `.`, such as `.git`); its files of kinds zhsearch does not read come back as
/// [`Problem::Unsupported`] errors (skips), so that every file is accounted for. A file
/// named directly must be of a known kind ([`Problem::UnknownType`] otherwise). Paths that
/// cannot be read come back as errors, beside the files that can.
pub fn walk(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<Error>) {
    let (mut files, errors) = walk_all(paths);
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.path.clone()));
    (files, errors)
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

fn unsupported(path: &Path, problem: Problem) -> Error {
    let what = match path.extension() {
        Some(ext) => format!(".{} files are", ext.to_string_lossy()),
        None => "a file without extension that is no HTML page is".to_string(),
    };
    Error::bad_input(
        SourceRef::file(path),
        problem,
        format!(
            "unsupported type: {what} not read (zhsearch reads .html, .htm, .shtml and server pages, .txt, .jsonl, .ndjson)"
        ),
    )
}

fn walk_all(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|entry| !is_hidden(entry));
            for entry in entries {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => {
                        match InputKind::detect(entry.path()) {
                            Some(kind) => {
                                let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
                                files.push(InputFile {
                                    path: entry.into_path(),
                                    kind,
                                    len,
                                });
                            }
                            None => errors.push(unsupported(entry.path(), Problem::Unsupported)),
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
                Ok(meta) => match InputKind::detect(path) {
                    Some(kind) => files.push(InputFile {
                        path: path.clone(),
                        kind,
                        len: meta.len(),
                    }),
                    None => errors.push(unsupported(path, Problem::UnknownType)),
                },
                Err(err) => errors.push(Error::io(path, err)),
            }
        }
    }
    (files, errors)
}

/// Reads a file into [`Input`]s, handing each to `emit`: one for a page, one per non-blank
/// line for JSON Lines (streamed, so a large file is never held whole). A page or line
/// over `max_bytes` is handed over as [`Problem::TooLarge`] without being kept; a line
/// that cannot be decoded is handed over as an error and the rest of the file goes on.
/// `emit` returns [`ControlFlow::Break`] to stop reading.
pub fn read(
    file: &InputFile,
    max_bytes: u64,
    emit: &mut dyn FnMut(Result<Input>) -> ControlFlow<()>,
) -> Result<()> {
    let handle = File::open(&file.path).map_err(|e| Error::io(&file.path, e))?;
    match file.kind {
        InputKind::JsonLines => read_lines_from(
            &file.path,
            &mut BufReader::with_capacity(1 << 20, handle),
            max_bytes,
            emit,
        ),
        kind => {
            // Read one byte past the cap: a file that grew since it was listed is caught too.
            let mut bytes = Vec::new();
            handle
                .take(max_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(&file.path, e))?;
            if bytes.len() as u64 > max_bytes {
                let source = SourceRef::file(&file.path);
                let _ = emit(Err(too_large(source, max_bytes)));
                return Ok(());
            }
            split(&file.path, kind, &bytes, emit);
            Ok(())
        }
    }
}

/// Turns the bytes of a file already in memory into [`Input`]s, as [`read`] does.
pub fn split(
    path: &Path,
    kind: InputKind,
    bytes: &[u8],
    emit: &mut dyn FnMut(Result<Input>) -> ControlFlow<()>,
) {
    if kind == InputKind::JsonLines {
        let mut reader = bytes;
        let _ = read_lines_from(path, &mut reader, u64::MAX, emit);
        return;
    }
    let source = SourceRef::file(path);
    let decoded = decode(bytes, kind == InputKind::Html);
    let _ = emit(
        decoded
            .map(|text| Input {
                source: source.clone(),
                kind,
                text,
            })
            .map_err(|(problem, reason)| Error::bad_input(source, problem, reason)),
    );
}

fn too_large(source: SourceRef, max_bytes: u64) -> Error {
    Error::bad_input(
        source,
        Problem::TooLarge,
        format!("over the size cap of {} bytes", max_bytes),
    )
}

fn read_lines_from(
    path: &Path,
    reader: &mut dyn BufRead,
    max_bytes: u64,
    emit: &mut dyn FnMut(Result<Input>) -> ControlFlow<()>,
) -> Result<()> {
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        line.clear();
        let (read, complete) =
            read_line_capped(reader, &mut line, max_bytes).map_err(|e| Error::io(path, e))?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let source = SourceRef::line(path, number);
        let input = if !complete {
            Some(Err(too_large(source, max_bytes)))
        } else {
            let bytes = if number == 1 {
                line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&line)
            } else {
                &line
            };
            match std::str::from_utf8(bytes) {
                Ok(text) if text.trim().is_empty() => None,
                Ok(text) => Some(Ok(Input {
                    source,
                    kind: InputKind::JsonLines,
                    text: text.trim_end().to_string(),
                })),
                Err(err) => Some(Err(Error::bad_input(
                    source,
                    Problem::Encoding,
                    format!("not UTF-8 (byte {})", err.valid_up_to()),
                ))),
            }
        };
        if let Some(input) = input
            && emit(input).is_break()
        {
            return Ok(());
        }
    }
}

/// Reads one line (up to and including `\n`) into `line`, keeping at most `max_bytes` of
/// it; the rest of a longer line is read and dropped. Returns the bytes read and whether
/// the line was kept whole.
fn read_line_capped(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
    max_bytes: u64,
) -> std::io::Result<(usize, bool)> {
    let mut read = 0;
    let mut complete = true;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            return Ok((read, complete));
        }
        let (chunk, done) = match buffer.iter().position(|&b| b == b'\n') {
            Some(at) => (&buffer[..=at], true),
            None => (buffer, false),
        };
        let room = (max_bytes as usize).saturating_sub(line.len());
        if chunk.len() > room {
            complete = false;
            line.clear();
        } else if complete {
            line.extend_from_slice(chunk);
        }
        let used = chunk.len();
        reader.consume(used);
        read += used;
        if done {
            return Ok((read, complete));
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
        let problems: Vec<_> = errors.iter().map(|e| e.problem()).collect();
        assert_eq!(
            problems,
            [Some(Problem::Unsupported), Some(Problem::Unreadable)]
        );
        assert!(errors[0].to_string().contains("c.png"), "{}", errors[0]);
        assert!(
            errors[1].to_string().contains("missing.txt"),
            "{}",
            errors[1]
        );
    }

    #[test]
    fn html_is_recognised_by_its_opening() {
        for page in [
            "<!DOCTYPE html><html>",
            "\u{feff}  <html lang=zh>",
            "<!-- saved by a crawler -->\n<!doctype HTML>",
            "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">",
            "<head><meta charset=gbk>",
        ] {
            assert!(looks_like_html(page.as_bytes()), "{page}");
        }
        for other in ["%PDF-1.4", "a,b,c", "<?php echo 1; ?>", "", "<!-- unclosed"] {
            assert!(!looks_like_html(other.as_bytes()), "{other}");
        }
    }

    /// What [`read`] hands over for a JSON Lines file with `contents`, capped at `max_bytes`.
    fn read_json_lines(contents: &[u8], max_bytes: u64) -> Vec<Result<Input>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        std::fs::write(&path, contents).unwrap();
        let file = InputFile {
            path,
            kind: InputKind::JsonLines,
            len: 0,
        };
        let mut seen = Vec::new();
        read(&file, max_bytes, &mut |input| {
            seen.push(input);
            ControlFlow::Continue(())
        })
        .unwrap();
        seen
    }

    #[test]
    fn json_lines_are_numbered_and_blank_lines_skipped() {
        let seen: Vec<_> = read_json_lines(b"{\"a\":1}\n\n\xff\xfe\n{\"b\":2}", 100)
            .into_iter()
            .map(|input| input.map(|i| i.source.line).map_err(|e| e.to_string()))
            .collect();
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

    #[test]
    fn inputs_over_the_cap_are_reported_and_reading_goes_on() {
        let long = format!("{{\"title\":\"{}\"}}\n", "长".repeat(300));
        let seen: Vec<_> = read_json_lines(format!("{long}{{\"b\":2}}\n{long}").as_bytes(), 100)
            .into_iter()
            .map(|input| input.map(|i| i.text).map_err(|e| e.problem()))
            .collect();
        assert_eq!(
            seen,
            [
                Err(Some(Problem::TooLarge)),
                Ok("{\"b\":2}".to_string()),
                Err(Some(Problem::TooLarge))
            ]
        );
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("p.html");
        std::fs::write(&page, "<p>".repeat(50)).unwrap();
        let file = InputFile {
            path: page,
            kind: InputKind::Html,
            len: 150,
        };
        let mut problems = Vec::new();
        read(&file, 100, &mut |input| {
            problems.push(input.unwrap_err().problem());
            ControlFlow::Break(())
        })
        .unwrap();
        assert_eq!(problems, [Some(Problem::TooLarge)]);
    }
}
