//! IMAP over TLS: new mail from the rep's mailbox, incrementally, through the same path as
//! `import mail` (sort, dedupe, store).
//!
//! Each folder remembers its UIDVALIDITY and the last UID stored; each batch of mails and the
//! mark that covers it are one transaction, so a fetch cut off midway resumes where it
//! stopped. Nothing on the server changes unless `mark_seen` is asked for.

pub mod background;
mod frame;
pub mod imap;
pub mod keychain;
mod link;
mod utf7;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::geo::Places;
use crate::ops::import_mail as inbox;
use crate::posting::mail;
use crate::skills::Taxonomy;
use crate::store::{FolderMark, OfferReport, Store};
use imap::{FolderInfo, ImapError, Literal, Security, Session};

/// Largest mail stored: the same as `import mail` reads.
pub const MAX_MAIL_BYTES: u64 = crate::input::MAX_INPUT_BYTES;

/// The `[mail]` section of config.toml. There is deliberately no password here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailConfig {
    /// IMAP server.
    pub host: Option<String>,
    pub port: u16,
    /// `tls` (TLS from the first byte, port 993) or `starttls` (port 143, TLS before login).
    pub security: Security,
    pub user: Option<String>,
    /// `login` (a password) or `xoauth2` (an OAuth access token from `token_command`, as
    /// Gmail and Microsoft 365 want).
    pub auth: Auth,
    /// Folders to read, as the mail program shows them (`案件` is encoded for IMAP here).
    pub folders: Vec<String>,
    /// Extra trusted certificates (PEM), for a server with its own certificate authority.
    pub ca_file: Option<PathBuf>,
    /// Seconds to wait for the server before giving up (and reporting offline).
    pub timeout_seconds: u64,
    /// Mails per transaction.
    pub batch: usize,
    /// The whole fetch stops by then; the batches stored so far stay, the next fetch goes on.
    pub deadline_seconds: u64,
    /// A command whose first output line is the password (`pass show mail/work`), as aerc,
    /// himalaya and neomutt take it; run by `sh -c`.
    pub password_command: Option<String>,
    /// For `auth = "xoauth2"`: a command whose first output line is a fresh access token
    /// (`oama access rep@example.com`, a script around the provider's OAuth tool).
    pub token_command: Option<String>,
    /// Keep a password typed at the prompt in the OS keyring once it logs in, and read it from
    /// there before asking (`fetch --forget` removes it).
    pub keyring: bool,
}

/// How the client proves who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Auth {
    #[default]
    Login,
    Xoauth2,
}

/// The secret a fetch logs in with, never written anywhere.
#[derive(Clone)]
pub enum Credential {
    Password(String),
    /// An OAuth access token, for XOAUTH2.
    Token(String),
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Credential::Password(_) => "Password(…)",
            Credential::Token(_) => "Token(…)",
        })
    }
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            host: None,
            port: 993,
            security: Security::Tls,
            user: None,
            auth: Auth::Login,
            folders: vec!["INBOX".into()],
            ca_file: None,
            timeout_seconds: 20,
            batch: 200,
            deadline_seconds: 1800,
            password_command: None,
            token_command: None,
            keyring: true,
        }
    }
}

impl MailConfig {
    /// `user@host:port`: the account the folder marks belong to (no secret in it).
    pub fn account(&self) -> Option<String> {
        Some(format!(
            "{}@{}:{}",
            self.user.as_deref()?,
            self.host.as_deref()?,
            self.port
        ))
    }
}

/// What one folder gave.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FolderReport {
    pub folder: String,
    pub uidvalidity: u32,
    /// The folder's UIDVALIDITY changed since the last fetch: it was read again from the start.
    pub uidvalidity_changed: bool,
    /// The server's UIDs went back below the last one stored: read again from the start, as for
    /// a new UIDVALIDITY.
    pub uids_went_back: bool,
    pub fetched: usize,
    pub last_uid: u32,
}

/// A mail not stored because it is over [`MAX_MAIL_BYTES`]: the mark moves past it, and the rep
/// is told which one it was.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TooLarge {
    pub folder: String,
    pub uid: u32,
    pub subject: String,
    pub bytes: u64,
}

/// What a fetch did, as `import mail` reports it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FetchReport {
    pub account: String,
    pub folders: Vec<FolderReport>,
    pub mails: usize,
    /// Mails by what they held: opening, offer, mixed, other.
    pub by_kind: std::collections::BTreeMap<&'static str, usize>,
    pub openings_new: usize,
    pub openings_duplicates: usize,
    pub openings_known: usize,
    pub offers: OfferReport,
    /// Mails that could not be read, with the reason (the rest are stored).
    pub skipped: Vec<String>,
    /// Mails over the size limit, passed over.
    pub too_large: Vec<TooLarge>,
    /// UIDs the server listed but did not send: the mark stays before them, so the next fetch
    /// asks again.
    pub not_sent: Vec<String>,
    pub marked_seen: usize,
    /// The server took the credential (so a typed password is worth keeping).
    #[serde(skip)]
    pub signed_in: bool,
}

