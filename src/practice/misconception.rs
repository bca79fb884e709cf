//! The mistakes the checker can name. Each one is recognised the same way:
//! redo the computation the way the mistake does it ([`wrong_answers`]) and
//! see whether the learner's answer matches that instead of the right one.
//!
//! A mistake that depends on how the logits were written is redone on every
//! legitimate form of them ([`forms`]): shift invariance lets a learner work
//! from `x`, from `x + c·1` or from `x − max(x)` and still be right, so a
//! learner who forgot to exponentiate may have normalised any of the three.
//! Every [`Wrong`] carries a description of the computation it redid, with
//! the numbers it used, so the message shown is a statement about that very
//! computation and is true of any answer that matches it.

use crate::practice::problem::{masked, number, softmax_t, vector, Task};

/// A likely mistake behind a wrong answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Misconception {
    /// Set masked logits to 0 instead of `-inf`, so masked entries still
    /// received probability.
    MaskedWithZero,
    /// Took the softmax of every logit, the masked ones too.
    IgnoredMask,
    /// Gave the probabilities of the unmasked positions only.
    LeftOutMasked,
    /// Used another temperature the problem mentions.
    OtherTemperature,
    /// `softmax(x · T)` instead of `softmax(x / T)`.
    MultipliedByT,
    /// Read `T` as the inverse temperature `β = 1/T`: a larger `T` taken
    /// to sharpen, or `e^{Δ·T}` instead of `e^{Δ/T}` for a ratio.
    SwappedTemperature,
    /// Left the temperature out (computed at `T = 1`).
    IgnoredTemperature,
    /// `ln(softmax(x))`, whose entries underflow to `-inf`, instead of
    /// `log_softmax(x) = x - lse(x)`.
    LogOfSoftmax,
    /// Gave probabilities where something else was asked (log-probabilities,
    /// or a ratio of two probabilities).
    GaveProbabilities,
    /// `lse(x) − x` instead of `x − lse(x)`.
    FlippedSign,
    /// `p_other / p_top` instead of `p_top / p_other`.
    InvertedRatio,
    /// Normalised the logits themselves: `x_i / Σ_j x_j`, or gave the gap
    /// `Δ / T` instead of the ratio `e^{Δ/T}`.
    ForgotToExponentiate,
    /// Stopped at the exponentials `e^{x_i / T}` without dividing by their
    /// sum (for log-softmax: gave `x` or `x − max(x)`).
    DidNotNormalise,
    /// All the probability on the largest logit (the `T → 0` limit).
    Argmax,
    /// The same share for every class (the `T → ∞` limit).
    Uniform,
    /// The right values in another order.
    WrongOrder,
    /// Probabilities written as percentages without the `%` sign.
    Percentages,
}

impl Misconception {
    /// Every misconception, in the order the checker tries them.
    pub const ALL: [Misconception; 17] = [
        Misconception::MaskedWithZero,
        Misconception::IgnoredMask,
        Misconception::LeftOutMasked,
        Misconception::OtherTemperature,
        Misconception::MultipliedByT,
        Misconception::SwappedTemperature,
        Misconception::IgnoredTemperature,
        Misconception::LogOfSoftmax,
        Misconception::GaveProbabilities,
        Misconception::FlippedSign,
        Misconception::InvertedRatio,
        Misconception::ForgotToExponentiate,
        Misconception::DidNotNormalise,
        Misconception::Argmax,
        Misconception::Uniform,
        Misconception::WrongOrder,
        Misconception::Percentages,
    ];

