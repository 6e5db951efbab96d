//! Shards searched as one (`--index A --index B`) and merged (`zhsearch merge`), against one
//! index of all their inputs; shards built unlike are refused.

use serde_json::Value;

use crate::util::{TestEnv, synthetic_reports};

/// Requests every comparison runs: both rankings, date order, facets, a later page.
const OPTIONS: [&[&str]; 5] = [
    &[],
    &["--facets"],
    &["--ranking", "bm25", "--facets"],
    &["--sort", "date"],
    &["--offset", "5", "--limit", "9"],
];

const QUERIES: [&str; 6] = [
    "会议",
    "新质生产力",
    "\"二十大精神\" date:2023-01..2023-06",
    "科技创新 乡村振兴",
    "person:林思远 会议",
    "会议 -乡村振兴",
];

/// The JSON lines of a batch search over `indexes` (each `--index`) with `options`.
fn answers(env: &TestEnv, indexes: &[&str], options: &[&str]) -> Vec<Value> {
    env.write("queries.txt", QUERIES.join("\n").as_bytes());
    let mut args = vec!["search", "--queries", "queries.txt", "--json"];
    if !options.contains(&"--limit") {
        args.push("--all");
    }
    for index in indexes {
        args.extend(["--index", index]);
    }
    args.extend(options);
    let out = env.run(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .map(|mut line: Value| {
            // Where a hit was read from names its shard's input file, not its content.
            if let Some(hit) = line.as_object_mut() {
                hit.remove("source");
                hit.remove("sources");
            }
            line
        })
        .collect()
}

/// Writes 240 reports as `docs/part0.jsonl`…`docs/part2.jsonl`, 80 each; their lines.
fn three_parts(env: &TestEnv) -> Vec<String> {
    let lines: Vec<String> = synthetic_reports(240).lines().map(String::from).collect();
    for (shard, part) in lines.chunks(80).enumerate() {
        env.write(
            &format!("docs/part{shard}.jsonl"),
            part.join("\n").as_bytes(),
        );
    }
    lines
}

/// Three files of reports, indexed whole into `whole` and one a shard into `s0`…`s2`.
fn corpus_in_three_shards() -> TestEnv {
    let env = TestEnv::new();
    three_parts(&env);
    for shard in 0..3 {
        env.stdout(&[
            "index",
            &format!("docs/part{shard}.jsonl"),
            "--index",
            &format!("s{shard}"),
        ]);
    }
    env.stdout(&["index", "docs", "--index", "whole"]);
    env
}

#[test]
fn shards_and_their_merge_answer_like_one_index() {
    let env = corpus_in_three_shards();
    let merged = env.stdout(&["merge", "s0", "s1", "s2", "--into", "merged"]);
    assert!(
        merged.contains("240 documents in, 0 duplicates folded, 240 documents out"),
        "{merged}"
    );
    for options in OPTIONS {
        let whole = answers(&env, &["whole"], options);
        assert!(whole.len() > QUERIES.len(), "{options:?}: hits expected");
        assert_eq!(
            answers(&env, &["s0", "s1", "s2"], options),
            whole,
            "{options:?}"
        );
        assert_eq!(answers(&env, &["merged"], options), whole, "{options:?}");
        // A control: one shard alone answers otherwise.
        assert_ne!(answers(&env, &["s0"], options), whole, "{options:?}");
    }
    let documents = |args: &[&str]| {
        let stats: Value = serde_json::from_str(&env.stdout(args)).unwrap();
        stats["documents"].as_u64().unwrap()
    };
    let all = [
        "stats", "--json", "--index", "s0", "--index", "s1", "--index", "s2",
    ];
    assert_eq!(documents(&all), 240);
}

#[test]
fn a_story_in_two_shards_is_two_documents_there_and_one_when_merged() {
    let env = TestEnv::new();
    let story = r#"{"id": "k1", "date": "2024-03-01", "title": "市科协召开党组会议", "body": "会议学习新质生产力。"}"#;
    env.write("a/news.jsonl", story.as_bytes());
    env.write("b/news.jsonl", story.as_bytes());
    env.stdout(&["index", "a", "--index", "sa"]);
    env.stdout(&["index", "b", "--index", "sb"]);
    let lines = env.stdout(&[
        "search",
        "新质生产力",
        "--json",
        "--index",
        "sa",
        "--index",
        "sb",
    ]);
    let lines: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "two hits and the total: {lines:?}");
    assert_eq!(
        (&lines[0]["id"], &lines[1]["id"]),
        (&"k1".into(), &"k1".into())
    );
    assert_eq!(lines[2]["total"], 2);
    let out = env.stdout(&["merge", "sa", "sb", "--into", "merged", "--json"]);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["duplicates_folded"], 1);
    assert_eq!(report["documents_out"], 1);
    let shown: Value =
        serde_json::from_str(&env.stdout(&["show", "k1", "--index", "merged", "--json"])).unwrap();
    let sources: Vec<&str> = shown["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 2, "{shown}");
    assert!(sources[0].ends_with("a/news.jsonl:1") && sources[1].ends_with("b/news.jsonl:1"));
}

