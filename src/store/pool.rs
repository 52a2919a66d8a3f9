//! The active pool as the store finds it: who can rank for an opening, read without the
//! stale partner offers and inactive engineers, and the counts of what was left out.
//!
//! Every query reaches the rows it needs through an index (the skill index, the partial
//! indexes of offered and never-offered engineers), so a year of stale offers is counted
//! from an index and never read.

use chrono::{Duration, NaiveDate};
use rusqlite::params;
use serde::Serialize;

use super::engineers::{engineer_rows, skill_rows_of, Columns};
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
/// For a pool of mostly stale offers, where a scan would read them all.
const ACTIVE_IDS: &str = "e.id IN (SELECT id FROM engineers
        WHERE last_offered_at IS NULL OR affiliation = 'own'
    UNION ALL
    SELECT id FROM engineers
        WHERE last_offered_at IS NOT NULL AND affiliation <> 'own' AND last_offered_at >= ?1
    EXCEPT
    SELECT id FROM engineers WHERE inactive_from IS NOT NULL AND inactive_from <= ?2)";

/// The active pool as a test of a row already read (`?1` cutoff, `?2` the day).
const ACTIVE_ROW: &str =
    "(e.affiliation = 'own' OR e.last_offered_at IS NULL OR e.last_offered_at >= ?1)
    AND (e.inactive_from IS NULL OR e.inactive_from > ?2)";

/// Holders of a skill (`?3`, a JSON array of skill-table ids), or with `?4` anyone with
/// skills kept by name: through the skill index, each row then found by its key (an `OR`
/// outside the subquery would make SQLite scan every engineer).
const HOLDERS: &str = "e.id IN (SELECT engineer_id FROM engineer_skills
        WHERE skill_id IN (SELECT value FROM json_each(?3))
    UNION ALL
    SELECT id FROM engineers WHERE ?4 AND other_skills <> '')";

/// [`HOLDERS`] in the active pool when most of the pool is stale: the holders' ids are
/// intersected with the active ones from the partial indexes before any row is read, so a
/// stale holder costs an index entry, not a row.
const ACTIVE_HOLDERS: &str = "e.id IN (SELECT engineer_id FROM engineer_skills
        WHERE skill_id IN (SELECT value FROM json_each(?3))
    UNION ALL
    SELECT id FROM engineers WHERE ?4 AND other_skills <> ''
    INTERSECT
    SELECT id FROM (SELECT id FROM engineers
            WHERE last_offered_at IS NULL OR affiliation = 'own'
        UNION ALL
        SELECT id FROM engineers
            WHERE last_offered_at IS NOT NULL AND affiliation <> 'own' AND last_offered_at >= ?1
        EXCEPT
        SELECT id FROM engineers WHERE inactive_from IS NOT NULL AND inactive_from <= ?2))";

