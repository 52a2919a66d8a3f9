//! Many writers on one file: first starts at once, and edits during long imports.

use crate::common::Sandbox;
use benchmatch::store::{Store, SCHEMA_VERSION};

/// Tables created by the migrations, counted once: a second run of them would have
/// failed ("already exists") or doubled nothing, so the count and the version tell.
fn schema_state(db: &std::path::Path) -> (i64, i64, String) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    (version, tables, check)
}

#[test]
fn eighty_threads_opening_a_new_database_at_once_all_succeed() {
    let sb = Sandbox::new();
    let db = sb.db();
    let tax = benchmatch::skills::Taxonomy::builtin();
    let start = std::sync::Arc::new(std::sync::Barrier::new(80));
    let errors: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..80)
            .map(|_| {
                let (db, start) = (db.clone(), start.clone());
                s.spawn(move || {
                    start.wait();
                    Store::open(&db, tax)
                        .and_then(|st| st.counts().map(|_| ()))
                        .err()
                        .map(|e| e.to_string())
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(errors.is_empty(), "{} failed: {errors:?}", errors.len());
    assert_eq!(schema_state(&db), (SCHEMA_VERSION, 1, "ok".to_string()));
    // No migration backup: the file was new, so nobody migrated an old schema.
    let baks = std::fs::read_dir(sb.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .to_string_lossy()
                .ends_with(".bak")
        })
        .count();
    assert_eq!(baks, 0);
}

#[test]
fn eighty_processes_starting_on_a_new_database_all_succeed() {
    let sb = Sandbox::new();
    let children: Vec<std::process::Child> = (0..80)
        .map(|_| {
            sb.cmd(&["engineers", "--json"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let failures: Vec<String> = children
        .into_iter()
        .filter_map(|c| {
            let out = c.wait_with_output().unwrap();
            (!out.status.success()).then(|| String::from_utf8_lossy(&out.stderr).into_owned())
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of 80 failed: {failures:?}",
        failures.len()
    );
    assert_eq!(
        schema_state(&sb.db()),
        (SCHEMA_VERSION, 1, "ok".to_string())
    );
    // And the file works for a writer afterwards.
    sb.demo(5, 2);
    assert!(sb.ok(&["engineers", "--json"]).contains("\"id\""));
}

/// A mailbox of `n` different mails: openings, and every third one an engineer offer.
fn mailbox(n: usize) -> String {
    let stations = ["渋谷", "品川", "新宿", "大手町", "川崎", "横浜"];
    let mut text = String::with_capacity(n * 600);
    for i in 0..n {
        let body = if i % 3 == 2 {
            format!(
                "お世話になっております。\n弊社要員をご紹介いたします。\n\n【人材】 Java {}年 / {}代男性 / 最寄: {} / 単価 {}万 / 即日可 / 弊社正社員 K.{:05}\n",
                1 + i % 10,
                2 + i % 4,
                stations[i % stations.len()],
                50 + i % 30,
                i
            )
        } else {
            format!(
                "お世話になっております。\n下記案件のご紹介です。\n\n【案件名】受発注システム更改 第{i}期\n【必須スキル】Java {}年以上、Spring Boot\n【尚可】AWS\n【単価】{}〜{}万円\n【場所】{}\n【開始】2027年{}月\n【面談】1回\n",
                1 + i % 5,
                50 + i % 20,
                70 + i % 20,
                stations[i % stations.len()],
                1 + i % 12
            )
        };
        text.push_str(&format!(
            "From sender{i}@example.co.jp Fri Nov 20 08:00:00 2026\nFrom: 営業 {i} <sales{i}@partner{}.co.jp>\nSubject: ご紹介 No.{i}\nDate: Fri, 20 Nov 2026 09:00:00 +0900\nContent-Type: text/plain; charset=utf-8\n\n{body}\n",
            i % 40
        ));
    }
    text
}

#[test]
fn an_edit_during_a_long_mail_import_succeeds_and_the_import_is_complete() {
    let sb = Sandbox::new();
    sb.demo(5, 2);
    let mbox = sb.path("inbox.mbox");
    let mails = 600;
    std::fs::write(&mbox, mailbox(mails)).unwrap();
    let mut import = sb
        .cmd(&["import", "mail", "--json", mbox.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Edits while the import runs: each must get its turn, none may fail as busy.
    let mut edits = 0;
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    while import.try_wait().unwrap().is_none()
        && started.elapsed() < std::time::Duration::from_secs(300)
    {
        let note = format!("notes={edits}");
        // A wait far shorter than the default, yet ten times a step: fails if the import
        // holds the lock for long.
        let out = sb
            .cmd(&["edit", "engineer", "1", "--set", &note])
            .env("BENCHMATCH_BUSY_TIMEOUT_MS", "2000")
            .output()
            .unwrap();
        if !out.status.success() {
            failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        edits += 1;
    }
    assert!(edits > 0, "the import ended before any edit started");
    let out = import.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        failures.is_empty(),
        "{} of {edits} edits failed, first: {:?}",
        failures.len(),
        failures.first()
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["mails"], mails, "{report}");
    assert_eq!(report["failed_files"], 0, "{report}");
    // Complete: the same as the same import with nobody else writing.
    let alone = Sandbox::new();
    alone.demo(5, 2);
    let reference: serde_json::Value =
        serde_json::from_str(&alone.ok(&["import", "mail", "--json", mbox.to_str().unwrap()]))
            .unwrap();
    for part in ["openings", "offers", "by_kind"] {
        assert_eq!(
            report[part], reference[part],
            "{part}: {report} / {reference}"
        );
    }
    for table in ["openings", "opening_sources", "engineers", "offer_sources"] {
        assert_eq!(rows(&sb.db(), table), rows(&alone.db(), table), "{table}");
    }
    let shown: serde_json::Value =
        serde_json::from_str(&sb.ok(&["show", "engineer", "1", "--json"])).unwrap();
    assert_eq!(shown["notes"], format!("{}", edits - 1), "{shown}");
    // A second run stores nothing twice.
    let again: serde_json::Value =
        serde_json::from_str(&sb.ok(&["import", "mail", "--json", mbox.to_str().unwrap()]))
            .unwrap();
    assert_eq!(again["openings"]["new"], 0, "{again}");
    assert_eq!(again["offers"]["new"], 0, "{again}");
    assert_eq!(rows(&sb.db(), "openings"), rows(&alone.db(), "openings"));
}

fn rows(db: &std::path::Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    let sql = match table {
        "openings" => "SELECT count(*) FROM openings",
        "opening_sources" => "SELECT count(*) FROM opening_sources",
        "engineers" => "SELECT count(*) FROM engineers",
        _ => "SELECT count(*) FROM offer_sources",
    };
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}
