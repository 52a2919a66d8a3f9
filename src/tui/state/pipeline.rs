//! State of the pipeline board, the profile checks and the requirement edit form.

use crate::pipeline::board::display_order;
use crate::pipeline::checks::{Problem, Severity};
use crate::pipeline::{Flags, PipelineItem};

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

// The requirement editor lives in its own module.
pub use super::revise::{field_text, ReviseState, REVISE_FIELDS};
