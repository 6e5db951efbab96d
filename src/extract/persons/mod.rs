//! Person-name recognition: which character spans of a text are persons' names.
//!
//! A character-level sequence model ([`model`]) labels each character as the start of a
//! name, inside one, or outside, from features of the character window, the jieba words
//! and part-of-speech tags around it, and small lexicons of surnames, titles and
//! transliteration characters ([`lexicon`]). The weights ship in `dict/persons.model`,
//! trained by `examples/train_persons.rs` on a BIO-labelled file; how well it does is
//! measured by `examples/eval_persons.rs` (see `BENCHMARKS.md`).

mod features;
pub(crate) mod lexicon;
mod model;
mod rules;
mod stats;
mod training;

use std::ops::Range;
use std::sync::OnceLock;

use jieba_rs::Jieba;

use crate::PersonRole;
use crate::analysis::Analyzer;
use crate::document::push_unique;
use crate::text::chars::{ends_clause, is_han};
use crate::text::words::ORG_SUFFIXES;

use model::{B, I, Model};
use stats::NameStats;
pub use training::TrainingOptions;

/// The model shipped with zhsearch.
const BUILTIN_MODEL: &[u8] = include_bytes!("../../../dict/persons.model");

/// The first bytes of a model file, with its format version.
const MAGIC: &[u8; 8] = b"ZHPER01\n";

/// A name found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The name as written.
    pub name: String,
    /// Character (not byte) offsets of the name in the text.
    pub chars: Range<usize>,
    /// How sure the model is: its score for the name over its score for plain text there.
    pub margin: f32,
}

/// A sentence with the character spans of the persons' names in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelledSentence {
    /// The sentence.
    pub text: String,
    /// Character offsets of each name.
    pub names: Vec<Range<usize>>,
}

impl LabelledSentence {
    /// The names as strings, in order.
    pub fn name_strings(&self) -> Vec<String> {
        let chars: Vec<char> = self.text.chars().collect();
        self.names
            .iter()
            .filter_map(|r| chars.get(r.clone()))
            .map(|name| name.iter().collect())
            .collect()
    }
}

/// Finds persons' names in text.
///
/// ```
/// use zhsearch::analysis::Analyzer;
/// use zhsearch::extract::persons::PersonRecognizer;
/// let analyzer = Analyzer::new();
/// let names: Vec<String> = PersonRecognizer::builtin()
///     .find(analyzer.jieba(), "国务院总理李强主持召开国务院常务会议。")
///     .into_iter()
///     .map(|m| m.name)
///     .collect();
/// assert_eq!(names, ["李强"]);
/// ```
pub struct PersonRecognizer {
    model: Model,
    stats: NameStats,
}

impl std::fmt::Debug for PersonRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonRecognizer")
            .field("features", &self.model.len())
            .finish()
    }
}

