//! Corpus loading shared by the benches: the first `limit` records of
//! `../shared/corpus/xwlb-2022-2024.jsonl` when present, else the embedded sample corpus.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use zhsearch::ingest::Input;
use zhsearch::{Engine, SearchRequest};

/// The 50 mixed queries of `benches/queries.txt`.
#[allow(dead_code)] // not every bench measures latency
pub fn queries() -> Vec<&'static str> {
    include_str!("queries.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect()
}

#[allow(dead_code)] // not every bench reads the corpus this way
pub fn corpus(limit: usize) -> Vec<Input> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/xwlb-2022-2024.jsonl");
    if !path.exists() {
        eprintln!("../shared/corpus is absent: benchmarking the embedded sample corpus instead");
        return zhsearch::sample::inputs();
    }
    let file = zhsearch::ingest::InputFile {
        path: PathBuf::from("../shared/corpus/xwlb-2022-2024.jsonl"),
        kind: zhsearch::ingest::InputKind::JsonLines,
        len: 0,
    };
    let mut inputs = Vec::new();
    let _ = zhsearch::ingest::read(&file, u64::MAX, &mut |input| {
        if inputs.len() >= limit {
            return std::ops::ControlFlow::Break(());
        }
        inputs.extend(input.ok());
        std::ops::ControlFlow::Continue(())
    });
    inputs
}

/// Runs every request once to warm up, then `rounds` times, and prints the mean, p50, p95
/// and p99 of the single-query times, with the slowest queries.
#[allow(dead_code)] // not every bench measures latency
pub fn measure_latency(label: &str, engine: &Engine, requests: &[SearchRequest], rounds: usize) {
    // One warm-up pass: the first touch of each posting list is a page fault, not search.
    for request in requests {
        engine.search(request).expect("a valid query");
    }
    let mut times: Vec<(Duration, usize)> = Vec::with_capacity(requests.len() * rounds);
    for _ in 0..rounds {
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
    let mean = times.iter().map(|(d, _)| *d).sum::<Duration>() / times.len() as u32;
    println!(
        "{label}: mean {:.0} µs, p50 {:.0} µs, p95 {:.0} µs, p99 {:.0} µs, max {:.0} µs",
        micros(mean),
        micros(at(0.50)),
        micros(at(0.95)),
        micros(at(0.99)),
        micros(times.last().unwrap().0)
    );
    // Each query's median over the rounds: the tail is set by a few queries, and these
    // say which.
    let mut medians: Vec<(Duration, usize)> = (0..requests.len())
        .map(|i| {
            let mut own: Vec<Duration> = times
                .iter()
                .filter(|(_, q)| *q == i)
                .map(|(t, _)| *t)
                .collect();
            own.sort();
            (own[own.len() / 2], i)
        })
        .collect();
    medians.sort_by(|a, b| b.cmp(a));
    let slowest: Vec<String> = medians
        .iter()
        .take(5)
        .map(|(t, i)| format!("{} {:.1} ms", requests[*i].query, t.as_secs_f64() * 1e3))
        .collect();
    println!("  slowest (median): {}", slowest.join(" | "));
}

/// The process's peak resident set (VmHWM), in KB; 0 where /proc is not there.
#[allow(dead_code)] // not every bench measures memory
pub fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// A JSON Lines news story, as the shared corpus holds them.
#[derive(serde::Deserialize, serde::Serialize)]
#[allow(dead_code)] // not every bench reads every field
pub struct Story {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
}

/// The stories of a JSON Lines file, streamed; lines that are not stories are passed over.
#[allow(dead_code)] // not every bench reads stories
pub fn stories(corpus: &Path) -> impl Iterator<Item = Story> {
    use std::io::BufRead;
    let file = std::fs::File::open(corpus).expect("the corpus opens");
    std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| serde_json::from_str(&line).ok())
}
