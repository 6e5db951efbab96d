//! The compiler: an [`Expr`] becomes a tantivy query over the fields of an index, plus
//! the strings a snippet highlights.
//!
//! Words go to the jieba word fields (title weighted above body under
//! [`Ranking::Refined`]) and, as an exact-characters alternative, to the bigram fields;
//! quoted phrases go to the bigram fields only; `person:`, `department:` and `meeting:`
//! are keyword filters (a department also under its canonical name, a meeting series
//! under its canonical series); `date:` is a range. Filters select without scoring.
//!
//! A name the [`Vocabulary`] knows inside an unquoted word is widened to its other names
//! (`发改委` also finds 国家发展和改革委员会, and back), each a lower-weighted alternative
//! so that the form typed ranks first; quoted phrases and filters are never widened.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhrasePrefixQuery, PhraseQuery,
    Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::lazy_union::LazyUnionQuery;
use super::parser::{self, Expr, KeywordField};
use crate::analysis::{
    Analyzer, Segmentation, Vocabulary, Word, fold_traditional_text, is_word_char, normalize,
    phrase_grams,
};
use crate::index::{Fields, to_tantivy_date};
use crate::search::{Expansion, Ranking};
use crate::text::aliases::Aliases;
use crate::text::chars::is_han;
use crate::text::meetings::{meeting_series, series_names};
use crate::{Error, Result};

/// Weight of a title match relative to a body match.
const TITLE_BOOST: f32 = 2.0;
/// Weight of the bonus for query words that stand together in the text.
const PROXIMITY_BOOST: f32 = 0.5;
/// How many words may stand between the query's words for the nearness bonus.
const NEAR_SLOP: u32 = 8;
/// Weight of another name of a vocabulary concept relative to the name the user typed:
/// low enough that texts holding the typed form rank first.
const EXPANSION_WEIGHT: f32 = 0.4;
/// Names of at least this many characters are searched as exact phrases when they widen
/// a query; shorter ones as jieba words, so that `央行` does not match inside other words.
const PHRASE_NAME_CHARS: usize = 4;
/// Score added to a report of the meeting series a query names: about a strong title
/// match, so that a report of the meeting outranks one that mentions it in passing
/// (the field's own BM25 is under 1: every report holds one value).
const MEETING_SCORE: f32 = 10.0;

/// A query compiled for one index, with the strings to highlight.
pub(crate) struct Compiled {
    pub query: Box<dyn Query>,
    pub needles: Vec<Vec<char>>,
    /// The names of the query that the vocabulary widened, with what they were widened to.
    pub expansions: Vec<Expansion>,
}

/// What a query is compiled with: the index's fields and the tables of names.
pub(crate) struct Context<'a> {
    pub fields: &'a Fields,
    pub analyzer: &'a Analyzer,
    pub aliases: &'a Aliases,
    pub vocabulary: &'a Vocabulary,
}

/// Parses and compiles `query` for the fields of an index.
pub(crate) fn compile(query: &str, ranking: Ranking, context: &Context) -> Result<Compiled> {
    compile_expr(&parser::parse(query)?, ranking, context)
}

/// Compiles a parsed query for the fields of an index.
pub(crate) fn compile_expr(expr: &Expr, ranking: Ranking, context: &Context) -> Result<Compiled> {
    let mut compiler = Compiler {
        fields: context.fields,
        analyzer: context.analyzer,
        aliases: context.aliases,
        vocabulary: context.vocabulary,
        ranking,
        needles: Vec::new(),
        expansions: Vec::new(),
        in_conjunction: false,
    };
    let query = compiler.expr(expr, false)?;
    let mut needles: Vec<Vec<char>> = compiler
        .needles
        .into_iter()
        .map(|n| n.chars().collect())
        .collect();
    needles.sort();
    needles.dedup();
    Ok(Compiled {
        query,
        needles,
        expansions: compiler.expansions,
    })
}

