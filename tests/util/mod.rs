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

    /// Runs the binary here, without the user's zhsearch environment.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_zhsearch"))
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("ZHSEARCH_INDEX")
            .env("NO_COLOR", "1")
            .output()
            .expect("run zhsearch")
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

    /// The JSON lines of a search with extra `options` (hits, then facets if asked).
    pub fn hits_with(&self, options: &[&str], query: &[&str]) -> Vec<serde_json::Value> {
        let mut args = vec!["search", "--index", "ix", "--json", "--limit", "1000"];
        args.extend(options);
        args.push("--");
        args.extend(query);
        self.stdout(&args)
            .lines()
            .map(|l| serde_json::from_str(l).expect("json hit"))
            .collect()
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
