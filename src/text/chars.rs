//! Character classes: which characters are Han, which end a clause, which join the parts
//! of a name. One definition each, shared by ingest (the decoder's plausibility check) and
//! extraction (persons, departments), after charabia's `detection/chars.rs`.

/// True for a Han ideograph: the CJK Unified Ideographs block, Extension A, the
/// Compatibility Ideographs, and the supplementary planes' extensions (B onwards).
pub(crate) fn is_han(c: char) -> bool {
    matches!(
        c,
        '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// True for the marks after which a clause ends: full stops, question and exclamation
/// marks, semicolons, commas and colons, full-width or not, and line breaks. Not `、`,
/// which joins the items of a list within a clause.
pub(crate) fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '，' | '：' | '!' | '?' | ';' | ',' | ':' | '\n'
    )
}

/// The middle dot between the parts of a transliterated name (`卡洛斯·阿马特`).
pub(crate) const NAME_DOT: char = '·';

/// The dash that may stand for [`NAME_DOT`] in a foreign name (`约翰—格伦`).
pub(crate) const NAME_DASH: char = '—';

/// True for the marks written between the parts of a name: `·` and its look-alikes
/// (`•`, `・`) and dashes.
pub(crate) fn is_name_separator(c: char) -> bool {
    matches!(c, NAME_DOT | '•' | '・' | NAME_DASH | '-')
}

/// A set of characters of the Basic Multilingual Plane, as a bitmap: one bit test.
pub(crate) struct CharSet(Vec<u64>);

impl CharSet {
    pub(crate) fn contains(&self, c: char) -> bool {
        let c = c as usize;
        self.0.get(c / 64).is_some_and(|w| w >> (c % 64) & 1 == 1)
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<T: IntoIterator<Item = char>>(chars: T) -> CharSet {
        let mut bits = vec![0u64; 0x10000 / 64];
        for c in chars {
            let c = c as usize;
            if let Some(word) = bits.get_mut(c / 64) {
                *word |= 1 << (c % 64);
            }
        }
        CharSet(bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_covers_every_block_and_nothing_else() {
        for c in ['中', '㐀', '豈', '𠀀', '𪚥'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['a', '1', '。', '、', 'ア', '한', NAME_DOT, '\u{2}'] {
            assert!(!is_han(c), "{c}");
        }
    }

    #[test]
    fn clauses_end_at_stops_and_commas_but_not_at_list_marks() {
        assert!("。！？；，：!?;,:\n".chars().all(ends_clause));
        assert!(!"、·“”（）字 ".chars().any(ends_clause));
    }

    #[test]
    fn name_separators_are_dots_and_dashes() {
        assert!("·•・—-".chars().all(is_name_separator));
        assert!(!"、，字a".chars().any(is_name_separator));
    }

    #[test]
    fn a_char_set_holds_what_it_was_made_of() {
        let set: CharSet = "王李𠀀".chars().collect();
        assert!(set.contains('王') && set.contains('李'));
        assert!(!set.contains('张'));
        // Beyond the Basic Multilingual Plane it holds nothing.
        assert!(!set.contains('𠀀'));
    }
}
