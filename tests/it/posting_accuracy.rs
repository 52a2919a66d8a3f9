//! Parser accuracy on the hand-labelled postings in `tests/fixtures/postings`.
//!
//! Prints must-skill precision and recall and the exact-match rate of the fields
//! a sales rep filters on, then asserts floors a little below today's figures so a
//! regression fails. Run with `cargo test --test posting_accuracy -- --nocapture`;
//! set `POSTING_ACCURACY_VERBOSE=1` to list every mismatch, `POSTING_ACCURACY_ONLY=ho` to
//! measure only the held-out postings (written after the parser, to estimate how it generalises).

use std::collections::BTreeMap;
use std::path::Path;

use benchmatch::posting::parse;
use benchmatch::skills::Taxonomy;
use chrono::{TimeZone, Utc};
use serde_json::Value;

/// Fields compared exactly, in the order they are printed.
const EXACT: &[&str] = &[
    "rate",
    "start",
    "remote",
    "max_depth",
    "freelancer_ok",
    "foreign_ok",
    "interviews",
    "depth_with_fee",
    "settle",
    "location",
    "duration",
    "headcount",
    "age_limit",
    "title",
    "lang",
];

/// Floors: a little under what the parser reaches on the fixtures today.
const FLOORS: &[(&str, f64)] = &[
    ("any_of_kept", 0.95),
    ("min_years", 0.95),
    ("must_precision", 0.98),
    ("must_recall", 0.98),
    ("context_recall", 0.85),
    ("nice_precision", 0.95),
    ("nice_recall", 0.97),
    ("rate", 0.98),
    ("start", 0.98),
    ("remote", 0.98),
    ("max_depth", 0.98),
    ("freelancer_ok", 0.98),
    ("foreign_ok", 0.98),
    ("interviews", 0.98),
    ("depth_with_fee", 0.98),
    ("settle", 0.98),
];

fn field(v: &Value, name: &str) -> Value {
    match name {
        "rate" => Value::Array(vec![num(&v["rate_min"]), num(&v["rate_max"])]),
        "settle" => Value::Array(vec![v["settle_min_h"].clone(), v["settle_max_h"].clone()]),
        _ => v[name].clone(),
    }
}

