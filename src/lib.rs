//! benchmatch: rank engineers against SES openings, explainably.
//!
//! Map of the crate:
//! - [`domain`]: plain types (engineers, openings, money, start dates); no I/O.
//! - [`skills`]: the taxonomy of canonical skills and aliases, the one lookup.
//! - [`geo`]: stations, wards and cities, for commute estimates.
//! - [`score`]: the pure scoring core: hard limits, factors, explanations, ranking.
//! - [`store`]: SQLite: migrations, queries, imports and exports.
//! - [`posting`]: raw posting text and email to a structured opening.
//! - [`pipeline`]: after the ranking, pure: proposal stages, revisions, stats, pitches, checks.
//! - [`offer`]: partner engineer offers (人材情報) to a structured offer; offer identity.
//! - [`classify`]: sorting mail into openings, offers and other, with the cues that decided.
//! - [`ops`]: what a rep does (book, end an assignment, undo), called by the CLI and the dashboard.
//! - [`demo`]: deterministic sample data.
//! - [`config`]: paths and the configuration file.
//! - [`input`]: every file, mailbox and stdin read, within one size limit; [`output`]: files
//!   written owner-only (never over a database) and JSON a terminal cannot act on.
//! - [`i18n`], [`present`], [`text`]: language, shared labels, safe aligned text.
//! - [`context`]: what both front ends need, resolved once from flags and files.
//! - [`xlsx`]: Excel / OpenDocument workbooks: rosters and openings in, reports out.
//! - [`sync`]: team sync: the protocol, the hub's merge rules, HTTPS and certificates.
//! - [`fetch`]: IMAP over TLS: new mail from the rep's mailbox, incrementally; the password kept
//!   in the OS keyring.
//! - [`redact`]: what of an export may leave the team (`export --redact`), as an allow-list.
//! - [`cli`], [`commands`]: the command line; [`tui`]: the dashboard.
//! - [`work`]: a per-thread count of reading steps, for tests of linearity without timing.
#![forbid(unsafe_code)]
// Library code never unwraps: bad input is an error with a message, not a panic. Unit tests
// may (clippy.toml allows it there); integration tests and benches are their own crates.
#![deny(clippy::unwrap_used)]

pub mod classify;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod demo;
pub mod domain;
pub mod fetch;
pub mod geo;
pub mod i18n;
pub mod input;
pub mod messages;
pub mod offer;
pub mod ops;
pub mod output;
pub mod pipeline;
pub mod posting;
pub mod present;
pub mod redact;
pub mod score;
pub mod skills;
pub mod store;
pub mod sync;
pub mod text;
pub mod tui;
pub mod work;
pub mod xlsx;
