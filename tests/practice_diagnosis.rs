//! The checker names a mistake by redoing it. Each test here makes the
//! mistake on purpose, with plain arithmetic written out in the test, types
//! the result the way a learner would, and expects the mistake's name back;
//! the property tests do so for every variant the generator makes, from
//! every legitimate form of its logits (as written, shifted or not, after
//! the max trick) and in several spellings (decimals, fractions, percent
//! signs, commas, semicolons, spaces, brackets), and hold every message to
//! the truth: whatever the checker says about an answer holds of it.

use proptest::prelude::*;
use softmax_lesson::practice::check::{check, Flaw, Outcome, CLOSE, CORRECT};
use softmax_lesson::practice::generate;
use softmax_lesson::practice::misconception::Misconception;
use softmax_lesson::practice::parse::parse_answer;
use softmax_lesson::practice::problem::{Level, Task};

/// Write values with three decimals, as a learner rounding by hand would.
fn typed(values: &[f64]) -> String {
    spelled(values, Spelling::default())
}

/// How a learner may write a vector.
#[derive(Debug, Clone, Copy, Default)]
struct Spelling {
    /// 0: `[a, b]`, 1: `(a; b)`, 2: `a b`, 3: `{a,b}`.
    layout: u8,
    /// Decimals kept (3 or 4).
    four: bool,
    /// Probabilities written as `66.5%`.
    percent: bool,
}

fn entry(v: f64, s: Spelling) -> String {
    if v == f64::NEG_INFINITY {
        "-inf".to_owned()
    } else if v.abs() >= 1e5 {
        format!("{v:.6e}")
    } else if s.percent {
        format!("{:.2}%", v * 100.0)
    } else if s.four {
        format!("{v:.4}")
    } else {
        format!("{v:.3}")
    }
}

fn spelled(values: &[f64], s: Spelling) -> String {
    let items: Vec<String> = values.iter().map(|&v| entry(v, s)).collect();
    match s.layout % 4 {
        0 => format!("[{}]", items.join(", ")),
        1 => format!("({})", items.join("; ")),
        2 => items.join("   "),
        _ => format!("{{{}}}", items.join(",")),
    }
}

fn outcome(task: &Task, text: &str) -> Outcome {
    check(task, &parse_answer(text).unwrap()).outcome
}

fn naive_softmax(x: &[f64]) -> Vec<f64> {
    let m = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = x.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().map(|v| v / s).collect()
}

fn softmax_task(x: &[f64], t: f64) -> Task {
    Task::Softmax {
        logits: x.to_vec(),
        shift: 0.0,
        temperature: t,
        mask: vec![false; x.len()],
        other_temperatures: Vec::new(),
    }
}

fn hot(t: f64) -> Task {
    softmax_task(&[3.0, 1.0, -1.0], t)
}

fn close(a: &[f64], b: &[f64], tol: f64) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(&x, &y)| {
            if x.is_infinite() || y.is_infinite() {
                x == y
            } else {
                (x - y).abs() <= tol * y.abs().max(1.0) + 1e-12
            }
        })
}

#[test]
fn the_right_answer_is_correct_in_any_spelling() {
    let task = softmax_task(&[0.0; 4], 1.0);
    for text in [
        "1/4",
        "0.25",
        "[0.25, 0.25, 0.25, 0.25]",
        "1/4 1/4 1/4 1/4",
        "25%",
    ] {
        assert_eq!(outcome(&task, text), Outcome::Correct, "{text}");
    }
    let exact = naive_softmax(&[3.0, 1.0, -1.0]);
    assert_eq!(outcome(&hot(1.0), &typed(&exact)), Outcome::Correct);
    assert_eq!(
        outcome(
            &hot(1.0),
            "e^3/(e^3+e+e^-1), e/(e^3+e+e^-1), e^-1/(e^3+e+e^-1)"
        ),
        Outcome::Correct
    );
}

#[test]
fn an_answer_rounded_to_two_decimals_is_close() {
    let exact = naive_softmax(&[3.0, 1.0, -1.0]);
    let rounded: Vec<String> = exact.iter().map(|v| format!("{v:.2}")).collect();
    assert_eq!(outcome(&hot(1.0), &rounded.join(" ")), Outcome::Close);
}

