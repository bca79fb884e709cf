//! The stored progress record, the stored place in each problem and the
//! review schedule, held to their promises for any input: a record never
//! crashes the reader, whatever the browser hands back; whatever the
//! learner does is stored in a record that reads back unchanged; and a
//! stored place that no longer fits its problem is recognised as such.

use proptest::prelude::*;
use softmax_lesson::practice::check::check;
use softmax_lesson::practice::generate;
use softmax_lesson::practice::parse::Answer;
use softmax_lesson::practice::place::{Place, Places};
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

/// The hard problem on part 2 and the medium problem's chosen lines, as the
/// page stores them, read back and fit their problems.
#[test]
fn a_place_part_way_through_reads_back_and_fits() {
    let hard = generate(Level::Hard, 0);
    let medium = generate(Level::Medium, 0);
    let places = Places(vec![
        Place {
            id: ProblemId {
                level: Level::Medium,
                seed: 0,
            },
            part: 0,
            choices: vec![Some(1), Some(2), None, Some(1)],
            solution: false,
            missed: true,
        },
        Place {
            id: ProblemId {
                level: Level::Hard,
                seed: 0,
            },
            part: 1,
            choices: Vec::new(),
            solution: true,
            missed: false,
        },
    ]);
    let back = Places::parse(&places.to_text()).unwrap();
    assert_eq!(back, places);
    assert!(back.at(Level::Hard).unwrap().fits(&hard));
    assert!(back.at(Level::Medium).unwrap().fits(&medium));
    // Stale: a part the problem does not have, choices for steps it does
    // not have, a line a step does not offer, another problem's place.
    let stale = |f: &dyn Fn(&mut Place)| {
        let mut p = back.at(Level::Medium).unwrap().clone();
        f(&mut p);
        p.fits(&medium)
    };
    assert!(!stale(&|p| p.part = 2));
    assert!(!stale(&|p| p.choices.push(Some(0))));
    assert!(!stale(&|p| p.choices[0] = Some(7)));
    assert!(!stale(&|p| p.id.seed = 5));
    assert!(!stale(&|p| p.id.level = Level::Easy));
    assert!(stale(&|p| p.choices.clear()));
}

proptest! {
    #[test]
    fn any_stored_place_is_read_or_refused_never_a_crash(
        text in prop_oneof!["\\PC{0,80}", "p1;[a-z0-9:,_-]{0,80}"]
    ) {
        if let Ok(places) = Places::parse(&text) {
            prop_assert!(places.0.len() <= 3);
            prop_assert_eq!(Places::parse(&places.to_text()).unwrap(), places.clone());
            for place in &places.0 {
                // Checking a place against any problem never panics.
                for level in Level::ALL {
                    let _ = place.fits(&generate(level, place.id.seed));
                }
            }
        }
    }

    #[test]
    fn a_place_fits_exactly_when_its_part_and_choices_exist(
        l in 0u8..3,
        seed in 0u32..500,
        part in 0usize..10,
        choices in prop::collection::vec(prop::option::of(0usize..10), 0..6),
    ) {
        let problem = generate(level(l), seed);
        let place = Place {
            id: ProblemId { level: level(l), seed: problem.seed },
            part,
            choices: choices.clone(),
            solution: false,
            missed: false,
        };
        let steps = problem.derivation.as_ref().map_or(Vec::new(), |d| d.steps.clone());
        let want = part <= problem.parts.len()
            && (choices.is_empty()
                || (choices.len() == steps.len()
                    && choices.iter().zip(&steps).all(|(c, s)| c.is_none_or(|c| c < s.options.len()))));
        prop_assert_eq!(place.fits(&problem), want);
        let back = Places::parse(&Places(vec![place.clone()]).to_text()).unwrap();
        prop_assert_eq!(back.0, vec![place]);
    }
}
