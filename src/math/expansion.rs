//! Multi-word floating-point expansions (about 212 bits), the last resort
//! of Ziv's strategy for the one result whose natural formula cancels:
//! `logsumexp` near 0.
//!
//! An expansion is a sum of f64 words that do not overlap (Priest 1991;
//! Shewchuk, "Adaptive precision floating-point arithmetic and fast robust
//! geometric predicates", Discrete Comput. Geom. 18, 1997). Sums are formed
//! exactly with TwoSum (Shewchuk's Grow-Expansion), products from exact
//! TwoProd partial products, and the result is compressed (Shewchuk's
//! Compress) and cut to [`WORDS`] words. The exponential uses argument
//! halving, a Taylor series and repeated squaring: slow (microseconds per
//! call), and only run when the double-double result cannot be rounded
//! safely.

use super::dd::{fast_two_sum, ldexp, two_prod, two_sum};
use super::exp_table::LN2_X4;

/// Words kept after each operation.
pub const WORDS: usize = 4;

/// An expansion, largest word first; unused words are 0.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Expansion(pub [f64; WORDS]);

/// Sum a list of f64 terms exactly, then keep the largest [`WORDS`] words.
pub fn sum_terms(terms: &[f64]) -> Expansion {
    // Grow-Expansion: `e` stays nonoverlapping, smallest word first.
    let mut e: Vec<f64> = Vec::with_capacity(terms.len() + 1);
    for &t in terms {
        if t == 0.0 {
            continue;
        }
        let mut q = t;
        let mut next = Vec::with_capacity(e.len() + 1);
        for &w in &e {
            let (s, h) = two_sum(q, w);
            if h != 0.0 {
                next.push(h);
            }
            q = s;
        }
        if q != 0.0 {
            next.push(q);
        }
        e = next;
    }
    compress(&e)
}

/// Shewchuk's Compress, then the largest words first.
fn compress(e: &[f64]) -> Expansion {
    let m = e.len();
    let mut out = Expansion::default();
    if m == 0 {
        return out;
    }
    let mut g = vec![0.0; m];
    let mut bottom = m - 1;
    let mut q = e[m - 1];
    for i in (0..m - 1).rev() {
        let (s, small) = fast_two_sum(q, e[i]);
        if small != 0.0 {
            g[bottom] = s;
            bottom -= 1;
            q = small;
        } else {
            q = s;
        }
    }
    g[bottom] = q;
    let mut h = Vec::with_capacity(m);
    for &gi in &g[bottom + 1..] {
        let (s, small) = fast_two_sum(gi, q);
        if small != 0.0 {
            h.push(small);
        }
        q = s;
    }
    h.push(q);
    for (slot, &w) in out.0.iter_mut().zip(h.iter().rev()) {
        *slot = w;
    }
    out
}

impl Expansion {
    /// An f64 as an expansion.
    pub fn from_f64(x: f64) -> Expansion {
        let mut e = Expansion::default();
        e.0[0] = x;
        e
    }

    /// `x + y`.
    pub fn add(self, y: Expansion) -> Expansion {
        let mut t = [0.0; 2 * WORDS];
        t[..WORDS].copy_from_slice(&self.0);
        t[WORDS..].copy_from_slice(&y.0);
        sum_terms(&t)
    }

    /// `x * y` (partial products below the kept precision are dropped).
    pub fn mul(self, y: Expansion) -> Expansion {
        let mut t = Vec::with_capacity(2 * WORDS * WORDS);
        for (i, &a) in self.0.iter().enumerate() {
            for (j, &b) in y.0.iter().enumerate() {
                if i + j < WORDS + 1 {
                    let (p, e) = two_prod(a, b);
                    t.push(p);
                    t.push(e);
                } else {
                    t.push(a * b);
                }
            }
        }
        sum_terms(&t)
    }

    /// `x / d` for a small integer-valued `d`, by long division.
    pub fn div_f64(self, d: f64) -> Expansion {
        let mut rem = self;
        let mut q = [0.0; WORDS + 1];
        for qi in q.iter_mut() {
            *qi = rem.0[0] / d;
            let (p, e) = two_prod(*qi, d);
            let mut t = rem.0.to_vec();
            t.push(-p);
            t.push(-e);
            rem = sum_terms(&t);
        }
        sum_terms(&q)
    }

    /// `-x`, exact.
    #[allow(clippy::should_implement_trait)]
    pub fn neg(self) -> Expansion {
        Expansion(self.0.map(|w| -w))
    }

    /// `x * 2^k`, word by word (exact unless a word leaves the f64 range).
    pub fn ldexp(self, k: i32) -> Expansion {
        Expansion(self.0.map(|w| ldexp(w, k)))
    }
}

/// `e^z` for `|z| <= 800`, relative error near `2^-190`.
pub fn exp_expansion(z: Expansion) -> Expansion {
    let ln2 = Expansion(LN2_X4.map(f64::from_bits));
    // z = k ln2 + r, |r| <= ln2 / 2 (approximately).
    let k = (z.0[0] / ln2.0[0] + if z.0[0] < 0.0 { -0.5 } else { 0.5 }) as i64;
    let kf = k as f64;
    let mut t = z.0.to_vec();
    for &c in &ln2.0 {
        let (p, e) = two_prod(kf, c);
        t.push(-p);
        t.push(-e);
    }
    let r = sum_terms(&t).ldexp(-12);
    // Taylor: 1 + r (1 + r/2 (1 + r/3 (...))), 16 terms, |r| < 2^-13.
    let one = Expansion::from_f64(1.0);
    let mut acc = one;
    for n in (1..=16).rev() {
        acc = one.add(acc.mul(r).div_f64(f64::from(n)));
    }
    for _ in 0..12 {
        acc = acc.mul(acc);
    }
    acc.ldexp(k as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_exact_and_ordered() {
        let e = sum_terms(&[1.0, 1e-30, -1.0, 1e-60, 3.0]);
        assert_eq!(e.0[0], 3.0);
        assert_eq!(e.0[1], 1e-30);
        assert_eq!(e.0[2], 1e-60);
    }

    #[test]
    fn exp_of_ln2_is_two() {
        let ln2 = Expansion(LN2_X4.map(f64::from_bits));
        let two = exp_expansion(ln2);
        assert_eq!(two.0[0], 2.0);
        assert!(two.0[1].abs() < 1e-60, "{:?}", two);
    }

    #[test]
    fn division_is_long_division() {
        let third = Expansion::from_f64(1.0).div_f64(3.0);
        let back = third.mul(Expansion::from_f64(3.0));
        assert_eq!(back.0[0], 1.0);
        assert!(back.0[1].abs() < 1e-63, "{back:?}");
    }
}
