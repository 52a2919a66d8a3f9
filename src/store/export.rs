//! The export document: everything in the database, as `benchmatch export` writes it.

use serde::{Deserialize, Serialize};

use crate::domain::records::{
    AssignmentRecord, ClientRecord, EngineerRecord, ImportError, OpeningRecord, PartnerRecord,
    ProposalRecord,
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

/// The records of an export taken back whose checks no conversion runs.
pub(super) fn check_bounds(doc: &ExportDoc) -> Result<(), ImportError> {
    use crate::domain::bounds::{partner, proposal};
    for (i, p) in doc.partners.iter().enumerate() {
        partner(p).map_err(|m| ImportError::at(i + 1, format!("partner: {m}")))?;
    }
    for (i, p) in doc.proposals.iter().enumerate() {
        proposal(p).map_err(|m| ImportError::at(i + 1, format!("proposal: {m}")))?;
    }
    Ok(())
}
