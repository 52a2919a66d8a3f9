//! Team sync end to end: a hub on 127.0.0.1:0 over HTTPS with its own CA, laptops as
//! database files edited offline (any write, through the triggers), synced, compared.

use std::path::{Path, PathBuf};
use std::time::Instant;

use benchmatch::ops::sync::{self as team, HubFiles, Remote, RunningHub, SyncError};
use benchmatch::skills::Taxonomy;
use benchmatch::store::hub::HubStore;
use benchmatch::store::{Store, SCHEMA_VERSION};
use benchmatch::sync::protocol::{NoticeKind, Role};
use rusqlite::{params, Connection};

struct Team {
    dir: tempfile::TempDir,
    files: HubFiles,
    hub: Option<RunningHub>,
    url: String,
    /// The hub's rows are in this PostgreSQL database, not hub.sqlite.
    postgres: Option<String>,
}

impl Team {
    fn new() -> Team {
        Team::on(None)
    }

    fn on(postgres: Option<String>) -> Team {
        let dir = tempfile::tempdir().unwrap();
        let files = HubFiles::in_dir(&dir.path().join("hub"));
        team::init_certificates(&files, "Test", &["127.0.0.1".into(), "localhost".into()]).unwrap();
        let hub = team::start_hub(&files, postgres.as_deref(), "127.0.0.1:0").unwrap();
        let url = format!("https://127.0.0.1:{}", hub.addr.port());
        Team {
            dir,
            files,
            hub: Some(hub),
            url,
            postgres,
        }
    }

    /// The hub's store, opened as the admin's commands open it.
    fn hub_store(&self) -> HubStore {
        team::open_hub(&self.files, self.postgres.as_deref()).unwrap()
    }

    fn token(&self, name: &str, role: Role) -> String {
        team::add_member(&mut self.hub_store(), name, role).unwrap()
    }

    fn remote(&self, token: &str) -> Remote {
        Remote::new(&self.url, token, Some(&self.files.ca)).unwrap()
    }

    fn laptop(&self, name: &str) -> Laptop {
        let path = self.dir.path().join(format!("{name}.db"));
        let store = Store::open(&path, Taxonomy::builtin()).unwrap();
        let token = self.token(name, Role::Rep);
        Laptop {
            remote: self.remote(&token),
            token,
            store,
            path,
            name: name.to_string(),
        }
    }

    fn hub_dump(
        &self,
        role: Role,
    ) -> std::collections::BTreeMap<(String, String), benchmatch::sync::protocol::RowData> {
        self.hub_store().dump(role).unwrap()
    }
}

struct Laptop {
    store: Store,
    remote: Remote,
    token: String,
    path: PathBuf,
    name: String,
}

impl Laptop {
    fn sync(&mut self) -> team::SyncReport {
        team::sync(&mut self.store, &self.remote, false).unwrap()
    }

    /// Any other writer of the file: the triggers capture it all the same.
    fn sql(&self) -> Connection {
        let c = Connection::open(&self.path).unwrap();
        c.pragma_update(None, "foreign_keys", true).unwrap();
        c
    }
}

const NOW: &str = "2026-03-02T09:00:00Z";

