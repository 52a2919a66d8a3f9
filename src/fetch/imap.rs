//! A small synchronous IMAP4rev1 client over rustls: just what fetching needs (LOGIN,
//! EXAMINE/SELECT, UID FETCH by UID ranges, UID STORE \Seen, LOGOUT).
//!
//! Written here rather than taken from a crate: the maintained `imap` crate is a 3.0 alpha
//! that brings its own TLS connector; this is a few hundred lines over rustls alone.
//!
//! Nothing a server sends can grow without bound: a line is at most [`MAX_LINE`], a response
//! carries at most [`MAX_LITERALS`] literals, a command's untagged responses are handed on
//! one at a time and counted, a message body is held only up to the caller's limit (a larger
//! one is read past without being kept), and every read stops at the run's deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

/// Longest response line (and sum of a response's lines) we accept.
pub const MAX_LINE: usize = 1024 * 1024;
/// Most literals (`{n}`) in one response: a FETCH carries one or two.
pub const MAX_LITERALS: usize = 8;
/// Largest literal kept outside a message body (a header field, a folder name).
const MAX_SMALL_LITERAL: u64 = 64 * 1024;
/// Most untagged responses to one command: a window of [`WINDOW`] UIDs gives at most that many.
pub const MAX_UNTAGGED: usize = 4 * WINDOW as usize;
/// UIDs asked for in one FETCH of sizes: bounds every response list by a window, not the folder.
pub const WINDOW: u32 = 20_000;

/// Why a fetch stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    /// The server could not be reached at all: normal on a train.
    #[error("{0}")]
    Offline(String),
    /// The server refused the user name or password.
    #[error("login refused by the server: {0}")]
    Auth(String),
    #[error("TLS: {0}")]
    Tls(String),
    /// The server said NO or BAD to a command.
    #[error("{command}: {message}")]
    Refused { command: String, message: String },
    #[error("connection lost: {0}")]
    Io(#[from] std::io::Error),
    #[error("unexpected response from the server: {0}")]
    Protocol(String),
    /// The run's deadline (`deadline_seconds` under [mail]) passed.
    #[error("stopped at the deadline of {0} s")]
    Deadline(u64),
}

type Result<T> = std::result::Result<T, ImapError>;

/// What EXAMINE / SELECT tells about a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FolderStatus {
    pub uidvalidity: u32,
    pub uidnext: Option<u32>,
    pub exists: u32,
}

/// A literal as read: kept, or read past because it was over the limit (its size).
#[derive(Debug)]
pub enum Literal {
    Kept(Vec<u8>),
    TooLarge(u64),
}

/// A response: its lines joined, and the literals (`{n}` + bytes) it carried, in order.
struct Response {
    text: String,
    literals: Vec<Literal>,
}

/// What a message is before its body is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub uid: u32,
    pub size: u64,
    pub subject: String,
}

/// The TCP stream under TLS: every read and write waits at most the per-read timeout and never
/// past the run's deadline, so a server trickling a byte every few seconds is cut off.
struct Deadlined {
    tcp: TcpStream,
    timeout: Duration,
    deadline: Instant,
    seconds: u64,
}

impl Deadlined {
    fn wait(&self) -> std::io::Result<Duration> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                DeadlinePassed(self.seconds),
            ));
        }
        Ok(left.min(self.timeout))
    }
}

/// The error a read carries when the deadline passed, to be told apart from a lost connection.
#[derive(Debug)]
struct DeadlinePassed(u64);

impl std::fmt::Display for DeadlinePassed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "deadline of {} s passed", self.0)
    }
}

impl std::error::Error for DeadlinePassed {}

impl Read for Deadlined {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let wait = self.wait()?;
        self.tcp.set_read_timeout(Some(wait))?;
        self.tcp.read(buf)
    }
}

impl Write for Deadlined {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let wait = self.wait()?;
        self.tcp.set_write_timeout(Some(wait))?;
        self.tcp.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.tcp.flush()
    }
}

/// A two-way byte stream: TLS over TCP, or a scripted one in tests and fuzzing.
pub trait Duplex: Read + Write + Send {}
impl<T: Read + Write + Send> Duplex for T {}

/// An authenticated or not yet authenticated session.
pub struct Session {
    stream: BufReader<Box<dyn Duplex>>,
    tag: u32,
    seconds: u64,
    deadline: Instant,
}

