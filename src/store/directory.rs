//! Clients and partners: ranks, relationships, contacts and incidents.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;

use super::{Result, Store, StoreError};
use crate::domain::Rank;

/// A client with its ranks and how business with it went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientInfo {
    pub id: i64,
    pub name: String,
    /// A (best) to D, now.
    pub rank: Option<Rank>,
    /// The rank expected in six months.
    pub rank_expected: Option<Rank>,
    pub relationship: String,
    pub openings: i64,
    pub open_openings: i64,
    pub proposals: i64,
    pub won: i64,
}

/// Something that went wrong with a partner, e.g. an engineer swapped before the start.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    pub id: i64,
    pub partner_id: i64,
    pub at: DateTime<Utc>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerInfo {
    pub id: i64,
    pub name: String,
    pub contact: String,
    pub notes: String,
    pub engineers: i64,
    pub incidents: Vec<Incident>,
}

impl Store {
    /// Clients, best rank first, then by name.
    pub fn client_list(&self) -> Result<Vec<ClientInfo>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.name, c.rank, c.rank_expected, c.relationship,
                (SELECT count(*) FROM openings o WHERE o.client_id = c.id),
                (SELECT count(*) FROM openings o WHERE o.client_id = c.id
                    AND o.status IN ('new', 'answered', 'proposed')),
                (SELECT count(*) FROM proposals p JOIN openings o ON o.id = p.opening_id
                    WHERE o.client_id = c.id),
                (SELECT count(*) FROM proposals p JOIN openings o ON o.id = p.opening_id
                    WHERE o.client_id = c.id AND p.stage IN ('signed', 'started'))
             FROM clients c
             ORDER BY coalesce(c.rank, 'Z'), c.name",
        )?;
        let v = stmt
            .query_map([], |r| {
                let rank = |i: usize| -> rusqlite::Result<Option<Rank>> {
                    Ok(r.get::<_, Option<String>>(i)?
                        .as_deref()
                        .and_then(Rank::parse))
                };
                Ok(ClientInfo {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    rank: rank(2)?,
                    rank_expected: rank(3)?,
                    relationship: r.get(4)?,
                    openings: r.get(5)?,
                    open_openings: r.get(6)?,
                    proposals: r.get(7)?,
                    won: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Create or update a client; fields left `None` keep their value. Returns (id, created).
    pub fn set_client(
        &mut self,
        name: &str,
        rank: Option<Rank>,
        rank_expected: Option<Rank>,
        relationship: Option<&str>,
    ) -> Result<(i64, bool)> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Empty("client name"));
        }
        let tx = self.transaction()?;
        let existing: Option<i64> = tx
            .query_row("SELECT id FROM clients WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?;
        let id = match existing {
            Some(id) => {
                tx.execute(
                    "UPDATE clients SET rank = coalesce(?2, rank),
                        rank_expected = coalesce(?3, rank_expected),
                        relationship = coalesce(?4, relationship)
                     WHERE id = ?1",
                    params![
                        id,
                        rank.map(Rank::as_str),
                        rank_expected.map(Rank::as_str),
                        relationship
                    ],
                )?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO clients (name, rank, rank_expected, relationship)
                     VALUES (?1, ?2, ?3, coalesce(?4, ''))",
                    params![
                        name,
                        rank.map(Rank::as_str),
                        rank_expected.map(Rank::as_str),
                        relationship
                    ],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.commit()?;
        Ok((id, existing.is_none()))
    }

    /// Partners by name, each with the count of its engineers and its incidents.
    pub fn partner_list(&self) -> Result<Vec<PartnerInfo>> {
        let mut incidents = self.incidents()?;
        let mut stmt = self.conn.prepare(
            "SELECT pa.id, pa.name, pa.contact, pa.notes,
                (SELECT count(*) FROM engineers e WHERE e.partner_id = pa.id)
             FROM partners pa ORDER BY pa.name",
        )?;
        let v = stmt
            .query_map([], |r| {
                Ok(PartnerInfo {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    contact: r.get(2)?,
                    notes: r.get(3)?,
                    engineers: r.get(4)?,
                    incidents: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v.into_iter()
            .map(|mut p| {
                p.incidents = incidents.remove(&p.id).unwrap_or_default();
                p
            })
            .collect())
    }

    /// A partner's id by name: exact, else ignoring case; the error lists the partners.
    pub fn partner_id(&self, name: &str) -> Result<i64> {
        let name = name.trim();
        let found: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM partners WHERE name = ?1
                 UNION ALL SELECT id FROM partners WHERE lower(name) = lower(?1) LIMIT 1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        // Another writing of the same company: (株)/株式会社/㈱, width, spaces.
        let found = match found {
            Some(id) => Some(id),
            None => {
                let mut same: Vec<(i64, String)> = self
                    .partner_names()?
                    .into_iter()
                    .filter(|(_, n)| crate::domain::company::same(n, name))
                    .collect();
                same.sort();
                same.first().map(|(id, _)| *id)
            }
        };
        found.ok_or_else(|| {
            let mut names: Vec<String> = self
                .partner_names()
                .map(|m| m.into_values().collect())
                .unwrap_or_default();
            names.sort();
            let listed = if names.is_empty() {
                "none yet".to_string()
            } else {
                names.join(", ")
            };
            StoreError::NotFound(format!("no partner named '{name}' (partners: {listed})"))
        })
    }

    /// Create or update a partner; fields left `None` keep their value. Returns (id, created).
    pub fn set_partner(
        &mut self,
        name: &str,
        contact: Option<&str>,
        notes: Option<&str>,
    ) -> Result<(i64, bool)> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Empty("partner name"));
        }
        let existing = self.partner_id(name).ok();
        let tx = self.transaction()?;
        let id = match existing {
            Some(id) => {
                tx.execute(
                    "UPDATE partners SET contact = coalesce(?2, contact),
                        notes = coalesce(?3, notes) WHERE id = ?1",
                    params![id, contact, notes],
                )?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO partners (name, contact, notes)
                     VALUES (?1, coalesce(?2, ''), coalesce(?3, ''))",
                    params![name, contact, notes],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.commit()?;
        Ok((id, existing.is_none()))
    }

    /// Record an incident against a partner named as the user wrote it.
    pub fn add_incident(&mut self, partner: &str, text: &str, now: DateTime<Utc>) -> Result<i64> {
        let text = text.trim();
        if text.is_empty() {
            return Err(StoreError::Empty("incident text"));
        }
        let pid = self.partner_id(partner)?;
        let tx = self.transaction()?;
        tx.execute(
            "INSERT INTO partner_incidents (partner_id, at, text) VALUES (?1, ?2, ?3)",
            params![pid, now, text],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Incidents by partner id, oldest first.
    pub fn incidents(&self) -> Result<HashMap<i64, Vec<Incident>>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, partner_id, at, text FROM partner_incidents ORDER BY at, id")?;
        let mut map: HashMap<i64, Vec<Incident>> = HashMap::new();
        let rows = stmt.query_map([], |r| {
            Ok(Incident {
                id: r.get(0)?,
                partner_id: r.get(1)?,
                at: r.get(2)?,
                text: r.get(3)?,
            })
        })?;
        for row in rows {
            let i = row?;
            map.entry(i.partner_id).or_default().push(i);
        }
        Ok(map)
    }
}
