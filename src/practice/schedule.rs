//! Spaced repetition: a Leitner schedule over the problems the learner has
//! tried. A problem solved without hints moves up one box and comes back
//! after `2^(box − 1)` days (1, 2, 4, ... up to 128); solved with hints it
//! goes to box 1 (tomorrow); a wrong answer sends it to box 0 (review today).

use crate::practice::progress::{Card, ProblemId, Progress, MAX_BOX, MAX_DAY};

/// Milliseconds in a day.
const DAY_MS: f64 = 86_400_000.0;

/// The day number (days since 1970-01-01, UTC) of a JavaScript time in
/// milliseconds; `None` for NaN, negative or far-future times.
pub fn day_of(milliseconds: f64) -> Option<u32> {
    let day = (milliseconds / DAY_MS).floor();
    (day.is_finite() && (0.0..=f64::from(MAX_DAY)).contains(&day)).then_some(day as u32)
}

/// The interval before a card in `box_index` is due again: 0 days for box
/// 0, else `2^(box − 1)` days.
pub fn interval_days(box_index: u8) -> u32 {
    match box_index.min(MAX_BOX) {
        0 => 0,
        b => 1 << (b - 1),
    }
}

/// The schedule in words, for the page (the intervals come from
/// [`interval_days`]).
pub fn explanation() -> String {
    let days: Vec<String> = (1..=5).map(|b| interval_days(b).to_string()).collect();
    format!(
        "A solved problem comes back for review after {} day, then {} days while you keep solving it without hints, up to {} days; a hint or the worked solution brings it back after {} day, and a wrong answer keeps it due today until you solve it. Progress stays in this browser only.",
        days[0],
        days[1..].join(", "),
        interval_days(MAX_BOX),
        interval_days(1),
    )
}

/// How an attempt ended, for the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// Every part right, with no hint shown.
    Solved,
    /// Every part right, with at least one hint shown.
    SolvedWithHints,
    /// A wrong answer was checked.
    Missed,
}

/// Update the card of `id` after an attempt on day `today`, and mark the
/// problem solved when it was.
pub fn record(progress: &mut Progress, id: ProblemId, attempt: Attempt, today: u32) {
    let old = progress.card(id).map_or(0, |c| c.box_index);
    let box_index = match attempt {
        Attempt::Solved => (old + 1).min(MAX_BOX),
        Attempt::SolvedWithHints => 1,
        Attempt::Missed => 0,
    };
    let due = today.saturating_add(interval_days(box_index)).min(MAX_DAY);
    progress.set_card(id, Card { box_index, due });
    if attempt != Attempt::Missed {
        progress.mark_solved(id);
    }
}

/// Every scheduled problem with its card, the ones due soonest first.
pub fn upcoming(progress: &Progress) -> Vec<(ProblemId, Card)> {
    // An insertion sort: at most a few hundred cards, and far less code in
    // the wasm than the standard library's sorts.
    let mut cards: Vec<(ProblemId, Card)> = Vec::with_capacity(progress.cards().len());
    for &(id, card) in progress.cards() {
        let at = cards
            .iter()
            .position(|&(other, c)| (card.due, id) < (c.due, other))
            .unwrap_or(cards.len());
        cards.insert(at, (id, card));
    }
    cards
}

/// The problems due on or before `today`.
pub fn due(progress: &Progress, today: u32) -> Vec<ProblemId> {
    upcoming(progress)
        .into_iter()
        .filter(|(_, c)| c.due <= today)
        .map(|(id, _)| id)
        .collect()
}

/// "today", "tomorrow", "in 4 days" for a card due on `due`.
pub fn when(due: u32, today: u32) -> String {
    match due.saturating_sub(today) {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        n => format!("in {n} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::problem::Level;

    const ID: ProblemId = ProblemId {
        level: Level::Hard,
        seed: 3,
    };

    #[test]
    fn solving_without_hints_doubles_the_interval() {
        let mut p = Progress::default();
        let mut gaps = Vec::new();
        for _ in 0..5 {
            record(&mut p, ID, Attempt::Solved, 100);
            gaps.push(p.card(ID).unwrap().due - 100);
        }
        assert_eq!(gaps, vec![1, 2, 4, 8, 16]);
        assert!(p.is_solved(ID));
    }

    #[test]
    fn a_miss_brings_the_problem_back_today_and_hints_tomorrow() {
        let mut p = Progress::default();
        record(&mut p, ID, Attempt::Solved, 100);
        record(&mut p, ID, Attempt::Solved, 101);
        record(&mut p, ID, Attempt::Missed, 105);
        assert_eq!(due(&p, 105), vec![ID]);
        record(&mut p, ID, Attempt::SolvedWithHints, 105);
        assert_eq!(due(&p, 105), vec![]);
        assert_eq!(due(&p, 106), vec![ID]);
        assert_eq!(when(106, 105), "tomorrow");
    }

    #[test]
    fn the_box_and_the_day_stay_in_range() {
        let mut p = Progress::default();
        for _ in 0..50 {
            record(&mut p, ID, Attempt::Solved, MAX_DAY);
        }
        assert_eq!(p.card(ID).unwrap().box_index, MAX_BOX);
        assert_eq!(p.card(ID).unwrap().due, MAX_DAY);
        assert_eq!(day_of(f64::NAN), None);
        assert_eq!(day_of(-1.0), None);
        assert_eq!(day_of(86_400_000.0 * 3.5), Some(3));
    }

    #[test]
    fn the_explanation_quotes_the_real_intervals() {
        let text = explanation();
        assert!(
            text.contains("after 1 day, then 2, 4, 8, 16 days"),
            "{text}"
        );
        assert!(text.contains("up to 128 days"), "{text}");
    }

    #[test]
    fn the_soonest_review_comes_first() {
        let mut p = Progress::default();
        let easy = ProblemId {
            level: Level::Easy,
            seed: 9,
        };
        record(&mut p, ID, Attempt::Solved, 100);
        record(&mut p, ID, Attempt::Solved, 100);
        record(&mut p, easy, Attempt::Missed, 100);
        let order: Vec<ProblemId> = upcoming(&p).into_iter().map(|(id, _)| id).collect();
        assert_eq!(order, vec![easy, ID]);
    }
}
