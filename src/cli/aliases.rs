//! `zhsearch aliases PATH...`: the short names the documents define themselves
//! ("X（以下简称Y）", "X，简称Y", "X（Y）"), counted and printed in the format of
//! `dict/aliases.txt`, for a user to check and append to a vocabulary file.

use std::collections::HashMap;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;

use zhsearch::analysis::Analyzer;
use zhsearch::extract::Extractor;
use zhsearch::extract::short_names::defined_names;
use zhsearch::text::definitions::Definition;
use zhsearch::{Problem, ingest};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and folders to read (as `zhsearch index` reads them).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Only print definitions found at least N times.
    #[arg(long, default_value_t = 1, value_name = "N")]
    min_count: usize,
}

pub fn run(args: Args, verbose: bool) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::default();
    let analyzer = Analyzer::new();
    let (files, errors) = ingest::walk(&args.paths);
    let mut failed = errors
        .iter()
        .any(|e| !e.problem().is_some_and(Problem::is_skip));
    super::output::print_problems(&errors, verbose);
    let mut counts: HashMap<Definition, usize> = HashMap::new();
    let mut documents = 0;
    for file in &files {
        let read = ingest::read(file, ingest::DEFAULT_MAX_INPUT_BYTES, &mut |input| {
            match input.and_then(|input| extractor.extract(&input)) {
                Ok(doc) => {
                    documents += 1;
                    for text in [&doc.title, &doc.body] {
                        for definition in defined_names(&analyzer, text) {
                            *counts.entry(definition).or_default() += 1;
                        }
                    }
                }
                Err(error) => {
                    failed = true;
                    eprintln!("zhsearch: {error}");
                }
            }
            ControlFlow::Continue(())
        });
        if let Err(error) = read {
            failed = true;
            eprintln!("zhsearch: {error}");
        }
    }
    let mut found: Vec<(Definition, usize)> = counts
        .into_iter()
        .filter(|(_, count)| *count >= args.min_count)
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if documents == 0 && failed {
        // Nothing could be read: the errors said so; a summary of nothing would mislead.
        return Ok(ExitCode::from(2));
    }
    let occurrences: usize = found.iter().map(|(_, count)| count).sum();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "# {} short names defined {occurrences} times in {documents} documents, most often \
         first; check them, then append the lines you accept to a vocabulary file \
         (zhsearch search --vocabulary FILE).",
        found.len()
    )?;
    for (definition, count) in found.iter().take(5) {
        writeln!(out, "# e.g. {count}×: {}", definition_line(definition))?;
    }
    for (definition, _) in &found {
        writeln!(out, "{}", definition_line(definition))?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else if found.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A definition as a line of `dict/aliases.txt`: names hold no spaces there.
fn definition_line(definition: &Definition) -> String {
    let name = |text: &str| text.split_whitespace().collect::<String>();
    format!("{} = {}", name(&definition.long), name(&definition.short))
}
