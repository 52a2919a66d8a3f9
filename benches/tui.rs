//! Dashboard figures on fixed demo databases (seed 7, today 2026-03-02), headless.
//!
//! `cargo bench --bench tui`. The databases are generated once into the target
//! directory and reused. What is measured:
//! - `first_frame`: open the store, load everything (the pool on a second
//!   connection in parallel), rank the rows in view, draw the first complete
//!   frame (process start and terminal setup not included; docs/dashboard.md
//!   measures the real binary too);
//! - `queue_move`: one `j` in the triage queue with 100k engineers: update
//!   (re-ranks the newly selected opening) + render of a 200×50 frame;
//! - `search_*`: the matcher over 100k engineers + 10k openings: a cold first
//!   keystroke, a keystroke narrowed from the previous query, and a keystroke
//!   through the whole session (update, match, render).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use benchmatch::config::DashboardConfig;
use benchmatch::geo::Places;
use benchmatch::i18n::Lang;
use benchmatch::score::ScoringConfig;
use benchmatch::skills::Taxonomy;
use benchmatch::store::Store;
use benchmatch::tui::finder::{Index, Searcher};
use benchmatch::tui::theme::Theme;
use benchmatch::tui::{load_data, Action, App, Env, Mode, Session};
use chrono::{NaiveDate, TimeZone, Utc};
use divan::Bencher;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

/// What the dashboard reads at start: the active pool.
fn scope() -> benchmatch::store::PoolScope {
    benchmatch::store::PoolScope {
        as_of: today(),
        stale_days: ScoringConfig::default().offer_stale_days,
        include_stale: false,
    }
}

/// The demo database for a size, made on first use and kept in the target directory.
fn db(engineers: usize, openings: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tui-bench");
    let path = dir.join(format!("demo-{engineers}-{openings}-s7-20260302.db"));
    if !path.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let tmp = dir.join(format!("building-{}.db", std::process::id()));
        let tax = Taxonomy::builtin();
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 18, 0, 0).unwrap();
        let data = benchmatch::demo::generate(engineers, openings, 7, now, tax, Places::builtin());
        let mut store = Store::open(&tmp, tax).unwrap();
        store.import_demo(&data, tax).unwrap();
        drop(store);
        std::fs::rename(&tmp, &path).unwrap();
    }
    path
}

fn session(path: &Path, size: (u16, u16), mode: Mode) -> Session<'static> {
    let tax = Taxonomy::builtin();
    let store = Store::open(path, tax).unwrap();
    let data = load_data(&store, Some(path), tax, Places::builtin(), Some(&scope())).unwrap();
    let env = Env {
        lang: Lang::Ja,
        tax,
        places: Places::builtin(),
        cfg: ScoringConfig::default(),
        dash: DashboardConfig::default(),
        theme: Theme { color: true },
        db_path: path.display().to_string(),
        pipeline: Default::default(),
        checks: Default::default(),
        templates: None,
    };
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 18, 0, 0).unwrap();
    let app = App::new(env, data, now, today(), size);
    let mut s = Session::new(app, store, mode, tax).unwrap();
    s.fixed_now = Some(now);
    s
}

const SIZES: [(usize, usize); 2] = [(10_000, 2_000), (100_000, 10_000)];

/// As the dashboard starts: open, load, rank every row in view, draw the complete frame.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn first_frame(bencher: Bencher, (engineers, openings): (usize, usize)) {
    let path = db(engineers, openings);
    // Each session is dropped inside the timing (about 20 ms at 100k): kept, ten of
    // them would hold over a gigabyte and slow the later samples down.
    bencher.bench_local(|| {
        let s = session(&path, (120, 40), Mode::Threads);
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        s.draw(&mut term).unwrap();
    });
}

static BIG: OnceLock<PathBuf> = OnceLock::new();

fn big() -> &'static PathBuf {
    BIG.get_or_init(|| db(100_000, 10_000))
}

fn moving(bencher: Bencher, mode: Mode) {
    let mut s = session(big(), (200, 50), mode);
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    let len = s.app.queue.rows.len();
    bencher.bench_local(|| {
        // Bounce between the ends, so every move lands on an opening not ranked recently.
        let a = if s.app.queue.list.selected + 1 >= len {
            Action::Top
        } else {
            Action::Down
        };
        s.dispatch(a);
        s.poll_workers();
        s.draw(&mut term).unwrap();
    });
}

/// One `j` with 100k engineers, re-ranking the selected opening before the frame.
#[divan::bench(sample_count = 100)]
fn queue_move_inline(bencher: Bencher) {
    moving(bencher, Mode::Inline);
}

/// One `j` as the dashboard does it: the UI thread's part (ranking goes to the worker).
#[divan::bench(sample_count = 300)]
fn queue_move_threaded(bencher: Bencher) {
    moving(bencher, Mode::Threads);
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let tax = Taxonomy::builtin();
        let store = Store::open(big(), tax).unwrap();
        let data = load_data(&store, Some(big()), tax, Places::builtin(), Some(&scope())).unwrap();
        Index::build(&data, tax, 1)
    })
}

/// A first keystroke: nothing to narrow from, the whole index is scanned.
#[divan::bench(args = ["s", "佐", "java", "品川"], sample_count = 20)]
fn search_cold(bencher: Bencher, query: &str) {
    let idx = index();
    bencher.bench_local(|| Searcher::default().search(idx, query, &|| false));
}

/// The next keystroke: only the previous query's matches are rescored.
#[divan::bench(args = [("s", "sa"), ("sa", "sat"), ("ja", "jav"), ("java", "java 品")], sample_count = 50)]
fn search_narrowed(bencher: Bencher, (prev, next): (&str, &str)) {
    let idx = index();
    bencher
        .with_inputs(|| {
            let mut s = Searcher::default();
            s.search(idx, prev, &|| false);
            s
        })
        .bench_local_values(|mut s| s.search(idx, next, &|| false));
}

/// Typing `sato` into the search screen: update, match (in line), render, per key.
#[divan::bench(sample_count = 20)]
fn search_keystrokes(bencher: Bencher) {
    let mut s = session(big(), (120, 40), Mode::Inline);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    s.dispatch(Action::Search);
    s.draw(&mut term).unwrap();
    bencher
        .counter(divan::counter::ItemsCount::new(4usize))
        .bench_local(|| {
            for c in "sato".chars() {
                s.dispatch(Action::Input(c));
                s.draw(&mut term).unwrap();
            }
            s.dispatch(Action::ClearInput);
        });
}
