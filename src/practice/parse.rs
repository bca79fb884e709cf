//! Reading answers the way people write them.
//!
//! [`parse_answer`] accepts one number or a vector of numbers, each entry a
//! small expression:
//!
//! * numbers: `0.25`, `.5`, `-3`, `1e-3`, `25%`, and fractions `1/4`;
//! * Euler's number and exponentials: `e`, `e^2`, `e^{-1}`, `exp(2)`, and
//!   `ln(2)`/`log(2)` (natural log), `sqrt(2)`;
//! * sums, differences, products and quotients with the usual precedence:
//!   `e^2/(e^2+e+1)`, `2*e`, `1 - 1/e`; `-2^2` is `-(2^2)`;
//! * infinities, written `inf`, `-inf` or `∞` (for masked or log answers);
//! * vectors with or without brackets (`[…]`, `(…)`, `{…}`), separated by
//!   commas, semicolons or spaces: `[0.25, 0.25]`, `0.25; 0.25`, `1/4 1/4`.
//!   With spaces only, `1 -2` is two entries while `1 - 2` is one (−1).
//!
//! A leading name is ignored (`T = 1`, `p ≈ (0.5, 0.5)`, `p₁/p₂ = e^2`).
//! Unicode minus `−`, `×`, `·` and `÷` are read as their ASCII twins. Every
//! failure is a [`crate::Error`] with a message for the answer field; the
//! parser never panics, whatever the input (a fuzz target will hold it to
//! that), and refuses NaN and unasked-for infinities (`1/0`, `e^1000`).

use crate::Error;

/// The longest answer accepted, in characters.
pub const MAX_ANSWER_LENGTH: usize = 400;
/// The most entries a vector answer may have.
pub const MAX_ENTRIES: usize = 32;
/// The deepest nesting of brackets and operators accepted.
const MAX_DEPTH: usize = 48;

/// What a person answered: one number, or a vector.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A single value (no brackets, no separators).
    Number(f64),
    /// Several values, or values written inside `[…]`.
    Vector(Vec<f64>),
}

impl Answer {
    /// The values, one for a number.
    pub fn values(&self) -> &[f64] {
        match self {
            Answer::Number(v) => std::slice::from_ref(v),
            Answer::Vector(v) => v,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Num(f64),
    E,
    Inf,
    Func(Func),
    Open(char),
    Close(char),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Percent,
    Sep,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Func {
    Exp,
    Ln,
    Sqrt,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    tok: Tok,
    /// Whitespace came just before this token.
    spaced: bool,
}

fn fail<T>(message: impl Into<String>) -> Result<T, Error> {
    Err(Error::Invalid(message.into()))
}

fn lex(text: &str) -> Result<Vec<Token>, Error> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut spaced = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            spaced = true;
            i += 1;
            continue;
        }
        let tok = if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i < chars.len() && chars[i] == '.' {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            // An exponent only when digits follow: `1e-3` is a number, `2e` is not.
            if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                let mut j = i + 1;
                if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
                    j += 1;
                }
                if j < chars.len() && chars[j].is_ascii_digit() {
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    i = j;
                }
            }
            let literal: String = chars[start..i].iter().collect();
            match literal.parse::<f64>() {
                Ok(v) if v.is_finite() => {
                    out.push(Token {
                        tok: Tok::Num(v),
                        spaced,
                    });
                    spaced = false;
                    continue;
                }
                _ => return fail(format!("{literal} is too large to use.")),
            }
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i]
                .iter()
                .collect::<String>()
                .to_ascii_lowercase();
            let tok = match word.as_str() {
                "e" => Tok::E,
                "inf" | "infinity" => Tok::Inf,
                "exp" => Tok::Func(Func::Exp),
                "ln" | "log" => Tok::Func(Func::Ln),
                "sqrt" => Tok::Func(Func::Sqrt),
                "nan" => return fail("That is not a number; every entry must have a value."),
                _ => {
                    let shown: String = word.chars().take(12).collect();
                    return fail(format!(
                        "\"{shown}\" is not something the answer can contain; use numbers, e, exp(…), ln(…) and + − * / ^."
                    ));
                }
            };
            out.push(Token { tok, spaced });
            spaced = false;
            continue;
        } else {
            match c {
                '(' | '[' | '{' => Tok::Open(c),
                ')' | ']' | '}' => Tok::Close(c),
                '+' => Tok::Plus,
                '-' | '−' | '–' => Tok::Minus,
                '*' | '×' | '·' | '⋅' => Tok::Star,
                '/' | '÷' => Tok::Slash,
                '^' => Tok::Caret,
                '%' => Tok::Percent,
                ',' | ';' => Tok::Sep,
                '∞' => Tok::Inf,
                _ => {
                    return fail(format!(
                        "The character \"{c}\" cannot be read; use digits, e, + − * / ^, brackets and commas."
                    ))
                }
            }
        };
        out.push(Token { tok, spaced });
        spaced = false;
        i += 1;
    }
    Ok(out)
}

