//! Load on `zhsearch serve`: 8 clients at once, each sending `/api/search` requests with
//! facets for the 50 queries of `benches/queries.txt` in turn, over loopback; prints the
//! p50/p95/p99 latency of all requests (connect to last byte) and counts any non-200.
//!
//! Corpus: all of `../shared/corpus/xwlb-2022-2024.jsonl`, indexed once into a temporary
//! folder before timing (the embedded sample corpus when it is absent). The server is
//! `zhsearch::http::serve` in this process on 127.0.0.1:0, as `zhsearch serve` runs it.
//! Bounded: 8 clients × 100 requests. Run with `cargo bench --bench serve_load`;
//! `-- --index DIR` measures that index instead. Target: p99 ≤ 100 ms.

#[path = "common.rs"]
mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use zhsearch::Engine;

const CLIENTS: usize = 8;
const REQUESTS_PER_CLIENT: usize = 100;

fn main() {
    let mut args = std::env::args().skip_while(|a| a != "--index").skip(1);
    let given = args.next().map(std::path::PathBuf::from);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = match given {
        Some(path) => path,
        None => {
            let engine = Engine::create(dir.path(), Default::default()).expect("a new index");
            engine
                .indexer()
                .index_inputs(common::corpus(usize::MAX))
                .expect("indexing");
            dir.path().to_path_buf()
        }
    };
    let engine = Arc::new(Engine::open(&path).expect("the index opens"));
    let documents = engine.num_documents();
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind loopback");
    let addr = listener.local_addr().unwrap();
    runtime.spawn(zhsearch::http::serve(
        listener,
        engine,
        std::future::pending(),
    ));

    let paths: Vec<String> = common::queries()
        .iter()
        .map(|q| format!("/api/search?q={}&facets=true", encode(q)))
        .collect();
    // One warm-up round: the first facet count builds the ordinal cache.
    for path in &paths {
        get(addr, path);
    }
    let started = Instant::now();
    let results: Vec<(Vec<Duration>, usize)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..CLIENTS)
            .map(|client| {
                let paths = &paths;
                scope.spawn(move || {
                    let mut times = Vec::with_capacity(REQUESTS_PER_CLIENT);
                    let mut failures = 0;
                    for i in 0..REQUESTS_PER_CLIENT {
                        let path = &paths[(client * 7 + i) % paths.len()];
                        let start = Instant::now();
                        if get(addr, path) != 200 {
                            failures += 1;
                        }
                        times.push(start.elapsed());
                    }
                    (times, failures)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let wall = started.elapsed();
    let failures: usize = results.iter().map(|r| r.1).sum();
    let mut times: Vec<Duration> = results.into_iter().flat_map(|r| r.0).collect();
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p).ceil() as usize).saturating_sub(1)];
    println!(
        "serve_load: {documents} documents, {CLIENTS} clients × {REQUESTS_PER_CLIENT} searches with facets: \
         p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {:.0} requests/s; {failures} failed",
        ms(at(0.50)),
        ms(at(0.95)),
        ms(at(0.99)),
        ms(*times.last().unwrap()),
        times.len() as f64 / wall.as_secs_f64(),
    );
    runtime.shutdown_background();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// One GET on a new connection; the status.
fn get(addr: std::net::SocketAddr, path: &str) -> u16 {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    std::str::from_utf8(&response[..response.len().min(12)])
        .ok()
        .and_then(|s| s.get(9..12))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
