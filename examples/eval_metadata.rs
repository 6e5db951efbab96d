//! Scores the metadata fields against hand-labelled stories, or counts them over a corpus.
//!
//! ```text
//! cargo run --release --example eval_metadata -- LABELS.jsonl \
//!     ../shared/corpus/xwlb-2022-2024.jsonl [--show-errors]
//! cargo run --release --example eval_metadata -- --counts ../shared/corpus/xwlb-2022-2024.jsonl
//! ```
//!
//! A label line holds a story's `id` and any of: `department` (the body that acts, the
//! first extracted; `null` where the text names none), `departments` (every acting body),
//! `meeting` (`{"series", "instance"}`, or `null` when the story reports no meeting) and
//! `persons` (as written in full). A missing key is not scored. Each story is read from
//! the corpus and extracted as the indexer would. Scores: the main department right,
//! the department set by precision and recall (the page's own units aside: records have
//! none), the meeting series right (a `null` right when none is found), the instance
//! right where one is labelled (compared without `第`, `会议` and spaces, which reports
//! and labellers write differently), persons by precision and recall over exact names.
//!
//! `--counts` prints, over a whole corpus, proxies of the targets that need no labels:
//! the share of `department:中央军委` stories that are military (by the title: it names
//! 军队, 部队, 国防, 解放军, 武警, 官兵, 军事, 军委, 强军 or 战区 — a proxy, not a label),
//! the stories with two or more issuers, the stories of the Politburo Standing
//! Committee, and for four series the share of stories whose title a pattern marks as a
//! report of that series (leaving out 委员长会议 and 《求是》 titles) that get it as their
//! meeting.

#[path = "support/person_score.rs"]
mod person_score;
#[path = "support/records.rs"]
mod records;

use std::collections::HashMap;
use std::process::ExitCode;

use person_score::Score;
use records::extract;
use regex::Regex;
use zhsearch::extract::Extractor;
use zhsearch::text::aliases::Aliases;
use zhsearch::text::meetings::meeting_series;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--show-errors");
    let counts = args.iter().any(|a| a == "--counts");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let read = |path: &str| std::fs::read_to_string(path).map_err(|err| eprintln!("{path}: {err}"));
    match (counts, &paths[..]) {
        (true, [corpus_path]) => {
            let Ok(corpus) = read(corpus_path) else {
                return ExitCode::from(2);
            };
            count(corpus_path, &corpus, show_errors)
        }
        (false, [labels_path, corpus_path]) => {
            let (Ok(labels), Ok(corpus)) = (read(labels_path), read(corpus_path)) else {
                return ExitCode::from(2);
            };
            score(labels_path, &labels, corpus_path, &corpus, show_errors)
        }
        _ => {
            eprintln!(
                "usage: eval_metadata LABELS.jsonl CORPUS.jsonl [--show-errors]\n       eval_metadata --counts CORPUS.jsonl"
            );
            ExitCode::from(2)
        }
    }
}

/// An instance as compared: without `第`, spaces and the kind of meeting a reader may
/// or may not repeat after it (`全体会议`, `会议`, `全会`, `集体学习`: `二十届三中全会` is
/// `二十届三中`).
fn compact(instance: &str) -> String {
    ["全体会议", "会议", "全会", "集体学习"]
        .into_iter()
        .fold(instance.replace(['第', ' '], ""), |text, kind| {
            text.replace(kind, "")
        })
}

#[derive(Default)]
struct Tally {
    right: usize,
    labelled: usize,
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.labelled += 1;
        self.right += usize::from(right);
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let share = 100.0 * self.right as f64 / self.labelled.max(1) as f64;
        write!(f, "{}/{} ({share:.1}%)", self.right, self.labelled)
    }
}

