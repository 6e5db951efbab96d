//! A linear sequence model over [`super::features`]: one weight per feature and label,
//! label-to-label transition weights, Viterbi decoding, and an averaged-perceptron
//! trainer. Labels are `O` (outside a name), `B` (first character), `I` (inside).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Outside a name.
pub(crate) const O: usize = 0;
/// The first character of a name.
pub(crate) const B: usize = 1;
/// A later character of a name.
pub(crate) const I: usize = 2;
const LABELS: usize = 3;
/// The row of [`Model::transitions`] used before the first character.
const START: usize = 3;

/// Feature keys are already well mixed; hashing them again would only cost time.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys are hashed")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Weights<T> = HashMap<u64, T, BuildHasherDefault<KeyHasher>>;

/// Weights of a trained model.
#[derive(Default)]
pub(crate) struct Model {
    weights: Weights<[f32; LABELS]>,
    /// The same weights, frozen for fast lookups once training is over.
    frozen: Option<FrozenWeights>,
    /// `transitions[from][to]`; `from == START` before the first character.
    transitions: [[f32; LABELS]; 4],
}

impl Model {
    /// The best label sequence for a sentence's features.
    #[cfg(any(feature = "training", test))]
    pub fn decode(&self, features: &[Vec<u64>]) -> Vec<usize> {
        let emissions: Vec<[f32; LABELS]> = features.iter().map(|f| self.emissions(f)).collect();
        self.decode_emissions(&emissions)
    }

    /// The score of each label at each character.
    pub fn emissions_of(&self, features: &[Vec<u64>]) -> Vec<[f32; LABELS]> {
        features.iter().map(|f| self.emissions(f)).collect()
    }

    /// How much better the labels of `span` score as a name than as plain text, with the
    /// labels around it as decoded: a name the model is sure of has a wide margin.
    pub fn margin(&self, emissions: &[[f32; LABELS]], labels: &[usize], span: Range<usize>) -> f32 {
        let before = span.start.checked_sub(1).map_or(START, |i| labels[i]);
        let after = labels.get(span.end).copied();
        let mut name = self.transition(before, B);
        let mut plain = self.transition(before, O);
        let mut previous = (before, before);
        for i in span.clone() {
            name += emissions[i][labels[i]];
            plain += emissions[i][O];
            if i > span.start {
                name += self.transition(previous.0, labels[i]);
                plain += self.transition(O, O);
            }
            previous = (labels[i], O);
        }
        if let Some(after) = after {
            name += self.transition(previous.0, after);
            plain += self.transition(O, after);
        }
        name - plain
    }

