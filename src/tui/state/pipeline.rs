//! State of the pipeline board, the profile checks and the requirement edit form.

use crate::pipeline::board::display_order;
use crate::pipeline::checks::{Problem, Severity};
use crate::pipeline::revision::Requirements;
use crate::pipeline::{Flags, PipelineItem};

use super::input::LineInput;
use super::list::ListState;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PipelineState {
    /// Indices into `Data::pipeline`, urgent first (`board::display_order`).
    pub rows: Vec<usize>,
    pub list: ListState,
}

impl PipelineState {
    /// Recompute the order after the board or today changed; the selected proposal stays.
    pub fn rebuild(&mut self, items: &[PipelineItem], flags: &[Flags], height: usize) {
        let keep = self.selected_id(items);
        self.rows = display_order(items, flags);
        let at = keep
            .and_then(|id| self.rows.iter().position(|&i| items[i].id == id))
            .unwrap_or(self.list.selected);
        self.list.select(at, self.rows.len(), height);
    }

    pub fn selected_id(&self, items: &[PipelineItem]) -> Option<i64> {
        self.rows
            .get(self.list.selected)
            .and_then(|&i| items.get(i))
            .map(|p| p.id)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChecksState {
    /// Problems by engineer id, errors first; `None` until loaded.
    pub rows: Option<Vec<(i64, Problem)>>,
    pub list: ListState,
}

impl ChecksState {
    pub fn set(&mut self, mut rows: Vec<(i64, Problem)>, height: usize) {
        // Errors first, then by engineer, keeping each engineer's own order.
        rows.sort_by_key(|(id, p)| (p.severity() != Severity::Error, *id));
        let n = rows.len();
        self.rows = Some(rows);
        self.list.fit(n, height);
    }

    pub fn len(&self) -> usize {
        self.rows.as_ref().map_or(0, Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The fields the edit form offers, in order; the keys `Requirements::set` reads.
pub const REVISE_FIELDS: [&str; 15] = [
    "title",
    "must",
    "nice",
    "rate_min",
    "rate_max",
    "start",
    "duration",
    "location",
    "remote",
    "interviews",
    "max_depth",
    "freelancer_ok",
    "foreign_ok",
    "age_limit",
    "notes",
];

/// The requirement edit form: each field as text, edited one at a time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviseState {
    pub opening_id: Option<i64>,
    /// The requirements as loaded; edits apply onto them.
    pub base: Requirements,
    pub values: Vec<String>,
    pub list: ListState,
    pub editing: Option<LineInput>,
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        v.to_string()
    }
}

/// One field of the requirements as the form shows it (empty when not stated).
pub fn field_text(r: &Requirements, key: &str) -> String {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let n = |v: Option<u8>| v.map(|x| x.to_string()).unwrap_or_default();
    let b = |v: Option<bool>| v.map(|x| x.to_string()).unwrap_or_default();
    match key {
        "title" => r.title.clone(),
        "must" => r.must.join(", "),
        "nice" => r.nice.join(", "),
        "rate_min" => r.rate_min.map(num).unwrap_or_default(),
        "rate_max" => r.rate_max.map(num).unwrap_or_default(),
        "start" => o(&r.start),
        "duration" => o(&r.duration),
        "location" => o(&r.location),
        "remote" => o(&r.remote),
        "interviews" => n(r.interviews),
        "max_depth" => n(r.max_depth),
        "freelancer_ok" => b(r.freelancer_ok),
        "foreign_ok" => b(r.foreign_ok),
        "age_limit" => n(r.age_limit),
        "notes" => r.notes.clone(),
        _ => String::new(),
    }
}

impl ReviseState {
    pub fn new(opening_id: i64, base: Requirements) -> ReviseState {
        let values = REVISE_FIELDS.iter().map(|k| field_text(&base, k)).collect();
        ReviseState {
            opening_id: Some(opening_id),
            base,
            values,
            list: ListState::default(),
            editing: None,
        }
    }

    /// The requirements with every changed field applied; the first bad field is the error.
    pub fn build(&self) -> Result<Requirements, (usize, String)> {
        let mut r = self.base.clone();
        for (i, key) in REVISE_FIELDS.iter().enumerate() {
            let v = self.values.get(i).map(String::as_str).unwrap_or_default();
            if v.trim() == field_text(&self.base, key).trim() {
                continue;
            }
            r.set(&format!("{key}={}", v.trim())).map_err(|e| (i, e))?;
        }
        Ok(r)
    }
}
