//! The dashboard: a synchronous loop around a pure state machine.
//!
//! Map:
//! - [`action`]: actions in, effects out (the vocabulary of the loop);
//! - [`app`] + `update`: state and `update(action) -> effects`, no I/O;
//! - [`keymap`]: (scope, key) → action as data; help and hints come from it;
//! - [`views`]: drawing as a function of `&App`, one module per screen;
//! - [`state`], [`data`], `ranks`, [`finder`]: lists, the loaded snapshot, ranking
//!   cache, incremental search with its worker thread;
//! - [`strings`], [`theme`]: the label catalogue, colours or `NO_COLOR`.
//!
//! This module owns what the state machine must not: the terminal, the store,
//! the clock, signals, the search thread and `$EDITOR`. [`Session`] performs
//! effects against a store, so tests and benchmarks drive the real thing
//! headless, with a fixed clock.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod confirm;
pub mod data;
mod effects;
pub mod engineer_form;
pub mod finder;
pub mod keymap;
pub mod proposals;
mod ranks;
mod revise;
pub mod state;
pub mod strings;
pub mod theme;
mod update;
pub mod views;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use chrono::{DateTime, Local, NaiveDate, Utc};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::Terminal;

use crate::context::Ctx;
use crate::geo::Places;
use crate::ops::undo::{self as journal, Actor};
use crate::score::Pool;
use crate::skills::Taxonomy;
use crate::store::Store;

pub use action::{Action, Effect, Outcome};
pub use app::{App, Env, Screen};
pub use data::Data;
pub use keymap::KeyMap;

/// Set in the environment, the dashboard exits right after its first complete
/// frame: for measuring start-up time and memory from outside (see benches/tui.rs).
pub const EXIT_AFTER_FIRST_FRAME: &str = "BENCHMATCH_TUI_EXIT_AFTER_FIRST_FRAME";

/// Set to `YYYY-MM-DD`, the dashboard treats that day as today (its clock stands at
/// 18:00 UTC that day), as `demo --today` does: for screenshots and end-to-end tests.
pub const TODAY: &str = "BENCHMATCH_TODAY";

/// The wall clock, or the day pinned by [`TODAY`].
#[derive(Debug, Clone, Copy)]
struct Clock {
    pinned: Option<(DateTime<Utc>, NaiveDate)>,
}

impl Clock {
    fn from_env() -> Result<Clock> {
        let pinned = match std::env::var(TODAY) {
            Ok(v) if !v.trim().is_empty() => {
                let day =
                    crate::domain::parse_date(&v).map_err(|e| anyhow::anyhow!("{TODAY}: {e}"))?;
                let now = day.and_hms_opt(18, 0, 0).unwrap_or_default().and_utc();
                Some((now, day))
            }
            _ => None,
        };
        Ok(Clock { pinned })
    }

    fn now(self) -> DateTime<Utc> {
        self.pinned.map_or_else(Utc::now, |p| p.0)
    }

    fn today(self) -> NaiveDate {
        self.pinned
            .map_or_else(|| Local::now().date_naive(), |p| p.1)
    }
}

/// Where ranking and search run: in line (tests, benchmarks: every dispatch ends
/// with complete results) or on their two worker threads (the dashboard: keys never wait).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Inline,
    Threads,
}

/// Ranking in line, and the worker thread when the dashboard runs one.
struct Ranker {
    settings: ranks::Settings,
    worker: Option<ranks::Worker>,
    /// Rank in line even with a worker: the first frame is drawn complete.
    inline_now: bool,
}

enum Finder {
    Inline(Box<finder::Searcher>),
    Worker(finder::Worker),
}

