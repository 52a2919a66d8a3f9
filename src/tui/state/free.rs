//! Who's free: the next months as a timeline, own people and partners apart.
//!
//! Same rule as `benchmatch free` (and `Store::free_between`): someone is free in
//! a window when their free-from date falls on or before its end; it is worked
//! out here on the pool already in memory instead of reloading 100k rows.

use chrono::{Datelike, NaiveDate};

use crate::present::first_of_next_month;
use crate::score::ScoringConfig;
use crate::skills::SkillId;
use crate::store::FreeKind;

use super::super::data::Data;
use super::list::ListState;

/// Months in the timeline: this one and the next three.
pub const MONTHS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreeRow {
    /// Heading of the own or the partner section, with its size.
    Section {
        in_house: bool,
        count: usize,
    },
    Engineer {
        index: usize,
        kind: FreeKind,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FreeState {
    pub rows: Vec<FreeRow>,
    pub list: ListState,
    /// `None`: the whole window; `Some(m)`: free by the end of month `m` (0 = this month).
    pub month: Option<usize>,
    pub skills: Vec<SkillId>,
    /// The skill filter as typed, for display.
    pub skill_text: String,
    pub shown: usize,
}

/// The first day of each month in the timeline, plus the day after the window.
pub fn months(today: NaiveDate) -> [NaiveDate; MONTHS + 1] {
    let mut out = [today; MONTHS + 1];
    let mut d = today.with_day(1).unwrap_or(today);
    for slot in &mut out {
        *slot = d;
        d = first_of_next_month(d);
    }
    out
}

impl FreeState {
    /// The last day someone may become free and still be listed.
    pub fn window_end(&self, today: NaiveDate) -> NaiveDate {
        let m = months(today);
        let idx = self.month.map_or(MONTHS, |i| i.min(MONTHS - 1) + 1);
        m[idx].pred_opt().unwrap_or(m[idx])
    }

    /// `hide_stale`: leave out partner engineers not re-offered in time (`score::is_stale`).
    pub fn rebuild(
        &mut self,
        data: &Data,
        today: NaiveDate,
        hide_stale: Option<&ScoringConfig>,
        tax: &crate::skills::Taxonomy,
        height: usize,
    ) {
        let end = self.window_end(today);
        let mut own = Vec::new();
        let mut others = Vec::new();
        for (index, e) in data.engineers().iter().enumerate() {
            let Some(free) = e.available_from else {
                continue;
            };
            if hide_stale.is_some_and(|cfg| !crate::score::in_active_pool(e, today, cfg)) {
                continue;
            }
            if free > end || !self.skills.iter().all(|s| e.has_or_related(tax, *s)) {
                continue;
            }
            let kind = crate::store::free_kind(e, &data.bookings, &data.assigned, today);
            let row = (free, e.id, FreeRow::Engineer { index, kind });
            if e.affiliation.is_in_house() {
                own.push(row);
            } else {
                others.push(row);
            }
        }
        own.sort_by_key(|r| (r.0, r.1));
        others.sort_by_key(|r| (r.0, r.1));
        self.shown = own.len() + others.len();
        let mut rows = Vec::with_capacity(self.shown + 2);
        for (in_house, part) in [(true, own), (false, others)] {
            rows.push(FreeRow::Section {
                in_house,
                count: part.len(),
            });
            rows.extend(part.into_iter().map(|r| r.2));
        }
        self.rows = rows;
        self.list = ListState::default();
        self.list.select(1, self.rows.len(), height);
        self.skip_heading(1, height);
    }

    /// Move, stepping over section headings so a row is always an engineer.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        let len = self.rows.len();
        self.list.move_by(delta, len, height);
        self.skip_heading(if delta < 0 { -1 } else { 1 }, height);
    }

    pub fn skip_heading(&mut self, dir: isize, height: usize) {
        let len = self.rows.len();
        let is_heading =
            |s: &Self| matches!(s.rows.get(s.list.selected), Some(FreeRow::Section { .. }));
        if is_heading(self) {
            self.list.move_by(dir, len, height);
            if is_heading(self) {
                self.list.move_by(-dir, len, height);
                if is_heading(self) {
                    self.list.move_by(-dir, len, height);
                }
            }
        }
    }

    pub fn selected_engineer(&self) -> Option<usize> {
        match self.rows.get(self.list.selected) {
            Some(FreeRow::Engineer { index, .. }) => Some(*index),
            _ => None,
        }
    }
}
