//! The practice section's JavaScript face: one [`PracticeView`] holds the
//! problem shown at each level, how far the learner got in it, and the
//! stored progress. JavaScript sends what was typed or clicked and gets back
//! plain objects to put on the page: labels as text, a problem's texts and
//! verdicts as HTML whose math is MathML ([`crate::mathtext`]).

use super::js_error;
use super::set;
use crate::mathtext::text_to_html_or_plain;
use crate::practice::assignment::{self, Answers, Assignment, Standing};
use crate::practice::check::{check, tolerance_note, Outcome};
use crate::practice::generate::{generate, MAX_SEED};
use crate::practice::misconception::Misconception;
use crate::practice::parse::{parse_answer, Answer};
use crate::practice::place::{Place, Places};
use crate::practice::problem::{Level, Problem, Task};
use crate::practice::progress::{ProblemId, Progress};
use crate::practice::schedule::{self, Attempt};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

/// The learner's place in one problem.
struct Slot {
    problem: Problem,
    /// Index of the part being answered (== parts.len() when all are done).
    part: usize,
    hints: usize,
    solution: bool,
    /// The line chosen at each derivation step, if any.
    steps: Vec<Option<usize>>,
    missed: bool,
    finished: bool,
}

impl Slot {
    fn new(problem: Problem, hints: usize) -> Slot {
        let steps = problem.derivation.as_ref().map_or(0, |d| d.steps.len());
        Slot {
            hints: hints.min(problem.hints.len()),
            problem,
            part: 0,
            solution: false,
            steps: vec![None; steps],
            missed: false,
            finished: false,
        }
    }

    fn id(&self) -> ProblemId {
        ProblemId {
            level: self.problem.level,
            seed: self.problem.seed,
        }
    }

    /// Whether derivation step `i` holds its right line.
    fn step_done(&self, i: usize) -> bool {
        match (&self.problem.derivation, self.steps.get(i)) {
            (Some(d), Some(Some(choice))) => d.steps.get(i).is_some_and(|s| s.correct == *choice),
            _ => false,
        }
    }

    fn steps_done(&self) -> bool {
        (0..self.steps.len()).all(|i| self.step_done(i))
    }

    fn complete(&self) -> bool {
        self.part >= self.problem.parts.len() && self.steps_done()
    }

    /// Where the learner is, to store.
    fn place(&self) -> Place {
        Place {
            id: self.id(),
            part: self.part,
            choices: if self.steps.iter().any(Option::is_some) {
                self.steps.clone()
            } else {
                Vec::new()
            },
            solution: self.solution,
            missed: self.missed,
        }
    }

    /// Take up a stored place, if it fits this problem: the part must
    /// exist (or be one past the last), and each choice must be one of its
    /// step's lines. Returns whether it fitted; if not, nothing changes.
    fn restore(&mut self, place: &Place) -> bool {
        if !place.fits(&self.problem) {
            return false;
        }
        self.part = place.part;
        if !place.choices.is_empty() {
            self.steps = place.choices.clone();
        }
        self.solution = place.solution;
        self.missed = place.missed;
        self.finished = self.complete();
        true
    }
}

/// A problem's text (LaTeX math between `$` signs) as HTML with MathML,
/// for the page to insert as markup; see [`crate::mathtext`].
fn html(text: &str) -> JsValue {
    JsValue::from_str(&text_to_html_or_plain(text))
}

/// [`html`] of each text, as an array.
fn htmls<'a>(texts: impl Iterator<Item = &'a String>) -> JsValue {
    texts.map(|t| html(t)).collect::<Array>().into()
}

fn origin(seed: u32) -> String {
    if seed == 0 {
        "The lesson's own numbers".to_owned()
    } else {
        format!("New numbers, same idea (variant {seed})")
    }
}

/// The practice section's state.
#[wasm_bindgen]
pub struct PracticeView {
    progress: Progress,
    slots: Vec<Slot>,
    today: u32,
    next_seed: u64,
    /// Problems solved for the first time during this visit: the page says
    /// "solved before" only of problems solved on an earlier visit.
    first_solved_now: Vec<ProblemId>,
    /// The assignment the page was opened with, if any.
    assignment: Option<Assignment>,
    /// The accepted answers and wrong counts, for an assignment's summary.
    answers: Answers,
}

