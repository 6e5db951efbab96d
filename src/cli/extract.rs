//! `zhsearch extract PATH...`: the documents the indexer would index, as JSON Lines.
//! `zhsearch extract --lines`: one document per line of standard input.

use std::io::{BufRead, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;

use zhsearch::extract::Extractor;
use zhsearch::{Problem, ingest};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and folders to extract from.
    #[arg(
        value_name = "PATH",
        required_unless_present = "lines",
        conflicts_with = "lines"
    )]
    paths: Vec<PathBuf>,
    /// Read standard input instead: each line is one document's plain text, and exactly
    /// one JSON object is printed per line, in order.
    #[arg(long)]
    lines: bool,
}

pub fn run(args: Args, verbose: bool) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::default();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.lines {
        for line in std::io::stdin().lock().lines() {
            let doc = extractor.plain_text(&line?);
            serde_json::to_writer(&mut out, &doc)?;
            writeln!(out)?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let (files, errors) = ingest::walk(&args.paths);
    let mut failed = errors
        .iter()
        .any(|e| !e.problem().is_some_and(Problem::is_skip));
    super::output::print_problems(&errors, verbose);
    for file in &files {
        let mut write_error = None;
        let read = ingest::read(file, ingest::DEFAULT_MAX_INPUT_BYTES, &mut |input| {
            match input.and_then(|input| extractor.extract(&input)) {
                Ok(doc) => {
                    if let Err(e) = serde_json::to_writer(&mut out, &doc)
                        .map_err(std::io::Error::from)
                        .and_then(|_| writeln!(out))
                    {
                        write_error.get_or_insert(e);
                        return ControlFlow::Break(());
                    }
                }
                Err(error) => {
                    failed = true;
                    eprintln!("zhsearch: {error}");
                }
            }
            ControlFlow::Continue(())
        });
        if let Some(e) = write_error {
            return Err(e.into());
        }
        if let Err(error) = read {
            failed = true;
            eprintln!("zhsearch: {error}");
        }
    }
    out.flush()?;
    // As grep: 2 when an input could not be read or extracted (the others were printed).
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
