//! Training the person-name model: labelled sentences, plus copies of them in which each
//! name is swapped for another of the same kind, so that the model learns the contexts
//! names stand in and the shapes names have, rather than the few names it was shown.

use jieba_rs::Jieba;

use super::model::{B, I, Model, O, Trainer};
use super::stats::NameStats;
use super::{LabelledSentence, features, lexicon};
use crate::text::chars::is_han;

/// How to train a model.
#[derive(Debug, Clone)]
pub struct TrainingOptions {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Features whose averaged weights all stay below this are dropped from the model.
    pub min_weight: f32,
    /// Augmented copies of each sentence that names a person.
    pub augmented_copies: usize,
    /// The share of a character's features each update leaves out, at random. With few
    /// training sentences the model otherwise learns the names it was shown by their
    /// characters; left without them at times, it also learns the contexts and the
    /// lists (`BENCHMARKS.md`).
    pub dropout: f32,
    /// Models trained with different random orders and dropouts, whose weights are
    /// averaged into the one model returned.
    pub models: usize,
    /// The seed of the random orders, dropouts and swapped names: the same options give
    /// the same model. Training with other seeds shows how much of a difference between
    /// two runs is chance (`BENCHMARKS.md`).
    pub seed: u64,
}

impl Default for TrainingOptions {
    fn default() -> Self {
        TrainingOptions {
            epochs: 60,
            min_weight: 0.0,
            augmented_copies: 0,
            dropout: 0.4,
            models: 5,
            seed: 0x2545_f491_4f6c_dd1d,
        }
    }
}

/// Trains on `sentences` and their augmented copies.
pub(crate) fn train(
    jieba: &Jieba,
    stats: &NameStats,
    name_dictionary: &str,
    sentences: &[LabelledSentence],
    options: &TrainingOptions,
) -> Model {
    let pools = NamePools::from_dictionary(name_dictionary);
    // A zero state would stay zero.
    let mut rng = XorShift(options.seed.max(1));
    let mut all: Vec<LabelledSentence> = sentences.to_vec();
    for sentence in sentences.iter().filter(|s| !s.names.is_empty()) {
        for _ in 0..options.augmented_copies {
            all.push(pools.swap_names(sentence, &mut rng));
        }
    }
    // Recognition labels clause by clause; so does training.
    let clauses: Vec<LabelledSentence> = all.iter().flat_map(split_clauses).collect();
    let prepared: Vec<(Vec<Vec<u64>>, Vec<usize>)> = clauses
        .iter()
        .map(|s| {
            let chars: Vec<char> = s.text.chars().collect();
            (
                features::sentence_features(jieba, stats, &chars).0,
                labels(chars.len(), &s.names),
            )
        })
        .collect();
    let models = (0..options.models.max(1))
        .map(|_| train_one(&prepared, options, &mut rng))
        .collect();
    Model::average(models)
}

/// One averaged perceptron over `prepared` sentences (features and gold labels).
fn train_one(
    prepared: &[(Vec<Vec<u64>>, Vec<usize>)],
    options: &TrainingOptions,
    rng: &mut XorShift,
) -> Model {
    // Keep a feature with probability 1 - dropout, in thousandths.
    let keep_below = ((1.0 - options.dropout.clamp(0.0, 1.0)) * 1000.0) as usize;
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut trainer = Trainer::default();
    let mut kept: Vec<Vec<u64>> = Vec::new();
    for _ in 0..options.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &k in &order {
            let (features, gold) = &prepared[k];
            if keep_below >= 1000 {
                trainer.learn(features, gold);
                continue;
            }
            kept.clear();
            kept.extend(features.iter().map(|f| {
                f.iter()
                    .copied()
                    .filter(|_| rng.below(1000) < keep_below)
                    .collect::<Vec<u64>>()
            }));
            trainer.learn(&kept, gold);
        }
    }
    trainer.finish(options.min_weight)
}

