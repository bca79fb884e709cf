//! The checker: compares a parsed answer with the core's answer and says
//! whether it is correct, close (right up to rounding), the result of a
//! named mistake, or simply not right (with what is wrong with it).
//!
//! Every sentence the checker says about an answer is computed from that
//! answer: a named mistake is named only when the answer matches the
//! mistake redone on the problem (on any legitimate form of its logits, see
//! [`crate::practice::misconception::forms`]), and a plain "not right" says
//! only what holds of the answer ([`Flaw`]): which entries are negative,
//! what the entries add up to (only when that is not 1), which pair is in
//! the wrong order, or which entries are off.

use crate::format::fixed;
use crate::practice::misconception::{sub, wrong_answers, Misconception, Wrong};
use crate::practice::parse::Answer;
use crate::practice::problem::{number, Task};

/// An entry is correct within `CORRECT · max(1, |exact|)` of the exact value.
pub const CORRECT: f64 = 5e-4;
/// An entry is close (right up to rounding) within `CLOSE · max(1, |exact|)`.
pub const CLOSE: f64 = 1e-2;

/// The tolerance, as the page states it next to the answer fields.
pub fn tolerance_note() -> String {
    format!(
        "An entry counts as correct within {} of the exact value (within {} % of it for values larger than 1), so three decimals are enough; fractions and expressions such as 1/4 or e^2/(e^2+e+1) are exact. Within {} it is called close.",
        number(CORRECT),
        number(CORRECT * 100.0),
        number(CLOSE),
    )
}

/// What kind of verdict a check gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Right within the stated tolerance.
    Correct,
    /// Right up to rounding, but not within the tolerance.
    Close,
    /// Matches what a named mistake produces.
    Mistake(Misconception),
    /// Wrong, with no recognised cause.
    Wrong,
}

/// What a plain "not right" says about the answer; each holds of the
/// answer it was found in (entry indices are 0-based).
#[derive(Debug, Clone, PartialEq)]
pub enum Flaw {
    /// The answer has `given` entries where `wanted` were asked for.
    Length {
        /// Entries given.
        given: usize,
        /// Entries asked for.
        wanted: usize,
    },
    /// These probabilities are negative.
    Negative(Vec<usize>),
    /// These log-probabilities are positive.
    Positive(Vec<usize>),
    /// These masked positions got a probability other than 0.
    MaskedNotZero(Vec<usize>),
    /// The probabilities add up to this, not 1 (for log-probabilities:
    /// their exponentials do).
    Sum(f64),
    /// `x[larger] > x[smaller]` but the answer gives `larger` the smaller
    /// value.
    Order {
        /// The class with the larger logit.
        larger: usize,
        /// The class with the smaller logit.
        smaller: usize,
    },
    /// `x[a] = x[b]` but the answer gives them values further apart than
    /// rounding.
    Tie {
        /// One class.
        a: usize,
        /// The other.
        b: usize,
    },
    /// These entries are off by more than rounding (the others are not).
    Off(Vec<usize>),
    /// The answer is not one of the values offered (a temperature or a
    /// reason).
    NotAnOption,
    /// A ratio that is not positive.
    NotPositive,
    /// A ratio below 1, though the numerator's logit is the larger.
    BelowOne,
    /// A ratio above 1 that is simply not the right one.
    Ratio,
    /// A reason that is not the right one (its index).
    Reason(usize),
}

/// The checker's answer: the outcome and what to tell the learner.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The outcome.
    pub outcome: Outcome,
    /// The message shown under the answer field.
    pub message: String,
    /// For a named mistake, the values of the wrong computation that the
    /// answer matched (the answer is within [`CLOSE`] of them).
    pub matched: Option<Vec<f64>>,
    /// For a plain "not right", what the message says about the answer.
    pub flaw: Option<Flaw>,
}

/// `|a - exact| <= tol · max(1, |exact|)`; infinities must match exactly.
pub fn near(a: f64, exact: f64, tol: f64) -> bool {
    if exact.is_infinite() || a.is_infinite() {
        return a == exact;
    }
    (a - exact).abs() <= tol * exact.abs().max(1.0) + 1e-12
}

/// Every entry of `a` near the matching entry of `b` (and as many).
pub fn all_near(a: &[f64], b: &[f64], tol: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| near(x, y, tol))
}

/// The learner's values, with one number standing for every entry when the
/// exact answer is a vector whose entries are all equal.
fn values_for(answer: &Answer, exact: &[f64], wants_vector: bool) -> Vec<f64> {
    match answer {
        Answer::Number(v) if wants_vector && exact.len() > 1 => {
            let uniform = exact.windows(2).all(|w| w[0] == w[1]);
            if uniform {
                vec![*v; exact.len()]
            } else {
                vec![*v]
            }
        }
        _ => answer.values().to_vec(),
    }
}

