//! Scores persons and departments against hand-labelled stories.
//!
//! ```text
//! cargo run --release --example eval_metadata -- tests/labels/xwlb-meetings.jsonl \
//!     ../shared/corpus/xwlb-2022-2024.jsonl [--show-errors]
//! ```
//!
//! The labels file holds, per story, its `id`, the `persons` it names (as written in full)
//! and the `department` that held the meeting (`null` where the text does not say). Each
//! story is read from the corpus and extracted as the indexer would; persons are scored
//! by precision and recall over exact names, departments by whether the labelled one is
//! the first extracted (most specific) or among them.

#[path = "support/person_score.rs"]
mod person_score;

use std::collections::HashMap;
use std::process::ExitCode;

use person_score::Score;
use zhsearch::SourceRef;
use zhsearch::extract::Extractor;
use zhsearch::ingest::{Input, InputKind};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--show-errors");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [labels_path, corpus_path] = paths[..] else {
        eprintln!("usage: eval_metadata LABELS.jsonl CORPUS.jsonl [--show-errors]");
        return ExitCode::from(2);
    };
    let read = |path: &str| std::fs::read_to_string(path).map_err(|err| eprintln!("{path}: {err}"));
    let (Ok(labels), Ok(corpus)) = (read(labels_path), read(corpus_path)) else {
        return ExitCode::FAILURE;
    };
    let mut lines: HashMap<String, (u64, &str)> = HashMap::new();
    for (n, line) in corpus.lines().enumerate() {
        if let Ok(record) = serde_json::from_str::<serde_json::Value>(line)
            && let Some(id) = record["id"].as_str()
        {
            lines.insert(id.to_string(), (n as u64 + 1, line));
        }
    }
    let extractor = Extractor::default();
    let mut persons = Score::default();
    let (mut labelled, mut first, mut any, mut stories) = (0, 0, 0, 0);
    for (n, label) in labels.lines().enumerate() {
        let label: serde_json::Value = match serde_json::from_str(label) {
            Ok(label) => label,
            Err(err) => {
                eprintln!("{labels_path}:{}: {err}", n + 1);
                return ExitCode::FAILURE;
            }
        };
        let id = label["id"].as_str().unwrap_or_default();
        let Some(&(line, text)) = lines.get(id) else {
            eprintln!(
                "{labels_path}:{}: story {id} is not in {corpus_path}",
                n + 1
            );
            return ExitCode::FAILURE;
        };
        let input = Input {
            source: SourceRef::line(corpus_path, line),
            kind: InputKind::JsonLines,
            text: text.to_string(),
        };
        let doc = match extractor.extract(&input) {
            Ok(doc) => doc,
            Err(err) => {
                eprintln!("{err}");
                return ExitCode::FAILURE;
            }
        };
        stories += 1;
        let gold: Vec<&str> = label["persons"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        persons.add(gold.iter().copied(), doc.persons.iter().map(String::as_str));
        if let Some(department) = label["department"].as_str() {
            labelled += 1;
            first += usize::from(doc.department.first().is_some_and(|d| d == department));
            any += usize::from(doc.department.iter().any(|d| d == department));
            if show_errors && doc.department.first().is_none_or(|d| d != department) {
                println!("{id}: department {department} ≠ {:?}", doc.department);
            }
        }
        if show_errors {
            let missed: Vec<&&str> = gold
                .iter()
                .filter(|g| !doc.persons.iter().any(|p| p == **g))
                .collect();
            let extra: Vec<&String> = doc
                .persons
                .iter()
                .filter(|p| !gold.contains(&p.as_str()))
                .collect();
            if !missed.is_empty() || !extra.is_empty() {
                println!("{id}: persons missed {missed:?} extra {extra:?}");
            }
        }
    }
    let share = |k: usize| 100.0 * k as f64 / labelled.max(1) as f64;
    println!("stories {stories}: persons {persons}");
    println!(
        "departments ({labelled} labelled): first {first} ({:.1}%), among extracted {any} ({:.1}%)",
        share(first),
        share(any)
    );
    ExitCode::SUCCESS
}
