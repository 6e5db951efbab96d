//! Small word lists about names: surnames, titles and words that follow a name. The recognizer uses them as features, so a
//! list entry is evidence the model weighs, not a rule that fires on its own.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::chars::{CharSet, is_han, is_name_separator};
pub(crate) use crate::text::words::{
    FOREIGN_TITLES, ends_with_at, starts_with_at, title_at, title_before, title_ending_at, titles,
};

/// Common Chinese surnames of two characters.
const SURNAMES_2: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "皇甫", "东方", "令狐", "慕容", "夏侯", "尉迟", "公孙", "长孙",
    "宇文", "司徒", "端木", "澹台", "南宫", "万俟", "呼延", "轩辕",
];

/// Common Chinese surnames of one character.
const SURNAMES_1: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习栗厉阚隗钮荆宓练虎浦衣越谈谌楼铁咸";

/// Words that follow a name and show it is one (`李强主持`, `陆为民同志`).
pub(crate) const NAME_FOLLOWERS: &[&str] = &[
    "同志", "先生", "女士", "主持", "出席", "会见", "会晤", "强调", "指出", "表示", "讲话", "发表",
    "签署", "考察", "调研", "率领", "带领", "抵达", "致辞", "致电", "宣布", "说", "认为", "介绍",
    "参加", "陪同",
];

/// The word lists as sets and character arrays, built once: the recognizer asks about
/// every character of every document, so each question must cost a lookup, not a scan.
struct Lists {
    surnames_1: CharSet,
    surnames_2: Vec<Vec<char>>,
    surname_2_starts: CharSet,
    /// Followers by their first character.
    followers_by_start: HashMap<char, Vec<Vec<char>>>,
    follower_starts: CharSet,
    known_persons: WordList,
    known_places: WordList,
    not_persons: WordList,
}

/// People news and reports often name (`dict/known_persons.txt`).
const KNOWN_PERSONS: &str = include_str!("../../../dict/known_persons.txt");

/// Countries, regions and cities news often names (`dict/known_places.txt`).
const KNOWN_PLACES: &str = include_str!("../../../dict/known_places.txt");

/// Words that are hardly ever a name and look like one (`dict/not_persons.txt`).
const NOT_PERSONS: &str = include_str!("../../../dict/not_persons.txt");

/// Words of a list file (space-separated, `#` comment lines) by first character, longest
/// first, so that the first match at a position is the longest.
struct WordList {
    by_start: HashMap<char, Vec<Vec<char>>>,
    starts: CharSet,
}

impl WordList {
    fn parse(text: &str) -> WordList {
        let mut by_start: HashMap<char, Vec<Vec<char>>> = HashMap::new();
        let words = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .flat_map(str::split_whitespace);
        for word in words {
            let chars: Vec<char> = word.chars().collect();
            by_start.entry(chars[0]).or_default().push(chars);
        }
        for words in by_start.values_mut() {
            words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        WordList {
            starts: by_start.keys().copied().collect(),
            by_start,
        }
    }

    /// The length of the longest word of the list that starts at `i`.
    fn longest_at(&self, chars: &[char], i: usize) -> Option<usize> {
        let c = *chars.get(i)?;
        if !self.starts.contains(c) {
            return None;
        }
        self.by_start[&c]
            .iter()
            .find(|word| chars[i..].starts_with(word))
            .map(Vec::len)
    }

    fn contains(&self, word: &[char]) -> bool {
        word.first()
            .and_then(|c| self.by_start.get(c))
            .is_some_and(|words| words.iter().any(|w| w == word))
    }
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut followers_by_start: HashMap<char, Vec<Vec<char>>> = HashMap::new();
    for word in NAME_FOLLOWERS {
        let chars: Vec<char> = word.chars().collect();
        followers_by_start.entry(chars[0]).or_default().push(chars);
    }
    Lists {
        known_persons: WordList::parse(KNOWN_PERSONS),
        known_places: WordList::parse(KNOWN_PLACES),
        not_persons: WordList::parse(NOT_PERSONS),
        surnames_1: SURNAMES_1.chars().collect(),
        surnames_2: SURNAMES_2.iter().map(|s| s.chars().collect()).collect(),
        surname_2_starts: SURNAMES_2.iter().filter_map(|s| s.chars().next()).collect(),
        follower_starts: followers_by_start.keys().copied().collect(),
        followers_by_start,
    }
});

