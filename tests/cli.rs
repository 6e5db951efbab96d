//! The `zhsearch` binary, end to end.

use crate::util::TestEnv;

fn indexed() -> TestEnv {
    let env = TestEnv::with_fixtures();
    let summary = env.stdout(&["index", "docs", "--index", "ix"]);
    assert!(
        summary.starts_with(
            "5 added, 0 updated, 0 unchanged, 0 merged, 0 removed, 0 skipped, 0 failed"
        ),
        "{summary}"
    );
    // news.jsonl holds three records.
    assert_eq!(env.documents(), 5);
    env
}

#[test]
fn indexes_every_input_kind() {
    let env = indexed();
    let titles: Vec<String> = env
        .hits(&["会议"])
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect();
    assert!(
        titles.contains(&"南湖市科协召开党组扩大会议传达学习党的二十大精神".to_string()),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"南湖市教育局召开新质生产力专题会议".to_string()),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"国务院常务会议研究经济普查工作".to_string()),
        "{titles:?}"
    );
}

#[test]
fn text_page_is_cleaned_and_described() {
    let env = indexed();
    let hits = env.hits(&["江一舟"]);
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit["date"], "2022-12-01T17:11:13");
    let departments: Vec<&str> = hit["department"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        departments.contains(&"南湖市科学技术协会党组")
            && departments.contains(&"南湖市科学技术协会"),
        "{departments:?}"
    );
    let persons: Vec<&str> = hit["persons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(persons, ["江一舟", "方可", "单卫东"]);
    // Navigation and footer never reach the index.
    assert!(env.hits(&["网站地图"]).is_empty());
    assert!(env.hits(&["学会学术"]).is_empty());
}

#[test]
fn reindexing_adds_no_duplicates_and_updates_changed_records() {
    let env = indexed();
    let again = env.stdout(&["index", "docs", "--index", "ix"]);
    assert!(
        again.starts_with("0 added, 0 updated, 5 unchanged"),
        "{again}"
    );
    assert_eq!(env.documents(), 5);

    let news = std::fs::read_to_string(env.path("docs/news.jsonl")).unwrap();
    env.write(
        "docs/news.jsonl",
        news.replace("团结奋斗", "团结奋斗，勇毅前行").as_bytes(),
    );
    let changed = env.stdout(&["index", "docs", "--index", "ix"]);
    assert!(
        changed.starts_with("0 added, 1 updated, 4 unchanged"),
        "{changed}"
    );
    assert_eq!(env.documents(), 5);
    assert_eq!(env.hits(&["勇毅前行"]).len(), 1);
}

#[test]
fn inputs_indexed_without_metadata_are_extracted_again_with_it() {
    let env = TestEnv::with_fixtures();
    let first = env.stdout(&["index", "docs", "--index", "ix", "--no-metadata"]);
    assert!(
        first.starts_with("5 added, 0 updated, 0 unchanged"),
        "{first}"
    );
    assert!(env.hits(&["person:江一舟"]).is_empty());
    // Other rules read every input again: the four whose text names persons, a meeting
    // body or date are updated, the fifth gives the document it gave.
    let again = env.stdout(&["index", "docs", "--index", "ix"]);
    assert!(
        again.starts_with("0 added, 4 updated, 1 unchanged"),
        "{again}"
    );
    assert_eq!(env.documents(), 5);
    assert_eq!(env.hits(&["person:江一舟"]).len(), 1);
}

#[test]
fn word_query_matches_text_segmented_differently() {
    let env = indexed();
    // "二十大精神" in the text, and "二十大 精神" with a space.
    let ids: Vec<String> = env
        .hits(&["二十大精神"])
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.contains(&"n3".to_string()), "{ids:?}");
    assert_eq!(ids.len(), 2, "{ids:?}");
}

#[test]
fn json_hits_carry_the_documented_fields() {
    let env = indexed();
    let hits = env.hits(&["经济普查"]);
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    for field in [
        "id",
        "title",
        "date",
        "department",
        "persons",
        "url",
        "score",
        "snippet",
    ] {
        assert!(hit.get(field).is_some(), "missing {field} in {hit}");
    }
    assert_eq!(hit["id"], "n1");
    assert_eq!(hit["date"], "2024-03-05");
    assert_eq!(hit["url"], "https://example.cn/n1");
    assert!(
        hit["snippet"].as_str().unwrap().contains("<b>经济普查</b>"),
        "{hit}"
    );
}

