//! The empty-database screen: how to fill it, instead of an empty table.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::super::app::App;
use super::super::strings::{self, S};
use super::cells;

pub fn draw(app: &App, f: &mut Frame, body: Rect) {
    let t = app.theme();
    let lang = app.lang();
    let w = body.width as usize;
    let cmd = |c: &str, what: S| {
        Line::from(vec![
            Span::raw("  "),
            Span::styled(crate::text::pad(c, 44), t.key()),
            Span::styled(what.t(lang).to_string(), t.dim()),
        ])
    };
    let lines = vec![
        cells::heading(S::EmptyTitle.t(lang), w, t.section()),
        Line::raw(""),
        cmd("benchmatch demo", S::EmptyDemo),
        cmd(
            "benchmatch import engineers staff.csv",
            S::EmptyImportEngineers,
        ),
        cmd(
            "benchmatch import openings openings.csv",
            S::EmptyImportOpenings,
        ),
        cmd("n", S::EmptyPaste),
        Line::raw(""),
        Line::styled(format!("  {}", S::EmptyRefresh.t(lang)), t.dim()),
        Line::styled(
            format!(
                "  {}",
                strings::database(lang, &crate::text::cell(&app.env.db_path))
            ),
            t.dim(),
        ),
    ];
    let top = body.height.saturating_sub(lines.len() as u16) / 3;
    for (n, l) in lines.into_iter().enumerate() {
        cells::put(f, body, top + n as u16, l);
    }
}
