//! Integration tests: the real binary on fixture files, and the library's public API.

mod cli;
mod library;
#[path = "../examples/support/person_score.rs"]
mod person_score;
mod phrases;
mod shared_corpus;
mod util;
