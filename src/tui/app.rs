//! The dashboard's state machine: `update(action)` changes state and returns effects.
//!
//! Nothing here touches the terminal, the clock or the database: time, size and
//! data arrive as actions, and writes leave as [`Effect`]s the loop performs.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use crate::config::DashboardConfig;
use crate::domain::{Engineer, Man, Opening, OpeningStatus};
use crate::geo::Places;
use crate::i18n::Lang;
use crate::pipeline::{ChecksConfig, Flags, PipelineConfig, Stage};
use crate::score::{Pool, Ranking, ScoringConfig};
use crate::skills::Taxonomy;
use crate::store::Revision;

use super::action::{Action, Effect, Outcome, PitchText, Reranked};
use super::data::Data;
use super::keymap::Scope;
use super::ranks::{Answer, RankCache};
use super::state::free::FreeState;
use super::state::input::LineInput;
use super::state::list::ListState;
use super::state::pipeline::{ChecksState, PipelineState, ReviseState};
use super::state::posting::PostingState;
use super::state::queue::QueueState;
use super::state::{EngineersState, OpeningState, SearchState};
use super::strings::{self, S};
use super::theme::Theme;
use super::views;

/// What the app is given once and never changes while it runs.
pub struct Env<'a> {
    pub lang: Lang,
    pub tax: &'a Taxonomy,
    /// `'static` because the ranking thread holds it.
    pub places: &'static Places,
    pub cfg: ScoringConfig,
    pub dash: DashboardConfig,
    pub theme: Theme,
    /// Shown on the empty-database screen, so the rep knows which file is open.
    pub db_path: String,
    /// When an unsigned offer turns urgent.
    pub pipeline: PipelineConfig,
    pub checks: ChecksConfig,
    /// The user's template folder (`pitch.ja.txt`, `pitch.en.txt`), if any.
    pub templates: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Nothing in the database yet: how to fill it.
    Empty,
    Queue,
    Opening,
    Free,
    Engineers,
    Search,
    Posting,
    /// Every proposal by stage, urgent first.
    Pipeline,
    /// Profile problems, errors first.
    Checks,
    /// The requirement edit form of an opening.
    Revise,
}

/// A small window over the screen that takes the keys until closed.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// Keys of the scope the help was opened from.
    Help {
        scope: Scope,
        scroll: usize,
    },
    StatusMenu {
        opening_id: i64,
        list: ListState,
    },
    /// The skill filter of who's free.
    SkillPrompt(LineInput),
    /// The stages a proposal may move to.
    StageMenu {
        proposal_id: i64,
        options: Vec<Stage>,
        list: ListState,
    },
    /// An optional note for the stage change, then it is stored. Offered and signed ask
    /// the agreed start first (`start` while that is typed, prefilled; empty for none).
    StageNote {
        proposal_id: i64,
        to: Stage,
        input: LineInput,
        start: Option<LineInput>,
        start_on: Option<NaiveDate>,
    },
    /// The engineer's other open proposals, to withdraw in one step.
    Withdraw {
        proposal_id: i64,
        ids: Vec<i64>,
    },
    /// The proposal message with its warnings.
    Pitch {
        pitch: Box<PitchText>,
        scroll: usize,
    },
    /// Where to write the message.
    PathPrompt {
        pitch: Box<PitchText>,
        input: LineInput,
    },
    /// Who entered, left or moved after a revision.
    Rerank {
        diff: Box<Reranked>,
        scroll: usize,
    },
    /// The revisions of an opening.
    History {
        opening_id: i64,
        revisions: Vec<Revision>,
        scroll: usize,
    },
    /// The rank of a client.
    RankMenu {
        client_id: i64,
        name: String,
        list: ListState,
    },
    /// Before proposing: the rate, a note, and the candidate's checks to read first.
    ProposePrompt(Box<super::confirm::ProposeDraft>),
    /// Dismiss the opening? One key says yes.
    ConfirmDismiss {
        opening_id: i64,
    },
    /// Undo (or redo) this action? One key says yes.
    ConfirmReplay {
        id: i64,
        label: String,
        undo: bool,
    },
    /// The engineer's profile form.
    EngineerForm(Box<super::engineer_form::EngineerForm>),
    /// The last day of the engineer's assignment.
    EndAssignment {
        engineer_id: i64,
        input: LineInput,
    },
    /// An unsigned proposal's terms: `rate | note`.
    ProposalTerms {
        proposal_id: i64,
        input: LineInput,
    },
    /// Where the engineer works now: `client since [until|長期]`.
    AddAssignment {
        engineer_id: i64,
        input: LineInput,
    },
}

