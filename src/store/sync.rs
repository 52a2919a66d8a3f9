//! The laptop's side of team sync: the rows the triggers queued, read as they travel
//! (references as global ids, child rows inline), and the hub's rows written back
//! without queueing them again.

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use super::{Result, Store, StoreError};
use crate::sync::protocol::{self, Change, Notice, NoticeKind, Pulled, Push, RowData, Shared};

/// A conflict the hub decided against this laptop, as the pipeline lists it (read from
/// `sync_conflicts` by column name).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct SyncConflict {
    pub id: i64,
    pub at: String,
    pub kind: NoticeKind,
    pub tbl: String,
    pub gid: String,
    pub field: Option<String>,
    /// The value this laptop wrote (kept for restore) and the one that won.
    pub mine: Option<String>,
    pub theirs: Option<String>,
    pub other_member: String,
    /// The winning row's global id (the other member's proposal).
    pub other_gid: Option<String>,
    /// The winning row's local number, once pulled.
    #[serde(default)]
    pub other_local: Option<i64>,
    /// What the losing row was about, in words (engineer and opening of a proposal).
    pub detail: String,
    pub state: String,
}

/// Another member's live proposal, for the warning before proposing the same engineer
/// to the same end client.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct TeamProposal {
    pub id: i64,
    pub engineer_id: i64,
    pub opening_id: i64,
    pub client_id: Option<i64>,
    pub by: String,
    pub title: String,
}

/// Prepared statements kept while sync reads and writes rows.
const SYNC_STATEMENTS: usize = 96;

/// What one apply of pulled rows did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    pub rows: usize,
    pub conflicts: usize,
}

/// `SELECT * … WHERE gid = ?1` per shared table: names come from this fixed list only.
fn select_by_gid(tbl: &str) -> Option<&'static str> {
    Some(match tbl {
        "clients" => "SELECT * FROM clients WHERE gid = ?1",
        "partners" => "SELECT * FROM partners WHERE gid = ?1",
        "engineers" => "SELECT * FROM engineers WHERE gid = ?1",
        "openings" => "SELECT * FROM openings WHERE gid = ?1",
        "proposals" => "SELECT * FROM proposals WHERE gid = ?1",
        "assignments" => "SELECT * FROM assignments WHERE gid = ?1",
        _ => return None,
    })
}

fn gid_of(tbl: &str) -> Option<&'static str> {
    Some(match tbl {
        "clients" => "SELECT gid FROM clients WHERE id = ?1",
        "partners" => "SELECT gid FROM partners WHERE id = ?1",
        "engineers" => "SELECT gid FROM engineers WHERE id = ?1",
        "openings" => "SELECT gid FROM openings WHERE id = ?1",
        "proposals" => "SELECT gid FROM proposals WHERE id = ?1",
        "assignments" => "SELECT gid FROM assignments WHERE id = ?1",
        _ => return None,
    })
}

fn id_of(tbl: &str) -> Option<&'static str> {
    Some(match tbl {
        "clients" => "SELECT id FROM clients WHERE gid = ?1",
        "partners" => "SELECT id FROM partners WHERE gid = ?1",
        "engineers" => "SELECT id FROM engineers WHERE gid = ?1",
        "openings" => "SELECT id FROM openings WHERE gid = ?1",
        "proposals" => "SELECT id FROM proposals WHERE gid = ?1",
        "assignments" => "SELECT id FROM assignments WHERE gid = ?1",
        _ => return None,
    })
}

fn all_gids(tbl: &str) -> Option<&'static str> {
    Some(match tbl {
        "clients" => "SELECT gid FROM clients",
        "partners" => "SELECT gid FROM partners",
        "engineers" => "SELECT gid FROM engineers",
        "openings" => "SELECT gid FROM openings",
        "proposals" => "SELECT gid FROM proposals",
        "assignments" => "SELECT gid FROM assignments",
        _ => return None,
    })
}

fn unknown(tbl: &str) -> StoreError {
    StoreError::Invalid(format!("{tbl}: not a shared table"))
}

fn to_json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null | ValueRef::Blob(_) => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
    }
}