    /// A short name, as the page lists it.
    pub fn name(self) -> &'static str {
        match self {
            Misconception::MaskedWithZero => "masked with 0 instead of −∞",
            Misconception::IgnoredMask => "left the mask out",
            Misconception::LeftOutMasked => "left the masked positions out of the answer",
            Misconception::OtherTemperature => "used the other temperature",
            Misconception::MultipliedByT => "multiplied by T instead of dividing",
            Misconception::SwappedTemperature => "swapped T for 1/T",
            Misconception::IgnoredTemperature => "left the temperature out",
            Misconception::LogOfSoftmax => "used log(softmax) instead of log-softmax",
            Misconception::GaveProbabilities => "gave probabilities instead of what was asked",
            Misconception::FlippedSign => "flipped the sign",
            Misconception::InvertedRatio => "turned the ratio upside down",
            Misconception::ForgotToExponentiate => "forgot to exponentiate",
            Misconception::DidNotNormalise => "did not normalise",
            Misconception::Argmax => "took the argmax",
            Misconception::Uniform => "shared the probability equally",
            Misconception::WrongOrder => "right values, wrong order",
            Misconception::Percentages => "percentages without the % sign",
        }
    }

    /// The name of the mistake as said about an answer to `task`: true of
    /// that answer (choosing the flatter of two temperatures is not "swapping
    /// T for 1/T", and a ratio has no sum to divide by).
    pub fn name_for(self, task: &Task) -> &'static str {
        match (self, task) {
            (Misconception::SwappedTemperature, Task::MorePeaked { .. }) => {
                "picked the flatter temperature"
            }
            (Misconception::SwappedTemperature, Task::Ratio { .. }) => {
                "multiplied by T instead of dividing"
            }
            _ => self.name(),
        }
    }

    /// [`Misconception::explanation`], said of an answer to `task`.
    pub fn explanation_for(self, task: &Task) -> &'static str {
        match (self, task) {
            (Misconception::SwappedTemperature, Task::MorePeaked { .. }) => {
                "Logits are divided by T, so a smaller T stretches the gaps between them and makes the distribution more peaked; a larger T flattens it."
            }
            (Misconception::SwappedTemperature, Task::Ratio { .. }) => {
                "Temperature divides: the ratio is e^((xᵢ − xⱼ) / T), so the gap is divided by T before it is exponentiated."
            }
            (Misconception::ForgotToExponentiate, Task::Ratio { .. }) => {
                "The gap over T is only the exponent: the ratio itself is e to that power, e^((xᵢ − xⱼ) / T)."
            }
            (Misconception::IgnoredTemperature, Task::Ratio { .. }) => {
                "Divide the gap by T before exponentiating: the ratio is e^((xᵢ − xⱼ) / T)."
            }
            _ => self.explanation(),
        }
    }

    /// The wrong computation the checker redoes to recognise the mistake.
    pub fn wrong_computation(self) -> &'static str {
        match self {
            Misconception::MaskedWithZero => "softmax with the masked logits set to 0",
            Misconception::IgnoredMask => "softmax of every logit, masked ones included",
            Misconception::LeftOutMasked => {
                "the softmax of the unmasked logits alone, without a 0 for each masked position"
            }
            Misconception::OtherTemperature => "the answer at the problem's other temperature",
            Misconception::MultipliedByT => "softmax(x · T)",
            Misconception::SwappedTemperature => {
                "the higher T picked as the sharper one, or a ratio e^((xᵢ − xⱼ) · T)"
            }
            Misconception::IgnoredTemperature => "softmax(x), or e^(xᵢ − xⱼ), with T left out",
            Misconception::LogOfSoftmax => "ln(softmax(x)), with −∞ where a probability underflows",
            Misconception::GaveProbabilities => {
                "softmax(x) where log-probabilities were asked, or pᵢ where a ratio was"
            }
            Misconception::FlippedSign => "lse(x) − xᵢ instead of xᵢ − lse(x)",
            Misconception::InvertedRatio => "pⱼ / pᵢ instead of pᵢ / pⱼ",
            Misconception::ForgotToExponentiate => {
                "xᵢ / Σⱼ xⱼ (from x, x + c or x − max x), or a ratio given as the gap (xᵢ − xⱼ) / T"
            }
            Misconception::DidNotNormalise => {
                "e^(xᵢ / T) not divided by the sum, or x (or x − max x) for log-softmax"
            }
            Misconception::Argmax => "all the probability on the largest logit",
            Misconception::Uniform => "the same probability for every class",
            Misconception::WrongOrder => "the right values in another order",
            Misconception::Percentages => "the right probabilities times 100",
        }
    }

    /// How to fix the mistake, addressed to the learner. It gives advice
    /// only; what the answer matched is said by [`Wrong::how`].
    pub fn explanation(self) -> &'static str {
        match self {
            Misconception::MaskedWithZero => {
                "A logit of 0 still gets e^0 = 1. A mask sets a logit to −∞, so its exponential is 0 and it gets no probability."
            }
            Misconception::IgnoredMask => {
                "Set each masked logit to −∞ first: e^(−∞) = 0, so masked positions get exactly 0 and the others share everything."
            }
            Misconception::LeftOutMasked => {
                "List one probability per position, in order, with 0 at each masked position."
            }
            Misconception::OtherTemperature => {
                "Each part has its own temperature: divide the logits by the T this part names."
            }
            Misconception::MultipliedByT => {
                "Temperature divides: use xᵢ / T, so a small T sharpens and a large T flattens."
            }
            Misconception::SwappedTemperature => {
                "Logits are divided by T, so a larger T makes the distribution flatter, and ratios are e^((xᵢ − xⱼ)/T)."
            }
            Misconception::IgnoredTemperature => {
                "Divide every logit by T before exponentiating."
            }
            Misconception::LogOfSoftmax => {
                "Compute log-softmax directly, without forming the probabilities: xᵢ − m − ln Σⱼ e^(xⱼ − m), with m the largest logit."
            }
            Misconception::GaveProbabilities => {
                "Read the question again for the quantity it asks for."
            }
            Misconception::FlippedSign => {
                "log-softmax is xᵢ − lse(x): every log-probability is ≤ 0."
            }
            Misconception::InvertedRatio => {
                "Put the probability named first on top; it belongs to the larger logit, so the ratio is above 1."
            }
            Misconception::ForgotToExponentiate => {
                "Softmax exponentiates first: take e^(xᵢ/T) for each entry, then divide each by the sum of those exponentials."
            }
            Misconception::DidNotNormalise => {
                "Finish the job: divide each exponential by the sum of all of them."
            }
            Misconception::Argmax => {
                "At a temperature T > 0 softmax gives every class a share: e^(xᵢ/T) is never 0."
            }
            Misconception::Uniform => {
                "Equal shares come only from equal logits (or T → ∞); here a larger logit gets a larger share."
            }
            Misconception::WrongOrder => {
                "List them in the order of the logits: the i-th value belongs to xᵢ."
            }
            Misconception::Percentages => {
                "Write probabilities as numbers between 0 and 1 (0.25), or put a % sign after each (25%)."
            }
        }
    }
}

