//! The mistakes the checker can name. Each one is recognised the same way:
//! redo the computation the way the mistake does it ([`wrong_answer`]) and
//! see whether the learner's answer matches that instead of the right one.

use crate::practice::problem::{masked, softmax_t, Task};

/// A likely mistake behind a wrong answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Misconception {
    /// `softmax(x · T)` instead of `softmax(x / T)`.
    MultipliedByT,
    /// Read `T` as the inverse temperature `β = 1/T`: a larger `T` taken
    /// to sharpen, or `e^{Δ·T}` instead of `e^{Δ/T}` for a ratio.
    SwappedTemperature,
    /// Normalised the logits themselves: `x_i / Σ_j x_j`, or gave the gap
    /// `Δ / T` instead of the ratio `e^{Δ/T}`.
    ForgotToExponentiate,
    /// Stopped at the exponentials `e^{x_i / T}` without dividing by their
    /// sum (for log-softmax: gave the logits `x_i` themselves).
    DidNotNormalise,
    /// `ln(softmax(x))`, whose entries underflow to `-inf`, instead of
    /// `log_softmax(x) = x - lse(x)`.
    LogOfSoftmax,
    /// Set masked logits to 0 instead of `-inf`, so masked entries still
    /// received probability.
    MaskedWithZero,
}

impl Misconception {
    /// Every misconception, in the order the checker tries them.
    pub const ALL: [Misconception; 6] = [
        Misconception::MaskedWithZero,
        Misconception::MultipliedByT,
        Misconception::SwappedTemperature,
        Misconception::LogOfSoftmax,
        Misconception::ForgotToExponentiate,
        Misconception::DidNotNormalise,
    ];

    /// A short name, as the page lists it.
    pub fn name(self) -> &'static str {
        match self {
            Misconception::MultipliedByT => "multiplied by T instead of dividing",
            Misconception::SwappedTemperature => "swapped T for 1/T",
            Misconception::ForgotToExponentiate => "forgot to exponentiate",
            Misconception::DidNotNormalise => "did not normalise",
            Misconception::LogOfSoftmax => "used log(softmax) instead of log-softmax",
            Misconception::MaskedWithZero => "masked with 0 instead of −∞",
        }
    }

    /// The wrong computation the checker redoes to recognise the mistake.
    pub fn wrong_computation(self) -> &'static str {
        match self {
            Misconception::MultipliedByT => "softmax(x · T)",
            Misconception::SwappedTemperature => {
                "the higher T picked as the sharper one, or a ratio e^((xᵢ − xⱼ) · T)"
            }
            Misconception::ForgotToExponentiate => {
                "xᵢ / Σⱼ xⱼ, or a ratio given as the gap (xᵢ − xⱼ) / T"
            }
            Misconception::DidNotNormalise => {
                "e^(xᵢ / T) not divided by the sum, or x itself for log-softmax"
            }
            Misconception::LogOfSoftmax => "ln(softmax(x)), with −∞ where a probability underflows",
            Misconception::MaskedWithZero => "softmax with the masked logits set to 0",
        }
    }

    /// What went wrong and how to fix it, addressed to the learner.
    pub fn explanation(self) -> &'static str {
        match self {
            Misconception::MultipliedByT => {
                "It looks as if you multiplied the logits by T. Temperature divides: use xᵢ / T, so a small T sharpens and a large T flattens."
            }
            Misconception::SwappedTemperature => {
                "It looks as if you treated T as the inverse temperature β = 1/T. Logits are divided by T, so a larger T makes the distribution flatter, and ratios are e^((xᵢ − xⱼ)/T)."
            }
            Misconception::ForgotToExponentiate => {
                "It looks as if you skipped the exponential: the logits themselves were normalised (or the gap was given instead of e to the gap). Apply e^(·) to each scaled logit first."
            }
            Misconception::DidNotNormalise => {
                "It looks as if you stopped before normalising: divide each exponential by the sum of all of them (in log space, subtract the log-sum-exp)."
            }
            Misconception::LogOfSoftmax => {
                "It looks as if you took the log of the rounded probabilities: a probability that underflows to 0 gives −∞. Compute log-softmax directly: xᵢ − m − ln Σⱼ e^(xⱼ − m), with m the largest logit."
            }
            Misconception::MaskedWithZero => {
                "It looks as if the masked logits were set to 0, which still gives them e^0 = 1 each. A mask sets a logit to −∞, so its exponential is 0 and it gets no probability."
            }
        }
    }
}

/// The answer the mistake `m` produces for `task`, if `m` applies to it.
pub fn wrong_answer(m: Misconception, task: &Task) -> Option<Vec<f64>> {
    match (m, task) {
        (
            Misconception::MultipliedByT,
            Task::Softmax {
                logits,
                temperature,
                mask,
            },
        ) if *temperature != 1.0 => Some(softmax_t(&masked(logits, mask), 1.0 / temperature)),
        (
            Misconception::ForgotToExponentiate,
            Task::Softmax {
                logits,
                temperature,
                mask,
            },
        ) => {
            let scaled: Vec<f64> = masked(logits, mask)
                .iter()
                .map(|&x| if x.is_finite() { x / temperature } else { 0.0 })
                .collect();
            let total: f64 = scaled.iter().sum();
            (total != 0.0).then(|| scaled.iter().map(|v| v / total).collect())
        }
        (
            Misconception::DidNotNormalise,
            Task::Softmax {
                logits,
                temperature,
                mask,
            },
        ) => Some(
            masked(logits, mask)
                .iter()
                .map(|&x| (x / temperature).exp())
                .collect(),
        ),
        (
            Misconception::MaskedWithZero,
            Task::Softmax {
                logits,
                temperature,
                mask,
            },
        ) if mask.iter().any(|&m| m) => {
            let zeroed: Vec<f64> = logits
                .iter()
                .zip(mask)
                .map(|(&x, &m)| if m { 0.0 } else { x })
                .collect();
            Some(softmax_t(&zeroed, *temperature))
        }
        (Misconception::LogOfSoftmax, Task::LogSoftmax { logits }) => {
            Some(crate::softmax(logits).iter().map(|p| p.ln()).collect())
        }
        (Misconception::DidNotNormalise, Task::LogSoftmax { logits }) => Some(logits.clone()),
        (
            Misconception::SwappedTemperature,
            Task::MorePeaked {
                logits,
                temperatures,
            },
        ) => {
            let [a, b] = *temperatures;
            let swapped = Task::MorePeaked {
                logits: logits.clone(),
                temperatures: [1.0 / a, 1.0 / b],
            };
            let chosen = swapped.expected().first().copied()?;
            Some(vec![if chosen == 1.0 / a { a } else { b }])
        }
        (
            Misconception::SwappedTemperature,
            Task::Ratio {
                logits,
                temperature,
                top,
                other,
            },
        ) => Task::Ratio {
            logits: logits.clone(),
            temperature: 1.0 / temperature,
            top: *top,
            other: *other,
        }
        .expected()
        .into_iter()
        .next()
        .map(|v| vec![v]),
        (
            Misconception::ForgotToExponentiate,
            Task::Ratio {
                logits,
                temperature,
                top,
                other,
            },
        ) => Some(vec![
            (logits.get(*top)? - logits.get(*other)?) / temperature,
        ]),
        _ => None,
    }
}
