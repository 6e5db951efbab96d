//! Corpus loading shared by the benches: the first `limit` records of
//! `../shared/corpus/xwlb-2022-2024.jsonl` when present, else the embedded sample corpus.

use std::path::{Path, PathBuf};

use zhsearch::ingest::Input;

pub fn corpus(limit: usize) -> Vec<Input> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/xwlb-2022-2024.jsonl");
    if !path.exists() {
        eprintln!("../shared/corpus is absent: benchmarking the embedded sample corpus instead");
        return zhsearch::sample::inputs();
    }
    let file = zhsearch::ingest::InputFile {
        path: PathBuf::from("../shared/corpus/xwlb-2022-2024.jsonl"),
        kind: zhsearch::ingest::InputKind::JsonLines,
        len: 0,
    };
    let mut inputs = Vec::new();
    let _ = zhsearch::ingest::read(&file, u64::MAX, &mut |input| {
        if inputs.len() >= limit {
            return std::ops::ControlFlow::Break(());
        }
        inputs.extend(input.ok());
        std::ops::ControlFlow::Continue(())
    });
    inputs
}
