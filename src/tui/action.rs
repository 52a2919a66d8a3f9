//! What can happen to the dashboard: user intents from the key map, and messages
//! the loop feeds back (results of effects, time, size); plus the effects themselves.
//!
//! `App::update` turns an action into state changes and a list of effects;
//! only the loop (or a test harness) performs effects, so the state machine is
//! testable without a terminal or a database.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{Client, Man, Opening, OpeningStatus, Rank};
use crate::pipeline::checks::Problem;
use crate::pipeline::rerank::Movement;
use crate::pipeline::revision::{FieldChange, Requirements};
use crate::pipeline::{PipelineItem, Stage};
use crate::store::{Proposal, Revision, StageChange};

use super::data::Data;
use super::finder::Hits;

/// One thing to do to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Move the selection (or scroll the focused pane) one row up.
    Up,
    /// Move the selection (or scroll the focused pane) one row down.
    Down,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// To the first row.
    Top,
    /// To the last row.
    Bottom,
    /// Previous choice (month in who's free, cursor in text).
    Left,
    /// Next choice (month in who's free, cursor in text).
    Right,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Open the selected row, or confirm the input.
    Open,
    /// Go back one screen, close the overlay, or cancel the input.
    Back,
    /// Leave the dashboard.
    Quit,
    /// Show the triage queue.
    GoQueue,
    /// Show who's free.
    GoFree,
    /// Show the engineers.
    GoEngineers,
    /// Show the pipeline: every proposal by stage, urgent first.
    GoPipeline,
    /// Show the profile checks.
    GoChecks,
    /// Move the selected proposal to another stage (menu, then an optional note).
    StageMenu,
    /// Record that the partner confirmed the engineer's commitment.
    PartnerConfirmed,
    /// The proposal message for the selected candidate or proposal.
    Pitch,
    /// Copy the message to the clipboard (OSC 52).
    Copy,
    /// Write the message to a file (owner-only).
    WriteFile,
    /// Edit the opening's requirements (a new revision).
    EditRequirements,
    /// Drop the requirement under the cursor (learned for the sending firm).
    DropRequirement,
    /// Move the requirement to 尚可, or a 尚可 one back to 必須.
    MoveToNice,
    /// Rename the requirement to a taxonomy skill (an alias, learned for everyone).
    RenameRequirement,
    /// Choose the requirement to be joined with others.
    MarkRequirement,
    /// Join the chosen requirements and this one as any-of.
    JoinAnyOf,
    /// Add a requirement (typed as `Name:years` or `A|B`).
    AddRequirement,
    /// The opening's revisions and what changed in each.
    History,
    /// Answer the opening "none available" (counts as the first response).
    AnswerNone,
    /// Set the rank of the opening's client.
    ClientRank,
    /// Say yes to the question asked.
    Confirm,
    /// Undo this user's last action (asks first, says which).
    Undo,
    /// Perform again the action undone last (asks first).
    Redo,
    /// Edit the engineer's profile (a form of fields).
    EditEngineer,
    /// The engineer's availability was confirmed today.
    ConfirmToday,
    /// End (or re-date) the engineer's assignment.
    EndAssignment,
    /// Record where the engineer works now (stock C): client, since, until or 長期.
    AddAssignment,
    /// Change an unsigned proposal's rate and note.
    EditProposal,
    /// Copy the engineer's summary (the pitch's skill-sheet lines) through the terminal.
    CopySummary,
    /// Who's free next month, from anywhere.
    FreeNextMonth,
    /// Search engineers and openings.
    Search,
    /// Keys of the current screen.
    Help,
    /// Paste or type a new posting.
    NewPosting,
    /// Reload from the database now.
    Refresh,
    /// Fetch new mail from the `[mail]` mailbox in the background.
    FetchMail,
    /// Sync with the team's hub now (`[sync]`), in the background.
    SyncTeam,
    /// Propose the selected candidate for this opening.
    Propose,
    /// Choose the status of the opening.
    StatusMenu,
    /// Dismiss the opening (見送り).
    Dismiss,
    /// Show the excluded candidates with why, or the ranked ones.
    ToggleExcluded,
    /// Show the rotation group (要調整: own staff on open-ended assignments), or the ranked ones.
    ToggleRotation,
    /// Show or hide the raw posting text.
    ToggleRaw,
    /// Next sort order of the queue.
    CycleSort,
    /// Next status filter of the queue.
    CycleFilter,
    /// Filter who's free by skill.
    SkillFilter,
    /// Next month filter of who's free.
    CycleMonth,
    /// Hide or show stale partner engineers (not re-offered within `[offers] stale_days`).
    ToggleStale,
    /// Edit the posting in `$EDITOR`.
    Editor,
    /// Read the typed posting into fields.
    Parse,
    /// Save the corrected posting and rank it.
    Save,
    /// Start a new line in the text area.
    Newline,
    /// Type a character.
    Input(char),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Clear the input line.
    ClearInput,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Cursor to the start of the line.
    LineStart,
    /// Cursor to the end of the line.
    LineEnd,
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The mouse wheel turned over a cell.
    Scroll { down: bool, col: u16, row: u16 },
    /// A left click on a cell.
    Click { col: u16, row: u16 },
    /// The terminal has a new size.
    Resize { width: u16, height: u16 },
    /// The clock moved: waits and "today" follow it.
    Tick {
        now: DateTime<Utc>,
        today: NaiveDate,
    },
    /// A fresh snapshot of the database arrived.
    Loaded(Box<Data>),
    /// A ranking arrived from the ranking thread (or was computed in line).
    Ranked(super::ranks::Answer),
    /// Matches for a query arrived from the search worker.
    SearchResults(Hits),
    /// An engineer's assignments arrived, with client names.
    Assignments(i64, super::state::Assignments),
    /// A write succeeded.
    Done(Outcome),
    /// An effect failed; the message goes to the status line.
    Failed(String),
    /// `$EDITOR` returned this text.
    Edited(String),
}

