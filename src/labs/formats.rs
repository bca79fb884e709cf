//! Floating-point formats the labs compute in: f64, f32, f16 and bf16.
//!
//! Every operation is emulated the same way: compute in f64, then round once
//! to the target format. For `+`, `-`, `*`, `/` and `sqrt` that is exactly the
//! IEEE result of the narrower format (f64 has more than twice the precision
//! of each of them, so the double rounding is innocuous); for `exp` and `ln`
//! it is the correctly rounded value except in rare ties. Rounding to f16 and
//! bf16 is done by the `half` crate (round to nearest, ties to even, with
//! overflow to infinity and gradual underflow through subnormals).

use half::{bf16, f16};

/// A binary floating-point format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// IEEE binary64: 53-bit significand, largest finite about 1.8e308.
    F64,
    /// IEEE binary32: 24-bit significand, largest finite about 3.4e38.
    F32,
    /// IEEE binary16: 11-bit significand, largest finite 65504.
    F16,
    /// bfloat16: 8-bit significand, the exponent range of f32.
    Bf16,
}

impl Format {
    /// Every format, widest first.
    pub const ALL: [Format; 4] = [Format::F64, Format::F32, Format::F16, Format::Bf16];

    /// The short name used in menus and links: `f64`, `f32`, `f16`, `bf16`.
    pub fn name(self) -> &'static str {
        match self {
            Format::F64 => "f64",
            Format::F32 => "f32",
            Format::F16 => "f16",
            Format::Bf16 => "bf16",
        }
    }

    /// The format called `name` (as written by [`Format::name`]).
    pub fn named(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Round `x` to the nearest value of this format (ties to even). Values
    /// beyond the largest finite number become `±inf`, values below half the
    /// smallest subnormal become `±0`; NaN stays NaN.
    pub fn round(self, x: f64) -> f64 {
        match self {
            Format::F64 => x,
            Format::F32 => x as f32 as f64,
            Format::F16 => f16::from_f64(x).to_f64(),
            Format::Bf16 => bf16::from_f64(x).to_f64(),
        }
    }

    /// The largest finite value: f64 1.797e308, f32 3.403e38, f16 65504,
    /// bf16 3.390e38.
    pub fn max_finite(self) -> f64 {
        match self {
            Format::F64 => f64::MAX,
            Format::F32 => f32::MAX as f64,
            Format::F16 => f16::MAX.to_f64(),
            Format::Bf16 => bf16::MAX.to_f64(),
        }
    }

    /// The smallest positive normal value (f16: 2^-14, bf16 and f32: 2^-126,
    /// f64: 2^-1022); below it numbers are subnormal and lose digits.
    pub fn min_normal(self) -> f64 {
        match self {
            Format::F64 => f64::MIN_POSITIVE,
            Format::F32 => f32::MIN_POSITIVE as f64,
            Format::F16 => f16::MIN_POSITIVE.to_f64(),
            Format::Bf16 => bf16::MIN_POSITIVE.to_f64(),
        }
    }

    /// Bits in the significand, counting the hidden bit (53, 24, 11, 8).
    pub fn significand_bits(self) -> u32 {
        match self {
            Format::F64 => 53,
            Format::F32 => 24,
            Format::F16 => 11,
            Format::Bf16 => 8,
        }
    }

    /// Decimal digits needed to tell every value of the format apart
    /// (17, 9, 5, 4): enough to show what a value really holds.
    pub fn digits(self) -> usize {
        match self {
            Format::F64 => 17,
            Format::F32 => 9,
            Format::F16 => 5,
            Format::Bf16 => 4,
        }
    }

    /// `ln(max_finite)`: `exp(x)` overflows to `+inf` for every `x` above
    /// this (f64 about 709.78, f32 and bf16 about 88.72, f16 about 11.09).
    pub fn exp_overflow_threshold(self) -> f64 {
        self.max_finite().ln()
    }

    /// `a + b` in this format.
    pub fn add(self, a: f64, b: f64) -> f64 {
        self.round(a + b)
    }

    /// `a - b` in this format.
    pub fn sub(self, a: f64, b: f64) -> f64 {
        self.round(a - b)
    }

    /// `a / b` in this format.
    pub fn div(self, a: f64, b: f64) -> f64 {
        self.round(a / b)
    }

    /// `e^x` in this format: `+inf` above [`Format::exp_overflow_threshold`],
    /// `0` far below zero, `exp(-inf) = 0`, `exp(NaN) = NaN`.
    pub fn exp(self, x: f64) -> f64 {
        self.round(x.exp())
    }

    /// `ln x` in this format: `ln 0 = -inf`, `ln(+inf) = +inf`, NaN for
    /// negative `x` or NaN.
    pub fn ln(self, x: f64) -> f64 {
        self.round(x.ln())
    }

    /// `x` written with just enough significant digits for this format (at
    /// most [`Format::digits`] and never more than 6, trailing zeros dropped), in scientific
    /// notation when very large or very small; `∞`, `−∞` and `NaN` as words
    /// of their own, and a true minus sign.
    pub fn show(self, x: f64) -> String {
        show_digits(x, self.digits().min(6))
    }
}

/// `x` with at most `digits` significant digits (see [`Format::show`]).
pub fn show_digits(x: f64, digits: usize) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x == f64::INFINITY {
        return "∞".to_owned();
    }
    if x == f64::NEG_INFINITY {
        return "−∞".to_owned();
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    let digits = digits.max(1);
    let magnitude = x.abs().log10().floor() as i32;
    let text = if !(-4..7).contains(&magnitude) {
        let text = format!("{:.*e}", digits - 1, x);
        match text.split_once('e') {
            Some((mantissa, exponent)) => {
                let mantissa = trim_zeros(mantissa);
                format!("{mantissa}e{exponent}")
            }
            None => text,
        }
    } else {
        let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
        trim_zeros(&format!("{x:.decimals$}"))
    };
    text.replace('-', "−")
}

fn trim_zeros(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for f in Format::ALL {
            assert_eq!(Format::named(f.name()), Some(f));
        }
        assert_eq!(Format::named("f8"), None);
    }

    #[test]
    fn values_are_written_with_the_digits_the_format_holds() {
        assert_eq!(show_digits(59872.0, 5), "59872");
        assert_eq!(show_digits(0.36787944117144233, 5), "0.36788");
        assert_eq!(show_digits(-1000.0, 4), "−1000");
        assert_eq!(show_digits(1.6516362549940018e38, 8), "1.6516363e38");
        assert_eq!(show_digits(4.5e-5, 4), "4.5e−5");
        assert_eq!(show_digits(f64::NAN, 4), "NaN");
        assert_eq!(show_digits(f64::NEG_INFINITY, 4), "−∞");
    }
}
