//! The active pool: stale partner offers and inactive engineers stay out of `rank` and
//! `free` unless `--include-stale`, the count left out is said, and reading only those
//! who can rank gives the same ranking as reading everyone.

use crate::common::Sandbox;
use serde_json::Value;

fn json(s: &str) -> Value {
    serde_json::from_str(s).expect("JSON output")
}

/// Engineer ids in a `rank --all --json` output (candidates and excluded alike).
fn ranked_ids(v: &Value) -> Vec<i64> {
    v["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .filter_map(|c| c["engineer_id"].as_i64())
        .collect()
}

/// A demo with four engineers set up against the as-of day 2026-12-20: an own engineer
/// whom a mail offered 100 days ago (own staff are never stale), partners offered 31 and
/// 29 days ago, and an engineer marked inactive from 2026-12-01 through `edit`.
fn pool_sandbox() -> (Sandbox, [i64; 4]) {
    let sb = Sandbox::new();
    sb.demo(60, 3);
    let conn = rusqlite::Connection::open(sb.db()).expect("open the database");
    let id_of = |aff: &str, skip: i64| -> i64 {
        conn.query_row(
            // Free in January 2027 and on no assignment, so `free` lists them too.
            "SELECT id FROM engineers WHERE affiliation = ?1
                AND available_from <= '2027-01-31'
                AND id NOT IN (SELECT engineer_id FROM assignments)
             ORDER BY id LIMIT 1 OFFSET ?2",
            rusqlite::params![aff, skip],
            |r| r.get(0),
        )
        .expect("a demo engineer of that affiliation")
    };
    let (own, old, recent, inactive) = (
        id_of("own", 0),
        id_of("partner", 0),
        id_of("partner", 1),
        id_of("own", 1),
    );
    for (id, at) in [
        (own, "2026-09-11 09:00:00+00:00"),
        (old, "2026-11-19 09:00:00+00:00"),
        (recent, "2026-11-21 09:00:00+00:00"),
    ] {
        conn.execute(
            "UPDATE engineers SET last_offered_at = ?2 WHERE id = ?1",
            rusqlite::params![id, at],
        )
        .expect("set last offered");
    }
    sb.ok(&[
        "edit",
        "engineer",
        &inactive.to_string(),
        "--set",
        "inactive_from=2026-12-01",
    ]);
    (sb, [own, old, recent, inactive])
}

#[test]
fn the_active_pool_leaves_out_stale_offers_and_inactive_engineers_until_asked() {
    let (sb, [own, old, recent, inactive]) = pool_sandbox();
    let rank = |extra: &[&str]| {
        let mut args = vec!["rank", "1", "--all", "--json", "--as-of", "2026-12-20"];
        args.extend_from_slice(extra);
        json(&sb.ok(&args))
    };
    let active = rank(&[]);
    let ids = ranked_ids(&active);
    assert!(ids.contains(&own), "own staff are never stale");
    assert!(ids.contains(&recent), "offered 29 days ago: in");
    assert!(!ids.contains(&old), "offered 31 days ago: out");
    assert!(!ids.contains(&inactive), "inactive: out");
    assert_eq!(active["left_out"]["stale"], 1);
    assert_eq!(active["left_out"]["inactive"], 1);
    assert_eq!(active["pool"], 58);
    assert_eq!(ids.len(), 58, "--all lists the whole active pool");

    let all = rank(&["--include-stale"]);
    let ids = ranked_ids(&all);
    for id in [own, old, recent, inactive] {
        assert!(ids.contains(&id), "--include-stale brings {id} back");
    }
    assert_eq!(all["pool"], 60);
    let stale_mark = |id: i64| {
        all["candidates"]
            .as_array()
            .expect("candidates")
            .iter()
            .find(|c| c["engineer_id"] == id)
            .map(|c| c["stale"].clone())
    };
    assert_eq!(stale_mark(old), Some(Value::Bool(true)));
    assert_eq!(stale_mark(own), Some(Value::Bool(false)));

    // The text says what was left out, and how to bring it in.
    let text = sb.ok(&["rank", "1", "--as-of", "2026-12-20"]);
    assert!(
        text.contains("left out: 1 stale, 1 inactive (--include-stale brings them in)"),
        "{text}"
    );
    assert!(text.contains("pool 58"), "{text}");
    let ja = sb.ok(&["rank", "1", "--as-of", "2026-12-20", "--lang", "ja"]);
    assert!(
        ja.contains("対象外: 情報の古い要員 1名・提案停止 1名"),
        "{ja}"
    );

    // A day before the inactive date, and with the offer 29 days old, both are in.
    let earlier = json(&sb.ok(&["rank", "1", "--all", "--json", "--as-of", "2026-11-30"]));
    assert_eq!(earlier["left_out"]["stale"], 0);
    assert_eq!(earlier["left_out"]["inactive"], 0);
    assert_eq!(earlier["pool"], 60);
}

#[test]
fn who_is_free_leaves_out_the_same_and_says_how_many() {
    let (sb, [_, old, recent, inactive]) = pool_sandbox();
    let free = |extra: &[&str]| -> Vec<i64> {
        let mut args = vec![
            "free",
            "--json",
            "--as-of",
            "2026-12-20",
            "--month",
            "2027-01",
        ];
        args.extend_from_slice(extra);
        json(&sb.ok(&args))
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|e| e["id"].as_i64())
            .collect()
    };
    let active = free(&[]);
    assert!(active.contains(&recent));
    assert!(!active.contains(&old) && !active.contains(&inactive));
    let all = free(&["--include-stale"]);
    assert!(all.contains(&old) && all.contains(&inactive) && all.contains(&recent));
    let text = sb.ok(&["free", "--as-of", "2026-12-20", "--month", "2027-01"]);
    assert!(text.contains("left out: 1 stale, 1 inactive"), "{text}");
}