impl Default for PracticeView {
    fn default() -> Self {
        Self::new()
    }
}

fn level(name: &str) -> Result<Level, JsError> {
    Level::named(name).ok_or_else(|| js_error(format!("there is no level called {name:?}")))
}

impl PracticeView {
    fn slot(&mut self, name: &str) -> Result<&mut Slot, JsError> {
        let level = level(name)?;
        self.slots
            .iter_mut()
            .find(|s| s.problem.level == level)
            .ok_or_else(|| js_error("that problem is not on the page"))
    }

    fn open_problem(&mut self, level: Level, seed: u32) {
        let problem = generate(level, seed);
        let id = ProblemId {
            level,
            seed: problem.seed,
        };
        let hints = self.progress.hints_for(id);
        let slot = Slot::new(problem, usize::from(hints));
        if let Some(old) = self.slots.iter_mut().find(|s| s.problem.level == level) {
            *old = slot;
        } else {
            self.slots.push(slot);
        }
    }

    /// The seed a level starts from: the assignment's problem, or the
    /// lesson's own (0).
    fn home_seed(&self, level: Level) -> u32 {
        self.assignment
            .as_ref()
            .and_then(|set| set.at(level))
            .map_or(0, |id| id.seed)
    }

    /// How each problem of the assignment `set` stands, in its order.
    fn standings(&self, set: &Assignment) -> Vec<(&Problem, Standing)> {
        set.problems()
            .iter()
            .filter_map(|id| self.slots.iter().find(|s| s.id() == *id))
            .map(|slot| {
                (
                    &slot.problem,
                    Standing {
                        parts_done: slot.part.min(slot.problem.parts.len()),
                        solved: slot.complete(),
                        hints: slot.hints,
                        solution: slot.solution,
                    },
                )
            })
            .collect()
    }

    /// Record the end of a problem in the schedule (once) and say so.
    fn finish(&mut self, name: &str) -> Result<Option<String>, JsError> {
        let today = self.today;
        let slot = self.slot(name)?;
        if slot.finished || !slot.complete() {
            return Ok(None);
        }
        slot.finished = true;
        let id = slot.id();
        let attempt = if slot.hints > 0 || slot.missed || slot.solution {
            Attempt::SolvedWithHints
        } else {
            Attempt::Solved
        };
        if !self.progress.is_solved(id) {
            self.first_solved_now.push(id);
        }
        schedule::record(&mut self.progress, id, attempt, today);
        // An assignment is handed in, not reviewed on a schedule.
        if self.assignment.is_some() {
            return Ok(Some("Problem solved.".to_owned()));
        }
        let due = self.progress.card(id).map_or(today, |c| c.due);
        Ok(Some(format!(
            "Problem solved. It comes back for review {}.",
            schedule::when(due, today)
        )))
    }
}

#[wasm_bindgen]
impl PracticeView {
    /// The lesson's three problems, no progress.
    #[wasm_bindgen(constructor)]
    pub fn new() -> PracticeView {
        let mut view = PracticeView {
            progress: Progress::default(),
            slots: Vec::new(),
            today: 0,
            next_seed: 1,
            first_solved_now: Vec::new(),
            assignment: None,
            answers: Answers::default(),
        };
        for level in Level::ALL {
            view.open_problem(level, 0);
        }
        view
    }

    /// Load the stored record (`null` when there is none) at the time
    /// `now_ms` (JavaScript's `Date.now()`). Returns a notice for the page:
    /// empty when all is well, otherwise why the record was ignored.
    #[wasm_bindgen(js_name = loadProgress)]
    pub fn load_progress(&mut self, stored: Option<String>, now_ms: f64) -> String {
        self.today = schedule::day_of(now_ms).unwrap_or(0);
        self.next_seed = if now_ms.is_finite() {
            now_ms.abs() as u64
        } else {
            1
        };
        let notice = match stored.as_deref().map(Progress::parse) {
            None => String::new(),
            Some(Ok(progress)) => {
                self.progress = progress;
                String::new()
            }
            Some(Err(why)) => {
                self.progress = Progress::default();
                format!(
                    "Your saved practice progress could not be read ({why}), so practice starts afresh; the old record is replaced the next time you make progress."
                )
            }
        };
        for level in Level::ALL {
            self.open_problem(level, self.home_seed(level));
        }
        notice
    }

