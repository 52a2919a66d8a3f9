//! The scoring core: hard limits and weighted factors, pure and explainable.
//!
//! No clock and no I/O: the as-of date, the pool and the weights are arguments.
//! `rank` computes numbers only, so 100k engineers scan in milliseconds;
//! `explain` rebuilds the same numbers with their reasons for the rows shown.

mod config;
mod reason;

pub use config::{Limits, ScoringConfig, Weights, DEFAULT_OFFER_STALE_DAYS};
pub use reason::{Reason, SkillNote};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use std::collections::HashMap;

use crate::domain::{Affiliation, Engineer, Man, Opening, Remote, Requirement};
use crate::geo::Places;
use crate::skills::SkillId;

/// The named factors a score is built from, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    Must,
    Nice,
    Availability,
    Rate,
    Location,
    Bench,
}

impl Factor {
    pub const ALL: [Factor; 6] = [
        Factor::Must,
        Factor::Nice,
        Factor::Availability,
        Factor::Rate,
        Factor::Location,
        Factor::Bench,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Factor::Must => "must",
            Factor::Nice => "nice",
            Factor::Availability => "availability",
            Factor::Rate => "rate",
            Factor::Location => "location",
            Factor::Bench => "bench",
        }
    }

    fn weight(self, cfg: &ScoringConfig) -> f32 {
        let w = &cfg.weights;
        match self {
            Factor::Must => w.must,
            Factor::Nice => w.nice,
            Factor::Availability => w.availability,
            Factor::Rate => w.rate,
            Factor::Location => w.location,
            Factor::Bench => w.bench,
        }
    }
}

/// The hard limits of a posting; each answers pass, review or fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Depth,
    Freelancer,
    Nationality,
    Availability,
    Margin,
    /// A partner engineer not re-offered within the window: never excludes, always reviews.
    Stale,
}

impl Check {
    pub const ALL: [Check; 6] = [
        Check::Depth,
        Check::Freelancer,
        Check::Nationality,
        Check::Availability,
        Check::Margin,
        Check::Stale,
    ];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of checks, one bit each: cheap to carry for 100k candidates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Checks(u8);

impl Checks {
    pub fn insert(&mut self, c: Check) {
        self.0 |= c.bit();
    }
    pub fn contains(self, c: Check) -> bool {
        self.0 & c.bit() != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = Check> {
        Check::ALL.into_iter().filter(move |c| self.contains(*c))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Pass,
    Review,
    Fail,
}

/// The numbers of one evaluation, without any text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evaluation {
    pub fails: Checks,
    pub reviews: Checks,
    /// Points per factor, in `Factor::ALL` order, already weighted.
    pub points: [f32; 6],
    /// 0–100.
    pub score: f32,
}

impl Evaluation {
    pub fn excluded(&self) -> bool {
        !self.fails.is_empty()
    }
}

/// One factor of an explained score.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorScore {
    pub factor: Factor,
    pub points: f32,
    pub max: f32,
    pub reason: Reason,
}

/// A score with everything a rep needs to read it aloud.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub score: f32,
    pub excluded: bool,
    /// Hard limits failed: why the candidate is out.
    pub reasons: Vec<Reason>,
    /// Hard limits to check by hand: silent or borderline.
    pub review: Vec<Reason>,
    pub factors: Vec<FactorScore>,
}

/// What scoring needs of one engineer, packed small so 100k of them scan fast.
#[derive(Debug, Clone, Copy)]
struct Row {
    id: i64,
    skills_at: u32,
    skills_len: u16,
    depth: u8,
    freelancer: bool,
    in_house: bool,
    wants_full_remote: bool,
    foreign: Option<bool>,
    /// Days from the common era, so the hot loop does integer arithmetic only.
    free: Option<i32>,
    confirmed: Option<i32>,
    /// Day of the last offer by mail; `None` for engineers who never came by mail.
    offered: Option<i32>,
    cost: Option<f32>,
    rate: Option<f32>,
    home: Option<(f32, f32)>,
}

/// Engineers prepared for ranking: each one's skills and home position worked out once.
///
/// Build it when the engineers are loaded and reuse it for every opening.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    engineers: Vec<Engineer>,
    rows: Vec<Row>,
    skills: Vec<(SkillId, f32)>,
}