/// True if a surname starts at `i` (one of two characters, or one of one).
pub(crate) fn is_surname_at(chars: &[char], i: usize) -> bool {
    surname_len_at(chars, i).is_some()
}

/// The length of the surname at `i`, if one starts there (two-character ones first).
pub(crate) fn surname_len_at(chars: &[char], i: usize) -> Option<usize> {
    let c = *chars.get(i)?;
    let lists = &*LISTS;
    if lists.surname_2_starts.contains(c)
        && lists
            .surnames_2
            .iter()
            .any(|s| s[0] == c && chars[i..].starts_with(s))
    {
        Some(2)
    } else {
        lists.surnames_1.contains(c).then_some(1)
    }
}

/// True if a title that may follow a Chinese given name used on its own (`鸿忠书记`)
/// starts at `i`: one from [`titles`] that is not a foreign office's.
pub(crate) fn given_name_title_at(chars: &[char], i: usize) -> bool {
    title_at(chars, i) && !FOREIGN_TITLES.iter().any(|t| starts_with_at(chars, i, t))
}

/// True if `text` is nothing but titles from [`titles`], joined by `兼`, `、`, `和` or
/// `及` (`副总理兼外交部长`).
pub(crate) fn titles_only(text: &[char]) -> bool {
    // reachable[i]: the first i characters are titles and joiners.
    let mut reachable = vec![false; text.len() + 1];
    reachable[0] = true;
    for i in 0..text.len() {
        if !reachable[i] {
            continue;
        }
        if i > 0 && "兼、和及".contains(text[i]) {
            reachable[i + 1] = true;
        }
        for title in titles() {
            if starts_with_at(text, i, title) {
                reachable[i + title.chars().count()] = true;
            }
        }
    }
    // A joiner must stand between titles, not end the text (`总理、` before the next name
    // of a list).
    !text.is_empty() && reachable[text.len()] && !"兼、和及".contains(text[text.len() - 1])
}

/// True if a word from [`NAME_FOLLOWERS`] starts at `i`.
pub(crate) fn name_follower_at(chars: &[char], i: usize) -> bool {
    chars
        .get(i)
        .filter(|c| LISTS.follower_starts.contains(**c))
        .and_then(|c| LISTS.followers_by_start.get(c))
        .is_some_and(|words| words.iter().any(|w| chars[i..].starts_with(w)))
}

/// The length of the longest known person's name (`dict/known_persons.txt`) that starts
/// at `i`.
pub(crate) fn known_person_at(chars: &[char], i: usize) -> Option<usize> {
    LISTS.known_persons.longest_at(chars, i)
}

/// The length of the longest known place (`dict/known_places.txt`) that starts at `i`.
pub(crate) fn known_place_at(chars: &[char], i: usize) -> Option<usize> {
    LISTS.known_places.longest_at(chars, i)
}

/// True if `span` is a known person's name as written (`dict/known_persons.txt`).
pub(crate) fn is_known_person(chars: &[char], span: std::ops::Range<usize>) -> bool {
    chars
        .get(span)
        .is_some_and(|name| LISTS.known_persons.contains(name))
}

/// True if `span` names a place rather than a person: a known place starting there takes
/// it all in (`卢甘斯|克`) or all but one character (`乌克兰多|地` cut short), or it is a
/// country's one-character abbreviation with `军` or `方` (`乌军`, `日方`, `黎方`, with a
/// verb taken in: `马方愿`), or the abbreviations of two or three countries before
/// `双方`, `两国`… (`沙伊双方`); and it is not a known person's name.
pub(crate) fn is_known_place(chars: &[char], span: std::ops::Range<usize>) -> bool {
    let place = known_place_at(chars, span.start).is_some_and(|len| len + 1 >= span.len());
    let abbreviation =
        |c: char| COUNTRY_ABBREVIATIONS.contains(c) || SURNAME_COUNTRY_ABBREVIATIONS.contains(c);
    // `黎方`, and `马方愿` with the verb after the side taken in.
    let side = span.len() >= 2
        && match chars[span.start + 1] {
            '军' => span.len() == 2 && COUNTRY_ABBREVIATIONS.contains(chars[span.start]),
            '方' => {
                abbreviation(chars[span.start])
                    && (span.len() == 2
                        || (span.len() == 3 && SIDE_VERBS.contains(chars[span.end - 1])))
            }
            _ => false,
        };
    let sides = (2..=3).contains(&span.len())
        && chars[span.clone()].iter().all(|&c| abbreviation(c))
        && SIDES_FOLLOWERS
            .iter()
            .any(|w| starts_with_at(chars, span.end, w));
    (place || side || sides) && !is_known_person(chars, span)
}

