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
