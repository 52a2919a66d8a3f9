//! Shared fixture of the dashboard tests: a fixed demo database, a fixed clock.
#![allow(dead_code)]

use benchmatch::config::DashboardConfig;
use benchmatch::geo::Places;
use benchmatch::i18n::Lang;
use benchmatch::score::ScoringConfig;
use benchmatch::skills::Taxonomy;
use benchmatch::store::Store;
use benchmatch::tui::theme::Theme;
use benchmatch::tui::{Action, App, Data, Env, Mode, Session};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 18, 0, 0).unwrap()
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

pub fn env(lang: Lang, color: bool) -> Env<'static> {
    Env {
        lang,
        tax: Taxonomy::builtin(),
        places: Places::builtin(),
        cfg: ScoringConfig::default(),
        dash: DashboardConfig::default(),
        theme: Theme { color },
        db_path: "/data/benchmatch.db".into(),
        pipeline: Default::default(),
        checks: Default::default(),
        templates: None,
    }
}

/// The demo data every test sees: 300 engineers, 60 openings, seed 42, today 2026-03-02.
pub fn demo_store() -> Store {
    let tax = Taxonomy::builtin();
    let mut store = Store::open_in_memory(tax).unwrap();
    let data = benchmatch::demo::generate(300, 60, 42, now(), tax, Places::builtin());
    store.import_demo(&data, tax).unwrap();
    store
}

pub fn session_on(store: Store, lang: Lang, size: (u16, u16)) -> Session<'static> {
    let data = Data::load(&store, Places::builtin()).unwrap();
    let app = App::new(env(lang, true), data, now(), today(), size);
    let mut s = Session::new(app, store, Mode::Inline, Taxonomy::builtin()).unwrap();
    s.fixed_now = Some(now());
    s
}

pub fn session(lang: Lang, size: (u16, u16)) -> Session<'static> {
    session_on(demo_store(), lang, size)
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Press keys written as characters; `\n` is Enter, `\x1b` is Esc.
pub fn press(s: &mut Session<'_>, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        s.key(key(code));
    }
}

pub fn act(s: &mut Session<'_>, a: Action) {
    s.dispatch(a);
}

/// The screen as text, trailing blanks trimmed.
///
/// Panics if anything was drawn over the second half of a wide character: that
/// is what a column misaligned by Japanese text looks like in the buffer.
pub fn screen(s: &Session<'_>) -> String {
    let term = terminal(s);
    let buf = term.backend().buffer();
    let w = buf.area.width as usize;
    let mut out = String::new();
    for (y, row) in buf.content.chunks(w).enumerate() {
        let mut line = String::new();
        let mut skip = 0usize;
        for (x, cell) in row.iter().enumerate() {
            let sym = cell.symbol();
            if skip > 0 {
                assert!(
                    sym == " " || sym.is_empty(),
                    "cell ({x},{y}) '{sym}' overwrites a wide character:\n{line}"
                );
                skip -= 1;
                continue;
            }
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn terminal(s: &Session<'_>) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(s.app.width, s.app.height)).unwrap();
    s.draw(&mut term).unwrap();
    term
}
