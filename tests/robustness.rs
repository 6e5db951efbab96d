//! Messy inputs, re-runs, crashes and concurrent use, through the real binary.

use std::collections::HashSet;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use encoding_rs::{BIG5, Encoding, GB18030, GBK};

use crate::util::{TestEnv, synthetic_reports};

/// Fictional reports in characters every encoding under test can write (Big5 has no
/// simplified forms, so these are in traditional characters).
const REPORTS: [(&str, &str, &str); 2] = [
    (
        "南灣區工商聯合會召開第三屆理事會議",
        "5月8日，南灣區工商聯合會召開第三屆理事會議，傳達學習年度工作報告精神。會長陳志明主持會議。",
        "會議強調，要加強會員服務，推動企業創新發展。",
    ),
    (
        "南灣區教育協會舉行年度會員大會",
        "6月12日，南灣區教育協會舉行年度會員大會，審議通過工作報告和財務報告。",
        "會議要求，要深化教育改革，提升辦學質量。",
    ),
];

/// A simplified-character report, for every encoding but Big5.
const SIMPLIFIED: (&str, &str, &str) = (
    "南湖市科协召开党组扩大会议传达学习全会精神",
    "11月25日下午，南湖市科协召开党组扩大会议，传达学习全会精神。市科协党组书记江一舟主持会议。",
    "会议要求，要把学习成果转化为推动工作的实际行动。",
);

fn page(charset: Option<&str>, variant: &str, (title, p1, p2): (&str, &str, &str)) -> String {
    let meta = charset.map_or(String::new(), |c| format!("<meta charset=\"{c}\">"));
    format!(
        "<!DOCTYPE html><html><head>{meta}<title>{title}_網站</title>\
         <link rel=\"canonical\" href=\"http://example.org/{variant}.html\"></head><body>\
         <div class=\"nav\"><a href=\"/\">首頁</a> <a href=\"/a\">新聞</a></div>\
         <h1>{title}</h1><div class=\"info\">來源：南灣區 2023-05-08</div>\
         <div class=\"text\"><p>{p1}</p><p>{p2}</p></div>\
         <div class=\"footer\">版權所有</div></body></html>"
    )
}

fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{} cannot write {text}", encoding.name());
    bytes.into_owned()
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

/// Every copy of a report, in every encoding (and some lying declarations), as files.
fn write_encoded_copies(env: &TestEnv, report: (&str, &str, &str), n: usize, big5: bool) -> usize {
    let page = |charset: Option<&str>, variant: &str, report| {
        page(charset, &format!("{variant}/{n}"), report)
    };
    let mut variants: Vec<(&str, Vec<u8>)> = vec![
        ("utf8", page(Some("utf-8"), "utf8", report).into_bytes()),
        ("utf8-bom", {
            let mut b = b"\xEF\xBB\xBF".to_vec();
            b.extend(page(None, "utf8-bom", report).into_bytes());
            b
        }),
        ("gbk", encode(GBK, &page(Some("gbk"), "gbk", report))),
        (
            "gb2312",
            encode(GBK, &page(Some("gb2312"), "gb2312", report)),
        ),
        (
            "gb18030",
            encode(GB18030, &page(Some("gb18030"), "gb18030", report)),
        ),
        (
            "gbk-undeclared",
            encode(GBK, &page(None, "gbk-undeclared", report)),
        ),
        // Pages that lie about their charset.
        (
            "gbk-says-utf8",
            encode(GBK, &page(Some("utf-8"), "gbk-says-utf8", report)),
        ),
        (
            "gbk-says-big5",
            encode(GBK, &page(Some("big5"), "gbk-says-big5", report)),
        ),
        (
            "utf16le",
            utf16(&page(Some("utf-16"), "utf16le", report), true),
        ),
        ("utf16be", utf16(&page(None, "utf16be", report), false)),
    ];
    if big5 {
        variants.push(("big5", encode(BIG5, &page(Some("big5"), "big5", report))));
        variants.push((
            "big5-undeclared",
            encode(BIG5, &page(None, "big5-undeclared", report)),
        ));
        variants.push((
            "big5-says-gb2312",
            encode(BIG5, &page(Some("gb2312"), "big5-says-gb2312", report)),
        ));
    }
    // Plain-text dumps of the page, which declare nothing.
    let (title, p1, p2) = report;
    let dump = format!(
        "首頁 新聞 公開\n\n{title}\n2023-05-08 10:00   來源：南灣區\n\n  {p1}\n\n  {p2}\n\n版權所有\n"
    );
    variants.push(("txt-gb18030", encode(GB18030, &dump)));
    variants.push(("txt-utf16", utf16(&dump, true)));
    if big5 {
        variants.push(("txt-big5", encode(BIG5, &dump)));
    }
    for (variant, bytes) in &variants {
        let extension = if variant.starts_with("txt") {
            "txt"
        } else {
            "html"
        };
        env.write(&format!("enc/{variant}/report{n}.{extension}"), bytes);
    }
    variants.len()
}

