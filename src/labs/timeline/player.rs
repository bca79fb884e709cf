//! The player's clock: what play, pause, speed, steps, scrubbing and the
//! keyboard do to the time `t`. The picture is always [`super::frame`] of
//! that time, so the clock carries no state that could make two ways of
//! reaching the same `t` look different.
//!
//! With reduced motion, playing never shows an in-between frame: `t` jumps
//! from one scene's settled picture to the next, holding each for the
//! scene's length (divided by the speed).

use super::scenes::SCENES;
use super::{duration, scene_at, settled, stops, Millis};
use crate::Error;

/// The playback speeds offered, with their labels.
pub const SPEEDS: [(f64, &str); 3] = [(0.25, "0.25×"), (1.0, "1×"), (2.0, "2×")];
/// The speed the player starts at (1x).
pub const DEFAULT_SPEED: usize = 1;
/// The zoom factors offered for the drawing, with their labels.
pub const ZOOMS: [(f64, &str); 3] = [(1.0, "1×"), (1.5, "1.5×"), (2.0, "2×")];
/// The longest clock gap a single tick may advance (a tab that was in the
/// background resumes where it was instead of jumping ahead).
pub const MAX_TICK_MS: f64 = 100.0;

/// The player's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Player {
    time: Millis,
    playing: bool,
    speed: usize,
    reduced_motion: bool,
    last_clock: Option<f64>,
    /// Fractions of a millisecond not yet added to `time`.
    carry: f64,
    /// Reduced motion: milliseconds the current picture has been held.
    held: f64,
}

impl Default for Player {
    fn default() -> Self {
        Player {
            time: 0,
            playing: false,
            speed: DEFAULT_SPEED,
            reduced_motion: false,
            last_clock: None,
            carry: 0.0,
            held: 0.0,
        }
    }
}

/// What a key press did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Space: play or pause.
    TogglePlay,
    /// Right arrow: the next scene boundary.
    StepForward,
    /// Left arrow: the previous scene boundary.
    StepBack,
    /// Home: back to `t = 0`.
    Restart,
    /// End: the end of the timeline.
    End,
}

impl Player {
    /// A paused player at `t = 0`, speed 1x.
    pub fn new() -> Player {
        Player::default()
    }

    /// The current time.
    pub fn time(&self) -> Millis {
        self.time
    }

    /// Whether the clock is running.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// The index of the current speed in [`SPEEDS`].
    pub fn speed(&self) -> usize {
        self.speed
    }

    /// Whether reduced motion is on.
    pub fn reduced_motion(&self) -> bool {
        self.reduced_motion
    }

    fn reset_clock(&mut self) {
        self.last_clock = None;
        self.carry = 0.0;
        self.held = 0.0;
    }

    /// Start playing. At the end, start again from 0. With reduced motion,
    /// jump at once to the settled picture of the current scene (or of the
    /// next one if this one has settled).
    pub fn play(&mut self) {
        if self.time >= duration() {
            self.time = 0;
        }
        self.playing = true;
        self.reset_clock();
        if self.reduced_motion {
            self.time = next_settled(self.time);
            if self.time >= duration() {
                self.playing = false;
            }
        }
    }

    /// Stop the clock where it is.
    pub fn pause(&mut self) {
        self.playing = false;
        self.reset_clock();
    }

    /// Play if paused, pause if playing.
    pub fn toggle(&mut self) {
        if self.playing {
            self.pause();
        } else {
            self.play();
        }
    }

    /// Back to `t = 0`, paused.
    pub fn restart(&mut self) {
        self.pause();
        self.time = 0;
    }

    /// To the next scene boundary (or the end), paused.
    pub fn step_forward(&mut self) {
        self.pause();
        self.time = stops()
            .into_iter()
            .find(|&s| s > self.time)
            .unwrap_or_else(duration);
    }

