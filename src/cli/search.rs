//! `zhsearch search QUERY` and `zhsearch search --queries FILE`

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use zhsearch::{
    Engine, Expansion, Facets, Ranking, Relaxation, SearchHit, SearchRequest, SearchResults,
    SortOrder, Suggestion,
};

use super::output::{Style, counts};
use super::{IndexLocation, VocabularyFiles};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: words (all required), "exact phrase", A OR B, -excluded, (groups),
    /// title:…, person:…, department:… (dept:…), meeting:…, date:2022-12 or date:2022-11-01..2022-12-31.
    /// Several arguments are joined with spaces; `-疫情` (a minus before a Chinese word)
    /// works unquoted, other words starting with `-` need `--` before the query.
    #[arg(value_name = "QUERY", required_unless_present = "queries")]
    query: Vec<String>,
    /// Answer every line of FILE as a query, in one process; prints JSON hits, each with
    /// "query": the line number of its query.
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    queries: Option<PathBuf>,
    #[command(flatten)]
    location: IndexLocation,
    /// How many hits to show. By default, 10; with `--format csv`, all.
    #[arg(long, short = 'n')]
    limit: Option<usize>,
    /// Show every hit.
    #[arg(long, conflicts_with = "limit")]
    all: bool,
    /// How many of the best hits to pass over first.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// The order of hits: by relevance, or by date (newest first). A query of filters
    /// only lists newest first.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    sort: Sort,
    /// Also count the top departments and persons, and the documents per month, over all
    /// matching documents.
    #[arg(long)]
    facets: bool,
    /// How many departments and persons `--facets` lists.
    #[arg(long, default_value_t = 10, value_name = "N")]
    facet_top: usize,
    /// How relevance is scored: refined (title weight, exact-string and nearness bonuses)
    /// or plain BM25, the baseline for evaluations.
    #[arg(long, value_enum, default_value_t = RankingArg::Refined)]
    ranking: RankingArg,
    /// One hit per group of near-duplicates (a report and its reposts on other sites),
    /// with the group's size and members; the total and facets then count groups.
    #[arg(long)]
    collapse: bool,
    /// Print one JSON object per hit, then one with "facets" (if asked) and a last one
    /// with "total", the number of matching documents; short for `--format json`.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// What to print: text for people, JSON lines (`--json`), or CSV for spreadsheets
    /// (id, date, title, url, department, meeting, meeting_instance, persons, score; UTF-8
    /// with a byte-order mark;
    /// several departments or persons joined with `；`).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    vocabulary: VocabularyFiles,
    /// Say on stderr which names of the query were widened, and to what (in JSON the last
    /// line always holds "expansions" when there are some).
    #[arg(long)]
    explain: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum RankingArg {
    Refined,
    Bm25,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Sort {
    Relevance,
    Date,
}

impl Args {
    /// The words of the query as typed.
    pub fn query_words(&self) -> impl Iterator<Item = &str> {
        self.query.iter().map(|word| super::unprotect(word))
    }

    fn format(&self) -> Format {
        if self.json { Format::Json } else { self.format }
    }

    /// The hits to print: `--limit`, else all with `--all` or for a CSV file, else 10.
    fn limit(&self) -> usize {
        match self.limit {
            Some(limit) => limit,
            None if self.all || self.format() == Format::Csv => usize::MAX,
            None => 10,
        }
    }

    fn request(&self, query: String) -> SearchRequest {
        let mut request = SearchRequest::new(query)
            .limit(self.limit())
            .offset(self.offset)
            .sort(match self.sort {
                Sort::Relevance => SortOrder::Relevance,
                Sort::Date => SortOrder::Date,
            })
            .ranking(match self.ranking {
                RankingArg::Refined => Ranking::Refined,
                RankingArg::Bm25 => Ranking::Bm25,
            });
        if self.facets {
            request = request.facets(self.facet_top);
        }
        request.collapse(self.collapse)
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.format() == Format::Csv && args.facets {
        anyhow::bail!("CSV holds the hits only; --facets prints with text or --json");
    }
    let mut engine = args.location.open()?;
    args.vocabulary.add_to(&mut engine)?;
    if let Some(file) = &args.queries {
        if args.format() == Format::Csv {
            anyhow::bail!("--queries prints JSON lines; CSV takes one query at a time");
        }
        return run_batch(&engine, &args, file);
    }
    let query: Vec<&str> = args.query_words().collect();
    let results = engine.search(&args.request(query.join(" ")))?;
    if args.format() == Format::Text {
        explain_to_stderr(&args, &results);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format() {
        Format::Json => write_json(&mut out, None, &results)?,
        Format::Csv => {
            zhsearch::export::write_csv(&mut out, &results.hits)?;
        }
        Format::Text => print_results(&mut out, &args, &results)?,
    }
    out.flush()?;
    Ok(found_status(results.total > 0))
}

/// What text mode says on stderr about a query: its expansions (with `--explain`), its
/// relaxation, and when nothing matched, that and the close forms of its words.
fn explain_to_stderr(args: &Args, results: &SearchResults) {
    if args.explain {
        for expansion in &results.expansions {
            eprintln!(
                "zhsearch: {} also searched as {}",
                expansion.typed,
                expansion.alternatives.join("、")
            );
        }
    }
    if let Some(relaxation) = &results.relaxation {
        eprintln!(
            "zhsearch: nothing matched every word; relaxed: dropped {}{}",
            relaxation.dropped.join("、"),
            if relaxation.any_word {
                ", then any one word was enough"
            } else {
                ""
            }
        );
    } else if results.total == 0 {
        eprintln!("zhsearch: nothing matched");
    }
    for suggestion in &results.suggestions {
        if suggestion.close_forms.is_empty() {
            eprintln!("zhsearch: no document holds {}", suggestion.word);
        } else {
            eprintln!(
                "zhsearch: no document holds {}; close forms: {}",
                suggestion.word,
                suggestion.close_forms.join("、")
            );
        }
    }
}

/// As grep: 0 when something was found, 1 when nothing was.
fn found_status(found: bool) -> ExitCode {
    if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// One query per line; a bad query is reported with its line and the rest still run.
fn run_batch(engine: &Engine, args: &Args, file: &PathBuf) -> anyhow::Result<ExitCode> {
    let input = std::fs::File::open(file)
        .with_context(|| format!("cannot read queries from {}", file.display()))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0;
    let mut found = false;
    for (index, line) in std::io::BufReader::new(input).lines().enumerate() {
        let number = index + 1;
        let line = line.with_context(|| format!("{}:{number}: cannot read", file.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        match engine.search(&args.request(line)) {
            Ok(results) => {
                found |= results.total > 0;
                write_json(&mut out, Some(number), &results)?;
            }
            Err(err) => {
                out.flush()?;
                eprintln!("zhsearch: {}:{number}: {err}", file.display());
                failed += 1;
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        found_status(found)
    })
}

/// A hit or the facets as one JSON line, tagged with the query's line in batch mode.
#[derive(Serialize)]
struct Line<'a, T: Serialize> {
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<usize>,
    #[serde(flatten)]
    item: &'a T,
}

#[derive(Serialize)]
struct FacetsLine<'a> {
    facets: &'a Facets,
}

/// The last line of a query's JSON: how many documents match in all, and what was done
/// to the query (expansions, relaxation, close forms) when anything was.
#[derive(Serialize)]
struct TotalLine<'a> {
    total: u64,
    #[serde(skip_serializing_if = "<[Expansion]>::is_empty")]
    expansions: &'a [Expansion],
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    relaxation: Option<&'a Relaxation>,
    #[serde(skip_serializing_if = "<[Suggestion]>::is_empty")]
    suggestions: &'a [Suggestion],
}

fn write_json(
    out: &mut impl Write,
    query: Option<usize>,
    results: &SearchResults,
) -> anyhow::Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *out, &Line { query, item: hit })?;
        writeln!(out)?;
    }
    if let Some(facets) = &results.facets {
        let item = FacetsLine { facets };
        serde_json::to_writer(&mut *out, &Line { query, item: &item })?;
        writeln!(out)?;
    }
    let item = TotalLine {
        total: results.total as u64,
        expansions: &results.expansions,
        relaxation: results.relaxation.as_ref(),
        suggestions: &results.suggestions,
    };
    serde_json::to_writer(&mut *out, &Line { query, item: &item })?;
    writeln!(out)?;
    Ok(())
}

fn print_results(
    out: &mut impl Write,
    args: &Args,
    results: &SearchResults,
) -> std::io::Result<()> {
    let style = Style::for_stdout();
    let shown = results.hits.len();
    let first = args.offset + 1;
    writeln!(
        out,
        "{} matching {}{}",
        results.total,
        if args.collapse {
            "stories (near-duplicates grouped)"
        } else {
            "documents"
        },
        if shown > 0 {
            format!(", showing {first}–{}", args.offset + shown)
        } else {
            String::new()
        }
    )?;
    for (rank, hit) in results.hits.iter().enumerate() {
        print_hit(out, &style, args.offset + rank + 1, hit)?;
    }
    if let Some(facets) = &results.facets {
        writeln!(out)?;
        writeln!(out, "departments: {}", counts(&facets.departments))?;
        writeln!(out, "meetings:    {}", counts(&facets.meetings))?;
        writeln!(out, "persons:     {}", counts(&facets.persons))?;
        writeln!(out, "months:      {}", counts(&facets.months))?;
    }
    Ok(())
}

fn print_hit(
    out: &mut impl Write,
    style: &Style,
    rank: usize,
    hit: &SearchHit,
) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "{rank}. {}  {}",
        style.highlight(&hit.title_snippet),
        style.dim(&format!("score {:.2}", hit.score))
    )?;
    let mut facts = vec![hit.date.clone().unwrap_or_else(|| "no date".into())];
    if !hit.department.is_empty() {
        facts.push(hit.department.join("、"));
    } else if !hit.persons.is_empty() {
        // Keep the persons in their own place: `date · persons` would read as a body.
        facts.push("no department".into());
    }
    if let Some(meeting) = &hit.meeting {
        facts.push(meeting.label());
    }
    if !hit.persons.is_empty() {
        facts.push(hit.persons.join("、"));
    }
    writeln!(out, "   {}", facts.join(" · "))?;
    writeln!(out, "   {}", style.highlight(&hit.snippet))?;
    if let Some(place) = hit.url.as_ref().or(hit.source.as_ref()) {
        writeln!(out, "   {}", style.dim(place))?;
    }
    if let Some(group) = hit.group.as_ref().filter(|g| g.size > 1) {
        let others = &group.members[1..];
        writeln!(
            out,
            "   {}",
            style.dim(&format!(
                "and {} near-duplicate{}: {}",
                others.len(),
                if others.len() == 1 { "" } else { "s" },
                others.join(", ")
            ))
        )?;
    }
    Ok(())
}
