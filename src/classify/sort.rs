//! One mail → its items: each part classified, fragments put back together.
//!
//! Parts come from [`crate::offer::split`]; a part is an item only with
//! substance (a person for an offer, skills for an opening). What follows an
//! offer without naming a person (its `■スキル` block cut off by a rule line)
//! belongs to that offer; openings split only at numbered headings. A note such
//! as `※全員弊社正社員です` gives its affiliation to every offer that lacks one,
//! and each forward from another company adds one to an offer's depth.

use chrono::{DateTime, Utc};

use super::{Decision, Kind, Reading};
use crate::offer::{self, split, ParsedOffer};
use crate::posting::ParsedPosting;
use crate::skills::Taxonomy;

/// What the importer knows of a mail besides its body.
#[derive(Debug, Clone, Copy)]
pub struct Envelope<'a> {
    pub subject: Option<&'a str>,
    /// The sender's address: forwards from other domains deepen the chain.
    pub from_addr: Option<&'a str>,
    pub received: DateTime<Utc>,
}

/// One item of a mail: an offer or an opening, with its text and readings.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: Kind,
    /// The part's text as it stands in the mail (quotes opened).
    pub text: String,
    pub decision: Decision,
    pub offer: ParsedOffer,
    /// The posting parser's reading, when it was needed to decide.
    pub posting: Option<ParsedPosting>,
}

/// A sorted mail: the decision on the whole and the items found in it.
#[derive(Debug, Clone)]
pub struct Sorted {
    /// `other` when no item was found, else the kind of most items.
    pub kind: Kind,
    /// The whole mail weighed at once; `None` from [`sort_mail_items`] unless it was needed.
    pub decision: Option<Decision>,
    pub items: Vec<Item>,
    /// The mail had more than [`MAX_PARTS`] parts or [`MAX_ITEMS`] items; the rest was not read.
    pub cut: bool,
}

/// Parts of one mail sorted; a mail of more is read up to here (a day's mail has
/// a few dozen at most; 20,000 is an attack or a mistake).
pub const MAX_PARTS: usize = 5_000;
/// Items (offers and openings) kept from one mail.
pub const MAX_ITEMS: usize = 1_000;

/// Read the last item again after continuations grew it; it keeps the kind it was found as.
fn reread_last(items: &mut [Read], received: DateTime<Utc>, tax: &Taxonomy) {
    if let Some(last) = items.last_mut() {
        let kind = last.kind();
        let text = std::mem::take(&mut last.text);
        *last = read(last.at, text, received, tax);
        last.reading.decision.kind = kind;
    }
}

fn has_person(o: &ParsedOffer) -> bool {
    o.initials.is_some() || o.age.is_some() || o.age_band.is_some() || o.gender.is_some()
}

fn has_substance(kind: Kind, o: &ParsedOffer, p: Option<&ParsedPosting>) -> bool {
    match kind {
        Kind::Offer => has_person(o) || o.field_count() >= 3,
        Kind::Opening => p.is_some_and(|p| {
            !p.must_skills.is_empty() || !p.nice_skills.is_empty() || p.rate_max.is_some()
        }),
        Kind::Other => false,
    }
}

struct Read {
    at: usize,
    text: String,
    reading: Reading,
}

impl Read {
    fn kind(&self) -> Kind {
        self.reading.decision.kind
    }
}

fn read(at: usize, text: String, received: DateTime<Utc>, tax: &Taxonomy) -> Read {
    let reading = super::read(&text, received, tax);
    Read { at, text, reading }
}

/// `※全員弊社正社員です`: a note about every offer in the mail.
fn shared_note(text: &str) -> bool {
    ["全員", "いずれも", "全て", "すべて", "皆"]
        .iter()
        .any(|w| text.contains(w))
}

/// Sort one mail body, with the whole mail weighed too (what `classify` shows).
pub fn sort_mail(body: &str, env: &Envelope<'_>, tax: &Taxonomy) -> Sorted {
    sort(body, env, tax, true)
}

/// Sort one mail body into its items; the whole mail is weighed only when no part
/// decides (the importer's path: a day of mail is 20,000 of them).
pub fn sort_mail_items(body: &str, env: &Envelope<'_>, tax: &Taxonomy) -> Sorted {
    sort(body, env, tax, false)
}

