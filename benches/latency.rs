//! Warm query latency: p50/p95/p99 over the 50 mixed queries of `benches/queries.txt`
//! (words, phrases, filters, exclusions), each run many times against one open index: as
//! they are, with facets, and sorted by date.
//!
//! Corpus: all of `../shared/corpus/xwlb-2022-2024.jsonl` (15,958 stories), indexed once
//! into a temporary folder before timing; the embedded sample corpus when it is absent.
//! Run with `cargo bench --bench latency`; `-- --index DIR` measures that index instead.

#[path = "common.rs"]
mod common;

use std::time::Instant;

use zhsearch::{Engine, SearchRequest, SortOrder};

const ROUNDS: usize = 20;

fn main() {
    let queries = common::queries();
    // `--index DIR` measures an existing index (the 1M-document one of the scale bench).
    let mut args = std::env::args().skip_while(|a| a != "--index").skip(1);
    let given = args.next().map(std::path::PathBuf::from);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = match given {
        Some(path) => path,
        None => {
            let engine = Engine::create(dir.path(), Default::default()).expect("a new index");
            let started = Instant::now();
            let report = engine
                .indexer()
                .index_inputs(common::corpus(usize::MAX))
                .expect("indexing");
            println!(
                "indexed {} documents in {:.1} s",
                report.added,
                started.elapsed().as_secs_f64()
            );
            dir.path().to_path_buf()
        }
    };
    let engine = Engine::open(&path).expect("the index opens");
    let stats = engine.stats(1).expect("the index counts");
    let segments = std::fs::read_to_string(path.join("meta.json"))
        .ok()
        .and_then(|meta| serde_json::from_str::<serde_json::Value>(&meta).ok())
        .and_then(|meta| meta["segments"].as_array().map(Vec::len))
        .unwrap_or(0);
    // The configuration, so that a figure can be reproduced.
    println!(
        "{} documents in {segments} segments, {:.0} MB on disk; {} queries × {ROUNDS} rounds, \
         10 hits each; {} cores; zhsearch {}",
        stats.documents,
        stats.size_bytes as f64 / 1e6,
        queries.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        env!("CARGO_PKG_VERSION"),
    );
    let requests: Vec<SearchRequest> = queries.iter().map(|q| SearchRequest::new(*q)).collect();
    common::measure_latency("search, 10 hits", &engine, &requests, ROUNDS);
    let faceted: Vec<SearchRequest> = requests.iter().map(|r| r.clone().facets(10)).collect();
    common::measure_latency("search with --facets", &engine, &faceted, ROUNDS);
    let by_date: Vec<SearchRequest> = requests
        .iter()
        .map(|r| r.clone().sort(SortOrder::Date))
        .collect();
    common::measure_latency("search with --sort date", &engine, &by_date, ROUNDS);
    println!(
        "peak resident memory {:.0} MB (the index's files are memory-mapped: the page cache \
         holds the rest)",
        common::peak_rss_kb() as f64 / 1024.0
    );
}
