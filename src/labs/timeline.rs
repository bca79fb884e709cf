//! The guided player's timeline: the state shown at time `t` is a pure
//! function of `t`, [`frame`], so playing, scrubbing and stepping to the
//! same moment always show the same picture.
//!
//! Time is kept in whole milliseconds ([`Millis`]) so that every way of
//! reaching a moment lands on exactly the same number. The scenes and their
//! poses live in [`scenes`]; the clock that moves `t` (play, pause, speed,
//! steps, reduced motion) lives in [`player`].

pub mod player;
pub mod scenes;

use crate::format::{fixed, short};
use crate::softmax_with_temperature;
use scenes::{pose, SCENES, SETTLED_AT};

/// A time on the timeline, in milliseconds from its start.
pub type Millis = u32;

/// The length of the whole walk-through: the sum of the scene durations.
pub fn duration() -> Millis {
    SCENES.iter().map(|s| s.duration).sum()
}

/// When scene `k` starts (the end of the timeline for `k` past the last).
pub fn scene_start(k: usize) -> Millis {
    SCENES.iter().take(k).map(|s| s.duration).sum()
}

/// The moment scene `k`'s picture has settled: its start plus
/// [`SETTLED_AT`] of its length (the end for `k` past the last).
pub fn settled(k: usize) -> Millis {
    match SCENES.get(k) {
        Some(scene) => scene_start(k) + (f64::from(scene.duration) * SETTLED_AT).round() as Millis,
        None => duration(),
    }
}

/// The step stops: every scene boundary, from 0 to the end.
pub fn stops() -> Vec<Millis> {
    (0..=SCENES.len()).map(scene_start).collect()
}

/// The scene playing at `t` and how far into it (0 to 1). The end of the
/// timeline belongs to the last scene at progress 1; later times are
/// clamped to the end.
pub fn scene_at(t: Millis) -> (usize, f64) {
    let t = t.min(duration());
    let mut start = 0;
    for (k, scene) in SCENES.iter().enumerate() {
        let end = start + scene.duration;
        if t < end || k + 1 == SCENES.len() {
            let progress = f64::from(t - start) / f64::from(scene.duration);
            return (k, progress.min(1.0));
        }
        start = end;
    }
    (0, 0.0)
}

/// Which parts of the drawing a scene points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Highlight {
    /// The logit bars.
    pub logits: bool,
    /// The exponential bars.
    pub exps: bool,
    /// The probability bars.
    pub probabilities: bool,
    /// The simplex.
    pub simplex: bool,
}

/// Everything drawn at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The moment, in milliseconds.
    pub time: Millis,
    /// The scene playing (0-based); also the index of its caption.
    pub scene: usize,
    /// How far into the scene, 0 to 1.
    pub progress: f64,
    /// The logits (the masked one is `-inf` once the mask is complete).
    pub logits: [f64; 3],
    /// The temperature.
    pub temperature: f64,
    /// The shift added to the starting logits.
    pub shift: f64,
    /// `e^{x_i / T}` (0 for a masked logit).
    pub exps: [f64; 3],
    /// `sum_i e^{x_i / T}`, the normaliser.
    pub exp_sum: f64,
    /// `softmax(x / T)`.
    pub probabilities: [f64; 3],
    /// How far the exponential bars have grown (0 to 1).
    pub exp_reveal: f64,
    /// How far the probability bars have grown (0 to 1).
    pub prob_reveal: f64,
    /// How far the point has fallen onto the simplex (0 = not shown).
    pub point_reveal: f64,
    /// Whether the whole temperature path is drawn.
    pub path: bool,
    /// The swept part of the path, from the hottest temperature to the
    /// current one.
    pub trail: Option<(f64, f64)>,
    /// The masked class, if any.
    pub mask: Option<usize>,
    /// What the scene points at.
    pub highlight: Highlight,
}

