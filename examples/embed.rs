//! Embedding zhsearch: build an index from the sample corpus in a temporary folder, search
//! it, and print the hits as JSON.
//!
//! ```text
//! cargo run --example embed -- 二十大精神
//! ```

fn main() -> zhsearch::Result<()> {
    let query = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "二十大精神".into());
    let dir = std::env::temp_dir().join(format!("zhsearch-embed-{}", std::process::id()));
    let engine = zhsearch::Engine::create(&dir, zhsearch::Settings::default())?;

    let report = engine
        .indexer()
        .threads(1)
        .index_inputs(zhsearch::sample::inputs())?;
    println!(
        "indexed {} documents, skipped {}",
        report.added,
        report.skipped.len()
    );

    let results = engine.search(&zhsearch::SearchRequest::new(query).limit(5))?;
    println!("{} matching documents", results.total);
    for hit in &results.hits {
        println!("{}", serde_json::to_string(hit).expect("hits serialise"));
    }
    drop(engine);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
