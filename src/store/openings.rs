//! Openings, their requirements, clients, proposals; export and whole-database import.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use std::collections::HashMap;

use super::export::{ExportDoc, EXPORT_FORMAT};
use super::records::{ClientRecord, OpeningRecord, PartnerRecord, ProposalRecord};
use super::{ImportError, Result, Store, StoreError};
use crate::domain::{
    Client, Man, Opening, OpeningStatus, Rank, Remote, Requirement, Requirements, Start,
};
use crate::skills::Taxonomy;

const OPENING_COLUMNS: &str = "id, client_id, title, raw_text, received_at, answered_at, status,
    rate_min, rate_max, rate_text, settle_min_h, settle_max_h, location, remote, start, duration,
    interviews, headcount, max_depth, depth_with_fee, freelancer_ok, foreign_ok, age_limit, revision,
    (SELECT name FROM clients WHERE clients.id = openings.client_id) AS client_name,
    (SELECT name FROM partners WHERE partners.id = openings.sender_partner_id) AS sender_name";

fn opening_from_row(r: &Row<'_>) -> rusqlite::Result<Opening> {
    let mut o = Opening::new(r.get::<_, String>("title")?, r.get("received_at")?);
    o.id = r.get("id")?;
    o.client_id = r.get("client_id")?;
    o.client = r.get("client_name")?;
    o.sender = r.get("sender_name")?;
    o.raw_text = r.get("raw_text")?;
    o.answered_at = r.get("answered_at")?;
    o.status = OpeningStatus::parse(&r.get::<_, String>("status")?).unwrap_or(OpeningStatus::New);
    o.rate_min = r.get::<_, Option<f64>>("rate_min")?.and_then(Man::new);
    o.rate_max = r.get::<_, Option<f64>>("rate_max")?.and_then(Man::new);
    o.rate_text = r.get("rate_text")?;
    o.settle_min_h = r.get("settle_min_h")?;
    o.settle_max_h = r.get("settle_max_h")?;
    o.location = r.get("location")?;
    o.remote = r
        .get::<_, Option<String>>("remote")?
        .as_deref()
        .and_then(Remote::parse);
    o.start = r
        .get::<_, Option<String>>("start")?
        .as_deref()
        .and_then(|s| Start::parse(s).ok());
    o.duration = r.get("duration")?;
    o.interviews = r.get("interviews")?;
    o.headcount = r.get("headcount")?;
    o.max_depth = r.get("max_depth")?;
    o.depth_with_fee = r.get("depth_with_fee")?;
    o.freelancer_ok = r.get("freelancer_ok")?;
    o.foreign_ok = r.get("foreign_ok")?;
    o.age_limit = r.get("age_limit")?;
    o.revision = r.get("revision")?;
    Ok(o)
}

/// Clients are named in imports; each company becomes one row, however its name is
/// written ((株)/株式会社/㈱, width, spaces).
#[derive(Default)]
pub(super) struct ClientCache {
    names: super::companies::CompanyIndex,
    /// Clients this import has named already: the first naming sets the rank, as before.
    seen: std::collections::HashSet<i64>,
}

impl ClientCache {
    pub(super) fn get_or_create(
        &mut self,
        tx: &rusqlite::Connection,
        name: &str,
        rank: Option<Rank>,
    ) -> Result<i64> {
        let name = name.trim();
        // A client already stored, perhaps under another writing of the same name.
        if let Some(id) = self
            .names
            .find(tx, "SELECT id, name FROM clients ORDER BY id", name)?
        {
            if !self.seen.insert(id) {
                return Ok(id);
            }
            if let Some(rank) = rank {
                tx.execute(
                    "UPDATE clients SET rank = ?2 WHERE id = ?1",
                    params![id, rank.as_str()],
                )?;
            }
            return Ok(id);
        }
        tx.execute(
            "INSERT INTO clients (name, rank) VALUES (?1, ?2)
             ON CONFLICT(name) DO UPDATE SET rank = coalesce(excluded.rank, clients.rank)",
            params![name, rank.map(Rank::as_str)],
        )?;
        let id: i64 = tx.query_row("SELECT id FROM clients WHERE name = ?1", [name], |r| {
            r.get(0)
        })?;
        self.names.remember(name, id);
        self.seen.insert(id);
        Ok(id)
    }
}

