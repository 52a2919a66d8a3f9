//! Whole records in and out of the store: rosters and opening lists, a demo fill, an
//! export taken back, a backup restored; and the client and partner directory.
//!
//! Each is one store transaction (all or nothing); the front ends read the files, report
//! and locate errors, and call these.

use chrono::{DateTime, Utc};
use std::path::Path;

use crate::domain::records::OpeningRecord;
use crate::domain::Rank;
use crate::skills::Taxonomy;
use crate::store::{Restored, Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A list of openings, numbered by line: the new openings' ids.
pub fn import_openings(
    store: &mut Store,
    records: &[(usize, OpeningRecord)],
    tax: &Taxonomy,
    now: DateTime<Utc>,
) -> Result<Vec<i64>> {
    store.import_openings(records, tax, now)
}

/// Demo data into the store; `replace` empties it first (`demo --force`).
pub fn fill_demo(
    store: &mut Store,
    data: &crate::demo::DemoData,
    tax: &Taxonomy,
    replace: bool,
) -> Result<()> {
    if replace {
        store.clear()?;
    }
    store.import_demo(data, tax)
}

/// An export taken back into an empty database, streamed (`import all`).
pub fn restore_export(
    store: &mut Store,
    reader: impl std::io::Read,
    tax: &Taxonomy,
) -> Result<Restored> {
    store.import_all(reader, tax)
}

/// A backup file copied over the database, after checking it.
pub fn restore_backup(store: &mut Store, file: &Path) -> Result<()> {
    store.restore_from(file)
}

/// Create or update a client: its id and whether it was created.
pub fn set_client(
    store: &mut Store,
    name: &str,
    rank: Option<Rank>,
    expected: Option<Rank>,
    relationship: Option<&str>,
) -> Result<(i64, bool)> {
    store.set_client(name, rank, expected, relationship)
}

/// Create or update a partner company: its id and whether it was created.
pub fn set_partner(
    store: &mut Store,
    name: &str,
    contact: Option<&str>,
    notes: Option<&str>,
) -> Result<(i64, bool)> {
    store.set_partner(name, contact, notes)
}

/// Note an incident with a partner company: the incident's id.
pub fn add_incident(
    store: &mut Store,
    partner: &str,
    text: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    store.add_incident(partner, text, now)
}