fn score(
    labels_path: &str,
    labels: &str,
    corpus_path: &str,
    corpus: &str,
    show_errors: bool,
) -> ExitCode {
    let mut lines: HashMap<String, (u64, &str)> = HashMap::new();
    for (n, line) in corpus.lines().enumerate() {
        if let Ok(record) = serde_json::from_str::<serde_json::Value>(line)
            && let Some(id) = record["id"].as_str()
        {
            lines.insert(id.to_string(), (n as u64 + 1, line));
        }
    }
    let extractor = Extractor::default();
    // Labellers write a body by any of its names; compare canonical names, as extracted.
    let aliases = Aliases::builtin();
    let mut persons = Score::default();
    let mut departments = Score::default();
    let [mut main, mut among, mut series, mut instance]: [Tally; 4] = Default::default();
    // The series of the table (dict/meetings.txt), which extraction names; labels also
    // name one-off meetings by their own names, which it does not.
    let [mut table_series, mut not_table]: [Tally; 2] = Default::default();
    let mut stories = 0;
    for (n, label) in labels.lines().enumerate() {
        let label: serde_json::Value = match serde_json::from_str(label) {
            Ok(label) => label,
            Err(err) => {
                eprintln!("{labels_path}:{}: {err}", n + 1);
                return ExitCode::from(2);
            }
        };
        let id = label["id"].as_str().unwrap_or_default();
        let Some(&(line, text)) = lines.get(id) else {
            eprintln!(
                "{labels_path}:{}: story {id} is not in {corpus_path}",
                n + 1
            );
            return ExitCode::from(2);
        };
        let Some(doc) = extract(&extractor, corpus_path, line, text) else {
            return ExitCode::from(2);
        };
        stories += 1;
        let names = |key: &str| -> Option<Vec<&str>> {
            label
                .get(key)?
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        };
        if let Some(gold) = names("persons") {
            persons.add(gold.iter().copied(), doc.persons.iter().map(String::as_str));
            if show_errors {
                let missed: Vec<&&str> = gold
                    .iter()
                    .filter(|g| !doc.persons.iter().any(|p| p == **g))
                    .collect();
                let extra: Vec<&String> = doc
                    .persons
                    .iter()
                    .filter(|p| !gold.contains(&p.as_str()))
                    .collect();
                if !missed.is_empty() || !extra.is_empty() {
                    println!("{id}: persons missed {missed:?} extra {extra:?}");
                }
            }
        }
        if let Some(department) = label.get("department") {
            // `""` and `null` both say the story names no acting body.
            let gold = department
                .as_str()
                .filter(|d| !d.is_empty())
                .map(|d| aliases.canonical(d, &[]));
            let gold = gold.as_deref();
            let first = doc.department.first().map(String::as_str);
            main.add(first == gold);
            if let Some(gold) = gold {
                among.add(doc.department.iter().any(|d| d == gold));
            }
            if show_errors && first != gold {
                println!(
                    "{id}: department labelled {gold:?}, extracted {:?}",
                    doc.department
                );
            }
        }
        if let Some(gold) = names("departments") {
            let gold: Vec<String> = gold.iter().map(|d| aliases.canonical(d, &[])).collect();
            let gold: Vec<&str> = gold.iter().map(String::as_str).collect();
            departments.add(
                gold.iter().copied(),
                doc.department.iter().map(String::as_str),
            );
            if show_errors
                && doc
                    .department
                    .iter()
                    .map(String::as_str)
                    .ne(gold.iter().copied())
            {
                println!(
                    "{id}: departments labelled {gold:?}, extracted {:?}",
                    doc.department
                );
            }
        }
        if let Some(meeting) = label.get("meeting") {
            // A labeller may name a series by another of its names: compare canonical ones.
            let gold = meeting
                .get("series")
                .and_then(|s| s.as_str())
                .filter(|s| !s.is_empty())
                .map(|s| meeting_series(s).unwrap_or(s));
            let found = doc.meeting.as_ref().map(|m| m.series.as_str());
            series.add(found == gold);
            match gold.filter(|g| meeting_series(g).is_some()) {
                Some(gold) => table_series.add(found == Some(gold)),
                None => not_table.add(found.is_none_or(|f| gold == Some(f))),
            }
            if show_errors && found != gold {
                println!(
                    "{id}: meeting labelled {gold:?}, extracted {:?}",
                    doc.meeting
                );
            }
            if let Some(gold) = meeting.get("instance").and_then(|s| s.as_str())
                && !gold.is_empty()
            {
                let found = doc.meeting.as_ref().map(|m| compact(&m.instance));
                let right = found.as_deref() == Some(compact(gold).as_str());
                instance.add(right);
                if show_errors && !right {
                    println!(
                        "{id}: instance labelled {gold:?}, extracted {:?}",
                        doc.meeting.as_ref().map(|m| &m.instance)
                    );
                }
            }
        }
    }
    println!("stories {stories}");
    if persons.gold + persons.predicted > 0 {
        println!("persons: {persons}");
    }
    println!("department (main = first extracted) right: {main}");
    println!("labelled department among the extracted: {among}");
    println!(
        "departments ({} labelled): precision {:.3} recall {:.3}",
        departments.gold,
        departments.precision(),
        departments.recall()
    );
    println!("meeting series right (none right too): {series}");
    println!("meeting of a table series named right: {table_series}");
    println!("other meeting or none, no table series given: {not_table}");
    println!("meeting instance right, where labelled: {instance}");
    ExitCode::SUCCESS
}

