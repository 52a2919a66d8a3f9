//! Hostile inputs and outputs (issue 14): the database is never an output, restores
//! carry nothing foreign, every read is bounded, redaction is an allow-list, JSON has
//! nothing a terminal acts on, absurd values and config numbers are refused in one line.
//! Large and endless inputs are generated here, never committed.

use crate::common::Sandbox;
use std::io::Write;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Wait for a child at most `secs`, killing it after; `None` if it had to be killed.
fn wait_at_most(mut child: Child, secs: u64) -> Option<Output> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn run_at_most(mut cmd: Command, secs: u64) -> Output {
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_at_most(child, secs).expect("the command should end by itself")
}

/// Run with an endless stdin (like `yes '必須 Java' |`): must stop by itself.
fn run_with_endless_stdin(mut cmd: Command, secs: u64) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = "必須 Java 5年以上\n".repeat(4096);
        // Ends when the reader closes the pipe.
        while stdin.write_all(line.as_bytes()).is_ok() {}
    });
    let out = wait_at_most(child, secs).expect("an endless stdin must be cut off");
    writer.join().unwrap();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn mkfifo(path: &std::path::Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success());
}

const POSTING: &str = "【案件名】決済基盤の改修\n【必須スキル】Java 3年以上\n【単価】60〜70万円\n【場所】渋谷\n【開始】2027年1月\n";

// 1. Outputs never replace the database.

