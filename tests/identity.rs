//! One document per story, through the binary: however a path is spelled, and whatever
//! formats and order a story's sources come in.

use std::collections::HashSet;

use crate::util::{TestEnv, shared_dir};

/// A fictional page without any id of its own: the file is the story.
fn plain_page(i: usize) -> String {
    format!(
        "<html><head><meta charset=utf-8><title>北湖县第{i}次工作例会_北湖县政府网</title></head>\
         <body><h1>北湖县第{i}次工作例会</h1><div class=content>\
         <p>北湖县召开第{i}次工作例会，研究部署近期重点工作，推动各项任务落实落细。</p>\
         <p>会议要求，各部门要压实责任，确保按期完成。材料编号甲{i}号。</p></div></body></html>"
    )
}

/// The title and body of fictional story `i`, stated by its record.
fn story(i: usize) -> (String, String) {
    (
        format!("南湖市第{i}次专题会议"),
        format!(
            "南湖市召开第{i}次专题会议，研究部署产业转型升级工作。\n会议强调，要因地制宜发展新质生产力。报道编号乙{i}号。"
        ),
    )
}

/// How story `i` names itself: a content id for even stories, a canonical address for
/// odd ones.
fn story_id(i: usize) -> (Option<String>, String) {
    let url = format!("https://news.example.cn/2023/story{i}.shtml");
    if i.is_multiple_of(2) {
        (Some(format!("VIDEfiction{i:04}")), url)
    } else {
        (None, url)
    }
}

/// The page of story `i`: its record's text with site chrome and a line only the page
/// has, named by a `contentid` meta (even) or a canonical link (odd).
fn story_page(i: usize) -> String {
    let (title, body) = story(i);
    let (id, url) = story_id(i);
    let names = match id {
        Some(id) => format!("<meta name=\"contentid\" content=\"{id}\">"),
        None => format!("<link rel=\"canonical\" href=\"{url}\">"),
    };
    let paragraphs: String = body.lines().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<html><head><meta charset=utf-8>{names}<title>{title}_南湖新闻网</title></head>\
         <body><div class=nav><a href=/>首页</a></div><h1>{title}</h1>\
         <div class=article>{paragraphs}<p>（网页版另附图片说明，供读者参考。）</p></div></body></html>"
    )
}

/// The JSON record of story `i`: with the page's id (even) or only its address (odd).
fn story_record(i: usize) -> String {
    let (title, body) = story(i);
    let (id, url) = story_id(i);
    let mut record =
        serde_json::json!({"url": url, "date": "2023-05-06", "title": title, "body": body});
    if let Some(id) = id {
        record["id"] = id.into();
    }
    record.to_string()
}

/// Writes pages of stories `pages` to `pages/` and a JSON Lines file holding `records`.
fn write_stories(env: &TestEnv, pages: std::ops::Range<usize>, records: std::ops::Range<usize>) {
    for i in pages {
        env.write(&format!("pages/{i:03}.shtml"), story_page(i).as_bytes());
    }
    let lines: String = records.map(|i| story_record(i) + "\n").collect();
    env.write("records.jsonl", lines.as_bytes());
}

/// The summary line of an index run, up to the time taken.
fn summary(out: &str) -> &str {
    out.split(';').next().unwrap_or(out)
}

