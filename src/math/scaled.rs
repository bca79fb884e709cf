//! Double-doubles with a separate binary exponent, and the single final
//! rounding of every result.
//!
//! A [`Scaled`] value is `m * 2^e` with a double-double mantissa `m` kept
//! near 1 and an unbounded `i32` exponent. Intermediate results such as
//! `e^-1000` or `p_i p_j / T` for a tiny `T` therefore neither underflow nor
//! overflow, and the double-double precision is kept all the way down to the
//! subnormal range. Only [`Scaled::to_f64`] (or [`Scaled::to_f32`]) rounds,
//! once, to the target format: that is how subnormal outputs are produced
//! correctly rounded instead of flushed or double-rounded.

use super::dd::{exponent, ldexp, pow2, Dd};

/// `m * 2^e`; zero is `m = 0`. After [`Scaled::normalized`], `1 <= |m.hi| < 2`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scaled {
    /// The mantissa.
    pub m: Dd,
    /// The binary exponent.
    pub e: i32,
}

// Named methods, as for `Dd`.
#[allow(clippy::should_implement_trait)]
impl Scaled {
    /// Exactly zero.
    pub const ZERO: Scaled = Scaled {
        m: Dd { hi: 0.0, lo: 0.0 },
        e: 0,
    };

    /// A scaled double-double `m * 2^e` (not yet normalised).
    #[inline]
    pub fn new(m: Dd, e: i32) -> Scaled {
        Scaled { m, e }
    }

    /// A finite f64, exactly.
    #[inline]
    pub fn from_f64(x: f64) -> Scaled {
        Scaled::new(Dd::from_f64(x), 0).normalized()
    }

    /// Whether the value is exactly zero.
    #[inline]
    pub fn is_zero(self) -> bool {
        self.m.hi == 0.0
    }

    /// The same value with `1 <= |m.hi| < 2` (exact: only powers of two move).
    #[inline]
    pub fn normalized(self) -> Scaled {
        if self.m.hi == 0.0 {
            return Scaled::ZERO;
        }
        let k = exponent(self.m.hi);
        if k == 0 {
            return self;
        }
        Scaled {
            m: Dd {
                hi: ldexp(self.m.hi, -k),
                lo: ldexp(self.m.lo, -k),
            },
            e: self.e + k,
        }
    }

    /// The value as a plain double-double (rounding only what falls below
    /// the f64 range).
    #[inline]
    pub fn to_dd(self) -> Dd {
        if self.e == 0 {
            self.m
        } else {
            self.m.ldexp(self.e)
        }
    }

    /// `-x`, exact.
    #[inline]
    pub fn neg(self) -> Scaled {
        Scaled::new(self.m.neg(), self.e)
    }

    /// Product; relative error about `7u^2`.
    #[inline]
    pub fn mul(self, b: Scaled) -> Scaled {
        Scaled::new(self.m.mul(b.m), self.e + b.e).normalized()
    }

    /// Product with a plain double-double.
    #[inline]
    pub fn mul_dd(self, b: Dd) -> Scaled {
        Scaled::new(self.m.mul(b), self.e).normalized()
    }

    /// Accurate sum: both operands are aligned to the larger exponent, so a
    /// part of the smaller one is lost only below `2^-1000` of the larger.
    pub fn add(self, b: Scaled) -> Scaled {
        let a = self.normalized();
        let b = b.normalized();
        if a.is_zero() {
            return b;
        }
        if b.is_zero() {
            return a;
        }
        let (big, small) = if a.e >= b.e { (a, b) } else { (b, a) };
        let shift = small.e - big.e;
        if shift < -1100 {
            return big;
        }
        Scaled::new(big.m.add(small.m.ldexp(shift)), big.e).normalized()
    }

