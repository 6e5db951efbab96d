//! The query language: words, quoted phrases, `OR`, `-` exclusion, parentheses and field
//! filters (`title:`, `person:`, `department:`/`dept:`, `meeting:`, `date:`), parsed into an [`Expr`]
//! whose errors point at a character position.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::{Error, Result};

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// Any of these.
    Or(Vec<Expr>),
    /// All of these (a `Not` inside excludes).
    And(Vec<Expr>),
    /// Not this; only meaningful inside `And`.
    Not(Box<Expr>),
    /// Words, all required, in the title and body or, with `title:`, the title only.
    Words {
        text: String,
        title_only: bool,
        position: usize,
    },
    /// An exact phrase.
    Phrase {
        text: String,
        title_only: bool,
        position: usize,
    },
    /// A department, meeting series or person, matched exactly.
    Keyword { field: KeywordField, value: String },
    /// Dates in `[from, to)`; an open end is `None`.
    Dates {
        from: Option<NaiveDateTime>,
        to: Option<NaiveDateTime>,
    },
}

impl Expr {
    /// True if the expression holds a word or phrase that matches (not only excludes):
    /// without one, it filters and scores every match alike.
    pub(crate) fn scores(&self) -> bool {
        match self {
            Expr::Or(parts) | Expr::And(parts) => parts.iter().any(Expr::scores),
            Expr::Not(_) | Expr::Keyword { .. } | Expr::Dates { .. } => false,
            Expr::Words { .. } | Expr::Phrase { .. } => true,
        }
    }
}

/// The keyword fields a query can filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeywordField {
    Department,
    Meeting,
    Person,
}

const FIELDS: &str = "title, person, department (dept), meeting, date";

