//! How numbers are written on the page. JavaScript shows these strings as
//! they are, so every rounding decision is made here, once.

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

/// A value as it is put back into a text field: the shortest digits that
/// read back to the same double, in plain decimals for everyday sizes and in
/// exponent form (`1e-300`, `2.5e20`) where plain decimals would run to
/// dozens of zeros.
pub fn field(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    if v == 0.0 || (1e-4..1e15).contains(&v.abs()) {
        format!("{}", if v == 0.0 { 0.0 } else { v })
    } else {
        format!("{v:e}")
    }
}

#[cfg(test)]
mod tests {
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
    fn field_text_is_short_and_reads_back_exactly() {
        assert_eq!(field(2.0), "2");
        assert_eq!(field(-0.5), "-0.5");
        assert_eq!(field(0.0001), "0.0001");
        assert_eq!(field(-0.0), "0");
        assert_eq!(field(1e-300), "1e-300");
        assert_eq!(field(-2.5e-5), "-2.5e-5");
        assert_eq!(field(1e300), "1e300");
        assert_eq!(field(123456789012345.0), "123456789012345");
        assert_eq!(field(1e15), "1e15");
        for v in [1e-300, 0.1, 1.0 / 3.0, 5e-324, f64::MAX, -7.25e-9, 99999.5] {
            let text = field(v);
            assert!(text.len() <= 24, "{text}");
            assert_eq!(text.parse::<f64>().unwrap(), v, "{text}");
        }
    }
}
