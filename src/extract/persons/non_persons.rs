//! The document pass that drops names which are no persons: places of the gazetteer,
//! organisations, common words of the stop list, and foreign-looking names nothing in the
//! document shows to be persons. Each test but the organisation's gives way to person
//! evidence: a title or role before an occurrence of the name, a title or form of address
//! after one (`议长…`, `…先生`), or the name being a known person's.

use std::collections::HashSet;
use std::sync::LazyLock;

use jieba_rs::Jieba;

use super::jieba_words::{COMMON_WORD_FREQUENCY, dictionary_tag_is, is_person_word};
use super::lexicon::{self, FOREIGN_TITLES, starts_with_at, title_at, title_before};
use super::stats::NameStats;
use crate::text::aliases::DEPARTMENT_ALIASES;
use crate::text::chars::{is_han, is_name_separator};

/// Places derived from the corpus (`dict/corpus_places.txt`, written by
/// `examples/derive_non_persons.rs`): not persons unless the document shows them as one.
const CORPUS_PLACES: &str = include_str!("../../../dict/corpus_places.txt");

/// Common words and pieces of longer words derived from the corpus the same way
/// (`dict/corpus_words.txt`): not persons unless a title, a role or a form of address
/// shows one.
const CORPUS_WORDS: &str = include_str!("../../../dict/corpus_words.txt");

/// Endings of organisations' names (`哈马斯武装`, `人民行动党`, `民族解放阵线`). A name
/// ends so only when something stands before the ending.
const ORGANISATION_ENDINGS: &[&str] = &[
    "党",
    "组织",
    "武装",
    "阵线",
    "运动",
    "集团",
    "公司",
    "委员会",
    "联盟",
    "同盟",
    "民兵",
    "游击队",
    "联军",
    "政权",
    "派",
];

/// The lists of this pass, built once.
struct Lists {
    places: HashSet<String>,
    words: HashSet<String>,
    /// Every name of a body in the department alias table, both sides of each line.
    bodies: HashSet<String>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    places: list_words(CORPUS_PLACES).map(str::to_string).collect(),
    words: list_words(CORPUS_WORDS).map(str::to_string).collect(),
    bodies: DEPARTMENT_ALIASES
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .flat_map(|line| line.split(['~', '=']))
        .flat_map(str::split_whitespace)
        .filter(|word| word.chars().count() >= 2)
        .map(str::to_string)
        .collect(),
});

/// The words of a list file: space-separated, `#` comment lines.
fn list_words(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .flat_map(str::split_whitespace)
}

/// `names` without those that are no persons, given the document's texts as characters
/// and as written (`strings`, the same texts).
pub(super) fn retain_persons(
    jieba: &Jieba,
    stats: &NameStats,
    names: &mut Vec<String>,
    texts: &[Vec<char>],
    strings: &[&str],
) {
    names.retain(|name| is_person(jieba, stats, name, texts, strings));
}

/// True unless `name` is an organisation, or a place, a common word or an unseen
/// foreign-looking name without person evidence in `texts`.
fn is_person(
    jieba: &Jieba,
    stats: &NameStats,
    name: &str,
    texts: &[Vec<char>],
    strings: &[&str],
) -> bool {
    if is_organisation(name) {
        return false;
    }
    if LISTS.words.contains(name) || is_common_word(jieba, name) {
        // A word's occurrences are followed by `指出`, `说` as a person's are (`贺信指出`):
        // only a title, a role or a form of address shows a person there.
        return has_titled_evidence(name, texts);
    }
    let suspect = LISTS.places.contains(name)
        || is_unseen_foreign(jieba, stats, name)
        // The document's own gazetteer, for the places no list has yet.
        || strings.iter().any(|text| lexicon::named_as_place(text, name));
    !suspect || has_person_evidence(name, texts)
}

/// True if `name` is a body of the alias table or ends like an organisation's name.
fn is_organisation(name: &str) -> bool {
    let count = name.chars().count();
    LISTS.bodies.contains(name)
        || ORGANISATION_ENDINGS
            .iter()
            .any(|ending| name.ends_with(ending) && ending.chars().count() < count)
}

/// True if jieba's dictionary has `name` as one frequent word that is no name
/// ([`COMMON_WORD_FREQUENCY`]): `春节`, `智慧`, `黄金`.
fn is_common_word(jieba: &Jieba, name: &str) -> bool {
    name.chars().count() >= 2
        && dictionary_tag_is(jieba, name, |tag| !tag.starts_with("nr"))
        // For a word of the dictionary standing alone, one more than its count.
        && jieba.suggest_freq(name) > COMMON_WORD_FREQUENCY
}

/// True if `name` looks like a transliteration (three characters or more, all common in
/// transliterations, not opening with a Chinese surname unless longer than three) and is
/// neither a known person nor a person of jieba's dictionary: the model may take a place
/// or a group for such a name, and only context tells. A name with a `·` or `-` is left alone:
/// given name and surname so joined are a person's (places and groups hardly have one).
fn is_unseen_foreign(jieba: &Jieba, stats: &NameStats, name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    let transliterated = chars.len() >= 3
        && !chars.iter().any(|&c| is_name_separator(c))
        && chars.iter().all(|&c| stats.in_transliterations(c))
        && (chars.len() > 3 || !lexicon::is_surname_at(&chars, 0));
    transliterated
        && !lexicon::is_known_person(&chars, 0..chars.len())
        && !is_person_word(jieba, name)
}

