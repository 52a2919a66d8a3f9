//! The journal: undo and redo of this user's last action, refused when anyone changed the
//! same rows since (a second process included); field-level engineer edits that lose
//! nothing; edits held to the bounds of imports; restore refusing rows import would.

use benchmatch::domain::Engineer;
use benchmatch::i18n::Lang;
use benchmatch::ops::undo::{self as journal, Actor, Next};
use benchmatch::pipeline::Stage;
use benchmatch::skills::Taxonomy;
use benchmatch::store::Store;
use benchmatch::tui::app::Overlay;
use benchmatch::tui::Session;
use proptest::prelude::*;

use crate::common::Sandbox;
use crate::tui_common::*;

fn stage_to(s: &mut Session<'_>, to: Stage) {
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

fn status(s: &Session<'_>) -> String {
    s.app
        .status
        .as_ref()
        .map_or(String::new(), |x| x.text.clone())
}

fn asked(s: &Session<'_>) -> String {
    match &s.app.overlay {
        Some(Overlay::ConfirmReplay { label, .. }) => label.clone(),
        other => panic!("no undo question: {other:?}"),
    }
}

/// A demo database in a file, so a second process can write to it.
fn file_db(sb: &Sandbox) -> Store {
    let tax = Taxonomy::builtin();
    {
        let mut st = Store::open(&sb.db(), tax).unwrap();
        let data =
            benchmatch::demo::generate(60, 12, 42, now(), tax, benchmatch::geo::Places::builtin());
        st.import_demo(&data, tax).unwrap();
    }
    Store::open(&sb.db(), tax).unwrap()
}

#[test]
fn u_after_answer_none_takes_back_the_answer_only_and_says_which() {
    let mut s = session(Lang::Ja, (120, 40));
    let first = s.app.queue.selected_id(&s.app.data).unwrap();
    press(&mut s, "\np\n\n");
    let p = s.store().proposals().unwrap()[0].clone();
    press(&mut s, "4");
    stage_to(&mut s, Stage::Offered);
    // 該当者なし on another, unanswered opening.
    press(&mut s, "1");
    let mut other = s.app.queue.selected_id(&s.app.data).unwrap();
    for _ in 0..20 {
        if other != first && s.store().opening(other).unwrap().answered_at.is_none() {
            break;
        }
        press(&mut s, "j");
        other = s.app.queue.selected_id(&s.app.data).unwrap();
    }
    assert_ne!(other, first);
    press(&mut s, "A");
    assert!(s.store().opening(other).unwrap().answered_at.is_some());
    // u names the answer, and asks.
    press(&mut s, "u");
    let label = asked(&s);
    assert!(
        label.contains("該当者なし") && label.contains(&format!("#{other}")),
        "{label}"
    );
    press(&mut s, "y");
    assert!(s.store().opening(other).unwrap().answered_at.is_none());
    assert!(status(&s).starts_with("元に戻しました: "), "{}", status(&s));
    // The older 内定 was not touched; it is the next to undo, and `n` keeps it.
    assert_eq!(s.store().pipeline_item(p.id).unwrap().stage, Stage::Offered);
    press(&mut s, "u");
    let label = asked(&s);
    assert!(label.contains("提案中 → 内定"), "{label}");
    press(&mut s, "n");
    assert_eq!(s.store().pipeline_item(p.id).unwrap().stage, Stage::Offered);
}

#[test]
fn undo_stops_at_an_action_that_cannot_be_undone() {
    let mut st = demo_store();
    let me = Actor {
        user: "rep".into(),
        origin: "dashboard".into(),
    };
    let o = st.load_openings().unwrap()[0].id;
    let e = st.load_engineers().unwrap()[0].id;
    journal::propose(&mut st, &me, o, e, None, "", now(), Lang::En).unwrap();
    let Next::Ready(proposed) = journal::next_undo(&st, &me).unwrap() else {
        panic!("the proposal is undoable");
    };
    let new = benchmatch::domain::Opening::new("貼り付けた案件", now());
    journal::irreversible(&mut st, &me, "new opening", now(), |s| {
        s.insert_opening(&new, None, Some("dashboard"), now())
    })
    .unwrap();
    let Next::Irreversible(barrier) = journal::next_undo(&st, &me).unwrap() else {
        panic!("undo must stop at the new opening");
    };
    assert_eq!(barrier.label, "new opening");
    let err = journal::undo(&mut st, &me, proposed.id, Lang::En).unwrap_err();
    assert!(err.to_string().contains("cannot be undone"), "{err}");
    assert_eq!(st.proposals().unwrap().len(), 1, "the older proposal stays");
    // Another user's undo is their own: nothing of theirs here.
    let other = Actor {
        user: "someone".into(),
        origin: "dashboard".into(),
    };
    assert_eq!(journal::next_undo(&st, &other).unwrap(), Next::Nothing);
}

#[test]
fn redo_performs_the_undone_action_again_until_a_new_action() {
    let mut s = session(Lang::En, (120, 40));
    let q = s.app.queue.selected_id(&s.app.data).unwrap();
    let was = s.store().opening(q).unwrap().status;
    press(&mut s, "xy");
    let dismissed = s.store().opening(q).unwrap().status;
    press(&mut s, "uy");
    assert_eq!(s.store().opening(q).unwrap().status, was);
    s.key(ctrl('r'));
    assert!(asked(&s).contains(&format!("#{q}")));
    press(&mut s, "y");
    assert_eq!(s.store().opening(q).unwrap().status, dismissed);
    assert!(status(&s).starts_with("redone: "), "{}", status(&s));
    s.key(ctrl('r'));
    assert!(
        status(&s).contains("Nothing undone to redo"),
        "{}",
        status(&s)
    );
    // Undo again, then a new action: the undone one cannot be redone any more.
    press(&mut s, "uy");
    press(&mut s, "\np\n\n");
    s.key(ctrl('r'));
    assert!(
        status(&s).contains("Nothing undone to redo"),
        "{}",
        status(&s)
    );
}

#[test]
fn undo_refuses_when_the_cli_signed_the_proposal_meanwhile_and_keeps_its_writes() {
    let sb = Sandbox::new();
    let mut s = session_on(file_db(&sb), Lang::En, (120, 40));
    press(&mut s, "\np\n\n");
    let p = s.store().proposals().unwrap()[0].clone();
    press(&mut s, "4");
    stage_to(&mut s, Stage::Offered);
    // A second process signs it.
    sb.ok(&["stage", &p.id.to_string(), "signed", "--keep-others"]);
    let events = s.store().proposal_events(p.id).unwrap();
    let booked = s.store().assignments_of(p.engineer_id).unwrap();
    press(&mut s, "u");
    assert!(asked(&s).contains("proposed → offered"));
    press(&mut s, "y");
    let msg = status(&s);
    assert!(s.app.status.as_ref().unwrap().error, "{msg}");
    assert!(msg.contains(&format!("proposal #{}", p.id)), "{msg}");
    assert!(msg.contains("stage"), "{msg}");
    assert!(
        msg.contains("offered → signed") && msg.contains("(cli)"),
        "{msg}"
    );
    assert_eq!(msg.lines().count(), 1);
    // Nothing was undone: the CLI's stage, events and booking stay.
    assert_eq!(s.store().pipeline_item(p.id).unwrap().stage, Stage::Signed);
    assert_eq!(s.store().proposal_events(p.id).unwrap(), events);
    assert_eq!(s.store().assignments_of(p.engineer_id).unwrap(), booked);
}

#[test]
fn a_profile_undo_refuses_over_a_later_cli_edit_of_the_same_engineer() {
    let sb = Sandbox::new();
    let mut s = session_on(file_db(&sb), Lang::En, (120, 40));
    press(&mut s, "3");
    let id = s.app.selected_engineer().unwrap().id;
    press(&mut s, "c");
    sb.ok(&[
        "edit",
        "engineer",
        &id.to_string(),
        "--set",
        "notes=phoned, keen",
    ]);
    press(&mut s, "uy");
    let msg = status(&s);
    assert!(msg.contains(&format!("engineer #{id} (notes")), "{msg}");
    assert_eq!(s.store().engineer(id).unwrap().notes, "phoned, keen");
    assert_eq!(
        s.store().engineer(id).unwrap().availability_confirmed,
        Some(today())
    );
}

#[test]
fn the_form_saves_only_its_fields_and_refuses_a_field_changed_meanwhile() {
    let sb = Sandbox::new();
    let mut s = session_on(file_db(&sb), Lang::En, (120, 40));
    press(&mut s, "3");
    let id = s.app.selected_engineer().unwrap().id;
    // The form opens, the CLI changes the notes, the form saves the station.
    press(&mut s, "e");
    sb.ok(&[
        "edit",
        "engineer",
        &id.to_string(),
        "--set",
        "notes=from cli",
    ]);
    let station = benchmatch::ops::engineers::FIELDS
        .iter()
        .position(|f| f.0 == "station")
        .unwrap();
    press(&mut s, &"j".repeat(station));
    press(&mut s, "\n");
    s.key(ctrl('u'));
    press(&mut s, "品川\nw");
    let e = s.store().engineer(id).unwrap();
    assert_eq!(e.station.as_deref(), Some("品川"));
    assert_eq!(e.notes, "from cli", "the CLI's notes are kept");
    // Now both change the station: the form's save is refused, naming it.
    press(&mut s, "e");
    sb.ok(&["edit", "engineer", &id.to_string(), "--set", "station=大崎"]);
    press(&mut s, &"j".repeat(station));
    press(&mut s, "\n");
    s.key(ctrl('u'));
    press(&mut s, "渋谷\nw");
    let msg = status(&s);
    assert!(
        msg.contains("nearest station") && msg.contains("reload"),
        "{msg}"
    );
    assert_eq!(
        s.store().engineer(id).unwrap().station.as_deref(),
        Some("大崎")
    );
}

/// Two editors of one engineer, each on its own fields, from two connections: loads and
/// saves interleaved at random (a save writes over a profile loaded earlier, as the
/// dashboard's form does), plus CLI-style edits. No saved value is ever lost.
#[derive(Debug, Clone)]
enum Step {
    Load(usize),
    Save(usize, usize, u8),
    Cli(usize, usize, u8),
}

const FIELDS_OF: [[&str; 2]; 2] = [["station", "notes"], ["japanese_level", "rate"]];

fn text_for(field: &str, v: u8) -> String {
    match field {
        "rate" => format!("{}", 50 + u32::from(v)),
        "station" => format!("駅{v}"),
        other => format!("{other}-{v}"),
    }
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        (0..2usize).prop_map(Step::Load),
        (0..2usize, 0..2usize, any::<u8>()).prop_map(|(w, f, v)| Step::Save(w, f, v)),
        (0..2usize, 0..2usize, any::<u8>()).prop_map(|(w, f, v)| Step::Cli(w, f, v)),
    ];
    proptest::collection::vec(step, 1..14)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]
    #[test]
    fn interleaved_edits_of_different_fields_lose_nothing(plan in steps()) {
        let tax = Taxonomy::builtin();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.db");
        let id = {
            let mut st = Store::open(&path, tax).unwrap();
            let data = benchmatch::demo::generate(2, 1, 7, now(), tax, benchmatch::geo::Places::builtin());
            st.import_demo(&data, tax).unwrap();
            st.load_engineers().unwrap()[0].id
        };
        let mut conns = [Store::open(&path, tax).unwrap(), Store::open(&path, tax).unwrap()];
        let actors = [0, 1].map(|i| Actor { user: format!("rep{i}"), origin: "cli".into() });
        let mut bases: [Engineer; 2] = [conns[0].engineer(id).unwrap(), conns[1].engineer(id).unwrap()];
        let mut expect: std::collections::BTreeMap<&str, String> = Default::default();
        for step in plan {
            match step {
                Step::Load(w) => bases[w] = conns[w].engineer(id).unwrap(),
                Step::Save(w, f, v) => {
                    let field = FIELDS_OF[w][f];
                    let mut edited = bases[w].clone();
                    benchmatch::ops::engineers::set(&mut edited, field, &text_for(field, v), tax, Lang::En).unwrap();
                    // The other editor's fields are never this one's: no clash possible.
                    benchmatch::ops::engineers::save(&mut conns[w], &actors[w], &bases[w], &edited, tax, now(), Lang::En).unwrap();
                    expect.insert(field, text_for(field, v));
                    // The form closes on save; the next edit opens on what is stored.
                    bases[w] = conns[w].engineer(id).unwrap();
                }
                Step::Cli(w, f, v) => {
                    let field = FIELDS_OF[w][f];
                    let set = format!("{field}={}", text_for(field, v));
                    benchmatch::ops::engineers::edit(&mut conns[w], &actors[w], id, &[set], tax, Lang::En, now()).unwrap();
                    expect.insert(field, text_for(field, v));
                    // This editor's own form reopens after its CLI edit.
                    bases[w] = conns[w].engineer(id).unwrap();
                }
            }
            let now_stored = conns[0].engineer(id).unwrap();
            for (field, want) in &expect {
                let got = benchmatch::ops::engineers::value(&now_stored, field, tax, Lang::En);
                let want = if *field == "station" { want.trim_end_matches('駅').to_string() } else { want.clone() };
                prop_assert_eq!(&got, &want, "{} lost", field);
            }
        }
    }
}

