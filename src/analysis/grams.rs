//! Character bigrams: the second analysis of titles and bodies, which makes a quoted
//! phrase match exactly the texts that contain its characters, whatever jieba made of
//! them.
//!
//! A text of normalised characters `c0 c1 … cn-1` gives the bigram `ci ci+1` at position
//! `i`, and its last character alone at position `n-1`. Every character counts, spaces
//! and punctuation included, so a string of two or more characters occurs in a text
//! exactly when its bigrams occur there at consecutive positions; a single character
//! occurs exactly when some term starting with it does.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::normalize_char;

/// The terms that find `phrase` (normalised here) in a bigram field: `(offset, term)`
/// pairs for a phrase query. Bigrams at even offsets, plus the last one, cover every
/// character with about half the terms. A one-character phrase gives that character
/// alone, to be matched as a prefix.
///
/// ```
/// use zhsearch::analysis::phrase_grams;
/// let terms = |p: &str| -> Vec<(usize, String)> { phrase_grams(p) };
/// assert_eq!(terms("三个务必"), [(0, "三个".to_string()), (2, "务必".to_string())]);
/// assert_eq!(terms("大精神"), [(0, "大精".to_string()), (1, "精神".to_string())]);
/// assert_eq!(terms("５Ｇ"), [(0, "5g".to_string())]);
/// assert_eq!(terms("党"), [(0, "党".to_string())]);
/// ```
pub fn phrase_grams(phrase: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = phrase.chars().map(normalize_char).collect();
    if chars.len() < 2 {
        return chars.iter().map(|c| (0, c.to_string())).collect();
    }
    let last = chars.len() - 2;
    let mut offsets: Vec<usize> = (0..=last).step_by(2).collect();
    if offsets.last() != Some(&last) {
        offsets.push(last);
    }
    offsets
        .into_iter()
        .map(|i| (i, chars[i..i + 2].iter().collect()))
        .collect()
}

/// A tantivy tokenizer giving the character bigrams of a text, described above.
#[derive(Clone, Debug, Default)]
pub struct BigramTokenizer;

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = BigramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream<'a> {
        BigramStream {
            text,
            chars: text.char_indices().peekable(),
            position: usize::MAX,
            token: Token::default(),
        }
    }
}

/// The bigrams of one text, made one at a time in a reused token.
pub struct BigramStream<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    position: usize,
    token: Token,
}

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((start, first)) = self.chars.next() else {
            return false;
        };
        self.position = self.position.wrapping_add(1);
        self.token.text.clear();
        self.token.text.push(normalize_char(first));
        let end = match self.chars.peek() {
            Some(&(second_start, second)) => {
                self.token.text.push(normalize_char(second));
                second_start + second.len_utf8()
            }
            None => self.text.len(),
        };
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.position;
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = BigramTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let token = stream.token();
            assert_eq!(
                text[token.offset_from..token.offset_to].chars().count(),
                token.text.chars().count()
            );
            out.push((token.text.clone(), token.position));
        }
        out
    }

    #[test]
    fn every_character_starts_a_gram() {
        assert_eq!(
            grams("二十大，５Ｇ"),
            [
                ("二十".to_string(), 0),
                ("十大".to_string(), 1),
                ("大,".to_string(), 2),
                (",5".to_string(), 3),
                ("5g".to_string(), 4),
                ("g".to_string(), 5),
            ]
        );
        assert_eq!(grams("党"), [("党".to_string(), 0)]);
        assert!(grams("").is_empty());
    }

    #[test]
    fn phrase_terms_cover_every_character() {
        for phrase in ["ab", "abc", "abcd", "abcde", "一二三四五六七"] {
            let terms = phrase_grams(phrase);
            let mut covered = vec![false; phrase.chars().count()];
            for (offset, term) in &terms {
                assert_eq!(term.chars().count(), 2);
                covered[*offset] = true;
                covered[offset + 1] = true;
            }
            assert!(covered.iter().all(|c| *c), "{phrase}: {terms:?}");
        }
    }
}
