//! The clean article that flows from extraction to the index: text plus metadata.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// One report, cleaned of page chrome, with the metadata that search filters and groups by.
///
/// Build one by hand to index text that did not come from a file:
///
/// ```
/// use zhsearch::Document;
/// let doc = Document::new("市科协召开党组扩大会议", "会议传达学习二十大精神。")
///     .with_date("2022-12-01".parse().unwrap())
///     .with_department("天津市科学技术协会");
/// assert_eq!(doc.date_string().as_deref(), Some("2022-12-01"));
/// assert!(doc.id.len() == 32, "a content hash stands in for a missing id");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The story's identity, used for upserts: what the story says of itself (a record's
    /// `id`, a page's `contentid` meta, canonical link or `og:url`), else its URL, else
    /// for a page file its absolute path, else (a JSON Lines record) a hash of title and
    /// body. Inputs with the same id are one document.
    pub id: String,
    /// The page's URL, when the input states one.
    pub url: Option<String>,
    /// The source the title, body and metadata were read from (`path` or `path:line`,
    /// the path absolute), when it came from a file: the first of [`Document::sources`].
    pub source: Option<String>,
    /// Every source the story was read from, the one whose content is kept first (see
    /// [`Document::source`]): a page and the JSON record of the same story are one
    /// document with two sources.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The headline.
    pub title: String,
    /// The article text, paragraphs separated by `\n`.
    pub body: String,
    /// Publish date and time, as stated by the page (local time, no zone).
    pub date: Option<NaiveDateTime>,
    /// The day the meeting took place, when the text fixes it (`11月25日下午`, `昨天`).
    #[serde(default)]
    pub meeting_date: Option<NaiveDate>,
    /// Bodies responsible for the report, most specific first.
    pub department: Vec<String>,
    /// The meeting the report is about, when it is the report of one.
    #[serde(default)]
    pub meeting: Option<Meeting>,
    /// Persons named in the report, once each, in order of first mention.
    pub persons: Vec<String>,
    /// The roles the text states for persons (`党组书记、常务副主席陆为民` → 陆为民's role).
    #[serde(default)]
    pub roles: Vec<PersonRole>,
    /// The editor named in a byline (`编辑:岳桐树`).
    #[serde(default)]
    pub editor: Option<String>,
    /// The author or reporter named in a byline (`(办公室 张晓亭)`).
    #[serde(default)]
    pub author: Option<String>,
}

/// The meeting a report is about.
///
/// ```
/// use zhsearch::Meeting;
/// let meeting = Meeting::new("全国人大常委会会议", "第十四届第五次");
/// assert_eq!(meeting.series, "全国人大常委会会议");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// The series: a canonical name of `dict/meetings.txt` (国务院常务会议, 中央全会 …),
    /// else the meeting's own name without session, ordinal or date (全国生态环境保护大会).
    pub series: String,
    /// Which meeting of the series, compact, as the report gives it (`第十四届第五次`,
    /// `二十届三中全会`, `第十五次集体学习`); empty when the report gives none.
    #[serde(default)]
    pub instance: String,
}

impl Meeting {
    /// A meeting of `series`, the `instance` the report gives (empty for none).
    pub fn new(series: impl Into<String>, instance: impl Into<String>) -> Meeting {
        Meeting {
            series: series.into(),
            instance: instance.into(),
        }
    }

    /// The series, then the instance if the report gives one, as people read it.
    ///
    /// ```
    /// use zhsearch::Meeting;
    /// assert_eq!(Meeting::new("国务院常务会议", "").label(), "国务院常务会议");
    /// assert_eq!(
    ///     Meeting::new("全国人大常委会会议", "第十四届第五次").label(),
    ///     "全国人大常委会会议 第十四届第五次"
    /// );
    /// ```
    pub fn label(&self) -> String {
        if self.instance.is_empty() {
            self.series.clone()
        } else {
            format!("{} {}", self.series, self.instance)
        }
    }
}

/// A person's role as the text states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRole {
    /// The person, as in [`Document::persons`].
    pub name: String,
    /// The titles written before the name, such as `党组书记、常务副主席`.
    pub role: String,
}

impl Document {
    /// A document with a title and a body; its id is a hash of both until one is set.
    pub fn new(title: impl Into<String>, body: impl Into<String>) -> Document {
        let title = title.into();
        let body = body.into();
        Document {
            id: content_id(&title, &body),
            url: None,
            source: None,
            sources: Vec::new(),
            title,
            body,
            date: None,
            meeting_date: None,
            department: Vec::new(),
            meeting: None,
            persons: Vec::new(),
            roles: Vec::new(),
            editor: None,
            author: None,
        }
    }

    /// Sets the id.
    pub fn with_id(mut self, id: impl Into<String>) -> Document {
        self.id = id.into();
        self
    }

    /// Sets the URL.
    pub fn with_url(mut self, url: impl Into<String>) -> Document {
        self.url = Some(url.into());
        self
    }

