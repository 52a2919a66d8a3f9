//! Writes a rep can take back: each is one journaled action (its rows before and after,
//! in the same transaction), and undo/redo of this user's last action, refused with
//! the reason when anyone changed those rows since.

use chrono::{DateTime, Utc};

use crate::domain::{Man, OpeningStatus, Rank};
use crate::i18n::Lang;
use crate::store::journal::{Conflict, Entry, Scope, Table};
use crate::store::{Result, Store, StoreError};
use crate::store::{StageChange, StageOutcome};

pub use crate::store::journal::Actor;

/// What `u` would take back now.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// This user has done nothing that is still done.
    Nothing,
    /// The last action cannot be undone; undo stops there rather than reach past it.
    Irreversible(Entry),
    /// The last action, ready to be taken back.
    Ready(Entry),
}

/// The action `u` would take back for `actor`.
pub fn next_undo(store: &Store, actor: &Actor) -> Result<Next> {
    Ok(match store.last_action(actor)? {
        None => Next::Nothing,
        Some(e) if !e.undoable => Next::Irreversible(e),
        Some(e) => Next::Ready(e),
    })
}

/// The action redo would perform again for `actor`, if any.
pub fn next_redo(store: &Store, actor: &Actor) -> Result<Option<Entry>> {
    store.next_redo(actor)
}

/// Take back action `id`, which must still be `actor`'s last; refused, naming what
/// changed, when anyone touched its rows since. Returns what was undone.
pub fn undo(store: &mut Store, actor: &Actor, id: i64, lang: Lang) -> Result<Entry> {
    let entry = match next_undo(store, actor)? {
        Next::Ready(e) if e.id == id => e,
        Next::Irreversible(e) => return Err(StoreError::Changed(irreversible_message(&e, lang))),
        _ => return Err(StoreError::Changed(moved_on(lang))),
    };
    store
        .replay(id, true)?
        .map_err(|c| StoreError::Changed(conflicts(&entry, &c, lang)))?;
    Ok(entry)
}

/// Perform again action `id`, which must still be `actor`'s next to redo.
pub fn redo(store: &mut Store, actor: &Actor, id: i64, lang: Lang) -> Result<Entry> {
    let entry = match next_redo(store, actor)? {
        Some(e) if e.id == id => e,
        _ => return Err(StoreError::Changed(moved_on(lang))),
    };
    store
        .replay(id, false)?
        .map_err(|c| StoreError::Changed(conflicts(&entry, &c, lang)))?;
    Ok(entry)
}

fn moved_on(lang: Lang) -> String {
    match lang {
        Lang::Ja => "取り消す操作が変わりました。もう一度お試しください".into(),
        Lang::En => "the last action changed meanwhile; try again".into(),
    }
}

/// "「…」は元に戻せません".
pub fn irreversible_message(e: &Entry, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "「{}」は元に戻せません (それより前の操作も戻しません)",
            e.label
        ),
        Lang::En => format!("'{}' cannot be undone (nor anything before it)", e.label),
    }
}

fn table_word(t: Table, lang: Lang) -> &'static str {
    let ja = lang == Lang::Ja;
    match t {
        Table::Engineers => {
            if ja {
                "要員"
            } else {
                "engineer"
            }
        }
        Table::Openings => {
            if ja {
                "案件"
            } else {
                "opening"
            }
        }
        Table::Proposals => {
            if ja {
                "提案"
            } else {
                "proposal"
            }
        }
        Table::Assignments => {
            if ja {
                "稼働"
            } else {
                "assignment"
            }
        }
        Table::ProposalEvents => {
            if ja {
                "提案の履歴"
            } else {
                "proposal event"
            }
        }
        Table::Clients => {
            if ja {
                "顧客"
            } else {
                "client"
            }
        }
    }
}

/// One line: what cannot be undone, which rows changed since, and by what.
pub fn conflicts(e: &Entry, c: &[Conflict], lang: Lang) -> String {
    let rows = c
        .iter()
        .map(|c| {
            let what = format!("{} #{}", table_word(c.table, lang), c.id);
            let cols = if c.columns.is_empty() {
                String::new()
            } else {
                format!(" ({})", c.columns.join(", "))
            };
            let by = match (&c.by, lang) {
                (Some((label, who)), Lang::Ja) => format!(" ← 「{label}」{who}"),
                (Some((label, who)), Lang::En) => format!(" by '{label}' {who}"),
                (None, _) => String::new(),
            };
            format!("{what}{cols}{by}")
        })
        .collect::<Vec<_>>()
        .join("; ");
    match lang {
        Lang::Ja => format!(
            "元に戻せません: 「{}」の後に変更があります: {rows}",
            e.label
        ),
        Lang::En => format!(
            "not undone: '{}' was followed by other changes: {rows}",
            e.label
        ),
    }
}

/// Every row a proposal write may touch: all proposals of the engineer (signing withdraws
/// the others), their openings and the engineer's bookings; new proposals, events and
/// bookings are the action's own.
pub fn proposal_scope(store: &Store, engineer_id: i64, opening_id: Option<i64>) -> Result<Scope> {
    let mut s = Scope::default()
        .row(Table::Engineers, engineer_id)
        .grows(Table::Proposals)
        .grows(Table::ProposalEvents)
        .grows(Table::Assignments);
    if let Some(o) = opening_id {
        s = s.row(Table::Openings, o);
    }
    for p in store.pipeline()? {
        if p.engineer_id == engineer_id {
            s = s
                .row(Table::Proposals, p.id)
                .row(Table::Openings, p.opening_id);
        }
    }
    for (a, _) in store.assignments_of(engineer_id)? {
        s = s.row(Table::Assignments, a.id);
    }
    Ok(s)
}