impl PersonRecognizer {
    /// The model shipped in `dict/persons.model`, loaded once per process.
    pub fn builtin() -> &'static PersonRecognizer {
        static BUILTIN: OnceLock<PersonRecognizer> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            PersonRecognizer::from_bytes(BUILTIN_MODEL)
                .expect("dict/persons.model is written by examples/train_persons.rs")
        })
    }

    /// Reads a model written by [`PersonRecognizer::to_bytes`]; `None` if it is not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<PersonRecognizer> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let (stats, rest) = NameStats::read(rest)?;
        let model = Model::read(rest)?;
        Some(PersonRecognizer { model, stats })
    }

    /// The model as bytes, to be saved and read back with [`PersonRecognizer::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        self.stats.write(&mut out);
        self.model.write(&mut out);
        out
    }

    /// Trains a model on labelled sentences; see [`TrainingOptions`]. Character
    /// name-likeness is counted from the person entries of `name_dictionary`, a
    /// jieba-format dictionary (jieba's own `dict.txt` is a good one); those entries also
    /// stand in for the names of the training sentences in the augmented copies.
    pub fn train(
        jieba: &Jieba,
        name_dictionary: &str,
        sentences: &[LabelledSentence],
        options: &TrainingOptions,
    ) -> PersonRecognizer {
        let stats = NameStats::from_dictionary(name_dictionary);
        let model = training::train(jieba, &stats, name_dictionary, sentences, options);
        PersonRecognizer { model, stats }
    }

    /// The names in `text`, in order of appearance. Each sentence is labelled on its own.
    pub fn find(&self, jieba: &Jieba, text: &str) -> Vec<Mention> {
        let chars: Vec<char> = text.chars().collect();
        let mut mentions = Vec::new();
        let mut start = 0;
        for end in clause_ends(&chars) {
            self.find_in_sentence(jieba, &chars[start..end], start, &mut mentions);
            start = end;
        }
        mentions
    }

    fn find_in_sentence(
        &self,
        jieba: &Jieba,
        chars: &[char],
        offset: usize,
        out: &mut Vec<Mention>,
    ) {
        // A sentence without a Han character holds no name this model can see.
        if !chars.iter().any(|&c| is_han(c)) {
            return;
        }
        let text: String = chars.iter().collect();
        let tagged = jieba.tag(&text, false);
        let known = || (0..chars.len()).any(|i| lexicon::known_person_at(chars, i).is_some());
        if !features::may_name_a_person(&self.stats, &tagged) && !known() {
            return;
        }
        let (features, words) = features::features_of_words(&self.stats, chars, &tagged);
        let emissions = self.model.emissions_of(&features);
        let labels = self.model.decode_emissions(&emissions);
        let mut i = 0;
        while i < labels.len() {
            if labels[i] != B {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < labels.len() && labels[end] == I {
                end += 1;
            }
            let next = end;
            let name_char = |c: char| is_han(c) || c == '·';
            let mut start = i;
            while start < end && !name_char(chars[start]) {
                start += 1;
            }
            while end > start && !name_char(chars[end - 1]) {
                end -= 1;
            }
            let margin = self.model.margin(&emissions, &labels, i..next);
            let (start, end) = self.whole_transliteration(chars, &words, start, end);
            let (start, end) = whole_person_word(&words, start, end);
            let foreign = |c: char| self.stats.in_transliterations(c);
            let (start, end) = whole_known_person(chars, start, end, foreign);
            let end = whole_japanese_given_name(chars, start, end);
            if chars[start..end].iter().any(|&c| is_han(c))
                && !opens_body_or_place(&words, start, end)
            {
                out.push(Mention {
                    name: chars[start..end].iter().collect(),
                    chars: offset + start..offset + end,
                    margin,
                });
            }
            i = next.max(end);
        }
    }

    /// A transliterated name runs as far as its characters do: the model often stops
    /// early in a long one (`斯捷帕申`, `拉·甘地`). Grows a span made of transliteration
    /// characters over the ones that follow it, and over `·`-joined parts on either side.
    fn whole_transliteration(
        &self,
        chars: &[char],
        words: &[features::TaggedWord],
        start: usize,
        end: usize,
    ) -> (usize, usize) {
        let foreign = |c: char| self.stats.in_transliterations(c);
        let span = &chars[start..end];
        if span.len() < 2 || !span.iter().all(|&c| c == '·' || foreign(c)) {
            return (start, end);
        }
        let (mut start, mut end) = (start, end);
        loop {
            match chars.get(end) {
                Some(&c) if foreign(c) => end += 1,
                Some('·') if chars.get(end + 1).is_some_and(|&c| foreign(c)) => end += 2,
                _ => break,
            }
        }
        while start >= 2 && chars[start - 1] == '·' && foreign(chars[start - 2]) {
            start -= 2;
            while start > 0 && foreign(chars[start - 1]) {
                start -= 1;
            }
        }
        // One transliteration character the model left out at the start, where a
        // character that is none stands before it (`俄罗斯的|库|尼科娃`), unless it ends
        // a word (`感谢|卢森堡`, `抵达|马德里`) or is a function character (`因|普萨基`).
        let clear_before = |i: usize| i == 0 || !(foreign(chars[i - 1]) || chars[i - 1] == '·');
        let ends_word = |i: usize| words.iter().any(|w| w.chars.start < i && i < w.chars.end);
        if start > 0
            && foreign(chars[start - 1])
            && !FUNCTION_CHARS.contains(chars[start - 1])
            && clear_before(start - 1)
            && !ends_word(start - 1)
        {
            start -= 1;
        }
        (start, end)
    }
}

/// A span that starts or ends inside a word jieba tags as a person's name takes in the
/// whole word: the model sometimes starts a name one character late (`习|近平`) or ends
/// it one early (`冈田武|史`).
fn whole_person_word(words: &[features::TaggedWord], start: usize, end: usize) -> (usize, usize) {
    let inside = |word: &Range<usize>, at: usize| word.start < at && at < word.end;
    let cut = words.iter().find(|w| {
        w.person && w.chars.len() <= 4 && (inside(&w.chars, start) || inside(&w.chars, end))
    });
    match cut {
        Some(w) => (start.min(w.chars.start), end.max(w.chars.end)),
        None => (start, end),
    }
}

