//! Trains the person-name model on a BIO file and reports cross-validated scores.
//!
//! ```text
//! cargo run --release --example train_persons -- ../shared/eval/people-daily-ner.dev.bio \
//!     [--part dev|held-out|all] [--folds 5] [--epochs 60] [--dropout 0.4] [--models 5] \
//!     [--seed N] [--out dict/persons.model]
//! ```
//!
//! With `--folds K`, each K-th of the sentences is held out in turn, a model is trained on
//! the rest and scored on it, so the figure estimates accuracy on unseen sentences. With
//! `--out`, a model trained on every sentence is written there. Character name statistics
//! come from the person entries of jieba-rs's `dict.txt`, found with `cargo metadata`
//! (`--names-from FILE` to use another jieba-format dictionary).
//!
//! `--part dev` uses only the development part of the file (the held-out quarter is left
//! out, see `support/person_score.rs`): cross-validate there while writing rules, and
//! score a model written by `--part dev --out FILE` on the held-out part with
//! `eval_persons --part held-out --model FILE`.

#[path = "support/person_score.rs"]
mod person_score;

use std::process::ExitCode;

use person_score::{Part, Score};
use zhsearch::analysis::Analyzer;
use zhsearch::extract::persons::{LabelledSentence, PersonRecognizer, TrainingOptions};

/// jieba-rs's own dictionary, found through `cargo metadata`: its person entries are the
/// name statistics and swap-in names of training.
fn jieba_dictionary() -> Option<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .output()
        .ok()?;
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    let manifest = metadata["packages"]
        .as_array()?
        .iter()
        .find(|p| p["name"] == "jieba-rs")?["manifest_path"]
        .as_str()?;
    let dict = std::path::Path::new(manifest)
        .parent()?
        .join("src/data/dict.txt");
    dict.is_file().then(|| dict.display().to_string())
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut path, mut folds, mut out) = (None, 0, None);
    let mut options = TrainingOptions::default();
    let defaults = TrainingOptions::default();
    let mut names_from = None;
    let mut show_errors = false;
    let mut part = Part::All;
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match arg.as_str() {
            "--folds" => folds = value().parse().unwrap_or(0),
            "--epochs" => options.epochs = value().parse().unwrap_or(defaults.epochs),
            "--dropout" => options.dropout = value().parse().unwrap_or(defaults.dropout),
            "--models" => options.models = value().parse().unwrap_or(defaults.models),
            "--seed" => options.seed = value().parse().unwrap_or(defaults.seed),
            "--min-weight" => options.min_weight = value().parse().unwrap_or(defaults.min_weight),
            "--augment" => {
                options.augmented_copies = value().parse().unwrap_or(defaults.augmented_copies)
            }
            "--out" => out = Some(value()),
            "--names-from" => names_from = Some(value()),
            "--show-errors" => show_errors = true,
            "--part" => match Part::parse(&value()) {
                Some(p) => part = p,
                None => {
                    eprintln!("--part takes dev, held-out or all");
                    return ExitCode::from(2);
                }
            },
            _ => path = Some(arg),
        }
    }
    let Some(path) = path else {
        eprintln!(
            "usage: train_persons FILE.bio [--part dev|held-out|all] [--folds K] [--epochs N] [--dropout P] [--models M] [--seed N] [--min-weight W] [--out FILE]"
        );
        return ExitCode::from(2);
    };
    let sentences = match person_score::read_bio_file(&path) {
        Ok(sentences) => part.select(sentences),
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let Some(names_path) = names_from.or_else(jieba_dictionary) else {
        eprintln!("cannot find jieba-rs's dict.txt; give one with --names-from FILE");
        return ExitCode::FAILURE;
    };
    let names = match std::fs::read_to_string(&names_path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("{names_path}: {err}");
            return ExitCode::FAILURE;
        }
    };
    let analyzer = Analyzer::new();
    let jieba = analyzer.jieba();
    println!(
        "{} sentences, {} names",
        sentences.len(),
        sentences.iter().map(|s| s.names.len()).sum::<usize>()
    );
    if folds > 1 {
        let mut total = Score::default();
        // The sequence model's names alone, before the rules and filters of `persons`.
        let mut model_alone = Score::default();
        for fold in 0..folds {
            let (test, train): (Vec<&LabelledSentence>, Vec<&LabelledSentence>) = sentences
                .iter()
                .enumerate()
                .fold((vec![], vec![]), |(mut te, mut tr), (i, s)| {
                    if i % folds == fold {
                        te.push(s)
                    } else {
                        tr.push(s)
                    }
                    (te, tr)
                });
            let train: Vec<LabelledSentence> = train.into_iter().cloned().collect();
            let model = PersonRecognizer::train(jieba, &names, &train, &options);
            let mut score = Score::default();
            for s in test {
                let gold = s.name_strings();
                let raw: Vec<String> = model
                    .find(jieba, &s.text)
                    .into_iter()
                    .map(|m| m.name)
                    .collect();
                model_alone.add(
                    gold.iter().map(String::as_str),
                    raw.iter().map(String::as_str),
                );
                let found = model.persons(jieba, &s.text);
                score.add(
                    gold.iter().map(String::as_str),
                    found.iter().map(String::as_str),
                );
                if show_errors {
                    let miss: Vec<&String> = gold.iter().filter(|g| !found.contains(g)).collect();
                    let extra: Vec<&String> = found.iter().filter(|g| !gold.contains(g)).collect();
                    if !miss.is_empty() || !extra.is_empty() {
                        println!("  miss {miss:?} extra {extra:?} model {raw:?} | {}", s.text);
                    }
                }
            }
            println!("fold {fold}: {score}");
            total.merge(score);
        }
        println!("model alone: {model_alone}");
        println!("cross-validated ({folds} folds, {part:?} part, {options:?}): {total}");
    }
    if let Some(out) = out {
        let model = PersonRecognizer::train(jieba, &names, &sentences, &options);
        let bytes = model.to_bytes();
        if let Err(err) = std::fs::write(&out, &bytes) {
            eprintln!("{out}: {err}");
            return ExitCode::FAILURE;
        }
        println!("wrote {out}: {model:?}, {} bytes", bytes.len());
    }
    ExitCode::SUCCESS
}