fn sort(body: &str, env: &Envelope<'_>, tax: &Taxonomy, weigh_whole: bool) -> Sorted {
    let received = env.received;
    let cleaned = split::clean(body, env.subject);
    // A reply's subject names the item it answers; only a new mail's subject speaks for it.
    let whole_text = || match env.subject {
        Some(s) if !s.trim().is_empty() && !split::is_reply(s) => format!("{s}\n{cleaned}"),
        _ => cleaned.clone(),
    };
    let mut whole: Option<Read> = weigh_whole.then(|| read(0, whole_text(), received, tax));
    let mut items: Vec<Read> = Vec::new();
    // The last item grew by a continuation and is read again once it is complete:
    // reading it at every fragment made a mail of many fragments quadratic.
    let mut stale = false;
    let mut cut = false;
    let mut shared: Option<(offer::OfferAffiliation, u8)> = None;
    for (n, range) in split::parts(&cleaned).into_iter().enumerate() {
        if n >= MAX_PARTS || items.len() >= MAX_ITEMS {
            cut = true;
            break;
        }
        let at = range.start;
        let text = cleaned[range].trim_matches('\n').to_string();
        let starts_item = text.lines().next().is_some_and(split::is_item_heading);
        let part = read(at, text, received, tax);
        let kind = part.kind();
        let last_kind = items.last().map(Read::kind);
        let offer = &part.reading.offer;
        if !has_person(offer) && shared_note(&part.text) {
            if let (Some(a), None) = (offer.affiliation, shared) {
                shared = Some((a, offer.depth.unwrap_or(1)));
                continue;
            }
        }
        let continues = !starts_item
            && match last_kind {
                Some(Kind::Offer) => {
                    kind != Kind::Opening && !has_person(offer) && offer.field_count() >= 1
                }
                Some(Kind::Opening) => kind == Kind::Opening,
                _ => false,
            };
        if continues {
            if let Some(prev) = items.last_mut() {
                prev.text.push('\n');
                prev.text.push_str(&part.text);
                stale = true;
            }
            continue;
        }
        if kind != Kind::Other && has_substance(kind, offer, part.reading.posting.as_ref()) {
            if stale {
                reread_last(&mut items, received, tax);
                stale = false;
            }
            items.push(part);
        }
    }
    if stale {
        reread_last(&mut items, received, tax);
    }
    if items.is_empty() {
        let w = whole.get_or_insert_with(|| read(0, whole_text(), received, tax));
        let kind = w.kind();
        if kind != Kind::Other && has_substance(kind, &w.reading.offer, w.reading.posting.as_ref())
        {
            let mut all = read(0, cleaned.trim_matches('\n').to_string(), received, tax);
            all.reading.decision.kind = kind;
            items.push(all);
        }
    }
    let hops = forward_hops(&cleaned, env.from_addr);
    for item in items.iter_mut().filter(|i| i.kind() == Kind::Offer) {
        let offer = &mut item.reading.offer;
        if offer.affiliation.is_none() {
            if let Some((a, d)) = shared {
                offer.affiliation = Some(a);
                offer.depth = Some(d);
            }
        }
        // The chain as it stands at the last forward header inside or before the item
        // (headers are in text order, so a binary search finds it).
        let end = item.at + item.text.len();
        let before = hops.partition_point(|(pos, _)| *pos < end);
        let extra = before.checked_sub(1).map_or(0, |k| hops[k].1);
        if extra > 0 {
            let offer = &mut item.reading.offer;
            offer.depth = Some(offer.depth.unwrap_or(1).saturating_add(extra));
        }
    }
    let offers = items.iter().filter(|i| i.kind() == Kind::Offer).count();
    let openings = items.iter().filter(|i| i.kind() == Kind::Opening).count();
    let kind = match (offers, openings) {
        (0, 0) => Kind::Other,
        (o, p) if o > p => Kind::Offer,
        (o, p) if p > o => Kind::Opening,
        // As many of each: the whole mail says what it is mostly about.
        _ => {
            let w = whole.get_or_insert_with(|| read(0, whole_text(), received, tax));
            match w.kind() {
                Kind::Other => Kind::Offer,
                k => k,
            }
        }
    };
    Sorted {
        kind,
        cut,
        decision: whole.map(|w| w.reading.decision),
        items: items
            .into_iter()
            .map(|r| Item {
                kind: r.kind(),
                text: r.text,
                decision: r.reading.decision,
                offer: r.reading.offer,
                posting: r.reading.posting,
            })
            .collect(),
    }
}

/// Forwarded headers in a body: at each `From:` line, how many companies the
/// chain has passed since the sender, counting a change of mail domain as one.
fn forward_hops(body: &str, sender: Option<&str>) -> Vec<(usize, u8)> {
    let Some(mut last) = sender.and_then(domain) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut hops = 0u8;
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim().to_ascii_lowercase();
        let header =
            t.starts_with("from:") || t.starts_with("差出人:") || t.starts_with("差出人：");
        if header {
            if let Some(d) = domain(&t) {
                if d != last {
                    hops = hops.saturating_add(1);
                    last = d;
                }
                out.push((pos, hops));
            }
        }
        pos += line.len();
    }
    out
}

/// The mail domain in a header or address, lower-cased.
fn domain(s: &str) -> Option<String> {
    let at = s.rfind('@')?;
    let d: String = s[at + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .collect();
    (!d.is_empty()).then(|| d.to_ascii_lowercase())
}
