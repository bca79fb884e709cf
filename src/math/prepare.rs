//! The shared first half of every evaluation: shift, divide, exponentiate,
//! add up.
//!
//! For a finite-case vector with maximum `m` (first attained at `argmax`)
//! and a finite positive temperature `T`:
//!
//! * `z_i = (x_i - m) / T <= 0` is formed without rounding: `x_i - m` is an
//!   exact double-double (TwoSum), and the division by `T` is a three-part
//!   long division ([`Dd::div_f64_triple`]), accurate to about `2^-150`;
//! * `e_i = e^{z_i}` by [`exp_scaled`], each with its own exponent;
//! * `s = sum_{i != argmax} e_i` by a pairwise double-double [`Cascade`]
//!   (the maximal term, exactly 1, is left out as Blanchard, Higham & Higham,
//!   "Accurately computing the log-sum-exp and softmax functions", IMA J.
//!   Numer. Anal. 41(4), 2021, recommend, so that `1 + s` and `log1p(s)` keep
//!   every digit of a small `s`);
//! * `1 + s` and its reciprocal in double-double.
//!
//! With [`Kernel::Exact`] every quantity carries a relative error of at most
//! about `2^-100`. [`Kernel::Fast`] is the first attempt of Ziv's strategy:
//! the exponentials come from [`exp_fast`] (error below `2^-88`), and
//! [`Prepared::bound`] says how far each derived result may be off, so the
//! callers can test every rounding and fall back to the exact kernel in the
//! rare ambiguous case (A. Ziv, "Fast evaluation of elementary mathematical
//! functions with correctly rounded last bit", ACM TOMS 17(3), 1991).

use super::dd::{exponent, ldexp, pow2, two_sum, Dd};
use super::exp::{exp_fast, exp_scaled, EXP_CUTOFF, EXP_FAST_ERROR};
use super::scaled::Scaled;
use super::sum::Cascade;

/// A finite positive temperature as `T = tm * 2^te`, `1 <= tm < 2`.
#[derive(Debug, Clone, Copy)]
pub struct Temperature {
    unit: bool,
    tm: f64,
    te: i32,
}

impl Temperature {
    /// Split a finite positive `t`.
    pub fn new(t: f64) -> Temperature {
        let te = exponent(t);
        Temperature {
            unit: t == 1.0,
            tm: ldexp(t, -te),
            te,
        }
    }

    /// `1 / T` as a scaled double-double.
    pub fn inverse(&self) -> Scaled {
        Scaled::new(Dd::from_f64(1.0).div(Dd::from_f64(self.tm)), -self.te).normalized()
    }
}

/// `z = (x - m) / T` as `hi + lo` (an f64 and a double-double tail); `hi`
/// is `-inf` when `z` is below the f64 range.
#[derive(Debug, Clone, Copy)]
pub struct Shifted {
    /// The leading part.
    pub hi: f64,
    /// The tail.
    pub lo: Dd,
}

impl Shifted {
    /// The shifted logit as a double-double (dropping the third part).
    pub fn to_dd(self) -> Dd {
        Dd::from_f64(self.hi).add(self.lo)
    }
}

/// `(x - m) / T` for `x <= m`, both finite or `x = -inf`.
#[inline]
pub fn shifted(x: f64, m: f64, t: &Temperature) -> Shifted {
    const NEG_INF: Shifted = Shifted {
        hi: f64::NEG_INFINITY,
        lo: Dd { hi: 0.0, lo: 0.0 },
    };
    if x == f64::NEG_INFINITY {
        return NEG_INF;
    }
    const BIG: f64 = 4.494_232_837_155_79e307; // 2^1022
    let large = x.abs() > BIG || m.abs() > BIG;
    if t.unit && !large {
        let (h, l) = two_sum(x, -m);
        return Shifted {
            hi: h,
            lo: Dd::from_f64(l),
        };
    }
    // Halve first if the difference could overflow (exact for such inputs,
    // up to bits far below the result's last place).
    let (h, l, de) = if large {
        let (h, l) = two_sum(x * 0.5, -(m * 0.5));
        (h, l, 1)
    } else {
        let (h, l) = two_sum(x, -m);
        (h, l, 0)
    };
    if h == 0.0 {
        return Shifted {
            hi: 0.0,
            lo: Dd::default(),
        };
    }
    let d = Scaled::new(Dd { hi: h, lo: l }, de).normalized();
    let (q1, q2) = d.m.div_f64_triple(t.tm);
    let e = d.e - t.te;
    if e > 1024 {
        return NEG_INF;
    }
    Shifted {
        hi: ldexp(q1, e),
        lo: q2.ldexp(e),
    }
}