/// One wrong computation: the values it gives and what it did, as a phrase
/// that completes "Your answer is what you get by …".
#[derive(Debug, Clone, PartialEq)]
pub struct Wrong {
    /// The values the wrong computation gives.
    pub values: Vec<f64>,
    /// What it did, with the numbers it used.
    pub how: String,
}

/// A legitimate way of writing a problem's logits: a label for the message
/// and the values (masked entries are `-inf`).
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// How the message names this form: "the logits (2, 1, 0)", "the
    /// max-shifted logits (0, −1, −2)".
    pub label: String,
    /// The logits in this form.
    pub logits: Vec<f64>,
}

fn finite_max(values: &[f64]) -> f64 {
    values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(f64::NEG_INFINITY, f64::max)
}

/// The forms of a softmax task's logits that shift invariance makes
/// equally right: `x + c·1` as the part asks (when there is a shift), `x`
/// as the problem writes it, and `x − max(x)` after the max trick. Masked
/// entries are `-inf` in each; equal forms are listed once.
pub fn forms(task: &Task) -> Vec<Form> {
    let Task::Softmax {
        logits,
        shift,
        mask,
        ..
    } = task
    else {
        return Vec::new();
    };
    let mut out: Vec<Form> = Vec::new();
    let mut add = |label: String, values: Vec<f64>| {
        if !out.iter().any(|f| f.logits == values) {
            out.push(Form {
                label,
                logits: values,
            });
        }
    };
    let base = masked(logits, mask);
    if *shift != 0.0 {
        let shifted = masked(&task.written_logits(), mask);
        add(format!("the shifted logits {}", vector(&shifted)), shifted);
        add(format!("the logits {}", vector(&base)), base.clone());
    } else {
        add(format!("the logits {}", vector(&base)), base.clone());
    }
    let m = finite_max(&base);
    if m.is_finite() {
        let z: Vec<f64> = base.iter().map(|v| v - m).collect();
        add(format!("the max-shifted logits {}", vector(&z)), z);
    }
    out
}

fn one_hot_of_max(logits: &[f64]) -> Vec<f64> {
    let m = finite_max(logits);
    let ties = logits.iter().filter(|&&v| v == m).count().max(1) as f64;
    logits
        .iter()
        .map(|&v| if v == m { 1.0 / ties } else { 0.0 })
        .collect()
}

fn t_phrase(t: f64) -> String {
    format!("T = {}", number(t))
}

