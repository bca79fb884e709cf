//! How the lesson writes the numbers of a worked example: as many decimals
//! as the example asks for, integers without decimals, and the floating
//! point's limits in words.

use super::{fixed, short};

/// `v` with `digits` decimals; integers (such as `e^0 = 1` or the logit
/// 1001) without decimals; very large or very small magnitudes in
/// scientific notation; infinities and NaN in words.
pub fn decimals(v: f64, digits: usize) -> String {
    if !v.is_finite() {
        return fixed(v, digits);
    }
    if v == v.trunc() && v.abs() < 1e6 {
        return fixed(v, 0);
    }
    let a = v.abs();
    if a >= 1e6 || a < 0.5 * 10f64.powi(-(digits as i32)) {
        return format!("{v:.3e}").replace('-', "−");
    }
    fixed(v, digits)
}

/// A logit or other input as it was typed: up to four significant digits.
pub fn input(v: f64) -> String {
    short(v)
}

/// A list of numbers in parentheses: `(2, 1, 0)`.
pub fn tuple(values: &[f64], write: impl Fn(f64) -> String) -> String {
    let inner: Vec<String> = values.iter().map(|&v| write(v)).collect();
    format!("({})", inner.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_numbers_read_like_the_source() {
        assert_eq!(decimals(7.38905609893065, 3), "7.389");
        assert_eq!(decimals(1.0, 3), "1");
        assert_eq!(decimals(1001.0, 4), "1001");
        assert_eq!(decimals(0.09003057317038046, 3), "0.090");
        assert_eq!(decimals(f64::INFINITY, 3), "∞");
        assert_eq!(decimals(1e-9, 3), "1.000e−9");
        assert_eq!(tuple(&[2.0, 1.0, 0.0], input), "(2, 1, 0)");
        assert_eq!(tuple(&[-1.0, 0.5], input), "(−1, 0.5)");
    }
}
