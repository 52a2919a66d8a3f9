//! Any text through the offer reader (`parse-offer`), its splitter and its identity
//! key, and the offer into an engineer. None may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let tax = benchmatch::skills::Taxonomy::builtin();
    let places = benchmatch::geo::Places::builtin();
    let received = chrono::DateTime::from_timestamp(1_763_600_000, 0).unwrap_or_default();
    let cleaned = benchmatch::offer::split::clean(&text, None);
    for r in benchmatch::offer::split::parts(&cleaned).into_iter().take(64) {
        let o = benchmatch::offer::parse(&cleaned[r], received, tax);
        let _ = benchmatch::offer::similar::identity_key(&o);
        let _ = o.to_engineer(received, tax, places);
    }
    let _ = benchmatch::offer::parse(&text, received, tax);
});
