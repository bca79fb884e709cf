//! The labs' settings in the page's link, beside the explorer's state:
//! `#lab-attention&logits=2,1,0&T=1&attn-d=64&attn-fill=-1e9`.
//!
//! Each lab writes only the settings that differ from its defaults, under
//! keys of its own (`stab-`, `attn-`, `cal-`), so an untouched lab adds
//! nothing to a link. Reading takes the lab's own keys and ignores the
//! rest (the explorer's, the other labs', a later version's). A bad value
//! makes the lab's whole part of the link an error: the page says so next
//! to the lab and keeps its defaults, never half a state.

use super::attention::{AttentionLab, DEFAULT_SEED, TOKENS};
use super::calibration::{slider_position, CalibrationLab};
use super::stability::StabilityLab;
use crate::explorer::fragment::{number, pairs};
use crate::format::field;
use crate::Error;

/// A setting of a lab that a link can carry.
pub trait Linked: Sized + Default {
    /// The prefix of the lab's keys, with its dash (`attn-`).
    const PREFIX: &'static str;
    /// The lab's name in a message ("the attention lab").
    const NAME: &'static str;

    /// The `key=value` items that differ from the defaults, in a fixed order.
    fn items(&self) -> Vec<(&'static str, String)>;

    /// Apply one item (its key without the prefix) to `self`.
    fn apply(&mut self, key: &str, value: &str) -> Result<(), Error>;
}

/// The lab's part of a link (without a leading `&`): empty when every
/// setting is the default.
pub fn write<L: Linked>(lab: &L) -> String {
    lab.items()
        .into_iter()
        .map(|(key, value)| format!("{}{key}={value}", L::PREFIX))
        .collect::<Vec<_>>()
        .join("&")
}

/// The lab a link describes: `Ok(None)` when the link has none of its keys,
/// the defaults with the link's settings applied otherwise, or an error
/// that names the lab and the setting.
pub fn read<L: Linked>(fragment: &str) -> Result<Option<L>, Error> {
    let items = pairs(fragment)?;
    let mut lab = L::default();
    let mut any = false;
    for (key, value) in &items {
        let Some(setting) = key.strip_prefix(L::PREFIX) else {
            continue;
        };
        any = true;
        lab.apply(setting, value).map_err(|e| {
            let why = match e {
                Error::Invalid(text) => text,
                other => other.to_string(),
            };
            Error::Invalid(format!(
                "The link's setting {key} for {} could not be used: {why}",
                L::NAME
            ))
        })?;
    }
    Ok(any.then_some(lab))
}

/// Replace `lab` by the one a link describes and return the notice to show
/// beside it: empty when the link has no settings for it or they were
/// used, otherwise why they were not (the lab then shows its defaults).
pub fn load<L: Linked>(lab: &mut L, fragment: &str) -> String {
    match read::<L>(fragment) {
        Ok(Some(linked)) => {
            *lab = linked;
            String::new()
        }
        Ok(None) => String::new(),
        Err(error) => {
            *lab = L::default();
            format!("{error} The lab shows its usual settings instead.")
        }
    }
}

fn flag(value: &str) -> Result<bool, Error> {
    match value {
        "1" => Ok(true),
        "0" => Ok(false),
        _ => Err(Error::Invalid("it must be 1 (on) or 0 (off).".into())),
    }
}

fn unknown(key: &str) -> Error {
    Error::Invalid(format!(
        "this version of the lesson has no setting called {:?}.",
        key.chars().take(16).collect::<String>()
    ))
}

/// A 1-based position from a link, checked against `count`, as 0-based.
fn position(value: &str, count: usize, what: &str) -> Result<usize, Error> {
    match value.trim().parse::<usize>() {
        Ok(k) if (1..=count).contains(&k) => Ok(k - 1),
        _ => Err(Error::Invalid(format!(
            "{what} is a whole number from 1 to {count}."
        ))),
    }
}

impl Linked for StabilityLab {
    const PREFIX: &'static str = "stab-";
    const NAME: &'static str = "the stability lab";

    fn items(&self) -> Vec<(&'static str, String)> {
        let home = StabilityLab::default();
        let mut out = Vec::new();
        if self.logits() != home.logits() {
            let logits: Vec<String> = self.logits().iter().map(|v| number(*v)).collect();
            out.push(("logits", logits.join(",")));
        }
        if self.format() != home.format() {
            out.push(("format", self.format().name().to_owned()));
        }
        if self.target() != home.target() {
            out.push(("target", (self.target() + 1).to_string()));
        }
        out
    }

