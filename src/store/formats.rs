//! Reading import files: CSV and JSON text into validated-later records.
//!
//! Pure text handling, no database: the fuzz targets and property tests drive it directly.

use super::records::{parse_must_list, parse_nice_list, parse_skill_list};
use super::{EngineerRecord, ImportError, OpeningRecord, SkillYears};
use crate::domain::fields::ENGINEER_TABLE;

/// Engineers from CSV (header in README) or a JSON array.
pub fn engineers(text: &str, json: bool) -> Result<Vec<(usize, EngineerRecord)>, String> {
    if json {
        json_records(text)
    } else {
        let keys: Vec<&str> = ENGINEER_TABLE.iter().map(|f| f.key).collect();
        csv_records(text, &["name"], &keys, engineer_from_csv)
    }
}

/// CSV engineers one at a time, each handed to `each` as it is read: a roster of a million
/// rows is never held whole. Stops at the first bad row, or the first error `each` returns.
pub fn each_engineer_csv<E: From<String>>(
    text: &str,
    each: &mut dyn FnMut(usize, EngineerRecord) -> Result<(), E>,
) -> Result<(), E> {
    let keys: Vec<&str> = ENGINEER_TABLE.iter().map(|f| f.key).collect();
    csv_each(text, &["name"], &keys, engineer_from_csv, each)
}

/// Openings from CSV or a JSON array.
pub fn openings(text: &str, json: bool) -> Result<Vec<(usize, OpeningRecord)>, String> {
    if json {
        json_records(text)
    } else {
        csv_records(text, &["title"], &[], |c, _| opening_from_csv(c))
    }
}

/// JSON arrays of records, numbered from 1 for error messages.
fn json_records<T: serde::de::DeserializeOwned>(text: &str) -> Result<Vec<(usize, T)>, String> {
    let values: Vec<serde_json::Value> = serde_json::from_str(text)
        .map_err(|e| format!("invalid JSON at line {}: {e}", e.line()))?;
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            serde_json::from_value(v)
                .map(|r| (i + 1, r))
                .map_err(|e| format!("record {}: {e}", i + 1))
        })
        .collect()
}

/// CSV engineers: header documented in README; `skills` as `Java:5;AWS:2`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EngineerCsv {
    #[serde(default)]
    id: Option<i64>,
    name: String,
    #[serde(default)]
    initials: Option<String>,
    // Blank when 雇用形態 or the partner column says whose the engineer is.
    #[serde(default)]
    affiliation: String,
    #[serde(default)]
    partner: Option<String>,
    #[serde(default)]
    depth: Option<u8>,
    #[serde(default)]
    station: Option<String>,
    #[serde(default)]
    area: Option<String>,
    #[serde(default)]
    remote_pref: Option<String>,
    #[serde(default)]
    available_from: Option<String>,
    #[serde(default)]
    availability_confirmed: Option<String>,
    #[serde(default)]
    cost: Option<f64>,
    #[serde(default)]
    rate: Option<f64>,
    #[serde(default)]
    foreign: Option<String>,
    #[serde(default)]
    japanese_level: Option<String>,
    /// `英語:business;中国語:native`; a roster's `英語` column gives English alone.
    #[serde(default, alias = "英語", alias = "english")]
    languages: Option<String>,
    #[serde(default)]
    age_band: Option<String>,
    #[serde(default)]
    career_start: Option<i32>,
    #[serde(default)]
    skills: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    last_checked: Option<String>,
    #[serde(default)]
    assignment_end: Option<String>,
    #[serde(default)]
    assignment_client: Option<String>,
    #[serde(default)]
    assignment_start: Option<String>,
    #[serde(default)]
    employment: Option<String>,
    #[serde(default)]
    ng: Option<String>,
}

/// CSV openings; `must` as `Java:3;AWS|Azure` (groups by `;`, alternatives by `|`),
/// `nice` as `Docker;AWS:2`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct OpeningCsv {
    #[serde(default)]
    id: Option<i64>,
    #[serde(default)]
    client: Option<String>,
    #[serde(default)]
    client_rank: Option<String>,
    title: String,
    #[serde(default)]
    received_at: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    rate_min: Option<f64>,
    #[serde(default)]
    rate_max: Option<f64>,
    #[serde(default)]
    rate_text: Option<String>,
    #[serde(default)]
    settle_min_h: Option<u16>,
    #[serde(default)]
    settle_max_h: Option<u16>,
    #[serde(default)]
    answered_at: Option<String>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    remote: Option<String>,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    duration: Option<String>,
    #[serde(default)]
    interviews: Option<u8>,
    #[serde(default)]
    headcount: Option<u8>,
    #[serde(default)]
    max_depth: Option<u8>,
    #[serde(default)]
    depth_with_fee: Option<u8>,
    #[serde(default)]
    freelancer_ok: Option<String>,
    #[serde(default)]
    foreign_ok: Option<String>,
    #[serde(default)]
    age_limit: Option<u8>,
    #[serde(default)]
    revision: Option<u32>,
    #[serde(default)]
    must: String,
    #[serde(default)]
    nice: String,
    #[serde(default)]
    raw_text: String,
}

