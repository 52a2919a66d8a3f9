//! The pipeline board: every proposal by stage, urgent first, with its flags, and
//! the selected one's details (partner and incidents, parallel proposals, notes).

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::pipeline::{Flags, PipelineItem, Stage};
use crate::present::affiliation_label;
use crate::text::cell;

use super::super::app::App;
use super::super::strings::{self, S};
use super::cells::{self, fixed, flex, right, RowLine};

pub struct PipelineLayout {
    pub title: Rect,
    pub header: Rect,
    pub rows: Rect,
    pub detail: Rect,
}

/// Lines under the table for the selected proposal: more on tall terminals, for the story.
fn detail_lines(body: Rect) -> u16 {
    if body.height >= 30 {
        8
    } else {
        4
    }
}

pub fn layout(body: Rect) -> PipelineLayout {
    let d = detail_lines(body).min(body.height.saturating_sub(4));
    let [title, header, rows] = cells::bars_over_rows(body, d);
    PipelineLayout {
        title,
        header,
        rows,
        detail: Rect::new(
            body.x,
            body.y + body.height.saturating_sub(d),
            body.width,
            d,
        ),
    }
}

/// With `client`, a client column even when narrow: rows of the same title otherwise
/// read the same.
fn cols(w: u16, client: bool) -> Vec<cells::Col> {
    let mut c = vec![right(4), flex(12)];
    if w >= 100 {
        c.push(fixed(14));
    } else if client {
        c.push(fixed(10));
    }
    c.extend([fixed(10), fixed(10), fixed(8), right(5), flex(12)]);
    c
}

/// The flags of a proposal as short coloured labels: unsigned (urgent in red), parallel,
/// an older revision, the partner's confirmation missing. `days` adds the days left.
pub fn flag_spans(app: &App, item: &PipelineItem, f: &Flags, days: bool) -> Vec<Span<'static>> {
    let t = app.theme();
    let lang = app.lang();
    let mut v = Vec::new();
    let mut push = |text: String, style: Style| {
        if !v.is_empty() {
            v.push(Span::raw(" "));
        }
        v.push(Span::styled(text, style));
    };
    if f.unsigned {
        let text = if days {
            strings::unsigned(lang, f.days_to_start)
        } else {
            S::Unsigned.t(lang).to_string()
        };
        let style = if f.urgent { t.alert() } else { t.warn() };
        push(
            format!("‼{text}"),
            style.add_modifier(ratatui::style::Modifier::REVERSED),
        );
    }
    if !f.parallel.is_empty() {
        push(strings::parallel(lang, f.parallel.len()), t.warn());
    }
    if let (Some(d), true) = (item.start_on, item.stage.is_open()) {
        push(strings::agreed_start(lang, d), t.base());
    }
    if f.outdated_revision {
        push(
            strings::old_revision(lang, item.revision, item.opening_revision),
            t.warn(),
        );
    }
    if let Some((rate, cap)) = f.rate_above_cap {
        push(strings::rate_above_cap(lang, rate, cap), t.alert());
    }
    if !f.musts_unmet.is_empty() {
        push(strings::musts_unmet(lang, &f.musts_unmet), t.alert());
    }
    if f.partner_unconfirmed {
        push(S::PartnerUnconfirmed.t(lang).to_string(), t.warn());
    }
    if item
        .partner_id
        .is_some_and(|p| app.data.incidents.contains_key(&p))
    {
        push(format!("⚠{}", S::Incident.t(lang)), t.alert());
    }
    v
}

fn stage_style(app: &App, s: Stage) -> Style {
    let t = app.theme();
    match s {
        Stage::Offered => t.warn(),
        Stage::Signed | Stage::Started => t.good(),
        s if s.is_final() => t.dim(),
        _ => t.base(),
    }
}

