//! Editing one engineer's profile in place (the dashboard form, `edit engineer --set`).

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Result, Store, StoreError};
use crate::domain::{Engineer, Man, Remote};

impl Store {
    /// Write an engineer's profile and skills as given, in one transaction. Proposals,
    /// assignments and offers stay: the row is updated, never replaced.
    pub fn update_engineer(&mut self, e: &Engineer, now: DateTime<Utc>) -> Result<()> {
        let skill_ids = self.skill_db_ids.clone();
        let tx = self.transaction()?;
        let n = tx.execute(
            "UPDATE engineers SET name = ?2, initials = ?3, affiliation = ?4, partner_id = ?5,
                depth = ?6, station = ?7, area = ?8, remote_pref = ?9, available_from = ?10,
                availability_confirmed = ?11, cost = ?12, rate = ?13, foreign_national = ?14,
                japanese_level = ?15, age_band = ?16, career_start = ?17, notes = ?18,
                last_checked = ?19, updated_at = ?20, employment = ?21, ng = ?22,
                languages = ?23
             WHERE id = ?1",
            params![
                e.id,
                e.name,
                e.initials,
                e.affiliation.as_str(),
                e.partner_id,
                e.depth,
                e.station,
                e.area,
                e.remote_pref.map(Remote::as_str),
                e.available_from,
                e.availability_confirmed,
                e.cost.map(Man::as_f64),
                e.rate.map(Man::as_f64),
                e.foreign,
                e.japanese_level,
                e.age_band,
                e.career_start,
                e.notes,
                e.last_checked,
                now,
                e.employment.map(crate::domain::Employment::as_str),
                e.ng.join("、"),
                crate::domain::format_languages(&e.languages),
            ],
        )?;
        if n != 1 {
            return Err(StoreError::NotFound(format!(
                "no engineer with id {}",
                e.id
            )));
        }
        super::engineers::write_table_columns(&tx, e.id, e)?;
        tx.execute("DELETE FROM engineer_skills WHERE engineer_id = ?1", [e.id])?;
        super::openings::insert_engineer_skills(&tx, e.id, &e.skills, &skill_ids)?;
        tx.commit()?;
        Ok(())
    }
}
