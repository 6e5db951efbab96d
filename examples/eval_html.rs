//! Scores HTML extraction against gold JSON Lines records with the same id as each page's
//! file name: title exact-match rate, date match rate (calendar day), and mean body
//! character F1 (bag of characters, white space ignored).
//!
//! ```text
//! cargo run --release --example eval_html -- ../shared/corpus/xwlb-html ../shared/corpus/xwlb-2022-2024.jsonl
//! ```

use std::collections::HashMap;
use std::io::BufRead;
use std::path::PathBuf;

use zhsearch::{extract, ingest};

#[derive(serde::Deserialize)]
struct Gold {
    id: String,
    title: String,
    date: String,
    body: String,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [pages, gold] = args.as_slice() else {
        eprintln!("usage: eval_html PAGES_DIR GOLD.jsonl");
        std::process::exit(2);
    };
    let file = std::fs::File::open(gold).unwrap_or_else(|e| panic!("{gold}: {e}"));
    let gold: HashMap<String, Gold> = std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| serde_json::from_str::<Gold>(&line).ok())
        .map(|g| (g.id.clone(), g))
        .collect();

    let (files, _) = ingest::walk(&[PathBuf::from(pages)]);
    let (mut n, mut titles, mut dates, mut f1_sum, mut failed) = (0, 0, 0, 0.0, 0);
    for file in &files {
        let id = file
            .path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let Some(gold) = gold.get(&id) else { continue };
        n += 1;
        let mut doc = None;
        let _ = ingest::read(file, ingest::DEFAULT_MAX_INPUT_BYTES, &mut |input| {
            doc = input.and_then(|i| extract::extract(&i)).ok();
            std::ops::ControlFlow::Continue(())
        });
        let Some(doc) = doc else {
            failed += 1;
            println!("FAILED {id}");
            continue;
        };
        if doc.title == gold.title {
            titles += 1;
        } else {
            println!("TITLE {id}: {:?} != {:?}", doc.title, gold.title);
        }
        let date = doc.date.map(|d| d.date().to_string()).unwrap_or_default();
        if date == gold.date {
            dates += 1;
        } else {
            println!("DATE {id}: {date:?} != {:?}", gold.date);
        }
        let f1 = char_f1(&doc.body, &gold.body);
        if f1 < 0.9 {
            println!("BODY {id}: F1 {f1:.3}");
        }
        f1_sum += f1;
    }
    let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
    println!(
        "pages {n}: title exact {:.1}%, date {:.1}%, body char F1 {:.4}, failed {failed}",
        pct(titles),
        pct(dates),
        f1_sum / n.max(1) as f64
    );
}

/// F1 of the two texts' character multisets, ignoring white space.
fn char_f1(found: &str, gold: &str) -> f64 {
    let count = |text: &str| {
        let mut counts: HashMap<char, i64> = HashMap::new();
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            *counts.entry(c).or_default() += 1;
        }
        counts
    };
    let (f, g) = (count(found), count(gold));
    let common: i64 = f
        .iter()
        .map(|(c, n)| (*n).min(*g.get(c).unwrap_or(&0)))
        .sum();
    let (nf, ng): (i64, i64) = (f.values().sum(), g.values().sum());
    if common == 0 {
        return if nf == 0 && ng == 0 { 1.0 } else { 0.0 };
    }
    let (p, r) = (common as f64 / nf as f64, common as f64 / ng as f64);
    2.0 * p * r / (p + r)
}
