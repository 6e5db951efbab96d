//! Dates as Chinese pages write them: `2022-12-01 17:11:13`, `2022年12月1日 19:25`,
//! `2022/12/01`, `2022.12.01`, ISO 8601 with a zone, and `/2022/12/01/` in URLs.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;

static DATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?(?:[\sT]*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?",
    )
    .expect("valid regex")
});

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[-/]?(\d{2})[-/]?(\d{2})/").expect("valid regex")
});

/// Parses a whole string as a date or date-time (surrounding spaces allowed).
///
/// ```
/// use zhsearch::extract::parse_date;
/// let date = parse_date("2022年12月1日 17:11").unwrap();
/// assert_eq!(date.to_string(), "2022-12-01 17:11:00");
/// assert!(parse_date("2022-02-30").is_none());
/// ```
pub fn parse_date(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    let (date, range) = find_date_at(text)?;
    let rest = &text[range.end..];
    // Accept a trailing zone or fraction of ISO 8601, nothing else.
    let rest_ok = rest.is_empty()
        || rest.starts_with(['Z', '+', '.'])
        || (rest.starts_with('-') && rest[1..].chars().next().is_some_and(|c| c.is_ascii_digit()));
    (range.start == 0 && rest_ok).then_some(date)
}

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:((?:19|20)\d{2})年)?(\d{1,2})月)?(\d{1,2})[日号]|(今天|今日|昨天|昨日|前天)")
        .expect("valid regex")
});

/// Words that show a sentence reports a meeting or an event held on the day it names.
const EVENT_WORDS: &[&str] = &[
    "会议",
    "召开",
    "举行",
    "举办",
    "主持",
    "出席",
    "会见",
    "会晤",
    "座谈",
    "开幕",
    "闭幕",
    "调研",
    "考察",
    "视察",
    "讲话",
    "集体学习",
    "签署",
    "发布",
    "通过",
];

/// The day the meeting or event of a report took place: the first date in an opening
/// sentence that reports one (`11月25日下午，市科协召开…`), resolved against the publish
/// date. Month and day without a year take the publish year, or the year before when
/// that would fall after publication; `今天`, `昨天` and `前天` count back from it. A
/// dispatch line's date (`北京12月1日电`) is not a meeting's.
///
/// ```
/// use zhsearch::extract::meeting_date;
/// let published = "2022-12-01T17:11:13".parse().unwrap();
/// let day = meeting_date("11月25日下午，市科协召开党组扩大会议。", Some(published));
/// assert_eq!(day.unwrap().to_string(), "2022-11-25");
/// assert_eq!(meeting_date("日前，市科协召开会议。", Some(published)), None);
/// ```
pub fn meeting_date(body: &str, published: Option<NaiveDateTime>) -> Option<NaiveDate> {
    let published = published.map(|d| d.date());
    let opening = body
        .char_indices()
        .nth(600)
        .map_or(body, |(i, _)| &body[..i]);
    for sentence in opening.split_inclusive(['。', '！', '？', '\n']) {
        if !EVENT_WORDS.iter().any(|w| sentence.contains(w)) {
            continue;
        }
        for caps in MONTH_DAY.captures_iter(sentence) {
            let whole = caps.get(0)?;
            if sentence[whole.end()..].starts_with(['电', '讯']) {
                continue;
            }
            let date = match caps.get(4) {
                Some(word) => {
                    let back = match word.as_str() {
                        "今天" | "今日" => 0,
                        "昨天" | "昨日" => 1,
                        _ => 2,
                    };
                    published.map(|p| p - chrono::Days::new(back))
                }
                None => {
                    // `将于4月27日召开`: an announced meeting lies ahead of the report.
                    let ahead = ["将于", "将在", "拟于", "定于", "将举行", "将召开", "即将"]
                        .iter()
                        .any(|w| sentence.contains(w));
                    resolve_month_day(&caps, published, ahead)
                }
            };
            // A report follows its meeting within weeks, or announces one months ahead;
            // a date further off is history the opening recalls (`2013年5月4日…`).
            let near = |d: &NaiveDate| {
                published.is_none_or(|p| {
                    *d + chrono::Days::new(45) >= p && *d <= p + chrono::Days::new(180)
                })
            };
            if let Some(date) = date.filter(near) {
                return Some(date);
            }
        }
    }
    None
}

fn resolve_month_day(
    caps: &regex::Captures,
    published: Option<NaiveDate>,
    ahead: bool,
) -> Option<NaiveDate> {
    let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let day = number(3)?;
    let published = published?;
    let Some(month) = number(2) else {
        // `29日` alone: this month's, or last month's when that day is still ahead.
        let this_month = published.with_day(day);
        return match this_month {
            Some(date) if ahead || date <= published + chrono::Days::new(1) => Some(date),
            _ => {
                let last = published.with_day(1)? - chrono::Days::new(1);
                last.with_day(day)
            }
        };
    };
    if let Some(year) = number(1) {
        return NaiveDate::from_ymd_opt(year as i32, month, day);
    }
    let date = NaiveDate::from_ymd_opt(published.year(), month, day)?;
    let slack = chrono::Days::new(1);
    if ahead && date + slack < published {
        NaiveDate::from_ymd_opt(published.year() + 1, month, day)
    } else if !ahead && date > published + slack {
        NaiveDate::from_ymd_opt(published.year() - 1, month, day)
    } else {
        Some(date)
    }
}

