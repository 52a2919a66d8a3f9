//! The triage queue: which openings show, in which order.

use std::cmp::Reverse;

use chrono::NaiveDate;

use crate::domain::{Opening, OpeningStatus};

use super::super::data::Data;
use super::super::ranks::RankCache;
use super::super::strings::S;
use super::list::ListState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first: a same-day answer is what clients expect.
    #[default]
    Newest,
    /// Waited longest first.
    Oldest,
    /// Client rank A first, then newest.
    ClientRank,
    /// Highest rate first.
    Rate,
    /// Earliest start first.
    Start,
    /// Best candidate's score first; openings not ranked yet last.
    Best,
    /// Most matching candidates first; openings not ranked yet last.
    Candidates,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Newest => Sort::Oldest,
            Sort::Oldest => Sort::ClientRank,
            Sort::ClientRank => Sort::Rate,
            Sort::Rate => Sort::Start,
            Sort::Start => Sort::Best,
            Sort::Best => Sort::Candidates,
            Sort::Candidates => Sort::Newest,
        }
    }

    pub fn label(self) -> S {
        match self {
            Sort::Newest => S::SortNewest,
            Sort::Oldest => S::SortOldest,
            Sort::ClientRank => S::SortRank,
            Sort::Rate => S::SortRate,
            Sort::Start => S::SortStart,
            Sort::Best => S::SortBest,
            Sort::Candidates => S::SortCandidates,
        }
    }

    /// Sorts by the rankings' figures, so every opening shown must be ranked, not only
    /// the rows in view.
    pub fn needs_figures(self) -> bool {
        matches!(self, Sort::Best | Sort::Candidates)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// New, answered or proposed: still needs the rep.
    #[default]
    Open,
    NewOnly,
    All,
    /// Won, lost, closed or dismissed.
    Closed,
}

impl Filter {
    pub fn next(self) -> Filter {
        match self {
            Filter::Open => Filter::NewOnly,
            Filter::NewOnly => Filter::All,
            Filter::All => Filter::Closed,
            Filter::Closed => Filter::Open,
        }
    }

    pub fn label(self) -> S {
        match self {
            Filter::Open => S::Open,
            Filter::NewOnly => S::NewOnly,
            Filter::All => S::All,
            Filter::Closed => S::Closed,
        }
    }

    pub fn keeps(self, s: OpeningStatus) -> bool {
        match self {
            Filter::Open => s.is_open(),
            Filter::NewOnly => s == OpeningStatus::New,
            Filter::All => true,
            Filter::Closed => !s.is_open(),
        }
    }
}

/// Client rank A first, unranked last.
fn rank_key(data: &Data, o: &Opening) -> (bool, Option<crate::domain::Rank>) {
    let rank = data.client_of(o).and_then(|c| c.rank);
    (rank.is_none(), rank)
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueState {
    /// Indices into `Data::openings`, in display order.
    pub rows: Vec<usize>,
    pub list: ListState,
    pub sort: Sort,
    pub filter: Filter,
}

impl QueueState {
    /// Recompute rows after data, sort or filter changed; the selected opening stays selected.
    pub fn rebuild(&mut self, data: &Data, ranks: &RankCache, today: NaiveDate, height: usize) {
        let keep = self.selected_id(data);
        let mut rows: Vec<usize> = (0..data.openings.len())
            .filter(|&i| self.filter.keeps(data.openings[i].status))
            .collect();
        let o = |i: &usize| &data.openings[*i];
        let start = |x: &Opening| x.start.map(|s| s.first_day(today));
        match self.sort {
            // The store returns newest first; a stable sort keeps that as the tie-break.
            // Equal waits go by client rank (A first, unranked last).
            Sort::Newest => rows.sort_by_key(|i| {
                (
                    Reverse(o(i).received_at),
                    rank_key(data, o(i)),
                    Reverse(o(i).id),
                )
            }),
            Sort::Oldest => rows.sort_by_key(|i| (o(i).received_at, rank_key(data, o(i)), o(i).id)),
            Sort::ClientRank => rows.sort_by_key(|i| {
                let rank = data.client_of(o(i)).and_then(|c| c.rank);
                (rank.is_none(), rank, Reverse(o(i).received_at))
            }),
            Sort::Rate => rows.sort_by_key(|i| {
                let r = o(i).rate_max.or(o(i).rate_min);
                (r.is_none(), Reverse(r), Reverse(o(i).received_at))
            }),
            Sort::Start => rows.sort_by_key(|i| {
                let s = start(o(i));
                (s.is_none(), s, Reverse(o(i).received_at))
            }),
            // Scores compare as tenths: whole enough for an order, and total.
            Sort::Best => rows.sort_by_key(|i| {
                let best = ranks
                    .stats(o(i).id)
                    .map(|s| s.best.map_or(-1, |b| (b * 10.0).round() as i64));
                (best.is_none(), Reverse(best), Reverse(o(i).received_at))
            }),
            Sort::Candidates => rows.sort_by_key(|i| {
                let n = ranks.stats(o(i).id).map(|s| s.passing);
                (n.is_none(), Reverse(n), Reverse(o(i).received_at))
            }),
        }
        self.rows = rows;
        let at = keep
            .and_then(|id| self.rows.iter().position(|&i| data.openings[i].id == id))
            .unwrap_or(self.list.selected);
        self.list.select(at, self.rows.len(), height);
    }

    pub fn selected_id(&self, data: &Data) -> Option<i64> {
        self.rows
            .get(self.list.selected)
            .and_then(|&i| data.openings.get(i))
            .map(|o| o.id)
    }
}
