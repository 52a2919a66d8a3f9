//! Posting throughput: parses per second on the fixtures, and a day's mailbox
//! (20,000 mails, the volume one SES firm reported) imported into a fresh database.
//!
//! Fixed seed and fixed "received" date, so figures compare across commits:
//! `cargo bench --bench posting`.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Forwarded copies written into the generated mailbox, to check the duplicates found.
static COPIES: AtomicUsize = AtomicUsize::new(0);

use benchmatch::ops::import_postings::{self as import, Input};
use benchmatch::posting::parse;
use benchmatch::skills::Taxonomy;
use benchmatch::store::Store;
use chrono::{DateTime, TimeZone, Utc};

fn main() {
    divan::main();
}

fn received() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 11, 20, 0, 0, 0).unwrap()
}

fn fixtures() -> &'static Vec<String> {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postings");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    })
}

/// Every fixture posting parsed once per iteration; divan reports postings per second.
#[divan::bench]
fn parse_fixture_postings(bencher: divan::Bencher) {
    let texts = fixtures();
    let tax = Taxonomy::builtin();
    bencher
        .counter(divan::counter::ItemsCount::new(texts.len()))
        .bench(|| {
            for t in texts {
                divan::black_box(parse(divan::black_box(t), received(), tax));
            }
        });
}

/// Mails in the generated mailbox; `POSTING_BENCH_MAILS` overrides it for a quick run.
fn mails() -> usize {
    std::env::var("POSTING_BENCH_MAILS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

/// A mailbox of [`mails`] generated mails: varied postings, one in ten a forwarded copy
/// of an earlier one (other greeting and signature, rate cut), one in twenty carrying
/// two postings.
fn mailbox() -> &'static Vec<u8> {
    static MBOX: OnceLock<Vec<u8>> = OnceLock::new();
    MBOX.get_or_init(|| {
        let mut rng = fastrand::Rng::with_seed(20_251_120);
        let clients = [
            "大手物流会社", "証券会社", "生命保険会社", "大手通信キャリア", "製薬会社", "地方銀行",
            "ECサイト運営会社", "自治体", "自動車メーカー", "人材サービス会社",
        ];
        let systems = [
            "配送管理システム", "トレーディングシステム", "契約管理システム", "顧客ポータル",
            "データ分析基盤", "会員サイト", "基幹システム", "在庫管理システム", "予約システム",
        ];
        let works = ["開発", "保守開発", "リプレース", "追加開発", "更改", "運用保守"];
        let skills = [
            "Java", "Spring Boot", "PHP", "Laravel", "Python", "Go", "TypeScript", "React",
            "Vue.js", "C#", "AWS", "Azure", "Oracle", "PostgreSQL", "Docker", "Kubernetes",
            "COBOL", "Salesforce", "Terraform", "Linux",
        ];
        let places = ["品川", "豊洲", "渋谷", "大手町", "新宿", "横浜", "川崎", "茅場町", "虎ノ門"];
        let remotes = ["フルリモート", "リモート併用（週2出社）", "常駐", "基本リモート（月1出社）"];
        let pick = |rng: &mut fastrand::Rng, v: &[&'static str]| v[rng.usize(..v.len())];
        let mut bodies: Vec<String> = Vec::new();
        let mut out = Vec::with_capacity(mails() * 1500);
        for i in 0..mails() {
            let posting = |rng: &mut fastrand::Rng| -> String {
                let must: Vec<&str> = (0..3).map(|_| pick(rng, &skills)).collect();
                let nice = pick(rng, &skills);
                let low = 40 + rng.u32(..40);
                format!(
                    "【案件名】{}向け {}{}（No.{}）\n【作業内容】{}の{}。詳細設計～テスト。\n【必須スキル】\n・{}での開発経験{}年以上\n・{}\n・{}\n【尚可】{}\n【単価】{}～{}万円（精算140-180h）\n【場所】{}（{}）\n【期間】{}月～長期\n【面談】{}回\n【商流】貴社社員まで\n【備考】外国籍不可\n",
                    pick(rng, &clients), pick(rng, &systems), pick(rng, &works), i,
                    pick(rng, &systems), pick(rng, &works), must[0], 1 + rng.u32(..5), must[1], must[2],
                    nice, low, low + 5 + rng.u32(..15), pick(rng, &places), pick(rng, &remotes),
                    1 + rng.u32(..12), 1 + rng.u32(..2),
                )
            };
            let body = if i > 20 && rng.usize(..10) == 0 {
                COPIES.fetch_add(1, Ordering::Relaxed);
                let original = &bodies[rng.usize(..bodies.len())];
                format!(
                    "各位\nベータ商事の伊藤です。BP様向けにご紹介します。\n-----\n{}-----\n※配信停止はご返信ください。\nベータ商事株式会社 伊藤\nTEL: 06-3333-4444\n",
                    original.replace("貴社社員まで", "1社先まで")
                )
            } else if rng.usize(..20) == 0 {
                format!(
                    "お世話になっております。本日の案件を2件ご案内します。\n\n■案件1\n{}\n■案件2\n{}\n以上",
                    posting(&mut rng),
                    posting(&mut rng)
                )
            } else {
                let p = posting(&mut rng);
                bodies.push(p.clone());
                format!(
                    "お世話になっております。アルファの青木です。\n\n{p}\n--\n株式会社アルファ 青木\nTEL：03-1111-2222\n"
                )
            };
            let minute = i % 60;
            let hour = 9 + (i / 60) % 9;
            out.extend_from_slice(
                format!(
                    "From sales{}@example.jp Thu Nov 20 {hour:02}:{minute:02}:00 2025\nFrom: sales{}@example.jp\nTo: bp@example.co.jp\nSubject: =?UTF-8?B?44CQ5qGI5Lu244CR?= {i}\nDate: Thu, 20 Nov 2025 {hour:02}:{minute:02}:00 +0900\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n",
                    i % 50,
                    i % 50
                )
                .as_bytes(),
            );
            out.extend_from_slice(body.as_bytes());
            out.extend_from_slice(b"\n");
        }
        out
    })
}

/// The whole day's mailbox into an empty database file, duplicates recognised.
#[divan::bench(sample_count = 1, sample_size = 1)]
fn import_mailbox_of_20000_mails(bencher: divan::Bencher) {
    let mbox = mailbox();
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("inbox.mbox");
            std::fs::write(&path, mbox).unwrap();
            let store = Store::open(&dir.path().join("bench.db"), Taxonomy::builtin()).unwrap();
            (dir, path, store)
        })
        .bench_values(|(dir, path, mut store)| {
            let summary = import::import(
                &mut store,
                Taxonomy::builtin(),
                &[Input::File(path)],
                received(),
                &mut |_| {},
            );
            assert_eq!(summary.failed.len(), 0, "{:?}", summary.failed.first());
            eprintln!(
                "  {} mails: {} postings, {} new, {} duplicates linked, {} already imported ({} forwarded copies generated)",
                mails(),
                summary.postings,
                summary.new,
                summary.duplicates,
                summary.known,
                COPIES.load(Ordering::Relaxed)
            );
            drop(store);
            dir
        });
}
