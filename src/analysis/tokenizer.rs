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

impl Tokenizer for ChineseTokenizer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
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
        WordStream { tokens, next: 0 }
    }
}

/// The tokens of one text, segmented up front.
#[derive(Debug)]
pub struct WordStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
