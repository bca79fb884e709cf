//! The problems: the lesson's own three (seed 0 at each level) and seeded
//! variants of them. The same level and seed always give the same problem;
//! every expected answer, hint number and solution number is computed here
//! by the core, never written in by hand.
//!
//! * easy: softmax of a short integer vector (n from 2 to 5, sometimes all
//!   equal, and then with a reason to choose for the uniform result); the
//!   lesson's problem is x = (0, 0, 0, 0).
//! * medium: shift invariance, derived step by step and checked on numbers
//!   (the lesson's problem, with x = (1, 3, 0) and c = 10), or a masked
//!   softmax, or a log-softmax whose probabilities underflow.
//! * hard: one logit vector at two temperatures, which is more peaked, and
//!   the ratio that explains it (the lesson's problem: x = (4, 1, 0) at T = 1
//!   and T = 2; seed 1 is the textbook's x = (3, 1, −1)).

use crate::format::fixed;
use crate::practice::derivation::{shift_invariance, Step};
use crate::practice::problem::{
    masked, softmax_t, tex_number, tex_probabilities, tex_vector, Level, Part, Problem, Task,
};
use crate::practice::rng::Rng;

/// The largest seed a variant may have (progress records refuse larger).
pub const MAX_SEED: u32 = 999_999;

/// The problem at `level` with `seed`: seed 0 is the lesson's own problem,
/// any other seed a variant. Seeds above [`MAX_SEED`] wrap into range.
pub fn generate(level: Level, seed: u32) -> Problem {
    let seed = if seed > MAX_SEED {
        seed % MAX_SEED + 1
    } else {
        seed
    };
    let mut rng = Rng::new(u64::from(seed) * 3 + level as u64);
    let problem = match (level, seed) {
        (Level::Easy, 0) => easy(vec![0.0; 4]),
        (Level::Easy, _) => {
            let n = rng.range(2, 5) as usize;
            let logits = if rng.range(0, 3) == 0 {
                vec![rng.range(-3, 3) as f64; n]
            } else {
                (0..n).map(|_| rng.range(-2, 3) as f64).collect()
            };
            easy(logits)
        }
        // The lesson's own numbers are chosen so that no answer is already
        // on the page: worked examples 1 and 3 compute softmax((2, 1, 0)/T)
        // for T = 2, 1 and 0.5, which is what x = (2, 1, 0) + 10 and
        // x = (3, 1, -1) at T = 1 and 2 would ask for.
        (Level::Medium, 0) => shift(vec![1.0, 3.0, 0.0], 10.0),
        // The textbook's numbers, x = (2, 1, 0) + 10, worked example 1 shifted.
        (Level::Medium, 1) => shift(vec![2.0, 1.0, 0.0], 10.0),
        (Level::Medium, _) => match rng.range(0, 2) {
            0 => {
                let n = rng.range(3, 4) as usize;
                let logits = (0..n).map(|_| rng.range(-3, 3) as f64).collect();
                shift(logits, rng.pick(&[-100.0, -7.0, 5.0, 10.0, 50.0, 1000.0]))
            }
            1 => {
                let n = rng.range(3, 5) as usize;
                let logits = (0..n).map(|_| rng.range(-2, 3) as f64).collect();
                let mut mask: Vec<bool> = (0..n).map(|_| rng.range(0, 2) == 0).collect();
                // At least one masked entry and at least two left to share the mass.
                if !mask.iter().any(|&m| m) {
                    mask[rng.range(0, n as i64 - 1) as usize] = true;
                }
                while mask.iter().filter(|&&m| !m).count() < 2 {
                    if let Some(slot) = mask.iter_mut().find(|m| **m) {
                        *slot = false;
                    }
                }
                masking(logits, mask, rng.pick(&[1.0, 1.0, 2.0, 0.5]))
            }
            _ => {
                let offset = rng.range(-2, 2) as f64;
                let gap = rng.pick(&[800.0, 900.0, 1000.0]);
                let near = rng.range(1, 3) as f64;
                log_softmax(vec![offset, offset - gap, offset - near])
            }
        },
        (Level::Hard, 0) => temperatures(vec![4.0, 1.0, 0.0], [1.0, 2.0]),
        // The textbook version, x = (3, 1, -1): its two answers are worked
        // example 3's T = 0.5 and T = 1 rows, shifted.
        (Level::Hard, 1) => temperatures(vec![3.0, 1.0, -1.0], [1.0, 2.0]),
        (Level::Hard, _) => {
            let n = rng.range(3, 4) as usize;
            let mut pool: Vec<f64> = (-3..=4).map(f64::from).collect();
            let mut logits = Vec::with_capacity(n);
            for _ in 0..n {
                let i = rng.range(0, pool.len() as i64 - 1) as usize;
                logits.push(pool.remove(i));
            }
            let pairs = [
                (0.5, 1.0),
                (1.0, 2.0),
                (1.0, 3.0),
                (0.5, 2.0),
                (2.0, 4.0),
                (1.0, 4.0),
            ];
            let (a, b) = rng.pick(&pairs);
            let ts = if rng.range(0, 1) == 0 { [a, b] } else { [b, a] };
            temperatures(logits, ts)
        }
    };
    Problem {
        level,
        seed,
        ..problem
    }
}