#[test]
fn multiplying_by_t_is_recognised() {
    let t = 2.0;
    let wrong = naive_softmax(&[3.0 * t, t, -t]);
    assert_eq!(
        outcome(&hot(t), &typed(&wrong)),
        Outcome::Mistake(Misconception::MultipliedByT)
    );
}

#[test]
fn forgetting_to_exponentiate_is_recognised() {
    let x = [3.0, 1.0, 2.0];
    let s: f64 = x.iter().sum();
    let wrong: Vec<f64> = x.iter().map(|v| v / s).collect();
    assert_eq!(
        outcome(&softmax_task(&x, 1.0), &typed(&wrong)),
        Outcome::Mistake(Misconception::ForgotToExponentiate)
    );
}

/// The textbook's medium problem (seed 1): x = (2, 1, 0), c = 10. Normalising (2, 1, 0), the
/// unshifted logits, without exponentiating is the same mistake as
/// normalising (12, 11, 10), and the message names the logits it used.
#[test]
fn forgetting_to_exponentiate_the_unshifted_logits_is_recognised() {
    let medium = generate(Level::Medium, 1);
    let task = &medium.parts[0].task;
    for text in [
        "2/3, 1/3, 0",
        "0.667 0.333 0",
        "66.7% 33.3% 0%",
        "(2/3; 1/3; 0)",
    ] {
        let verdict = check(task, &parse_answer(text).unwrap());
        assert_eq!(
            verdict.outcome,
            Outcome::Mistake(Misconception::ForgotToExponentiate),
            "{text}: {}",
            verdict.message
        );
        assert!(verdict.message.contains("(2, 1, 0)"), "{}", verdict.message);
        assert!(
            !verdict.message.contains("largest logit"),
            "{}",
            verdict.message
        );
    }
    let verdict = check(task, &parse_answer("12/33, 11/33, 10/33").unwrap());
    assert_eq!(
        verdict.outcome,
        Outcome::Mistake(Misconception::ForgotToExponentiate)
    );
    assert!(
        verdict.message.contains("(12, 11, 10)"),
        "{}",
        verdict.message
    );
    // After the max trick: (0, −1, −2) / (−3).
    assert_eq!(
        outcome(task, "0, 1/3, 2/3"),
        Outcome::Mistake(Misconception::ForgotToExponentiate)
    );
    // e^(2, 1, 0) not normalised, and e^(0, −1, −2) after the max trick.
    assert_eq!(
        outcome(task, "e^2, e, 1"),
        Outcome::Mistake(Misconception::DidNotNormalise)
    );
    assert_eq!(
        outcome(task, "1, e^-1, e^-2"),
        Outcome::Mistake(Misconception::DidNotNormalise)
    );
}

/// The textbook's hard problem (seed 1), part 2 (T = 2, exact ≈ (0.665,
/// 0.245, 0.090)): 0.7, 0.2,
/// 0.1 adds up to 1 and follows the order of the logits, so the message may
/// say neither that it does not nor anything about the largest logit; it
/// names the entries that are off.
#[test]
fn a_plain_wrong_answer_is_told_only_what_is_true_of_it() {
    let hard = generate(Level::Hard, 1);
    let task = &hard.parts[1].task;
    let verdict = check(task, &parse_answer("0.7, 0.2, 0.1").unwrap());
    assert_eq!(verdict.outcome, Outcome::Wrong);
    assert_eq!(
        verdict.flaw,
        Some(Flaw::Off(vec![0, 1])),
        "{}",
        verdict.message
    );
    assert!(verdict.message.contains("p₁ and p₂"), "{}", verdict.message);
    assert!(
        !verdict.message.contains("largest logit must"),
        "{}",
        verdict.message
    );
    // The T = 1 answer typed for T = 2 is the other temperature's.
    let at_1 = naive_softmax(&[3.0, 1.0, -1.0]);
    let verdict = check(task, &parse_answer(&typed(&at_1)).unwrap());
    assert_eq!(
        verdict.outcome,
        Outcome::Mistake(Misconception::OtherTemperature),
        "{}",
        verdict.message
    );
    assert!(verdict.message.contains("T = 1"), "{}", verdict.message);
    // Out of order: p₂ > p₁ though x₁ > x₂.
    let verdict = check(task, &parse_answer("0.3 0.6 0.1").unwrap());
    assert_eq!(
        verdict.flaw,
        Some(Flaw::Order {
            larger: 0,
            smaller: 1
        })
    );
    // Not adding up to 1.
    let verdict = check(task, &parse_answer("0.5 0.3 0.1").unwrap());
    assert_eq!(verdict.flaw, Some(Flaw::Sum(0.5 + 0.3 + 0.1)));
    assert!(
        verdict.message.contains("add up to 0.900"),
        "{}",
        verdict.message
    );
}

