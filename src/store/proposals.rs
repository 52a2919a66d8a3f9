//! Proposals through their stages: the board, stage changes with their events, withdrawals,
//! explicit "none available" answers, and the facts `stats` needs.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};

use super::{Result, Store, StoreError};
use crate::domain::{Affiliation, Man, OpeningStatus, Rank, Start};
use crate::pipeline::board::{to_withdraw, PipelineItem};
use crate::pipeline::stats::{OpeningFacts, ProposalFacts};
use crate::pipeline::{Stage, StageError};

/// Why a proposal (or an answer to an opening) cannot be written as asked; nothing was
/// written. The words are the CLI's: flags are named as `benchmatch stage` takes them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProposalError {
    #[error("engineer {engineer_id} is already proposed for opening {opening_id} (proposal {proposal_id}, {stage})")]
    AlreadyProposed {
        engineer_id: i64,
        opening_id: i64,
        proposal_id: i64,
        stage: String,
    },
    #[error("proposal {id}: {error}")]
    Move { id: i64, error: StageError },
    #[error("proposal {id}: --withdraw-others goes with offered or signed, not {to}")]
    WithdrawOthersWith { id: i64, to: &'static str },
    #[error("proposal {id} is {stage}: withdrawing the others needs it offered or signed")]
    WithdrawOthersFrom { id: i64, stage: Stage },
    #[error(
        "proposal {id}: give a STAGE, --note, --start, --partner-confirmed or --withdraw-others"
    )]
    NothingToDo { id: i64 },
    #[error("proposal {id}: --start (the agreed start) goes with offered or signed, not {stage}")]
    StartWith { id: i64, stage: Stage },
    #[error(
        "proposal {id}: --partner-confirmed is for partner engineers; {name} is {affiliation}"
    )]
    NotPartner {
        id: i64,
        name: String,
        affiliation: &'static str,
    },
    #[error("proposal {id} is {stage}: its rate and note can change only while it is unsigned")]
    Signed { id: i64, stage: Stage },
    #[error("opening {opening_id} was already answered at {}{how}", at.format("%Y-%m-%d %H:%M UTC"))]
    AlreadyAnswered {
        opening_id: i64,
        at: DateTime<Utc>,
        how: &'static str,
    },
}

const ITEM_SELECT: &str = "SELECT p.id, p.opening_id, p.engineer_id, p.revision, o.revision,
        p.stage, coalesce(p.stage_at, p.created_at), p.created_at, p.signed_at, p.rate, p.notes,
        (SELECT count(*) FROM proposal_events ev
          WHERE ev.proposal_id = p.id AND ev.stage = 'interviewed'),
        p.partner_confirmed, o.title, c.name, o.start, o.status, e.name, e.initials,
        e.affiliation, e.depth, e.partner_id, pa.name, o.rate_max, p.start_on
    FROM proposals p
    JOIN openings o ON o.id = p.opening_id
    JOIN engineers e ON e.id = p.engineer_id
    LEFT JOIN clients c ON c.id = o.client_id
    LEFT JOIN partners pa ON pa.id = e.partner_id";

