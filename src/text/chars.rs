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

/// A clause is cut after this many characters if no mark ends it sooner, so that one
/// unpunctuated run cannot make a clause of a whole page.
pub(crate) const CLAUSE_MAX_CHARS: usize = 200;

/// One clause of a text: its characters' indices and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Clause {
    pub chars: std::ops::Range<usize>,
    pub bytes: std::ops::Range<usize>,
}

/// The clauses of `text`, in order: each runs to and including a mark that
/// [`ends_clause`], or [`CLAUSE_MAX_CHARS`] characters. Word segmentation and the person
/// model both cut texts here, so that the words one segmentation gives serve both.
pub(crate) fn clauses(text: &str) -> Vec<Clause> {
    let mut clauses = Vec::new();
    let (mut first_char, mut first_byte, mut count) = (0, 0, 0);
    for (byte, c) in text.char_indices() {
        count += 1;
        if ends_clause(c) || count - first_char >= CLAUSE_MAX_CHARS {
            let end = byte + c.len_utf8();
            clauses.push(Clause {
                chars: first_char..count,
                bytes: first_byte..end,
            });
            (first_char, first_byte) = (count, end);
        }
    }
    if first_byte < text.len() {
        clauses.push(Clause {
            chars: first_char..count,
            bytes: first_byte..text.len(),
        });
    }
    clauses
}

/// Where the [`clauses`] of a text of `chars` end, in characters.
pub(crate) fn clause_ends(chars: &[char]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if ends_clause(c) || i + 1 - start >= CLAUSE_MAX_CHARS {
            ends.push(i + 1);
            start = i + 1;
        }
    }
    if start < chars.len() {
        ends.push(chars.len());
    }
    ends
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
    fn clauses_end_at_punctuation_and_length() {
        let chars: Vec<char> = "一。二三，四、五".chars().collect();
        assert_eq!(clause_ends(&chars), [2, 5, 8]);
        let long = vec!['字'; 450];
        assert_eq!(clause_ends(&long), [200, 400, 450]);
    }

    #[test]
    fn clauses_and_clause_ends_cut_alike() {
        let long = "字".repeat(450);
        for text in ["一。二三，四、五", "", "，", "ａＢ；c\n國", long.as_str()] {
            let chars: Vec<char> = text.chars().collect();
            let clauses = clauses(text);
            let ends: Vec<usize> = clauses.iter().map(|c| c.chars.end).collect();
            assert_eq!(ends, clause_ends(&chars), "{text}");
            for clause in &clauses {
                let piece: String = chars[clause.chars.clone()].iter().collect();
                assert_eq!(text[clause.bytes.clone()], piece);
            }
        }
    }

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
