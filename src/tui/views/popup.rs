//! The pipeline's popups: stage menu, withdraw prompt, proposal message, re-rank
//! diff after a revision, revision history, client rank; and the one-line prompts.

use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

use crate::pipeline::rerank::Movement;
use crate::pipeline::Stage;
use crate::store::Revision;
use crate::text::{cell, width};

use super::super::action::{PitchText, Reranked};
use super::super::app::App;
use super::super::confirm::{ProposeDraft, ProposeStep};
use super::super::engineer_form::EngineerForm;
use super::super::proposals::{pitch_lines, RANKS};
use super::super::state::input::LineInput;
use super::super::strings::{self, S};
use super::cells;

/// A bordered box centred on the screen; returns its inside.
pub(super) fn boxed(
    app: &App,
    f: &mut Frame,
    full: Rect,
    w: u16,
    h: u16,
    title: &str,
    keys: &str,
) -> Rect {
    let t = app.theme();
    let w = w.min(full.width);
    let h = h.min(full.height);
    let area = Rect::new(
        full.x + (full.width - w) / 2,
        full.y + (full.height - h) / 2,
        w,
        h,
    );
    clear_edges(f, area);
    f.render_widget(Clear, area);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} ", cell(title)), t.section()));
    if !keys.is_empty() {
        block = block.title_bottom(Span::styled(format!(" {keys} "), t.dim()));
    }
    let inner = block.inner(area);
    f.render_widget(block, area);
    inner
}

/// A box as tall as its lines and at most `max_w` wide, centred, with its title and keys.
fn dialog(
    app: &App,
    f: &mut Frame,
    full: Rect,
    max_w: u16,
    lines: Vec<Line<'static>>,
    title: S,
    keys: S,
) {
    let lang = app.lang();
    let h = lines.len() as u16 + 2;
    let w = full.width.saturating_sub(8).min(max_w);
    let inner = boxed(app, f, full, w, h, title.t(lang), keys.t(lang));
    lines_in(f, inner, lines, 0);
}

/// Blank a wide (CJK) character cut by the popup's left or right edge before the popup is
/// drawn: a terminal draws a double-width character over the next cell, so one starting
/// just left of the box would hide its left border (ratatui issue #2526).
pub fn clear_edges(f: &mut Frame, area: Rect) {
    let buf = f.buffer_mut();
    let bounds = buf.area;
    for y in area.top()..area.bottom() {
        if area.x > bounds.x {
            if let Some(c) = buf.cell_mut((area.x - 1, y)) {
                if width(c.symbol()) > 1 {
                    c.set_symbol(" ");
                }
            }
        }
        let last = area.right().saturating_sub(1);
        if area.right() < bounds.right() && last >= area.x {
            let wide = buf.cell((last, y)).is_some_and(|c| width(c.symbol()) > 1);
            if wide {
                if let Some(c) = buf.cell_mut((area.right(), y)) {
                    c.set_symbol(" ");
                }
            }
        }
    }
}

/// Before proposing: the checks to read, then the rate and note typed in the footer.
pub fn propose(app: &App, f: &mut Frame, full: Rect, d: &ProposeDraft) {
    let t = app.theme();
    let lang = app.lang();
    let mut lines = vec![Line::styled(d.title.clone(), t.header())];
    if d.warnings.is_empty() {
        lines.push(Line::styled(format!("  {}", S::NoChecks.t(lang)), t.dim()));
    }
    for w in &d.warnings {
        lines.push(Line::styled(format!("  ⚠ {}", cell(w)), t.warn()));
    }
    let rate = if d.rate.text.trim().is_empty() {
        "-".to_string()
    } else {
        cell(&d.rate.text)
    };
    lines.push(Line::raw(format!("  {}{rate}", S::RatePrompt.t(lang))));
    if d.step == ProposeStep::Note {
        lines.push(Line::raw(format!(
            "  {}{}",
            S::ProposeNotePrompt.t(lang),
            cell(&d.note.text)
        )));
    }
    dialog(app, f, full, 90, lines, S::ProposeTitle, S::ProposeKeys);
}