/// Parses a query; an error names the 0-based character position of the problem.
pub(crate) fn parse(query: &str) -> Result<Expr> {
    let chars: Vec<char> = query.chars().collect();
    let mut parser = Parser { chars, at: 0 };
    parser.skip_space();
    if parser.at == parser.chars.len() {
        return Err(Error::query(0, "empty query"));
    }
    let expr = parser.or()?;
    parser.skip_space();
    match parser.peek() {
        None => Ok(expr),
        Some(')') => Err(Error::query(parser.at, "unbalanced `)` (no `(` before it)")),
        Some(c) => Err(Error::query(parser.at, format!("unexpected `{c}`"))),
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

fn closing_quote(open: char) -> &'static [char] {
    if open == '"' {
        &['"']
    } else {
        &['”', '“', '"']
    }
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    /// True if the operator word `keyword` (`AND`, `OR`, `NOT`: upper case, as in
    /// Lucene and SQLite FTS5) stands here as a word of its own.
    fn at_keyword(&self, keyword: &str) -> bool {
        let rest = &self.chars[self.at..];
        let len = keyword.len();
        rest.len() >= len
            && rest.iter().zip(keyword.chars()).all(|(&c, k)| c == k)
            && rest
                .get(len)
                .is_none_or(|c| c.is_whitespace() || *c == '(' || is_quote(*c))
    }

    fn at_or(&self) -> bool {
        self.at_keyword("OR") || self.peek() == Some('|')
    }

    fn or(&mut self) -> Result<Expr> {
        let mut alternatives = vec![self.and()?];
        loop {
            self.skip_space();
            if !self.at_or() {
                break;
            }
            let or_at = self.at;
            self.at += if self.peek() == Some('|') { 1 } else { 2 };
            self.skip_space();
            if matches!(self.peek(), None | Some(')')) {
                return Err(Error::query(or_at, "nothing after OR"));
            }
            alternatives.push(self.and()?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.remove(0)
        } else {
            Expr::Or(alternatives)
        })
    }

    fn and(&mut self) -> Result<Expr> {
        let mut parts = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None | Some(')') => break,
                _ if self.at_or() => {
                    if parts.is_empty() {
                        return Err(Error::query(self.at, "nothing before OR"));
                    }
                    break;
                }
                // `a AND b` is `a b`: every word is required anyway.
                _ if self.at_keyword("AND") => {
                    let and_at = self.at;
                    if parts.is_empty() {
                        return Err(Error::query(and_at, "nothing before AND"));
                    }
                    self.at += 3;
                    self.skip_space();
                    if matches!(self.peek(), None | Some(')')) || self.at_or() {
                        return Err(Error::query(and_at, "nothing after AND"));
                    }
                }
                _ => parts.push(self.unary()?),
            }
        }
        if parts.is_empty() {
            return Err(Error::query(self.at, "empty group"));
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Expr> {
        if self.at_keyword("NOT") {
            let not_at = self.at;
            self.at += 3;
            self.skip_space();
            if matches!(self.peek(), None | Some(')')) || self.at_or() || self.at_keyword("AND") {
                return Err(Error::query(not_at, "nothing after NOT"));
            }
            return Ok(Expr::Not(Box::new(self.primary()?)));
        }
        if self.peek() == Some('-') {
            let minus = self.at;
            self.at += 1;
            if self.peek().is_none_or(char::is_whitespace) {
                return Err(Error::query(minus, "nothing after `-`"));
            }
            return Ok(Expr::Not(Box::new(self.primary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr> {
        let start = self.at;
        match self.peek() {
            Some('(') => {
                self.at += 1;
                self.skip_space();
                if self.peek() == Some(')') {
                    return Err(Error::query(start, "empty parentheses"));
                }
                let inner = self.or()?;
                self.skip_space();
                if self.peek() != Some(')') {
                    return Err(Error::query(start, "unclosed `(`"));
                }
                self.at += 1;
                Ok(inner)
            }
            Some(c) if is_quote(c) => {
                let text = self.quoted()?;
                Ok(Expr::Phrase {
                    text,
                    title_only: false,
                    position: start,
                })
            }
            _ => {
                let word = self.word();
                // `：` too: Chinese input methods type it for `:`.
                if let Some((colon, mark)) =
                    word.char_indices().find(|(_, c)| matches!(c, ':' | '：'))
                {
                    let (name, value) = (&word[..colon], &word[colon + mark.len_utf8()..]);
                    // `name:` is a field, known or not (a typo must not turn into words),
                    // except in an address such as `https://…`.
                    let is_field_name = !name.is_empty()
                        && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_');
                    if is_field_name && !value.starts_with("//") {
                        return self.field(name, start, value.to_string());
                    }
                }
                Ok(Expr::Words {
                    text: word,
                    title_only: false,
                    position: start,
                })
            }
        }
    }

    /// A quoted string starting at the current quote; its content, unescaped and trimmed.
    fn quoted(&mut self) -> Result<String> {
        let start = self.at;
        let open = self.chars[self.at];
        // A straight quote with no straight one after it is closed by a curly one
        // (`"三个务必”`, typed with two keyboards); with one, curly quotes inside it are
        // the phrase's own (`"学习“三个务必”精神"`).
        let closing = if open == '"' && !self.chars[start + 1..].contains(&'"') {
            &['”'][..]
        } else {
            closing_quote(open)
        };
        self.at += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => return Err(Error::query(start, "unclosed quote")),
                Some(c) if closing.contains(&c) => {
                    self.at += 1;
                    break;
                }
                // `\"` and `\\` stand for a quote and a backslash inside a phrase.
                Some('\\')
                    if self
                        .chars
                        .get(self.at + 1)
                        .is_some_and(|&next| next == '\\' || is_quote(next)) =>
                {
                    text.push(self.chars[self.at + 1]);
                    self.at += 2;
                }
                Some(c) => {
                    text.push(c);
                    self.at += 1;
                }
            }
        }
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::query(start, "empty phrase"));
        }
        Ok(text.to_string())
    }

    /// A bare word: up to white space, a parenthesis or a quote.
    fn word(&mut self) -> String {
        let mut word = String::new();
        while let Some(c) = self.peek() {
            if c.is_whitespace() || c == '(' || c == ')' || is_quote(c) {
                break;
            }
            word.push(c);
            self.at += 1;
        }
        word
    }

    fn field(&mut self, name: &str, start: usize, value: String) -> Result<Expr> {
        let value_at = start + name.chars().count() + 1;
        let (value, quoted) = if value.is_empty() && self.peek().is_some_and(is_quote) {
            (self.quoted()?, true)
        } else {
            (value, false)
        };
        if value.is_empty() {
            return Err(Error::query(value_at, format!("`{name}:` needs a value")));
        }
        match name.to_ascii_lowercase().as_str() {
            "title" if quoted => Ok(Expr::Phrase {
                text: value,
                title_only: true,
                position: value_at,
            }),
            "title" => Ok(Expr::Words {
                text: value,
                title_only: true,
                position: value_at,
            }),
            "person" | "persons" => Ok(Expr::Keyword {
                field: KeywordField::Person,
                value,
            }),
            "department" | "dept" => Ok(Expr::Keyword {
                field: KeywordField::Department,
                value,
            }),
            "meeting" => Ok(Expr::Keyword {
                field: KeywordField::Meeting,
                value,
            }),
            "date" => {
                // `date:2023-03 ..2023-12`, `date:2023-03.. 2023-12`: a range split by a
                // space would search `..2023-12` as words, or lose its end.
                let rest: String = self.chars[self.at..].iter().collect();
                let next = rest.trim_start();
                let next_at = self.at + (rest.chars().count() - next.chars().count());
                let split_end = value.ends_with("..")
                    && next.starts_with(|c: char| c.is_ascii_digit())
                    && next != rest;
                if next.starts_with("..") && next != rest || split_end {
                    return Err(Error::query(
                        next_at,
                        "a date range takes no space: `date:2023-03..2023-12`",
                    ));
                }
                parse_date_range(&value, value_at)
            }
            _ => Err(Error::query(
                start,
                format!("unknown field `{name}` (known: {FIELDS})"),
            )),
        }
    }
}

/// `2022`, `2022-12`, `2022-12-01`, `A..B`, `..B`, `A..`: the whole periods named.
fn parse_date_range(value: &str, at: usize) -> Result<Expr> {
    let (from, to) = match value.split_once("..") {
        Some((from, to)) => {
            let to_at = at + from.chars().count() + 2;
            let from = if from.is_empty() {
                None
            } else {
                Some(parse_period(from, at)?.0)
            };
            let to = if to.is_empty() {
                None
            } else {
                Some(parse_period(to, to_at)?.1)
            };
            if from.is_none() && to.is_none() {
                return Err(Error::query(at, "`date:..` needs at least one end"));
            }
            (from, to)
        }
        None => {
            let (from, to) = parse_period(value, at)?;
            (Some(from), Some(to))
        }
    };
    if let (Some(from), Some(to)) = (from, to)
        && from >= to
    {
        return Err(Error::query(at, "date range ends before it starts"));
    }
    Ok(Expr::Dates { from, to })
}

/// The first instant of a period and the first instant after it.
fn parse_period(text: &str, at: usize) -> Result<(NaiveDateTime, NaiveDateTime)> {
    let bad = || {
        Error::query(
            at,
            format!("bad date `{text}` (use YYYY, YYYY-MM or YYYY-MM-DD)"),
        )
    };
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
        || parts[0].len() != 4
    {
        return Err(bad());
    }
    let number = |i: usize| parts[i].parse::<u32>().map_err(|_| bad());
    let year = number(0)? as i32;
    let impossible = || Error::query(at, format!("impossible date `{text}`"));
    let (start, end) = match parts.len() {
        1 => (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year + 1, 1, 1),
        ),
        2 => {
            let month = number(1)?;
            let start = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(impossible)?;
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                start.with_month(month + 1)
            };
            (Some(start), next)
        }
        3 => {
            let day =
                NaiveDate::from_ymd_opt(year, number(1)?, number(2)?).ok_or_else(impossible)?;
            (Some(day), day.succ_opt())
        }
        _ => return Err(bad()),
    };
    match (start, end) {
        (Some(start), Some(end)) => Ok((
            start.and_time(chrono::NaiveTime::MIN),
            end.and_time(chrono::NaiveTime::MIN),
        )),
        _ => Err(impossible()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, position: usize) -> Expr {
        Expr::Words {
            text: text.into(),
            title_only: false,
            position,
        }
    }

    fn error(query: &str) -> String {
        parse(query).unwrap_err().to_string()
    }

    #[test]
    fn only_words_and_phrases_that_match_score() {
        assert!(parse("会议 person:林思远").unwrap().scores());
        assert!(
            parse("person:林思远 (\"常务会议\" OR date:2024)")
                .unwrap()
                .scores()
        );
        assert!(!parse("person:林思远 date:2024-03").unwrap().scores());
        assert!(!parse("department:国务院 -会见").unwrap().scores());
    }

    #[test]
    fn words_phrases_and_operators() {
        assert_eq!(parse("二十大精神").unwrap(), words("二十大精神", 0));
        assert_eq!(
            parse("科协 -天津 (A OR \"三个务必\")").unwrap(),
            Expr::And(vec![
                words("科协", 0),
                Expr::Not(Box::new(words("天津", 4))),
                Expr::Or(vec![
                    words("A", 8),
                    Expr::Phrase {
                        text: "三个务必".into(),
                        title_only: false,
                        position: 13
                    }
                ]),
            ])
        );
        assert_eq!(
            parse("“三个务必”").unwrap(),
            Expr::Phrase {
                text: "三个务必".into(),
                title_only: false,
                position: 0
            }
        );
    }

    #[test]
    fn quotes_and_colons_as_two_keyboards_type_them() {
        let phrase = |text: &str| Expr::Phrase {
            text: text.into(),
            title_only: false,
            position: 0,
        };
        assert_eq!(parse("\"三个务必”").unwrap(), phrase("三个务必"));
        assert_eq!(parse("“三个务必\"").unwrap(), phrase("三个务必"));
        assert_eq!(
            parse("\"学习“三个务必”精神\"").unwrap(),
            phrase("学习“三个务必”精神")
        );
        assert_eq!(
            parse("person：李强").unwrap(),
            parse("person:李强").unwrap()
        );
        assert_eq!(parse("会议：").unwrap(), words("会议：", 0));
    }

    #[test]
    fn phrases_take_escaped_quotes_and_are_trimmed() {
        assert_eq!(
            parse(r#"" 他说\"好\"\\ ""#).unwrap(),
            Expr::Phrase {
                text: r#"他说"好"\"#.into(),
                title_only: false,
                position: 0
            }
        );
        assert_eq!(
            parse(r#""a\b""#).unwrap(),
            Expr::Phrase {
                text: r"a\b".into(),
                title_only: false,
                position: 0
            }
        );
    }

    #[test]
    fn fields() {
        assert_eq!(
            parse("person:陆为民").unwrap(),
            Expr::Keyword {
                field: KeywordField::Person,
                value: "陆为民".into()
            }
        );
        assert_eq!(
            parse("dept:国务院").unwrap(),
            Expr::Keyword {
                field: KeywordField::Department,
                value: "国务院".into()
            }
        );
        assert_eq!(
            parse("meeting:国常会").unwrap(),
            Expr::Keyword {
                field: KeywordField::Meeting,
                value: "国常会".into()
            }
        );
        assert_eq!(
            parse("title:\"党组 会议\"").unwrap(),
            Expr::Phrase {
                text: "党组 会议".into(),
                title_only: true,
                position: 6
            }
        );
    }

    #[test]
    fn date_periods_and_ranges() {
        let range = |q: &str| match parse(q).unwrap() {
            Expr::Dates { from, to } => (
                from.map(|d| d.date().to_string()),
                to.map(|d| d.date().to_string()),
            ),
            other => panic!("{other:?}"),
        };
        let day = |s: &str| Some(s.to_string());
        assert_eq!(range("date:2022"), (day("2022-01-01"), day("2023-01-01")));
        assert_eq!(
            range("date:2022-12"),
            (day("2022-12-01"), day("2023-01-01"))
        );
        assert_eq!(
            range("date:2022-11-01..2022-12-31"),
            (day("2022-11-01"), day("2023-01-01"))
        );
        assert_eq!(range("date:..2022-06-30"), (None, day("2022-07-01")));
        assert_eq!(range("date:2024-02.."), (day("2024-02-01"), None));
    }

    #[test]
    fn errors_point_at_the_problem() {
        assert_eq!(error("科协 \"三个务必"), "query:4: unclosed quote");
        assert_eq!(error("科协 \"三个务必“"), "query:4: unclosed quote");
        assert_eq!(error("(科协 OR 天津"), "query:1: unclosed `(`");
        assert_eq!(error("科协)"), "query:3: unbalanced `)` (no `(` before it)");
        assert_eq!(
            error("foo:bar"),
            "query:1: unknown field `foo` (known: title, person, department (dept), meeting, date)"
        );
        assert_eq!(
            error("date:2022-02-30"),
            "query:6: impossible date `2022-02-30`"
        );
        assert_eq!(
            error("date:2022-01..2022-13"),
            "query:15: impossible date `2022-13`"
        );
        assert_eq!(
            error("date:2023..2022"),
            "query:6: date range ends before it starts"
        );
        assert_eq!(
            error("李强 date:2023-03 ..2023-12"),
            "query:17: a date range takes no space: `date:2023-03..2023-12`"
        );
        assert_eq!(
            error("date:2023-03.. 2023-12"),
            "query:16: a date range takes no space: `date:2023-03..2023-12`"
        );
        assert!(parse("date:2023-03.. 会议").is_ok());
        assert_eq!(error("   "), "query:1: empty query");
        assert_eq!(error("科协 OR"), "query:4: nothing after OR");
        assert_eq!(error("a - b"), "query:3: nothing after `-`");
        assert_eq!(error("person:"), "query:8: `person:` needs a value");
        assert_eq!(
            error("meeting_date:2024-01"),
            "query:1: unknown field `meeting_date` (known: title, person, department (dept), meeting, date)"
        );
        assert_eq!(error("会议 AND"), "query:4: nothing after AND");
        assert_eq!(error("AND 会议"), "query:1: nothing before AND");
        assert_eq!(error("会议 NOT"), "query:4: nothing after NOT");
    }

    #[test]
    fn and_not_are_operators_and_lower_case_words_are_words() {
        assert_eq!(
            parse("会议 AND 发展").unwrap(),
            Expr::And(vec![words("会议", 0), words("发展", 7)])
        );
        assert_eq!(
            parse("会议 NOT 发展").unwrap(),
            Expr::And(vec![
                words("会议", 0),
                Expr::Not(Box::new(words("发展", 7)))
            ])
        );
        assert_eq!(
            parse("会议 NOT(发展 OR 改革)").unwrap(),
            Expr::And(vec![
                words("会议", 0),
                Expr::Not(Box::new(Expr::Or(vec![
                    words("发展", 7),
                    words("改革", 13)
                ])))
            ])
        );
        assert_eq!(
            parse("and not ANDROID NOTE").unwrap(),
            Expr::And(vec![
                words("and", 0),
                words("not", 4),
                words("ANDROID", 8),
                words("NOTE", 16)
            ])
        );
        assert_eq!(
            parse("https://www.gov.cn").unwrap(),
            words("https://www.gov.cn", 0)
        );
    }
}
