//! The export document: everything in the database, as `benchmatch export` writes it.

use serde::{Deserialize, Serialize};

use crate::domain::records::{
    AssignmentRecord, ClientRecord, EngineerRecord, OpeningRecord, PartnerRecord, ProposalRecord,
};

/// Everything in the database, as `benchmatch export` writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportDoc {
    pub format: String,
    pub schema_version: i64,
    pub exported_at: String,
    pub clients: Vec<ClientRecord>,
    pub partners: Vec<PartnerRecord>,
    pub engineers: Vec<EngineerRecord>,
    pub openings: Vec<OpeningRecord>,
    pub assignments: Vec<AssignmentRecord>,
    pub proposals: Vec<ProposalRecord>,
    /// Stage events, revisions, incidents and answers (absent in older exports).
    #[serde(default)]
    pub history: super::history::History,
}

pub const EXPORT_FORMAT: &str = "benchmatch-export";
