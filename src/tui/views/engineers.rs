//! Engineers: the pool as a list, and one engineer's sheet (skills, money, history).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::domain::Engineer;
use crate::present::{affiliation_label, remote_label, top_skills};
use crate::text::cell;

use super::super::app::App;
use super::super::state::Pane;
use super::super::strings::{self, S};
use super::cells::{self, fixed, flex, right, RowLine};
use super::WIDE;

pub struct EngineersLayout {
    pub title: Rect,
    pub header: Rect,
    pub list: Rect,
    /// Title row included.
    pub detail: Option<Rect>,
}

/// Width of the list when the sheet sits beside it.
const LIST: u16 = 84;

pub fn layout(app: &App, body: Rect) -> EngineersLayout {
    let (list_area, detail) = if app.engineers.zoom && body.width < WIDE {
        (Rect::new(body.x, body.y, body.width, 0), Some(body))
    } else if body.width >= WIDE {
        let l = Rect::new(body.x, body.y, LIST, body.height);
        let d = Rect::new(
            body.x + LIST + 1,
            body.y,
            body.width - LIST - 1,
            body.height,
        );
        (l, Some(d))
    } else {
        let top = (body.height / 2).max(5).min(body.height);
        let l = Rect::new(body.x, body.y, body.width, top);
        let d = Rect::new(body.x, body.y + top, body.width, body.height - top);
        (l, Some(d))
    };
    let one = |y: u16, h: u16| Rect::new(list_area.x, y, list_area.width, h);
    EngineersLayout {
        title: one(list_area.y, 1.min(list_area.height)),
        header: one(list_area.y + 1, 1.min(list_area.height.saturating_sub(1))),
        list: one(list_area.y + 2, list_area.height.saturating_sub(2)),
        detail: detail.filter(|d| d.height > 0),
    }
}

fn columns() -> Vec<cells::Col> {
    vec![
        right(6),
        fixed(13),
        fixed(12),
        fixed(8),
        fixed(6),
        right(5),
        flex(10),
    ]
}

pub fn draw(app: &App, f: &mut Frame, body: Rect) {
    let t = app.theme();
    let lang = app.lang();
    let l = layout(app, body);
    let st = &app.engineers;
    if l.list.height > 0 {
        let focus = if st.focus == Pane::List {
            t.section()
        } else {
            t.dim()
        };
        let title = strings::engineers_title(lang, app.data.engineers().len());
        cells::put(
            f,
            l.title,
            0,
            cells::heading(&title, l.title.width as usize, focus),
        );
        let cols = columns();
        let w = cells::widths(&cols, l.header.width as usize);
        let head = RowLine::new(&cols, &w)
            .cell("#", t.header())
            .cell(S::ColName.t(lang), t.header())
            .cell(S::ColAffiliation.t(lang), t.header())
            .cell(S::ColStation.t(lang), t.header())
            .cell(S::ColFree.t(lang), t.header())
            .cell(S::ColRate.t(lang), t.header())
            .cell(S::ColSkills.t(lang), t.header())
            .line();
        cells::put(f, l.header, 0, head);
        let h = l.list.height as usize;
        let n_all = app.data.engineers().len();
        for (n, idx) in st.list.visible(n_all, h).enumerate() {
            let e = &app.data.engineers()[idx];
            let row = RowLine::new(&cols, &w)
                .cell(&e.id.to_string(), t.dim())
                .spans(super::name_spans(app, e))
                .cell(
                    &affiliation_label(e.affiliation.as_str(), e.depth, lang),
                    t.base(),
                )
                .cell(e.station.as_deref().unwrap_or("-"), t.base())
                .cell(&super::opening::free_label(app, e), t.base())
                .cell(&e.rate.map(|r| r.to_string()).unwrap_or_default(), t.base())
                .cell(&top_skills(e, app.env.tax, 4), t.dim())
                .line();
            cells::put(f, l.list, n as u16, row);
            if idx == st.list.selected {
                let s = if st.focus == Pane::List && !st.zoom {
                    t.selected()
                } else {
                    t.selected_dim()
                };
                cells::highlight(f, l.list, n as u16, s);
            }
        }
    }
    if let (Some(d), Some(e)) = (l.detail, app.selected_engineer()) {
        let focused = st.zoom || st.focus == Pane::Detail;
        draw_sheet(app, f, d, e, focused);
    }
}

fn kv(label: S, value: String, app: &App) -> Vec<Span<'static>> {
    vec![
        Span::styled(format!("{} ", label.t(app.lang())), app.theme().dim()),
        Span::raw(cell(&value)),
    ]
}

