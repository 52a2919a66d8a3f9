//! Offers by mail: partner engineers found again by identity and text, their sources, their freshness.
//!
//! An offer either creates a partner engineer or updates the one it repeats
//! (same identity key, near-identical text, see [`crate::offer::similar`]); every
//! offer is kept as a source with its raw text, so a rep sees who offered whom when.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::engineers::PartnerCache;
use super::openings::insert_engineer_row;
use super::{PostingBatch, Result, Store};
use crate::domain::{Engineer, Man, Remote};
use crate::offer::similar;

/// One offer to store.
#[derive(Debug, Clone)]
pub struct NewOffer {
    /// The engineer as the offer describes them (`ParsedOffer::to_engineer`).
    pub engineer: Engineer,
    /// `similar::identity_key` of the parsed offer.
    pub key: String,
    /// The partner company that sent it.
    pub partner: Option<String>,
    pub sender: Option<String>,
    pub subject: Option<String>,
    pub received_at: DateTime<Utc>,
    /// The offer's text as it stood in the mail.
    pub text: String,
    /// The parsed offer as `parse-offer --json` prints it (keeps what is never scored, such as gender).
    pub parsed_json: String,
}

/// What storing offers did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct OfferReport {
    /// Partner engineers seen for the first time.
    pub new: usize,
    /// Offers that repeated a known engineer: its record updated, the source added.
    pub updated: usize,
    /// Offers already stored from the same mail (a re-import).
    pub known: usize,
}

impl OfferReport {
    pub fn add(&mut self, o: &OfferReport) {
        self.new += o.new;
        self.updated += o.updated;
        self.known += o.known;
    }
}

/// A source of an offer, as `show` and the dashboard list them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OfferSource {
    pub engineer_id: i64,
    pub partner: Option<String>,
    pub sender: Option<String>,
    pub subject: Option<String>,
    pub received_at: DateTime<Utc>,
    pub raw_text: String,
}

impl PostingBatch<'_> {
    /// Store one offer in the file's transaction: a new partner engineer, or the
    /// one it repeats updated, with the offer kept as a source either way.
    pub fn add_offer(&mut self, offer: &NewOffer, report: &mut OfferReport) -> Result<()> {
        let mut partners = PartnerCache::default();
        match store_offer(&self.tx, offer, &mut partners, &self.skill_ids, self.now)? {
            Outcome::New => report.new += 1,
            Outcome::Updated => report.updated += 1,
            Outcome::Known => report.known += 1,
        }
        Ok(())
    }
}

enum Outcome {
    New,
    Updated,
    Known,
}

impl Store {
    /// How many offers each engineer came in, by engineer id.
    pub fn offer_source_counts(&self) -> Result<std::collections::HashMap<i64, usize>> {
        let mut stmt = self
            .conn
            .prepare("SELECT engineer_id, count(*) FROM offer_sources GROUP BY engineer_id")?;
        let map = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(map)
    }

