//! `export --redact`: what of an export may leave the team, as an allow-list.
//!
//! Every field of every table is either on the list below, with the rule that writes
//! it, or replaced by its empty value (`""`, `null`, `[]`). A field added to the
//! export later is therefore withheld until someone decides it may leave. Free text
//! never leaves as written: names become initials, companies become `client #3` /
//! `partner #2`, places become an area of the built-in place list, an exact age
//! becomes its decade, skills leave as canonical taxonomy names (others as `skill #4`).
//! The README ("What `export --redact` lets out") lists each table and why.

use serde_json::{Map, Value};
use std::collections::HashMap;

use crate::geo::Places;
use crate::skills::Taxonomy;
use crate::store::ExportDoc;

/// How a field that may leave is written.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Ids, numbers and booleans; a string there is withheld.
    Keep,
    /// A person's name: their initials.
    Initials,
    /// Initials as stored, only when they look like initials.
    InitialsField,
    /// A client's name: `client #ID`.
    Client,
    /// A partner's name: `partner #ID`.
    Partner,
    /// A station, area or work place: the area of a place in the built-in list.
    Area,
    /// `32歳` → `30代`; bands that are already decades stay.
    AgeDecade,
    /// `N1` … `N5`, `ネイティブ`, `ビジネス`, `日常会話`; anything else is withheld.
    JapaneseLevel,
    /// `[{name, …}]` with names the taxonomy knows, written canonically.
    Skills,
    /// One skill name the taxonomy knows (by any of its spellings); anything else is withheld.
    SkillName,
    /// An opening's title: `opening #ID`.
    OpeningTitle,
    /// A digest: hashed again, so equal stays equal and nothing else is told.
    Rehash,
    /// Withheld, written as `null` (an optional field).
    Null,
    /// A date or timestamp: digits and `-:T.+Z` only, else withheld.
    When,
    /// One of a fixed set of words (a stage, a status), else withheld.
    OneOf(&'static [&'static str]),
    /// `immediate`, or a month or day.
    Start,
}

const STAGES: &[&str] = &crate::pipeline::stage::Stage::NAMES;
const STATUSES: &[&str] = &[
    "new",
    "answered",
    "proposed",
    "won",
    "lost",
    "closed",
    "dismissed",
];
const AFFILIATIONS: &[&str] = &["own", "contract", "freelancer", "partner"];
const REMOTE: &[&str] = &["full", "partial", "none"];
const RANKS: &[&str] = &["A", "B", "C", "D"];
const ANSWERS: &[&str] = &["proposal", "none"];

