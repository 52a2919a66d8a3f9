//! Import and export shapes: the documented JSON and CSV records, and their validation.
//!
//! A record becomes a domain value only through `to_engineer` / `to_opening`, so
//! every importer rejects the same bad values with the same message.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{
    parse_date, Affiliation, Employment, Engineer, EngineerSkill, Man, Opening, OpeningStatus,
    Rank, Remote, Requirement, Start,
};
use crate::skills::Taxonomy;

/// A bad record: which line (or record number) and why, in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct ImportError {
    pub line: Option<usize>,
    pub message: String,
}

impl ImportError {
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        ImportError {
            line: Some(line),
            message: message.into(),
        }
    }
    pub fn whole(message: impl Into<String>) -> Self {
        ImportError {
            line: None,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillYears {
    pub name: String,
    #[serde(default)]
    pub years: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillReq {
    pub name: String,
    #[serde(default)]
    pub min_years: Option<f32>,
}

impl SkillReq {
    /// Parse `Name` or `Name:years` (also a full-width colon, `3y`, `3年`).
    pub fn parse(spec: &str) -> Result<SkillReq, String> {
        let spec = spec.trim();
        match spec.rsplit_once([':', '：']) {
            Some((name, years)) if !name.trim().is_empty() => {
                let y: f32 = years
                    .trim()
                    .trim_end_matches(['+', '＋'])
                    .trim_end_matches(['y', '年'])
                    .parse()
                    .map_err(|_| format!("skill '{spec}': years '{years}' is not a number"))?;
                if !y.is_finite() || !(0.0..=60.0).contains(&y) {
                    return Err(format!("skill '{spec}': years {y} not in 0..60"));
                }
                Ok(SkillReq {
                    name: name.trim().to_string(),
                    min_years: (y > 0.0).then_some(y),
                })
            }
            _ if spec.is_empty() => Err("empty skill name".into()),
            _ => Ok(SkillReq {
                name: spec.to_string(),
                min_years: None,
            }),
        }
    }

    /// `Java:3` with a minimum, `Java` without: the form [`SkillReq::parse`] reads.
    pub fn spec(&self) -> String {
        match self.min_years {
            Some(y) if y > 0.0 => format!("{}:{}", self.name, years_text(y)),
            _ => self.name.clone(),
        }
    }
}

/// Years without a needless `.0`: `3`, `2.5`.
pub fn years_text(y: f32) -> String {
    if y.fract() == 0.0 {
        format!("{}", y as i64)
    } else {
        format!("{y}")
    }
}

/// One must group in the notation: `AWS|Azure`, `TypeScript|JavaScript:2`
/// (years after an alternative belong to that alternative).
pub fn parse_group(spec: &str) -> Result<Vec<SkillReq>, String> {
    let group: Vec<SkillReq> = spec
        .split(['|', '｜'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(SkillReq::parse)
        .collect::<Result<_, _>>()?;
    if group.is_empty() {
        return Err(format!("empty requirement group '{}'", spec.trim()));
    }
    Ok(group)
}

/// A must group back in the notation [`parse_group`] reads.
pub fn group_spec(group: &[SkillReq]) -> String {
    group
        .iter()
        .map(SkillReq::spec)
        .collect::<Vec<_>>()
        .join("|")
}

/// The CSV form of `must`: `Java:3;AWS|Azure;TypeScript|JavaScript:2`.
pub fn parse_must_list(s: &str) -> Result<Vec<Vec<SkillReq>>, String> {
    s.split([';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(parse_group)
        .collect()
}

/// Must groups in the CSV form [`parse_must_list`] reads.
pub fn must_list_spec(groups: &[Vec<SkillReq>]) -> String {
    groups
        .iter()
        .map(|g| group_spec(g))
        .collect::<Vec<_>>()
        .join(";")
}

/// The CSV form of `nice`: `Docker;AWS:2`, a flat list.
pub fn parse_nice_list(s: &str) -> Result<Vec<SkillReq>, String> {
    s.split([';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(SkillReq::parse)
        .collect()
}

/// `must` in JSON: a list of groups; a plain `{name, min_years}` object is a one-item
/// group, so exports written before groups existed import unchanged.
fn must_groups<'de, D>(d: D) -> Result<Vec<Vec<SkillReq>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(
        untagged,
        expecting = "a must group: a list of {\"name\", \"min_years\"}, or one such object"
    )]
    enum Entry {
        Group(Vec<SkillReq>),
        One(SkillReq),
    }
    let entries: Vec<Entry> = Vec::deserialize(d)?;
    Ok(entries
        .into_iter()
        .map(|e| match e {
            Entry::Group(g) => g,
            Entry::One(r) => vec![r],
        })
        .collect())
}

/// An engineer as imported and exported (`benchmatch engineers --json` prints these).
/// Unknown keys are refused by `to_engineer`: they land in `fields`, which holds the
/// fields of [`crate::domain::fields::ENGINEER_TABLE`] by key. `Default` is the empty
/// record, for tests and builders that name only the fields they care about.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EngineerRecord {
    #[serde(default)]
    pub id: Option<i64>,
    pub name: String,
    #[serde(default)]
    pub initials: Option<String>,
    pub affiliation: String,
    #[serde(default)]
    pub partner: Option<String>,
    #[serde(default)]
    pub depth: Option<u8>,
    #[serde(default)]
    pub station: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub remote_pref: Option<String>,
    #[serde(default)]
    pub available_from: Option<String>,
    #[serde(default)]
    pub availability_confirmed: Option<String>,
    #[serde(default)]
    pub cost: Option<f64>,
    #[serde(default)]
    pub rate: Option<f64>,
    #[serde(default)]
    pub foreign: Option<bool>,
    #[serde(default)]
    pub japanese_level: Option<String>,
    /// Other languages with a level: `英語:business;中国語:native` (or just `ビジネス`,
    /// read as English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<String>,
    #[serde(default)]
    pub age_band: Option<String>,
    #[serde(default)]
    pub career_start: Option<i32>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub last_checked: Option<String>,
    /// At the partner: full_time (正社員), contract (契約), freelancer (個人事業主).
    #[serde(default)]
    pub employment: Option<String>,
    /// Work the engineer will not take: `金融NG、夜勤不可、常駐NG`.
    #[serde(default)]
    pub ng: Option<String>,
    #[serde(default)]
    pub skills: Vec<SkillYears>,
    /// End of the current assignment (`YYYY-MM-DD`); imported, it records one, so staff
    /// whose contracts end show as 終了予定.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignment_end: Option<String>,
    /// Where the engineer works now (現在の現場 / 参画先): with `assignment_end` (a date, or
    /// `open` for 長期), a running assignment at that client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignment_client: Option<String>,
    /// When the running assignment began (参画開始日); without it, the day of the import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignment_start: Option<String>,
    /// The table's fields, by key, as text (`"skill_sheet_checked": "2026-12-01"`).
    #[serde(flatten)]
    pub fields: std::collections::BTreeMap<String, serde_json::Value>,
}

/// An opening as imported and exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpeningRecord {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub client: Option<String>,
    #[serde(default)]
    pub client_rank: Option<String>,
    pub title: String,
    #[serde(default)]
    pub received_at: Option<String>,
    #[serde(default)]
    pub answered_at: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub rate_min: Option<f64>,
    #[serde(default)]
    pub rate_max: Option<f64>,
    #[serde(default)]
    pub rate_text: Option<String>,
    #[serde(default)]
    pub settle_min_h: Option<u16>,
    #[serde(default)]
    pub settle_max_h: Option<u16>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub remote: Option<String>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub duration: Option<String>,
    #[serde(default)]
    pub interviews: Option<u8>,
    #[serde(default)]
    pub headcount: Option<u8>,
    #[serde(default)]
    pub max_depth: Option<u8>,
    #[serde(default)]
    pub depth_with_fee: Option<u8>,
    #[serde(default)]
    pub freelancer_ok: Option<bool>,
    #[serde(default)]
    pub foreign_ok: Option<bool>,
    #[serde(default)]
    pub age_limit: Option<u8>,
    #[serde(default)]
    pub revision: Option<u32>,
    #[serde(default)]
    pub raw_text: String,
    /// Groups of alternatives: `[[{"name": "AWS"}, {"name": "Azure"}]]`.
    #[serde(default, deserialize_with = "must_groups")]
    pub must: Vec<Vec<SkillReq>>,
    #[serde(default)]
    pub nice: Vec<SkillReq>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientRecord {
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub rank: Option<String>,
    #[serde(default)]
    pub rank_expected: Option<String>,
    #[serde(default)]
    pub relationship: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerRecord {
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignmentRecord {
    #[serde(default)]
    pub id: Option<i64>,
    pub engineer_id: i64,
    #[serde(default)]
    pub client: Option<String>,
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
    /// 万円 per month, when entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposalRecord {
    pub id: i64,
    pub opening_id: i64,
    pub engineer_id: i64,
    pub revision: u32,
    pub stage: String,
    #[serde(default)]
    pub rate: Option<f64>,
    #[serde(default)]
    pub notes: String,
    pub created_at: String,
    #[serde(default)]
    pub signed_at: Option<String>,
}

fn opt_date(field: &str, v: &Option<String>) -> Result<Option<NaiveDate>, String> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => parse_date(s).map(Some).map_err(|e| format!("{field}: {e}")),
    }
}

pub(crate) fn opt_man(field: &str, v: Option<f64>) -> Result<Option<Man>, String> {
    match v {
        None => Ok(None),
        Some(x) => Man::new(x).map(Some).ok_or_else(|| {
            format!(
                "{field}: {} is not a monthly rate in 万円 (expected 0 to {})",
                crate::domain::bounds::short_number(x),
                Man::MAX
            )
        }),
    }
}

fn non_empty(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Parse a timestamp written as RFC 3339, `YYYY-MM-DD HH:MM[:SS]` (UTC) or a bare date.
pub fn parse_timestamp(s: &str) -> Result<DateTime<Utc>, String> {
    let t = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(d.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, fmt) {
            return Ok(Utc.from_utc_datetime(&d));
        }
    }
    parse_date(t)
        .map(|d| Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default()))
        .map_err(|_| format!("invalid timestamp '{t}': expected RFC 3339 or YYYY-MM-DD"))
}

/// Initials the trade uses in proposals: `山田 太郎` → `Y.T.` when romaji is unknown, else first letters.
pub fn initials_of(name: &str) -> String {
    let parts: Vec<&str> = name.split_whitespace().collect();
    let letters: Vec<String> = parts
        .iter()
        .filter_map(|p| p.chars().next())
        .map(|c| c.to_uppercase().collect::<String>())
        .collect();
    if letters.is_empty() {
        String::new()
    } else {
        format!("{}.", letters.join("."))
    }
}

impl EngineerRecord {
    /// Validate and convert; `partner` stays a name for the store to resolve.
    pub fn to_engineer(&self, tax: &Taxonomy) -> Result<Engineer, String> {
        crate::domain::bounds::engineer(self)?;
        let name = self.name.trim();
        if name.is_empty() {
            return Err("name is empty".into());
        }
        if self.affiliation.trim().is_empty() {
            return Err(
                "affiliation is empty: say whose the engineer is (所属: 自社, BP or a company; 雇用形態; or the partner's name)"
                    .into(),
            );
        }
        let affiliation = Affiliation::parse(&self.affiliation).ok_or_else(|| {
            format!(
                "affiliation '{}' is not one of own, contract, freelancer, partner",
                self.affiliation
            )
        })?;
        let depth = match (self.depth, affiliation) {
            (Some(d), _) if d > 5 => return Err(format!("depth {d} is above 5")),
            (Some(d), _) => d,
            (None, Affiliation::Partner) => 1,
            (None, _) => 0,
        };
        if affiliation == Affiliation::Partner && depth == 0 {
            return Err("a partner engineer has depth 1 or more".into());
        }
        let remote_pref =
            match non_empty(&self.remote_pref) {
                None => None,
                Some(s) => Some(Remote::parse(&s).ok_or_else(|| {
                    format!("remote_pref '{s}' is not one of full, partial, none")
                })?),
            };
        let mut skills = Vec::with_capacity(self.skills.len());
        let mut other_skills: Vec<(String, f32)> = Vec::new();
        for s in &self.skills {
            if !s.years.is_finite() || !(0.0..=60.0).contains(&s.years) {
                return Err(format!(
                    "skill '{}': years {} not in 0..60",
                    s.name, s.years
                ));
            }
            // A skill the taxonomy does not know is kept as written, never a refused file;
            // the import lists them with the `skills add-alias` command.
            let Some(id) = tax.lookup(&s.name) else {
                let name = s.name.trim().to_string();
                if !name.is_empty()
                    && !other_skills.iter().any(|(n, _)| {
                        crate::skills::normalize_key(n) == crate::skills::normalize_key(&name)
                    })
                {
                    other_skills.push((name, s.years));
                }
                continue;
            };
            skills.push(EngineerSkill {
                skill: id,
                years: s.years,
                level: None,
                last_used: None,
            });
        }
        let mut e = Engineer {
            id: self.id.unwrap_or(0),
            name: name.to_string(),
            initials: non_empty(&self.initials).unwrap_or_else(|| initials_of(name)),
            affiliation,
            partner_id: None,
            employment: match non_empty(&self.employment) {
                None => None,
                Some(s) => Some(Employment::parse(&s).ok_or_else(|| {
                    format!("employment '{s}' is not one of full_time (正社員), contract (契約), freelancer (個人事業主)")
                })?),
            },
            depth,
            station: non_empty(&self.station),
            area: non_empty(&self.area),
            remote_pref,
            available_from: opt_date("available_from", &self.available_from)?,
            availability_confirmed: opt_date(
                "availability_confirmed",
                &self.availability_confirmed,
            )?,
            cost: opt_man("cost", self.cost)?,
            rate: opt_man("rate", self.rate)?,
            foreign: self.foreign,
            japanese_level: non_empty(&self.japanese_level),
            languages: match non_empty(&self.languages) {
                Some(s) => super::parse_languages(&s).map_err(|m| format!("languages {m}"))?,
                None => Vec::new(),
            },
            age_band: non_empty(&self.age_band),
            career_start: self.career_start,
            notes: self.notes.clone(),
            last_checked: opt_date("last_checked", &self.last_checked)?,
            ng: self
                .ng
                .as_deref()
                .map(crate::domain::split_ng)
                .unwrap_or_default(),
            last_offered: None,
            other_skills,
            skills,
            extra: Default::default(),
        };
        e.normalize_skills();
        for (key, v) in &self.fields {
            let field = crate::domain::fields::ENGINEER_TABLE
                .iter()
                .find(|f| f.key == key)
                .ok_or_else(|| format!("unknown field `{}`", crate::text::truncate(key, 40)))?;
            let text = match v {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            field
                .set(&mut e, &text)
                .map_err(|r| format!("{key}: {}", r.message(false)))?;
        }
        Ok(e)
    }

    pub fn from_engineer(e: &Engineer, partner: Option<String>, tax: &Taxonomy) -> Self {
        let fmt = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        EngineerRecord {
            id: Some(e.id),
            name: e.name.clone(),
            initials: Some(e.initials.clone()),
            affiliation: e.affiliation.as_str().into(),
            partner,
            depth: Some(e.depth),
            station: e.station.clone(),
            area: e.area.clone(),
            remote_pref: e.remote_pref.map(|r| r.as_str().into()),
            available_from: fmt(e.available_from),
            availability_confirmed: fmt(e.availability_confirmed),
            cost: e.cost.map(Man::as_f64),
            rate: e.rate.map(Man::as_f64),
            foreign: e.foreign,
            japanese_level: e.japanese_level.clone(),
            languages: (!e.languages.is_empty()).then(|| super::format_languages(&e.languages)),
            age_band: e.age_band.clone(),
            career_start: e.career_start,
            notes: e.notes.clone(),
            last_checked: fmt(e.last_checked),
            assignment_end: None,
            assignment_client: None,
            assignment_start: None,
            employment: e.employment.map(|x| x.as_str().to_string()),
            ng: (!e.ng.is_empty()).then(|| e.ng.join("、")),
            skills: {
                let mut s: Vec<SkillYears> = e
                    .skills
                    .iter()
                    .map(|s| SkillYears {
                        name: tax.name(s.skill).to_string(),
                        years: s.years,
                    })
                    .chain(e.other_skills.iter().map(|(name, years)| SkillYears {
                        name: name.clone(),
                        years: *years,
                    }))
                    .collect();
                s.sort_by(|a, b| b.years.total_cmp(&a.years).then(a.name.cmp(&b.name)));
                s
            },
            fields: crate::domain::fields::ENGINEER_TABLE
                .iter()
                .map(|f| (f.key, f.text(e)))
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
                .collect(),
        }
    }
}

impl OpeningRecord {
    /// Validate and convert; `client` stays a name for the store to resolve.
    pub fn to_opening(&self, tax: &Taxonomy, now: DateTime<Utc>) -> Result<Opening, String> {
        crate::domain::bounds::opening(self)?;
        let title = self.title.trim();
        if title.is_empty() {
            return Err("title is empty".into());
        }
        let received_at = match non_empty(&self.received_at) {
            Some(s) => parse_timestamp(&s).map_err(|e| format!("received_at: {e}"))?,
            None => now,
        };
        let mut o = Opening::new(title, received_at);
        o.id = self.id.unwrap_or(0);
        o.raw_text = self.raw_text.clone();
        o.answered_at = match non_empty(&self.answered_at) {
            Some(s) => Some(parse_timestamp(&s).map_err(|e| format!("answered_at: {e}"))?),
            None => None,
        };
        if let Some(s) = non_empty(&self.status) {
            o.status = OpeningStatus::parse(&s).ok_or_else(|| {
                format!("status '{s}' is not one of new, answered, proposed, won, lost, closed, dismissed")
            })?;
        }
        o.rate_min = opt_man("rate_min", self.rate_min)?;
        o.rate_max = opt_man("rate_max", self.rate_max)?;
        if let (Some(a), Some(b)) = (o.rate_min, o.rate_max) {
            if a > b {
                return Err(format!("rate_min {a} is above rate_max {b}"));
            }
        }
        o.rate_text = non_empty(&self.rate_text);
        o.settle_min_h = self.settle_min_h;
        o.settle_max_h = self.settle_max_h;
        o.location = non_empty(&self.location);
        o.remote = match non_empty(&self.remote) {
            None => None,
            Some(s) => Some(
                Remote::parse(&s)
                    .ok_or_else(|| format!("remote '{s}' is not one of full, partial, none"))?,
            ),
        };
        o.start = match non_empty(&self.start) {
            None => None,
            Some(s) => Some(Start::parse(&s)?),
        };
        o.duration = non_empty(&self.duration);
        o.interviews = self.interviews;
        o.headcount = self.headcount;
        for (field, v) in [
            ("max_depth", self.max_depth),
            ("depth_with_fee", self.depth_with_fee),
        ] {
            if v.is_some_and(|d| d > 5) {
                return Err(format!("{field} must be 0 to 5"));
            }
        }
        o.max_depth = self.max_depth;
        o.depth_with_fee = self.depth_with_fee;
        o.freelancer_ok = self.freelancer_ok;
        o.foreign_ok = self.foreign_ok;
        o.age_limit = self.age_limit;
        o.revision = self.revision.unwrap_or(1).max(1);
        // Names the taxonomy does not know are kept as written: the requirement stands.
        let req = |s: &SkillReq| -> Result<Requirement, String> {
            let name = s.name.trim();
            if name.is_empty() {
                return Err("empty skill name".into());
            }
            if let Some(y) = s.min_years {
                if !y.is_finite() || !(0.0..=60.0).contains(&y) {
                    return Err(format!("skill '{name}': min_years {y} not in 0..60"));
                }
            }
            Ok(Requirement::named(
                name,
                s.min_years.filter(|y| *y > 0.0),
                tax,
            ))
        };
        for group in &self.must {
            let group = group.iter().map(req).collect::<Result<Vec<_>, _>>()?;
            o.requirements.push_must(group);
        }
        for s in &self.nice {
            o.requirements.push_nice(req(s)?);
        }
        if let Some(r) = non_empty(&self.client_rank) {
            Rank::parse(&r).ok_or_else(|| format!("client_rank '{r}' is not one of A, B, C, D"))?;
        }
        Ok(o)
    }

    pub fn from_opening(
        o: &Opening,
        client: Option<(String, Option<Rank>)>,
        tax: &Taxonomy,
    ) -> Self {
        // The taxonomy's current spelling for known skills; unknown names as written.
        let req = |r: &Requirement| SkillReq {
            name: r
                .skill
                .map_or(r.name.as_str(), |id| tax.name(id))
                .to_string(),
            min_years: r.min_years,
        };
        OpeningRecord {
            id: Some(o.id),
            client_rank: client.as_ref().and_then(|c| c.1).map(|r| r.as_str().into()),
            client: client.map(|c| c.0),
            title: o.title.clone(),
            received_at: Some(o.received_at.to_rfc3339()),
            answered_at: o.answered_at.map(|d| d.to_rfc3339()),
            status: Some(o.status.as_str().into()),
            rate_min: o.rate_min.map(Man::as_f64),
            rate_max: o.rate_max.map(Man::as_f64),
            rate_text: o.rate_text.clone(),
            settle_min_h: o.settle_min_h,
            settle_max_h: o.settle_max_h,
            location: o.location.clone(),
            remote: o.remote.map(|r| r.as_str().into()),
            start: o.start.map(|s| s.to_string()),
            duration: o.duration.clone(),
            interviews: o.interviews,
            headcount: o.headcount,
            max_depth: o.max_depth,
            depth_with_fee: o.depth_with_fee,
            freelancer_ok: o.freelancer_ok,
            foreign_ok: o.foreign_ok,
            age_limit: o.age_limit,
            revision: Some(o.revision),
            raw_text: o.raw_text.clone(),
            must: o
                .requirements
                .must
                .iter()
                .map(|g| g.iter().map(req).collect())
                .collect(),
            nice: o.requirements.nice.iter().map(req).collect(),
        }
    }
}

/// `Java:5;Spring Boot:3` → skill list, the CSV form of `skills`.
pub fn parse_skill_list(s: &str) -> Result<Vec<(String, Option<f32>)>, String> {
    let mut out = Vec::new();
    for part in s
        .split([';', '；', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match part.rsplit_once([':', '：']) {
            Some((name, years)) => {
                let y: f32 = years
                    .trim()
                    .parse()
                    .map_err(|_| format!("skill '{part}': years '{years}' is not a number"))?;
                out.push((name.trim().to_string(), Some(y)));
            }
            None => out.push((part.to_string(), None)),
        }
    }
    Ok(out)
}
