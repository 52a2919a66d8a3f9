//! Any bytes as everything an IMAP server says during a session (greeting, CAPABILITY,
//! AUTHENTICATE XOAUTH2 and its challenges, LOGIN, LIST, EXAMINE, the UID windows, the
//! bodies): every response goes through the bounded framing and then imap-codec; the client
//! answers or refuses, never panics, never holds more than its limits.
#![no_main]

use benchmatch::fetch::imap::Session;
use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Read, Write};
use std::time::{Duration, Instant};

/// The fuzz input replayed as the server; what the client writes is dropped.
struct Replay(Cursor<Vec<u8>>);

impl Read for Replay {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl Write for Replay {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let deadline = Instant::now() + Duration::from_secs(10);
    let Ok(mut s) = Session::over(Box::new(Replay(Cursor::new(data.to_vec()))), deadline) else {
        return;
    };
    let _ = s.capabilities();
    let _ = s.xoauth2("rep", "token");
    let _ = s.login("rep", "pw");
    let _ = s.list();
    let _ = s.open("INBOX", false);
    let _ = s.highest_uid();
    let _ = s.envelopes(1, 100);
    let _ = s.fetch_each(&[1, 2, 3], 1024, &mut |_, _| Ok(()));
});
