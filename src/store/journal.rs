//! The journal: every undoable write is an action whose rows, before and after, are
//! recorded in the action's own transaction; undo and redo put them back only when
//! nobody changed those rows since, so a later write by anyone is never lost.
//!
//! Rows are read whole by column name, so a column added later is journaled with no
//! change here. Of an updated engineer, opening or proposal only the changed columns are
//! kept, with the row's `version`: any update by anyone bumps it, even one that rewrote
//! the same values (a note added to a proposal), so a matching version means nobody
//! wrote since. Undo and redo write only those columns and bump the version too, so
//! after each the journal's expectations for that row move to the new version.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use super::{classify, Result, Store, StoreError};

/// The tables an action may touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Engineers,
    Openings,
    Proposals,
    Assignments,
    ProposalEvents,
    Clients,
}

impl Table {
    const ALL: [Table; 6] = [
        Table::Engineers,
        Table::Openings,
        Table::Proposals,
        Table::Assignments,
        Table::ProposalEvents,
        Table::Clients,
    ];

    /// The table's name in SQL and in the journal.
    pub fn name(self) -> &'static str {
        match self {
            Table::Engineers => "engineers",
            Table::Openings => "openings",
            Table::Proposals => "proposals",
            Table::Assignments => "assignments",
            Table::ProposalEvents => "proposal_events",
            Table::Clients => "clients",
        }
    }

    fn parse(s: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == s)
    }

    fn select(self) -> &'static str {
        match self {
            Table::Engineers => "SELECT * FROM engineers WHERE id = ?1",
            Table::Openings => "SELECT * FROM openings WHERE id = ?1",
            Table::Proposals => "SELECT * FROM proposals WHERE id = ?1",
            Table::Assignments => "SELECT * FROM assignments WHERE id = ?1",
            Table::ProposalEvents => "SELECT * FROM proposal_events WHERE id = ?1",
            Table::Clients => "SELECT * FROM clients WHERE id = ?1",
        }
    }

    fn delete(self) -> &'static str {
        match self {
            Table::Engineers => "DELETE FROM engineers WHERE id = ?1",
            Table::Openings => "DELETE FROM openings WHERE id = ?1",
            Table::Proposals => "DELETE FROM proposals WHERE id = ?1",
            Table::Assignments => "DELETE FROM assignments WHERE id = ?1",
            Table::ProposalEvents => "DELETE FROM proposal_events WHERE id = ?1",
            Table::Clients => "DELETE FROM clients WHERE id = ?1",
        }
    }

    fn newer(self) -> &'static str {
        match self {
            Table::Engineers => "SELECT id FROM engineers WHERE id > ?1 ORDER BY id",
            Table::Openings => "SELECT id FROM openings WHERE id > ?1 ORDER BY id",
            Table::Proposals => "SELECT id FROM proposals WHERE id > ?1 ORDER BY id",
            Table::Assignments => "SELECT id FROM assignments WHERE id > ?1 ORDER BY id",
            Table::ProposalEvents => "SELECT id FROM proposal_events WHERE id > ?1 ORDER BY id",
            Table::Clients => "SELECT id FROM clients WHERE id > ?1 ORDER BY id",
        }
    }

    fn max_id(self) -> &'static str {
        match self {
            Table::Engineers => "SELECT coalesce(max(id), 0) FROM engineers",
            Table::Openings => "SELECT coalesce(max(id), 0) FROM openings",
            Table::Proposals => "SELECT coalesce(max(id), 0) FROM proposals",
            Table::Assignments => "SELECT coalesce(max(id), 0) FROM assignments",
            Table::ProposalEvents => "SELECT coalesce(max(id), 0) FROM proposal_events",
            Table::Clients => "SELECT coalesce(max(id), 0) FROM clients",
        }
    }
}

/// A row as journaled: column name to value; an engineer's skills under `_skills`.
pub type Row = BTreeMap<String, Value>;

const SKILLS: &str = "_skills";

/// Actions kept per user and front end; older ones can no longer be undone.
const KEEP: i64 = 1000;

/// Who acts: the user (`BENCHMATCH_USER`, else the login name) and the front end.
/// The dashboard's `u` takes back this user's own dashboard actions only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub origin: String,
}

