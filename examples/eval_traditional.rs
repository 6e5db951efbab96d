//! How much of what a simplified query finds its traditional-character form finds.
//!
//! ```text
//! cargo run --release --example eval_traditional -- INDEX QUERIES.txt [--show]
//! ```
//!
//! Each query of the file (one a line, as `zhsearch search --queries` reads them) is
//! converted to traditional characters by OpenCC's tables (the `ferrous-opencc` package,
//! Apache-2.0: a table of its own, not the one zhsearch folds with, so the check is not
//! circular), in two variants: plain traditional (`s2t`) and Taiwan's with its phrases
//! (`s2twp`, e.g. 信息 → 資訊). Both forms are searched in the index; printed per variant:
//! the share of the simplified query's matching documents the traditional one also finds
//! (over all queries, and the lowest query), and how many queries give the same first 10
//! ids. `--show` prints each query whose forms differ.

use std::collections::HashSet;
use std::process::ExitCode;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use zhsearch::{Engine, SearchRequest};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--show");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [index, queries] = paths.as_slice() else {
        eprintln!("usage: eval_traditional INDEX QUERIES.txt [--show]");
        return ExitCode::from(2);
    };
    let engine = match Engine::open(index) {
        Ok(engine) => engine,
        Err(err) => {
            eprintln!("{index}: {err}");
            return ExitCode::from(2);
        }
    };
    let queries = match std::fs::read_to_string(queries) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("{queries}: {err}");
            return ExitCode::from(2);
        }
    };
    let queries: Vec<&str> = queries
        .lines()
        .map(str::trim)
        .filter(|q| !q.is_empty() && !q.starts_with('#'))
        .collect();
    for (name, config) in [("s2t", BuiltinConfig::S2t), ("s2twp", BuiltinConfig::S2twp)] {
        let converter = OpenCC::from_config(config).expect("built-in OpenCC table");
        let (mut found, mut wanted, mut same_top, mut converted) = (0usize, 0usize, 0, 0);
        let mut lowest = (1.0f64, String::new());
        for query in &queries {
            let traditional = converter.convert(query);
            converted += usize::from(traditional != *query);
            let (Some(simplified_ids), Some(traditional_ids)) =
                (matches(&engine, query), matches(&engine, &traditional))
            else {
                return ExitCode::from(2);
            };
            let simplified_set: HashSet<&String> = simplified_ids.iter().collect();
            let kept = traditional_ids
                .iter()
                .filter(|id| simplified_set.contains(id))
                .count();
            found += kept;
            wanted += simplified_ids.len();
            let share = if simplified_ids.is_empty() {
                1.0
            } else {
                kept as f64 / simplified_ids.len() as f64
            };
            if share < lowest.0 {
                lowest = (share, format!("{query} / {traditional}"));
            }
            let top = |ids: &[String]| ids.iter().take(10).cloned().collect::<Vec<_>>();
            let same = top(&simplified_ids) == top(&traditional_ids);
            same_top += usize::from(same);
            if show && (!same || share < 1.0) {
                println!(
                    "{name}: {query} → {traditional}: {kept}/{} found, {} in all, first 10 {}",
                    simplified_ids.len(),
                    traditional_ids.len(),
                    if same { "same" } else { "differ" }
                );
            }
        }
        println!(
            "{name}: {} queries ({converted} changed by the table): traditional finds {found}/{wanted} ({:.1}%) of the simplified matches; lowest {:.1}% ({}); same first 10 ids on {same_top}",
            queries.len(),
            100.0 * found as f64 / wanted.max(1) as f64,
            100.0 * lowest.0,
            lowest.1,
        );
    }
    ExitCode::SUCCESS
}

/// Ids of every document `query` matches, best first; `None` (said on stderr) on an error.
fn matches(engine: &Engine, query: &str) -> Option<Vec<String>> {
    let search = |limit| engine.search(&SearchRequest::new(query).limit(limit));
    let total = match search(1) {
        Ok(results) => results.total,
        Err(err) => {
            eprintln!("query `{query}`: {err}");
            return None;
        }
    };
    match search(total.max(1)) {
        Ok(results) => Some(results.hits.into_iter().map(|hit| hit.id).collect()),
        Err(err) => {
            eprintln!("query `{query}`: {err}");
            None
        }
    }
}