    /// The record to store.
    #[wasm_bindgen(js_name = progressText)]
    pub fn progress_text(&self) -> String {
        self.progress.to_text()
    }

    /// Take up the stored place in each problem (`null` when there is
    /// none), after [`PracticeView::load_progress`]: the problem shown at
    /// each level, the part reached, the derivation's chosen lines. Returns
    /// a notice for the page: empty when all is well, otherwise what could
    /// not be restored (that problem then starts from its beginning).
    #[wasm_bindgen(js_name = loadPlace)]
    pub fn load_place(&mut self, stored: Option<String>) -> String {
        let Some(text) = stored else {
            return String::new();
        };
        let places = match Places::parse(&text) {
            Ok(places) => places,
            Err(why) => {
                return format!(
                    "Where you were in the problems could not be read ({why}), so each starts from its beginning."
                )
            }
        };
        let mut lost = Vec::new();
        for level in Level::ALL {
            let Some(place) = places.at(level) else {
                continue;
            };
            // An assignment's problems are fixed: a place elsewhere is not
            // taken up (the record is the assignment's own, so only a
            // tampered one can hold such a place).
            if let Some(set) = &self.assignment {
                if set.at(level) != Some(place.id) {
                    continue;
                }
            }
            self.open_problem(level, place.id.seed);
            let fitted = self
                .slots
                .iter_mut()
                .find(|s| s.problem.level == level)
                .is_some_and(|slot| slot.restore(place));
            if !fitted {
                self.open_problem(level, self.home_seed(level));
                lost.push(level.name());
            }
        }
        if lost.is_empty() {
            String::new()
        } else {
            format!(
                "Where you were in the {} problem{} no longer fits it, so {} from the beginning.",
                lost.join(" and "),
                if lost.len() == 1 { "" } else { "s" },
                if lost.len() == 1 {
                    "it starts"
                } else {
                    "they start"
                }
            )
        }
    }

    /// The place in each problem, to store.
    #[wasm_bindgen(js_name = placeText)]
    pub fn place_text(&self) -> String {
        Places(self.slots.iter().map(Slot::place).collect()).to_text()
    }

    /// Forget every solved problem, hint and review card, and show the
    /// lesson's own problems again.
    pub fn reset(&mut self) {
        self.progress = Progress::default();
        self.answers.clear();
        for level in Level::ALL {
            self.open_problem(level, self.home_seed(level));
        }
    }

    /// Take up the assignment of a link's `set` value (`easy-12,hard-7`):
    /// its problems replace those of their levels. Returns the line that
    /// introduces it; throws, changing nothing, when the value is not an
    /// assignment.
    #[wasm_bindgen(js_name = setAssignment)]
    pub fn set_assignment(&mut self, text: &str) -> Result<String, JsError> {
        let set = Assignment::parse(text).map_err(js_error)?;
        for id in set.problems() {
            self.open_problem(id.level, id.seed);
        }
        let line = set.describe();
        self.assignment = Some(set);
        Ok(line)
    }

    /// The assignment's `set` value, written the one way (`easy-12,hard-7`),
    /// or `undefined` without one.
    #[wasm_bindgen(js_name = assignmentText)]
    pub fn assignment_text(&self) -> Option<String> {
        self.assignment.as_ref().map(Assignment::to_text)
    }

    /// The levels of the assignment, in its order (empty without one).
    #[wasm_bindgen(js_name = assignedLevels)]
    pub fn assigned_levels(&self) -> JsValue {
        let levels = self.assignment.as_ref().map_or(Vec::new(), |set| {
            set.problems().iter().map(|p| p.level.name()).collect()
        });
        super::strings(levels)
    }

    /// The `set` value naming the problems now shown at `levels` (names,
    /// in the page's order), for a teacher's assignment link.
    #[wasm_bindgen(js_name = assignmentFor)]
    pub fn assignment_for(&self, levels: Vec<String>) -> Result<String, JsError> {
        let ids = Level::ALL
            .iter()
            .filter(|level| levels.iter().any(|name| name == level.name()))
            .filter_map(|level| self.slots.iter().find(|s| s.problem.level == *level))
            .map(Slot::id)
            .collect();
        Ok(Assignment::new(ids).map_err(js_error)?.to_text())
    }

