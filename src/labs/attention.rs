//! The masking and attention lab: one head of scaled dot-product attention
//! over a short sentence, with seeded query and key vectors.
//!
//! Scores are `S_ij = q_i . k_j / sqrt(d)` (or without the division, to see
//! why it is there), rounded to the chosen precision (f32 or f16). Masked
//! scores are replaced by a fill value, and each row goes through softmax:
//! `A_ij = softmax(S_i)_j`. Query and key entries are drawn from a seeded
//! SplitMix64 stream with mean 0 and variance 1, so `q . k` has variance `d`
//! and the same seed gives the same numbers natively and in wasm.

use super::formats::Format;
use super::masking::{apply, naive_softmax, safe_softmax, Fill, Mask};
use super::seeded;
use super::truncation::{top_k, top_p, truncate};
use crate::{softmax, Error};

/// The sentence, padded to eight positions.
pub const TOKENS: [&str; 8] = ["the", "cat", "sat", "on", "the", "mat", "<pad>", "<pad>"];
/// Smallest and largest head dimension `d`.
pub const D_RANGE: (usize, usize) = (1, 512);
/// The default head dimension.
pub const DEFAULT_D: usize = 16;
/// The default seed.
pub const DEFAULT_SEED: u64 = 2024;

/// The lab's state.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionLab {
    seed: u64,
    d: usize,
    scaled: bool,
    mask: Mask,
    fill: Fill,
    precision: Format,
    row: usize,
    k: usize,
    p: f64,
}

impl Default for AttentionLab {
    fn default() -> Self {
        AttentionLab {
            seed: DEFAULT_SEED,
            d: DEFAULT_D,
            scaled: true,
            mask: Mask {
                causal: true,
                padding: true,
                padded: TOKENS.iter().map(|t| *t == "<pad>").collect(),
            },
            fill: Fill::NegInf,
            precision: Format::F32,
            row: 5,
            k: 2,
            p: 0.75,
        }
    }
}

/// How far the scores spread, and how peaked softmax gets, at the current
/// `d` (computed over the unmasked cells).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// Standard deviation of the raw `q . k` (grows like `sqrt d`).
    pub raw_sd: f64,
    /// Standard deviation of `q . k / sqrt d` (stays near 1).
    pub scaled_sd: f64,
    /// Mean over rows of the largest weight, without the division.
    pub raw_peak: f64,
    /// Mean over rows of the largest weight, with the division.
    pub scaled_peak: f64,
}

/// One row put through top-k and top-p.
#[derive(Debug, Clone, PartialEq)]
pub struct Truncation {
    /// The row's scores after masking (masked entries `-inf`).
    pub scores: Vec<f64>,
    /// The row's weights before truncation.
    pub weights: Vec<f64>,
    /// Entries kept by top-k.
    pub keep_k: Vec<bool>,
    /// Weights after top-k.
    pub weights_k: Vec<f64>,
    /// Entries kept by top-p.
    pub keep_p: Vec<bool>,
    /// Weights after top-p.
    pub weights_p: Vec<f64>,
}

impl AttentionLab {
    /// Number of tokens.
    pub fn n(&self) -> usize {
        TOKENS.len()
    }

    /// Head dimension `d`.
    pub fn d(&self) -> usize {
        self.d
    }

    /// Whether scores are divided by `sqrt d`.
    pub fn scaled(&self) -> bool {
        self.scaled
    }

    /// The masks.
    pub fn mask(&self) -> &Mask {
        &self.mask
    }

    /// The fill value.
    pub fn fill(&self) -> Fill {
        self.fill
    }

    /// The precision scores and weights are stored in.
    pub fn precision(&self) -> Format {
        self.precision
    }

    /// The row shown with top-k and top-p.
    pub fn row(&self) -> usize {
        self.row
    }

    /// `k` of top-k.
    pub fn k(&self) -> usize {
        self.k
    }

    /// `p` of top-p.
    pub fn p(&self) -> f64 {
        self.p
    }

    /// The seed of the query and key vectors.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Set `d`, which must lie in [`D_RANGE`].
    pub fn set_d(&mut self, d: usize) -> Result<(), Error> {
        if (D_RANGE.0..=D_RANGE.1).contains(&d) {
            self.d = d;
            Ok(())
        } else {
            Err(Error::Invalid(format!(
                "d must be between {} and {}.",
                D_RANGE.0, D_RANGE.1
            )))
        }
    }

    /// Divide scores by `sqrt d` or not.
    pub fn set_scaled(&mut self, on: bool) {
        self.scaled = on;
    }

    /// Turn the causal mask on or off.
    pub fn set_causal(&mut self, on: bool) {
        self.mask.causal = on;
    }

    /// Turn the padding mask on or off.
    pub fn set_padding(&mut self, on: bool) {
        self.mask.padding = on;
    }