/// The app plus everything needed to perform its effects, minus the terminal.
pub struct Session<'a> {
    pub app: App<'a>,
    pub keys: KeyMap,
    store: Store,
    ranker: Ranker,
    finder: Finder,
    /// `PRAGMA data_version` at the last load: another process wrote when it moves.
    version: i64,
    /// The file, for loading the pool on a second connection in parallel.
    db: Option<PathBuf>,
    tax: &'a Taxonomy,
    /// A fixed "now" for tests; the wall clock otherwise.
    pub fixed_now: Option<DateTime<Utc>>,
    /// Who acts: the journal's undo and redo are of this user's dashboard actions.
    pub actor: Actor,
    /// Makes the fetch `g` starts, or says why there is none (no `[mail]`, no password).
    pub fetcher: Option<Fetcher<'a>>,
    /// The fetch running on its worker, if one is.
    fetching: Option<std::sync::mpsc::Receiver<crate::fetch::background::Event>>,
    /// Team sync (`[sync]`): what `Y` and the timer start, the one running, when the
    /// timer last started one.
    pub syncer: Option<crate::ops::sync::SyncJob>,
    syncing: Option<std::sync::mpsc::Receiver<SyncResult>>,
    last_sync: Option<Instant>,
    /// The last background sync found the hub unreachable (said once, quietly).
    sync_offline: bool,
    /// The running sync was asked for with `Y`: its end is always said.
    sync_asked: bool,
}

type SyncResult = Result<crate::ops::sync::SyncReport, crate::ops::sync::SyncError>;

/// See [`Session::fetcher`].
pub type Fetcher<'a> = Box<dyn FnMut() -> Result<crate::fetch::background::Job> + 'a>;

