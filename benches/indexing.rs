//! What's measured: the whole indexing pipeline (extraction, segmentation, tantivy) over
//! in-memory inputs, into an index in RAM, with one writer thread and with two, and with
//! two but without the metadata found in the text (meeting date, body, persons); that
//! metadata extraction alone; and jieba segmentation alone over the same text, as the
//! floor.
//!
//! Corpus model: the first 2,000 CCTV stories of `../shared/corpus/xwlb-2022-2024.jsonl`
//! (the embedded sample corpus when that file is absent).

#[path = "common.rs"]
mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zhsearch::Engine;
use zhsearch::analysis::{Analyzer, Segmentation};
use zhsearch::extract::Extractor;

fn indexing(c: &mut Criterion) {
    let inputs = common::corpus(2_000);
    let bytes: usize = inputs.iter().map(|i| i.text.len()).sum();
    let mut group = c.benchmark_group("indexing");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    for threads in [1, 2] {
        group.bench_function(format!("pipeline_{threads}_thread"), |b| {
            b.iter(|| {
                let engine = Engine::create_in_ram().unwrap();
                let report = engine
                    .indexer()
                    .threads(threads)
                    .index_inputs(inputs.clone())
                    .unwrap();
                assert_eq!(report.added as usize + report.skipped.len(), inputs.len());
            })
        });
    }
    group.bench_function("pipeline_2_thread_no_metadata", |b| {
        b.iter(|| {
            let engine = Engine::create_in_ram().unwrap();
            let report = engine
                .indexer()
                .threads(2)
                .extract_metadata(false)
                .index_inputs(inputs.clone())
                .unwrap();
            assert_eq!(report.added as usize + report.skipped.len(), inputs.len());
        })
    });
    let extractor = Extractor::default();
    group.bench_function("extraction_only_1_thread", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter_map(|i| extractor.extract(i).ok())
                .map(|d| d.persons.len())
                .sum::<usize>()
        })
    });
    let analyzer = Analyzer::new();
    group.bench_function("jieba_segmentation_only", |b| {
        b.iter(|| {
            inputs
                .iter()
                .map(|i| analyzer.segment(&i.text, Segmentation::Index).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, indexing);
criterion_main!(benches);