#[test]
fn export_refuses_the_database_its_companions_and_any_sqlite_file() {
    let sb = Sandbox::new();
    sb.demo(5, 2);
    let db = sb.db();
    let db_s = db.to_str().unwrap();
    for target in [
        db_s.to_string(),
        format!("{db_s}-wal"),
        format!("{db_s}-shm"),
    ] {
        let err = sb.fails(&["export", "--out", &target]);
        assert!(err.contains("SQLite database"), "{err}");
    }
    let other = sb.path("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(a);")
        .unwrap();
    let err = sb.fails(&["export", "--out", other.to_str().unwrap()]);
    assert!(err.contains("is a SQLite database"), "{err}");
    // The live database is intact and an ordinary file is written 0600 via a rename.
    assert!(sb.ok(&["engineers", "--json"]).contains("\"id\""));
    let out = sb.path("export.json");
    std::fs::write(&out, "old").unwrap();
    sb.ok(&["export", "--out", out.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("benchmatch-export"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let leftovers = std::fs::read_dir(sb.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

// 2. Restores carry nothing foreign.

#[test]
fn restore_refuses_triggers_views_and_extra_tables() {
    let sb = Sandbox::new();
    sb.demo(5, 2);
    let before = sb.snapshot();
    for (n, extra) in [
        "CREATE TRIGGER pwn AFTER INSERT ON proposals BEGIN UPDATE engineers SET notes = 'pwned'; END;",
        "CREATE VIEW v AS SELECT name FROM engineers;",
        "CREATE TABLE extra (x);",
        "CREATE INDEX engineers_by_name ON engineers(name);",
    ]
    .iter()
    .enumerate()
    {
        let copy = sb.path(&format!("copy{n}.db"));
        sb.ok(&["backup", copy.to_str().unwrap()]);
        rusqlite::Connection::open(&copy)
            .unwrap()
            .execute_batch(extra)
            .unwrap();
        let err = sb.fails(&["restore", copy.to_str().unwrap()]);
        assert!(err.contains("that benchmatch does not create"), "{err}");
        assert!(err.contains("nothing restored"), "{err}");
    }
    // A changed table is refused too, naming it.
    let copy = sb.path("altered.db");
    sb.ok(&["backup", copy.to_str().unwrap()]);
    rusqlite::Connection::open(&copy)
        .unwrap()
        .execute_batch("ALTER TABLE engineers ADD COLUMN evil TEXT;")
        .unwrap();
    let err = sb.fails(&["restore", copy.to_str().unwrap()]);
    assert!(err.contains("table 'engineers' differs"), "{err}");
    assert_eq!(sb.snapshot(), before);
    // A clean copy restores.
    let clean = sb.path("clean.db");
    sb.ok(&["backup", clean.to_str().unwrap()]);
    sb.ok(&["restore", clean.to_str().unwrap()]);
}

// 3. Bounded input everywhere.

#[cfg(unix)]
#[test]
fn folders_with_a_fifo_and_a_link_to_dev_zero_are_imported_around_them() {
    let sb = Sandbox::new();
    let dir = sb.path("mail");
    std::fs::create_dir(&dir).unwrap();
    mkfifo(&dir.join("pipe.txt"));
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    std::fs::write(dir.join("posting.txt"), POSTING).unwrap();
    let out = run_at_most(sb.cmd(&["import", "openings", dir.to_str().unwrap()]), 10);
    let err = stderr(&out);
    assert!(
        err.contains("pipe.txt: not a regular file (a FIFO); skipped"),
        "{err}"
    );
    assert!(
        err.contains("zero.txt: not a regular file (a device); skipped"),
        "{err}"
    );
    assert!(err.contains("1 new openings"), "{err}");
    let out = run_at_most(sb.cmd(&["import", "mail", dir.to_str().unwrap()]), 10);
    let err = stderr(&out);
    assert!(err.contains("not a regular file (a FIFO)"), "{err}");
    assert!(err.contains("not a regular file (a device)"), "{err}");
}

#[cfg(unix)]
#[test]
fn devices_named_directly_are_refused_by_every_reader() {
    let sb = Sandbox::new();
    let link = sb.path("zero.eml");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let l = link.to_str().unwrap();
    for args in [
        vec!["import", "openings", "/dev/zero"],
        vec!["import", "openings", l],
        vec!["import", "mail", l],
        vec!["import", "engineers", l],
        vec!["import", "all", l],
        vec!["parse", l],
        vec!["classify", l],
        vec!["parse-offer", l],
    ] {
        let out = run_at_most(sb.cmd(&args), 10);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("not a regular file (a device)"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn an_endless_stdin_is_cut_at_the_limit_by_every_reader() {
    let sb = Sandbox::new();
    for args in [
        vec!["import", "openings", "-"],
        vec!["import", "engineers", "-"],
        vec!["parse", "-"],
        vec!["classify", "-"],
        vec!["parse-offer", "-"],
        vec!["import", "mail", "-"],
    ] {
        let out = run_with_endless_stdin(sb.cmd(&args), 20);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("larger than 32 MB"), "{args:?}: {err}");
    }
}

#[test]
fn a_huge_mail_in_a_mailbox_is_skipped_and_the_next_read() {
    let sb = Sandbox::new();
    let mbox = sb.path("box.mbox");
    let mut f = std::fs::File::create(&mbox).unwrap();
    write!(
        f,
        "From a@example.com Mon Jan  5 10:00:00 2026\nFrom: a@example.com\nSubject: big\n\n"
    )
    .unwrap();
    // One line of 33 MB: over the limit, never held whole.
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..33 {
        f.write_all(&chunk).unwrap();
    }
    write!(f, "\n\nFrom b@example.com Mon Jan  5 10:00:00 2026\nFrom: b@example.com\nSubject: 案件\n\n{POSTING}").unwrap();
    drop(f);
    let out = run_at_most(sb.cmd(&["import", "openings", mbox.to_str().unwrap()]), 20);
    let err = stderr(&out);
    assert!(err.contains("message 1: larger than 32 MB"), "{err}");
    assert!(err.contains("1 new openings"), "{err}");
    let out = run_at_most(sb.cmd(&["import", "mail", mbox.to_str().unwrap()]), 20);
    let err = stderr(&out);
    assert!(err.contains("larger than 32 MB"), "{err}");
}

// 6. JSON and exports: nothing a terminal acts on.

fn terminal_active(bytes: &[u8]) -> Option<String> {
    let s = String::from_utf8_lossy(bytes);
    s.chars()
        .find(|&c| {
            (c < ' ' && c != '\n')
                || matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .map(|c| format!("U+{:04X}", c as u32))
}

#[test]
fn json_and_exports_escape_c1_bidi_and_del() {
    let sb = Sandbox::new();
    let nasty = "A\u{9b}31m\u{202e}B\u{2066}C\u{7f}D\u{1b}]52;c;x\u{7}";
    let file = sb.path("e.json");
    let doc = serde_json::json!([{
        "id": 1, "name": "山田 太郎", "affiliation": "own", "station": "品川", "notes": nasty,
        "japanese_level": "N1"
    }]);
    std::fs::write(&file, doc.to_string()).unwrap();
    sb.ok(&["import", "engineers", file.to_str().unwrap()]);
    for args in [
        vec!["show", "engineer", "1", "--json"],
        vec!["engineers", "--json"],
        vec!["export"],
    ] {
        let out = sb.run(&args);
        assert!(out.status.success(), "{args:?}");
        assert_eq!(terminal_active(&out.stdout), None, "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("\\u009b31m\\u202e"));
    }
    let out = sb.path("x.json");
    sb.ok(&["export", "--out", out.to_str().unwrap()]);
    assert_eq!(terminal_active(&std::fs::read(&out).unwrap()), None);
}

// 7. Odd values: one line naming file, record and field.

#[test]
fn absurd_engineer_values_are_refused_naming_the_field() {
    let sb = Sandbox::new();
    let file = sb.path("e.json");
    let long_notes = "メモ".repeat(5001);
    for (record, field) in [
        (
            serde_json::json!({"id": 0, "name": "A", "affiliation": "own"}),
            "id: 0",
        ),
        (
            serde_json::json!({"id": -5, "name": "A", "affiliation": "own"}),
            "id: -5",
        ),
        (
            serde_json::json!({"id": i64::MAX, "name": "A", "affiliation": "own"}),
            "id: 9223372036854775807",
        ),
        (
            serde_json::json!({"name": "A", "affiliation": "own", "available_from": "9999-12-31"}),
            "available_from: 9999-12-31",
        ),
        (
            serde_json::json!({"name": "A", "affiliation": "own", "age_band": "-1"}),
            "age_band: '-1'",
        ),
        (
            serde_json::json!({"name": " \u{3000}\u{200b} ", "affiliation": "own"}),
            "name: empty or only spaces",
        ),
        (
            serde_json::json!({"name": "A\u{0}B", "affiliation": "own"}),
            "name: contains a control character",
        ),
        (
            serde_json::json!({"name": "A", "affiliation": "own", "notes": long_notes}),
            "notes: 10002 characters",
        ),
        (
            serde_json::json!({"name": "A", "affiliation": "own", "rate": 1e308}),
            "rate: 1.000e308 is not",
        ),
    ] {
        std::fs::write(&file, serde_json::json!([record]).to_string()).unwrap();
        let err = sb.fails(&["import", "engineers", file.to_str().unwrap()]);
        assert!(err.contains("e.json: record 1: "), "{err}");
        assert!(err.contains(field), "{field}: {err}");
        assert!(err.len() < 300, "{err}");
    }
}

#[test]
fn import_all_checks_the_schema_version() {
    let sb = Sandbox::new();
    sb.demo(3, 1);
    let text = sb.ok(&["export"]);
    let empty = Sandbox::new();
    for v in [99, -1, 0] {
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        doc["schema_version"] = v.into();
        let file = empty.path("all.json");
        std::fs::write(&file, doc.to_string()).unwrap();
        let err = empty.fails(&["import", "all", file.to_str().unwrap()]);
        assert!(
            err.contains(&format!("schema_version {v} is not one")),
            "{err}"
        );
    }
}

#[test]
fn config_numbers_out_of_range_are_refused_not_a_panic() {
    let sb = Sandbox::new();
    let dir = sb.dir.path().join("config");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "[dashboard]\ntop = 18446744073709551615\n",
    )
    .unwrap();
    let err = sb.fails(&["engineers"]);
    assert!(err.contains("config.toml"), "{err}");
    #[cfg(unix)]
    {
        std::fs::remove_file(dir.join("config.toml")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.join("config.toml")).unwrap();
        let out = run_at_most(sb.cmd(&["engineers"]), 10);
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
    }
}

// 8. Messages.

#[test]
fn csv_errors_name_the_column_and_cut_huge_values() {
    let text = "name,affiliation,career_start\nA,own,abc\n";
    let err = benchmatch::store::formats::engineers(text, false).unwrap_err();
    assert!(err.contains("career_start: invalid digit"), "{err}");
    let sb = Sandbox::new();
    let file = sb.path("e.csv");
    std::fs::write(
        &file,
        format!("name,affiliation,rate\nA,own,1{}\n", "0".repeat(400)),
    )
    .unwrap();
    let err = sb.fails(&["import", "engineers", file.to_str().unwrap()]);
    assert!(err.contains("e.csv"), "{err}");
    assert!(
        err.contains("rate: 1.000e400") || err.contains("rate: inf"),
        "{err}"
    );
    assert!(err.len() < 200, "{err}");
}

#[test]
fn a_sqlite_file_from_another_program_is_named_so_and_left_alone() {
    let sb = Sandbox::new();
    let other = sb.path("firefox.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);")
        .unwrap();
    let out = sb
        .cmd(&["engineers"])
        .env("BENCHMATCH_DB", &other)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(err.contains("a SQLite file from another program"), "{err}");
    let tables: i64 = rusqlite::Connection::open(&other)
        .unwrap()
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1, "our tables were added to someone else's file");
    sb.demo(2, 1);
    let err = sb.fails(&["restore", other.to_str().unwrap()]);
    assert!(err.contains("a SQLite file from another program"), "{err}");
}

#[test]
fn a_second_failed_migration_shows_its_own_error() {
    let sb = Sandbox::new();
    let conn = rusqlite::Connection::open(sb.db()).unwrap();
    conn.execute_batch(benchmatch::store::schema::MIGRATIONS[0].1)
        .unwrap();
    conn.execute_batch("CREATE TABLE proposal_events (x INTEGER);")
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    drop(conn);
    for _ in 0..2 {
        let err = sb.fails(&["clients"]);
        assert!(err.contains("failed"), "{err}");
        assert!(!err.contains("already exists; choose another"), "{err}");
    }
}

// 4. Wide mails: linear, and capped.

use crate::common::wide_mail;

// Linear is checked by counting work (`benchmatch::work`: bytes read, labelled values
// visited), never by timing; `cargo bench --bench wide_mail` measures the time.

fn sort_steps(parts: usize, kind: &str) -> (u64, benchmatch::classify::Sorted) {
    let tax = benchmatch::skills::Taxonomy::builtin();
    let m = benchmatch::posting::mail::read_mail(&wide_mail::wide_mail(parts, kind)).unwrap();
    let env = benchmatch::classify::Envelope {
        subject: m.subject.as_deref(),
        from_addr: Some("sato@bridge-tech.co.jp"),
        received: chrono::Utc::now(),
    };
    let (sorted, steps) =
        benchmatch::work::counted(|| benchmatch::classify::sort_mail(&m.body, &env, tax));
    (steps, sorted)
}

#[test]
fn sorting_a_wide_mail_grows_linearly() {
    let (small, a) = sort_steps(150, "mixed");
    let (large, b) = sort_steps(600, "mixed");
    assert!(!a.items.is_empty() && b.items.len() > a.items.len());
    eprintln!("wide mail: {small} steps for 150 parts, {large} for 600");
    // 4× the parts is about 4× the work; a search or a re-reading per part makes it 16×.
    assert!(
        large <= small * 5,
        "4× the parts took {large} steps against {small}"
    );
}

/// Postings cut by rule lines, none with a numbered heading: each continues the one before.
fn continued_postings(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!("業務内容：決済基盤の改修 {i}\n必須スキル：Java 3年以上\n単価：60〜70万円\n")
        })
        .collect::<Vec<_>>()
        .join("\n――――――――――――\n")
}

#[test]
fn continuations_are_read_once_not_at_every_fragment() {
    let tax = benchmatch::skills::Taxonomy::builtin();
    let now = chrono::Utc::now();
    let env = benchmatch::classify::Envelope {
        subject: None,
        from_addr: None,
        received: now,
    };
    let body = continued_postings(160);
    let (sorted, sorting) =
        benchmatch::work::counted(|| benchmatch::classify::sort_mail_items(&body, &env, tax));
    assert!(
        sorted.items.len() < 10,
        "the fragments should join: {}",
        sorted.items.len()
    );
    // Linear: reading each fragment once and the joined item once is about two readings
    // of the whole text; re-reading the item at every fragment was some 80.
    let (_, once) = benchmatch::work::counted(|| benchmatch::classify::read(&body, now, tax));
    eprintln!("continuations: sorting {sorting} steps, one reading {once}");
    assert!(
        sorting < once * 4,
        "sorting took {sorting} steps, one reading of the whole {once}"
    );
}

#[test]
fn the_offer_reader_is_linear_in_labelled_lines() {
    let tax = benchmatch::skills::Taxonomy::builtin();
    let steps = |n: usize| {
        let t: String = (0..n)
            .map(|i| format!("【スキル】Java {}年\n", 1 + i % 9))
            .collect();
        let (offer, steps) =
            benchmatch::work::counted(|| benchmatch::offer::parse(&t, chrono::Utc::now(), tax));
        assert!(
            offer.skills.iter().any(|s| s.name == "Java"),
            "{:?}",
            offer.skills
        );
        steps
    };
    let small = steps(1000);
    let large = steps(20000);
    eprintln!("offer lines: {small} steps for 1000, {large} for 20000");
    // Linear is 20×; a search per line made it thousands.
    assert!(
        large <= small * 22,
        "20× the lines took {large} steps against {small}"
    );
}

// 5. Redaction is an allow-list.

/// Fill every table: demo data, mail with offers and postings, proposals with notes,
/// stage events, incidents, answers, revisions, client relations.
fn full_database(sb: &Sandbox) {
    sb.demo(8, 4);
    let fixture = |p: &str| crate::common::fixture(p).to_str().unwrap().to_string();
    sb.ok(&[
        "import",
        "mail",
        &fixture("offers/mails/01-card-issue-example.eml"),
    ]);
    let _ = sb.run(&["import", "openings", &fixture("mail/iso2022jp.eml")]);
    let _ = sb.run(&["import", "openings", &fixture("mail/forwarded_1.eml")]);
    let _ = sb.run(&["propose", "1", "1", "--note", "提案メモ"]);
    let _ = sb.run(&["stage", "1", "interview", "--note", "面談メモ"]);
    let _ = sb.run(&["answer", "2", "--none"]);
    let _ = sb.run(&["edit", "opening", "1", "--set", "rate_max=90"]);
    let _ = sb.run(&[
        "partner",
        "set",
        "協力会社A",
        "--contact",
        "x",
        "--note",
        "y",
    ]);
    let _ = sb.run(&["partner", "incident", "協力会社A", "swap"]);
    let _ = sb.run(&["client", "set", "顧客A", "--rank", "A"]);
}

#[test]
fn no_planted_marker_in_any_text_column_survives_redaction() {
    use benchmatch::store::Store;
    let sb = Sandbox::new();
    full_database(&sb);
    let tax = benchmatch::skills::Taxonomy::builtin();
    let places = benchmatch::geo::Places::builtin();
    let store = Store::open(&sb.db(), tax).unwrap();
    let conn = store.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let now = chrono::Utc::now();
    let mut planted: Vec<(String, String)> = Vec::new();
    for table in &tables {
        let columns: Vec<(String, String)> = conn
            .prepare("SELECT name, type FROM pragma_table_info(?1)")
            .unwrap()
            .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (column, kind) in columns {
            if !kind.eq_ignore_ascii_case("TEXT") {
                continue;
            }
            let marker = format!("MK{}Q", planted.len() + 100);
            // Identifiers cannot be bound; these come from sqlite_master itself.
            let set =
                format!("UPDATE \"{table}\" SET \"{column}\" = COALESCE(\"{column}\", '') || ?1");
            let undo = format!(
                "UPDATE \"{table}\" SET \"{column}\" = NULLIF(replace(\"{column}\", ?1, ''), '')"
            );
            match conn.execute(&set, [&marker]) {
                Ok(n) if n > 0 => {}
                _ => continue,
            }
            // A marker the export cannot read (in a date, say) never leaves at all.
            if store.export(tax, now).is_err() {
                let _ = conn.execute(&undo, [&marker]);
                continue;
            }
            planted.push((marker, format!("{table}.{column}")));
        }
    }
    let doc = store.export(tax, now).unwrap();
    let full = String::from_utf8(benchmatch::output::to_json_pretty(&doc).unwrap()).unwrap();
    let redacted = benchmatch::redact::redact(&doc, places, tax).unwrap();
    let shared = String::from_utf8(benchmatch::output::to_json_pretty(&redacted).unwrap()).unwrap();
    let exported: Vec<&(String, String)> = planted
        .iter()
        .filter(|(m, _)| full.contains(m.as_str()))
        .collect();
    let columns: Vec<&str> = exported.iter().map(|(_, c)| c.as_str()).collect();
    for must in [
        "engineers.name",
        "engineers.notes",
        "engineers.offer_key",
        "engineers.age_band",
        "engineers.station",
        "offer_sources.subject",
        "offer_sources.sender",
        "opening_sources.subject",
        "openings.raw_text",
        "partners.contact",
        "proposals.notes",
    ] {
        assert!(
            columns.contains(&must),
            "{must} was not planted: {columns:?}"
        );
    }
    let survivors: Vec<&str> = exported
        .iter()
        .filter(|(m, _)| shared.contains(m.as_str()))
        .map(|(_, c)| c.as_str())
        .collect();
    assert!(survivors.is_empty(), "left redacted: {survivors:?}");
}

#[test]
fn a_redacted_export_imports_into_an_empty_database() {
    let sb = Sandbox::new();
    full_database(&sb);
    let shared = sb.path("shared.json");
    sb.ok(&["export", "--redact", "--out", shared.to_str().unwrap()]);
    let text = std::fs::read_to_string(&shared).unwrap();
    for secret in ["協力会社A", "顧客A", "swap", "提案メモ", "面談メモ"] {
        assert!(!text.contains(secret), "{secret} left");
    }
    let empty = Sandbox::new();
    let out = empty.run(&["import", "all", shared.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn backups_never_take_a_database_companion_name() {
    let sb = Sandbox::new();
    sb.demo(2, 1);
    let beside = format!("{}-journal", sb.db().display());
    let _ = std::fs::remove_file(&beside);
    let err = sb.fails(&["backup", &beside]);
    assert!(err.contains("belongs to the SQLite database"), "{err}");
}
