//! How well shingled similarity tells forwarded copies from different openings.
//!
//! `tests/fixtures/postings/dupes` holds groups of one opening as forwarded by
//! several firms (`g01-a`, `g01-b`, `g01-c`: other greetings and signatures, the
//! rate cut, the chain rewritten, labels restyled, `>` quoting, a line dropped)
//! and hard negatives from the same sender's template (`hn*`). Every other fixture
//! posting is an opening of its own. All pairs are compared; the test prints the
//! false-merge rate (different openings at or above the threshold) and the
//! missed-merge rate (copies below it), at the threshold and around it.
//! Run with `cargo test --test posting_dedupe -- --nocapture`.

use std::path::Path;

use benchmatch::posting::dedupe::{self, fingerprint};

struct Item {
    name: String,
    group: String,
    sketch: Vec<u64>,
    shingles: Vec<u64>,
}

/// Groups written from a fixture posting (condensed and reworded, not forwarded as is): pairs
/// of that posting with the group are neither copies nor different openings, and are skipped.
const BASED_ON: &[(&str, &str)] = &[
    ("g01", "ja01_bracket_headings"),
    ("g02", "ja17_start_full_date"),
    ("g03", "ja03_diamond_meyasu"),
    ("g04", "ja12_skill_mikai"),
    ("g05", "ja13_skill_mikai_max"),
    ("g06", "ja08_reward_block"),
    ("g07", "ja05_aligned_table"),
    ("g08", "ja20_full_remote_local"),
    ("g09", "ja15_max_suffix"),
    ("g10", "ja21_kihon_remote_monthly"),
];

fn load(dir: &Path, grouped: bool) -> Vec<Item> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let group = if grouped {
                name.split('-').next().unwrap_or(&name).to_string()
            } else {
                name.clone()
            };
            Item {
                group,
                sketch: fingerprint(&text).sketch,
                shingles: dedupe::shingles(&dedupe::comparable_text(&text)),
                name,
            }
        })
        .collect()
}

#[test]
fn forwarded_copies_merge_and_different_openings_do_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postings");
    let mut items = load(&root.join("dupes"), true);
    let copies = items.len();
    items.extend(load(&root, false));
    let mut same: Vec<(f64, f64, String)> = Vec::new();
    let mut other: Vec<(f64, f64, String)> = Vec::new();
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            let (a, b) = (&items[i], &items[j]);
            let paraphrase = BASED_ON.iter().any(|(g, base)| {
                (a.group == *g && b.name == *base) || (b.group == *g && a.name == *base)
            });
            if paraphrase {
                continue;
            }
            let est = dedupe::similarity(&a.sketch, &b.sketch);
            let exact = dedupe::jaccard(&a.shingles, &b.shingles);
            let pair = format!("{} ~ {}", a.name, b.name);
            if a.group == b.group {
                same.push((est, exact, pair));
            } else {
                other.push((est, exact, pair));
            }
        }
    }
    let rate = |v: &[(f64, f64, String)], t: f64, above: bool| -> f64 {
        let n = v.iter().filter(|(s, _, _)| (*s >= t) == above).count();
        n as f64 / v.len().max(1) as f64
    };
    println!(
        "dedupe on {} postings ({copies} in forwarded groups): {} same-opening pairs, {} different-opening pairs",
        items.len(),
        same.len(),
        other.len()
    );
    for t in [0.3, 0.4, dedupe::THRESHOLD, 0.5, 0.6, 0.7] {
        println!(
            "  threshold {t:.2}: false-merge rate {:.4}  missed-merge rate {:.4}{}",
            rate(&other, t, true),
            rate(&same, t, false),
            if t == dedupe::THRESHOLD {
                "  <- in use"
            } else {
                ""
            }
        );
    }
    for (s, e, pair) in other.iter().filter(|(s, _, _)| *s >= 0.3) {
        println!("  different but similar {s:.3} (exact {e:.3}): {pair}");
    }
    for (s, e, pair) in same.iter().filter(|(s, _, _)| *s < dedupe::THRESHOLD) {
        println!("  copies not merged {s:.3} (exact {e:.3}): {pair}");
    }
    let lowest = same
        .iter()
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .expect("same pairs");
    let highest = other
        .iter()
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .expect("other pairs");
    println!(
        "  lowest copy pair {:.3} (exact Jaccard {:.3}): {}",
        lowest.0, lowest.1, lowest.2
    );
    println!(
        "  highest different pair {:.3} (exact Jaccard {:.3}): {}",
        highest.0, highest.1, highest.2
    );
    assert_eq!(rate(&other, dedupe::THRESHOLD, true), 0.0, "false merges");
    assert_eq!(rate(&same, dedupe::THRESHOLD, false), 0.0, "missed merges");
}