/// One line for the status bar; errors stay until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App<'a> {
    pub env: Env<'a>,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub width: u16,
    pub height: u16,
    pub data: Data,
    /// Counts data snapshots, so the search index knows when it is stale.
    pub snapshot: u64,
    pub screen: Screen,
    pub history: Vec<Screen>,
    pub overlay: Option<Overlay>,
    pub queue: QueueState,
    pub opening: OpeningState,
    pub free: FreeState,
    pub engineers: EngineersState,
    pub search: SearchState,
    pub posting: PostingState,
    pub pipeline: PipelineState,
    /// Flags of `data.pipeline`, in the same order, as of `today`.
    pub flags: Vec<Flags>,
    pub checks: ChecksState,
    pub revise: ReviseState,
    pub ranks: RankCache,
    /// Bumped when the pool changes, so rankings of an older pool are dropped.
    pub pool_version: u64,
    /// The switch `z`: stale partner engineers left out of rankings and who's free.
    pub hide_stale: bool,
    /// Engineers the active pool leaves out today (stale offers, inactive): shown with
    /// the switch, whether hidden or not.
    pub left_out: usize,
    /// While `hide_stale`: the pool without them, and each one's index in the whole pool.
    pub fresh: Option<(Arc<Pool>, Arc<Vec<usize>>)>,
    /// Openings asked of the ranking worker and not yet answered.
    rank_pending: Vec<i64>,
    /// The opening whose full ranking is on screen (selected in the queue, or open).
    rank_focus: Option<i64>,
    pub status: Option<Status>,
    pub quit: bool,
    /// The rep asked for the reload in flight (vs. a change noticed by the timer).
    reload_requested: bool,
    /// `z` asked for engineers the start did not read: the reload says what `z` did.
    reload_for_stale: bool,
}

/// Screens kept for Esc; older ones are forgotten.
const HISTORY: usize = 32;

