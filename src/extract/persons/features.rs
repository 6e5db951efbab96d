//! The features of each character of a sentence, shared by training and recognition.
//!
//! A feature is a 64-bit key: a template number mixed with the characters, jieba words and
//! tags it looks at. Training and recognition both call [`sentence_features`], so they
//! cannot drift apart.

use jieba_rs::Tag;

use super::lexicon;
use super::stats::NameStats;
use crate::text::chars::is_han;

/// Marks the start and end of a sentence in character windows.
const EDGE: char = '\u{2}';

/// A jieba word of a sentence: its character span, and what jieba tags it.
#[derive(Debug, Clone)]
pub(crate) struct TaggedWord {
    pub chars: std::ops::Range<usize>,
    /// Tagged a person's name (`nr…`).
    pub person: bool,
    /// Tagged an organisation or a place (`nt…`, `ns…`).
    pub body_or_place: bool,
}

/// The features of every character of `chars` (one sentence), in order, and the words
/// jieba cut the sentence into.
#[cfg(any(feature = "training", test))]
pub(crate) fn sentence_features(
    jieba: &jieba_rs::Jieba,
    stats: &NameStats,
    chars: &[char],
) -> (Vec<Vec<u64>>, Vec<TaggedWord>) {
    let text: String = chars.iter().collect();
    let words = jieba.tag(&text, false);
    features_of_words(stats, chars, &words)
}

/// True if a sentence cut into `words` may name a person: some word is tagged as a name,
/// a surname stands as a content word of its own (an unknown name cut apart), or a word
/// is made of transliteration characters. Sentences without any are left unlabelled:
/// about half the text of news stories, at a cost of about one point of recall on the
/// People's Daily sentences (`BENCHMARKS.md`).
pub(crate) fn may_name_a_person(stats: &NameStats, words: &[Tag]) -> bool {
    // Tags of words that are not names: verbs, adjectives, adverbs, function words,
    // numbers, pronouns, times, directions.
    let function_tag = |tag: &str| {
        tag.starts_with([
            'v', 'a', 'd', 'p', 'c', 'u', 'm', 'q', 'r', 't', 'f', 'e', 'y', 'o',
        ])
    };
    words.iter().any(|w| {
        let first = w.word.chars().next().unwrap_or(' ');
        let len = w.end - w.start;
        w.tag.starts_with("nr")
            || (len >= 2 && w.word.chars().all(|c| stats.roles(c)[2] >= 3))
            || (len == 1 && stats.roles(first)[0] >= 2 && !function_tag(w.tag))
    })
}

