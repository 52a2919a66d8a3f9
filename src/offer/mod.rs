//! Partner engineer offers (人材情報 / 要員情報): raw text → a structured offer.
//!
//! Contract shared with the CLI and the importer: [`parse`] never panics and
//! never fails; what the text does not say stays `None`. The received date
//! anchors month-only dates the way openings do.

mod dates;
mod fold;
mod layout;
mod money;
mod read;
pub mod similar;
mod skills;
pub mod split;
mod terms;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Serialize;

use crate::domain::{Affiliation, Engineer, EngineerSkill, Man, Remote, Start};
use crate::geo::Places;
use crate::skills::Taxonomy;
use layout::{Field, Layout};
use read::AgeRead;

pub use fold::fold as fold_text;

/// Gender when the offer states it: kept with the offer, never scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }
}

/// How the offered engineer is engaged by the sending partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferAffiliation {
    /// Employee of the sender or of a company further down the chain.
    PartnerEmployee,
    /// Sole proprietor (個人事業主 / フリーランス).
    Freelancer,
    /// Contract employee (契約社員).
    Contract,
}

impl OfferAffiliation {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PartnerEmployee => "partner_employee",
            Self::Freelancer => "freelancer",
            Self::Contract => "contract",
        }
    }
}

/// A skill the offer names, by canonical name, with the years written beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfferSkill {
    pub name: String,
    pub years: Option<f32>,
}

/// The structured reading of one offer; serializes to the documented `parse-offer --json` keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedOffer {
    pub initials: Option<String>,
    pub age: Option<u8>,
    pub age_band: Option<String>,
    pub gender: Option<Gender>,
    pub station: Option<String>,
    pub area: Option<String>,
    pub skills: Vec<OfferSkill>,
    pub rate_min: Option<Man>,
    pub rate_max: Option<Man>,
    pub available_from: Option<Start>,
    pub affiliation: Option<OfferAffiliation>,
    /// Companies between us and the engineer: 1 for the sender's own people.
    pub depth: Option<u8>,
    pub nationality_foreign: Option<bool>,
    pub japanese_level: Option<String>,
    /// English and other languages with a level (`英語：ビジネスレベル`, `TOEIC 800`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<crate::domain::Language>,
    pub remote_preference: Option<Remote>,
    /// Work the engineer will not take (`NG：金融、夜勤`), entry by entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ng: Vec<String>,
    pub summary: Option<String>,
}

/// The day a mail arrived in Japan, where the trade writes `12月~`.
pub fn received_day(received: DateTime<Utc>) -> NaiveDate {
    FixedOffset::east_opt(9 * 3600).map_or_else(
        || received.date_naive(),
        |jst| received.with_timezone(&jst).date_naive(),
    )
}

