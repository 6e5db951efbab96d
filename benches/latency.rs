//! Warm query latency: p50/p95/p99 over the 50 mixed queries of `benches/queries.txt`
//! (words, phrases, filters, exclusions), each run many times against one open index: as
//! they are, with facets, and sorted by date.
//!
//! Corpus: all of `../shared/corpus/xwlb-2022-2024.jsonl` (15,958 stories), indexed once
//! into a temporary folder before timing; the embedded sample corpus when it is absent.
//! Run with `cargo bench --bench latency`.

#[path = "common.rs"]
mod common;

use std::time::{Duration, Instant};

use zhsearch::{Engine, SearchRequest, SortOrder};

const ROUNDS: usize = 20;

fn main() {
    let queries: Vec<&str> = include_str!("queries.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let engine = Engine::create(dir.path(), Default::default()).expect("a new index");
    let started = Instant::now();
    let report = engine
        .indexer()
        .index_inputs(common::corpus(usize::MAX))
        .expect("indexing");
    println!(
        "indexed {} documents in {:.1} s; {} queries × {ROUNDS} rounds, 10 hits each",
        report.added,
        started.elapsed().as_secs_f64(),
        queries.len()
    );
    let engine = Engine::open(dir.path()).expect("the index reopens");
    let requests: Vec<SearchRequest> = queries.iter().map(|q| SearchRequest::new(*q)).collect();
    measure("search, 10 hits", &engine, &requests);
    let faceted: Vec<SearchRequest> = requests.iter().map(|r| r.clone().facets(10)).collect();
    measure("search with --facets", &engine, &faceted);
    let by_date: Vec<SearchRequest> = requests
        .iter()
        .map(|r| r.clone().sort(SortOrder::Date))
        .collect();
    measure("search with --sort date", &engine, &by_date);
}

fn measure(label: &str, engine: &Engine, requests: &[SearchRequest]) {
    // One warm-up pass: the first touch of each posting list is a page fault, not search.
    for request in requests {
        engine.search(request).expect("a valid query");
    }
    let mut times: Vec<(Duration, usize)> = Vec::with_capacity(requests.len() * ROUNDS);
    for _ in 0..ROUNDS {
        for (i, request) in requests.iter().enumerate() {
            let start = Instant::now();
            let results = engine.search(request).expect("a valid query");
            times.push((start.elapsed(), i));
            std::hint::black_box(results);
        }
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].0;
    let micros = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "{label}: p50 {:.0} µs, p95 {:.0} µs, p99 {:.0} µs, max {:.0} µs",
        micros(at(0.50)),
        micros(at(0.95)),
        micros(at(0.99)),
        micros(times.last().unwrap().0)
    );
    let mut slowest: Vec<usize> = times.iter().rev().map(|(_, i)| *i).collect();
    slowest.dedup();
    let mut seen = Vec::new();
    for i in slowest {
        if !seen.contains(&i) {
            seen.push(i);
        }
        if seen.len() == 3 {
            break;
        }
    }
    let names: Vec<&str> = seen.iter().map(|&i| requests[i].query.as_str()).collect();
    println!("  slowest: {}", names.join(" | "));
}