/// The JSON hits for `query`, by title.
fn sources_by_title(env: &TestEnv, query: &str) -> Vec<(String, usize)> {
    let mut found: Vec<(String, usize)> = env
        .hits(&[query])
        .iter()
        .map(|hit| {
            let sources = hit["sources"].as_array().unwrap();
            assert_eq!(hit["source"], sources[0], "{hit}");
            (hit["title"].as_str().unwrap().to_string(), sources.len())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_folder_spelled_four_ways_is_the_same_documents() {
    let env = TestEnv::new();
    for i in 0..20 {
        env.write(&format!("pr/{i:02}.html"), plain_page(i).as_bytes());
    }
    env.write("elsewhere/.keep", b"");
    let first = env.stdout(&["index", "pr", "--index", "ix"]);
    assert_eq!(
        summary(&first),
        "20 added, 0 updated, 0 unchanged, 0 merged, 0 removed, 0 skipped, 0 failed"
    );
    let absolute = env.path("pr");
    let absolute = absolute.to_str().unwrap();
    for spelling in ["./pr/", absolute, "pr//./", "pr", "./pr"] {
        let again = env.stdout(&["index", spelling, "--index", "ix"]);
        assert_eq!(
            summary(&again),
            "0 added, 0 updated, 20 unchanged, 0 merged, 0 removed, 0 skipped, 0 failed",
            "{spelling}"
        );
    }
    // From another folder, and two spellings in one run: each file once.
    let out = env
        .command(&["index", "../pr", "../pr/", "--index", "../ix"])
        .current_dir(env.path("elsewhere"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        summary(&String::from_utf8_lossy(&out.stdout)),
        "0 added, 0 updated, 20 unchanged, 0 merged, 0 removed, 0 skipped, 0 failed"
    );
    assert_eq!(env.documents(), 20);

    // Messages name a file as it was given; --prune finds it however it is spelled.
    env.write(
        "pr/list.html",
        b"<html><body><ul><li>x</li></ul></body></html>",
    );
    std::fs::remove_file(env.path("pr/03.html")).unwrap();
    let out = env.run(&["index", "./pr/", "--index", "ix", "--prune"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("zhsearch: ./pr/list.html: no article text found"),
        "{stderr}"
    );
    assert_eq!(
        summary(&String::from_utf8_lossy(&out.stdout)),
        "0 added, 0 updated, 19 unchanged, 0 merged, 1 removed, 1 skipped (1 no article), 0 failed"
    );
    assert_eq!(env.documents(), 19);
}

#[test]
fn pages_and_the_records_of_the_same_stories_are_one_document_each_in_either_order() {
    for pages_first in [true, false] {
        let env = TestEnv::new();
        write_stories(&env, 0..100, 0..200);
        let (first, second) = if pages_first {
            ("pages", "records.jsonl")
        } else {
            ("records.jsonl", "pages")
        };
        let out = env.stdout(&["index", first, "--index", "ix"]);
        let added = if pages_first { 100 } else { 200 };
        assert_eq!(
            summary(&out),
            format!(
                "{added} added, 0 updated, 0 unchanged, 0 merged, 0 removed, 0 skipped, 0 failed"
            )
        );
        let out = env.stdout(&["index", second, "--index", "ix"]);
        let added = if pages_first { 100 } else { 0 };
        assert_eq!(
            summary(&out),
            format!(
                "{added} added, 0 updated, 0 unchanged, 100 merged, 0 removed, 0 skipped, 0 failed"
            )
        );
        assert_eq!(env.documents(), 200);
        let again = env.stdout(&["index", "pages", "records.jsonl", "--index", "ix"]);
        assert_eq!(
            summary(&again),
            "0 added, 0 updated, 300 unchanged, 0 merged, 0 removed, 0 skipped, 0 failed"
        );
        assert_eq!(env.documents(), 200);

        // The record gives the content (the page's own line is gone), the page is listed.
        assert!(env.hits(&["网页版"]).is_empty(), "page content won");
        let found = sources_by_title(&env, "专题会议");
        assert_eq!(found.len(), 200);
        let two = found.iter().filter(|(_, n)| *n == 2).count();
        assert_eq!(
            (two, found.iter().filter(|(_, n)| *n == 1).count()),
            (100, 100)
        );
        let hit = &env.hits(&["\"报道编号乙7号\""])[0];
        let sources: Vec<&str> = hit["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(sources[0].ends_with("records.jsonl:8"), "{sources:?}");
        assert!(sources[1].ends_with("pages/007.shtml"), "{sources:?}");
        assert!(
            std::path::Path::new(sources[1]).is_absolute(),
            "{sources:?}"
        );
    }
}

#[test]
fn pages_and_records_in_one_run_are_one_document_each() {
    let env = TestEnv::new();
    write_stories(&env, 0..100, 0..200);
    let out = env.stdout(&["index", "pages", "records.jsonl", "--index", "ix"]);
    assert_eq!(
        summary(&out),
        "200 added, 0 updated, 0 unchanged, 100 merged, 0 removed, 0 skipped, 0 failed"
    );
    assert_eq!(env.documents(), 200);
    assert!(env.hits(&["网页版"]).is_empty(), "page content won");
    // The same sources in a new index in the other order give the same documents.
    let hits = |index: &str| {
        let out = env.stdout(&[
            "search",
            "--index",
            index,
            "--json",
            "--limit",
            "1000",
            "专题会议",
        ]);
        let mut hits: Vec<String> = out
            .lines()
            .filter(|l| l.contains("\"id\""))
            .map(|l| {
                let hit: serde_json::Value = serde_json::from_str(l).unwrap();
                format!("{} {} {}", hit["id"], hit["title"], hit["sources"])
            })
            .collect();
        hits.sort();
        hits
    };
    env.stdout(&["index", "records.jsonl", "pages", "--index", "reverse"]);
    assert_eq!(hits("ix"), hits("reverse"));
}

#[test]
fn prune_takes_gone_sources_off_and_removes_stories_left_with_none() {
    let env = TestEnv::new();
    // Records 100..200 are the other stories, 0..100 have pages too.
    write_stories(&env, 0..100, 100..200);
    let lines: String = (100..200)
        .chain(0..100)
        .map(|i| story_record(i) + "\n")
        .collect();
    env.write("records.jsonl", lines.as_bytes());
    env.stdout(&["index", "pages", "records.jsonl", "--index", "ix"]);
    assert_eq!(env.documents(), 200);

    // Pages gone, records kept: the stories stay, with their records alone.
    for i in 0..30 {
        std::fs::remove_file(env.path(&format!("pages/{i:03}.shtml"))).unwrap();
    }
    let out = env.stdout(&[
        "index",
        "./pages",
        "records.jsonl",
        "--index",
        "ix",
        "--prune",
    ]);
    assert_eq!(
        summary(&out),
        "0 added, 0 updated, 270 unchanged, 0 merged, 0 removed, 0 skipped, 0 failed"
    );
    assert_eq!(env.documents(), 200);
    let found = sources_by_title(&env, "专题会议");
    assert_eq!(found.iter().filter(|(_, n)| *n == 2).count(), 70);

    // Stories 90..100 lose record and page: they go; 80..90 lose the page only.
    let lines: String = (100..200)
        .chain(0..90)
        .map(|i| story_record(i) + "\n")
        .collect();
    env.write("records.jsonl", lines.as_bytes());
    for i in 80..100 {
        std::fs::remove_file(env.path(&format!("pages/{i:03}.shtml"))).unwrap();
    }
    let out = env.stdout(&[
        "index",
        "pages",
        "records.jsonl",
        "--index",
        "ix",
        "--prune",
    ]);
    assert_eq!(
        summary(&out),
        "0 added, 0 updated, 240 unchanged, 0 merged, 10 removed, 0 skipped, 0 failed"
    );
    assert_eq!(env.documents(), 190);
    assert!(env.hits(&["\"报道编号乙95号\""]).is_empty());
    assert_eq!(
        env.hits(&["\"报道编号乙85号\""])[0]["sources"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let again = env.stdout(&[
        "index",
        "pages",
        "records.jsonl",
        "--index",
        "ix",
        "--prune",
    ]);
    assert_eq!(
        summary(&again),
        "0 added, 0 updated, 240 unchanged, 0 merged, 0 removed, 0 skipped, 0 failed"
    );
}

/// The page files of `../shared/corpus/xwlb-html`, by name.
fn xwlb_pages(html: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut pages: Vec<_> = std::fs::read_dir(html)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "shtml"))
        .collect();
    pages.sort();
    pages
}

/// The `contentid` a page's meta states, if any.
fn content_id(page: &str) -> Option<&str> {
    let at = page.find("<meta name=\"contentid\" content=\"")?;
    let rest = &page[at + "<meta name=\"contentid\" content=\"".len()..];
    rest.split('"').next()
}

#[test]
fn xwlb_page_ids_are_their_record_ids() {
    let Some(shared) = shared_dir() else { return };
    let corpus = shared.join("corpus");
    let records = std::fs::read_to_string(corpus.join("xwlb-2022-2024.jsonl")).unwrap();
    let ids: HashSet<String> = records
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .map(|id| id.trim_matches('"').to_string())
        .collect();
    let pages = xwlb_pages(&corpus.join("xwlb-html"));
    assert_eq!(pages.len(), 1000);
    let mut stating = 0;
    for page in pages {
        let stem = page.file_stem().unwrap().to_str().unwrap().to_string();
        assert!(ids.contains(&stem), "{stem} has no record");
        // A page names its own record's story, or states no id at all.
        let text = std::fs::read_to_string(&page).unwrap();
        if let Some(id) = content_id(&text) {
            assert_eq!(id, stem, "{}", page.display());
            stating += 1;
        }
    }
    // 894 of the 1,000 pages state their id in a meta; the others only in a script, which
    // extraction also reads (see `xwlb_pages_and_their_records_are_one_document_each`).
    assert!(stating >= 890, "{stating} pages state a contentid");
}

#[test]
fn xwlb_pages_and_their_records_are_one_document_each() {
    let Some(shared) = shared_dir() else { return };
    let corpus = shared.join("corpus");
    let env = TestEnv::new();
    // Half that state their id in a meta, half only in a script (`itemid1`).
    let (with_meta, script_only): (Vec<_>, Vec<_>) = xwlb_pages(&corpus.join("xwlb-html"))
        .into_iter()
        .partition(|p| content_id(&std::fs::read_to_string(p).unwrap()).is_some());
    assert!(
        script_only.len() >= 50,
        "{} pages without a meta",
        script_only.len()
    );
    let pages: Vec<_> = with_meta
        .into_iter()
        .take(50)
        .chain(script_only.into_iter().take(50))
        .collect();
    let mut wanted = HashSet::new();
    for page in &pages {
        let name = page.file_name().unwrap().to_str().unwrap();
        env.write(&format!("pages/{name}"), &std::fs::read(page).unwrap());
        wanted.insert(page.file_stem().unwrap().to_str().unwrap().to_string());
    }
    let records = std::fs::read_to_string(corpus.join("xwlb-2022-2024.jsonl")).unwrap();
    let lines: String = records
        .lines()
        .filter(|l| {
            let record: serde_json::Value = serde_json::from_str(l).unwrap();
            record["id"].as_str().is_some_and(|id| wanted.contains(id))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(lines.lines().count(), 100);
    env.write("records.jsonl", lines.as_bytes());
    let out = env.stdout(&[
        "index",
        "pages",
        "records.jsonl",
        "--index",
        "ix",
        "--no-metadata",
    ]);
    assert_eq!(
        summary(&out),
        "100 added, 0 updated, 0 unchanged, 100 merged, 0 removed, 0 skipped, 0 failed"
    );
    assert_eq!(env.documents(), 100);
}
