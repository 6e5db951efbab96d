//! The span pass for names written without separators: a run of several names taken
//! for one (`张三李四王五赵六`, as in a list of leaders set in a caption) is split into
//! them, and a name with the verb or word after it (`习近平强调`) is trimmed to the name.
//! The names it knows are those of `dict/known_persons.txt` and those the document
//! writes on their own elsewhere.

use std::collections::HashSet;
use std::ops::Range;

use jieba_rs::Jieba;

use super::jieba_words::{dictionary_tag_is, is_common_word, is_person_word};
use super::lexicon;
use crate::text::chars::is_han;

/// Names of persons the document writes standing alone: spans of two to four Han
/// characters with no Han character touching them on either side (`、李四、`, `张三：`,
/// a headline's `王五 赵六`), or followed by a title, a form of address or a word that
/// follows names (`李四主持`).
pub(super) fn separated_names(texts: &[(Vec<char>, Vec<Range<usize>>)]) -> HashSet<String> {
    let mut names = HashSet::new();
    for (chars, spans) in texts {
        for span in spans {
            let alone_before = span.start == 0 || !is_han(chars[span.start - 1]);
            let alone_after = chars.get(span.end).is_none_or(|&c| !is_han(c))
                || lexicon::title_at(chars, span.end)
                || lexicon::addresses_surname_at(chars, span.end)
                || lexicon::name_follower_at(chars, span.end);
            let name = &chars[span.clone()];
            if (2..=4).contains(&name.len())
                && name.iter().all(|&c| is_han(c))
                && alone_before
                && alone_after
            {
                names.insert(name.iter().collect());
            }
        }
    }
    names
}

/// `spans` with each run of names split into them and each name-and-word trimmed.
pub(super) fn split_runs(
    jieba: &Jieba,
    chars: &[char],
    spans: Vec<Range<usize>>,
    known: &HashSet<String>,
) -> Vec<Range<usize>> {
    let is_name = |range: Range<usize>| {
        let piece = &chars[range.clone()];
        lexicon::is_known_person(chars, range) || known.contains(&piece.iter().collect::<String>())
    };
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(pieces) = names_in_run(span.clone(), &is_name) {
            out.extend(pieces);
        } else {
            out.push(trim_following_word(jieba, chars, span, &is_name));
        }
    }
    out
}

/// The names of a span that is two names or more and nothing else, each of two to four
/// characters; `None` if it is not such a run or is itself a name.
fn names_in_run(
    span: Range<usize>,
    is_name: &dyn Fn(Range<usize>) -> bool,
) -> Option<Vec<Range<usize>>> {
    if span.len() < 4 || is_name(span.clone()) {
        return None;
    }
    // best[i]: the pieces that cover span.start..span.start + i, fewest first found.
    let n = span.len();
    let mut best: Vec<Option<Vec<Range<usize>>>> = vec![None; n + 1];
    best[0] = Some(Vec::new());
    for i in 0..n {
        let Some(pieces) = best[i].clone() else {
            continue;
        };
        for len in 2..=4.min(n - i) {
            let piece = span.start + i..span.start + i + len;
            if best[i + len].is_none() && is_name(piece.clone()) {
                let mut longer = pieces.clone();
                longer.push(piece);
                best[i + len] = Some(longer);
            }
        }
    }
    best[n].take().filter(|pieces| pieces.len() >= 2)
}