struct Compiler<'a> {
    fields: &'a Fields,
    analyzer: &'a Analyzer,
    aliases: &'a Aliases,
    vocabulary: &'a Vocabulary,
    ranking: Ranking,
    needles: Vec<String>,
    expansions: Vec<Expansion>,
    /// True while compiling a part inside a conjunction: a conjunct of an `And` beside
    /// other required parts, or an exclusion. tantivy's intersection walks its rarest part
    /// and only asks the others about the documents it finds (seeks them), so such a part
    /// is a [`LazyUnionQuery`], never walked.
    in_conjunction: bool,
}

impl Compiler<'_> {
    fn expr(&mut self, expr: &Expr, negated: bool) -> Result<Box<dyn Query>> {
        Ok(match expr {
            Expr::Or(alternatives) => {
                let clauses = alternatives
                    .iter()
                    .map(|e| Ok((Occur::Should, self.expr(e, negated)?)))
                    .collect::<Result<Vec<_>>>()?;
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::And(parts) => {
                let required = parts.iter().filter(|p| !matches!(p, Expr::Not(_))).count();
                let outer = self.in_conjunction;
                let mut clauses = Vec::with_capacity(parts.len() + 1);
                for part in parts {
                    clauses.push(match part {
                        Expr::Not(inner) => (
                            Occur::MustNot,
                            self.expr_in_conjunction(inner, !negated, true)?,
                        ),
                        part => (
                            Occur::Must,
                            self.expr_in_conjunction(part, negated, outer || required > 1)?,
                        ),
                    });
                }
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                if !negated && let Some(near) = self.near(parts) {
                    clauses.push((Occur::Should, near));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::Not(inner) => {
                let excluded = self.expr_in_conjunction(inner, !negated, true)?;
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (Occur::MustNot, excluded),
                ]))
            }
            Expr::Words {
                text,
                title_only,
                position,
            } => self.words(text, *title_only, *position, negated)?,
            Expr::Phrase {
                text, title_only, ..
            } => {
                if !negated {
                    self.needles.push(normalize(text));
                }
                self.phrase(text, *title_only, 1.0)
            }
            Expr::Keyword { field, value } => {
                let field_kind = *field;
                let field = match field {
                    KeywordField::Department => self.fields.department,
                    KeywordField::Meeting => self.fields.meeting,
                    KeywordField::Person => self.fields.persons,
                };
                let value = value.trim();
                // A value typed in traditional characters also finds the simplified one
                // the reports were extracted with (`person:李強` finds 李强).
                let folded = fold_traditional_text(value).into_owned();
                // `department:中央政治局` finds what extraction stored as 中共中央政治局.
                // `department:发改委`: the vocabulary's names of the body, each made
                // canonical by the department table.
                let other_names: Vec<String> = match field_kind {
                    KeywordField::Department => self
                        .vocabulary
                        .alternatives(&folded)
                        .into_iter()
                        .filter(|name| !name.contains('+'))
                        .flat_map(|name| [name.to_string(), self.aliases.canonical(name, &[])])
                        .collect(),
                    _ => Vec::new(),
                };
                let canonical = match field_kind {
                    KeywordField::Department => self.aliases.canonical(&folded, &[]),
                    // `meeting:国常会` finds 国务院常务会议.
                    KeywordField::Meeting => meeting_series(&folded).unwrap_or(&folded).to_string(),
                    KeywordField::Person => folded.clone(),
                };
                let mut values = vec![value.to_string()];
                for other in [folded, canonical].into_iter().chain(other_names) {
                    if !values.contains(&other) {
                        values.push(other);
                    }
                }
                let clauses: Vec<(Occur, Box<dyn Query>)> = values
                    .iter()
                    .map(|v| {
                        let term = Term::from_field_text(field, v);
                        let query: Box<dyn Query> =
                            Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                        (Occur::Should, query)
                    })
                    .collect();
                filter(BooleanQuery::new(clauses))
            }
            Expr::Dates { from, to } => {
                let bound = |date: &Option<chrono::NaiveDateTime>, inclusive: bool| match date {
                    Some(date) => {
                        let term = Term::from_field_date(self.fields.date, to_tantivy_date(*date));
                        if inclusive {
                            Bound::Included(term)
                        } else {
                            Bound::Excluded(term)
                        }
                    }
                    None => Bound::Unbounded,
                };
                filter(RangeQuery::new(bound(from, true), bound(to, false)))
            }
        })
    }

    /// [`Compiler::expr`] with [`Compiler::in_conjunction`] set as given for that part only.
    fn expr_in_conjunction(
        &mut self,
        expr: &Expr,
        negated: bool,
        in_conjunction: bool,
    ) -> Result<Box<dyn Query>> {
        let outer = std::mem::replace(&mut self.in_conjunction, in_conjunction);
        let query = self.expr(expr, negated);
        self.in_conjunction = outer;
        query
    }

    /// Documents matching any of `parts`, scored by the sum of the matching ones. Inside a
    /// conjunction, a [`LazyUnionQuery`], which evaluates its parts only at the documents
    /// asked for; elsewhere the union is walked, and a `BooleanQuery`'s buffered union
    /// walks faster.
    fn union(&self, parts: Vec<Box<dyn Query>>) -> Box<dyn Query> {
        if self.in_conjunction {
            Box::new(LazyUnionQuery::new(parts))
        } else {
            Box::new(BooleanQuery::new(
                parts
                    .into_iter()
                    .map(|part| (Occur::Should, part))
                    .collect(),
            ))
        }
    }

    /// The word fields to search, with their weights.
    fn word_fields(&self, title_only: bool) -> Vec<(Field, f32)> {
        match (title_only, self.ranking) {
            (true, _) => vec![(self.fields.title, 1.0)],
            (false, Ranking::Bm25) => vec![(self.fields.title, 1.0), (self.fields.body, 1.0)],
            (false, Ranking::Refined) => {
                vec![(self.fields.title, TITLE_BOOST), (self.fields.body, 1.0)]
            }
        }
    }

    /// Documents whose title (or, unless `title_only`, body) holds the characters of
    /// `text` in a row, found through the bigram fields; scores weighted by `weight`.
    fn phrase(&self, text: &str, title_only: bool, weight: f32) -> Box<dyn Query> {
        let grams = phrase_grams(text);
        let fields: &[(Field, f32)] = match (title_only, self.ranking) {
            (true, _) => &[(self.fields.title_grams, 1.0)],
            (false, Ranking::Bm25) => &[
                (self.fields.title_grams, 1.0),
                (self.fields.body_grams, 1.0),
            ],
            (false, Ranking::Refined) => &[
                (self.fields.title_grams, TITLE_BOOST),
                (self.fields.body_grams, 1.0),
            ],
        };
        let alternatives = fields
            .iter()
            .map(|&(field, boost)| {
                let terms: Vec<(usize, Term)> = grams
                    .iter()
                    .map(|(offset, gram)| (*offset, Term::from_field_text(field, gram)))
                    .collect();
                let query: Box<dyn Query> = match terms.len() {
                    // One character: every bigram that starts with it, or it alone at
                    // the end of a text.
                    1 if grams[0].1.chars().count() == 1 => {
                        let mut prefix = PhrasePrefixQuery::new(vec![terms[0].1.clone()]);
                        prefix.set_max_expansions(u32::MAX);
                        Box::new(prefix)
                    }
                    1 => Box::new(TermQuery::new(
                        terms[0].1.clone(),
                        IndexRecordOption::WithFreqs,
                    )),
                    _ => Box::new(PhraseQuery::new_with_offset(terms)),
                };
                Box::new(BoostQuery::new(query, boost * weight)) as Box<dyn Query>
            })
            .collect();
        self.union(alternatives)
    }

    /// Words of `text`, all required, in the title and body (or the title only). A text
    /// holding `text` itself always matches, however jieba cut it; under
    /// [`Ranking::Refined`], holding it earns a bonus.
    fn words(
        &mut self,
        text: &str,
        title_only: bool,
        position: usize,
        negated: bool,
    ) -> Result<Box<dyn Query>> {
        let words = self.analyzer.segment(text, Segmentation::Query);
        if words.is_empty() {
            return Err(Error::query(
                position,
                format!("no searchable words in `{text}` (quote it to find it exactly)"),
            ));
        }
        let series = self.meeting_named(text, negated, title_only);
        if !negated && series.is_none() {
            self.needles.extend(words.iter().map(|w| w.text.clone()));
        }
        if !negated {
            self.needles.push(normalize(text));
        }
        let names = if negated {
            Vec::new()
        } else {
            self.vocabulary.find_names(text)
        };
        let mut all_words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut rest = words.as_slice();
        while let Some(word) = rest.first() {
            // The words of a known name, widened together to the name's other forms.
            let name = names
                .iter()
                .find(|name| name.contains(&word.offsets.start))
                .and_then(|name| {
                    let inside = rest
                        .iter()
                        .take_while(|w| w.offsets.end <= name.end)
                        .count();
                    let alternatives = self.vocabulary.alternatives(&text[name.clone()]);
                    (inside > 0 && !alternatives.is_empty()).then(|| {
                        let alternatives: Vec<String> =
                            alternatives.into_iter().map(str::to_string).collect();
                        (inside, text[name.clone()].to_string(), alternatives)
                    })
                });
            match name {
                Some((inside, typed, alternatives)) => {
                    // The typed name is searched as its other names are (a long name as
                    // its exact characters), so every name of a concept finds the same
                    // documents, only ranked differently.
                    let typed_words = self.all_of_words(&rest[..inside], title_only, Occur::Must);
                    let typed_form = if typed.chars().count() >= PHRASE_NAME_CHARS {
                        // Scored by its words (which rank better than the bigrams), found
                        // only where its characters stand together.
                        Box::new(BooleanQuery::new(vec![
                            (Occur::Must, filter(self.phrase(&typed, title_only, 1.0))),
                            (Occur::Must, typed_words),
                        ]))
                    } else {
                        typed_words
                    };
                    let mut forms = vec![typed_form];
                    for alternative in &alternatives {
                        forms.push(self.alternative_name(alternative, title_only));
                    }
                    all_words.push((Occur::Must, self.union(forms)));
                    self.expansions.push(Expansion {
                        typed,
                        alternatives,
                    });
                    rest = &rest[inside..];
                }
                None => {
                    let run = single_character_run(rest);
                    if run >= 2 {
                        // Characters jieba left single (a name it does not know, `俄乌`):
                        // found only where they stand together, as typed, and scored by
                        // their words where the text has them.
                        let together = &text[rest[0].offsets.start..rest[run - 1].offsets.end];
                        let words = self.all_of_words(&rest[..run], title_only, Occur::Should);
                        let query = BooleanQuery::new(vec![
                            (Occur::Must, filter(self.phrase(together, title_only, 1.0))),
                            (Occur::Should, words),
                        ]);
                        all_words.push((Occur::Must, Box::new(query)));
                        rest = &rest[run..];
                    } else {
                        let query = self.word_in_fields(&word.text, title_only);
                        all_words.push((Occur::Must, query));
                        rest = &rest[1..];
                    }
                }
            }
        }
        // The exact characters of the word, not the punctuation stuck to it (`会议:`).
        let characters = text.trim_matches(|c: char| !is_word_char(c));
        let exact = match self.ranking {
            Ranking::Refined => self.phrase(characters, title_only, PROXIMITY_BOOST),
            Ranking::Bm25 => filter(self.phrase(characters, title_only, 1.0)),
        };
        let mut forms = vec![
            Box::new(BooleanQuery::new(all_words)) as Box<dyn Query>,
            exact,
        ];
        forms.extend(series);
        Ok(self.union(forms))
    }

    /// When `text` is a name of a meeting series (`国常会`, `政治局集体学习`), the reports
    /// of that series: found however they word the meeting, and, under
    /// [`Ranking::Refined`], ranked above reports that only mention it.
    fn meeting_named(
        &mut self,
        text: &str,
        negated: bool,
        title_only: bool,
    ) -> Option<Box<dyn Query>> {
        if negated || title_only {
            return None;
        }
        let typed = normalize(text);
        let series = meeting_series(&typed)?;
        let term = TermQuery::new(
            Term::from_field_text(self.fields.meeting, series),
            IndexRecordOption::Basic,
        );
        // The series' names are highlighted in place of the typed name's pieces
        // (`国常会`'s 国).
        self.needles
            .extend(series_names(series).into_iter().map(str::to_string));
        if series != text {
            self.expansions.push(Expansion {
                typed: text.to_string(),
                alternatives: std::iter::once(format!("meeting:{series}"))
                    .chain(
                        series_names(series)
                            .into_iter()
                            .filter(|name| *name != typed)
                            .map(str::to_string),
                    )
                    .collect(),
            });
        }
        let mut forms: Vec<Box<dyn Query>> = vec![match self.ranking {
            Ranking::Refined => Box::new(ConstScoreQuery::new(Box::new(term), MEETING_SCORE)),
            Ranking::Bm25 => filter(term),
        }];
        // Reports that mention the series by another of its names, below the typed one.
        for name in series_names(series) {
            if name != typed {
                forms.push(self.alternative_name(name, false));
            }
        }
        Some(self.union(forms))
    }

    /// Documents holding the jieba word `word` in the word fields, scored per field.
    fn word_in_fields(&self, word: &str, title_only: bool) -> Box<dyn Query> {
        let per_field = self
            .word_fields(title_only)
            .into_iter()
            .map(|(field, boost)| {
                let term = TermQuery::new(
                    Term::from_field_text(field, word),
                    IndexRecordOption::WithFreqs,
                );
                Box::new(BoostQuery::new(Box::new(term), boost)) as Box<dyn Query>
            })
            .collect();
        self.union(per_field)
    }

    /// Documents holding all of `words` (one clause each, as `occur` says).
    fn all_of_words(&self, words: &[Word], title_only: bool, occur: Occur) -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            words
                .iter()
                .map(|word| (occur, self.word_in_fields(&word.text, title_only)))
                .collect(),
        ))
    }

    /// Documents holding another name of a concept the query names, weighted below the
    /// typed form: a long name as an exact phrase, a short one as its jieba words, a name
    /// of `+`-joined parts as all of its parts.
    fn alternative_name(&self, name: &str, title_only: bool) -> Box<dyn Query> {
        let parts: Vec<Box<dyn Query>> = name
            .split('+')
            .map(|part| {
                if part.chars().count() >= PHRASE_NAME_CHARS {
                    self.phrase(part, title_only, 1.0)
                } else {
                    let words = self.analyzer.segment(part, Segmentation::Query);
                    self.all_of_words(&words, title_only, Occur::Must)
                }
            })
            .collect();
        let query: Box<dyn Query> = match parts.len() {
            1 => parts.into_iter().next().expect("one part"),
            _ => Box::new(BooleanQuery::new(
                parts.into_iter().map(|p| (Occur::Must, p)).collect(),
            )),
        };
        Box::new(BoostQuery::new(query, EXPANSION_WEIGHT))
    }

    /// Under [`Ranking::Refined`], a bonus for documents whose body holds the words of
    /// the required word groups of `parts` in order, within a few words of each other.
    fn near(&self, parts: &[Expr]) -> Option<Box<dyn Query>> {
        if self.ranking != Ranking::Refined {
            return None;
        }
        let texts: Vec<&str> = parts
            .iter()
            .filter_map(|part| match part {
                Expr::Words {
                    text,
                    title_only: false,
                    ..
                } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        if texts.len() < 2 {
            return None;
        }
        let mut terms = Vec::new();
        let mut offset = 0;
        for text in texts {
            for word in self.analyzer.segment(text, Segmentation::Query) {
                terms.push((
                    offset + word.position,
                    Term::from_field_text(self.fields.body, &word.text),
                ));
            }
            offset = terms.last().map_or(offset, |(at, _)| at + 1);
        }
        if terms.len() < 2 {
            return None;
        }
        let mut phrase = PhraseQuery::new_with_offset(terms);
        phrase.set_slop(NEAR_SLOP);
        Some(Box::new(BoostQuery::new(Box::new(phrase), PROXIMITY_BOOST)))
    }
}

/// How many of the first `words` are single Han characters, each right after the one
/// before in the query text.
fn single_character_run(words: &[Word]) -> usize {
    let single = |w: &Word| {
        let mut chars = w.text.chars();
        chars.next().is_some_and(is_han) && chars.next().is_none()
    };
    let mut run = 0;
    while run < words.len()
        && single(&words[run])
        && (run == 0 || words[run - 1].offsets.end == words[run].offsets.start)
    {
        run += 1;
    }
    run
}

/// A query that selects without affecting the score.
fn filter(query: impl Query) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(query), 0.0))
}

