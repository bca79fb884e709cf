//! Assignments: the same problems for a whole class, from one link.
//!
//! A teacher picks the problems (a level and a seed each; seed 0 is the
//! lesson's own problem) and shares a link such as
//! `?set=easy-12,hard-7#practice`. Every student who opens it gets exactly
//! those problems, in that order, in any browser: a problem is a pure
//! function of its level and seed ([`crate::practice::generate()`]).
//!
//! Work on an assignment is kept apart from free practice (the page stores
//! it under keys that name the assignment), and the student can copy a
//! plain-text [`summary`] of it to hand in: each problem, how far they got,
//! the answers that were accepted, how many answers were wrong, the hints
//! used and whether the worked solution was opened.
//!
//! The [`Answers`] record keeps the accepted answers across reloads, as
//! lines of tab-separated fields:
//!
//! ```text
//! a1
//! easy-12→2→1/4→their exponentials are all equal
//! hard-7→0→0.936 0.047 0.017
//! ```
//!
//! (each `→` stands for a tab).
//! Each line is `PROBLEM<TAB>WRONG<TAB>ANSWER...`: the problem, the number of
//! wrong answers checked (up to [`MAX_WRONG`]) and the accepted answer of
//! each part in order. [`Answers::parse`] refuses anything else, so a
//! corrupted or hostile stored value is ignored, never half read.

use crate::practice::parse::MAX_ANSWER_LENGTH;
use crate::practice::problem::{Level, Problem};
use crate::practice::progress::ProblemId;
use crate::Error;

/// The version line of the [`Answers`] record.
pub const VERSION: &str = "a1";
/// The most wrong answers counted for one problem.
pub const MAX_WRONG: u32 = 999;
/// The longest assignment text accepted (`easy-999999,medium-...`).
pub const MAX_SET_LENGTH: usize = 64;
/// The most parts a problem may record answers for.
const MAX_PARTS: usize = 10;

fn invalid(message: impl Into<String>) -> Error {
    Error::Invalid(message.into())
}

/// The problems of an assignment, in order; at most one per level (the
/// page shows one problem per level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    problems: Vec<ProblemId>,
}

impl Assignment {
    /// An assignment of `problems`, in order. Refused when it is empty or
    /// names a level twice.
    pub fn new(problems: Vec<ProblemId>) -> Result<Assignment, Error> {
        if problems.is_empty() {
            return Err(invalid(
                "Tick at least one problem: an assignment needs one.",
            ));
        }
        for (i, p) in problems.iter().enumerate() {
            if problems[..i].iter().any(|q| q.level == p.level) {
                return Err(invalid(format!(
                    "An assignment has one problem per level; {} is named twice.",
                    p.level.name()
                )));
            }
        }
        Ok(Assignment { problems })
    }

    /// Read the `set` value of a link: problem names separated by commas,
    /// such as `easy-12,hard-7`.
    pub fn parse(text: &str) -> Result<Assignment, Error> {
        if text.len() > MAX_SET_LENGTH {
            return Err(invalid("The assignment in this link is too long."));
        }
        let problems = text
            .split(',')
            .map(|name| {
                ProblemId::parse(name.trim())
                    .map_err(|e| invalid(format!("The assignment in this link is not valid: {e}.")))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Assignment::new(problems)
    }

    /// The `set` value of the link: `easy-12,hard-7`.
    pub fn to_text(&self) -> String {
        let names: Vec<String> = self.problems.iter().map(ProblemId::to_string).collect();
        names.join(",")
    }

    /// The problems, in order.
    pub fn problems(&self) -> &[ProblemId] {
        &self.problems
    }

    /// The problem set at `level`, if any.
    pub fn at(&self, level: Level) -> Option<ProblemId> {
        self.problems.iter().copied().find(|p| p.level == level)
    }

    /// One line for the top of the practice section.
    pub fn describe(&self) -> String {
        let names: Vec<String> = self.problems.iter().map(|p| problem_name(*p)).collect();
        format!(
            "Assignment: {}. Your work on it is kept apart from your free practice.",
            names.join(", ")
        )
    }
}

/// "the easy problem with the lesson's own numbers", "the hard problem,
/// variant 7".
fn problem_name(id: ProblemId) -> String {
    if id.seed == 0 {
        format!(
            "the {} problem with the lesson's own numbers",
            id.level.name()
        )
    } else {
        format!("the {} problem, variant {}", id.level.name(), id.seed)
    }
}

/// The accepted answers and the count of wrong ones, per problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    entries: Vec<(ProblemId, u32, Vec<String>)>,
}

/// An answer as it is kept: on one line, with no tab, at most
/// [`MAX_ANSWER_LENGTH`] characters.
fn clean(answer: &str) -> String {
    answer
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_ANSWER_LENGTH)
        .collect::<String>()
        .trim()
        .to_owned()
}

impl Answers {
    fn entry(&mut self, id: ProblemId) -> &mut (ProblemId, u32, Vec<String>) {
        let at = match self.entries.iter().position(|e| e.0 == id) {
            Some(at) => at,
            None => {
                self.entries.push((id, 0, Vec::new()));
                self.entries.len() - 1
            }
        };
        &mut self.entries[at]
    }