impl Pool {
    pub fn new(engineers: Vec<Engineer>, places: &Places) -> Pool {
        let mut homes: HashMap<&str, Option<(f32, f32)>> = HashMap::new();
        let mut rows = Vec::with_capacity(engineers.len());
        let mut skills = Vec::with_capacity(engineers.len() * 8);
        for e in &engineers {
            let home = e.station.as_deref().and_then(|st| {
                *homes
                    .entry(st)
                    .or_insert_with(|| places.find(st).map(|p| (p.lat, p.lon)))
            });
            rows.push(Row::new(e, skills.len(), home));
            skills.extend(e.skills.iter().map(|s| (s.skill, s.years)));
        }
        Pool {
            engineers,
            rows,
            skills,
        }
    }

    pub fn engineers(&self) -> &[Engineer] {
        &self.engineers
    }

    pub fn len(&self) -> usize {
        self.engineers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.engineers.is_empty()
    }

    pub fn into_engineers(self) -> Vec<Engineer> {
        self.engineers
    }
}

impl Row {
    fn new(e: &Engineer, skills_at: usize, home: Option<(f32, f32)>) -> Row {
        Row {
            id: e.id,
            skills_at: skills_at as u32,
            skills_len: e.skills.len().min(usize::from(u16::MAX)) as u16,
            depth: e.depth,
            freelancer: e.affiliation == Affiliation::Freelancer,
            in_house: e.affiliation.is_in_house(),
            wants_full_remote: e.remote_pref == Some(Remote::Full),
            foreign: e.foreign,
            free: e.available_from.map(|d| d.num_days_from_ce()),
            confirmed: e.availability_confirmed.map(|d| d.num_days_from_ce()),
            offered: e.last_offered.map(|t| t.date_naive().num_days_from_ce()),
            cost: e.cost.map(Man::as_f32),
            rate: e.rate.map(Man::as_f32),
            home,
        }
    }

    fn skill_years(&self, arena: &[(SkillId, f32)], skill: SkillId) -> Option<f32> {
        let start = self.skills_at as usize;
        let own = &arena[start..start + usize::from(self.skills_len)];
        own.binary_search_by_key(&skill, |s| s.0)
            .ok()
            .map(|i| own[i].1)
    }
}

/// Facts about the opening worked out once per ranking, not once per engineer.
struct Prepared<'a> {
    opening: &'a Opening,
    /// Must groups: each scores as its best alternative.
    must: &'a [Vec<Requirement>],
    nice: &'a [Requirement],
    start: NaiveDate,
    start_day: i32,
    as_of_day: i32,
    /// cos(latitude) of the site, for the flat-earth distance at commuting range.
    site_cos: f32,
    /// Upper rate for margin, falling back to the lower bound of the band.
    budget: Option<f32>,
    site: Option<(f32, f32)>,
    as_of: NaiveDate,
    cfg: &'a ScoringConfig,
    /// Factor weights scaled to a total of 100, in `Factor::ALL` order.
    weights: [f32; 6],
}

impl<'a> Prepared<'a> {
    fn new(
        opening: &'a Opening,
        as_of: NaiveDate,
        cfg: &'a ScoringConfig,
        places: &Places,
    ) -> Self {
        let scale = 100.0 / cfg.weight_sum();
        let start = opening
            .start
            .map_or(as_of, |s| s.first_day(as_of))
            .max(as_of);
        let site = opening
            .location
            .as_deref()
            .and_then(|l| places.find(l))
            .map(|p| (p.lat, p.lon));
        Prepared {
            opening,
            must: &opening.requirements.must,
            nice: &opening.requirements.nice,
            start,
            start_day: start.num_days_from_ce(),
            as_of_day: as_of.num_days_from_ce(),
            site_cos: site.map_or(1.0, |s| s.0.to_radians().cos()),
            budget: opening.rate_max.or(opening.rate_min).map(|m| m.as_f32()),
            site,
            as_of,
            cfg,
            weights: Factor::ALL.map(|f| f.weight(cfg) * scale),
        }
    }

    fn free_day(&self, r: &Row) -> Option<i32> {
        r.free.map(|d| d.max(self.as_of_day))
    }

    fn free_from(&self, r: &Row) -> Option<NaiveDate> {
        self.free_day(r)
            .and_then(NaiveDate::from_num_days_from_ce_opt)
    }

