//! The client against replayed server bytes: scripted sessions, and any bytes at all.
use super::*;
use std::io::Read;

#[test]
fn folder_names_in_modified_utf7() {
    assert_eq!(utf7_encode("INBOX"), "INBOX");
    assert_eq!(utf7_encode("案件"), "&aEhO9g-");
    assert_eq!(utf7_encode("A&B"), "A&-B");
    assert_eq!(
        utf7_encode("~peter/mail/台北/日本語"),
        "~peter/mail/&U,BTFw-/&ZeVnLIqe-"
    );
}

#[test]
fn uid_sets_collapse_runs() {
    assert_eq!(uid_set(&[1, 2, 3, 7, 9, 10]), "1:3,7,9:10");
    assert_eq!(uid_set(&[5]), "5");
}

#[test]
fn folder_names_back_from_modified_utf7() {
    for name in [
        "INBOX",
        "案件",
        "A&B",
        "~peter/mail/台北/日本語",
        "営業/2026年 案件&人材",
    ] {
        assert_eq!(utf7_decode(utf7_encode(name).as_bytes()), name);
    }
    // Not modified UTF-7: shown as it came.
    assert_eq!(utf7_decode(b"&%%%-"), "&%%%-");
    assert_eq!(utf7_decode(b"open&"), "open&");
}

