//! Who's free: one row per engineer, a bar from the free-from date across the months.

use chrono::{Datelike, NaiveDate};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::domain::Engineer;
use crate::i18n::Lang;
use crate::present::{affiliation_label, free_kind_label, top_skills};
use crate::store::FreeKind;

use super::super::app::App;
use super::super::state::free::{months, FreeRow, MONTHS};
use super::super::strings::{self, S};
use super::cells::{self, fixed, flex, RowLine};

pub struct FreeLayout {
    pub title: Rect,
    pub header: Rect,
    pub rows: Rect,
}

pub fn layout(body: Rect) -> FreeLayout {
    let [title, header, rows] = cells::bars_over_rows(body, 0);
    FreeLayout {
        title,
        header,
        rows,
    }
}

fn month_label(d: NaiveDate, lang: Lang) -> String {
    if lang == Lang::Ja {
        format!("{}月", d.month())
    } else {
        d.format("%b").to_string()
    }
}

/// The skills filtered on first (with years), then the engineer's strongest.
fn skills_shown(app: &App, e: &Engineer) -> String {
    let tax = app.env.tax;
    let mut parts: Vec<String> = app
        .free
        .skills
        .iter()
        .filter_map(|s| e.skill_years(*s).map(|y| format!("{} {y}", tax.name(*s))))
        .collect();
    if parts.is_empty() {
        return top_skills(e, tax, 3);
    }
    let rest = top_skills(e, tax, 3 + parts.len());
    parts.extend(
        rest.split(", ")
            .filter(|p| {
                !app.free
                    .skills
                    .iter()
                    .any(|s| p.starts_with(&format!("{} ", tax.name(*s))))
            })
            .map(str::to_string),
    );
    parts.truncate(3);
    parts.join(", ")
}

/// Glyphs tell the kinds apart even without colour.
fn glyph(k: FreeKind) -> char {
    match k {
        FreeKind::Bench => '█',
        FreeKind::Ending => '▓',
        FreeKind::Joining => '▒',
        FreeKind::Hold => '░',
    }
}

fn columns(w: u16) -> (Vec<cells::Col>, usize) {
    // The timeline gets about 40% of the row, at least 4 columns per month.
    let per_month = ((w as usize * 2 / 5) / MONTHS).clamp(4, 16);
    let cols = vec![
        fixed(13),
        fixed(12),
        flex(10),
        fixed(6),
        fixed(per_month * MONTHS),
    ];
    (cols, per_month)
}

