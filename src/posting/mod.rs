//! Raw posting text and email → structured opening.
//!
//! Contract used by the CLI and the dashboard: `parse` never panics and never
//! fails; what the text does not say stays `None`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::{Man, Need, Opening, OpeningSkill, Remote, Start};
use crate::skills::Taxonomy;

/// The structured reading of one posting; serializes to the documented `parse --json` keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedPosting {
    pub title: Option<String>,
    pub must_skills: Vec<String>,
    pub nice_skills: Vec<String>,
    pub unknown_terms: Vec<String>,
    pub rate_min: Option<Man>,
    pub rate_max: Option<Man>,
    pub rate_text: Option<String>,
    pub settle_min_h: Option<u16>,
    pub settle_max_h: Option<u16>,
    pub location: Option<String>,
    pub remote: Option<Remote>,
    pub start: Option<Start>,
    pub duration: Option<String>,
    pub interviews: Option<u8>,
    pub headcount: Option<u8>,
    pub max_depth: Option<u8>,
    pub depth_with_fee: Option<u8>,
    pub freelancer_ok: Option<bool>,
    pub foreign_ok: Option<bool>,
    pub age_limit: Option<u8>,
    pub lang: &'static str,
}

/// Parse one posting's text; `received` anchors month-only start dates.
pub fn parse(text: &str, received: DateTime<Utc>, tax: &Taxonomy) -> ParsedPosting {
    let _ = received;
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| crate::text::cell(l).chars().take(80).collect());
    let skills: Vec<String> = tax
        .scan(text)
        .into_iter()
        .map(|s| tax.name(s).to_string())
        .collect();
    ParsedPosting {
        title,
        must_skills: skills,
        nice_skills: Vec::new(),
        unknown_terms: Vec::new(),
        rate_min: None,
        rate_max: None,
        rate_text: None,
        settle_min_h: None,
        settle_max_h: None,
        location: None,
        remote: None,
        start: None,
        duration: None,
        interviews: None,
        headcount: None,
        max_depth: None,
        depth_with_fee: None,
        freelancer_ok: None,
        foreign_ok: None,
        age_limit: None,
        lang: "ja",
    }
}

impl ParsedPosting {
    /// The opening to store: parsed fields plus the raw text exactly as received.
    pub fn to_opening(&self, raw_text: &str, received: DateTime<Utc>, tax: &Taxonomy) -> Opening {
        let mut o = Opening::new(
            self.title
                .clone()
                .unwrap_or_else(|| "(untitled posting)".into()),
            received,
        );
        o.raw_text = raw_text.to_string();
        o.rate_min = self.rate_min;
        o.rate_max = self.rate_max;
        o.rate_text = self.rate_text.clone();
        o.settle_min_h = self.settle_min_h;
        o.settle_max_h = self.settle_max_h;
        o.location = self.location.clone();
        o.remote = self.remote;
        o.start = self.start;
        o.duration = self.duration.clone();
        o.interviews = self.interviews;
        o.headcount = self.headcount;
        o.max_depth = self.max_depth;
        o.depth_with_fee = self.depth_with_fee;
        o.freelancer_ok = self.freelancer_ok;
        o.foreign_ok = self.foreign_ok;
        o.age_limit = self.age_limit;
        for (need, names) in [
            (Need::Must, &self.must_skills),
            (Need::Nice, &self.nice_skills),
        ] {
            for n in names {
                if let Some(skill) = tax.lookup(n) {
                    if !o.skills.iter().any(|s| s.skill == skill) {
                        o.skills.push(OpeningSkill {
                            skill,
                            need,
                            min_years: None,
                        });
                    }
                }
            }
        }
        o
    }
}
