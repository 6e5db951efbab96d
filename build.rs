//! Two things the library embeds at build time:
//! - the sample corpus (`corpus/`), so that a fresh binary can build its default index
//!   without the repository beside it;
//! - jieba's default dictionary as a word → frequency map (an FST), so that a query
//!   process can segment a short text without loading the 350,000-word dictionary (see
//!   `src/analysis/dictionary.rs`). It is read from the source of the jieba-rs package
//!   this build links, found through `cargo metadata`. When it cannot be found, an empty
//!   map is written and segmentation always loads the full dictionary: slower to start,
//!   same results.
//! - the traditional → simplified fold of single characters (from the `fast2s` package's
//!   table, and OpenCC's character table through `ferrous-opencc` for the characters
//!   fast2s leaves, variants such as 峯 and 羣), as a dense array over the CJK blocks plus
//!   a short sorted list for the rest, so that `normalize_char` folds with one lookup and
//!   no table is loaded at run time.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    embed_sample_corpus();
    compile_query_dictionary();
    write_traditional_fold();
}

/// First and last code point of the dense part of the fold table: CJK Extension A and the
/// Unified Ideographs, where nearly all traditional characters live.
const DENSE_FOLD: (u32, u32) = (0x3400, 0x9FFF);

fn write_traditional_fold() {
    let opencc = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
        .expect("ferrous-opencc's built-in t2s table loads");
    let one_for_one = |c: char, converted: &str| -> Option<char> {
        let mut converted = converted.chars();
        match (converted.next(), converted.next()) {
            (Some(s), None) if s != c && s.len_utf8() == c.len_utf8() => Some(s),
            _ => None,
        }
    };
    let step = |c: char| -> Option<char> {
        // Alone, with no neighbours: the character-level reading, the same at index and
        // query time whatever surrounds it.
        let alone = c.encode_utf8(&mut [0; 4]).to_string();
        one_for_one(c, &fast2s::convert(&alone)).or_else(|| one_for_one(c, &opencc.convert(&alone)))
    };
    // The two tables may chain (戱 → 戯 → 戏): fold to the end, so folding twice changes
    // nothing.
    let fold = |c: char| -> Option<char> {
        let mut folded = step(c)?;
        for _ in 0..4 {
            match step(folded) {
                Some(next) if next != c => folded = next,
                _ => break,
            }
        }
        Some(folded)
    };
    let mut dense = String::from("&[");
    for code in DENSE_FOLD.0..=DENSE_FOLD.1 {
        let c = char::from_u32(code).expect("the CJK blocks hold no surrogates");
        write!(dense, "{},", fold(c).map_or(0, |s| s as u32)).unwrap();
    }
    dense.push(']');
    let mut sparse = String::from("&[");
    for code in (0x0800..0x10000).filter(|code| !(DENSE_FOLD.0..=DENSE_FOLD.1).contains(code)) {
        if let Some(c) = char::from_u32(code)
            && let Some(s) = fold(c)
        {
            write!(sparse, "({c:?},{s:?}),").unwrap();
        }
    }
    sparse.push(']');
    let code = format!(
        "/// First code point of [`DENSE_FOLD`].\n\
         const DENSE_FOLD_START: u32 = {};\n\
         /// Simplified code point of each character from `DENSE_FOLD_START` on, 0 when it stays.\n\
         static DENSE_FOLD: &[u16] = {dense};\n\
         /// The other folded characters, sorted.\n\
         static SPARSE_FOLD: &[(char, char)] = {sparse};\n",
        DENSE_FOLD.0
    );
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("traditional_fold.rs"), code).expect("OUT_DIR is writable");
}