    /// Mark position `j` as padding or not.
    pub fn set_padded(&mut self, j: usize, on: bool) -> Result<(), Error> {
        match self.mask.padded.get_mut(j) {
            Some(slot) => {
                *slot = on;
                Ok(())
            }
            None => Err(Error::Invalid(format!("There is no position {}.", j + 1))),
        }
    }

    /// Choose the fill value by identifier (`-inf`, `-1e9`, `-1e4`, `-10`).
    pub fn set_fill(&mut self, id: &str) -> Result<(), Error> {
        self.fill = Fill::from_id(id)
            .ok_or_else(|| Error::Invalid(format!("There is no fill value {id:?}.")))?;
        Ok(())
    }

    /// Choose the precision (`f32` or `f16`).
    pub fn set_precision(&mut self, name: &str) -> Result<(), Error> {
        match Format::named(name) {
            Some(f @ (Format::F32 | Format::F16)) => {
                self.precision = f;
                Ok(())
            }
            _ => Err(Error::Invalid(
                "The attention lab computes in f32 or f16.".to_owned(),
            )),
        }
    }

    /// Choose the row for top-k and top-p.
    pub fn set_row(&mut self, row: usize) -> Result<(), Error> {
        if row < self.n() {
            self.row = row;
            Ok(())
        } else {
            Err(Error::Invalid(format!("There is no row {}.", row + 1)))
        }
    }

    /// Set `k` from typed text: a whole number from 1 to the row length.
    pub fn set_k(&mut self, text: &str) -> Result<(), Error> {
        let v = crate::input::parse_number(text)?;
        let n = self.n();
        if v.fract() != 0.0 || v < 1.0 || v > n as f64 {
            return Err(Error::Invalid(format!(
                "k is a whole number from 1 to {n}."
            )));
        }
        self.k = v as usize;
        Ok(())
    }

    /// Set `p` from typed text: a number in `(0, 1]`.
    pub fn set_p(&mut self, text: &str) -> Result<(), Error> {
        let v = crate::input::parse_number(text)?;
        if !(v > 0.0 && v <= 1.0) {
            return Err(Error::Invalid(
                "p is a probability above 0 and at most 1, such as 0.9.".to_owned(),
            ));
        }
        self.p = v;
        Ok(())
    }

    /// Use the query and key vectors of `seed` (a link's).
    pub fn set_seed(&mut self, seed: u64) {
        self.seed = seed;
    }

    /// Draw new query and key vectors (the next seed).
    pub fn reseed(&mut self) {
        self.seed = self.seed.wrapping_add(1);
    }

    /// Entry `c` of the query (`which = 0`) or key (`which = 1`) vector of
    /// token `i`: mean 0, variance 1, the same for every `d > c`.
    fn entry(&self, which: u64, i: usize, c: usize) -> f64 {
        seeded::standard(seeded::key(self.seed, &[which, i as u64, c as u64]))
    }

    /// The raw dot products `q_i . k_j`, row-major, in f64.
    pub fn raw_scores(&self) -> Vec<f64> {
        let n = self.n();
        let q: Vec<Vec<f64>> = (0..n)
            .map(|i| (0..self.d).map(|c| self.entry(0, i, c)).collect())
            .collect();
        let k: Vec<Vec<f64>> = (0..n)
            .map(|j| (0..self.d).map(|c| self.entry(1, j, c)).collect())
            .collect();
        (0..n)
            .flat_map(|i| (0..n).map(move |j| (i, j)))
            .map(|(i, j)| q[i].iter().zip(&k[j]).map(|(a, b)| a * b).sum())
            .collect()
    }

    /// The scores `q . k / sqrt d` (or `q . k` when not scaled), rounded to
    /// the precision, before masking.
    pub fn scores(&self) -> Vec<f64> {
        let divisor = if self.scaled {
            (self.d as f64).sqrt()
        } else {
            1.0
        };
        self.raw_scores()
            .into_iter()
            .map(|s| self.precision.round(s / divisor))
            .collect()
    }

    /// The mask matrix, row-major.
    pub fn masked(&self) -> Vec<bool> {
        self.mask.matrix(self.n())
    }

    /// Row `i` of a row-major `n x n` matrix.
    fn row_of<T: Copy>(&self, m: &[T], i: usize) -> Vec<T> {
        let n = self.n();
        m[i * n..(i + 1) * n].to_vec()
    }

    /// The scores with masked cells replaced by the fill value.
    pub fn filled_scores(&self) -> Vec<f64> {
        let s = self.scores();
        let m = self.masked();
        (0..self.n())
            .flat_map(|i| {
                apply(
                    &self.row_of(&s, i),
                    &self.row_of(&m, i),
                    self.fill,
                    self.precision,
                )
            })
            .collect()
    }

