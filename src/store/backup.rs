//! Consistent copies of a live database, and restoring one after checking it.

use rusqlite::{Connection, OpenFlags, MAIN_DB};
use std::collections::BTreeSet;
use std::path::Path;

use super::{classify, create_private_file, schema, Result, Store, StoreError, SCHEMA_VERSION};

/// Copy a database into a new owner-only file with SQLite's online backup API.
pub(super) fn copy_to(conn: &Connection, from: &str, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(StoreError::Invalid(format!(
            "{}: already exists; choose another file",
            dest.display()
        )));
    }
    // Never at a database's `-wal` or `-shm` name, where SQLite would take it for its own.
    crate::output::check_target(dest).map_err(|e| StoreError::Invalid(e.to_string()))?;
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Create {
            path: dir.display().to_string(),
            source,
        })?;
    }
    create_private_file(dest).map_err(|source| StoreError::Create {
        path: dest.display().to_string(),
        source,
    })?;
    let result = conn
        .backup(MAIN_DB, dest, None)
        .map_err(|e| classify(e, from));
    if result.is_err() {
        let _ = std::fs::remove_file(dest);
    }
    result
}

/// Check that a file is an intact benchmatch database this binary can read.
pub fn verify(path: &Path) -> Result<i64> {
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(StoreError::NotFound(format!("{shown}: no such file")));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| classify(e, &shown))?;
    let check = integrity_lines(&conn).map_err(|e| classify(e, &shown))?;
    if check != "ok" {
        return Err(StoreError::Invalid(format!(
            "{shown}: damaged ({check}); nothing restored"
        )));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let has_engineers: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'engineers'",
        [],
        |r| r.get(0),
    )?;
    if version == 0 || !has_engineers {
        return Err(StoreError::Foreign { path: shown });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: shown,
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    check_schema(&conn, version)
        .map_err(|m| StoreError::Invalid(format!("{shown}: {m}; nothing restored")))?;
    Ok(version)
}

/// Read every row of a backup and check it as `import all` checks an export: a backup
/// with one malformed date or an out-of-range value is refused before it replaces
/// anything, instead of breaking listings afterwards. Works on a copy in a temporary
/// folder, migrated as a restore would be, one row at a time: memory does not grow with
/// the backup.
pub fn check_rows(path: &Path, tax: &crate::skills::Taxonomy) -> Result<()> {
    let shown = path.display().to_string();
    let refuse = |e: StoreError| StoreError::Invalid(format!("{shown}: {e}; nothing restored"));
    let dir = tempfile::tempdir().map_err(|source| StoreError::Create {
        path: std::env::temp_dir().display().to_string(),
        source,
    })?;
    let copy = dir.path().join("check.db");
    let mut conn = Connection::open(&copy).map_err(|e| classify(e, &shown))?;
    conn.restore(MAIN_DB, path, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| classify(e, &shown))?;
    let copy = Store::init(conn, copy.display().to_string(), tax, false).map_err(refuse)?;
    copy.check_rows(tax).map_err(refuse)
}

/// `PRAGMA integrity_check` in one short line: "ok", or its first three findings, each
/// cut, and how many more there were.
pub(super) fn integrity_lines(conn: &Connection) -> rusqlite::Result<String> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .take(1000)
        .collect::<rusqlite::Result<_>>()?;
    if lines.len() == 1 && lines[0] == "ok" {
        return Ok("ok".into());
    }
    let mut out: Vec<String> = lines
        .iter()
        .take(3)
        .map(|l| crate::text::truncate(&crate::text::cell(l), 120))
        .collect();
    if lines.len() > 3 {
        out.push(format!("and {} more", lines.len() - 3));
    }
    Ok(out.join("; "))
}

/// One object of `sqlite_master`: kind, name, table and the SQL that made it.
type SchemaObject = (String, String, String, Option<String>);

fn schema_of(conn: &Connection) -> rusqlite::Result<BTreeSet<SchemaObject>> {
    let mut stmt =
        conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get("type")?,
            r.get("name")?,
            r.get("tbl_name")?,
            r.get("sql")?,
        ))
    })?;
    rows.collect()
}

/// The schema this binary creates at `version`: its migrations applied in memory.
fn own_schema(version: i64) -> rusqlite::Result<BTreeSet<SchemaObject>> {
    let conn = Connection::open_in_memory()?;
    let upto = usize::try_from(version)
        .unwrap_or(0)
        .min(schema::MIGRATIONS.len());
    for (_why, sql) in &schema::MIGRATIONS[..upto] {
        conn.execute_batch(sql)?;
    }
    schema_of(&conn)
}

/// Refuse a file whose schema is not exactly the one benchmatch creates: a trigger,
/// view, table or index of its own would run or be read with the restored data
/// (a trigger on `proposals` rewriting every engineer). Statistics tables that
/// `ANALYZE` writes are data for the query planner, and allowed.
pub(super) fn check_schema(conn: &Connection, version: i64) -> Result<(), String> {
    let found = schema_of(conn).map_err(|e| e.to_string())?;
    let own = own_schema(version).map_err(|e| e.to_string())?;
    let planner = |o: &SchemaObject| o.0 == "table" && o.1.starts_with("sqlite_stat");
    if let Some(o) = found.iter().find(|o| !own.contains(o) && !planner(o)) {
        let (kind, name) = (&o.0, crate::text::cell(&o.1));
        return Err(if own.iter().any(|x| x.0 == o.0 && x.1 == o.1) {
            format!("{kind} '{name}' differs from the one benchmatch creates")
        } else {
            let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("holds {article} {kind} '{name}' that benchmatch does not create")
        });
    }
    if let Some(o) = own.iter().find(|o| !found.contains(o)) {
        return Err(format!(
            "{} '{}' of benchmatch's schema is missing",
            o.0, o.1
        ));
    }
    Ok(())
}

impl Store {
    /// A consistent copy of the database while others may be writing to it.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_to(&self.conn, &self.path, dest)
    }

    /// Replace this database's content with a verified copy, in one step.
    ///
    /// The caller backs up the current content first; if the copy fails
    /// SQLite leaves the database as it was.
    pub fn restore_from(&mut self, src: &Path) -> Result<()> {
        verify(src)?;
        self.conn
            .restore(MAIN_DB, src, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| classify(e, &self.path))?;
        Ok(())
    }

    /// "ok", or the first findings in one line.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(integrity_lines(&self.conn)?)
    }
}
