//! `zhsearch stats`

use std::process::ExitCode;

use super::IndexLocation;
use super::output::{counts, megabytes};

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
    if args.json {
        println!("{}", serde_json::to_string(&stats)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("documents:   {}", stats.documents);
    println!("size:        {}", megabytes(stats.size_bytes));
    match &stats.date_range {
        Some(range) => println!("dates:       {} to {}", range.first, range.last),
        None => println!("dates:       none"),
    }
    println!("departments: {}", counts(&stats.top_departments));
    println!("persons:     {}", counts(&stats.top_persons));
    Ok(ExitCode::SUCCESS)
}