    /// Record `answer`, accepted for part `part` of problem `id`.
    pub fn accept(&mut self, id: ProblemId, part: usize, answer: &str) {
        if part >= MAX_PARTS {
            return;
        }
        let answers = &mut self.entry(id).2;
        answers.truncate(part);
        while answers.len() < part {
            answers.push(String::new());
        }
        answers.push(clean(answer));
    }

    /// Count one wrong answer for problem `id`.
    pub fn miss(&mut self, id: ProblemId) {
        let entry = self.entry(id);
        entry.1 = (entry.1 + 1).min(MAX_WRONG);
    }

    /// The accepted answers of problem `id`, by part.
    pub fn accepted(&self, id: ProblemId) -> &[String] {
        self.entries
            .iter()
            .find(|e| e.0 == id)
            .map_or(&[][..], |e| &e.2[..])
    }

    /// How many wrong answers were checked for problem `id`.
    pub fn wrong(&self, id: ProblemId) -> u32 {
        self.entries.iter().find(|e| e.0 == id).map_or(0, |e| e.1)
    }

    /// Forget everything.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The stored text (see the module's documentation).
    pub fn to_text(&self) -> String {
        let mut text = VERSION.to_owned();
        for (id, wrong, answers) in &self.entries {
            text.push('\n');
            text.push_str(&format!("{id}\t{wrong}"));
            for answer in answers {
                text.push('\t');
                text.push_str(answer);
            }
        }
        text
    }

    /// Read a stored record; anything malformed is an error and nothing of
    /// it is kept.
    pub fn parse(text: &str) -> Result<Answers, Error> {
        let mut lines = text.split('\n');
        if lines.next() != Some(VERSION) {
            return Err(invalid("The stored answers are from another version."));
        }
        let mut answers = Answers::default();
        for line in lines {
            let mut fields = line.split('\t');
            let id = ProblemId::parse(fields.next().unwrap_or(""))?;
            let wrong = fields
                .next()
                .and_then(|w| w.parse::<u32>().ok())
                .filter(|&w| w <= MAX_WRONG)
                .ok_or_else(|| invalid("The stored count of wrong answers is not valid."))?;
            let given: Vec<String> = fields.map(str::to_owned).collect();
            let fits = given.len() <= MAX_PARTS
                && given.iter().all(|a| {
                    a.chars().count() <= MAX_ANSWER_LENGTH && !a.contains(char::is_control)
                });
            if !fits || answers.entries.iter().any(|e| e.0 == id) {
                return Err(invalid("The stored answers are not valid."));
            }
            answers.entries.push((id, wrong, given));
        }
        Ok(answers)
    }
}

/// How one problem of the assignment stands, for the [`summary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Parts answered (every part of a solved problem).
    pub parts_done: usize,
    /// Whether the problem is solved (every part, and its derivation).
    pub solved: bool,
    /// Hints shown.
    pub hints: usize,
    /// Whether the worked solution was opened.
    pub solution: bool,
}

/// The one line the practice section shows about an assignment's work:
/// `On this assignment: 1 of 2 problems solved, 1 hint used.` (no review
/// schedule: an assignment is handed in, not reviewed).
pub fn standing_line(standings: &[Standing]) -> String {
    let solved = standings.iter().filter(|s| s.solved).count();
    let hints: usize = standings.iter().map(|s| s.hints).sum();
    let total = standings.len();
    let problems = if total == 1 { "problem" } else { "problems" };
    let hints = match hints {
        0 => "no hints used".to_owned(),
        1 => "1 hint used".to_owned(),
        n => format!("{n} hints used"),
    };
    format!("On this assignment: {solved} of {total} {problems} solved, {hints}.")
}

/// What a solved problem says when the page is opened again: that it is
/// solved, with the answers that were accepted (an assignment keeps them).
pub fn solved_note(accepted: &[String]) -> String {
    let answers: Vec<String> = accepted
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.is_empty())
        .map(|(k, a)| {
            let stop = if a.ends_with('.') { "" } else { "." };
            format!("Part {}: {a}{stop}", k + 1)
        })
        .collect();
    if answers.is_empty() {
        "Solved: every part of this problem is answered.".to_owned()
    } else {
        format!(
            "Solved: every part of this problem is answered. Your accepted answers: {}",
            answers.join(" ")
        )
    }
}

