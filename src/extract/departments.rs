//! Departments: the bodies responsible for a report, and one canonical name for each.
//!
//! A department is a body that acts in the report, not each office a person named in it
//! holds. From the headline, else the opening sentence: the bodies that issue a document,
//! every joint issuer in order (`中办 国办印发《…》`, `中共中央 国务院关于…的意见`); else
//! the body that held the meeting (`市科协召开党组扩大会议` → 市科协党组, 市科协;
//! `李强主持召开国务院常务会议` → 国务院); else the bodies that perform the main act, the
//! subject of an act verb when it names bodies only (`中央宣传部等十五部门部署开展…` →
//! 中央宣传部, `商务部今天公布的数据显示`, `《求是》杂志发表…`, a source: `据X消息`); else the
//! body of the meeting's series (`全国政协会议` → 全国政协); else the body a leader acts
//! for, the office written right before the leader's name, when the act is one that body
//! performs (`国务院总理李强会见…` → 国务院, while `…、中央军委主席习近平会见…` gives no
//! body: the commission acts in military matters only). A person's titles never make a
//! subject: the offices of a title chain do not act. Then the bodies someone acts on
//! behalf of (`代表中共中央致贺词`). Each item of a roundup (`国内联播快讯`: headlines,
//! each with its paragraph) gives its own bodies the same way. Byline units and
//! publishers come from the page.
//! [`Aliases`] then maps abbreviations and other names to canonical ones, from
//! `dict/departments.txt` plus users' own files.

use std::sync::LazyLock;

use regex::Regex;

use super::meeting::is_a_visit;
use crate::Meeting;
use crate::document::push_unique;
use crate::text::aliases::Aliases;
use crate::text::chars::{NAME_DASH, is_han};
use crate::text::words::{ORG_SUFFIXES, organisation_of_office};

/// Units named right after a body that held their own meeting (`召开党组会议`).
const MEETING_UNITS: &[&str] = &["党组", "党委", "常委会", "理事会", "主席团", "常务委员会"];

/// Words after which stands the meeting a body held, or before which stands the body;
/// after `出席`, the meeting of a body a person attends (`某某出席某某委员会座谈会`).
const MEETING_VERBS: &[&str] = &["主持召开", "召开", "举行", "开幕", "闭幕", "主持", ATTENDS];

/// Attending a meeting: the body whose meeting it is holds it, unless the attendance is a
/// visit ([`is_a_visit`]).
const ATTENDS: &str = "出席";

/// A date, a time of day, a bracketed date or a place at the end of a subject (`…24日在京`,
/// `…今天（4月28日）`).
static TRAILING_WHEN_WHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?:[0-9０-９一二三四五六七八九十]+月)?[0-9０-９一二三四五六七八九十]+日|今天|今日|昨天|日前|近日|当天|当日|上午|下午|中午|晚上|晚|早上|凌晨|傍晚|深夜|夜间|当地时间|（[^（）]*）|\([^()]*\)|(?:在|于)\p{Han}{1,24})$",
    )
    .expect("valid regex")
});

/// The session in a body's name (`十四届`, `政协第十四届`).
static SESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"第?[一二三四五六七八九十百零〇0-9]+届").expect("valid regex"));

/// The meeting part of a meeting's name (`第十三次会议`, `五次会议`, `第二次全体会议`,
/// `联组会议`, a body's `第十三次全国代表大会`).
static MEETING_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:第?[一二三四五六七八九十百零〇0-9]+次)?(?:(?:全体|扩大|常务|主席|委员长|专题|联组|工作|协商|双周协商)?(?:会议|座谈会|例会)|(?:全国)?代表大会|集体学习)$",
    )
    .expect("valid regex")
});

/// Where the clause that ends `before` starts: after its last comma, stop, colon,
/// semicolon or line break.
fn clause_start(before: &str) -> usize {
    before
        .rfind(['，', '。', '：', '；', ',', ':', '\n'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        })
}

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
    let clause_start = clause_start(before);
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
    // `出席某某委员会座谈会并会见记者`: the meeting ends where the next act starts.
    let meeting = meeting.split('并').next().unwrap_or(meeting);
    if verb == ATTENDS && is_a_visit(before, meeting) {
        return Vec::new();
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
    "全会",
];

