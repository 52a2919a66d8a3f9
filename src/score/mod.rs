//! The scoring core: hard limits and weighted factors, pure and explainable.
//!
//! No clock and no I/O: the as-of date, the pool and the weights are arguments.
//! `rank` computes numbers only, so 100k engineers scan in milliseconds;
//! `explain` rebuilds the same numbers with their reasons for the rows shown.

mod config;
mod prepared;
mod reason;
pub mod terms;

pub use config::{Limits, ScoringConfig, Weights, DEFAULT_OFFER_STALE_DAYS};
pub use reason::{Reason, SkillNote};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use std::collections::HashMap;

use crate::domain::{Affiliation, Employment, Engineer, LanguageLevel, Man, Opening, Remote};
use crate::geo::Places;
use crate::skills::SkillId;
use prepared::Prepared;
use terms::NgTerm;

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

    pub(crate) fn weight(self, cfg: &ScoringConfig) -> f32 {
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
    /// 商流: the chain depth against `max_depth` (貴社社員まで, 1社先まで, 支援費).
    Depth,
    /// 個人事業主不可: direct freelancers and a partner's freelancers.
    Freelancer,
    /// 正社員のみ (`貴社正社員まで（契約社員・個人事業主の方は不可）`): contract staff and
    /// freelancers are out, ours and a partner's.
    Employment,
    /// 外国籍不可.
    Nationality,
    /// 〜歳まで: the age band against the limit.
    Age,
    /// Japanese level where the work faces the client or the posting asks.
    Japanese,
    /// Another language the posting asks for with a level (`ビジネスレベルの英語力`).
    Language,
    /// Commute beyond what a person would make, for on-site and partly remote work.
    Distance,
    /// The engineer's NG list against the opening.
    Ng,
    /// Free after the start: own staff get a wider window than partners.
    Start,
    /// Availability not recorded or not confirmed lately.
    Availability,
    Margin,
    /// A partner engineer not re-offered within the window: never excludes, always reviews.
    Stale,
    /// None of the must requirements met at all, or one far from met: not a candidate.
    Skills,
    /// More than one limit to ask the client about: not one call away, so not 要相談.
    Questions,
}

impl Check {
    pub const ALL: [Check; 15] = [
        Check::Depth,
        Check::Freelancer,
        Check::Employment,
        Check::Nationality,
        Check::Age,
        Check::Japanese,
        Check::Language,
        Check::Distance,
        Check::Ng,
        Check::Start,
        Check::Availability,
        Check::Margin,
        Check::Stale,
        Check::Skills,
        Check::Questions,
    ];

    fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// A review of this limit is a question for the client (要相談), which makes the
    /// candidate a `consider`; the others are notes for us (cost unknown, stale offer).
    pub fn asks_client(self) -> bool {
        matches!(
            self,
            Check::Depth
                | Check::Nationality
                | Check::Age
                | Check::Japanese
                | Check::Language
                | Check::Distance
                | Check::Ng
                | Check::Start
        )
    }
}

/// A set of checks, one bit each: cheap to carry for 100k candidates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Checks(u16);

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
    /// Whether any of these is a question for the client.
    pub fn asks_client(self) -> bool {
        self.questions() > 0
    }

    /// How many of these are questions for the client: one bit test, for the hot loop.
    pub fn questions(self) -> u32 {
        static ASKS: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
        let asks = ASKS.get_or_init(|| {
            Check::ALL
                .into_iter()
                .filter(|c| c.asks_client())
                .fold(0, |m, c| m | c.bit())
        });
        (self.0 & asks).count_ones()
    }
}

/// Where a candidate stands: what a rep proposes, asks about, or leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Every must group met, no limit broken or in question.
    Match,
    /// 要相談: close enough to ask the client (related experience, fewer years,
    /// a limit to confirm, own staff a little late).
    Consider,
    /// A limit broken, or none of the must groups met at all.
    Excluded,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Match => "match",
            Tier::Consider => "consider",
            Tier::Excluded => "excluded",
        }
    }

    /// The heading a rep reads.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let ja = lang == crate::i18n::Lang::Ja;
        match (self, ja) {
            (Tier::Match, true) => "マッチ",
            (Tier::Match, false) => "Matches",
            (Tier::Consider, true) => "要相談",
            (Tier::Consider, false) => "To discuss (要相談)",
            (Tier::Excluded, true) => "対象外",
            (Tier::Excluded, false) => "Excluded",
        }
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
    pub tier: Tier,
}

