//! Reading numbers that people type.
//!
//! Every field of the page goes through [`parse_number`], which accepts what
//! a person means by a number (`2`, `-0.5`, `−0.5` with a real minus sign,
//! `1e-3`, `+3`, `.5`) and refuses everything else with a message that says
//! what to type instead. It never accepts NaN or an infinity, and never
//! returns one. The fields that do take an infinity say so by using
//! [`parse_logit`] or [`parse_temperature`].

use crate::Error;

/// The longest text accepted as a number.
pub const MAX_NUMBER_LENGTH: usize = 64;

/// Parse a finite decimal number, or say why the text is not one.
pub fn parse_number(text: &str) -> Result<f64, Error> {
    let trimmed = text.trim();
    let fail = |message: &str| Err(Error::Invalid(message.to_owned()));
    if trimmed.is_empty() {
        return fail("Enter a number.");
    }
    if trimmed.chars().count() > MAX_NUMBER_LENGTH {
        return fail("That is too long to be a number.");
    }
    if infinity(trimmed).is_some() {
        return fail("This field needs a finite number; ∞ is not allowed here.");
    }
    // A real minus sign (U+2212), as the page writes it, means the same as `-`.
    let minus = trimmed.replace('−', "-");
    let trimmed = minus.as_str();
    if trimmed.contains(',') {
        return fail("Use a dot for decimals, as in 1.5.");
    }
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("0x") || lower.starts_with("-0x") || lower.starts_with("+0x") {
        return fail("Only decimal numbers are accepted (no 0x…).");
    }
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E');
    if !trimmed.chars().all(allowed) || !trimmed.chars().any(|c| c.is_ascii_digit()) {
        return fail("That is not a number; type digits such as 2, -0.5 or 1e-3.");
    }
    match trimmed.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => fail("That number is too large for a double-precision float (about ±1.8e308)."),
        Err(_) => fail("That is not a number; type digits such as 2, -0.5 or 1e-3."),
    }
}

/// The infinity that `text` spells, if it spells one: `inf`, `infinity`,
/// `∞`, each with an optional sign (`-` or `−` for minus, `+`), in any case
/// (ASCII case folding: the words are ASCII, and Unicode's case tables would
/// add about 12 KB to the first view's wasm).
fn infinity(text: &str) -> Option<f64> {
    let lower = text.trim().to_ascii_lowercase();
    let (sign, body) = match lower.chars().next() {
        Some('-' | '−') => (
            -1.0,
            &lower[lower.char_indices().nth(1).map_or(0, |(i, _)| i)..],
        ),
        Some('+') => (1.0, &lower[1..]),
        _ => (1.0, lower.as_str()),
    };
    matches!(body.trim_start(), "inf" | "infinity" | "∞").then_some(sign * f64::INFINITY)
}

/// Parse a logit: a finite number as for [`parse_number`], or `-inf` (a
/// masked class, softmax gives it probability 0) or `inf`, also spelled
/// `−inf`, `-Infinity`, `∞`, `-∞`. Whether an infinity is allowed in a given
/// state (not every logit may be masked) is for the caller to check.
pub fn parse_logit(text: &str) -> Result<f64, Error> {
    match infinity(text) {
        Some(v) => Ok(v),
        None => parse_number(text).map_err(|e| match e {
            Error::Invalid(m) if m.starts_with("That is not a number") => Error::Invalid(
                "That is not a number; type digits such as 2 or -0.5, or -inf to mask the class."
                    .to_owned(),
            ),
            Error::Invalid(m) if m.starts_with("That number is too large") => Error::Invalid(
                "That number is too large for a double-precision float (about ±1.8e308); type inf or -inf for the limits."
                    .to_owned(),
            ),
            other => other,
        }),
    }
}

/// Parse a temperature: a number `>= 0`, or the words `inf`/`infinity`/`∞`
/// for the uniform limit.
pub fn parse_temperature(text: &str) -> Result<f64, Error> {
    let trimmed = text.trim();
    match infinity(trimmed) {
        Some(t) if t > 0.0 => return Ok(t),
        Some(_) => {
            return Err(Error::Invalid(
                "The temperature cannot be negative; use 0 for the argmax limit.".to_owned(),
            ))
        }
        None => {}
    }
    let t = parse_number(trimmed)?;
    if t < 0.0 {
        return Err(Error::Invalid(
            "The temperature cannot be negative; use 0 for the argmax limit.".to_owned(),
        ));
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_spellings_are_numbers() {
        for (text, value) in [
            ("2", 2.0),
            (" -0.5 ", -0.5),
            ("1e-3", 1e-3),
            ("+3", 3.0),
            (".5", 0.5),
            ("1E2", 100.0),
            ("−0.5", -0.5),
            ("−2e−3", -0.002),
        ] {
            assert_eq!(parse_number(text), Ok(value), "{text}");
        }
    }

    #[test]
    fn bad_input_gets_a_message_not_a_value() {
        let long = "9".repeat(10_000);
        for text in [
            "",
            "   ",
            "abc",
            "1e999",
            "-1e999",
            "NaN",
            "nan",
            "Infinity",
            "inf",
            "0x10",
            "1,5",
            long.as_str(),
            "<img src=x onerror=alert(1)>",
            "٣",
            "🙂",
            "1-",
        ] {
            let result = parse_number(text);
            assert!(result.is_err(), "{text:?} gave {result:?}");
            assert!(!result.unwrap_err().to_string().is_empty());
        }
    }

    #[test]
    fn logits_also_take_the_infinities_in_every_spelling() {
        for text in ["-inf", "−inf", "-Infinity", "-∞", "−∞", " - inf", "-INF"] {
            assert_eq!(parse_logit(text), Ok(f64::NEG_INFINITY), "{text:?}");
        }
        for text in ["inf", "+inf", "Infinity", "∞", "+∞"] {
            assert_eq!(parse_logit(text), Ok(f64::INFINITY), "{text:?}");
        }
        assert_eq!(parse_logit("−1.5"), Ok(-1.5));
        for text in ["NaN", "infinite", "--inf", "1e999", "abc", ""] {
            assert!(parse_logit(text).is_err(), "{text:?}");
        }
        let message = parse_logit("abc").unwrap_err().to_string();
        assert!(message.contains("-inf"), "{message}");
        let message = parse_number("-inf").unwrap_err().to_string();
        assert!(message.contains("not allowed here"), "{message}");
    }

    #[test]
    fn temperatures_accept_the_limits_but_not_negatives() {
        assert_eq!(parse_temperature("0"), Ok(0.0));
        assert_eq!(parse_temperature("inf"), Ok(f64::INFINITY));
        assert_eq!(parse_temperature("∞"), Ok(f64::INFINITY));
        assert!(parse_temperature("-1").is_err());
        assert!(parse_temperature("-inf").is_err());
        assert!(parse_temperature("NaN").is_err());
    }
}
