//! Character normalisation shared by indexing, querying and snippets.
//!
//! Every character maps to exactly one character, so positions counted in characters are
//! the same before and after normalising; that is what lets tokens and highlights point
//! back into the original text.
//!
//! Traditional characters fold to simplified ones here, character by character (the
//! table of the `fast2s` package, built into the binary by `build.rs`): a traditional
//! page and a traditional query meet the simplified ones on both sides of the index,
//! phrases stay exact, and stored text and snippets keep the characters as written.

include!(concat!(env!("OUT_DIR"), "/traditional_fold.rs"));

/// The simplified form of a traditional character, or the character itself.
///
/// ```
/// use zhsearch::analysis::fold_traditional;
/// assert_eq!(fold_traditional('國'), '国');
/// assert_eq!(fold_traditional('国'), '国');
/// ```
pub fn fold_traditional(c: char) -> char {
    let code = c as u32;
    if let Some(index) = code.checked_sub(DENSE_FOLD_START)
        && let Some(&simplified) = DENSE_FOLD.get(index as usize)
    {
        return match simplified {
            0 => c,
            s => char::from_u32(u32::from(s)).unwrap_or(c),
        };
    }
    if code < 0x800 {
        return c;
    }
    SPARSE_FOLD
        .binary_search_by_key(&c, |&(traditional, _)| traditional)
        .map_or(c, |i| SPARSE_FOLD[i].1)
}

/// `text` with each traditional character folded to its simplified form and nothing else
/// changed (case, width and punctuation stay, unlike [`normalize`]); borrowed when no
/// character folds.
///
/// ```
/// use zhsearch::analysis::fold_traditional_text;
/// assert_eq!(fold_traditional_text("國務院，ＡＢ"), "国务院，ＡＢ");
/// ```
pub fn fold_traditional_text(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().find(|&(_, c)| fold_traditional(c) != c) {
        None => std::borrow::Cow::Borrowed(text),
        Some((at, _)) => {
            let mut folded = String::with_capacity(text.len());
            folded.push_str(&text[..at]);
            folded.extend(text[at..].chars().map(fold_traditional));
            std::borrow::Cow::Owned(folded)
        }
    }
}

/// Folds full-width ASCII to ASCII, the ideographic space to a space, letters to lower
/// case (when that gives a single character) and traditional characters to simplified.
///
/// ```
/// use zhsearch::analysis::normalize_char;
/// assert_eq!(normalize_char('Ｇ'), 'g');
/// assert_eq!(normalize_char('５'), '5');
/// assert_eq!(normalize_char('党'), '党');
/// assert_eq!(normalize_char('會'), '会');
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
        '\u{3001}'..='\u{33FF}' => c,
        '\u{3400}'..='\u{9FFF}' => fold_traditional(c),
        c => {
            let c = fold_traditional(c);
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
    fn traditional_folds_to_simplified_one_char_for_one() {
        let traditional = "國務院關於經濟發展的會議，臺灣與香港";
        let folded = normalize(traditional);
        assert_eq!(folded, "国务院关于经济发展的会议,台湾与香港");
        assert_eq!(traditional.chars().count(), folded.chars().count());
        assert_eq!(normalize(&folded), folded, "folding twice changes nothing");
    }

    #[test]
    fn variants_that_traditional_texts_use_fold_too() {
        // OpenCC writes 峯 and 羣 for 峰 and 群; fast2s's table alone left them.
        assert_eq!(normalize("王東峯會見羣衆代表"), "王东峰会见群众代表");
    }

    #[test]
    fn every_fold_lands_on_a_character_that_stays() {
        for c in ('\u{800}'..='\u{FFFF}').filter(|c| fold_traditional(*c) != *c) {
            let s = fold_traditional(c);
            assert_eq!(fold_traditional(s), s, "{c} → {s} folds again");
        }
    }
}