/// The trust anchors: the public web roots, plus the PEM certificates of `ca_file` (a company
/// server with its own authority, or the test server's self-signed certificate), read through
/// the bounded reader.
pub fn tls_config(ca_file: Option<&Path>) -> Result<Arc<ClientConfig>> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = ca_file {
        let pem = crate::input::read_path(path).map_err(|e| ImapError::Tls(e.to_string()))?;
        let certs = CertificateDer::pem_slice_iter(&pem);
        let mut n = 0;
        for c in certs {
            let c = c.map_err(|e| ImapError::Tls(format!("{}: {e}", path.display())))?;
            roots
                .add(c)
                .map_err(|e| ImapError::Tls(format!("{}: {e}", path.display())))?;
            n += 1;
        }
        if n == 0 {
            return Err(ImapError::Tls(format!(
                "{}: no PEM certificate in the file",
                path.display()
            )));
        }
    }
    // ring rather than aws-lc-rs: no cmake or assembler in the build. rustls marks it
    // deprecated only for lacking post-quantum key exchange, which IMAP servers do not offer yet.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ImapError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

impl Session {
    /// Connect with TLS from the first byte (IMAPS, port 993) and read the greeting; no read
    /// or write of the session goes past `deadline`.
    pub fn connect(
        host: &str,
        port: u16,
        tls: Arc<ClientConfig>,
        timeout: Duration,
        deadline: Instant,
    ) -> Result<Session> {
        let seconds = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64()
            .ceil() as u64;
        let addrs: Vec<_> = (host, port)
            .to_socket_addrs()
            .map_err(|e| ImapError::Offline(format!("{host}: {e}")))?
            .collect();
        let mut last = None;
        let mut tcp = None;
        for a in &addrs {
            match TcpStream::connect_timeout(a, timeout) {
                Ok(s) => {
                    tcp = Some(s);
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        let tcp = tcp.ok_or_else(|| {
            ImapError::Offline(format!(
                "{host}:{port}: {}",
                last.map_or_else(|| "no address".to_string(), |e| e.to_string())
            ))
        })?;
        let name = ServerName::try_from(host.to_string())
            .map_err(|e| ImapError::Tls(format!("{host}: {e}")))?;
        let conn = ClientConnection::new(tls, name).map_err(|e| ImapError::Tls(e.to_string()))?;
        let tcp = Deadlined {
            tcp,
            timeout,
            deadline,
            seconds,
        };
        Session::over(Box::new(StreamOwned::new(conn, tcp)), deadline).map_err(|e| match e {
            ImapError::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
                ImapError::Tls(io.to_string())
            }
            other => other,
        })
    }

    /// A session over an already connected stream (whose own reads keep to `deadline`): reads
    /// the greeting.
    pub fn over(stream: Box<dyn Duplex>, deadline: Instant) -> Result<Session> {
        let seconds = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64()
            .ceil() as u64;
        let mut s = Session {
            stream: BufReader::new(stream),
            tag: 0,
            seconds,
            deadline,
        };
        let greeting = s.read_response(0)?;
        if !greeting.text.starts_with("* OK") && !greeting.text.starts_with("* PREAUTH") {
            return Err(ImapError::Protocol(clip(&greeting.text)));
        }
        Ok(s)
    }

    /// LOGIN; the password is sent as a literal when it is not plain ASCII, and never logged.
    pub fn login(&mut self, user: &str, password: &str) -> Result<()> {
        let tag = self.next_tag();
        let mut line = format!("{tag} LOGIN ").into_bytes();
        self.push_string(&mut line, user)?;
        line.push(b' ');
        self.push_string(&mut line, password)?;
        line.extend_from_slice(b"\r\n");
        self.send(&line)?;
        match self.collect(&tag, "LOGIN", 0, &mut |_| Ok(())) {
            Ok(()) => Ok(()),
            Err(ImapError::Refused { message, .. }) => Err(ImapError::Auth(message)),
            Err(e) => Err(e),
        }
    }

    /// Open a folder: read-only (EXAMINE) unless flags are to be changed.
    pub fn open(&mut self, folder: &str, writable: bool) -> Result<FolderStatus> {
        let tag = self.next_tag();
        let verb = if writable { "SELECT" } else { "EXAMINE" };
        let mut line = format!("{tag} {verb} ").into_bytes();
        self.push_string(&mut line, &utf7_encode(folder))?;
        line.extend_from_slice(b"\r\n");
        self.send(&line)?;
        let mut st = FolderStatus::default();
        let mut seen_validity = false;
        self.collect(&tag, &format!("{verb} {folder}"), 0, &mut |r| {
            let t = r.text.as_str();
            if let Some(v) = bracket_number(t, "UIDVALIDITY") {
                st.uidvalidity = v;
                seen_validity = true;
            }
            if let Some(v) = bracket_number(t, "UIDNEXT") {
                st.uidnext = Some(v);
            }
            if let Some(n) = t
                .strip_prefix("* ")
                .and_then(|r| r.strip_suffix(" EXISTS"))
                .and_then(|n| n.parse().ok())
            {
                st.exists = n;
            }
            Ok(())
        })?;
        if !seen_validity {
            return Err(ImapError::Protocol(format!("{folder}: no UIDVALIDITY")));
        }
        Ok(st)
    }

    /// The highest UID in the open folder (`UID FETCH *`), for a server that gave no UIDNEXT.
    pub fn highest_uid(&mut self) -> Result<Option<u32>> {
        let tag = self.next_tag();
        self.send(format!("{tag} UID FETCH * (UID)\r\n").as_bytes())?;
        let mut top = None;
        self.collect(&tag, "UID FETCH", 0, &mut |r| {
            if let Some(u) = fetch_uid(&r.text) {
                top = Some(top.map_or(u, |t: u32| t.max(u)));
            }
            Ok(())
        })?;
        Ok(top)
    }

    /// UID, size and subject of the messages with UIDs in `from..=to` (at most [`WINDOW`] of
    /// them), ascending.
    pub fn envelopes(&mut self, from: u32, to: u32) -> Result<Vec<Envelope>> {
        let tag = self.next_tag();
        self.send(
            format!(
                "{tag} UID FETCH {from}:{to} (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n"
            )
            .as_bytes(),
        )?;
        let mut out = Vec::new();
        self.collect(&tag, "UID FETCH", MAX_SMALL_LITERAL, &mut |r| {
            let (Some(uid), Some(size)) =
                (fetch_uid(&r.text), number_after(&r.text, "RFC822.SIZE "))
            else {
                return Ok(());
            };
            // `n:m` may name the highest UID even below n.
            if !(from..=to).contains(&uid) {
                return Ok(());
            }
            let subject = match r.literals.first() {
                Some(Literal::Kept(h)) => subject_of(h),
                _ => String::new(),
            };
            out.push(Envelope {
                uid,
                size: u64::from(size),
                subject,
            });
            Ok(())
        })?;
        out.sort_by_key(|e| e.uid);
        out.dedup_by_key(|e| e.uid);
        Ok(out)
    }

    /// Whole messages by UID, without setting \Seen (BODY.PEEK), each handed to `each` as it
    /// arrives: a body over `max` bytes is read past and handed on as [`Literal::TooLarge`].
    pub fn fetch_each(
        &mut self,
        uids: &[u32],
        max: u64,
        each: &mut dyn FnMut(u32, Literal) -> Result<()>,
    ) -> Result<()> {
        if uids.is_empty() {
            return Ok(());
        }
        let tag = self.next_tag();
        self.send(format!("{tag} UID FETCH {} (UID BODY.PEEK[])\r\n", uid_set(uids)).as_bytes())?;
        self.collect(&tag, "UID FETCH", max, &mut |r| {
            if !r.text.contains(" FETCH (") {
                return Ok(());
            }
            let Some(uid) = fetch_uid(&r.text) else {
                return Ok(());
            };
            if uids.binary_search(&uid).is_err() {
                return Ok(());
            }
            if let Some(body) = r.literals.into_iter().next() {
                each(uid, body)?;
            }
            Ok(())
        })
    }

    /// Mark messages seen (only with `--mark-seen`; the folder must be open writable).
    pub fn mark_seen(&mut self, uids: &[u32]) -> Result<()> {
        if uids.is_empty() {
            return Ok(());
        }
        let tag = self.next_tag();
        self.send(
            format!(
                "{tag} UID STORE {} +FLAGS.SILENT (\\Seen)\r\n",
                uid_set(uids)
            )
            .as_bytes(),
        )?;
        self.collect(&tag, "UID STORE", 0, &mut |_| Ok(()))
    }

    pub fn logout(mut self) {
        let tag = self.next_tag();
        if self.send(format!("{tag} LOGOUT\r\n").as_bytes()).is_ok() {
            let _ = self.collect(&tag, "LOGOUT", 0, &mut |_| Ok(()));
        }
    }

    fn next_tag(&mut self) -> String {
        self.tag += 1;
        format!("b{}", self.tag)
    }

    fn send(&mut self, bytes: &[u8]) -> Result<()> {
        let (seconds, deadline) = (self.seconds, self.deadline);
        let s = self.stream.get_mut();
        s.write_all(bytes)
            .map_err(|e| io_error(e, seconds, deadline))?;
        s.flush().map_err(|e| io_error(e, seconds, deadline))?;
        Ok(())
    }

    /// A quoted string, or a literal (sent after the server's go-ahead) when quoting won't do.
    fn push_string(&mut self, line: &mut Vec<u8>, s: &str) -> Result<()> {
        if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            line.push(b'"');
            for b in s.bytes() {
                if b == b'"' || b == b'\\' {
                    line.push(b'\\');
                }
                line.push(b);
            }
            line.push(b'"');
            return Ok(());
        }
        line.extend_from_slice(format!("{{{}}}\r\n", s.len()).as_bytes());
        let pending = std::mem::take(line);
        self.send(&pending)?;
        let r = self.read_response(0)?;
        if !r.text.starts_with('+') {
            return Err(ImapError::Protocol(clip(&r.text)));
        }
        line.extend_from_slice(s.as_bytes());
        Ok(())
    }

    /// Responses up to the tagged one, each handed to `each` and then dropped; NO and BAD
    /// become `Refused`. Literals over `literal_max` are read past, not kept.
    fn collect(
        &mut self,
        tag: &str,
        command: &str,
        literal_max: u64,
        each: &mut dyn FnMut(Response) -> Result<()>,
    ) -> Result<()> {
        let mut untagged = 0usize;
        loop {
            let r = self.read_response(literal_max)?;
            if let Some(rest) = r.text.strip_prefix(tag).and_then(|t| t.strip_prefix(' ')) {
                if rest.starts_with("OK") {
                    return Ok(());
                }
                let message = rest
                    .trim_start_matches("NO")
                    .trim_start_matches("BAD")
                    .trim()
                    .to_string();
                return Err(ImapError::Refused {
                    command: command.to_string(),
                    message: clip(&message),
                });
            }
            if r.text.starts_with("* BYE") {
                return Err(ImapError::Protocol(clip(&r.text)));
            }
            untagged += 1;
            if untagged > MAX_UNTAGGED {
                return Err(ImapError::Protocol(format!(
                    "{command}: more than {MAX_UNTAGGED} untagged responses"
                )));
            }
            each(r)?;
        }
    }

    /// One response: a line, and for every `{n}` at its end, n bytes and the line's rest.
    /// Literals up to `literal_max` bytes are kept; longer ones are read past.
    fn read_response(&mut self, literal_max: u64) -> Result<Response> {
        let (seconds, deadline) = (self.seconds, self.deadline);
        let mut text = Vec::new();
        let mut literals = Vec::new();
        loop {
            let mut line = Vec::new();
            let room = MAX_LINE.saturating_sub(text.len()).max(1) as u64;
            let n = (&mut self.stream)
                .take(room)
                .read_until(b'\n', &mut line)
                .map_err(|e| io_error(e, seconds, deadline))?;
            if n == 0 {
                return Err(ImapError::Io(std::io::ErrorKind::UnexpectedEof.into()));
            }
            if !line.ends_with(b"\n") {
                return Err(ImapError::Protocol("response line too long".into()));
            }
            while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                line.pop();
            }
            let size = literal_size(&line);
            text.extend_from_slice(&line);
            let Some(size) = size else { break };
            if literals.len() >= MAX_LITERALS {
                return Err(ImapError::Protocol(format!(
                    "more than {MAX_LITERALS} literals in one response"
                )));
            }
            if size <= literal_max {
                let mut buf = Vec::new();
                (&mut self.stream)
                    .take(size)
                    .read_to_end(&mut buf)
                    .map_err(|e| io_error(e, seconds, deadline))?;
                if (buf.len() as u64) < size {
                    return Err(ImapError::Io(std::io::ErrorKind::UnexpectedEof.into()));
                }
                literals.push(Literal::Kept(buf));
            } else {
                let got = std::io::copy(&mut (&mut self.stream).take(size), &mut std::io::sink())
                    .map_err(|e| io_error(e, seconds, deadline))?;
                if got < size {
                    return Err(ImapError::Io(std::io::ErrorKind::UnexpectedEof.into()));
                }
                literals.push(Literal::TooLarge(size));
            }
        }
        Ok(Response {
            text: String::from_utf8_lossy(&text).into_owned(),
            literals,
        })
    }
}

