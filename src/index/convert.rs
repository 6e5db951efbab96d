//! [`Document`] to tantivy document and back.

use chrono::{DateTime, NaiveDateTime};
use tantivy::schema::Value;
use tantivy::{DateTime as TantivyDate, TantivyDocument};

use super::schema::Fields;
use crate::Document;

pub(crate) fn to_tantivy(doc: &Document, hash: u64, fields: &Fields) -> TantivyDocument {
    let mut out = TantivyDocument::default();
    out.add_text(fields.id, &doc.id);
    if let Some(url) = &doc.url {
        out.add_text(fields.url, url);
    }
    if let Some(source) = &doc.source {
        out.add_text(fields.source, source);
    }
    out.add_text(fields.title, &doc.title);
    out.add_text(fields.body, &doc.body);
    if let Some(date) = doc.date {
        out.add_date(fields.date, to_tantivy_date(date));
    }
    for department in &doc.department {
        out.add_text(fields.department, department);
    }
    for person in &doc.persons {
        out.add_text(fields.persons, person);
    }
    out.add_u64(fields.hash, hash);
    out
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
    Document {
        id: text(fields.id).unwrap_or_default(),
        url: text(fields.url),
        source: text(fields.source),
        title: text(fields.title).unwrap_or_default(),
        body: text(fields.body).unwrap_or_default(),
        date: doc
            .get_first(fields.date)
            .and_then(|v| v.as_datetime())
            .and_then(from_tantivy_date),
        department: all(fields.department),
        persons: all(fields.persons),
    }
}
