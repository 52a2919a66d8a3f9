//! The rep's corrections teach the reader (issue 24): a term dropped twice for one firm is
//! not read again from it, nor from anyone once three firms dropped it; an alias given once
//! is used everywhere; the sending firm is the opening's partner; rules survive an export.
//! Through the dashboard's requirements editor and through the CLI, on mails written here
//! (`tests/fixtures/learned`).

use std::path::{Path, PathBuf};

use benchmatch::i18n::Lang;
use benchmatch::ops::import_postings::{import, Input};
use benchmatch::skills::Taxonomy;
use benchmatch::store::Store;
use ratatui::crossterm::event::KeyCode;

use crate::common::{fixture, Sandbox};
use crate::tui_common::{ctrl, key, now, press, screen, session_on};

const FIRM_A: &str = "株式会社サンプルシステムズ";

fn mail(name: &str) -> PathBuf {
    fixture(&format!("learned/{name}.eml"))
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The must names of an opening as `show opening --json` prints them.
fn cli_must(sb: &Sandbox, id: i64) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(&sb.ok(&["show", "opening", &id.to_string(), "--json"])).unwrap();
    v["must"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g.as_array().unwrap().iter())
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

fn has(names: &[String], n: &str) -> bool {
    names.iter().any(|x| x == n)
}

#[test]
fn the_cli_learns_drops_per_firm_then_for_everyone_and_aliases_at_once() {
    let sb = Sandbox::new();
    sb.ok(&["config", "set", "company", "株式会社ミライテック"]);
    sb.ok(&["import", "openings", path(&mail("a1"))]);
    // The firm that sent it is the opening's partner; our own firm (greeted) never is.
    let shown = sb.ok(&["show", "opening", "1"]);
    assert!(
        shown.contains(&format!("sent_by         {FIRM_A}")),
        "{shown}"
    );
    assert!(
        !shown.contains("sent_by         株式会社ミライテック"),
        "{shown}"
    );
    assert!(has(&cli_must(&sb, 1), "物流"));

    sb.ok(&["edit", "opening", "1", "--set", "must-=物流"]);
    sb.ok(&["skills", "add-alias", "GLOVIA", "ERP"]);
    sb.ok(&["import", "openings", path(&mail("a2"))]);
    let second = cli_must(&sb, 2);
    assert!(has(&second, "ERP") && !has(&second, "GLOVIA"), "{second:?}");
    // Dropped once for this firm: still read.
    assert!(has(&second, "物流"), "{second:?}");

    sb.ok(&["edit", "opening", "2", "--set", "must-=物流"]);
    // `parse --explain` names the rule before anything is stored.
    let explained = sb.ok(&["parse", "--explain", path(&mail("a3"))]);
    assert!(
        explained.contains(&format!("物流 ← drop '物流' (corrected 2× for {FIRM_A})")),
        "{explained}"
    );
    sb.ok(&["import", "openings", path(&mail("a3"))]);
    let third = cli_must(&sb, 3);
    assert!(!has(&third, "物流") && has(&third, "ERP"), "{third:?}");

    // Another firm still reads it; two firms are not yet everyone.
    sb.ok(&["import", "openings", path(&mail("b1"))]);
    let other_firm = cli_must(&sb, 4);
    assert!(has(&other_firm, "物流"), "{other_firm:?}");
    // The alias, added once, is used for every firm.
    assert!(
        has(&other_firm, "ERP") && !has(&other_firm, "GLOVIA"),
        "{other_firm:?}"
    );
    sb.ok(&["edit", "opening", "4", "--set", "must-=物流"]);
    sb.ok(&["import", "openings", path(&mail("c1"))]);
    assert!(
        has(&cli_must(&sb, 5), "物流"),
        "two firms dropped it, not three"
    );
    assert!(sb
        .ok(&["show", "opening", "5"])
        .contains("sent_by         c-soft.example.co.jp"));
    sb.ok(&["edit", "opening", "5", "--set", "must-=物流"]);
    // Three firms dropped it: nobody's postings read it now.
    sb.ok(&["import", "openings", path(&mail("d1"))]);
    let fourth_firm = cli_must(&sb, 6);
    assert!(
        !has(&fourth_firm, "物流") && has(&fourth_firm, "Go"),
        "{fourth_firm:?}"
    );

    let rules = sb.ok(&["skills", "rules"]);
    assert!(rules.contains("corrected by 3 firms"), "{rules}");
    assert!(rules.contains("alias → ERP"), "{rules}");
}

#[test]
fn a_learned_rule_survives_export_and_import_all() {
    let sb = Sandbox::new();
    sb.ok(&["import", "openings", path(&mail("a1")), path(&mail("a2"))]);
    sb.ok(&[
        "edit",
        "opening",
        "1",
        "--set",
        "must-=物流",
        "--by",
        "alice",
    ]);
    sb.ok(&["edit", "opening", "2", "--set", "must-=物流"]);
    // An alias from the editor's rename: kept in the database only, not in a skills file.
    sb.ok(&["skills", "add-alias", "GLOVIA", "ERP"]);
    let out = sb.path("export.json");
    sb.ok(&["export", "--out", path(&out)]);
    let redacted: serde_json::Value =
        serde_json::from_str(&sb.ok(&["export", "--redact"])).unwrap();
    let kept = &redacted["history"]["learned_rules"];
    assert_eq!(kept.as_array().map(Vec::len), Some(3), "{kept}");
    assert_eq!(kept[0]["term"], "物流");
    assert_eq!(kept[0]["by"], "", "who corrected stays in the team");
    assert!(std::fs::read_to_string(&out).unwrap().contains("\"alice\""));
    // Known here through the skills file add-alias wrote: a spelling of a skill may leave.
    assert_eq!(kept[2]["term"], "GLOVIA");

    let other = Sandbox::new();
    other.ok(&["import", "all", path(&out)]);
    // No skills file here: only the imported rules can turn GLOVIA into ERP.
    assert!(!other.dir.path().join("config").join("skills.toml").exists());
    assert!(other
        .ok(&["show", "opening", "1"])
        .contains(&format!("sent_by         {FIRM_A}")));
    let explained = other.ok(&["parse", "--explain", path(&mail("a3"))]);
    assert!(
        explained.contains("GLOVIA ← 'GLOVIA' means ERP"),
        "{explained}"
    );
    assert!(explained.contains("物流 ← drop '物流'"), "{explained}");
    other.ok(&["import", "openings", path(&mail("a3"))]);
    let third = cli_must(&other, 3);
    assert!(has(&third, "ERP") && !has(&third, "物流"), "{third:?}");
    let rules = other.ok(&["skills", "rules"]);
    assert_eq!(rules.lines().count(), 3, "{rules}");
    // Unknown to this taxonomy, GLOVIA is withheld from a redacted export, which still
    // imports with the rules it can vouch for.
    let shared = other.path("shared.json");
    other.ok(&["export", "--redact", "--out", path(&shared)]);
    let team = Sandbox::new();
    team.ok(&["import", "all", path(&shared)]);
    let rules = team.ok(&["skills", "rules"]);
    assert_eq!(rules.lines().count(), 2, "{rules}");
    assert!(!rules.contains("GLOVIA"), "{rules}");
    other.ok(&["skills", "rules", "--forget", "3"]);
    assert_eq!(other.ok(&["skills", "rules"]).lines().count(), 2);
    assert!(other
        .fails(&["skills", "rules", "--forget", "99"])
        .contains("no learned rule #99"));
}

/// Import one mail through the same operation as `import openings`; the new opening's id.
fn import_mail(store: &mut Store, name: &str) -> i64 {
    let s = import(
        store,
        Taxonomy::builtin(),
        &[Input::File(mail(name))],
        now(),
        &mut |_| {},
    );
    assert_eq!(s.new, 1, "{s:?}");
    store
        .load_openings()
        .unwrap()
        .iter()
        .map(|o| o.id)
        .max()
        .unwrap()
}

fn store_must(store: &Store, id: i64) -> Vec<String> {
    store
        .opening(id)
        .unwrap()
        .requirements
        .must_flat()
        .map(|r| r.name.clone())
        .collect()
}

/// Open the editor on opening `id` from the queue and select the row naming `term`.
fn edit_row(s: &mut benchmatch::tui::Session<'_>, id: i64, term: &str) {
    press(s, "1R");
    s.key(key(KeyCode::Home));
    for _ in 0..50 {
        if s.app.queue.selected_id(&s.app.data) == Some(id) {
            break;
        }
        press(s, "j");
    }
    assert_eq!(s.app.queue.selected_id(&s.app.data), Some(id));
    press(s, "\nE");
    let at = s
        .app
        .revise
        .reqs
        .iter()
        .position(|r| r.spec == term)
        .unwrap_or_else(|| panic!("no row {term}: {:?}", s.app.revise.reqs));
    for _ in 0..at {
        press(s, "j");
    }
}

#[test]
fn the_editor_teaches_the_next_posting_from_the_same_firm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bm.db");
    let tax = Taxonomy::builtin();
    let mut importer = Store::open(&db, tax).unwrap();
    let first = import_mail(&mut importer, "a1");
    let mut s = session_on(Store::open(&db, tax).unwrap(), Lang::Ja, (120, 40));
    // The opening screen names the sending firm.
    assert_eq!(
        s.app.data.opening(first).and_then(|o| o.sender.as_deref()),
        Some(FIRM_A)
    );
    press(&mut s, "\n");
    assert!(screen(&s).contains(FIRM_A), "{}", screen(&s));
    press(&mut s, "\x1b");
    // Drop 物流, rename GLOVIA to ERP through the picker, save.
    edit_row(&mut s, first, "物流");
    let source = s.app.revise.reqs.iter().find(|r| r.spec == "物流").unwrap();
    assert_eq!(source.source, "物流業界での業務経験");
    press(&mut s, "d");
    press(&mut s, "k");
    assert_eq!(s.app.revise.reqs[s.app.revise.list.selected].spec, "GLOVIA");
    press(&mut s, "r");
    s.key(ctrl('u'));
    press(&mut s, "ERP");
    assert_eq!(s.app.revise.pick.as_ref().unwrap().matches[0], "ERP");
    s.key(key(KeyCode::Enter));
    s.key(ctrl('s'));
    assert!(
        matches!(
            s.app.overlay,
            Some(benchmatch::tui::app::Overlay::Rerank { .. })
        ),
        "{:?}",
        s.app.status
    );
    assert_eq!(store_must(&importer, first), vec!["Java", "ERP"]);
    let rules = importer.learned_rules().unwrap();
    assert_eq!(rules.len(), 2, "{rules:?}");
    assert!(rules.iter().all(|r| r.firm.as_deref() == Some(FIRM_A)));

    // The second posting from the firm: the alias is used, the once-dropped term kept.
    let second = import_mail(&mut importer, "a2");
    let m = store_must(&importer, second);
    assert!(has(&m, "ERP") && has(&m, "物流"), "{m:?}");
    press(&mut s, "\x1b");
    edit_row(&mut s, second, "物流");
    press(&mut s, "d");
    s.key(ctrl('s'));
    // Dropped twice for this firm: its third posting is read without it.
    let third = import_mail(&mut importer, "a3");
    let m = store_must(&importer, third);
    assert!(!has(&m, "物流") && has(&m, "ERP"), "{m:?}");
    // Another firm's posting still has it; the alias, given once, is used for it too.
    let other = import_mail(&mut importer, "b1");
    let m = store_must(&importer, other);
    assert!(has(&m, "物流"), "{m:?}");
    assert!(has(&m, "ERP") && !has(&m, "GLOVIA"), "{m:?}");
}

