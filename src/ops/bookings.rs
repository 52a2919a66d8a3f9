//! Bookings as a rep sees them: ending an assignment, and the booking notes rankings show.

use chrono::NaiveDate;

use crate::pipeline::booking::{BookingNote, Bookings};
use crate::store::{Ended, Result, Store};

/// `benchmatch assignment end ENGINEER DATE` and the engineer sheet's key: the engineer's
/// assignment ends on `on` and they are free from the next day.
pub fn end_assignment(store: &mut Store, engineer_id: i64, on: NaiveDate) -> Result<Ended> {
    store.end_assignment(engineer_id, on)
}

/// `benchmatch assignment add ENGINEER --client NAME --from DATE [--until DATE|open]` and
/// the engineer form: stock C, someone on site now. `until` is `None` for open-ended (長期).
pub fn add_assignment(
    store: &mut Store,
    engineer_id: i64,
    client: Option<&str>,
    from: NaiveDate,
    until: Option<NaiveDate>,
    rate: Option<crate::domain::Man>,
) -> Result<crate::domain::Assignment> {
    store.add_assignment(engineer_id, client, from, until, rate)
}

/// The sheet's one-line entry `ひかり損保 2025-04-01 長期` (or `… 2027-03-31`): client,
/// since, until (`None`: open-ended). The error is the part that is not a date.
pub fn read_assignment(
    text: &str,
) -> std::result::Result<(String, NaiveDate, Option<NaiveDate>), String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let date = |w: &str| crate::domain::parse_date(&w.replace('/', "-"));
    let (until, rest) = match words.split_last() {
        Some((last, rest)) if crate::domain::roster::is_open_ended(last) => (None, rest),
        Some((last, rest))
            if rest.len() >= 2 && date(last).is_ok() && date(rest[rest.len() - 1]).is_ok() =>
        {
            (date(last).ok(), rest)
        }
        _ => (None, &words[..]),
    };
    let Some((since, client)) = rest.split_last() else {
        return Err(text.trim().to_string());
    };
    let from = date(since).map_err(|_| since.to_string())?;
    if client.is_empty() {
        return Err(text.trim().to_string());
    }
    Ok((client.join(" "), from, until))
}

/// What a ranking of `opening_id` says about an engineer booked or held elsewhere, as
/// lines: `(review, reasons)`. With no end to the booking, the "free 9999-12-31" of the
/// availability limit says nothing a rep can use, so it gives way to the booking.
pub fn ranking_notes(
    bookings: &Bookings,
    engineer_id: i64,
    opening_id: i64,
    today: NaiveDate,
    lang: crate::i18n::Lang,
) -> Vec<(BookingNote, String)> {
    // Signed for this very opening: say so too, or its own ranking would only show the
    // far-off free date the booking left.
    let own = bookings
        .booked_for(engineer_id, opening_id)
        .map(|b| BookingNote::Booked {
            opening_id: b.opening_id,
            client: b.client.clone(),
            from: b.from,
            to: b.to,
            started: b.from <= today,
        });
    own.into_iter()
        .chain(bookings.notes(engineer_id, opening_id, today))
        .map(|n| {
            let t = n.text(lang);
            (n, t)
        })
        .collect()
}

/// Drop the reasons that only restate an open-ended booking (`free 9999-12-31 …`).
pub fn without_never(reasons: &mut Vec<String>) {
    let never = crate::pipeline::booking::NEVER.to_string();
    reasons.retain(|r| !r.contains(&never));
}
