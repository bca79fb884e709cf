//! Colours for the light and dark themes. Text colours keep a contrast of at
//! least 4.5:1 against their background; series are told apart by dash and
//! label too, never by colour alone.

use plotters::style::RGBColor;

/// A palette for drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Canvas background.
    pub background: RGBColor,
    /// Text and axes.
    pub text: RGBColor,
    /// Secondary text, grid lines.
    pub muted: RGBColor,
    /// Faint fills.
    pub faint: RGBColor,
    /// The main accent (the current point, the current curve).
    pub accent: RGBColor,
    /// One colour per class (ten, as many as the playground has classes;
    /// also `--class-1` to `--class-10` in `www/style.css`).
    pub classes: [RGBColor; 10],
    /// How much heavier than usual lines and marks are drawn (1 on a
    /// screen; more for a projector, where thin lines wash out).
    pub weight: f64,
    /// How much larger than usual labels are written.
    pub text_size: f64,
}

impl Theme {
    /// The light theme.
    pub const LIGHT: Theme = Theme {
        background: RGBColor(255, 255, 255),
        text: RGBColor(31, 35, 40),
        muted: RGBColor(87, 96, 106),
        faint: RGBColor(234, 238, 242),
        accent: RGBColor(180, 35, 24),
        classes: [
            RGBColor(9, 105, 218),
            RGBColor(154, 103, 0),
            RGBColor(26, 127, 55),
            RGBColor(130, 80, 223),
            RGBColor(188, 76, 0),
            RGBColor(27, 124, 131),
            RGBColor(191, 57, 137),
            RGBColor(110, 84, 148),
            RGBColor(5, 80, 174),
            RGBColor(125, 78, 0),
        ],
        weight: 1.0,
        text_size: 1.0,
    };

    /// The dark theme.
    pub const DARK: Theme = Theme {
        background: RGBColor(13, 17, 23),
        text: RGBColor(230, 237, 243),
        muted: RGBColor(145, 152, 161),
        faint: RGBColor(33, 38, 45),
        accent: RGBColor(255, 123, 114),
        classes: [
            RGBColor(88, 166, 255),
            RGBColor(210, 153, 34),
            RGBColor(63, 185, 80),
            RGBColor(188, 140, 255),
            RGBColor(240, 136, 62),
            RGBColor(57, 197, 207),
            RGBColor(247, 120, 186),
            RGBColor(165, 214, 255),
            RGBColor(227, 179, 65),
            RGBColor(126, 231, 135),
        ],
        weight: 1.0,
        text_size: 1.0,
    };

    /// The light theme for a projector: black text, darker and more
    /// saturated class colours (each at least 7:1 on white), visible grid
    /// lines, heavier lines and larger labels, so that a washed-out image
    /// still reads.
    pub const LIGHT_PROJECTOR: Theme = Theme {
        background: RGBColor(255, 255, 255),
        text: RGBColor(0, 0, 0),
        muted: RGBColor(40, 44, 50),
        faint: RGBColor(206, 212, 220),
        accent: RGBColor(150, 0, 0),
        classes: [
            RGBColor(0, 64, 170),
            RGBColor(110, 62, 0),
            RGBColor(0, 96, 30),
            RGBColor(90, 30, 180),
            RGBColor(150, 50, 0),
            RGBColor(0, 88, 96),
            RGBColor(150, 10, 100),
            RGBColor(74, 48, 118),
            RGBColor(0, 44, 120),
            RGBColor(88, 54, 0),
        ],
        weight: 1.75,
        text_size: 1.2,
    };

    /// The dark theme for a projector: white on black, brighter class
    /// colours (each at least 7:1 on black), heavier lines, larger labels.
    pub const DARK_PROJECTOR: Theme = Theme {
        background: RGBColor(0, 0, 0),
        text: RGBColor(255, 255, 255),
        muted: RGBColor(214, 219, 224),
        faint: RGBColor(64, 70, 78),
        accent: RGBColor(255, 140, 130),
        classes: [
            RGBColor(120, 185, 255),
            RGBColor(235, 180, 60),
            RGBColor(90, 210, 110),
            RGBColor(205, 165, 255),
            RGBColor(255, 160, 90),
            RGBColor(80, 220, 230),
            RGBColor(255, 145, 205),
            RGBColor(190, 225, 255),
            RGBColor(240, 200, 90),
            RGBColor(150, 240, 160),
        ],
        weight: 1.75,
        text_size: 1.2,
    };