/// True if jieba cut the end of the span into the name of a body or a place that starts
/// inside the span: the span is the first part of that name (`约翰斯·霍普金|斯大学`).
fn opens_body_or_place(words: &[features::TaggedWord], start: usize, end: usize) -> bool {
    words.iter().any(|w| {
        w.body_or_place && start < w.chars.start && w.chars.start < end && end < w.chars.end
    })
}

/// A span that starts a known person's name and stops short of its end is that name
/// (`克林|顿政府`); one that holds a known person's name and one character more before
/// it is that name too (`行政长|官林郑月娥`, `向普京`), unless that character may be
/// part of a transliteration: the known name may end a longer one (`布加利`, not 加利).
fn whole_known_person(
    chars: &[char],
    start: usize,
    end: usize,
    is_foreign: impl Fn(char) -> bool,
) -> (usize, usize) {
    match lexicon::known_person_at(chars, start) {
        Some(len) if start + len > end => (start, start + len),
        None if end - start >= 3
            && !is_foreign(chars[start])
            && lexicon::known_person_at(chars, start + 1) == Some(end - start - 1) =>
        {
            (start + 1, end)
        }
        _ => (start, end),
    }
}

/// Endings of Japanese given names (`龙太郎`, `幸之助`): a span that the model ends right
/// before one takes it in (`桥本龙|太郎`).
const JAPANESE_GIVEN_NAME_ENDINGS: &[&str] = &[
    "太郎", "一郎", "二郎", "次郎", "三郎", "四郎", "五郎", "之助", "之介", "卫门",
];

/// The end of a span that stops right before a Japanese given name's ending, moved past
/// it, when the span has three characters or more (a surname and the given name's start:
/// `龙` alone before `太郎` may be anything).
fn whole_japanese_given_name(chars: &[char], start: usize, end: usize) -> usize {
    if end - start < 3 {
        return end;
    }
    JAPANESE_GIVEN_NAME_ENDINGS
        .iter()
        .find(|e| lexicon::starts_with_at(chars, end, e))
        .map_or(end, |e| end + e.chars().count())
}

/// Persons named in a headline and a body: the model's names and the rules' names,
/// once each in order of first mention, with the first role the text states for each.
pub(crate) fn persons_in(title: &str, body: &str) -> (Vec<String>, Vec<PersonRole>) {
    PersonRecognizer::builtin().persons_in(title, body)
}

impl PersonRecognizer {
    /// Persons named in `text` as document extraction finds them: this model's names and
    /// the context rules' names, filtered and merged, once each.
    ///
    /// ```
    /// use zhsearch::extract::persons::PersonRecognizer;
    /// let names = PersonRecognizer::builtin().persons("党组成员、副主席夏秋雨、王亚群等同志出席。");
    /// assert_eq!(names, ["夏秋雨", "王亚群"]);
    /// ```
    pub fn persons(&self, text: &str) -> Vec<String> {
        self.persons_in("", text).0
    }

