//! `zhsearch index PATH...`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use zhsearch::{Engine, IndexReport, Settings};

use super::IndexLocation;
use super::output::{megabytes, print_problems};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and folders to index; folders are walked recursively.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    location: IndexLocation,
    /// Extra dictionary terms (`word [freq] [tag]` a line) for a new index.
    #[arg(long, value_name = "FILE")]
    dict: Option<PathBuf>,
    /// Extra department aliases (the format of dict/departments.txt) for a new index.
    #[arg(long, value_name = "FILE")]
    aliases: Option<PathBuf>,
    /// Skip the metadata found in the text (meeting date, meeting body, persons): only
    /// what pages and records state. Faster.
    #[arg(long)]
    no_metadata: bool,
    /// Indexing threads. By default, one per core (at most 8).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=64))]
    threads: Option<u16>,
    /// Index writer memory in MB. By default, 256.
    #[arg(long, value_name = "MB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(16..=65536))]
    memory: u64,
    /// Commit after this many documents (a crash loses at most that much work).
    #[arg(long, value_name = "N", default_value_t = 50_000, value_parser = clap::value_parser!(u64).range(1..))]
    commit_every: u64,
    /// Commit after this many seconds since the last commit.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    commit_seconds: u64,
    /// Remove the sources under PATH whose file (or JSON Lines line) no longer exists,
    /// and the documents left with none. PATH may be spelled any way.
    #[arg(long)]
    prune: bool,
    /// Exit with status 1 if any input failed (skipped pages do not count).
    #[arg(long)]
    strict: bool,
    /// Largest page file or JSON Lines line to read, in MB; bigger ones fail.
    #[arg(long, value_name = "MB", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=65536))]
    max_file_mb: u64,
}

/// Set by Ctrl-C (or SIGTERM): the run commits what it has done and stops.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

pub fn run(args: Args, verbose: bool) -> anyhow::Result<ExitCode> {
    // A typo in a path must not create an empty index and report success.
    for input in &args.paths {
        std::fs::metadata(input).with_context(|| format!("cannot read {}", input.display()))?;
    }
    let (path, _) = args.location.path()?;
    let mut settings = Settings::default();
    if let Some(dict) = &args.dict {
        settings.user_dictionary = std::fs::read_to_string(dict)
            .with_context(|| format!("cannot read dictionary {}", dict.display()))?;
    }
    if let Some(file) = &args.aliases {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read department aliases {}", file.display()))?;
        if let Err((line, reason)) = zhsearch::extract::Aliases::parse(&text) {
            anyhow::bail!("{}:{line}: {reason}", file.display());
        }
        settings.department_aliases = text;
    }
    if Engine::exists(&path) {
        // Changing the dictionary of an index would cut queries differently from its text;
        // its aliases stay with it too, so that re-runs extract the same way.
        for (file, what) in [
            (&args.dict, "dictionary"),
            (&args.aliases, "department aliases"),
        ] {
            if let Some(file) = file {
                eprintln!(
                    "zhsearch: {} is ignored: the index in {} keeps the {what} it was created with",
                    file.display(),
                    path.display()
                );
            }
        }
    }
    let engine = Engine::open_or_create(&path, settings)?;
    // A second signal means "now": the last commit is still there to reopen.
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });

    let bar = ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg} ({eta})")
            .expect("valid template"),
    );
    let mut indexer = engine
        .indexer()
        .memory_budget((args.memory as usize) << 20)
        .extract_metadata(!args.no_metadata)
        .commit_every(args.commit_every, Duration::from_secs(args.commit_seconds))
        .max_input_bytes(args.max_file_mb << 20)
        .prune(args.prune)
        .interrupt_on(&INTERRUPTED)
        .on_progress(|p| {
            bar.set_length(p.bytes_total);
            bar.set_position(p.bytes_read);
            bar.set_message(format!("{} documents", p.documents));
        });
    if let Some(threads) = args.threads {
        indexer = indexer.threads(threads as usize);
    }
    let report = indexer.index_paths(&args.paths)?;
    bar.finish_and_clear();

    print_problems(report.skipped.iter().chain(&report.failed), verbose);
    writeln!(
        std::io::stdout(),
        "{}; {} documents in {}",
        summary(&report),
        engine.num_documents(),
        path.display(),
    )?;
    if report.interrupted {
        eprintln!(
            "zhsearch: interrupted; what was done is committed: run the same command again to finish"
        );
        return Ok(ExitCode::from(130));
    }
    if args.strict && !report.failed.is_empty() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// One line: what the run did, with skipped and failed inputs counted by reason. Each
/// input read counts once: added, updated, unchanged, merged (another source of a story
/// the index holds), skipped or failed; removed counts documents.
fn summary(report: &IndexReport) -> String {
    let by_reason = |skips: bool| {
        let reasons: Vec<String> = report
            .by_problem()
            .into_iter()
            .filter(|(problem, _)| problem.is_skip() == skips)
            .map(|(problem, n)| format!("{n} {problem}"))
            .collect();
        if reasons.is_empty() {
            String::new()
        } else {
            format!(" ({})", reasons.join(", "))
        }
    };
    format!(
        "{} added, {} updated, {} unchanged, {} merged, {} removed, {} skipped{}, {} failed{}; {} read in {:.2} s ({:.1} MB/s)",
        report.added,
        report.updated,
        report.unchanged,
        report.merged,
        report.removed,
        report.skipped.len(),
        by_reason(true),
        report.failed.len(),
        by_reason(false),
        megabytes(report.bytes_read),
        report.elapsed.as_secs_f64(),
        report.megabytes_per_second(),
    )
}
