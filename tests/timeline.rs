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

// ---- The player's drawing: honest axes, a legend for every mark, and a
// figure that is never cropped or clipped.

use plotters::prelude::{IntoDrawingArea, SVGBackend};
use softmax_lesson::charts::player::{
    draw, effective_zoom, exp_axis, layout, marks, nice_axis, stage_height, Mark, Rect, LOGIT_AXIS,
    PROBABILITY_AXIS,
};
use softmax_lesson::charts::Theme;
use softmax_lesson::labs::timeline::{exp_peak, scene_at};

/// Every millisecond of the walk-through.
fn every_moment() -> impl Iterator<Item = Millis> {
    0..=duration()
}

#[test]
fn the_exp_axis_covers_every_exponential_its_scene_shows() {
    for t in every_moment() {
        let f = frame(t);
        let axis = exp_axis(f.scene);
        for e in f.exps {
            assert!(
                axis.covers(e),
                "t = {t}: e = {e} is past the axis 0..{}",
                axis.top
            );
        }
        let ticks = axis.ticks();
        assert_eq!(ticks.first(), Some(&0.0));
        assert!(
            (ticks.last().copied().unwrap_or(0.0) - axis.top).abs() <= 1e-9 * axis.top,
            "the last tick is the top of the axis"
        );
    }
}

#[test]
fn the_exp_axis_is_one_scale_per_scene_and_shared_by_scenes_of_the_same_size() {
    // Within a scene the axis cannot change: it is a function of the scene.
    // Across scenes, those whose exponentials stay at e^2 share one scale,
    // so a bar of 7.39 is as tall in each of them.
    let first = exp_axis(0);
    assert!((exp_peak(0) - 2f64.exp()).abs() < 1e-12);
    for k in [1, 2, 5] {
        assert_eq!(exp_axis(k), first, "scene {k}");
    }
    // The shift and the sweep reach further (e^5 and e^(2/0.25) = e^8) and
    // get a longer axis, never one that makes their bars look like the
    // first scene's.
    assert!(exp_axis(3).top >= 5f64.exp() && exp_axis(3).top > first.top);
    assert!(exp_axis(4).top >= 8f64.exp() && exp_axis(4).top > exp_axis(3).top);
    // No axis is more than twice as long as what it has to show.
    for k in 0..SCENES.len() {
        assert!(exp_axis(k).top <= 2.0 * exp_peak(k), "scene {k}");
    }
    // The finding of the issue: at T = 10 the largest exponential, 1.22,
    // must not be drawn as tall as 7.39 at T = 1. Heights are value / top.
    let hot = (2.0f64 / 10.0).exp() / exp_axis(4).top;
    let warm = 2f64.exp() / exp_axis(0).top;
    assert!(hot < 0.5 * warm, "{hot} vs {warm}");
}

#[test]
fn the_logit_and_probability_axes_cover_their_values_and_name_what_they_do_not() {
    assert!(PROBABILITY_AXIS.ticks().len() >= 3);
    for t in every_moment().step_by(7) {
        let f = frame(t);
        for p in f.probabilities {
            assert!(PROBABILITY_AXIS.covers(p), "t = {t}: p = {p}");
        }
        let past = f.logits.iter().any(|&x| !LOGIT_AXIS.covers(x));
        assert_eq!(marks(&f).contains(&Mark::PastAxis), past, "t = {t}");
    }
    // The masked logit falls past the floor: the legend must then explain
    // the mark at the bar's end.
    assert!(marks(&frame(duration())).contains(&Mark::PastAxis));
    assert_eq!(nice_axis(7.389).ticks(), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
}

#[test]
fn the_legend_names_exactly_the_marks_each_scene_draws() {
    let at = |k: usize| marks(&frame(settled(k)));
    assert!(!at(0).contains(&Mark::Point), "no point before it lands");
    assert!(at(2).contains(&Mark::Point));
    assert!(at(4).contains(&Mark::Path) && at(4).contains(&Mark::Trail));
    assert!(!at(3).contains(&Mark::Path));
    assert!(at(5).contains(&Mark::MaskedEdge) && at(5).contains(&Mark::MaskedBar));
    for k in 0..SCENES.len() {
        assert!(at(k).contains(&Mark::Focus) && at(k).contains(&Mark::Bars));
    }
}

/// A drawn label: its text and the box it covers (estimated from the font
/// size: sans-serif glyphs average at most 0.6 em).
#[derive(Debug)]
struct Label {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_owned())
}

