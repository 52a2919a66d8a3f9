//! Stale partner engineers in the dashboard: out of the active pool from the start,
//! brought in (and marked) by the `z` switch.

use crate::tui_common::*;
use benchmatch::i18n::Lang;
use benchmatch::score::Check;
use benchmatch::tui::state::free::FreeRow;
use benchmatch::tui::{Action, Screen, Session};
use chrono::Duration;

/// The demo data with every engineer of a partner company last offered 40 days ago
/// (past the default `[offers] stale_days` of 30).
fn stale_session(lang: Lang) -> Session<'static> {
    let store = demo_store();
    let long_ago = now() - Duration::days(40);
    let n = store
        .conn()
        .execute(
            "UPDATE engineers SET last_offered_at = ?1 WHERE partner_id IS NOT NULL",
            rusqlite::params![long_ago],
        )
        .unwrap();
    assert!(n > 0, "the demo data has partner engineers");
    session_on(store, lang, (160, 48))
}

/// Let the app ask for (and, headless, get) the rankings it needs.
fn settle(s: &mut Session<'_>) {
    s.dispatch(Action::Resize {
        width: 160,
        height: 48,
    });
}

fn stale_ids(s: &Session<'_>) -> Vec<i64> {
    s.app
        .data
        .engineers()
        .iter()
        .filter(|e| s.app.is_stale(e))
        .map(|e| e.id)
        .collect()
}

/// Candidates of the open opening: (engineer id, marked stale by the ranking).
fn candidates(s: &Session<'_>) -> Vec<(i64, bool)> {
    let id = s.app.opening.id.unwrap();
    let r = s.app.ranking(id).expect("ranked");
    r.candidates
        .iter()
        .map(|c| {
            let e = &s.app.data.engineers()[c.index];
            assert_eq!(e.id, c.id, "candidate indices point into the whole pool");
            (c.id, c.reviews.contains(Check::Stale))
        })
        .collect()
}

fn free_ids(s: &Session<'_>) -> Vec<i64> {
    s.app
        .free
        .rows
        .iter()
        .filter_map(|r| match r {
            FreeRow::Engineer { index, .. } => Some(s.app.data.engineers()[*index].id),
            FreeRow::Section { .. } => None,
        })
        .collect()
}

#[test]
fn stale_partner_engineers_are_marked_and_the_switch_hides_and_shows_them() {
    let mut s = stale_session(Lang::En);
    let stale = stale_ids(&s);
    assert!(!stale.is_empty());

    // Hidden from the start: the footer says how many, and `z` brings them in.
    assert!(s.app.hide_stale);
    assert_eq!(s.app.left_out, stale.len());
    let badge = format!("stale / inactive hidden: {}", stale.len());
    assert!(screen(&s).contains(&badge), "{}", screen(&s));
    press(&mut s, "z");
    assert!(!s.app.hide_stale);

    // An opening whose ranking holds a stale candidate, marked in its row.
    let ids: Vec<i64> = s.app.data.openings.iter().map(|o| o.id).collect();
    let mut found = None;
    for id in ids {
        s.app.open(id);
        settle(&mut s);
        if let Some(c) = candidates(&s).into_iter().find(|c| c.1) {
            found = Some((id, c.0));
            break;
        }
    }
    let (opening, engineer) = found.expect("a stale partner engineer is ranked somewhere");
    assert!(stale.contains(&engineer));
    let name = s.app.data.engineer(engineer).unwrap().name.clone();
    let text = screen(&s);
    assert!(
        text.lines().any(|l| l.contains(&format!("stale {name}"))),
        "stale mark on the candidate row:\n{text}"
    );
    assert!(text.contains("stale / inactive shown"), "{text}");

    // `z` on the opening: no stale candidate left, the footer says so.
    press(&mut s, "z");
    assert!(s.app.hide_stale);
    assert_eq!(s.app.opening.id, Some(opening));
    let shown = candidates(&s);
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|c| !c.1 && !stale.contains(&c.0)));
    let text = screen(&s);
    assert!(text.contains("stale / inactive hidden"), "{text}");

    // Who's free leaves them out while hidden ...
    press(&mut s, "2");
    assert_eq!(s.app.screen, Screen::Free);
    let free = free_ids(&s);
    assert!(!free.is_empty());
    assert!(free.iter().all(|id| !stale.contains(id)));
    assert!(screen(&s).contains("stale / inactive hidden"));

    // ... and lists them, marked, once `z` shows them again.
    press(&mut s, "z");
    assert!(!s.app.hide_stale);
    let free = free_ids(&s);
    let back: Vec<i64> = free
        .iter()
        .copied()
        .filter(|id| stale.contains(id))
        .collect();
    assert!(!back.is_empty(), "stale partner engineers are free again");
    // Bring the first stale row into view: it carries the mark.
    let row = s
        .app
        .free
        .rows
        .iter()
        .position(|r| matches!(r, FreeRow::Engineer { index, .. } if stale.contains(&s.app.data.engineers()[*index].id)))
        .unwrap();
    let len = s.app.free.rows.len();
    s.app.free.list.select(row, len, 30);
    let text = screen(&s);
    assert!(text.contains("stale / inactive shown"), "{text}");
    assert!(text.contains("stale "), "{text}");

    // The opening ranks them again.
    s.app.open(opening);
    settle(&mut s);
    assert!(candidates(&s).iter().any(|c| c.0 == engineer && c.1));

    // The engineer sheet: last offered and the mark; `z` works on the engineers screen.
    press(&mut s, "3");
    assert_eq!(s.app.screen, Screen::Engineers);
    let i = s.app.data.engineer_index(engineer).unwrap();
    s.app.engineers.list.selected = i;
    let text = screen(&s);
    assert!(text.contains("last offered 2026-01-21 stale"), "{text}");
    press(&mut s, "z");
    assert!(s.app.hide_stale);
}

