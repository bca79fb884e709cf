//! The stability lab: the same logits pushed through three softmax routes in
//! a chosen format (f64, f32, f16, bf16), with every intermediate kept and
//! the first infinity, NaN, zero-by-underflow and loss of digits marked.
//!
//! * naive: `e_i = exp(x_i)`, `S = sum e_i`, `p_i = e_i / S`, `log p_i`;
//! * max-shifted: `m = max x`, `z_i = x_i - m`, `e_i = exp(z_i)`, `S`,
//!   `p_i = e_i / S`, `log p_i = ln p_i` and `log_softmax_i = z_i - ln S`;
//! * exact core: the crate's [`crate::softmax`] and [`crate::log_softmax`]
//!   of the stored logits, correctly rounded to the format (in f32 through
//!   the core's own f32 entry points).
//!
//! Each route ends in the cross-entropy loss `-log p_t` of a chosen target
//! class `t`, computed both through `ln(softmax)` and through `log_softmax`.

use super::formats::Format;
use super::seeded;
use crate::input::parse_number;
use crate::math::{log_softmax_f32, softmax_f32};
use crate::{log_softmax, softmax, Error};

/// Most logits the lab takes.
pub const MAX_LOGITS: usize = 64;

/// What went wrong (or was lost) in one computed value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The typed logit could not be stored exactly: digits were lost.
    Rounded,
    /// Finite operands gave an infinite result.
    Overflow,
    /// Infinite because an operand already was.
    Infinite,
    /// `ln 0 = -inf`.
    LogOfZero,
    /// Not a number (e.g. `inf / inf`, `inf - inf`).
    Nan,
    /// A positive quantity came out as exactly 0.
    Underflow,
    /// Below the smallest normal number: stored with fewer digits.
    Subnormal,
    /// Some positive terms of the sum vanished into it without changing it.
    Absorbed,
}

/// The four things the lab looks out for; the first cell of each kind in a
/// route is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `+inf` or `-inf`.
    Infinity,
    /// NaN.
    Nan,
    /// Zero by underflow.
    Zero,
    /// Lost digits (rounding of the input, subnormals, absorbed terms).
    Digits,
}

impl Mark {
    /// Which of the four kinds this mark is.
    pub fn kind(self) -> Kind {
        match self {
            Mark::Overflow | Mark::Infinite | Mark::LogOfZero => Kind::Infinity,
            Mark::Nan => Kind::Nan,
            Mark::Underflow => Kind::Zero,
            Mark::Rounded | Mark::Subnormal | Mark::Absorbed => Kind::Digits,
        }
    }

    /// A stable identifier for styling and tests.
    pub fn id(self) -> &'static str {
        match self {
            Mark::Rounded => "rounded",
            Mark::Overflow => "overflow",
            Mark::Infinite => "inf",
            Mark::LogOfZero => "log0",
            Mark::Nan => "nan",
            Mark::Underflow => "underflow",
            Mark::Subnormal => "subnormal",
            Mark::Absorbed => "absorbed",
        }
    }

    /// The words shown beside the value.
    pub fn words(self) -> &'static str {
        match self {
            Mark::Rounded => "digits lost",
            Mark::Overflow => "overflow",
            Mark::Infinite => "infinite",
            Mark::LogOfZero => "log of 0",
            Mark::Nan => "NaN",
            Mark::Underflow => "underflow to 0",
            Mark::Subnormal => "subnormal",
            Mark::Absorbed => "terms absorbed",
        }
    }
}

/// One computed value and what happened to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// The value, exactly as the format holds it.
    pub value: f64,
    /// What went wrong, if anything.
    pub mark: Option<Mark>,
    /// Whether this is the first cell of its kind in the route.
    pub first: bool,
}

/// One step of a route: a value per logit, or a single value.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// Short symbol, e.g. `e = exp(x)`.
    pub name: String,
    /// One cell per logit, or one cell for a scalar such as the sum.
    pub cells: Vec<Cell>,
    /// Whether this stage is a single number rather than one per logit.
    pub scalar: bool,
}

/// One way of computing softmax, step by step.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// `naive`, `shifted` or `exact`.
    pub id: &'static str,
    /// Heading shown above the route.
    pub title: &'static str,
    /// The steps, in the order they are computed.
    pub stages: Vec<Stage>,
    /// A sentence naming where each kind of trouble first appears.
    pub summary: String,
}

impl Route {
    /// The stage called `name`, if any.
    pub fn stage(&self, name: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.name == name)
    }
}

