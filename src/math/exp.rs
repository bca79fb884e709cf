//! The exponential in double-double precision, with the result's exponent
//! kept apart so that nothing underflows.
//!
//! [`exp_scaled`] is the per-element kernel of every softmax. For an argument
//! `z = zh + zl` (an f64 plus a double-double tail, so a shifted and divided
//! logit can be passed without rounding it first) it returns `e^z` as
//! `M * 2^K` with a relative error below about `2^-100`:
//!
//! 1. Tang's table-driven reduction (P. T. P. Tang, "Table-driven
//!    implementation of the exponential function in IEEE floating-point
//!    arithmetic", ACM TOMS 15(2), 1989), in two levels: `k = round(z *
//!    4096 / ln 2)`, `z = k ln2/4096 + r` with `|r| <= ln2/8192 < 2^-13.5`.
//!    `ln2/4096` is stored in three parts (the first with 27 bits, so `k *
//!    L1` is exact, and `zh - k L1` is exact by Sterbenz's lemma), so `r` is
//!    known to about `2^-106 |r|` however large `z` is.
//! 2. `2^(k/4096) = 2^(k >> 12) * 2^(j1/64) * 2^(j2/4096)`, with the two
//!    64-entry tables stored as double-doubles (generated with mpmath by
//!    `tests/reference/exp_tables.py`).
//! 3. `e^r - 1 = r + r^2/2 + r^3/6 + r^4 (1/24 + r/120 + r^2/720 + r^3/5040)`:
//!    the first three terms in double-double, the tail (below `2^-58`) in
//!    f64, where its rounding errors stay below `2^-110`.
//!
//! Only IEEE additions, multiplications and divisions are used (no fused
//! multiply-add, no `libm`), so the bits are the same on every target.
//!
//! [`expm1_dd`] is a slower, simpler `e^x - 1` with a relative error near
//! `2^-102` even for tiny `x`; `log1p.rs` uses it a few times per vector.

use super::dd::{two_prod, Dd};
use super::exp_table::{INV_LN2_4096, LN2_4096_1, LN2_4096_2, LN2_4096_3, T1, T2};
use super::scaled::Scaled;

/// `1/6` as a double-double.
const SIXTH: Dd = Dd::from_bits(0x3fc5_5555_5555_5555, 0x3c65_5555_5555_5555);

/// Arguments below this are treated as `-inf`: `e^-2500` is below `2^-3600`,
/// which no output of this crate can bring back into the f64 range (the
/// largest rescue is a tangent near `2^1024` divided by a temperature near
/// `2^-1074`).
pub const EXP_CUTOFF: f64 = -2500.0;

/// Round to the nearest integer for `|x| < 2^51`, ties to even, without any
/// library call (the classic add-and-subtract of `1.5 * 2^52`).
#[inline]
fn round_to_int(x: f64) -> i64 {
    const MAGIC: f64 = 6_755_399_441_055_744.0; // 1.5 * 2^52
    let t = x + MAGIC;
    (t - MAGIC) as i64
}

/// `e^(zh + zl)` as `M * 2^K`, relative error below about `2^-100`.
///
/// Requires `EXP_CUTOFF <= zh <= 2500` and `|zl| <= 2^-40 |zh|` (or
/// `zh == 0`). The caller handles anything outside.
#[inline]
pub fn exp_scaled(zh: f64, zl: Dd) -> Scaled {
    let k = round_to_int(zh * INV_LN2_4096);
    let kf = k as f64;
    // r = z - k ln2/4096, with k*L1 exact and zh - k*L1 exact (Sterbenz).
    let t = zh - kf * LN2_4096_1;
    let (p2, e2) = two_prod(kf, LN2_4096_2);
    let p3 = kf * LN2_4096_3;
    let r = Dd::from_f64(t)
        .add(zl)
        .sub(Dd { hi: p2, lo: e2 })
        .add_f64(-p3);
    // e^r - 1, accurate relative to r.
    let rh = r.hi;
    let r2 = r.mul(r);
    let r3 = r2.mul(r);
    let tail = r2.hi
        * r2.hi
        * (1.0 / 24.0 + rh * (1.0 / 120.0 + rh * (1.0 / 720.0 + rh * (1.0 / 5040.0))));
    let em1 = r3
        .mul(SIXTH)
        .add_f64(tail)
        .add(Dd {
            hi: r2.hi * 0.5,
            lo: r2.lo * 0.5,
        })
        .add(r);
    // 2^(j/4096) from the two tables, then times (1 + em1).
    let j1 = ((k >> 6) & 63) as usize;
    let j2 = (k & 63) as usize;
    let (a_hi, a_lo) = T1[j1];
    let (b_hi, b_lo) = T2[j2];
    let scale = Dd::from_bits(a_hi, a_lo).mul(Dd::from_bits(b_hi, b_lo));
    let m = scale.add(scale.mul(em1));
    Scaled::new(m, (k >> 12) as i32)
}

/// Relative error bound of [`exp_fast`] (proved loosely in its comments,
/// checked against [`exp_scaled`] in the tests with a margin).
pub const EXP_FAST_ERROR: f64 = 1.0 / (1u128 << 88) as f64;

