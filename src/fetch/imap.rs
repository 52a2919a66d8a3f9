//! A small synchronous IMAP4rev1 client over rustls: just what fetching needs (LOGIN,
//! EXAMINE/SELECT, UID SEARCH, UID FETCH BODY.PEEK[], UID STORE \Seen, LOGOUT).
//!
//! Written here rather than taken from a crate: the maintained `imap` crate is a 3.0 alpha
//! that brings its own TLS connector; this is a few hundred lines over rustls alone.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

/// Longest response line we accept, and largest message; beyond them the server is refused.
const MAX_LINE: usize = 1024 * 1024;
const MAX_LITERAL: usize = 64 * 1024 * 1024;

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
}

type Result<T> = std::result::Result<T, ImapError>;

/// What EXAMINE / SELECT tells about a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FolderStatus {
    pub uidvalidity: u32,
    pub uidnext: Option<u32>,
    pub exists: u32,
}

/// A line of a response, with the literals (`{n}` + bytes) it carried, in order.
struct Response {
    text: String,
    literals: Vec<Vec<u8>>,
}

/// An authenticated or not yet authenticated session.
pub struct Session {
    stream: BufReader<StreamOwned<ClientConnection, TcpStream>>,
    tag: u32,
}

/// The trust anchors: the public web roots, plus the PEM certificates of `ca_file` (a company
/// server with its own authority, or the test server's self-signed certificate).
pub fn tls_config(ca_file: Option<&Path>) -> Result<Arc<ClientConfig>> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = ca_file {
        let certs = CertificateDer::pem_file_iter(path)
            .map_err(|e| ImapError::Tls(format!("{}: {e}", path.display())))?;
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
    /// Connect with TLS from the first byte (IMAPS, port 993) and read the greeting.
    pub fn connect(
        host: &str,
        port: u16,
        tls: Arc<ClientConfig>,
        timeout: Duration,
    ) -> Result<Session> {
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
        tcp.set_read_timeout(Some(timeout))?;
        tcp.set_write_timeout(Some(timeout))?;
        let name = ServerName::try_from(host.to_string())
            .map_err(|e| ImapError::Tls(format!("{host}: {e}")))?;
        let conn = ClientConnection::new(tls, name).map_err(|e| ImapError::Tls(e.to_string()))?;
        let mut s = Session {
            stream: BufReader::new(StreamOwned::new(conn, tcp)),
            tag: 0,
        };
        let greeting = s.read_response().map_err(|e| match e {
            ImapError::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
                ImapError::Tls(io.to_string())
            }
            other => other,
        })?;
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
        match self.collect(&tag, "LOGIN") {
            Ok(_) => Ok(()),
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
        let lines = self.collect(&tag, &format!("{verb} {folder}"))?;
        let mut st = FolderStatus::default();
        let mut seen_validity = false;
        for r in &lines {
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
        }
        if !seen_validity {
            return Err(ImapError::Protocol(format!("{folder}: no UIDVALIDITY")));
        }
        Ok(st)
    }

    /// UIDs above `after`, ascending.
    pub fn uids_after(&mut self, after: u32) -> Result<Vec<u32>> {
        let tag = self.next_tag();
        let from = after.saturating_add(1);
        self.send(format!("{tag} UID SEARCH UID {from}:*\r\n").as_bytes())?;
        let lines = self.collect(&tag, "UID SEARCH")?;
        let mut uids: Vec<u32> = lines
            .iter()
            .filter_map(|r| r.text.strip_prefix("* SEARCH"))
            .flat_map(|r| r.split_ascii_whitespace().filter_map(|n| n.parse().ok()))
            // `n:*` always includes the highest UID, even below n.
            .filter(|u| *u > after)
            .collect();
        uids.sort_unstable();
        uids.dedup();
        Ok(uids)
    }

    /// Whole messages by UID, without setting \Seen (BODY.PEEK).
    pub fn fetch(&mut self, uids: &[u32]) -> Result<Vec<(u32, Vec<u8>)>> {
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let tag = self.next_tag();
        self.send(format!("{tag} UID FETCH {} (UID BODY.PEEK[])\r\n", uid_set(uids)).as_bytes())?;
        let lines = self.collect(&tag, "UID FETCH")?;
        let mut out = Vec::with_capacity(uids.len());
        for r in lines {
            if !r.text.contains(" FETCH (") {
                continue;
            }
            let uid = r.text.split_once("UID ").and_then(|(_, rest)| {
                rest.split(|c: char| !c.is_ascii_digit())
                    .next()
                    .and_then(|n| n.parse::<u32>().ok())
            });
            if let (Some(uid), Some(body)) = (uid, r.literals.into_iter().next()) {
                out.push((uid, body));
            }
        }
        out.sort_by_key(|(u, _)| *u);
        Ok(out)
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
        self.collect(&tag, "UID STORE").map(|_| ())
    }

    pub fn logout(mut self) {
        let tag = self.next_tag();
        if self.send(format!("{tag} LOGOUT\r\n").as_bytes()).is_ok() {
            let _ = self.collect(&tag, "LOGOUT");
        }
    }

    fn next_tag(&mut self) -> String {
        self.tag += 1;
        format!("b{}", self.tag)
    }

    fn send(&mut self, bytes: &[u8]) -> Result<()> {
        let s = self.stream.get_mut();
        s.write_all(bytes)?;
        s.flush()?;
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
        let r = self.read_response()?;
        if !r.text.starts_with('+') {
            return Err(ImapError::Protocol(clip(&r.text)));
        }
        line.extend_from_slice(s.as_bytes());
        Ok(())
    }

    /// Responses up to the tagged one; NO and BAD become `Refused`.
    fn collect(&mut self, tag: &str, command: &str) -> Result<Vec<Response>> {
        let mut out = Vec::new();
        loop {
            let r = self.read_response()?;
            if let Some(rest) = r.text.strip_prefix(tag).and_then(|t| t.strip_prefix(' ')) {
                if rest.starts_with("OK") {
                    return Ok(out);
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
            out.push(r);
        }
    }

    /// One response: a line, and for every `{n}` at its end, n bytes and the line's rest.
    fn read_response(&mut self) -> Result<Response> {
        let mut text = Vec::new();
        let mut literals = Vec::new();
        loop {
            let mut line = Vec::new();
            let n = (&mut self.stream)
                .take(MAX_LINE as u64)
                .read_until(b'\n', &mut line)?;
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
            match size {
                Some(size) if size > MAX_LITERAL => {
                    return Err(ImapError::Protocol(format!(
                        "a {size}-byte message is too large"
                    )));
                }
                Some(size) => {
                    let mut buf = vec![0; size];
                    self.stream.read_exact(&mut buf)?;
                    literals.push(buf);
                }
                None => break,
            }
        }
        Ok(Response {
            text: String::from_utf8_lossy(&text).into_owned(),
            literals,
        })
    }
}

/// `{123}` at the end of a line announces 123 bytes of literal.
fn literal_size(line: &[u8]) -> Option<usize> {
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
mod tests {
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

    #[test]
    fn literal_sizes_and_codes() {
        assert_eq!(literal_size(b"* 1 FETCH (UID 4 BODY[] {120}"), Some(120));
        assert_eq!(literal_size(b"* OK done"), None);
        assert_eq!(
            bracket_number("* OK [UIDVALIDITY 1733400000] UIDs valid", "UIDVALIDITY"),
            Some(1733400000)
        );
    }
}