/// Verbs and adverbs a side's `X方` is followed by (`马方愿`, `黎方将`), which the model
/// may take in.
const SIDE_VERBS: &str = "愿将对已也都还就要应会均支赞希表认同与和在";

/// True if `span` is a word that looks like a name and hardly ever is one
/// (`dict/not_persons.txt`: `奥密克戎`, `祝福`).
pub(crate) fn is_not_person(chars: &[char], span: std::ops::Range<usize>) -> bool {
    chars
        .get(span)
        .is_some_and(|word| LISTS.not_persons.contains(word))
}

/// One-character abbreviations of countries (`乌军`, `美方`), leaving out those that are
/// common surnames too (马, 韩…), as in `马军`.
const COUNTRY_ABBREVIATIONS: &str = "中美俄乌英法德日朝印巴伊以叙土埃泰菲澳墨意荷挪芬匈捷希葡";

/// Abbreviations of countries that are common surnames too. Before `方` they still name a
/// side (`中方愿同马方一道`): a person named so is far rarer in reports than the side;
/// before `军` they are left to the model (`马军`).
const SURNAME_COUNTRY_ABBREVIATIONS: &str = "马韩哈萨吉塔蒙老越柬缅古秘智尼塞沙阿乍黎卢孟苏白文汤利卡科格约摩刚坦肯津赞瑞比波加新斯斐委玻厄";

/// What follows the abbreviations of two or three countries written together (`沙伊双方`,
/// `中吉乌三国`): the sides, not a person.
const SIDES_FOLLOWERS: &[&str] = &[
    "双方", "两国", "三国", "三方", "四国", "关系", "合作", "铁路",
];

/// Words after which a name-shaped string is a place or a body, not a person
/// (`巴赫穆特方向`, `乌克兰局势`, `哈马斯武装`).
const PLACE_FOLLOWERS: &[&str] = &[
    "方向",
    "地区",
    "一带",
    "附近",
    "境内",
    "前线",
    "局势",
    "危机",
    "冲突",
    "问题",
    "当局",
    "政府",
    "武装",
    "军队",
    "军方",
    "部队",
    "方面",
    "首都",
    "市",
    "州",
    "省",
    "县",
    "河",
    "湖",
    "港",
    "岛",
    "国",
    "人民",
    "民众",
    "境",
    "城",
    "湾",
    "共和国",
    "王国",
    "大学",
    "公司",
    "集团",
    "组织",
    // Works and sites named after a place (`杭温高铁`, `某某水电站`).
    "高铁",
    "铁路",
    "大桥",
    "电站",
    "水电站",
    "机场",
    "隧道",
    "水库",
    "景区",
    "新区",
    "古镇",
    "通道",
    "走廊",
    "等地",
];

/// Words after which a name-shaped string is a body named after someone or something
/// (`卡迈勒·阿德万医院`, `某某研究所`): that occurrence is no person, though the name
/// may be one elsewhere in the document (`孔子学院`, `孔子说`).
const BODY_FOLLOWERS: &[&str] = &[
    "学院",
    "医院",
    "研究所",
    "研究院",
    "电视台",
    "频道",
    "基金会",
];

/// The most characters of a body's name between a name and the word that ends it
/// (`伊弗|经济|研究所`, `卡迈勒·阿德|万|医院`).
const BODY_NAME_MIDDLE: usize = 2;

/// Characters that show the words between a name and a body are no part of the body's
/// name: what a person does there (`某某在医院`, `某某赴研究所`).
const NOT_IN_BODY_NAMES: &str =
    "在是和与同对向为说将曾已也都又就还等及并以因时到去赴回进出访看住任";

