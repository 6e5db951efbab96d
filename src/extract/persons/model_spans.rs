//! The model's pass: the spans the sequence model labels as names in each clause, each
//! trimmed to name characters and grown to the whole name it cuts short.

use std::ops::Range;

use jieba_rs::{Jieba, Tag};

use super::model::{B, I};
use super::{Mention, PersonRecognizer, features, lexicon, spans};
use crate::analysis::WordTokens;
use crate::text::chars::{NAME_DOT, clauses, is_han, is_name_separator};

/// One clause of a text, as the model labels it.
struct Sentence<'t> {
    chars: &'t [char],
    text: &'t str,
    /// The clause's first character in the text.
    offset: usize,
}

impl PersonRecognizer {
    /// The names in `text`, in order of appearance. Each sentence is labelled on its own.
    pub fn find(&self, jieba: &Jieba, text: &str) -> Vec<Mention> {
        self.find_spans(jieba, text, false, None)
    }

    /// [`PersonRecognizer::find`] without the spans that cut a word jieba keeps whole
    /// ([`cuts_a_word`]): what document extraction takes from the model. (The corpus
    /// lists' generator reads all the model's spans.) With `words`, the jieba words of
    /// every clause go there too, for the word fields.
    pub(crate) fn find_whole_words(
        &self,
        jieba: &Jieba,
        text: &str,
        words: Option<&mut WordTokens>,
    ) -> Vec<Mention> {
        self.find_spans(jieba, text, true, words)
    }

    fn find_spans(
        &self,
        jieba: &Jieba,
        text: &str,
        whole_words: bool,
        mut words: Option<&mut WordTokens>,
    ) -> Vec<Mention> {
        let chars: Vec<char> = text.chars().collect();
        let mut mentions = Vec::new();
        for clause in clauses(text) {
            let sentence = Sentence {
                chars: &chars[clause.chars.clone()],
                text: &text[clause.bytes.clone()],
                offset: clause.chars.start,
            };
            // A sentence without a Han character holds no name this model can see.
            let has_han = sentence.chars.iter().any(|&c| is_han(c));
            if !has_han && words.is_none() {
                continue;
            }
            let tagged = jieba.tag(sentence.text, false);
            if let Some(words) = words.as_deref_mut() {
                for word in &tagged {
                    let first_char = clause.chars.start + word.start;
                    let first_byte = clause.bytes.start + word.byte_start;
                    words.add_cut(jieba, word.word, first_char, first_byte);
                }
            }
            if has_han {
                self.find_in_sentence(&sentence, &tagged, whole_words, &mut mentions);
            }
        }
        if let Some(words) = words {
            words.finish();
        }
        mentions
    }

