//! Embeds the sample corpus (`corpus/`) in the library, so that a fresh binary can build
//! its default index without the repository beside it.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("corpus");
    println!("cargo:rerun-if-changed=corpus");
    let mut names: Vec<String> = std::fs::read_dir(&corpus)
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.retain(|n| !n.starts_with('.') && n != "README.md");
    names.sort();
    let mut out = String::from("&[\n");
    for name in names {
        let path = corpus.join(&name);
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push(']');
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("sample_corpus.rs");
    std::fs::write(dest, out).unwrap();
}
