//! The problem generator: the lesson's own three problems, and seeded
//! variants whose every answer is computed, and then verified, by the core.

use softmax_lesson::practice::check::{check, Outcome};
use softmax_lesson::practice::generate;
use softmax_lesson::practice::parse::Answer;
use softmax_lesson::practice::problem::{Level, Task};
use softmax_lesson::{log_softmax, logsumexp, softmax_with_temperature};
use std::collections::BTreeSet;

fn near(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn the_same_seed_gives_the_same_problem() {
    for level in Level::ALL {
        for seed in [0, 1, 2, 17, 4242, 999_999] {
            assert_eq!(generate(level, seed), generate(level, seed));
        }
        let distinct: BTreeSet<String> = (1..40)
            .map(|seed| generate(level, seed).statement)
            .collect();
        assert!(distinct.len() > 10, "{level:?} variants barely vary");
    }
}

#[test]
fn the_lessons_own_problems_come_first() {
    let easy = generate(Level::Easy, 0);
    assert_eq!(easy.parts[0].task.expected(), vec![0.25; 4]);
    assert!(
        matches!(easy.parts[1].task, Task::Choice(_)),
        "the easy problem asks why"
    );
    let medium = generate(Level::Medium, 0);
    assert!(medium.derivation.is_some());
    let hard = generate(Level::Hard, 0);
    assert_eq!(
        hard.parts.len(),
        5,
        "two softmaxes, the peaked T, a ratio at each T"
    );
    let at_1 = hard.parts[0].task.expected();
    let at_2 = hard.parts[1].task.expected();
    // x = (4, 1, 0) at T = 1 and T = 2.
    for (p, want) in at_1.iter().zip([0.936, 0.047, 0.017]) {
        assert!(near(*p, want, 5e-4), "{at_1:?}");
    }
    for (p, want) in at_2.iter().zip([0.736, 0.164, 0.100]) {
        assert!(near(*p, want, 5e-4), "{at_2:?}");
    }
    assert_eq!(hard.parts[2].task.expected(), vec![1.0]);
    assert!(near(hard.parts[3].task.expected()[0], 3f64.exp(), 1e-12));
    assert!(near(hard.parts[4].task.expected()[0], 1.5f64.exp(), 1e-12));
    // The textbook's numbers are seed 1: x = (3, 1, -1), and (2, 1, 0) + 10.
    let textbook = generate(Level::Hard, 1);
    for (p, want) in textbook.parts[1]
        .task
        .expected()
        .iter()
        .zip([0.665, 0.245, 0.090])
    {
        assert!(near(*p, want, 5e-4));
    }
    let shifted = generate(Level::Medium, 1);
    for (p, want) in shifted.parts[0]
        .task
        .expected()
        .iter()
        .zip([0.665, 0.245, 0.090])
    {
        assert!(near(*p, want, 5e-4));
    }
}

/// No answer of the lesson's own problems (seed 0) is a number the lesson
/// shows before the practice: the worked examples compute softmax of
/// (2, 1, 0) at T = 2, 1 and 0.5 and of (1000, 1001, 999).
#[test]
fn the_lessons_own_answers_are_not_shown_elsewhere_on_the_page() {
    let shown: Vec<Vec<f64>> = [
        (vec![2.0, 1.0, 0.0], 2.0),
        (vec![2.0, 1.0, 0.0], 1.0),
        (vec![2.0, 1.0, 0.0], 0.5),
        (vec![1000.0, 1001.0, 999.0], 1.0),
    ]
    .iter()
    .map(|(x, t)| softmax_lesson::softmax_with_temperature(x, *t).unwrap())
    .collect();
    for level in [Level::Easy, Level::Medium, Level::Hard] {
        for part in generate(level, 0).parts {
            let mut answer = part.task.expected();
            if answer.len() < 2 {
                continue;
            }
            answer.sort_by(f64::total_cmp);
            for p in &shown {
                let mut p = p.clone();
                p.sort_by(f64::total_cmp);
                let same = p.len() == answer.len()
                    && p.iter().zip(&answer).all(|(a, b)| (a - b).abs() < 5e-4);
                assert!(!same, "{level:?}: {answer:?} is already on the page");
            }
        }
    }
}

/// Check one task's answer against the core by an independent route.
fn verify(task: &Task) {
    let answer = task.expected();
    assert!(
        answer.iter().all(|v| v.is_finite()),
        "{task:?} -> {answer:?}"
    );
    match task {
        Task::Softmax {
            logits,
            shift,
            temperature,
            mask,
            ..
        } => {
            assert_eq!(answer.len(), logits.len());
            assert!(shift.is_finite());
            assert!(near(answer.iter().sum::<f64>(), 1.0, 1e-12));
            for (i, &p) in answer.iter().enumerate() {
                if mask[i] {
                    assert_eq!(p, 0.0);
                }
            }
            // Ratios of kept entries are e^(gap / T).
            let kept: Vec<usize> = (0..logits.len()).filter(|&i| !mask[i]).collect();
            for w in kept.windows(2) {
                let ratio = answer[w[0]] / answer[w[1]];
                let want = ((logits[w[0]] - logits[w[1]]) / temperature).exp();
                assert!(near(ratio / want, 1.0, 1e-12), "{task:?}");
            }
        }
        Task::LogSoftmax { logits } => {
            let lse = logsumexp(logits);
            for (i, &l) in answer.iter().enumerate() {
                assert!(near(l, logits[i] - lse, 1e-9), "{task:?}");
            }
            assert_eq!(answer, log_softmax(logits));
        }
        Task::MorePeaked {
            logits,
            temperatures,
        } => {
            // With distinct logits, the lower temperature is always sharper.
            let lower = temperatures[0].min(temperatures[1]);
            assert_eq!(answer, vec![lower]);
            let top = |t: f64| {
                softmax_with_temperature(logits, t)
                    .unwrap()
                    .into_iter()
                    .fold(0.0, f64::max)
            };
            assert!(top(lower) > top(temperatures[0].max(temperatures[1])));
        }
        Task::Ratio {
            logits,
            temperature,
            top,
            other,
            ..
        } => {
            let want = ((logits[*top] - logits[*other]) / temperature).exp();
            assert!(near(answer[0] / want, 1.0, 1e-12), "{task:?}");
            assert!(answer[0] > 1.0);
        }
        Task::Choice(step) => {
            assert_eq!(step.options.len(), step.feedback.len());
            assert!(step.correct < step.options.len());
            assert_eq!(answer, vec![step.correct as f64]);
        }
    }
    // And the checker agrees that the core's answer is right.
    let as_typed = if task.wants_vector() {
        Answer::Vector(answer)
    } else {
        Answer::Number(answer[0])
    };
    assert_eq!(check(task, &as_typed).outcome, Outcome::Correct, "{task:?}");
}

#[test]
fn every_generated_answer_is_verified_by_the_core() {
    for level in Level::ALL {
        for seed in 0..400 {
            let problem = generate(level, seed);
            assert!(!problem.parts.is_empty());
            assert!(problem.hints.len() >= 2, "{}", problem.id());
            assert!(!problem.solution.is_empty());
            for part in &problem.parts {
                verify(&part.task);
            }
        }
    }
}

/// Every text a problem shows: statement, prompts, hints, solution, and
/// the lines and feedback of its derivation and of its choice parts.
fn texts_of(p: &softmax_lesson::practice::problem::Problem) -> Vec<String> {
    let mut texts = vec![p.statement.clone()];
    texts.extend(p.hints.iter().cloned());
    texts.extend(p.solution.iter().cloned());
    let mut steps: Vec<_> = p.derivation.iter().flat_map(|d| d.steps.iter()).collect();
    if let Some(d) = &p.derivation {
        texts.push(d.start.clone());
    }
    for part in &p.parts {
        texts.push(part.prompt.clone());
        if let Task::Choice(step) = &part.task {
            steps.push(step);
        }
    }
    for step in steps {
        texts.push(step.prompt.clone());
        texts.extend(step.options.iter().cloned());
        texts.extend(step.feedback.iter().cloned());
    }
    texts
}

/// A line that is a formula has its words written out for screen readers
/// (a radio button gets no name from MathML); a line of words needs none.
#[test]
fn every_formula_line_to_choose_has_words_to_read_aloud() {
    for level in Level::ALL {
        for seed in 0..50 {
            let p = generate(level, seed);
            let mut steps: Vec<_> = p.derivation.iter().flat_map(|d| d.steps.iter()).collect();
            steps.extend(p.parts.iter().filter_map(|part| match &part.task {
                Task::Choice(step) => Some(step),
                _ => None,
            }));
            for step in steps {
                let formulas = step.options.iter().any(|o| o.contains('$'));
                if formulas {
                    assert_eq!(
                        step.spoken.len(),
                        step.options.len(),
                        "{}: {:?}",
                        p.id(),
                        step.prompt
                    );
                }
                for words in &step.spoken {
                    assert!(
                        !words.is_empty() && !words.contains(['$', '\\', '^', '_']),
                        "{words}"
                    );
                }
            }
        }
    }
}

#[test]
fn no_generated_text_shows_nan_or_undefined() {
    for level in Level::ALL {
        for seed in 0..200 {
            let p = generate(level, seed);
            for text in texts_of(&p) {
                // LaTeX's \infty is the typeset symbol; a bare "inf" would be
                // Rust's Display of an infinity leaking into the text.
                let words = text.replace("\\infty", "∞");
                assert!(
                    !words.contains("NaN")
                        && !words.contains("undefined")
                        && !words.contains("inf"),
                    "{}: {text}",
                    p.id()
                );
            }
        }
    }
}

/// The page shows every problem text typeset: each formula between `$`
/// signs parses, needs no inline style, and no `$` is left over.
#[test]
fn every_problem_text_typesets_as_mathml() {
    let mut formulas = 0;
    for level in Level::ALL {
        for seed in 0..300 {
            let p = generate(level, seed);
            for text in texts_of(&p) {
                let html = softmax_lesson::mathtext::text_to_html(&text)
                    .unwrap_or_else(|e| panic!("{}: {text}: {e}", p.id()));
                assert!(!html.contains('$'), "{}: {text}", p.id());
                formulas += html.matches("<math").count();
            }
        }
    }
    assert!(
        formulas > 10_000,
        "the problems are written with math: {formulas} formulas"
    );
}

#[test]
fn variants_cover_every_kind_size_mask_and_temperature() {
    let mut sizes = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    let mut temps = BTreeSet::new();
    for level in Level::ALL {
        for seed in 1..300 {
            for part in generate(level, seed).parts {
                match part.task {
                    Task::Softmax {
                        logits,
                        mask,
                        temperature,
                        ..
                    } => {
                        sizes.insert(logits.len());
                        kinds.insert(if mask.contains(&true) {
                            "masked"
                        } else {
                            "softmax"
                        });
                        temps.insert((temperature * 10.0) as i64);
                    }
                    Task::LogSoftmax { .. } => {
                        kinds.insert("log-softmax");
                    }
                    Task::MorePeaked { .. } => {
                        kinds.insert("peaked");
                    }
                    Task::Choice(_) => {
                        kinds.insert("reason");
                    }
                    Task::Ratio { .. } => {
                        kinds.insert("ratio");
                    }
                }
            }
        }
    }
    assert_eq!(sizes, (2..=5).collect());
    assert_eq!(kinds.len(), 6, "{kinds:?}");
    assert!(temps.len() >= 4, "{temps:?}");
}

/// The answer key's line for every part typesets, and carries the core's
/// numbers: the lesson's hard problem at T = 1 and its ratio at T = 2.
#[test]
fn every_answer_key_line_typesets_and_shows_the_cores_answer() {
    for level in Level::ALL {
        for seed in 0..100 {
            for part in generate(level, seed).parts {
                let line = part.task.answer_text();
                let html = softmax_lesson::mathtext::text_to_html(&line)
                    .unwrap_or_else(|e| panic!("{line}: {e}"));
                assert!(
                    !line.is_empty() && !html.contains('$') && !line.contains("NaN"),
                    "{line}"
                );
            }
        }
    }
    let hard = generate(Level::Hard, 0);
    assert_eq!(
        hard.parts[0].task.answer_text(),
        "$\\mathbf{p} \\approx (0.936, 0.047, 0.017)$"
    );
    assert_eq!(hard.parts[2].task.answer_text(), "$T = 1$ is more peaked");
    assert_eq!(
        hard.parts[4].task.answer_text(),
        "$p_{1} / p_{2} = e^{3 / 2} \\approx 4.482$"
    );
}

/// A worksheet shows every prompt at once, so no prompt of the hard
/// problem gives away part 3 (which temperature is more peaked): the two
/// ratio parts follow the statement's order of temperatures, whichever is
/// sharper.
#[test]
fn the_ratio_prompts_do_not_give_away_the_more_peaked_temperature() {
    let mut flat_first = 0;
    for seed in 0..300 {
        let p = generate(Level::Hard, seed);
        let Task::MorePeaked { temperatures, .. } = &p.parts[2].task else {
            panic!("{}: part 3 asks for the more peaked T", p.id());
        };
        let asked: Vec<f64> = p.parts[3..]
            .iter()
            .map(|part| match &part.task {
                Task::Ratio { temperature, .. } => *temperature,
                other => panic!("{}: {other:?}", p.id()),
            })
            .collect();
        assert_eq!(asked, temperatures.to_vec(), "{}", p.id());
        if p.parts[2].task.expected()[0] == temperatures[1] {
            flat_first += 1;
        }
    }
    assert!(
        flat_first > 20,
        "variants where the flatter T comes first: {flat_first}"
    );
}
