//! Departments: the bodies responsible for a report, and one canonical name for each.
//!
//! A department is a body that acts in the report, not each office a person named in it
//! holds. From the headline, else the opening sentence: the bodies that issue a document,
//! every joint issuer in order (`中办 国办印发《…》`, `中共中央 国务院关于…的意见`); else
//! the body that held the meeting (`市科协召开党组扩大会议` → 市科协党组, 市科协;
//! `李强主持召开国务院常务会议` → 国务院); else the body a leader acts for, the office
//! written right before the leader's name, when the act is one that body performs
//! (`国务院总理李强会见…` → 国务院, while `…、中央军委主席习近平会见…` gives no body: the
//! commission acts in military matters only). Byline units and publishers come from the
//! page. [`Aliases`] then maps abbreviations
//! and other names to canonical ones, from `dict/departments.txt` plus users' own files.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::push_unique;
use crate::text::aliases::Aliases;
use crate::text::chars::{NAME_DASH, is_han};
use crate::text::words::{ORG_SUFFIXES, organisation_of_office};

/// Units named right after a body that held their own meeting (`召开党组会议`).
const MEETING_UNITS: &[&str] = &["党组", "党委", "常委会", "理事会", "主席团", "常务委员会"];

/// Words after which stands the meeting a body held, or before which stands the body.
const MEETING_VERBS: &[&str] = &["主持召开", "召开", "举行", "开幕", "闭幕", "主持"];

/// A date, a time of day or a place at the end of a subject (`…24日在京`).
static TRAILING_WHEN_WHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?:[0-9０-９一二三四五六七八九十]+月)?[0-9０-９一二三四五六七八九十]+日|今天|今日|昨天|日前|近日|上午|下午|晚上|晚|早上|(?:在|于)\p{Han}{1,24})$",
    )
    .expect("valid regex")
});

/// The session in a body's name (`十四届`, `政协第十四届`).
static SESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"第?[一二三四五六七八九十百零〇0-9]+届").expect("valid regex"));

/// The meeting part of a meeting's name (`第十三次会议`, `第二次全体会议`, `联组会议`).
static MEETING_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:第[一二三四五六七八九十百零〇0-9]+次)?(?:全体|扩大|常务|主席|委员长|专题|联组|工作|协商|双周协商)?(?:会议|座谈会|例会)$",
    )
    .expect("valid regex")
});