#[test]
fn title_matches_rank_above_body_matches() {
    let env = indexed();
    let hits = env.hits(&["新质生产力"]);
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0]["title"], "南湖市教育局召开新质生产力专题会议");
}

#[test]
fn filters_by_person_department_and_date() {
    let env = indexed();
    let ids = |q: &[&str]| -> Vec<String> {
        env.hits(q)
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&["person:李强"]), ["n1"]);
    assert_eq!(ids(&["dept:国务院"]), ["n1"]);
    // Another name of the body, from the alias table.
    assert_eq!(ids(&["department:中华人民共和国国务院"]), ["n1"]);
    assert_eq!(ids(&["会议", "date:2023-12"]), ["n2"]);
    assert_eq!(ids(&["(开幕 OR 普查) date:..2022-12-31"]), ["n3"]);
    assert_eq!(ids(&["开幕 OR 普查"]).len(), 2);
    assert!(
        ids(&["会议", "-新质生产力", "-普查"])
            .iter()
            .all(|id| id != "n1" && id != "n2")
    );
}

#[test]
fn limit_accepts_any_size() {
    let env = indexed();
    let out = env.stdout(&[
        "search",
        "--index",
        "ix",
        "会议",
        "--limit",
        "18446744073709551615",
    ]);
    assert!(
        out.starts_with("4 matching documents, showing 1–4"),
        "{out}"
    );
}

#[test]
fn bad_queries_point_at_the_position() {
    let env = indexed();
    env.assert_failure_with_error(
        &["search", "--index", "ix", "科协 \"三个务必"],
        "zhsearch: query:4: unclosed quote",
    );
    env.assert_failure_with_error(
        &["search", "--index", "ix", "date:2022-02-30"],
        "query:6: impossible date `2022-02-30`",
    );
    env.assert_failure_with_error(
        &["search", "--index", "ix", "where:x"],
        "query:1: unknown field `where`",
    );
}

#[test]
fn bad_input_is_reported_and_the_batch_goes_on() {
    let env = TestEnv::with_fixtures();
    env.write(
        "docs/broken.jsonl",
        b"{\"title\":\"a\",\"body\":\"good one\"}\n{\"title\": \n{\"body\":\"no title\"}\n",
    );
    env.write(
        "docs/list.html",
        b"<html><body><ul><li><a href=a>one</a></li></ul></body></html>",
    );
    env.write("docs/empty.txt", b"");
    let out = env.run(&["index", "docs", "--index", "ix"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(
        stderr.contains("broken.jsonl:2: invalid JSON at column"),
        "{stderr}"
    );
    assert!(
        stderr.contains("broken.jsonl:3: missing field `title`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("list.html: no article text found"),
        "{stderr}"
    );
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.starts_with("6 added, 0 updated, 0 unchanged, 0 merged, 0 removed, 1 skipped (1 no article), 3 failed (1 empty, 2 bad record)"),
        "{summary}"
    );
    assert_eq!(env.documents(), 6);
}

#[test]
fn missing_index_is_a_clear_error() {
    let env = TestEnv::new();
    let said = env.assert_failure_with_error(
        &["search", "--index", "nowhere", "科协"],
        "nowhere: no such folder; create one with `zhsearch index PATH --index nowhere`",
    );
    // The folder is named once.
    assert_eq!(said.matches("nowhere").count(), 2, "{said}");
    env.write("empty/.keep", b"");
    env.assert_failure_with_error(
        &["search", "--index", "empty", "科协"],
        "not a zhsearch index (no zhsearch.json)",
    );
    env.write("notes.txt", b"text");
    env.assert_failure_with_error(
        &["search", "--index", "notes.txt", "科协"],
        "notes.txt: a file, not an index folder",
    );
}

#[test]
fn extract_prints_one_document_per_input() {
    let env = TestEnv::with_fixtures();
    let out = env.stdout(&["extract", "docs/kexie.txt"]);
    let doc: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        doc["title"],
        "南湖市科协召开党组扩大会议传达学习党的二十大精神"
    );
    assert!(!doc["body"].as_str().unwrap().contains("版权所有"));
}

#[test]
fn user_dictionary_is_fixed_when_the_index_is_created() {
    let env = TestEnv::with_fixtures();
    env.write("terms.txt", "南湖新区 ns\n".as_bytes());
    env.write(
        "more/a.jsonl",
        r#"{"id":"a","title":"南湖新区建设","body":"推进南湖新区建设。"}"#.as_bytes(),
    );
    let out = env.run(&["index", "more", "--index", "ix", "--dict", "terms.txt"]);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(env.hits(&["南湖新区"]).len(), 1);

    let again = env.run(&["index", "docs", "--index", "ix", "--dict", "terms.txt"]);
    assert!(again.status.success());
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains(
            "terms.txt is ignored: the index in ix keeps the dictionary it was created with"
        ),
        "{stderr}"
    );
}