/// Record a proposal (it may answer its opening). Returns the proposal's id.
#[allow(clippy::too_many_arguments)]
pub fn propose(
    store: &mut Store,
    actor: &Actor,
    opening_id: i64,
    engineer_id: i64,
    rate: Option<Man>,
    note: &str,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<i64> {
    let name = store.engineer(engineer_id)?.name;
    let label = match lang {
        Lang::Ja => format!("提案 {name} → 案件 #{opening_id}"),
        Lang::En => format!("proposed {name} for opening #{opening_id}"),
    };
    let scope = proposal_scope(store, engineer_id, Some(opening_id))?;
    store.act(actor, &label, true, &scope, now, |s| {
        s.propose_with_note(opening_id, engineer_id, rate, note, now)
    })
}

/// Move a proposal's stage (signing books the engineer and may withdraw the others).
pub fn set_stage(
    store: &mut Store,
    actor: &Actor,
    proposal_id: i64,
    change: &StageChange,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<StageOutcome> {
    let item = store.pipeline_item(proposal_id)?;
    let to = change.to.unwrap_or(item.stage);
    let label = format!(
        "{} → {} (#{proposal_id} {})",
        item.stage.label(lang),
        to.label(lang),
        item.engineer_name
    );
    let scope = proposal_scope(store, item.engineer_id, Some(item.opening_id))?;
    store.act(actor, &label, true, &scope, now, |s| {
        s.set_stage(proposal_id, change, now)
    })
}

/// Withdraw several proposals together.
pub fn withdraw(
    store: &mut Store,
    actor: &Actor,
    ids: &[i64],
    note: &str,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<()> {
    let mut scope = Scope::default();
    let mut engineers = Vec::new();
    for id in ids {
        let e = store.pipeline_item(*id)?.engineer_id;
        if !engineers.contains(&e) {
            engineers.push(e);
        }
    }
    for e in engineers {
        for (t, id) in proposal_scope(store, e, None)?.rows() {
            scope = scope.row(t, id);
        }
    }
    let scope = scope.grows(Table::ProposalEvents).grows(Table::Assignments);
    let list = ids
        .iter()
        .map(|i| format!("#{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let label = match lang {
        Lang::Ja => format!("取り下げ {list}"),
        Lang::En => format!("withdrew {list}"),
    };
    store.act(actor, &label, true, &scope, now, |s| {
        s.withdraw(ids, note, now)
    })
}

/// Set an opening's status (a dismissal, the status menu).
pub fn set_status(
    store: &mut Store,
    actor: &Actor,
    opening_id: i64,
    status: OpeningStatus,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<()> {
    let label = match lang {
        Lang::Ja => format!("案件 #{opening_id} の状態 → {}", status.as_str()),
        Lang::En => format!("opening #{opening_id} status → {}", status.as_str()),
    };
    let scope = Scope::default().row(Table::Openings, opening_id);
    store.act(actor, &label, true, &scope, now, |s| {
        s.set_status(opening_id, status)
    })
}

/// Answer an opening "none available" (該当者なし); undoable like any other answer.
pub fn answer_none(
    store: &mut Store,
    actor: &Actor,
    opening_id: i64,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<()> {
    let label = match lang {
        Lang::Ja => format!("案件 #{opening_id} に該当者なしと回答"),
        Lang::En => format!("answered opening #{opening_id}: none available"),
    };
    let scope = Scope::default().row(Table::Openings, opening_id);
    store.act(actor, &label, true, &scope, now, |s| {
        s.answer_none(opening_id, now)
    })
}

/// Set a client's rank (the dashboard's rank keys).
pub fn set_client_rank(
    store: &mut Store,
    actor: &Actor,
    client_id: i64,
    name: &str,
    rank: Option<Rank>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<()> {
    let label = match lang {
        Lang::Ja => format!("顧客 {name} のランク"),
        Lang::En => format!("rank of client {name}"),
    };
    let scope = Scope::default()
        .row(Table::Clients, client_id)
        .grows(Table::Clients);
    store.act(actor, &label, true, &scope, now, |s| {
        s.set_client(name, rank, None, None).map(|_| ())
    })
}

/// End (or re-date) an engineer's assignment: they are free from the next day.
pub fn end_assignment(
    store: &mut Store,
    actor: &Actor,
    engineer_id: i64,
    on: chrono::NaiveDate,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<crate::store::Ended> {
    crate::domain::bounds::year("date", on).map_err(StoreError::Invalid)?;
    let name = store.engineer(engineer_id)?.name;
    let label = match lang {
        Lang::Ja => format!("{name} の稼働終了日 {on}"),
        Lang::En => format!("{name}'s assignment ends {on}"),
    };
    let mut scope = Scope::default().row(Table::Engineers, engineer_id);
    for (a, _) in store.assignments_of(engineer_id)? {
        scope = scope.row(Table::Assignments, a.id);
    }
    store.act(actor, &label, true, &scope, now, |s| {
        crate::ops::bookings::end_assignment(s, engineer_id, on)
    })
}

/// A write that cannot be taken back (a new posting saved from the dashboard): journaled
/// all the same, so undo stops at it instead of reaching past it.
pub fn irreversible<T>(
    store: &mut Store,
    actor: &Actor,
    label: &str,
    now: DateTime<Utc>,
    f: impl FnOnce(&mut Store) -> Result<T>,
) -> Result<T> {
    store.act(actor, label, false, &Scope::default(), now, f)
}