impl<'a> Session<'a> {
    /// Wrap an app; asks for the first rankings right away.
    pub fn new(app: App<'a>, store: Store, mode: Mode, tax: &'a Taxonomy) -> Result<Session<'a>> {
        let version = store.data_version()?;
        let db = Some(PathBuf::from(store.path())).filter(|p| p.as_os_str() != ":memory:");
        let settings = ranks::Settings {
            cfg: app.env.cfg.clone(),
            places: app.env.places,
            top: app.env.dash.top.max(1),
            consider_rows: app.env.dash.consider_rows,
        };
        let (worker, finder) = match mode {
            Mode::Inline => (None, Finder::Inline(Box::default())),
            Mode::Threads => (
                Some(
                    ranks::Worker::spawn(settings.clone())
                        .context("starting the ranking thread")?,
                ),
                Finder::Worker(finder::Worker::spawn().context("starting the search thread")?),
            ),
        };
        let ranker = Ranker {
            settings,
            worker,
            inline_now: true,
        };
        let mut s = Session {
            app,
            keys: KeyMap::new(),
            store,
            ranker,
            finder,
            version,
            db,
            tax,
            fixed_now: None,
            actor: Actor::current("dashboard"),
            fetcher: None,
            fetching: None,
            syncer: None,
            syncing: None,
            last_sync: None,
            sync_offline: false,
            sync_asked: false,
        };
        // The focused opening of the first frame is ranked before it is drawn (every row in
        // view without a worker); the other rows on the worker.
        let fx = s.app.sync();
        s.run(Vec::new(), fx);
        s.ranker.inline_now = false;
        Ok(s)
    }

    fn now(&self) -> DateTime<Utc> {
        self.fixed_now.unwrap_or_else(Utc::now)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Start on one opening, ranked before the first frame.
    pub fn open(&mut self, id: i64) {
        self.app.open(id);
        let fx = self.app.sync();
        self.ranker.inline_now = true;
        self.run(Vec::new(), fx);
        self.ranker.inline_now = false;
    }

    /// A key as the terminal reports it.
    pub fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if let Some(a) = self.keys.resolve(self.app.scope(), &key) {
            return self.dispatch(a);
        }
        // Esc and a key typed quickly arrive as Alt+key: read them as the two keys.
        if key.modifiers.contains(KeyModifiers::ALT) && key.kind != KeyEventKind::Release {
            let mut out = self.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            if !self.app.quit {
                out.extend(self.key(KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT)));
            }
            return out;
        }
        Vec::new()
    }

    /// Any terminal event: keys, paste, mouse, resize.
    pub fn event(&mut self, ev: &Event) -> Vec<Effect> {
        if let Event::Key(k) = ev {
            return self.key(*k);
        }
        match self.keys.action_for(self.app.scope(), ev) {
            Some(a) => self.dispatch(a),
            None => Vec::new(),
        }
    }

    /// Run an action to rest: update, perform effects, feed their results back.
    /// Returns the effects only the terminal loop can perform (`$EDITOR`, quit).
    pub fn dispatch(&mut self, action: Action) -> Vec<Effect> {
        self.run(vec![action], Vec::new())
    }

    /// Perform one effect as if an action had asked for it, and run its results to rest.
    pub fn effect(&mut self, fx: Effect) -> Vec<Effect> {
        self.run(Vec::new(), vec![fx])
    }

    fn run(&mut self, actions: Vec<Action>, effects: Vec<Effect>) -> Vec<Effect> {
        let mut outward = Vec::new();
        let mut queue: std::collections::VecDeque<Action> = actions.into();
        let mut pending: std::collections::VecDeque<Effect> = effects.into();
        loop {
            while let Some(fx) = pending.pop_front() {
                let mut results = Vec::new();
                if let Some(out) = self.perform(fx, &mut results) {
                    outward.push(out);
                }
                queue.extend(results);
            }
            let Some(a) = queue.pop_front() else {
                return outward;
            };
            pending.extend(self.app.update(a));
        }
    }

    /// Load a fresh snapshot; the pool comes through a second connection in parallel.
    pub fn load(&self) -> Result<Data> {
        load_data(
            &self.store,
            self.db.as_deref(),
            self.tax,
            self.app.env.places,
            Some(&self.app.pool_scope()),
        )
    }

    /// Perform one effect; results go to `out`, effects for the terminal come back.
    fn perform(&mut self, fx: Effect, out: &mut Vec<Action>) -> Option<Effect> {
        if matches!(fx, Effect::Edit(_) | Effect::Quit | Effect::Copy(_)) {
            return Some(fx);
        }
        let now = self.now();
        let result: Result<()> = (|| {
            match fx {
                Effect::Propose {
                    opening_id,
                    engineer_id,
                    rate,
                    note,
                } => {
                    let id = journal::propose(
                        &mut self.store,
                        &self.actor,
                        opening_id,
                        engineer_id,
                        rate,
                        &note,
                        now,
                        self.app.lang(),
                    )?;
                    let p = self
                        .store
                        .proposals()?
                        .into_iter()
                        .find(|p| p.id == id)
                        .context("the proposal just recorded is missing")?;
                    out.push(Action::Done(Outcome::Proposed(p)));
                    out.push(Action::Done(self.board()?));
                }
                Effect::SetStatus { opening_id, status } => {
                    journal::set_status(
                        &mut self.store,
                        &self.actor,
                        opening_id,
                        status,
                        now,
                        self.app.lang(),
                    )?;
                    out.push(Action::Done(Outcome::StatusSet { opening_id, status }));
                }
                Effect::SaveOpening {
                    opening,
                    client,
                    raw,
                } => {
                    use crate::ops::import_postings::{save_pasted, Filed};
                    let label = strings::new_posting(self.app.lang(), &opening.title);
                    let filed =
                        journal::irreversible(&mut self.store, &self.actor, &label, now, |s| {
                            save_pasted(s, &opening, client.as_deref(), &raw, now)
                        })?;
                    let id = match filed {
                        Filed::New(id) => id,
                        Filed::Known(opening_id) | Filed::Copy(opening_id) => {
                            let copy = matches!(filed, Filed::Copy(_));
                            if copy {
                                self.version = self.store.data_version()?;
                                out.push(Action::Loaded(Box::new(self.load()?)));
                            }
                            out.push(Action::Done(Outcome::AlreadyStored { opening_id, copy }));
                            return Ok(());
                        }
                    };
                    let stored = self.store.opening(id)?;
                    let client = match stored.client_id {
                        Some(c) => self.store.clients()?.remove(&c),
                        None => None,
                    };
                    out.push(Action::Done(Outcome::Saved {
                        opening: Box::new(stored),
                        client,
                    }));
                }
                Effect::AskUndo => {
                    let lang = self.app.lang();
                    match journal::next_undo(&self.store, &self.actor)? {
                        journal::Next::Nothing => out.push(Action::Done(Outcome::NothingToUndo)),
                        journal::Next::Irreversible(e) => out.push(Action::Done(Outcome::Info(
                            journal::irreversible_message(&e, lang),
                        ))),
                        journal::Next::Ready(e) => out.push(Action::Done(Outcome::AskReplay {
                            id: e.id,
                            label: e.label,
                            undo: true,
                        })),
                    }
                }
                Effect::AskRedo => match journal::next_redo(&self.store, &self.actor)? {
                    None => out.push(Action::Done(Outcome::NothingToRedo)),
                    Some(e) => out.push(Action::Done(Outcome::AskReplay {
                        id: e.id,
                        label: e.label,
                        undo: false,
                    })),
                },
                Effect::Replay { id, undo } => {
                    let lang = self.app.lang();
                    let e = if undo {
                        journal::undo(&mut self.store, &self.actor, id, lang)?
                    } else {
                        journal::redo(&mut self.store, &self.actor, id, lang)?
                    };
                    self.version = self.store.data_version()?;
                    out.push(Action::Loaded(Box::new(self.load()?)));
                    out.push(Action::Done(self.board()?));
                    out.push(Action::Done(Outcome::Undone(strings::replayed(
                        lang, &e.label, undo,
                    ))));
                }
                Effect::Reload => {
                    self.version = self.store.data_version()?;
                    out.push(Action::Loaded(Box::new(self.load()?)));
                }
                Effect::FetchMail => {
                    let lang = self.app.env.lang;
                    let text = if self.fetching.is_some() {
                        strings::fetch_running(lang)
                    } else {
                        match self.fetcher.as_mut().map(|f| f()) {
                            None => strings::fetch_unavailable(lang, "[mail]"),
                            Some(Err(e)) => strings::fetch_unavailable(lang, &format!("{e:#}")),
                            Some(Ok(job)) => {
                                self.fetching = Some(
                                    crate::fetch::background::spawn(job)
                                        .context("starting the fetch thread")?,
                                );
                                strings::fetch_started(lang)
                            }
                        }
                    };
                    out.push(Action::Done(Outcome::Info(crate::text::cell(&text))));
                }
                Effect::SyncTeam => {
                    let lang = self.app.env.lang;
                    let text = match &self.syncer {
                        _ if self.syncing.is_some() => {
                            self.sync_asked = true;
                            strings::sync_started(lang)
                        }
                        None => strings::sync_not_configured(lang),
                        Some(job) => {
                            self.syncing = Some(
                                crate::ops::sync::spawn(job.clone())
                                    .context("starting the sync thread")?,
                            );
                            self.sync_asked = true;
                            strings::sync_started(lang)
                        }
                    };
                    out.push(Action::Done(Outcome::Info(crate::text::cell(&text))));
                }
                Effect::CheckChanges => {
                    let v = self.store.data_version()?;
                    if v != self.version {
                        self.version = v;
                        out.push(Action::Loaded(Box::new(self.load()?)));
                    }
                }
                Effect::LoadAssignments(id) => {
                    out.push(Action::Assignments(id, self.store.assignments_of(id)?));
                }
                Effect::Rank { ids } => {
                    let app = &self.app;
                    let job = ranks::Job {
                        pool_version: app.pool_version,
                        today: app.today,
                        pool: Arc::clone(app.rank_pool()),
                        full_index: app.fresh.as_ref().map(|f| Arc::clone(&f.1)),
                        openings: ids
                            .iter()
                            .filter_map(|id| app.data.opening(*id).cloned())
                            .collect(),
                    };
                    match &self.ranker.worker {
                        Some(w) if !self.ranker.inline_now => w.request(job),
                        // Before the first frame: the focused opening (first) is ranked
                        // now, the other rows in view on the worker, shown `…` until then.
                        Some(w) if job.openings.len() > 1 => {
                            let mut now = job.clone();
                            now.openings.truncate(1);
                            let mut later = job;
                            later.openings.remove(0);
                            w.request(later);
                            let answers = self.ranker.settings.answer(&now);
                            out.extend(answers.into_iter().map(Action::Ranked));
                        }
                        _ => {
                            let answers = self.ranker.settings.answer(&job);
                            out.extend(answers.into_iter().map(Action::Ranked));
                        }
                    }
                }
                Effect::Search { generation, query } => {
                    let Some(index) = self.app.search.index.clone() else {
                        return Ok(());
                    };
                    match &mut self.finder {
                        Finder::Inline(s) => {
                            let (hits, total) =
                                s.search(&index, &query, &|| false).unwrap_or_default();
                            out.push(Action::SearchResults(finder::Hits {
                                generation,
                                query,
                                hits,
                                total,
                            }));
                        }
                        Finder::Worker(w) => w.request(generation, query, index),
                    }
                }
                Effect::Edit(_) | Effect::Quit | Effect::Copy(_) => {}
                other => self.perform_pipeline(other, out, now)?,
            }
            Ok(())
        })();
        if let Err(e) = result {
            out.push(Action::Failed(crate::messages::failure(
                self.app.lang(),
                &e,
            )));
        }
        None
    }

    /// Rankings and search results the workers finished since the last look.
    pub fn poll_workers(&mut self) -> bool {
        let mut arrived: Vec<Action> = Vec::new();
        if let Some(w) = &self.ranker.worker {
            arrived.extend(w.poll().into_iter().map(Action::Ranked));
        }
        if let Finder::Worker(w) = &self.finder {
            arrived.extend(w.poll().map(Action::SearchResults));
        }
        if let Some(text) = self.poll_sync() {
            self.run(Vec::new(), vec![Effect::CheckChanges]);
            if !text.is_empty() {
                arrived.push(Action::Done(Outcome::Info(crate::text::cell(&text))));
            }
        }
        if let Some(text) = self.poll_fetch() {
            // Mails are stored batch by batch: show the new openings as they land, then
            // say where the fetch is (after the reload's own line).
            self.run(Vec::new(), vec![Effect::CheckChanges]);
            arrived.push(Action::Done(Outcome::Info(crate::text::cell(&text))));
        }
        if arrived.is_empty() {
            return false;
        }
        self.run(arrived, Vec::new());
        true
    }

    /// Start a background sync when one is due (every `[sync] every_minutes` while the
    /// dashboard is open); the first is due at once.
    pub fn sync_when_due(&mut self, every: Duration) {
        let due = self.last_sync.is_none_or(|t| t.elapsed() >= every);
        let Some(job) = self
            .syncer
            .clone()
            .filter(|_| due && self.syncing.is_none())
        else {
            return;
        };
        self.last_sync = Some(Instant::now());
        if let Ok(rx) = crate::ops::sync::spawn(job) {
            self.syncing = Some(rx);
        }
    }

    /// The status line for a finished sync: offline is said once and quietly, a timer's
    /// sync that moved nothing says nothing; `Y` always hears how it ended.
    fn poll_sync(&mut self) -> Option<String> {
        let lang = self.app.env.lang;
        let result = self.syncing.as_ref()?.try_recv();
        let result = match result {
            Err(std::sync::mpsc::TryRecvError::Empty) => return None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Err(
                crate::ops::sync::SyncError::Protocol("the sync thread stopped".into()),
            ),
            Ok(r) => r,
        };
        self.syncing = None;
        let asked = std::mem::take(&mut self.sync_asked);
        Some(match result {
            Ok(r) => {
                self.sync_offline = false;
                if r.sent + r.received + r.conflicts > 0 {
                    strings::sync_done(lang, r.sent, r.received, r.conflicts)
                } else if asked {
                    strings::sync_up_to_date(lang)
                } else {
                    String::new()
                }
            }
            Err(crate::ops::sync::SyncError::Offline(_)) => {
                let said = std::mem::replace(&mut self.sync_offline, true);
                if said && !asked {
                    String::new()
                } else {
                    strings::sync_offline(lang)
                }
            }
            Err(e) => strings::sync_failed(lang, &e.to_string()),
        })
    }

    /// Whether a team sync is running on its worker.
    pub fn sync_running(&self) -> bool {
        self.syncing.is_some()
    }

    /// Whether a fetch is running on its worker.
    pub fn fetch_running(&self) -> bool {
        self.fetching.is_some()
    }

    /// The status line for the fetch's latest news, if any arrived.
    fn poll_fetch(&mut self) -> Option<String> {
        use crate::fetch::background::{Event as E, Outcome as O};
        use std::sync::mpsc::TryRecvError;
        let lang = self.app.env.lang;
        let rx = self.fetching.as_ref()?;
        let mut latest = None;
        loop {
            match rx.try_recv() {
                Ok(E::Progress { done, total }) => {
                    latest = Some(strings::fetch_progress(lang, done, total));
                }
                Ok(E::Done(outcome)) => {
                    self.fetching = None;
                    return Some(match outcome {
                        O::Fetched(r) => {
                            strings::fetch_done(lang, r.mails, r.openings_new, r.too_large.len())
                        }
                        O::Offline => strings::fetch_offline(lang),
                        O::Failed { stored, reason } => {
                            strings::fetch_failed(lang, stored, &reason)
                        }
                    });
                }
                Err(TryRecvError::Empty) => return latest,
                Err(TryRecvError::Disconnected) => {
                    self.fetching = None;
                    return Some(strings::fetch_failed(lang, 0, "the fetch thread stopped"));
                }
            }
        }
    }

    pub fn draw<B: Backend>(&self, terminal: &mut Terminal<B>) -> Result<()>
    where
        B::Error: Send + Sync + 'static,
    {
        terminal.draw(|f| views::draw(&self.app, f))?;
        Ok(())
    }
}