fn blank(level: Level) -> Problem {
    Problem {
        level,
        seed: 0,
        topic: String::new(),
        statement: String::new(),
        derivation: None,
        parts: Vec::new(),
        hints: Vec::new(),
        solution: Vec::new(),
    }
}

/// A number already written (with `−` for minus) as LaTeX.
fn tex(text: &str) -> String {
    text.replace('−', "-")
}

/// A line of a derivation as the next line of the worked solution.
fn equals(line: &str) -> String {
    match line.strip_prefix('$') {
        Some(math) => format!("$= {math}"),
        None => format!("= {line}"),
    }
}

fn exps(logits: &[f64], t: f64) -> Vec<f64> {
    let m = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    logits.iter().map(|&x| ((x - m) / t).exp()).collect()
}

/// The worked lines of `softmax(x / T)` with a mask: scale, shift,
/// exponentiate, add, divide.
fn softmax_lines(logits: &[f64], t: f64, mask: &[bool]) -> Vec<String> {
    let x = masked(logits, mask);
    let mut lines = Vec::new();
    let hidden: Vec<String> = mask
        .iter()
        .enumerate()
        .filter(|(_, &m)| m)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if !hidden.is_empty() {
        lines.push(format!(
            "Mask: position {} becomes $-\\infty$, so $\\mathbf{{x}} = {}$; $e^{{-\\infty}} = 0$ drops it from the sum.",
            hidden.join(" and "),
            tex_vector(&x)
        ));
    }
    let scaled: Vec<f64> = x.iter().map(|v| v / t).collect();
    if t != 1.0 {
        lines.push(format!(
            "Divide by $T = {}$: $\\mathbf{{x}} / T = {}$.",
            tex_number(t),
            tex_vector(&scaled)
        ));
    }
    let m = scaled.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let z: Vec<f64> = scaled.iter().map(|v| v - m).collect();
    if m != 0.0 {
        lines.push(format!(
            "Subtract the largest, $m = {}$: $\\mathbf{{z}} = {}$.",
            tex_number(m),
            tex_vector(&z)
        ));
    }
    let e = exps(&x, t);
    let total: f64 = e.iter().sum();
    lines.push(format!(
        "Exponentiate: $e^{{\\mathbf{{z}}}} \\approx {}$.",
        tex_vector(&e)
    ));
    lines.push(format!("Add them up: $S \\approx {}$.", tex_number(total)));
    lines.push(format!(
        "Divide each by $S$: $\\mathbf{{p}} \\approx {}$.",
        tex_probabilities(&softmax_t(&x, t))
    ));
    lines
}

fn exps_hint(logits: &[f64], t: f64, mask: &[bool]) -> String {
    let e = exps(&masked(logits, mask), t);
    let total: f64 = e.iter().sum();
    format!(
        "After subtracting the largest scaled logit, the exponentials are $\\approx {}$ and add up to $\\approx {}$; divide each by that sum.",
        tex_vector(&e),
        tex_number(total)
    )
}

