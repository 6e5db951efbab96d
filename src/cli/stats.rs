//! `zhsearch stats`

use std::io::Write;
use std::process::ExitCode;

use super::IndexLocation;
use super::output::{counts, megabytes};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    location: IndexLocation,
    /// How many top departments, meeting series and persons to list.
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
        Some(range) => writeln!(out, "dates:       {} to {}", range.first, range.last)?,
        None => writeln!(out, "dates:       none")?,
    }
    writeln!(out, "departments: {}", counts(&stats.top_departments))?;
    writeln!(out, "meetings:    {}", counts(&stats.top_meetings))?;
    writeln!(out, "persons:     {}", counts(&stats.top_persons))?;
    Ok(ExitCode::SUCCESS)
}
