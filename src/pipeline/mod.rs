//! The pipeline after the ranking: proposal stages, revisions, response times, pitches, checks.
//!
//! Pure logic only: the store loads the rows, the commands and the dashboard print
//! them; nothing here reads the clock, the database or the terminal.
//!
//! - [`booking`]: what signing books and an offer holds: availability past bookings.
//! - [`stage`]: the stage machine of a proposal and its legal moves.
//! - [`board`]: the flags a proposal carries (unsigned, urgent, parallel, outdated).
//! - [`revision`]: the editable requirement fields of an opening, their diff, `--set`.
//! - [`rerank`]: who entered, left or moved in the ranking after a revision.
//! - [`stats`]: time to first response, proposal, interview and win rates.
//! - [`pitch`]: the proposal message, rendered from a user-editable template.
//! - [`checks`]: inconsistencies in engineer profiles before they go out.

pub mod board;
pub mod booking;
pub mod checks;
pub mod pitch;
pub mod rerank;
pub mod revision;
pub mod stage;
pub mod stats;

pub use board::{flag_all, Flags, PipelineItem};
pub use stage::{Stage, StageError};

use serde::{Deserialize, Serialize};

/// `[pipeline]` in the config file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineConfig {
    /// An offer still unsigned this many days (or fewer) before the start is urgent.
    pub urgent_days: i64,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig { urgent_days: 7 }
    }
}

/// `[response]` in the config file: how time to first response is counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResponseConfig {
    /// Count only business hours (weekdays, `day_start`–`day_end` local time).
    pub business_hours: bool,
    /// First business hour of the day, local time (0–23).
    pub day_start: u32,
    /// Hour the business day ends, local time (1–24).
    pub day_end: u32,
    /// Offset of local time from UTC in hours (Japan: 9); timestamps are stored in UTC.
    pub utc_offset_hours: i32,
}

impl Default for ResponseConfig {
    fn default() -> Self {
        ResponseConfig {
            business_hours: false,
            day_start: 9,
            day_end: 18,
            utc_offset_hours: 9,
        }
    }
}

impl ResponseConfig {
    pub fn validate(&self) -> Result<(), String> {
        if self.day_start >= self.day_end || self.day_end > 24 {
            return Err(format!(
                "[response] day_start {} must be before day_end {} (hours 0–24)",
                self.day_start, self.day_end
            ));
        }
        if !(-12..=14).contains(&self.utc_offset_hours) {
            return Err(format!(
                "[response] utc_offset_hours {} is not a time zone offset",
                self.utc_offset_hours
            ));
        }
        Ok(())
    }
}

/// `[checks]` in the config file: thresholds of the profile checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChecksConfig {
    /// A profile not checked for this many months is flagged.
    pub stale_months: u32,
}

impl Default for ChecksConfig {
    fn default() -> Self {
        ChecksConfig { stale_months: 6 }
    }
}
