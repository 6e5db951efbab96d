//! The tantivy schema: one field per thing users search, filter, group or read back.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

/// The name under which the jieba word tokenizer is registered.
pub(crate) const WORDS_TOKENIZER: &str = "zh_words";
/// The name under which the character bigram tokenizer is registered.
pub(crate) const GRAMS_TOKENIZER: &str = "zh_grams";

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub url: Field,
    pub source: Field,
    pub title: Field,
    pub body: Field,
    /// The title's character bigrams, for exact phrases.
    pub title_grams: Field,
    /// The body's character bigrams, for exact phrases.
    pub body_grams: Field,
    pub date: Field,
    pub meeting_date: Field,
    pub department: Field,
    pub persons: Field,
    /// `name\trole` per person with a stated role.
    pub roles: Field,
    pub editor: Field,
    pub author: Field,
    /// The hash of the document's content, to tell an update from a re-run.
    pub hash: Field,
    /// The hash of the raw input the document came from, to skip it unread next time.
    pub input_hash: Field,
}

impl Fields {
    pub(crate) fn schema() -> Schema {
        let words = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WORDS_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        // Not stored: the words fields hold the text.
        let grams = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(GRAMS_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let mut builder = Schema::builder();
        // Fast: a re-run that skips an unchanged input still learns which id it holds.
        builder.add_text_field("id", STRING | STORED | FAST);
        builder.add_text_field("url", STORED);
        // Indexed: re-runs look inputs up by where they came from (`path` or `path:line`).
        builder.add_text_field("source", STRING | STORED);
        builder.add_text_field("title", words.clone());
        builder.add_text_field("body", words);
        builder.add_text_field("title_grams", grams.clone());
        builder.add_text_field("body_grams", grams);
        let date = DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_stored()
            .set_precision(DateTimePrecision::Seconds);
        builder.add_date_field("date", date.clone());
        builder.add_date_field("meeting_date", date);
        // Multi-valued keywords: exact match, and fast for facet counts.
        builder.add_text_field("department", STRING | STORED | FAST);
        builder.add_text_field("persons", STRING | STORED | FAST);
        builder.add_text_field("roles", STORED);
        builder.add_text_field("editor", STRING | STORED);
        builder.add_text_field("author", STRING | STORED);
        builder.add_u64_field("hash", FAST | STORED);
        builder.add_u64_field("input_hash", FAST);
        builder.build()
    }

    pub(crate) fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let field = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: field("id")?,
            url: field("url")?,
            source: field("source")?,
            title: field("title")?,
            body: field("body")?,
            title_grams: field("title_grams")?,
            body_grams: field("body_grams")?,
            date: field("date")?,
            meeting_date: field("meeting_date")?,
            department: field("department")?,
            persons: field("persons")?,
            roles: field("roles")?,
            editor: field("editor")?,
            author: field("author")?,
            hash: field("hash")?,
            input_hash: field("input_hash")?,
        })
    }
}
