//! The problem model: a problem is a statement, one or more parts the
//! learner answers in turn, progressive hints and a worked solution. Each
//! part carries a [`Task`], which knows how to compute its own answer with
//! the core, so no expected value is ever typed in by hand.

use crate::format::{fixed, short};
use crate::practice::derivation::{Derivation, Step};
use crate::softmax_with_temperature;

/// How hard a problem is; each level has its own slot on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// Compute a softmax by hand.
    Easy,
    /// A property or a mechanism: shift invariance, masks, log-softmax.
    Medium,
    /// Temperature: two distributions, which is more peaked, and why.
    Hard,
}

impl Level {
    /// Every level, easiest first.
    pub const ALL: [Level; 3] = [Level::Easy, Level::Medium, Level::Hard];

    /// The level's name as stored and shown: `easy`, `medium`, `hard`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Easy => "easy",
            Level::Medium => "medium",
            Level::Hard => "hard",
        }
    }

    /// The level called `name`, if any.
    pub fn named(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == name)
    }
}

/// What a part asks for; [`Task::expected`] computes the answer with the core.
#[derive(Debug, Clone, PartialEq)]
pub enum Task {
    /// The vector `softmax((x + c·1) / T)`, with the `mask`ed entries set
    /// to `-inf` first (so their probability is 0).
    Softmax {
        /// The logits `x` as the problem writes them (masked entries keep
        /// their original value here).
        logits: Vec<f64>,
        /// The constant `c` added to every logit (0 unless the problem is
        /// about shifting); shift invariance makes `x` itself, `x + c·1` and
        /// `x − max(x)` equally legitimate starting points.
        shift: f64,
        /// The temperature `T > 0`.
        temperature: f64,
        /// `true` where the entry is masked out.
        mask: Vec<bool>,
        /// Other temperatures the problem mentions, which a learner may
        /// have used by mistake.
        other_temperatures: Vec<f64>,
    },
    /// The vector `log_softmax(x)_i = x_i - lse(x)`.
    LogSoftmax {
        /// The logits `x`.
        logits: Vec<f64>,
    },
    /// Which of two temperatures gives the more peaked distribution (the
    /// larger top probability); the answer is that temperature.
    MorePeaked {
        /// The logits `x`.
        logits: Vec<f64>,
        /// The two temperatures compared.
        temperatures: [f64; 2],
    },
    /// The ratio `p_top / p_other = e^{(x_top - x_other) / T}`.
    Ratio {
        /// The logits `x`.
        logits: Vec<f64>,
        /// The temperature `T`.
        temperature: f64,
        /// Index of the numerator's class.
        top: usize,
        /// Index of the denominator's class.
        other: usize,
        /// Other temperatures the problem mentions.
        other_temperatures: Vec<f64>,
    },
    /// A reason to pick among a few lines, each with its own feedback (the
    /// step's prompt is the question). [`Task::expected`] is the index of
    /// the right line.
    Choice(Step),
}

/// The logits with masked entries replaced by `-inf`.
pub fn masked(logits: &[f64], mask: &[bool]) -> Vec<f64> {
    logits
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            if mask.get(i).copied().unwrap_or(false) {
                f64::NEG_INFINITY
            } else {
                x
            }
        })
        .collect()
}

/// `softmax(x / T)` from the core, or NaNs for an invalid temperature
/// (which the generator never produces).
pub(crate) fn softmax_t(logits: &[f64], t: f64) -> Vec<f64> {
    softmax_with_temperature(logits, t).unwrap_or_else(|_| vec![f64::NAN; logits.len()])
}

impl Task {
    /// The right answer, computed by the core: a vector for
    /// [`Task::Softmax`] and [`Task::LogSoftmax`], one number otherwise.
    pub fn expected(&self) -> Vec<f64> {
        match self {
            Task::Softmax {
                temperature, mask, ..
            } => softmax_t(&masked(&self.written_logits(), mask), *temperature),
            Task::LogSoftmax { logits } => crate::log_softmax(logits),
            Task::MorePeaked {
                logits,
                temperatures,
            } => {
                let peak = |t: f64| {
                    softmax_t(logits, t)
                        .into_iter()
                        .fold(f64::NEG_INFINITY, f64::max)
                };
                let [a, b] = *temperatures;
                vec![if peak(a) >= peak(b) { a } else { b }]
            }
            Task::Ratio {
                logits,
                temperature,
                top,
                other,
                ..
            } => {
                let p = softmax_t(logits, *temperature);
                let ratio = match (p.get(*top), p.get(*other)) {
                    (Some(a), Some(b)) => a / b,
                    _ => f64::NAN,
                };
                vec![ratio]
            }
            Task::Choice(step) => vec![step.correct as f64],
        }
    }

