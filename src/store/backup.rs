//! Consistent copies of a live database, and restoring one after checking it.

use rusqlite::{Connection, OpenFlags, MAIN_DB};
use std::path::Path;

use super::{classify, create_private_file, Result, Store, StoreError, SCHEMA_VERSION};

/// Copy a database into a new owner-only file with SQLite's online backup API.
pub(super) fn copy_to(conn: &Connection, from: &str, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(StoreError::Invalid(format!(
            "{}: already exists; choose another file",
            dest.display()
        )));
    }
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
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| classify(e, &shown))?;
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
        return Err(StoreError::NotADatabase { path: shown });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: shown,
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(version)
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

    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}
