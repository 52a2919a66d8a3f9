//! The hub's rows in PostgreSQL (`serve --postgres URL`): the same tables and rules as
//! the SQLite hub, for a firm that already runs PostgreSQL or outgrows one hub machine.
//!
//! Every transaction takes one advisory lock first, so changes apply in arrival order
//! and log positions become visible in order even with several hub processes.

use std::collections::HashMap;
use std::str::FromStr as _;

use postgres::{Client, NoTls, Statement, Transaction};

use super::hub::{Claim, HubTx, LogEntry, RowPut, SinceRow};
use super::{Result, StoreError};

/// The one lock every hub transaction takes (any constant; "bm" in ASCII).
const LOCK: i64 = 0x626d;

/// The error with its cause ("error connecting to server: No such file or directory").
fn pg(e: postgres::Error) -> StoreError {
    match std::error::Error::source(&e) {
        Some(cause) => StoreError::Postgres(format!("{e}: {cause}")),
        None => StoreError::Postgres(e.to_string()),
    }
}

/// A connection to the hub's PostgreSQL database, with its prepared statements.
pub struct PgHub {
    config: postgres::Config,
    client: Client,
    stmts: HashMap<&'static str, Statement>,
}

impl PgHub {
    /// Connect and create the tables the first time. The password may come from
    /// PGPASSWORD instead of the URL, which `ps` would show.
    pub fn connect(url: &str) -> Result<PgHub> {
        let mut config = postgres::Config::from_str(url)
            .map_err(|e| StoreError::Invalid(format!("--postgres: not a PostgreSQL URL ({e})")))?;
        if config.get_password().is_none() {
            if let Some(p) = std::env::var_os("PGPASSWORD") {
                config.password(p.to_string_lossy().as_bytes());
            }
        }
        let mut client = config.connect(NoTls).map_err(pg)?;
        client
            .batch_execute(&super::hub::hub_schema(&super::hub::POSTGRES))
            .map_err(pg)?;
        Ok(PgHub {
            config,
            client,
            stmts: HashMap::new(),
        })
    }

    /// Run `f` in one transaction, reconnecting first if the server went away.
    pub(super) fn tx<T>(&mut self, f: impl FnOnce(&mut dyn HubTx) -> Result<T>) -> Result<T> {
        if self.client.is_closed() {
            self.client = self.config.connect(NoTls).map_err(pg)?;
            self.stmts.clear();
        }
        let mut tx = self.client.transaction().map_err(pg)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK])
            .map_err(pg)?;
        let out = f(&mut Pg {
            tx: &mut tx,
            stmts: &mut self.stmts,
        })?;
        tx.commit().map_err(pg)?;
        Ok(out)
    }
}

/// One transaction of the PostgreSQL hub.
struct Pg<'a, 'c> {
    tx: &'a mut Transaction<'c>,
    stmts: &'a mut HashMap<&'static str, Statement>,
}

type Params<'p> = [&'p (dyn postgres::types::ToSql + Sync)];

impl Pg<'_, '_> {
    /// The statement for `sql`, prepared once per connection.
    fn st(&mut self, sql: &'static str) -> Result<Statement> {
        if let Some(s) = self.stmts.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(sql).map_err(pg)?;
        self.stmts.insert(sql, s.clone());
        Ok(s)
    }

    fn exec(&mut self, sql: &'static str, params: &Params<'_>) -> Result<u64> {
        let st = self.st(sql)?;
        self.tx.execute(&st, params).map_err(pg)
    }

    fn rows(&mut self, sql: &'static str, params: &Params<'_>) -> Result<Vec<postgres::Row>> {
        let st = self.st(sql)?;
        self.tx.query(&st, params).map_err(pg)
    }

    fn opt(&mut self, sql: &'static str, params: &Params<'_>) -> Result<Option<postgres::Row>> {
        let st = self.st(sql)?;
        self.tx.query_opt(&st, params).map_err(pg)
    }