/// How the names of bodies that end in `会` end, abbreviations included (`证监会`,
/// `奥委会`, `安理会`); any other `…会` is a gathering (`乡村振兴工作推进会`, `调度会`,
/// `洽谈会`), whose kinds are too many to list.
#[rustfmt::skip]
const BODY_ENDINGS_IN_HUI: &[&str] = &[
    "委员会", "委会", "监会", "理会", "协会", "学会", "商会", "联合会", "理事会", "基金会", "工会",
    "促进会", "贸促会", "研究会", "联谊会", "董事会", "监事会", "红十字会", "总会", "分会",
    "议会", "国会", "立法会",
];

/// Words a body's name does not contain: they show a subject ran past the body
/// (`会议由全国政协`, `欢迎国务院`, `习近平在杭州…会见`, `记者从国务院新闻办公室`,
/// `原国务委员兼国防部`). Not `与`, which joins the parts of one name (`中国物流与采购联合会`)
/// as often as two bodies ([`bodies_named`] splits those).
#[rustfmt::skip]
const NOT_IN_BODIES: &[&str] = &[
    "在", "由", "会见", "出席", "欢迎", "同", "向", "将", "祝贺", "致信", "致电", "从", "就", "兼",
    "作为", "讨论", "庆祝", "倡议",
];

/// The presidium a session elects.
const PRESIDIUM: &str = "主席团";

/// Words that end like a body (`…会`, `…社`, `…部`, `…局`) and are none (`…动员部署会议`).
const NOT_BODY_ENDINGS: &[&str] = &[
    "社会", "机会", "部署", "布局", "格局", "大局", "全局", "开局",
];

/// The body a name stands for, when it names one: a body (`全国政协`) or a meeting of one
/// (`二十届首都规划建设委员会第二次全体会议` → `首都规划建设委员会`).
pub(crate) fn body_of(name: &str) -> Option<String> {
    let name = MEETING_PART.replace(name.trim(), "");
    // A session's presidium is that session's (`十四届全国人大一次会议主席团`): each
    // session elects its own.
    let name = if name.ends_with(PRESIDIUM) {
        name
    } else {
        SESSION.replace(&name, "")
    };
    let name = name
        .trim_start_matches(['的', '了', '在'])
        .trim_start_matches("政协")
        .to_string();
    let name = if name.starts_with("全国委员会") {
        "全国政协".to_string()
    } else {
        name
    };
    let name = ANNIVERSARY.replace(&name, "").into_owned();
    let count = name.chars().count();
    ((2..=30).contains(&count)
        && ORG_SUFFIXES.iter().any(|s| name.ends_with(s))
        && !EVENTS.iter().any(|e| name.ends_with(e))
        && (!name.ends_with('会') || BODY_ENDINGS_IN_HUI.iter().any(|e| name.ends_with(e)))
        && !NOT_BODY_ENDINGS.iter().any(|e| name.ends_with(e))
        && !NOT_IN_BODIES.iter().any(|w| name.contains(w))
        && name
            .chars()
            .all(|c| is_han(c) || c == NAME_DASH || c == '-' || c == '（' || c == '）')
        && brackets_inside(&name))
    .then_some(name)
}

/// Whether the full-width brackets of a name are closed, and none opens it or ends it:
/// `上海合作组织成员国政府首脑（总理）理事会` is one name.
fn brackets_inside(name: &str) -> bool {
    let mut open = false;
    for c in name.chars() {
        match c {
            '（' if open => return false,
            '（' => open = true,
            '）' if !open => return false,
            '）' => open = false,
            _ => {}
        }
    }
    !open && !name.starts_with('（') && !name.ends_with('）')
}

/// An anniversary after a body's name, as a meeting's name gives it (`中国国际贸易促进委员会
/// 建会70周年座谈会` once the meeting is taken off).
static ANNIVERSARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:建会|成立|创建|建立|组建)?[0-9一二三四五六七八九十百]+周年(?:纪念)?$")
        .expect("valid regex")
});

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
    let clause_start = clause_start(before);
    let subject = strip_when_where(before[clause_start..].trim());
    // A headline that quotes the document's title (`《中共中央 国务院关于…的意见》发布`).
    let subject = subject.strip_prefix('《').unwrap_or(subject);
    bodies_named(subject, None).unwrap_or_default()
}