#[test]
fn the_stale_mark_and_switch_speak_japanese() {
    let mut s = stale_session(Lang::Ja);
    assert!(screen(&s).contains("古い・停止中の要員を非表示"));
    press(&mut s, "z");
    press(&mut s, "2");
    press(&mut s, "G");
    let text = screen(&s);
    assert!(text.contains("古 "), "{text}");
    press(&mut s, "z");
    assert!(screen(&s).contains("古い・停止中の要員を非表示"));
    press(&mut s, "?");
    assert!(screen(&s).contains("古い要員の表示切替"));
}

/// On a database file the dashboard reads the active pool alone: stale partner engineers
/// are counted by the store, not loaded, until `z` reads them in.
#[test]
fn the_dashboard_reads_only_the_active_pool_until_z() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pool.db");
    let tax = benchmatch::skills::Taxonomy::builtin();
    let mut store = benchmatch::store::Store::open(&path, tax).unwrap();
    let places = benchmatch::geo::Places::builtin();
    let demo = benchmatch::demo::generate(300, 60, 42, now(), tax, places);
    store.import_demo(&demo, tax).unwrap();
    let long_ago = now() - Duration::days(40);
    let stale = store
        .conn()
        .execute(
            "UPDATE engineers SET last_offered_at = ?1 WHERE partner_id IS NOT NULL",
            rusqlite::params![long_ago],
        )
        .unwrap();
    assert!(stale > 0);
    let total: usize = store
        .conn()
        .query_row("SELECT count(*) FROM engineers", [], |r| r.get(0))
        .unwrap();
    let scope = benchmatch::store::PoolScope {
        as_of: today(),
        stale_days: 30,
        include_stale: false,
    };
    let data = benchmatch::tui::load_data(&store, Some(&path), tax, places, Some(&scope)).unwrap();
    assert_eq!(data.engineers().len(), total - stale);
    assert_eq!(data.left_out.stale, stale);
    let app = benchmatch::tui::App::new(env(Lang::En, true), data, now(), today(), (160, 48));
    let mut s = Session::new(app, store, benchmatch::tui::Mode::Inline, tax).unwrap();
    s.fixed_now = Some(now());
    assert_eq!(s.app.left_out, stale);
    assert!(screen(&s).contains(&format!("stale / inactive hidden: {stale}")));
    press(&mut s, "z");
    assert!(!s.app.hide_stale);
    assert_eq!(s.app.data.engineers().len(), total, "z reads them in");
    assert_eq!(s.app.left_out, stale);
    assert!(screen(&s).contains(&format!("stale / inactive shown: {stale}")));
    press(&mut s, "z");
    assert!(s.app.hide_stale);
    let shown: Vec<i64> = s.app.rank_pool().engineers().iter().map(|e| e.id).collect();
    assert_eq!(shown.len(), total - stale);
}