fn parse_bool(field: &str, v: &Option<String>) -> Result<Option<bool>, String> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => crate::domain::yes_no(s)
            .map(Some)
            .ok_or_else(|| format!("{field}: '{s}' is not yes/no")),
    }
}

/// Records of type `C`; the columns named in `table` are set aside, by key, for `convert`.
fn csv_records<C, T>(
    text: &str,
    required: &[&str],
    table: &[&str],
    convert: impl Fn(C, Fields) -> Result<T, String>,
) -> Result<Vec<(usize, T)>, String>
where
    C: serde::de::DeserializeOwned,
{
    let mut out = Vec::new();
    csv_each(text, required, table, convert, &mut |line, r| {
        out.push((line, r));
        Ok::<(), String>(())
    })?;
    Ok(out)
}

/// The records of a CSV text, each handed to `each` with its line as it is read.
fn csv_each<C, T, E: From<String>>(
    text: &str,
    required: &[&str],
    table: &[&str],
    convert: impl Fn(C, Fields) -> Result<T, String>,
    each: &mut dyn FnMut(usize, T) -> Result<(), E>,
) -> Result<(), E>
where
    C: serde::de::DeserializeOwned,
{
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    for r in required {
        if !headers.iter().any(|h| h == *r) {
            return Err(format!(
                "missing required column '{r}' (header has: {})",
                headers.iter().collect::<Vec<_>>().join(",")
            )
            .into());
        }
    }
    // Columns of the table's fields: read aside, the rest deserialized as before.
    let aside: Vec<usize> = (0..headers.len())
        .filter(|&i| table.contains(&headers.get(i).unwrap_or("")))
        .collect();
    let keep = |r: &csv::StringRecord| -> csv::StringRecord {
        r.iter()
            .enumerate()
            .filter(|(i, _)| !aside.contains(i))
            .map(|(_, v)| v)
            .collect()
    };
    let headers = if aside.is_empty() {
        headers
    } else {
        let mut h = keep(&headers);
        h.set_position(headers.position().cloned());
        h
    };
    let all_headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let mut record = csv::StringRecord::new();
    loop {
        let line_before = rdr.position().line() as usize;
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line_before, |p| p.line() as usize);
                return Err(ImportError::at(line, e.to_string()).to_string().into());
            }
        }
        let line = record.position().map_or(line_before, |p| p.line() as usize);
        let fields: Fields = aside
            .iter()
            .filter_map(|&i| {
                let v = record.get(i)?;
                Some((all_headers.get(i)?.to_string(), serde_json::Value::from(v)))
            })
            .collect();
        let kept;
        let record = if aside.is_empty() {
            &record
        } else {
            kept = keep(&record);
            &kept
        };
        let rec: C = record.deserialize(Some(&headers)).map_err(|e| {
            let msg = match e.kind() {
                // Name the column, not "field 2"; the value is never echoed whole.
                csv::ErrorKind::Deserialize { err, .. } => {
                    let column = err
                        .field()
                        .and_then(|i| headers.get(i as usize))
                        .map_or_else(|| "a column".to_string(), crate::text::cell);
                    let what = match err.kind() {
                        csv::DeserializeErrorKind::Message(m)
                        | csv::DeserializeErrorKind::Unsupported(m) => m.clone(),
                        csv::DeserializeErrorKind::UnexpectedEndOfRow => {
                            "missing value".to_string()
                        }
                        csv::DeserializeErrorKind::InvalidUtf8(e) => e.to_string(),
                        csv::DeserializeErrorKind::ParseBool(e) => e.to_string(),
                        csv::DeserializeErrorKind::ParseInt(e) => e.to_string(),
                        csv::DeserializeErrorKind::ParseFloat(e) => e.to_string(),
                    };
                    format!(
                        "{column}: {}",
                        crate::text::truncate(&crate::text::cell(&what), 120)
                    )
                }
                _ => e.to_string(),
            };
            ImportError::at(line, msg).to_string()
        })?;
        each(
            line,
            convert(rec, fields).map_err(|m| ImportError::at(line, m).to_string())?,
        )?;
    }
    Ok(())
}

/// The table's fields of one record, by key.
type Fields = std::collections::BTreeMap<String, serde_json::Value>;