/// A classic input for the lab.
#[derive(Debug, Clone, PartialEq)]
pub struct Preset {
    /// What the menu says.
    pub label: String,
    /// The logits.
    pub logits: Vec<f64>,
    /// The format the preset is meant for.
    pub format: Format,
    /// The target class (0-based) of the loss.
    pub target: usize,
}

/// The lab's presets: the overflow of worked example 2, the f32 and f16
/// overflow thresholds, and a long vector with one huge entry.
pub fn presets() -> Vec<Preset> {
    let mut long: Vec<f64> = (0..50u64)
        .map(|i| {
            // Two decimals, so the logits read well in the text field.
            let v = 2.0 * seeded::standard(seeded::key(50, &[i]));
            (v * 100.0).round() / 100.0
        })
        .collect();
    long[6] = 1000.0;
    vec![
        Preset {
            label: "(1000, 1001, 999) in f64".to_owned(),
            logits: vec![1000.0, 1001.0, 999.0],
            format: Format::F64,
            target: 0,
        },
        Preset {
            label: "(88, 89, 90) in f32, past exp's limit".to_owned(),
            logits: vec![88.0, 89.0, 90.0],
            format: Format::F32,
            target: 0,
        },
        Preset {
            label: "(11, 12) in f16, exp(12) too big".to_owned(),
            logits: vec![11.0, 12.0],
            format: Format::F16,
            target: 0,
        },
        Preset {
            label: format!("{} logits in f32, one of them 1000", long.len()),
            logits: long,
            format: Format::F32,
            target: 0,
        },
    ]
}

/// Read logits typed as numbers separated by commas and/or spaces.
pub fn parse_logits(text: &str) -> Result<Vec<f64>, Error> {
    let parts: Vec<&str> = text
        .split(|c: char| c == ',' || c.is_whitespace() || c == ';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return Err(Error::Invalid(
            "Type at least one logit, e.g. 1000, 1001, 999.".to_owned(),
        ));
    }
    if parts.len() > MAX_LOGITS {
        return Err(Error::Invalid(format!(
            "The lab takes at most {MAX_LOGITS} logits; got {}.",
            parts.len()
        )));
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let text = p.trim_start_matches('(').trim_end_matches(')');
            parse_number(text).map_err(|e| Error::Invalid(format!("Logit {}: {e}", i + 1)))
        })
        .collect()
}

/// Marks a result: NaN, overflow or propagated infinity, zero by
/// underflow, or subnormal. `inputs_finite` says whether every operand was
/// finite; `positive` whether the exact result is a positive number.
fn judge(format: Format, value: f64, inputs_finite: bool, positive: bool) -> Option<Mark> {
    if value.is_nan() {
        Some(Mark::Nan)
    } else if value.is_infinite() {
        Some(if inputs_finite {
            Mark::Overflow
        } else {
            Mark::Infinite
        })
    } else if value == 0.0 && positive {
        Some(Mark::Underflow)
    } else if value != 0.0 && value.abs() < format.min_normal() {
        Some(Mark::Subnormal)
    } else {
        None
    }
}

fn cell(value: f64, mark: Option<Mark>) -> Cell {
    Cell {
        value,
        mark,
        first: false,
    }
}

/// `ln` of each value, marking `ln 0`.
fn logs(format: Format, values: &[f64]) -> Vec<Cell> {
    values
        .iter()
        .map(|&p| {
            let v = format.ln(p);
            let mark = if p == 0.0 {
                Some(Mark::LogOfZero)
            } else {
                judge(format, v, p.is_finite(), false)
            };
            cell(v, mark)
        })
        .collect()
}

/// The sum of `terms` added one after the other in the format.
fn sum(format: Format, terms: &[f64]) -> Cell {
    let mut s = 0.0;
    let mut absorbed = false;
    for &e in terms {
        let next = format.add(s, e);
        if next == s && e > 0.0 && e.is_finite() && s.is_finite() {
            absorbed = true;
        }
        s = next;
    }
    let finite = terms.iter().all(|e| e.is_finite());
    let positive = terms.iter().any(|&e| e > 0.0);
    let mark = judge(format, s, finite, positive).or(absorbed.then_some(Mark::Absorbed));
    cell(s, mark)
}

fn values(cells: &[Cell]) -> Vec<f64> {
    cells.iter().map(|c| c.value).collect()
}

fn per_entry(name: &str, cells: Vec<Cell>) -> Stage {
    Stage {
        name: name.to_owned(),
        cells,
        scalar: false,
    }
}

fn scalar(name: &str, c: Cell) -> Stage {
    Stage {
        name: name.to_owned(),
        cells: vec![c],
        scalar: true,
    }
}