/// A read or write error, told as the deadline when that is what ended it (the last wait was
/// cut to the time left, so it timed out at the deadline).
fn io_error(e: std::io::Error, seconds: u64, deadline: Instant) -> ImapError {
    let timed_out = matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    );
    if e.get_ref().is_some_and(|i| i.is::<DeadlinePassed>())
        || (timed_out && Instant::now() >= deadline)
    {
        return ImapError::Deadline(seconds);
    }
    ImapError::Io(e)
}

/// `UID 12` in a FETCH response.
fn fetch_uid(text: &str) -> Option<u32> {
    if !text.contains(" FETCH (") {
        return None;
    }
    number_after(text, "UID ")
}

/// The number right after `key` (matched at a word start).
fn number_after(text: &str, key: &str) -> Option<u32> {
    let mut rest = text;
    while let Some(at) = rest.find(key) {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + key.len()..];
        if before.is_none_or(|c| c == ' ' || c == '(') {
            if let Some(n) = after
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|n| n.parse().ok())
            {
                return Some(n);
            }
        }
        rest = after;
    }
    None
}

/// The Subject of a header block, decoded, on one line.
fn subject_of(header: &[u8]) -> String {
    mail_parser::MessageParser::default()
        .parse_headers(header)
        .and_then(|m| m.subject().map(clip))
        .unwrap_or_default()
}