/// The bodies a subject names, in order, when it names bodies only: one (`商务部`), a
/// list (`中办 国办`, `教育部、财政部`, `教育部和财政部`, while `住房和城乡建设部` is one
/// body), or the first of several (`中央宣传部等十五部门`: the others go unnamed). A name
/// is a body when it is shaped as one ([`body_of`]) or `known` lists it.
fn bodies_named(subject: &str, known: Option<&Aliases>) -> Option<Vec<String>> {
    let subject = UNNAMED_OTHERS.replace(subject, "");
    let is_body = |name: &str| {
        body_of(name).or_else(|| known.filter(|k| k.knows(name)).map(|_| name.to_string()))
    };
    let mut bodies = Vec::new();
    for name in subject.split([' ', '　', '、']).filter(|n| !n.is_empty()) {
        match is_body(name) {
            Some(body) if !name.contains(['和', '与']) => bodies.push(body),
            _ => {
                let parts: Vec<Option<String>> = name.split(['和', '与']).map(is_body).collect();
                if parts.iter().all(Option::is_some) {
                    bodies.extend(parts.into_iter().flatten());
                } else {
                    bodies.push(is_body(name)?);
                }
            }
        }
    }
    (!bodies.is_empty()).then_some(bodies)
}

/// The others a subject counts without naming them (`等十五部门`, `等单位`).
static UNNAMED_OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"等(?:[一二三四五六七八九十百0-9]+个?)?(?:部门|单位|机构|部委|家单位)$")
        .expect("valid regex")
});

/// Verbs of what a body does besides issuing a document or holding a meeting (which
/// [`issuers`] and [`meeting_bodies`] read), longest first where one contains another:
/// `中央宣传部等十五部门部署开展…`, `商务部今天公布的数据显示`, `《求是》杂志发表…`.
const ACT_VERBS: &[&str] = &[
    "发布", "公布", "发表", "发出", "印发", "启动", "举办", "主办", "承办", "组织", "开展", "部署",
    "开通", "签署", "签订", "宣布", "纪念", "通报", "表彰", "推出", "出台", "批准", "决定", "成立",
    "派出", "会同", "联合", "召开", "举行", "开幕", "闭幕", "授予", "命名", "启用", "发起", "揭晓",
    "公告", "访问",
];

/// Names that begin with an act verb, where the verb is no act (`中央组织部`, `联合国`).
const WORDS_FROM_VERBS: &[&str] = &[
    "组织部",
    "组织委员会",
    "联合会",
    "联合国",
    "联合体",
    "联合委员会",
    "纪念馆",
    "纪念碑",
    "发布会",
    "决定书",
];

/// Prepositions that open a phrase before the act's subject (`经中共中央批准，…`,
/// `根据某某统计`): what they govern is no actor.
const PREPOSITIONS: &[&str] = &["经", "根据", "据", "按照", "依据", "由", "对", "从", "为"];

/// A body given as the source of the news (`记者从工业和信息化部了解到`, `据某某办公室消息`,
/// `据某某局11日通报`, `据某国国防部3日称`: the day it spoke may stand between).
static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:从(\p{Han}{2,30}?)(?:获悉|了解到|得到消息)|据(\p{Han}{2,30}?)(?:[0-9０-９]{1,2}日|今天|近日|日前|当天|当地时间[0-9０-９]{1,2}日)?(?:消息|介绍|通报|统计|发布|称|表示|宣布))",
    )
    .expect("valid regex")
});

/// The agent of a passive act (`由中国科协主办`, `已由某某出版社出版`): the body that
/// organises, publishes or issues.
static PASSIVE_AGENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"由(\p{Han}[\p{Han}、和]{1,40})(?:联合|共同)?(?:主办|承办|举办|出版|印发|发布|召开|组织)",
    )
    .expect("valid regex")
});

/// The period of a journal before its name (`第16期`).
static ISSUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:今年)?第[0-9０-９一二三四五六七八九十]+期").expect("valid regex")
});

/// The bodies that perform the main act of `text` (a headline or an opening sentence):
/// the subject, up to the clause, of the first act verb whose subject names bodies only.
/// A person with titles is no such subject (`国务院总理李强宣布…` names a person), so
/// the offices in a title chain do not make their bodies act.
pub(crate) fn act_bodies(text: &str, aliases: &Aliases) -> Vec<String> {
    let mut acts: Vec<(usize, &str)> = ACT_VERBS
        .iter()
        .flat_map(|v| text.match_indices(v))
        .collect();
    acts.sort_by_key(|(at, v)| (*at, std::cmp::Reverse(v.len())));
    for (at, _) in acts {
        if WORDS_FROM_VERBS.iter().any(|w| text[at..].starts_with(w)) {
            continue;
        }
        let before = &text[..at];
        let clause_start = before
            .rfind(['，', '。', '：', '；', ',', ':', '\n', '！', '？'])
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        if let Some(bodies) = bodies_named(&act_subject(&before[clause_start..]), Some(aliases)) {
            return bodies;
        }
    }
    if let Some(bodies) = PASSIVE_AGENT
        .captures(text)
        .and_then(|c| bodies_named(&c[1], Some(aliases)))
    {
        return bodies;
    }
    SOURCE
        .captures(text)
        .and_then(|c| c.get(1).or_else(|| c.get(2)))
        .and_then(|source| bodies_named(source.as_str(), Some(aliases)))
        .unwrap_or_default()
}