#[test]
fn extract_lines_prints_one_object_per_line_in_order() {
    let env = TestEnv::new();
    let input = "国务院总理李强主持召开国务院常务会议。\n\n党组成员、副主席夏秋雨、王亚群等同志出席。\n会议强调，要抓好落实。\n";
    let out = env.stdout_with_input(&["extract", "--lines"], input);
    let docs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 4, "one object per input line, empty ones too");
    let persons: Vec<&serde_json::Value> = docs.iter().map(|d| &d["persons"]).collect();
    assert_eq!(persons[0], &serde_json::json!(["李强"]));
    assert_eq!(persons[1], &serde_json::json!([]));
    assert_eq!(persons[2], &serde_json::json!(["夏秋雨", "王亚群"]));
    assert_eq!(persons[3], &serde_json::json!([]));
    assert_eq!(docs[2]["roles"][1]["role"], "党组成员、副主席");
    assert_eq!(docs[0]["department"], serde_json::json!(["国务院"]));
}

#[test]
fn sort_by_date_puts_the_newest_first() {
    let env = indexed();
    let dates: Vec<String> = env
        .hits_with(&["--sort", "date"], &["会议"])
        .iter()
        .map(|h| h["date"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(dates.len(), 4, "{dates:?}");
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
}

#[test]
fn facet_counts_equal_the_matching_documents_with_each_value() {
    let env = indexed();
    for query in ["会议", "二十大 OR 经济普查", "date:2022..2024"] {
        let mut lines = env.hits_with(&["--facets"], &[query]);
        let facets = lines.pop().expect("a facets line")["facets"].clone();
        assert!(lines.iter().all(|h| h.get("facets").is_none()));
        let with = |field: &str, value: &str| {
            lines
                .iter()
                .filter(|h| h[field].as_array().unwrap().iter().any(|v| v == value))
                .count() as u64
        };
        for (facet, field) in [("departments", "department"), ("persons", "persons")] {
            for entry in facets[facet].as_array().unwrap() {
                let value = entry["value"].as_str().unwrap();
                assert_eq!(
                    entry["count"],
                    with(field, value),
                    "{query}: {facet} {value}"
                );
            }
        }
        let months = facets["months"].as_array().unwrap();
        for entry in months {
            let month = entry["value"].as_str().unwrap();
            let count = lines
                .iter()
                .filter(|h| h["date"].as_str().is_some_and(|d| d.starts_with(month)))
                .count() as u64;
            assert_eq!(entry["count"], count, "{query}: month {month}");
        }
        let dated = lines.iter().filter(|h| h["date"].is_string()).count() as u64;
        let counted: u64 = months.iter().map(|m| m["count"].as_u64().unwrap()).sum();
        assert_eq!(counted, dated, "{query}");
    }
    // Facets cover the whole result set, not only the page shown.
    let mut page: Vec<serde_json::Value> = env
        .stdout(&[
            "search", "--index", "ix", "--json", "--facets", "--limit", "1", "会议",
        ])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let total = page.pop().unwrap()["total"].as_u64().unwrap();
    let facets = page.pop().unwrap()["facets"].clone();
    assert_eq!(page.len(), 1);
    assert!(
        total >= 3,
        "the total counts every match, not the page: {total}"
    );
    let counted: u64 = facets["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["count"].as_u64().unwrap())
        .sum();
    assert!(counted >= 3, "{facets}");
    let text = env.stdout(&["search", "--index", "ix", "会议", "--facets"]);
    assert!(text.contains("\nmonths:      "), "{text}");
}

#[test]
fn batch_queries_answer_every_line_in_one_process() {
    let env = indexed();
    env.write(
        "queries.txt",
        "会议\n\n经济普查\n\"二十大\" date:2022\n".as_bytes(),
    );
    let out = env.stdout(&[
        "search",
        "--index",
        "ix",
        "--queries",
        "queries.txt",
        "--limit",
        "100",
    ]);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (hits, totals): (Vec<_>, Vec<_>) = lines.into_iter().partition(|l| l.get("id").is_some());
    // Each query answered ends with its total.
    let answered: Vec<&serde_json::Value> = totals.iter().map(|t| &t["query"]).collect();
    assert_eq!(answered, [1, 3, 4]);
    for (line, query) in [(1, "会议"), (3, "经济普查"), (4, "\"二十大\" date:2022")] {
        let batch: Vec<&serde_json::Value> = hits
            .iter()
            .filter(|h| h["query"] == line)
            .map(|h| &h["id"])
            .collect();
        let alone: Vec<serde_json::Value> = env
            .hits(&[query])
            .into_iter()
            .map(|h| h["id"].clone())
            .collect();
        assert_eq!(batch.len(), alone.len(), "line {line}");
        assert!(
            batch.iter().zip(&alone).all(|(a, b)| *a == b),
            "line {line}"
        );
    }
    assert!(hits.iter().all(|h| h["query"] != 2));

    // A bad line is reported with its line and position; the others are still answered.
    env.write("queries.txt", "科协 \"三个务必\n经济普查\n".as_bytes());
    let stderr = env.assert_failure_with_error(
        &["search", "--index", "ix", "--queries", "queries.txt"],
        "queries.txt:1: query:4: unclosed quote",
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let out = env.run(&["search", "--index", "ix", "--queries", "queries.txt"]);
    let answered: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!answered.is_empty() && answered.iter().all(|h| h["query"] == 2));
}

#[test]
fn quoted_phrases_are_exact_and_highlighted() {
    let env = indexed();
    // "大精神" cuts across jieba's words 二十大/精神.
    let hits = env.hits(&["\"大精神\""]);
    assert!(!hits.is_empty());
    for hit in &hits {
        let title = hit["title"].as_str().unwrap();
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(
            title.contains("大精神") || snippet.contains("<b>大精神</b>"),
            "{hit}"
        );
    }
    assert!(env.hits(&["\"精神大\""]).is_empty());
}

/// A query process cuts queries with the compiled lexicon when the index records the
/// dictionary it was built with, and with the full dictionary when it does not: the hits
/// are the same either way, user terms included.
#[test]
fn queries_without_the_full_dictionary_find_the_same_hits() {
    let env = TestEnv::with_fixtures();
    env.write("terms.txt", "南湖市科协 n\n经济普查工作\n".as_bytes());
    env.stdout(&["index", "docs", "--index", "ix", "--dict", "terms.txt"]);
    let settings_path = env.path("ix/zhsearch.json");
    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&settings_path).unwrap()).unwrap();
    let dictionary = settings["dictionary"].as_str().unwrap_or_default();
    assert!(dictionary.contains("records_len"), "{settings}");
    let queries = "南湖市科协 会议\n经济普查\n\"二十大精神\"\n新质生产力 -教育\n国务院常务会议研究经济普查工作\n";
    env.write("queries.txt", queries.as_bytes());
    let args = [
        "search",
        "--index",
        "ix",
        "--queries",
        "queries.txt",
        "--json",
    ];
    let with_lexicon = env.stdout(&args);
    assert!(with_lexicon.lines().count() >= 5, "{with_lexicon}");
    let mut settings = settings;
    settings.as_object_mut().unwrap().remove("dictionary");
    std::fs::write(&settings_path, settings.to_string()).unwrap();
    let with_full_dictionary = env.stdout(&args);
    assert_eq!(with_lexicon, with_full_dictionary);
}

#[test]
fn r18_stats_json_counts_have_the_shape_of_facets() {
    let env = indexed();
    let stats: serde_json::Value =
        serde_json::from_str(&env.stdout(&["stats", "--index", "ix", "--json"])).unwrap();
    // An exclusion of a word no report holds matches every document.
    let mut lines = env.hits_with(&["--facets"], &["-龘龘龘"]);
    assert_eq!(lines.len() as u64, 1 + stats["documents"].as_u64().unwrap());
    let facets = lines.pop().expect("a facets line")["facets"].clone();
    assert!(!facets["departments"].as_array().unwrap().is_empty());
    assert_eq!(stats["top_departments"], facets["departments"]);
    assert_eq!(stats["top_persons"], facets["persons"]);
    assert_eq!(stats["top_meetings"], facets["meetings"]);
    let range = &stats["date_range"];
    let months = facets["months"].as_array().unwrap();
    let month = |entry: &serde_json::Value| entry["value"].as_str().unwrap().to_string();
    assert!(
        range["first"]
            .as_str()
            .unwrap()
            .starts_with(&month(&months[0]))
    );
    assert!(
        range["last"]
            .as_str()
            .unwrap()
            .starts_with(&month(months.last().unwrap()))
    );
    let text = env.stdout(&["stats", "--index", "ix"]);
    let first = &facets["departments"][0];
    assert!(
        text.contains(&format!(
            "\ndepartments: {} ({})",
            first["value"].as_str().unwrap(),
            first["count"]
        )),
        "{text}"
    );
}

#[test]
fn r23_show_prints_one_document_or_exits_1() {
    let env = indexed();
    let text = env.stdout(&["show", "--index", "ix", "n1"]);
    assert_eq!(
        text,
        format!(
            "id:          n1\ntitle:       国务院常务会议研究经济普查工作\ndate:        2024-03-05\n\
         meeting:     国务院常务会议\ndepartment:  国务院\npersons:     李强\nroles:       总理 李强\n\
         url:         https://example.cn/n1\nsource:      {}:1\n\n\
         国务院总理李强主持召开国务院常务会议，研究第五次全国经济普查工作。\n",
            std::fs::canonicalize(env.path("docs/news.jsonl"))
                .unwrap()
                .display()
        )
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.stdout(&["show", "--index", "ix", "--json", "n1"])).unwrap();
    assert_eq!(json["id"], "n1");
    assert_eq!(json["persons"], serde_json::json!(["李强"]));
    assert_eq!(json["roles"][0]["role"], "总理");
    // A story read from two files lists both.
    let record =
        r#"{"id":"twice","date":"2024-03-05","title":"某某会议召开","body":"某某会议今天召开。"}"#;
    env.write("more/a.jsonl", record.as_bytes());
    env.write("more/b.jsonl", record.as_bytes());
    env.stdout(&["index", "more", "--index", "ix2"]);
    let text = env.stdout(&["show", "--index", "ix2", "twice"]);
    let sources: Vec<&str> = text
        .lines()
        .skip_while(|line| !line.starts_with("sources:"))
        .take(2)
        .collect();
    assert_eq!(sources.len(), 2, "{text}");
    assert!(
        sources[0].ends_with("a.jsonl:1") && sources[1].ends_with("b.jsonl:1"),
        "{text}"
    );
    let missing = env.run(&["show", "--index", "ix", "nothing"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no document with id `nothing`"));
    assert!(missing.stdout.is_empty());
}

#[test]
fn r23_csv_lists_every_hit_unless_limited() {
    let env = indexed();
    let csv = |args: &[&str]| {
        let mut all = vec!["search", "--index", "ix"];
        all.extend(args);
        all.extend(["--", "会议"]);
        env.stdout(&all)
    };
    let every = csv(&["--format", "csv"]);
    let hits = env.hits(&["会议"]);
    let mut lines = every.lines();
    assert_eq!(
        lines.next(),
        Some("\u{feff}id,date,title,url,department,meeting,meeting_instance,persons,score")
    );
    let ids: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    let expected: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, expected);
    assert!(every.contains(
        "n1,2024-03-05,国务院常务会议研究经济普查工作,https://example.cn/n1,国务院,国务院常务会议,,李强,"
    ));
    assert_eq!(csv(&["--format", "csv", "--all"]), every);
    assert_eq!(csv(&["--format", "csv", "--limit", "1"]).lines().count(), 2);
    // --all for the other formats too; --limit and --all exclude each other.
    let all_json = csv(&["--json", "--all"]);
    // Every hit, then the total.
    assert_eq!(all_json.lines().count(), hits.len() + 1);
    let both = env.run(&["search", "--index", "ix", "--all", "--limit", "3", "会议"]);
    assert_eq!(both.status.code(), Some(2));
    // Facets have no place in CSV: said, not dropped.
    env.assert_failure_with_error(
        &[
            "search", "--index", "ix", "--format", "csv", "--facets", "会议",
        ],
        "CSV holds the hits only",
    );
}

/// Fictional reports of meetings, worded as reports word them, and one that names a
/// meeting in passing.
const MEETING_REPORTS: &str = r#"{"id":"m1","date":"2024-01-05","title":"赵明远主持召开国务院常务会议","body":"国务院总理赵明远5日主持召开国务院常务会议，部署稳就业工作。"}
{"id":"m2","date":"2024-02-02","title":"国务院召开常务会议 研究春耕","body":"国务院2日召开常务会议，研究春耕备耕。"}
{"id":"m3","date":"2024-03-01","title":"十四届全国人大常委会第八次会议在京闭幕","body":"十四届全国人大常委会第八次会议1日在京闭幕。"}
{"id":"m4","date":"2024-03-08","title":"各地传达学习国务院常务会议精神","body":"各地干部群众认真学习国务院常务会议精神。"}
{"id":"m5","date":"2024-04-01","title":"中共中央政治局召开会议 分析经济形势","body":"中共中央政治局4月1日召开会议，分析研究经济形势。"}
"#;

#[test]
fn meeting_filters_and_facets_through_the_binary() {
    let env = crate::util::TestEnv::new();
    env.write("meetings/reports.jsonl", MEETING_REPORTS.as_bytes());
    env.stdout(&["index", "meetings", "--index", "ix"]);
    let ids = |q: &[&str]| -> Vec<String> {
        let mut ids: Vec<String> = env
            .hits(q)
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&["meeting:国务院常务会议"]), ["m1", "m2"]);
    assert_eq!(ids(&["meeting:国常会"]), ["m1", "m2"]);
    assert_eq!(ids(&["meeting:全国人大常委会会议"]), ["m3"]);
    assert_eq!(ids(&["meeting:政治局会议"]), ["m5"]);
    assert_eq!(ids(&["-meeting:国常会", "date:2024-03"]), ["m3", "m4"]);
    let mut lines = env.hits_with(&["--facets"], &["date:2024"]);
    let facets = lines.pop().expect("a facets line")["facets"].clone();
    let meetings: Vec<(String, u64)> = facets["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["value"].as_str().unwrap().to_string(),
                m["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        meetings,
        [
            ("国务院常务会议".to_string(), 2),
            ("中共中央政治局会议".to_string(), 1),
            ("全国人大常委会会议".to_string(), 1),
        ]
    );
    let extracted = env.stdout(&["extract", "meetings/reports.jsonl"]);
    let third: serde_json::Value = serde_json::from_str(extracted.lines().nth(2).unwrap()).unwrap();
    assert_eq!(
        third["meeting"],
        serde_json::json!({"series": "全国人大常委会会议", "instance": "第十四届第八次"})
    );
    let fourth: serde_json::Value =
        serde_json::from_str(extracted.lines().nth(3).unwrap()).unwrap();
    assert!(fourth["meeting"].is_null(), "{fourth}");
    // Hits name their meeting in every format.
    let hit = &env.hits(&["第八次会议"])[0];
    assert_eq!(
        hit["meeting"],
        serde_json::json!({"series": "全国人大常委会会议", "instance": "第十四届第八次"})
    );
    let csv = env.stdout(&["search", "--index", "ix", "--format", "csv", "第八次会议"]);
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains(",全国人大常委会会议,第十四届第八次,"), "{row}");
    let text = env.stdout(&["search", "--index", "ix", "第八次会议"]);
    assert!(text.contains("全国人大常委会会议 第十四届第八次"), "{text}");
    // A filter value no document holds is named, with the values that hold it.
    let out = env.run(&["search", "--index", "ix", "meeting:常务会议"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no document holds meeting:常务会议; close forms: 国务院常务会议\n"),
        "{stderr}"
    );
    let out = env.run(&["search", "--index", "ix", "person:无此人", "会议"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no document holds person:无此人\n"),
        "{stderr}"
    );
    let stats = env.stdout(&["stats", "--index", "ix"]);
    assert!(
        stats.contains(
            "meetings:    国务院常务会议 (2)、中共中央政治局会议 (1)、全国人大常委会会议 (1)"
        ),
        "{stats}"
    );
}
