//! Chinese text analysis: normalisation and jieba word segmentation for tantivy.
//!
//! Input: any text. Output: [`Word`]s with their byte offsets in the original text and a
//! position, through [`Analyzer::segment`] or as a tantivy tokenizer
//! ([`Analyzer::tokenizer`]). Indexing uses [`Segmentation::Index`], which adds the
//! dictionary words found inside long words at the same position as the long word, so a
//! query written with a shorter word still matches; queries use [`Segmentation::Query`].
//! A second analysis, [`BigramTokenizer`], cuts the same text into character bigrams for
//! exact phrases.
//!
//! The dictionary is jieba's default one plus `dict/political.txt` from this repository,
//! plus an optional user dictionary in the same `word [freq] [tag]` format.
//!
//! [`Vocabulary`] (`dict/aliases.txt`) knows the several names of one concept, compared
//! after normalisation, so that a query can be widened to the other names.

mod dictionary;
mod grams;
pub mod near_duplicates;
mod normalize;
mod tokenizer;
mod vocabulary;

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;

use dictionary::Lexicon;
pub use grams::{BigramTokenizer, phrase_grams};
pub(crate) use normalize::is_word_char;
pub use normalize::{fold_traditional, fold_traditional_text, normalize, normalize_char};
pub use tokenizer::ChineseTokenizer;
pub(crate) use tokenizer::PRE_CUT;
pub use vocabulary::{Concept, QUERY_VOCABULARY, Vocabulary, VocabularyError, is_compound};

use crate::text::chars::{Clause, clauses, ends_clause};
use crate::{Error, Result};

/// The political-terms dictionary shipped with zhsearch (`dict/political.txt`).
pub const POLITICAL_TERMS: &str = include_str!("../../dict/political.txt");

/// How a text is cut into words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segmentation {
    /// Words plus the dictionary words inside each long word, sharing its position.
    Index,
    /// Words only, as jieba's accurate mode cuts them.
    Query,
}

/// One word of a segmented text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The normalised word.
    pub text: String,
    /// Byte offsets of the word in the original (not normalised) text.
    pub offsets: std::ops::Range<usize>,
    /// The word's position: the count of words before it (sub-words share their word's).
    pub position: usize,
}

/// A jieba segmenter with zhsearch's dictionaries, cheap to clone and share across threads.
///
/// The full dictionary is loaded on first need. Until then, an analyser allowed to (see
/// [`Analyzer::with_lexicon_for`]) segments short texts such as queries with a segmenter
/// built for each text from a compiled word table: same words, no 100 ms load.
#[derive(Clone)]
pub struct Analyzer {
    shared: Arc<Shared>,
    /// Whether short texts may be cut with the compiled lexicon before the full
    /// dictionary is loaded: only once it is known to match the index's dictionary.
    use_lexicon: bool,
}

struct Shared {
    terms: Vec<Term>,
    full: OnceLock<Jieba>,
    lexicon: OnceLock<Option<Lexicon>>,
}

/// Texts up to this many bytes are cut with a per-text segmenter when the full
/// dictionary is not loaded; a longer one loads it.
const LEXICON_MAX_TEXT: usize = 4096;

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").finish_non_exhaustive()
    }
}

impl Analyzer {
    /// jieba's default dictionary plus [`POLITICAL_TERMS`].
    ///
    /// ```
    /// use zhsearch::analysis::{Analyzer, Segmentation};
    /// let analyzer = Analyzer::new();
    /// let words: Vec<String> = analyzer
    ///     .segment("党的二十大精神", Segmentation::Query)
    ///     .into_iter()
    ///     .map(|w| w.text)
    ///     .collect();
    /// assert_eq!(words, ["党", "的", "二十大", "精神"]);
    /// ```
    ///
    /// The dictionary is loaded once per process, when first needed; later calls share it.
    pub fn new() -> Analyzer {
        static SHARED: OnceLock<Analyzer> = OnceLock::new();
        SHARED
            .get_or_init(|| Analyzer::load("").expect("the built-in dictionary is well formed"))
            .clone()
    }

    /// Like [`Analyzer::new`], plus the terms of `user_dict` (`word [freq] [tag]` lines).
    pub fn with_user_dict(user_dict: &str) -> Result<Analyzer> {
        if user_dict.trim().is_empty() {
            Ok(Analyzer::new())
        } else {
            Analyzer::load(user_dict)
        }
    }

