//! The SQLite store: opening and migrating the file, and every query.
//!
//! SQL lives only here, always with bound parameters; each user action that
//! writes is one transaction.

pub mod backup;
mod bookings;
mod companies;
mod directory;
mod edits;
mod engineers;
mod export;
pub mod formats;
pub mod history;
pub mod hub;
pub mod hub_pg;
pub mod journal;
mod learned;
mod mailbox;
mod offers;
mod openings;
mod pool;
mod postings;
mod proposals;
mod restore;
mod revisions;
pub mod schema;
mod statements;
pub mod sync;

/// The import and export shapes live in `domain`; re-exported here for the store's callers.
pub use crate::domain::records;
pub use crate::domain::FreeKind;
pub use bookings::Ended;
pub use directory::{ClientInfo, Incident, PartnerInfo};
pub use engineers::{free_kind, AddRow, FreeEntry, RosterImport};
pub use export::{ExportDoc, EXPORT_FORMAT};
pub use mailbox::{FolderMark, TooLargeMail};
pub use offers::{NewOffer, OfferReport, OfferSource};
pub use openings::Proposal;
pub use pool::{LeftOut, PoolCounts, PoolScope};
pub use postings::{Candidate, PostingBatch, PostingSource, SourceRow, STEP};
pub use proposals::{ProposalError, StageChange, StageEvent, StageOutcome};
pub use records::{
    AssignmentRecord, ClientRecord, EngineerRecord, ImportError, OpeningRecord, PartnerRecord,
    ProposalRecord, SkillYears,
};
pub use restore::{Restored, MAX_RECORD_BYTES};
pub use revisions::{Revised, Revision};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::skills::{SkillId, Taxonomy};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a benchmatch database (file is not SQLite or is damaged)")]
    NotADatabase { path: String },
    #[error("{path}: not a benchmatch database (a SQLite file from another program)")]
    Foreign { path: String },
    #[error("{path}: database schema v{found} is newer than this benchmatch (v{supported}); upgrade benchmatch")]
    NewerSchema {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("{path}: cannot create: {error}")]
    Create { path: String, error: std::io::Error },
    #[error("{path}: database is read-only")]
    ReadOnly { path: String },
    #[error("{path}: another benchmatch kept the database busy for too long; nothing was written, try again")]
    Busy { path: String },
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Proposal(#[from] proposals::ProposalError),
    #[error(transparent)]
    Backup(#[from] backup::BackupError),
    #[error("{path}: disk full; nothing was written")]
    DiskFull { path: String },
    #[error("{path}: cannot keep a copy before migrating to schema v{v}, so nothing was changed: {error}", v = SCHEMA_VERSION)]
    MigrationCopy {
        path: String,
        error: Box<StoreError>,
    },
    #[error("{path}: migration to schema v{v} failed ({error}); the database is unchanged, a copy is at {}", copy.display(), v = SCHEMA_VERSION)]
    Migration {
        path: String,
        error: rusqlite::Error,
        copy: std::path::PathBuf,
    },
    /// A long import's step could not begin its next transaction.
    #[error("the import's transaction could not be resumed")]
    Resume,
    #[error("import all needs an empty database; this one has data")]
    NotEmpty,
    /// A name or text that must say something was empty (`client name`).
    #[error("{0} is empty")]
    Empty(&'static str),
    #[error("engineer {engineer_id} has no assignment started by {on}")]
    NoAssignment {
        engineer_id: i64,
        on: chrono::NaiveDate,
    },
    #[error("the assignment ends ({to}) before it starts ({from})")]
    EndsBeforeStart {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    /// An edit of an opening that its record's checks refuse.
    #[error("opening {opening_id}: {reason}")]
    OpeningRefused { opening_id: i64, reason: String },
    #[error("opening {opening_id} revision {revision}: damaged snapshot ({error})")]
    DamagedSnapshot {
        opening_id: i64,
        revision: i64,
        error: serde_json::Error,
    },
    #[error("opening {0}: sketch is not hex")]
    SketchNotHex(i64),
    #[error("journal names unknown table {0}")]
    UnknownTable(String),
    #[error("skill loader stopped")]
    LoaderStopped,
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// No engineer, opening or proposal has the number given.
    #[error("no {record} with id {id}")]
    NoSuch { record: Record, id: i64 },
    #[error("{0}")]
    NotFound(String),
    /// A value typed by the user that ops refused (a `--set` or a form field), in the
    /// user's language; the store itself names its refusals with the variants above.
    #[error("{0}")]
    Invalid(String),
    /// Someone else changed what this write would overwrite; nothing was written.
    #[error("{0}")]
    Changed(String),
    /// The proposal moved on since it was read; nothing was written.
    #[error("proposal {id} changed meanwhile; run the command again")]
    ProposalChanged { id: i64 },
    /// The opening was revised since it was read; nothing was written.
    #[error("opening {opening_id} was changed meanwhile; edit it again")]
    OpeningChanged { opening_id: i64 },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A row that does not read as its type (a value of the wrong kind in a column).
    #[error("database row: {0}")]
    Row(serde_rusqlite::Error),
    /// The team hub's PostgreSQL server said no (`serve --postgres`).
    #[error("PostgreSQL: {0}")]
    Postgres(String),
}

/// The records a rep refers to by number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Engineer,
    Opening,
    Proposal,
}

impl std::fmt::Display for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Record::Engineer => "engineer",
            Record::Opening => "opening",
            Record::Proposal => "proposal",
        })
    }
}

