//! The pipeline's history in exports: stage events, revisions, incidents, answers.
//!
//! Kept apart from the plain records so an export of an older benchmatch (without
//! these sections) still restores.

use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::Result;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    #[serde(default)]
    pub proposal_states: Vec<ProposalState>,
    #[serde(default)]
    pub opening_answers: Vec<OpeningAnswer>,
    #[serde(default)]
    pub proposal_events: Vec<ProposalEvent>,
    #[serde(default)]
    pub opening_revisions: Vec<OpeningRevision>,
    #[serde(default)]
    pub partner_incidents: Vec<PartnerIncident>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposalState {
    pub id: i64,
    pub partner_confirmed: Option<bool>,
    pub stage_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpeningAnswer {
    pub id: i64,
    pub answer_kind: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposalEvent {
    pub id: i64,
    pub proposal_id: i64,
    pub stage: String,
    pub at: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpeningRevision {
    pub opening_id: i64,
    pub revision: i64,
    pub snapshot: String,
    pub changed_by: String,
    pub changed_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerIncident {
    pub id: i64,
    pub partner_id: i64,
    pub at: String,
    pub text: String,
}

pub(super) fn export(conn: &Connection) -> Result<History> {
    let mut h = History::default();
    let mut stmt = conn.prepare(
        "SELECT id, partner_confirmed, stage_at FROM proposals
         WHERE partner_confirmed IS NOT NULL OR stage_at IS NOT NULL ORDER BY id",
    )?;
    h.proposal_states = stmt
        .query_map([], |r| {
            Ok(ProposalState {
                id: r.get(0)?,
                partner_confirmed: r.get(1)?,
                stage_at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT id, answer_kind, notes FROM openings
         WHERE answer_kind IS NOT NULL OR notes <> '' ORDER BY id",
    )?;
    h.opening_answers = stmt
        .query_map([], |r| {
            Ok(OpeningAnswer {
                id: r.get(0)?,
                answer_kind: r.get(1)?,
                notes: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt =
        conn.prepare("SELECT id, proposal_id, stage, at, note FROM proposal_events ORDER BY id")?;
    h.proposal_events = stmt
        .query_map([], |r| {
            Ok(ProposalEvent {
                id: r.get(0)?,
                proposal_id: r.get(1)?,
                stage: r.get(2)?,
                at: r.get(3)?,
                note: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT opening_id, revision, snapshot, changed_by, changed_at FROM opening_revisions
         ORDER BY opening_id, revision",
    )?;
    h.opening_revisions = stmt
        .query_map([], |r| {
            Ok(OpeningRevision {
                opening_id: r.get(0)?,
                revision: r.get(1)?,
                snapshot: r.get(2)?,
                changed_by: r.get(3)?,
                changed_at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt =
        conn.prepare("SELECT id, partner_id, at, text FROM partner_incidents ORDER BY id")?;
    h.partner_incidents = stmt
        .query_map([], |r| {
            Ok(PartnerIncident {
                id: r.get(0)?,
                partner_id: r.get(1)?,
                at: r.get(2)?,
                text: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(h)
}

/// Write the history back inside the restore's transaction; ids are kept.
pub(super) fn import(tx: &Transaction<'_>, h: &History) -> Result<()> {
    for s in &h.proposal_states {
        tx.execute(
            "UPDATE proposals SET partner_confirmed = ?2, stage_at = ?3 WHERE id = ?1",
            params![s.id, s.partner_confirmed, s.stage_at],
        )?;
    }
    for a in &h.opening_answers {
        tx.execute(
            "UPDATE openings SET answer_kind = ?2, notes = ?3 WHERE id = ?1",
            params![a.id, a.answer_kind, a.notes],
        )?;
    }
    for e in &h.proposal_events {
        tx.execute(
            "INSERT INTO proposal_events (id, proposal_id, stage, at, note) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![e.id, e.proposal_id, e.stage, e.at, e.note],
        )?;
    }
    for r in &h.opening_revisions {
        tx.execute(
            "INSERT INTO opening_revisions (opening_id, revision, snapshot, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                r.opening_id,
                r.revision,
                r.snapshot,
                r.changed_by,
                r.changed_at
            ],
        )?;
    }
    for i in &h.partner_incidents {
        tx.execute(
            "INSERT INTO partner_incidents (id, partner_id, at, text) VALUES (?1, ?2, ?3, ?4)",
            params![i.id, i.partner_id, i.at, i.text],
        )?;
    }
    Ok(())
}
