//! The meeting a report is about: its series and the instance the report gives.
//!
//! A report is about a meeting when its headline (else its opening sentence) says the
//! meeting was held: the meeting is the subject of a holding verb (`中央经济工作会议在北京
//! 举行`), its object (`李强主持召开国务院常务会议`), or a body holds a meeting named by
//! its kind alone (`中共中央政治局召开会议`, `国务院召开常务会议`, `中共中央政治局就…进行
//! 第十五次集体学习`). A meeting named in passing (`传达国务院常务会议精神`) is no report
//! of it. The name, without session, ordinal, year or place, is looked up in the series
//! table ([`meeting_series`]); a meeting of no listed series keeps its own name.

use std::sync::LazyLock;

use regex::Regex;

use super::departments::{body_of, opening_sentence, strip_when_where};
use crate::Meeting;
use crate::text::chars::is_han;
use crate::text::meetings::meeting_series;

/// Verbs of holding a meeting, longest first where one contains another.
const HOLDING_VERBS: &[&str] = &[
    "主持召开",
    "召开",
    "举行",
    "开幕",
    "闭幕",
    "进行",
    "出席",
    "参加",
    "主持",
    "举办",
];

/// Attending a meeting is reporting on it (`某某出席某某委员会座谈会`, the deputies who
/// `参加十四届全国人大一次会议`), unless it is a visit ([`is_a_visit`]).
const ATTENDING: &[&str] = &["出席", "参加"];

/// Words of a leaders' summit, which a leader attends on a visit.
const SUMMIT_WORDS: &[&str] = &["领导人", "峰会", "首脑", "元首"];

/// True if attending `meeting` (after `before` in its clause) is a visit, reported as
/// the visit and not as the meeting, unless the meeting is of a listed series: a
/// leaders' summit (`出席亚太经合组织领导人非正式会议`), or a trip announced (`将…出席`).
pub(crate) fn is_a_visit(before: &str, meeting: &str) -> bool {
    SUMMIT_WORDS.iter().any(|w| meeting.contains(w)) || before.contains('将')
}

/// How the name of a meeting ends.
const MEETING_KINDS: &[&str] = &["会议", "全会", "大会", "座谈会", "集体学习", "民主生活会"];

/// Names of a meeting by its kind alone, which the body before the verb completes
/// (`国务院召开常务会议` → 国务院常务会议).
const KIND_ONLY: &[&str] = &[
    "会议",
    "常务会议",
    "全体会议",
    "专题会议",
    "扩大会议",
    "集体学习",
    "专题民主生活会",
    "民主生活会",
];

/// Meetings held by a unit of a session (its presidium, a joint group): they belong to
/// the session's series (`十四届全国人大二次会议主席团第四次会议` → 全国人民代表大会).
const UNIT_MEETINGS: &[&str] = &["主席团会议", "主席团常务主席会议", "联组会议", "全体会议"];

/// Headlines of commentary on a meeting (an editorial, a journal's article), which are
/// about the writing, not the meeting.
const COMMENTARY: &[&str] = &["社论", "评论员", "快评", "《求是》"];

/// Words a meeting's own name does not contain: they show the phrase ran past the name.
const NOT_IN_NAMES: &[&str] = &["的", "时", "在", "强调", "指出", "并", "期间", "上"];

/// A session or an ordinal (`十四届`, `第五次`, `二次`) or a year (`2024年`).
static SESSION_OR_ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第?[一二三四五六七八九十百零〇0-9]+[届次]|[0-9０-９]{4}年(?:度)?")
        .expect("valid regex")
});

/// The session of a meeting (`十四届`, `第二十届`).
static SESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"第?([一二三四五六七八九十百零〇0-9]+)届").expect("valid regex"));

/// The ordinal of a meeting (`第五次`, `二次`).
static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"第?([一二三四五六七八九十百零〇0-9]+)次").expect("valid regex"));

/// A plenary session of the Central Committee by its short form (`二十届三中全会`).
static PLENUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([一二三四五六七八九十]+)届([一二三四五六七八九十]+)中全会$").expect("valid regex")
});

