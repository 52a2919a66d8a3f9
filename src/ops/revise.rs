//! Revising an opening's requirements, and the re-ranking the rep reads after it: one
//! implementation for `edit opening` and the dashboard's `E`.
//!
//! Both rank the same pool, free-from dates already moved past bookings (a signed or
//! held engineer is not on the bench), so both front ends tell the same story.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::Opening;
use crate::geo::Places;
use crate::i18n::Lang;
use crate::pipeline::rerank::{self, Movement};
use crate::pipeline::revision::Requirements;
use crate::score::{self, Pool, Ranking, ScoringConfig};
use crate::skills::Taxonomy;
use crate::store::{Revised, Store, StoreError};

/// The engineers as rankings see them: bookings applied to their free-from dates.
pub fn available_pool(store: &Store, places: &Places) -> Result<Pool, StoreError> {
    let (engineers, _) = store.load_available()?;
    Ok(Pool::new(engineers, places))
}

/// Store edited requirements as a new revision; `None` when nothing changed.
pub fn revise(
    store: &mut Store,
    opening_id: i64,
    edited: &Requirements,
    by: &str,
    tax: &Taxonomy,
    now: DateTime<Utc>,
) -> Result<Option<Revised>, StoreError> {
    store.revise_opening(opening_id, edited, by, tax, now)
}

/// How the top of the ranking moved with a revision, and why those who left did.
#[derive(Debug, Clone)]
pub struct Rerank {
    pub movements: Vec<Movement>,
    /// Why each engineer who left the top (or is now flagged) did, by engineer id.
    pub reasons: Vec<(i64, String)>,
}

/// What ranking and explaining need besides the pool.
pub struct RankWith<'a> {
    pub as_of: NaiveDate,
    pub cfg: &'a ScoringConfig,
    pub places: &'a Places,
    pub lang: Lang,
    pub tax: &'a Taxonomy,
    /// How many places of the top the report covers.
    pub top: usize,
}

/// Rank the pool against the opening before and after a revision and report the moves.
pub fn rerank(rev: &Revised, pool: &Pool, with: &RankWith<'_>) -> Rerank {
    let rank = |o: &Opening| score::rank_pool(o, pool, with.as_of, with.cfg, with.places, None);
    let ids = |rk: &Ranking| -> Vec<(i64, f32, score::Checks)> {
        rk.candidates
            .iter()
            .filter_map(|c| {
                pool.engineers()
                    .get(c.index)
                    .map(|e| (e.id, c.score, c.reviews))
            })
            .collect()
    };
    let movements = rerank::report(&ids(&rank(&rev.before)), &ids(&rank(&rev.after)), with.top);
    let why = rerank::Why {
        before: &rev.before,
        after: &rev.after,
        as_of: with.as_of,
        cfg: with.cfg,
        places: with.places,
        lang: with.lang,
        tax: with.tax,
    };
    let engineer = |id: i64| pool.engineers().iter().find(|e| e.id == id);
    let reasons = movements
        .iter()
        .filter_map(|m| {
            let id = m.engineer_id();
            why.of(m, engineer(id)).map(|w| (id, w))
        })
        .collect();
    Rerank { movements, reasons }
}
