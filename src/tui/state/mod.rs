//! Per-screen state: what is selected, filtered, typed; no drawing, no I/O.

pub mod free;
pub mod input;
pub mod list;
pub mod pipeline;
pub mod posting;
pub mod queue;
pub mod revise;

use std::sync::Arc;

use crate::domain::Assignment;

use super::finder::{Hits, Index};
use input::LineInput;
use list::ListState;

/// Which part of a split screen has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    List,
    Detail,
    Raw,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpeningState {
    pub id: Option<i64>,
    pub list: ListState,
    pub excluded: ListState,
    pub show_excluded: bool,
    /// The rotation group (要調整) fills the list instead of the ranked candidates.
    pub rotation: ListState,
    pub show_rotation: bool,
    pub show_raw: bool,
    pub focus: Pane,
    pub detail_scroll: usize,
    pub raw_scroll: usize,
}

/// An engineer's assignments with the client names.
pub type Assignments = Vec<(Assignment, Option<String>)>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EngineersState {
    pub list: ListState,
    /// Detail on the whole body (narrow terminals).
    pub zoom: bool,
    pub focus: Pane,
    pub detail_scroll: usize,
    /// Assignments of the engineer they were loaded for.
    pub assignments: Option<(i64, Assignments)>,
}

#[derive(Debug, Default)]
pub struct SearchState {
    pub input: LineInput,
    /// Bumped on every change of the query; older answers are ignored.
    pub generation: u64,
    pub results: Hits,
    /// A query is out and its answer has not arrived.
    pub pending: bool,
    pub list: ListState,
    /// Built on the first search after each data snapshot.
    pub index: Option<Arc<Index>>,
}
