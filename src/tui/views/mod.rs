//! Drawing: a pure function of `&App`, one module per screen.
//!
//! Layouts are functions of the terminal size shared by drawing, paging (how
//! many rows a page is) and the mouse (which row is under the pointer), so
//! all three always agree.

pub mod cells;
mod checks;
mod empty;
mod engineers;
mod free;
mod help;
mod opening;
pub mod pipeline;
mod popup;
mod posting;
mod queue;
mod revise;
mod search;

use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::domain::OpeningStatus;
use crate::text::{truncate, width};

use super::app::{App, Overlay, Screen};
use super::keymap;
use super::state::Pane;
use super::strings::{self, S};

/// From this width on, screens put their panes side by side.
pub const WIDE: u16 = 120;
/// Below this size the dashboard asks for a bigger terminal.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Rows per page of each scrollable list at the current size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Heights {
    pub queue: usize,
    pub opening: usize,
    pub free: usize,
    pub engineers: usize,
    pub search: usize,
    pub help: usize,
    pub text: usize,
    pub pipeline: usize,
    pub checks: usize,
}

/// How far each scrolled pane can go at the current size and content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScrollLimits {
    pub opening_detail: usize,
    pub opening_raw: usize,
    pub engineer_sheet: usize,
    pub posting_raw: usize,
}

/// Only the panes on screen are measured; the others may keep any offset until shown.
pub fn scroll_limits(app: &App) -> ScrollLimits {
    let (_, body, _) = frame(area(app));
    let mut l = ScrollLimits {
        opening_detail: usize::MAX,
        opening_raw: usize::MAX,
        engineer_sheet: usize::MAX,
        posting_raw: usize::MAX,
    };
    match app.screen {
        Screen::Opening => {
            let lay = opening::layout(app, body);
            let o = app.current_opening();
            let e = app
                .selected_candidate()
                .and_then(|id| app.data.engineer(id));
            if let (Some(d), Some(o), Some(e)) = (lay.detail, o, e) {
                let (_, lines) = opening::breakdown(app, o, e, d.width);
                l.opening_detail = cells::max_scroll(lines.len(), opening::inner(d).height);
            }
            if let (Some(r), Some(o)) = (lay.raw, o) {
                let inner = opening::inner(r);
                let n = opening::raw_lines(&o.raw_text, inner.width).len();
                l.opening_raw = cells::max_scroll(n, inner.height);
            }
        }
        Screen::Engineers => {
            let lay = engineers::layout(app, body);
            if let (Some(d), Some(e)) = (lay.detail, app.selected_engineer()) {
                let n = engineers::sheet_lines(app, e, d.width).len();
                l.engineer_sheet = cells::max_scroll(n, opening::inner(d).height);
            }
        }
        Screen::Posting => {
            if let Some(r) = posting::layout(app, body).raw {
                let inner = opening::inner(r);
                let n = opening::raw_lines(&app.posting.raw, inner.width).len();
                l.posting_raw = cells::max_scroll(n, inner.height);
            }
        }
        _ => {}
    }
    l
}

/// What is under the mouse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Tab(Screen),
    /// A row of a pane; for lists, the index in the whole list.
    Row(Pane, usize),
}

pub fn area(app: &App) -> Rect {
    Rect::new(0, 0, app.width, app.height)
}

/// Tabs row, body, status row.
pub fn frame(area: Rect) -> (Rect, Rect, Rect) {
    let header = Rect::new(area.x, area.y, area.width, 1.min(area.height));
    let body_h = area.height.saturating_sub(2);
    let body = Rect::new(area.x, area.y + 1, area.width, body_h);
    let footer = Rect::new(
        area.x,
        area.y + area.height.saturating_sub(1),
        area.width,
        1.min(area.height),
    );
    (header, body, footer)
}

pub fn heights(app: &App) -> Heights {
    let (_, body, _) = frame(area(app));
    Heights {
        queue: queue::layout(app, body).rows.height as usize,
        opening: opening::layout(app, body).list.height as usize,
        free: free::layout(body).rows.height as usize,
        engineers: engineers::layout(app, body).list.height as usize,
        search: search::layout(body).rows.height as usize,
        help: help::layout(area(app)).height.saturating_sub(2) as usize,
        text: posting::layout(app, body).text.height as usize,
        pipeline: pipeline::layout(body).rows.height as usize,
        checks: checks::layout(body).rows.height as usize,
    }
}

