//! The exact-phrase guarantee: a quoted string finds exactly the documents whose title or
//! body contains it (after character normalisation), checked against a plain substring
//! scan. Also: an unquoted word finds every document containing it, and no query panics.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use zhsearch::analysis::normalize;
use zhsearch::extract::Extractor;
use zhsearch::ingest::{Input, InputFile, InputKind};
use zhsearch::{Document, Engine, SearchRequest};

use crate::util::shared_dir;

/// Indexed documents, kept beside the index for the substring scan.
struct Corpus {
    engine: Engine,
    /// id → normalised title and body, as indexed (a later document replaces an earlier
    /// one with the same id, as in the index).
    texts: BTreeMap<String, (String, String)>,
}

impl Corpus {
    fn new(documents: Vec<Document>) -> Corpus {
        let engine = Engine::create_in_ram().unwrap();
        let mut texts = BTreeMap::new();
        for doc in &documents {
            texts.insert(
                doc.id.clone(),
                (normalize(&doc.title), normalize(&doc.body)),
            );
        }
        engine.add_documents(documents).unwrap();
        assert_eq!(engine.num_documents() as usize, texts.len());
        Corpus { engine, texts }
    }

    /// Ids of the documents whose title or body contains `needle`, by scanning.
    fn containing(&self, needle: &str) -> BTreeSet<String> {
        let needle = normalize(needle);
        self.texts
            .iter()
            .filter(|(_, (title, body))| title.contains(&needle) || body.contains(&needle))
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Ids of the documents `query` finds.
    fn found(&self, query: &str) -> BTreeSet<String> {
        let request = SearchRequest::new(query).limit(self.texts.len());
        let results = self
            .engine
            .search(&request)
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        assert_eq!(results.total, results.hits.len(), "{query}");
        results.hits.into_iter().map(|h| h.id).collect()
    }

    /// A substring of document `doc`'s title or body: `len` characters from `start`
    /// (both taken modulo what fits), without spaces at its ends.
    fn substring(&self, doc: usize, in_title: bool, start: usize, len: usize) -> String {
        let (title, body) = self.texts.values().nth(doc % self.texts.len()).unwrap();
        let chars: Vec<char> = if in_title { title } else { body }.chars().collect();
        if chars.is_empty() {
            return String::new();
        }
        let start = start % chars.len();
        let end = (start + len).min(chars.len());
        chars[start..end]
            .iter()
            .collect::<String>()
            .trim()
            .to_string()
    }
}

/// `text` as a quoted phrase of the query language.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Fictional reports written to defeat word segmentation: strings that cut across jieba's
/// words, mix scripts and widths, and hold quotes and backslashes.
fn tricky_documents() -> Vec<Document> {
    [
        (
            "p1",
            "滨江市科协党组扩大会议召开",
            "会议传达学习党的二十大精神，强调牢记“三个务必”。",
        ),
        (
            "p2",
            "推进５Ｇ基站建设",
            "全市新建5G基站1200个，覆盖率达98.5%。",
        ),
        (
            "p3",
            "他说\"好\"",
            "路径C:\\data\\年报，以及“大精神”这种切分。",
        ),
        ("p4", "二十大 精神宣讲", "宣讲团走进社区，讲解二十大 精神。"),
        ("p5", "党", "党"),
        (
            "p6",
            "经济普查工作会议",
            "第五次全国经济普查将于明年开展，普查对象为法人单位。",
        ),
    ]
    .into_iter()
    .map(|(id, title, body)| Document::new(title, body).with_id(id))
    .collect()
}

fn fixture_corpus() -> Corpus {
    let extractor = Extractor::default();
    // The sample's list page is no article; it is skipped, as the indexer skips it.
    let mut documents: Vec<Document> = zhsearch::sample::inputs()
        .iter()
        .filter_map(|input| extractor.extract(input).ok())
        .collect();
    documents.extend(tricky_documents());
    Corpus::new(documents)
}

#[test]
fn tricky_phrases_match_exactly_the_documents_containing_them() {
    let corpus = fixture_corpus();
    for phrase in [
        "大精神",
        "科协党组扩",
        "5G基站",
        "５ｇ基站",
        "三个务必",
        "“三个务必”",
        "他说\"好\"",
        "C:\\data",
        "二十大 精神",
        "二十大精神",
        "98.5%",
        "党",
        "，",
        "普查将于",
    ] {
        let expected = corpus.containing(phrase);
        assert!(!expected.is_empty(), "{phrase} is in no document");
        assert_eq!(corpus.found(&quoted(phrase)), expected, "{phrase}");
    }
    assert!(corpus.found(&quoted("科协党组会")).is_empty());
    // Title-only phrases look at titles only.
    assert_eq!(
        corpus.found(&format!("title:{}", quoted("党"))),
        corpus
            .texts
            .iter()
            .filter(|(_, (title, _))| title.contains('党'))
            .map(|(id, _)| id.clone())
            .collect()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_substring_as_a_phrase_finds_exactly_its_documents(
        doc in 0usize..1000,
        in_title in any::<bool>(),
        start in 0usize..5000,
        len in 1usize..=8,
    ) {
        let corpus = fixture();
        let phrase = corpus.substring(doc, in_title, start, len);
        prop_assume!(!phrase.is_empty());
        prop_assert_eq!(corpus.found(&quoted(&phrase)), corpus.containing(&phrase), "{}", phrase);
    }

    #[test]
    fn no_query_panics(query in "[ -~一二十大精神党会议“”（）：]{0,24}") {
        // Errors are fine; panics are not.
        let _ = fixture().engine.search(&SearchRequest::new(query).facets(3));
    }
}

/// One fixture corpus for all proptest cases.
fn fixture() -> &'static Corpus {
    static CORPUS: std::sync::OnceLock<Corpus> = std::sync::OnceLock::new();
    CORPUS.get_or_init(fixture_corpus)
}

/// xorshift64*: a fixed, dependency-free stream of numbers, so failures reproduce.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 16) as usize
    }
}