/// The subject before an act, as a name: without its date and place, what qualifies it
/// (`8月16日出版的第16期《求是》杂志` → `求是杂志`) and a delegation's word (`全国人大代表团`
/// acts for 全国人大).
fn act_subject(subject: &str) -> String {
    let mut subject = strip_when_where(subject.trim());
    // `国家发改委扎实开展…`, `人民日报将发表…`: how or when the body acts is no part of it.
    while let Some(rest) = ADVERBS_BEFORE_ACTS
        .iter()
        .find_map(|adverb| subject.strip_suffix(adverb))
    {
        subject = strip_when_where(rest);
    }
    // `记者从国务院新闻办公室举行的…上获悉`, `据某局发布`: the source acts.
    subject = subject.strip_prefix(REPORTER).unwrap_or(subject);
    if let Some(source) = SOURCE_PREPOSITIONS
        .iter()
        .find_map(|p| subject.strip_prefix(p))
    {
        subject = source;
    }
    // `纪念中共中央发布…`: what follows a verb is its object, not the actor; what a
    // preposition governs (`经中共中央批准`) is none either.
    if ACT_VERBS
        .iter()
        .chain(PREPOSITIONS)
        .any(|v| subject.starts_with(v))
    {
        return String::new();
    }
    let subject = subject.rsplit('的').next().unwrap_or(subject);
    let subject = ISSUE.replace(subject, "").replace(['《', '》'], "");
    match subject.strip_suffix(DELEGATION) {
        Some(body) if body_of(body).is_some() => body.to_string(),
        Some(_) => String::new(),
        None => subject,
    }
}

const DELEGATION: &str = "代表团";

/// Who learns from a source (`记者从…获悉`).
const REPORTER: &str = "记者";

/// Prepositions that name the source of the news, which acts (`从…`, `据…`).
const SOURCE_PREPOSITIONS: &[&str] = &["从", "据"];

/// Adverbs of manner and time written between a body and its act (`扎实开展`, `首次发布`,
/// `将发表`, `已经印发`), longest first where one ends another.
#[rustfmt::skip]
const ADVERBS_BEFORE_ACTS: &[&str] = &[
    "扎实", "深入", "全面", "积极", "认真", "大力", "持续", "广泛", "切实", "集中", "首次",
    "正式", "再次", "共同", "率先", "先后", "专门", "及时", "即将", "已经", "正在", "将", "已",
    "也", "还", "又", "均", "都", "仍",
];

/// The bodies a person acts on behalf of (`赵某代表中共中央致贺词`).
static ON_BEHALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"代表(\p{Han}{2,30}?)(?:致|向|发表|宣读|讲话|作|祝贺)").expect("valid regex")
});

/// The bodies on whose behalf someone in `text` acts.
fn on_behalf_of(text: &str, aliases: &Aliases) -> Vec<String> {
    ON_BEHALF
        .captures_iter(text)
        .find_map(|c| bodies_named(&c[1], Some(aliases)))
        .unwrap_or_default()
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

/// The body whose meeting a series is: a series named as the body (`全国人民代表大会`, an
/// alias of 全国人大) or as the body's meeting (`全国政协会议` → 全国政协).
fn series_body(series: &str, aliases: &Aliases) -> Option<String> {
    if aliases.knows(series) {
        return Some(series.to_string());
    }
    body_of(series)
}

/// All departments of a page, most specific first, each under its canonical name: the
/// bodies the headline (else the opening) says issued a document, held the meeting or
/// performed the main act; else the body of the meeting's series; else the body the
/// person who chaired or hosted it acts for; then the bodies someone acts on behalf of
/// (`代表中共中央致贺词`); then the page's own units.
pub(crate) fn departments(
    title: &str,
    body: &str,
    meeting: Option<&Meeting>,
    chair: Option<&str>,
    page_units: &[String],
    aliases: &Aliases,
) -> Vec<String> {
    let opening = opening_sentence(body);
    let mut named = acting_bodies(title, opening, aliases);
    // A roundup's items are stories of their own, each with its acting bodies.
    for (headline, paragraph) in roundup_items(body) {
        let opening = paragraph.split('。').next().unwrap_or("");
        for body in acting_bodies(headline, opening, aliases) {
            push_unique(&mut named, body);
        }
    }
    if named.is_empty()
        && let Some(body) = meeting.and_then(|m| series_body(&m.series, aliases))
    {
        named.push(body);
    }
    if named.is_empty()
        && let Some(body) = chair.and_then(|chair| acting_body(title, body, chair))
    {
        named.push(body);
    }
    let behalf = on_behalf_of(title, aliases);
    let behalf = if behalf.is_empty() {
        on_behalf_of(opening, aliases)
    } else {
        behalf
    };
    for body in behalf {
        push_unique(&mut named, body);
    }
    for unit in page_units
        .iter()
        .filter(|unit| !is_news_outlet(unit) && !is_unowned_office(unit))
    {
        push_unique(&mut named, unit.clone());
    }
    let mut canonical = Vec::new();
    for name in named {
        for body in run_together(&name, aliases) {
            push_unique(&mut canonical, aliases.canonical(body, page_units));
        }
    }
    canonical
}

/// The listed bodies a name runs together without a mark between them (`中办国办`,
/// `中共中央国务院`), else the name itself.
fn run_together<'a>(name: &'a str, aliases: &Aliases) -> Vec<&'a str> {
    if aliases.knows(name) {
        return vec![name];
    }
    name.char_indices()
        .skip(2)
        .map(|(at, _)| name.split_at(at))
        .find(|(first, second)| aliases.knows(first) && aliases.knows(second))
        .map_or_else(|| vec![name], |(first, second)| vec![first, second])
}