/// A stage change's note, with the agreed start when one is given.
fn with_start(change: &StageChange) -> String {
    let note = change.note.trim();
    match (change.start_on, note) {
        (Some(d), "") => format!("start {d}"),
        (Some(d), n) => format!("start {d}: {n}"),
        (None, n) => n.to_string(),
    }
}

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<PipelineItem> {
    Ok(PipelineItem {
        id: r.get(0)?,
        opening_id: r.get(1)?,
        engineer_id: r.get(2)?,
        revision: r.get(3)?,
        opening_revision: r.get(4)?,
        // Stages written by older exports may be free text: treat the unknown as proposed.
        stage: Stage::parse(&r.get::<_, String>(5)?).unwrap_or(Stage::Proposed),
        stage_at: r.get(6)?,
        created_at: r.get(7)?,
        signed_at: r.get(8)?,
        rate: r.get::<_, Option<f64>>(9)?.and_then(Man::new),
        notes: r.get(10)?,
        interviews: r.get(11)?,
        partner_confirmed: r.get(12)?,
        opening_title: r.get(13)?,
        client: r.get(14)?,
        start: r
            .get::<_, Option<String>>(15)?
            .as_deref()
            .and_then(|s| Start::parse(s).ok()),
        opening_status: OpeningStatus::parse(&r.get::<_, String>(16)?)
            .unwrap_or(OpeningStatus::New),
        engineer_name: r.get(17)?,
        initials: r.get(18)?,
        affiliation: Affiliation::parse(&r.get::<_, String>(19)?).unwrap_or(Affiliation::Partner),
        depth: r.get(20)?,
        partner_id: r.get(21)?,
        partner: r.get(22)?,
        opening_rate_max: r.get::<_, Option<f64>>(23)?.and_then(Man::new),
        start_on: r.get(24)?,
        musts_unmet: Vec::new(),
    })
}

/// One stage change as recorded, with its note (interview feedback and the like).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StageEvent {
    pub stage: Stage,
    pub at: DateTime<Utc>,
    pub note: String,
}

/// What `stage` is asked to do. `to: None` only records a note or the partner's confirmation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StageChange {
    pub to: Option<Stage>,
    pub note: String,
    /// The partner confirmed the engineer's commitment (partner engineers only).
    pub partner_confirmed: bool,
    /// Withdraw the engineer's other open proposals in the same transaction.
    pub withdraw_others: bool,
    /// The start date agreed at 内定 (offered or signed only); a signed proposal's
    /// booking starts on it.
    pub start_on: Option<NaiveDate>,
}

/// What a stage change did.
#[derive(Debug, Clone, PartialEq)]
pub struct StageOutcome {
    pub from: Stage,
    /// The proposal after the change.
    pub item: PipelineItem,
    /// The engineer's other open proposals to withdraw now that the client said yes.
    pub to_withdraw: Vec<i64>,
    /// The ones withdrawn in this same transaction (`withdraw_others`).
    pub withdrawn: Vec<i64>,
}

fn insert_event(
    tx: &rusqlite::Connection,
    proposal: i64,
    stage: Stage,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO proposal_events (proposal_id, stage, at, note) VALUES (?1, ?2, ?3, ?4)",
        params![proposal, stage.as_str(), now, note],
    )?;
    Ok(())
}

