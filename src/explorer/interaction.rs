//! Pointer and keyboard control of the simplex and bar views, on any
//! platform.
//!
//! [`Interaction`] remembers where the views were last drawn, so a pointer
//! position (in device pixels) or a key maps back to an edit of an
//! [`Explorer`]. It also keeps what those views show beyond the state
//! itself: the trail of recent simplex positions, the logit axis of the bar
//! view (which holds still while a bar is dragged) and the bar chosen with
//! the keyboard. The page's facade only converts CSS pixels and errors.

use super::views::{self, Drawn, Look, View};
use super::Explorer;
use crate::charts::{bars, Theme};
use crate::format;
use crate::simplex::{Point, Triangle};
use crate::Error;
use plotters::coord::Shift;
use plotters::prelude::*;

/// How many recent simplex positions the trail keeps.
pub const TRAIL_LENGTH: usize = 24;

/// The logit axis of the bar view runs from `-range` to `range`; this is the
/// range until the first bar view is drawn.
const FIRST_BAR_RANGE: f64 = 5.0;

/// What the simplex and bar views need to answer the pointer and the
/// keyboard, kept between draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Interaction {
    /// The simplex's triangle as last drawn.
    triangle: Option<Triangle>,
    /// The bar view's layout as last drawn.
    bars: Option<bars::BarsLayout>,
    /// The bar range, frozen while a bar is dragged so the axis holds still.
    bar_range: f64,
    dragged_bar: Option<usize>,
    selected_bar: Option<usize>,
    /// Recent simplex positions, oldest first, at most [`TRAIL_LENGTH`].
    trail: Vec<[f64; 3]>,
}

impl Default for Interaction {
    fn default() -> Self {
        Self::new()
    }
}

impl Interaction {
    /// Nothing drawn yet: no trail, no bar chosen, a logit axis of ±5.
    pub fn new() -> Interaction {
        Interaction {
            triangle: None,
            bars: None,
            bar_range: FIRST_BAR_RANGE,
            dragged_bar: None,
            selected_bar: None,
            trail: Vec::with_capacity(TRAIL_LENGTH),
        }
    }

    /// The simplex's triangle as last drawn, in device pixels.
    pub fn triangle(&self) -> Option<Triangle> {
        self.triangle
    }

    /// The bar view's layout as last drawn, in device pixels.
    pub fn bars_layout(&self) -> Option<bars::BarsLayout> {
        self.bars
    }

    /// The logit axis of the bar view runs from `-bar_range()` to
    /// `bar_range()`.
    pub fn bar_range(&self) -> f64 {
        self.bar_range
    }

    /// The bar being dragged (0-based), if any.
    pub fn dragged_bar(&self) -> Option<usize> {
        self.dragged_bar
    }

    /// The bar with keyboard focus (0-based), if any.
    pub fn selected_bar(&self) -> Option<usize> {
        self.selected_bar
    }

    /// Recent simplex positions, oldest first.
    pub fn trail(&self) -> &[[f64; 3]] {
        &self.trail
    }

    /// Put `state` back to its default and forget the trail and the chosen
    /// bar.
    pub fn reset(&mut self, state: &mut Explorer) {
        *state = Explorer::default();
        self.trail.clear();
        self.selected_bar = None;
    }

    /// Change the number of classes of `state` to `n`. On success the trail
    /// is cleared (it belongs to the old classes) and a chosen bar that no
    /// longer exists is forgotten; on error nothing changes.
    pub fn set_classes(&mut self, state: &mut Explorer, n: usize) -> Result<(), Error> {
        state.set_classes(n)?;
        self.trail.clear();
        if self.selected_bar.is_some_and(|b| b >= n) {
            self.selected_bar = None;
        }
        Ok(())
    }