fn to_sql(v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(Sql::Integer)
            .or_else(|| n.as_f64().map(Sql::Real))
            .unwrap_or(Sql::Null),
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

/// Columns that are the laptop's own bookkeeping, never part of a shared row.
fn bookkeeping(column: &str) -> bool {
    matches!(column, "id" | "version" | "gid")
}

/// Child rows that travel inside their parent, as arrays in a fixed order.
fn children(conn: &Connection, tbl: &str, id: i64, row: &mut RowData) -> rusqlite::Result<()> {
    let (key, sql) = match tbl {
        "engineers" => (
            "skills",
            "SELECT s.name, s.kind, es.years, es.level, es.last_used FROM engineer_skills es
             JOIN skills s ON s.id = es.skill_id WHERE es.engineer_id = ?1 ORDER BY s.name",
        ),
        "openings" => (
            "requirements",
            "SELECT kind, grp, position, name, min_years FROM opening_requirements
             WHERE opening_id = ?1 ORDER BY kind, grp, position",
        ),
        "proposals" => (
            "events",
            "SELECT stage, at, note FROM proposal_events WHERE proposal_id = ?1
             ORDER BY at, stage, note",
        ),
        "partners" => (
            "incidents",
            "SELECT at, text FROM partner_incidents WHERE partner_id = ?1 ORDER BY at, text",
        ),
        _ => return Ok(()),
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let n = stmt.column_count();
    let items = stmt
        .query_map([id], |r| {
            (0..n)
                .map(|i| r.get_ref(i).map(to_json))
                .collect::<rusqlite::Result<Vec<_>>>()
                .map(Value::Array)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    row.insert(key.into(), Value::Array(items));
    Ok(())
}

/// The shared row `gid` of `t` as it travels, or `None` when it is not here.
fn read_row(conn: &Connection, t: &Shared, gid: &str, share_mail: bool) -> Result<Option<RowData>> {
    let sql = select_by_gid(t.table).ok_or_else(|| unknown(t.table))?;
    let mut stmt = conn.prepare_cached(sql)?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let found = stmt
        .query_row([gid], |r| {
            let mut row = RowData::new();
            let mut id = 0;
            for (i, name) in names.iter().enumerate() {
                let v = r.get_ref(i)?;
                if name == "id" {
                    id = v.as_i64().unwrap_or(0);
                }
                row.insert(name.clone(), to_json(v));
            }
            Ok((id, row))
        })
        .optional()?;
    let Some((id, mut row)) = found else {
        return Ok(None);
    };
    for c in names.iter().filter(|c| bookkeeping(c)) {
        row.remove(c);
    }
    for c in t.local_only {
        if !(share_mail && *c == "raw_text") {
            row.remove(*c);
        }
    }
    for r in t.references {
        let local = row.remove(r.column).and_then(|v| v.as_i64());
        let gid = match local {
            Some(local) => conn
                .prepare_cached(gid_of(r.table).ok_or_else(|| unknown(r.table))?)?
                .query_row([local], |x| x.get::<_, Option<String>>(0))
                .optional()?
                .flatten(),
            None => None,
        };
        row.insert(r.key.into(), gid.map_or(Value::Null, Value::from));
    }
    children(conn, t.table, id, &mut row)?;
    Ok(Some(row))
}

/// The local columns of a table, read from the table itself.
fn columns(conn: &Connection, tbl: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1)")?;
    let names = stmt
        .query_map([tbl], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// Why a pulled row could not be written here.
enum Skip {
    /// A reference it cannot go without is not here.
    Missing,
    /// A local row not yet sent takes its unique place.
    Clash,
}

/// The UPDATE or INSERT of a table for one list of columns, made once per apply: the
/// rows of a table mostly carry the same columns, and building the text for each row
/// was a fifth of writing it.
type WriteSql<'a> = HashMap<(&'static str, bool, Vec<&'a str>), String>;

/// Write the hub's row here: insert or update by global id, references resolved to
/// local numbers, child rows replaced.
fn write_row<'a>(
    conn: &Connection,
    t: &Shared,
    gid: &str,
    row: &'a RowData,
    cols: &[String],
    sql: &mut WriteSql<'a>,
) -> Result<std::result::Result<i64, Skip>> {
    let mut names: Vec<&'a str> = Vec::new();
    let mut values: Vec<Sql> = Vec::new();
    for r in t.references {
        let Some(v) = row.get(r.key) else { continue };
        let local = match v.as_str() {
            Some(g) => conn
                .prepare_cached(id_of(r.table).ok_or_else(|| unknown(r.table))?)?
                .query_row([g], |x| x.get::<_, i64>(0))
                .optional()?,
            None => None,
        };
        if local.is_none() && r.required {
            return Ok(Err(Skip::Missing));
        }
        names.push(r.column);
        values.push(local.map_or(Sql::Null, Sql::Integer));
    }
    for (k, v) in row {
        let is_ref = t.references.iter().any(|r| r.key == k || r.column == k);
        if is_ref || bookkeeping(k) || t.local_only.contains(&k.as_str()) && k != "raw_text" {
            continue;
        }
        if cols.iter().any(|c| c == k) {
            names.push(k.as_str());
            values.push(to_sql(v));
        }
    }
    let existing: Option<i64> = conn
        .prepare_cached(id_of(t.table).ok_or_else(|| unknown(t.table))?)?
        .query_row([gid], |r| r.get(0))
        .optional()?;
    // Column names are the table's own (checked against pragma_table_info); values are bound.
    let id = match existing {
        Some(id) => {
            if !names.is_empty() {
                let text =
                    sql.entry((t.table, true, names))
                        .or_insert_with_key(|(table, _, names)| {
                            super::statements::update_by_id(table, names)
                        });
                values.push(Sql::Integer(id));
                conn.prepare_cached(text)?
                    .execute(rusqlite::params_from_iter(values))?;
            }
            id
        }
        None => {
            names.push("gid");
            values.push(Sql::Text(gid.to_string()));
            let text = sql
                .entry((t.table, false, names))
                .or_insert_with_key(|(table, _, names)| super::statements::insert(table, names));
            let inserted = conn
                .prepare_cached(text)?
                .execute(rusqlite::params_from_iter(values));
            match inserted {
                Ok(_) => conn.last_insert_rowid(),
                // A local row not yet sent holds the same place (the same engineer proposed
                // for the same opening here): the hub decides once it has both.
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    return Ok(Err(Skip::Clash));
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    write_children(conn, t.table, id, row)?;
    Ok(Ok(id))
}

fn items(row: &RowData, key: &str) -> Option<Vec<Vec<Sql>>> {
    let Some(Value::Array(list)) = row.get(key) else {
        return None;
    };
    Some(
        list.iter()
            .map(|x| match x {
                Value::Array(a) => a.iter().map(to_sql).collect(),
                _ => Vec::new(),
            })
            .collect(),
    )
}

fn cell(item: &[Sql], i: usize) -> Sql {
    item.get(i).cloned().unwrap_or(Sql::Null)
}

fn write_children(conn: &Connection, tbl: &str, id: i64, row: &RowData) -> Result<()> {
    match tbl {
        "engineers" => {
            let Some(list) = items(row, "skills") else {
                return Ok(());
            };
            conn.prepare_cached("DELETE FROM engineer_skills WHERE engineer_id = ?1")?
                .execute([id])?;
            for s in list {
                let name = cell(&s, 0);
                let skill: Option<i64> = conn
                    .prepare_cached("SELECT id FROM skills WHERE name = ?1")?
                    .query_row([&name], |r| r.get(0))
                    .optional()?;
                let skill = match skill {
                    Some(s) => s,
                    None => {
                        conn.execute(
                            "INSERT INTO skills (name, kind) VALUES (?1, coalesce(?2, 'other'))",
                            params![name, cell(&s, 1)],
                        )?;
                        conn.last_insert_rowid()
                    }
                };
                conn.prepare_cached(
                    "INSERT OR REPLACE INTO engineer_skills (engineer_id, skill_id, years, level, last_used)
                     VALUES (?1, ?2, coalesce(?3, 0), ?4, ?5)",
                )?
                .execute(params![id, skill, cell(&s, 2), cell(&s, 3), cell(&s, 4)])?;
            }
        }
        "openings" => {
            let Some(list) = items(row, "requirements") else {
                return Ok(());
            };
            conn.prepare_cached("DELETE FROM opening_requirements WHERE opening_id = ?1")?
                .execute([id])?;
            for q in list {
                conn.prepare_cached(
                    "INSERT OR REPLACE INTO opening_requirements
                         (opening_id, kind, grp, position, skill_id, name, min_years)
                     VALUES (?1, ?2, ?3, ?4, (SELECT id FROM skills WHERE name = ?5), ?5, ?6)",
                )?
                .execute(params![
                    id,
                    cell(&q, 0),
                    cell(&q, 1),
                    cell(&q, 2),
                    cell(&q, 3),
                    cell(&q, 4)
                ])?;
            }
        }
        "proposals" => {
            let Some(list) = items(row, "events") else {
                return Ok(());
            };
            conn.prepare_cached("DELETE FROM proposal_events WHERE proposal_id = ?1")?
                .execute([id])?;
            for e in list {
                conn.prepare_cached(
                    "INSERT INTO proposal_events (proposal_id, stage, at, note)
                     VALUES (?1, ?2, ?3, coalesce(?4, ''))",
                )?
                .execute(params![id, cell(&e, 0), cell(&e, 1), cell(&e, 2)])?;
            }
        }
        "partners" => {
            let Some(list) = items(row, "incidents") else {
                return Ok(());
            };
            conn.prepare_cached("DELETE FROM partner_incidents WHERE partner_id = ?1")?
                .execute([id])?;
            for e in list {
                conn.prepare_cached(
                    "INSERT INTO partner_incidents (partner_id, at, text) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![id, cell(&e, 0), cell(&e, 1)])?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Delete a shared row the hub deleted; rows that may outlive it lose the reference.
fn delete_row(conn: &Connection, t: &Shared, gid: &str) -> Result<()> {
    let Some(id) = conn
        .prepare_cached(id_of(t.table).ok_or_else(|| unknown(t.table))?)?
        .query_row([gid], |r| r.get::<_, i64>(0))
        .optional()?
    else {
        return Ok(());
    };
    // Names from the fixed SHARED list only.
    for s in protocol::SHARED {
        for r in s
            .references
            .iter()
            .filter(|r| r.table == t.table && !r.required)
        {
            conn.execute(
                &format!(
                    "UPDATE {} SET {} = NULL WHERE {} = ?1",
                    s.table, r.column, r.column
                ),
                [id],
            )?;
        }
    }
    conn.execute(&format!("DELETE FROM {} WHERE id = ?1", t.table), [id])?;
    Ok(())
}

fn text_of(v: Option<&Value>) -> Option<String> {
    v.map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

impl Store {
    fn sync_get(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM sync_state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// This laptop's id at the hub, made on first use.
    pub fn sync_laptop(&mut self) -> Result<String> {
        if let Some(id) = self.sync_get("laptop")? {
            return Ok(id);
        }
        let id = uuid::Uuid::now_v7().to_string();
        self.conn.execute(
            "INSERT OR IGNORE INTO sync_state (key, value) VALUES ('laptop', ?1)",
            [&id],
        )?;
        Ok(self.sync_get("laptop")?.unwrap_or(id))
    }

    /// Where the last pull stopped in the hub's log.
    pub fn sync_cursor(&self) -> Result<i64> {
        Ok(self
            .sync_get("cursor")?
            .and_then(|c| c.parse().ok())
            .unwrap_or(0))
    }

    /// Edits waiting for the hub (rows, not keystrokes).
    pub fn sync_pending(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM (SELECT DISTINCT tbl, gid FROM sync_queue)",
            [],
            |r| r.get(0),
        )?)
    }

    /// The queued rows, one change per row in the order first edited, at most `limit`
    /// rows; each with the fields edited since the hub last agreed.
    pub fn sync_outbox(&self, share_mail: bool, limit: usize) -> Result<Vec<Change>> {
        self.conn
            .set_prepared_statement_cache_capacity(SYNC_STATEMENTS);
        let mut stmt = self.conn.prepare_cached(
            "SELECT tbl, gid, max(seq), max(at) FROM sync_queue GROUP BY tbl, gid ORDER BY min(seq)",
        )?;
        let queued = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::new();
        for (tbl, gid, seq, at) in queued {
            // A change may only go once every earlier edit went: stop at the limit.
            if out.len() >= limit {
                break;
            }
            let Some(t) = protocol::shared(&tbl) else {
                continue;
            };
            let row = read_row(&self.conn, t, &gid, share_mail)?;
            let shadow: Option<RowData> = self
                .conn
                .prepare_cached("SELECT data FROM sync_shadow WHERE tbl = ?1 AND gid = ?2")?
                .query_row(params![tbl, gid], |r| r.get::<_, String>(0))
                .optional()?
                .and_then(|s| serde_json::from_str(&s).ok());
            let fields = match (&row, &shadow) {
                (Some(row), Some(shadow)) => row
                    .iter()
                    .filter(|(k, v)| shadow.get(*k) != Some(*v))
                    .map(|(k, _)| k.clone())
                    .collect(),
                (Some(row), None) => row.keys().cloned().collect(),
                (None, _) => Vec::new(),
            };
            out.push(Change {
                seq,
                tbl,
                gid,
                at,
                row,
                fields,
            });
        }
        Ok(out)
    }

    /// The batch to send: the one sent before if the hub's answer never came (a crash
    /// or a lost connection in between; the hub knows it by its number and skips it),
    /// else the next `limit` queued rows under a new number, saved before it goes.
    pub fn sync_batch(&mut self, share_mail: bool, limit: usize) -> Result<Option<Push>> {
        if let Some(p) = self.sync_get("batch")? {
            let push: Push = serde_json::from_str(&p)
                .map_err(|e| StoreError::Invalid(format!("sync batch unreadable: {e}")))?;
            return Ok(Some(push));
        }
        let changes = self.sync_outbox(share_mail, limit)?;
        if changes.is_empty() {
            return Ok(None);
        }
        let laptop = self.sync_laptop()?;
        let number = self
            .sync_get("batch_no")?
            .and_then(|n| n.parse::<i64>().ok())
            .unwrap_or(0)
            + 1;
        let push = Push {
            laptop,
            batch: number,
            changes,
        };
        let tx = self.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('batch_no', ?1)",
            [number.to_string()],
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('batch', ?1)",
            [serde_json::to_string(&push).unwrap_or_default()],
        )?;
        tx.commit()?;
        Ok(Some(push))
    }

    /// The hub applied `push`: drop its edits from the queue (later edits of the same
    /// rows stay) and remember what was sent as what the hub has.
    pub fn sync_ack(&mut self, push: &Push) -> Result<()> {
        let tx = self.transaction()?;
        for c in &push.changes {
            tx.prepare_cached("DELETE FROM sync_queue WHERE tbl = ?1 AND gid = ?2 AND seq <= ?3")?
                .execute(params![c.tbl, c.gid, c.seq])?;
            match &c.row {
                Some(row) => tx
                    .prepare_cached(
                        "INSERT OR REPLACE INTO sync_shadow (tbl, gid, data) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![
                        c.tbl,
                        c.gid,
                        serde_json::to_string(row).unwrap_or_default()
                    ])?,
                None => tx
                    .prepare_cached("DELETE FROM sync_shadow WHERE tbl = ?1 AND gid = ?2")?
                    .execute(params![c.tbl, c.gid])?,
            };
        }
        tx.execute("DELETE FROM sync_state WHERE key = 'batch'", [])?;
        tx.commit()?;
        Ok(())
    }

    /// Write what the hub sent, in one transaction, without queueing it again: conflicts
    /// first (a proposal the hub refused goes), then rows parents first. A row edited here
    /// since the last upload keeps the local edit; it goes up next time.
    pub fn sync_apply(
        &mut self,
        rows: &[Pulled],
        notices: &[Notice],
        cursor: i64,
    ) -> Result<Applied> {
        // One pulled row runs a dozen statements over six tables (lookups, the row's
        // own UPDATE or INSERT, its child rows, the shadow): more than rusqlite's default
        // cache of 16 holds, and each statement re-prepared compiled the table's triggers
        // again (a third of the apply's time).
        self.conn
            .set_prepared_statement_cache_capacity(SYNC_STATEMENTS);
        let tx = self.transaction()?;
        tx.execute("INSERT INTO sync_mute (muted) VALUES (1)", [])?;
        let mut applied = Applied::default();
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        // A held cursor brings notices again: each is taken once.
        let seen: i64 = tx
            .query_row(
                "SELECT value FROM sync_state WHERE key = 'notices'",
                [],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut last_notice = seen;
        for n in notices.iter().filter(|n| n.seq > seen) {
            last_notice = last_notice.max(n.seq);
            let Some(t) = protocol::shared(&n.tbl) else {
                continue;
            };
            if let (NoticeKind::Same, Some(other)) = (n.kind, &n.other_gid) {
                // One row for the firm: take the hub's id for it, and so do queued edits.
                let sql = format!("UPDATE {} SET gid = ?2 WHERE gid = ?1", t.table);
                tx.execute(&sql, params![n.gid, other])?;
                tx.execute(
                    "UPDATE sync_queue SET gid = ?3 WHERE tbl = ?1 AND gid = ?2",
                    params![n.tbl, n.gid, other],
                )?;
                tx.execute(
                    "DELETE FROM sync_shadow WHERE tbl = ?1 AND gid = ?2",
                    params![n.tbl, n.gid],
                )?;
                continue;
            }
            let mut detail = String::new();
            if matches!(n.kind, NoticeKind::Double | NoticeKind::Refused) {
                detail = describe(&tx, n.row.as_ref())?;
                delete_row(&tx, t, &n.gid)?;
                tx.execute(
                    "DELETE FROM sync_shadow WHERE tbl = ?1 AND gid = ?2",
                    params![n.tbl, n.gid],
                )?;
                tx.execute(
                    "DELETE FROM sync_queue WHERE tbl = ?1 AND gid = ?2",
                    params![n.tbl, n.gid],
                )?;
            }
            let mine = match n.kind {
                NoticeKind::Field => text_of(n.mine.as_ref()),
                _ => n.row.as_ref().map(|r| Value::Object(r.clone()).to_string()),
            };
            tx.execute(
                "INSERT INTO sync_conflicts
                     (at, kind, tbl, gid, field, mine, theirs, other_member, other_gid, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    now,
                    n.kind.name(),
                    n.tbl,
                    n.gid,
                    n.field,
                    mine,
                    text_of(n.theirs.as_ref()),
                    n.other_member,
                    n.other_gid,
                    detail
                ],
            )?;
            applied.conflicts += 1;
        }
        let order = |tbl: &str| protocol::SHARED.iter().position(|s| s.table == tbl);
        let mut puts: Vec<&Pulled> = rows.iter().filter(|p| p.row.is_some()).collect();
        puts.sort_by_key(|p| (order(&p.tbl), p.seq));
        let mut deletes: Vec<&Pulled> = rows.iter().filter(|p| p.row.is_none()).collect();
        deletes.sort_by_key(|p| (std::cmp::Reverse(order(&p.tbl)), p.seq));
        let mut cols: HashMap<&str, Vec<String>> = HashMap::new();
        let mut write_sql = WriteSql::new();
        let mut hold = cursor;
        for p in puts.iter().chain(deletes.iter()) {
            let Some(t) = protocol::shared(&p.tbl) else {
                continue;
            };
            let pending: bool = tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM sync_queue WHERE tbl = ?1 AND gid = ?2)",
                )?
                .query_row(params![p.tbl, p.gid], |r| r.get(0))?;
            match &p.row {
                Some(row) => {
                    if !pending {
                        if !cols.contains_key(t.table) {
                            cols.insert(t.table, columns(&tx, t.table)?);
                        }
                        let c = cols.get(t.table).map_or(&[][..], |c| c.as_slice());
                        if write_row(&tx, t, &p.gid, row, c, &mut write_sql)?.is_err() {
                            // Its parent was deleted here and not yet sent, or a local row
                            // not yet sent holds its place: pull it again next time, once
                            // the hub has decided.
                            hold = hold.min(p.seq - 1);
                            continue;
                        }
                    }
                    tx.prepare_cached(
                        "INSERT OR REPLACE INTO sync_shadow (tbl, gid, data) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![
                        p.tbl,
                        p.gid,
                        serde_json::to_string(row).unwrap_or_default()
                    ])?;
                }
                None => {
                    delete_row(&tx, t, &p.gid)?;
                    tx.execute(
                        "DELETE FROM sync_shadow WHERE tbl = ?1 AND gid = ?2",
                        params![p.tbl, p.gid],
                    )?;
                    tx.execute(
                        "DELETE FROM sync_queue WHERE tbl = ?1 AND gid = ?2",
                        params![p.tbl, p.gid],
                    )?;
                }
            }
            applied.rows += 1;
        }
        tx.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('cursor', ?1)",
            [hold.to_string()],
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('notices', ?1)",
            [last_notice.to_string()],
        )?;
        tx.execute("DELETE FROM sync_mute", [])?;
        tx.commit()?;
        Ok(applied)
    }

    /// Every shared row as it travels, by table and global id: what a laptop and the hub
    /// compare to agree.
    pub fn sync_dump(&self) -> Result<BTreeMap<(String, String), RowData>> {
        let mut out = BTreeMap::new();
        for t in protocol::SHARED {
            let gids = self
                .conn
                .prepare(all_gids(t.table).ok_or_else(|| unknown(t.table))?)?
                .query_map([], |r| r.get::<_, Option<String>>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for gid in gids.into_iter().flatten() {
                if let Some(row) = read_row(&self.conn, t, &gid, false)? {
                    out.insert((t.table.to_string(), gid), row);
                }
            }
        }
        Ok(out)
    }

    /// The local number of a shared row.
    pub fn sync_local_id(&self, tbl: &str, gid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(id_of(tbl).ok_or_else(|| unknown(tbl))?)?
            .query_row([gid], |r| r.get(0))
            .optional()?)
    }

    /// The global id of a shared row.
    pub fn sync_gid(&self, tbl: &str, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(gid_of(tbl).ok_or_else(|| unknown(tbl))?)?
            .query_row([id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    /// Conflicts the hub decided against this laptop, newest first; open ones only unless `all`.
    pub fn sync_conflicts(&self, all: bool) -> Result<Vec<SyncConflict>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, kind, tbl, gid, field, mine, theirs, other_member, other_gid, detail, state
             FROM sync_conflicts WHERE ?1 OR state = 'open' ORDER BY id DESC",
        )?;
        let mut rows = serde_rusqlite::from_rows::<SyncConflict>(stmt.query([all])?)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(StoreError::Row)?;
        for c in &mut rows {
            if let Some(g) = &c.other_gid {
                c.other_local = self.sync_local_id(&c.tbl, g)?;
            }
        }
        Ok(rows)
    }

    /// Put back the value this laptop lost in conflict `id` (a field): written as a new
    /// edit, so it goes to the hub on the next sync and wins as the later one.
    pub fn sync_restore(&mut self, id: i64) -> Result<SyncConflict> {
        let c = self
            .sync_conflicts(true)?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| StoreError::NotFound(format!("no sync conflict {id}")))?;
        if c.state != "open" {
            return Err(StoreError::Invalid(format!(
                "conflict {id} is already {}",
                c.state
            )));
        }
        let (Some(field), NoticeKind::Field) = (c.field.clone(), c.kind) else {
            return Err(StoreError::Invalid(format!(
                "conflict {id} is not a field: propose again instead"
            )));
        };
        let t = protocol::shared(&c.tbl).ok_or_else(|| unknown(&c.tbl))?;
        let tx = self.transaction()?;
        let cols = columns(&tx, t.table)?;
        let is_column = cols.contains(&field)
            && !bookkeeping(&field)
            && !t.references.iter().any(|r| r.column == field);
        if !is_column {
            return Err(StoreError::Invalid(format!(
                "conflict {id}: {field} cannot be restored by itself"
            )));
        }
        let value: Value = match &c.mine {
            None => Value::Null,
            // Stored as text: numbers and nulls come back as they were written.
            Some(s) => serde_json::from_str::<Value>(s)
                .ok()
                .filter(|v| !v.is_string() && !v.is_object() && !v.is_array())
                .unwrap_or_else(|| Value::from(s.clone())),
        };
        let changed = tx.execute(
            &format!(
                "UPDATE {} SET {} = ?1 WHERE gid = ?2",
                t.table,
                super::statements::quote(&field)
            ),
            params![to_sql(&value), c.gid],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "conflict {id}: the row is no longer here"
            )));
        }
        tx.execute(
            "UPDATE sync_conflicts SET state = 'restored' WHERE id = ?1",
            [id],
        )?;
        tx.commit()?;
        Ok(c)
    }

    /// Close a conflict without restoring.
    pub fn sync_dismiss(&mut self, id: i64) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE sync_conflicts SET state = 'dismissed' WHERE id = ?1 AND state = 'open'",
            [id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no open sync conflict {id}")));
        }
        Ok(())
    }

    /// Another member's live proposal of this engineer to the same end client (the
    /// opening's client, or the opening itself when it names none), pulled from the hub:
    /// its local number, the member and the opening's title.
    pub fn proposed_by_others(
        &self,
        opening: i64,
        engineer: i64,
    ) -> Result<Option<(i64, String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT p.id, p.proposed_by, o2.title
                 FROM openings o
                 JOIN openings o2 ON (o2.client_id = o.client_id OR o2.id = o.id)
                 JOIN proposals p ON p.opening_id = o2.id AND p.engineer_id = ?2
                 WHERE o.id = ?1
                   AND p.stage NOT IN ('declined', 'rejected', 'withdrawn')
                   AND coalesce(p.proposed_by, '') <> ''
                   AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'member'
                                   AND value = p.proposed_by)
                 LIMIT 1",
                params![opening, engineer],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }

    /// Other members' live proposals (those the hub said someone else made).
    pub fn team_proposals(&self) -> Result<Vec<TeamProposal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.engineer_id, p.opening_id, o.client_id, p.proposed_by AS by, o.title
             FROM proposals p JOIN openings o ON o.id = p.opening_id
             WHERE coalesce(p.proposed_by, '') <> ''
               AND p.stage NOT IN ('declined', 'rejected', 'withdrawn')
               AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'member' AND value = p.proposed_by)",
        )?;
        let rows = serde_rusqlite::from_rows::<TeamProposal>(stmt.query([])?)
            .collect::<std::result::Result<_, _>>()
            .map_err(super::StoreError::Row)?;
        Ok(rows)
    }

    /// Remember who this laptop is at the hub (for telling its own proposals from others').
    pub fn sync_set_member(&mut self, member: &str) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('member', ?1)",
            [member],
        )?;
        Ok(())
    }
}

