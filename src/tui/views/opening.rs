//! One opening: its fields and limits, the ranked candidates, and why each scored.

use chrono::Datelike;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::domain::{Engineer, Opening, OpeningStatus, Remote};
use crate::present::{affiliation_label, factor_label, rate_band, start_label, waited};
use crate::score::{self, Check, Checks};
use crate::text::{cell, width};

use super::super::app::App;
use super::super::state::Pane;
use super::super::strings::{self, S};
use super::cells::{self, fixed, flex, right, RowLine};
use super::WIDE;

pub struct OpeningLayout {
    pub fields: Rect,
    pub list_title: Rect,
    pub list: Rect,
    /// The factor breakdown, title row included.
    pub detail: Option<Rect>,
    /// The raw posting text, title row included.
    pub raw: Option<Rect>,
}

const FIELDS: u16 = 4;
/// Width of the candidate column when panes sit side by side.
const LEFT: u16 = 66;

fn split_v(r: Rect, top: u16) -> (Rect, Rect) {
    let top = top.min(r.height);
    (
        Rect::new(r.x, r.y, r.width, top),
        Rect::new(r.x, r.y + top, r.width, r.height - top),
    )
}

fn split_h(r: Rect, left: u16) -> (Rect, Rect) {
    let left = left.min(r.width);
    (
        Rect::new(r.x, r.y, left, r.height),
        Rect::new(
            r.x + left + 1,
            r.y,
            r.width.saturating_sub(left + 1),
            r.height,
        ),
    )
}

pub fn layout(app: &App, body: Rect) -> OpeningLayout {
    let (fields, rest) = split_v(body, FIELDS);
    let raw_on = app.opening.show_raw;
    let (list_area, detail, raw) = if body.width >= WIDE {
        let (left, right) = split_h(rest, LEFT);
        if raw_on {
            let (l, d) = split_v(left, left.height * 11 / 20);
            (l, Some(d), Some(right))
        } else {
            (left, Some(right), None)
        }
    } else if raw_on {
        let (l, r) = split_v(rest, (rest.height * 2 / 5).max(4));
        (l, None, Some(r))
    } else {
        let (l, d) = split_v(rest, (rest.height * 9 / 20).max(4));
        (l, Some(d), None)
    };
    let (list_title, list) = split_v(list_area, 1);
    OpeningLayout {
        fields,
        list_title,
        list,
        detail,
        raw,
    }
}

fn yes_no(v: Option<bool>) -> S {
    match v {
        Some(true) => S::Yes,
        Some(false) => S::No,
        None => S::Unknown,
    }
}

fn depth_text(o: &Opening, lang: crate::i18n::Lang) -> String {
    let ja = lang == crate::i18n::Lang::Ja;
    match (o.max_depth, ja) {
        (None, _) => S::Any.t(lang).to_string(),
        (Some(0), true) => "貴社社員まで".into(),
        (Some(d), true) => format!("{d}社先まで"),
        (Some(0), false) => "own staff only".into(),
        (Some(d), false) => format!("≤ {d} deep"),
    }
}