    /// Sets the publish date (midnight).
    pub fn with_date(mut self, date: NaiveDate) -> Document {
        self.date = date.and_hms_opt(0, 0, 0);
        self
    }

    /// Adds a department, unless it is already there.
    pub fn with_department(mut self, department: impl Into<String>) -> Document {
        push_unique(&mut self.department, department.into());
        self
    }

    /// Adds a person, unless already there.
    pub fn with_person(mut self, person: impl Into<String>) -> Document {
        push_unique(&mut self.persons, person.into());
        self
    }

    /// The date as ISO 8601: `YYYY-MM-DD`, followed by `THH:MM:SS` when a time of day is known.
    pub fn date_string(&self) -> Option<String> {
        self.date.map(format_date)
    }

    /// A 64-bit hash of everything indexed but where it was read from ([`Document::source`]
    /// and [`Document::sources`]), to tell an unchanged story from a changed one.
    pub fn content_hash(&self) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let date = self
            .date
            .map(|d| d.and_utc().timestamp())
            .unwrap_or(i64::MIN);
        let singles = [&self.id, &self.title, &self.body];
        let optionals = [&self.url, &self.editor, &self.author];
        // Every field is followed by a separator byte that text cannot contain, so that
        // moving text from one field to the next changes the hash.
        for text in singles.into_iter().chain(optionals.into_iter().flatten()) {
            hasher.update(text.as_bytes());
            hasher.update(&[0xFF]);
        }
        hasher.update(&date.to_le_bytes());
        let meeting = self.meeting_date.map_or(i32::MIN, |d| d.num_days_from_ce());
        hasher.update(&meeting.to_le_bytes());
        let roles = self.roles.iter().flat_map(|r| [&r.name, &r.role]);
        let meeting = self.meeting.iter().flat_map(|m| [&m.series, &m.instance]);
        let lists = [
            &self.department,
            &self.persons,
            &roles.cloned().collect(),
            &meeting.cloned().collect(),
        ];
        for list in lists {
            for value in list {
                hasher.update(value.as_bytes());
                hasher.update(&[0xFE]);
            }
            hasher.update(&[0xFF]);
        }
        hasher.digest()
    }
}

/// Formats a date the way every output of zhsearch shows it (see [`Document::date_string`]).
pub fn format_date(date: NaiveDateTime) -> String {
    if date.time() == chrono::NaiveTime::MIN {
        date.format("%Y-%m-%d").to_string()
    } else {
        date.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

/// The id used when an input states neither id nor URL: 128 bits of hash, in hex.
pub(crate) fn content_id(title: &str, body: &str) -> String {
    let mut bytes = Vec::with_capacity(title.len() + body.len() + 1);
    bytes.extend_from_slice(title.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(body.as_bytes());
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes))
}

pub(crate) fn push_unique(values: &mut Vec<String>, value: String) {
    let value = value.trim();
    if !value.is_empty() && !values.iter().any(|v| v == value) {
        values.push(value.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_id_is_stable_and_depends_on_both_fields() {
        assert_eq!(content_id("a", "b"), content_id("a", "b"));
        assert_ne!(content_id("ab", ""), content_id("a", "b"));
    }

    #[test]
    fn content_hash_sees_every_field() {
        let doc = Document::new("t", "b").with_id("x");
        let hash = doc.content_hash();
        assert_eq!(hash, doc.clone().content_hash());
        assert_ne!(hash, doc.clone().with_person("甲").content_hash());
        assert_ne!(hash, doc.clone().with_department("甲").content_hash());
        assert_ne!(hash, doc.clone().with_url("u").content_hash());
        let mut edited = doc.clone();
        edited.editor = Some("甲".into());
        assert_ne!(hash, edited.content_hash());
        let mut about = doc.clone();
        about.meeting = Some(Meeting::new("国务院常务会议", ""));
        assert_ne!(hash, about.content_hash());
        let mut met = doc.clone();
        met.meeting_date = NaiveDate::from_ymd_opt(2022, 11, 25);
        assert_ne!(hash, met.content_hash());
        let mut moved = doc.clone();
        moved.title = "tb".into();
        moved.body = String::new();
        assert_ne!(hash, moved.content_hash());
    }

    #[test]
    fn date_string_omits_midnight() {
        let doc = Document::new("t", "b").with_date(NaiveDate::from_ymd_opt(2022, 12, 1).unwrap());
        assert_eq!(doc.date_string().unwrap(), "2022-12-01");
        let mut doc = doc;
        doc.date = NaiveDate::from_ymd_opt(2022, 12, 1)
            .unwrap()
            .and_hms_opt(17, 11, 13);
        assert_eq!(doc.date_string().unwrap(), "2022-12-01T17:11:13");
    }

    #[test]
    fn duplicates_are_not_added_twice() {
        let doc = Document::new("t", "b")
            .with_person("陆为民")
            .with_person(" 陆为民 ");
        assert_eq!(doc.persons, vec!["陆为民"]);
    }
}
