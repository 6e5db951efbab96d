//! Indexing throughput of the whole pipeline against a naive tantivy-jieba index, in one
//! run, with each stage's and field's cost and each configuration's peak memory.
//!
//! Every configuration runs in a child process of its own (this binary again, with
//! `--child NAME`), so that its peak RSS is its own; rounds alternate configurations, so
//! that the machine's drift hits them alike. Reported: the median wall time of the rounds
//! with MB/s of title and body text and documents/s, the ratio of throughput to the
//! baseline, and the median peak RSS.
//!
//! Configurations, all over the same JSON Lines file and the same writer threads:
//! - `baseline`: tantivy with `tantivy-jieba`'s `JiebaTokenizer` on title and body
//!   (stored), no extraction: what a user would write in an afternoon;
//! - `zhsearch`: `Indexer::index_paths`, everything on (ingest, extraction, word and
//!   exact-phrase fields, stored text, metadata fields, re-run bookkeeping);
//! - `zhsearch_no_metadata`: the same without the metadata found in the text;
//! - `extraction_only`: reading and extraction on all threads, no index;
//! - `jieba_only`: jieba-rs's `cut` of title and body on all threads, no index;
//! - `fields_*`: plain tantivy on the titles and bodies, with zhsearch's tokenizers:
//!   stored text only, plus the word fields, plus the bigram (exact-phrase) fields; and
//!   stored text with the bigram fields alone (the exact-phrase guarantee's own cost).
//!
//! Corpus: `../shared/corpus/xwlb-2022-2024.jsonl`; the embedded sample corpus (as JSON
//! Lines) when it is absent. Run with `cargo bench --bench throughput`; options:
//! `--rounds N` (3), `--threads N` (all cores), `--budget-mb N` (the writers' memory, 256),
//! `--only NAME,NAME`, `--corpus FILE`.

#[path = "common.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use rayon::prelude::*;
use tantivy::schema::{IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, TantivyDocument};
use zhsearch::Engine;
use zhsearch::analysis::{Analyzer, BigramTokenizer, Segmentation};
use zhsearch::extract::Extractor;

const CONFIGS: &[&str] = &[
    "baseline",
    "zhsearch",
    "zhsearch_no_metadata",
    "extraction_only",
    "jieba_only",
    "fields_stored",
    "fields_stored_words",
    "fields_stored_words_grams",
    "fields_stored_grams",
];

struct Options {
    rounds: usize,
    threads: usize,
    only: Option<Vec<String>>,
    corpus: Option<PathBuf>,
    child: Option<String>,
    budget_mb: usize,
}

fn options() -> Options {
    let mut options = Options {
        rounds: 3,
        threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
        only: None,
        corpus: None,
        child: None,
        budget_mb: 256,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match arg.as_str() {
            "--rounds" => options.rounds = value().parse().expect("--rounds N"),
            "--threads" => options.threads = value().parse().expect("--threads N"),
            "--only" => options.only = Some(value().split(',').map(str::to_string).collect()),
            "--corpus" => options.corpus = Some(PathBuf::from(value())),
            "--child" => options.child = Some(value()),
            "--budget-mb" => options.budget_mb = value().parse().expect("--budget-mb N"),
            _ => {} // `cargo bench` passes `--bench`
        }
    }
    options
}

