//! Words and short forms shared by the CLI and the dashboard: rate bands, waits, labels.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::domain::records::{EngineerRecord, OpeningRecord};
use crate::domain::Assignment;
use crate::domain::{Client, Engineer, Man, Opening, Remote, Start};
use crate::i18n::Lang;
use crate::skills::Taxonomy;
use crate::store::FreeKind;

pub const OPENING_HEADERS_EN: &[&str] = &[
    "id", "waited", "client", "rk", "title", "rate", "start", "remote", "status",
];
pub const OPENING_HEADERS_JA: &[&str] = &[
    "id",
    "経過",
    "顧客",
    "ランク",
    "案件名",
    "単価",
    "開始",
    "リモート",
    "状態",
];

pub fn first_of_next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

/// `60〜70万`, `〜70万`, `65万`, `-` as the trade writes bands.
pub fn rate_band(min: Option<Man>, max: Option<Man>) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{}〜{}", a.to_string().trim_end_matches('万'), b),
        (None, Some(b)) => format!("〜{b}"),
        (Some(a), None) => format!("{a}〜"),
        (None, None) => "-".into(),
    }
}

/// How long an opening has waited: `45m`, `5h`, `3d`.
pub fn waited(received: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let mins = (now - received).num_minutes().max(0);
    if mins < 60 {
        format!("{mins}m")
    } else if mins < 48 * 60 {
        format!("{}h", mins / 60)
    } else {
        format!("{}d", mins / 60 / 24)
    }
}

pub fn start_label(s: Option<Start>, lang: Lang) -> String {
    match (s, lang) {
        (None, _) => "-".into(),
        (Some(Start::Immediate), Lang::Ja) => "即日".into(),
        (Some(Start::Immediate), Lang::En) => "now".into(),
        (Some(Start::Month { year, month }), _) => format!("{year}-{month:02}"),
        (Some(Start::Date(d)), _) => d.format("%Y-%m-%d").to_string(),
    }
}

pub fn remote_label(r: Option<Remote>, lang: Lang) -> &'static str {
    match (r, lang) {
        (Some(Remote::Full), Lang::Ja) => "フル",
        (Some(Remote::Partial), Lang::Ja) => "一部",
        (Some(Remote::None), Lang::Ja) => "常駐",
        (Some(Remote::Full), Lang::En) => "full",
        (Some(Remote::Partial), Lang::En) => "partial",
        (Some(Remote::None), Lang::En) => "onsite",
        (None, _) => "-",
    }
}

/// Affiliation as the trade writes it in proposals.
pub fn affiliation_label(affiliation: &str, depth: u8, lang: Lang) -> String {
    match (affiliation, lang) {
        ("own", Lang::Ja) => "弊社正社員".into(),
        ("contract", Lang::Ja) => "弊社契約社員".into(),
        ("freelancer", Lang::Ja) => "個人事業主".into(),
        (_, Lang::Ja) => format!("{depth}社先正社員"),
        ("own", Lang::En) => "own".into(),
        ("contract", Lang::En) => "contract".into(),
        ("freelancer", Lang::En) => "freelancer".into(),
        (_, Lang::En) => format!("partner d{depth}"),
    }
}

pub fn factor_label(name: &str, lang: Lang) -> &'static str {
    match (name, lang) {
        ("must", Lang::Ja) => "必須",
        ("nice", Lang::Ja) => "尚可",
        ("availability", Lang::Ja) => "稼働",
        ("rate", Lang::Ja) => "単価",
        ("location", Lang::Ja) => "場所",
        ("bench", Lang::Ja) => "待機",
        ("must", _) => "must",
        ("nice", _) => "nice",
        ("availability", _) => "available",
        ("rate", _) => "rate",
        ("location", _) => "location",
        _ => "bench",
    }
}

pub fn free_kind_label(k: FreeKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (FreeKind::Bench, Lang::Ja) => "待機",
        (FreeKind::Ending, Lang::Ja) => "終了予定",
        (FreeKind::Joining, Lang::Ja) => "参画予定",
        (FreeKind::Bench, Lang::En) => "bench",
        (FreeKind::Ending, Lang::En) => "ending",
        (FreeKind::Joining, Lang::En) => "joining",
    }
}

