//! Context rules for the name patterns of meeting reports, which the model, trained on
//! general news, can miss: a name right after a title (`副主席罗进飞`), before `同志` or a
//! reporting verb (`陆为民同志主持`), or continuing a `、` list of such names
//! (`夏秋雨、王亚群`). Also the role written before a name.

use std::ops::Range;

use super::lexicon::{self, NAME_FOLLOWERS, ends_with_at, starts_with_at, surname_len_at};
use crate::text::chars::is_han;
use crate::text::words::ROLE_MODIFIERS;

/// Words that may follow a name a title already announced (`总理李强在…`).
const AFTER_TITLED_NAME: &[&str] = &[
    "在", "对", "同", "与", "和", "等", "作", "致", "说", "代表", "参加", "前往", "为", "一行",
];

/// The character spans of names these rules find in `chars`. `is_foreign` says whether
/// a character is common in transliterated names, for foreign names after a title
/// (`俄罗斯总统普京`).
pub(crate) fn mentions(chars: &[char], is_foreign: &dyn Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let after_title = lexicon::title_before(chars, i);
        let continues_list =
            i > 0 && chars[i - 1] == '、' && found.last().is_some_and(|last| last.end + 1 == i);
        let len = if lone_surname_at(chars, i) {
            Some(1)
        } else if continues_list {
            list_item_at(chars, i)
        } else if after_title || starts_clause(chars, i) {
            name_at(chars, i, after_title).or_else(|| {
                after_title
                    .then(|| foreign_name_at(chars, i, is_foreign))
                    .flatten()
            })
        } else {
            doctrine_name_at(chars, i)
        };
        if let Some(len) = len {
            found.push(i..i + len);
            i += len;
            continue;
        }
        i += 1;
    }
    // Lists end with the name the rules recognise (`万钢、李斌参加会见`): walk back.
    let mut k = 0;
    while k < found.len() {
        let start = found[k].start;
        if start >= 3
            && chars[start - 1] == '、'
            && (k == 0 || found[k - 1].end + 1 < start)
            && let Some(item) = list_item_ending_at(chars, start - 1)
        {
            found.insert(k, item);
            continue;
        }
        k += 1;
    }
    found
}

/// What follows a name in the name of a doctrine or a body of works (`邓小平理论`,
/// `习近平新时代中国特色社会主义思想`).
const DOCTRINES: &[&str] = &[
    "新时代中国特色社会主义思想",
    "思想",
    "理论",
    "文选",
    "选集",
    "文集",
    "著作",
    "重要讲话",
    "重要论述",
    "重要指示",
    "重要思想",
];

/// A three-character name anywhere in a clause, when the name of a doctrine or of works
/// continues it (`以习近平新时代中国特色社会主义思想为指导`). (A title after the name,
/// `牢记习近平总书记嘱托`, was tried too: on the People's Daily sentences it cost more
/// precision than it gained recall.)
fn doctrine_name_at(chars: &[char], i: usize) -> Option<usize> {
    if surname_len_at(chars, i) != Some(1) {
        return None;
    }
    let end = i + 3;
    let name = chars.get(i..end)?;
    let is_doctrine = DOCTRINES.iter().any(|d| starts_with_at(chars, end, d));
    (is_doctrine && name.iter().all(|&c| is_han(c)) && !has_role_modifier(name)).then_some(3)
}

/// True if `name` holds a word that modifies a title (`党组`, `常务`…): then it is no name.
fn has_role_modifier(name: &[char]) -> bool {
    ROLE_MODIFIERS
        .iter()
        .any(|m| (0..name.len()).any(|i| starts_with_at(name, i, m)))
}

/// A name in a `、` list of names: the Han characters (and `·`) up to the next `、`, clause
/// end, `等` or word that follows names, two to four characters, or longer with a `·`.
fn list_item_at(chars: &[char], i: usize) -> Option<usize> {
    let mut end = i;
    while end < chars.len()
        && (is_han(chars[end]) || chars[end] == '·')
        && chars[end] != '等'
        && !NAME_FOLLOWERS.iter().any(|w| starts_with_at(chars, end, w))
    {
        end += 1;
    }
    let len = end - i;
    let dotted = chars[i..end].contains(&'·');
    ((2..=4).contains(&len) || (dotted && len <= 12)).then_some(len)
}