/// The opening's fields and hard limits, four lines.
fn draw_fields(app: &App, f: &mut Frame, area: Rect, o: &Opening) {
    let t = app.theme();
    let lang = app.lang();
    let sep = || Span::styled(" · ", t.dim());
    let label = |s: S| Span::styled(format!("{} ", s.t(lang)), t.dim());
    let client = app.data.client_of(o);
    let late = o.status == OpeningStatus::New
        && (app.now - o.received_at).num_hours() >= app.env.dash.wait_limit_hours;
    let mut l1 = vec![
        Span::styled(format!("#{} ", o.id), t.dim()),
        Span::styled(cell(&o.title), t.header()),
        Span::raw("  "),
        Span::styled(
            format!("[{}]", strings::status(o.status, lang)),
            super::queue::status_style(app, o.status),
        ),
        Span::raw(" "),
        label(S::Received),
        Span::styled(
            waited(o.received_at, app.now),
            if late { t.alert() } else { t.base() },
        ),
    ];
    if let Some(n) = o.interviews {
        l1.extend([sep(), label(S::Interviews), Span::raw(n.to_string())]);
    }
    if o.revision > 1 {
        l1.extend([
            sep(),
            Span::styled(strings::revision_label(lang, o.revision), t.warn()),
            Span::styled(" (H)", t.dim()),
        ]);
    }
    let mut l2 = vec![
        label(S::Client),
        Span::raw(cell(client.map_or("-", |c| c.name.as_str()))),
    ];
    if let Some(r) = client.and_then(|c| c.rank) {
        l2.push(Span::raw(format!(" ({})", r.as_str())));
    }
    // The partner that sent it, when it is not the client named above.
    if let Some(sender) = o
        .sender
        .as_deref()
        .filter(|s| client.is_none_or(|c| !crate::domain::company::same(&c.name, s)))
    {
        l2.extend([sep(), label(S::SentBy), Span::raw(cell(sender))]);
    }
    l2.extend([
        sep(),
        label(S::Rate),
        // No rate stated is said once, here, not on every candidate's rate line.
        Span::raw(match (o.rate_min, o.rate_max) {
            (None, None) if app.lang() == crate::i18n::Lang::Ja => "単価記載なし".to_string(),
            (None, None) => "not stated (単価記載なし)".to_string(),
            (a, b) => rate_band(a, b),
        }),
    ]);
    if let (Some(a), Some(b)) = (o.settle_min_h, o.settle_max_h) {
        l2.push(Span::styled(format!(" ({a}-{b}h)"), t.dim()));
    }
    l2.extend([
        sep(),
        label(S::Start),
        Span::raw(start_label(o.start, lang)),
    ]);
    if let Some(d) = &o.duration {
        l2.extend([Span::raw("〜"), Span::raw(cell(d))]);
    }
    let mut l3 = vec![
        label(S::Location),
        Span::raw(cell(o.location.as_deref().unwrap_or("-"))),
        Span::raw(match o.remote {
            Some(Remote::Full) => format!(" {}", S::RemoteFull.t(lang)),
            Some(Remote::Partial) => format!(" {}", S::RemotePartial.t(lang)),
            Some(Remote::None) => format!(" {}", S::RemoteNone.t(lang)),
            None => String::new(),
        }),
        sep(),
        Span::styled(format!("{} ", S::Limits.t(lang)), t.warn()),
        label(S::Depth),
        Span::raw(depth_text(o, lang)),
        sep(),
        label(S::Freelancer),
        Span::raw(yes_no(o.freelancer_ok).t(lang)),
        sep(),
        label(S::Foreign),
        Span::raw(yes_no(o.foreign_ok).t(lang)),
    ];
    if o.depth_with_fee.is_some() {
        l3.push(Span::styled(" (+fee)", t.dim()));
    }
    let or_none = |v: String| {
        if v.is_empty() {
            S::None.t(lang).to_string()
        } else {
            v
        }
    };
    let l4 = vec![
        Span::styled(format!("{} ", S::Must.t(lang)), t.warn()),
        Span::raw(cell(&or_none(crate::present::must_label(
            &o.requirements.must,
            lang,
        )))),
        sep(),
        label(S::Nice),
        Span::raw(cell(&or_none(crate::present::nice_label(
            &o.requirements.nice,
            lang,
        )))),
    ];
    for (i, l) in [
        Line::from(l1),
        Line::from(l2),
        Line::from(l3),
        Line::from(l4),
    ]
    .into_iter()
    .enumerate()
    {
        cells::put(f, area, i as u16, l);
    }
}

fn short_date(d: chrono::NaiveDate) -> String {
    format!("{}/{}", d.month(), d.day())
}

/// When an engineer is free, as a column: `待機` if already, else `4/1`.
pub fn free_label(app: &App, e: &Engineer) -> String {
    match e.available_from {
        Some(crate::pipeline::booking::NEVER) => S::Booked.t(app.lang()).into(),
        Some(d) if d <= app.today => {
            crate::present::free_kind_label(crate::store::FreeKind::Bench, app.lang()).into()
        }
        Some(d) => short_date(d),
        None => "?".into(),
    }
}

fn candidate_cols(w: u16) -> Vec<cells::Col> {
    let bar = if w >= 64 { 10 } else { 6 };
    let mut cols = vec![
        right(3),
        flex(12),
        fixed(12),
        right(3),
        fixed(bar),
        fixed(6),
        right(5),
    ];
    if w >= 72 {
        cols.push(fixed(8));
    }
    cols.push(fixed(2));
    cols
}