fn embed_sample_corpus() {
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

fn compile_query_dictionary() {
    println!("cargo:rerun-if-changed=Cargo.lock");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let table = match jieba_dict_path().and_then(|path| {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Ok(Table::parse(&text))
    }) {
        Ok(table) => table,
        Err(reason) => {
            println!(
                "cargo:warning=zhsearch: no compiled query dictionary ({reason}); queries will load jieba's full dictionary"
            );
            Table::default()
        }
    };
    table.write(&out_dir);
}

/// The `dict.txt` of the jieba-rs package in this build's dependency graph.
fn jieba_dict_path() -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest_dir =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no CARGO_MANIFEST_DIR")?);
    let target = std::env::var_os("TARGET").ok_or("no TARGET")?;
    let metadata = |offline: bool| {
        let mut command = Command::new(&cargo);
        command.args(["metadata", "--format-version", "1", "--filter-platform"]);
        command
            .arg(&target)
            .arg("--manifest-path")
            .arg(manifest_dir.join("Cargo.toml"));
        if offline {
            command.arg("--offline");
        }
        command.output()
    };
    // Offline first: every package is usually there already. A first build may not have
    // fetched the dev-dependencies yet, which `cargo metadata` also reads.
    let output = match metadata(true) {
        Ok(output) if output.status.success() => output,
        _ => metadata(false).map_err(|e| format!("cannot run cargo metadata: {e}"))?,
    };
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .next()
                .unwrap_or("")
        ));
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let package_name = std::env::var("CARGO_PKG_NAME").unwrap_or_default();
    let packages = metadata["packages"]
        .as_array()
        .ok_or("cargo metadata: no packages")?;
    let ours = packages
        .iter()
        .find(|p| {
            p["name"] == package_name.as_str()
                && Path::new(p["manifest_path"].as_str().unwrap_or("")).parent()
                    == Some(&manifest_dir)
        })
        .ok_or("cargo metadata: this package is missing")?;
    let nodes = metadata["resolve"]["nodes"]
        .as_array()
        .ok_or("cargo metadata: no resolve")?;
    let node = nodes
        .iter()
        .find(|n| n["id"] == ours["id"])
        .ok_or("cargo metadata: this package is not resolved")?;
    let jieba_id = node["deps"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["name"] == "jieba_rs")
        .map(|d| d["pkg"].clone())
        .ok_or("cargo metadata: jieba-rs is not a dependency")?;
    let jieba = packages
        .iter()
        .find(|p| p["id"] == jieba_id)
        .ok_or("cargo metadata: jieba-rs package missing")?;
    let manifest = Path::new(
        jieba["manifest_path"]
            .as_str()
            .ok_or("cargo metadata: no manifest path")?,
    );
    let dict = manifest.with_file_name("src").join("data").join("dict.txt");
    println!("cargo:rerun-if-changed={}", dict.display());
    Ok(dict)
}

/// The dictionary as jieba-rs loads it: the last entry of a repeated word wins, but every
/// entry counts towards the total frequency.
#[derive(Default)]
struct Table {
    words: BTreeMap<String, (u64, usize)>,
    tags: Vec<String>,
    records: u64,
    total: u64,
    max_word_chars: usize,
}

impl Table {
    fn parse(text: &str) -> Table {
        let mut table = Table::default();
        for line in text.lines() {
            // The same parsing as jieba-rs's `load_default_dict`.
            let mut fields = line.split_ascii_whitespace();
            let Some(word) = fields.next() else { continue };
            let freq = fields.next().map_or(0, |f| {
                f.parse::<u64>()
                    .expect("jieba's dictionary has integer frequencies")
            });
            let tag = fields.next().unwrap_or("");
            let tag_id = match table.tags.iter().position(|t| t == tag) {
                Some(id) => id,
                None => {
                    table.tags.push(tag.to_string());
                    table.tags.len() - 1
                }
            };
            table.records += 1;
            table.total += freq;
            table.max_word_chars = table.max_word_chars.max(word.chars().count());
            table.words.insert(word.to_string(), (freq, tag_id));
        }
        table
    }

    fn write(&self, out_dir: &Path) {
        let mut builder = fst::MapBuilder::memory();
        for (word, &(freq, tag)) in &self.words {
            assert!(
                freq < 1 << 48 && tag < 1 << 16,
                "frequency or tag out of range"
            );
            builder
                .insert(word, freq << 16 | tag as u64)
                .expect("words are sorted and unique");
        }
        let fst = builder.into_inner().expect("an FST in memory");
        std::fs::write(out_dir.join("jieba_words.fst"), fst).expect("OUT_DIR is writable");
        let constants = format!(
            "/// jieba's default dictionary: words → `frequency << 16 | tag index`.\n\
             pub(crate) static WORDS_FST: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/jieba_words.fst\"));\n\
             /// The part-of-speech tags the map's values refer to.\n\
             pub(crate) static TAGS: &[&str] = &{:?};\n\
             /// Entries in the dictionary file, repeats included (jieba-rs's `records_len`).\n\
             pub(crate) const RECORDS: u64 = {};\n\
             /// The sum of every entry's frequency (jieba-rs's `total_freq`).\n\
             pub(crate) const TOTAL: u64 = {};\n\
             /// The longest word, in characters.\n\
             pub(crate) const MAX_WORD_CHARS: usize = {};\n",
            self.tags, self.records, self.total, self.max_word_chars
        );
        std::fs::write(out_dir.join("jieba_dict.rs"), constants).expect("OUT_DIR is writable");
    }
}