    fn apply(&mut self, key: &str, value: &str) -> Result<(), Error> {
        match key {
            "logits" => self.set_logits(value),
            "format" => self.set_format(value),
            "target" => {
                let index = position(value, self.logits().len(), "the target class")?;
                self.set_target(index)
            }
            _ => Err(unknown(key)),
        }
    }
}

impl Linked for AttentionLab {
    const PREFIX: &'static str = "attn-";
    const NAME: &'static str = "the attention lab";

    fn items(&self) -> Vec<(&'static str, String)> {
        let home = AttentionLab::default();
        let mut out = Vec::new();
        if self.seed() != home.seed() {
            out.push(("seed", self.seed().to_string()));
        }
        if self.d() != home.d() {
            out.push(("d", self.d().to_string()));
        }
        if self.scaled() != home.scaled() {
            out.push(("scaled", u8::from(self.scaled()).to_string()));
        }
        let (m, h) = (self.mask(), home.mask());
        if m.causal != h.causal {
            out.push(("causal", u8::from(m.causal).to_string()));
        }
        if m.padding != h.padding {
            out.push(("padding", u8::from(m.padding).to_string()));
        }
        if m.padded != h.padded {
            let marked: Vec<String> = m
                .padded
                .iter()
                .enumerate()
                .filter(|(_, &p)| p)
                .map(|(j, _)| (j + 1).to_string())
                .collect();
            let text = if marked.is_empty() {
                "none".to_owned()
            } else {
                marked.join(",")
            };
            out.push(("pad", text));
        }
        if self.fill() != home.fill() {
            out.push(("fill", self.fill().id().to_owned()));
        }
        if self.precision() != home.precision() {
            out.push(("precision", self.precision().name().to_owned()));
        }
        if self.row() != home.row() {
            out.push(("row", (self.row() + 1).to_string()));
        }
        if self.k() != home.k() {
            out.push(("k", self.k().to_string()));
        }
        if self.p() != home.p() {
            out.push(("p", number(self.p())));
        }
        out
    }

    fn apply(&mut self, key: &str, value: &str) -> Result<(), Error> {
        match key {
            "seed" => {
                let seed = value.trim().parse::<u64>().map_err(|_| {
                    Error::Invalid(format!("a seed is a whole number such as {DEFAULT_SEED}."))
                })?;
                self.set_seed(seed);
                Ok(())
            }
            "d" => {
                let d = value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| Error::Invalid("d is a whole number.".into()))?;
                self.set_d(d)
            }
            "scaled" => {
                self.set_scaled(flag(value)?);
                Ok(())
            }
            "causal" => {
                self.set_causal(flag(value)?);
                Ok(())
            }
            "padding" => {
                self.set_padding(flag(value)?);
                Ok(())
            }
            "pad" => {
                let mut marked = vec![false; TOKENS.len()];
                if value != "none" {
                    for item in value.split(',') {
                        marked[position(item, TOKENS.len(), "a padded position")?] = true;
                    }
                }
                for (j, on) in marked.into_iter().enumerate() {
                    self.set_padded(j, on)?;
                }
                Ok(())
            }
            "fill" => self.set_fill(value),
            "precision" => self.set_precision(value),
            "row" => {
                let row = position(value, self.n(), "the row")?;
                self.set_row(row)
            }
            "k" => self.set_k(value),
            "p" => self.set_p(value),
            _ => Err(unknown(key)),
        }
    }
}

impl Linked for CalibrationLab {
    const PREFIX: &'static str = "cal-";
    const NAME: &'static str = "the calibration lab";

    fn items(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(fit) = self.fitted() {
            out.push(("fit", "1".to_owned()));
            if self.temperature() == fit.temperature {
                return out;
            }
        } else if self.temperature() == 1.0 {
            return out;
        }
        // A slider position: its temperature to the digits the lab shows,
        // which read back to the same position.
        out.push(("T", field(self.temperature())));
        out
    }