/// A refused proposal in words: engineer and opening, as far as they are here.
fn describe(conn: &Connection, row: Option<&RowData>) -> Result<String> {
    let Some(row) = row else {
        return Ok(String::new());
    };
    let name = |tbl: &str, key: &str, sql: &str| -> Result<Option<String>> {
        let Some(g) = row.get(key).and_then(Value::as_str) else {
            return Ok(None);
        };
        let _ = tbl;
        Ok(conn.query_row(sql, [g], |r| r.get(0)).optional()?)
    };
    let engineer = name(
        "engineers",
        "engineer",
        "SELECT '#' || id || ' ' || name FROM engineers WHERE gid = ?1",
    )?;
    let opening = name(
        "openings",
        "opening",
        "SELECT '#' || id || ' ' || title FROM openings WHERE gid = ?1",
    )?;
    Ok([engineer, opening]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" → "))
}

/// A bulk write (a roster import) with the change triggers muted: they would queue an
/// engineer once for its row and again for each skill row, which made a 100k-row roster
/// import more than twice as slow. [`BulkCapture::finish`] queues each new row once,
/// parents first, in the same transaction, so nothing written goes unshared.
pub(super) struct BulkCapture {
    partners: i64,
    clients: i64,
    engineers: i64,
    assignments: i64,
    /// The insert triggers set aside for the bulk write, as `CREATE TRIGGER` text.
    set_aside: Vec<String>,
}

