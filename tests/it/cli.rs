//! The command line end to end: imports, ranking, listings, export round trip, errors.

use crate::common::{fixture, Sandbox};
use serde_json::Value;

fn json(s: &str) -> Value {
    serde_json::from_str(s).expect("valid JSON")
}

#[test]
fn imports_rank_and_explain() {
    let sb = Sandbox::new();
    sb.ok(&[
        "import",
        "engineers",
        fixture("engineers.csv").to_str().unwrap(),
    ]);
    sb.ok(&[
        "import",
        "openings",
        fixture("openings.json").to_str().unwrap(),
    ]);
    let openings = json(&sb.ok(&["openings", "--json"]));
    let java = openings
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"] == "Java/Spring Boot 開発")
        .unwrap();
    assert_eq!(java["must"][1][0]["name"], "Spring Boot");
    let id = java["id"].as_i64().unwrap().to_string();
    let ranked = json(&sb.ok(&["rank", &id, "--all", "--json", "--as-of", "2026-11-26"]));
    let cands = ranked["candidates"].as_array().unwrap();
    assert_eq!(cands[0]["name"], "山田 太郎");
    assert_eq!(cands[0]["excluded"], false);
    assert!(cands[0]["review"].as_array().unwrap().is_empty());
    let factors = cands[0]["factors"].as_array().unwrap();
    assert_eq!(factors[0]["name"], "must");
    assert_eq!(
        factors[0]["reason"],
        "Java 6y ≥ 3y required, Spring Boot 4y"
    );
    for f in factors {
        for key in ["name", "points", "max", "reason"] {
            assert!(f.get(key).is_some(), "factor lacks {key}");
        }
    }
    let smith = cands.iter().find(|c| c["name"] == "Smith John").unwrap();
    assert_eq!(smith["excluded"], true);
    let reasons: Vec<&str> = smith["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("freelancers not accepted (個人事業主不可)")),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"foreign nationals not accepted"),
        "{reasons:?}"
    );
    let text = sb.ok(&["rank", &id, "--as-of", "2026-11-26"]);
    assert!(text.contains("山田 太郎") && text.contains("must"));
}

#[test]
fn free_lists_own_people_before_partners() {
    let sb = Sandbox::new();
    sb.ok(&[
        "import",
        "engineers",
        fixture("engineers.csv").to_str().unwrap(),
    ]);
    let free = json(&sb.ok(&[
        "free",
        "--month",
        "2026-12",
        "--as-of",
        "2026-11-26",
        "--json",
    ]));
    let names: Vec<&str> = free
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["山田 太郎", "佐藤 花子"]);
    assert_eq!(free[0]["kind"], "bench");
    let only_react = json(&sb.ok(&[
        "free",
        "--as-of",
        "2026-11-26",
        "--skill",
        "react",
        "--json",
    ]));
    assert_eq!(only_react.as_array().unwrap().len(), 1);
    let text = sb.ok(&["free", "--as-of", "2026-11-26"]);
    assert!(text.contains("2026-12-01 – 2026-12-31"), "{text}");
    sb.fails(&["free", "--skill", "NoSuchSkill"]);
    sb.fails(&["free", "--month", "2026-13"]);
}

