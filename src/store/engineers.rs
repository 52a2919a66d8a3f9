//! Engineers, their skills, partners and assignments.

use chrono::{NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use std::collections::HashMap;

use super::records::{AssignmentRecord, EngineerRecord, PartnerRecord};
use super::{ImportError, Result, Store, StoreError};
use crate::domain::fields::{self as table, ENGINEER_TABLE};
use crate::domain::{
    Affiliation, Assignment, Employment, Engineer, EngineerSkill, FreeKind, Man, Remote,
};
use crate::skills::Taxonomy;
use std::sync::LazyLock;

const ENGINEER_COLUMNS: &str = "id, name, initials, affiliation, partner_id, depth, station, area,
    remote_pref, available_from, availability_confirmed, cost, rate, foreign_national,
    japanese_level, age_band, career_start, notes, last_checked, last_offered_at, employment, ng,
    other_skills, languages";

/// [`ENGINEER_COLUMNS`] as ranking reads them: in the same places, with what only a shown
/// row needs (name, initials, notes, the last check) left empty, so a pool of 100k
/// allocates no strings for them.
const RANKING_COLUMNS: &str = "id, '' AS name, '' AS initials, affiliation, partner_id, depth,
    station, area, remote_pref, available_from, availability_confirmed, cost, rate,
    foreign_national, japanese_level, age_band, career_start, '' AS notes, NULL AS last_checked,
    last_offered_at, employment, ng, other_skills, languages";

/// Which columns of an engineer to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Columns {
    /// The whole profile.
    Profile,
    /// What ranking reads ([`RANKING_COLUMNS`]).
    Ranking,
}

/// The columns of the table's fields, in table order, after [`ENGINEER_COLUMNS`].
static TABLE_COLUMNS: LazyLock<String> = LazyLock::new(|| {
    ENGINEER_TABLE
        .iter()
        .map(|f| format!(", {}", f.column))
        .collect()
});

/// Where the table's columns start in a row selected with [`ENGINEER_COLUMNS`].
const TABLE_FIRST: usize = 24;

/// `UPDATE engineers SET a = ?2, b = ?3 WHERE id = ?1` for the table's columns, built once
/// from the table (plain identifiers, checked by its test); values are bound.
static TABLE_UPDATE: LazyLock<String> = LazyLock::new(|| {
    let sets = ENGINEER_TABLE
        .iter()
        .enumerate()
        .map(|(i, f)| format!("{} = ?{}", f.column, i + 2))
        .collect::<Vec<_>>()
        .join(", ");
    format!("UPDATE engineers SET {sets} WHERE id = ?1")
});

/// Write the table's fields of engineer `id`: the one place they are stored.
/// Whether any of the table's fields holds a value (a new row needs no update without one).
pub(super) fn any_table_column(e: &Engineer) -> bool {
    ENGINEER_TABLE.iter().any(|f| {
        !matches!(
            (f.get)(e),
            table::Value::Date(None) | table::Value::Text(None)
        )
    })
}

