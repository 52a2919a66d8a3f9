//! The editable requirements of an opening: snapshot, TOML form, `--set`, and diff.
//!
//! Each edit stores a new revision holding a [`Requirements`] snapshot; validation
//! goes through `OpeningRecord::to_opening`, the same rules as every import.

use serde::{Deserialize, Serialize};

use crate::domain::records::{group_spec, parse_group, OpeningRecord, SkillReq};

/// What a client can change in an opening: skills, rate, start, hard limits, free text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settle_min_h: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settle_max_h: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interviews: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headcount: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_depth: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth_with_fee: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freelancer_ok: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign_ok: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_limit: Option<u8>,
    /// Must groups, one per item: `Java:3`, or `AWS|Azure` for any one of them.
    /// Snapshots written before groups hold plain `Name:years` items: one-item groups.
    #[serde(default)]
    pub must: Vec<String>,
    /// Nice-to-have skills as `Name` or `Name:min_years`.
    #[serde(default)]
    pub nice: Vec<String>,
    /// Free text about the requirements (not the posting as received, which never changes).
    #[serde(default)]
    pub notes: String,
}

/// One field that changed between two revisions; skills change one skill at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The keys `--set` and the TOML form accept, in display order.
pub const FIELDS: &[&str] = &[
    "title",
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
    "must",
    "nice",
    "notes",
];

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn parse_opt<T: std::str::FromStr>(key: &str, v: &str, what: &str) -> Result<Option<T>, String> {
    if is_clear(v) {
        return Ok(None);
    }
    v.parse::<T>()
        .map(Some)
        .map_err(|_| format!("{key}: '{v}' is not {what}"))
}

fn is_clear(v: &str) -> bool {
    matches!(v, "" | "-" | "none" | "null")
}

fn parse_bool(key: &str, v: &str) -> Result<Option<bool>, String> {
    if is_clear(&v.to_ascii_lowercase()) {
        return Ok(None);
    }
    crate::domain::yes_no(v)
        .map(Some)
        .ok_or_else(|| format!("{key}: '{v}' is not true or false"))
}

fn opt_text(v: &str) -> Option<String> {
    (!is_clear(v)).then(|| v.to_string())
}

/// `--set` values: items by `;` or `,`; a must item may be a group `AWS|Azure:2`.
fn spec_list(v: &str, groups: bool) -> Result<Vec<String>, String> {
    v.split([';', '；', ',', '、', '，'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            if groups {
                parse_group(s).map(|g| group_spec(&g))
            } else {
                SkillReq::parse(s).map(|r| r.spec())
            }
        })
        .collect()
}

/// What identifies an item across edits: its names folded, years aside
/// (`AWS|Azure:2` and `azure|aws` are the same group).
fn item_key(spec: &str) -> String {
    let mut names: Vec<String> = match parse_group(spec) {
        Ok(g) => g
            .into_iter()
            .map(|r| crate::skills::normalize_key(&r.name))
            .collect(),
        Err(_) => vec![spec.to_string()],
    };
    names.sort();
    names.join("|")
}

impl Requirements {
    pub fn from_record(r: &OpeningRecord, notes: &str) -> Requirements {
        Requirements {
            title: r.title.clone(),
            rate_min: r.rate_min,
            rate_max: r.rate_max,
            rate_text: r.rate_text.clone(),
            settle_min_h: r.settle_min_h,
            settle_max_h: r.settle_max_h,
            location: r.location.clone(),
            remote: r.remote.clone(),
            start: r.start.clone(),
            duration: r.duration.clone(),
            interviews: r.interviews,
            headcount: r.headcount,
            max_depth: r.max_depth,
            depth_with_fee: r.depth_with_fee,
            freelancer_ok: r.freelancer_ok,
            foreign_ok: r.foreign_ok,
            age_limit: r.age_limit,
            must: r.must.iter().map(|g| group_spec(g)).collect(),
            nice: r.nice.iter().map(SkillReq::spec).collect(),
            notes: notes.to_string(),
        }
    }

