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
}
