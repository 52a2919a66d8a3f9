//! The pipeline's history in exports: stage events, revisions, incidents, answers.
//!
//! Kept apart from the plain records so an export of an older benchmatch (without
//! these sections) still restores.

use rusqlite::{params, Connection};
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
    /// Forwarded copies of openings, and the dedupe index built from them.
    #[serde(default)]
    pub opening_sources: Vec<OpeningSource>,
    #[serde(default)]
    pub opening_sketches: Vec<(i64, String)>,
    #[serde(default)]
    pub opening_shingles: Vec<(i64, i64)>,
    /// Partner engineers met in offer mails: when last offered, and every offer.
    #[serde(default)]
    pub engineer_offers: Vec<EngineerOffer>,
    #[serde(default)]
    pub offer_sources: Vec<OfferSource>,
    /// The partner that sent each opening: (opening id, partner id).
    #[serde(default)]
    pub opening_senders: Vec<(i64, i64)>,
    /// The rep's corrections of postings' readings: the learned reading rules.
    #[serde(default)]
    pub learned_rules: Vec<crate::domain::learned::LearnedRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpeningSource {
    pub id: i64,
    pub opening_id: i64,
    pub sender: Option<String>,
    pub subject: Option<String>,
    pub received_at: String,
    pub raw_text: String,
    pub content_hash: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineerOffer {
    pub id: i64,
    pub last_offered_at: Option<String>,
    pub offer_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferSource {
    pub id: i64,
    pub engineer_id: i64,
    pub partner_id: Option<i64>,
    pub sender: Option<String>,
    pub subject: Option<String>,
    pub received_at: String,
    pub raw_text: String,
    pub parsed: String,
    pub digest: String,
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
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
    read(conn, &mut h, |_| Ok(()))?;
    super::learned::export(conn, &mut h)?;
    Ok(h)
}

/// Every history row read as `export` reads it, one at a time; the rows a check has seen
/// can be dropped by `each`, so memory holds one row however long the history.
pub(super) fn check(conn: &Connection) -> Result<()> {
    let mut h = History::default();
    read(conn, &mut h, |h| {
        *h = History::default();
        Ok(())
    })
}

/// Read each history row into `h`, calling `each` after every row. Rows are read into
/// the export's types by column name.
fn read(
    conn: &Connection,
    h: &mut History,
    mut each: impl FnMut(&mut History) -> Result<()>,
) -> Result<()> {
    section(
        conn,
        "SELECT id, partner_confirmed, stage_at FROM proposals
         WHERE partner_confirmed IS NOT NULL OR stage_at IS NOT NULL ORDER BY id",
        h,
        |h| &mut h.proposal_states,
        &mut each,
    )?;
    section(
        conn,
        "SELECT id, answer_kind, notes FROM openings
         WHERE answer_kind IS NOT NULL OR notes <> '' ORDER BY id",
        h,
        |h| &mut h.opening_answers,
        &mut each,
    )?;
    section(
        conn,
        "SELECT id, proposal_id, stage, at, note FROM proposal_events ORDER BY id",
        h,
        |h| &mut h.proposal_events,
        &mut each,
    )?;
    section(
        conn,
        "SELECT opening_id, revision, snapshot, changed_by, changed_at FROM opening_revisions
         ORDER BY opening_id, revision",
        h,
        |h| &mut h.opening_revisions,
        &mut each,
    )?;
    section(
        conn,
        "SELECT id, partner_id, at, text FROM partner_incidents ORDER BY id",
        h,
        |h| &mut h.partner_incidents,
        &mut each,
    )?;
    section(
        conn,
        "SELECT id, opening_id, sender, subject, received_at, raw_text, content_hash
         FROM opening_sources ORDER BY id",
        h,
        |h| &mut h.opening_sources,
        &mut each,
    )?;
    let mut stmt =
        conn.prepare("SELECT opening_id, sketch FROM opening_sketches ORDER BY opening_id")?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get("opening_id")?,
            to_hex(&r.get::<_, Vec<u8>>("sketch")?),
        ))
    })? {
        h.opening_sketches.push(row?);
        each(h)?;
    }
    let mut stmt =
        conn.prepare("SELECT hash, opening_id FROM opening_shingles ORDER BY opening_id, hash")?;
    for row in stmt.query_map([], |r| Ok((r.get("hash")?, r.get("opening_id")?)))? {
        h.opening_shingles.push(row?);
        each(h)?;
    }
    section(
        conn,
        "SELECT id, last_offered_at, offer_key FROM engineers
         WHERE last_offered_at IS NOT NULL OR offer_key IS NOT NULL ORDER BY id",
        h,
        |h| &mut h.engineer_offers,
        &mut each,
    )?;
    section(
        conn,
        "SELECT id, engineer_id, partner_id, sender, subject, received_at, raw_text, parsed, digest
         FROM offer_sources ORDER BY id",
        h,
        |h| &mut h.offer_sources,
        &mut each,
    )
}

/// Each row of `sql` read by column name onto the list `list` picks, `each` after every row.
fn section<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    h: &mut History,
    list: fn(&mut History) -> &mut Vec<T>,
    each: &mut impl FnMut(&mut History) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        list(h).push(serde_rusqlite::from_row(row)?);
        each(h)?;
    }
    Ok(())
}

/// Write the history back inside the restore's transaction; ids are kept.
pub(super) fn import(tx: &rusqlite::Connection, h: &History) -> Result<()> {
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
    for o in &h.opening_sources {
        tx.execute(
            "INSERT INTO opening_sources (id, opening_id, sender, subject, received_at, raw_text,
                content_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                o.id,
                o.opening_id,
                o.sender,
                o.subject,
                o.received_at,
                o.raw_text,
                o.content_hash
            ],
        )?;
    }
    for (opening_id, hex) in &h.opening_sketches {
        let bytes = from_hex(hex).ok_or_else(|| {
            super::StoreError::Invalid(format!("opening {opening_id}: sketch is not hex"))
        })?;
        tx.execute(
            "INSERT INTO opening_sketches (opening_id, sketch) VALUES (?1, ?2)",
            params![opening_id, bytes],
        )?;
    }
    let mut ins = tx.prepare("INSERT INTO opening_shingles (hash, opening_id) VALUES (?1, ?2)")?;
    for (hash, opening_id) in &h.opening_shingles {
        ins.execute(params![hash, opening_id])?;
    }
    for e in &h.engineer_offers {
        tx.execute(
            "UPDATE engineers SET last_offered_at = ?2, offer_key = ?3 WHERE id = ?1",
            params![e.id, e.last_offered_at, e.offer_key],
        )?;
    }
    for o in &h.offer_sources {
        tx.execute(
            "INSERT INTO offer_sources (id, engineer_id, partner_id, sender, subject, received_at,
                raw_text, parsed, digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                o.id,
                o.engineer_id,
                o.partner_id,
                o.sender,
                o.subject,
                o.received_at,
                o.raw_text,
                o.parsed,
                o.digest
            ],
        )?;
    }
    super::learned::import(tx, h)?;
    Ok(())
}
