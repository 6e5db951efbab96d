//! The word lists the code owns: closed sets of titles, role words and organisation
//! suffixes whose entries the logic of more than one module depends on (person
//! recognition and department naming), with the lookups on them. Lists users edit live in
//! `dict/` instead (see [`crate::text`]); lists only one module's logic reads stay in it.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::chars::CharSet;

/// Suffixes of organisation names, used to tell a body from anything else.
pub(crate) const ORG_SUFFIXES: &[&str] = &[
    "科协",
    "委员会",
    "党组",
    "党委",
    "政府",
    "协会",
    "学会",
    "联合会",
    "中心",
    "办公室",
    "政治局",
    "国务院",
    "机制",
    "小组",
    "工作组",
    "中央",
    "局",
    "厅",
    "部",
    "院",
    "委",
    "办",
    "会",
    "集团",
    "公司",
    "大学",
    "学校",
    "医院",
    "支部",
    "机关",
    "法院",
    "检察院",
    "政协",
    "人大",
    "常委会",
    "联",
    "团",
    "署",
    "所",
    "组织",
    "国防军",
    "杂志",
    "社",
    // Newspapers, which act when they publish (`《人民日报》发表评论员文章`).
    "日报",
    "晚报",
];

/// Titles written right before a name (`副主席罗进飞`), besides [`FOREIGN_TITLES`]. The
/// lookups match the longest title, so their order does not matter.
const DOMESTIC_TITLES: &[&str] = &[
    "总书记",
    "副书记",
    "书记",
    "副主席",
    "主席",
    "副总理",
    "总理",
    "部长",
    "省长",
    "市长",
    "区长",
    "县长",
    "州长",
    "镇长",
    "村长",
    "主任",
    "组长",
    "巡视员",
    "调研员",
    "委员",
    "秘书长",
    "局长",
    "厅长",
    "处长",
    "科长",
    "院长",
    "校长",
    "会长",
    "社长",
    "团长",
    "队长",
    "站长",
    "行长",
    "署长",
    "理事长",
    "董事长",
    "总经理",
    "经理",
    "主委",
    "大使",
    "公使",
    "领事",
    "委员长",
    "副委员长",
    "检察长",
    "审判长",
    "司令员",
    "司令",
    "政委",
    "将军",
    "顾问",
    "元帅",
    "代表",
    "专家",
    "教授",
    "院士",
    "博士",
    "医生",
    "老师",
    "记者",
    "编辑",
    "作家",
    "画家",
    "诗人",
    "演员",
    "导演",
    "运动员",
    "教练",
    "选手",
    "研究员",
    "工程师",
    "负责人",
    "发言人",
    "外交部长",
    "党组成员",
    "常委",
    "干部",
    "书法家",
];

/// Titles of foreign offices (`桥本首相`, `素林外长`): a two-character name before one
/// is a name written in full, not a Chinese given name used on its own.
pub(crate) const FOREIGN_TITLES: &[&str] = &[
    "总统",
    "副总统",
    "首相",
    "国王",
    "王储",
    "国务卿",
    "外长",
    "防长",
    "天皇",
    "总督",
    "议长",
];

/// Every title: [`DOMESTIC_TITLES`] and [`FOREIGN_TITLES`].
pub(crate) fn titles() -> impl Iterator<Item = &'static str> {
    DOMESTIC_TITLES.iter().chain(FOREIGN_TITLES).copied()
}

/// Parts of a role written before a title (`党组书记`, `常务副主席`, `一级巡视员`).
pub(crate) const ROLE_MODIFIERS: &[&str] = &[
    "党组",
    "党委",
    "党工委",
    "纪检组",
    "常务",
    "执行",
    "名誉",
    "专职",
    "驻会",
    "第一",
    "一级",
    "二级",
    "三级",
    "四级",
    "副",
    "总",
    "代理",
    "首席",
    "特邀",
    "资深",
    "高级",
    "中级",
    "初级",
    "特级",
];

/// True if the text before `i` ends with a title from [`titles`].
pub(crate) fn title_before(chars: &[char], i: usize) -> bool {
    title_ending_at(chars, i).is_some()
}

