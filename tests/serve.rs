//! `zhsearch serve`: the real binary on a fixture index, on a free loopback port, asked
//! over HTTP and compared with the CLI's answers. Browser tests are in `serve/browser.rs`.

mod browser;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

use crate::util::TestEnv;

/// A report whose text is markup, to show that the page treats it as text.
const HOSTILE_REPORT: &str = r#"{"id":"x1","date":"2024-01-09","title":"<script>document.title='pwned'</script>新质生产力座谈会","body":"<img src=x onerror=\"document.body.dataset.pwned='1'\">会议强调发展新质生产力。<b>加粗</b> & 其他","department":"<i>市委</i>办公室","persons":["李强"]}"#;

/// The fixtures and the hostile report, indexed in `ix`.
pub(crate) fn indexed() -> TestEnv {
    let env = TestEnv::with_fixtures();
    env.write("docs/hostile.jsonl", HOSTILE_REPORT.as_bytes());
    env.stdout(&["index", "docs", "--index", "ix"]);
    env
}

/// A running `zhsearch serve`; killed when dropped.
pub(crate) struct Server {
    child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
}

impl Server {
    pub(crate) fn start(env: &TestEnv) -> Server {
        let mut child = env
            .command(&["serve", "--index", "ix", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start zhsearch serve");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let line = match receiver.recv_timeout(Duration::from_secs(60)) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                panic!("zhsearch serve printed no URL within 60 s");
            }
        };
        let addr = line
            .trim()
            .strip_prefix("http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("not a URL on stdout: {line:?}"))
            .to_string();
        assert!(addr.starts_with("127.0.0.1:"), "{addr}");
        Server { child, addr }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub(crate) fn get(&self, path: &str) -> Response {
        self.request("GET", path)
    }

    /// One HTTP/1.1 request on a new connection, read to its end.
    pub(crate) fn request(&self, method: &str, path: &str) -> Response {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read response");
        Response::parse(&raw)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of headers");
        let head = std::str::from_utf8(&raw[..split]).expect("ascii headers");
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("status line");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
        {
            body = dechunk(&body);
        }
        Response {
            status,
            headers,
            body,
        }
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("utf-8 body")
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..end]).unwrap();
        let size = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.extend_from_slice(&body[end + 2..end + 2 + size]);
        body = &body[end + 2 + size + 2..];
    }
    out
}

/// `text` percent-encoded for a query string.
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The CLI's JSON hits (without the facets line) and facets of a search.
fn cli_search(env: &TestEnv, options: &[&str], query: &str) -> (Vec<Value>, Option<Value>) {
    let lines = env.hits_with(options, &[query]);
    let (facets, hits): (Vec<Value>, Vec<Value>) =
        lines.into_iter().partition(|l| l.get("facets").is_some());
    (hits, facets.into_iter().next().map(|f| f["facets"].clone()))
}

#[test]
fn r23_api_hits_are_the_cli_hits_in_the_same_order() {
    let env = indexed();
    let server = Server::start(&env);
    let queries = [
        "新质生产力",
        "会议",
        "\"二十大\"",
        "会议 -二十大",
        "department:国务院",
        "person:李强 OR 普查",
        "date:2023..2024 会议",
    ];
    for query in queries {
        for sort in ["relevance", "date"] {
            let response = server.get(&format!(
                "/api/search?q={}&limit=1000&sort={sort}&facets=true",
                encode(query)
            ));
            assert_eq!(response.status, 200, "{query}: {}", response.text());
            let api = response.json();
            let (hits, facets) = cli_search(
                &env,
                &["--sort", sort, "--facets", "--facet-top", "15"],
                query,
            );
            assert!(!hits.is_empty(), "{query}: the fixtures should match");
            assert_eq!(api["hits"], Value::Array(hits.clone()), "{query} by {sort}");
            assert_eq!(api["total"], hits.len(), "{query}");
            assert_eq!(api["facets"], facets.unwrap(), "{query}");
            assert_eq!(api["sort"], sort);
        }
    }
    // Paging gives the CLI's page.
    let page = server
        .get("/api/search?q=%E4%BC%9A%E8%AE%AE&limit=2&offset=1")
        .json();
    let cli = env.stdout(&[
        "search", "--index", "ix", "--json", "--limit", "2", "--offset", "1", "会议",
    ]);
    let hits: Vec<Value> = cli
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l.get("id").is_some())
        .collect();
    assert_eq!(hits.len(), 2);
    assert_eq!(page["hits"], Value::Array(hits));
    assert!(page.get("facets").is_none(), "facets only when asked");
}

