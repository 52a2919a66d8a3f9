//! Importing a day of mail: a 20,000-mail mbox of offers, openings and other mail.
//!
//! The mbox is generated from the fixtures (`tests/fixtures/offers`, `other`) with
//! a fixed seed: initials and ages vary so most offers are new engineers, some
//! repeat. `cargo bench --bench mail`; set `BENCHMATCH_BENCH_MBOX=FILE` to also
//! write the mbox, for timing `benchmatch import mail FILE` itself.

use benchmatch::geo::Places;
use benchmatch::ops::import_mail as inbox;
use benchmatch::posting::mail;
use benchmatch::skills::Taxonomy;
use benchmatch::store::Store;
use chrono::{TimeZone, Utc};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const MAILS: usize = 20_000;

/// The fixture mails, each with whether it is an opening.
fn fixtures() -> Vec<(bool, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in ["offers/mails", "offers/openings", "other"] {
        let dir = root.join(sub);
        for e in std::fs::read_dir(&dir).expect("fixtures") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "eml") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
        .iter()
        .map(|p| {
            let opening = p.to_string_lossy().contains("openings");
            (opening, std::fs::read(p).expect("fixture"))
        })
        .collect()
}

/// Work an opening describes: three of these make a project of its own.
const WORK: [&str; 16] = [
    "受発注管理機能の追加開発",
    "夜間バッチの性能改善",
    "会員向けマイページの刷新",
    "帳票出力機能の移行",
    "在庫引当ロジックの改修",
    "決済APIとの連携開発",
    "管理画面のReact移行",
    "監視設定とアラート整備",
    "データ連携基盤の構築",
    "テスト自動化の推進",
    "既存システムの調査と設計書作成",
    "認証基盤のクラウド移行",
    "ログ分析基盤の構築",
    "顧客向けポータルの新規開発",
    "社内ワークフローの改修",
    "モバイルアプリのAPI開発",
];

const CLIENTS: [&str; 8] = [
    "大手銀行向け",
    "生保向け",
    "物流大手",
    "官公庁",
    "通信キャリア",
    "製薬会社",
    "小売チェーン",
    "SaaS企業",
];

const TITLES: [&str; 10] = [
    "ECサイト刷新",
    "生産管理システム保守",
    "勘定系システム更改",
    "物流倉庫管理システム構築",
    "人事給与パッケージ導入",
    "動画配信基盤の運用",
    "予約サイト新規開発",
    "社内SE（ヘルプデスク）",
    "データ分析基盤構築",
    "スマホアプリ開発",
];
const SKILLS: [&str; 16] = [
    "Java",
    "Python",
    "Go",
    "PHP",
    "C#",
    "TypeScript",
    "React",
    "Vue.js",
    "AWS",
    "Azure",
    "Oracle",
    "PostgreSQL",
    "Kubernetes",
    "Terraform",
    "Spring Boot",
    "Linux",
];
const PLACES: [&str; 10] = [
    "渋谷",
    "品川",
    "大手町",
    "新宿",
    "横浜",
    "川崎",
    "大崎",
    "豊洲",
    "六本木",
    "フルリモート",
];

