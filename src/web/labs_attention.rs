//! The attention lab's JavaScript face: a narrow API over
//! [`crate::labs::attention::AttentionLab`] that draws the two heatmaps,
//! moves their keyboard cursors and returns the numbers the page shows.

use super::{canvas, js_error};
use super::{set, strings};
use crate::charts::heatmap::{self, Grid, HeatmapScene};
use crate::charts::Theme;
use crate::format::fixed;
use crate::labs::attention::{AttentionLab, D_RANGE, TOKENS};
use crate::labs::formats::{show_digits, Format};
use crate::labs::masking::Fill;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Which heatmap: the scores (0) or the weights (1).
const SCORES: usize = 0;
const WEIGHTS: usize = 1;

/// The attention lab's state, kept in Rust, with each heatmap's cursor and
/// last drawn grid.
#[wasm_bindgen]
pub struct AttentionView {
    lab: AttentionLab,
    cursors: [(usize, usize); 2],
    grids: [Option<Grid>; 2],
    scale: f64,
    theme: Theme,
}

impl Default for AttentionView {
    fn default() -> Self {
        Self::new()
    }
}

fn token_labels() -> Vec<String> {
    TOKENS.iter().map(|t| t.to_string()).collect()
}

impl AttentionView {
    fn which(index: usize) -> usize {
        if index == WEIGHTS {
            WEIGHTS
        } else {
            SCORES
        }
    }

    fn reason(&self, i: usize, j: usize) -> &'static str {
        let m = self.lab.mask();
        let later = m.causal && j > i;
        let padded = m.padding && m.padded.get(j).copied().unwrap_or(false);
        match (later, padded) {
            (true, true) => "a later token, and padding",
            (true, false) => "a later token (causal mask)",
            (false, true) => "padding (padding mask)",
            (false, false) => "",
        }
    }
}

#[wasm_bindgen]
impl AttentionView {
    /// The default lab: both masks on, true −∞, f32, d = 16.
    #[wasm_bindgen(constructor)]
    pub fn new() -> AttentionView {
        AttentionView {
            lab: AttentionLab::default(),
            cursors: [(0, 0); 2],
            grids: [None; 2],
            scale: 1.0,
            theme: Theme::LIGHT,
        }
    }

    /// Choose the palette ("light" or "dark") and the device pixel ratio.
    #[wasm_bindgen(js_name = setLook)]
    pub fn set_look(&mut self, theme: &str, device_pixel_ratio: f64) {
        self.theme = Theme::named(theme);
        self.scale = super::pixel_ratio(device_pixel_ratio);
    }

    /// The token labels.
    pub fn tokens(&self) -> Vec<String> {
        token_labels()
    }

    /// The fill identifiers, in menu order.
    #[wasm_bindgen(js_name = fillIds)]
    pub fn fill_ids(&self) -> Vec<String> {
        Fill::ALL.iter().map(|f| f.id().to_owned()).collect()
    }

    /// The fill labels, in menu order.
    #[wasm_bindgen(js_name = fillLabels)]
    pub fn fill_labels(&self) -> Vec<String> {
        Fill::ALL.iter().map(|f| f.label().to_owned()).collect()
    }

    /// The precisions offered.
    pub fn precisions(&self) -> Vec<String> {
        [Format::F32, Format::F16]
            .iter()
            .map(|f| f.name().to_owned())
            .collect()
    }

    /// The smallest and largest d, for the slider.
    #[wasm_bindgen(js_name = dRange)]
    pub fn d_range(&self) -> Vec<u32> {
        vec![D_RANGE.0 as u32, D_RANGE.1 as u32]
    }

    /// The current control values: d, k and p as text; flags; the fill id,
    /// the precision and the chosen row.
    pub fn controls(&self) -> JsValue {
        let out = Object::new();
        let lab = &self.lab;
        set(&out, "d", lab.d().to_string().into());
        set(&out, "scaled", lab.scaled().into());
        set(&out, "causal", lab.mask().causal.into());
        set(&out, "padding", lab.mask().padding.into());
        let padded: Array = lab
            .mask()
            .padded
            .iter()
            .map(|&p| JsValue::from(p))
            .collect();
        set(&out, "padded", padded.into());
        set(&out, "fill", lab.fill().id().into());
        set(&out, "precision", lab.precision().name().into());
        set(&out, "row", (lab.row() as u32).into());
        set(&out, "k", lab.k().to_string().into());
        set(&out, "p", format!("{}", lab.p()).into());
        out.into()
    }