/// The longest title from [`titles`] that ends right before `i`.
pub(crate) fn title_ending_at(chars: &[char], i: usize) -> Option<&'static str> {
    if i == 0 || i > chars.len() {
        return None;
    }
    if !TITLE_INDEX.ends.contains(chars[i - 1]) {
        return None;
    }
    let titles = TITLE_INDEX.by_end.get(&chars[i - 1])?;
    titles
        .iter()
        .find(|(title, _)| chars[..i].ends_with(title))
        .map(|(_, title)| *title)
}

/// True if a title from [`titles`] starts at `i`.
pub(crate) fn title_at(chars: &[char], i: usize) -> bool {
    titles().any(|t| starts_with_at(chars, i, t))
}

/// True if the text before `i` ends with `word`.
pub(crate) fn ends_with_at(chars: &[char], i: usize, word: &str) -> bool {
    let mut at = i.min(chars.len());
    for c in word.chars().rev() {
        if at == 0 || chars[at - 1] != c {
            return false;
        }
        at -= 1;
    }
    i <= chars.len()
}

/// True if the text from `i` starts with `word`.
pub(crate) fn starts_with_at(chars: &[char], i: usize, word: &str) -> bool {
    (i..)
        .zip(word.chars())
        .all(|(at, c)| chars.get(at) == Some(&c))
}

/// What is written before the title at the end of `item` and the role words before it:
/// the organisation of the office (`全国政协主席` → `全国政协`).
pub(crate) fn organisation_of_office(item: &[char]) -> Option<String> {
    let title = title_ending_at(item, item.len())?;
    let mut start = item.len() - title.chars().count();
    while let Some(m) = ROLE_MODIFIERS.iter().find(|m| ends_with_at(item, start, m)) {
        start -= m.chars().count();
    }
    (start > 0).then(|| item[..start].iter().collect())
}

/// [`titles`] by their last character, longest first: the recognizer asks about every
/// character of every document, so each question must cost a lookup, not a scan.
struct TitleIndex {
    by_end: HashMap<char, Vec<(Vec<char>, &'static str)>>,
    ends: CharSet,
}

static TITLE_INDEX: LazyLock<TitleIndex> = LazyLock::new(|| {
    let mut by_end: HashMap<char, Vec<(Vec<char>, &'static str)>> = HashMap::new();
    for title in titles() {
        let chars: Vec<char> = title.chars().collect();
        let last = *chars.last().expect("titles are not empty");
        by_end.entry(last).or_default().push((chars, title));
    }
    // Longest first, so that the first match is the longest.
    for titles in by_end.values_mut() {
        titles.sort_by_key(|(chars, _)| std::cmp::Reverse(chars.len()));
    }
    TitleIndex {
        ends: by_end.keys().copied().collect(),
        by_end,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn the_longest_title_before_a_position_wins() {
        let text = chars("国务院副总理丁薛祥");
        assert_eq!(title_ending_at(&text, 6), Some("副总理"));
        assert!(title_before(&text, 6));
        assert!(!title_before(&text, 7));
        assert_eq!(title_ending_at(&text, 0), None);
        assert_eq!(title_ending_at(&text, 99), None);
        assert!(title_at(&text, 3));
        assert!(!title_at(&text, 0));
    }

    #[test]
    fn words_at_positions() {
        let text = chars("全国政协主席");
        assert!(starts_with_at(&text, 4, "主席"));
        assert!(!starts_with_at(&text, 5, "主席"));
        assert!(ends_with_at(&text, 4, "政协"));
        assert!(!ends_with_at(&text, 3, "政协"));
        assert!(!ends_with_at(&text, 9, ""));
    }

    #[test]
    fn an_office_names_its_organisation() {
        let office = |text: &str| organisation_of_office(&chars(text));
        assert_eq!(office("全国政协主席").as_deref(), Some("全国政协"));
        assert_eq!(office("市科协党组书记").as_deref(), Some("市科协"));
        assert_eq!(office("主席"), None);
        assert_eq!(office("科协"), None);
    }

    #[test]
    fn no_list_has_an_entry_twice() {
        for list in [ORG_SUFFIXES, ROLE_MODIFIERS] {
            let mut seen = std::collections::HashSet::new();
            assert!(list.iter().all(|w| !w.is_empty() && seen.insert(*w)));
        }
        // A foreign office's title is one title, not also a domestic one.
        let mut seen = std::collections::HashSet::new();
        assert!(titles().all(|t| !t.is_empty() && seen.insert(t)));
        assert!(titles().any(|t| t == "首相") && !DOMESTIC_TITLES.contains(&"首相"));
    }
}
