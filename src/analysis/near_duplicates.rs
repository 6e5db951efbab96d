//! Near-duplicate sketches: a bottom-k MinHash of a text's character shingles, and the
//! grouping of texts whose sketches say they share most of their shingles.
//!
//! A report reposted by another site keeps its words and changes its chrome, its title
//! suffix, its punctuation or a character: the two bodies still share most of their
//! four-character shingles (a Jaccard similarity near 1), while two different reports share
//! almost none. Texts are compared on their words only (letters, digits and ideographs,
//! normalised), so punctuation and spacing never count. A sketch keeps the [`SKETCH_SIZE`]
//! smallest shingle hashes; from the union's smallest hashes, the share of the smaller
//! text's found in both estimates how much of it the other holds (Broder, "On the
//! resemblance and containment of documents", 1997). `examples/eval_reposts.rs` measures
//! the threshold.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{is_word_char, normalize_char};

/// Characters in a shingle: long enough that two different reports share few, short
/// enough that one changed character spoils few.
const SHINGLE_CHARS: usize = 4;

/// Hashes kept in a sketch.
pub const SKETCH_SIZE: usize = 32;

/// Texts whose estimated similarity is at least this are near-duplicates.
pub const MIN_SIMILARITY: f64 = 0.9;

/// Dated texts further apart than this many days are never near-duplicates: a repost is
/// published within days of the report, while a daily bulletin written to a template is
/// much like the last one and another story all the same.
pub const MAX_DAYS_APART: i64 = 3;

/// The sketch of `text`: its smallest shingle hashes, ascending, at most [`SKETCH_SIZE`].
/// A text shorter than a shingle has its words' hash as its one value.
///
/// ```
/// use zhsearch::analysis::near_duplicates::{is_near_duplicate, sketch};
/// let story = "新华社北京3月5日电 第十四届全国人民代表大会第二次会议5日上午在人民大会堂开幕，\
///              国务院总理李强作政府工作报告，回顾过去一年工作，部署今年任务。";
/// let repost = format!("来源：新华社\n{}\n责任编辑：王晓", story.replace('，', "、"));
/// let other = "中共中央政治局3月4日召开会议，讨论国务院拟提请第十四届全国人民代表大会第二次会议\
///              审议的政府工作报告。";
/// assert!(is_near_duplicate(&sketch(story), &sketch(&repost)));
/// assert!(!is_near_duplicate(&sketch(story), &sketch(other)));
/// ```
pub fn sketch(text: &str) -> Vec<u32> {
    let chars: Vec<char> = text
        .chars()
        .map(normalize_char)
        .filter(|&c| is_word_char(c))
        .collect();
    let mut bytes = String::new();
    if chars.len() < SHINGLE_CHARS {
        bytes.extend(&chars);
        return vec![shingle_hash(&bytes)];
    }
    let mut hashes: Vec<u32> = chars
        .windows(SHINGLE_CHARS)
        .map(|window| {
            bytes.clear();
            bytes.extend(window);
            shingle_hash(&bytes)
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes.truncate(SKETCH_SIZE);
    hashes
}

/// 32 bits of a shingle's hash: a sketch takes half the room, and two shingles of the
/// texts compared have the same 32 bits by chance about once in four billion.
fn shingle_hash(shingle: &str) -> u32 {
    (xxhash_rust::xxh3::xxh3_64(shingle.as_bytes()) >> 32) as u32
}

/// The estimated share of the smaller text's shingles that the other text holds, from 0
/// to 1 (its containment, Broder 1997): a repost that kept some of its site's chrome
/// around the report still holds all of the report. Estimated on the union's smallest
/// hashes; when the smaller text has fewer than half of them, the estimate would rest on
/// too few, and the Jaccard similarity (shared hashes over all) is taken instead.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    let k = a.len().max(b.len()).min(SKETCH_SIZE);
    if k == 0 {
        return 0.0;
    }
    // Walk the union of the two ascending sketches, k smallest first, counting how many
    // come from each side and from both.
    let (mut i, mut j, mut both) = (0, 0, 0);
    for _ in 0..k {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                both += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), Some(_)) => j += 1,
            (Some(_), None) => i += 1,
            (None, Some(_)) => j += 1,
            (None, None) => break,
        }
    }
    let smaller = i.min(j);
    if 2 * smaller >= k {
        both as f64 / smaller as f64
    } else {
        both as f64 / k as f64
    }
}

/// True if two sketches are of near-duplicate texts (see [`MIN_SIMILARITY`]).
pub fn is_near_duplicate(a: &[u32], b: &[u32]) -> bool {
    similarity(a, b) >= MIN_SIMILARITY
}