/// A proposal as listed with its opening and engineer.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub id: i64,
    pub opening_id: i64,
    pub engineer_id: i64,
    pub revision: u32,
    pub stage: String,
    pub rate: Option<Man>,
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Import openings in one transaction: all of them, or none with the first bad line.
    pub fn import_openings(
        &mut self,
        records: &[(usize, OpeningRecord)],
        tax: &Taxonomy,
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>> {
        let mut validated = Vec::with_capacity(records.len());
        let mut seen = std::collections::HashSet::new();
        for (line, rec) in records {
            let o = rec
                .to_opening(tax, now)
                .map_err(|m| ImportError::at(*line, m))?;
            if let Some(id) = rec.id {
                if !seen.insert(id) {
                    return Err(ImportError::at(*line, format!("duplicate id {id} in file")).into());
                }
            }
            let rank = rec.client_rank.as_deref().and_then(Rank::parse);
            validated.push((*line, o, rec.client.clone(), rank));
        }
        let skill_ids = self.skill_db_ids.clone();
        let path = self.path.clone();
        let tx = self.transaction()?;
        let mut ids = Vec::with_capacity(validated.len());
        {
            let mut clients = ClientCache::default();
            for (line, o, client, rank) in &validated {
                let client_id = match client.as_deref().map(str::trim) {
                    Some(c) if !c.is_empty() => Some(clients.get_or_create(&tx, c, *rank)?),
                    _ => None,
                };
                let id =
                    insert_opening(&tx, o, client_id, None, &skill_ids, now).map_err(
                        |e| match e {
                            StoreError::Sqlite(err)
                                if err.sqlite_error_code()
                                    == Some(rusqlite::ErrorCode::ConstraintViolation) =>
                            {
                                StoreError::Import(ImportError::at(
                                    *line,
                                    format!("opening id {} already exists", o.id),
                                ))
                            }
                            other => other,
                        },
                    )?;
                ids.push(id);
            }
        }
        tx.commit().map_err(|e| super::classify(e, &path))?;
        Ok(ids)
    }

    /// Openings with their skills, newest first.
    pub fn load_openings(&self) -> Result<Vec<Opening>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {OPENING_COLUMNS} FROM openings ORDER BY received_at DESC, id DESC"
        ))?;
        let mut openings: Vec<Opening> = stmt
            .query_map([], opening_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        self.attach_opening_skills(&mut openings, None)?;
        Ok(openings)
    }

    pub fn opening(&self, id: i64) -> Result<Opening> {
        let mut o = self
            .conn
            .query_row(
                &format!("SELECT {OPENING_COLUMNS} FROM openings WHERE id = ?1"),
                [id],
                opening_from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NoSuch {
                record: super::Record::Opening,
                id,
            })?;
        self.attach_opening_skills(std::slice::from_mut(&mut o), Some(id))?;
        Ok(o)
    }

    /// Fill the openings' requirements: all of them, or those of one opening.
    fn attach_opening_skills(&self, openings: &mut [Opening], only: Option<i64>) -> Result<()> {
        let index: HashMap<i64, usize> = openings
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i))
            .collect();
        // Two statements rather than `?1 IS NULL OR ...`, so one opening uses the key.
        // The skill's name comes from `skills`, so a renamed canonical name shows renamed.
        let mut stmt = match only {
            None => self.conn.prepare_cached(
                "SELECT r.opening_id, r.kind, r.grp, r.skill_id,
                    coalesce(s.name, r.name) AS name, r.min_years
                 FROM opening_requirements r LEFT JOIN skills s ON s.id = r.skill_id
                 ORDER BY r.opening_id, r.kind, r.grp, r.position",
            )?,
            Some(_) => self.conn.prepare_cached(
                "SELECT r.opening_id, r.kind, r.grp, r.skill_id,
                    coalesce(s.name, r.name) AS name, r.min_years
                 FROM opening_requirements r LEFT JOIN skills s ON s.id = r.skill_id
                 WHERE r.opening_id = ?1 ORDER BY r.kind, r.grp, r.position",
            )?,
        };
        let mut rows = match only {
            None => stmt.query([])?,
            Some(id) => stmt.query([id])?,
        };
        // (opening, group) of the last must row, to know when a new group starts.
        let mut last: Option<(i64, i64)> = None;
        while let Some(r) = rows.next()? {
            let oid: i64 = r.get("opening_id")?;
            let Some(&i) = index.get(&oid) else { continue };
            let req = Requirement {
                skill: r
                    .get::<_, Option<i64>>("skill_id")?
                    .and_then(|id| self.skill_from_db(id)),
                name: r.get("name")?,
                min_years: r.get("min_years")?,
            };
            let reqs = &mut openings[i].requirements;
            if r.get::<_, String>("kind")? == "must" {
                let grp: i64 = r.get("grp")?;
                match reqs.must.last_mut() {
                    Some(g) if last == Some((oid, grp)) => g.push(req),
                    _ => reqs.must.push(vec![req]),
                }
                last = Some((oid, grp));
            } else {
                reqs.nice.push(req);
            }
        }
        Ok(())
    }

    pub fn clients(&self) -> Result<HashMap<i64, Client>> {
        let mut stmt = self.conn.prepare("SELECT id, name, rank FROM clients")?;
        let map = stmt
            .query_map([], |r| {
                let rank: Option<String> = r.get(2)?;
                Ok(Client {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    rank: rank.as_deref().and_then(Rank::parse),
                })
            })?
            .map(|c| c.map(|c| (c.id, c)))
            .collect::<rusqlite::Result<_>>()?;
        Ok(map)
    }

    /// Record that an engineer was proposed; the first proposal answers the opening.
    ///
    /// Stage-aware: the proposal starts at `proposed` with its first stage event
    /// (see `Store::propose_with_note` in `proposals.rs`).
    pub fn propose(
        &mut self,
        opening_id: i64,
        engineer_id: i64,
        rate: Option<Man>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.propose_with_note(opening_id, engineer_id, rate, "", now)
    }

    pub fn set_status(&mut self, opening_id: i64, status: OpeningStatus) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE openings SET status = ?2 WHERE id = ?1",
            params![opening_id, status.as_str()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!(
                "no opening with id {opening_id}"
            )));
        }
        Ok(())
    }

    pub fn proposals(&self) -> Result<Vec<Proposal>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, opening_id, engineer_id, revision, stage, rate, created_at
             FROM proposals ORDER BY id",
        )?;
        let v = stmt
            .query_map([], |r| {
                Ok(Proposal {
                    id: r.get(0)?,
                    opening_id: r.get(1)?,
                    engineer_id: r.get(2)?,
                    revision: r.get(3)?,
                    stage: r.get(4)?,
                    rate: r.get::<_, Option<f64>>(5)?.and_then(Man::new),
                    created_at: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Everything, for `benchmatch export` and backups readable by people.
    pub fn export(&self, tax: &Taxonomy, now: DateTime<Utc>) -> Result<ExportDoc> {
        let clients = self.clients()?;
        let partners = self.partner_names()?;
        let mut stmt = self.conn.prepare(CLIENT_RECORDS)?;
        let mut client_records: Vec<ClientRecord> = serde_rusqlite::from_rows(stmt.query([])?)
            .collect::<std::result::Result<_, _>>()
            .map_err(super::StoreError::Row)?;
        client_records.sort_by_key(|c| c.id);
        let partner_records: Vec<PartnerRecord> = self.partners()?;
        let engineers = self
            .load_engineers()?
            .iter()
            .map(|e| {
                super::EngineerRecord::from_engineer(
                    e,
                    e.partner_id.and_then(|p| partners.get(&p).cloned()),
                    tax,
                )
            })
            .collect();
        let mut openings: Vec<OpeningRecord> = self
            .load_openings()?
            .iter()
            .map(|o| {
                let client = o
                    .client_id
                    .and_then(|c| clients.get(&c))
                    .map(|c| (c.name.clone(), c.rank));
                OpeningRecord::from_opening(o, client, tax)
            })
            .collect();
        openings.sort_by_key(|o| o.id);
        let proposals = self
            .conn
            .prepare(PROPOSAL_RECORDS)?
            .query_map([], proposal_record)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ExportDoc {
            format: EXPORT_FORMAT.into(),
            schema_version: super::SCHEMA_VERSION,
            exported_at: now.to_rfc3339(),
            clients: client_records,
            partners: partner_records,
            engineers,
            openings,
            assignments: self.assignment_records()?,
            proposals,
            history: super::history::export(&self.conn)?,
        })
    }
}

/// Clients as exported, in id order, read by column name into `ClientRecord`.
pub(super) const CLIENT_RECORDS: &str =
    "SELECT id, name, rank, rank_expected, relationship FROM clients ORDER BY id";

/// Proposals as exported, in id order.
pub(super) const PROPOSAL_RECORDS: &str =
    "SELECT id, opening_id, engineer_id, revision, stage, rate, notes, created_at, signed_at
     FROM proposals ORDER BY id";

pub(super) fn proposal_record(r: &Row<'_>) -> rusqlite::Result<ProposalRecord> {
    Ok(ProposalRecord {
        id: r.get("id")?,
        opening_id: r.get("opening_id")?,
        engineer_id: r.get("engineer_id")?,
        revision: r.get("revision")?,
        stage: r.get("stage")?,
        rate: r.get("rate")?,
        notes: r.get("notes")?,
        created_at: r.get::<_, DateTime<Utc>>("created_at")?.to_rfc3339(),
        signed_at: r
            .get::<_, Option<DateTime<Utc>>>("signed_at")?
            .map(|d| d.to_rfc3339()),
    })
}

pub(super) fn insert_engineer_row(
    tx: &rusqlite::Connection,
    e: &crate::domain::Engineer,
    partner_id: Option<i64>,
    skill_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<i64> {
    let row = super::edits::EngineerRow::new(e);
    let id = (e.id != 0).then_some(e.id);
    let other_skills = e
        .other_skills
        .iter()
        .map(|(n, y)| format!("{}\t{y}", n.replace(['\t', '\n'], " ")))
        .collect::<Vec<_>>()
        .join("\n");
    // The global id is given here rather than by the insert trigger, which would rewrite
    // the row to add it.
    let gid = uuid::Uuid::now_v7().to_string();
    let mut values = row.params().to_vec();
    values.extend([
        (":id", &id as &dyn rusqlite::ToSql),
        (":partner_id", &partner_id),
        (":now", &now),
        (":last_offered", &e.last_offered),
        (":other_skills", &other_skills),
        (":gid", &gid),
    ]);
    tx.prepare_cached(
        "INSERT INTO engineers (id, gid, name, initials, affiliation, partner_id, depth, station,
            area, remote_pref, available_from, availability_confirmed, cost, rate,
            foreign_national, japanese_level, age_band, career_start, notes, last_checked,
            last_offered_at, created_at, updated_at, employment, ng, other_skills, languages)
         VALUES (:id, :gid, :name, :initials, :affiliation, :partner_id, :depth, :station, :area,
            :remote_pref, :available_from, :availability_confirmed, :cost, :rate,
            :foreign_national, :japanese_level, :age_band, :career_start, :notes,
            :last_checked, :last_offered, :now, :now, :employment, :ng, :other_skills,
            :languages)",
    )?
    .execute(&*values)?;
    let id = tx.last_insert_rowid();
    // A second write of the new row fires the version and change triggers again: only
    // when one of the table's fields has a value (a roster import of 1M rows mostly has none).
    if super::engineers::any_table_column(e) {
        super::engineers::write_table_columns(tx, id, e)?;
    }
    insert_engineer_skills(tx, id, &e.skills, skill_ids)?;
    Ok(id)
}

/// An engineer's skill rows, the one place they are written.
pub(super) fn insert_engineer_skills(
    tx: &rusqlite::Connection,
    engineer_id: i64,
    skills: &[crate::domain::EngineerSkill],
    skill_ids: &[i64],
) -> Result<()> {
    let mut ins = tx.prepare_cached(
        "INSERT INTO engineer_skills (engineer_id, skill_id, years, level, last_used)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for s in skills {
        ins.execute(params![
            engineer_id,
            skill_ids[usize::from(s.skill.0)],
            s.years,
            s.level,
            s.last_used
        ])?;
    }
    Ok(())
}

pub(super) fn insert_opening(
    tx: &rusqlite::Connection,
    o: &Opening,
    client_id: Option<i64>,
    source: Option<&str>,
    skill_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<i64> {
    insert_filed_opening(tx, o, client_id, source, &Filing::default(), skill_ids, now)
}

/// What an imported posting's opening is stored with besides its terms: given at insert
/// rather than written afterwards, since each later write of the row fires the version
/// and change triggers again.
#[derive(Debug, Default)]
pub(super) struct Filing {
    /// The first copy's content hash, as `openings.fingerprint`.
    pub fingerprint: Option<String>,
    /// The partner firm that sent it.
    pub sender_partner_id: Option<i64>,
}

/// [`insert_opening`] with what the posting import knows of it: the opening row is
/// written once, with its global id, and queued for team sync once, by its insert
/// trigger; its requirement rows (read with it when it travels) are not queued again.
pub(super) fn insert_filed_opening(
    tx: &rusqlite::Connection,
    o: &Opening,
    client_id: Option<i64>,
    source: Option<&str>,
    filing: &Filing,
    skill_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<i64> {
    let terms = OpeningTerms::new(o);
    let id = (o.id != 0).then_some(o.id);
    // The global id is given here rather than by the insert trigger, which would rewrite
    // the row to add it (and so fire the version trigger).
    let gid = uuid::Uuid::now_v7().to_string();
    let mut values = terms.params().to_vec();
    values.extend([
        (":id", &id as &dyn rusqlite::ToSql),
        (":gid", &gid),
        (":client_id", &client_id),
        (":raw_text", &o.raw_text),
        (":source", &source),
        (":received_at", &o.received_at),
        (":answered_at", &o.answered_at),
        (":status", &terms.status),
        (":revision", &o.revision),
        (":now", &now),
        (":fingerprint", &filing.fingerprint),
        (":sender_partner_id", &filing.sender_partner_id),
    ]);
    tx.prepare_cached(
        "INSERT INTO openings (id, gid, client_id, title, raw_text, source, received_at,
            answered_at, status, rate_min, rate_max, rate_text, settle_min_h, settle_max_h,
            location, remote, start, duration, interviews, headcount, max_depth, depth_with_fee,
            freelancer_ok, foreign_ok, age_limit, revision, created_at, fingerprint,
            sender_partner_id)
         VALUES (:id, :gid, :client_id, :title, :raw_text, :source, :received_at, :answered_at,
            :status, :rate_min, :rate_max, :rate_text, :settle_min_h, :settle_max_h, :location,
            :remote, :start, :duration, :interviews, :headcount, :max_depth, :depth_with_fee,
            :freelancer_ok, :foreign_ok, :age_limit, :revision, :now, :fingerprint,
            :sender_partner_id)",
    )?
    .execute(&*values)?;
    let id = tx.last_insert_rowid();
    if o.requirements.must.is_empty() && o.requirements.nice.is_empty() {
        return Ok(id);
    }
    // The opening is already queued whole (its insert trigger did it, unless a caller
    // muted the triggers itself): each requirement row's trigger would queue it again.
    // The mute row is this call's own, so a caller's mute outlives it.
    tx.prepare_cached("INSERT INTO sync_mute (muted) VALUES (1)")?
        .execute([])?;
    let mute = tx.last_insert_rowid();
    let written = insert_requirements(tx, id, &o.requirements, skill_ids);
    tx.prepare_cached("DELETE FROM sync_mute WHERE rowid = ?1")?
        .execute([mute])?;
    written?;
    Ok(id)
}

/// An opening's terms as stored, made in one place for the insert and the revision:
/// named parameters `:title` … `:age_limit`, one per column of the same name.
pub(super) struct OpeningTerms<'a> {
    o: &'a Opening,
    status: &'static str,
    rate_min: Option<f64>,
    rate_max: Option<f64>,
    remote: Option<&'static str>,
    start: Option<String>,
}

impl<'a> OpeningTerms<'a> {
    pub(super) fn new(o: &'a Opening) -> Self {
        OpeningTerms {
            o,
            status: o.status.as_str(),
            rate_min: o.rate_min.map(Man::as_f64),
            rate_max: o.rate_max.map(Man::as_f64),
            remote: o.remote.map(Remote::as_str),
            start: o.start.map(|s| s.to_string()),
        }
    }

    pub(super) fn params(&self) -> [(&'static str, &dyn rusqlite::ToSql); 17] {
        let o = self.o;
        [
            (":title", &o.title),
            (":rate_min", &self.rate_min),
            (":rate_max", &self.rate_max),
            (":rate_text", &o.rate_text),
            (":settle_min_h", &o.settle_min_h),
            (":settle_max_h", &o.settle_max_h),
            (":location", &o.location),
            (":remote", &self.remote),
            (":start", &self.start),
            (":duration", &o.duration),
            (":interviews", &o.interviews),
            (":headcount", &o.headcount),
            (":max_depth", &o.max_depth),
            (":depth_with_fee", &o.depth_with_fee),
            (":freelancer_ok", &o.freelancer_ok),
            (":foreign_ok", &o.foreign_ok),
            (":age_limit", &o.age_limit),
        ]
    }
}

/// An opening's requirement rows, the one place they are written: must groups by `grp`,
/// alternatives by `position`; unknown names with no skill id.
pub(super) fn insert_requirements(
    tx: &rusqlite::Connection,
    opening_id: i64,
    reqs: &Requirements,
    skill_ids: &[i64],
) -> Result<()> {
    let mut ins = tx.prepare_cached(
        "INSERT INTO opening_requirements (opening_id, kind, grp, position, skill_id, name,
            min_years)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let rows = reqs
        .must
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            group
                .iter()
                .enumerate()
                .map(move |(p, r)| ("must", g, p, r))
        })
        .chain(reqs.nice.iter().enumerate().map(|(g, r)| ("nice", g, 0, r)));
    for (kind, grp, position, r) in rows {
        ins.execute(params![
            opening_id,
            kind,
            grp as i64,
            position as i64,
            r.skill.map(|s| skill_ids[usize::from(s.0)]),
            r.name,
            r.min_years
        ])?;
    }
    Ok(())
}
