//! One harness for driving the real `zhsearch` binary against fixture files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary folder with fixtures, in which the binary runs.
pub struct TestEnv {
    dir: tempfile::TempDir,
}

impl TestEnv {
    /// An empty folder.
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A folder holding copies of `tests/fixtures/`.
    pub fn with_fixtures() -> TestEnv {
        let env = TestEnv::new();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for entry in std::fs::read_dir(fixtures).expect("fixtures") {
            let entry = entry.unwrap();
            env.write(
                &format!("docs/{}", entry.file_name().to_string_lossy()),
                &std::fs::read(entry.path()).unwrap(),
            );
        }
        env
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, contents: &[u8]) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// The binary, set to run here without the user's zhsearch environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_zhsearch"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("ZHSEARCH_INDEX")
            .env("NO_COLOR", "1");
        command
    }

    /// Runs the binary here, without the user's zhsearch environment.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run zhsearch")
    }

    /// Runs with `input` on standard input and expects success; returns stdout.
    pub fn stdout_with_input(&self, args: &[&str], input: &str) -> String {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhsearch"))
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("ZHSEARCH_INDEX")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run zhsearch");
        let mut stdin = child.stdin.take().expect("stdin");
        let input = input.to_string();
        // Write from another thread so that a full stdout pipe cannot block both sides.
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let out = child.wait_with_output().expect("wait for zhsearch");
        writer.join().expect("writer thread").expect("write stdin");
        assert!(
            out.status.success(),
            "zhsearch {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs and expects success; returns stdout.
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "zhsearch {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs and expects exit status 2 with `message` in stderr; returns stderr.
    pub fn assert_failure_with_error(&self, args: &[&str], message: &str) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(2),
            "zhsearch {args:?}: expected exit 2, stderr:\n{stderr}"
        );
        assert!(
            stderr.contains(message),
            "zhsearch {args:?}: expected {message:?} in stderr:\n{stderr}"
        );
        stderr
    }

    /// The JSON hits of a search.
    pub fn hits(&self, query: &[&str]) -> Vec<serde_json::Value> {
        self.hits_with(&[], query)
    }

    /// The JSON lines of a search with extra `options` (hits, then facets if asked),
    /// without the closing `{"total": N}` line.
    pub fn hits_with(&self, options: &[&str], query: &[&str]) -> Vec<serde_json::Value> {
        let (lines, _) = self.search_json(options, query);
        lines
    }

    /// The JSON lines of a search (hits, then facets if asked) and the total it reports.
    /// A search that finds nothing exits 1, as grep does.
    pub fn search_json(&self, options: &[&str], query: &[&str]) -> (Vec<serde_json::Value>, u64) {
        let mut args = vec!["search", "--index", "ix", "--json", "--limit", "1000"];
        args.extend(options);
        args.push("--");
        args.extend(query);
        let out = self.run(&args);
        let mut lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
            .expect("utf-8 stdout")
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect();
        let total = lines
            .pop()
            .and_then(|last| last["total"].as_u64())
            .expect("a last line with the total");
        let expected = if total > 0 { 0 } else { 1 };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "zhsearch {args:?}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (lines, total)
    }

    /// `documents` from `stats --json`.
    pub fn documents(&self) -> u64 {
        let stats: serde_json::Value =
            serde_json::from_str(&self.stdout(&["stats", "--index", "ix", "--json"])).unwrap();
        stats["documents"].as_u64().unwrap()
    }
}

/// `../shared` beside the repository, if present; tests that need it skip without it.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("corpus").is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/corpus is not beside the repository");
        None
    }
}

/// `n` fictional meeting reports as JSON Lines, ids `r0`…, each holding the code
/// `编号{i}号` once so that a phrase query finds exactly it.
pub fn synthetic_reports(n: usize) -> String {
    const BODIES: [&str; 5] = [
        "会议传达学习党的二十大精神，研究部署下一阶段重点工作。",
        "会议强调，要因地制宜发展新质生产力，推动产业转型升级。",
        "会议听取了年度工作情况汇报，审议通过了有关文件。",
        "与会同志围绕科技创新、乡村振兴等议题进行了深入讨论。",
        "会议要求，各部门要压实责任，确保各项任务落到实处。",
    ];
    const BODIES_2: [&str; 3] = [
        "南湖市人民政府副市长林思远出席会议并讲话。",
        "市科协党组书记方可主持会议。",
        "市教育局局长祁连山通报了有关情况。",
    ];
    let mut out = String::new();
    for i in 0..n {
        let day = i % 28 + 1;
        let record = serde_json::json!({
            "id": format!("r{i}"),
            "date": format!("2023-{:02}-{day:02}", i % 12 + 1),
            "title": format!("南湖市召开第{i}次专题工作会议"),
            "body": format!(
                "{}{}本次会议材料编号{i}号。{}",
                BODIES[i % BODIES.len()],
                BODIES_2[i % BODIES_2.len()],
                BODIES[(i / 5) % BODIES.len()],
            ),
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}