/// The loss `-v` of the target's log-probability `v`.
fn loss(format: Format, log_p: Cell) -> Cell {
    let v = format.round(-log_p.value);
    let mark = match log_p.mark {
        Some(Mark::LogOfZero) | Some(Mark::Infinite) | Some(Mark::Overflow) if v.is_infinite() => {
            Some(Mark::Infinite)
        }
        _ => judge(format, v, log_p.value.is_finite(), false),
    };
    cell(v, mark)
}

/// Flag the first cell of each kind, in the order the stages are computed,
/// and write the sentence that names them.
fn finish(id: &'static str, title: &'static str, mut stages: Vec<Stage>) -> Route {
    let mut seen: Vec<Kind> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for stage in &mut stages {
        let scalar = stage.scalar;
        for (i, c) in stage.cells.iter_mut().enumerate() {
            if let Some(mark) = c.mark {
                if !seen.contains(&mark.kind()) {
                    seen.push(mark.kind());
                    c.first = true;
                    let place = if scalar {
                        stage.name.clone()
                    } else {
                        format!("{} for logit {}", stage.name, i + 1)
                    };
                    notes.push(format!("{} first at {place}", kind_words(mark.kind())));
                }
            }
        }
    }
    let summary = if notes.is_empty() {
        "Every step stays finite, with no underflow and no lost digits.".to_owned()
    } else {
        // Each note starts with a capital letter already.
        format!("{}.", notes.join(". "))
    };
    Route {
        id,
        title,
        stages,
        summary,
    }
}

fn kind_words(kind: Kind) -> &'static str {
    match kind {
        Kind::Infinity => "An infinity appears",
        Kind::Nan => "NaN appears",
        Kind::Zero => "A positive number underflows to 0",
        Kind::Digits => "Digits are lost",
    }
}

/// The logits as the format stores them, marked where the range ran out or
/// where rounding changed the digits shown.
fn stored(format: Format, logits: &[f64]) -> Vec<Cell> {
    logits
        .iter()
        .map(|&x| {
            let v = format.round(x);
            let mark = if v.is_infinite() {
                Some(Mark::Overflow)
            } else if format.show(v) != format.show(x) {
                // Every format rounds most decimals a little; only a change
                // that shows in the digits on screen counts as lost digits.
                Some(Mark::Rounded)
            } else {
                None
            };
            cell(v, mark)
        })
        .collect()
}

/// `exp` of each value, each marked where it overflows or underflows.
fn exponentials(format: Format, xs: &[f64]) -> Vec<Cell> {
    xs.iter()
        .map(|&x| {
            let v = format.exp(x);
            cell(v, judge(format, v, x.is_finite(), x > f64::NEG_INFINITY))
        })
        .collect()
}

/// Each of `es` divided by their sum `s`, marked where that goes wrong.
fn normalised(format: Format, es: &[f64], s: f64) -> Vec<Cell> {
    es.iter()
        .map(|&e| {
            let v = format.div(e, s);
            cell(v, judge(format, v, e.is_finite() && s.is_finite(), e > 0.0))
        })
        .collect()
}

/// The naive route: `exp`, sum, divide, log, with no shift.
pub fn naive(format: Format, logits: &[f64], target: usize) -> Route {
    let x = stored(format, logits);
    let xs = values(&x);
    let e = exponentials(format, &xs);
    let es = values(&e);
    let s = sum(format, &es);
    let p = normalised(format, &es, s.value);
    let log_p = logs(format, &values(&p));
    let l = loss(
        format,
        log_p.get(target).copied().unwrap_or(cell(0.0, None)),
    );
    finish(
        "naive",
        "Naive: exp, then divide by the sum",
        vec![
            per_entry("x", x),
            per_entry("e = exp(x)", e),
            scalar("S = sum of e", s),
            per_entry("p = e / S", p),
            per_entry("ln p", log_p),
            scalar("loss = −ln p[t]", l),
        ],
    )
}

