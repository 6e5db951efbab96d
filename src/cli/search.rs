//! `zhsearch search QUERY`

use std::io::Write;
use std::process::ExitCode;

use zhsearch::{SearchHit, SearchRequest};

use super::IndexLocation;
use super::output::Style;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: words (all required), "exact phrase", A OR B, -excluded, (groups),
    /// title:…, person:…, department:… (dept:…), date:2022-12 or date:2022-11-01..2022-12-31.
    /// Several arguments are joined with spaces; put `--` before a query that starts with `-`.
    #[arg(value_name = "QUERY", required = true)]
    query: Vec<String>,
    #[command(flatten)]
    location: IndexLocation,
    /// How many hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    /// How many of the best hits to pass over first.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print one JSON object per hit.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let engine = args.location.open()?;
    let request = SearchRequest::new(args.query.join(" "))
        .limit(args.limit)
        .offset(args.offset);
    let results = engine.search(&request)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        for hit in &results.hits {
            serde_json::to_writer(&mut out, hit)?;
            writeln!(out)?;
        }
    } else {
        let style = Style::for_stdout();
        let shown = results.hits.len();
        let first = args.offset + 1;
        writeln!(
            out,
            "{} matching documents{}",
            results.total,
            if shown > 0 {
                format!(", showing {first}–{}", args.offset + shown)
            } else {
                String::new()
            }
        )?;
        for (rank, hit) in results.hits.iter().enumerate() {
            print_hit(&mut out, &style, args.offset + rank + 1, hit)?;
        }
    }
    Ok(ExitCode::SUCCESS)
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
    }
    if !hit.persons.is_empty() {
        facts.push(hit.persons.join("、"));
    }
    writeln!(out, "   {}", facts.join(" · "))?;
    writeln!(out, "   {}", style.highlight(&hit.snippet))?;
    if let Some(place) = hit.url.as_ref().or(hit.source.as_ref()) {
        writeln!(out, "   {}", style.dim(place))?;
    }
    Ok(())
}
