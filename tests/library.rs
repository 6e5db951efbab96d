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