#[test]
fn stopping_before_normalising_is_recognised() {
    let wrong: Vec<f64> = [3.0f64, 1.0, -1.0].iter().map(|v| v.exp()).collect();
    assert_eq!(
        outcome(&hot(1.0), &typed(&wrong)),
        Outcome::Mistake(Misconception::DidNotNormalise)
    );
    // In log space, not normalising means answering the logits themselves...
    let task = Task::LogSoftmax {
        logits: vec![0.0, -2.0, -1.0],
    };
    assert_eq!(
        outcome(&task, "0 -2 -1"),
        Outcome::Mistake(Misconception::DidNotNormalise)
    );
    // ... or subtracting only the largest logit.
    let task = Task::LogSoftmax {
        logits: vec![2.0, -798.0, 1.0],
    };
    let verdict = check(&task, &parse_answer("0, -800, -1").unwrap());
    assert_eq!(
        verdict.outcome,
        Outcome::Mistake(Misconception::DidNotNormalise)
    );
    assert!(verdict.message.contains("m = 2"), "{}", verdict.message);
}

#[test]
fn the_log_of_an_underflowed_softmax_is_recognised() {
    let x = [0.0, -800.0, -1.0];
    let wrong: Vec<f64> = naive_softmax(&x).iter().map(|p| p.ln()).collect();
    assert!(wrong[1].is_infinite(), "the naive route underflows");
    let task = Task::LogSoftmax { logits: x.to_vec() };
    assert_eq!(
        outcome(&task, &typed(&wrong)),
        Outcome::Mistake(Misconception::LogOfSoftmax)
    );
    // ... while x − lse(x), worked out by hand, is correct.
    let lse = (1.0 + (-1.0f64).exp()).ln();
    let right: Vec<f64> = x.iter().map(|v| v - lse).collect();
    assert_eq!(outcome(&task, &typed(&right)), Outcome::Correct);
    // The probabilities themselves, and the right sizes with the wrong sign.
    assert_eq!(
        outcome(&task, &typed(&naive_softmax(&x))),
        Outcome::Mistake(Misconception::GaveProbabilities)
    );
    let flipped: Vec<f64> = right.iter().map(|v| -v).collect();
    assert_eq!(
        outcome(&task, &typed(&flipped)),
        Outcome::Mistake(Misconception::FlippedSign)
    );
}

#[test]
fn masking_with_zero_or_not_at_all_is_recognised() {
    let x = [2.0, 3.0, 1.0];
    let task = Task::Softmax {
        logits: x.to_vec(),
        shift: 0.0,
        temperature: 1.0,
        mask: vec![false, true, false],
        other_temperatures: Vec::new(),
    };
    let wrong = naive_softmax(&[2.0, 0.0, 1.0]);
    assert_eq!(
        outcome(&task, &typed(&wrong)),
        Outcome::Mistake(Misconception::MaskedWithZero)
    );
    // The max trick first (max of the unmasked logits is 2), then 0 for the mask.
    let wrong = naive_softmax(&[0.0, 0.0, -1.0]);
    assert_eq!(
        outcome(&task, &typed(&wrong)),
        Outcome::Mistake(Misconception::MaskedWithZero)
    );
    assert_eq!(
        outcome(&task, &typed(&naive_softmax(&x))),
        Outcome::Mistake(Misconception::IgnoredMask)
    );
    let right = naive_softmax(&[2.0, 1.0]);
    assert_eq!(
        outcome(&task, &typed(&right)),
        Outcome::Mistake(Misconception::LeftOutMasked)
    );
    assert_eq!(
        outcome(&task, &typed(&[right[0], 0.0, right[1]])),
        Outcome::Correct
    );
}