#[cfg(test)]
mod tests {
    use tantivy::schema::Field;

    use super::*;

    /// Compiles `query` for a fresh schema with the built-in analyser and aliases.
    fn compiled(query: &str, ranking: Ranking) -> (Compiled, Fields) {
        let fields = Fields::from_schema(&Fields::schema()).unwrap();
        let context = Context {
            fields: &fields,
            analyzer: &Analyzer::new(),
            aliases: &Aliases::builtin(),
            vocabulary: &Vocabulary::builtin(),
        };
        let compiled = compile(query, ranking, &context).unwrap();
        (compiled, fields)
    }

    /// The terms of a query: their field, their text, whether they need positions.
    fn terms(query: &dyn Query) -> Vec<(Field, String, bool)> {
        let mut terms = Vec::new();
        query.query_terms(&mut |term, with_positions| {
            let text = term.value().as_str().unwrap_or_default().to_string();
            terms.push((term.field(), text, with_positions));
        });
        terms.sort_by(|a, b| (a.0.field_id(), &a.1).cmp(&(b.0.field_id(), &b.1)));
        terms.dedup();
        terms
    }

    #[test]
    fn a_phrase_goes_to_the_bigram_fields_only() {
        let (compiled, fields) = compiled("\"新质生产力\"", Ranking::Refined);
        let terms = terms(compiled.query.as_ref());
        // Bigrams that cover the phrase (the last overlaps), with their positions.
        let bigrams = ["产力", "新质", "生产"];
        let expected: Vec<(Field, String, bool)> = [fields.title_grams, fields.body_grams]
            .into_iter()
            .flat_map(|field| bigrams.iter().map(move |g| (field, g.to_string(), true)))
            .collect();
        assert_eq!(terms, expected);
        assert_eq!(
            compiled.needles,
            vec!["新质生产力".chars().collect::<Vec<_>>()]
        );
    }

