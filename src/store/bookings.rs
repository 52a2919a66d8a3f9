//! Bookings: the assignment a signed proposal makes, released when it falls through,
//! and assignments ended by hand.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{Result, Store, StoreError};
use crate::domain::{Assignment, Engineer, Start};
use crate::pipeline::booking::{term, Booking, Bookings};

/// Book the engineer of a signed proposal: an assignment from the opening's start for
/// the stated months (else open), tied to the proposal. Once per proposal.
pub(super) fn book_in(
    tx: &rusqlite::Connection,
    proposal_id: i64,
    signed_on: NaiveDate,
) -> Result<()> {
    let exists: Option<i64> = tx
        .query_row(
            "SELECT id FROM assignments WHERE proposal_id = ?1",
            [proposal_id],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Ok(());
    }
    let (engineer_id, client_id, start, duration, agreed): (
        i64,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<NaiveDate>,
    ) = tx.query_row(
        "SELECT p.engineer_id, o.client_id, o.start, o.duration, p.start_on
             FROM proposals p JOIN openings o ON o.id = p.opening_id WHERE p.id = ?1",
        [proposal_id],
        |r| {
            Ok((
                r.get("engineer_id")?,
                r.get("client_id")?,
                r.get("start")?,
                r.get("duration")?,
                r.get("start_on")?,
            ))
        },
    )?;
    // The start agreed at 内定 wins over the posting's.
    let start = match agreed {
        Some(day) => Some(Start::Date(day)),
        None => start.as_deref().and_then(|s| Start::parse(s).ok()),
    };
    let (from, to) = term(start, duration.as_deref(), signed_on);
    tx.execute(
        "INSERT INTO assignments (engineer_id, client_id, starts_on, ends_on, proposal_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![engineer_id, client_id, from, to, proposal_id],
    )?;
    Ok(())
}

/// Release the booking of a proposal that fell through (withdrawn, declined, undone).
pub(super) fn release_in(tx: &rusqlite::Connection, proposal_id: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM assignments WHERE proposal_id = ?1",
        [proposal_id],
    )?;
    Ok(())
}

/// An assignment's end as it was, so ending it can be undone.
#[derive(Debug, Clone, PartialEq)]
pub struct Ended {
    pub assignment: Assignment,
    pub previous_end: Option<NaiveDate>,
    /// The engineer's free-from date before: ending an assignment sets it to the next day.
    pub previous_free: Option<NaiveDate>,
}

impl Store {
    /// Every engineer as rankings and who's free see them: free-from dates moved past
    /// their bookings; with the bookings and holds, for the notes.
    pub fn load_available(&self) -> Result<(Vec<Engineer>, Bookings)> {
        let mut engineers = self.load_engineers()?;
        let bookings = self.load_bookings()?;
        bookings.apply(&mut engineers);
        Ok((engineers, bookings))
    }

    /// Bookings and holds (unsigned offers), as availability needs them: the assignments
    /// made by signing, and those that still move someone's free-from date. The rest
    /// (ended before the free-from date, as most do) change nothing, so 100k engineers
    /// load without them.
    pub fn load_bookings(&self) -> Result<Bookings> {
        Ok(Bookings::new(
            self.select_bookings(
                "WHERE a.proposal_id IS NOT NULL OR a.ends_on IS NULL
                    OR e.available_from IS NULL OR a.ends_on >= e.available_from",
                [],
            )?,
            &self.pipeline()?,
        ))
    }

    /// [`Store::load_bookings`] of these engineers alone (a JSON array of ids), through
    /// the assignments' engineer index.
    pub(super) fn load_bookings_of(&self, ids: &str) -> Result<Bookings> {
        Ok(Bookings::new(
            self.select_bookings(
                "WHERE a.engineer_id IN (SELECT value FROM json_each(?1))
                    AND (a.proposal_id IS NOT NULL OR a.ends_on IS NULL
                    OR e.available_from IS NULL OR a.ends_on >= e.available_from)",
                [ids],
            )?,
            &self.pipeline()?,
        ))
    }

    /// Every booking and hold, for listings that show every assignment's end.
    pub fn load_all_bookings(&self) -> Result<Bookings> {
        Ok(Bookings::new(self.bookings()?, &self.pipeline()?))
    }