    /// Draw `view` of `state` into `area` and remember its geometry.
    ///
    /// Drawing the simplex first adds the current point to the trail,
    /// unless it equals the newest point of the trail (the oldest point is
    /// dropped beyond [`TRAIL_LENGTH`]). Drawing the bars first fits the
    /// logit axis to the logits, unless a bar is being dragged.
    /// `contours`, `scale` (device pixels per CSS pixel) and `theme` are
    /// passed to the view as they are (see [`Look`]).
    pub fn draw<DB: DrawingBackend>(
        &mut self,
        state: &Explorer,
        view: View,
        contours: bool,
        scale: f64,
        theme: Theme,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), Error> {
        match view {
            View::Simplex => {
                let p = state.probabilities();
                if let Ok(point) = <[f64; 3]>::try_from(p.as_slice()) {
                    if self.trail.last() != Some(&point) {
                        if self.trail.len() >= TRAIL_LENGTH {
                            self.trail.remove(0);
                        }
                        self.trail.push(point);
                    }
                }
            }
            View::Bars if self.dragged_bar.is_none() => {
                self.bar_range = bar_range(state);
            }
            _ => {}
        }
        let look = Look {
            trail: &self.trail,
            contours,
            bar_range: self.bar_range,
            selected_bar: self.selected_bar,
            scale,
            theme,
        };
        match views::draw(state, view, &look, area)? {
            Drawn::Simplex(tri) => self.triangle = Some(tri),
            Drawn::Bars(layout) => self.bars = Some(layout),
            Drawn::Other => {}
        }
        Ok(())
    }

    fn drawn_triangle(&self) -> Result<Triangle, Error> {
        self.triangle
            .ok_or_else(|| Error::Invalid("the simplex has not been drawn yet".to_owned()))
    }

    /// Move the simplex point of `state` under the device pixel `at` of the
    /// simplex as last drawn (a point outside is pulled to the nearest
    /// edge). An error if the simplex has not been drawn yet or `state`
    /// does not have three classes.
    pub fn drag_simplex(&self, state: &mut Explorer, at: Point) -> Result<(), Error> {
        let tri = self.drawn_triangle()?;
        state.drag_to(&tri, at)
    }

    /// Whether the device pixel `at` lies within `radius` device pixels of
    /// the simplex point of `state` as last drawn: where a finger may grab
    /// the point. Anywhere else on the triangle a touch scrolls the page
    /// instead of moving the point. False before the simplex is drawn.
    pub fn near_point(&self, state: &Explorer, at: Point, radius: f64) -> bool {
        let (Some(tri), true) = (self.triangle, state.classes() == 3) else {
            return false;
        };
        let p = tri.point(&state.probabilities());
        let d = (p.x - at.x).hypot(p.y - at.y);
        d.is_finite() && d <= radius
    }

    /// Move the simplex point of `state` with a key: `ArrowLeft`,
    /// `ArrowRight`, `ArrowUp` and `ArrowDown` move it on screen by 2% of
    /// the triangle's side (10% when `large`, for Shift held), so `ArrowUp`
    /// heads for class 3 at the top; `PageUp` and `PageDown` are the large
    /// steps up and down; `Home` puts it at the centre (every logit exactly
    /// 0, uniform probabilities) and `End` as close to the corner of the
    /// most probable class as a drag can go (the first of tied classes).
    /// Returns whether the key was used. An error if the simplex has not
    /// been drawn yet, whatever the key.
    pub fn simplex_key(&self, state: &mut Explorer, key: &str, large: bool) -> Result<bool, Error> {
        let tri = self.drawn_triangle()?;
        let step = tri.side() * if large { 0.1 } else { 0.02 };
        let big = tri.side() * 0.1;
        let at = tri.point(&state.probabilities());
        let q = match key {
            "ArrowLeft" => Point {
                x: at.x - step,
                ..at
            },
            "ArrowRight" => Point {
                x: at.x + step,
                ..at
            },
            "ArrowUp" => Point {
                y: at.y - step,
                ..at
            },
            "ArrowDown" => Point {
                y: at.y + step,
                ..at
            },
            "PageUp" => Point {
                y: at.y - big,
                ..at
            },
            "PageDown" => Point {
                y: at.y + big,
                ..at
            },
            "Home" => {
                state.centre()?;
                return Ok(true);
            }
            "End" => {
                let p = state.probabilities();
                let leader = (0..p.len()).fold(0, |best, i| if p[i] > p[best] { i } else { best });
                let mut corner = [0.0; 3];
                if let Some(slot) = corner.get_mut(leader) {
                    *slot = 1.0;
                }
                tri.point(&corner)
            }
            _ => return Ok(false),
        };
        state.drag_to(&tri, q)?;
        Ok(true)
    }

