//! Styles: the terminal's own 16-colour palette, or none at all under `NO_COLOR`.
//!
//! Named ANSI colours follow whatever palette the rep's terminal uses (light or
//! dark); without colour, selection and warnings still show through reverse and bold.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        Theme::from_no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    pub fn from_no_color(v: Option<&std::ffi::OsStr>) -> Theme {
        Theme {
            color: v.is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn base(self) -> Style {
        Style::new()
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The selected row of a pane that does not have the focus.
    pub fn selected_dim(self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn header(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn section(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn tab_active(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn warn(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn alert(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn info(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    /// Colour of a score bar: good, middling or weak fit.
    pub fn score(self, score: f32) -> Style {
        if score >= 70.0 {
            self.fg(Color::Green)
        } else if score >= 50.0 {
            self.fg(Color::Yellow)
        } else {
            self.fg(Color::Red)
        }
    }

    pub fn matched(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_turns_colours_off() {
        assert!(Theme::from_no_color(None).color);
        assert!(Theme::from_no_color(Some(std::ffi::OsStr::new(""))).color);
        let t = Theme::from_no_color(Some(std::ffi::OsStr::new("1")));
        assert!(!t.color);
        assert_eq!(t.warn().fg, None);
    }
}
