//! One decoded mail into the store: sorted, its offers filed as partner engineers,
//! its openings handed to the posting import.
//!
//! Both go through one [`PostingBatch`], the transaction of the file the mail came
//! from, so a file is stored whole or not at all. Openings take the postings
//! work's path (its splitting, parsing and forwarded-duplicate detection), so
//! `import mail` and `import openings` file the same opening the same way.

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::Path;

use super::import_postings::{add_mail_text, Summary};
use crate::classify::{sort_mail_items, Envelope, Kind};
use crate::geo::Places;
use crate::offer::similar;
use crate::posting::mail::{self, Mail};
use crate::skills::Taxonomy;
use crate::store::{NewOffer, OfferReport, PostingBatch, Store};

/// What one mail held, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailCount {
    /// `other` when the mail held no item.
    pub kind: Kind,
    pub offers: usize,
    pub openings: usize,
}

impl MailCount {
    /// `opening`, `offer`, `mixed` or `other`, as the report and the accuracy test name mails.
    pub fn label(&self) -> &'static str {
        match (self.offers, self.openings) {
            (0, 0) => "other",
            (_, 0) => "offer",
            (0, _) => "opening",
            _ => "mixed",
        }
    }
}

/// What filing mails did: offers by outcome, openings as the posting import counts them.
#[derive(Debug, Default)]
pub struct Filed {
    pub offers: OfferReport,
    pub openings: Summary,
}

