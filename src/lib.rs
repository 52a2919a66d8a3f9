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
//! - [`demo`]: deterministic sample data.
//! - [`config`]: paths and the configuration file.
//! - [`i18n`], [`present`], [`text`]: language, shared labels, safe aligned text.
//! - [`context`]: what both front ends need, resolved once from flags and files.
//! - [`cli`], [`commands`]: the command line; [`tui`]: the dashboard.
#![forbid(unsafe_code)]

pub mod classify;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod demo;
pub mod domain;
pub mod geo;
pub mod i18n;
pub mod offer;
pub mod pipeline;
pub mod posting;
pub mod present;
pub mod score;
pub mod skills;
pub mod store;
pub mod text;
pub mod tui;
