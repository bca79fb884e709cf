//! No panic reachable from the labs' exports: the calibration lab's state
//! under any sequence of slider text, temperatures, fits and resets, and the
//! guided player's timeline at any time and scene index (the pure layer
//! under `src/web/labs_calibration.rs` and `src/web/player.rs`).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use softmax_lesson::labs::calibration::dataset::Recipe;
use softmax_lesson::labs::calibration::{slider_position, slider_temperature, CalibrationLab};
use softmax_lesson::labs::timeline::player::Player;
use softmax_lesson::labs::timeline::{describe, frame, scene_at, scene_start, settled, time_text};

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_calibration_lab_answers_any_edit(
        edits in prop::collection::vec(
            (0u8..4, any::<String>(), any::<u64>().prop_map(f64::from_bits)),
            1..8,
        ),
        k in any::<u32>(),
        t in any::<u64>().prop_map(f64::from_bits),
    ) {
        let _ = slider_temperature(k);
        let _ = slider_position(t);
        let mut lab = CalibrationLab::new(Recipe::PRESET);
        for (kind, text, value) in edits {
            let before = lab.temperature();
            let result = match kind {
                0 => lab.set_slider(&text),
                1 => lab.set_temperature(value),
                2 => lab.fit().map(|_| ()),
                _ => {
                    lab.reset();
                    Ok(())
                }
            };
            if result.is_err() {
                prop_assert_eq!(lab.temperature().to_bits(), before.to_bits());
            }
            let _ = lab.readout();
            let _ = lab.reliability();
            let _ = lab.slider_position();
        }
    }

    #[test]
    fn the_player_answers_any_time_and_scene(t in any::<u32>(), k in any::<usize>()) {
        let f = frame(t);
        prop_assert!(!describe(&f).is_empty());
        prop_assert!(!time_text(t).is_empty());
        let _ = scene_at(t);
        let _ = scene_start(k);
        let _ = settled(k);
    }

    #[test]
    fn the_player_answers_any_sequence_of_controls(
        controls in prop::collection::vec(
            (0u8..9, any::<u32>(), any::<usize>(), any::<String>(), any::<u64>().prop_map(f64::from_bits)),
            1..40,
        ),
    ) {
        let mut player = Player::new();
        for (kind, t, index, text, clock) in controls {
            match kind {
                0 => player.toggle(),
                1 => player.step_forward(),
                2 => player.step_back(),
                3 => player.seek(t),
                4 => {
                    let _ = player.scrub(&text);
                }
                5 => {
                    let _ = player.set_speed(index);
                }
                6 => {
                    let _ = player.key(&text);
                    let _ = Player::action_for(&text);
                }
                7 => {
                    let _ = player.tick(clock);
                }
                _ => player.restart(),
            }
            prop_assert!(!time_text(player.time()).is_empty());
            prop_assert!(!describe(&frame(player.time())).is_empty());
        }
    }
}
