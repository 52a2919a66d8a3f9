//! The dashboard's state machine without a terminal: actions in, state (and store) out.

use crate::tui_common::*;
use benchmatch::domain::OpeningStatus;
use benchmatch::i18n::Lang;
use benchmatch::tui::app::Overlay;
use benchmatch::tui::keymap::{self, Scope};
use benchmatch::tui::state::posting::Stage;
use benchmatch::tui::state::queue::Sort;
use benchmatch::tui::state::Pane;
use benchmatch::tui::{Action, Effect, Screen, Session};
use ratatui::crossterm::event::KeyCode;

#[test]
fn opens_on_the_queue_newest_first_and_moves_within_bounds() {
    let mut s = session(Lang::En, (80, 24));
    assert_eq!(s.app.screen, Screen::Queue);
    let rows = &s.app.queue.rows;
    assert!(!rows.is_empty());
    let received: Vec<_> = rows
        .iter()
        .map(|&i| s.app.data.openings[i].received_at)
        .collect();
    assert!(received.windows(2).all(|w| w[0] >= w[1]), "newest first");
    press(&mut s, "jjj");
    assert_eq!(s.app.queue.list.selected, 3);
    press(&mut s, "k");
    assert_eq!(s.app.queue.list.selected, 2);
    press(&mut s, "G");
    assert_eq!(s.app.queue.list.selected, s.app.queue.rows.len() - 1);
    s.key(key(KeyCode::PageUp));
    assert!(s.app.queue.list.selected < s.app.queue.rows.len() - 1);
    s.key(key(KeyCode::Home));
    assert_eq!(s.app.queue.list.selected, 0);
    press(&mut s, "kkkk");
    assert_eq!(s.app.queue.list.selected, 0);
    // Every row in view has its figures, the selected opening its full ranking.
    let h = 24 - 2 - 2 - 4;
    for &i in s.app.queue.rows.iter().take(h) {
        assert!(s.app.ranks.stats(s.app.data.openings[i].id).is_some());
    }
    let id = s.app.queue.selected_id(&s.app.data).unwrap();
    assert!(s.app.ranking(id).is_some());
}

#[test]
fn enter_then_p_proposes_the_best_candidate_and_answers_the_opening() {
    let mut s = session(Lang::Ja, (80, 24));
    let id = s.app.queue.selected_id(&s.app.data).unwrap();
    let answered_before = s.app.data.opening(id).unwrap().answered_at;
    press(&mut s, "\n");
    assert_eq!(s.app.screen, Screen::Opening);
    assert_eq!(s.app.opening.id, Some(id));
    let best = s.app.selected_candidate().expect("a candidate is selected");
    let r = s.app.ranking(id).unwrap();
    assert_eq!(s.app.data.engineers()[r.candidates[0].index].id, best);
    // p asks first: the rate (prefilled), then a note; nothing is stored until then.
    press(&mut s, "p");
    assert!(matches!(s.app.overlay, Some(Overlay::ProposePrompt(_))));
    assert!(s.store().proposals().unwrap().is_empty());
    press(&mut s, "\n\n");
    let stored = s.store().proposals().unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!((stored[0].opening_id, stored[0].engineer_id), (id, best));
    let o = s.store().opening(id).unwrap();
    assert_eq!(o.status, OpeningStatus::Proposed);
    assert_eq!(o.answered_at, answered_before.or(Some(now())));
    // The app's copy follows without a reload, and says so.
    assert_eq!(
        s.app.data.opening(id).unwrap().status,
        OpeningStatus::Proposed
    );
    let status = s.app.status.clone().unwrap();
    assert!(!status.error && status.text.contains("#"), "{status:?}");
    // Proposing the same engineer twice is refused before the store is asked.
    press(&mut s, "p");
    assert!(s.app.status.as_ref().unwrap().error);
    assert_eq!(s.store().proposals().unwrap().len(), 1);
    // The next one down can be proposed too.
    press(&mut s, "jp\n\n");
    assert_eq!(s.store().proposals().unwrap().len(), 2);
}

#[test]
fn excluded_candidates_show_why_and_cannot_be_proposed() {
    let mut s = session(Lang::En, (80, 24));
    press(&mut s, "\n");
    let id = s.app.opening.id.unwrap();
    let excluded = s.app.ranking(id).unwrap().excluded.len();
    assert!(excluded > 0, "the demo opening excludes somebody");
    press(&mut s, "a");
    assert!(s.app.opening.show_excluded);
    press(&mut s, "p");
    assert!(s.app.status.as_ref().unwrap().error);
    assert!(s.store().proposals().unwrap().is_empty());
    let text = screen(&s);
    assert!(text.contains("excluded, with why"), "{text}");
    press(&mut s, "a");
    assert!(!s.app.opening.show_excluded);
}

#[test]
fn panes_and_raw_text_toggle() {
    let mut s = session(Lang::En, (80, 24));
    press(&mut s, "\n");
    assert_eq!(s.app.opening.focus, Pane::List);
    press(&mut s, "\t");
    assert_eq!(s.app.opening.focus, Pane::Detail);
    press(&mut s, "jjjjj");
    assert_eq!(
        s.app.opening.detail_scroll, 0,
        "the breakdown fits: no slack"
    );
    press(&mut s, "r");
    assert!(s.app.opening.show_raw);
    assert_eq!(s.app.opening.focus, Pane::Raw);
    assert!(screen(&s).contains("【案件名】"));
    // The posting is longer than its pane: it scrolls to its end and no further.
    press(&mut s, &"j".repeat(40));
    let end = s.app.opening.raw_scroll;
    assert!(end > 0 && end < 40, "{end}");
    press(&mut s, "k");
    assert_eq!(s.app.opening.raw_scroll, end - 1);
    assert!(
        screen(&s).contains("【外国籍】"),
        "the last line is in view"
    );
    press(&mut s, "r\x1b");
    assert_eq!(s.app.screen, Screen::Queue, "Esc goes back to the queue");
}

