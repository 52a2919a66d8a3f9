//! Response times and conversion: time to first answer, proposals, interviews, wins.
//!
//! The first answer of an opening is its first proposal or an explicit
//! "none available"; both set `answered_at`. Times are hours, in business hours
//! (weekdays, `day_start`–`day_end` local time) when the config asks for it.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc, Weekday};
use serde::Serialize;
use std::collections::BTreeMap;

use super::ResponseConfig;
use crate::domain::Rank;

/// What stats need of an opening.
#[derive(Debug, Clone, PartialEq)]
pub struct OpeningFacts {
    pub id: i64,
    pub received_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    /// Answered "none available" rather than with a proposal.
    pub answered_none: bool,
    pub rank: Option<Rank>,
}

/// What stats need of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProposalFacts {
    pub opening_id: i64,
    /// Reached an interview at some point (whatever happened after).
    pub interviewed: bool,
    /// Signed or started.
    pub won: bool,
}

/// Figures for one group of openings (all, one client rank, one month).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bucket {
    /// `all`, a rank `A`–`D` (`-` for no rank), or a month `YYYY-MM`.
    pub key: String,
    pub openings: usize,
    pub answered: usize,
    pub answered_none: usize,
    pub unanswered: usize,
    pub median_response_hours: Option<f64>,
    pub p90_response_hours: Option<f64>,
    /// Answered after the limit, or still unanswered past it.
    pub over_limit: usize,
    pub proposals: usize,
    pub proposals_per_opening: Option<f64>,
    pub interviews: usize,
    /// Proposals that reached an interview, over proposals.
    pub interview_rate: Option<f64>,
    pub won: usize,
    /// Proposals signed or started, over proposals.
    pub win_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub from: Option<NaiveDate>,
    pub business_hours: bool,
    pub limit_hours: i64,
    pub overall: Bucket,
    pub by_rank: Vec<Bucket>,
    pub by_month: Vec<Bucket>,
}

fn offset(cfg: &ResponseConfig) -> FixedOffset {
    FixedOffset::east_opt(cfg.utc_offset_hours * 3600)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset is valid"))
}

/// Hours from `a` to `b`: wall-clock, or only inside business hours.
pub fn response_hours(a: DateTime<Utc>, b: DateTime<Utc>, cfg: &ResponseConfig) -> f64 {
    if b <= a {
        return 0.0;
    }
    if !cfg.business_hours {
        return (b - a).num_seconds() as f64 / 3600.0;
    }
    let tz = offset(cfg);
    let (la, lb) = (a.with_timezone(&tz), b.with_timezone(&tz));
    let mut day = la.date_naive();
    let mut secs = 0i64;
    // Bounded: a response is hours or days late, never decades.
    for _ in 0..3660 {
        if day > lb.date_naive() {
            break;
        }
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            let at = |h: u32| {
                day.and_hms_opt(0, 0, 0)
                    .map(|d| d + Duration::hours(i64::from(h)))
                    .and_then(|d| d.and_local_timezone(tz).single())
            };
            if let (Some(open), Some(close)) = (at(cfg.day_start), at(cfg.day_end)) {
                let s = open.max(la);
                let e = close.min(lb);
                if e > s {
                    secs += (e - s).num_seconds();
                }
            }
        }
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
    secs as f64 / 3600.0
}

/// Median of sorted values; the mean of the two middle ones when even.
pub fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Nearest-rank percentile (`p` in 0–100) of sorted values.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| (a as f64 / b as f64 * 1000.0).round() / 1000.0)
}

fn bucket(
    key: String,
    openings: &[&OpeningFacts],
    proposals: &[ProposalFacts],
    now: DateTime<Utc>,
    limit_hours: i64,
    cfg: &ResponseConfig,
) -> Bucket {
    let ids: std::collections::HashSet<i64> = openings.iter().map(|o| o.id).collect();
    let mut hours: Vec<f64> = Vec::new();
    let mut over = 0;
    for o in openings {
        let h = response_hours(o.received_at, o.answered_at.unwrap_or(now), cfg);
        if o.answered_at.is_some() {
            hours.push(h);
        }
        if h > limit_hours as f64 {
            over += 1;
        }
    }
    hours.sort_by(f64::total_cmp);
    let mine: Vec<&ProposalFacts> = proposals
        .iter()
        .filter(|p| ids.contains(&p.opening_id))
        .collect();
    let interviews = mine.iter().filter(|p| p.interviewed).count();
    let won = mine.iter().filter(|p| p.won).count();
    Bucket {
        key,
        openings: openings.len(),
        answered: hours.len(),
        answered_none: openings
            .iter()
            .filter(|o| o.answered_at.is_some() && o.answered_none)
            .count(),
        unanswered: openings.len() - hours.len(),
        median_response_hours: median(&hours).map(round1),
        p90_response_hours: percentile(&hours, 90.0).map(round1),
        over_limit: over,
        proposals: mine.len(),
        proposals_per_opening: (!openings.is_empty())
            .then(|| (mine.len() as f64 / openings.len() as f64 * 100.0).round() / 100.0),
        interviews,
        interview_rate: ratio(interviews, mine.len()),
        won,
        win_rate: ratio(won, mine.len()),
    }
}

