//! Requirement revisions of openings: each edit is a new revision; old ones are kept.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::records::OpeningRecord;
use super::{Result, Store, StoreError};
use crate::domain::Opening;
use crate::pipeline::revision::{FieldChange, Requirements};
use crate::skills::Taxonomy;

/// One stored revision of an opening's requirements.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub revision: u32,
    pub changed_at: DateTime<Utc>,
    /// Who made the change; empty for the opening as received.
    pub changed_by: String,
    pub requirements: Requirements,
}

/// What an edit did: the opening before and after, and the changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Revised {
    pub before: Opening,
    pub after: Opening,
    pub revision: u32,
    pub changes: Vec<FieldChange>,
}

impl Store {
    fn opening_record(&self, o: &Opening, tax: &Taxonomy) -> Result<OpeningRecord> {
        let client = match o.client_id {
            Some(c) => self.clients()?.remove(&c).map(|c| (c.name, c.rank)),
            None => None,
        };
        Ok(OpeningRecord::from_opening(o, client, tax))
    }

    fn opening_notes(&self, opening_id: i64) -> Result<String> {
        Ok(self
            .conn
            .query_row(
                "SELECT notes FROM openings WHERE id = ?1",
                [opening_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default())
    }

    /// The requirements of an opening as they stand.
    pub fn requirements(&self, opening_id: i64, tax: &Taxonomy) -> Result<Requirements> {
        let o = self.opening(opening_id)?;
        let rec = self.opening_record(&o, tax)?;
        Ok(Requirements::from_record(
            &rec,
            &self.opening_notes(opening_id)?,
        ))
    }

    /// Every revision, oldest first; the one in force is last.
    ///
    /// Openings never edited have no stored row: their only revision is the current state.
    pub fn revisions(&self, opening_id: i64, tax: &Taxonomy) -> Result<Vec<Revision>> {
        let o = self.opening(opening_id)?;
        let mut stmt = self.conn.prepare(
            "SELECT revision, changed_at, changed_by, snapshot FROM opening_revisions
             WHERE opening_id = ?1 ORDER BY revision",
        )?;
        let rows = stmt
            .query_map([opening_id], |r| {
                Ok((
                    r.get::<_, u32>(0)?,
                    r.get::<_, DateTime<Utc>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len() + 1);
        for (revision, changed_at, changed_by, snapshot) in rows {
            let requirements = serde_json::from_str(&snapshot).map_err(|e| {
                StoreError::Invalid(format!(
                    "opening {opening_id} revision {revision}: damaged snapshot ({e})"
                ))
            })?;
            out.push(Revision {
                revision,
                changed_at,
                changed_by,
                requirements,
            });
        }
        if out.last().is_none_or(|r| r.revision < o.revision) {
            out.push(Revision {
                revision: o.revision,
                changed_at: o.received_at,
                changed_by: String::new(),
                requirements: self.requirements(opening_id, tax)?,
            });
        }
        Ok(out)
    }

    /// Store edited requirements as a new revision, in one transaction.
    ///
    /// Validation is that of every import (`OpeningRecord::to_opening`); nothing is
    /// written when it fails, and `None` comes back when nothing changed.
    pub fn revise_opening(
        &mut self,
        opening_id: i64,
        edited: &Requirements,
        by: &str,
        tax: &Taxonomy,
        now: DateTime<Utc>,
    ) -> Result<Option<Revised>> {
        let before = self.opening(opening_id)?;
        let rec = self.opening_record(&before, tax)?;
        let current = Requirements::from_record(&rec, &self.opening_notes(opening_id)?);
        let mut next = rec.clone();
        edited
            .apply(&mut next)
            .map_err(|e| StoreError::Invalid(format!("opening {opening_id}: {e}")))?;
        let revision = before.revision + 1;
        next.revision = Some(revision);
        let mut after = next
            .to_opening(tax, now)
            .map_err(|e| StoreError::Invalid(format!("opening {opening_id}: {e}")))?;
        after.id = before.id;
        after.client_id = before.client_id;
        // Canonical skill names, so `java` and `Java` are no change.
        let stored = Requirements::from_record(
            &OpeningRecord::from_opening(&after, None, tax),
            edited.notes.trim_end(),
        );
        let changes = current.diff(&stored);
        if changes.is_empty() {
            return Ok(None);
        }
        let to_json = |r: &Requirements| {
            serde_json::to_string(r).map_err(|e| StoreError::Invalid(e.to_string()))
        };
        let (base_json, next_json) = (to_json(&current)?, to_json(&stored)?);
        let skill_ids = self.skill_db_ids.clone();
        let tx = self.transaction()?;
        // The opening as received becomes a revision row the first time it is edited.
        tx.execute(
            "INSERT OR IGNORE INTO opening_revisions
                (opening_id, revision, snapshot, changed_by, changed_at)
             VALUES (?1, ?2, ?3, '', ?4)",
            params![opening_id, before.revision, base_json, before.received_at],
        )?;
        let terms = super::openings::OpeningTerms::new(&after);
        let mut values = terms.params().to_vec();
        values.extend([
            (":id", &opening_id as &dyn rusqlite::ToSql),
            (":base", &before.revision),
            (":notes", &stored.notes),
            (":revision", &revision),
        ]);
        let n = tx.execute(
            "UPDATE openings SET title = :title, rate_min = :rate_min, rate_max = :rate_max,
                rate_text = :rate_text, settle_min_h = :settle_min_h,
                settle_max_h = :settle_max_h, location = :location, remote = :remote,
                start = :start, duration = :duration, interviews = :interviews,
                headcount = :headcount, max_depth = :max_depth,
                depth_with_fee = :depth_with_fee, freelancer_ok = :freelancer_ok,
                foreign_ok = :foreign_ok, age_limit = :age_limit, notes = :notes,
                revision = :revision
             WHERE id = :id AND revision = :base",
            &*values,
        )?;
        if n != 1 {
            return Err(StoreError::Changed(format!(
                "opening {opening_id} was changed meanwhile; edit it again"
            )));
        }
        tx.execute(
            "DELETE FROM opening_requirements WHERE opening_id = ?1",
            [opening_id],
        )?;
        super::openings::insert_requirements(&tx, opening_id, &after.requirements, &skill_ids)?;
        tx.execute(
            "INSERT INTO opening_revisions (opening_id, revision, snapshot, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![opening_id, revision, next_json, by, now],
        )?;
        tx.commit()?;
        Ok(Some(Revised {
            before,
            after: self.opening(opening_id)?,
            revision,
            changes,
        }))
    }
}
