//! `import all`: an export read as a stream and restored in one transaction.
//!
//! Records are written as they are parsed, so memory holds one record at a time however
//! large the export; each record (and whatever lies between two) may take up to
//! [`MAX_RECORD_BYTES`], the bound of any one input. A section that comes before the
//! ones it refers to (a file whose keys a tool sorted: `assignments` before `engineers`)
//! is parked in a temporary table and written once they are in. The transaction commits
//! only after the last byte is parsed and the header checked: a restore is all or nothing.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::io::{BufRead, Read};
use std::rc::Rc;

use super::engineers::PartnerCache;
use super::export::EXPORT_FORMAT;
use super::history::{self, History};
use super::openings::{insert_engineer_row, insert_opening, ClientCache};
use super::records::{
    AssignmentRecord, ClientRecord, EngineerRecord, OpeningRecord, PartnerRecord, ProposalRecord,
};
use super::{classify, ImportError, Result, Store, StoreError};
use crate::domain::Rank;
use crate::skills::Taxonomy;

/// The most one record of an export may take: the limit of any one input.
pub const MAX_RECORD_BYTES: u64 = crate::input::MAX_INPUT_BYTES;

/// What a restore wrote, for its summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Restored {
    pub engineers: usize,
    pub openings: usize,
    pub proposals: usize,
}

impl Store {
    /// Restore an export into an empty database, keeping every id; all or nothing.
    ///
    /// Sections are written in the order the export lists them (partners and clients
    /// before the engineers and openings that name them, proposals after both).
    pub fn import_all(&mut self, reader: impl Read, tax: &Taxonomy) -> Result<Restored> {
        if !self.counts()?.is_empty() {
            return Err(StoreError::NotEmpty);
        }
        let budget = Rc::new(Budget {
            left: Cell::new(MAX_RECORD_BYTES),
            over: Cell::new(false),
        });
        let mut input = std::io::BufReader::with_capacity(
            1 << 16,
            Bounded {
                inner: reader,
                budget: budget.clone(),
            },
        );
        // A byte-order mark, as some editors save, is not part of the JSON.
        if input
            .fill_buf()
            .map_err(|e| ImportError::whole(e.to_string()))?
            .starts_with("\u{feff}".as_bytes())
        {
            input.consume(3);
        }
        let skill_ids = self.skill_db_ids.clone();
        let path = self.path.clone();
        let tx = self.transaction()?;
        let mut restore = Restorer {
            tx: &tx,
            tax,
            now: Utc::now(),
            skill_ids: &skill_ids,
            clients: ClientCache::default(),
            partners: PartnerCache::default(),
            budget: budget.clone(),
            failure: None,
            header: Header::default(),
            restored: Restored::default(),
            written: Vec::new(),
        };
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS restore_parked (section TEXT NOT NULL, n INTEGER NOT NULL, json TEXT NOT NULL);
             DELETE FROM temp.restore_parked;",
        )?;
        let mut de = serde_json::Deserializer::from_reader(input);
        let parsed =
            de::Deserializer::deserialize_map(&mut de, ObjectSeed(&mut restore, Object::Doc))
                .and_then(|()| de.end());
        if let Some(e) = restore.failure.take() {
            return Err(e);
        }
        if let Err(e) = parsed {
            if budget.over.get() {
                return Err(ImportError::whole(format!(
                    "a record near line {} is larger than {} MB; not a benchmatch export",
                    e.line(),
                    MAX_RECORD_BYTES / 1_048_576
                ))
                .into());
            }
            return Err(ImportError::whole(format!(
                "not a benchmatch export (line {}: {e})",
                e.line()
            ))
            .into());
        }
        restore.header.check()?;
        for section in ORDER {
            restore.replay(section)?;
        }
        let restored = restore.restored;
        tx.execute_batch("DROP TABLE temp.restore_parked")?;
        tx.commit().map_err(|e| classify(e, &path))?;
        Ok(restored)
    }
}

/// The checks `import all` makes of record `i` of a section before writing it; `restore`
/// makes them of a backup's rows.
fn check_client(i: usize, c: &ClientRecord) -> Result<()> {
    for r in [&c.rank, &c.rank_expected].into_iter().flatten() {
        if Rank::parse(r).is_none() {
            return Err(ImportError::at(i, format!("client rank '{r}'")).into());
        }
    }
    Ok(())
}

fn check_partner(i: usize, p: &PartnerRecord) -> Result<()> {
    crate::domain::bounds::partner(p).map_err(|m| ImportError::at(i, format!("partner: {m}")))?;
    Ok(())
}

