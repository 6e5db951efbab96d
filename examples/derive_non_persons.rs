//! Writes the two lists of names that are no persons derived from a corpus:
//! `dict/corpus_places.txt` (the gazetteer) and `dict/corpus_words.txt` (common words).
//!
//! ```text
//! cargo run --release --features training --example derive_non_persons -- \
//!     ../shared/corpus/xwlb-2022-2024.jsonl --from 2022 --to 2023 \
//!     --places dict/corpus_places.txt --words dict/corpus_words.txt
//! ```
//!
//! The candidates are the names of two characters or more that the sequence model alone
//! proposes (`PersonRecognizer::find`) in the stories whose `date` falls in the years
//! given. For each, count the stories that contain it, those that write it as a place
//! (right before `方向`, `地区`, `一带`, `境内`, `市`, `州`, `政府`…, after `攻占`,
//! `抵达`…, or in a list ending `等地`) and those that write it as a person (a title or
//! role right before it, a title or form of address right after it; a known person
//! always). Then:
//! - a **place** is written as a place in at least [`MIN_PLACE_STORIES`] stories and as a
//!   person in at most one in [`PLACE_TO_PERSON`] of those;
//! - a **common word** is one word of jieba's dictionary (whatever its tag: the dictionary
//!   tags `贺信` and `金秋` as names), contained in at least [`MIN_WORD_STORIES`]
//!   stories, and written as a person with a title, a role or a form of address (a verb
//!   after it is no evidence: `贺信指出`) in fewer than one in [`WORD_TO_PERSON`] of them;
//! - a **fragment** is a piece of a longer word or phrase (`诚惠容` of 亲诚惠容): contained
//!   in as many stories, as rarely written as a person, and in at least
//!   [`FRAGMENT_SHARE`] of its occurrences preceded by one and the same Han character,
//!   or followed by one (titles and forms of address around a name do not count as
//!   characters). Fragments go to the common words' list.
//!
//! Only the development years are read, so the held-out year stays unseen. Recognition
//! takes neither kind for a person unless the document shows one.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::process::ExitCode;

use rayon::prelude::*;
use zhsearch::analysis::Analyzer;
use zhsearch::extract::persons::{
    PersonRecognizer, neighbours, written_as_place_and_person, written_as_titled_person,
};

/// Stories that must write a name as a place.
const MIN_PLACE_STORIES: usize = 2;

/// How many times more stories must write it as a place than as a person.
const PLACE_TO_PERSON: usize = 3;

/// Stories that must contain a common word.
const MIN_WORD_STORIES: usize = 5;

/// How many times more stories must contain a common word than write it as a person.
const WORD_TO_PERSON: usize = 10;

/// The share of a fragment's occurrences that one character must precede or follow, in
/// tenths.
const FRAGMENT_SHARE: usize = 9;

/// What the corpus says of one candidate.
#[derive(Debug, Default)]
struct Counts {
    containing: usize,
    as_place: usize,
    as_person: usize,
    /// Stories that show it a person by a title, a role or a form of address.
    as_titled: usize,
    occurrences: usize,
    /// How many occurrences the most common character before, and after, accounts for.
    same_before: usize,
    same_after: usize,
}

impl Counts {
    fn is_fragment(&self) -> bool {
        let share = |same: usize| same * 10 >= self.occurrences * FRAGMENT_SHARE;
        self.occurrences > 0 && (share(self.same_before) || share(self.same_after))
    }
}

