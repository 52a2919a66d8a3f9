//! Excel at the command edge: `import engineers|openings WORKBOOK` and `--xlsx FILE` reports.
//!
//! A sheet becomes the CSV text the CSV import reads, so workbooks pass the very same
//! validation and the same all-or-nothing store import; only the error's place is told in
//! sheet, row and column instead of line.

use anyhow::{bail, Result};
use chrono::{Local, Utc};
use serde::Serialize;
use std::path::Path;

use super::{emit, Ctx};
use crate::i18n::Lang;
use crate::store::{formats, ImportError, StoreError};
use crate::xlsx::{self, write::Sheet, Kind, Table};

/// Read a workbook's sheet, print the mapping, then (unless a dry run) store every row or none.
pub fn import(
    ctx: &Ctx,
    kind: Kind,
    file: &Path,
    sheet: Option<&str>,
    dry_run: bool,
) -> Result<()> {
    let name = file.display();
    let today = Local::now().date_naive();
    let table =
        xlsx::read::read(file, kind, sheet, today).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    import_table(ctx, kind, file, &table, dry_run)
}

/// Store a sheet read into a table (a workbook's, or a CSV with a roster's own headers).
pub fn import_table(
    ctx: &Ctx,
    kind: Kind,
    file: &Path,
    table: &Table,
    dry_run: bool,
) -> Result<()> {
    let name = file.display();
    let today = Local::now().date_naive();
    emit(&table.mapping.render(file))?;
    if table.lines.is_empty() {
        bail!(
            "{name}: sheet '{}' has no rows below the header",
            table.mapping.sheet
        );
    }
    let located = |e: String| locate_text(file, table, &e);
    match kind {
        Kind::Engineers => {
            let mut store = ctx.open_store()?;
            let mut unknown = super::data::UnknownSkills::default();
            // Each row is read from the sheet's text, checked and stored as it comes: a
            // million rows are never held as records.
            let done = crate::ops::roster::import_each(
                &mut store,
                &ctx.tax,
                today,
                Utc::now(),
                dry_run,
                &mut |add| {
                    formats::each_engineer_csv(&table.csv, &mut |line, rec| {
                        unknown.add(&ctx.tax, &rec);
                        let row = table.row_of_line(line).map_or(line, |r| r as usize);
                        add(row, rec).map_err(Stop::Store)
                    })
                },
            )
            .map_err(|e| match e {
                Stop::Read(m) => located(m),
                Stop::Store(e) => store_error(file, table, e),
            })?;
            for line in crate::ops::roster::notes(&done) {
                eprintln!("{line}");
            }
            unknown.warn();
            if dry_run {
                return emit(&format!(
                    "dry run: {} engineers read, all valid; nothing stored\n",
                    done.ids.len()
                ));
            }
            eprintln!("imported {} engineers from {name}", done.ids.len());
        }
        Kind::Openings => {
            let records = renumber(
                table,
                formats::openings(&table.csv, false).map_err(located)?,
            );
            let now = Utc::now();
            if dry_run {
                for (row, r) in &records {
                    r.to_opening(&ctx.tax, now)
                        .map_err(|m| at_row(file, table, *row, &m))?;
                }
                return emit(&format!(
                    "dry run: {} openings read, all valid; nothing stored\n",
                    records.len()
                ));
            }
            let mut store = ctx.open_store()?;
            let ids = crate::ops::records::import_openings(&mut store, &records, &ctx.tax, now)
                .map_err(|e| store_error(file, table, e))?;
            eprintln!("imported {} openings from {name}", ids.len());
        }
    }
    Ok(())
}

/// Why a streamed roster import stopped: a row that could not be read, or the store.
enum Stop {
    Read(String),
    Store(StoreError),
}

impl From<String> for Stop {
    fn from(m: String) -> Self {
        Stop::Read(m)
    }
}

impl From<StoreError> for Stop {
    fn from(e: StoreError) -> Self {
        Stop::Store(e)
    }
}

/// Records numbered by their sheet row, so store errors name the row the rep sees.
fn renumber<T>(table: &Table, records: Vec<(usize, T)>) -> Vec<(usize, T)> {
    records
        .into_iter()
        .map(|(line, r)| (table.row_of_line(line).map_or(line, |r| r as usize), r))
        .collect()
}

fn at_row(file: &Path, table: &Table, row: usize, message: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{}: {}: {message}",
        file.display(),
        table.locate(row as u32, message)
    )
}

/// A CSV reader message (`line N: …`) told in sheet terms.
fn locate_text(file: &Path, table: &Table, e: &str) -> anyhow::Error {
    if let Some((n, rest)) = e
        .strip_prefix("line ")
        .and_then(|r| r.split_once(": "))
        .and_then(|(n, rest)| Some((n.parse::<usize>().ok()?, rest)))
    {
        if let Some(row) = table.row_of_line(n) {
            return at_row(file, table, row as usize, rest);
        }
    }
    anyhow::anyhow!("{}: sheet '{}': {e}", file.display(), table.mapping.sheet)
}

fn store_error(file: &Path, table: &Table, e: StoreError) -> anyhow::Error {
    match e {
        StoreError::Import(ImportError {
            line: Some(row),
            message,
        }) => at_row(file, table, row, &message),
        other => anyhow::anyhow!("{}: {other}", file.display()),
    }
}

/// Write a report workbook from a command's JSON document: to a temporary file renamed
/// into place, owner-readable only, like every other output.
pub fn save<T: Serialize>(
    path: &Path,
    doc: &T,
    lang: Lang,
    sheets: fn(&serde_json::Value, Lang) -> Vec<Sheet>,
) -> Result<()> {
    let value = serde_json::to_value(doc)?;
    let built = sheets(&value, lang);
    let rows: usize = built.first().map_or(0, |s| s.rows.len());
    let bytes =
        xlsx::write::to_bytes(&built).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    super::data::write_private(path, &bytes)?;
    eprintln!("{rows} rows written to {}", path.display());
    Ok(())
}