    fn persons_in(&self, title: &str, body: &str) -> (Vec<String>, Vec<PersonRole>) {
        let analyzer = Analyzer::new();
        let mut names: Vec<String> = Vec::new();
        // How often each name was recognised, against how often its string occurs: a
        // place the model once took for a person (`乌克兰总统…`) occurs far more often
        // than it is recognised. (A third, not a half: a person's name also stands inside
        // the names of doctrines, where it is not a mention of its own.)
        let mut mentions: std::collections::HashMap<String, usize> = Default::default();
        let mut roles: Vec<PersonRole> = Vec::new();
        for text in [title, body] {
            let chars: Vec<char> = text.chars().collect();
            let model = self.find(analyzer.jieba(), text);
            let is_foreign = |c: char| self.stats.in_transliterations(c);
            let announced = |span: &Range<usize>| {
                lexicon::title_before(&chars, span.start)
                    || (span.start > 0 && chars[span.start - 1] == '、')
                    || lexicon::addresses_surname_at(&chars, span.end)
            };
            let mut rules = rules::mentions(&chars, &is_foreign);
            // A two-character "name" the rules found that the dictionary knows as another
            // kind of word is that word (`文章指出`: the article points out), unless a
            // title or a list announced it.
            // After a title or in a list, the name is clear (`副主席方可、单卫东`).
            rules.retain(|span| {
                let word: String = chars[span.clone()].iter().collect();
                span.len() > 2 || announced(span) || !is_common_word(analyzer.jieba(), &word)
            });
            let spans = merge_spans(model.into_iter().map(|m| m.chars), rules);
            let spans: Vec<Range<usize>> = join_adjacent(&chars, spans)
                .into_iter()
                .flat_map(|span| split_at_conjunction(&chars, span))
                .map(|span| trim_function_chars(analyzer.jieba(), &chars, span))
                .map(|span| trim_trailing_title(&chars, span))
                .map(|span| trim_leading_title(&chars, span))
                .map(|span| trim_diminutive(&chars, span))
                .collect();
            let spans: Vec<Range<usize>> = spans
                .iter()
                .enumerate()
                .filter(|(k, span)| !names_a_place(&chars, span, spans.get(k + 1)))
                .map(|(_, span)| span.clone())
                .collect();
            // The previous name's end and role: names listed with `、` share a role.
            let mut previous: Option<(usize, Option<String>)> = None;
            for span in spans {
                let name: String = chars[span.clone()].iter().collect();
                // A verb or an adjective is no name, even after a title (`干部任职`) or
                // once a function character is trimmed off (`和|发扬理论`).
                let verb_like = span.len() == 2 && is_verb_like_word(analyzer.jieba(), &name);
                if verb_like
                    || !is_plausible_name(&name)
                    || lexicon::is_known_place(&chars, span.clone())
                    || lexicon::is_not_person(&chars, span.clone())
                    || !lexicon::stands_as_person(&chars, span.clone())
                {
                    continue;
                }
                // `鸿忠书记`, `为民同志`: a given name with a title refers to a person
                // named in full elsewhere (or nowhere in this text); it is not a name
                // written in full.
                let given_name_reference = span.len() == 2
                    && !lexicon::is_surname_at(&chars, span.start)
                    && (lexicon::given_name_title_at(&chars, span.end)
                        || lexicon::starts_with_at(&chars, span.end, "同志"));
                if given_name_reference {
                    continue;
                }
                *mentions.entry(name.clone()).or_default() += 1;
                let role = rules::role_before(&chars, span.start).or_else(|| match &previous {
                    Some((end, role)) if end + 1 == span.start && chars[*end] == '、' => {
                        role.clone()
                    }
                    _ => None,
                });
                if let Some(role) = &role
                    && !roles.iter().any(|r| r.name == name)
                {
                    roles.push(PersonRole {
                        name: name.clone(),
                        role: role.clone(),
                    });
                }
                previous = Some((span.end, role));
                push_unique(&mut names, name);
            }
        }
        // A two-character name that ends a three-character one found too is that person's
        // given name (`鸿忠书记` for 李鸿忠), not another person.
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
        // A surname alone (`习主席`) stands for the person of that surname named in full
        // in the same text.
        let named_in_full = |surname: &String| {
            surname.chars().count() == 1
                && names
                    .iter()
                    .any(|m| m.chars().count() > 1 && m.starts_with(surname.as_str()))
        };
        let lone_surnames: Vec<String> =
            names.iter().filter(|n| named_in_full(n)).cloned().collect();
        names.retain(|n| !lone_surnames.contains(n));
        // A cut-short mention (`赵乐` of 赵乐际) or one part of a foreign name
        // (`舒尔茨` of 霍华德·舒尔茨) is the person found in full.
        let parts: Vec<String> = names
            .iter()
            .filter(|n| {
                names.iter().any(|m| {
                    m != *n
                        && (m.starts_with(n.as_str()) && n.chars().count() == 2
                            || m.ends_with(&format!("·{n}"))
                            || m.starts_with(&format!("{n}·")))
                })
            })
            .cloned()
            .collect();
        names.retain(|n| !parts.contains(n));
        names.retain(|n| {
            let occurrences = title.matches(n.as_str()).count() + body.matches(n.as_str()).count();
            mentions.get(n).is_some_and(|m| m * 3 >= occurrences)
                && !lexicon::named_as_place(title, n)
                && !lexicon::named_as_place(body, n)
        });
        roles.retain(|r| names.contains(&r.name));
        (names, roles)
    }
}