    /// The accepted answers, to store (an assignment keeps them).
    #[wasm_bindgen(js_name = answersText)]
    pub fn answers_text(&self) -> String {
        self.answers.to_text()
    }

    /// Load the stored answers (`null` when there are none). Returns a
    /// notice: empty when all is well, otherwise why they were ignored.
    #[wasm_bindgen(js_name = loadAnswers)]
    pub fn load_answers(&mut self, stored: Option<String>) -> String {
        let Some(text) = stored else {
            return String::new();
        };
        match Answers::parse(&text) {
            Ok(answers) => {
                self.answers = answers;
                String::new()
            }
            Err(why) => format!("The answers stored for this assignment could not be read ({why}); the summary starts afresh."),
        }
    }

    /// A printable sheet of the assignment's problems (or, without one, of
    /// the problems shown): `key` false gives the worksheet (problems,
    /// parts, the derivation's candidate lines), true the answer key (the
    /// same with every answer and worked solution, computed by the core).
    /// Returns `{title, problems: [{heading, statement, start, steps:
    /// [{prompt, lines}], parts: [{prompt, answer}], solution}]}`, texts as
    /// HTML with MathML.
    pub fn sheet(&self, key: bool) -> JsValue {
        let ids: Vec<ProblemId> = match &self.assignment {
            Some(set) => set.problems().to_vec(),
            None => self.slots.iter().map(Slot::id).collect(),
        };
        let out = Object::new();
        let kind = if key { "answer key" } else { "worksheet" };
        let count = match ids.len() {
            1 => "one problem".to_owned(),
            n => format!("{n} problems"),
        };
        set(
            &out,
            "title",
            JsValue::from_str(&format!("Softmax {kind}: {count}")),
        );
        let problems: Array = ids
            .iter()
            .filter_map(|id| self.slots.iter().find(|s| s.id() == *id))
            .enumerate()
            .map(|(k, slot)| {
                let p = &slot.problem;
                let item = Object::new();
                let heading = format!(
                    "Problem {}: {} ({} problem{})",
                    k + 1,
                    p.topic,
                    p.level.name(),
                    if p.seed == 0 {
                        String::new()
                    } else {
                        format!(", variant {}", p.seed)
                    }
                );
                set(&item, "heading", JsValue::from_str(&heading));
                set(&item, "statement", html(&p.statement));
                let (start, steps) = match &p.derivation {
                    Some(d) => (
                        html(&d.start),
                        d.steps
                            .iter()
                            .map(|step| {
                                let obj = Object::new();
                                set(&obj, "prompt", html(&step.prompt));
                                let lines: Vec<&String> = if key {
                                    step.options.get(step.correct).into_iter().collect()
                                } else {
                                    step.options.iter().collect()
                                };
                                set(&obj, "lines", htmls(lines.into_iter()));
                                JsValue::from(obj)
                            })
                            .collect::<Array>(),
                    ),
                    None => (JsValue::NULL, Array::new()),
                };
                set(&item, "start", start);
                set(&item, "steps", steps.into());
                let parts: Array = p
                    .parts
                    .iter()
                    .map(|part| {
                        let obj = Object::new();
                        set(&obj, "prompt", html(&part.paper_prompt()));
                        let choices = match (&part.task, key) {
                            (Task::Choice(step), false) => htmls(step.options.iter()),
                            _ => Array::new().into(),
                        };
                        set(&obj, "choices", choices);
                        set(
                            &obj,
                            "lines",
                            JsValue::from(part.task.writing_lines() as u32),
                        );
                        set(
                            &obj,
                            "answer",
                            if key {
                                html(&part.task.answer_text())
                            } else {
                                JsValue::NULL
                            },
                        );
                        JsValue::from(obj)
                    })
                    .collect();
                set(&item, "parts", parts.into());
                set(
                    &item,
                    "solution",
                    if key {
                        htmls(p.solution.iter())
                    } else {
                        Array::new().into()
                    },
                );
                JsValue::from(item)
            })
            .collect();
        set(&out, "problems", problems.into());
        out.into()
    }