/// The first date in `text`, with the byte range it occupies.
pub fn find_date(text: &str) -> Option<(NaiveDateTime, std::ops::Range<usize>)> {
    find_date_at(text)
}

fn find_date_at(text: &str) -> Option<(NaiveDateTime, std::ops::Range<usize>)> {
    for caps in DATE_TIME.captures_iter(text) {
        let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let Some(date) = NaiveDate::from_ymd_opt(number(1)? as i32, number(2)?, number(3)?) else {
            continue;
        };
        let time = match (number(4), number(5)) {
            (Some(h), Some(m)) => NaiveTime::from_hms_opt(h, m, number(6).unwrap_or(0)),
            _ => Some(NaiveTime::MIN),
        };
        let whole = caps.get(0)?;
        // A time that does not parse (25:61) is dropped, keeping the date.
        let end = if time.is_some() {
            whole.end()
        } else {
            caps.get(3)?.end()
        };
        return Some((
            date.and_time(time.unwrap_or(NaiveTime::MIN)),
            whole.start()..end,
        ));
    }
    None
}

/// A date written in a URL path, like `/2022/12/01/` or `/20221201/`.
pub fn date_in_url(url: &str) -> Option<NaiveDateTime> {
    let caps = URL_DATE.captures(url)?;
    let n = |i: usize| caps[i].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(n(1)? as i32, n(2)?, n(3)?)?.and_hms_opt(0, 0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Option<String> {
        find_date(text).map(|(d, _)| d.to_string())
    }

    #[test]
    fn page_date_forms() {
        assert_eq!(
            show("2022-12-01 17:11:13   编辑:岳桐树").unwrap(),
            "2022-12-01 17:11:13"
        );
        assert_eq!(
            show("来源：央视网2022年02月16日 19:25").unwrap(),
            "2022-02-16 19:25:00"
        );
        assert_eq!(show("发布时间：2023/3/5").unwrap(), "2023-03-05 00:00:00");
        assert_eq!(show("2024.11.12 08:00").unwrap(), "2024-11-12 08:00:00");
    }

    #[test]
    fn impossible_dates_are_skipped() {
        assert_eq!(
            show("2022-13-45 然后 2022-01-02").unwrap(),
            "2022-01-02 00:00:00"
        );
        assert_eq!(show("2022-01-02 25:61").unwrap(), "2022-01-02 00:00:00");
        assert!(show("电话 1234-5678").is_none());
    }

    #[test]
    fn whole_string_dates() {
        assert!(parse_date("2022-12-01T17:11:13+08:00").is_some());
        assert!(parse_date("2022-12-01").is_some());
        assert!(parse_date("about 2022-12-01").is_none());
        assert!(parse_date("2022-12-01 then").is_none());
    }

    #[test]
    fn meeting_dates_resolve_against_publication() {
        let published = |s: &str| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(9, 0, 0)
        };
        let day = |body: &str, p: &str| meeting_date(body, published(p)).map(|d| d.to_string());
        assert_eq!(
            day("昨天，国务院召开常务会议。", "2024-01-06").as_deref(),
            Some("2024-01-05")
        );
        assert_eq!(
            day("12月30日，市委召开会议。", "2024-01-02").as_deref(),
            Some("2023-12-30")
        );
        assert_eq!(
            day(
                "新华社北京1月5日电 国务院总理李强1月4日主持召开会议。",
                "2024-01-05"
            )
            .as_deref(),
            Some("2024-01-04")
        );
        assert_eq!(
            day("2023年3月5日，十四届全国人大一次会议开幕。", "2023-03-06").as_deref(),
            Some("2023-03-05")
        );
        assert_eq!(day("近日，市委召开会议。", "2024-01-05"), None);
        assert_eq!(
            day("国务院总理李强29日在京会见外宾。", "2023-08-30").as_deref(),
            Some("2023-08-29")
        );
        assert_eq!(
            day("委员长会议30日上午举行。", "2023-10-02").as_deref(),
            Some("2023-09-30")
        );
        assert_eq!(
            day("2005年8月15日，他在安吉考察时提出。", "2022-05-03"),
            None,
            "history, not the meeting"
        );
        assert_eq!(
            day("峰会将于4月27日在福州召开。", "2023-04-03").as_deref(),
            Some("2023-04-27")
        );
        assert_eq!(
            day("大会将于1月10日开幕。", "2023-12-28").as_deref(),
            Some("2024-01-10")
        );
        assert_eq!(day("12月30日，天气晴。", "2024-01-05"), None);
        assert_eq!(day("12月30日，市委召开会议。", "not a date"), None);
    }

    #[test]
    fn url_dates() {
        let url = "https://tv.cctv.com/2022/02/16/VIDE0Cbr0dOtu78Jfsq9q1AN220216.shtml";
        assert_eq!(date_in_url(url).unwrap().to_string(), "2022-02-16 00:00:00");
        assert!(date_in_url("https://x.cn/a/b.html").is_none());
    }
}