pub(super) fn write_table_columns(tx: &rusqlite::Connection, id: i64, e: &Engineer) -> Result<()> {
    if ENGINEER_TABLE.is_empty() {
        return Ok(());
    }
    use rusqlite::types::Value as Sql;
    let values =
        std::iter::once(Sql::Integer(id)).chain(ENGINEER_TABLE.iter().map(|f| match (f.get)(e) {
            table::Value::Date(Some(d)) => Sql::Text(d.to_string()),
            table::Value::Text(Some(t)) => Sql::Text(t),
            table::Value::Date(None) | table::Value::Text(None) => Sql::Null,
        }));
    tx.prepare_cached(&TABLE_UPDATE)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

fn engineer_from_row(r: &Row<'_>) -> rusqlite::Result<Engineer> {
    let mut e = engineer_core_from_row(r)?;
    for (i, f) in ENGINEER_TABLE.iter().enumerate() {
        let v = match f.kind {
            table::Kind::Date => table::Value::Date(date_col(r, TABLE_FIRST + i)?),
            table::Kind::Text => table::Value::Text(r.get(TABLE_FIRST + i)?),
        };
        (f.put)(&mut e, v);
    }
    Ok(e)
}

fn engineer_core_from_row(r: &Row<'_>) -> rusqlite::Result<Engineer> {
    let affiliation: String = r.get(3)?;
    let remote: Option<String> = r.get(8)?;
    let employment: Option<String> = r.get(20)?;
    let ng: String = r.get(21)?;
    let other: String = r.get(22)?;
    let langs: String = r.get("languages")?;
    Ok(Engineer {
        extra: Default::default(),
        id: r.get(0)?,
        name: r.get(1)?,
        initials: r.get(2)?,
        affiliation: Affiliation::parse(&affiliation).unwrap_or(Affiliation::Partner),
        partner_id: r.get(4)?,
        employment: employment.as_deref().and_then(Employment::parse),
        depth: r.get(5)?,
        station: r.get(6)?,
        area: r.get(7)?,
        remote_pref: remote.as_deref().and_then(Remote::parse),
        available_from: date_col(r, 9)?,
        availability_confirmed: date_col(r, 10)?,
        cost: r.get::<_, Option<f64>>(11)?.and_then(Man::new),
        rate: r.get::<_, Option<f64>>(12)?.and_then(Man::new),
        foreign: r.get(13)?,
        japanese_level: r.get(14)?,
        // Written by us through `format_languages`; a damaged value reads as none.
        languages: crate::domain::parse_languages(&langs).unwrap_or_default(),
        age_band: r.get(15)?,
        career_start: r.get(16)?,
        notes: r.get(17)?,
        last_checked: date_col(r, 18)?,
        ng: crate::domain::split_ng(&ng),
        last_offered: r.get(19)?,
        other_skills: other
            .lines()
            .filter_map(|l| {
                let (name, years) = l.split_once('\t')?;
                Some((name.to_string(), years.parse().ok()?))
            })
            .collect(),
        skills: Vec::new(),
    })
}

/// A `YYYY-MM-DD` column read without the general date parser: loading 100k
/// engineers reads 300k dates, and this is the common shape.
fn date_col(r: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    if let rusqlite::types::ValueRef::Text(b) = r.get_ref(idx)? {
        if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
            let num = |s: &[u8]| -> Option<u32> {
                s.iter().try_fold(0u32, |acc, c| {
                    c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
                })
            };
            if let (Some(y), Some(m), Some(d)) = (num(&b[0..4]), num(&b[5..7]), num(&b[8..10])) {
                if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                    return Ok(Some(date));
                }
            }
        }
    }
    r.get(idx)
}

/// Skill rows ordered by engineer id: all of them, or one engineer's.
fn skill_rows(
    conn: &rusqlite::Connection,
    skill_by_db_id: &[Option<crate::skills::SkillId>],
    only: Option<i64>,
) -> Result<Vec<(i64, EngineerSkill)>> {
    // Two statements rather than `?1 IS NULL OR ...`, so one engineer uses the key.
    let mut stmt = match only {
        None => conn.prepare_cached(
            "SELECT engineer_id, skill_id, years, level, last_used FROM engineer_skills
             ORDER BY engineer_id",
        )?,
        Some(_) => conn.prepare_cached(
            "SELECT engineer_id, skill_id, years, level, last_used FROM engineer_skills
             WHERE engineer_id = ?1",
        )?,
    };
    let mut rows = match only {
        None => stmt.query([])?,
        Some(id) => stmt.query([id])?,
    };
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.extend(skill_row(r, skill_by_db_id)?);
    }
    Ok(out)
}

/// One row of `engineer_id, skill_id, years, level, last_used`: the engineer and the skill,
/// or nothing for a skill the taxonomy no longer has.
fn skill_row(
    r: &rusqlite::Row<'_>,
    skill_by_db_id: &[Option<crate::skills::SkillId>],
) -> rusqlite::Result<Option<(i64, EngineerSkill)>> {
    let db_id: i64 = r.get(1)?;
    let Some(skill) = usize::try_from(db_id)
        .ok()
        .and_then(|i| skill_by_db_id.get(i).copied().flatten())
    else {
        return Ok(None);
    };
    let held = EngineerSkill {
        skill,
        years: r.get(2)?,
        level: r.get(3)?,
        last_used: r.get(4)?,
    };
    Ok(Some((r.get(0)?, held)))
}