    fn load(user_dict: &str) -> Result<Analyzer> {
        let mut terms = parse_terms(POLITICAL_TERMS, Dictionary::PoliticalTerms)?;
        terms.extend(parse_terms(user_dict, Dictionary::User)?);
        Ok(Analyzer {
            shared: Arc::new(Shared {
                terms,
                full: OnceLock::new(),
                lexicon: OnceLock::new(),
            }),
            use_lexicon: false,
        })
    }

    /// What jieba-rs says of the full dictionary (its word entries and total frequency),
    /// recorded with an index so that queries know which dictionary cut its text. Loads
    /// the dictionary.
    pub fn fingerprint(&self) -> String {
        dictionary::fingerprint(self.jieba())
    }

    /// This analyser, allowed to cut short texts without loading the full dictionary if
    /// the compiled lexicon reproduces the dictionary of `fingerprint` (from
    /// [`Analyzer::fingerprint`]); otherwise unchanged. The words are the same either way.
    pub fn with_lexicon_for(&self, fingerprint: &str) -> Analyzer {
        let matches = self
            .lexicon()
            .is_some_and(|lexicon| lexicon.fingerprint() == fingerprint);
        Analyzer {
            shared: self.shared.clone(),
            use_lexicon: self.use_lexicon || matches,
        }
    }

    fn lexicon(&self) -> Option<&Lexicon> {
        self.shared
            .lexicon
            .get_or_init(|| {
                let mut lexicon = Lexicon::compiled()?;
                for term in &self.shared.terms {
                    lexicon.add(term);
                }
                Some(lexicon)
            })
            .as_ref()
    }

    /// The underlying jieba instance, for part-of-speech tagging. Loads the dictionary.
    pub fn jieba(&self) -> &Jieba {
        self.shared.full.get_or_init(|| {
            let mut jieba = Jieba::new();
            for term in &self.shared.terms {
                jieba.add_word(&term.word, term.freq, term.tag.as_deref());
            }
            jieba
        })
    }

    /// A tantivy tokenizer that segments this way.
    pub fn tokenizer(&self, mode: Segmentation) -> ChineseTokenizer {
        ChineseTokenizer::new(self.clone(), mode)
    }

    /// Cuts `text` into normalised words; punctuation and spaces are dropped.
    pub fn segment(&self, text: &str, mode: Segmentation) -> Vec<Word> {
        let mut words = Vec::new();
        self.segment_into(text, mode, &mut |word| words.push(word));
        words
    }

    pub(crate) fn segment_into(&self, text: &str, mode: Segmentation, emit: &mut dyn FnMut(Word)) {
        let folded = fold_traditional_text(text);
        // Offsets from jieba are in the folded text; map them back through character
        // indices, which folding preserves.
        let char_starts: Option<Vec<usize>> = match &folded {
            Cow::Borrowed(_) => None,
            Cow::Owned(_) => Some(char_bounds(text)),
        };
        let original = |char_index: usize, byte_index: usize| match &char_starts {
            Some(starts) => starts[char_index],
            None => byte_index,
        };
        let per_text;
        let short = self.use_lexicon && folded.len() <= LEXICON_MAX_TEXT;
        let lexicon = match self.shared.full.get() {
            None if short => self.lexicon(),
            _ => None,
        };
        let jieba = match lexicon {
            Some(lexicon) => {
                per_text = lexicon.segmenter_for(&folded);
                &per_text
            }
            None => self.jieba(),
        };
        let mut cutter = WordCutter::new(jieba, mode);
        let mut clauses = clauses(&folded);
        // jieba cuts at every clause mark by itself, so a text whose clauses all end at
        // one (none cut for length) gives the same words cut whole, for one call.
        let cut_for_length = clauses
            .iter()
            .any(|c| c.bytes.end < folded.len() && !folded[..c.bytes.end].ends_with(ends_clause));
        if !cut_for_length {
            let chars = clauses.last().map_or(0, |c| c.chars.end);
            clauses = vec![Clause {
                chars: 0..chars,
                bytes: 0..folded.len(),
            }];
        }
        for clause in clauses {
            for token in jieba.cut(&folded[clause.bytes.clone()], HMM) {
                let first = (
                    clause.chars.start + token.start,
                    clause.bytes.start + token.byte_start,
                );
                cutter.add(
                    token.word,
                    first,
                    &original,
                    &mut |text, offsets, position| {
                        emit(Word {
                            text: text.to_string(),
                            offsets,
                            position,
                        })
                    },
                );
            }
        }
    }
}

