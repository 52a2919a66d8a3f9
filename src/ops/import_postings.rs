//! Files, folders, mailboxes and stdin into the store, each file in one transaction
//! (a mailbox in steps of [`crate::store::STEP`], so other writers are not kept waiting).
//!
//! A file is a mailbox (mbox), one mail (`.eml` or anything with mail headers) or
//! plain text. Each mail is cut into postings ([`super::split`]); each posting is
//! parsed, then either recognised (the same text was imported before: nothing is
//! added), linked to an opening it duplicates (a forwarded copy: a source row), or
//! stored as a new opening. A mail without text or a text without any posting
//! field is reported and skipped; a database error rolls the file back (a mailbox back
//! to its last step: a rerun stores the rest, recognising what is already stored).

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::posting::dedupe;
use crate::posting::layout::Doc;
use crate::posting::mail::{
    self, clean_subject, decode_text, looks_like_mail, looks_like_mbox, read_mail,
};
use crate::posting::{analyze_doc, split};
use crate::skills::Taxonomy;
use crate::store::{PostingBatch, PostingSource, Store, StoreError};

/// Why a file's postings were not stored; the file's transaction was rolled back (a
/// mailbox's to its last step).
#[derive(Debug, thiserror::Error)]
enum FileError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
    #[error(transparent)]
    Read(#[from] std::io::Error),
    #[error("reading mailbox: {0}")]
    Mailbox(std::io::Error),
    #[error(transparent)]
    Mail(#[from] crate::posting::mail::MailError),
    #[error("too large for one posting or mail (limit {} MB; mailboxes have none)", MAX_FILE_BYTES / 1_048_576)]
    FileTooLarge,
    #[error("input is too large for one posting or mail (limit {} MB)", MAX_FILE_BYTES / 1_048_576)]
    InputTooLarge,
}

/// Largest single mail or text file read; mailboxes are streamed and have no limit,
/// though each of their mails does. The one limit of [`crate::input`].
pub const MAX_FILE_BYTES: u64 = crate::input::MAX_INPUT_BYTES;

/// What an import did, for the summary line and `--json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub files: usize,
    /// Files in folders passed over: not text, mail or a mailbox by their name.
    pub skipped: usize,
    /// Postings read (a mail may carry several).
    pub postings: usize,
    pub new: usize,
    /// Forwarded copies linked to an opening already stored.
    pub duplicates: usize,
    /// Postings imported before (same text): nothing added.
    pub known: usize,
    pub failed: Vec<Failure>,
}

/// Something that could not be imported, and why, in one line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub what: String,
    pub reason: String,
}

/// One input: a file on disk or bytes already read (stdin).
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    Bytes { name: String, bytes: Vec<u8> },
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Bytes { name, .. } => name.clone(),
        }
    }

    /// Size for the progress bar.
    pub fn len(&self) -> u64 {
        match self {
            Input::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            Input::Bytes { bytes, .. } => bytes.len() as u64,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The files a list of paths names: files as given, folders walked (hidden entries
/// skipped, names sorted so imports are repeatable). Inside folders only text, mail,
/// mailbox and structured files are taken (see [`is_importable`]); the count of the
/// others is returned. Unreadable paths are failures.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, usize, Vec<Failure>) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    let mut skipped = 0;
    for p in paths {
        walk(p, &mut files, &mut skipped, &mut failed, 0);
    }
    (files, skipped, failed)
}

/// By name, a file a folder import reads: `.txt`, `.eml`, `.mbox`, `.json`, `.csv`, or no
/// extension at all (mail clients keep mailboxes as `Inbox`).
pub fn is_importable(p: &Path) -> bool {
    match p.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(e) => [
            "txt", "text", "eml", "mbox", "mbx", "mail", "msg", "json", "csv",
        ]
        .iter()
        .any(|x| e.eq_ignore_ascii_case(x)),
    }
}

fn walk(
    p: &Path,
    files: &mut Vec<PathBuf>,
    skipped: &mut usize,
    failed: &mut Vec<Failure>,
    depth: usize,
) {
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => {
            if depth > 32 {
                return;
            }
            let entries = match std::fs::read_dir(p) {
                Ok(e) => e,
                Err(e) => {
                    failed.push(failure(&p.display().to_string(), e.to_string()));
                    return;
                }
            };
            let mut children: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|c| {
                    !c.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('.'))
                })
                .collect();
            children.sort();
            for c in children {
                if c.is_file() && !is_importable(&c) {
                    *skipped += 1;
                    continue;
                }
                // A FIFO, device or socket in a folder would block or never end.
                if !c.is_dir() {
                    if let Err(e) = crate::input::check_in_folder(&c) {
                        failed.push(failure(&c.display().to_string(), skipped_reason(&e)));
                        continue;
                    }
                }
                walk(&c, files, skipped, failed, depth + 1);
            }
        }
        Ok(_) => files.push(p.to_path_buf()),
        Err(e) => failed.push(failure(&p.display().to_string(), e.to_string())),
    }
}

