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
    /// One colour per class, cycled.
    pub classes: [RGBColor; 4],
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
        ],
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
        ],
    };

    /// The theme called `name` (`"dark"` or anything else for light).
    pub fn named(name: &str) -> Theme {
        if name == "dark" {
            Theme::DARK
        } else {
            Theme::LIGHT
        }
    }

    /// The colour of class `i` (0-based).
    pub fn class(&self, i: usize) -> RGBColor {
        self.classes[i % self.classes.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::jacobian::contrast;

    #[test]
    fn canvas_text_keeps_a_contrast_of_four_and_a_half_in_both_themes() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            assert!(contrast(theme.text, theme.background) >= 4.5);
            assert!(contrast(theme.muted, theme.background) >= 4.5);
            assert!(contrast(theme.accent, theme.background) >= 4.5);
            assert!(contrast(theme.text, theme.faint) >= 4.5);
            for class in theme.classes {
                // Bars and lines are graphics: WCAG asks 3:1 of them.
                assert!(contrast(class, theme.background) >= 3.0, "{class:?}");
            }
        }
    }
}
