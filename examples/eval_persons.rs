//! Scores person recognition against the PER spans of a BIO file.
//!
//! ```text
//! cargo run --release --example eval_persons -- ../shared/eval/people-daily-ner.dev.bio \
//!     [--part dev|held-out|all] [--model FILE] [--show-errors]
//! ```
//!
//! Each sentence goes through the same extraction as `zhsearch extract --lines`
//! (`Extractor::plain_text`); its `persons` are compared with the sentence's gold names:
//! precision, recall and F1 over exact names, counted per sentence.
//!
//! The shipped model (`dict/persons.model`) was trained on the dev file, so on that
//! file this measures fit, not generalisation; `examples/train_persons.rs --folds 5`
//! gives the cross-validated estimate.
//!
//! `--part` scores only the development part or only the held-out part of the file (a
//! fixed quarter of its sentences, see `support/person_score.rs`); `--model` uses another
//! model, such as one `train_persons --part dev --out FILE` trained on the development
//! part alone, which may be scored on the held-out part.

#[path = "support/person_score.rs"]
mod person_score;

use std::process::ExitCode;

use person_score::{Part, Score};
use zhsearch::extract::Extractor;
use zhsearch::extract::persons::PersonRecognizer;

fn main() -> ExitCode {
    let usage =
        "usage: eval_persons FILE.bio [--part dev|held-out|all] [--model FILE] [--show-errors]";
    let mut args = std::env::args().skip(1);
    let (mut path, mut part, mut model_path, mut show_errors) = (None, Part::All, None, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--show-errors" => show_errors = true,
            "--part" => match args.next().as_deref().and_then(Part::parse) {
                Some(p) => part = p,
                None => {
                    eprintln!("--part takes dev, held-out or all; {usage}");
                    return ExitCode::from(2);
                }
            },
            "--model" => model_path = args.next(),
            _ if !arg.starts_with("--") => path = Some(arg),
            _ => {
                eprintln!("unknown option {arg}; {usage}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(path) = path else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let path = path.as_str();
    let sentences = match person_score::read_bio_file(path) {
        Ok(sentences) => part.select(sentences),
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let mut extractor = Extractor::default();
    if let Some(model_path) = model_path {
        let model = std::fs::read(&model_path)
            .map_err(|err| format!("{model_path}: {err}"))
            .and_then(|bytes| {
                PersonRecognizer::from_bytes(&bytes)
                    .ok_or_else(|| format!("{model_path}: not a person model"))
            });
        match model {
            Ok(model) => extractor = extractor.with_recognizer(model),
            Err(message) => {
                eprintln!("{message}");
                return ExitCode::FAILURE;
            }
        }
    }
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
        "{path} ({part:?}): {} sentences in {:.2} s: persons {score}",
        sentences.len(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
