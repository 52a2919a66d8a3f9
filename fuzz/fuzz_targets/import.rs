//! Any text as an engineers or openings import file, CSV or JSON, then validated:
//! an import may refuse with a message, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tax = benchmatch::skills::Taxonomy::builtin();
    let now = chrono::DateTime::from_timestamp(1_763_600_000, 0).unwrap_or_default();
    for json in [false, true] {
        if let Ok(rows) = benchmatch::store::formats::engineers(text, json) {
            for (_, r) in rows {
                let _ = r.to_engineer(tax);
            }
        }
        if let Ok(rows) = benchmatch::store::formats::openings(text, json) {
            for (_, r) in rows {
                let _ = r.to_opening(tax, now);
            }
        }
    }
    if let Ok(doc) = serde_json::from_str::<benchmatch::store::ExportDoc>(text) {
        let _ = doc.engineers.len();
    }
});
