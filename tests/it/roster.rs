//! Rosters in the trade's words (CSV with a roster's own headers), the dry run that is the
//! import rolled back, and running assignments entered by hand feeding rotation.

use crate::common::Sandbox;

const ROSTER: &str =
    "氏名,所属,雇用形態,単価,スキル,稼働可能日,リモート,現在の現場,参画開始日,契約終了日,NG
山田 太郎,自社,正社員,65万,Java(6年)、Spring Boot 4年,,常駐可,ひかり損保,2025/4/1,長期,
佐藤 花子,(株)テックブリッジ,正社員,60,Python 4年,即日,リモート可,,,,金融NG
鈴木 一郎,株式会社テックブリッジ,個人事業主,70,AWS 3年,2月〜,一部リモート,,,,
高橋 次郎,自社,契約社員,55,Java 2年,随時,常駐可,,,,
";

const POSTING: &str = "件名：【Java】契約管理システム開発\n\n【案件名】契約管理システム開発\n\
【単価】～75万円\n【必須】Java 3年以上\n【場所】渋谷\n【開始】即日\n";

fn engineers(sb: &Sandbox) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(&sb.ok(&["engineers", "--json"]))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_csv_roster_in_the_trades_words_imports_with_its_partner_named_once() {
    let sb = Sandbox::new();
    let file = sb.path("roster.csv");
    std::fs::write(&file, ROSTER).unwrap();
    let dry = sb
        .cmd(&["import", "engineers", file.to_str().unwrap(), "--dry-run"])
        .output()
        .unwrap();
    assert!(dry.status.success(), "{dry:?}");
    assert!(String::from_utf8_lossy(&dry.stdout).contains("4 engineers read, all valid"));
    let before = sb.snapshot();
    let out = sb
        .cmd(&["import", "engineers", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_ne!(sb.snapshot(), before);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("new partner '(株)テックブリッジ'"), "{err}");
    let all = engineers(&sb);
    let by = |n: &str| all.iter().find(|e| e["name"] == n).unwrap().clone();
    assert_eq!(by("山田 太郎")["affiliation"], "own");
    assert_eq!(by("山田 太郎")["remote_pref"], "none");
    assert_eq!(by("高橋 次郎")["affiliation"], "contract");
    let sato = by("佐藤 花子");
    assert_eq!(sato["affiliation"], "partner");
    assert_eq!(sato["employment"], "full_time");
    assert_eq!(sato["remote_pref"], "partial");
    assert!(sato["available_from"].as_str().unwrap().starts_with("20"));
    assert_eq!(sato["ng"], "金融NG");
    let suzuki = by("鈴木 一郎");
    assert_eq!(suzuki["partner"], sato["partner"]);
    assert!(suzuki["available_from"]
        .as_str()
        .unwrap()
        .ends_with("-02-01"));
    let partners: serde_json::Value = serde_json::from_str(&sb.ok(&["export"])).unwrap();
    assert_eq!(partners["partners"].as_array().unwrap().len(), 1);
    // 山田 is on site with no end: rotation lists him for a Java opening.
    let posting = sb.path("posting.txt");
    std::fs::write(&posting, POSTING).unwrap();
    sb.ok(&["import", "openings", posting.to_str().unwrap()]);
    let rank = sb.ok(&["rank", "1", "--rotation"]);
    let rotation = rank.split("Rotation").nth(1).unwrap_or("");
    assert!(rotation.contains("山田 太郎"), "{rank}");
    assert!(rotation.contains("ひかり損保 since 2025-04-01"), "{rank}");
}

#[test]
fn the_dry_run_fails_where_the_import_fails_and_stores_nothing() {
    let sb = Sandbox::new();
    let file = sb.path("roster.csv");
    std::fs::write(
        &file,
        ROSTER.replace("ひかり損保,2025/4/1,長期", "ひかり損保,2025/4/1,そのうち"),
    )
    .unwrap();
    let dry = sb.fails(&["import", "engineers", file.to_str().unwrap(), "--dry-run"]);
    let real = sb.fails(&["import", "engineers", file.to_str().unwrap()]);
    assert!(dry.contains("そのうち"), "{dry}");
    assert_eq!(dry, real);
    assert!(engineers(&sb).is_empty());
    let export: serde_json::Value = serde_json::from_str(&sb.ok(&["export"])).unwrap();
    assert!(export["partners"].as_array().unwrap().is_empty());
}

#[test]
fn an_assignment_entered_by_hand_puts_the_engineer_in_rotation() {
    let sb = Sandbox::new();
    let file = sb.path("roster.csv");
    std::fs::write(
        &file,
        "name,affiliation,rate,cost,skills\n田中 一,own,70,50,Java:8\n",
    )
    .unwrap();
    sb.ok(&["import", "engineers", file.to_str().unwrap()]);
    let posting = sb.path("posting.txt");
    std::fs::write(&posting, POSTING).unwrap();
    sb.ok(&["import", "openings", posting.to_str().unwrap()]);
    let none = sb.ok(&["rank", "1", "--rotation"]);
    assert!(
        !none
            .split("Rotation")
            .nth(1)
            .unwrap_or("")
            .contains("田中 一"),
        "{none}"
    );
    sb.fails(&[
        "assignment",
        "add",
        "1",
        "--client",
        "X",
        "--from",
        "2026-01-01",
        "--until",
        "そのうち",
    ]);
    let out = sb.ok(&[
        "assignment",
        "add",
        "1",
        "--client",
        "ひかり損保",
        "--from",
        "2025-04-01",
        "--rate",
        "72",
    ]);
    assert!(out.contains("open-ended"), "{out}");
    let rank = sb.ok(&["rank", "1", "--rotation"]);
    let rotation = rank.split("Rotation").nth(1).unwrap_or("");
    assert!(rotation.contains("田中 一"), "{rank}");
    assert!(rotation.contains("ひかり損保 since 2025-04-01"), "{rank}");
    // Not a candidate "with availability not recorded": on site, with no end.
    let all = sb.ok(&["rank", "1", "--all"]);
    assert!(!all.contains("availability not recorded"), "{all}");
    let export: serde_json::Value = serde_json::from_str(&sb.ok(&["export"])).unwrap();
    assert_eq!(export["assignments"][0]["rate"], 72.0);
}

#[test]
fn a_revision_that_lowers_the_cap_flags_the_proposal_until_its_rate_follows() {
    let sb = Sandbox::new();
    let file = sb.path("roster.csv");
    std::fs::write(
        &file,
        "name,affiliation,rate,cost,available_from,skills\n田中 一,own,68,50,2026-01-01,Java:8\n",
    )
    .unwrap();
    sb.ok(&["import", "engineers", file.to_str().unwrap()]);
    let posting = sb.path("posting.txt");
    std::fs::write(&posting, POSTING).unwrap();
    sb.ok(&["import", "openings", posting.to_str().unwrap()]);
    sb.ok(&["propose", "1", "1", "--rate", "68"]);
    assert!(!sb.ok(&["pipeline"]).contains("above cap"));
    // The client lowers the cap to 65万 after we proposed at 68万.
    sb.ok(&["edit", "opening", "1", "--set", "rate_max=65"]);
    let board = sb.ok(&["pipeline"]);
    assert!(board.contains("rate 68万 above cap 65万"), "{board}");
    let json: serde_json::Value = serde_json::from_str(&sb.ok(&["pipeline", "--json"])).unwrap();
    let item = &json[0];
    assert_eq!(
        item["rate_above_cap"],
        serde_json::json!([68, 65]),
        "{json}"
    );
    // While unsigned the rate follows; the change is in the story and the pitch quotes it.
    let out = sb.ok(&[
        "edit",
        "proposal",
        "1",
        "--set",
        "rate=65",
        "--set",
        "note=面談は火曜希望",
    ]);
    assert!(out.contains("68万 → 65万"), "{out}");
    assert!(!sb.ok(&["pipeline"]).contains("above cap"));
    let json: serde_json::Value = serde_json::from_str(&sb.ok(&["pipeline", "--json"])).unwrap();
    let story = json[0]["events"].to_string();
    assert!(story.contains("rate 68万 → 65万"), "{story}");
    let pitch = sb.ok(&["pitch", "1"]);
    assert!(pitch.contains("650,000"), "{pitch}");
    assert!(!pitch.contains("680,000"), "{pitch}");
    assert!(pitch.contains("Note: 面談は火曜希望"), "{pitch}");
    sb.fails(&["edit", "proposal", "1", "--set", "rate=abc"]);
    sb.ok(&["stage", "1", "offered"]);
    sb.ok(&["stage", "1", "signed"]);
    let err = sb.fails(&["edit", "proposal", "1", "--set", "rate=60"]);
    assert!(err.contains("unsigned"), "{err}");
}

#[test]
fn signing_an_open_ended_contract_is_no_profile_error() {
    let sb = Sandbox::new();
    let file = sb.path("roster.csv");
    std::fs::write(
        &file,
        "name,affiliation,rate,cost,station,available_from,skills\n田中 一,own,68,50,渋谷,2026-01-01,Java:8\n",
    )
    .unwrap();
    sb.ok(&["import", "engineers", file.to_str().unwrap()]);
    let posting = sb.path("posting.txt");
    std::fs::write(&posting, format!("{POSTING}【期間】長期\n")).unwrap();
    sb.ok(&["import", "openings", posting.to_str().unwrap()]);
    sb.ok(&["propose", "1", "1", "--rate", "68"]);
    sb.ok(&["stage", "1", "offered"]);
    let out = sb.cmd(&["stage", "1", "signed"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("9999"), "{all}");
    let check = sb.run(&["check"]);
    let text = String::from_utf8_lossy(&check.stdout).to_string()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(!text.contains("9999"), "{text}");
    assert!(!text.contains("no end"), "{text}");
    assert!(!text.contains("終了日がない"), "{text}");
}