/// A national party congress by its short form (`党的二十大`).
static CONGRESS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^党的([一二三四五六七八九十]+)大$").expect("valid regex"));

const CENTRAL_PLENUM: &str = "中央全会";

/// Parties other than the Communist Party of China whose central committees hold
/// plenums reports name in the same short form, `(full name, short name)`: the eight
/// democratic parties and the Vietnamese party.
const OTHER_PARTIES: &[(&str, &str)] = &[
    ("中国国民党革命委员会", "民革"),
    ("中国民主同盟", "民盟"),
    ("中国民主建国会", "民建"),
    ("中国民主促进会", "民进"),
    ("中国农工民主党", "农工党"),
    ("中国致公党", "致公党"),
    ("九三学社", "九三学社"),
    ("台湾民主自治同盟", "台盟"),
    ("越南共产党", "越共"),
];

/// How a plenum's full name ends, its session and ordinal taken out.
const PLENUM_IN_FULL: &str = "中央委员会全体会议";
const PARTY_CONGRESS: &str = "中国共产党全国代表大会";
const COLLECTIVE_STUDY: &str = "集体学习";

/// The meeting the report with this headline and body is about, if any.
pub(crate) fn meeting(title: &str, body: &str) -> Option<Meeting> {
    if COMMENTARY.iter().any(|c| title.contains(c)) || title.starts_with('《') {
        return None;
    }
    let opening = opening_sentence(body);
    let held_in = |text: &str| {
        let clauses: Vec<&str> = text
            .split(['，', '。', '：', '；', '！', '？', ',', ':', ' ', '　'])
            .collect();
        clauses.iter().enumerate().find_map(|(k, clause)| {
            meeting_in_clause(clause).or_else(|| {
                // `某某委员会第三次全体会议，于某月某日在北京举行`: the meeting is the clause
                // before one that only says when and where it was held.
                let before = clauses.get(k.checked_sub(1)?)?.trim();
                (says_only_when_held(clause) && ends_with_kind(before))
                    .then(|| named(before, false))
                    .flatten()
            })
        })
    };
    // `某某全体会议公报`: the meeting's own communiqué reports it.
    let communique = title
        .strip_suffix(COMMUNIQUE)
        .filter(|meeting| ends_with_kind(meeting))
        .and_then(|meeting| named(meeting, false));
    let found = communique
        .or_else(|| held_in(title))
        .or_else(|| held_in(opening))?;
    // The headline names the series, the opening which meeting of it
    // (`某某主持召开全国政协主席会议`, then `政协第十四届全国委员会第二十一次主席会议…`).
    if found.instance.is_empty()
        && let Some(in_opening) = held_in(opening)
        && in_opening.series == found.series
    {
        return Some(in_opening);
    }
    Some(found)
}

/// How the title of a meeting's communiqué ends.
const COMMUNIQUE: &str = "公报";

/// What announces a meeting to come (`即将召开`).
const IMMINENT: &str = "即将";

/// What may stand before a plenum's short name (`党的二十届三中全会`): the party's name,
/// not a topic (`学习贯彻党的二十届三中全会`) or someone's act (`国际媒体对…`).
const PLENUM_PREFIXES: &[&str] = &["", "党的", "中共", "中国共产党", "中共中央"];

/// True if `clause` only says when or where something was held: a holding verb ends it,
/// and what stands before the verb is a time or a place (`于2024年7月15日至18日在北京举行`).
fn says_only_when_held(clause: &str) -> bool {
    let clause = clause.trim();
    HOLDING_VERBS.iter().any(|verb| {
        clause.strip_suffix(verb).is_some_and(|when| {
            when.chars().count() <= WHEN_WHERE_CHARS
                && (when.starts_with(['于', '在'])
                    || when.starts_with(|c: char| c.is_ascii_digit()))
                && !MEETING_KINDS.iter().any(|kind| when.contains(kind))
        })
    })
}

/// The most characters a clause's time and place take before its holding verb.
const WHEN_WHERE_CHARS: usize = 30;