    /// The value correctly rounded to f64 (round to nearest, ties to even),
    /// including the subnormal range and overflow to infinity.
    pub fn to_f64(self) -> f64 {
        let x = self.normalized();
        if x.is_zero() {
            return 0.0;
        }
        let (hi, lo) = (x.m.hi, x.m.lo);
        if x.e >= -1022 {
            if x.e > 1023 {
                return hi * f64::INFINITY;
            }
            // hi + lo is correctly rounded (|lo| <= ulp(hi)/2) and the
            // scaling by a power of two is exact in the normal range; at the
            // top it overflows exactly when the rounded value does.
            return (hi + lo) * pow2(x.e);
        }
        if x.e < -1080 {
            return hi * 0.0;
        }
        // Subnormal result: round hi alone once, then repair the only case
        // in which lo matters, a tie of hi that lo breaks.
        let y = hi * pow2(x.e + 60) * pow2(-60);
        let back = y * pow2(60) * pow2(-x.e - 60);
        let diff = hi - back; // exact
        let half = pow2(-1075 - x.e); // half a subnormal ulp, scaled
        let tiny = f64::from_bits(1);
        if diff == half && lo > 0.0 {
            y + tiny
        } else if diff == -half && lo < 0.0 {
            y - tiny
        } else {
            y
        }
    }

    /// The value correctly rounded to f32, directly from the double-double
    /// (no double rounding through f64).
    pub fn to_f32(self) -> f32 {
        let x = self.normalized();
        if x.is_zero() {
            return 0.0;
        }
        if x.e > 200 {
            return (x.m.hi * f64::INFINITY) as f32;
        }
        if x.e < -200 {
            return (x.m.hi * 0.0) as f32;
        }
        // Both parts stay normal f64 here, so this scaling is exact.
        let hi = x.m.hi * pow2(x.e);
        let lo = x.m.lo * pow2(x.e);
        let f = hi as f32; // correctly rounded (ties to even) from hi
        if f.is_infinite() {
            return f;
        }
        let back = f as f64;
        let diff = hi - back; // exact
        if diff == 0.0 || lo == 0.0 || (diff > 0.0) != (lo > 0.0) {
            return f;
        }
        // hi rounded towards `back`, and lo points further away: only a
        // tie at hi can make lo change the result.
        let next = if (diff > 0.0) == (f >= 0.0) {
            f32::from_bits(f.to_bits() + 1)
        } else if f == 0.0 {
            f32::from_bits(1) * (if diff > 0.0 { 1.0 } else { -1.0 })
        } else {
            f32::from_bits(f.to_bits() - 1)
        };
        if (back + next as f64) * 0.5 == hi {
            next
        } else {
            f
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subnormal_ties_are_broken_by_the_tail() {
        // 2^-1075 exactly is a tie between 0 and 2^-1074: to even, 0.
        let tie = Scaled::new(Dd::from_f64(1.0), -1075);
        assert_eq!(tie.to_f64(), 0.0);
        // A hair above the tie rounds up.
        let above = Scaled::new(Dd { hi: 1.0, lo: 1e-20 }, -1075);
        assert_eq!(above.to_f64(), f64::from_bits(1));
        // 3 * 2^-1075 is a tie between 2^-1074 and 2^-1073: to even (2).
        let tie3 = Scaled::new(Dd::from_f64(1.5), -1074);
        assert_eq!(tie3.to_f64(), f64::from_bits(2));
        let below3 = Scaled::new(
            Dd {
                hi: 1.5,
                lo: -1e-20,
            },
            -1074,
        );
        assert_eq!(below3.to_f64(), f64::from_bits(1));
    }

    #[test]
    fn normal_results_round_once() {
        let x = Scaled::new(Dd { hi: 1.0, lo: 1e-17 }, 10);
        assert_eq!(x.to_f64(), 1024.0);
        let big = Scaled::new(Dd::from_f64(1.9999999999999999), 1023);
        assert_eq!(big.to_f64(), f64::INFINITY);
        assert_eq!(Scaled::from_f64(-3.5).to_f64(), -3.5);
    }

    #[test]
    fn f32_rounding_sees_the_tail() {
        // 1 + 2^-24 is a tie in f32; the tail decides.
        let tie = 1.0 + 2f64.powi(-24);
        assert_eq!(Scaled::new(Dd { hi: tie, lo: 0.0 }, 0).to_f32(), 1.0);
        assert_eq!(
            Scaled::new(Dd { hi: tie, lo: 1e-30 }, 0).to_f32(),
            1.0 + f32::EPSILON
        );
        assert_eq!(
            Scaled::new(
                Dd {
                    hi: -tie,
                    lo: -1e-30
                },
                0
            )
            .to_f32(),
            -1.0 - f32::EPSILON
        );
    }
}
