//! The reference ranking: a naive tantivy + tantivy-jieba index of the same stories, queried
//! with tantivy's own query parser, written as a TREC run for `eval_ranking`.
//!
//! ```text
//! cargo run --release --example baseline_ranking -- CORPUS.jsonl QUERIES [DEPTH] > naive.trec
//! ```
//!
//! CORPUS is JSON Lines with `id`, `title` and `body` (as `../shared/corpus/xwlb-2022-2024.jsonl`);
//! QUERIES one query a line, its line number its qid (as `tests/labels/ranking-queries.txt`).
//! Title and body are one jieba-tokenized field each, and a query is what a newcomer to
//! tantivy writes: `QueryParser::for_index(&index, vec![title, body])`, its default OR of
//! the words, BM25. This is what zhsearch's ranking is measured against, in the same run.

use std::io::{BufRead, BufReader, Write};
use std::process::ExitCode;

use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, TantivyDocument, doc};

const DEFAULT_DEPTH: usize = 100;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (corpus, queries) = match args.as_slice() {
        [corpus, queries] | [corpus, queries, _] => (corpus, queries),
        _ => {
            eprintln!("usage: baseline_ranking CORPUS.jsonl QUERIES [DEPTH]");
            return ExitCode::from(2);
        }
    };
    let depth = match args.get(2).map(|d| d.parse::<usize>()) {
        None => DEFAULT_DEPTH,
        Some(Ok(depth)) if depth > 0 => depth,
        Some(_) => {
            eprintln!("baseline_ranking: DEPTH must be a positive number");
            return ExitCode::from(2);
        }
    };
    match run(corpus, queries, depth) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("baseline_ranking: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(corpus: &str, queries: &str, depth: usize) -> Result<(), String> {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("jieba")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let id = builder.add_text_field("id", STRING | STORED);
    let title = builder.add_text_field("title", text.clone());
    let body = builder.add_text_field("body", text);
    let index = Index::create_in_ram(builder.build());
    index
        .tokenizers()
        .register("jieba", tantivy_jieba::JiebaTokenizer::new());

    let mut writer = index
        .writer::<TantivyDocument>(200_000_000)
        .map_err(|e| e.to_string())?;
    let file = std::fs::File::open(corpus).map_err(|e| format!("{corpus}: {e}"))?;
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{corpus}:{}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let story: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{corpus}:{}: {e}", n + 1))?;
        let field = |name: &str| story[name].as_str().unwrap_or_default().to_string();
        writer
            .add_document(doc!(id => field("id"), title => field("title"), body => field("body")))
            .map_err(|e| e.to_string())?;
    }
    writer.commit().map_err(|e| e.to_string())?;

    let searcher = index.reader().map_err(|e| e.to_string())?.searcher();
    let parser = QueryParser::for_index(&index, vec![title, body]);
    let text = std::fs::read_to_string(queries).map_err(|e| format!("{queries}: {e}"))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (n, query) in text.lines().enumerate() {
        let qid = n + 1;
        if query.trim().is_empty() {
            continue;
        }
        // Lenient, as a newcomer's search box would be: a stray quote or colon is a word.
        let (query, _) = parser.parse_query_lenient(query);
        let top = searcher
            .search(&query, &TopDocs::with_limit(depth).order_by_score())
            .map_err(|e| e.to_string())?;
        for (rank, (score, address)) in top.into_iter().enumerate() {
            let stored: TantivyDocument = searcher.doc(address).map_err(|e| e.to_string())?;
            let docid = stored
                .get_first(id)
                .and_then(|v| tantivy::schema::Value::as_str(&v))
                .unwrap_or_default()
                .to_string();
            let written = writeln!(out, "{qid} Q0 {docid} {} {score} naive", rank + 1);
            if written.is_err() {
                return Ok(()); // a closed pipe ends the run quietly
            }
        }
    }
    Ok(())
}