pub fn draw(app: &App, f: &mut Frame, body: Rect) {
    let t = app.theme();
    let lang = app.lang();
    let l = layout(body);
    let w = body.width;
    let unsigned = app.flags.iter().filter(|f| f.unsigned).count();
    let urgent = app.flags.iter().filter(|f| f.urgent).count();
    let title = strings::pipeline_title(lang, app.pipeline.rows.len(), unsigned, urgent);
    cells::put(
        f,
        l.title,
        0,
        cells::heading(&title, w as usize, t.section()),
    );
    let titles: Vec<&str> = app
        .pipeline
        .rows
        .iter()
        .filter_map(|&i| app.data.pipeline.get(i))
        .map(|p| p.opening_title.as_str())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort_unstable();
    let same_titles = sorted.windows(2).any(|w| w[0] == w[1]);
    let c = cols(w, same_titles);
    let ws = cells::widths(&c, w as usize);
    let mut head = RowLine::new(&c, &ws)
        .cell("#", t.header())
        .cell(S::ColOpening.t(lang), t.header());
    if c.len() == 8 {
        head = head.cell(S::ColClient.t(lang), t.header());
    }
    let head = head
        .cell(S::ColEngineer.t(lang), t.header())
        .cell(S::ColAffiliation.t(lang), t.header())
        .cell(S::ColStage.t(lang), t.header())
        .cell(S::ColToStart.t(lang), t.header())
        .cell(S::ColFlags.t(lang), t.header());
    cells::put(f, l.header, 0, head.line());
    if app.pipeline.rows.is_empty() {
        cells::put(f, l.rows, 0, Line::styled(S::NoProposals.t(lang), t.dim()));
        return;
    }
    let h = l.rows.height as usize;
    let list = app.pipeline.list;
    for (n, idx) in list.visible(app.pipeline.rows.len(), h).enumerate() {
        let i = app.pipeline.rows[idx];
        let (Some(p), Some(fl)) = (app.data.pipeline.get(i), app.flags.get(i)) else {
            continue;
        };
        let mut row = RowLine::new(&c, &ws)
            .cell(&p.id.to_string(), t.dim())
            .cell(&p.opening_title, t.base());
        if c.len() == 8 {
            row = row.cell(p.client.as_deref().unwrap_or("-"), t.base());
        }
        let days = fl
            .days_to_start
            .map(|d| format!("{d}{}", S::Days.t(lang)))
            .unwrap_or_else(|| "-".into());
        let day_style = if fl.urgent {
            t.alert()
        } else if fl.unsigned {
            t.warn()
        } else {
            t.base()
        };
        let row = row
            .cell(&p.engineer_name, t.base())
            .cell(
                &affiliation_label(p.affiliation.as_str(), p.depth, lang),
                t.base(),
            )
            .cell(p.stage.label(lang), stage_style(app, p.stage))
            .cell(&days, day_style)
            .spans(flag_spans(app, p, fl, false));
        cells::put(f, l.rows, n as u16, row.line());
        if idx == list.selected {
            cells::highlight(f, l.rows, n as u16, t.selected());
        }
    }
    if let Some(p) = app.selected_proposal() {
        draw_detail(app, f, l.detail, p);
    }
}

/// The selected proposal: opening and client, partner and incidents, parallel ids, notes.
fn draw_detail(app: &App, f: &mut Frame, area: Rect, p: &PipelineItem) {
    let t = app.theme();
    let lang = app.lang();
    let w = area.width as usize;
    let mut lines = vec![cells::heading(
        &format!(
            "#{} · {} · {}",
            p.id,
            cell(&p.engineer_name),
            cell(&p.opening_title)
        ),
        w,
        t.dim(),
    )];
    let fl = app
        .flagged(p.id)
        .map(|(_, f)| f.clone())
        .unwrap_or_default();
    let mut l1 = vec![Span::styled(
        format!(
            "{}: {}",
            S::Client.t(lang),
            cell(p.client.as_deref().unwrap_or("-"))
        ),
        t.base(),
    )];
    let flags = flag_spans(app, p, &fl, true);
    if !flags.is_empty() {
        l1.push(Span::raw("  "));
        l1.extend(flags);
    }
    if !fl.parallel.is_empty() {
        let ids: Vec<String> = fl.parallel.iter().map(|i| format!("#{i}")).collect();
        l1.push(Span::styled(format!(" ({})", ids.join(" ")), t.dim()));
    }
    lines.push(Line::from(l1));
    // The story: the rate, then each stage with its date and note, newest last.
    let events = app.data.events.get(&p.id).map_or(&[][..], Vec::as_slice);
    let rate = p.rate.map_or_else(|| "-".to_string(), |r| r.to_string());
    let tall = area.height > 4;
    let mut story = vec![Span::styled(
        format!("{} {rate}", S::ColRate.t(lang)),
        t.header(),
    )];
    let step = |e: &crate::store::StageEvent| {
        let mut s = format!("{} {}", e.at.format("%m/%d"), e.stage.label(lang));
        if !e.note.trim().is_empty() {
            s.push_str(&format!(" 「{}」", cell(e.note.trim())));
        }
        s
    };
    if tall {
        lines.push(Line::from(story));
        for e in events.iter().rev().take(4).rev() {
            lines.push(Line::styled(format!("  {}", step(e)), t.base()));
        }
    } else {
        for e in events {
            story.push(Span::styled(format!(" → {}", step(e)), t.base()));
        }
        lines.push(Line::from(story));
    }
    if let Some(pid) = p.partner_id {
        let name = cell(p.partner.as_deref().unwrap_or("-"));
        let mut spans = vec![Span::styled(
            format!("{}: {name}", S::Partner.t(lang)),
            t.base(),
        )];
        for i in app.data.incidents.get(&pid).into_iter().flatten() {
            spans.push(Span::styled(
                format!("  ⚠ {} {}", i.at.format("%Y-%m-%d"), cell(&i.text)),
                t.alert(),
            ));
        }
        lines.push(Line::from(spans));
    }
    if !p.notes.trim().is_empty() && events.is_empty() {
        lines.push(Line::styled(
            format!("{}: {}", S::Notes.t(lang), cell(&p.notes)),
            t.dim(),
        ));
    }
    for (n, line) in lines.into_iter().take(area.height as usize).enumerate() {
        cells::put(f, area, n as u16, line);
    }
}
