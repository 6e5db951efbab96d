//! Integration tests: the real binary on fixture files, and the library's public API.

mod cli;
mod library;
mod no_panic;
#[path = "../examples/support/person_score.rs"]
mod person_score;
mod phrases;
mod robustness;
mod serve;
mod shared_corpus;
mod util;
