//! Every field of the engineer table (`domain::fields::ENGINEER_TABLE`) end to end, driven
//! by the table itself: a new row is covered here without a new test.

use crate::common::Sandbox;
use benchmatch::domain::fields::{Kind, ENGINEER_TABLE};

/// A value of the kind that differs from anything the demo stores.
fn sample(kind: Kind) -> &'static str {
    match kind {
        Kind::Date => "2026-11-20",
        Kind::Text => "見本の値",
    }
}

fn engineer(sb: &Sandbox, id: u32) -> serde_json::Value {
    let all: serde_json::Value = serde_json::from_str(&sb.ok(&["engineers", "--json"])).unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .cloned()
        .unwrap()
}

#[test]
fn each_table_field_is_set_shown_exported_and_imported_back() {
    assert!(!ENGINEER_TABLE.is_empty());
    let sb = Sandbox::new();
    sb.demo(6, 1);
    for f in ENGINEER_TABLE {
        let v = sample(f.kind);
        sb.ok(&["edit", "engineer", "2", "--set", &format!("{}={v}", f.key)]);
        assert_eq!(engineer(&sb, 2)[f.key], v, "{}", f.key);
        assert!(engineer(&sb, 1).get(f.key).is_none(), "{} unset", f.key);
    }
    // export -> import all gives back the same store.
    let out = sb.path("export.json");
    sb.ok(&["export", "--out", out.to_str().unwrap()]);
    let other = Sandbox::new();
    other.ok(&["import", "all", out.to_str().unwrap()]);
    assert_eq!(other.snapshot(), sb.snapshot());
    // The engineers workbook is a roster: the fields come back from xlsx too, headed in Japanese.
    let eng = sb.path("engineers.xlsx");
    sb.ok(&["--lang", "ja", "engineers", "--xlsx", eng.to_str().unwrap()]);
    let third = Sandbox::new();
    third.ok(&["import", "engineers", eng.to_str().unwrap()]);
    for f in ENGINEER_TABLE.iter().filter(|f| f.in_xlsx) {
        assert_eq!(
            engineer(&third, 2)[f.key],
            sample(f.kind),
            "{} via xlsx",
            f.key
        );
    }
    // And from a CSV column named by the key; empty stays empty.
    let csv = sb.path("e.csv");
    let header: Vec<&str> = ENGINEER_TABLE.iter().map(|f| f.key).collect();
    let values: Vec<&str> = ENGINEER_TABLE.iter().map(|f| sample(f.kind)).collect();
    std::fs::write(
        &csv,
        format!(
            "name,affiliation,{}\n田中 一,own,{}\n佐藤 二,own,{}\n",
            header.join(","),
            values.join(","),
            vec![""; header.len()].join(",")
        ),
    )
    .unwrap();
    let fourth = Sandbox::new();
    fourth.ok(&["import", "engineers", csv.to_str().unwrap()]);
    for f in ENGINEER_TABLE {
        assert_eq!(
            engineer(&fourth, 1)[f.key],
            sample(f.kind),
            "{} via CSV",
            f.key
        );
        assert!(engineer(&fourth, 2).get(f.key).is_none());
    }
}

#[test]
fn a_bad_value_is_refused_in_one_line_by_set_and_by_import() {
    let sb = Sandbox::new();
    sb.demo(3, 1);
    let before = sb.snapshot();
    for f in ENGINEER_TABLE.iter().filter(|f| f.kind == Kind::Date) {
        for bad in ["2026-13-45", "そのうち", "9999-12-31"] {
            let err = sb.fails(&[
                "edit",
                "engineer",
                "1",
                "--set",
                &format!("{}={bad}", f.key),
            ]);
            assert!(err.contains(f.en), "{err}");
            let err = sb.fails(&[
                "--lang",
                "ja",
                "edit",
                "engineer",
                "1",
                "--set",
                &format!("{}={bad}", f.key),
            ]);
            assert!(err.contains(f.ja), "{err}");
        }
        let json = sb.path("bad.json");
        std::fs::write(
            &json,
            format!(
                r#"[{{"name": "A", "affiliation": "own", "{}": "2026-02-30"}}]"#,
                f.key
            ),
        )
        .unwrap();
        let err = sb.fails(&["import", "engineers", json.to_str().unwrap()]);
        assert!(err.contains(f.key), "{err}");
    }
    // A key no table or record has is still refused.
    let json = sb.path("unknown.json");
    std::fs::write(
        &json,
        r#"[{"name": "A", "affiliation": "own", "shoe_size": 27}]"#,
    )
    .unwrap();
    let err = sb.fails(&["import", "engineers", json.to_str().unwrap()]);
    assert!(err.contains("shoe_size"), "{err}");
    assert_eq!(sb.snapshot(), before);
}

#[test]
fn a_fresh_skill_sheet_date_clears_the_profile_check() {
    let sb = Sandbox::new();
    let csv = sb.path("e.csv");
    std::fs::write(
        &csv,
        "name,affiliation,rate,cost,station\n田中 一,own,70,50,品川\n",
    )
    .unwrap();
    sb.ok(&["import", "engineers", csv.to_str().unwrap()]);
    let check = |sb: &Sandbox| {
        sb.ok(&[
            "--lang",
            "ja",
            "check",
            "--engineer",
            "1",
            "--as-of",
            "2026-11-26",
        ])
    };
    assert!(check(&sb).contains("スキルシート未確認"), "{}", check(&sb));
    // Older than the freshness rule (6 months by default): still due, with its date.
    sb.ok(&[
        "edit",
        "engineer",
        "1",
        "--set",
        "skill_sheet_checked=2026-04-01",
    ]);
    assert!(check(&sb).contains("最終確認 2026-04-01"), "{}", check(&sb));
    sb.ok(&[
        "edit",
        "engineer",
        "1",
        "--set",
        "スキルシート確認日=2026-11-20",
    ]);
    let out = check(&sb);
    assert!(
        !out.contains("未確認") && !out.contains("最終確認"),
        "{out}"
    );
}
