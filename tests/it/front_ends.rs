//! The two front ends give the same answers because they call the same ops function.

use crate::common::Sandbox;
use crate::tui_common::session_on;
use benchmatch::i18n::Lang;
use benchmatch::tui::app::Overlay;
use benchmatch::tui::Effect;

/// An opening capped at 99万 and an engineer asking 120万: both front ends quote 99万.
#[test]
fn pitch_quotes_the_same_capped_rate_from_the_cli_and_the_dashboard() {
    let sb = Sandbox::new();
    sb.demo(5, 2);
    sb.ok(&[
        "edit",
        "opening",
        "1",
        "--set",
        "rate_min=80",
        "--set",
        "rate_max=99",
    ]);
    sb.ok(&["edit", "engineer", "1", "--set", "rate=120"]);
    let cli = sb.ok(&["pitch", "1", "1", "--lang", "ja", "--as-of", "2026-03-02"]);
    assert!(cli.contains("99万"), "{cli}");
    assert!(!cli.contains("120万"), "{cli}");

    let tax = benchmatch::skills::Taxonomy::builtin();
    let store = benchmatch::store::Store::open(&sb.db(), tax).unwrap();
    let mut s = session_on(store, Lang::Ja, (120, 40));
    s.effect(Effect::Pitch {
        opening_id: 1,
        engineer_id: 1,
    });
    let Some(Overlay::Pitch { pitch, .. }) = &s.app.overlay else {
        panic!("no pitch: {:?} {:?}", s.app.overlay, s.app.status);
    };
    assert_eq!(pitch.text.trim_end(), cli.trim_end());
}

const POSTING_A: &str = "【案件名】物流倉庫管理システムの機能追加\n【必須スキル】Java 3年以上、Spring Boot\n【尚可】AWS\n【単価】60〜75万円\n【場所】東京都江東区（豊洲）\n【開始】2027年1月\n【面談】1回\n";
const POSTING_B: &str = "【案件名】保険契約照会画面のリニューアル\n【必須スキル】TypeScript 2年以上、React\n【尚可】Next.js\n【単価】〜70万円\n【場所】新宿 リモート併用\n【開始】2027年2月\n";

fn paste_and_save(s: &mut benchmatch::tui::Session<'_>, text: &str) {
    use crate::tui_common::{ctrl, press};
    press(s, "n");
    s.dispatch(benchmatch::tui::Action::Paste(text.into()));
    s.key(ctrl('s'));
    s.key(ctrl('s'));
}

/// A posting pasted into the dashboard goes through the import's duplicate detection,
/// both ways: a paste of a mailed posting adds nothing, and the mail of a pasted one
/// is recognised.
#[test]
fn a_pasted_posting_is_checked_for_duplicates_like_an_imported_one() {
    let sb = Sandbox::new();
    sb.demo(5, 2);
    let file = sb.path("a.txt");
    std::fs::write(&file, POSTING_A).unwrap();
    let imported = import_openings(&sb, &file);
    assert!(imported.starts_with("1 new openings"), "{imported}");

    let tax = benchmatch::skills::Taxonomy::builtin();
    let store = benchmatch::store::Store::open(&sb.db(), tax).unwrap();
    let mut s = session_on(store, Lang::Ja, (120, 40));
    let before = s.store().counts().unwrap().openings;
    paste_and_save(&mut s, POSTING_A);
    assert_eq!(s.store().counts().unwrap().openings, before, "stored twice");
    let status = s
        .app
        .status
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(status.contains("登録済み"), "{status}");

    // A new posting pasted first, then the same arriving by mail: recognised.
    paste_and_save(&mut s, POSTING_B);
    assert_eq!(s.store().counts().unwrap().openings, before + 1);
    drop(s);
    let mail = sb.path("b.eml");
    std::fs::write(
        &mail,
        format!(
            "From: 営業 <sales@partner.co.jp>\nSubject: 案件のご紹介\nDate: Fri, 20 Nov 2026 09:00:00 +0900\nContent-Type: text/plain; charset=utf-8\n\n{POSTING_B}"
        ),
    )
    .unwrap();
    let mailed = import_openings(&sb, &mail);
    assert!(mailed.starts_with("0 new openings"), "{mailed}");
    assert!(
        mailed.contains("1 duplicates linked") || mailed.contains("1 already imported"),
        "{mailed}"
    );
}