#[test]
fn swapping_t_for_its_inverse_is_recognised() {
    let peaked = Task::MorePeaked {
        logits: vec![3.0, 1.0, -1.0],
        temperatures: [1.0, 2.0],
    };
    assert_eq!(outcome(&peaked, "1"), Outcome::Correct);
    assert_eq!(outcome(&peaked, "T = 1"), Outcome::Correct);
    assert_eq!(
        outcome(&peaked, "2"),
        Outcome::Mistake(Misconception::SwappedTemperature)
    );
    let ratio = Task::Ratio {
        logits: vec![3.0, 1.0, -1.0],
        temperature: 2.0,
        top: 0,
        other: 1,
        other_temperatures: vec![4.0],
    };
    assert_eq!(outcome(&ratio, "e"), Outcome::Correct);
    // e^((3 − 1) · 2) instead of e^((3 − 1) / 2)
    assert_eq!(
        outcome(&ratio, "e^4"),
        Outcome::Mistake(Misconception::SwappedTemperature)
    );
    assert_eq!(
        outcome(&ratio, "1"),
        Outcome::Mistake(Misconception::ForgotToExponentiate)
    );
    assert_eq!(
        outcome(&ratio, "e^-1"),
        Outcome::Mistake(Misconception::InvertedRatio)
    );
    assert_eq!(
        outcome(&ratio, "e^2"),
        Outcome::Mistake(Misconception::IgnoredTemperature)
    );
    assert_eq!(
        outcome(&ratio, "e^(1/2)"),
        Outcome::Mistake(Misconception::OtherTemperature)
    );
}

#[test]
fn argmax_uniform_order_and_percentages_are_recognised() {
    assert_eq!(
        outcome(&hot(1.0), "1 0 0"),
        Outcome::Mistake(Misconception::Argmax)
    );
    assert_eq!(
        outcome(&hot(1.0), "1/3 1/3 1/3"),
        Outcome::Mistake(Misconception::Uniform)
    );
    let exact = naive_softmax(&[3.0, 1.0, -1.0]);
    assert_eq!(
        outcome(&hot(1.0), &typed(&[exact[2], exact[1], exact[0]])),
        Outcome::Mistake(Misconception::WrongOrder)
    );
    let percent: Vec<f64> = exact.iter().map(|v| v * 100.0).collect();
    let verdict = check(&hot(1.0), &parse_answer(&typed(&percent)).unwrap());
    assert_eq!(
        verdict.outcome,
        Outcome::Mistake(Misconception::Percentages)
    );
    // A mistake written as percentages is still named.
    let s = 3.0 + 1.0 - 1.0;
    let forgot: Vec<f64> = [3.0, 1.0, -1.0].iter().map(|v| 100.0 * v / s).collect();
    let verdict = check(&hot(1.0), &parse_answer(&typed(&forgot)).unwrap());
    assert_eq!(
        verdict.outcome,
        Outcome::Mistake(Misconception::ForgotToExponentiate),
        "{}",
        verdict.message
    );
    assert!(
        verdict.message.contains("percentages"),
        "{}",
        verdict.message
    );
}

#[test]
fn an_unrecognised_wrong_answer_says_what_is_wrong_with_it() {
    let verdict = check(&hot(1.0), &parse_answer("0.5 0.3 0.1").unwrap());
    assert_eq!(verdict.outcome, Outcome::Wrong);
    assert!(verdict.message.contains("add up to"), "{}", verdict.message);
    let verdict = check(&hot(1.0), &parse_answer("0.5 0.5").unwrap());
    assert!(verdict.message.contains("3 entries"), "{}", verdict.message);
    let verdict = check(&hot(1.0), &parse_answer("0.1").unwrap());
    assert_eq!(verdict.outcome, Outcome::Wrong);
    let verdict = check(&hot(1.0), &parse_answer("1.2 -0.1 -0.1").unwrap());
    assert_eq!(verdict.flaw, Some(Flaw::Negative(vec![1, 2])));
    assert!(
        verdict.message.contains("p₂ and p₃ are negative"),
        "{}",
        verdict.message
    );
}

