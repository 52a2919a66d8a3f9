//! Marks taken before a change and put back to undo it, each undo one transaction.
//!
//! A mark holds the rows a proposal write may touch (the proposals, their bookings,
//! the opening's status and answer) as they were, plus the newest event id, so the
//! stage history written since can be taken back too.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

use super::{Result, Store, StoreError};

/// A proposal's stage columns as they were.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalMark {
    pub id: i64,
    pub stage: String,
    pub stage_at: Option<DateTime<Utc>>,
    pub signed_at: Option<DateTime<Utc>>,
    pub partner_confirmed: Option<bool>,
}

/// An opening's status and first answer as they were.
#[derive(Debug, Clone, PartialEq)]
pub struct OpeningMark {
    pub id: i64,
    pub status: String,
    pub answered_at: Option<DateTime<Utc>>,
    pub answer_kind: Option<String>,
}

/// A booking row as it was.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignmentMark {
    pub id: i64,
    pub engineer_id: i64,
    pub client_id: Option<i64>,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub proposal_id: i64,
}

/// Everything a proposal write or a status change may touch, before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub proposals: Vec<ProposalMark>,
    pub assignments: Vec<AssignmentMark>,
    pub opening: Option<OpeningMark>,
    /// Events with a larger id were written after the mark.
    pub last_event: i64,
}

impl Store {
    /// Take a mark of these proposals and this opening.
    pub fn mark(&self, proposals: &[i64], opening: Option<i64>) -> Result<Mark> {
        let mut marks = Vec::new();
        let mut assignments = Vec::new();
        for id in proposals {
            let m = self
                .conn
                .query_row(
                    "SELECT id, stage, stage_at, signed_at, partner_confirmed
                     FROM proposals WHERE id = ?1",
                    [id],
                    |r| {
                        Ok(ProposalMark {
                            id: r.get("id")?,
                            stage: r.get("stage")?,
                            stage_at: r.get("stage_at")?,
                            signed_at: r.get("signed_at")?,
                            partner_confirmed: r.get("partner_confirmed")?,
                        })
                    },
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("no proposal with id {id}")))?;
            marks.push(m);
            let mut stmt = self.conn.prepare(
                "SELECT id, engineer_id, client_id, starts_on, ends_on, proposal_id
                 FROM assignments WHERE proposal_id = ?1",
            )?;
            let rows = stmt.query_map([id], |r| {
                Ok(AssignmentMark {
                    id: r.get("id")?,
                    engineer_id: r.get("engineer_id")?,
                    client_id: r.get("client_id")?,
                    from: r.get("starts_on")?,
                    to: r.get("ends_on")?,
                    proposal_id: r.get("proposal_id")?,
                })
            })?;
            for a in rows {
                assignments.push(a?);
            }
        }
        let opening = match opening {
            Some(id) => Some(
                self.conn
                    .query_row(
                        "SELECT id, status, answered_at, answer_kind FROM openings WHERE id = ?1",
                        [id],
                        |r| {
                            Ok(OpeningMark {
                                id: r.get("id")?,
                                status: r.get("status")?,
                                answered_at: r.get("answered_at")?,
                                answer_kind: r.get("answer_kind")?,
                            })
                        },
                    )
                    .optional()?
                    .ok_or_else(|| StoreError::NotFound(format!("no opening with id {id}")))?,
            ),
            None => None,
        };
        let last_event = self.conn.query_row(
            "SELECT coalesce(max(id), 0) FROM proposal_events",
            [],
            |r| r.get(0),
        )?;
        Ok(Mark {
            proposals: marks,
            assignments,
            opening,
            last_event,
        })
    }

    /// Put the marked rows back: stages, bookings, the opening; the stage events written
    /// since go. `remove` deletes a proposal made after the mark. One transaction.
    pub fn restore(&mut self, mark: &Mark, remove: Option<i64>) -> Result<()> {
        let tx = self.transaction()?;
        if let Some(id) = remove {
            tx.execute("DELETE FROM assignments WHERE proposal_id = ?1", [id])?;
            tx.execute("DELETE FROM proposals WHERE id = ?1", [id])?;
        }
        for p in &mark.proposals {
            let n = tx.execute(
                "UPDATE proposals SET stage = ?2, stage_at = ?3, signed_at = ?4,
                    partner_confirmed = ?5 WHERE id = ?1",
                params![p.id, p.stage, p.stage_at, p.signed_at, p.partner_confirmed],
            )?;
            if n != 1 {
                return Err(StoreError::NotFound(format!(
                    "proposal {} is gone; nothing was undone",
                    p.id
                )));
            }
            tx.execute(
                "DELETE FROM proposal_events WHERE proposal_id = ?1 AND id > ?2",
                params![p.id, mark.last_event],
            )?;
            tx.execute("DELETE FROM assignments WHERE proposal_id = ?1", [p.id])?;
        }
        for a in &mark.assignments {
            tx.execute(
                "INSERT INTO assignments (id, engineer_id, client_id, starts_on, ends_on, proposal_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![a.id, a.engineer_id, a.client_id, a.from, a.to, a.proposal_id],
            )?;
        }
        if let Some(o) = &mark.opening {
            tx.execute(
                "UPDATE openings SET status = ?2, answered_at = ?3, answer_kind = ?4 WHERE id = ?1",
                params![o.id, o.status, o.answered_at, o.answer_kind],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
