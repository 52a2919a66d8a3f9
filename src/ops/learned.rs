//! The rep's corrections of a posting's reading: kept with the sending firm when an
//! opening's requirements are edited (the dashboard's `E`, `edit opening --set must-=…`)
//! or an alias is given (`skills add-alias`), and listed or forgotten (`skills rules`).

use chrono::{DateTime, Utc};

use crate::domain::learned::{Correction, CorrectionKind};
use crate::pipeline::revision::Requirements;
use crate::posting::learned::{InForce, Rules};
use crate::skills::Taxonomy;
use crate::store::{Revised, Store, StoreError};

/// Store edited requirements as a new revision, and the corrections that made them.
/// Nothing is learned from an edit that changed nothing.
pub fn revise(
    store: &mut Store,
    opening_id: i64,
    edited: &Requirements,
    corrections: &[Correction],
    by: &str,
    tax: &Taxonomy,
    now: DateTime<Utc>,
) -> Result<Option<Revised>, StoreError> {
    let revised = super::revise::revise(store, opening_id, edited, by, tax, now)?;
    if revised.is_some() {
        store.record_corrections(opening_id, corrections, by, now)?;
    }
    Ok(revised)
}

/// The names in a `--set` value: `AWS|Azure:2; Go` → AWS, Azure, Go.
fn names(value: &str) -> Vec<String> {
    value
        .split([';', '|'])
        .map(|t| {
            let t = t.trim();
            match t.rsplit_once(':') {
                Some((n, y)) if y.trim().parse::<f32>().is_ok() => n.trim(),
                _ => t,
            }
        })
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// What `edit opening --set` teaches: `must-=TERM` drops the term, unless the same edit
/// adds it to nice (`nice+=TERM`): then it was moved to 尚可.
pub fn corrections_from_sets(sets: &[String]) -> Vec<Correction> {
    let mut removed: Vec<String> = Vec::new();
    let mut to_nice: Vec<String> = Vec::new();
    for s in sets {
        if let Some(v) = s.trim().strip_prefix("must-=") {
            removed.extend(names(v));
        } else if let Some(v) = s.trim().strip_prefix("nice+=") {
            to_nice.extend(names(v));
        }
    }
    let key = crate::skills::normalize_key;
    removed
        .iter()
        .map(|t| {
            if to_nice.iter().any(|n| key(n) == key(t)) {
                Correction::nice(t)
            } else {
                Correction::drop(t)
            }
        })
        .collect()
}

/// Keep an alias the rep gave for a taxonomy skill, so every later posting reads it.
pub fn add_alias(
    store: &mut Store,
    term: &str,
    skill: &str,
    by: &str,
    tax: &Taxonomy,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let Some(id) = tax.lookup(skill) else {
        return Err(StoreError::Invalid(format!(
            "'{skill}' is not a known skill; see `benchmatch skills list`"
        )));
    };
    store.record_alias(term, tax.name(id), by, now)
}

/// Every stored correction with whether it is a rule yet, for `skills rules`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RuleRow {
    pub id: i64,
    pub firm: Option<String>,
    pub term: String,
    pub kind: CorrectionKind,
    pub skill: Option<String>,
    pub opening_id: Option<i64>,
    pub at: DateTime<Utc>,
    /// The rule it counts toward, when in force for its firm (or everyone).
    pub in_force: Option<String>,
}

/// The stored corrections, each with the rule in force it makes (for its own firm).
pub fn list(store: &Store) -> Result<Vec<RuleRow>, StoreError> {
    let all = store.learned_rules()?;
    let rules = Rules::new(all.clone());
    let key = crate::skills::normalize_key;
    let mut by_firm: Vec<(Option<i64>, Vec<InForce>)> = Vec::new();
    Ok(all
        .into_iter()
        .map(|r| {
            let force = match by_firm.iter().find(|(p, _)| *p == r.partner_id) {
                Some((_, f)) => f.clone(),
                None => {
                    let f = rules.in_force(r.partner_id);
                    by_firm.push((r.partner_id, f.clone()));
                    f
                }
            };
            let in_force = force
                .iter()
                .find(|f| f.kind == r.kind && key(&f.term) == key(&r.term))
                .map(InForce::describe);
            RuleRow {
                id: r.id,
                firm: r.firm,
                term: r.term,
                kind: r.kind,
                skill: r.skill,
                opening_id: r.opening_id,
                at: r.at,
                in_force,
            }
        })
        .collect())
}

/// Forget one stored correction.
pub fn forget(store: &mut Store, id: i64) -> Result<(), StoreError> {
    if store.forget_rule(id)? {
        Ok(())
    } else {
        Err(StoreError::NotFound(format!("no learned rule #{id}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_removal_is_a_drop_unless_the_edit_adds_it_to_nice() {
        let c = corrections_from_sets(&[
            "must-=IT業界|Excel:2".into(),
            "nice+=excel".into(),
            "rate_max=70".into(),
        ]);
        assert_eq!(
            c,
            vec![Correction::drop("IT業界"), Correction::nice("Excel")]
        );
    }
}
