//! Worked examples, step by step: divide by the temperature, subtract the
//! maximum, exponentiate each entry, add them up, divide each by the sum.
//!
//! Every intermediate number is computed here (the exponentials with `f64`
//! `exp`, the probabilities by [`crate::softmax_with_temperature`]) and
//! written as text, so the page shows the core's numbers, never typed ones.
//! Each [`Step`] names the table cells it produces and the bar to highlight,
//! so the page can point at the number being read.

use crate::explorer::{MAX_LOGIT, TEMPERATURE_RANGE};
use crate::format::fixed;
use crate::format::worked::{decimals, input, tuple};
use crate::input::{parse_number, parse_temperature};
use crate::{softmax_with_temperature, Error};

/// A piece of a line of text: plain, subscript or superscript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Plain text.
    Text(String),
    /// A subscript (an index).
    Sub(String),
    /// A superscript (an exponent).
    Sup(String),
}

fn text(s: impl Into<String>) -> Piece {
    Piece::Text(s.into())
}
fn sub(s: impl Into<String>) -> Piece {
    Piece::Sub(s.into())
}
fn sup(s: impl Into<String>) -> Piece {
    Piece::Sup(s.into())
}

/// Which list of numbers a step is about (and so which bars are drawn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// The logits `x`.
    Logits,
    /// The scaled logits `x / T`.
    Scaled,
    /// The shifted logits `z = x / T - m`.
    Shifted,
    /// The exponentials.
    Exponentials,
    /// The probabilities.
    Probabilities,
}

impl Quantity {
    /// The key of this quantity's column in the table.
    pub fn key(self) -> &'static str {
        match self {
            Quantity::Logits => "x",
            Quantity::Scaled => "s",
            Quantity::Shifted => "z",
            Quantity::Exponentials => "e",
            Quantity::Probabilities => "p",
        }
    }
}

/// One step of a worked example.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// What the step says, with its numbers.
    pub pieces: Vec<Piece>,
    /// The table cells this step produces (`"e-1"`, `"e-sum"`, ...).
    pub cells: Vec<String>,
    /// The list of numbers the step's chart shows.
    pub chart: Quantity,
    /// The entry (0-based) the step is about, if it is about one.
    pub focus: Option<usize>,
}

/// One column of the example's table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// What the column holds.
    pub quantity: Quantity,
    /// Its heading.
    pub heading: Vec<Piece>,
    /// One cell per class.
    pub cells: Vec<String>,
    /// The column's total, where the lesson adds it up.
    pub total: Option<String>,
}

/// How an example is computed and written.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    /// The logits.
    pub logits: Vec<f64>,
    /// The temperature (finite and positive).
    pub temperature: f64,
    /// Subtract the maximum before exponentiating.
    pub shift: bool,
    /// Decimals of the exponentials, the sum and the probabilities.
    pub digits: usize,
}

/// A worked example: the table of every intermediate number and the steps
/// that fill it.
#[derive(Debug, Clone, PartialEq)]
pub struct Worked {
    /// How it was set up.
    pub setup: Setup,
    /// The table, column by column.
    pub columns: Vec<Column>,
    /// The steps, in reading order.
    pub steps: Vec<Step>,
    /// `x / T`.
    pub scaled: Vec<f64>,
    /// `x / T - m` (or `x / T` when not shifted).
    pub exponents: Vec<f64>,
    /// `e^{exponent}` per entry.
    pub exponentials: Vec<f64>,
    /// Their sum.
    pub sum: f64,
    /// `softmax(x / T)` from the core.
    pub probabilities: Vec<f64>,
}

/// The largest `x` whose `exp(x)` is finite in `f64` (about 709.78).
pub const EXP_OVERFLOW: f64 = 709.782_712_893_384;

/// The source page's worked examples, by name.
pub const PRESETS: [&str; 5] = [
    "basic",
    "overflow",
    "temperature-2",
    "temperature-1",
    "temperature-0.5",
];

/// Most logits the "try your own numbers" box takes.
pub const MAX_OWN_LOGITS: usize = 8;