    fn one(&mut self, sql: &'static str, params: &Params<'_>) -> Result<postgres::Row> {
        let st = self.st(sql)?;
        self.tx.query_one(&st, params).map_err(pg)
    }
}

/// A column of a row, a type mismatch as a store error rather than a panic.
fn col<'r, T: postgres::types::FromSql<'r>>(row: &'r postgres::Row, i: usize) -> Result<T> {
    row.try_get(i).map_err(pg)
}

impl HubTx for Pg<'_, '_> {
    fn member_by_hash(&mut self, hash: &str) -> Result<Option<(String, String)>> {
        self.opt(
            "SELECT name, role FROM hub_members WHERE token_hash = $1 AND revoked_at IS NULL",
            &[&hash],
        )?
        .map(|r| Ok((col(&r, 0)?, col(&r, 1)?)))
        .transpose()
    }

    fn member_revoked(&mut self, name: &str) -> Result<Option<Option<String>>> {
        self.opt(
            "SELECT revoked_at FROM hub_members WHERE name = $1",
            &[&name],
        )?
        .map(|r| col(&r, 0))
        .transpose()
    }

    fn put_member(&mut self, name: &str, role: &str, hash: &str, at: &str) -> Result<()> {
        self.exec(
            "INSERT INTO hub_members (name, role, token_hash, added_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (name) DO UPDATE
             SET role = $2, token_hash = $3, added_at = $4, revoked_at = NULL",
            &[&name, &role, &hash, &at],
        )?;
        Ok(())
    }

    fn revoke(&mut self, name: &str, at: &str) -> Result<u64> {
        self.exec(
            "UPDATE hub_members SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL",
            &[&name, &at],
        )
    }

    fn members(&mut self) -> Result<Vec<(String, String, bool)>> {
        self.rows(
            "SELECT name, role, revoked_at IS NOT NULL FROM hub_members ORDER BY name",
            &[],
        )?
        .iter()
        .map(|r| Ok((col(r, 0)?, col(r, 1)?, col(r, 2)?)))
        .collect()
    }

    fn laptop(&mut self, laptop: &str) -> Result<Option<(String, i64)>> {
        self.opt(
            "SELECT member, acked FROM hub_laptops WHERE laptop = $1",
            &[&laptop],
        )?
        .map(|r| Ok((col(&r, 0)?, col(&r, 1)?)))
        .transpose()
    }

    fn put_laptop(&mut self, laptop: &str, member: &str, acked: i64, at: &str) -> Result<()> {
        self.exec(
            "INSERT INTO hub_laptops (laptop, member, acked, seen_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (laptop) DO UPDATE SET acked = $3, seen_at = $4",
            &[&laptop, &member, &acked, &at],
        )?;
        Ok(())
    }

    fn log(&mut self, e: &LogEntry<'_>) -> Result<i64> {
        let r = self.one(
            "INSERT INTO hub_log (at, member, laptop, tbl, gid, op, fields)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq",
            &[
                &e.at, &e.member, &e.laptop, &e.tbl, &e.gid, &e.op, &e.fields,
            ],
        )?;
        col(&r, 0)
    }

    fn put_notice(&mut self, seq: i64, laptop: &str, body: &str) -> Result<()> {
        self.exec(
            "INSERT INTO hub_notices (seq, laptop, body) VALUES ($1, $2, $3)",
            &[&seq, &laptop, &body],
        )?;
        Ok(())
    }

    fn row(&mut self, tbl: &str, gid: &str) -> Result<Option<(String, String, bool)>> {
        self.opt(
            "SELECT data, stamps, deleted FROM hub_rows WHERE tbl = $1 AND gid = $2",
            &[&tbl, &gid],
        )?
        .map(|r| Ok((col(&r, 0)?, col(&r, 1)?, col(&r, 2)?)))
        .transpose()
    }

