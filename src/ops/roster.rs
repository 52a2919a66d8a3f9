//! Importing a roster (CSV or workbook): the trade's words read, then every row stored or
//! none; a dry run is the same import rolled back.

use chrono::{DateTime, NaiveDate, Utc};

use crate::skills::Taxonomy;
use crate::store::{EngineerRecord, Result, RosterImport, Store};

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

/// The lines a rep reads after an import: partners created (named), assignments recorded.
pub fn notes(done: &RosterImport, records: &[(usize, EngineerRecord)]) -> Vec<String> {
    let mut out = Vec::new();
    for p in &done.new_partners {
        let n = records
            .iter()
            .filter(|(_, r)| {
                r.partner
                    .as_deref()
                    .is_some_and(|x| crate::domain::company::same(x, p))
            })
            .count();
        out.push(format!(
            "warning: new partner '{p}' created for {n} engineer{} (新規パートナー「{p}」を登録)",
            if n == 1 { "" } else { "s" }
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