/// `span` without a word after a name it starts with (`习近平强调` → 习近平): the rest is
/// a word that follows names (`主持`, `说`), a verb or common word of two characters or
/// more that is no name, or one adverb, preposition or verb (`还`, `乘`); and the span as
/// a whole is no known or dictionary name.
fn trim_following_word(
    jieba: &Jieba,
    chars: &[char],
    span: Range<usize>,
    is_name: &dyn Fn(Range<usize>) -> bool,
) -> Range<usize> {
    if span.len() < 3 || lexicon::is_known_person(chars, span.clone()) {
        return span;
    }
    for len in (2..span.len()).rev() {
        let name = span.start..span.start + len;
        if !is_name(name.clone()) {
            continue;
        }
        let rest: String = chars[name.end..span.end].iter().collect();
        let whole: String = chars[span.clone()].iter().collect();
        // One character after a name the document knows: an adverb, a preposition or a
        // verb of its own (`林晓岚还`, `林晓岚乘`), unless the whole is known as a name.
        let one_char_word = || {
            rest.chars().count() == 1
                && !is_name(span.clone())
                && dictionary_tag_is(jieba, &rest, |tag| matches!(tag, "d" | "p" | "v"))
        };
        let is_word = lexicon::name_follower_at(chars, name.end)
            || (rest.chars().count() >= 2 && is_common_word(jieba, &rest))
            || one_char_word();
        if is_word && !is_person_word(jieba, &whole) {
            return name;
        }
    }
    span
}

#[cfg(test)]
// The spans handed in and out are lists of ranges, one long or more.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;

    fn names(chars: &[char], spans: &[Range<usize>]) -> Vec<String> {
        spans
            .iter()
            .map(|s| chars[s.clone()].iter().collect())
            .collect()
    }

    #[test]
    fn a_run_of_four_names_is_split() {
        let analyzer = Analyzer::new();
        let text = "林晓岚、周启明出席。林晓岚周启明吴海涛郑雨桐在台上。吴海涛：好。郑雨桐说";
        let chars: Vec<char> = text.chars().collect();
        let spans = vec![0..3, 4..7, 10..22, 26..29, 32..35];
        let known = separated_names(&[(chars.clone(), spans.clone())]);
        assert!(known.contains("郑雨桐") && known.contains("吴海涛"));
        let split = split_runs(analyzer.jieba(), &chars, vec![10..22], &known);
        assert_eq!(
            names(&chars, &split),
            ["林晓岚", "周启明", "吴海涛", "郑雨桐"]
        );
    }

    #[test]
    fn a_run_with_an_unknown_piece_stays() {
        let analyzer = Analyzer::new();
        let chars: Vec<char> = "林晓岚周启明到会".chars().collect();
        let known: HashSet<String> = ["林晓岚".to_string()].into();
        let split = split_runs(analyzer.jieba(), &chars, vec![0..6], &known);
        assert_eq!(split, [0..6]);
    }

    #[test]
    fn a_name_glued_to_a_verb_is_trimmed() {
        let analyzer = Analyzer::new();
        let known: HashSet<String> = ["林晓岚".to_string()].into();
        let chars: Vec<char> = "林晓岚强调，要抓落实".chars().collect();
        let split = split_runs(analyzer.jieba(), &chars, vec![0..5], &known);
        assert_eq!(names(&chars, &split), ["林晓岚"]);
        // A known leader's name, from the list.
        let chars: Vec<char> = "习近平指出".chars().collect();
        let split = split_runs(analyzer.jieba(), &chars, vec![0..5], &HashSet::new());
        assert_eq!(names(&chars, &split), ["习近平"]);
        // One adverb or verb after a known name.
        let chars: Vec<char> = "林晓岚还强调，林晓岚乘机".chars().collect();
        let split = split_runs(analyzer.jieba(), &chars, vec![0..4, 7..11], &known);
        assert_eq!(names(&chars, &split), ["林晓岚", "林晓岚"]);
        // Not where the whole is a name the document knows too.
        let both: HashSet<String> = ["林晓".to_string(), "林晓岚".to_string()].into();
        let split = split_runs(analyzer.jieba(), &chars, vec![0..3], &both);
        assert_eq!(split, [0..3]);
        // A name the document does not know stays whole.
        let chars: Vec<char> = "周启明强调".chars().collect();
        let split = split_runs(analyzer.jieba(), &chars, vec![0..5], &known);
        assert_eq!(split, [0..5]);
    }
}
