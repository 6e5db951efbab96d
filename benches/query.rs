//! What's measured: `Engine::search` alone (parse, compile, collect, snippets for 10
//! hits) on a warm index, for word, phrase, filter and boolean queries.
//!
//! Corpus model: the first 5,000 CCTV stories of `../shared/corpus/xwlb-2022-2024.jsonl`
//! (the embedded sample corpus when absent), indexed once before timing.

#[path = "common.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use zhsearch::{Engine, SearchRequest};

const QUERIES: &[&str] = &[
    "二十大精神",
    "新质生产力",
    "李强 国务院常务会议",
    "\"高质量发展\"",
    "乡村振兴 OR 共同富裕",
    "会议 -疫情",
    "经济 date:2023",
    "person:李强",
];

fn query(c: &mut Criterion) {
    let engine = Engine::create_in_ram().unwrap();
    engine
        .indexer()
        .index_inputs(common::corpus(5_000))
        .unwrap();
    let mut group = c.benchmark_group("query");
    for query in QUERIES {
        let request = SearchRequest::new(*query);
        group.bench_function(*query, |b| {
            b.iter(|| engine.search(&request).unwrap().total)
        });
    }
    group.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