/// The reason the softmax of equal logits is uniform, as a choice of
/// three lines, each with its feedback.
fn uniform_reason(logits: &[f64]) -> Step {
    let n = logits.len();
    let a = logits.first().copied().unwrap_or(0.0);
    let total: f64 = logits.iter().sum();
    let by_sum = if total == 0.0 {
        format!(
            "Softmax divides exponentials, not logits: these logits add up to 0, so dividing by their sum would be $0/0$, which has no value. Each exponential here is $e^{{{}}} = {}$.",
            tex_number(a),
            tex_number(a.exp())
        )
    } else {
        format!(
            "Softmax divides exponentials, not logits (these add up to ${}$). The result is uniform because each exponential is the same, $e^{{{}}} \\approx {}$.",
            tex_number(total),
            tex_number(a),
            tex_number(a.exp())
        )
    };
    Step {
        prompt: "Why does every class get the same probability?".to_owned(),
        options: vec![
            "Softmax always spreads the probability evenly, whatever the logits.".to_owned(),
            "The logits are all equal, so their exponentials are all equal, and equal shares of the sum are 1/n each.".to_owned(),
            "Each probability is the logit divided by the sum of the logits.".to_owned(),
        ],
        // Lines of words, read as they are written.
        spoken: Vec::new(),
        correct: 1,
        feedback: vec![
            "No: unequal logits get unequal shares, and a gap of 1 between two logits makes one probability $e \\approx 2.718$ times the other. The shares are equal here only because the logits are.".to_owned(),
            format!(
                "softmax depends only on the differences between logits, and here every difference is 0, so each of the {n} classes gets $1/{n}$."
            ),
            by_sum,
        ],
    }
}

fn easy(logits: Vec<f64>) -> Problem {
    let n = logits.len();
    let mask = vec![false; n];
    let equal = logits.windows(2).all(|w| w[0] == w[1]);
    let mut solution = softmax_lines(&logits, 1.0, &mask);
    if equal {
        solution.push(format!(
            "All {n} logits are equal, so softmax gives the uniform distribution: every entry is $1/{n}$."
        ));
    } else {
        solution.push("The larger the logit, the larger its share: a gap of 1 between two logits is a factor of $e$ between their probabilities.".to_owned());
    }
    Problem {
        topic: "a softmax by hand".to_owned(),
        statement: if equal {
            format!(
                "Compute $\\operatorname{{softmax}}(\\mathbf{{x}})$ for $\\mathbf{{x}} = {}$. Which distribution comes out, and why?",
                tex_vector(&logits)
            )
        } else {
            format!(
                "Compute $\\operatorname{{softmax}}(\\mathbf{{x}})$ for $\\mathbf{{x}} = {}$.",
                tex_vector(&logits)
            )
        },
        parts: {
            let mut parts = vec![Part {
                prompt: format!(
                    "Enter $\\operatorname{{softmax}}(\\mathbf{{x}})$: {n} probabilities in order (one number is enough if they are all the same)."
                ),
                task: Task::Softmax {
                    logits: logits.clone(),
                    shift: 0.0,
                    temperature: 1.0,
                    mask: mask.clone(),
                    other_temperatures: Vec::new(),
                },
            }];
            if equal {
                let reason = uniform_reason(&logits);
                parts.push(Part {
                    prompt: reason.prompt.clone(),
                    task: Task::Choice(reason),
                });
            }
            parts
        },
        hints: vec![
            if equal {
                "When every logit is the same, every exponential is the same number too.".to_owned()
            } else {
                "Softmax exponentiates each logit, then divides each exponential by the sum of all of them.".to_owned()
            },
            "Subtracting the same number from every logit (for instance the largest) changes nothing and keeps the exponentials small.".to_owned(),
            exps_hint(&logits, 1.0, &mask),
        ],
        solution,
        ..blank(Level::Easy)
    }
}