/// The allow-list: for each table (history tables as `history.NAME`), the fields that
/// may leave and how. Tables not listed leave empty.
const ALLOWED: &[(&str, &[(&str, Rule)])] = &[
    (
        "clients",
        &[
            ("id", Rule::Keep),
            ("name", Rule::Client),
            ("rank", Rule::OneOf(RANKS)),
            ("rank_expected", Rule::OneOf(RANKS)),
        ],
    ),
    ("partners", &[("id", Rule::Keep), ("name", Rule::Partner)]),
    (
        "engineers",
        &[
            ("id", Rule::Keep),
            ("name", Rule::Initials),
            ("initials", Rule::InitialsField),
            ("affiliation", Rule::OneOf(AFFILIATIONS)),
            ("partner", Rule::Partner),
            ("depth", Rule::Keep),
            ("station", Rule::Null),
            ("area", Rule::Area),
            ("remote_pref", Rule::OneOf(REMOTE)),
            ("available_from", Rule::When),
            ("availability_confirmed", Rule::When),
            ("cost", Rule::Keep),
            ("rate", Rule::Keep),
            ("foreign", Rule::Keep),
            ("japanese_level", Rule::JapaneseLevel),
            ("age_band", Rule::AgeDecade),
            ("career_start", Rule::Keep),
            ("last_checked", Rule::When),
            ("skills", Rule::Skills),
        ],
    ),
    (
        "openings",
        &[
            ("id", Rule::Keep),
            ("client", Rule::Client),
            ("client_rank", Rule::OneOf(RANKS)),
            ("title", Rule::OpeningTitle),
            ("received_at", Rule::When),
            ("answered_at", Rule::When),
            ("status", Rule::OneOf(STATUSES)),
            ("rate_min", Rule::Keep),
            ("rate_max", Rule::Keep),
            ("settle_min_h", Rule::Keep),
            ("settle_max_h", Rule::Keep),
            ("location", Rule::Area),
            ("remote", Rule::OneOf(REMOTE)),
            ("start", Rule::Start),
            ("interviews", Rule::Keep),
            ("headcount", Rule::Keep),
            ("max_depth", Rule::Keep),
            ("depth_with_fee", Rule::Keep),
            ("freelancer_ok", Rule::Keep),
            ("foreign_ok", Rule::Keep),
            ("age_limit", Rule::Keep),
            ("revision", Rule::Keep),
            ("must", Rule::Skills),
            ("nice", Rule::Skills),
        ],
    ),
    (
        "assignments",
        &[
            ("id", Rule::Keep),
            ("engineer_id", Rule::Keep),
            ("client", Rule::Client),
            ("from", Rule::When),
            ("to", Rule::When),
            ("rate", Rule::Keep),
        ],
    ),
    (
        "proposals",
        &[
            ("id", Rule::Keep),
            ("opening_id", Rule::Keep),
            ("engineer_id", Rule::Keep),
            ("revision", Rule::Keep),
            ("stage", Rule::OneOf(STAGES)),
            ("rate", Rule::Keep),
            ("created_at", Rule::When),
            ("signed_at", Rule::When),
        ],
    ),
    (
        "history.proposal_states",
        &[
            ("id", Rule::Keep),
            ("partner_confirmed", Rule::Keep),
            ("stage_at", Rule::When),
        ],
    ),
    (
        "history.opening_answers",
        &[("id", Rule::Keep), ("answer_kind", Rule::OneOf(ANSWERS))],
    ),
    (
        "history.proposal_events",
        &[
            ("id", Rule::Keep),
            ("proposal_id", Rule::Keep),
            ("stage", Rule::OneOf(STAGES)),
            ("at", Rule::When),
        ],
    ),
    (
        "history.partner_incidents",
        &[
            ("id", Rule::Keep),
            ("partner_id", Rule::Keep),
            ("at", Rule::When),
        ],
    ),
    (
        "history.opening_sources",
        &[
            ("id", Rule::Keep),
            ("opening_id", Rule::Keep),
            ("received_at", Rule::When),
            ("content_hash", Rule::Keep),
        ],
    ),
    (
        "history.engineer_offers",
        &[("id", Rule::Keep), ("last_offered_at", Rule::When)],
    ),
    (
        "history.offer_sources",
        &[
            ("id", Rule::Keep),
            ("engineer_id", Rule::Keep),
            ("partner_id", Rule::Keep),
            ("received_at", Rule::When),
            ("digest", Rule::Rehash),
        ],
    ),
    (
        "history.learned_rules",
        &[
            ("id", Rule::Keep),
            ("partner_id", Rule::Keep),
            ("firm", Rule::Partner),
            ("term", Rule::SkillName),
            ("kind", Rule::OneOf(LEARNED)),
            ("skill", Rule::SkillName),
            ("opening_id", Rule::Keep),
            ("at", Rule::When),
        ],
    ),
];

const LEARNED: &[&str] = &["drop", "alias", "nice"];

/// Top-level fields of the document that leave as they are.
const DOC_FIELDS: [&str; 3] = ["format", "schema_version", "exported_at"];

struct Names {
    clients: HashMap<String, i64>,
    partners: HashMap<String, i64>,
    /// Skill names the taxonomy does not know, numbered in order of first mention, so
    /// an opening keeps every requirement (`skill #2`) and still matches the engineers
    /// who hold the same term, while the term itself never leaves.
    unlisted: HashMap<String, usize>,
}

/// The names of a skills field (`must`: groups of alternatives; `nice`, `skills`: flat).
fn skill_names(v: &Value) -> Vec<&str> {
    let mut out = Vec::new();
    for item in v.as_array().into_iter().flatten() {
        match item {
            Value::Array(group) => out.extend(group.iter().filter_map(|m| m.get("name")?.as_str())),
            m => out.extend(m.get("name").and_then(Value::as_str)),
        }
    }
    out
}

/// Number the skill names the taxonomy does not know, over openings then engineers.
fn unlisted_skills(whole: &Map<String, Value>, tax: &Taxonomy) -> HashMap<String, usize> {
    let mut out: HashMap<String, usize> = HashMap::new();
    let fields = [
        ("openings", "must"),
        ("openings", "nice"),
        ("engineers", "skills"),
    ];
    for (table, field) in fields {
        for row in whole
            .get(table)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            for name in row.get(field).map(skill_names).unwrap_or_default() {
                let name = name.trim();
                if !name.is_empty() && tax.lookup(name).is_none() && !out.contains_key(name) {
                    let n = out.len() + 1;
                    out.insert(name.to_string(), n);
                }
            }
        }
    }
    out
}