    /// Write these requirements over a record; `to_opening` on the result validates them.
    pub fn apply(&self, r: &mut OpeningRecord) -> Result<(), String> {
        r.title = self.title.clone();
        r.rate_min = self.rate_min;
        r.rate_max = self.rate_max;
        r.rate_text = self.rate_text.clone();
        r.settle_min_h = self.settle_min_h;
        r.settle_max_h = self.settle_max_h;
        r.location = self.location.clone();
        r.remote = self.remote.clone();
        r.start = self.start.clone();
        r.duration = self.duration.clone();
        r.interviews = self.interviews;
        r.headcount = self.headcount;
        r.max_depth = self.max_depth;
        r.depth_with_fee = self.depth_with_fee;
        r.freelancer_ok = self.freelancer_ok;
        r.foreign_ok = self.foreign_ok;
        r.age_limit = self.age_limit;
        r.must = self
            .must
            .iter()
            .map(|s| parse_group(s).map_err(|e| format!("must: {e}")))
            .collect::<Result<_, _>>()?;
        r.nice = self
            .nice
            .iter()
            .map(|s| SkillReq::parse(s).map_err(|e| format!("nice: {e}")))
            .collect::<Result<_, _>>()?;
        Ok(())
    }

    /// Apply one `key=value` from `--set`; `must+=AWS|Azure:2` adds a group (replacing one
    /// of the same names) and `must-=PHP` removes one (or that alternative from its group).
    pub fn set(&mut self, assignment: &str) -> Result<(), String> {
        let (key, value) = assignment.split_once('=').ok_or_else(|| {
            format!(
                "--set '{assignment}': expected KEY=VALUE (keys: {})",
                FIELDS.join(", ")
            )
        })?;
        let (key, op) = match key.trim() {
            k if k.ends_with('+') => (k.trim_end_matches('+').trim(), '+'),
            k if k.ends_with('-') => (k.trim_end_matches('-').trim(), '-'),
            k => (k, '='),
        };
        let v = value.trim();
        if op != '=' && !matches!(key, "must" | "nice") {
            return Err(format!(
                "--set {key}{op}=: only must and nice take += and -="
            ));
        }
        match key {
            "title" => {
                if v.is_empty() {
                    return Err("title: cannot be empty".into());
                }
                self.title = v.to_string();
            }
            "rate_min" => {
                self.rate_min = parse_opt(key, v.trim_end_matches('万'), "a rate in 万円")?
            }
            "rate_max" => {
                self.rate_max = parse_opt(key, v.trim_end_matches('万'), "a rate in 万円")?
            }
            "rate_text" => self.rate_text = opt_text(v),
            "settle_min_h" => self.settle_min_h = parse_opt(key, v, "a number of hours")?,
            "settle_max_h" => self.settle_max_h = parse_opt(key, v, "a number of hours")?,
            "location" => self.location = opt_text(v),
            "remote" => self.remote = opt_text(v),
            "start" => self.start = opt_text(v),
            "duration" => self.duration = opt_text(v),
            "interviews" => self.interviews = parse_opt(key, v, "a small number")?,
            "headcount" => self.headcount = parse_opt(key, v, "a small number")?,
            "max_depth" => self.max_depth = parse_opt(key, v, "a depth 0 to 5")?,
            "depth_with_fee" => self.depth_with_fee = parse_opt(key, v, "a depth 0 to 5")?,
            "freelancer_ok" => self.freelancer_ok = parse_bool(key, v)?,
            "foreign_ok" => self.foreign_ok = parse_bool(key, v)?,
            "age_limit" => self.age_limit = parse_opt(key, v, "an age")?,
            "notes" => self.notes = v.to_string(),
            "must" | "nice" => {
                let list = if key == "must" {
                    &mut self.must
                } else {
                    &mut self.nice
                };
                let given = spec_list(v, key == "must").map_err(|e| format!("{key}: {e}"))?;
                match op {
                    '+' => {
                        for spec in given {
                            let k = item_key(&spec);
                            list.retain(|s| item_key(s) != k);
                            list.push(spec);
                        }
                    }
                    '-' => {
                        for spec in given {
                            let k = item_key(&spec);
                            let before = list.len();
                            list.retain(|s| item_key(s) != k);
                            if list.len() == before && !remove_alternative(list, &k) {
                                return Err(format!("{key}-=: '{spec}' is not in {key}"));
                            }
                        }
                    }
                    _ => *list = given,
                }
            }
            other => {
                return Err(format!(
                    "--set: unknown field '{other}' (keys: {})",
                    FIELDS.join(", ")
                ))
            }
        }
        Ok(())
    }

