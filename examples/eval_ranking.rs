//! Scores search runs against graded relevance judgments: nDCG@10 and P@10, counting only
//! judged documents (unjudged ones are dropped from a ranking before it is cut at 10).
//!
//! ```text
//! cargo run --release --example eval_ranking -- QRELS RUN [RUN...] [--kinds TOPICS.tsv]
//! ```
//!
//! QRELS is TREC style, `qid 0 docid grade` a line (grade 0 = not relevant, 1 = relevant,
//! 2 = highly relevant). A RUN is either the JSON Lines that `zhsearch search --queries
//! FILE` prints (the query's line number is its qid) or a TREC run file
//! (`qid Q0 docid rank score tag`). The judged set in the repository is
//! `tests/labels/ranking-queries.txt` with `tests/labels/ranking-qrels.txt`; see the
//! README's "Measuring" for the commands that make the runs. With `--kinds`, a file of
//! `qid<TAB>query<TAB>need<TAB>kind` lines (as `tests/labels/ranking-dev-topics.tsv`), the
//! figures are also given for each kind of query (`like`: worded as the documents are;
//! `unlike`: short names, series names, everyday words, traditional characters).

use std::collections::HashMap;
use std::process::ExitCode;

const DEPTH: usize = 10;

/// qid → docid → grade.
type Judgments = HashMap<String, HashMap<String, u32>>;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let kinds = match args.iter().position(|a| a == "--kinds") {
        Some(at) if at + 1 < args.len() => {
            let path = args.remove(at + 1);
            args.remove(at);
            match read_kinds(&path) {
                Ok(kinds) => Some(kinds),
                Err(e) => {
                    eprintln!("eval_ranking: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        Some(_) => {
            eprintln!("eval_ranking: --kinds needs a TOPICS.tsv file");
            return ExitCode::from(2);
        }
        None => None,
    };
    if args.len() < 2 {
        eprintln!("usage: eval_ranking QRELS RUN [RUN...] [--kinds TOPICS.tsv]");
        return ExitCode::from(2);
    }
    let qrels = match read_qrels(&args[0]) {
        Ok(qrels) => qrels,
        Err(e) => {
            eprintln!("eval_ranking: {e}");
            return ExitCode::from(2);
        }
    };
    println!("{} judged queries, {DEPTH} deep", qrels.len());
    for path in &args[1..] {
        let run = match read_run(path) {
            Ok(run) => run,
            Err(e) => {
                eprintln!("eval_ranking: {e}");
                return ExitCode::from(2);
            }
        };
        let (ndcg, precision) = score(&qrels, &run);
        let empty = qrels
            .keys()
            .filter(|qid| run.get(*qid).is_none_or(Vec::is_empty))
            .count();
        print!("{path}: nDCG@{DEPTH} {ndcg:.3}  P@{DEPTH} {precision:.3}  empty {empty}");
        if let Some(kinds) = &kinds {
            let mut names: Vec<&String> = kinds.values().collect();
            names.sort();
            names.dedup();
            for name in names {
                let subset: Judgments = qrels
                    .iter()
                    .filter(|(qid, _)| kinds.get(*qid) == Some(name))
                    .map(|(qid, judged)| (qid.clone(), judged.clone()))
                    .collect();
                let (ndcg, _) = score(&subset, &run);
                print!("  {name} ({}) {ndcg:.3}", subset.len());
            }
        }
        println!();
    }
    ExitCode::SUCCESS
}

/// qid → kind, from a topics file (`qid<TAB>query<TAB>need<TAB>kind`).
fn read_kinds(path: &str) -> Result<HashMap<String, String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut kinds = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match line.split('\t').collect::<Vec<_>>().as_slice() {
            [qid, _, _, kind] => kinds.insert(qid.to_string(), kind.trim().to_string()),
            _ => {
                return Err(format!(
                    "{path}:{}: expected `qid<TAB>query<TAB>need<TAB>kind`",
                    n + 1
                ));
            }
        };
    }
    Ok(kinds)
}

fn read_qrels(path: &str) -> Result<Judgments, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut qrels = Judgments::new();
    for (n, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            continue;
        }
        let grade = match fields.as_slice() {
            [_, _, _, grade] => grade.parse::<u32>().ok(),
            _ => None,
        };
        let grade =
            grade.ok_or_else(|| format!("{path}:{}: expected `qid 0 docid grade`", n + 1))?;
        qrels
            .entry(fields[0].to_string())
            .or_default()
            .insert(fields[2].to_string(), grade);
    }
    Ok(qrels)
}

/// qid → docids, best first.
fn read_run(path: &str) -> Result<HashMap<String, Vec<String>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut run: HashMap<String, Vec<String>> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let bad = || {
            format!(
                "{path}:{}: neither a zhsearch JSON hit nor a TREC run line",
                n + 1
            )
        };
        if line.trim().is_empty() {
            continue;
        }
        let (qid, docid) = if line.starts_with('{') {
            let value: serde_json::Value = serde_json::from_str(line).map_err(|_| bad())?;
            if value.get("facets").is_some() || value.get("total").is_some() {
                continue;
            }
            match (&value["query"], value["id"].as_str()) {
                (serde_json::Value::Number(q), Some(id)) => (q.to_string(), id.to_string()),
                _ => return Err(bad()),
            }
        } else {
            match line.split_whitespace().collect::<Vec<_>>().as_slice() {
                [qid, _, docid, _, _, _] => (qid.to_string(), docid.to_string()),
                _ => return Err(bad()),
            }
        };
        run.entry(qid).or_default().push(docid);
    }
    Ok(run)
}

/// Mean nDCG@10 and P@10 over the judged queries (a query missing from the run scores 0).
fn score(qrels: &Judgments, run: &HashMap<String, Vec<String>>) -> (f64, f64) {
    let gain = |grade: u32| f64::from((1u32 << grade.min(16)) - 1);
    let discount = |rank: usize| (rank as f64 + 2.0).log2();
    let (mut ndcg, mut precision) = (0.0, 0.0);
    for (qid, judged) in qrels {
        let ranked: Vec<u32> = run
            .get(qid)
            .into_iter()
            .flatten()
            .filter_map(|doc| judged.get(doc).copied())
            .take(DEPTH)
            .collect();
        let dcg: f64 = ranked
            .iter()
            .enumerate()
            .map(|(r, &g)| gain(g) / discount(r))
            .sum();
        let mut ideal: Vec<u32> = judged.values().copied().collect();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let idcg: f64 = ideal
            .iter()
            .take(DEPTH)
            .enumerate()
            .map(|(r, &g)| gain(g) / discount(r))
            .sum();
        if idcg > 0.0 {
            ndcg += dcg / idcg;
        }
        precision += ranked.iter().filter(|&&g| g > 0).count() as f64 / DEPTH as f64;
    }
    let queries = qrels.len().max(1) as f64;
    (ndcg / queries, precision / queries)
}