/// The reason for a file passed over, without its name (the failure carries it).
fn skipped_reason(e: &crate::input::InputError) -> String {
    match e {
        crate::input::InputError::NotRegular { kind, .. } => {
            format!("not a regular file ({kind}); skipped")
        }
        other => other.to_string(),
    }
}

fn failure(what: &str, reason: impl Into<String>) -> Failure {
    Failure {
        what: crate::text::cell(what),
        reason: crate::text::cell(&reason.into()),
    }
}

/// Import inputs in order; `progress` is told how many bytes each step consumed.
pub fn import(
    store: &mut Store,
    tax: &Taxonomy,
    inputs: &[Input],
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64),
) -> Summary {
    let mut summary = Summary::default();
    for input in inputs {
        summary.files += 1;
        let name = input.name();
        let mut file = Summary::default();
        let mut stored = Stored::default();
        let result = import_one(store, tax, input, now, &mut file, &mut stored, progress);
        match result {
            Ok(()) => summary.add(file),
            // Nothing of the file was stored: its transaction was rolled back.
            Err(reason) if stored.messages == 0 => {
                summary.failed.push(failure(&name, reason.to_string()))
            }
            // A mailbox committed in steps keeps the mails of the steps before.
            Err(reason) => {
                summary.failed.push(failure(
                    &name,
                    format!(
                        "{reason}; its first {} messages are stored, import it again for the rest",
                        stored.messages
                    ),
                ));
                summary.add(stored.summary);
            }
        }
    }
    summary
}

impl Summary {
    fn add(&mut self, file: Summary) {
        self.postings += file.postings;
        self.new += file.new;
        self.duplicates += file.duplicates;
        self.known += file.known;
        self.failed.extend(file.failed);
    }
}

/// What the committed steps of a mailbox stored, should a later step fail.
#[derive(Default)]
struct Stored {
    messages: usize,
    summary: Summary,
}

fn import_one(
    store: &mut Store,
    tax: &Taxonomy,
    input: &Input,
    now: DateTime<Utc>,
    out: &mut Summary,
    stored: &mut Stored,
    progress: &mut dyn FnMut(u64),
) -> Result<(), FileError> {
    let name = input.name();
    let head = head_bytes(input)?;
    let mut batch = store.posting_batch(now)?;
    if looks_like_mbox(&head) {
        let reader: Box<dyn std::io::BufRead> = match input {
            Input::File(p) => Box::new(std::io::BufReader::with_capacity(
                1 << 16,
                crate::input::open(p)?,
            )),
            Input::Bytes { bytes, .. } => Box::new(std::io::Cursor::new(bytes.as_slice())),
        };
        for (k, msg) in crate::input::Mailbox::new(reader).enumerate() {
            let what = format!("{name} message {}", k + 1);
            let bytes = match msg {
                Ok(b) => b,
                Err(crate::input::MailboxError::Io(e)) => return Err(FileError::Mailbox(e)),
                Err(e) => {
                    out.failed.push(failure(&what, e.to_string()));
                    continue;
                }
            };
            progress(bytes.len() as u64);
            match read_mail(&bytes) {
                Ok(m) => add_mail(&mut batch, tax, &m, &what, now, out)?,
                Err(e) => out.failed.push(failure(&what, e.to_string())),
            }
            // A mailbox is committed in short steps, so other writers are not kept waiting.
            if batch.step()? {
                *stored = Stored {
                    messages: k + 1,
                    summary: out.clone(),
                };
            }
        }
    } else {
        let bytes = all_bytes(input)?;
        progress(bytes.len() as u64);
        let is_eml = name.to_ascii_lowercase().ends_with(".eml");
        if is_eml || looks_like_mail(&bytes) {
            match read_mail(&bytes) {
                Ok(m) => add_mail(&mut batch, tax, &m, &name, now, out)?,
                Err(e) => return Err(e.into()),
            }
        } else {
            let text = decode_text(&bytes)?;
            let file_name = Path::new(&name)
                .file_name()
                .map_or(name.clone(), |n| n.to_string_lossy().into_owned());
            let source = PostingSource {
                sender: None,
                subject: Some(file_name),
                received_at: now,
                label: name.clone(),
                company: None,
            };
            add_text(&mut batch, tax, &text, None, &source, None, &name, now, out)?;
        }
    }
    Ok(batch.commit()?)
}

