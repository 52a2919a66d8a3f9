//! The requirements editor of an opening: each requirement with the line it was read
//! from, then the opening's terms under Japanese (or English) labels; a skill picker
//! over it while renaming.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::i18n::Lang;
use crate::text::{cell, pad, truncate, width};

use super::super::app::App;
use super::super::state::revise::{field_text, ReviseState, Row, PICK_ROWS, REVISE_FIELDS};
use super::super::strings::{revise_label, revise_value, S};
use super::cells;

pub fn layout(body: Rect) -> (Rect, Rect) {
    cells::title_and_rest(body)
}

/// The label column: the widest label of either kind of row.
fn label_width(lang: Lang) -> usize {
    REVISE_FIELDS
        .iter()
        .map(|k| width(revise_label(k, lang)))
        .chain([S::Must, S::Nice, S::ReviseAnyOf].map(|s| width(s.t(lang)) + 2))
        .max()
        .unwrap_or(10)
}

/// A row's label and text as drawn (the spec of a requirement, the value of a field).
fn row_text(r: &ReviseState, i: usize, lang: Lang) -> (String, String, String, bool) {
    match r.row(i) {
        Row::Requirement(k) => {
            let q = &r.reqs[k];
            let kind = if !q.must {
                S::Nice.t(lang)
            } else if q.spec.contains(['|', '｜']) {
                S::ReviseAnyOf.t(lang)
            } else {
                S::Must.t(lang)
            };
            let mark = if q.marked { "● " } else { "  " };
            (
                format!("{mark}{kind}"),
                q.spec.clone(),
                q.source.clone(),
                false,
            )
        }
        Row::Field(j) => {
            let key = REVISE_FIELDS[j];
            let v = r.values.get(j).cloned().unwrap_or_default();
            let changed = v != field_text(&r.base, key);
            (
                revise_label(key, lang).to_string(),
                revise_value(key, &v, lang),
                String::new(),
                changed,
            )
        }
    }
}

pub fn draw(app: &App, f: &mut Frame, body: Rect) {
    let t = app.theme();
    let lang = app.lang();
    let r = &app.revise;
    let (title, rows) = layout(body);
    let id = r.opening_id.unwrap_or_default();
    let name = app
        .data
        .opening(id)
        .map(|o| cell(&o.title))
        .unwrap_or_default();
    let text = format!("#{id} {name} · {}", S::ReviseTitle.t(lang));
    cells::put(
        f,
        title,
        0,
        cells::heading(&text, body.width as usize, t.section()),
    );
    let lw = label_width(lang);
    let total = body.width as usize;
    // The spec takes up to 30 columns; the source line has the rest.
    let spec_w = total.saturating_sub(lw + 3).min(30);
    let src_w = total.saturating_sub(lw + 3 + spec_w + 3);
    let h = rows.height as usize;
    let n = r.len();
    let mut list = r.list;
    list.fit(n, h);
    for (row, i) in list.visible(n, h).enumerate() {
        let selected = i == r.list.selected;
        let (label, value, source, changed) = row_text(r, i, lang);
        let is_req = matches!(r.row(i), Row::Requirement(_));
        let value_w = if is_req {
            spec_w
        } else {
            total.saturating_sub(lw + 3)
        };
        let shown = match (&r.editing, selected) {
            (Some(input), true) => cells::input_view(input, value_w.saturating_sub(1)).0,
            _ => cell(&value),
        };
        let label_style = if is_req {
            t.header()
        } else if changed {
            t.warn()
        } else {
            t.dim()
        };
        let mut spans = vec![
            Span::styled(format!(" {}", pad(&label, lw)), label_style),
            Span::raw("  "),
        ];
        if is_req {
            spans.push(Span::raw(pad(&truncate(&shown, spec_w), spec_w)));
            if !source.is_empty() && src_w > 4 {
                spans.push(Span::styled(
                    format!(" ← {}", truncate(&cell(&source), src_w)),
                    t.dim(),
                ));
            }
        } else {
            spans.push(Span::raw(truncate(&shown, value_w)));
        }
        let y = row as u16;
        cells::put(f, rows, y, Line::from(spans));
        if selected {
            let style = if r.editing.is_some() {
                t.selected_dim()
            } else {
                t.selected()
            };
            cells::highlight(f, rows, y, style);
            if let Some(input) = &r.editing {
                let col = cells::input_view(input, value_w.saturating_sub(1)).1;
                let x = rows.x + 1 + lw as u16 + 2 + col.min(value_w) as u16;
                let y = rows.y + y;
                if y < rows.bottom() {
                    f.set_cursor_position(Position::new(x.min(rows.right().saturating_sub(1)), y));
                }
            }
        }
    }
    if r.reqs.is_empty() && h > n {
        cells::put(
            f,
            rows,
            n as u16,
            Line::styled(format!(" {}", S::ReviseNoRequirements.t(lang)), t.dim()),
        );
    }
    if let Some(pick) = &r.pick {
        let inner = super::popup::boxed(
            app,
            f,
            body,
            body.width.saturating_sub(8).min(60),
            PICK_ROWS as u16 + 3,
            S::RevisePickTitle.t(lang),
            "",
        );
        let w = inner.width as usize;
        let (typed, col) = cells::input_view(&pick.input, w.saturating_sub(3));
        cells::put(f, inner, 0, Line::raw(format!(" > {typed}")));
        f.set_cursor_position(Position::new(
            (inner.x + 3 + col as u16).min(inner.right().saturating_sub(1)),
            inner.y,
        ));
        let mut l = pick.list;
        l.fit(pick.matches.len(), PICK_ROWS);
        for (row, k) in l.visible(pick.matches.len(), PICK_ROWS).enumerate() {
            let y = row as u16 + 1;
            cells::put(
                f,
                inner,
                y,
                Line::raw(format!(
                    "   {}",
                    truncate(&cell(&pick.matches[k]), w.saturating_sub(4))
                )),
            );
            if k == pick.list.selected {
                cells::highlight(f, inner, y, t.selected());
            }
        }
        if pick.matches.is_empty() {
            cells::put(
                f,
                inner,
                1,
                Line::styled(format!("   {}", S::RevisePickNone.t(lang)), t.dim()),
            );
        }
    }
}

/// The list index of a screen row of the editor (for the mouse).
pub fn index_at(app: &App, rows: Rect, row: u16) -> usize {
    let mut list = app.revise.list;
    let n = app.revise.len();
    list.fit(n, rows.height as usize);
    list.visible(n, rows.height as usize).start + (row - rows.y) as usize
}