/// The first sentence of a body that says something: not a dateline alone on its line
/// (`央视网消息（新闻联播）：`, then the text on the next line).
pub(crate) fn opening_sentence(body: &str) -> &str {
    body.split(['。', '\n'])
        .map(str::trim)
        .find(|sentence| !sentence.is_empty() && !sentence.ends_with(['：', ':']))
        .unwrap_or("")
}

/// The bodies a headline, else an opening sentence, says issued a document, held the
/// meeting or performed the main act.
fn acting_bodies(headline: &str, opening: &str, aliases: &Aliases) -> Vec<String> {
    let mut named = issuers(headline, true);
    if named.is_empty() {
        named = meeting_bodies(headline);
    }
    if named.is_empty() {
        named = act_bodies(headline, aliases);
    }
    if named.is_empty() {
        named = issuers(opening, false);
    }
    if named.is_empty() {
        named = meeting_bodies(opening);
    }
    if named.is_empty() {
        named = act_bodies(opening, aliases);
    }
    named
}

/// The longest line that may be an item's headline in a roundup.
const ROUNDUP_HEADLINE_CHARS: usize = 40;

/// The items of a roundup (`国内联播快讯`): a body that, after at most a dateline line
/// (`央视网消息（新闻联播）：`), is two or more short headline lines each followed by its
/// paragraph. `(headline, paragraph)` pairs, in order; none for any other body, whose
/// subheadings come after a paragraph that opens the story.
fn roundup_items(body: &str) -> Vec<(&str, &str)> {
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let is_headline = |line: &str| {
        let chars = line.chars().count();
        (4..=ROUNDUP_HEADLINE_CHARS).contains(&chars)
            && !line.ends_with(['。', '！', '？', '；', '：', ':', '”', '…'])
            && line.chars().any(is_han)
    };
    let is_paragraph = |line: &str| line.ends_with(['。', '！', '？', '”']);
    let first = match lines.first() {
        Some(line) if line.ends_with(['：', ':']) => 1,
        _ => 0,
    };
    let mut items = Vec::new();
    let mut i = first;
    while i + 1 < lines.len() {
        if is_headline(lines[i]) && is_paragraph(lines[i + 1]) {
            items.push((lines[i], lines[i + 1]));
            i += 2;
        } else if items.is_empty() {
            return Vec::new();
        } else {
            // A paragraph of the item before (`此外，…`), or the page's tail.
            i += 1;
        }
    }
    if items.len() >= 2 { items } else { Vec::new() }
}

/// Offices every body has, as a byline names them without their owner (`（办公室
/// 林晓月）`): no body a reader could count by.
const UNOWNED_OFFICES: &[&str] = &[
    "办公室",
    "办公厅",
    "综合处",
    "综合科",
    "综合办",
    "党政办",
    "秘书处",
    "宣传部",
    "宣传处",
    "宣传科",
    "信息中心",
    "新闻中心",
];

/// True if `unit`, a byline unit of a page, is an office named without its owner.
fn is_unowned_office(unit: &str) -> bool {
    UNOWNED_OFFICES.contains(&unit)
}