/// The bodies a headline or opening sentence says held a meeting, most specific first:
/// `市科协召开党组扩大会议` → `市科协党组`, `市科协`; `李强主持召开国务院常务会议` → `国务院`;
/// `十四届全国人大常委会第十三次会议24日在京举行联组会议` → `全国人大常委会`.
pub(crate) fn meeting_bodies(text: &str) -> Vec<String> {
    let Some((at, verb)) = MEETING_VERBS
        .iter()
        .filter_map(|v| text.find(v).map(|at| (at, *v)))
        .min_by_key(|(at, v)| (*at, std::cmp::Reverse(v.len())))
    else {
        return Vec::new();
    };
    let before = &text[..at];
    let clause_start = before
        .rfind(['，', '。', '：', '；', ',', ':', '\n'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let subject = strip_when_where(&before[clause_start..]);
    let mut meeting = clause_head(&text[at + verb.len()..]);
    // `举行会谈并共同主持召开…委员会第四次会议`: the meeting follows the last verb.
    while let Some((at, verb)) = MEETING_VERBS
        .iter()
        .filter_map(|v| meeting.rfind(v).map(|at| (at, *v)))
        .max_by_key(|(at, v)| (*at, v.len()))
    {
        meeting = &meeting[at + verb.len()..];
    }
    let mut bodies = Vec::new();
    match body_of(subject) {
        Some(body) => {
            for unit in MEETING_UNITS {
                if meeting.starts_with(unit) {
                    bodies.push(format!("{body}{unit}"));
                }
            }
            bodies.push(body);
        }
        // The chair held it (`韩正主持召开…领导小组全体会议`): the meeting names the body.
        None => bodies.extend(body_of(meeting)),
    }
    bodies
}

/// The text up to the first clause mark.
fn clause_head(text: &str) -> &str {
    let end = text
        .find(['，', '。', '：', '；', ',', '\n', ' '])
        .unwrap_or(text.len());
    &text[..end]
}

pub(crate) fn strip_when_where(mut subject: &str) -> &str {
    while let Some(found) = TRAILING_WHEN_WHERE.find(subject) {
        if found.start() == 0
            && found.end() == subject.len()
            && found.as_str().starts_with(['在', '于'])
        {
            return "";
        }
        subject = &subject[..found.start()];
    }
    subject
}

/// Gatherings that end like bodies (`…会`) but are events, not bodies.
const EVENTS: &[&str] = &[
    "发布会",
    "招待会",
    "座谈会",
    "记者会",
    "运动会",
    "博览会",
    "交易会",
    "集会",
    "晚会",
    "大会",
    "峰会",
    "论坛",
    "吹风会",
    "见面会",
    "推介会",
    "研讨会",
    "报告会",
    "动员会",
    "广交会",
    "进博会",
    "服贸会",
    "冬奥会",
    "亚运会",
    "奥运会",
    "展览会",
    "音乐会",
    "联欢会",
    "宴会",
    "年会",
];

/// Words a body's name does not contain: they show a subject ran past the body
/// (`会议由全国政协`, `欢迎国务院`, `习近平在杭州…会见`).
const NOT_IN_BODIES: &[&str] = &["在", "由", "会见", "出席", "欢迎", "同", "与", "向", "将"];

/// The body a name stands for, when it names one: a body (`全国政协`) or a meeting of one
/// (`二十届首都规划建设委员会第二次全体会议` → `首都规划建设委员会`).
pub(crate) fn body_of(name: &str) -> Option<String> {
    let name = MEETING_PART.replace(name.trim(), "");
    let name = SESSION.replace(&name, "");
    let name = name
        .trim_start_matches(['的', '了', '在'])
        .trim_start_matches("政协")
        .to_string();
    let name = if name.starts_with("全国委员会") {
        "全国政协".to_string()
    } else {
        name
    };
    let count = name.chars().count();
    ((2..=30).contains(&count)
        && ORG_SUFFIXES.iter().any(|s| name.ends_with(s))
        && !EVENTS.iter().any(|e| name.ends_with(e))
        && !NOT_IN_BODIES.iter().any(|w| name.contains(w))
        && name
            .chars()
            .all(|c| is_han(c) || c == NAME_DASH || c == '-'))
    .then_some(name)
}

/// The body of a person's office as the text writes it before the name: the last title
/// of `中共中央政治局常委、全国政协主席王沪宁` gives 全国政协. With the text after the
/// name, the act.
fn office_body<'a>(text: &'a str, name: &str) -> Option<(String, &'a str)> {
    let at = text.find(name)?;
    let before = &text[..at];
    let item_start = before.rfind(|c: char| !is_han(c)).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let item: Vec<char> = before[item_start..].chars().collect();
    let body = organisation_of_office(&item)?;
    Some((body_of(&body)?, &text[at + name.len()..]))
}

/// Bodies that act in one domain only, with the words that show an act is in it: a
/// leader who chairs the military commission acts for it when the act is military, and
/// for some other office (or none the story names) when he receives a guest.
const DOMAIN_BODIES: &[(&[&str], &[&str])] = &[(
    &["军委", "军事委员会"],
    &[
        "军队",
        "部队",
        "国防",
        "解放军",
        "武警",
        "官兵",
        "军事",
        "军衔",
        "战区",
        "军种",
        "兵种",
        "军委",
        "强军",
        "练兵",
        "将领",
        "军人",
        "军官",
        "火箭军",
    ],
)];

/// The body `chair` acts for: the office written right before the name (in the headline,
/// else where the text first names the chair), when the act (the headline after the
/// name, and the sentence after the name) is one that body performs.
fn acting_body(title: &str, text: &str, chair: &str) -> Option<String> {
    let (body, act) = office_body(title, chair).or_else(|| office_body(text, chair))?;
    let act = act.split('。').next().unwrap_or(act);
    let performs = DOMAIN_BODIES
        .iter()
        .filter(|(names, _)| names.iter().any(|n| body.contains(n)))
        .all(|(_, words)| {
            let title_act = title.split(chair).last().unwrap_or(title);
            words
                .iter()
                .any(|w| act.contains(w) || title_act.contains(w))
        });
    performs.then_some(body)
}

/// The bodies that issue a document, in order: `中共中央办公厅、国务院办公厅近日印发《…》`,
/// `中办 国办印发《…》`, or, in a `headline` that is the document's title,
/// `中共中央 国务院关于…的意见`. Empty unless every issuer named is a body.
pub(crate) fn issuers(text: &str, headline: bool) -> Vec<String> {
    let issued = ISSUING_VERBS.iter().find_map(|verb| {
        text.match_indices(verb).find(|(at, _)| {
            let after = text[at + verb.len()..].trim_start_matches('了');
            if *verb == ABOUT {
                headline && *at > 0
            } else {
                after.starts_with('《')
            }
        })
    });
    let Some((at, _)) = issued else {
        return Vec::new();
    };
    let before = &text[..at];
    let clause_start = before
        .rfind(['，', '。', '：', '；', ',', ':', '\n'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let subject = strip_when_where(before[clause_start..].trim());
    let mut bodies = Vec::new();
    for name in subject.split([' ', '　', '、']).filter(|n| !n.is_empty()) {
        // `教育部和财政部`, but `住房和城乡建设部` is one body.
        match body_of(name) {
            Some(body) if !name.contains(['和', '与']) => bodies.push(body),
            _ => {
                let parts: Vec<Option<String>> = name.split(['和', '与']).map(body_of).collect();
                if parts.iter().all(Option::is_some) {
                    bodies.extend(parts.into_iter().flatten());
                } else if let Some(body) = body_of(name) {
                    bodies.push(body);
                } else {
                    return Vec::new();
                }
            }
        }
    }
    bodies
}

/// `关于`, which starts a document's title after its issuers.
const ABOUT: &str = "关于";

/// Verbs of issuing a document, which `《` follows; `关于` where a headline is the
/// document's title.
const ISSUING_VERBS: &[&str] = &[
    "联合印发",
    "联合发布",
    "印发",
    "发布",
    "发出",
    "颁布",
    ABOUT,
];

/// All departments of a page, most specific first, each under its canonical name: the
/// bodies the headline (else the opening) says issued a document or held the meeting,
/// else the body the person who chaired or hosted it acts for; then the page's own units.
pub(crate) fn departments(
    title: &str,
    body: &str,
    chair: Option<&str>,
    page_units: &[String],
    aliases: &Aliases,
) -> Vec<String> {
    let opening = body.split(['。', '\n']).next().unwrap_or("");
    let mut named = issuers(title, true);
    if named.is_empty() {
        named = meeting_bodies(title);
    }
    if named.is_empty() {
        named = issuers(opening, false);
    }
    if named.is_empty() {
        named = meeting_bodies(opening);
    }
    if named.is_empty()
        && let Some(body) = chair.and_then(|chair| acting_body(title, body, chair))
    {
        named.push(body);
    }
    for unit in page_units {
        push_unique(&mut named, unit.clone());
    }
    let mut canonical = Vec::new();
    for name in named {
        push_unique(&mut canonical, aliases.canonical(&name, page_units));
    }
    canonical
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_bodies_from_headlines() {
        let aliases = Aliases::builtin();
        assert_eq!(
            meeting_bodies("市科协召开党组扩大会议传达学习市委十二届二次全会精神"),
            ["市科协党组", "市科协"]
        );
        assert_eq!(meeting_bodies("李强主持召开国务院常务会议"), ["国务院"]);
        assert_eq!(
            meeting_bodies("11月25日下午，市科协召开党组会议"),
            ["市科协党组", "市科协"]
        );
        assert_eq!(
            meeting_bodies("十四届全国人大常委会第十三次会议24日在京举行联组会议"),
            ["全国人大常委会"]
        );
        assert_eq!(
            meeting_bodies("二十届首都规划建设委员会第二次全体会议在京召开"),
            ["首都规划建设委员会"]
        );
        assert_eq!(
            meeting_bodies("政协第十四届全国委员会第十九次主席会议31日在京召开。"),
            ["全国政协"]
        );
        assert!(meeting_bodies("习近平会见外国客人").is_empty());
        assert!(
            meeting_bodies("国新办举行新闻发布会")
                .iter()
                .all(|b| b != "新闻发布会")
        );
        assert!(meeting_bodies("会议由全国政协副主席主持").is_empty());
        let _ = aliases;
    }

    fn acting(title: &str, body: &str, chair: &str) -> Vec<String> {
        departments(title, body, Some(chair), &[], &Aliases::builtin())
    }

    #[test]
    fn a_leader_stands_for_the_body_of_the_office_he_acts_in() {
        assert_eq!(
            acting(
                "赵明远会见外宾",
                "中共中央政治局常委、国务院总理赵明远5日在京会见外宾。",
                "赵明远"
            ),
            ["国务院"]
        );
        assert_eq!(
            acting(
                "钱立新会见议长",
                "中共中央政治局常委、全国人大常委会委员长钱立新5日会见议长。",
                "钱立新"
            ),
            ["全国人大常委会"]
        );
        // The titles of a person are not the story's bodies: receiving a guest is no act
        // of the military commission, and the offices before the last are not the act's.
        assert!(
            acting(
                "孙启明会见外国总统",
                "中共中央总书记、国家主席、中央军委主席孙启明5日会见外国总统。",
                "孙启明"
            )
            .is_empty()
        );
        assert_eq!(
            acting(
                "孙启明视察驻港部队",
                "中共中央总书记、国家主席、中央军委主席孙启明5日视察驻港部队，看望官兵。",
                "孙启明"
            ),
            ["中央军委"]
        );
    }

    #[test]
    fn every_joint_issuer_in_order() {
        let aliases = Aliases::builtin();
        let of = |title: &str, body: &str| departments(title, body, None, &[], &aliases);
        assert_eq!(
            of("中办 国办印发《某某管理办法》", ""),
            ["中共中央办公厅", "国务院办公厅"]
        );
        assert_eq!(
            of("中共中央 国务院关于某某工作的意见", ""),
            ["中共中央", "国务院"]
        );
        assert_eq!(
            of(
                "某某工作迈上新台阶",
                "中共中央办公厅、国务院办公厅近日印发了《某某条例》。"
            ),
            ["中共中央办公厅", "国务院办公厅"]
        );
        assert_eq!(
            of("教育部和财政部联合印发《某某通知》", ""),
            ["教育部", "财政部"]
        );
        // Data a body publishes is no document it issues.
        assert!(of("某某病例超万例", "某某大学发布的统计数据显示，病例超万例。").is_empty());
    }

    #[test]
    fn the_standing_committee_and_offices_stay_distinct() {
        let aliases = Aliases::builtin();
        let of = |title: &str| departments(title, "", None, &[], &aliases);
        assert_eq!(
            of("中共中央政治局常务委员会召开会议"),
            ["中共中央政治局常务委员会"]
        );
        assert_eq!(of("中央政治局常委会召开会议"), ["中共中央政治局常务委员会"]);
        assert_eq!(of("中共中央政治局召开会议"), ["中共中央政治局"]);
        assert_eq!(aliases.canonical("中办", &[]), "中共中央办公厅");
        assert_eq!(aliases.canonical("国务院常务会议", &[]), "国务院常务会议");
        assert_eq!(aliases.canonical("全国人民代表大会", &[]), "全国人大");
    }

    #[test]
    fn page_units_make_abbreviations_whole() {
        let aliases = Aliases::builtin();
        let units = vec!["办公室".to_string(), "天津市科学技术协会".to_string()];
        assert_eq!(
            departments("市科协召开党组扩大会议", "", None, &units, &aliases),
            ["天津市科学技术协会党组", "天津市科学技术协会", "办公室"]
        );
        assert_eq!(
            departments(
                "王沪宁会见外宾",
                "中共中央政治局常委、全国政协主席王沪宁25日在京会见外宾。",
                Some("王沪宁"),
                &[],
                &aliases
            ),
            ["全国政协"]
        );
    }
}
