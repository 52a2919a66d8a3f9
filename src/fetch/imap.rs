//! A small synchronous IMAP4rev1 client over rustls: just what fetching needs (CAPABILITY,
//! STARTTLS, LOGIN or AUTHENTICATE XOAUTH2, LIST, EXAMINE/SELECT, UID FETCH by UID ranges,
//! UID STORE \Seen, LOGOUT).
//!
//! Commands are encoded and responses parsed by `imap-codec` (sans-I/O, so it sits on our
//! blocking rustls stream without an async runtime). What it cannot do is bound what a server
//! sends, so the framing is ours: a response is read line by line and literal by literal,
//! and only then handed to the codec.
//!
//! Nothing a server sends can grow without bound: a response's lines total at most
//! [`MAX_LINE`], it carries at most [`MAX_LITERALS`] literals, a command's untagged responses
//! are handed on one at a time and counted, the literals a response keeps total at most the
//! caller's limit (a message body over it is read past without being kept and reported by
//! size), and every read stops at the run's deadline.

use std::io::{BufReader, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

use imap_codec::decode::Decoder as _;
use imap_codec::encode::{Encoder as _, Fragment};
use imap_codec::imap_types::auth::{AuthMechanism, AuthenticateData};
use imap_codec::imap_types::command::{Command, CommandBody};
use imap_codec::imap_types::core::{AString, NonEmptyVec};
use imap_codec::imap_types::fetch::{MessageDataItem, MessageDataItemName, Section};
use imap_codec::imap_types::flag::{Flag, FlagNameAttribute, StoreResponse, StoreType};
use imap_codec::imap_types::mailbox::Mailbox;
use imap_codec::imap_types::response::{Code, Data, GreetingKind, Response, Status};
use imap_codec::imap_types::secret::Secret;
use imap_codec::{AuthenticateDataCodec, CommandCodec, GreetingCodec, ResponseCodec};
use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection, StreamOwned};

use super::frame::read_frame;
use super::link::{io_error, seconds_until, Deadlined, Link};
pub use super::link::{tls_config, Duplex};
pub use super::utf7::{utf7_decode, utf7_encode};
use serde::{Deserialize, Serialize};

/// Longest response line (and sum of a response's lines) we accept.
pub const MAX_LINE: usize = 1024 * 1024;
/// Most literals (`{n}`) in one response: a FETCH carries one or two.
pub const MAX_LITERALS: usize = 8;
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
    /// The server refused the user name, password or token.
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

/// How the connection is secured: TLS from the first byte (IMAPS, port 993), or a plain
/// connection turned to TLS by STARTTLS before anything secret is sent (port 143). There is no
/// plaintext mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    #[default]
    Tls,
    Starttls,
}

/// What EXAMINE / SELECT tells about a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FolderStatus {
    pub uidvalidity: u32,
    pub uidnext: Option<u32>,
    pub exists: u32,
}

/// A folder as LIST gives it, its name decoded from IMAP's modified UTF-7.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FolderInfo {
    pub name: String,
    /// False for a folder that only holds other folders (`\Noselect`).
    pub selectable: bool,
}

/// A literal as read: kept, or read past because it was over the limit (its size).
#[derive(Debug)]
pub enum Literal {
    Kept(Vec<u8>),
    TooLarge(u64),
}

/// What a message is before its body is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub uid: u32,
    pub size: u64,
    pub subject: String,
}

/// An authenticated or not yet authenticated session.
pub struct Session {
    stream: BufReader<Link>,
    tag: u32,
    seconds: u64,
    deadline: Instant,
    /// The server's capabilities as it last listed them (upper case), once asked.
    caps: Option<Vec<String>>,
}

