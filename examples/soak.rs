//! Soak: two processes hammer one database with mixed writes; count errors and lost writes.
//!
//! `cargo run --release --example soak -- [OPS_PER_PROCESS]` (default 5,000 each,
//! 10,000 in all). Each worker keeps a ledger of what it committed; at the end the
//! parent checks every ledger entry is in the database and runs an integrity check.

use benchmatch::domain::{Man, Opening};
use benchmatch::skills::Taxonomy;
use benchmatch::store::{EngineerRecord, SkillYears, Store};
use chrono::Utc;
use std::path::Path;
use std::process::Command;

fn engineer(tag: &str, i: usize) -> EngineerRecord {
    EngineerRecord {
        fields: Default::default(),
        id: None,
        name: format!("{tag} 技術者{i}"),
        initials: None,
        affiliation: "own".into(),
        partner: None,
        depth: None,
        station: Some("品川".into()),
        area: None,
        remote_pref: None,
        available_from: Some("2026-12-01".into()),
        availability_confirmed: None,
        cost: Some(50.0),
        rate: Some(65.0),
        foreign: Some(false),
        japanese_level: None,
        languages: None,
        age_band: None,
        career_start: None,
        notes: String::new(),
        last_checked: None,
        assignment_end: None,
        assignment_client: None,
        assignment_start: None,
        employment: None,
        ng: None,
        skills: vec![SkillYears {
            name: "Java".into(),
            years: 3.0,
        }],
    }
}

/// One worker: `ops` writes of three kinds, one transaction each. Prints its ledger.
fn worker(db: &Path, tag: &str, ops: usize) {
    let tax = Taxonomy::builtin();
    let mut store = Store::open(db, tax).expect("open");
    let (mut engineers, mut openings, mut proposals, mut errors) = (0, 0, 0, 0);
    let mut my_openings = Vec::new();
    let mut my_engineers = Vec::new();
    for i in 0..ops {
        let result = match i % 3 {
            0 => store
                .import_engineers(&[(1, engineer(tag, i)), (2, engineer(tag, i + 1))], tax)
                .map(|ids| {
                    engineers += ids.len();
                    my_engineers.extend(ids);
                }),
            1 => {
                let mut o = Opening::new(format!("{tag} 案件{i}"), Utc::now());
                o.rate_max = Man::new(70.0);
                store
                    .insert_opening(&o, Some("Soak client"), Some(tag), Utc::now())
                    .map(|id| {
                        openings += 1;
                        my_openings.push(id);
                    })
            }
            _ => match (my_openings.last(), my_engineers.get(proposals)) {
                (Some(&o), Some(&e)) => store.propose(o, e, Man::new(65.0), Utc::now()).map(|_| {
                    proposals += 1;
                }),
                _ => Ok(()),
            },
        };
        if let Err(e) = result {
            errors += 1;
            eprintln!("{tag}: op {i}: {e}");
        }
    }
    println!("{tag} {engineers} {openings} {proposals} {errors}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 5 && args[1] == "--worker" {
        return worker(
            Path::new(&args[2]),
            &args[3],
            args[4].parse().unwrap_or(5000),
        );
    }
    let ops: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5000);
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("soak.db");
    drop(Store::open(&db, Taxonomy::builtin()).expect("create"));
    let exe = std::env::current_exe().expect("exe");
    let started = std::time::Instant::now();
    // Both workers run at the same time against the same file.
    let handles: Vec<_> = ["A", "B"]
        .iter()
        .map(|tag| {
            Command::new(&exe)
                .args([
                    "--worker",
                    db.to_str().unwrap_or_default(),
                    tag,
                    &ops.to_string(),
                ])
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("spawn worker")
        })
        .collect();
    let mut expected = (0i64, 0i64, 0i64);
    let mut errors = 0;
    for h in handles {
        let out = h.wait_with_output().expect("worker");
        let line = String::from_utf8_lossy(&out.stdout);
        let f: Vec<i64> = line
            .split_whitespace()
            .skip(1)
            .filter_map(|x| x.parse().ok())
            .collect();
        if let [e, o, p, err] = f[..] {
            expected.0 += e;
            expected.1 += o;
            expected.2 += p;
            errors += err;
        }
    }
    let elapsed = started.elapsed();
    let store = Store::open(&db, Taxonomy::builtin()).expect("reopen");
    let counts = store.counts().expect("counts");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let tagged = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap_or(-1) };
    let engineers =
        tagged("SELECT count(*) FROM engineers WHERE name LIKE 'A %' OR name LIKE 'B %'");
    let openings = tagged("SELECT count(*) FROM openings WHERE source IN ('A', 'B')");
    let proposals = tagged(
        "SELECT count(*) FROM proposals p JOIN openings o ON o.id = p.opening_id WHERE o.source IN ('A', 'B')",
    );
    let lost = (expected.0 - engineers) + (expected.1 - openings) + (expected.2 - proposals);
    println!(
        "soak: 2 concurrent processes x {ops} ops in {:.1} s; errors {errors}; lost writes {lost}; integrity {}; totals {:?}",
        elapsed.as_secs_f64(),
        store.integrity_check().unwrap_or_default(),
        counts
    );
    if errors > 0 || lost != 0 {
        std::process::exit(1);
    }
}
