//! `zhsearch stats`

use std::io::Write;
use std::process::ExitCode;

use super::IndexLocation;
use super::output::megabytes;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    location: IndexLocation,
    /// How many top departments and persons to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let engine = args.location.open()?;
    let stats = engine.stats(args.top)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &stats)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "documents:   {}", stats.documents)?;
    writeln!(out, "size:        {}", megabytes(stats.size_bytes))?;
    match &stats.date_range {
        Some((first, last)) => writeln!(out, "dates:       {first} to {last}")?,
        None => writeln!(out, "dates:       none")?,
    }
    let list = |values: &[(String, u64)]| {
        values
            .iter()
            .map(|(v, n)| format!("{v} ({n})"))
            .collect::<Vec<_>>()
            .join("、")
    };
    writeln!(out, "departments: {}", list(&stats.top_departments))?;
    writeln!(out, "persons:     {}", list(&stats.top_persons))?;
    Ok(ExitCode::SUCCESS)
}
