//! The URL fragment: a human-readable serialisation of the explorer's state,
//! such as `#logits=2,1,0&T=1`.
//!
//! [`parse`] is strict about values and lenient about layout: keys may come
//! in any order, unknown keys are ignored (so links made by later versions
//! still open), and any bad value makes the whole fragment an error that the
//! page reports while keeping its last good state.
//!
//! A link may also name a section of the page: a first item with no `=`,
//! as in `#jacobian&logits=2,1,0&T=0.5`. Old links stay valid: `#jacobian`
//! is a section alone and `#logits=2,1,0&T=1` a state alone; [`parse`]
//! ignores the section and [`section`] reads it.

use super::Explorer;
use crate::input::{parse_logit, parse_temperature};
use crate::Error;

/// The longest fragment that is read at all.
pub const MAX_FRAGMENT_LENGTH: usize = 2048;

/// Read a fragment (with or without its leading `#`) into a new state based
/// on `current`: keys that are absent keep their current values.
pub fn parse(fragment: &str, current: &Explorer) -> Result<Explorer, Error> {
    let mut next = current.clone();
    for (key, value) in pairs(fragment)? {
        match key.as_str() {
            "logits" => {
                let logits = value
                    .split(',')
                    .map(|v| {
                        parse_logit(v).map_err(|e| {
                            Error::Invalid(format!("The link's logits are not numbers: {e}"))
                        })
                    })
                    .collect::<Result<Vec<f64>, Error>>()?;
                next.set_logits(logits)?;
            }
            "T" => {
                let t = parse_temperature(&value)
                    .map_err(|e| Error::Invalid(format!("The link's temperature is wrong: {e}")))?;
                next.set_temperature_value(t)?;
            }
            "ce" => {
                let class = class_index(&value)?;
                next.set_target(class)?;
            }
            "ratio" => {
                let (i, k) = value
                    .split_once(',')
                    .ok_or_else(|| Error::Invalid("The link's ratio needs two classes.".into()))?;
                next.set_ratio_pair(class_index(i)?, class_index(k)?)?;
            }
            "nudge" => {
                let (class, size) = value.split_once(',').ok_or_else(|| {
                    Error::Invalid("The link's nudge needs a class and a size.".into())
                })?;
                next.set_nudge_class(class_index(class)?)?;
                next.set_nudge_size(size)?;
            }
            "iso" => match value.as_str() {
                "1" => next.set_iso_lines(true),
                "0" => next.set_iso_lines(false),
                _ => {
                    return Err(Error::Invalid(
                        "The link's iso-lines setting must be 1 (shown) or 0 (hidden).".into(),
                    ))
                }
            },
            _ => {}
        }
    }
    Ok(next)
}

/// The `key=value` items of a fragment (with or without its leading `#`),
/// values percent-decoded, in order; an item with no `=` (a section name)
/// has an empty value. Keys are ASCII letters, digits, `_` and `-`, or the
/// whole fragment is an error. Shared by the explorer's state and the
/// labs' settings ([`crate::labs::link`]), which live in the same link.
pub fn pairs(fragment: &str) -> Result<Vec<(String, String)>, Error> {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    if text.len() > MAX_FRAGMENT_LENGTH {
        return Err(Error::Invalid(
            "The link is too long to be a lesson state.".into(),
        ));
    }
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(Error::Invalid(
                    "The link's state is garbled; it does not look like key=value pairs.".into(),
                ));
            }
            Ok((key.to_owned(), decode(value)?))
        })
        .collect()
}

/// The longest section id a link may name.
pub const MAX_SECTION_LENGTH: usize = 64;

/// The section a fragment names, if any: its first `&`-separated item when
/// that has no `=` and is a plain id (ASCII letters, digits, `-`, `_`,
/// starting with a letter, at most [`MAX_SECTION_LENGTH`] characters).
/// Anything else is not a section, so a hostile link cannot pick an
/// arbitrary element; the page checks the id against its own sections.
pub fn section(fragment: &str) -> Option<&str> {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    let first = text.split('&').next()?;
    let plain = !first.is_empty()
        && first.len() <= MAX_SECTION_LENGTH
        && first.starts_with(|c: char| c.is_ascii_alphabetic())
        && first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    plain.then_some(first)
}

