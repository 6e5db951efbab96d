//! The query vocabulary: concepts that users and reports call by several names (a body's
//! full name, its short names, its former names), so that a query in one form finds the
//! texts written in another.
//!
//! It ships as `dict/aliases.txt`; users add their own lines (`zhsearch search
//! --vocabulary FILE`, `zhsearch serve --vocabulary FILE`, `Engine::vocabulary_mut`), and
//! other tables add their concepts with [`Vocabulary::extend`]. Meeting series are not
//! here: a query naming one matches the `meeting` field through `text::meetings`. Names are compared after [`normalize`], so full-width letters,
//! case and traditional characters make no difference.
//!
//! This is not the department alias table ([`crate::text::aliases`]): that one names the
//! departments a page is *from* at extraction; this one widens the words of a query.

use std::collections::HashMap;
use std::ops::Range;

use super::{normalize, normalize_char};

/// The vocabulary shipped with zhsearch (`dict/aliases.txt`).
pub const QUERY_VOCABULARY: &str = include_str!("../../dict/aliases.txt");

/// One concept: its canonical name first, then its other names.
///
/// A name made of parts joined by `+` (`最高人民法院+最高人民检察院` for 两高) stands for
/// texts that name every part; such a name is only ever an expansion, never looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// The canonical name, then the others, as written.
    pub names: Vec<String>,
}

impl Concept {
    /// A concept with these names, the canonical one first.
    pub fn new(names: impl IntoIterator<Item = impl Into<String>>) -> Concept {
        Concept {
            names: names.into_iter().map(Into::into).collect(),
        }
    }

    /// The canonical name.
    pub fn canonical(&self) -> &str {
        self.names.first().map_or("", String::as_str)
    }
}

/// A line of a vocabulary file that could not be read: its 1-based number and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabularyError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

impl std::fmt::Display for VocabularyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// Concepts by any of their names.
///
/// ```
/// use zhsearch::analysis::Vocabulary;
/// let vocabulary = Vocabulary::parse("中国人民银行 = 央行 人民银行\n").unwrap();
/// assert_eq!(vocabulary.alternatives("央行"), ["中国人民银行", "人民银行"]);
/// assert_eq!(vocabulary.alternatives("中国人民银行"), ["央行", "人民银行"]);
/// assert!(vocabulary.alternatives("银行").is_empty());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    concepts: Vec<Concept>,
    /// Normalised name → the concepts holding it.
    by_name: HashMap<String, Vec<usize>>,
    /// Characters in the longest name that can be looked up.
    longest_name: usize,
}

impl Vocabulary {
    /// The vocabulary in `dict/aliases.txt`.
    pub fn builtin() -> Vocabulary {
        Vocabulary::parse(QUERY_VOCABULARY).expect("dict/aliases.txt is well formed")
    }

    /// Reads a vocabulary in the format of `dict/aliases.txt`.
    pub fn parse(text: &str) -> Result<Vocabulary, VocabularyError> {
        let mut vocabulary = Vocabulary::default();
        vocabulary.extend_from_text(text)?;
        Ok(vocabulary)
    }

    /// Adds the lines of a file in the format of `dict/aliases.txt`: blank lines and `#`
    /// comments are skipped; each other line is `CANONICAL = NAME NAME ...`. On a bad line
    /// nothing is added.
    pub fn extend_from_text(&mut self, text: &str) -> Result<(), VocabularyError> {
        let concepts = parse_concepts(text)?;
        self.extend(concepts);
        Ok(())
    }

    /// Adds concepts from another table. A name already known joins both concepts: a
    /// query for it finds the names of each.
    pub fn extend(&mut self, concepts: impl IntoIterator<Item = Concept>) {
        for concept in concepts {
            if concept.names.len() < 2 {
                continue;
            }
            let index = self.concepts.len();
            for name in &concept.names {
                if is_compound(name) {
                    continue;
                }
                let key = normalize(name);
                self.longest_name = self.longest_name.max(key.chars().count());
                let holders = self.by_name.entry(key).or_default();
                if !holders.contains(&index) {
                    holders.push(index);
                }
            }
            self.concepts.push(concept);
        }
    }

    /// The concepts, in the order they were added.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// True when no concept is known.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// The other names of every concept called `name`, in table order, without `name`
    /// itself (in any spelling) and without repeats; empty for an unknown name.
    pub fn alternatives(&self, name: &str) -> Vec<&str> {
        let key = normalize(name);
        let mut alternatives: Vec<&str> = Vec::new();
        for &index in self.by_name.get(&key).into_iter().flatten() {
            for other in &self.concepts[index].names {
                if normalize(other) != key && !alternatives.contains(&other.as_str()) {
                    alternatives.push(other);
                }
            }
        }
        alternatives
    }

