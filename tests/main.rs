//! Integration tests: the real binary on fixture files, and the library's public API.

mod cli;
mod library;
mod shared_corpus;
mod util;
