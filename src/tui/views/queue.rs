//! The triage queue (home): openings with how long they waited and who fits best.

use chrono::{Datelike, NaiveDate};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::domain::{Opening, OpeningStatus, Remote, Start};
use crate::i18n::Lang;
use crate::present::{rate_band, remote_label, waited};
use crate::text::cell;

use super::super::app::App;
use super::super::strings::{self, S};
use super::cells::{self, fixed, flex, right, RowLine};
use super::opening::candidate_row;
use super::WIDE;

pub struct QueueLayout {
    pub title: Rect,
    pub header: Rect,
    pub rows: Rect,
    pub preview: Option<Rect>,
}

/// Width of the side preview on wide terminals.
const SIDE: u16 = 64;

pub fn layout(_app: &App, body: Rect) -> QueueLayout {
    // The preview goes to the side only when the table keeps room for every column.
    let wide = body.width >= WIDE + 30;
    let (table, preview) = if wide {
        let t = Rect::new(body.x, body.y, body.width - SIDE, body.height);
        let p = Rect::new(
            body.x + body.width - SIDE + 1,
            body.y,
            SIDE - 1,
            body.height,
        );
        (t, Some(p))
    } else if body.height >= 14 {
        let ph = 4;
        let t = Rect::new(body.x, body.y, body.width, body.height - ph);
        let p = Rect::new(body.x, body.y + body.height - ph, body.width, ph);
        (t, Some(p))
    } else {
        (body, None)
    };
    QueueLayout {
        title: Rect::new(table.x, table.y, table.width, 1.min(table.height)),
        header: Rect::new(
            table.x,
            table.y + 1,
            table.width,
            1.min(table.height.saturating_sub(1)),
        ),
        rows: Rect::new(
            table.x,
            table.y + 2,
            table.width,
            table.height.saturating_sub(2),
        ),
        preview,
    }
}

/// A start as short as a column allows: `即日`, `4月`, `4/15` (the year is near).
/// A start in at most `cols` columns, never cut: `1/15` or `1月` / `Jan`, and `2027/1`
/// for another year when the column has room (else the month alone: the next January
/// is the one meant).
pub fn short_start(s: Option<Start>, today: NaiveDate, lang: Lang, cols: usize) -> String {
    let ja = lang == Lang::Ja;
    match s {
        None => "-".into(),
        Some(Start::Immediate) => if ja { "即日" } else { "now" }.into(),
        Some(Start::Month { year, month }) => {
            let full = format!("{year}/{month}");
            if year != today.year() && crate::text::width(&full) <= cols {
                return full;
            }
            match (ja, NaiveDate::from_ymd_opt(year, month, 1)) {
                (true, _) | (false, None) => format!("{month}月"),
                (false, Some(d)) => d.format("%b").to_string(),
            }
        }
        Some(Start::Date(d)) => {
            let full = format!("{}/{}/{}", d.year(), d.month(), d.day());
            if d.year() != today.year() && crate::text::width(&full) <= cols {
                full
            } else {
                format!("{}/{}", d.month(), d.day())
            }
        }
    }
}

/// Columns of the start: room for `2027/1` from 120 columns.
fn start_cols(w: u16) -> usize {
    if w >= 120 {
        7
    } else {
        5
    }
}

/// The queue's columns; narrow terminals drop the least needed first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Wait,
    Rank,
    Client,
    Title,
    Rate,
    Start,
    Remote,
    Status,
    Best,
    Pass,
}

impl Kind {
    fn header(self) -> S {
        match self {
            Kind::Wait => S::ColWaited,
            Kind::Rank => S::ColRank,
            Kind::Client => S::ColClient,
            Kind::Title => S::ColTitle,
            Kind::Rate => S::ColRate,
            Kind::Start => S::ColStart,
            Kind::Remote => S::ColRemote,
            Kind::Status => S::ColStatus,
            Kind::Best => S::ColBest,
            Kind::Pass => S::ColPassing,
        }
    }

