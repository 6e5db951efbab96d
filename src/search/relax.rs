//! No silent empty result: a multi-word query that matches nothing as written is relaxed,
//! first by dropping its rarest word, then by accepting any one of its words, with the
//! usual ranking; the results say so ([`Relaxation`]). A query that matched nothing also
//! gets close forms of the words the index does not hold ([`Suggestion`]): other names
//! from the vocabulary and index words one character away; and a filter value no document
//! holds (`department:国防部`) is named, with the values of the index that hold it or that
//! it holds.
//!
//! Only the words and phrases of the top-level conjunction are relaxed. Filters
//! (`department:`, `person:`, `date:`), exclusions and `OR` groups are kept as written: when
//! the filters alone match nothing, nothing is relaxed.

use tantivy::Searcher;
use tantivy::collector::Count;

use super::Caches;
use super::query::{Context, Expr, KeywordField, compile_expr, parse};
use super::{Relaxation, SearchRequest, SearchResults, SortOrder, Suggestion, execute};
use crate::Result;
use crate::analysis::{Segmentation, fold_traditional_text, normalize};
use crate::index::Fields;
use crate::text::meetings::meeting_series;

/// Close forms offered for one word, at most.
const MAX_CLOSE_FORMS: usize = 5;

/// Runs `request`, relaxing it when it matches nothing as written.
pub(crate) fn search(
    searcher: &Searcher,
    fields: &Fields,
    caches: &Caches,
    context: &Context,
    request: &SearchRequest,
) -> Result<SearchResults> {
    let expr = parse(&request.query)?;
    // Filters alone score every match alike: newest first says more than ids.
    let by_date;
    let request = if request.sort == SortOrder::Relevance && !expr.scores() {
        by_date = request.clone().sort(SortOrder::Date);
        &by_date
    } else {
        request
    };
    let compiled = compile_expr(&expr, request.ranking, context)?;
    let mut results = execute(searcher, fields, caches, &compiled, request)?;
    if results.total > 0 {
        return Ok(results);
    }
    let units = units(&expr, context);
    let counts = units
        .iter()
        .map(|unit| count(searcher, &unit_expr(unit), request, context))
        .collect::<Result<Vec<usize>>>()?;
    results.suggestions = suggestions(searcher, fields, context, request, &units, &counts)?;
    results.suggestions.extend(unknown_filter_values(
        searcher, fields, context, request, &expr,
    )?);
    let filters = filters_only(&expr);
    let filters_match = match &filters {
        Some(filters) => count(searcher, filters, request, context)? > 0,
        None => true,
    };
    if units.len() < 2 || !filters_match {
        return Ok(results);
    }
    let rarest = (0..units.len())
        .min_by_key(|&i| counts[i])
        .expect("two or more units");
    let dropped = vec![units[rarest].text().to_string()];
    let attempts = [
        (without(&expr, &dropped, context), false),
        (any_of(&without(&expr, &dropped, context), context), true),
    ];
    for (relaxed, any_word) in attempts {
        if !has_units(&relaxed, context) {
            continue;
        }
        let compiled = compile_expr(&relaxed, request.ranking, context)?;
        let mut found = execute(searcher, fields, caches, &compiled, request)?;
        if found.total > 0 {
            found.relaxation = Some(Relaxation {
                relaxed: true,
                dropped,
                any_word,
            });
            found.suggestions = std::mem::take(&mut results.suggestions);
            return Ok(found);
        }
    }
    Ok(results)
}

/// A word (one jieba word of an unquoted word) or a quoted phrase of the query.
#[derive(Debug, Clone, PartialEq)]
enum Unit {
    Word(String),
    Phrase(String),
}

impl Unit {
    fn text(&self) -> &str {
        match self {
            Unit::Word(text) | Unit::Phrase(text) => text,
        }
    }
}

/// The parts of the top-level conjunction (or the query itself when it is one part).
fn top_parts(expr: &Expr) -> Vec<&Expr> {
    match expr {
        Expr::And(parts) => parts.iter().collect(),
        other => vec![other],
    }
}

