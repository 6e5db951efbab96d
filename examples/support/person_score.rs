//! Precision, recall and F1 of predicted person names against gold names, counted per
//! sentence: a predicted name is right when the sentence's gold names include it.

use std::collections::BTreeSet;

#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    pub true_positives: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Score {
    /// Adds one sentence: its gold names and the names predicted for it.
    pub fn add<'a>(
        &mut self,
        gold: impl IntoIterator<Item = &'a str>,
        predicted: impl IntoIterator<Item = &'a str>,
    ) {
        let gold: BTreeSet<&str> = gold.into_iter().collect();
        let predicted: BTreeSet<&str> = predicted.into_iter().collect();
        self.true_positives += gold.intersection(&predicted).count();
        self.gold += gold.len();
        self.predicted += predicted.len();
    }

    #[allow(dead_code)] // used by train_persons only
    pub fn merge(&mut self, other: Score) {
        self.true_positives += other.true_positives;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }

    pub fn precision(&self) -> f64 {
        self.true_positives as f64 / self.predicted.max(1) as f64
    }

    pub fn recall(&self) -> f64 {
        self.true_positives as f64 / self.gold.max(1) as f64
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:.3} R {:.3} F1 {:.3} (correct {}, predicted {}, gold {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.true_positives,
            self.predicted,
            self.gold
        )
    }
}

/// Reads a BIO file, or says in one line what is wrong with it.
#[cfg(feature = "training")] // the BIO reader is part of the training and evaluation API
#[allow(dead_code)] // not every program that includes this module reads BIO files
pub fn read_bio_file(
    path: &str,
) -> Result<Vec<zhsearch::extract::persons::LabelledSentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("{path}: {err}"))?;
    zhsearch::extract::persons::read_bio(&text)
        .map_err(|line| format!("{path}:{line}: not a `character label` line"))
}

/// Which sentences of a BIO file a run uses: the development part (rules are written
/// against it and models are cross-validated on it), the held-out part (only scored, at
/// the end), or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)] // not every program that includes this module splits a file
pub enum Part {
    Dev,
    HeldOut,
    All,
}

#[allow(dead_code)]
impl Part {
    /// Reads `dev`, `held-out` or `all`.
    pub fn parse(text: &str) -> Option<Part> {
        match text {
            "dev" => Some(Part::Dev),
            "held-out" => Some(Part::HeldOut),
            "all" => Some(Part::All),
            _ => None,
        }
    }

    /// True if the sentence at `index` (0-based, in file order) belongs to this part.
    pub fn contains(self, index: usize) -> bool {
        match self {
            Part::All => true,
            Part::HeldOut => is_held_out(index),
            Part::Dev => !is_held_out(index),
        }
    }

    /// The sentences of this part, in file order.
    pub fn select<T>(self, sentences: Vec<T>) -> Vec<T> {
        sentences
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.contains(*i))
            .map(|(_, s)| s)
            .collect()
    }
}

/// The fixed seed of the held-out split; changing it would put sentences already read
/// while writing rules into the held-out part.
const HELD_OUT_SEED: u64 = 20;

/// True for about a quarter of the sentences, chosen by their position in the file:
/// splitmix64 of `HELD_OUT_SEED + index`, held out when its value is 0 modulo 4. A hash
/// rather than every fourth sentence, so that neighbouring sentences of one article do
/// not fall into the parts in a pattern.
fn is_held_out(index: usize) -> bool {
    let mut z = HELD_OUT_SEED
        .wrapping_add(index as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    z.is_multiple_of(4)
}
