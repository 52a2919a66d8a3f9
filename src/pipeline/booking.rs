//! Bookings: what signing a proposal does to an engineer's availability, as pure data.
//!
//! A signed proposal books the engineer (an assignment from the opening's start, ending
//! after the stated months or open); an offer (内定) not yet signed is a tentative hold
//! (仮押さえ). The scoring core never sees bookings: [`Bookings::apply`] moves each
//! engineer's free-from date past them before the pool is built, and [`Bookings::note`]
//! says why in rankings of other openings.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};

use crate::domain::{Engineer, Start};
use crate::i18n::Lang;

use super::{PipelineItem, Stage};

/// "Not free in any window we show": the free-from date of an engineer booked with no end.
pub const NEVER: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// One assignment as availability sees it: stored, or made by signing a proposal.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Booking {
    pub assignment_id: i64,
    pub engineer_id: i64,
    /// The proposal whose signing made it (`None`: entered or imported by hand).
    pub proposal_id: Option<i64>,
    pub opening_id: Option<i64>,
    pub client: Option<String>,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

/// An offer (内定) not yet signed: the engineer is held for that opening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hold {
    pub proposal_id: i64,
    pub engineer_id: i64,
    pub opening_id: i64,
}

/// What a ranking of another opening says about a booked or held engineer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingNote {
    /// On an assignment now (参画中), or signed for one that has not started (契約済).
    Booked {
        opening_id: Option<i64>,
        client: Option<String>,
        from: NaiveDate,
        to: Option<NaiveDate>,
        started: bool,
    },
    /// Offered elsewhere, not signed (仮押さえ).
    Hold { opening_id: i64, proposal_id: i64 },
}

impl BookingNote {
    /// One line a rep reads aloud: `参画中 (#12) 〜2027-03-31`, `仮押さえ: 内定 #12 (提案 #5)`.
    pub fn text(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        match self {
            BookingNote::Booked {
                opening_id,
                client,
                from,
                to,
                started,
            } => {
                let mut what = String::new();
                if let Some(o) = opening_id {
                    what.push_str(&format!(" (#{o})"));
                } else if let Some(c) = client {
                    what.push_str(&format!(" ({})", crate::text::cell(c)));
                }
                let end = match (to, ja) {
                    (Some(t), true) => format!("〜{t}"),
                    (Some(t), false) => format!("until {t}"),
                    (None, true) => "〜 終了日未定".into(),
                    (None, false) => "no end date".into(),
                };
                match (started, ja) {
                    (true, true) => format!("参画中{what} {end}"),
                    (true, false) => format!("on assignment{what} {end}"),
                    (false, true) => format!("契約済{what} {from}{end}"),
                    (false, false) => format!("signed{what} from {from} {end}"),
                }
            }
            BookingNote::Hold {
                opening_id,
                proposal_id,
            } => {
                if ja {
                    format!("仮押さえ: 内定 #{opening_id} (提案 {proposal_id}) 未契約")
                } else {
                    format!(
                        "tentative hold: offered on #{opening_id} (proposal {proposal_id}), unsigned"
                    )
                }
            }
        }
    }
}

/// Months stated in a duration (`3ヶ月`, `6か月〜`, `3 months`); `長期` and the like give none.
pub fn duration_months(duration: &str) -> Option<u32> {
    use unicode_normalization::UnicodeNormalization;
    let t: String = duration.nfkc().collect();
    let units = [
        "ヶ月", "ヵ月", "か月", "カ月", "ケ月", "箇月", "month", "mo",
    ];
    for (i, _) in t.char_indices() {
        let rest = &t[i..];
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() || (i > 0 && t[..i].ends_with(|c: char| c.is_ascii_digit())) {
            continue;
        }
        let after = rest[digits.len()..].trim_start();
        if units
            .iter()
            .any(|u| after.to_ascii_lowercase().starts_with(u))
        {
            return digits.parse().ok().filter(|n| (1..=120).contains(n));
        }
    }
    None
}

/// The term a signed proposal books: from the opening's start (the signing day when the
/// start is immediate or unstated, no earlier than the signing month when it has passed),
/// to the end of the stated months, else open.
pub fn term(
    start: Option<Start>,
    duration: Option<&str>,
    signed_on: NaiveDate,
) -> (NaiveDate, Option<NaiveDate>) {
    let from = start
        .map(|s| s.first_day(signed_on))
        .unwrap_or(signed_on)
        .max(signed_on.with_day(1).unwrap_or(signed_on));
    let to = duration
        .and_then(duration_months)
        .and_then(|m| from.checked_add_months(Months::new(m)))
        .and_then(|d| d.pred_opt());
    (from, to)
}

