//! Building blocks of every table: columns by display width, score bars, wrapping.
//!
//! Rows are built as one `Line` of padded spans instead of a ratatui `Table`, so
//! only visible rows are ever formatted and Japanese text lines up by columns.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;
use unicode_width::UnicodeWidthChar;

use crate::text::{cell, pad, pad_left, width};

/// One column: a fixed width, or a share of what is left (with a minimum).
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub width: usize,
    pub flex: bool,
    pub right: bool,
}

pub const fn fixed(width: usize) -> Col {
    Col {
        width,
        flex: false,
        right: false,
    }
}

pub const fn right(width: usize) -> Col {
    Col {
        width,
        flex: false,
        right: true,
    }
}

pub const fn flex(min: usize) -> Col {
    Col {
        width: min,
        flex: true,
        right: false,
    }
}

/// Widths of the columns for a row `total` columns wide, one space between columns.
pub fn widths(cols: &[Col], total: usize) -> Vec<usize> {
    let gaps = cols.len().saturating_sub(1);
    let fixed: usize = cols.iter().map(|c| c.width).sum::<usize>() + gaps;
    let flexes = cols.iter().filter(|c| c.flex).count();
    let spare = total.saturating_sub(fixed);
    let mut given = 0;
    let mut seen = 0;
    cols.iter()
        .map(|c| {
            if c.flex {
                seen += 1;
                // The last flexible column takes the remainder, so rows fill the width.
                let share = if seen == flexes {
                    spare - given
                } else {
                    spare / flexes
                };
                given += share;
                c.width + share
            } else {
                c.width
            }
        })
        .collect()
}

/// A row being filled cell by cell.
pub struct RowLine<'c> {
    cols: &'c [Col],
    widths: &'c [usize],
    next: usize,
    spans: Vec<Span<'static>>,
}

impl<'c> RowLine<'c> {
    pub fn new(cols: &'c [Col], widths: &'c [usize]) -> RowLine<'c> {
        RowLine {
            cols,
            widths,
            next: 0,
            spans: Vec::with_capacity(cols.len() * 2),
        }
    }

    fn gap(&mut self) {
        if self.next > 0 {
            self.spans.push(Span::raw(" "));
        }
    }

    /// Add the next cell; text from the database is made safe here.
    pub fn cell(mut self, text: &str, style: Style) -> RowLine<'c> {
        let (Some(col), Some(w)) = (self.cols.get(self.next), self.widths.get(self.next)) else {
            return self;
        };
        let (right, w) = (col.right, *w);
        self.gap();
        let safe = cell(text);
        let padded = if right {
            pad_left(&safe, w)
        } else {
            pad(&safe, w)
        };
        self.spans.push(Span::styled(padded, style));
        self.next += 1;
        self
    }

    /// A cell made of styled pieces (bars, highlights), cut and padded to its width.
    pub fn spans(mut self, parts: Vec<Span<'static>>) -> RowLine<'c> {
        let Some(w) = self.widths.get(self.next).copied() else {
            return self;
        };
        self.gap();
        let mut used = 0;
        for p in parts {
            let room = w.saturating_sub(used);
            if room == 0 {
                break;
            }
            let text = cell(&p.content);
            let (cut, full) = if width(&text) > room {
                (crate::text::truncate(&text, room), false)
            } else {
                (text, true)
            };
            used += width(&cut);
            self.spans.push(Span::styled(cut, p.style));
            if !full {
                break;
            }
        }
        if used < w {
            self.spans.push(Span::raw(" ".repeat(w - used)));
        }
        self.next += 1;
        self
    }

    pub fn line(self) -> Line<'static> {
        Line::from(self.spans)
    }
}

/// A bar `width` columns long for `value` out of `max`, in eighths of a cell.
pub fn bar(value: f32, max: f32, width: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    if width == 0 {
        return String::new();
    }
    let frac = if max > 0.0 && value.is_finite() {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let eighths = (frac * (width * 8) as f32).round() as usize;
    let full = eighths / 8;
    let mut s = "█".repeat(full);
    if full < width {
        s.push(PARTS[eighths % 8]);
        s.push_str(&" ".repeat(width - full - 1));
    }
    s
}

/// Break text into lines of at most `width` columns, at spaces when a line has them.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for raw in text.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for c in raw.chars() {
            let cw = c.width().unwrap_or(0);
            if w + cw > width {
                // Prefer breaking after the last space in the second half of the line.
                match line
                    .rfind(' ')
                    .filter(|&b| crate::text::width(&line[..b]) > width / 2)
                {
                    Some(b) => {
                        let rest = line[b + 1..].to_string();
                        line.truncate(b);
                        out.push(std::mem::take(&mut line));
                        line = rest;
                        w = crate::text::width(&line);
                    }
                    None => {
                        out.push(std::mem::take(&mut line));
                        w = 0;
                    }
                }
            }
            line.push(c);
            w += cw;
        }
        out.push(line);
    }
    out
}

