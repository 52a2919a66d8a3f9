//! Readers at growing sizes: the timings behind the linearity tests in
//! `tests/it/hardening.rs`, which count work (`benchmatch::work`) instead of timing it.
//! `cargo bench --bench linear`: each reader at a small and a large input; linear is the
//! large time over the small one near the size ratio.

#[path = "../tests/it/common/wide_mail.rs"]
mod wide_mail;

use benchmatch::classify::{self, Envelope};
use benchmatch::skills::Taxonomy;
use chrono::Utc;

fn main() {
    divan::main();
}

/// A wide mail of PARTS parts sorted into items (4× the parts should take about 4×).
#[divan::bench(args = [150, 600])]
fn sort_wide_mail(bencher: divan::Bencher, parts: usize) {
    let tax = Taxonomy::builtin();
    let raw = wide_mail::wide_mail(parts, "mixed");
    let m = benchmatch::posting::mail::read_mail(&raw).expect("the generated mail reads");
    let env = Envelope {
        subject: m.subject.as_deref(),
        from_addr: Some("sato@bridge-tech.co.jp"),
        received: Utc::now(),
    };
    bencher.bench(|| classify::sort_mail(divan::black_box(&m.body), &env, tax));
}

/// An offer of LINES labelled lines (20× the lines should take about 20×).
#[divan::bench(args = [1000, 20000])]
fn offer_labelled_lines(bencher: divan::Bencher, lines: usize) {
    let tax = Taxonomy::builtin();
    let t: String = (0..lines)
        .map(|i| format!("【スキル】Java {}年\n", 1 + i % 9))
        .collect();
    bencher.bench(|| benchmatch::offer::parse(divan::black_box(&t), Utc::now(), tax));
}

/// 160 postings cut by rule lines, each continuing the one before, against one reading.
#[divan::bench(args = [false, true])]
fn continued_postings(bencher: divan::Bencher, sort: bool) {
    let tax = Taxonomy::builtin();
    let body = (0..160)
        .map(|i| {
            format!("業務内容：決済基盤の改修 {i}\n必須スキル：Java 3年以上\n単価：60〜70万円\n")
        })
        .collect::<Vec<_>>()
        .join("\n――――――――――――\n");
    let env = Envelope {
        subject: None,
        from_addr: None,
        received: Utc::now(),
    };
    bencher.bench(|| {
        if sort {
            classify::sort_mail_items(divan::black_box(&body), &env, tax)
                .items
                .len()
        } else {
            classify::read(divan::black_box(&body), Utc::now(), tax)
                .offer
                .skills
                .len()
        }
    });
}

/// A 36 MB posting: the parser reads only its first `MAX_POSTING_BYTES`.
#[divan::bench(sample_count = 3)]
fn huge_posting(bencher: divan::Bencher) {
    let huge = "【必須】Java\n".repeat(3_000_000);
    bencher.bench(|| {
        benchmatch::posting::parse(divan::black_box(&huge), Utc::now(), Taxonomy::builtin())
    });
}
