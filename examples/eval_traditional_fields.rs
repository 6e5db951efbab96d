//! Whether a story written in traditional characters gets the fields its simplified
//! original gets: the departments, meeting and persons users filter and count by.
//!
//! ```text
//! cargo run --release --example eval_traditional_fields -- CORPUS.jsonl [N] [--show]
//! ```
//!
//! The first `N` records (all by default) of a JSON Lines corpus are extracted as they
//! are and again with title and body converted by OpenCC's tables (`ferrous-opencc`,
//! Apache-2.0, not the table zhsearch folds with), plain traditional (`s2t`) and Taiwan's
//! with its phrases (`s2twp`). Printed per variant: the share of stories whose
//! departments, meeting and persons are the same as the original's, each and all three.
//! `--show` prints each story whose fields differ.

#[path = "support/records.rs"]
mod records;

use std::io::Write;
use std::process::ExitCode;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use serde_json::Value;
use zhsearch::Document;
use zhsearch::extract::Extractor;

use records::extract;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--show");
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let (corpus, limit) = match positional.as_slice() {
        [corpus] => (corpus.as_str(), usize::MAX),
        [corpus, n] => match n.parse() {
            Ok(n) => (corpus.as_str(), n),
            Err(_) => return usage(),
        },
        _ => return usage(),
    };
    let text = match std::fs::read_to_string(corpus) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("{corpus}: {err}");
            return ExitCode::from(2);
        }
    };
    let extractor = Extractor::default();
    let records: Vec<(u64, Value)> = text
        .lines()
        .enumerate()
        .filter_map(|(i, line)| Some((i as u64 + 1, serde_json::from_str(line).ok()?)))
        .take(limit)
        .collect();
    let originals: Vec<Option<Document>> = records
        .iter()
        .map(|(line, record)| extract(&extractor, corpus, *line, &record.to_string()))
        .collect();
    let mut out = std::io::stdout().lock();
    for (name, config) in [("s2t", BuiltinConfig::S2t), ("s2twp", BuiltinConfig::S2twp)] {
        let converter = OpenCC::from_config(config).expect("built-in OpenCC table");
        let (mut stories, mut departments, mut meetings, mut persons, mut all) = (0, 0, 0, 0, 0);
        for ((line, record), original) in records.iter().zip(&originals) {
            let Some(original) = original else { continue };
            let mut converted = record.clone();
            for field in ["title", "body"] {
                if let Some(text) = record[field].as_str() {
                    converted[field] = converter.convert(text).into();
                }
            }
            let Some(traditional) = extract(&extractor, corpus, *line, &converted.to_string())
            else {
                continue;
            };
            stories += 1;
            let same_departments = traditional.department == original.department;
            let same_meeting = traditional.meeting == original.meeting;
            let same_persons = traditional.persons == original.persons;
            departments += usize::from(same_departments);
            meetings += usize::from(same_meeting);
            persons += usize::from(same_persons);
            all += usize::from(same_departments && same_meeting && same_persons);
            if show && !(same_departments && same_meeting && same_persons) {
                let shown = writeln!(
                    out,
                    "{name} {}: departments {:?} / {:?}, meeting {:?} / {:?}, persons {:?} / {:?}",
                    original.id,
                    original.department,
                    traditional.department,
                    original.meeting.as_ref().map(|m| &m.series),
                    traditional.meeting.as_ref().map(|m| &m.series),
                    original.persons,
                    traditional.persons
                );
                if shown.is_err() {
                    // A closed pipe (`| head`): nothing more to show.
                    return ExitCode::SUCCESS;
                }
            }
        }
        let share = |n: usize| 100.0 * n as f64 / stories.max(1) as f64;
        let _ = writeln!(
            out,
            "{name}: {stories} stories; the same departments {:.1}%, meeting {:.1}%, persons {:.1}%, all three {:.1}%",
            share(departments),
            share(meetings),
            share(persons),
            share(all)
        );
    }
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!("usage: eval_traditional_fields CORPUS.jsonl [N] [--show]");
    ExitCode::from(2)
}
