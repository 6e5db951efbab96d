//! Person recognition alone: `PersonRecognizer::persons` of the built-in model over the
//! headline and the body of each of the first stories of the shared corpus, one thread,
//! the jieba of `Analyzer::new` handed in. What it leaves out of extraction (reading,
//! dates, departments, meetings) is measured by the `indexing` and `throughput` benches.
//!
//! One warm-up pass (the model, the lexicons and jieba's dictionary load lazily), then
//! `--rounds N` timed passes (3); printed: each pass, the median, and the names found (a
//! check that two builds did the same work).
//!
//! Corpus: the first `--stories N` (2,000) stories of `../shared/corpus/xwlb-2022-2024.jsonl`,
//! or of `--corpus FILE`; without either file the bench says so and measures nothing.
//! Run with `cargo bench --bench persons`.

#[path = "common.rs"]
mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use zhsearch::analysis::Analyzer;
use zhsearch::extract::persons::PersonRecognizer;

fn main() {
    let mut corpus =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/xwlb-2022-2024.jsonl");
    let (mut stories, mut rounds) = (2_000, 3);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match arg.as_str() {
            "--corpus" => corpus = PathBuf::from(value()),
            "--stories" => stories = value().parse().expect("--stories N"),
            "--rounds" => rounds = value().parse().expect("--rounds N"),
            // What `cargo bench` passes to every bench.
            "--bench" => {}
            other => panic!("unknown option {other}: --corpus FILE, --stories N, --rounds N"),
        }
    }
    if !corpus.exists() {
        eprintln!(
            "{} is absent: nothing measured (pass --corpus FILE)",
            corpus.display()
        );
        return;
    }
    let texts: Vec<(String, String)> = common::stories(&corpus)
        .take(stories)
        .map(|s| (s.title, s.body))
        .collect();
    let chars: usize = texts
        .iter()
        .map(|(t, b)| t.chars().count() + b.chars().count())
        .sum();
    let analyzer = Analyzer::new();
    let jieba = analyzer.jieba();
    let recognizer = PersonRecognizer::builtin();
    let pass = || {
        texts
            .iter()
            .map(|(title, body)| {
                recognizer.persons(jieba, title).len() + recognizer.persons(jieba, body).len()
            })
            .sum::<usize>()
    };
    let names = pass();
    let mut times: Vec<Duration> = (0..rounds.max(1))
        .map(|_| {
            let start = Instant::now();
            assert_eq!(std::hint::black_box(pass()), names);
            start.elapsed()
        })
        .collect();
    let shown: Vec<String> = times
        .iter()
        .map(|t| format!("{:.0} ms", t.as_secs_f64() * 1e3))
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "persons: {} stories, {:.1} M chars, {names} names; passes {}; median {:.0} ms ({:.2} M chars/s)",
        texts.len(),
        chars as f64 / 1e6,
        shown.join(", "),
        median.as_secs_f64() * 1e3,
        chars as f64 / 1e6 / median.as_secs_f64(),
    );
}