/// Engineers matching a fixed filter on `e` (no user input reaches it), ordered by id,
/// without their skills.
pub(super) fn engineer_rows(
    conn: &rusqlite::Connection,
    columns: Columns,
    filter: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Engineer>> {
    let columns = match columns {
        Columns::Profile => ENGINEER_COLUMNS,
        Columns::Ranking => RANKING_COLUMNS,
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {columns}{} FROM engineers e WHERE {filter} ORDER BY e.id",
        *TABLE_COLUMNS
    ))?;
    let v = stmt
        .query_map(params, engineer_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Fill the skills of these engineers (ordered by id) alone, through the skill table's key.
pub(super) fn skill_rows_of(
    conn: &rusqlite::Connection,
    skill_by_db_id: &[Option<crate::skills::SkillId>],
    engineers: &mut [Engineer],
) -> Result<()> {
    let ids: Vec<i64> = engineers.iter().map(|e| e.id).collect();
    let json = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
    let mut stmt = conn.prepare_cached(
        "SELECT engineer_id, skill_id, years, level, last_used FROM engineer_skills
         WHERE engineer_id IN (SELECT value FROM json_each(?1)) ORDER BY engineer_id",
    )?;
    let mut rows = stmt.query([json])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.extend(skill_row(r, skill_by_db_id)?);
    }
    attach_rows(engineers, out);
    Ok(())
}

/// Give each engineer (ordered by id) its rows (ordered by engineer id) in one walk.
fn attach_rows(engineers: &mut [Engineer], rows: Vec<(i64, EngineerSkill)>) {
    let mut cursor = 0;
    for (eid, skill) in rows {
        while cursor < engineers.len() && engineers[cursor].id < eid {
            cursor += 1;
        }
        if let Some(e) = engineers.get_mut(cursor).filter(|e| e.id == eid) {
            e.skills.push(skill);
        }
    }
    for e in engineers.iter_mut() {
        e.normalize_skills();
    }
}

/// Why someone shows up in "who's free": a hold first, since it is the surprise.
pub fn free_kind(
    e: &Engineer,
    bookings: &crate::pipeline::booking::Bookings,
    assigned: &std::collections::HashSet<i64>,
    today: NaiveDate,
) -> FreeKind {
    if !bookings.holds_of(e.id).is_empty() {
        FreeKind::Hold
    } else if e.available_from.is_some_and(|d| d <= today) {
        FreeKind::Bench
    } else if assigned.contains(&e.id) {
        FreeKind::Ending
    } else {
        FreeKind::Joining
    }
}

#[derive(Debug, Clone)]
pub struct FreeEntry {
    pub engineer: Engineer,
    pub kind: FreeKind,
    pub partner: Option<String>,
}

/// Where a streamed roster import takes each row: its line and record.
pub type AddRow<'a> = dyn FnMut(usize, &EngineerRecord) -> Result<()> + 'a;

/// What a roster import stored (or, dry, would store).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RosterImport {
    pub ids: Vec<i64>,
    /// Partners named in the roster that were not known: created by the import.
    pub new_partners: Vec<String>,
    /// How many engineers came with each of `new_partners`, in its order.
    pub new_partner_engineers: Vec<usize>,
    /// Running assignments recorded (現在の現場 / 契約終了日).
    pub assignments: usize,
}

impl Store {
    /// Import engineers in one transaction: all of them, or none with the first bad line.
    pub fn import_engineers(
        &mut self,
        records: &[(usize, EngineerRecord)],
        tax: &Taxonomy,
    ) -> Result<Vec<i64>> {
        self.import_roster(records, tax, Utc::now(), false)
            .map(|r| r.ids)
    }

