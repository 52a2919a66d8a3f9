//! IMAP over TLS: new mail from the rep's mailbox, incrementally, through the same path as
//! `import mail` (sort, dedupe, store).
//!
//! Each folder remembers its UIDVALIDITY and the last UID stored; each batch of mails and the
//! mark that covers it are one transaction, so a fetch cut off midway resumes where it
//! stopped. Nothing on the server changes unless `mark_seen` is asked for.

pub mod imap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::Duration;

use crate::geo::Places;
use crate::ops::import_mail as inbox;
use crate::posting::mail;
use crate::skills::Taxonomy;
use crate::store::{FolderMark, OfferReport, Store};
use imap::{ImapError, Session};

/// The `[mail]` section of config.toml. There is deliberately no password here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailConfig {
    /// IMAP server (IMAPS, TLS from the first byte).
    pub host: Option<String>,
    pub port: u16,
    pub user: Option<String>,
    /// Folders to read, as the mail program shows them (`案件` is encoded for IMAP here).
    pub folders: Vec<String>,
    /// Extra trusted certificates (PEM), for a server with its own certificate authority.
    pub ca_file: Option<PathBuf>,
    /// Seconds to wait for the server before giving up (and reporting offline).
    pub timeout_seconds: u64,
    /// Mails per transaction.
    pub batch: usize,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            host: None,
            port: 993,
            user: None,
            folders: vec!["INBOX".into()],
            ca_file: None,
            timeout_seconds: 20,
            batch: 200,
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
    pub fetched: usize,
    pub last_uid: u32,
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
    pub marked_seen: usize,
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
    pub password: &'a str,
    pub folders: &'a [String],
    pub mark_seen: bool,
    /// Date for mails without a Date header.
    pub now: DateTime<Utc>,
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
    let (Some(host), Some(user), Some(account)) =
        (cfg.host.as_deref(), cfg.user.as_deref(), cfg.account())
    else {
        return Err(FetchError::Config(
            "no mailbox configured: set host and user under [mail] in config.toml".into(),
        ));
    };
    report.account = account.clone();
    let tls = imap::tls_config(cfg.ca_file.as_deref())?;
    let timeout = Duration::from_secs(cfg.timeout_seconds.max(1));
    let mut session = Session::connect(host, cfg.port, tls, timeout)?;
    session.login(user, req.password)?;
    let batch_size = cfg.batch.max(1);
    for folder in req.folders {
        let status = session.open(folder, req.mark_seen)?;
        let mark = store.folder_mark(&account, folder)?;
        let changed = mark
            .as_ref()
            .is_some_and(|m| m.uidvalidity != status.uidvalidity);
        // A new UIDVALIDITY renumbers the folder: read it all again; dedupe keeps it idempotent.
        let after = match &mark {
            Some(m) if !changed => m.last_uid,
            _ => 0,
        };
        let uids = session.uids_after(after)?;
        let mut fr = FolderReport {
            folder: folder.clone(),
            uidvalidity: status.uidvalidity,
            uidvalidity_changed: changed,
            fetched: 0,
            last_uid: after,
        };
        if uids.is_empty() {
            store.set_folder_mark(
                &account,
                folder,
                &FolderMark {
                    uidvalidity: status.uidvalidity,
                    last_uid: after,
                    fetched_at: Utc::now(),
                },
            )?;
        }
        let total = uids.len();
        let mut done = 0;
        for chunk in uids.chunks(batch_size) {
            let messages = session.fetch(chunk)?;
            let mut batch = store.posting_batch(Utc::now())?;
            let mut filed = inbox::Filed::default();
            let mut kinds = Vec::with_capacity(messages.len());
            for (uid, raw) in &messages {
                let what = format!("{folder} UID {uid}");
                match mail::read_mail(raw) {
                    Ok(m) => {
                        let c = inbox::file_mail(
                            &mut batch, &m, &what, tax, places, req.now, &mut filed,
                        )
                        .map_err(|e| FetchError::Store(crate::store::StoreError::Invalid(e)))?;
                        kinds.push(c.label());
                    }
                    Err(e) => report.skipped.push(format!("{what}: {e}")),
                }
            }
            let last = chunk.last().copied().unwrap_or(after);
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
            for k in kinds {
                *report.by_kind.entry(k).or_default() += 1;
            }
            report.mails += messages.len();
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
            fr.fetched += messages.len();
            fr.last_uid = last;
            if req.mark_seen {
                session.mark_seen(chunk)?;
                report.marked_seen += chunk.len();
            }
            done += chunk.len();
            progress(done, total);
        }
        report.folders.push(fr);
    }
    session.logout();
    Ok(())
}
