//! Team sync: what travels between a laptop and the firm's hub, how the hub decides
//! between two edits, and the HTTPS both ends speak.
//!
//! Changes are captured on the laptop by triggers into an upload queue (PowerSync's
//! client does the same), sent to the hub in queue order, applied there in arrival
//! order and logged; every laptop pulls the rows changed since its cursor. The pure
//! parts ([`protocol`], [`merge`]) know no store; [`http`] and [`certs`] do the I/O.

pub mod certs;
pub mod http;
pub mod merge;
pub mod protocol;

use serde::{Deserialize, Serialize};

/// Team sync through the firm's hub (docs/team.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SyncConfig {
    /// The hub, `https://host:port`; empty: this laptop works alone.
    pub url: String,
    /// This member's token from `serve add-member` (or BENCHMATCH_SYNC_TOKEN).
    pub token: String,
    /// The firm's CA certificate (ca.pem from the hub); empty: the public roots.
    pub ca: String,
    /// Send openings' raw mail text too (off: the mail stays on the laptop).
    pub share_mail: bool,
    /// Minutes between background syncs while the dashboard is open.
    pub every_minutes: u64,
}

impl Default for SyncConfig {
    fn default() -> Self {
        SyncConfig {
            url: String::new(),
            token: String::new(),
            ca: String::new(),
            share_mail: false,
            every_minutes: 3,
        }
    }
}
