//! [`Document`] to tantivy document and back.

use chrono::{DateTime, NaiveDateTime};
use tantivy::schema::Value;
use tantivy::{DateTime as TantivyDate, TantivyDocument};

use super::schema::Fields;
use crate::analysis::{PRE_CUT, WordTokens};
use crate::{Document, Meeting, PersonRole};

/// `input_hashes` are those of the raw inputs the document came from (none for a
/// document built by the caller). Its sources are stored [`Document::source`] first.
/// `words` are the title's and body's words as extraction cut them, if it did; a text
/// without is cut by the word fields' tokenizer, into the same words.
pub(crate) fn to_tantivy(
    doc: &Document,
    hash: u64,
    input_hashes: &[u64],
    fields: &Fields,
    words: Option<[WordTokens; 2]>,
) -> TantivyDocument {
    let mut out = TantivyDocument::default();
    out.add_text(fields.id, &doc.id);
    if let Some(url) = &doc.url {
        out.add_text(fields.url, url);
    }
    for source in stored_sources(doc) {
        out.add_text(fields.source, source);
    }
    out.add_text(fields.title_text, &doc.title);
    out.add_text(fields.body_text, &doc.body);
    let [title_words, body_words] = words.unwrap_or_default();
    for (field, text, words) in [
        (fields.title, &doc.title, title_words),
        (fields.body, &doc.body, body_words),
    ] {
        match words.into_field_text() {
            Some(words) => out.add_text(field, words),
            // A text that begins like words already cut is text all the same.
            None if text.starts_with(PRE_CUT) => out.add_text(field, format!(" {text}")),
            None => out.add_text(field, text),
        }
    }
    out.add_text(fields.title_grams, &doc.title);
    out.add_text(fields.body_grams, &doc.body);
    if let Some(date) = doc.date {
        out.add_date(fields.date, to_tantivy_date(date));
    }
    for department in &doc.department {
        out.add_text(fields.department, department);
    }
    if let Some(meeting) = &doc.meeting {
        out.add_text(fields.meeting, &meeting.series);
        if !meeting.instance.is_empty() {
            out.add_text(fields.meeting_instance, &meeting.instance);
        }
    }
    if let Some(day) = doc.meeting_date.and_then(|d| d.and_hms_opt(0, 0, 0)) {
        out.add_date(fields.meeting_date, to_tantivy_date(day));
    }
    for person in &doc.persons {
        out.add_text(fields.persons, person);
    }
    for role in &doc.roles {
        out.add_text(fields.roles, format!("{}\t{}", role.name, role.role));
    }
    for (field, value) in [(fields.editor, &doc.editor), (fields.author, &doc.author)] {
        if let Some(value) = value {
            out.add_text(field, value);
        }
    }
    out.add_u64(fields.hash, hash);
    for input_hash in input_hashes {
        out.add_u64(fields.input_hash, *input_hash);
    }
    for hash in crate::analysis::near_duplicates::sketch(&doc.body) {
        out.add_u64(fields.sketch, u64::from(hash));
    }
    out
}

/// A document's sources as stored: [`Document::source`], then the others of
/// [`Document::sources`], each once.
pub(crate) fn stored_sources(doc: &Document) -> Vec<&str> {
    let mut sources: Vec<&str> = doc.source.iter().map(String::as_str).collect();
    for source in &doc.sources {
        if !sources.contains(&source.as_str()) {
            sources.push(source);
        }
    }
    sources
}

/// Dates are stored as if UTC: pages state local time without a zone, and what users
/// filter on is the calendar date the page shows.
pub(crate) fn to_tantivy_date(date: NaiveDateTime) -> TantivyDate {
    TantivyDate::from_timestamp_secs(date.and_utc().timestamp())
}

pub(crate) fn from_tantivy_date(date: TantivyDate) -> Option<NaiveDateTime> {
    DateTime::from_timestamp(date.into_timestamp_secs(), 0).map(|d| d.naive_utc())
}

pub(crate) fn from_tantivy(doc: &TantivyDocument, fields: &Fields) -> Document {
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let all = |field| {
        doc.get_all(field)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let date = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_datetime())
            .and_then(from_tantivy_date)
    };
    let roles: Vec<String> = all(fields.roles);
    let sources: Vec<String> = all(fields.source);
    Document {
        id: text(fields.id).unwrap_or_default(),
        url: text(fields.url),
        source: sources.first().cloned(),
        sources,
        title: text(fields.title_text).unwrap_or_default(),
        body: text(fields.body_text).unwrap_or_default(),
        date: date(fields.date),
        meeting_date: date(fields.meeting_date).map(|d| d.date()),
        department: all(fields.department),
        meeting: text(fields.meeting)
            .map(|series| Meeting::new(series, text(fields.meeting_instance).unwrap_or_default())),
        persons: all(fields.persons),
        roles: roles
            .iter()
            .filter_map(|r| r.split_once('\t'))
            .map(|(name, role)| PersonRole {
                name: name.to_string(),
                role: role.to_string(),
            })
            .collect(),
        editor: text(fields.editor),
        author: text(fields.author),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::Value;

    fn word_field_texts(doc: &Document, words: Option<[WordTokens; 2]>) -> Vec<String> {
        let fields = Fields::from_schema(&Fields::schema()).unwrap();
        let out = to_tantivy(doc, 0, &[], &fields, words);
        [fields.title, fields.body]
            .into_iter()
            .map(|field| {
                let value = out.get_first(field).unwrap();
                value.as_str().unwrap().to_string()
            })
            .collect()
    }

    #[test]
    fn a_text_that_begins_like_cut_words_is_cut_as_text() {
        let doc = Document::new("标题", format!("{PRE_CUT}\u{1}伪造"));
        let texts = word_field_texts(&doc, None);
        assert_eq!(texts[0], "标题");
        assert!(!texts[1].starts_with(PRE_CUT), "{:?}", texts[1]);
    }

    #[test]
    fn texts_whose_cut_extraction_did_not_finish_are_cut_by_the_tokenizer() {
        let doc = Document::new("标题", "正文");
        let texts = word_field_texts(&doc, Some(Default::default()));
        assert_eq!(texts, ["标题", "正文"]);
    }
}
