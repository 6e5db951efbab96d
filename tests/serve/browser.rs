//! The search page in headless Chromium: the DOM after the page's script has run, read
//! with `--dump-dom`. Skipped, with a `skipping:` line, only where no Chromium is
//! installed (`.ci/run` installs Debian's `chromium`).

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use scraper::{Html, Selector};

use super::{Server, encode, indexed};

/// The browser: `$CHROMIUM`, else the first of the usual names on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    eprintln!("skipping: no chromium on PATH (set $CHROMIUM, or apt-get install chromium)");
    None
}

/// The page at `url` as the DOM stands once its script has run.
fn dump_dom(browser: &PathBuf, url: &str) -> Html {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        let _ = stdout.read_to_string(&mut dom);
        dom
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().expect("wait for chromium").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish {url} within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let dom = reader.join().expect("reader thread");
    assert!(dom.contains("</html>"), "no DOM for {url}: {dom}");
    Html::parse_document(&dom)
}

fn select<'a>(dom: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    dom.select(&Selector::parse(selector).unwrap()).collect()
}

fn text(element: &scraper::ElementRef) -> String {
    element.text().collect()
}

fn one_text(dom: &Html, selector: &str) -> String {
    let found = select(dom, selector);
    assert_eq!(found.len(), 1, "{selector}: {}", dom.html());
    text(&found[0])
}