/// Server bytes replayed to a session; what the client writes is kept in `sent`.
struct Replay(
    std::io::Cursor<Vec<u8>>,
    std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
);
impl Read for Replay {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}
impl Write for Replay {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut sent) = self.1.lock() {
            sent.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn replay(bytes: &[u8]) -> (Replay, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
    let sent = std::sync::Arc::default();
    (
        Replay(
            std::io::Cursor::new(bytes.to_vec()),
            std::sync::Arc::clone(&sent),
        ),
        sent,
    )
}

fn session(server: &[u8]) -> (Session, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
    let (r, sent) = replay(server);
    let deadline = Instant::now() + Duration::from_secs(60);
    (Session::over(Box::new(r), deadline).unwrap(), sent)
}

fn sent(s: &std::sync::Arc<std::sync::Mutex<Vec<u8>>>) -> String {
    String::from_utf8_lossy(&s.lock().unwrap()).into_owned()
}

#[test]
fn xoauth2_goes_in_the_command_when_the_server_takes_an_initial_response() {
    let (mut s, out) = session(
        b"* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=PLAIN] hi\r\nb1 OK [CAPABILITY IMAP4rev1 IDLE] in\r\n",
    );
    s.xoauth2("rep@example.com", "ya29.tok").unwrap();
    // base64("user=rep@example.com\x01auth=Bearer ya29.tok\x01\x01")
    assert_eq!(
        sent(&out),
        "b1 AUTHENTICATE XOAUTH2 dXNlcj1yZXBAZXhhbXBsZS5jb20BYXV0aD1CZWFyZXIgeWEyOS50b2sBAQ==\r\n"
    );
}

#[test]
fn xoauth2_waits_for_the_go_ahead_and_a_refusal_is_an_auth_error() {
    // No SASL-IR: the token follows the server's `+`; the refusal challenge gets an empty line.
    let (mut s, out) = session(
        b"* OK hi\r\n* CAPABILITY IMAP4rev1 AUTH=XOAUTH2\r\nb1 OK c\r\n+ \r\n+ eyJzdGF0dXMiOiI0MDEifQ==\r\nb2 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n",
    );
    let e = s.xoauth2("rep", "expired").unwrap_err();
    assert!(
        matches!(&e, ImapError::Auth(m) if m.contains("Invalid credentials")),
        "{e}"
    );
    assert_eq!(
        sent(&out),
        "b1 CAPABILITY\r\nb2 AUTHENTICATE XOAUTH2\r\ndXNlcj1yZXABYXV0aD1CZWFyZXIgZXhwaXJlZAEB\r\n\r\n"
    );
}

#[test]
fn a_server_without_xoauth2_or_with_logindisabled_is_refused_before_any_secret_is_sent() {
    let (mut s, out) = session(b"* OK [CAPABILITY IMAP4rev1 LOGINDISABLED STARTTLS] hi\r\n");
    assert!(matches!(s.xoauth2("rep", "t"), Err(ImapError::Auth(_))));
    assert!(matches!(s.login("rep", "pw"), Err(ImapError::Auth(_))));
    assert_eq!(sent(&out), "");
}

#[test]
fn list_gives_folders_decoded_and_tells_which_hold_folders_only() {
    let (mut s, out) = session(
        b"* OK hi\r\n* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\Noselect \\HasChildren) \"/\" \"&VbZpbQ-\"\r\n\
* LIST (\\HasNoChildren) \"/\" \"&VbZpbQ-/&aEhO9g-\"\r\n* LIST () \"/\" {8}\r\nA \"odd\"/\r\nb1 OK listed\r\n",
    );
    let got = s.list().unwrap();
    assert_eq!(sent(&out), "b1 LIST \"\" *\r\n");
    let names: Vec<_> = got
        .iter()
        .map(|f| (f.name.as_str(), f.selectable))
        .collect();
    assert_eq!(
        names,
        [
            ("A \"odd\"/", true),
            ("INBOX", true),
            ("営業", false),
            ("営業/案件", true)
        ]
    );
}

/// Every step of a fetch over `bytes` as the server's whole output; errors are fine.
pub(crate) fn drive(bytes: &[u8]) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let Ok(mut s) = Session::over(Box::new(replay(bytes).0), deadline) else {
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
}

#[test]
fn a_replayed_session_reads_envelopes_and_bodies() {
    let server = b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\nb1 OK in\r\n* 2 EXISTS\r\n* OK [UIDVALIDITY 9] v\r\n* OK [UIDNEXT 3] n\r\nb2 OK r\r\n\
* 1 FETCH (UID 1 RFC822.SIZE 12 BODY[HEADER.FIELDS (SUBJECT)] {15}\r\nSubject: hi\r\n\r\n)\r\n\
* 2 FETCH (RFC822.SIZE 99999 UID 2 BODY[HEADER.FIELDS (SUBJECT)] {0}\r\n)\r\nb3 OK f\r\n\
* 1 FETCH (UID 1 BODY[] {5}\r\nhello)\r\n* 2 FETCH (UID 2 BODY[] {20}\r\n01234567890123456789)\r\nb4 OK f\r\n";
    let deadline = Instant::now() + Duration::from_secs(60);
    let (mut s, out) = session(server);
    let _ = deadline;
    s.login("rep", "pw").unwrap();
    let st = s.open("INBOX", false).unwrap();
    assert_eq!((st.uidvalidity, st.uidnext, st.exists), (9, Some(3), 2));
    let env = s.envelopes(1, 2).unwrap();
    assert_eq!(
        env[0],
        Envelope {
            uid: 1,
            size: 12,
            subject: "hi".into()
        }
    );
    assert_eq!(env[1].size, 99999);
    let mut got = Vec::new();
    s.fetch_each(&[1, 2], 10, &mut |uid, body| {
        got.push((uid, format!("{body:?}")));
        Ok(())
    })
    .unwrap();
    assert_eq!(
        got[0],
        (1, format!("{:?}", Literal::Kept(b"hello".to_vec())))
    );
    assert_eq!(got[1], (2, "TooLarge(20)".to_string()));
    assert_eq!(
        sent(&out),
        "b1 LOGIN rep pw\r\nb2 EXAMINE INBOX\r\n\
b3 UID FETCH 1:2 (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n\
b4 UID FETCH 1:2 (UID BODY.PEEK[])\r\n"
    );
}

const PIECES: &[&[u8]] = &[
    b"* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED AUTH=XOAUTH2\r\n",
    b"+ \r\n",
    b"+ eyJzdGF0dXMiOiI0MDEifQ==\r\n",
    b"+ go ahead\r\n",
    b"* LIST (\\Noselect) \"/\" \"&VbZpbQ-\"\r\n",
    b"* LIST () NIL {5}\r\nINBOX\r\n",
    b"* LIST (\\HasNoChildren) \"/\" \"&%%-\"\r\n",
    b"* 3 EXISTS\r\n",
    b"* OK [UIDVALIDITY 7] v\r\n",
    b"* OK [UIDNEXT 4] n\r\n",
    b"* 1 FETCH (UID 1 RFC822.SIZE 10 BODY[HEADER.FIELDS (SUBJECT)] {13}\r\nSubject: a\r\n\r\n)\r\n",
    b"* 1 FETCH (UID 1 BODY[] {5}\r\nhello)\r\n",
    b"* 2 FETCH (UID 2 BODY[] {9}\r\nshort)\r\n",
    b"* 3 FETCH (UID 3 BODY[] {2000}\r\n",
    b"* 3 FETCH (BODY[] NIL UID 3)\r\n",
    b"* BYE going\r\n",
    b"* NO [ALERT] careful\r\n",
    b"b1 OK done\r\n",
    b"b2 NO [AUTHENTICATIONFAILED] no\r\n",
    b"b3 OK [READ-ONLY] r\r\n",
    b"b4 BAD what\r\n",
    b"b5 OK f\r\n",
    b"b6 OK f\r\n",
    b"b7 OK f\r\n",
    b"b8 OK f\r\n",
    b"* 1 FETCH (UID 1 BODY[] {0}\r\n X {0}\r\n X {0}\r\n)\r\n",
    b"garbage without a tag\r\n",
];

proptest::proptest! {
    #[test]
    fn any_server_bytes_end_in_an_answer_or_an_error(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048)) {
        drive(&bytes);
    }

