//! Short names a corpus defines itself: "国家发展和改革委员会（以下简称国家发改委）",
//! "…，简称…", "中国国际进口博览会（进博会）", "“X”（简称“Y”）", "区域全面经济伙伴关系协定
//! （RCEP）". Found definitions are offered to users in the format of `dict/aliases.txt`
//! (`zhsearch aliases`), never used unseen.
//!
//! A Han short name must abbreviate its long name: its characters appear in the long name
//! in order, the long name starts at the short name's first character (or at a word that
//! opens names, 中国, 国家…, just before it) and ends a few characters after its last one.
//! So the verbs and subjects before a name are cut away, and a bracket holding another
//! word (政府首脑（总理）, 党委（党组）) defines nothing. A Latin short name (RCEP, G20)
//! shares no characters with its long name: the long name is the quoted or book-titled
//! words before it, or the words before it less what a [`NameCheck`] says opens no name.
//! Whether a short name is a name at all (not a common word, a place or a person) is the
//! [`NameCheck`]'s to say: that knowledge (jieba's dictionary, the place and person
//! tables) lives in higher layers.

use super::chars::is_han;

/// A long name and the short name a text defines for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Definition {
    /// The long form, as written before the definition.
    pub long: String,
    /// The short form defined for it.
    pub short: String,
}

/// What the finder asks of the words it finds, answered by a layer that knows words.
pub trait NameCheck {
    /// How many characters at the start of `run` (the words before a Latin short name, up
    /// to the clause mark) belong to no name: verbs, subjects, dates before it.
    fn lead_len(&self, run: &[char]) -> usize;
    /// True if `short` can be a short name: not a common word, a place or a person.
    fn is_name(&self, short: &str) -> bool;
}

/// A [`NameCheck`] that takes every word for a name and cuts nothing: the structure alone.
pub struct AnyName;

impl NameCheck for AnyName {
    fn lead_len(&self, _run: &[char]) -> usize {
        0
    }
    fn is_name(&self, _short: &str) -> bool {
        true
    }
}

/// Characters a long name can never span: the end of a clause or a list item.
fn ends_name(c: char) -> bool {
    !(is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '“' | '”' | '·' | '—'))
}

/// Words that open many long names and often stand just before the part a short name
/// abbreviates (国家 + 发展和改革委员会 → 国家发改委 keeps it, 发改委 drops it; 第 +
/// 十四届全国冬季运动会 → 十四冬).
const NAME_OPENINGS: [&str; 9] = [
    "中华人民共和国",
    "中国",
    "国家",
    "全国",
    "中央",
    "国际",
    "世界",
    "中共",
    "第",
];

/// The marks that open a bracket's definition, longest first: "（以下简称X）", "（下称X）",
/// "（英文缩写X）". A bracket without one holds the short name alone.
const DEFINING_MARKS: [&str; 13] = [
    "以下简称为",
    "英文简称为",
    "英文缩写为",
    "以下简称",
    "以下称为",
    "英文简称",
    "英文缩写",
    "以下称",
    "简称为",
    "缩写为",
    "下称",
    "简称",
    "缩写",
];

/// Longest long name, in characters; longer runs are clauses, not names.
const MAX_LONG_CHARS: usize = 30;
/// Longest short name, in characters.
const MAX_SHORT_CHARS: usize = 12;
/// Most characters a long name runs on after the last one its short name keeps
/// (委 of 发改委 in 发展和改革委员会: 2; 冬 of 十四冬 in 冬季运动会: 4). More, and the
/// bracket names something said at the start of the clause (总理…政府首脑（总理）).
const MAX_TAIL_CHARS: usize = 4;