fn withdraw_in(
    tx: &rusqlite::Connection,
    id: i64,
    from: Stage,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    from.check_move(Stage::Withdrawn)
        .map_err(|error| ProposalError::Move { id, error })?;
    tx.execute(
        "UPDATE proposals SET stage = 'withdrawn', stage_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    super::bookings::release_in(tx, id)?;
    insert_event(tx, id, Stage::Withdrawn, note, now)
}

impl Store {
    /// Every proposal with its opening, engineer and partner, by id: the board.
    pub fn pipeline(&self) -> Result<Vec<PipelineItem>> {
        let mut stmt = self.conn.prepare(&format!("{ITEM_SELECT} ORDER BY p.id"))?;
        let mut v: Vec<PipelineItem> = stmt
            .query_map([], item_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for item in v.iter_mut().filter(|p| p.revision_can_break()) {
            item.musts_unmet = self.musts_unmet(item)?;
        }
        Ok(v)
    }

    /// Must groups added since the proposal's revision that its engineer does not meet,
    /// from the stored revision snapshots.
    fn musts_unmet(&self, item: &PipelineItem) -> Result<Vec<String>> {
        let must_at = |rev: u32| -> Result<Option<Vec<String>>> {
            let snapshot: Option<String> = self
                .conn
                .query_row(
                    "SELECT snapshot FROM opening_revisions WHERE opening_id = ?1 AND revision = ?2",
                    params![item.opening_id, rev],
                    |r| r.get(0),
                )
                .optional()?;
            // A damaged snapshot flags nothing here; `history` names the damage.
            Ok(snapshot
                .and_then(|s| {
                    serde_json::from_str::<crate::pipeline::revision::Requirements>(&s).ok()
                })
                .map(|r| r.must))
        };
        let (Some(then), Some(now)) = (must_at(item.revision)?, must_at(item.opening_revision)?)
        else {
            return Ok(Vec::new());
        };
        let mut skills: Vec<(String, f32)> = self
            .conn
            .prepare(
                "SELECT s.name, es.years FROM engineer_skills es JOIN skills s ON s.id = es.skill_id
                 WHERE es.engineer_id = ?1",
            )?
            .query_map([item.engineer_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let other: String = self.conn.query_row(
            "SELECT other_skills FROM engineers WHERE id = ?1",
            [item.engineer_id],
            |r| r.get(0),
        )?;
        skills.extend(other.lines().filter_map(|l| {
            let (name, years) = l.split_once('\t')?;
            Some((name.to_string(), years.parse().ok()?))
        }));
        Ok(crate::pipeline::board::new_musts_unmet(
            &then, &now, &skills,
        ))
    }

    pub fn pipeline_item(&self, id: i64) -> Result<PipelineItem> {
        let mut item = self
            .conn
            .query_row(
                &format!("{ITEM_SELECT} WHERE p.id = ?1"),
                [id],
                item_from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NoSuch {
                record: super::Record::Proposal,
                id,
            })?;
        if item.revision_can_break() {
            item.musts_unmet = self.musts_unmet(&item)?;
        }
        Ok(item)
    }

    /// The proposal of an engineer for an opening, if there is one.
    pub fn proposal_for(&self, opening_id: i64, engineer_id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM proposals WHERE opening_id = ?1 AND engineer_id = ?2",
                [opening_id, engineer_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The stage history of a proposal, oldest first.
    pub fn proposal_events(&self, id: i64) -> Result<Vec<StageEvent>> {
        let mut stmt = self.conn.prepare(
            "SELECT stage, at, note FROM proposal_events WHERE proposal_id = ?1 ORDER BY at, id",
        )?;
        let v = stmt
            .query_map([id], |r| {
                Ok(StageEvent {
                    stage: Stage::parse(&r.get::<_, String>(0)?).unwrap_or(Stage::Proposed),
                    at: r.get(1)?,
                    note: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Every proposal's stage history, oldest first, by proposal id: the pipeline pane's story.
    pub fn all_proposal_events(&self) -> Result<std::collections::HashMap<i64, Vec<StageEvent>>> {
        let mut stmt = self.conn.prepare(
            "SELECT proposal_id, stage, at, note FROM proposal_events ORDER BY proposal_id, at, id",
        )?;
        let mut out: std::collections::HashMap<i64, Vec<StageEvent>> = Default::default();
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>("proposal_id")?,
                StageEvent {
                    stage: Stage::parse(&r.get::<_, String>("stage")?).unwrap_or(Stage::Proposed),
                    at: r.get("at")?,
                    note: r.get("note")?,
                },
            ))
        })?;
        for row in rows {
            let (id, e) = row?;
            out.entry(id).or_default().push(e);
        }
        Ok(out)
    }

    /// Record a proposal with a note; the first proposal answers the opening. One transaction.
    pub fn propose_with_note(
        &mut self,
        opening_id: i64,
        engineer_id: i64,
        rate: Option<Man>,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let opening = self.opening(opening_id)?;
        self.engineer(engineer_id)?;
        let tx = self.transaction()?;
        let existing: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, stage FROM proposals WHERE opening_id = ?1 AND engineer_id = ?2",
                [opening_id, engineer_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((id, stage)) = existing {
            return Err(ProposalError::AlreadyProposed {
                engineer_id,
                opening_id,
                proposal_id: id,
                stage,
            }
            .into());
        }
        tx.execute(
            "INSERT INTO proposals (opening_id, engineer_id, revision, stage, rate, notes,
                created_at, stage_at)
             VALUES (?1, ?2, ?3, 'proposed', ?4, ?5, ?6, ?6)",
            params![
                opening_id,
                engineer_id,
                opening.revision,
                rate.map(Man::as_f64),
                note,
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        insert_event(&tx, id, Stage::Proposed, note, now)?;
        tx.execute(
            "UPDATE openings SET
                answer_kind = CASE WHEN answered_at IS NULL THEN 'proposal' ELSE answer_kind END,
                answered_at = coalesce(answered_at, ?2),
                status = CASE WHEN status IN ('new', 'answered') THEN 'proposed' ELSE status END
             WHERE id = ?1",
            params![opening_id, now],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Move a proposal to a stage (or only note something on it), in one transaction.
    ///
    /// Illegal moves are refused before anything is written. Signing marks the opening won.
    pub fn set_stage(
        &mut self,
        id: i64,
        change: &StageChange,
        now: DateTime<Utc>,
    ) -> Result<StageOutcome> {
        let before = self.pipeline_item(id)?;
        if change.withdraw_others && change.to.is_some_and(|t| !t.commits_engineer()) {
            return Err(ProposalError::WithdrawOthersWith {
                id,
                to: change.to.map_or("", Stage::as_str),
            }
            .into());
        }
        if let Some(to) = change.to {
            before
                .stage
                .check_move(to)
                .map_err(|error| ProposalError::Move { id, error })?;
        } else if change.withdraw_others && !before.stage.commits_engineer() {
            return Err(ProposalError::WithdrawOthersFrom {
                id,
                stage: before.stage,
            }
            .into());
        } else if !change.partner_confirmed
            && !change.withdraw_others
            && change.start_on.is_none()
            && change.note.trim().is_empty()
        {
            return Err(ProposalError::NothingToDo { id }.into());
        }
        if change.start_on.is_some() && !change.to.unwrap_or(before.stage).commits_engineer() {
            return Err(ProposalError::StartWith {
                id,
                stage: change.to.unwrap_or(before.stage),
            }
            .into());
        }
        if change.partner_confirmed && before.affiliation != Affiliation::Partner {
            return Err(ProposalError::NotPartner {
                id,
                name: before.engineer_name.clone(),
                affiliation: before.affiliation.as_str(),
            }
            .into());
        }
        let board: Vec<PipelineItem> = self
            .pipeline()?
            .into_iter()
            .filter(|p| p.engineer_id == before.engineer_id)
            .collect();
        let commits = match change.to {
            Some(to) => to.commits_engineer(),
            None => change.withdraw_others,
        };
        let others = if commits {
            to_withdraw(&board, id)
        } else {
            Vec::new()
        };
        let tx = self.transaction()?;
        match change.to {
            Some(to) => {
                // The stage read above must still hold: another process may have moved it.
                let n = tx.execute(
                    "UPDATE proposals SET stage = ?2, stage_at = ?3,
                        signed_at = CASE WHEN ?2 = 'signed' THEN ?3 ELSE signed_at END,
                        partner_confirmed = CASE WHEN ?4 THEN 1 ELSE partner_confirmed END,
                        start_on = coalesce(?6, start_on)
                     WHERE id = ?1 AND stage = ?5",
                    params![
                        id,
                        to.as_str(),
                        now,
                        change.partner_confirmed,
                        before.stage.as_str(),
                        change.start_on
                    ],
                )?;
                if n != 1 {
                    return Err(StoreError::ProposalChanged { id });
                }
                insert_event(&tx, id, to, &with_start(change), now)?;
                // Signing books the engineer; falling through releases the booking.
                match to {
                    Stage::Signed => super::bookings::book_in(&tx, id, now.date_naive())?,
                    Stage::Declined | Stage::Rejected | Stage::Withdrawn => {
                        super::bookings::release_in(&tx, id)?;
                    }
                    _ => {}
                }
                if to == Stage::Signed {
                    tx.execute(
                        "UPDATE openings SET status = 'won'
                         WHERE id = ?1 AND status IN ('new', 'answered', 'proposed')",
                        [before.opening_id],
                    )?;
                }
            }
            None if !change.partner_confirmed
                && change.start_on.is_none()
                && change.note.trim().is_empty() => {}
            None => {
                tx.execute(
                    "UPDATE proposals SET
                        partner_confirmed = CASE WHEN ?2 THEN 1 ELSE partner_confirmed END,
                        start_on = coalesce(?3, start_on)
                     WHERE id = ?1",
                    params![id, change.partner_confirmed, change.start_on],
                )?;
                // A signed proposal's booking follows a new agreed start.
                if let Some(day) = change.start_on {
                    tx.execute(
                        "UPDATE assignments SET starts_on = ?2 WHERE proposal_id = ?1",
                        params![id, day],
                    )?;
                }
                // The event repeats the current stage: a note, not a move.
                let note = match (change.partner_confirmed, with_start(change)) {
                    (true, n) if n.is_empty() => "partner confirmed commitment".to_string(),
                    (true, n) => format!("partner confirmed commitment: {n}"),
                    (false, n) => n,
                };
                insert_event(&tx, id, before.stage, &note, now)?;
            }
        }
        let mut withdrawn = Vec::new();
        if commits && change.withdraw_others {
            let stage_name = change.to.unwrap_or(before.stage).as_str();
            for other in &others {
                if let Some(o) = board.iter().find(|p| p.id == *other) {
                    let note = format!("engineer {stage_name} on proposal {id}");
                    withdraw_in(&tx, o.id, o.stage, &note, now)?;
                    withdrawn.push(o.id);
                }
            }
        }
        tx.commit()?;
        Ok(StageOutcome {
            from: before.stage,
            item: self.pipeline_item(id)?,
            to_withdraw: if change.withdraw_others {
                Vec::new()
            } else {
                others
            },
            withdrawn,
        })
    }

    /// Change an unsigned proposal's rate and note (`Some(None)` clears the rate); each
    /// change is an event in its story. A signed proposal's terms are the contract's.
    pub fn set_proposal_terms(
        &mut self,
        id: i64,
        rate: Option<Option<Man>>,
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(PipelineItem, PipelineItem)> {
        let before = self.pipeline_item(id)?;
        if before.signed_at.is_some() || !before.stage.is_open() || before.stage == Stage::Signed {
            return Err(ProposalError::Signed {
                id,
                stage: before.stage,
            }
            .into());
        }
        let mut story = Vec::new();
        let new_rate = rate.unwrap_or(before.rate);
        if new_rate != before.rate {
            let show = |m: Option<Man>| m.map_or_else(|| "-".to_string(), |m| m.to_string());
            story.push(format!("rate {} → {}", show(before.rate), show(new_rate)));
        }
        let new_note = note.map_or(before.notes.clone(), |n| n.trim().to_string());
        if new_note != before.notes {
            story.push(format!("note: {new_note}"));
        }
        if story.is_empty() {
            return Ok((before.clone(), before));
        }
        let tx = self.transaction()?;
        let n = tx.execute(
            "UPDATE proposals SET rate = ?2, notes = ?3 WHERE id = ?1 AND stage = ?4",
            params![
                id,
                new_rate.map(Man::as_f64),
                new_note,
                before.stage.as_str()
            ],
        )?;
        if n != 1 {
            return Err(StoreError::ProposalChanged { id });
        }
        insert_event(&tx, id, before.stage, &story.join("; "), now)?;
        tx.commit()?;
        let after = self.pipeline_item(id)?;
        Ok((before, after))
    }

    /// Withdraw several proposals in one transaction: all of them, or none.
    pub fn withdraw(&mut self, ids: &[i64], note: &str, now: DateTime<Utc>) -> Result<()> {
        let items: Vec<PipelineItem> = ids
            .iter()
            .map(|id| self.pipeline_item(*id))
            .collect::<Result<_>>()?;
        let tx = self.transaction()?;
        for p in &items {
            withdraw_in(&tx, p.id, p.stage, note, now)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Answer an opening "none available": it counts as the first response.
    pub fn answer_none(&mut self, opening_id: i64, now: DateTime<Utc>) -> Result<()> {
        let o = self.opening(opening_id)?;
        if let Some(at) = o.answered_at {
            let kind: Option<String> = self.conn.query_row(
                "SELECT answer_kind FROM openings WHERE id = ?1",
                [opening_id],
                |r| r.get(0),
            )?;
            let how = match kind.as_deref() {
                Some("none") => " (none available)",
                Some("proposal") => " (with a proposal)",
                _ => "",
            };
            return Err(ProposalError::AlreadyAnswered {
                opening_id,
                at,
                how,
            }
            .into());
        }
        let tx = self.transaction()?;
        tx.execute(
            "UPDATE openings SET answered_at = ?2, answer_kind = 'none',
                status = CASE WHEN status = 'new' THEN 'answered' ELSE status END
             WHERE id = ?1 AND answered_at IS NULL",
            params![opening_id, now],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// What `stats` needs: every opening's times and rank, every proposal's outcome.
    pub fn response_facts(&self) -> Result<(Vec<OpeningFacts>, Vec<ProposalFacts>)> {
        let mut stmt = self.conn.prepare(
            "SELECT o.id, o.received_at, o.answered_at, o.answer_kind, c.rank
             FROM openings o LEFT JOIN clients c ON c.id = o.client_id ORDER BY o.id",
        )?;
        let openings = stmt
            .query_map([], |r| {
                Ok(OpeningFacts {
                    id: r.get(0)?,
                    received_at: r.get(1)?,
                    answered_at: r.get(2)?,
                    answered_none: r.get::<_, Option<String>>(3)?.as_deref() == Some("none"),
                    rank: r
                        .get::<_, Option<String>>(4)?
                        .as_deref()
                        .and_then(Rank::parse),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT p.opening_id, p.stage, EXISTS (SELECT 1 FROM proposal_events ev
                 WHERE ev.proposal_id = p.id
                   AND ev.stage IN ('interview', 'interviewed', 'offered', 'signed', 'started'))
             FROM proposals p ORDER BY p.id",
        )?;
        let proposals = stmt
            .query_map([], |r| {
                let stage = Stage::parse(&r.get::<_, String>(1)?).unwrap_or(Stage::Proposed);
                Ok(ProposalFacts {
                    opening_id: r.get(0)?,
                    interviewed: stage.is_interview_or_later() || r.get::<_, bool>(2)?,
                    won: stage.is_won(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((openings, proposals))
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema::MIGRATIONS;
    use super::*;

    #[test]
    fn a_version_1_database_upgrades_with_its_proposals() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0].1).unwrap();
            conn.execute_batch(
                "INSERT INTO engineers (id, name, initials, affiliation, created_at, updated_at)
                     VALUES (1, 'A', 'A.', 'own', '2026-01-01', '2026-01-01');
                 INSERT INTO openings (id, title, received_at, created_at)
                     VALUES (1, 'x', '2026-01-01T00:00:00Z', '2026-01-01');
                 INSERT INTO proposals (opening_id, engineer_id, created_at)
                     VALUES (1, 1, '2026-01-02T00:00:00Z');
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let mut s = Store::open(&path, crate::skills::Taxonomy::builtin()).unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let item = s.pipeline_item(1).unwrap();
        assert_eq!(item.stage, Stage::Proposed);
        assert_eq!(
            item.stage_at, item.created_at,
            "old rows fall back to created_at"
        );
        let now = Utc::now();
        s.set_stage(
            1,
            &StageChange {
                to: Some(Stage::Interview),
                ..StageChange::default()
            },
            now,
        )
        .unwrap();
        assert_eq!(s.proposal_events(1).unwrap().len(), 1);
    }
}
