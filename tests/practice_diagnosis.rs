//! The checker names a mistake by redoing it. Each test here makes the
//! mistake on purpose, with plain arithmetic written out in the test, types
//! the result the way a learner would, and expects the mistake's name back.

use softmax_lesson::practice::check::{check, Outcome};
use softmax_lesson::practice::misconception::Misconception;
use softmax_lesson::practice::parse::parse_answer;
use softmax_lesson::practice::problem::Task;

/// Write values with three decimals, as a learner rounding by hand would.
fn typed(values: &[f64]) -> String {
    let items: Vec<String> = values
        .iter()
        .map(|v| {
            if v.is_infinite() {
                "-inf".to_owned()
            } else {
                format!("{v:.3}")
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

fn outcome(task: &Task, text: &str) -> Outcome {
    check(task, &parse_answer(text).unwrap()).outcome
}

fn naive_softmax(x: &[f64]) -> Vec<f64> {
    let e: Vec<f64> = x.iter().map(|v| v.exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().map(|v| v / s).collect()
}

fn hot(t: f64) -> Task {
    Task::Softmax {
        logits: vec![3.0, 1.0, -1.0],
        temperature: t,
        mask: vec![false; 3],
    }
}

#[test]
fn the_right_answer_is_correct_in_any_spelling() {
    let task = Task::Softmax {
        logits: vec![0.0; 4],
        temperature: 1.0,
        mask: vec![false; 4],
    };
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
    let task = Task::Softmax {
        logits: x.to_vec(),
        temperature: 1.0,
        mask: vec![false; 3],
    };
    assert_eq!(
        outcome(&task, &typed(&wrong)),
        Outcome::Mistake(Misconception::ForgotToExponentiate)
    );
}

#[test]
fn stopping_before_normalising_is_recognised() {
    let wrong: Vec<f64> = [3.0f64, 1.0, -1.0].iter().map(|v| v.exp()).collect();
    assert_eq!(
        outcome(&hot(1.0), &typed(&wrong)),
        Outcome::Mistake(Misconception::DidNotNormalise)
    );
    // In log space, not normalising means answering the logits themselves.
    let task = Task::LogSoftmax {
        logits: vec![0.0, -2.0, -1.0],
    };
    assert_eq!(
        outcome(&task, "0 -2 -1"),
        Outcome::Mistake(Misconception::DidNotNormalise)
    );
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
}

#[test]
fn masking_with_zero_is_recognised() {
    let x = [2.0, 3.0, 1.0];
    let task = Task::Softmax {
        logits: x.to_vec(),
        temperature: 1.0,
        mask: vec![false, true, false],
    };
    let wrong = naive_softmax(&[2.0, 0.0, 1.0]);
    assert_eq!(
        outcome(&task, &typed(&wrong)),
        Outcome::Mistake(Misconception::MaskedWithZero)
    );
    let right = naive_softmax(&[2.0, 1.0]);
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
    assert_eq!(
        outcome(&peaked, "2"),
        Outcome::Mistake(Misconception::SwappedTemperature)
    );
    let ratio = Task::Ratio {
        logits: vec![3.0, 1.0, -1.0],
        temperature: 2.0,
        top: 0,
        other: 1,
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
}

#[test]
fn an_unrecognised_wrong_answer_says_what_to_check() {
    let verdict = check(&hot(1.0), &parse_answer("0.5 0.3 0.1").unwrap());
    assert_eq!(verdict.outcome, Outcome::Wrong);
    assert!(verdict.message.contains("add up to"), "{}", verdict.message);
    let verdict = check(&hot(1.0), &parse_answer("0.5 0.5").unwrap());
    assert!(verdict.message.contains("3 entries"), "{}", verdict.message);
    let verdict = check(&hot(1.0), &parse_answer("0.1").unwrap());
    assert_eq!(verdict.outcome, Outcome::Wrong);
}

#[test]
fn every_named_mistake_has_a_name_and_an_explanation() {
    for m in Misconception::ALL {
        assert!(!m.name().is_empty());
        assert!(m.explanation().len() > 40);
        assert!(!m.wrong_computation().is_empty());
    }
}