/// Select the editor's row naming `term` from the top.
fn select(s: &mut benchmatch::tui::Session<'_>, term: &str) {
    let at = s
        .app
        .revise
        .reqs
        .iter()
        .position(|r| r.spec == term)
        .unwrap_or_else(|| panic!("no row {term}: {:?}", s.app.revise.reqs));
    s.key(key(KeyCode::Home));
    for _ in 0..at {
        press(s, "j");
    }
}

/// `n` moves a requirement to 尚可 and is learned as such: moved on two openings of one
/// firm, its next posting reads the term as 尚可. `Space` then `o` joins rows as any-of.
#[test]
fn the_editor_moves_to_nice_and_joins_as_any_of() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bm.db");
    let tax = Taxonomy::builtin();
    let mut importer = Store::open(&db, tax).unwrap();
    let first = import_mail(&mut importer, "a1");
    let mut s = session_on(Store::open(&db, tax).unwrap(), Lang::Ja, (80, 24));
    edit_row(&mut s, first, "物流");
    press(&mut s, "n");
    select(&mut s, "Java:3");
    // Space marks the row and steps to the next (GLOVIA); `o` joins the two.
    press(&mut s, " o");
    s.key(ctrl('s'));
    assert!(
        matches!(
            s.app.overlay,
            Some(benchmatch::tui::app::Overlay::Rerank { .. })
        ),
        "{:?}",
        s.app.status
    );
    let r = importer.opening(first).unwrap().requirements;
    let groups: Vec<Vec<&str>> = r
        .must
        .iter()
        .map(|g| g.iter().map(|x| x.name.as_str()).collect())
        .collect();
    assert_eq!(groups, vec![vec!["Java", "GLOVIA"]]);
    let nice: Vec<&str> = r.nice.iter().map(|x| x.name.as_str()).collect();
    assert!(nice.contains(&"物流") && nice.contains(&"AWS"), "{nice:?}");
    let rules = importer.learned_rules().unwrap();
    assert_eq!(rules.len(), 1, "a join teaches nothing: {rules:?}");
    assert_eq!(
        rules[0].kind,
        benchmatch::domain::learned::CorrectionKind::Nice
    );
    assert_eq!(rules[0].term, "物流");
    assert_eq!(rules[0].firm.as_deref(), Some(FIRM_A));

    // Moved once: the firm's next posting still asks for it.
    let second = import_mail(&mut importer, "a2");
    assert!(has(&store_must(&importer, second), "物流"));
    press(&mut s, "\x1b");
    edit_row(&mut s, second, "物流");
    press(&mut s, "n");
    s.key(ctrl('s'));
    // Moved on two openings of the firm: the third reads it as 尚可.
    let third = import_mail(&mut importer, "a3");
    let o = importer.opening(third).unwrap();
    assert!(!has(&store_must(&importer, third), "物流"));
    assert!(
        o.requirements.nice.iter().any(|x| x.name == "物流"),
        "{:?}",
        o.requirements
    );
}