    /// The names this vocabulary knows inside `text`, leftmost and longest first, as byte
    /// ranges of `text` that do not overlap.
    ///
    /// ```
    /// use zhsearch::analysis::Vocabulary;
    /// let vocabulary = Vocabulary::parse("国家发展和改革委员会 = 发改委\n").unwrap();
    /// assert_eq!(vocabulary.find_names("发改委价格司"), [0..9]);
    /// ```
    pub fn find_names(&self, text: &str) -> Vec<Range<usize>> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
        let folded: Vec<char> = chars.iter().map(|&(_, c)| normalize_char(c)).collect();
        let mut found = Vec::new();
        let mut start = 0;
        while start < folded.len() {
            let longest = self.longest_name.min(folded.len() - start);
            let matched = (1..=longest).rev().find(|&len| {
                let candidate: String = folded[start..start + len].iter().collect();
                self.by_name.contains_key(&candidate)
            });
            match matched {
                Some(len) => {
                    found.push(byte_at(start)..byte_at(start + len));
                    start += len;
                }
                None => start += 1,
            }
        }
        found
    }

    /// Every name that can be looked up, normalised (for suggestions).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }
}

/// True for a name that stands for texts naming all of its `+`-joined parts.
pub fn is_compound(name: &str) -> bool {
    name.contains('+')
}

fn parse_concepts(text: &str) -> Result<Vec<Concept>, VocabularyError> {
    let mut concepts = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |reason: &str| VocabularyError {
            line: n + 1,
            reason: reason.to_string(),
        };
        let Some((canonical, others)) = line.split_once('=') else {
            return Err(bad("expected `CANONICAL = NAME ...`"));
        };
        let canonical = canonical.trim();
        if canonical.is_empty() || canonical.contains(char::is_whitespace) {
            return Err(bad("expected one name before `=`"));
        }
        let mut names = vec![canonical.to_string()];
        for name in others.split_whitespace() {
            if name.split('+').any(str::is_empty) || name.contains('=') {
                return Err(bad(&format!(
                    "`{name}` is not a name (parts joined by `+` must not be empty)"
                )));
            }
            if names
                .iter()
                .any(|known| normalize(known) == normalize(name))
            {
                return Err(bad(&format!("`{name}` is named twice")));
            }
            names.push(name.to_string());
        }
        if names.len() < 2 {
            return Err(bad("expected one or more names after `=`"));
        }
        if is_compound(canonical) {
            return Err(bad("the canonical name cannot join parts with `+`"));
        }
        concepts.push(Concept { names });
    }
    Ok(concepts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_vocabulary_parses_and_is_large() {
        let vocabulary = Vocabulary::builtin();
        assert!(
            vocabulary.concepts().len() >= 200,
            "{}",
            vocabulary.concepts().len()
        );
        assert!(
            vocabulary
                .alternatives("发改委")
                .contains(&"国家发展和改革委员会")
        );
    }

    #[test]
    fn bad_lines_name_their_number() {
        let error = Vocabulary::parse("# comment\n央行 = 中国人民银行\n\n发改委\n").unwrap_err();
        assert_eq!(error.line, 4);
        assert!(error.to_string().starts_with("line 4: expected"), "{error}");
        for (text, reason) in [
            ("央行 =\n", "one or more names"),
            ("= 央行\n", "one name before"),
            ("两高 = 最高人民法院+\n", "not a name"),
            ("央行 = 人民银行 人民銀行\n", "named twice"),
            ("a+b = c\n", "canonical"),
        ] {
            let error = Vocabulary::parse(text).unwrap_err();
            assert_eq!(error.line, 1, "{text}");
            assert!(error.reason.contains(reason), "{text}: {error}");
        }
    }

    #[test]
    fn expands_both_ways_and_across_spellings() {
        let vocabulary = Vocabulary::parse("二十国集团 = G20\n中国人民银行 = 央行\n").unwrap();
        assert_eq!(vocabulary.alternatives("g20"), ["二十国集团"]);
        assert_eq!(vocabulary.alternatives("Ｇ20"), ["二十国集团"]);
        assert_eq!(vocabulary.alternatives("二十國集團"), ["G20"]);
        assert_eq!(vocabulary.alternatives("央行"), ["中国人民银行"]);
    }

    #[test]
    fn a_shared_name_expands_to_every_concept_and_compounds_are_not_looked_up() {
        let mut vocabulary = Vocabulary::parse("两高 = 最高人民法院+最高人民检察院\n").unwrap();
        vocabulary.extend([Concept::new(["最高人民法院", "最高法"])]);
        vocabulary.extend([Concept::new(["两高", "两个最高"])]);
        assert_eq!(
            vocabulary.alternatives("两高"),
            ["最高人民法院+最高人民检察院", "两个最高"]
        );
        assert!(
            vocabulary
                .alternatives("最高人民法院+最高人民检察院")
                .is_empty()
        );
        assert_eq!(vocabulary.alternatives("最高人民法院"), ["最高法"]);
    }

    #[test]
    fn finds_the_longest_names_left_to_right() {
        let vocabulary = Vocabulary::parse(
            "中国人民银行 = 央行\n人民银行 = 人行\n进博会 = 中国国际进口博览会\n",
        )
        .unwrap();
        let text = "中国人民银行与进博会";
        let found: Vec<&str> = vocabulary
            .find_names(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["中国人民银行", "进博会"]);
        assert!(vocabulary.find_names("会议").is_empty());
    }
}