    #[test]
    fn a_word_goes_to_the_word_fields_and_its_characters_to_the_bigrams() {
        let (compiled, fields) = compiled("生产力", Ranking::Refined);
        let terms = terms(compiled.query.as_ref());
        let in_field = |field: Field| {
            terms
                .iter()
                .filter(|(f, _, _)| *f == field)
                .map(|(_, text, positions)| (text.as_str(), *positions))
                .collect::<Vec<_>>()
        };
        assert_eq!(in_field(fields.title), [("生产力", false)]);
        assert_eq!(in_field(fields.body), [("生产力", false)]);
        assert_eq!(
            in_field(fields.body_grams),
            [("产力", true), ("生产", true)]
        );
        assert_eq!(in_field(fields.title_grams).len(), 2);
        // Title matches weigh more than body matches only under refined ranking.
        let title_boost = format!("boost={TITLE_BOOST}");
        let refined = format!("{:?}", compiled.query);
        let bm25 = format!("{:?}", self::compiled("生产力", Ranking::Bm25).0.query);
        assert!(refined.contains(&title_boost), "{refined}");
        assert!(!bm25.contains(&title_boost), "{bm25}");
    }

    #[test]
    fn punctuation_stuck_to_a_word_is_no_part_of_its_characters() {
        let grams = |query: &str| {
            let (compiled, fields) = compiled(query, Ranking::Refined);
            terms(compiled.query.as_ref())
                .into_iter()
                .filter(|(f, _, _)| *f == fields.body_grams)
                .map(|(_, text, _)| text)
                .collect::<Vec<_>>()
        };
        assert_eq!(grams("生产力:"), grams("生产力"));
        assert_eq!(grams("：生产力，"), grams("生产力"));
    }