/// The max-shifted route: `z = x - max x`, then as naive, plus
/// `log_softmax = z - ln S`.
pub fn shifted(format: Format, logits: &[f64], target: usize) -> Route {
    let x = stored(format, logits);
    let xs = values(&x);
    let m = xs.iter().copied().fold(f64::NEG_INFINITY, |a, b| {
        if a.is_nan() || b.is_nan() {
            f64::NAN
        } else {
            a.max(b)
        }
    });
    let z: Vec<Cell> = xs
        .iter()
        .map(|&x| {
            let v = format.sub(x, m);
            cell(v, judge(format, v, x.is_finite() && m.is_finite(), false))
        })
        .collect();
    let zs = values(&z);
    let e = exponentials(format, &zs);
    let es = values(&e);
    let s = sum(format, &es);
    let p = normalised(format, &es, s.value);
    let log_p = logs(format, &values(&p));
    let ln_s = {
        let v = format.ln(s.value);
        cell(v, judge(format, v, s.value.is_finite(), false))
    };
    let ls: Vec<Cell> = zs
        .iter()
        .map(|&z| {
            let v = format.sub(z, ln_s.value);
            cell(
                v,
                judge(format, v, z.is_finite() && ln_s.value.is_finite(), false),
            )
        })
        .collect();
    let none = cell(0.0, None);
    let loss_p = loss(format, log_p.get(target).copied().unwrap_or(none));
    let loss_ls = loss(format, ls.get(target).copied().unwrap_or(none));
    finish(
        "shifted",
        "Max-shifted: subtract the largest logit first",
        vec![
            per_entry("x", x),
            scalar("m = max x", cell(m, None)),
            per_entry("z = x − m", z),
            per_entry("e = exp(z)", e),
            scalar("S = sum of e", s),
            per_entry("p = e / S", p),
            per_entry("ln p", log_p),
            scalar("ln S", ln_s),
            per_entry("log_softmax = z − ln S", ls),
            scalar("loss = −ln p[t]", loss_p),
            scalar("loss = −log_softmax[t]", loss_ls),
        ],
    )
}

/// `softmax` and `log_softmax` of the stored logits `xs`, as exact as the
/// core offers in `format`: in f32 the core's single-precision entry points
/// (the exact value rounded once, straight to f32); otherwise the f64 core,
/// which the caller rounds to the format (for f16 and bf16 that is a second
/// rounding, which can differ from a single one only at an exact tie).
fn exact_in(format: Format, xs: &[f64]) -> (Vec<f64>, Vec<f64>) {
    if format == Format::F32 {
        let narrow: Vec<f32> = xs.iter().map(|&x| x as f32).collect();
        let widen = |v: Vec<f32>| v.into_iter().map(f64::from).collect();
        (widen(softmax_f32(&narrow)), widen(log_softmax_f32(&narrow)))
    } else {
        (softmax(xs), log_softmax(xs))
    }
}

/// The exact route: the core's softmax and log_softmax of the stored
/// logits, each correctly rounded to the format (in f32 by the core's
/// single-precision entry points; for f16 and bf16 the f64 result is rounded
/// to the format, a second rounding that can differ from a single one only
/// at an exact tie).
pub fn exact(format: Format, logits: &[f64], target: usize) -> Route {
    let x = stored(format, logits);
    let xs = values(&x);
    let (p_exact, ls_exact) = exact_in(format, &xs);
    let p: Vec<Cell> = p_exact
        .into_iter()
        .map(|q| {
            let v = format.round(q);
            cell(v, judge(format, v, true, q > 0.0))
        })
        .collect();
    let log_p = logs(format, &values(&p));
    let ls: Vec<Cell> = ls_exact
        .into_iter()
        .map(|q| {
            let v = format.round(q);
            cell(v, judge(format, v, q.is_finite(), false))
        })
        .collect();
    let none = cell(0.0, None);
    let loss_p = loss(format, log_p.get(target).copied().unwrap_or(none));
    let loss_ls = loss(format, ls.get(target).copied().unwrap_or(none));
    finish(
        "exact",
        "Exact core, rounded once",
        vec![
            per_entry("x", x),
            per_entry("p = softmax(x)", p),
            per_entry("ln p", log_p),
            per_entry("log_softmax(x)", ls),
            scalar("loss = −ln p[t]", loss_p),
            scalar("loss = −log_softmax[t]", loss_ls),
        ],
    )
}

/// The lab's state: logits, a format and a target class.
#[derive(Debug, Clone, PartialEq)]
pub struct StabilityLab {
    logits: Vec<f64>,
    format: Format,
    target: usize,
}

impl Default for StabilityLab {
    fn default() -> Self {
        let mut lab = StabilityLab {
            logits: Vec::new(),
            format: Format::F64,
            target: 0,
        };
        lab.load_preset(0);
        lab
    }
}

impl StabilityLab {
    /// Load preset `index` (ignored if there is none).
    pub fn load_preset(&mut self, index: usize) {
        if let Some(p) = presets().into_iter().nth(index) {
            self.logits = p.logits;
            self.format = p.format;
            self.target = p.target;
        }
    }

