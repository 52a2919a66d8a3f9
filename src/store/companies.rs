//! Companies (clients, partners) looked up however their name is written: the names stored,
//! read once per import, by exact name first (a restore keeps every row's id), then by
//! [`crate::domain::company::key`], so (株)テックブリッジ and 株式会社テックブリッジ are one.

use std::collections::HashMap;

use super::Result;

/// The stored names of one table of companies, loaded on first use.
#[derive(Default)]
pub(super) struct CompanyIndex {
    by_key: HashMap<String, i64>,
    exact: HashMap<String, i64>,
    loaded: bool,
}

impl CompanyIndex {
    /// The id of a stored company of this name, if any. `all_sql` lists the table's
    /// `id, name` (a fixed query of the caller's table).
    pub(super) fn find(
        &mut self,
        conn: &rusqlite::Connection,
        all_sql: &'static str,
        name: &str,
    ) -> Result<Option<i64>> {
        if !self.loaded {
            let mut stmt = conn.prepare(all_sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (id, n) = row?;
                self.by_key
                    .entry(crate::domain::company::key(&n))
                    .or_insert(id);
                self.exact.insert(n, id);
            }
            self.loaded = true;
        }
        let key = crate::domain::company::key(name);
        Ok(self
            .exact
            .get(name)
            .or_else(|| self.by_key.get(&key))
            .copied())
    }

    /// A company just written under this name.
    pub(super) fn remember(&mut self, name: &str, id: i64) {
        self.by_key.insert(crate::domain::company::key(name), id);
        self.exact.insert(name.to_string(), id);
    }
}
