//! Team sync as the rep and the hub's admin use it: sync this laptop with the hub, run
//! the hub, add and revoke members, restore a lost edit.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::store::hub::{HubStore, Member};
use crate::store::{Store, StoreError, SCHEMA_VERSION};
use crate::sync::http::{self, Client, HttpError, HubUrl, Request, Response};
use crate::sync::protocol::{Pull, PullReply, Push, PushReply, Role, SCHEMA_HEADER};
use crate::sync::SyncConfig;

/// Rows per upload; a bigger backlog goes in several batches.
pub const BATCH: usize = 2_000;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// No hub configured: `[sync] url` is empty.
    #[error("no hub configured: set [sync] url and token (docs/team.md)")]
    NotConfigured,
    /// The hub cannot be reached now; nothing was lost, the queue waits.
    #[error("offline: {0}")]
    Offline(String),
    /// The hub said no, in one line that says what to do.
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Tls(String),
    #[error("hub: {0}")]
    Protocol(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<HttpError> for SyncError {
    fn from(e: HttpError) -> Self {
        match e {
            HttpError::Unreachable(m) => SyncError::Offline(m),
            HttpError::Tls(m) => SyncError::Tls(format!("TLS with the hub: {m}")),
            HttpError::Protocol(m) => SyncError::Protocol(m),
        }
    }
}

/// Why the hub could not be set up or started, in one line that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("{0}: certificates exist already; remove ca.pem, hub-cert.pem and hub-key.pem to make new ones (every laptop then needs the new ca.pem)")]
    CertificatesExist(String),
    #[error("name the hub as laptops reach it: --host hub.example.lan (repeatable)")]
    NoHostNames,
    #[error("make the certificates: {0}")]
    Certificates(#[from] rcgen::Error),
    #[error("{0} (make them once with `benchmatch serve init --host NAME`)")]
    Tls(HttpError),
    #[error("{path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    #[error("{listen}: {source}")]
    Listen {
        listen: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl HubError {
    fn file(path: &Path) -> impl FnOnce(std::io::Error) -> HubError + '_ {
        move |source| HubError::File {
            path: path.display().to_string(),
            source,
        }
    }

    fn listen(listen: &str) -> impl FnOnce(std::io::Error) -> HubError + '_ {
        move |source| HubError::Listen {
            listen: listen.to_string(),
            source,
        }
    }
}

/// The hub as this laptop reaches it.
#[derive(Clone)]
pub struct Remote {
    client: Client,
    token: String,
}

impl Remote {
    pub fn new(url: &str, token: &str, ca: Option<&Path>) -> Result<Remote, SyncError> {
        let url = HubUrl::parse(url).map_err(SyncError::Refused)?;
        let tls = http::client_tls(ca)?;
        if token.trim().is_empty() {
            return Err(SyncError::Refused(
                "no sync token: set [sync] token or BENCHMATCH_SYNC_TOKEN".into(),
            ));
        }
        Ok(Remote {
            client: Client::new(url, tls, Duration::from_secs(5)),
            token: token.trim().to_string(),
        })
    }

    /// The hub of the config, the token from BENCHMATCH_SYNC_TOKEN before the file.
    pub fn from_config(cfg: &SyncConfig) -> Result<Remote, SyncError> {
        if cfg.url.trim().is_empty() {
            return Err(SyncError::NotConfigured);
        }
        let token = std::env::var("BENCHMATCH_SYNC_TOKEN")
            .ok()
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| cfg.token.clone());
        let ca = (!cfg.ca.is_empty()).then(|| PathBuf::from(&cfg.ca));
        Remote::new(&cfg.url, &token, ca.as_deref())
    }

    fn call<T: serde::de::DeserializeOwned>(
        &self,
        method: &str,
        target: &str,
        body: &[u8],
        schema: i64,
    ) -> Result<T, SyncError> {
        let auth = format!("Bearer {}", self.token);
        let schema = schema.to_string();
        let (status, body) = self.client.call(
            method,
            target,
            &[("Authorization", &auth), (SCHEMA_HEADER, &schema)],
            body,
        )?;
        if status != 200 {
            let line = String::from_utf8_lossy(&body);
            let line = line.lines().next().unwrap_or("").trim();
            return Err(SyncError::Refused(if line.is_empty() {
                format!("the hub answered {status}")
            } else {
                line.to_string()
            }));
        }
        serde_json::from_slice(&body).map_err(|e| SyncError::Protocol(e.to_string()))
    }

    fn push(&self, push: &Push, schema: i64) -> Result<PushReply, SyncError> {
        let body = serde_json::to_vec(push).map_err(|e| SyncError::Protocol(e.to_string()))?;
        self.call("POST", "/v1/push", &body, schema)
    }

    fn pull(&self, pull: &Pull, schema: i64) -> Result<PullReply, SyncError> {
        let body = serde_json::to_vec(pull).map_err(|e| SyncError::Protocol(e.to_string()))?;
        self.call("POST", "/v1/pull", &body, schema)
    }
}