/// The engineer's profile form: one field a row, the selected one highlighted.
pub fn engineer_form(app: &App, f: &mut Frame, full: Rect, form: &EngineerForm) {
    let t = app.theme();
    let lang = app.lang();
    let fields = &*crate::ops::engineers::FIELDS;
    let label_w = fields
        .iter()
        .map(|k| width(crate::ops::engineers::label(k.0, lang)))
        .max()
        .unwrap_or(10);
    let title = format!(
        "{}: #{} {}",
        S::EngineerFormTitle.t(lang),
        form.draft.id,
        cell(&form.draft.name)
    );
    let inner = boxed(
        app,
        f,
        full,
        full.width.saturating_sub(8).min(100),
        fields.len() as u16 + 2,
        &title,
        S::EngineerFormKeys.t(lang),
    );
    let value_w = (inner.width as usize).saturating_sub(label_w + 3);
    for (i, (key, _, _)) in fields.iter().enumerate() {
        let v = crate::ops::engineers::value(&form.draft, key, app.env.tax, lang);
        let line = Line::from(vec![
            Span::styled(
                format!(
                    " {}",
                    crate::text::pad(crate::ops::engineers::label(key, lang), label_w)
                ),
                t.header(),
            ),
            Span::raw("  "),
            Span::raw(crate::text::truncate(&cell(&v), value_w)),
        ]);
        cells::put(f, inner, i as u16, line);
        if i == form.list.selected {
            cells::highlight(f, inner, i as u16, t.selected());
        }
    }
}

/// Dismiss the opening? The title and client, and one key.
pub fn confirm_dismiss(app: &App, f: &mut Frame, full: Rect, opening_id: i64) {
    let t = app.theme();
    let mut lines = Vec::new();
    if let Some(o) = app.data.opening(opening_id) {
        let client = app.data.client_of(o).map_or("-", |c| c.name.as_str());
        lines.push(Line::styled(
            format!("#{} {} ({})", o.id, cell(&o.title), cell(client)),
            t.header(),
        ));
    }
    dialog(app, f, full, 70, lines, S::DismissTitle, S::DismissKeys);
}

/// Undo (or redo) this action? The action in words.
pub fn confirm_replay(app: &App, f: &mut Frame, full: Rect, label: &str, undo: bool) {
    let t = app.theme();
    let lines = vec![Line::styled(cell(label), t.header())];
    let (title, keys) = if undo {
        (S::UndoTitle, S::UndoKeys)
    } else {
        (S::RedoTitle, S::RedoKeys)
    };
    dialog(app, f, full, 70, lines, title, keys);
}

fn lines_in(f: &mut Frame, inner: Rect, lines: Vec<Line<'static>>, scroll: usize) {
    cells::scrolled(f, inner, lines, scroll);
}

fn menu(app: &App, f: &mut Frame, full: Rect, title: &str, items: &[String], selected: usize) {
    let w = items
        .iter()
        .map(|s| width(s))
        .max()
        .unwrap_or(10)
        .max(width(title))
        + 6;
    let inner = boxed(app, f, full, w as u16, items.len() as u16 + 2, title, "");
    for (i, s) in items.iter().enumerate() {
        cells::put(f, inner, i as u16, Line::raw(format!(" {s}")));
        if i == selected {
            cells::highlight(f, inner, i as u16, app.theme().selected());
        }
    }
}

pub fn stage_menu(app: &App, f: &mut Frame, full: Rect, pid: i64, options: &[Stage], sel: usize) {
    let lang = app.lang();
    let items: Vec<String> = options.iter().map(|s| s.label(lang).to_string()).collect();
    let title = format!("{} #{pid}", S::StageMenuTitle.t(lang));
    menu(app, f, full, &title, &items, sel);
}