    /// Every assignment with its client and the proposal (and opening) that booked it.
    pub fn bookings(&self) -> Result<Vec<Booking>> {
        self.select_bookings("", [])
    }

    /// Assignments matching a fixed filter (no user input reaches it).
    fn select_bookings(&self, filter: &str, params: impl rusqlite::Params) -> Result<Vec<Booking>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.id AS assignment_id, a.engineer_id, a.proposal_id, p.opening_id,
                    c.name AS client, a.starts_on AS \"from\", a.ends_on AS \"to\"
             FROM assignments a
             JOIN engineers e ON e.id = a.engineer_id
             LEFT JOIN proposals p ON p.id = a.proposal_id
             LEFT JOIN clients c ON c.id = a.client_id
             {filter}
             ORDER BY a.engineer_id, a.starts_on, a.id"
        ))?;
        let v = serde_rusqlite::from_rows::<Booking>(stmt.query(params)?)
            .collect::<std::result::Result<_, _>>()
            .map_err(StoreError::Row)?;
        Ok(v)
    }

    /// End (or re-date) the engineer's assignment running on `on` (else the latest that
    /// started by then): it ends on `on`, and the engineer is free from the next day.
    pub fn end_assignment(&mut self, engineer_id: i64, on: NaiveDate) -> Result<Ended> {
        let e = self.engineer(engineer_id)?;
        let found = self
            .assignments_of(engineer_id)?
            .into_iter()
            .map(|(a, _)| a)
            .filter(|a| a.from <= on)
            .max_by_key(|a| (a.to.is_none_or(|t| t >= on), a.from, a.id));
        let Some(a) = found else {
            return Err(StoreError::NoAssignment { engineer_id, on });
        };
        let free = on.succ_opt();
        let tx = self.transaction()?;
        tx.execute(
            "UPDATE assignments SET ends_on = ?2 WHERE id = ?1",
            params![a.id, on],
        )?;
        tx.execute(
            "UPDATE engineers SET available_from = ?2 WHERE id = ?1",
            params![engineer_id, free],
        )?;
        tx.commit()?;
        Ok(Ended {
            previous_end: a.to,
            previous_free: e.available_from,
            assignment: Assignment { to: Some(on), ..a },
        })
    }

    /// Record a running assignment entered by hand (`assignment add`, the engineer form):
    /// at `client` from `from` until `to` (`None`: open-ended, 長期). A dated end frees the
    /// engineer the next day unless a later free-from date is already entered.
    pub fn add_assignment(
        &mut self,
        engineer_id: i64,
        client: Option<&str>,
        from: NaiveDate,
        to: Option<NaiveDate>,
        rate: Option<crate::domain::Man>,
    ) -> Result<Assignment> {
        let e = self.engineer(engineer_id)?;
        if let Some(to) = to.filter(|&t| t < from) {
            return Err(StoreError::EndsBeforeStart { from, to });
        }
        let tx = self.transaction()?;
        let client_id = match client.map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => Some(super::openings::ClientCache::default().get_or_create(&tx, c, None)?),
            None => None,
        };
        tx.execute(
            "INSERT INTO assignments (engineer_id, client_id, starts_on, ends_on, rate)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                engineer_id,
                client_id,
                from,
                to,
                rate.map(crate::domain::Man::as_f64)
            ],
        )?;
        let id = tx.last_insert_rowid();
        if let Some(free) = to.and_then(|t| t.succ_opt()) {
            if e.available_from.is_none_or(|f| f < free) {
                tx.execute(
                    "UPDATE engineers SET available_from = ?2 WHERE id = ?1",
                    params![engineer_id, free],
                )?;
            }
        }
        tx.commit()?;
        Ok(Assignment {
            id,
            engineer_id,
            client_id,
            from,
            to,
        })
    }

    /// Put an ended assignment back as it was (undo).
    pub fn restore_assignment(&mut self, ended: &Ended) -> Result<()> {
        let tx = self.transaction()?;
        tx.execute(
            "UPDATE assignments SET ends_on = ?2 WHERE id = ?1",
            params![ended.assignment.id, ended.previous_end],
        )?;
        tx.execute(
            "UPDATE engineers SET available_from = ?2 WHERE id = ?1",
            params![ended.assignment.engineer_id, ended.previous_free],
        )?;
        tx.commit()?;
        Ok(())
    }
}
