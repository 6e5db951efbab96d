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
    println!(
        "{} documents; {} queries × {ROUNDS} rounds, 10 hits each",
        engine.stats(1).map_or(0, |s| s.documents),
        queries.len()
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
}