impl Worked {
    /// One of the source's worked examples ([`PRESETS`]).
    pub fn preset(name: &str) -> Option<Worked> {
        let (logits, temperature, shift, digits) = match name {
            "basic" => (vec![2.0, 1.0, 0.0], 1.0, false, 3),
            "overflow" => (vec![1000.0, 1001.0, 999.0], 1.0, true, 4),
            "temperature-2" => (vec![2.0, 1.0, 0.0], 2.0, false, 3),
            "temperature-1" => (vec![2.0, 1.0, 0.0], 1.0, false, 3),
            "temperature-0.5" => (vec![2.0, 1.0, 0.0], 0.5, false, 3),
            _ => return None,
        };
        Some(Worked::compute(Setup {
            logits,
            temperature,
            shift,
            digits,
        }))
    }

    /// The reader's own numbers: logits typed as `2, 1, 0` (brackets,
    /// commas or spaces) and a temperature; always computed with the max
    /// trick, and with the naive route's failure shown when it fails.
    pub fn own(logits_text: &str, temperature_text: &str) -> Result<Worked, Error> {
        let logits = parse_logits(logits_text)?;
        let temperature = parse_temperature(temperature_text)
            .map_err(|e| Error::Invalid(format!("Temperature: {e}")))?;
        let (low, high) = TEMPERATURE_RANGE;
        if !(low..=high).contains(&temperature) {
            return Err(Error::Invalid(format!(
                "Temperature: use a value between {low} and {high} here; the playground at the top shows the limits 0 and inf."
            )));
        }
        Ok(Worked::compute(Setup {
            logits,
            temperature,
            shift: true,
            digits: 4,
        }))
    }

    /// Compute every number of `setup` and write the steps.
    pub fn compute(setup: Setup) -> Worked {
        let t = setup.temperature;
        let scaled: Vec<f64> = setup.logits.iter().map(|x| x / t).collect();
        let m = scaled.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exponents: Vec<f64> = if setup.shift {
            scaled.iter().map(|s| s - m).collect()
        } else {
            scaled.clone()
        };
        let exponentials: Vec<f64> = exponents.iter().map(|u| u.exp()).collect();
        let sum: f64 = exponentials.iter().sum();
        let probabilities = softmax_with_temperature(&setup.logits, t)
            .unwrap_or_else(|_| vec![f64::NAN; setup.logits.len()]);
        let mut worked = Worked {
            setup,
            columns: Vec::new(),
            steps: Vec::new(),
            scaled,
            exponents,
            exponentials,
            sum,
            probabilities,
        };
        worked.columns = worked.table();
        worked.steps = worked.write_steps(m);
        worked
    }

    /// The values behind `quantity`, one per class.
    pub fn values(&self, quantity: Quantity) -> &[f64] {
        match quantity {
            Quantity::Logits => &self.setup.logits,
            Quantity::Scaled => &self.scaled,
            Quantity::Shifted => &self.exponents,
            Quantity::Exponentials => &self.exponentials,
            Quantity::Probabilities => &self.probabilities,
        }
    }

    fn n(&self) -> usize {
        self.setup.logits.len()
    }

    fn scaled_by_t(&self) -> bool {
        self.setup.temperature != 1.0
    }

    fn num(&self, v: f64) -> String {
        decimals(v, self.setup.digits)
    }

    /// The name of the exponent, written to sit in a superscript (its
    /// index in Unicode subscript letters): `zᵢ`, `xᵢ/T` or `x₁`.
    fn exponent_name(&self, index: &str) -> String {
        let index = subscript(index);
        if self.setup.shift {
            format!("z{index}")
        } else if self.scaled_by_t() {
            format!("x{index}/T")
        } else {
            format!("x{index}")
        }
    }

    fn table(&self) -> Vec<Column> {
        let mut columns = vec![Column {
            quantity: Quantity::Logits,
            heading: vec![text("x"), sub("i")],
            cells: self.setup.logits.iter().map(|&v| input(v)).collect(),
            total: None,
        }];
        if self.scaled_by_t() {
            columns.push(Column {
                quantity: Quantity::Scaled,
                heading: vec![text("x"), sub("i"), text("/T")],
                cells: self.scaled.iter().map(|&v| input(v)).collect(),
                total: None,
            });
        }
        if self.setup.shift {
            let mut heading = vec![text("z"), sub("i"), text(" = x"), sub("i")];
            if self.scaled_by_t() {
                heading.push(text("/T"));
            }
            heading.push(text(" − m"));
            columns.push(Column {
                quantity: Quantity::Shifted,
                heading,
                cells: self.exponents.iter().map(|&v| input(v)).collect(),
                total: None,
            });
        }
        let mut exp_heading = vec![text("e")];
        exp_heading.push(sup(self.exponent_name("i")));
        columns.push(Column {
            quantity: Quantity::Exponentials,
            heading: exp_heading,
            cells: self.exponentials.iter().map(|&v| self.num(v)).collect(),
            total: Some(self.num(self.sum)),
        });
        columns.push(Column {
            quantity: Quantity::Probabilities,
            heading: vec![text("p"), sub("i")],
            cells: self.probabilities.iter().map(|&v| self.num(v)).collect(),
            total: Some(fixed(self.probabilities.iter().sum(), self.setup.digits)),
        });
        columns
    }

