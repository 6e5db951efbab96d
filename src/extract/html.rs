//! Web page to article: title, publish date, publisher and main text.
//!
//! The main text is found the way readability tools find it: every paragraph-like block
//! scores its container by how much sentence text it holds, link text counts against it,
//! and the best container's text is kept, one line per block. Nothing is site-specific
//! but the story id a CCTV page may give only in a script ([`SCRIPT_STORY_ID`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::{Html, Node};

use super::PageParts;
use super::date::{date_in_url, find_date, parse_date};

/// Elements whose contents are never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "iframe", "template", "svg", "canvas", "button", "select",
    "textarea", "form", "nav", "footer", "header", "aside", "head", "object", "video", "audio",
];

/// Elements that start a new line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "center",
    "figcaption",
    "hr",
];

/// Meta tags that state a publish date.
const DATE_METAS: &[&str] = &[
    "article:published_time",
    "publishdate",
    "pubdate",
    "publish_date",
    "publishtime",
    "og:release_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "firstpublishedtime",
];

/// Class or id fragments of the element that carries a page's date line.
const DATE_HINTS: &[&str] = &[
    "info", "time", "date", "laiyuan", "source", "pub", "meta", "author",
];

/// Extracts the parts of an HTML page.
pub(crate) fn extract(html: &str) -> PageParts {
    let doc = Html::parse_document(html);
    let root = doc.tree.root();
    let metas = metas(root);
    let page_title = first_element(root, "title")
        .map(|n| collapse(&text_of(n)))
        .unwrap_or_default();
    // The page's own address: the canonical link says it for this purpose, `og:url`
    // for sharing.
    let url = ["canonical", "og:url"]
        .iter()
        .find_map(|k| metas.get(*k).cloned());
    let story_id = metas
        .get("contentid")
        .cloned()
        .or_else(|| script_story_id(html));

    let heading = best_heading(root, &page_title);
    let heading_id = heading.as_ref().map(|(id, _)| *id);
    let title = heading
        .map(|(_, text)| text)
        .or_else(|| {
            metas
                .get("og:title")
                .map(|t| strip_media_tag(t).to_string())
        })
        .unwrap_or_else(|| title_from_page_title(&page_title));

    let body_node = best_container(root);
    let body = body_node
        .map(|node| without_leading_meta(&block_text(node)))
        .unwrap_or_default();

    let date = DATE_METAS
        .iter()
        .find_map(|k| metas.get(*k).and_then(|v| parse_date(v)))
        .or_else(|| date_near_title(root, heading_id))
        .or_else(|| url.as_deref().and_then(date_in_url));

    let publisher = source_line(root);
    PageParts {
        title,
        date,
        body,
        url,
        story_id,
        publisher,
        ..PageParts::default()
    }
}

/// Labels of the lines about a page, not of its story, that a container may open with
/// (`来源：央视网 更新时间：…`, a video page's `视频简介` before its description).
const META_LINE_STARTS: [&str; 7] = [
    "来源：",
    "来源:",
    "更新时间",
    "发布时间",
    "编辑：",
    "责任编辑",
    "视频简介",
];

/// `body` without the page's own lines at its start (at most a few, none holding a
/// sentence); a `视频简介：…` line keeps its description.
fn without_leading_meta(body: &str) -> String {
    let mut rest = body;
    for _ in 0..4 {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let Some(label) = META_LINE_STARTS.iter().find(|l| line.starts_with(**l)) else {
            break;
        };
        if *label == "视频简介" {
            // The description may follow on the label's own line.
            let from_description = rest[label.len()..].trim_start_matches(['：', ':', ' ']);
            if !from_description.starts_with('\n') && !from_description.is_empty() {
                return from_description.to_string();
            }
        } else if line.contains('。') {
            break;
        }
        if after.is_empty() {
            break;
        }
        rest = after;
    }
    rest.to_string()
}

/// The story id a page gives only in a script (`var itemid1="VIDE…";`, as CCTV's player
/// pages do where the `contentid` meta is missing), so that the page and its record count
/// as one story. Only these two names, which CCTV's system writes: a generic `id` or
/// `docid` in another site's script would join unrelated stories.
static SCRIPT_STORY_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\b(?:contentid|itemid1)\s*=\s*["']([A-Za-z0-9_-]{8,64})["']"#)
        .expect("valid regex")
});