impl From<rusqlite::Error> for StoreError {
    /// Every `?` on a query gets the same plain words for the failures users can act on.
    fn from(e: rusqlite::Error) -> Self {
        classify(e, "database")
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub const SCHEMA_VERSION: i64 = schema::MIGRATIONS.len() as i64;

/// How long a write waits for another writer before giving up. Long imports commit in
/// steps far shorter than this ([`postings::STEP`]), so only a stuck process runs it out.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// SQLite's busy handler: wait for the lock, polling every millisecond.
///
/// SQLite's own busy timeout sleeps up to 100 ms between tries, so it would rarely see
/// the few milliseconds a long import leaves free between its steps; a fast poll takes
/// the lock in the first gap. `tries` counts calls for this one wait.
fn wait_for_lock(tries: i32) -> bool {
    const POLL: Duration = Duration::from_millis(1);
    // Test and diagnosis knob: a shorter wait shows who holds the lock too long.
    static LIMIT: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    let limit = *LIMIT.get_or_init(|| {
        std::env::var("BENCHMATCH_BUSY_TIMEOUT_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(BUSY_TIMEOUT, Duration::from_millis)
    });
    if POLL * u32::try_from(tries).unwrap_or(u32::MAX) >= limit {
        return false;
    }
    std::thread::sleep(POLL);
    true
}

pub struct Store {
    conn: Connection,
    path: String,
    read_only: bool,
    /// Taxonomy index → `skills.id`.
    skill_db_ids: Vec<i64>,
    /// `skills.id` → taxonomy index; row ids are small and dense, so a vector serves.
    skill_by_db_id: Vec<Option<SkillId>>,
    /// Our own company's names (config `[company] names`): never an opening's client.
    own_names: Vec<String>,
}

impl Store {
    /// Open (creating if needed) the database file, owner-readable only.
    pub fn open(path: &Path, tax: &Taxonomy) -> Result<Store> {
        let shown = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|error| StoreError::Create {
                path: dir.display().to_string(),
                error,
            })?;
        }
        if !path.exists() {
            // Another process starting at the same moment may create it first: fine.
            match create_private_file(path) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(source) => {
                    return Err(StoreError::Create {
                        path: shown.clone(),
                        error: source,
                    })
                }
            }
        }
        // A file without write permission opens read-only, even for root, so
        // reading commands still work and writing ones say why they cannot.
        let read_only = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(e, &shown))?;
        let mut store = Store::init(conn, shown, tax, read_only)?;
        // Test and diagnosis knob: cap the file size to reproduce a full disk.
        if let Some(pages) = std::env::var("BENCHMATCH_MAX_PAGE_COUNT")
            .ok()
            .and_then(|v| v.parse::<i64>().ok())
        {
            let _: i64 =
                store
                    .conn
                    .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                        r.get(0)
                    })?;
        }
        store.read_only = read_only;
        Ok(store)
    }

    pub fn open_in_memory(tax: &Taxonomy) -> Result<Store> {
        Store::init(Connection::open_in_memory()?, ":memory:".into(), tax, false)
    }

    fn init(mut conn: Connection, path: String, tax: &Taxonomy, read_only: bool) -> Result<Store> {
        let setup = |conn: &Connection| -> rusqlite::Result<()> {
            conn.busy_handler(Some(wait_for_lock))?;
            conn.pragma_update(None, "foreign_keys", true)?;
            if path != ":memory:" && !read_only {
                // WAL lets the dashboard read while a CLI import writes.
                let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
            }
            conn.pragma_update(None, "synchronous", "NORMAL")
        };
        setup(&conn).map_err(|e| classify(e, &path))?;
        migrate(&mut conn, &path, read_only)?;
        let mut store = Store {
            conn,
            path,
            read_only,
            skill_db_ids: Vec::new(),
            skill_by_db_id: Vec::new(),
            own_names: Vec::new(),
        };
        store.sync_taxonomy(tax)?;
        Ok(store)
    }

    /// Our own company's names, so imports never make them a client.
    pub fn set_own_names(&mut self, names: &[String]) {
        self.own_names = names.to_vec();
    }

    /// Remove every engineer, opening and proposal (skills stay): `demo --force`.
    pub fn clear(&mut self) -> Result<()> {
        let tx = self.transaction()?;
        tx.execute_batch(
            "DELETE FROM proposals; DELETE FROM opening_sources; DELETE FROM opening_requirements;
             DELETE FROM offer_sources;
             DELETE FROM openings; DELETE FROM assignments; DELETE FROM engineer_skills;
             DELETE FROM engineers; DELETE FROM partners; DELETE FROM clients;
             DELETE FROM journal;",
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Store generated demo data in one transaction.
    pub fn import_demo(&mut self, data: &crate::demo::DemoData, tax: &Taxonomy) -> Result<()> {
        let now = chrono::Utc::now();
        let mut engineers = Vec::with_capacity(data.engineers.len());
        for (line, r) in &data.engineers {
            engineers.push((
                r.to_engineer(tax).map_err(|m| ImportError::at(*line, m))?,
                r.partner.clone(),
            ));
        }
        let mut openings = Vec::with_capacity(data.openings.len());
        for (line, r) in &data.openings {
            let rank = r
                .client_rank
                .as_deref()
                .and_then(crate::domain::Rank::parse);
            openings.push((
                r.to_opening(tax, now)
                    .map_err(|m| ImportError::at(*line, m))?,
                r.client.clone(),
                rank,
            ));
        }
        let skill_ids = self.skill_db_ids.clone();
        let path = self.path.clone();
        let tx = self.transaction()?;
        {
            let mut partners = engineers::PartnerCache::default();
            let mut clients = openings::ClientCache::default();
            for (e, partner) in &engineers {
                let pid = match partner {
                    Some(p) => Some(partners.get_or_create(&tx, p)?),
                    None => None,
                };
                openings::insert_engineer_row(&tx, e, pid, &skill_ids, now)?;
            }
            for (o, client, rank) in &openings {
                let cid = match client {
                    Some(c) => Some(clients.get_or_create(&tx, c, *rank)?),
                    None => None,
                };
                openings::insert_opening(&tx, o, cid, None, &skill_ids, now)?;
            }
            engineers::insert_assignments(&tx, &data.assignments)?;
        }
        tx.commit().map_err(|e| classify(e, &path))?;
        Ok(())
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Make every taxonomy skill a row, and learn the row ids.
    fn sync_taxonomy(&mut self, tax: &Taxonomy) -> Result<()> {
        let fingerprint = taxonomy_fingerprint(tax);
        let stored: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'taxonomy'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if stored.as_deref() != Some(fingerprint.as_str()) && !self.read_only {
            // Take the write lock first (a deferred transaction that later writes fails at
            // once when another process starting alongside holds it), then look again.
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(|e| classify(e, &self.path))?;
            let stored: Option<String> = tx
                .query_row("SELECT value FROM meta WHERE key = 'taxonomy'", [], |r| {
                    r.get(0)
                })
                .optional()?;
            if stored.as_deref() != Some(fingerprint.as_str()) {
                self::write_taxonomy(&tx, tax)?;
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('taxonomy', ?1)
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [&fingerprint],
                )?;
            }
            tx.commit().map_err(|e| classify(e, &self.path))?;
        }
        let mut by_name: HashMap<String, i64> = HashMap::new();
        let mut stmt = self.conn.prepare("SELECT id, name FROM skills")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, name) = row?;
            by_name.insert(name, id);
        }
        drop(stmt);
        self.skill_db_ids = tax
            .defs()
            .iter()
            .map(|d| by_name.get(&d.name).copied().unwrap_or(-1))
            .collect();
        let max = self.skill_db_ids.iter().copied().max().unwrap_or(0).max(0) as usize;
        self.skill_by_db_id = vec![None; max + 1];
        for (i, db) in self.skill_db_ids.iter().enumerate() {
            if let Some(slot) = usize::try_from(*db)
                .ok()
                .and_then(|d| self.skill_by_db_id.get_mut(d))
            {
                *slot = Some(SkillId(i as u16));
            }
        }
        Ok(())
    }

    /// Store one opening (from a parsed posting or the dashboard) in its own transaction.
    pub fn insert_opening(
        &mut self,
        opening: &crate::domain::Opening,
        client: Option<&str>,
        source: Option<&str>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64> {
        let skill_ids = self.skill_db_ids.clone();
        let tx = self.transaction()?;
        let client_id = match client.map(str::trim) {
            Some(c) if !c.is_empty() => {
                Some(openings::ClientCache::default().get_or_create(&tx, c, None)?)
            }
            _ => None,
        };
        let id = openings::insert_opening(&tx, opening, client_id, source, &skill_ids, now)?;
        tx.commit()?;
        Ok(id)
    }

    #[allow(dead_code)]
    pub(crate) fn skill_from_db(&self, db_id: i64) -> Option<SkillId> {
        usize::try_from(db_id)
            .ok()
            .and_then(|i| self.skill_by_db_id.get(i).copied().flatten())
    }

    /// A write transaction; inside a journaled action (which holds the outer one) a
    /// savepoint, so the action, its rows and its journal entry commit together.
    pub(crate) fn transaction(&mut self) -> Result<Tx<'_>> {
        let path = self.path.clone();
        if !self.conn.is_autocommit() {
            return Ok(Tx::Nested(
                self.conn.savepoint().map_err(|e| classify(e, &path))?,
            ));
        }
        self.conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map(Tx::Top)
            .map_err(|e| classify(e, &path))
    }

    /// Rows per table, for `status` lines and empty-database screens.
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<i64> {
            // Table names come from the fixed list below, never from input.
            let sql = match table {
                "engineers" => "SELECT count(*) FROM engineers",
                "openings" => "SELECT count(*) FROM openings",
                "clients" => "SELECT count(*) FROM clients",
                "partners" => "SELECT count(*) FROM partners",
                "proposals" => "SELECT count(*) FROM proposals",
                _ => "SELECT count(*) FROM assignments",
            };
            Ok(self.conn.query_row(sql, [], |r| r.get(0))?)
        };
        Ok(Counts {
            engineers: count("engineers")?,
            openings: count("openings")?,
            clients: count("clients")?,
            partners: count("partners")?,
            proposals: count("proposals")?,
            assignments: count("assignments")?,
        })
    }

    /// A number that changes whenever another connection commits: cheap change detection.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub engineers: i64,
    pub openings: i64,
    pub clients: i64,
    pub partners: i64,
    pub proposals: i64,
    pub assignments: i64,
}

