//! Any text through the parser, the splitter and the fingerprint: none may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let received = chrono::DateTime::from_timestamp(1_763_600_000, 0).unwrap_or_default();
    let tax = benchmatch::skills::Taxonomy::builtin();
    let _ = benchmatch::posting::parse(&text, received, tax);
    for r in benchmatch::posting::split::split(&text) {
        let _ = benchmatch::posting::parse(&text[r.clone()], received, tax);
        let _ = benchmatch::posting::dedupe::fingerprint(&text[r]);
    }
});
