//! Profile checks: every inconsistency in the engineers' profiles, errors first.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::Frame;

use crate::pipeline::checks::Severity;

use super::super::app::App;
use super::super::strings::{self, S};
use super::cells::{self, fixed, flex, RowLine};

pub struct ChecksLayout {
    pub title: Rect,
    pub header: Rect,
    pub rows: Rect,
}

pub fn layout(body: Rect) -> ChecksLayout {
    let [title, header, rows] = cells::bars_over_rows(body, 0);
    ChecksLayout {
        title,
        header,
        rows,
    }
}

pub fn draw(app: &App, f: &mut Frame, body: Rect) {
    let t = app.theme();
    let lang = app.lang();
    let l = layout(body);
    let w = body.width as usize;
    let Some(rows) = &app.checks.rows else {
        cells::put(f, l.rows, 0, Line::styled(S::Loading.t(lang), t.dim()));
        return;
    };
    let errors = rows
        .iter()
        .filter(|(_, p)| p.severity() == Severity::Error)
        .count();
    let title = strings::checks_title(lang, errors, rows.len() - errors);
    cells::put(f, l.title, 0, cells::heading(&title, w, t.section()));
    let c = [fixed(4), fixed(12), flex(20)];
    let ws = cells::widths(&c, w);
    let head = RowLine::new(&c, &ws)
        .cell(S::ColSeverity.t(lang), t.header())
        .cell(S::ColName.t(lang), t.header())
        .cell(S::ColProblem.t(lang), t.header());
    cells::put(f, l.header, 0, head.line());
    if rows.is_empty() {
        cells::put(f, l.rows, 0, Line::styled(S::NoProblems.t(lang), t.good()));
        return;
    }
    let h = l.rows.height as usize;
    let list = app.checks.list;
    for (n, idx) in list.visible(rows.len(), h).enumerate() {
        let (id, p) = &rows[idx];
        let name = app.data.engineer(*id).map_or("-", |e| e.name.as_str());
        let (sev, style) = match p.severity() {
            Severity::Error => (S::CheckError, t.alert()),
            Severity::Warning => (S::CheckWarning, t.warn()),
        };
        let row = RowLine::new(&c, &ws)
            .cell(sev.t(lang), style)
            .cell(name, t.base())
            .cell(&p.render(lang), t.base());
        cells::put(f, l.rows, n as u16, row.line());
        if idx == list.selected {
            cells::highlight(f, l.rows, n as u16, t.selected());
        }
    }
}