fn verdict(outcome: Outcome, message: String) -> Verdict {
    Verdict {
        outcome,
        message,
        matched: None,
        flaw: None,
    }
}

/// The named mistakes whose wrong answer `given` matches (and that differ
/// from the right answer), in the order they are tried.
fn diagnoses(task: &Task, given: &[f64], exact: &[f64]) -> Vec<(Misconception, Wrong)> {
    let mut found = Vec::new();
    for m in Misconception::ALL {
        for wrong in wrong_answers(m, task) {
            let distinct = !all_near(&wrong.values, exact, CLOSE);
            if distinct && all_near(given, &wrong.values, CLOSE) {
                found.push((m, wrong));
            }
        }
    }
    found
}

/// `given` holds the right values, in another order.
fn reordered(given: &[f64], exact: &[f64]) -> bool {
    if given.len() != exact.len() || given.len() < 2 || all_near(given, exact, CLOSE) {
        return false;
    }
    let sorted = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v
    };
    all_near(&sorted(given), &sorted(exact), CLOSE)
}

fn mistake_message(task: &Task, found: &[(Misconception, Wrong)], percent: bool) -> String {
    let Some((m, first)) = found.first() else {
        return String::new();
    };
    let read = if percent {
        "Read as percentages, your answer"
    } else {
        "Your answer"
    };
    let mut text = format!(
        "Not quite: {}. {read} is what you get by {}.",
        m.name_for(task),
        first.how
    );
    let also: Vec<&str> = found[1..]
        .iter()
        .filter(|(_, w)| w.how != first.how)
        .map(|(_, w)| w.how.as_str())
        .take(2)
        .collect();
    if !also.is_empty() {
        text.push_str(&format!(
            " (The same numbers also come from {}.)",
            also.join(", or from ")
        ));
    }
    text.push(' ');
    text.push_str(m.explanation_for(task));
    text
}

/// Check `answer` against `task`.
pub fn check(task: &Task, answer: &Answer) -> Verdict {
    if let Task::Choice(step) = task {
        return check_choice(step, answer);
    }
    let exact = task.expected();
    let given = values_for(answer, &exact, task.wants_vector());
    if all_near(&given, &exact, CORRECT) {
        let note = match answer {
            Answer::Number(v) if exact.len() > 1 => {
                format!(" Every entry is {}.", fixed(*v, 3))
            }
            _ => String::new(),
        };
        return verdict(Outcome::Correct, format!("Correct.{note}"));
    }
    if all_near(&given, &exact, CLOSE) {
        return verdict(
            Outcome::Close,
            format!(
                "Close, but not there yet: every entry is within {} of the right value, and at least one is off by more than {}. Recheck the last digits, or type a fraction or an expression.",
                number(CLOSE),
                number(CORRECT)
            ),
        );
    }
    let found = diagnoses(task, &given, &exact);
    if let Some((m, wrong)) = found.first() {
        return Verdict {
            outcome: Outcome::Mistake(*m),
            message: mistake_message(task, &found, false),
            matched: Some(wrong.values.clone()),
            flaw: None,
        };
    }
    if task.wants_vector() && reordered(&given, &exact) {
        let m = Misconception::WrongOrder;
        return Verdict {
            outcome: Outcome::Mistake(m),
            message: format!(
                "Not quite: {}. Your answer has the right values in another order. {}",
                m.name(),
                m.explanation()
            ),
            matched: None,
            flaw: None,
        };
    }
    if let Some(v) = percentages(task, &given, &exact) {
        return v;
    }
    let flaw = flaw(task, &given, &exact);
    Verdict {
        outcome: Outcome::Wrong,
        message: flaw_message(task, &flaw, &given),
        matched: None,
        flaw: Some(flaw),
    }
}

/// A vector written as percentages without `%` signs: entries that add up
/// to about 100. Read divided by 100, the answer is checked again; a verdict
/// comes back only when that reading is right or names a mistake.
fn percentages(task: &Task, given: &[f64], exact: &[f64]) -> Option<Verdict> {
    if !matches!(task, Task::Softmax { .. }) || given.len() != exact.len() {
        return None;
    }
    let sum: f64 = given.iter().sum();
    if (sum - 100.0).abs() > 2.0 {
        return None;
    }
    let scaled: Vec<f64> = given.iter().map(|v| v / 100.0).collect();
    if all_near(&scaled, exact, CLOSE) {
        let m = Misconception::Percentages;
        return Some(Verdict {
            outcome: Outcome::Mistake(m),
            message: format!(
                "Almost: {}. Read as percentages your answer is right; {}",
                m.name(),
                m.explanation()
            ),
            matched: Some(exact.iter().map(|v| v * 100.0).collect()),
            flaw: None,
        });
    }
    let found = diagnoses(task, &scaled, exact);
    let (m, wrong) = found.first()?;
    Some(Verdict {
        outcome: Outcome::Mistake(*m),
        message: mistake_message(task, &found, true),
        matched: Some(wrong.values.iter().map(|v| v * 100.0).collect()),
        flaw: None,
    })
}

