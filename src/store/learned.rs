//! Learned reading rules and the sending firm of an opening: the rep's corrections, kept
//! with the partner that sent the posting corrected, and that partner on the opening.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::{PostingBatch, Result, Store, StoreError};
use crate::domain::learned::{Correction, CorrectionKind, LearnedRule};

const RULE_COLUMNS: &str = "r.id, r.partner_id, p.name AS firm, r.term, r.kind, r.skill,
    r.opening_id, r.at, r.by";

fn rule_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LearnedRule> {
    let kind: String = r.get("kind")?;
    Ok(LearnedRule {
        id: r.get("id")?,
        partner_id: r.get("partner_id")?,
        firm: r.get("firm")?,
        term: r.get("term")?,
        kind: CorrectionKind::parse(&kind).unwrap_or(CorrectionKind::Drop),
        skill: r.get("skill")?,
        opening_id: r.get("opening_id")?,
        at: r.get("at")?,
        by: r.get("by")?,
    })
}

fn all_rules(conn: &rusqlite::Connection) -> Result<Vec<LearnedRule>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RULE_COLUMNS} FROM learned_rules r LEFT JOIN partners p ON p.id = r.partner_id
         ORDER BY r.id"
    ))?;
    let rules = stmt
        .query_map([], rule_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rules)
}

fn insert_rule(
    tx: &rusqlite::Connection,
    partner_id: Option<i64>,
    opening_id: Option<i64>,
    c: &Correction,
    by: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let term = c.term.trim();
    if term.is_empty() || term.chars().count() > 200 {
        return Err(StoreError::Invalid(format!(
            "a learned term must be 1 to 200 characters, not '{term}'"
        )));
    }
    if (c.kind == CorrectionKind::Alias) != c.skill.is_some() {
        return Err(StoreError::Invalid(format!(
            "'{term}': an alias names a skill, a drop or a move does not"
        )));
    }
    tx.prepare_cached(
        "INSERT INTO learned_rules (partner_id, term, kind, skill, opening_id, at, by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        partner_id,
        term,
        c.kind.as_str(),
        c.skill,
        opening_id,
        now,
        by
    ])?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Every stored correction, oldest first, with the sending firm's name.
    pub fn learned_rules(&self) -> Result<Vec<LearnedRule>> {
        all_rules(&self.conn)
    }

    /// The partner that sent an opening, if known: (id, name).
    pub fn opening_sender(&self, opening_id: i64) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT p.id, p.name FROM openings o JOIN partners p ON p.id = o.sender_partner_id
                 WHERE o.id = ?1",
                [opening_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Keep the rep's corrections of an opening, each with the opening's sending firm.
    pub fn record_corrections(
        &mut self,
        opening_id: i64,
        corrections: &[Correction],
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>> {
        if corrections.is_empty() {
            return Ok(Vec::new());
        }
        let partner = self.opening_sender(opening_id)?.map(|(id, _)| id);
        let tx = self.transaction()?;
        let mut ids = Vec::with_capacity(corrections.len());
        for c in corrections {
            ids.push(insert_rule(&tx, partner, Some(opening_id), c, by, now)?);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Keep an alias given outside any opening (`skills add-alias`): used everywhere.
    pub fn record_alias(
        &mut self,
        term: &str,
        skill: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let tx = self.transaction()?;
        let id = insert_rule(&tx, None, None, &Correction::alias(term, skill), by, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// Forget one stored correction; false when there was none with this id.
    pub fn forget_rule(&mut self, id: i64) -> Result<bool> {
        let tx = self.transaction()?;
        let n = tx.execute("DELETE FROM learned_rules WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(n > 0)
    }
}

impl PostingBatch<'_> {
    /// The learned reading rules, read once per batch. Named apart from
    /// `Store::learned_rules`, a read: `tests/it/architecture.rs` takes every `&mut self`
    /// name of the store for a write.
    pub fn rules_learned(&mut self) -> Result<&[LearnedRule]> {
        if self.learned.is_none() {
            self.learned = Some(all_rules(&self.tx)?);
        }
        Ok(self.learned.as_deref().unwrap_or_default())
    }

    /// The stored partner of this name (however it is written), without creating one.
    pub fn find_sender(&mut self, name: &str) -> Result<Option<i64>> {
        if name.trim().is_empty() || self.is_own(name) {
            return Ok(None);
        }
        self.senders.find(&self.tx, name)
    }

    /// The partner that `name`, the firm that sent an opening, stands for: created if new,
    /// none for a blank name or our own company.
    pub(super) fn sender_partner(&mut self, name: &str) -> Result<Option<i64>> {
        if name.trim().is_empty() || self.is_own(name) {
            return Ok(None);
        }
        Ok(Some(self.senders.get_or_create(&self.tx, name)?))
    }
}

/// The sending firms and learned rules, for the export's history.
pub(super) fn export(conn: &rusqlite::Connection, h: &mut super::history::History) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, sender_partner_id FROM openings WHERE sender_partner_id IS NOT NULL
         ORDER BY id",
    )?;
    h.opening_senders = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    h.learned_rules = all_rules(conn)?;
    Ok(())
}

/// Restore what [`export`] wrote, keeping every rule's id.
pub(super) fn import(tx: &rusqlite::Connection, h: &super::history::History) -> Result<()> {
    for (opening_id, partner_id) in &h.opening_senders {
        tx.execute(
            "UPDATE openings SET sender_partner_id = ?2 WHERE id = ?1",
            params![opening_id, partner_id],
        )?;
    }
    for r in &h.learned_rules {
        // A redacted export withholds terms it cannot vouch for: nothing to learn from.
        if r.term.trim().is_empty() || (r.kind == CorrectionKind::Alias) != r.skill.is_some() {
            continue;
        }
        let c = Correction {
            term: r.term.clone(),
            kind: r.kind,
            skill: r.skill.clone(),
        };
        let id = insert_rule(tx, r.partner_id, r.opening_id, &c, &r.by, r.at)?;
        tx.execute(
            "UPDATE learned_rules SET id = ?2 WHERE id = ?1",
            params![id, r.id],
        )?;
    }
    Ok(())
}
