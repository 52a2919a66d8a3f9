//! A few proposals for the demo, so a newcomer sees every screen at work: an unsigned
//! offer close to its start (‼未契約), one engineer proposed twice (parallel), a signed
//! contract (booked, gone from who's free), and some in between.

use chrono::{DateTime, Duration, Utc};

use crate::domain::Opening;
use crate::geo::Places;
use crate::pipeline::Stage;
use crate::score::{self, ScoringConfig};
use crate::store::{Result, StageChange, Store};

/// What the demo recorded, for the line printed after it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DemoProposals {
    pub proposals: usize,
    pub unsigned: usize,
    pub signed: usize,
}

/// Record the demo's proposals as a rep would have over the last days, each its own
/// transaction. Openings and candidates come from the rankings, so they fit.
pub fn propose(
    store: &mut Store,
    now: DateTime<Utc>,
    cfg: &ScoringConfig,
    places: &Places,
) -> Result<DemoProposals> {
    let today = now.date_naive();
    let mut openings: Vec<Opening> = store.load_openings()?;
    if openings.len() < 4 {
        return Ok(DemoProposals::default());
    }
    let pool = score::Pool::new(store.load_engineers()?, places);
    // The opening starting soonest (on or after today) carries the unsigned offer.
    openings.sort_by_key(|o| {
        let start = o.start.map(|s| s.first_day(today)).unwrap_or(today);
        ((start - today).num_days().rem_euclid(10_000), o.id)
    });
    let best = |o: &Opening, skip: &[i64]| -> Option<i64> {
        let r = score::rank_pool(o, &pool, today, cfg, places, Some(20));
        r.candidates
            .iter()
            .map(|c| pool.engineers()[c.index].id)
            .find(|id| !skip.contains(id))
    };
    let mut used = Vec::new();
    let mut out = DemoProposals::default();
    let at = |days_ago: i64| now - Duration::days(days_ago);
    let step = |store: &mut Store, id: i64, to: Stage, note: &str, when| -> Result<()> {
        store.set_stage(
            id,
            &StageChange {
                to: Some(to),
                note: note.into(),
                ..StageChange::default()
            },
            when,
        )?;
        Ok(())
    };
    // 1. An offer close to its start, not signed yet.
    let o = &openings[0];
    if let Some(e) = best(o, &used) {
        used.push(e);
        let id = store.propose_with_note(o.id, e, None, "", at(6))?;
        step(store, id, Stage::Interview, "面談 調整済み", at(5))?;
        step(store, id, Stage::Interviewed, "好印象、リモート希望", at(3))?;
        step(store, id, Stage::Offered, "内定 口頭、条件書待ち", at(1))?;
        out.proposals += 1;
        out.unsigned += 1;
    }
    // 2. One engineer proposed to two openings at once.
    let (a, b) = (&openings[1], &openings[2]);
    if let Some(e) = best(a, &used) {
        used.push(e);
        store.propose_with_note(a.id, e, None, "", at(2))?;
        store.propose_with_note(b.id, e, None, "並行提案", at(1))?;
        out.proposals += 2;
    }
    // 3. A signed contract: the engineer is booked.
    let o = &openings[3];
    if let Some(e) = best(o, &used) {
        used.push(e);
        let id = store.propose_with_note(o.id, e, None, "", at(9))?;
        step(store, id, Stage::Interview, "", at(8))?;
        step(store, id, Stage::Interviewed, "", at(7))?;
        step(store, id, Stage::Offered, "", at(4))?;
        step(store, id, Stage::Signed, "契約書 受領", at(2))?;
        out.proposals += 1;
        out.signed += 1;
    }
    Ok(out)
}