fn engineer_from_csv(c: EngineerCsv, table: Fields) -> Result<EngineerRecord, String> {
    let skills = parse_skill_list(&c.skills)?
        .into_iter()
        .map(|(name, years)| SkillYears {
            name,
            years: years.unwrap_or(0.0),
        })
        .collect();
    Ok(EngineerRecord {
        fields: table,
        id: c.id,
        name: c.name,
        initials: c.initials,
        affiliation: c.affiliation,
        partner: c.partner,
        depth: c.depth,
        station: c.station,
        area: c.area,
        remote_pref: c.remote_pref,
        available_from: c.available_from,
        availability_confirmed: c.availability_confirmed,
        cost: c.cost,
        rate: c.rate,
        foreign: parse_bool("foreign", &c.foreign)?,
        japanese_level: c.japanese_level,
        languages: c.languages,
        age_band: c.age_band,
        career_start: c.career_start,
        notes: c.notes,
        last_checked: c.last_checked,
        employment: c.employment,
        ng: c.ng,
        skills,
        assignment_end: c.assignment_end.filter(|s| !s.trim().is_empty()),
        assignment_client: c.assignment_client.filter(|s| !s.trim().is_empty()),
        assignment_start: c.assignment_start.filter(|s| !s.trim().is_empty()),
    })
}

