//! The pipeline half of the dashboard: actions in, state and store out; and the
//! new screens and popups as pictures (80×24 and 160×48, Japanese and English).

use crate::tui_common::*;
use benchmatch::domain::Rank;
use benchmatch::i18n::Lang;
use benchmatch::pipeline::Stage;
use benchmatch::tui::app::{Overlay, Screen};
use benchmatch::tui::keymap::{self, Scope};
use benchmatch::tui::{Action, Effect, Session};
use ratatui::crossterm::event::KeyCode;

/// Open the first opening of the queue and propose its best candidate; the proposal id.
fn propose_first(s: &mut Session<'_>) -> i64 {
    press(s, "\np\n\n");
    let p = s.store().proposals().unwrap();
    p.last().expect("a proposal").id
}

/// Move the proposal under the cursor through the stage menu to `to`, with a note.
fn stage_to(s: &mut Session<'_>, to: Stage, note: &str) {
    press(s, "t");
    let Some(Overlay::StageMenu { options, .. }) = &s.app.overlay else {
        panic!("no stage menu: {:?}", s.app.overlay);
    };
    let at = options
        .iter()
        .position(|x| *x == to)
        .expect("stage offered");
    for _ in 0..at {
        press(s, "j");
    }
    press(s, "\n");
    if to.commits_engineer() {
        // The agreed start comes first, prefilled: Enter keeps it.
        assert!(matches!(
            s.app.overlay,
            Some(Overlay::StageNote { start: Some(_), .. })
        ));
        press(s, "\n");
    }
    assert!(matches!(
        s.app.overlay,
        Some(Overlay::StageNote { start: None, .. })
    ));
    for c in note.chars() {
        s.dispatch(Action::Input(c));
    }
    press(s, "\n");
}

#[test]
fn offered_is_flagged_unsigned_everywhere_until_signed() {
    let mut s = session(Lang::En, (160, 48));
    let id = propose_first(&mut s);
    press(&mut s, "4");
    assert_eq!(s.app.screen, Screen::Pipeline);
    assert_eq!(s.app.selected_proposal().map(|p| p.id), Some(id));
    stage_to(&mut s, Stage::Interview, "");
    stage_to(&mut s, Stage::Interviewed, "good fit, strong Java");
    stage_to(&mut s, Stage::Offered, "");
    let item = s.store().pipeline_item(id).unwrap();
    assert_eq!(item.stage, Stage::Offered);
    let events = s.store().proposal_events(id).unwrap();
    assert!(events.iter().any(|e| e.note == "good fit, strong Java"));
    assert!(s.app.flagged(id).unwrap().1.unsigned);
    // The pipeline, the opening's candidate row and the queue row all show it.
    assert!(screen(&s).contains("UNSIGNED"), "{}", screen(&s));
    press(&mut s, "\n");
    assert_eq!(s.app.screen, Screen::Opening);
    assert!(screen(&s).contains("‼UNSIGNED"), "{}", screen(&s));
    press(&mut s, "1");
    assert!(screen(&s).contains("‼UNSIGNED"), "{}", screen(&s));
    // The engineer sheet too.
    let eng = item.engineer_id;
    press(&mut s, "3");
    let i = s.app.data.engineer_index(eng).unwrap();
    s.app.engineers.list.selected = i;
    s.dispatch(Action::Refresh);
    assert!(screen(&s).contains("UNSIGNED"), "{}", screen(&s));
    // Signed: the flag is gone from every screen and the opening is won.
    press(&mut s, "4");
    stage_to(&mut s, Stage::Signed, "");
    assert_eq!(s.store().pipeline_item(id).unwrap().stage, Stage::Signed);
    assert!(!s.app.flagged(id).unwrap().1.unsigned);
    assert!(!screen(&s).contains("UNSIGNED"), "{}", screen(&s));
    press(&mut s, "1");
    assert!(!screen(&s).contains("UNSIGNED"));
}