    /// Set d from the slider's text.
    #[wasm_bindgen(js_name = setD)]
    pub fn set_d(&mut self, text: &str) -> Result<(), JsError> {
        let v = crate::input::parse_number(text).map_err(js_error)?;
        if v.fract() != 0.0 || v < 0.0 {
            return Err(js_error("d is a whole number."));
        }
        self.lab.set_d(v as usize).map_err(js_error)
    }

    /// Divide the scores by √d or not.
    #[wasm_bindgen(js_name = setScaled)]
    pub fn set_scaled(&mut self, on: bool) {
        self.lab.set_scaled(on);
    }

    /// Turn the causal mask on or off.
    #[wasm_bindgen(js_name = setCausal)]
    pub fn set_causal(&mut self, on: bool) {
        self.lab.set_causal(on);
    }

    /// Turn the padding mask on or off.
    #[wasm_bindgen(js_name = setPadding)]
    pub fn set_padding(&mut self, on: bool) {
        self.lab.set_padding(on);
    }

    /// Mark position `j` (0-based) as padding or not.
    #[wasm_bindgen(js_name = setPadded)]
    pub fn set_padded(&mut self, j: usize, on: bool) -> Result<(), JsError> {
        self.lab.set_padded(j, on).map_err(js_error)
    }

    /// Choose the fill value by id.
    #[wasm_bindgen(js_name = setFill)]
    pub fn set_fill(&mut self, id: &str) -> Result<(), JsError> {
        self.lab.set_fill(id).map_err(js_error)
    }

    /// Choose the precision (`f32` or `f16`).
    #[wasm_bindgen(js_name = setPrecision)]
    pub fn set_precision(&mut self, name: &str) -> Result<(), JsError> {
        self.lab.set_precision(name).map_err(js_error)
    }

    /// Choose the row for top-k and top-p (0-based).
    #[wasm_bindgen(js_name = setRow)]
    pub fn set_row(&mut self, row: usize) -> Result<(), JsError> {
        self.lab.set_row(row).map_err(js_error)
    }

    /// Set k from typed text.
    #[wasm_bindgen(js_name = setK)]
    pub fn set_k(&mut self, text: &str) -> Result<(), JsError> {
        self.lab.set_k(text).map_err(js_error)
    }

    /// Set p from typed text.
    #[wasm_bindgen(js_name = setP)]
    pub fn set_p(&mut self, text: &str) -> Result<(), JsError> {
        self.lab.set_p(text).map_err(js_error)
    }

    /// Draw new query and key vectors.
    pub fn reseed(&mut self) {
        self.lab.reseed();
    }

    /// Draw heatmap `which` (0 = scores, 1 = weights) on `canvas`.
    pub fn draw(&mut self, which: usize, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        let which = Self::which(which);
        let area = canvas::area(canvas)?;
        let labels = token_labels();
        let masked = self.lab.masked();
        let fill = self.lab.fill();
        let precision = self.lab.precision();
        let (values, texts, range, range_labels, masked_label) = if which == SCORES {
            let s = self.lab.scores();
            let open: Vec<f64> = s
                .iter()
                .zip(&masked)
                .filter(|(v, &m)| !m && v.is_finite())
                .map(|(&v, _)| v)
                .collect();
            let lo = open.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = open.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let range = if lo.is_finite() && hi.is_finite() {
                (lo, hi)
            } else {
                (0.0, 1.0)
            };
            let texts = s
                .iter()
                .map(|&v| {
                    if v.abs() < 10.0 {
                        fixed(v, 2)
                    } else {
                        show_digits(v, 3)
                    }
                })
                .collect::<Vec<_>>();
            let stored = fill.stored(precision);
            let label = if stored == f64::NEG_INFINITY {
                "−∞".to_owned()
            } else {
                fill.label().to_owned()
            };
            let ends = (
                format!("lowest {}", show_digits(range.0, 3)),
                format!("highest {}", show_digits(range.1, 3)),
            );
            (s, texts, range, ends, label)
        } else {
            let w = self.lab.weights();
            // Masked cells show their weight too, so a leak is visible.
            let texts = w
                .iter()
                .zip(&masked)
                .map(|(&v, &m)| {
                    if m && v != 0.0 {
                        show_digits(v, 2)
                    } else {
                        fixed(v, 2)
                    }
                })
                .collect::<Vec<_>>();
            (
                w,
                texts,
                (0.0, 1.0),
                ("weight 0".to_owned(), "weight 1".to_owned()),
                String::new(),
            )
        };
        let grid = heatmap::draw(
            &area,
            &HeatmapScene {
                row_labels: &labels,
                col_labels: &labels,
                values: &values,
                texts: &texts,
                masked: &masked,
                masked_label: &masked_label,
                range,
                range_labels: (&range_labels.0, &range_labels.1),
                cursor: Some(self.cursors[which]),
                scale: self.scale,
                theme: self.theme,
            },
        )
        .map_err(js_error)?;
        self.grids[which] = Some(grid);
        Ok(())
    }