/// The furthest a pane of `height` rows can scroll through `len` lines.
pub fn max_scroll(len: usize, height: u16) -> usize {
    len.saturating_sub(height as usize)
}

/// Draw the lines of a scrolled pane, the offset kept within the content.
pub fn scrolled(f: &mut Frame, area: Rect, lines: Vec<Line<'static>>, scroll: usize) {
    let skip = scroll.min(max_scroll(lines.len(), area.height));
    for (n, line) in lines
        .into_iter()
        .skip(skip)
        .take(area.height as usize)
        .enumerate()
    {
        put(f, area, n as u16, line);
    }
}

/// A view's title row and the rows under it.
pub fn title_and_rest(body: Rect) -> (Rect, Rect) {
    let title = Rect::new(body.x, body.y, body.width, 1.min(body.height));
    let rest = Rect::new(
        body.x,
        body.y + 1,
        body.width,
        body.height.saturating_sub(1),
    );
    (title, rest)
}

/// Render one line into one row of an area.
pub fn put(f: &mut Frame, area: Rect, row: u16, line: Line<'_>) {
    if row < area.height {
        f.render_widget(line, Rect::new(area.x, area.y + row, area.width, 1));
    }
}

/// Style a whole row (selection), keeping the colours already drawn.
pub fn highlight(f: &mut Frame, area: Rect, row: u16, style: Style) {
    if row < area.height {
        f.buffer_mut()
            .set_style(Rect::new(area.x, area.y + row, area.width, 1), style);
    }
}

/// A section heading: bold text, then a rule to the edge.
pub fn heading(text: &str, w: usize, style: Style) -> Line<'static> {
    let t = crate::text::truncate(&cell(text), w.saturating_sub(4));
    let used = width(&t) + 3;
    Line::from(vec![
        Span::styled("─ ", style),
        Span::styled(t, style),
        Span::styled(format!(" {}", "─".repeat(w.saturating_sub(used))), style),
    ])
}

/// Two one-line bars (a title and a column header) over the rows, leaving `below`
/// lines at the bottom: the frame of every list screen.
pub fn bars_over_rows(body: Rect, below: u16) -> [Rect; 3] {
    let row = |y: u16, h: u16| Rect::new(body.x, body.y + y, body.width, h);
    [
        row(0, 1.min(body.height)),
        row(1, 1.min(body.height.saturating_sub(1))),
        row(2, body.height.saturating_sub(2 + below)),
    ]
}

/// A one-line input as shown in `room` columns, and the cursor's column in it. A value
/// longer than the room scrolls: the text left of the cursor is cut, `…` where the cut
/// is, so the cursor stays in view. Every field editor and prompt shows input this way.
pub fn input_view(input: &super::super::state::input::LineInput, room: usize) -> (String, usize) {
    use crate::text::{cell, width};
    let room = room.max(4);
    if input.cursor_col() < room {
        return (cell(&input.text), input.cursor_col());
    }
    let before: String = input.text.chars().take(input.cursor).collect();
    let after: String = input.text.chars().skip(input.cursor).collect();
    let mut tail = String::new();
    for c in before.chars().rev() {
        if width(&tail) + width(&c.to_string()) >= room - 1 {
            break;
        }
        tail.insert(0, c);
    }
    let col = 1 + width(&tail);
    (format!("…{}{}", cell(&tail), cell(&after)), col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_width() {
        let cols = [fixed(4), flex(5), right(3), flex(2)];
        let w = widths(&cols, 40);
        assert_eq!(w.iter().sum::<usize>() + 3, 40);
        assert_eq!(w[0], 4);
        assert_eq!(w[2], 3);
    }

    #[test]
    fn japanese_cells_line_up() {
        let cols = [fixed(6), fixed(4)];
        let w = widths(&cols, 11);
        let a = RowLine::new(&cols, &w)
            .cell("品川", Style::new())
            .cell("x", Style::new())
            .line();
        let b = RowLine::new(&cols, &w)
            .cell("ab", Style::new())
            .cell("y", Style::new())
            .line();
        assert_eq!(a.width(), b.width());
        assert_eq!(a.width(), 11);
    }

    #[test]
    fn bars_have_their_width() {
        assert_eq!(bar(50.0, 100.0, 10).chars().count(), 10);
        assert_eq!(bar(100.0, 100.0, 10), "█".repeat(10));
        assert_eq!(bar(0.0, 100.0, 4), "    ");
        assert_eq!(bar(f32::NAN, 100.0, 2), "  ");
    }

    #[test]
    fn wrap_respects_display_width() {
        for l in wrap("東京都港区芝浦一丁目 Java Spring Boot AWS", 10) {
            assert!(crate::text::width(&l) <= 10, "{l}");
        }
        assert_eq!(wrap("a b", 10), vec!["a b"]);
    }
}