    fn check(&self, c: Check, r: &Row) -> Outcome {
        let o = self.opening;
        let l = &self.cfg.limits;
        match c {
            Check::Depth => match o.max_depth {
                Some(max) if r.depth > max => {
                    if o.depth_with_fee.is_some_and(|f| r.depth <= f) {
                        Outcome::Review
                    } else {
                        Outcome::Fail
                    }
                }
                _ => Outcome::Pass,
            },
            Check::Freelancer => match o.freelancer_ok {
                Some(false) if r.freelancer => Outcome::Fail,
                _ => Outcome::Pass,
            },
            Check::Nationality => match (o.foreign_ok, r.foreign) {
                (Some(false), Some(true)) => Outcome::Fail,
                (Some(false), None) => Outcome::Review,
                _ => Outcome::Pass,
            },
            Check::Availability => match self.free_day(r) {
                None => Outcome::Review,
                Some(free) => {
                    let late = i64::from(free - self.start_day);
                    if late > l.start_tolerance_days {
                        Outcome::Fail
                    } else if late > 0 || self.is_stale(r) {
                        Outcome::Review
                    } else {
                        Outcome::Pass
                    }
                }
            },
            Check::Margin => match (self.budget, r.cost) {
                (Some(budget), Some(cost)) => {
                    let margin = budget - cost;
                    if margin < l.min_margin {
                        Outcome::Fail
                    } else if margin < l.min_margin + l.borderline_margin {
                        Outcome::Review
                    } else {
                        Outcome::Pass
                    }
                }
                _ => Outcome::Review,
            },
            Check::Stale => {
                if offer_is_stale(r.offered, self.as_of_day, self.cfg.offer_stale_days) {
                    Outcome::Review
                } else {
                    Outcome::Pass
                }
            }
        }
    }

    fn is_stale(&self, r: &Row) -> bool {
        r.confirmed.is_some_and(|d| {
            i64::from(self.as_of_day - d) > self.cfg.limits.stale_availability_days
        })
    }

    /// Years the engineer has for a requirement. Engineers hold taxonomy skills only,
    /// so a name the taxonomy does not know is never held.
    fn years_for(r: &Row, arena: &[(SkillId, f32)], req: &Requirement) -> Option<f32> {
        req.skill.and_then(|s| r.skill_years(arena, s))
    }

    /// Credit 0–1 for one required skill: full at the minimum years, partial below it.
    fn skill_credit(years: Option<f32>, req: &Requirement) -> f32 {
        match years {
            None => 0.0,
            Some(years) => match req.min_years {
                Some(min) if min > 0.0 && years < min => 0.5 + 0.5 * (years / min).max(0.0),
                _ => 1.0,
            },
        }
    }

