//! Postings imported from mail and text: one transaction per file, sources, and the
//! sketches that recognise a forwarded copy of an opening already stored.
//!
//! The store only keeps and finds; deciding what is a duplicate is
//! `ops::import_postings`'s job, with `posting::dedupe`'s similarity.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::{Result, Store};
use crate::domain::Opening;

/// Where one copy of a posting came from.
#[derive(Debug, Clone, PartialEq)]
pub struct PostingSource {
    pub sender: Option<String>,
    pub subject: Option<String>,
    pub received_at: DateTime<Utc>,
    /// One line for `openings.source`: `Name <address> — subject`, or the file name.
    pub label: String,
    /// The company that sent it (signature, else the mail domain): the opening's client.
    pub company: Option<String>,
}

/// A stored opening that may be the same as a new posting.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub opening_id: i64,
    pub received_at: DateTime<Utc>,
    pub sketch: Vec<u64>,
    /// Indexed hashes shared with the new posting.
    pub shared: usize,
}

/// A source row as listed under its opening.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub id: i64,
    pub sender: Option<String>,
    pub subject: Option<String>,
    pub received_at: DateTime<Utc>,
}

/// Openings read per indexed hash when looking for candidates.
const PER_HASH: i64 = 24;

/// Hashes whose openings a batch keeps in memory, at most; past it the memory is emptied
/// and filled again from the table, so a mailbox of any size keeps it bounded.
const SHINGLES_KEPT: usize = 200_000;

/// Writes of one imported file: all of them, or none, unless the importer commits
/// them in steps ([`PostingBatch::step`]).
pub struct PostingBatch<'s> {
    // The offers of the same file are written in this transaction too (`store::offers`).
    pub(super) tx: super::Tx<'s>,
    pub(super) skill_ids: Vec<i64>,
    pub(super) now: DateTime<Utc>,
    /// When the open transaction began: a step ends once it has held the lock this long.
    began: std::time::Instant,
    /// A step's new transaction could not begin: nothing more may be written.
    broken: bool,
    /// Our own company's names: never a client.
    own: Vec<String>,
    /// Sending firms, as partners (`store::learned`).
    pub(super) senders: super::engineers::PartnerCache,
    /// The learned reading rules, read on first use (`store::learned`).
    pub(super) learned: Option<Vec<crate::domain::learned::LearnedRule>>,
    /// Clients by name, read once per batch: a cache per opening read every client again
    /// (and prepared its query again) for each new opening.
    clients: super::openings::ClientCache,
    /// Indexed hash → its [`PER_HASH`] most recent openings, newest first, exactly as
    /// `opening_shingles` lists them: boilerplate hashes (`詳細設計～テスト`) come with
    /// every posting, and reading their 24 rows again for each one was most of the
    /// duplicate look-up of a 20,000-mail import. Kept up to date by [`PostingBatch::insert_new`];
    /// emptied when another connection has written between two steps.
    shingles: std::collections::HashMap<u64, Vec<i64>>,
    /// `PRAGMA data_version` when `shingles` was last known to match the table.
    data_version: i64,
}

/// How long a long import holds the write lock before it lets other writers in.
pub const STEP: std::time::Duration = std::time::Duration::from_millis(200);

/// The pause between two steps: long enough for a writer polling every millisecond
/// (`store::wait_for_lock`) to take the lock.
const STEP_GAP: std::time::Duration = std::time::Duration::from_millis(4);