/// Groups near-duplicate texts by their sketches and days (a day number per text, or
/// `None` when undated; see [`MAX_DAYS_APART`]): `result[i]` is the group of
/// `sketches[i]`, numbered from 0 in the order groups first appear. Near-duplication is
/// made transitive (a chain of near pairs is one group), as a repost of a repost stays one
/// story; the grouping does not depend on the order of the input beyond the numbering.
///
/// Only texts whose sketches share a hash are compared, so the work grows with the
/// number of texts, not with its square.
///
/// ```
/// use zhsearch::analysis::near_duplicates::group;
/// let (a, b, c) = (vec![1, 2, 3, 4, 5], vec![1, 2, 3, 4, 6], vec![7, 8, 9]);
/// let days = [Some(10), None, Some(12), Some(30)];
/// assert_eq!(group(&[a.clone(), c, b, a], &days), [0, 1, 0, 2]);
/// ```
pub fn group(sketches: &[Vec<u32>], days: &[Option<i64>]) -> Vec<u32> {
    let close_in_time = |i: u32, j: u32| match (days.get(i as usize), days.get(j as usize)) {
        (Some(Some(a)), Some(Some(b))) => (a - b).abs() <= MAX_DAYS_APART,
        _ => true,
    };
    let mut parent: Vec<u32> = (0..sketches.len() as u32).collect();
    let mut holders: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (i, sketch) in sketches.iter().enumerate() {
        for &hash in sketch {
            holders.entry(hash).or_default().push(i as u32);
        }
    }
    let mut compared: FxHashSet<(u32, u32)> = FxHashSet::default();
    for members in holders.values() {
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                if find(&mut parent, i) != find(&mut parent, j)
                    && close_in_time(i, j)
                    && compared.insert((i, j))
                    && is_near_duplicate(&sketches[i as usize], &sketches[j as usize])
                {
                    union(&mut parent, i, j);
                }
            }
        }
    }
    let mut numbers: FxHashMap<u32, u32> = FxHashMap::default();
    (0..sketches.len() as u32)
        .map(|i| {
            let root = find(&mut parent, i);
            let next = numbers.len() as u32;
            *numbers.entry(root).or_insert(next)
        })
        .collect()
}

fn find(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        let grandparent = parent[parent[i as usize] as usize];
        parent[i as usize] = grandparent;
        i = grandparent;
    }
    i
}

fn union(parent: &mut [u32], a: u32, b: u32) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b) as usize] = a.min(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "11月28日下午，市科协召开党组扩大会议，传达学习党的二十大精神，研究部署贯彻落实工作。\
        会议强调，要把学习宣传贯彻党的二十大精神作为当前和今后一个时期的首要政治任务，\
        团结引领广大科技工作者为建设科技强市贡献力量。";

    #[test]
    fn punctuation_spacing_and_width_do_not_count() {
        let respaced = STORY.replace('，', " , ");
        assert_eq!(sketch(STORY), sketch(&respaced));
        assert_eq!(sketch("５Ｇ基站建设"), sketch("5g基站建设"));
    }

    #[test]
    fn an_edited_repost_is_near_and_another_story_is_not() {
        let edited = format!(
            "当前位置：首页 > 要闻\n{}\n【打印本页】",
            STORY.replace("首要政治任务", "首要政治工作")
        );
        assert!(similarity(&sketch(STORY), &sketch(&edited)) >= 0.7);
        let other = "3月2日，县农业农村局召开春耕备耕工作推进会，部署粮食生产、农资供应和农技服务等工作，\
            要求各乡镇抓好高标准农田建设，确保粮食播种面积稳定。";
        assert!(similarity(&sketch(STORY), &sketch(other)) < 0.2);
        assert_eq!(similarity(&sketch(STORY), &sketch(STORY)), 1.0);
    }

    #[test]
    fn short_texts_group_only_when_their_words_are_the_same() {
        assert_eq!(sketch("会议。"), sketch("会议"));
        assert!(!is_near_duplicate(&sketch("会议"), &sketch("会谈")));
        assert_eq!(sketch(""), sketch("。"));
    }

    #[test]
    fn grouping_is_transitive() {
        // b holds half of a and half of c, which share nothing: a~b and b~c, not a~c,
        // and one group all the same.
        let a: Vec<u32> = (0..16).collect();
        let b: Vec<u32> = (0..8).chain(100..108).collect();
        let c: Vec<u32> = (100..116).collect();
        assert!(is_near_duplicate(&a, &b) && is_near_duplicate(&b, &c));
        assert!(!is_near_duplicate(&a, &c));
        let far: Vec<u32> = (200..216).collect();
        let undated = [None; 4];
        assert_eq!(
            group(&[a.clone(), b.clone(), c.clone(), far.clone()], &undated),
            [0, 0, 0, 1]
        );
        assert_eq!(group(&[c, far, a, b], &undated), [0, 1, 0, 0]);
        assert_eq!(group(&[], &[]), Vec::<u32>::new());
    }

    #[test]
    fn texts_published_far_apart_are_other_stories() {
        let a: Vec<u32> = (0..16).collect();
        let days = [
            Some(100),
            Some(100 + MAX_DAYS_APART),
            Some(100 + MAX_DAYS_APART + 1),
        ];
        assert_eq!(group(&[a.clone(), a.clone(), a.clone()], &days), [0, 0, 0]);
        let days = [Some(100), Some(100 + MAX_DAYS_APART + 1)];
        assert_eq!(group(&[a.clone(), a], &days), [0, 1]);
    }
}