    /// The plain-text summary of the assignment, to hand in.
    #[wasm_bindgen(js_name = handIn)]
    pub fn hand_in(&self) -> Result<String, JsError> {
        let set = self
            .assignment
            .as_ref()
            .ok_or_else(|| js_error("this page was not opened with an assignment"))?;
        Ok(assignment::summary(
            set,
            &self.standings(set),
            &self.answers,
        ))
    }

    /// The tolerance, as the page states it.
    #[wasm_bindgen(js_name = toleranceNote)]
    pub fn tolerance_note(&self) -> String {
        tolerance_note()
    }

    /// The mistakes the checker can name, each with the wrong computation
    /// that recognises it.
    pub fn mistakes(&self) -> Vec<String> {
        Misconception::ALL
            .iter()
            .map(|m| {
                format!(
                    "{}: your answer matches {}",
                    m.name(),
                    m.wrong_computation()
                )
            })
            .collect()
    }

    /// How the review schedule works, in words.
    #[wasm_bindgen(js_name = scheduleNote)]
    pub fn schedule_note(&self) -> String {
        schedule::explanation()
    }

    /// A one-line summary of the progress (of the assignment's work when
    /// one is open).
    pub fn summary(&self) -> String {
        if let Some(set) = &self.assignment {
            let standings: Vec<Standing> =
                self.standings(set).into_iter().map(|(_, s)| s).collect();
            return assignment::standing_line(&standings);
        }
        let solved = self.progress.solved_count();
        let hints = self.progress.total_hints();
        let due = schedule::due(&self.progress, self.today).len();
        format!(
            "Solved: {solved} problem{}. Hints used: {hints}. Due for review today: {due}.",
            if solved == 1 { "" } else { "s" }
        )
    }

    /// The review schedule: an array of `{level, seed, label, when, due}`.
    pub fn reviews(&self) -> JsValue {
        schedule::upcoming(&self.progress)
            .into_iter()
            .take(12)
            .map(|(id, card)| {
                let item = Object::new();
                set(&item, "level", JsValue::from_str(id.level.name()));
                set(&item, "seed", JsValue::from(id.seed));
                let label = if id.seed == 0 {
                    format!("{} problem with the lesson's own numbers", id.level.name())
                } else {
                    format!(
                        "{} problem with new numbers (variant {})",
                        id.level.name(),
                        id.seed
                    )
                };
                set(&item, "label", JsValue::from_str(&label));
                set(
                    &item,
                    "when",
                    JsValue::from_str(&schedule::when(card.due, self.today)),
                );
                set(&item, "due", JsValue::from_bool(card.due <= self.today));
                JsValue::from(item)
            })
            .collect::<Array>()
            .into()
    }