fn script_story_id(html: &str) -> Option<String> {
    SCRIPT_STORY_ID.captures(html).map(|c| c[1].to_string())
}

fn metas(root: NodeRef<'_, Node>) -> HashMap<String, String> {
    let mut found = HashMap::new();
    for node in root.descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let key = match el.name() {
            "meta" => el
                .attr("name")
                .or_else(|| el.attr("property"))
                .or_else(|| el.attr("itemprop")),
            "link"
                if el
                    .attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                Some("canonical")
            }
            _ => None,
        };
        let value = el.attr("content").or_else(|| el.attr("href"));
        if let (Some(key), Some(value)) = (key, value) {
            let value = value.trim();
            if !value.is_empty() {
                found
                    .entry(key.to_ascii_lowercase())
                    .or_insert_with(|| value.to_string());
            }
        }
    }
    found
}

fn first_element<'a>(root: NodeRef<'a, Node>, name: &str) -> Option<NodeRef<'a, Node>> {
    root.descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == name))
}

/// The heading (h1–h3) that the `<title>` repeats, else the first h1: pages put the
/// headline in both, and the `<title>` adds the site's name.
fn best_heading(root: NodeRef<'_, Node>, page_title: &str) -> Option<(NodeId, String)> {
    let page_title = strip_media_tag(page_title);
    let mut first_h1 = None;
    let mut best: Option<(NodeId, String)> = None;
    for node in root.descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        if !matches!(el.name(), "h1" | "h2" | "h3") || inside_skipped(node) {
            continue;
        }
        let text = strip_media_tag(&collapse(&text_of(node))).to_string();
        if text.chars().count() < 4 {
            continue;
        }
        if el.name() == "h1" && first_h1.is_none() {
            first_h1 = Some((node.id(), text.clone()));
        }
        if page_title.contains(&text) && best.as_ref().is_none_or(|(_, b)| text.len() > b.len()) {
            best = Some((node.id(), text));
        }
    }
    best.or(first_h1)
}

fn inside_skipped(node: NodeRef<'_, Node>) -> bool {
    node.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| SKIPPED.contains(&e.name()))
    })
}