/// `{123}` at the end of a line announces 123 bytes of literal.
fn literal_size(line: &[u8]) -> Option<u64> {
    let inner = line.strip_suffix(b"}")?;
    let open = inner.iter().rposition(|b| *b == b'{')?;
    std::str::from_utf8(&inner[open + 1..])
        .ok()?
        .trim_end_matches('+')
        .parse()
        .ok()
}

/// `[UIDVALIDITY 123]` → 123.
fn bracket_number(text: &str, key: &str) -> Option<u32> {
    let at = text.find(&format!("[{key} "))?;
    text[at + key.len() + 2..]
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// `1,2,3,7,9,10` → `1:3,7,9:10`: sets stay short for thousands of UIDs.
pub fn uid_set(uids: &[u32]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < uids.len() {
        let start = uids[i];
        let mut end = start;
        while i + 1 < uids.len() && uids[i + 1] == end + 1 {
            i += 1;
            end = uids[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}:{end}")
        });
        i += 1;
    }
    parts.join(",")
}

/// Folder names in IMAP's modified UTF-7 (RFC 3501 5.1.3): `案件` → `&aEhO9g-`.
pub fn utf7_encode(name: &str) -> String {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
    let mut out = String::new();
    let mut pending: Vec<u16> = Vec::new();
    let flush = |pending: &mut Vec<u16>, out: &mut String| {
        if pending.is_empty() {
            return;
        }
        let bytes: Vec<u8> = pending.iter().flat_map(|u| u.to_be_bytes()).collect();
        out.push('&');
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            let chars = chunk.len() + 1;
            for k in 0..chars {
                out.push(B64[((n >> (18 - 6 * k)) & 63) as usize] as char);
            }
        }
        out.push('-');
        pending.clear();
    };
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut pending, &mut out);
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            let mut buf = [0u16; 2];
            pending.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    flush(&mut pending, &mut out);
    out
}

/// Server text in errors: one line, bounded.
fn clip(s: &str) -> String {
    crate::text::truncate(&crate::text::cell(s), 200)
}

#[cfg(test)]
#[path = "imap_tests.rs"]
mod tests;