impl Evaluation {
    pub fn excluded(&self) -> bool {
        self.tier == Tier::Excluded
    }
}

/// One factor of an explained score.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorScore {
    pub factor: Factor,
    pub points: f32,
    /// 0 when the factor dropped out (no nice skills asked, no rate stated).
    pub max: f32,
    pub reason: Reason,
}

/// A score with everything a rep needs to read it aloud.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub score: f32,
    pub tier: Tier,
    pub excluded: bool,
    /// Hard limits failed: why the candidate is out.
    pub reasons: Vec<Reason>,
    /// Hard limits to check by hand: silent or borderline.
    pub review: Vec<Reason>,
    /// Factors that count for this opening, in `Factor::ALL` order (dropped ones left out).
    pub factors: Vec<FactorScore>,
}

impl Explanation {
    /// How `factor` scored, if it counts for this opening.
    pub fn factor(&self, factor: Factor) -> Option<&FactorScore> {
        self.factors.iter().find(|f| f.factor == factor)
    }
}

/// What scoring needs of one engineer, packed small so 100k of them scan fast: one
/// cache line (unknown days are `NO_DAY`, unknown amounts and places NaN; the id is kept
/// in `Pool::ids`), since a ranking's time goes to fetching the rows it reaches.
#[derive(Debug, Clone, Copy)]
struct Row {
    skills_at: u32,
    /// Languages other than the skills, in `Pool::langs`.
    lang_at: u32,
    ng_at: u32,
    /// Skills kept by name (folded), in `Pool::other`.
    other_at: u32,
    /// Days from the common era, so the hot loop does integer arithmetic only.
    free_day: i32,
    confirmed_day: i32,
    /// Day of the last offer by mail; `NO_DAY` for engineers who never came by mail.
    offered_day: i32,
    cost_man: f32,
    rate_man: f32,
    home_at: (f32, f32),
    skills_len: u16,
    depth: u8,
    lang_len: u8,
    ng_len: u8,
    other_len: u8,
    /// A sole proprietor, direct or through a partner.
    freelancer: bool,
    /// A sole proprietor contracted by us directly (個人事業主（直）): not 貴社社員.
    direct_freelancer: bool,
    in_house: bool,
    wants_full_remote: bool,
    /// A contract employee (ours, or a partner's): `Some(false)` full-time, `None` not known.
    contract: Option<bool>,
    foreign: Option<bool>,
    /// Japanese on the `terms::japanese_level` scale.
    japanese: Option<u8>,
    age: Option<(u8, u8)>,
}

/// A day not known, in `Row`'s day fields.
const NO_DAY: i32 = i32::MIN;

fn day_or_none(d: Option<i32>) -> i32 {
    d.unwrap_or(NO_DAY)
}

fn known_day(d: i32) -> Option<i32> {
    (d != NO_DAY).then_some(d)
}

fn known_amount(v: f32) -> Option<f32> {
    (!v.is_nan()).then_some(v)
}

/// 512 bits, one per skill id modulo 512: who has none of an opening's skills is
/// skipped with eight ANDs.
type SkillMask = [u64; 8];

fn mask_set(m: &mut SkillMask, s: SkillId) {
    let b = usize::from(s.0) % 512;
    m[b / 64] |= 1 << (b % 64);
}