#[test]
fn dismiss_and_status_menu_write_through_and_filter() {
    let mut s = session(Lang::En, (80, 24));
    let first = s.app.queue.selected_id(&s.app.data).unwrap();
    let shown = s.app.queue.rows.len();
    let before = s.store().opening(first).unwrap().status;
    // x asks; n keeps the opening, y dismisses it.
    press(&mut s, "x");
    assert!(matches!(
        s.app.overlay,
        Some(Overlay::ConfirmDismiss { .. })
    ));
    press(&mut s, "n");
    assert_eq!(s.store().opening(first).unwrap().status, before);
    press(&mut s, "xy");
    assert_eq!(
        s.store().opening(first).unwrap().status,
        OpeningStatus::Dismissed
    );
    assert_eq!(
        s.app.queue.rows.len(),
        shown - 1,
        "dismissed leave the open filter"
    );
    assert_ne!(s.app.queue.selected_id(&s.app.data), Some(first));
    // s opens the menu on the current status; Enter on "won".
    let second = s.app.queue.selected_id(&s.app.data).unwrap();
    press(&mut s, "s");
    assert!(matches!(s.app.overlay, Some(Overlay::StatusMenu { .. })));
    press(&mut s, "G");
    press(&mut s, "kkk\n");
    assert_eq!(s.app.overlay, None);
    assert_eq!(
        s.store().opening(second).unwrap().status,
        OpeningStatus::Won
    );
    // The "closed" filter shows both.
    press(&mut s, "fff");
    let ids: Vec<i64> = s
        .app
        .queue
        .rows
        .iter()
        .map(|&i| s.app.data.openings[i].id)
        .collect();
    assert!(ids.contains(&first) && ids.contains(&second), "{ids:?}");
}