#[test]
fn r23_bad_input_is_a_json_client_error_and_the_server_lives_on() {
    let env = indexed();
    let server = Server::start(&env);
    let cases = [
        (
            "GET",
            "/api/search?q=%E7%A7%91%E5%8D%8F%20%22%E4%B8%89%E4%B8%AA",
            400,
            "unclosed quote",
        ),
        ("GET", "/api/search?q=date%3A2022-02-30", 400, "query:"),
        (
            "GET",
            "/api/search?q=%E4%BC%9A%E8%AE%AE&limit=-1",
            400,
            "negative",
        ),
        (
            "GET",
            "/api/search?q=%E4%BC%9A%E8%AE%AE&limit=1001",
            400,
            "at most 1000",
        ),
        (
            "GET",
            "/api/search?q=%E4%BC%9A%E8%AE%AE&limit=99999999999999999999999",
            400,
            "at most",
        ),
        (
            "GET",
            "/api/search?q=%E4%BC%9A%E8%AE%AE&offset=x",
            400,
            "whole number",
        ),
        (
            "GET",
            "/api/search?q=%E4%BC%9A%E8%AE%AE&sort=size",
            400,
            "sort",
        ),
        (
            "GET",
            "/api/search?q=%E4%BC%9A%E8%AE%AE&facets=maybe",
            400,
            "facets",
        ),
        (
            "GET",
            "/api/search?q=%E4%BC%9A%E8%AE%AE&facets=true&facet_top=100000",
            400,
            "facet_top",
        ),
        ("GET", "/api/search", 400, "empty query"),
        (
            "GET",
            "/api/export.csv?q=(%E4%BC%9A%E8%AE%AE",
            400,
            "unclosed",
        ),
        ("GET", "/api/documents/..", 404, "no document"),
        (
            "GET",
            "/api/documents/..%2F..%2Fetc%2Fpasswd",
            404,
            "no document",
        ),
        ("GET", "/api/documents/a/b", 404, "no such"),
        ("GET", "/api/documents/n1?q=%22", 400, "unclosed quote"),
        ("GET", "/api/stats?top=-3", 400, "negative"),
        ("GET", "/api/nothing", 404, "no such"),
        ("POST", "/api/search?q=x", 405, "only GET"),
        ("DELETE", "/api/documents/n1", 405, "only GET"),
    ];
    for (method, path, status, message) in cases {
        let response = server.request(method, path);
        assert_eq!(
            response.status,
            status,
            "{method} {path}: {}",
            response.text()
        );
        let body = response.json();
        let error = body["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{path}: {body}"));
        assert!(error.contains(message), "{path}: {error}");
    }
    let long_id = format!("/api/documents/{}", "a".repeat(5000));
    assert_eq!(server.get(&long_id).status, 400);
    // A document's page says by its status whether the document is there.
    assert_eq!(server.get("/doc/n1").status, 200);
    let missing = server.get("/doc/no-such-id");
    assert_eq!(missing.status, 404);
    assert!(
        missing
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(server.get("/api/stats").status, 200, "the server lives on");
}