/// The fast path of Ziv's strategy: `e^(zh + zl)` as `M * 2^K` with a
/// relative error below [`EXP_FAST_ERROR`] (`2^-88`), for the same arguments
/// as [`exp_scaled`], at well under half its cost.
///
/// The reduction is the same (`t = zh - k L1` exact, `k L2` by TwoProd);
/// then `e^r - 1 = r_h + (r_h^2/2 + ...)` keeps only `r_h^2` exact (TwoProd)
/// and evaluates the rest, below `2^-42`, in f64, whose rounding errors stay
/// below `2^-94`; the table product `T1 T2` and the final `T (1 + e^r - 1)`
/// use one TwoProd each and plain f64 for the cross terms (errors below
/// `2^-100`). Callers check each rounded result against this bound and redo
/// the whole evaluation with [`exp_scaled`] when the rounding is ambiguous.
#[inline]
pub fn exp_fast(zh: f64, zl: Dd) -> Scaled {
    let k = round_to_int(zh * INV_LN2_4096);
    let kf = k as f64;
    let t = zh - kf * LN2_4096_1; // exact
    let (p2, e2) = two_prod(kf, LN2_4096_2);
    // r = t - p2 + (zl - e2 - k L3); |t - p2| < 2^-13, so fast_two_sum
    // holds whenever t dominates, and both are tiny together otherwise.
    let (rh, rl0) = super::dd::two_sum(t, -p2);
    let rl = rl0 + (zl.hi + (zl.lo - e2 - kf * LN2_4096_3));
    let (rh, rl) = super::dd::fast_two_sum(rh, rl);
    // e^r - 1 = rh + [rh^2/2 + rl (1 + rh) + rh^3/6 + rh^4/24 + ...]
    let (sq, sq_err) = two_prod(rh, rh);
    let poly = rh * sq * (1.0 / 6.0 + rh * (1.0 / 24.0 + rh * (1.0 / 120.0 + rh / 720.0)));
    let small = sq_err * 0.5 + rl * (1.0 + rh) + poly;
    let (a, b) = super::dd::fast_two_sum(rh, sq * 0.5);
    let em1_hi = a;
    let em1_lo = b + small;
    // T = T1[j1] T2[j2]
    let j1 = ((k >> 6) & 63) as usize;
    let j2 = (k & 63) as usize;
    let (a_hi, a_lo) = T1[j1];
    let (b_hi, b_lo) = T2[j2];
    let (th, tl) = (f64::from_bits(a_hi), f64::from_bits(a_lo));
    let (uh, ul) = (f64::from_bits(b_hi), f64::from_bits(b_lo));
    let (ph, pl) = two_prod(th, uh);
    let pl = pl + (th * ul + tl * uh);
    // M = T + T em1
    let (qh, ql) = two_prod(ph, em1_hi);
    let ql = ql + (ph * em1_lo + pl * em1_hi);
    let (mh, ml) = super::dd::two_sum(ph, qh);
    let ml = ml + (pl + ql);
    let (mh, ml) = super::dd::fast_two_sum(mh, ml);
    Scaled::new(Dd { hi: mh, lo: ml }, (k >> 12) as i32)
}

/// `e^x - 1` in double-double with a relative error near `2^-100`, also for
/// tiny `x`; for `|x| <= 16`. Slow (a Taylor series after halving the
/// argument, then `expm1(2a) = expm1(a) (2 + expm1(a))` back up), which is
/// fine for its few calls per vector.
pub fn expm1_dd(x: Dd) -> Dd {
    let mut halvings = 0;
    let mut a = x;
    while a.hi.abs() > 0.0625 {
        a = Dd {
            hi: a.hi * 0.5,
            lo: a.lo * 0.5,
        };
        halvings += 1;
    }
    // Taylor: a + a^2/2! + ... + a^20/20!, Horner from the top.
    let mut acc = Dd::from_f64(0.0);
    for n in (1..=20u32).rev() {
        // acc = a/n * (1 + acc)
        acc = acc.add_f64(1.0).mul(a).div(Dd::from_f64(f64::from(n)));
    }
    for _ in 0..halvings {
        acc = acc.mul(acc.add_f64(2.0));
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_of_zero_is_one() {
        let e = exp_scaled(0.0, Dd::default()).normalized();
        assert_eq!((e.m.hi, e.m.lo, e.e), (1.0, 0.0, 0));
    }

    #[test]
    fn exp_of_ln2_multiples_is_a_power_of_two() {
        let ln2 = Dd::from_bits(
            super::super::exp_table::LN2.0,
            super::super::exp_table::LN2.1,
        );
        let e = exp_scaled(-ln2.hi * 3.0, Dd::from_f64(-ln2.lo * 3.0)).normalized();
        assert_eq!(e.e, -3);
        assert!((e.m.hi - 1.0).abs() < 1e-15);
    }

    #[test]
    fn the_fast_exp_stays_within_its_bound() {
        // Against the double-double kernel on a spread of arguments,
        // including tails from a temperature division.
        let mut state = 0x1234_5678_9abc_def0u64;
        let mut worst = 0.0f64;
        for i in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let u = (state >> 11) as f64 / (1u64 << 53) as f64;
            let zh = -u * if i % 3 == 0 { 2500.0 } else { 40.0 };
            let zl = Dd::from_f64(zh * 1e-17 * (u - 0.5));
            let a = exp_fast(zh, zl).normalized();
            let b = exp_scaled(zh, zl).normalized();
            assert_eq!(a.e, b.e);
            let rel = (a.m.sub(b.m).hi / b.m.hi).abs();
            worst = worst.max(rel);
        }
        println!("worst {worst:e} = 2^{}", worst.log2());
        assert!(
            worst < EXP_FAST_ERROR / 4.0,
            "worst relative error {worst:e}"
        );
    }

    #[test]
    fn expm1_is_accurate_for_tiny_arguments() {
        let x = 1e-20;
        let y = expm1_dd(Dd::from_f64(x));
        assert_eq!(y.hi, x);
    }
}