/// `<title>` without the site name: the first part before a separator, if long enough.
fn title_from_page_title(page_title: &str) -> String {
    let title = strip_media_tag(page_title);
    let parts: Vec<&str> = title
        .split(['_', '|', '－', '—'])
        .flat_map(|p| p.split(" - "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.first() {
        Some(first) if first.chars().count() >= 5 => first.to_string(),
        _ => parts
            .iter()
            .max_by_key(|p| p.chars().count())
            .map_or_else(String::new, |p| p.to_string()),
    }
}

/// Drops a leading media tag like `[视频]` or `[图文]` that sites put before headlines.
fn strip_media_tag(title: &str) -> &str {
    let title = title.trim();
    if let Some(rest) = title.strip_prefix('[')
        && let Some(end) = rest.find(']')
        && rest[..end].chars().count() <= 4
    {
        return rest[end + 1..].trim_start();
    }
    title
}

/// The first date in an element that looks like a date line, preferring one after the
/// headline; then the first date in the page text after the headline.
fn date_near_title(
    root: NodeRef<'_, Node>,
    heading: Option<NodeId>,
) -> Option<chrono::NaiveDateTime> {
    let mut after_heading = heading.is_none();
    let mut fallback = None;
    for node in root.descendants() {
        if Some(node.id()) == heading {
            after_heading = true;
        }
        let Some(el) = node.value().as_element() else {
            continue;
        };
        if SKIPPED.contains(&el.name()) {
            continue;
        }
        let hinted = el.id().into_iter().chain(el.classes()).any(|name| {
            let name = name.to_ascii_lowercase();
            DATE_HINTS.iter().any(|hint| name.contains(hint))
        });
        if hinted
            && !inside_skipped(node)
            && let Some((date, _)) = find_date(&text_of(node))
        {
            if after_heading {
                return Some(date);
            }
            fallback.get_or_insert(date);
        }
    }
    fallback.or_else(|| {
        let mut seen_heading = heading.is_none();
        for node in root.descendants() {
            if Some(node.id()) == heading {
                seen_heading = true;
            }
            if let (true, Some(text)) = (seen_heading, node.value().as_text())
                && !inside_skipped(node)
                && let Some((date, _)) = find_date(text)
            {
                return Some(date);
            }
        }
        None
    })
}

/// The publisher named on a `来源：` line, if any.
fn source_line(root: NodeRef<'_, Node>) -> Option<String> {
    for node in root.descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let text = text.trim();
        let rest = text
            .strip_prefix("来源：")
            .or_else(|| text.strip_prefix("来源:"));
        if let Some(rest) = rest {
            if inside_skipped(node) {
                continue;
            }
            // The name may sit in the next element (`来源：<i>央视网</i>`).
            let name = if rest.trim().is_empty() {
                node.next_sibling()
                    .map(|n| collapse(&text_of(n)))
                    .unwrap_or_default()
            } else {
                rest.to_string()
            };
            let name: String = name
                .chars()
                .take_while(|c| !c.is_whitespace() && !c.is_ascii_digit())
                .collect();
            if (2..=20).contains(&name.chars().count()) {
                return Some(name);
            }
        }
    }
    None
}

/// The container that holds the article text.
fn best_container(root: NodeRef<'_, Node>) -> Option<NodeRef<'_, Node>> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if let Some(el) = node.value().as_element()
            && SKIPPED.contains(&el.name())
        {
            continue;
        }
        for child in node.children().rev() {
            stack.push(child);
        }
        if !is_paragraph(node) {
            continue;
        }
        let text = text_of(node);
        let length = text.chars().filter(|c| c.is_alphanumeric()).count();
        if length < 10 {
            continue;
        }
        let commas = text
            .chars()
            .filter(|c| matches!(c, '，' | '。' | '；' | '、' | ',' | '：'))
            .count();
        let link = link_text_len(node) as f64 / length.max(1) as f64;
        let score = (1.0 + commas as f64 + (length as f64 / 50.0).min(5.0)) * (1.0 - link.min(1.0));
        if let Some(parent) = node.parent() {
            *scores.entry(parent.id()).or_default() += score;
            if let Some(grand) = parent.parent() {
                *scores.entry(grand.id()).or_default() += score / 2.0;
            }
        }
    }
    let tree = root.tree();
    scores
        .into_iter()
        .filter_map(|(id, score)| tree.get(id).map(|n| (n, score)))
        .filter(|(n, _)| n.value().is_element())
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.id().cmp(&a.0.id())))
        .map(|(n, _)| n)
}

fn is_paragraph(node: NodeRef<'_, Node>) -> bool {
    match node.value().as_element() {
        Some(el) => match el.name() {
            "p" | "pre" | "blockquote" | "li" | "td" => true,
            // A block holding text directly, without <p>, is a paragraph too.
            "div" | "section" | "article" | "font" | "span" => node.children().any(|c| {
                c.value()
                    .as_text()
                    .is_some_and(|t| t.trim().chars().count() >= 10)
            }),
            _ => false,
        },
        None => false,
    }
}

fn link_text_len(node: NodeRef<'_, Node>) -> usize {
    node.descendants()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "a"))
        .map(|a| text_of(a).chars().filter(|c| c.is_alphanumeric()).count())
        .sum()
}

fn is_link_cluster(node: NodeRef<'_, Node>) -> bool {
    let links = link_text_len(node);
    links > 0
        && links * 2
            >= text_of(node)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .count()
}

/// All text under `node`, skipping non-content elements.
fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    walk_text(node, &mut out, false);
    out
}