/// What one sync did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SyncReport {
    pub sent: usize,
    pub received: usize,
    pub conflicts: usize,
}

/// Send this laptop's queued edits, then take everyone else's since the last sync.
/// Safe to interrupt anywhere: an unanswered batch is sent again under its number and
/// the hub skips it, so nothing is lost or applied twice.
pub fn sync(store: &mut Store, remote: &Remote, share_mail: bool) -> Result<SyncReport, SyncError> {
    sync_as(store, remote, share_mail, SCHEMA_VERSION)
}

/// [`sync`] claiming schema `schema`: what a laptop with an older benchmatch sends.
pub fn sync_as(
    store: &mut Store,
    remote: &Remote,
    share_mail: bool,
    schema: i64,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    while let Some(push) = store.sync_batch(share_mail, BATCH)? {
        remote.push(&push, schema)?;
        store.sync_ack(&push)?;
        report.sent += push.changes.len();
    }
    let laptop = store.sync_laptop()?;
    let mut since = store.sync_cursor()?;
    let (mut rows, mut notices) = (Vec::new(), Vec::new());
    let member = loop {
        let reply = remote.pull(
            &Pull {
                laptop: laptop.clone(),
                since,
            },
            schema,
        )?;
        rows.extend(reply.rows);
        notices.extend(reply.notices);
        since = reply.cursor;
        if !reply.more {
            break reply.member;
        }
    };
    store.sync_set_member(&member)?;
    let applied = store.sync_apply(&rows, &notices, since)?;
    report.received = applied.rows;
    report.conflicts = applied.conflicts;
    Ok(report)
}

/// Send the next batch and stop before recording the hub's answer: what a laptop that
/// crashed or lost its connection in between did. For tests of exactly that.
pub fn upload_unacknowledged(
    store: &mut Store,
    remote: &Remote,
    share_mail: bool,
) -> Result<usize, SyncError> {
    match store.sync_batch(share_mail, BATCH)? {
        Some(push) => {
            remote.push(&push, SCHEMA_VERSION)?;
            Ok(push.changes.len())
        }
        None => Ok(0),
    }
}

/// Put back the value this laptop lost in a conflict; it goes up on the next sync.
pub fn restore(store: &mut Store, id: i64) -> Result<crate::store::sync::SyncConflict, StoreError> {
    store.sync_restore(id)
}

pub fn dismiss(store: &mut Store, id: i64) -> Result<(), StoreError> {
    store.sync_dismiss(id)
}

/// The warning a rep reads before proposing an engineer another member already proposed
/// to the same end client (二重提案): the hub would keep theirs.
pub fn proposed_by_others(
    store: &Store,
    opening: i64,
    engineer: i64,
    lang: crate::i18n::Lang,
) -> Result<Option<String>, StoreError> {
    Ok(store
        .proposed_by_others(opening, engineer)?
        .map(|(id, by, title)| match lang {
            crate::i18n::Lang::Ja => format!(
                "注意: この技術者は {by} さんが同じ顧客に提案済みです(提案 #{id}「{title}」)。二重提案になります"
            ),
            crate::i18n::Lang::En => format!(
                "warning: {by} already proposed this engineer to the same client (proposal #{id}, {title}): a double proposal"
            ),
        }))
}

