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
