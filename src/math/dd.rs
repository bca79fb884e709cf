//! Double-double arithmetic: a value held as an unevaluated sum `hi + lo` of
//! two f64 with `|lo| <= ulp(hi) / 2`, about 106 significant bits.
//!
//! Everything rests on two error-free transformations, which turn one
//! rounded operation into its rounded result plus the exact rounding error:
//!
//! * [`two_sum`] (Knuth, TAOCP vol. 2; Møller 1965): `a + b = s + e` exactly;
//! * [`two_prod`] (Dekker 1971, with Veltkamp's splitting): `a * b = p + e`
//!   exactly, using only additions and multiplications, no fused multiply-add,
//!   so it gives the same bits on every IEEE-754 target (x86_64 and wasm32
//!   alike) and never calls a library routine.
//!
//! The double-double operations follow Dekker (1971), Bailey's QD library
//! (Hida, Li & Bailey 2001) and the error bounds of Joldes, Muller & Popescu,
//! "Tight and rigorous error bounds for basic building blocks of double-word
//! arithmetic", ACM TOMS 44(2), 2017: the accurate sum has a relative error
//! below `3u^2` and the product below about `7u^2`, with `u = 2^-53`.
//!
//! Preconditions: operands of [`two_prod`] and of the products below must be
//! below about `2^995` in magnitude (the splitting multiplies by `2^27 + 1`);
//! the callers keep their mantissas near 1 and carry exponents separately
//! (see `scaled.rs`).

/// A double-double number `hi + lo`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Dd {
    /// The leading part: the value rounded to f64.
    pub hi: f64,
    /// The trailing part: what `hi` misses, `|lo| <= ulp(hi) / 2`.
    pub lo: f64,
}

/// `a + b = s + e` exactly, for any finite `a`, `b` whose sum does not
/// overflow (Knuth's TwoSum, six operations, no branch).
#[inline]
pub fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    let e = (a - (s - bb)) + (b - bb);
    (s, e)
}

/// `a + b = s + e` exactly when `|a| >= |b|` or `a == 0` (Dekker's
/// FastTwoSum, three operations).
#[inline]
pub fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let e = b - (s - a);
    (s, e)
}

/// Veltkamp's splitting: `a = hi + lo` with both halves fitting in 26 bits,
/// so their pairwise products are exact.
#[inline]
pub fn split(a: f64) -> (f64, f64) {
    const SPLITTER: f64 = 134_217_729.0; // 2^27 + 1
    let c = SPLITTER * a;
    let hi = c - (c - a);
    (hi, a - hi)
}

/// `a * b = p + e` exactly (Dekker's TwoProd), barring overflow and
/// underflow of the partial products.
#[inline]
pub fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    let e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    (p, e)
}

