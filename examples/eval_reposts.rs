//! How well near-duplicate sketches tell reposts from other stories.
//!
//! `cargo run --release --example eval_reposts -- ../shared/corpus/xwlb-2022-2024.jsonl [--seed N]`
//!
//! False merges: the stories of the file are distinct reports, so every pair of bodies whose
//! sketches are at least as similar as the threshold is counted as a false merge (pairs with
//! the very same body are counted apart: those are the same story given twice). Recall: for
//! stories sampled by seed, a repost is made the way other sites make them (their own lines
//! of chrome around the text, punctuation changed, a few characters edited) and counted as
//! found when its sketch is as similar to the original's as the threshold. Both are
//! printed for thresholds from 0.3 to 0.9.

use std::io::BufRead;

use zhsearch::analysis::near_duplicates::{
    MAX_DAYS_APART, MIN_SIMILARITY, group, similarity, sketch,
};

/// A small deterministic generator, so that a seed gives the same reposts everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const CHROME_BEFORE: &[&str] = &[
    "来源：新华社 发布时间：2024-03-05 字号：大 中 小",
    "当前位置：首页 > 要闻动态 > 时政要闻",
    "【字体：大 中 小】 打印本页",
];
const CHROME_AFTER: &[&str] = &[
    "责任编辑：王晓",
    "【打印本页】【关闭窗口】",
    "扫一扫在手机打开当前页",
];

/// A repost of `body`: a chrome line before and after, punctuation swapped, and `edits`
/// characters replaced.
fn repost(body: &str, edits: usize, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = body
        .chars()
        .map(|c| match c {
            '，' => '、',
            '“' | '”' => '"',
            c => c,
        })
        .collect();
    for _ in 0..edits {
        let at = rng.below(chars.len().max(1));
        if let Some(c) = chars.get_mut(at) {
            *c = '的';
        }
    }
    let before = CHROME_BEFORE[rng.below(CHROME_BEFORE.len())];
    let after = CHROME_AFTER[rng.below(CHROME_AFTER.len())];
    format!(
        "{before}\n{}\n{after}",
        chars.into_iter().collect::<String>()
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: eval_reposts STORIES.jsonl [--seed N]");
        std::process::exit(2);
    };
    let seed: u64 = match args.iter().position(|a| a == "--seed") {
        Some(i) => args.get(i + 1).ok_or("--seed needs a number")?.parse()?,
        None => 1,
    };
    let mut bodies = Vec::new();
    let mut days = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        if let Some(body) = record["body"].as_str() {
            bodies.push(body.to_string());
            days.push(
                record["date"]
                    .as_str()
                    .and_then(zhsearch::extract::parse_date)
                    .map(|d| d.and_utc().timestamp().div_euclid(86_400)),
            );
        }
    }
    let sketches: Vec<Vec<u32>> = bodies.iter().map(|b| sketch(b)).collect();
    let thresholds = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9];

    // Pairs worth scoring share a hash; the others have similarity 0.
    let mut holders: std::collections::HashMap<u32, Vec<usize>> = Default::default();
    for (i, sketch) in sketches.iter().enumerate() {
        for &hash in sketch {
            holders.entry(hash).or_default().push(i);
        }
    }
    let mut pairs = std::collections::HashSet::new();
    for members in holders.values() {
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                pairs.insert((i.min(j), i.max(j)));
            }
        }
    }
    let mut false_pairs = vec![0u64; thresholds.len()];
    let mut false_close = vec![0u64; thresholds.len()];
    let mut same_body_pairs = 0u64;
    for &(i, j) in &pairs {
        if bodies[i] == bodies[j] {
            same_body_pairs += 1;
            continue;
        }
        let close = match (days[i], days[j]) {
            (Some(a), Some(b)) => (a - b).abs() <= MAX_DAYS_APART,
            _ => true,
        };
        let s = similarity(&sketches[i], &sketches[j]);
        for (t, &threshold) in thresholds.iter().enumerate() {
            if s >= threshold {
                false_pairs[t] += 1;
                if close {
                    false_close[t] += 1;
                }
            }
        }
    }
    if std::env::var_os("SHOW_PAIRS").is_some() {
        let mut shown = 0;
        for &(i, j) in &pairs {
            let s = similarity(&sketches[i], &sketches[j]);
            let close = match (days[i], days[j]) {
                (Some(a), Some(b)) => (a - b).abs() <= MAX_DAYS_APART,
                _ => true,
            };
            if s >= MIN_SIMILARITY && close && bodies[i] != bodies[j] && shown < 8 {
                shown += 1;
                let head = |b: &str| b.chars().take(70).collect::<String>();
                eprintln!(
                    "{s:.2} {} chars / {} chars\n  {}\n  {}",
                    bodies[i].chars().count(),
                    bodies[j].chars().count(),
                    head(&bodies[i]),
                    head(&bodies[j])
                );
            }
        }
    }
    let groups = group(&sketches, &days);
    let group_count = groups.iter().max().map_or(0, |g| g + 1);

    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let sample = 500.min(bodies.len());
    let edit_levels = [0usize, 2, 5];
    let mut found = vec![vec![0u64; thresholds.len()]; edit_levels.len()];
    for _ in 0..sample {
        let i = rng.below(bodies.len());
        for (level, &edits) in edit_levels.iter().enumerate() {
            let copy = repost(&bodies[i], edits, &mut rng);
            let s = similarity(&sketch(&copy), &sketches[i]);
            for (t, &threshold) in thresholds.iter().enumerate() {
                if s >= threshold {
                    found[level][t] += 1;
                }
            }
        }
    }

    println!(
        "{} stories, {} pairs with the same body (not counted), {group_count} groups at the threshold used; {sample} reposts of each kind, seed {seed}",
        bodies.len(),
        same_body_pairs
    );
    println!(
        "threshold  similar pairs  of them within {MAX_DAYS_APART} days (false merges)  recall (chrome+punct)  (+2 edits)  (+5 edits)"
    );
    for (t, &threshold) in thresholds.iter().enumerate() {
        let mark = if threshold == MIN_SIMILARITY {
            "  <- used"
        } else {
            ""
        };
        println!(
            "{threshold:>9.2}  {:>13}  {:>38}  {:>21.3}  {:>10.3}  {:>10.3}{mark}",
            false_pairs[t],
            false_close[t],
            found[0][t] as f64 / sample as f64,
            found[1][t] as f64 / sample as f64,
            found[2][t] as f64 / sample as f64,
        );
    }
    Ok(())
}