/// The definitions in `text`, in order of appearance, of short names `names` accepts.
///
/// ```
/// use zhsearch::text::definitions::{AnyName, find};
/// let text = "会议由国家发展和改革委员会（以下简称国家发改委）主办，中国国际进口博览会（进博会）如期举行。";
/// let found: Vec<(String, String)> = find(text, &AnyName).into_iter().map(|d| (d.long, d.short)).collect();
/// assert_eq!(found, [
///     ("国家发展和改革委员会".to_string(), "国家发改委".to_string()),
///     ("中国国际进口博览会".to_string(), "进博会".to_string()),
/// ]);
/// ```
pub fn find(text: &str, names: &dyn NameCheck) -> Vec<Definition> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c == '（' || c == '(' {
            let close = chars[at + 1..]
                .iter()
                .position(|&c| c == '）' || c == ')')
                .map(|p| at + 1 + p);
            if let Some(close) = close {
                let definition = bracket_short(&chars[at + 1..close])
                    .and_then(|short| define(&chars[..at], &short, names));
                found.extend(definition);
                at = close + 1;
                continue;
            }
        }
        if c == '简' && chars.get(at + 1) == Some(&'称') {
            // "X，简称Y" outside brackets: X ends before the comma.
            let mut before = at;
            while before > 0 && matches!(chars[before - 1], '，' | ',') {
                before -= 1;
            }
            let rest = &chars[at + 2..];
            let rest = rest.strip_prefix(&['为']).unwrap_or(rest);
            let definition = short_after(rest)
                .map(|(short, _)| short)
                .and_then(|short| define(&chars[..before], &short, names));
            found.extend(definition);
        }
        at += 1;
    }
    found
}

/// The short name a bracket holding `inner` defines, if it holds one: after a defining
/// mark, or alone.
fn bracket_short(inner: &[char]) -> Option<Vec<char>> {
    let text: String = inner.iter().collect();
    let text = text.trim();
    let marked = DEFINING_MARKS
        .iter()
        .find_map(|mark| text.strip_prefix(mark));
    let rest: Vec<char> = marked
        .unwrap_or(text)
        .trim_start_matches(['：', ':', ' '])
        .chars()
        .collect();
    let (short, used) = short_after(&rest)?;
    // Unmarked, the bracket must hold the name and nothing else (not 记者注：…); marked,
    // what follows the name must be a clause of its own (（以下简称“十四冬”，下同）).
    let after = &rest[used..];
    let clean = if marked.is_some() {
        after.first().is_none_or(|&c| ends_name(c))
    } else {
        after.is_empty()
    };
    clean.then_some(short)
}

/// The short name at the start of `text`, quoted or up to the end of the clause, and how
/// many characters it took. None for a name in book-title marks (（以下简称《条例》）): a
/// document's own word for the document it cites, not a name readers use.
fn short_after(text: &[char]) -> Option<(Vec<char>, usize)> {
    let (quoted, start) = match text.first() {
        Some('《') => return None,
        Some('“') | Some('"') => (true, 1),
        _ => (false, 0),
    };
    let short: Vec<char> = text[start..]
        .iter()
        .take_while(|&&c| !ends_name(c) && c != '”' && c != '"')
        .copied()
        .collect();
    let mut used = start + short.len();
    if quoted {
        if !matches!(text.get(used), Some('”') | Some('"')) {
            return None;
        }
        used += 1;
    }
    Some((short, used))
}

/// The words a definition's short name may stand for: the quoted or book-titled words
/// that end `before` (“…”（…）, 《…》（…）), delimited by the text; else the run of name
/// characters that ends it.
fn long_before(before: &[char]) -> (&[char], bool) {
    let quote = match before.last() {
        Some('”') => Some('“'),
        Some('"') => Some('"'),
        Some('》') => Some('《'),
        _ => None,
    };
    if let Some(open) = quote {
        let inside = &before[..before.len() - 1];
        if let Some(p) = inside.iter().rposition(|&c| c == open) {
            return (&inside[p + 1..], true);
        }
    }
    let start = before
        .iter()
        .rposition(|&c| ends_name(c))
        .map_or(0, |p| p + 1);
    let mut run = &before[start..];
    // An opening quote the run starts inside (启动“优师计划) is no part of the name.
    if let Some(p) = run.iter().rposition(|&c| c == '“') {
        run = &run[p + 1..];
    }
    (run, false)
}