fn shift(logits: Vec<f64>, c: f64) -> Problem {
    let shifted: Vec<f64> = logits.iter().map(|x| x + c).collect();
    let n = logits.len();
    let derivation = shift_invariance();
    let mut solution = vec![derivation.start.clone()];
    solution.extend(
        derivation
            .steps
            .iter()
            .filter_map(|s| s.options.get(s.correct).map(|line| equals(line))),
    );
    solution.push(format!(
        "On numbers: $\\mathbf{{x}} + c\\mathbf{{1}} = {}$. Subtracting its largest entry gives the same $\\mathbf{{z}}$ as for $\\mathbf{{x}}$ itself, so the probabilities are $\\operatorname{{softmax}}(\\mathbf{{x}}) \\approx {}$.",
        tex_vector(&shifted),
        tex_probabilities(&crate::softmax(&logits))
    ));
    Problem {
        topic: "show that shifting changes nothing".to_owned(),
        statement: format!(
            "Show that softmax is shift-invariant: $\\operatorname{{softmax}}(\\mathbf{{x}} + c\\mathbf{{1}}) = \\operatorname{{softmax}}(\\mathbf{{x}})$ for every constant $c$. Complete the derivation line by line, then check it on numbers with $\\mathbf{{x}} = {}$ and $c = {}$.",
            tex_vector(&logits),
            tex_number(c)
        ),
        derivation: Some(derivation),
        parts: vec![Part {
            prompt: format!(
                "Check it on numbers: enter $\\operatorname{{softmax}}(\\mathbf{{x}} + c\\mathbf{{1}})$, {n} probabilities, for $\\mathbf{{x}} = {}$ and $c = {}$.",
                tex_vector(&logits),
                tex_number(c)
            ),
            task: Task::Softmax {
                logits: logits.clone(),
                shift: c,
                temperature: 1.0,
                mask: vec![false; n],
                other_temperatures: Vec::new(),
            },
        }],
        hints: vec![
            "An exponential of a sum is a product: $e^{x_i + c} = e^c \\cdot e^{x_i}$.".to_owned(),
            "The same factor $e^c$ sits in the numerator and in every term of the sum; take it out of the sum and cancel it.".to_owned(),
            format!(
                "So the numbers are those of $\\operatorname{{softmax}}(\\mathbf{{x}})$ for $\\mathbf{{x}} = {}$: exponentiate $\\mathbf{{x}}$, not $\\mathbf{{x}} + c$.",
                tex_vector(&logits)
            ),
        ],
        solution,
        ..blank(Level::Medium)
    }
}

fn masking(logits: Vec<f64>, mask: Vec<bool>, t: f64) -> Problem {
    let n = logits.len();
    let hidden: Vec<String> = mask
        .iter()
        .enumerate()
        .filter(|(_, &m)| m)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    let mut solution = softmax_lines(&logits, t, &mask);
    solution.push(
        "Masked positions get exactly 0, and the others share all of the probability.".to_owned(),
    );
    Problem {
        topic: "a masked softmax".to_owned(),
        statement: format!(
            "A padding mask hides position {} of $\\mathbf{{x}} = {}$. Masked logits are set to $-\\infty$ before the softmax. Use temperature $T = {}$.",
            hidden.join(" and "),
            tex_vector(&logits),
            tex_number(t)
        ),
        parts: vec![Part {
            prompt: format!(
                "Enter $\\operatorname{{softmax}}(\\mathbf{{x}} / T)$ with the mask applied: {n} probabilities, in order, including the masked positions."
            ),
            task: Task::Softmax {
                logits: logits.clone(),
                shift: 0.0,
                temperature: t,
                mask: mask.clone(),
                other_temperatures: Vec::new(),
            },
        }],
        hints: vec![
            "A masked logit becomes $-\\infty$, and $e^{-\\infty} = 0$: it adds nothing to the sum and gets nothing back.".to_owned(),
            "Take the softmax of the unmasked logits (divided by $T$) only, then put 0 at each masked position.".to_owned(),
            exps_hint(&logits, t, &mask),
        ],
        solution,
        ..blank(Level::Medium)
    }
}