#[test]
fn the_easy_problem_asks_why_and_checks_the_reason() {
    let easy = generate(Level::Easy, 0);
    assert!(easy.statement.contains("why"), "{}", easy.statement);
    let Task::Choice(reason) = &easy.parts[1].task else {
        panic!("the second part of the easy problem is a reason to choose");
    };
    for (i, why) in reason.feedback.iter().enumerate() {
        let verdict = check(
            &easy.parts[1].task,
            &softmax_lesson::practice::parse::Answer::Number(i as f64),
        );
        assert_eq!(verdict.outcome == Outcome::Correct, i == reason.correct);
        // The feedback, without a leading "No: " the verdict already says.
        let why = why.strip_prefix("No: ").unwrap_or(why);
        assert!(verdict.message.contains(&why[1..]), "{}", verdict.message);
        assert!(
            !verdict.message.contains("reason. No"),
            "{}",
            verdict.message
        );
    }
    // The feedback on "divide by the sum of the logits" is about these logits.
    assert!(
        reason.feedback.iter().any(|f| f.contains("0/0")),
        "{:?}",
        reason.feedback
    );
}

#[test]
fn every_named_mistake_has_a_name_and_an_explanation() {
    for m in Misconception::ALL {
        assert!(!m.name().is_empty());
        assert!(m.explanation().len() > 40, "{m:?}");
        assert!(!m.wrong_computation().is_empty());
    }
}

// ------------------------------------------------------------ properties

/// The legitimate forms of a softmax task's logits, worked out here by
/// hand: `x + c` (when shifted), `x`, and `x − max(x)`, masked entries −∞.
fn forms_by_hand(task: &Task) -> Vec<Vec<f64>> {
    let Task::Softmax {
        logits,
        shift,
        mask,
        ..
    } = task
    else {
        return Vec::new();
    };
    let m = |v: &[f64]| -> Vec<f64> {
        v.iter()
            .zip(mask)
            .map(|(&x, &hidden)| if hidden { f64::NEG_INFINITY } else { x })
            .collect()
    };
    let mut out = Vec::new();
    if *shift != 0.0 {
        out.push(m(&logits.iter().map(|x| x + shift).collect::<Vec<_>>()));
    }
    out.push(m(logits));
    let top = m(logits).iter().copied().fold(f64::NEG_INFINITY, f64::max);
    out.push(m(&logits.iter().map(|x| x - top).collect::<Vec<_>>()));
    out
}

