//! `zhsearch merge SHARD… --into DIR`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The indexes to merge (shards built with the same settings, e.g. one per machine).
    #[arg(value_name = "SHARD", required = true, num_args = 1..)]
    shards: Vec<PathBuf>,
    /// The folder of the merged index: new or empty.
    #[arg(long, value_name = "DIR")]
    into: PathBuf,
    /// Print the counts as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let report = zhsearch::merge_shards(&args.shards, &args.into)
        .with_context(|| format!("cannot merge into {}", args.into.display()))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "merged {} shards into {}: {} documents in, {} duplicates folded, {} documents \
             out ({:.1} s)",
            args.shards.len(),
            args.into.display(),
            report.documents_in,
            report.duplicates_folded,
            report.documents_out,
            started.elapsed().as_secs_f64()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
