//! Any bytes as a mail, a mailbox and a text file: decoding may refuse, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    use benchmatch::posting::mail;
    let _ = mail::looks_like_mail(data);
    if let Ok(m) = mail::read_mail(data) {
        let _ = benchmatch::posting::split::split(&m.body);
    }
    let _ = mail::decode_text(data);
    for bytes in benchmatch::input::Mailbox::new(std::io::Cursor::new(data)).take(8).flatten() {
        let _ = mail::read_mail(&bytes);
    }
    let _ = benchmatch::posting::html::html_to_text(&String::from_utf8_lossy(data));
});
