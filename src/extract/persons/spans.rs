//! The passes over candidate spans, between finding and accepting names: merging the
//! model's spans with the rules', joining touching ones, splitting at a conjunction,
//! the trims (function characters, titles after and before, a familiar `小`/`老`), and
//! dropping a place or body that only qualifies the next name.

use std::ops::Range;

use jieba_rs::Jieba;

use super::jieba_words::{dictionary_tag_is, is_common_word, is_person_word};
use super::{lexicon, rules};
use crate::text::chars::is_han;

/// The rules' spans in `chars`, without a two-character one the dictionary knows as
/// another kind of word (`文章指出`: the article points out) unless a title, a list's `、`
/// or a form of address announced it: there the name is clear (`副主席方可、单卫东`).
pub(super) fn rule_spans(
    jieba: &Jieba,
    chars: &[char],
    is_foreign: &dyn Fn(char) -> bool,
) -> Vec<Range<usize>> {
    let announced = |span: &Range<usize>| {
        lexicon::title_before(chars, span.start)
            || (span.start > 0 && chars[span.start - 1] == '、')
            || lexicon::addresses_surname_at(chars, span.end)
    };
    let mut spans = rules::mentions(chars, is_foreign);
    spans.retain(|span| {
        let word: String = chars[span.clone()].iter().collect();
        span.len() > 2 || announced(span) || !is_common_word(jieba, &word)
    });
    spans
}

/// The merged spans, joined where they touch, split at a conjunction, and trimmed, in
/// this order: function characters, a title or doctrine after, a title before, function
/// characters the title trims bared, a familiar address.
pub(super) fn split_and_trim(
    jieba: &Jieba,
    chars: &[char],
    spans: Vec<Range<usize>>,
) -> Vec<Range<usize>> {
    join_adjacent(chars, spans)
        .into_iter()
        .flat_map(|span| split_at_conjunction(chars, span))
        .map(|span| trim_function_chars(jieba, chars, span))
        .map(|span| trim_trailing_title(chars, span))
        .map(|span| trim_leading_title(chars, span))
        // A title trimmed off may bare one (`主席|向|普京`).
        .map(|span| trim_function_chars(jieba, chars, span))
        .map(|span| trim_diminutive(chars, span))
        .collect()
}

/// The length from which a word jieba tags as a name is cut by a span like any other
/// word: its tags call places and buildings names too (`克里姆林宫` is `nrt`), and a
/// span cut short inside a name was grown to it before.
const LONG_NAME_WORD: usize = 4;

/// How many characters on each side of a span are cut with it to see the words it
/// meets: enough for jieba to cut the words at the span's edges as in the whole clause.
const WORD_WINDOW: usize = 4;

/// The spans without those that start or end inside a word jieba keeps whole: a piece of
/// that word or phrase (`座|谈会上`, `克|里姆|林宫`), not a name, unless a title announces
/// it or it is a known person's. The model's own spans were checked so before; this sees
/// the spans the rules, joins and trims made too.
pub(super) fn without_word_pieces(
    jieba: &Jieba,
    chars: &[char],
    spans: Vec<Range<usize>>,
) -> Vec<Range<usize>> {
    spans
        .into_iter()
        .filter(|span| {
            lexicon::is_known_person(chars, span.clone())
                || lexicon::title_before(chars, span.start)
                || !cuts_a_word(jieba, chars, span)
        })
        .collect()
}