/// The document as it may leave the team, as JSON.
pub fn redact(doc: &ExportDoc, places: &Places, tax: &Taxonomy) -> serde_json::Result<Value> {
    let Value::Object(whole) = serde_json::to_value(doc)? else {
        return Ok(Value::Null);
    };
    let names = Names {
        clients: doc.clients.iter().map(|c| (c.name.clone(), c.id)).collect(),
        partners: doc
            .partners
            .iter()
            .map(|p| (p.name.clone(), p.id))
            .collect(),
        unlisted: unlisted_skills(&whole, tax),
    };
    let mut out = Map::new();
    for (key, value) in whole {
        let kept = if DOC_FIELDS.contains(&key.as_str()) {
            value
        } else if key == "history" {
            let Value::Object(tables) = value else {
                continue;
            };
            let mut h = Map::new();
            for (name, rows) in tables {
                let allowed = table_rules(&format!("history.{name}"));
                h.insert(name, rows_of(rows, allowed, None, &names, places, tax));
            }
            Value::Object(h)
        } else {
            let table = (key == "engineers").then_some(crate::domain::fields::ENGINEER_TABLE);
            rows_of(value, table_rules(&key), table, &names, places, tax)
        };
        out.insert(key, kept);
    }
    Ok(Value::Object(out))
}

fn table_rules(table: &str) -> Option<&'static [(&'static str, Rule)]> {
    ALLOWED.iter().find(|(t, _)| *t == table).map(|(_, r)| *r)
}

/// A table's rows through its rules; a table without rules leaves empty.
/// `defined`: the record's table of fields, whose rules come from their `redact` flag.
fn rows_of(
    rows: Value,
    rules: Option<&[(&str, Rule)]>,
    defined: Option<&[crate::domain::fields::Field]>,
    names: &Names,
    places: &Places,
    tax: &Taxonomy,
) -> Value {
    let (Some(rules), Value::Array(rows)) = (rules, rows) else {
        return Value::Array(Vec::new());
    };
    let out = rows
        .into_iter()
        .map(|row| {
            let Value::Object(fields) = row else {
                return Value::Null;
            };
            let source = fields.clone();
            let mut red = Map::new();
            for (key, value) in fields {
                let rule = rules
                    .iter()
                    .find(|(f, _)| *f == key)
                    .map(|(_, r)| *r)
                    .or_else(|| {
                        use crate::domain::fields::Redact;
                        let f = defined?.iter().find(|f| f.key == key)?;
                        match f.redact {
                            Redact::When => Some(Rule::When),
                            Redact::Keep => Some(Rule::Keep),
                            Redact::Drop => None,
                        }
                    });
                let v = match rule {
                    Some(r) => apply(r, value, &source, names, places, tax),
                    None => empty_like(&value),
                };
                red.insert(key, v);
            }
            Value::Object(red)
        })
        .collect();
    Value::Array(out)
}

/// The empty value of a field's type, so the document keeps its shape.
fn empty_like(v: &Value) -> Value {
    match v {
        Value::String(_) => Value::String(String::new()),
        Value::Array(_) => Value::Array(Vec::new()),
        Value::Object(_) => Value::Object(Map::new()),
        _ => Value::Null,
    }
}

fn text(v: &Value) -> Option<&str> {
    v.as_str().map(str::trim).filter(|s| !s.is_empty())
}