/// Whether jieba guesses unknown words with its hidden Markov model: no. The person model
/// reads jieba's tags without it, and the word fields take the same cut (one segmentation
/// serves both, see [`WordTokens`]); with it, nDCG@10 moved by at most 0.002
/// (`BENCHMARKS.md`, "Ranking").
const HMM: bool = false;

/// Turns jieba's cut of a folded text into [`Word`]s: normalised, numbered, each long
/// word followed by the dictionary words inside it, punctuation dropped. The one home of
/// those rules, for texts cut here and texts extraction cut ([`WordTokens::add_cut`]).
struct WordCutter<'j> {
    jieba: &'j Jieba,
    mode: Segmentation,
    position: usize,
    /// The word being added, normalised: one buffer for all.
    normalized: String,
}

/// What [`WordCutter`] gives for each word: its normalised text, its offsets, its position.
type EmitWord<'e> = dyn FnMut(&str, std::ops::Range<usize>, usize) + 'e;

impl<'j> WordCutter<'j> {
    fn new(jieba: &'j Jieba, mode: Segmentation) -> WordCutter<'j> {
        WordCutter {
            jieba,
            mode,
            position: 0,
            normalized: String::new(),
        }
    }

    /// Adds `word`, a word of the folded text starting at `(character, byte)` `first`;
    /// `original` maps a character and byte of the folded text to a byte offset in the
    /// text the offsets are to point into.
    fn add(
        &mut self,
        word: &str,
        (first_char, first_byte): (usize, usize),
        original: &dyn Fn(usize, usize) -> usize,
        emit: &mut EmitWord<'_>,
    ) {
        if !word.chars().any(is_word_char) {
            return;
        }
        let normalized = &mut self.normalized;
        normalized.clear();
        normalized.extend(word.chars().map(normalize_char));
        let chars = word.chars().count();
        let position = self.position;
        self.position += 1;
        if self.mode == Segmentation::Index && chars > 2 {
            let bounds = char_bounds(word);
            let normal_bounds = char_bounds(normalized);
            for n in [2, 3] {
                if chars <= n {
                    continue;
                }
                for i in 0..=chars - n {
                    let gram = &normalized[normal_bounds[i]..normal_bounds[i + n]];
                    if self.jieba.has_word(gram) && gram.chars().all(is_word_char) {
                        let from = original(first_char + i, first_byte + bounds[i]);
                        let to = original(first_char + i + n, first_byte + bounds[i + n]);
                        emit(gram, from..to, position);
                    }
                }
            }
        }
        let offsets =
            original(first_char, first_byte)..original(first_char + chars, first_byte + word.len());
        emit(normalized, offsets, position);
    }
}

/// The words of one text for the word fields, cut by extraction rather than by the
/// field's tokenizer: the person model tags each clause of the folded text with jieba, and
/// the same words, passed to [`WordTokens::add_cut`] clause by clause, give exactly the
/// words and positions [`Segmentation::Index`] would. The index takes them as a text in
/// the form [`ChineseTokenizer`] reads back without cutting it again (see
/// [`tokenizer::PRE_CUT`]); tantivy's own pre-tokenized values would be written to JSON
/// and parsed back per document.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordTokens {
    encoded: String,
    position: usize,
    /// The position of the last word encoded.
    last: Option<usize>,
    /// [`WordCutter`]'s buffer, kept between words.
    normalized: String,
    /// Set once every clause of the text was added: until then the words are not the
    /// text's, and the field's tokenizer must cut it.
    whole: bool,
}

impl WordTokens {
    /// Adds a word jieba cut from the folded text (without its hidden Markov model),
    /// starting at character `first_char` and byte `first_byte` of that text. Words must
    /// come in order and cover the whole text.
    pub(crate) fn add_cut(
        &mut self,
        jieba: &Jieba,
        word: &str,
        first_char: usize,
        first_byte: usize,
    ) {
        let mut cutter = WordCutter {
            jieba,
            mode: Segmentation::Index,
            position: self.position,
            normalized: std::mem::take(&mut self.normalized),
        };
        let (encoded, last) = (&mut self.encoded, &mut self.last);
        let mut emit = |word: &str, _: std::ops::Range<usize>, position: usize| {
            tokenizer::encode_word(encoded, word, *last == Some(position));
            *last = Some(position);
        };
        cutter.add(word, (first_char, first_byte), &|_, byte| byte, &mut emit);
        self.position = cutter.position;
        self.normalized = cutter.normalized;
    }

    /// Says that every word of the text was added.
    pub(crate) fn finish(&mut self) {
        self.whole = true;
    }

