//! The target formats: every result is computed as a [`Scaled`]
//! double-double and rounded once, to f64 or to f32.

use super::dd::pow2;
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
}

impl Output for f64 {
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