/// The stories of `../shared/corpus/xwlb-2022-2024.jsonl`, extracted as the indexer does
/// (without the text-derived metadata, which phrases do not use).
fn shared_corpus() -> Option<Corpus> {
    let shared = shared_dir()?;
    let file = InputFile {
        path: shared.join("corpus/xwlb-2022-2024.jsonl"),
        kind: InputKind::JsonLines,
        len: 0,
    };
    let mut inputs: Vec<Input> = Vec::new();
    zhsearch::ingest::read(&file, u64::MAX, &mut |input| {
        inputs.push(input.unwrap());
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    let extractor = Extractor::default().without_metadata();
    let documents = inputs
        .iter()
        .map(|i| extractor.extract(i).unwrap())
        .collect();
    Some(Corpus::new(documents))
}

#[test]
fn shared_corpus_phrases_and_words_match_a_substring_scan() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let mut numbers = Numbers(0x5EED_2024);
    let mut checked = 0;
    while checked < 200 {
        let len = 2 + numbers.next() % 7;
        let phrase = corpus.substring(
            numbers.next(),
            numbers.next().is_multiple_of(4),
            numbers.next(),
            len,
        );
        if phrase.chars().count() < 2 {
            continue;
        }
        let expected = corpus.containing(&phrase);
        let found = corpus.found(&quoted(&phrase));
        assert_eq!(
            found,
            expected,
            "phrase {phrase:?}: found {} expected {}",
            found.len(),
            expected.len()
        );
        checked += 1;
    }
    // Unquoted words find at least every document that holds the string itself.
    for words in ["二十大精神", "科协", "经济普查"] {
        let containing = corpus.containing(words);
        let found = corpus.found(words);
        eprintln!(
            "{words}: {} hits, {} documents contain the string",
            found.len(),
            containing.len()
        );
        let missed: Vec<_> = containing.difference(&found).collect();
        assert!(missed.is_empty(), "{words} misses {missed:?}");
    }
}