/// Everything but the pool through `store`; the pool through its own connection
/// on another thread when there is a file, since it is the slow half. With a `scope`
/// that leaves stale ones out, only the active pool is read, and what it left out counted.
pub fn load_data(
    store: &Store,
    db: Option<&Path>,
    tax: &Taxonomy,
    places: &Places,
    scope: Option<&crate::store::PoolScope>,
) -> Result<Data> {
    let scope = scope.filter(|s| !s.include_stale);
    let Some(path) = db else {
        return Ok(Data::load(store, places)?);
    };
    std::thread::scope(|s| {
        let engineers = s.spawn(|| -> Result<_> {
            let second = Store::open(path, tax)?;
            Ok(match scope {
                Some(sc) => second.load_pool(sc, None)?,
                None => second.load_engineers()?,
            })
        });
        let mut data = Data::load_without_pool(store)?;
        if let Some(sc) = scope {
            data.left_out = store.pool_counts(sc)?.left_out;
        }
        let mut engineers = match engineers.join() {
            Ok(r) => r?,
            Err(_) => anyhow::bail!("loading the engineers failed"),
        };
        // Bookings move free-from dates before the pool is prepared, so every ranking counts them.
        data.bookings.apply(&mut engineers);
        data.pool = Arc::new(Pool::new(engineers, places));
        Ok(data)
    })
}