    #[test]
    fn unions_are_lazy_only_inside_a_conjunction() {
        let (alone, _) = compiled("生产力", Ranking::Refined);
        let (together, _) = compiled("生产力 会议", Ranking::Refined);
        let (excluded, _) = compiled("-生产力", Ranking::Refined);
        let lazy = |c: &Compiled| format!("{:?}", c.query).contains("LazyUnionQuery");
        assert!(!lazy(&alone), "a lone word is walked: {:?}", alone.query);
        assert!(lazy(&together), "{:?}", together.query);
        assert!(lazy(&excluded), "{:?}", excluded.query);
    }

    #[test]
    fn a_date_filter_becomes_a_range_over_the_date_field() {
        let (compiled, fields) = compiled("date:2022-12", Ranking::Refined);
        let query = format!("{:?}", compiled.query);
        let date = |day: &str| {
            let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
            let term = Term::from_field_date(
                fields.date,
                to_tantivy_date(date.and_hms_opt(0, 0, 0).unwrap()),
            );
            format!("{term:?}")
        };
        assert!(query.contains("RangeQuery"), "{query}");
        assert!(
            query.contains(&format!("Included({})", date("2022-12-01"))),
            "{query}"
        );
        assert!(
            query.contains(&format!("Excluded({})", date("2023-01-01"))),
            "{query}"
        );
        assert!(terms(compiled.query.as_ref()).is_empty());
        assert!(compiled.needles.is_empty(), "a filter highlights nothing");
    }

