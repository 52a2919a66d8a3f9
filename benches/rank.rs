//! Scoring core: rank one opening against 10k and 100k engineers held in memory.
//!
//! Fixed seed and fixed "today", so figures compare across commits:
//! `cargo bench --bench rank`.

use benchmatch::domain::{Engineer, Opening};
use benchmatch::geo::Places;
use benchmatch::score::{self, Pool, ScoringConfig};
use benchmatch::skills::Taxonomy;
use chrono::{NaiveDate, TimeZone, Utc};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

struct Fixture {
    pool: Vec<Engineer>,
    pool_10k: Pool,
    pool_100k: Pool,
    openings: Vec<Opening>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let tax = Taxonomy::builtin();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
        let data = benchmatch::demo::generate(100_000, 50, 7, now, tax, Places::builtin());
        let pool: Vec<Engineer> = data
            .engineers
            .iter()
            .map(|(_, r)| r.to_engineer(tax).unwrap())
            .collect();
        Fixture {
            pool_10k: Pool::new(pool[..10_000].to_vec(), Places::builtin()),
            pool_100k: Pool::new(pool.clone(), Places::builtin()),
            pool,
            openings: data
                .openings
                .iter()
                .map(|(_, r)| r.to_opening(tax, now).unwrap())
                .collect(),
        }
    })
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

#[divan::bench(args = [10_000, 100_000])]
fn rank_top50(bencher: divan::Bencher, n: usize) {
    let f = fixture();
    let cfg = ScoringConfig::default();
    let places = Places::builtin();
    let pool = if n == 10_000 {
        &f.pool_10k
    } else {
        &f.pool_100k
    };
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % f.openings.len();
        score::rank_pool(&f.openings[i], pool, today(), &cfg, places, Some(50))
    });
}

/// Preparing the pool happens once per load, not per ranking.
#[divan::bench(sample_count = 10)]
fn prepare_pool_100k(bencher: divan::Bencher) {
    let f = fixture();
    bencher.bench_local(|| Pool::new(f.pool.clone(), Places::builtin()).len());
}

#[divan::bench]
fn explain_top50(bencher: divan::Bencher) {
    let f = fixture();
    let cfg = ScoringConfig::default();
    let places = Places::builtin();
    let o = &f.openings[0];
    bencher.bench_local(|| {
        f.pool[..50]
            .iter()
            .map(|e| score::explain(o, e, today(), &cfg, places).factors.len())
            .sum::<usize>()
    });
}