impl Store {
    /// How many engineers the scope holds and how many the active pool leaves out: from
    /// the offers counted per day and two small indexes, never a scan of the offers.
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
        let fresh = count(
            "SELECT coalesce(sum(engineers), 0) FROM offer_days WHERE day >= ?1",
            &[&cutoff],
        )?;
        let stale = count(
            "SELECT coalesce(sum(engineers), 0) FROM offer_days WHERE day < ?1",
            &[&cutoff],
        )?;
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
        self.read_pool(scope, skills, Columns::Profile)
    }

    /// Whole profiles of these engineers, with their skills, ordered by id: the rows a
    /// ranking shows, after [`Store::load_available_pool`] read only what ranks.
    pub fn engineer_profiles(&self, ids: &[i64]) -> Result<Vec<Engineer>> {
        let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut engineers = engineer_rows(
            &self.conn,
            Columns::Profile,
            "e.id IN (SELECT value FROM json_each(?1))",
            [json],
        )?;
        skill_rows_of(&self.conn, &self.skill_by_db_id, &mut engineers)?;
        Ok(engineers)
    }

    fn read_pool(
        &self,
        scope: &PoolScope,
        skills: Option<(&[SkillId], bool)>,
        columns: Columns,
    ) -> Result<Vec<Engineer>> {
        let cutoff = scope.cutoff();
        let today = scope.as_of.to_string();
        let mut engineers = match skills {
            None => {
                if scope.include_stale {
                    return self.load_engineers();
                }
                let counts = self.pool_counts(scope)?;
                if counts.left_out.total() == 0 {
                    return self.load_engineers();
                }
                // Mostly stale: reach the active ones through the indexes; else one scan.
                let filter = if counts.left_out.stale > counts.pool {
                    ACTIVE_IDS
                } else {
                    ACTIVE_ROW
                };
                engineer_rows(&self.conn, columns, filter, params![cutoff, today])?
            }
            Some((ids, or_other)) => {
                let db: Vec<i64> = ids.iter().filter_map(|s| self.skill_db_id(*s)).collect();
                let json = serde_json::to_string(&db).unwrap_or_else(|_| "[]".into());
                let everyone = format!("{HOLDERS} AND ?1 IS NOT NULL AND ?2 IS NOT NULL");
                let sql = if scope.include_stale {
                    everyone
                } else {
                    let counts = self.pool_counts(scope)?;
                    if counts.left_out.total() == 0 {
                        everyone
                    } else if counts.left_out.stale > counts.pool {
                        ACTIVE_HOLDERS.to_string()
                    } else {
                        format!("{HOLDERS} AND {ACTIVE_ROW}")
                    }
                };
                engineer_rows(
                    &self.conn,
                    columns,
                    &sql,
                    params![cutoff, today, json, or_other],
                )?
            }
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
    /// Unless `whole` (every row will be shown), only what ranking reads: names, initials,
    /// notes and check dates are left empty (read the rows shown with
    /// [`Store::engineer_profiles`]).
    pub fn load_available_pool(
        &self,
        scope: &PoolScope,
        skills: Option<(&[SkillId], bool)>,
        whole: bool,
    ) -> Result<(Vec<Engineer>, crate::pipeline::booking::Bookings)> {
        let columns = if whole {
            Columns::Profile
        } else {
            Columns::Ranking
        };
        let mut engineers = self.read_pool(scope, skills, columns)?;
        // The bookings of the engineers read, not of everyone.
        let ids: Vec<i64> = engineers.iter().map(|e| e.id).collect();
        let bookings = self.load_bookings_of(&serde_json::to_string(&ids).unwrap_or_default())?;
        bookings.apply(&mut engineers);
        Ok((engineers, bookings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope() -> PoolScope {
        PoolScope {
            as_of: NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default(),
            stale_days: 30,
            include_stale: false,
        }
    }

    /// Stale and fresh offers as a scan counts them, for the per-day counts to agree with.
    fn scanned(store: &Store) -> (usize, usize) {
        let n = |sql: &str| -> usize {
            store
                .conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .unwrap_or(-1) as usize
        };
        (
            n(
                "SELECT count(*) FROM engineers WHERE last_offered_at IS NOT NULL
               AND affiliation <> 'own' AND last_offered_at < '2026-11-20'",
            ),
            n(
                "SELECT count(*) FROM engineers WHERE last_offered_at IS NOT NULL
               AND affiliation <> 'own' AND last_offered_at >= '2026-11-20'",
            ),
        )
    }

    #[test]
    fn offers_counted_per_day_follow_every_insert_update_and_delete() {
        let store = Store::open_in_memory(crate::skills::Taxonomy::builtin()).expect("store");
        let exec = |sql: &str| {
            store.conn.execute_batch(sql).expect("sql");
        };
        let check = |stale: usize, fresh: usize| {
            assert_eq!(scanned(&store), (stale, fresh));
            let c = store.pool_counts(&scope()).expect("counts");
            assert_eq!(c.left_out.stale, stale);
            let all = store
                .conn
                .query_row("SELECT count(*) FROM engineers", [], |r| r.get::<_, i64>(0));
            assert_eq!(c.pool + stale, all.unwrap_or(0) as usize);
        };
        exec(
            "INSERT INTO engineers (id, name, initials, affiliation, created_at, updated_at,
                 last_offered_at)
             VALUES (1, 'A', 'A', 'partner', 'x', 'x', '2026-11-19 09:00:00+00:00'),
                    (2, 'B', 'B', 'partner', 'x', 'x', '2026-11-21 09:00:00+00:00'),
                    (3, 'C', 'C', 'own', 'x', 'x', '2026-01-01 09:00:00+00:00'),
                    (4, 'D', 'D', 'partner', 'x', 'x', NULL);",
        );
        check(1, 1);
        // Re-offered: no longer stale.
        exec("UPDATE engineers SET last_offered_at = '2026-12-01 09:00:00+00:00' WHERE id = 1");
        check(0, 2);
        // An own engineer is never stale; a partner become own leaves the count.
        exec("UPDATE engineers SET affiliation = 'own' WHERE id = 2");
        check(0, 1);
        exec("UPDATE engineers SET affiliation = 'partner' WHERE id = 3");
        check(1, 1);
        exec("UPDATE engineers SET last_offered_at = '2026-10-01 09:00:00+00:00' WHERE id = 4");
        check(2, 1);
        exec("DELETE FROM engineers WHERE id IN (1, 3)");
        check(1, 0);
        // An update that touches neither column changes nothing.
        exec("UPDATE engineers SET notes = 'n' WHERE id = 4");
        check(1, 0);
    }
}