    #[test]
    fn a_department_filter_also_finds_the_canonical_name() {
        let (compiled, fields) = compiled("department:中央政治局", Ranking::Refined);
        let terms = terms(compiled.query.as_ref());
        let department = |name: &str| (fields.department, name.to_string(), false);
        assert_eq!(
            terms,
            [department("中共中央政治局"), department("中央政治局")]
        );
    }

    #[test]
    fn a_meeting_filter_finds_the_series_by_any_of_its_names() {
        let (short, fields) = compiled("meeting:国常会", Ranking::Refined);
        let meeting = |name: &str| (fields.meeting, name.to_string(), false);
        assert_eq!(
            terms(short.query.as_ref()),
            [meeting("国务院常务会议"), meeting("国常会")]
        );
        let (canonical, _) = compiled("meeting:国务院常务会议", Ranking::Refined);
        assert_eq!(terms(canonical.query.as_ref()), [meeting("国务院常务会议")]);
    }

    #[test]
    fn a_word_naming_a_meeting_series_also_finds_its_reports() {
        let (short, fields) = compiled("国常会", Ranking::Refined);
        let meetings: Vec<String> = terms(short.query.as_ref())
            .into_iter()
            .filter(|(field, _, _)| *field == fields.meeting)
            .map(|(_, text, _)| text)
            .collect();
        assert_eq!(meetings, ["国务院常务会议"]);
        assert_eq!(
            short.expansions.last().unwrap().alternatives,
            ["meeting:国务院常务会议", "国务院常务会议"]
        );
        for not_a_series in ["常务会议", "-国常会 会议", "\"国常会\""] {
            let (compiled, _) = compiled(not_a_series, Ranking::Refined);
            assert!(
                terms(compiled.query.as_ref())
                    .iter()
                    .all(|(field, _, _)| *field != fields.meeting),
                "{not_a_series}"
            );
        }
    }