/// Top skills by years, `Java 5, AWS 2`.
pub fn top_skills(e: &Engineer, tax: &Taxonomy, n: usize) -> String {
    let mut v: Vec<_> = e.skills.iter().collect();
    v.sort_by(|a, b| b.years.total_cmp(&a.years).then(a.skill.cmp(&b.skill)));
    v.iter()
        .take(n)
        .map(|s| format!("{} {}", tax.name(s.skill), s.years))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn engineer_row(e: &Engineer, tax: &Taxonomy) -> Vec<String> {
    vec![
        e.id.to_string(),
        e.name.clone(),
        e.affiliation.as_str().into(),
        e.depth.to_string(),
        e.station.clone().unwrap_or_default(),
        e.available_from.map(|d| d.to_string()).unwrap_or_default(),
        e.cost.map(|m| m.to_string()).unwrap_or_default(),
        e.rate.map(|m| m.to_string()).unwrap_or_default(),
        top_skills(e, tax, 3),
    ]
}

pub fn opening_row(
    o: &Opening,
    client: Option<&Client>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Vec<String> {
    vec![
        o.id.to_string(),
        waited(o.received_at, now),
        client.map(|c| c.name.clone()).unwrap_or_default(),
        client
            .and_then(|c| c.rank)
            .map(|r| r.as_str().to_string())
            .unwrap_or_default(),
        o.title.clone(),
        rate_band(o.rate_min, o.rate_max),
        start_label(o.start, lang),
        remote_label(o.remote, lang).into(),
        o.status.as_str().into(),
    ]
}

/// One requirement as a rep reads it: `Java 3年+` (English `Java 3y+`), `AWS`.
pub fn requirement_label(name: &str, min_years: Option<f32>, lang: Lang) -> String {
    match min_years {
        Some(y) if y > 0.0 => {
            let y = crate::domain::records::years_text(y);
            match lang {
                Lang::Ja => format!("{name} {y}年+"),
                Lang::En => format!("{name} {y}y+"),
            }
        }
        _ => name.to_string(),
    }
}

/// A must group, its alternatives joined: `AWS / Azure`, `TypeScript / JavaScript 2年+`.
pub fn group_label<'a>(
    group: impl IntoIterator<Item = (&'a str, Option<f32>)>,
    lang: Lang,
) -> String {
    group
        .into_iter()
        .map(|(n, y)| requirement_label(n, y, lang))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// An opening's must groups (or nice list) for one line: `Java 3年+, AWS / Azure`.
pub fn must_label(groups: &[Vec<crate::domain::Requirement>], lang: Lang) -> String {
    groups
        .iter()
        .map(|g| group_label(g.iter().map(|r| (r.name.as_str(), r.min_years)), lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Nice requirements for one line: `Docker, GCP 2年+`.
pub fn nice_label(nice: &[crate::domain::Requirement], lang: Lang) -> String {
    nice.iter()
        .map(|r| requirement_label(&r.name, r.min_years, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

fn line(out: &mut String, label: &str, value: impl AsRef<str>) {
    let v = value.as_ref();
    if !v.is_empty() {
        out.push_str(&crate::text::pad(label, 16));
        out.push_str(&crate::text::cell(v));
        out.push('\n');
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

pub fn engineer_detail(r: &EngineerRecord, assignments: &[(Assignment, Option<String>)]) -> String {
    let mut s = String::new();
    line(&mut s, "id", opt(&r.id));
    line(&mut s, "name", &r.name);
    line(&mut s, "initials", opt(&r.initials));
    line(&mut s, "affiliation", &r.affiliation);
    line(&mut s, "partner", opt(&r.partner));
    line(&mut s, "depth", opt(&r.depth));
    line(&mut s, "station", opt(&r.station));
    line(&mut s, "remote_pref", opt(&r.remote_pref));
    line(&mut s, "available_from", opt(&r.available_from));
    line(&mut s, "confirmed", opt(&r.availability_confirmed));
    line(
        &mut s,
        "cost",
        r.cost.map(|c| format!("{c}万")).unwrap_or_default(),
    );
    line(
        &mut s,
        "rate",
        r.rate.map(|c| format!("{c}万")).unwrap_or_default(),
    );
    line(&mut s, "foreign", opt(&r.foreign));
    line(&mut s, "age_band", opt(&r.age_band));
    line(&mut s, "notes", &r.notes);
    s.push_str("skills\n");
    for sk in &r.skills {
        s.push_str(&format!(
            "  {} {}y\n",
            crate::text::pad(&sk.name, 20),
            sk.years
        ));
    }
    if !assignments.is_empty() {
        s.push_str("assignments\n");
        for (a, client) in assignments {
            s.push_str(&format!(
                "  {} – {}  {}\n",
                a.from,
                a.to.map(|d| d.to_string()).unwrap_or_else(|| "…".into()),
                crate::text::cell(client.as_deref().unwrap_or("-"))
            ));
        }
    }
    s
}

pub fn opening_detail(r: &OpeningRecord) -> String {
    let mut s = String::new();
    line(&mut s, "id", opt(&r.id));
    line(&mut s, "title", &r.title);
    line(&mut s, "client", opt(&r.client));
    line(&mut s, "client_rank", opt(&r.client_rank));
    line(&mut s, "received_at", opt(&r.received_at));
    line(&mut s, "status", opt(&r.status));
    let band = rate_band(r.rate_min.and_then(Man::new), r.rate_max.and_then(Man::new));
    line(&mut s, "rate", band);
    line(&mut s, "location", opt(&r.location));
    line(&mut s, "remote", opt(&r.remote));
    line(&mut s, "start", opt(&r.start));
    line(&mut s, "duration", opt(&r.duration));
    line(&mut s, "interviews", opt(&r.interviews));
    line(&mut s, "max_depth", opt(&r.max_depth));
    line(&mut s, "freelancer_ok", opt(&r.freelancer_ok));
    line(&mut s, "foreign_ok", opt(&r.foreign_ok));
    let must: Vec<String> = r
        .must
        .iter()
        .map(|g| group_label(g.iter().map(|x| (x.name.as_str(), x.min_years)), Lang::En))
        .collect();
    line(&mut s, "must", must.join(", "));
    let nice: Vec<String> = r
        .nice
        .iter()
        .map(|x| requirement_label(&x.name, x.min_years, Lang::En))
        .collect();
    line(&mut s, "nice", nice.join(", "));
    if !r.raw_text.is_empty() {
        s.push_str("\n--- posting ---\n");
        s.push_str(&crate::text::sanitize(&r.raw_text, true));
        s.push('\n');
    }
    s
}