/// Parse one offer's text.
pub fn parse(text: &str, received: DateTime<Utc>, tax: &Taxonomy) -> ParsedOffer {
    let layout = Layout::new(text);
    let day = received_day(received);
    let free: Vec<&str> = layout.text_lines().collect();
    let labelled = |f: Field| layout.values(f).filter(|v| !v.trim().is_empty());

    let initials = labelled(Field::Initials)
        .find_map(|v| read::initials(v, true))
        .or_else(|| {
            free.iter().find_map(|l| {
                let found = read::initials(l, false)?;
                let head = layout::strip_numbering(fold::strip_bullets(l));
                let personal = ["歳", "才", "代", "男", "女", "さん", "氏"]
                    .iter()
                    .any(|w| l.contains(w));
                let leads = head
                    .trim_start_matches(['【', '[', '(', '<'])
                    .starts_with(found.chars().next().unwrap_or(' '));
                (leads || personal).then_some(found)
            })
        });

    let age_read = labelled(Field::Age)
        .find_map(|v| read::age(v, true))
        .or_else(|| free.iter().find_map(|l| read::age(l, false)));
    let (age, age_band) = match age_read {
        Some(AgeRead::Exact(a)) => (Some(a), None),
        Some(AgeRead::Band(b)) => (None, Some(b)),
        None => (None, None),
    };
    let gender = labelled(Field::Gender)
        .find_map(|v| read::gender(v, true))
        .or_else(|| free.iter().find_map(|l| read::gender(l, false)));
    let station = labelled(Field::Station)
        .find_map(|v| read::station(v, true))
        .or_else(|| free.iter().find_map(|l| read::station(l, false)));
    let area = layout
        .values
        .iter()
        .filter(|v| v.fields.has(Field::Area) && !v.fields.has(Field::Station))
        .find_map(|v| read::area(&v.text, true))
        .or_else(|| free.iter().find_map(|l| read::area(l, false)));

    let rate = labelled(Field::Rate)
        .find_map(|v| money::rate(v, true))
        .or_else(|| {
            free.iter().find_map(|l| {
                l.split(['/', '|'])
                    .filter(|seg| seg.contains('万') || seg.contains('円'))
                    .find_map(|seg| money::rate(seg, false))
            })
        });
    let (rate_min, rate_max) = rate.unwrap_or((None, None));

    let available_from = labelled(Field::Start)
        .find_map(|v| dates::start(v, day, true))
        .or_else(|| free.iter().find_map(|l| dates::start(l, day, false)))
        .flatten();

    let aff = labelled(Field::Affiliation)
        .find_map(read::affiliation)
        .or_else(|| free.iter().find_map(|l| read::affiliation(l)));
    let nationality_foreign = labelled(Field::Nationality)
        .find_map(|v| read::nationality(v, true))
        .or_else(|| free.iter().find_map(|l| read::nationality(l, false)));
    let japanese_level = labelled(Field::Japanese)
        .find_map(|v| read::japanese_level(v, true))
        .or_else(|| free.iter().find_map(|l| read::japanese_level(l, false)));
    let languages: Vec<crate::domain::Language> = {
        let body: Vec<&str> = layout
            .lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !layout.noise[*i])
            .map(|(_, l)| l.as_str())
            .collect();
        let mut v = crate::posting::language::read_languages(&body.join("\n"));
        // Japanese has its own field and scale.
        v.retain(|l| l.name != "日本語");
        v
    };
    let mut ng: Vec<String> = labelled(Field::Ng)
        .flat_map(crate::domain::split_ng)
        .collect();
    let remote_preference = labelled(Field::Remote)
        .find_map(|v| read::remote(v, true))
        .or_else(|| free.iter().find_map(|l| read::remote(l, false)));

    // Salutations name the sender's company (`サミットコンサルティング`), not skills;
    // labels are layout (`ＦＷ：Laravel` is not the firewall).
    let value_at = first_value_per_line(&layout);
    let skill_lines = layout
        .lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !layout.noise[*i] && !l.is_empty() && !is_salutation(l))
        .map(|(i, l)| match value_at.get(i).copied().flatten() {
            Some(v) if !v.fields.is_other() => {
                let stripped = layout::strip_numbering(fold::strip_bullets(l));
                if stripped
                    .trim_start_matches(['【', '[', '<', '《', '〈', '≪', '〔'])
                    .starts_with(&v.label)
                {
                    after_label(stripped, &v.label)
                } else {
                    l.as_str()
                }
            }
            _ => l.as_str(),
        });
    // `金融NG`, `夜勤不可` among the skills are what the engineer will not take, not skills.
    let mut kept: Vec<String> = Vec::new();
    let mut seen_ng: std::collections::HashSet<String> = ng.iter().cloned().collect();
    for line in skill_lines {
        let mut rest: Vec<&str> = Vec::new();
        for part in line.split_inclusive(['、', ',', '，', '/', '／', ' ', '　']) {
            let word = part.trim_end_matches(['、', ',', '，', '/', '／', ' ', '　']);
            let is_ng = word.chars().count() > 2
                && (word.ends_with("NG") || word.ends_with("ＮＧ") || word.ends_with("不可"));
            if is_ng {
                if seen_ng.insert(word.to_string()) {
                    ng.push(word.to_string());
                }
            } else {
                rest.push(part);
            }
        }
        kept.push(rest.concat());
    }
    let skills: Vec<OfferSkill> = skills::read(kept.iter().map(String::as_str), tax)
        .into_iter()
        .map(|s| OfferSkill {
            name: tax.name(s.skill).to_string(),
            years: s.years,
        })
        .collect();
    let mut offer = ParsedOffer {
        initials,
        age,
        age_band,
        gender,
        station,
        area,
        skills,
        rate_min,
        rate_max,
        available_from,
        affiliation: aff.map(|a| a.0),
        depth: aff.map(|a| a.1),
        nationality_foreign,
        japanese_level,
        languages,
        remote_preference,
        ng,
        summary: None,
    };
    offer.summary = summary(&layout, &offer);
    // Products and phases the taxonomy does not know follow, as written; the summary
    // keeps to the names a rep searches by.
    offer.skills.extend(
        terms::read(&layout, tax)
            .into_iter()
            .filter(|t| !offer.ng.iter().any(|n| n.contains(t.name.as_str())))
            .map(|t| OfferSkill {
                name: t.name,
                years: t.years,
            }),
    );
    offer
}