/// Each mask bit's rows, in row order, laid out flat (see `Pool::holders`).
fn holders_by_bit(masks: &[SkillMask]) -> (Vec<u32>, Vec<u32>) {
    let mut at = vec![0u32; 513];
    for m in masks {
        for (w, word) in m.iter().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                at[w * 64 + bits.trailing_zeros() as usize + 1] += 1;
                bits &= bits - 1;
            }
        }
    }
    for b in 0..512 {
        at[b + 1] += at[b];
    }
    let mut next: Vec<u32> = at[..512].to_vec();
    let mut holders = vec![0u32; at[512] as usize];
    for (row, m) in masks.iter().enumerate() {
        for (w, word) in m.iter().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                let b = w * 64 + bits.trailing_zeros() as usize;
                holders[next[b] as usize] = row as u32;
                next[b] += 1;
                bits &= bits - 1;
            }
        }
    }
    (at, holders)
}

/// Rows that can rank for a prepared opening, one bit each: the holders of a skill
/// related to a must, and (when a must is a name the taxonomy does not know) anyone with
/// skills kept by name. `None` when everyone can.
fn reachable(p: &Prepared, pool: &Pool) -> Option<Vec<u64>> {
    if !p.known_must {
        return None;
    }
    let mut bits = vec![0u64; pool.rows.len().div_ceil(64)];
    let mut set = |i: u32| bits[(i / 64) as usize] |= 1 << (i % 64);
    for (w, word) in p.relevant.iter().enumerate() {
        let mut rest = *word;
        while rest != 0 {
            let b = w * 64 + rest.trailing_zeros() as usize;
            let (from, to) = (pool.holders_at[b] as usize, pool.holders_at[b + 1] as usize);
            pool.holders[from..to].iter().for_each(|&i| set(i));
            rest &= rest - 1;
        }
    }
    if p.has_unknown_must() {
        pool.with_other.iter().for_each(|&i| set(i));
    }
    Some(bits)
}

/// Engineers prepared for ranking: each one's skills and home position worked out once.
///
/// Build it when the engineers are loaded and reuse it for every opening.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    engineers: Vec<Engineer>,
    rows: Vec<Row>,
    /// Each row's engineer id.
    ids: Vec<i64>,
    /// Whether `ids` ascend: the excluded, found in row order, are then in id order.
    ids_ascending: bool,
    skills: Vec<(SkillId, f32)>,
    /// Rows by mask bit: `holders[holders_at[b]..holders_at[b + 1]]` hold a skill whose id
    /// is `b` modulo 512, so a ranking reaches the holders of its must skills without
    /// reading everyone's mask.
    holders_at: Vec<u32>,
    holders: Vec<u32>,
    /// Rows with skills kept by name: they can meet a must the taxonomy does not know.
    with_other: Vec<u32>,
    ng: Vec<NgTerm>,
    /// Skills the taxonomy does not know, folded, with years: `Row::other`.
    other: Vec<(String, f32)>,
    /// Every folded name in `other`: whether anyone in the pool holds an unknown must.
    other_keys: std::collections::HashSet<String>,
    /// Languages and levels: `Row::lang_at`.
    langs: Vec<(String, LanguageLevel)>,
}

