//! Plain domain types shared by every layer: engineers, openings, money, start dates.
//!
//! Nothing here touches the database, the clock or the terminal.

pub mod bounds;
pub mod company;
pub mod fields;
mod language;
pub mod learned;
mod money;
pub mod records;
mod requirements;
pub mod roster;
mod start;
mod yes_no;

pub use language::{
    format_languages, language_name, language_spellings, parse_languages, Language, LanguageLevel,
};
pub use money::Man;
pub use requirements::{Requirement, Requirements};
pub use start::{parse_date, Start};
pub use yes_no::yes_no;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::skills::SkillId;

/// How an engineer is engaged by us: decides the freelancer limit and bench priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Affiliation {
    /// Our own full-time employee (正社員).
    Own,
    /// Our contract employee (契約社員).
    Contract,
    /// Sole proprietor (個人事業主 / フリーランス).
    Freelancer,
    /// Employee of a partner company (BP).
    Partner,
}

impl Affiliation {
    pub const ALL: [Affiliation; 4] = [Self::Own, Self::Contract, Self::Freelancer, Self::Partner];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Own => "own",
            Self::Contract => "contract",
            Self::Freelancer => "freelancer",
            Self::Partner => "partner",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Our own people: they cost us every idle day, so the bench factor favours them.
    pub fn is_in_house(self) -> bool {
        matches!(self, Self::Own | Self::Contract)
    }
}

/// How a partner's engineer is employed there (正社員 / 契約 / 個人事業主): decides
/// 個人事業主不可 for people who come through a partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Employment {
    /// 正社員: a full-time employee of the partner.
    FullTime,
    /// 契約社員: a contract employee of the partner.
    Contract,
    /// 個人事業主 / フリーランス: a sole proprietor working through the partner.
    Freelancer,
}

impl Employment {
    pub const ALL: [Employment; 3] = [Self::FullTime, Self::Contract, Self::Freelancer];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::FullTime => "full_time",
            Self::Contract => "contract",
            Self::Freelancer => "freelancer",
        }
    }

    /// The trade's word for it.
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::FullTime => "正社員",
            Self::Contract => "契約社員",
            Self::Freelancer => "個人事業主",
        }
    }

    /// `full_time`, `正社員`, `プロパー`, `契約`, `個人事業主`, `フリーランス` ...
    pub fn parse(s: &str) -> Option<Self> {
        let k = crate::skills::normalize_key(s);
        match k.as_str() {
            "fulltime" | "full" | "employee" | "正社員" | "社員" | "プロパー" => {
                Some(Self::FullTime)
            }
            "contract" | "契約" | "契約社員" => Some(Self::Contract),
            "freelancer" | "freelance" | "個人事業主" | "フリーランス" | "個人" => {
                Some(Self::Freelancer)
            }
            _ => None,
        }
    }
}

/// Remote policy of an opening, or the remote wish of an engineer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Remote {
    Full,
    Partial,
    None,
}

impl Remote {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Partial => "partial",
            Self::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "full" => Some(Self::Full),
            "partial" => Some(Self::Partial),
            "none" | "onsite" => Some(Self::None),
            _ => None,
        }
    }
}

/// A skill an engineer has, with the years of experience the profile claims.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EngineerSkill {
    pub skill: SkillId,
    pub years: f32,
    pub level: Option<u8>,
    pub last_used: Option<i32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Engineer {
    pub id: i64,
    pub name: String,
    pub initials: String,
    pub affiliation: Affiliation,
    pub partner_id: Option<i64>,
    /// How a partner's engineer is employed there; `None` when not known (and for our own).
    pub employment: Option<Employment>,
    /// Companies between us and the engineer: 0 own, 1 a partner's employee, 2 a partner's partner.
    pub depth: u8,
    pub station: Option<String>,
    pub area: Option<String>,
    pub remote_pref: Option<Remote>,
    pub available_from: Option<NaiveDate>,
    /// When someone last confirmed `available_from`; stale availability misleads.
    pub availability_confirmed: Option<NaiveDate>,
    pub cost: Option<Man>,
    pub rate: Option<Man>,
    pub foreign: Option<bool>,
    pub japanese_level: Option<String>,
    /// Other languages and their level (`英語:business`): a posting may ask for one.
    pub languages: Vec<Language>,
    pub age_band: Option<String>,
    pub career_start: Option<i32>,
    pub notes: String,
    /// Work the engineer will not take, as written: `金融NG`, `夜勤不可`, `常駐NG`, a client.
    pub ng: Vec<String>,
    pub last_checked: Option<NaiveDate>,
    /// When a partner last offered this engineer by mail; `None` for our own people.
    /// Offers go stale within days, so the ranking marks those not re-offered.
    pub last_offered: Option<DateTime<Utc>>,
    /// Sorted by skill id, so lookups are a binary search.
    pub skills: Vec<EngineerSkill>,
    /// Skills the taxonomy does not know, kept as written with their years: matched by
    /// folded name against requirements the taxonomy does not know either.
    pub other_skills: Vec<(String, f32)>,
    /// Fields defined only by the table in [`fields`].
    pub extra: fields::EngineerExtra,
}