/// The meeting a clause says was held.
fn meeting_in_clause(clause: &str) -> Option<Meeting> {
    let mut from = 0;
    while let Some((at, verb)) = HOLDING_VERBS
        .iter()
        .filter_map(|v| clause[from..].find(v).map(|at| (from + at, *v)))
        .min_by_key(|(at, v)| (*at, std::cmp::Reverse(v.len())))
    {
        from = at + verb.len();
        let before = &clause[..at];
        // `即将召开的某某全会`: a meeting to come, which the report previews.
        if before.ends_with(IMMINENT) {
            continue;
        }
        let object = object_phrase(&clause[from..]);
        let listed_only = ATTENDING.contains(&verb) && is_a_visit(before, object);
        // `中共中央政治局就…进行集体学习`: the body stands before what it studied.
        let subject = strip_when_where(before.split('就').next().unwrap_or(before));
        // `某某主席会议建议明年3月召开某某会议`: a listed meeting that acts in the subject
        // is the one reported; what it proposes to hold is to come.
        if let Some(acting) = listed_start(subject) {
            return Some(acting);
        }
        let found = if ends_with_kind(subject) {
            named(subject, listed_only)
        } else if !object.is_empty() && KIND_ONLY.contains(&without_ordinals(object).as_str()) {
            body_of(subject).and_then(|_| named(&format!("{subject}{object}"), listed_only))
        } else if !object.is_empty() {
            named(object, listed_only)
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The meeting of a listed series that `subject` starts with, when what follows is its
/// act (`全国政协主席会议建议…`).
fn listed_start(subject: &str) -> Option<Meeting> {
    let ends: Vec<usize> = subject
        .char_indices()
        .map(|(at, c)| at + c.len_utf8())
        .collect();
    ends.into_iter()
        .rev()
        .skip(1)
        .map(|end| &subject[..end])
        .find(|start| {
            MEETING_KINDS.iter().any(|k| start.ends_with(k))
                && listed_series(&without_ordinals(start)).is_some()
                && MEETING_ACTS
                    .iter()
                    .any(|act| subject[start.len()..].starts_with(act))
        })
        .and_then(|start| named(start, true))
}

/// What a meeting does in a report (`某某会议建议…`, `…决定`), as opposed to words that
/// go on with a longer name (`某某会议成员务虚会`).
const MEETING_ACTS: &[&str] = &[
    "建议", "决定", "审议", "通过", "听取", "研究", "部署", "指出", "强调", "认为", "要求",
];

/// The longest start of `text` that names a meeting: it ends with a kind of meeting or
/// is a name of a series (`国常会`).
fn object_phrase(text: &str) -> &str {
    let end = text.find(['并', '、']).unwrap_or(text.len());
    let text = &text[..end];
    text.char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .rev()
        .map(|end| &text[..end])
        .find(|prefix| ends_with_kind(prefix) || meeting_series(prefix).is_some())
        .unwrap_or("")
}

fn ends_with_kind(name: &str) -> bool {
    MEETING_KINDS.iter().any(|k| name.ends_with(k)) || meeting_series(name).is_some()
}

fn without_ordinals(name: &str) -> String {
    SESSION_OR_ORDINAL.replace_all(name, "").into_owned()
}

/// The meeting `name` names, with the instance it gives (session and ordinal, for every
/// series): a listed series, else (unless `listed_only`) the name itself without session
/// and ordinal.
fn named(name: &str, listed_only: bool) -> Option<Meeting> {
    let name = name.trim_start_matches(['在', '于', '的']);
    // Another party's plenum (`台盟十一届二中全会`, `台湾民主自治同盟第十一届中央委员会第二次
    // 全体会议`) is that party's, not the Central Committee's.
    let party = OTHER_PARTIES
        .iter()
        .find(|(full, short)| name.starts_with(full) || name.starts_with(short))
        .map(|(_, short)| short);
    let short_plenum = PLENUM
        .captures(name)
        .map(|plenum| format!("{}届{}中全会", &plenum[1], &plenum[2]));
    if let Some(party) = party
        && (short_plenum.is_some() || without_ordinals(name).ends_with(PLENUM_IN_FULL))
    {
        let instance = short_plenum.unwrap_or_else(|| instance(name, CENTRAL_PLENUM));
        return Some(Meeting::new(format!("{party}{CENTRAL_PLENUM}"), instance));
    }
    if let Some(instance) = short_plenum {
        let before = PLENUM
            .find(name)
            .map_or("", |plenum| &name[..plenum.start()]);
        return PLENUM_PREFIXES
            .contains(&before)
            .then(|| Meeting::new(CENTRAL_PLENUM, instance));
    }
    if let Some(congress) = CONGRESS.captures(name) {
        return Some(Meeting::new(
            PARTY_CONGRESS,
            format!("第{}次", &congress[1]),
        ));
    }
    let bare = without_ordinals(name);
    if let Some(series) = listed_series(&bare) {
        return Some(Meeting::new(series, instance(name, series)));
    }
    // A subject may hold words before the name (`本台明天将直播|十四届全国人大二次会议`,
    // `中共|国务院党组会议`): the longest end of it that names a national series by a
    // national name is the meeting. (Only such a name: `省|人大常委会会议` is a province's.)
    let listed_end = name.char_indices().skip(1).find_map(|(at, _)| {
        let end = &name[at..];
        let bare = without_ordinals(end);
        NATIONAL_NAME_STARTS
            .iter()
            .any(|start| bare.starts_with(start))
            .then(|| listed_series(&bare))
            .flatten()
            .map(|series| (end, series))
    });
    if let Some((end, series)) = listed_end {
        return Some(Meeting::new(series, instance(end, series)));
    }
    let count = bare.chars().count();
    let own_name = !listed_only
        && (4..=24).contains(&count)
        && bare
            .chars()
            .all(|c| is_han(c) || c.is_ascii_digit() || NAME_MARKS.contains(&c))
        && bare.chars().any(is_han)
        && !KIND_ONLY.contains(&bare.as_str())
        && !NOT_IN_NAMES.iter().any(|w| bare.contains(w));
    own_name.then(|| {
        let instance = instance(name, &bare);
        Meeting::new(bare, instance)
    })
}

/// How the names of national bodies and meetings start.
const NATIONAL_NAME_STARTS: &[&str] = &["中共中央", "中央", "全国", "国务院", "中国共产党"];

/// Marks a meeting's own name may hold besides characters and digits
/// (`第三届“一带一路”知识产权高级别会议`, `纪念某某同志诞辰100周年座谈会`).
const NAME_MARKS: &[char] = &['“', '”', '—', '·'];

/// The listed series of a name without ordinals: the name itself, or a meeting of a unit
/// of a listed session (`全国人大会议主席团会议`).
fn listed_series(bare: &str) -> Option<&'static str> {
    meeting_series(bare).or_else(|| {
        UNIT_MEETINGS.iter().find_map(|unit| {
            bare.strip_suffix(unit)
                .filter(|session| MEETING_KINDS.iter().any(|k| session.ends_with(k)))
                .and_then(meeting_series)
        })
    })
}

/// The instance `name` gives of `series`, compact: `第十四届第五次` where a session is
/// named, `二十届三中全会` for a plenum, else the ordinal and what follows it
/// (`第十五次集体学习`, `第三次会议`); empty when it names none.
fn instance(name: &str, series: &str) -> String {
    let session = SESSION.captures(name).map(|c| c[1].to_string());
    let after_session = SESSION.find(name).map_or(0, |m| m.end());
    let ordinal = ORDINAL.captures_at(name, after_session);
    match (session, ordinal) {
        (Some(session), Some(ordinal)) if series == CENTRAL_PLENUM => {
            format!("{session}届{}中全会", &ordinal[1])
        }
        (Some(session), Some(ordinal)) => format!("第{session}届第{}次", &ordinal[1]),
        (Some(session), None) => format!("第{session}届"),
        (None, Some(ordinal)) if series == PARTY_CONGRESS => format!("第{}次", &ordinal[1]),
        (None, Some(ordinal)) => {
            let whole = ordinal.get(0).expect("the whole match");
            let rest = &name[whole.end()..];
            // The kind after the ordinal (`第三次会议`, `第二十次委员长会议` of a listed
            // series), not the rest of a meeting's own name (`第十一次全国台湾同胞代表会议`
            // is the eleventh).
            let kind = if rest.ends_with(COLLECTIVE_STUDY) {
                COLLECTIVE_STUDY
            } else if KIND_ONLY.contains(&rest) || meeting_series(series).is_some() {
                rest
            } else {
                ""
            };
            format!("第{}次{kind}", &ordinal[1])
        }
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(title: &str, body: &str) -> Option<(String, String)> {
        meeting(title, body).map(|m| (m.series, m.instance))
    }

    fn series(title: &str) -> Option<String> {
        meeting(title, "").map(|m| m.series)
    }

    #[test]
    fn a_series_however_worded() {
        for title in [
            "李强主持召开国务院常务会议",
            "国务院总理李强主持召开国务院常务会议",
            "国务院召开常务会议 部署稳就业",
            "赵明远主持召开国常会",
        ] {
            assert_eq!(series(title).as_deref(), Some("国务院常务会议"), "{title}");
        }
        assert_eq!(
            found("十四届全国人大常委会第五次会议在京闭幕", ""),
            Some(("全国人大常委会会议".into(), "第十四届第五次".into()))
        );
        assert_eq!(
            found("中共中央政治局召开会议 分析研究经济形势", ""),
            Some(("中共中央政治局会议".into(), String::new()))
        );
        assert_eq!(
            found("中共中央政治局就推进生态文明建设进行第十五次集体学习", ""),
            Some(("中共中央政治局集体学习".into(), "第十五次集体学习".into()))
        );
        assert_eq!(
            found("中共中央政治局常务委员会召开会议 研究防汛工作", ""),
            Some(("中共中央政治局常务委员会会议".into(), String::new()))
        );
    }

    #[test]
    fn plenums_and_sessions() {
        assert_eq!(
            found("二十届三中全会在京举行", ""),
            Some(("中央全会".into(), "二十届三中全会".into()))
        );
        assert_eq!(
            found("中国共产党第二十届中央委员会第三次全体会议在北京举行", ""),
            Some(("中央全会".into(), "二十届三中全会".into()))
        );
        assert_eq!(
            found(
                "中国共产党第十九届中央委员会第七次全体会议公报",
                "央视网消息：\n全文如下"
            ),
            Some(("中央全会".into(), "十九届七中全会".into()))
        );
        // The listed meeting that proposes another is the one reported.
        assert_eq!(
            series("全国政协主席会议建议明年3月4日召开全国政协十四届二次会议").as_deref(),
            Some("全国政协主席会议")
        );
        // A plenum that is a topic or a preview is no report of it.
        assert_eq!(series("某某举办学习贯彻党的二十届三中全会精神报告会"), None);
        assert_eq!(
            series("多国人士关注即将召开的中国共产党二十届三中全会"),
            None
        );
        assert_eq!(series("国际媒体对中国共产党二十届三中全会进行了报道"), None);
        // The meeting named in a clause of its own, then when and where it was held.
        assert_eq!(
            found(
                "某某新闻",
                "中国共产党第二十届中央委员会第三次全体会议，于2024年7月15日至18日在北京举行。"
            ),
            Some(("中央全会".into(), "二十届三中全会".into()))
        );
        // The opening gives the instance the headline leaves out.
        assert_eq!(
            found(
                "某某主持召开全国政协主席会议",
                "政协第十四届全国委员会第二十一次主席会议26日在京召开。"
            ),
            Some(("全国政协主席会议".into(), "第十四届第二十一次".into()))
        );
        // Another party's plenum is its own.
        assert_eq!(
            found("台盟十一届二中全会在京召开", ""),
            Some(("台盟中央全会".into(), "十一届二中全会".into()))
        );
        assert_ne!(
            found(
                "台湾民主自治同盟第十一届中央委员会第二次全体会议在京召开",
                ""
            )
            .map(|(series, _)| series),
            Some("中央全会".into())
        );
        assert_eq!(
            found("十四届全国人大二次会议在京开幕", ""),
            Some(("全国人民代表大会".into(), "第十四届第二次".into()))
        );
        assert_eq!(
            found("十四届全国人大二次会议主席团举行第四次会议", ""),
            Some(("全国人民代表大会".into(), "第十四届第二次".into()))
        );
        assert_eq!(
            found("全国政协十四届二次会议在京闭幕", ""),
            Some(("全国政协会议".into(), "第十四届第二次".into()))
        );
        assert_eq!(
            found(
                "代表委员议国是",
                "参加十四届全国人大一次会议的全国人大代表，今天下午分组审议政府工作报告。"
            ),
            Some(("全国人民代表大会".into(), "第十四届第一次".into()))
        );
        assert_eq!(
            found("中国某某促进会第九次全国代表大会开幕", ""),
            Some(("中国某某促进会全国代表大会".into(), "第九次".into()))
        );
        assert_eq!(
            found("某某主持召开中央财经委员会第三次会议", ""),
            Some(("中央财经委员会会议".into(), "第三次会议".into()))
        );
    }

    #[test]
    fn the_opening_sentence_when_the_headline_does_not_say() {
        assert_eq!(
            series_of(
                "赵明远强调稳增长",
                "国务院总理赵明远5日主持召开国务院常务会议，部署工作。"
            ),
            Some("国务院常务会议".to_string())
        );
    }

    fn series_of(title: &str, body: &str) -> Option<String> {
        meeting(title, body).map(|m| m.series)
    }

    #[test]
    fn words_before_a_listed_series_are_no_part_of_it() {
        assert_eq!(
            found("本台明天将直播十四届全国人大二次会议开幕会", ""),
            Some(("全国人民代表大会".to_string(), "第十四届第二次".to_string()))
        );
        // A province's standing committee is no national one.
        assert_ne!(
            series("某某省十四届人大常委会第五次会议在某市举行").as_deref(),
            Some("全国人大常委会会议")
        );
    }

    #[test]
    fn other_meetings_keep_their_name() {
        assert_eq!(
            series("全国生态环境保护大会在京召开").as_deref(),
            Some("全国生态环境保护大会")
        );
        assert_eq!(
            series("中共中央召开党外人士座谈会").as_deref(),
            Some("党外人士座谈会")
        );
        assert_eq!(
            found("纪念某某同志诞辰100周年座谈会在京举行", ""),
            Some(("纪念某某同志诞辰100周年座谈会".into(), String::new()))
        );
        assert_eq!(
            found("第三届“某某”知识产权高级别会议在京举行", ""),
            Some(("“某某”知识产权高级别会议".into(), "第三届".into()))
        );
        assert_eq!(
            found("十四届全国人大常委会举行第二十次委员长会议", ""),
            Some(("全国人大委员长会议".into(), "第二十次委员长会议".into()))
        );
        assert_eq!(
            found("第十一次全国某某代表会议在京闭幕", ""),
            Some(("全国某某代表会议".into(), "第十一次".into()))
        );
        // The meeting a person attends, unless the attendance is a visit.
        assert_eq!(
            series("某某和某国总理共同出席中外经济顾问委员会座谈会并会见记者").as_deref(),
            Some("中外经济顾问委员会座谈会")
        );
        assert_eq!(series("某某出席某国领导人非正式会议"), None);
        assert_eq!(series("某某将出席某某合作委员会会议"), None);
    }

    #[test]
    fn passing_mentions_are_no_reports() {
        assert_eq!(series("各地传达学习国务院常务会议精神"), None);
        assert_eq!(
            series_of(
                "赵明远会见外宾",
                "赵明远在会见时说，国务院常务会议已作部署。"
            ),
            None
        );
        assert_eq!(series("赵明远同全国人大常委会会议列席代表座谈"), None);
        assert_eq!(series("国新办举行新闻发布会"), None);
        assert_eq!(series("某某主持会议"), None);
        assert_eq!(series("某某离京出席东亚领导人系列会议"), None);
        assert_eq!(
            series("人民日报社论：热烈祝贺全国政协十四届二次会议胜利闭幕"),
            None
        );
    }
}