/// Words after a name that show it is a person's, besides the titles: forms of address,
/// `同志`, and what only persons do in reports (a country `表示` or `宣布` too, so those
/// are left out).
#[rustfmt::skip]
const PERSON_MARKS_AFTER: &[&str] = &[
    "先生", "女士", "夫人", "同志", "阁下", "一行", "主持", "出席", "会见", "会晤", "强调", "指出",
    "讲话", "致辞", "签署", "考察", "调研", "率领", "陪同", "介绍", "说", "举行会谈", "迎接",
];

/// Words before a name whose object is a person (`任命潘岳为`, `会见…`).
const PERSON_MARKS_BEFORE: &[&str] = &["任命", "免去", "会见", "会晤", "接见", "宴请", "陪同"];

/// Last characters of role words written right before a name that the title list lacks
/// (`助理沙利文`, `航天员景海鹏`, `特使克里`, `候选人…`): a word of two characters or
/// more ending so before the name shows a person.
const ROLE_ENDINGS_BEFORE: &str = "长员官使理统相帅手席人";

/// More role endings that a common word needs before it ([`has_titled_evidence`]):
/// `大臣…`, `亲王…`, `王储…`.
const ROYAL_ROLE_ENDINGS_BEFORE: &str = "臣王储";

/// True if some occurrence of `name` in `texts` has a title, a role or a verb of persons
/// right before it, or
/// a title, a foreign office, a form of address or a person's doing right after it; or
/// `name` is a known person's.
pub(super) fn has_person_evidence(name: &str, texts: &[Vec<char>]) -> bool {
    evidence(name, texts, true)
}

/// [`has_person_evidence`] without the verbs of persons after the name and a country's
/// `的`: what a common word needs, since `贺信指出` is said of a letter as of a person. A
/// title or role, `任命`… before it, a title or form of address after it, or a known
/// person's name beside it in a list still counts.
pub(super) fn has_titled_evidence(name: &str, texts: &[Vec<char>]) -> bool {
    evidence(name, texts, false)
}

/// Person evidence for `name` in `texts`: with `verbs`, a verb of persons after it or a
/// country's `的` counts too; without, a royal role before it, a known person's name
/// beside it in a list or a form of address after it.
fn evidence(name: &str, texts: &[Vec<char>], verbs: bool) -> bool {
    let name: Vec<char> = name.chars().collect();
    if name.is_empty() {
        return false;
    }
    if lexicon::is_known_person(&name, 0..name.len()) {
        return true;
    }
    texts.iter().any(|chars| {
        (0..chars.len().saturating_sub(name.len() - 1))
            .filter(|&i| chars[i..].starts_with(&name))
            .any(|start| {
                let end = start + name.len();
                let role_word_before = start >= 2
                    && (ROLE_ENDINGS_BEFORE.contains(chars[start - 1])
                        || (!verbs && ROYAL_ROLE_ENDINGS_BEFORE.contains(chars[start - 1])))
                    && is_han(chars[start - 2]);
                // `比利时的…`: a country's person (its places take 的 less, and
                // rarely without 市, 州…, which the place tests catch).
                let of_a_country = start >= 3
                    && chars[start - 1] == '的'
                    && (0..start - 1).any(|i| {
                        lexicon::known_place_at(chars, i).is_some_and(|len| i + len == start - 1)
                    });
                let by_verb = || {
                    of_a_country
                        || PERSON_MARKS_AFTER
                            .iter()
                            .any(|w| starts_with_at(chars, end, w))
                };
                // What a common word needs besides: a list or a form of address.
                let listed_or_addressed = || {
                    listed_with_known_person(chars, start, end)
                        || lexicon::addresses_surname_at(chars, end)
                };
                title_before(chars, start)
                    || role_word_before
                    || PERSON_MARKS_BEFORE
                        .iter()
                        .any(|w| lexicon::ends_with_at(chars, start, w))
                    || (title_at(chars, end)
                        // `党员干部`, `青年代表`: a common word before a group's role
                        // names the group, not a person.
                        && (verbs || !GROUP_ROLES.iter().any(|r| starts_with_at(chars, end, r))))
                    || FOREIGN_TITLES.iter().any(|t| starts_with_at(chars, end, t))
                    || if verbs {
                        by_verb()
                    } else {
                        listed_or_addressed()
                    }
            })
    })
}

/// Roles a group of people shares (`党员干部`, `群众代表`): after a common word they are no
/// evidence that the word is a name.
const GROUP_ROLES: &[&str] = &["干部", "代表", "专家", "负责人", "记者", "委员"];

/// Marks between the names of a list (`铁凝、林晓岚、张庆黎`, a caption's `　`).
const LIST_MARKS: &str = "、　 ";