/// An empty own engineer: for tests and builders that name only the fields they care
/// about, so a new field does not touch them.
impl Default for Engineer {
    fn default() -> Self {
        Engineer {
            id: 0,
            name: String::new(),
            initials: String::new(),
            affiliation: Affiliation::Own,
            partner_id: None,
            employment: None,
            depth: 0,
            station: None,
            area: None,
            remote_pref: None,
            available_from: None,
            availability_confirmed: None,
            cost: None,
            rate: None,
            foreign: None,
            japanese_level: None,
            languages: Vec::new(),
            age_band: None,
            career_start: None,
            notes: String::new(),
            ng: Vec::new(),
            last_checked: None,
            last_offered: None,
            skills: Vec::new(),
            other_skills: Vec::new(),
            extra: fields::EngineerExtra::default(),
        }
    }
}

impl Engineer {
    /// A sole proprietor: contracted directly, or through a partner (個人事業主不可 applies).
    pub fn is_freelancer(&self) -> bool {
        self.affiliation == Affiliation::Freelancer
            || self.employment == Some(Employment::Freelancer)
    }

    /// Whether the engineer has `want` or experience the taxonomy relates to it.
    pub fn has_or_related(&self, tax: &crate::skills::Taxonomy, want: SkillId) -> bool {
        tax.has_or_related(|s| self.skill_years(s).is_some(), want)
    }

    pub fn skill_years(&self, skill: SkillId) -> Option<f32> {
        self.skills
            .binary_search_by_key(&skill, |s| s.skill)
            .ok()
            .map(|i| self.skills[i].years)
    }

    /// Keep the invariant the lookups rely on: skills sorted, one entry per skill.
    pub fn normalize_skills(&mut self) {
        self.skills
            .sort_by(|a, b| a.skill.cmp(&b.skill).then(b.years.total_cmp(&a.years)));
        self.skills.dedup_by_key(|s| s.skill);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Must,
    Nice,
}

impl Need {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Must => "must",
            Self::Nice => "nice",
        }
    }
}

/// Where an opening stands in the sales process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpeningStatus {
    New,
    Answered,
    Proposed,
    Won,
    Lost,
    Closed,
    Dismissed,
}

impl OpeningStatus {
    pub const ALL: [OpeningStatus; 7] = [
        Self::New,
        Self::Answered,
        Self::Proposed,
        Self::Won,
        Self::Lost,
        Self::Closed,
        Self::Dismissed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Answered => "answered",
            Self::Proposed => "proposed",
            Self::Won => "won",
            Self::Lost => "lost",
            Self::Closed => "closed",
            Self::Dismissed => "dismissed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Still worth a rep's attention.
    pub fn is_open(self) -> bool {
        matches!(self, Self::New | Self::Answered | Self::Proposed)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    pub id: i64,
    pub client_id: Option<i64>,
    /// The client record's name, filled when read from the store: what an engineer's NG
    /// client is matched against (with the end client the posting states).
    pub client: Option<String>,
    /// The partner that sent the posting (signature, From name or mail domain), filled
    /// when read from the store; never our own company.
    pub sender: Option<String>,
    pub title: String,
    pub raw_text: String,
    pub received_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub status: OpeningStatus,
    pub rate_min: Option<Man>,
    pub rate_max: Option<Man>,
    pub rate_text: Option<String>,
    pub settle_min_h: Option<u16>,
    pub settle_max_h: Option<u16>,
    pub location: Option<String>,
    pub remote: Option<Remote>,
    pub start: Option<Start>,
    pub duration: Option<String>,
    pub interviews: Option<u8>,
    pub headcount: Option<u8>,
    pub max_depth: Option<u8>,
    pub depth_with_fee: Option<u8>,
    pub freelancer_ok: Option<bool>,
    pub foreign_ok: Option<bool>,
    pub age_limit: Option<u8>,
    pub revision: u32,
    /// Must groups of alternatives and nice skills; unknown names kept as written.
    pub requirements: Requirements,
}

impl Opening {
    /// An opening with nothing stated but a title; parsers and importers fill the rest.
    pub fn new(title: impl Into<String>, received_at: DateTime<Utc>) -> Self {
        Opening {
            id: 0,
            client_id: None,
            client: None,
            sender: None,
            title: title.into(),
            raw_text: String::new(),
            received_at,
            answered_at: None,
            status: OpeningStatus::New,
            rate_min: None,
            rate_max: None,
            rate_text: None,
            settle_min_h: None,
            settle_max_h: None,
            location: None,
            remote: None,
            start: None,
            duration: None,
            interviews: None,
            headcount: None,
            max_depth: None,
            depth_with_fee: None,
            freelancer_ok: None,
            foreign_ok: None,
            age_limit: None,
            revision: 1,
            requirements: Requirements::default(),
        }
    }
}

/// Client rank A (best) to D, which orders the queue when waits are equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rank {
    A,
    B,
    C,
    D,
}

impl Rank {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "A" | "a" => Some(Self::A),
            "B" | "b" => Some(Self::B),
            "C" | "c" => Some(Self::C),
            "D" | "d" => Some(Self::D),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::A => "A",
            Self::B => "B",
            Self::C => "C",
            Self::D => "D",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Client {
    pub id: i64,
    pub name: String,
    pub rank: Option<Rank>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Partner {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: i64,
    pub engineer_id: i64,
    pub client_id: Option<i64>,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

/// Why someone shows up in "who's free".
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FreeKind {
    /// Free already: on the bench.
    Bench,
    /// Current assignment ends in or before the window.
    Ending,
    /// No assignment yet: a new hire or a newly offered engineer.
    Joining,
    /// Offered elsewhere and not signed (仮押さえ): free on paper, held in fact.
    Hold,
}

/// Split an `NG：金融、夜勤` line into entries.
pub fn split_ng(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', '/', '／', ';', '；', '・'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}