#[test]
fn two_processes_editing_different_fields_lose_no_edit() {
    let sb = Sandbox::new();
    drop(file_db(&sb));
    let id = "1";
    let runs = 15;
    let run = |field: &'static str| {
        let sb = &sb;
        move || {
            for i in 0..runs {
                sb.ok(&[
                    "edit",
                    "engineer",
                    id,
                    "--set",
                    &format!("{field}={field} {i}"),
                ]);
            }
        }
    };
    std::thread::scope(|t| {
        t.spawn(run("notes"));
        t.spawn(run("japanese_level"));
    });
    let tax = Taxonomy::builtin();
    let e = Store::open(&sb.db(), tax).unwrap().engineer(1).unwrap();
    assert_eq!(e.notes, format!("notes {}", runs - 1));
    assert_eq!(
        e.japanese_level.as_deref(),
        Some(format!("japanese_level {}", runs - 1).as_str())
    );
    // Every edit was journaled as its own action.
    let n: i64 = Store::open(&sb.db(), tax)
        .unwrap()
        .conn()
        .query_row("SELECT count(*) FROM journal", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2 * runs);
}

#[test]
fn edits_are_held_to_the_bounds_of_imports() {
    let sb = Sandbox::new();
    drop(file_db(&sb));
    let before = sb.snapshot();
    for set in [
        "available_from=9999-12-31",
        "available_from=+99999-01-01",
        "availability_confirmed=1900-01-01",
        "age_band=-1",
    ] {
        let err = sb.fails(&["edit", "engineer", "1", "--set", set]);
        assert!(!err.is_empty(), "{set}");
    }
    let long = format!("notes={}", "a".repeat(120_000));
    let err = sb.fails(&["edit", "engineer", "1", "--set", &long]);
    assert!(err.contains("10000"), "{err}");
    let err = sb.fails(&["assignment", "end", "1", "9999-12-31"]);
    assert!(err.contains("2100"), "{err}");
    assert_eq!(sb.snapshot(), before, "nothing was written");
    // What edits accept, export and `import all` take back.
    sb.ok(&[
        "edit",
        "engineer",
        "1",
        "--set",
        "available_from=2100-12-31",
    ]);
    let export = sb.path("all.json");
    sb.ok(&["export", "--out", export.to_str().unwrap()]);
    Sandbox::new().ok(&["import", "all", export.to_str().unwrap()]);
}

