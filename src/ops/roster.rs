//! Importing a roster (CSV or workbook): the trade's words read, then every row stored or
//! none; a dry run is the same import rolled back.

use chrono::{DateTime, NaiveDate, Utc};

use crate::skills::Taxonomy;
use crate::store::{EngineerRecord, Result, RosterImport, Store, StoreError};

/// Read `即日`, `2月〜`, `長期`, `常駐可` and companies under 所属, then import all rows or
/// none. With `dry_run` nothing is kept, yet every check the import makes is made.
pub fn import(
    store: &mut Store,
    mut records: Vec<(usize, EngineerRecord)>,
    tax: &Taxonomy,
    today: NaiveDate,
    now: DateTime<Utc>,
    dry_run: bool,
) -> Result<(Vec<(usize, EngineerRecord)>, RosterImport)> {
    for (_, r) in &mut records {
        crate::domain::roster::read_trade_words(r, today);
    }
    let done = store.import_roster(&records, tax, now, dry_run)?;
    Ok((records, done))
}

/// Where a streamed import takes each record: its line, and the record as read.
pub type AddRecord<'a> = dyn FnMut(usize, EngineerRecord) -> Result<()> + 'a;

/// [`import`] for rows read one at a time (a workbook's sheet, a CSV): `rows` hands each to
/// `add`, which reads its trade words and stores it at once, all inside one transaction, so
/// memory does not grow with the roster and it is still stored all or not at all.
pub fn import_each<E: From<StoreError>>(
    store: &mut Store,
    tax: &Taxonomy,
    today: NaiveDate,
    now: DateTime<Utc>,
    dry_run: bool,
    rows: &mut dyn FnMut(&mut AddRecord<'_>) -> std::result::Result<(), E>,
) -> std::result::Result<RosterImport, E> {
    store.import_roster_each(tax, now, dry_run, &mut |add| {
        rows(&mut |line, mut rec| {
            crate::domain::roster::read_trade_words(&mut rec, today);
            add(line, &rec)
        })
    })
}

/// The lines a rep reads after an import: partners created (named), assignments recorded.
pub fn notes(done: &RosterImport) -> Vec<String> {
    let mut out = Vec::new();
    for (p, n) in done.new_partners.iter().zip(&done.new_partner_engineers) {
        out.push(format!(
            "warning: new partner '{p}' created for {n} engineer{} (新規パートナー「{p}」を登録)",
            if *n == 1 { "" } else { "s" }
        ));
    }
    if done.assignments > 0 {
        out.push(format!(
            "{} running assignment{} recorded (現在の現場)",
            done.assignments,
            if done.assignments == 1 { "" } else { "s" }
        ));
    }
    out
}