    /// The theme called `name`: `"dark"`, `"light-projector"`,
    /// `"dark-projector"`, or anything else for light.
    pub fn named(name: &str) -> Theme {
        match name {
            "dark" => Theme::DARK,
            "light-projector" => Theme::LIGHT_PROJECTOR,
            "dark-projector" => Theme::DARK_PROJECTOR,
            _ => Theme::LIGHT,
        }
    }

    /// The stroke width in device pixels of a line `width` CSS pixels wide
    /// at drawing scale `s`, made heavier by [`Theme::weight`]; at least 1.
    pub fn line(&self, width: f64, s: f64) -> u32 {
        let px = (width * s * self.weight).ceil();
        if px.is_finite() && px >= 1.0 {
            px as u32
        } else {
            1
        }
    }

    /// The colour of class `i` (0-based).
    pub fn class(&self, i: usize) -> RGBColor {
        self.classes[i % self.classes.len()]
    }
}

/// Mix two colours: `t = 0` gives `a`, `t = 1` gives `b` (clamped; a
/// non-finite `t` gives `a`).
pub fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let channel = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    RGBColor(channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
}

/// Relative luminance of an sRGB colour (WCAG 2).
fn luminance(c: RGBColor) -> f64 {
    let channel = |v: u8| {
        let v = v as f64 / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

/// The WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projector_themes_keep_a_contrast_of_seven_and_draw_heavier() {
        for theme in [Theme::LIGHT_PROJECTOR, Theme::DARK_PROJECTOR] {
            assert!(contrast(theme.text, theme.background) >= 15.0);
            assert!(contrast(theme.muted, theme.background) >= 7.0);
            assert!(contrast(theme.accent, theme.background) >= 7.0);
            assert!(contrast(theme.text, theme.faint) >= 7.0);
            for class in theme.classes {
                assert!(contrast(class, theme.background) >= 7.0, "{class:?}");
            }
            assert!(theme.weight > 1.5 && theme.text_size > 1.0);
            assert!(theme.line(1.0, 1.0) >= 2);
        }
        assert_eq!(Theme::named("light-projector"), Theme::LIGHT_PROJECTOR);
        assert_eq!(Theme::named("dark-projector"), Theme::DARK_PROJECTOR);
        assert_eq!(Theme::named("sepia"), Theme::LIGHT);
        assert_eq!(Theme::LIGHT.line(1.5, 2.0), 3);
        assert_eq!(Theme::LIGHT.line(f64::NAN, 2.0), 1);
    }

    #[test]
    fn canvas_text_keeps_a_contrast_of_four_and_a_half_in_both_themes() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            assert!(contrast(theme.text, theme.background) >= 4.5);
            assert!(contrast(theme.muted, theme.background) >= 4.5);
            assert!(contrast(theme.accent, theme.background) >= 4.5);
            assert!(contrast(theme.text, theme.faint) >= 4.5);
            for class in theme.classes {
                // Class colours also write the triangle's corner labels
                // (and the logit fields' names on the page): text, 4.5:1.
                assert!(contrast(class, theme.background) >= 4.5, "{class:?}");
            }
        }
    }
}

#[cfg(test)]
mod colour_tests {
    use super::*;

    #[test]
    fn mixing_and_contrast_follow_their_definitions() {
        let (black, white) = (RGBColor(0, 0, 0), RGBColor(255, 255, 255));
        assert_eq!(mix(black, white, 0.0), black);
        assert_eq!(mix(black, white, 1.0), white);
        assert_eq!(mix(black, white, 0.5), RGBColor(128, 128, 128));
        assert_eq!(mix(black, white, 7.0), white);
        assert_eq!(mix(black, white, f64::NAN), black);
        assert!((contrast(black, white) - 21.0).abs() < 1e-9);
        assert_eq!(contrast(white, white), 1.0);
        assert_eq!(contrast(black, white), contrast(white, black));
    }
}