    /// The lines a worksheet leaves to write this part's working and answer
    /// on: three for one number, and for a vector two more than it has
    /// entries (one line per entry, as it is worked out), at most eight; none
    /// for a choice, which is ticked.
    pub fn writing_lines(&self) -> usize {
        match self {
            Task::Softmax { .. } | Task::LogSoftmax { .. } => {
                (self.written_logits().len() + 2).min(8)
            }
            Task::MorePeaked { .. } | Task::Ratio { .. } => 3,
            Task::Choice(_) => 0,
        }
    }

    /// For [`Task::Softmax`], the logits the answer is asked for, `x + c·1`
    /// (unmasked); for the other tasks, their logits (none for a choice).
    pub fn written_logits(&self) -> Vec<f64> {
        match self {
            Task::Softmax { logits, shift, .. } => logits.iter().map(|x| x + shift).collect(),
            Task::LogSoftmax { logits }
            | Task::MorePeaked { logits, .. }
            | Task::Ratio { logits, .. } => logits.clone(),
            Task::Choice(_) => Vec::new(),
        }
    }

    /// The right answer as an answer key writes it (LaTeX math between `$`
    /// signs, see [`crate::mathtext`]), computed by the core: three
    /// decimals for probabilities and log-probabilities, the temperature
    /// chosen, the ratio both exactly and rounded, the right line of a
    /// choice.
    pub fn answer_text(&self) -> String {
        let expected = self.expected();
        let first = expected.first().copied().unwrap_or(f64::NAN);
        match self {
            Task::Softmax { .. } => {
                format!(r"$\mathbf{{p}} \approx {}$", tex_probabilities(&expected))
            }
            Task::LogSoftmax { .. } => {
                let shown: Vec<String> = expected
                    .iter()
                    .map(|&v| fixed(v, 3).replace('−', "-"))
                    .collect();
                format!(r"$\log \mathbf{{p}} \approx ({})$", shown.join(", "))
            }
            Task::MorePeaked { .. } => format!("$T = {}$ is more peaked", tex_number(first)),
            Task::Ratio {
                logits,
                temperature,
                top,
                other,
                ..
            } => {
                let gap = logits.get(*top).copied().unwrap_or(0.0)
                    - logits.get(*other).copied().unwrap_or(0.0);
                format!(
                    r"$p_{{{}}} / p_{{{}}} = e^{{{} / {}}} \approx {}$",
                    top + 1,
                    other + 1,
                    tex_number(gap),
                    tex_number(*temperature),
                    fixed(first, 3).replace('−', "-")
                )
            }
            Task::Choice(step) => step.options.get(step.correct).cloned().unwrap_or_default(),
        }
    }

    /// Whether the answer is a vector (one entry per class).
    pub fn wants_vector(&self) -> bool {
        matches!(self, Task::Softmax { .. } | Task::LogSoftmax { .. })
    }
}

/// One question of a problem, answered in a single field.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The question, as shown above the answer field.
    pub prompt: String,
    /// What is asked, and so how the answer is computed and checked.
    pub task: Task,
}

impl Part {
    /// The question as a worksheet prints it: written, not entered in a
    /// field, and without the notes that are about the checker ("one number
    /// is enough if they are all the same").
    pub fn paper_prompt(&self) -> String {
        self.prompt
            .replace(" (one number is enough if they are all the same)", "")
            .replace("Enter ", "Write ")
            .replace(": enter ", ": write ")
    }
}