/// True if `span` starts or ends strictly inside a word of two characters or more that
/// jieba, cutting the span with [`WORD_WINDOW`] characters around it, keeps whole and
/// does not tag as a person's name unless it is [`LONG_NAME_WORD`] characters or more.
fn cuts_a_word(jieba: &Jieba, chars: &[char], span: &Range<usize>) -> bool {
    let from = span.start.saturating_sub(WORD_WINDOW);
    let to = (span.end + WORD_WINDOW).min(chars.len());
    let window: String = chars[from..to].iter().collect();
    let (start, end) = (span.start - from, span.end - from);
    let mut at = 0;
    jieba.tag(&window, false).iter().any(|word| {
        let word_start = at;
        let len = word.word.chars().count();
        at += len;
        let inside = |edge: usize| word_start < edge && edge < at;
        // A long word tagged as a name is still a word the span cuts (`克|里姆|林宫`).
        let name_word = word.tag.starts_with("nr") && len < LONG_NAME_WORD;
        !name_word && (inside(start) || inside(end))
    })
}

/// `spans` without those that name a place or body qualifying the next one (see
/// [`names_a_place`]).
pub(super) fn without_place_qualifiers(
    chars: &[char],
    spans: Vec<Range<usize>>,
) -> Vec<Range<usize>> {
    spans
        .iter()
        .enumerate()
        .filter(|(k, span)| !names_a_place(chars, span, spans.get(k + 1)))
        .map(|(_, span)| span.clone())
        .collect()
}

/// Characters that join two persons' names in a report (`李强同某某会谈`, `某某向某某
/// 致电`, `某某和某某`).
const JOINING_CHARS: &str = "同向和与及";

/// `spans` with each span that runs two names together across a joining character split
/// in two, when one side is a known person and the other is long enough to be a name
/// (`李强|同|朔尔茨`): both are persons, neither is the run.
pub(super) fn split_at_joining_chars(
    chars: &[char],
    spans: Vec<Range<usize>>,
) -> Vec<Range<usize>> {
    let mut split = Vec::with_capacity(spans.len());
    for span in spans {
        let joint = (span.start + 2..span.end.saturating_sub(2)).find(|&i| {
            JOINING_CHARS.contains(chars[i])
                && (lexicon::is_known_person(chars, span.start..i)
                    || lexicon::is_known_person(chars, i + 1..span.end))
        });
        match joint {
            Some(i) => split.extend([span.start..i, i + 1..span.end]),
            None => split.push(span),
        }
    }
    split
}

/// `spans` each with the regnal number written after it (`阿卜杜拉|二世`, `查尔斯|三世`),
/// which is part of the name: the numeral and `世`, not `世纪` or `世界`.
pub(super) fn with_regnal_numbers(chars: &[char], spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    const NUMERALS: &str = "一二三四五六七八九十";
    spans
        .into_iter()
        .map(|span| {
            let at = |i: usize| chars.get(span.end + i).copied();
            let regnal = at(0).is_some_and(|c| NUMERALS.contains(c))
                && at(1) == Some('世')
                && !at(2).is_some_and(|c| c == '纪' || c == '界');
            if regnal {
                span.start..span.end + 2
            } else {
                span
            }
        })
        .collect()
}

