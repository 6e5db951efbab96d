//! The meeting series table: each canonical series of meetings (国务院常务会议,
//! 中共中央政治局集体学习 …) with the other names reports and queries give it (国常会,
//! 政治局会议), from `dict/meetings.txt`.
//!
//! Extraction names the meeting a report is about by it and search maps a `meeting:`
//! filter through it, so it lives here, below both.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The series table shipped with zhsearch (`dict/meetings.txt`).
pub const MEETING_SERIES: &str = include_str!("../../dict/meetings.txt");

/// Canonical series by each of their names, the canonical name included.
static SERIES_BY_NAME: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    parse(MEETING_SERIES)
        .unwrap_or_else(|(line, reason)| panic!("dict/meetings.txt:{line}: {reason}"))
});

/// The canonical series `name` stands for, whichever of its names it is.
///
/// ```
/// use zhsearch::text::meetings::meeting_series;
/// assert_eq!(meeting_series("国常会"), Some("国务院常务会议"));
/// assert_eq!(meeting_series("国务院常务会议"), Some("国务院常务会议"));
/// assert_eq!(meeting_series("中央政治局常委会会议"), Some("中共中央政治局常务委员会会议"));
/// assert_eq!(meeting_series("全国生态环境保护大会"), None);
/// ```
pub fn meeting_series(name: &str) -> Option<&'static str> {
    SERIES_BY_NAME.get(name).copied()
}

/// Every name of the canonical `series`, the canonical one included, longest first.
///
/// ```
/// use zhsearch::text::meetings::series_names;
/// assert_eq!(series_names("国务院常务会议"), ["国务院常务会议", "国常会"]);
/// ```
pub fn series_names(series: &str) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = SERIES_BY_NAME
        .iter()
        .filter(|(_, canonical)| **canonical == series)
        .map(|(name, _)| *name)
        .collect();
    names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    names
}

/// Every canonical series, in the table's order.
pub fn canonical_series() -> impl Iterator<Item = &'static str> {
    MEETING_SERIES
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split('=').next())
        .map(str::trim)
}

/// Reads a table in the format of `dict/meetings.txt`: `SERIES = NAME ...` or a series
/// alone. On a bad line, its 1-based number and what is wrong.
fn parse(text: &'static str) -> Result<HashMap<&'static str, &'static str>, (usize, String)> {
    let mut series = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (canonical, names) = line.split_once('=').unwrap_or((line, ""));
        let canonical = canonical.trim();
        if canonical.is_empty() || canonical.contains(char::is_whitespace) {
            return Err((n + 1, "expected one series name before `=`".to_string()));
        }
        for name in std::iter::once(canonical).chain(names.split_whitespace()) {
            if let Some(other) = series.insert(name, canonical)
                && other != canonical
            {
                return Err((n + 1, format!("{name} already names {other}")));
            }
        }
    }
    Ok(series)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_series_of_the_labellers_list_is_canonical() {
        let listed = [
            "国务院常务会议",
            "国务院全体会议",
            "中共中央政治局会议",
            "中共中央政治局常务委员会会议",
            "中共中央政治局集体学习",
            "全国人大常委会会议",
            "全国人大委员长会议",
            "全国人民代表大会",
            "全国政协会议",
            "全国政协主席会议",
            "全国政协常委会会议",
            "全国政协双周协商座谈会",
            "中央全面深化改革委员会会议",
            "中央财经委员会会议",
            "中央金融工作会议",
            "中央外事工作会议",
            "中央经济工作会议",
            "中央农村工作会议",
            "中央全会",
            "中国共产党全国代表大会",
            "中央政治局民主生活会",
            "中央军委会议",
        ];
        assert_eq!(canonical_series().collect::<Vec<_>>(), listed);
        for series in listed {
            assert_eq!(meeting_series(series), Some(series));
        }
    }

    #[test]
    fn a_name_stands_for_one_series() {
        assert!(parse("甲会议 = 甲会\n乙会议 = 甲会\n").is_err());
        assert_eq!(parse("甲会议\n").unwrap()["甲会议"], "甲会议");
        assert_eq!(
            meeting_series("深改委会议"),
            Some("中央全面深化改革委员会会议")
        );
    }
}