#[test]
fn an_offer_lists_the_engineers_other_proposals_and_withdraws_them_in_one_step() {
    let mut store = demo_store();
    let eng = store.load_engineers().unwrap()[0].id;
    let openings: Vec<i64> = store
        .load_openings()
        .unwrap()
        .iter()
        .take(3)
        .map(|o| o.id)
        .collect();
    let ids: Vec<i64> = openings
        .iter()
        .map(|o| store.propose(*o, eng, None, now()).unwrap())
        .collect();
    let mut s = session_on(store, Lang::En, (160, 48));
    press(&mut s, "4");
    // Each shows the other two.
    assert!(screen(&s).contains("+2 other"), "{}", screen(&s));
    let at = s
        .app
        .pipeline
        .rows
        .iter()
        .position(|&i| s.app.data.pipeline[i].id == ids[0])
        .unwrap();
    s.app.pipeline.list.selected = at;
    stage_to(&mut s, Stage::Offered, "");
    let Some(Overlay::Withdraw { ids: listed, .. }) = &s.app.overlay else {
        panic!("no withdraw prompt: {:?}", s.app.overlay);
    };
    assert_eq!(listed, &ids[1..].to_vec());
    assert!(screen(&s).contains("Withdraw the engineer's other proposals?"));
    press(&mut s, "y");
    assert_eq!(s.app.overlay, None);
    for id in &ids[1..] {
        assert_eq!(
            s.store().pipeline_item(*id).unwrap().stage,
            Stage::Withdrawn
        );
    }
    assert_eq!(
        s.store().pipeline_item(ids[0]).unwrap().stage,
        Stage::Offered
    );
    // Declining the prompt keeps them: n leaves the store as it was.
}

#[test]
fn partner_confirmation_is_only_for_partner_engineers() {
    let mut s = session(Lang::En, (160, 48));
    let id = propose_first(&mut s);
    press(&mut s, "4c");
    let item = s.store().pipeline_item(id).unwrap();
    if item.partner_id.is_some() {
        assert_eq!(item.partner_confirmed, Some(true));
    } else {
        assert!(s.app.status.as_ref().unwrap().error);
    }
}

#[test]
fn pitch_popup_copies_by_osc52_and_writes_an_owner_only_file() {
    let mut s = session(Lang::Ja, (160, 48));
    press(&mut s, "\nP");
    let Some(Overlay::Pitch { pitch, .. }) = &s.app.overlay else {
        panic!("no pitch: {:?}", s.app.overlay);
    };
    let text = pitch.text.clone();
    assert!(!text.is_empty());
    let fx = s.key(key(KeyCode::Char('c')));
    assert_eq!(fx, vec![Effect::Copy(text.clone())]);
    let seq = benchmatch::tui::clipboard::osc52(&text, false);
    assert!(seq.starts_with("\x1b]52;c;") && seq.ends_with('\x07'));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pitch.txt");
    press(&mut s, "w");
    assert!(matches!(s.app.overlay, Some(Overlay::PathPrompt { .. })));
    s.key(ctrl('u'));
    s.dispatch(Action::Paste(path.display().to_string()));
    press(&mut s, "\n");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    press(&mut s, "\x1b");
    assert_eq!(s.app.overlay, None);
}

#[test]
fn editing_requirements_makes_a_revision_and_shows_the_rerank() {
    let mut s = session(Lang::En, (160, 48));
    press(&mut s, "\n");
    let id = s.app.opening.id.unwrap();
    let _ = propose_first_here(&mut s);
    press(&mut s, "E");
    assert_eq!(s.app.screen, Screen::Revise);
    // must is the second field: require a skill hardly anyone has.
    press(&mut s, "j\n");
    s.key(ctrl('u'));
    s.dispatch(Action::Paste("COBOL:10".into()));
    press(&mut s, "\n");
    s.key(ctrl('s'));
    let Some(Overlay::Rerank { diff, .. }) = &s.app.overlay else {
        panic!("no rerank: {:?} {:?}", s.app.overlay, s.app.status);
    };
    assert_eq!(diff.revision, 2);
    assert!(!diff.changes.is_empty());
    assert!(diff
        .movements
        .iter()
        .any(|m| matches!(m, benchmatch::pipeline::rerank::Movement::Left { .. })));
    assert_eq!(
        s.store()
            .revisions(id, benchmatch::skills::Taxonomy::builtin())
            .unwrap()
            .len(),
        2
    );
    assert_eq!(s.app.screen, Screen::Opening);
    press(&mut s, "\x1b");
    // The opening shows its revision; the proposal made before is marked outdated.
    assert!(screen(&s).contains("rev 2"));
    let item = s.app.data.pipeline.first().unwrap();
    assert!(item.outdated_revision());
    press(&mut s, "H");
    assert!(matches!(s.app.overlay, Some(Overlay::History { .. })));
    assert!(screen(&s).contains("must"), "{}", screen(&s));
}