    /// Start dragging the bar under the device pixel `at` of the bar view
    /// as last drawn: the bar gets keyboard focus and its logit moves to
    /// the pointer (see [`Interaction::drag_bar`]). Returns whether a bar
    /// was grabbed; `false` when the pointer is over no bar of the logit
    /// panel or the bars have not been drawn yet.
    pub fn grab_bar(&mut self, state: &mut Explorer, at: Point) -> Result<bool, Error> {
        let Some(layout) = self.bars else {
            return Ok(false);
        };
        match layout.bar_at(at.x, at.y) {
            Some(bar) => {
                self.dragged_bar = Some(bar);
                self.selected_bar = Some(bar);
                self.drag_bar(state, at)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Set the logit of the grabbed bar to the value at the height of the
    /// device pixel `at` (clamped to the axis, rounded to two decimals, or
    /// to whole numbers on an axis of ±1000 or more);
    /// the horizontal position does not matter. Does nothing when no bar is
    /// grabbed.
    pub fn drag_bar(&self, state: &mut Explorer, at: Point) -> Result<(), Error> {
        let (Some(bar), Some(layout)) = (self.dragged_bar, self.bars) else {
            return Ok(());
        };
        let value = layout.value_at(at.y);
        // Two decimals are plenty for a dragged logit, and keep the link
        // short; a wide axis moves in whole steps (a pixel is then worth
        // several units, and six significant digits is all a field shows).
        let factor = if self.bar_range >= 1000.0 { 1.0 } else { 100.0 };
        let value = format::snap((value * factor).round() / factor);
        state.set_logit_value(bar, value)
    }

    /// Let go of the dragged bar; the bar keeps keyboard focus.
    pub fn release_bar(&mut self) {
        self.dragged_bar = None;
    }

    /// Keyboard control of the bars of `state`: `ArrowLeft` and
    /// `ArrowRight` choose the previous or next bar, cyclically (from no
    /// bar, `ArrowRight` chooses the first and `ArrowLeft` the last);
    /// `ArrowUp` and `ArrowDown` change the chosen logit by 0.1 (1 when
    /// `large`, for Shift held), `PageUp` and `PageDown` by 1; `Home` and
    /// `End` send it to `-r` and `r`, where `r` is [`bars::nice_range`] of
    /// the finite logits (a masked logit comes back from `-inf` to `-r` or
    /// `r`; a step leaves an infinite logit where it is). With no bar chosen
    /// these act on the first bar and choose it. New values are snapped to
    /// the digits a field shows ([`format::snap`]). Returns whether the key
    /// was used; an unknown key changes nothing.
    pub fn bar_key(&mut self, state: &mut Explorer, key: &str, large: bool) -> Result<bool, Error> {
        let n = state.classes();
        let current = self.selected_bar.unwrap_or(0);
        let step = if large { 1.0 } else { 0.1 };
        let value = state.logits().get(current).copied().unwrap_or(0.0);
        let range = bar_range(state);
        let new_value = match key {
            "ArrowLeft" => {
                self.selected_bar = Some((current + n - 1) % n);
                return Ok(true);
            }
            "ArrowRight" => {
                self.selected_bar = Some(if self.selected_bar.is_none() {
                    0
                } else {
                    (current + 1) % n
                });
                return Ok(true);
            }
            "ArrowUp" => value + step,
            "ArrowDown" => value - step,
            "PageUp" => value + 1.0,
            "PageDown" => value - 1.0,
            "Home" => -range,
            "End" => range,
            _ => return Ok(false),
        };
        self.selected_bar = Some(current);
        state.set_logit_value(current, format::snap(new_value))?;
        Ok(true)
    }
}

/// The tidy logit axis for the bars of `state`, fitted to its finite
/// logits (a masked `-inf` is drawn down to the bottom of the axis).
fn bar_range(state: &Explorer) -> f64 {
    let finite: Vec<f64> = state
        .logits()
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    bars::nice_range(&finite)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draw `view` of `state` into an SVG document the size of a page canvas,
    /// so `interaction` learns the geometry the page would see.
    fn draw(interaction: &mut Interaction, state: &Explorer, view: View) {
        let size = if view == View::Bars {
            (720, 260)
        } else {
            (400, 360)
        };
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        interaction
            .draw(state, view, false, 1.0, Theme::LIGHT, &area)
            .unwrap();
    }

    /// The bar view of `state` drawn once, with its layout.
    fn drawn_bars(state: &Explorer) -> (Interaction, bars::BarsLayout) {
        let mut interaction = Interaction::new();
        draw(&mut interaction, state, View::Bars);
        let layout = interaction.bars_layout().unwrap();
        (interaction, layout)
    }

    /// The device pixel over `bar` (0-based) at logit `value`, in the middle
    /// of the bar's slot.
    fn over(layout: &bars::BarsLayout, bar: usize, value: f64) -> Point {
        let (x, y) = layout.logits.to_pixel((bar as f64 + 0.5, value));
        Point { x, y }
    }

    /// The simplex view of `state` drawn once, with its triangle.
    fn drawn_simplex(state: &Explorer) -> (Interaction, Triangle) {
        let mut interaction = Interaction::new();
        draw(&mut interaction, state, View::Simplex);
        let tri = interaction.triangle().unwrap();
        (interaction, tri)
    }

    fn key(interaction: &mut Interaction, state: &mut Explorer, name: &str) -> bool {
        interaction.bar_key(state, name, false).unwrap()
    }

    #[test]
    fn a_finger_grabs_the_point_only_near_it() {
        let state = Explorer::default();
        assert!(
            !Interaction::new().near_point(&state, Point { x: 0.0, y: 0.0 }, 32.0),
            "not drawn yet"
        );
        let (interaction, tri) = drawn_simplex(&state);
        let at = tri.point(&state.probabilities());
        assert!(interaction.near_point(&state, at, 32.0));
        assert!(interaction.near_point(
            &state,
            Point {
                x: at.x + 20.0,
                y: at.y - 20.0
            },
            32.0
        ));
        // The centre of the triangle is far from (0.665, 0.245, 0.090).
        let centre = tri.point(&[1.0 / 3.0; 3]);
        assert!(!interaction.near_point(&state, centre, 32.0));
        let mut four = Explorer::default();
        four.set_classes(4).unwrap();
        assert!(
            !interaction.near_point(&four, at, 32.0),
            "no triangle for four classes"
        );
    }

    #[test]
    fn left_and_right_choose_bars_cyclically_from_no_bar() {
        let mut state = Explorer::default();
        let mut interaction = Interaction::new();
        for expected in [0, 1, 2, 0] {
            assert!(key(&mut interaction, &mut state, "ArrowRight"));
            assert_eq!(interaction.selected_bar(), Some(expected));
        }
        let mut interaction = Interaction::new();
        for expected in [2, 1, 0, 2] {
            assert!(key(&mut interaction, &mut state, "ArrowLeft"));
            assert_eq!(interaction.selected_bar(), Some(expected));
        }
        assert_eq!(state, Explorer::default(), "choosing a bar edits nothing");
    }

    #[test]
    fn up_and_down_step_the_chosen_logit_by_a_tenth_or_by_one() {
        let mut state = Explorer::default();
        let mut interaction = Interaction::new();
        // With no bar chosen, the first bar is changed and chosen.
        assert!(key(&mut interaction, &mut state, "ArrowUp"));
        assert_eq!(interaction.selected_bar(), Some(0));
        assert_eq!(state.logits(), &[2.1, 1.0, 0.0]);
        assert!(interaction.bar_key(&mut state, "ArrowUp", true).unwrap());
        assert_eq!(state.logits(), &[3.1, 1.0, 0.0]);
        assert!(key(&mut interaction, &mut state, "ArrowDown"));
        assert_eq!(state.logits(), &[3.0, 1.0, 0.0]);
        assert!(interaction.bar_key(&mut state, "ArrowDown", true).unwrap());
        assert_eq!(state.logits(), &[2.0, 1.0, 0.0]);
        assert!(key(&mut interaction, &mut state, "ArrowLeft"));
        assert!(key(&mut interaction, &mut state, "ArrowDown"));
        assert_eq!(state.logits(), &[2.0, 1.0, -0.1]);
        // 0.3 - 0.1 is 0.19999999999999998 in binary: the step is rounded.
        state.set_logit_value(1, 0.3).unwrap();
        assert!(key(&mut interaction, &mut state, "ArrowLeft"));
        assert!(key(&mut interaction, &mut state, "ArrowDown"));
        assert_eq!(state.logits(), &[2.0, 0.2, -0.1]);
    }

    #[test]
    fn home_and_end_send_the_chosen_logit_to_the_ends_of_a_tidy_axis() {
        let mut state = Explorer::default();
        let mut interaction = Interaction::new();
        assert!(key(&mut interaction, &mut state, "End"));
        assert_eq!(state.logits(), &[5.0, 1.0, 0.0]);
        assert!(key(&mut interaction, &mut state, "Home"));
        assert_eq!(state.logits(), &[-5.0, 1.0, 0.0]);
        // The axis is fitted to the logits as they are now.
        state.set_logit_value(2, 12.0).unwrap();
        assert!(key(&mut interaction, &mut state, "ArrowRight"));
        assert!(key(&mut interaction, &mut state, "End"));
        assert_eq!(state.logits(), &[-5.0, 20.0, 12.0]);
        assert!(key(&mut interaction, &mut state, "Home"));
        assert_eq!(state.logits(), &[-5.0, -20.0, 12.0]);
        assert_eq!(interaction.selected_bar(), Some(1));
    }

    #[test]
    fn unknown_keys_are_not_used_and_change_nothing() {
        let mut state = Explorer::default();
        let (mut interaction, _) = drawn_simplex(&state);
        for keys_chosen in [0, 2] {
            for _ in 0..keys_chosen {
                key(&mut interaction, &mut state, "ArrowRight");
            }
            let (state_before, before) = (state.clone(), interaction.clone());
            for name in ["Enter", "a", "", "Tab", "arrowup", "Escape"] {
                for large in [false, true] {
                    assert!(!interaction.bar_key(&mut state, name, large).unwrap());
                    assert!(!interaction.simplex_key(&mut state, name, large).unwrap());
                }
            }
            assert_eq!(state, state_before);
            assert_eq!(interaction, before);
        }
    }

    #[test]
    fn grabbing_a_bar_at_its_centre_chooses_it_and_moves_it_to_the_pointer() {
        let mut state = Explorer::default();
        let (mut interaction, layout) = drawn_bars(&state);
        // The middle of bar 2, whose logit is 1, is at height 0.5.
        assert!(interaction
            .grab_bar(&mut state, over(&layout, 1, 0.5))
            .unwrap());
        assert_eq!(interaction.selected_bar(), Some(1));
        assert_eq!(interaction.dragged_bar(), Some(1));
        assert_eq!(state.logits(), &[2.0, 0.5, 0.0]);
        interaction.release_bar();
        // The value under the pointer is rounded to two decimals.
        assert!(interaction
            .grab_bar(&mut state, over(&layout, 2, 3.456))
            .unwrap());
        assert_eq!(interaction.selected_bar(), Some(2));
        assert_eq!(state.logits(), &[2.0, 0.5, 3.46]);
    }

    #[test]
    fn grabbing_outside_every_bar_grabs_nothing() {
        let mut state = Explorer::default();
        let mut interaction = Interaction::new();
        let anywhere = Point { x: 60.0, y: 100.0 };
        assert!(!interaction.grab_bar(&mut state, anywhere).unwrap());
        let (mut interaction, layout) = drawn_bars(&state);
        let f = layout.logits;
        let middle = (f.top + f.bottom) / 2.0;
        for at in [
            Point {
                x: f.left - 5.0,
                y: middle,
            },
            Point {
                x: f.right + 5.0,
                y: middle,
            },
            Point {
                x: 600.0,
                y: middle,
            },
            Point { x: -1.0, y: -1.0 },
        ] {
            assert!(!interaction.grab_bar(&mut state, at).unwrap(), "{at:?}");
        }
        assert_eq!(interaction.selected_bar(), None);
        assert_eq!(interaction.dragged_bar(), None);
        interaction
            .drag_bar(&mut state, over(&layout, 0, 4.0))
            .unwrap();
        assert_eq!(state, Explorer::default());
    }

    #[test]
    fn dragging_moves_the_grabbed_bar_until_it_is_released() {
        let mut state = Explorer::default();
        let (mut interaction, layout) = drawn_bars(&state);
        assert!(interaction
            .grab_bar(&mut state, over(&layout, 0, 1.0))
            .unwrap());
        // Only the height matters: the pointer may wander over other bars.
        interaction
            .drag_bar(&mut state, over(&layout, 2, -2.5))
            .unwrap();
        assert_eq!(state.logits(), &[-2.5, 1.0, 0.0]);
        // Above the panel the value stops at the top of the axis.
        let above = Point {
            y: layout.logits.top - 100.0,
            ..over(&layout, 0, 0.0)
        };
        interaction.drag_bar(&mut state, above).unwrap();
        assert_eq!(state.logits(), &[5.0, 1.0, 0.0]);
        interaction.release_bar();
        assert_eq!(interaction.dragged_bar(), None);
        assert_eq!(interaction.selected_bar(), Some(0), "focus stays");
        interaction
            .drag_bar(&mut state, over(&layout, 0, -4.0))
            .unwrap();
        assert_eq!(state.logits(), &[5.0, 1.0, 0.0]);
    }

    #[test]
    fn the_bar_axis_holds_still_while_a_bar_is_dragged() {
        let mut state = Explorer::default();
        state.set_logit_value(0, 12.0).unwrap();
        let (mut interaction, layout) = drawn_bars(&state);
        assert_eq!(interaction.bar_range(), 20.0);
        assert!(interaction
            .grab_bar(&mut state, over(&layout, 0, 12.0))
            .unwrap());
        interaction
            .drag_bar(&mut state, over(&layout, 0, 3.0))
            .unwrap();
        assert_eq!(state.logits(), &[3.0, 1.0, 0.0]);
        draw(&mut interaction, &state, View::Bars);
        assert_eq!(interaction.bar_range(), 20.0);
        assert_eq!(interaction.bars_layout().unwrap().logits.y, (-20.0, 20.0));
        interaction.release_bar();
        draw(&mut interaction, &state, View::Bars);
        assert_eq!(interaction.bar_range(), 5.0);
        assert_eq!(interaction.bars_layout().unwrap().logits.y, (-5.0, 5.0));
    }

    #[test]
    fn the_simplex_has_class_three_at_the_top() {
        let (_, tri) = drawn_simplex(&Explorer::default());
        let [v1, v2, v3] = tri.vertices;
        assert!(v3.y < v1.y && v3.y < v2.y);
        assert!(v1.x < v3.x && v3.x < v2.x);
    }

    #[test]
    fn arrow_keys_move_the_simplex_point_on_screen() {
        let mut centre = Explorer::default();
        centre.set_logits(vec![0.0; 3]).unwrap();
        let (interaction, tri) = drawn_simplex(&centre);
        // (key, direction on screen, the class whose probability rises)
        let moves = [
            ("ArrowUp", (0.0, -1.0), 2),
            ("ArrowDown", (0.0, 1.0), 0),
            ("ArrowLeft", (-1.0, 0.0), 0),
            ("ArrowRight", (1.0, 0.0), 1),
        ];
        for (name, (dx, dy), rising) in moves {
            for (large, share) in [(false, 0.02), (true, 0.1)] {
                let mut state = centre.clone();
                let before = state.probabilities();
                let from = tri.point(&before);
                assert!(interaction.simplex_key(&mut state, name, large).unwrap());
                let after = state.probabilities();
                let to = tri.point(&after);
                let step = share * tri.side();
                // Within the snapping of the logits to four decimals: a
                // twentieth of a pixel.
                assert!((to.x - from.x - dx * step).abs() < 0.05, "{name} {large}");
                assert!((to.y - from.y - dy * step).abs() < 0.05, "{name} {large}");
                assert!(after[rising] > before[rising], "{name} {large}");
            }
        }
        // Up raises p3 and Down lowers it.
        let mut state = centre.clone();
        interaction
            .simplex_key(&mut state, "ArrowDown", false)
            .unwrap();
        assert!(state.probabilities()[2] < 1.0 / 3.0);
    }

    #[test]
    fn home_puts_the_simplex_point_back_at_uniform_probabilities() {
        for t in [0.0, 0.3, 1.0, f64::INFINITY] {
            let mut state = Explorer::default();
            state.set_temperature_value(t).unwrap();
            let (interaction, _) = drawn_simplex(&state);
            assert!(interaction.simplex_key(&mut state, "Home", false).unwrap());
            assert_eq!(state.logits(), &[0.0, 0.0, 0.0], "exact zeros at T = {t}");
            assert_eq!(state.probabilities(), vec![1.0 / 3.0; 3]);
        }
    }

    #[test]
    fn end_and_the_page_keys_move_the_simplex_point_too() {
        let mut state = Explorer::default();
        let (interaction, _) = drawn_simplex(&state);
        // End: as near the corner of the leading class (class 1) as a drag goes.
        assert!(interaction.simplex_key(&mut state, "End", false).unwrap());
        let p = state.probabilities();
        assert!(p[0] > 0.999, "{p:?}");
        let mut state = Explorer::default();
        let before = state.probabilities();
        assert!(interaction
            .simplex_key(&mut state, "PageUp", false)
            .unwrap());
        let up = state.probabilities();
        assert!(up[2] > before[2] + 0.05, "PageUp raises p3: {up:?}");
        assert!(interaction
            .simplex_key(&mut state, "PageDown", false)
            .unwrap());
        assert!(state.probabilities()[2] < up[2]);
    }

    #[test]
    fn every_key_step_leaves_logits_a_person_can_read() {
        let mut state = Explorer::default();
        let (mut interaction, _) = drawn_simplex(&state);
        for name in [
            "ArrowUp",
            "ArrowLeft",
            "PageDown",
            "ArrowRight",
            "End",
            "ArrowDown",
        ] {
            for large in [false, true] {
                interaction.simplex_key(&mut state, name, large).unwrap();
                for x in state.logits() {
                    assert_eq!(format::snap(*x), *x, "{name}: {x}");
                }
                interaction.bar_key(&mut state, "ArrowUp", large).unwrap();
                interaction.bar_key(&mut state, "PageDown", large).unwrap();
                for x in state.logits() {
                    assert_eq!(format::snap(*x), *x, "{name} then bars: {x}");
                }
            }
        }
    }

    #[test]
    fn a_masked_bar_comes_back_with_home_or_end() {
        let mut state = Explorer::default();
        state.set_logit_value(1, f64::NEG_INFINITY).unwrap();
        let mut interaction = Interaction::new();
        key(&mut interaction, &mut state, "ArrowRight");
        key(&mut interaction, &mut state, "ArrowRight");
        assert!(key(&mut interaction, &mut state, "ArrowUp"));
        assert_eq!(state.logits()[1], f64::NEG_INFINITY, "a step leaves -inf");
        // The axis is fitted to the finite logits 2 and 0.
        assert!(key(&mut interaction, &mut state, "End"));
        assert_eq!(state.logits(), &[2.0, 5.0, 0.0]);
        let (_, layout) = drawn_bars(&state);
        assert_eq!(layout.logits.y, (-5.0, 5.0));
    }

    #[test]
    fn dragging_on_the_simplex_puts_the_point_under_the_pointer() {
        let mut state = Explorer::default();
        let (interaction, tri) = drawn_simplex(&state);
        let goal = [0.2, 0.2, 0.6];
        interaction
            .drag_simplex(&mut state, tri.point(&goal))
            .unwrap();
        // The logits are snapped to the four decimals the fields show.
        for (p, q) in state.probabilities().iter().zip(goal) {
            assert!((p - q).abs() < 1e-4, "{p} vs {q}");
        }
        for x in state.logits() {
            assert_eq!(format::snap(*x), *x);
            assert!(format::field(*x).len() <= 7, "{x}");
        }
    }

    #[test]
    fn the_simplex_takes_no_key_and_no_pointer_before_it_is_drawn() {
        let mut state = Explorer::default();
        let mut interaction = Interaction::new();
        draw(&mut interaction, &state, View::Bars);
        for name in ["ArrowUp", "Home", "Enter"] {
            let error = interaction
                .simplex_key(&mut state, name, false)
                .unwrap_err();
            assert_eq!(error.to_string(), "the simplex has not been drawn yet");
        }
        let error = interaction
            .drag_simplex(&mut state, Point { x: 200.0, y: 200.0 })
            .unwrap_err();
        assert_eq!(error.to_string(), "the simplex has not been drawn yet");
        assert_eq!(state, Explorer::default());
    }

    #[test]
    fn the_trail_keeps_the_last_distinct_positions() {
        let mut state = Explorer::default();
        let mut interaction = Interaction::new();
        let point = |state: &Explorer| <[f64; 3]>::try_from(state.probabilities()).unwrap();
        draw(&mut interaction, &state, View::Simplex);
        draw(&mut interaction, &state, View::Simplex);
        draw(&mut interaction, &state, View::Bars);
        assert_eq!(interaction.trail(), &[point(&state)], "no repeated point");
        let mut visited = vec![point(&state)];
        for k in 1..=30 {
            state.set_logit_value(0, f64::from(k) * 0.1).unwrap();
            draw(&mut interaction, &state, View::Simplex);
            visited.push(point(&state));
        }
        draw(&mut interaction, &state, View::Simplex);
        assert_eq!(interaction.trail().len(), TRAIL_LENGTH);
        assert_eq!(
            interaction.trail(),
            &visited[visited.len() - TRAIL_LENGTH..]
        );
    }

    #[test]
    fn new_classes_or_a_reset_forget_the_trail_and_a_lost_bar() {
        let mut state = Explorer::default();
        let (mut interaction, _) = drawn_simplex(&state);
        key(&mut interaction, &mut state, "ArrowLeft");
        assert_eq!(interaction.selected_bar(), Some(2));
        interaction.set_classes(&mut state, 2).unwrap();
        assert_eq!(state.classes(), 2);
        assert!(interaction.trail().is_empty());
        assert_eq!(interaction.selected_bar(), None, "bar 3 is gone");
        key(&mut interaction, &mut state, "ArrowLeft");
        interaction.set_classes(&mut state, 5).unwrap();
        assert_eq!(interaction.selected_bar(), Some(1), "bar 2 is still there");
        let before = (state.clone(), interaction.clone());
        assert!(interaction.set_classes(&mut state, 11).is_err());
        assert_eq!((state.clone(), interaction.clone()), before);
        interaction.set_classes(&mut state, 3).unwrap();
        state.set_logit_value(0, 4.0).unwrap();
        draw(&mut interaction, &state, View::Simplex);
        interaction.reset(&mut state);
        assert_eq!(state, Explorer::default());
        assert!(interaction.trail().is_empty());
        assert_eq!(interaction.selected_bar(), None);
    }
}
