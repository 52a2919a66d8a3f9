//! The rep's corrections of how a posting was read, kept as learned reading rules.
//!
//! Each correction names the sending firm (the partner that sent the opening), the term
//! as the posting wrote it, and what the rep did with it. `posting::learned` decides
//! which corrections have become rules and applies them to the next posting.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the rep did with a term the reader took as a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionKind {
    /// Not a requirement at all (`業務従事`, `IT業界`).
    Drop,
    /// Another name of a taxonomy skill (`Windowsサーバ関連` → Windows Server).
    Alias,
    /// Asked for, but only as 尚可.
    Nice,
}

impl CorrectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Drop => "drop",
            Self::Alias => "alias",
            Self::Nice => "nice",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "drop" => Some(Self::Drop),
            "alias" => Some(Self::Alias),
            "nice" => Some(Self::Nice),
            _ => None,
        }
    }
}

/// One correction, as an edit makes it (the firm is the opening's sending partner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub term: String,
    pub kind: CorrectionKind,
    /// The canonical skill an alias means; `None` for drops and moves.
    pub skill: Option<String>,
}

impl Correction {
    pub fn drop(term: &str) -> Self {
        Correction {
            term: term.trim().to_string(),
            kind: CorrectionKind::Drop,
            skill: None,
        }
    }

    pub fn nice(term: &str) -> Self {
        Correction {
            term: term.trim().to_string(),
            kind: CorrectionKind::Nice,
            skill: None,
        }
    }

    pub fn alias(term: &str, skill: &str) -> Self {
        Correction {
            term: term.trim().to_string(),
            kind: CorrectionKind::Alias,
            skill: Some(skill.trim().to_string()),
        }
    }
}

/// A stored correction: who sent the posting it was made on, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnedRule {
    pub id: i64,
    /// The sending firm's partner id; `None` when the opening named no sender.
    pub partner_id: Option<i64>,
    /// The sending firm's name, filled when read from the store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firm: Option<String>,
    /// As the posting wrote it; empty when an export withheld it (`export --redact`).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub term: String,
    pub kind: CorrectionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill: Option<String>,
    /// The opening corrected; two corrections of one opening count once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_id: Option<i64>,
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub by: String,
}

/// A withheld (`null`) text reads as empty.
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}