    /// The words as the word field's value, if they are the whole text's.
    pub(crate) fn into_field_text(self) -> Option<String> {
        self.whole.then_some(self.encoded)
    }
}

/// The byte offset of every character of `text`, then its length: character `i` is
/// `text[bounds[i]..bounds[i + 1]]`.
fn char_bounds(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

impl Default for Analyzer {
    fn default() -> Analyzer {
        Analyzer::new()
    }
}

/// One line of a `word [freq] [tag]` dictionary.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    word: String,
    freq: Option<usize>,
    tag: Option<String>,
}

/// Which dictionary a text of terms is, for its errors.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Dictionary {
    /// [`POLITICAL_TERMS`], built in.
    PoliticalTerms,
    /// The terms a user gives an index.
    User,
}

impl Dictionary {
    fn name(self) -> &'static str {
        match self {
            Dictionary::PoliticalTerms => "built-in political terms",
            Dictionary::User => "user dictionary",
        }
    }
}

/// The terms of a dictionary text, in order; `#` starts a comment line. A malformed
/// line is an error naming `which` dictionary and the line.
pub(crate) fn parse_terms(dict: &str, which: Dictionary) -> Result<Vec<Term>> {
    let mut terms = Vec::new();
    for (index, line) in dict.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let word = normalize(parts.next().unwrap_or_default());
        let (freq, tag) = match (parts.next(), parts.next()) {
            (Some(f), tag) if f.chars().all(|c| c.is_ascii_digit()) => (
                Some(
                    f.parse::<usize>()
                        .map_err(|e| dict_error(which, index, e.to_string()))?,
                ),
                tag,
            ),
            (Some(tag), None) => (None, Some(tag)),
            (None, _) => (None, None),
            (Some(other), _) => {
                return Err(dict_error(which, index, format!("bad frequency `{other}`")));
            }
        };
        terms.push(Term {
            word,
            freq,
            tag: tag.map(str::to_string),
        });
    }
    Ok(terms)
}

fn dict_error(which: Dictionary, index: usize, reason: String) -> Error {
    Error::BadDictionary {
        dictionary: which.name(),
        line: index as u64 + 1,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(words: &[Word]) -> Vec<&str> {
        words.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn political_terms_stay_whole() {
        let analyzer = Analyzer::new();
        for term in [
            "新质生产力",
            "全过程人民民主",
            "三个务必",
            "中国式现代化",
            "科创中国",
        ] {
            let words = analyzer.segment(&format!("加快发展{term}。"), Segmentation::Query);
            assert!(texts(&words).contains(&term), "{term}: {:?}", texts(&words));
        }
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let analyzer = Analyzer::new();
        let text = "推进５Ｇ基站建设，学习二十大精神";
        for word in analyzer.segment(text, Segmentation::Index) {
            assert_eq!(
                normalize(&text[word.offsets.clone()]),
                word.text,
                "{word:?}"
            );
        }
    }

    #[test]
    fn index_mode_adds_inner_words_at_the_same_position() {
        let analyzer = Analyzer::new();
        let words = analyzer.segment("中华人民共和国", Segmentation::Index);
        let whole = words.iter().find(|w| w.text == "中华人民共和国").unwrap();
        let inner = words.iter().find(|w| w.text == "共和国").unwrap();
        assert_eq!(whole.position, inner.position);
        assert_eq!(&"中华人民共和国"[inner.offsets.clone()], "共和国");
    }

    #[test]
    fn punctuation_is_dropped() {
        let analyzer = Analyzer::new();
        assert!(
            analyzer
                .segment("，。！？  ……", Segmentation::Query)
                .is_empty()
        );
    }

    #[test]
    fn user_dictionary_terms_are_kept_whole() {
        let analyzer = Analyzer::with_user_dict("津沽大地 5 ns\n# comment\n").unwrap();
        let words = analyzer.segment("在津沽大地落实落地", Segmentation::Query);
        assert!(texts(&words).contains(&"津沽大地"), "{:?}", texts(&words));
    }

    #[test]
    fn bad_user_dictionary_line_is_reported() {
        let err = Analyzer::with_user_dict("好词 many ns").unwrap_err();
        assert_eq!(
            err.to_string(),
            "user dictionary, line 1: bad frequency `many`"
        );
        let err = Analyzer::with_user_dict("# terms\n好词 5 ns\n坏词 99999999999999999999999 n")
            .unwrap_err();
        assert!(matches!(
            err,
            Error::BadDictionary {
                dictionary: "user dictionary",
                line: 3,
                ..
            }
        ));
    }
}
