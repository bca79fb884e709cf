//! The learner's progress, as stored in the browser: solved problems, hints
//! used, and a review card per problem for the spaced-repetition schedule.
//!
//! The stored text is a small line of our own (no JSON dependency):
//!
//! ```text
//! v1;solved=easy-0,hard-17;hints=easy-0:1;review=easy-0:2:20422,hard-17:0:20420
//! ```
//!
//! Each problem is named `LEVEL-SEED`; a review entry is
//! `LEVEL-SEED:BOX:DUE_DAY` (days since 1970-01-01, UTC). [`Progress::parse`]
//! validates every field and refuses the whole record (with a reason) if
//! anything is off: another version, a foreign value such as JSON, an unknown
//! level, a seed, box, hint count or day out of range, too many entries, or
//! a record that is simply too long. The page then starts afresh and says so.

use crate::practice::generate::MAX_SEED;
use crate::practice::problem::Level;
use crate::Error;
use std::fmt;

/// The format's version, the first field of every record.
pub const VERSION: &str = "v1";
/// The longest record accepted, in bytes. It must hold the fullest record
/// [`Progress::to_text`] can write (every list at [`MAX_ENTRIES`] with the
/// longest names, counts and days: about 21 KB), or a learner with that much
/// progress would find it refused on the next visit.
pub const MAX_RECORD_LENGTH: usize = 32_768;
/// The most entries any one field may hold.
pub const MAX_ENTRIES: usize = 400;
/// The highest Leitner box.
pub const MAX_BOX: u8 = 8;
/// The most hints a record may count for one problem.
pub const MAX_HINTS: u8 = 9;
/// The last day a record may mention (days since 1970; about the year 2517).
pub const MAX_DAY: u32 = 200_000;

/// A problem's name: its level and seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProblemId {
    /// The level.
    pub level: Level,
    /// The seed (0 is the lesson's own problem).
    pub seed: u32,
}

impl fmt::Display for ProblemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.level.name(), self.seed)
    }
}

impl ProblemId {
    /// Read `easy-0`, `hard-17`, ...
    pub fn parse(text: &str) -> Result<ProblemId, Error> {
        let (level, seed) = text
            .split_once('-')
            .ok_or_else(|| invalid(format!("\"{}\" is not a problem name", clip(text))))?;
        let level = Level::named(level)
            .ok_or_else(|| invalid(format!("\"{}\" is not a level", clip(level))))?;
        let seed = small_number(seed, MAX_SEED, "a seed")?;
        Ok(ProblemId { level, seed })
    }
}

/// Where a problem stands in the review schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Card {
    /// The Leitner box, 0 (review now) to [`MAX_BOX`].
    pub box_index: u8,
    /// The day (since 1970) on which it is due again.
    pub due: u32,
}

/// Everything remembered about the learner's practice. Each list is kept
/// sorted by problem and holds each problem once (sorted vectors rather than
/// B-trees: they cost the wasm download a fraction as much).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    solved: Vec<ProblemId>,
    hints: Vec<(ProblemId, u8)>,
    review: Vec<(ProblemId, Card)>,
}

/// Insert or replace the entry for `id` in a list sorted by problem.
fn upsert<V>(list: &mut Vec<(ProblemId, V)>, id: ProblemId, value: V) {
    match list.binary_search_by(|(k, _)| k.cmp(&id)) {
        Ok(i) => list[i].1 = value,
        Err(i) => list.insert(i, (id, value)),
    }
}

fn lookup<V: Copy>(list: &[(ProblemId, V)], id: ProblemId) -> Option<V> {
    list.binary_search_by(|(k, _)| k.cmp(&id))
        .ok()
        .map(|i| list[i].1)
}

fn invalid(message: String) -> Error {
    Error::Invalid(message)
}

fn clip(text: &str) -> String {
    text.chars().take(16).collect()
}

fn small_number(text: &str, max: u32, what: &str) -> Result<u32, Error> {
    if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(format!("\"{}\" is not {what}", clip(text))));
    }
    match text.parse::<u32>() {
        Ok(v) if v <= max => Ok(v),
        _ => Err(invalid(format!("{what} is out of range ({})", clip(text)))),
    }
}

fn items(value: &str) -> Result<Vec<&str>, Error> {
    if value.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<&str> = value.split(',').collect();
    if list.len() > MAX_ENTRIES {
        return Err(invalid(format!(
            "a list holds more than {MAX_ENTRIES} entries"
        )));
    }
    Ok(list)
}

