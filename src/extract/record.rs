//! JSON Lines records: `title` and `body` required; `id`, `url`, `date`, `department`,
//! `persons` (each of these two a string or an array of strings), `meeting_date`, `editor`
//! and `author` optional.

use serde::Deserialize;

use super::date::parse_date;
use crate::Document;

#[derive(Deserialize)]
struct Record {
    id: Option<IdValue>,
    url: Option<String>,
    date: Option<String>,
    title: Option<String>,
    body: Option<String>,
    #[serde(default, alias = "departments", alias = "dept")]
    department: OneOrMany,
    #[serde(default, alias = "person")]
    persons: OneOrMany,
    meeting_date: Option<String>,
    editor: Option<String>,
    author: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum IdValue {
    Text(String),
    Number(serde_json::Number),
}

#[derive(Deserialize, Default)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(value) => vec![value],
            OneOrMany::Many(values) => values,
        }
    }
}

/// A parsed record: the values it states, the rest left for extraction.
pub(crate) struct ParsedRecord {
    pub document: Document,
}

/// Parses one line; the error is a short reason, without the location.
pub(crate) fn parse(line: &str) -> Result<ParsedRecord, String> {
    let trimmed = line.trim_start();
    if !trimmed.starts_with('{') {
        // serde would read an array as the record's fields in order: say what is wrong.
        let first = trimmed
            .chars()
            .next()
            .map_or("nothing".into(), |c| format!("`{c}`"));
        return Err(format!("not a JSON object (starts with {first})"));
    }
    let record: Record = serde_json::from_str(line).map_err(|e| {
        let message = e.to_string();
        // serde_json appends " at line 1 column N"; the column is what helps here.
        match message.rsplit_once(" at line 1 column ") {
            Some((what, column)) => format!("invalid JSON at column {column}: {what}"),
            None => format!("invalid JSON: {message}"),
        }
    })?;
    let title = record
        .title
        .ok_or("missing field `title`")?
        .trim()
        .to_string();
    let body = record
        .body
        .ok_or("missing field `body`")?
        .trim()
        .to_string();
    if title.is_empty() && body.is_empty() {
        return Err("empty `title` and `body`".into());
    }
    let mut document = Document::new(title, body);
    document.url = record.url.filter(|u| !u.trim().is_empty());
    document.id = match record.id {
        Some(IdValue::Text(id)) if !id.trim().is_empty() => id.trim().to_string(),
        Some(IdValue::Number(n)) => n.to_string(),
        _ => document.url.clone().unwrap_or(document.id),
    };
    if let Some(date) = record.date.filter(|d| !d.trim().is_empty()) {
        document.date = Some(
            parse_date(&date).ok_or_else(|| format!("bad date `{date}` (expected YYYY-MM-DD)"))?,
        );
    }
    if let Some(date) = record.meeting_date.filter(|d| !d.trim().is_empty()) {
        let day = parse_date(&date)
            .ok_or_else(|| format!("bad meeting_date `{date}` (expected YYYY-MM-DD)"))?;
        document.meeting_date = Some(day.date());
    }
    let nonempty = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    document.editor = nonempty(record.editor);
    document.author = nonempty(record.author);
    let departments = record.department.into_vec();
    let persons = record.persons.into_vec();
    for value in departments {
        crate::document::push_unique(&mut document.department, value);
    }
    for value in persons {
        crate::document::push_unique(&mut document.persons, value);
    }
    Ok(ParsedRecord { document })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_record() {
        let line = r#"{"id":"a1","url":"https://x.cn/a","date":"2024-03-05","title":"标题","body":"正文","department":"国务院","persons":["李强"]}"#;
        let parsed = parse(line).unwrap();
        let doc = parsed.document;
        assert_eq!(
            (doc.id.as_str(), doc.date_string().unwrap().as_str()),
            ("a1", "2024-03-05")
        );
        assert_eq!(
            (doc.department, doc.persons),
            (vec!["国务院".to_string()], vec!["李强".to_string()])
        );
    }

    #[test]
    fn id_falls_back_to_url_then_hash() {
        assert_eq!(
            parse(r#"{"url":"u","title":"t","body":"b"}"#)
                .unwrap()
                .document
                .id,
            "u"
        );
        assert_eq!(
            parse(r#"{"id":7,"title":"t","body":"b"}"#)
                .unwrap()
                .document
                .id,
            "7"
        );
        assert_eq!(
            parse(r#"{"title":"t","body":"b"}"#)
                .unwrap()
                .document
                .id
                .len(),
            32
        );
    }

    #[test]
    fn errors_are_short_and_located() {
        assert_eq!(
            parse(r#"{"body":"b"}"#).err().unwrap(),
            "missing field `title`"
        );
        assert_eq!(
            parse(r#"{"title":"t","body":"b","date":"2022-02-30"}"#)
                .err()
                .unwrap(),
            "bad date `2022-02-30` (expected YYYY-MM-DD)"
        );
        assert!(
            parse(r#"{"title":"t""#)
                .err()
                .unwrap()
                .starts_with("invalid JSON at column")
        );
    }
}