    fn apply(&mut self, key: &str, value: &str) -> Result<(), Error> {
        match key {
            "fit" => {
                if flag(value)? {
                    self.fit()?;
                }
                Ok(())
            }
            "T" => {
                let t = crate::input::parse_number(value)?;
                if !(t > 0.0 && t.is_finite()) {
                    return Err(Error::Invalid(
                        "a temperature is a number above 0, such as 1.5.".into(),
                    ));
                }
                self.set_slider(&slider_position(t).to_string())
            }
            _ => Err(unknown(key)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<L: Linked + PartialEq + std::fmt::Debug>(lab: &L) -> L {
        let text = write(lab);
        let back: Option<L> = read(&format!("#lab&logits=1,2&{text}")).expect("reads back");
        back.unwrap_or_default()
    }

    #[test]
    fn untouched_labs_add_nothing_to_a_link() {
        assert_eq!(write(&StabilityLab::default()), "");
        assert_eq!(write(&AttentionLab::default()), "");
        assert_eq!(write(&CalibrationLab::default()), "");
        assert_eq!(
            read::<AttentionLab>("#logits=2,1,0&T=1&stab-format=f16").unwrap(),
            None
        );
    }

    #[test]
    fn the_stability_lab_travels_in_a_link() {
        let mut lab = StabilityLab::default();
        lab.set_logits("1000, 999, -5e3, 1e-300").unwrap();
        lab.set_format("bf16").unwrap();
        lab.set_target(3).unwrap();
        let text = write(&lab);
        assert_eq!(
            text,
            "stab-logits=1000,999,-5000,1e-300&stab-format=bf16&stab-target=4"
        );
        assert_eq!(round_trip(&lab), lab);
    }

    #[test]
    fn the_attention_lab_travels_in_a_link() {
        let mut lab = AttentionLab::default();
        lab.reseed();
        lab.set_d(64).unwrap();
        lab.set_scaled(false);
        lab.set_causal(false);
        lab.set_padded(6, false).unwrap();
        lab.set_padded(7, false).unwrap();
        lab.set_fill("-1e9").unwrap();
        lab.set_precision("f16").unwrap();
        lab.set_row(2).unwrap();
        lab.set_k("3").unwrap();
        lab.set_p("0.9").unwrap();
        let text = write(&lab);
        assert_eq!(
            text,
            "attn-seed=2025&attn-d=64&attn-scaled=0&attn-causal=0&attn-pad=none\
             &attn-fill=-1e9&attn-precision=f16&attn-row=3&attn-k=3&attn-p=0.9"
        );
        assert_eq!(round_trip(&lab), lab);
        let mut one = AttentionLab::default();
        one.set_padded(2, true).unwrap();
        assert_eq!(write(&one), "attn-pad=3,7,8");
        assert_eq!(round_trip(&one), one);
    }

    #[test]
    fn the_calibration_lab_travels_in_a_link() {
        let mut lab = CalibrationLab::default();
        lab.set_slider("300").unwrap();
        assert_eq!(write(&lab), format!("cal-T={}", field(lab.temperature())));
        assert_eq!(round_trip(&lab).slider_position(), 300);
        let mut fitted = CalibrationLab::default();
        fitted.fit().unwrap();
        assert_eq!(write(&fitted), "cal-fit=1");
        let back = round_trip(&fitted);
        assert_eq!(back.temperature(), fitted.temperature());
        fitted.set_slider("10").unwrap();
        let back = round_trip(&fitted);
        assert_eq!(back.slider_position(), 10);
        assert!(back.fitted().is_some());
    }

    #[test]
    fn a_bad_setting_is_an_error_that_names_the_lab_and_the_key() {
        for (fragment, key) in [
            ("#attn-d=0", "attn-d"),
            ("#attn-d=1e400", "attn-d"),
            ("#attn-fill=-5", "attn-fill"),
            ("#attn-pad=9", "attn-pad"),
            ("#attn-scaled=yes", "attn-scaled"),
            ("#attn-colour=red", "attn-colour"),
            ("#attn-p=1.5", "attn-p"),
            ("#attn-seed=-1", "attn-seed"),
        ] {
            let message = read::<AttentionLab>(fragment).unwrap_err().to_string();
            assert!(message.contains(key), "{fragment}: {message}");
            assert!(message.contains("attention lab"), "{fragment}: {message}");
        }
        for fragment in [
            "#stab-logits=abc",
            "#stab-format=f8",
            "#stab-target=9",
            "#stab-logits=1,2&stab-target=3",
        ] {
            assert!(read::<StabilityLab>(fragment).is_err(), "{fragment}");
        }
        for fragment in ["#cal-T=0", "#cal-T=-inf", "#cal-T=nan", "#cal-fit=2"] {
            assert!(read::<CalibrationLab>(fragment).is_err(), "{fragment}");
        }
        // A garbled link is an error for every lab.
        assert!(read::<StabilityLab>("#a b=1").is_err());
    }

    #[test]
    fn loading_a_bad_link_says_why_and_keeps_the_defaults() {
        let mut lab = AttentionLab::default();
        assert_eq!(load(&mut lab, "#lab-attention&attn-d=64&attn-k=3"), "");
        assert_eq!(lab.d(), 64);
        let notice = load(&mut lab, "#attn-d=64&attn-fill=zero");
        assert!(notice.contains("attn-fill"), "{notice}");
        assert!(notice.ends_with("usual settings instead."), "{notice}");
        assert_eq!(lab, AttentionLab::default());
        // No settings of its own: the lab is left as it is.
        lab.set_d(8).unwrap();
        assert_eq!(load(&mut lab, "#logits=1,2&T=1"), "");
        assert_eq!(lab.d(), 8);
    }
}