/// Reading only the holders of a must skill ranks exactly as reading everyone does.
#[test]
fn reading_only_who_can_rank_gives_the_same_ranking() {
    let sb = Sandbox::new();
    sb.demo(400, 25);
    for opening in 1..=25 {
        let id = opening.to_string();
        let args = [
            "rank",
            &id,
            "--json",
            "--top",
            "1000",
            "--as-of",
            "2026-11-26",
        ];
        let few = json(&sb.ok(&args));
        let mut all_args = args.to_vec();
        all_args.push("--all");
        let all = json(&sb.ok(&all_args));
        let passing = |v: &Value| -> Vec<(i64, String)> {
            v["candidates"]
                .as_array()
                .expect("candidates")
                .iter()
                .filter(|c| c["excluded"] == false)
                .map(|c| {
                    (
                        c["engineer_id"].as_i64().unwrap_or(0),
                        c["score"].to_string(),
                    )
                })
                .collect()
        };
        assert_eq!(passing(&few), passing(&all), "opening {opening}");
        for key in ["pool", "passing", "matches", "unheld"] {
            assert_eq!(few[key], all[key], "opening {opening}: {key}");
        }
    }
}

/// With most of the pool stale, holders are found through the active ids before any row
/// is read, and ranking reads only what ranks: the same ranking as reading everyone, no
/// stale engineer in it, and every row shown with its whole profile (its name).
#[test]
fn a_mostly_stale_pool_ranks_as_reading_everyone_does() {
    let sb = Sandbox::new();
    sb.demo(300, 12);
    let conn = rusqlite::Connection::open(sb.db()).expect("open the database");
    // Three in four offered by a partner long before the as-of day below.
    conn.execute(
        "UPDATE engineers SET affiliation = 'partner',
             last_offered_at = '2026-06-01 09:00:00+00:00' WHERE id % 4 <> 0",
        [],
    )
    .expect("make offers stale");
    let ids = |sql: &str| -> std::collections::HashMap<i64, String> {
        let mut stmt = conn.prepare(sql).expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    };
    // Stale on 2026-11-26 under the default 30 days.
    let stale = ids("SELECT id, name FROM engineers WHERE affiliation <> 'own'
        AND last_offered_at < '2026-10-27'");
    let names = ids("SELECT id, name FROM engineers");
    assert!(stale.len() * 2 > names.len(), "most of the pool is stale");
    for opening in 1..=12 {
        let id = opening.to_string();
        let args = [
            "rank",
            &id,
            "--json",
            "--top",
            "1000",
            "--as-of",
            "2026-11-26",
        ];
        let few = json(&sb.ok(&args));
        let mut all_args = args.to_vec();
        all_args.push("--all");
        let all = json(&sb.ok(&all_args));
        let passing = |v: &Value| -> Vec<(i64, String)> {
            v["candidates"]
                .as_array()
                .expect("candidates")
                .iter()
                .filter(|c| c["excluded"] == false)
                .map(|c| {
                    (
                        c["engineer_id"].as_i64().unwrap_or(0),
                        c["score"].to_string(),
                    )
                })
                .collect()
        };
        assert_eq!(passing(&few), passing(&all), "opening {opening}");
        assert_eq!(few["pool"], all["pool"], "opening {opening}");
        assert_eq!(
            few["left_out"]["stale"].as_u64(),
            Some(stale.len() as u64),
            "opening {opening}"
        );
        for v in [&few, &all] {
            for c in v["candidates"].as_array().expect("candidates") {
                let eid = c["engineer_id"].as_i64().unwrap_or(0);
                assert!(!stale.contains_key(&eid), "opening {opening}: stale {eid}");
                assert_eq!(c["name"].as_str(), names.get(&eid).map(String::as_str));
            }
        }
    }
}
