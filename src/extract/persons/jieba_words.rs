//! What jieba's dictionary says of a word: one word with a person's tag, a common
//! word's, a verb's. The passes ask it before trimming or keeping a name.

use jieba_rs::Jieba;

/// How often jieba's dictionary must count a word that is not a name (tag other than
/// `nr…`) for it to be a common word, not a name, unless the document shows a person:
/// below this the dictionary's rarer nouns also name people (`海燕`, `建华`).
pub(crate) const COMMON_WORD_FREQUENCY: usize = 1000;

/// True if the dictionary cuts `word` as one word whose part-of-speech tag passes `test`.
pub(crate) fn dictionary_tag_is(jieba: &Jieba, word: &str, test: impl Fn(&str) -> bool) -> bool {
    match jieba.tag(word, false).as_slice() {
        [only] => only.word == word && test(only.tag),
        _ => false,
    }
}

/// True if the dictionary has `word` as one word with a tag other than a person's.
pub(super) fn is_common_word(jieba: &Jieba, word: &str) -> bool {
    dictionary_tag_is(jieba, word, |tag| !tag.starts_with("nr"))
}

/// True if the dictionary cuts `word` as one word tagged as a person's name.
pub(super) fn is_person_word(jieba: &Jieba, word: &str) -> bool {
    dictionary_tag_is(jieba, word, |tag| tag.starts_with("nr"))
}

/// True if the dictionary has `word` as a verb, adjective, adverb or set phrase
/// (`发扬`, `温馨`): words that are hardly ever names.
pub(super) fn is_verb_like_word(jieba: &Jieba, word: &str) -> bool {
    dictionary_tag_is(jieba, word, |tag| {
        tag.starts_with(['v', 'a', 'd', 'i', 'l'])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;

    #[test]
    fn the_dictionary_tells_names_from_words() {
        let analyzer = Analyzer::new();
        let jieba = analyzer.jieba();
        assert!(is_common_word(jieba, "文章"));
        assert!(!is_common_word(jieba, "文章指出"));
        assert!(is_verb_like_word(jieba, "发扬"));
        assert!(!is_verb_like_word(jieba, "北京"));
        assert!(!is_person_word(jieba, "北京"));
        assert!(dictionary_tag_is(jieba, "祝福", |_| true));
    }
}
