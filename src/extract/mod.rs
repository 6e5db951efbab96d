//! From raw input to clean [`Document`]: article text and metadata.
//!
//! Input: an [`Input`] from [`crate::ingest`] (an HTML page, a plain-text page dump or a
//! JSON Lines record). Output: a [`Document`] with title, body, publish and meeting dates,
//! departments, the meeting reported, persons with roles, editor and author, or an error naming the input and
//! the reason it holds no article. Values a JSON Lines record states take precedence over
//! extracted ones.

mod date;
mod departments;
mod html;
mod meeting;
pub mod persons;
mod record;
pub mod short_names;
mod text_page;

use std::sync::Arc;

use chrono::NaiveDateTime;

pub use date::{date_in_url, find_date, meeting_date, parse_date};
// Re-exported where callers first met the table; its home is `crate::text::aliases`.
pub use crate::text::aliases::{Aliases, DEPARTMENT_ALIASES};

use crate::analysis::{Analyzer, WordTokens, fold_traditional_text};
use crate::ingest::{Input, InputKind};
use crate::{Document, Error, Problem, Result, SourceRef};
use persons::PersonRecognizer;

/// The revision of the extraction rules, word lists and person model: raised with every
/// change to the fields extraction gives for the same input (see
/// [`Extractor::fingerprint`]). 1: one name per central body, meetings attended,
/// another party's plenum (the first counted revision). 2: run-together issuers, units of
/// listed bodies, communiqués, names joined by 同/向.
const EXTRACTION_REVISION: u32 = 2;

/// What a page yields before it becomes a [`Document`].
#[derive(Debug, Default)]
pub(crate) struct PageParts {
    pub title: String,
    pub date: Option<NaiveDateTime>,
    pub body: String,
    pub url: Option<String>,
    /// The id the page gives its story (`<meta name="contentid">`, as CCTV's pages do).
    pub story_id: Option<String>,
    /// The site's owner (breadcrumb, footer or `来源：` line).
    pub publisher: Option<String>,
    /// The unit in a closing byline (`(办公室 张晓亭)` → 办公室).
    pub byline_unit: Option<String>,
    pub editor: Option<String>,
    pub author: Option<String>,
}

/// Turns inputs into documents, with a department alias table, an analyser (whose
/// dictionary person recognition segments with) and a person recogniser.
///
/// ```
/// use zhsearch::extract::{Aliases, Extractor};
/// let mut aliases = Aliases::builtin();
/// aliases.extend("滨海新区人民政府 = 滨海区政府").unwrap();
/// let extractor = Extractor::new(aliases);
/// let doc = extractor.plain_text("滨海区政府召开常务会议，区长王明远主持会议。");
/// assert_eq!(doc.department, ["滨海新区人民政府"]);
/// assert_eq!(doc.persons, ["王明远"]);
/// assert_eq!(doc.roles[0].role, "区长");
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    aliases: Arc<Aliases>,
    analyzer: Analyzer,
    recognizer: Arc<PersonRecognizer>,
    metadata: bool,
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new(Aliases::builtin())
    }
}

impl Extractor {
    /// An extractor that names departments by `aliases`, with the built-in analyser
    /// and person model.
    pub fn new(aliases: Aliases) -> Extractor {
        Extractor {
            aliases: Arc::new(aliases),
            analyzer: Analyzer::new(),
            recognizer: PersonRecognizer::shared_builtin().clone(),
            metadata: true,
        }
    }

    /// This extractor, recognising persons in text segmented by `analyzer` (an index's,
    /// with its user dictionary). By default, [`Analyzer::new`].
    pub fn with_analyzer(mut self, analyzer: Analyzer) -> Extractor {
        self.analyzer = analyzer;
        self
    }

    /// This extractor, recognising persons with `recognizer`. By default,
    /// [`PersonRecognizer::builtin`].
    pub fn with_recognizer(mut self, recognizer: PersonRecognizer) -> Extractor {
        self.recognizer = Arc::new(recognizer);
        self
    }

    /// This extractor without the text-derived metadata (meeting date, meeting body,
    /// persons and roles): only what the page or record states. Faster, for collections
    /// whose metadata is given or not wanted.
    pub fn without_metadata(mut self) -> Extractor {
        self.metadata = false;
        self
    }

    /// The department alias table.
    pub fn aliases(&self) -> &Aliases {
        &self.aliases
    }