    fn all_cells(&self, key: &str) -> Vec<String> {
        (1..=self.n()).map(|i| format!("{key}-{i}")).collect()
    }

    fn write_steps(&self, m: f64) -> Vec<Step> {
        let mut steps = Vec::new();
        let x = &self.setup.logits;
        let t = self.setup.temperature;
        steps.push(Step {
            pieces: vec![text(format!(
                "Start from the logits x = {}.",
                tuple(x, input)
            ))],
            cells: self.all_cells("x"),
            chart: Quantity::Logits,
            focus: None,
        });
        if self.scaled_by_t() {
            steps.push(Step {
                pieces: vec![text(format!(
                    "Divide every logit by the temperature T = {}: x/T = {}.",
                    input(t),
                    tuple(&self.scaled, input)
                ))],
                cells: self.all_cells("s"),
                chart: Quantity::Scaled,
                focus: None,
            });
        }
        if self.setup.shift {
            let top = argmax(&self.scaled);
            let naive = (m).exp();
            let under = self.scaled.iter().all(|s| s.exp() == 0.0);
            let verdict = if naive.is_infinite() {
                format!(
                    " = {} in double precision (anything above about {} overflows), so the naive quotient would be ∞/∞, which is undefined (NaN).",
                    decimals(naive, 0),
                    input(EXP_OVERFLOW)
                )
            } else if under {
                " = 0 in double precision (every exponential underflows), so the naive quotient would be 0/0, which is undefined (NaN).".to_owned()
            } else {
                format!(
                    " ≈ {}: no overflow here, but the max trick costs nothing and is always safe.",
                    decimals(naive, self.setup.digits)
                )
            };
            let mut pieces = vec![text("Naively we would need e")];
            pieces.push(sup(input(self.scaled[top])));
            pieces.push(text(verdict));
            steps.push(Step {
                pieces,
                cells: vec![format!(
                    "{}-{}",
                    if self.scaled_by_t() { "s" } else { "x" },
                    top + 1
                )],
                chart: if self.scaled_by_t() {
                    Quantity::Scaled
                } else {
                    Quantity::Logits
                },
                focus: Some(top),
            });
            steps.push(Step {
                pieces: vec![text(format!(
                    "Subtract the largest, m = {}: z = {}. The largest exponent is now 0, so nothing can overflow.",
                    input(m),
                    tuple(&self.exponents, input)
                ))],
                cells: self.all_cells("z"),
                chart: Quantity::Shifted,
                focus: None,
            });
        }
        for (i, (&u, &e)) in self.exponents.iter().zip(&self.exponentials).enumerate() {
            let index = (i + 1).to_string();
            let mut pieces = vec![text("Exponentiate entry "), text(format!("{index}: e"))];
            pieces.push(sup(self.exponent_name(&index)));
            pieces.push(text(" = e"));
            pieces.push(sup(input(u)));
            let exact = u == 0.0;
            pieces.push(text(format!(
                " {} {}",
                if exact { "=" } else { "≈" },
                self.num(e)
            )));
            steps.push(Step {
                pieces,
                cells: vec![format!("e-{index}")],
                chart: Quantity::Exponentials,
                focus: Some(i),
            });
        }
        let terms: Vec<String> = self.exponentials.iter().map(|&e| self.num(e)).collect();
        steps.push(Step {
            pieces: vec![text(format!(
                "Add them up: S = {} ≈ {}.",
                terms.join(" + "),
                self.num(self.sum)
            ))],
            cells: vec!["e-sum".to_owned()],
            chart: Quantity::Exponentials,
            focus: None,
        });
        for (i, (&e, &p)) in self
            .exponentials
            .iter()
            .zip(&self.probabilities)
            .enumerate()
        {
            let index = (i + 1).to_string();
            steps.push(Step {
                pieces: vec![
                    text("Normalise entry "),
                    text(format!("{index}: p")),
                    sub(index.clone()),
                    text(format!(
                        " = {} / {} ≈ {}",
                        self.num(e),
                        self.num(self.sum),
                        self.num(p)
                    )),
                ],
                cells: vec![format!("p-{index}")],
                chart: Quantity::Probabilities,
                focus: Some(i),
            });
        }
        let shown: Vec<String> = self.probabilities.iter().map(|&p| self.num(p)).collect();
        steps.push(Step {
            pieces: vec![text(format!(
                "Check: {} = {} (up to rounding). Every entry is positive and they sum to 1: a point of the probability simplex.",
                shown.join(" + "),
                fixed(self.probabilities.iter().sum::<f64>(), self.setup.digits)
            ))],
            cells: vec!["p-sum".to_owned()],
            chart: Quantity::Probabilities,
            focus: None,
        });
        steps
    }
}

