//! Postings from mail and files into the store: charsets, HTML, several postings per
//! mail, forwarded duplicates, re-imports, bad input, and the `parse` and
//! `import openings` commands end to end.

use std::path::{Path, PathBuf};

use crate::common::Sandbox;
use benchmatch::ops::import_postings::{self as import, Input, Summary};
use benchmatch::posting::mail::read_mail;
use benchmatch::posting::{parse, split};
use benchmatch::skills::Taxonomy;
use benchmatch::store::Store;
use chrono::{TimeZone, Utc};
use serde_json::Value;

fn mail_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mail")
        .join(name)
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 11, 21, 0, 0, 0).unwrap()
}

fn import_files(store: &mut Store, names: &[&str]) -> Summary {
    let inputs: Vec<Input> = names.iter().map(|n| Input::File(mail_fixture(n))).collect();
    import::import(store, Taxonomy::builtin(), &inputs, now(), &mut |_| {})
}

#[test]
fn every_charset_and_transfer_encoding_reads_the_same_posting() {
    let tax = Taxonomy::builtin();
    for name in [
        "iso2022jp.eml",
        "shift_jis.eml",
        "euc_jp.eml",
        "utf8_qp.eml",
        "utf8_base64.eml",
    ] {
        let bytes = std::fs::read(mail_fixture(name)).unwrap();
        let m = read_mail(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            m.sender.as_deref(),
            Some("株式会社アルファ 青木 <aoki@alpha.example.jp>"),
            "{name}"
        );
        assert_eq!(
            m.subject.as_deref(),
            Some("【案件】Java 配送管理"),
            "{name}"
        );
        let date = m.date.unwrap();
        assert_eq!(date, Utc.with_ymd_and_hms(2025, 11, 20, 0, 30, 0).unwrap());
        let p = parse(&m.body, date, tax);
        assert_eq!(
            p.title.as_deref(),
            Some("物流会社向け　配送管理システム開発"),
            "{name}"
        );
        assert_eq!(p.must_skills, vec!["Java", "Spring Boot"], "{name}");
        assert_eq!(p.nice_skills, vec!["AWS"], "{name}");
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["rate_min"], 60, "{name}");
        assert_eq!(json["rate_max"], 70, "{name}");
        assert_eq!(json["start"], "2025-12", "{name}");
        assert_eq!(json["remote"], "partial", "{name}");
        assert_eq!(json["max_depth"], 0, "{name}");
        assert_eq!(json["foreign_ok"], false, "{name}");
    }
}

#[test]
fn html_only_mail_is_read_as_text() {
    let m = read_mail(&std::fs::read(mail_fixture("html_only.eml")).unwrap()).unwrap();
    assert!(!m.body.contains('<'), "{}", m.body);
    let p = parse(&m.body, m.date.unwrap(), Taxonomy::builtin());
    assert_eq!(p.must_skills, vec!["Java", "Oracle", "PL/SQL"]);
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["rate_max"], 75);
    assert_eq!(json["location"], "茅場町");
    assert_eq!(json["start"], "2026-01");
    assert_eq!(json["interviews"], 2);
    assert_eq!(json["foreign_ok"], false);
}