    /// What this extractor gives for an input depends on: the rules' revision and
    /// whether it finds metadata. Indexing keys the inputs it has seen by it, so that an
    /// input extracted by other rules (an earlier zhsearch, or `--no-metadata`) is
    /// extracted again, not kept with the fields those rules gave.
    pub fn fingerprint(&self) -> u64 {
        u64::from(EXTRACTION_REVISION) << 1 | u64::from(self.metadata)
    }

    /// Turns one input into a document.
    ///
    /// ```
    /// use zhsearch::extract::Extractor;
    /// use zhsearch::ingest::{Input, InputKind};
    /// use zhsearch::SourceRef;
    /// let input = Input {
    ///     source: SourceRef::line("reports.jsonl", 1),
    ///     kind: InputKind::JsonLines,
    ///     text: r#"{"title":"国务院常务会议召开","body":"国务院总理李强1月5日主持会议。","date":"2024-01-05"}"#.into(),
    /// };
    /// let doc = Extractor::default().extract(&input).unwrap();
    /// assert_eq!(doc.department, ["国务院"]);
    /// assert_eq!(doc.persons, ["李强"]);
    /// assert_eq!(doc.meeting_date.unwrap().to_string(), "2024-01-05");
    /// ```
    pub fn extract(&self, input: &Input) -> Result<Document> {
        self.extract_as(input, &input.source, None)
    }

    /// Turns one input into a document read from `stored`, the source as the index keeps
    /// it (an absolute path), while errors name the input as it was given. With `words`,
    /// the words of the title and the body go there as the word fields index them, when
    /// metadata extraction cut them (it tags every clause for the person model; the index
    /// then need not cut the text again).
    pub(crate) fn extract_as(
        &self,
        input: &Input,
        stored: &SourceRef,
        words: Option<&mut [WordTokens; 2]>,
    ) -> Result<Document> {
        let bad = |reason: &str| Error::bad_input(input.source.clone(), Problem::BadRecord, reason);
        match input.kind {
            InputKind::JsonLines => {
                let parsed = record::parse(&input.text).map_err(|reason| bad(&reason))?;
                let mut doc = self.complete_stated_cutting(parsed.document, words);
                doc.source = Some(stored.to_string());
                doc.sources = vec![stored.to_string()];
                Ok(doc)
            }
            InputKind::Html | InputKind::TextPage => {
                let parts = if input.kind == InputKind::Html {
                    html::extract(&input.text)
                } else {
                    text_page::extract(&input.text)
                };
                if parts.body.chars().filter(|c| c.is_alphanumeric()).count() < 10 {
                    return Err(Error::bad_input(
                        input.source.clone(),
                        Problem::NoArticle,
                        "no article text found (an index or list page?)",
                    ));
                }
                let stated_id = parts.story_id.is_some() || parts.url.is_some();
                let mut doc = self.page_document(parts, words);
                if !stated_id {
                    // A page that names neither its story nor its address is the file it
                    // is in: copies in other files (other encodings, other crawls) are
                    // other documents, and an edit updates it.
                    doc.id = path_id(&stored.path);
                }
                doc.source = Some(stored.to_string());
                doc.sources = vec![stored.to_string()];
                Ok(doc)
            }
        }
    }

    /// A document from plain text alone: its metadata as extracted from the text, with
    /// no title. This is what `zhsearch extract --lines` prints for each line.
    pub fn plain_text(&self, text: &str) -> Document {
        self.complete(Document::new("", text.trim()), &[], None)
    }

    /// `doc` with the metadata its text gives where it states none: departments,
    /// persons (and their roles) and meeting date the document sets are kept, as a JSON
    /// record's are. Without metadata extraction, `doc` as it is.
    pub(crate) fn complete_stated(&self, doc: Document) -> Document {
        self.complete_stated_cutting(doc, None)
    }

    fn complete_stated_cutting(
        &self,
        mut doc: Document,
        words: Option<&mut [WordTokens; 2]>,
    ) -> Document {
        if !self.metadata {
            return doc;
        }
        let departments = std::mem::take(&mut doc.department);
        let persons = std::mem::take(&mut doc.persons);
        let roles = std::mem::take(&mut doc.roles);
        let meeting_date = doc.meeting_date.take();
        let mut doc = self.complete(doc, &[], words);
        if !departments.is_empty() {
            doc.department = departments;
        }
        if !persons.is_empty() {
            doc.persons = persons;
            doc.roles.retain(|r| doc.persons.contains(&r.name));
        }
        if !roles.is_empty() {
            doc.roles = roles;
        }
        doc.meeting_date = meeting_date.or(doc.meeting_date);
        doc
    }