pub fn draw(app: &App, f: &mut Frame) {
    let full = f.area();
    if full.width < MIN_WIDTH || full.height < MIN_HEIGHT {
        let msg = S::TooSmall.t(app.lang());
        f.render_widget(Line::from(truncate(msg, full.width as usize)), full);
        return;
    }
    let (header, body, footer) = frame(full);
    draw_tabs(app, f, header);
    match app.screen {
        Screen::Empty => empty::draw(app, f, body),
        Screen::Queue => queue::draw(app, f, body),
        Screen::Opening => opening::draw(app, f, body),
        Screen::Free => free::draw(app, f, body),
        Screen::Engineers => engineers::draw(app, f, body),
        Screen::Search => search::draw(app, f, body),
        Screen::Posting => posting::draw(app, f, body),
        Screen::Pipeline => pipeline::draw(app, f, body),
        Screen::Checks => checks::draw(app, f, body),
        Screen::Revise => revise::draw(app, f, body),
    }
    draw_footer(app, f, footer);
    match &app.overlay {
        Some(Overlay::Help { scope, scroll }) => help::draw(app, f, full, *scope, *scroll),
        Some(Overlay::StatusMenu { opening_id, list }) => {
            help::status_menu(app, f, full, *opening_id, list.selected)
        }
        Some(Overlay::SkillPrompt(input)) => {
            let prompt = S::SkillPrompt.t(app.lang());
            let line = Line::from(vec![
                Span::styled(prompt.to_string(), app.theme().key()),
                Span::raw(crate::text::cell(&input.text)),
            ]);
            f.buffer_mut().set_style(footer, Style::reset());
            f.render_widget(ratatui::widgets::Clear, footer);
            f.render_widget(line, footer);
            let x = footer.x + (width(prompt) + input.cursor_col()) as u16;
            f.set_cursor_position(Position::new(
                x.min(footer.right().saturating_sub(1)),
                footer.y,
            ));
        }
        Some(Overlay::StageMenu {
            proposal_id,
            options,
            list,
        }) => popup::stage_menu(app, f, full, *proposal_id, options, list.selected),
        Some(Overlay::StageNote {
            start: Some(date), ..
        }) => popup::prompt(app, f, footer, S::StartPrompt.t(app.lang()), date),
        Some(Overlay::StageNote { input, .. }) => {
            popup::prompt(app, f, footer, S::NotePrompt.t(app.lang()), input)
        }
        Some(Overlay::ProposePrompt(d)) => {
            popup::propose(app, f, full, d);
            let (label, input) = match d.step {
                super::confirm::ProposeStep::Rate => (S::RatePrompt, &d.rate),
                super::confirm::ProposeStep::Note => (S::ProposeNotePrompt, &d.note),
            };
            popup::prompt(app, f, footer, label.t(app.lang()), input);
        }
        Some(Overlay::EngineerForm(form)) => {
            popup::engineer_form(app, f, full, form);
            if let Some(input) = &form.editing {
                let key = crate::ops::engineers::FIELDS[form
                    .list
                    .selected
                    .min(crate::ops::engineers::FIELDS.len() - 1)]
                .0;
                let label = format!("{}: ", crate::ops::engineers::label(key, app.lang()));
                popup::prompt(app, f, footer, &label, input);
                // While the value would be refused, say what is accepted, as the CLI does.
                let mut probe = form.draft.clone();
                if let Err(e) = crate::ops::engineers::set(
                    &mut probe,
                    key,
                    &input.text,
                    app.env.tax,
                    app.lang(),
                ) {
                    popup::refusal_above(app, f, footer, &e);
                }
            }
        }
        Some(Overlay::EndAssignment { input, .. }) => {
            popup::prompt(app, f, footer, S::EndAssignmentPrompt.t(app.lang()), input)
        }
        Some(Overlay::ProposalTerms { input, .. }) => {
            popup::prompt(app, f, footer, S::ProposalTermsPrompt.t(app.lang()), input)
        }
        Some(Overlay::AddAssignment { input, .. }) => {
            popup::prompt(app, f, footer, S::AddAssignmentPrompt.t(app.lang()), input)
        }
        Some(Overlay::ConfirmDismiss { opening_id }) => {
            popup::confirm_dismiss(app, f, full, *opening_id)
        }
        Some(Overlay::ConfirmReplay { label, undo, .. }) => {
            popup::confirm_replay(app, f, full, label, *undo)
        }
        Some(Overlay::Withdraw { proposal_id, ids }) => {
            popup::withdraw(app, f, full, *proposal_id, ids)
        }
        Some(Overlay::Pitch { pitch, scroll }) => popup::pitch(app, f, full, pitch, *scroll),
        Some(Overlay::PathPrompt { pitch, input }) => {
            popup::pitch(app, f, full, pitch, 0);
            popup::prompt(app, f, footer, S::PathPrompt.t(app.lang()), input);
        }
        Some(Overlay::Rerank { diff, scroll }) => popup::rerank(app, f, full, diff, *scroll),
        Some(Overlay::History {
            opening_id,
            revisions,
            scroll,
        }) => popup::history(app, f, full, *opening_id, revisions, *scroll),
        Some(Overlay::RankMenu { name, list, .. }) => {
            popup::rank_menu(app, f, full, name, list.selected)
        }
        None => {}
    }
}