fn log_softmax(logits: Vec<f64>) -> Problem {
    let n = logits.len();
    let lse = crate::logsumexp(&logits);
    let m = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let answer = crate::log_softmax(&logits);
    let shown: Vec<String> = answer.iter().map(|&v| fixed(v, 3)).collect();
    Problem {
        topic: "log-softmax without underflow".to_owned(),
        statement: format!(
            "Compute $\\operatorname{{log\\text{{-}}softmax}}(\\mathbf{{x}})$ for $\\mathbf{{x}} = {}$. One gap is so large that its probability underflows to 0 in double precision, yet its log-probability is an ordinary number.",
            tex_vector(&logits)
        ),
        parts: vec![Part {
            prompt: format!(
                "Enter $\\operatorname{{log\\text{{-}}softmax}}(\\mathbf{{x}})$: {n} log-probabilities, in order."
            ),
            task: Task::LogSoftmax {
                logits: logits.clone(),
            },
        }],
        hints: vec![
            "$\\operatorname{log\\text{-}softmax}(\\mathbf{x})_i = x_i - \\operatorname{lse}(\\mathbf{x})$, where $\\operatorname{lse}(\\mathbf{x}) = \\ln \\sum_j e^{x_j}$ is the log-sum-exp.".to_owned(),
            "Compute lse stably: with $m$ the largest logit, $\\operatorname{lse}(\\mathbf{x}) = m + \\ln \\sum_j e^{x_j - m}$. Never take the log of a probability that has already rounded to 0.".to_owned(),
            format!(
                "Here $\\operatorname{{lse}}(\\mathbf{{x}}) \\approx {}$; subtract it from each logit.",
                tex(&fixed(lse, 4))
            ),
        ],
        solution: vec![
            format!("The largest logit is $m = {}$.", tex_number(m)),
            format!(
                "$\\operatorname{{lse}}(\\mathbf{{x}}) = m + \\ln \\sum_j e^{{x_j - m}} \\approx {}$ (the underflowing term adds nothing visible).",
                tex(&fixed(lse, 4))
            ),
            format!(
                "$\\operatorname{{log\\text{{-}}softmax}}(\\mathbf{{x}}) = \\mathbf{{x}} - \\operatorname{{lse}}(\\mathbf{{x}}) \\approx ({})$.",
                tex(&shown.join(", "))
            ),
            "$\\ln(\\operatorname{softmax}(\\mathbf{x}))$ would give $-\\infty$ for the tiny entry, because its probability rounds to 0 before the log is taken; log-softmax never forms that probability.".to_owned(),
        ],
        ..blank(Level::Medium)
    }
}

/// The index of the largest logit, leaving out `skip`.
fn argmax(logits: &[f64], skip: Option<usize>) -> usize {
    let mut best: Option<usize> = None;
    for (i, &x) in logits.iter().enumerate() {
        if Some(i) != skip && best.is_none_or(|b| x > logits[b]) {
            best = Some(i);
        }
    }
    best.unwrap_or(0)
}

