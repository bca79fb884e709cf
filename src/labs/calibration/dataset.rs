//! The toy validation set: seeded examples whose logits come from an
//! over-confident classifier with a known true temperature.
//!
//! For each example a true class `c` is drawn uniformly, "honest" logits
//! `z_j = sigma * N(0, 1) + margin * [j = c]` are drawn, and the label is
//! sampled from `softmax(z)`, so `softmax(z)` is perfectly calibrated by
//! construction. The classifier reports `l = T* z` with `T* > 1`: its
//! softmax is sharper than the truth (over-confident), and dividing its
//! logits by `T*` recovers the calibrated probabilities exactly. Fitting `T`
//! by maximum likelihood should therefore land near `T*`.

use super::rng::SplitMix64;
use crate::softmax;

/// How a validation set is generated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recipe {
    /// Seed of the random stream.
    pub seed: u64,
    /// Number of examples.
    pub examples: usize,
    /// Number of classes (at least 2).
    pub classes: usize,
    /// The classifier's over-confidence `T*`: its logits are `T*` times the
    /// calibrated ones.
    pub true_temperature: f64,
    /// How far the true class's honest logit is raised.
    pub margin: f64,
    /// Spread of the honest logits.
    pub spread: f64,
}

impl Recipe {
    /// The lab's preset: 300 examples, 4 classes, a classifier 2.5 times
    /// too sharp.
    pub const PRESET: Recipe = Recipe {
        seed: 2024,
        examples: 300,
        classes: 4,
        true_temperature: 2.5,
        margin: 1.5,
        spread: 1.0,
    };
}

/// A labelled set of logit vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationSet {
    /// Classes per example.
    pub classes: usize,
    /// Row-major logits, `classes` per example.
    pub logits: Vec<f64>,
    /// The label of each example, in `0..classes`.
    pub labels: Vec<usize>,
}

impl ValidationSet {
    /// Generate the set described by `recipe` (deterministic in the recipe;
    /// `classes` is raised to 2 if smaller).
    pub fn generate(recipe: &Recipe) -> ValidationSet {
        let classes = recipe.classes.max(2);
        let mut rng = SplitMix64::new(recipe.seed);
        let mut logits = Vec::with_capacity(recipe.examples * classes);
        let mut labels = Vec::with_capacity(recipe.examples);
        for _ in 0..recipe.examples {
            let true_class = rng.below(classes);
            let honest: Vec<f64> = (0..classes)
                .map(|j| {
                    let raise = if j == true_class { recipe.margin } else { 0.0 };
                    recipe.spread * rng.normal() + raise
                })
                .collect();
            labels.push(draw(&softmax(&honest), rng.uniform()));
            logits.extend(honest.iter().map(|z| recipe.true_temperature * z));
        }
        ValidationSet {
            classes,
            logits,
            labels,
        }
    }

    /// Number of examples.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the set has no examples.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The logits of example `i` (empty if out of range).
    pub fn row(&self, i: usize) -> &[f64] {
        let start = i * self.classes;
        self.logits.get(start..start + self.classes).unwrap_or(&[])
    }

    /// A 64-bit FNV-1a hash of every logit's bits and every label: equal
    /// fingerprints mean bit-identical sets (up to hash collisions), which
    /// is how a test pins the preset across platforms and versions.
    pub fn fingerprint(&self) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |word: u64| {
            for byte in word.to_le_bytes() {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        };
        self.logits.iter().for_each(|x| eat(x.to_bits()));
        self.labels.iter().for_each(|&y| eat(y as u64));
        hash
    }

    /// Iterate over `(logits, label)` pairs.
    pub fn examples(&self) -> impl Iterator<Item = (&[f64], usize)> {
        self.logits
            .chunks_exact(self.classes)
            .zip(self.labels.iter().copied())
    }
}

/// The class chosen by the uniform number `u` in `[0, 1)` from the
/// probabilities `p` (inverse CDF; the last class takes any rounding slack).
fn draw(p: &[f64], u: f64) -> usize {
    let mut cumulative = 0.0;
    for (j, pj) in p.iter().enumerate() {
        cumulative += pj;
        if u < cumulative {
            return j;
        }
    }
    p.len().saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preset_is_the_same_every_time() {
        let a = ValidationSet::generate(&Recipe::PRESET);
        let b = ValidationSet::generate(&Recipe::PRESET);
        assert_eq!(a, b);
        assert_eq!(a.len(), 300);
        assert_eq!(a.logits.len(), 1200);
        assert!(a.labels.iter().all(|&y| y < 4));
        let other = ValidationSet::generate(&Recipe {
            seed: 7,
            ..Recipe::PRESET
        });
        assert_ne!(a, other);
    }

    #[test]
    fn the_preset_is_pinned_bit_for_bit() {
        // The logits are made of integer-derived uniforms with additions and
        // multiplications only, so this holds on every platform; a change
        // here means every number the lab shows has changed.
        let set = ValidationSet::generate(&Recipe::PRESET);
        assert_eq!(
            set.fingerprint(),
            PRESET_FINGERPRINT,
            "{:#x}",
            set.fingerprint()
        );
    }

    const PRESET_FINGERPRINT: u64 = 0xe537_a0c8_59d9_dd4c;

    #[test]
    fn the_inverse_cdf_draw_picks_the_right_class() {
        let p = [0.2, 0.5, 0.3];
        assert_eq!(draw(&p, 0.0), 0);
        assert_eq!(draw(&p, 0.19), 0);
        assert_eq!(draw(&p, 0.2), 1);
        assert_eq!(draw(&p, 0.69), 1);
        assert_eq!(draw(&p, 0.71), 2);
        assert_eq!(draw(&p, 0.999_999), 2);
    }
}