fn matching(open: char) -> char {
    match open {
        '[' => ']',
        '{' => '}',
        _ => ')',
    }
}

/// Check the brackets balance and pair up; return the index of the bracket
/// closing the one at `at` (which must open).
fn closing_index(tokens: &[Token], at: usize) -> Result<usize, Error> {
    let mut stack: Vec<char> = Vec::new();
    for (i, t) in tokens.iter().enumerate().skip(at) {
        match t.tok {
            Tok::Open(c) => stack.push(c),
            Tok::Close(c) => match stack.pop() {
                Some(open) if matching(open) == c => {
                    if stack.is_empty() {
                        return Ok(i);
                    }
                }
                Some(open) => {
                    return fail(format!(
                        "The bracket \"{open}\" is closed by \"{c}\"; use matching pairs."
                    ))
                }
                None => return fail(format!("There is a \"{c}\" with no opening bracket.")),
            },
            _ => {}
        }
    }
    fail("A bracket is opened but never closed.")
}

fn check_brackets(tokens: &[Token]) -> Result<(), Error> {
    let mut stack: Vec<char> = Vec::new();
    for t in tokens {
        match t.tok {
            Tok::Open(c) => {
                stack.push(c);
                if stack.len() > MAX_DEPTH {
                    return fail("The answer is nested too deeply.");
                }
            }
            Tok::Close(c) => match stack.pop() {
                Some(open) if matching(open) == c => {}
                Some(open) => {
                    return fail(format!(
                        "The bracket \"{open}\" is closed by \"{c}\"; use matching pairs."
                    ))
                }
                None => return fail(format!("There is a \"{c}\" with no opening bracket.")),
            },
            _ => {}
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        fail("A bracket is opened but never closed.")
    }
}

fn ends_operand(t: Tok) -> bool {
    matches!(
        t,
        Tok::Num(_) | Tok::E | Tok::Inf | Tok::Close(_) | Tok::Percent
    )
}

fn starts_operand(t: Tok) -> bool {
    matches!(
        t,
        Tok::Num(_) | Tok::E | Tok::Inf | Tok::Func(_) | Tok::Open(_)
    )
}

/// Split top-level tokens into entries: at commas/semicolons if there are
/// any, otherwise where one operand ends, a space follows and another begins.
fn split_entries(tokens: &[Token]) -> Result<Vec<&[Token]>, Error> {
    let mut depth = 0usize;
    let mut has_sep = false;
    for t in tokens {
        match t.tok {
            Tok::Open(_) => depth += 1,
            Tok::Close(_) => depth = depth.saturating_sub(1),
            Tok::Sep if depth == 0 => has_sep = true,
            _ => {}
        }
    }
    let mut entries = Vec::new();
    let mut start = 0;
    depth = 0;
    for i in 0..tokens.len() {
        let t = tokens[i];
        let cut = match t.tok {
            Tok::Open(_) => {
                depth += 1;
                false
            }
            Tok::Close(_) => {
                depth = depth.saturating_sub(1);
                false
            }
            Tok::Sep if depth == 0 => {
                entries.push(&tokens[start..i]);
                start = i + 1;
                continue;
            }
            Tok::Sep => {
                return fail("Separate entries only at the outer level, not inside brackets.")
            }
            _ if has_sep || depth > 0 || i == start => false,
            tok => {
                let prev = tokens[i - 1].tok;
                let sign_led = matches!(tok, Tok::Plus | Tok::Minus)
                    && tokens
                        .get(i + 1)
                        .is_some_and(|n| !n.spaced && starts_operand(n.tok));
                t.spaced && ends_operand(prev) && (starts_operand(tok) || sign_led)
            }
        };
        if cut {
            entries.push(&tokens[start..i]);
            start = i;
        }
    }
    entries.push(&tokens[start..]);
    if entries.len() > MAX_ENTRIES {
        return fail(format!("An answer has at most {MAX_ENTRIES} entries."));
    }
    if entries.iter().any(|e| e.is_empty()) {
        return fail("An entry is missing: check for two separators in a row or one at the end.");
    }
    Ok(entries)
}

struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<Tok> {
        self.tokens.get(self.at).map(|t| t.tok)
    }

    fn deeper(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            fail("The answer is nested too deeply.")
        } else {
            Ok(())
        }
    }

    fn expr(&mut self) -> Result<f64, Error> {
        self.deeper()?;
        let mut value = self.term()?;
        while let Some(op @ (Tok::Plus | Tok::Minus)) = self.peek() {
            self.at += 1;
            let rhs = self.term()?;
            value = if op == Tok::Plus {
                value + rhs
            } else {
                value - rhs
            };
        }
        self.depth -= 1;
        Ok(value)
    }

    fn term(&mut self) -> Result<f64, Error> {
        let mut value = self.unary()?;
        while let Some(op @ (Tok::Star | Tok::Slash)) = self.peek() {
            self.at += 1;
            let rhs = self.unary()?;
            value = if op == Tok::Star {
                value * rhs
            } else {
                value / rhs
            };
        }
        Ok(value)
    }

    fn unary(&mut self) -> Result<f64, Error> {
        self.deeper()?;
        let value = match self.peek() {
            Some(Tok::Minus) => {
                self.at += 1;
                -self.unary()?
            }
            Some(Tok::Plus) => {
                self.at += 1;
                self.unary()?
            }
            _ => self.power()?,
        };
        self.depth -= 1;
        Ok(value)
    }

    fn power(&mut self) -> Result<f64, Error> {
        let base = self.postfix()?;
        if self.peek() == Some(Tok::Caret) {
            self.at += 1;
            let exponent = self.unary()?;
            return Ok(power(base, exponent));
        }
        Ok(base)
    }

    fn postfix(&mut self) -> Result<f64, Error> {
        let value = self.atom()?;
        if self.peek() == Some(Tok::Percent) {
            self.at += 1;
            return Ok(value / 100.0);
        }
        Ok(value)
    }

    fn atom(&mut self) -> Result<f64, Error> {
        let Some(tok) = self.peek() else {
            return fail("The answer ends too early: a number is missing.");
        };
        self.at += 1;
        match tok {
            Tok::Num(v) => Ok(v),
            Tok::E => Ok(std::f64::consts::E),
            Tok::Inf => Ok(f64::INFINITY),
            Tok::Func(f) => {
                if !matches!(self.peek(), Some(Tok::Open(_))) {
                    return fail("Write a function with brackets, as in exp(2) or ln(2).");
                }
                let x = self.atom()?;
                Ok(match f {
                    Func::Exp => x.exp(),
                    Func::Ln => x.ln(),
                    Func::Sqrt => x.sqrt(),
                })
            }
            Tok::Open(c) => {
                let value = self.expr()?;
                match self.peek() {
                    Some(Tok::Close(d)) if d == matching(c) => {
                        self.at += 1;
                        Ok(value)
                    }
                    _ => fail("Something after a value inside brackets is out of place."),
                }
            }
            Tok::Close(_) => fail("A closing bracket comes where a number should be."),
            Tok::Sep => fail("A separator comes where a number should be."),
            Tok::Percent => fail("A % sign needs a number before it."),
            Tok::Plus | Tok::Minus | Tok::Star | Tok::Slash | Tok::Caret => {
                fail("Two operators in a row: a number is missing between them.")
            }
        }
    }
}

