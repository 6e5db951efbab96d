//! Person-name recognition: which character spans of a text are persons' names.
//!
//! A character-level sequence model (`model.rs`) labels each character as the start of a
//! name, inside one, or outside, from features of the character window, the jieba words
//! and part-of-speech tags around it, and small lexicons of surnames, titles and
//! transliteration characters (`lexicon.rs`). The weights ship in `dict/persons.model`,
//! trained by `examples/train_persons.rs` on a BIO-labelled file; how well it does is
//! measured by `examples/eval_persons.rs` (see `BENCHMARKS.md`).
//!
//! A document's persons come from named passes, each in its file: the model's spans
//! (`model_spans.rs`), the context rules' spans and the span passes that merge, join,
//! split and trim them (`spans.rs`), runs of names split (`concatenations.rs`), then
//! acceptance, roles, folding and the frequency filter (`document_persons.rs`), and the
//! filter of places, organisations, common words and unattested foreign names
//! (`non_persons.rs`). Training and the BIO reader sit behind the `training`
//! feature.

mod concatenations;
mod document_persons;
mod features;
pub(crate) mod jieba_words;
pub(crate) mod lexicon;
mod model;
mod model_spans;
mod non_persons;
mod rules;
mod spans;
mod stats;
#[cfg(feature = "training")]
mod training;

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use model::Model;
use stats::NameStats;
#[cfg(feature = "training")]
pub use training::TrainingOptions;

/// The model shipped with zhsearch.
const BUILTIN_MODEL: &[u8] = include_bytes!("../../../dict/persons.model");

/// The first bytes of a model file, with its format version.
const MAGIC: &[u8; 8] = b"ZHPER01\n";

/// A name found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The name as written.
    pub name: String,
    /// Character (not byte) offsets of the name in the text.
    pub chars: Range<usize>,
    /// How sure the model is: its score for the name over its score for plain text there.
    pub margin: f32,
}

/// A sentence with the character spans of the persons' names in it.
#[cfg(feature = "training")]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelledSentence {
    /// The sentence.
    pub text: String,
    /// Character offsets of each name.
    pub names: Vec<Range<usize>>,
}

#[cfg(feature = "training")]
impl LabelledSentence {
    /// The names as strings, in order.
    pub fn name_strings(&self) -> Vec<String> {
        let chars: Vec<char> = self.text.chars().collect();
        self.names
            .iter()
            .filter_map(|r| chars.get(r.clone()))
            .map(|name| name.iter().collect())
            .collect()
    }
}

/// Finds persons' names in text.
///
/// ```
/// use zhsearch::analysis::Analyzer;
/// use zhsearch::extract::persons::PersonRecognizer;
/// let analyzer = Analyzer::new();
/// let names: Vec<String> = PersonRecognizer::builtin()
///     .find(analyzer.jieba(), "国务院总理李强主持召开国务院常务会议。")
///     .into_iter()
///     .map(|m| m.name)
///     .collect();
/// assert_eq!(names, ["李强"]);
/// ```
pub struct PersonRecognizer {
    model: Model,
    stats: NameStats,
}

impl std::fmt::Debug for PersonRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonRecognizer")
            .field("features", &self.model.len())
            .finish()
    }
}

impl PersonRecognizer {
    /// The model shipped in `dict/persons.model`, loaded once per process.
    pub fn builtin() -> &'static PersonRecognizer {
        PersonRecognizer::shared_builtin()
    }

    /// The built-in model, shared: what an [`crate::extract::Extractor`] holds by default.
    pub(crate) fn shared_builtin() -> &'static Arc<PersonRecognizer> {
        static BUILTIN: OnceLock<Arc<PersonRecognizer>> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Arc::new(
                PersonRecognizer::from_bytes(BUILTIN_MODEL)
                    .expect("dict/persons.model is written by examples/train_persons.rs"),
            )
        })
    }

    /// Reads a model written by [`PersonRecognizer::to_bytes`]; `None` if it is not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<PersonRecognizer> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let (stats, rest) = NameStats::read(rest)?;
        let model = Model::read(rest)?;
        Some(PersonRecognizer { model, stats })
    }

    /// The model as bytes, to be saved and read back with [`PersonRecognizer::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        self.stats.write(&mut out);
        self.model.write(&mut out);
        out
    }

    /// Trains a model on labelled sentences; see [`TrainingOptions`]. Character
    /// name-likeness is counted from the person entries of `name_dictionary`, a
    /// jieba-format dictionary (jieba's own `dict.txt` is a good one); those entries also
    /// stand in for the names of the training sentences in the augmented copies.
    #[cfg(feature = "training")]
    pub fn train(
        jieba: &jieba_rs::Jieba,
        name_dictionary: &str,
        sentences: &[LabelledSentence],
        options: &TrainingOptions,
    ) -> PersonRecognizer {
        let stats = NameStats::from_dictionary(name_dictionary);
        let model = training::train(jieba, &stats, name_dictionary, sentences, options);
        PersonRecognizer { model, stats }
    }
}