/// The relaxable words and phrases of `expr`, in query order, without repeats.
fn units(expr: &Expr, context: &Context) -> Vec<Unit> {
    let mut units = Vec::new();
    for part in top_parts(expr) {
        let found: Vec<Unit> = match part {
            Expr::Words {
                text,
                title_only: false,
                ..
            } => word_units(text, context)
                .into_iter()
                .map(Unit::Word)
                .collect(),
            Expr::Phrase {
                text,
                title_only: false,
                ..
            } => vec![Unit::Phrase(text.clone())],
            _ => Vec::new(),
        };
        for unit in found {
            if !units.contains(&unit) {
                units.push(unit);
            }
        }
    }
    units
}

/// The words of an unquoted `text` that relaxation may drop: its jieba words, except that
/// a name the vocabulary or the meeting table knows (`进博会`, `国常会`) stays one word, so
/// that dropping never leaves a piece of a name (`进` of 进博会) to match alone.
fn word_units(text: &str, context: &Context) -> Vec<String> {
    if meeting_series(&normalize(text)).is_some() {
        return vec![text.to_string()];
    }
    let names = context.vocabulary.find_names(text);
    let mut units: Vec<String> = Vec::new();
    let mut name_end = 0;
    for word in context.analyzer.segment(text, Segmentation::Query) {
        if word.offsets.start < name_end {
            continue;
        }
        match names.iter().find(|name| name.contains(&word.offsets.start)) {
            Some(name) => {
                units.push(text[name.clone()].to_string());
                name_end = name.end;
            }
            None => units.push(word.text),
        }
    }
    units
}

fn has_units(expr: &Expr, context: &Context) -> bool {
    !units(expr, context).is_empty()
}

fn unit_expr(unit: &Unit) -> Expr {
    match unit {
        Unit::Word(text) => Expr::Words {
            text: text.clone(),
            title_only: false,
            position: 0,
        },
        Unit::Phrase(text) => Expr::Phrase {
            text: text.clone(),
            title_only: false,
            position: 0,
        },
    }
}

/// True for the parts that relaxing keeps as written.
fn is_kept(part: &Expr) -> bool {
    !matches!(
        part,
        Expr::Words {
            title_only: false,
            ..
        } | Expr::Phrase {
            title_only: false,
            ..
        }
    )
}

/// The parts relaxing keeps, alone; `None` when there are none.
fn filters_only(expr: &Expr) -> Option<Expr> {
    let kept: Vec<Expr> = top_parts(expr)
        .into_iter()
        .filter(|part| is_kept(part))
        .cloned()
        .collect();
    (!kept.is_empty()).then_some(Expr::And(kept))
}

/// `expr` without the words and phrases in `dropped`; an unquoted word losing one of its
/// jieba words becomes its remaining words.
fn without(expr: &Expr, dropped: &[String], context: &Context) -> Expr {
    let mut parts = Vec::new();
    for part in top_parts(expr) {
        match part {
            Expr::Words {
                text,
                title_only: false,
                position,
            } => {
                let words = word_units(text, context);
                if words.iter().any(|w| dropped.contains(w)) {
                    parts.extend(
                        words
                            .into_iter()
                            .filter(|w| !dropped.contains(w))
                            .map(|text| Expr::Words {
                                text,
                                title_only: false,
                                position: *position,
                            }),
                    );
                } else {
                    parts.push(part.clone());
                }
            }
            Expr::Phrase {
                text,
                title_only: false,
                ..
            } if dropped.contains(text) => {}
            other => parts.push(other.clone()),
        }
    }
    Expr::And(parts)
}

/// `expr` with its words and phrases turned into one `OR` group, the rest kept.
fn any_of(expr: &Expr, context: &Context) -> Expr {
    let alternatives: Vec<Expr> = units(expr, context).iter().map(unit_expr).collect();
    let mut parts: Vec<Expr> = top_parts(expr)
        .into_iter()
        .filter(|part| is_kept(part))
        .cloned()
        .collect();
    parts.push(Expr::Or(alternatives));
    Expr::And(parts)
}

/// How many documents `expr` matches.
fn count(
    searcher: &Searcher,
    expr: &Expr,
    request: &SearchRequest,
    context: &Context,
) -> Result<usize> {
    let compiled = compile_expr(expr, request.ranking, context)?;
    Ok(searcher.search(compiled.query.as_ref(), &Count)?)
}

