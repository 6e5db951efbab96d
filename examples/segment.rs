//! Prints how zhsearch segments each line of standard input, for indexing and for queries.
//!
//! `echo 市科协召开党组扩大会议 | cargo run --example segment`

use std::io::BufRead;

use zhsearch::analysis::{Analyzer, Segmentation};

fn main() {
    let analyzer = Analyzer::new();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        for mode in [Segmentation::Index, Segmentation::Query] {
            let words: Vec<String> = analyzer
                .segment(&line, mode)
                .into_iter()
                .map(|w| format!("{}@{}", w.text, w.position))
                .collect();
            println!("{mode:?}: {}", words.join(" "));
        }
    }
}
