//! Cold query: the wall time of a whole `zhsearch search 二十大精神` process (start, open
//! the index, analyse the query, search, print, exit), with its breakdown.
//!
//! The index holds the 16k stories of `../shared/corpus/xwlb-2022-2024.jsonl` (the
//! embedded sample corpus when that is absent), built once into a temporary folder, or
//! the index given with `--index DIR`. Each process is new; the operating system's file
//! cache is warm after the first runs, as it is for a user typing queries at a prompt.
//!
//! Measured in the same run:
//! - `zhsearch search` processes (median, p95 and min of `--runs N`, 30 by default);
//! - `zhsearch --version` processes: starting and exiting the binary, the floor;
//! - in a fresh child process, each library step of a query (open the index, first
//!   search, second search) and, for comparison, loading jieba's full dictionary, which
//!   the query path no longer does.
//!
//! Run with `cargo bench --bench cold_query`.

#[path = "common.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use zhsearch::{Engine, SearchRequest};

const QUERY: &str = "二十大精神";

fn main() {
    let mut runs = 30;
    let mut index: Option<PathBuf> = None;
    let mut breakdown: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match arg.as_str() {
            "--runs" => runs = value().parse().expect("--runs N"),
            "--index" => index = Some(PathBuf::from(value())),
            "--breakdown" => breakdown = Some(PathBuf::from(value())),
            _ => {} // `cargo bench` passes `--bench`
        }
    }
    if let Some(index) = breakdown {
        return print_breakdown(&index);
    }
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let index = index.unwrap_or_else(|| {
        let dir = scratch.path().join("index");
        let engine = Engine::create(&dir, Default::default()).expect("a new index");
        let report = engine
            .indexer()
            .index_inputs(common::corpus(usize::MAX))
            .expect("indexing");
        eprintln!("indexed {} documents", report.added);
        dir
    });
    let binary = env!("CARGO_BIN_EXE_zhsearch");
    let search = time_processes(runs, || {
        Command::new(binary)
            .args(["search", "--index"])
            .arg(&index)
            .arg(QUERY)
            .stdout(Stdio::piped())
            .output()
            .expect("zhsearch runs")
    });
    let floor = time_processes(runs, || {
        Command::new(binary)
            .arg("--version")
            .output()
            .expect("zhsearch runs")
    });
    println!("{runs} processes each (median / p95 / min):");
    println!("  zhsearch search {QUERY}: {}", search.summary());
    println!("  zhsearch --version:      {}", floor.summary());
    let output = Command::new(std::env::current_exe().expect("this binary"))
        .arg("--breakdown")
        .arg(&index)
        .output()
        .expect("the child runs");
    print!("{}", String::from_utf8_lossy(&output.stdout));
}

struct Times(Vec<Duration>);

impl Times {
    fn at(&self, q: f64) -> Duration {
        self.0[((self.0.len() - 1) as f64 * q).round() as usize]
    }

    fn summary(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        format!(
            "{:.1} / {:.1} / {:.1} ms",
            ms(self.at(0.5)),
            ms(self.at(0.95)),
            ms(self.at(0.0))
        )
    }
}

fn time_processes(runs: usize, mut run: impl FnMut() -> std::process::Output) -> Times {
    for _ in 0..3 {
        run(); // the file cache, not the process, is what the first runs warm
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let output = run();
            let elapsed = started.elapsed();
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            elapsed
        })
        .collect();
    times.sort();
    Times(times)
}

/// The library steps of a one-query process, timed in this fresh process.
fn print_breakdown(index: &Path) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let started = Instant::now();
    let engine = Engine::open(index).expect("the index opens");
    let opened = started.elapsed();
    let started = Instant::now();
    let results = engine
        .search(&SearchRequest::new(QUERY))
        .expect("a valid query");
    let first = started.elapsed();
    let started = Instant::now();
    let rendered: usize = results
        .hits
        .iter()
        .map(|h| h.snippet.to_html().len() + h.title.len())
        .sum();
    let render = started.elapsed();
    let started = Instant::now();
    engine
        .search(&SearchRequest::new(QUERY))
        .expect("a valid query");
    let second = started.elapsed();
    let started = Instant::now();
    engine.analyzer().jieba();
    let dictionary = started.elapsed();
    std::hint::black_box(rendered);
    println!(
        "breakdown, in one fresh process ({} hits of {}):",
        results.hits.len(),
        results.total
    );
    println!(
        "  open the index (settings, analyser, tantivy, reader): {:.2} ms",
        ms(opened)
    );
    println!(
        "  first search (query analysis without the dictionary, search, snippets): {:.2} ms",
        ms(first)
    );
    println!("  render the hits: {:.2} ms", ms(render));
    println!("  same search again, warm: {:.2} ms", ms(second));
    println!(
        "  not done by queries any more — load jieba's full dictionary: {:.1} ms",
        ms(dictionary)
    );
}
