//! Where fetching from each mailbox folder stopped: UIDVALIDITY and the last UID stored.
//!
//! The mark moves in the same transaction as the mails it covers, so a fetch cut off
//! midway loses nothing and stores nothing twice.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension as _, Row};

use super::{PostingBatch, Result, Store};

/// How far one folder of one account has been fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderMark {
    pub uidvalidity: u32,
    pub last_uid: u32,
    pub fetched_at: DateTime<Utc>,
}

impl FolderMark {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<FolderMark> {
        Ok(FolderMark {
            uidvalidity: row.get("uidvalidity")?,
            last_uid: row.get("last_uid")?,
            fetched_at: row.get("fetched_at")?,
        })
    }
}

impl Store {
    /// The mark of `folder` in `account` (`user@host:port`), if it was ever fetched.
    pub fn folder_mark(&self, account: &str, folder: &str) -> Result<Option<FolderMark>> {
        Ok(self
            .conn
            .query_row(
                "SELECT uidvalidity, last_uid, fetched_at FROM mail_folders
                 WHERE account = ?1 AND folder = ?2",
                params![account, folder],
                FolderMark::from_row,
            )
            .optional()?)
    }

    /// When any folder of `account` was last fetched.
    pub fn last_fetch(&self, account: &str) -> Result<Option<DateTime<Utc>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT MAX(fetched_at) FROM mail_folders WHERE account = ?1",
                params![account],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// Note a fetch that found nothing new (or a new UIDVALIDITY) outside any batch: one
    /// statement, so it needs no transaction of its own.
    pub fn set_folder_mark(&self, account: &str, folder: &str, mark: &FolderMark) -> Result<()> {
        upsert(&self.conn, account, folder, mark)
    }
}

/// A mail fetch passed over for its size (over the fetch limit), as recorded.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TooLargeMail {
    pub account: String,
    pub folder: String,
    pub uid: u32,
    pub subject: String,
    pub bytes: u64,
    pub at: DateTime<Utc>,
}

impl Store {
    /// Every mail passed over for its size, the latest first.
    pub fn too_large_mails(&self) -> Result<Vec<TooLargeMail>> {
        let mut st = self.conn.prepare(
            "SELECT account, folder, uid, subject, bytes, at FROM mail_too_large
             ORDER BY at DESC, account, folder, uid",
        )?;
        let rows = st.query_map([], |r| {
            Ok(TooLargeMail {
                account: r.get(0)?,
                folder: r.get(1)?,
                uid: r.get(2)?,
                subject: r.get(3)?,
                bytes: r.get::<_, i64>(4)?.max(0) as u64,
                at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl PostingBatch<'_> {
    /// Record a mail passed over for its size, with the mark that moves past it: both are
    /// stored, or neither. Fetched again (a renumbered folder), it is recorded once.
    pub fn record_too_large(&mut self, mail: &TooLargeMail, uidvalidity: u32) -> Result<()> {
        self.tx.execute(
            "INSERT INTO mail_too_large (account, folder, uidvalidity, uid, subject, bytes, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (account, folder, uidvalidity, uid) DO UPDATE SET
               subject = excluded.subject, bytes = excluded.bytes, at = excluded.at",
            params![
                mail.account,
                mail.folder,
                uidvalidity,
                mail.uid,
                mail.subject,
                i64::try_from(mail.bytes).unwrap_or(i64::MAX),
                mail.at
            ],
        )?;
        Ok(())
    }

    /// Move the folder's mark with the mails of this batch: both are stored, or neither.
    pub fn set_folder_mark(
        &mut self,
        account: &str,
        folder: &str,
        mark: &FolderMark,
    ) -> Result<()> {
        upsert(&self.tx, account, folder, mark)
    }
}

fn upsert(
    conn: &rusqlite::Connection,
    account: &str,
    folder: &str,
    mark: &FolderMark,
) -> Result<()> {
    conn.execute(
        "INSERT INTO mail_folders (account, folder, uidvalidity, last_uid, fetched_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (account, folder) DO UPDATE SET
           uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,
           fetched_at = excluded.fetched_at",
        params![
            account,
            folder,
            mark.uidvalidity,
            mark.last_uid,
            mark.fetched_at
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::Taxonomy;

    #[test]
    fn marks_move_with_their_batch_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Taxonomy::builtin()).unwrap();
        let now = Utc::now();
        let mark = |uid| FolderMark {
            uidvalidity: 7,
            last_uid: uid,
            fetched_at: now,
        };
        assert_eq!(store.folder_mark("a", "INBOX").unwrap(), None);
        store.set_folder_mark("a", "INBOX", &mark(3)).unwrap();
        {
            let mut b = store.posting_batch(now).unwrap();
            b.set_folder_mark("a", "INBOX", &mark(9)).unwrap();
            // Dropped without commit: a fetch cut off midway.
        }
        assert_eq!(
            store.folder_mark("a", "INBOX").unwrap().unwrap().last_uid,
            3
        );
        let mut b = store.posting_batch(now).unwrap();
        b.set_folder_mark("a", "INBOX", &mark(9)).unwrap();
        b.commit().unwrap();
        assert_eq!(
            store.folder_mark("a", "INBOX").unwrap().unwrap().last_uid,
            9
        );
        assert!(store.last_fetch("a").unwrap().is_some());
        assert_eq!(store.last_fetch("b").unwrap(), None);
    }
}