/// `2^k` as an f64, for `-1022 <= k <= 1023` (built from its bits, exact).
#[inline]
pub fn pow2(k: i32) -> f64 {
    debug_assert!((-1022..=1023).contains(&k));
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// The binary exponent of a finite nonzero `x`: `2^e <= |x| < 2^(e+1)`.
#[inline]
pub fn exponent(x: f64) -> i32 {
    let biased = ((x.to_bits() >> 52) & 0x7ff) as i32;
    if biased == 0 {
        // Subnormal: scale into the normal range first (exact).
        let y = x * pow2(64);
        ((y.to_bits() >> 52) & 0x7ff) as i32 - 1023 - 64
    } else {
        biased - 1023
    }
}

/// `x * 2^k`, correctly rounded (a single rounding, even when the result is
/// subnormal); saturates to 0 or infinity. `k` may be any integer.
#[inline]
pub fn ldexp(x: f64, k: i32) -> f64 {
    if (-1022..=1023).contains(&k) {
        return x * pow2(k);
    }
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    // Bring x to [1, 2) exactly, then apply the whole scaling at once.
    let ex = exponent(x);
    let m = ldexp_small(x, -ex);
    let total = k.saturating_add(ex);
    if total > 1023 {
        m * f64::INFINITY
    } else if total >= -1022 {
        m * pow2(total)
    } else if total < -1100 {
        m * 0.0
    } else {
        // m * 2^(total + 100) is normal and exact; the last product rounds once.
        m * pow2(total + 100) * pow2(-100)
    }
}

/// `x * 2^k` for `|k| <= 2044`, exact when `x` and the result are normal.
#[inline]
fn ldexp_small(x: f64, k: i32) -> f64 {
    if k > 1023 {
        x * pow2(1023) * pow2(k - 1023)
    } else if k < -1022 {
        x * pow2(-1022) * pow2(k + 1022)
    } else {
        x * pow2(k)
    }
}

// Named methods rather than operator traits: each choice of algorithm (the
// accurate or the same-sign sum, the long division) is visible at the call.
#[allow(clippy::should_implement_trait)]
impl Dd {
    /// The double-double `x + 0`.
    #[inline]
    pub const fn from_f64(x: f64) -> Dd {
        Dd { hi: x, lo: 0.0 }
    }

    /// A double-double from two parts, renormalised.
    #[inline]
    pub fn new(hi: f64, lo: f64) -> Dd {
        let (hi, lo) = two_sum(hi, lo);
        Dd { hi, lo }
    }

    /// Build from IEEE bit patterns (for generated tables).
    #[inline]
    pub const fn from_bits(hi: u64, lo: u64) -> Dd {
        Dd {
            hi: f64::from_bits(hi),
            lo: f64::from_bits(lo),
        }
    }

    /// The value rounded to f64 (correctly rounded when `|lo| <= ulp(hi)/2`).
    #[inline]
    pub fn to_f64(self) -> f64 {
        self.hi + self.lo
    }

    /// `-x`, exact.
    #[inline]
    pub fn neg(self) -> Dd {
        Dd {
            hi: -self.hi,
            lo: -self.lo,
        }
    }

    /// `x * 2^k` for a scaling that keeps both parts normal (exact then).
    #[inline]
    pub fn ldexp(self, k: i32) -> Dd {
        Dd {
            hi: ldexp(self.hi, k),
            lo: ldexp(self.lo, k),
        }
    }

    /// Accurate sum (QD's `ieee_add`; relative error below `3u^2` even
    /// under cancellation).
    #[inline]
    pub fn add(self, b: Dd) -> Dd {
        let (s, e) = two_sum(self.hi, b.hi);
        let (t, f) = two_sum(self.lo, b.lo);
        let (s, e) = fast_two_sum(s, e + t);
        let (hi, lo) = fast_two_sum(s, e + f);
        Dd { hi, lo }
    }

    /// `x - b`, accurate (see [`Dd::add`]).
    #[inline]
    pub fn sub(self, b: Dd) -> Dd {
        self.add(b.neg())
    }

    /// Quick sum, accurate (relative error about `2u^2`) only when both
    /// operands have the same sign, as in a sum of exponentials.
    #[inline]
    pub fn add_same_sign(self, b: Dd) -> Dd {
        let (s, e) = two_sum(self.hi, b.hi);
        let (hi, lo) = fast_two_sum(s, e + (self.lo + b.lo));
        Dd { hi, lo }
    }

    /// `x + b` for an f64 `b`, accurate.
    #[inline]
    pub fn add_f64(self, b: f64) -> Dd {
        let (s, e) = two_sum(self.hi, b);
        let (hi, lo) = fast_two_sum(s, e + self.lo);
        Dd { hi, lo }
    }

    /// Product (Dekker; relative error below about `7u^2`).
    #[inline]
    pub fn mul(self, b: Dd) -> Dd {
        let (p, e) = two_prod(self.hi, b.hi);
        let e = e + (self.hi * b.lo + self.lo * b.hi);
        let (hi, lo) = fast_two_sum(p, e);
        Dd { hi, lo }
    }

    /// Product with an f64.
    #[inline]
    pub fn mul_f64(self, b: f64) -> Dd {
        let (p, e) = two_prod(self.hi, b);
        let (hi, lo) = fast_two_sum(p, e + self.lo * b);
        Dd { hi, lo }
    }

    /// Quotient by long division with three partial quotients, so the
    /// relative error stays near `2u^2` (used once per vector, never per
    /// element).
    pub fn div(self, b: Dd) -> Dd {
        let q1 = self.hi / b.hi;
        let r = self.sub(b.mul_f64(q1));
        let q2 = r.hi / b.hi;
        let r = r.sub(b.mul_f64(q2));
        let q3 = r.hi / b.hi;
        let (q1, q2) = fast_two_sum(q1, q2);
        Dd { hi: q1, lo: q2 }.add_f64(q3)
    }

    /// Three-term quotient by an f64: `x / t = q1 + (q2 + q3)` with an error
    /// near `u^3 |x / t|`. Returns the leading f64 and the double-double tail.
    pub fn div_f64_triple(self, t: f64) -> (f64, Dd) {
        let q1 = self.hi / t;
        let (p, e) = two_prod(q1, t);
        let r = self.sub(Dd { hi: p, lo: e });
        let q2 = r.hi / t;
        let (p, e) = two_prod(q2, t);
        let r = r.sub(Dd { hi: p, lo: e });
        let q3 = r.hi / t;
        let (a, b) = fast_two_sum(q2, q3);
        (q1, Dd { hi: a, lo: b })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers_of_two_are_exact() {
        assert_eq!(pow2(0), 1.0);
        assert_eq!(pow2(-1022), f64::MIN_POSITIVE);
        assert_eq!(ldexp(1.0, -1074), f64::from_bits(1));
        assert_eq!(ldexp(1.5, -1075), f64::from_bits(1)); // 0.75 * 2^-1074 rounds up
        assert_eq!(ldexp(1.5, -1074), f64::from_bits(2)); // 1.5 * 2^-1074: a tie, to even
        assert_eq!(ldexp(1.0, -1075), 0.0); // a tie, to even
        assert_eq!(ldexp(1.0, 1024), f64::INFINITY);
        assert_eq!(ldexp(f64::from_bits(1), 1074), 1.0);
        assert_eq!(ldexp(3.0, -1100), 0.0);
    }
}