pub fn draw(app: &App, f: &mut Frame, body: Rect) {
    let t = app.theme();
    let lang = app.lang();
    let l = layout(body);
    let st = &app.free;
    let m = months(app.today);
    let end = st.window_end(app.today);
    let title = strings::free_title(lang, st.shown, &end.format("%m/%d").to_string());
    let month_text = match st.month {
        None => S::All.t(lang).to_string(),
        Some(i) => month_label(m[i.min(MONTHS - 1)], lang),
    };
    let skill_text = if st.skill_text.is_empty() {
        S::None.t(lang).to_string()
    } else {
        st.skill_text.clone()
    };
    let mut kinds = vec![FreeKind::Bench, FreeKind::Ending, FreeKind::Joining];
    // The hold joins the legend only when someone is held, so the usual screen stays short.
    if st.rows.iter().any(|r| {
        matches!(
            r,
            FreeRow::Engineer {
                kind: FreeKind::Hold,
                ..
            }
        )
    }) {
        kinds.push(FreeKind::Hold);
    }
    let legend: Vec<String> = kinds
        .iter()
        .map(|k| format!("{}{}", glyph(*k), free_kind_label(*k, lang)))
        .collect();
    let full = format!(
        "{title} · {} {month_text} · {} {skill_text} · {}",
        S::Month.t(lang),
        S::Skill.t(lang),
        legend.join(" ")
    );
    cells::put(
        f,
        l.title,
        0,
        cells::heading(&full, l.title.width as usize, t.section()),
    );

    let (cols, per_month) = columns(l.header.width);
    let w = cells::widths(&cols, l.header.width as usize);
    let mut months_head = String::new();
    for d in m.iter().take(MONTHS) {
        months_head.push_str(&crate::text::pad(
            &format!("│{}", month_label(*d, lang)),
            per_month,
        ));
    }
    let head = RowLine::new(&cols, &w)
        .cell(S::ColName.t(lang), t.header())
        .cell(S::ColAffiliation.t(lang), t.header())
        .cell(S::ColSkills.t(lang), t.header())
        .cell(S::ColFree.t(lang), t.header())
        .cell(&months_head, t.header())
        .line();
    cells::put(f, l.header, 0, head);

    if st.shown == 0 {
        let empty = if app.data.engineers().is_empty() {
            S::NoEngineersYet
        } else {
            S::NobodyFree
        };
        cells::put(f, l.rows, 1, Line::styled(empty.t(lang), t.dim()));
    }
    let h = l.rows.height as usize;
    for (n, idx) in st.list.visible(st.rows.len(), h).enumerate() {
        let line = match st.rows[idx] {
            FreeRow::Section { in_house, count } => cells::heading(
                &strings::section(lang, in_house, count),
                l.rows.width as usize,
                t.header(),
            ),
            FreeRow::Engineer { index, kind } => {
                let Some(e) = app.data.engineers().get(index) else {
                    continue;
                };
                let who = if e.affiliation.is_in_house() {
                    affiliation_label(e.affiliation.as_str(), e.depth, lang)
                } else {
                    app.data
                        .partner_of(e)
                        .map(str::to_string)
                        .unwrap_or_else(|| affiliation_label(e.affiliation.as_str(), e.depth, lang))
                };
                let free = e.available_from.unwrap_or(app.today);
                let style = match kind {
                    FreeKind::Bench => t.good(),
                    FreeKind::Ending => t.warn(),
                    FreeKind::Joining => t.key(),
                    FreeKind::Hold => t.warn(),
                };
                let from = free.max(app.today);
                let mut bar: Vec<Span<'static>> = Vec::new();
                let mut run = String::new();
                let mut run_on = false;
                for i in 0..MONTHS {
                    let (start, next) = (m[i], m[i + 1]);
                    let days = (next - start).num_days().max(1);
                    for c in 0..per_month {
                        // The cell covers part of the month; it is on once its end is past `from`.
                        let cell_end = start
                            + chrono::Duration::days(days * (c as i64 + 1) / per_month as i64);
                        let on = c > 0 && cell_end > from;
                        if on != run_on && !run.is_empty() {
                            let s = if run_on { style } else { t.dim() };
                            bar.push(Span::styled(std::mem::take(&mut run), s));
                        }
                        run_on = on;
                        run.push(if c == 0 {
                            '│'
                        } else if on {
                            glyph(kind)
                        } else {
                            ' '
                        });
                    }
                }
                if !run.is_empty() {
                    bar.push(Span::styled(run, if run_on { style } else { t.dim() }));
                }
                let date = if kind == FreeKind::Hold {
                    // The column is six wide: the short form of 仮押さえ.
                    (if lang == Lang::Ja {
                        "仮押え"
                    } else {
                        "hold"
                    })
                    .to_string()
                } else if free <= app.today {
                    free_kind_label(FreeKind::Bench, lang).to_string()
                } else {
                    format!("{}/{}", free.month(), free.day())
                };
                RowLine::new(&cols, &w)
                    .spans(super::name_spans(app, e))
                    .cell(&who, t.dim())
                    .cell(&skills_shown(app, e), t.base())
                    .cell(&date, style)
                    .spans(bar)
                    .line()
            }
        };
        cells::put(f, l.rows, n as u16, line);
        if idx == st.list.selected {
            cells::highlight(f, l.rows, n as u16, t.selected());
        }
    }
}