/// Ends of the names of news outlets (央视网, 人民日报, 新华社, 北京广播电视台): a page
/// such an outlet publishes reports what others do, so its publisher is no department.
const NEWS_OUTLET_ENDS: [&str; 12] = [
    "网",
    "报",
    "报社",
    "新华社",
    "通讯社",
    "新闻社",
    "杂志",
    "杂志社",
    "电视台",
    "广播电台",
    "客户端",
    "融媒体中心",
];

/// True if `name`, a page's publisher or byline unit, is a news outlet; a power grid
/// (国家电网) is a company, which may act.
fn is_news_outlet(name: &str) -> bool {
    NEWS_OUTLET_ENDS.iter().any(|end| name.ends_with(end)) && !name.ends_with("电网")
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
        // A person attends the meeting of a body: the body holds it.
        assert_eq!(
            meeting_bodies("某某出席某国商会建会70周年座谈会"),
            ["某国商会"]
        );
        assert_eq!(
            meeting_bodies("某某和某国总理共同出席中外经济顾问委员会座谈会并会见记者"),
            ["中外经济顾问委员会"]
        );
        assert_eq!(
            meeting_bodies("某某出席某某联合会（筹）理事会第二次会议"),
            ["某某联合会（筹）理事会"]
        );
        // A visit is no meeting the host's body holds.
        assert!(meeting_bodies("某某将出席某国议会合作委员会第九次会议").is_empty());
        assert!(meeting_bodies("某某出席某组织成员国元首理事会第二十次会议").is_empty());
        // Each session has its own presidium.
        assert_eq!(
            meeting_bodies("十四届全国人大一次会议主席团举行第三次会议"),
            ["十四届全国人大一次会议主席团"]
        );
        // A plan or a layout is no body, though it ends like one (`…部`, `…局`).
        assert!(meeting_bodies("某某出席全国某某工作动员部署会议").is_empty());
        assert!(meeting_bodies("某某出席中央经济工作会议").is_empty());
        let _ = aliases;
    }

    #[test]
    fn names_of_bodies_in_subjects() {
        let aliases = Aliases::builtin();
        let of = |title: &str, body: &str| departments(title, body, None, None, &[], &aliases);
        // The source's reporter, the adverb of time and the country are no part of a name.
        assert_eq!(
            of(
                "某某数据发布",
                "记者从国务院新闻办公室举行的发布会上获悉，某某增长。"
            ),
            ["国务院新闻办公室"]
        );
        assert_eq!(
            of("某某社论", "明天出版的人民日报将发表社论，题目是《某某》。"),
            ["人民日报社"]
        );
        assert_eq!(of("中国外交部发布某某提醒", ""), ["外交部"]);
        // A source that says, at a time of day.
        assert_eq!(
            of(
                "某国称打击某地",
                "据某国国防部3日称，某国军队当天打击了某地。"
            ),
            ["某国国防部"]
        );
        assert_eq!(
            of("某某声明", "某国外交部今天凌晨发表声明称，某某。"),
            ["某国外交部"]
        );
        // The series a study belongs to names the body that studies.
        let study = Meeting::new("中共中央政治局集体学习", "第十五次集体学习");
        assert_eq!(
            departments("某某集体学习时强调", "", Some(&study), None, &[], &aliases),
            ["中共中央政治局"]
        );
    }

    fn acting(title: &str, body: &str, chair: &str) -> Vec<String> {
        departments(title, body, None, Some(chair), &[], &Aliases::builtin())
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
        let of = |title: &str, body: &str| departments(title, body, None, None, &[], &aliases);
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
        // The headline quotes the document's title; the issuers run together.
        assert_eq!(
            of("《中共中央 国务院关于某某工作的意见》发布", ""),
            ["中共中央", "国务院"]
        );
        assert_eq!(
            of("某某工作迈上新台阶", "中共中央国务院日前发出通知。"),
            ["中共中央", "国务院"]
        );
        assert_eq!(
            of("中办国办印发《某某意见》", ""),
            ["中共中央办公厅", "国务院办公厅"]
        );
        assert_eq!(
            of("中共中央国务院举行春节团拜会", ""),
            ["中共中央", "国务院"]
        );
        // Data a body publishes is no document it issues, but its release is its act.
        assert!(issuers("某某大学发布的统计数据显示，病例超万例", false).is_empty());
        assert_eq!(
            of("某某病例超万例", "某某大学发布的统计数据显示，病例超万例。"),
            ["某某大学"]
        );
    }

    #[test]
    fn every_item_of_a_roundup_gives_its_bodies() {
        let aliases = Aliases::builtin();
        let of = |title: &str, body: &str| departments(title, body, None, None, &[], &aliases);
        let roundup = "本台消息：\n某某行动计划正式发布\n某某行动计划今天发布。明确了目标。\n\
            某某通知印发\n教育部、财政部日前印发通知，完善某某制度。\n此外，通知还要求加强监督。\n\
            某某座谈会召开\n商务部今天召开座谈会。会议指出，要稳外贸。";
        assert_eq!(of("国内快讯", roundup), ["教育部", "财政部", "商务部"]);
        // A story with subheadings opens with a paragraph: its subheadings are no items.
        let story = "教育部今天召开会议。会议部署工作。\n某某通知印发\n财政部日前印发通知。\n\
            某某座谈会召开\n商务部今天召开座谈会。";
        assert_eq!(of("某某工作会议召开", story), ["教育部"]);
        assert!(roundup_items("本台消息：\n只有一条快讯\n某某部今天发布通知。").is_empty());
    }

    #[test]
    fn an_adverb_between_a_body_and_its_act_is_no_part_of_it() {
        let aliases = Aliases::builtin();
        assert_eq!(
            act_bodies("国家发改委扎实开展主题教育", &aliases),
            ["国家发改委"]
        );
        assert_eq!(
            act_bodies("某某市科协今天首次发布蓝皮书", &aliases),
            ["某某市科协"]
        );
    }

    #[test]
    fn a_gathering_ending_in_hui_is_no_body() {
        assert_eq!(body_of("乡村振兴工作推进会"), None);
        assert_eq!(body_of("防汛调度会"), None);
        assert_eq!(body_of("某某市促进会").as_deref(), Some("某某市促进会"));
        assert_eq!(body_of("某某县委员会").as_deref(), Some("某某县委员会"));
    }

    #[test]
    fn the_bodies_that_perform_the_main_act() {
        let aliases = Aliases::builtin();
        let of = |title: &str, body: &str| departments(title, body, None, None, &[], &aliases);
        assert_eq!(of("水利部等十二部门部署开展节水行动", ""), ["水利部"]);
        assert_eq!(
            of("教育部和科学技术部启动青年科学家计划", ""),
            ["教育部", "科学技术部"]
        );
        assert_eq!(
            of(
                "一季度快递业务量增长",
                "中国快递与物流协会今天（4月8日）公布，一季度快递业务量增长一成。"
            ),
            ["中国快递与物流协会"]
        );
        assert_eq!(of("《求是》杂志发表某某重要文章", ""), ["求是杂志"]);
        assert_eq!(
            of(
                "某某评论员文章",
                "今天出版的《南湖日报》发表评论员文章，题目是《抓好落实》。"
            ),
            ["南湖日报"]
        );
        assert_eq!(
            of(
                "某某文件外文版出版发行",
                "某某文件的外文版已由南湖出版社、北山出版社出版，即日起发行。"
            ),
            ["南湖出版社", "北山出版社"]
        );
        assert_eq!(
            of(
                "某某论坛开幕",
                "本次论坛由南湖市科学技术协会主办，为期两天。"
            ),
            ["南湖市科学技术协会"]
        );
        assert_eq!(
            of(
                "某国航班停飞",
                "据某国联邦航空管理局11日通报，系统发生故障。"
            ),
            ["某国联邦航空管理局"]
        );
        // A person is no agent.
        assert!(of("某某会议举行", "会议由林思远主持。").is_empty());
        assert_eq!(
            of(
                "某某文章引发反响",
                "5月1日出版的第9期《求是》杂志发表某某文章。"
            ),
            ["求是杂志"]
        );
        assert_eq!(
            of(
                "今年新建基站超百万",
                "记者从工业和信息化部了解到，今年新建基站超百万。"
            ),
            ["工业和信息化部"]
        );
        assert_eq!(
            of(
                "某号飞船将于今日发射",
                "据中国载人航天工程办公室消息，某号飞船将于今日发射。"
            ),
            ["中国载人航天工程办公室"]
        );
        assert_eq!(of("全国人大代表团访问某国", ""), ["全国人大"]);
        assert_eq!(
            of("中国某某学会举行成立七十周年纪念大会", ""),
            ["中国某某学会"]
        );
        // A person with titles is no acting body, whatever the act.
        assert!(
            of(
                "赵明远宣布某某博览会开幕",
                "国务院总理赵明远宣布博览会开幕。"
            )
            .is_empty()
        );
        assert!(of("某国选手夺冠", "某国选手今天发布消息称夺冠。").is_empty());
        assert!(of("纪念中共中央发布某某口号75周年座谈会在京举行", "").is_empty());
        assert_eq!(
            of(
                "某某被问责",
                "经中共中央批准，中央纪委国家监委通报某某问题。"
            ),
            ["中央纪委国家监委"]
        );
        assert_eq!(of("中央组织部部署开展某某工作", ""), ["中共中央组织部"]);
        assert!(of("某某致信祝贺某某学会成立30周年", "").is_empty());
        assert!(of("多国政党和社会组织负责人发表声明", "").is_empty());
    }

    #[test]
    fn the_titles_of_a_person_do_not_make_the_commission_act() {
        let aliases = Aliases::builtin();
        assert!(
            departments(
                "孙启明签署主席令",
                "中共中央总书记、国家主席、中央军委主席孙启明签署第十号主席令。",
                None,
                Some("孙启明"),
                &[],
                &aliases
            )
            .is_empty()
        );
    }

    #[test]
    fn a_body_someone_acts_for_and_the_body_of_a_session() {
        let aliases = Aliases::builtin();
        let of = |title: &str, meeting: Option<&Meeting>| {
            departments(title, "", meeting, None, &[], &aliases)
        };
        assert_eq!(
            of(
                "中国某某促进会第九次全国代表大会开幕 赵明远代表中共中央致贺词",
                None
            ),
            ["中国某某促进会", "中共中央"]
        );
        assert_eq!(of("十三届全国人大五次会议举行记者会", None), ["全国人大"]);
        assert_eq!(
            of("全国政协十四届二次会议举行第二次全体会议", None),
            ["全国政协"]
        );
        let session = Meeting::new("全国人民代表大会", "第十四届第一次".to_string());
        assert_eq!(of("代表委员议国是", Some(&session)), ["全国人大"]);
        let session = Meeting::new("全国人大常委会会议", String::new());
        assert_eq!(of("某某法草案提请审议", Some(&session)), ["全国人大常委会"]);
        // A plenum is a meeting of the Central Committee, which its series does not name.
        let plenum = Meeting::new("中央全会", "二十届三中全会".to_string());
        assert!(of("全会精神在各地引发反响", Some(&plenum)).is_empty());
    }

    #[test]
    fn compound_and_joint_bodies() {
        let aliases = Aliases::builtin();
        let of = |title: &str| departments(title, "", None, None, &[], &aliases);
        assert_eq!(of("中央纪委国家监委召开会议"), ["中央纪委国家监委"]);
        assert_eq!(aliases.canonical("中央纪委", &[]), "中央纪委国家监委");
        assert_eq!(aliases.canonical("国家监委", &[]), "中央纪委国家监委");
        assert_eq!(
            of("韩明同某国副总统举行会谈并共同主持中某高层协调与合作委员会第七次会议"),
            ["中某高层协调与合作委员会"]
        );
    }

    #[test]
    fn the_standing_committee_and_offices_stay_distinct() {
        let aliases = Aliases::builtin();
        let of = |title: &str| departments(title, "", None, None, &[], &aliases);
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
    fn a_news_outlet_publishing_a_page_is_no_department() {
        let aliases = Aliases::builtin();
        let of = |units: &[&str]| {
            let units: Vec<String> = units.iter().map(|u| u.to_string()).collect();
            departments(
                "李强向斯洛伐克总理致慰问电",
                "",
                None,
                None,
                &units,
                &aliases,
            )
        };
        for outlet in ["央视网", "人民日报", "新华社", "北京广播电视台", "求是杂志"]
        {
            assert!(of(&[outlet]).is_empty(), "{outlet}");
        }
        assert_eq!(of(&["国家电网"]), ["国家电网"]);
        assert!(of(&["办公室"]).is_empty());
        assert_eq!(of(&["天津市科学技术协会"]), ["天津市科学技术协会"]);
    }

    #[test]
    fn page_units_make_abbreviations_whole() {
        let aliases = Aliases::builtin();
        let units = vec!["办公室".to_string(), "天津市科学技术协会".to_string()];
        assert_eq!(
            departments("市科协召开党组扩大会议", "", None, None, &units, &aliases),
            // The byline's 办公室 is no body of its own.
            ["天津市科学技术协会党组", "天津市科学技术协会"]
        );
        assert_eq!(
            departments(
                "王沪宁会见外宾",
                "中共中央政治局常委、全国政协主席王沪宁25日在京会见外宾。",
                None,
                Some("王沪宁"),
                &[],
                &aliases
            ),
            ["全国政协"]
        );
    }
}