    /// Sessions made of pieces real servers send (capabilities, challenges, LIST, FETCH with
    /// literals of honest and lying sizes, tagged replies to the tags the client uses),
    /// shuffled: the codec path answers or refuses, never panics or hangs.
    #[test]
    fn plausible_server_pieces_in_any_order_end_in_an_answer_or_an_error(pieces in proptest::collection::vec(0usize..PIECES.len(), 0..60)) {
        let mut text = b"* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] hi\r\n".to_vec();
        for p in pieces {
            text.extend_from_slice(PIECES[p]);
        }
        drive(&text);
    }

    #[test]
    fn any_lines_after_a_greeting_end_in_an_answer_or_an_error(lines in proptest::collection::vec("[*+ b0-9A-Z(){}\\[\\]]{0,40}", 0..40)) {
        let text = format!("* OK hi\r\n{}", lines.join("\r\n"));
        drive(text.as_bytes());
    }
}

#[test]
fn literal_sizes() {
    use super::super::frame::literal_size;
    assert_eq!(
        literal_size(b"* 1 FETCH (UID 4 BODY[] {120}\r\n"),
        Some((24, 120))
    );
    assert_eq!(literal_size(b"* OK done\r\n"), None);
    assert_eq!(literal_size(b"* OK {}\r\n"), None);
    assert_eq!(literal_size(b"* OK {99999999999999999999}\r\n"), None);
}

#[test]
fn the_bodies_kept_from_one_response_stay_within_the_limit() {
    // Two 70 KiB bodies in one response with a limit of 100 KiB: the first is kept, the
    // second read past, so a server cannot multiply the memory one message may take.
    let body = vec![b'x'; 70 * 1024];
    let mut server = b"* OK hi\r\n".to_vec();
    server.extend_from_slice(format!("* 1 FETCH (UID 1 BODY[] {{{}}}\r\n", body.len()).as_bytes());
    server.extend_from_slice(&body);
    server.extend_from_slice(format!(" BODY[1] {{{}}}\r\n", body.len()).as_bytes());
    server.extend_from_slice(&body);
    server.extend_from_slice(b")\r\nb1 OK f\r\n");
    let (mut s, _) = session(&server);
    let mut got = Vec::new();
    s.fetch_each(&[1], 100 * 1024, &mut |uid, body| {
        got.push((
            uid,
            matches!(body, Literal::Kept(ref b) if b.len() == 70 * 1024),
        ));
        Ok(())
    })
    .unwrap();
    assert_eq!(got, [(1, true)]);
}

/// Server bytes replayed, counting how many the client has read so far.
struct Counting(std::io::Cursor<Vec<u8>>, std::sync::Arc<AtomicUsize>);
impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        self.1.fetch_add(n, std::sync::atomic::Ordering::SeqCst);
        Ok(n)
    }
}
impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

use std::sync::atomic::AtomicUsize;

#[test]
fn each_body_is_handed_on_before_the_next_is_read() {
    // Three 1 MiB mails in one response: each reaches the caller (who stores it) while the
    // next is still unread on the wire, so a batch is never held whole (it was: 30 mails of
    // 60 MB took 1.86 GB).
    let body = vec![b'x'; 1024 * 1024];
    let mut server = b"* OK hi\r\n".to_vec();
    let mut ends = Vec::new();
    for uid in 1..=3u32 {
        server.extend_from_slice(
            format!("* {uid} FETCH (UID {uid} BODY[] {{{}}}\r\n", body.len()).as_bytes(),
        );
        server.extend_from_slice(&body);
        server.extend_from_slice(b")\r\n");
        ends.push(server.len());
    }
    server.extend_from_slice(b"b1 OK f\r\n");
    let read = std::sync::Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut s = Session::over(
        Box::new(Counting(std::io::Cursor::new(server), read.clone())),
        deadline,
    )
    .unwrap();
    let mut seen = Vec::new();
    s.fetch_each(&[1, 2, 3], 2 * 1024 * 1024, &mut |uid, body| {
        let at = read.load(std::sync::atomic::Ordering::SeqCst);
        seen.push((
            uid,
            matches!(body, Literal::Kept(ref b) if b.len() == 1024 * 1024),
            at,
        ));
        Ok(())
    })
    .unwrap();
    assert_eq!(seen.len(), 3, "{seen:?}");
    for (i, (uid, kept, at)) in seen.iter().enumerate() {
        assert_eq!((*uid, *kept), (i as u32 + 1, true));
        // Read up to this mail's end, and not into the next body (a read buffer's worth).
        assert!(
            *at >= ends[i] && *at < ends[i] + 64 * 1024,
            "{seen:?} {ends:?}"
        );
    }
}