/// Each mistake made by hand on `task`, from every form: (mistake, values).
fn mistakes_by_hand(task: &Task) -> Vec<(Misconception, Vec<f64>)> {
    let mut out = Vec::new();
    match task {
        Task::Softmax {
            temperature: t,
            mask,
            other_temperatures,
            ..
        } => {
            let t = *t;
            let forms = forms_by_hand(task);
            let x = forms[0].clone();
            let scaled = |v: &[f64], by: f64| -> Vec<f64> { v.iter().map(|a| a / by).collect() };
            for f in &forms {
                let finite: Vec<f64> = f
                    .iter()
                    .map(|&v| if v.is_finite() { v } else { 0.0 })
                    .collect();
                let s: f64 = finite.iter().sum();
                if s.abs() > 1e-6 {
                    out.push((
                        Misconception::ForgotToExponentiate,
                        finite.iter().map(|v| v / s).collect(),
                    ));
                }
                let e: Vec<f64> = f.iter().map(|&v| (v / t).exp()).collect();
                if e.iter().all(|v| v.is_finite() && *v < 1e12) {
                    out.push((Misconception::DidNotNormalise, e));
                }
                if mask.contains(&true) {
                    out.push((
                        Misconception::MaskedWithZero,
                        naive_softmax(&scaled(&finite, t)),
                    ));
                }
            }
            if mask.contains(&true) {
                let plain: Vec<f64> = match task {
                    Task::Softmax { logits, shift, .. } => {
                        logits.iter().map(|v| v + shift).collect()
                    }
                    _ => unreachable!(),
                };
                out.push((
                    Misconception::IgnoredMask,
                    naive_softmax(&scaled(&plain, t)),
                ));
                let kept: Vec<f64> = x.iter().copied().filter(|v| v.is_finite()).collect();
                out.push((
                    Misconception::LeftOutMasked,
                    naive_softmax(&scaled(&kept, t)),
                ));
            }
            if t != 1.0 {
                out.push((
                    Misconception::MultipliedByT,
                    naive_softmax(&x.iter().map(|v| v * t).collect::<Vec<_>>()),
                ));
                out.push((Misconception::IgnoredTemperature, naive_softmax(&x)));
            }
            for &o in other_temperatures {
                out.push((
                    Misconception::OtherTemperature,
                    naive_softmax(&scaled(&x, o)),
                ));
            }
            let top = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let ties = x.iter().filter(|&&v| v == top).count() as f64;
            out.push((
                Misconception::Argmax,
                x.iter()
                    .map(|&v| if v == top { 1.0 / ties } else { 0.0 })
                    .collect(),
            ));
            let kept = x.iter().filter(|v| v.is_finite()).count() as f64;
            out.push((
                Misconception::Uniform,
                x.iter()
                    .map(|v| if v.is_finite() { 1.0 / kept } else { 0.0 })
                    .collect(),
            ));
        }
        Task::LogSoftmax { logits } => {
            let p = naive_softmax(logits);
            out.push((
                Misconception::LogOfSoftmax,
                p.iter().map(|v| v.ln()).collect(),
            ));
            out.push((Misconception::DidNotNormalise, logits.clone()));
            let m = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            out.push((
                Misconception::DidNotNormalise,
                logits.iter().map(|v| v - m).collect(),
            ));
            out.push((Misconception::GaveProbabilities, p));
        }
        Task::MorePeaked { temperatures, .. } => {
            let higher = temperatures[0].max(temperatures[1]);
            out.push((Misconception::SwappedTemperature, vec![higher]));
        }
        Task::Ratio {
            logits,
            temperature: t,
            top,
            other,
            other_temperatures,
        } => {
            let gap = logits[*top] - logits[*other];
            if *t != 1.0 {
                out.push((Misconception::SwappedTemperature, vec![(gap * t).exp()]));
                out.push((Misconception::IgnoredTemperature, vec![gap.exp()]));
            }
            for &o in other_temperatures {
                out.push((Misconception::OtherTemperature, vec![(gap / o).exp()]));
            }
            out.push((Misconception::ForgotToExponentiate, vec![gap / t]));
            out.push((Misconception::InvertedRatio, vec![(-gap / t).exp()]));
        }
        Task::Choice(_) => {}
    }
    out
}

fn level(i: u8) -> Level {
    Level::ALL[usize::from(i % 3)]
}

fn seeds() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), 1u32..3000, any::<u32>()]
}

fn spelling() -> impl Strategy<Value = Spelling> {
    (0u8..4, any::<bool>(), any::<bool>()).prop_map(|(layout, four, percent)| Spelling {
        layout,
        four,
        percent,
    })
}