/// Insert triggers a bulk write drops for its transaction and puts back unchanged at its
/// end. With the triggers muted their only work on a new engineer (whose global id is given
/// at insert) is none, yet SQLite still ran each one's program for every row: the engineer's
/// gid look-up and the muted queue check, and a skill row's muted check, a quarter of a
/// roster import's CPU time. Dropping a trigger inside the transaction is undone with it,
/// so a failed or dry-run import leaves them as they were.
const BULK_SET_ASIDE: &[&str] = &["engineers_sync_insert", "engineer_skills_sync_insert"];

impl BulkCapture {
    /// Mute the triggers for the rest of `tx` and note where the auto-numbered tables end.
    pub(super) fn start(tx: &Connection) -> Result<BulkCapture> {
        let last = |table: &str| -> Result<i64> {
            Ok(tx.query_row(
                &format!("SELECT COALESCE(MAX(id), 0) FROM {table}"),
                [],
                |r| r.get(0),
            )?)
        };
        let mut set_aside = Vec::new();
        for name in BULK_SET_ASIDE {
            let sql: Option<String> = tx
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(sql) = sql {
                tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
                set_aside.push(sql);
            }
        }
        let capture = BulkCapture {
            partners: last("partners")?,
            clients: last("clients")?,
            engineers: last("engineers")?,
            assignments: last("assignments")?,
            set_aside,
        };
        tx.execute("INSERT INTO sync_mute (muted) VALUES (1)", [])?;
        Ok(capture)
    }

