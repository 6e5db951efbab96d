//! Small word lists about names: surnames, titles, words that follow a name, and the
//! characters of transliterated foreign names. The recognizer uses them as features, so a
//! list entry is evidence the model weighs, not a rule that fires on its own.

/// Common Chinese surnames of two characters.
const SURNAMES_2: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "皇甫", "东方", "令狐", "慕容", "夏侯", "尉迟", "公孙", "长孙",
    "宇文", "司徒", "端木", "澹台", "南宫", "万俟", "呼延", "轩辕",
];

/// Common Chinese surnames of one character.
const SURNAMES_1: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习栗厉阚隗钮荆宓练虎浦衣越谈谌楼";

/// Titles written right before a name (`副主席罗进飞`), longest first where one ends
/// another, so that the longest match wins.
pub(crate) const TITLES: &[&str] = &[
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
    "总统",
    "副总统",
    "首相",
    "议长",
    "国王",
    "王储",
    "国务卿",
    "外长",
    "防长",
    "检察长",
    "审判长",
    "司令员",
    "司令",
    "政委",
    "将军",
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
    "党组成员",
    "常委",
    "干部",
    "书法家",
];

/// Words that follow a name and show it is one (`李强主持`, `陆为民同志`).
pub(crate) const NAME_FOLLOWERS: &[&str] = &[
    "同志", "先生", "女士", "主持", "出席", "会见", "会晤", "强调", "指出", "表示", "讲话", "发表",
    "签署", "考察", "调研", "率领", "带领", "抵达", "致辞", "致电", "宣布", "说", "认为", "介绍",
];

/// Characters common in transliterated foreign names (新华社 transliteration usage).
const TRANSLITERATION: &str = "阿埃艾爱安奥巴拜班邦贝本比彼宾波伯布查达戴丹德登迪蒂杜多厄恩法菲费芬丰弗福富盖甘戈格古哈海汉豪赫亨华霍基吉加贾杰金卡凯坎康柯科克肯库拉莱兰朗劳勒雷里利莉列林琳隆卢鲁伦罗洛马玛迈麦曼梅蒙米密摩莫姆穆纳娜奈南内尼涅纽诺帕潘佩皮普奇齐乔切丘萨塞桑瑟森沙尚舍什斯松苏索塔泰坦汤特提图托瓦万旺威韦维温沃乌西希谢辛休雅亚扬耶伊因尤约扎泽詹兹佐尔茨夫娃顿逊赖利塔琼茜黛蕾妮丝·";

/// True if a surname starts at `i` (one of two characters, or one of one).
pub(crate) fn is_surname_at(chars: &[char], i: usize) -> bool {
    let Some(&c) = chars.get(i) else { return false };
    SURNAMES_1.contains(c) || SURNAMES_2.iter().any(|s| starts_with_at(chars, i, s))
}

/// The length of the surname at `i`, if one starts there (two-character ones first).
pub(crate) fn surname_len_at(chars: &[char], i: usize) -> Option<usize> {
    if SURNAMES_2.iter().any(|s| starts_with_at(chars, i, s)) {
        Some(2)
    } else {
        chars.get(i).filter(|c| SURNAMES_1.contains(**c)).map(|_| 1)
    }
}

/// True if the text before `i` ends with a title from [`TITLES`].
pub(crate) fn title_before(chars: &[char], i: usize) -> bool {
    title_ending_at(chars, i).is_some()
}

/// The longest title from [`TITLES`] that ends right before `i`.
pub(crate) fn title_ending_at(chars: &[char], i: usize) -> Option<&'static str> {
    TITLES
        .iter()
        .filter(|t| ends_with_at(chars, i, t))
        .max_by_key(|t| t.len())
        .copied()
}

/// True if a word from [`NAME_FOLLOWERS`] starts at `i`.
pub(crate) fn name_follower_at(chars: &[char], i: usize) -> bool {
    NAME_FOLLOWERS.iter().any(|w| starts_with_at(chars, i, w))
}

/// True for characters common in transliterated foreign names.
pub(crate) fn is_transliteration(c: char) -> bool {
    TRANSLITERATION.contains(c)
}

/// A coarse class: 1 Han, 2 digit, 3 Latin letter, 4 `·`-like separator, 5 other
/// punctuation or space, 0 the sentence edge.
pub(crate) fn char_class(c: char) -> u64 {
    match c {
        '\u{2}' => 0,
        c if is_han(c) => 1,
        c if c.is_numeric() => 2,
        c if c.is_alphabetic() => 3,
        '·' | '•' | '・' | '—' | '-' => 4,
        _ => 5,
    }
}

/// True for CJK ideographs.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// True if the text before `i` ends with `word`.
pub(crate) fn ends_with_at(chars: &[char], i: usize, word: &str) -> bool {
    let n = word.chars().count();
    i >= n && i <= chars.len() && chars[i - n..i].iter().copied().eq(word.chars())
}

/// True if the text from `i` starts with `word`.
pub(crate) fn starts_with_at(chars: &[char], i: usize, word: &str) -> bool {
    let n = word.chars().count();
    i + n <= chars.len() && chars[i..i + n].iter().copied().eq(word.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_and_titles() {
        let chars: Vec<char> = "副主席欧阳明".chars().collect();
        assert_eq!(title_ending_at(&chars, 3), Some("副主席"));
        assert_eq!(surname_len_at(&chars, 3), Some(2));
        assert!(!is_surname_at(&chars, 99));
    }
}