fn check_engineer(i: usize, r: &EngineerRecord, tax: &Taxonomy) -> Result<crate::domain::Engineer> {
    Ok(r.to_engineer(tax)
        .map_err(|m| ImportError::at(i, format!("engineer: {m}")))?)
}

fn check_opening(
    i: usize,
    r: &OpeningRecord,
    tax: &Taxonomy,
    now: DateTime<Utc>,
) -> Result<crate::domain::Opening> {
    Ok(r.to_opening(tax, now)
        .map_err(|m| ImportError::at(i, format!("opening: {m}")))?)
}

/// A proposal's bounds, and its creation and signing times read.
fn check_proposal(i: usize, p: &ProposalRecord) -> Result<(DateTime<Utc>, Option<DateTime<Utc>>)> {
    crate::domain::bounds::proposal(p).map_err(|m| ImportError::at(i, format!("proposal: {m}")))?;
    let at = |s: &str| {
        super::records::parse_timestamp(s).map_err(|m| ImportError::at(i, format!("proposal: {m}")))
    };
    Ok((
        at(&p.created_at)?,
        p.signed_at.as_deref().map(at).transpose()?,
    ))
}

impl Store {
    /// Read every row as `export` reads it and check it as `import all` checks a record,
    /// one row at a time, so memory does not grow with the database: what `restore` asks
    /// of a backup before it replaces anything. Rows are numbered per section from 1.
    pub(super) fn check_rows(&self, tax: &Taxonomy) -> Result<()> {
        let now = Utc::now();
        let mut stmt = self.conn.prepare(super::openings::CLIENT_RECORDS)?;
        let clients =
            serde_rusqlite::from_rows::<crate::domain::records::ClientRecord>(stmt.query([])?);
        for (i, c) in clients.enumerate() {
            check_client(i + 1, &c.map_err(super::StoreError::Row)?)?;
        }
        // Partners and clients are named by engineers and openings: their names are kept
        // (a row per company, far fewer than engineers or openings).
        let partners = self.partners()?;
        for (i, p) in partners.iter().enumerate() {
            check_partner(i + 1, p)?;
        }
        let partner_name: std::collections::HashMap<i64, String> =
            partners.into_iter().map(|p| (p.id, p.name)).collect();
        let mut stmt = self.conn.prepare("SELECT id FROM engineers ORDER BY id")?;
        for (i, id) in stmt.query_map([], |r| r.get::<_, i64>(0))?.enumerate() {
            let e = self.engineer(id?)?;
            let partner = e.partner_id.and_then(|p| partner_name.get(&p).cloned());
            check_engineer(i + 1, &EngineerRecord::from_engineer(&e, partner, tax), tax)?;
        }
        let clients = self.clients()?;
        let mut stmt = self.conn.prepare("SELECT id FROM openings ORDER BY id")?;
        for (i, id) in stmt.query_map([], |r| r.get::<_, i64>(0))?.enumerate() {
            let o = self.opening(id?)?;
            let client = o
                .client_id
                .and_then(|c| clients.get(&c))
                .map(|c| (c.name.clone(), c.rank));
            check_opening(
                i + 1,
                &OpeningRecord::from_opening(&o, client, tax),
                tax,
                now,
            )?;
        }
        let mut stmt = self.conn.prepare(super::engineers::ASSIGNMENT_RECORDS)?;
        for (i, a) in stmt
            .query_map([], super::engineers::assignment_record)?
            .enumerate()
        {
            super::engineers::assignment_dates(i + 1, &a?)?;
        }
        let mut stmt = self.conn.prepare(super::openings::PROPOSAL_RECORDS)?;
        for (i, p) in stmt
            .query_map([], super::openings::proposal_record)?
            .enumerate()
        {
            check_proposal(i + 1, &p?)?;
        }
        history::check(&self.conn)?;
        // What the restore's inserts would refuse: a row naming one that is not there.
        let dangling: Option<(String, i64, String)> = self
            .conn
            .query_row("PRAGMA foreign_key_check", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        match dangling {
            Some((table, row, parent)) => Err(ImportError::whole(format!(
                "{table} row {row} names a missing {parent} row"
            ))
            .into()),
            None => Ok(()),
        }
    }
}

/// Bytes one record may still take; set again before each record. Counted below the
/// read buffer, so a record may take up to one buffer (64 KB) more.
struct Budget {
    left: Cell<u64>,
    /// The reader refused to go past the budget.
    over: Cell<bool>,
}

/// A reader that stops at the budget: a record cannot grow memory past it.
struct Bounded<R> {
    inner: R,
    budget: Rc<Budget>,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.budget.left.get();
        if left == 0 {
            self.budget.over.set(true);
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "record too large",
            ));
        }
        let cap = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..cap])?;
        self.budget.left.set(left - n as u64);
        Ok(n)
    }
}