/// Which exponential kernel [`prepare`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    /// [`exp_fast`]: relative error below `2^-88`, about twice as fast.
    Fast,
    /// [`exp_scaled`]: relative error near `2^-100`.
    Exact,
}

/// The exponentials and their sum for one finite-case vector.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Index of the first maximal logit.
    pub argmax: usize,
    /// `e^{z_i}`; exactly 1 at `argmax`, zero below `e^-2500`.
    pub exps: Vec<Scaled>,
    /// `s = sum_{i != argmax} e^{z_i}`.
    pub rest: Scaled,
    /// `1 + s`.
    pub total: Dd,
    /// `1 / (1 + s)`.
    pub inv_total: Dd,
    /// A bound on the relative error of `e^{z_i} / (1 + s)` and of
    /// `log1p(s)` as computed from these fields (before the final rounding).
    pub bound: f64,
}

/// The exponential of a shifted logit (zero below the cutoff).
#[inline]
pub fn exp_of(z: Shifted, kernel: Kernel) -> Scaled {
    if z.hi < EXP_CUTOFF {
        Scaled::ZERO
    } else if kernel == Kernel::Fast {
        exp_fast(z.hi, z.lo)
    } else {
        exp_scaled(z.hi, z.lo)
    }
}

/// Shift, exponentiate and sum (see the module docs).
pub fn prepare(logits: &[f64], max: f64, t: &Temperature, kernel: Kernel) -> Prepared {
    let argmax = logits.iter().position(|&x| x == max).unwrap_or(0);
    let mut exps = Vec::with_capacity(logits.len());
    let mut top = i32::MIN;
    for (i, &x) in logits.iter().enumerate() {
        let e = if i == argmax {
            Scaled::new(Dd::from_f64(1.0), 0)
        } else {
            let e = exp_of(shifted(x, max, t), kernel);
            if !e.is_zero() {
                top = top.max(e.e);
            }
            e
        };
        exps.push(e);
    }
    let rest = if top == i32::MIN {
        Scaled::ZERO
    } else {
        let mut sum = Cascade::same_sign();
        for (i, e) in exps.iter().enumerate() {
            if i != argmax && !e.is_zero() {
                let shift = e.e - top;
                if shift >= -1022 {
                    let scale = pow2(shift);
                    sum.push(Dd {
                        hi: e.m.hi * scale,
                        lo: e.m.lo * scale,
                    });
                }
            }
        }
        Scaled::new(sum.total(), top).normalized()
    };
    let total = if rest.is_zero() || rest.e < -1100 {
        Dd::from_f64(1.0)
    } else {
        rest.to_dd().add_f64(1.0)
    };
    let inv_total = Dd::from_f64(1.0).div(total);
    Prepared {
        argmax,
        exps,
        rest,
        total,
        inv_total,
        // Two exponential errors (the term and the sum) plus the sum, the
        // reciprocal, the product and log1p, each below 2^-98.
        bound: match kernel {
            Kernel::Fast => 2.0 * EXP_FAST_ERROR + 1.0 / (1u128 << 95) as f64,
            Kernel::Exact => 1.0 / (1u128 << 97) as f64,
        },
    }
}
