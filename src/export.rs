//! Search hits as CSV, for spreadsheets: the one CSV format of zhsearch, written by
//! `zhsearch search --format csv` and by the HTTP API's `/api/export.csv`.
//!
//! Input: [`SearchHit`]s. Output: UTF-8 with a byte-order mark (so that Excel reads the
//! Chinese as UTF-8), a header line, then one line per hit with the columns
//! [`CSV_COLUMNS`]. Fields are quoted where they need it. A hit's several departments or
//! persons are joined with the full-width semicolon [`LIST_SEPARATOR`] (`；`): names never
//! contain it, and unlike `;` or `,` no spreadsheet locale takes it for a column separator.
//!
//! ```
//! # fn main() -> zhsearch::Result<()> {
//! use zhsearch::{Document, Engine, SearchRequest};
//! let engine = Engine::create_in_ram()?;
//! engine.add_documents([Document::new("市科协召开会议", "学习新质生产力。")
//!     .with_id("a1")
//!     .with_department("市科协")
//!     .with_department("市委")])?;
//! let hits = engine.search(&SearchRequest::new("新质生产力"))?.hits;
//! let mut out = Vec::new();
//! zhsearch::export::write_csv(&mut out, &hits).expect("writing to memory");
//! let text = String::from_utf8(out).unwrap();
//! let mut lines = text.lines();
//! assert_eq!(
//!     lines.next(),
//!     Some("\u{feff}id,date,title,url,department,meeting,meeting_instance,persons,score")
//! );
//! assert!(lines.next().unwrap().starts_with("a1,,市科协召开会议,,市科协；市委,"));
//! # Ok(()) }
//! ```

use std::io::Write;

use crate::SearchHit;

/// The header line's columns, in order.
pub const CSV_COLUMNS: [&str; 9] = [
    "id",
    "date",
    "title",
    "url",
    "department",
    "meeting",
    "meeting_instance",
    "persons",
    "score",
];

/// Joins the several values of one column (departments, persons).
pub const LIST_SEPARATOR: &str = "；";

/// The UTF-8 byte-order mark that starts the file.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// Writes hits as CSV one at a time, for exports too long to hold.
pub struct CsvWriter<W: Write> {
    csv: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// Writes the byte-order mark and the header line to `out`.
    pub fn new(mut out: W) -> std::io::Result<CsvWriter<W>> {
        out.write_all(BOM)?;
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(CSV_COLUMNS).map_err(io_error)?;
        Ok(CsvWriter { csv })
    }

    /// Writes one hit as one line.
    pub fn write_hit(&mut self, hit: &SearchHit) -> std::io::Result<()> {
        let score = hit.score.to_string();
        let meeting = hit.meeting.as_ref();
        self.csv
            .write_record([
                hit.id.as_str(),
                hit.date.as_deref().unwrap_or(""),
                hit.title.as_str(),
                hit.url.as_deref().unwrap_or(""),
                &hit.department.join(LIST_SEPARATOR),
                meeting.map_or("", |m| m.series.as_str()),
                meeting.map_or("", |m| m.instance.as_str()),
                &hit.persons.join(LIST_SEPARATOR),
                &score,
            ])
            .map_err(io_error)
    }

    /// Flushes what is buffered and hands back the output.
    pub fn finish(self) -> std::io::Result<W> {
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}

/// The I/O error under a CSV error, kind kept, so that a closed pipe (`| head`) is still
/// seen as one; csv's own `From` would make every error `Other`.
fn io_error(err: csv::Error) -> std::io::Error {
    if err.is_io_error()
        && let csv::ErrorKind::Io(io) = err.into_kind()
    {
        return io;
    }
    std::io::Error::other("a hit could not be written as CSV")
}

/// Writes `hits` as a whole CSV file to `out`.
pub fn write_csv<W: Write>(out: W, hits: &[SearchHit]) -> std::io::Result<W> {
    let mut writer = CsvWriter::new(out)?;
    for hit in hits {
        writer.write_hit(hit)?;
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Snippet;

    fn hit(title: &str, persons: &[&str]) -> SearchHit {
        SearchHit {
            id: "x1".into(),
            title: title.into(),
            date: Some("2022-12-01".into()),
            department: vec![],
            meeting: None,
            persons: persons.iter().map(|p| p.to_string()).collect(),
            url: Some("https://example.org/a?b=1,2".into()),
            source: None,
            sources: vec![],
            group: None,
            score: 1.5,
            snippet: Snippet::default(),
            title_snippet: Snippet::default(),
        }
    }

    fn csv_of(hits: &[SearchHit]) -> String {
        String::from_utf8(write_csv(Vec::new(), hits).unwrap()).unwrap()
    }

    #[test]
    fn starts_with_a_bom_and_the_header() {
        assert_eq!(
            csv_of(&[]),
            "\u{feff}id,date,title,url,department,meeting,meeting_instance,persons,score\n"
        );
    }

    #[test]
    fn quotes_commas_quotes_and_line_breaks() {
        let text = csv_of(&[hit("会议，\"三个务必\",\n第二行", &["甲", "乙"])]);
        let line = text.split_once('\n').unwrap().1;
        assert_eq!(
            line,
            "x1,2022-12-01,\"会议，\"\"三个务必\"\",\n第二行\",\"https://example.org/a?b=1,2\",,,,甲；乙,1.5\n"
        );
    }

    #[test]
    fn a_meeting_fills_its_two_columns() {
        let mut with_meeting = hit("国务院常务会议", &[]);
        with_meeting.meeting = Some(crate::Meeting::new("全国人大常委会会议", "第十四届第五次"));
        let text = csv_of(&[with_meeting]);
        let line = text.split_once('\n').unwrap().1;
        assert!(
            line.contains(",,全国人大常委会会议,第十四届第五次,,"),
            "{line}"
        );
    }

    #[test]
    fn reads_back_with_a_csv_reader() {
        let text = csv_of(&[hit("a,\"b\"\nc", &["甲"]), hit("d", &[])]);
        let body = text.strip_prefix('\u{feff}').unwrap();
        let mut reader = csv::Reader::from_reader(body.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][2], "a,\"b\"\nc");
        assert_eq!(&rows[0][7], "甲");
        assert_eq!(&rows[1][2], "d");
    }
}
