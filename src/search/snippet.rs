//! Snippets: the passage of a text that shows the most query words, with every match
//! marked. Matching is on normalised characters, so a word is highlighted wherever its
//! characters stand, whatever the segmentation of the text around it.

use std::ops::Range;

use serde::{Serialize, Serializer};

use crate::analysis::normalize_char;

/// A passage of text and the byte ranges in it that matched the query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The passage; `…` marks text cut off at either end.
    pub text: String,
    /// Byte ranges of `text` to highlight, sorted and not overlapping.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The passage with each highlight wrapped in `open` and `close` (e.g. terminal colours).
    pub fn render(&self, open: &str, close: &str) -> String {
        self.render_with(open, close, |s, out| out.push_str(s))
    }

    /// The passage as HTML: text escaped, highlights in `<b>…</b>`.
    ///
    /// ```
    /// use zhsearch::Snippet;
    /// let snippet = Snippet { text: "学习二十大精神<>".into(), highlights: vec![6..15] };
    /// assert_eq!(snippet.to_html(), "学习<b>二十大</b>精神&lt;&gt;");
    /// ```
    pub fn to_html(&self) -> String {
        self.render_with("<b>", "</b>", |s, out| {
            for c in s.chars() {
                match c {
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '&' => out.push_str("&amp;"),
                    '"' => out.push_str("&quot;"),
                    c => out.push(c),
                }
            }
        })
    }

    fn render_with(&self, open: &str, close: &str, push: impl Fn(&str, &mut String)) -> String {
        let mut out = String::with_capacity(self.text.len() + self.highlights.len() * 8);
        let mut at = 0;
        for range in &self.highlights {
            push(&self.text[at..range.start], &mut out);
            out.push_str(open);
            push(&self.text[range.clone()], &mut out);
            out.push_str(close);
            at = range.end;
        }
        push(&self.text[at..], &mut out);
        out
    }
}

impl Serialize for Snippet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_html())
    }
}

/// Chars of lead-in kept before the first match of a passage.
const LEAD: usize = 24;

/// The best passage of at most `max_chars` characters of `text` for `needles` (normalised
/// strings); the whole text when `max_chars` is `usize::MAX`.
pub(crate) fn make(text: &str, needles: &[Vec<char>], max_chars: usize) -> Snippet {
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, normalize_char(c)))
        .collect();
    let matches = find_matches(&chars, needles);
    let (from, to) = choose_window(&chars, &matches, max_chars);
    let byte = |char_index: usize| chars.get(char_index).map_or(text.len(), |(b, _)| *b);
    let mut snippet = Snippet::default();
    if from > 0 {
        snippet.text.push('…');
    }
    let base = byte(from);
    let shift = snippet.text.len();
    // Line breaks become spaces: a snippet is shown on one line.
    snippet.text.extend(
        text[base..byte(to)]
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
    );
    for range in merge(matches.iter().map(|(r, _)| r.clone())) {
        if range.start >= from && range.end <= to {
            snippet
                .highlights
                .push(byte(range.start) - base + shift..byte(range.end) - base + shift);
        }
    }
    if to < chars.len() {
        snippet.text.push('…');
    }
    snippet
}

/// Every occurrence of every needle, as character ranges with the needle's index.
fn find_matches(chars: &[(usize, char)], needles: &[Vec<char>]) -> Vec<(Range<usize>, usize)> {
    let mut found = Vec::new();
    for (n, needle) in needles.iter().enumerate() {
        let Some(&first) = needle.first() else {
            continue;
        };
        if needle.len() > chars.len() {
            continue;
        }
        for start in 0..=chars.len() - needle.len() {
            if chars[start].1 == first
                && chars[start..start + needle.len()]
                    .iter()
                    .map(|(_, c)| *c)
                    .eq(needle.iter().copied())
            {
                found.push((start..start + needle.len(), n));
            }
        }
    }
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    found
}

/// The window with the most distinct needles, then the most matches; earliest on ties.
fn choose_window(
    chars: &[(usize, char)],
    matches: &[(Range<usize>, usize)],
    max_chars: usize,
) -> (usize, usize) {
    if chars.len() <= max_chars {
        return (0, chars.len());
    }
    let mut best = (0, 0, 0); // (distinct, count, start)
    for (anchor, _) in matches {
        let start = sentence_start(chars, anchor.start);
        let end = start + max_chars;
        let inside: Vec<usize> = matches
            .iter()
            .filter(|(r, _)| r.start >= start && r.end <= end)
            .map(|(_, n)| *n)
            .collect();
        let mut distinct = inside.clone();
        distinct.sort_unstable();
        distinct.dedup();
        if (distinct.len(), inside.len()) > (best.0, best.1) {
            best = (distinct.len(), inside.len(), start);
        }
    }
    let start = best.2.min(chars.len() - max_chars);
    (start, start + max_chars)
}

/// Where to start a passage that shows `anchor`: just after the sentence end before it, if
/// that is near, else a short lead-in before it.
fn sentence_start(chars: &[(usize, char)], anchor: usize) -> usize {
    let earliest = anchor.saturating_sub(2 * LEAD);
    match (earliest..anchor)
        .rev()
        .find(|&i| matches!(chars[i].1, '。' | '！' | '？' | '\n' | '；'))
    {
        Some(end) => end + 1,
        None if earliest == 0 => 0,
        None => anchor - LEAD,
    }
}

fn merge(ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(words: &[&str]) -> Vec<Vec<char>> {
        words.iter().map(|w| w.chars().collect()).collect()
    }

    #[test]
    fn highlights_every_match_in_multibyte_text() {
        let snippet = make(
            "学习党的二十大精神，贯彻二十大部署。",
            &needles(&["二十大", "精神"]),
            usize::MAX,
        );
        assert_eq!(
            snippet.render("[", "]"),
            "学习党的[二十大精神]，贯彻[二十大]部署。"
        );
    }

    #[test]
    fn matches_full_width_and_case_variants() {
        let snippet = make("推进５Ｇ基站建设", &needles(&["5g"]), usize::MAX);
        assert_eq!(snippet.to_html(), "推进<b>５Ｇ</b>基站建设");
    }

    #[test]
    fn picks_the_window_with_most_distinct_words() {
        let text = format!(
            "{}科协工作。{}二十大精神与科协。{}",
            "甲".repeat(100),
            "乙".repeat(100),
            "丙".repeat(100)
        );
        let snippet = make(&text, &needles(&["二十大", "科协"]), 30);
        assert!(
            snippet.text.starts_with('…') && snippet.text.ends_with('…'),
            "{}",
            snippet.text
        );
        assert!(
            snippet.render("[", "]").contains("[二十大]精神与[科协]"),
            "{}",
            snippet.text
        );
    }

    #[test]
    fn no_match_gives_the_start_of_the_text() {
        let snippet = make("一二三四五六", &needles(&["七"]), 3);
        assert_eq!(snippet.text, "一二三…");
        assert!(snippet.highlights.is_empty());
    }
}
