//! Any text as a mail body for `classify`: the whole weighed and each item sorted.
//! None may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let tax = benchmatch::skills::Taxonomy::builtin();
    let received = chrono::DateTime::from_timestamp(1_763_600_000, 0).unwrap_or_default();
    let (subject, body) = text.split_once('\n').unwrap_or(("", &text));
    let env = benchmatch::classify::Envelope {
        subject: Some(subject),
        from_addr: Some("sales@example.co.jp"),
        received,
    };
    let _ = benchmatch::classify::sort_mail(body, &env, tax);
    let _ = benchmatch::classify::classify(body, received, tax);
});
