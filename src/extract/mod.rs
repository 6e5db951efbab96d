//! From raw input to clean [`Document`]: article text and metadata.
//!
//! Input: an [`Input`] from [`crate::ingest`] (an HTML page, a plain-text page dump or a
//! JSON Lines record). Output: a [`Document`] with title, body, date, departments and
//! persons, or a [`Error::BadInput`] naming the input and the reason it holds no article.

mod date;
mod html;
mod meta;
mod record;
mod text_page;

use chrono::NaiveDateTime;

pub use date::{date_in_url, find_date, parse_date};

use crate::document::push_unique;
use crate::ingest::{Input, InputKind};
use crate::{Document, Error, Result};

/// What a page yields before it becomes a [`Document`].
#[derive(Debug, Default)]
pub(crate) struct PageParts {
    pub title: String,
    pub date: Option<NaiveDateTime>,
    pub body: String,
    pub url: Option<String>,
    /// The site's owner (breadcrumb, footer or `来源：` line).
    pub publisher: Option<String>,
    /// The unit in a closing byline (`(办公室 张晓亭)` → 办公室).
    pub byline_unit: Option<String>,
    pub editor: Option<String>,
    pub author: Option<String>,
}

/// Turns one input into a document.
///
/// ```
/// use zhsearch::extract::extract;
/// use zhsearch::ingest::{Input, InputKind};
/// use zhsearch::SourceRef;
/// let input = Input {
///     source: SourceRef::line("reports.jsonl", 1),
///     kind: InputKind::JsonLines,
///     text: r#"{"title":"国务院常务会议召开","body":"国务院总理李强主持会议。","date":"2024-01-05"}"#.into(),
/// };
/// let doc = extract(&input).unwrap();
/// assert_eq!(doc.department, ["国务院"]);
/// assert_eq!(doc.persons, ["李强"]);
/// ```
pub fn extract(input: &Input) -> Result<Document> {
    let bad = |reason: &str| Error::bad_input(input.source.clone(), reason);
    match input.kind {
        InputKind::JsonLines => {
            let parsed = record::parse(&input.text).map_err(|reason| bad(&reason))?;
            let mut doc = parsed.document;
            doc.source = Some(input.source.to_string());
            if !parsed.stated_department {
                doc.department = meta::meeting_bodies(&doc.title);
            }
            if !parsed.stated_persons {
                doc.persons = meta::persons_in(&doc.title, &doc.body);
            }
            Ok(doc)
        }
        InputKind::Html | InputKind::TextPage => {
            let parts = if input.kind == InputKind::Html {
                html::extract(&input.text)
            } else {
                text_page::extract(&input.text)
            };
            if parts.body.chars().filter(|c| c.is_alphanumeric()).count() < 10 {
                let reason = "no article text found (an index or list page?)".into();
                return Err(Error::NotAnArticle {
                    input: input.source.clone(),
                    reason,
                });
            }
            Ok(from_parts(parts, input.source.to_string()))
        }
    }
}

fn from_parts(parts: PageParts, source: String) -> Document {
    let title = if parts.title.is_empty() {
        first_sentence(&parts.body)
    } else {
        parts.title
    };
    let mut doc = Document::new(title, parts.body);
    if let Some(url) = parts.url {
        doc.id = url.clone();
        doc.url = Some(url);
    }
    doc.source = Some(source);
    doc.date = parts.date;
    doc.department = meta::meeting_bodies(&doc.title);
    for unit in [parts.byline_unit, parts.publisher].into_iter().flatten() {
        push_unique(&mut doc.department, unit);
    }
    doc.persons = meta::persons_in(&doc.title, &doc.body);
    doc
}

/// A title for a page that has none: its first sentence, cut short.
fn first_sentence(body: &str) -> String {
    let end = body.find(['。', '\n']).unwrap_or(body.len());
    body[..end].chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceRef;

    fn input(kind: InputKind, text: &str) -> Input {
        Input {
            source: SourceRef::file("x"),
            kind,
            text: text.to_string(),
        }
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
    fn stated_metadata_wins_over_rules() {
        let line = r#"{"title":"国务院常务会议","body":"总理李强主持。","department":["某部"],"persons":"王五"}"#;
        let doc = extract(&input(InputKind::JsonLines, line)).unwrap();
        assert_eq!(
            (doc.department, doc.persons),
            (vec!["某部".to_string()], vec!["王五".to_string()])
        );
    }
}