#[test]
fn every_encoding_of_the_same_reports_indexes_with_identical_titles() {
    let env = TestEnv::new();
    let mut copies = 0;
    for (n, report) in REPORTS.into_iter().enumerate() {
        copies += write_encoded_copies(&env, report, n, true);
    }
    copies += write_encoded_copies(&env, SIMPLIFIED, 9, false);

    let extracted = env.stdout(&["extract", "enc"]);
    let docs: Vec<serde_json::Value> = extracted
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), copies, "{extracted}");
    for (title, p1, p2) in REPORTS.into_iter().chain([SIMPLIFIED]) {
        let same: Vec<_> = docs.iter().filter(|d| d["title"] == title).collect();
        let expected = if title == SIMPLIFIED.0 { 12 } else { 16 };
        assert_eq!(
            same.len(),
            expected,
            "{title}: {:?}",
            docs.iter()
                .map(|d| (&d["source"], &d["title"]))
                .collect::<Vec<_>>()
        );
        for doc in same {
            assert_eq!(doc["body"], format!("{p1}\n{p2}"), "{}", doc["source"]);
        }
    }

    let summary = env.stdout(&["index", "enc", "--index", "ix"]);
    assert!(
        summary.starts_with(&format!(
            "{copies} added, 0 updated, 0 unchanged, 0 merged, 0 removed, 0 skipped, 0 failed"
        )),
        "{summary}"
    );
    assert_eq!(env.documents(), copies as u64);
    let hits = env.hits(&["\"工商聯合會召開第三屆理事會議\""]);
    assert_eq!(hits.len(), 16);
}

#[test]
fn a_folder_of_bad_files_gets_one_line_each_and_a_summary_by_reason() {
    let env = TestEnv::with_fixtures();
    let good = std::fs::read_to_string("tests/fixtures/jiaoyu.html").unwrap();
    let good = good.as_bytes();
    // Cut inside the body, in the middle of a character: what is there is indexed.
    let cut = std::str::from_utf8(good).unwrap().find("培养").unwrap() + 1;
    env.write("bad/truncated.html", &good[..cut]);
    env.write("bad/empty.html", b"");
    env.write("bad/binary.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let mut state = 11u32;
    let noise: Vec<u8> = (0..600)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            0x81 + (state >> 16) as u8 % 0x7E
        })
        .collect();
    env.write("bad/noise.txt", &noise);
    env.write(
        "bad/list.html",
        "<html><body><ul><li><a href=a>通知一</a></li><li><a href=b>通知二</a></li></ul></body></html>".as_bytes(),
    );
    env.write(
        "bad/shell.html",
        b"<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>",
    );
    env.write("bad/big.html", &vec![b'a'; 1_100_000]);
    let mut records = Vec::new();
    records.extend(b"{\"id\":\"a\",\"title\":\"\xe5\xa5\xbd\",\"body\":\"first good record\"}\n");
    records.extend(b"{\"title\": \n");
    records.extend(b"{\"title\":\"only a title\"}\n");
    records.extend(b"{\"title\":\"\xff\xfe\",\"body\":\"x\"}\n");
    records.extend(
        format!(
            "{{\"title\":\"long\",\"body\":\"{}\"}}\n",
            "x".repeat(1_100_000)
        )
        .as_bytes(),
    );
    records.extend(b"{\"id\":\"b\",\"title\":\"t\",\"body\":\"second good record\"}\n");
    // The same story again: merged into the first, whose content it keeps (line 1 < 7).
    records.extend(b"{\"id\":\"a\",\"title\":\"t\",\"body\":\"same id again\"}\n");
    records.extend(b"[1, 2]\n");
    env.write("bad/records.jsonl", &records);

    let args = ["index", "bad", "--index", "ix", "--max-file-mb", "1"];
    let out = env.run(&args);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut lines: Vec<&str> = stderr.lines().collect();
    lines.sort();
    let expected = [
        "zhsearch: bad/big.html: over the size cap of 1048576 bytes",
        "zhsearch: bad/binary.html: binary file (contains NUL bytes)",
        "zhsearch: bad/empty.html: empty file",
        "zhsearch: bad/list.html: no article text found (an index or list page?)",
        "zhsearch: bad/noise.txt: cannot decode with confidence:",
        "zhsearch: bad/records.jsonl:2: invalid JSON",
        "zhsearch: bad/records.jsonl:3: missing field `body`",
        "zhsearch: bad/records.jsonl:4: not UTF-8",
        "zhsearch: bad/records.jsonl:5: over the size cap of 1048576 bytes",
        "zhsearch: bad/records.jsonl:8:",
        "zhsearch: bad/shell.html: no article text found",
    ];
    assert_eq!(lines.len(), expected.len(), "{stderr}");
    for (line, start) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(start),
            "{line:?} should start with {start:?}"
        );
    }
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.starts_with(
            "3 added, 0 updated, 0 unchanged, 1 merged, 0 removed, 2 skipped (2 no article), \
             9 failed (1 empty, 1 binary, 2 undecodable, 2 too large, 3 bad record)"
        ),
        "{summary}"
    );
    assert_eq!(env.documents(), 3);
    assert_eq!(env.hits(&["产教融合"]).len(), 1, "the truncated page");

    // --strict: the same run, with the failures as exit status; nothing indexed is lost.
    let strict = env.run(&[
        "index",
        "bad",
        "--index",
        "ix",
        "--max-file-mb",
        "1",
        "--strict",
    ]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&strict.stderr).lines().count(), 11);
    assert_eq!(env.documents(), 3);
}

