//! Summation in double-double with a pairwise cascade.
//!
//! Terms are added in blocks of 32 and the block sums are merged like a
//! binary counter (pairwise summation; Higham, "Accuracy and Stability of
//! Numerical Algorithms", 2nd ed., §4.2), so a sum of `n` terms has an error
//! bound near `(32 + log2(n/32)) * 3u^2` times the sum of the magnitudes,
//! instead of `n * 3u^2` for a running sum: about `2^-99` relative for a
//! million positive terms. This is the double-double analogue of the
//! compensated sums of Ogita, Rump & Oishi ("Accurate sum and dot product",
//! SIAM J. Sci. Comput. 26(6), 2005), with twice the working precision.

use super::dd::Dd;

const BLOCK: usize = 32;

/// A running pairwise sum of double-doubles.
#[derive(Debug, Clone)]
pub struct Cascade {
    /// Partial sums: `levels[k]` holds a sum of `BLOCK * 2^k` terms, if any.
    levels: Vec<Option<Dd>>,
    block: Dd,
    in_block: usize,
    /// Whether every term has the same sign (allows the quicker addition).
    same_sign: bool,
}

impl Cascade {
    /// A sum of terms that all have the same sign (such as exponentials).
    pub fn same_sign() -> Cascade {
        Cascade {
            levels: Vec::new(),
            block: Dd::default(),
            in_block: 0,
            same_sign: true,
        }
    }

    /// A sum of terms of any sign (such as a dot product with a tangent).
    pub fn mixed() -> Cascade {
        Cascade {
            same_sign: false,
            ..Cascade::same_sign()
        }
    }

    #[inline]
    fn plus(&self, a: Dd, b: Dd) -> Dd {
        if self.same_sign {
            a.add_same_sign(b)
        } else {
            a.add(b)
        }
    }

    /// Add one term.
    #[inline]
    pub fn push(&mut self, x: Dd) {
        self.block = self.plus(self.block, x);
        self.in_block += 1;
        if self.in_block == BLOCK {
            let mut carry = self.block;
            self.block = Dd::default();
            self.in_block = 0;
            for slot in self.levels.iter_mut() {
                match slot.take() {
                    Some(s) => carry = s.add(carry),
                    None => {
                        *slot = Some(carry);
                        return;
                    }
                }
            }
            self.levels.push(Some(carry));
        }
    }

    /// The sum of everything pushed.
    pub fn total(&self) -> Dd {
        let mut acc = self.block;
        for s in self.levels.iter().flatten() {
            acc = s.add(acc);
        }
        acc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_million_tenths_sum_closely() {
        let tenth = Dd {
            hi: 0.1,
            lo: -5.551_115_123_125_783e-18,
        };
        let mut c = Cascade::same_sign();
        for _ in 0..1_000_000 {
            c.push(tenth);
        }
        let t = c.total();
        assert_eq!(t.hi, 100_000.0);
        assert!(t.lo.abs() < 1e-20);
    }

    #[test]
    fn mixed_signs_cancel_exactly() {
        let mut c = Cascade::mixed();
        for i in 0..1000 {
            let x = Dd::from_f64(1e16 + f64::from(i));
            c.push(x);
            c.push(x.neg());
        }
        c.push(Dd::from_f64(1e-30));
        assert_eq!(c.total().hi, 1e-30);
    }
}
