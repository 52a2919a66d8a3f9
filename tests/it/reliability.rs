//! Nothing lost: crashes, concurrent writers, backups, read-only and full disks.

use crate::common::Sandbox;
use std::time::{Duration, Instant};

fn count(db: &std::path::Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    let sql = match table {
        "engineers" => "SELECT count(*) FROM engineers",
        "proposals" => "SELECT count(*) FROM proposals",
        _ => "SELECT count(*) FROM openings",
    };
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn engineers_json(n: usize, first_id: usize) -> String {
    let rows: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id": {}, "name": "技術 太郎{i}", "affiliation": "own", "station": "品川", "available_from": "2026-12-01", "cost": 50, "rate": 65, "skills": [{{"name": "Java", "years": 5}}, {{"name": "AWS", "years": 2}}]}}"#,
                first_id + i
            )
        })
        .collect();
    format!("[{}]", rows.join(",\n"))
}

#[test]
fn sigkill_during_a_large_import_leaves_all_or_nothing() {
    let sb = Sandbox::new();
    sb.demo(10, 2);
    let file = sb.path("big.json");
    std::fs::write(&file, engineers_json(60_000, 1000)).unwrap();
    let mut child = sb
        .cmd(&["import", "engineers", file.to_str().unwrap()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the transaction is visibly writing (the WAL grows), then kill.
    let wal = sb.db().with_extension("db-wal");
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) > 256 * 1024 {
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let killed_mid_write = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    let conn = rusqlite::Connection::open(sb.db()).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let n = count(&sb.db(), "engineers");
    assert!(n == 10 || n == 60_010, "partial import: {n} engineers");
    if killed_mid_write {
        assert_eq!(n, 10, "killed mid-transaction yet rows were committed");
    }
    // The database still works after the crash.
    sb.ok(&["engineers", "--json"]);
}

#[test]
fn two_processes_writing_at_once_see_no_lock_errors() {
    let sb = Sandbox::new();
    sb.demo(40, 20);
    let writers: Vec<std::thread::JoinHandle<Vec<String>>> = (0..2)
        .map(|w| {
            let db = sb.db();
            let dir = sb.dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut errors = Vec::new();
                for i in 0..15 {
                    let (opening, engineer) = (1 + (i % 20), 1 + w * 20 + i);
                    let out = std::process::Command::new(env!("CARGO_BIN_EXE_benchmatch"))
                        .args(["propose", &opening.to_string(), &engineer.to_string()])
                        .env("BENCHMATCH_DB", &db)
                        .env("BENCHMATCH_CONFIG_DIR", dir.join("config"))
                        .output()
                        .unwrap();
                    if !out.status.success() {
                        errors.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                    let file = dir.join(format!("w{w}-{i}.json"));
                    std::fs::write(&file, engineers_json(50, 100_000 + w * 10_000 + i * 100))
                        .unwrap();
                    let out = std::process::Command::new(env!("CARGO_BIN_EXE_benchmatch"))
                        .args(["import", "engineers", file.to_str().unwrap()])
                        .env("BENCHMATCH_DB", &db)
                        .env("BENCHMATCH_CONFIG_DIR", dir.join("config"))
                        .output()
                        .unwrap();
                    if !out.status.success() {
                        errors.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
                errors
            })
        })
        .collect();
    // A reader polls at the same time, as the dashboard would.
    for _ in 0..10 {
        sb.ok(&["openings", "--json"]);
    }
    let errors: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(count(&sb.db(), "proposals"), 30);
    assert_eq!(count(&sb.db(), "engineers"), 40 + 2 * 15 * 50);
}

#[test]
fn backup_is_consistent_and_restore_checks_before_replacing() {
    let sb = Sandbox::new();
    sb.demo(30, 5);
    let copy = sb.path("copy.db");
    sb.ok(&["backup", copy.to_str().unwrap()]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert!(sb
        .fails(&["backup", copy.to_str().unwrap()])
        .contains("already exists"));
    let before = sb.snapshot();
    sb.ok(&["propose", "1", "1"]);
    let after_propose = sb.snapshot();
    assert_ne!(before, after_propose);
    // A file that is not a backup is refused and nothing changes.
    let junk = sb.path("junk.db");
    std::fs::write(&junk, vec![b'x'; 8192]).unwrap();
    let err = sb.fails(&["restore", junk.to_str().unwrap()]);
    assert!(err.contains("not a benchmatch database"), "{err}");
    assert_eq!(sb.snapshot(), after_propose);
    sb.fails(&["restore", sb.path("missing.db").to_str().unwrap()]);
    sb.ok(&["restore", copy.to_str().unwrap()]);
    assert_eq!(sb.snapshot(), before);
}

#[test]
fn redacted_export_keeps_no_names_or_stations() {
    let sb = Sandbox::new();
    sb.demo(20, 3);
    let out = sb.path("shared.json");
    sb.ok(&["export", "--redact", "--out", out.to_str().unwrap()]);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let full: serde_json::Value = serde_json::from_str(&sb.ok(&["export"])).unwrap();
    for (red, orig) in doc["engineers"]
        .as_array()
        .unwrap()
        .iter()
        .zip(full["engineers"].as_array().unwrap())
    {
        assert_eq!(red["name"], orig["initials"]);
        assert!(red["station"].is_null());
        assert!(red["area"].is_string());
        assert_ne!(red["name"], orig["name"]);
    }
    assert!(doc["openings"][0]["raw_text"].as_str().unwrap().is_empty());
}

#[test]
fn redacted_export_keeps_every_openings_requirements() {
    let sb = Sandbox::new();
    sb.demo(20, 12);
    let out = sb.path("shared.json");
    sb.ok(&["export", "--redact", "--out", out.to_str().unwrap()]);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let full: serde_json::Value = serde_json::from_str(&sb.ok(&["export"])).unwrap();
    let openings = full["openings"].as_array().unwrap();
    assert!(openings
        .iter()
        .any(|o| !o["must"].as_array().unwrap().is_empty()));
    for (red, orig) in doc["openings"].as_array().unwrap().iter().zip(openings) {
        // Demo skills are all in the taxonomy, so every group and skill leaves as it was.
        assert_eq!(red["must"], orig["must"], "opening {}", orig["id"]);
        assert_eq!(red["nice"], orig["nice"], "opening {}", orig["id"]);
    }
}

/// Requirements the taxonomy does not know leave as numbers, not as written: every group
/// and its years stay, and an engineer holding the same term holds the same number.
#[test]
fn redacted_requirements_outside_the_taxonomy_keep_their_place_not_their_words() {
    let sb = Sandbox::new();
    let csv = sb.path("openings.csv");
    std::fs::write(
        &csv,
        "title,must,nice\nBackend,Java:3;業務シナリオテスト|Klingon:2;AWS,Vulcan;GCP\n",
    )
    .unwrap();
    sb.ok(&["import", "openings", csv.to_str().unwrap()]);
    let roster = sb.path("roster.csv");
    std::fs::write(
        &roster,
        "name,affiliation,rate,skills\n田中 一,own,60,Java:5;Klingon:3\n",
    )
    .unwrap();
    sb.ok(&["import", "engineers", roster.to_str().unwrap()]);
    let out = sb.path("shared.json");
    sb.ok(&["export", "--redact", "--out", out.to_str().unwrap()]);
    let text = std::fs::read_to_string(&out).unwrap();
    for term in ["Klingon", "Vulcan", "業務シナリオ"] {
        assert!(!text.contains(term), "{term} left: {text}");
    }
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let o = &doc["openings"][0];
    assert_eq!(
        o["must"],
        serde_json::json!([
            [{"name": "Java", "min_years": 3.0}],
            [{"name": "skill #1", "min_years": null}, {"name": "skill #2", "min_years": 2.0}],
            [{"name": "AWS", "min_years": null}]
        ]),
        "{o}"
    );
    assert_eq!(o["nice"][0]["name"], "skill #3", "{o}");
    assert_eq!(o["nice"][1]["name"], "GCP", "{o}");
    let skills = doc["engineers"][0]["skills"].to_string();
    assert!(skills.contains("\"skill #2\""), "{skills}");
}

#[cfg(unix)]
#[test]
fn a_read_only_database_reads_but_refuses_writes() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    sb.demo(5, 2);
    // Fold the WAL into the main file so the read-only copy is complete.
    let conn = rusqlite::Connection::open(sb.db()).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    let before = sb.snapshot();
    std::fs::set_permissions(sb.db(), std::fs::Permissions::from_mode(0o400)).unwrap();
    sb.ok(&["engineers"]);
    let err = sb.fails(&["propose", "1", "1"]);
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(sb.snapshot(), before);
}

#[test]
fn a_full_disk_is_one_clear_error_and_nothing_written() {
    let sb = Sandbox::new();
    sb.demo(5, 2);
    let before = sb.snapshot();
    let file = sb.path("many.json");
    std::fs::write(&file, engineers_json(5_000, 500)).unwrap();
    let out = sb
        .cmd(&["import", "engineers", file.to_str().unwrap()])
        .env("BENCHMATCH_MAX_PAGE_COUNT", "60")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("disk full"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1);
    assert_eq!(sb.snapshot(), before);
}

/// A database left at schema v1, as an older benchmatch would have written it.
fn v1_database(path: &std::path::Path, extra_sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(benchmatch::store::schema::MIGRATIONS[0].1)
        .unwrap();
    conn.execute_batch("INSERT INTO clients (name, rank) VALUES ('旧顧客', 'A');")
        .unwrap();
    conn.execute_batch(extra_sql).unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
}

fn user_version(path: &std::path::Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn backups_of(sb: &Sandbox) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(sb.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".v1-") && p.to_string_lossy().ends_with(".bak"))
        .collect()
}

#[test]
fn migration_backs_up_the_old_file_first() {
    const { assert!(benchmatch::store::SCHEMA_VERSION >= 2) };
    let sb = Sandbox::new();
    v1_database(&sb.db(), "");
    let clients = sb.ok(&["clients", "--json"]);
    assert!(clients.contains("旧顧客"));
    assert_eq!(user_version(&sb.db()), benchmatch::store::SCHEMA_VERSION);
    let backups = backups_of(&sb);
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(user_version(&backups[0]), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backups[0]).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn a_failed_migration_leaves_the_old_file_untouched() {
    let sb = Sandbox::new();
    // A table in the way makes migration 2 fail half-way through.
    v1_database(&sb.db(), "CREATE TABLE proposal_events (x INTEGER);");
    let err = sb.fails(&["clients"]);
    let failed = format!(
        "migration to schema v{} failed",
        benchmatch::store::SCHEMA_VERSION
    );
    assert!(err.contains(&failed), "{err}");
    assert!(err.contains("unchanged"), "{err}");
    assert_eq!(user_version(&sb.db()), 1);
    let conn = rusqlite::Connection::open(sb.db()).unwrap();
    let has_new_column: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM pragma_table_info('proposals') WHERE name = 'partner_confirmed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!has_new_column, "part of the migration was applied");
    assert_eq!(backups_of(&sb).len(), 1);
}