fn main() -> ExitCode {
    let usage = "usage: derive_non_persons CORPUS.jsonl [--from YEAR] [--to YEAR] --places FILE --words FILE";
    let mut args = std::env::args().skip(1);
    let (mut path, mut from, mut to) = (None, 0u32, 9999u32);
    let (mut places_path, mut words_path) = (None, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--from" | "--to" => match args.next().and_then(|v| v.parse::<u32>().ok()) {
                Some(y) if arg == "--from" => from = y,
                Some(y) => to = y,
                None => {
                    eprintln!("{arg} takes a year; {usage}");
                    return ExitCode::from(2);
                }
            },
            "--places" => places_path = args.next(),
            "--words" => words_path = args.next(),
            _ if !arg.starts_with("--") => path = Some(arg),
            _ => {
                eprintln!("unknown option {arg}; {usage}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(path), Some(places_path), Some(words_path)) = (path, places_path, words_path) else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let corpus = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("{path}: {err}");
            return ExitCode::from(2);
        }
    };
    let stories: Vec<String> = corpus
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|record| {
            record["date"]
                .as_str()
                .and_then(|d| d.get(..4)?.parse::<u32>().ok())
                .is_some_and(|year| (from..=to).contains(&year))
        })
        .map(|record| {
            let title = record["title"].as_str().unwrap_or_default();
            let body = record["body"].as_str().unwrap_or_default();
            format!("{title}\n{body}")
        })
        .collect();
    let analyzer = Analyzer::new();
    let jieba = analyzer.jieba();
    let recognizer = PersonRecognizer::builtin();
    let candidates: HashSet<String> = stories
        .par_iter()
        .flat_map_iter(|text| {
            recognizer
                .find(jieba, text)
                .into_iter()
                .map(|m| m.name)
                .filter(|name| name.chars().count() >= 2)
        })
        .collect();
    let candidates: Vec<String> = candidates.into_iter().collect();
    let counts: BTreeMap<&String, Counts> = candidates
        .par_iter()
        .map(|name| {
            let mut counts = Counts::default();
            let (mut before, mut after) = (HashMap::new(), HashMap::new());
            for text in stories.iter().filter(|text| text.contains(name.as_str())) {
                let (place, person) = written_as_place_and_person(text, name);
                counts.containing += 1;
                counts.as_place += usize::from(place);
                counts.as_person += usize::from(person);
                counts.as_titled += usize::from(written_as_titled_person(text, name));
                for (b, a) in neighbours(text, name) {
                    counts.occurrences += 1;
                    if let Some(b) = b {
                        *before.entry(b).or_insert(0usize) += 1;
                    }
                    if let Some(a) = a {
                        *after.entry(a).or_insert(0usize) += 1;
                    }
                }
            }
            counts.same_before = before.values().copied().max().unwrap_or(0);
            counts.same_after = after.values().copied().max().unwrap_or(0);
            (name, counts)
        })
        .collect();
    let one_word =
        |name: &str| matches!(jieba.cut(name, false).as_slice(), [only] if only.word == name);
    let places: Vec<&str> = counts
        .iter()
        .filter(|(_, c)| {
            c.as_place >= MIN_PLACE_STORIES && c.as_person * PLACE_TO_PERSON <= c.as_place
        })
        .map(|(name, _)| name.as_str())
        .collect();
    let words: Vec<&str> = counts
        .iter()
        .filter(|(name, c)| {
            !places.contains(&name.as_str())
                && (one_word(name) || c.is_fragment())
                && c.containing >= MIN_WORD_STORIES
                && c.as_titled * WORD_TO_PERSON < c.containing
        })
        .map(|(name, _)| name.as_str())
        .collect();
    let command = format!(
        "# cargo run --release --features training --example derive_non_persons -- \\\n\
         #     ../shared/corpus/xwlb-2022-2024.jsonl --from {from} --to {to} \\\n\
         #     --places dict/corpus_places.txt --words dict/corpus_words.txt\n"
    );
    let places_header = format!(
        "# zhsearch places derived from the corpus: names the person model proposes that stories\n\
         # write as places (before 方向/地区/市/州…, after 攻占/抵达…) in {MIN_PLACE_STORIES} stories or more, and as\n\
         # persons in at most one in {PLACE_TO_PERSON} of those. Not persons unless the document shows a person.\n\
         # Generated from the {} stories of {from}–{to} (rule in examples/derive_non_persons.rs);\n\
         # do not edit, regenerate with\n{command}",
        stories.len()
    );
    let words_header = format!(
        "# zhsearch common words derived from the corpus: names the person model proposes that are\n\
         # one word of jieba's dictionary, or a piece of a longer word (one character before or after\n\
         # it in {FRAGMENT_SHARE} of 10 occurrences), in {MIN_WORD_STORIES} stories or more, written as a person with a\n\
         # title, a role or a form of address in fewer than one in {WORD_TO_PERSON} of them. Not persons unless\n\
         # a title, a role or a form of address in the document shows a person.\n\
         # Generated from the {} stories of {from}–{to} (rule in examples/derive_non_persons.rs);\n\
         # do not edit, regenerate with\n{command}",
        stories.len()
    );
    for (file, header, list) in [
        (&places_path, places_header, &places),
        (&words_path, words_header, &words),
    ] {
        let mut text = header;
        for chunk in list.chunks(10) {
            text.push_str(&chunk.join(" "));
            text.push('\n');
        }
        if let Err(err) = std::fs::write(file, text) {
            eprintln!("{file}: {err}");
            return ExitCode::from(2);
        }
        let _ = writeln!(std::io::stderr(), "{file}: {} names", list.len());
    }
    ExitCode::SUCCESS
}
