//! Scores person recognition against the PER spans of a BIO file.
//!
//! ```text
//! cargo run --release --example eval_persons -- ../shared/eval/people-daily-ner.dev.bio [--show-errors]
//! ```
//!
//! Each sentence goes through the same extraction as `zhsearch extract --lines`
//! (`Extractor::plain_text`); its `persons` are compared with the sentence's gold names:
//! precision, recall and F1 over exact names, counted per sentence.
//!
//! The shipped model (`dict/persons.model`) was trained on the dev file, so on that
//! file this measures fit, not generalisation; `examples/train_persons.rs --folds 5`
//! gives the held-out estimate.

#[path = "support/person_score.rs"]
mod person_score;

use std::process::ExitCode;

use person_score::Score;
use zhsearch::extract::Extractor;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--show-errors");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: eval_persons FILE.bio [--show-errors]");
        return ExitCode::from(2);
    };
    let sentences = match person_score::read_bio_file(path) {
        Ok(sentences) => sentences,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let extractor = Extractor::default();
    let mut score = Score::default();
    let started = std::time::Instant::now();
    for sentence in &sentences {
        let gold = sentence.name_strings();
        let found = extractor.plain_text(&sentence.text).persons;
        score.add(
            gold.iter().map(String::as_str),
            found.iter().map(String::as_str),
        );
        if show_errors {
            let missed: Vec<&String> = gold.iter().filter(|g| !found.contains(g)).collect();
            let extra: Vec<&String> = found.iter().filter(|f| !gold.contains(f)).collect();
            if !missed.is_empty() || !extra.is_empty() {
                println!("missed {missed:?} extra {extra:?} | {}", sentence.text);
            }
        }
    }
    println!(
        "{path}: {} sentences in {:.2} s: persons {score}",
        sentences.len(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