/// The union of two sets of spans; where spans overlap, the longer one stays.
fn merge_spans(
    a: impl IntoIterator<Item = Range<usize>>,
    b: impl IntoIterator<Item = Range<usize>>,
) -> Vec<Range<usize>> {
    let mut all: Vec<Range<usize>> = a.into_iter().chain(b).collect();
    all.sort_by_key(|r| (std::cmp::Reverse(r.len()), r.start));
    let mut kept: Vec<Range<usize>> = Vec::new();
    for span in all {
        if !kept
            .iter()
            .any(|k| k.start < span.end && span.start < k.end)
        {
            kept.push(span);
        }
    }
    kept.sort_by_key(|r| r.start);
    kept
}

/// Characters that join a name to the next word (`韩正在北京`, `鲁托共同主持`,
/// `会见卡巴杰时`, `李飞作报告`) or the word before it (`和总统`, `以朴普熙为团长`); the model
/// sometimes takes one in.
const FUNCTION_CHARS: &str = "在是和与同对向为说祝共将曾已也都又就等及并以因时抵作";

/// `span` without a function character at either end, when what is left is still two
/// characters or more.
fn trim_function_chars(jieba: &Jieba, chars: &[char], mut span: Range<usize>) -> Range<usize> {
    let at_end =
        |span: &Range<usize>| span.len() >= 3 && FUNCTION_CHARS.contains(chars[span.end - 1]);
    let at_start = |span: &Range<usize>| {
        span.len() >= 3
            && FUNCTION_CHARS.contains(chars[span.start])
            && !leads_with_surname(jieba, chars, span)
    };
    if !at_end(&span) && !at_start(&span) {
        return span;
    }
    // Unless the whole span is a name as it stands (`陈希同`).
    let name: String = chars[span.clone()].iter().collect();
    if lexicon::is_known_person(chars, span.clone()) || is_person_word(jieba, &name) {
        return span;
    }
    if at_end(&span) {
        span.end -= 1;
    }
    if at_start(&span) {
        span.start += 1;
    }
    span
}

/// True if a three-character span's first character, a function character that is also
/// a surname, is the surname of the name. `曾` and `祝` (an adverb and a verb, which
/// hardly take a bare given name after them) may be, anywhere (`曾秀君以11秒37`);
/// `和`, a conjunction, only where the span opens its clause (`，和万春还帮助农民`);
/// `向`, a preposition that often opens a clause, never. Nor where the character makes
/// a word with the next one (`祝福`, `曾经`), or the other two are a word of their own.
fn leads_with_surname(jieba: &Jieba, chars: &[char], span: &Range<usize>) -> bool {
    if span.len() != 3 {
        return false;
    }
    let first = chars[span.start];
    let opens_clause = span.start == 0 || !is_han(chars[span.start - 1]);
    if !("曾祝".contains(first) || (first == '和' && opens_clause)) {
        return false;
    }
    let text = |range: Range<usize>| chars[range].iter().collect::<String>();
    // Any word: the dictionary tags `祝福` and `祝贺` as names.
    !dictionary_tag_is(jieba, &text(span.start..span.start + 2), |_| true)
        && !is_common_word(jieba, &text(span.start + 1..span.end))
}

/// `span` without a title, a form of address, or a doctrine or trophy word at its end
/// (`陈老师`, `邓小平理论`), when what is left is a name (at least two characters, or a
/// surname alone); a surname alone also before `某` or `家` (`王某`, `刘家`).
fn trim_trailing_title(chars: &[char], span: Range<usize>) -> Range<usize> {
    let name = &chars[span.clone()];
    if name.len() == 2
        && lexicon::LONE_SURNAME_SUFFIXES.contains(name[1])
        && lexicon::is_surname_at(chars, span.start)
    {
        return span.start..span.start + 1;
    }
    match lexicon::name_suffix_len(name) {
        Some(len) if len < name.len() => {
            let end = span.end - len;
            let left = end - span.start;
            if left >= 2 || (left == 1 && lexicon::is_surname_at(chars, span.start)) {
                span.start..end
            } else {
                span
            }
        }
        _ => span,
    }
}

/// Two names joined by `和`, `与` or `及` that the model took for one
/// (`玛裕勒和诗丽婉`): split when both sides have two characters or more.
fn split_at_conjunction(chars: &[char], span: Range<usize>) -> Vec<Range<usize>> {
    let joint = (span.start + 2..span.end.saturating_sub(2))
        .find(|&i| matches!(chars[i], '和' | '与' | '及'));
    match joint {
        Some(i) => vec![span.start..i, i + 1..span.end],
        None => vec![span],
    }
}