/// The pitch popup's content.
#[derive(Debug, Clone, PartialEq)]
pub struct PitchText {
    pub opening_id: i64,
    pub engineer_id: i64,
    pub text: String,
    /// For the rep, never part of the message.
    pub warnings: Vec<String>,
}

/// What a revision did to the ranking, for the popup after saving.
#[derive(Debug, Clone, PartialEq)]
pub struct Reranked {
    pub opening: Opening,
    pub revision: u32,
    pub changes: Vec<FieldChange>,
    pub movements: Vec<Movement>,
    /// Why each engineer who left the top is now excluded, by engineer id.
    pub reasons: Vec<(i64, String)>,
}

/// What a successful write changed, so the app can patch its copy.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Proposed(Proposal),
    StatusSet {
        opening_id: i64,
        status: OpeningStatus,
    },
    /// The new opening as stored, with its id, and its client if it has one.
    Saved {
        opening: Box<Opening>,
        client: Option<Client>,
    },
    /// The pasted posting was an opening already stored: nothing new, or kept as one
    /// more source of it (`copy`).
    AlreadyStored {
        opening_id: i64,
        copy: bool,
    },
    /// The board as stored after a proposal write.
    Board {
        items: Vec<PipelineItem>,
        proposals: Vec<Proposal>,
        events: std::collections::HashMap<i64, Vec<crate::store::StageEvent>>,
    },
    /// A proposal moved (or got a note); the engineer's other open proposals to withdraw.
    Staged {
        item: Box<PipelineItem>,
        from: Stage,
        to_withdraw: Vec<i64>,
        opening_status: OpeningStatus,
    },
    Withdrawn(Vec<i64>),
    AnsweredNone(i64),
    ClientRank {
        client_id: i64,
        rank: Option<Rank>,
    },
    Pitch(Box<PitchText>),
    /// The message was written to this file.
    Written(String),
    /// The requirements of an opening, to edit, with its revisions.
    Requirements {
        opening_id: i64,
        requirements: Box<Requirements>,
        revisions: Vec<Revision>,
        /// Open the edit form (else show the history).
        edit: bool,
    },
    /// A new revision was stored (`None`: nothing changed).
    Revised(Option<Box<Reranked>>),
    /// Profile problems, errors first, by engineer id.
    Checks(Vec<(i64, Problem)>),
    /// The last change was undone: what it was, in words.
    Undone(String),
    /// Nothing left to undo.
    NothingToUndo,
    /// Nothing undone to perform again.
    NothingToRedo,
    /// Ask before taking back (`undo`) or performing again this journaled action.
    AskReplay {
        id: i64,
        label: String,
        undo: bool,
    },
    /// A write went through: say so on the status line.
    Info(String),
}