/// `base^exponent` without the platform's `pow` (which would add to the
/// download): `e^y` is `exp(y)`, whole exponents multiply, other exponents
/// of a positive base go through `exp(y ln x)`; anything else is NaN.
fn power(base: f64, exponent: f64) -> f64 {
    if base == std::f64::consts::E {
        exponent.exp()
    } else if exponent.fract() == 0.0 && exponent.abs() <= 4096.0 {
        base.powi(exponent as i32)
    } else if base > 0.0 {
        (exponent * base.ln()).exp()
    } else if base == 0.0 && exponent > 0.0 {
        0.0
    } else {
        f64::NAN
    }
}

fn entry(tokens: &[Token]) -> Result<f64, Error> {
    let mut parser = Parser {
        tokens,
        at: 0,
        depth: 0,
    };
    let value = parser.expr()?;
    if parser.at < tokens.len() {
        return fail(
            "Put an operator between two values (as in 2*e), or separate entries with commas.",
        );
    }
    if value.is_nan() {
        return fail("An entry has no value (such as 0/0 or ln of a negative number).");
    }
    let asked_for_infinity = tokens.iter().any(|t| t.tok == Tok::Inf);
    if value.is_infinite() && !asked_for_infinity {
        return fail(
            "An entry is infinite (a division by zero or a huge power); write inf if you mean it.",
        );
    }
    Ok(value)
}