impl Session {
    /// Connect, secure the connection as `security` says and read the greeting; no read or
    /// write of the session goes past `deadline`.
    pub fn connect(
        host: &str,
        port: u16,
        security: Security,
        tls: Arc<ClientConfig>,
        timeout: Duration,
        deadline: Instant,
    ) -> Result<Session> {
        let seconds = seconds_until(deadline);
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
        let tcp = Deadlined {
            tcp,
            timeout,
            deadline,
            seconds,
        };
        let session = match security {
            Security::Tls => {
                let conn =
                    ClientConnection::new(tls, name).map_err(|e| ImapError::Tls(e.to_string()))?;
                Session::start(Link::Tls(Box::new(StreamOwned::new(conn, tcp))), deadline)
            }
            Security::Starttls => Session::start(Link::Plain(tcp), deadline)
                .and_then(|mut s| s.starttls(tls, name).map(|()| s)),
        };
        // rustls reports a refused handshake (untrusted, expired, wrong name) as invalid data.
        session.map_err(|e| match e {
            ImapError::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
                ImapError::Tls(io.to_string())
            }
            other => other,
        })
    }

    /// A session over an already connected stream (whose own reads keep to `deadline`): reads
    /// the greeting.
    pub fn over(stream: Box<dyn Duplex>, deadline: Instant) -> Result<Session> {
        Session::start(Link::Other(stream), deadline)
    }

    fn start(link: Link, deadline: Instant) -> Result<Session> {
        let mut s = Session {
            stream: BufReader::new(link),
            tag: 0,
            seconds: seconds_until(deadline),
            deadline,
            caps: None,
        };
        let frame = read_frame(&mut s.stream, s.seconds, s.deadline, 0)?;
        let greeting = match GreetingCodec::default().decode(&frame.bytes) {
            Ok((_, g)) => g,
            Err(_) => return Err(ImapError::Protocol(clip_bytes(&frame.bytes))),
        };
        match greeting.kind {
            GreetingKind::Ok | GreetingKind::PreAuth => {}
            GreetingKind::Bye => return Err(ImapError::Protocol(clip(greeting.text.inner()))),
        }
        if let Some(Code::Capability(caps)) = &greeting.code {
            s.caps = Some(caps.as_ref().iter().map(cap_name).collect());
        }
        Ok(s)
    }

    /// The server's capabilities (CAPABILITY, unless the greeting or STARTTLS already said).
    pub fn capabilities(&mut self) -> Result<&[String]> {
        if self.caps.is_none() {
            let tag = self.command(CommandBody::Capability)?;
            let mut caps = Vec::new();
            self.collect(&tag, "CAPABILITY", 0, &mut |r, _| {
                if let Response::Data(Data::Capability(c)) = r {
                    caps.extend(c.as_ref().iter().map(cap_name));
                }
                Ok(())
            })?;
            self.caps = Some(caps);
        }
        Ok(self.caps.as_deref().unwrap_or_default())
    }

    fn has(&mut self, cap: &str) -> Result<bool> {
        Ok(self.capabilities()?.iter().any(|c| c == cap))
    }

    /// STARTTLS: refused unless the server offers it; nothing the server sent in plain text
    /// after its OK is read (it could be an attacker's), and the capabilities are asked again
    /// over TLS.
    fn starttls(&mut self, tls: Arc<ClientConfig>, name: ServerName<'static>) -> Result<()> {
        if !self.has("STARTTLS")? {
            return Err(ImapError::Tls(
                "the server offers no STARTTLS (security = \"tls\" under [mail] uses TLS from the first byte)"
                    .into(),
            ));
        }
        let tag = self.command(CommandBody::StartTLS)?;
        self.collect(&tag, "STARTTLS", 0, &mut |_, _| Ok(()))?;
        if !self.stream.buffer().is_empty() {
            return Err(ImapError::Tls(
                "the server sent plain text after STARTTLS: refused".into(),
            ));
        }
        let Link::Plain(tcp) = std::mem::replace(self.stream.get_mut(), Link::Swapping) else {
            return Err(ImapError::Tls(
                "STARTTLS on a connection already secured".into(),
            ));
        };
        let conn = ClientConnection::new(tls, name).map_err(|e| ImapError::Tls(e.to_string()))?;
        *self.stream.get_mut() = Link::Tls(Box::new(StreamOwned::new(conn, tcp)));
        self.caps = None;
        self.capabilities()?;
        Ok(())
    }

    /// LOGIN (refused before sending when the server says LOGINDISABLED); the password goes
    /// as the codec quotes it, or as a literal, and is never logged.
    pub fn login(&mut self, user: &str, password: &str) -> Result<()> {
        if self.has("LOGINDISABLED")? {
            return Err(ImapError::Auth(
                "the server allows no LOGIN on this connection".into(),
            ));
        }
        let body = CommandBody::login(user, password)
            .map_err(|_| ImapError::Auth("a user name or password IMAP cannot carry".into()))?;
        let tag = match self.command(body) {
            Ok(tag) => tag,
            Err(ImapError::Refused { message, .. }) => return Err(ImapError::Auth(message)),
            Err(e) => return Err(e),
        };
        match self.collect(&tag, "LOGIN", 0, &mut |_, _| Ok(())) {
            Ok(()) => Ok(()),
            Err(ImapError::Refused { message, .. }) => Err(ImapError::Auth(message)),
            Err(e) => Err(e),
        }
    }

    /// AUTHENTICATE XOAUTH2 (Gmail, Microsoft 365) with an OAuth access token: in the command
    /// when the server takes an initial response (SASL-IR), else after its go-ahead. A refusal
    /// comes as a challenge carrying the reason, answered with an empty line.
    pub fn xoauth2(&mut self, user: &str, token: &str) -> Result<()> {
        if !self.has("AUTH=XOAUTH2")? {
            return Err(ImapError::Auth(
                "the server does not offer XOAUTH2 (auth = \"login\" under [mail] sends the password)"
                    .into(),
            ));
        }
        let blob = format!("user={user}\x01auth=Bearer {token}\x01\x01").into_bytes();
        let with_ir = self.has("SASL-IR")?;
        let body = if with_ir {
            CommandBody::authenticate_with_ir(AuthMechanism::XOAuth2, blob.clone())
        } else {
            CommandBody::authenticate(AuthMechanism::XOAuth2)
        };
        let tag = self.command(body)?;
        let mut blob = (!with_ir).then_some(blob);
        let mut untagged = 0usize;
        loop {
            let frame = read_frame(&mut self.stream, self.seconds, self.deadline, 0)?;
            let answer = match ResponseCodec::default().decode(&frame.bytes) {
                Ok((_, Response::CommandContinuationRequest(_))) => match blob.take() {
                    Some(b) => AuthenticateDataCodec::default()
                        .encode(&AuthenticateData(Secret::new(b)))
                        .dump(),
                    // The challenge after the token is the server's reason for refusing it.
                    None => b"\r\n".to_vec(),
                },
                Ok((_, Response::Status(s))) if is_tagged(&s, &tag) => {
                    return match s {
                        Status::Ok { .. } => {
                            self.caps = None;
                            Ok(())
                        }
                        other => Err(ImapError::Auth(clip(other.text().inner()))),
                    };
                }
                Ok((_, Response::Status(Status::Bye { text, .. }))) => {
                    return Err(ImapError::Protocol(clip(text.inner())))
                }
                _ => {
                    untagged += 1;
                    if untagged > MAX_UNTAGGED {
                        return Err(too_many("AUTHENTICATE"));
                    }
                    continue;
                }
            };
            self.send(&answer)?;
        }
    }

    /// Every folder of the account (LIST "" "*"), by name.
    pub fn list(&mut self) -> Result<Vec<FolderInfo>> {
        let body = CommandBody::list("", "*")
            .map_err(|_| ImapError::Protocol("LIST could not be encoded".into()))?;
        let tag = self.command(body)?;
        let mut out = Vec::new();
        self.collect(&tag, "LIST", 0, &mut |r, _| {
            if let Response::Data(Data::List { items, mailbox, .. }) = r {
                let name = match mailbox {
                    Mailbox::Inbox => "INBOX".to_string(),
                    Mailbox::Other(o) => utf7_decode(o.as_ref()),
                };
                let selectable = !items.contains(&FlagNameAttribute::Noselect);
                out.push(FolderInfo { name, selectable });
            }
            Ok(())
        })?;
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out.dedup_by(|a, b| a.name == b.name);
        Ok(out)
    }

    /// Open a folder: read-only (EXAMINE) unless flags are to be changed.
    pub fn open(&mut self, folder: &str, writable: bool) -> Result<FolderStatus> {
        let encoded = utf7_encode(folder);
        let mailbox = Mailbox::try_from(encoded.as_str()).map_err(|_| {
            ImapError::Protocol(format!("{folder}: not a folder name IMAP can carry"))
        })?;
        let (verb, body) = if writable {
            ("SELECT", CommandBody::Select { mailbox })
        } else {
            ("EXAMINE", CommandBody::Examine { mailbox })
        };
        let tag = self.command(body)?;
        let mut st = FolderStatus::default();
        let mut seen_validity = false;
        self.collect(&tag, &format!("{verb} {folder}"), 0, &mut |r, _| {
            match r {
                Response::Data(Data::Exists(n)) => st.exists = *n,
                Response::Status(s) => match s.code() {
                    Some(Code::UidValidity(v)) => {
                        st.uidvalidity = v.get();
                        seen_validity = true;
                    }
                    Some(Code::UidNext(v)) => st.uidnext = Some(v.get()),
                    _ => {}
                },
                _ => {}
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
        let tag = self.uid_fetch("*", vec![MessageDataItemName::Uid])?;
        let mut top = None;
        self.collect(&tag, "UID FETCH", 0, &mut |r, _| {
            if let Some(u) = fetch_items(r).and_then(uid_of) {
                top = Some(top.map_or(u, |t: u32| t.max(u)));
            }
            Ok(())
        })?;
        Ok(top)
    }

    /// UID, size and subject of the messages with UIDs in `from..=to` (at most [`WINDOW`] of
    /// them), ascending.
    pub fn envelopes(&mut self, from: u32, to: u32) -> Result<Vec<Envelope>> {
        let subject = NonEmptyVec::from(
            AString::try_from("SUBJECT")
                .map_err(|_| ImapError::Protocol("SUBJECT could not be encoded".into()))?,
        );
        let tag = self.uid_fetch(
            &format!("{from}:{to}"),
            vec![
                MessageDataItemName::Uid,
                MessageDataItemName::Rfc822Size,
                MessageDataItemName::BodyExt {
                    section: Some(Section::HeaderFields(None, subject)),
                    partial: None,
                    peek: true,
                },
            ],
        )?;
        let mut out = Vec::new();
        self.collect(&tag, "UID FETCH", 0, &mut |r, _| {
            let Some(items) = fetch_items(r) else {
                return Ok(());
            };
            let size = items.iter().find_map(|i| match i {
                MessageDataItem::Rfc822Size(n) => Some(*n),
                _ => None,
            });
            let (Some(uid), Some(size)) = (uid_of(items), size) else {
                return Ok(());
            };
            // `n:m` may name the highest UID even below n.
            if !(from..=to).contains(&uid) {
                return Ok(());
            }
            let subject = items
                .iter()
                .find_map(|i| match i {
                    MessageDataItem::BodyExt {
                        section: Some(Section::HeaderFields(..)),
                        data,
                        ..
                    } => data.0.as_ref().map(|h| subject_of(h.as_ref())),
                    _ => None,
                })
                .unwrap_or_default();
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
        let tag = self.uid_fetch(
            &uid_set(uids),
            vec![
                MessageDataItemName::Uid,
                MessageDataItemName::BodyExt {
                    section: None,
                    partial: None,
                    peek: true,
                },
            ],
        )?;
        self.collect(&tag, "UID FETCH", max, &mut |r, large| {
            let Some(items) = fetch_items(r) else {
                return Ok(());
            };
            let Some(uid) = uid_of(items) else {
                return Ok(());
            };
            if uids.binary_search(&uid).is_err() {
                return Ok(());
            }
            let Some(data) = items.iter().find_map(|i| match i {
                MessageDataItem::BodyExt {
                    section: None,
                    data,
                    ..
                } => Some(data),
                _ => None,
            }) else {
                return Ok(());
            };
            // A body longer than a small literal was taken out of the frame, first in order.
            let body = match data.0.as_ref().map(|b| b.as_ref()) {
                Some(b) if b.len() as u64 > max => Literal::TooLarge(b.len() as u64),
                Some(b) if !b.is_empty() || large.is_empty() => Literal::Kept(b.to_vec()),
                Some(_) => large.remove(0),
                None => return Ok(()),
            };
            each(uid, body)
        })
    }

    /// Mark messages seen (only with `--mark-seen`; the folder must be open writable).
    pub fn mark_seen(&mut self, uids: &[u32]) -> Result<()> {
        if uids.is_empty() {
            return Ok(());
        }
        let body = CommandBody::store(
            uid_set(uids).as_str(),
            StoreType::Add,
            StoreResponse::Silent,
            vec![Flag::Seen],
            true,
        )
        .map_err(|_| ImapError::Protocol("UID STORE could not be encoded".into()))?;
        let tag = self.command(body)?;
        self.collect(&tag, "UID STORE", 0, &mut |_, _| Ok(()))
    }

    pub fn logout(mut self) {
        if let Ok(tag) = self.command(CommandBody::Logout) {
            let _ = self.collect(&tag, "LOGOUT", 0, &mut |_, _| Ok(()));
        }
    }

    fn uid_fetch(&mut self, set: &str, items: Vec<MessageDataItemName<'static>>) -> Result<String> {
        let body = CommandBody::fetch(set, items, true)
            .map_err(|_| ImapError::Protocol(format!("UID set {set} could not be encoded")))?;
        self.command(body)
    }

    /// Send a command under a new tag, as the codec encodes it: a literal's bytes go only
    /// after the server's go-ahead (`+`).
    fn command(&mut self, body: CommandBody<'_>) -> Result<String> {
        self.tag += 1;
        let tag = format!("b{}", self.tag);
        let name = body.name();
        let command = Command::new(tag.as_str(), body)
            .map_err(|_| ImapError::Protocol(format!("tag {tag}")))?;
        for fragment in CommandCodec::default().encode(&command) {
            match fragment {
                Fragment::Line { data } => self.send(&data)?,
                Fragment::Literal { data, .. } => {
                    let frame = read_frame(&mut self.stream, self.seconds, self.deadline, 0)?;
                    match ResponseCodec::default().decode(&frame.bytes) {
                        Ok((_, Response::CommandContinuationRequest(_))) => self.send(&data)?,
                        Ok((_, Response::Status(s))) if is_tagged(&s, &tag) => {
                            return Err(ImapError::Refused {
                                command: name.to_string(),
                                message: clip(s.text().inner()),
                            })
                        }
                        _ => return Err(ImapError::Protocol(clip_bytes(&frame.bytes))),
                    }
                }
            }
        }
        Ok(tag)
    }

    fn send(&mut self, bytes: &[u8]) -> Result<()> {
        let (seconds, deadline) = (self.seconds, self.deadline);
        let s = self.stream.get_mut();
        s.write_all(bytes)
            .map_err(|e| io_error(e, seconds, deadline))?;
        s.flush().map_err(|e| io_error(e, seconds, deadline))?;
        Ok(())
    }

    /// Responses up to the tagged one, each handed to `each` (with the large literals it
    /// carried) and then dropped; NO and BAD become `Refused`. Large literals past
    /// `literal_max` in all are read past, not kept. An untagged response the codec cannot
    /// read is counted and passed over, as a server's private extension would be.
    fn collect(
        &mut self,
        tag: &str,
        command: &str,
        literal_max: u64,
        each: &mut dyn FnMut(&Response<'_>, &mut Vec<Literal>) -> Result<()>,
    ) -> Result<()> {
        let mut untagged = 0usize;
        loop {
            let mut frame = read_frame(&mut self.stream, self.seconds, self.deadline, literal_max)?;
            match ResponseCodec::default().decode(&frame.bytes) {
                Ok((_, Response::Status(s))) if is_tagged(&s, tag) => {
                    return match s {
                        Status::Ok { .. } => Ok(()),
                        other => Err(ImapError::Refused {
                            command: command.to_string(),
                            message: clip(other.text().inner()),
                        }),
                    };
                }
                Ok((_, Response::Status(Status::Bye { text, .. }))) => {
                    return Err(ImapError::Protocol(format!("BYE {}", clip(text.inner()))));
                }
                Ok((_, r)) => {
                    untagged += 1;
                    if untagged > MAX_UNTAGGED {
                        return Err(too_many(command));
                    }
                    each(&r, &mut frame.large)?;
                }
                Err(_) if frame.bytes.starts_with(b"* ") => {
                    untagged += 1;
                    if untagged > MAX_UNTAGGED {
                        return Err(too_many(command));
                    }
                }
                Err(_) => return Err(ImapError::Protocol(clip_bytes(&frame.bytes))),
            }
        }
    }
}

fn is_tagged(s: &Status<'_>, tag: &str) -> bool {
    s.tag().is_some_and(|t| t.inner() == tag)
}

fn too_many(command: &str) -> ImapError {
    ImapError::Protocol(format!(
        "{command}: more than {MAX_UNTAGGED} untagged responses"
    ))
}

/// A capability as compared here: `AUTH=XOAUTH2`, `STARTTLS`, `SASL-IR`.
fn cap_name(c: &imap_codec::imap_types::response::Capability<'_>) -> String {
    c.to_string().to_ascii_uppercase()
}

/// The data items of a FETCH response.
fn fetch_items<'a>(r: &'a Response<'_>) -> Option<&'a [MessageDataItem<'a>]> {
    match r {
        Response::Data(Data::Fetch { items, .. }) => Some(items.as_ref()),
        _ => None,
    }
}

fn uid_of(items: &[MessageDataItem<'_>]) -> Option<u32> {
    items.iter().find_map(|i| match i {
        MessageDataItem::Uid(u) => Some(u.get()),
        _ => None,
    })
}

/// The Subject of a header block, decoded, on one line.
fn subject_of(header: &[u8]) -> String {
    mail_parser::MessageParser::default()
        .parse_headers(header)
        .and_then(|m| m.subject().map(clip))
        .unwrap_or_default()
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

/// Server text in errors: one line, bounded.
fn clip(s: &str) -> String {
    crate::text::truncate(&crate::text::cell(s), 200)
}

fn clip_bytes(b: &[u8]) -> String {
    clip(&String::from_utf8_lossy(&b[..b.len().min(400)]))
}

#[cfg(test)]
#[path = "imap_tests.rs"]
mod tests;
