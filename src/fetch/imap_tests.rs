//! The client against replayed server bytes: scripted sessions, and any bytes at all.
use super::*;

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

/// Server bytes replayed to a session; what the client writes is dropped.
struct Replay(std::io::Cursor<Vec<u8>>);
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

/// Every step of a fetch over `bytes` as the server's whole output; errors are fine.
pub(crate) fn drive(bytes: &[u8]) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let Ok(mut s) = Session::over(
        Box::new(Replay(std::io::Cursor::new(bytes.to_vec()))),
        deadline,
    ) else {
        return;
    };
    let _ = s.login("rep", "pw");
    let _ = s.open("INBOX", false);
    let _ = s.highest_uid();
    let _ = s.envelopes(1, 100);
    let _ = s.fetch_each(&[1, 2, 3], 1024, &mut |_, _| Ok(()));
}

#[test]
fn a_replayed_session_reads_envelopes_and_bodies() {
    let server = b"* OK hi\r\nb1 OK in\r\n* 2 EXISTS\r\n* OK [UIDVALIDITY 9] v\r\n* OK [UIDNEXT 3] n\r\nb2 OK r\r\n\
* 1 FETCH (UID 1 RFC822.SIZE 12 BODY[HEADER.FIELDS (SUBJECT)] {14}\r\nSubject: hi\r\n\r\n)\r\n\
* 2 FETCH (RFC822.SIZE 99999 UID 2 BODY[HEADER.FIELDS (SUBJECT)] {0}\r\n)\r\nb3 OK f\r\n\
* 1 FETCH (UID 1 BODY[] {5}\r\nhello)\r\n* 2 FETCH (UID 2 BODY[] {20}\r\n01234567890123456789)\r\nb4 OK f\r\n";
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut s = Session::over(
        Box::new(Replay(std::io::Cursor::new(server.to_vec()))),
        deadline,
    )
    .unwrap();
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
}

proptest::proptest! {
    #[test]
    fn any_server_bytes_end_in_an_answer_or_an_error(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048)) {
        drive(&bytes);
    }

    #[test]
    fn any_lines_after_a_greeting_end_in_an_answer_or_an_error(lines in proptest::collection::vec("[*+ b0-9A-Z(){}\\[\\]]{0,40}", 0..40)) {
        let text = format!("* OK hi\r\n{}", lines.join("\r\n"));
        drive(text.as_bytes());
    }
}

#[test]
fn literal_sizes_and_codes() {
    assert_eq!(literal_size(b"* 1 FETCH (UID 4 BODY[] {120}"), Some(120));
    assert_eq!(literal_size(b"* OK done"), None);
    assert_eq!(
        bracket_number("* OK [UIDVALIDITY 1733400000] UIDs valid", "UIDVALIDITY"),
        Some(1733400000)
    );
}