#[test]
fn sort_by_rate_puts_the_best_paid_first() {
    let mut s = session(Lang::En, (80, 24));
    press(&mut s, "ooo");
    assert_eq!(s.app.queue.sort, Sort::Rate);
    let rates: Vec<_> = s
        .app
        .queue
        .rows
        .iter()
        .map(|&i| s.app.data.openings[i].rate_max)
        .collect();
    assert!(rates.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn free_next_month_is_one_key_from_anywhere_and_filters() {
    let mut s = session(Lang::Ja, (80, 24));
    press(&mut s, "\nF");
    assert_eq!(s.app.screen, Screen::Free);
    assert_eq!(s.app.free.month, Some(1));
    let end = s.app.free.window_end(today());
    assert_eq!(end.to_string(), "2026-04-30");
    let everyone = s.app.free.shown;
    assert!(everyone > 0);
    // Own people first, then partners, each by free date.
    let sel = s.app.free.selected_engineer().unwrap();
    assert!(s.app.data.engineers()[sel].affiliation.is_in_house());
    press(&mut s, "f");
    assert!(matches!(s.app.overlay, Some(Overlay::SkillPrompt(_))));
    press(&mut s, "java\n");
    assert_eq!(s.app.free.skill_text, "Java");
    assert!(s.app.free.shown < everyone);
    press(&mut s, "f");
    s.key(ctrl('u'));
    press(&mut s, "klingon\n");
    assert!(
        s.app.status.as_ref().unwrap().error,
        "unknown skill is an error"
    );
    press(&mut s, "\x1bm");
    assert_eq!(s.app.free.month, Some(2));
    press(&mut s, "mm");
    assert_eq!(s.app.free.month, None);
    // Enter shows the engineer.
    press(&mut s, "\n");
    assert_eq!(s.app.screen, Screen::Engineers);
}

#[test]
fn search_finds_as_you_type_and_enter_jumps() {
    let mut s = session(Lang::En, (80, 24));
    press(&mut s, "/");
    assert_eq!(s.app.screen, Screen::Search);
    press(&mut s, "jav");
    let few = s.app.search.results.total;
    assert!(few > 0);
    press(&mut s, "a");
    assert_eq!(s.app.search.input.text, "java");
    assert!(s.app.search.results.total <= few, "a longer query narrows");
    // q and j are typed, not commands, while searching.
    press(&mut s, " q");
    assert_eq!(s.app.search.input.text, "java q");
    s.key(key(KeyCode::Backspace));
    s.key(key(KeyCode::Backspace));
    assert_eq!(
        s.app.search.results.total,
        few.min(s.app.search.results.total)
    );
    let first = s.app.search.results.hits[0];
    let item = s.app.search.index.as_ref().unwrap().items[first.item as usize].clone();
    press(&mut s, "\n");
    match item.kind {
        benchmatch::tui::finder::Kind::Opening => {
            assert_eq!(s.app.screen, Screen::Opening);
            assert_eq!(s.app.opening.id, Some(item.id));
        }
        benchmatch::tui::finder::Kind::Engineer => {
            assert_eq!(s.app.screen, Screen::Engineers);
            assert_eq!(s.app.selected_engineer().unwrap().id, item.id);
        }
    }
    // `/` again starts a new query: the last one is gone, and the `/` is not typed.
    press(&mut s, "/");
    assert_eq!(s.app.search.input.text, "");
    s.dispatch(Action::Input('/'));
    assert_eq!(s.app.search.input.text, "");
    // An engineer by name: Enter shows their sheet with assignments loaded.
    let name = s.app.data.engineers()[7].name.clone();
    for c in name.chars() {
        s.dispatch(Action::Input(c));
    }
    s.key(key(KeyCode::Enter));
    assert_eq!(s.app.screen, Screen::Engineers);
    let e = s.app.selected_engineer().unwrap();
    assert_eq!(e.name, name);
    assert!(s.app.engineers.assignments.is_some());
}

#[test]
fn a_pasted_posting_is_parsed_corrected_saved_and_ranked() {
    let mut s = session(Lang::Ja, (80, 24));
    press(&mut s, "n");
    assert_eq!(s.app.screen, Screen::Posting);
    assert_eq!(s.app.scope(), Scope::PostingEmpty);
    s.dispatch(Action::Paste(
        "Java/Spring Boot 開発\r\n必須: Java 3年, Spring Boot\r\n".into(),
    ));
    assert_eq!(s.app.scope(), Scope::PostingEdit);
    press(&mut s, "e");
    assert!(
        s.app.posting.text.text().ends_with('e'),
        "e types once there is text"
    );
    s.key(key(KeyCode::Backspace));
    s.key(ctrl('s'));
    assert_eq!(s.app.posting.stage, Stage::Review);
    assert_eq!(s.app.posting.values[0], "Java/Spring Boot 開発");
    // Correct the client and the top rate.
    press(&mut s, "j\n");
    for c in "テスト商事".chars() {
        s.dispatch(Action::Input(c));
    }
    press(&mut s, "\njj\n");
    press(&mut s, "abc\n");
    assert!(
        s.app.status.as_ref().unwrap().error,
        "a rate must be a number"
    );
    s.key(ctrl('u'));
    press(&mut s, "75\n");
    assert_eq!(s.app.posting.editing, None);
    let before = s.store().counts().unwrap().openings;
    s.key(ctrl('s'));
    assert_eq!(s.store().counts().unwrap().openings, before + 1);
    assert_eq!(s.app.screen, Screen::Opening);
    let id = s.app.opening.id.unwrap();
    let stored = s.store().opening(id).unwrap();
    assert_eq!(
        stored.rate_max.map(|m| m.to_string()).as_deref(),
        Some("75万")
    );
    assert!(stored.raw_text.contains("必須: Java 3年"));
    assert!(s.app.ranking(id).is_some(), "ranked immediately");
    assert_eq!(s.app.data.openings[0].id, id, "first in the queue");
    let client = s.app.data.client_of(&s.app.data.openings[0]).unwrap();
    assert_eq!(client.name, "テスト商事");
    press(&mut s, "\x1b");
    assert_eq!(s.app.screen, Screen::Queue);
}

#[test]
fn e_on_an_empty_posting_asks_for_the_editor() {
    let mut s = session(Lang::En, (80, 24));
    press(&mut s, "n");
    let out = s.key(key(KeyCode::Char('e')));
    assert_eq!(out, vec![Effect::Edit(String::new())]);
    s.dispatch(Action::Edited("Go 開発\nGo 必須\n".into()));
    assert_eq!(s.app.posting.text.text(), "Go 開発\nGo 必須\n");
    let out = s.key(ctrl('e'));
    assert!(matches!(out.as_slice(), [Effect::Edit(t)] if t.starts_with("Go")));
    let out = s.key(ctrl('c'));
    assert_eq!(out, vec![Effect::Quit]);
}

#[test]
fn help_is_generated_from_the_key_map() {
    let mut s = session(Lang::En, (80, 24));
    press(&mut s, "\n?");
    match &s.app.overlay {
        Some(Overlay::Help { scope, .. }) => assert_eq!(*scope, Scope::Opening),
        other => panic!("{other:?}"),
    }
    let text = screen(&s);
    for b in keymap::BINDINGS
        .iter()
        .filter(|b| b.scope == Scope::Opening)
    {
        let label = benchmatch::tui::strings::action_help(&b.action, Lang::En);
        assert!(text.contains(label), "help lacks {label}");
    }
    press(&mut s, "?");
    assert_eq!(s.app.overlay, None);
}

#[test]
fn mouse_selects_opens_and_scrolls() {
    let mut s = session(Lang::En, (80, 24));
    // Row 4 of the screen is the third queue row (tabs, title, header first).
    s.dispatch(Action::Click { col: 10, row: 5 });
    assert_eq!(s.app.queue.list.selected, 2);
    s.dispatch(Action::Click { col: 10, row: 5 });
    assert_eq!(s.app.screen, Screen::Opening, "a second click opens");
    s.dispatch(Action::Click { col: 2, row: 0 });
    assert_eq!(s.app.screen, Screen::Queue, "tabs are clickable");
    s.dispatch(Action::Scroll {
        down: true,
        col: 10,
        row: 8,
    });
    assert_eq!(s.app.queue.list.offset, 3);
}

#[test]
fn resize_keeps_the_selection_in_view_and_tiny_terminals_do_not_panic() {
    let mut s = session(Lang::Ja, (160, 48));
    press(&mut s, "GkK");
    s.dispatch(Action::Resize {
        width: 80,
        height: 24,
    });
    let l = s.app.queue.list;
    assert!(l.selected >= l.offset && l.selected < l.offset + 18);
    for screen_keys in [
        "", "\n", "\na", "\nr", "2", "3", "3\n", "/ja", "n", "nx\x13", "?",
    ] {
        let mut t = session(Lang::Ja, (80, 24));
        for c in screen_keys.chars() {
            if c == '\x13' {
                t.key(ctrl('s'));
            } else {
                press(&mut t, &c.to_string());
            }
        }
        for (w, h) in [
            (1, 1),
            (10, 3),
            (59, 15),
            (60, 16),
            (61, 17),
            (79, 23),
            (200, 60),
        ] {
            t.dispatch(Action::Resize {
                width: w,
                height: h,
            });
            let _ = screen(&t);
        }
    }
    s.dispatch(Action::Resize {
        width: 40,
        height: 10,
    });
    assert!(screen(&s).contains("端末が小さすぎます"));
}

#[test]
fn changes_by_another_process_appear_on_the_timer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let tax = benchmatch::skills::Taxonomy::builtin();
    {
        let mut st = benchmatch::store::Store::open(&path, tax).unwrap();
        let data =
            benchmatch::demo::generate(50, 10, 42, now(), tax, benchmatch::geo::Places::builtin());
        st.import_demo(&data, tax).unwrap();
    }
    let store = benchmatch::store::Store::open(&path, tax).unwrap();
    let mut s = session_on(store, Lang::En, (80, 24));
    assert_eq!(s.app.data.openings.len(), 10);
    let tick = Action::Tick {
        now: now(),
        today: today(),
    };
    s.dispatch(tick.clone());
    assert_eq!(s.app.status, None, "nothing changed, nothing reloaded");
    let mut other = benchmatch::store::Store::open(&path, tax).unwrap();
    let o = benchmatch::domain::Opening::new("他プロセスの案件", now());
    let id = other
        .insert_opening(&o, Some("新顧客"), None, now())
        .unwrap();
    s.dispatch(tick);
    assert!(s.app.data.opening(id).is_some());
    assert!(s
        .app
        .status
        .as_ref()
        .unwrap()
        .text
        .contains("another process"));
    // R reloads on demand too.
    press(&mut s, "R");
    assert_eq!(s.app.status.as_ref().unwrap().text, "Reloaded.");
}

#[test]
fn an_empty_database_says_how_to_fill_it() {
    let tax = benchmatch::skills::Taxonomy::builtin();
    let store = benchmatch::store::Store::open_in_memory(tax).unwrap();
    let mut s = session_on(store, Lang::En, (80, 24));
    assert_eq!(s.app.screen, Screen::Empty);
    let text = screen(&s);
    assert!(text.contains("benchmatch demo"), "{text}");
    assert!(text.contains("benchmatch import engineers"));
    press(&mut s, "23jk\x1b");
    assert_eq!(s.app.screen, Screen::Empty);
    press(&mut s, "n");
    assert_eq!(s.app.screen, Screen::Posting);
}

#[test]
fn hostile_text_from_postings_never_reaches_the_terminal() {
    let tax = benchmatch::skills::Taxonomy::builtin();
    let mut store = benchmatch::store::Store::open_in_memory(tax).unwrap();
    let mut o = benchmatch::domain::Opening::new("案件\x1b[2J\x1b]52;c;ZXZpbA==\x07", now());
    o.raw_text = "本文\x1b[31m赤\u{202e}逆".into();
    store
        .insert_opening(&o, Some("顧客\x1b[5m"), None, now())
        .unwrap();
    let mut s = session_on(store, Lang::Ja, (80, 24));
    for keys in ["", "\n", "\nr", "/案件"] {
        press(&mut s, keys);
        let term = terminal(&s);
        for cell in term.backend().buffer().content.iter() {
            assert!(
                !cell
                    .symbol()
                    .chars()
                    .any(|c| c.is_control() || c == '\u{202e}'),
                "control character on screen after {keys:?}"
            );
        }
    }
}

#[test]
fn no_color_draws_without_colours() {
    let data =
        benchmatch::tui::Data::load(&demo_store(), benchmatch::geo::Places::builtin()).unwrap();
    let app = benchmatch::tui::App::new(env(Lang::En, false), data, now(), today(), (80, 24));
    let s = benchmatch::tui::Session::new(
        app,
        demo_store(),
        benchmatch::tui::Mode::Inline,
        benchmatch::skills::Taxonomy::builtin(),
    )
    .unwrap();
    let term = terminal(&s);
    let coloured = term
        .backend()
        .buffer()
        .content
        .iter()
        .filter(|c| c.fg != ratatui::style::Color::Reset)
        .count();
    assert_eq!(coloured, 0);
    let with = terminal(&session(Lang::En, (80, 24)));
    assert!(with
        .backend()
        .buffer()
        .content
        .iter()
        .any(|c| c.fg != ratatui::style::Color::Reset));
}

#[test]
fn quit_from_anywhere() {
    for keys in ["", "\n", "2", "3", "?"] {
        let mut s = session(Lang::En, (80, 24));
        press(&mut s, keys);
        let out = s.key(key(KeyCode::Char('q')));
        if keys == "?" {
            assert!(out.is_empty(), "q closes help first");
            continue;
        }
        assert_eq!(out, vec![Effect::Quit]);
        assert!(s.app.quit);
    }
}

#[test]
fn the_dashboard_doc_names_every_key() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/dashboard.md")).unwrap();
    for b in keymap::BINDINGS {
        for spec in b.keys.split_whitespace() {
            let label = keymap::Key::label(spec);
            assert!(
                doc.contains(&format!("`{label}`")),
                "docs/dashboard.md does not mention `{label}` ({:?} in {:?})",
                b.action,
                b.scope
            );
        }
    }
}