/// The export's own fields, checked once the whole file is read.
#[derive(Default)]
struct Header {
    format: Option<String>,
    schema_version: Option<i64>,
    /// Sections seen; all but `history` are required, as `export` writes them all.
    sections: Vec<&'static str>,
}

/// Sections every export has: `exported_at` and those of [`ORDER`] outside `history`.
fn required() -> impl Iterator<Item = &'static str> {
    std::iter::once("exported_at").chain(
        ORDER
            .iter()
            .copied()
            .take_while(|s| !s.starts_with("history.")),
    )
}

impl Header {
    fn check_format(&self) -> Result<()> {
        match self.format.as_deref() {
            Some(EXPORT_FORMAT) | None => Ok(()),
            Some(other) => Err(ImportError::whole(format!(
                "not a benchmatch export (format '{other}')"
            ))
            .into()),
        }
    }

    fn check_version(&self) -> Result<()> {
        match self.schema_version {
            Some(v) if !(1..=super::SCHEMA_VERSION).contains(&v) => {
                Err(ImportError::whole(format!(
                    "schema_version {v} is not one this benchmatch reads (1 to {})",
                    super::SCHEMA_VERSION
                ))
                .into())
            }
            _ => Ok(()),
        }
    }

    fn check(&self) -> Result<()> {
        let missing = |field: &str| {
            StoreError::from(ImportError::whole(format!(
                "not a benchmatch export (missing field `{field}`)"
            )))
        };
        if self.format.is_none() {
            return Err(missing("format"));
        }
        if self.schema_version.is_none() {
            return Err(missing("schema_version"));
        }
        self.check_format()?;
        self.check_version()?;
        match required().find(|r| !self.sections.contains(r)) {
            Some(field) => Err(missing(field)),
            None => Ok(()),
        }
    }
}

/// Sections in the order they can be written: each after those it refers to.
static ORDER: [&str; 18] = [
    "clients",
    "partners",
    "engineers",
    "openings",
    "assignments",
    "proposals",
    "history.proposal_states",
    "history.opening_answers",
    "history.proposal_events",
    "history.opening_revisions",
    "history.partner_incidents",
    "history.opening_sources",
    "history.opening_sketches",
    "history.opening_shingles",
    "history.engineer_offers",
    "history.offer_sources",
    "history.opening_senders",
    "history.learned_rules",
];

/// The sections a section's records refer to (by id or by name).
fn needs(section: &str) -> &'static [&'static str] {
    match section {
        "engineers" => &["partners"],
        "openings" => &["clients"],
        "assignments" => &["clients", "engineers"],
        "proposals" => &["engineers", "openings"],
        // Every section outside `history`.
        s if s.starts_with("history") => &ORDER[..6],
        _ => &[],
    }
}

/// Where parsed records go: the restore's transaction, with its caches and counts.
struct Restorer<'a> {
    tx: &'a rusqlite::Connection,
    tax: &'a Taxonomy,
    now: DateTime<Utc>,
    skill_ids: &'a [i64],
    clients: ClientCache,
    partners: PartnerCache,
    budget: Rc<Budget>,
    /// The store's own error, kept typed while serde unwinds with a placeholder.
    failure: Option<StoreError>,
    header: Header,
    restored: Restored,
    /// Sections written so far (parked ones once replayed).
    written: Vec<&'static str>,
}