    /// To the previous scene boundary (or 0), paused.
    pub fn step_back(&mut self) {
        self.pause();
        self.time = stops()
            .into_iter()
            .rev()
            .find(|&s| s < self.time)
            .unwrap_or(0);
    }

    /// Jump to `t` (clamped to the timeline), keeping play or pause.
    pub fn seek(&mut self, t: Millis) {
        self.time = t.min(duration());
        self.reset_clock();
    }

    /// Jump to the scrubber's value (its text, as the page reads it: whole
    /// milliseconds); an error keeps the time.
    pub fn scrub(&mut self, text: &str) -> Result<(), Error> {
        let t: Millis = text.trim().parse().map_err(|_| {
            Error::Invalid("The scrubber gives a whole number of milliseconds.".into())
        })?;
        if t > duration() {
            return Err(Error::Invalid(
                "That moment is past the end of the walk-through.".into(),
            ));
        }
        self.seek(t);
        Ok(())
    }

    /// Choose speed `index` of [`SPEEDS`].
    pub fn set_speed(&mut self, index: usize) -> Result<(), Error> {
        if index < SPEEDS.len() {
            self.speed = index;
            self.reset_clock();
            Ok(())
        } else {
            Err(Error::Invalid(format!("There is no speed {index}.")))
        }
    }

    /// Turn reduced motion on or off (the page follows the reader's
    /// `prefers-reduced-motion` setting).
    pub fn set_reduced_motion(&mut self, on: bool) {
        self.reduced_motion = on;
        self.reset_clock();
    }

    /// The action for a key (`KeyboardEvent.key`), if it has one.
    pub fn action_for(key: &str) -> Option<KeyAction> {
        match key {
            " " | "Spacebar" => Some(KeyAction::TogglePlay),
            "ArrowRight" => Some(KeyAction::StepForward),
            "ArrowLeft" => Some(KeyAction::StepBack),
            "Home" => Some(KeyAction::Restart),
            "End" => Some(KeyAction::End),
            _ => None,
        }
    }

    /// Apply the shortcut for `key`; returns whether the key was used.
    pub fn key(&mut self, key: &str) -> bool {
        match Player::action_for(key) {
            Some(KeyAction::TogglePlay) => self.toggle(),
            Some(KeyAction::StepForward) => self.step_forward(),
            Some(KeyAction::StepBack) => self.step_back(),
            Some(KeyAction::Restart) => self.restart(),
            Some(KeyAction::End) => {
                self.pause();
                self.time = duration();
            }
            None => return false,
        }
        true
    }

    /// Advance the clock to the page's clock reading `clock_ms` (from
    /// `requestAnimationFrame`). Time moves by the elapsed clock time times
    /// the speed (at most [`MAX_TICK_MS`] of clock per tick), in whole
    /// milliseconds, and stops at the end. Returns whether `t` changed.
    pub fn tick(&mut self, clock_ms: f64) -> bool {
        if !clock_ms.is_finite() {
            return false;
        }
        let last = self.last_clock.replace(clock_ms);
        let Some(last) = last.filter(|_| self.playing) else {
            return false;
        };
        let elapsed = (clock_ms - last).clamp(0.0, MAX_TICK_MS) * SPEEDS[self.speed].0;
        let before = self.time;
        if self.reduced_motion {
            self.held += elapsed;
            let (scene, _) = scene_at(self.time);
            if self.held >= f64::from(SCENES[scene].duration) {
                self.held = 0.0;
                self.time = next_settled(self.time);
            }
        } else {
            self.carry += elapsed;
            let whole = self.carry.floor();
            self.carry -= whole;
            self.time = self.time.saturating_add(whole as Millis).min(duration());
        }
        if self.time >= duration() {
            self.time = duration();
            self.playing = false;
        }
        self.time != before
    }
}

/// The first settled moment after `t` (the end if there is none).
fn next_settled(t: Millis) -> Millis {
    (0..SCENES.len())
        .map(settled)
        .find(|&s| s > t)
        .unwrap_or_else(duration)
}
