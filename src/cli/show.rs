//! `zhsearch show ID`: one stored document, all its fields.

use std::io::Write;
use std::process::ExitCode;

use super::IndexLocation;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document's id (as search results show it).
    id: String,
    #[command(flatten)]
    location: IndexLocation,
    /// Print one JSON object, as `zhsearch extract` prints a document.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let engine = args.location.open()?;
    let Some(doc) = engine.document(&args.id)? else {
        eprintln!("zhsearch: no document with id `{}`", args.id);
        return Ok(ExitCode::from(1));
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &doc)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let roles = doc
        .roles
        .iter()
        .map(|r| format!("{} {}", r.role, r.name))
        .collect::<Vec<_>>()
        .join("、");
    let fields = [
        ("id", Some(doc.id.clone())),
        ("title", Some(doc.title.clone())),
        ("date", doc.date_string()),
        (
            "meeting",
            doc.meeting.as_ref().map(zhsearch::Meeting::label),
        ),
        ("meeting date", doc.meeting_date.map(|d| d.to_string())),
        ("department", Some(doc.department.join("、"))),
        ("persons", Some(doc.persons.join("、"))),
        ("roles", Some(roles)),
        ("editor", doc.editor.clone()),
        ("author", doc.author.clone()),
        ("url", doc.url.clone()),
    ];
    for (name, value) in fields {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            writeln!(out, "{:<13}{value}", format!("{name}:"))?;
        }
    }
    // Every source of a story read from several, the one whose content is kept first.
    match doc.sources.as_slice() {
        [] | [_] => {
            if let Some(source) = &doc.source {
                writeln!(out, "{:<13}{source}", "source:")?;
            }
        }
        [first, rest @ ..] => {
            writeln!(out, "{:<13}{first}", "sources:")?;
            for source in rest {
                writeln!(out, "{:<13}{source}", "")?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", doc.body)?;
    Ok(ExitCode::SUCCESS)
}