impl Counts {
    pub fn is_empty(&self) -> bool {
        self.engineers == 0 && self.openings == 0
    }
}

/// Apply pending migrations in one transaction; refuse a schema from the future.
///
/// Many processes may start on a new file at once, so the version is read again under
/// the write lock and only the one that finds it behind migrates; the others wait for
/// it (busy timeout) and then find the schema current.
///
/// An existing database is copied aside first, so even a migration that SQLite
/// accepts but that turns out wrong can be undone by hand.
fn migrate(conn: &mut Connection, path: &str, read_only: bool) -> Result<()> {
    // The version the file is at when it is behind this build; `None` when current.
    let behind = |conn: &Connection| -> Result<Option<i64>> {
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| classify(e, path))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: path.to_string(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Ok((found < SCHEMA_VERSION).then_some(found))
    };
    let Some(found) = behind(conn)? else {
        return Ok(());
    };
    if read_only {
        check_not_foreign(conn, path, found)?;
        return Err(StoreError::ReadOnly {
            path: path.to_string(),
        });
    }
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(|e| classify(e, path))?;
    let Some(found) = behind(&tx)? else {
        return Ok(());
    };
    check_not_foreign(&tx, path, found)?;
    // The copy is taken while this connection holds the write lock, so it is the file as
    // this migration found it; through a second connection, since SQLite's backup cannot
    // read from a connection inside a write transaction (readers are not blocked by it).
    let backup = if found > 0 && path != ":memory:" {
        let dest = free_backup_name(path, found);
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| classify(e, path))
            .and_then(|reader| backup::copy_to(&reader, path, &dest))
            .map_err(|e| StoreError::MigrationCopy {
                path: path.to_string(),
                error: Box::new(e),
            })?;
        Some(dest)
    } else {
        None
    };
    let apply = |tx: rusqlite::Transaction<'_>| -> rusqlite::Result<()> {
        for (_why, sql) in &schema::MIGRATIONS[found as usize..] {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()
    };
    apply(tx).map_err(|e| match &backup {
        Some(b) => StoreError::Migration {
            path: path.to_string(),
            error: e,
            copy: b.clone(),
        },
        None => classify(e, path),
    })
}

