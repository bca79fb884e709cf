//! The "show that" problem: shift invariance, `softmax(x + c·1) = softmax(x)`,
//! as a derivation the learner completes one line at a time. Each step offers
//! a few candidate lines; every wrong line comes with the reason it is wrong,
//! so the check of each step is also its explanation.

/// One step: the line to choose among `options`.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// What this step does, shown above its choices.
    pub prompt: String,
    /// Candidate lines.
    pub options: Vec<String>,
    /// How each line is read aloud, when it is a formula (same order as
    /// `options`); empty when the lines are words. Browsers give a form
    /// control no name from MathML, so a formula needs its words written.
    pub spoken: Vec<String>,
    /// Index of the right line in `options`.
    pub correct: usize,
    /// Why each option is right or wrong (same order as `options`).
    pub feedback: Vec<String>,
}

/// A derivation: a starting line and the steps that follow it.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    /// The line the derivation starts from.
    pub start: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// The verdict on one chosen line.
#[derive(Debug, Clone, PartialEq)]
pub struct StepVerdict {
    /// Whether the chosen line is the right one.
    pub correct: bool,
    /// What to say about it ("Correct: ..." or why it is wrong).
    pub message: String,
}

/// A step of three formula lines, each `(line, read aloud, feedback)`.
fn step(prompt: &str, options: [(&str, &str, &str); 3], correct: usize) -> Step {
    Step {
        prompt: prompt.to_owned(),
        options: options.iter().map(|(o, _, _)| (*o).to_owned()).collect(),
        spoken: options.iter().map(|(_, s, _)| (*s).to_owned()).collect(),
        correct,
        feedback: options.iter().map(|(_, _, f)| (*f).to_owned()).collect(),
    }
}