impl Actor {
    /// This process's user, acting from `origin` (`dashboard`, `cli`).
    pub fn current(origin: &str) -> Actor {
        let user = ["BENCHMATCH_USER", "USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
            .unwrap_or_else(|| login_name().to_string());
        Actor {
            user,
            origin: origin.into(),
        }
    }
}

/// The login name when the environment names nobody (cron, containers, `env -i`): the
/// passwd entry of this process's uid, else `uid N`, else the machine's name; looked up once.
fn login_name() -> &'static str {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            // `/proc/self` belongs to the process's own uid.
            if let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid()) {
                let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
                return passwd_name(&passwd, uid).unwrap_or_else(|| format!("uid {uid}"));
            }
        }
        std::fs::read_to_string("/etc/hostname")
            .ok()
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "this machine".into())
    })
}

/// The name of `uid` in an `/etc/passwd` text (`name:x:uid:gid:...`).
fn passwd_name(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        let id: u32 = f.nth(1)?.parse().ok()?;
        (id == uid && !name.is_empty()).then(|| name.to_string())
    })
}

/// What an action may touch: rows by id, and tables whose new rows are its own
/// (inside the action's transaction nobody else can add any).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    rows: Vec<(Table, i64)>,
    grows: Vec<Table>,
}

impl Scope {
    /// Journal this row.
    pub fn row(mut self, t: Table, id: i64) -> Scope {
        if !self.rows.contains(&(t, id)) {
            self.rows.push((t, id));
        }
        self
    }

    /// The rows journaled by id.
    pub fn rows(&self) -> Vec<(Table, i64)> {
        self.rows.clone()
    }

    /// Journal the rows the action adds to this table.
    pub fn grows(mut self, t: Table) -> Scope {
        if !self.grows.contains(&t) {
            self.grows.push(t);
        }
        self
    }
}

/// One action in the journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: i64,
    pub label: String,
    pub undoable: bool,
    pub at: DateTime<Utc>,
}

/// A row changed since the action, so it cannot be taken back.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub table: Table,
    pub id: i64,
    /// The columns that differ; empty when the row was added or deleted meanwhile.
    pub columns: Vec<String>,
    /// The later journaled action on that row, when there is one: its label and who.
    pub by: Option<(String, String)>,
}

fn to_json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Array(b.iter().map(|x| Value::from(*x)).collect()),
    }
}

fn to_sql(v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) if !n.is_f64() => Sql::Integer(i),
            _ => Sql::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => Sql::Text(s.clone()),
        Value::Array(a) => Sql::Blob(
            a.iter()
                .map(|x| x.as_u64().and_then(|x| u8::try_from(x).ok()).unwrap_or(0))
                .collect(),
        ),
        Value::Object(_) => Sql::Text(v.to_string()),
    }
}