fn opening_from_csv(c: OpeningCsv) -> Result<OpeningRecord, String> {
    Ok(OpeningRecord {
        id: c.id,
        client: c.client,
        client_rank: c.client_rank,
        title: c.title,
        received_at: c.received_at,
        answered_at: c.answered_at,
        status: c.status,
        rate_min: c.rate_min,
        rate_max: c.rate_max,
        rate_text: c.rate_text,
        settle_min_h: c.settle_min_h,
        settle_max_h: c.settle_max_h,
        location: c.location,
        remote: c.remote,
        start: c.start,
        duration: c.duration,
        interviews: c.interviews,
        headcount: c.headcount,
        max_depth: c.max_depth,
        depth_with_fee: c.depth_with_fee,
        freelancer_ok: parse_bool("freelancer_ok", &c.freelancer_ok)?,
        foreign_ok: parse_bool("foreign_ok", &c.foreign_ok)?,
        age_limit: c.age_limit,
        revision: c.revision,
        must: parse_must_list(&c.must).map_err(|e| format!("must: {e}"))?,
        nice: parse_nice_list(&c.nice).map_err(|e| format!("nice: {e}"))?,
        raw_text: c.raw_text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::Taxonomy;
    use proptest::prelude::*;

    #[test]
    fn openings_csv_takes_every_documented_key() {
        let text = "id,client,client_rank,title,received_at,status,rate_min,rate_max,rate_text,\
settle_min_h,settle_max_h,location,remote,start,duration,interviews,headcount,max_depth,\
depth_with_fee,freelancer_ok,foreign_ok,age_limit,raw_text,must,nice\n\
7,A社,B,Java開発,2026-12-01,new,60,70,60〜70万,140,180,品川,partial,2027-01,長期,1,2,1,2,yes,no,45,本文,Java:3,AWS\n";
        let rows = openings(text, false).unwrap();
        let r = &rows[0].1;
        assert_eq!(r.rate_text.as_deref(), Some("60〜70万"));
        assert_eq!((r.settle_min_h, r.settle_max_h), (Some(140), Some(180)));
        assert_eq!(r.depth_with_fee, Some(2));
        assert_eq!(r.age_limit, Some(45));
        let o = r
            .to_opening(Taxonomy::builtin(), chrono::Utc::now())
            .unwrap();
        assert_eq!(o.age_limit, Some(45));
        assert_eq!(o.depth_with_fee, Some(2));
    }

    #[test]
    fn engineers_csv_takes_employment_and_ng() {
        let text = "name,affiliation,partner,depth,employment,ng\nA,partner,X社,1,個人事業主,金融NG、夜勤不可\n";
        let rows = engineers(text, false).unwrap();
        let e = rows[0].1.to_engineer(Taxonomy::builtin()).unwrap();
        assert_eq!(e.employment, Some(crate::domain::Employment::Freelancer));
        assert_eq!(e.ng, vec!["金融NG".to_string(), "夜勤不可".to_string()]);
        assert!(e.is_freelancer());
    }

    #[test]
    fn an_unknown_skill_is_kept_as_written_not_a_refused_roster() {
        let text = "name,affiliation,skills\nA,own,AWS EC2:3;Java:5;ＴｅｒａＴｅｒｍマクロ:1\n";
        let rows = engineers(text, false).unwrap();
        let tax = Taxonomy::builtin();
        let e = rows[0].1.to_engineer(tax).unwrap();
        assert_eq!(
            e.skills.len(),
            1 + usize::from(tax.lookup("AWS EC2").is_some())
        );
        assert!(e
            .other_skills
            .iter()
            .any(|(n, y)| n == "ＴｅｒａＴｅｒｍマクロ" && *y == 1.0));
    }

    #[test]
    fn csv_errors_name_the_line_of_the_record() {
        let text = "name,affiliation,rate\n\"multi\nline\",own,60\nB,own,abc\n";
        let err = engineers(text, false).unwrap_err();
        assert!(err.starts_with("line 4:"), "{err}");
    }

    #[test]
    fn must_notation_reads_groups_alternatives_and_years() {
        let text = "title,must,nice\nX,Java:3;AWS|Azure;TypeScript|JavaScript:2,Docker;GCP:1\n";
        let rows = openings(text, false).unwrap();
        let r = &rows[0].1;
        assert_eq!(r.must.len(), 3);
        assert_eq!(r.must[0][0].min_years, Some(3.0));
        assert_eq!(r.must[1].len(), 2);
        assert_eq!(r.must[2][0].min_years, None);
        assert_eq!(r.must[2][1].min_years, Some(2.0));
        assert_eq!(r.nice.len(), 2);
        assert_eq!(
            super::super::records::must_list_spec(&r.must),
            "Java:3;AWS|Azure;TypeScript|JavaScript:2"
        );
        let o = r
            .to_opening(Taxonomy::builtin(), chrono::Utc::now())
            .unwrap();
        assert_eq!(o.requirements.must.len(), 3);
        assert!(o.requirements.must[1].iter().all(|a| a.skill.is_some()));
    }

    #[test]
    fn unknown_skills_in_openings_are_kept() {
        let text = "title,must\nX,Klingon|Java;TeraTerm Macro:2\n";
        let rows = openings(text, false).unwrap();
        let o = rows[0]
            .1
            .to_opening(Taxonomy::builtin(), chrono::Utc::now())
            .unwrap();
        let must = &o.requirements.must;
        assert_eq!(must[0][0].name, "Klingon");
        assert_eq!(must[0][0].skill, None);
        assert!(must[0][1].skill.is_some());
        assert_eq!(
            (must[1][0].name.as_str(), must[1][0].min_years),
            ("TeraTerm Macro", Some(2.0))
        );
    }

    #[test]
    fn json_must_takes_groups_and_old_plain_objects() {
        let text = r#"[{"title": "X", "must": [
            {"name": "Java", "min_years": 3},
            [{"name": "AWS", "min_years": null}, {"name": "Azure"}]
        ], "nice": [{"name": "Docker", "min_years": 1}]}]"#;
        let rows = openings(text, true).unwrap();
        let r = &rows[0].1;
        assert_eq!(r.must.len(), 2);
        assert_eq!(r.must[0][0].name, "Java");
        assert_eq!(r.must[1][1].name, "Azure");
        let out = serde_json::to_value(r).unwrap();
        assert_eq!(
            out["must"],
            serde_json::json!([
                [{"name": "Java", "min_years": 3.0}],
                [{"name": "AWS", "min_years": null}, {"name": "Azure", "min_years": null}]
            ])
        );
        let e = openings(r#"[{"title": "X", "must": [3]}]"#, true).unwrap_err();
        assert!(e.starts_with("record 1: a must group"), "{e}");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Whatever arrives, reading and validating ends in records or a message, never a panic.
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,300}", json in any::<bool>()) {
            let tax = Taxonomy::builtin();
            if let Ok(rows) = engineers(&text, json) {
                for (_, r) in rows {
                    let _ = r.to_engineer(tax);
                }
            }
            if let Ok(rows) = openings(&text, json) {
                for (_, r) in rows {
                    let _ = r.to_opening(tax, chrono::Utc::now());
                }
            }
        }

        #[test]
        fn must_notation_round_trips(
            groups in proptest::collection::vec(
                proptest::collection::vec(("[A-Za-z][A-Za-z0-9 #.+]{0,8}[A-Za-z0-9#+]", proptest::option::of(1u8..20)), 1..4),
                0..5,
            )
        ) {
            let groups: Vec<Vec<super::super::records::SkillReq>> = groups
                .into_iter()
                .map(|g| g.into_iter().map(|(name, y)| super::super::records::SkillReq {
                    name,
                    min_years: y.map(f32::from),
                }).collect())
                .collect();
            let text = super::super::records::must_list_spec(&groups);
            prop_assert_eq!(parse_must_list(&text).unwrap(), groups);
        }

        #[test]
        fn csv_shaped_rows_never_panic(
            cells in proptest::collection::vec("[A-Za-z0-9:;,.\\-\" 年月日万〜]{0,12}", 0..40)
        ) {
            let mut text = String::from("name,affiliation,rate,cost,available_from,skills,depth,foreign\n");
            for row in cells.chunks(8) {
                text.push_str(&row.join(","));
                text.push('\n');
            }
            let tax = Taxonomy::builtin();
            if let Ok(rows) = engineers(&text, false) {
                for (_, r) in rows {
                    let _ = r.to_engineer(tax);
                }
            }
        }
    }
}