#[test]
fn esc_then_a_key_sent_as_alt_is_read_as_both() {
    let mut s = session(Lang::En, (80, 24));
    press(&mut s, "\n");
    assert_eq!(s.app.screen, Screen::Opening);
    let alt_q = ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('2'),
        ratatui::crossterm::event::KeyModifiers::ALT,
    );
    s.key(alt_q);
    assert_eq!(
        s.app.screen,
        Screen::Free,
        "Esc (back to the queue), then 2"
    );
}

#[test]
fn the_empty_screen_turns_into_the_queue_when_data_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    let tax = benchmatch::skills::Taxonomy::builtin();
    let store = benchmatch::store::Store::open(&path, tax).unwrap();
    let mut s = session_on(store, Lang::Ja, (80, 24));
    assert_eq!(s.app.screen, Screen::Empty);
    let mut other = benchmatch::store::Store::open(&path, tax).unwrap();
    let data = benchmatch::demo::generate(30, 5, 1, now(), tax, benchmatch::geo::Places::builtin());
    other.import_demo(&data, tax).unwrap();
    s.dispatch(Action::Tick {
        now: now(),
        today: today(),
    });
    assert_eq!(s.app.screen, Screen::Queue);
    assert_eq!(s.app.queue.rows.len(), 5);
    assert!(screen(&s).contains("案件 5件"));
}