/// A salutation line: `お世話になっております。〇〇の山田です。`.
fn is_salutation(l: &str) -> bool {
    [
        "お世話",
        "お疲れ",
        "ご無沙汰",
        "失礼いたします",
        "失礼します",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// Greetings and framing that never make a headline.
fn is_greeting(l: &str) -> bool {
    [
        "お世話",
        "いつも",
        "ございます",
        "です。",
        "ます。",
        "ご紹介",
        "下記",
        "以下",
        "よろしく",
        "宜しく",
        "お疲れ",
        "ご確認",
        "ご提案",
        "失礼",
        "様",
        "お願い",
    ]
    .iter()
    .any(|w| l.contains(w))
}

const SUMMARY_COLUMNS: usize = 120;

/// One line to recognise the offer by: the partner's headline or card, else the facts.
/// For each line, the first value whose label stands on it: found in one pass, where a
/// search per line made a 20,000-part mail quadratic (issue 14).
fn first_value_per_line(layout: &Layout) -> Vec<Option<&layout::Value>> {
    let mut at = vec![None; layout.lines.len()];
    for v in &layout.values {
        if let Some(slot @ None) = at.get_mut(v.line) {
            *slot = Some(v);
        }
    }
    at
}

fn summary(layout: &Layout, o: &ParsedOffer) -> Option<String> {
    let value_at = first_value_per_line(layout);
    let clip = |s: &str| -> Option<String> {
        let one = crate::text::cell(s.trim());
        let one = one.trim();
        if one.is_empty() {
            return None;
        }
        Some(crate::text::truncate(one, SUMMARY_COLUMNS))
    };
    if let Some(v) = layout
        .values
        .iter()
        .find(|v| v.fields.has(Field::Summary) && !v.text.trim().is_empty())
    {
        return clip(v.text.lines().next().unwrap_or(""));
    }
    // A card: the offer is one line, so that line is the summary.
    let content: Vec<&str> = layout.text_lines().filter(|l| !is_greeting(l)).collect();
    if let [card] = content.as_slice() {
        let head = layout::strip_numbering(fold::strip_bullets(card));
        if head.chars().filter(|c| c.is_alphanumeric()).count() >= 8 {
            return clip(head);
        }
    }
    // A headline: a content line before the first labelled field we read.
    // The first line that opens with a field we read (`【人材】Java / 最寄:川崎` opens with none).
    let first_field = layout
        .values
        .iter()
        .enumerate()
        .find(|(k, v)| {
            let opens_line = *k == 0 || layout.values[k - 1].line != v.line;
            opens_line && !v.fields.is_other()
        })
        .map_or(usize::MAX, |(_, v)| v.line);
    for (i, line) in layout.lines.iter().enumerate() {
        if i >= first_field {
            break;
        }
        // Table headers (`| 項目 | 内容 |`) are layout, not a headline.
        if layout.noise[i] || line.is_empty() || is_greeting(line) || line.matches('|').count() >= 2
        {
            continue;
        }
        let head = layout::strip_numbering(fold::strip_bullets(line));
        // `【人材】 Java 5年 / 30代男性 / 最寄: 川崎`: the line after its leading label.
        let head = match value_at.get(i).copied().flatten() {
            Some(v) if v.fields.is_other() && v.text.trim().is_empty() => continue,
            Some(v) if v.fields.is_other() => after_label(head, &v.label),
            _ => head,
        };
        let meaningful = head.chars().filter(|c| c.is_alphanumeric()).count() >= 4;
        if meaningful {
            return clip(head);
        }
    }
    compose(o).and_then(|s| clip(&s))
}

/// The rest of a line after its leading `【label】` or `label:`.
fn after_label<'a>(line: &'a str, label: &str) -> &'a str {
    let Some(p) = line.find(label) else {
        return line;
    };
    line[p + label.len()..]
        .trim_start_matches(['】', ']', '>', '》', '〉', '≫', '〕', ':', ' '])
        .trim()
}