impl<'a> App<'a> {
    pub fn new(
        env: Env<'a>,
        data: Data,
        now: DateTime<Utc>,
        today: NaiveDate,
        size: (u16, u16),
    ) -> App<'a> {
        let mut app = App {
            env,
            now,
            today,
            width: size.0,
            height: size.1,
            screen: if data.is_empty() {
                Screen::Empty
            } else {
                Screen::Queue
            },
            data,
            snapshot: 1,
            history: Vec::new(),
            overlay: None,
            queue: QueueState::default(),
            opening: OpeningState::default(),
            free: FreeState::default(),
            engineers: EngineersState::default(),
            search: SearchState::default(),
            posting: PostingState::default(),
            pipeline: PipelineState::default(),
            flags: Vec::new(),
            checks: ChecksState::default(),
            revise: ReviseState::default(),
            ranks: RankCache::default(),
            pool_version: 1,
            hide_stale: true,
            fresh: None,
            left_out: 0,
            rank_pending: Vec::new(),
            rank_focus: None,
            status: None,
            quit: false,
            reload_requested: false,
            reload_for_stale: false,
        };
        app.rebuild_fresh();
        app.rebuild_lists();
        app
    }

    pub fn lang(&self) -> Lang {
        self.env.lang
    }

    pub fn theme(&self) -> Theme {
        self.env.theme
    }

    /// Where keys are read right now.
    pub fn scope(&self) -> Scope {
        match &self.overlay {
            Some(Overlay::Help { .. }) => return Scope::Help,
            Some(Overlay::StatusMenu { .. }) => return Scope::Menu,
            Some(Overlay::EngineerForm(f)) if f.editing.is_some() => return Scope::Line,
            Some(Overlay::EngineerForm(_)) => return Scope::Revise,
            Some(Overlay::SkillPrompt(_))
            | Some(Overlay::EndAssignment { .. })
            | Some(Overlay::AddAssignment { .. })
            | Some(Overlay::ProposalTerms { .. })
            | Some(Overlay::ProposePrompt(_))
            | Some(Overlay::StageNote { .. })
            | Some(Overlay::PathPrompt { .. }) => return Scope::Line,
            Some(Overlay::StageMenu { .. }) | Some(Overlay::RankMenu { .. }) => return Scope::Menu,
            Some(Overlay::Withdraw { .. })
            | Some(Overlay::ConfirmDismiss { .. })
            | Some(Overlay::ConfirmReplay { .. }) => return Scope::Confirm,
            Some(Overlay::Pitch { .. }) => return Scope::Pitch,
            Some(Overlay::Rerank { .. }) | Some(Overlay::History { .. }) => return Scope::Popup,
            None => {}
        }
        match self.screen {
            Screen::Empty => Scope::Empty,
            Screen::Queue => Scope::Queue,
            Screen::Opening => Scope::Opening,
            Screen::Free => Scope::Free,
            Screen::Engineers => Scope::Engineers,
            Screen::Search => Scope::Search,
            Screen::Pipeline => Scope::Pipeline,
            Screen::Checks => Scope::Checks,
            Screen::Revise if self.revise.pick.is_some() => Scope::Search,
            Screen::Revise if self.revise.editing.is_some() => Scope::Line,
            Screen::Revise => Scope::Requirements,
            Screen::Posting => match self.posting.stage {
                _ if self.posting.editing.is_some() => Scope::Line,
                super::state::posting::Stage::Review => Scope::PostingReview,
                super::state::posting::Stage::Edit if self.posting.text.is_empty() => {
                    Scope::PostingEmpty
                }
                super::state::posting::Stage::Edit => Scope::PostingEdit,
            },
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// The ranking of an opening if it has arrived (drawing never computes one).
    pub fn ranking(&self, id: i64) -> Option<&Ranking> {
        self.ranks.peek(id)
    }

    /// Rankings still awaited from the worker.
    pub fn ranking_pending(&self) -> bool {
        !self.rank_pending.is_empty()
    }

    /// The one state transition: apply an action, return what the loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut fx = Vec::new();
        if is_from_user(&action) {
            self.status = None;
        }
        match action {
            Action::Quit => {
                self.quit = true;
                fx.push(Effect::Quit);
            }
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
                self.refit();
            }
            Action::Tick { now, today } => {
                self.now = now;
                if today != self.today {
                    // A new day moves availability and starts: every ranking is stale.
                    self.today = today;
                    self.rebuild_fresh();
                    self.ranks.clear();
                    self.rank_pending.clear();
                    self.rebuild_lists();
                }
                fx.push(Effect::CheckChanges);
            }
            Action::Loaded(data) => {
                self.loaded(*data);
                self.search_again(&mut fx);
            }
            Action::Ranked(answer) => self.ranked(answer),
            Action::SearchResults(hits) => self.search_results(hits),
            Action::Assignments(id, list) => {
                if self.selected_engineer().map(|e| e.id) == Some(id) {
                    self.engineers.assignments = Some((id, list));
                }
            }
            Action::Done(outcome) => self.done(outcome),
            Action::Failed(msg) => self.error(msg),
            Action::Edited(text) => self.edited(&text),
            Action::Scroll { down, col, row } => self.scroll_at(down, col, row, &mut fx),
            Action::Click { col, row } => self.click_at(col, row, &mut fx),
            other => {
                if self.overlay.is_some() {
                    self.overlay_action(other, &mut fx);
                } else {
                    self.screen_action(other, &mut fx);
                }
            }
        }
        self.sync_into(&mut fx);
        self.clamp_scrolls();
        fx
    }

    /// Actions that fall through every screen.
    pub(super) fn global(&mut self, action: Action, fx: &mut Vec<Effect>) {
        match action {
            Action::Search => {
                // Each `/` starts a new query: the last one does not linger to be added to.
                if self.screen != Screen::Search {
                    self.search.input.clear();
                }
                self.goto(Screen::Search);
                if !self.search.input.text.is_empty() {
                    self.request_search(fx);
                }
            }
            Action::Help => {
                self.overlay = Some(Overlay::Help {
                    scope: self.scope(),
                    scroll: 0,
                });
            }
            Action::NewPosting => self.goto(Screen::Posting),
            Action::FreeNextMonth => {
                self.free.month = Some(1);
                self.rebuild_free();
                self.goto(Screen::Free);
            }
            Action::GoQueue if !self.data.is_empty() => self.goto(Screen::Queue),
            Action::GoFree if !self.data.is_empty() => self.goto(Screen::Free),
            Action::GoEngineers if !self.data.is_empty() => self.goto(Screen::Engineers),
            Action::GoPipeline if !self.data.is_empty() => self.goto(Screen::Pipeline),
            Action::GoChecks if !self.data.is_empty() => {
                self.goto(Screen::Checks);
                fx.push(Effect::LoadChecks);
            }
            Action::Refresh => {
                self.reload_requested = true;
                fx.push(Effect::Reload);
            }
            Action::Back => self.back(),
            Action::Undo => fx.push(Effect::AskUndo),
            Action::FetchMail => fx.push(Effect::FetchMail),
            Action::SyncTeam => fx.push(Effect::SyncTeam),
            Action::Redo => fx.push(Effect::AskRedo),
            Action::ToggleStale if !self.data.is_empty() => {
                // Showing engineers the store did not read: read them now.
                self.reload_for_stale = !self.toggle_stale();
                if self.reload_for_stale {
                    fx.push(Effect::Reload);
                }
            }
            Action::Quit => {
                self.quit = true;
                fx.push(Effect::Quit);
            }
            _ => {}
        }
    }

    pub(super) fn goto(&mut self, s: Screen) {
        if self.screen != s {
            self.history.push(self.screen);
            if self.history.len() > HISTORY {
                self.history.remove(0);
            }
            self.screen = s;
        }
    }

    pub(super) fn back(&mut self) {
        while let Some(prev) = self.history.pop() {
            if prev == Screen::Empty && !self.data.is_empty() {
                continue;
            }
            if prev == Screen::Opening && self.opening.id.is_none() {
                continue;
            }
            if prev == Screen::Revise {
                continue;
            }
            self.screen = prev;
            return;
        }
        self.screen = if self.data.is_empty() {
            Screen::Empty
        } else {
            Screen::Queue
        };
    }

    /// Start on one opening (`benchmatch` given an id); unknown ids are ignored.
    pub fn open(&mut self, id: i64) {
        self.open_opening(id);
    }

    /// Open an opening's screen, ranked, with the best candidate selected.
    pub(super) fn open_opening(&mut self, id: i64) {
        if self.data.opening(id).is_none() {
            return;
        }
        if self.opening.id != Some(id) {
            self.opening = OpeningState {
                id: Some(id),
                show_raw: self.opening.show_raw,
                ..OpeningState::default()
            };
        }
        self.goto(Screen::Opening);
    }

    /// Show one engineer in the engineers screen, detail in view.
    pub(super) fn show_engineer(&mut self, id: i64, fx: &mut Vec<Effect>) {
        let Some(i) = self.data.engineer_index(id) else {
            return;
        };
        let h = views::heights(self).engineers;
        self.engineers
            .list
            .select(i, self.data.engineers().len(), h);
        self.engineers.detail_scroll = 0;
        self.engineers.zoom = self.width < views::WIDE;
        self.goto(Screen::Engineers);
        self.load_assignments(fx);
    }

    pub(super) fn load_assignments(&mut self, fx: &mut Vec<Effect>) {
        if let Some(id) = self.selected_engineer().map(|e| e.id) {
            if self.engineers.assignments.as_ref().map(|a| a.0) != Some(id) {
                self.engineers.assignments = None;
                fx.push(Effect::LoadAssignments(id));
            }
        }
    }

    pub fn selected_engineer(&self) -> Option<&Engineer> {
        self.data.engineers().get(self.engineers.list.selected)
    }

    pub fn current_opening(&self) -> Option<&Opening> {
        self.opening.id.and_then(|id| self.data.opening(id))
    }

    /// How many rows the rotation group of the open opening has while it is shown.
    pub fn rotation_len(&self) -> usize {
        match (self.opening.show_rotation, self.current_opening()) {
            (true, Some(o)) => self.rotation(o).len(),
            _ => 0,
        }
    }

    /// The rotation group (要調整) of an opening, best first, each with the client of the
    /// running assignment: the same group `rank --rotation` prints.
    pub fn rotation(&self, o: &Opening) -> Vec<(crate::score::Rotation, Option<String>)> {
        let on_site = self.data.bookings.open_ended(self.today);
        if on_site.is_empty() {
            return Vec::new();
        }
        let since: Vec<(usize, NaiveDate)> = on_site
            .iter()
            .filter_map(|(id, from, _)| Some((self.data.engineer_index(*id)?, *from)))
            .collect();
        crate::score::rotation(
            o,
            &self.data.pool,
            &since,
            self.today,
            &self.env.cfg,
            self.env.places,
        )
        .into_iter()
        .map(|r| {
            let client = on_site
                .iter()
                .find(|(id, ..)| *id == r.id)
                .and_then(|(_, _, c)| c.clone());
            (r, client)
        })
        .collect()
    }

    /// The rate to quote: the engineer's asking rate if the band allows it, else the band's top.
    pub fn proposal_rate(o: &Opening, e: &Engineer) -> Option<Man> {
        crate::pipeline::pitch::quoted_rate(o, e)
    }

    pub(super) fn request_search(&mut self, fx: &mut Vec<Effect>) {
        if self.search.index.is_none() {
            self.search.index = Some(Arc::new(super::finder::Index::build(
                &self.data,
                self.env.tax,
                self.snapshot,
            )));
        }
        self.search.generation += 1;
        self.search.pending = true;
        fx.push(Effect::Search {
            generation: self.search.generation,
            query: super::finder::fold_query(&self.search.input.text, self.env.tax),
        });
    }

    fn search_results(&mut self, hits: super::finder::Hits) {
        if hits.generation != self.search.generation {
            return;
        }
        self.search.pending = false;
        self.search.results = hits;
        let h = views::heights(self).search;
        self.search.list = ListState::default();
        self.search.list.fit(self.search.results.hits.len(), h);
    }

    /// Search results point into the index of one snapshot; a new snapshot drops both.
    fn forget_search_index(&mut self) {
        self.search.index = None;
        self.search.results = super::finder::Hits::default();
        self.search.list = ListState::default();
    }

    /// On the search screen, ask again so results come from the new snapshot.
    fn search_again(&mut self, fx: &mut Vec<Effect>) {
        if self.screen == Screen::Search && !self.search.input.text.trim().is_empty() {
            self.request_search(fx);
        }
    }

    fn loaded(&mut self, data: Data) {
        let message = if std::mem::take(&mut self.reload_requested) {
            S::Reloaded
        } else {
            S::ChangedElsewhere
        };
        self.data = data;
        self.rebuild_fresh();
        self.snapshot += 1;
        self.forget_search_index();
        self.engineers.assignments = None;
        self.ranks.clear();
        self.pool_version += 1;
        self.rank_pending.clear();
        if self.data.is_empty() {
            self.screen = Screen::Empty;
            self.history.clear();
        } else if self.screen == Screen::Empty {
            self.screen = Screen::Queue;
        }
        if self
            .opening
            .id
            .is_some_and(|id| self.data.opening(id).is_none())
        {
            self.opening = OpeningState::default();
            if self.screen == Screen::Opening {
                self.back();
            }
        }
        self.rebuild_lists();
        if std::mem::take(&mut self.reload_for_stale) {
            let badge = self.left_out_badge();
            self.info(&badge);
        } else {
            self.info(message.t(self.lang()));
        }
    }

    fn done(&mut self, outcome: Outcome) {
        let lang = self.lang();
        match outcome {
            Outcome::Proposed(p) => {
                if let Some(o) = self.data.openings.iter_mut().find(|o| o.id == p.opening_id) {
                    o.answered_at = o.answered_at.or(Some(p.created_at));
                    if matches!(o.status, OpeningStatus::New | OpeningStatus::Answered) {
                        o.status = OpeningStatus::Proposed;
                    }
                }
                let name = self
                    .data
                    .engineer(p.engineer_id)
                    .map(|e| e.name.clone())
                    .unwrap_or_default();
                self.info(strings::proposed(lang, &name, p.opening_id));
                self.data.proposals.push(p);
                self.rebuild_queue();
            }
            Outcome::StatusSet { opening_id, status } => {
                if let Some(o) = self.data.openings.iter_mut().find(|o| o.id == opening_id) {
                    o.status = status;
                }
                self.info(strings::status_set(lang, opening_id, status));
                self.rebuild_queue();
            }
            Outcome::Saved { opening, client } => {
                let id = opening.id;
                if let Some(c) = client {
                    self.data.clients.insert(c.id, c);
                }
                self.data.openings.insert(0, *opening);
                self.snapshot += 1;
                self.forget_search_index();
                self.posting = PostingState::default();
                if self.screen == Screen::Posting {
                    // The posting screen is done with; Esc from the opening goes to the queue.
                    self.screen = Screen::Queue;
                }
                if self.history.last() == Some(&Screen::Empty) || self.screen == Screen::Empty {
                    self.history.clear();
                    self.screen = Screen::Queue;
                }
                self.rebuild_queue();
                self.open_opening(id);
                self.info(strings::saved(lang, id));
            }
            Outcome::AlreadyStored { opening_id, copy } => {
                self.posting = PostingState::default();
                if self.screen == Screen::Posting {
                    self.screen = Screen::Queue;
                }
                self.open_opening(opening_id);
                self.info(strings::already_stored(lang, opening_id, copy));
            }
            Outcome::Undone(text) | Outcome::Info(text) => self.info(text),
            Outcome::NothingToUndo => self.info(S::NothingToUndo.t(lang)),
            Outcome::NothingToRedo => self.info(S::NothingToRedo.t(lang)),
            Outcome::AskReplay { id, label, undo } => {
                self.overlay = Some(Overlay::ConfirmReplay { id, label, undo });
            }
            other => self.done_pipeline(other),
        }
    }

    fn edited(&mut self, text: &str) {
        use super::state::input::TextArea;
        use super::state::posting::Stage;
        self.posting.text = TextArea::from_text(text);
        if self.posting.stage == Stage::Review {
            self.posting.parse(self.now, self.env.tax, self.lang());
        }
    }

    /// Lists depend on data, filters and today; rebuild them all.
    pub(super) fn rebuild_lists(&mut self) {
        self.rebuild_queue();
        self.rebuild_pipeline();
        self.rebuild_free();
        let h = views::heights(self);
        let n = self.data.engineers().len();
        self.engineers.list.fit(n, h.engineers);
    }

    pub(super) fn rebuild_queue(&mut self) {
        let h = views::heights(self).queue;
        self.queue.rebuild(&self.data, &self.ranks, self.today, h);
    }

    pub(super) fn rebuild_free(&mut self) {
        let h = views::heights(self).free;
        let hide = self.hide_stale.then_some(&self.env.cfg);
        self.free
            .rebuild(&self.data, self.today, hide, self.env.tax, h);
    }

    /// The pool rankings are made on: without stale partner engineers while they are hidden.
    pub fn rank_pool(&self) -> &Arc<Pool> {
        self.fresh.as_ref().map_or(&self.data.pool, |f| &f.0)
    }

    /// Whether an engineer is a stale partner engineer as of today.
    pub fn is_stale(&self, e: &Engineer) -> bool {
        crate::score::is_stale(e, self.today, &self.env.cfg)
    }

    /// The switch and how many it concerns: `stale / inactive hidden: 12`.
    pub fn left_out_badge(&self) -> String {
        let label = if self.hide_stale {
            S::StaleHidden
        } else {
            S::StaleShown
        };
        match self.lang() {
            Lang::Ja => format!("{} {}名", label.t(Lang::Ja), self.left_out),
            Lang::En => format!("{} {}", label.t(Lang::En), self.left_out),
        }
    }

    /// Whether an engineer is in the active pool today (not stale, not inactive).
    pub fn in_active_pool(&self, e: &Engineer) -> bool {
        crate::score::in_active_pool(e, self.today, &self.env.cfg)
    }

    /// Which part of the pool a load reads: the active pool while stale ones are hidden.
    pub fn pool_scope(&self) -> crate::store::PoolScope {
        crate::store::PoolScope {
            as_of: self.today,
            stale_days: self.env.cfg.offer_stale_days,
            include_stale: !self.hide_stale,
        }
    }

    /// Hide or show stale partner engineers in rankings and who's free; false when the
    /// ones to show were never loaded (the active pool alone was read).
    pub(super) fn toggle_stale(&mut self) -> bool {
        self.hide_stale = !self.hide_stale;
        self.rebuild_fresh();
        self.forget_rankings();
        self.rebuild_free();
        let msg = self.left_out_badge();
        self.info(&msg);
        self.hide_stale || self.data.left_out.total() == 0
    }

    /// The active pool follows the data and the day; none while everyone is in it.
    fn rebuild_fresh(&mut self) {
        let (today, cfg) = (self.today, &self.env.cfg);
        self.left_out = self.data.left_out.total()
            + self
                .data
                .engineers()
                .iter()
                .filter(|e| !crate::score::in_active_pool(e, today, cfg))
                .count();
        let unread = self.data.left_out.total();
        self.fresh = (self.hide_stale && self.left_out > unread).then(|| {
            super::ranks::fresh_pool(&self.data.pool, self.today, &self.env.cfg, self.env.places)
        });
    }

    /// Rankings of an older version of an opening are stale: rank again.
    pub(super) fn forget_rankings(&mut self) {
        self.ranks.clear();
        self.rank_pending.clear();
        self.pool_version += 1;
    }

    /// Keep every selection visible after a resize.
    fn refit(&mut self) {
        let h = views::heights(self);
        self.queue.list.fit(self.queue.rows.len(), h.queue);
        self.pipeline.list.fit(self.pipeline.rows.len(), h.pipeline);
        self.checks.list.fit(self.checks.len(), h.checks);
        self.free.list.fit(self.free.rows.len(), h.free);
        let n = self.data.engineers().len();
        self.engineers.list.fit(n, h.engineers);
        let hits = self.search.results.hits.len();
        self.search.list.fit(hits, h.search);
        if let Some(r) = self.opening.id.and_then(|id| self.ranks.peek(id)) {
            let (c, e) = (r.candidates.len(), r.excluded.len());
            self.opening.list.fit(c, h.opening);
            self.opening.excluded.fit(e, h.opening);
        }
        self.posting.text.fit(h.text);
    }

    /// Ask for what is in view but not ranked: the focused opening first, then queue rows.
    pub fn sync(&mut self) -> Vec<Effect> {
        let mut fx = Vec::new();
        self.sync_into(&mut fx);
        fx
    }

    fn sync_into(&mut self, fx: &mut Vec<Effect>) {
        let focus = match self.screen {
            Screen::Queue => self.queue.selected_id(&self.data),
            Screen::Opening => self.opening.id,
            _ => None,
        };
        self.rank_focus = focus;
        let mut want = Vec::new();
        if let Some(id) = focus {
            if self.ranks.peek(id).is_some() {
                self.ranks.touch(id);
            } else {
                want.push(id);
            }
        }
        if self.screen == Screen::Queue {
            let h = views::heights(self).queue;
            let in_view = self.queue.list.visible(self.queue.rows.len(), h);
            // Sorted by the figures: every row after those in view, in the background.
            let rest = if self.queue.sort.needs_figures() {
                self.queue.rows[..in_view.start]
                    .iter()
                    .chain(&self.queue.rows[in_view.end..])
                    .copied()
                    .collect()
            } else {
                Vec::new()
            };
            for &i in self.queue.rows[in_view].iter().chain(&rest) {
                if let Some(o) = self.data.openings.get(i) {
                    if Some(o.id) != focus && self.ranks.stats(o.id).is_none() {
                        want.push(o.id);
                    }
                }
            }
        }
        if want.is_empty() {
            self.rank_pending.clear();
        } else if want != self.rank_pending {
            self.rank_pending = want.clone();
            fx.push(Effect::Rank { ids: want });
        }
        if self.screen == Screen::Engineers {
            self.load_assignments(fx);
        }
    }

    fn ranked(&mut self, a: Answer) {
        if a.pool_version != self.pool_version || a.today != self.today {
            return;
        }
        let keep = Some(a.opening_id) == self.rank_focus;
        self.ranks.record(a.opening_id, a.ranking, keep);
        self.rank_pending.retain(|id| *id != a.opening_id);
        // Sorted by the figures: re-sort once the asked openings are all in, not on
        // every answer, so rows do not jump under the cursor while they arrive.
        if self.queue.sort.needs_figures() && self.rank_pending.is_empty() {
            self.rebuild_queue();
        }
        if keep {
            self.refit();
        }
    }
}

/// Keys, clicks and pastes clear the last message; results and ticks do not.
fn is_from_user(a: &Action) -> bool {
    !matches!(
        a,
        Action::Tick { .. }
            | Action::Loaded(_)
            | Action::Ranked(_)
            | Action::SearchResults(_)
            | Action::Assignments(..)
            | Action::Done(_)
            | Action::Failed(_)
            | Action::Edited(_)
            | Action::Resize { .. }
    )
}