/// Rates compare as numbers: `66` and `66.0` are the same rate.
fn num(v: &Value) -> Value {
    v.as_f64()
        .map_or(Value::Null, |f| Value::String(format!("{f:.1}")))
}

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, want: &[String], got: &[String]) {
        self.tp += got.iter().filter(|g| want.contains(g)).count();
        self.fp += got.iter().filter(|g| !want.contains(g)).count();
        self.fn_ += want.iter().filter(|w| !got.contains(w)).count();
    }
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Must groups as names with their years, where a fixture labels them (`"must"`).
fn groups(v: &Value) -> Vec<Vec<(String, Option<f64>)>> {
    let alts = |g: &Value| -> Vec<(String, Option<f64>)> {
        g.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| {
                        let name = x["name"].as_str().unwrap_or("").to_string();
                        (name, x["min_years"].as_f64())
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    v.as_array()
        .map(|gs| gs.iter().map(alts).collect())
        .unwrap_or_default()
}

/// Any-of groups kept together and minimum years read, over fixtures that label groups.
#[derive(Default)]
struct GroupCounts {
    any_of: usize,
    any_of_kept: usize,
    years: usize,
    years_read: usize,
}

impl GroupCounts {
    fn add(&mut self, want: &[Vec<(String, Option<f64>)>], got: &[Vec<(String, Option<f64>)>]) {
        let names = |g: &[(String, Option<f64>)]| {
            let mut n: Vec<String> = g.iter().map(|(n, _)| n.clone()).collect();
            n.sort();
            n
        };
        for g in want.iter().filter(|g| g.len() > 1) {
            self.any_of += 1;
            if got.iter().any(|h| names(h) == names(g)) {
                self.any_of_kept += 1;
            }
        }
        for (name, years) in want.iter().flatten() {
            if let Some(y) = years {
                self.years += 1;
                let read = got
                    .iter()
                    .flatten()
                    .any(|(n, gy)| n == name && gy.is_some_and(|g| (g - y).abs() < 0.01));
                if read {
                    self.years_read += 1;
                }
            }
        }
    }
}

#[test]
fn accuracy_on_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postings");
    let received = Utc.with_ymd_and_hms(2025, 11, 20, 0, 0, 0).unwrap();
    let tax = Taxonomy::builtin();
    let verbose = std::env::var_os("POSTING_ACCURACY_VERBOSE").is_some();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 110, "need at least 110 fixtures");
    // `POSTING_ACCURACY_ONLY=ho` measures one group (the held-out `ho*` postings) alone.
    let only = std::env::var("POSTING_ACCURACY_ONLY").ok();
    if let Some(prefix) = &only {
        files.retain(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix.as_str()))
        });
    }
    let mut must = Counts::default();
    let mut nice = Counts::default();
    // Examples in brackets (`AWS（ECS/Lambda）`) are context, where a fixture labels them.
    let mut context = Counts::default();
    let mut hits: BTreeMap<&str, usize> = BTreeMap::new();
    let mut japanese = 0;
    let mut grouped = GroupCounts::default();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let want: Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let got = serde_json::to_value(parse(&text, received, tax)).unwrap();
        if want["lang"] == "ja" {
            japanese += 1;
        }
        let name = path.file_stem().unwrap().to_string_lossy();
        let (wm, gm) = (names(&want["must_skills"]), names(&got["must_skills"]));
        let (wn, gn) = (names(&want["nice_skills"]), names(&got["nice_skills"]));
        must.add(&wm, &gm);
        if want.get("must").is_some() {
            let (wg, gg) = (groups(&want["must"]), groups(&got["must"]));
            if verbose && wg != gg {
                println!("{name}: must groups want {wg:?} got {gg:?}");
            }
            grouped.add(&wg, &gg);
        }
        nice.add(&wn, &gn);
        if want.get("context_skills").is_some() {
            let (wc, gc) = (
                names(&want["context_skills"]),
                names(&got["context_skills"]),
            );
            context.add(&wc, &gc);
            if verbose && wc != gc {
                println!("{name}: context want {wc:?} got {gc:?}");
            }
        }
        if verbose && (wm != gm || wn != gn) {
            println!("{name}: must want {wm:?} got {gm:?}; nice want {wn:?} got {gn:?}");
        }
        for f in EXACT {
            let (w, g) = (field(&want, f), field(&got, f));
            if w == g {
                *hits.entry(f).or_default() += 1;
            } else if verbose {
                println!("{name}: {f} want {w} got {g}");
            }
        }
    }
    let n = files.len();
    let mut figures: BTreeMap<String, f64> = BTreeMap::new();
    figures.insert("must_precision".into(), must.precision());
    figures.insert("must_recall".into(), must.recall());
    figures.insert("context_recall".into(), context.recall());
    figures.insert("nice_precision".into(), nice.precision());
    figures.insert("nice_recall".into(), nice.recall());
    println!("posting accuracy on {n} fixtures ({japanese} Japanese)");
    println!(
        "  must skills   precision {:.3}  recall {:.3}  ({} found, {} wrong, {} missed)",
        must.precision(),
        must.recall(),
        must.tp,
        must.fp,
        must.fn_
    );
    println!(
        "  nice skills   precision {:.3}  recall {:.3}",
        nice.precision(),
        nice.recall()
    );
    println!(
        "  context (bracketed examples) recall {:.3} (n={})",
        context.recall(),
        context.tp + context.fn_
    );
    let any_of = ratio(grouped.any_of_kept, grouped.any_of);
    let years = ratio(grouped.years_read, grouped.years);
    figures.insert("any_of_kept".into(), any_of);
    figures.insert("min_years".into(), years);
    println!(
        "  any-of groups kept {any_of:.3} (n={})  minimum years read {years:.3} (n={})",
        grouped.any_of, grouped.years
    );
    for f in EXACT {
        let rate = ratio(hits.get(f).copied().unwrap_or(0), n);
        figures.insert(f.to_string(), rate);
        println!("  {f:<14} exact {rate:.3}");
    }
    if only.is_some() {
        return;
    }
    assert!(japanese >= 45, "need at least 45 Japanese fixtures");
    for (name, floor) in FLOORS {
        let got = figures[*name];
        assert!(got >= *floor, "{name} fell to {got:.3} (floor {floor})");
    }
}