/// A list item that ends right before the `、` at `comma`, preceded by a clause start, a
/// title or another `、`.
fn list_item_ending_at(chars: &[char], comma: usize) -> Option<Range<usize>> {
    for len in [3, 2] {
        let start = comma.checked_sub(len)?;
        let item = &chars[start..comma];
        let opens = start == 0
            || chars[start - 1] == '、'
            || starts_clause(chars, start)
            || lexicon::title_before(chars, start);
        if opens && item.iter().all(|&c| is_han(c)) && surname_len_at(chars, start).is_some() {
            return Some(start..comma);
        }
    }
    None
}

/// A transliterated name right after a title: two to eight transliteration characters
/// (and `·`), then the end of the clause or a word that follows a titled name.
fn foreign_name_at(chars: &[char], i: usize, is_foreign: &dyn Fn(char) -> bool) -> Option<usize> {
    let mut end = i;
    while end < chars.len() && (is_foreign(chars[end]) || (chars[end] == '·' && end > i)) {
        end += 1;
    }
    let len = end - i;
    let closes = chars.get(end).is_none_or(|c| !is_han(*c))
        || AFTER_TITLED_NAME
            .iter()
            .any(|v| starts_with_at(chars, end, v))
        || NAME_FOLLOWERS.iter().any(|v| starts_with_at(chars, end, v));
    ((2..=8).contains(&len) && chars[end - 1] != '·' && closes).then_some(len)
}

/// Characters after which a word starts (`对吴先生说`, `一位周先生`, `同村郑某`): function
/// words, measure words, and 村 of `同村`.
const BEFORE_A_WORD: &str = "的对向和与跟给让被把请据称同在是由从找叫问为位名及或村";

/// True if a surname stands alone at `i` as a person, before a form of address or `某`
/// (`吴先生`, `王某`), at the start of a word.
fn lone_surname_at(chars: &[char], i: usize) -> bool {
    // Cheapest test first: this runs at every character of every text.
    surname_len_at(chars, i) == Some(1)
        && lexicon::addresses_surname_at(chars, i + 1)
        && (i == 0 || !is_han(chars[i - 1]) || BEFORE_A_WORD.contains(chars[i - 1]))
}

fn starts_clause(chars: &[char], i: usize) -> bool {
    i == 0
        || matches!(
            chars[i - 1],
            '，' | '。' | '；' | '：' | '、' | ',' | '\n' | ' ' | '“' | '（' | '('
        )
}

/// The length of a name starting at `i`, if one does. After a title a name may be followed
/// by any clause end; elsewhere it must be followed by `同志` or a reporting verb.
fn name_at(chars: &[char], i: usize, after_title: bool) -> Option<usize> {
    let surname = surname_len_at(chars, i)?;
    // Prefer the two-character given name: `罗进飞` rather than `罗进`.
    for len in [surname + 2, surname + 1] {
        let Some(name) = chars.get(i..i + len) else {
            continue;
        };
        if !name.iter().all(|c| is_han(*c)) {
            continue;
        }
        let end = i + len;
        let ends_clause = chars.get(end).is_none_or(|c| !is_han(*c));
        // `陆为民同志主持`, `李鸿忠副委员长主持`: a word that follows names, or a title
        // written after the name.
        if NAME_FOLLOWERS.iter().any(|v| starts_with_at(chars, end, v))
            || (lexicon::title_at(chars, end) && !has_role_modifier(name))
        {
            return Some(len);
        }
        if after_title
            && (ends_clause
                || AFTER_TITLED_NAME
                    .iter()
                    .any(|v| starts_with_at(chars, end, v)))
        {
            return Some(len);
        }
    }
    None
}

