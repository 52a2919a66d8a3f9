//! Any bytes as what `import mail` reads: a mailbox or one mail, each mail sorted into
//! offers and openings as the importer does (no database). None may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    use benchmatch::classify::{sort_mail_items, Envelope};
    use benchmatch::posting::mail;
    let tax = benchmatch::skills::Taxonomy::builtin();
    let received = chrono::DateTime::from_timestamp(1_763_600_000, 0).unwrap_or_default();
    let mut mails = Vec::new();
    if mail::looks_like_mbox(data) {
        mails.extend(
            benchmatch::input::Mailbox::new(std::io::Cursor::new(data))
                .take(8)
                .flatten()
                .filter_map(|b| mail::read_mail(&b).ok()),
        );
    } else if let Ok(m) = mail::read_mail(data) {
        mails.push(m);
    }
    for m in mails {
        let env = Envelope {
            subject: m.subject.as_deref(),
            from_addr: m.sender.as_deref().and_then(benchmatch::ops::import_mail::address_of),
            received,
        };
        let sorted = sort_mail_items(&m.body, &env, tax);
        assert!(sorted.items.len() <= benchmatch::classify::MAX_ITEMS);
        let _ = benchmatch::ops::import_mail::partner_of(&m);
    }
});
