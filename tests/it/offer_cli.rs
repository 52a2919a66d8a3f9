//! `import mail`, `parse-offer`, `classify`, `offers` and the stale switch, through the real binary.

use crate::common::{fixture, Sandbox};
use serde_json::Value;

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn offers_dir(name: &str) -> String {
    fixture(&format!("offers/mails/{name}"))
        .display()
        .to_string()
}

#[test]
fn a_mailbox_folder_is_sorted_and_counted_by_kind_and_reimport_adds_nothing() {
    let sb = Sandbox::new();
    let dirs: Vec<String> = ["offers/mails", "offers/openings", "other"]
        .iter()
        .map(|d| fixture(d).display().to_string())
        .collect();
    let mut args = vec!["import", "mail"];
    args.extend(dirs.iter().map(String::as_str));
    args.push("--json");
    let report = json(&sb.ok(&args));
    assert_eq!(report["mails"], 63);
    assert_eq!(report["by_kind"]["offer"], 28);
    assert_eq!(report["by_kind"]["opening"], 12);
    assert_eq!(report["by_kind"]["mixed"], 1);
    assert_eq!(report["by_kind"]["other"], 22);
    // 47 offers, two of which repeat an engineer already offered (a re-send, a forward).
    assert_eq!(report["offers"]["new"], 45);
    assert_eq!(report["offers"]["updated"], 2);
    // Openings go through the posting import: the mixed mail's opening is a copy of one
    // in a two-opening mail, and is linked to it.
    assert_eq!(report["openings"]["postings"], 14);
    assert_eq!(report["openings"]["new"], 13);
    assert_eq!(report["openings"]["duplicates"], 1);
    let engineers = json(&sb.ok(&["engineers", "--json"]));
    assert_eq!(engineers.as_array().map(Vec::len), Some(45));

    let again = json(&sb.ok(&args));
    assert_eq!(again["offers"]["new"], 0);
    assert_eq!(again["offers"]["updated"], 0);
    assert_eq!(again["offers"]["known"], 47);
    assert_eq!(again["openings"]["known"], 14);
    assert_eq!(
        json(&sb.ok(&["engineers", "--json"]))
            .as_array()
            .map(Vec::len),
        Some(45)
    );
    // `import openings` still takes openings only.
    sb.ok(&[
        "import",
        "openings",
        fixture("openings.json").to_str().unwrap(),
    ]);
}

#[test]
fn the_same_engineer_from_two_partners_is_one_record_with_every_source() {
    let sb = Sandbox::new();
    sb.ok(&["import", "mail", &offers_dir("03-square-bullets.eml")]);
    sb.ok(&[
        "import",
        "mail",
        &offers_dir("20-other-partner-forward.eml"),
    ]);
    let all = json(&sb.ok(&["offers", "--json", "--as-of", "2026-11-25"]));
    let list = all.as_array().expect("array");
    assert_eq!(list.len(), 1, "{all}");
    let e = &list[0];
    assert_eq!(e["name"], "S.Y.");
    assert_eq!(e["sources"], 2);
    // The forward came one company further down the chain: the direct partner stays.
    assert_eq!(e["depth"], 1);
    assert_eq!(e["partner"], "alpha-sys.co.jp");
    assert_eq!(e["last_offered_at"], "2026-11-24T06:00:00Z");
    let id = e["id"].to_string();
    let sources = json(&sb.ok(&["offers", &id, "--json"]));
    let partners: Vec<&str> = sources
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["partner"].as_str())
        .collect();
    assert_eq!(partners, vec!["next-stage.jp", "alpha-sys.co.jp"]);
    assert!(sources[0]["raw_text"]
        .as_str()
        .unwrap_or("")
        .contains("S.Y"));
}