/// One engineer's sheet: what a rep reads before proposing.
fn draw_sheet(app: &App, f: &mut Frame, area: Rect, e: &Engineer, focused: bool) {
    let t = app.theme();
    // The initials a pitch would print; never kanji ones (`山.太.`): the checks ask for a reading.
    let head = match crate::pipeline::pitch::romanised_initials(e) {
        Some(i) => format!("#{} {} ({})", e.id, cell(&e.name), cell(&i)),
        None => format!("#{} {}", e.id, cell(&e.name)),
    };
    let style = if focused { t.section() } else { t.dim() };
    cells::put(
        f,
        area,
        0,
        cells::heading(&head, area.width as usize, style),
    );
    let lines = sheet_lines(app, e, area.width);
    cells::scrolled(
        f,
        super::opening::inner(area),
        lines,
        app.engineers.detail_scroll,
    );
}

/// The sheet's lines for a pane `w` columns wide (also used to bound scrolling).
pub fn sheet_lines(app: &App, e: &Engineer, w: u16) -> Vec<Line<'static>> {
    let t = app.theme();
    let lang = app.lang();
    let sep = || Span::styled(" · ", t.dim());
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut l1 = kv(
        S::AffiliationLabel,
        affiliation_label(e.affiliation.as_str(), e.depth, lang),
        app,
    );
    l1.push(sep());
    l1.extend(kv(S::Depth, e.depth.to_string(), app));
    if let Some(p) = app.data.partner_of(e) {
        l1.push(sep());
        l1.extend(kv(S::Partner, p.to_string(), app));
    }
    lines.push(Line::from(l1));
    // Partner engineers offered by mail: when, and whether that is too long ago.
    if let Some(at) = e.last_offered {
        let mut l = kv(S::LastOffered, at.format("%Y-%m-%d").to_string(), app);
        if app.is_stale(e) {
            l.push(Span::styled(format!(" {}", S::StaleMark.t(lang)), t.warn()));
        }
        lines.push(Line::from(l));
    }
    // A partner's incidents stand beside every one of its engineers.
    for i in e
        .partner_id
        .and_then(|p| app.data.incidents.get(&p))
        .into_iter()
        .flatten()
    {
        lines.push(Line::styled(
            format!(
                "  ⚠ {} {}: {}",
                S::Incident.t(lang),
                i.at.format("%Y-%m-%d"),
                cell(&i.text)
            ),
            t.alert(),
        ));
    }
    let mut l2 = kv(
        S::Station,
        e.station.clone().unwrap_or_else(|| "-".into()),
        app,
    );
    l2.push(sep());
    l2.extend(kv(
        S::RemoteWish,
        remote_label(e.remote_pref, lang).into(),
        app,
    ));
    lines.push(Line::from(l2));
    // Age and nationality on their own line, so a narrow sheet pane does not clip them.
    let foreign = match e.foreign {
        Some(true) => S::ForeignYes,
        Some(false) => S::ForeignNo,
        None => S::Unknown,
    };
    let mut person = kv(S::Nationality, foreign.t(lang).into(), app);
    if let Some(a) = &e.age_band {
        person.push(sep());
        person.extend(kv(S::AgeBand, a.clone(), app));
    }
    if let Some(j) = &e.japanese_level {
        person.push(sep());
        person.extend(kv(S::JapaneseLabel, cell(j), app));
    }
    lines.push(Line::from(person));
    // What the engineer will not take, and how they are employed at the partner.
    if !e.ng.is_empty() || e.employment.is_some() {
        let mut l = Vec::new();
        if let Some(x) = e.employment {
            let v = if lang == crate::i18n::Lang::Ja {
                x.label_ja()
            } else {
                x.as_str()
            };
            l.extend(kv(S::EmploymentLabel, v.to_string(), app));
        }
        if !e.ng.is_empty() {
            if !l.is_empty() {
                l.push(sep());
            }
            l.push(Span::styled(format!("{}: ", S::NgLabel.t(lang)), t.warn()));
            l.push(Span::styled(cell(&e.ng.join("、")), t.warn()));
        }
        lines.push(Line::from(l));
    }
    let mut l3 = kv(
        S::FreeFrom,
        match e.available_from {
            // Booked with no end: say so rather than print the far-off date.
            Some(crate::pipeline::booking::NEVER) => S::BookedOpen.t(lang).to_string(),
            Some(d) => d.to_string(),
            None => "?".into(),
        },
        app,
    );
    if let Some(c) = e.availability_confirmed {
        l3.push(Span::styled(
            format!(" ({} {c})", S::Confirmed.t(lang)),
            t.dim(),
        ));
    }
    lines.push(Line::from(l3));
    let money = |m: Option<crate::domain::Man>| m.map_or_else(|| "-".into(), |m| m.to_string());
    let mut l4 = kv(S::Asking, money(e.rate), app);
    l4.push(sep());
    l4.extend(kv(S::Cost, money(e.cost), app));
    lines.push(Line::from(l4));
    lines.push(Line::styled(S::Skills.t(lang).to_string(), t.header()));
    let mut skills: Vec<_> = e.skills.iter().collect();
    skills.sort_by(|a, b| b.years.total_cmp(&a.years).then(a.skill.cmp(&b.skill)));
    let per_row = ((w as usize).saturating_sub(2) / 24).max(1);
    for chunk in skills.chunks(per_row) {
        let mut spans = vec![Span::raw("  ")];
        for s in chunk {
            let years = if lang == crate::i18n::Lang::Ja {
                format!("{}年", s.years)
            } else {
                format!("{}y", s.years)
            };
            spans.push(Span::raw(crate::text::pad(
                &cell(app.env.tax.name(s.skill)),
                16,
            )));
            spans.push(Span::styled(crate::text::pad_left(&years, 6), t.dim()));
            spans.push(Span::raw("  "));
        }
        lines.push(Line::from(spans));
    }
    // Skills the taxonomy does not know (MuleSoft, バックオフィス): kept as written, shown too.
    if !e.other_skills.is_empty() {
        let list = e
            .other_skills
            .iter()
            .map(|(n, y)| {
                if *y > 0.0 {
                    format!("{} {y}", cell(n))
                } else {
                    cell(n)
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        for l in cells::wrap(
            &format!("{list} ({})", S::OutsideTaxonomy.t(lang)),
            (w as usize).saturating_sub(2),
        ) {
            lines.push(Line::raw(format!("  {l}")));
        }
    }
    lines.push(Line::styled(S::Assignments.t(lang).to_string(), t.header()));
    match &app.engineers.assignments {
        Some((id, list)) if *id == e.id => {
            if list.is_empty() {
                lines.push(Line::styled(format!("  {}", S::None.t(lang)), t.dim()));
            }
            let booked = app.data.bookings.of(e.id);
            for (a, client) in list {
                let mut text = format!(
                    "  {} – {}  {}",
                    a.from,
                    a.to.map_or_else(|| "…".into(), |d| d.to_string()),
                    cell(client.as_deref().unwrap_or("-"))
                );
                // The opening a signed proposal booked it for.
                if let Some(o) = booked
                    .iter()
                    .find(|b| b.assignment_id == a.id)
                    .and_then(|b| b.opening_id)
                {
                    text.push_str(&format!("  #{o}"));
                }
                lines.push(Line::raw(text));
            }
        }
        _ => lines.push(Line::styled(format!("  {}", S::Loading.t(lang)), t.dim())),
    }
    lines.push(Line::styled(S::Proposals.t(lang).to_string(), t.header()));
    let mut any = false;
    for p in app.data.proposals_of(e.id) {
        any = true;
        let title = app
            .data
            .opening(p.opening_id)
            .map_or("", |o| o.title.as_str());
        let mut spans = vec![Span::raw(format!(
            "  #{} {}  {}  {}",
            p.opening_id,
            cell(title),
            crate::pipeline::Stage::parse(&p.stage)
                .map_or_else(|_| cell(&p.stage), |s| s.label(lang).to_string()),
            p.created_at.format("%Y-%m-%d")
        ))];
        if let Some((item, fl)) = app.flagged(p.id) {
            let flags = super::pipeline::flag_spans(app, item, fl, true);
            if !flags.is_empty() {
                spans.push(Span::raw("  "));
                spans.extend(flags);
            }
        }
        lines.push(Line::from(spans));
    }
    if !any {
        lines.push(Line::styled(format!("  {}", S::None.t(lang)), t.dim()));
    }
    if !e.notes.trim().is_empty() {
        lines.push(Line::styled(S::Notes.t(lang).to_string(), t.header()));
        for l in cells::wrap(
            &crate::text::sanitize(&e.notes, true),
            (w as usize).saturating_sub(2),
        ) {
            lines.push(Line::raw(format!("  {l}")));
        }
    }
    lines
}