/// The position of `m` in the order the checker tries mistakes.
fn rank(m: Misconception) -> usize {
    Misconception::ALL
        .iter()
        .position(|&x| x == m)
        .unwrap_or(usize::MAX)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// Every mistake, made by hand on every part of every variant, from
    /// every form of its logits and typed in any spelling, is named: by its
    /// own name, or (when two mistakes give the same numbers) by one tried
    /// earlier whose numbers the answer matches too.
    #[test]
    fn every_mistake_is_named_on_every_form_and_spelling(l in 0u8..3, seed in seeds(), s in spelling()) {
        let problem = generate(level(l), seed);
        for part in &problem.parts {
            let exact = part.task.expected();
            for (m, wrong) in mistakes_by_hand(&part.task) {
                if close(&wrong, &exact, CLOSE) {
                    continue; // indistinguishable from the right answer
                }
                let probability_like = wrong.iter().all(|v| (0.0..=1.0).contains(v));
                let s = Spelling { percent: s.percent && probability_like && wrong.len() > 1, ..s };
                let text = if wrong.len() == 1 { entry(wrong[0], s) } else { spelled(&wrong, s) };
                let answer = parse_answer(&text).unwrap();
                let verdict = check(&part.task, &answer);
                let Outcome::Mistake(named) = verdict.outcome else {
                    return Err(TestCaseError::fail(format!(
                        "{}: {m:?} typed as {text:?} got {:?}: {}", problem.id(), verdict.outcome, verdict.message
                    )));
                };
                prop_assert!(
                    named == m || rank(named) < rank(m),
                    "{}: {:?} typed as {:?} was named {:?}", problem.id(), m, text, named
                );
                let matched = verdict.matched.clone().unwrap_or_default();
                prop_assert!(close(answer.values(), &matched, CLOSE) || answer.values().len() == 1 && matched.len() > 1,
                    "{}: {:?} matched {:?}", problem.id(), text, matched);
            }
        }
    }

    /// Whatever the answer, what the checker says about it holds of it.
    #[test]
    fn every_message_is_true_of_its_answer(
        l in 0u8..3,
        seed in seeds(),
        noise in prop::collection::vec(-0.3f64..0.3, 5),
        kind in 0u8..4,
    ) {
        let problem = generate(level(l), seed);
        for part in &problem.parts {
            let task = &part.task;
            if matches!(task, Task::Choice(_)) {
                continue;
            }
            let exact = task.expected();
            // Answers near the right one, renormalised or not, and shuffled.
            let mut given: Vec<f64> = exact.iter().zip(&noise).map(|(&e, &d)| {
                if e.is_finite() { e + d * e.abs().max(0.2) } else { e }
            }).collect();
            if kind == 1 && task.wants_vector() {
                let s: f64 = given.iter().filter(|v| v.is_finite()).sum();
                if s.abs() > 1e-3 { given.iter_mut().for_each(|v| *v /= s); }
            }
            if kind == 2 { given.reverse(); }
            if kind == 3 { given.truncate(1); }
            let answer = softmax_lesson::practice::parse::Answer::Vector(given.clone());
            let verdict = check(task, &answer);
            let g = answer.values();
            match (&verdict.outcome, &verdict.flaw, &verdict.matched) {
                (Outcome::Correct, _, _) => prop_assert!(close(g, &exact, CORRECT)),
                (Outcome::Close, _, _) => prop_assert!(close(g, &exact, CLOSE)),
                (Outcome::Mistake(Misconception::WrongOrder), _, _) => {
                    let mut a = g.to_vec(); a.sort_by(f64::total_cmp);
                    let mut b = exact.clone(); b.sort_by(f64::total_cmp);
                    prop_assert!(close(&a, &b, CLOSE));
                }
                (Outcome::Mistake(_), _, Some(matched)) => {
                    let scaled: Vec<f64> = g.iter().map(|v| v / 100.0).collect();
                    let m100: Vec<f64> = matched.iter().map(|v| v / 100.0).collect();
                    prop_assert!(close(g, matched, CLOSE) || close(&scaled, &m100, CLOSE),
                        "{:?} named {:?} but does not match {:?}", g, verdict.outcome, matched);
                }
                (Outcome::Wrong, Some(flaw), _) => flaw_holds(task, flaw, g, &exact)?,
                other => prop_assert!(false, "{:?}", other),
            }
            prop_assert!(!verdict.message.contains("NaN"));
        }
    }
}