/// The definition of `short` for the name that ends `before`, if it is one.
fn define(before: &[char], short: &[char], names: &dyn NameCheck) -> Option<Definition> {
    let name_char = |c: &char| is_han(*c) || c.is_ascii_alphanumeric() || matches!(c, '-' | '.');
    if short.len() < 2 || short.len() > MAX_SHORT_CHARS || !short.iter().all(name_char) {
        return None;
    }
    let (words, delimited) = long_before(before);
    let long: &[char] = if short.iter().any(|c| is_han(*c)) {
        let from = abbreviated_part(words, short)?;
        // Quotes and title marks hold a name and nothing else: all of it is the long name.
        if delimited {
            words
        } else {
            extend_over_openings(words, from, short)
        }
    } else if is_latin_abbreviation(short) {
        let lead = if delimited { 0 } else { names.lead_len(words) };
        words.get(lead..)?
    } else {
        return None;
    };
    let long: String = long.iter().filter(|c| !matches!(c, '“' | '”')).collect();
    let long_chars = long.chars().count();
    let short: String = short.iter().collect();
    let accepted = long_chars > short.chars().count()
        && long_chars <= MAX_LONG_CHARS
        && long.chars().filter(|c| is_han(*c)).count() >= 2
        && names.is_name(&short);
    accepted.then_some(Definition { long, short })
}

/// True for a Latin-letter abbreviation: a letter first and capitals (RCEP, G20, PM2.5),
/// not a word (Nusantara) or a spelling (Chin).
fn is_latin_abbreviation(short: &[char]) -> bool {
    short[0].is_ascii_alphabetic()
        && short
            .iter()
            .filter(|c| c.is_ascii_alphabetic())
            .all(|c| c.is_ascii_uppercase())
}

/// Where in `run` the part starts that `short` abbreviates: the last position holding its
/// first character from which `short`'s characters all follow in order, the last of them
/// at most [`MAX_TAIL_CHARS`] before the end.
fn abbreviated_part(run: &[char], short: &[char]) -> Option<usize> {
    (0..run.len())
        .rev()
        .filter(|&p| run[p] == short[0])
        .find(|&p| tail_after(short, &run[p..]).is_some_and(|tail| tail <= MAX_TAIL_CHARS))
}

/// How many characters of `long` follow the last of `short`'s, each matched at its first
/// occurrence after the one before; None unless all are there.
fn tail_after(short: &[char], long: &[char]) -> Option<usize> {
    let mut next = 0;
    for c in short {
        next += long.get(next..)?.iter().position(|l| l == c)? + 1;
    }
    Some(long.len() - next)
}

