//! Attention masks: which query may look at which key, the value written
//! into the masked scores, and what softmax makes of a masked row.
//!
//! Query `i` may not see key `j` when the causal mask is on and `j > i` (a
//! later token), or when the padding mask is on and token `j` is padding.
//! Masked scores are replaced by a fill value before softmax; with the true
//! `-inf` they get exactly zero weight, with a finite stand-in they may not.

use super::formats::Format;
use crate::math::softmax_f32;
use crate::softmax;

/// Which masks are on, and which positions are padding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mask {
    /// Hide later keys from each query (`j > i`).
    pub causal: bool,
    /// Hide the padded keys.
    pub padding: bool,
    /// One flag per position: is this token padding?
    pub padded: Vec<bool>,
}

impl Mask {
    /// Whether query `i` is kept from key `j`.
    pub fn masked(&self, i: usize, j: usize) -> bool {
        (self.causal && j > i) || (self.padding && self.padded.get(j).copied().unwrap_or(false))
    }

    /// The `n x n` matrix of [`Mask::masked`], row-major (row = query).
    pub fn matrix(&self, n: usize) -> Vec<bool> {
        (0..n)
            .flat_map(|i| (0..n).map(move |j| (i, j)))
            .map(|(i, j)| self.masked(i, j))
            .collect()
    }

    /// The queries that may see no key at all.
    pub fn fully_masked_rows(&self, n: usize) -> Vec<usize> {
        (0..n)
            .filter(|&i| (0..n).all(|j| self.masked(i, j)))
            .collect()
    }
}

/// The value written into masked scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// `-inf`: exactly zero weight, always.
    NegInf,
    /// `-1e9`, a common stand-in in f32 code; overflows to `-inf` in f16.
    Minus1e9,
    /// `-1e4`, a stand-in that fits in f16.
    Minus1e4,
    /// `-10`: too small to hide anything.
    Minus10,
}

impl Fill {
    /// Every fill, the right one first.
    pub const ALL: [Fill; 4] = [Fill::NegInf, Fill::Minus1e9, Fill::Minus1e4, Fill::Minus10];

    /// The fill as a number (before rounding to a format).
    pub fn value(self) -> f64 {
        match self {
            Fill::NegInf => f64::NEG_INFINITY,
            Fill::Minus1e9 => -1e9,
            Fill::Minus1e4 => -1e4,
            Fill::Minus10 => -10.0,
        }
    }

    /// A stable identifier for menus and tests.
    pub fn id(self) -> &'static str {
        match self {
            Fill::NegInf => "-inf",
            Fill::Minus1e9 => "-1e9",
            Fill::Minus1e4 => "-1e4",
            Fill::Minus10 => "-10",
        }
    }

    /// What the menu says.
    pub fn label(self) -> &'static str {
        match self {
            Fill::NegInf => "true −∞",
            Fill::Minus1e9 => "−1e9",
            Fill::Minus1e4 => "−1e4",
            Fill::Minus10 => "−10",
        }
    }

    /// The fill with identifier `id`.
    pub fn from_id(id: &str) -> Option<Fill> {
        Fill::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The fill as `format` stores it: `-1e9` becomes `-inf` in f16.
    pub fn stored(self, format: Format) -> f64 {
        format.round(self.value())
    }
}

/// `row` with its masked entries replaced by `fill` as `format` stores it.
pub fn apply(row: &[f64], masked: &[bool], fill: Fill, format: Format) -> Vec<f64> {
    row.iter()
        .zip(masked)
        .map(|(&s, &m)| if m { fill.stored(format) } else { s })
        .collect()
}

/// Softmax as most hand-written code does it, every step rounded to
/// `format`: `m = max`, `e_i = exp(x_i - m)`, `p_i = e_i / sum e`. A row
/// that is all `-inf` gives NaN everywhere (`-inf - (-inf)` is NaN).
pub fn naive_softmax(row: &[f64], format: Format) -> Vec<f64> {
    let m = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = row.iter().map(|&x| format.exp(format.sub(x, m))).collect();
    let s = e.iter().fold(0.0, |s, &v| format.add(s, v));
    e.iter().map(|&v| format.div(v, s)).collect()
}

/// The lesson's softmax (special values included: an all `-inf` row gives
/// zeros), correctly rounded to `format`: in f32 through the core's f32
/// entry point, otherwise from the f64 core.
pub fn safe_softmax(row: &[f64], format: Format) -> Vec<f64> {
    if format == Format::F32 {
        let narrow: Vec<f32> = row.iter().map(|&x| x as f32).collect();
        softmax_f32(&narrow).into_iter().map(f64::from).collect()
    } else {
        softmax(row).into_iter().map(|p| format.round(p)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_are_stored_as_the_format_can() {
        assert_eq!(Fill::Minus1e9.stored(Format::F16), f64::NEG_INFINITY);
        assert_eq!(Fill::Minus1e9.stored(Format::F32), -1e9);
        assert_eq!(Fill::Minus1e4.stored(Format::F16), -10000.0);
        for f in Fill::ALL {
            assert_eq!(Fill::from_id(f.id()), Some(f));
        }
    }
}