/// Someone else's SQLite file (objects but no version of ours): never add our tables to it.
fn check_not_foreign(conn: &Connection, path: &str, found: i64) -> Result<()> {
    if found != 0 || path == ":memory:" {
        return Ok(());
    }
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| classify(e, path))?;
    if objects > 0 {
        return Err(StoreError::Foreign {
            path: path.to_string(),
        });
    }
    Ok(())
}

/// Every taxonomy skill and alias as a row, inside the caller's transaction.
fn write_taxonomy(tx: &Transaction<'_>, tax: &Taxonomy) -> rusqlite::Result<()> {
    let mut ins = tx.prepare(
        "INSERT INTO skills (name, kind) VALUES (?1, ?2)
         ON CONFLICT(name) DO UPDATE SET kind = excluded.kind",
    )?;
    let mut alias = tx.prepare(
        "INSERT INTO skill_aliases (alias, skill_id)
         SELECT ?1, id FROM skills WHERE name = ?2
         ON CONFLICT(alias) DO UPDATE SET skill_id = excluded.skill_id",
    )?;
    for def in tax.defs() {
        ins.execute((&def.name, def.kind.as_str()))?;
        for a in &def.aliases {
            alias.execute((a, &def.name))?;
        }
    }
    Ok(())
}

/// `PATH.vN-TIME.bak`, or with `-2`, `-3` … when an earlier attempt in the same second
/// left one, so a second failed migration shows its own error, not "already exists".
fn free_backup_name(path: &str, found: i64) -> PathBuf {
    let base = format!(
        "{path}.v{found}-{}",
        chrono::Utc::now().format("%Y%m%d%H%M%S")
    );
    let first = PathBuf::from(format!("{base}.bak"));
    if !first.exists() {
        return first;
    }
    (2..1000)
        .map(|n| PathBuf::from(format!("{base}-{n}.bak")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| PathBuf::from(format!("{base}-{}.bak", std::process::id())))
}

/// Turn SQLite's codes into messages a user can act on.
pub(crate) fn classify(e: rusqlite::Error, path: &str) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_string(),
        },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: path.to_string(),
        },
        Some(ErrorCode::DatabaseBusy) => StoreError::Busy {
            path: path.to_string(),
        },
        Some(ErrorCode::DiskFull) => StoreError::DiskFull {
            path: path.to_string(),
        },
        _ => StoreError::Sqlite(e),
    }
}