    fn put_row(&mut self, r: &RowPut<'_>) -> Result<()> {
        self.exec(
            "INSERT INTO hub_rows (tbl, gid, data, stamps, deleted, seq) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (tbl, gid) DO UPDATE SET data = $3, stamps = $4, deleted = $5, seq = $6",
            &[&r.tbl, &r.gid, &r.data, &r.stamps, &r.deleted, &r.seq],
        )?;
        Ok(())
    }

    fn alias(&mut self, tbl: &str, gid: &str) -> Result<Option<String>> {
        self.opt(
            "SELECT canonical FROM hub_aliases WHERE tbl = $1 AND gid = $2",
            &[&tbl, &gid],
        )?
        .map(|r| col(&r, 0))
        .transpose()
    }

    fn put_alias(&mut self, tbl: &str, gid: &str, canonical: &str) -> Result<()> {
        self.exec(
            "INSERT INTO hub_aliases (tbl, gid, canonical) VALUES ($1, $2, $3)
             ON CONFLICT (tbl, gid) DO UPDATE SET canonical = $3",
            &[&tbl, &gid, &canonical],
        )?;
        Ok(())
    }

    fn rows_where(&mut self, tbl: &str, key: &str, value: &str) -> Result<Vec<String>> {
        self.rows(
            "SELECT gid FROM hub_rows WHERE tbl = $1 AND NOT deleted AND (data::jsonb ->> $2) = $3",
            &[&tbl, &key, &value],
        )?
        .iter()
        .map(|r| col(r, 0))
        .collect()
    }

    fn proposals_of(&mut self, c: &Claim<'_>) -> Result<Vec<(String, String)>> {
        self.rows(
            "SELECT gid, member FROM hub_proposals
             WHERE engineer = $1 AND client_key = $2 AND member <> $3",
            &[&c.engineer, &c.client_key, &c.member],
        )?
        .iter()
        .map(|r| Ok((col(r, 0)?, col(r, 1)?)))
        .collect()
    }

    fn put_proposal(&mut self, gid: &str, c: &Claim<'_>) -> Result<()> {
        self.exec(
            "INSERT INTO hub_proposals (gid, engineer, client_key, member) VALUES ($1, $2, $3, $4)
             ON CONFLICT (gid) DO UPDATE SET engineer = $2, client_key = $3, member = $4",
            &[&gid, &c.engineer, &c.client_key, &c.member],
        )?;
        Ok(())
    }

    fn drop_proposal(&mut self, gid: &str) -> Result<()> {
        self.exec("DELETE FROM hub_proposals WHERE gid = $1", &[&gid])?;
        Ok(())
    }

    fn rows_since(&mut self, since: i64, limit: i64) -> Result<Vec<SinceRow>> {
        self.rows(
            "SELECT seq, tbl, gid, data, deleted FROM hub_rows WHERE seq > $1 ORDER BY seq LIMIT $2",
            &[&since, &limit],
        )?
        .iter()
        .map(|r| Ok((col(r, 0)?, col(r, 1)?, col(r, 2)?, col(r, 3)?, col(r, 4)?)))
        .collect()
    }

    fn last_seq(&mut self) -> Result<i64> {
        let r = self.one("SELECT coalesce(max(seq), 0)::BIGINT FROM hub_log", &[])?;
        col(&r, 0)
    }

    fn notices(&mut self, laptop: &str, since: i64, upto: i64) -> Result<Vec<String>> {
        self.rows(
            "SELECT body FROM hub_notices WHERE laptop = $1 AND seq > $2 AND seq <= $3 ORDER BY seq",
            &[&laptop, &since, &upto],
        )?
        .iter()
        .map(|r| col(r, 0))
        .collect()
    }

    fn live_rows(&mut self) -> Result<Vec<(String, String, String)>> {
        self.rows("SELECT tbl, gid, data FROM hub_rows WHERE NOT deleted", &[])?
            .iter()
            .map(|r| Ok((col(r, 0)?, col(r, 1)?, col(r, 2)?)))
            .collect()
    }

    fn logged(&mut self) -> Result<i64> {
        let r = self.one("SELECT count(*) FROM hub_log", &[])?;
        col(&r, 0)
    }
}