fn temperatures(logits: Vec<f64>, ts: [f64; 2]) -> Problem {
    let n = logits.len();
    let mask = vec![false; n];
    let peaked = Task::MorePeaked {
        logits: logits.clone(),
        temperatures: ts,
    };
    let sharp = peaked.expected().first().copied().unwrap_or(ts[0]);
    let flat = if sharp == ts[0] { ts[1] } else { ts[0] };
    // The largest logit and the runner-up (the generator keeps them distinct).
    let top = argmax(&logits, None);
    let other = argmax(&logits, Some(top));
    let gap = logits[top] - logits[other];
    let ratio = |t: f64| {
        Task::Ratio {
            logits: logits.clone(),
            temperature: t,
            top,
            other,
            other_temperatures: Vec::new(),
        }
        .expected()
        .first()
        .copied()
        .unwrap_or(f64::NAN)
    };
    let part = |t: f64| Part {
        prompt: format!(
            "Enter $\\operatorname{{softmax}}(\\mathbf{{x}} / T)$ for $T = {}$: {n} probabilities.",
            tex_number(t)
        ),
        task: Task::Softmax {
            logits: logits.clone(),
            shift: 0.0,
            temperature: t,
            mask: mask.clone(),
            other_temperatures: ts.iter().copied().filter(|&o| o != t).collect(),
        },
    };
    let mut solution = Vec::new();
    for t in ts {
        solution.push(format!("At $T = {}$:", tex_number(t)));
        solution.extend(softmax_lines(&logits, t, &mask));
    }
    solution.push(format!(
        "$T = {}$ is more peaked. The ratio $p_{{{}}} / p_{{{}}} = e^{{({} - {}) / T}} = e^{{{} / T}}$ is $\\approx {}$ at $T = {}$ but only $\\approx {}$ at $T = {}$: a smaller $T$ stretches every gap, so the top class pulls further ahead.",
        tex_number(sharp),
        top + 1,
        other + 1,
        tex_number(logits[top]),
        tex_number(logits[other]),
        tex_number(gap),
        tex(&fixed(ratio(sharp), 3)),
        tex_number(sharp),
        tex(&fixed(ratio(flat), 3)),
        tex_number(flat)
    ));
    Problem {
        topic: "two temperatures".to_owned(),
        statement: format!(
            "Let $\\mathbf{{x}} = {}$. Compute $\\operatorname{{softmax}}(\\mathbf{{x}} / T)$ for $T = {}$ and $T = {}$ (the max trick is allowed). Which is more peaked? Explain with a ratio of probabilities.",
            tex_vector(&logits),
            tex_number(ts[0]),
            tex_number(ts[1])
        ),
        parts: vec![
            part(ts[0]),
            part(ts[1]),
            Part {
                prompt: format!(
                    "Which temperature gives the more peaked distribution? Enter that $T$ (${}$ or ${}$).",
                    tex_number(ts[0]),
                    tex_number(ts[1])
                ),
                task: peaked,
            },
            Part {
                prompt: format!(
                    "Explain with a ratio: at $T = {}$, what is $p_{{{}}} / p_{{{}}}$? (An expression is fine.)",
                    tex_number(ts[0]),
                    top + 1,
                    other + 1
                ),
                task: Task::Ratio {
                    logits: logits.clone(),
                    temperature: ts[0],
                    top,
                    other,
                    other_temperatures: vec![ts[1]],
                },
            },
            // The explanation needs the same ratio at both temperatures:
            // the comparison of the two is the reason. They are asked in
            // the statement's order, so neither prompt names the more
            // peaked temperature before part 3 is answered (a worksheet
            // shows every prompt at once).
            Part {
                prompt: format!(
                    "And at $T = {}$, what is $p_{{{}}} / p_{{{}}}$? Compare it with your last answer. (An expression is fine.)",
                    tex_number(ts[1]),
                    top + 1,
                    other + 1
                ),
                task: Task::Ratio {
                    logits: logits.clone(),
                    temperature: ts[1],
                    top,
                    other,
                    other_temperatures: vec![ts[0]],
                },
            },
        ],
        // In the order of the parts: computing softmax(x / T), comparing the
        // two temperatures, then the ratio at each.
        hints: vec![
            "Divide every logit by $T$ first; then exponentiate each one and divide by the sum (subtracting the largest first keeps the numbers small).".to_owned(),
            format!(
                "At $T = {}$: {} At $T = {}$: {}",
                tex_number(ts[0]),
                exps_hint(&logits, ts[0], &mask),
                tex_number(ts[1]),
                exps_hint(&logits, ts[1], &mask)
            ),
            "Dividing by a smaller $T$ makes every gap larger, so the top class gets a bigger share.".to_owned(),
            format!(
                "The ratio of two probabilities depends only on the gap between their logits: $p_{{{i}}} / p_{{{k}}} = e^{{(x_{{{i}}} - x_{{{k}}}) / T}}$.",
                i = top + 1,
                k = other + 1
            ),
        ],
        solution,
        ..blank(Level::Hard)
    }
}
