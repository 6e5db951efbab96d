//! The `zhsearch` command: a thin layer over the library (see `src/cli/`).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse_from(cli::protect_query_words(std::env::args_os()));
    cli::init_logging(cli.verbose);
    match cli::run(cli) {
        Ok(code) => code,
        // A reader that stopped reading (`| head`) is no error, as for grep and ripgrep.
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("zhsearch: {}", cli::one_line(&err));
            ExitCode::from(2)
        }
    }
}