/// Every booking and hold, by engineer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bookings {
    booked: HashMap<i64, Vec<Booking>>,
    holds: HashMap<i64, Vec<Hold>>,
}

impl Bookings {
    /// From the stored assignments and the board (offered proposals are holds).
    pub fn new(assignments: Vec<Booking>, board: &[PipelineItem]) -> Bookings {
        let mut booked: HashMap<i64, Vec<Booking>> = HashMap::new();
        for b in assignments {
            booked.entry(b.engineer_id).or_default().push(b);
        }
        for v in booked.values_mut() {
            v.sort_by_key(|b| (b.from, b.assignment_id));
        }
        let mut holds: HashMap<i64, Vec<Hold>> = HashMap::new();
        for p in board.iter().filter(|p| p.stage == Stage::Offered) {
            holds.entry(p.engineer_id).or_default().push(Hold {
                proposal_id: p.id,
                engineer_id: p.engineer_id,
                opening_id: p.opening_id,
            });
        }
        Bookings { booked, holds }
    }

    pub fn is_empty(&self) -> bool {
        self.booked.is_empty() && self.holds.is_empty()
    }

    /// The engineer's assignments, oldest first.
    pub fn of(&self, engineer_id: i64) -> &[Booking] {
        self.booked.get(&engineer_id).map_or(&[], Vec::as_slice)
    }

    /// Assignments with no end running on `today`: (engineer id, since, client), by
    /// engineer. Those on site with no end date are who could rotate (要調整).
    pub fn open_ended(&self, today: NaiveDate) -> Vec<(i64, NaiveDate, Option<String>)> {
        let mut out: Vec<(i64, NaiveDate, Option<String>)> = self
            .booked
            .iter()
            .filter_map(|(id, v)| {
                let b = v.iter().rev().find(|b| b.to.is_none() && b.from <= today)?;
                Some((*id, b.from, b.client.clone()))
            })
            .collect();
        out.sort_by_key(|t| t.0);
        out
    }

    /// Offers of the engineer not yet signed.
    pub fn holds_of(&self, engineer_id: i64) -> &[Hold] {
        self.holds.get(&engineer_id).map_or(&[], Vec::as_slice)
    }

    /// The free-from date once bookings are counted: past the end of every assignment that
    /// has not ended by the stated date; [`NEVER`] for one with no end (unless it began
    /// before a free-from date someone entered, who then knew when it ends).
    pub fn effective_from(&self, e: &Engineer) -> Option<NaiveDate> {
        let mut free = e.available_from;
        for b in self.of(e.id) {
            match b.to {
                Some(t) => {
                    if free.is_none_or(|f| t >= f) {
                        free = t.succ_opt().or(Some(NEVER));
                    }
                }
                None => {
                    if b.proposal_id.is_some() || free.is_none_or(|f| b.from >= f) {
                        free = Some(NEVER);
                    }
                }
            }
        }
        free
    }

    /// Move every engineer's free-from date past their bookings: what rankings and
    /// who's free should see. Idempotent.
    pub fn apply(&self, engineers: &mut [Engineer]) {
        if self.booked.is_empty() {
            return;
        }
        for e in engineers {
            if self.booked.contains_key(&e.id) {
                e.available_from = self.effective_from(e);
            }
        }
    }

    /// The assignment that keeps the engineer busy longest from `today` on (one with no
    /// end first): the one that decides when they are free.
    pub fn current(&self, engineer_id: i64, today: NaiveDate) -> Option<&Booking> {
        self.of(engineer_id)
            .iter()
            .filter(|b| b.to.is_none_or(|t| t >= today))
            .max_by_key(|b| (b.to.unwrap_or(NEVER), b.from, b.assignment_id))
    }

    /// The booking a signed proposal made that keeps the engineer busy longest.
    /// Assignments entered by hand are already in the free-from date a rep reads.
    fn signed(&self, engineer_id: i64, today: NaiveDate) -> Option<&Booking> {
        self.of(engineer_id)
            .iter()
            .filter(|b| b.proposal_id.is_some() && b.to.is_none_or(|t| t >= today))
            .max_by_key(|b| (b.to.unwrap_or(NEVER), b.from, b.assignment_id))
    }

