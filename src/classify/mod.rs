//! Sorting mail: is a text an opening (案件), an engineer offer (人材), or neither?
//!
//! Deterministic and explainable: weighted cue words and section headings, plus
//! the mix of fields the offer and posting parsers find. The decision carries
//! every cue that counted with its weight, so `benchmatch classify` can show why.

mod cues;
mod sort;

pub use sort::{sort_mail, sort_mail_items, Envelope, Item, Sorted, MAX_ITEMS, MAX_PARTS};

use serde::Serialize;

use crate::offer::{self, ParsedOffer};
use crate::posting::ParsedPosting;
use crate::skills::Taxonomy;
use cues::CUES;

/// What a mail, or one part of it, is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Opening,
    Offer,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Opening, Kind::Offer, Kind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Opening => "opening",
            Kind::Offer => "offer",
            Kind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// One piece of evidence: which kind it speaks for, what it is, how much it weighs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cue {
    pub kind: Kind,
    pub cue: String,
    pub weight: f32,
}

/// Evidence summed per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    pub opening: f32,
    pub offer: f32,
    pub other: f32,
}

impl Scores {
    fn add(&mut self, kind: Kind, w: f32) {
        match kind {
            Kind::Opening => self.opening += w,
            Kind::Offer => self.offer += w,
            Kind::Other => self.other += w,
        }
    }

    pub fn of(&self, kind: Kind) -> f32 {
        match kind {
            Kind::Opening => self.opening,
            Kind::Offer => self.offer,
            Kind::Other => self.other,
        }
    }
}

/// The decision for one text, with the cues that made it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub kind: Kind,
    pub scores: Scores,
    /// Heaviest first.
    pub cues: Vec<Cue>,
}

/// Evidence a text needs before it counts as an item at all: a mail that is
/// neither (a newsletter, a reply) rarely scores above this.
pub const OTHER_PRIOR: f32 = 2.5;

/// What the parsers found in a text, for the field-mix cues.
pub struct Readings<'a> {
    pub offer: &'a ParsedOffer,
    /// `None` when the posting parser was not needed (see [`read`]).
    pub posting: Option<&'a ParsedPosting>,
}

/// The most a posting's fields can add for an opening (limits 4, nice skills 1.5).
const POSTING_FIELDS_MAX: f32 = 5.5;

/// A text read for sorting: its decision and what the parsers found.
#[derive(Debug, Clone)]
pub struct Reading {
    pub decision: Decision,
    pub offer: ParsedOffer,
    /// Read only when it can matter: see [`read`].
    pub posting: Option<ParsedPosting>,
}

/// Read a text with the offer parser, and with the posting parser only when its
/// fields could change the decision: not when the offer evidence already outweighs
/// anything they could add, nor when the text names no skill and no amount (then
/// no opening could be stored from it anyway).
pub fn read(text: &str, received: chrono::DateTime<chrono::Utc>, tax: &Taxonomy) -> Reading {
    crate::work::step(text.len());
    let offer = offer::parse(text, received, tax);
    let first = decide(
        text,
        &Readings {
            offer: &offer,
            posting: None,
        },
    );
    let s = first.scores;
    let offer_decided = s.offer > s.opening + POSTING_FIELDS_MAX && s.offer > s.other;
    let low = text.to_ascii_lowercase();
    let could_be_opening = !offer.skills.is_empty()
        || ["万", "円", "jpy", "usd", "eur", "$"]
            .iter()
            .any(|w| low.contains(w));
    if offer_decided || !could_be_opening {
        return Reading {
            decision: first,
            offer,
            posting: None,
        };
    }
    let posting = crate::posting::parse(text, received, tax);
    let decision = decide(
        text,
        &Readings {
            offer: &offer,
            posting: Some(&posting),
        },
    );
    Reading {
        decision,
        offer,
        posting: Some(posting),
    }
}

/// Classify a text whose readings are already known.
pub fn decide(text: &str, readings: &Readings<'_>) -> Decision {
    let folded = offer::fold_text(text).to_lowercase();
    let mut cues: Vec<Cue> = Vec::new();
    for c in CUES {
        if let Some(word) = c.words.iter().find(|w| folded.contains(*w)) {
            cues.push(Cue {
                kind: c.kind,
                cue: (*word).to_string(),
                weight: c.weight,
            });
        }
    }
    field_cues(readings, &mut cues);
    cues.push(Cue {
        kind: Kind::Other,
        cue: "prior: no item without evidence".into(),
        weight: OTHER_PRIOR,
    });
    let mut scores = Scores::default();
    for c in &cues {
        scores.add(c.kind, c.weight);
    }
    // Ties go to the cautious side: other, then opening (postings are parsed anyway).
    let kind =
        [Kind::Other, Kind::Opening, Kind::Offer]
            .into_iter()
            .fold(Kind::Other, |best, k| {
                if scores.of(k) > scores.of(best) {
                    k
                } else {
                    best
                }
            });
    cues.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.cue.cmp(&b.cue)));
    Decision { kind, scores, cues }
}

/// Classify a text: reads it, then weighs the cues.
pub fn classify(text: &str, received: chrono::DateTime<chrono::Utc>, tax: &Taxonomy) -> Decision {
    read(text, received, tax).decision
}

/// The mix of fields found: a person (initials, age, gender, affiliation) is an
/// offer; hard limits and must/nice lists are an opening.
fn field_cues(r: &Readings<'_>, cues: &mut Vec<Cue>) {
    let o = r.offer;
    let mut push = |kind: Kind, cue: &str, weight: f32| {
        cues.push(Cue {
            kind,
            cue: cue.to_string(),
            weight,
        })
    };
    if o.initials.is_some() {
        push(Kind::Offer, "field: initials", 2.0);
    }
    if o.age.is_some() {
        push(Kind::Offer, "field: age", 2.0);
    } else if o.age_band.is_some() {
        push(Kind::Offer, "field: age band", 1.0);
    }
    if o.gender.is_some() {
        push(Kind::Offer, "field: gender", 1.5);
    }
    if o.affiliation.is_some() {
        push(Kind::Offer, "field: affiliation", 1.0);
    }
    if o.nationality_foreign.is_some() {
        push(Kind::Offer, "field: nationality", 0.5);
    }
    let Some(p) = r.posting else {
        return;
    };
    let limits = [
        p.max_depth.is_some(),
        p.interviews.is_some(),
        p.headcount.is_some(),
        p.freelancer_ok.is_some(),
        p.foreign_ok.is_some(),
        p.settle_min_h.is_some(),
        p.age_limit.is_some(),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    if limits > 0 {
        push(
            Kind::Opening,
            "fields: posting limits",
            1.0 * limits.min(4) as f32,
        );
    }
    if !p.nice_skills.is_empty() {
        push(Kind::Opening, "field: nice-to-have skills", 1.5);
    }
}

#[cfg(test)]
mod tests;