/// `span` without a title at its start (`顾问波多利亚克`), when two characters or more
/// are left.
fn trim_leading_title(chars: &[char], span: Range<usize>) -> Range<usize> {
    let title = lexicon::TITLES
        .iter()
        .filter(|t| lexicon::starts_with_at(chars, span.start, t))
        .map(|t| t.chars().count())
        .filter(|&len| span.len() >= len + 2)
        .max();
    match title {
        Some(len) => span.start + len..span.end,
        None => span,
    }
}

/// `span` without the `小` or `老` of a familiar address before a given name
/// (`小俊平`), unless the whole is a known person's name.
fn trim_diminutive(chars: &[char], span: Range<usize>) -> Range<usize> {
    let familiar = span.len() == 3
        && matches!(chars[span.start], '小' | '老')
        && !lexicon::is_known_person(chars, span.clone());
    if familiar {
        span.start + 1..span.end
    } else {
        span
    }
}

/// True if `span` is a country or body before a title and the name it qualifies
/// (`尼泊尔副总理兼外交部长施雷斯塔`): only titles stand between it and the next name
/// (not so in `克林顿总统对俄罗斯总理基里延科`).
fn names_a_place(chars: &[char], span: &Range<usize>, next: Option<&Range<usize>>) -> bool {
    let Some(next) = next else { return false };
    next.start >= span.end && lexicon::titles_only(&chars[span.end..next.start])
}

/// True if the dictionary cuts `word` as one word whose part-of-speech tag passes `test`.
fn dictionary_tag_is(jieba: &Jieba, word: &str, test: impl Fn(&str) -> bool) -> bool {
    match jieba.tag(word, false).as_slice() {
        [only] => only.word == word && test(only.tag),
        _ => false,
    }
}

/// True if the dictionary has `word` as one word with a tag other than a person's.
fn is_common_word(jieba: &Jieba, word: &str) -> bool {
    dictionary_tag_is(jieba, word, |tag| !tag.starts_with("nr"))
}

/// True if the dictionary cuts `word` as one word tagged as a person's name.
fn is_person_word(jieba: &Jieba, word: &str) -> bool {
    dictionary_tag_is(jieba, word, |tag| tag.starts_with("nr"))
}

/// True if the dictionary has `word` as a verb, adjective, adverb or set phrase
/// (`发扬`, `温馨`): words that are hardly ever names.
fn is_verb_like_word(jieba: &Jieba, word: &str) -> bool {
    dictionary_tag_is(jieba, word, |tag| {
        tag.starts_with(['v', 'a', 'd', 'i', 'l'])
    })
}

/// Two names never touch: spans that do are one name the model cut in two (`丁|薛祥`),
/// unless one of them is a known person's name as it stands (`永葆|马克思主义`).
fn join_adjacent(chars: &[char], spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let known = |span: &Range<usize>| lexicon::is_known_person(chars, span.clone());
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        match joined.last_mut() {
            Some(last) if last.end == span.start && !known(last) && !known(&span) => {
                last.end = span.end
            }
            _ => joined.push(span),
        }
    }
    joined
}

/// Places and organisations the model may take for names end like these.
const NOT_NAME_ENDINGS: &str = "省市县区州镇乡村国洲局部委厅院会社党校团队报台性";

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
        && name
            .chars()
            .all(|c| is_han(c) || c == '·' || c == '—')
        && dash_joins_two_names(&chars)
        && !(count >= 3
            && name.ends_with(|c| NOT_NAME_ENDINGS.contains(c))
            && !(count == 3
                && lexicon::is_surname_at(&chars, 0)
                && name.ends_with(|c| GIVEN_NAME_ENDINGS.contains(c))))
}

/// True unless `name` holds a dash that does not join two parts of two characters or
/// more: a dash may stand for `·` in a foreign name (`约翰—格伦`), but not in `道—琼斯`.
fn dash_joins_two_names(chars: &[char]) -> bool {
    !chars.contains(&'—') || chars.split(|&c| c == '—').all(|part| part.len() >= 2)
}