    fn col(self, w: u16, lang: Lang) -> cells::Col {
        match self {
            Kind::Wait => right(4),
            Kind::Rank => fixed(2),
            Kind::Client => fixed(if w >= 100 { 16 } else { 10 }),
            Kind::Title => flex(16),
            Kind::Rate => right(if w >= 100 { 10 } else { 8 }),
            Kind::Start => fixed(start_cols(w)),
            Kind::Remote => fixed(4),
            Kind::Status => fixed(if lang == Lang::Ja { 6 } else { 9 }),
            Kind::Best => right(4),
            Kind::Pass => right(5),
        }
    }
}

fn kinds(w: u16) -> Vec<Kind> {
    use Kind::*;
    let mut k = vec![
        Wait, Rank, Client, Title, Rate, Start, Remote, Status, Best, Pass,
    ];
    // Dropped in this order as the width shrinks: remote, start, status, rank.
    let drops = [(72, Remote), (66, Start), (62, Status), (56, Rank)];
    for (min, kind) in drops {
        if w < min {
            k.retain(|x| *x != kind);
        }
    }
    k
}

pub fn draw(app: &App, f: &mut Frame, body: Rect) {
    let l = layout(app, body);
    let t = app.theme();
    let lang = app.lang();
    let q = &app.queue;
    let title = strings::queue_title(
        lang,
        q.rows.len(),
        q.sort.label().t(lang),
        q.filter.label().t(lang),
    );
    cells::put(
        f,
        l.title,
        0,
        cells::heading(&title, l.title.width as usize, t.section()),
    );
    let kinds = kinds(l.header.width);
    let cols: Vec<cells::Col> = kinds.iter().map(|k| k.col(l.header.width, lang)).collect();
    let w = cells::widths(&cols, l.header.width as usize);
    let mut head = RowLine::new(&cols, &w);
    for k in &kinds {
        head = head.cell(k.header().t(lang), t.header());
    }
    cells::put(f, l.header, 0, head.line());

    let h = l.rows.height as usize;
    let limit = app.env.dash.wait_limit_hours;
    for (n, idx) in q.list.visible(q.rows.len(), h).enumerate() {
        let Some(o) = q.rows.get(idx).and_then(|&i| app.data.openings.get(i)) else {
            continue;
        };
        let client = app.data.client_of(o);
        let late = o.status == OpeningStatus::New && (app.now - o.received_at).num_hours() >= limit;
        let stats = app.ranks.stats(o.id);
        let mut row = RowLine::new(&cols, &w);
        for k in &kinds {
            row = match k {
                Kind::Wait => row.cell(
                    &waited(o.received_at, app.now),
                    if late { t.alert() } else { t.base() },
                ),
                Kind::Rank => row.cell(
                    client.and_then(|c| c.rank).map_or("", |r| r.as_str()),
                    t.base(),
                ),
                Kind::Client => row.cell(client.map_or("", |c| c.name.as_str()), t.base()),
                Kind::Title => match app.unsigned_on(o.id) {
                    // An unsigned offer on the opening leads its title.
                    Some(fl) => {
                        let style = if fl.urgent { t.alert() } else { t.warn() };
                        let badge = strings::unsigned(lang, fl.days_to_start);
                        row.spans(vec![
                            Span::styled(
                                format!("‼{badge}"),
                                style.add_modifier(ratatui::style::Modifier::REVERSED),
                            ),
                            Span::styled(format!(" {}", cell(&o.title)), title_style(app, o)),
                        ])
                    }
                    None => row.cell(&o.title, title_style(app, o)),
                },
                Kind::Rate => row.cell(&rate_band(o.rate_min, o.rate_max), t.base()),
                Kind::Start => row.cell(
                    &short_start(o.start, app.today, lang, start_cols(l.header.width)),
                    t.base(),
                ),
                Kind::Remote => row.cell(short_remote(o.remote, lang), t.base()),
                Kind::Status => {
                    row.cell(strings::status(o.status, lang), status_style(app, o.status))
                }
                Kind::Best => match stats.and_then(|s| s.best) {
                    Some(b) => row.cell(&format!("{b:.0}"), t.score(b)),
                    None if stats.is_some() => row.cell("-", t.dim()),
                    None => row.cell("…", t.dim()),
                },
                Kind::Pass => match stats {
                    Some(s) if s.passing == 0 => row.cell("0", t.alert()),
                    Some(s) => row.cell(&s.passing.to_string(), t.base()),
                    None => row.cell("…", t.dim()),
                },
            };
        }
        cells::put(f, l.rows, n as u16, row.line());
        if idx == q.list.selected {
            cells::highlight(f, l.rows, n as u16, t.selected());
        }
    }
    if let Some(p) = l.preview {
        draw_preview(app, f, p);
    }
}