/// Close forms of the words in `units` that match no document.
fn suggestions(
    searcher: &Searcher,
    fields: &Fields,
    context: &Context,
    request: &SearchRequest,
    units: &[Unit],
    counts: &[usize],
) -> Result<Vec<Suggestion>> {
    let mut suggestions = Vec::new();
    for (unit, _) in units.iter().zip(counts).filter(|(_, count)| **count == 0) {
        let word = normalize(unit.text());
        let mut close: Vec<(u64, String)> = Vec::new();
        for name in context.vocabulary.alternatives(&word) {
            let found = count(
                searcher,
                &unit_expr(&Unit::Word(name.into())),
                request,
                context,
            )?;
            if found > 0 {
                close.push((found as u64, name.to_string()));
            }
        }
        close.extend(index_words_one_char_away(searcher, fields, &word)?);
        close.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut close_forms: Vec<String> = Vec::new();
        for (_, form) in close {
            if !close_forms.contains(&form) && close_forms.len() < MAX_CLOSE_FORMS {
                close_forms.push(form);
            }
        }
        if !close_forms.is_empty() {
            suggestions.push(Suggestion {
                word: unit.text().to_string(),
                close_forms,
            });
        }
    }
    Ok(suggestions)
}

/// Words of the body field one character away from `word` (one changed, added or
/// removed), with how many documents hold each. Words of two or more characters only: a
/// single character is one away from nearly everything.
fn index_words_one_char_away(
    searcher: &Searcher,
    fields: &Fields,
    word: &str,
) -> Result<Vec<(u64, String)>> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 2 {
        return Ok(Vec::new());
    }
    let mut found: Vec<(u64, String)> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.body)?;
        let terms = inverted.terms();
        // A word one character away keeps the first or the second character in front.
        for lead in [chars[0].to_string(), chars[1].to_string()] {
            let mut end = lead.clone().into_bytes();
            *end.last_mut().expect("a character has bytes") += 1;
            let mut stream = terms
                .range()
                .ge(lead.as_bytes())
                .lt(&end)
                .into_stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if one_char_away(&chars, term) {
                    let freq = u64::from(stream.value().doc_freq);
                    match found.iter_mut().find(|(_, t)| t == term) {
                        Some((total, _)) => *total += freq,
                        None => found.push((freq, term.to_string())),
                    }
                }
            }
        }
    }
    Ok(found)
}

/// The filter values of the top-level conjunction that no document holds, each with the
/// index's values of that field that contain it or that it contains (2 characters or
/// more), the most frequent first.
fn unknown_filter_values(
    searcher: &Searcher,
    fields: &Fields,
    context: &Context,
    request: &SearchRequest,
    expr: &Expr,
) -> Result<Vec<Suggestion>> {
    let mut unknown = Vec::new();
    for part in top_parts(expr) {
        let Expr::Keyword { field, value } = part else {
            continue;
        };
        if count(searcher, part, request, context)? > 0 {
            continue;
        }
        let (name, index_field) = match field {
            KeywordField::Department => ("department", fields.department),
            KeywordField::Meeting => ("meeting", fields.meeting),
            KeywordField::Person => ("person", fields.persons),
        };
        let typed = fold_traditional_text(value.trim());
        let mut close: Vec<(u64, String)> = Vec::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(index_field)?;
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let related = term.contains(typed.as_ref())
                    || (term.chars().count() >= 2 && typed.contains(term));
                if !related {
                    continue;
                }
                let freq = u64::from(stream.value().doc_freq);
                match close.iter_mut().find(|(_, t)| t == term) {
                    Some((total, _)) => *total += freq,
                    None => close.push((freq, term.to_string())),
                }
            }
        }
        close.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        unknown.push(Suggestion {
            word: format!("{name}:{value}"),
            close_forms: close
                .into_iter()
                .take(MAX_CLOSE_FORMS)
                .map(|(_, term)| term)
                .collect(),
        });
    }
    Ok(unknown)
}