fn propose_first_here(s: &mut Session<'_>) -> i64 {
    press(s, "p\n\n");
    s.store().proposals().unwrap().last().unwrap().id
}

#[test]
fn answer_none_and_client_rank_from_the_queue() {
    let mut s = session(Lang::En, (120, 40));
    let id = s.app.queue.selected_id(&s.app.data).unwrap();
    press(&mut s, "A");
    let o = s.store().opening(id).unwrap();
    assert!(o.answered_at.is_some());
    press(&mut s, "A");
    assert!(s.app.status.as_ref().unwrap().error, "answered twice");
    let client = s
        .app
        .data
        .openings
        .iter()
        .find(|o| o.id == id)
        .unwrap()
        .client_id;
    press(&mut s, "C");
    if client.is_none() {
        assert!(s.app.status.as_ref().unwrap().error);
        return;
    }
    assert!(matches!(s.app.overlay, Some(Overlay::RankMenu { .. })));
    s.key(key(KeyCode::Home));
    press(&mut s, "j\n");
    let c = s.store().client_list().unwrap();
    let c = c.iter().find(|c| Some(c.id) == client).unwrap();
    assert_eq!(c.rank, Some(Rank::B));
    assert_eq!(s.app.data.clients[&c.id].rank, Some(Rank::B));
}

#[test]
fn profile_checks_list_errors_first() {
    let mut s = session(Lang::En, (120, 40));
    press(&mut s, "5");
    assert_eq!(s.app.screen, Screen::Checks);
    let rows = s.app.checks.rows.clone().expect("loaded");
    let sev: Vec<_> = rows.iter().map(|(_, p)| p.severity()).collect();
    let mut sorted = sev.clone();
    sorted.sort();
    assert_eq!(sev, sorted);
    if !rows.is_empty() {
        press(&mut s, "\n");
        assert_eq!(s.app.screen, Screen::Engineers);
    }
}

#[test]
fn help_lists_every_pipeline_key() {
    let mut s = session(Lang::En, (160, 48));
    press(&mut s, "4?");
    let text = screen(&s);
    for b in keymap::BINDINGS
        .iter()
        .filter(|b| b.scope == Scope::Pipeline)
    {
        let label = benchmatch::tui::strings::action_help(&b.action, Lang::En);
        assert!(text.contains(label), "help lacks {label}");
    }
}

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];
const LANGS: [(Lang, &str); 2] = [(Lang::Ja, "ja"), (Lang::En, "en")];

