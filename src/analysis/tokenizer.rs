//! The bridge from [`Analyzer`] to tantivy's `Tokenizer` trait.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::{Analyzer, Segmentation};

/// A tantivy tokenizer that cuts text with jieba; register it under a name with
/// `index.tokenizers().register(..)`.
#[derive(Clone, Debug)]
pub struct ChineseTokenizer {
    analyzer: Analyzer,
    mode: Segmentation,
}

impl ChineseTokenizer {
    pub(crate) fn new(analyzer: Analyzer, mode: Segmentation) -> ChineseTokenizer {
        ChineseTokenizer { analyzer, mode }
    }
}

/// Starts a word field's value that holds words already cut (by extraction, through
/// `WordTokens`) rather than text: two Unicode noncharacters, which no text is meant to
/// hold. Each word follows [`NEXT_POSITION`] or [`SAME_POSITION`].
pub(crate) const PRE_CUT: &str = "\u{FDD0}\u{FDEF}";
/// Before a word at the position after the previous word's.
const NEXT_POSITION: char = '\u{1}';
/// Before a word at the previous word's position (the words inside a long word).
const SAME_POSITION: char = '\u{2}';

/// Appends `word` to a [`PRE_CUT`] value (begun here), at the previous word's position or
/// the next. A word holding a separator (jieba never gives one) is left out.
pub(crate) fn encode_word(encoded: &mut String, word: &str, same_position: bool) {
    if word.contains([NEXT_POSITION, SAME_POSITION]) {
        return;
    }
    if encoded.is_empty() {
        encoded.push_str(PRE_CUT);
    }
    encoded.push(if same_position {
        SAME_POSITION
    } else {
        NEXT_POSITION
    });
    encoded.push_str(word);
}

impl Tokenizer for ChineseTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        if let Some(words) = text.strip_prefix(PRE_CUT) {
            return WordStream::PreCut(PreCutStream {
                words,
                at: PRE_CUT.len(),
                token: Token {
                    position: usize::MAX,
                    ..Token::default()
                },
            });
        }
        let mut tokens = Vec::new();
        self.analyzer.segment_into(text, self.mode, &mut |word| {
            tokens.push(Token {
                offset_from: word.offsets.start,
                offset_to: word.offsets.end,
                position: word.position,
                text: word.text,
                position_length: 1,
            })
        });
        WordStream::Cut(CutStream { tokens, next: 0 })
    }
}

/// The words of one text: cut here, or read from a [`PRE_CUT`] value.
#[derive(Debug)]
pub enum WordStream<'a> {
    /// Segmented up front.
    Cut(CutStream),
    /// Read one word at a time into one reused token.
    PreCut(PreCutStream<'a>),
}

/// The tokens of a text segmented up front.
#[derive(Debug)]
pub struct CutStream {
    tokens: Vec<Token>,
    next: usize,
}

/// The words of a [`PRE_CUT`] value; offsets point into the value.
#[derive(Debug)]
pub struct PreCutStream<'a> {
    /// What is left of the value after the marker.
    words: &'a str,
    /// The byte offset of `words` in the value.
    at: usize,
    token: Token,
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        match self {
            WordStream::Cut(cut) => {
                cut.next += 1;
                cut.next <= cut.tokens.len()
            }
            WordStream::PreCut(pre) => pre.advance(),
        }
    }

    fn token(&self) -> &Token {
        match self {
            WordStream::Cut(cut) => &cut.tokens[cut.next - 1],
            WordStream::PreCut(pre) => &pre.token,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self {
            WordStream::Cut(cut) => &mut cut.tokens[cut.next - 1],
            WordStream::PreCut(pre) => &mut pre.token,
        }
    }
}

impl PreCutStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let mut chars = self.words.chars();
            let Some(separator) = chars.next() else {
                return false;
            };
            let rest = chars.as_str();
            let end = rest
                .find([NEXT_POSITION, SAME_POSITION])
                .unwrap_or(rest.len());
            let word = &rest[..end];
            let from = self.at + separator.len_utf8();
            self.at = from + end;
            self.words = &rest[end..];
            if separator != SAME_POSITION {
                // Anything else (a value not written by `encode_word`) counts as a new
                // word too: never a panic.
                self.token.position = self.token.position.wrapping_add(1);
            }
            if word.is_empty() {
                continue;
            }
            self.token.text.clear();
            self.token.text.push_str(word);
            self.token.offset_from = from;
            self.token.offset_to = self.at;
            return true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_pre_cut_words_with_their_positions() {
        let mut encoded = String::new();
        encode_word(&mut encoded, "人民", false);
        encode_word(&mut encoded, "中国人民", true);
        encode_word(&mut encoded, "万岁", false);
        let mut tokenizer = Analyzer::new().tokenizer(Segmentation::Index);
        let mut stream = tokenizer.token_stream(&encoded);
        let mut seen = Vec::new();
        while stream.advance() {
            let token = stream.token();
            assert_eq!(&encoded[token.offset_from..token.offset_to], token.text);
            seen.push((token.text.clone(), token.position));
        }
        assert_eq!(
            seen,
            [
                ("人民".into(), 0),
                ("中国人民".into(), 0),
                ("万岁".into(), 1)
            ]
        );
    }

    #[test]
    fn a_malformed_pre_cut_value_gives_words_without_panicking() {
        for text in [
            PRE_CUT.to_string(),
            format!("{PRE_CUT}甲\u{2}\u{2}乙\u{1}"),
            format!("{PRE_CUT}\u{2}"),
        ] {
            let mut tokenizer = Analyzer::new().tokenizer(Segmentation::Index);
            let mut stream = tokenizer.token_stream(&text);
            let mut count = 0;
            while stream.advance() && count < 10 {
                count += 1;
            }
            assert!(count <= 2, "{text:?}");
        }
    }

    #[test]
    fn streams_every_word() {
        let mut tokenizer = Analyzer::new().tokenizer(Segmentation::Query);
        let mut stream = tokenizer.token_stream("学习二十大精神");
        let mut seen = Vec::new();
        while stream.advance() {
            seen.push((stream.token().text.clone(), stream.token().position));
        }
        assert_eq!(
            seen,
            [("学习".into(), 0), ("二十大".into(), 1), ("精神".into(), 2)]
        );
    }
}