    /// Every field as display text, `None` when not stated; skills excluded.
    fn scalars(&self) -> Vec<(&'static str, Option<String>)> {
        let s = |v: &Option<String>| v.clone();
        let n = |v: Option<f64>| v.map(num);
        let i = |v: Option<u16>| v.map(|x| x.to_string());
        let b = |v: Option<u8>| v.map(|x| x.to_string());
        let t = |v: Option<bool>| v.map(|x| x.to_string());
        vec![
            ("title", Some(self.title.clone())),
            ("rate_min", n(self.rate_min)),
            ("rate_max", n(self.rate_max)),
            ("rate_text", s(&self.rate_text)),
            ("settle_min_h", i(self.settle_min_h)),
            ("settle_max_h", i(self.settle_max_h)),
            ("location", s(&self.location)),
            ("remote", s(&self.remote)),
            ("start", s(&self.start)),
            ("duration", s(&self.duration)),
            ("interviews", b(self.interviews)),
            ("headcount", b(self.headcount)),
            ("max_depth", b(self.max_depth)),
            ("depth_with_fee", b(self.depth_with_fee)),
            ("freelancer_ok", t(self.freelancer_ok)),
            ("foreign_ok", t(self.foreign_ok)),
            ("age_limit", b(self.age_limit)),
            (
                "notes",
                (!self.notes.is_empty()).then(|| self.notes.clone()),
            ),
        ]
    }

    /// The TOML a user edits in `$EDITOR`: every field shown, unstated ones commented out.
    pub fn to_toml(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(
            "# Save and quit to store a new revision; leave unchanged (or empty the file) to cancel.\n\
             # A commented line (#) leaves that field unstated. Skills are \"Name\" or \"Name:min_years\";\n\
             # a must item \"AWS|Azure\" is met by any one of them (\"TypeScript|JavaScript:2\": years on JavaScript).\n\
             # remote: full | partial | none.  start: immediate | YYYY-MM | YYYY-MM-DD.  rates in 万円/month.\n\n",
        );
        let val = |v: toml::Value| v.to_string();
        let show = |key: &str, v: Option<toml::Value>, out: &mut String| match v {
            Some(v) => out.push_str(&format!("{key} = {}\n", val(v))),
            None => out.push_str(&format!("# {key} = \n")),
        };
        let st = |v: &Option<String>| v.clone().map(toml::Value::String);
        let fl = |v: Option<f64>| v.map(toml::Value::Float);
        let int = |v: Option<i64>| v.map(toml::Value::Integer);
        let bo = |v: Option<bool>| v.map(toml::Value::Boolean);
        show(
            "title",
            Some(toml::Value::String(self.title.clone())),
            &mut out,
        );
        // Whole rates print as integers so `65` does not come back as `65.0`.
        let rate = |v: Option<f64>| match v {
            Some(x) if x.fract() == 0.0 => int(Some(x as i64)),
            other => fl(other),
        };
        show("rate_min", rate(self.rate_min), &mut out);
        show("rate_max", rate(self.rate_max), &mut out);
        show("rate_text", st(&self.rate_text), &mut out);
        show(
            "settle_min_h",
            int(self.settle_min_h.map(i64::from)),
            &mut out,
        );
        show(
            "settle_max_h",
            int(self.settle_max_h.map(i64::from)),
            &mut out,
        );
        show("location", st(&self.location), &mut out);
        show("remote", st(&self.remote), &mut out);
        show("start", st(&self.start), &mut out);
        show("duration", st(&self.duration), &mut out);
        show("interviews", int(self.interviews.map(i64::from)), &mut out);
        show("headcount", int(self.headcount.map(i64::from)), &mut out);
        show("max_depth", int(self.max_depth.map(i64::from)), &mut out);
        show(
            "depth_with_fee",
            int(self.depth_with_fee.map(i64::from)),
            &mut out,
        );
        show("freelancer_ok", bo(self.freelancer_ok), &mut out);
        show("foreign_ok", bo(self.foreign_ok), &mut out);
        show("age_limit", int(self.age_limit.map(i64::from)), &mut out);
        let list =
            |v: &[String]| toml::Value::Array(v.iter().cloned().map(toml::Value::String).collect());
        show("must", Some(list(&self.must)), &mut out);
        show("nice", Some(list(&self.nice)), &mut out);
        show(
            "notes",
            Some(toml::Value::String(self.notes.clone())),
            &mut out,
        );
        out
    }