/// [`sentence_features`] for a sentence jieba has already cut and tagged.
pub(crate) fn features_of_words(
    stats: &NameStats,
    chars: &[char],
    words: &[Tag],
) -> (Vec<Vec<u64>>, Vec<TaggedWord>) {
    // For each character: its word's index in `words` and its place in that word.
    let mut word_of = vec![0usize; chars.len()];
    for (w, tag) in words.iter().enumerate() {
        for slot in &mut word_of[tag.start..tag.end.min(chars.len())] {
            *slot = w;
        }
    }
    let at = |i: isize| -> char {
        if i < 0 || i as usize >= chars.len() {
            EDGE
        } else {
            chars[i as usize]
        }
    };
    // Per word and per position, computed once rather than for every character.
    let word_keys: Vec<u64> = words.iter().map(|w| key_str(0, w.word)).collect();
    let tag_keys: Vec<u64> = words
        .iter()
        .map(|w| tag_key(stats, w.word, w.tag))
        .collect();
    let follower: Vec<bool> = (0..chars.len() + 3)
        .map(|i| lexicon::name_follower_at(chars, i))
        .collect();
    let titled: Vec<bool> = (0..=chars.len())
        .map(|i| lexicon::title_before(chars, i))
        .collect();
    let mut all = Vec::with_capacity(chars.len());
    for i in 0..chars.len() {
        let j = i as isize;
        let (p2, p1, c, n1, n2) = (at(j - 2), at(j - 1), at(j), at(j + 1), at(j + 2));
        let w = word_of[i];
        let word = &words[w];
        let len = word.end - word.start;
        let place = match (i == word.start, i + 1 == word.end) {
            (true, true) => 0u64,
            (true, false) => 1,
            (false, true) => 2,
            (false, false) => 3,
        };
        let tag = tag_keys[w];
        let mut f = Vec::with_capacity(32);
        f.push(key(1, &[]));
        f.push(key(2, &[p2 as u64]));
        f.push(key(3, &[p1 as u64]));
        f.push(key(4, &[c as u64]));
        f.push(key(5, &[n1 as u64]));
        f.push(key(6, &[n2 as u64]));
        f.push(key(7, &[p1 as u64, c as u64]));
        f.push(key(8, &[c as u64, n1 as u64]));
        f.push(key(9, &[p2 as u64, p1 as u64]));
        f.push(key(10, &[n1 as u64, n2 as u64]));
        f.push(key(11, &[p1 as u64, n1 as u64]));
        f.push(key(12, &[place, tag]));
        f.push(key(13, &[place, len.min(5) as u64, tag]));
        if len >= 2 {
            f.push(key(14, &[place, word_keys[w]]));
        }

        let prev = if w > 0 { word_keys[w - 1] } else { EDGE_KEY };
        let next = word_keys.get(w + 1).copied().unwrap_or(EDGE_KEY);
        let prev_tag = if w > 0 { tag_keys[w - 1] } else { EDGE_KEY };
        let next_tag = tag_keys.get(w + 1).copied().unwrap_or(EDGE_KEY);
        f.push(key(15, &[place, prev]));
        f.push(key(16, &[place, next]));
        f.push(key(17, &[place, prev_tag, tag, next_tag]));
        let roles = |c: char| stats.roles(c).map(u64::from);
        let (rp1, rc, rn1) = (roles(p1), roles(c), roles(n1));
        f.push(key(22, &[rp1[1], rc[1], rn1[1]]));
        f.push(key(23, &[rc[0], rc[1], place]));
        f.push(key(24, &[rp1[2], rc[2], rn1[2]]));
        // A surname-like character by what follows or precedes it (`金教授`, `老李`):
        // learnt by the character's class, not by each surname.
        f.push(key(25, &[rc[0], n1 as u64]));
        f.push(key(26, &[p1 as u64, rc[0]]));
        f.push(key(27, &[rc[0], n1 as u64, n2 as u64]));
        for k in 0..3 {
            if follower[i + 1 + k] {
                f.push(key(29, &[k as u64]));
            }
        }
        for k in 0..3 {
            if k <= i && titled[i - k] {
                f.push(key(30, &[k as u64, rc[1]]));
            }
        }
        all.push(f);
    }
    add_candidate_features(stats, chars, &word_of, &mut all);
    let tagged = words
        .iter()
        .map(|w| TaggedWord {
            chars: w.start..w.end,
            person: w.tag.starts_with("nr"),
            body_or_place: w.tag.starts_with("nt") || w.tag.starts_with("ns"),
        })
        .collect();
    (all, tagged)
}

