//! The ranking before and after a revision: who entered, who left, who moved.

use serde::Serialize;

use chrono::NaiveDate;

use crate::domain::{Engineer, Opening};
use crate::geo::Places;
use crate::i18n::Lang;
use crate::score::{self, Check, Checks, Explanation, Factor, ScoringConfig};
use crate::skills::Taxonomy;

/// Score points lost in place that are worth a line of the report.
pub const DROP_POINTS: f32 = 5.0;

/// A change in the top of the ranking; positions are 1-based.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Movement {
    /// Now in the top; `from` is the old position when it passed the limits before.
    Entered {
        engineer_id: i64,
        to: usize,
        from: Option<usize>,
        score: f32,
    },
    /// Out of the top; `to` is the new position, `None` when now excluded.
    Left {
        engineer_id: i64,
        from: usize,
        to: Option<usize>,
        score_before: f32,
        score_after: Option<f32>,
    },
    /// Still in the top at another place; `by` is positive when moving up.
    Moved {
        engineer_id: i64,
        from: usize,
        to: usize,
        by: i64,
        score_before: f32,
        score_after: f32,
    },
    /// Same place, but `DROP_POINTS` or more lost.
    Dropped {
        engineer_id: i64,
        at: usize,
        score_before: f32,
        score_after: f32,
    },
    /// In the top with a limit to ask about that was not there before (a new ⚠).
    Flagged {
        engineer_id: i64,
        at: usize,
        checks: Vec<Check>,
    },
}

impl Movement {
    pub fn engineer_id(&self) -> i64 {
        match self {
            Movement::Entered { engineer_id, .. }
            | Movement::Left { engineer_id, .. }
            | Movement::Moved { engineer_id, .. }
            | Movement::Dropped { engineer_id, .. }
            | Movement::Flagged { engineer_id, .. } => *engineer_id,
        }
    }
}

/// Compare two full rankings (passing candidates, best first, as `(engineer_id, score)`)
/// over their first `top` places. Entered, then left, then moved, each by position.
pub fn diff(before: &[(i64, f32)], after: &[(i64, f32)], top: usize) -> Vec<Movement> {
    let pos = |list: &[(i64, f32)], id: i64| list.iter().position(|(e, _)| *e == id);
    let top_b = &before[..top.min(before.len())];
    let top_a = &after[..top.min(after.len())];
    let mut entered = Vec::new();
    let mut moved = Vec::new();
    for (i, &(id, score)) in top_a.iter().enumerate() {
        match pos(top_b, id) {
            None => entered.push(Movement::Entered {
                engineer_id: id,
                to: i + 1,
                from: pos(before, id).map(|p| p + 1),
                score,
            }),
            Some(j) if j != i => moved.push(Movement::Moved {
                engineer_id: id,
                from: j + 1,
                to: i + 1,
                by: j as i64 - i as i64,
                score_before: before[j].1,
                score_after: score,
            }),
            Some(_) => {}
        }
    }
    let mut left = Vec::new();
    for (j, &(id, score)) in top_b.iter().enumerate() {
        if pos(top_a, id).is_none() {
            let now = pos(after, id);
            left.push(Movement::Left {
                engineer_id: id,
                from: j + 1,
                to: now.map(|p| p + 1),
                score_before: score,
                score_after: now.map(|p| after[p].1),
            });
        }
    }
    entered.into_iter().chain(left).chain(moved).collect()
}

/// What a rep needs after an edit, over the top `top` places of two rankings given as
/// `(engineer_id, score, reviews)`: entries, exits, moves, then score drops of
/// `DROP_POINTS` or more in place, then new ⚠. Nothing about the places below.
pub fn report(
    before: &[(i64, f32, Checks)],
    after: &[(i64, f32, Checks)],
    top: usize,
) -> Vec<Movement> {
    let plain = |l: &[(i64, f32, Checks)]| l.iter().map(|x| (x.0, x.1)).collect::<Vec<_>>();
    let mut out = diff(&plain(before), &plain(after), top);
    let top_a = &after[..top.min(after.len())];
    let mut flagged = Vec::new();
    for (i, &(id, score, reviews)) in top_a.iter().enumerate() {
        let was = before.iter().position(|x| x.0 == id);
        if let Some(j) = was {
            if j == i && before[j].1 - score >= DROP_POINTS {
                out.push(Movement::Dropped {
                    engineer_id: id,
                    at: i + 1,
                    score_before: before[j].1,
                    score_after: score,
                });
            }
        }
        let old = was.map_or(Checks::default(), |j| before[j].2);
        let new: Vec<Check> = reviews
            .iter()
            .filter(|c| !old.contains(*c) && c.asks_client())
            .collect();
        if !new.is_empty() {
            flagged.push(Movement::Flagged {
                engineer_id: id,
                at: i + 1,
                checks: new,
            });
        }
    }
    out.extend(flagged);
    out
}