pub fn rank_menu(app: &App, f: &mut Frame, full: Rect, name: &str, sel: usize) {
    let lang = app.lang();
    let items: Vec<String> = RANKS
        .iter()
        .map(|r| r.map_or_else(|| S::None.t(lang).to_string(), |r| r.as_str().to_string()))
        .collect();
    let title = format!("{}: {}", S::RankMenuTitle.t(lang), cell(name));
    menu(app, f, full, &title, &items, sel);
}

pub fn withdraw(app: &App, f: &mut Frame, full: Rect, pid: i64, ids: &[i64]) {
    let t = app.theme();
    let lang = app.lang();
    let mut lines = Vec::new();
    if let Some(p) = app.data.item(pid) {
        lines.push(Line::styled(
            format!(
                "#{} {} → {} ({})",
                p.id,
                cell(&p.engineer_name),
                cell(&p.opening_title),
                p.stage.label(lang)
            ),
            t.header(),
        ));
    }
    for id in ids {
        if let Some(p) = app.data.item(*id) {
            lines.push(Line::raw(format!(
                "  #{} {} · {} ({})",
                p.id,
                cell(&p.opening_title),
                cell(p.client.as_deref().unwrap_or("-")),
                p.stage.label(lang)
            )));
        }
    }
    dialog(app, f, full, 90, lines, S::WithdrawTitle, S::WithdrawKeys);
}

pub fn pitch(app: &App, f: &mut Frame, full: Rect, p: &PitchText, scroll: usize) {
    let t = app.theme();
    let lang = app.lang();
    let w = full.width.saturating_sub(4).min(100);
    let h = full.height.saturating_sub(2);
    let inner = boxed(
        app,
        f,
        full,
        w,
        h,
        S::PitchTitle.t(lang),
        S::PitchKeys.t(lang),
    );
    let mut lines = Vec::new();
    let body = p.text.lines().count();
    for (i, l) in pitch_lines(p).into_iter().enumerate() {
        let style = if i > body { t.warn() } else { t.base() };
        for part in cells::wrap(&l, inner.width as usize) {
            lines.push(Line::styled(part, style));
        }
    }
    lines_in(f, inner, lines, scroll);
}

pub fn rerank(app: &App, f: &mut Frame, full: Rect, d: &Reranked, scroll: usize) {
    let t = app.theme();
    let lang = app.lang();
    let w = full.width.saturating_sub(4).min(110);
    let h = full.height.saturating_sub(2);
    let title = format!(
        "{} · #{} {}",
        S::RerankTitle.t(lang),
        d.opening.id,
        strings::revision_label(lang, d.revision)
    );
    let inner = boxed(app, f, full, w, h, &title, "Esc");
    let mut lines = vec![Line::styled(S::Changes.t(lang).to_string(), t.header())];
    for c in &d.changes {
        lines.push(Line::raw(format!(
            "  {}: {} → {}",
            c.field,
            cell(c.before.as_deref().unwrap_or("-")),
            cell(c.after.as_deref().unwrap_or("-"))
        )));
    }
    lines.push(Line::raw(""));
    if d.movements.is_empty() {
        lines.push(Line::styled(S::NoMovement.t(lang).to_string(), t.dim()));
    }
    let name = |id: i64| {
        app.data
            .engineer(id)
            .map_or_else(|| format!("#{id}"), |e| cell(&e.name))
    };
    // Why an engineer left or was flagged, as the revision said.
    let why = |id: i64| {
        d.reasons
            .iter()
            .find(|(r, _)| *r == id)
            .map(|(_, w)| cell(w))
            .unwrap_or_default()
    };
    for m in &d.movements {
        let line = match m {
            Movement::Entered {
                engineer_id,
                to,
                from,
                score,
            } => Line::from(vec![
                Span::styled(format!("  + {} ", S::Entered.t(lang)), t.good()),
                Span::raw(format!(
                    "{} → {to} ({score:.0}){}",
                    name(*engineer_id),
                    from.map(|f| format!(" ← {f}")).unwrap_or_default()
                )),
            ]),
            Movement::Left {
                engineer_id,
                from,
                to,
                ..
            } => {
                let at =
                    to.map_or_else(|| S::ExcludedBecause.t(lang).to_string(), |p| p.to_string());
                Line::from(vec![
                    Span::styled(format!("  - {} ", S::Left.t(lang)), t.alert()),
                    Span::raw(format!("{} {from} → {at}  ", name(*engineer_id))),
                    Span::styled(why(*engineer_id), t.dim()),
                ])
            }
            Movement::Moved {
                engineer_id,
                from,
                to,
                by,
                ..
            } => {
                let style: Style = if *by > 0 { t.good() } else { t.warn() };
                Line::from(vec![
                    Span::styled(format!("  ~ {} ", S::Moved.t(lang)), style),
                    Span::raw(format!("{} {from} → {to} ({by:+})", name(*engineer_id))),
                ])
            }
            Movement::Dropped {
                engineer_id,
                at,
                score_before,
                score_after,
            } => Line::from(vec![
                Span::styled("  ▼ ".to_string(), t.warn()),
                Span::raw(format!(
                    "{} {at} ({score_before:.0}→{score_after:.0})",
                    name(*engineer_id)
                )),
            ]),
            Movement::Flagged {
                engineer_id, at, ..
            } => Line::from(vec![
                Span::styled("  ⚠ ".to_string(), t.warn()),
                Span::raw(format!("{} {at}  ", name(*engineer_id))),
                Span::styled(why(*engineer_id), t.dim()),
            ]),
        };
        lines.push(line);
    }
    lines_in(f, inner, lines, scroll);
}