/// Whether the terminal is in dashboard mode, so the panic hook restores only then.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Set by the panic hook: a worker thread that panicked has restored the terminal,
/// so the loop must stop drawing and leave.
static PANICKED: AtomicBool = AtomicBool::new(false);

fn enter_terminal() -> std::io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Put the terminal back as the shell left it; safe to call more than once.
fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = std::io::stdout();
        let _ = execute!(
            out,
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = disable_raw_mode();
        let _ = out.flush();
    }
}

/// Restores the terminal when dropped: on return, on `?`, and while unwinding.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Restore the terminal before the panic message, so the message is readable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        restore_terminal();
        previous(info);
    }));
}

/// SIGTERM, SIGHUP and SIGINT set a flag the loop checks, so it leaves through the guard.
fn stop_flag() -> Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("installing signal handlers")?;
    }
    Ok(stop)
}

/// What the dashboard's `Y` and its timer run, when `[sync] url` is set.
fn sync_job(ctx: &Ctx) -> Option<crate::ops::sync::SyncJob> {
    if ctx.config.sync.url.trim().is_empty() {
        return None;
    }
    let skills_file = ctx.paths.skills_file();
    let skills = crate::input::read_optional_text(&skills_file)
        .ok()
        .flatten()
        .map(|text| (skills_file.display().to_string(), text));
    Some(crate::ops::sync::SyncJob {
        db: ctx.paths.db.clone(),
        skills,
        own_names: ctx.config.company.names.clone(),
        config: ctx.config.sync.clone(),
    })
}