/// The fragment (without `#`) for a section and a state together:
/// `jacobian&logits=2,1,0&T=0.5`. A section that is not a plain id (see
/// [`section`]) is left out rather than written into a link that would not
/// read back.
pub fn write_with_section(section_id: &str, state: &Explorer) -> String {
    let state_text = write(state);
    if section(section_id) == Some(section_id) {
        format!("{section_id}&{state_text}")
    } else {
        state_text
    }
}

/// A 1-based class number from a link, as a 0-based index.
fn class_index(text: &str) -> Result<usize, Error> {
    match text.trim().parse::<usize>() {
        Ok(k) if k >= 1 => Ok(k - 1),
        _ => Err(Error::Invalid(format!(
            "The link names a class that does not exist: {:?}.",
            text.chars().take(12).collect::<String>()
        ))),
    }
}

/// Write the fragment (without `#`) for a state. Numbers use the shortest
/// text that reads back to the same double, so a link restores the state
/// exactly; a masked logit is `-inf`. The values the page computes itself
/// (a dragged point, a key step) are snapped to the digits the fields show
/// (see [`crate::format::snap`]), so their links are as short as the fields;
/// only digits a person typed make a link longer.
pub fn write(state: &Explorer) -> String {
    let logits: Vec<String> = state.logits().iter().map(|v| number(*v)).collect();
    let mut text = format!(
        "logits={}&T={}",
        logits.join(","),
        number(state.temperature())
    );
    let defaults = Explorer::default();
    if state.target() != defaults.target() {
        text.push_str(&format!("&ce={}", state.target() + 1));
    }
    if state.ratio_pair() != defaults.ratio_pair() {
        let (i, k) = state.ratio_pair();
        text.push_str(&format!("&ratio={},{}", i + 1, k + 1));
    }
    if state.nudge() != defaults.nudge() {
        let (class, size) = state.nudge();
        text.push_str(&format!("&nudge={},{}", class + 1, number(size)));
    }
    if state.iso_lines() {
        text.push_str("&iso=1");
    }
    text
}

/// The longest plain decimal a number is written as in a link; beyond it
/// (tiny values such as `1e-300`, whose plain form runs to hundreds of
/// digits and would be refused on the way back in) the exponent form is used.
const MAX_PLAIN_LENGTH: usize = 24;

/// `v` as the shortest text that reads back to it (`inf`, `-inf` and
/// the exponent form for very long decimals included).
pub fn number(v: f64) -> String {
    if v == f64::INFINITY {
        "inf".to_owned()
    } else if v == f64::NEG_INFINITY {
        "-inf".to_owned()
    } else if v == 0.0 {
        "0".to_owned()
    } else {
        // Both forms are the shortest digits that read back to `v`.
        let plain = format!("{v}");
        if plain.len() <= MAX_PLAIN_LENGTH {
            plain
        } else {
            format!("{v:e}")
        }
    }
}