/// The row as stored now, or `None` when there is none.
fn snapshot(conn: &Connection, t: Table, id: i64) -> rusqlite::Result<Option<Row>> {
    let mut stmt = conn.prepare_cached(t.select())?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let row = stmt
        .query_row([id], |r| {
            let mut row = Row::new();
            for (i, n) in names.iter().enumerate() {
                row.insert(n.clone(), to_json(r.get_ref(i)?));
            }
            Ok(row)
        })
        .optional()?;
    let Some(mut row) = row else {
        return Ok(None);
    };
    if t == Table::Engineers {
        let mut stmt = conn.prepare_cached(
            "SELECT skill_id, years, level, last_used FROM engineer_skills
             WHERE engineer_id = ?1 ORDER BY skill_id",
        )?;
        let skills = stmt
            .query_map([id], |r| {
                Ok(Value::Array(
                    (0..4)
                        .map(|i| r.get_ref(i).map(to_json))
                        .collect::<rusqlite::Result<_>>()?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        row.insert(SKILLS.into(), Value::Array(skills));
    }
    Ok(Some(row))
}

/// The same row, version included.
fn same(a: Option<&Row>, b: Option<&Row>) -> bool {
    a == b
}

/// What the journal keeps of an updated row that has a version: only the columns that
/// changed, and the version, which any other write bumps. Rows without a version
/// (bookings, events, clients: small) and added or deleted rows are kept whole.
fn trim(before: Row, after: Row) -> (Row, Row) {
    if !before.contains_key("version") || !after.contains_key("version") {
        return (before, after);
    }
    let keep: Vec<String> = after
        .keys()
        .filter(|k| k.as_str() == "version" || before.get(*k) != after.get(*k))
        .cloned()
        .collect();
    let pick = |r: &Row| -> Row {
        keep.iter()
            .filter_map(|k| r.get(k).map(|v| (k.clone(), v.clone())))
            .collect()
    };
    (pick(&before), pick(&after))
}

/// The row as stored now has every value the journal expects (`want` may be partial).
fn matches(now: Option<&Row>, want: Option<&Row>) -> bool {
    match (now, want) {
        (None, None) => true,
        (Some(n), Some(w)) => w.iter().all(|(k, v)| n.get(k) == Some(v)),
        _ => false,
    }
}

/// The expected columns whose values differ (`version` aside), or `None` when one side
/// has no row.
fn differing(now: Option<&Row>, want: Option<&Row>) -> Option<Vec<String>> {
    match (now, want) {
        (None, None) => Some(Vec::new()),
        (Some(n), Some(w)) => Some(
            w.iter()
                .filter(|(k, v)| k.as_str() != "version" && n.get(*k) != Some(*v))
                .map(|(k, _)| k.trim_start_matches('_').to_string())
                .collect(),
        ),
        _ => None,
    }
}

/// After undo or redo wrote a row, which bumped its version: journal entries that
/// expect the row with these very values (the action taken back or performed again,
/// and its neighbours) now expect the new version, so the next undo or redo lines up.
fn realign(conn: &Connection, t: Table, id: i64) -> Result<()> {
    let Some(now) = snapshot(conn, t, id)? else {
        return Ok(());
    };
    let Some(version) = now.get("version").cloned() else {
        return Ok(());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT journal_id, seq, before, after FROM journal_rows WHERE tbl = ?1 AND row_id = ?2",
    )?;
    let rows = stmt
        .query_map(params![t.name(), id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let stale = |r: &Option<Row>| -> Option<Row> {
        let r = r.as_ref()?;
        let same_values = differing(Some(&now), Some(r)).is_some_and(|d| d.is_empty());
        (same_values && r.get("version") != Some(&version)).then(|| {
            let mut r = r.clone();
            r.insert("version".into(), version.clone());
            r
        })
    };
    for (jid, seq, before, after) in rows {
        if let Some(b) = stale(&decode(before)) {
            conn.execute(
                "UPDATE journal_rows SET before = ?3 WHERE journal_id = ?1 AND seq = ?2",
                params![jid, seq, encode(Some(&b))],
            )?;
        }
        if let Some(a) = stale(&decode(after)) {
            conn.execute(
                "UPDATE journal_rows SET after = ?3 WHERE journal_id = ?1 AND seq = ?2",
                params![jid, seq, encode(Some(&a))],
            )?;
        }
    }
    Ok(())
}

/// Make the row be `row` (or absent). Updates leave `version` to the trigger that bumps it.
fn write(conn: &Connection, t: Table, id: i64, row: Option<&Row>) -> rusqlite::Result<()> {
    let Some(row) = row else {
        conn.execute(t.delete(), [id])?;
        return Ok(());
    };
    // Column names are the table's own, read back from it by `snapshot`; values are bound.
    let columns: Vec<(&String, &Value)> = row.iter().filter(|(k, _)| !k.starts_with('_')).collect();
    let exists = conn.prepare_cached(t.select())?.exists([id])?;
    if exists {
        let set: Vec<(&String, &Value)> = columns
            .iter()
            .copied()
            .filter(|(k, _)| k.as_str() != "id" && k.as_str() != "version")
            .collect();
        if !set.is_empty() {
            let names: Vec<&str> = set.iter().map(|(k, _)| k.as_str()).collect();
            let sql = super::statements::update_by_id(t.name(), &names);
            let mut values: Vec<Sql> = set.iter().map(|(_, v)| to_sql(v)).collect();
            values.push(Sql::Integer(id));
            conn.execute(&sql, rusqlite::params_from_iter(values))?;
        }
    } else {
        let names: Vec<&str> = columns.iter().map(|(k, _)| k.as_str()).collect();
        let sql = super::statements::insert(t.name(), &names);
        conn.execute(
            &sql,
            rusqlite::params_from_iter(columns.iter().map(|(_, v)| to_sql(v))),
        )?;
    }
    if let Some(Value::Array(skills)) = row.get(SKILLS) {
        conn.execute("DELETE FROM engineer_skills WHERE engineer_id = ?1", [id])?;
        let mut stmt = conn.prepare_cached(
            "INSERT INTO engineer_skills (engineer_id, skill_id, years, level, last_used)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for s in skills {
            let v = |i: usize| s.get(i).map_or(Sql::Null, to_sql);
            stmt.execute(params![id, v(0), v(1), v(2), v(3)])?;
        }
    }
    Ok(())
}

fn encode(row: Option<&Row>) -> Option<String> {
    row.map(|r| serde_json::to_string(r).unwrap_or_default())
}

fn decode(text: Option<String>) -> Option<Row> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

/// One journaled row of an action.
struct Touched {
    table: Table,
    id: i64,
    before: Option<Row>,
    after: Option<Row>,
}

fn touched(conn: &Connection, journal_id: i64) -> Result<Vec<Touched>> {
    let mut stmt = conn.prepare_cached(
        "SELECT tbl, row_id, before, after FROM journal_rows WHERE journal_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([journal_id], |r| {
        Ok((
            r.get::<_, String>("tbl")?,
            r.get::<_, i64>("row_id")?,
            r.get::<_, Option<String>>("before")?,
            r.get::<_, Option<String>>("after")?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (t, id, before, after) = row?;
        let table = Table::parse(&t).ok_or_else(|| StoreError::UnknownTable(t.to_string()))?;
        out.push(Touched {
            table,
            id,
            before: decode(before),
            after: decode(after),
        });
    }
    Ok(out)
}

/// What the journal says of an action besides its rows.
struct Head<'a> {
    actor: &'a Actor,
    label: &'a str,
    undoable: bool,
    now: DateTime<Utc>,
}

fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get("id")?,
        label: r.get("label")?,
        undoable: r.get("undoable")?,
        at: r.get("at")?,
    })
}

impl Store {
    /// Perform `f` as one action of `actor`: the rows in `scope` (and the rows it adds to
    /// the tables it grows) are journaled before and after, in the same transaction.
    /// An action that is not `undoable` is journaled too, so undo stops at it.
    pub fn act<T>(
        &mut self,
        actor: &Actor,
        label: &str,
        undoable: bool,
        scope: &Scope,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        let path = self.path.clone();
        if !self.conn.is_autocommit() {
            // Already inside an action: its journal covers this one.
            return f(self);
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| classify(e, &path))?;
        let head = Head {
            actor,
            label,
            undoable,
            now,
        };
        let result = self.act_in(&head, scope, f);
        let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
        match (result, self.conn.execute_batch(end)) {
            (Ok(v), Ok(())) => Ok(v),
            (Err(e), _) => Err(e),
            (Ok(_), Err(e)) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(classify(e, &path))
            }
        }
    }

    /// The body of `act`, inside its transaction.
    fn act_in<T>(
        &mut self,
        head: &Head<'_>,
        scope: &Scope,
        f: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        let &Head {
            actor,
            label,
            undoable,
            now,
        } = head;
        let mut before = Vec::new();
        for &(t, id) in &scope.rows {
            before.push((t, id, snapshot(&self.conn, t, id)?));
        }
        let mut marks = Vec::new();
        for &t in &scope.grows {
            let m: i64 = self.conn.query_row(t.max_id(), [], |r| r.get(0))?;
            marks.push((t, m));
        }
        let out = f(self)?;
        let mut rows = Vec::new();
        for (t, id, b) in before {
            let a = snapshot(&self.conn, t, id)?;
            if !same(b.as_ref(), a.as_ref()) {
                match (b, a) {
                    (Some(b), Some(a)) => {
                        let (b, a) = trim(b, a);
                        rows.push((t, id, Some(b), Some(a)));
                    }
                    (b, a) => rows.push((t, id, b, a)),
                }
            }
        }
        for (t, m) in marks {
            let ids: Vec<i64> = self
                .conn
                .prepare_cached(t.newer())?
                .query_map([m], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                if !rows.iter().any(|r| r.0 == t && r.1 == id) {
                    rows.push((t, id, None, snapshot(&self.conn, t, id)?));
                }
            }
        }
        if rows.is_empty() && undoable {
            return Ok(out);
        }
        self.conn.execute(
            "INSERT INTO journal (actor, origin, label, undoable, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![actor.user, actor.origin, label, undoable, now],
        )?;
        let jid = self.conn.last_insert_rowid();
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO journal_rows (journal_id, seq, tbl, row_id, before, after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (seq, (t, id, b, a)) in rows.iter().enumerate() {
            stmt.execute(params![
                jid,
                seq as i64,
                t.name(),
                id,
                encode(b.as_ref()),
                encode(a.as_ref())
            ])?;
        }
        // Bounded: each user's oldest actions beyond the newest KEEP go.
        self.conn.execute(
            "DELETE FROM journal WHERE actor = ?1 AND origin = ?2 AND id <= (
                SELECT id FROM journal WHERE actor = ?1 AND origin = ?2
                ORDER BY id DESC LIMIT 1 OFFSET ?3)",
            params![actor.user, actor.origin, KEEP],
        )?;
        Ok(out)
    }

    /// The action `u` would take back: this actor's newest one not undone.
    pub fn last_action(&self, actor: &Actor) -> Result<Option<Entry>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, label, undoable, at FROM journal
                 WHERE actor = ?1 AND origin = ?2 AND state = 'done' ORDER BY id DESC LIMIT 1",
                params![actor.user, actor.origin],
                entry,
            )
            .optional()?)
    }

    /// The action redo would perform again: the oldest undone one after the newest done.
    pub fn next_redo(&self, actor: &Actor) -> Result<Option<Entry>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, label, undoable, at FROM journal
                 WHERE actor = ?1 AND origin = ?2 AND state = 'undone'
                   AND id > (SELECT coalesce(max(id), 0) FROM journal
                             WHERE actor = ?1 AND origin = ?2 AND state = 'done')
                 ORDER BY id LIMIT 1",
                params![actor.user, actor.origin],
                entry,
            )
            .optional()?)
    }

    /// Take action `id` back (`undo`) or perform it again (`!undo`), in one transaction,
    /// when every row it touched is as it left them; otherwise nothing is written and
    /// the rows changed since come back.
    pub fn replay(
        &mut self,
        id: i64,
        undo: bool,
    ) -> Result<std::result::Result<(), Vec<Conflict>>> {
        let tx = self.transaction()?;
        let state: Option<String> = tx
            .query_row("SELECT state FROM journal WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let expected = if undo { "done" } else { "undone" };
        if state.as_deref() != Some(expected) {
            return Err(StoreError::NotFound(format!(
                "action {id} is not there to {}",
                if undo { "undo" } else { "redo" }
            )));
        }
        let rows = touched(&tx, id)?;
        let mut conflicts = Vec::new();
        for r in &rows {
            let now = snapshot(&tx, r.table, r.id)?;
            let want = if undo { &r.after } else { &r.before };
            if !matches(now.as_ref(), want.as_ref()) {
                let by = tx
                    .query_row(
                        "SELECT j.label, j.actor || ' (' || j.origin || ')' FROM journal_rows r
                         JOIN journal j ON j.id = r.journal_id
                         WHERE r.tbl = ?1 AND r.row_id = ?2 AND j.id > ?3
                         ORDER BY j.id DESC LIMIT 1",
                        params![r.table.name(), r.id, id],
                        |x| Ok((x.get(0)?, x.get(1)?)),
                    )
                    .optional()?;
                let mut columns = differing(now.as_ref(), want.as_ref()).unwrap_or_default();
                // What later journaled actions changed in the row says more than the
                // bookkeeping columns this action kept.
                let mut later = tx.prepare_cached(
                    "SELECT r.after FROM journal_rows r
                     WHERE r.tbl = ?1 AND r.row_id = ?2 AND r.journal_id > ?3",
                )?;
                let after_rows = later
                    .query_map(params![r.table.name(), r.id, id], |x| {
                        x.get::<_, Option<String>>(0)
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                for a in after_rows.into_iter().filter_map(decode) {
                    for k in a.keys() {
                        let k = k.trim_start_matches('_').to_string();
                        if !columns.contains(&k) && k != "version" && k != "id" {
                            columns.push(k);
                        }
                    }
                }
                if columns.len() > 1 {
                    columns.retain(|c| c != "updated_at");
                }
                if columns.is_empty() && now.is_some() && want.is_some() {
                    columns.push("version".into());
                }
                conflicts.push(Conflict {
                    table: r.table,
                    id: r.id,
                    columns,
                    by,
                });
            }
        }
        if !conflicts.is_empty() {
            return Ok(Err(conflicts));
        }
        if undo {
            for r in rows.iter().rev() {
                write(&tx, r.table, r.id, r.before.as_ref())?;
            }
        } else {
            for r in &rows {
                write(&tx, r.table, r.id, r.after.as_ref())?;
            }
        }
        for r in &rows {
            realign(&tx, r.table, r.id)?;
        }
        tx.execute(
            "UPDATE journal SET state = ?2 WHERE id = ?1",
            params![id, if undo { "undone" } else { "done" }],
        )?;
        tx.commit()?;
        Ok(Ok(()))
    }

    /// A row's version: bumped by every update, by anyone.
    pub fn version_of(&self, t: Table, id: i64) -> Result<Option<i64>> {
        Ok(snapshot(&self.conn, t, id)?.and_then(|r| r.get("version").and_then(Value::as_i64)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_login_name_comes_from_the_passwd_entry_of_the_uid() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\nsato:x:1000:1000:佐藤:/home/sato:/bin/sh\n";
        assert_eq!(passwd_name(passwd, 1000).as_deref(), Some("sato"));
        assert_eq!(passwd_name(passwd, 0).as_deref(), Some("root"));
        assert_eq!(passwd_name(passwd, 7), None);
        assert_eq!(passwd_name("garbage\n::\n", 0), None);
        assert!(!login_name().is_empty() && login_name() != "?");
    }
}
