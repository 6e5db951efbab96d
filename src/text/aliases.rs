//! The department alias table: abbreviations and other names of bodies, mapped to one
//! canonical name (`市科协` on 天津市科学技术协会's site → 天津市科学技术协会).
//!
//! Extraction names a page's departments by it and search expands a `department:` filter
//! by it, so it lives here, below both: neither imports the other for it. The table ships
//! as `dict/departments.txt` (users edit it, and an index may add its own lines).

use std::collections::{HashMap, HashSet};

/// The alias table shipped with zhsearch (`dict/departments.txt`).
pub const DEPARTMENT_ALIASES: &str = include_str!("../../dict/departments.txt");

/// Maps department names to canonical ones.
///
/// ```
/// use zhsearch::text::aliases::Aliases;
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
    /// The canonical names, for [`Aliases::knows`].
    canonicals: HashSet<String>,
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
                    self.canonicals.insert(target.to_string());
                }
            }
        }
        self.parts
            .sort_by_key(|(_, abbreviation)| std::cmp::Reverse(abbreviation.len()));
        Ok(())
    }

    /// Whether the table lists `name`, as an alias or as a canonical name.
    pub fn knows(&self, name: &str) -> bool {
        self.names.contains_key(name) || self.canonicals.contains(name)
    }

    /// The canonical name of `name`, given the bodies the page itself names (publisher,
    /// bylines) that an abbreviation may stand for.
    pub fn canonical(&self, name: &str, page_bodies: &[String]) -> String {
        if let Some(canonical) = self.names.get(name) {
            return canonical.clone();
        }
        if self.canonicals.contains(name) {
            return name.to_string();
        }
        // The country before a listed name is no part of it (`中国外交部`,
        // `中华人民共和国国防部`), nor is the party before a local party committee
        // (`中共北京市委`: `北京市委`).
        for country in COUNTRY_NAMES {
            if let Some(rest) = name.strip_prefix(country)
                && self.knows(rest)
            {
                return self.canonical(rest, page_bodies);
            }
        }
        // A unit of a listed body named by one of the body's other names (`中宣部理论局`,
        // `中央宣传部理论局`): the unit of the canonical body.
        let cuts: Vec<usize> = name.char_indices().skip(2).map(|(at, _)| at).collect();
        if let Some((owner, unit)) = cuts
            .into_iter()
            .rev()
            .map(|at| name.split_at(at))
            .find(|(owner, unit)| self.names.contains_key(*owner) && is_unit(unit))
        {
            return format!("{}{unit}", self.names[owner]);
        }
        if let Some(committee) = name.strip_prefix(PARTY)
            && let Some(place) = committee.strip_suffix('委')
            && is_named_place(place)
        {
            return committee.to_string();
        }
        for (full, abbreviation) in &self.parts {
            let Some(at) = name.find(abbreviation.as_str()) else {
                continue;
            };
            let (place, rest) = (&name[..at], &name[at + abbreviation.len()..]);
            // A compound organ (`县纪委监委`) keeps the name it is written with: expanding
            // one of its halves would name neither body.
            if self
                .parts
                .iter()
                .any(|(_, other)| rest.contains(other.as_str()))
            {
                return name.to_string();
            }
            // The page names the body: `市科协` on 天津市科学技术协会's site.
            let linked = page_bodies.iter().find(|body| {
                body.strip_suffix(full.as_str())
                    .is_some_and(|body_place| !place.is_empty() && body_place.ends_with(place))
            });
            if let Some(body) = linked {
                return format!("{body}{rest}");
            }
            // A named place makes the name whole by itself: `天津市科协`.
            if is_named_place(place) {
                return format!("{place}{full}{rest}");
            }
        }
        // A local government is written with and without 人民 (`清河县人民政府`,
        // `清河县政府`); the short name is one name for both, and the only one a foreign
        // place's government has (`缅因州政府`).
        if let Some(place) = name.strip_suffix("人民政府")
            && is_named_place(place)
        {
            return format!("{place}政府");
        }
        name.to_string()
    }
}