/// An opening of its own, in the bracket layout most senders use.
fn compose_opening(rng: &mut fastrand::Rng) -> String {
    let pick = |rng: &mut fastrand::Rng, from: &[&'static str]| from[rng.usize(..from.len())];
    let client = pick(rng, &CLIENTS);
    let low = rng.u32(45..80);
    format!(
        "お世話になっております。下記案件をご紹介します。\r\n\r\n【案件名】{}（{client}）\r\n【業務内容】{}、{}、{}\r\n【必須スキル】{} {}年以上、{}\r\n【尚可】{}\r\n【単価】{low}～{}万\r\n【場所】{}\r\n【期間】{}月～長期\r\n【面談】{}回\r\n【商流】貴社社員まで\r\n",
        pick(rng, &TITLES),
        pick(rng, &WORK),
        pick(rng, &WORK),
        pick(rng, &WORK),
        pick(rng, &SKILLS),
        rng.u32(1..6),
        pick(rng, &SKILLS),
        pick(rng, &SKILLS),
        low + rng.u32(5..15),
        pick(rng, &PLACES),
        rng.u32(1..13),
        rng.u32(1..3),
    )
}

/// New initials, ages and clients in a UTF-8 mail, so one fixture stands for other
/// people and other projects.
fn vary(text: &str, rng: &mut fastrand::Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let initials = c.is_ascii_uppercase()
            && chars.get(i + 1) == Some(&'.')
            && chars.get(i + 2).is_some_and(char::is_ascii_uppercase)
            && (i == 0 || !chars[i - 1].is_ascii_alphanumeric());
        if initials {
            out.push(rng.uppercase());
            out.push('.');
            out.push(rng.uppercase());
            i += 3;
            continue;
        }
        let age = c.is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && chars.get(i + 2) == Some(&'歳');
        if age {
            out.push_str(&rng.u32(22..60).to_string());
            i += 2;
            continue;
        }
        // Another project: `【案件名】物流システム保守開発` gets a client of its own.
        if c == '】' && out.ends_with("【案件名") {
            out.push(c);
            out.push_str(CLIENTS[rng.usize(..CLIENTS.len())]);
            out.push_str(&format!("{} ", rng.u32(1..500)));
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The mbox bytes: a fixed mix drawn from the fixtures, dates spread over a month.
fn mbox() -> &'static [u8] {
    static M: OnceLock<Vec<u8>> = OnceLock::new();
    M.get_or_init(|| {
        let fx = fixtures();
        let mut rng = fastrand::Rng::with_seed(7);
        let start = Utc
            .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
            .single()
            .expect("date");
        let mut out = Vec::with_capacity(MAILS * 2200);
        for n in 0..MAILS {
            let (opening, raw) = &fx[rng.usize(..fx.len())];
            let date = start + chrono::Duration::minutes(rng.i64(0..30 * 24 * 60));
            let head_end = raw
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .unwrap_or(raw.len());
            let head = String::from_utf8_lossy(&raw[..head_end]);
            let body = raw.get(head_end + 4..).unwrap_or(&[]);
            let head: String = head
                .lines()
                .map(|l| {
                    if l.starts_with("Date:") {
                        format!("Date: {}", date.to_rfc2822())
                    } else if l.starts_with("Message-ID:") {
                        format!("Message-ID: <bench-{n}@benchmatch>")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\r\n");
            out.extend_from_slice(
                format!(
                    "From bench@example.jp {}\n",
                    date.format("%a %b %e %H:%M:%S %Y")
                )
                .as_bytes(),
            );
            out.extend_from_slice(head.as_bytes());
            out.extend_from_slice(b"\r\n\r\n");
            // Encoded bodies (Shift_JIS in base64, ISO-2022-JP) keep their bytes;
            // two UTF-8 mails in three get new people, the third is a re-send.
            let utf8 = head.to_ascii_lowercase().contains("charset=utf-8");
            match std::str::from_utf8(body) {
                // Half the openings of a day are new work, the rest copies of others.
                Ok(_) if utf8 && *opening && rng.bool() => {
                    out.extend_from_slice(compose_opening(&mut rng).as_bytes())
                }
                Ok(text) if utf8 && rng.u8(..3) != 0 => {
                    out.extend_from_slice(vary(text, &mut rng).as_bytes())
                }
                _ => out.extend_from_slice(body),
            }
            out.extend_from_slice(b"\n");
        }
        if let Some(path) = std::env::var_os("BENCHMATCH_BENCH_MBOX") {
            std::fs::write(&path, &out).expect("write the mbox");
        }
        out
    })
}

/// Read, sort and store the whole mbox into a fresh database file: what `import mail` does.
fn import(bytes: &[u8], db: &Path) -> usize {
    let tax = Taxonomy::builtin();
    let places = Places::builtin();
    let now = Utc
        .with_ymd_and_hms(2026, 12, 1, 0, 0, 0)
        .single()
        .expect("date");
    let mut store = Store::open(db, tax).expect("open");
    let mut batch = store.posting_batch(now).expect("batch");
    let mut filed = inbox::Filed::default();
    let mut mails = 0;
    for raw in benchmatch::input::Mailbox::new(std::io::Cursor::new(bytes)) {
        let Ok(m) = raw
            .map_err(|e| e.to_string())
            .and_then(|b| mail::read_mail(&b).map_err(|e| e.to_string()))
        else {
            continue;
        };
        inbox::file_mail(&mut batch, &m, "bench", tax, places, now, &mut filed).expect("file");
        mails += 1;
    }
    batch.commit().expect("commit");
    assert!(
        filed.offers.new > 1000 && filed.offers.updated > 0 && filed.openings.new > 1000,
        "{filed:?}"
    );
    mails
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn import_20k_mbox(bencher: divan::Bencher) {
    let bytes = mbox();
    bencher
        .with_inputs(|| tempfile::tempdir().expect("tempdir"))
        .bench_local_values(|dir| {
            let n = import(bytes, &dir.path().join("bench.db"));
            assert_eq!(n, MAILS);
            dir
        });
}

/// One mail: sorted, parsed and filed into an open transaction.
#[divan::bench(sample_count = 20)]
fn file_one_mail(bencher: divan::Bencher) {
    let fx = fixtures();
    let mails: Vec<mail::Mail> = fx
        .iter()
        .filter_map(|(_, b)| mail::read_mail(b).ok())
        .collect();
    let tax = Taxonomy::builtin();
    let places = Places::builtin();
    let now = Utc
        .with_ymd_and_hms(2026, 12, 1, 0, 0, 0)
        .single()
        .expect("date");
    let mut i = 0;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("sort.db"), tax).expect("open");
    let mut batch = store.posting_batch(now).expect("batch");
    let mut filed = inbox::Filed::default();
    // Filed into one transaction that is never committed: sorting and parsing dominate.
    bencher.bench_local(|| {
        i = (i + 1) % mails.len();
        inbox::file_mail(&mut batch, &mails[i], "bench", tax, places, now, &mut filed)
    });
}