    /// Unmute and queue what was written: the new partners and clients, the engineers
    /// `engineers` names, then the new assignments. Engineers numbered past the last one
    /// before the import are all new, and are queued by one statement (one per engineer
    /// took 7 % of a roster import); only those whose ids the file gave below it (filling
    /// gaps) are queued one by one.
    pub(super) fn finish(self, tx: &Connection, engineers: &[i64]) -> Result<()> {
        tx.execute("DELETE FROM sync_mute", [])?;
        for sql in &self.set_aside {
            tx.execute_batch(sql)?;
        }
        const AT: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
        for (table, after) in [
            ("partners", self.partners),
            ("clients", self.clients),
            ("engineers", self.engineers),
        ] {
            tx.execute(
                &format!(
                    "INSERT INTO sync_queue (tbl, gid, at)
                     SELECT '{table}', gid, {AT} FROM {table} WHERE id > ?1 AND gid IS NOT NULL
                     ORDER BY id"
                ),
                [after],
            )?;
        }
        let mut queue = tx.prepare_cached(&format!(
            "INSERT INTO sync_queue (tbl, gid, at)
             SELECT 'engineers', gid, {AT} FROM engineers WHERE id = ?1 AND gid IS NOT NULL"
        ))?;
        for id in engineers.iter().filter(|&&id| id <= self.engineers) {
            queue.execute([id])?;
        }
        tx.execute(
            &format!(
                "INSERT INTO sync_queue (tbl, gid, at)
                 SELECT 'assignments', gid, {AT} FROM assignments WHERE id > ?1 AND gid IS NOT NULL
                 ORDER BY id"
            ),
            [self.assignments],
        )?;
        Ok(())
    }
}
