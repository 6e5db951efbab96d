//! `zhsearch extract PATH...`: the documents the indexer would index, as JSON Lines.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use zhsearch::{extract, ingest};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and folders to extract from.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (files, errors) = ingest::walk(&args.paths);
    let mut failed = !errors.is_empty();
    for error in errors {
        eprintln!("zhsearch: {error}");
    }
    let mut out = std::io::stdout().lock();
    for file in &files {
        let mut write_error = None;
        let read = ingest::read(file, &mut |input| match input
            .and_then(|input| extract::extract(&input))
        {
            Ok(doc) => {
                if let Err(e) = serde_json::to_writer(&mut out, &doc)
                    .map_err(std::io::Error::from)
                    .and_then(|_| writeln!(out))
                {
                    write_error.get_or_insert(e);
                }
            }
            Err(error) => {
                failed = true;
                eprintln!("zhsearch: {error}");
            }
        });
        if let Some(e) = write_error {
            return Err(e.into());
        }
        if let Err(error) = read {
            failed = true;
            eprintln!("zhsearch: {error}");
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