#[test]
fn an_unknown_skill_is_kept_with_a_warning_not_a_refused_roster() {
    let sb = Sandbox::new();
    let path = sb.path("skill.csv");
    std::fs::write(&path, "name,affiliation,skills\nA B,own,Jaava:3;Java:2\n").unwrap();
    let out = sb.run(&["import", "engineers", path.to_str().unwrap()]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Jaava (1)"), "{err}");
    assert!(
        err.contains("benchmatch skills add-alias 'Jaava' CANONICAL"),
        "{err}"
    );
    let list = sb.ok(&["engineers", "--json"]);
    assert!(list.contains("Jaava"), "{list}");
}

#[test]
fn a_bad_row_rejects_the_whole_file_with_its_line() {
    let sb = Sandbox::new();
    sb.ok(&[
        "import",
        "engineers",
        fixture("engineers.csv").to_str().unwrap(),
    ]);
    let before = sb.snapshot();
    let cases: &[(&str, &str, &str)] = &[
        ("bad_date.csv", "name,affiliation,available_from\nA B,own,2026-11-01\nC D,own,2026-02-30\n", "line 3: available_from: invalid date '2026-02-30'"),
        ("bad_rate.csv", "name,affiliation,rate\nA B,own,-5\n", "line 2: rate: -5 is not a monthly rate"),
        ("absurd.csv", "name,affiliation,rate\nA B,own,65000\n", "line 2: rate: 65000"),
        ("header.csv", "nom,affiliation\nA B,own\n", "missing required column 'name'"),
        ("unknown_col.csv", "name,affiliation,shoe_size\nA B,own,42\n", "unknown field `shoe_size`"),
        ("dup.json", "[{\"id\":7,\"name\":\"A\",\"affiliation\":\"own\"},{\"id\":7,\"name\":\"B\",\"affiliation\":\"own\"}]", "record 2"),
        ("shape.json", "{\"engineers\": 3}", "invalid JSON"),
        ("empty.csv", "", "file is empty"),
        ("binary.csv", "name\0\0\u{1}", "binary file"),
    ];
    for (name, body, want) in cases {
        let path = sb.path(name);
        std::fs::write(&path, body).unwrap();
        let err = sb.fails(&["import", "engineers", path.to_str().unwrap()]);
        assert!(err.contains(want), "{name}: got {err}");
    }
    let latin1 = sb.path("latin1.csv");
    std::fs::write(&latin1, b"name,affiliation\nJos\xe9,own\n").unwrap();
    assert!(sb
        .fails(&["import", "engineers", latin1.to_str().unwrap()])
        .contains("not UTF-8"));
    assert_eq!(
        sb.snapshot(),
        before,
        "a failed import changed the database"
    );
}

#[test]
fn existing_ids_and_unknown_references_are_refused() {
    let sb = Sandbox::new();
    sb.demo(5, 2);
    let before = sb.snapshot();
    let dup = sb.path("dup.json");
    std::fs::write(&dup, r#"[{"id": 3, "name": "X", "affiliation": "own"}]"#).unwrap();
    assert!(sb
        .fails(&["import", "engineers", dup.to_str().unwrap()])
        .contains("engineer id 3 already exists"));
    sb.fails(&["rank", "999"]);
    sb.fails(&["show", "engineer", "999"]);
    sb.fails(&["propose", "1", "999"]);
    assert_eq!(sb.snapshot(), before);
}

#[test]
fn export_round_trips_through_import_all() {
    let sb = Sandbox::new();
    sb.demo(40, 8);
    sb.ok(&["propose", "1", "2", "--rate", "70"]);
    sb.ok(&["stage", "1", "interview", "--note", "1次面談 12/3"]);
    sb.ok(&["edit", "opening", "1", "--set", "rate_max=130"]);
    sb.ok(&["answer", "3", "--none"]);
    let partner = json(&sb.ok(&["partners", "--json"]))[0]["name"]
        .as_str()
        .unwrap()
        .to_string();
    sb.ok(&["partner", "incident", &partner, "開始直前に要員差し替え"]);
    // Forwarded postings and offers by mail leave sources, sketches and offer history.
    for mail in [
        "mail/forwarded_1.eml",
        "mail/forwarded_2.eml",
        "offers/mails/02-brackets.eml",
    ] {
        sb.ok(&["import", "mail", fixture(mail).to_str().unwrap()]);
    }
    let out = sb.path("export.json");
    sb.ok(&["export", "--out", out.to_str().unwrap()]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let first = sb.snapshot();
    for section in [
        "proposal_events",
        "opening_revisions",
        "partner_incidents",
        "opening_answers",
    ] {
        assert!(
            first.contains(&format!("\"{section}\": [\n")),
            "{section} empty"
        );
    }
    let other = Sandbox::new();
    other.ok(&["import", "all", out.to_str().unwrap()]);
    assert_eq!(other.snapshot(), first);
    assert_eq!(other.ok(&["history", "1"]), sb.ok(&["history", "1"]));
    // A second restore would mix data: refused, nothing changed.
    assert!(other
        .fails(&["import", "all", out.to_str().unwrap()])
        .contains("needs an empty database"));
    assert_eq!(other.snapshot(), first);
}

/// An export written before must groups existed (schema v4, flat `must`, revision
/// snapshots of that time) restores unchanged, each must skill a one-item group.
#[test]
fn an_export_from_before_groups_imports_unchanged() {
    let sb = Sandbox::new();
    sb.ok(&["import", "all", fixture("export_v4.json").to_str().unwrap()]);
    let o = json(&sb.ok(&["show", "opening", "1", "--json"]));
    assert_eq!(
        o["must"],
        serde_json::json!([
            [{"name": "Java", "min_years": 3.0}],
            [{"name": "Spring Boot", "min_years": null}],
            [{"name": "AWS", "min_years": 2.0}]
        ])
    );
    assert_eq!(o["nice"], serde_json::json!([]));
    let history = sb.ok(&["history", "1"]);
    assert!(history.contains("AWS"), "{history}");
    let edit = sb.ok(&[
        "edit",
        "opening",
        "1",
        "--set",
        "must+=Go|Rust:2",
        "--set",
        "must-=AWS",
    ]);
    assert!(edit.contains("Go|Rust:2"), "{edit}");
    let o = json(&sb.ok(&["show", "opening", "1", "--json"]));
    assert_eq!(
        o["must"][2][1],
        serde_json::json!({"name": "Rust", "min_years": 2.0})
    );
    assert_eq!(o["must"].as_array().unwrap().len(), 3);
    // And what we export now comes back the same.
    let out = sb.path("export.json");
    sb.ok(&["export", "--out", out.to_str().unwrap()]);
    let other = Sandbox::new();
    other.ok(&["import", "all", out.to_str().unwrap()]);
    assert_eq!(other.snapshot(), sb.snapshot());
}

#[test]
fn csv_openings_take_groups_and_keep_unknown_names() {
    let sb = Sandbox::new();
    let csv = sb.path("openings.csv");
    std::fs::write(
        &csv,
        "title,must,nice\nBackend,Java:3;AWS|Azure;TypeScript|JavaScript:2;Klingon,Docker;GCP:1\n",
    )
    .unwrap();
    sb.ok(&["import", "openings", csv.to_str().unwrap()]);
    let o = json(&sb.ok(&["show", "opening", "1", "--json"]));
    let must = o["must"].as_array().unwrap();
    assert_eq!(must.len(), 4);
    assert_eq!(must[1][1]["name"], "Azure");
    assert_eq!(must[2][1]["min_years"], 2.0);
    assert_eq!(must[3][0]["name"], "Klingon");
    assert_eq!(
        o["nice"][1],
        serde_json::json!({"name": "GCP", "min_years": 1.0})
    );
    let text = sb.ok(&["show", "opening", "1"]);
    assert!(
        text.contains("Java 3y+, AWS / Azure, TypeScript / JavaScript 2y+, Klingon"),
        "{text}"
    );
}

#[test]
fn demo_refuses_a_full_database_without_force() {
    let sb = Sandbox::new();
    sb.demo(10, 3);
    assert!(sb
        .fails(&["demo", "--no-open", "--engineers", "4"])
        .contains("--force"));
    sb.ok(&[
        "demo",
        "--no-open",
        "--force",
        "--engineers",
        "4",
        "--openings",
        "1",
    ]);
    let engineers = json(&sb.ok(&["engineers", "--json"]));
    assert_eq!(engineers.as_array().unwrap().len(), 4);
}

#[test]
fn demo_is_deterministic_for_a_seed_and_day() {
    let a = Sandbox::new();
    let b = Sandbox::new();
    a.demo(50, 10);
    b.demo(50, 10);
    assert_eq!(
        a.ok(&["engineers", "--json"]),
        b.ok(&["engineers", "--json"])
    );
    assert_eq!(a.ok(&["openings", "--json"]), b.ok(&["openings", "--json"]));
}

#[test]
fn database_file_is_private_and_sql_text_round_trips() {
    let sb = Sandbox::new();
    let evil = sb.path("evil.json");
    std::fs::write(
        &evil,
        r#"[{"name": "'); DROP TABLE engineers;--", "affiliation": "own", "notes": "\u001b]52;c;ZXZpbA==\u0007"}]"#,
    )
    .unwrap();
    sb.ok(&["import", "engineers", evil.to_str().unwrap()]);
    let list = json(&sb.ok(&["engineers", "--json"]));
    assert_eq!(list[0]["name"], "'); DROP TABLE engineers;--");
    let shown = sb.ok(&["show", "engineer", &list[0]["id"].to_string()]);
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
        "{shown:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(sb.db()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn not_a_database_and_future_schema_are_refused() {
    let sb = Sandbox::new();
    std::fs::write(
        sb.db(),
        "this is a text file, not SQLite, and it is long enough to have a header",
    )
    .unwrap();
    assert!(sb
        .fails(&["engineers"])
        .contains("not a benchmatch database"));
    let sb = Sandbox::new();
    sb.demo(3, 1);
    let conn = rusqlite::Connection::open(sb.db()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    assert!(sb
        .fails(&["engineers"])
        .contains("newer than this benchmatch"));
}

#[test]
fn skills_lookup_and_user_aliases() {
    let sb = Sandbox::new();
    assert!(sb.ok(&["skills", "lookup", "ＪＡＶＡ"]).contains("→ Java"));
    sb.fails(&["skills", "lookup", "ジャヴァ"]);
    sb.ok(&["skills", "add-alias", "ジャヴァ", "java"]);
    assert!(sb.ok(&["skills", "lookup", "ジャヴァ"]).contains("→ Java"));
    assert!(sb
        .fails(&["skills", "add-alias", "JS", "Java"])
        .contains("already means JavaScript"));
    assert!(sb.ok(&["config", "path"]).contains("skills.toml"));
}

#[test]
fn every_command_has_help() {
    let sb = Sandbox::new();
    for cmd in [
        "demo",
        "import",
        "rank",
        "free",
        "engineers",
        "openings",
        "show",
        "export",
        "skills",
        "config",
        "propose",
    ] {
        let out = sb.ok(&[cmd, "--help"]);
        assert!(out.contains("Usage"), "{cmd}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let sb = Sandbox::new();
    sb.demo(300, 5);
    let mut child = sb
        .cmd(&["engineers"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
