//! Reposts: the same report on several sites stays one document per page, and `--collapse`
//! counts it once.

use crate::util::TestEnv;

/// A small deterministic generator for fictional report text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// A fictional report body: paragraphs of common characters around the word 会议, one a
/// line.
fn story_body(rng: &mut Rng) -> String {
    const CHARS: &str = "国家发展改革推进建设工作经济社会民生科技创新人才教育卫生文化生态环境保护乡村振兴城市治理安全生产就业服务企业市场开放合作交流研究部署落实要求强调指出提高水平质量效率基层群众干部组织制度法治监督";
    let chars: Vec<char> = CHARS.chars().collect();
    let mut body = String::from("会议");
    for sentence in 0..6 {
        for _ in 0..30 {
            body.push(chars[(rng.next() % chars.len() as u64) as usize]);
        }
        body.push_str(if sentence % 2 == 0 { "，" } else { "。\n" });
    }
    body
}

fn page(title: &str, site: &str, date: &str, body: &str, chrome: bool) -> String {
    let (before, after) = if chrome {
        (
            "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/zw\">政务公开</a> <a href=\"/fw\">办事服务</a> <a href=\"/hd\">互动交流</a></div><div class=\"crumb\">当前位置：首页 &gt; 要闻动态</div>",
            "<div class=\"share\">分享到：微信 微博</div><div class=\"footer\">主办单位：乙县人民政府办公室 版权所有 备案号：乙ICP备00000000号</div>",
        )
    } else {
        ("", "<div class=\"footer\">甲市人民政府 版权所有</div>")
    };
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}_{site}</title></head><body>{before}\
         <h1>{title}</h1><div class=\"info\">来源：新华社 {date} 10:00</div>\
         <div class=\"text\">{paragraphs}</div>{after}</body></html>",
        paragraphs = body
            .lines()
            .map(|p| format!("<p>{p}</p>"))
            .collect::<String>()
    )
}

#[test]
fn reposts_are_documents_and_collapse_counts_each_story_once() {
    let env = TestEnv::new();
    let mut rng = Rng(7);
    for i in 0..40 {
        let body = story_body(&mut rng);
        // Several stories a day, so that grouping cannot lean on dates alone.
        let date = format!("2024-03-{:02}", 1 + i / 4);
        let title = format!("第{i}次专题会议召开");
        env.write(
            &format!("a/{i}.html"),
            page(&title, "甲市人民政府网", &date, &body, false).as_bytes(),
        );
        // The repost: its own chrome and title suffix, a comma changed.
        let reposted = body.replacen('，', "、", 1);
        env.write(
            &format!("b/{i}.html"),
            page(&title, "乙县人民政府网", &date, &reposted, true).as_bytes(),
        );
    }
    let out = env.stdout(&["index", "a", "b", "--index", "ix"]);
    assert!(out.starts_with("80 added"), "{out}");

    let (hits, total) = env.search_json(&[], &["会议"]);
    assert_eq!((hits.len(), total), (80, 80));
    assert!(hits.iter().all(|h| h.get("group").is_none()));

    let (groups, total) = env.search_json(&["--collapse", "--facets"], &["会议"]);
    let facets = groups.last().unwrap()["facets"].clone();
    let groups = &groups[..groups.len() - 1];
    assert_eq!((groups.len(), total), (40, 40));
    let mut members: Vec<String> = Vec::new();
    for hit in groups {
        let group = &hit["group"];
        assert_eq!(group["size"], 2, "{hit}");
        let ids: Vec<String> = group["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids[0], hit["id"].as_str().unwrap());
        // The two members are the same story from the two sites.
        let story = |id: &str| id.rsplit('/').next().unwrap().to_string();
        assert_eq!(story(&ids[0]), story(&ids[1]), "{ids:?}");
        assert_ne!(ids[0], ids[1]);
        members.extend(ids);
    }
    members.sort();
    members.dedup();
    assert_eq!(members.len(), 80, "every page is in exactly one group");
    // The timeline counts stories, not pages.
    let months: u64 = facets["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["count"].as_u64().unwrap())
        .sum();
    assert_eq!(months, 40, "{facets}");

    // A page of groups, and the text output naming the near-duplicate.
    let page = env.stdout(&[
        "search",
        "--index",
        "ix",
        "--json",
        "--collapse",
        "-n",
        "5",
        "--offset",
        "5",
        "会议",
    ]);
    let page: Vec<serde_json::Value> = page
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(page.len(), 5 + 1);
    assert_eq!(page[5]["total"], 40);
    let first_page_ids: Vec<&serde_json::Value> = groups[5..10].iter().map(|h| &h["id"]).collect();
    let page_ids: Vec<&serde_json::Value> = page[..5].iter().map(|h| &h["id"]).collect();
    assert_eq!(page_ids, first_page_ids);
    let text = env.stdout(&["search", "--index", "ix", "--collapse", "-n", "1", "会议"]);
    assert!(text.starts_with("40 matching stories"), "{text}");
    assert!(text.contains("and 1 near-duplicate: "), "{text}");
}