/// True if a body's name goes on from `at` and ends with a word of [`BODY_FOLLOWERS`]
/// within [`BODY_NAME_MIDDLE`] characters: the name before `at` is part of that name.
fn names_a_body_after(chars: &[char], at: usize) -> bool {
    (1..=BODY_NAME_MIDDLE).any(|middle| {
        chars.get(at..at + middle).is_some_and(|m| {
            m.iter()
                .all(|&c| is_han(c) && !NOT_IN_BODY_NAMES.contains(c))
        }) && BODY_FOLLOWERS
            .iter()
            .any(|w| starts_with_at(chars, at + middle, w))
    })
}

/// Verbs whose object is a place, never a person (`攻占巴赫穆特`, `抵达库皮扬斯克`).
const PLACE_VERBS: &[&str] = &[
    "抵达", "前往", "赴", "攻占", "包围", "进攻", "撤出", "驻扎", "位于", "途经", "飞抵", "袭击",
];

/// Nouns that a place's name follows as their apposition (`港口城市埃拉特`, `首都…`).
const PLACE_NOUNS_BEFORE: &[&str] = &["城市", "首都", "首府", "小镇", "重镇"];

/// True if some occurrence of `name` in `text` stands where only a place or a body can:
/// before a word like `方向` or `地区`, after a verb like `攻占` or a noun like `城市`.
/// One such occurrence shows what the name is in the whole document.
pub(crate) fn named_as_place(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let after = &text[at + name.len()..];
        let before = &text[..at];
        PLACE_FOLLOWERS.iter().any(|w| after.starts_with(w))
            || PLACE_VERBS
                .iter()
                .chain(PLACE_NOUNS_BEFORE)
                .any(|v| before.ends_with(v))
            || lists_places(after)
    })
}

/// True if `after` continues a `、` list that ends in `等地` (`库皮扬斯克、热列别茨河等多地`).
fn lists_places(after: &str) -> bool {
    if !after.starts_with('、') {
        return false;
    }
    let list: String = after
        .chars()
        .take_while(|&c| is_han(c) || c == '、' || c == '·')
        .collect();
    ["等地", "等多地", "等地区"]
        .iter()
        .any(|end| list.contains(end))
}

/// What the model sometimes takes into a name from after it, besides [`titles`] and
/// [`FORMS_OF_ADDRESS`]: `老`, and the words that make a name into a doctrine or a trophy
/// (`邓小平理论`, `尤伯杯`), where the name itself is still the person's.
const NAME_SUFFIXES: &[&str] = &["老", "理论", "思想", "主义", "杯"];

/// True if a word of [`NAME_SUFFIXES`] starts at `i` (`…思想`, `…主义`).
#[cfg(feature = "training")]
pub(crate) fn name_suffix_at(chars: &[char], i: usize) -> bool {
    NAME_SUFFIXES.iter().any(|w| starts_with_at(chars, i, w))
}

/// What follows a surname standing for a person or a family (`王某`, `刘家`).
pub(crate) const LONE_SURNAME_SUFFIXES: &str = "某家";

/// Forms of address written after a surname or a name (`吴先生`, `王小姐`).
const FORMS_OF_ADDRESS: &[&str] = &[
    "先生", "女士", "小姐", "夫人", "大娘", "大爷", "大妈", "大姐", "大哥", "大夫", "师傅", "阿姨",
];

/// The length of the title, form of address or [`NAME_SUFFIXES`] word that `name` ends
/// with, if any.
pub(crate) fn name_suffix_len(name: &[char]) -> Option<usize> {
    title_ending_at(name, name.len())
        .map(|t| t.chars().count())
        .or_else(|| {
            NAME_SUFFIXES
                .iter()
                .chain(FORMS_OF_ADDRESS)
                .filter(|w| ends_with_at(name, name.len(), w))
                .map(|w| w.chars().count())
                .max()
        })
}

/// True if what starts at `i` makes a surname right before it a person on its own: a
/// form of address or `某` (`吴先生`, `王某`).
pub(crate) fn addresses_surname_at(chars: &[char], i: usize) -> bool {
    chars.get(i) == Some(&'某') || FORMS_OF_ADDRESS.iter().any(|w| starts_with_at(chars, i, w))
}

