//! Persons of a document, as named passes over its headline and body: the model's spans
//! and the rules' merged ([`super::spans`]), each accepted as a name or not, with the role
//! written before it (runs of names split first, [`super::concatenations`]); then the
//! names folded (a given name, a lone surname or a part into the person named in full),
//! filtered by how often each was recognised, and rid of places, organisations, common
//! words and unattested foreign names ([`super::non_persons`]).

use std::collections::HashMap;
use std::ops::Range;

use jieba_rs::Jieba;

use super::jieba_words::{dictionary_tag_is, is_verb_like_word};
use super::{PersonRecognizer, concatenations, lexicon, non_persons, rules, spans};
use crate::PersonRole;
use crate::analysis::WordTokens;
use crate::document::push_unique;
use crate::text::chars::{NAME_DASH, NAME_DOT, is_han, is_name_separator};
use crate::text::words::ORG_SUFFIXES;

/// What the passes over the texts of one document gather.
#[derive(Debug, Default)]
struct Found {
    /// Names in order of first mention, once each.
    names: Vec<String>,
    /// The first role stated for each name that has one.
    roles: Vec<PersonRole>,
    /// How often each name was recognised.
    mentions: HashMap<String, usize>,
}

impl PersonRecognizer {
    /// Persons named in `text` as document extraction finds them: this model's names and
    /// the context rules' names, filtered and merged, once each. `jieba` is the
    /// analyser's segmenter (see [`crate::analysis::Analyzer::jieba`]).
    ///
    /// ```
    /// use zhsearch::analysis::Analyzer;
    /// use zhsearch::extract::persons::PersonRecognizer;
    /// let analyzer = Analyzer::new();
    /// let names = PersonRecognizer::builtin()
    ///     .persons(analyzer.jieba(), "党组成员、副主席夏秋雨、王亚群等同志出席。");
    /// assert_eq!(names, ["夏秋雨", "王亚群"]);
    /// ```
    pub fn persons(&self, jieba: &Jieba, text: &str) -> Vec<String> {
        self.persons_in(jieba, "", text, None).0
    }

    /// Persons named in a headline and a body: the model's names and the rules' names,
    /// once each in order of first mention, with the first role the text states for each.
    /// With `words`, the jieba words of the headline and the body go there too, for the
    /// word fields (the model tags every clause of both anyway).
    pub(crate) fn persons_in(
        &self,
        jieba: &Jieba,
        title: &str,
        body: &str,
        mut words: Option<&mut [WordTokens; 2]>,
    ) -> (Vec<String>, Vec<PersonRole>) {
        let texts: Vec<(Vec<char>, Vec<Range<usize>>)> = [title, body]
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let chars: Vec<char> = text.chars().collect();
                let words = words.as_deref_mut().map(|words| &mut words[i]);
                let spans = self.candidate_spans(jieba, text, &chars, words);
                (chars, spans)
            })
            .collect();
        let separated = concatenations::separated_names(&texts);
        let mut found = Found::default();
        for (chars, spans) in &texts {
            let spans = concatenations::split_runs(jieba, chars, spans.clone(), &separated);
            collect_names(jieba, chars, spans, &mut found);
        }
        let Found {
            mut names,
            mut roles,
            mentions,
        } = found;
        fold_given_names(&mut names);
        fold_lone_surnames(&mut names);
        fold_parts(&mut names);
        keep_frequent(&mut names, &[title, body], &mentions);
        let chars: Vec<Vec<char>> = texts.into_iter().map(|(chars, _)| chars).collect();
        non_persons::retain_persons(jieba, &self.stats, &mut names, &chars, &[title, body]);
        roles.retain(|r| names.contains(&r.name));
        (names, roles)
    }

    /// The spans of one text that may be names: the model's and the rules', merged,
    /// split, trimmed, without the places that qualify a name.
    fn candidate_spans(
        &self,
        jieba: &Jieba,
        text: &str,
        chars: &[char],
        words: Option<&mut WordTokens>,
    ) -> Vec<Range<usize>> {
        let model = self
            .find_whole_words(jieba, text, words)
            .into_iter()
            .map(|m| m.chars);
        let is_foreign = |c: char| self.stats.in_transliterations(c);
        let rules = spans::rule_spans(jieba, chars, &is_foreign);
        let merged = spans::merge_spans(model, rules);
        let trimmed = spans::split_and_trim(jieba, chars, merged);
        let trimmed = spans::split_at_joining_chars(chars, trimmed);
        let whole = spans::without_word_pieces(jieba, chars, trimmed);
        let persons = spans::without_place_qualifiers(chars, whole);
        spans::with_regnal_numbers(chars, persons)
    }
}