impl Progress {
    /// Read a stored record, validating every field. On any problem the
    /// whole record is refused with a reason a person can read.
    pub fn parse(text: &str) -> Result<Progress, Error> {
        if text.len() > MAX_RECORD_LENGTH {
            return Err(invalid(format!(
                "the record is longer than {MAX_RECORD_LENGTH} characters"
            )));
        }
        let mut fields = text.trim().split(';');
        match fields.next() {
            Some(VERSION) => {}
            Some(v) if v.starts_with('v') && v.len() < 8 => {
                return Err(invalid(format!(
                    "it was written by another version of the lesson ({})",
                    clip(v)
                )))
            }
            _ => {
                return Err(invalid(
                    "it is not a practice record of this lesson".to_owned(),
                ))
            }
        }
        let mut progress = Progress::default();
        let mut seen: Vec<&str> = Vec::new();
        for field in fields {
            let (name, value) = field
                .split_once('=')
                .ok_or_else(|| invalid(format!("the field \"{}\" has no value", clip(field))))?;
            if seen.contains(&name) {
                return Err(invalid(format!(
                    "the field \"{}\" appears twice",
                    clip(name)
                )));
            }
            seen.push(name);
            match name {
                "solved" => {
                    for item in items(value)? {
                        progress.mark_solved(ProblemId::parse(item)?);
                    }
                }
                "hints" => {
                    for item in items(value)? {
                        let (id, count) = item.split_once(':').ok_or_else(|| {
                            invalid(format!("the hint entry \"{}\" has no count", clip(item)))
                        })?;
                        let count = small_number(count, u32::from(MAX_HINTS), "a hint count")?;
                        upsert(&mut progress.hints, ProblemId::parse(id)?, count as u8);
                    }
                }
                "review" => {
                    for item in items(value)? {
                        let parts: Vec<&str> = item.split(':').collect();
                        let [id, box_index, due] = parts.as_slice() else {
                            return Err(invalid(format!(
                                "the review entry \"{}\" is not NAME:BOX:DAY",
                                clip(item)
                            )));
                        };
                        let box_index = small_number(box_index, u32::from(MAX_BOX), "a box")?;
                        let due = small_number(due, MAX_DAY, "a day")?;
                        upsert(
                            &mut progress.review,
                            ProblemId::parse(id)?,
                            Card {
                                box_index: box_index as u8,
                                due,
                            },
                        );
                    }
                }
                other => {
                    return Err(invalid(format!(
                        "it has an unknown field \"{}\"",
                        clip(other)
                    )))
                }
            }
        }
        Ok(progress)
    }

    /// The record to store; [`Progress::parse`] reads it back unchanged.
    pub fn to_text(&self) -> String {
        let solved: Vec<String> = self.solved.iter().map(|id| id.to_string()).collect();
        let hints: Vec<String> = self
            .hints
            .iter()
            .map(|(id, n)| format!("{id}:{n}"))
            .collect();
        let review: Vec<String> = self
            .review
            .iter()
            .map(|(id, c)| format!("{id}:{}:{}", c.box_index, c.due))
            .collect();
        format!(
            "{VERSION};solved={};hints={};review={}",
            solved.join(","),
            hints.join(","),
            review.join(",")
        )
    }

    /// Remember that `count` hints of `id` are showing (keeps the largest).
    pub fn note_hints(&mut self, id: ProblemId, count: usize) {
        let count = (count.min(usize::from(MAX_HINTS)) as u8).max(self.hints_for(id));
        upsert(&mut self.hints, id, count);
        self.trim();
    }

    /// How many hints of `id` have been revealed (0 if none).
    pub fn hints_for(&self, id: ProblemId) -> u8 {
        lookup(&self.hints, id).unwrap_or(0)
    }

    /// Hints revealed, over every problem.
    pub fn total_hints(&self) -> u32 {
        self.hints.iter().map(|&(_, n)| u32::from(n)).sum()
    }

    /// Whether `id` has been solved.
    pub fn is_solved(&self, id: ProblemId) -> bool {
        self.solved.binary_search(&id).is_ok()
    }

    /// How many problems have been solved.
    pub fn solved_count(&self) -> usize {
        self.solved.len()
    }

    /// Mark `id` solved.
    pub fn mark_solved(&mut self, id: ProblemId) {
        if let Err(i) = self.solved.binary_search(&id) {
            self.solved.insert(i, id);
        }
        self.trim();
    }

    /// The review card of `id`, if it has one.
    pub fn card(&self, id: ProblemId) -> Option<Card> {
        lookup(&self.review, id)
    }

    /// Give `id` the review card `card`.
    pub fn set_card(&mut self, id: ProblemId, card: Card) {
        upsert(&mut self.review, id, card);
        self.trim();
    }

    /// Every review card, by problem.
    pub fn cards(&self) -> &[(ProblemId, Card)] {
        &self.review
    }

    /// Keep every list within [`MAX_ENTRIES`] so a record always reads back
    /// (the highest-named entries go first, so the lesson's own problems stay).
    fn trim(&mut self) {
        self.solved.truncate(MAX_ENTRIES);
        self.hints.truncate(MAX_ENTRIES);
        self.review.truncate(MAX_ENTRIES);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written() {
        let text = "v1;solved=easy-0,hard-17;hints=easy-0:1;review=easy-0:2:20422,hard-17:0:20420";
        let progress = Progress::parse(text).unwrap();
        assert_eq!(progress.solved_count(), 2);
        assert_eq!(Progress::parse(&progress.to_text()).unwrap(), progress);
        assert_eq!(
            Progress::parse(&Progress::default().to_text()).unwrap(),
            Progress::default()
        );
    }

    #[test]
    fn corrupt_or_foreign_records_are_refused_with_a_reason() {
        let huge = format!("v1;solved={}", "easy-1,".repeat(5000));
        for bad in [
            "",
            "{\"solved\":[\"easy-0\"]}",
            "v2;solved=easy-0",
            "v1;solved=expert-0",
            "v1;solved=easy-99999999999",
            "v1;solved=easy-1000000",
            "v1;hints=easy-0:999",
            "v1;review=easy-0:2",
            "v1;review=easy-0:99:1",
            "v1;review=easy-0:1:99999999",
            "v1;solved=easy-0;solved=hard-0",
            "v1;colour=blue",
            "v1;solved",
            "v1;solved=easy--1",
            "v1;solved=easy-+1",
            huge.as_str(),
        ] {
            let result = Progress::parse(bad);
            assert!(result.is_err(), "{bad:?} was accepted");
            assert!(!result.unwrap_err().to_string().is_empty());
        }
    }
}
