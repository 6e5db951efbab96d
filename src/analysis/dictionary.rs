//! jieba's dictionary without loading it, for a process that only segments queries.
//!
//! Loading jieba's 350,000-word dictionary takes about 100 ms, which would be most of a
//! one-query process's life. But jieba's segmentation of a text depends on the
//! dictionary only through the words that occur in that text (the edges of its word
//! graph, and the words its HMM step checks for) and through the total frequency, which
//! scales every word's probability. So a segmenter holding just those words, with their
//! frequencies, and one filler entry that brings the total to the full dictionary's
//! total cuts that text exactly as the full one does.
//!
//! [`Lexicon`] builds such segmenters. The words and frequencies come from an FST
//! compiled from jieba-rs's own dictionary file at build time (`build.rs`), plus the
//! political terms and any user terms, added the way `Jieba::add_word` adds them. Its
//! [`Lexicon::fingerprint`] says which dictionary it reproduces; an index records the
//! fingerprint of the dictionary that segmented its text, and queries use the lexicon
//! only when the two agree.

use std::collections::{HashMap, HashSet};

use jieba_rs::Jieba;

use super::{Term, char_bounds};

mod compiled {
    include!(concat!(env!("OUT_DIR"), "/jieba_dict.rs"));
}

/// jieba's dictionary as a lookup table, plus the terms added on top of it.
pub(crate) struct Lexicon {
    words: fst::Map<&'static [u8]>,
    /// Terms added after the default dictionary: `(frequency, tag)`.
    added: HashMap<String, (usize, String)>,
    records: u64,
    total: usize,
    max_word_chars: usize,
}

impl Lexicon {
    /// The compiled default dictionary, or `None` when the build could not compile it.
    pub(crate) fn compiled() -> Option<Lexicon> {
        if compiled::RECORDS == 0 {
            return None;
        }
        let words = fst::Map::new(compiled::WORDS_FST).ok()?;
        Some(Lexicon {
            words,
            added: HashMap::new(),
            records: compiled::RECORDS,
            total: usize::try_from(compiled::TOTAL).ok()?,
            max_word_chars: compiled::MAX_WORD_CHARS,
        })
    }

    /// A word's frequency and tag, if the dictionary holds it.
    fn get(&self, word: &str) -> Option<(usize, &str)> {
        if let Some((freq, tag)) = self.added.get(word) {
            return Some((*freq, tag));
        }
        let value = self.words.get(word)?;
        let tag = compiled::TAGS
            .get((value & 0xffff) as usize)
            .copied()
            .unwrap_or("");
        Some(((value >> 16) as usize, tag))
    }

    /// Adds a term as `Jieba::add_word` does: a missing frequency is the one jieba would
    /// suggest, an existing word keeps its tag, and the total follows.
    pub(crate) fn add(&mut self, term: &Term) {
        if term.word.is_empty() {
            return;
        }
        let freq = term
            .freq
            .unwrap_or_else(|| self.segmenter_for(&term.word).suggest_freq(&term.word));
        let existing = self
            .get(&term.word)
            .map(|(old, tag)| (old, tag.to_string()));
        let entry = match existing {
            Some((old, tag)) => {
                self.total = self.total + freq - old;
                (freq, tag)
            }
            None => {
                self.records += 1;
                self.total += freq;
                (freq, term.tag.clone().unwrap_or_default())
            }
        };
        self.max_word_chars = self.max_word_chars.max(term.word.chars().count());
        self.added.insert(term.word.clone(), entry);
    }

    /// What jieba-rs says of the dictionary this lexicon reproduces (its `Debug` text:
    /// word entries and total frequency), to compare with [`fingerprint`].
    pub(crate) fn fingerprint(&self) -> String {
        format!(
            "Jieba {{ records_len: {}, total_freq: {} }}",
            self.records, self.total
        )
    }

    /// A jieba segmenter that cuts `text` exactly as the full dictionary does: every
    /// dictionary word found in `text`, and a filler word no text contains that makes the
    /// total frequency the full one.
    pub(crate) fn segmenter_for(&self, text: &str) -> Jieba {
        let bounds = char_bounds(text);
        let chars = bounds.len() - 1;
        let mut jieba = Jieba::empty();
        let mut seen = HashSet::new();
        let mut sum = 0;
        for start in 0..chars {
            for end in start + 1..=chars.min(start + self.max_word_chars) {
                let word = &text[bounds[start]..bounds[end]];
                if !seen.insert(word) {
                    continue;
                }
                if let Some((freq, tag)) = self.get(word) {
                    jieba.add_word(word, Some(freq), Some(tag));
                    sum += freq;
                }
            }
        }
        // A run of U+FFFF (a noncharacter) one longer than any in the text.
        let longest_run = text
            .split(|c| c != '\u{ffff}')
            .map(|run| run.chars().count())
            .max()
            .unwrap_or(0);
        let filler = "\u{ffff}".repeat(longest_run + 1);
        jieba.add_word(&filler, Some(self.total.saturating_sub(sum)), None);
        jieba
    }
}

