//! One decoded mail into the store: sorted, its offers filed as partner engineers,
//! its openings handed to the posting import.
//!
//! Both go through one [`PostingBatch`], the transaction of the file the mail came
//! from, so a file is stored whole or not at all. Openings take the postings
//! work's path (its splitting, parsing and forwarded-duplicate detection), so
//! `import mail` and `import openings` file the same opening the same way.

use chrono::{DateTime, Utc};

use super::import_postings::{add_mail_text, Summary};
use crate::classify::{sort_mail_items, Envelope, Kind};
use crate::geo::Places;
use crate::offer::similar;
use crate::posting::mail::Mail;
use crate::skills::Taxonomy;
use crate::store::{NewOffer, OfferReport, PostingBatch};

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
) -> Result<MailCount, String> {
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
        batch
            .add_offer(&offer, &mut filed.offers)
            .map_err(|e| e.to_string())?;
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