/// Tabs with their x ranges, for drawing and for clicks.
fn tabs(app: &App) -> Vec<(Screen, String, u16, u16)> {
    let lang = app.lang();
    let items = [
        (Screen::Queue, "1", S::TabQueue),
        (Screen::Free, "2", S::TabFree),
        (Screen::Engineers, "3", S::TabEngineers),
        (Screen::Pipeline, "4", S::TabPipeline),
        (Screen::Checks, "5", S::TabChecks),
        (Screen::Search, "/", S::TabSearch),
        (Screen::Posting, "n", S::TabPosting),
    ];
    // Narrow terminals keep every tab by naming search and new posting by key only.
    let short = app.width < 100;
    let mut x = 0u16;
    let mut out = Vec::new();
    for (s, key, label) in items {
        let text = if short && matches!(s, Screen::Search | Screen::Posting) {
            format!(" {key} ")
        } else {
            format!(" {key} {} ", label.t(lang))
        };
        let w = width(&text) as u16;
        out.push((s, text, x, w));
        x += w + 1;
    }
    out
}

fn active_tab(app: &App) -> Screen {
    match app.screen {
        Screen::Opening | Screen::Empty | Screen::Revise => Screen::Queue,
        s => s,
    }
}

fn draw_tabs(app: &App, f: &mut Frame, area: Rect) {
    let t = app.theme();
    let active = active_tab(app);
    let mut spans = Vec::new();
    for (s, text, _, _) in tabs(app) {
        let style = if s == active {
            t.tab_active()
        } else {
            t.base()
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    // How many wait for a first answer, and how many waited past the limit.
    let limit = app.env.dash.wait_limit_hours;
    let (mut waiting, mut overdue) = (0, 0);
    for o in &app.data.openings {
        if o.status == OpeningStatus::New {
            waiting += 1;
            if (app.now - o.received_at).num_hours() >= limit {
                overdue += 1;
            }
        }
    }
    let room = (area.width as usize).saturating_sub(used + 1);
    // The counters shrink before they go: full words, then the short form.
    let full = strings::waiting(app.lang(), waiting, overdue, limit);
    let short = strings::waiting_short(app.lang(), waiting, overdue, limit);
    let right = if room >= width(&full) { full } else { short };
    if room >= width(&right) {
        spans.push(Span::raw(" ".repeat(room - width(&right))));
        let style = if overdue > 0 { t.alert() } else { t.dim() };
        spans.push(Span::styled(right, style));
    }
    f.render_widget(Line::from(spans), area);
}

fn draw_footer(app: &App, f: &mut Frame, area: Rect) {
    let t = app.theme();
    let w = area.width as usize;
    if let Some(st) = &app.status {
        let style = if st.error { t.alert() } else { t.info() };
        let text = truncate(&crate::text::cell(&st.text), w);
        f.render_widget(Line::styled(text, style), area);
        return;
    }
    let mut spans = Vec::new();
    let mut used = 0;
    // The stale switch is on: say so first, where it cannot scroll away.
    if app.left_out > 0 {
        let badge = format!("[{}]  ", app.left_out_badge());
        used += width(&badge);
        spans.push(Span::styled(badge, t.warn()));
    }
    for (key, action) in keymap::hints(app.scope()) {
        let label = strings::action_help(&action, app.lang());
        let piece = width(&key) + 1 + width(label) + 2;
        if used + piece > w {
            break;
        }
        used += piece;
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::styled(format!(" {label}  "), t.dim()));
    }
    f.render_widget(Line::from(spans), area);
}

/// An engineer's name, with the stale mark when a partner engineer was not re-offered in time.
pub fn name_spans(app: &App, e: &crate::domain::Engineer) -> Vec<Span<'static>> {
    let t = app.theme();
    let mut spans = Vec::new();
    // In front, so a long name cannot push it out of the column.
    if app.is_stale(e) {
        spans.push(Span::styled(
            format!("{} ", S::StaleMark.t(app.lang())),
            t.warn(),
        ));
    }
    spans.push(Span::styled(crate::text::cell(&e.name), t.base()));
    spans
}

