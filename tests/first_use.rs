//! What a new user meets first: the sample corpus, typos in paths, folders of odd files,
//! pipes, exit codes, read-only copies of an index and query operators.

use std::io::Read;
use std::process::Stdio;

use crate::util::TestEnv;

fn indexed() -> TestEnv {
    let env = TestEnv::with_fixtures();
    env.stdout(&["index", "docs", "--index", "ix"]);
    env
}

#[test]
fn the_sample_corpus_is_searched_in_memory_and_said_to_be_fictional() {
    let env = TestEnv::new();
    for _ in 0..2 {
        let out = env.run(&["search", "二十大精神"]);
        assert_eq!(out.status.code(), Some(0));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("sample corpus"), "{stderr}");
        assert!(stderr.contains("fictional"), "{stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("**二十大精神**"), "{stdout}");
    }
    // Nothing was written: a later `index` without `--index` starts a real index, with no
    // sample document in it.
    assert!(!env.path("index").exists());
    env.write(
        "real/a.jsonl",
        "{\"id\":\"r1\",\"title\":\"真实会议\",\"body\":\"研究部署二十大精神学习。\"}\n".as_bytes(),
    );
    env.stdout(&["index", "real"]);
    let stats: serde_json::Value = serde_json::from_str(&env.stdout(&["stats", "--json"])).unwrap();
    assert_eq!(stats["documents"], 1);
    let out = env.run(&["search", "二十大精神"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_path_that_does_not_exist_fails_and_creates_nothing() {
    let env = TestEnv::new();
    env.assert_failure_with_error(
        &["index", "no-such-folder", "--index", "ix"],
        "no-such-folder",
    );
    assert!(!env.path("ix").exists());
    env.assert_failure_with_error(&["index", "no-such-folder"], "no-such-folder");
    assert!(!env.path("index").exists());
}

#[test]
fn an_index_is_never_written_into_a_folder_of_other_files() {
    let env = TestEnv::with_fixtures();
    env.write("notes/todo.md", b"buy milk");
    env.assert_failure_with_error(
        &["index", "docs", "--index", "notes"],
        "holds other files and no zhsearch index",
    );
    let left: Vec<_> = std::fs::read_dir(env.path("notes")).unwrap().collect();
    assert_eq!(left.len(), 1);
    // A folder holding only hidden files (a `.gitkeep`) is fine.
    env.write("empty/.gitkeep", b"");
    env.stdout(&["index", "docs", "--index", "empty"]);
}

#[test]
fn server_pages_are_read_by_content_and_other_files_are_reported() {
    let env = TestEnv::with_fixtures();
    let page = std::fs::read_to_string(env.path("docs/jiaoyu.html")).unwrap();
    for (i, name) in ["show.php", "detail.jsp", "view.aspx", "old.asp", "article"]
        .iter()
        .enumerate()
    {
        let story = page
            .replace("专题会议", &format!("第{i}次专题会议"))
            .replace("4月6日", &format!("4月{}日", i + 1));
        env.write(&format!("site/{name}"), story.as_bytes());
    }
    env.write("site/table.csv", b"a,b\n1,2\n");
    env.write("site/report.pdf", b"%PDF-1.4\n");
    env.write("site/README", b"not a page\n");
    env.write("site/.git/HEAD", b"ref: refs/heads/main\n");
    let out = env.run(&["index", "site", "--index", "ix"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(
            "5 added, 0 updated, 0 unchanged, 0 merged, 0 removed, 3 skipped (3 unsupported type), 0 failed"
        ),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    for name in ["table.csv", "report.pdf", "README"] {
        assert!(stderr.contains(name), "{name}: {stderr}");
    }
    assert!(!stderr.contains(".git"), "{stderr}");
    let (hits, total) = env.search_json(&[], &["新质生产力"]);
    assert_eq!((hits.len(), total), (5, 5));
}

#[test]
fn many_unsupported_files_are_counted_and_listed_with_verbose() {
    let env = TestEnv::with_fixtures();
    for i in 0..12 {
        env.write(&format!("docs/scan{i:02}.png"), b"\x89PNG");
    }
    let out = env.run(&["index", "docs", "--index", "ix"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("unsupported type:").count(), 5, "{stderr}");
    assert!(
        stderr.contains("and 7 more files of unsupported types"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("12 skipped (12 unsupported type)"),
        "{stdout}"
    );
    let out = env.run(&["-v", "index", "docs", "--index", "ix2"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("unsupported type:").count(), 12, "{stderr}");
}

#[test]
fn exit_status_is_as_grep() {
    let env = indexed();
    assert_eq!(
        env.run(&["search", "--index", "ix", "会议"]).status.code(),
        Some(0)
    );
    let none = env.run(&["search", "--index", "ix", "无此词语"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stdout).starts_with("0 matching documents"));
    let bad = env.run(&["search", "--index", "ix", "\"会议"]);
    assert_eq!(bad.status.code(), Some(2));
    env.write("queries.txt", "无此词语\n会议\n".as_bytes());
    let batch = ["search", "--index", "ix", "--queries", "queries.txt"];
    assert_eq!(env.run(&batch).status.code(), Some(0));
    env.write("queries.txt", "无此词语\n".as_bytes());
    assert_eq!(env.run(&batch).status.code(), Some(1));
}

#[test]
fn json_output_ends_with_the_total() {
    let env = indexed();
    let out = env.run(&["search", "--index", "ix", "--json", "--limit", "1", "会议"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["id"].is_string());
    let (all, total) = env.search_json(&[], &["会议"]);
    assert_eq!(lines[1], serde_json::json!({ "total": total }));
    assert!(total > 1 && all.len() as u64 == total);
    let (none, total) = env.search_json(&[], &["无此词语"]);
    assert_eq!((none.len(), total), (0, 0));
}

#[test]
fn and_not_are_operators_and_minus_works_unquoted() {
    let env = indexed();
    let ids = |query: &[&str]| -> Vec<String> {
        env.hits(query)
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&["会议 AND 精神"]), ids(&["会议 精神"]));
    let without = ids(&["会议 -精神"]);
    assert_eq!(ids(&["会议 NOT 精神"]), without);
    assert!(!without.is_empty() && without.len() < ids(&["会议"]).len());
    // On the command line, unquoted and with options after it.
    let out = env.stdout(&[
        "search", "--index", "ix", "会议", "-精神", "--json", "-n", "100",
    ]);
    let unquoted: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter_map(|l| l["id"].as_str().map(String::from))
        .collect();
    assert_eq!(unquoted, without);
    env.assert_failure_with_error(
        &["search", "--index", "ix", "meeting_date:2024-01"],
        "query:1: unknown field `meeting_date` (known: title, person",
    );
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    let env = TestEnv::with_fixtures();
    // Enough output that the reader closes the pipe before it is all written.
    let records: String = (0..3000)
        .map(|i| format!("{{\"id\":\"r{i}\",\"title\":\"第{i}次工作会议\",\"body\":\"会议研究部署工作。编号{i}。\"}}\n"))
        .collect();
    env.write("many/records.jsonl", records.as_bytes());
    env.stdout(&["index", "many", "--index", "ix"]);
    for args in [
        &["search", "--index", "ix", "会议", "--limit", "3000"][..],
        &[
            "search", "--index", "ix", "会议", "--limit", "3000", "--json",
        ],
        &["search", "--index", "ix", "会议", "--format", "csv"],
        &["extract", "many"],
    ] {
        for _ in 0..15 {
            let mut child = env
                .command(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut head = [0u8; 10];
            child.stdout.take().unwrap().read_exact(&mut head).unwrap();
            // Dropping the read end closes the pipe, as `| head -c 10` does.
            let out = child.wait_with_output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{args:?}");
            assert!(
                out.stderr.is_empty(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_copy_can_be_searched_by_another_user() {
    use std::os::unix::fs::PermissionsExt;
    let env = indexed();
    // Files of a new index are as readable as the umask lets any new file be.
    env.write("probe", b"");
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let expected_mode = mode(&env.path("probe"));
    for entry in std::fs::read_dir(env.path("ix")).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), expected_mode, "{}", path.display());
    }
    let copy = env.path("copy");
    std::fs::create_dir(&copy).unwrap();
    for entry in std::fs::read_dir(env.path("ix")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
    }
    let expected = env.stdout(&["search", "--index", "ix", "会议", "--json"]);
    let make_read_only = |mode: u32| {
        for entry in std::fs::read_dir(&copy).unwrap() {
            let path = entry.unwrap().path();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode & 0o444)).unwrap();
        }
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    make_read_only(0o555);
    let copy_mode = 0o555;
    // As another user when the tests run as root (root may write anything), else as us.
    let is_root = std::env::var("USER").as_deref() == Ok("root")
        || std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        });
    let out = if is_root && std::path::Path::new("/usr/bin/setpriv").exists() {
        // The other user must be able to reach the folder and run the binary.
        for dir in [env.path(""), copy.clone()] {
            let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode | 0o005)).unwrap();
        }
        let binary = env.path("zhsearch-copy");
        std::fs::copy(env!("CARGO_BIN_EXE_zhsearch"), &binary).unwrap();
        std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::process::Command::new("/usr/bin/setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&binary)
            .args(["search", "--index"])
            .arg(&copy)
            .args(["会议", "--json"])
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    } else {
        env.run(&["search", "--index", "copy", "会议", "--json"])
    };
    make_read_only(copy_mode | 0o200);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
}
