//! The scenes of the guided walk-through, in order, and what each one
//! shows at every moment of its own progress.
//!
//! Every scene starts from the logits `(2, 1, 0)` of the lesson's first
//! worked example and animates one idea; the animation is finished by
//! [`SETTLED_AT`] of the scene, so the rest of it holds the result still.

use super::Millis;

/// The logits every scene starts from.
pub const BASE_LOGITS: [f64; 3] = [2.0, 1.0, 0.0];

/// The fraction of a scene after which its picture no longer changes.
pub const SETTLED_AT: f64 = 0.8;

/// Which idea a scene shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SceneKind {
    /// Each logit `x_i` becomes `e^{x_i}`.
    Exponentiate,
    /// Each `e^{x_i}` is divided by their sum.
    Normalise,
    /// The probability vector lands on the simplex.
    Land,
    /// Every logit moves by the same amount; the point stays.
    Shift,
    /// `T` runs from hot to cold; the point follows the temperature path.
    Sweep,
    /// One logit goes to `-inf`; the point slides to the opposite edge.
    Mask,
}

/// One scene: what it shows, its short name and how long it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scene {
    /// The idea shown.
    pub kind: SceneKind,
    /// A short name for read-outs ("exponentiate").
    pub name: &'static str,
    /// Length in milliseconds at 1x speed.
    pub duration: Millis,
}

/// The walk-through, in order. The page's captions follow the same order.
pub const SCENES: [Scene; 6] = [
    Scene {
        kind: SceneKind::Exponentiate,
        name: "exponentiate",
        duration: 4000,
    },
    Scene {
        kind: SceneKind::Normalise,
        name: "normalise",
        duration: 4000,
    },
    Scene {
        kind: SceneKind::Land,
        name: "land on the simplex",
        duration: 3500,
    },
    Scene {
        kind: SceneKind::Shift,
        name: "shift every logit",
        duration: 5000,
    },
    Scene {
        kind: SceneKind::Sweep,
        name: "sweep the temperature",
        duration: 6000,
    },
    Scene {
        kind: SceneKind::Mask,
        name: "mask a logit",
        duration: 5000,
    },
];

/// The hottest and coldest temperatures of the sweep.
pub const SWEEP: (f64, f64) = (10.0, 0.25);
/// The largest shift added to every logit.
pub const SHIFT_AMPLITUDE: f64 = 3.0;
/// `6 sqrt 3`, the reciprocal of the largest value of `u (1 - u) (1 - 2u)`
/// on `[0, 1]` (reached at `u = (3 - sqrt 3) / 6`).
const CUBIC_PEAK_SCALE: f64 = 10.392_304_845_413_264;
/// How far the masked logit falls (as a finite number) before it becomes
/// `-inf`.
pub const MASK_DEPTH: f64 = 12.0;

/// Smoothstep from 0 to 1 while `progress` runs over `[from, to]`:
/// `s^2 (3 - 2 s)` with `s` the clamped position in the window.
pub fn ease(progress: f64, from: f64, to: f64) -> f64 {
    let s = ((progress - from) / (to - from)).clamp(0.0, 1.0);
    s * s * (3.0 - 2.0 * s)
}

/// What a scene puts on screen at one moment (before the shared
/// computation of exponentials and probabilities).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pose {
    /// The logits shown.
    pub logits: [f64; 3],
    /// The temperature.
    pub temperature: f64,
    /// The shift added to [`BASE_LOGITS`].
    pub shift: f64,
    /// How far the exponential bars have grown (0 to 1).
    pub exp_reveal: f64,
    /// How far the probability bars have grown (0 to 1).
    pub prob_reveal: f64,
    /// How far the point has fallen onto the simplex (0 = not shown).
    pub point_reveal: f64,
    /// Whether the whole temperature path is drawn.
    pub path: bool,
    /// The part of the path already swept, hottest temperature first.
    pub trail: Option<(f64, f64)>,
    /// The masked class, if any.
    pub mask: Option<usize>,
}

/// The pose of scene `kind` at `progress` in `[0, 1]`.
pub fn pose(kind: SceneKind, progress: f64) -> Pose {
    let settled = Pose {
        logits: BASE_LOGITS,
        temperature: 1.0,
        shift: 0.0,
        exp_reveal: 1.0,
        prob_reveal: 1.0,
        point_reveal: 1.0,
        path: false,
        trail: None,
        mask: None,
    };
    match kind {
        SceneKind::Exponentiate => Pose {
            exp_reveal: ease(progress, 0.1, 0.7),
            prob_reveal: 0.0,
            point_reveal: 0.0,
            ..settled
        },
        SceneKind::Normalise => Pose {
            prob_reveal: ease(progress, 0.1, 0.7),
            point_reveal: 0.0,
            ..settled
        },
        SceneKind::Land => Pose {
            point_reveal: ease(progress, 0.1, 0.7),
            ..settled
        },
        SceneKind::Shift => {
            // Up, down and back: the cubic u (1 - u) (1 - 2u), scaled so its
            // peak is the amplitude. It is exactly 0 at both ends, so the
            // settled frame shows the starting logits themselves, and it
            // needs no trigonometry (a smaller wasm).
            let u = ease(progress, 0.05, 0.75);
            let shift = SHIFT_AMPLITUDE * CUBIC_PEAK_SCALE * u * (1.0 - u) * (1.0 - 2.0 * u);
            Pose {
                logits: BASE_LOGITS.map(|x| x + shift),
                shift,
                ..settled
            }
        }
        SceneKind::Sweep => {
            let (hot, cold) = (SWEEP.0.log10(), SWEEP.1.log10());
            let temperature = 10f64.powf(hot + (cold - hot) * ease(progress, 0.05, 0.75));
            Pose {
                temperature,
                path: true,
                trail: Some((SWEEP.0, temperature)),
                ..settled
            }
        }
        SceneKind::Mask => {
            let fall = ease(progress, 0.05, 0.6);
            let x3 = if progress >= 0.7 {
                f64::NEG_INFINITY
            } else {
                BASE_LOGITS[2] - MASK_DEPTH * fall
            };
            Pose {
                logits: [BASE_LOGITS[0], BASE_LOGITS[1], x3],
                mask: Some(2),
                ..settled
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scene_is_still_after_it_settles() {
        for scene in SCENES {
            let a = pose(scene.kind, SETTLED_AT);
            let b = pose(scene.kind, 1.0);
            assert_eq!(a, b, "{}", scene.name);
        }
    }

    #[test]
    fn the_shift_rises_to_its_amplitude_falls_below_and_returns() {
        let shifts: Vec<f64> = (0..=1000)
            .map(|k| pose(SceneKind::Shift, k as f64 / 1000.0).shift)
            .collect();
        let high = shifts.iter().copied().fold(f64::MIN, f64::max);
        let low = shifts.iter().copied().fold(f64::MAX, f64::min);
        assert!((high - SHIFT_AMPLITUDE).abs() < 1e-3, "{high}");
        assert!((low + SHIFT_AMPLITUDE).abs() < 1e-3, "{low}");
        assert_eq!(shifts[0], 0.0);
        assert_eq!(shifts[1000], 0.0);
    }

    #[test]
    fn ease_runs_from_zero_to_one_inside_its_window() {
        assert_eq!(ease(0.0, 0.1, 0.7), 0.0);
        assert!((ease(0.4, 0.1, 0.7) - 0.5).abs() < 1e-15);
        assert_eq!(ease(0.9, 0.1, 0.7), 1.0);
    }
}