/// What is at a cell, for the mouse.
pub fn hit_test(app: &App, col: u16, row: u16) -> Option<Target> {
    let full = area(app);
    let (header, body, _) = frame(full);
    let pos = Position::new(col, row);
    if header.contains(pos) {
        return tabs(app)
            .into_iter()
            .find(|(_, _, x, w)| col >= *x && col < x + w)
            .map(|(s, ..)| Target::Tab(s));
    }
    let inside = |r: Rect| r.contains(pos);
    let index = |r: Rect, offset: usize| offset + (row - r.y) as usize;
    match app.screen {
        Screen::Queue => {
            let l = queue::layout(app, body);
            inside(l.rows).then(|| Target::Row(Pane::List, index(l.rows, app.queue.list.offset)))
        }
        Screen::Opening => {
            let l = opening::layout(app, body);
            let list = if app.opening.show_rotation {
                app.opening.rotation
            } else if app.opening.show_excluded {
                app.opening.excluded
            } else {
                app.opening.list
            };
            if inside(l.list) {
                Some(Target::Row(Pane::List, index(l.list, list.offset)))
            } else if l.raw.is_some_and(inside) {
                Some(Target::Row(Pane::Raw, 0))
            } else if l.detail.is_some_and(inside) {
                Some(Target::Row(Pane::Detail, 0))
            } else {
                None
            }
        }
        Screen::Free => {
            let l = free::layout(body);
            inside(l.rows).then(|| Target::Row(Pane::List, index(l.rows, app.free.list.offset)))
        }
        Screen::Engineers => {
            let l = engineers::layout(app, body);
            if inside(l.list) {
                Some(Target::Row(
                    Pane::List,
                    index(l.list, app.engineers.list.offset),
                ))
            } else if l.detail.is_some_and(inside) {
                Some(Target::Row(Pane::Detail, 0))
            } else {
                None
            }
        }
        Screen::Search => {
            let l = search::layout(body);
            inside(l.rows).then(|| Target::Row(Pane::List, index(l.rows, app.search.list.offset)))
        }
        Screen::Posting => {
            let l = posting::layout(app, body);
            if l.fields.is_some_and(inside) {
                let r = l.fields?;
                Some(Target::Row(Pane::List, (row - r.y) as usize))
            } else if l.raw.is_some_and(inside) {
                Some(Target::Row(Pane::Raw, 0))
            } else {
                None
            }
        }
        Screen::Pipeline => {
            let l = pipeline::layout(body);
            inside(l.rows).then(|| Target::Row(Pane::List, index(l.rows, app.pipeline.list.offset)))
        }
        Screen::Checks => {
            let l = checks::layout(body);
            inside(l.rows).then(|| Target::Row(Pane::List, index(l.rows, app.checks.list.offset)))
        }
        Screen::Revise => {
            let (_, rows) = revise::layout(body);
            inside(rows).then(|| Target::Row(Pane::List, revise::index_at(app, rows, row)))
        }
        Screen::Empty => None,
    }
}