/// Adds the spans that are names to `found`, each with its role: the one written before
/// it, or, in a `、` list, the previous name's (names listed so share a role).
fn collect_names(jieba: &Jieba, chars: &[char], spans: Vec<Range<usize>>, found: &mut Found) {
    let mut previous: Option<(usize, Option<String>)> = None;
    for span in spans {
        if !is_name_mention(jieba, chars, &span) {
            continue;
        }
        let name: String = chars[span.clone()].iter().collect();
        *found.mentions.entry(name.clone()).or_default() += 1;
        let role = rules::role_before(chars, span.start).or_else(|| match &previous {
            Some((end, role)) if end + 1 == span.start && chars[*end] == '、' => role.clone(),
            _ => None,
        });
        if let Some(role) = &role
            && !found.roles.iter().any(|r| r.name == name)
        {
            found.roles.push(PersonRole {
                name: name.clone(),
                role: role.clone(),
            });
        }
        previous = Some((span.end, role));
        push_unique(&mut found.names, name);
    }
}

/// True if `span` is a person's name written in full: no verb or adjective (even after
/// a title, `干部任职`, or once a function character is trimmed off, `和|发扬理论`), a
/// plausible name, no known place or non-person, standing as a person, and no given name
/// with a title (`鸿忠书记`, `为民同志`), which refers to a person named in full elsewhere.
fn is_name_mention(jieba: &Jieba, chars: &[char], span: &Range<usize>) -> bool {
    let name: String = chars[span.clone()].iter().collect();
    let verb_like = span.len() == 2 && is_verb_like_word(jieba, &name);
    if verb_like
        || cut_from_words(jieba, chars, span)
        || stops_inside_joined_name(chars, span)
        || !is_plausible_name(&name)
        || lexicon::is_known_place(chars, span.clone())
        || lexicon::is_not_person(chars, span.clone())
        || !lexicon::stands_as_person(chars, span.clone())
        || (lexicon::inside_short_quotation(chars, span)
            && !dictionary_tag_is(jieba, &name, |_| true))
    {
        return false;
    }
    let given_name_reference = span.len() == 2
        && !lexicon::is_surname_at(chars, span.start)
        && (lexicon::given_name_title_at(chars, span.end)
            || lexicon::starts_with_at(chars, span.end, "同志"));
    !given_name_reference
}

/// True if a `·` or a dash right before or after `span` joins it to more of a name
/// (`穆罕默德|·穆伊兹`, `迪亚斯|-卡内尔`, `…·|阿德万`): the span is one part of a longer
/// name, which the passes found whole or not at all.
fn stops_inside_joined_name(chars: &[char], span: &Range<usize>) -> bool {
    let joins = |sep: Option<&char>, next: Option<&char>| {
        sep.is_some_and(|&c| is_name_separator(c)) && next.is_some_and(|&c| is_han(c))
    };
    let before = |k: usize| span.start.checked_sub(k).and_then(|i| chars.get(i));
    joins(chars.get(span.end), chars.get(span.end + 1)) || joins(before(1), before(2))
}

/// True if a three-character span is cut out of words: its first character makes a word
/// with the one before it, and the other two are a verb (`学|习贯彻`).
fn cut_from_words(jieba: &Jieba, chars: &[char], span: &Range<usize>) -> bool {
    let text = |range: Range<usize>| chars[range].iter().collect::<String>();
    span.len() == 3
        && span.start > 0
        && is_han(chars[span.start - 1])
        && dictionary_tag_is(jieba, &text(span.start - 1..span.start + 1), |_| true)
        && is_verb_like_word(jieba, &text(span.start + 1..span.end))
}