fn compose(o: &ParsedOffer) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let skills: Vec<String> = o
        .skills
        .iter()
        .take(3)
        .map(|s| match s.years {
            Some(y) => format!("{} {}年", s.name, y),
            None => s.name.clone(),
        })
        .collect();
    if !skills.is_empty() {
        parts.push(skills.join(", "));
    }
    match (o.age, &o.age_band) {
        (Some(a), _) => parts.push(format!("{a}歳")),
        (None, Some(b)) => parts.push(b.clone()),
        _ => {}
    }
    if let Some(s) = &o.station {
        parts.push(s.clone());
    }
    (!parts.is_empty()).then(|| parts.join(" / "))
}

impl ParsedOffer {
    /// Whether anything beyond skills was read: a text with no such field is no offer.
    pub fn field_count(&self) -> usize {
        [
            self.initials.is_some(),
            self.age.is_some() || self.age_band.is_some(),
            self.gender.is_some(),
            self.station.is_some(),
            self.rate_min.is_some() || self.rate_max.is_some(),
            self.available_from.is_some(),
            self.affiliation.is_some(),
            self.nationality_foreign.is_some(),
            self.skills.iter().any(|s| s.years.is_some()),
        ]
        .iter()
        .filter(|b| **b)
        .count()
    }

    /// The partner engineer to store: availability as of the offer, the partner's price as our cost.
    pub fn to_engineer(
        &self,
        received: DateTime<Utc>,
        tax: &Taxonomy,
        places: &Places,
    ) -> Engineer {
        let day = received_day(received);
        let affiliation = match self.affiliation {
            Some(OfferAffiliation::Freelancer) => Affiliation::Freelancer,
            // A partner's contract employee is, for 商流 rules, the partner's person.
            _ => Affiliation::Partner,
        };
        let name = match (&self.initials, &self.summary) {
            (Some(i), _) => i.clone(),
            (None, Some(s)) => crate::text::truncate(s, 24),
            (None, None) => "(BP)".to_string(),
        };
        let area = self.area.clone().or_else(|| {
            self.station
                .as_deref()
                .and_then(|s| places.find(s))
                .map(|p| p.area.clone())
        });
        let mut skills: Vec<EngineerSkill> = self
            .skills
            .iter()
            .filter_map(|s| {
                tax.lookup(&s.name).map(|skill| EngineerSkill {
                    skill,
                    years: s.years.unwrap_or(0.0),
                    level: None,
                    last_used: None,
                })
            })
            .collect();
        skills.sort_by_key(|s| s.skill);
        let other_skills: Vec<(String, f32)> = self
            .skills
            .iter()
            .filter(|s| tax.lookup(&s.name).is_none())
            .map(|s| (s.name.clone(), s.years.unwrap_or(0.0)))
            .collect();
        let mut e = Engineer {
            extra: Default::default(),
            id: 0,
            name,
            initials: self.initials.clone().unwrap_or_default(),
            affiliation,
            partner_id: None,
            employment: self.affiliation.map(|a| match a {
                OfferAffiliation::PartnerEmployee => crate::domain::Employment::FullTime,
                OfferAffiliation::Contract => crate::domain::Employment::Contract,
                OfferAffiliation::Freelancer => crate::domain::Employment::Freelancer,
            }),
            depth: self.depth.unwrap_or(1).clamp(1, 5),
            station: self.station.clone(),
            area,
            remote_pref: self.remote_preference,
            available_from: self.available_from.map(|s| s.first_day(day)),
            availability_confirmed: Some(day),
            // The partner's price is what the engineer costs us; a band costs its top.
            cost: self.rate_max.or(self.rate_min),
            rate: None,
            foreign: self.nationality_foreign,
            japanese_level: self.japanese_level.clone(),
            age_band: match (self.age, &self.age_band) {
                (Some(a), _) => Some(format!("{a}歳")),
                (None, b) => b.clone(),
            },
            career_start: None,
            notes: self.summary.clone().unwrap_or_default(),
            last_checked: Some(day),
            ng: self.ng.clone(),
            last_offered: Some(received),
            other_skills,
            languages: self.languages.clone(),
            skills,
        };
        e.normalize_skills();
        e
    }
}

#[cfg(test)]
mod tests;