    /// The alternative of a group that counts (the best credit, the first on a tie),
    /// with its credit and the engineer's years.
    fn best_alternative<'r>(
        r: &Row,
        arena: &[(SkillId, f32)],
        group: &'r [Requirement],
    ) -> Option<(&'r Requirement, f32, Option<f32>)> {
        let mut best: Option<(&Requirement, f32, Option<f32>)> = None;
        for req in group {
            let years = Self::years_for(r, arena, req);
            let credit = Self::skill_credit(years, req);
            if best.is_none_or(|b| credit > b.1) {
                best = Some((req, credit, years));
            }
        }
        best
    }

    /// Share 0–1 of the must groups met: each group counts once, as its best alternative.
    fn must_fit(r: &Row, arena: &[(SkillId, f32)], groups: &[Vec<Requirement>]) -> f32 {
        if groups.is_empty() {
            return 1.0;
        }
        let sum: f32 = groups
            .iter()
            .map(|g| Self::best_alternative(r, arena, g).map_or(0.0, |b| b.1))
            .sum();
        sum / groups.len() as f32
    }

    fn skills_fit(r: &Row, arena: &[(SkillId, f32)], skills: &[Requirement]) -> f32 {
        if skills.is_empty() {
            return 1.0;
        }
        let sum: f32 = skills
            .iter()
            .map(|s| Self::skill_credit(Self::years_for(r, arena, s), s))
            .sum();
        sum / skills.len() as f32
    }

    fn availability_fit(&self, r: &Row) -> f32 {
        match self.free_day(r) {
            None => 0.0,
            Some(free) => {
                let late = (free - self.start_day).max(0) as f32;
                let span = (self.cfg.limits.start_tolerance_days + 1) as f32;
                (1.0 - late / span).max(0.0)
            }
        }
    }

    fn rate_fit(&self, r: &Row) -> f32 {
        let (Some(budget), Some(cost)) = (self.budget, r.cost) else {
            return 0.5;
        };
        let mut fit = ((budget - cost) / self.cfg.limits.good_margin).clamp(0.0, 1.0);
        if r.rate.is_some_and(|rate| rate > budget) {
            fit *= 0.5;
        }
        fit
    }

    fn location_fit(&self, r: &Row) -> (f32, Option<f32>) {
        let remote = self.opening.remote;
        if remote == Some(Remote::Full) {
            return (1.0, None);
        }
        let distance = match (self.site, r.home) {
            (Some(a), Some(b)) => {
                let dx = (b.1 - a.1) * self.site_cos * 111.32;
                let dy = (b.0 - a.0) * 110.57;
                Some((dx * dx + dy * dy).sqrt())
            }
            _ => None,
        };
        let l = &self.cfg.limits;
        let commute = distance.map_or(0.5, |d| {
            (1.0 - (d - l.near_km).max(0.0) / (l.far_km - l.near_km)).clamp(0.0, 1.0)
        });
        let mut fit = if remote == Some(Remote::Partial) {
            0.5 + 0.5 * commute
        } else {
            commute
        };
        if r.wants_full_remote {
            fit *= if remote == Some(Remote::Partial) {
                0.5
            } else {
                0.0
            };
        }
        (fit, distance)
    }

    fn bench_fit(&self, r: &Row) -> f32 {
        if !r.in_house {
            return 0.0;
        }
        match r.free {
            Some(d) if d <= self.as_of_day => 1.0,
            Some(_) => 0.4,
            None => 0.0,
        }
    }

    fn checks(&self, r: &Row) -> (Checks, Checks) {
        let mut fails = Checks::default();
        let mut reviews = Checks::default();
        for c in Check::ALL {
            match self.check(c, r) {
                Outcome::Pass => {}
                Outcome::Review => reviews.insert(c),
                Outcome::Fail => fails.insert(c),
            }
        }
        (fails, reviews)
    }

    fn evaluate(&self, r: &Row, arena: &[(SkillId, f32)]) -> Evaluation {
        let (fails, reviews) = self.checks(r);
        self.score(r, arena, fails, reviews)
    }

    fn score(
        &self,
        r: &Row,
        arena: &[(SkillId, f32)],
        fails: Checks,
        reviews: Checks,
    ) -> Evaluation {
        let fits = [
            Self::must_fit(r, arena, self.must),
            Self::skills_fit(r, arena, self.nice),
            self.availability_fit(r),
            self.rate_fit(r),
            self.location_fit(r).0,
            self.bench_fit(r),
        ];
        let mut points = [0.0f32; 6];
        let mut total = 0.0;
        for i in 0..6 {
            points[i] = fits[i] * self.weights[i];
            total += points[i];
        }
        Evaluation {
            fails,
            reviews,
            points,
            score: total.clamp(0.0, 100.0),
        }
    }

    fn check_reason(&self, c: Check, e: &Engineer, r: &Row) -> Reason {
        let o = self.opening;
        match c {
            Check::Depth => Reason::Depth {
                depth: r.depth,
                max: o.max_depth.unwrap_or(0),
                with_fee: o.depth_with_fee,
            },
            Check::Freelancer => Reason::FreelancerNotAllowed,
            Check::Nationality => match r.foreign {
                Some(true) => Reason::ForeignNotAllowed,
                _ => Reason::NationalityUnknown,
            },
            Check::Availability => match self.free_from(r) {
                None => Reason::AvailabilityUnknown,
                Some(free) if free > self.start => Reason::FreeAfterStart {
                    free,
                    start: self.start,
                    tolerance_days: self.cfg.limits.start_tolerance_days,
                },
                Some(_) => Reason::AvailabilityStale {
                    confirmed: e.availability_confirmed.unwrap_or(self.as_of),
                    days: r.confirmed.map_or(0, |d| i64::from(self.as_of_day - d)),
                },
            },
            Check::Margin => match (self.budget, e.cost) {
                (None, _) => Reason::RateNotStated,
                (_, None) => Reason::CostUnknown,
                (Some(budget), Some(cost)) => Reason::Margin {
                    margin: budget - cost.as_f32(),
                    at: budget,
                    floor: self.cfg.limits.min_margin,
                },
            },
            Check::Stale => Reason::OfferStale {
                last_offered: e.last_offered.map_or(self.as_of, |t| t.date_naive()),
                days: r.offered.map_or(0, |d| i64::from(self.as_of_day - d)),
                window_days: self.cfg.offer_stale_days,
            },
        }
    }

    fn factor_reason(&self, f: Factor, e: &Engineer, r: &Row, arena: &[(SkillId, f32)]) -> Reason {
        match f {
            Factor::Must => Reason::Skills(
                self.must
                    .iter()
                    .filter_map(|g| {
                        let (best, _, years) = Self::best_alternative(r, arena, g)?;
                        Some(SkillNote {
                            name: best.name.clone(),
                            years,
                            min_years: best.min_years,
                            alternatives: if g.len() > 1 {
                                g.iter().map(|a| a.name.clone()).collect()
                            } else {
                                Vec::new()
                            },
                        })
                    })
                    .collect(),
            ),
            Factor::Nice => Reason::Skills(
                self.nice
                    .iter()
                    .map(|s| SkillNote {
                        name: s.name.clone(),
                        years: Self::years_for(r, arena, s),
                        min_years: s.min_years,
                        alternatives: Vec::new(),
                    })
                    .collect(),
            ),
            Factor::Availability => match self.free_from(r) {
                None => Reason::AvailabilityUnknown,
                Some(free) => Reason::Availability {
                    free,
                    start: self.start,
                },
            },
            Factor::Rate => match (self.budget, e.cost) {
                (None, _) => Reason::RateNotStated,
                (_, None) => Reason::CostUnknown,
                (Some(budget), Some(cost)) => Reason::RateFit {
                    margin: budget - cost.as_f32(),
                    at: budget,
                    asking_above: e.rate.filter(|x| x.as_f32() > budget).map(|x| x.as_f32()),
                },
            },
            Factor::Location => {
                if self.opening.remote == Some(Remote::Full) {
                    return Reason::FullRemote;
                }
                let (_, distance) = self.location_fit(r);
                Reason::Location {
                    station: e.station.clone(),
                    location: self.opening.location.clone(),
                    km: distance,
                    remote: self.opening.remote,
                    wants_full_remote: r.wants_full_remote,
                }
            }
            Factor::Bench => Reason::Bench {
                in_house: r.in_house,
                idle: r.free.is_some_and(|d| d <= self.as_of_day),
            },
        }
    }
}

