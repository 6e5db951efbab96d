//! Prints the persons named in the most stories of a JSON Lines corpus, one
//! `name<TAB>stories` a line, most first.
//!
//! ```text
//! cargo run --release --example top_persons -- ../shared/corpus/xwlb-2022-2024.jsonl \
//!     [--from 2022] [--to 2023] [--top 250]
//! ```
//!
//! Each story (one line) is extracted as the indexer would; a person counts once per
//! story that names them. `--from` and `--to` keep the stories whose `date` falls in
//! those years, both included. Persons recognition is meant to list no non-person near
//! the top (see `BENCHMARKS.md`). `--from 2024 --to 2024` gives the list judged in
//! `tests/labels/persons-top250-2024-judged.tsv` (now read while writing rules);
//! the first 250 names of `--top 800` that neither the 2024 list nor the 2022–2023 one
//! (`--from 2022 --to 2023`) holds are the held-out tail judged in
//! `tests/labels/persons-tail250-judged.tsv`.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use rayon::prelude::*;
use zhsearch::SourceRef;
use zhsearch::extract::Extractor;
use zhsearch::ingest::{Input, InputKind};

fn main() -> ExitCode {
    let usage = "usage: top_persons CORPUS.jsonl [--from YEAR] [--to YEAR] [--top N]";
    let mut args = std::env::args().skip(1);
    let (mut path, mut from, mut to, mut top) = (None, 0u32, 9999u32, 250usize);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| match args.next().map(|v| v.parse::<usize>()) {
            Some(Ok(n)) => Ok(n),
            _ => Err(format!("{name} takes a number; {usage}")),
        };
        let parsed = match arg.as_str() {
            "--from" => number("--from").map(|n| from = n as u32),
            "--to" => number("--to").map(|n| to = n as u32),
            "--top" => number("--top").map(|n| top = n),
            _ if !arg.starts_with("--") => {
                path = Some(arg);
                Ok(())
            }
            _ => Err(format!("unknown option {arg}; {usage}")),
        };
        if let Err(message) = parsed {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    }
    let Some(path) = path else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let corpus = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("{path}: {err}");
            return ExitCode::from(2);
        }
    };
    let in_years = |line: &str| {
        let record: serde_json::Value = serde_json::from_str(line).ok()?;
        let year: u32 = record["date"].as_str()?.get(..4)?.parse().ok()?;
        (from..=to).contains(&year).then_some(())
    };
    let extractor = Extractor::default();
    let lines: Vec<(usize, &str)> = corpus.lines().enumerate().collect();
    let per_story: Vec<Vec<String>> = lines
        .par_iter()
        .filter(|(_, line)| in_years(line).is_some())
        .filter_map(|&(n, line)| {
            let input = Input {
                source: SourceRef::line(&path, n as u64 + 1),
                kind: InputKind::JsonLines,
                text: line.to_string(),
            };
            match extractor.extract(&input) {
                Ok(doc) => Some(doc.persons),
                Err(err) => {
                    eprintln!("{err}");
                    None
                }
            }
        })
        .collect();
    let mut stories: HashMap<&str, usize> = HashMap::new();
    for persons in &per_story {
        for name in persons {
            *stories.entry(name.as_str()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = stories.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (name, count) in ranked.into_iter().take(top) {
        if writeln!(out, "{name}\t{count}").is_err() {
            // A closed pipe (`| head`) is no error.
            return ExitCode::SUCCESS;
        }
    }
    let _ = out.flush();
    eprintln!("{} stories read", per_story.len());
    ExitCode::SUCCESS
}