/// A sentence cut where recognition cuts it, each name in the clause that holds it.
fn split_clauses(sentence: &LabelledSentence) -> Vec<LabelledSentence> {
    let chars: Vec<char> = sentence.text.chars().collect();
    let mut clauses = Vec::new();
    let mut start = 0;
    for end in crate::text::chars::clause_ends(&chars) {
        let names = sentence
            .names
            .iter()
            .filter(|n| n.start >= start && n.end <= end)
            .map(|n| n.start - start..n.end - start)
            .collect();
        clauses.push(LabelledSentence {
            text: chars[start..end].iter().collect(),
            names,
        });
        start = end;
    }
    clauses
}

fn labels(len: usize, names: &[std::ops::Range<usize>]) -> Vec<usize> {
    let mut labels = vec![O; len];
    for name in names {
        for (k, label) in labels[name.clone()].iter_mut().enumerate() {
            *label = if k == 0 { B } else { I };
        }
    }
    labels
}

/// Names to swap in: Chinese names by length, and transliterated foreign names.
struct NamePools {
    chinese: [Vec<String>; 2],
    foreign: Vec<String>,
}

impl NamePools {
    fn from_dictionary(dictionary: &str) -> NamePools {
        let mut pools = NamePools {
            chinese: [Vec::new(), Vec::new()],
            foreign: Vec::new(),
        };
        for line in dictionary.lines() {
            let mut parts = line.split_whitespace();
            let (Some(word), freq, tag) = (parts.next(), parts.next(), parts.next().unwrap_or(""))
            else {
                continue;
            };
            let freq: u32 = freq.and_then(|f| f.parse().ok()).unwrap_or(0);
            let chars: Vec<char> = word.chars().collect();
            // Rare dictionary "names" are often not names at all.
            if !chars.iter().all(|&c| is_han(c)) || freq < 3 {
                continue;
            }
            match tag {
                "nr" if (2..=3).contains(&chars.len()) && lexicon::is_surname_at(&chars, 0) => {
                    pools.chinese[chars.len() - 2].push(word.to_string())
                }
                "nrt" if chars.len() >= 2 => pools.foreign.push(word.to_string()),
                _ => {}
            }
        }
        pools
    }

    /// A copy of `sentence` with each name of two or more characters replaced by a random
    /// one of the same kind: Chinese names by a Chinese name of the same length, others
    /// by a foreign one.
    fn swap_names(&self, sentence: &LabelledSentence, rng: &mut XorShift) -> LabelledSentence {
        let chars: Vec<char> = sentence.text.chars().collect();
        let mut out = LabelledSentence::default();
        let mut at = 0;
        let mut written = 0;
        for name in &sentence.names {
            out.text.extend(&chars[at..name.start]);
            written += name.start - at;
            let original = &chars[name.clone()];
            let chinese = (2..=3).contains(&original.len()) && lexicon::is_surname_at(original, 0);
            let pool = if chinese {
                &self.chinese[original.len() - 2]
            } else {
                &self.foreign
            };
            let replacement: Vec<char> = if original.len() < 2 || pool.is_empty() {
                original.to_vec()
            } else {
                pool[rng.below(pool.len())].chars().collect()
            };
            out.names.push(written..written + replacement.len());
            written += replacement.len();
            out.text.extend(replacement);
            at = name.end;
        }
        out.text.extend(&chars[at..]);
        out
    }
}

/// A small fixed-seed generator: the same options give the same model.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapped_names_keep_their_spans() {
        let pools = NamePools::from_dictionary("张三丰 5 nr\n克林顿 5 nrt\n");
        let sentence = LabelledSentence {
            text: "王小明会见了布什。".into(),
            names: vec![0..3, 6..8],
        };
        let copy = pools.swap_names(&sentence, &mut XorShift(1));
        assert_eq!(copy.text, "张三丰会见了克林顿。");
        assert_eq!(copy.names, [0..3, 6..9]);
    }
}
