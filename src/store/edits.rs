//! Editing one engineer's profile in place (the dashboard form, `edit engineer --set`).

use chrono::{DateTime, Utc};
use rusqlite::ToSql;

use super::{Result, Store, StoreError};
use crate::domain::{Engineer, Man, Remote};

impl Store {
    /// Write an engineer's profile and skills as given, in one transaction. Proposals,
    /// assignments and offers stay: the row is updated, never replaced.
    pub fn update_engineer(&mut self, e: &Engineer, now: DateTime<Utc>) -> Result<()> {
        let skill_ids = self.skill_db_ids.clone();
        let tx = self.transaction()?;
        let row = EngineerRow::new(e);
        let mut values = row.params().to_vec();
        values.extend([
            (":id", &e.id as &dyn ToSql),
            (":partner_id", &e.partner_id),
            (":now", &now),
        ]);
        let n = tx.execute(
            "UPDATE engineers SET name = :name, initials = :initials, affiliation = :affiliation,
                partner_id = :partner_id, depth = :depth, station = :station, area = :area,
                remote_pref = :remote_pref, available_from = :available_from,
                availability_confirmed = :availability_confirmed, cost = :cost, rate = :rate,
                foreign_national = :foreign_national, japanese_level = :japanese_level,
                age_band = :age_band, career_start = :career_start, notes = :notes,
                last_checked = :last_checked, updated_at = :now, employment = :employment,
                ng = :ng, languages = :languages
             WHERE id = :id",
            &*values,
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

/// An engineer's profile columns as stored, made in one place for the insert and the
/// update: named parameters `:name` … `:languages`, one per column of the same name
/// (`foreign` is stored as `foreign_national`).
pub(super) struct EngineerRow<'a> {
    e: &'a Engineer,
    affiliation: &'static str,
    remote_pref: Option<&'static str>,
    cost: Option<f64>,
    rate: Option<f64>,
    employment: Option<&'static str>,
    ng: String,
    languages: String,
}

impl<'a> EngineerRow<'a> {
    pub(super) fn new(e: &'a Engineer) -> Self {
        EngineerRow {
            e,
            affiliation: e.affiliation.as_str(),
            remote_pref: e.remote_pref.map(Remote::as_str),
            cost: e.cost.map(Man::as_f64),
            rate: e.rate.map(Man::as_f64),
            employment: e.employment.map(crate::domain::Employment::as_str),
            ng: e.ng.join("、"),
            languages: crate::domain::format_languages(&e.languages),
        }
    }

    pub(super) fn params(&self) -> [(&'static str, &dyn ToSql); 20] {
        let e = self.e;
        [
            (":name", &e.name),
            (":initials", &e.initials),
            (":affiliation", &self.affiliation),
            (":depth", &e.depth),
            (":station", &e.station),
            (":area", &e.area),
            (":remote_pref", &self.remote_pref),
            (":available_from", &e.available_from),
            (":availability_confirmed", &e.availability_confirmed),
            (":cost", &self.cost),
            (":rate", &self.rate),
            (":foreign_national", &e.foreign),
            (":japanese_level", &e.japanese_level),
            (":age_band", &e.age_band),
            (":career_start", &e.career_start),
            (":notes", &e.notes),
            (":last_checked", &e.last_checked),
            (":employment", &self.employment),
            (":ng", &self.ng),
            (":languages", &self.languages),
        ]
    }
}