/// The engineer's row in who's free, if listed.
fn free_kind_of(s: &Session<'_>, engineer: i64) -> Option<benchmatch::store::FreeKind> {
    s.app.free.rows.iter().find_map(|r| match r {
        benchmatch::tui::state::free::FreeRow::Engineer { index, kind }
            if s.app.data.engineers()[*index].id == engineer =>
        {
            Some(*kind)
        }
        _ => None,
    })
}

/// Move the selected proposal of the pipeline screen to `to` through the menu, no note.
fn stage_to(s: &mut Session<'_>, to: benchmatch::pipeline::Stage) {
    press(s, "t");
    let Some(Overlay::StageMenu { options, .. }) = &s.app.overlay else {
        panic!("no stage menu: {:?}", s.app.overlay);
    };
    let at = options.iter().position(|x| *x == to).unwrap();
    press(s, &"j".repeat(at));
    // Offered and signed ask the agreed start first (prefilled), then the note.
    press(
        s,
        if to.commits_engineer() {
            "\n\n\n"
        } else {
            "\n\n"
        },
    );
}

#[test]
fn an_offer_holds_and_signing_books_the_engineer_out_of_who_is_free() {
    use benchmatch::pipeline::Stage;
    use benchmatch::store::FreeKind;
    let mut s = session(Lang::Ja, (120, 40));
    let opening = s.app.queue.selected_id(&s.app.data).unwrap();
    press(&mut s, "\np\n\n");
    let p = s.store().proposals().unwrap()[0].clone();
    let engineer = p.engineer_id;
    let free_before = s.app.data.engineer(engineer).unwrap().available_from;
    press(&mut s, "4");
    stage_to(&mut s, Stage::Offered);
    // 内定: a tentative hold, shown as such in who's free, and a check in other rankings.
    press(&mut s, "2");
    if free_before.is_some_and(|d| d <= s.app.free.window_end(today())) {
        assert_eq!(free_kind_of(&s, engineer), Some(FreeKind::Hold));
        assert!(screen(&s).contains("░仮押さえ"), "{}", screen(&s));
    }
    let other = s
        .app
        .data
        .openings
        .iter()
        .find(|o| o.id != opening)
        .unwrap()
        .id;
    assert!(s.app.data.bookings.has_note(engineer, other, today()));
    assert!(!s.app.data.bookings.has_note(engineer, opening, today()));
    // 契約: booked; the pool's free-from date moves past the booking; gone from who's free.
    press(&mut s, "4");
    stage_to(&mut s, Stage::Signed);
    assert_eq!(s.store().pipeline_item(p.id).unwrap().stage, Stage::Signed);
    let booked = s.app.data.engineer(engineer).unwrap();
    assert!(
        booked.available_from > Some(today() + chrono::Duration::days(28)),
        "{booked:?}"
    );
    press(&mut s, "2");
    assert_eq!(free_kind_of(&s, engineer), None);
    let note = s.app.data.bookings.notes(engineer, other, today());
    let text = note[0].text(Lang::Ja);
    assert!(text.contains(&format!("(#{opening})")), "{text}");
    // The sheet lists the booking under 参画履歴 with its opening.
    let assignments = s.store().assignments_of(engineer).unwrap();
    assert!(!assignments.is_empty());
    // Withdrawn releases it (a signed contract can still be withdrawn before the start).
    press(&mut s, "4");
    stage_to(&mut s, Stage::Withdrawn);
    assert!(s
        .app
        .data
        .bookings
        .notes(engineer, other, today())
        .is_empty());
    assert_eq!(
        s.app.data.engineer(engineer).unwrap().available_from,
        free_before
    );
}

#[test]
fn u_undoes_a_proposal_a_stage_move_and_a_dismissal_one_at_a_time() {
    use benchmatch::pipeline::Stage;
    let mut s = session(Lang::En, (120, 40));
    let first = s.app.queue.selected_id(&s.app.data).unwrap();
    let status_before = s.store().opening(first).unwrap().status;
    press(&mut s, "u");
    assert!(
        screen(&s).contains("Nothing of yours to undo"),
        "{}",
        screen(&s)
    );
    press(&mut s, "\np\n\n");
    let p = s.store().proposals().unwrap()[0].clone();
    press(&mut s, "4");
    stage_to(&mut s, Stage::Offered);
    stage_to(&mut s, Stage::Signed);
    assert!(!s.store().assignments_of(p.engineer_id).unwrap().is_empty());
    // The last change first: signed → offered, the booking gone with it.
    press(&mut s, "uy");
    assert!(
        s.app
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("undone: 'offered → signed"),
        "{:?}",
        s.app.status
    );
    assert_eq!(s.store().pipeline_item(p.id).unwrap().stage, Stage::Offered);
    assert!(s
        .store()
        .assignments_of(p.engineer_id)
        .unwrap()
        .iter()
        .all(|(a, _)| a.from < today()));
    assert_eq!(s.store().proposal_events(p.id).unwrap().len(), 2);
    press(&mut s, "uyuy");
    assert!(s.store().proposals().unwrap().is_empty());
    assert!(s
        .app
        .status
        .as_ref()
        .unwrap()
        .text
        .contains("undone: 'proposed"));
    let o = s.store().opening(first).unwrap();
    assert_eq!(o.status, status_before);
    // A dismissal, confirmed with one key, then undone.
    press(&mut s, "1");
    let q = s.app.queue.selected_id(&s.app.data).unwrap();
    let q_before = s.store().opening(q).unwrap().status;
    press(&mut s, "xy");
    assert_eq!(
        s.store().opening(q).unwrap().status,
        OpeningStatus::Dismissed
    );
    press(&mut s, "uy");
    assert_eq!(s.store().opening(q).unwrap().status, q_before);
    assert!(s
        .app
        .status
        .as_ref()
        .unwrap()
        .text
        .contains("undone: 'opening #"));
}