    /// What a ranking of `opening_id` should say about the engineer: booked elsewhere by
    /// a signed proposal, and held by an offer elsewhere. Nothing about the opening's own.
    pub fn notes(&self, engineer_id: i64, opening_id: i64, today: NaiveDate) -> Vec<BookingNote> {
        let mut out = Vec::new();
        if let Some(b) = self
            .signed(engineer_id, today)
            .filter(|b| b.opening_id != Some(opening_id))
        {
            out.push(BookingNote::Booked {
                opening_id: b.opening_id,
                client: b.client.clone(),
                from: b.from,
                to: b.to,
                started: b.from <= today,
            });
        }
        out.extend(
            self.holds_of(engineer_id)
                .iter()
                .filter(|h| h.opening_id != opening_id)
                .map(|h| BookingNote::Hold {
                    opening_id: h.opening_id,
                    proposal_id: h.proposal_id,
                }),
        );
        out
    }

    /// The booking a signed proposal for this very opening made, if any.
    pub fn booked_for(&self, engineer_id: i64, opening_id: i64) -> Option<&Booking> {
        self.of(engineer_id)
            .iter()
            .find(|b| b.opening_id == Some(opening_id))
    }

    /// Whether a ranking of `opening_id` has anything to say about the engineer.
    pub fn has_note(&self, engineer_id: i64, opening_id: i64, today: NaiveDate) -> bool {
        !self
            .holds_of(engineer_id)
            .iter()
            .all(|h| h.opening_id == opening_id)
            || self
                .signed(engineer_id, today)
                .is_some_and(|b| b.opening_id != Some(opening_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn months_are_read_from_the_duration() {
        assert_eq!(duration_months("3ヶ月"), Some(3));
        assert_eq!(duration_months("６か月〜長期"), Some(6));
        assert_eq!(duration_months("12 months"), Some(12));
        assert_eq!(duration_months("長期"), None);
        assert_eq!(duration_months("2027年3月まで"), None);
    }

    #[test]
    fn a_term_runs_from_the_start_for_the_stated_months() {
        let start = Start::parse("2027-01").ok();
        assert_eq!(
            term(start, Some("3ヶ月"), d("2026-12-05")),
            (d("2027-01-01"), Some(d("2027-03-31")))
        );
        assert_eq!(
            term(start, Some("長期"), d("2026-12-05")),
            (d("2027-01-01"), None)
        );
        assert_eq!(
            term(Some(Start::Immediate), None, d("2026-12-05")),
            (d("2026-12-05"), None)
        );
    }

    fn eng(id: i64, free: Option<&str>) -> Engineer {
        Engineer {
            id,
            name: "A".into(),
            initials: "A.".into(),
            available_from: free.map(d),
            ..Engineer::default()
        }
    }

    fn booking(proposal: Option<i64>, from: &str, to: Option<&str>) -> Booking {
        Booking {
            assignment_id: 1,
            engineer_id: 1,
            proposal_id: proposal,
            opening_id: proposal.map(|p| p + 100),
            client: None,
            from: d(from),
            to: to.map(d),
        }
    }

    #[test]
    fn a_booking_moves_the_free_date_past_its_end_and_is_idempotent() {
        let b = Bookings::new(
            vec![booking(Some(1), "2027-01-01", Some("2027-03-31"))],
            &[],
        );
        let mut v = vec![eng(1, Some("2026-12-01")), eng(2, Some("2026-12-01"))];
        b.apply(&mut v);
        assert_eq!(v[0].available_from, Some(d("2027-04-01")));
        assert_eq!(v[1].available_from, Some(d("2026-12-01")));
        b.apply(&mut v);
        assert_eq!(v[0].available_from, Some(d("2027-04-01")));
    }

    #[test]
    fn a_signed_booking_with_no_end_is_never_free_and_a_past_one_changes_nothing() {
        let b = Bookings::new(vec![booking(Some(1), "2027-01-01", None)], &[]);
        assert_eq!(b.effective_from(&eng(1, Some("2026-12-01"))), Some(NEVER));
        let past = Bookings::new(vec![booking(None, "2025-01-01", Some("2025-06-30"))], &[]);
        assert_eq!(
            past.effective_from(&eng(1, Some("2026-12-01"))),
            Some(d("2026-12-01"))
        );
    }

    #[test]
    fn notes_name_the_other_opening_and_skip_its_own() {
        let b = Bookings::new(
            vec![booking(Some(1), "2027-01-01", Some("2027-03-31"))],
            &[],
        );
        let today = d("2026-12-05");
        let n = &b.notes(1, 7, today)[0];
        assert_eq!(n.text(Lang::Ja), "契約済 (#101) 2027-01-01〜2027-03-31");
        assert!(b.notes(1, 101, today).is_empty());
        assert_eq!(
            b.notes(1, 7, d("2027-02-01"))[0].text(Lang::Ja),
            "参画中 (#101) 〜2027-03-31"
        );
    }
}