#[test]
fn r23_page_shows_hits_facets_and_timeline() {
    let Some(browser) = chromium() else { return };
    let env = indexed();
    let server = Server::start(&env);
    let api = server
        .get("/api/search?q=%E4%BC%9A%E8%AE%AE&facets=true")
        .json();
    let dom = dump_dom(&browser, &server.url("/?q=%E4%BC%9A%E8%AE%AE"));

    let total = select(&dom, "#total");
    assert_eq!(total.len(), 1, "{}", dom.html());
    assert_eq!(
        total[0].attr("data-total"),
        Some(api["total"].to_string().as_str())
    );
    let titles: Vec<String> = select(&dom, "#hits .hit a.title")
        .iter()
        .map(text)
        .collect();
    let expected: Vec<&str> = api["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, expected);
    let meetings: Vec<String> = select(&dom, "#hits .hit .meeting")
        .iter()
        .map(text)
        .collect();
    let expected: Vec<&str> = api["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["meeting"]["series"].as_str())
        .collect();
    assert!(!expected.is_empty(), "a hit reports a meeting");
    assert_eq!(meetings, expected, "no meeting has an instance here");
    assert!(
        !select(&dom, "#hits .snippet mark").is_empty(),
        "matches are marked"
    );
    let hit_link = select(&dom, "#hits a.title")[0]
        .attr("href")
        .unwrap()
        .to_string();
    assert!(hit_link.starts_with("/doc/") && hit_link.ends_with("?q=%E4%BC%9A%E8%AE%AE"));

    // One bar per month from the first to the last; the months with matches are the API's.
    let bars = select(&dom, "svg#timeline rect.bar");
    let months = api["facets"]["months"].as_array().unwrap();
    let with_matches: Vec<(String, String)> = bars
        .iter()
        .filter(|b| b.attr("data-count") != Some("0"))
        .map(|b| {
            (
                b.attr("data-month").unwrap().into(),
                b.attr("data-count").unwrap().into(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = months
        .iter()
        .map(|m| (m["value"].as_str().unwrap().into(), m["count"].to_string()))
        .collect();
    assert_eq!(with_matches, expected);
    assert_eq!(bars.len(), 16, "2022-12 to 2024-03, every month");

    let departments = select(&dom, "ul[data-facet=departments] a");
    assert_eq!(
        departments.len(),
        api["facets"]["departments"].as_array().unwrap().len()
    );
    assert!(!select(&dom, "ul[data-facet=years] a").is_empty());
    let export = select(&dom, "#export")[0].attr("href").unwrap();
    assert!(export.starts_with("/api/export.csv?q="), "{export}");
}

#[test]
fn r23_a_facet_link_adds_its_filter_and_the_url_reproduces_the_view() {
    let Some(browser) = chromium() else { return };
    let env = indexed();
    let server = Server::start(&env);
    let dom = dump_dom(&browser, &server.url("/?q=%E4%BC%9A%E8%AE%AE"));
    let links = select(&dom, "ul[data-facet=persons] li");
    let item = links
        .iter()
        .find(|li| text(li).starts_with("李强"))
        .expect("李强 among the persons");
    let link = Selector::parse("a").unwrap();
    let href = item.select(&link).next().unwrap().attr("href").unwrap();
    let count: String = item
        .select(&Selector::parse(".count").unwrap())
        .next()
        .map(|c| text(&c))
        .unwrap();
    assert_eq!(
        href,
        format!("/?q={}", "%E4%BC%9A%E8%AE%AE+person%3A%E6%9D%8E%E5%BC%BA")
    );

    let filtered = dump_dom(&browser, &server.url(href));
    assert_eq!(
        select(&filtered, "#total")[0].attr("data-total"),
        Some(count.as_str()),
        "the facet's count is the filtered total"
    );
    assert!(one_text(&filtered, "#filters").contains("person:李强"));
    let api = server
        .get(&format!("/api/search?q={}", encode("会议 person:李强")))
        .json();
    let titles: Vec<String> = select(&filtered, "#hits a.title")
        .iter()
        .map(text)
        .collect();
    let expected: Vec<String> = api["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles, expected);
    // The date sort is part of the URL too.
    let by_date = dump_dom(&browser, &server.url("/?q=%E4%BC%9A%E8%AE%AE&sort=date"));
    let first = select(&by_date, "#hits .hit")[0]
        .attr("data-id")
        .unwrap()
        .to_string();
    let api = server
        .get("/api/search?q=%E4%BC%9A%E8%AE%AE&sort=date")
        .json();
    assert_eq!(first, api["hits"][0]["id"].as_str().unwrap());
}

#[test]
fn r23_document_view_shows_fields_and_marks_matches() {
    let Some(browser) = chromium() else { return };
    let env = indexed();
    let server = Server::start(&env);
    let q = encode("经济普查");
    let dom = dump_dom(&browser, &server.url(&format!("/doc/n1?q={q}")));
    assert_eq!(one_text(&dom, "#title"), "国务院常务会议研究经济普查工作");
    assert_eq!(one_text(&dom, "dd[data-field=date]"), "2024-03-05");
    assert_eq!(one_text(&dom, "dd[data-field=department]"), "国务院");
    assert_eq!(one_text(&dom, "dd[data-field=meeting]"), "国务院常务会议");
    assert_eq!(one_text(&dom, "dd[data-field=persons]"), "李强");
    assert_eq!(one_text(&dom, "dd[data-field=roles]"), "总理 李强");
    assert_eq!(
        one_text(&dom, "dd[data-field=url] a"),
        "https://example.cn/n1"
    );
    let marks: Vec<String> = select(&dom, "article mark").iter().map(text).collect();
    assert_eq!(marks, ["经济普查", "经济普查"]);
    assert_eq!(select(&dom, "article mark.current").len(), 1);
    assert_eq!(one_text(&dom, "#match-count"), "1 / 2");
    assert_eq!(select(&dom, "#next-match").len(), 1);
    assert_eq!(select(&dom, "#previous-match").len(), 1);
    // `#match-2` starts at the second match.
    let second = dump_dom(&browser, &server.url(&format!("/doc/n1?q={q}#match-2")));
    assert_eq!(one_text(&second, "#match-count"), "2 / 2");
    // An id that is a path (a page file's) works through its encoded form.
    let path_id = env.hits(&["新质生产力"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(path_id.ends_with("docs/jiaoyu.html"), "{path_id}");
    let page = dump_dom(&browser, &server.url(&format!("/doc/{}", encode(&path_id))));
    assert_eq!(
        one_text(&page, "#title"),
        "南湖市教育局召开新质生产力专题会议"
    );
    let missing = dump_dom(&browser, &server.url("/doc/..%2Fnothing"));
    assert!(one_text(&missing, ".error").contains("no document"));
}

#[test]
fn r23_report_markup_renders_as_text() {
    let Some(browser) = chromium() else { return };
    let env = indexed();
    let server = Server::start(&env);
    let q = encode("新质生产力");
    for path in [format!("/?q={q}"), format!("/doc/x1?q={q}")] {
        let dom = dump_dom(&browser, &server.url(&path));
        let page = dom.html();
        assert!(
            !page.contains("pwned\"") && !page.contains("data-pwned"),
            "{path}: script ran"
        );
        // The report's title is the page's title as text; a script run would set "pwned".
        assert_ne!(one_text(&dom, "head > title"), "pwned", "{path}");
        assert!(
            select(&dom, "main img").is_empty(),
            "{path}: an <img> was made"
        );
        assert!(
            select(&dom, "main script").is_empty(),
            "{path}: a <script> was made"
        );
        assert!(select(&dom, "main i").is_empty(), "{path}: an <i> was made");
        let main = one_text(&dom, "main");
        assert!(
            main.contains("<script>document.title='pwned'</script>新质生产力座谈会"),
            "{path}: {main}"
        );
    }
    let doc = dump_dom(&browser, &server.url(&format!("/doc/x1?q={q}")));
    let body = one_text(&doc, "#body");
    assert!(
        body.starts_with("<img src=x onerror=\"document.body.dataset.pwned='1'\">会议强调发展"),
        "{body}"
    );
    assert!(body.contains("<b>加粗</b> & 其他"), "{body}");
    let marks: Vec<String> = select(&doc, "#body mark").iter().map(text).collect();
    assert_eq!(marks, ["新质生产力"]);
}
