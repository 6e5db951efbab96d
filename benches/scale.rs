//! Scale: indexing throughput, index size, peak memory and warm query latency at
//! 1,000,000 documents, against the same figures for the real 16k-story corpus in the
//! same run.
//!
//! The large corpus is made from the real one: each document takes a real story's
//! sentences in a new order, a third of them swapped for sentences of other stories, a
//! real title, a new id and a date spread over 2013–2024. So the vocabulary, sentence
//! lengths and names are real, and no two documents are the same.
//!
//! Run with `cargo bench --bench scale` (about 20 minutes and 6 GB of disk on two
//! cores); options: `--docs N` (1,000,000), `--threads N` (all cores), `--keep DIR`
//! (write the corpus and index there and keep them). Needs
//! `../shared/corpus/xwlb-2022-2024.jsonl`; says so and stops when it is absent.
//! Indexing runs in a child process (this binary, `--child-index`) so that its peak RSS
//! is its own.

#[path = "common.rs"]
mod common;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use zhsearch::{Engine, SearchRequest, SortOrder};

const SHARED: &str = "../shared/corpus/xwlb-2022-2024.jsonl";
const LATENCY_ROUNDS: usize = 10;

fn main() {
    let mut docs = 1_000_000usize;
    let mut threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut keep: Option<PathBuf> = None;
    let mut child: Option<(PathBuf, PathBuf)> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match arg.as_str() {
            "--docs" => docs = value().parse().expect("--docs N"),
            "--threads" => threads = value().parse().expect("--threads N"),
            "--keep" => keep = Some(PathBuf::from(value())),
            "--child-index" => child = Some((PathBuf::from(value()), PathBuf::from(value()))),
            _ => {} // `cargo bench` passes `--bench`
        }
    }
    if let Some((corpus, index)) = child {
        return index_child(&corpus, &index, threads);
    }
    if !Path::new(SHARED).exists() {
        eprintln!("{SHARED} is absent: the scale bench needs the real corpus to expand");
        return;
    }
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let dir = keep.unwrap_or_else(|| scratch.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("a writable folder");

    let small = measure_indexing(
        "16k stories",
        Path::new(SHARED),
        &dir.join("index-16k"),
        threads,
    );
    let large_corpus = dir.join(format!("expanded-{docs}.jsonl"));
    if !large_corpus.exists() {
        let started = Instant::now();
        expand(Path::new(SHARED), &large_corpus, docs);
        eprintln!(
            "wrote {} in {:.0} s",
            large_corpus.display(),
            started.elapsed().as_secs_f64()
        );
    }
    let large = measure_indexing(
        &format!("{docs} documents"),
        &large_corpus,
        &dir.join("index-large"),
        threads,
    );
    println!();
    println!(
        "| corpus | documents | text | wall | MB/s | documents/s | peak RSS | index size (÷ text) |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for m in [&small, &large] {
        println!(
            "| {} | {} | {:.0} MB | {:.1} s | {:.1} | {:.0} | {:.0} MB | {:.0} MB ({:.2}×) |",
            m.label,
            m.documents,
            m.text_bytes as f64 / 1e6,
            m.seconds,
            m.text_bytes as f64 / 1e6 / m.seconds,
            m.documents as f64 / m.seconds,
            m.peak_kb as f64 / 1000.0,
            m.index_bytes as f64 / 1e6,
            m.index_bytes as f64 / m.text_bytes as f64
        );
    }
    println!(
        "throughput at {docs} documents ÷ at 16k: {:.2} (MB/s)",
        (large.text_bytes as f64 / large.seconds) / (small.text_bytes as f64 / small.seconds)
    );
    for m in [&small, &large] {
        let engine = Engine::open(&m.index).expect("the index opens");
        let requests: Vec<SearchRequest> = common::queries()
            .into_iter()
            .map(SearchRequest::new)
            .collect();
        common::measure_latency(
            &format!("{}: search, 10 hits", m.label),
            &engine,
            &requests,
            LATENCY_ROUNDS,
        );
        let faceted: Vec<SearchRequest> = requests.iter().map(|r| r.clone().facets(10)).collect();
        common::measure_latency(
            &format!("{}: with --facets", m.label),
            &engine,
            &faceted,
            LATENCY_ROUNDS,
        );
        let by_date: Vec<SearchRequest> = requests
            .iter()
            .map(|r| r.clone().sort(SortOrder::Date))
            .collect();
        common::measure_latency(
            &format!("{}: with --sort date", m.label),
            &engine,
            &by_date,
            LATENCY_ROUNDS,
        );
    }
}