    /// Every offer of one engineer, newest first.
    pub fn offer_sources(&self, engineer_id: i64) -> Result<Vec<OfferSource>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.engineer_id, p.name, s.sender, s.subject, s.received_at, s.raw_text
             FROM offer_sources s LEFT JOIN partners p ON p.id = s.partner_id
             WHERE s.engineer_id = ?1 ORDER BY s.received_at DESC, s.id DESC",
        )?;
        let v = stmt
            .query_map([engineer_id], |r| {
                Ok(OfferSource {
                    engineer_id: r.get(0)?,
                    partner: r.get(1)?,
                    sender: r.get(2)?,
                    subject: r.get(3)?,
                    received_at: r.get(4)?,
                    raw_text: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }
}

/// The engineer this offer repeats, if any: same key, text similar enough.
fn find_same(tx: &rusqlite::Connection, offer: &NewOffer) -> Result<Option<i64>> {
    let candidates: Vec<i64> = tx
        .prepare_cached("SELECT id FROM engineers WHERE offer_key = ?1 ORDER BY id")?
        .query_map([&offer.key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if candidates.is_empty() {
        return Ok(None);
    }
    let mine = similar::shingles(&offer.text);
    let threshold = similar::threshold(&offer.key);
    let mut best: Option<(f32, i64)> = None;
    for id in candidates {
        let text: Option<String> = tx
            .prepare_cached(
                "SELECT raw_text FROM offer_sources WHERE engineer_id = ?1
                 ORDER BY received_at DESC, id DESC LIMIT 1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let Some(text) = text else { continue };
        let sim = similar::jaccard(&mine, &similar::shingles(&text));
        if sim >= threshold && best.is_none_or(|(b, _)| sim > b) {
            best = Some((sim, id));
        }
    }
    Ok(best.map(|(_, id)| id))
}

fn store_offer(
    tx: &rusqlite::Connection,
    offer: &NewOffer,
    partners: &mut PartnerCache,
    skill_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<Outcome> {
    let partner_id = match offer.partner.as_deref().map(str::trim) {
        Some(p) if !p.is_empty() => Some(partners.get_or_create(tx, p)?),
        _ => None,
    };
    let digest = similar::digest(&[
        offer.sender.as_deref().unwrap_or(""),
        &offer.received_at.to_rfc3339(),
        &offer.text,
    ]);
    let e = &offer.engineer;
    let (id, outcome) = match find_same(tx, offer)? {
        Some(id) => (id, Outcome::Updated),
        None => {
            let id = insert_engineer_row(tx, e, partner_id, skill_ids, now)?;
            tx.prepare_cached("UPDATE engineers SET offer_key = ?2 WHERE id = ?1")?
                .execute(params![id, offer.key])?;
            (id, Outcome::New)
        }
    };
    let added = tx
        .prepare_cached(
            "INSERT INTO offer_sources (engineer_id, partner_id, sender, subject, received_at,
                raw_text, parsed, digest)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (engineer_id, digest) DO NOTHING",
        )?
        .execute(params![
            id,
            partner_id,
            offer.sender,
            offer.subject,
            offer.received_at,
            offer.text,
            offer.parsed_json,
            digest
        ])?;
    if added == 0 {
        return Ok(Outcome::Known);
    }
    if matches!(outcome, Outcome::Updated) {
        refresh(tx, id, offer, partner_id, skill_ids, now)?;
    }
    Ok(outcome)
}

/// A repeated offer: the newer text wins for what changes (rate, start, station),
/// the shortest chain wins for depth and partner, and the engineer is fresh again.
fn refresh(
    tx: &rusqlite::Connection,
    id: i64,
    offer: &NewOffer,
    partner_id: Option<i64>,
    skill_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<()> {
    let (last, depth): (Option<DateTime<Utc>>, u8) = tx
        .prepare_cached("SELECT last_offered_at, depth FROM engineers WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let e = &offer.engineer;
    if e.depth < depth {
        tx.prepare_cached("UPDATE engineers SET depth = ?2, partner_id = ?3 WHERE id = ?1")?
            .execute(params![id, e.depth, partner_id])?;
    }
    if last.is_some_and(|l| l > offer.received_at) {
        // An older mail read late: it adds a source, it does not roll the record back.
        return Ok(());
    }
    tx.prepare_cached(
        "UPDATE engineers SET station = ?2, area = ?3, remote_pref = ?4, available_from = ?5,
            availability_confirmed = ?6, cost = ?7, foreign_national = ?8, japanese_level = ?9,
            age_band = ?10, notes = ?11, last_checked = ?6, last_offered_at = ?12, updated_at = ?13,
            affiliation = ?14, employment = coalesce(?15, employment),
            ng = CASE WHEN ?16 = '' THEN ng ELSE ?16 END,
            languages = CASE WHEN ?17 = '' THEN languages ELSE ?17 END
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        e.station,
        e.area,
        e.remote_pref.map(Remote::as_str),
        e.available_from,
        e.availability_confirmed,
        e.cost.map(Man::as_f64),
        e.foreign,
        e.japanese_level,
        e.age_band,
        e.notes,
        offer.received_at,
        now,
        e.affiliation.as_str(),
        e.employment.map(crate::domain::Employment::as_str),
        e.ng.join("、"),
        crate::domain::format_languages(&e.languages),
    ])?;
    tx.prepare_cached("DELETE FROM engineer_skills WHERE engineer_id = ?1")?
        .execute([id])?;
    super::openings::insert_engineer_skills(tx, id, &e.skills, skill_ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::Places;
    use crate::offer;
    use crate::skills::Taxonomy;
    use chrono::TimeZone;

    const TEXT: &str = "氏名：T.K\n年齢：34歳\n最寄駅：川崎駅\nスキル：Java 5年、Spring Boot 3年\n単価：65万\n稼働：即日\n所属：弊社正社員\nPR：金融系の開発経験が豊富です。";

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 1, 0, 0).unwrap()
    }

    fn new_offer(text: &str, partner: &str, day: u32) -> NewOffer {
        let tax = Taxonomy::builtin();
        let o = offer::parse(text, at(day), tax);
        NewOffer {
            engineer: o.to_engineer(at(day), tax, Places::builtin()),
            key: similar::identity_key(&o),
            partner: Some(partner.into()),
            sender: Some(format!("sales@{partner}")),
            subject: None,
            received_at: at(day),
            text: text.into(),
            parsed_json: "{}".into(),
        }
    }

    /// Store offers as one file would: one posting batch, committed.
    fn store_all(store: &mut Store, offers: Vec<NewOffer>, now: DateTime<Utc>) -> OfferReport {
        let mut report = OfferReport::default();
        let mut batch = store.posting_batch(now).unwrap();
        for o in &offers {
            batch.add_offer(o, &mut report).unwrap();
        }
        batch.commit().unwrap();
        report
    }

    #[test]
    fn a_reoffer_updates_the_record_and_an_older_one_only_adds_a_source() {
        let tax = Taxonomy::builtin();
        let mut store = Store::open_in_memory(tax).unwrap();
        let r = store_all(&mut store, vec![new_offer(TEXT, "a.jp", 10)], at(10));
        assert_eq!(r.new, 1);
        let newer = TEXT.replace("65万", "60万");
        let r = store_all(&mut store, vec![new_offer(&newer, "b.jp", 17)], at(17));
        assert_eq!((r.new, r.updated), (0, 1));
        let older = TEXT.replace("65万", "70万");
        let r = store_all(&mut store, vec![new_offer(&older, "c.jp", 12)], at(17));
        assert_eq!(r.updated, 1);
        let all = store.load_engineers().unwrap();
        assert_eq!(all.len(), 1);
        let e = &all[0];
        assert_eq!(e.cost, Man::new(60.0), "the newest offer's price stands");
        assert_eq!(e.last_offered, Some(at(17)));
        assert_eq!(store.offer_sources(e.id).unwrap().len(), 3);
        // The same mail again is known, not a fourth source.
        let r = store_all(&mut store, vec![new_offer(&newer, "b.jp", 17)], at(18));
        assert_eq!(r.known, 1);
        assert_eq!(store.offer_sources(e.id).unwrap().len(), 3);
    }

    #[test]
    fn same_identity_different_text_is_another_engineer() {
        let tax = Taxonomy::builtin();
        let mut store = Store::open_in_memory(tax).unwrap();
        let other = "氏名：T.K\n年齢：34歳\n最寄駅：川崎駅\nスキル：Java 5年、Spring Boot 3年\n単価：50万\n稼働：2月から\n所属：1社先正社員\n備考：物流システムの保守運用を長く担当。夜勤のある現場を希望。";
        let both = vec![new_offer(TEXT, "a.jp", 10), new_offer(other, "b.jp", 11)];
        let r = store_all(&mut store, both, at(11));
        assert_eq!(r.new, 2);
        assert_eq!(store.load_engineers().unwrap().len(), 2);
    }

    #[test]
    fn a_shorter_chain_takes_over_depth_and_partner() {
        let tax = Taxonomy::builtin();
        let mut store = Store::open_in_memory(tax).unwrap();
        let mut far = new_offer(TEXT, "far.jp", 10);
        far.engineer.depth = 3;
        store_all(&mut store, vec![far], at(10));
        store_all(&mut store, vec![new_offer(TEXT, "near.jp", 11)], at(11));
        let e = &store.load_engineers().unwrap()[0];
        assert_eq!(e.depth, 1);
        let partners = store.partner_names().unwrap();
        assert_eq!(
            e.partner_id
                .and_then(|p| partners.get(&p))
                .map(String::as_str),
            Some("near.jp")
        );
    }
}