fn shots(name: &str, setup: fn(&mut Session<'_>)) {
    for (w, h) in SIZES {
        for (lang, tag) in LANGS {
            let mut s = session(lang, (w, h));
            setup(&mut s);
            insta::assert_snapshot!(format!("{name}_{w}x{h}_{tag}"), screen(&s));
        }
    }
}

#[test]
fn pipeline_snapshots() {
    shots("pipeline", |s| {
        propose_first(s);
        press(s, "4");
        stage_to(s, Stage::Offered, "");
    });
}

#[test]
fn stage_menu_snapshots() {
    shots("stage_menu", |s| {
        propose_first(s);
        press(s, "4t");
    });
}

#[test]
fn pitch_snapshots() {
    shots("pitch", |s| press(s, "\nP"));
}

#[test]
fn revise_snapshots() {
    shots("revise", |s| press(s, "\nE"));
}

/// `E` opens the field editor the engineer form is, not a TOML of English keys: labels in
/// Japanese, values typed in the rep's words (フルリモート, 不可) and stored in the syntax of
/// `edit opening --set`.
#[test]
fn e_edits_the_openings_fields_by_japanese_label_in_the_reps_words() {
    let mut s = session(Lang::Ja, (80, 24));
    press(&mut s, "\n");
    let id = s.app.opening.id.unwrap();
    press(&mut s, "E");
    assert_eq!(s.app.screen, Screen::Revise);
    let text = screen(&s);
    assert!(
        text.contains("リモート") && text.contains("外国籍可") && !text.contains("foreign_ok"),
        "{text}"
    );
    fn set(s: &mut Session<'_>, name: &str, typed: &str) {
        let at = benchmatch::tui::state::revise::REVISE_FIELDS
            .iter()
            .position(|k| *k == name)
            .unwrap();
        s.key(key(KeyCode::Home));
        for _ in 0..s.app.revise.reqs.len() + at {
            press(s, "j");
        }
        press(s, "\n");
        s.key(ctrl('u'));
        s.dispatch(Action::Paste(typed.into()));
        press(s, "\n");
    }
    set(&mut s, "remote", "フルリモート");
    set(&mut s, "foreign_ok", "不可");
    s.key(ctrl('s'));
    assert!(
        matches!(s.app.overlay, Some(Overlay::Rerank { .. })),
        "{:?}",
        s.app.status
    );
    let o = s.store().opening(id).unwrap();
    assert_eq!(o.remote, Some(benchmatch::domain::Remote::Full));
    assert_eq!(o.foreign_ok, Some(false));
    // Shown again in the same words it was typed in.
    press(&mut s, "\x1b");
    assert_eq!(s.app.screen, Screen::Opening);
    press(&mut s, "E");
    assert_eq!(s.app.screen, Screen::Revise);
    let text = screen(&s);
    assert!(text.contains("フルリモート"), "{text}");
    assert!(!text.contains("full"), "{text}");
}

/// The requirements editor in Japanese at both sizes: a row chosen for any-of (●), then
/// the skill picker of a rename, narrowed by typing.
#[test]
fn requirements_editor_snapshots_in_japanese() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = session(Lang::Ja, (w, h));
        press(&mut s, "\nE ");
        insta::assert_snapshot!(format!("revise_marked_{w}x{h}_ja"), screen(&s));
        press(&mut s, "r");
        s.key(ctrl('u'));
        press(&mut s, "vue");
        insta::assert_snapshot!(format!("revise_pick_{w}x{h}_ja"), screen(&s));
    }
}

#[test]
fn checks_snapshots() {
    shots("checks", |s| press(s, "5"));
}

#[test]
fn rerank_snapshots() {
    shots("rerank", |s| {
        press(s, "\nEj\n");
        s.key(ctrl('u'));
        s.dispatch(Action::Paste("COBOL:10".into()));
        press(s, "\n");
        s.key(ctrl('s'));
    });
}

#[test]
fn an_unsigned_proposals_rate_and_note_change_from_the_board_into_its_story() {
    let mut s = session(Lang::Ja, (120, 40));
    // Propose the first candidate of the first opening, then go to the board.
    press(&mut s, "\n");
    press(&mut s, "p");
    press(&mut s, "\n");
    press(&mut s, "\n");
    press(&mut s, "4");
    let item = s.app.selected_proposal().cloned().expect("a proposal");
    press(&mut s, "r");
    assert!(matches!(
        s.app.overlay,
        Some(benchmatch::tui::app::Overlay::ProposalTerms { .. })
    ));
    s.key(ctrl('u'));
    press(&mut s, "61 | 面談は火曜午後\n");
    let after = s.store().pipeline_item(item.id).unwrap();
    assert_eq!(after.rate, benchmatch::domain::Man::new(61.0));
    assert_eq!(after.notes, "面談は火曜午後");
    let story = s.store().proposal_events(item.id).unwrap();
    assert!(story.iter().any(|e| e.note.contains("→ 61万")), "{story:?}");
}