    /// Import engineers in one transaction: all of them, or none with the first bad line.
    /// A dry run does every step of the import, then rolls it back, so it fails exactly
    /// where the import would.
    pub fn import_roster(
        &mut self,
        records: &[(usize, EngineerRecord)],
        tax: &Taxonomy,
        now: chrono::DateTime<Utc>,
        dry_run: bool,
    ) -> Result<RosterImport> {
        self.import_roster_each(tax, now, dry_run, &mut |add| {
            records.iter().try_for_each(|(line, rec)| add(*line, rec))
        })
    }

    /// [`Store::import_roster`] for rows handed over one at a time: `rows` calls `add` for
    /// each, and each is checked and written as it comes, inside one transaction, so a
    /// million-row roster is never held whole and is still stored all or not at all (an error
    /// from `add` or from `rows` itself rolls everything back).
    pub fn import_roster_each<E: From<StoreError>>(
        &mut self,
        tax: &Taxonomy,
        now: chrono::DateTime<Utc>,
        dry_run: bool,
        rows: &mut dyn FnMut(&mut AddRow<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<RosterImport, E> {
        self.with_statement_journals_in_memory(|store| {
            let skill_ids = store.skill_db_ids.clone();
            let path = store.path.clone();
            let tx = store.transaction()?;
            let capture = super::sync::BulkCapture::start(&tx)?;
            let mut out = RosterImport::default();
            let mut seen_ids = std::collections::HashSet::new();
            let mut partners = PartnerCache::default();
            let mut clients = super::openings::ClientCache::default();
            // Partner id → its place in `out.new_partners`, to count the engineers it came with.
            let mut created = std::collections::HashMap::new();
            rows(&mut |line, rec| {
                let mut e = rec.to_engineer(tax).map_err(|m| ImportError::at(line, m))?;
                if let Some(id) = rec.id {
                    if !seen_ids.insert(id) {
                        return Err(
                            ImportError::at(line, format!("duplicate id {id} in file")).into()
                        );
                    }
                }
                let client = rec
                    .assignment_client
                    .as_deref()
                    .map(str::trim)
                    .filter(|c| !c.is_empty());
                // The running assignment: a dated end, `open` (長期), or a client alone (open).
                let end = match rec.assignment_end.as_deref().map(str::trim) {
                    Some(crate::domain::roster::OPEN_END) => Some(None),
                    Some(t) if !t.is_empty() => {
                        Some(Some(crate::domain::parse_date(t).map_err(|m| {
                            ImportError::at(
                                line,
                                format!("assignment_end: {m} (a date, or 長期 / 未定 for no end)"),
                            )
                        })?))
                    }
                    _ if client.is_some() => Some(None),
                    _ => None,
                };
                let start = match rec.assignment_start.as_deref().map(str::trim) {
                    Some(t) if !t.is_empty() => {
                        Some(crate::domain::parse_date(t).map_err(|m| {
                            ImportError::at(
                                line,
                                format!("assignment_start: {m} (the day it began)"),
                            )
                        })?)
                    }
                    _ => None,
                };
                if let (Some(s), Some(Some(e))) = (start, end) {
                    if s > e {
                        return Err(ImportError::at(
                            line,
                            format!("assignment_start {s} is after its end {e}"),
                        )
                        .into());
                    }
                }
                // Staff whose contract ends are free the next day unless the file says otherwise.
                if e.available_from.is_none() {
                    e.available_from = end.flatten().and_then(|d| d.succ_opt());
                }
                let partner_id = match rec.partner.as_deref().map(str::trim) {
                    Some(p) if !p.is_empty() => {
                        let (id, new) = partners.find_or_create(&tx, p)?;
                        if new {
                            created.insert(id, out.new_partners.len());
                            out.new_partners.push(p.to_string());
                            out.new_partner_engineers.push(0);
                        }
                        if let Some(&at) = created.get(&id) {
                            out.new_partner_engineers[at] += 1;
                        }
                        Some(id)
                    }
                    _ => None,
                };
                let id = super::openings::insert_engineer_row(&tx, &e, partner_id, &skill_ids, now)
                    .map_err(|err| match err {
                        StoreError::Sqlite(err)
                            if err.sqlite_error_code()
                                == Some(rusqlite::ErrorCode::ConstraintViolation) =>
                        {
                            StoreError::Import(ImportError::at(
                                line,
                                format!("engineer id {} already exists", e.id),
                            ))
                        }
                        StoreError::Sqlite(err) => super::classify(err, &path),
                        other => other,
                    })?;
                if let Some(end) = end {
                    let from = start.unwrap_or_else(|| {
                        end.map_or(now.date_naive(), |d| now.date_naive().min(d))
                    });
                    let client_id = match client {
                        Some(c) => Some(clients.get_or_create(&tx, c, None)?),
                        None => None,
                    };
                    tx.execute(
                        "INSERT INTO assignments (engineer_id, client_id, starts_on, ends_on)
                         VALUES (?1, ?2, ?3, ?4)",
                        params![id, client_id, from, end],
                    )?;
                    out.assignments += 1;
                }
                out.ids.push(id);
                Ok(())
            })?;
            capture.finish(&tx, &out.ids)?;
            if dry_run {
                tx.rollback().map_err(StoreError::from)?;
            } else {
                tx.commit().map_err(|e| super::classify(e, &path))?;
            }
            Ok(out)
        })
    }

    /// `work` with statement journals in memory (see [`Store::statement_journals_in_memory`]),
    /// the setting put back after it whatever its outcome.
    fn with_statement_journals_in_memory<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let journals = self.statement_journals_in_memory()?;
        let done = work(self);
        self.restore_temp_store(journals);
        done
    }

    /// Keep statement journals in memory for one long transaction, returning the setting
    /// to restore after it (none when it needs no change, or a transaction is already open,
    /// where it cannot change).
    ///
    /// Inside a transaction, each statement that fires triggers journals the pages it
    /// changes, so it can be undone alone. That journal is a temporary file once one
    /// statement has outgrown 64 KiB, and then stays one until the transaction ends: a
    /// million-row roster import wrote 7 pages per row to it (693,000 `pwrite` calls for
    /// 100k rows), most of its system time. In memory, a statement's journal holds only
    /// the few pages that statement touched.
    pub(super) fn statement_journals_in_memory(&self) -> Result<Option<i64>> {
        const MEMORY: i64 = 2;
        if !self.conn.is_autocommit() {
            return Ok(None);
        }
        let before: i64 = self.conn.query_row("PRAGMA temp_store", [], |r| r.get(0))?;
        if before == MEMORY {
            return Ok(None);
        }
        self.conn.pragma_update(None, "temp_store", MEMORY)?;
        Ok(Some(before))
    }

    /// Undo [`Store::statement_journals_in_memory`], so sorts and temporary tables of
    /// later work spill to disk again rather than growing memory.
    pub(super) fn restore_temp_store(&self, before: Option<i64>) {
        if let Some(before) = before {
            // Failing to restore leaves temporary files in memory: a later large sort may
            // take more memory, never gives a wrong result.
            let _ = self.conn.pragma_update(None, "temp_store", before);
        }
    }

    /// Every engineer with skills, ordered by id: the pool the scoring core ranks.
    ///
    /// With a database file, the 800k skill rows of 100k engineers are read on a
    /// second connection while this one reads the engineers; if anyone commits in
    /// between, the load is repeated the plain way so both halves agree.
    pub fn load_engineers(&self) -> Result<Vec<Engineer>> {
        let read_engineers = || -> Result<Vec<Engineer>> {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT {ENGINEER_COLUMNS}{} FROM engineers ORDER BY id",
                *TABLE_COLUMNS
            ))?;
            let v = stmt
                .query_map([], engineer_from_row)?
                .collect::<rusqlite::Result<_>>()?;
            Ok(v)
        };
        if self.path != ":memory:" {
            let before = self.data_version()?;
            let (path, map) = (self.path.as_str(), self.skill_by_db_id.as_slice());
            let (engineers, rows) = std::thread::scope(|scope| {
                let skills = scope.spawn(move || -> Result<Vec<(i64, EngineerSkill)>> {
                    let conn = rusqlite::Connection::open_with_flags(
                        path,
                        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    )?;
                    conn.busy_timeout(std::time::Duration::from_secs(10))?;
                    skill_rows(&conn, map, None)
                });
                let engineers = read_engineers();
                let rows = skills
                    .join()
                    .unwrap_or_else(|_| Err(StoreError::LoaderStopped));
                (engineers, rows)
            });
            if let (Ok(mut engineers), Ok(rows)) = (engineers, rows) {
                if self.data_version()? == before {
                    attach_rows(&mut engineers, rows);
                    return Ok(engineers);
                }
            }
        }
        let mut engineers = read_engineers()?;
        self.attach_engineer_skills(&mut engineers, None)?;
        Ok(engineers)
    }

    pub fn engineer(&self, id: i64) -> Result<Engineer> {
        let mut e = self
            .conn
            .query_row(
                &format!(
                    "SELECT {ENGINEER_COLUMNS}{} FROM engineers WHERE id = ?1",
                    *TABLE_COLUMNS
                ),
                [id],
                engineer_from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NoSuch {
                record: super::Record::Engineer,
                id,
            })?;
        self.attach_engineer_skills(std::slice::from_mut(&mut e), Some(id))?;
        Ok(e)
    }

    /// Fill the engineers' skills (engineers ordered by id): all, or one engineer's.
    fn attach_engineer_skills(&self, engineers: &mut [Engineer], only: Option<i64>) -> Result<()> {
        let rows = skill_rows(&self.conn, &self.skill_by_db_id, only)?;
        attach_rows(engineers, rows);
        Ok(())
    }

    pub fn partner_names(&self) -> Result<HashMap<i64, String>> {
        let mut stmt = self.conn.prepare("SELECT id, name FROM partners")?;
        let map = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(map)
    }

    pub fn partners(&self) -> Result<Vec<PartnerRecord>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, contact, notes FROM partners ORDER BY id")?;
        let v = stmt
            .query_map([], |r| {
                Ok(PartnerRecord {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    contact: r.get(2)?,
                    notes: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    pub fn assignments_of(&self, engineer_id: i64) -> Result<Vec<(Assignment, Option<String>)>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.engineer_id, a.client_id, a.starts_on, a.ends_on, c.name
             FROM assignments a LEFT JOIN clients c ON c.id = a.client_id
             WHERE a.engineer_id = ?1 ORDER BY a.starts_on",
        )?;
        let v = stmt
            .query_map([engineer_id], |r| {
                Ok((
                    Assignment {
                        id: r.get(0)?,
                        engineer_id: r.get(1)?,
                        client_id: r.get(2)?,
                        from: r.get(3)?,
                        to: r.get(4)?,
                    },
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    pub fn assignment_records(&self) -> Result<Vec<AssignmentRecord>> {
        let v = self
            .conn
            .prepare(ASSIGNMENT_RECORDS)?
            .query_map([], assignment_record)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Engineers with an open-ended or later assignment are not "joining".
    pub fn engineers_with_assignments(&self) -> Result<std::collections::HashSet<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT engineer_id FROM assignments")?;
        let v = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Who is free by the end of the window: own people first, then partners, each by date.
    pub fn free_between(
        &self,
        today: NaiveDate,
        to: NaiveDate,
        skills: &[crate::skills::SkillId],
        tax: &crate::skills::Taxonomy,
    ) -> Result<Vec<FreeEntry>> {
        let partners = self.partner_names()?;
        let (engineers, bookings) = self.load_available()?;
        let assigned = self.engineers_with_assignments()?;
        let mut out: Vec<FreeEntry> = engineers
            .into_iter()
            .filter(|e| e.available_from.is_some_and(|d| d <= to))
            // A PM is found by `--skill PL`: related experience counts.
            .filter(|e| skills.iter().all(|s| e.has_or_related(tax, *s)))
            .map(|e| {
                let kind = free_kind(&e, &bookings, &assigned, today);
                FreeEntry {
                    partner: e.partner_id.and_then(|p| partners.get(&p).cloned()),
                    engineer: e,
                    kind,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            (!a.engineer.affiliation.is_in_house())
                .cmp(&!b.engineer.affiliation.is_in_house())
                .then(a.engineer.available_from.cmp(&b.engineer.available_from))
                .then(a.engineer.id.cmp(&b.engineer.id))
        });
        Ok(out)
    }

    pub fn import_assignments(&mut self, records: &[(usize, AssignmentRecord)]) -> Result<usize> {
        let tx = self.transaction()?;
        insert_assignments(&tx, records)?;
        tx.commit()?;
        Ok(records.len())
    }
}

/// Assignments as exported, in id order.
pub(super) const ASSIGNMENT_RECORDS: &str =
    "SELECT a.id, a.engineer_id, c.name, a.starts_on, a.ends_on, a.rate
     FROM assignments a LEFT JOIN clients c ON c.id = a.client_id ORDER BY a.id";

pub(super) fn assignment_record(r: &Row<'_>) -> rusqlite::Result<AssignmentRecord> {
    Ok(AssignmentRecord {
        id: r.get("id")?,
        engineer_id: r.get("engineer_id")?,
        client: r.get("name")?,
        from: r.get::<_, NaiveDate>("starts_on")?.to_string(),
        to: r
            .get::<_, Option<NaiveDate>>("ends_on")?
            .map(|d| d.to_string()),
        rate: r.get("rate")?,
    })
}

/// An imported assignment's start and end, checked: record `line` of its section.
pub(super) fn assignment_dates(
    line: usize,
    a: &AssignmentRecord,
) -> Result<(NaiveDate, Option<NaiveDate>)> {
    let from = crate::domain::parse_date(&a.from).map_err(|m| ImportError::at(line, m))?;
    let to = match a.to.as_deref() {
        Some(t) if !t.trim().is_empty() => {
            Some(crate::domain::parse_date(t).map_err(|m| ImportError::at(line, m))?)
        }
        _ => None,
    };
    if to.is_some_and(|t| t < from) {
        return Err(ImportError::at(line, "assignment ends before it starts").into());
    }
    Ok((from, to))
}

pub(super) fn insert_assignments(
    tx: &rusqlite::Connection,
    records: &[(usize, AssignmentRecord)],
) -> Result<()> {
    let mut clients = super::openings::ClientCache::default();
    let mut ins = tx.prepare(
        "INSERT INTO assignments (id, engineer_id, client_id, starts_on, ends_on, rate)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (line, a) in records {
        let (from, to) = assignment_dates(*line, a)?;
        let client_id = match a.client.as_deref() {
            Some(c) if !c.trim().is_empty() => Some(clients.get_or_create(tx, c, None)?),
            _ => None,
        };
        ins.execute(params![a.id, a.engineer_id, client_id, from, to, a.rate])
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Import(
                    ImportError::at(*line, format!("unknown engineer id {}", a.engineer_id)),
                ),
                _ => StoreError::Sqlite(e),
            })?;
    }
    Ok(())
}

/// Partners are named in imports; each company becomes one row, however its name is
/// written: (株)テックブリッジ and 株式会社テックブリッジ are one partner.
#[derive(Default)]
pub(super) struct PartnerCache(super::companies::CompanyIndex);

impl PartnerCache {
    /// The stored partner of this name, however it is written; none is created.
    pub(super) fn find(&mut self, tx: &rusqlite::Connection, name: &str) -> Result<Option<i64>> {
        self.0
            .find(tx, "SELECT id, name FROM partners ORDER BY id", name.trim())
    }

    pub(super) fn get_or_create(&mut self, tx: &rusqlite::Connection, name: &str) -> Result<i64> {
        self.find_or_create(tx, name).map(|(id, _)| id)
    }

    /// The partner's id, and whether this call created it.
    pub(super) fn find_or_create(
        &mut self,
        tx: &rusqlite::Connection,
        name: &str,
    ) -> Result<(i64, bool)> {
        let name = name.trim();
        if let Some(id) = self
            .0
            .find(tx, "SELECT id, name FROM partners ORDER BY id", name)?
        {
            return Ok((id, false));
        }
        tx.execute(
            "INSERT INTO partners (name) VALUES (?1) ON CONFLICT(name) DO NOTHING",
            [name],
        )?;
        let id: i64 = tx.query_row("SELECT id FROM partners WHERE name = ?1", [name], |r| {
            r.get(0)
        })?;
        self.0.remember(name, id);
        Ok((id, true))
    }
}