/// Undo percent-encoding (browsers encode some characters in fragments).
fn decode(value: &str) -> Result<String, Error> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let byte = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| Error::Invalid("The link has a broken %-escape.".into()))?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Error::Invalid("The link is not valid text.".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_iso_lines_travel_in_the_link_with_a_section_in_front() {
        let mut state = Explorer::default();
        assert!(
            !write(&state).contains("iso"),
            "hidden lines leave the link as it was"
        );
        state.set_iso_lines(true);
        let text = write_with_section("jacobian", &state);
        assert_eq!(text, "jacobian&logits=2,1,0&T=1&iso=1");
        assert_eq!(section(&text), Some("jacobian"));
        let back = parse(&text, &Explorer::default()).unwrap();
        assert!(back.iso_lines());
        assert_eq!(back, state);
        assert!(!parse("iso=0", &back).unwrap().iso_lines());
        let bad = parse("logits=1,2&iso=yes", &back);
        assert!(bad.is_err(), "a bad value is reported, not guessed");
        assert_eq!(write_with_section("not a section!", &state), write(&state));
    }

    #[test]
    fn a_written_fragment_reads_back_exactly() {
        let mut state = Explorer::default();
        state.set_logits(vec![0.1, -2.5e-7, 1000.0]).unwrap();
        state.set_temperature_value(0.37).unwrap();
        let text = write(&state);
        assert_eq!(text, "logits=0.1,-0.00000025,1000&T=0.37");
        assert_eq!(
            parse(&format!("#{text}"), &Explorer::default()).unwrap(),
            state
        );
    }

    #[test]
    fn a_masked_logit_travels_in_the_link() {
        let mut state = Explorer::default();
        state.set_logit(1, "−∞").unwrap();
        let text = write(&state);
        assert_eq!(text, "logits=2,-inf,0&T=1");
        assert_eq!(parse(&text, &Explorer::default()).unwrap(), state);
        let spelled = parse("logits=2,%E2%88%92inf,inf&T=1", &Explorer::default()).unwrap();
        assert_eq!(spelled.logits(), &[2.0, f64::NEG_INFINITY, f64::INFINITY]);
        let error = parse("logits=-inf,-inf,-inf", &Explorer::default()).unwrap_err();
        assert!(error.to_string().contains("unmasked"), "{error}");
    }

    #[test]
    fn the_class_choices_travel_in_the_link() {
        let mut state = Explorer::default();
        state.set_logits(vec![1.0, 2.0, 3.0, 4.0]).unwrap();
        state.set_target(3).unwrap();
        state.set_ratio_pair(2, 0).unwrap();
        state.set_nudge_class(1).unwrap();
        state.set_nudge_size("-1.5").unwrap();
        let text = write(&state);
        assert_eq!(text, "logits=1,2,3,4&T=1&ce=4&ratio=3,1&nudge=2,-1.5");
        assert_eq!(parse(&text, &Explorer::default()).unwrap(), state);
    }

    #[test]
    fn a_section_and_a_state_travel_together() {
        let mut state = Explorer::default();
        state.set_temperature_value(0.5).unwrap();
        let text = write_with_section("jacobian", &state);
        assert_eq!(text, "jacobian&logits=2,1,0&T=0.5");
        assert_eq!(section(&format!("#{text}")), Some("jacobian"));
        assert_eq!(
            parse(&format!("#{text}"), &Explorer::default()).unwrap(),
            state
        );
        // Old links: a section alone, a state alone.
        assert_eq!(section("#jacobian"), Some("jacobian"));
        assert_eq!(
            parse("#jacobian", &Explorer::default()).unwrap(),
            Explorer::default()
        );
        assert_eq!(section("#logits=2,1,0&T=1"), None);
        // Not plain ids: never a section, and never written into a link.
        for bad in [
            "",
            "#",
            "1abc",
            "a b",
            "<img>",
            "a%20b",
            "x.y",
            &"a".repeat(65),
        ] {
            assert_eq!(section(bad), None, "{bad}");
            assert_eq!(write_with_section(bad, &state), write(&state), "{bad}");
        }
        // A section with a bad state: the section still reads, the state errs.
        assert_eq!(section("jacobian&T=-1"), Some("jacobian"));
        assert!(parse("jacobian&T=-1", &Explorer::default()).is_err());
    }

    #[test]
    fn the_source_example_link_loads() {
        let state = parse("#logits=1000,1001,999&T=1", &Explorer::default()).unwrap();
        assert_eq!(state.logits(), &[1000.0, 1001.0, 999.0]);
        let p = state.probabilities();
        assert!((p[1] - 0.6652).abs() < 5e-5);
    }

    #[test]
    fn bad_fragments_are_refused_with_a_message() {
        let current = Explorer::default();
        for bad in [
            "logits=1,abc,3",
            "logits=1,NaN,3",
            "logits=1e999,0,0",
            "logits=1",
            "logits=",
            "T=-1",
            "T=NaN",
            "logits=1,2,3&T=%zz",
            "logits=%3Cimg%20src%3Dx%3E,1,2",
            "ce=0",
            "ce=4",
            "ce=-1",
            "ratio=1",
            "ratio=1,9",
            "nudge=1,99",
            "nudge=x,1",
            "%zz",
            "=1",
            "logits=1,2,3&<b>=1",
        ] {
            assert!(parse(bad, &current).is_err(), "{bad}");
        }
        assert_eq!(parse("", &current).unwrap(), current);
        assert_eq!(parse("#future=1", &current).unwrap(), current);
        assert_eq!(
            parse("T=inf", &current).unwrap().temperature(),
            f64::INFINITY
        );
    }
}
