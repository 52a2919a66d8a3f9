//! Mail in, store batch out: each mail sorted, its offers and openings made ready to store.
//!
//! No I/O here: the command reads files and mailboxes, this turns each decoded
//! mail into rows for [`crate::store::Store::import_mail_batch`].

use chrono::{DateTime, Utc};

use super::{sort_mail, Envelope, Kind};
use crate::geo::Places;
use crate::offer::{mail, similar};
use crate::skills::Taxonomy;
use crate::store::{MailBatch, NewOffer, NewOpening};

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

/// Sort one mail and add its items to the batch.
pub fn add_mail(
    batch: &mut MailBatch,
    m: &mail::Mail,
    tax: &Taxonomy,
    places: &Places,
    now: DateTime<Utc>,
) -> MailCount {
    let received = m.date.unwrap_or(now);
    let from_addr = m.sender.as_deref().and_then(mail::address_of);
    let env = Envelope {
        subject: m.subject.as_deref(),
        from_addr,
        received,
    };
    let sorted = sort_mail(&m.body, &env, tax);
    let partner = partner_of(m);
    let mut count = MailCount {
        kind: sorted.kind,
        offers: 0,
        openings: 0,
    };
    for item in sorted.items {
        match item.kind {
            Kind::Offer => {
                count.offers += 1;
                batch.offers.push(NewOffer {
                    engineer: item.offer.to_engineer(received, tax, places),
                    key: similar::identity_key(&item.offer),
                    partner: partner.clone(),
                    sender: m.sender.clone(),
                    subject: m.subject.clone(),
                    received_at: received,
                    parsed_json: serde_json::to_string(&item.offer).unwrap_or_default(),
                    text: item.text,
                });
            }
            Kind::Opening => {
                count.openings += 1;
                let mut opening = item.posting.to_opening(&item.text, received, tax);
                if opening.title == "(untitled posting)" {
                    if let Some(s) = &m.subject {
                        opening.title = crate::text::cell(s);
                    }
                }
                batch.openings.push(NewOpening {
                    opening,
                    sender: m.sender.clone(),
                    subject: m.subject.clone(),
                });
            }
            Kind::Other => {}
        }
    }
    count
}

const COMPANY_MARKS: [&str; 5] = ["株式会社", "(株)", "（株）", "有限会社", "合同会社"];

/// The partner company a mail comes from: the company its sender signs with, else
/// the sender's mail domain (stable across the people of one partner).
pub fn partner_of(m: &mail::Mail) -> Option<String> {
    let own_part: String = m
        .body
        .lines()
        .take_while(|l| {
            let t = l.trim_start().to_ascii_lowercase();
            !(t.starts_with('>')
                || t.starts_with("from:")
                || t.contains("forwarded message")
                || t.contains("original message")
                || t.starts_with("差出人"))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let from_name = m.sender.as_deref().unwrap_or("");
    company_in(&own_part)
        .or_else(|| company_in(from_name))
        .or_else(|| {
            m.sender
                .as_deref()
                .and_then(mail::address_of)
                .and_then(|a| a.rsplit_once('@'))
                .map(|(_, d)| d.to_ascii_lowercase())
        })
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() && !('\u{3041}'..='\u{3096}').contains(&c)
        || matches!(c, '・' | '&' | 'ー' | '-')
}

/// `ブリッジテック株式会社の佐藤です` → `ブリッジテック株式会社`; `株式会社サンプル 営業部` → `株式会社サンプル`.
fn company_in(text: &str) -> Option<String> {
    for line in text.lines() {
        for mark in COMPANY_MARKS {
            let Some(p) = line.find(mark) else { continue };
            let before: String = line[..p]
                .chars()
                .rev()
                .take_while(|c| is_name_char(*c))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after: String = line[p + mark.len()..]
                .chars()
                .take_while(|c| is_name_char(*c))
                .collect();
            let name = if !before.is_empty() {
                format!("{before}{mark}")
            } else if !after.is_empty() {
                format!("{mark}{after}")
            } else {
                continue;
            };
            return Some(crate::text::cell(&name));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(sender: &str, body: &str) -> mail::Mail {
        mail::Mail {
            sender: Some(sender.into()),
            subject: None,
            date: None,
            body: body.into(),
        }
    }

    #[test]
    fn partner_is_the_company_the_sender_signs_with() {
        let m = mail(
            "佐藤 <sato@bridge.co.jp>",
            "お世話になっております。ブリッジテック株式会社の佐藤です。\n",
        );
        assert_eq!(partner_of(&m).as_deref(), Some("ブリッジテック株式会社"));
        let m = mail("sales@kizuna.jp", "絆ITです。\n--\n株式会社絆IT 営業部\n");
        assert_eq!(partner_of(&m).as_deref(), Some("株式会社絆IT"));
        let m = mail(
            "小林 <kobayashi@sakura-ses.co.jp>",
            "さくらSESの小林です。\nFrom: 渡辺 <w@blue.co.jp>\n株式会社ブルー\n",
        );
        assert_eq!(partner_of(&m).as_deref(), Some("sakura-ses.co.jp"));
    }
}
