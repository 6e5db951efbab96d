//! Metadata from text by simple rules: the meeting body and persons named.
//!
//! Deliberately plain context rules with small lexicons; every rule is here so that it can
//! be measured and replaced.

/// Common Chinese surnames, two-character ones first.
const SURNAMES_2: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "皇甫", "东方", "令狐", "慕容", "夏侯", "尉迟", "公孙", "长孙",
    "宇文", "司徒", "端木",
];
const SURNAMES_1: &str = "习栗厉阚隗王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

/// Titles written right before a name (`副主席罗进飞`).
const TITLES: &[&str] = &[
    "总书记",
    "书记",
    "主席",
    "总理",
    "部长",
    "省长",
    "市长",
    "区长",
    "县长",
    "州长",
    "主任",
    "组长",
    "巡视员",
    "调研员",
    "委员",
    "秘书长",
    "局长",
    "厅长",
    "处长",
    "院长",
    "校长",
    "会长",
    "理事长",
    "董事长",
    "总经理",
    "主委",
    "大使",
    "总统",
    "首相",
    "议长",
    "国务卿",
    "检察长",
    "司令员",
    "政委",
    "代表",
    "专家",
    "教授",
    "院士",
    "记者",
    "研究员",
    "负责人",
    "党组成员",
];

/// The last characters of [`TITLES`], to skip the title scan where none can end.
const TITLE_ENDS: &str = "记席理长任员委使统相卿表家授士者人";

/// Words that follow a name and show it is one (`李强主持`, `陆为民同志`).
const AFTER_NAME: &[&str] = &[
    "同志", "主持", "出席", "会见", "会晤", "强调", "指出", "表示", "讲话", "发表", "签署", "考察",
    "调研", "率领", "带领", "抵达", "致辞", "致电", "宣布",
];

/// Words that may follow a name that a title already announced (`总理李强在…`).
const AFTER_TITLED_NAME: &[&str] = &[
    "在", "对", "同", "与", "和", "等", "作", "致", "说", "代表", "参加", "前往", "为",
];

/// Suffixes of organisation names, used to tell a body from a person.
const ORG_SUFFIXES: &[&str] = &[
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
];

/// Meetings that stand for a body: the name in a headline, and the body it means.
const MEETING_BODIES: &[(&str, &str)] = &[
    ("国务院常务会议", "国务院"),
    ("中共中央政治局常务委员会", "中共中央政治局"),
    ("中央政治局常务委员会", "中共中央政治局"),
    ("中共中央政治局", "中共中央政治局"),
    ("中央政治局", "中共中央政治局"),
    ("全国人大常委会", "全国人大常委会"),
    ("中央全面深化改革委员会", "中央全面深化改革委员会"),
    ("中央财经委员会", "中央财经委员会"),
    ("中央军委", "中央军委"),
];

/// The bodies a headline says held a meeting, most specific first:
/// `市科协召开党组扩大会议` → `市科协党组`, `市科协`; `李强主持召开国务院常务会议` → `国务院`.
pub(crate) fn meeting_bodies(title: &str) -> Vec<String> {
    let mut bodies = Vec::new();
    for (meeting, body) in MEETING_BODIES {
        if title.contains(meeting) {
            crate::document::push_unique(&mut bodies, body.to_string());
            break;
        }
    }
    for verb in ["召开", "举行", "举办"] {
        let Some(at) = title.find(verb) else { continue };
        let subject = title[..at].trim();
        let count = subject.chars().count();
        if !(2..=20).contains(&count)
            || subject.contains("主持")
            || !ORG_SUFFIXES.iter().any(|s| subject.ends_with(s))
        {
            continue;
        }
        let meeting = &title[at + verb.len()..];
        for unit in ["党组", "党委", "常委会", "理事会", "主席团"] {
            if meeting.starts_with(unit) {
                crate::document::push_unique(&mut bodies, format!("{subject}{unit}"));
            }
        }
        crate::document::push_unique(&mut bodies, subject.to_string());
        break;
    }
    bodies
}

/// Persons named in a headline and its body, headline first.
pub(crate) fn persons_in(title: &str, body: &str) -> Vec<String> {
    let mut all = persons(title);
    for name in persons(body) {
        crate::document::push_unique(&mut all, name);
    }
    all
}

