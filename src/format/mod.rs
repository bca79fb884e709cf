//! How numbers are written on the page. JavaScript shows these strings as
//! they are, so every rounding decision is made here, once. [`worked`]
//! writes the numbers of the lesson's worked examples by their own rules.

pub mod worked;

/// A probability or other quantity with `digits` decimals; the limits and NaN
/// get words instead of `inf` or `NaN`.
pub fn fixed(v: f64, digits: usize) -> String {
    if v.is_nan() {
        "undefined (NaN)".to_owned()
    } else if v == f64::INFINITY {
        "∞".to_owned()
    } else if v == f64::NEG_INFINITY {
        "−∞".to_owned()
    } else {
        let text = format!("{v:.digits$}");
        // Never show "-0.000": a negative zero is just zero on screen.
        if text
            .trim_start_matches('-')
            .chars()
            .all(|c| c == '0' || c == '.')
        {
            text.trim_start_matches('-').to_owned()
        } else {
            text.replace('-', "−")
        }
    }
}

/// A short label for a parameter such as a temperature: up to four
/// significant digits, no trailing zeros.
pub fn short(v: f64) -> String {
    if !v.is_finite() {
        return fixed(v, 0);
    }
    if v == 0.0 {
        return "0".to_owned();
    }
    let magnitude = v.abs().log10().floor() as i32;
    if !(-4..6).contains(&magnitude) {
        return format!("{v:.3e}");
    }
    let decimals = (3 - magnitude).max(0) as usize;
    let text = format!("{v:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    text.replace('-', "−")
}

/// The exact value a double holds, written with the shortest digits that
/// read back to it.
pub fn exact(v: f64) -> String {
    if v.is_finite() {
        format!("{v:e}")
    } else {
        fixed(v, 0)
    }
}

/// The page's one rule for a number a person reads in a field, a read-out
/// sentence or a link: at most 6 significant digits and at most 4
/// decimals, in plain decimals from 0.0001 up to (not including) a
/// million, trailing zeros dropped. Below 0.01 a number keeps 3 significant
/// digits (0.00125, 0.000125) rather than collapse to 0.0013 or 0.0001.
/// Outside that range the exponent form is used, again with at most 6
/// significant digits (`1e-300`, `-2.5e-5`, `1.23457e6`).
///
/// Returns how many decimals the plain form has, or `None` for the
/// exponent form (and for zero, NaN and the infinities, which have their
/// own words).
pub fn plain_decimals(v: f64) -> Option<usize> {
    let size = v.abs();
    if !v.is_finite() || v == 0.0 || !(PLAIN_RANGE.0..PLAIN_RANGE.1).contains(&size) {
        return None;
    }
    // `e` is in -4..=5 here, so both bounds are small and non-negative.
    let e = size.log10().floor() as i32;
    let by_digits = SIGNIFICANT - 1 - e;
    let by_decimals = DECIMALS.max(2 - e);
    Some(by_digits.min(by_decimals).max(0) as usize)
}

/// Magnitudes written in plain decimals: `[1e-4, 1e6)`.
const PLAIN_RANGE: (f64, f64) = (1e-4, 1e6);
/// The most significant digits a number is written with.
const SIGNIFICANT: i32 = 6;
/// The most decimals a number of ordinary size (from 0.01 up) is written with.
const DECIMALS: i32 = 4;

/// `v` under the page's rule (see [`plain_decimals`]), with an ASCII minus
/// so the text can be typed back as it is; `-inf`, `inf` for the two
/// infinities (which the logit fields accept), `0` for both zeros.
pub fn field(v: f64) -> String {
    if v.is_nan() {
        return "undefined (NaN)".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    if v == 0.0 {
        return "0".to_owned();
    }
    if let Some(decimals) = plain_decimals(v) {
        let text = trim_zeros(format!("{v:.decimals$}"));
        // Rounding can carry into the next power of ten (999999.7 gives
        // 1000000, one digit too many for the plain form): rewrite that
        // value by the rule of its own size. (The plain range starts at
        // 0.0001, which has enough decimals never to round to zero.)
        return match text.parse::<f64>() {
            Ok(rounded) if rounded.abs() >= PLAIN_RANGE.1 => exponent(rounded),
            _ => text,
        };
    }
    exponent(v)
}

/// `v` in exponent form with at most 6 significant digits: `1.23457e6`.
fn exponent(v: f64) -> String {
    let digits = (SIGNIFICANT - 1) as usize;
    let text = format!("{v:.digits$e}");
    match text.split_once('e') {
        Some((mantissa, power)) => format!("{}e{power}", trim_zeros(mantissa.to_owned())),
        None => text,
    }
}

/// Drop the trailing zeros of a decimal fraction (and a dot left bare).
fn trim_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// [`field`] with a real minus sign, for read-outs and sentences: `−0.9857`,
/// `−∞`.
pub fn readable(v: f64) -> String {
    if v.is_infinite() {
        return fixed(v, 0);
    }
    field(v).replace('-', "−")
}

/// `v` rounded to what [`field`] shows of it, and never finer than 4
/// decimals, so a value the page computes itself (a dragged point's logits,
/// a key step) is held exactly as it is shown and linked: `-0.9856803…`
/// becomes `-0.9857`, and the `2.2e-16` of floating-point noise becomes 0.
/// Infinities and NaN are returned as they are.
pub fn snap(v: f64) -> f64 {
    if !v.is_finite() {
        return v;
    }
    let decimals = plain_decimals(v).map_or(DECIMALS, |d| d.min(DECIMALS as usize) as i32);
    if v.abs() >= PLAIN_RANGE.1 {
        // Six significant digits of a large value.
        return field(v).parse().unwrap_or(v);
    }
    let factor = 10f64.powi(decimals);
    let snapped = (v * factor).round() / factor;
    if snapped == 0.0 {
        0.0
    } else {
        snapped
    }
}

/// `v` with the last digits of binary noise removed (15 significant
/// digits), so `0.1 + 0.2` is held as `0.3` while any digits a person typed
/// are kept.
pub fn tidy(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return if v == 0.0 { 0.0 } else { v };
    }
    format!("{v:.14e}").parse().unwrap_or(v)
}

/// `a + b` without the binary noise of the addition: rounded to 15
/// significant digits of the larger operand, not of the result, so that
/// -0.092 + 0.1 gives 0.008 rather than 0.008000000000000007 (which
/// [`tidy`], relative to the small result, would keep).
pub fn tidy_sum(a: f64, b: f64) -> f64 {
    let v = a + b;
    let scale = a.abs().max(b.abs());
    if !v.is_finite() || v == 0.0 {
        return tidy(v);
    }
    let places = 14 - scale.log10().floor() as i32;
    if !(0..=22).contains(&places) {
        return tidy(v);
    }
    // Divide by an exact power of ten rather than multiply by its inverse.
    let inverse = 10f64.powi(places);
    let rounded = (v * inverse).round() / inverse;
    if rounded == 0.0 {
        0.0
    } else {
        tidy(rounded)
    }
}

/// Like [`fixed`], but never more than 6 significant digits: from 10 up the
/// decimals give way to the integer digits, and from a million up the
/// exponent form is used (`1.23457e6`). For read-outs whose size depends on
/// what was typed (log-sum-exp, log-probabilities at a small temperature).
pub fn decimals(v: f64, digits: usize) -> String {
    if !v.is_finite() || v.abs() < 10.0 {
        return fixed(v, digits);
    }
    if v.abs() >= PLAIN_RANGE.1 {
        return exponent(v).replace('-', "−");
    }
    let e = v.abs().log10().floor() as i32;
    let places = digits.min((SIGNIFICANT - 1 - e).max(0) as usize);
    let factor = 10f64.powi(places as i32);
    let rounded = (v * factor).round() / factor;
    // 99999.96 rounds up to 100000.0, a digit too many: write the rounded
    // value by the rule of its own size.
    if rounded.abs().log10().floor() as i32 > e {
        return decimals(rounded, digits);
    }
    fixed(v, places)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_shift_keeps_no_binary_noise_even_when_the_result_is_small() {
        assert_eq!(tidy_sum(-0.092, 0.1), 0.008);
        assert_eq!(tidy_sum(0.1, 0.2), 0.3);
        assert_eq!(tidy_sum(-0.1, 0.1), 0.0);
        assert_eq!(tidy_sum(1e-300, 1e-300), 2e-300);
        assert_eq!(tidy_sum(1000.5, -0.25), 1000.25);
        assert_eq!(tidy_sum(f64::NEG_INFINITY, 10.0), f64::NEG_INFINITY);
    }

    use super::*;

    #[test]
    fn numbers_are_written_for_people() {
        assert_eq!(fixed(0.66524, 4), "0.6652");
        assert_eq!(fixed(-1e-9, 3), "0.000");
        assert_eq!(fixed(-1.5, 2), "−1.50");
        assert_eq!(fixed(f64::NEG_INFINITY, 2), "−∞");
        assert_eq!(short(0.5), "0.5");
        assert_eq!(short(1.0), "1");
        assert_eq!(short(12.34567), "12.35");
        assert_eq!(short(0.01), "0.01");
        assert_eq!(exact(0.1), "1e-1");
    }

    #[test]
    fn field_text_follows_the_one_rule() {
        for (v, text) in [
            (2.0, "2"),
            (-0.5, "-0.5"),
            (-0.9856803097334743, "-0.9857"),
            (2.220446049250313e-16, "2.22045e-16"),
            (0.0001, "0.0001"),
            (0.000123456, "0.000123"),
            (0.00125, "0.00125"),
            (0.0123456, "0.0123"),
            (12.345678, "12.3457"),
            (123.456789, "123.457"),
            (123456.7, "123457"),
            (999999.7, "1e6"),
            (9.99996, "10"),
            (-0.0, "0"),
            (1e-300, "1e-300"),
            (-2.5e-5, "-2.5e-5"),
            (1e300, "1e300"),
            (123456789012345.0, "1.23457e14"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(field(v), text, "{v:e}");
        }
        assert_eq!(readable(-0.9856803097334743), "−0.9857");
        assert_eq!(readable(f64::NEG_INFINITY), "−∞");
    }

    #[test]
    fn computed_values_snap_to_what_is_shown() {
        assert_eq!(snap(-0.9856803097334743), -0.9857);
        assert_eq!(snap(2.220446049250313e-16), 0.0);
        assert_eq!(snap(-2.220446049250313e-16).to_bits(), 0.0f64.to_bits());
        assert_eq!(snap(0.00123), 0.0012);
        assert_eq!(snap(123.45678), 123.457);
        assert_eq!(snap(f64::NEG_INFINITY), f64::NEG_INFINITY);
        for v in [-0.9856803097334743, 0.00123, 123.45678, 7.77777777, -3e-5] {
            let s = snap(v);
            assert_eq!(field(s).parse::<f64>().unwrap(), s, "{v}");
            assert_eq!(snap(s), s, "snapping is idempotent: {v}");
        }
        assert_eq!(tidy(0.1 + 0.2), 0.3);
        assert_eq!(tidy(0.123456789), 0.123456789);
    }

    #[test]
    fn read_outs_keep_six_significant_digits() {
        assert_eq!(decimals(0.66524, 4), "0.6652");
        assert_eq!(decimals(2.40760596, 4), "2.4076");
        assert_eq!(decimals(102.40760596, 4), "102.408");
        assert_eq!(decimals(-1000000.5, 4), "−1e6");
        assert_eq!(decimals(99999.96, 4), "100000");
        assert_eq!(decimals(-2.0e9, 4), "−2e9");
        assert_eq!(decimals(f64::INFINITY, 4), "∞");
    }
}
