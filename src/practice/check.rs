//! The checker: compares a parsed answer with the core's answer and says
//! whether it is correct, close (right up to rounding), the result of a
//! named mistake, or simply not right (with what to check).

use crate::explorer::format::fixed;
use crate::practice::misconception::{wrong_answer, Misconception};
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

/// The checker's answer: the outcome and what to tell the learner.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The outcome.
    pub outcome: Outcome,
    /// The message shown under the answer field.
    pub message: String,
}

/// `|a - exact| <= tol · max(1, |exact|)`; infinities must match exactly.
fn near(a: f64, exact: f64, tol: f64) -> bool {
    if exact.is_infinite() || a.is_infinite() {
        return a == exact;
    }
    (a - exact).abs() <= tol * exact.abs().max(1.0) + 1e-12
}

fn all_near(a: &[f64], b: &[f64], tol: f64) -> bool {
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

/// Check `answer` against `task`.
pub fn check(task: &Task, answer: &Answer) -> Verdict {
    let exact = task.expected();
    let given = values_for(answer, &exact, task.wants_vector());
    let verdict = |outcome, message: String| Verdict { outcome, message };
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
            "Close: right up to rounding. Keep at least three decimals (or type a fraction or an expression) to be within the tolerance.".to_owned(),
        );
    }
    for m in Misconception::ALL {
        if let Some(wrong) = wrong_answer(m, task) {
            let distinct = !all_near(&wrong, &exact, CLOSE);
            if distinct && all_near(&given, &wrong, CLOSE) {
                return verdict(
                    Outcome::Mistake(m),
                    format!("Not quite: {}. {}", m.name(), m.explanation()),
                );
            }
        }
    }
    verdict(Outcome::Wrong, what_to_check(task, &given, &exact))
}

fn what_to_check(task: &Task, given: &[f64], exact: &[f64]) -> String {
    let n = exact.len();
    if given.len() != n {
        return if n == 1 {
            format!(
                "Not right: this part asks for one number; you gave {}.",
                given.len()
            )
        } else {
            format!(
                "Not right: there are {n} classes, so the answer has {n} entries; you gave {}.",
                given.len()
            )
        };
    }
    let sum: f64 = given.iter().sum();
    match task {
        Task::Softmax { .. } => {
            if given.iter().any(|&v| v < 0.0) {
                "Not right: probabilities are never negative. Exponentiate each scaled logit, then divide by the sum.".to_owned()
            } else if !near(sum, 1.0, 1e-2) {
                format!(
                    "Not right: your entries add up to {}, but probabilities add up to 1. Check the sum you divide by.",
                    fixed(sum, 3)
                )
            } else {
                "Not right, though your entries do add up to 1. Check each exponential e^(xᵢ/T): the largest logit must get the largest probability.".to_owned()
            }
        }
        Task::LogSoftmax { .. } => {
            if given.iter().all(|&v| (0.0..=1.0).contains(&v)) && near(sum, 1.0, 1e-2) {
                "Not right: those look like probabilities. The question asks for their logarithms, which are ≤ 0.".to_owned()
            } else if given.iter().any(|&v| v > 0.0) {
                "Not right: a log-probability is never positive. Compute xᵢ − lse(x), where lse(x) = m + ln Σⱼ e^(xⱼ − m).".to_owned()
            } else {
                "Not right: compute the log-sum-exp lse(x) = m + ln Σⱼ e^(xⱼ − m) once, then subtract it from each logit.".to_owned()
            }
        }
        Task::MorePeaked { temperatures, .. } => format!(
            "Not right: answer with one of the two temperatures, {} or {}: the one whose largest probability is bigger.",
            number(temperatures[0]),
            number(temperatures[1])
        ),
        Task::Ratio { .. } => {
            "Not right: the ratio of two probabilities is e to the power (difference of their logits) / T; the sum in the denominator cancels.".to_owned()
        }
    }
}