#[test]
fn a_merge_that_folds_stories_scores_like_one_index() {
    // Twenty stories of the second shard also sit, reworded, in a file of the first: one
    // index of everything folds each pair when it reads the second copy (rewriting the
    // document, so that its first version lingers deleted in a segment), the merge when it
    // meets both. Every score must still be equal: statistics count live documents only.
    let env = TestEnv::new();
    let lines = three_parts(&env);
    let again: Vec<String> = lines[80..100]
        .iter()
        .map(|line| {
            let mut story: Value = serde_json::from_str(line).unwrap();
            let body = format!("{}会议要求抓好落实。", story["body"].as_str().unwrap());
            story["body"] = body.into();
            story.to_string()
        })
        .collect();
    env.write("docs/again.jsonl", again.join("\n").as_bytes());
    let whole = env.stdout(&["index", "docs", "--index", "whole"]);
    assert!(whole.contains("20 merged"), "{whole}");
    for (shard, files) in [
        &["docs/part0.jsonl", "docs/again.jsonl"][..],
        &["docs/part1.jsonl"],
        &["docs/part2.jsonl"],
    ]
    .iter()
    .enumerate()
    {
        let mut args = vec!["index"];
        args.extend(*files);
        let name = format!("s{shard}");
        args.extend(["--index", &name]);
        env.stdout(&args);
    }
    let merged = env.stdout(&["merge", "s0", "s1", "s2", "--into", "merged"]);
    assert!(
        merged.contains("260 documents in, 20 duplicates folded, 240 documents out"),
        "{merged}"
    );
    for options in OPTIONS {
        let whole = answers(&env, &["whole"], options);
        assert!(whole.len() > QUERIES.len(), "{options:?}: hits expected");
        assert_eq!(answers(&env, &["merged"], options), whole, "{options:?}");
    }
}

#[test]
fn shards_built_otherwise_are_refused_saying_what_differs() {
    let env = TestEnv::new();
    env.write("docs/news.jsonl", synthetic_reports(3).as_bytes());
    env.write("political.txt", "专题工作会议 100 n\n".as_bytes());
    env.stdout(&["index", "docs", "--index", "plain"]);
    env.stdout(&[
        "index",
        "docs",
        "--index",
        "with_dict",
        "--dict",
        "political.txt",
    ]);
    let refused = "with_dict: cannot be used with plain: its user dictionary (--dict) differs";
    env.assert_failure_with_error(
        &["search", "会议", "--index", "plain", "--index", "with_dict"],
        refused,
    );
    env.assert_failure_with_error(&["merge", "plain", "with_dict", "--into", "m"], refused);
    // Another version of zhsearch: another index format.
    env.stdout(&["index", "docs", "--index", "old"]);
    let settings = env.path("old/zhsearch.json");
    let text = std::fs::read_to_string(&settings).unwrap();
    let format = zhsearch::Settings::default().format;
    let current = format!("\"format\": {format}");
    assert!(text.contains(&current), "{text}");
    std::fs::write(&settings, text.replace(&current, "\"format\": 4")).unwrap();
    env.assert_failure_with_error(
        &["search", "会议", "--index", "plain", "--index", "old"],
        &format!("old: index format 4 is not {format}; rebuild the index"),
    );
    // The same shard twice would count every document twice.
    env.assert_failure_with_error(
        &["search", "会议", "--index", "plain", "--index", "plain"],
        "the same shard given twice",
    );
    env.assert_failure_with_error(
        &["index", "docs", "--index", "plain", "--index", "old"],
        "this command writes one: give --index once",
    );
}