impl Pool {
    pub fn new(engineers: Vec<Engineer>, places: &Places) -> Pool {
        let mut homes: HashMap<&str, Option<(f32, f32)>> = HashMap::new();
        let mut rows = Vec::with_capacity(engineers.len());
        let mut ids = Vec::with_capacity(engineers.len());
        let mut skills = Vec::with_capacity(engineers.len() * 8);
        let mut masks = Vec::with_capacity(engineers.len());
        let mut ng = Vec::new();
        let mut other = Vec::new();
        let mut langs = Vec::new();
        let tax = crate::skills::Taxonomy::builtin();
        for e in &engineers {
            let home = e.station.as_deref().and_then(|st| {
                *homes
                    .entry(st)
                    .or_insert_with(|| places.find(st).map(|p| (p.lat, p.lon)))
            });
            let ng_at = ng.len();
            if !e.ng.is_empty() {
                ng.extend(terms::ng_terms(&e.ng, tax).into_iter().take(255));
            }
            ids.push(e.id);
            let mut row = Row::new(e, skills.len(), home, ng_at, ng.len() - ng_at);
            row.other_at = other.len() as u32;
            other.extend(
                e.other_skills
                    .iter()
                    .take(255)
                    .map(|(n, y)| (crate::skills::normalize_key(n), *y)),
            );
            row.other_len = (other.len() - row.other_at as usize) as u8;
            row.lang_at = langs.len() as u32;
            langs.extend(
                e.languages
                    .iter()
                    .take(255)
                    .map(|l| (l.name.clone(), l.level)),
            );
            row.lang_len = (langs.len() - row.lang_at as usize) as u8;
            rows.push(row);
            skills.extend(e.skills.iter().map(|s| (s.skill, s.years)));
            masks.push(Row::mask(e));
        }
        let other_keys = other.iter().map(|(k, _)| k.clone()).collect();
        let (holders_at, holders) = holders_by_bit(&masks);
        let with_other = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.other_len > 0)
            .map(|(i, _)| i as u32)
            .collect();
        let ids_ascending = ids.is_sorted();
        Pool {
            engineers,
            rows,
            ids,
            ids_ascending,
            skills,
            holders_at,
            holders,
            with_other,
            ng,
            other,
            other_keys,
            langs,
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
    fn new(
        e: &Engineer,
        skills_at: usize,
        home: Option<(f32, f32)>,
        ng_at: usize,
        ng_len: usize,
    ) -> Row {
        Row {
            skills_at: skills_at as u32,
            skills_len: e.skills.len().min(usize::from(u16::MAX)) as u16,
            depth: e.depth,
            freelancer: e.is_freelancer(),
            direct_freelancer: e.affiliation == Affiliation::Freelancer && e.depth == 0,
            contract: match (e.affiliation, e.employment) {
                (Affiliation::Own, _) => Some(false),
                (Affiliation::Contract, _) => Some(true),
                (_, Some(Employment::FullTime)) => Some(false),
                (_, Some(_)) => Some(true),
                (Affiliation::Freelancer, None) => Some(true),
                (Affiliation::Partner, None) => None,
            },
            lang_at: 0,
            lang_len: 0,
            in_house: e.affiliation.is_in_house(),
            wants_full_remote: e.remote_pref == Some(Remote::Full),
            foreign: e.foreign,
            japanese: e.japanese_level.as_deref().and_then(terms::japanese_level),
            age: e.age_band.as_deref().and_then(terms::age_range),
            ng_at: ng_at as u32,
            ng_len: ng_len.min(255) as u8,
            other_at: 0,
            other_len: 0,
            free_day: day_or_none(e.available_from.map(|d| d.num_days_from_ce())),
            confirmed_day: day_or_none(e.availability_confirmed.map(|d| d.num_days_from_ce())),
            // Own staff are never stale, whatever a mail said of them.
            offered_day: day_or_none(
                e.last_offered
                    .filter(|_| e.affiliation != Affiliation::Own)
                    .map(|t| t.date_naive().num_days_from_ce()),
            ),
            cost_man: e.cost.map_or(f32::NAN, Man::as_f32),
            rate_man: e.rate.map_or(f32::NAN, Man::as_f32),
            home_at: home.unwrap_or((f32::NAN, f32::NAN)),
        }
    }

    fn free(&self) -> Option<i32> {
        known_day(self.free_day)
    }

    fn confirmed(&self) -> Option<i32> {
        known_day(self.confirmed_day)
    }

    fn offered(&self) -> Option<i32> {
        known_day(self.offered_day)
    }

    fn cost(&self) -> Option<f32> {
        known_amount(self.cost_man)
    }

    fn rate(&self) -> Option<f32> {
        known_amount(self.rate_man)
    }

    fn home(&self) -> Option<(f32, f32)> {
        (!self.home_at.0.is_nan()).then_some(self.home_at)
    }

    fn mask(e: &Engineer) -> SkillMask {
        let mut m = [0u64; 8];
        for s in &e.skills {
            mask_set(&mut m, s.skill);
        }
        m
    }

    fn own_skills<'p>(&self, arena: &'p [(SkillId, f32)]) -> &'p [(SkillId, f32)] {
        let start = self.skills_at as usize;
        &arena[start..start + usize::from(self.skills_len)]
    }

    fn skill_years(&self, arena: &[(SkillId, f32)], skill: SkillId) -> Option<f32> {
        let own = self.own_skills(arena);
        own.binary_search_by_key(&skill, |s| s.0)
            .ok()
            .map(|i| own[i].1)
    }

    fn other<'p>(&self, arena: &'p [(String, f32)]) -> &'p [(String, f32)] {
        let start = self.other_at as usize;
        &arena[start..start + usize::from(self.other_len)]
    }

    fn langs<'p>(&self, arena: &'p [(String, LanguageLevel)]) -> &'p [(String, LanguageLevel)] {
        let start = self.lang_at as usize;
        &arena[start..start + usize::from(self.lang_len)]
    }

    fn ng<'p>(&self, arena: &'p [NgTerm]) -> &'p [NgTerm] {
        let start = self.ng_at as usize;
        &arena[start..start + usize::from(self.ng_len)]
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
    engineer.affiliation != Affiliation::Own
        && offer_is_stale(
            engineer
                .last_offered
                .map(|t| t.date_naive().num_days_from_ce()),
            as_of.num_days_from_ce(),
            cfg.offer_stale_days,
        )
}