#[test]
fn restore_refuses_a_backup_with_a_malformed_date() {
    let sb = Sandbox::new();
    drop(file_db(&sb));
    let bad = sb.path("bad.db");
    sb.ok(&["backup", bad.to_str().unwrap()]);
    {
        let conn = rusqlite::Connection::open(&bad).unwrap();
        conn.execute(
            "UPDATE engineers SET available_from = '2026-13-45' WHERE id = 1",
            [],
        )
        .unwrap();
    }
    let before = sb.snapshot();
    let err = sb.fails(&["restore", bad.to_str().unwrap()]);
    assert!(err.contains("nothing restored"), "{err}");
    assert_eq!(sb.snapshot(), before);
    // A good backup still restores.
    let good = sb.path("good.db");
    sb.ok(&["backup", good.to_str().unwrap()]);
    sb.ok(&["restore", good.to_str().unwrap()]);
}

#[test]
fn restore_refuses_a_backup_row_that_import_all_would_refuse() {
    let sb = Sandbox::new();
    drop(file_db(&sb));
    let long_note = "x".repeat(120_000);
    for (n, (sql, says)) in [
        (
            format!("UPDATE engineers SET notes = '{long_note}' WHERE id = 1"),
            "engineer",
        ),
        (
            "INSERT INTO proposals (opening_id, engineer_id, rate, created_at)
             SELECT (SELECT min(id) FROM openings), min(id), 5000, '2026-12-01T00:00:00Z'
             FROM engineers"
                .to_string(),
            "proposal",
        ),
        (
            "PRAGMA foreign_keys = OFF; INSERT INTO proposal_events (proposal_id, stage, at, note)
             VALUES (999999, 'interview', '2026-12-01T00:00:00Z', '')"
                .to_string(),
            "proposal_events",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let bad = sb.path(&format!("bad{n}.db"));
        sb.ok(&["backup", bad.to_str().unwrap()]);
        {
            let conn = rusqlite::Connection::open(&bad).unwrap();
            conn.execute_batch(&sql).unwrap();
        }
        let before = sb.snapshot();
        let err = sb.fails(&["restore", bad.to_str().unwrap()]);
        assert!(err.contains("nothing restored"), "{sql}: {err}");
        assert!(err.contains(says), "{sql}: {err}");
        assert_eq!(sb.snapshot(), before);
    }
}

#[test]
fn the_cli_undoes_and_redoes_its_own_last_action() {
    let sb = Sandbox::new();
    drop(file_db(&sb));
    let notes = || {
        Store::open(&sb.db(), Taxonomy::builtin())
            .unwrap()
            .engineer(1)
            .unwrap()
            .notes
    };
    sb.ok(&["edit", "engineer", "1", "--set", "notes=first"]);
    sb.ok(&["edit", "engineer", "1", "--set", "notes=second"]);
    // No terminal to ask on: it says how, and does nothing.
    let err = sb.fails(&["undo"]);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(notes(), "second");
    let out = sb.ok(&["undo", "--yes"]);
    assert!(out.starts_with("undone: 'edit of"), "{out}");
    assert_eq!(notes(), "first");
    let out = sb.ok(&["redo", "--yes"]);
    assert!(out.starts_with("redone: 'edit of"), "{out}");
    assert_eq!(notes(), "second");
    assert!(sb.ok(&["redo", "--yes"]).contains("nothing undone to redo"));
}

/// A writer whose environment names nobody (cron, `env -i`) is still named in a refusal:
/// by the login name of the uid, never `?`.
#[test]
fn a_refusal_names_a_writer_the_environment_does_not_name() {
    let sb = Sandbox::new();
    drop(file_db(&sb));
    let run = |user: Option<&str>, args: &[&str]| {
        let mut c = sb.cmd(args);
        for k in ["BENCHMATCH_USER", "USER", "LOGNAME", "USERNAME"] {
            c.env_remove(k);
        }
        if let Some(u) = user {
            c.env("BENCHMATCH_USER", u);
        }
        c.output().unwrap()
    };
    assert!(run(
        Some("sato"),
        &["edit", "engineer", "1", "--set", "notes=first"]
    )
    .status
    .success());
    assert!(
        run(None, &["edit", "engineer", "1", "--set", "notes=second"])
            .status
            .success()
    );
    let out = run(Some("sato"), &["undo", "--yes"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("not undone"), "{err}");
    assert!(!err.contains(" ?"), "{err}");
}

#[test]
fn a_note_added_from_the_cli_keeps_the_proposal_from_being_undone() {
    let sb = Sandbox::new();
    let mut s = session_on(file_db(&sb), Lang::En, (120, 40));
    press(&mut s, "\np\n\n");
    let p = s.store().proposals().unwrap()[0].clone();
    // Only a note: the stage and every value of the proposal stay as they were.
    sb.ok(&["stage", &p.id.to_string(), "--note", "client called back"]);
    let events = s.store().proposal_events(p.id).unwrap();
    assert!(events.iter().any(|e| e.note == "client called back"));
    press(&mut s, "uy");
    let msg = status(&s);
    assert!(msg.contains(&format!("proposal #{}", p.id)), "{msg}");
    assert_eq!(s.store().proposal_events(p.id).unwrap(), events);
    assert_eq!(s.store().proposals().unwrap().len(), 1);
}

#[test]
fn the_form_refuses_what_imports_refuse_while_the_field_is_typed() {
    let mut s = session(Lang::Ja, (120, 40));
    press(&mut s, "3");
    let id = s.app.selected_engineer().unwrap().id;
    let before = s.store().engineer(id).unwrap();
    press(&mut s, "e\n");
    s.key(ctrl('u'));
    press(&mut s, "9999-12-31\n");
    let err = s.app.status.clone().unwrap();
    assert!(
        err.error
            && err
                .text
                .starts_with("稼働可能日: 9999-12-31 は 1950〜2100 年"),
        "{err:?}"
    );
    // Still typing: the form stays open with the field, nothing was written.
    assert!(matches!(s.app.overlay, Some(Overlay::EngineerForm(_))));
    let age = benchmatch::ops::engineers::FIELDS
        .iter()
        .position(|f| f.0 == "age_band")
        .unwrap();
    s.key(ctrl('u'));
    press(&mut s, "\x1b");
    press(&mut s, &"j".repeat(age));
    press(&mut s, "\n");
    s.key(ctrl('u'));
    press(&mut s, "-1\n");
    let err = s.app.status.clone().unwrap();
    assert!(
        err.error && err.text.contains("年代ではありません"),
        "{err:?}"
    );
    assert_eq!(s.store().engineer(id).unwrap(), before);
}

#[test]
fn the_journal_keeps_only_the_columns_an_update_changed() {
    let mut st = demo_store();
    let me = Actor {
        user: "rep".into(),
        origin: "dashboard".into(),
    };
    let o = st
        .load_openings()
        .unwrap()
        .into_iter()
        .find(|o| o.answered_at.is_none() && !o.raw_text.is_empty())
        .unwrap();
    journal::answer_none(&mut st, &me, o.id, now(), Lang::En).unwrap();
    let (before, after): (String, String) = st
        .conn()
        .query_row(
            "SELECT before, after FROM journal_rows WHERE tbl = 'openings'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    for side in [&before, &after] {
        assert!(
            side.contains("answered_at") && side.contains("version"),
            "{side}"
        );
        assert!(
            !side.contains("raw_text") && !side.contains("title"),
            "{side}"
        );
    }
    let Next::Ready(e) = journal::next_undo(&st, &me).unwrap() else {
        panic!("undoable");
    };
    journal::undo(&mut st, &me, e.id, Lang::En).unwrap();
    let back = st.opening(o.id).unwrap();
    assert_eq!(back.answered_at, o.answered_at);
    assert_eq!(back.raw_text, o.raw_text);
}
