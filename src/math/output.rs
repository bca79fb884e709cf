//! The target formats: every result is computed as a [`Scaled`]
//! double-double and rounded once, to f64 or to f32.

use super::dd::{fast_two_sum, pow2, Dd};
use super::expansion::{sum_terms, Expansion};
use super::scaled::Scaled;

/// A floating-point format the core can round its results to.
pub trait Output: Copy + std::fmt::Debug + PartialEq + 'static {
    /// Round a scaled double-double to this format (correctly rounded).
    fn round(x: Scaled) -> Self;
    /// A value exactly representable in every format (0, ±inf, NaN).
    fn exact(x: f64) -> Self;
    /// Ziv's rounding test: the correct rounding of every value within a
    /// relative distance `rel` of `x` (so of the exact value, when `rel`
    /// bounds the error of `x`), or `None` if they do not all round alike.
    fn round_checked(x: Scaled, rel: f64) -> Option<Self> {
        let y = Self::round(x);
        let d = x.m.hi.abs() * rel;
        let below = Self::round(Scaled::new(x.m.add_f64(-d), x.e));
        let above = Self::round(Scaled::new(x.m.add_f64(d), x.e));
        (below == y && above == y).then_some(y)
    }
    /// The rounding test for an expansion `p` (an unscaled value) whose
    /// relative error is below `rel`. The default goes through a
    /// double-double (relative error `2^-104` on top of `rel`), which is
    /// plenty for a format of 24 bits.
    fn round_expansion(p: Expansion, rel: f64) -> Option<Self> {
        let (hi, lo) = fast_two_sum(p.0[0], p.0[1] + (p.0[2] + p.0[3]));
        Self::round_checked(
            Scaled::new(Dd { hi, lo }, 0),
            rel + 1.0 / (1u128 << 104) as f64,
        )
    }
}

impl Output for f64 {
    /// The candidate `y0` is the f64 nearest `p0 + (p1 + (p2 + p3))`; the
    /// residual `p - y0` is formed exactly (TwoSum expansions), and so is
    /// its distance to the half-ULP on its side. If that distance exceeds
    /// `rel |y0|` (twice the error bound, to cover `|p|` vs `|y0|`), the
    /// exact value is on the same side of the midpoint as `p`: `y0` is kept
    /// when the residual is inside the half-ULP, else it moves one ULP
    /// towards the residual. Only for normal results (else `None`).
    fn round_expansion(p: Expansion, rel: f64) -> Option<f64> {
        let y0 = p.0[0] + (p.0[1] + (p.0[2] + p.0[3]));
        if !y0.is_finite() || y0.abs() < 4.0 * f64::MIN_POSITIVE || y0.abs() > f64::MAX / 4.0 {
            return None;
        }
        let r = sum_terms(&[p.0[0], p.0[1], p.0[2], p.0[3], -y0]);
        let away = r.0[0] != 0.0 && (r.0[0] > 0.0) == (y0 > 0.0);
        let bits = y0.abs().to_bits();
        let mut half = f64::from_bits(bits & 0x7ff0_0000_0000_0000) * f64::EPSILON * 0.5;
        if !away && bits & 0x000f_ffff_ffff_ffff == 0 {
            half *= 0.5; // at a power of two the gap below is halved
        }
        let s = if r.0[0] < 0.0 { -1.0 } else { 1.0 };
        let d = sum_terms(&[s * r.0[0], s * r.0[1], s * r.0[2], s * r.0[3], -half]);
        let margin = 2.0 * rel * y0.abs();
        if d.0[0] < -margin {
            Some(y0)
        } else if d.0[0] > margin {
            // Beyond the midpoint: the neighbour towards the residual.
            let step = if away { 1 } else { -1 };
            let b = y0.abs().to_bits() as i64 + step;
            let y = f64::from_bits(b as u64);
            Some(if y0 < 0.0 { -y } else { y })
        } else {
            None
        }
    }
    #[inline]
    fn round(x: Scaled) -> f64 {
        x.to_f64()
    }
    #[inline]
    fn exact(x: f64) -> f64 {
        x
    }
    #[inline]
    fn round_checked(x: Scaled, rel: f64) -> Option<f64> {
        let (h, l) = (x.m.hi, x.m.lo);
        if (-1000..=1000).contains(&x.e) && h != 0.0 {
            let y0 = h + l; // the double-double correctly rounded
            let y = y0 * pow2(x.e);
            if y.is_finite() && y.abs() >= 4.0 * f64::MIN_POSITIVE {
                // Normal result: y0 * 2^e is exact, and the rounding is
                // safe when h + l is farther than rel |h| from a midpoint.
                let r = (h - y0) + l; // h - y0 is exact
                let bits = y0.abs().to_bits();
                let mut half = f64::from_bits(bits & 0x7ff0_0000_0000_0000) * f64::EPSILON * 0.5;
                if bits & 0x000f_ffff_ffff_ffff == 0 {
                    half *= 0.5; // at a power of two the gap below is halved
                }
                return (half - r.abs() > 2.0 * rel * h.abs()).then_some(y);
            }
        }
        let y = x.to_f64();
        let d = x.m.hi.abs() * rel;
        let below = Scaled::new(x.m.add_f64(-d), x.e).to_f64();
        let above = Scaled::new(x.m.add_f64(d), x.e).to_f64();
        (below == y && above == y).then_some(y)
    }
}

impl Output for f32 {
    #[inline]
    fn round(x: Scaled) -> f32 {
        x.to_f32()
    }
    #[inline]
    fn exact(x: f64) -> f32 {
        x as f32
    }
}
