//! The guided player's promises: the picture at `t` is the same however `t`
//! was reached, the scenes show what their captions say, and the clock
//! obeys play, speed, steps and reduced motion.

use softmax_lesson::labs::timeline::player::{Player, SPEEDS};
use softmax_lesson::labs::timeline::scenes::SCENES;
use softmax_lesson::labs::timeline::{duration, frame, scene_start, settled, stops, Frame, Millis};

/// Play from 0 with ticks of `dt` clock milliseconds until `t >= target`.
fn play_until(player: &mut Player, target: Millis, dt: f64) -> Frame {
    let mut clock = 1000.0;
    player.tick(clock);
    player.play();
    player.tick(clock);
    while player.time() < target && player.playing() {
        clock += dt;
        player.tick(clock);
    }
    frame(player.time())
}

fn close(a: &[f64; 3], b: &[f64; 3], tolerance: f64) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tolerance)
}

#[test]
fn the_state_at_t_is_the_same_however_you_got_there() {
    for target in [1_234, scene_start(3) + 700, scene_start(5) + 4_000] {
        // Play with an irregular frame rate.
        let mut played = Player::new();
        let from_play = play_until(&mut played, target, 16.7);
        let t = played.time();
        // Scrub straight there.
        let mut scrubbed = Player::new();
        scrubbed.scrub(&t.to_string()).unwrap();
        // Step to the end, back to 0, then scrub.
        let mut stepped = Player::new();
        for _ in 0..10 {
            stepped.step_forward();
        }
        stepped.step_back();
        stepped.key("Home");
        stepped.seek(t);
        // Play at another speed and frame rate up to the same moment.
        let mut fast = Player::new();
        fast.set_speed(2).unwrap();
        play_until(&mut fast, t - 40, 7.3);
        fast.pause();
        fast.seek(t);
        assert_eq!(frame(scrubbed.time()), from_play, "scrub to {t}");
        assert_eq!(frame(stepped.time()), from_play, "step then seek to {t}");
        assert_eq!(frame(fast.time()), from_play, "fast play then seek to {t}");
        assert_eq!(frame(t), frame(t), "frame is a pure function");
    }
}

#[test]
fn stepping_visits_every_scene_boundary_in_order_and_back() {
    let mut player = Player::new();
    let mut seen = vec![player.time()];
    while player.time() < duration() {
        player.step_forward();
        seen.push(player.time());
    }
    assert_eq!(seen, stops());
    let mut back = vec![player.time()];
    while player.time() > 0 {
        player.key("ArrowLeft");
        back.push(player.time());
    }
    back.reverse();
    assert_eq!(back, stops());
    // Each boundary opens the scene with the matching caption.
    for (k, &stop) in stops().iter().take(SCENES.len()).enumerate() {
        assert_eq!(frame(stop).scene, k);
    }
}

#[test]
fn play_advances_time_by_the_clock_times_the_speed() {
    for (index, (speed, _)) in SPEEDS.iter().enumerate() {
        let mut player = Player::new();
        player.set_speed(index).unwrap();
        player.tick(0.0);
        player.play();
        player.tick(0.0);
        let mut clock = 0.0;
        for _ in 0..60 {
            clock += 1000.0 / 60.0;
            player.tick(clock);
        }
        let expected = 1000.0 * speed;
        assert!(
            (f64::from(player.time()) - expected).abs() <= 1.0,
            "speed {speed}: t = {}",
            player.time()
        );
    }
}

#[test]
fn a_paused_player_does_not_move_and_restart_returns_to_zero() {
    let mut player = Player::new();
    player.tick(0.0);
    player.tick(500.0);
    assert_eq!(player.time(), 0);
    player.key(" ");
    player.tick(600.0);
    player.tick(700.0);
    assert_eq!(player.time(), 100);
    player.key(" ");
    player.tick(800.0);
    assert_eq!(player.time(), 100);
    player.key("Home");
    assert_eq!(player.time(), 0);
    assert!(!player.playing());
}

#[test]
fn play_stops_at_the_end_and_starts_over_when_pressed_again() {
    let mut player = Player::new();
    player.seek(duration() - 50);
    player.play();
    player.tick(0.0);
    player.tick(90.0);
    assert_eq!(player.time(), duration());
    assert!(!player.playing());
    player.play();
    assert_eq!(player.time(), 0);
}

#[test]
fn reduced_motion_turns_play_into_steps_between_settled_pictures() {
    let mut player = Player::new();
    player.set_reduced_motion(true);
    player.tick(0.0);
    player.play();
    assert_eq!(
        player.time(),
        settled(0),
        "play jumps to the settled picture"
    );
    let mut clock = 0.0;
    let mut visited = vec![player.time()];
    while player.playing() {
        clock += 16.0;
        player.tick(clock);
        if visited.last() != Some(&player.time()) {
            visited.push(player.time());
        }
    }
    let mut expected: Vec<Millis> = (0..SCENES.len()).map(settled).collect();
    expected.push(duration());
    assert_eq!(visited, expected, "no in-between frames");
}

#[test]
fn shifting_all_logits_leaves_the_point_still() {
    let start = scene_start(3);
    let still = frame(start).probabilities;
    let mut moved = false;
    for t in (start..scene_start(4)).step_by(97) {
        let f = frame(t);
        moved |= f.shift.abs() > 1.0;
        assert!(close(&f.probabilities, &still, 1e-12), "at {t}: {f:?}");
    }
    assert!(moved, "the logits do move during the shift scene");
}

#[test]
fn the_temperature_sweep_runs_from_hot_to_cold() {
    let hot = frame(scene_start(4) + 100);
    let cold = frame(settled(4));
    assert!(hot.temperature > 5.0 && cold.temperature < 0.5);
    assert!(hot.probabilities[0] < 0.45, "hot is near uniform: {hot:?}");
    assert!(
        cold.probabilities[0] > 0.95,
        "cold is near the argmax vertex"
    );
}

#[test]
fn masking_a_logit_slides_the_point_to_the_opposite_edge() {
    let f = frame(duration());
    assert_eq!(f.mask, Some(2));
    assert_eq!(f.logits[2], f64::NEG_INFINITY);
    assert_eq!(f.probabilities[2], 0.0);
    assert!((f.probabilities[0] + f.probabilities[1] - 1.0).abs() < 1e-15);
    assert!(f.probabilities.iter().all(|p| p.is_finite()));
}

#[test]
fn the_first_scenes_reveal_exponentials_then_probabilities() {
    let f = frame(0);
    assert_eq!(
        (f.exp_reveal, f.prob_reveal, f.point_reveal),
        (0.0, 0.0, 0.0)
    );
    let f = frame(settled(0));
    assert_eq!((f.exp_reveal, f.prob_reveal), (1.0, 0.0));
    let f = frame(settled(1));
    assert_eq!(f.prob_reveal, 1.0);
    assert!((f.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-15);
    assert_eq!(frame(settled(2)).point_reveal, 1.0);
}

#[test]
fn bad_scrubber_values_keep_the_time() {
    let mut player = Player::new();
    player.seek(1500);
    for bad in [
        "",
        "abc",
        "-5",
        "1.5",
        "NaN",
        "99999999999",
        &(duration() + 1).to_string(),
    ] {
        assert!(player.scrub(bad).is_err(), "{bad}");
    }
    assert_eq!(player.time(), 1500);
    assert!(player.set_speed(9).is_err());
    assert!(!player.key("x"));
    assert!(!player.tick(f64::NAN));
}
