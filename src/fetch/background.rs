//! A fetch on one worker thread, for the dashboard: progress and the outcome come back on a
//! channel, so the screen never waits on the network. Mails are stored as each batch ends,
//! on the worker's own connection; the dashboard sees them through `data_version`.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};

use chrono::Utc;

use super::{fetch, Credential, FetchReport, FetchRequest, MailConfig};
use crate::geo::Places;
use crate::skills::Taxonomy;
use crate::store::Store;

/// Everything the worker needs, owned: it outlives the key that started it.
pub struct Job {
    pub db: PathBuf,
    /// The user's skills file (read again on the worker), or none for the built-in one.
    pub skills: Option<(String, String)>,
    pub own_names: Vec<String>,
    pub mail: MailConfig,
    pub credential: Credential,
    pub places: &'static Places,
}

/// What the worker says, in order: progress, then one outcome.
#[derive(Debug)]
pub enum Event {
    Progress { done: usize, total: usize },
    Done(Outcome),
}

#[derive(Debug)]
pub enum Outcome {
    Fetched(Box<FetchReport>),
    /// No connection: nothing was fetched.
    Offline,
    /// Stopped with a reason; mails stored before it stay stored.
    Failed {
        stored: usize,
        reason: String,
    },
}

/// Start the fetch; the receiver ends after one [`Event::Done`].
pub fn spawn(job: Job) -> std::io::Result<Receiver<Event>> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("fetch".into())
        .spawn(move || {
            let outcome = run(&job, &mut |done, total| {
                let _ = tx.send(Event::Progress { done, total });
            });
            let _ = tx.send(Event::Done(outcome));
        })?;
    Ok(rx)
}

fn run(job: &Job, progress: &mut dyn FnMut(usize, usize)) -> Outcome {
    let failed = |reason: String| Outcome::Failed { stored: 0, reason };
    let tax = match Taxonomy::shared(job.skills.as_ref().map(|(n, t)| (n.as_str(), t.as_str()))) {
        Ok(t) => t,
        Err(e) => return failed(e.to_string()),
    };
    let mut store = match Store::open(&job.db, &tax) {
        Ok(s) => s,
        Err(e) => return failed(e.to_string()),
    };
    store.set_own_names(&job.own_names);
    let req = FetchRequest {
        config: &job.mail,
        credential: &job.credential,
        folders: &job.mail.folders,
        mark_seen: false,
        now: Utc::now(),
    };
    let mut report = FetchReport::default();
    match fetch(&mut store, &tax, job.places, &req, &mut report, progress) {
        Ok(()) => Outcome::Fetched(Box::new(report)),
        Err(e) if e.is_offline() && report.mails == 0 => Outcome::Offline,
        Err(e) => Outcome::Failed {
            stored: report.mails,
            reason: e.to_string(),
        },
    }
}