fn check_choice(step: &crate::practice::derivation::Step, answer: &Answer) -> Verdict {
    let chosen = match answer {
        Answer::Number(v) if v.fract() == 0.0 && *v >= 0.0 && *v < step.options.len() as f64 => {
            *v as usize
        }
        _ => {
            return Verdict {
                flaw: Some(Flaw::NotAnOption),
                ..verdict(
                    Outcome::Wrong,
                    "Choose one of the reasons offered.".to_owned(),
                )
            }
        }
    };
    let why = step.feedback.get(chosen).cloned().unwrap_or_default();
    if chosen == step.correct {
        verdict(Outcome::Correct, format!("Correct: {why}"))
    } else {
        Verdict {
            flaw: Some(Flaw::Reason(chosen)),
            // The reason's own feedback may already start by saying no.
            ..verdict(
                Outcome::Wrong,
                format!(
                    "Not this reason. {}",
                    capitalised(why.strip_prefix("No: ").unwrap_or(&why))
                ),
            )
        }
    }
}

fn list(indices: &[usize], letter: &str) -> String {
    let names: Vec<String> = indices
        .iter()
        .map(|&i| format!("{letter}{}", sub(i)))
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Entries of `given` further than rounding from `exact`.
fn off(given: &[f64], exact: &[f64]) -> Vec<usize> {
    given
        .iter()
        .zip(exact)
        .enumerate()
        .filter(|(_, (&g, &e))| !near(g, e, CLOSE))
        .map(|(i, _)| i)
        .collect()
}

/// The first pair out of order (or tied logits given unequal values):
/// logits compared as written, over the unmasked entries.
fn order_flaw(logits: &[f64], given: &[f64], keep: &dyn Fn(usize) -> bool) -> Option<Flaw> {
    let n = logits.len().min(given.len());
    for i in (0..n).filter(|&i| keep(i)) {
        for j in (0..n).filter(|&j| j != i && keep(j)) {
            if logits[i] > logits[j] && given[i] < given[j] {
                return Some(Flaw::Order {
                    larger: i,
                    smaller: j,
                });
            }
            if i < j && logits[i] == logits[j] && !near(given[i], given[j], CLOSE) {
                return Some(Flaw::Tie { a: i, b: j });
            }
        }
    }
    None
}

/// What is wrong with `given`, found from the answer itself.
pub fn flaw(task: &Task, given: &[f64], exact: &[f64]) -> Flaw {
    let n = exact.len();
    if given.len() != n {
        return Flaw::Length {
            given: given.len(),
            wanted: n,
        };
    }
    match task {
        Task::Softmax { mask, .. } => {
            let negative: Vec<usize> = (0..n).filter(|&i| given[i] < 0.0).collect();
            if !negative.is_empty() {
                return Flaw::Negative(negative);
            }
            let leaked: Vec<usize> = (0..n)
                .filter(|&i| mask.get(i).copied().unwrap_or(false) && !near(given[i], 0.0, CORRECT))
                .collect();
            if !leaked.is_empty() {
                return Flaw::MaskedNotZero(leaked);
            }
            let sum: f64 = given.iter().sum();
            if !near(sum, 1.0, CORRECT) {
                return Flaw::Sum(sum);
            }
            let logits = task.written_logits();
            let keep = |i: usize| !mask.get(i).copied().unwrap_or(false);
            order_flaw(&logits, given, &keep).unwrap_or_else(|| Flaw::Off(off(given, exact)))
        }
        Task::LogSoftmax { logits } => {
            let positive: Vec<usize> = (0..n).filter(|&i| given[i] > 0.0).collect();
            if !positive.is_empty() {
                return Flaw::Positive(positive);
            }
            let sum: f64 = given.iter().map(|v| v.exp()).sum();
            if !near(sum, 1.0, CORRECT) {
                return Flaw::Sum(sum);
            }
            order_flaw(logits, given, &|_| true).unwrap_or_else(|| Flaw::Off(off(given, exact)))
        }
        Task::MorePeaked { .. } | Task::Choice(_) => Flaw::NotAnOption,
        Task::Ratio { .. } => match given.first() {
            Some(&r) if r <= 0.0 => Flaw::NotPositive,
            Some(&r) if r < 1.0 => Flaw::BelowOne,
            _ => Flaw::Ratio,
        },
    }
}

fn flaw_message(task: &Task, flaw: &Flaw, given: &[f64]) -> String {
    let letter = if matches!(task, Task::LogSoftmax { .. }) {
        "ℓ"
    } else {
        "p"
    };
    match flaw {
        Flaw::Length { given, wanted } => {
            if *wanted == 1 {
                format!("Not right: this part asks for one number; you gave {given}.")
            } else {
                let masked = matches!(task, Task::Softmax { mask, .. } if mask.iter().any(|&m| m));
                format!(
                    "Not right: there are {wanted} classes, so the answer has {wanted} entries{}; you gave {given}.",
                    if masked { " (0 at each masked position)" } else { "" }
                )
            }
        }
        Flaw::Negative(entries) => format!(
            "Not right: {} {} negative, and a probability never is. Exponentiate each scaled logit (e to any power is positive), then divide by the sum.",
            list(entries, letter),
            if entries.len() == 1 { "is" } else { "are" }
        ),
        Flaw::Positive(entries) => format!(
            "Not right: {} {} positive, but a log-probability is never above 0. Compute xᵢ − lse(x), where lse(x) = m + ln Σⱼ e^(xⱼ − m).",
            list(entries, letter),
            if entries.len() == 1 { "is" } else { "are" }
        ),
        Flaw::MaskedNotZero(entries) => format!(
            "Not right: {} {} masked, so {} probability is exactly 0 (e^(−∞) = 0), and the other positions share all of it.",
            if entries.len() == 1 { "position" } else { "positions" },
            entries
                .iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join(" and "),
            if entries.len() == 1 { "its" } else { "their" }
        ),
        Flaw::Sum(sum) => {
            if matches!(task, Task::LogSoftmax { .. }) {
                format!(
                    "Not right: e to the power of your entries adds up to {}, but for log-probabilities it adds up to 1. Compute the log-sum-exp lse(x) = m + ln Σⱼ e^(xⱼ − m) once, then subtract it from each logit.",
                    fixed(*sum, 3)
                )
            } else {
                format!(
                    "Not right: your entries add up to {}, but probabilities add up to 1. Check the sum you divide by.",
                    fixed(*sum, 3)
                )
            }
        }
        Flaw::Order { larger, smaller } => {
            let logits = task.written_logits();
            format!(
                "Not right: you give {} a smaller value than {}, though x{} = {} is larger than x{} = {}. A larger logit always gets a larger share: check each exponential e^(xᵢ/T).",
                format_args!("{letter}{}", sub(*larger)),
                format_args!("{letter}{}", sub(*smaller)),
                sub(*larger),
                number(logits[*larger]),
                sub(*smaller),
                number(logits[*smaller]),
            )
        }
        Flaw::Tie { a, b } => format!(
            "Not right: x{} and x{} are equal, so {letter}{} and {letter}{} must be equal too, but you give {} and {}.",
            sub(*a),
            sub(*b),
            sub(*a),
            sub(*b),
            fixed(given[*a], 3),
            fixed(given[*b], 3),
        ),
        Flaw::Off(entries) => {
            let what = if matches!(task, Task::LogSoftmax { .. }) {
                "Compute lse(x) once and subtract it from each logit."
            } else {
                match task {
                    Task::Softmax { temperature, .. } if *temperature != 1.0 => {
                        "Check each exponential e^(xᵢ/T) and the sum you divide by."
                    }
                    _ => "Check each exponential e^(xᵢ) and the sum you divide by.",
                }
            };
            format!(
                "Not right, though your entries add up to 1 and follow the order of the logits: {} {} off by more than rounding. {what}",
                list(entries, letter),
                if entries.len() == 1 { "is" } else { "are" }
            )
        }
        Flaw::NotAnOption => match task {
            Task::MorePeaked { temperatures, .. } => format!(
                "Not right: answer with one of the two temperatures, {} or {}: the one whose largest probability is bigger.",
                number(temperatures[0]),
                number(temperatures[1])
            ),
            _ => "Choose one of the reasons offered.".to_owned(),
        },
        Flaw::NotPositive => "Not right: a ratio of two probabilities is positive. It is e to the power (difference of the two logits) / T; the sum in the denominator cancels.".to_owned(),
        Flaw::BelowOne => match task {
            Task::Ratio { top, other, .. } => format!(
                "Not right: your ratio is below 1, but p{} belongs to the larger logit, so p{} / p{} is above 1. It is e to the power (x{} − x{}) / T; the sum in the denominator cancels.",
                sub(*top), sub(*top), sub(*other), sub(*top), sub(*other)
            ),
            _ => String::new(),
        },
        Flaw::Ratio => "Not right: the ratio of two probabilities is e to the power (difference of their logits) / T; the sum in the denominator cancels.".to_owned(),
        Flaw::Reason(_) => "Not this reason.".to_owned(),
    }
}
/// `text` with its first letter in upper case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}