impl Restorer<'_> {
    fn client(&mut self, i: usize, c: ClientRecord) -> Result<()> {
        check_client(i, &c)?;
        self.tx
            .prepare_cached(
                "INSERT INTO clients (id, name, rank, rank_expected, relationship)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                c.id,
                c.name,
                c.rank,
                c.rank_expected,
                c.relationship
            ])?;
        Ok(())
    }

    fn partner(&mut self, i: usize, p: PartnerRecord) -> Result<()> {
        check_partner(i, &p)?;
        self.tx
            .prepare_cached(
                "INSERT INTO partners (id, name, contact, notes) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![p.id, p.name, p.contact, p.notes])?;
        Ok(())
    }

    fn engineer(&mut self, i: usize, r: EngineerRecord) -> Result<()> {
        let e = check_engineer(i, &r, self.tax)?;
        let pid = match &r.partner {
            Some(p) => Some(self.partners.get_or_create(self.tx, p)?),
            None => None,
        };
        insert_engineer_row(self.tx, &e, pid, self.skill_ids, self.now)?;
        self.restored.engineers += 1;
        Ok(())
    }

    fn opening(&mut self, i: usize, r: OpeningRecord) -> Result<()> {
        let o = check_opening(i, &r, self.tax, self.now)?;
        let cid = match &r.client {
            Some(c) => Some(self.clients.get_or_create(self.tx, c, None)?),
            None => None,
        };
        insert_opening(self.tx, &o, cid, None, self.skill_ids, self.now)?;
        self.restored.openings += 1;
        Ok(())
    }

    fn assignment(&mut self, i: usize, a: AssignmentRecord) -> Result<()> {
        super::engineers::insert_assignments(self.tx, &[(i, a)])
    }

    fn proposal(&mut self, i: usize, p: ProposalRecord) -> Result<()> {
        let (created, signed) = check_proposal(i, &p)?;
        self.tx
            .prepare_cached(
                "INSERT INTO proposals (id, opening_id, engineer_id, revision, stage, rate, notes,
                    created_at, signed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                p.id,
                p.opening_id,
                p.engineer_id,
                p.revision,
                p.stage,
                p.rate,
                p.notes,
                created,
                signed
            ])
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Import(
                    ImportError::at(i, "proposal names an unknown opening or engineer"),
                ),
                _ => StoreError::Sqlite(e),
            })?;
        self.restored.proposals += 1;
        Ok(())
    }

    /// One history entry, written as a history of one.
    fn history(&mut self, h: History) -> Result<()> {
        history::import(self.tx, &h)
            .map_err(|e| StoreError::Import(ImportError::whole(format!("history: {e}"))))
    }

    /// Whether a section can be written now: every section it refers to is written.
    fn ready(&self, section: &str) -> bool {
        needs(section).iter().all(|n| self.written.contains(n))
    }

    /// Keep a record of a section that came too early, as it was read.
    fn park(&mut self, section: &'static str, n: usize, json: serde_json::Value) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO temp.restore_parked (section, n, json) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![section, n as i64, json.to_string()])?;
        Ok(())
    }

    /// Write the parked records of one section, in the order they were read.
    fn replay(&mut self, section: &'static str) -> Result<()> {
        macro_rules! history {
            ($field:ident) => {
                self.replay_as(section, |r, _, x| {
                    r.history(History {
                        $field: vec![x],
                        ..History::default()
                    })
                })
            };
        }
        match section {
            "clients" => self.replay_as(section, Restorer::client),
            "partners" => self.replay_as(section, Restorer::partner),
            "engineers" => self.replay_as(section, Restorer::engineer),
            "openings" => self.replay_as(section, Restorer::opening),
            "assignments" => self.replay_as(section, Restorer::assignment),
            "proposals" => self.replay_as(section, Restorer::proposal),
            "history.proposal_states" => history!(proposal_states),
            "history.opening_answers" => history!(opening_answers),
            "history.proposal_events" => history!(proposal_events),
            "history.opening_revisions" => history!(opening_revisions),
            "history.partner_incidents" => history!(partner_incidents),
            "history.opening_sources" => history!(opening_sources),
            "history.opening_sketches" => history!(opening_sketches),
            "history.opening_shingles" => history!(opening_shingles),
            "history.engineer_offers" => history!(engineer_offers),
            "history.offer_sources" => history!(offer_sources),
            "history.opening_senders" => history!(opening_senders),
            "history.learned_rules" => history!(learned_rules),
            _ => Ok(()),
        }
    }

    fn replay_as<T: DeserializeOwned>(
        &mut self,
        section: &'static str,
        write: fn(&mut Self, usize, T) -> Result<()>,
    ) -> Result<()> {
        let tx = self.tx;
        let mut stmt = tx
            .prepare("SELECT n, json FROM temp.restore_parked WHERE section = ?1 ORDER BY rowid")?;
        let mut rows = stmt.query([section])?;
        while let Some(row) = rows.next()? {
            let n: i64 = row.get(0)?;
            let json: String = row.get(1)?;
            let n = usize::try_from(n).unwrap_or(0);
            let record: T = serde_json::from_str(&json).map_err(|e| {
                ImportError::at(
                    n,
                    format!("{}: {e}", section.trim_start_matches("history.")),
                )
            })?;
            write(self, n, record)?;
        }
        self.written.push(section);
        Ok(())
    }

    /// Keep the store's error and give serde one to unwind with.
    fn fail<E: de::Error>(&mut self, e: StoreError) -> E {
        self.failure = Some(e);
        E::custom("refused")
    }
}

/// An object of the export, the top level or its history: each key is read as it comes
/// and each list in it streamed record by record.
#[derive(Clone, Copy)]
enum Object {
    Doc,
    History,
}