/// The frame at time `t` (clamped to the timeline): the scene's pose, plus
/// `e^{x_i/T}` and `softmax(x/T)` computed by the core.
pub fn frame(t: Millis) -> Frame {
    let t = t.min(duration());
    let (scene, progress) = scene_at(t);
    let kind = SCENES[scene].kind;
    let p = pose(kind, progress);
    let probabilities = softmax_with_temperature(&p.logits, p.temperature)
        .ok()
        .and_then(|v| <[f64; 3]>::try_from(v).ok())
        .unwrap_or([f64::NAN; 3]);
    let exps = p.logits.map(|x| (x / p.temperature).exp());
    use scenes::SceneKind::*;
    let highlight = match kind {
        Exponentiate => Highlight {
            logits: true,
            exps: true,
            ..Highlight::default()
        },
        Normalise => Highlight {
            exps: true,
            probabilities: true,
            ..Highlight::default()
        },
        Land | Sweep => Highlight {
            probabilities: true,
            simplex: true,
            ..Highlight::default()
        },
        Shift | Mask => Highlight {
            logits: true,
            simplex: true,
            ..Highlight::default()
        },
    };
    Frame {
        time: t,
        scene,
        progress,
        logits: p.logits,
        temperature: p.temperature,
        shift: p.shift,
        exps,
        exp_sum: exps.iter().sum(),
        probabilities,
        exp_reveal: p.exp_reveal,
        prob_reveal: p.prob_reveal,
        point_reveal: p.point_reveal,
        path: p.path,
        trail: p.trail,
        mask: p.mask,
        highlight,
    }
}

/// The largest exponential `e^{x_i / T}` that scene `k` shows at any
/// moment (0 for `k` past the last). The player fixes the exponential
/// panel's axis for a whole scene from this, so bars that grow or shrink
/// inside a scene are drawn against one unchanging scale.
///
/// Each scene is sampled every millisecond, with its two ends (once, on
/// first use); every pose moves smoothly, so the sampled peak is the true
/// one to within a millisecond's change.
pub fn exp_peak(k: usize) -> f64 {
    static PEAKS: std::sync::OnceLock<[f64; SCENES.len()]> = std::sync::OnceLock::new();
    let peaks = PEAKS.get_or_init(|| std::array::from_fn(sampled_exp_peak));
    peaks.get(k).copied().unwrap_or(0.0)
}

fn sampled_exp_peak(k: usize) -> f64 {
    let Some(scene) = SCENES.get(k) else {
        return 0.0;
    };
    let steps = scene.duration.max(1);
    (0..=steps)
        .map(|i| pose(scene.kind, f64::from(i) / f64::from(steps)))
        .flat_map(|p| p.logits.map(|x| (x / p.temperature).exp()))
        .filter(|e| e.is_finite())
        .fold(0.0, f64::max)
}

/// The time read-out: `"t = 3.2 s"` (tenths of a second, rounded down so
/// the read-out never runs ahead of the picture).
pub fn time_text(t: Millis) -> String {
    format!("t = {}.{} s", t / 1000, (t % 1000) / 100)
}

/// A sentence describing the frame for screen readers (the canvas's text
/// twin).
pub fn describe(f: &Frame) -> String {
    let list = |v: &[f64; 3], digits: usize| {
        v.iter()
            .map(|x| fixed(*x, digits))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let shown_p = if f.prob_reveal > 0.0 {
        format!("; probabilities {}", list(&f.probabilities, 3))
    } else {
        String::new()
    };
    let shown_e = if f.exp_reveal > 0.0 {
        format!("; exponentials {}", list(&f.exps, 2))
    } else {
        String::new()
    };
    format!(
        "Scene {} of {}, {}: logits {} at T = {}{}{}.",
        f.scene + 1,
        SCENES.len(),
        SCENES[f.scene].name,
        list(&f.logits, 2),
        short(f.temperature),
        shown_e,
        shown_p
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scene_boundaries_belong_to_the_scene_that_starts_there() {
        assert_eq!(scene_at(0), (0, 0.0));
        assert_eq!(scene_at(scene_start(1)).0, 1);
        assert_eq!(scene_at(scene_start(1) - 1).0, 0);
        assert_eq!(scene_at(duration()), (SCENES.len() - 1, 1.0));
        assert_eq!(scene_at(u32::MAX), (SCENES.len() - 1, 1.0));
        assert_eq!(stops().first(), Some(&0));
        assert_eq!(stops().last(), Some(&duration()));
    }

    #[test]
    fn the_time_readout_shows_tenths_of_a_second() {
        assert_eq!(time_text(0), "t = 0.0 s");
        assert_eq!(time_text(3_299), "t = 3.2 s");
        assert_eq!(time_text(12_000), "t = 12.0 s");
    }
}