/// The plain-text summary a student hands in: for each problem of the
/// assignment (given with its standing), what was solved and answered.
pub fn summary(
    assignment: &Assignment,
    problems: &[(&Problem, Standing)],
    answers: &Answers,
) -> String {
    let mut lines = vec![
        format!("Softmax lesson: assignment {}", assignment.to_text()),
        "Name: ".to_owned(),
        String::new(),
    ];
    for (problem, standing) in problems {
        let id = ProblemId {
            level: problem.level,
            seed: problem.seed,
        };
        let total = problem.parts.len();
        let state = if standing.solved {
            "solved".to_owned()
        } else {
            format!(
                "not finished ({} of {total} parts answered)",
                standing.parts_done
            )
        };
        let mut name = problem_name(id);
        if let Some(first) = name.get(..1) {
            name = first.to_ascii_uppercase() + &name[1..];
        }
        lines.push(format!("{name} ({}): {state}.", problem.topic));
        for (k, answer) in answers.accepted(id).iter().enumerate().take(total) {
            if !answer.is_empty() {
                lines.push(format!("  Part {} of {total}: {answer}", k + 1));
            }
        }
        let hints = match standing.hints {
            0 => "no hints".to_owned(),
            1 => "1 hint".to_owned(),
            n => format!("{n} hints"),
        };
        let wrong = match answers.wrong(id) {
            0 => "no wrong answers".to_owned(),
            1 => "1 wrong answer".to_owned(),
            n => format!("{n} wrong answers"),
        };
        let solution = if standing.solution {
            "worked solution opened"
        } else {
            "worked solution not opened"
        };
        lines.push(format!("  {wrong}, {hints}, {solution}."));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::generate;

    #[test]
    fn the_standing_line_counts_solved_problems_and_hints() {
        let done = Standing {
            parts_done: 2,
            solved: true,
            hints: 1,
            solution: false,
        };
        let open = Standing {
            parts_done: 0,
            solved: false,
            hints: 0,
            solution: false,
        };
        assert_eq!(
            standing_line(&[done, open]),
            "On this assignment: 1 of 2 problems solved, 1 hint used."
        );
        assert_eq!(
            standing_line(&[open]),
            "On this assignment: 0 of 1 problem solved, no hints used."
        );
        assert_eq!(
            standing_line(&[done, done]),
            "On this assignment: 2 of 2 problems solved, 2 hints used."
        );
    }

    #[test]
    fn a_solved_note_lists_the_accepted_answers() {
        assert_eq!(
            solved_note(&[]),
            "Solved: every part of this problem is answered."
        );
        assert_eq!(
            solved_note(&["1/4".into(), String::new(), "0.5".into()]),
            "Solved: every part of this problem is answered. Your accepted answers: Part 1: 1/4. Part 3: 0.5."
        );
        assert!(solved_note(&["All equal.".into()]).ends_with("answers: Part 1: All equal."));
    }

    #[test]
    fn a_set_reads_back_and_refuses_what_a_page_cannot_show() {
        let set = Assignment::parse("easy-12, hard-7").unwrap();
        assert_eq!(set.to_text(), "easy-12,hard-7");
        assert_eq!(set.at(Level::Hard).map(|p| p.seed), Some(7));
        assert_eq!(set.at(Level::Medium), None);
        for bad in [
            "",
            "easy-1,easy-2",
            "easy-x",
            "tricky-1",
            "easy-1000000",
            &"easy-1,".repeat(20),
        ] {
            assert!(Assignment::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn answers_survive_their_record_and_bad_records_are_refused() {
        let easy = ProblemId {
            level: Level::Easy,
            seed: 12,
        };
        let mut answers = Answers::default();
        answers.miss(easy);
        answers.accept(easy, 0, "1/4\tline\nbreak");
        answers.accept(easy, 1, "their exponentials are all equal");
        let back = Answers::parse(&answers.to_text()).unwrap();
        assert_eq!(back, answers);
        assert_eq!(back.accepted(easy)[0], "1/4 line break");
        assert_eq!(back.wrong(easy), 1);
        for bad in [
            "",
            "a0\neasy-1\t0",
            "a1\neasy-1",
            "a1\neasy-1\t-1",
            "a1\neasy-1\t0\neasy-1\t0",
            "a1\nfoo\t0",
        ] {
            assert!(Answers::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_summary_says_what_was_done() {
        let set = Assignment::parse("easy-0,hard-0").unwrap();
        let easy = generate(Level::Easy, 0);
        let hard = generate(Level::Hard, 0);
        let mut answers = Answers::default();
        let easy_id = ProblemId {
            level: Level::Easy,
            seed: 0,
        };
        answers.accept(easy_id, 0, "1/4");
        answers.miss(easy_id);
        let text = summary(
            &set,
            &[
                (
                    &easy,
                    Standing {
                        parts_done: 1,
                        solved: false,
                        hints: 1,
                        solution: false,
                    },
                ),
                (
                    &hard,
                    Standing {
                        parts_done: 5,
                        solved: true,
                        hints: 0,
                        solution: true,
                    },
                ),
            ],
            &answers,
        );
        assert!(
            text.starts_with("Softmax lesson: assignment easy-0,hard-0\n"),
            "{text}"
        );
        assert!(text.contains("The easy problem with the lesson's own numbers (a softmax by hand): not finished (1 of 2 parts answered)."), "{text}");
        assert!(text.contains("  Part 1 of 2: 1/4"), "{text}");
        assert!(
            text.contains("  1 wrong answer, 1 hint, worked solution not opened."),
            "{text}"
        );
        assert!(text.contains("(two temperatures): solved."), "{text}");
        assert!(
            text.contains("  no wrong answers, no hints, worked solution opened."),
            "{text}"
        );
    }
}