/// `import openings FILE`'s summary line (stderr).
fn import_openings(sb: &Sandbox, file: &std::path::Path) -> String {
    let out = sb.run(&["import", "openings", file.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    err
}

/// `edit opening` and the dashboard's revise rank the same pool: an engineer signed
/// elsewhere (booked) does not "enter the top" of either report.
#[test]
fn a_revision_reranks_the_same_booked_pool_from_the_cli_and_the_dashboard() {
    let sb = Sandbox::new();
    sb.ok(&[
        "demo",
        "--no-open",
        "--today",
        "2026-03-02",
        "--engineers",
        "40",
        "--openings",
        "5",
    ]);
    // Engineer 5 (SAP, ABAP) signed on opening 1: booked, not on the bench.
    sb.ok(&["propose", "1", "5"]);
    let id = sb.ok(&["pipeline", "--json"]);
    let id = serde_json::from_str::<serde_json::Value>(&id).unwrap();
    let id = id
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["engineer_id"] == 5)
        .unwrap()["id"]
        .to_string();
    for stage in ["interview", "interviewed", "offered", "signed"] {
        sb.ok(&["stage", &id, stage]);
    }
    let copy = sb.path("copy.db");
    sb.ok(&["backup", copy.to_str().unwrap()]);
    // An opening now asking exactly what engineer 5 has.
    let sets = ["must=SAP:5", "rate_max=130"];
    let cli = sb.ok(&[
        "edit",
        "opening",
        "2",
        "--set",
        sets[0],
        "--set",
        sets[1],
        "--as-of",
        "2026-03-02",
        "--json",
    ]);
    let cli: serde_json::Value = serde_json::from_str(&cli).unwrap();
    let cli_moved: Vec<i64> = cli["movements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["engineer_id"].as_i64().unwrap())
        .collect();
    assert!(!cli_moved.is_empty(), "{cli}");
    assert!(!cli_moved.contains(&5), "a booked engineer entered: {cli}");

    let tax = benchmatch::skills::Taxonomy::builtin();
    let store = benchmatch::store::Store::open(&copy, tax).unwrap();
    let mut requirements = store.requirements(2, tax).unwrap();
    for s in sets {
        requirements.set(s).unwrap();
    }
    let mut s = session_on(store, Lang::En, (120, 40));
    s.effect(Effect::Revise {
        opening_id: 2,
        requirements: Box::new(requirements),
        corrections: Vec::new(),
    });
    let Some(Overlay::Rerank { diff, .. }) = &s.app.overlay else {
        panic!("no rerank: {:?} {:?}", s.app.overlay, s.app.status);
    };
    let dash_moved: Vec<i64> = diff.movements.iter().map(|m| m.engineer_id()).collect();
    assert_eq!(
        dash_moved[..cli_moved.len().min(dash_moved.len())],
        cli_moved[..]
    );
}

/// `--lang=ja` (one argument) asks for Japanese JSON as much as `--lang ja` does; without
/// `--lang`, JSON is English for scripts.
#[test]
fn rank_json_answers_in_the_language_asked_however_the_flag_is_spelled() {
    let sb = Sandbox::new();
    sb.demo(300, 3);
    let reasons = |args: &[&str]| -> String {
        let out = sb.cmd(args).env("LANG", "ja_JP.UTF-8").output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(!v["candidates"].as_array().unwrap().is_empty(), "{v}");
        v["candidates"].to_string()
    };
    let joined = reasons(&["--lang=ja", "rank", "1", "--json", "--as-of", "2026-11-26"]);
    let spaced = reasons(&[
        "--lang",
        "ja",
        "rank",
        "1",
        "--json",
        "--as-of",
        "2026-11-26",
    ]);
    let english = reasons(&["rank", "1", "--json", "--as-of", "2026-11-26"]);
    let has_kana = |s: &str| s.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c));
    assert_eq!(joined, spaced);
    assert_ne!(joined, english);
    assert!(has_kana(&joined), "{joined}");
}