/// The first bytes of an input, to tell a mailbox from a mail from text.
fn head_bytes(input: &Input) -> Result<Vec<u8>, FileError> {
    match input {
        Input::File(p) => {
            let f = crate::input::open(p)?;
            let mut head = Vec::with_capacity(8192);
            f.take(8192).read_to_end(&mut head)?;
            Ok(head)
        }
        Input::Bytes { bytes, .. } => Ok(bytes[..bytes.len().min(8192)].to_vec()),
    }
}

fn all_bytes(input: &Input) -> Result<Vec<u8>, FileError> {
    match input {
        Input::File(p) => crate::input::read_path(p).map_err(|e| match e {
            crate::input::InputError::TooLarge { .. } => FileError::FileTooLarge,
            other => other.into(),
        }),
        Input::Bytes { bytes, .. } => {
            if bytes.len() as u64 > MAX_FILE_BYTES {
                return Err(FileError::InputTooLarge);
            }
            Ok(bytes.clone())
        }
    }
}

fn add_mail(
    batch: &mut PostingBatch<'_>,
    tax: &Taxonomy,
    m: &mail::Mail,
    what: &str,
    now: DateTime<Utc>,
    out: &mut Summary,
) -> Result<(), StoreError> {
    add_mail_text(batch, tax, m, &m.body, what, now, out)
}

/// File the postings of `text`, which is mail `m`'s body or the part of it that
/// `import mail` sorted out as openings (the rest being engineer offers).
pub fn add_mail_text(
    batch: &mut PostingBatch<'_>,
    tax: &Taxonomy,
    m: &mail::Mail,
    text: &str,
    what: &str,
    now: DateTime<Utc>,
    out: &mut Summary,
) -> Result<(), StoreError> {
    let received = m.date.unwrap_or(now);
    let label = match (&m.sender, &m.subject) {
        (Some(s), Some(t)) => format!("{s} — {t}"),
        (Some(s), None) => s.clone(),
        (None, Some(t)) => t.clone(),
        (None, None) => what.to_string(),
    };
    let source = PostingSource {
        sender: m.sender.clone(),
        subject: m.subject.clone(),
        received_at: received,
        label: crate::text::cell(&label),
        // The end client when the posting states one; else the firm that sent it, by
        // name (never our own, never a bare mail domain).
        company: crate::posting::sender::end_client_in(text)
            .or_else(|| crate::posting::sender::firm_of(m, batch.own_names())),
    };
    let subject = m.subject.as_deref().map(clean_subject);
    // The partner that sent it: whose learned rules apply, and whom the opening names.
    let firm = crate::posting::sender::sending_firm(m, batch.own_names());
    add_text(
        batch,
        tax,
        text,
        subject.as_deref(),
        &source,
        firm.as_deref(),
        what,
        received,
        out,
    )
}

