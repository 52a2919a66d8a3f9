//! The requirement edit form of an opening: one field per row, `Enter` edits it.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::text::{cell, pad, truncate};

use super::super::app::App;
use super::super::state::pipeline::REVISE_FIELDS;
use super::super::strings::S;
use super::cells;

pub fn layout(body: Rect) -> (Rect, Rect) {
    cells::title_and_rest(body)
}

const KEY_W: usize = 15;

pub fn draw(app: &App, f: &mut Frame, body: Rect) {
    let t = app.theme();
    let lang = app.lang();
    let (title, rows) = layout(body);
    let id = app.revise.opening_id.unwrap_or_default();
    let text = format!("#{id} · {}", S::ReviseTitle.t(lang));
    cells::put(
        f,
        title,
        0,
        cells::heading(&text, body.width as usize, t.section()),
    );
    let vw = (body.width as usize).saturating_sub(KEY_W + 2);
    for (i, key) in REVISE_FIELDS.iter().enumerate() {
        let selected = i == app.revise.list.selected;
        let value = match (&app.revise.editing, selected) {
            (Some(input), true) => cells::input_view(input, vw.saturating_sub(1)).0,
            _ => app
                .revise
                .values
                .get(i)
                .map(|v| cell(v))
                .unwrap_or_default(),
        };
        let changed = app.revise.values.get(i).map(String::as_str)
            != Some(super::super::state::pipeline::field_text(&app.revise.base, key).as_str());
        let key_style = if changed { t.warn() } else { t.dim() };
        let line = Line::from(vec![
            Span::styled(format!(" {}", pad(key, KEY_W)), key_style),
            Span::raw(truncate(&value, vw)),
        ]);
        cells::put(f, rows, i as u16, line);
        if selected {
            let style = if app.revise.editing.is_some() {
                t.selected_dim()
            } else {
                t.selected()
            };
            cells::highlight(f, rows, i as u16, style);
            if let Some(input) = &app.revise.editing {
                let col = cells::input_view(input, vw.saturating_sub(1)).1;
                let x = rows.x + 1 + KEY_W as u16 + col.min(vw) as u16;
                let y = rows.y + i as u16;
                if y < rows.bottom() {
                    f.set_cursor_position(Position::new(x.min(rows.right().saturating_sub(1)), y));
                }
            }
        }
    }
}