/// True if the name at `start..end` stands in a list right beside a known person's name:
/// names are listed with names.
fn listed_with_known_person(chars: &[char], start: usize, end: usize) -> bool {
    let after = chars.get(end).is_some_and(|&c| LIST_MARKS.contains(c))
        && lexicon::known_person_at(chars, end + 1).is_some();
    let before = start >= 2
        && LIST_MARKS.contains(chars[start - 1])
        && (0..start - 1)
            .rev()
            .take(6)
            .any(|i| lexicon::known_person_at(chars, i).is_some_and(|len| i + len == start - 1));
    after || before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;

    fn chars(text: &str) -> Vec<Vec<char>> {
        vec![text.chars().collect()]
    }

    #[test]
    fn organisations_are_no_persons() {
        assert!(is_organisation("青山解放阵线"));
        assert!(is_organisation("绿原人民党"));
        assert!(is_organisation("红河武装"));
        assert!(is_organisation("发改委"));
        assert!(!is_organisation("党"));
        assert!(!is_organisation("林晓岚"));
    }

    #[test]
    fn a_festival_is_a_common_word_unless_a_title_names_it() {
        let analyzer = Analyzer::new();
        let jieba = analyzer.jieba();
        assert!(is_common_word(jieba, "春节"));
        assert!(!is_common_word(jieba, "林晓岚"));
        let stats = &crate::extract::persons::PersonRecognizer::builtin().stats;
        let texts = chars("春节期间，各地举办活动。");
        assert!(!is_person(jieba, stats, "春节", &texts, &[]));
    }

    #[test]
    fn a_foreign_name_needs_evidence() {
        let analyzer = Analyzer::new();
        let jieba = analyzer.jieba();
        let stats = &crate::extract::persons::PersonRecognizer::builtin().stats;
        // A made-up transliteration: a town without evidence, a person with a title.
        assert!(is_unseen_foreign(jieba, stats, "卡拉斯诺夫卡"));
        let town = chars("卡拉斯诺夫卡遭到炮击，卡拉斯诺夫卡居民撤离。");
        assert!(!is_person(jieba, stats, "卡拉斯诺夫卡", &town, &[]));
        let envoy = chars("大使卡拉斯诺夫卡说，双方将加强合作。");
        assert!(is_person(jieba, stats, "卡拉斯诺夫卡", &envoy, &[]));
        let president = chars("卡拉斯诺夫卡总统表示欢迎。");
        assert!(is_person(jieba, stats, "卡拉斯诺夫卡", &president, &[]));
    }

    #[test]
    fn a_name_the_document_writes_as_a_place_needs_evidence() {
        let analyzer = Analyzer::new();
        let jieba = analyzer.jieba();
        let stats = &crate::extract::persons::PersonRecognizer::builtin().stats;
        let front = "部队在青禾湾方向推进。青禾湾遭到袭击。";
        assert!(!is_person(jieba, stats, "青禾湾", &chars(front), &[front]));
        let titled = "部队在青禾湾方向推进。市长青禾湾表示欢迎。";
        assert!(is_person(jieba, stats, "青禾湾", &chars(titled), &[titled]));
        let plain = "青禾湾遭到袭击。";
        assert!(is_person(jieba, stats, "青禾湾", &chars(plain), &[plain]));
    }

    #[test]
    fn a_common_word_needs_a_title_not_a_verb() {
        let analyzer = Analyzer::new();
        let jieba = analyzer.jieba();
        let stats = &crate::extract::persons::PersonRecognizer::builtin().stats;
        // The dictionary tags 贺信 as a name; a letter is said to point out, too.
        let letter = chars("主席致贺信。贺信指出，要加强合作。");
        assert!(has_person_evidence("贺信", &letter));
        assert!(!has_titled_evidence("贺信", &letter));
        assert!(!is_person(
            jieba,
            stats,
            "春节",
            &chars("春节指出"),
            &["春节指出"]
        ));
        assert!(is_person(
            jieba,
            stats,
            "春节",
            &chars("春节先生说"),
            &["春节先生说"]
        ));
        // Listed beside a known person's name, or named by 任命: a person.
        assert!(has_titled_evidence("林晓岚", &chars("习近平、林晓岚出席")));
        assert!(has_titled_evidence("林晓岚", &chars("林晓岚、习近平出席")));
        assert!(has_titled_evidence("林晓岚", &chars("任命林晓岚为主任")));
        assert!(!has_titled_evidence("林晓岚", &chars("林晓岚、周启明出席")));
        // A group's role after a common word names the group.
        assert!(!has_titled_evidence(
            "党员",
            &chars("问题是否得到解决、党员干部作风")
        ));
        assert!(has_titled_evidence("春节", &chars("春节主任说")));
    }

    #[test]
    fn evidence_is_a_title_or_address_at_any_occurrence() {
        let texts = chars("林晓岚到会。随后，林晓岚女士发言。");
        assert!(has_person_evidence("林晓岚", &texts));
        assert!(!has_person_evidence("林晓岚", &chars("林晓岚到会。")));
        assert!(has_person_evidence("习近平", &chars("")));
    }
}