/// Every answer the mistake `m` produces for `task` (none if `m` does not
/// apply), each with what it did. [`Misconception::WrongOrder`] and
/// [`Misconception::Percentages`] depend on the answer itself, so the
/// checker recognises them directly and they have none here.
pub fn wrong_answers(m: Misconception, task: &Task) -> Vec<Wrong> {
    let one = |values: Vec<f64>, how: String| vec![Wrong { values, how }];
    match (m, task) {
        (
            _,
            Task::Softmax {
                temperature: t,
                mask,
                other_temperatures,
                ..
            },
        ) => {
            let t = *t;
            let written = task.written_logits();
            let x = masked(&written, mask);
            let any_mask = mask.iter().any(|&b| b);
            match m {
                Misconception::MaskedWithZero if any_mask => forms(task)
                    .into_iter()
                    .map(|f| {
                        let zeroed: Vec<f64> = f
                            .logits
                            .iter()
                            .map(|&v| if v.is_finite() { v } else { 0.0 })
                            .collect();
                        Wrong {
                            values: softmax_t(&zeroed, t),
                            how: format!(
                                "setting each masked logit to 0 instead of −∞, which gives the softmax of {}{}",
                                vector(&zeroed),
                                if t == 1.0 {
                                    String::new()
                                } else {
                                    format!(" divided by {}", t_phrase(t))
                                }
                            ),
                        }
                    })
                    .collect(),
                Misconception::IgnoredMask if any_mask => one(
                    softmax_t(&written, t),
                    "taking the softmax of every logit, the masked ones too".to_owned(),
                ),
                Misconception::LeftOutMasked if any_mask => {
                    let kept: Vec<f64> = x.iter().copied().filter(|v| v.is_finite()).collect();
                    one(
                        softmax_t(&kept, t),
                        format!(
                            "leaving the masked positions out: {} values for the unmasked logits only",
                            kept.len()
                        ),
                    )
                }
                Misconception::OtherTemperature => other_temperatures
                    .iter()
                    .filter(|&&o| o != t && o > 0.0 && o.is_finite())
                    .map(|&o| Wrong {
                        values: softmax_t(&x, o),
                        how: format!(
                            "using {}, the problem's other temperature, where this part asks for {}",
                            t_phrase(o),
                            t_phrase(t)
                        ),
                    })
                    .collect(),
                Misconception::MultipliedByT if t != 1.0 => one(
                    softmax_t(&x, 1.0 / t),
                    format!("multiplying the logits by {} instead of dividing", t_phrase(t)),
                ),
                Misconception::IgnoredTemperature if t != 1.0 => one(
                    softmax_t(&x, 1.0),
                    format!(
                        "leaving the temperature out, as if T were 1 rather than {}",
                        number(t)
                    ),
                ),
                Misconception::ForgotToExponentiate => forms(task)
                    .into_iter()
                    .filter_map(|f| {
                        let kept: Vec<f64> = f
                            .logits
                            .iter()
                            .map(|&v| if v.is_finite() { v } else { 0.0 })
                            .collect();
                        let total: f64 = kept.iter().sum();
                        (total.abs() > 1e-9).then(|| Wrong {
                            values: kept.iter().map(|v| v / total).collect(),
                            how: if any_mask {
                                format!(
                                    "dividing the unmasked entries of {} by their sum, {}, without exponentiating (with 0 at each masked position)",
                                    f.label,
                                    number(total)
                                )
                            } else {
                                format!(
                                    "dividing {} by their sum, {}, without exponentiating",
                                    f.label,
                                    number(total)
                                )
                            },
                        })
                    })
                    .collect(),
                Misconception::DidNotNormalise => forms(task)
                    .into_iter()
                    .filter_map(|f| {
                        let e: Vec<f64> = f.logits.iter().map(|&v| (v / t).exp()).collect();
                        e.iter().all(|v| v.is_finite()).then(|| Wrong {
                            values: e,
                            how: if t == 1.0 {
                                format!(
                                    "exponentiating {} and stopping before dividing by the sum",
                                    f.label
                                )
                            } else {
                                format!(
                                    "exponentiating {} divided by {} and stopping before dividing by the sum",
                                    f.label,
                                    t_phrase(t)
                                )
                            },
                        })
                    })
                    .collect(),
                Misconception::Argmax => one(
                    one_hot_of_max(&x),
                    "giving all the probability to the largest logit (the limit T → 0)".to_owned(),
                ),
                Misconception::Uniform => {
                    let kept = x.iter().filter(|v| v.is_finite()).count().max(1) as f64;
                    one(
                        x.iter()
                            .map(|v| if v.is_finite() { 1.0 / kept } else { 0.0 })
                            .collect(),
                        "giving every class the same share (the limit T → ∞)".to_owned(),
                    )
                }
                _ => Vec::new(),
            }
        }
        (Misconception::LogOfSoftmax, Task::LogSoftmax { logits }) => one(
            crate::softmax(logits).iter().map(|p| p.ln()).collect(),
            "taking the logarithm of the probabilities after they were rounded: the tiny one underflows to 0, and ln 0 = −∞".to_owned(),
        ),
        (Misconception::DidNotNormalise, Task::LogSoftmax { logits }) => {
            let m = finite_max(logits);
            let mut out = vec![Wrong {
                values: logits.clone(),
                how: "giving the logits themselves, with nothing subtracted".to_owned(),
            }];
            if m != 0.0 && m.is_finite() {
                out.push(Wrong {
                    values: logits.iter().map(|v| v - m).collect(),
                    how: format!(
                        "subtracting only the largest logit, m = {}, and not ln Σⱼ e^(xⱼ − m) as well",
                        number(m)
                    ),
                });
            }
            out
        }
        (Misconception::GaveProbabilities, Task::LogSoftmax { logits }) => one(
            crate::softmax(logits),
            "giving the probabilities softmax(x) rather than their logarithms".to_owned(),
        ),
        (Misconception::FlippedSign, Task::LogSoftmax { logits }) => one(
            crate::log_softmax(logits).iter().map(|v| -v).collect(),
            "computing lse(x) − xᵢ: the right sizes with the wrong sign".to_owned(),
        ),
        (
            Misconception::SwappedTemperature,
            Task::MorePeaked {
                logits,
                temperatures,
            },
        ) => {
            let [a, b] = *temperatures;
            let right = task.expected().first().copied();
            let wrong = if right == Some(a) { b } else { a };
            let flatter = {
                let peak = |t: f64| finite_max(&softmax_t(logits, t));
                peak(wrong) < peak(right.unwrap_or(a))
            };
            if a == b || !flatter {
                return Vec::new();
            }
            one(
                vec![wrong],
                format!(
                    "picking {}, the temperature that gives the flatter distribution",
                    t_phrase(wrong)
                ),
            )
        }
        (
            _,
            Task::Ratio {
                logits,
                temperature: t,
                top,
                other,
                other_temperatures,
            },
        ) => {
            let (Some(a), Some(b)) = (logits.get(*top), logits.get(*other)) else {
                return Vec::new();
            };
            let t = *t;
            let gap = a - b;
            let e = |v: f64| {
                let r = v.exp();
                r.is_finite().then_some(r)
            };
            let ratio_at = |tt: f64| e(gap / tt);
            let names = format!("p{} / p{}", sub(*top), sub(*other));
            match m {
                Misconception::OtherTemperature => other_temperatures
                    .iter()
                    .filter(|&&o| o != t && o > 0.0 && o.is_finite())
                    .filter_map(|&o| {
                        ratio_at(o).map(|r| Wrong {
                            values: vec![r],
                            how: format!(
                                "taking {names} at {}, the problem's other temperature, where this part asks for {}",
                                t_phrase(o),
                                t_phrase(t)
                            ),
                        })
                    })
                    .collect(),
                Misconception::SwappedTemperature if t != 1.0 => e(gap * t)
                    .map(|r| {
                        one(
                            vec![r],
                            format!(
                                "multiplying the gap {} by {} instead of dividing: e^({} · {})",
                                number(gap),
                                t_phrase(t),
                                number(gap),
                                number(t)
                            ),
                        )
                    })
                    .unwrap_or_default(),
                Misconception::IgnoredTemperature if t != 1.0 => e(gap)
                    .map(|r| {
                        one(
                            vec![r],
                            format!("leaving T out: e^({}) without dividing by T", number(gap)),
                        )
                    })
                    .unwrap_or_default(),
                Misconception::InvertedRatio => ratio_at(t)
                    .map(|r| {
                        one(
                            vec![1.0 / r],
                            format!("dividing the other way up, p{} / p{}", sub(*other), sub(*top)),
                        )
                    })
                    .unwrap_or_default(),
                Misconception::GaveProbabilities => {
                    let p = softmax_t(logits, t);
                    p.get(*top)
                        .map(|&v| {
                            one(
                                vec![v],
                                format!("giving the probability p{} itself rather than {names}", sub(*top)),
                            )
                        })
                        .unwrap_or_default()
                }
                Misconception::ForgotToExponentiate => one(
                    vec![gap / t],
                    format!(
                        "giving the gap ({} − {}) / T = {} rather than e to that power",
                        number(*a),
                        number(*b),
                        number(gap / t)
                    ),
                ),
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// The subscript digits of the class `i` (0-based): `sub(0)` is `₁`.
pub fn sub(i: usize) -> String {
    const DIGITS: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
    (i + 1)
        .to_string()
        .chars()
        .map(|c| c.to_digit(10).map_or(c, |d| DIGITS[d as usize]))
        .collect()
}