/// What stands before a one-character name (`老王`, `小李`) or after it (`郑某`, `吕老`).
const SINGLE_NAME_BEFORE: &str = "老小";
const SINGLE_NAME_AFTER: &str = "老总氏";

/// False where the text around `span` shows it names a place or a body, or where a lone
/// character is not marked as a surname used as a name.
pub(crate) fn stands_as_person(chars: &[char], span: std::ops::Range<usize>) -> bool {
    if PLACE_FOLLOWERS
        .iter()
        .chain(BODY_FOLLOWERS)
        .any(|w| starts_with_at(chars, span.end, w))
        || names_a_body_after(chars, span.end)
    {
        return false;
    }
    // A make before a model's number (`米格-29`, `伊尔-76`), not a person.
    let model_number = chars.get(span.end).is_some_and(|&c| is_name_separator(c))
        && chars
            .get(span.end + 1)
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if model_number {
        return false;
    }
    // A whole quotation is a term or a brand (`“施工图”`, `“夏利”`), and a whole
    // parenthesis an abbreviation (`抵抗运动（哈马斯）`), not a person.
    let before = span.start.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(span.end).copied();
    if matches!(
        (before, after),
        (Some('“'), Some('”'))
            | (Some('「'), Some('」'))
            | (Some('『'), Some('』'))
            | (Some('（'), Some('）'))
            | (Some('('), Some(')'))
    ) {
        return false;
    }
    if span.len() == 1 {
        return before.is_some_and(|c| SINGLE_NAME_BEFORE.contains(c))
            || after.is_some_and(|c| {
                SINGLE_NAME_AFTER.contains(c) || LONE_SURNAME_SUFFIXES.contains(c)
            })
            || addresses_surname_at(chars, span.end)
            || title_at(chars, span.end);
    }
    true
}

/// The most characters a quotation may hold around a span for the span to be a piece
/// of a quoted term (`“沙戈荒”`); longer quotations are sentences, which name persons.
const SHORT_QUOTATION: usize = 6;

/// True if `span` is part, not all, of a quotation of Han characters only, at most
/// [`SHORT_QUOTATION`] long: a slogan's or a term's piece (`“沙戈|荒”`). (A word of
/// its own may still be a name inside a term, `“豆腐西施”`: the caller decides.)
pub(crate) fn inside_short_quotation(chars: &[char], span: &std::ops::Range<usize>) -> bool {
    let opening = (0..span.start)
        .rev()
        .take(SHORT_QUOTATION + 1)
        .find(|&i| !is_han(chars[i]));
    let closing = (span.end..chars.len())
        .take(SHORT_QUOTATION + 1)
        .find(|&i| !is_han(chars[i]));
    match (opening, closing) {
        (Some(open), Some(close)) => {
            let quoted = matches!(
                (chars[open], chars[close]),
                ('“', '”') | ('「', '」') | ('『', '』')
            );
            let content = close - open - 1;
            quoted && content <= SHORT_QUOTATION && content > span.len()
        }
        _ => false,
    }
}

