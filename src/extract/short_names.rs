//! Which short names a text defines are names (`zhsearch aliases`): the definitions
//! [`crate::text::definitions`] finds, less the short forms that are common words of
//! jieba's dictionary, places or persons (the tables of `dict/` the person recogniser
//! reads), and with the verbs, subjects and dates cut from before a Latin abbreviation
//! (`出席亚太经合组织（APEC）`, `英国7月消费者价格指数（CPI）`).

use jieba_rs::Jieba;

use super::persons::jieba_words::{self, dictionary_tag_is};
use super::persons::lexicon;
use crate::analysis::Analyzer;
use crate::text::definitions::{self, Definition, NameCheck};

/// How often jieba's dictionary must count a word for it to be a common word rather than
/// a short name, unless the dictionary tags it as an abbreviation or an organisation
/// (`j`, `nt`: 欧盟, 全国人大): the threshold the person filter uses for common words.
/// 标准, 草案, 总理, 广东 count in the thousands; the short names texts define are rare
/// or missing there, or tagged so.
const COMMON_WORD_FREQUENCY: usize = jieba_words::COMMON_WORD_FREQUENCY;

/// The definitions in `text` whose short forms are names.
pub fn defined_names(analyzer: &Analyzer, text: &str) -> Vec<Definition> {
    definitions::find(
        text,
        &Dictionary {
            jieba: analyzer.jieba(),
        },
    )
}

/// The word knowledge the finder asks: jieba's dictionary and the place and person tables.
struct Dictionary<'a> {
    jieba: &'a Jieba,
}

impl NameCheck for Dictionary<'_> {
    /// Up to the last word that cannot be part of a name: a verb, preposition, particle,
    /// conjunction, adverb, pronoun, number or time word (`赴`, `据`, `的`, `这`, `7月`).
    fn lead_len(&self, run: &[char]) -> usize {
        let text: String = run.iter().collect();
        let tags = self.jieba.tag(&text, true);
        // The last word ends the name whatever its tag (协定, 组织 are tagged as verbs).
        let before_last = tags.len().saturating_sub(1);
        (0..before_last)
            .rev()
            .find(|&i| {
                let next = tags.get(i + 1).map_or("", |t| t.word);
                opens_no_name(tags[i].tag, tags[i].word, next)
            })
            .map_or(0, |last| {
                tags[..=last].iter().map(|t| t.word.chars().count()).sum()
            })
    }

    fn is_name(&self, short: &str) -> bool {
        let chars: Vec<char> = short.chars().collect();
        let whole = 0..chars.len();
        let common = dictionary_tag_is(self.jieba, short, |tag| !matches!(tag, "j" | "nt"))
            && self.jieba.suggest_freq(short) > COMMON_WORD_FREQUENCY;
        !common
            && !lexicon::is_known_place(&chars, whole.clone())
            && !lexicon::is_known_person(&chars, whole)
    }
}

/// True for a word that stands before a name, never in one: a verb, preposition,
/// particle, conjunction, adverb, pronoun, time word, set phrase, place word (`赴`, `据`,
/// `的`, `这`, `今年`, `应邀出席`, `以上`), or a number of days, months, years or people (`7月`, `数十名`);
/// not other numbers, which names hold (`二十国集团`).
fn opens_no_name(tag: &str, word: &str, next: &str) -> bool {
    const UNITS: [&str; 6] = ["年", "月", "月份", "日", "季度", "名"];
    let counts_time = |w: &str| UNITS.iter().any(|u| w.ends_with(u) || next.starts_with(u));
    match tag.chars().next() {
        Some('m') => counts_time(word),
        // A one-character place word is a suffix of the noun before it (银行间), a longer
        // one ends a phrase (5年期以上).
        Some('f') => word.chars().count() > 1,
        Some('p' | 'u' | 'c' | 'd' | 'r' | 't' | 'l' | 'i') => true,
        _ => tag == "v",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        defined_names(&Analyzer::new(), text)
            .into_iter()
            .map(|d| (d.long, d.short))
            .collect()
    }

    #[test]
    fn common_words_are_no_short_names() {
        assert!(pairs("新修订的东岭国家标准（以下简称“标准”）").is_empty());
        assert!(pairs("东岭县公布草拟方案（草案）").is_empty());
    }

    #[test]
    fn places_and_persons_are_no_short_names() {
        // A place the tables know, and a person's name, though made of the long name's
        // characters in order.
        assert!(pairs("大力推进大连片区建设（大连）").is_empty());
        assert!(pairs("东岭克林顿基金（克林顿）").is_empty());
    }

    #[test]
    fn names_pass_and_latin_abbreviations_lose_the_words_before_them() {
        assert_eq!(
            pairs("东岭国际茶叶博览会（东茶博会）开幕"),
            [("东岭国际茶叶博览会".to_string(), "东茶博会".to_string())]
        );
        assert_eq!(
            pairs("代表团今天出席东方海洋合作组织（EOCO）会议"),
            [("东方海洋合作组织".to_string(), "EOCO".to_string())]
        );
        assert_eq!(
            pairs("东岭3月消费者价格指数（CPI）上涨"),
            [("消费者价格指数".to_string(), "CPI".to_string())]
        );
        assert_eq!(
            pairs("按5年期以上东岭市场报价利率（DLPR）计算"),
            [("东岭市场报价利率".to_string(), "DLPR".to_string())]
        );
        // A number in the name stays: it counts no days or people.
        assert_eq!(
            pairs("他们出席三十国集团（T30）峰会"),
            [("三十国集团".to_string(), "T30".to_string())]
        );
    }
}