/// Whether `text` reads as the name of a quantity: it starts with a letter
/// and holds only letters, digits, subscripts, brackets, `_` and `/`.
fn is_name(text: &str) -> bool {
    let text = text.trim();
    text.starts_with(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "()_ /".contains(c))
}

/// Parse an answer: one number or a vector of numbers, each a small
/// expression (see the module docs for every accepted spelling).
///
/// Returns [`Answer::Number`] for a single unbracketed (or round-bracketed)
/// value and [`Answer::Vector`] otherwise. Special values: NaN is never
/// returned; `±inf` only when the text says `inf` or `∞`. Never panics.
pub fn parse_answer(text: &str) -> Result<Answer, Error> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return fail("Type an answer first.");
    }
    if trimmed.chars().count() > MAX_ANSWER_LENGTH {
        return fail(format!(
            "That answer is longer than {MAX_ANSWER_LENGTH} characters."
        ));
    }
    // A leading name, as in `T = 1` or `p ≈ (0.5, 0.5)`, is ignored.
    let trimmed = match trimmed.rfind(['=', '≈']) {
        Some(at) if is_name(&trimmed[..at]) => trimmed[at..].trim_start_matches(['=', '≈']).trim(),
        _ => trimmed,
    };
    if trimmed.is_empty() {
        return fail("Type a value after the = sign.");
    }
    let tokens = lex(trimmed)?;
    check_brackets(&tokens)?;
    let (inner, bracket) = match tokens.first().map(|t| t.tok) {
        Some(Tok::Open(c)) if closing_index(&tokens, 0)? + 1 == tokens.len() => {
            (&tokens[1..tokens.len() - 1], Some(c))
        }
        _ => (&tokens[..], None),
    };
    if inner.is_empty() {
        return fail("The brackets are empty: write the numbers inside them.");
    }
    let entries = split_entries(inner)?;
    let values = entries
        .into_iter()
        .map(entry)
        .collect::<Result<Vec<f64>, Error>>()?;
    match (values.as_slice(), bracket) {
        ([v], None | Some('(')) => Ok(Answer::Number(*v)),
        _ => Ok(Answer::Vector(values)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = format!("{}1{}", "(".repeat(300), ")".repeat(300));
        assert!(parse_answer(&deep).is_err());
        let minus = "-".repeat(390) + "1";
        assert!(parse_answer(&minus).is_err());
    }
}