#[test]
fn r23_every_response_carries_the_security_policy() {
    let env = indexed();
    let server = Server::start(&env);
    for path in [
        "/",
        "/doc/n1",
        "/assets/app.js",
        "/assets/style.css",
        "/api/stats",
        "/api/nothing",
    ] {
        let response = server.get(path);
        assert_eq!(
            response.header("content-security-policy"),
            Some(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                 connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
            ),
            "{path}"
        );
        assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
    }
    let page = server.get("/");
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    // The policy allows no inline script or style: the page has none.
    let html = page.text();
    assert!(html.contains(r#"<script src="/assets/app.js" defer></script>"#));
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert!(
        !html.contains("<style") && !html.contains("style="),
        "{html}"
    );
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no CDN: {html}"
    );
    let css = server.get("/assets/style.css");
    assert!(css.text().contains("\"Noto Sans CJK SC\""));
    assert!(!css.text().contains("@font-face") && !css.text().contains("url("));
}

#[test]
fn r23_documents_are_the_cli_show_output_with_marked_matches() {
    let env = indexed();
    let server = Server::start(&env);
    let shown: Value =
        serde_json::from_str(&env.stdout(&["show", "--index", "ix", "--json", "n1"])).unwrap();
    let api = server.get("/api/documents/n1").json();
    assert_eq!(api, shown);
    assert_eq!(api["title"], "国务院常务会议研究经济普查工作");
    assert_eq!(api["department"], serde_json::json!(["国务院"]));

    let marked = server
        .get(&format!(
            "/api/documents/n1?q={}",
            encode("经济普查 date:2024")
        ))
        .json();
    assert_eq!(
        marked["highlight"]["title"],
        "国务院常务会议研究<b>经济普查</b>工作"
    );
    assert!(
        marked["highlight"]["body"]
            .as_str()
            .unwrap()
            .contains("第五次全国<b>经济普查</b>工作")
    );
    // Markup in a report comes back escaped in the marked text.
    let hostile = server
        .get(&format!("/api/documents/x1?q={}", encode("新质生产力")))
        .json();
    let body = hostile["highlight"]["body"].as_str().unwrap();
    assert!(body.starts_with("&lt;img src=x onerror="), "{body}");
    assert!(
        body.contains("&lt;b&gt;加粗&lt;/b&gt; &amp; 其他"),
        "{body}"
    );
}

#[test]
fn r23_export_is_the_cli_csv() {
    let env = indexed();
    let server = Server::start(&env);
    for query in ["会议", "新质生产力 OR 普查"] {
        let response = server.get(&format!("/api/export.csv?q={}&sort=date", encode(query)));
        assert_eq!(response.status, 200);
        assert_eq!(
            response.header("content-type"),
            Some("text/csv; charset=utf-8")
        );
        let cli = env.run(&[
            "search", "--index", "ix", "--format", "csv", "--sort", "date", "--", query,
        ]);
        assert!(cli.status.success());
        assert_eq!(response.body, cli.stdout, "{query}");
        let (hits, _) = cli_search(&env, &["--sort", "date"], query);
        let lines = String::from_utf8(cli.stdout).unwrap();
        assert!(lines.starts_with(
            "\u{feff}id,date,title,url,department,meeting,meeting_instance,persons,score\n"
        ));
        assert_eq!(
            lines.lines().count(),
            hits.len() + 1,
            "{query}: one line a hit"
        );
    }
}

#[test]
fn r23_stats_are_the_cli_stats() {
    let env = indexed();
    let server = Server::start(&env);
    let cli: Value =
        serde_json::from_str(&env.stdout(&["stats", "--index", "ix", "--json"])).unwrap();
    let mut api = server.get("/api/stats").json();
    // The size on disk may differ by the reader's lock files; everything else is equal.
    api["size_bytes"] = cli["size_bytes"].clone();
    assert_eq!(api, cli);
}

#[test]
fn r23_eight_clients_at_once_all_get_answers() {
    let env = indexed();
    let server = Server::start(&env);
    let expected = server
        .get("/api/search?q=%E4%BC%9A%E8%AE%AE&facets=true")
        .json();
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                for _ in 0..10 {
                    let response = server.get("/api/search?q=%E4%BC%9A%E8%AE%AE&facets=true");
                    assert_eq!(response.status, 200);
                    assert_eq!(response.json(), expected);
                }
            });
        }
    });
}