impl Store {
    /// Start the transaction of one imported file.
    pub fn posting_batch(&mut self, now: DateTime<Utc>) -> Result<PostingBatch<'_>> {
        let skill_ids = self.skill_db_ids.clone();
        let own = self.own_names.clone();
        let tx = self.transaction()?;
        let data_version = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(PostingBatch {
            tx,
            skill_ids,
            now,
            began: std::time::Instant::now(),
            broken: false,
            own,
            senders: Default::default(),
            learned: None,
            clients: Default::default(),
            shingles: Default::default(),
            data_version,
        })
    }

    /// Every copy of an opening: the first one first.
    pub fn opening_sources(&self, opening_id: i64) -> Result<Vec<SourceRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, sender, subject, received_at FROM opening_sources
             WHERE opening_id = ?1 ORDER BY received_at, id",
        )?;
        let rows = stmt
            .query_map([opening_id], |r| {
                Ok(SourceRow {
                    id: r.get(0)?,
                    sender: r.get(1)?,
                    subject: r.get(2)?,
                    received_at: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

impl PostingBatch<'_> {
    /// The opening a posting with exactly this text was already filed under.
    pub fn known(&self, content_hash: u64) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT opening_id FROM opening_sources WHERE content_hash = ?1 LIMIT 1",
            )?
            .query_row([content_hash as i64], |r| r.get(0))
            .optional()?)
    }

    /// Openings sharing at least one indexed hash, most shared first, at most `limit`.
    ///
    /// A shingle of boilerplate (`詳細設計～テスト`) is shared by thousands of openings;
    /// reading them all would make an import quadratic. Each hash yields only its
    /// [`PER_HASH`] most recent openings: a real copy also shares rarer hashes, whose
    /// short lists carry it.
    pub fn candidates(&mut self, index: &[u64], limit: usize) -> Result<Vec<Candidate>> {
        // Each shared hash weighs 1 / (openings listed under it): a whole line shared with
        // one opening says more than eight boilerplate shingles shared with everyone.
        let mut counts: Vec<(i64, usize, f64)> = Vec::new();
        // Opening id → its place in `counts` (a linear search per id was quadratic).
        let mut at: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
        {
            if self.shingles.len() > SHINGLES_KEPT {
                self.shingles.clear();
            }
            let mut stmt = self.tx.prepare_cached(
                "SELECT opening_id FROM opening_shingles WHERE hash = ?1
                 ORDER BY opening_id DESC LIMIT ?2",
            )?;
            for &h in index {
                let ids = match self.shingles.entry(h) {
                    std::collections::hash_map::Entry::Occupied(kept) => kept.into_mut(),
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        let mut ids = Vec::new();
                        let mut rows = stmt.query(params![h as i64, PER_HASH])?;
                        while let Some(r) = rows.next()? {
                            ids.push(r.get(0)?);
                        }
                        slot.insert(ids)
                    }
                };
                let weight = 1.0 / ids.len().max(1) as f64;
                for &id in ids.iter() {
                    match at.entry(id) {
                        std::collections::hash_map::Entry::Occupied(i) => {
                            let (_, n, w) = &mut counts[*i.get()];
                            *n += 1;
                            *w += weight;
                        }
                        std::collections::hash_map::Entry::Vacant(i) => {
                            i.insert(counts.len());
                            counts.push((id, 1, weight));
                        }
                    }
                }
            }
        }
        counts.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        counts.truncate(limit);
        let mut out = Vec::with_capacity(counts.len());
        let mut stmt = self.tx.prepare_cached(
            "SELECT o.received_at, s.sketch FROM openings o
             JOIN opening_sketches s ON s.opening_id = o.id WHERE o.id = ?1",
        )?;
        for (id, shared, _) in counts {
            let row: Option<(DateTime<Utc>, Vec<u8>)> = stmt
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((received_at, blob)) = row {
                out.push(Candidate {
                    opening_id: id,
                    received_at,
                    sketch: blob_to_sketch(&blob),
                    shared,
                });
            }
        }
        Ok(out)
    }

    /// Is this one of our own company's names?
    pub fn is_own(&self, name: &str) -> bool {
        self.own
            .iter()
            .any(|o| crate::domain::company::same(o, name))
    }

    /// Our own company's names, for readers that skip them.
    pub fn own_names(&self) -> &[String] {
        &self.own
    }

    /// Store a new opening with its first source and its sketch; `sender` is the firm that
    /// sent it, recorded as a partner (created if new, never our own company).
    pub fn insert_new(
        &mut self,
        opening: &Opening,
        source: &PostingSource,
        sender: Option<&str>,
        content_hash: u64,
        sketch: &[u64],
        index: &[u64],
    ) -> Result<i64> {
        // The sender's company is the client unless the opening names one; our own
        // company (the greeting's addressee) never is.
        let client_id = match (opening.client_id, source.company.as_deref()) {
            (Some(c), _) => Some(c),
            (None, Some(name)) if !name.trim().is_empty() && !self.is_own(name) => {
                Some(self.clients.get_or_create(&self.tx, name, None)?)
            }
            _ => None,
        };
        let sender_partner_id = match sender {
            Some(name) => self.sender_partner(name)?,
            None => None,
        };
        // Fingerprint and sender go in with the row: each later write of it would fire the
        // version and change triggers again.
        let filing = super::openings::Filing {
            fingerprint: Some(format!("{content_hash:016x}")),
            sender_partner_id,
        };
        let id = super::openings::insert_filed_opening(
            &self.tx,
            opening,
            client_id,
            Some(&source.label),
            &filing,
            &self.skill_ids,
            self.now,
        )?;
        // The first copy's text is the opening's raw text; the source row need not repeat it.
        self.add_source(id, source, "", content_hash)?;
        self.tx
            .prepare_cached("INSERT INTO opening_sketches (opening_id, sketch) VALUES (?1, ?2)")?
            .execute(params![id, sketch_to_blob(sketch)])?;
        let mut ins = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO opening_shingles (hash, opening_id) VALUES (?1, ?2)",
        )?;
        for &h in index {
            ins.execute(params![h as i64, id])?;
            // The new opening is the most recent under each of its hashes.
            if let Some(ids) = self.shingles.get_mut(&h) {
                if ids.first() != Some(&id) {
                    ids.insert(0, id);
                    ids.truncate(PER_HASH as usize);
                }
            }
        }
        Ok(id)
    }

    /// File another copy of a stored opening as one of its sources.
    pub fn link(
        &mut self,
        opening_id: i64,
        source: &PostingSource,
        raw_text: &str,
        content_hash: u64,
    ) -> Result<i64> {
        self.add_source(opening_id, source, raw_text, content_hash)
    }

    fn add_source(
        &self,
        opening_id: i64,
        source: &PostingSource,
        raw_text: &str,
        content_hash: u64,
    ) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO opening_sources (opening_id, sender, subject, received_at, raw_text,
                    content_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                opening_id,
                source.sender,
                source.subject,
                source.received_at,
                raw_text,
                content_hash as i64
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Between two items of a long import: once the transaction has held the lock for
    /// [`STEP`], commit what is written so far and begin again after a short gap, so
    /// another writer never waits long. Returns whether it committed.
    ///
    /// What a step committed stays if the import stops later; a rerun stores nothing
    /// twice, since every posting and offer is recognised by its text.
    pub fn step(&mut self) -> Result<bool> {
        if self.broken {
            return Err(super::StoreError::Resume);
        }
        if self.began.elapsed() < STEP {
            return Ok(false);
        }
        self.tx.execute_batch("COMMIT")?;
        std::thread::sleep(STEP_GAP);
        // Until BEGIN succeeds the connection is in autocommit: the batch refuses to go on.
        self.broken = true;
        self.tx.execute_batch("BEGIN IMMEDIATE")?;
        self.broken = false;
        self.began = std::time::Instant::now();
        // Another writer may have filed or removed openings in the gap.
        let version: i64 = self.tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if version != self.data_version {
            self.shingles.clear();
            self.data_version = version;
        }
        Ok(true)
    }

    pub fn commit(self) -> Result<()> {
        if self.broken {
            return Err(super::StoreError::Resume);
        }
        self.tx.commit()?;
        Ok(())
    }
}