pub fn history(app: &App, f: &mut Frame, full: Rect, id: i64, revs: &[Revision], scroll: usize) {
    let t = app.theme();
    let lang = app.lang();
    let w = full.width.saturating_sub(4).min(100);
    let h = full.height.saturating_sub(2);
    let title = format!("{} #{id}", S::HistoryTitle.t(lang));
    let inner = boxed(app, f, full, w, h, &title, "Esc");
    let mut lines = Vec::new();
    for (i, r) in revs.iter().enumerate() {
        lines.push(Line::styled(
            format!(
                "{} · {} · {}",
                strings::revision_label(lang, r.revision),
                r.changed_at
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M"),
                cell(&r.changed_by)
            ),
            t.header(),
        ));
        if i > 0 {
            for c in revs[i - 1].requirements.diff(&r.requirements) {
                lines.push(Line::raw(format!(
                    "  {}: {} → {}",
                    c.field,
                    cell(c.before.as_deref().unwrap_or("-")),
                    cell(c.after.as_deref().unwrap_or("-"))
                )));
            }
        }
    }
    lines_in(f, inner, lines, scroll);
}

/// A one-line prompt on the status row, with the cursor.
/// Why the value being typed would be refused, on the row above the prompt.
pub fn refusal_above(app: &App, f: &mut Frame, footer: Rect, text: &str) {
    if footer.y == 0 {
        return;
    }
    let row = Rect::new(footer.x, footer.y - 1, footer.width, 1);
    let text = crate::text::truncate(&cell(text), row.width as usize);
    f.render_widget(Clear, row);
    f.render_widget(Line::styled(text, app.theme().alert()), row);
}

pub fn prompt(app: &App, f: &mut Frame, footer: Rect, label: &str, input: &LineInput) {
    // A value longer than the line scrolls, as in every field editor.
    let room = (footer.width as usize).saturating_sub(width(label) + 2);
    let (shown, col) = cells::input_view(input, room);
    let line = Line::from(vec![
        Span::styled(label.to_string(), app.theme().key()),
        Span::raw(shown),
    ]);
    f.buffer_mut().set_style(footer, Style::reset());
    f.render_widget(Clear, footer);
    f.render_widget(line, footer);
    let x = footer.x + (width(label) + col) as u16;
    f.set_cursor_position(Position::new(
        x.min(footer.right().saturating_sub(1)),
        footer.y,
    ));
}
