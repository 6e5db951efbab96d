//! Checks the query vocabulary against a corpus: lists the concepts whose canonical (long)
//! form never occurs in it, and counts how many of each concept's names do occur.
//!
//! ```text
//! cargo run --release --example check_vocabulary -- [CORPUS.jsonl] [VOCABULARY]
//! ```
//!
//! CORPUS is JSON Lines with `title` and `body` (by default
//! `../shared/corpus/xwlb-2022-2024.jsonl`; without it the check says so and stops);
//! VOCABULARY is a file in the format of `dict/aliases.txt` (by default the built-in
//! one). Names are compared after normalisation, as queries compare them; a name of
//! `+`-joined parts occurs when all of its parts do in one story.

use std::process::ExitCode;

use zhsearch::analysis::{Vocabulary, normalize};

const DEFAULT_CORPUS: &str = "../shared/corpus/xwlb-2022-2024.jsonl";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus_path = args.first().map_or(DEFAULT_CORPUS, String::as_str);
    let vocabulary = match args.get(1) {
        None => Vocabulary::builtin(),
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| Vocabulary::parse(&text).map_err(|e| e.to_string()))
        {
            Ok(vocabulary) => vocabulary,
            Err(e) => {
                eprintln!("check_vocabulary: {path}: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let corpus = match std::fs::read_to_string(corpus_path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("check_vocabulary: skipped, no corpus at {corpus_path} ({e})");
            return ExitCode::SUCCESS;
        }
    };
    let stories: Vec<String> = corpus
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .map(|story| {
            let field = |name: &str| story[name].as_str().unwrap_or_default().to_string();
            normalize(&format!("{}\n{}", field("title"), field("body")))
        })
        .collect();
    let occurs = |name: &str| -> usize {
        let parts: Vec<String> = name.split('+').map(normalize).collect();
        stories
            .iter()
            .filter(|story| parts.iter().all(|part| story.contains(part.as_str())))
            .count()
    };
    let mut missing_long = Vec::new();
    let (mut names, mut names_found) = (0, 0);
    for concept in vocabulary.concepts() {
        let canonical = concept.canonical();
        if occurs(canonical) == 0 {
            missing_long.push(canonical.to_string());
        }
        for name in &concept.names {
            names += 1;
            if occurs(name) > 0 {
                names_found += 1;
            }
        }
    }
    println!(
        "{} concepts, {names} names, checked against {} stories of {corpus_path}",
        vocabulary.concepts().len(),
        stories.len()
    );
    println!("{names_found} of {names} names occur at least once");
    println!(
        "{} concepts whose canonical form never occurs (suspect, or named otherwise in this corpus):",
        missing_long.len()
    );
    for canonical in &missing_long {
        println!("  {canonical}");
    }
    ExitCode::SUCCESS
}
