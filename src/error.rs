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
    /// One input (a page, or a line of a JSON Lines file) could not be turned into a document.
    #[error("{input}: {reason}")]
    BadInput {
        /// Where the input is.
        input: SourceRef,
        /// What is wrong with it, in a few words.
        reason: String,
    },
    /// An input was read but holds no article (an index page, a list, an empty shell); it is
    /// skipped rather than failed.
    #[error("{input}: {reason}")]
    NotAnArticle {
        /// Where the input is.
        input: SourceRef,
        /// Why it was skipped.
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

    pub(crate) fn bad_input(input: SourceRef, reason: impl Into<String>) -> Error {
        Error::BadInput {
            input,
            reason: reason.into(),
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
    fn io_names_the_path() {
        let err = Error::io("corpus/x.html", std::io::Error::other("denied"));
        assert_eq!(err.to_string(), "corpus/x.html: denied");
    }

    #[test]
    fn bad_input_names_file_and_line() {
        let err = Error::bad_input(
            SourceRef::line("corpus/x.jsonl", 17),
            "missing field `title`",
        );
        assert_eq!(err.to_string(), "corpus/x.jsonl:17: missing field `title`");
        let err = Error::bad_input(SourceRef::file("a.html"), "no article text");
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