/// How the name of a unit inside a body ends (`理论局`, `价格司`, `新闻办公室`).
const UNIT_ENDINGS: &[&str] = &["局", "司", "处", "室", "厅", "中心", "研究所", "研究院"];

/// True if `unit` is named as a unit inside a body.
fn is_unit(unit: &str) -> bool {
    UNIT_ENDINGS.iter().any(|ending| unit.ends_with(ending))
}

/// How a report writes the country before a body's name.
const COUNTRY_NAMES: [&str; 2] = ["中华人民共和国", "中国"];

/// The party's name before a local party committee's.
const PARTY: &str = "中共";

/// A place of its own name and level (`天津市`, `清河县`), not `市` or `本市`.
fn is_named_place(place: &str) -> bool {
    place.chars().count() >= 2
        && !is_generic_place(place)
        && place.ends_with(['省', '市', '县', '区', '州', '盟', '旗'])
}

/// `市`, `省`, `本市` and the like: a place only the page can tell.
fn is_generic_place(place: &str) -> bool {
    matches!(
        place,
        "市" | "省" | "区" | "县" | "州" | "镇" | "本市" | "本省" | "全市" | "全省" | "全区"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compound_organ_keeps_its_written_name() {
        let aliases = Aliases::builtin();
        assert_eq!(aliases.canonical("清河县纪委监委", &[]), "清河县纪委监委");
        assert_eq!(aliases.canonical("清河县纪委", &[]), "清河县纪律检查委员会");
    }

    #[test]
    fn a_local_government_has_one_name() {
        let aliases = Aliases::builtin();
        assert_eq!(aliases.canonical("清河县政府", &[]), "清河县政府");
        assert_eq!(aliases.canonical("清河县人民政府", &[]), "清河县政府");
        assert_eq!(aliases.canonical("中央人民政府", &[]), "中央人民政府");
        assert_eq!(aliases.canonical("缅因州政府", &[]), "缅因州政府");
    }

    #[test]
    fn the_country_and_the_party_before_a_name_are_no_part_of_it() {
        let aliases = Aliases::builtin();
        assert_eq!(aliases.canonical("中国外交部", &[]), "外交部");
        assert_eq!(
            aliases.canonical("中华人民共和国科学技术部", &[]),
            "科学技术部"
        );
        assert_eq!(aliases.canonical("中国民用航空局", &[]), "中国民航局");
        assert_eq!(aliases.canonical("中宣部", &[]), "中共中央宣传部");
        assert_eq!(aliases.canonical("中共清河县委", &[]), "清河县委");
        // Not a listed body after the country: the name stays.
        assert_eq!(aliases.canonical("中国作家网", &[]), "中国作家网");
        assert_eq!(aliases.canonical("中共中央", &[]), "中共中央");
    }

    #[test]
    fn a_unit_of_a_listed_body_is_named_by_the_canonical_body() {
        let aliases = Aliases::builtin();
        assert_eq!(
            aliases.canonical("中宣部理论局", &[]),
            "中共中央宣传部理论局"
        );
        assert_eq!(
            aliases.canonical("中央宣传部理论局", &[]),
            "中共中央宣传部理论局"
        );
        assert_eq!(
            aliases.canonical("中共中央宣传部理论局", &[]),
            "中共中央宣传部理论局"
        );
        // Not a unit: the name stays.
        assert_eq!(aliases.canonical("人民日报海外版", &[]), "人民日报海外版");
    }

    #[test]
    fn users_extend_the_table() {
        let mut aliases = Aliases::builtin();
        aliases.extend("滨海新区 = 滨海区\n").unwrap();
        assert_eq!(aliases.canonical("滨海区", &[]), "滨海新区");
        assert_eq!(Aliases::parse("只有名字").unwrap_err().0, 1);
    }
}