/// How `text` writes `name`: as a place somewhere (before `方向`, `地区`, after `攻占`…)
/// and as a person somewhere (a title or form of address beside it). What the place
/// list's generator (`examples/derive_non_persons.rs`) counts over a corpus.
#[cfg(feature = "training")]
pub fn written_as_place_and_person(text: &str, name: &str) -> (bool, bool) {
    let chars: Vec<char> = text.chars().collect();
    (
        lexicon::named_as_place(text, name),
        non_persons::has_person_evidence(name, &[chars]),
    )
}

/// Whether an occurrence of `name` in `text` is shown as a person by a title, a role or
/// a form of address only (not by a verb of persons): the evidence a common word needs
/// (`贺信指出` is said of a letter). What the common-word list's generator counts.
#[cfg(feature = "training")]
pub fn written_as_titled_person(text: &str, name: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    non_persons::has_titled_evidence(name, &[chars])
}

/// The Han characters right before and right after each occurrence of `name` in `text`
/// (`None` where there is none, or where a title or form of address stands there: those
/// say nothing of the name's own edges). A name that one character precedes or follows
/// nearly always is a piece of a longer word (`亲|诚惠容`); what the fragment rule of
/// `examples/derive_non_persons.rs` counts.
#[cfg(feature = "training")]
pub fn neighbours(text: &str, name: &str) -> Vec<(Option<char>, Option<char>)> {
    let chars: Vec<char> = text.chars().collect();
    let name: Vec<char> = name.chars().collect();
    if name.is_empty() {
        return Vec::new();
    }
    (0..chars.len().saturating_sub(name.len() - 1))
        .filter(|&i| chars[i..].starts_with(&name))
        .map(|start| {
            let end = start + name.len();
            let before = (start > 0 && !lexicon::title_before(&chars, start))
                .then(|| chars[start - 1])
                .filter(|&c| crate::text::chars::is_han(c));
            let after_masked = lexicon::title_at(&chars, end)
                || lexicon::addresses_surname_at(&chars, end)
                || lexicon::name_suffix_at(&chars, end);
            let after = (!after_masked)
                .then(|| chars.get(end).copied())
                .flatten()
                .filter(|&c| crate::text::chars::is_han(c));
            (before, after)
        })
        .collect()
}

#[cfg(feature = "training")]
/// Reads a BIO file: one `character label` pair a line, a blank line between sentences.
/// `B-PER`/`I-PER` mark names; other labels count as outside. Returns the sentences, or
/// the 1-based number of the first line that is not `character label`.
pub fn read_bio(text: &str) -> Result<Vec<LabelledSentence>, usize> {
    let mut sentences = Vec::new();
    let mut current = LabelledSentence::default();
    let mut chars = 0;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.text.is_empty() {
                sentences.push(std::mem::take(&mut current));
                chars = 0;
            }
            continue;
        }
        let mut it = line.chars();
        let c = it.next().ok_or(n + 1)?;
        let label = it.as_str().trim();
        current.text.push(c);
        match label {
            "B-PER" => current.names.push(chars..chars + 1),
            "I-PER" => match current.names.last_mut() {
                Some(name) if name.end == chars => name.end += 1,
                _ => current.names.push(chars..chars + 1),
            },
            "" => return Err(n + 1),
            _ => {}
        }
        chars += 1;
    }
    if !current.text.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "training")]
    #[test]
    fn reads_bio_spans() {
        let bio = "总 O\n理 O\n李 B-PER\n强 I-PER\n说 O\n\n王 B-PER\n";
        let sentences = read_bio(bio).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].text, "总理李强说");
        assert_eq!(sentences[0].names, vec![2..4]);
        assert_eq!(sentences[1].names, vec![0..1]);
        assert_eq!(read_bio("总 O\n理\n"), Err(2));
    }

    #[test]
    fn a_model_reads_back_what_it_wrote() {
        let builtin = PersonRecognizer::builtin();
        let bytes = builtin.to_bytes();
        assert_eq!(bytes, BUILTIN_MODEL);
        assert!(PersonRecognizer::from_bytes(&bytes).is_some());
        assert!(PersonRecognizer::from_bytes(b"ZHPER00\n").is_none());
    }
}