#[test]
fn the_engineer_sheet_edits_confirms_today_and_ends_an_assignment_all_undoable() {
    let mut s = session(Lang::Ja, (120, 40));
    press(&mut s, "3");
    let id = s.app.selected_engineer().unwrap().id;
    let before = s.store().engineer(id).unwrap();
    // c: availability confirmed today.
    press(&mut s, "c");
    assert_eq!(
        s.store().engineer(id).unwrap().availability_confirmed,
        Some(today())
    );
    // e: the form; the first field is the free date, typed in the same syntax as --set.
    press(&mut s, "e");
    assert!(matches!(s.app.overlay, Some(Overlay::EngineerForm(_))));
    press(&mut s, "\n");
    s.key(ctrl('u'));
    press(&mut s, "2026/13/01\n");
    let err = s.app.status.clone().unwrap();
    assert!(err.error && err.text.starts_with("稼働可能日"), "{err:?}");
    s.key(ctrl('u'));
    press(&mut s, "2026-05-01\n");
    // Down to the skills: aliases and widths fold as imports do.
    press(&mut s, &"j".repeat(9));
    press(&mut s, "\n");
    s.key(ctrl('u'));
    press(&mut s, "ｊａｖａ 6, ポスグレ 2\nw");
    let e = s.store().engineer(id).unwrap();
    assert_eq!(
        e.available_from,
        chrono::NaiveDate::from_ymd_opt(2026, 5, 1)
    );
    assert_eq!(e.skills.len(), 2, "{:?}", e.skills);
    assert_eq!(s.app.data.engineer(id).unwrap().skills.len(), 2);
    // u twice: the edit, then the confirmation.
    press(&mut s, "uy");
    assert!(s.app.status.as_ref().unwrap().text.contains("編集"));
    press(&mut s, "uy");
    let back = s.store().engineer(id).unwrap();
    assert_eq!(back.available_from, before.available_from);
    assert_eq!(back.availability_confirmed, before.availability_confirmed);
    assert_eq!(back.skills, before.skills);
}

#[test]
fn a_ends_the_assignment_on_the_engineer_sheet() {
    let mut s = session(Lang::En, (120, 40));
    press(&mut s, "3");
    // The first engineer with an assignment that has not ended.
    let idx = s
        .app
        .data
        .engineers()
        .iter()
        .position(|e| {
            s.app.data.assigned.contains(&e.id) && e.available_from.is_some_and(|d| d > today())
        })
        .unwrap();
    press(&mut s, &"j".repeat(idx));
    let id = s.app.selected_engineer().unwrap().id;
    press(&mut s, "a");
    assert!(matches!(s.app.overlay, Some(Overlay::EndAssignment { .. })));
    s.key(ctrl('u'));
    press(&mut s, "2026-03-20\n");
    let e = s.app.data.engineer(id).unwrap();
    assert_eq!(
        e.available_from,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 21)
    );
    assert!(screen(&s).contains("2026-03-20"), "{}", screen(&s));
    press(&mut s, "uy");
    assert!(s
        .app
        .status
        .as_ref()
        .unwrap()
        .text
        .contains("assignment ends"));
}

#[test]
fn the_pipeline_pane_tells_the_story_with_dates_notes_and_the_rate() {
    let mut s = session(Lang::Ja, (120, 40));
    press(&mut s, "\np");
    s.key(ctrl('u'));
    press(&mut s, "68\n初回提案\n4t\n");
    press(&mut s, "内定 12/5 口頭、条件書待ち\n");
    let text = screen(&s);
    assert!(text.contains("単価 68万"), "{text}");
    assert!(text.contains("03/02 提案中 「初回提案」"), "{text}");
    assert!(text.contains("「内定 12/5 口頭、条件書待ち」"), "{text}");
}

#[test]
fn counters_shrink_before_they_go_and_same_titles_get_a_client_column() {
    let s = session(Lang::En, (120, 40));
    let top = screen(&s).lines().next().unwrap_or("").to_string();
    assert!(top.contains("50 new · 42 >24h"), "{top}");

    let mut store = demo_store();
    let openings = store.load_openings().unwrap();
    let (a, b) = openings
        .iter()
        .enumerate()
        .find_map(|(i, o)| {
            openings[i + 1..]
                .iter()
                .find(|p| p.title == o.title && p.client_id != o.client_id)
                .map(|p| (o.clone(), p.clone()))
        })
        .expect("two openings of one title for two clients");
    let e = store.load_engineers().unwrap()[0].id;
    store.propose(a.id, e, None, now()).unwrap();
    store.propose(b.id, e, None, now()).unwrap();
    let clients = store.clients().unwrap();
    let mut s = session_on(store, Lang::En, (80, 24));
    press(&mut s, "4");
    let text = screen(&s);
    for o in [&a, &b] {
        let name = &clients[&o.client_id.unwrap()].name;
        let head: String = name.chars().take(3).collect();
        assert!(text.contains(&head), "{head} in\n{text}");
    }
}