fn sketch_to_blob(sketch: &[u64]) -> Vec<u8> {
    sketch.iter().flat_map(|h| h.to_le_bytes()).collect()
}

fn blob_to_sketch(blob: &[u8]) -> Vec<u64> {
    blob.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::Taxonomy;
    use chrono::TimeZone;

    fn source(sender: &str) -> PostingSource {
        PostingSource {
            sender: Some(sender.into()),
            subject: Some("案件".into()),
            received_at: Utc.with_ymd_and_hms(2025, 11, 20, 0, 0, 0).unwrap(),
            label: sender.into(),
            company: None,
        }
    }

    #[test]
    fn new_opening_then_a_copy_then_the_same_file_again() {
        let tax = Taxonomy::builtin();
        let mut store = Store::open_in_memory(tax).unwrap();
        let now = Utc.with_ymd_and_hms(2025, 11, 20, 1, 0, 0).unwrap();
        let opening = Opening::new("EC開発", now);
        let mut batch = store.posting_batch(now).unwrap();
        assert_eq!(batch.known(42).unwrap(), None);
        let id = batch
            .insert_new(
                &opening,
                &source("a@example.com"),
                None,
                42,
                &[1, 2, 3],
                &[1, 2],
            )
            .unwrap();
        assert_eq!(batch.known(42).unwrap(), Some(id));
        let c = batch.candidates(&[2, 9], 4).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].opening_id, c[0].shared), (id, 1));
        assert_eq!(c[0].sketch, vec![1, 2, 3]);
        batch
            .link(id, &source("b@example.com"), "転送", 43)
            .unwrap();
        batch.commit().unwrap();
        let sources = store.opening_sources(id).unwrap();
        assert_eq!(sources.len(), 2);
        assert_eq!(store.counts().unwrap().openings, 1);
    }

    /// The hashes kept in memory list what the table lists: a boilerplate hash shared by
    /// 30 openings filed in one batch yields the 24 most recent, the same as read afresh.
    #[test]
    fn candidates_kept_in_memory_match_the_table() {
        let tax = Taxonomy::builtin();
        let mut store = Store::open_in_memory(tax).unwrap();
        let now = Utc.with_ymd_and_hms(2025, 11, 20, 1, 0, 0).unwrap();
        let mut batch = store.posting_batch(now).unwrap();
        assert!(batch.candidates(&[7], 100).unwrap().is_empty());
        let mut ids = Vec::new();
        for k in 0..30u64 {
            let opening = Opening::new(format!("案件{k}"), now);
            let index = [7, 100 + k, 7];
            let id = batch
                .insert_new(&opening, &source("a@example.com"), None, k, &[k], &index)
                .unwrap();
            ids.push(id);
            let kept = batch.candidates(&[7, 100 + k, 99], 100).unwrap();
            batch.shingles.clear();
            let read = batch.candidates(&[7, 100 + k, 99], 100).unwrap();
            assert_eq!(kept, read, "after opening {k}");
        }
        let listed: Vec<i64> = batch
            .candidates(&[7], 100)
            .unwrap()
            .iter()
            .map(|c| c.opening_id)
            .collect();
        let newest: Vec<i64> = ids.iter().rev().take(PER_HASH as usize).copied().collect();
        let mut sorted = listed.clone();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(sorted, newest);
    }

    #[test]
    fn dropped_batch_writes_nothing() {
        let tax = Taxonomy::builtin();
        let mut store = Store::open_in_memory(tax).unwrap();
        let now = Utc.with_ymd_and_hms(2025, 11, 20, 1, 0, 0).unwrap();
        {
            let mut batch = store.posting_batch(now).unwrap();
            batch
                .insert_new(&Opening::new("x", now), &source("a"), None, 1, &[1], &[1])
                .unwrap();
        }
        assert_eq!(store.counts().unwrap().openings, 0);
    }
}