fn apply(
    rule: Rule,
    value: Value,
    row: &Map<String, Value>,
    names: &Names,
    places: &Places,
    tax: &Taxonomy,
) -> Value {
    let id = row.get("id").and_then(Value::as_i64).unwrap_or(0);
    match rule {
        Rule::Keep if value.is_string() => Value::Null,
        Rule::SkillName => match text(&value) {
            // As written: an alias is the very spelling that was learned.
            Some(t) if tax.lookup(t).is_some() => Value::String(t.to_string()),
            _ => Value::Null,
        },
        Rule::Keep => value,
        Rule::Initials => {
            let initials = row
                .get("initials")
                .and_then(text)
                .filter(|i| looks_like_initials(i))
                .map(str::to_string)
                .unwrap_or_else(|| {
                    crate::store::records::initials_of(text(&value).unwrap_or(""))
                        .chars()
                        .take(8)
                        .collect()
                });
            Value::String(initials)
        }
        Rule::InitialsField => match text(&value) {
            Some(i) if looks_like_initials(i) => Value::String(i.to_string()),
            _ => apply(
                Rule::Initials,
                row.get("name").cloned().unwrap_or(Value::Null),
                row,
                names,
                places,
                tax,
            ),
        },
        Rule::Client => pseudonym(&value, &names.clients, "client"),
        Rule::Partner => pseudonym(&value, &names.partners, "partner"),
        Rule::Area => {
            // An engineer's station gives the area when the area itself is not a known place.
            let area = [Some(&value), row.get("station")]
                .into_iter()
                .flatten()
                .filter_map(text)
                .find_map(|t| places.find(t))
                .map(|p| p.area.clone());
            area.map_or(Value::Null, Value::String)
        }
        Rule::AgeDecade => text(&value)
            .and_then(decade)
            .map_or(Value::Null, Value::String),
        Rule::JapaneseLevel => text(&value)
            .and_then(japanese_level)
            .map_or(Value::Null, |s| Value::String(s.to_string())),
        Rule::Skills => {
            let Value::Array(items) = value else {
                return Value::Array(Vec::new());
            };
            // `must` is a list of groups (each a list of alternatives); `nice` and an
            // engineer's skills are flat lists. Names the taxonomy knows leave canonical;
            // others as their number (`skill #2`), never as written.
            let one = |item: Value| -> Option<Value> {
                let Value::Object(mut m) = item else {
                    return None;
                };
                let name = m.get("name").and_then(text)?;
                let shown = match tax.lookup(name) {
                    Some(skill) => tax.name(skill).to_string(),
                    None => format!("skill #{}", names.unlisted.get(name)?),
                };
                m.insert("name".into(), Value::String(shown));
                m.retain(|k, v| k == "name" || v.is_number() || v.is_null());
                Some(Value::Object(m))
            };
            let kept = items
                .into_iter()
                .filter_map(|item| match item {
                    Value::Array(group) => {
                        let group: Vec<Value> = group.into_iter().filter_map(one).collect();
                        (!group.is_empty()).then_some(Value::Array(group))
                    }
                    other => one(other),
                })
                .collect();
            Value::Array(kept)
        }
        Rule::OpeningTitle => Value::String(format!("opening #{id}")),
        Rule::Null => Value::Null,
        Rule::When => match value.as_str() {
            Some(t)
                if t.len() <= 40
                    && t.chars()
                        .all(|c| c.is_ascii_digit() || "-:T.+Z ".contains(c)) =>
            {
                value
            }
            Some(_) => Value::Null,
            None => value,
        },
        Rule::OneOf(words) => match value.as_str() {
            Some(t) if words.contains(&t) => value,
            Some(_) => Value::Null,
            None => value,
        },
        Rule::Start => match value.as_str() {
            Some(t)
                if t == "immediate"
                    || (t.len() <= 10 && t.chars().all(|c| c.is_ascii_digit() || c == '-')) =>
            {
                value
            }
            Some(_) => Value::Null,
            None => value,
        },
        Rule::Rehash => {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            text(&value).unwrap_or("").hash(&mut h);
            Value::String(format!("{:016x}", h.finish()))
        }
    }
}

/// `client #3` for a name the document's clients know, else nothing.
fn pseudonym(value: &Value, ids: &HashMap<String, i64>, kind: &str) -> Value {
    match text(value).and_then(|n| ids.get(n)) {
        Some(id) => Value::String(format!("{kind} #{id}")),
        None => Value::Null,
    }
}

/// `Y.T.`, `YT`, `T.K`: one to four Latin letters with dots or spaces.
fn looks_like_initials(s: &str) -> bool {
    let letters = s.chars().filter(char::is_ascii_alphabetic).count();
    s.chars().count() <= 8
        && (1..=4).contains(&letters)
        && s.chars()
            .all(|c| c.is_ascii_alphabetic() || c == '.' || c == ' ')
}

/// The decade of an age band: `32歳` → `30代`, `30代後半` → `30代`, `30-35` → `30代`.
fn decade(band: &str) -> Option<String> {
    crate::domain::bounds::age_band(band).ok()?;
    let digits: String = band
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .take_while(char::is_ascii_digit)
        .collect();
    let n: u32 = digits.parse().ok()?;
    Some(format!("{}代", n / 10 * 10))
}

fn japanese_level(s: &str) -> Option<&'static str> {
    const LEVELS: [&str; 9] = [
        "N1",
        "N2",
        "N3",
        "N4",
        "N5",
        "ネイティブ",
        "ビジネス",
        "日常会話",
        "native",
    ];
    let t = s.trim();
    LEVELS.iter().find(|l| t.eq_ignore_ascii_case(l)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_ages_leave_as_decades() {
        assert_eq!(decade("32歳").as_deref(), Some("30代"));
        assert_eq!(decade("30代後半").as_deref(), Some("30代"));
        assert_eq!(decade("32").as_deref(), Some("30代"));
        assert_eq!(decade("abc"), None);
    }

    #[test]
    fn initials_are_recognised() {
        assert!(looks_like_initials("Y.T."));
        assert!(looks_like_initials("T.K"));
        assert!(!looks_like_initials("MARKER_engineers_initials"));
        assert!(!looks_like_initials("山田太郎さん"));
    }
}