/// The union of two sets of spans; where spans overlap, the longer one stays.
pub(super) fn merge_spans(
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
pub(super) const FUNCTION_CHARS: &str = "在是和与同对向为说祝共将曾已也都又就还等及并以因时抵作";

/// `span` without a function character at either end, when what is left is still two
/// characters or more.
pub(super) fn trim_function_chars(
    jieba: &Jieba,
    chars: &[char],
    span: Range<usize>,
) -> Range<usize> {
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
    let mut trimmed = span.clone();
    if at_end(&trimmed) {
        trimmed.end -= 1;
    }
    if at_start(&trimmed) {
        trimmed.start += 1;
    }
    // Unless the whole span is a name as it stands (`陈希同`), and not only by an entry of
    // jieba's dictionary where a known person's name follows a function character (it
    // lists `向普京`).
    let name: String = chars[span.clone()].iter().collect();
    let known_after =
        trimmed.start > span.start && lexicon::is_known_person(chars, trimmed.clone());
    let whole_name = lexicon::is_known_person(chars, span.clone())
        || (is_person_word(jieba, &name) && !known_after);
    if whole_name { span } else { trimmed }
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
pub(super) fn trim_trailing_title(chars: &[char], span: Range<usize>) -> Range<usize> {
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
pub(super) fn split_at_conjunction(chars: &[char], span: Range<usize>) -> Vec<Range<usize>> {
    let joint = (span.start + 2..span.end.saturating_sub(2))
        .find(|&i| matches!(chars[i], '和' | '与' | '及'));
    match joint {
        Some(i) => vec![span.start..i, i + 1..span.end],
        None => vec![span],
    }
}

/// `span` without a title at its start (`顾问波多利亚克`), when two characters or more
/// are left.
pub(super) fn trim_leading_title(chars: &[char], span: Range<usize>) -> Range<usize> {
    let title = lexicon::titles()
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
pub(super) fn trim_diminutive(chars: &[char], span: Range<usize>) -> Range<usize> {
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

/// Two names never touch: spans that do are one name the model cut in two (`丁|薛祥`),
/// unless one of them is a known person's name as it stands (`永葆|马克思主义`).
pub(super) fn join_adjacent(chars: &[char], spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;

    fn text(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    fn names(chars: &[char], spans: Vec<Range<usize>>) -> Vec<String> {
        spans
            .into_iter()
            .map(|s| chars[s].iter().collect())
            .collect()
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one span per case
    fn pieces_of_words_are_dropped() {
        let analyzer = Analyzer::new();
        let jieba = analyzer.jieba();
        let c = text("他在座谈会上讲话。");
        // `谈会上` starts inside 座谈会.
        assert!(without_word_pieces(jieba, &c, vec![3..6]).is_empty());
        // jieba tags 克里姆林宫 as a name; it is still a word `里姆` cuts.
        let c = text("据克里姆林宫消息");
        assert!(without_word_pieces(jieba, &c, vec![2..4]).is_empty());
        // A title announces a name however jieba cuts it.
        let c = text("副市长林晓岚和到会");
        assert_eq!(
            names(&c, without_word_pieces(jieba, &c, vec![3..6])),
            ["林晓岚"]
        );
    }

    #[test]
    fn touching_spans_are_one_name() {
        let chars = text("丁薛祥会见了永葆马克思");
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
    fn spans_are_split_and_trimmed_to_names() {
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
    fn the_whole_chain_joins_splits_and_trims() {
        let analyzer = Analyzer::new();
        let c = text("会见丁薛祥和李强在北京");
        assert_eq!(
            names(&c, split_and_trim(analyzer.jieba(), &c, vec![2..3, 3..9])),
            ["丁薛祥", "李强"]
        );
        // A function character bared by a title trimmed off goes too, and `还` after a
        // name is one.
        let c = text("主席向普京总统致电。李希还到企业调研");
        assert_eq!(
            names(&c, split_and_trim(analyzer.jieba(), &c, vec![0..5, 10..13])),
            ["普京", "李希"]
        );
    }

    #[test]
    fn a_name_before_a_title_and_a_verb_is_no_place() {
        let c = text("克林顿总统对俄罗斯总理基里延科");
        assert!(!names_a_place(&c, &(0..3), Some(&(11..15))));
        assert_eq!(without_place_qualifiers(&c, vec![0..3, 11..15]).len(), 2);
        let c = text("尼泊尔副总理兼外交部长施雷斯塔");
        assert!(names_a_place(&c, &(0..3), Some(&(11..15))));
        assert_eq!(
            without_place_qualifiers(&c, vec![0..3, 11..15]),
            vec![11..15]
        );
    }

    #[test]
    fn a_common_word_is_no_rule_name_unless_announced() {
        let analyzer = Analyzer::new();
        let jieba = analyzer.jieba();
        let none = |_: char| false;
        let c = text("文章指出，要加强学习。");
        assert!(rule_spans(jieba, &c, &none).is_empty());
        let c = text("副主席罗进飞出席。");
        assert_eq!(names(&c, rule_spans(jieba, &c, &none)), ["罗进飞"]);
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
}