    /// Everything the page shows about the problem at `level` (`easy`,
    /// `medium`, `hard`).
    pub fn problem(&mut self, name: &str) -> Result<JsValue, JsError> {
        let id = self.slot(name)?.id();
        let solved_before = self.progress.is_solved(id) && !self.first_solved_now.contains(&id);
        let assigned = self.assignment.is_some();
        let solved_note = if self.slot(name)?.complete() {
            assignment::solved_note(self.answers.accepted(id))
        } else {
            String::new()
        };
        let slot = self.slot(name)?;
        let p = &slot.problem;
        let out = Object::new();
        set(&out, "id", JsValue::from_str(&p.id()));
        set(&out, "origin", JsValue::from_str(&origin(p.seed)));
        set(&out, "topic", JsValue::from_str(&p.topic));
        set(&out, "statement", html(&p.statement));
        let total = p.parts.len();
        let (prompt, part_label) = match p.parts.get(slot.part) {
            Some(part) => (
                part.prompt.clone(),
                if total > 1 {
                    format!("Part {} of {total}", slot.part + 1)
                } else {
                    String::new()
                },
            ),
            None if !slot.steps_done() => (
                "The numbers are right. Finish the derivation above to complete the problem."
                    .to_owned(),
                if total > 1 {
                    format!("All {total} parts answered")
                } else {
                    String::new()
                },
            ),
            // An assignment has no variants to try; the part label says
            // that every part is answered.
            None if assigned => (
                String::new(),
                if total > 1 {
                    format!("All {total} parts answered")
                } else {
                    String::new()
                },
            ),
            None => (
                "Try a variant for more practice.".to_owned(),
                if total > 1 {
                    format!("All {total} parts answered")
                } else {
                    String::new()
                },
            ),
        };
        set(&out, "prompt", html(&prompt));
        let choices = match p.parts.get(slot.part).map(|part| &part.task) {
            Some(Task::Choice(step)) => htmls(step.options.iter()),
            _ => JsValue::NULL,
        };
        set(&out, "choices", choices);
        set(&out, "partLabel", JsValue::from_str(&part_label));
        set(&out, "answered", JsValue::from_bool(slot.part >= total));
        set(&out, "hints", htmls(p.hints.iter().take(slot.hints)));
        set(&out, "hintCount", JsValue::from(p.hints.len() as u32));
        set(
            &out,
            "solution",
            if slot.solution {
                htmls(p.solution.iter())
            } else {
                Array::new().into()
            },
        );
        set(&out, "solved", JsValue::from_bool(slot.complete()));
        // Plain text: it holds the learner's own answers.
        set(&out, "solvedNote", JsValue::from_str(&solved_note));
        set(&out, "solvedBefore", JsValue::from_bool(solved_before));
        let derivation = match &p.derivation {
            None => JsValue::NULL,
            Some(d) => {
                let obj = Object::new();
                set(&obj, "start", html(&d.start));
                let steps: Array = d
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let step = Object::new();
                        set(&step, "prompt", html(&s.prompt));
                        set(&step, "options", htmls(s.options.iter()));
                        set(&step, "spoken", crate::web::strings(s.spoken.iter()));
                        let chosen = slot.steps.get(i).copied().flatten();
                        set(
                            &step,
                            "chosen",
                            chosen.map_or(JsValue::NULL, |c| JsValue::from(c as u32)),
                        );
                        let verdict = chosen.map(|c| d.check_step(i, c));
                        set(
                            &step,
                            "correct",
                            JsValue::from_bool(verdict.as_ref().is_some_and(|v| v.correct)),
                        );
                        set(
                            &step,
                            "message",
                            html(verdict.as_ref().map_or("", |v| v.message.as_str())),
                        );
                        JsValue::from(step)
                    })
                    .collect();
                set(&obj, "steps", steps.into());
                obj.into()
            }
        };
        set(&out, "derivation", derivation);
        Ok(out.into())
    }

    /// Check the typed `text` against the current part at `level`. Returns
    /// `{outcome, message}`; `outcome` is `correct`, `close`, `mistake`,
    /// `wrong`, `answered` (nothing left to answer) or `invalid` (the text
    /// could not be read; the message says why and nothing else changes).
    pub fn check(&mut self, name: &str, text: &str) -> Result<JsValue, JsError> {
        match parse_answer(text) {
            Ok(answer) => self.answer(name, &answer, text),
            Err(why) => {
                let out = Object::new();
                set(&out, "outcome", JsValue::from_str("invalid"));
                set(&out, "message", JsValue::from_str(&why.to_string()));
                Ok(out.into())
            }
        }
    }

    /// Check the line `choice` (an index into `choices`) chosen for the
    /// current part at `level`, when that part is a choice. Returns
    /// `{outcome, message}` like [`PracticeView::check`].
    pub fn choose(&mut self, name: &str, choice: u32) -> Result<JsValue, JsError> {
        let slot = self.slot(name)?;
        let line = match slot.problem.parts.get(slot.part).map(|p| &p.task) {
            Some(Task::Choice(step)) => step.options.get(choice as usize).cloned(),
            _ => None,
        }
        .unwrap_or_default();
        self.answer(name, &Answer::Number(f64::from(choice)), &line)
    }
}