#[test]
fn search_folds_width_case_and_aliases_and_finds_places() {
    let mut s = session(Lang::Ja, (120, 40));
    let count = |s: &Session<'_>| s.app.search.results.total;
    press(&mut s, "/java");
    let plain = count(&s);
    assert!(plain > 0);
    s.key(ctrl('u'));
    press(&mut s, "ｊａｖａ");
    assert_eq!(count(&s), plain, "full width finds the same");
    s.key(ctrl('u'));
    press(&mut s, "ポスグレ");
    assert!(count(&s) > 0, "an alias finds PostgreSQL engineers");
    assert!(screen(&s).contains("PostgreSQL"), "{}", screen(&s));
    // A skill and a place together.
    let station = s
        .app
        .data
        .engineers()
        .iter()
        .find(|e| {
            e.skill_years(
                benchmatch::skills::Taxonomy::builtin()
                    .lookup("Java")
                    .unwrap(),
            )
            .is_some()
        })
        .and_then(|e| e.station.clone())
        .unwrap();
    s.key(ctrl('u'));
    press(&mut s, &format!("java {station}"));
    assert!(
        count(&s) > 0 && count(&s) < plain,
        "{station}: {}",
        count(&s)
    );
}

#[test]
fn help_explains_the_columns_marks_and_colours_of_the_screen() {
    let mut s = session(Lang::Ja, (160, 48));
    press(&mut s, "?");
    let text = screen(&s);
    for term in [
        "格",
        "顧客ランク",
        "最高",
        "候補",
        "リモート",
        "列・記号・色の意味",
    ] {
        assert!(text.contains(term), "{term}:\n{text}");
    }
    press(&mut s, "\x1b\n?");
    let text = screen(&s);
    for term in ["✓", "提案済み", "スコアの棒", "緑 / 黄 / 赤"] {
        assert!(text.contains(term), "{term}:\n{text}");
    }
}

#[test]
fn an_opening_with_no_engineers_yet_says_how_to_import_them() {
    let tax = benchmatch::skills::Taxonomy::builtin();
    let mut store = benchmatch::store::Store::open_in_memory(tax).unwrap();
    let o = benchmatch::domain::Opening::new("Java 開発", now());
    store.insert_opening(&o, Some("A社"), None, now()).unwrap();
    let mut s = session_on(store, Lang::Ja, (120, 40));
    assert!(
        screen(&s).contains("benchmatch import engineers FILE"),
        "{}",
        screen(&s)
    );
    press(&mut s, "\n");
    assert_eq!(s.app.screen, Screen::Opening);
    let text = screen(&s);
    assert!(text.contains("人材がまだいません"), "{text}");
    assert!(!text.contains("条件を満たす候補がいません"), "{text}");
}

#[test]
fn y_copies_a_candidates_summary_from_the_engineer_screen() {
    let mut s = session(Lang::Ja, (120, 40));
    press(&mut s, "3");
    let e = s.app.selected_engineer().unwrap().clone();
    let fx = s.key(key(KeyCode::Char('y')));
    let [Effect::Copy(text)] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    assert!(
        text.starts_with(&format!("■氏名: {}", e.initials)),
        "{text}"
    );
    assert!(text.contains("■スキル"), "{text}");
    assert!(
        !text.contains(&e.name),
        "the summary names initials only: {text}"
    );
    assert!(s.app.status.as_ref().unwrap().text.contains("コピー"));
}

#[test]
fn long_values_scroll_while_typed_in_every_field_editor() {
    let long = format!("{}END", "あいうえお".repeat(40));
    // E: the requirements form.
    let mut s = session(Lang::Ja, (80, 24));
    press(&mut s, "\nE\n");
    s.key(ctrl('u'));
    press(&mut s, &long);
    let text = screen(&s);
    assert!(text.contains("END") && text.contains('…'), "{text}");
    // n: the posting's fields.
    let mut s = session(Lang::Ja, (80, 24));
    press(&mut s, "n");
    s.dispatch(Action::Paste("【案件名】Go 開発\n【単価】70万\n".into()));
    s.key(ctrl('s'));
    press(&mut s, "\n");
    s.key(ctrl('u'));
    press(&mut s, &long);
    let text = screen(&s);
    assert!(text.contains("END") && text.contains('…'), "{text}");
    // e: the engineer form, typed in the footer.
    let mut s = session(Lang::Ja, (80, 24));
    press(&mut s, "3e");
    press(&mut s, &"j".repeat(10));
    press(&mut s, "\n");
    press(&mut s, &long);
    let text = screen(&s);
    assert!(text.contains("END") && text.contains('…'), "{text}");
}