    #[test]
    fn a_filter_in_traditional_characters_also_finds_the_simplified_value() {
        let (compiled, fields) = compiled("person:李強 meeting:國常會", Ranking::Refined);
        let terms = terms(compiled.query.as_ref());
        assert!(
            terms.contains(&(fields.persons, "李强".to_string(), false)),
            "{terms:?}"
        );
        assert!(
            terms.contains(&(fields.persons, "李強".to_string(), false)),
            "{terms:?}"
        );
        assert!(
            terms.contains(&(fields.meeting, "国务院常务会议".to_string(), false)),
            "{terms:?}"
        );
    }

    #[test]
    fn a_department_filter_takes_the_vocabularys_names() {
        let (compiled, fields) = compiled("department:发改委", Ranking::Refined);
        let values: Vec<String> = terms(compiled.query.as_ref())
            .into_iter()
            .filter(|(field, _, _)| *field == fields.department)
            .map(|(_, text, _)| text)
            .collect();
        assert!(
            values.contains(&"国家发展和改革委员会".to_string()),
            "{values:?}"
        );
    }

    #[test]
    fn excluded_words_are_not_highlighted() {
        let (compiled, _) = compiled("会议 -生产力", Ranking::Refined);
        assert_eq!(compiled.needles, vec!["会议".chars().collect::<Vec<_>>()]);
    }
}