/// Cut a text into postings and file each.
#[allow(clippy::too_many_arguments)]
fn add_text(
    batch: &mut PostingBatch<'_>,
    tax: &Taxonomy,
    text: &str,
    subject: Option<&str>,
    source: &PostingSource,
    firm: Option<&str>,
    what: &str,
    received: DateTime<Utc>,
    out: &mut Summary,
) -> Result<(), StoreError> {
    let text = crate::posting::cut(text, crate::posting::MAX_POSTING_BYTES * 4);
    let partner = match firm {
        Some(f) => batch.find_sender(f)?,
        None => None,
    };
    let rules = crate::posting::learned::Rules::new(batch.rules_learned()?.to_vec());
    // Each posting's layout is read once, for splitting, parsing and fingerprinting alike.
    let whole = Doc::new(crate::posting::cut(text, crate::posting::MAX_POSTING_BYTES));
    let parts = split::parts_doc(text, &whole);
    let shared = crate::posting::shared_terms(text, &parts.shared, received, tax);
    let pieces = parts.postings;
    let several = pieces.len() > 1;
    for (k, r) in pieces.into_iter().enumerate() {
        let chunk = &text[r];
        let own;
        let doc = if several || chunk.len() > crate::posting::MAX_POSTING_BYTES {
            own = Doc::new(crate::posting::cut(
                chunk,
                crate::posting::MAX_POSTING_BYTES,
            ));
            &own
        } else {
            &whole
        };
        let label = if several {
            format!("{what} posting {}", k + 1)
        } else {
            what.to_string()
        };
        out.postings += 1;
        let a = analyze_doc(doc, received, tax);
        let p = &a.posting;
        let nothing = a.labelled_fields == 0
            && p.rate_text.is_none()
            && p.must_skills.is_empty()
            && p.nice_skills.is_empty()
            && p.start.is_none();
        if nothing {
            out.failed
                .push(failure(&label, "no posting fields found (not an opening?)"));
            continue;
        }
        let mut parsed = a.posting.clone();
        if let Some(sh) = &shared {
            parsed.fill_from(sh);
        }
        // A mail's subject names a posting better than its first line does.
        if !a.title_labelled && !several {
            if let Some(s) = subject.filter(|s| !s.is_empty()) {
                parsed.title = Some(crate::text::cell(s).chars().take(120).collect());
            }
        }
        // What the rep taught: applied after reading, never inside the reader.
        crate::posting::learned::apply_posting(&rules, partner, &mut parsed, tax);
        let opening = parsed.to_opening(chunk, received, tax);
        match file_opening(batch, &opening, doc, chunk, source, firm, received)? {
            Filed::Known(_) => out.known += 1,
            Filed::Copy(_) => out.duplicates += 1,
            Filed::New(_) => out.new += 1,
        }
    }
    Ok(())
}

/// Where one posting went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filed {
    /// A new opening, with this id.
    New(i64),
    /// The same text was imported before, as (a source of) this opening: nothing added.
    Known(i64),
    /// A forwarded copy of this opening: kept as one of its sources.
    Copy(i64),
}

/// File one posting: recognised by its text, linked to an opening it duplicates, or
/// stored new (with `firm`, the partner that sent it, as its sender). The one place every
/// posting, mailed or pasted, passes through.
fn file_opening(
    batch: &mut PostingBatch<'_>,
    opening: &crate::domain::Opening,
    doc: &Doc<'_>,
    chunk: &str,
    source: &PostingSource,
    firm: Option<&str>,
    received: DateTime<Utc>,
) -> Result<Filed, crate::store::StoreError> {
    let fp = dedupe::fingerprint_doc(doc, chunk);
    if let Some(id) = batch.known(fp.content_hash)? {
        return Ok(Filed::Known(id));
    }
    let window = Duration::days(dedupe::WINDOW_DAYS);
    let best = batch
        .candidates(&fp.index(), 8)?
        .into_iter()
        .filter(|c| (c.received_at - received).abs() <= window)
        .map(|c| (dedupe::similarity(&fp.sketch, &c.sketch), c.opening_id))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((sim, id)) if sim >= dedupe::THRESHOLD => {
            batch.link(id, source, chunk, fp.content_hash)?;
            Ok(Filed::Copy(id))
        }
        _ => batch
            .insert_new(
                opening,
                source,
                firm,
                fp.content_hash,
                &fp.sketch,
                &fp.index(),
            )
            .map(Filed::New),
    }
}

/// A posting pasted into the dashboard and reviewed there: `opening` as the rep left
/// it, `raw` the pasted text. Filed like an imported one, so the same mail arriving
/// later (or having arrived) is recognised rather than stored twice.
pub fn save_pasted(
    store: &mut Store,
    opening: &crate::domain::Opening,
    client: Option<&str>,
    raw: &str,
    now: DateTime<Utc>,
) -> Result<Filed, crate::store::StoreError> {
    let text = crate::posting::cut(raw, crate::posting::MAX_POSTING_BYTES);
    let doc = Doc::new(text);
    let source = PostingSource {
        sender: None,
        subject: Some(opening.title.clone()),
        received_at: now,
        label: "dashboard".into(),
        company: client.map(str::to_string),
    };
    let mut batch = store.posting_batch(now)?;
    let filed = file_opening(&mut batch, opening, &doc, text, &source, None, now)?;
    batch.commit()?;
    Ok(filed)
}
