//! The integration tests, one binary so they build and link once: a module per area.
//!
//! Fixtures are in `tests/fixtures`; snapshots of the dashboard in `tests/it/snapshots`.

mod common;
mod interop;
mod mail_clients;
mod tui_common;

mod active_pool;
mod architecture;
mod cli;
mod export_size;
mod fields;
mod front_ends;
mod hardening;
mod journal;
mod learned;
mod offer_accuracy;
mod offer_cli;
mod pipeline_cli;
mod pipeline_store;
mod posting_accuracy;
mod posting_dedupe;
mod posting_import;
mod posting_robustness;
mod ranking_dev;
mod reliability;
mod roster;
mod store_locks;
mod sync;
mod tui_pipeline;
mod tui_pty;
mod tui_stale;
mod tui_state;
mod tui_views;
