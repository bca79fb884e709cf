//! The target formats: every result is computed as a [`Scaled`]
//! double-double and rounded once, to f64 or to f32.

use super::scaled::Scaled;

/// A floating-point format the core can round its results to.
pub trait Output: Copy + std::fmt::Debug + PartialEq + 'static {
    /// Round a scaled double-double to this format (correctly rounded).
    fn round(x: Scaled) -> Self;
    /// A value exactly representable in every format (0, ±inf, NaN).
    fn exact(x: f64) -> Self;
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