/// Open the dashboard on the database; `open` starts on one opening.
/// The dashboard; `fetcher` makes the fetch `g` starts (see [`Session::fetcher`]).
pub fn run<'c>(ctx: &'c Ctx, open: Option<i64>, fetcher: Option<Fetcher<'c>>) -> Result<()> {
    let started = Instant::now();
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("the dashboard needs a terminal; `benchmatch --help` lists the commands");
    }
    let clock = Clock::from_env()?;
    let store = ctx.open_store()?;
    // The dashboard starts on the active pool: stale offers and inactive engineers are
    // neither read nor prepared until `z` asks for them.
    let scope = crate::store::PoolScope {
        as_of: clock.today(),
        stale_days: ctx.scoring().offer_stale_days,
        include_stale: false,
    };
    let data = load_data(
        &store,
        Some(&ctx.paths.db),
        &ctx.tax,
        ctx.places,
        Some(&scope),
    )?;
    let loaded = started.elapsed();
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let env = Env {
        lang: ctx.lang,
        tax: &ctx.tax,
        places: ctx.places,
        cfg: ctx.scoring(),
        dash: ctx.config.dashboard.clone(),
        theme: theme::Theme::from_env(),
        db_path: ctx.paths.db.display().to_string(),
        pipeline: ctx.config.pipeline.clone(),
        checks: ctx.config.checks.clone(),
        templates: Some(ctx.paths.config_dir.join("templates")),
    };
    let app = App::new(env, data, clock.now(), clock.today(), size);
    let mut session = Session::new(app, store, Mode::Threads, &ctx.tax)?;
    session.fixed_now = clock.pinned.map(|p| p.0);
    session.fetcher = fetcher;
    session.syncer = sync_job(ctx);
    if let Some(id) = open {
        session.open(id);
    }
    let ranked = started.elapsed();
    let stop = stop_flag()?;
    let exit_after_first = std::env::var_os(EXIT_AFTER_FIRST_FRAME).is_some();

    install_panic_hook();
    enter_terminal().context("switching the terminal to the dashboard")?;
    let _guard = TerminalGuard;
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    terminal.clear()?;
    let result = event_loop(
        &mut session,
        &mut terminal,
        &stop,
        ctx,
        clock,
        exit_after_first,
    );
    drop(_guard);
    if exit_after_first {
        // After the terminal is back, so the figures land on the shell's screen.
        eprintln!(
            "first frame after {:.1} ms (load {:.1} ms, ranking {:.1} ms, terminal and draw {:.1} ms)",
            ms(started.elapsed()),
            ms(loaded),
            ms(ranked - loaded),
            ms(started.elapsed() - ranked)
        );
    }
    result
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn event_loop(
    session: &mut Session<'_>,
    terminal: &mut Terminal<CrosstermBackend<std::io::Stdout>>,
    stop: &AtomicBool,
    ctx: &Ctx,
    clock: Clock,
    exit_after_first: bool,
) -> Result<()> {
    let refresh = Duration::from_secs(ctx.config.dashboard.refresh_seconds.max(1));
    let mut last_tick = Instant::now();
    session.draw(terminal)?;
    if exit_after_first {
        return Ok(());
    }
    let input = Input::spawn()?;
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if PANICKED.load(Ordering::SeqCst) {
            anyhow::bail!("a dashboard thread failed (see the message above)");
        }
        // The terminal hung up (window closed, SSH dropped): nobody is watching.
        if !std::io::stdout().is_terminal() {
            return Ok(());
        }
        // Poll briefly while work is out, so results show as soon as they exist.
        let wait = if session.app.search.pending || session.app.ranking_pending() {
            Duration::from_millis(10)
        } else {
            Duration::from_millis(200)
        };
        let mut dirty = false;
        let mut outward = Vec::new();
        let mut gone = false;
        let mut next = match input.events.recv_timeout(wait) {
            Ok(ev) => Some(ev),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                gone = true;
                None
            }
        };
        // Take everything queued (key repeat, a paste) before drawing once.
        while let Some(ev) = next.take() {
            outward.extend(session.event(&ev?));
            dirty = true;
            if !outward.is_empty() {
                break;
            }
            match input.events.try_recv() {
                Ok(ev) => next = Some(ev),
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => gone = true,
            }
        }
        if gone {
            anyhow::bail!("the terminal input stopped");
        }
        session.sync_when_due(Duration::from_secs(
            60 * ctx.config.sync.every_minutes.max(1),
        ));
        dirty |= session.poll_workers();
        if last_tick.elapsed() >= refresh {
            last_tick = Instant::now();
            outward.extend(session.dispatch(Action::Tick {
                now: clock.now(),
                today: clock.today(),
            }));
            dirty = true;
        }
        for fx in outward {
            match fx {
                Effect::Quit => return Ok(()),
                Effect::Copy(text) => {
                    // The terminal puts it on the clipboard; over ssh and in tmux too.
                    let seq = clipboard::osc52(&text, std::env::var_os("TMUX").is_some());
                    let mut out = std::io::stdout();
                    out.write_all(seq.as_bytes())?;
                    out.flush()?;
                }
                Effect::Edit(text) => {
                    // The editor owns the keyboard until it exits.
                    input.pause();
                    let edited = edit_in_editor(&text, terminal);
                    input.resume();
                    let lang = session.app.lang();
                    let a = match edited {
                        Ok(t) => Action::Edited(t),
                        Err(e) => Action::Failed(strings::editor_failed(lang, &format!("{e:#}"))),
                    };
                    session.dispatch(a);
                }
                _ => {}
            }
        }
        if session.app.quit {
            return Ok(());
        }
        if dirty {
            session.draw(terminal)?;
        }
    }
}

