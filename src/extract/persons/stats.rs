//! How name-like each character is: as a surname, in a Chinese given name, in a
//! transliterated foreign name. Counted from the person entries (`nr`, `nrt`, `nrfg`) of
//! a jieba-format dictionary and kept as small buckets, so that the model can generalise
//! from the names it was trained on to names it never saw.

use std::collections::HashMap;

/// Bucketed name-likeness of one character: `[surname, given name, foreign name]`,
/// each 0 (never seen in that role) to 5 (mostly seen in that role).
pub(crate) type CharRoles = [u8; 3];

/// Name-likeness of characters; characters not listed are 0 in every role.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct NameStats {
    roles: HashMap<char, CharRoles>,
    /// The same for the Basic Multilingual Plane, indexed by code point: the recognizer
    /// asks for every character of every document.
    table: Vec<CharRoles>,
}

impl NameStats {
    /// Counts the person entries of a jieba-format dictionary (`word [freq] [tag]` lines).
    #[cfg(any(feature = "training", test))]
    pub fn from_dictionary(dictionary: &str) -> NameStats {
        // Per character: words containing it; and its counts as surname, given, foreign.
        let mut counts: HashMap<char, [u32; 4]> = HashMap::new();
        for line in dictionary.lines() {
            let mut parts = line.split_whitespace();
            let (Some(word), tag) = (parts.next(), parts.nth(1).unwrap_or("")) else {
                continue;
            };
            let chars: Vec<char> = word.chars().collect();
            for c in &chars {
                counts.entry(*c).or_default()[0] += 1;
            }
            match tag {
                "nr" | "nrfg" if (2..=3).contains(&chars.len()) => {
                    counts.entry(chars[0]).or_default()[1] += 1;
                    for c in &chars[1..] {
                        counts.entry(*c).or_default()[2] += 1;
                    }
                }
                "nrt" => {
                    for c in &chars {
                        counts.entry(*c).or_default()[3] += 1;
                    }
                }
                _ => {}
            }
        }
        let roles = counts
            .into_iter()
            .filter_map(|(c, [all, sur, given, foreign])| {
                let bucket = |n: u32| bucket(n, all);
                let roles = [bucket(sur), bucket(given), bucket(foreign)];
                (roles != [0; 3]).then_some((c, roles))
            })
            .collect();
        NameStats::new(roles)
    }

    fn new(roles: HashMap<char, CharRoles>) -> NameStats {
        let mut table = vec![[0; 3]; 0x10000];
        for (c, r) in &roles {
            if let Some(slot) = table.get_mut(*c as usize) {
                *slot = *r;
            }
        }
        NameStats { roles, table }
    }

    /// True if `c` is common enough in transliterated foreign names to extend or start
    /// one (foreign-name likeness 2 or more).
    pub fn in_transliterations(&self, c: char) -> bool {
        self.roles(c)[2] >= 2
    }

    /// The roles of `c`.
    pub fn roles(&self, c: char) -> CharRoles {
        match self.table.get(c as usize) {
            Some(roles) => *roles,
            None => self.roles.get(&c).copied().unwrap_or_default(),
        }
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        let mut entries: Vec<(&char, &CharRoles)> = self.roles.iter().collect();
        entries.sort();
        out.extend((entries.len() as u32).to_le_bytes());
        for (c, roles) in entries {
            out.extend((*c as u32).to_le_bytes());
            out.extend(roles);
        }
    }

    /// Reads what [`NameStats::write`] wrote from the front of `bytes`; returns the rest.
    pub(crate) fn read(bytes: &[u8]) -> Option<(NameStats, &[u8])> {
        let (count, mut rest) = bytes.split_first_chunk::<4>()?;
        let mut roles = HashMap::new();
        for _ in 0..u32::from_le_bytes(*count) {
            let (c, after) = rest.split_first_chunk::<4>()?;
            let (r, after) = after.split_first_chunk::<3>()?;
            roles.insert(char::from_u32(u32::from_le_bytes(*c))?, *r);
            rest = after;
        }
        Some((NameStats::new(roles), rest))
    }
}

/// 0 if `n` is 0; otherwise 1 to 5 by the share `n / (all + 3)`.
#[cfg(any(feature = "training", test))]
fn bucket(n: u32, all: u32) -> u8 {
    if n == 0 {
        return 0;
    }
    let share = n as f64 / (all as f64 + 3.0);
    match share {
        s if s >= 0.5 => 5,
        s if s >= 0.25 => 4,
        s if s >= 0.1 => 3,
        s if s >= 0.03 => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_roles_and_round_trips() {
        let dict = "王小明 3 nr\n王大明 3 nr\n明天 9 t\n克林顿 5 nrt\n";
        let stats = NameStats::from_dictionary(dict);
        assert!(stats.roles('王')[0] > 0);
        assert!(stats.roles('明')[1] > 0);
        assert!(stats.roles('顿')[2] > 0);
        assert_eq!(stats.roles('天'), [0, 0, 0]);
        let mut bytes = Vec::new();
        stats.write(&mut bytes);
        bytes.push(7);
        let (again, rest) = NameStats::read(&bytes).unwrap();
        assert_eq!((again, rest), (stats, &[7u8][..]));
    }
}