/// Remote in four columns: フル/一部/常駐, full/part/none.
fn short_remote(r: Option<Remote>, lang: Lang) -> &'static str {
    match (r, lang) {
        (Some(Remote::Full), Lang::En) => "full",
        (Some(Remote::Partial), Lang::En) => "part",
        (Some(Remote::None), Lang::En) => "none",
        (r, lang) => remote_label(r, lang),
    }
}

fn title_style(app: &App, o: &Opening) -> Style {
    if o.status == OpeningStatus::New {
        app.theme().header()
    } else {
        app.theme().base()
    }
}

pub fn status_style(app: &App, s: OpeningStatus) -> Style {
    let t = app.theme();
    match s {
        OpeningStatus::New => t.warn(),
        OpeningStatus::Proposed | OpeningStatus::Won => t.good(),
        OpeningStatus::Answered => t.base(),
        _ => t.dim(),
    }
}

/// The best few candidates of the selected opening: "who fits" without a key press.
fn draw_preview(app: &App, f: &mut Frame, area: Rect) {
    let t = app.theme();
    let lang = app.lang();
    let Some(id) = app.queue.selected_id(&app.data) else {
        return;
    };
    let Some(r) = app.ranking(id) else {
        cells::put(
            f,
            area,
            0,
            cells::heading(S::Ranking.t(lang), area.width as usize, t.dim()),
        );
        return;
    };
    let title = strings::preview_title(lang, id, r.matches);
    cells::put(
        f,
        area,
        0,
        cells::heading(&title, area.width as usize, t.section()),
    );
    // On the side pane, the best ten and then why the best one fits.
    let rows = if area.width >= 60 && area.height > 20 {
        10
    } else {
        area.height.saturating_sub(1) as usize
    };
    if r.candidates.is_empty() {
        let empty = if app.data.engineers().is_empty() {
            S::NoEngineersYet
        } else {
            S::NoCandidates
        };
        cells::put(f, area, 1, Line::styled(empty.t(lang), t.dim()));
        return;
    }
    let Some(o) = app.data.opening(id) else {
        return;
    };
    for (n, c) in r.candidates.iter().take(rows).enumerate() {
        let Some(e) = app.data.engineers().get(c.index) else {
            continue;
        };
        let line = candidate_row(app, o, n, e, c, area.width);
        cells::put(f, area, 1 + n as u16, line);
    }
    // On a tall side pane, the reasons of the best candidate follow.
    let shown = r.candidates.len().min(rows);
    let room = (area.height as usize).saturating_sub(shown + 2);
    if room >= 7 {
        if let Some(e) = r
            .candidates
            .first()
            .and_then(|c| app.data.engineers().get(c.index))
        {
            let y = area.y + 2 + shown as u16;
            let sub = Rect::new(area.x, y, area.width, room as u16);
            super::opening::draw_breakdown(app, f, sub, o, e, 0, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_next_year_fits_its_column_at_every_width() {
        let dec = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let jan = Some(Start::Month {
            year: 2027,
            month: 1,
        });
        for lang in [Lang::Ja, Lang::En] {
            for cols in [5, 7] {
                let s = short_start(jan, dec, lang, cols);
                assert!(crate::text::width(&s) <= cols, "{s} in {cols}");
                assert!(!s.contains('…'));
            }
        }
        assert_eq!(short_start(jan, dec, Lang::Ja, 7), "2027/1");
        assert_eq!(short_start(jan, dec, Lang::Ja, 5), "1月");
        assert_eq!(short_start(jan, dec, Lang::En, 5), "Jan");
        let d = Some(Start::Date(NaiveDate::from_ymd_opt(2027, 1, 15).unwrap()));
        assert_eq!(short_start(d, dec, Lang::En, 5), "1/15");
    }
}