    fn find_in_sentence(
        &self,
        sentence: &Sentence<'_>,
        tagged: &[Tag<'_>],
        whole_words: bool,
        out: &mut Vec<Mention>,
    ) {
        let (chars, offset) = (sentence.chars, sentence.offset);
        let known = || (0..chars.len()).any(|i| lexicon::known_person_at(chars, i).is_some());
        if !features::may_name_a_person(&self.stats, tagged) && !known() {
            return;
        }
        let (features, words) = features::features_of_words(&self.stats, chars, tagged);
        let emissions = self.model.emissions_of(&features);
        let labels = self.model.decode_emissions(&emissions);
        let mut i = 0;
        while i < labels.len() {
            if labels[i] != B {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < labels.len() && labels[end] == I {
                end += 1;
            }
            let next = end;
            let margin = self.model.margin(&emissions, &labels, i..next);
            let (start, end) = trim_to_name_chars(chars, i, end);
            let (start, end) = self.grow_to_whole_name(chars, &words, start, end);
            if chars[start..end].iter().any(|&c| is_han(c))
                && !opens_body_or_place(&words, start, end)
                && !(whole_words
                    && cuts_a_word(&words, start, end)
                    && !lexicon::is_known_person(chars, start..end))
            {
                out.push(Mention {
                    name: chars[start..end].iter().collect(),
                    chars: offset + start..offset + end,
                    margin,
                });
            }
            i = next.max(end);
        }
    }

    /// A span the model labelled, grown to the whole name it cuts short: a
    /// transliteration, a word jieba tags as a person's name, a known person's name, a
    /// Japanese given name's ending.
    fn grow_to_whole_name(
        &self,
        chars: &[char],
        words: &[features::TaggedWord],
        start: usize,
        end: usize,
    ) -> (usize, usize) {
        let foreign = |c: char| self.stats.in_transliterations(c);
        let (start, end) = self.whole_transliteration(chars, words, start, end);
        let (start, end) = whole_person_word(words, start, end);
        let (start, end) = whole_known_person(chars, start, end, foreign);
        (start, whole_japanese_given_name(chars, start, end))
    }

    /// A transliterated name runs as far as its characters do: the model often stops
    /// early in a long one (`斯捷帕申`, `拉·甘地`). Grows a span made of transliteration
    /// characters over the ones that follow it, and over parts joined by `·` or a dash on
    /// either side (`迪亚斯-卡内尔`).
    fn whole_transliteration(
        &self,
        chars: &[char],
        words: &[features::TaggedWord],
        start: usize,
        end: usize,
    ) -> (usize, usize) {
        let foreign = |c: char| self.stats.in_transliterations(c);
        let span = &chars[start..end];
        if span.len() < 2 || !span.iter().all(|&c| is_name_separator(c) || foreign(c)) {
            return (start, end);
        }
        let (mut start, mut end) = (start, end);
        loop {
            match chars.get(end) {
                Some(&c) if foreign(c) => end += 1,
                Some(&c)
                    if is_name_separator(c) && chars.get(end + 1).is_some_and(|&c| foreign(c)) =>
                {
                    end += 2
                }
                _ => break,
            }
        }
        while start >= 2 && is_name_separator(chars[start - 1]) && foreign(chars[start - 2]) {
            start -= 2;
            while start > 0 && foreign(chars[start - 1]) {
                start -= 1;
            }
        }
        // One transliteration character the model left out at the start, where a
        // character that is none stands before it (`俄罗斯的|库|尼科娃`), unless it ends
        // a word (`感谢|卢森堡`, `抵达|马德里`) or is a function character (`因|普萨基`).
        let clear_before =
            |i: usize| i == 0 || !(foreign(chars[i - 1]) || is_name_separator(chars[i - 1]));
        let ends_word = |i: usize| words.iter().any(|w| w.chars.start < i && i < w.chars.end);
        if start > 0
            && foreign(chars[start - 1])
            && !spans::FUNCTION_CHARS.contains(chars[start - 1])
            && clear_before(start - 1)
            && !ends_word(start - 1)
        {
            start -= 1;
        }
        (start, end)
    }
}

/// A span that starts or ends inside a word jieba tags as a person's name takes in the
/// whole word: the model sometimes starts a name one character late (`习|近平`) or ends
/// it one early (`冈田武|史`).
fn whole_person_word(words: &[features::TaggedWord], start: usize, end: usize) -> (usize, usize) {
    let inside = |word: &Range<usize>, at: usize| word.start < at && at < word.end;
    let cut = words.iter().find(|w| {
        w.person && w.chars.len() <= 4 && (inside(&w.chars, start) || inside(&w.chars, end))
    });
    match cut {
        Some(w) => (start.min(w.chars.start), end.max(w.chars.end)),
        None => (start, end),
    }
}

/// True if jieba cut the end of the span into the name of a body or a place that starts
/// inside the span: the span is the first part of that name (`约翰斯·霍普金|斯大学`).
fn opens_body_or_place(words: &[features::TaggedWord], start: usize, end: usize) -> bool {
    words.iter().any(|w| {
        w.body_or_place && start < w.chars.start && w.chars.start < end && end < w.chars.end
    })
}

/// True if the span starts or ends inside a word of two characters or more that jieba
/// keeps whole and does not tag as a name: the span is a piece of that word or of a
/// phrase (`亲|诚惠容`, `集|体林权`, `座|谈会上`), not a name. (A span cut short inside a
/// name word was grown to it before, [`whole_person_word`].)
fn cuts_a_word(words: &[features::TaggedWord], start: usize, end: usize) -> bool {
    let inside = |word: &Range<usize>, at: usize| word.start < at && at < word.end;
    words
        .iter()
        .any(|w| !w.person && (inside(&w.chars, start) || inside(&w.chars, end)))
}

/// A span that starts a known person's name and stops short of its end is that name
/// (`克林|顿政府`); one that holds a known person's name and one character more before
/// it is that name too (`行政长|官林郑月娥`, `向普京`), unless that character may be
/// part of a transliteration: the known name may end a longer one (`布加利`, not 加利).
fn whole_known_person(
    chars: &[char],
    start: usize,
    end: usize,
    is_foreign: impl Fn(char) -> bool,
) -> (usize, usize) {
    match lexicon::known_person_at(chars, start) {
        Some(len) if start + len > end => (start, start + len),
        None if end - start >= 3
            && !is_foreign(chars[start])
            && lexicon::known_person_at(chars, start + 1) == Some(end - start - 1) =>
        {
            (start + 1, end)
        }
        _ => (start, end),
    }
}

/// Endings of Japanese given names (`龙太郎`, `幸之助`): a span that the model ends right
/// before one takes it in (`桥本龙|太郎`).
const JAPANESE_GIVEN_NAME_ENDINGS: &[&str] = &[
    "太郎", "一郎", "二郎", "次郎", "三郎", "四郎", "五郎", "之助", "之介", "卫门",
];

/// The end of a span that stops right before a Japanese given name's ending, moved past
/// it, when the span has three characters or more (a surname and the given name's start:
/// `龙` alone before `太郎` may be anything).
fn whole_japanese_given_name(chars: &[char], start: usize, end: usize) -> usize {
    if end - start < 3 {
        return end;
    }
    JAPANESE_GIVEN_NAME_ENDINGS
        .iter()
        .find(|e| lexicon::starts_with_at(chars, end, e))
        .map_or(end, |e| end + e.chars().count())
}

/// The span `start..end` without the characters at either end that cannot be part of a
/// name (punctuation, digits, Latin letters): only Han characters and `·` can.
fn trim_to_name_chars(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let name_char = |c: char| is_han(c) || c == NAME_DOT;
    let (mut start, mut end) = (start, end);
    while start < end && !name_char(chars[start]) {
        start += 1;
    }
    while end > start && !name_char(chars[end - 1]) {
        end -= 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn only_name_characters_are_kept_at_the_ends() {
        let c = chars("“李强”说");
        assert_eq!(trim_to_name_chars(&c, 0, 4), (1, 3));
        assert_eq!(trim_to_name_chars(&chars("12ab"), 0, 4), (4, 4));
        assert_eq!(trim_to_name_chars(&chars("·普京"), 0, 3), (0, 3));
    }

    #[test]
    fn a_known_person_sheds_one_character_before_it() {
        let c = chars("行政长官林郑月娥在口岸");
        assert_eq!(whole_known_person(&c, 3, 8, |_| false), (4, 8));
        // Not a transliteration's character: 布加利 is another person than 加利.
        let c = chars("议长布加利说");
        assert_eq!(whole_known_person(&c, 2, 5, |c| c == '布'), (2, 5));
        // A known name cut short is taken whole.
        let c = chars("克林顿政府");
        assert_eq!(whole_known_person(&c, 0, 2, |_| false), (0, 3));
    }

    #[test]
    fn a_span_inside_a_common_word_is_no_name() {
        let word = |chars: Range<usize>, person| features::TaggedWord {
            chars,
            person,
            body_or_place: false,
        };
        // 坚持|亲诚惠容|理念, had jieba the phrase: a span 诚惠容 starts inside it.
        let words = [word(0..2, false), word(2..6, false), word(6..8, false)];
        assert!(cuts_a_word(&words, 3, 6));
        assert!(cuts_a_word(&words, 2, 5));
        assert!(!cuts_a_word(&words, 2, 6));
        // A name jieba tags as one is grown to, not cut.
        let words = [word(0..2, false), word(2..5, true)];
        assert!(!cuts_a_word(&words, 2, 5));
        let analyzer = Analyzer::new();
        let text = "双方坚持集体林权制度。";
        let found = PersonRecognizer::builtin().find_whole_words(analyzer.jieba(), text, None);
        assert!(found.iter().all(|m| !m.name.contains('林')));
    }

    #[test]
    fn a_japanese_given_name_takes_in_its_ending() {
        let c = chars("桥本龙太郎首相");
        assert_eq!(whole_japanese_given_name(&c, 0, 3), 5);
        // Two characters before the ending may be anything.
        assert_eq!(whole_japanese_given_name(&c, 1, 3), 3);
        assert_eq!(whole_japanese_given_name(&chars("王小明说"), 0, 3), 3);
    }

    #[test]
    fn a_span_inside_a_person_word_takes_the_word() {
        let word = |chars: Range<usize>, person| features::TaggedWord {
            chars,
            person,
            body_or_place: !person,
        };
        let words = [word(0..3, true), word(3..7, false)];
        assert_eq!(whole_person_word(&words, 1, 3), (0, 3));
        assert_eq!(whole_person_word(&words, 0, 2), (0, 3));
        assert_eq!(whole_person_word(&words, 4, 6), (4, 6));
        assert!(opens_body_or_place(&words, 0, 5));
        assert!(!opens_body_or_place(&words, 3, 5));
    }

    #[test]
    fn the_model_finds_a_name_after_a_title() {
        let analyzer = Analyzer::new();
        let found = PersonRecognizer::builtin().find(analyzer.jieba(), "国务院总理李强主持会议。");
        let names: Vec<String> = found.into_iter().map(|m| m.name).collect();
        assert_eq!(names, ["李强"]);
    }
}
