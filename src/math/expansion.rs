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
///
/// The working expansions live in a stack buffer (no allocation) for up to
/// [`MAX_TERMS`] terms, which covers every caller but the sign test over a
/// large tied block; a longer list runs the same algorithm on a heap buffer,
/// so it is exact however many terms there are.
pub fn sum_terms(terms: &[f64]) -> Expansion {
    count_op();
    if terms.len() <= MAX_TERMS {
        let mut buf = [0.0; 4 * (MAX_TERMS + 1)];
        sum_in(terms, &mut buf)
    } else {
        let mut buf = vec![0.0; 4 * (terms.len() + 1)];
        sum_in(terms, &mut buf)
    }
}

/// [`sum_terms`] in a caller's buffer of at least `4 (terms.len() + 1)`.
fn sum_in(terms: &[f64], buf: &mut [f64]) -> Expansion {
    let cap = buf.len() / 4;
    let (mut e, rest) = buf.split_at_mut(cap);
    let (mut next, rest) = rest.split_at_mut(cap);
    let (g, h) = rest.split_at_mut(cap);
    // Grow-Expansion: `e[..len]` stays nonoverlapping, smallest word first.
    let mut len = 0;
    for &t in terms {
        if t == 0.0 {
            continue;
        }
        let mut q = t;
        let mut k = 0;
        for &w in &e[..len] {
            let (s, small) = two_sum(q, w);
            if small != 0.0 {
                next[k] = small;
                k += 1;
            }
            q = s;
        }
        if q != 0.0 {
            next[k] = q;
            k += 1;
        }
        std::mem::swap(&mut e, &mut next);
        len = k;
    }
    compress(&e[..len], g, h)
}

/// The most terms [`sum_terms`] sums in one pass (its stack buffers).
const MAX_TERMS: usize = 40;

