//! Checks on the real data in `../shared` (skipped when it is absent).

use zhsearch::{Engine, SearchRequest};

use crate::util::shared_dir;

/// The persons at the meeting of the seed page, in the order the page names them.
const SEED_PERSONS: [&str; 7] = [
    "陆为民",
    "罗进飞",
    "卢双盈",
    "夏秋雨",
    "王亚群",
    "边守川",
    "马福林",
];

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
            // Quoted: the exact string, which relaxation never loosens.
            engine
                .search(&SearchRequest::new(format!("\"{chrome}\"")))
                .unwrap()
                .total,
            0,
            "{chrome} reached the index"
        );
    }
    for person in SEED_PERSONS {
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
    // The byline's office names no owner: no department of its own.
    assert!(!departments.contains(&"办公室"), "{departments:?}");
    // Every person at the meeting, and nothing that is not a person: the one other name
    // is the one inside `习近平新时代中国特色社会主义思想`.
    assert_eq!(
        doc["persons"],
        serde_json::json!([SEED_PERSONS.as_slice(), &["习近平"]].concat())
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
        zhsearch::ingest::read(file, u64::MAX, &mut |i| {
            doc = i.and_then(|i| zhsearch::extract::extract(&i)).ok();
            std::ops::ControlFlow::Continue(())
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

#[test]
fn hand_labelled_meeting_stories_keep_their_scores() {
    let Some(shared) = shared_dir() else { return };
    let corpus = std::fs::read_to_string(shared.join("corpus/xwlb-2022-2024.jsonl")).unwrap();
    let by_id: std::collections::HashMap<String, &str> = corpus
        .lines()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            Some((v["id"].as_str()?.to_string(), l))
        })
        .collect();
    let labels = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/labels/xwlb-meetings.jsonl"),
    )
    .unwrap();
    let extractor = zhsearch::extract::Extractor::default();
    let mut persons = crate::person_score::Score::default();
    let (mut labelled, mut right) = (0, 0);
    for label in labels.lines() {
        let label: serde_json::Value = serde_json::from_str(label).unwrap();
        let input = zhsearch::ingest::Input {
            source: zhsearch::SourceRef::file("xwlb"),
            kind: zhsearch::ingest::InputKind::JsonLines,
            text: by_id[label["id"].as_str().unwrap()].to_string(),
        };
        let doc = extractor.extract(&input).unwrap();
        let gold = label["persons"].as_array().unwrap();
        persons.add(
            gold.iter().map(|v| v.as_str().unwrap()),
            doc.persons.iter().map(String::as_str),
        );
        if let Some(department) = label["department"].as_str() {
            labelled += 1;
            right += usize::from(doc.department.first().is_some_and(|d| d == department));
        }
    }
    // Floors a little under the figures in BENCHMARKS.md, to catch regressions.
    assert!(
        persons.precision() >= 0.9 && persons.recall() >= 0.9,
        "{persons}"
    );
    assert!(
        right * 100 >= labelled * 85,
        "departments {right}/{labelled}"
    );
}

#[cfg(feature = "training")] // reads the BIO file with the evaluation API
#[test]
fn person_model_fits_the_sentences_it_was_trained_on() {
    let Some(shared) = shared_dir() else { return };
    let bio = std::fs::read_to_string(shared.join("eval/people-daily-ner.dev.bio")).unwrap();
    let sentences = zhsearch::extract::persons::read_bio(&bio).unwrap();
    let extractor = zhsearch::extract::Extractor::default();
    let mut score = crate::person_score::Score::default();
    for s in &sentences {
        let gold = s.name_strings();
        let found = extractor.plain_text(&s.text).persons;
        score.add(
            gold.iter().map(String::as_str),
            found.iter().map(String::as_str),
        );
    }
    // In-sample: this only shows that dict/persons.model matches the features and was
    // trained on this file. The held-out figure comes from `train_persons --folds 5`.
    assert!(score.f1() >= 0.9, "{score}");
}