    fn page_document(&self, parts: PageParts, words: Option<&mut [WordTokens; 2]>) -> Document {
        let title = if parts.title.is_empty() {
            first_sentence(&parts.body)
        } else {
            parts.title
        };
        let mut doc = Document::new(title, parts.body);
        // The story's own id, else its address, names it.
        if let Some(url) = parts.url {
            doc.id = url.clone();
            doc.url = Some(url);
        }
        if let Some(id) = parts.story_id {
            doc.id = id;
        }
        doc.date = parts.date;
        doc.editor = parts.editor;
        doc.author = parts.author;
        let units: Vec<String> = [parts.byline_unit, parts.publisher]
            .into_iter()
            .flatten()
            .collect();
        self.complete(doc, &units, words)
    }

    /// Fills the metadata a document's text gives: meeting date, departments (with the
    /// page's own `units` after the meeting's body), the meeting reported, persons and
    /// roles; the words of the title and body into `words`, if given.
    fn complete(
        &self,
        mut doc: Document,
        units: &[String],
        words: Option<&mut [WordTokens; 2]>,
    ) -> Document {
        if !self.metadata {
            doc.department = units.to_vec();
            return doc;
        }
        // Read with traditional characters folded, so that a traditional page gives the
        // values its simplified twin gives (the ones users filter and count by); the
        // stored text keeps its characters.
        let title = fold_traditional_text(&doc.title);
        let body = fold_traditional_text(&doc.body);
        let units: Vec<String> = units
            .iter()
            .map(|unit| fold_traditional_text(unit).into_owned())
            .collect();
        doc.meeting_date = meeting_date(&body, doc.date);
        doc.meeting = meeting::meeting(&title, &body);
        let (persons, roles) =
            self.recognizer
                .persons_in(self.analyzer.jieba(), &title, &body, words);
        let chair = chair(&title, &body, &persons);
        doc.department = departments::departments(
            &title,
            &body,
            doc.meeting.as_ref(),
            chair,
            &units,
            &self.aliases,
        );
        let bylines = [&doc.editor, &doc.author];
        doc.persons = persons
            .into_iter()
            .filter(|p| {
                !bylines.iter().any(|b| b.as_deref() == Some(p)) || body.contains(p.as_str())
            })
            .collect();
        doc.roles = roles;
        doc
    }
}

/// The id of a page known by its path: the path without `.` components or doubled
/// separators (the pipeline hands over absolute paths, so a path's spelling is no new page).
fn path_id(path: &std::path::Path) -> String {
    let normal: std::path::PathBuf = path
        .components()
        .filter(|c| *c != std::path::Component::CurDir)
        .collect();
    normal.to_string_lossy().into_owned()
}

/// The person who chaired or hosted the meeting: the first named in the headline, else the
/// first the body names right before `主持`.
fn chair<'a>(title: &str, body: &str, persons: &'a [String]) -> Option<&'a str> {
    let in_title = persons.iter().find(|p| title.contains(p.as_str()));
    let before_chairing = || {
        persons.iter().find(|p| {
            body.match_indices(p.as_str()).any(|(at, _)| {
                body[at + p.len()..]
                    .chars()
                    .take(8)
                    .collect::<String>()
                    .contains("主持")
            })
        })
    };
    in_title.or_else(before_chairing).map(String::as_str)
}

/// Turns one input into a document with the built-in alias table; see
/// [`Extractor::extract`].
pub fn extract(input: &Input) -> Result<Document> {
    static DEFAULT: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Extractor::default).extract(input)
}

