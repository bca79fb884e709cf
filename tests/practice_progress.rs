//! The stored progress record and the review schedule, held to their
//! promises for any input: a record never crashes the reader, whatever
//! the browser hands back, and whatever the learner does is stored in a
//! record that reads back unchanged.

use proptest::prelude::*;
use softmax_lesson::practice::check::check;
use softmax_lesson::practice::generate;
use softmax_lesson::practice::parse::Answer;
use softmax_lesson::practice::problem::Level;
use softmax_lesson::practice::progress::{ProblemId, Progress, MAX_ENTRIES};
use softmax_lesson::practice::schedule::{due, record, Attempt};

fn level(i: u8) -> Level {
    Level::ALL[usize::from(i % 3)]
}

proptest! {
    #[test]
    fn any_stored_text_is_read_or_refused_never_a_crash(text in "\\PC{0,200}") {
        let _ = Progress::parse(&text);
    }

    #[test]
    fn record_like_text_is_read_or_refused_never_a_crash(
        text in "v1;(solved|hints|review)=[a-z0-9:,;=-]{0,120}"
    ) {
        if let Ok(progress) = Progress::parse(&text) {
            prop_assert_eq!(Progress::parse(&progress.to_text()).unwrap(), progress);
        }
    }

    #[test]
    fn whatever_the_learner_does_reads_back_unchanged(
        actions in prop::collection::vec((0u8..3, 0u32..1000, 0u8..3, 0usize..4, 19_000u32..21_000), 0..60)
    ) {
        let mut progress = Progress::default();
        for (l, seed, outcome, hints, day) in actions {
            let id = ProblemId { level: level(l), seed };
            progress.note_hints(id, hints);
            let attempt = [Attempt::Solved, Attempt::SolvedWithHints, Attempt::Missed][usize::from(outcome)];
            record(&mut progress, id, attempt, day);
        }
        let text = progress.to_text();
        prop_assert_eq!(Progress::parse(&text).unwrap(), progress.clone());
        prop_assert!(due(&progress, 21_000 + 200).len() <= MAX_ENTRIES);
    }

    #[test]
    fn any_answer_to_any_problem_gets_a_verdict_with_words(
        l in 0u8..3,
        seed in 0u32..2000,
        values in prop::collection::vec(prop_oneof![-1e300f64..1e300, Just(f64::NEG_INFINITY), Just(f64::INFINITY), Just(0.0)], 1..7),
    ) {
        for part in generate(level(l), seed).parts {
            let verdict = check(&part.task, &Answer::Vector(values.clone()));
            prop_assert!(!verdict.message.is_empty());
            prop_assert!(!verdict.message.contains("NaN"));
        }
    }
}