#[test]
fn parse_offer_prints_exactly_the_documented_keys() {
    let sb = Sandbox::new();
    let out = json(&sb.ok(&["parse-offer", &offers_dir("02-brackets.eml"), "--json"]));
    let mut keys: Vec<&str> = out
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut documented = vec![
        "initials",
        "age",
        "age_band",
        "gender",
        "station",
        "area",
        "skills",
        "rate_min",
        "rate_max",
        "available_from",
        "affiliation",
        "depth",
        "nationality_foreign",
        "japanese_level",
        "remote_preference",
        "summary",
    ];
    documented.sort_unstable();
    assert_eq!(keys, documented);
    assert_eq!(
        out["skills"][0],
        serde_json::json!({"name": "Java", "years": 7.0})
    );
    // Several offers in one mail: an array.
    let many = json(&sb.ok(&[
        "parse-offer",
        &offers_dir("05-three-numbered.eml"),
        "--json",
    ]));
    assert_eq!(many.as_array().map(Vec::len), Some(3));
    // Plain text on stdin, with the received date given.
    let mut child = sb
        .cmd(&["parse-offer", "-", "--json", "--received", "2026-11-20"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all("T.K（34）男性 / Java 5年 / 最寄:川崎 / 60万~ / 1月~".as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let o = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(o["available_from"], "2027-01");
    assert_eq!(o["rate_min"], 60);
    assert_eq!(o["rate_max"], Value::Null);
}

#[test]
fn classify_shows_the_decision_and_its_weighted_cues() {
    let sb = Sandbox::new();
    let out = json(&sb.ok(&["classify", &offers_dir("05-three-numbered.eml"), "--json"]));
    assert_eq!(out["kind"], "offer");
    assert_eq!(out["offers"], 3);
    let cues = out["cues"].as_array().expect("cues");
    assert!(cues
        .iter()
        .any(|c| c["kind"] == "offer" && c["weight"].as_f64().unwrap_or(0.0) > 0.0));
    let other = fixture("other/01-webinar-ai.eml").display().to_string();
    let out = json(&sb.ok(&["classify", &other, "--json"]));
    assert_eq!(out["kind"], "other");
    assert!(out["cues"]
        .as_array()
        .expect("cues")
        .iter()
        .any(|c| c["kind"] == "other" && c["cue"] == "セミナー"));
    let text = sb.ok(&["classify", &other]);
    assert!(text.starts_with("other"), "{text}");
}

#[test]
fn stale_partner_engineers_are_marked_hidden_on_request_and_left_out_of_free() {
    let sb = Sandbox::new();
    sb.demo(5, 1);
    sb.ok(&["import", "mail", &offers_dir("02-brackets.eml")]);
    let fresh = json(&sb.ok(&["rank", "1", "--all", "--json", "--as-of", "2026-11-25"]));
    let km = |r: &Value| -> Option<Value> {
        r["candidates"]
            .as_array()?
            .iter()
            .find(|c| c["name"] == "K.M.")
            .cloned()
    };
    assert_eq!(km(&fresh).expect("K.M. ranked")["stale"], false);
    // Stale ones are out of the active pool by default; --include-stale brings them back.
    let later = json(&sb.ok(&[
        "rank",
        "1",
        "--all",
        "--json",
        "--as-of",
        "2026-12-22",
        "--include-stale",
    ]));
    let c = km(&later).expect("K.M. still ranked");
    assert_eq!(c["stale"], true);
    assert!(c["review"].as_array().expect("review").iter().any(|r| r
        .as_str()
        .unwrap_or("")
        .starts_with("stale: last offered 32 days ago")));
    let hidden = json(&sb.ok(&[
        "rank",
        "1",
        "--all",
        "--json",
        "--as-of",
        "2026-12-22",
        "--fresh-only",
    ]));
    assert!(km(&hidden).is_none());
    let by_default = json(&sb.ok(&["rank", "1", "--all", "--json", "--as-of", "2026-12-22"]));
    assert!(km(&by_default).is_none());
    assert_eq!(by_default["left_out"]["stale"], 1);
    assert_eq!(by_default["pool"], later["pool"].as_u64().unwrap() - 1);

    let names = |out: &str| -> Vec<String> {
        json(out)
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|e| e["name"].as_str().map(str::to_string))
            .collect()
    };
    let free_fresh = sb.ok(&[
        "free",
        "--json",
        "--as-of",
        "2026-11-25",
        "--month",
        "2026-12",
    ]);
    assert!(names(&free_fresh).contains(&"K.M.".to_string()));
    let free_late = sb.ok(&[
        "free",
        "--json",
        "--as-of",
        "2026-12-22",
        "--month",
        "2027-01",
    ]);
    assert!(!names(&free_late).contains(&"K.M.".to_string()));
    let free_all = sb.ok(&[
        "free",
        "--json",
        "--as-of",
        "2026-12-22",
        "--month",
        "2027-01",
        "--include-stale",
    ]);
    assert!(names(&free_all).contains(&"K.M.".to_string()));
}

#[test]
fn bad_mail_input_is_refused_in_one_line_and_nothing_is_half_stored() {
    let sb = Sandbox::new();
    sb.demo(3, 1);
    let before = sb.snapshot();
    let bin = sb.path("photo.eml");
    std::fs::write(&bin, [0u8, 159, 146, 150, 0, 1, 2]).expect("write");
    let err = sb.fails(&["import", "mail", bin.to_str().unwrap()]);
    assert!(err.contains("binary"), "{err}");
    let empty = sb.path("empty.txt");
    std::fs::write(&empty, "  \n").expect("write");
    let err = sb.fails(&["import", "mail", empty.to_str().unwrap()]);
    assert!(err.contains("empty"), "{err}");
    let err = sb.fails(&["import", "mail", sb.path("missing.mbox").to_str().unwrap()]);
    assert!(err.contains("missing.mbox"), "{err}");
    assert_eq!(sb.snapshot(), before);

    // A full disk halfway through a mailbox: the whole file is rolled back.
    let mbox = sb.path("big.mbox");
    let one = std::fs::read_to_string(fixture("offers/mails/25-pipe-cards.eml")).expect("fixture");
    let mut text = String::new();
    for i in 0..300 {
        text.push_str(&format!(
            "From x@y Fri Nov 20 08:00:00 2026\n{}\n",
            one.replace("A.S", &format!("A{i}.S"))
        ));
    }
    std::fs::write(&mbox, text).expect("write");
    let out = sb
        .cmd(&["import", "mail", mbox.to_str().unwrap()])
        .env("BENCHMATCH_MAX_PAGE_COUNT", "60")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("disk full"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(sb.snapshot(), before);
}
