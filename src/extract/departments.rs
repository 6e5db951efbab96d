//! Departments: the bodies responsible for a report, and one canonical name for each.
//!
//! The body that held the meeting comes from the headline or the opening sentence
//! (`市科协召开党组扩大会议` → 市科协党组, 市科协; `李强主持召开国务院常务会议` → 国务院);
//! byline units and publishers come from the page. [`Aliases`] then maps abbreviations
//! and other names to canonical ones, from `dict/departments.txt` plus users' own files.

use std::collections::HashMap;

use crate::document::push_unique;

/// The alias table shipped with zhsearch (`dict/departments.txt`).
pub const DEPARTMENT_ALIASES: &str = include_str!("../../dict/departments.txt");

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
];

/// Units named right after a body that held their own meeting (`召开党组会议`).
const MEETING_UNITS: &[&str] = &["党组", "党委", "常委会", "理事会", "主席团", "常务委员会"];

/// Words before which stands the body that holds a meeting.
const MEETING_VERBS: &[&str] = &["召开", "举行", "举办"];

/// Maps department names to canonical ones.
///
/// ```
/// use zhsearch::extract::Aliases;
/// let aliases = Aliases::builtin();
/// let page = ["天津市科学技术协会".to_string()];
/// assert_eq!(aliases.canonical("市科协党组", &page), "天津市科学技术协会党组");
/// assert_eq!(aliases.canonical("市科协", &[]), "市科协");
/// assert_eq!(aliases.canonical("中央政治局", &[]), "中共中央政治局");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    /// `(full, abbreviation)` of name parts, longest abbreviation first.
    parts: Vec<(String, String)>,
    names: HashMap<String, String>,
}

impl Aliases {
    /// The table in `dict/departments.txt`.
    pub fn builtin() -> Aliases {
        Aliases::parse(DEPARTMENT_ALIASES).expect("dict/departments.txt is well formed")
    }

    /// Reads a table in the format of `dict/departments.txt`; on a bad line, returns its
    /// 1-based number and what is wrong.
    pub fn parse(text: &str) -> Result<Aliases, (usize, String)> {
        let mut aliases = Aliases::default();
        aliases.extend(text)?;
        Ok(aliases)
    }

    /// Adds the lines of another table; later lines win over earlier ones.
    pub fn extend(&mut self, text: &str) -> Result<(), (usize, String)> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |what: &str| (n + 1, what.to_string());
            let (op, (left, right)) = if let Some(split) = line.split_once('~') {
                ('~', split)
            } else if let Some(split) = line.split_once('=') {
                ('=', split)
            } else {
                return Err(bad(
                    "expected `FULL ~ ABBREVIATION ...` or `NAME = ALIAS ...`",
                ));
            };
            let target = left.trim();
            let others: Vec<&str> = right.split_whitespace().collect();
            if target.is_empty() || target.contains(char::is_whitespace) || others.is_empty() {
                return Err(bad(
                    "expected one name before the operator and one or more after",
                ));
            }
            for other in others {
                if op == '~' {
                    self.parts.retain(|(_, a)| a != other);
                    self.parts.push((target.to_string(), other.to_string()));
                } else {
                    self.names.insert(other.to_string(), target.to_string());
                }
            }
        }
        self.parts
            .sort_by_key(|(_, abbreviation)| std::cmp::Reverse(abbreviation.len()));
        Ok(())
    }

    /// The canonical name of `name`, given the bodies the page itself names (publisher,
    /// bylines) that an abbreviation may stand for.
    pub fn canonical(&self, name: &str, page_bodies: &[String]) -> String {
        if let Some(canonical) = self.names.get(name) {
            return canonical.clone();
        }
        for (full, abbreviation) in &self.parts {
            let Some(at) = name.find(abbreviation.as_str()) else {
                continue;
            };
            let (place, rest) = (&name[..at], &name[at + abbreviation.len()..]);
            // The page names the body: `市科协` on 天津市科学技术协会's site.
            let linked = page_bodies.iter().find(|body| {
                body.strip_suffix(full.as_str())
                    .is_some_and(|body_place| !place.is_empty() && body_place.ends_with(place))
            });
            if let Some(body) = linked {
                return format!("{body}{rest}");
            }
            // A named place makes the name whole by itself: `天津市科协`.
            if place.chars().count() >= 2 && !is_generic_place(place) {
                return format!("{place}{full}{rest}");
            }
        }
        name.to_string()
    }
}