#[test]
fn reruns_skip_unchanged_inputs_and_prune_removes_vanished_ones() {
    let env = TestEnv::with_fixtures();
    env.stdout(&["index", "docs", "--index", "ix"]);
    assert_eq!(env.documents(), 5);

    let news = std::fs::read_to_string(env.path("docs/news.jsonl")).unwrap();
    let mut lines: Vec<&str> = news.lines().collect();
    lines.rotate_left(1);
    env.write(
        "docs/news.jsonl",
        format!("{}\n", lines.join("\n")).as_bytes(),
    );
    // Records that moved to other lines are updated (their source changed), never doubled.
    let moved = env.stdout(&["index", "docs", "--index", "ix"]);
    assert!(
        moved.starts_with("0 added, 3 updated, 2 unchanged, 0 merged, 0 removed"),
        "{moved}"
    );
    assert_eq!(env.documents(), 5);

    // A page edited in place (it has no URL: its id comes from its content) is updated.
    let page = std::fs::read_to_string(env.path("docs/jiaoyu.html")).unwrap();
    env.write(
        "docs/jiaoyu.html",
        page.replace("产教融合", "产教融合、科教融汇").as_bytes(),
    );
    let edited = env.stdout(&["index", "docs", "--index", "ix"]);
    assert!(
        edited.starts_with("0 added, 1 updated, 4 unchanged, 0 merged, 0 removed"),
        "{edited}"
    );
    assert_eq!(env.documents(), 5);
    assert_eq!(env.hits(&["科教融汇"]).len(), 1);

    // Vanished sources stay without --prune, and go with it.
    std::fs::remove_file(env.path("docs/kexie.txt")).unwrap();
    lines.pop();
    env.write(
        "docs/news.jsonl",
        format!("{}\n", lines.join("\n")).as_bytes(),
    );
    let kept = env.stdout(&["index", "docs", "--index", "ix"]);
    assert!(
        kept.starts_with("0 added, 0 updated, 3 unchanged, 0 merged, 0 removed"),
        "{kept}"
    );
    assert_eq!(env.documents(), 5);

    // A file or a line that cannot be read this time keeps what it gave before.
    env.write("docs/jiaoyu.html", b"");
    let broken = format!("{{\"title\": \n{}\n", lines[1]);
    env.write("docs/news.jsonl", broken.as_bytes());
    let pruned = env.stdout(&["index", "docs", "--index", "ix", "--prune"]);
    assert!(
        pruned.starts_with(
            "0 added, 0 updated, 1 unchanged, 0 merged, 2 removed, 0 skipped, 2 failed"
        ),
        "{pruned}"
    );
    assert_eq!(env.documents(), 3);
    assert_eq!(env.hits(&["科教融汇"]).len(), 1);
    assert!(env.hits(&["江一舟"]).is_empty());
}

/// A corpus large enough that indexing it takes a few seconds.
fn large_corpus(env: &TestEnv, n: usize) {
    env.write("big/reports.jsonl", synthetic_reports(n).as_bytes());
}