    /// The best label sequence for a sentence's emission scores.
    pub fn decode_emissions(&self, emissions: &[[f32; LABELS]]) -> Vec<usize> {
        let n = emissions.len();
        if n == 0 {
            return Vec::new();
        }
        let mut score = vec![[0f32; LABELS]; n];
        let mut back = vec![[0usize; LABELS]; n];
        for (i, emit) in emissions.iter().enumerate() {
            for to in 0..LABELS {
                let (best_from, best) = if i == 0 {
                    (START, self.transition(START, to))
                } else {
                    (0..LABELS)
                        .map(|from| (from, score[i - 1][from] + self.transition(from, to)))
                        .fold((O, f32::NEG_INFINITY), |a, b| if b.1 > a.1 { b } else { a })
                };
                score[i][to] = best + emit[to];
                back[i][to] = best_from;
            }
        }
        let mut labels = vec![O; n];
        let mut label = (0..LABELS)
            .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]))
            .unwrap_or(O);
        for i in (0..n).rev() {
            labels[i] = label;
            label = back[i][label];
        }
        labels
    }

    fn emissions(&self, features: &[u64]) -> [f32; LABELS] {
        let mut sum = [0f32; LABELS];
        for key in features {
            let weights = match &self.frozen {
                Some(frozen) => frozen.get(*key),
                None => self.weights.get(key),
            };
            if let Some(w) = weights {
                for (s, w) in sum.iter_mut().zip(w) {
                    *s += w;
                }
            }
        }
        sum
    }

    /// Freezes the weights into a table built for lookups.
    fn freeze(mut self) -> Model {
        self.frozen = Some(FrozenWeights::new(&self.weights));
        self
    }

    /// Transition weight; an `I` may only follow `B` or `I`.
    fn transition(&self, from: usize, to: usize) -> f32 {
        if to == I && (from == O || from == START) {
            f32::NEG_INFINITY
        } else {
            self.transitions[from][to]
        }
    }

    /// Reads a model written by [`Model::write`]; it must fill `bytes`.
    pub fn read(bytes: &[u8]) -> Option<Model> {
        let mut reader = Reader(bytes);
        let count = reader.u32()? as usize;
        let mut model = Model::default();
        for row in &mut model.transitions {
            for w in row.iter_mut() {
                *w = reader.f32()?;
            }
        }
        model.weights.reserve(count);
        for _ in 0..count {
            let key = reader.u64()?;
            let w = [reader.f32()?, reader.f32()?, reader.f32()?];
            model.weights.insert(key, w);
        }
        reader.0.is_empty().then(|| model.freeze())
    }

    /// Appends the model to `out`; keys in ascending order so that the output is
    /// reproducible.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend((self.weights.len() as u32).to_le_bytes());
        for w in self.transitions.iter().flatten() {
            out.extend(w.to_le_bytes());
        }
        let mut keys: Vec<&u64> = self.weights.keys().collect();
        keys.sort();
        for key in keys {
            out.extend(key.to_le_bytes());
            for w in &self.weights[key] {
                out.extend(w.to_le_bytes());
            }
        }
    }

    /// The mean of several models' weights: a feature one model lacks counts as zero there.
    #[cfg(any(feature = "training", test))]
    pub fn average(models: Vec<Model>) -> Model {
        let share = 1.0 / models.len().max(1) as f32;
        let mut mean = Model::default();
        for model in &models {
            for (key, weights) in &model.weights {
                let sum = mean.weights.entry(*key).or_default();
                for (s, w) in sum.iter_mut().zip(weights) {
                    *s += w * share;
                }
            }
            for (sum, row) in mean.transitions.iter_mut().zip(&model.transitions) {
                for (s, w) in sum.iter_mut().zip(row) {
                    *s += w * share;
                }
            }
        }
        mean.freeze()
    }

    /// Number of features with a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }
    fn f32(&mut self) -> Option<f32> {
        self.take().map(f32::from_le_bytes)
    }
}

/// An averaged perceptron: after each wrong sentence, the gold features gain and the
/// predicted ones lose; the final weights are the average over all updates, which keeps
/// the model from chasing the last sentences it saw.
#[cfg(any(feature = "training", test))]
#[derive(Default)]
pub(crate) struct Trainer {
    model: Model,
    /// Per weight: the sum of its values over all steps, and the step of its last change.
    totals: Weights<([f32; LABELS], u64)>,
    transition_totals: [[f32; LABELS]; 4],
    transition_last: [[u64; LABELS]; 4],
    step: u64,
}

#[cfg(any(feature = "training", test))]
impl Trainer {
    /// Learns from one sentence: its features and its gold labels.
    pub fn learn(&mut self, features: &[Vec<u64>], gold: &[usize]) {
        self.step += 1;
        let predicted = self.model.decode(features);
        if predicted == gold {
            return;
        }
        for (i, f) in features.iter().enumerate() {
            if predicted[i] != gold[i] {
                for &key in f {
                    self.update(key, gold[i], 1.0);
                    self.update(key, predicted[i], -1.0);
                }
            }
            let gold_from = if i == 0 { START } else { gold[i - 1] };
            let predicted_from = if i == 0 { START } else { predicted[i - 1] };
            if (gold_from, gold[i]) != (predicted_from, predicted[i]) {
                self.update_transition(gold_from, gold[i], 1.0);
                self.update_transition(predicted_from, predicted[i], -1.0);
            }
        }
    }

    fn update(&mut self, key: u64, label: usize, delta: f32) {
        let w = self.model.weights.entry(key).or_default();
        let (total, last) = self.totals.entry(key).or_insert(([0.0; LABELS], self.step));
        for l in 0..LABELS {
            total[l] += w[l] * (self.step - *last) as f32;
        }
        *last = self.step;
        w[label] += delta;
    }

    fn update_transition(&mut self, from: usize, to: usize, delta: f32) {
        let elapsed = self.step - self.transition_last[from][to];
        self.transition_totals[from][to] += self.model.transitions[from][to] * elapsed as f32;
        self.transition_last[from][to] = self.step;
        self.model.transitions[from][to] += delta;
    }

