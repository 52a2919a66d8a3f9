//! One mail → its items: each part classified, fragments put back together.
//!
//! Parts come from [`crate::offer::split`]; a part is an item only with
//! substance (a person for an offer, skills for an opening). A part with no
//! person that follows an offer (its `【スキル】` block cut off by a rule line)
//! belongs to that offer; openings split only at numbered headings.

use chrono::{DateTime, Utc};

use super::{decide, Decision, Kind, Readings};
use crate::offer::{self, split, ParsedOffer};
use crate::posting::{self, ParsedPosting};
use crate::skills::Taxonomy;

/// One item of a mail: an offer or an opening, with its text and readings.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: Kind,
    /// The part's text as it stands in the mail (quotes opened).
    pub text: String,
    pub decision: Decision,
    pub offer: ParsedOffer,
    pub posting: ParsedPosting,
}

/// A sorted mail: the decision on the whole and the items found in it.
#[derive(Debug, Clone)]
pub struct Sorted {
    /// `other` when no item was found, else the kind of most items.
    pub kind: Kind,
    pub decision: Decision,
    pub items: Vec<Item>,
}

fn has_person(o: &ParsedOffer) -> bool {
    o.initials.is_some() || o.age.is_some() || o.age_band.is_some() || o.gender.is_some()
}

fn has_substance(kind: Kind, o: &ParsedOffer, p: &ParsedPosting) -> bool {
    match kind {
        Kind::Offer => has_person(o) || o.field_count() >= 3,
        Kind::Opening => !p.must_skills.is_empty() || !p.nice_skills.is_empty() || p.rate_max.is_some(),
        Kind::Other => false,
    }
}

struct Read {
    text: String,
    offer: ParsedOffer,
    posting: ParsedPosting,
    decision: Decision,
}

fn read(text: String, received: DateTime<Utc>, tax: &Taxonomy) -> Read {
    let offer = offer::parse(&text, received, tax);
    let posting = posting::parse(&text, received, tax);
    let decision = decide(
        &text,
        &Readings {
            offer: &offer,
            posting: &posting,
        },
    );
    Read {
        text,
        offer,
        posting,
        decision,
    }
}

/// Sort one mail body (subject helps tell replies and adds its words to the whole).
pub fn sort_mail(body: &str, subject: Option<&str>, received: DateTime<Utc>, tax: &Taxonomy) -> Sorted {
    let cleaned = split::clean(body, subject);
    let whole_text = match subject {
        Some(s) if !s.trim().is_empty() => format!("{s}\n{cleaned}"),
        _ => cleaned.clone(),
    };
    let whole = read(whole_text, received, tax);
    let mut items: Vec<Read> = Vec::new();
    for range in split::parts(&cleaned) {
        let text = cleaned[range].trim_matches('\n').to_string();
        let starts_item = text.lines().next().is_some_and(split::is_item_heading);
        let part = read(text, received, tax);
        let kind = part.decision.kind;
        let prev_kind = items.last().map(|p| p.decision.kind);
        let fragment = !starts_item
            && prev_kind == Some(kind)
            && match kind {
                Kind::Offer => !has_person(&part.offer),
                Kind::Opening => true,
                Kind::Other => false,
            };
        if fragment {
            if let Some(prev) = items.pop() {
                let joined = format!("{}\n{}", prev.text, part.text);
                let mut merged = read(joined, received, tax);
                // The merged text keeps the kind the item was found as.
                merged.decision.kind = kind;
                items.push(merged);
            }
            continue;
        }
        if kind != Kind::Other && has_substance(kind, &part.offer, &part.posting) {
            items.push(part);
        }
    }
    if items.is_empty()
        && whole.decision.kind != Kind::Other
        && has_substance(whole.decision.kind, &whole.offer, &whole.posting)
    {
        items.push(read(cleaned.trim_matches('\n').to_string(), received, tax));
        if let Some(last) = items.last_mut() {
            last.decision.kind = whole.decision.kind;
        }
    }
    let offers = items.iter().filter(|i| i.decision.kind == Kind::Offer).count();
    let openings = items.iter().filter(|i| i.decision.kind == Kind::Opening).count();
    let kind = match (offers, openings) {
        (0, 0) => Kind::Other,
        (o, p) if o > p => Kind::Offer,
        (o, p) if p > o => Kind::Opening,
        _ if whole.decision.kind != Kind::Other => whole.decision.kind,
        _ => Kind::Offer,
    };
    Sorted {
        kind,
        decision: whole.decision,
        items: items
            .into_iter()
            .map(|r| Item {
                kind: r.decision.kind,
                text: r.text,
                decision: r.decision,
                offer: r.offer,
                posting: r.posting,
            })
            .collect(),
    }
}