/// A title for a page that has none: its first sentence, cut short.
fn first_sentence(body: &str) -> String {
    let end = body.find(['。', '\n']).unwrap_or(body.len());
    body[..end].chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: InputKind, text: &str) -> Input {
        Input {
            source: SourceRef::file("x"),
            kind,
            text: text.to_string(),
        }
    }

    /// The words metadata extraction cuts for the index, as `(text, position, offsets)`.
    fn words_cut_by_extraction(title: &str, body: &str) -> [Vec<(String, usize)>; 2] {
        let record = serde_json::json!({ "id": "w", "title": title, "body": body });
        let mut words = <[WordTokens; 2]>::default();
        let input = input(InputKind::JsonLines, &record.to_string());
        let extractor = Extractor::default();
        extractor
            .extract_as(&input, &input.source, Some(&mut words))
            .unwrap();
        words.map(|w| {
            let text = w.into_field_text().expect("every clause was cut");
            let mut tokenizer = Analyzer::new().tokenizer(crate::analysis::Segmentation::Index);
            let mut stream = tantivy::tokenizer::Tokenizer::token_stream(&mut tokenizer, &text);
            let mut words = Vec::new();
            while tantivy::tokenizer::TokenStream::advance(&mut stream) {
                let token = tantivy::tokenizer::TokenStream::token(&stream);
                words.push((token.text.clone(), token.position));
            }
            words
        })
    }

    #[test]
    fn the_words_extraction_cuts_are_the_words_the_tokenizer_cuts() {
        let analyzer = Analyzer::new();
        let long = format!("{}。", "中华人民共和国国务院".repeat(30));
        let texts = [
            "李强主持召开国务院常务会议",
            "推进５Ｇ基站建设，学习二十大精神；GDP增长5.2%。",
            "國務院總理李強在人民大會堂會見外賓。",
            "Hello, world! 2024-01-01 10:30",
            "ＡＢ，ＣＤ人民！ＥＦ:gh;5.2%\n\n中国",
            "",
            "，。、",
            long.as_str(),
        ];
        for title in texts {
            for body in texts
                .into_iter()
                .filter(|b| !(title.is_empty() && b.is_empty()))
            {
                let [title_words, body_words] = words_cut_by_extraction(title, body);
                for (text, words) in [(title, title_words), (body, body_words)] {
                    let expected: Vec<(String, usize)> = analyzer
                        .segment(text, crate::analysis::Segmentation::Index)
                        .into_iter()
                        .map(|w| (w.text, w.position))
                        .collect();
                    assert_eq!(words, expected, "{text}");
                }
            }
        }
    }

    #[test]
    fn without_metadata_no_words_are_cut() {
        let record = serde_json::json!({ "id": "w", "title": "标题", "body": "正文内容" });
        let mut words = <[WordTokens; 2]>::default();
        let input = input(InputKind::JsonLines, &record.to_string());
        let extractor = Extractor::default().without_metadata();
        extractor
            .extract_as(&input, &input.source, Some(&mut words))
            .unwrap();
        assert!(words.into_iter().all(|w| w.into_field_text().is_none()));
    }

    #[test]
    fn pages_without_article_are_refused_with_the_reason() {
        let err = extract(&input(
            InputKind::Html,
            "<ul><li><a href=a>一</a></li></ul>",
        ))
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "x: no article text found (an index or list page?)"
        );
    }

    #[test]
    fn seed_like_page_gets_every_field() {
        let page = "首页 > 新闻中心\n市科协召开党组扩大会议\n2022-12-01 17:11:13   编辑:岳桐树\n11月25日下午，市科协召开党组扩大会议。市科协党组书记、常务副主席陆为民同志主持会议，党组成员、副主席罗进飞出席。\n(办公室 张晓亭)\n版权所有：天津市科学技术协会";
        let doc = extract(&input(InputKind::TextPage, page)).unwrap();
        assert_eq!(doc.meeting_date.unwrap().to_string(), "2022-11-25");
        assert_eq!(doc.editor.as_deref(), Some("岳桐树"));
        assert_eq!(doc.author.as_deref(), Some("张晓亭"));
        assert_eq!(doc.persons, ["陆为民", "罗进飞"]);
        // The acting body; the byline's 办公室 names no owner, so it is no department.
        assert_eq!(doc.department, ["市科协党组", "市科协"]);
    }

    #[test]
    fn stated_metadata_wins_over_rules() {
        let line = r#"{"title":"国务院常务会议","body":"总理李强主持。","department":["某部"],"persons":"王五"}"#;
        let doc = extract(&input(InputKind::JsonLines, line)).unwrap();
        assert_eq!(
            (doc.department, doc.persons),
            (vec!["某部".to_string()], vec!["王五".to_string()])
        );
    }
}
