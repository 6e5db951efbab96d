//! Command-line parsing and the subcommands, one file each. Only the binary compiles this
//! (and clap); the library knows nothing of it.

mod extract;
mod index;
mod output;
mod search;
mod serve;
mod show;
mod stats;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use zhsearch::Engine;

/// Chinese full-text search for political-meeting reports.
#[derive(Debug, Parser)]
#[command(name = "zhsearch", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Log what the library does to stderr (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Index files and folders (.html/.htm/.shtml pages, .txt page dumps, .jsonl records).
    Index(index::Args),
    /// Search the index.
    Search(search::Args),
    /// Print one stored document: its fields one a line, then its body.
    Show(show::Args),
    /// Serve a search page and a JSON API over HTTP (on this machine only, by default).
    Serve(serve::Args),
    /// Print what the index holds: documents, size, dates, top departments and persons.
    Stats(stats::Args),
    /// Print the document extracted from each input as one JSON object a line.
    Extract(extract::Args),
}

/// Runs a parsed command line; the exit code reflects partial failures.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(args),
        Command::Show(args) => show::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Extract(args) => extract::run(args),
    }
}

pub fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => log::LevelFilter::Warn,
        1 => log::LevelFilter::Info,
        _ => log::LevelFilter::Debug,
    };
    env_logger::Builder::new()
        .filter_level(level)
        .format_timestamp(None)
        .init();
}

/// Where the index lives: `--index`, else `$ZHSEARCH_INDEX`, else `index/` here.
#[derive(Debug, clap::Args)]
struct IndexLocation {
    /// The index folder. By default, $ZHSEARCH_INDEX, else `index` in the current folder.
    #[arg(long, value_name = "DIR")]
    index: Option<PathBuf>,
}

impl IndexLocation {
    fn path(&self) -> (PathBuf, bool) {
        match (&self.index, std::env::var_os("ZHSEARCH_INDEX")) {
            (Some(path), _) => (path.clone(), true),
            (None, Some(path)) if !path.is_empty() => (PathBuf::from(path), true),
            _ => (PathBuf::from("index"), false),
        }
    }

    /// Opens the index for reading. The default index is built from the embedded sample
    /// corpus on first use, so a fresh checkout's first search already works.
    fn open(&self) -> anyhow::Result<Engine> {
        let (path, explicit) = self.path();
        if !explicit && !Engine::exists(&path) {
            return build_sample_index(&path);
        }
        Engine::open(&path).with_context(|| format!("cannot open the index in {}", path.display()))
    }
}

fn build_sample_index(path: &Path) -> anyhow::Result<Engine> {
    eprintln!(
        "zhsearch: no index in {}; building it from the embedded sample corpus",
        path.display()
    );
    let engine = Engine::create(path, Default::default())?;
    let report = engine.indexer().index_inputs(zhsearch::sample::inputs())?;
    eprintln!(
        "zhsearch: indexed {} sample documents into {}",
        report.added,
        path.display()
    );
    Ok(Engine::open(path)?)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
