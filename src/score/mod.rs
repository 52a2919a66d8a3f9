//! The scoring core: hard limits and weighted factors, pure and explainable.
//!
//! No clock and no I/O: the as-of date, the pool and the weights are arguments.
//! `rank` computes numbers only, so 100k engineers scan in milliseconds;
//! `explain` rebuilds the same numbers with their reasons for the rows shown.

mod config;
mod reason;

pub use config::{Limits, ScoringConfig, Weights};
pub use reason::{Reason, SkillNote};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Engineer, Need, Opening, OpeningSkill, Remote};
use crate::geo::{distance_km, Place, Places};

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
}

impl Check {
    pub const ALL: [Check; 5] = [
        Check::Depth,
        Check::Freelancer,
        Check::Nationality,
        Check::Availability,
        Check::Margin,
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

/// Facts about the opening worked out once per ranking, not once per engineer.
struct Prepared<'a> {
    opening: &'a Opening,
    must: Vec<OpeningSkill>,
    nice: Vec<OpeningSkill>,
    start: NaiveDate,
    /// Upper rate for margin, falling back to the lower bound of the band.
    budget: Option<f32>,
    place: Option<&'a Place>,
    as_of: NaiveDate,
    cfg: &'a ScoringConfig,
    places: &'a Places,
    scale: f32,
}

impl<'a> Prepared<'a> {
    fn new(
        opening: &'a Opening,
        as_of: NaiveDate,
        cfg: &'a ScoringConfig,
        places: &'a Places,
    ) -> Self {
        Prepared {
            opening,
            must: opening.skills_of(Need::Must).copied().collect(),
            nice: opening.skills_of(Need::Nice).copied().collect(),
            start: opening
                .start
                .map_or(as_of, |s| s.first_day(as_of))
                .max(as_of),
            budget: opening.rate_max.or(opening.rate_min).map(|m| m.as_f32()),
            place: opening.location.as_deref().and_then(|l| places.find(l)),
            as_of,
            cfg,
            places,
            scale: 100.0 / cfg.weight_sum(),
        }
    }

    fn free_from(&self, e: &Engineer) -> Option<NaiveDate> {
        e.available_from.map(|d| d.max(self.as_of))
    }