fn offer_is_stale(offered: Option<i32>, as_of_day: i32, window_days: i64) -> bool {
    offered.is_some_and(|d| i64::from(as_of_day - d) > window_days)
}

/// Whether a partner engineer's offer is stale as of a day: not re-offered within
/// `cfg.offer_stale_days`. Engineers who never came by mail are never stale.
///
/// The dashboard's fresh-only switch and `--fresh-only` filter with this; a ranking
/// marks the same engineers with [`Check::Stale`] in `Ranked::reviews`.
pub fn is_stale(engineer: &Engineer, as_of: NaiveDate, cfg: &ScoringConfig) -> bool {
    offer_is_stale(
        engineer
            .last_offered
            .map(|t| t.date_naive().num_days_from_ce()),
        as_of.num_days_from_ce(),
        cfg.offer_stale_days,
    )
}

/// A single engineer as a one-row pool: the same numbers as in a ranking.
fn single_row(e: &Engineer, places: &Places) -> (Row, Vec<(SkillId, f32)>) {
    let home = e
        .station
        .as_deref()
        .and_then(|s| places.find(s))
        .map(|p| (p.lat, p.lon));
    (
        Row::new(e, 0, home),
        e.skills.iter().map(|s| (s.skill, s.years)).collect(),
    )
}

/// One engineer's standing against an opening, with the numbers only.
pub fn evaluate(
    opening: &Opening,
    engineer: &Engineer,
    as_of: NaiveDate,
    cfg: &ScoringConfig,
    places: &Places,
) -> Evaluation {
    let (row, arena) = single_row(engineer, places);
    Prepared::new(opening, as_of, cfg, places).evaluate(&row, &arena)
}

