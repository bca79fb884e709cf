//! Where the learner is in each problem on the page, kept across reloads:
//! which problem (level and seed), which part is being answered, the line
//! chosen at each derivation step, and whether the worked solution is open
//! or a wrong answer was checked. The record is stored apart from the
//! progress ([`crate::practice::progress`]), so a bad place never costs the
//! learner their solved problems.
//!
//! The stored text is one short line:
//!
//! ```text
//! p1;easy-0:1:-:0,medium-0:0:10_2:1,hard-17:2:-:2
//! ```
//!
//! Each entry is `LEVEL-SEED:PART:CHOICES:FLAGS`: `PART` is the index of the
//! part being answered (0 to 9); `CHOICES` is `-` when nothing is chosen,
//! otherwise one character per derivation step, the chosen line's index or
//! `_` for none; `FLAGS` is 0 to 3 (1: the solution is open, 2: a wrong
//! answer was checked). [`Places::parse`] checks the syntax and the ranges;
//! whether an entry still fits its problem (the part exists, each choice is
//! one of the step's lines) is checked where it is applied, against the
//! problem itself, and an entry that does not fit is dropped there.

use crate::practice::problem::{Level, Problem};
use crate::practice::progress::ProblemId;
use crate::Error;

/// The format's version, the first field of the record.
pub const VERSION: &str = "p1";
/// The longest record accepted, in bytes.
pub const MAX_LENGTH: usize = 256;
/// The highest part index a record may hold.
pub const MAX_PART: usize = 9;
/// The most derivation steps a record may hold.
pub const MAX_STEPS: usize = 9;

/// The learner's place in the problem shown at one level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The problem.
    pub id: ProblemId,
    /// The part being answered (the number of parts once all are done).
    pub part: usize,
    /// The line chosen at each derivation step (empty when none is).
    pub choices: Vec<Option<usize>>,
    /// The worked solution is open.
    pub solution: bool,
    /// A wrong answer has been checked in this attempt.
    pub missed: bool,
}

impl Place {
    /// Whether this place still fits `problem`: the same problem, a part
    /// that exists (or one past the last, when every part is answered), and
    /// either no choices or one per derivation step, each one of its lines.
    pub fn fits(&self, problem: &Problem) -> bool {
        let steps = problem
            .derivation
            .as_ref()
            .map_or(&[][..], |d| &d.steps[..]);
        let same = self.id.level == problem.level && self.id.seed == problem.seed;
        let part_fits = self.part <= problem.parts.len();
        let choices_fit = self.choices.is_empty()
            || (self.choices.len() == steps.len()
                && self
                    .choices
                    .iter()
                    .zip(steps)
                    .all(|(c, s)| c.is_none_or(|c| c < s.options.len())));
        same && part_fits && choices_fit
    }
}

/// The places at every level (at most one per level).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places(pub Vec<Place>);

fn invalid(message: String) -> Error {
    Error::Invalid(message)
}

fn clip(text: &str) -> String {
    text.chars().take(16).collect()
}

fn digit(text: &str, max: usize, what: &str) -> Result<usize, Error> {
    match text.as_bytes() {
        [d] if d.is_ascii_digit() && usize::from(d - b'0') <= max => Ok(usize::from(d - b'0')),
        _ => Err(invalid(format!("\"{}\" is not {what}", clip(text)))),
    }
}