#[cfg(test)]
thread_local! {
    /// Expansion sums ([`sum_terms`] passes) on this thread, for tests that
    /// bound the cost of the slow paths.
    static OPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// Calls of [`exp_expansion`] on this thread.
    static EXPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[inline]
fn count_op() {
    #[cfg(test)]
    OPS.with(|c| c.set(c.get() + 1));
}

/// `(sum_terms passes, exp_expansion calls)` so far on this thread (tests
/// only): the work counters that bound the slow paths without timing.
#[cfg(test)]
pub fn op_counts() -> (u64, u64) {
    (OPS.with(|c| c.get()), EXPS.with(|c| c.get()))
}

/// Shewchuk's Compress, then the largest words first (`g` and `h` are
/// scratch space of at least `e.len()` words each).
fn compress(e: &[f64], g: &mut [f64], h: &mut [f64]) -> Expansion {
    let m = e.len();
    let mut out = Expansion::default();
    if m == 0 {
        return out;
    }
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
    let mut len = 0;
    for &gi in &g[bottom + 1..m] {
        let (s, small) = fast_two_sum(gi, q);
        if small != 0.0 {
            h[len] = small;
            len += 1;
        }
        q = s;
    }
    h[len] = q;
    len += 1;
    for (slot, &w) in out.0.iter_mut().zip(h[..len].iter().rev()) {
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
        let mut t = [0.0; 2 * WORDS * WORDS];
        let mut len = 0;
        for (i, &a) in self.0.iter().enumerate() {
            for (j, &b) in y.0.iter().enumerate() {
                if i + j < WORDS + 1 {
                    let (p, e) = two_prod(a, b);
                    t[len] = p;
                    t[len + 1] = e;
                    len += 2;
                } else {
                    t[len] = a * b;
                    len += 1;
                }
            }
        }
        sum_terms(&t[..len])
    }

    /// `x / d` for a small integer-valued `d`, by long division.
    pub fn div_f64(self, d: f64) -> Expansion {
        let mut rem = self;
        let mut q = [0.0; WORDS + 1];
        for qi in q.iter_mut() {
            *qi = rem.0[0] / d;
            let (p, e) = two_prod(*qi, d);
            let mut t = [0.0; WORDS + 2];
            t[..WORDS].copy_from_slice(&rem.0);
            t[WORDS] = -p;
            t[WORDS + 1] = -e;
            rem = sum_terms(&t);
        }
        sum_terms(&q)
    }

    /// `x / d` for a nonzero `d`, by long division: each quotient word
    /// takes the remainder's leading word over `d`'s, and the remainder
    /// `rem - q d` is formed from exact TwoProd terms, so it shrinks by
    /// about `2^-52` per word; five words leave a relative error near
    /// `2^-210` (the four-word cuts of the remainder included).
    pub fn div(self, d: Expansion) -> Expansion {
        let mut rem = self;
        let mut q = [0.0; WORDS + 1];
        for qi in q.iter_mut() {
            *qi = rem.0[0] / d.0[0];
            let mut t = [0.0; 3 * WORDS];
            t[..WORDS].copy_from_slice(&rem.0);
            for (k, &w) in d.0.iter().enumerate() {
                let (p, e) = two_prod(*qi, w);
                t[WORDS + 2 * k] = -p;
                t[WORDS + 2 * k + 1] = -e;
            }
            rem = sum_terms(&t);
        }
        sum_terms(&q)
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
    #[cfg(test)]
    EXPS.with(|c| c.set(c.get() + 1));
    let mut t = [0.0; 3 * WORDS];
    t[..WORDS].copy_from_slice(&z.0);
    for (i, &c) in ln2.0.iter().enumerate() {
        let (p, e) = two_prod(kf, c);
        t[WORDS + 2 * i] = -p;
        t[WORDS + 2 * i + 1] = -e;
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
    fn long_lists_are_summed_exactly_too() {
        // 100 terms (more than the stack buffer holds): 1 and 99 copies of
        // 2^-60.
        let mut terms = vec![1.0];
        terms.extend(std::iter::repeat_n(2f64.powi(-60), 99));
        let e = sum_terms(&terms);
        assert_eq!(e.0[0], 1.0);
        assert_eq!(e.0[1], 99.0 * 2f64.powi(-60));
        assert_eq!(e.0[2], 0.0);
        // Many words that only the last terms cancel down to the smallest:
        // a cut to four words on the way would lose it.
        let mut terms: Vec<f64> = (0..21).map(|k| 2f64.powi(-50 * k)).collect();
        terms.push(2f64.powi(-1070));
        terms.extend((0..21).map(|k| -(2f64.powi(-50 * k))));
        assert_eq!(sum_terms(&terms).0, [2f64.powi(-1070), 0.0, 0.0, 0.0]);
    }

    #[test]
    fn exp_of_ln2_is_two() {
        let ln2 = Expansion(LN2_X4.map(f64::from_bits));
        let two = exp_expansion(ln2);
        assert_eq!(two.0[0], 2.0);
        assert!(two.0[1].abs() < 1e-60, "{:?}", two);
    }

    #[test]
    fn division_by_an_expansion_undoes_a_product() {
        let third = Expansion::from_f64(1.0).div_f64(3.0);
        let seven = Expansion::from_f64(7.0).add(Expansion::from_f64(1e-40));
        let q = third.mul(seven).div(seven);
        let err = q.add(Expansion(third.0.map(|w| -w)));
        assert!(err.0[0].abs() < 1e-60, "{q:?} {err:?}");
        let back = Expansion::from_f64(-5.0).div(third);
        assert_eq!(back.0[0], -15.0);
        assert!(back.0[1].abs() < 1e-60, "{back:?}");
        assert_eq!(Expansion::default().div(seven), Expansion::default());
    }

    #[test]
    fn division_is_long_division() {
        let third = Expansion::from_f64(1.0).div_f64(3.0);
        let back = third.mul(Expansion::from_f64(3.0));
        assert_eq!(back.0[0], 1.0);
        assert!(back.0[1].abs() < 1e-63, "{back:?}");
    }
}
