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