fn main() {
    let options = options();
    if let Some(config) = &options.child {
        let corpus = options
            .corpus
            .as_deref()
            .expect("the parent passes --corpus");
        return child(config, corpus, options.threads, options.budget_mb << 20);
    }
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let corpus = match &options.corpus {
        Some(path) => path.clone(),
        None => default_corpus(scratch.path()),
    };
    let (docs, bytes) = corpus_size(&corpus);
    println!(
        "corpus: {} ({docs} records, {:.1} MB of title and body text); {} threads, {} rounds",
        corpus.display(),
        bytes as f64 / 1e6,
        options.threads,
        options.rounds
    );
    let configs: Vec<&str> = CONFIGS
        .iter()
        .copied()
        .filter(|c| {
            options
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| o == c))
        })
        .collect();
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); configs.len()];
    for round in 0..options.rounds {
        for (i, config) in configs.iter().enumerate() {
            let run = spawn(config, &corpus, &options);
            eprintln!(
                "round {}: {config}: {:.2} s, {} MB peak",
                round + 1,
                run.seconds,
                run.peak_kb / 1000
            );
            runs[i].push(run);
        }
    }
    let baseline = configs
        .iter()
        .position(|c| *c == "baseline")
        .map(|i| median(runs[i].iter().map(|r| r.seconds)));
    println!(
        "| configuration | wall (median) | MB/s | documents/s | throughput ÷ baseline | peak RSS |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    for (config, runs) in configs.iter().zip(&runs) {
        let seconds = median(runs.iter().map(|r| r.seconds));
        let peak = median(runs.iter().map(|r| r.peak_kb as f64));
        let ratio = baseline.map_or("—".to_string(), |b| format!("{:.2}", b / seconds));
        println!(
            "| `{config}` | {seconds:.2} s | {:.1} | {:.0} | {ratio} | {:.0} MB |",
            bytes as f64 / 1e6 / seconds,
            docs as f64 / seconds,
            peak / 1000.0
        );
    }
}

#[derive(Clone)]
struct Run {
    seconds: f64,
    peak_kb: u64,
}

