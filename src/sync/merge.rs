//! How the hub decides between edits of one row: field by field, the later edit wins
//! and the other is kept for restore; a signed stage beats an earlier one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::protocol::RowData;

/// Who last wrote a field at the hub, and when they edited it on their laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub at: String,
    pub member: String,
    pub laptop: String,
}

/// Field → who wrote its current value.
pub type Stamps = BTreeMap<String, Stamp>;

/// What became of a change's fields.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    /// Written to the hub's row.
    pub taken: Vec<String>,
    /// Kept as they were: the edit lost (earlier than the hub's, or a stage after signing).
    pub lost: Vec<String>,
    /// Taken over a value another laptop wrote: that laptop is told, with its value.
    pub overridden: Vec<(String, Stamp)>,
}

/// The fields that move with a proposal's stage, decided together.
const STAGE_GROUP: [&str; 4] = ["stage", "stage_at", "signed_at", "start_on"];

/// Forward stages in order; the closed ones (declined, rejected, withdrawn) have none.
fn stage_rank(stage: Option<&serde_json::Value>) -> Option<usize> {
    let s = stage?.as_str()?;
    [
        "proposed",
        "interview",
        "interviewed",
        "offered",
        "signed",
        "started",
    ]
    .iter()
    .position(|x| *x == s)
}

const SIGNED: usize = 4;

/// Decide the `fields` of an edit made `at` by `stamp`'s laptop against the hub's row
/// `current` whose fields were written as `stamps` say.
pub fn merge(
    tbl: &str,
    current: &RowData,
    stamps: &Stamps,
    incoming: &RowData,
    fields: &[String],
    stamp: &Stamp,
) -> Outcome {
    let mut out = Outcome::default();
    // A signed stage beats an earlier one whenever either was edited.
    let stage_rule = if tbl == "proposals" && fields.iter().any(|f| f == "stage") {
        let now = stage_rank(current.get("stage"));
        let new = stage_rank(incoming.get("stage"));
        match (now, new) {
            (Some(n), Some(w)) if n >= SIGNED && w < n => Some(false),
            (Some(n), Some(w)) if w >= SIGNED && n < SIGNED => Some(true),
            _ => None,
        }
    } else {
        None
    };
    for f in fields {
        let prior = stamps.get(f);
        let take = match (stage_rule, STAGE_GROUP.contains(&f.as_str())) {
            (Some(rule), true) => rule,
            _ => prior.is_none_or(|p| stamp.at >= p.at),
        };
        if take {
            out.taken.push(f.clone());
            if let Some(p) = prior {
                let differs = current.get(f) != incoming.get(f);
                if p.laptop != stamp.laptop && differs {
                    out.overridden.push((f.clone(), p.clone()));
                }
            }
        } else {
            out.lost.push(f.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(v: serde_json::Value) -> RowData {
        v.as_object().cloned().unwrap()
    }

    fn stamp(at: &str, laptop: &str) -> Stamp {
        Stamp {
            at: at.into(),
            member: format!("m-{laptop}"),
            laptop: laptop.into(),
        }
    }

    #[test]
    fn the_later_edit_wins_and_the_earlier_writer_is_named() {
        let current = row(json!({"rate": 60}));
        let stamps = Stamps::from([("rate".into(), stamp("2026-01-02T00:00:00Z", "a"))]);
        let later = merge(
            "engineers",
            &current,
            &stamps,
            &row(json!({"rate": 70})),
            &["rate".into()],
            &stamp("2026-01-03T00:00:00Z", "b"),
        );
        assert_eq!(later.taken, vec!["rate"]);
        assert_eq!(later.overridden[0].1.laptop, "a");
        let earlier = merge(
            "engineers",
            &current,
            &stamps,
            &row(json!({"rate": 70})),
            &["rate".into()],
            &stamp("2026-01-01T00:00:00Z", "b"),
        );
        assert_eq!(earlier.lost, vec!["rate"]);
        assert!(earlier.taken.is_empty());
    }

    #[test]
    fn a_signed_stage_beats_an_earlier_stage_edited_later() {
        let current = row(json!({"stage": "signed", "signed_at": "2026-01-02"}));
        let stamps = Stamps::from([
            ("stage".into(), stamp("2026-01-02T00:00:00Z", "a")),
            ("signed_at".into(), stamp("2026-01-02T00:00:00Z", "a")),
        ]);
        let back = merge(
            "proposals",
            &current,
            &stamps,
            &row(json!({"stage": "interview", "signed_at": null})),
            &["stage".into(), "signed_at".into()],
            &stamp("2026-01-05T00:00:00Z", "b"),
        );
        assert_eq!(back.lost, vec!["stage", "signed_at"]);
        // And signing wins over a later interview, whichever arrives second.
        let current = row(json!({"stage": "interview"}));
        let stamps = Stamps::from([("stage".into(), stamp("2026-01-09T00:00:00Z", "a"))]);
        let sign = merge(
            "proposals",
            &current,
            &stamps,
            &row(json!({"stage": "signed"})),
            &["stage".into()],
            &stamp("2026-01-05T00:00:00Z", "b"),
        );
        assert_eq!(sign.taken, vec!["stage"]);
    }
}