#[test]
fn several_postings_in_one_mail_become_several_openings() {
    for (name, titles) in [
        (
            "multi_numbered.eml",
            [
                "ECサイト　バックエンド開発",
                "保険会社　契約管理システム保守",
            ],
        ),
        (
            "multi_separated.eml",
            [
                "人材系SaaS　フロントエンド開発",
                "官公庁向け　ネットワーク更改",
            ],
        ),
    ] {
        let m = read_mail(&std::fs::read(mail_fixture(name)).unwrap()).unwrap();
        let pieces = split::split(&m.body);
        assert_eq!(pieces.len(), 2, "{name}");
        let mut store = Store::open_in_memory(Taxonomy::builtin()).unwrap();
        let s = import_files(&mut store, &[name]);
        assert_eq!((s.new, s.duplicates, s.postings), (2, 0, 2), "{name}");
        let mut got: Vec<String> = store
            .load_openings()
            .unwrap()
            .into_iter()
            .map(|o| o.title)
            .collect();
        got.sort();
        let mut want: Vec<String> = titles.iter().map(|t| t.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn forwarded_copies_are_linked_to_the_first_not_stored_twice() {
    let mut store = Store::open_in_memory(Taxonomy::builtin()).unwrap();
    let s = import_files(
        &mut store,
        &["forwarded_1.eml", "forwarded_2.eml", "forwarded_3.eml"],
    );
    assert_eq!((s.new, s.duplicates, s.known), (1, 2, 0), "{s:?}");
    let openings = store.load_openings().unwrap();
    assert_eq!(openings.len(), 1);
    // The first copy's fields stand: its rate, not the ones cut by the intermediaries.
    assert_eq!(openings[0].rate_max.map(|m| m.as_f64()), Some(70.0));
    let senders: Vec<String> = store
        .opening_sources(openings[0].id)
        .unwrap()
        .into_iter()
        .filter_map(|s| s.sender)
        .collect();
    assert_eq!(
        senders,
        vec![
            "株式会社アルファ 青木 <aoki@alpha.example.jp>",
            "ベータ商事 伊藤 <ito@beta.example.jp>",
            "ガンマシステムズ 上野 <ueno@gamma.example.jp>",
        ]
    );
}

#[test]
fn a_mailbox_imports_each_mail_and_reports_the_one_without_text() {
    let mut store = Store::open_in_memory(Taxonomy::builtin()).unwrap();
    let s = import_files(&mut store, &["inbox.mbox"]);
    // shift_jis (new), forwarded_2 (a copy of it), no text part (failed), two postings (new).
    assert_eq!(
        (s.new, s.duplicates, s.known, s.postings),
        (3, 1, 0, 4),
        "{s:?}"
    );
    assert_eq!(s.failed.len(), 1);
    assert!(s.failed[0].what.ends_with("inbox.mbox message 3"));
    assert!(s.failed[0].reason.contains("no text part"));
}

#[test]
fn importing_the_same_files_again_adds_nothing() {
    let mut store = Store::open_in_memory(Taxonomy::builtin()).unwrap();
    let names = [
        "iso2022jp.eml",
        "utf8_qp.eml",
        "html_only.eml",
        "multi_numbered.eml",
        "forwarded_2.eml",
        "inbox.mbox",
    ];
    let first = import_files(&mut store, &names);
    assert!(first.new > 0);
    let openings = store.counts().unwrap().openings;
    let sources: usize = store
        .load_openings()
        .unwrap()
        .iter()
        .map(|o| store.opening_sources(o.id).unwrap().len())
        .sum();
    let again = import_files(&mut store, &names);
    assert_eq!((again.new, again.duplicates), (0, 0), "{again:?}");
    assert_eq!(again.known, first.new + first.duplicates + first.known);
    assert_eq!(store.counts().unwrap().openings, openings);
    let sources_again: usize = store
        .load_openings()
        .unwrap()
        .iter()
        .map(|o| store.opening_sources(o.id).unwrap().len())
        .sum();
    assert_eq!(sources_again, sources);
}

#[test]
fn circled_blocks_become_openings_with_their_own_and_the_shared_terms() {
    let mut store = Store::open_in_memory(Taxonomy::builtin()).unwrap();
    let s = import_files(&mut store, &["multi_circled.eml"]);
    assert_eq!((s.new, s.duplicates, s.postings), (4, 0, 4), "{s:?}");
    let mut got: Vec<_> = store.load_openings().unwrap();
    got.sort_by(|a, b| a.title.cmp(&b.title));
    let by = |t: &str| got.iter().find(|o| o.title.starts_with(t)).unwrap();
    // Each block's own terms.
    let java = by("在庫管理");
    assert_eq!(java.rate_max, benchmatch::domain::Man::new(65.0));
    assert_eq!(java.location.as_deref(), Some("品川"));
    let must: Vec<&str> = java
        .requirements
        .must_flat()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(must, ["Java"]);
    let aws = by("物流向け");
    assert_eq!(aws.rate_max, benchmatch::domain::Man::new(80.0));
    assert_eq!(aws.remote, Some(benchmatch::domain::Remote::Full));
    assert!(!aws.raw_text.contains("PHP"), "{}", aws.raw_text);
    // The closing block speaks for all four.
    for o in &got {
        assert_eq!(o.max_depth, Some(0), "{}", o.title);
        assert_eq!(o.interviews, Some(1), "{}", o.title);
        assert_eq!(o.foreign_ok, Some(false), "{}", o.title);
    }
    // Importing the mail again adds nothing, block by block.
    let again = import_files(&mut store, &["multi_circled.eml"]);
    assert_eq!(
        (again.new, again.duplicates, again.known),
        (0, 0, 4),
        "{again:?}"
    );
    // Another firm forwards one block on its own: linked to that block's opening.
    let mail = std::fs::read_to_string(mail_fixture("multi_circled.eml")).unwrap();
    let (head, body) = mail.split_once("\n\n").unwrap();
    let block = body
        .split("\n\n")
        .find(|b| b.starts_with('③'))
        .unwrap()
        .trim_start_matches('③');
    let forwarded = format!(
        "{}\n\nお世話になっております。デルタの佐藤です。\n\n案件名：{block}\n商流：貴社社員まで\n\n株式会社デルタ\n",
        head.replace("yamamoto@gamma", "sato@delta")
            .replace("Date: Fri, 21 Nov 2025 10:00", "Date: Fri, 21 Nov 2025 13:00")
    );
    let inputs = [Input::Bytes {
        name: "fwd.eml".into(),
        bytes: forwarded.into_bytes(),
    }];
    let fwd = import::import(&mut store, Taxonomy::builtin(), &inputs, now(), &mut |_| {});
    assert_eq!((fwd.new, fwd.duplicates), (0, 1), "{fwd:?}");
    assert_eq!(store.opening_sources(aws.id).unwrap().len(), 2);
    assert_eq!(store.counts().unwrap().openings, 4);
}

#[test]
fn parse_shows_every_posting_of_a_mail() {
    let sb = Sandbox::new();
    let path = mail_fixture("multi_circled.eml");
    let out = sb.ok(&["parse", path.to_str().unwrap(), "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let all = v["openings"].as_array().unwrap();
    assert_eq!(all.len(), 4);
    // The top level is the first posting, in the one-posting shape.
    assert_eq!(v["title"], all[0]["title"]);
    assert_eq!(v["must_skills"], serde_json::json!(["Java"]));
    let titles: Vec<&str> = all.iter().map(|o| o["title"].as_str().unwrap()).collect();
    assert!(titles[3].starts_with("社内向け分析基盤"), "{titles:?}");
    assert!(all
        .iter()
        .all(|o| o["interviews"] == 1 && o["max_depth"] == 0));
    let out = sb.ok(&["parse", path.to_str().unwrap()]);
    assert!(
        out.starts_with(&format!("{} holds 4 postings", path.display())),
        "{out}"
    );
    for k in 1..=4 {
        assert!(out.contains(&format!("--- posting {k} of 4 ---")), "{out}");
    }
    // One posting: no `openings` key.
    let one = mail_fixture("forwarded_1.eml");
    let v: Value =
        serde_json::from_str(&sb.ok(&["parse", one.to_str().unwrap(), "--json"])).unwrap();
    assert!(v.get("openings").is_none());
}

#[test]
fn parse_warns_of_a_reading_too_long_to_trust() {
    let sb = Sandbox::new();
    let path = sb.path("long.txt");
    let mut text = String::from("案件名：大量\n必須スキル：\n");
    for i in 0..10_000 {
        text.push_str(&format!("・Tool{i}の経験\n"));
    }
    std::fs::write(&path, text).unwrap();
    let v: Value =
        serde_json::from_str(&sb.ok(&["parse", path.to_str().unwrap(), "--json"])).unwrap();
    assert_eq!(v["must"].as_array().unwrap().len(), 50);
    let w = v["warnings"].as_array().unwrap();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0]
        .as_str()
        .unwrap()
        .starts_with("requirements: 50 kept of 10000 read"));
    let out = sb.ok(&["parse", path.to_str().unwrap()]);
    assert!(
        out.lines()
            .any(|l| l.starts_with("warning") && l.contains("50 kept")),
        "{out}"
    );
}

#[test]
fn bad_input_gives_a_reason_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.txt");
    // 50 MB of text: refused by size before it is read.
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let mut store = Store::open_in_memory(Taxonomy::builtin()).unwrap();
    let mut inputs: Vec<Input> = [
        "empty.txt",
        "binary.png",
        "undecodable.txt",
        "no_text_part.eml",
    ]
    .iter()
    .map(|n| Input::File(mail_fixture(n)))
    .collect();
    inputs.push(Input::File(big));
    inputs.push(Input::Bytes {
        name: "stdin".into(),
        bytes: b"Hello, see you tomorrow.".to_vec(),
    });
    let s = import::import(&mut store, Taxonomy::builtin(), &inputs, now(), &mut |_| {});
    let reasons: Vec<String> = s
        .failed
        .iter()
        .map(|f| format!("{}: {}", f.what, f.reason))
        .collect();
    assert_eq!(s.new, 0, "{reasons:?}");
    assert_eq!(reasons.len(), 6, "{reasons:?}");
    for (needle, want) in [
        ("empty.txt", "empty"),
        ("binary.png", "binary"),
        ("undecodable.txt", "undecodable"),
        ("no_text_part.eml", "no text part"),
        ("huge.txt", "too large"),
        ("stdin", "no posting fields"),
    ] {
        assert!(
            reasons
                .iter()
                .any(|r| r.contains(needle) && r.contains(want)),
            "{needle}: {reasons:?}"
        );
    }
    // The parser itself reads at most MAX_POSTING_BYTES of a huge text: a field past the
    // limit is not read, though the same field after a short text is (`cargo bench --bench
    // linear` times the huge text).
    let tail = "【尚可】Go\n";
    let short = format!("{}{tail}", "【必須】Java\n".repeat(10));
    let p = parse(&short, now(), Taxonomy::builtin());
    assert_eq!(p.nice_skills, vec!["Go"], "{p:?}");
    let huge = format!("{}{tail}", "【必須】Java\n".repeat(3_000_000));
    assert!(huge.len() > 100 * benchmatch::posting::MAX_POSTING_BYTES);
    let p = parse(&huge, now(), Taxonomy::builtin());
    assert_eq!(p.must_skills, vec!["Java"]);
    assert!(
        p.nice_skills.is_empty(),
        "read past the limit: {:?}",
        p.nice_skills
    );
}

#[test]
fn parse_prints_exactly_the_documented_keys() {
    let sb = Sandbox::new();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/postings/ja01_bracket_headings.txt");
    let out = sb.ok(&[
        "parse",
        path.to_str().unwrap(),
        "--received",
        "2025-11-20",
        "--json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let want = [
        "title",
        "must",
        "nice",
        "must_skills",
        "nice_skills",
        "context_skills",
        "unknown_terms",
        "rate_min",
        "rate_max",
        "rate_text",
        "settle_min_h",
        "settle_max_h",
        "location",
        "remote",
        "start",
        "duration",
        "interviews",
        "headcount",
        "max_depth",
        "depth_with_fee",
        "freelancer_ok",
        "foreign_ok",
        "age_limit",
        "lang",
        "warnings",
        "sent_by",
        "learned",
    ];
    let mut sorted_keys = keys.clone();
    sorted_keys.sort();
    let mut sorted_want = want.to_vec();
    sorted_want.sort();
    assert_eq!(sorted_keys, sorted_want);
    assert_eq!(v["start"], "2025-12");
    assert_eq!(v["rate_min"], 65);
    // A mail's own Date header anchors its months.
    let out = sb.ok(&[
        "parse",
        mail_fixture("shift_jis.eml").to_str().unwrap(),
        "--json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["start"], "2025-12");
}

#[test]
fn parse_shows_aligned_sanitized_fields_and_refuses_bad_files() {
    let sb = Sandbox::new();
    let hostile = sb.path("hostile.txt");
    std::fs::write(&hostile, "【案件名】Java\u{1b}[2J開発\n【単価】65万円\n").unwrap();
    let out = sb.ok(&["parse", hostile.to_str().unwrap()]);
    assert!(!out.contains('\u{1b}'), "{out}");
    assert!(out
        .lines()
        .any(|l| l.starts_with("rate ") && l.contains("65万")));
    let err = sb.fails(&["parse", mail_fixture("no_text_part.eml").to_str().unwrap()]);
    assert!(err.contains("no text part"), "{err}");
    let err = sb.fails(&["parse", mail_fixture("binary.png").to_str().unwrap()]);
    assert!(err.contains("binary"), "{err}");
}

#[test]
fn import_openings_takes_folders_stdin_and_structured_files() {
    let sb = Sandbox::new();
    let dir = sb.path("mails");
    std::fs::create_dir(&dir).unwrap();
    for n in ["forwarded_1.eml", "forwarded_2.eml", "multi_numbered.eml"] {
        std::fs::copy(mail_fixture(n), dir.join(n)).unwrap();
    }
    std::fs::write(dir.join("notes.pdf"), b"%PDF").unwrap();
    let out = sb.run(&["import", "openings", dir.to_str().unwrap()]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("3 new openings, 1 duplicates linked"), "{err}");
    assert!(err.contains("1 files in folders skipped"), "{err}");
    // Again: nothing new.
    let out = sb.run(&["import", "openings", dir.to_str().unwrap()]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("0 new openings, 0 duplicates linked, 4 already imported"),
        "{err}"
    );
    // A posting on stdin.
    let mut child = sb
        .cmd(&["import", "openings", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("案件名：PMO支援\n必須：PMO経験\n単価：90万円\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    // A structured JSON file still goes to the structured import.
    let json = sb.path("openings.json");
    std::fs::write(&json, r#"[{"title": "構造化案件", "rate_max": 70}]"#).unwrap();
    sb.ok(&["import", "openings", json.to_str().unwrap()]);
    let listed: Value = serde_json::from_str(&sb.ok(&["openings", "--json"])).unwrap();
    let titles: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["title"].as_str())
        .collect();
    assert!(titles.contains(&"PMO支援"), "{titles:?}");
    assert!(titles.contains(&"構造化案件"), "{titles:?}");
    assert_eq!(titles.len(), 5, "{titles:?}");
}

/// The company that sent a posting mail becomes the opening's client (取引先): its
/// signature, else its mail domain.
#[test]
fn the_sending_company_is_the_client_of_the_openings_it_sends() {
    let tax = Taxonomy::builtin();
    let mut store = Store::open_in_memory(tax).unwrap();
    let signed = "From: 山田 <yamada@techlink.co.jp>\r\nSubject: =?UTF-8?B?44CQSmF2YeOAkeahiOS7tg==?=\r\nDate: Thu, 20 Nov 2025 10:00:00 +0900\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n【案件名】Java開発\r\n【必須】Java 3年以上\r\n【単価】60〜70万\r\n【場所】品川\r\n\r\n--\r\n株式会社テックリンク 営業部\r\n山田\r\n";
    let bare = "From: <sales@sakura-ses.co.jp>\r\nSubject: Go\r\nDate: Thu, 20 Nov 2025 11:00:00 +0900\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n【案件名】Go マイクロサービス\r\n【必須】Go 3年以上\r\n【単価】70〜80万\r\n【場所】渋谷\r\n";
    let inputs = vec![
        Input::Bytes {
            name: "signed.eml".into(),
            bytes: signed.as_bytes().to_vec(),
        },
        Input::Bytes {
            name: "bare.eml".into(),
            bytes: bare.as_bytes().to_vec(),
        },
    ];
    let s = import::import(&mut store, tax, &inputs, now(), &mut |_| {});
    assert_eq!(s.new, 2, "{s:?}");
    let clients = store.clients().unwrap();
    let mut names: Vec<Option<String>> = store
        .load_openings()
        .unwrap()
        .iter()
        .map(|o| o.client_id.map(|c| clients[&c].name.clone()))
        .collect();
    names.sort();
    // A bare mail domain names no client (it is not a company a rep would recognise).
    assert_eq!(names, [None, Some("株式会社テックリンク".to_string())]);
}