fn spawn(config: &str, corpus: &Path, options: &Options) -> Run {
    let output = Command::new(std::env::current_exe().expect("this binary"))
        .args(["--child", config, "--threads", &options.threads.to_string()])
        .args(["--budget-mb", &options.budget_mb.to_string(), "--corpus"])
        .arg(corpus)
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().unwrap_or_default();
    let mut fields = line.split_whitespace();
    match (fields.next().map(str::parse), fields.next().map(str::parse)) {
        (Some(Ok(seconds)), Some(Ok(peak_kb))) if output.status.success() => {
            Run { seconds, peak_kb }
        }
        _ => panic!(
            "{config} failed: {}{}",
            stdout,
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The shared news stories, or the sample corpus written out as JSON Lines.
fn default_corpus(scratch: &Path) -> PathBuf {
    // Relative to the package, where `cargo bench` runs.
    let shared = PathBuf::from("../shared/corpus/xwlb-2022-2024.jsonl");
    if shared.exists() {
        return shared;
    }
    eprintln!("../shared/corpus is absent: measuring the embedded sample corpus instead");
    let extractor = Extractor::default();
    let path = scratch.join("sample.jsonl");
    let lines: Vec<String> = zhsearch::sample::inputs()
        .iter()
        .filter_map(|input| extractor.extract(input).ok())
        .map(|doc| {
            serde_json::json!({"id": doc.id, "date": doc.date.map(|d| d.to_string()), "title": doc.title, "body": doc.body})
                .to_string()
        })
        .collect();
    std::fs::write(&path, lines.join("\n")).expect("a writable temporary folder");
    path
}

fn corpus_size(corpus: &Path) -> (usize, usize) {
    common::stories(corpus).fold((0, 0), |(docs, bytes), s| {
        (docs + 1, bytes + s.title.len() + s.body.len())
    })
}

/// Runs one configuration and prints `seconds peak_kb`.
fn child(config: &str, corpus: &Path, threads: usize, budget: usize) {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()
        .expect("one global pool");
    let dir = tempfile::tempdir().expect("a temporary folder");
    // Loaded before the clock starts in every configuration that segments: a fixed cost.
    let analyzer = Analyzer::new();
    analyzer.jieba();
    let tantivy_jieba = tantivy_jieba::JiebaTokenizer::new();
    let started = Instant::now();
    match config {
        "baseline" => {
            let mut builder = Schema::builder();
            let text = TextOptions::default().set_stored().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("jieba")
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            let title = builder.add_text_field("title", text.clone());
            let body = builder.add_text_field("body", text);
            let index = Index::create_in_dir(dir.path(), builder.build()).expect("an index");
            index.tokenizers().register("jieba", tantivy_jieba);
            index_stories(&index, corpus, threads, budget, |story, doc| {
                doc.add_text(title, &story.title);
                doc.add_text(body, &story.body);
            });
        }
        "zhsearch" | "zhsearch_no_metadata" => {
            let engine = Engine::create(dir.path(), Default::default()).expect("an index");
            let report = engine
                .indexer()
                .threads(threads)
                .memory_budget(budget)
                .extract_metadata(config == "zhsearch")
                .index_paths(&[corpus.to_path_buf()])
                .expect("indexed");
            assert!(report.failed.is_empty(), "{:?}", report.failed.first());
        }
        "extraction_only" => {
            let extractor = Extractor::default();
            let file = zhsearch::ingest::InputFile {
                path: corpus.to_path_buf(),
                kind: zhsearch::ingest::InputKind::JsonLines,
                len: 0,
            };
            let mut batch = Vec::new();
            let mut persons = 0;
            let mut flush = |batch: &mut Vec<zhsearch::ingest::Input>| {
                persons += batch
                    .par_drain(..)
                    .filter_map(|input| extractor.extract(&input).ok())
                    .map(|doc| doc.persons.len())
                    .sum::<usize>();
            };
            let _ = zhsearch::ingest::read(&file, u64::MAX, &mut |input| {
                batch.extend(input.ok());
                if batch.len() == 512 {
                    flush(&mut batch);
                }
                std::ops::ControlFlow::Continue(())
            });
            flush(&mut batch);
            std::hint::black_box(persons);
        }
        "jieba_only" => {
            let jieba = analyzer.jieba();
            let stories: Vec<common::Story> = common::stories(corpus).collect();
            let started = Instant::now();
            let words: usize = stories
                .par_iter()
                .map(|s| jieba.cut(&s.title, true).len() + jieba.cut(&s.body, true).len())
                .sum();
            std::hint::black_box(words);
            // Reading the file is not jieba's work.
            return report(started);
        }
        fields if fields.starts_with("fields_") => {
            let words = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("zh_words")
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            let grams = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("zh_grams")
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            let mut builder = Schema::builder();
            let stored = [
                builder.add_text_field("title", STORED),
                builder.add_text_field("body", STORED),
            ];
            let with_words = fields.contains("words");
            let with_grams = fields.contains("grams");
            let word_fields = [
                builder.add_text_field("title_words", words.clone()),
                builder.add_text_field("body_words", words),
            ];
            let gram_fields = [
                builder.add_text_field("title_grams", grams.clone()),
                builder.add_text_field("body_grams", grams),
            ];
            let index = Index::create_in_dir(dir.path(), builder.build()).expect("an index");
            let segmenter = analyzer.tokenizer(Segmentation::Index);
            index.tokenizers().register("zh_words", segmenter);
            index.tokenizers().register("zh_grams", BigramTokenizer);
            index_stories(&index, corpus, threads, budget, |story, doc| {
                for (i, text) in [&story.title, &story.body].into_iter().enumerate() {
                    doc.add_text(stored[i], text);
                    if with_words {
                        doc.add_text(word_fields[i], text);
                    }
                    if with_grams {
                        doc.add_text(gram_fields[i], text);
                    }
                }
            });
        }
        other => panic!("unknown configuration {other}"),
    }
    report(started)
}

/// Adds every story of `corpus` to a plain tantivy index, as `fill` makes it a document,
/// then commits and waits for the merges, as the pipeline does.
fn index_stories(
    index: &Index,
    corpus: &Path,
    threads: usize,
    budget: usize,
    fill: impl Fn(&common::Story, &mut TantivyDocument),
) {
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(threads, budget)
        .expect("a writer");
    for story in common::stories(corpus) {
        let mut doc = TantivyDocument::default();
        fill(&story, &mut doc);
        writer.add_document(doc).expect("added");
    }
    writer.commit().expect("committed");
    writer.wait_merging_threads().expect("merged");
}

fn report(started: Instant) {
    let seconds = started.elapsed().as_secs_f64();
    println!("{seconds:.4} {}", common::peak_rss_kb());
}