struct ObjectSeed<'r, 'a>(&'r mut Restorer<'a>, Object);

impl<'de> Visitor<'de> for ObjectSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(match self.1 {
            Object::Doc => "a benchmatch export object",
            Object::History => "the export's history",
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let ObjectSeed(r, object) = self;
        while let Some(key) = map.next_key::<String>()? {
            match object {
                Object::Doc => doc_value(r, &key, &mut map)?,
                Object::History => history_value(r, &key, &mut map)?,
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

/// One key of the top level and its value.
fn doc_value<'de, A: MapAccess<'de>>(
    r: &mut Restorer<'_>,
    key: &str,
    map: &mut A,
) -> std::result::Result<(), A::Error> {
    r.budget.left.set(MAX_RECORD_BYTES);
    let section = required().find(|s| *s == key);
    match key {
        "format" => {
            r.header.format = Some(map.next_value()?);
            // Refused at once: a file of another kind is not read to its end.
            r.header.check_format().map_err(|e| r.fail(e))?;
        }
        "schema_version" => {
            r.header.schema_version = Some(map.next_value()?);
            r.header.check_version().map_err(|e| r.fail(e))?;
        }
        "exported_at" => {
            map.next_value::<String>()?;
        }
        "clients" => map.next_value_seed(Each::new(r, "clients", Restorer::client))?,
        "partners" => map.next_value_seed(Each::new(r, "partners", Restorer::partner))?,
        "engineers" => map.next_value_seed(Each::new(r, "engineers", Restorer::engineer))?,
        "openings" => map.next_value_seed(Each::new(r, "openings", Restorer::opening))?,
        "assignments" => map.next_value_seed(Each::new(r, "assignments", Restorer::assignment))?,
        "proposals" => map.next_value_seed(Each::new(r, "proposals", Restorer::proposal))?,
        "history" => map.next_value_seed(ObjectSeed(r, Object::History))?,
        other => return Err(de::Error::unknown_field(other, &["format", "history"])),
    }
    if let Some(s) = section {
        r.header.sections.push(s);
    }
    Ok(())
}

/// One list of the history: each entry becomes a history of one, written by
/// `history::import`.
fn history_value<'de, A: MapAccess<'de>>(
    r: &mut Restorer<'_>,
    key: &str,
    map: &mut A,
) -> std::result::Result<(), A::Error> {
    macro_rules! one {
        ($field:ident) => {
            map.next_value_seed(Each::new(
                r,
                concat!("history.", stringify!($field)),
                |r, _, x| {
                    r.history(History {
                        $field: vec![x],
                        ..History::default()
                    })
                },
            ))?
        };
    }
    match key {
        "proposal_states" => one!(proposal_states),
        "opening_answers" => one!(opening_answers),
        "proposal_events" => one!(proposal_events),
        "opening_revisions" => one!(opening_revisions),
        "partner_incidents" => one!(partner_incidents),
        "opening_sources" => one!(opening_sources),
        "opening_sketches" => one!(opening_sketches),
        "opening_shingles" => one!(opening_shingles),
        "engineer_offers" => one!(engineer_offers),
        "offer_sources" => one!(offer_sources),
        "opening_senders" => one!(opening_senders),
        "learned_rules" => one!(learned_rules),
        other => return Err(de::Error::unknown_field(other, &[])),
    }
    Ok(())
}

/// A section's records, each handed to the restorer as soon as it is parsed (or parked,
/// when the section came too early); records are numbered from 1, as import errors name
/// them.
struct Each<'r, 'a, T> {
    r: &'r mut Restorer<'a>,
    section: &'static str,
    write: fn(&mut Restorer<'a>, usize, T) -> Result<()>,
}

impl<'r, 'a, T> Each<'r, 'a, T> {
    fn new(
        r: &'r mut Restorer<'a>,
        section: &'static str,
        write: fn(&mut Restorer<'a>, usize, T) -> Result<()>,
    ) -> Self {
        Each { r, section, write }
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Each<'_, '_, T> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> std::result::Result<(), S::Error> {
        let Each { r, section, write } = self;
        let now = r.ready(section);
        let mut n = 0;
        loop {
            r.budget.left.set(MAX_RECORD_BYTES);
            let done = if now {
                match seq.next_element::<T>()? {
                    Some(record) => write(r, n + 1, record),
                    None => break,
                }
            } else {
                match seq.next_element::<serde_json::Value>()? {
                    Some(json) => r.park(section, n + 1, json),
                    None => break,
                }
            };
            done.map_err(|e| r.fail(e))?;
            n += 1;
        }
        if now {
            r.written.push(section);
        }
        Ok(())
    }
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Each<'_, '_, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}