/// Sort one mail and write its items into the file's batch.
///
/// `what` names the mail in failure lines (`inbox.mbox message 12`). An error is a
/// database error: the caller drops the batch, so nothing of the file is stored.
pub fn file_mail(
    batch: &mut PostingBatch<'_>,
    m: &Mail,
    what: &str,
    tax: &Taxonomy,
    places: &Places,
    now: DateTime<Utc>,
    filed: &mut Filed,
) -> crate::store::Result<MailCount> {
    let received = m.date.unwrap_or(now);
    let env = Envelope {
        subject: m.subject.as_deref(),
        from_addr: m.sender.as_deref().and_then(address_of),
        received,
    };
    let sorted = sort_mail_items(&m.body, &env, tax);
    if sorted.cut {
        filed.openings.failed.push(super::import_postings::Failure {
            what: crate::text::cell(what),
            reason: cut_note(),
        });
    }
    let offers = sorted
        .items
        .iter()
        .filter(|i| i.kind == Kind::Offer)
        .count();
    let openings = sorted.items.len() - offers;
    let count = MailCount {
        kind: sorted.kind,
        offers,
        openings,
    };
    if openings > 0 {
        // A mail of openings only goes whole, exactly as `import openings` reads it;
        // from a mixed mail only the parts sorted as openings.
        let text = if offers == 0 {
            m.body.clone()
        } else {
            sorted
                .items
                .iter()
                .filter(|i| i.kind == Kind::Opening)
                .map(|i| i.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        add_mail_text(batch, tax, m, &text, what, now, &mut filed.openings)?;
    }
    let partner = crate::posting::sender::company_of_excluding(m, batch.own_names());
    for item in sorted.items.iter().filter(|i| i.kind == Kind::Offer) {
        let offer = NewOffer {
            engineer: item.offer.to_engineer(received, tax, places),
            key: similar::identity_key(&item.offer),
            partner: partner.clone(),
            sender: m.sender.clone(),
            subject: m.subject.clone(),
            received_at: received,
            parsed_json: serde_json::to_string(&item.offer).unwrap_or_default(),
            text: item.text.clone(),
        };
        batch.add_offer(&offer, &mut filed.offers)?;
    }
    Ok(count)
}

pub use crate::posting::sender::{address_of, company_of as partner_of};

/// What a mail cut at [`crate::classify::MAX_PARTS`] parts or [`crate::classify::MAX_ITEMS`] items says.
pub fn cut_note() -> String {
    format!(
        "more than {} parts or {} items; only those were read",
        crate::classify::MAX_PARTS,
        crate::classify::MAX_ITEMS
    )
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct KindCounts {
    pub offer: usize,
    pub opening: usize,
    pub mixed: usize,
    pub other: usize,
}

impl KindCounts {
    pub fn add(&mut self, label: &str) {
        match label {
            "offer" => self.offer += 1,
            "opening" => self.opening += 1,
            "mixed" => self.mixed += 1,
            _ => self.other += 1,
        }
    }
    pub fn merge(&mut self, o: &KindCounts) {
        self.offer += o.offer;
        self.opening += o.opening;
        self.mixed += o.mixed;
        self.other += o.other;
    }
}

/// Openings as the posting import counts them.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct OpeningCounts {
    /// Postings read from the mails sorted as openings.
    pub postings: usize,
    pub new: usize,
    /// Forwarded copies linked to an opening already stored.
    pub duplicates: usize,
    /// Read before (same text): nothing added.
    pub known: usize,
}

impl OpeningCounts {
    pub fn merge(&mut self, o: &OpeningCounts) {
        self.postings += o.postings;
        self.new += o.new;
        self.duplicates += o.duplicates;
        self.known += o.known;
    }
}

#[derive(Debug, Default, Serialize)]
pub struct FileReport {
    pub path: String,
    pub mails: usize,
    /// Mails by what they held.
    pub by_kind: KindCounts,
    pub offers: OfferReport,
    pub openings: OpeningCounts,
    /// What was passed over, with the reason (a message that cannot be decoded, a
    /// part sorted as an opening without any posting field); the rest is stored.
    pub skipped: Vec<String>,
    /// Why nothing of this file was stored, if so.
    pub error: Option<String>,
}

/// Store one file's mails in one transaction: all of them, or none on a database error;
/// a mailbox in steps (`PostingBatch::step`), what its committed steps stored kept in
/// `stored` should a later one fail. `on_mail` is told of each mail filed.
#[allow(clippy::too_many_arguments)]
pub fn import_file(
    store: &mut Store,
    path: &Path,
    tax: &Taxonomy,
    places: &Places,
    default_received: DateTime<Utc>,
    report: &mut FileReport,
    stored: &mut Option<Stored>,
    on_mail: &mut dyn FnMut(),
) -> anyhow::Result<()> {
    let input = crate::input::peek(path, 8192)?;
    let name = path.display().to_string();
    let mut batch = store.posting_batch(Utc::now())?;
    let mut filed = Filed::default();
    let mut file = |m: &Mail,
                    what: &str,
                    batch: &mut PostingBatch<'_>,
                    report: &mut FileReport,
                    filed: &mut Filed| {
        let c = file_mail(batch, m, what, tax, places, default_received, filed)?;
        report.mails += 1;
        report.by_kind.add(c.label());
        on_mail();
        anyhow::Ok(())
    };
    if mail::looks_like_mbox(&input.head) {
        // Streamed: one mail at a time is held, however large the mailbox.
        for (n, raw) in crate::input::Mailbox::new(input.reader).enumerate() {
            let what = format!("{name} message {}", n + 1);
            let raw = match raw {
                Ok(b) => b,
                Err(crate::input::MailboxError::Io(e)) => anyhow::bail!("reading mailbox: {e}"),
                Err(e) => {
                    report.skipped.push(format!("message {}: {e}", n + 1));
                    continue;
                }
            };
            match mail::read_mail(&raw) {
                Ok(m) => file(&m, &what, &mut batch, report, &mut filed)?,
                Err(e) => report.skipped.push(format!("message {}: {e}", n + 1)),
            }
            // Committed in short steps, so other writers are not kept waiting; a rerun
            // after a failure stores nothing twice.
            if batch.step()? {
                *stored = Some(Stored {
                    messages: n + 1,
                    report: finished(report, &filed),
                });
            }
        }
    } else {
        let bytes = input.read_all(&name)?;
        // The raw bytes are dropped before sorting: the decoded mail is all it needs.
        let m = if mail::looks_like_mail(&bytes) {
            mail::read_mail(&bytes).map_err(|e| anyhow::anyhow!("{e}"))?
        } else {
            Mail {
                sender: None,
                subject: None,
                date: None,
                body: mail::decode_text(&bytes).map_err(|e| anyhow::anyhow!("{e}"))?,
            }
        };
        drop(bytes);
        file(&m, &name, &mut batch, report, &mut filed)?;
    }
    batch.commit()?;
    *report = finished(report, &filed);
    Ok(())
}

/// What the committed steps of a mailbox stored, should a later step fail.
pub struct Stored {
    pub messages: usize,
    pub report: FileReport,
}

/// The file's report with what filing counted.
fn finished(report: &FileReport, filed: &Filed) -> FileReport {
    let o = &filed.openings;
    let mut done = FileReport {
        path: report.path.clone(),
        mails: report.mails,
        by_kind: report.by_kind,
        offers: filed.offers,
        openings: OpeningCounts {
            postings: o.postings,
            new: o.new,
            duplicates: o.duplicates,
            known: o.known,
        },
        skipped: report.skipped.clone(),
        error: None,
    };
    done.skipped
        .extend(o.failed.iter().map(|f| format!("{}: {}", f.what, f.reason)));
    done
}
