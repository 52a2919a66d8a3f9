//! The active pool as the store finds it: who can rank for an opening, read without the
//! stale partner offers and inactive engineers, and the counts of what was left out.
//!
//! Every query reaches the rows it needs through an index (the skill index, the partial
//! indexes of offered and never-offered engineers), so a year of stale offers is counted
//! from an index and never read.

use chrono::{Duration, NaiveDate};
use rusqlite::params;
use serde::Serialize;

use super::engineers::{engineer_rows, skill_rows_of};
use super::{Result, Store};
use crate::domain::Engineer;
use crate::skills::SkillId;

/// Which part of the pool to read.
#[derive(Debug, Clone, Copy)]
pub struct PoolScope {
    pub as_of: NaiveDate,
    /// A partner offer not repeated for more days than this is stale (`[offers] stale_days`).
    pub stale_days: i64,
    /// Read stale offers and inactive engineers too.
    pub include_stale: bool,
}

impl PoolScope {
    /// The first day an offer still counts as fresh on: `as_of − stale_days`.
    fn cutoff(&self) -> String {
        (self.as_of - Duration::days(self.stale_days.clamp(0, 36_500))).to_string()
    }
}

/// Engineers left out of the active pool, counted by the store.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    /// Partner engineers not re-offered within `[offers] stale_days`.
    pub stale: usize,
    /// Marked inactive (`inactive_from` on or before the day), and not stale.
    pub inactive: usize,
}

impl LeftOut {
    pub fn total(&self) -> usize {
        self.stale + self.inactive
    }
}

/// Sizes of the pool in a scope.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PoolCounts {
    /// Engineers in the scope: the active pool, or everyone with `include_stale`.
    pub pool: usize,
    /// What the active pool leaves out (also counted with `include_stale`, which brings it in).
    pub left_out: LeftOut,
}

/// Ids of the active pool, through the partial indexes: never offered by mail (or own
/// staff), then offers on or after the cutoff (`?1`); less the inactive as of `?2`.
const ACTIVE_IDS: &str = "SELECT id FROM engineers
        WHERE last_offered_at IS NULL OR affiliation = 'own'
    UNION ALL
    SELECT id FROM engineers
        WHERE last_offered_at IS NOT NULL AND affiliation <> 'own' AND last_offered_at >= ?1
    EXCEPT
    SELECT id FROM engineers WHERE inactive_from IS NOT NULL AND inactive_from <= ?2";

impl Store {
    /// How many engineers the scope holds and how many the active pool leaves out.
    pub fn pool_counts(&self, scope: &PoolScope) -> Result<PoolCounts> {
        let cutoff = scope.cutoff();
        let today = scope.as_of.to_string();
        let count = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<usize> {
            let n: i64 = self.conn.prepare_cached(sql)?.query_row(p, |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        let unoffered = count(
            "SELECT count(*) FROM engineers WHERE last_offered_at IS NULL OR affiliation = 'own'",
            &[],
        )?;
        let offered = |cmp_fresh: bool| {
            count(
                if cmp_fresh {
                    "SELECT count(*) FROM engineers WHERE last_offered_at IS NOT NULL
                        AND affiliation <> 'own' AND last_offered_at >= ?1"
                } else {
                    "SELECT count(*) FROM engineers WHERE last_offered_at IS NOT NULL
                        AND affiliation <> 'own' AND last_offered_at < ?1"
                },
                &[&cutoff],
            )
        };
        let (fresh, stale) = (offered(true)?, offered(false)?);
        let inactive = count(
            "SELECT count(*) FROM engineers WHERE inactive_from IS NOT NULL AND inactive_from <= ?2
                AND (last_offered_at IS NULL OR affiliation = 'own' OR last_offered_at >= ?1)",
            &[&cutoff, &today],
        )?;
        let left_out = LeftOut { stale, inactive };
        let pool = if scope.include_stale {
            unoffered + fresh + stale
        } else {
            (unoffered + fresh).saturating_sub(inactive)
        };
        Ok(PoolCounts { pool, left_out })
    }

    /// The engineers of the scope who can rank, with their skills, ordered by id:
    /// holders of one of `skills` (their skill-table ids), or with `or_other` anyone with
    /// skills kept by name; `None` reads the whole scope.
    pub fn load_pool(
        &self,
        scope: &PoolScope,
        skills: Option<(&[SkillId], bool)>,
    ) -> Result<Vec<Engineer>> {
        if scope.include_stale && skills.is_none() {
            return self.load_engineers();
        }
        let cutoff = scope.cutoff();
        let today = scope.as_of.to_string();
        let holders = skills.map(|(ids, or_other)| {
            let db: Vec<i64> = ids.iter().filter_map(|s| self.skill_db_id(*s)).collect();
            (
                serde_json::to_string(&db).unwrap_or_else(|_| "[]".into()),
                or_other,
            )
        });
        // Who can rank: holders of a skill (the skill index), in the scope.
        let where_holders = "(e.id IN (SELECT engineer_id FROM engineer_skills
                WHERE skill_id IN (SELECT value FROM json_each(?3)))
             OR (?4 AND e.other_skills <> ''))";
        let mut engineers = match (&holders, scope.include_stale) {
            (Some((json, other)), true) => engineer_rows(
                &self.conn,
                &format!("{where_holders} AND ?1 IS NOT NULL AND ?2 IS NOT NULL"),
                params![cutoff, today, json, other],
            )?,
            (Some((json, other)), false) => engineer_rows(
                &self.conn,
                &format!("{where_holders} AND e.id IN ({ACTIVE_IDS})"),
                params![cutoff, today, json, other],
            )?,
            (None, _) => engineer_rows(
                &self.conn,
                &format!("e.id IN ({ACTIVE_IDS})"),
                params![cutoff, today],
            )?,
        };
        skill_rows_of(&self.conn, &self.skill_by_db_id, &mut engineers)?;
        Ok(engineers)
    }

    fn skill_db_id(&self, s: SkillId) -> Option<i64> {
        self.skill_db_ids.get(usize::from(s.0)).copied()
    }
}

impl Store {
    /// [`Store::load_pool`] with free-from dates moved past bookings, and the bookings.
    pub fn load_available_pool(
        &self,
        scope: &PoolScope,
        skills: Option<(&[SkillId], bool)>,
    ) -> Result<(Vec<Engineer>, crate::pipeline::booking::Bookings)> {
        let mut engineers = self.load_pool(scope, skills)?;
        let bookings = self.load_bookings()?;
        bookings.apply(&mut engineers);
        Ok((engineers, bookings))
    }
}