/// Why a fetch stopped, for the command to word.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{0}")]
    Imap(#[from] ImapError),
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    #[error("{0}")]
    Config(String),
}

impl FetchError {
    pub fn is_offline(&self) -> bool {
        matches!(self, FetchError::Imap(ImapError::Offline(_)))
    }
}

/// What the caller decides for a fetch.
pub struct FetchRequest<'a> {
    pub config: &'a MailConfig,
    pub credential: &'a Credential,
    pub folders: &'a [String],
    pub mark_seen: bool,
    /// Date for mails without a Date header.
    pub now: DateTime<Utc>,
}

fn not_configured() -> FetchError {
    FetchError::Config(
        "no mailbox configured: set host and user under [mail] in config.toml".into(),
    )
}

/// Connect as `[mail]` says (TLS or STARTTLS) and log in with the credential (LOGIN or
/// XOAUTH2).
fn sign_in(
    cfg: &MailConfig,
    credential: &Credential,
    deadline: Instant,
) -> Result<Session, FetchError> {
    let (Some(host), Some(user)) = (cfg.host.as_deref(), cfg.user.as_deref()) else {
        return Err(not_configured());
    };
    let tls = imap::tls_config(cfg.ca_file.as_deref())?;
    let timeout = Duration::from_secs(cfg.timeout_seconds.max(1));
    let mut session = Session::connect(host, cfg.port, cfg.security, tls, timeout, deadline)?;
    match (cfg.auth, credential) {
        (Auth::Login, Credential::Password(p)) => session.login(user, p)?,
        (Auth::Xoauth2, Credential::Token(t)) => session.xoauth2(user, t)?,
        _ => {
            return Err(FetchError::Config(
                "the credential does not match auth under [mail]".into(),
            ))
        }
    }
    Ok(session)
}

/// The account's folders, for the rep to choose `folders` under [mail] from.
pub fn list_folders(
    cfg: &MailConfig,
    credential: &Credential,
) -> Result<Vec<FolderInfo>, FetchError> {
    let deadline = Instant::now() + Duration::from_secs(cfg.deadline_seconds.max(1));
    let mut session = sign_in(cfg, credential, deadline)?;
    let folders = session.list()?;
    session.logout();
    Ok(folders)
}