struct Measured {
    label: String,
    index: PathBuf,
    documents: u64,
    text_bytes: u64,
    seconds: f64,
    peak_kb: u64,
    index_bytes: u64,
}

fn measure_indexing(label: &str, corpus: &Path, index: &Path, threads: usize) -> Measured {
    let _ = std::fs::remove_dir_all(index);
    eprintln!("indexing {label} …");
    let output = Command::new(std::env::current_exe().expect("this binary"))
        .args(["--threads", &threads.to_string(), "--child-index"])
        .arg(corpus)
        .arg(index)
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let numbers: Vec<f64> = stdout
        .lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    assert!(
        output.status.success() && numbers.len() == 4,
        "indexing {label} failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Measured {
        label: label.to_string(),
        index: index.to_path_buf(),
        seconds: numbers[0],
        peak_kb: numbers[1] as u64,
        documents: numbers[2] as u64,
        text_bytes: numbers[3] as u64,
        index_bytes: folder_size(index),
    }
}

/// Indexes `corpus` into a new index at `index`; prints `seconds peak_kb documents
/// text_bytes`.
fn index_child(corpus: &Path, index: &Path, threads: usize) {
    let started = Instant::now();
    let engine = Engine::create(index, Default::default()).expect("a new index");
    let report = engine
        .indexer()
        .threads(threads)
        .index_paths(&[corpus.to_path_buf()])
        .expect("indexing");
    let seconds = started.elapsed().as_secs_f64();
    assert!(report.failed.is_empty(), "{:?}", report.failed.first());
    let text_bytes: u64 = common::stories(corpus)
        .map(|s| (s.title.len() + s.body.len()) as u64)
        .sum();
    println!(
        "{seconds:.3} {} {} {text_bytes}",
        common::peak_rss_kb(),
        report.added
    );
}

/// Writes `docs` documents recombined from the stories of `source`.
fn expand(source: &Path, out: &Path, docs: usize) {
    let stories: Vec<common::Story> = common::stories(source).collect();
    let sentences: Vec<Vec<&str>> = stories.iter().map(|s| split_sentences(&s.body)).collect();
    let pool: Vec<&str> = sentences.iter().flatten().copied().collect();
    let mut rng = SplitMix(0x7a68_7365_6172_6368);
    let mut writer = BufWriter::new(std::fs::File::create(out).expect("a writable folder"));
    // 2013-01-01 .. 2024-12-31
    let first_day = chrono::NaiveDate::from_ymd_opt(2013, 1, 1).expect("a date");
    for i in 0..docs {
        let seed = rng.below(stories.len());
        let mut body: Vec<&str> = sentences[seed].clone();
        for sentence in body.iter_mut() {
            if rng.below(3) == 0 {
                *sentence = pool[rng.below(pool.len())];
            }
        }
        rng.shuffle(&mut body);
        let day = first_day + chrono::Days::new(rng.below(4383) as u64);
        let story = common::Story {
            id: format!("scale-{i:07}"),
            date: day.to_string(),
            title: stories[rng.below(stories.len())].title.clone(),
            body: body.concat(),
        };
        serde_json::to_writer(&mut writer, &story).expect("written");
        writer.write_all(b"\n").expect("written");
    }
    writer.flush().expect("written");
}

/// Sentences with their closing punctuation, so that they join back into prose.
fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '\n') {
            let end = i + c.len_utf8();
            if text[start..end].trim().chars().count() > 1 {
                out.push(&text[start..end]);
            }
            start = end;
        }
    }
    if text[start..].trim().chars().count() > 1 {
        out.push(&text[start..]);
    }
    out
}

/// A small deterministic generator (SplitMix64): the same corpus on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

fn folder_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