/// Whether an engineer was marked inactive (`inactive_from`) on or before a day.
pub fn is_inactive(engineer: &Engineer, as_of: NaiveDate) -> bool {
    engineer.extra.inactive_from.is_some_and(|d| d <= as_of)
}

/// Whether an engineer belongs to the active pool as of a day: not a stale partner offer
/// and not marked inactive. Rankings and who's free leave the rest out unless asked.
pub fn in_active_pool(engineer: &Engineer, as_of: NaiveDate, cfg: &ScoringConfig) -> bool {
    !is_stale(engineer, as_of, cfg) && !is_inactive(engineer, as_of)
}

/// Who can be a candidate for an opening, in terms the store can look up: with a must
/// skill the taxonomy knows, only holders of a skill that counts towards a must (or, when
/// a must is a name the taxonomy does not know, anyone with skills kept by name); all
/// others are excluded for skills without being looked at.
#[derive(Debug, Clone, PartialEq)]
pub enum Reach {
    Everyone,
    Holders {
        /// Skills whose years count for some must alternative, sorted.
        skills: Vec<SkillId>,
        /// Also anyone with skills kept as written (`other_skills`).
        or_other: bool,
    },
}

/// The engineers that can rank for `opening`; see [`Reach`]. Matches the skip in
/// [`rank_pool`], so ranking the holders alone gives the same candidates.
pub fn reach(opening: &Opening, cfg: &ScoringConfig) -> Reach {
    let rel = &cfg.relations;
    let mut skills = Vec::new();
    let mut or_other = false;
    for r in opening.requirements.must.iter().flatten() {
        match r.skill {
            Some(s) => {
                skills.push(s);
                skills.extend(rel.credited_by(s).iter().map(|&(src, _)| src));
            }
            None => or_other = true,
        }
    }
    if skills.is_empty() {
        return Reach::Everyone;
    }
    skills.sort_unstable();
    skills.dedup();
    Reach::Holders { skills, or_other }
}

/// A single engineer as a one-row pool: the same numbers as in a ranking.
fn single_pool(e: &Engineer, places: &Places) -> Pool {
    Pool::new(vec![e.clone()], places)
}

/// One engineer's standing against an opening, with the numbers only.
pub fn evaluate(
    opening: &Opening,
    engineer: &Engineer,
    as_of: NaiveDate,
    cfg: &ScoringConfig,
    places: &Places,
) -> Evaluation {
    let pool = single_pool(engineer, places);
    let p = Prepared::new(opening, as_of, cfg, places);
    let mut scratch = p.scratch();
    p.evaluate(&pool.rows[0], &pool, &mut scratch)
}

/// One engineer's standing against an opening, with every reason.
///
/// Alone, with no roster to compare: a must no one could hold still counts. Inside a
/// ranking prefer [`explain_in`], which reads the pool as the ranking did.
pub fn explain(
    opening: &Opening,
    engineer: &Engineer,
    as_of: NaiveDate,
    cfg: &ScoringConfig,
    places: &Places,
) -> Explanation {
    let p = Prepared::new(opening, as_of, cfg, places);
    let pool = single_pool(engineer, places);
    explain_prepared(&p, engineer, &pool, 0)
}

