//! A new posting: the text area, then the fields read from it for correction.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::text::{cell, pad};

use super::super::app::App;
use super::super::state::posting::{Field, Stage};
use super::super::strings::S;
use super::cells;
use super::WIDE;

pub struct PostingLayout {
    pub title: Rect,
    /// The text area (edit stage).
    pub text: Rect,
    /// The field list (review stage), one row per field.
    pub fields: Option<Rect>,
    /// The raw text beside or below the fields (review stage), title row included.
    pub raw: Option<Rect>,
}

const LABEL: usize = 18;

pub fn layout(app: &App, body: Rect) -> PostingLayout {
    let (title, rest) = cells::title_and_rest(body);
    if app.posting.stage == Stage::Edit {
        return PostingLayout {
            title,
            text: rest,
            fields: None,
            raw: None,
        };
    }
    let n = Field::ALL.len() as u16;
    let (fields, raw) = if body.width >= WIDE {
        let w = (body.width / 2).max(60);
        (
            Rect::new(rest.x, rest.y, w, n.min(rest.height)),
            Rect::new(
                rest.x + w + 1,
                rest.y,
                body.width.saturating_sub(w + 1),
                rest.height,
            ),
        )
    } else {
        let fh = n.min(rest.height);
        (
            Rect::new(rest.x, rest.y, rest.width, fh),
            Rect::new(rest.x, rest.y + fh, rest.width, rest.height - fh),
        )
    };
    PostingLayout {
        title,
        text: rest,
        fields: Some(fields),
        raw: (raw.height > 1).then_some(raw),
    }
}

pub fn draw(app: &App, f: &mut Frame, body: Rect) {
    let t = app.theme();
    let lang = app.lang();
    let l = layout(app, body);
    let p = &app.posting;
    match p.stage {
        Stage::Edit => {
            cells::put(
                f,
                l.title,
                0,
                cells::heading(S::PostingTitle.t(lang), l.title.width as usize, t.section()),
            );
            if p.text.is_empty() {
                for (n, line) in cells::wrap(S::PostingPlaceholder.t(lang), l.text.width as usize)
                    .into_iter()
                    .chain(std::iter::once(String::new()))
                    .chain(std::iter::once(S::PostingKeys.t(lang).to_string()))
                    .enumerate()
                {
                    cells::put(f, l.text, n as u16, Line::styled(line, t.dim()));
                }
                f.set_cursor_position(Position::new(l.text.x, l.text.y));
                return;
            }
            let h = l.text.height as usize;
            for (n, line) in p.text.lines.iter().skip(p.text.scroll).take(h).enumerate() {
                let shown = crate::text::truncate(&cell(line), l.text.width as usize);
                cells::put(f, l.text, n as u16, Line::raw(shown));
            }
            if p.text.row >= p.text.scroll && p.text.row < p.text.scroll + h {
                let x = (l.text.x as usize + p.text.cursor_col())
                    .min(l.text.right().saturating_sub(1) as usize);
                let y = l.text.y as usize + p.text.row - p.text.scroll;
                f.set_cursor_position(Position::new(x as u16, y as u16));
            }
        }
        Stage::Review => {
            cells::put(
                f,
                l.title,
                0,
                cells::heading(S::ReviewTitle.t(lang), l.title.width as usize, t.section()),
            );
            if let Some(area) = l.fields {
                for (i, field) in Field::ALL.iter().enumerate() {
                    let label = pad(field.label().t(lang), LABEL);
                    let editing = p.editing.as_ref().filter(|_| i == p.fields.selected);
                    let room = (area.width as usize).saturating_sub(LABEL + 2);
                    let value = match editing {
                        Some(input) => super::cells::input_view(input, room).0,
                        None => cell(p.values.get(i).map_or("", String::as_str)),
                    };
                    let shown = crate::text::truncate(
                        &value,
                        (area.width as usize).saturating_sub(LABEL + 1),
                    );
                    let line = Line::from(vec![
                        Span::styled(label, t.dim()),
                        Span::raw(" "),
                        Span::raw(shown),
                    ]);
                    cells::put(f, area, i as u16, line);
                    if i == p.fields.selected {
                        match editing {
                            Some(input) => {
                                let col = super::cells::input_view(input, room).1;
                                let x = area.x as usize + LABEL + 1 + col;
                                let x = x.min(area.right().saturating_sub(1) as usize);
                                f.set_cursor_position(Position::new(x as u16, area.y + i as u16));
                                cells::highlight(f, area, i as u16, t.selected_dim());
                            }
                            None => cells::highlight(f, area, i as u16, t.selected()),
                        }
                    }
                }
            }
            if let Some(raw) = l.raw {
                cells::put(
                    f,
                    raw,
                    0,
                    cells::heading(S::RawText.t(lang), raw.width as usize, t.dim()),
                );
                let body = super::opening::inner(raw);
                let lines = super::opening::raw_lines(&p.raw, body.width)
                    .into_iter()
                    .map(Line::raw)
                    .collect();
                cells::scrolled(f, body, lines, p.raw_scroll);
            }
        }
    }
}