impl PracticeView {
    /// Check `answer` (written `typed`) for the part being answered at
    /// `name`, and record it.
    fn answer(&mut self, name: &str, answer: &Answer, typed: &str) -> Result<JsValue, JsError> {
        let today = self.today;
        let out = Object::new();
        let slot = self.slot(name)?;
        let Some(part) = slot.problem.parts.get(slot.part) else {
            set(&out, "outcome", JsValue::from_str("answered"));
            set(
                &out,
                "message",
                html(
                    "Every part of this problem is already answered. Try a variant for a new one.",
                ),
            );
            return Ok(out.into());
        };
        let verdict = check(&part.task, answer);
        let total = slot.problem.parts.len();
        let id = slot.id();
        let (outcome, mut message) = match verdict.outcome {
            Outcome::Correct => {
                let answered = slot.part;
                slot.part += 1;
                let next = if slot.part < total {
                    format!(" Now part {} of {total}.", slot.part + 1)
                } else if !slot.steps_done() {
                    " Finish the derivation above to complete the problem.".to_owned()
                } else {
                    String::new()
                };
                self.answers.accept(id, answered, typed);
                ("correct", format!("{}{next}", verdict.message))
            }
            Outcome::Close | Outcome::Mistake(Misconception::Percentages) => {
                ("close", verdict.message)
            }
            Outcome::Mistake(_) | Outcome::Wrong => {
                slot.missed = true;
                self.answers.miss(id);
                schedule::record(&mut self.progress, id, Attempt::Missed, today);
                let kind = if matches!(verdict.outcome, Outcome::Wrong) {
                    "wrong"
                } else {
                    "mistake"
                };
                (kind, verdict.message)
            }
        };
        if outcome == "correct" {
            if let Some(done) = self.finish(name)? {
                message = format!("{message} {done}");
            }
        }
        set(&out, "outcome", JsValue::from_str(outcome));
        set(&out, "message", html(&message));
        Ok(out.into())
    }
}

#[wasm_bindgen]
impl PracticeView {
    /// Check the line `choice` chosen for derivation step `step` at `level`.
    /// Returns `{correct, message}`.
    #[wasm_bindgen(js_name = checkStep)]
    pub fn check_step(
        &mut self,
        name: &str,
        step: usize,
        choice: usize,
    ) -> Result<JsValue, JsError> {
        let slot = self.slot(name)?;
        let verdict = match &slot.problem.derivation {
            Some(d) => d.check_step(step, choice),
            None => return Err(js_error("this problem has no derivation")),
        };
        let in_range = slot
            .problem
            .derivation
            .as_ref()
            .and_then(|d| d.steps.get(step))
            .is_some_and(|s| choice < s.options.len());
        if let (Some(chosen), true) = (slot.steps.get_mut(step), in_range) {
            *chosen = Some(choice);
        }
        if !verdict.correct {
            slot.missed = true;
        }
        let mut message = verdict.message;
        if verdict.correct {
            if let Some(done) = self.finish(name)? {
                message = format!("{message} {done}");
            }
        }
        let out = Object::new();
        set(&out, "correct", JsValue::from_bool(verdict.correct));
        set(&out, "message", html(&message));
        Ok(out.into())
    }

    /// Reveal the next hint at `level`; returns whether there was one.
    #[wasm_bindgen(js_name = revealHint)]
    pub fn reveal_hint(&mut self, name: &str) -> Result<bool, JsError> {
        let slot = self.slot(name)?;
        if slot.hints >= slot.problem.hints.len() {
            return Ok(false);
        }
        slot.hints += 1;
        let (id, count) = (slot.id(), slot.hints);
        self.progress.note_hints(id, count);
        Ok(true)
    }

    /// Show the worked solution at `level`.
    #[wasm_bindgen(js_name = revealSolution)]
    pub fn reveal_solution(&mut self, name: &str) -> Result<(), JsError> {
        self.slot(name)?.solution = true;
        Ok(())
    }

    /// Replace the problem at `level` by a fresh seeded variant; returns its seed.
    #[wasm_bindgen(js_name = newVariant)]
    pub fn new_variant(&mut self, name: &str) -> Result<u32, JsError> {
        let level = level(name)?;
        // SplitMix-style step so consecutive variants look unrelated.
        self.next_seed = self
            .next_seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let seed = ((self.next_seed >> 33) % u64::from(MAX_SEED)) as u32 + 1;
        self.open_problem(level, seed);
        Ok(seed)
    }

    /// Open the problem `seed` at `level` (for a review from the schedule).
    pub fn open(&mut self, name: &str, seed: u32) -> Result<(), JsError> {
        let level = level(name)?;
        self.open_problem(level, seed.min(MAX_SEED));
        Ok(())
    }
}
