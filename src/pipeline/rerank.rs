//! The ranking before and after a revision: who entered, who left, who moved.

use serde::Serialize;

use crate::score::{Explanation, Factor};

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
}

impl Movement {
    pub fn engineer_id(&self) -> i64 {
        match self {
            Movement::Entered { engineer_id, .. }
            | Movement::Left { engineer_id, .. }
            | Movement::Moved { engineer_id, .. } => *engineer_id,
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
