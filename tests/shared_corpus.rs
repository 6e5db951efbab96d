//! Checks on the real data in `../shared` (skipped when it is absent).

use zhsearch::{Engine, SearchRequest};

use crate::util::shared_dir;

#[test]
fn seed_page_is_found_clean_and_dated() {
    let Some(shared) = shared_dir() else { return };
    let engine = Engine::create_in_ram().unwrap();
    let report = engine.index_paths(&[shared.join("corpus/seed")]).unwrap();
    assert_eq!(report.added, 1);
    let results = engine
        .search(&SearchRequest::new("科协 党组扩大会议"))
        .unwrap();
    let hit = &results.hits[0];
    assert_eq!(
        hit.title,
        "市科协召开党组扩大会议传达学习市委十二届二次全会精神"
    );
    assert_eq!(hit.date.as_deref(), Some("2022-12-01T17:11:13"));
    for chrome in ["网站地图", "津ICP备", "走进科协", "推荐浏览器"] {
        assert_eq!(
            engine.search(&SearchRequest::new(chrome)).unwrap().total,
            0,
            "{chrome} reached the index"
        );
    }
    for person in [
        "陆为民",
        "罗进飞",
        "卢双盈",
        "夏秋雨",
        "王亚群",
        "边守川",
        "马福林",
    ] {
        assert!(
            hit.persons.iter().any(|p| p == person),
            "{person} missing from {:?}",
            hit.persons
        );
    }
}

#[test]
fn seed_page_metadata_is_exact() {
    let Some(shared) = shared_dir() else { return };
    let env = crate::util::TestEnv::new();
    let seed = shared.join("corpus/seed");
    let out = env.stdout(&["extract", seed.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(
        doc["title"],
        "市科协召开党组扩大会议传达学习市委十二届二次全会精神"
    );
    assert_eq!(doc["date"], "2022-12-01T17:11:13");
    assert_eq!(doc["meeting_date"], "2022-11-25");
    assert_eq!(doc["editor"], "岳桐树");
    assert_eq!(doc["author"], "张晓亭");
    let departments: Vec<&str> = doc["department"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        departments.contains(&"天津市科学技术协会"),
        "{departments:?}"
    );
    assert!(departments.contains(&"办公室"), "{departments:?}");
    // Every person, and nothing that is not one.
    assert_eq!(
        doc["persons"],
        serde_json::json!([
            "陆为民",
            "罗进飞",
            "卢双盈",
            "夏秋雨",
            "王亚群",
            "边守川",
            "马福林"
        ])
    );
    assert_eq!(doc["roles"][0]["name"], "陆为民");
    assert_eq!(doc["roles"][0]["role"], "党组书记、常务副主席");
}

#[test]
fn html_pages_yield_the_gold_title_and_date() {
    let Some(shared) = shared_dir() else { return };
    let gold_text = std::fs::read_to_string(shared.join("corpus/xwlb-2022-2024.jsonl")).unwrap();
    let gold: std::collections::HashMap<String, serde_json::Value> = gold_text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| (v["id"].as_str().unwrap_or_default().to_string(), v))
        .collect();
    let (files, _) = zhsearch::ingest::walk(&[shared.join("corpus/xwlb-html")]);
    let (mut checked, mut titles, mut dates) = (0, 0, 0);
    for file in files.iter().take(200) {
        let id = file
            .path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let Some(gold) = gold.get(&id) else { continue };
        let mut doc = None;
        zhsearch::ingest::read(file, &mut |i| {
            doc = i.and_then(|i| zhsearch::extract::extract(&i)).ok()
        })
        .unwrap();
        let doc = doc.expect("an article");
        checked += 1;
        titles += usize::from(doc.title == gold["title"].as_str().unwrap().replace('\u{a0}', " "));
        dates +=
            usize::from(doc.date.map(|d| d.date().to_string()).as_deref() == gold["date"].as_str());
    }
    assert!(checked >= 150);
    assert_eq!(titles, checked, "titles");
    assert_eq!(dates, checked, "dates");
}