    /// Parse the edited TOML; the error names the line, in one line.
    pub fn from_toml(text: &str) -> Result<Requirements, String> {
        toml::from_str::<Requirements>(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
            match line {
                Some(l) => format!("line {l}: {}", e.message().trim()),
                None => e.message().trim().to_string(),
            }
        })
    }

    /// What changed from `self` to `new`, field by field and skill by skill.
    pub fn diff(&self, new: &Requirements) -> Vec<FieldChange> {
        let mut out = Vec::new();
        for ((field, a), (_, b)) in self.scalars().into_iter().zip(new.scalars()) {
            if a != b {
                out.push(FieldChange {
                    field: field.to_string(),
                    before: a,
                    after: b,
                });
            }
        }
        for (field, old, new) in [
            ("must", &self.must, &new.must),
            ("nice", &self.nice, &new.nice),
        ] {
            for o in old {
                let name = item_key(o);
                match new.iter().find(|n| item_key(n) == name) {
                    Some(n) if n != o => out.push(FieldChange {
                        field: field.into(),
                        before: Some(o.clone()),
                        after: Some(n.clone()),
                    }),
                    Some(_) => {}
                    None => out.push(FieldChange {
                        field: field.into(),
                        before: Some(o.clone()),
                        after: None,
                    }),
                }
            }
            for n in new {
                let name = item_key(n);
                if !old.iter().any(|o| item_key(o) == name) {
                    out.push(FieldChange {
                        field: field.into(),
                        before: None,
                        after: Some(n.clone()),
                    });
                }
            }
        }
        out
    }
}