/// The hub's files in its directory.
pub struct HubFiles {
    pub db: PathBuf,
    pub ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl HubFiles {
    pub fn in_dir(dir: &Path) -> HubFiles {
        HubFiles {
            db: dir.join("hub.sqlite"),
            ca: dir.join("ca.pem"),
            cert: dir.join("hub-cert.pem"),
            key: dir.join("hub-key.pem"),
        }
    }
}

/// Make the firm's CA and the hub's certificate for `names`, owner-only files; refused
/// when they exist (laptops already trust that CA).
pub fn init_certificates(files: &HubFiles, firm: &str, names: &[String]) -> Result<(), HubError> {
    if files.cert.exists() || files.key.exists() || files.ca.exists() {
        let dir = files.cert.parent().unwrap_or(Path::new("."));
        return Err(HubError::CertificatesExist(dir.display().to_string()));
    }
    if names.is_empty() {
        return Err(HubError::NoHostNames);
    }
    let certs = crate::sync::certs::generate(firm, names)?;
    for (path, text) in [
        (&files.ca, &certs.ca_pem),
        (&files.cert, &certs.cert_pem),
        (&files.key, &certs.key_pem),
    ] {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(HubError::file(dir))?;
        }
        let mut f = crate::output::create_private_file(path).map_err(HubError::file(path))?;
        std::io::Write::write_all(&mut f, text.as_bytes()).map_err(HubError::file(path))?;
    }
    Ok(())
}

pub fn add_member(hub: &mut HubStore, name: &str, role: Role) -> Result<String, StoreError> {
    hub.add_member(name, role)
}

pub fn revoke(hub: &mut HubStore, name: &str) -> Result<(), StoreError> {
    hub.revoke(name)
}

/// The hub's answer to one request: tokens and schema checked, then push or pull,
/// one at a time, so changes apply in arrival order.
pub fn handler(hub: HubStore) -> http::Handler {
    let hub = Arc::new(Mutex::new(hub));
    Arc::new(move |req: Request| answer(&hub, &req))
}

fn answer(hub: &Mutex<HubStore>, req: &Request) -> Response {
    let Ok(mut hub) = hub.lock() else {
        return Response::text(500, "the hub failed; restart it");
    };
    let token = req
        .header("authorization")
        .and_then(|h| h.strip_prefix("Bearer "))
        .unwrap_or("");
    let member: Member = match hub.authenticate(token) {
        Ok(Some(m)) => m,
        Ok(None) => {
            return Response::text(
                401,
                "the hub refused this token (wrong or revoked): ask the hub's admin for a new one (serve add-member)",
            )
        }
        Err(e) => return Response::text(500, &e.to_string()),
    };
    let schema: Option<i64> = req
        .header(SCHEMA_HEADER)
        .and_then(|s| s.trim().parse().ok());
    match schema {
        Some(s) if s == SCHEMA_VERSION => {}
        Some(s) if s < SCHEMA_VERSION => {
            return Response::text(
                409,
                &format!(
                    "this laptop's benchmatch is older than the hub's (schema {s} < {SCHEMA_VERSION}): install the hub's version of benchmatch, run it once, then sync again"
                ),
            )
        }
        Some(s) => {
            return Response::text(
                409,
                &format!(
                    "the hub's benchmatch is older than this laptop's (schema {SCHEMA_VERSION} < {s}): ask the hub's admin to upgrade the hub, then sync again"
                ),
            )
        }
        None => return Response::text(400, "no schema version sent: not a benchmatch laptop"),
    }
    let json = |v: Result<Vec<u8>, serde_json::Error>| match v {
        Ok(body) => Response { status: 200, body },
        Err(e) => Response::text(500, &e.to_string()),
    };
    match (req.method.as_str(), req.target.as_str()) {
        ("POST", "/v1/push") => match serde_json::from_slice::<Push>(&req.body) {
            Ok(push) => match hub.push(&member, &push) {
                Ok(reply) => json(serde_json::to_vec(&reply)),
                Err(e) => Response::text(400, &e.to_string()),
            },
            Err(e) => Response::text(400, &format!("not a push: {e}")),
        },
        ("POST", "/v1/pull") => match serde_json::from_slice::<Pull>(&req.body) {
            Ok(pull) => match hub.pull(&member, &pull) {
                Ok(reply) => json(serde_json::to_vec(&reply)),
                Err(e) => Response::text(500, &e.to_string()),
            },
            Err(e) => Response::text(400, &format!("not a pull: {e}")),
        },
        _ => Response::text(404, "no such call"),
    }
}