/// `run[from..]`, widened to the left over words that open long names (国家, 中国, …).
fn extend_over_openings<'a>(run: &'a [char], mut from: usize, short: &[char]) -> &'a [char] {
    loop {
        let opening = NAME_OPENINGS.iter().find(|opening| {
            let opening: Vec<char> = opening.chars().collect();
            from >= opening.len() && run[from - opening.len()..from] == opening[..]
        });
        match opening {
            // 国家发改委 already holds 国家: the long name does too, without widening.
            Some(opening) if !short.starts_with(&opening.chars().collect::<Vec<_>>()) => {
                from -= opening.chars().count();
            }
            _ => return &run[from..],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        pairs_with(text, &AnyName)
    }

    fn pairs_with(text: &str, names: &dyn NameCheck) -> Vec<(String, String)> {
        find(text, names)
            .into_iter()
            .map(|d| (d.long, d.short))
            .collect()
    }

    fn pair(long: &str, short: &str) -> Vec<(String, String)> {
        vec![(long.to_string(), short.to_string())]
    }

    #[test]
    fn finds_marked_definitions_in_and_out_of_brackets() {
        assert_eq!(
            pairs("会同国家发展和改革委员会（以下简称“国家发改委”）。"),
            pair("国家发展和改革委员会", "国家发改委")
        );
        assert_eq!(
            pairs("中国国际服务贸易交易会，简称服贸会，今天开幕。"),
            pair("中国国际服务贸易交易会", "服贸会")
        );
        assert_eq!(
            pairs("东海渔业合作委员会（下称东渔委）成立。"),
            pair("东海渔业合作委员会", "东渔委")
        );
        assert_eq!(
            pairs("首届青山杯龙舟邀请赛（简称“青龙赛”，下同）开幕"),
            pair("青山杯龙舟邀请赛", "青龙赛")
        );
        assert_eq!(
            pairs("西岭生态保护联盟（英文缩写WEPA）成立"),
            pair("西岭生态保护联盟", "WEPA")
        );
    }

    #[test]
    fn a_quoted_long_name_is_taken_whole() {
        assert_eq!(
            pairs("省里启动“乡村青年教师成长计划”（简称“青师计划”）"),
            pair("乡村青年教师成长计划", "青师计划")
        );
        assert_eq!(
            pairs("两地签署“南湖北岭合作协议”（南北协议）"),
            pair("南湖北岭合作协议", "南北协议")
        );
        assert_eq!(
            pairs("加入《东方海洋贸易伙伴协定》（EOTP）"),
            pair("东方海洋贸易伙伴协定", "EOTP")
        );
    }

    #[test]
    fn an_unmarked_bracket_must_abbreviate_the_words_before_it() {
        assert_eq!(
            pairs("参加世界贸易组织（世贸组织）会议"),
            pair("世界贸易组织", "世贸组织")
        );
        assert!(pairs("他说（记者注：会议延期）").is_empty());
        assert!(pairs("会议（2024年）").is_empty());
        assert!(pairs("未闭合（括号").is_empty());
        assert!(pairs("各地（区、市）").is_empty());
    }

    #[test]
    fn the_long_name_starts_where_the_abbreviation_starts() {
        // The subject and verb before the name are cut away; an opening word is kept.
        assert_eq!(
            pairs("省长王某出席东岭茶叶博览会（东茶博会）"),
            pair("东岭茶叶博览会", "东茶博会")
        );
        assert_eq!(
            pairs("代表团参观中国国际航模博览会（航博会）"),
            pair("中国国际航模博览会", "航博会")
        );
        assert_eq!(
            pairs("第九届东岭冬季运动会（以下简称“九冬”）开幕"),
            pair("第九届东岭冬季运动会", "九冬")
        );
    }

    #[test]
    fn a_bracket_holding_another_word_defines_nothing() {
        // 部长 is said at the start of the clause, not abbreviated at its end.
        assert!(pairs("部长李某在南城出席北海合作组织成员国政府首脑（部长）理事会").is_empty());
        // An alternative, not an abbreviation: 党组 is not made of 各级党委's characters.
        assert!(pairs("各级党委（党组）").is_empty());
        // The short name's characters out of order.
        assert!(pairs("东方航模协会（模东会）").is_empty());
    }

    #[test]
    fn a_document_cited_by_its_own_word_is_no_short_name() {
        assert!(pairs("国务院印发《东岭河道管理条例》（以下简称《条例》）").is_empty());
    }

    #[test]
    fn latin_abbreviations_take_the_words_the_check_leaves() {
        /// Cuts the words up to a verb, as the jieba check does.
        struct CutVerb;
        impl NameCheck for CutVerb {
            fn lead_len(&self, run: &[char]) -> usize {
                let run: String = run.iter().collect();
                run.find("出席")
                    .map_or(0, |at| run[..at].chars().count() + 2)
            }
            fn is_name(&self, _short: &str) -> bool {
                true
            }
        }
        assert_eq!(
            pairs_with("他们出席东方十国集团（E10）峰会", &CutVerb),
            pair("东方十国集团", "E10")
        );
        // A word or a spelling in a bracket is not an abbreviation.
        assert!(pairs("东岭市（Dongling）").is_empty());
    }

    #[test]
    fn the_check_rejects_short_names_that_are_no_names() {
        struct NoWords;
        impl NameCheck for NoWords {
            fn lead_len(&self, _run: &[char]) -> usize {
                0
            }
            fn is_name(&self, short: &str) -> bool {
                short != "标准"
            }
        }
        assert!(pairs_with("新的东岭国家标准（以下简称“标准”）", &NoWords).is_empty());
    }
}
