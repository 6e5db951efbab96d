//! Short names a corpus defines itself: "国家发展和改革委员会（以下简称国家发改委）",
//! "…，简称…", and "中国国际进口博览会（进博会）" where the bracket holds a short form of
//! the words before it. Found definitions are offered to users in the format of
//! `dict/aliases.txt` (`zhsearch aliases`), never used unseen.

use super::chars::is_han;

/// A long name and the short name a text defines for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Definition {
    /// The long form, as written before the definition.
    pub long: String,
    /// The short form defined for it.
    pub short: String,
}

/// Characters a long name can never span: the end of a clause or a list item.
fn ends_name(c: char) -> bool {
    !(is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '“' | '”' | '·' | '—'))
}

/// Words that open many long names and often stand just before the part a short name
/// abbreviates (国家 + 发展和改革委员会 → 国家发改委 keeps it, 发改委 drops it).
const NAME_OPENINGS: [&str; 8] = [
    "中华人民共和国",
    "中国",
    "国家",
    "全国",
    "中央",
    "国际",
    "世界",
    "中共",
];

/// Longest long name, in characters; longer runs are clauses, not names.
const MAX_LONG_CHARS: usize = 30;
/// Longest short name, in characters.
const MAX_SHORT_CHARS: usize = 12;

/// The definitions in `text`, in order of appearance.
///
/// ```
/// use zhsearch::text::definitions::find;
/// let text = "会议由国家发展和改革委员会（以下简称国家发改委）主办，中国国际进口博览会（进博会）如期举行。";
/// let found: Vec<(String, String)> = find(text).into_iter().map(|d| (d.long, d.short)).collect();
/// assert_eq!(found, [
///     ("国家发展和改革委员会".to_string(), "国家发改委".to_string()),
///     ("中国国际进口博览会".to_string(), "进博会".to_string()),
/// ]);
/// ```
pub fn find(text: &str) -> Vec<Definition> {
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
                let inner: String = chars[at + 1..close].iter().collect();
                if let Some(definition) = bracketed(&chars[..at], &inner) {
                    found.push(definition);
                }
                at = close + 1;
                continue;
            }
        }
        if c == '简' && chars.get(at + 1) == Some(&'称') {
            // "X，简称Y" outside brackets: X is the clause before the comma.
            let mut before = at;
            while before > 0 && matches!(chars[before - 1], '，' | ',') {
                before -= 1;
            }
            let short = short_after(&chars[at + 2..]);
            if let Some(definition) = define(&chars[..before], &short, true) {
                found.push(definition);
            }
        }
        at += 1;
    }
    found
}

/// A definition made by a bracket holding `inner` after the text `before`.
fn bracketed(before: &[char], inner: &str) -> Option<Definition> {
    let inner = inner.trim();
    let defined = ["以下简称", "下称", "简称"]
        .iter()
        .find_map(|mark| inner.strip_prefix(mark));
    match defined {
        Some(rest) => {
            let rest: Vec<char> = rest.trim_start_matches(['：', ':']).chars().collect();
            define(before, &short_after(&rest), true)
        }
        None => define(before, inner, false),
    }
}

/// The short name at the start of `text`: quoted, or up to the end of the clause.
fn short_after(text: &[char]) -> String {
    let text = match text.first() {
        Some('“') | Some('"') => &text[1..],
        _ => text,
    };
    text.iter()
        .take_while(|&&c| !ends_name(c) && c != '”' && c != '"')
        .collect()
}

/// The definition of `short` for the name that ends `before`, if it is one. Unless
/// `marked` (the text said 简称), `short` must be made of the name's characters in order.
fn define(before: &[char], short: &str, marked: bool) -> Option<Definition> {
    let short: Vec<char> = short.chars().collect();
    if short.len() < 2 || short.len() > MAX_SHORT_CHARS || !short.iter().any(|c| is_han(*c)) {
        return None;
    }
    let start = before
        .iter()
        .rposition(|&c| ends_name(c))
        .map_or(0, |p| p + 1);
    let run = &before[start..];
    let long: &[char] = match abbreviated_part(run, &short) {
        Some(from) => extend_over_openings(run, from, &short),
        None if marked && run.len() <= MAX_LONG_CHARS => run,
        None => return None,
    };
    let long: String = long.iter().collect();
    let long = long.trim_matches(['“', '”']).to_string();
    let short: String = short.into_iter().collect();
    (long.chars().count() > short.chars().count() && long.chars().count() <= MAX_LONG_CHARS)
        .then_some(Definition { long, short })
}

/// Where in `run` the part starts that `short` abbreviates: the last position holding its
/// first character from which `short`'s characters all follow in order.
fn abbreviated_part(run: &[char], short: &[char]) -> Option<usize> {
    (0..run.len())
        .rev()
        .filter(|&p| run[p] == short[0])
        .find(|&p| is_subsequence(short, &run[p..]))
}

fn is_subsequence(short: &[char], long: &[char]) -> bool {
    let mut rest = long.iter();
    short.iter().all(|c| rest.any(|l| l == c))
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
        find(text).into_iter().map(|d| (d.long, d.short)).collect()
    }

    #[test]
    fn finds_marked_definitions_in_and_out_of_brackets() {
        assert_eq!(
            pairs("会同国家发展和改革委员会（以下简称“国家发改委”）。"),
            [("国家发展和改革委员会".to_string(), "国家发改委".to_string())]
        );
        assert_eq!(
            pairs("中国国际服务贸易交易会，简称服贸会，今天开幕。"),
            [("中国国际服务贸易交易会".to_string(), "服贸会".to_string())]
        );
    }

    #[test]
    fn an_unmarked_bracket_must_abbreviate_the_words_before_it() {
        assert_eq!(
            pairs("参加世界贸易组织（世贸组织）会议"),
            [("世界贸易组织".to_string(), "世贸组织".to_string())]
        );
        assert!(pairs("他说（记者注：会议延期）").is_empty());
        assert!(pairs("会议（2024年）").is_empty());
        assert!(pairs("未闭合（括号").is_empty());
    }
}
