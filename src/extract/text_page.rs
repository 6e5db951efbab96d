//! Plain-text page dumps: navigation lines, a breadcrumb, the title, a date line
//! (`2022-12-01 17:11:13   编辑:岳桐树`), the body, a byline, then the site footer.

use super::PageParts;
use super::date::find_date;

/// Words that mark a line as site footer rather than article.
const FOOTER_MARKS: &[&str] = &[
    "网站地图",
    "联系我们",
    "版权所有",
    "ICP备",
    "公网安备",
    "Copyright",
    "copyright",
    "©",
    "推荐浏览器",
    "分辨率",
    "主办单位",
    "承办单位",
    "技术支持",
    "关于我们",
    // The same in traditional characters, for Hong Kong, Macao and Taiwan pages.
    "網站地圖",
    "聯繫我們",
    "聯絡我們",
    "版權所有",
    "主辦單位",
    "技術支持",
    "關於我們",
];

/// Words that mark a line as a breadcrumb.
const BREADCRUMB_MARKS: &[&str] = &[
    "当前位置",
    "您的位置",
    "所在位置",
    "首页 >",
    "首页>",
    "當前位置",
    "首頁 >",
    "首頁>",
];

/// Extracts the parts of a plain-text page dump.
pub(crate) fn extract(text: &str) -> PageParts {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .collect();
    let mut parts = PageParts::default();
    for line in &lines {
        if let Some(name) = publisher_in(line) {
            parts.publisher = Some(name);
            break;
        }
    }

    // The date line is the first line that starts with a date, within the page head.
    let date_line = lines
        .iter()
        .enumerate()
        .take(40)
        .find_map(|(i, line)| match find_date(line) {
            Some((date, range)) if range.start == 0 || line[..range.start].chars().count() <= 6 => {
                Some((i, date, &line[range.end..]))
            }
            _ => None,
        });

    let body_start = match date_line {
        Some((i, date, rest)) => {
            parts.date = Some(date);
            parts.editor = labelled(rest, &["编辑", "责任编辑", "作者"]);
            parts.title = lines[..i]
                .iter()
                .rev()
                .find(|l| !l.is_empty() && !is_chrome(l))
                .map(|l| l.to_string())
                .unwrap_or_default();
            i + 1
        }
        None => {
            // No date line: the title is the first short line that is not chrome.
            let i = lines
                .iter()
                .position(|l| !l.is_empty() && !is_chrome(l) && l.chars().count() <= 60);
            if let Some(i) = i {
                parts.title = lines[i].to_string();
            }
            i.map_or(0, |i| i + 1)
        }
    };

    let mut body: Vec<&str> = Vec::new();
    for line in &lines[body_start.min(lines.len())..] {
        if FOOTER_MARKS.iter().any(|m| line.contains(m)) {
            break;
        }
        if !line.is_empty() {
            body.push(line);
        }
    }
    if let Some(last) = body.last()
        && let Some((unit, author)) = byline(last)
    {
        parts.byline_unit = unit;
        parts.author = Some(author);
        body.pop();
    }
    parts.body = body.join("\n");
    parts
}

fn is_chrome(line: &str) -> bool {
    BREADCRUMB_MARKS.iter().any(|m| line.contains(m))
        || line.contains(" > ")
        || FOOTER_MARKS.iter().any(|m| line.contains(m))
        || is_menu(line)
}

/// A navigation menu: many short items separated by spaces.
fn is_menu(line: &str) -> bool {
    let items: Vec<&str> = line.split_whitespace().collect();
    items.len() >= 4 && items.iter().all(|i| i.chars().count() <= 6)
}

/// The site owner named in a breadcrumb (`您当前的位置 : 天津市科学技术协会 > 科协要闻`) or
/// a footer (`天津市科学技术协会 版权所有`).
fn publisher_in(line: &str) -> Option<String> {
    let name = if BREADCRUMB_MARKS.iter().any(|m| line.contains(m)) {
        let after = line.split_once([':', '：']).map_or(line, |(_, rest)| rest);
        after
            .split(['>', '›', '»'])
            .map(str::trim)
            .find(|s| !s.is_empty() && *s != "首页")?
    } else if let Some(at) = line.find("版权所有").or_else(|| line.find("版權所有")) {
        line[..at].split_whitespace().last()?
    } else {
        return None;
    };
    let count = name.chars().count();
    ((3..=30).contains(&count) && !name.contains("首页")).then(|| name.to_string())
}

/// The value after `label:` or `label：` on a line.
fn labelled(text: &str, labels: &[&str]) -> Option<String> {
    for label in labels {
        if let Some(at) = text.find(label) {
            let rest = text[at + label.len()..].trim_start_matches([':', '：', ' ']);
            let value: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
            if !value.is_empty() {
                return Some(value);
            }
        }
    }
    None
}

/// A closing byline in brackets: `(办公室 张晓亭)` → (`办公室`, `张晓亭`), `（张晓亭）`.
fn byline(line: &str) -> Option<(Option<String>, String)> {
    let inner = line
        .strip_prefix(['(', '（'])?
        .strip_suffix([')', '）'])?
        .trim();
    let mut parts = inner.split_whitespace();
    let (unit, name) = match (parts.next(), parts.next(), parts.next()) {
        (Some(name), None, None) => (None, name),
        (Some(unit), Some(name), None) => (Some(unit.to_string()), name),
        _ => return None,
    };
    let count = name.chars().count();
    ((2..=4).contains(&count) && name.chars().all(|c| !c.is_ascii()))
        .then(|| (unit, name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "首页 走进机关 工作动态 政策法规 专题专栏 信息公开\n   您当前的位置 : 滨海市农业农村局  >  工作动态\n \n市农业农村局召开党组会议学习二十大精神\n2023-03-02 09:30:00   编辑:周小川\n\n  2月28日上午，市农业农村局召开党组会议。\n\n  会议要求，全系统要抓好春耕生产。\n\n  (办公室 李明)\n\n网站地图 | 联系我们\n滨海市农业农村局 版权所有 2001-2023 ICP备00000000号\n";

    #[test]
    fn keeps_title_date_body_and_drops_chrome() {
        let parts = extract(PAGE);
        assert_eq!(parts.title, "市农业农村局召开党组会议学习二十大精神");
        assert_eq!(parts.date.unwrap().to_string(), "2023-03-02 09:30:00");
        assert_eq!(
            parts.body,
            "2月28日上午，市农业农村局召开党组会议。\n会议要求，全系统要抓好春耕生产。"
        );
        assert_eq!(parts.editor.as_deref(), Some("周小川"));
        assert_eq!(parts.author.as_deref(), Some("李明"));
        assert_eq!(parts.byline_unit.as_deref(), Some("办公室"));
        assert_eq!(parts.publisher.as_deref(), Some("滨海市农业农村局"));
    }

    #[test]
    fn page_without_date_line_still_has_title_and_body() {
        let parts = extract("关于开展调研的通知\n各单位：请按要求做好准备工作。\n");
        assert_eq!(parts.title, "关于开展调研的通知");
        assert_eq!(parts.body, "各单位：请按要求做好准备工作。");
        assert!(parts.date.is_none());
    }
}