/// The pieces as one line of plain text that keeps exponents apart:
/// `e^x₂ = e^1 ≈ 2.718`, `e^(x₁/T)`; for live regions that are read aloud.
pub fn spoken_text(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(s) | Piece::Sub(s) => s.clone(),
            Piece::Sup(s) if s.chars().count() > 2 && !s.starts_with('−') => format!("^({s})"),
            Piece::Sup(s) => format!("^{s}"),
        })
        .collect()
}

/// The plain text of some pieces, as the page's text content reads them.
pub fn pieces_text(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(s) | Piece::Sub(s) | Piece::Sup(s) => s.as_str(),
        })
        .collect()
}

/// Digits and `i` as Unicode subscripts, for an index inside an exponent.
fn subscript(index: &str) -> String {
    index
        .chars()
        .map(|c| match c {
            'i' => 'ᵢ',
            d => d
                .to_digit(10)
                .and_then(|k| char::from_u32(0x2080 + k))
                .unwrap_or(d),
        })
        .collect()
}

fn argmax(values: &[f64]) -> usize {
    values
        .iter()
        .enumerate()
        .fold(0, |best, (i, &v)| if v > values[best] { i } else { best })
}

/// Read a list of logits: numbers separated by commas or spaces, with or
/// without brackets or parentheses around them.
pub fn parse_logits(text: &str) -> Result<Vec<f64>, Error> {
    let inner = text
        .trim()
        .trim_start_matches(['(', '[', '{'])
        .trim_end_matches([')', ']', '}']);
    let parts: Vec<&str> = inner
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect();
    if parts.len() < 2 || parts.len() > MAX_OWN_LOGITS {
        return Err(Error::Invalid(format!(
            "Type between 2 and {MAX_OWN_LOGITS} logits separated by commas, as in 2, 1, 0."
        )));
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let v =
                parse_number(part).map_err(|e| Error::Invalid(format!("Logit {}: {e}", i + 1)))?;
            if v.abs() > MAX_LOGIT {
                return Err(Error::Invalid(format!(
                    "Logit {}: keep logits between -{MAX_LOGIT:e} and {MAX_LOGIT:e}.",
                    i + 1
                )));
            }
            Ok(v)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(w: &Worked, q: Quantity) -> &Column {
        w.columns.iter().find(|c| c.quantity == q).unwrap()
    }

    fn step_text(step: &Step) -> String {
        pieces_text(&step.pieces)
    }

    #[test]
    fn the_first_example_shows_the_source_numbers() {
        let w = Worked::preset("basic").unwrap();
        assert_eq!(
            column(&w, Quantity::Exponentials).cells,
            ["7.389", "2.718", "1"]
        );
        assert_eq!(
            column(&w, Quantity::Exponentials).total.as_deref(),
            Some("11.107")
        );
        assert_eq!(
            column(&w, Quantity::Probabilities).cells,
            ["0.665", "0.245", "0.090"]
        );
        let texts: Vec<String> = w.steps.iter().map(step_text).collect();
        assert!(texts
            .iter()
            .any(|t| t.contains("p1 = 7.389 / 11.107 ≈ 0.665")));
        assert!(texts
            .iter()
            .any(|t| t.contains("S = 7.389 + 2.718 + 1 ≈ 11.107")));
        assert!(texts.last().unwrap().contains("= 1.000"));
        assert_eq!(
            column(&w, Quantity::Probabilities).total.as_deref(),
            Some("1.000")
        );
    }

    #[test]
    fn the_overflow_example_shows_the_naive_failure_and_the_shifted_numbers() {
        let w = Worked::preset("overflow").unwrap();
        assert_eq!(column(&w, Quantity::Shifted).cells, ["−1", "0", "−2"]);
        assert_eq!(
            column(&w, Quantity::Exponentials).cells,
            ["0.3679", "1", "0.1353"]
        );
        assert_eq!(
            column(&w, Quantity::Exponentials).total.as_deref(),
            Some("1.5032")
        );
        assert_eq!(
            column(&w, Quantity::Probabilities).cells,
            ["0.2447", "0.6652", "0.0900"]
        );
        let naive = step_text(&w.steps[1]);
        assert!(naive.contains("e1001 = ∞"), "{naive}");
        assert!(naive.contains("NaN"));
        assert!(spoken_text(&w.steps[1].pieces).contains("e^(1001) = ∞"));
        assert!(spoken_text(&w.steps[3].pieces).contains("e^z₁ = e^−1 ≈ 0.3679"));
        assert_eq!(w.steps[1].focus, Some(1));
    }

    #[test]
    fn the_temperature_examples_show_the_source_numbers() {
        let hot = Worked::preset("temperature-2").unwrap();
        assert_eq!(column(&hot, Quantity::Scaled).cells, ["1", "0.5", "0"]);
        assert_eq!(
            column(&hot, Quantity::Exponentials).cells,
            ["2.718", "1.649", "1"]
        );
        assert_eq!(
            column(&hot, Quantity::Exponentials).total.as_deref(),
            Some("5.367")
        );
        assert_eq!(
            column(&hot, Quantity::Probabilities).cells,
            ["0.506", "0.307", "0.186"]
        );
        let cold = Worked::preset("temperature-0.5").unwrap();
        assert_eq!(
            column(&cold, Quantity::Exponentials).cells,
            ["54.598", "7.389", "1"]
        );
        assert_eq!(
            column(&cold, Quantity::Exponentials).total.as_deref(),
            Some("62.987")
        );
        assert_eq!(
            column(&cold, Quantity::Probabilities).cells,
            ["0.867", "0.117", "0.016"]
        );
    }

    #[test]
    fn every_step_points_at_cells_that_exist() {
        for name in PRESETS {
            let w = Worked::preset(name).unwrap();
            let mut keys = vec!["e-sum".to_owned(), "p-sum".to_owned()];
            for c in &w.columns {
                for i in 1..=c.cells.len() {
                    keys.push(format!("{}-{i}", c.quantity.key()));
                }
            }
            for step in &w.steps {
                assert!(!step.cells.is_empty());
                for cell in &step.cells {
                    assert!(keys.contains(cell), "{name}: no cell {cell}");
                }
            }
        }
    }

    #[test]
    fn your_own_numbers_are_read_flexibly_and_refused_with_a_reason() {
        for text in ["2, 1, 0", "[2 1 0]", "(2,1,0)", " 2 ;1; 0 "] {
            assert_eq!(parse_logits(text).unwrap(), vec![2.0, 1.0, 0.0], "{text}");
        }
        for text in ["", "1", "a, b", "1, 2e999", "1,2,3,4,5,6,7,8,9", "1, 2e7"] {
            assert!(parse_logits(text).is_err(), "{text}");
        }
        for t in ["0", "-1", "", "abc", "1e9"] {
            let message = Worked::own("1, 2", t).unwrap_err().to_string();
            assert!(message.starts_with("Temperature: "), "{t}: {message}");
        }
        let message = Worked::own("1, x", "1").unwrap_err().to_string();
        assert!(message.starts_with("Logit 2: "), "{message}");
        let w = Worked::own("1000, 1001, 999", "1").unwrap();
        assert_eq!(
            column(&w, Quantity::Probabilities).cells,
            ["0.2447", "0.6652", "0.0900"]
        );
    }

    #[test]
    fn the_steps_agree_with_the_core() {
        let w = Worked::own("3, 1, -1, 0.5", "0.7").unwrap();
        for (e, p) in w.exponentials.iter().zip(&w.probabilities) {
            assert!((e / w.sum - p).abs() < 1e-15);
        }
    }
}
