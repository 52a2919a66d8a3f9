//! Search: the query line and results as they arrive, matched letters highlighted.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::present::rate_band;
use crate::text::width;

use super::super::app::App;
use super::super::finder::Kind;
use super::super::strings::{self, S};
use super::cells::{self, fixed, flex, RowLine};

pub struct SearchLayout {
    pub input: Rect,
    pub info: Rect,
    pub rows: Rect,
}

pub fn layout(body: Rect) -> SearchLayout {
    let [input, info, rows] = cells::bars_over_rows(body, 0);
    SearchLayout { input, info, rows }
}

/// The text split into plain and matched runs, for every term of the query.
fn highlighted(hay: &str, query: &str, app: &App) -> Vec<Span<'static>> {
    let t = app.theme();
    let matcher = SkimMatcherV2::default();
    let mut hit = vec![false; hay.chars().count()];
    for term in query.split_whitespace() {
        if let Some((_, idx)) = matcher.fuzzy_indices(hay, term) {
            for i in idx {
                if let Some(h) = hit.get_mut(i) {
                    *h = true;
                }
            }
        }
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (c, h) in hay.chars().zip(hit) {
        if h != run_hit && !run.is_empty() {
            let s = if run_hit { t.matched() } else { t.base() };
            spans.push(Span::styled(std::mem::take(&mut run), s));
        }
        run_hit = h;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if run_hit { t.matched() } else { t.base() },
        ));
    }
    spans
}

pub fn draw(app: &App, f: &mut Frame, body: Rect) {
    let t = app.theme();
    let lang = app.lang();
    let l = layout(body);
    let st = &app.search;
    let prompt = S::SearchPrompt.t(lang);
    let input = crate::text::cell(&st.input.text);
    f.render_widget(
        Line::from(vec![
            Span::styled(prompt.to_string(), t.key()),
            Span::raw(input),
        ]),
        l.input,
    );
    let x = l.input.x + (width(prompt) + st.input.cursor_col()) as u16;
    f.set_cursor_position(Position::new(
        x.min(l.input.right().saturating_sub(1)),
        l.input.y,
    ));
    let info = if st.input.text.trim().is_empty() {
        S::SearchHint.t(lang).to_string()
    } else if st.pending {
        S::Searching.t(lang).to_string()
    } else {
        strings::matches(lang, st.results.hits.len(), st.results.total)
    };
    cells::put(
        f,
        l.info,
        0,
        cells::heading(&info, l.info.width as usize, t.section()),
    );
    let Some(index) = &st.index else {
        return;
    };
    let cols = [fixed(4), fixed(7), flex(20), flex(10)];
    let w = cells::widths(&cols, l.rows.width as usize);
    let h = l.rows.height as usize;
    for (n, idx) in st.list.visible(st.results.hits.len(), h).enumerate() {
        let Some(item) = index.items.get(st.results.hits[idx].item as usize) else {
            continue;
        };
        let (tag, extra) = match item.kind {
            Kind::Engineer => {
                let extra = app
                    .data
                    .engineer(item.id)
                    .map(|e| {
                        format!(
                            "{} · {}",
                            crate::present::affiliation_label(
                                e.affiliation.as_str(),
                                e.depth,
                                lang
                            ),
                            super::opening::free_label(app, e)
                        )
                    })
                    .unwrap_or_default();
                (S::KindEngineer, extra)
            }
            Kind::Opening => {
                let extra = app
                    .data
                    .opening(item.id)
                    .map(|o| {
                        format!(
                            "{} · {}",
                            rate_band(o.rate_min, o.rate_max),
                            strings::status(o.status, lang)
                        )
                    })
                    .unwrap_or_default();
                (S::KindOpening, extra)
            }
        };
        let row = RowLine::new(&cols, &w)
            .cell(tag.t(lang), t.key())
            .cell(&format!("#{}", item.id), t.dim())
            .spans(highlighted(&item.hay, &st.results.query, app))
            .cell(&extra, t.dim())
            .line();
        cells::put(f, l.rows, n as u16, row);
        if idx == st.list.selected {
            cells::highlight(f, l.rows, n as u16, t.selected());
        }
    }
}