/// The labels of an SVG drawn by plotters (which writes font sizes divided
/// by 1.24; the canvas uses them as given).
fn labels(svg: &str) -> Vec<Label> {
    let mut out = Vec::new();
    for piece in svg.split("<text").skip(1) {
        let Some(close) = piece.find('>') else {
            continue;
        };
        let tag = &piece[..close];
        let text = piece[close + 1..]
            .split("</text>")
            .next()
            .unwrap_or("")
            .trim()
            .to_owned();
        let num = |n: &str| {
            attr(tag, n)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        let (x, y, size) = (num("x"), num("y"), num("font-size") * 1.24);
        let width = text.chars().count() as f64 * 0.6 * size;
        let (x0, x1) = match attr(tag, "text-anchor").as_deref() {
            Some("middle") => (x - width / 2.0, x + width / 2.0),
            Some("end") => (x - width, x),
            _ => (x, x + width),
        };
        let (y0, y1) = match attr(tag, "dy").as_deref() {
            Some("0.76em") => (y, y + size),
            Some("0.5ex") => (y - size / 2.0, y + size / 2.0),
            _ => (y - size, y),
        };
        out.push(Label {
            text,
            x0,
            y0,
            x1,
            y1,
        });
    }
    out
}

/// The canvas widths the page gives the player at 320, 390, 700, 768 and
/// 1440 CSS pixels of screen (beside the caption, and zoomed under it),
/// with the narrowest layout and the switch to side by side.
const STAGE_WIDTHS: [f64; 8] = [298.0, 300.0, 369.0, 620.0, 666.0, 734.0, 790.0, 1146.0];

/// Moments that show each scene's extremes: its settled picture, the
/// middle of its motion and its end, plus the shift's highest point.
fn telling_moments() -> Vec<Millis> {
    let mut out = vec![0, scene_start(3) + 1_500, scene_start(3) + 2_900];
    for (k, scene) in SCENES.iter().enumerate() {
        out.extend([
            settled(k),
            scene_start(k) + scene.duration / 2,
            scene_start(k + 1) - 1,
        ]);
    }
    out.push(duration());
    out
}

#[test]
fn no_label_is_clipped_or_drawn_over_another_at_any_width_zoom_or_scene() {
    for width in STAGE_WIDTHS {
        for zoom in [1.0, 1.5, 2.0] {
            let z = effective_zoom(width, zoom);
            let height = stage_height(width, zoom);
            for t in telling_moments() {
                let mut svg = String::new();
                {
                    let area = SVGBackend::with_string(&mut svg, (width as u32, height as u32))
                        .into_drawing_area();
                    draw(&area, &frame(t), z, Theme::LIGHT).unwrap();
                }
                let found = labels(&svg);
                assert!(found.len() > 10);
                for l in &found {
                    assert!(!l.text.contains("NaN"), "{l:?}");
                    assert!(
                        l.x0 >= 0.0 && l.y0 >= 0.0 && l.x1 <= width && l.y1 <= height,
                        "{width} px at {zoom}x, t = {t}: {l:?} leaves the {width} x {height} canvas"
                    );
                }
                for (i, a) in found.iter().enumerate() {
                    for b in &found[i + 1..] {
                        let overlap = a.x0 < b.x1 - 0.5
                            && b.x0 < a.x1 - 0.5
                            && a.y0 < b.y1 - 0.5
                            && b.y0 < a.y1 - 0.5;
                        assert!(
                            !overlap,
                            "{width} px at {zoom}x, t = {t}: {a:?} overlaps {b:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn zoom_keeps_the_whole_figure_inside_the_stage() {
    for width in STAGE_WIDTHS {
        let mut last_height = 0.0;
        for zoom in [1.0, 1.5, 2.0] {
            let z = effective_zoom(width, zoom);
            assert!((1.0..=zoom).contains(&z));
            let height = stage_height(width, zoom);
            // Zooming makes the drawing taller, never wider than its box.
            assert!(height >= last_height, "{width} px at {zoom}x");
            last_height = height;
            let lay = layout(width, height, z);
            let stage = Rect {
                x: 0.0,
                y: 0.0,
                w: width,
                h: height,
            };
            assert!(
                stage.contains(&lay.simplex),
                "{width} px at {zoom}x: {lay:?}"
            );
            for p in lay.panels {
                assert!(stage.contains(&p));
            }
            // The triangle itself is inside the stage and of a useful size.
            let mut svg = String::new();
            let drawn = {
                let area = SVGBackend::with_string(&mut svg, (width as u32, height as u32))
                    .into_drawing_area();
                draw(&area, &frame(settled(2)), z, Theme::LIGHT).unwrap()
            };
            for v in drawn.triangle.vertices {
                assert!(v.x >= 0.0 && v.x <= width && v.y >= 0.0 && v.y <= height);
            }
            let side = drawn.triangle.vertices[1].x - drawn.triangle.vertices[0].x;
            assert!(
                side >= 120.0 * z.min(1.2),
                "{width} px at {zoom}x: side {side}"
            );
        }
        // On a wide screen, 2x really enlarges the triangle.
        if width >= 736.0 {
            assert!(effective_zoom(width, 2.0) == 2.0);
        }
    }
}

#[test]
fn a_phone_gets_a_stage_short_enough_to_share_the_screen() {
    // 390 x 844 leaves about 370 px of width; the drawing must leave room
    // on the screen for the controls and the caption.
    assert!(
        stage_height(371.0, 1.0) <= 440.0,
        "{}",
        stage_height(371.0, 1.0)
    );
    assert!(stage_height(300.0, 1.0) <= 440.0);
    assert_eq!(scene_at(0).0, 0);
}