/// The firm's starting data, entered on the first laptop.
fn seed(c: &Connection, engineers: usize, openings: usize) {
    let tx = c.unchecked_transaction().unwrap();
    for (i, name) in ["丸の内商事", "みなと銀行", "北斗システム"]
        .iter()
        .enumerate()
    {
        tx.execute(
            "INSERT INTO clients (name, rank) VALUES (?1, ?2)",
            params![name, ["A", "B", "C"][i]],
        )
        .unwrap();
    }
    tx.execute(
        "INSERT INTO partners (name) VALUES ('パートナーA'), ('パートナーB')",
        [],
    )
    .unwrap();
    for i in 0..engineers {
        tx.execute(
            "INSERT INTO engineers (name, initials, affiliation, cost, rate, notes, created_at, updated_at)
             VALUES (?1, ?2, 'own', 50, 65, '', ?3, ?3)",
            params![format!("基本 {i}"), format!("K{i}"), NOW],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO engineer_skills (engineer_id, skill_id, years)
             SELECT last_insert_rowid(), id, 3 FROM skills WHERE name = 'Java'",
            [],
        )
        .unwrap();
    }
    for i in 0..openings {
        tx.execute(
            "INSERT INTO openings (client_id, title, raw_text, received_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![
                1 + (i % 3) as i64,
                format!("案件 {i}"),
                format!("RAWMAIL-{i} 本文"),
                NOW
            ],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO opening_requirements (opening_id, kind, grp, position, name, min_years)
             VALUES (last_insert_rowid(), 'must', 0, 0, 'Java', 2)",
            [],
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

/// `n` offline edits of every kind a rep makes, by laptop `who`.
fn offline_edits(c: &Connection, who: usize, n: usize, seed: u64) -> usize {
    let mut rng = fastrand::Rng::with_seed(seed);
    let tx = c.unchecked_transaction().unwrap();
    let ids = |sql: &str| -> Vec<i64> {
        tx.prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let engineers = ids("SELECT id FROM engineers");
    let openings = ids("SELECT id FROM openings");
    let mut created = 0;
    for k in 0..n {
        match rng.u32(0..100) {
            0..=9 => {
                tx.execute(
                    "INSERT INTO engineers (name, initials, affiliation, rate, created_at, updated_at)
                     VALUES (?1, 'N', 'partner', ?2, ?3, ?3)",
                    params![format!("新規 {who}-{k}"), 55 + rng.u32(0..20), NOW],
                )
                .unwrap();
                created += 1;
            }
            10..=14 => {
                let e = engineers[rng.usize(..engineers.len())];
                let o = openings[rng.usize(..openings.len())];
                tx.execute(
                    "INSERT OR IGNORE INTO proposals (opening_id, engineer_id, created_at) VALUES (?1, ?2, ?3)",
                    params![o, e, NOW],
                )
                .unwrap();
            }
            15..=19 => {
                tx.execute(
                    "UPDATE proposals SET stage = 'interview', stage_at = ?1
                     WHERE id = (SELECT id FROM proposals ORDER BY random() LIMIT 1)",
                    [NOW],
                )
                .unwrap();
            }
            20..=21 => {
                // Two reps meet the same new client: one row for the firm.
                tx.execute(
                    "INSERT OR IGNORE INTO clients (name) VALUES (?1)",
                    [format!("新規顧客 {}", k % 7)],
                )
                .unwrap();
            }
            _ => {
                let e = engineers[rng.usize(..engineers.len())];
                let sql = match rng.u32(0..3) {
                    0 => "UPDATE engineers SET notes = ?2 WHERE id = ?1",
                    1 => "UPDATE engineers SET station = ?2 WHERE id = ?1",
                    _ => "UPDATE engineers SET rate = 60 + length(?2) % 9 WHERE id = ?1",
                };
                tx.execute(sql, params![e, format!("{who}:{k}")]).unwrap();
            }
        }
    }
    tx.commit().unwrap();
    created
}

/// Every laptop's shared rows equal the hub's; no row lost, none twice.
fn assert_converged(team: &Team, laptops: &[Laptop], seeded: usize, created: usize) {
    let hub = team.hub_dump(Role::Rep);
    for l in laptops {
        let mine = l.store.sync_dump().unwrap();
        if mine != hub {
            let diff: Vec<_> = hub
                .iter()
                .filter(|(k, v)| mine.get(*k) != Some(*v))
                .map(|(k, v)| format!("{k:?}: hub {v:?} / laptop {:?}", mine.get(k)))
                .chain(
                    mine.keys()
                        .filter(|k| !hub.contains_key(*k))
                        .map(|k| format!("{k:?} only on the laptop")),
                )
                .take(3)
                .collect();
            panic!("{} differs from the hub: {diff:#?}", l.name);
        }
        assert_eq!(
            l.store.sync_pending().unwrap(),
            0,
            "{} still has a queue",
            l.name
        );
    }
    let engineers: Vec<&str> = hub
        .iter()
        .filter(|((t, _), _)| t == "engineers")
        .filter_map(|(_, r)| r.get("name").and_then(|n| n.as_str()))
        .collect();
    assert_eq!(
        engineers.len(),
        seeded + created,
        "engineers lost or duplicated"
    );
    let distinct: std::collections::BTreeSet<_> = engineers.iter().collect();
    assert_eq!(distinct.len(), engineers.len(), "an engineer twice");
    let clients: Vec<&str> = hub
        .iter()
        .filter(|((t, _), _)| t == "clients")
        .filter_map(|(_, r)| r.get("name").and_then(|n| n.as_str()))
        .collect();
    let distinct: std::collections::BTreeSet<_> = clients.iter().collect();
    assert_eq!(distinct.len(), clients.len(), "a client twice");
    // One live proposal per engineer and end client across members.
    let mut held = std::collections::BTreeMap::new();
    for ((t, gid), r) in &hub {
        if t != "proposals" {
            continue;
        }
        let opening = r["opening"].as_str().unwrap();
        let client = hub[&("openings".to_string(), opening.to_string())]["client"].clone();
        let key = (r["engineer"].to_string(), client.to_string());
        let by = r["proposed_by"].as_str().unwrap().to_string();
        if let Some((other_by, other)) = held.insert(key, (by.clone(), gid.clone())) {
            assert_eq!(
                other_by, by,
                "{gid} and {other}: two members proposed the same engineer to one client"
            );
        }
    }
}

/// `laptops` laptops each make `edits` offline edits, upload, crash before the
/// acknowledgement, then sync twice; the time from the first upload to convergence.
fn converge(team: Team, laptops: usize, edits: usize) -> std::time::Duration {
    let mut all: Vec<Laptop> = (0..laptops)
        .map(|i| team.laptop(&format!("rep{i}")))
        .collect();
    seed(&all[0].sql(), 40, 12);
    all[0].sync();
    for l in &mut all[1..] {
        l.sync();
    }
    let mut created = 0;
    for (i, l) in all.iter().enumerate() {
        created += offline_edits(&l.sql(), i, edits, 7 + i as u64);
    }
    let start = Instant::now();
    for l in &mut all {
        // The hub applies the batch; the laptop never hears back.
        assert!(team::upload_unacknowledged(&mut l.store, &l.remote, false).unwrap() > 0);
    }
    for _ in 0..2 {
        for l in &mut all {
            l.sync();
        }
    }
    let took = start.elapsed();
    assert_converged(&team, &all, 40, created);
    took
}

#[test]
fn laptops_with_offline_edits_and_a_crash_before_the_ack_converge() {
    converge(Team::new(), 4, 300);
}

#[test]
#[ignore = "measurement: cargo test --release --test it sync::measure -- --ignored --nocapture"]
fn measure_10_by_1000_and_30_by_1000() {
    for (n, e) in [(10, 1000), (30, 1000)] {
        let t = converge(Team::new(), n, e);
        println!("{n} laptops × {e} offline edits, crash before ack: converged in {t:.2?}");
    }
}

#[test]
#[ignore = "measurement: cargo test --release --test it sync::measure -- --ignored --nocapture"]
fn measure_a_laptop_offline_14_days_with_5000_edits() {
    let team = Team::new();
    let mut office = team.laptop("office");
    let mut away = team.laptop("away");
    seed(&office.sql(), 200, 60);
    office.sync();
    away.sync();
    // Fourteen days away: 5,000 edits, while the office makes its own.
    let created = offline_edits(&away.sql(), 1, 5000, 99);
    away.sql()
        .execute(
            "UPDATE sync_queue SET at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-14 days')",
            [],
        )
        .unwrap();
    let office_created = offline_edits(&office.sql(), 0, 1000, 98);
    office.sync();
    let start = Instant::now();
    let report = away.sync();
    let took = start.elapsed();
    office.sync();
    println!(
        "offline 14 days, 5,000 edits ({} rows sent, {} received): synced in {took:.2?}",
        report.sent, report.received
    );
    assert_converged(&team, &[office, away], 200, created + office_created);
}

#[test]
fn a_roster_import_reaches_the_other_laptops_whole() {
    use benchmatch::domain::records::{EngineerRecord, SkillYears};
    let team = Team::new();
    let mut a = team.laptop("a");
    let mut b = team.laptop("b");
    let records: Vec<(usize, EngineerRecord)> = (0..3)
        .map(|i| {
            (
                i + 2,
                EngineerRecord {
                    name: format!("山田 太郎{i}"),
                    affiliation: "partner".into(),
                    partner: Some("株式会社テストパートナー".into()),
                    skills: vec![
                        SkillYears {
                            name: "Java".into(),
                            years: 3.0,
                        },
                        SkillYears {
                            name: "SQL".into(),
                            years: 2.0,
                        },
                    ],
                    assignment_client: (i == 0).then(|| "ひかり損保".to_string()),
                    assignment_end: (i == 0).then(|| "open".to_string()),
                    ..EngineerRecord::default()
                },
            )
        })
        .collect();
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap().to_utc();
    let out = a
        .store
        .import_roster(&records, Taxonomy::builtin(), now, false)
        .unwrap();
    assert_eq!(out.ids.len(), 3);
    // Each imported row is queued once, not once per skill row.
    assert_eq!(
        a.store.sync_pending().unwrap(),
        6,
        "3 engineers, a partner, a client, an assignment"
    );
    a.sync();
    b.sync();
    let hub = team.hub_dump(Role::Rep);
    assert_eq!(a.store.sync_dump().unwrap(), hub);
    assert_eq!(b.store.sync_dump().unwrap(), hub);
    let count = |sql: &str| -> i64 { b.sql().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM engineers"), 3);
    assert_eq!(count("SELECT count(*) FROM engineer_skills"), 6);
    assert_eq!(count("SELECT count(*) FROM partners"), 1);
    assert_eq!(count("SELECT count(*) FROM assignments"), 1);
    // The insert triggers the bulk write sets aside are back after it, after a dry run
    // and after an import refused half-way: a row added by hand still gets a global id,
    // and it and a new skill row of it are queued.
    a.store
        .import_roster(&records, Taxonomy::builtin(), now, true)
        .unwrap();
    let mut refused = records.clone();
    refused.push(refused[0].clone());
    refused[3].1.id = Some(out.ids[0]);
    assert!(a
        .store
        .import_roster(&refused, Taxonomy::builtin(), now, false)
        .is_err());
    let sql = a.sql();
    sql.execute(
        "INSERT INTO engineers (name, initials, affiliation, created_at, updated_at)
         VALUES ('手入力 花子', 'TH', 'own', ?1, ?1)",
        [NOW],
    )
    .unwrap();
    let by_hand = sql.last_insert_rowid();
    let queued = |sql: &Connection| -> i64 {
        sql.query_row(
            "SELECT count(*) FROM sync_queue q JOIN engineers e ON e.gid = q.gid
             WHERE q.tbl = 'engineers' AND e.id = ?1",
            [by_hand],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(queued(&sql), 1, "queued by the engineer's insert trigger");
    sql.execute(
        "INSERT INTO engineer_skills (engineer_id, skill_id, years) VALUES (?1, 1, 2.0)",
        [by_hand],
    )
    .unwrap();
    assert_eq!(queued(&sql), 2, "queued again by the skill row's trigger");
}

#[test]
fn a_second_proposal_of_an_engineer_to_the_same_client_is_a_conflict_naming_the_first() {
    a_second_proposal_of_an_engineer_to_the_same_client_is_a_conflict_naming_the_first_on(
        Team::new(),
    );
}

fn a_second_proposal_of_an_engineer_to_the_same_client_is_a_conflict_naming_the_first_on(
    team: Team,
) {
    let mut a = team.laptop("sato");
    let mut b = team.laptop("suzuki");
    seed(&a.sql(), 3, 4);
    a.sync();
    b.sync();
    // Openings 1 and 4 are both for the first client (i % 3): two routes to one client.
    a.sql()
        .execute(
            "INSERT INTO proposals (opening_id, engineer_id, created_at) VALUES (1, 2, ?1)",
            [NOW],
        )
        .unwrap();
    let b_opening = b
        .store
        .sync_local_id(
            "openings",
            &a.store.sync_gid("openings", 4).unwrap().unwrap(),
        )
        .unwrap()
        .unwrap();
    let b_engineer = b
        .store
        .sync_local_id(
            "engineers",
            &a.store.sync_gid("engineers", 2).unwrap().unwrap(),
        )
        .unwrap()
        .unwrap();
    b.sql()
        .execute(
            "INSERT INTO proposals (opening_id, engineer_id, created_at) VALUES (?1, ?2, ?3)",
            params![b_opening, b_engineer, NOW],
        )
        .unwrap();
    a.sync();
    let report = b.sync();
    assert_eq!(report.conflicts, 1);
    let c = &b.store.sync_conflicts(false).unwrap()[0];
    assert_eq!(c.kind, NoticeKind::Double);
    assert_eq!(c.other_member, "sato");
    let winner = c
        .other_local
        .expect("sato's proposal is on suzuki's laptop");
    assert!(c.detail.contains("案件 3"), "{c:?}");
    // The first keeps it; the second's is gone, everywhere.
    a.sync();
    assert_eq!(a.store.sync_dump().unwrap(), team.hub_dump(Role::Rep));
    assert_eq!(b.store.sync_dump().unwrap(), team.hub_dump(Role::Rep));
    let (id, by, _) = b
        .store
        .proposed_by_others(b_opening, b_engineer)
        .unwrap()
        .unwrap();
    assert_eq!((id, by.as_str()), (winner, "sato"));
    assert!(
        a.store.proposed_by_others(4, 2).unwrap().is_none(),
        "sato's own proposal is no warning"
    );
}

#[test]
fn the_later_edit_of_a_field_wins_and_the_earlier_can_be_restored() {
    the_later_edit_of_a_field_wins_and_the_earlier_can_be_restored_on(Team::new());
}

fn the_later_edit_of_a_field_wins_and_the_earlier_can_be_restored_on(team: Team) {
    let mut a = team.laptop("a");
    let mut b = team.laptop("b");
    seed(&a.sql(), 2, 1);
    a.sync();
    b.sync();
    let gid = a.store.sync_gid("engineers", 1).unwrap().unwrap();
    let on_b = b.store.sync_local_id("engineers", &gid).unwrap().unwrap();
    a.sql()
        .execute("UPDATE engineers SET rate = 70 WHERE id = 1", [])
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    b.sql()
        .execute("UPDATE engineers SET rate = 72 WHERE id = ?1", [on_b])
        .unwrap();
    // The later edit (b's) reaches the hub second: it wins, a is told.
    a.sync();
    b.sync();
    let report = a.sync();
    assert_eq!(report.conflicts, 1);
    let rate = |l: &Laptop, id: i64| -> f64 {
        l.sql()
            .query_row("SELECT rate FROM engineers WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(rate(&a, 1), 72.0);
    let c = a.store.sync_conflicts(false).unwrap().remove(0);
    assert_eq!(
        (
            c.field.as_deref(),
            c.mine.as_deref(),
            c.other_member.as_str()
        ),
        (Some("rate"), Some("70.0"), "b")
    );
    // One key puts a's value back; it is the later edit now.
    team::restore(&mut a.store, c.id).unwrap();
    a.sync();
    b.sync();
    assert_eq!(rate(&b, on_b), 70.0);
    assert!(a.store.sync_conflicts(false).unwrap().is_empty());
}

#[test]
fn a_signed_stage_beats_an_earlier_stage_edited_later() {
    a_signed_stage_beats_an_earlier_stage_edited_later_on(Team::new());
}

fn a_signed_stage_beats_an_earlier_stage_edited_later_on(team: Team) {
    let mut a = team.laptop("a");
    let mut b = team.laptop("b");
    seed(&a.sql(), 2, 1);
    a.sql()
        .execute(
            "INSERT INTO proposals (opening_id, engineer_id, created_at) VALUES (1, 1, ?1)",
            [NOW],
        )
        .unwrap();
    a.sync();
    b.sync();
    a.sql()
        .execute(
            "UPDATE proposals SET stage = 'signed', signed_at = '2026-03-03'",
            [],
        )
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    b.sql()
        .execute("UPDATE proposals SET stage = 'interview'", [])
        .unwrap();
    a.sync();
    b.sync();
    let stage: String = b
        .sql()
        .query_row("SELECT stage FROM proposals", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stage, "signed");
}

#[test]
fn wrong_and_revoked_tokens_are_refused() {
    wrong_and_revoked_tokens_are_refused_on(Team::new());
}

fn wrong_and_revoked_tokens_are_refused_on(team: Team) {
    let mut l = team.laptop("rep");
    l.sync();
    let wrong = team.remote("bmt_0000");
    let e = team::sync(&mut l.store, &wrong, false).unwrap_err();
    assert!(
        matches!(e, SyncError::Refused(_)) && e.to_string().contains("refused this token"),
        "{e}"
    );
    team::revoke(&mut team.hub_store(), "rep").unwrap();
    let e = team::sync(&mut l.store, &l.remote, false).unwrap_err();
    assert!(e.to_string().contains("wrong or revoked"), "{e}");
}

#[test]
fn a_laptop_on_an_older_schema_is_refused_in_one_line_that_says_what_to_do() {
    a_laptop_on_an_older_schema_is_refused_in_one_line_that_says_what_to_do_on(Team::new());
}

fn a_laptop_on_an_older_schema_is_refused_in_one_line_that_says_what_to_do_on(team: Team) {
    let mut l = team.laptop("rep");
    let e = team::sync_as(&mut l.store, &l.remote, false, SCHEMA_VERSION - 1).unwrap_err();
    let line = e.to_string();
    assert!(!line.contains('\n'));
    assert!(
        line.contains("older") && line.contains("install the hub's version"),
        "{line}"
    );
}

#[test]
fn the_hub_holds_no_raw_mail_password_or_token_and_tech_sees_no_cost() {
    the_hub_holds_no_raw_mail_password_or_token_and_tech_sees_no_cost_on(Team::new());
}

fn the_hub_holds_no_raw_mail_password_or_token_and_tech_sees_no_cost_on(team: Team) {
    let mut rep = team.laptop("rep");
    let c = rep.sql();
    seed(&c, 3, 3);
    c.execute(
        "INSERT INTO opening_sources (opening_id, sender, subject, received_at, raw_text)
         VALUES (1, 'a@example.jp', 's', ?1, 'RAWMAIL-source 本文')",
        [NOW],
    )
    .unwrap();
    c.execute(
        "INSERT INTO mail_folders (account, folder, uidvalidity, last_uid, fetched_at)
         VALUES ('IMAPSTATE-account', 'INBOX', 1, 2, ?1)",
        [NOW],
    )
    .unwrap();
    rep.sync();
    let tech_token = team.token("tech", Role::Tech);
    let tech_path = team.dir.path().join("tech.db");
    let mut tech = Store::open(&tech_path, Taxonomy::builtin()).unwrap();
    team::sync(&mut tech, &team.remote(&tech_token), false).unwrap();
    let costs: i64 = Connection::open(&tech_path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM engineers WHERE cost IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let engineers: i64 = Connection::open(&tech_path)
        .unwrap()
        .query_row("SELECT count(*) FROM engineers", [], |r| r.get(0))
        .unwrap();
    assert_eq!((engineers, costs), (3, 0));
    let text = match &team.postgres {
        None => {
            let mut bytes = Vec::new();
            for f in [&team.files.db, &team.files.db.with_extension("sqlite-wal")] {
                if Path::new(f).exists() {
                    bytes.extend(std::fs::read(f).unwrap());
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        // Every table of the hub, every row as text.
        Some(url) => {
            let mut pg = postgres::Client::connect(url, postgres::NoTls).unwrap();
            let mut text = String::new();
            for t in [
                "hub_members",
                "hub_laptops",
                "hub_log",
                "hub_rows",
                "hub_notices",
                "hub_proposals",
                "hub_aliases",
            ] {
                let sql = format!("SELECT coalesce(string_agg(t::text, ' '), '') FROM {t} t");
                text.push_str(&pg.query_one(sql.as_str(), &[]).unwrap().get::<_, String>(0));
            }
            text
        }
    };
    assert!(text.contains("案件 0"), "the scan reads the hub's rows");
    for secret in ["RAWMAIL", "IMAPSTATE", &tech_token, "bmt_"] {
        assert!(!text.contains(secret), "the hub holds {secret}");
    }
}

impl Drop for Team {
    fn drop(&mut self) {
        if let Some(h) = self.hub.take() {
            h.stop();
        }
    }
}

/// The commands a firm runs: `serve init`, `serve add-member`, `serve`, then `sync` on
/// two laptops; the second sees the first's proposal and is warned before proposing the
/// same engineer to the same client.
#[test]
fn the_commands_set_up_a_hub_and_two_laptops_share_a_proposal() {
    use std::io::BufRead as _;
    let hub = crate::common::Sandbox::new();
    let dir = hub.path("hub");
    let dir = dir.to_str().unwrap();
    hub.ok(&[
        "serve",
        "init",
        "--dir",
        dir,
        "--host",
        "127.0.0.1",
        "--firm",
        "テスト",
    ]);
    let sato = hub
        .ok(&["serve", "add-member", "sato", "--dir", dir])
        .trim()
        .to_string();
    let suzuki = hub
        .ok(&["serve", "add-member", "suzuki", "--dir", dir])
        .trim()
        .to_string();
    assert!(hub
        .fails(&["serve", "add-member", "sato", "--dir", dir])
        .contains("already a member"));
    let mut child = hub
        .cmd(&["serve", "--dir", dir, "--listen", "127.0.0.1:0"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("https://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let laptop = |token: &str| {
        let sb = crate::common::Sandbox::new();
        std::fs::create_dir_all(sb.path("config")).unwrap();
        std::fs::write(
            sb.path("config/config.toml"),
            format!(
                "[sync]\nurl = \"{url}\"\ntoken = \"{token}\"\nca = \"{}\"\n",
                Path::new(dir).join("ca.pem").display()
            ),
        )
        .unwrap();
        sb
    };
    let a = laptop(&sato);
    let b = laptop(&suzuki);
    a.demo(6, 3);
    a.ok(&["propose", "1", "2"]);
    assert!(a.ok(&["sync"]).contains("sent"));
    assert!(b.ok(&["sync"]).contains("received"));
    let pipeline = b.ok(&["pipeline"]);
    let _ = child.kill();
    let _ = child.wait();
    assert!(pipeline.lines().count() > 1, "{pipeline}");
    let out = b.run(&["propose", "1", "2"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sato already proposed this engineer"), "{err}");
    // With the hub gone, sync is a one-line offline message.
    assert!(b.fails(&["sync"]).contains("offline"));
}

/// Wait for the dashboard's sync worker to finish, feeding its result back.
fn settle(s: &mut benchmatch::tui::Session<'_>) {
    let start = Instant::now();
    while s.sync_running() {
        s.poll_workers();
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "the sync never ended"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

fn status(s: &benchmatch::tui::Session<'_>) -> String {
    s.app
        .status
        .as_ref()
        .map(|st| st.text.clone())
        .unwrap_or_default()
}

/// The dashboard: `Y` syncs on its worker, the rows arrive, `p` warns before a double
/// proposal; the timer's syncs say offline once, quietly, then nothing.
#[test]
fn the_dashboard_syncs_on_y_warns_of_a_double_proposal_and_says_offline_once() {
    use crate::tui_common::{press, session_on};
    use benchmatch::tui::app::Overlay;
    let mut team = Team::new();
    let mut a = team.laptop("sato");
    seed(&a.sql(), 3, 4);
    // Openings 1 and 4 are for the same client: sato proposes engineer 2 to opening 1.
    a.sql()
        .execute(
            "INSERT INTO proposals (opening_id, engineer_id, created_at) VALUES (1, 2, ?1)",
            [NOW],
        )
        .unwrap();
    a.sync();
    let path = team.dir.path().join("suzuki.db");
    let store = Store::open(&path, Taxonomy::builtin()).unwrap();
    let mut s = session_on(store, benchmatch::i18n::Lang::En, (100, 30));
    press(&mut s, "Y");
    assert!(status(&s).contains("no team hub"), "{}", status(&s));
    s.syncer = Some(team::SyncJob {
        db: path.clone(),
        skills: None,
        own_names: Vec::new(),
        config: benchmatch::config::SyncConfig {
            url: team.url.clone(),
            token: team.token("suzuki", Role::Rep),
            ca: team.files.ca.display().to_string(),
            ..Default::default()
        },
    });
    press(&mut s, "Y");
    assert!(status(&s).contains("syncing"), "{}", status(&s));
    press(&mut s, "Y");
    assert!(s.sync_running(), "one sync at a time");
    settle(&mut s);
    assert!(status(&s).contains("received"), "{}", status(&s));
    // The timer's look for other writers finds nothing more: the line stays.
    s.dispatch(benchmatch::tui::Action::Tick {
        now: crate::tui_common::now(),
        today: crate::tui_common::today(),
    });
    assert!(status(&s).contains("received"), "{}", status(&s));
    assert_eq!(s.app.data.openings.len(), 4, "the hub's rows are on screen");
    assert_eq!(s.app.data.team.len(), 1);
    // On suzuki's laptop, the same engineer for the other opening of that client.
    let gid = |t: &str, id| a.store.sync_gid(t, id).unwrap().unwrap();
    let local = |t: &str, id| s.store().sync_local_id(t, &gid(t, id)).unwrap().unwrap();
    let (opening, engineer) = (local("openings", 4), local("engineers", 2));
    s.open(opening);
    for _ in 0..3 {
        if s.app.selected_candidate() == Some(engineer) {
            break;
        }
        press(&mut s, "j");
    }
    assert_eq!(s.app.selected_candidate(), Some(engineer));
    press(&mut s, "p");
    let Some(Overlay::ProposePrompt(d)) = &s.app.overlay else {
        panic!("no propose prompt: {:?}", s.app.overlay);
    };
    assert!(
        d.warnings[0].starts_with("double proposal: sato already proposed"),
        "{:?}",
        d.warnings
    );
    press(&mut s, "\x1b");
    // The timer: the first is due at once, the next only after the period.
    s.sync_when_due(std::time::Duration::from_secs(600));
    assert!(s.sync_running());
    settle(&mut s);
    s.sync_when_due(std::time::Duration::from_secs(600));
    assert!(!s.sync_running(), "not due yet");
    // The hub goes away: one quiet line, then silence at the next tries.
    if let Some(h) = team.hub.take() {
        h.stop();
    }
    s.app.status = None;
    s.sync_when_due(std::time::Duration::ZERO);
    settle(&mut s);
    let line = s.app.status.clone().expect("offline is said");
    assert!(
        !line.error && line.text.starts_with("sync: offline"),
        "{line:?}"
    );
    s.app.status = None;
    s.sync_when_due(std::time::Duration::ZERO);
    settle(&mut s);
    assert_eq!(s.app.status, None, "said once");
    assert!(s.app.overlay.is_none(), "never a dialog");
    // Asked for with Y, the answer comes every time.
    press(&mut s, "Y");
    settle(&mut s);
    assert!(status(&s).starts_with("sync: offline"), "{}", status(&s));
}

/// Kills the private tmux server of a socket when dropped.
struct KillServer(PathBuf);

impl Drop for KillServer {
    fn drop(&mut self) {
        let _ = std::process::Command::new("tmux")
            .arg("-S")
            .arg(&self.0)
            .arg("kill-server")
            .output();
    }
}

/// One pane of a private tmux server (its socket in the test's directory).
struct Pane {
    socket: PathBuf,
    name: &'static str,
}

impl Pane {
    fn tmux(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux is installed (.ci/run installs it)")
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", self.name];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success(), "send-keys {keys:?}");
    }

    fn wait_for(&self, text: &str, secs: u64) -> String {
        let start = Instant::now();
        loop {
            let out = self.tmux(&["capture-pane", "-p", "-t", self.name]);
            let screen = String::from_utf8_lossy(&out.stdout).into_owned();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(secs),
                "{}: timed out waiting for {text:?}; screen:\n{screen}",
                self.name
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

/// Two dashboards on two laptops' databases in a real terminal: sato proposes and
/// syncs with `Y`; suzuki's `Y` brings the proposal, and proposing the same engineer to
/// the same client through the other opening is warned of first.
#[test]
fn two_dashboards_in_tmux_share_a_proposal_and_warn_of_a_double_proposal() {
    let tmux = std::process::Command::new("tmux").arg("-V").output();
    assert!(
        tmux.is_ok_and(|o| o.status.success()),
        "tmux is not installed: this end-to-end walk needs it (apt-get install tmux)"
    );
    let team = Team::new();
    let mut sato = team.laptop("sato");
    let mut suzuki = team.laptop("suzuki");
    {
        let c = sato.sql();
        c.execute_batch(
            "INSERT INTO clients (name) VALUES ('丸の内商事');
             INSERT INTO engineers (name, initials, affiliation, rate, created_at, updated_at)
               VALUES ('山田 太郎', 'YT', 'own', 65, '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z');
             INSERT INTO engineer_skills (engineer_id, skill_id, years)
               SELECT 1, id, 5 FROM skills WHERE name = 'Java';
             INSERT INTO openings (client_id, title, raw_text, received_at, created_at)
               VALUES (1, 'Java決済 旧ルート', '', '2026-02-27T09:00:00Z', '2026-02-27T09:00:00Z'),
                      (1, 'Java基盤 新ルート', '', '2026-03-01T09:00:00Z', '2026-03-01T09:00:00Z');
             INSERT INTO opening_requirements (opening_id, kind, grp, position, name, min_years)
               VALUES (1, 'must', 0, 0, 'Java', 2), (2, 'must', 0, 0, 'Java', 2);",
        )
        .unwrap();
    }
    sato.sync();
    suzuki.sync();
    let socket = team.dir.path().join("tmux.sock");
    // The server goes when the test ends, passed or failed.
    let _server = KillServer(socket.clone());
    let start = |l: &Laptop, name: &'static str| {
        let config = team.dir.path().join(format!("{name}-config"));
        std::fs::create_dir_all(&config).unwrap();
        let token = &l.token;
        std::fs::write(
            config.join("config.toml"),
            format!(
                "[company]\nasked = true\n\n[sync]\nurl = \"{}\"\ntoken = \"{token}\"\nca = \"{}\"\n",
                team.url,
                team.files.ca.display()
            ),
        )
        .unwrap();
        let cmd = format!(
            "env BENCHMATCH_TODAY=2026-03-02 NO_COLOR=1 BENCHMATCH_CONFIG_DIR='{}' '{}' --db '{}' --lang en; echo exit=$?; sleep 30",
            config.display(),
            env!("CARGO_BIN_EXE_benchmatch"),
            l.path.display()
        );
        let pane = Pane {
            socket: socket.clone(),
            name,
        };
        let out = pane.tmux(&[
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "120",
            "-y",
            "40",
            &cmd,
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        pane
    };
    let a = start(&sato, "sato");
    let b = start(&suzuki, "suzuki");
    a.wait_for("Top candidates for #", 15);
    b.wait_for("Top candidates for #", 15);
    // Each dashboard synced once on opening; `Y` says when that one is over.
    for pane in [&a, &b] {
        pane.send(&["Y"]);
        pane.wait_for("sync: up to date", 20);
    }
    // sato opens the newest opening and proposes its one candidate, then syncs.
    a.send(&["Enter"]);
    a.wait_for("to discuss", 20);
    a.send(&["p"]);
    a.wait_for("Java基盤 新ルート", 20);
    a.send(&["Enter"]);
    a.send(&["Enter"]);
    a.wait_for("Proposal recorded", 20);
    a.send(&["Y"]);
    a.wait_for(" sent", 20);
    // suzuki syncs, opens the other opening of the same client, and is warned first.
    b.send(&["Y"]);
    b.wait_for("received", 20);
    b.send(&["j"]);
    b.send(&["Enter"]);
    b.wait_for("Java決済 旧ルート", 20);
    b.send(&["p"]);
    let warned = b.wait_for("double proposal", 20);
    assert!(warned.contains("sato already proposed"), "{warned}");
    b.send(&["Escape"]);
    b.send(&["q"]);
    a.send(&["q"]);
    b.wait_for("exit=0", 20);
    a.wait_for("exit=0", 20);
    let _ = a.tmux(&["kill-server"]);
    // suzuki's laptop holds sato's proposal and made none of its own.
    let by: Vec<String> = suzuki
        .sql()
        .prepare("SELECT proposed_by FROM proposals")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(by, vec!["sato".to_string()]);
}

/// A private PostgreSQL server for these tests: a fresh cluster in a temporary folder,
/// reached on a Unix socket there (no port), stopped when dropped. It fails, never
/// skips, when PostgreSQL is not installed (`.ci/run` installs it).
struct Postgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// Run the server's programs as this user: PostgreSQL refuses to run as root.
    user: Option<String>,
    made: std::cell::Cell<u32>,
}

impl Postgres {
    fn start() -> Postgres {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path().join("bin"))
            .filter(|b| b.join("initdb").exists())
            .max()
            .expect("PostgreSQL is not installed: the PostgreSQL hub tests need it (apt-get install postgresql)");
        let root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        let user = root.then(|| "postgres".to_string());
        let dir = tempfile::tempdir().unwrap();
        if let Some(u) = &user {
            let uid = std::process::Command::new("id")
                .args(["-u", u])
                .output()
                .unwrap();
            let uid: u32 = String::from_utf8_lossy(&uid.stdout)
                .trim()
                .parse()
                .expect("a postgres user");
            std::os::unix::fs::chown(dir.path(), Some(uid), None).unwrap();
        }
        let pg = Postgres {
            dir,
            bin,
            user,
            made: std::cell::Cell::new(0),
        };
        let data = pg.dir.path().join("data");
        pg.run(
            "initdb",
            &[
                "-D",
                &data.display().to_string(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
        );
        let opts = format!("-k {} -c listen_addresses='' -F", pg.dir.path().display());
        let log = pg.dir.path().join("log");
        pg.run(
            "pg_ctl",
            &[
                "-D",
                &data.display().to_string(),
                "-o",
                &opts,
                "-l",
                &log.display().to_string(),
                "-w",
                "start",
            ],
        );
        pg
    }

    fn run(&self, program: &str, args: &[&str]) {
        let exe = self.bin.join(program);
        let mut cmd = match &self.user {
            Some(u) => {
                let mut c = std::process::Command::new("runuser");
                c.args(["-u", u, "--"]).arg(&exe);
                c
            }
            None => std::process::Command::new(&exe),
        };
        let out = cmd
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A new, empty database on the server: its connection string.
    fn database(&self) -> String {
        let n = self.made.get() + 1;
        self.made.set(n);
        let admin = format!(
            "host={} user=postgres dbname=postgres",
            self.dir.path().display()
        );
        let mut c = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
        c.batch_execute(&format!("CREATE DATABASE hub{n}")).unwrap();
        format!(
            "host={} user=postgres dbname=hub{n}",
            self.dir.path().display()
        )
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.dir.path().join("data").display().to_string();
        self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
    }
}

/// The same cases on a hub whose rows are in PostgreSQL (`serve --postgres`), each on a
/// database of its own.
#[test]
fn the_same_cases_hold_on_a_postgresql_hub() {
    let pg = Postgres::start();
    let on_pg = || Team::on(Some(pg.database()));
    converge(on_pg(), 4, 300);
    a_second_proposal_of_an_engineer_to_the_same_client_is_a_conflict_naming_the_first_on(on_pg());
    the_later_edit_of_a_field_wins_and_the_earlier_can_be_restored_on(on_pg());
    a_signed_stage_beats_an_earlier_stage_edited_later_on(on_pg());
    wrong_and_revoked_tokens_are_refused_on(on_pg());
    a_laptop_on_an_older_schema_is_refused_in_one_line_that_says_what_to_do_on(on_pg());
    the_hub_holds_no_raw_mail_password_or_token_and_tech_sees_no_cost_on(on_pg());
    // A hub restarted on the same database finds its members and rows.
    let team = on_pg();
    let mut a = team.laptop("a");
    seed(&a.sql(), 2, 2);
    a.sync();
    let url = team.postgres.clone().unwrap();
    let files = HubFiles::in_dir(&team.dir.path().join("hub"));
    drop(team.hub_store());
    let before = team.hub_dump(Role::Rep);
    let mut team = team;
    if let Some(h) = team.hub.take() {
        h.stop();
    }
    let again = team::start_hub(&files, Some(&url), "127.0.0.1:0").unwrap();
    team.url = format!("https://127.0.0.1:{}", again.addr.port());
    team.hub = Some(again);
    let mut b = team.laptop("b");
    b.sync();
    assert_eq!(b.store.sync_dump().unwrap(), before);
    a.remote = team.remote(&a.token);
    assert_eq!(a.sync().received, 0, "nothing new for a");
}

#[test]
#[ignore = "measurement: cargo test --release --test it sync::measure -- --ignored --nocapture"]
fn measure_10_by_1000_and_30_by_1000_on_postgresql() {
    let pg = Postgres::start();
    for (n, e) in [(10, 1000), (30, 1000)] {
        let t = converge(Team::on(Some(pg.database())), n, e);
        println!("PostgreSQL hub: {n} laptops × {e} offline edits, crash before ack: converged in {t:.2?}");
    }
}
