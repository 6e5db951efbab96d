//! Character normalisation shared by indexing, querying and snippets.
//!
//! Every character maps to exactly one character, so positions counted in characters are
//! the same before and after normalising; that is what lets tokens and highlights point
//! back into the original text.

/// Folds full-width ASCII to ASCII, the ideographic space to a space, and letters to
/// lower case (when that gives a single character).
///
/// ```
/// use zhsearch::analysis::normalize_char;
/// assert_eq!(normalize_char('Ｇ'), 'g');
/// assert_eq!(normalize_char('５'), '5');
/// assert_eq!(normalize_char('党'), '党');
/// ```
pub fn normalize_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c);
            ascii.to_ascii_lowercase()
        }
        '\u{3000}' => ' ',
        c if c.is_ascii() => c,
        // CJK punctuation, kana and ideographs have no case: the common path, kept short.
        '\u{3001}'..='\u{9FFF}' => c,
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// Normalises a whole string with [`normalize_char`].
pub fn normalize(text: &str) -> String {
    text.chars().map(normalize_char).collect()
}

/// True when [`normalize`] would change nothing, so callers can skip the copy.
pub(crate) fn is_normalized(text: &str) -> bool {
    text.chars().all(|c| normalize_char(c) == c)
}

/// True for characters that can be part of a searchable word (not punctuation or space).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cjk_fast_path_changes_nothing_lowercasing_would() {
        for c in ('\u{3001}'..='\u{9FFF}').filter(|c| *c != '\u{3000}') {
            let mut lower = c.to_lowercase();
            assert_eq!((lower.next(), lower.next()), (Some(c), None), "{c:?}");
        }
    }

    #[test]
    fn full_width_and_case_fold() {
        assert_eq!(normalize("ＡＢＣ５Ｇ基站　Ok"), "abc5g基站 ok");
    }

    #[test]
    fn one_char_for_one_char() {
        let text = "ＡäÄİΣ二十大，";
        assert_eq!(text.chars().count(), normalize(text).chars().count());
    }

    #[test]
    fn detects_already_normal_text() {
        assert!(is_normalized("二十大精神 5g"));
        assert!(!is_normalized("５Ｇ"));
    }
}
