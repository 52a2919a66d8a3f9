//! Help generated from the key table, and the small status menu.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

use crate::domain::OpeningStatus;
use crate::text::pad;

use super::super::app::{App, Screen};
use super::super::keymap::{self, Scope};
use super::super::strings::{self, S};
use super::cells;

/// The help box: most of the screen, inside a border.
pub fn layout(full: Rect) -> Rect {
    let w = full.width.saturating_sub(4).min(84);
    let h = full.height.saturating_sub(2);
    Rect::new(full.x + (full.width - w) / 2, full.y + 1, w, h)
}

fn scope_title(app: &App, scope: Scope) -> &'static str {
    let lang = app.lang();
    match scope {
        Scope::Global => S::HelpEverywhere.t(lang),
        _ => match app.screen {
            Screen::Queue | Screen::Empty => S::TabQueue.t(lang),
            Screen::Opening => S::ScreenOpening.t(lang),
            Screen::Free => S::TabFree.t(lang),
            Screen::Engineers => S::TabEngineers.t(lang),
            Screen::Search => S::TabSearch.t(lang),
            Screen::Posting => S::TabPosting.t(lang),
            Screen::Pipeline => S::TabPipeline.t(lang),
            Screen::Checks => S::TabChecks.t(lang),
            Screen::Revise => S::ScreenOpening.t(lang),
        },
    }
}

pub fn draw(app: &App, f: &mut Frame, full: Rect, scope: Scope, scroll: usize) {
    let t = app.theme();
    let lang = app.lang();
    let area = layout(full);
    super::popup::clear_edges(f, area);
    f.render_widget(Clear, area);
    let title = strings::help_title(lang, scope_title(app, scope));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), t.section()))
        .title_bottom(Span::styled(format!(" {} ", S::HelpClose.t(lang)), t.dim()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    // Two columns when the list is longer than the box and the box is wide enough.
    let total: usize = keymap::help(scope)
        .iter()
        .map(|(_, r)| r.len() + 1)
        .sum::<usize>()
        + strings::legend(app.screen, lang).len()
        + 1;
    let two = total > inner.height as usize && inner.width >= 70;
    let key_w = if two { 16 } else { 24 };
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (s, rows) in keymap::help(scope) {
        let heading = match s {
            Scope::Global => S::HelpEverywhere.t(lang),
            Scope::List => "↑↓",
            _ => S::HelpThisScreen.t(lang),
        };
        if s != Scope::List {
            lines.push(Line::styled(heading.to_string(), t.header()));
        }
        for (keys, action) in rows {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(pad(&keys, key_w), t.key()),
                Span::raw(strings::action_help(&action, lang).to_string()),
            ]));
        }
    }
    // What the screen's columns, marks and colours mean, after its keys.
    let legend = strings::legend(app.screen, lang);
    if scope != Scope::Global && !legend.is_empty() {
        lines.push(Line::styled(S::HelpLegend.t(lang).to_string(), t.header()));
        for (term, meaning) in legend {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(pad(term, key_w), t.key()),
                Span::raw(meaning.to_string()),
            ]));
        }
    }
    let skip = scroll.min(lines.len().saturating_sub(1));
    let lines: Vec<Line<'static>> = lines.into_iter().skip(skip).collect();
    let h = inner.height as usize;
    if two {
        let half = inner.width / 2;
        let left = Rect::new(inner.x, inner.y, half - 1, inner.height);
        let right = Rect::new(inner.x + half, inner.y, inner.width - half, inner.height);
        for (n, l) in lines.into_iter().take(h * 2).enumerate() {
            let (area, row) = if n < h { (left, n) } else { (right, n - h) };
            cells::put(f, area, row as u16, l);
        }
    } else {
        for (n, l) in lines.into_iter().take(h).enumerate() {
            cells::put(f, inner, n as u16, l);
        }
    }
}

pub fn status_menu(app: &App, f: &mut Frame, full: Rect, opening_id: i64, selected: usize) {
    let t = app.theme();
    let lang = app.lang();
    let n = OpeningStatus::ALL.len() as u16;
    let w = 28.min(full.width);
    let area = Rect::new(
        full.x + (full.width - w) / 2,
        full.y + full.height.saturating_sub(n + 2) / 2,
        w,
        (n + 2).min(full.height),
    );
    super::popup::clear_edges(f, area);
    f.render_widget(Clear, area);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} #{opening_id} ", S::StatusMenuTitle.t(lang)),
        t.section(),
    ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    for (i, s) in OpeningStatus::ALL.iter().enumerate() {
        cells::put(
            f,
            inner,
            i as u16,
            Line::raw(format!(" {}", strings::status(*s, lang))),
        );
        if i == selected {
            cells::highlight(f, inner, i as u16, t.selected());
        }
    }
}