fn flaw_holds(task: &Task, flaw: &Flaw, g: &[f64], exact: &[f64]) -> Result<(), TestCaseError> {
    let logits = task.written_logits();
    let off = |i: usize| {
        let e = exact[i];
        !((g[i] - e).abs() <= CLOSE * e.abs().max(1.0) + 1e-12 || g[i] == e)
    };
    match flaw {
        Flaw::Length { given, wanted } => {
            prop_assert_eq!(*given, g.len());
            prop_assert_eq!(*wanted, exact.len());
            prop_assert_ne!(given, wanted);
        }
        Flaw::Negative(list) => {
            prop_assert!(!list.is_empty());
            prop_assert_eq!(
                list.clone(),
                (0..g.len()).filter(|&i| g[i] < 0.0).collect::<Vec<_>>()
            );
        }
        Flaw::Positive(list) => {
            prop_assert!(!list.is_empty());
            prop_assert_eq!(
                list.clone(),
                (0..g.len()).filter(|&i| g[i] > 0.0).collect::<Vec<_>>()
            );
        }
        Flaw::MaskedNotZero(list) => {
            let Task::Softmax { mask, .. } = task else {
                return Err(TestCaseError::fail("mask flaw without a mask"));
            };
            for &i in list {
                prop_assert!(mask[i] && g[i] != 0.0);
            }
        }
        Flaw::Sum(s) => {
            let sum: f64 = if matches!(task, Task::LogSoftmax { .. }) {
                g.iter().map(|v| v.exp()).sum()
            } else {
                g.iter().sum()
            };
            prop_assert_eq!(*s, sum);
            prop_assert!((sum - 1.0).abs() > CORRECT);
        }
        Flaw::Order { larger, smaller } => {
            prop_assert!(logits[*larger] > logits[*smaller]);
            prop_assert!(g[*larger] < g[*smaller]);
        }
        Flaw::Tie { a, b } => {
            prop_assert_eq!(logits[*a], logits[*b]);
            prop_assert!((g[*a] - g[*b]).abs() > CLOSE);
        }
        Flaw::Off(list) => {
            prop_assert!(!list.is_empty());
            prop_assert_eq!(
                list.clone(),
                (0..g.len()).filter(|&i| off(i)).collect::<Vec<_>>()
            );
            if matches!(task, Task::Softmax { .. }) {
                prop_assert!((g.iter().sum::<f64>() - 1.0).abs() <= CORRECT);
            }
        }
        Flaw::NotAnOption => {
            if let Task::MorePeaked { temperatures, .. } = task {
                prop_assert!(!temperatures.contains(&g[0]));
            }
        }
        Flaw::NotPositive => prop_assert!(g[0] <= 0.0),
        Flaw::BelowOne => prop_assert!(g[0] > 0.0 && g[0] < 1.0),
        Flaw::Ratio => prop_assert!(g[0] >= 1.0),
        Flaw::Reason(_) => {}
    }
    Ok(())
}

/// The reviewer's two findings on the hard problem: the message must be true
/// of the answer it comments on. Choosing the flatter temperature is not
/// "swapping T for 1/T" (nothing was inverted), and a ratio given as its
/// exponent has no sum in it, so advice about dividing by a sum is false.
#[test]
fn hard_part_messages_are_true_of_the_answer() {
    let message = |task: &Task, typed: &str| {
        let answer = parse_answer(typed).expect("the test's answer parses");
        check(task, &answer).message
    };
    let peaked = Task::MorePeaked {
        logits: vec![3.0, 1.0, -1.0],
        temperatures: [0.5, 2.0],
    };
    let m = message(&peaked, "2");
    assert!(!m.contains("1/T"), "{m}");
    assert!(!m.contains("ratio"), "{m}");
    assert!(m.contains("flatter"), "{m}");
    let ratio = Task::Ratio {
        logits: vec![3.0, 1.0, -1.0],
        temperature: 2.0,
        top: 0,
        other: 1,
        other_temperatures: vec![4.0],
    };
    for typed in ["1", "e^4", "e^2"] {
        let m = message(&ratio, typed);
        assert!(!m.contains("sum"), "{typed}: {m}");
        assert!(!m.contains("1/T"), "{typed}: {m}");
        assert!(m.contains("e^((xᵢ − xⱼ) / T)"), "{typed}: {m}");
    }
}