/// One ranked candidate: rank, name, affiliation, score with bar, free, asking rate, marks.
pub fn candidate_row(
    app: &App,
    o: &Opening,
    n: usize,
    e: &Engineer,
    c: &score::Ranked,
    w: u16,
) -> Line<'static> {
    let (score, reviews, tier) = (c.score, c.reviews, c.tier);
    let t = app.theme();
    let cols = candidate_cols(w);
    let ws = cells::widths(&cols, w as usize);
    let proposed = app.data.proposed_for(o.id).any(|p| p.engineer_id == e.id);
    let mut marks = Vec::new();
    // 要相談 rows follow the matches; `?` says "ask the client first". Booked or held
    // elsewhere is a check by hand too: never silently free.
    let mut why = None;
    if tier == score::Tier::Consider {
        marks.push(Span::styled("?", t.warn()));
        // Why 要相談, in a word per question: the limit to ask about, else the skills.
        let asks: Vec<&str> = reviews
            .iter()
            .filter(|c| c.asks_client())
            .map(|c| check_label(c).t(app.lang()))
            .collect();
        why = Some(if asks.is_empty() {
            S::MustInPart.t(app.lang()).to_string()
        } else {
            asks.join("・")
        });
    } else if !reviews.is_empty() || app.data.bookings.has_note(e.id, o.id, app.today) {
        marks.push(Span::styled("!", t.warn()));
    }
    if proposed {
        marks.push(Span::styled("✓", t.good()));
    }
    // A proposed candidate carries its flags after the name: an unsigned offer stands out.
    let mut name = vec![Span::raw(crate::text::cell(&e.name))];
    if let Some(why) = why {
        name.push(Span::styled(format!(" ({why})"), t.warn()));
    }
    // In front, so a long name or flags cannot push it out of the column.
    if reviews.contains(Check::Stale) {
        name.insert(
            0,
            Span::styled(format!("{} ", S::StaleMark.t(app.lang())), t.warn()),
        );
    }
    if let Some((item, fl)) = app.flagged_for(o.id, e.id) {
        let flags = super::pipeline::flag_spans(app, item, fl, false);
        if fl.unsigned {
            name.insert(0, Span::raw(" "));
            name.insert(0, flags[0].clone());
            name.extend(
                flags
                    .into_iter()
                    .skip(1)
                    .map(|s| Span::styled(format!(" {}", s.content), s.style)),
            );
            if let Some(d) = fl.days_to_start {
                let style = if fl.urgent { t.alert() } else { t.warn() };
                name.insert(
                    1,
                    Span::styled(format!("{d}{}", S::Days.t(app.lang())), style),
                );
            }
        } else {
            name.extend(
                flags
                    .into_iter()
                    .map(|s| Span::styled(format!(" {}", s.content), s.style)),
            );
        }
    }
    let row = RowLine::new(&cols, &ws)
        .cell(&(n + 1).to_string(), t.dim())
        .spans(name)
        .cell(
            &affiliation_label(e.affiliation.as_str(), e.depth, app.lang()),
            t.base(),
        )
        .cell(&format!("{score:.0}"), t.score(score))
        .spans(vec![Span::styled(
            cells::bar(score, 100.0, ws[4]),
            t.score(score),
        )])
        .cell(&free_label(app, e), t.base())
        .cell(&e.rate.map(|r| r.to_string()).unwrap_or_default(), t.base());
    let row = if cols.len() == 9 {
        row.cell(e.station.as_deref().unwrap_or("-"), t.dim())
    } else {
        row
    };
    row.spans(marks).line()
}

fn check_label(c: Check) -> S {
    match c {
        Check::Depth => S::CheckDepth,
        Check::Freelancer => S::CheckFreelancer,
        Check::Nationality => S::CheckNationality,
        Check::Availability | Check::Start => S::CheckAvailability,
        Check::Margin => S::CheckMargin,
        Check::Stale => S::CheckStale,
        Check::Age => S::CheckAge,
        Check::Japanese => S::CheckJapanese,
        Check::Distance => S::CheckDistance,
        Check::Ng => S::CheckNg,
        Check::Skills => S::CheckSkills,
        Check::Employment => S::CheckEmployment,
        Check::Language => S::CheckLanguage,
        Check::Questions => S::CheckQuestions,
    }
}