/// A coarse class: 1 Han, 2 digit, 3 Latin letter, 4 `·`-like separator, 5 other
/// punctuation or space, 0 the sentence edge.
pub(crate) fn char_class(c: char) -> u64 {
    match c {
        '\u{2}' => 0,
        c if is_han(c) => 1,
        c if c.is_numeric() => 2,
        c if c.is_alphabetic() => 3,
        c if is_name_separator(c) => 4,
        _ => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_and_makes_are_no_persons() {
        let c = chars("黎方愿同中方合作，马方愿意。沙伊双方签署声明。");
        assert!(is_known_place(&c, 0..2));
        assert!(is_known_place(&c, 0..3));
        assert!(is_known_place(&c, 9..11));
        assert!(is_known_place(&c, 14..16));
        assert!(!is_known_place(&c, 14..15));
        let c = chars("韩方明教授和白方礼");
        assert!(!is_known_place(&c, 0..3));
        assert!(!is_known_place(&c, 6..9));
        let c = chars("卡拉姆·塞提医院");
        assert!(!stands_as_person(&c, 0..6));
        let c = chars("两架卡莫夫-52直升机，卡莫夫说");
        assert!(!stands_as_person(&c, 2..5));
        assert!(stands_as_person(&c, 12..15));
    }

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn known_lists_match_whole_entries() {
        assert_eq!(known_person_at(&chars("会见克林顿"), 2), Some(3));
        assert_eq!(known_person_at(&chars("会见克林"), 2), None);
        assert!(is_known_person(&chars("日本首相小泉"), 4..6));
        let place = |text: &str, span: std::ops::Range<usize>| is_known_place(&chars(text), span);
        assert!(place("在莫斯科", 1..4));
        // A place with one character more is the place cut short, and a place's start
        // is part of it; a country's abbreviation with 军 or 方 is its army or side, but
        // 王军 is a name.
        assert!(place("乌克兰多地", 0..4));
        assert!(place("卢甘斯克地区", 0..3));
        assert!(!place("卢甘斯克地区", 1..3));
        assert!(place("乌军袭击", 0..2));
        assert!(!place("王军说", 0..2));
        // 马 is a surname: 马方 is a side, 马军 is left to the model.
        assert!(place("中方愿同马方一道", 4..6));
        assert!(!place("马军说", 0..2));
        assert!(is_not_person(&chars("奥密克戎毒株"), 0..4));
        assert!(!is_not_person(&chars("奥密克戎毒株"), 0..3));
    }

    #[test]
    fn titles_only_accepts_joined_titles() {
        assert!(titles_only(&chars("副总理兼外交部长")));
        assert!(titles_only(&chars("总统")));
        assert!(!titles_only(&chars("总统对俄罗斯总理")));
        assert!(!titles_only(&chars("")));
        // A list's `、` after the title belongs to the list, not to the titles.
        assert!(!titles_only(&chars("总理、")));
        assert!(given_name_title_at(&chars("鸿忠书记"), 2));
        assert!(!given_name_title_at(&chars("桥本首相"), 2));
    }

    #[test]
    fn a_place_context_anywhere_marks_the_name() {
        assert!(named_as_place("俄军攻占巴赫穆特。巴赫穆特说", "巴赫穆特"));
        assert!(named_as_place("乌军在巴赫穆特方向", "巴赫穆特"));
        assert!(!named_as_place("泽连斯基说，泽连斯基表示", "泽连斯基"));
        assert!(named_as_place(
            "俄军在库皮扬斯克、热列别茨河等多地打击",
            "库皮扬斯克"
        ));
        assert!(!named_as_place("王毅、蔡奇等出席，各地", "王毅"));
        assert!(named_as_place("袭击了港口城市青禾湾的目标", "青禾湾"));
        assert!(!named_as_place("城市规划局局长林晓岚说", "林晓岚"));
    }

    #[test]
    fn works_named_after_a_place_and_pieces_of_quoted_terms_are_no_persons() {
        assert!(!stands_as_person(&chars("青禾高铁开通"), 0..2));
        assert!(!stands_as_person(&chars("青禾湾水电站施工"), 0..3));
        assert!(stands_as_person(&chars("青禾湾说"), 0..3));
        // A body named after someone, its name going on before the word that ends it.
        assert!(!stands_as_person(&chars("德国青禾经济研究所公布"), 2..4));
        assert!(!stands_as_person(&chars("北部的卡迈勒·青禾万医院"), 3..9));
        assert!(stands_as_person(&chars("林晓岚在医院看望病人"), 0..3));
        assert!(!stands_as_person(&chars("内察青禾走廊"), 2..4));
        let quoted = chars("三个“沙禾荒”基地和“林晓岚”工作室");
        assert!(inside_short_quotation(&quoted, &(3..5)));
        // The whole quotation is the whole-quotation rule's; a name beside, none.
        assert!(!inside_short_quotation(&quoted, &(10..13)));
        let long = chars("他说“林晓岚同志工作认真负责”");
        assert!(!inside_short_quotation(&long, &(3..6)));
    }

    #[test]
    fn surnames_and_titles() {
        let chars: Vec<char> = "副主席欧阳明".chars().collect();
        assert_eq!(title_ending_at(&chars, 3), Some("副主席"));
        assert_eq!(surname_len_at(&chars, 3), Some(2));
        assert!(!is_surname_at(&chars, 99));
    }
}
