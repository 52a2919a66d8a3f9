//! Rankings per opening, computed on demand and kept while they are useful.
//!
//! Ranking 100k engineers takes milliseconds, so the queue ranks only the rows in
//! view and the selected opening; per-opening figures (best score, how many pass)
//! are tiny and kept for every opening seen, full rankings only for the last few.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::{Engineer, Opening};
use crate::geo::Places;
use crate::score::{self, Ranking, ScoringConfig};

/// The two numbers a queue row shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    pub best: Option<f32>,
    pub passing: usize,
}

/// How many full rankings to keep; each holds its excluded list (up to the pool).
const RECENT: usize = 6;

#[derive(Debug, Default)]
pub struct RankCache {
    stats: HashMap<i64, Stats>,
    recent: VecDeque<(i64, Arc<Ranking>)>,
}

/// What a ranking depends on besides the opening.
pub struct RankInput<'a> {
    pub pool: &'a [Engineer],
    pub today: NaiveDate,
    pub cfg: &'a ScoringConfig,
    pub places: &'a Places,
    pub top: usize,
}

impl RankCache {
    /// The ranking of an opening, computed now if it is not among the recent ones.
    pub fn ranking(&mut self, o: &Opening, input: &RankInput<'_>) -> Arc<Ranking> {
        if let Some(pos) = self.recent.iter().position(|(id, _)| *id == o.id) {
            if let Some(hit) = self.recent.remove(pos) {
                let r = Arc::clone(&hit.1);
                self.recent.push_front(hit);
                return r;
            }
        }
        let mut r = score::rank(
            o,
            input.pool,
            input.today,
            input.cfg,
            input.places,
            Some(input.top),
        );
        // `rank` reserves room for the whole pool; keep only what is used.
        r.candidates.shrink_to_fit();
        r.excluded.shrink_to_fit();
        self.stats.insert(
            o.id,
            Stats {
                best: r.candidates.first().map(|c| c.score),
                passing: r.passing,
            },
        );
        let r = Arc::new(r);
        self.recent.push_front((o.id, Arc::clone(&r)));
        self.recent.truncate(RECENT);
        r
    }

    /// Make sure the row figures of an opening are known.
    pub fn ensure_stats(&mut self, o: &Opening, input: &RankInput<'_>) {
        if !self.stats.contains_key(&o.id) {
            self.ranking(o, input);
        }
    }

    /// A recent ranking without computing anything (drawing cannot mutate).
    pub fn peek(&self, id: i64) -> Option<&Ranking> {
        self.recent
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, r)| r.as_ref())
    }

    pub fn stats(&self, id: i64) -> Option<Stats> {
        self.stats.get(&id).copied()
    }

    /// Forget everything: the pool, the day or the openings changed.
    pub fn clear(&mut self) {
        self.stats.clear();
        self.recent.clear();
    }
}
