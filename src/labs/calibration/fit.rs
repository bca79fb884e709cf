//! Fitting the temperature: the `T` that minimises the validation NLL.
//!
//! `NLL` is a convex function of `beta = 1/T` (a log-sum-exp of lines in
//! `beta` minus a line), so it has one minimum and is unimodal in any
//! monotone reparametrisation; the search runs in `u = ln T`, where the
//! curve is well scaled from very hot to very cold, by golden-section search.

use super::dataset::ValidationSet;
use super::metrics::nll;

/// The range of temperatures searched.
pub const SEARCH_RANGE: (f64, f64) = (0.05, 20.0);

/// The result of a fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// The fitted temperature.
    pub temperature: f64,
    /// The NLL there.
    pub nll: f64,
    /// Evaluations of the NLL the search used.
    pub evaluations: usize,
}

/// `1 / phi`, the golden-section shrink factor `(sqrt 5 - 1) / 2`.
const INV_PHI: f64 = 0.618_033_988_749_894_9;

/// Minimise a unimodal `f` on `[a, b]` by golden-section search until the
/// bracket is narrower than `tolerance`; returns the argmin, its value and
/// the number of evaluations. Each step keeps the sub-interval that must
/// hold the minimum and reuses one of the two interior points, so the
/// bracket shrinks by `1/phi` per evaluation.
pub fn golden_section(
    f: impl Fn(f64) -> f64,
    (mut a, mut b): (f64, f64),
    tolerance: f64,
) -> (f64, f64, usize) {
    let mut c = b - INV_PHI * (b - a);
    let mut d = a + INV_PHI * (b - a);
    let (mut fc, mut fd) = (f(c), f(d));
    let mut evaluations = 2;
    while (b - a).abs() > tolerance && evaluations < 200 {
        // NaN compares false, so a NaN at c moves the bracket towards d.
        if fc < fd {
            b = d;
            d = c;
            fd = fc;
            c = b - INV_PHI * (b - a);
            fc = f(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + INV_PHI * (b - a);
            fd = f(d);
        }
        evaluations += 1;
    }
    let x = (a + b) / 2.0;
    let fx = f(x);
    (x, fx, evaluations + 1)
}

/// The temperature in [`SEARCH_RANGE`] minimising `NLL(T)` on `set`, to a
/// relative precision of about `1e-7`; `None` for an empty set.
pub fn fit_temperature(set: &ValidationSet) -> Option<Fit> {
    if set.is_empty() {
        return None;
    }
    let range = (SEARCH_RANGE.0.ln(), SEARCH_RANGE.1.ln());
    let (u, value, evaluations) = golden_section(|u| nll(set, u.exp()), range, 1e-7);
    value.is_finite().then(|| Fit {
        temperature: u.exp(),
        nll: value,
        evaluations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_section_finds_the_bottom_of_a_parabola() {
        let (x, fx, evaluations) = golden_section(|x| (x - 1.3).powi(2) + 2.0, (-5.0, 5.0), 1e-9);
        // A minimum is only located to about sqrt(machine epsilon): closer in,
        // the function values tie in floating point.
        assert!((x - 1.3).abs() < 1e-7, "{x}");
        assert!((fx - 2.0).abs() < 1e-15);
        assert!(evaluations < 60);
    }

    #[test]
    fn golden_section_stops_at_the_edge_for_a_monotone_function() {
        let (x, _, _) = golden_section(|x| x, (0.0, 1.0), 1e-9);
        assert!(x < 1e-8);
    }
}