/// A running hub: its address, and a way to stop it (tests, the dashboard's demo).
pub struct RunningHub {
    pub addr: std::net::SocketAddr,
    stopper: http::Stopper,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RunningHub {
    pub fn stop(mut self) {
        self.stopper.stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for RunningHub {
    fn drop(&mut self) {
        if let Some(t) = self.thread.take() {
            self.stopper.stop();
            let _ = t.join();
        }
    }
}

/// The hub's store: the SQLite file of `files`, or the PostgreSQL database at `postgres`.
pub fn open_hub(files: &HubFiles, postgres: Option<&str>) -> Result<HubStore, StoreError> {
    match postgres {
        Some(url) => HubStore::open_postgres(url),
        None => HubStore::open(&files.db),
    }
}

/// Start the hub of `files` listening on `listen` (port 0: any free port) in a thread;
/// its rows in PostgreSQL when `postgres` is given.
pub fn start_hub(
    files: &HubFiles,
    postgres: Option<&str>,
    listen: &str,
) -> Result<RunningHub, HubError> {
    let (server, hub) = bind_hub(files, postgres, listen)?;
    let addr = server.local_addr().map_err(HubError::listen(listen))?;
    let stopper = server.stopper().map_err(HubError::listen(listen))?;
    let handler = handler(hub);
    let thread = std::thread::spawn(move || server.run(handler));
    Ok(RunningHub {
        addr,
        stopper,
        thread: Some(thread),
    })
}

fn bind_hub(
    files: &HubFiles,
    postgres: Option<&str>,
    listen: &str,
) -> Result<(http::Server, HubStore), HubError> {
    let tls = http::server_tls(&files.cert, &files.key).map_err(HubError::Tls)?;
    let hub = open_hub(files, postgres)?;
    let server = http::Server::bind(listen, tls).map_err(HubError::listen(listen))?;
    Ok((server, hub))
}

/// Serve in this thread until the process ends; `ready` hears the address.
pub fn serve(
    files: &HubFiles,
    postgres: Option<&str>,
    listen: &str,
    ready: impl FnOnce(std::net::SocketAddr),
) -> Result<(), HubError> {
    let (server, hub) = bind_hub(files, postgres, listen)?;
    ready(server.local_addr().map_err(HubError::listen(listen))?);
    server.run(handler(hub));
    Ok(())
}

/// A sync for the dashboard's worker thread: everything owned, it outlives the key.
#[derive(Debug, Clone)]
pub struct SyncJob {
    pub db: PathBuf,
    /// The user's skills file (name, text), or none for the built-in taxonomy.
    pub skills: Option<(String, String)>,
    pub own_names: Vec<String>,
    pub config: SyncConfig,
}

/// Run one sync on a worker thread, on its own connection; the receiver hears once.
pub fn spawn(
    job: SyncJob,
) -> std::io::Result<std::sync::mpsc::Receiver<Result<SyncReport, SyncError>>> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("sync".into())
        .spawn(move || {
            let run = || -> Result<SyncReport, SyncError> {
                let remote = Remote::from_config(&job.config)?;
                let tax = crate::skills::Taxonomy::load(
                    job.skills.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
                )
                .map_err(|e| SyncError::Refused(e.to_string()))?;
                let mut store = Store::open(&job.db, &tax)?;
                store.set_own_names(&job.own_names);
                sync(&mut store, &remote, job.config.share_mail)
            };
            let _ = tx.send(run());
        })?;
    Ok(rx)
}
