//! Changes the dashboard made since it opened, and undoing the last one in its own
//! transaction, with words saying what was undone.

use crate::i18n::Lang;
use crate::store::undo::Mark;
use chrono::{DateTime, Utc};

use crate::domain::Engineer;
use crate::store::{Ended, Result, Store};

/// One change, with what is needed to take it back.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A proposal was recorded (and may have answered its opening).
    Proposed { proposal_id: i64, before: Mark },
    /// A proposal moved stage (or was withdrawn with others); signing booked the engineer.
    Staged { proposal_id: i64, before: Mark },
    /// Several proposals were withdrawn together.
    Withdrawn { ids: Vec<i64>, before: Mark },
    /// An opening's status was set (a dismissal, or the status menu).
    Status { opening_id: i64, before: Mark },
    /// An assignment was ended.
    AssignmentEnded(Ended),
    /// An engineer's profile was edited: the record as it was.
    EngineerEdited { before: Box<Engineer> },
}

impl Change {
    /// What undoing this change did, in the rep's language.
    pub fn undone(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        match self {
            Change::Proposed { proposal_id, .. } => {
                if ja {
                    format!("取り消し: 提案 {proposal_id} の記録")
                } else {
                    format!("undone: proposal {proposal_id} recorded")
                }
            }
            Change::Staged {
                proposal_id,
                before,
            } => {
                let was = before
                    .proposals
                    .first()
                    .and_then(|p| crate::pipeline::Stage::parse(&p.stage).ok())
                    .map_or(String::new(), |s| s.label(lang).to_string());
                if ja {
                    format!("取り消し: 提案 {proposal_id} の段階変更 ({was} に戻しました)")
                } else {
                    format!("undone: stage move of proposal {proposal_id} (back to {was})")
                }
            }
            Change::Withdrawn { ids, .. } => {
                let ids = ids
                    .iter()
                    .map(|i| format!("#{i}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                if ja {
                    format!("取り消し: 取り下げ {ids}")
                } else {
                    format!("undone: withdrawal of {ids}")
                }
            }
            Change::Status { opening_id, before } => {
                let was = before.opening.as_ref().map_or("", |o| o.status.as_str());
                if ja {
                    format!("取り消し: 案件 {opening_id} の状態変更 ({was} に戻しました)")
                } else {
                    format!("undone: status of opening {opening_id} (back to {was})")
                }
            }
            Change::AssignmentEnded(e) => {
                if ja {
                    format!("取り消し: 要員 {} の稼働終了日", e.assignment.engineer_id)
                } else {
                    format!(
                        "undone: end of engineer {}'s assignment",
                        e.assignment.engineer_id
                    )
                }
            }
            Change::EngineerEdited { before } => {
                let id = before.id;
                if ja {
                    format!("取り消し: 要員 {id} の編集")
                } else {
                    format!("undone: edit of engineer {id}")
                }
            }
        }
    }
}

/// Take a change back, in one transaction.
pub fn undo(store: &mut Store, change: &Change, now: DateTime<Utc>) -> Result<()> {
    match change {
        Change::Proposed {
            proposal_id,
            before,
        } => store.restore(before, Some(*proposal_id)),
        Change::Staged { before, .. }
        | Change::Withdrawn { before, .. }
        | Change::Status { before, .. } => store.restore(before, None),
        Change::AssignmentEnded(e) => store.restore_assignment(e),
        Change::EngineerEdited { before } => store.update_engineer(before, now),
    }
}