/// Terminal events read on their own thread.
///
/// crossterm's reader can spin forever once the terminal hangs up (EOF is read
/// as "no event yet"), so reading happens here and the loop, fed by a channel,
/// stays free to notice signals and the hang-up and to leave.
struct Input {
    events: Receiver<std::io::Result<Event>>,
    paused: Arc<AtomicBool>,
    idle: Arc<AtomicBool>,
}

impl Input {
    fn spawn() -> Result<Input> {
        let (tx, events) = mpsc::channel();
        let paused = Arc::new(AtomicBool::new(false));
        let idle = Arc::new(AtomicBool::new(false));
        let (p, i) = (Arc::clone(&paused), Arc::clone(&idle));
        std::thread::Builder::new()
            .name("benchmatch-input".into())
            .spawn(move || loop {
                if p.load(Ordering::SeqCst) {
                    i.store(true, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
                let ev = match event::poll(Duration::from_millis(50)) {
                    Ok(false) => continue,
                    Ok(true) => event::read(),
                    Err(e) => Err(e),
                };
                let failed = ev.is_err();
                if tx.send(ev).is_err() || failed {
                    return;
                }
            })
            .context("starting the input thread")?;
        Ok(Input {
            events,
            paused,
            idle,
        })
    }

    /// Stop reading (and wait until the thread is between reads) before another program reads.
    fn pause(&self) {
        self.idle.store(false, Ordering::SeqCst);
        self.paused.store(true, Ordering::SeqCst);
        let since = Instant::now();
        while !self.idle.load(Ordering::SeqCst) && since.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }
}

/// Leave the dashboard, run `$VISUAL`/`$EDITOR` (else `vi`) on the text, come back.
fn edit_in_editor(
    text: &str,
    terminal: &mut Terminal<CrosstermBackend<std::io::Stdout>>,
) -> Result<String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
    let path = std::env::temp_dir().join(format!(
        "benchmatch-posting-{}-{nanos}.txt",
        std::process::id()
    ));
    // Postings name clients and rates: the draft is readable by its owner only.
    let mut file =
        crate::store::create_private_file(&path).with_context(|| format!("{}", path.display()))?;
    file.write_all(text.as_bytes())?;
    drop(file);
    restore_terminal();
    // Through the shell, so `EDITOR="code -w"` works; the path is an argument, not code.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("benchmatch")
        .arg(&path)
        .status();
    let back = enter_terminal();
    terminal.clear()?;
    back?;
    let result = match status {
        Ok(s) if s.success() => {
            std::fs::read_to_string(&path).with_context(|| format!("{}", path.display()))
        }
        Ok(s) => Err(anyhow::anyhow!("{editor} exited with {s}")),
        Err(e) => Err(anyhow::anyhow!("{editor}: {e}")),
    };
    let _ = std::fs::remove_file(&path);
    result
}
