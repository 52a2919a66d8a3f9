//! Importing a day of mail: a 20,000-mail mbox of offers, openings and other mail.
//!
//! The mbox is generated from the fixtures (`tests/fixtures/offers`, `other`) with
//! a fixed seed: initials and ages vary so most offers are new engineers, some
//! repeat. `cargo bench --bench mail`; set `BENCHMATCH_BENCH_MBOX=FILE` to also
//! write the mbox, for timing `benchmatch import mail FILE` itself.

use benchmatch::classify::inbox;
use benchmatch::geo::Places;
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

fn fixtures() -> Vec<Vec<u8>> {
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
        .map(|p| std::fs::read(p).expect("fixture"))
        .collect()
}

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
            let raw = &fx[rng.usize(..fx.len())];
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
    for raw in mail::mbox_messages(std::io::Cursor::new(bytes)) {
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
        filed.offers.new > 1000 && filed.offers.updated > 0 && filed.openings.postings > 1000,
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
    let mails: Vec<mail::Mail> = fx.iter().filter_map(|b| mail::read_mail(b).ok()).collect();
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