/// A practice problem.
///
/// Its texts (statement, prompts, hints, solution lines, and the lines and
/// feedback of its derivation and choices) are written with inline LaTeX
/// math between `$` signs, typeset for the page by
/// [`crate::mathtext::text_to_html`].
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Its level.
    pub level: Level,
    /// Its seed: 0 is the lesson's own problem, others are variants.
    pub seed: u32,
    /// What the problem is about, in a few words (for its heading).
    pub topic: String,
    /// The statement, with every number written by the core.
    pub statement: String,
    /// The derivation to complete step by step ("show that" problems).
    pub derivation: Option<Derivation>,
    /// The parts, answered in order.
    pub parts: Vec<Part>,
    /// Hints, revealed one at a time, in order.
    pub hints: Vec<String>,
    /// The worked solution, one line per step.
    pub solution: Vec<String>,
}

impl Problem {
    /// The name used in progress records: `easy-0`, `hard-17`.
    pub fn id(&self) -> String {
        format!("{}-{}", self.level.name(), self.seed)
    }
}

/// A number as the problems write it: up to four significant digits,
/// `−∞` for minus infinity.
pub fn number(v: f64) -> String {
    short(v)
}

/// A vector such as `(3, 1, −1)`.
pub fn vector(values: &[f64]) -> String {
    let items: Vec<String> = values.iter().map(|&v| number(v)).collect();
    format!("({})", items.join(", "))
}

/// A vector of probabilities with three decimals: `(0.665, 0.245, 0.090)`.
pub fn probabilities(values: &[f64]) -> String {
    let items: Vec<String> = values.iter().map(|&v| fixed(v, 3)).collect();
    format!("({})", items.join(", "))
}

/// [`number`] as LaTeX, for use between `$` signs: `-1`, `-\infty`.
pub fn tex_number(v: f64) -> String {
    if v.is_infinite() {
        return if v > 0.0 { r"\infty" } else { r"-\infty" }.to_owned();
    }
    number(v).replace('−', "-")
}

/// [`vector`] as LaTeX: `(3, 1, -1)`.
pub fn tex_vector(values: &[f64]) -> String {
    let items: Vec<String> = values.iter().map(|&v| tex_number(v)).collect();
    format!("({})", items.join(", "))
}

/// [`probabilities`] as LaTeX.
pub fn tex_probabilities(values: &[f64]) -> String {
    probabilities(values).replace('−', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_entry_gets_no_probability() {
        let task = Task::Softmax {
            logits: vec![1.0, 5.0, 1.0],
            shift: 0.0,
            temperature: 1.0,
            mask: vec![false, true, false],
            other_temperatures: Vec::new(),
        };
        assert_eq!(task.expected(), vec![0.5, 0.0, 0.5]);
        // A worksheet leaves a line per entry and two for the working.
        assert_eq!(task.writing_lines(), 5);
        let long = Task::LogSoftmax {
            logits: vec![0.0; 10],
        };
        assert_eq!(long.writing_lines(), 8);
    }

    #[test]
    fn a_worksheet_asks_to_write_what_the_page_asks_to_enter() {
        let part = |prompt: &str| Part {
            prompt: prompt.to_owned(),
            task: Task::LogSoftmax { logits: vec![0.0] },
        };
        assert_eq!(
            part("Enter $p$: 4 probabilities in order (one number is enough if they are all the same).")
                .paper_prompt(),
            "Write $p$: 4 probabilities in order."
        );
        assert_eq!(
            part("Check it on numbers: enter $p$, 3 probabilities.").paper_prompt(),
            "Check it on numbers: write $p$, 3 probabilities."
        );
        assert_eq!(
            part("Which is more peaked? Enter that $T$.").paper_prompt(),
            "Which is more peaked? Write that $T$."
        );
    }

    #[test]
    fn the_lower_temperature_is_more_peaked() {
        let task = Task::MorePeaked {
            logits: vec![3.0, 1.0, -1.0],
            temperatures: [2.0, 1.0],
        };
        assert_eq!(task.expected(), vec![1.0]);
        assert_eq!(task.writing_lines(), 3);
    }

    #[test]
    fn the_ratio_of_two_probabilities_is_e_to_the_gap_over_t() {
        let task = Task::Ratio {
            logits: vec![3.0, 1.0, -1.0],
            temperature: 1.0,
            top: 0,
            other: 1,
            other_temperatures: Vec::new(),
        };
        assert!((task.expected()[0] - 2f64.exp()).abs() < 1e-12);
    }
}