fn taxonomy_fingerprint(tax: &Taxonomy) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for d in tax.defs() {
        d.name.hash(&mut h);
        d.kind.as_str().hash(&mut h);
        d.aliases.hash(&mut h);
    }
    format!("{:016x}-{}", h.finish(), tax.len())
}

pub use crate::output::create_private_file;

/// Where the database lives unless `--db` or `BENCHMATCH_DB` say otherwise.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "benchmatch").map(|d| d.data_dir().join("benchmatch.db"))
}

/// A write transaction, or a savepoint inside a journaled action's transaction.
pub(crate) enum Tx<'a> {
    Top(Transaction<'a>),
    Nested(rusqlite::Savepoint<'a>),
}

impl Tx<'_> {
    /// Commit (or release the savepoint into the action's transaction).
    pub(crate) fn commit(self) -> rusqlite::Result<()> {
        match self {
            Tx::Top(t) => t.commit(),
            Tx::Nested(s) => s.commit(),
        }
    }

    /// Take back every write made in it (a dry run); a savepoint is rolled back and released.
    pub(crate) fn rollback(self) -> rusqlite::Result<()> {
        match self {
            Tx::Top(t) => t.rollback(),
            // A savepoint dropped rolls back to where it began and is released.
            Tx::Nested(s) => {
                drop(s);
                Ok(())
            }
        }
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match self {
            Tx::Top(t) => t,
            Tx::Nested(s) => s,
        }
    }
}