    /// The preset the lab shows now, if it shows one (a change of logits,
    /// format or target makes it the reader's own setting).
    pub fn preset_index(&self) -> Option<usize> {
        presets().iter().position(|p| {
            p.logits == self.logits && p.format == self.format && p.target == self.target
        })
    }

    /// The logits.
    pub fn logits(&self) -> &[f64] {
        &self.logits
    }

    /// The logits as text for the input field.
    pub fn logits_text(&self) -> String {
        self.logits
            .iter()
            .map(|v| format!("{v}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What the logits field was read as, e.g. `Read as 2 logits.`, so a
    /// person sees that commas and spaces separate logits.
    pub fn read_sentence(&self) -> String {
        match self.logits.len() {
            1 => "Read as 1 logit.".to_owned(),
            n => format!("Read as {n} logits."),
        }
    }

    /// The format computed in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The target class (0-based).
    pub fn target(&self) -> usize {
        self.target
    }

    /// Set the logits from typed text; the target moves to class 1 if it
    /// no longer exists. On error nothing changes.
    pub fn set_logits(&mut self, text: &str) -> Result<(), Error> {
        self.logits = parse_logits(text)?;
        if self.target >= self.logits.len() {
            self.target = 0;
        }
        Ok(())
    }

    /// Choose the format by name (`f64`, `f32`, `f16`, `bf16`).
    pub fn set_format(&mut self, name: &str) -> Result<(), Error> {
        self.format = Format::named(name)
            .ok_or_else(|| Error::Invalid(format!("There is no format called {name:?}.")))?;
        Ok(())
    }

    /// Choose the target class (0-based).
    pub fn set_target(&mut self, index: usize) -> Result<(), Error> {
        if index < self.logits.len() {
            self.target = index;
            Ok(())
        } else {
            Err(Error::Invalid(format!("There is no class {}.", index + 1)))
        }
    }

    /// The three routes for the current state.
    pub fn routes(&self) -> [Route; 3] {
        [
            naive(self.format, &self.logits, self.target),
            shifted(self.format, &self.logits, self.target),
            exact(self.format, &self.logits, self.target),
        ]
    }

    /// A sentence comparing the two losses of the max-shifted route.
    pub fn loss_sentence(&self) -> String {
        let route = shifted(self.format, &self.logits, self.target);
        let get = |name: &str| {
            route
                .stage(name)
                .and_then(|s| s.cells.first())
                .map(|c| c.value)
                .unwrap_or(f64::NAN)
        };
        let via_p = get("loss = −ln p[t]");
        let via_ls = get("loss = −log_softmax[t]");
        let f = self.format;
        let t = self.target + 1;
        if via_p.is_finite() {
            format!(
                "For target class {t}, both losses are finite in {}: −ln p[t] = {} and −log_softmax[t] = {}.",
                f.name(),
                f.show(via_p),
                f.show(via_ls)
            )
        } else {
            format!(
                "For target class {t}, p[t] rounds to 0 in {}, so −ln p[t] = {}: one such example makes the whole batch's loss and gradient useless. −log_softmax[t] = {} stays finite and still tells the model how wrong it is.",
                f.name(),
                f.show(via_p),
                f.show(via_ls)
            )
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_preset_shown_is_known_until_the_reader_changes_something() {
        let mut lab = StabilityLab::default();
        assert_eq!(lab.preset_index(), Some(0));
        lab.load_preset(2);
        assert_eq!(lab.preset_index(), Some(2));
        lab.set_logits("-50, 0, 50, 100").unwrap();
        assert_eq!(lab.preset_index(), None);
        lab.load_preset(0);
        lab.set_format("f16").unwrap();
        assert_eq!(lab.preset_index(), None);
    }

    use super::*;

    #[test]
    fn presets_are_valid_inputs() {
        for p in presets() {
            assert!(!p.logits.is_empty() && p.logits.len() <= MAX_LOGITS);
            assert!(p.target < p.logits.len());
        }
    }

    #[test]
    fn logits_parse_with_commas_spaces_and_brackets() {
        assert_eq!(
            parse_logits("(1000, 1001, 999)").unwrap(),
            vec![1000.0, 1001.0, 999.0]
        );
        assert_eq!(parse_logits("1 2\t3").unwrap(), vec![1.0, 2.0, 3.0]);
        assert!(parse_logits("").is_err());
        assert!(parse_logits("1, abc").is_err());
        assert!(parse_logits("1, inf").is_err());
        assert!(parse_logits(&"1,".repeat(65)).is_err());
    }
}