/// Features of the name-shaped spans a character is part of: a surname and one or two
/// more Han characters, or a run of transliteration characters. Each says where in the
/// span the character stands and what stands around the span, so the model learns
/// "a surname and a given name right after a title" once rather than name by name.
fn add_candidate_features(
    stats: &NameStats,
    chars: &[char],
    word_of: &[usize],
    all: &mut [Vec<u64>],
) {
    let n = chars.len();
    let boundary = |i: usize| i == 0 || i >= n || word_of[i] != word_of[i - 1];
    let clause_end = |i: usize| i >= n || lexicon::char_class(chars[i]) >= 4;
    let context = |start: usize, end: usize| -> [u64; 4] {
        [
            lexicon::title_before(chars, start) as u64,
            lexicon::name_follower_at(chars, end) as u64,
            clause_end(end) as u64 | ((start == 0 || clause_end(start - 1)) as u64) << 1,
            boundary(start) as u64 | (boundary(end) as u64) << 1,
        ]
    };
    for start in 0..n {
        if !lexicon::is_surname_at(chars, start) {
            continue;
        }
        for len in 2..=3 {
            let end = start + len;
            if end > n || !chars[start..end].iter().all(|&c| is_han(c)) {
                break;
            }
            let [title, follower, clause, bounds] = context(start, end);
            let given = stats.roles(chars[end - 1])[1] as u64;
            // How name-like the whole span is: its surname and each given character.
            let surname = stats.roles(chars[start])[0] as u64;
            let first_given = stats.roles(chars[start + 1])[1] as u64;
            for (k, f) in all[start..end].iter_mut().enumerate() {
                f.push(key(
                    31,
                    &[k as u64, len as u64, title, follower, clause, bounds],
                ));
                f.push(key(
                    32,
                    &[k as u64, len as u64, given, title | follower << 1],
                ));
                f.push(key(
                    34,
                    &[k as u64, len as u64, surname, first_given, given, bounds],
                ));
            }
        }
    }
    // Known persons: how far a match is trusted depends on whether jieba's words agree.
    for span in list_matches(chars, lexicon::known_person_at) {
        let [title, follower, clause, bounds] = context(span.start, span.end);
        let len = span.len();
        for (k, f) in all[span].iter_mut().enumerate() {
            let place = place_in_span(k, len);
            f.push(key(35, &[place, bounds]));
            f.push(key(
                36,
                &[place, len.min(4) as u64, title | follower << 1, clause],
            ));
        }
    }
    // Known places: evidence against a name, unless the match is part of a longer
    // transliteration (`阿曼` in `阿曼达`).
    let foreign = |c: char| stats.in_transliterations(c);
    for span in list_matches(chars, lexicon::known_place_at) {
        let (start, end) = (span.start, span.end);
        let [_, _, _, bounds] = context(start, end);
        let inside = (start > 0 && foreign(chars[start - 1])) as u64
            | ((end < n && foreign(chars[end])) as u64) << 1;
        for (k, f) in all[span].iter_mut().enumerate() {
            f.push(key(37, &[place_in_span(k, end - start), bounds, inside]));
        }
    }
    let mut start = 0;
    while start < n {
        let foreign = |c: char| stats.in_transliterations(c) || c == '·';
        if !foreign(chars[start]) {
            start += 1;
            continue;
        }
        let mut end = start + 1;
        while end < n && foreign(chars[end]) {
            end += 1;
        }
        if end - start >= 2 {
            let [title, follower, clause, bounds] = context(start, end);
            let len = (end - start).min(6) as u64;
            for (k, f) in all[start..end].iter_mut().enumerate() {
                let place = place_in_span(k, end - start);
                f.push(key(33, &[place, len, title, follower, clause, bounds]));
            }
        }
        start = end;
    }
}

/// Where the `k`-th character of a span of `len` stands: 0 first, 1 inside, 2 last.
fn place_in_span(k: usize, len: usize) -> u64 {
    if k == 0 {
        0
    } else if k + 1 == len {
        2
    } else {
        1
    }
}

/// The matches of a word list in `chars`, left to right, longest first at each position
/// (`longest_at` gives the length of the longest entry starting at a position).
fn list_matches(
    chars: &[char],
    longest_at: fn(&[char], usize) -> Option<usize>,
) -> Vec<std::ops::Range<usize>> {
    let mut matches = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        match longest_at(chars, start) {
            Some(len) => {
                matches.push(start..start + len);
                start += len;
            }
            None => start += 1,
        }
    }
    matches
}

/// A key for a word's part-of-speech tag. jieba's dictionary tags many common words as
/// person names (`光荣`, `高水平`); those tagged `nr` that do not start with a common
/// surname get a tag of their own, so that the model can learn to trust them less.
fn tag_key(stats: &NameStats, word: &str, tag: &str) -> u64 {
    let surname_led = word.chars().next().is_some_and(|c| stats.roles(c)[0] >= 2);
    if tag == "nr" && !surname_led {
        key_str(1, tag)
    } else {
        key_str(0, tag)
    }
}

const EDGE_KEY: u64 = 0x9e37_79b9_7f4a_7c15;

/// A feature key: the template number mixed with its values.
fn key(template: u64, values: &[u64]) -> u64 {
    let mut h = mix(template.wrapping_add(0x51_7cc1_b727_220a));
    for v in values {
        h = mix(h ^ v.wrapping_mul(0xff51_afd7_ed55_8ccd));
    }
    h
}

/// A key for a string value.
fn key_str(template: u64, s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(s.as_bytes(), template)
}

/// splitmix64's finaliser: every input bit affects every output bit.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_feature_list_per_character() {
        let jieba = jieba_rs::Jieba::new();
        let chars: Vec<char> = "总理李强主持会议".chars().collect();
        let (features, words) = sentence_features(&jieba, &NameStats::default(), &chars);
        assert_eq!(
            words.iter().map(|w| w.chars.len()).sum::<usize>(),
            chars.len()
        );
        assert_eq!(features.len(), chars.len());
        assert!(features.iter().all(|f| f.len() >= 20));
        // The same character in another context gets other context features.
        assert_ne!(features[2], features[3]);
    }
}