/// Drop one alternative (by folded name) from the groups holding it, and groups left
/// empty; whether any was found.
fn remove_alternative(list: &mut Vec<String>, key: &str) -> bool {
    let mut found = false;
    for item in list.iter_mut() {
        let Ok(group) = parse_group(item) else {
            continue;
        };
        let kept: Vec<SkillReq> = group
            .iter()
            .filter(|r| crate::skills::normalize_key(&r.name) != key)
            .cloned()
            .collect();
        if kept.len() != group.len() {
            found = true;
            *item = group_spec(&kept);
        }
    }
    list.retain(|s| !s.is_empty());
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Requirements {
        Requirements {
            title: "Java開発".into(),
            rate_min: Some(60.0),
            rate_max: Some(70.0),
            remote: Some("partial".into()),
            start: Some("2026-12".into()),
            max_depth: Some(1),
            must: vec!["Java:3".into(), "Spring Boot".into()],
            nice: vec!["AWS".into()],
            ..Requirements::default()
        }
    }

    #[test]
    fn set_changes_scalars_and_lists() {
        let mut r = base();
        r.set("rate_max=75").unwrap();
        r.set("must=Java:5, AWS").unwrap();
        r.set("nice+=Docker").unwrap();
        r.set("nice-=aws").unwrap();
        r.set("freelancer_ok=不可").unwrap();
        r.set("start=none").unwrap();
        assert_eq!(r.rate_max, Some(75.0));
        assert_eq!(r.must, vec!["Java:5", "AWS"]);
        assert_eq!(r.nice, vec!["Docker"]);
        assert_eq!(r.freelancer_ok, Some(false));
        assert_eq!(r.start, None);
    }

    #[test]
    fn set_takes_groups_of_alternatives() {
        let mut r = base();
        r.set("must+=AWS|Azure").unwrap();
        r.set("must+=TypeScript|JavaScript:2; Go").unwrap();
        assert_eq!(
            r.must,
            vec![
                "Java:3",
                "Spring Boot",
                "AWS|Azure",
                "TypeScript|JavaScript:2",
                "Go"
            ]
        );
        // The same names again replace the group (years change), in any order or case.
        r.set("must+=azure:1|AWS").unwrap();
        assert_eq!(r.must[4], "azure:1|AWS");
        assert_eq!(r.must.len(), 5);
        r.set("must-=aws|Azure").unwrap();
        r.set("must-=JavaScript").unwrap();
        assert_eq!(r.must, vec!["Java:3", "Spring Boot", "TypeScript", "Go"]);
        r.set("must=Java:3;AWS|Azure;TypeScript|JavaScript:2")
            .unwrap();
        assert_eq!(
            r.must,
            vec!["Java:3", "AWS|Azure", "TypeScript|JavaScript:2"]
        );
        assert!(r.set("must-=PHP|Ruby").is_err());
        let d = base().diff(&r);
        let shown: Vec<String> = d
            .iter()
            .map(|c| format!("{:?}→{:?}", c.before, c.after))
            .collect();
        assert_eq!(
            shown,
            vec![
                "Some(\"Spring Boot\")→None",
                "None→Some(\"AWS|Azure\")",
                "None→Some(\"TypeScript|JavaScript:2\")",
            ]
        );
    }

    #[test]
    fn set_rejects_bad_input_in_one_line() {
        let mut r = base();
        for bad in [
            "rate_max",
            "rate_max=lots",
            "colour=red",
            "title=",
            "max_depth=-1",
            "rate_min+=3",
            "must=Java:many",
            "nice-=Rust",
            "foreign_ok=maybe",
        ] {
            let e = r.set(bad).unwrap_err();
            assert!(!e.contains('\n'), "{bad}: {e}");
        }
        assert_eq!(r, base(), "failed --set leaves the requirements alone");
    }

    #[test]
    fn toml_round_trips() {
        let mut r = base();
        r.notes = "週3出社に変更\n面談は2回".into();
        r.rate_min = Some(62.5);
        let text = r.to_toml("opening 3, revision 1");
        assert!(text.contains("# age_limit = \n"));
        assert_eq!(Requirements::from_toml(&text).unwrap(), r);
    }

    #[test]
    fn toml_errors_name_the_line() {
        let e = Requirements::from_toml("title = \"x\"\nrate_max = \"high\"\n").unwrap_err();
        assert!(e.starts_with("line 2:"), "{e}");
        let e = Requirements::from_toml("title = \"x\"\ncolour = 1\n").unwrap_err();
        assert!(e.contains("colour"), "{e}");
    }

    #[test]
    fn diff_lists_fields_and_skills() {
        let old = base();
        let mut new = base();
        new.set("rate_max=75").unwrap();
        new.set("must=Java:5,AWS").unwrap();
        let d = new.diff(&new);
        assert!(d.is_empty());
        let d = old.diff(&new);
        let shown: Vec<String> = d
            .iter()
            .map(|c| format!("{} {:?}→{:?}", c.field, c.before, c.after))
            .collect();
        assert_eq!(
            shown,
            vec![
                "rate_max Some(\"70\")→Some(\"75\")",
                "must Some(\"Java:3\")→Some(\"Java:5\")",
                "must Some(\"Spring Boot\")→None",
                "must None→Some(\"AWS\")",
            ]
        );
    }

    #[test]
    fn skill_specs_parse() {
        assert_eq!(SkillReq::parse("Java:3").unwrap().min_years, Some(3.0));
        assert_eq!(SkillReq::parse("Java：2.5年").unwrap().min_years, Some(2.5));
        assert_eq!(SkillReq::parse("C#").unwrap().name, "C#");
        assert!(SkillReq::parse("Java:99").is_err());
        assert!(SkillReq::parse("  ").is_err());
    }
}