/// The role written right before a name starting at `start`: the `、`-joined titles back
/// to the clause start, without the organisation in front of the first
/// (`市科协党组书记、常务副主席陆为民` → `党组书记、常务副主席`).
pub(crate) fn role_before(chars: &[char], start: usize) -> Option<String> {
    let clause_start = chars[..start]
        .iter()
        .rposition(|&c| !is_han(c) && c != '、')
        .map_or(0, |p| p + 1);
    let clause: String = chars[clause_start..start].iter().collect();
    let mut items: Vec<&str> = clause.split('、').collect();
    // Keep the items, from the name backwards, that end with a title.
    let keep = items
        .iter()
        .rev()
        .take_while(|item| {
            let item: Vec<char> = item.chars().collect();
            item.len() <= 16 && lexicon::title_ending_at(&item, item.len()).is_some()
        })
        .count();
    if keep == 0 {
        return None;
    }
    items.drain(..items.len() - keep);
    let first: Vec<char> = items[0].chars().collect();
    items[0] = strip_organisation(items[0], &first);
    Some(items.join("、"))
}

/// The title at the end of `item` with the role words before it, without what precedes
/// them (an organisation or place).
fn strip_organisation<'a>(item: &'a str, chars: &[char]) -> &'a str {
    let Some(title) = lexicon::title_ending_at(chars, chars.len()) else {
        return item;
    };
    let mut start = chars.len() - title.chars().count();
    while let Some(m) = ROLE_MODIFIERS
        .iter()
        .find(|m| ends_with_at(chars, start, m))
    {
        start -= m.chars().count();
    }
    let byte = chars[..start].iter().map(|c| c.len_utf8()).sum::<usize>();
    &item[byte..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        mentions(&chars, &|c| "普京邦戈佩特罗加西亚".contains(c))
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn a_lone_surname_before_a_form_of_address() {
        assert_eq!(names("六十年代初，吴先生到了北京"), ["吴"]);
        assert_eq!(names("就将同村郑某叫来看"), ["郑"]);
        // Inside a word a surname-like character is no name alone.
        assert!(names("这位账房先生说").is_empty());
        assert!(names("昆明王和医院").is_empty());
    }

    #[test]
    fn names_after_titles_and_in_lists() {
        let text = "市科协党组书记、常务副主席陆为民同志主持会议,党组成员、副主席罗进飞,党组成员、一级巡视员卢双盈,党组成员、副主席夏秋雨、王亚群,党组成员、二级巡视员边守川等同志出席会议。";
        assert_eq!(
            names(text),
            ["陆为民", "罗进飞", "卢双盈", "夏秋雨", "王亚群", "边守川"]
        );
    }

    #[test]
    fn foreign_names_after_titles_and_whole_lists() {
        assert_eq!(names("俄罗斯总统普京。"), ["普京"]);
        assert_eq!(
            names("全国政协副主席胡春华、咸辉、帕巴拉·格列朗杰等出席。"),
            ["胡春华", "咸辉", "帕巴拉·格列朗杰"]
        );
        assert_eq!(names("会上，万钢、李斌参加会见。"), ["万钢", "李斌"]);
    }

    #[test]
    fn names_in_doctrines() {
        assert_eq!(
            names("要坚持以习近平新时代中国特色社会主义思想为指导，学习邓小平理论。"),
            ["习近平", "邓小平"]
        );
        assert!(names("党组副书记、高级工程师出席。").is_empty());
    }

    #[test]
    fn names_before_verbs() {
        assert_eq!(names("国务院总理李强主持召开国务院常务会议。"), ["李强"]);
        assert_eq!(names("会上，马福林同志作了发言。"), ["马福林"]);
    }

    #[test]
    fn roles_lose_the_organisation_in_front() {
        let chars: Vec<char> = "市科协党组书记、常务副主席陆为民同志".chars().collect();
        assert_eq!(
            role_before(&chars, 13).as_deref(),
            Some("党组书记、常务副主席")
        );
        let chars: Vec<char> = "国务院总理李强".chars().collect();
        assert_eq!(role_before(&chars, 5).as_deref(), Some("总理"));
        let chars: Vec<char> = "会上，李强说".chars().collect();
        assert_eq!(role_before(&chars, 3), None);
    }

    #[test]
    fn slogans_are_not_names() {
        assert!(names("会议指出，全面建设社会主义现代化国家。市委书记处召开会议。").is_empty());
    }
}