    /// Put heatmap `which`'s cursor on the cell under the CSS-pixel
    /// position (x, y); returns whether a cell was hit.
    #[wasm_bindgen(js_name = pointAt)]
    pub fn point_at(&mut self, which: usize, x: f64, y: f64) -> bool {
        let which = Self::which(which);
        match self.grids[which].and_then(|g| g.cell_at((x * self.scale, y * self.scale))) {
            Some(cell) => {
                self.cursors[which] = cell;
                true
            }
            None => false,
        }
    }

    /// Move heatmap `which`'s cursor with a key (arrows, Home, End);
    /// returns whether the key was used.
    pub fn key(&mut self, which: usize, key: &str) -> bool {
        let which = Self::which(which);
        let n = self.lab.n();
        let (r, c) = self.cursors[which];
        let next = match key {
            "ArrowUp" => (r.saturating_sub(1), c),
            "ArrowDown" => ((r + 1).min(n - 1), c),
            "ArrowLeft" => (r, c.saturating_sub(1)),
            "ArrowRight" => (r, (c + 1).min(n - 1)),
            "Home" => (r, 0),
            "End" => (r, n - 1),
            _ => return false,
        };
        self.cursors[which] = next;
        true
    }

    /// The sentence describing heatmap `which`'s cursor cell.
    #[wasm_bindgen(js_name = cursorText)]
    pub fn cursor_text(&self, which: usize) -> String {
        let which = Self::which(which);
        let (i, j) = self.cursors[which];
        let n = self.lab.n();
        let k = i * n + j;
        let score = self.lab.scores().get(k).copied().unwrap_or(f64::NAN);
        let weight = self.lab.weights().get(k).copied().unwrap_or(f64::NAN);
        let masked = self.lab.masked().get(k).copied().unwrap_or(false);
        let head = format!(
            "Query {} “{}”, key {} “{}”: ",
            i + 1,
            TOKENS[i],
            j + 1,
            TOKENS[j]
        );
        let precision = self.lab.precision();
        if masked {
            let stored = self.lab.fill().stored(precision);
            format!(
                "{head}masked, because it is {}; its score is replaced by {} and its weight is {}.",
                self.reason(i, j),
                show_digits(stored, 4),
                show_digits(weight, 3)
            )
        } else {
            format!(
                "{head}score {}, weight {}.",
                show_digits(score, 4),
                show_digits(weight, 4)
            )
        }
    }

