//! The `zhsearch` command: a thin layer over the library (see `src/cli/`).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    cli::init_logging(cli.verbose);
    match cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("zhsearch: {err:#}");
            ExitCode::from(2)
        }
    }
}
