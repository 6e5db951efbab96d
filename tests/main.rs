//! Integration tests: the real binary on fixture files, and the library's public API.
//!
//! One binary for all of them (one link, shared helpers). Each module below says what it
//! covers; put a new test in the module whose question it answers. Run one with
//! `cargo test --test integration NAME`.

// The `zhsearch` binary end to end on `tests/fixtures/`: add a test here for every command,
// flag or output field a user sees (index, search, extract, their errors).
mod cli;
// What a new user meets first: the sample corpus, typos in paths, folders of odd files,
// pipes, grep's exit codes, read-only copies, query operators: add a test here for any
// first-use behaviour.
mod first_use;
// One document per story, through the binary: path spellings, a story's pages and records
// in any order, re-runs and pruning of multi-source documents: add a test here for any
// rule of what makes two inputs one document.
mod identity;
// The public API as an embedding program calls it (`Engine`, `Document`, `SearchRequest`):
// add a test here for library behaviour that does not need the binary.
mod library;
// Property tests that readers and extractors never panic on any bytes or HTML-, text- and
// JSON-like strings: add a strategy here with every new input kind or extractor.
mod no_panic;
// P/R/F1 of person names, shared with the evaluation examples (used by `shared_corpus`):
// no tests of its own; change it in `examples/support/`.
#[path = "../examples/support/person_score.rs"]
mod person_score;
// The exact-phrase guarantee, checked against a substring scan, and that no query panics:
// add a test here with any change to normalisation, tokenizers or query compilation.
mod phrases;
// Reposts of one report on several sites: documents apart, one story under `--collapse`;
// add a test here for near-duplicate grouping.
mod reposts;
// Messy inputs, encodings, re-runs, `kill -9`, Ctrl-C and concurrent use, through the
// binary: add a test here for failure, recovery and locking behaviour.
mod robustness;
// The HTTP API and the search page of `zhsearch serve`, against the CLI's answers and in
// headless Chromium: add a test here for every endpoint and page behaviour.
mod serve;
// Shards searched as one and merged, against one index of everything; shards built
// otherwise refused: add a test here for any multi-index behaviour.
mod shards;
// Checks on the real data in `../shared`, skipped when it is absent: add a floor here under
// any figure in `BENCHMARKS.md` that a regression could lower.
mod shared_corpus;
// The harness (`TestEnv`, `shared_dir`, `synthetic_reports`): helpers two modules use go
// here, never tests.
mod util;