/// Stats of openings received on or after `from` (local date), overall, by rank, by month.
pub fn compute(
    openings: &[OpeningFacts],
    proposals: &[ProposalFacts],
    from: Option<NaiveDate>,
    now: DateTime<Utc>,
    limit_hours: i64,
    cfg: &ResponseConfig,
) -> Stats {
    let tz = offset(cfg);
    let local = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
    let chosen: Vec<&OpeningFacts> = openings
        .iter()
        .filter(|o| from.is_none_or(|f| local(o.received_at) >= f))
        .collect();
    let mut by_rank: BTreeMap<String, Vec<&OpeningFacts>> = BTreeMap::new();
    let mut by_month: BTreeMap<String, Vec<&OpeningFacts>> = BTreeMap::new();
    for o in &chosen {
        let rank = o.rank.map_or("-", Rank::as_str).to_string();
        by_rank.entry(rank).or_default().push(o);
        let d = local(o.received_at);
        by_month
            .entry(format!("{:04}-{:02}", d.year(), d.month()))
            .or_default()
            .push(o);
    }
    let mk = |k: String, v: &[&OpeningFacts]| bucket(k, v, proposals, now, limit_hours, cfg);
    Stats {
        from,
        business_hours: cfg.business_hours,
        limit_hours,
        overall: mk("all".into(), &chosen),
        by_rank: by_rank.into_iter().map(|(k, v)| mk(k, &v)).collect(),
        by_month: by_month.into_iter().map(|(k, v)| mk(k, &v)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        FixedOffset::east_opt(9 * 3600)
            .unwrap()
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn median_and_p90() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[1.0, 2.0, 10.0]), Some(2.0));
        assert_eq!(median(&[1.0, 2.0, 4.0, 10.0]), Some(3.0));
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&v, 90.0), Some(9.0));
        assert_eq!(percentile(&[5.0], 90.0), Some(5.0));
    }

    #[test]
    fn business_hours_skip_nights_and_weekends() {
        let cfg = ResponseConfig {
            business_hours: true,
            ..ResponseConfig::default()
        };
        // Friday 17:00 to Monday 10:00 JST: one hour Friday, one hour Monday.
        let h = response_hours(jst(2026, 11, 20, 17, 0), jst(2026, 11, 23, 10, 0), &cfg);
        assert!((h - 2.0).abs() < 1e-9, "{h}");
        // Received at night, answered next morning at 9:30: half an hour.
        let h = response_hours(jst(2026, 11, 24, 22, 0), jst(2026, 11, 25, 9, 30), &cfg);
        assert!((h - 0.5).abs() < 1e-9, "{h}");
        let wall = ResponseConfig::default();
        let h = response_hours(jst(2026, 11, 24, 22, 0), jst(2026, 11, 25, 9, 30), &wall);
        assert!((h - 11.5).abs() < 1e-9, "{h}");
    }

    #[test]
    fn buckets_by_rank_and_month() {
        let now = jst(2026, 11, 26, 18, 0);
        let o = |id, recv, ans: Option<DateTime<Utc>>, none, rank| OpeningFacts {
            id,
            received_at: recv,
            answered_at: ans,
            answered_none: none,
            rank,
        };
        let openings = vec![
            o(
                1,
                jst(2026, 10, 30, 9, 0),
                Some(jst(2026, 10, 30, 11, 0)),
                false,
                Some(Rank::A),
            ),
            o(
                2,
                jst(2026, 11, 2, 9, 0),
                Some(jst(2026, 11, 3, 15, 0)),
                true,
                Some(Rank::A),
            ),
            o(3, jst(2026, 11, 20, 9, 0), None, false, None),
        ];
        let p = |opening_id, interviewed, won| ProposalFacts {
            opening_id,
            interviewed,
            won,
        };
        let proposals = vec![p(1, true, true), p(1, true, false), p(1, false, false)];
        let s = compute(
            &openings,
            &proposals,
            None,
            now,
            24,
            &ResponseConfig::default(),
        );
        assert_eq!(s.overall.openings, 3);
        assert_eq!(s.overall.answered, 2);
        assert_eq!(s.overall.answered_none, 1);
        assert_eq!(s.overall.unanswered, 1);
        assert_eq!(s.overall.median_response_hours, Some(16.0));
        assert_eq!(s.overall.p90_response_hours, Some(30.0));
        assert_eq!(s.overall.over_limit, 2);
        assert_eq!(s.overall.proposals_per_opening, Some(1.0));
        assert_eq!(s.overall.interview_rate, Some(0.667));
        assert_eq!(s.overall.win_rate, Some(0.333));
        let ranks: Vec<&str> = s.by_rank.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(ranks, vec!["-", "A"]);
        let months: Vec<(&str, usize)> = s
            .by_month
            .iter()
            .map(|b| (b.key.as_str(), b.openings))
            .collect();
        assert_eq!(months, vec![("2026-10", 1), ("2026-11", 2)]);
        let later = compute(
            &openings,
            &proposals,
            NaiveDate::from_ymd_opt(2026, 11, 1),
            now,
            24,
            &ResponseConfig::default(),
        );
        assert_eq!(later.overall.openings, 2);
        assert_eq!(later.overall.proposals, 0);
        assert_eq!(later.overall.win_rate, None);
    }
}