/// An excluded engineer with the limits broken, read out in full when there is room.
fn excluded_row(app: &App, o: &Opening, e: &Engineer, fails: Checks, w: u16) -> Line<'static> {
    let t = app.theme();
    let cols = [fixed(13), fixed(12), flex(12)];
    let ws = cells::widths(&cols, w as usize);
    let lang = app.lang();
    let why: Vec<String> = if ws[2] >= 24 {
        score::explain(o, e, app.today, &app.env.cfg, app.env.places)
            .reasons
            .iter()
            .map(|r| r.render(lang, app.env.tax))
            .collect()
    } else {
        fails
            .iter()
            .map(|c| check_label(c).t(lang).to_string())
            .collect()
    };
    RowLine::new(&cols, &ws)
        .cell(&e.name, t.base())
        .cell(
            &affiliation_label(e.affiliation.as_str(), e.depth, app.lang()),
            t.base(),
        )
        .cell(&why.join("; "), t.alert())
        .line()
}

pub fn draw(app: &App, f: &mut Frame, body: Rect) {
    let Some(o) = app.current_opening() else {
        return;
    };
    let t = app.theme();
    let lang = app.lang();
    let l = layout(app, body);
    draw_fields(app, f, l.fields, o);
    let Some(r) = app.ranking(o.id) else {
        cells::put(f, l.list, 0, Line::styled(S::Ranking.t(lang), t.dim()));
        return;
    };
    let focus = app.opening.focus;
    let title_style = |p: Pane| if focus == p { t.section() } else { t.dim() };
    let w = l.list.width;
    let h = l.list.height as usize;
    let sel_style = if focus == Pane::List {
        t.selected()
    } else {
        t.selected_dim()
    };
    let selected_engineer = if app.opening.show_rotation {
        let rot = app.rotation(o);
        let title = strings::rotation_title(lang, rot.len());
        cells::put(
            f,
            l.list_title,
            0,
            cells::heading(&title, w as usize, title_style(Pane::List)),
        );
        if rot.is_empty() {
            cells::put(f, l.list, 0, Line::styled(S::NoRotation.t(lang), t.dim()));
        }
        let list = app.opening.rotation;
        for (n, idx) in list.visible(rot.len(), h).enumerate() {
            let (r, client) = &rot[idx];
            if let Some(text) = rotation_text(app, r, client.as_deref()) {
                cells::put(
                    f,
                    l.list,
                    n as u16,
                    Line::from(crate::text::truncate(&text, w as usize)),
                );
                if idx == list.selected {
                    cells::highlight(f, l.list, n as u16, sel_style);
                }
            }
        }
        rot.get(list.selected)
            .and_then(|(r, _)| app.data.engineers().get(r.index))
    } else if app.opening.show_excluded {
        let title = strings::excluded_title(lang, r.excluded.len());
        cells::put(
            f,
            l.list_title,
            0,
            cells::heading(&title, w as usize, title_style(Pane::List)),
        );
        if r.excluded.is_empty() {
            cells::put(f, l.list, 0, Line::styled(S::NoExcluded.t(lang), t.dim()));
        }
        let list = app.opening.excluded;
        for (n, idx) in list.visible(r.excluded.len(), h).enumerate() {
            let (i, fails) = r.excluded[idx];
            if let Some(e) = app.data.engineers().get(i) {
                cells::put(f, l.list, n as u16, excluded_row(app, o, e, fails, w));
                if idx == list.selected {
                    cells::highlight(f, l.list, n as u16, sel_style);
                }
            }
        }
        r.excluded
            .get(list.selected)
            .and_then(|(i, _)| app.data.engineers().get(*i))
    } else {
        let title = strings::candidates_title(
            lang,
            r.candidates.len(),
            r.matches,
            r.passing - r.matches,
            r.excluded.len(),
        );
        cells::put(
            f,
            l.list_title,
            0,
            cells::heading(&title, w as usize, title_style(Pane::List)),
        );
        if r.candidates.is_empty() {
            let empty = if app.data.engineers().is_empty() {
                S::NoEngineersYet
            } else {
                S::NoCandidates
            };
            cells::put(f, l.list, 0, Line::styled(empty.t(lang), t.dim()));
        }
        let list = app.opening.list;
        // 要相談 under its own heading row, with the count in all (the list keeps the best few).
        let first_consider = r
            .candidates
            .iter()
            .position(|c| c.tier == score::Tier::Consider);
        let mut rows = list.visible(r.candidates.len(), h);
        let heading_at = first_consider.filter(|i| rows.contains(i));
        if heading_at.is_some() && rows.len() >= h && !rows.is_empty() {
            // The heading takes a row: drop the one farthest from the selection.
            rows = if list.selected + 1 == rows.end {
                rows.start + 1..rows.end
            } else {
                rows.start..rows.end - 1
            };
        }
        let mut n = 0u16;
        for idx in rows {
            let c = r.candidates[idx];
            if Some(idx) == first_consider {
                let shown = r.candidates.len() - idx;
                let heading = strings::consider_heading(lang, shown, r.passing - r.matches);
                cells::put(f, l.list, n, cells::heading(&heading, w as usize, t.warn()));
                n += 1;
            }
            if let Some(e) = app.data.engineers().get(c.index) {
                cells::put(f, l.list, n, candidate_row(app, o, idx, e, &c, w));
                if idx == list.selected {
                    cells::highlight(f, l.list, n, sel_style);
                }
            }
            n += 1;
        }
        draw_rotation(app, f, l.list, o, r.candidates.len());
        r.candidates
            .get(list.selected)
            .and_then(|c| app.data.engineers().get(c.index))
    };
    if let (Some(d), Some(e)) = (l.detail, selected_engineer) {
        draw_breakdown(
            app,
            f,
            d,
            o,
            e,
            app.opening.detail_scroll,
            focus == Pane::Detail,
        );
    }
    if let Some(raw) = l.raw {
        draw_raw(app, f, raw, o, focus == Pane::Raw);
    }
}