/// The title words of the military proxy.
const MILITARY_TITLE: &str = r"军队|部队|国防|解放军|武警|官兵|军事|军委|强军|战区";

/// Per series, the title pattern that marks a report of it (a proxy for labels).
const SERIES_TITLES: &[(&str, &str)] = &[
    (
        "国务院常务会议",
        r"国务院常务会议|国常会|国务院召开常务会议",
    ),
    (
        "中共中央政治局会议",
        r"中共中央政治局召开会议|中央政治局会议",
    ),
    ("中共中央政治局集体学习", r"政治局.*集体学习"),
    (
        "全国人大常委会会议",
        r"全国人大常委会第[一二三四五六七八九十]+次会议",
    ),
];

/// Titles the series patterns leave out: a 委员长会议 that schedules the next session,
/// a journal's article on a meeting.
const NOT_SERIES_TITLES: &str = r"委员长会议|《求是》";

fn count(corpus_path: &str, corpus: &str, show_errors: bool) -> ExitCode {
    let extractor = Extractor::default();
    let military = Regex::new(MILITARY_TITLE).expect("valid regex");
    let series_titles: Vec<(&str, Regex)> = SERIES_TITLES
        .iter()
        .map(|(series, pattern)| (*series, Regex::new(pattern).expect("valid regex")))
        .collect();
    let not_series = Regex::new(NOT_SERIES_TITLES).expect("valid regex");
    let mut commission = Tally::default();
    let (mut joint, mut standing, mut stories) = (0, 0, 0);
    let mut recall: Vec<Tally> = SERIES_TITLES.iter().map(|_| Tally::default()).collect();
    let mut meetings: HashMap<String, usize> = HashMap::new();
    for (n, line) in corpus.lines().enumerate() {
        let Some(doc) = extract(&extractor, corpus_path, n as u64 + 1, line) else {
            continue;
        };
        stories += 1;
        if doc.department.iter().any(|d| d == "中央军委") {
            commission.add(military.is_match(&doc.title));
            if show_errors && !military.is_match(&doc.title) {
                println!("{}: 中央军委 on {}", doc.id, doc.title);
            }
        }
        joint += usize::from(doc.department.len() >= 2);
        standing += usize::from(
            doc.department
                .iter()
                .any(|d| d == "中共中央政治局常务委员会"),
        );
        let found = doc.meeting.as_ref().map(|m| m.series.as_str());
        for ((series, title), tally) in series_titles.iter().zip(&mut recall) {
            if title.is_match(&doc.title) && !not_series.is_match(&doc.title) {
                tally.add(found == Some(*series));
                if show_errors && found != Some(*series) {
                    println!("{}: {series} not found in {}: {found:?}", doc.id, doc.title);
                }
            }
        }
        if let Some(series) = found {
            *meetings.entry(series.to_string()).or_default() += 1;
        }
    }
    println!("stories {stories}");
    println!("department:中央军委, military by the title proxy: {commission}");
    println!("stories with 2+ departments (joint issuers and meeting units): {joint}");
    println!("stories of 中共中央政治局常务委员会: {standing}");
    for ((series, _), tally) in SERIES_TITLES.iter().zip(&recall) {
        println!("{series}: meeting named on {tally} of the stories its title pattern marks");
    }
    let mut top: Vec<(String, usize)> = meetings.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top: Vec<String> = top
        .iter()
        .take(12)
        .map(|(s, c)| format!("{s} {c}"))
        .collect();
    println!("top series: {}", top.join(", "));
    ExitCode::SUCCESS
}