/// `市`, `省`, `本市` and the like: a place only the page can tell.
fn is_generic_place(place: &str) -> bool {
    matches!(
        place,
        "市" | "省" | "区" | "县" | "州" | "镇" | "本市" | "本省" | "全市" | "全省" | "全区"
    )
}

/// The bodies a headline or opening sentence says held a meeting, most specific first:
/// `市科协召开党组扩大会议` → `市科协党组`, `市科协`; `李强主持召开国务院常务会议` → `国务院`.
pub(crate) fn meeting_bodies(text: &str, aliases: &Aliases) -> Vec<String> {
    let mut bodies = Vec::new();
    // A meeting that names its body (国务院常务会议, 中央政治局会议).
    for (alias, canonical) in &aliases.names {
        if text.contains(alias.as_str()) && alias.chars().count() >= 4 {
            push_unique(&mut bodies, canonical.clone());
        }
    }
    bodies.sort();
    for verb in MEETING_VERBS {
        let Some(at) = text.find(verb) else { continue };
        let subject = subject_before(&text[..at]);
        let count = subject.chars().count();
        if !(2..=20).contains(&count) || !ORG_SUFFIXES.iter().any(|s| subject.ends_with(s)) {
            continue;
        }
        let meeting = &text[at + verb.len()..];
        let mut found = Vec::new();
        for unit in MEETING_UNITS {
            if meeting.starts_with(unit) {
                found.push(format!("{subject}{unit}"));
            }
        }
        found.push(subject.to_string());
        for body in found.into_iter().rev() {
            bodies.insert(0, body);
        }
        bodies.dedup();
        break;
    }
    bodies
}

/// The organisation right before a meeting verb: back to a clause mark, a date, or a
/// word that cannot be part of a name (`11月25日下午，市科协` → 市科协).
fn subject_before(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            !crate::extract::persons::lexicon::is_han(c) || "日时午上下晚在于".contains(c)
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let subject = &text[start..];
    // Drop a leading verb phrase: `主持` ends the chair's part (`李强主持`).
    match subject.rfind("主持") {
        Some(at) => &subject[at + "主持".len()..],
        None => subject,
    }
}

/// All departments of a page, most specific first, each under its canonical name.
pub(crate) fn departments(
    title: &str,
    opening: &str,
    page_units: &[String],
    aliases: &Aliases,
) -> Vec<String> {
    let mut named = meeting_bodies(title, aliases);
    if named.is_empty() {
        named = meeting_bodies(opening, aliases);
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
            meeting_bodies(
                "市科协召开党组扩大会议传达学习市委十二届二次全会精神",
                &aliases
            ),
            ["市科协党组", "市科协"]
        );
        assert_eq!(
            meeting_bodies("李强主持召开国务院常务会议", &aliases),
            ["国务院"]
        );
        assert_eq!(
            meeting_bodies("11月25日下午，市科协召开党组会议", &aliases),
            ["市科协党组", "市科协"]
        );
        assert!(meeting_bodies("习近平会见外国客人", &aliases).is_empty());
    }

    #[test]
    fn page_units_make_abbreviations_whole() {
        let aliases = Aliases::builtin();
        let units = vec!["办公室".to_string(), "天津市科学技术协会".to_string()];
        assert_eq!(
            departments("市科协召开党组扩大会议", "", &units, &aliases),
            ["天津市科学技术协会党组", "天津市科学技术协会", "办公室"]
        );
    }

    #[test]
    fn users_extend_the_table() {
        let mut aliases = Aliases::builtin();
        aliases.extend("滨海新区 = 滨海区\n").unwrap();
        assert_eq!(aliases.canonical("滨海区", &[]), "滨海新区");
        assert_eq!(Aliases::parse("只有名字").unwrap_err().0, 1);
    }
}