/// One rotation row in words; `None` when its engineer is gone from the loaded data.
fn rotation_text(app: &App, r: &crate::score::Rotation, client: Option<&str>) -> Option<String> {
    let e = app.data.engineers().get(r.index)?;
    Some(strings::rotation_row(
        app.lang(),
        &e.name,
        r.score,
        client,
        r.since,
        r.days_on_site,
    ))
}

/// Own staff on open-ended assignments who could rotate in (要調整), under the candidates
/// when the list has room: the same group `rank --rotation` prints.
fn draw_rotation(app: &App, f: &mut Frame, area: Rect, o: &Opening, used: usize) {
    let rot = app.rotation(o);
    let top = used as u16 + 1;
    if rot.is_empty() || top + 1 >= area.height {
        return;
    }
    let t = app.theme();
    let lang = app.lang();
    let w = area.width as usize;
    let title = strings::rotation_title(lang, rot.len());
    cells::put(f, area, top, cells::heading(&title, w, t.dim()));
    for (n, (r, client)) in rot.iter().enumerate() {
        let row = top + 1 + n as u16;
        if row >= area.height {
            break;
        }
        let Some(text) = rotation_text(app, r, client.as_deref()) else {
            continue;
        };
        cells::put(
            f,
            area,
            row,
            Line::from(format!(
                "  {}",
                crate::text::truncate(&text, w.saturating_sub(2))
            )),
        );
    }
}

/// Why one engineer scored what they did: every factor with its reason, then the checks.
pub fn draw_breakdown(
    app: &App,
    f: &mut Frame,
    area: Rect,
    o: &Opening,
    e: &Engineer,
    scroll: usize,
    focused: bool,
) {
    let t = app.theme();
    let (title, lines) = breakdown(app, o, e, area.width);
    let style = if focused { t.section() } else { t.dim() };
    cells::put(
        f,
        area,
        0,
        cells::heading(&title, area.width as usize, style),
    );
    cells::scrolled(f, inner(area), lines, scroll);
}

/// The pane below a one-row title.
pub fn inner(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    )
}