/// One engineer's standing against an opening, with every reason.
pub fn explain(
    opening: &Opening,
    engineer: &Engineer,
    as_of: NaiveDate,
    cfg: &ScoringConfig,
    places: &Places,
) -> Explanation {
    let p = Prepared::new(opening, as_of, cfg, places);
    let (row, arena) = single_row(engineer, places);
    let ev = p.evaluate(&row, &arena);
    Explanation {
        score: ev.score,
        excluded: ev.excluded(),
        reasons: ev
            .fails
            .iter()
            .map(|c| p.check_reason(c, engineer, &row))
            .collect(),
        review: ev
            .reviews
            .iter()
            .map(|c| p.check_reason(c, engineer, &row))
            .collect(),
        factors: Factor::ALL
            .into_iter()
            .enumerate()
            .map(|(i, f)| FactorScore {
                factor: f,
                points: ev.points[i],
                max: p.weights[i],
                reason: p.factor_reason(f, engineer, &row, &arena),
            })
            .collect(),
    }
}

/// A candidate's place in a ranking: an index into the pool and its numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub index: usize,
    /// The engineer's id, kept here so sorting never reaches into the pool.
    pub id: i64,
    pub score: f32,
    pub reviews: Checks,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ranking {
    /// Best first; ties broken by engineer id so the order never wobbles.
    pub candidates: Vec<Ranked>,
    /// Indices of excluded engineers with the limits they broke, by engineer id.
    pub excluded: Vec<(usize, Checks)>,
    /// Candidates passing every hard limit, before `top` cut the list.
    pub passing: usize,
}

/// Rank a prepared pool against an opening; `top` keeps only the best N candidates.
pub fn rank_pool(
    opening: &Opening,
    pool: &Pool,
    as_of: NaiveDate,
    cfg: &ScoringConfig,
    places: &Places,
    top: Option<usize>,
) -> Ranking {
    let p = Prepared::new(opening, as_of, cfg, places);
    let order = |a: &Ranked, b: &Ranked| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id));
    // With a `top`, keep at most twice that many and cut back now and then, so a
    // ranking of 100k never fills (and sorts) a 100k-element buffer.
    let keep = top.map(|n| n.max(1));
    let mut candidates = Vec::with_capacity(keep.map_or(pool.rows.len(), |n| 2 * n.max(32)));
    let mut floor: Option<Ranked> = None;
    let mut passing = 0;
    let mut excluded = Vec::new();
    for (index, row) in pool.rows.iter().enumerate() {
        // The excluded need no score here: `explain` computes it if anyone asks.
        let (fails, reviews) = p.checks(row);
        if !fails.is_empty() {
            excluded.push((index, fails));
            continue;
        }
        passing += 1;
        let ev = p.score(row, &pool.skills, fails, reviews);
        let ranked = Ranked {
            index,
            id: row.id,
            score: ev.score,
            reviews: ev.reviews,
        };
        if floor.is_some_and(|f| order(&ranked, &f) == std::cmp::Ordering::Greater) {
            continue;
        }
        candidates.push(ranked);
        if let Some(n) = keep {
            if candidates.len() >= 2 * n.max(32) {
                candidates.select_nth_unstable_by(n - 1, order);
                candidates.truncate(n);
                floor = Some(candidates[n - 1]);
            }
        }
    }
    if let Some(n) = top {
        if n < candidates.len() {
            if n == 0 {
                candidates.clear();
            } else {
                candidates.select_nth_unstable_by(n - 1, order);
                candidates.truncate(n);
            }
        }
    }
    candidates.sort_unstable_by(order);
    excluded.sort_by_key(|(i, _)| pool.rows[*i].id);
    Ranking {
        candidates,
        excluded,
        passing,
    }
}

/// Rank plain engineers; prefer [`rank_pool`] with a [`Pool`] kept across rankings.
pub fn rank(
    opening: &Opening,
    engineers: &[Engineer],
    as_of: NaiveDate,
    cfg: &ScoringConfig,
    places: &Places,
    top: Option<usize>,
) -> Ranking {
    let pool = Pool::new(engineers.to_vec(), places);
    rank_pool(opening, &pool, as_of, cfg, places, top)
}

#[cfg(test)]
mod tests;