/// The derivation of shift invariance, in four steps. Every line is
/// LaTeX between `$` signs (see [`crate::mathtext`]).
pub fn shift_invariance() -> Derivation {
    Derivation {
        start: r"Let $y_i = x_i + c$ for every $i$. Then $\operatorname{softmax}(\mathbf{y})_i = \dfrac{e^{y_i}}{\sum_j e^{y_j}}$.".to_owned(),
        steps: vec![
            step(
                "Step 1: write the shifted logits into the definition.",
                [
                    (
                        r"$\dfrac{e^{x_i} + c}{\sum_j (e^{x_j} + c)}$",
                        "e to the x i, then c added outside the exponent, over the sum over j of e to the x j, again with c added outside",
                        "The constant is added to the logit, so it sits inside the exponent, not next to it.",
                    ),
                    (
                        r"$\dfrac{e^{x_i + c}}{\sum_j e^{x_j + c}}$",
                        "e to the power of x i plus c, with c inside the exponent, over the sum over j of e to the power of x j plus c, c inside the exponent",
                        "Every logit, in the numerator and in each term of the sum, carries the same $+c$.",
                    ),
                    (
                        r"$\dfrac{e^{x_i + c}}{\sum_j e^{x_j}}$",
                        "e to the power of x i plus c, with c inside the exponent, over the sum over j of e to the x j, with no c",
                        "The shift applies to every logit, including the ones summed in the denominator.",
                    ),
                ],
                1,
            ),
            step(
                "Step 2: split each exponential of a sum.",
                [
                    (
                        r"$\dfrac{e^c \cdot e^{x_i}}{\sum_j e^c \cdot e^{x_j}}$",
                        "e to the c times e to the x i, over the sum over j of e to the c times e to the x j",
                        r"The exponential turns a sum in the exponent into a product: $e^{a + b} = e^a \cdot e^b$.",
                    ),
                    (
                        r"$\dfrac{e^c + e^{x_i}}{\sum_j (e^c + e^{x_j})}$",
                        "e to the c, plus e to the x i, a sum, over the sum over j of e to the c, plus e to the x j",
                        r"$e^{a + b}$ is a product $e^a \cdot e^b$, not a sum $e^a + e^b$.",
                    ),
                    (
                        r"$\dfrac{c \cdot e^{x_i}}{\sum_j c \cdot e^{x_j}}$",
                        "c times e to the x i, over the sum over j of c times e to the x j",
                        r"The constant stays in an exponential: $e^{x_i + c} = e^c \cdot e^{x_i}$, not $c \cdot e^{x_i}$.",
                    ),
                ],
                0,
            ),
            step(
                "Step 3: take the common factor out of the sum.",
                [
                    (
                        r"$\dfrac{e^c \cdot e^{x_i}}{e^{n c} \cdot \sum_j e^{x_j}}$",
                        "e to the c times e to the x i, over e to the n c times the sum over j of e to the x j",
                        r"Factoring $e^c$ out of a sum takes it out once, not once per term: $c(a + b) = ca + cb$.",
                    ),
                    (
                        r"$\dfrac{e^c \cdot e^{x_i}}{n e^c + \sum_j e^{x_j}}$",
                        "e to the c times e to the x i, over n times e to the c plus the sum over j of e to the x j",
                        r"The terms are products $e^c \cdot e^{x_j}$, so $e^c$ factors out; nothing is added.",
                    ),
                    (
                        r"$\dfrac{e^c \cdot e^{x_i}}{e^c \cdot \sum_j e^{x_j}}$",
                        "e to the c times e to the x i, over e to the c times the sum over j of e to the x j",
                        "$e^c$ does not depend on $j$, so it leaves the sum as a single factor.",
                    ),
                ],
                2,
            ),
            step(
                "Step 4: simplify.",
                [
                    (
                        r"$e^c \cdot \operatorname{softmax}(\mathbf{x})_i$",
                        "e to the c times softmax of x, entry i",
                        "The $e^c$ in the denominator cancels the one in the numerator; nothing is left over.",
                    ),
                    (
                        r"$\dfrac{e^{x_i}}{\sum_j e^{x_j}} = \operatorname{softmax}(\mathbf{x})_i$",
                        "e to the x i over the sum over j of e to the x j, which is softmax of x, entry i",
                        "$e^c$ is positive, so it cancels top and bottom: the shift changes nothing.",
                    ),
                    (
                        r"$\dfrac{e^{x_i}}{\sum_j e^{x_j}} + c$",
                        "e to the x i over the sum over j of e to the x j, plus c",
                        "$c$ was inside the exponentials, which cancel as a factor; no $c$ is added at the end.",
                    ),
                ],
                1,
            ),
        ],
    }
}

impl Derivation {
    /// Check the line `choice` (an index into the options) for step `index`.
    /// An index out of range is answered with a message, never a panic.
    pub fn check_step(&self, index: usize, choice: usize) -> StepVerdict {
        let Some(step) = self.steps.get(index) else {
            return StepVerdict {
                correct: false,
                message: format!("There is no step {}.", index.saturating_add(1)),
            };
        };
        match step.feedback.get(choice) {
            Some(why) if choice == step.correct => StepVerdict {
                correct: true,
                message: format!("Correct: {why}"),
            },
            Some(why) => StepVerdict {
                correct: false,
                message: format!("Not this line. {why}"),
            },
            None => StepVerdict {
                correct: false,
                message: "Choose one of the lines offered.".to_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_accepts_its_right_line_and_explains_the_others() {
        let d = shift_invariance();
        for (i, step) in d.steps.iter().enumerate() {
            assert_eq!(step.options.len(), step.feedback.len());
            for choice in 0..step.options.len() {
                let v = d.check_step(i, choice);
                assert_eq!(v.correct, choice == step.correct);
                assert!(
                    v.message.starts_with("Correct") == v.correct,
                    "{}",
                    v.message
                );
            }
        }
    }

    #[test]
    fn the_right_line_is_not_always_in_the_same_place() {
        let d = shift_invariance();
        let places: std::collections::BTreeSet<usize> = d.steps.iter().map(|s| s.correct).collect();
        assert!(places.len() > 1);
    }

    #[test]
    fn a_step_or_choice_out_of_range_gets_a_message() {
        let d = shift_invariance();
        assert!(!d.check_step(9, 0).correct);
        assert!(!d.check_step(0, 9).correct);
    }
}