/// Drops a two-character name that ends a three-character one found too: it is that
/// person's given name (`鸿忠书记` for 李鸿忠), not another person.
fn fold_given_names(names: &mut Vec<String>) {
    let given_names: Vec<String> = names
        .iter()
        .filter(|n| n.chars().count() == 2)
        .filter(|n| {
            names
                .iter()
                .any(|m| m.chars().count() == 3 && m.ends_with(n.as_str()))
        })
        .cloned()
        .collect();
    names.retain(|n| !given_names.contains(n));
}

/// Drops a surname alone (`习主席`) when a person of that surname is named in full in the
/// same text: it stands for that person.
fn fold_lone_surnames(names: &mut Vec<String>) {
    let named_in_full = |surname: &String| {
        surname.chars().count() == 1
            && names
                .iter()
                .any(|m| m.chars().count() > 1 && m.starts_with(surname.as_str()))
    };
    let lone_surnames: Vec<String> = names.iter().filter(|n| named_in_full(n)).cloned().collect();
    names.retain(|n| !lone_surnames.contains(n));
}

/// Drops a cut-short mention (`赵乐` of 赵乐际) or one part of a foreign name (`舒尔茨`
/// of 霍华德·舒尔茨): it is the person found in full.
fn fold_parts(names: &mut Vec<String>) {
    let parts: Vec<String> = names
        .iter()
        .filter(|n| {
            names.iter().any(|m| {
                m != *n
                    && (m.starts_with(n.as_str()) && n.chars().count() == 2
                        || m.ends_with(&format!("{NAME_DOT}{n}"))
                        || m.starts_with(&format!("{n}{NAME_DOT}")))
            })
        })
        .cloned()
        .collect();
    names.retain(|n| !parts.contains(n));
}

/// Keeps the names recognised at least a third as often as their string occurs in
/// `texts`, and never written as a place there. A place the model once took for a
/// person (`乌克兰总统…`) occurs far more often than it is recognised. (A third, not a
/// half: a person's name also stands inside the names of doctrines, where it is not a
/// mention of its own.) A known person is never taken for a place.
fn keep_frequent(names: &mut Vec<String>, texts: &[&str], mentions: &HashMap<String, usize>) {
    names.retain(|n| {
        let occurrences: usize = texts.iter().map(|t| t.matches(n.as_str()).count()).sum();
        let chars: Vec<char> = n.chars().collect();
        // A known person stays one where the name runs on into a noun that follows
        // places too (`江泽民|国防和军队建设思想`).
        mentions.get(n).is_some_and(|m| m * 3 >= occurrences)
            && (lexicon::is_known_person(&chars, 0..chars.len())
                || !texts.iter().any(|t| lexicon::named_as_place(t, n)))
    });
}

/// Places and organisations the model may take for names end like these.
const NOT_NAME_ENDINGS: &str = "省市县区州镇乡村国洲岛局部委厅院会社党校团队报台性";

/// Endings of [`NOT_NAME_ENDINGS`] that are also common in given names (`江建国`,
/// `符福洲`): a surname and two characters ending so is still taken for a name.
const GIVEN_NAME_ENDINGS: &str = "国洲";

/// False for spans that cannot be a person's name as written in full.
fn is_plausible_name(name: &str) -> bool {
    let count = name.chars().count();
    let chars: Vec<char> = name.chars().collect();
    (1..=16).contains(&count)
        && lexicon::title_ending_at(&chars, count).is_none_or(|t| t.chars().count() < count)
        && !ORG_SUFFIXES
            .iter()
            .any(|s| s.chars().count() >= 2 && name.ends_with(s))
        && name.chars().all(|c| is_han(c) || is_name_separator(c))
        && dash_joins_two_names(&chars)
        && !(count >= 3
            && name.ends_with(|c| NOT_NAME_ENDINGS.contains(c))
            && !(count == 3
                && lexicon::is_surname_at(&chars, 0)
                && name.ends_with(|c| GIVEN_NAME_ENDINGS.contains(c))))
}