/// Persons named in `text`: a surname-led name of two or three characters right after a
/// title, right before `同志` or a reporting verb, or in a `、` list with such a name.
pub(crate) fn persons(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Only a title's last character can stand right before a name found by title.
        let after_title = i > 0
            && TITLE_ENDS.contains(chars[i - 1])
            && TITLES.iter().any(|t| ends_with_at(&chars, i, t));
        let continues_list = i > 0
            && chars[i - 1] == '、'
            && found
                .last()
                .is_some_and(|last: &(usize, String)| last.0 + 1 == i);
        if (after_title || continues_list || starts_clause(&chars, i))
            && let Some(len) = name_at(&chars, i, after_title || continues_list)
        {
            let name: String = chars[i..i + len].iter().collect();
            found.push((i + len, name));
            i += len;
            continue;
        }
        i += 1;
    }
    let mut persons = Vec::new();
    for (_, name) in found {
        crate::document::push_unique(&mut persons, name);
    }
    persons
}

/// True if the text before `i` ends with `word`.
fn ends_with_at(chars: &[char], i: usize, word: &str) -> bool {
    let n = word.chars().count();
    i >= n && chars[i - n..i].iter().copied().eq(word.chars())
}

fn starts_clause(chars: &[char], i: usize) -> bool {
    i == 0
        || matches!(
            chars[i - 1],
            '，' | '。' | '；' | '：' | '、' | ',' | '\n' | ' ' | '“' | '（'
        )
}

/// The length of a name starting at `i`, if one does. After a title a name may be followed
/// by any clause end; elsewhere it must be followed by `同志` or a reporting verb.
fn name_at(chars: &[char], i: usize, after_title: bool) -> Option<usize> {
    let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
    let surname = SURNAMES_2
        .iter()
        .find(|s| rest.starts_with(*s))
        .map(|s| s.chars().count())
        .or_else(|| chars.get(i).filter(|c| SURNAMES_1.contains(**c)).map(|_| 1))?;
    for len in [surname + 1, surname + 2] {
        let Some(name) = chars.get(i..i + len) else {
            break;
        };
        if !name.iter().all(|c| is_han(*c)) {
            break;
        }
        let tail: String = chars[i + len..chars.len().min(i + len + 4)]
            .iter()
            .collect();
        let ends_clause = tail.is_empty() || tail.starts_with(|c: char| !is_han(c));
        let name: String = name.iter().collect();
        if ORG_SUFFIXES.iter().any(|s| name.ends_with(s)) {
            continue;
        }
        if AFTER_NAME.iter().any(|v| tail.starts_with(v)) {
            return Some(len);
        }
        if after_title && (ends_clause || AFTER_TITLED_NAME.iter().any(|v| tail.starts_with(v))) {
            return Some(len);
        }
    }
    None
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_after_titles_and_in_lists() {
        let text = "市科协党组书记、常务副主席陆为民同志主持会议,党组成员、副主席罗进飞,党组成员、一级巡视员卢双盈,党组成员、副主席夏秋雨、王亚群,党组成员、二级巡视员边守川等同志出席会议。";
        assert_eq!(
            persons(text),
            ["陆为民", "罗进飞", "卢双盈", "夏秋雨", "王亚群", "边守川"]
        );
    }

    #[test]
    fn names_before_verbs() {
        assert_eq!(persons("国务院总理李强主持召开国务院常务会议。"), ["李强"]);
        assert_eq!(persons("会上，马福林同志作了发言。"), ["马福林"]);
    }

    #[test]
    fn title_ends_cover_every_title() {
        for title in TITLES {
            assert!(
                TITLE_ENDS.contains(title.chars().last().unwrap()),
                "{title}"
            );
        }
    }

    #[test]
    fn names_in_headlines() {
        assert_eq!(
            persons_in("李强主持召开国务院常务会议", "会议指出，要稳增长。"),
            ["李强"]
        );
    }

    #[test]
    fn organisations_and_slogans_are_not_names() {
        assert!(persons("会议指出，全面建设社会主义现代化国家。市委书记处召开会议。").is_empty());
    }

    #[test]
    fn meeting_bodies_from_headlines() {
        assert_eq!(
            meeting_bodies("市科协召开党组扩大会议传达学习市委十二届二次全会精神"),
            ["市科协党组", "市科协"]
        );
        assert_eq!(meeting_bodies("李强主持召开国务院常务会议"), ["国务院"]);
        assert!(meeting_bodies("习近平会见外国客人").is_empty());
    }
}