/// The factor that lost the most points between two explanations, with before and after.
pub fn biggest_drop(before: &Explanation, after: &Explanation) -> Option<(Factor, f32, f32)> {
    before
        .factors
        .iter()
        .zip(&after.factors)
        .map(|(b, a)| (b.factor, b.points, a.points))
        .filter(|(_, b, a)| a < b)
        .max_by(|x, y| (x.1 - x.2).total_cmp(&(y.1 - y.2)))
}

/// What a reason needs besides the engineer: the two versions, the date and the scoring setup.
pub struct Why<'a> {
    pub before: &'a Opening,
    pub after: &'a Opening,
    pub as_of: NaiveDate,
    pub cfg: &'a ScoringConfig,
    pub places: &'a Places,
    pub lang: Lang,
    pub tax: &'a Taxonomy,
}

impl Why<'_> {
    /// Why someone left the top: the hard limit now broken, or the factor that lost most.
    pub fn left(&self, e: &Engineer) -> String {
        let xa = score::explain(self.after, e, self.as_of, self.cfg, self.places);
        if xa.excluded {
            return self.join(&xa.reasons);
        }
        let xb = score::explain(self.before, e, self.as_of, self.cfg, self.places);
        match biggest_drop(&xb, &xa) {
            Some((factor, b, a)) => {
                let reason = xa
                    .factor(factor)
                    .map(|f| f.reason.render(self.lang, self.tax))
                    .unwrap_or_default();
                format!(
                    "{} {b:.1}→{a:.1}: {reason}",
                    crate::present::factor_label(factor.as_str(), self.lang)
                )
            }
            // Same points as before: others overtook.
            None => {
                if self.lang == Lang::Ja {
                    format!("{:.1}点のまま、他の候補に抜かれた", xa.score)
                } else {
                    format!("score unchanged at {:.1}, overtaken", xa.score)
                }
            }
        }
    }

    /// Why someone in the top now needs a check by hand.
    pub fn flagged(&self, e: &Engineer) -> String {
        self.join(&score::explain(self.after, e, self.as_of, self.cfg, self.places).review)
    }

    /// The reason for one movement, where it has one (left the top, newly flagged).
    pub fn of(&self, m: &Movement, e: Option<&Engineer>) -> Option<String> {
        match (m, e) {
            (Movement::Left { .. }, Some(e)) => Some(self.left(e)),
            (Movement::Flagged { .. }, Some(e)) => Some(self.flagged(e)),
            _ => None,
        }
    }

    fn join(&self, reasons: &[crate::score::Reason]) -> String {
        reasons
            .iter()
            .map(|r| r.render(self.lang, self.tax))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entered_left_and_moved() {
        let before = [(1, 90.0), (2, 80.0), (3, 70.0), (4, 60.0)];
        let after = [(3, 95.0), (1, 85.0), (4, 75.0), (5, 50.0)];
        let d = diff(&before, &after, 3);
        assert_eq!(
            d,
            vec![
                Movement::Entered {
                    engineer_id: 4,
                    to: 3,
                    from: Some(4),
                    score: 75.0
                },
                Movement::Left {
                    engineer_id: 2,
                    from: 2,
                    to: None,
                    score_before: 80.0,
                    score_after: None
                },
                Movement::Moved {
                    engineer_id: 3,
                    from: 3,
                    to: 1,
                    by: 2,
                    score_before: 70.0,
                    score_after: 95.0
                },
                Movement::Moved {
                    engineer_id: 1,
                    from: 1,
                    to: 2,
                    by: -1,
                    score_before: 90.0,
                    score_after: 85.0
                },
            ]
        );
    }

    #[test]
    fn report_adds_drops_in_place_and_new_flags_in_the_top_only() {
        let mut age = Checks::default();
        age.insert(Check::Age);
        let none = Checks::default();
        let before = [(1, 90.0, none), (2, 80.0, none), (3, 70.0, none)];
        let after = [(1, 84.0, none), (2, 79.0, age), (3, 50.0, age)];
        let r = report(&before, &after, 2);
        assert_eq!(
            r,
            vec![
                Movement::Dropped {
                    engineer_id: 1,
                    at: 1,
                    score_before: 90.0,
                    score_after: 84.0
                },
                Movement::Flagged {
                    engineer_id: 2,
                    at: 2,
                    checks: vec![Check::Age]
                },
            ]
        );
    }

    #[test]
    fn same_ranking_has_no_movement() {
        let r = [(1, 90.0), (2, 80.0)];
        assert!(diff(&r, &r, 10).is_empty());
        assert!(diff(&[], &[], 10).is_empty());
    }

    #[test]
    fn falling_below_the_top_keeps_the_new_place() {
        let before = [(1, 90.0), (2, 80.0)];
        let after = [(2, 85.0), (3, 84.0), (1, 60.0)];
        let d = diff(&before, &after, 2);
        assert!(d.contains(&Movement::Left {
            engineer_id: 1,
            from: 1,
            to: Some(3),
            score_before: 90.0,
            score_after: Some(60.0)
        }));
        assert!(d.contains(&Movement::Entered {
            engineer_id: 3,
            to: 2,
            from: None,
            score: 84.0
        }));
    }
}
