//! The one error type of the library.
//!
//! Every error names what it is about (a file, a file and line, a query position) so that
//! the command-line tool can print it as one line and a batch can go on past it.

use std::fmt;
use std::path::PathBuf;

/// A `Result` whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Where a document came from: a file, or one line of a file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct SourceRef {
    /// The file, as it was given or found while walking a folder.
    pub path: PathBuf,
    /// The 1-based line number for JSON Lines records; `None` for whole-file pages.
    pub line: Option<u64>,
}

impl SourceRef {
    /// A whole file.
    pub fn file(path: impl Into<PathBuf>) -> SourceRef {
        SourceRef {
            path: path.into(),
            line: None,
        }
    }

    /// One line of a file (1-based).
    pub fn line(path: impl Into<PathBuf>, line: u64) -> SourceRef {
        SourceRef {
            path: path.into(),
            line: Some(line),
        }
    }
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path.display()),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

/// Why an input was not indexed, in a word: the summary of a run counts inputs by it.
///
/// ```
/// use zhsearch::Problem;
/// assert_eq!(Problem::Encoding.to_string(), "undecodable");
/// assert!(Problem::NoArticle.is_skip());
/// assert!(!Problem::BadRecord.is_skip());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Problem {
    /// The file could not be read (permissions, vanished, I/O error).
    Unreadable,
    /// A file named on the command line is of no kind zhsearch reads.
    UnknownType,
    /// A file found in a folder is of no kind zhsearch reads (`.pdf`, `.csv`, an image).
    /// Skipped.
    Unsupported,
    /// The file is empty.
    Empty,
    /// The file is binary, not text.
    Binary,
    /// The bytes could not be decoded to text with confidence.
    Encoding,
    /// The file, or one JSON Lines line, is over the size cap.
    TooLarge,
    /// A JSON Lines record is malformed (bad JSON, missing field, bad date).
    BadRecord,
    /// The page holds no article: an index or list page, an empty shell. Skipped.
    NoArticle,
}

impl Problem {
    /// True for inputs passed over on purpose (counted as skipped), false for failures.
    pub fn is_skip(self) -> bool {
        matches!(self, Problem::NoArticle | Problem::Unsupported)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Problem::Unreadable => "unreadable",
            Problem::UnknownType => "unknown type",
            Problem::Unsupported => "unsupported type",
            Problem::Empty => "empty",
            Problem::Binary => "binary",
            Problem::Encoding => "undecodable",
            Problem::TooLarge => "too large",
            Problem::BadRecord => "bad record",
            Problem::NoArticle => "no article",
        })
    }
}

/// Everything that can go wrong in zhsearch.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// One input (a page, or a line of a JSON Lines file) was not turned into a document:
    /// it failed, or was skipped when [`Problem::is_skip`].
    #[error("{input}: {reason}")]
    BadInput {
        /// Where the input is.
        input: SourceRef,
        /// What kind of problem it is.
        problem: Problem,
        /// What is wrong with it, in a few words.
        reason: String,
    },
    /// A query could not be parsed.
    #[error("query:{}: {message}", position + 1)]
    Query {
        /// The 0-based character offset in the query where the problem is (shown 1-based).
        position: usize,
        /// What is wrong.
        message: String,
    },
    /// The index folder holds no zhsearch index, or one this version cannot read.
    #[error("{}: {reason}", path.display())]
    BadIndex {
        /// The index folder.
        path: PathBuf,
        /// Why it cannot be used.
        reason: String,
    },
    /// A line of a jieba-format dictionary (`word [freq] [tag]`) is malformed.
    #[error("{dictionary}, line {line}: {reason}")]
    BadDictionary {
        /// Which dictionary: `user dictionary`, or the built-in one's name.
        dictionary: &'static str,
        /// The 1-based line number.
        line: u64,
        /// What is wrong with the line.
        reason: String,
    },
    /// Another process is writing to the index.
    #[error("{}: index is locked by another zhsearch process{}", path.display(), pid.map(|p| format!(" (pid {p})")).unwrap_or_default())]
    Locked {
        /// The index folder.
        path: PathBuf,
        /// The writing process, when it recorded itself.
        pid: Option<u32>,
    },
    /// An error from the tantivy index.
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn bad_input(
        input: SourceRef,
        problem: Problem,
        reason: impl Into<String>,
    ) -> Error {
        Error::BadInput {
            input,
            problem,
            reason: reason.into(),
        }
    }

    /// What kind of input problem this is, for errors about one input or file; `None` for
    /// errors of the index or the query.
    pub fn problem(&self) -> Option<Problem> {
        match self {
            Error::Io { .. } => Some(Problem::Unreadable),
            Error::BadInput { problem, .. } => Some(*problem),
            _ => None,
        }
    }

    pub(crate) fn query(position: usize, message: impl Into<String>) -> Error {
        Error::Query {
            position,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_dictionary_names_the_dictionary_and_line() {
        let err = Error::BadDictionary {
            dictionary: "user dictionary",
            line: 3,
            reason: "bad frequency `x`".into(),
        };
        assert_eq!(
            err.to_string(),
            "user dictionary, line 3: bad frequency `x`"
        );
        assert_eq!(err.problem(), None);
    }

    #[test]
    fn io_names_the_path() {
        let err = Error::io("corpus/x.html", std::io::Error::other("denied"));
        assert_eq!(err.to_string(), "corpus/x.html: denied");
    }

    #[test]
    fn bad_input_names_file_and_line() {
        let err = Error::bad_input(
            SourceRef::line("corpus/x.jsonl", 17),
            Problem::BadRecord,
            "missing field `title`",
        );
        assert_eq!(err.to_string(), "corpus/x.jsonl:17: missing field `title`");
        let err = Error::bad_input(
            SourceRef::file("a.html"),
            Problem::NoArticle,
            "no article text",
        );
        assert_eq!(err.to_string(), "a.html: no article text");
    }

    #[test]
    fn query_position_is_shown_one_based() {
        assert_eq!(
            Error::query(6, "unclosed quote").to_string(),
            "query:7: unclosed quote"
        );
    }

    #[test]
    fn bad_index_names_the_folder() {
        let err = Error::BadIndex {
            path: "index".into(),
            reason: "not a zhsearch index".into(),
        };
        assert_eq!(err.to_string(), "index: not a zhsearch index");
    }

    #[test]
    fn tantivy_errors_are_prefixed() {
        let err = Error::from(tantivy::TantivyError::InvalidArgument("x".into()));
        assert!(err.to_string().starts_with("index: "), "{err}");
    }
}
