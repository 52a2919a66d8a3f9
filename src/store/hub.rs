//! The hub's own store (a separate SQLite file): members and their token hashes, each
//! laptop's acknowledged queue position, the shared rows with who wrote each field, the
//! log of every change in arrival order, and the conflicts waiting for their laptop.
//!
//! It holds no mail body, IMAP state, password or token: rows arrive without them and
//! tokens are kept as SHA-256 hashes.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use super::{classify, Result, StoreError};

use crate::sync::merge::{self, Stamp, Stamps};
use crate::sync::protocol::{
    self, Change, Notice, NoticeKind, Pull, PullReply, Pulled, Push, PushReply, Role, RowData,
};

/// The hub's tables, written for either store by [`hub_schema`].
const HUB_SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS hub_members (
    name       TEXT PRIMARY KEY,
    role       TEXT NOT NULL CHECK (role IN ('rep','tech','manager')),
    token_hash TEXT NOT NULL UNIQUE,
    added_at   TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS hub_laptops (
    laptop  TEXT PRIMARY KEY,
    member  TEXT NOT NULL,
    acked   {int} NOT NULL DEFAULT 0, -- the last batch applied
    seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hub_log (
    seq    {serial},
    at     TEXT NOT NULL,
    member TEXT NOT NULL,
    laptop TEXT NOT NULL,
    tbl    TEXT NOT NULL,
    gid    TEXT NOT NULL,
    op     TEXT NOT NULL,
    fields TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hub_rows (
    tbl     TEXT NOT NULL,
    gid     TEXT NOT NULL,
    data    TEXT NOT NULL,
    stamps  TEXT NOT NULL,
    deleted {flag},
    seq     {int} NOT NULL,
    PRIMARY KEY (tbl, gid)
){without_rowid};
CREATE INDEX IF NOT EXISTS hub_rows_seq ON hub_rows(seq);
CREATE TABLE IF NOT EXISTS hub_notices (
    seq    {int} PRIMARY KEY,
    laptop TEXT NOT NULL,
    body   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS hub_notices_laptop ON hub_notices(laptop, seq);
CREATE TABLE IF NOT EXISTS hub_proposals (
    gid        TEXT PRIMARY KEY,
    engineer   TEXT NOT NULL,
    client_key TEXT NOT NULL,
    member     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS hub_proposals_key ON hub_proposals(engineer, client_key);
CREATE TABLE IF NOT EXISTS hub_aliases (
    tbl       TEXT NOT NULL,
    gid       TEXT NOT NULL,
    canonical TEXT NOT NULL,
    PRIMARY KEY (tbl, gid)
){without_rowid};
"#;

/// The column types that differ between the hub's two stores.
pub(super) struct Dialect {
    /// A 64-bit integer (SQLite's INTEGER is one, and an INTEGER PRIMARY KEY is the rowid).
    int: &'static str,
    /// A key numbered in insertion order that is never reused.
    serial: &'static str,
    /// A yes/no column, no by default.
    flag: &'static str,
    /// What follows a table keyed by text: SQLite stores it without the hidden rowid.
    without_rowid: &'static str,
}

pub(super) const SQLITE: Dialect = Dialect {
    int: "INTEGER",
    serial: "INTEGER PRIMARY KEY AUTOINCREMENT",
    flag: "INTEGER NOT NULL DEFAULT 0",
    without_rowid: " WITHOUT ROWID",
};

pub(super) const POSTGRES: Dialect = Dialect {
    int: "BIGINT",
    serial: "BIGSERIAL PRIMARY KEY",
    flag: "BOOLEAN NOT NULL DEFAULT FALSE",
    without_rowid: "",
};

/// The hub's tables in one store's SQL.
pub(super) fn hub_schema(d: &Dialect) -> String {
    HUB_SCHEMA
        .replace("{int}", d.int)
        .replace("{serial}", d.serial)
        .replace("{flag}", d.flag)
        .replace("{without_rowid}", d.without_rowid)
}

/// A member as the hub knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub role: Role,
    pub revoked: bool,
}

/// SHA-256 of a token, hex: all the hub keeps of it.
pub fn token_hash(token: &str) -> String {
    ring::digest::digest(&ring::digest::SHA256, token.as_bytes())
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Where the hub keeps its rows: a SQLite file by default, or a PostgreSQL database.
pub struct HubStore {
    backend: Backend,
}

enum Backend {
    Lite(Connection),
    Pg(Box<super::hub_pg::PgHub>),
}

/// The hub's storage as its rules use it, inside one transaction. SQLite and
/// PostgreSQL each implement it; every SQL statement of the hub lives in an implementation.
pub(super) trait HubTx {
    /// (name, role) of the active member with this token hash.
    fn member_by_hash(&mut self, hash: &str) -> Result<Option<(String, String)>>;
    /// None: no such member; Some(None): active; Some(Some(at)): revoked.
    fn member_revoked(&mut self, name: &str) -> Result<Option<Option<String>>>;
    fn put_member(&mut self, name: &str, role: &str, hash: &str, at: &str) -> Result<()>;
    /// How many active members were revoked (0 or 1).
    fn revoke(&mut self, name: &str, at: &str) -> Result<u64>;
    /// (name, role, revoked), by name.
    fn members(&mut self) -> Result<Vec<(String, String, bool)>>;
    /// (member, acked) of a laptop.
    fn laptop(&mut self, laptop: &str) -> Result<Option<(String, i64)>>;
    fn put_laptop(&mut self, laptop: &str, member: &str, acked: i64, at: &str) -> Result<()>;
    /// Append to the log; its position.
    fn log(&mut self, e: &LogEntry<'_>) -> Result<i64>;
    fn put_notice(&mut self, seq: i64, laptop: &str, body: &str) -> Result<()>;
    /// (data, stamps, deleted) of a row.
    fn row(&mut self, tbl: &str, gid: &str) -> Result<Option<(String, String, bool)>>;
    fn put_row(&mut self, r: &RowPut<'_>) -> Result<()>;
    fn alias(&mut self, tbl: &str, gid: &str) -> Result<Option<String>>;
    fn put_alias(&mut self, tbl: &str, gid: &str, canonical: &str) -> Result<()>;
    /// Live rows of `tbl` whose field `key` holds the text `value`.
    fn rows_where(&mut self, tbl: &str, key: &str, value: &str) -> Result<Vec<String>>;
    /// (gid, member) of proposals of the claim's engineer to its client by other members.
    fn proposals_of(&mut self, claim: &Claim<'_>) -> Result<Vec<(String, String)>>;
    /// Record that proposal `gid` makes the claim.
    fn put_proposal(&mut self, gid: &str, claim: &Claim<'_>) -> Result<()>;
    fn drop_proposal(&mut self, gid: &str) -> Result<()>;
    /// Rows whose position is after `since`, at most `limit`, in order.
    fn rows_since(&mut self, since: i64, limit: i64) -> Result<Vec<SinceRow>>;
    fn last_seq(&mut self) -> Result<i64>;
    /// Bodies of a laptop's notices in (since, upto], in order.
    fn notices(&mut self, laptop: &str, since: i64, upto: i64) -> Result<Vec<String>>;
    /// (tbl, gid, data) of every live row.
    fn live_rows(&mut self) -> Result<Vec<(String, String, String)>>;
    fn logged(&mut self) -> Result<i64>;
}

/// (seq, tbl, gid, data, deleted) of a row changed since a cursor.
pub(super) type SinceRow = (i64, String, String, String, bool);

/// One line of the hub's log.
pub(super) struct LogEntry<'a> {
    pub at: &'a str,
    pub member: &'a str,
    pub laptop: &'a str,
    pub tbl: &'a str,
    pub gid: &'a str,
    pub op: &'a str,
    /// The fields changed, as a JSON list.
    pub fields: &'a str,
}

/// A member's proposal of an engineer to an end client: the first to reach the hub keeps
/// it, and a second member's proposal of the same engineer to the same client is a 二重提案.
pub(super) struct Claim<'a> {
    pub engineer: &'a str,
    pub client_key: &'a str,
    pub member: &'a str,
}

/// A row as stored, its data and stamps as JSON.
pub(super) struct RowPut<'a> {
    pub tbl: &'a str,
    pub gid: &'a str,
    pub data: &'a str,
    pub stamps: &'a str,
    pub deleted: bool,
    pub seq: i64,
}

/// The SQLite hub's statements, on a connection or a transaction.
struct Lite<'c>(&'c Connection);

impl Lite<'_> {
    /// Every row a query returns, each read by `row`.
    fn all<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        Ok(self
            .0
            .prepare_cached(sql)?
            .query_map(params, row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl HubTx for Lite<'_> {
    fn member_by_hash(&mut self, hash: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .0
            .prepare_cached(
                "SELECT name, role FROM hub_members WHERE token_hash = ?1 AND revoked_at IS NULL",
            )?
            .query_row([hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    fn member_revoked(&mut self, name: &str) -> Result<Option<Option<String>>> {
        Ok(self
            .0
            .query_row(
                "SELECT revoked_at FROM hub_members WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn put_member(&mut self, name: &str, role: &str, hash: &str, at: &str) -> Result<()> {
        self.0.execute(
            "INSERT OR REPLACE INTO hub_members (name, role, token_hash, added_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![name, role, hash, at],
        )?;
        Ok(())
    }

    fn revoke(&mut self, name: &str, at: &str) -> Result<u64> {
        Ok(self.0.execute(
            "UPDATE hub_members SET revoked_at = ?2 WHERE name = ?1 AND revoked_at IS NULL",
            params![name, at],
        )? as u64)
    }

    fn members(&mut self) -> Result<Vec<(String, String, bool)>> {
        self.all(
            "SELECT name, role, revoked_at IS NOT NULL FROM hub_members ORDER BY name",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    fn laptop(&mut self, laptop: &str) -> Result<Option<(String, i64)>> {
        Ok(self
            .0
            .query_row(
                "SELECT member, acked FROM hub_laptops WHERE laptop = ?1",
                [laptop],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    fn put_laptop(&mut self, laptop: &str, member: &str, acked: i64, at: &str) -> Result<()> {
        self.0.execute(
            "INSERT INTO hub_laptops (laptop, member, acked, seen_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (laptop) DO UPDATE SET acked = ?3, seen_at = ?4",
            params![laptop, member, acked, at],
        )?;
        Ok(())
    }

    fn log(&mut self, e: &LogEntry<'_>) -> Result<i64> {
        self.0
            .prepare_cached(
                "INSERT INTO hub_log (at, member, laptop, tbl, gid, op, fields) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![e.at, e.member, e.laptop, e.tbl, e.gid, e.op, e.fields])?;
        Ok(self.0.last_insert_rowid())
    }

    fn put_notice(&mut self, seq: i64, laptop: &str, body: &str) -> Result<()> {
        self.0
            .prepare_cached("INSERT INTO hub_notices (seq, laptop, body) VALUES (?1, ?2, ?3)")?
            .execute(params![seq, laptop, body])?;
        Ok(())
    }

    fn row(&mut self, tbl: &str, gid: &str) -> Result<Option<(String, String, bool)>> {
        Ok(self
            .0
            .prepare_cached(
                "SELECT data, stamps, deleted FROM hub_rows WHERE tbl = ?1 AND gid = ?2",
            )?
            .query_row(params![tbl, gid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?)
    }

    fn put_row(&mut self, r: &RowPut<'_>) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT OR REPLACE INTO hub_rows (tbl, gid, data, stamps, deleted, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![r.tbl, r.gid, r.data, r.stamps, r.deleted, r.seq])?;
        Ok(())
    }

    fn alias(&mut self, tbl: &str, gid: &str) -> Result<Option<String>> {
        Ok(self
            .0
            .prepare_cached("SELECT canonical FROM hub_aliases WHERE tbl = ?1 AND gid = ?2")?
            .query_row(params![tbl, gid], |r| r.get(0))
            .optional()?)
    }

    fn put_alias(&mut self, tbl: &str, gid: &str, canonical: &str) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT OR REPLACE INTO hub_aliases (tbl, gid, canonical) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![tbl, gid, canonical])?;
        Ok(())
    }

    fn rows_where(&mut self, tbl: &str, key: &str, value: &str) -> Result<Vec<String>> {
        let path = format!("$.{key}");
        self.all("SELECT gid FROM hub_rows WHERE tbl = ?1 AND deleted = 0 AND json_extract(data, ?2) = ?3", params![tbl, path, value], |r| r.get(0))
    }

    fn proposals_of(&mut self, c: &Claim<'_>) -> Result<Vec<(String, String)>> {
        self.all(
            "SELECT gid, member FROM hub_proposals
                 WHERE engineer = ?1 AND client_key = ?2 AND member <> ?3",
            params![c.engineer, c.client_key, c.member],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    fn put_proposal(&mut self, gid: &str, c: &Claim<'_>) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT OR REPLACE INTO hub_proposals (gid, engineer, client_key, member)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![gid, c.engineer, c.client_key, c.member])?;
        Ok(())
    }

    fn drop_proposal(&mut self, gid: &str) -> Result<()> {
        self.0
            .execute("DELETE FROM hub_proposals WHERE gid = ?1", [gid])?;
        Ok(())
    }

    fn rows_since(&mut self, since: i64, limit: i64) -> Result<Vec<SinceRow>> {
        self.all("SELECT seq, tbl, gid, data, deleted FROM hub_rows WHERE seq > ?1 ORDER BY seq LIMIT ?2", params![since, limit], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
    }

    fn last_seq(&mut self) -> Result<i64> {
        Ok(self
            .0
            .query_row("SELECT coalesce(max(seq), 0) FROM hub_log", [], |r| {
                r.get(0)
            })?)
    }

    fn notices(&mut self, laptop: &str, since: i64, upto: i64) -> Result<Vec<String>> {
        self.all("SELECT body FROM hub_notices WHERE laptop = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq", params![laptop, since, upto], |r| r.get(0))
    }

    fn live_rows(&mut self) -> Result<Vec<(String, String, String)>> {
        self.all(
            "SELECT tbl, gid, data FROM hub_rows WHERE deleted = 0",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    fn logged(&mut self) -> Result<i64> {
        Ok(self
            .0
            .query_row("SELECT count(*) FROM hub_log", [], |r| r.get(0))?)
    }
}

/// A stage after which a proposal no longer holds the engineer for that client.
fn closed(row: &RowData) -> bool {
    matches!(
        row.get("stage").and_then(Value::as_str),
        Some("declined" | "rejected" | "withdrawn")
    )
}

impl HubStore {
    /// Open (creating, owner-only) the hub's file.
    pub fn open(path: &Path) -> Result<HubStore> {
        let shown = path.display().to_string();
        if !path.exists() {
            match crate::output::create_private_file(path) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(error) => return Err(StoreError::Create { path: shown, error }),
            }
        }
        let conn = Connection::open(path).map_err(|e| classify(e, &shown))?;
        let _mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| classify(e, &shown))?;
        conn.busy_timeout(super::BUSY_TIMEOUT)?;
        // Applying a change runs some twenty statements: keep them all prepared.
        conn.set_prepared_statement_cache_capacity(64);
        conn.execute_batch(&hub_schema(&SQLITE))
            .map_err(|e| classify(e, &shown))?;
        Ok(HubStore {
            backend: Backend::Lite(conn),
        })
    }

    /// Connect to the firm's PostgreSQL database (`postgres://user@host/db`), creating
    /// the hub's tables in it the first time.
    pub fn open_postgres(url: &str) -> Result<HubStore> {
        Ok(HubStore {
            backend: Backend::Pg(Box::new(super::hub_pg::PgHub::connect(url)?)),
        })
    }

    /// Run `f` in one transaction of whichever store this is.
    fn tx<T>(&mut self, f: impl FnOnce(&mut dyn HubTx) -> Result<T>) -> Result<T> {
        match &mut self.backend {
            Backend::Lite(conn) => {
                let tx = conn.transaction()?;
                let out = f(&mut Lite(&tx))?;
                tx.commit()?;
                Ok(out)
            }
            Backend::Pg(pg) => pg.tx(f),
        }
    }

    /// A new member with a fresh token (returned once; only its hash is kept). A revoked
    /// name may be added again.
    pub fn add_member(&mut self, name: &str, role: Role) -> Result<String> {
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) || name.len() > 100 {
            return Err(StoreError::Invalid(format!("{name:?}: not a member name")));
        }
        let mut bytes = [0u8; 32];
        ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes)
            .map_err(|_| StoreError::Invalid("no randomness for a token".into()))?;
        let token: String = std::iter::once("bmt_".to_string())
            .chain(bytes.iter().map(|b| format!("{b:02x}")))
            .collect();
        self.tx(|db| {
            if let Some(None) = db.member_revoked(name)? {
                return Err(StoreError::Invalid(format!(
                    "{name} is already a member; `serve revoke {name}` first to issue a new token"
                )));
            }
            db.put_member(name, role.name(), &token_hash(&token), &now())
        })?;
        Ok(token)
    }

    /// Refuse a member's token from now on.
    pub fn revoke(&mut self, name: &str) -> Result<()> {
        if self.tx(|db| db.revoke(name, &now()))? == 0 {
            return Err(StoreError::NotFound(format!("no active member {name:?}")));
        }
        Ok(())
    }

    pub fn members(&mut self) -> Result<Vec<Member>> {
        let rows = self.tx(|db| db.members())?;
        Ok(rows
            .into_iter()
            .map(|(name, role, revoked)| Member {
                name,
                role: Role::parse(&role).unwrap_or(Role::Tech),
                revoked,
            })
            .collect())
    }

    /// The active member a token belongs to.
    pub fn authenticate(&mut self, token: &str) -> Result<Option<Member>> {
        let found = self.tx(|db| db.member_by_hash(&token_hash(token)))?;
        Ok(found.map(|(name, role)| Member {
            name,
            role: Role::parse(&role).unwrap_or(Role::Tech),
            revoked: false,
        }))
    }

    /// Apply a laptop's batch of changes in order, in one transaction; a batch at or
    /// below the laptop's acknowledged number was applied before (the laptop crashed
    /// before it heard) and is skipped.
    pub fn push(&mut self, member: &Member, push: &Push) -> Result<PushReply> {
        if uuid::Uuid::parse_str(&push.laptop).is_err() {
            return Err(StoreError::Invalid("laptop id is not a UUID".into()));
        }
        self.tx(|db| {
            let mut acked = match db.laptop(&push.laptop)? {
                Some((m, _)) if m != member.name => {
                    return Err(StoreError::Invalid(format!(
                        "this laptop syncs as {m}; it cannot sync as {} too",
                        member.name
                    )))
                }
                Some((_, a)) => a,
                None => 0,
            };
            if push.batch > acked {
                for c in &push.changes {
                    apply_change(db, member, &push.laptop, c)?;
                }
                acked = push.batch;
            }
            db.put_laptop(&push.laptop, &member.name, acked, &now())?;
            Ok(PushReply { acked })
        })
    }

    /// Rows changed since `pull.since` (at most one page) and this laptop's conflicts.
    pub fn pull(&mut self, member: &Member, pull: &Pull) -> Result<PullReply> {
        let page = protocol::PULL_PAGE;
        self.tx(|db| {
            let mut rows: Vec<Pulled> = db
                .rows_since(pull.since, page as i64 + 1)?
                .into_iter()
                .map(|(seq, tbl, gid, data, deleted)| {
                    let row = if deleted {
                        None
                    } else {
                        serde_json::from_str::<RowData>(&data)
                            .ok()
                            .map(|d| protocol::visible(&tbl, member.role, d))
                    };
                    Pulled { seq, tbl, gid, row }
                })
                .collect();
            let more = rows.len() > page;
            rows.truncate(page);
            let cursor = if more {
                rows.last().map_or(pull.since, |r| r.seq)
            } else {
                db.last_seq()?
            };
            let notices = db
                .notices(&pull.laptop, pull.since, cursor)?
                .into_iter()
                .filter_map(|b| serde_json::from_str::<Notice>(&b).ok())
                .collect();
            Ok(PullReply {
                rows,
                notices,
                cursor,
                more,
                member: member.name.clone(),
            })
        })
    }

    /// Every live row, as a laptop of `role` would hold it: for comparing and for backups.
    pub fn dump(
        &mut self,
        role: Role,
    ) -> Result<std::collections::BTreeMap<(String, String), RowData>> {
        let rows = self.tx(|db| db.live_rows())?;
        Ok(rows
            .into_iter()
            .filter_map(|(t, g, d)| {
                let row = serde_json::from_str::<RowData>(&d).ok()?;
                Some(((t.clone(), g), protocol::visible(&t, role, row)))
            })
            .collect())
    }

    /// Changes logged, for status lines.
    pub fn logged(&mut self) -> Result<i64> {
        self.tx(|db| db.logged())
    }

    /// A consistent copy of the hub's file while it serves; a PostgreSQL hub is
    /// backed up with PostgreSQL's own tools.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        match &self.backend {
            Backend::Lite(conn) => super::backup::copy_to(conn, "hub", dest),
            Backend::Pg(_) => Err(StoreError::Invalid(
                "the hub keeps its rows in PostgreSQL: back it up with pg_dump (docs/team.md)"
                    .into(),
            )),
        }
    }
}

/// Log one event and return its position.
fn log(
    db: &mut dyn HubTx,
    member: &str,
    laptop: &str,
    tbl: &str,
    gid: &str,
    op: &str,
    fields: &[String],
) -> Result<i64> {
    db.log(&LogEntry {
        at: &now(),
        member,
        laptop,
        tbl,
        gid,
        op,
        fields: &Value::from(fields.to_vec()).to_string(),
    })
}

fn notify(db: &mut dyn HubTx, laptop: &str, mut n: Notice) -> Result<()> {
    let seq = log(db, &n.other_member, laptop, &n.tbl, &n.gid, "notice", &[])?;
    n.seq = seq;
    db.put_notice(seq, laptop, &serde_json::to_string(&n).unwrap_or_default())
}

struct HubRow {
    data: RowData,
    stamps: Stamps,
    deleted: bool,
}

fn load(db: &mut dyn HubTx, tbl: &str, gid: &str) -> Result<Option<HubRow>> {
    Ok(db.row(tbl, gid)?.map(|(d, s, deleted)| HubRow {
        data: serde_json::from_str(&d).unwrap_or_default(),
        stamps: serde_json::from_str(&s).unwrap_or_default(),
        deleted,
    }))
}

fn store_row(db: &mut dyn HubTx, tbl: &str, gid: &str, row: &HubRow, seq: i64) -> Result<()> {
    db.put_row(&RowPut {
        tbl,
        gid,
        data: &Value::Object(row.data.clone()).to_string(),
        stamps: &serde_json::to_string(&row.stamps).unwrap_or_default(),
        deleted: row.deleted,
        seq,
    })
}

/// The end client a proposal is for: its opening's client, or the opening itself.
fn client_key(db: &mut dyn HubTx, row: &RowData) -> Result<Option<String>> {
    let Some(opening) = row.get("opening").and_then(Value::as_str) else {
        return Ok(None);
    };
    let client = load(db, "openings", opening)?.and_then(|o| {
        o.data
            .get("client")
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    Ok(Some(client.unwrap_or_else(|| format!("opening:{opening}"))))
}

fn refuse(
    db: &mut dyn HubTx,
    member: &Member,
    laptop: &str,
    c: &Change,
    why: String,
) -> Result<()> {
    notify(
        db,
        laptop,
        Notice {
            seq: 0,
            kind: NoticeKind::Refused,
            tbl: c.tbl.clone(),
            gid: c.gid.clone(),
            field: None,
            mine: None,
            theirs: Some(Value::from(why)),
            other_member: member.name.clone(),
            other_gid: None,
            row: c.row.clone(),
        },
    )
}

/// A field edit that lost to another member's (or overrode it): the laptop keeps `mine`
/// for one-key restore and is told `theirs` won, and by whom.
fn field_notice(
    c: &Change,
    field: &str,
    mine: Option<&Value>,
    theirs: Option<&Value>,
    other_member: String,
) -> Notice {
    Notice {
        seq: 0,
        kind: NoticeKind::Field,
        tbl: c.tbl.clone(),
        gid: c.gid.clone(),
        field: Some(field.to_string()),
        mine: mine.cloned(),
        theirs: theirs.cloned(),
        other_member,
        other_gid: None,
        row: None,
    }
}

fn apply_change(db: &mut dyn HubTx, member: &Member, laptop: &str, c: &Change) -> Result<()> {
    let Some(t) = protocol::shared(&c.tbl) else {
        return Err(StoreError::Invalid(format!(
            "{}: not a shared table",
            c.tbl
        )));
    };
    if uuid::Uuid::parse_str(&c.gid).is_err() {
        return Err(StoreError::Invalid(format!("{}: not a UUID", c.gid)));
    }
    if let Some(canonical) = db.alias(&c.tbl, &c.gid)? {
        let mut c = c.clone();
        c.gid = canonical;
        return apply_change(db, member, laptop, &c);
    }
    let current = load(db, &c.tbl, &c.gid)?;
    let Some(incoming) = &c.row else {
        // A delete: the row goes, rows that cannot be without it go too, the others
        // lose the reference.
        if current.as_ref().is_some_and(|r| !r.deleted) {
            delete(db, member, laptop, t.table, &c.gid)?;
        }
        return Ok(());
    };
    if current.as_ref().is_some_and(|r| r.deleted) {
        return refuse(db, member, laptop, c, "deleted at the hub".into());
    }
    let mut incoming = incoming.clone();
    for k in t.local_only {
        incoming.remove(*k);
    }
    if member.role == Role::Tech {
        for k in t.hidden_from_tech {
            incoming.remove(*k);
        }
    }
    let mut fields: Vec<String> = c
        .fields
        .iter()
        .filter(|f| incoming.contains_key(f.as_str()))
        .cloned()
        .collect();
    if let (None, Some(key)) = (&current, t.natural_key) {
        if let Some(v) = incoming.get(key).filter(|v| !v.is_null()) {
            let same = db
                .rows_where(&c.tbl, key, v.as_str().unwrap_or_default())?
                .into_iter()
                .next();
            if let Some(other) = same {
                db.put_alias(&c.tbl, &c.gid, &other)?;
                notify(
                    db,
                    laptop,
                    Notice {
                        seq: 0,
                        kind: NoticeKind::Same,
                        tbl: c.tbl.clone(),
                        gid: c.gid.clone(),
                        field: None,
                        mine: None,
                        theirs: None,
                        other_member: String::new(),
                        other_gid: Some(other.clone()),
                        row: None,
                    },
                )?;
                let mut c = c.clone();
                c.gid = other;
                return apply_change(db, member, laptop, &c);
            }
        }
    }
    for r in t.references {
        let Some(g) = incoming
            .get(r.key)
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            continue;
        };
        let g = match db.alias(r.table, &g)? {
            Some(canonical) => {
                incoming.insert(r.key.into(), Value::from(canonical.clone()));
                canonical
            }
            None => g,
        };
        let live = load(db, r.table, &g)?.is_some_and(|x| !x.deleted);
        if !live {
            if r.required {
                return refuse(
                    db,
                    member,
                    laptop,
                    c,
                    format!("its {} is not at the hub", r.key),
                );
            }
            incoming.insert(r.key.into(), Value::Null);
        }
    }
    let stamp = Stamp {
        at: c.at.clone(),
        member: member.name.clone(),
        laptop: laptop.to_string(),
    };
    let row = match current {
        None => {
            if c.tbl == "proposals" {
                if let Some(key) = client_key(db, &incoming)? {
                    let engineer = incoming
                        .get("engineer")
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    let claim = Claim {
                        engineer,
                        client_key: &key,
                        member: &member.name,
                    };
                    let others = db.proposals_of(&claim)?;
                    for (other, by) in others {
                        let live = load(db, "proposals", &other)?
                            .filter(|p| !p.deleted && !closed(&p.data));
                        if live.is_some() {
                            return notify(
                                db,
                                laptop,
                                Notice {
                                    seq: 0,
                                    kind: NoticeKind::Double,
                                    tbl: c.tbl.clone(),
                                    gid: c.gid.clone(),
                                    field: None,
                                    mine: None,
                                    theirs: None,
                                    other_member: by,
                                    other_gid: Some(other),
                                    row: Some(incoming),
                                },
                            );
                        }
                    }
                    db.put_proposal(&c.gid, &claim)?;
                }
                if incoming.get("proposed_by").is_none_or(Value::is_null) {
                    incoming.insert("proposed_by".into(), Value::from(member.name.clone()));
                }
            }
            fields = incoming.keys().cloned().collect();
            let stamps = fields.iter().map(|f| (f.clone(), stamp.clone())).collect();
            HubRow {
                data: incoming,
                stamps,
                deleted: false,
            }
        }
        Some(mut row) => {
            // Who proposed stays who first proposed.
            fields.retain(|f| f != "proposed_by");
            let out = merge::merge(&c.tbl, &row.data, &row.stamps, &incoming, &fields, &stamp);
            for f in &out.lost {
                if protocol::quiet(f) {
                    continue;
                }
                let by = row
                    .stamps
                    .get(f)
                    .map(|s| s.member.clone())
                    .unwrap_or_default();
                let lost = field_notice(c, f, incoming.get(f), row.data.get(f), by);
                notify(db, laptop, lost)?;
            }
            for (f, prior) in &out.overridden {
                if protocol::quiet(f) {
                    continue;
                }
                let by = member.name.clone();
                let overridden = field_notice(c, f, row.data.get(f), incoming.get(f), by);
                notify(db, &prior.laptop, overridden)?;
            }
            for f in &out.taken {
                if let Some(v) = incoming.get(f) {
                    row.data.insert(f.clone(), v.clone());
                    row.stamps.insert(f.clone(), stamp.clone());
                }
            }
            fields = out.taken;
            row
        }
    };
    // Logged and its position bumped even when every field lost: the laptop that sent
    // it pulls the hub's values back.
    let seq = log(db, &member.name, laptop, &c.tbl, &c.gid, "put", &fields)?;
    store_row(db, &c.tbl, &c.gid, &row, seq)
}

/// Delete `gid` of `tbl` at the hub, with the rows that need it, as the laptops'
/// foreign keys do.
fn delete(db: &mut dyn HubTx, member: &Member, laptop: &str, tbl: &str, gid: &str) -> Result<()> {
    let seq = log(db, &member.name, laptop, tbl, gid, "delete", &[])?;
    let mut row = load(db, tbl, gid)?.unwrap_or(HubRow {
        data: RowData::new(),
        stamps: Stamps::new(),
        deleted: true,
    });
    row.deleted = true;
    row.data = RowData::new();
    row.stamps = Stamps::new();
    store_row(db, tbl, gid, &row, seq)?;
    db.drop_proposal(gid)?;
    for s in protocol::SHARED {
        for r in s.references.iter().filter(|r| r.table == tbl) {
            let dependents = db.rows_where(s.table, r.key, gid)?;
            for d in dependents {
                if r.required {
                    delete(db, member, laptop, s.table, &d)?;
                } else if let Some(mut dep) = load(db, s.table, &d)? {
                    dep.data.insert(r.key.into(), Value::Null);
                    let seq = log(
                        db,
                        &member.name,
                        laptop,
                        s.table,
                        &d,
                        "put",
                        &[r.key.to_string()],
                    )?;
                    store_row(db, s.table, &d, &dep, seq)?;
                }
            }
        }
    }
    Ok(())
}