/// Text under `node` with one line per block element.
fn block_text(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    walk_text(node, &mut out, true);
    let lines: Vec<String> = out
        .lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn walk_text(node: NodeRef<'_, Node>, out: &mut String, blocks: bool) {
    match node.value() {
        Node::Text(text) => out.push_str(text),
        Node::Element(el) => {
            if SKIPPED.contains(&el.name()) {
                return;
            }
            let block = blocks && BLOCKS.contains(&el.name());
            // Inside the article, a block that is mostly links is a share bar or a list
            // of related stories.
            if block && is_link_cluster(node) {
                return;
            }
            if block {
                out.push('\n');
            }
            for child in node.children() {
                walk_text(child, out, blocks);
            }
            if block {
                out.push('\n');
            }
        }
        Node::Document | Node::Fragment => {
            for child in node.children() {
                walk_text(child, out, blocks);
            }
        }
        _ => {}
    }
}

/// Trims and folds runs of white space (including `&nbsp;` and the ideographic space) to
/// one ASCII space.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_id_given_only_in_a_script_is_the_pages_story() {
        let page = |head: &str| {
            format!(
                "<html><head><title>某地召开工作会议</title>{head}</head><body><h1>某地召开工作会议</h1>\
                 <p>会议研究部署了下一阶段的重点工作，要求各部门抓好落实。</p></body></html>"
            )
        };
        let script =
            r#"<script>var itemid1="VIDEabcdEFGH12345678221231"; var x = itemid1;</script>"#;
        assert_eq!(
            extract(&page(script)).story_id.as_deref(),
            Some("VIDEabcdEFGH12345678221231")
        );
        let meta = r#"<meta name="contentid" content="VIDEmeta0000000000000001">"#;
        assert_eq!(
            extract(&page(&format!("{meta}{script}")))
                .story_id
                .as_deref(),
            Some("VIDEmeta0000000000000001"),
            "the meta, where there is one"
        );
        let other = r#"<script>var docid="12345678"; var id = "abcdefghij";</script>"#;
        assert_eq!(extract(&page(other)).story_id, None);
    }

    #[test]
    fn a_body_loses_the_pages_own_lines_at_its_start() {
        assert_eq!(
            without_leading_meta(
                "来源：央视网 更新时间：2024年04月08日 19:09\n视频简介\n应邀访华。"
            ),
            "应邀访华。"
        );
        assert_eq!(
            without_leading_meta(
                "来源：央视网\n更新时间：2022年02月26日\n视频简介：某某快评。\n正文。"
            ),
            "某某快评。\n正文。"
        );
        let story = "来源：会议材料显示，全年任务完成。\n会议强调落实。";
        assert_eq!(
            without_leading_meta(story),
            story,
            "a sentence is the story's"
        );
        assert_eq!(
            without_leading_meta("来源：央视网"),
            "来源：央视网",
            "nothing else left"
        );
    }

    const PAGE: &str = r##"<!DOCTYPE html><html><head>
<meta charset="utf-8"><title>[视频]市科协召开党组扩大会议_新闻中心_某某网</title>
<script>var d = "2001-01-01 00:00:00";</script><style>p { color: red }</style></head>
<body><div class="nav"><a href="/">首页</a> <a href="/a">科协要闻</a> <a href="/b">学会学术</a></div>
<h1>[视频]市科协召开党组扩大会议</h1>
<div class="info">来源：<i>天津市科学技术协会</i> 2022年12月01日 17:11</div>
<div id="text"><p>11月25日下午，市科协召开党组扩大会议，传达学习市委全会精神，研究贯彻落实措施。</p>
<p>会议指出，要把思想和行动统一到党的二十大精神上来，抓实抓细各项工作。<br/></p>
<p>会议要求，各级党组织要认真做好学习宣传工作，推动科协事业高质量发展。</p>
<div class="share"><a href="#">微信</a><a href="#">微博</a></div></div>
<div class="footer"><a href="/map">网站地图</a> 版权所有 津ICP备13004064号</div></body></html>"##;

    #[test]
    fn extracts_title_date_body_and_publisher() {
        let parts = extract(PAGE);
        assert_eq!(parts.title, "市科协召开党组扩大会议");
        assert_eq!(parts.date.unwrap().to_string(), "2022-12-01 17:11:00");
        assert_eq!(parts.publisher.as_deref(), Some("天津市科学技术协会"));
        let lines: Vec<&str> = parts.body.lines().collect();
        assert_eq!(lines.len(), 3, "{}", parts.body);
        assert!(lines[0].starts_with("11月25日下午"));
        assert!(!parts.body.contains("网站地图") && !parts.body.contains("微信"));
    }

    #[test]
    fn title_falls_back_to_page_title_without_site_name() {
        let parts = extract(
            "<title>重要会议召开 - 某市人民政府</title><p>正文内容，正文内容，正文内容，正文内容。</p>",
        );
        assert_eq!(parts.title, "重要会议召开");
    }

    #[test]
    fn empty_or_broken_html_does_not_panic() {
        for html in [
            "",
            "<",
            "<html><body><p>短</p>",
            "<div><p>未闭合的段落，内容很多很多很多很多很多。",
        ] {
            let _ = extract(html);
        }
    }
}
