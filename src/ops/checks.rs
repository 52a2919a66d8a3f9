//! Profile checks (`benchmatch check`, the dashboard's checks screen, the warnings before a
//! proposal goes out): the engineers with their assignments, through the pure checks.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::{parse_date, Assignment, Engineer};
use crate::pipeline::checks::{check_engineer, Problem, Severity};
use crate::pipeline::ChecksConfig;
use crate::skills::Taxonomy;
use crate::store::{Result, Store};

/// Assignments by engineer, from the one listing the store has.
pub fn assignments_by_engineer(store: &Store) -> Result<HashMap<i64, Vec<Assignment>>> {
    let mut map: HashMap<i64, Vec<Assignment>> = HashMap::new();
    for a in store.assignment_records()? {
        // Stored dates were validated on the way in; a damaged one is skipped, not fatal.
        let Ok(from) = parse_date(&a.from) else {
            continue;
        };
        let to = a.to.as_deref().and_then(|t| parse_date(t).ok());
        map.entry(a.engineer_id).or_default().push(Assignment {
            id: a.id.unwrap_or(0),
            engineer_id: a.engineer_id,
            client_id: None,
            from,
            to,
        });
    }
    Ok(map)
}

/// Every problem of these engineers' profiles, in their order: (index into `engineers`, problem).
pub fn problems(
    store: &Store,
    engineers: &[Engineer],
    today: NaiveDate,
    cfg: &ChecksConfig,
    tax: &Taxonomy,
) -> Result<Vec<(usize, Problem)>> {
    let assignments = assignments_by_engineer(store)?;
    let mut found = Vec::new();
    for (i, e) in engineers.iter().enumerate() {
        let a = assignments.get(&e.id).map_or(&[][..], Vec::as_slice);
        for p in check_engineer(e, a, today, cfg, tax) {
            found.push((i, p));
        }
    }
    Ok(found)
}

/// The errors (not the warnings) of one engineer's profile: what must be fixed before a
/// profile goes to a client.
pub fn profile_errors(
    store: &Store,
    engineer: &Engineer,
    today: NaiveDate,
    cfg: &ChecksConfig,
    tax: &Taxonomy,
) -> Result<Vec<Problem>> {
    Ok(
        problems(store, std::slice::from_ref(engineer), today, cfg, tax)?
            .into_iter()
            .map(|(_, p)| p)
            .filter(|p| p.severity() == Severity::Error)
            .collect(),
    )
}