fn spawn_index(env: &TestEnv, extra: &[&str]) -> Child {
    let mut args = vec!["index", "big", "--index", "ix"];
    args.extend(extra);
    env.command(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn zhsearch index")
}

/// Waits until the running indexer has taken the index's writer lock.
fn wait_for_writer(env: &TestEnv, child: &mut Child) {
    let started = Instant::now();
    while !env.path("ix/writer.pid").exists() {
        assert!(child.try_wait().unwrap().is_none(), "indexer ended early");
        assert!(started.elapsed() < Duration::from_secs(30), "no writer.pid");
        std::thread::sleep(Duration::from_millis(5));
    }
}

const LARGE: usize = 20_000;

#[test]
fn kill_9_at_random_points_then_rerun_completes_exactly() {
    let env = TestEnv::new();
    large_corpus(&env, LARGE);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let mut state = seed;
    let mut committed = 0;
    for round in 0..3 {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let delay = Duration::from_millis(u64::from(state >> 8) % 2500);
        let mut child = spawn_index(&env, &["--commit-every", "1000"]);
        std::thread::sleep(delay);
        child.kill().unwrap();
        child.wait().unwrap();
        eprintln!("seed {seed}: round {round} killed after {delay:?}");
        if env.path("ix/zhsearch.json").exists() {
            // The last commit opens and searches.
            let documents = env.documents();
            assert!(
                documents >= committed && documents <= LARGE as u64,
                "{documents}"
            );
            committed = documents;
            // Found (0) or, before the first commit, nothing found (1); never an error.
            let search = env.run(&["search", "--index", "ix", "专题工作会议"]);
            assert!(matches!(search.status.code(), Some(0 | 1)), "{search:?}");
        }
    }
    let out = env.stdout(&["index", "big", "--index", "ix", "--commit-every", "1000"]);
    assert!(out.contains(" 0 failed;"), "{out}");
    assert_eq!(env.documents(), LARGE as u64, "seed {seed}: {out}");

    // Every document once, and each one found by its own code.
    let all = env.stdout(&[
        "search",
        "--index",
        "ix",
        "--json",
        "--limit",
        "100000",
        "专题工作会议",
    ]);
    let hits: Vec<serde_json::Value> = all
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|line| line.get("id").is_some())
        .collect();
    let ids: HashSet<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!((hits.len(), ids.len()), (LARGE, LARGE));
    let probes: Vec<usize> = (0..LARGE).step_by(97).collect();
    let queries: String = probes.iter().map(|i| format!("\"编号{i}号\"\n")).collect();
    env.write("probes.txt", queries.as_bytes());
    let found = env.stdout(&[
        "search",
        "--index",
        "ix",
        "--queries",
        "probes.txt",
        "--limit",
        "5",
    ]);
    let found: Vec<serde_json::Value> = found
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|line| line.get("id").is_some())
        .collect();
    assert_eq!(found.len(), probes.len());
    for (hit, i) in found.iter().zip(&probes) {
        assert_eq!(hit["id"], format!("r{i}"));
    }
}

#[test]
fn ctrl_c_commits_what_is_done_and_exits_cleanly() {
    let env = TestEnv::new();
    large_corpus(&env, LARGE);
    let mut child = spawn_index(&env, &[]);
    wait_for_writer(&env, &mut child);
    std::thread::sleep(Duration::from_millis(700));
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let summary = String::from_utf8_lossy(&out.stdout);
    let added: u64 = summary.split(' ').next().unwrap().parse().unwrap();
    assert!(added > 0 && added < LARGE as u64, "{summary}");
    assert!(
        summary.contains(&format!("; {added} documents in ix")),
        "{summary}"
    );
    assert_eq!(env.documents(), added);
    // The same command finishes the job.
    let rest = env.stdout(&["index", "big", "--index", "ix"]);
    assert!(
        rest.starts_with(&format!(
            "{} added, 0 updated, {added} unchanged",
            LARGE as u64 - added
        )),
        "{rest}"
    );
}

#[test]
fn searches_work_during_indexing_and_a_second_writer_is_told_who_holds_the_lock() {
    let env = TestEnv::with_fixtures();
    env.stdout(&["index", "docs", "--index", "ix"]);
    large_corpus(&env, LARGE);
    let mut child = spawn_index(&env, &["--commit-every", "2000"]);
    wait_for_writer(&env, &mut child);

    let second = env.assert_failure_with_error(
        &["index", "docs", "--index", "ix"],
        "index is locked by another zhsearch process",
    );
    assert!(
        second.contains(&format!("(pid {})", child.id())),
        "{second}"
    );
    assert_eq!(second.lines().count(), 1, "{second}");

    let mut searched = 0;
    while child.try_wait().unwrap().is_none() {
        let hits = env.hits(&["科协"]);
        assert!(!hits.is_empty());
        searched += 1;
    }
    assert!(searched > 0);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(env.documents(), LARGE as u64 + 5);
    assert!(!env.path("ix/writer.pid").exists());
}