/// What jieba-rs says of a loaded dictionary, comparable with [`Lexicon::fingerprint`].
pub(crate) fn fingerprint(jieba: &Jieba) -> String {
    format!("{jieba:?}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Dictionary, POLITICAL_TERMS, parse_terms};

    fn full_and_lexicon(user: &str) -> (Jieba, Lexicon) {
        let mut jieba = Jieba::new();
        let mut lexicon = Lexicon::compiled().expect("the build compiles the dictionary");
        for term in parse_terms(POLITICAL_TERMS, Dictionary::PoliticalTerms)
            .unwrap()
            .into_iter()
            .chain(parse_terms(user, Dictionary::User).unwrap())
        {
            jieba.add_word(&term.word, term.freq, term.tag.as_deref());
            lexicon.add(&term);
        }
        (jieba, lexicon)
    }

    #[test]
    fn the_compiled_dictionary_is_jiebas() {
        let (jieba, lexicon) = full_and_lexicon("");
        assert_eq!(lexicon.fingerprint(), fingerprint(&jieba));
        let (jieba, lexicon) = full_and_lexicon("数字政务 5 n\n二十大 99\n新词汇\n的 10");
        assert_eq!(lexicon.fingerprint(), fingerprint(&jieba));
    }

    #[test]
    fn segments_exactly_as_the_full_dictionary() {
        let (jieba, lexicon) = full_and_lexicon("数字政务 5 n\n科协党组");
        let texts = [
            "二十大精神",
            "李强 国务院常务会议",
            "党的二十大报告提出全过程人民民主，推动新质生产力加快发展。",
            "中共中央政治局召开会议 中共中央总书记习近平主持会议",
            "市科协党组召开理论学习中心组学习会，传达学习数字政务建设要求",
            "南京市长江大桥欢迎您 乒乓球拍卖完了 研究生命起源",
            "ＡＢＣ公司2024年第3季度营收增长12.5%；王小明、欧阳娜娜出席。",
            "\u{ffff}的\u{ffff}\u{ffff}是",
            "",
        ];
        for text in texts {
            let mini = lexicon.segmenter_for(text);
            for hmm in [true, false] {
                let want: Vec<&str> = jieba.cut(text, hmm).iter().map(|t| t.word).collect();
                let got: Vec<&str> = mini.cut(text, hmm).iter().map(|t| t.word).collect();
                assert_eq!(got, want, "{text} (hmm {hmm})");
            }
            let want: Vec<_> = jieba
                .tag(text, true)
                .iter()
                .map(|t| (t.word, t.tag))
                .collect();
            let got: Vec<_> = mini
                .tag(text, true)
                .iter()
                .map(|t| (t.word, t.tag))
                .collect();
            assert_eq!(got, want, "{text} (tags)");
        }
    }

    /// Every sentence of the sample corpus, and of the every tenth of the first 3,000 shared news stories
    /// when `../shared` is there, cut both ways (queries are sentences at most).
    #[test]
    fn segments_real_sentences_exactly_as_the_full_dictionary() {
        let (jieba, lexicon) = full_and_lexicon("");
        let mut texts: Vec<String> = crate::sample::FILES
            .iter()
            .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
            .collect();
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/xwlb-2022-2024.jsonl");
        match std::fs::read_to_string(&shared) {
            Ok(jsonl) => texts.extend(jsonl.lines().step_by(10).take(300).map(str::to_string)),
            Err(_) => eprintln!(
                "skipping the shared stories: {} is absent",
                shared.display()
            ),
        }
        let mut sentences = 0;
        for text in &texts {
            let text = crate::analysis::normalize(text);
            for sentence in text.split(['。', '\n', '！', '？']) {
                let want: Vec<&str> = jieba.cut(sentence, true).iter().map(|t| t.word).collect();
                let mini = lexicon.segmenter_for(sentence);
                let got: Vec<&str> = mini.cut(sentence, true).iter().map(|t| t.word).collect();
                assert_eq!(got, want, "{sentence}");
                sentences += 1;
            }
        }
        assert!(sentences > 100, "only {sentences} sentences");
    }
}