    /// The averaged model, without features whose every averaged weight is below
    /// `min_weight` in magnitude.
    pub fn finish(mut self, min_weight: f32) -> Model {
        let steps = self.step.max(1) as f32;
        let mut model = Model::default();
        for (key, w) in &self.model.weights {
            let (total, last) = self.totals[key];
            let mut avg = [0f32; LABELS];
            for l in 0..LABELS {
                avg[l] = (total[l] + w[l] * (self.step - last) as f32) / steps;
            }
            if avg.iter().any(|a| a.abs() >= min_weight) {
                model.weights.insert(*key, avg);
            }
        }
        for from in 0..4 {
            for to in 0..LABELS {
                let elapsed = self.step - self.transition_last[from][to];
                self.transition_totals[from][to] +=
                    self.model.transitions[from][to] * elapsed as f32;
                model.transitions[from][to] = self.transition_totals[from][to] / steps;
            }
        }
        self.model = Model::default();
        model.freeze()
    }
}

/// An open-addressing table of weights: a key and its weights share a slot, so a lookup
/// is mostly one cache line, where a general map takes two.
struct FrozenWeights {
    slots: Vec<(u64, [f32; LABELS])>,
    mask: usize,
    /// One bit per 2^18 buckets of the key's high bits, set for keys in the table: small
    /// enough to stay in cache, it answers most lookups of absent features by itself.
    present: Vec<u64>,
}

const PRESENT_BITS: u32 = 18;

/// Marks an empty slot; feature keys are hashes, and this one is not used.
const EMPTY: u64 = 0;

impl FrozenWeights {
    fn new(weights: &Weights<[f32; LABELS]>) -> FrozenWeights {
        let capacity = (weights.len() + weights.len() / 2 + 1).next_power_of_two();
        let mut table = FrozenWeights {
            slots: vec![(EMPTY, [0.0; LABELS]); capacity],
            mask: capacity - 1,
            present: vec![0; 1 << (PRESENT_BITS - 6)],
        };
        for (&key, w) in weights {
            if key == EMPTY {
                continue;
            }
            let mut i = key as usize & table.mask;
            while table.slots[i].0 != EMPTY {
                i = (i + 1) & table.mask;
            }
            table.slots[i] = (key, *w);
            let bit = (key >> (64 - PRESENT_BITS)) as usize;
            table.present[bit / 64] |= 1 << (bit % 64);
        }
        table
    }

    fn get(&self, key: u64) -> Option<&[f32; LABELS]> {
        let bit = (key >> (64 - PRESENT_BITS)) as usize;
        if self.present[bit / 64] >> (bit % 64) & 1 == 0 {
            return None;
        }
        let mut i = key as usize & self.mask;
        loop {
            let (k, w) = &self.slots[i];
            if *k == key {
                return Some(w);
            }
            if *k == EMPTY {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_toy_pattern_and_round_trips() {
        // Feature 7 marks a name start, feature 8 a name continuation.
        let sentence = vec![vec![1], vec![7], vec![8], vec![1]];
        let gold = vec![O, B, I, O];
        let mut trainer = Trainer::default();
        for _ in 0..5 {
            trainer.learn(&sentence, &gold);
        }
        let model = trainer.finish(0.0);
        assert_eq!(model.decode(&sentence), gold);
        let mut bytes = Vec::new();
        model.write(&mut bytes);
        let again = Model::read(&bytes).unwrap();
        assert_eq!(again.decode(&sentence), gold);
        assert!(Model::read(b"garbage").is_none());
    }

    #[test]
    fn averaging_halves_a_weight_one_model_lacks() {
        let mut a = Model::default();
        a.weights.insert(1, [2.0, 0.0, 0.0]);
        let mut b = Model::default();
        b.weights.insert(2, [0.0, 4.0, 0.0]);
        b.transitions[O][B] = 1.0;
        let mean = Model::average(vec![a, b]);
        assert_eq!(mean.emissions(&[1, 2]), [1.0, 2.0, 0.0]);
        assert_eq!(mean.transition(O, B), 0.5);
    }

    #[test]
    fn never_starts_a_name_inside() {
        let mut model = Model::default();
        // Even when every character looks like the inside of a name...
        model.weights.insert(1, [0.0, 0.0, 5.0]);
        let labels = model.decode(&[vec![1], vec![1], vec![1]]);
        // ...a name still begins with B.
        assert_eq!(labels[0], B);
        for pair in labels.windows(2) {
            assert!(pair[1] != I || pair[0] != O, "{labels:?}");
        }
    }
}