    /// The attention weights: the lesson's softmax of each filled row,
    /// rounded to the precision. A fully masked row with the true `-inf`
    /// gives zeros.
    pub fn weights(&self) -> Vec<f64> {
        let f = self.filled_scores();
        (0..self.n())
            .flat_map(|i| safe_softmax(&self.row_of(&f, i), self.precision))
            .collect()
    }

    /// Each row's weight on masked cells: 0 with `-inf`, positive when a
    /// finite stand-in leaks.
    pub fn leaks(&self) -> Vec<f64> {
        let w = self.weights();
        let m = self.masked();
        (0..self.n())
            .map(|i| {
                let n = self.n();
                (0..n).filter(|&j| m[i * n + j]).map(|j| w[i * n + j]).sum()
            })
            .collect()
    }

    /// The queries that see no key.
    pub fn fully_masked_rows(&self) -> Vec<usize> {
        self.mask.fully_masked_rows(self.n())
    }

    /// Row `i` with every entry masked by the true `-inf`: what naive code
    /// gives (NaN) and what the lesson's core gives (zeros).
    pub fn fully_masked_demo(&self) -> (Vec<f64>, Vec<f64>) {
        let row = vec![f64::NEG_INFINITY; self.n()];
        (
            naive_softmax(&row, self.precision),
            safe_softmax(&row, self.precision),
        )
    }

    /// Row `i` with every entry masked by the current fill, through naive
    /// code: NaN when the fill is (or overflows to) `-inf`, uniform when it
    /// is finite.
    pub fn fully_masked_with_fill(&self) -> Vec<f64> {
        let row = vec![self.fill.stored(self.precision); self.n()];
        naive_softmax(&row, self.precision)
    }

    /// How the scores spread and how peaked the rows are, with and without
    /// the division by `sqrt d` (unmasked cells only, in f64).
    pub fn spread(&self) -> Spread {
        let raw = self.raw_scores();
        let m = self.masked();
        let n = self.n();
        let root = (self.d as f64).sqrt();
        let kept: Vec<f64> = raw
            .iter()
            .zip(&m)
            .filter(|(_, &masked)| !masked)
            .map(|(&s, _)| s)
            .collect();
        let sd = |xs: &[f64]| {
            if xs.is_empty() {
                return 0.0;
            }
            let mean = xs.iter().sum::<f64>() / xs.len() as f64;
            (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64).sqrt()
        };
        let peak = |divisor: f64| {
            let mut total = 0.0;
            let mut rows = 0usize;
            for i in 0..n {
                let row: Vec<f64> = (0..n)
                    .map(|j| {
                        if m[i * n + j] {
                            f64::NEG_INFINITY
                        } else {
                            raw[i * n + j] / divisor
                        }
                    })
                    .collect();
                let p = softmax(&row);
                if let Some(max) = p.iter().copied().reduce(f64::max) {
                    if max > 0.0 {
                        total += max;
                        rows += 1;
                    }
                }
            }
            if rows == 0 {
                0.0
            } else {
                total / rows as f64
            }
        };
        let raw_sd = sd(&kept);
        Spread {
            raw_sd,
            scaled_sd: raw_sd / root,
            raw_peak: peak(1.0),
            scaled_peak: peak(root),
        }
    }

    /// The chosen row through top-k and top-p.
    pub fn truncation(&self) -> Truncation {
        let f = self.filled_scores();
        // Truncation builds on the true -inf mask, whatever the fill.
        let m = self.masked();
        let scores: Vec<f64> = self
            .row_of(&f, self.row)
            .iter()
            .zip(self.row_of(&m, self.row))
            .map(|(&s, masked)| if masked { f64::NEG_INFINITY } else { s })
            .collect();
        let weights = safe_softmax(&scores, self.precision);
        let keep_k = top_k(&scores, self.k);
        let keep_p = top_p(&scores, self.p);
        let weights_k = safe_softmax(&truncate(&scores, &keep_k), self.precision);
        let weights_p = safe_softmax(&truncate(&scores, &keep_p), self.precision);
        Truncation {
            scores,
            weights,
            keep_k,
            weights_k,
            keep_p,
            weights_p,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_weight_row_is_a_distribution_or_all_zero() {
        let lab = AttentionLab::default();
        let w = lab.weights();
        for i in 0..lab.n() {
            let total: f64 = w[i * 8..(i + 1) * 8].iter().sum();
            assert!(
                (total - 1.0).abs() < 1e-5 || total == 0.0,
                "row {i}: {total}"
            );
        }
    }

    #[test]
    fn raising_d_keeps_the_earlier_entries() {
        let mut lab = AttentionLab::default();
        let a = lab.entry(0, 3, 5);
        lab.set_d(400).unwrap();
        assert_eq!(lab.entry(0, 3, 5), a);
    }
}
