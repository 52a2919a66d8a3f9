//! Any bytes as a workbook file (.xlsx, .ods, .xls are told apart by their first bytes):
//! read within tight limits, a read may refuse with a message, never panic, never reach the
//! deadline (that was the truncated .ods calamine spun on forever).
#![no_main]

use benchmatch::xlsx::bounds::Limits;
use benchmatch::xlsx::read::{read_within, Kind};
use libfuzzer_sys::fuzz_target;
use std::time::Duration;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("benchmatch-fuzz-{}.book", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let limits = Limits {
        file_bytes: 1024 * 1024,
        entry_bytes: 16 * 1024 * 1024,
        total_bytes: 32 * 1024 * 1024,
        entries: 100,
        cells: 1_000_000,
        deadline: Duration::from_secs(10),
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
    for kind in [Kind::Engineers, Kind::Openings] {
        if let Err(e) = read_within(&path, kind, None, today, limits) {
            assert!(!e.contains("not read within"), "{e}");
        }
    }
});