/// True unless `name` holds a dash that does not join two parts of two characters or
/// more: a dash may stand for `·` in a foreign name (`约翰—格伦`) or join a double
/// surname (`迪亚斯-卡内尔`), but not in `道—琼斯`.
fn dash_joins_two_names(chars: &[char]) -> bool {
    let dash = |c: &char| matches!(c, &NAME_DASH | &'-');
    !chars.iter().any(dash) || chars.split(dash).all(|part| part.len() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;

    fn persons(text: &str) -> Vec<String> {
        PersonRecognizer::builtin().persons(Analyzer::new().jieba(), text)
    }

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn persons_of_a_meeting_report_with_roles() {
        let (names, roles) = PersonRecognizer::builtin().persons_in(
            Analyzer::new().jieba(),
            "市科协召开党组扩大会议",
            "市科协党组书记、常务副主席陆为民同志主持会议，党组成员、副主席罗进飞出席。为民同志强调，要抓好落实。",
            None,
        );
        assert_eq!(names, ["陆为民", "罗进飞"]);
        assert_eq!(roles[0].role, "党组书记、常务副主席");
        assert_eq!(roles[1].role, "党组成员、副主席");
    }

    #[test]
    fn a_known_person_is_no_place_where_his_name_runs_into_a_noun() {
        let text = "江泽民同志强调。创立了江泽民国防和军队建设思想。";
        assert_eq!(persons(text), ["江泽民"]);
    }

    #[test]
    fn names_joined_by_a_preposition_are_two_persons() {
        let found = persons("国务院总理李强同德国总理朔尔茨举行会谈。李强同朔尔茨共同会见记者。");
        assert!(found.contains(&"李强".to_string()), "{found:?}");
        assert!(found.iter().all(|n| !n.contains('同')), "{found:?}");
    }

    #[test]
    fn a_regnal_number_is_part_of_the_name() {
        assert_eq!(
            persons("约旦国王阿卜杜拉二世25日呼吁停火。"),
            ["阿卜杜拉二世"]
        );
        assert!(persons("二十一世纪的某某").is_empty());
    }

    #[test]
    fn names_in_a_list_share_the_role_before_the_first() {
        let analyzer = Analyzer::new();
        let chars: Vec<char> = "副主席夏秋雨、王亚群出席".chars().collect();
        let mut found = Found::default();
        collect_names(analyzer.jieba(), &chars, vec![3..6, 7..10], &mut found);
        assert_eq!(found.names, ["夏秋雨", "王亚群"]);
        assert!(found.roles.iter().all(|r| r.role == "副主席"));
        assert_eq!(found.mentions["王亚群"], 1);
    }

    #[test]
    fn a_given_name_with_a_title_is_no_mention() {
        let analyzer = Analyzer::new();
        let chars: Vec<char> = "为民同志强调".chars().collect();
        assert!(!is_name_mention(analyzer.jieba(), &chars, &(0..2)));
        let chars: Vec<char> = "陆为民同志强调".chars().collect();
        assert!(is_name_mention(analyzer.jieba(), &chars, &(0..3)));
    }

    #[test]
    fn a_span_cut_out_of_words_is_no_name() {
        let analyzer = Analyzer::new();
        let chars: Vec<char> = "干部学习贯彻会议精神".chars().collect();
        assert!(cut_from_words(analyzer.jieba(), &chars, &(3..6)));
        let chars: Vec<char> = "主席林晓岚出席".chars().collect();
        assert!(!cut_from_words(analyzer.jieba(), &chars, &(2..5)));
    }

    #[test]
    fn given_names_surnames_and_parts_fold_into_the_full_name() {
        let mut names = strings(&["李鸿忠", "鸿忠", "王芳"]);
        fold_given_names(&mut names);
        assert_eq!(names, ["李鸿忠", "王芳"]);
        let mut names = strings(&["习", "习近平", "吴"]);
        fold_lone_surnames(&mut names);
        assert_eq!(names, ["习近平", "吴"]);
        let mut names = strings(&["赵乐", "赵乐际", "舒尔茨", "霍华德·舒尔茨", "霍华德"]);
        fold_parts(&mut names);
        assert_eq!(names, ["赵乐际", "霍华德·舒尔茨"]);
    }

    #[test]
    fn a_name_recognised_too_rarely_or_written_as_a_place_is_dropped() {
        let mentions: HashMap<String, usize> =
            [("李强".to_string(), 1), ("乌克兰".to_string(), 1)].into();
        let mut names = strings(&["李强", "乌克兰", "王芳"]);
        let body = "李强说。乌克兰、乌克兰、乌克兰、乌克兰。";
        keep_frequent(&mut names, &["", body], &mentions);
        assert_eq!(names, ["李强"]);
        let mut names = strings(&["巴赫穆特"]);
        let mentions = [("巴赫穆特".to_string(), 1)].into();
        keep_frequent(&mut names, &["乌军在巴赫穆特方向", ""], &mentions);
        assert!(names.is_empty());
    }

    #[test]
    fn known_persons_and_places_weigh_in() {
        // No title, no reporting verb of the rules: the list tells.
        assert_eq!(persons("罗干说，中国重视同英国的关系。"), ["罗干"]);
        // A university, an army and a place are no persons.
        assert!(persons("美国约翰斯·霍普金斯大学发布的数据显示").is_empty());
        assert!(persons("军用机场遭到乌军袭击。").is_empty());
        assert!(persons("卢甘斯克地区发生交火。").is_empty());
    }

    #[test]
    fn a_surname_with_a_form_of_address_is_a_person() {
        assert_eq!(
            persons("六十年代初，吴先生到了北京，还到我家做客。"),
            ["吴"]
        );
        assert_eq!(persons("职工王某正常分娩时死亡。"), ["王"]);
    }

    #[test]
    fn foreign_names_in_full() {
        // A two-character name before a foreign office's title is no given name.
        assert_eq!(persons("小渊首相昨天在东京会见了代表团。"), ["小渊"]);
        // The first character of a transliteration, and none of the verb after it.
        assert_eq!(
            persons("土耳其外长恰武什奥卢说，双方将加强合作。"),
            ["恰武什奥卢"]
        );
        assert_eq!(persons("会见世界银行行长马尔帕斯时指出"), ["马尔帕斯"]);
        // The first name of a list after a title is no place.
        assert_eq!(
            persons("展览收录了周恩来总理、马骏烈士的手稿。"),
            ["周恩来", "马骏"]
        );
    }

    #[test]
    fn one_entry_a_person_and_no_words_for_names() {
        // A surname alone stands for the person of that surname named in full.
        assert_eq!(
            persons("李主任介绍，李建国同志长期在基层工作。"),
            ["李建国"]
        );
        // A side, a word jieba lacks, and 作 of `作报告` are no part of a person.
        assert!(persons("中方愿同马方一道努力。").is_empty());
        assert!(persons("奥密克戎毒株传播很快。").is_empty());
        assert_eq!(persons("主任委员李飞作了报告。"), ["李飞"]);
    }

    #[test]
    fn places_are_not_names() {
        assert!(!is_plausible_name("莱克伍德县"));
        assert!(!is_plausible_name("王x"));
        assert!(!is_plausible_name("亚太洲"));
        assert!(is_plausible_name("江建国"));
        assert!(is_plausible_name("卡洛斯·阿马特"));
        assert!(is_plausible_name("约翰—格伦"));
        assert!(!is_plausible_name("道—琼斯"));
        assert!(is_plausible_name("洛佩斯-卡萨雷"));
        assert!(!is_plausible_name("阿莫纳岛"));
    }

    #[test]
    fn one_part_of_a_joined_name_is_no_name() {
        let chars: Vec<char> = "总统拉赫曼·卡利姆和主席洛佩斯-卡萨雷出席".chars().collect();
        assert!(stops_inside_joined_name(&chars, &(2..5)));
        assert!(stops_inside_joined_name(&chars, &(6..9)));
        assert!(!stops_inside_joined_name(&chars, &(2..9)));
        assert!(stops_inside_joined_name(&chars, &(12..15)));
        assert!(!stops_inside_joined_name(&chars, &(12..19)));
    }
}