#[test]
fn the_engineer_sheet_shows_ng_nationality_age_and_skills_outside_the_taxonomy() {
    let tax = benchmatch::skills::Taxonomy::builtin();
    let mut store = benchmatch::store::Store::open_in_memory(tax).unwrap();
    let rec: benchmatch::store::EngineerRecord = serde_json::from_value(serde_json::json!({
        "name": "佐藤 花子",
        "affiliation": "partner",
        "partner": "株式会社ソラ",
        "employment": "正社員",
        "foreign": true,
        "japanese_level": "N1",
        "age_band": "30代",
        "ng": "金融NG、夜勤不可",
        "skills": [{"name": "Java", "years": 5}, {"name": "MuleSoft", "years": 2},
                   {"name": "バックオフィス", "years": 0}]
    }))
    .unwrap();
    store.import_engineers(&[(1, rec)], tax).unwrap();
    let mut s = session_on(store, Lang::Ja, (220, 40));
    press(&mut s, "3");
    let text = screen(&s);
    for want in [
        "金融NG、夜勤不可",
        "MuleSoft 2",
        "バックオフィス",
        "辞書外",
        "30代",
        "N1",
        "正社員",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
}

#[test]
fn the_engineer_sheet_records_a_running_assignment_and_rotation_lists_it() {
    let mut s = session(Lang::Ja, (120, 40));
    press(&mut s, "3");
    let id = s.app.selected_engineer().unwrap().id;
    let before = s.store().bookings().unwrap().len();
    // A: client first, the date and 長期 prefilled.
    press(&mut s, "A");
    assert!(matches!(s.app.overlay, Some(Overlay::AddAssignment { .. })));
    press(&mut s, "ヒカリ損保\n");
    let all = s.store().bookings().unwrap();
    assert_eq!(all.len(), before + 1);
    let added = all
        .iter()
        .find(|b| b.engineer_id == id && b.client.as_deref() == Some("ヒカリ損保"))
        .unwrap();
    assert_eq!((added.from, added.to), (today(), None));
    assert!(s
        .app
        .data
        .bookings
        .open_ended(today())
        .iter()
        .any(|(e, ..)| *e == id));
    // A bad date is refused in the prompt, nothing stored.
    press(&mut s, "A");
    s.key(ctrl('u'));
    press(&mut s, "X 2026-13-01\n");
    assert!(s.app.status.clone().unwrap().error);
    assert_eq!(s.store().bookings().unwrap().len(), before + 1);
}

#[test]
fn a_sheet_assignment_line_reads_client_since_and_until() {
    use benchmatch::ops::bookings::read_assignment;
    let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    assert_eq!(
        read_assignment("ヒカリ損保 2025-04-01 長期").unwrap(),
        ("ヒカリ損保".to_string(), d(2025, 4, 1), None)
    );
    assert_eq!(
        read_assignment("大和 ロジ 2025/04/01 2027-03-31").unwrap(),
        ("大和 ロジ".to_string(), d(2025, 4, 1), Some(d(2027, 3, 31)))
    );
    assert_eq!(
        read_assignment("物流商事 2026-01-05").unwrap(),
        ("物流商事".to_string(), d(2026, 1, 5), None)
    );
    assert!(read_assignment("2026-01-05").is_err());
    assert!(read_assignment("物流商事 そのうち").is_err());
}

#[test]
fn c_on_the_opening_toggles_the_rotation_group_and_help_names_it() {
    let mut s = session(Lang::Ja, (120, 40));
    let id = s.app.queue.selected_id(&s.app.data).unwrap();
    press(&mut s, "\n");
    // An own engineer who fits this opening goes on a long assignment.
    let r = s.app.ranking(id).unwrap();
    let index = r
        .candidates
        .iter()
        .map(|c| c.index)
        .find(|&i| s.app.data.engineers()[i].affiliation.is_in_house())
        .expect("an in-house candidate");
    let eid = s.app.data.engineers()[index].id;
    press(&mut s, "3");
    press(&mut s, &"j".repeat(index));
    assert_eq!(s.app.selected_engineer().unwrap().id, eid);
    press(&mut s, "A");
    press(&mut s, "ヒカリ損保\n");
    press(&mut s, "1\n");
    assert_eq!(s.app.opening.id, Some(id));
    assert!(!s.app.opening.show_rotation);
    // c shows the rotation group in the list, selectable; c again goes back.
    press(&mut s, "c");
    assert!(s.app.opening.show_rotation);
    assert_eq!(s.app.selected_candidate(), Some(eid));
    let text = screen(&s);
    assert!(text.contains("要調整 (ローテーション)"), "{text}");
    assert!(text.contains("ヒカリ損保 に参画中"), "{text}");
    press(&mut s, "c");
    assert!(!s.app.opening.show_rotation);
    assert_ne!(s.app.selected_candidate(), None);
    // a (excluded) and c are exclusive.
    press(&mut s, "ca");
    assert!(s.app.opening.show_excluded && !s.app.opening.show_rotation);
    let help = keymap::help(Scope::Opening);
    assert!(help
        .iter()
        .flat_map(|(_, rows)| rows)
        .any(|(k, a)| k == "c" && *a == Action::ToggleRotation));
    press(&mut s, "?");
    assert!(screen(&s).contains("要調整"), "{}", screen(&s));
}

#[test]
fn the_queue_sorts_by_best_score_and_by_candidates_over_every_opening() {
    let mut s = session(Lang::Ja, (120, 40));
    let stats = |s: &Session<'_>| -> Vec<_> {
        s.app
            .queue
            .rows
            .iter()
            .map(|&i| s.app.ranks.stats(s.app.data.openings[i].id))
            .collect()
    };
    // Newest first ranks only the rows in view: the demo has more openings than that.
    assert!(stats(&s).iter().any(Option::is_none));
    press(&mut s, "ooooo");
    assert_eq!(s.app.queue.sort, Sort::Best);
    let all = stats(&s);
    assert!(all.iter().all(Option::is_some), "every opening ranked");
    let best: Vec<f32> = all
        .iter()
        .map(|x| x.unwrap().best.unwrap_or(-1.0))
        .collect();
    assert!(best.windows(2).all(|w| w[0] >= w[1] - 0.05), "{best:?}");
    assert!(best.first() > best.last());
    assert!(screen(&s).contains("最高点順"), "{}", screen(&s));
    press(&mut s, "o");
    assert_eq!(s.app.queue.sort, Sort::Candidates);
    let n: Vec<usize> = stats(&s).iter().map(|x| x.unwrap().passing).collect();
    assert!(n.windows(2).all(|w| w[0] >= w[1]), "{n:?}");
    assert!(n.first() > n.last());
    assert!(screen(&s).contains("候補数順"));
    press(&mut s, "o");
    assert_eq!(s.app.queue.sort, Sort::Newest);
}