/// The breakdown's title and lines for a pane `w` columns wide (also used to bound scrolling).
pub fn breakdown(app: &App, o: &Opening, e: &Engineer, w: u16) -> (String, Vec<Line<'static>>) {
    let t = app.theme();
    let lang = app.lang();
    let x = score::explain(o, e, app.today, &app.env.cfg, app.env.places);
    let title = strings::breakdown_title(lang, &cell(&e.name), x.score);
    let label_w = if lang == crate::i18n::Lang::Ja { 4 } else { 9 };
    let lead = label_w + 1 + 5 + 1 + 5 + 1;
    let text_w = (w as usize).saturating_sub(lead).max(10);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut push_wrapped = |first: Vec<Span<'static>>, text: &str, style: Style| {
        let parts = cells::wrap(&cell(text), text_w);
        for (i, p) in parts.into_iter().enumerate() {
            let mut spans = if i == 0 {
                first.clone()
            } else {
                vec![Span::raw(" ".repeat(lead))]
            };
            spans.push(Span::styled(p, style));
            lines.push(Line::from(spans));
        }
    };
    let notes =
        crate::ops::bookings::ranking_notes(&app.data.bookings, e.id, o.id, app.today, lang);
    let mut reasons: Vec<String> = x
        .reasons
        .iter()
        .map(|r| r.render(lang, app.env.tax))
        .collect();
    if x.excluded && !notes.is_empty() {
        crate::ops::bookings::without_never(&mut reasons);
        reasons.extend(notes.iter().map(|n| n.1.clone()));
    }
    for r in &reasons {
        let head = format!("{} ", S::ExcludedBecause.t(lang));
        let pad = " ".repeat(lead.saturating_sub(width(&head)));
        push_wrapped(
            vec![Span::styled(head, t.alert()), Span::raw(pad)],
            r,
            t.alert(),
        );
    }
    for fs in &x.factors {
        let label = crate::text::pad(factor_label(fs.factor.as_str(), lang), label_w);
        let pts = crate::text::pad_left(&format!("{:.0}/{:.0}", fs.points, fs.max), 5);
        let frac = if fs.max > 0.0 {
            fs.points / fs.max * 100.0
        } else {
            0.0
        };
        push_wrapped(
            vec![
                Span::styled(label, t.header()),
                Span::raw(" "),
                Span::raw(pts),
                Span::raw(" "),
                Span::styled(cells::bar(fs.points, fs.max, 5), t.score(frac)),
                Span::raw(" "),
            ],
            &fs.reason.render(lang, app.env.tax),
            t.base(),
        );
    }
    let mut review: Vec<String> = x
        .review
        .iter()
        .map(|r| r.render(lang, app.env.tax))
        .collect();
    if !x.excluded {
        review.extend(notes.iter().map(|n| n.1.clone()));
    }
    for r in &review {
        let head = format!("{} ", S::Review.t(lang));
        let pad = " ".repeat(lead.saturating_sub(width(&head)));
        push_wrapped(
            vec![Span::styled(head, t.warn()), Span::raw(pad)],
            r,
            t.warn(),
        );
    }
    let mut facts = vec![crate::present::affiliation_label(
        e.affiliation.as_str(),
        e.depth,
        lang,
    )];
    if let Some(p) = app.data.partner_of(e) {
        facts.push(p.to_string());
    }
    if let Some(s) = &e.station {
        facts.push(format!("{} {s}", S::Station.t(lang)));
    }
    if let Some(r) = e.rate {
        facts.push(format!("{} {r}", S::Asking.t(lang)));
    }
    if let Some(c) = e.cost {
        facts.push(format!("{} {c}", S::Cost.t(lang)));
    }
    push_wrapped(
        vec![Span::raw(" ".repeat(lead))],
        &facts.join(" · "),
        t.dim(),
    );
    (title, lines)
}

fn draw_raw(app: &App, f: &mut Frame, area: Rect, o: &Opening, focused: bool) {
    let t = app.theme();
    let lang = app.lang();
    let style = if focused { t.section() } else { t.dim() };
    cells::put(
        f,
        area,
        0,
        cells::heading(S::RawText.t(lang), area.width as usize, style),
    );
    let body = inner(area);
    if o.raw_text.trim().is_empty() {
        cells::put(f, body, 0, Line::styled(S::RawEmpty.t(lang), t.dim()));
        return;
    }
    let lines = raw_lines(&o.raw_text, body.width)
        .into_iter()
        .map(Line::raw)
        .collect();
    cells::scrolled(f, body, lines, app.opening.raw_scroll);
}

/// Posting text as received, made safe and wrapped to `w` columns.
pub fn raw_lines(raw: &str, w: u16) -> Vec<String> {
    cells::wrap(&crate::text::sanitize(raw, true), w as usize)
}