/// Fetch every new mail of the requested folders into the store.
///
/// `progress(done, total)` is called after each batch; `report` holds what was stored so far
/// even when an error ends the fetch (earlier batches stay stored).
pub fn fetch(
    store: &mut Store,
    tax: &Taxonomy,
    places: &Places,
    req: &FetchRequest<'_>,
    report: &mut FetchReport,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(), FetchError> {
    let cfg = req.config;
    let account = cfg.account().ok_or_else(not_configured)?;
    report.account = account.clone();
    let deadline = Instant::now() + Duration::from_secs(cfg.deadline_seconds.max(1));
    let mut session = sign_in(cfg, req.credential, deadline)?;
    report.signed_in = true;
    let batch_size = cfg.batch.max(1);
    for folder in req.folders {
        let status = session.open(folder, req.mark_seen)?;
        let mark = store.folder_mark(&account, folder)?;
        let changed = mark
            .as_ref()
            .is_some_and(|m| m.uidvalidity != status.uidvalidity);
        let top = match status.uidnext {
            Some(next) => next.checked_sub(1),
            None if status.exists == 0 => None,
            None => session.highest_uid()?,
        }
        .unwrap_or(0);
        // UIDs only grow within one UIDVALIDITY: a mark above the server's highest UID means
        // the folder was renumbered without saying so, so it is read again like a new one.
        let went_back = !changed && mark.as_ref().is_some_and(|m| m.last_uid > top);
        // A new UIDVALIDITY renumbers the folder: read it all again; dedupe keeps it idempotent.
        let after = match &mark {
            Some(m) if !changed && !went_back => m.last_uid,
            _ => 0,
        };
        let mut fr = FolderReport {
            folder: folder.clone(),
            uidvalidity: status.uidvalidity,
            uidvalidity_changed: changed,
            uids_went_back: went_back,
            fetched: 0,
            last_uid: after,
        };
        store.set_folder_mark(
            &account,
            folder,
            &FolderMark {
                uidvalidity: status.uidvalidity,
                last_uid: after,
                fetched_at: Utc::now(),
            },
        )?;
        // Once a UID the server listed was not sent, the mark stays before it for this run.
        let mut held = false;
        let mut from = after.saturating_add(1);
        let mut done = 0;
        while from <= top && from > after {
            let to = from.saturating_add(imap::WINDOW - 1).min(top);
            let envelopes = session.envelopes(from, to)?;
            let total = done + envelopes.len();
            for chunk in envelopes.chunks(batch_size) {
                let wanted: Vec<u32> = chunk
                    .iter()
                    .filter(|e| e.size <= MAX_MAIL_BYTES)
                    .map(|e| e.uid)
                    .collect();
                let mut batch = store.posting_batch(Utc::now())?;
                let mut filed = inbox::Filed::default();
                let mut kinds = Vec::new();
                let mut handled: Vec<u32> = Vec::with_capacity(chunk.len());
                let mut large: Vec<TooLarge> = Vec::new();
                let mut failed: Option<FetchError> = None;
                session.fetch_each(&wanted, MAX_MAIL_BYTES, &mut |uid, body| {
                    let what = format!("{folder} UID {uid}");
                    handled.push(uid);
                    match body {
                        Literal::TooLarge(bytes) => large.push(TooLarge {
                            folder: folder.clone(),
                            uid,
                            subject: subject_of(chunk, uid),
                            bytes,
                        }),
                        Literal::Kept(raw) => match mail::read_mail(&raw) {
                            Ok(m) => match inbox::file_mail(
                                &mut batch, &m, &what, tax, places, req.now, &mut filed,
                            ) {
                                Ok(c) => kinds.push(c.label()),
                                Err(e) if failed.is_none() => {
                                    failed = Some(FetchError::Store(
                                        crate::store::StoreError::Invalid(e),
                                    ));
                                }
                                Err(_) => {}
                            },
                            Err(e) => report.skipped.push(format!("{what}: {e}")),
                        },
                    }
                    Ok(())
                })?;
                if let Some(e) = failed {
                    return Err(e);
                }
                for e in chunk.iter().filter(|e| e.size > MAX_MAIL_BYTES) {
                    handled.push(e.uid);
                    large.push(TooLarge {
                        folder: folder.clone(),
                        uid: e.uid,
                        subject: e.subject.clone(),
                        bytes: e.size,
                    });
                }
                handled.sort_unstable();
                // The mark moves over the run of UIDs stored or passed over, up to the first
                // one the server did not send.
                let mut last = fr.last_uid;
                for e in chunk {
                    if handled.binary_search(&e.uid).is_ok() {
                        if !held {
                            last = e.uid;
                        }
                    } else {
                        held = true;
                        report.not_sent.push(format!("{folder} UID {}", e.uid));
                    }
                }
                // Past the envelopes of a full window, the window's end is covered too.
                if !held && chunk.last().map(|e| e.uid) == envelopes.last().map(|e| e.uid) {
                    last = last.max(to);
                }
                // Each mail passed over is recorded with the mark that moves past it.
                for t in &large {
                    batch.record_too_large(
                        &crate::store::TooLargeMail {
                            account: account.clone(),
                            folder: t.folder.clone(),
                            uid: t.uid,
                            subject: t.subject.clone(),
                            bytes: t.bytes,
                            at: req.now,
                        },
                        status.uidvalidity,
                    )?;
                }
                batch.set_folder_mark(
                    &account,
                    folder,
                    &FolderMark {
                        uidvalidity: status.uidvalidity,
                        last_uid: last,
                        fetched_at: Utc::now(),
                    },
                )?;
                batch.commit()?;
                // Counted only once stored: a failed batch adds nothing to the report.
                let stored = kinds.len();
                for k in kinds {
                    *report.by_kind.entry(k).or_default() += 1;
                }
                report.mails += stored;
                report.offers.add(&filed.offers);
                report.openings_new += filed.openings.new;
                report.openings_duplicates += filed.openings.duplicates;
                report.openings_known += filed.openings.known;
                report.skipped.extend(
                    filed
                        .openings
                        .failed
                        .iter()
                        .map(|f| format!("{}: {}", f.what, f.reason)),
                );
                report.too_large.extend(large);
                fr.fetched += stored;
                fr.last_uid = last;
                if req.mark_seen {
                    session.mark_seen(&wanted)?;
                    report.marked_seen += wanted.len();
                }
                done += chunk.len();
                progress(done, total);
            }
            if envelopes.is_empty() && !held {
                batch_mark(store, &account, folder, status.uidvalidity, to)?;
                fr.last_uid = to;
            }
            from = match to.checked_add(1) {
                Some(f) => f,
                None => break,
            };
        }
        report.folders.push(fr);
    }
    session.logout();
    Ok(())
}

/// The subject the envelope of `uid` gave.
fn subject_of(chunk: &[imap::Envelope], uid: u32) -> String {
    chunk
        .iter()
        .find(|e| e.uid == uid)
        .map(|e| e.subject.clone())
        .unwrap_or_default()
}

/// Move the mark over a window that held no mail.
fn batch_mark(
    store: &mut Store,
    account: &str,
    folder: &str,
    uidvalidity: u32,
    last_uid: u32,
) -> Result<(), FetchError> {
    store.set_folder_mark(
        account,
        folder,
        &FolderMark {
            uidvalidity,
            last_uid,
            fetched_at: Utc::now(),
        },
    )?;
    Ok(())
}