impl Places {
    /// Read a stored record; anything malformed or out of range refuses
    /// the whole record with a reason a person can read.
    pub fn parse(text: &str) -> Result<Places, Error> {
        if text.len() > MAX_LENGTH {
            return Err(invalid(format!(
                "the record is longer than {MAX_LENGTH} characters"
            )));
        }
        let Some(rest) = text.trim().strip_prefix(VERSION) else {
            return Err(invalid("it is not a record of this lesson".to_owned()));
        };
        let rest = match rest.strip_prefix(';') {
            Some(r) => r,
            None if rest.is_empty() => "",
            None => return Err(invalid("it is not a record of this lesson".to_owned())),
        };
        let mut places = Vec::new();
        for item in rest.split(',').filter(|s| !s.is_empty()) {
            let fields: Vec<&str> = item.split(':').collect();
            let [id, part, choices, flags] = fields.as_slice() else {
                return Err(invalid(format!(
                    "the entry \"{}\" is not NAME:PART:CHOICES:FLAGS",
                    clip(item)
                )));
            };
            let id = ProblemId::parse(id)?;
            if places.iter().any(|p: &Place| p.id.level == id.level) {
                return Err(invalid(format!(
                    "the {} problem appears twice",
                    id.level.name()
                )));
            }
            let part = digit(part, MAX_PART, "a part")?;
            let choices = if *choices == "-" {
                Vec::new()
            } else {
                if choices.is_empty() || choices.len() > MAX_STEPS {
                    return Err(invalid(format!(
                        "\"{}\" is not a list of choices",
                        clip(choices)
                    )));
                }
                choices
                    .bytes()
                    .map(|b| match b {
                        b'_' => Ok(None),
                        b'0'..=b'9' => Ok(Some(usize::from(b - b'0'))),
                        _ => Err(invalid(format!(
                            "\"{}\" is not a list of choices",
                            clip(choices)
                        ))),
                    })
                    .collect::<Result<Vec<_>, Error>>()?
            };
            let flags = digit(flags, 3, "a set of flags")?;
            places.push(Place {
                id,
                part,
                choices,
                solution: flags & 1 != 0,
                missed: flags & 2 != 0,
            });
        }
        Ok(Places(places))
    }

    /// The record to store; [`Places::parse`] reads it back unchanged
    /// (parts, choices and the number of places are clamped to what the
    /// format holds).
    pub fn to_text(&self) -> String {
        let items: Vec<String> = self
            .0
            .iter()
            .take(Level::ALL.len())
            .map(|p| {
                let choices: String = if p.choices.is_empty() {
                    "-".to_owned()
                } else {
                    p.choices
                        .iter()
                        .take(MAX_STEPS)
                        .map(|c| match c {
                            Some(i) if *i <= 9 => char::from(b'0' + *i as u8),
                            _ => '_',
                        })
                        .collect()
                };
                let flags = u8::from(p.solution) | (u8::from(p.missed) << 1);
                format!("{}:{}:{choices}:{flags}", p.id, p.part.min(MAX_PART))
            })
            .collect();
        format!("{VERSION};{}", items.join(","))
    }

    /// The place stored for `level`, if any.
    pub fn at(&self, level: Level) -> Option<&Place> {
        self.0.iter().find(|p| p.id.level == level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_reads_back_as_written() {
        let text = "p1;easy-0:1:-:0,medium-0:0:10_2:1,hard-17:2:-:2";
        let places = Places::parse(text).unwrap();
        assert_eq!(places.to_text(), text);
        let medium = places.at(Level::Medium).unwrap();
        assert_eq!(medium.choices, vec![Some(1), Some(0), None, Some(2)]);
        assert!(medium.solution && !medium.missed);
        assert!(places.at(Level::Hard).unwrap().missed);
        assert_eq!(Places::parse("p1").unwrap(), Places::default());
        assert_eq!(Places::parse("p1;").unwrap(), Places::default());
    }

    #[test]
    fn malformed_places_are_refused_with_a_reason() {
        for bad in [
            "",
            "v1;solved=easy-0",
            "p2;easy-0:0:-:0",
            "p1x",
            "p1;easy-0:0:-",
            "p1;easy-0:10:-:0",
            "p1;easy-0:-1:-:0",
            "p1;easy-0:0:abc:0",
            "p1;easy-0:0::0",
            "p1;easy-0:0:0123456789:0",
            "p1;easy-0:0:-:4",
            "p1;easy-0:0:-:0,easy-1:0:-:0",
            "p1;expert-0:0:-:0",
            "p1;easy-99999999:0:-:0",
            "{\"part\":1}",
        ] {
            let result = Places::parse(bad);
            assert!(result.is_err(), "{bad:?} was accepted");
            assert!(!result.unwrap_err().to_string().is_empty());
        }
        let long = format!("p1;{}", "x".repeat(MAX_LENGTH));
        assert!(Places::parse(&long).is_err());
    }
}