/// True when `other` differs from `word` by one changed, added or removed character.
fn one_char_away(word: &[char], other: &str) -> bool {
    let other: Vec<char> = other.chars().collect();
    let (short, long) = if word.len() <= other.len() {
        (word, other.as_slice())
    } else {
        (&other[..], word)
    };
    match long.len() - short.len() {
        0 => short.iter().zip(long).filter(|(a, b)| a != b).count() == 1,
        1 => (0..long.len())
            .any(|skip| long[..skip] == short[..skip] && long[skip + 1..] == short[skip..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analyzer, Vocabulary};
    use crate::text::aliases::Aliases;

    fn with_context<T>(run: impl FnOnce(&Context) -> T) -> T {
        let fields = Fields::from_schema(&Fields::schema()).unwrap();
        let context = Context {
            fields: &fields,
            analyzer: &Analyzer::new(),
            aliases: &Aliases::builtin(),
            vocabulary: &Vocabulary::builtin(),
        };
        run(&context)
    }

    #[test]
    fn filters_alone_list_newest_first() {
        let engine = crate::Engine::create_in_ram().unwrap();
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2024, 3, d).unwrap();
        engine
            .add_documents([
                crate::Document::new("区政府常务会议", "林思远主持会议。")
                    .with_id("a")
                    .with_date(day(1))
                    .with_person("林思远"),
                crate::Document::new("市科协党组会议", "林思远出席会议。")
                    .with_id("b")
                    .with_date(day(9))
                    .with_person("林思远"),
                crate::Document::new("县委全会", "林思远讲话。")
                    .with_id("c")
                    .with_date(day(5))
                    .with_person("林思远"),
            ])
            .unwrap();
        let ids = |query: &str| -> Vec<String> {
            let results = engine.search(&SearchRequest::new(query)).unwrap();
            results.hits.into_iter().map(|h| h.id).collect()
        };
        assert_eq!(ids("person:林思远"), ["b", "c", "a"]);
        assert_eq!(ids("person:林思远 -全会"), ["b", "a"]);
        // A word scores: relevance again (the title holding it first).
        assert_eq!(ids("person:林思远 常务会议")[0], "a");
    }

    #[test]
    fn one_char_away_counts_changes_additions_and_removals() {
        let word: Vec<char> = "发改委".chars().collect();
        assert!(one_char_away(&word, "发展委"));
        assert!(one_char_away(&word, "发改委员"));
        assert!(one_char_away(&word, "发改"));
        assert!(!one_char_away(&word, "发改委"));
        assert!(!one_char_away(&word, "改革委员会"));
    }

    #[test]
    fn units_are_words_and_phrases_of_the_top_conjunction_only() {
        with_context(|context| {
            let expr = parse("乡村振兴 \"数字经济\" department:国务院 (科技 OR 教育)").unwrap();
            let texts: Vec<String> = units(&expr, context)
                .iter()
                .map(|u| u.text().to_string())
                .collect();
            let mut expected: Vec<String> = context
                .analyzer
                .segment("乡村振兴", Segmentation::Query)
                .into_iter()
                .map(|w| w.text)
                .collect();
            expected.push("数字经济".into());
            assert_eq!(texts, expected);
        });
    }

    #[test]
    fn a_known_name_is_dropped_whole_never_in_pieces() {
        with_context(|context| {
            for (query, name) in [("进博会 发改委", "进博会"), ("國常會 稳就业", "國常會")]
            {
                let expr = parse(query).unwrap();
                let texts: Vec<String> = units(&expr, context)
                    .iter()
                    .map(|u| u.text().to_string())
                    .collect();
                assert_eq!(texts[0], name, "{query}: {texts:?}");
                let relaxed = without(&expr, &[name.to_string()], context);
                let left: Vec<String> = units(&relaxed, context)
                    .iter()
                    .map(|u| u.text().to_string())
                    .collect();
                assert_eq!(left, texts[1..], "{query}");
            }
        });
    }

    #[test]
    fn dropping_keeps_filters_and_the_other_words() {
        with_context(|context| {
            let expr = parse("乡村振兴数字经济 创新 date:2023").unwrap();
            let words: Vec<String> = units(&expr, context)
                .iter()
                .map(|u| u.text().to_string())
                .collect();
            assert!(words.len() >= 3, "{words:?}");
            let relaxed = without(&expr, &[words[0].clone()], context);
            let texts: Vec<String> = units(&relaxed, context)
                .iter()
                .map(|u| u.text().to_string())
                .collect();
            assert_eq!(texts, words[1..]);
            assert!(filters_only(&relaxed).is_some(), "the date filter stays");
            let any = any_of(&relaxed, context);
            let Expr::And(parts) = any else {
                panic!("an And")
            };
            assert!(matches!(parts[0], Expr::Dates { .. }));
            assert!(matches!(&parts[1], Expr::Or(any) if any.len() == words.len() - 1));
        });
    }
}