/// The pool's engineer at `index` explained as [`rank_pool`] ranked him: a must nobody
/// in the pool holds (and the taxonomy does not know) is not charged.
pub fn explain_in(
    opening: &Opening,
    pool: &Pool,
    index: usize,
    as_of: NaiveDate,
    cfg: &ScoringConfig,
    places: &Places,
) -> Explanation {
    let mut p = Prepared::new(opening, as_of, cfg, places);
    p.drop_unheld(pool);
    explain_prepared(&p, &pool.engineers[index], pool, index)
}

fn explain_prepared(p: &Prepared, engineer: &Engineer, pool: &Pool, index: usize) -> Explanation {
    let row = &pool.rows[index];
    let mut scratch = p.scratch();
    let ev = p.evaluate(row, pool, &mut scratch);
    Explanation {
        score: ev.score,
        tier: ev.tier,
        excluded: ev.excluded(),
        reasons: ev
            .fails
            .iter()
            .map(|c| p.check_reason(c, engineer, row, pool, &ev))
            .collect(),
        review: {
            let mut v: Vec<Reason> = ev
                .reviews
                .iter()
                .map(|c| p.check_reason(c, engineer, row, pool, &ev))
                .collect();
            // Why 要相談 and not a match, when the must skills say so.
            if ev.tier == Tier::Consider {
                let gaps = p.must_gaps(row, pool);
                if !gaps.is_empty() {
                    v.push(Reason::MustGap(gaps));
                }
            }
            v
        },
        factors: Factor::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| p.weights[*i] > 0.0)
            .map(|(i, f)| FactorScore {
                factor: f,
                points: ev.points[i],
                max: p.weights[i],
                reason: p.factor_reason(f, engineer, row, pool),
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
    pub tier: Tier,
    /// Own and contract staff: they win a tie.
    pub in_house: bool,
    /// Posting's upper rate − cost in 万円 (−∞ when unknown): the next tie-break.
    pub margin: f32,
    /// Day (from the common era) the engineer is free; earlier wins the last tie.
    pub free_day: i32,
}

impl Ranked {
    /// Score to a tenth of a point: closer than that is a tie, broken by money.
    fn score_key(&self) -> i32 {
        (self.score * 10.0).round() as i32
    }
}

/// The order a rep reads: matches, then 要相談; within a tier by score, then own staff
/// first, then margin, then the earlier free date; the id only so nothing wobbles.
fn order(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    a.tier
        .cmp(&b.tier)
        .then(b.score_key().cmp(&a.score_key()))
        .then(b.in_house.cmp(&a.in_house))
        .then(b.margin.total_cmp(&a.margin))
        .then(a.free_day.cmp(&b.free_day))
        .then(a.id.cmp(&b.id))
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ranking {
    /// Matches first, then 要相談; see [`Ranked`] for the order within a tier.
    pub candidates: Vec<Ranked>,
    /// Indices of excluded engineers with the limits they broke, by engineer id.
    pub excluded: Vec<(usize, Checks)>,
    /// Candidates not excluded (matches and 要相談), before `top` cut the list.
    pub passing: usize,
    /// Matches alone, before `top` cut the list: what the queue counts.
    pub matches: usize,
    /// Must requirements nobody in the pool holds and the taxonomy does not know: most
    /// likely a misreading, flagged once on the opening and charged to no one.
    pub unheld: Vec<String>,
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
    let mut p = Prepared::new(opening, as_of, cfg, places);
    let unheld = p.drop_unheld(pool);
    let mut scratch = p.scratch();
    // With a `top`, keep at most twice that many and cut back now and then, so a
    // ranking of 100k never fills (and sorts) a 100k-element buffer.
    let keep = top.map(|n| n.max(1));
    let mut candidates = Vec::with_capacity(keep.map_or(pool.rows.len(), |n| 2 * n.max(32)));
    let mut floor: Option<Ranked> = None;
    let mut passing = 0;
    let mut matches = 0;
    let mut excluded = Vec::with_capacity(pool.rows.len());
    let no_skill = {
        let mut c = Checks::default();
        c.insert(Check::Skills);
        c
    };
    let reach = reachable(&p, pool);
    let active = p.active_checks();
    for (index, row) in pool.rows.iter().enumerate() {
        // Nobody with none of the must skills (or anything related) is a candidate.
        if reach
            .as_ref()
            .is_some_and(|bits| bits[index / 64] & (1 << (index % 64)) == 0)
        {
            excluded.push((index, no_skill));
            continue;
        }
        // The excluded need no score here: `explain` computes it if anyone asks.
        let (fails, reviews) = p.checks_of(&active, row, pool);
        if !fails.is_empty() {
            excluded.push((index, fails));
            continue;
        }
        let ev = p.score(row, pool, fails, reviews, &mut scratch);
        if ev.tier == Tier::Excluded {
            excluded.push((index, ev.fails));
            continue;
        }
        passing += 1;
        matches += usize::from(ev.tier == Tier::Match);
        let ranked = Ranked {
            index,
            id: pool.ids[index],
            score: ev.score,
            reviews: ev.reviews,
            tier: ev.tier,
            in_house: row.in_house,
            margin: p.margin(row).unwrap_or(f32::NEG_INFINITY),
            free_day: p.free_day(row).unwrap_or(i32::MAX),
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
    // The excluded are found in row order: already in id order for a pool loaded by id.
    if !pool.ids_ascending {
        excluded.sort_by_key(|(i, _)| pool.ids[*i]);
    }
    Ranking {
        candidates,
        excluded,
        passing,
        matches,
        unheld,
    }
}

/// One of our own people on an assignment with no end in sight who could rotate into
/// this opening (要調整): the third stock, never mixed into the free pool.
#[derive(Debug, Clone, PartialEq)]
pub struct Rotation {
    pub index: usize,
    pub id: i64,
    /// The score and tier as if free for the start: how good the move would be.
    pub score: f32,
    pub tier: Tier,
    /// On site since, and for how many days as of the ranking.
    pub since: NaiveDate,
    pub days_on_site: i64,
    /// Today's margin (asking rate − cost) against this opening's (upper rate − cost), 万円.
    pub margin_now: Option<f32>,
    pub margin_here: Option<f32>,
}

/// Own and contract staff on open-ended assignments (`on_site`: pool index and since when)
/// who could take this opening if rotated out, best first. Those who fit nothing, or
/// break a limit other than the start date, are left out.
pub fn rotation(
    opening: &Opening,
    pool: &Pool,
    on_site: &[(usize, NaiveDate)],
    as_of: NaiveDate,
    cfg: &ScoringConfig,
    places: &Places,
) -> Vec<Rotation> {
    let start = opening
        .start
        .map_or(as_of, |s| s.first_day(as_of))
        .max(as_of);
    let budget = opening.rate_max.or(opening.rate_min).map(|m| m.as_f32());
    let mut out: Vec<Rotation> = on_site
        .iter()
        .filter_map(|&(index, since)| {
            let e = pool.engineers.get(index)?;
            if !e.affiliation.is_in_house() {
                return None;
            }
            // As if free for the start: the question is the fit, not the date.
            let mut free = e.clone();
            free.available_from = Some(start);
            free.availability_confirmed = Some(as_of);
            let ev = evaluate(opening, &free, as_of, cfg, places);
            if ev.tier == Tier::Excluded {
                return None;
            }
            let cost = e.cost.map(Man::as_f32);
            Some(Rotation {
                index,
                id: e.id,
                score: ev.score,
                tier: ev.tier,
                since,
                days_on_site: (as_of - since).num_days().max(0),
                margin_now: e.rate.map(Man::as_f32).zip(cost).map(|(r, c)| r - c),
                margin_here: budget.zip(cost).map(|(b, c)| b - c),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        a.tier
            .cmp(&b.tier)
            .then(b.score.total_cmp(&a.score))
            .then(a.id.cmp(&b.id))
    });
    out
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