    fn check(&self, c: Check, e: &Engineer) -> Outcome {
        let o = self.opening;
        let l = &self.cfg.limits;
        match c {
            Check::Depth => match o.max_depth {
                Some(max) if e.depth > max => {
                    if o.depth_with_fee.is_some_and(|f| e.depth <= f) {
                        Outcome::Review
                    } else {
                        Outcome::Fail
                    }
                }
                _ => Outcome::Pass,
            },
            Check::Freelancer => match o.freelancer_ok {
                Some(false) if e.affiliation == crate::domain::Affiliation::Freelancer => {
                    Outcome::Fail
                }
                _ => Outcome::Pass,
            },
            Check::Nationality => match (o.foreign_ok, e.foreign) {
                (Some(false), Some(true)) => Outcome::Fail,
                (Some(false), None) => Outcome::Review,
                _ => Outcome::Pass,
            },
            Check::Availability => match self.free_from(e) {
                None => Outcome::Review,
                Some(free) => {
                    let late = (free - self.start).num_days();
                    if late > l.start_tolerance_days {
                        Outcome::Fail
                    } else if late > 0 || self.is_stale(e) {
                        Outcome::Review
                    } else {
                        Outcome::Pass
                    }
                }
            },
            Check::Margin => match (self.budget, e.cost) {
                (Some(budget), Some(cost)) => {
                    let margin = budget - cost.as_f32();
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
        }
    }

    fn is_stale(&self, e: &Engineer) -> bool {
        match e.availability_confirmed {
            Some(d) => (self.as_of - d).num_days() > self.cfg.limits.stale_availability_days,
            None => false,
        }
    }

    /// Credit 0–1 for one required skill: full at the minimum years, partial below it.
    fn skill_credit(e: &Engineer, s: &OpeningSkill) -> (f32, Option<f32>) {
        match e.skill_years(s.skill) {
            None => (0.0, None),
            Some(years) => {
                let credit = match s.min_years {
                    Some(min) if min > 0.0 && years < min => 0.5 + 0.5 * (years / min).max(0.0),
                    _ => 1.0,
                };
                (credit, Some(years))
            }
        }
    }

    fn skills_fit(e: &Engineer, skills: &[OpeningSkill]) -> f32 {
        if skills.is_empty() {
            return 1.0;
        }
        let sum: f32 = skills.iter().map(|s| Self::skill_credit(e, s).0).sum();
        sum / skills.len() as f32
    }

    fn availability_fit(&self, e: &Engineer) -> f32 {
        match self.free_from(e) {
            None => 0.0,
            Some(free) => {
                let late = (free - self.start).num_days().max(0) as f32;
                let span = (self.cfg.limits.start_tolerance_days + 1) as f32;
                (1.0 - late / span).max(0.0)
            }
        }
    }

    fn rate_fit(&self, e: &Engineer) -> f32 {
        let (Some(budget), Some(cost)) = (self.budget, e.cost) else {
            return 0.5;
        };
        let margin = budget - cost.as_f32();
        let mut fit = (margin / self.cfg.limits.good_margin).clamp(0.0, 1.0);
        if e.rate.is_some_and(|r| r.as_f32() > budget) {
            fit *= 0.5;
        }
        fit
    }

    fn engineer_place(&self, e: &Engineer) -> Option<&'a Place> {
        e.station.as_deref().and_then(|s| self.places.find(s))
    }

    fn location_fit(&self, e: &Engineer) -> (f32, Option<f32>) {
        let remote = self.opening.remote;
        if remote == Some(Remote::Full) {
            return (1.0, None);
        }
        let distance = match (self.place, self.engineer_place(e)) {
            (Some(a), Some(b)) => Some(distance_km(a, b)),
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
        if e.remote_pref == Some(Remote::Full) {
            fit *= if remote == Some(Remote::Partial) {
                0.5
            } else {
                0.0
            };
        }
        (fit, distance)
    }

    fn bench_fit(&self, e: &Engineer) -> f32 {
        if !e.affiliation.is_in_house() {
            return 0.0;
        }
        match e.available_from {
            Some(d) if d <= self.as_of => 1.0,
            Some(_) => 0.4,
            None => 0.0,
        }
    }

    fn evaluate(&self, e: &Engineer) -> Evaluation {
        let mut fails = Checks::default();
        let mut reviews = Checks::default();
        for c in Check::ALL {
            match self.check(c, e) {
                Outcome::Pass => {}
                Outcome::Review => reviews.insert(c),
                Outcome::Fail => fails.insert(c),
            }
        }
        let fits = [
            Self::skills_fit(e, &self.must),
            Self::skills_fit(e, &self.nice),
            self.availability_fit(e),
            self.rate_fit(e),
            self.location_fit(e).0,
            self.bench_fit(e),
        ];
        let mut points = [0.0f32; 6];
        let mut total = 0.0;
        for (i, f) in Factor::ALL.into_iter().enumerate() {
            points[i] = fits[i] * f.weight(self.cfg) * self.scale;
            total += points[i];
        }
        Evaluation {
            fails,
            reviews,
            points,
            score: total.clamp(0.0, 100.0),
        }
    }

    fn check_reason(&self, c: Check, e: &Engineer) -> Reason {
        let o = self.opening;
        match c {
            Check::Depth => Reason::Depth {
                depth: e.depth,
                max: o.max_depth.unwrap_or(0),
                with_fee: o.depth_with_fee,
            },
            Check::Freelancer => Reason::FreelancerNotAllowed,
            Check::Nationality => match e.foreign {
                Some(true) => Reason::ForeignNotAllowed,
                _ => Reason::NationalityUnknown,
            },
            Check::Availability => match self.free_from(e) {
                None => Reason::AvailabilityUnknown,
                Some(free) if free > self.start => Reason::FreeAfterStart {
                    free,
                    start: self.start,
                    tolerance_days: self.cfg.limits.start_tolerance_days,
                },
                Some(_) => Reason::AvailabilityStale {
                    confirmed: e.availability_confirmed.unwrap_or(self.as_of),
                    days: e
                        .availability_confirmed
                        .map_or(0, |d| (self.as_of - d).num_days()),
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
        }
    }

    fn factor_reason(&self, f: Factor, e: &Engineer) -> Reason {
        match f {
            Factor::Must | Factor::Nice => {
                let skills = if f == Factor::Must {
                    &self.must
                } else {
                    &self.nice
                };
                Reason::Skills(
                    skills
                        .iter()
                        .map(|s| SkillNote {
                            skill: s.skill,
                            years: Self::skill_credit(e, s).1,
                            min_years: s.min_years,
                        })
                        .collect(),
                )
            }
            Factor::Availability => match self.free_from(e) {
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
                    asking_above: e.rate.filter(|r| r.as_f32() > budget).map(|r| r.as_f32()),
                },
            },
            Factor::Location => {
                if self.opening.remote == Some(Remote::Full) {
                    return Reason::FullRemote;
                }
                let (_, distance) = self.location_fit(e);
                Reason::Location {
                    station: e.station.clone(),
                    location: self.opening.location.clone(),
                    km: distance,
                    remote: self.opening.remote,
                    wants_full_remote: e.remote_pref == Some(Remote::Full),
                }
            }
            Factor::Bench => Reason::Bench {
                in_house: e.affiliation.is_in_house(),
                idle: e.available_from.is_some_and(|d| d <= self.as_of),
            },
        }
    }
}

/// One engineer's standing against an opening, with the numbers only.
pub fn evaluate(
    opening: &Opening,
    engineer: &Engineer,
    as_of: NaiveDate,
    cfg: &ScoringConfig,
    places: &Places,
) -> Evaluation {
    Prepared::new(opening, as_of, cfg, places).evaluate(engineer)
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
    let ev = p.evaluate(engineer);
    Explanation {
        score: ev.score,
        excluded: ev.excluded(),
        reasons: ev
            .fails
            .iter()
            .map(|c| p.check_reason(c, engineer))
            .collect(),
        review: ev
            .reviews
            .iter()
            .map(|c| p.check_reason(c, engineer))
            .collect(),
        factors: Factor::ALL
            .into_iter()
            .enumerate()
            .map(|(i, f)| FactorScore {
                factor: f,
                points: ev.points[i],
                max: f.weight(cfg) * p.scale,
                reason: p.factor_reason(f, engineer),
            })
            .collect(),
    }
}

/// A candidate's place in a ranking: an index into the pool and its numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub index: usize,
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

/// Rank the pool against an opening; `top` keeps only the best N candidates.
pub fn rank(
    opening: &Opening,
    pool: &[Engineer],
    as_of: NaiveDate,
    cfg: &ScoringConfig,
    places: &Places,
    top: Option<usize>,
) -> Ranking {
    let p = Prepared::new(opening, as_of, cfg, places);
    let mut candidates = Vec::with_capacity(pool.len());
    let mut excluded = Vec::new();
    for (index, e) in pool.iter().enumerate() {
        let ev = p.evaluate(e);
        if ev.excluded() {
            excluded.push((index, ev.fails));
        } else {
            candidates.push(Ranked {
                index,
                score: ev.score,
                reviews: ev.reviews,
            });
        }
    }
    let passing = candidates.len();
    let order = |a: &Ranked, b: &Ranked| {
        b.score
            .total_cmp(&a.score)
            .then(pool[a.index].id.cmp(&pool[b.index].id))
    };
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
    excluded.sort_by_key(|(i, _)| pool[*i].id);
    Ranking {
        candidates,
        excluded,
        passing,
    }
}

#[cfg(test)]
mod tests;
