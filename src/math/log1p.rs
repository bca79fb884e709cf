//! `ln(1 + s)` for `s >= 0` in double-double, the last step of log-sum-exp
//! and log-softmax (Blanchard, Higham & Higham 2021: `lse = m + log1p(s)`
//! with `s` the sum of the exponentials other than the maximal one).
//!
//! It runs once per vector, so it favours accuracy over speed:
//!
//! * `s < 2^-30`: the series `s - s^2/2 + s^3/3 - s^4/4`, whose truncation
//!   error is below `2^-120` relative; the result keeps its own exponent, so
//!   `log1p(e^-800)` is not flushed to zero.
//! * otherwise Newton's method on `e^y = 1 + s` from an f64 first guess
//!   (three steps; each squares the relative error), with the update
//!   `y <- y + (1 + s) e^-y - 1`. For `s < 1/2` the correction is formed as
//!   `s + (1 + s) expm1(-y)`, so it stays accurate relative to `y` when `y`
//!   is small; for larger `s` as `(1 + s) e^-y - 1`. The result has a
//!   relative error near `2^-100`.
//!
//! No `libm` call: the first guess is a short `atanh` series of our own.

use super::dd::{exponent, ldexp, Dd};
use super::exp::{exp_scaled, expm1_dd};
use super::exp_table::LN2;
use super::scaled::Scaled;

/// A first guess of `ln(v)` for `v >= 1`, good to about `2^-25` relative to
/// `ln v` (no library call).
fn ln_guess(v: f64) -> f64 {
    let mut e = exponent(v);
    let mut f = ldexp(v, -e);
    if f > std::f64::consts::SQRT_2 {
        f *= 0.5;
        e += 1;
    }
    let t = (f - 1.0) / (f + 1.0);
    let t2 = t * t;
    let series = 2.0 * t * (1.0 + t2 * (1.0 / 3.0 + t2 * (0.2 + t2 * (1.0 / 7.0 + t2 / 9.0))));
    f64::from(e) * std::f64::consts::LN_2 + series
}

/// `ln(1 + s)` for a nonnegative scaled double-double `s`.
pub fn log1p_scaled(s: Scaled) -> Scaled {
    let s = s.normalized();
    if s.is_zero() {
        return Scaled::ZERO;
    }
    if s.e < -30 {
        // ln(1+s) = s (1 - s/2 + s^2/3 - s^3/4 + ...)
        let x = s.to_dd(); // may lose bits below 2^-1074: they cannot matter
        let third = Dd::from_f64(1.0).div(Dd::from_f64(3.0));
        let inner = x
            .mul_f64(-0.25)
            .add(third)
            .mul(x)
            .add_f64(-0.5)
            .mul(x)
            .add_f64(1.0);
        return s.mul_dd(inner);
    }
    let sd = s.to_dd();
    let one_plus = sd.add_f64(1.0);
    let mut y = Dd::from_f64(if s.e >= -10 {
        ln_guess(one_plus.hi)
    } else {
        // For small s, 1 + s loses digits of s; the series' start is good
        // to s^5/5 < 2^-50 relative.
        let v = sd.hi;
        v * (1.0 - v * (0.5 - v * (1.0 / 3.0 - v * 0.25)))
    });
    for _ in 0..3 {
        let correction = if sd.hi < 0.5 {
            sd.add(one_plus.mul(expm1_dd(y.neg())))
        } else {
            let e = exp_scaled(-y.hi, Dd::from_f64(-y.lo)).to_dd();
            one_plus.mul(e).add_f64(-1.0)
        };
        y = y.add(correction);
    }
    Scaled::new(y, 0).normalized()
}

/// `ln k` for a positive integer `k` (the `-ln k` of the special values).
pub fn ln_count(k: usize) -> Scaled {
    if k <= 1 {
        return Scaled::ZERO;
    }
    if k.is_power_of_two() {
        let ln2 = Dd::from_bits(LN2.0, LN2.1);
        return Scaled::new(ln2.mul_f64(f64::from(k.trailing_zeros())), 0).normalized();
    }
    log1p_scaled(Scaled::from_f64((k - 1) as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log1p_of_one_is_ln2() {
        let y = log1p_scaled(Scaled::from_f64(1.0)).to_dd();
        let ln2 = Dd::from_bits(LN2.0, LN2.1);
        assert_eq!(y.hi, ln2.hi);
        assert!((y.lo - ln2.lo).abs() < 1e-30);
    }

    #[test]
    fn log1p_of_a_tiny_sum_is_not_flushed() {
        let s = Scaled::new(Dd::from_f64(1.0), -1100);
        let y = log1p_scaled(s);
        assert_eq!(y.e, -1100);
    }

    #[test]
    fn ln_count_matches_the_constant() {
        assert_eq!(ln_count(3).to_f64(), 1.098_612_288_668_109_8);
        assert_eq!(ln_count(8).to_f64(), 3.0 * std::f64::consts::LN_2);
    }
}