    /// Every read-out below the heatmaps, as text.
    pub fn readout(&self) -> JsValue {
        let lab = &self.lab;
        let out = Object::new();
        let n = lab.n();
        let precision = lab.precision();
        let fill = lab.fill();

        // The d slider.
        let sp = lab.spread();
        let root = (lab.d() as f64).sqrt();
        set(&out, "dValue", lab.d().to_string().into());
        set(
            &out,
            "spread",
            format!(
                "At d = {}, the raw dot products q·k spread with standard deviation {}; divided by √d = {} they spread {}. On average the largest weight in a row is {} without the division and {} with it.",
                lab.d(),
                show_digits(sp.raw_sd, 3),
                show_digits(root, 4),
                show_digits(sp.scaled_sd, 3),
                fixed(sp.raw_peak, 3),
                fixed(sp.scaled_peak, 3)
            )
            .into(),
        );
        set(
            &out,
            "scaledNote",
            if lab.scaled() {
                "The heatmaps show q·k / √d."
            } else {
                "The heatmaps show q·k without the division: raise d and watch each row's weight pile onto one key."
            }
            .into(),
        );

        // The fill value.
        let stored = fill.stored(precision);
        let leaks = lab.leaks();
        let (worst_row, worst) =
            leaks
                .iter()
                .copied()
                .enumerate()
                .fold(
                    (0, 0.0),
                    |best, (i, l)| if l > best.1 { (i, l) } else { best },
                );
        let fill_text = if fill == Fill::NegInf {
            "With the true −∞, exp(−∞) = 0 exactly: masked cells get no weight at all.".to_owned()
        } else if stored == f64::NEG_INFINITY {
            format!(
                "{} does not fit in {} (its largest finite number is {}): storing it overflows to −∞. Here that hides the masked cells, but it also brings back NaN for a fully masked row in naive code.",
                fill.label(),
                precision.name(),
                show_digits(precision.max_finite(), 5)
            )
        } else if worst > 0.0 {
            format!(
                "With {} the masked cells leak: row {} (“{}”) still puts {} of its weight on keys it must not see, because exp({} − max) is small but not 0.",
                fill.label(),
                worst_row + 1,
                TOKENS[worst_row],
                show_digits(worst, 3),
                fill.label()
            )
        } else {
            format!(
                "With {} in {}, exp({} − max) rounds to 0, so nothing leaks in these rows; a fully masked row is another story (below).",
                fill.label(),
                precision.name(),
                fill.label()
            )
        };
        set(&out, "fill", fill_text.into());
        set(
            &out,
            "leaks",
            strings(leaks.iter().map(|&l| show_digits(l, 3))),
        );
        set(&out, "leaking", (worst > 0.0).into());

        // The fully masked row.
        let rows = lab.fully_masked_rows();
        let rows_text = if rows.is_empty() {
            "No row is fully masked right now. Mark the first token as padding with both masks on: its query may then see no key at all.".to_owned()
        } else {
            let names: Vec<String> = rows
                .iter()
                .map(|&i| format!("row {} (“{}”)", i + 1, TOKENS[i]))
                .collect();
            format!(
                "Fully masked now: {}. The weights heatmap shows zeros there.",
                names.join(", ")
            )
        };
        set(&out, "fullyMasked", rows_text.into());
        set(&out, "hasFullyMasked", (!rows.is_empty()).into());
        let (naive, ours) = lab.fully_masked_demo();
        set(
            &out,
            "naiveRow",
            strings(naive.iter().map(|&v| show_digits(v, 3))),
        );
        set(
            &out,
            "oursRow",
            strings(ours.iter().map(|&v| show_digits(v, 3))),
        );
        let with_fill = lab.fully_masked_with_fill();
        set(
            &out,
            "fillRow",
            strings(with_fill.iter().map(|&v| show_digits(v, 3))),
        );
        set(
            &out,
            "fillRowLabel",
            format!(
                "naive code, filled with {} in {}",
                fill.label(),
                precision.name()
            )
            .into(),
        );

        // Top-k and top-p on one row.
        let t = lab.truncation();
        let kept = |k: &[bool]| {
            strings(
                k.iter()
                    .map(|&b| if b { "kept" } else { "cut → −∞" }.to_owned()),
            )
        };
        set(
            &out,
            "rowScores",
            strings(t.scores.iter().map(|&v| show_digits(v, 3))),
        );
        set(
            &out,
            "rowWeights",
            strings(t.weights.iter().map(|&v| fixed(v, 3))),
        );
        set(&out, "keepK", kept(&t.keep_k));
        set(
            &out,
            "weightsK",
            strings(t.weights_k.iter().map(|&v| fixed(v, 3))),
        );
        set(&out, "keepP", kept(&t.keep_p));
        set(
            &out,
            "weightsP",
            strings(t.weights_p.iter().map(|&v| fixed(v, 3))),
        );
        set(
            &out,
            "truncation",
            format!(
                "Row {} (“{}”): top-k with k = {} keeps {}, top-p with p = {} keeps {}. Each cut key gets the score −∞, exactly like a mask, and softmax shares the weight among the rest.",
                lab.row() + 1,
                TOKENS[lab.row()],
                lab.k(),
                keys(t.keep_k.iter().filter(|&&b| b).count()),
                show_digits(lab.p(), 4),
                keys(t.keep_p.iter().filter(|&&b| b).count())
            )
            .into(),
        );
        set(&out, "n", (n as u32).into());
        out.into()
    }
}

/// "1 key", "3 keys".
fn keys(count: usize) -> String {
    if count == 1 {
        "1 key".to_owned()
    } else {
        format!("{count} keys")
    }
}

super::link_methods!(AttentionView);
