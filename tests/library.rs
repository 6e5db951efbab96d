//! The library API as an embedding program uses it.

use zhsearch::{DateRange, Document, Engine, FacetCount, SearchRequest};

fn report(title: &str, body: &str) -> Document {
    Document::new(title, body)
}

#[test]
fn upsert_by_id_replaces_the_document() {
    let engine = Engine::create_in_ram().unwrap();
    let first = engine
        .add_documents([report("会议一", "原来的内容").with_id("a")])
        .unwrap();
    assert_eq!(first.added, 1);
    let second = engine
        .add_documents([report("会议一", "更新后的内容").with_id("a")])
        .unwrap();
    assert_eq!((second.added, second.updated), (0, 1));
    assert_eq!(engine.search(&SearchRequest::new("原来")).unwrap().total, 0);
    assert_eq!(engine.search(&SearchRequest::new("更新")).unwrap().total, 1);
    assert_eq!(engine.stats(5).unwrap().documents, 1);
}

#[test]
fn same_id_twice_in_one_run_keeps_the_last() {
    let engine = Engine::create_in_ram().unwrap();
    let run = engine
        .add_documents([
            report("甲", "第一版").with_id("x"),
            report("甲", "第二版").with_id("x"),
        ])
        .unwrap();
    assert_eq!((run.added, run.updated), (1, 1));
    assert_eq!(engine.stats(5).unwrap().documents, 1);
    assert_eq!(
        engine.search(&SearchRequest::new("第二版")).unwrap().total,
        1
    );
}

#[test]
fn paging_with_offset() {
    let engine = Engine::create_in_ram().unwrap();
    let docs =
        (0..25).map(|i| report(&format!("第{i}次会议"), "学习二十大精神").with_id(format!("d{i}")));
    engine.add_documents(docs).unwrap();
    let page = engine
        .search(&SearchRequest::new("二十大").limit(10).offset(20))
        .unwrap();
    assert_eq!((page.total, page.hits.len()), (25, 5));
    let all = engine
        .search(&SearchRequest::new("二十大").limit(usize::MAX))
        .unwrap();
    assert_eq!(all.hits.len(), 25);
}

#[test]
fn stats_group_departments_persons_and_dates() {
    let engine = Engine::create_in_ram().unwrap();
    engine
        .add_documents([
            report("a", "正文一")
                .with_department("国务院")
                .with_person("李强")
                .with_date("2023-01-02".parse().unwrap()),
            report("b", "正文二")
                .with_department("国务院")
                .with_date("2024-05-06".parse().unwrap()),
        ])
        .unwrap();
    let stats = engine.stats(5).unwrap();
    let count = |value: &str, count| FacetCount {
        value: value.into(),
        count,
    };
    assert_eq!(stats.top_departments, [count("国务院", 2)]);
    assert_eq!(stats.top_persons, [count("李强", 1)]);
    assert_eq!(
        stats.date_range,
        Some(DateRange {
            first: "2023-01-02".into(),
            last: "2024-05-06".into(),
        })
    );
}

#[test]
fn sample_corpus_indexes_cleanly() {
    let engine = Engine::create_in_ram().unwrap();
    let report = engine
        .indexer()
        .index_inputs(zhsearch::sample::inputs())
        .unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    // The one list page in the sample is skipped on purpose.
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert!(report.added >= 10);
    let stats = engine.stats(20).unwrap();
    assert!(stats.top_departments.len() >= 5 && stats.top_persons.len() >= 5);
    assert!(
        engine
            .search(&SearchRequest::new("二十大精神"))
            .unwrap()
            .total
            >= 3
    );
}

#[test]
fn add_documents_gives_the_documents_zhsearch_index_makes_of_the_same_records() {
    let stories = [
        (
            "s1",
            "国务院常务会议研究部署经济工作",
            "国务院总理李强1月5日主持召开国务院常务会议，研究部署经济工作。",
        ),
        (
            "s2",
            "南湖市科协召开党组扩大会议",
            "11月25日下午，南湖市科协召开党组扩大会议。市科协党组书记、常务副主席江一舟主持会议。",
        ),
    ];
    let env = crate::util::TestEnv::new();
    let lines: String = stories
        .iter()
        .map(|(id, title, body)| {
            let record =
                serde_json::json!({"id": id, "date": "2024-01-05", "title": title, "body": body});
            format!("{record}\n")
        })
        .collect();
    env.write("records.jsonl", lines.as_bytes());
    env.stdout(&["index", "records.jsonl", "--index", "cli"]);
    let cli = Engine::open(env.path("cli")).unwrap();

    let library = Engine::create_in_ram().unwrap();
    let date = "2024-01-05".parse().unwrap();
    let docs = stories
        .iter()
        .map(|(id, title, body)| Document::new(*title, *body).with_id(*id).with_date(date));
    library.add_documents(docs).unwrap();
    let hits = |engine: &Engine| {
        let mut hits: Vec<_> = engine
            .search(&SearchRequest::new("会议").limit(10))
            .unwrap()
            .hits
            .into_iter()
            .map(|h| (h.id, h.title, h.date, h.department, h.persons))
            .collect();
        hits.sort();
        hits
    };
    let from_library = hits(&library);
    assert_eq!(from_library, hits(&cli));
    assert_eq!(
        from_library[0].3.first().map(String::as_str),
        Some("国务院")
    );
    assert_eq!(from_library[0].4, ["李强"]);
    assert_eq!(from_library[1].4, ["江一舟"]);

    // What the caller sets wins, as a record's stated values do.
    let stated = Engine::create_in_ram().unwrap();
    let (id, title, body) = stories[0];
    stated
        .add_documents([Document::new(title, body)
            .with_id(id)
            .with_department("某部")
            .with_person("王五")])
        .unwrap();
    let hit = &stated.search(&SearchRequest::new("会议")).unwrap().hits[0];
    assert_eq!(
        (hit.department.as_slice(), hit.persons.as_slice()),
        (&["某部".to_string()][..], &["王五".to_string()][..])
    );
    // And without metadata extraction, nothing is added.
    let bare = Engine::create_in_ram().unwrap();
    bare.indexer()
        .extract_metadata(false)
        .add_documents([Document::new(title, body).with_id(id)])
        .unwrap();
    let hit = &bare.search(&SearchRequest::new("会议")).unwrap().hits[0];
    assert!(
        hit.department.is_empty() && hit.persons.is_empty(),
        "{hit:?}"
    );
}