/// Something for the loop to do outside the state: I/O, threads, the terminal.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Record a proposal; the store also answers the opening.
    Propose {
        opening_id: i64,
        engineer_id: i64,
        rate: Option<Man>,
        note: String,
    },
    /// Find this user's last action and ask before undoing it.
    AskUndo,
    /// Find the action undone last and ask before performing it again.
    AskRedo,
    /// Take back (`undo`) or perform again journaled action `id`, in one transaction.
    Replay {
        id: i64,
        undo: bool,
    },
    /// Store an edited engineer profile.
    /// The profile as the form opened it, and as edited: only changed fields are written.
    SaveEngineer(Box<(crate::domain::Engineer, crate::domain::Engineer)>),
    /// Mark the engineer's availability confirmed today.
    ConfirmAvailability {
        engineer_id: i64,
    },
    /// End the engineer's assignment on this day.
    EndAssignment {
        engineer_id: i64,
        on: NaiveDate,
    },
    /// Change an unsigned proposal's terms: `--set`-style `rate=…`, `note=…`.
    EditProposal {
        proposal_id: i64,
        sets: Vec<String>,
    },
    /// Record a running assignment (`until` None: open-ended).
    AddAssignment {
        engineer_id: i64,
        client: String,
        from: NaiveDate,
        until: Option<NaiveDate>,
    },
    SetStatus {
        opening_id: i64,
        status: OpeningStatus,
    },
    /// Store a new opening from the posting screen, unless its text is one already
    /// stored (`raw`, the pasted posting, is checked as imports check it).
    SaveOpening {
        opening: Box<Opening>,
        client: Option<String>,
        raw: String,
    },
    /// Reload everything now.
    Reload,
    /// Reload only if another process committed since the last look.
    CheckChanges,
    /// Start a fetch on the worker thread (one at a time).
    FetchMail,
    /// Start a team sync on its worker thread (one at a time).
    SyncTeam,
    /// Rank these openings, in this order; the latest request wins.
    Rank {
        ids: Vec<i64>,
    },
    /// Match a query; the latest request wins.
    Search {
        generation: u64,
        query: String,
    },
    LoadAssignments(i64),
    /// Move a proposal, note on it, or confirm the partner.
    SetStage {
        proposal_id: i64,
        change: StageChange,
    },
    /// Withdraw these proposals in one transaction.
    Withdraw {
        ids: Vec<i64>,
        note: String,
    },
    AnswerNone(i64),
    SetClientRank {
        client_id: i64,
        name: String,
        rank: Option<Rank>,
    },
    /// Build and render the proposal message (reads the user's template).
    Pitch {
        opening_id: i64,
        engineer_id: i64,
    },
    /// Put text on the clipboard through the terminal (OSC 52): the loop writes it.
    Copy(String),
    /// Write text to a file readable by its owner only.
    WriteFile {
        path: String,
        text: String,
    },
    /// Load an opening's requirements and revisions (edit form, history).
    LoadRequirements {
        opening_id: i64,
        edit: bool,
    },
    /// Store edited requirements as a new revision and re-rank.
    Revise {
        opening_id: i64,
        requirements: Box<Requirements>,
        /// The rep's corrections, learned with the opening's sending firm.
        corrections: Vec<crate::domain::learned::Correction>,
    },
    /// Check every engineer's profile.
    LoadChecks,
    /// Suspend the screen and edit this text in `$EDITOR`.
    Edit(String),
    Quit,
}
