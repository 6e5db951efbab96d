//! The tantivy schema: one field per thing users search, filter, group or read back.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

/// The name under which the jieba word tokenizer is registered.
pub(crate) const WORDS_TOKENIZER: &str = "zh_words";
/// The name under which the character bigram tokenizer is registered.
pub(crate) const GRAMS_TOKENIZER: &str = "zh_grams";

/// The schema's field names: the one place they are spelled, for every caller that opens
/// a field or a fast-field column by name.
pub(crate) mod field {
    /// The document's id, unique in the index.
    pub(crate) const ID: &str = "id";
    /// The page's address.
    pub(crate) const URL: &str = "url";
    /// Where the document came from, one value per source (multi-valued): `path`, or
    /// `path:line` for a JSON Lines record, the path absolute; the first is the one whose
    /// content is kept.
    pub(crate) const SOURCE: &str = "source";
    /// The title's words (indexed, not stored: [`TITLE_TEXT`] holds the text).
    pub(crate) const TITLE: &str = "title";
    /// The body's words (indexed, not stored: [`BODY_TEXT`] holds the text).
    pub(crate) const BODY: &str = "body";
    /// The title as written.
    pub(crate) const TITLE_TEXT: &str = "title_text";
    /// The body as written.
    pub(crate) const BODY_TEXT: &str = "body_text";
    /// The title's character bigrams.
    pub(crate) const TITLE_GRAMS: &str = "title_grams";
    /// The body's character bigrams.
    pub(crate) const BODY_GRAMS: &str = "body_grams";
    /// The publication date.
    pub(crate) const DATE: &str = "date";
    /// The date of the meeting reported.
    pub(crate) const MEETING_DATE: &str = "meeting_date";
    /// The meeting's bodies (multi-valued).
    pub(crate) const DEPARTMENT: &str = "department";
    /// The series of the meeting reported (see `dict/meetings.txt`), one value at most.
    pub(crate) const MEETING: &str = "meeting";
    /// Which meeting of its series (`第十四届第五次`), stored beside [`MEETING`] when the
    /// report gives it.
    pub(crate) const MEETING_INSTANCE: &str = "meeting_instance";
    /// The persons named (multi-valued).
    pub(crate) const PERSONS: &str = "persons";
    /// `name\trole` per person with a stated role.
    pub(crate) const ROLES: &str = "roles";
    /// The editor the page names.
    pub(crate) const EDITOR: &str = "editor";
    /// The author the page names.
    pub(crate) const AUTHOR: &str = "author";
    /// The hash of the document's content.
    pub(crate) const HASH: &str = "hash";
    /// The hashes of the raw inputs the document came from, one per source read
    /// (multi-valued, unordered).
    pub(crate) const INPUT_HASH: &str = "input_hash";
    /// The body's near-duplicate sketch (multi-valued; see `analysis::near_duplicates`).
    pub(crate) const SKETCH: &str = "sketch";
}

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub url: Field,
    pub source: Field,
    /// The title's words.
    pub title: Field,
    /// The body's words.
    pub body: Field,
    /// The title as written (stored only).
    pub title_text: Field,
    /// The body as written (stored only).
    pub body_text: Field,
    /// The title's character bigrams, for exact phrases.
    pub title_grams: Field,
    /// The body's character bigrams, for exact phrases.
    pub body_grams: Field,
    pub date: Field,
    pub meeting_date: Field,
    pub department: Field,
    /// The series of the meeting reported.
    pub meeting: Field,
    /// Which meeting of the series, as the report gives it.
    pub meeting_instance: Field,
    pub persons: Field,
    /// `name\trole` per person with a stated role.
    pub roles: Field,
    pub editor: Field,
    pub author: Field,
    /// The hash of the document's content, to tell an update from a re-run.
    pub hash: Field,
    /// The hash of the raw input the document came from, to skip it unread next time.
    pub input_hash: Field,
    /// The body's near-duplicate sketch, to group reposts at query time.
    pub sketch: Field,
}

impl Fields {
    pub(crate) fn schema() -> Schema {
        // Not stored, apart from the text: a document's words may come cut by extraction
        // (a pre-tokenized value), which tantivy would store with its tokens.
        let words = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WORDS_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let grams = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(GRAMS_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let mut builder = Schema::builder();
        // Fast: a re-run that skips an unchanged input still learns which id it holds.
        builder.add_text_field(field::ID, STRING | STORED | FAST);
        builder.add_text_field(field::URL, STORED);
        // Indexed: re-runs look inputs up by where they came from (`path` or `path:line`);
        // a story read from several sources holds each.
        builder.add_text_field(field::SOURCE, STRING | STORED);
        builder.add_text_field(field::TITLE_TEXT, STORED);
        builder.add_text_field(field::BODY_TEXT, STORED);
        builder.add_text_field(field::TITLE, words.clone());
        builder.add_text_field(field::BODY, words);
        builder.add_text_field(field::TITLE_GRAMS, grams.clone());
        builder.add_text_field(field::BODY_GRAMS, grams);
        let date = DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_stored()
            .set_precision(DateTimePrecision::Seconds);
        builder.add_date_field(field::DATE, date.clone());
        builder.add_date_field(field::MEETING_DATE, date);
        // Multi-valued keywords: exact match, and fast for facet counts.
        builder.add_text_field(field::DEPARTMENT, STRING | STORED | FAST);
        builder.add_text_field(field::MEETING, STRING | STORED | FAST);
        builder.add_text_field(field::MEETING_INSTANCE, STORED);
        builder.add_text_field(field::PERSONS, STRING | STORED | FAST);
        builder.add_text_field(field::ROLES, STORED);
        builder.add_text_field(field::EDITOR, STRING | STORED);
        builder.add_text_field(field::AUTHOR, STRING | STORED);
        builder.add_u64_field(field::HASH, FAST | STORED);
        builder.add_u64_field(field::INPUT_HASH, FAST);
        builder.add_u64_field(field::SKETCH, FAST);
        builder.build()
    }

    pub(crate) fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        Ok(Fields {
            id: schema.get_field(field::ID)?,
            url: schema.get_field(field::URL)?,
            source: schema.get_field(field::SOURCE)?,
            title: schema.get_field(field::TITLE)?,
            body: schema.get_field(field::BODY)?,
            title_text: schema.get_field(field::TITLE_TEXT)?,
            body_text: schema.get_field(field::BODY_TEXT)?,
            title_grams: schema.get_field(field::TITLE_GRAMS)?,
            body_grams: schema.get_field(field::BODY_GRAMS)?,
            date: schema.get_field(field::DATE)?,
            meeting_date: schema.get_field(field::MEETING_DATE)?,
            department: schema.get_field(field::DEPARTMENT)?,
            meeting: schema.get_field(field::MEETING)?,
            meeting_instance: schema.get_field(field::MEETING_INSTANCE)?,
            persons: schema.get_field(field::PERSONS)?,
            roles: schema.get_field(field::ROLES)?,
            editor: schema.get_field(field::EDITOR)?,
            author: schema.get_field(field::AUTHOR)?,
            hash: schema.get_field(field::HASH)?,
            input_hash: schema.get_field(field::INPUT_HASH)?,
            sketch: schema.get_field(field::SKETCH)?,
        })
    }
}
