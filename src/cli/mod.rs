//! Command-line parsing and the subcommands, one file each. Only the binary compiles this
//! (and clap); the library knows nothing of it.

mod aliases;
mod extract;
mod index;
mod merge;
mod output;
mod search;
mod serve;
mod show;
mod stats;

use std::ffi::OsString;
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
    /// Merge indexes built apart (shards) into one, folding a story several hold.
    Merge(merge::Args),
    /// Print what the index holds: documents, size, dates, top departments and persons.
    Stats(stats::Args),
    /// Print the document extracted from each input as one JSON object a line.
    Extract(extract::Args),
    /// Print the short names the inputs define themselves ("X（以下简称Y）"), in the
    /// format of a vocabulary file.
    Aliases(aliases::Args),
}

/// Marks a command-line word of a query that starts with `-` and a character no option
/// starts with (`-疫情`), so that the parser takes it for a query word and not options.
const QUERY_WORD_MARK: char = '\u{E000}';

/// The command line with `search`'s exclusions marked (see [`unprotect`]): every option of
/// zhsearch is ASCII, so `-` before another character can only be a query's `-word`.
pub fn protect_query_words(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let mut in_search = false;
    args.into_iter()
        .map(|arg| {
            match arg.to_str() {
                Some("search") => in_search = true,
                Some(word) if in_search && is_query_exclusion(word) => {
                    return OsString::from(format!("{QUERY_WORD_MARK}{word}"));
                }
                _ => {}
            }
            arg
        })
        .collect()
}

fn is_query_exclusion(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next() == Some('-') && chars.next().is_some_and(|c| !c.is_ascii())
}

/// A query word as typed, without the mark [`protect_query_words`] put on it.
pub fn unprotect(word: &str) -> &str {
    word.strip_prefix(QUERY_WORD_MARK).unwrap_or(word)
}

/// Runs a parsed command line; the exit code reflects partial failures.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Index(args) => index::run(args, cli.verbose > 0),
        Command::Search(args) => search::run(args),
        Command::Show(args) => show::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Extract(args) => extract::run(args, cli.verbose > 0),
        Command::Aliases(args) => aliases::run(args, cli.verbose > 0),
    }
}

/// `err` and its causes on one line, `a: b: c`, leaving out a cause whose text the line
/// already holds (the library's errors name their source in their own message).
pub fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// True if `err` comes from writing to a closed standard output (`zhsearch … | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| cause.downcast_ref::<serde_json::Error>()?.io_error_kind());
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
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
    /// Give it several times to read several indexes (shards built with the same settings)
    /// as one; only indexing needs a single index.
    #[arg(long, value_name = "DIR")]
    index: Vec<PathBuf>,
}

impl IndexLocation {
    /// The one index to write, and whether it was named.
    fn path(&self) -> anyhow::Result<(PathBuf, bool)> {
        match (self.index.as_slice(), std::env::var_os("ZHSEARCH_INDEX")) {
            ([path], _) => Ok((path.clone(), true)),
            ([_, _, ..], _) => anyhow::bail!(
                "--index names {} indexes; this command writes one: give --index once",
                self.index.len()
            ),
            ([], Some(path)) if !path.is_empty() => Ok((PathBuf::from(path), true)),
            _ => Ok((PathBuf::from("index"), false)),
        }
    }

    /// Opens the index for reading, or the shards given as one. Without an index in the
    /// default place, the embedded sample corpus is indexed in memory, so that a fresh
    /// checkout's first search works; it never becomes an index on disk, so no real
    /// document can join it.
    fn open(&self) -> anyhow::Result<Engine> {
        if self.index.len() > 1 {
            return Engine::open_shards(&self.index).context("cannot open the indexes as one");
        }
        let (path, explicit) = self.path()?;
        if !explicit && !Engine::exists(&path) {
            return sample_engine(&path);
        }
        // The error names the folder.
        Engine::open(&path).context("cannot open the index")
    }
}

/// The user's own vocabulary files, added to the built-in one for the queries of one
/// process (`search`, `serve`).
#[derive(Debug, clap::Args)]
struct VocabularyFiles {
    /// Add the concepts of FILE (the format of `dict/aliases.txt`: `CANONICAL = NAME ...`)
    /// to the vocabulary that widens a query's names to their other names. Repeatable.
    /// (`index --aliases` is another table: department names at extraction.)
    #[arg(long = "vocabulary", value_name = "FILE")]
    files: Vec<PathBuf>,
}

impl VocabularyFiles {
    /// Adds every file to `engine`'s vocabulary; a bad line is named by file and line.
    fn add_to(&self, engine: &mut Engine) -> anyhow::Result<()> {
        for file in &self.files {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read the vocabulary {}", file.display()))?;
            engine
                .vocabulary_mut()
                .extend_from_text(&text)
                .map_err(|e| anyhow::anyhow!("{}:{}: {}", file.display(), e.line, e.reason))?;
        }
        Ok(())
    }
}

/// The sample corpus indexed in memory, announced on stderr as what it is.
fn sample_engine(path: &Path) -> anyhow::Result<Engine> {
    eprintln!(
        "zhsearch: no index at `{}`: searching the embedded sample corpus, whose reports \
         are fictional; `zhsearch index PATH` builds an index of your own",
        path.display()
    );
    let engine = Engine::create_in_ram()?;
    engine.indexer().index_inputs(zhsearch::sample::inputs())?;
    Ok(engine)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn a_minus_before_a_chinese_word_is_a_query_word() {
        use clap::Parser;
        let args = [
            "zhsearch", "search", "会议", "-疫情", "--limit", "5", "--json",
        ];
        let marked = super::protect_query_words(args.map(Into::into));
        let cli = super::Cli::try_parse_from(marked).unwrap();
        let super::Command::Search(search) = cli.command else {
            panic!("not a search")
        };
        let words: Vec<&str> = search.query_words().collect();
        assert_eq!(words, ["会议", "-疫情"]);
        // Outside `search`, nothing is marked.
        let other = super::protect_query_words(["zhsearch", "index", "-疫情"].map(Into::into));
        assert_eq!(other[2], "-疫情");
    }
}