/// Where clauses end: after `。！？；，：` and line breaks (not `、`, which joins the
/// names of a list), and at most every 200 characters so that one unpunctuated run
/// cannot make a clause of a whole page. The model labels each clause on its own, in
/// training and recognition alike (recognition only those that may name a person).
pub(crate) fn clause_ends(chars: &[char]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if ends_clause(c) || i + 1 - start >= 200 {
            ends.push(i + 1);
            start = i + 1;
        }
    }
    if start < chars.len() {
        ends.push(chars.len());
    }
    ends
}

/// Reads a BIO file: one `character label` pair a line, a blank line between sentences.
/// `B-PER`/`I-PER` mark names; other labels count as outside. Returns the sentences, or
/// the 1-based number of the first line that is not `character label`.
pub fn read_bio(text: &str) -> Result<Vec<LabelledSentence>, usize> {
    let mut sentences = Vec::new();
    let mut current = LabelledSentence::default();
    let mut chars = 0;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.text.is_empty() {
                sentences.push(std::mem::take(&mut current));
                chars = 0;
            }
            continue;
        }
        let mut it = line.chars();
        let c = it.next().ok_or(n + 1)?;
        let label = it.as_str().trim();
        current.text.push(c);
        match label {
            "B-PER" => current.names.push(chars..chars + 1),
            "I-PER" => match current.names.last_mut() {
                Some(name) if name.end == chars => name.end += 1,
                _ => current.names.push(chars..chars + 1),
            },
            "" => return Err(n + 1),
            _ => {}
        }
        chars += 1;
    }
    if !current.text.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bio_spans() {
        let bio = "总 O\n理 O\n李 B-PER\n强 I-PER\n说 O\n\n王 B-PER\n";
        let sentences = read_bio(bio).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].text, "总理李强说");
        assert_eq!(sentences[0].names, vec![2..4]);
        assert_eq!(sentences[1].names, vec![0..1]);
        assert_eq!(read_bio("总 O\n理\n"), Err(2));
    }

    #[test]
    fn touching_spans_are_one_name() {
        let chars: Vec<char> = "丁薛祥会见了永葆马克思".chars().collect();
        assert_eq!(
            join_adjacent(&chars, vec![0..1, 1..3, 6..8, 8..11]),
            vec![0..3, 6..8, 8..11]
        );
    }

    #[test]
    fn longer_spans_win_overlaps() {
        assert_eq!(merge_spans([0..2, 5..6], [0..3, 8..9]), [0..3, 5..6, 8..9]);
    }

    #[test]
    fn persons_of_a_meeting_report_with_roles() {
        let (names, roles) = persons_in(
            "市科协召开党组扩大会议",
            "市科协党组书记、常务副主席陆为民同志主持会议，党组成员、副主席罗进飞出席。为民同志强调，要抓好落实。",
        );
        assert_eq!(names, ["陆为民", "罗进飞"]);
        assert_eq!(roles[0].role, "党组书记、常务副主席");
        assert_eq!(roles[1].role, "党组成员、副主席");
    }

    #[test]
    fn spans_are_split_and_trimmed_to_names() {
        let text = |text: &str| text.chars().collect::<Vec<char>>();
        let names = |chars: &[char], spans: Vec<Range<usize>>| -> Vec<String> {
            spans
                .into_iter()
                .map(|s| chars[s].iter().collect())
                .collect()
        };
        let c = text("少女玛裕勒和诗丽婉到吞武里");
        assert_eq!(
            names(&c, split_at_conjunction(&c, 2..9)),
            ["玛裕勒", "诗丽婉"]
        );
        let c = text("和万春离开太行山");
        assert_eq!(names(&c, split_at_conjunction(&c, 0..3)), ["和万春"]);
        let c = text("年仅6岁的小俊平被");
        assert_eq!(names(&c, vec![trim_diminutive(&c, 5..8)]), ["俊平"]);
        let c = text("日本首相小泉纯一郎");
        assert_eq!(names(&c, vec![trim_diminutive(&c, 4..9)]), ["小泉纯一郎"]);
        let c = text("办公室顾问波多利亚克表示");
        assert_eq!(
            names(&c, vec![trim_leading_title(&c, 3..10)]),
            ["波多利亚克"]
        );
        let c = text("职工王某和刘家");
        assert_eq!(names(&c, vec![trim_trailing_title(&c, 2..4)]), ["王"]);
        assert_eq!(names(&c, vec![trim_trailing_title(&c, 5..7)]), ["刘"]);
    }

    #[test]
    fn a_name_before_a_title_and_a_verb_is_no_place() {
        let c: Vec<char> = "克林顿总统对俄罗斯总理基里延科".chars().collect();
        assert!(!names_a_place(&c, &(0..3), Some(&(11..15))));
        let c: Vec<char> = "尼泊尔副总理兼外交部长施雷斯塔".chars().collect();
        assert!(names_a_place(&c, &(0..3), Some(&(11..15))));
    }

    #[test]
    fn titles_and_doctrines_are_cut_off_names() {
        let cut = |text: &str| {
            let chars: Vec<char> = text.chars().collect();
            let span = trim_trailing_title(&chars, 0..chars.len());
            chars[span].iter().collect::<String>()
        };
        assert_eq!(cut("陈老师"), "陈");
        assert_eq!(cut("邓小平理论"), "邓小平");
        assert_eq!(cut("尤伯杯"), "尤伯");
        assert_eq!(cut("王汝大夫"), "王汝");
        // Nothing is left of a title alone, and a lone non-surname is not a name.
        assert_eq!(cut("老师"), "老师");
        assert_eq!(cut("的老师"), "的老师");
        assert_eq!(cut("王芳"), "王芳");
    }

    #[test]
    fn known_persons_and_places_weigh_in() {
        let persons = |text: &str| PersonRecognizer::builtin().persons(text);
        // No title, no reporting verb of the rules: the list tells.
        assert_eq!(persons("罗干说，中国重视同英国的关系。"), ["罗干"]);
        // A university, an army and a place are no persons.
        assert!(persons("美国约翰斯·霍普金斯大学发布的数据显示").is_empty());
        assert!(persons("军用机场遭到乌军袭击。").is_empty());
        assert!(persons("卢甘斯克地区发生交火。").is_empty());
    }

    #[test]
    fn a_surname_with_a_form_of_address_is_a_person() {
        let names =
            PersonRecognizer::builtin().persons("六十年代初，吴先生到了北京，还到我家做客。");
        assert_eq!(names, ["吴"]);
        let names = PersonRecognizer::builtin().persons("职工王某正常分娩时死亡。");
        assert_eq!(names, ["王"]);
    }

    #[test]
    fn neighbouring_words_are_trimmed_off_but_surnames_stay() {
        let analyzer = Analyzer::new();
        let jieba = analyzer.jieba();
        let trim = |text: &str, span: Range<usize>| {
            let chars: Vec<char> = text.chars().collect();
            let span = trim_function_chars(jieba, &chars, span);
            chars[span].iter().collect::<String>()
        };
        assert_eq!(trim("会见行长卡巴杰时", 4..8), "卡巴杰");
        assert_eq!(trim("曾秀君以11秒37排名第五", 0..4), "曾秀君");
        assert_eq!(trim("像祝丽文这样", 1..4), "祝丽文");
        assert_eq!(trim("，和万春还帮助", 1..4), "和万春");
        // After a preposition, in a word (祝福, which the dictionary tags as a name) or
        // before one (长春): trimmed.
        assert_eq!(trim("回信向学昭女士", 2..5), "学昭");
        assert_eq!(trim("祝福新年", 0..3), "福新");
        assert_eq!(trim("，和长春还", 1..4), "长春");
    }

    #[test]
    fn a_known_person_sheds_one_character_before_it() {
        let chars: Vec<char> = "行政长官林郑月娥在口岸".chars().collect();
        assert_eq!(whole_known_person(&chars, 3, 8, |_| false), (4, 8));
        // Not a transliteration's character: 布加利 is another person than 加利.
        let chars: Vec<char> = "议长布加利说".chars().collect();
        assert_eq!(whole_known_person(&chars, 2, 5, |c| c == '布'), (2, 5));
        // A known name cut short is taken whole.
        let chars: Vec<char> = "克林顿政府".chars().collect();
        assert_eq!(whole_known_person(&chars, 0, 2, |_| false), (0, 3));
    }

    #[test]
    fn foreign_names_in_full() {
        let persons = |text: &str| PersonRecognizer::builtin().persons(text);
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
        let persons = |text: &str| PersonRecognizer::builtin().persons(text);
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
    }

    #[test]
    fn sentences_end_at_punctuation_and_length() {
        let chars: Vec<char> = "一。二三，四、五".chars().collect();
        assert_eq!(clause_ends(&chars), [2, 5, 8]);
        let long = vec!['字'; 450];
        assert_eq!(clause_ends(&long), [200, 400, 450]);
    }
}
