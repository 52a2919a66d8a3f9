//! The development roster of tests/fixtures/ranking_dev: our own people and openings, with
//! a rep's expectations per rule (docs/scoring.md), checked through the real binary the
//! way `check_ranking.py` checks an expert's set.

use std::collections::HashMap;

use serde_json::Value;

use crate::common::Sandbox;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ranking_dev");

fn must_ratio(c: &Value) -> Option<f64> {
    let f = c["factors"]
        .as_array()?
        .iter()
        .find(|f| f["name"] == "must" && f["max"].as_f64().is_some_and(|m| m > 0.0))?;
    Some(f["points"].as_f64()? / f["max"].as_f64()?)
}

#[test]
fn every_rule_holds_on_the_development_roster() {
    let sb = Sandbox::new();
    sb.ok(&["import", "engineers", &format!("{DIR}/engineers.csv")]);
    sb.ok(&["import", "openings", &format!("{DIR}/openings.json")]);
    let spec: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{DIR}/expectations.json")).unwrap())
            .unwrap();
    let as_of = spec["as_of"].as_str().unwrap();
    let mut ranks: HashMap<i64, Value> = HashMap::new();
    let mut rank = |id: i64| -> Value {
        ranks
            .entry(id)
            .or_insert_with(|| {
                let out = sb.ok(&[
                    "rank",
                    &id.to_string(),
                    "--all",
                    "--top",
                    "100000",
                    "--json",
                    "--as-of",
                    as_of,
                    "--lang",
                    "en",
                ]);
                serde_json::from_str(&out).unwrap()
            })
            .clone()
    };
    let mut failures = Vec::new();
    for e in spec["expectations"].as_array().unwrap() {
        let opening = e["opening"].as_i64().unwrap();
        let engineer = e["engineer"].as_i64().unwrap();
        let r = rank(opening);
        let cands = r["candidates"].as_array().unwrap();
        let shown: Vec<&Value> = cands.iter().filter(|c| c["excluded"] != true).collect();
        let pos = |id: i64| {
            shown
                .iter()
                .position(|c| c["engineer_id"] == id)
                .map(|p| p + 1)
        };
        let Some(c) = cands.iter().find(|c| c["engineer_id"] == engineer) else {
            failures.push(format!("{e}: not in the ranking"));
            continue;
        };
        let excluded = c["excluded"] == true;
        let said = |words: &Value| {
            let text = c["review"]
                .as_array()
                .into_iter()
                .chain(c["reasons"].as_array())
                .flatten()
                .map(|v| v.as_str().unwrap_or("").to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            words
                .as_array()
                .unwrap()
                .iter()
                .any(|w| text.contains(&w.as_str().unwrap().to_lowercase()))
        };
        let ok = match e["expect"].as_str().unwrap() {
            "excluded" => excluded,
            "kept" => !excluded,
            "flagged" => excluded || said(&e["words"]),
            "top" => pos(engineer) == Some(1),
            "rank_at_most" => {
                pos(engineer).is_some_and(|p| p as i64 <= e["value"].as_i64().unwrap())
            }
            "above" => match (pos(engineer), pos(e["other"].as_i64().unwrap())) {
                (Some(a), Some(b)) => a < b,
                (Some(_), None) => true,
                _ => false,
            },
            "tier" => c["tier"] == e["value"],
            "must_at_least" => must_ratio(c).unwrap_or(0.0) >= e["value"].as_f64().unwrap() - 1e-6,
            "must_below" => must_ratio(c).is_some_and(|m| m < e["value"].as_f64().unwrap()),
            other => panic!("unknown expectation form {other}"),
        };
        if !ok {
            failures.push(format!(
                "{opening}/{engineer} {} — {} (pos {:?}, tier {}, reasons {}, review {})",
                e["expect"],
                e["why"],
                pos(engineer),
                c["tier"],
                c["reasons"],
                c["review"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // A must nobody in the roster holds is said once on the opening, in the JSON too.
    let r = rank(104);
    assert_eq!(r["unheld"], serde_json::json!(["基盤刷新PJ経験"]));
    let text = sb.ok(&["rank", "104", "--as-of", as_of, "--lang", "ja"]);
    assert_eq!(
        text.matches("誰も「基盤刷新PJ経験」を持っていません")
            .count(),
        1,
        "{text}"
    );
}
