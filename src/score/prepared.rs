//! An opening prepared once per ranking: its requirements as a table by skill, its
//! limits and text folded, so each engineer costs a few lookups.

use chrono::{Datelike, NaiveDate};

use super::reason::{Reason, SkillNote};
use super::terms::{self, NgTerm};
use super::{
    offer_is_stale, Check, Checks, Evaluation, Factor, Outcome, Pool, Row, ScoringConfig,
    SkillMask, Tier,
};
use crate::domain::{company, Engineer, LanguageLevel, Opening, Remote, Requirement};
use crate::geo::Places;
use crate::skills::{normalize_key, SkillId, SkillKind};

/// One acceptable way to meet a requirement the taxonomy knows: a skill and its years.
#[derive(Debug, Clone, Copy)]
pub(super) struct Alt {
    pub(super) skill: SkillId,
    pub(super) min_years: Option<f32>,
}

/// Credit 0–1 for `years` against a minimum: proportional below it, full at it.
pub(super) fn years_fit(years: f32, min: Option<f32>) -> f32 {
    match min {
        Some(m) if m > 0.0 => (years / m).clamp(0.0, 1.0),
        _ => 1.0,
    }
}

/// A group counts as met at full credit (rounding aside).
const MET: f32 = 0.999;

/// A group is nearly met (要相談, not out) from half of what it asks: half the years
/// (1.5年 of 3年), or related experience whose credit times its years share reaches half.
/// Java 0.5年 against `Java 3年以上` (17%) is out.
pub(super) const NEAR: f32 = 0.5;

/// A bigger role covers a smaller one in full (PM for PL, PL for リーダー): a rep
/// proposes the PM as readily as a PL. Other relations keep their credit.
fn credit_for(rel: &crate::skills::Relations, src: SkillId, want: SkillId, credit: f32) -> f32 {
    let role = |s| rel.kind(s) == Some(SkillKind::Role);
    if credit >= 0.9 - 1e-4 && role(src) && role(want) {
        1.0
    } else {
        credit
    }
}

/// A language asked at `need` against the engineer's level: one step below is to ask
/// (reading for business, business for native), two or more out; not recorded, to ask.
fn language_outcome(has: Option<LanguageLevel>, need: LanguageLevel) -> Outcome {
    match has {
        Some(h) if h >= need => Outcome::Pass,
        Some(h) if h as u8 + 1 >= need as u8 => Outcome::Review,
        Some(_) => Outcome::Fail,
        None => Outcome::Review,
    }
}

/// How the must and nice skills fit, 0–1, and what that says for the tier.
struct SkillsFit {
    must: f32,
    nice: f32,
    /// Every must group met in full.
    all: bool,
    /// Every must group met at least half way ([`NEAR`]): 要相談 at worst.
    near: bool,
    /// Any must group credited at all.
    any: bool,
}

/// Per-engineer working space, allocated once per ranking.
pub(super) struct Scratch {
    fits: Vec<f32>,
}

/// Facts about the opening worked out once per ranking, not once per engineer.
pub(super) struct Prepared<'a> {
    opening: &'a Opening,
    /// Must groups, each with the alternatives the taxonomy knows as indices into `alts`.
    /// A group of unknown names only scores as missing, but cannot exclude anyone: a
    /// profile cannot say it, so the rep asks.
    must: Vec<(usize, Vec<usize>)>,
    /// Whether any must group names a skill the taxonomy knows.
    pub(super) known_must: bool,
    /// Nice requirements the taxonomy knows, as indices into `alts`, with their index.
    nice: Vec<(usize, usize)>,
    alts: Vec<Alt>,
    /// Must alternatives the taxonomy does not know, by folded name, with minimum years:
    /// met by a profile's skills kept as written. Slot `alts.len() + i` in the fits.
    unknown: Vec<(String, Option<f32>)>,
    /// For each skill id, the alternatives its years count for and at what credit:
    /// `credit_to[credit_at[s]..credit_at[s + 1]]`.
    credit_at: Vec<u32>,
    credit_to: Vec<(u16, f32)>,
    /// Skills that give any credit to a must alternative.
    pub(super) relevant: SkillMask,
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
    /// Factor weights scaled to a total of 100, in `Factor::ALL` order; 0 for a
    /// factor that drops out (no nice skills asked, no rate stated).
    pub(super) weights: [f32; 6],
    /// Title and text folded like skill keys, for NG words and the Japanese asked:
    /// folded on first need, since most rankings meet no NG list and no foreign national.
    text: std::cell::OnceCell<String>,
    /// Japanese level asked of foreign nationals, on the `terms` scale (worked out with `text`).
    japanese: std::cell::OnceCell<Option<u8>>,
    /// A must is a role or 要件定義 / 顧客折衝: business Japanese is implied.
    client_facing: bool,
    /// 正社員のみ, read from the text on first need.
    full_time_only: std::cell::OnceCell<bool>,
    /// Languages other than Japanese asked with a level, read from the text on first need.
    languages: std::cell::OnceCell<Vec<crate::domain::Language>>,
    /// The title, client and requirements folded: where an industry NG excludes.
    headline: std::cell::OnceCell<String>,
    /// Company keys of the client record and the end client the posting states: where an
    /// NG client is matched, worked out on first need.
    clients: std::cell::OnceCell<Vec<String>>,
}

impl<'a> Prepared<'a> {
    pub(super) fn new(
        opening: &'a Opening,
        as_of: NaiveDate,
        cfg: &'a ScoringConfig,
        places: &Places,
    ) -> Self {
        let rel = &cfg.relations;
        let start = opening
            .start
            .map_or(as_of, |s| s.first_day(as_of))
            .max(as_of);
        let site = opening
            .location
            .as_deref()
            .and_then(|l| places.find(l))
            .map(|p| (p.lat, p.lon));
        let mut alts = Vec::new();
        let mut must = Vec::new();
        let mut nice = Vec::new();
        let mut unknown: Vec<(String, Option<f32>)> = Vec::new();
        let reqs = &opening.requirements;
        // Unknown alternatives are numbered after the known ones, once those are counted.
        const LATER: usize = usize::MAX / 2;
        for (gi, g) in reqs.must.iter().enumerate() {
            let mut group = Vec::new();
            for r in g {
                if let Some(skill) = r.skill {
                    group.push(alts.len());
                    alts.push(Alt {
                        skill,
                        min_years: r.min_years,
                    });
                } else {
                    group.push(LATER + unknown.len());
                    unknown.push((r.key(), r.min_years));
                }
            }
            must.push((gi, group));
        }
        for (ni, r) in reqs.nice.iter().enumerate() {
            if let Some(skill) = r.skill {
                nice.push((ni, alts.len()));
                alts.push(Alt {
                    skill,
                    min_years: r.min_years,
                });
            }
        }
        let max_id = alts
            .iter()
            .map(|a| usize::from(a.skill.0) + 1)
            .max()
            .unwrap_or(0)
            .max(rel.len());
        for (_, g) in &mut must {
            for i in g.iter_mut() {
                if *i >= LATER {
                    *i = alts.len() + (*i - LATER);
                }
            }
        }
        let known_must = must.iter().any(|g| g.1.iter().any(|&i| i < alts.len()));
        let must_alts: Vec<usize> = must
            .iter()
            .flat_map(|g| g.1.iter().copied())
            .filter(|&i| i < alts.len())
            .collect();
        // (skill whose years count, alternative, credit), then laid out flat by skill.
        let mut entries: Vec<(u16, u16, f32)> = Vec::new();
        let mut relevant = [0u64; 8];
        for (i, a) in alts.iter().enumerate() {
            let is_must = must_alts.contains(&i);
            entries.push((a.skill.0, i as u16, 1.0));
            if is_must {
                super::mask_set(&mut relevant, a.skill);
            }
            for &(src, c) in rel.credited_by(a.skill) {
                entries.push((src.0, i as u16, credit_for(rel, src, a.skill, c)));
                if is_must {
                    super::mask_set(&mut relevant, src);
                }
            }
        }
        entries.sort_by_key(|e| (e.0, e.1));
        let mut credit_at = Vec::with_capacity(max_id + 1);
        let mut credit_to = Vec::with_capacity(entries.len());
        let mut next = 0;
        for s in 0..max_id {
            credit_at.push(credit_to.len() as u32);
            while next < entries.len() && usize::from(entries[next].0) == s {
                credit_to.push((entries[next].1, entries[next].2));
                next += 1;
            }
        }
        credit_at.push(credit_to.len() as u32);
        let budget = opening.rate_max.or(opening.rate_min).map(|m| m.as_f32());
        let scale_of = |f: Factor| match f {
            Factor::Must if must.is_empty() => 0.0,
            Factor::Nice if nice.is_empty() => 0.0,
            Factor::Rate if budget.is_none() => 0.0,
            _ => f.weight(cfg),
        };
        let raw = Factor::ALL.map(scale_of);
        let sum: f32 = raw.iter().sum();
        let scale = if sum > f32::EPSILON { 100.0 / sum } else { 0.0 };
        // Roles and 要件定義 / 顧客折衝 face the client: business Japanese is implied.
        static FACING: std::sync::OnceLock<Vec<SkillId>> = std::sync::OnceLock::new();
        let facing = FACING.get_or_init(|| {
            let tax = crate::skills::Taxonomy::builtin();
            ["要件定義", "顧客折衝", "業務分析"]
                .iter()
                .filter_map(|n| tax.lookup(n))
                .collect()
        });
        let client_facing = must_alts.iter().any(|&i| {
            let s = alts[i].skill;
            rel.kind(s) == Some(SkillKind::Role) || facing.contains(&s)
        });
        Prepared {
            opening,
            must,
            nice,
            alts,
            unknown,
            credit_at,
            credit_to,
            relevant,
            known_must,
            start,
            start_day: start.num_days_from_ce(),
            as_of_day: as_of.num_days_from_ce(),
            site_cos: site.map_or(1.0, |s| s.0.to_radians().cos()),
            budget,
            site,
            as_of,
            cfg,
            weights: raw.map(|w| w * scale),
            text: std::cell::OnceCell::new(),
            japanese: std::cell::OnceCell::new(),
            client_facing,
            full_time_only: std::cell::OnceCell::new(),
            languages: std::cell::OnceCell::new(),
            headline: std::cell::OnceCell::new(),
            clients: std::cell::OnceCell::new(),
        }
    }

    /// Drop must groups no engineer in the pool holds and the taxonomy does not know
    /// (`インフラ設計` misread from prose): charged to no one, returned to flag once.
    pub(super) fn drop_unheld(&mut self, pool: &Pool) -> Vec<String> {
        let n = self.alts.len();
        let reqs = &self.opening.requirements;
        let mut unheld = Vec::new();
        self.must.retain(|(gi, g)| {
            let unknown_only = g.iter().all(|&i| i >= n);
            let held = g
                .iter()
                .any(|&i| i >= n && pool.other_keys.contains(&self.unknown[i - n].0));
            if unknown_only && !held && !g.is_empty() {
                unheld.extend(reqs.must[*gi].iter().map(|r| r.name.clone()));
                false
            } else {
                true
            }
        });
        unheld
    }

    fn full_time_only(&self) -> bool {
        *self.full_time_only.get_or_init(|| {
            crate::posting::eligibility::full_time_only(&format!(
                "{}\n{}",
                self.opening.title, self.opening.raw_text
            ))
        })
    }

    fn languages(&self) -> &[crate::domain::Language] {
        self.languages.get_or_init(|| {
            let mut v = crate::posting::language::read_languages(&format!(
                "{}\n{}",
                self.opening.title, self.opening.raw_text
            ));
            // Japanese has its own limit on its own scale (N1–N5).
            v.retain(|l| l.name != "日本語");
            v
        })
    }

    fn headline(&self) -> &str {
        self.headline.get_or_init(|| {
            let reqs = &self.opening.requirements;
            let names: Vec<&str> = reqs
                .must_flat()
                .chain(&reqs.nice)
                .map(|r| r.name.as_str())
                .collect();
            normalize_key(&format!("{}\n{}", self.opening.title, names.join("\n")))
        })
    }

    fn clients(&self) -> &[String] {
        self.clients.get_or_init(|| {
            let end = terms::stated_end_client(&self.opening.raw_text);
            let mut keys: Vec<String> = self
                .opening
                .client
                .iter()
                .chain(end.iter())
                .map(|n| company::key(n))
                .collect();
            keys.dedup();
            keys
        })
    }

    fn text(&self) -> &str {
        self.text.get_or_init(|| {
            normalize_key(&format!(
                "{}\n{}",
                self.opening.title, self.opening.raw_text
            ))
        })
    }

    fn japanese(&self) -> Option<u8> {
        *self
            .japanese
            .get_or_init(|| terms::japanese_required(self.text(), self.client_facing))
    }

    pub(super) fn scratch(&self) -> Scratch {
        Scratch {
            fits: vec![0.0; self.alts.len() + self.unknown.len()],
        }
    }

    /// Whether a must alternative is a name the taxonomy does not know: anyone with
    /// skills kept by name might meet it, so they cannot be skipped for lack of skills.
    pub(super) fn has_unknown_must(&self) -> bool {
        !self.unknown.is_empty()
    }

    pub(super) fn free_day(&self, r: &Row) -> Option<i32> {
        r.free().map(|d| d.max(self.as_of_day))
    }

    fn free_from(&self, r: &Row) -> Option<NaiveDate> {
        self.free_day(r)
            .and_then(NaiveDate::from_num_days_from_ce_opt)
    }

    /// The candidate can go only with a support fee (支援費) for one more company.
    fn needs_fee(&self, r: &Row) -> bool {
        self.opening.max_depth.is_some_and(|m| r.depth > m)
    }

    /// Margin in 万円: the posting's upper rate − cost − any support fee.
    pub(super) fn margin(&self, r: &Row) -> Option<f32> {
        let fee = if self.needs_fee(r) {
            self.cfg.limits.support_fee
        } else {
            0.0
        };
        match (self.budget, r.cost()) {
            (Some(b), Some(c)) => Some(b - c - fee),
            _ => None,
        }
    }

    fn start_tolerance(&self, r: &Row) -> i64 {
        if r.in_house {
            self.cfg.limits.own_start_tolerance_days
        } else {
            self.cfg.limits.start_tolerance_days
        }
    }

    fn distance(&self, r: &Row) -> Option<f32> {
        match (self.site, r.home()) {
            (Some(a), Some(b)) => {
                let dx = (b.1 - a.1) * self.site_cos * 111.32;
                let dy = (b.0 - a.0) * 110.57;
                Some((dx * dx + dy * dy).sqrt())
            }
            _ => None,
        }
    }

    /// An industry NG (`金融NG`) against the opening: a word of its family in the title
    /// or the requirements excludes; one only in the body of the text is to ask.
    fn industry_hit(&self, label: &str) -> Option<(Outcome, String)> {
        let words = self.cfg.industries.covered(label)?;
        // The longest word found says it best: 生命保険 rather than 保険.
        let found = |hay: &str| {
            words
                .iter()
                .filter(|w| hay.contains(w.as_str()))
                .max_by_key(|w| w.len())
                .cloned()
        };
        if let Some(w) = found(self.headline()) {
            return Some((Outcome::Fail, w));
        }
        if let Some(w) = found(self.text()) {
            return Some((Outcome::Review, w));
        }
        Some((Outcome::Pass, String::new()))
    }

    /// The first NG entry the opening runs into, whether it excludes, and the opening's
    /// word it ran into when an industry family matched.
    fn ng_hit<'p>(
        &self,
        r: &Row,
        arena: &'p [NgTerm],
    ) -> Option<(&'p NgTerm, Outcome, Option<String>)> {
        let remote = self.opening.remote;
        let rel = &self.cfg.relations;
        let mut found: Option<(&NgTerm, Outcome, Option<String>)> = None;
        for t in r.ng(arena) {
            let mut word = None;
            let out = match t {
                NgTerm::OnSite => match remote {
                    Some(Remote::None) => Outcome::Fail,
                    Some(Remote::Partial) | None => Outcome::Review,
                    Some(Remote::Full) => Outcome::Pass,
                },
                NgTerm::Office => match remote {
                    Some(Remote::Full) => Outcome::Pass,
                    None => Outcome::Review,
                    _ => Outcome::Fail,
                },
                NgTerm::Night => {
                    if ["夜勤", "シフト制", "交代制", "24時間"]
                        .iter()
                        .any(|w| self.text().contains(w))
                    {
                        Outcome::Fail
                    } else {
                        Outcome::Pass
                    }
                }
                NgTerm::Skill(id, w) => {
                    let asked = self.alts.iter().any(|a| {
                        a.skill == *id || rel.credited_by(*id).iter().any(|(s, _)| *s == a.skill)
                    });
                    let industry = self.industry_hit(w);
                    if asked {
                        Outcome::Fail
                    } else if let Some((o, hit)) = industry {
                        word = Some(hit).filter(|h| !h.is_empty() && *h != normalize_key(w));
                        o
                    } else if self.text().contains(&normalize_key(w)) {
                        Outcome::Review
                    } else {
                        Outcome::Pass
                    }
                }
                NgTerm::Word(key) => match self.industry_hit(key) {
                    Some((o, hit)) => {
                        word = Some(hit).filter(|h| !h.is_empty() && h != key);
                        o
                    }
                    // A client's name: the client record and the stated end client decide;
                    // a name in the free text is only a question when neither is known.
                    None if !self.clients().is_empty() => {
                        let ng = company::key(key);
                        if self.clients().contains(&ng) {
                            Outcome::Fail
                        } else {
                            Outcome::Pass
                        }
                    }
                    None if self.text().contains(key.as_str()) => Outcome::Review,
                    None => Outcome::Pass,
                },
            };
            match (out, &found) {
                (Outcome::Fail, _) => return Some((t, Outcome::Fail, word)),
                (Outcome::Review, None) => found = Some((t, Outcome::Review, word)),
                _ => {}
            }
        }
        found
    }

    fn check(&self, c: Check, r: &Row, pool: &Pool) -> Outcome {
        let o = self.opening;
        let l = &self.cfg.limits;
        match c {
            Check::Depth => match o.max_depth {
                // A sole proprietor of ours is not 貴社社員 unless the posting says so.
                Some(0) if r.direct_freelancer && o.freelancer_ok != Some(true) => Outcome::Fail,
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
            Check::Age => match (o.age_limit, r.age) {
                (None, _) => Outcome::Pass,
                (Some(_), None) => Outcome::Review,
                (Some(limit), Some((lo, hi))) => {
                    if lo > limit {
                        Outcome::Fail
                    } else if hi > limit {
                        Outcome::Review
                    } else {
                        Outcome::Pass
                    }
                }
            },
            // Only a recorded level or a foreign national can fall short.
            Check::Japanese if r.japanese.is_none() && r.foreign != Some(true) => Outcome::Pass,
            Check::Japanese => match (self.japanese(), r.japanese) {
                (None, _) => Outcome::Pass,
                (Some(need), Some(has)) => {
                    if has >= need {
                        Outcome::Pass
                    } else if has + 1 >= need {
                        Outcome::Review
                    } else {
                        Outcome::Fail
                    }
                }
                (Some(_), None) if r.foreign == Some(true) => Outcome::Review,
                (Some(_), None) => Outcome::Pass,
            },
            Check::Distance => {
                if o.remote == Some(Remote::Full) {
                    return Outcome::Pass;
                }
                match self.distance(r) {
                    Some(d) if d > l.max_commute_km => Outcome::Review,
                    _ => Outcome::Pass,
                }
            }
            Check::Ng => {
                if r.ng_len == 0 {
                    return Outcome::Pass;
                }
                self.ng_hit(r, &pool.ng).map_or(Outcome::Pass, |h| h.1)
            }
            Check::Employment => {
                if !self.full_time_only() {
                    return Outcome::Pass;
                }
                match r.contract {
                    Some(true) => Outcome::Fail,
                    _ if r.freelancer => Outcome::Fail,
                    Some(false) => Outcome::Pass,
                    None => Outcome::Review,
                }
            }
            Check::Language => {
                let needs = self.languages();
                if needs.is_empty() {
                    return Outcome::Pass;
                }
                let mut out = Outcome::Pass;
                for need in needs {
                    let has = r
                        .langs(&pool.langs)
                        .iter()
                        .find(|(n, _)| *n == need.name)
                        .map(|l| l.1);
                    let o = language_outcome(has, need.level);
                    if o == Outcome::Fail {
                        return o;
                    }
                    if o == Outcome::Review {
                        out = o;
                    }
                }
                out
            }
            Check::Start => match self.free_day(r) {
                // Not free on record (on site with no end date, or never said): ask first.
                None => Outcome::Review,
                Some(free) => {
                    let late = i64::from(free - self.start_day);
                    if late <= 0 {
                        Outcome::Pass
                    } else if late <= self.start_tolerance(r) {
                        Outcome::Review
                    } else {
                        Outcome::Fail
                    }
                }
            },
            Check::Availability => {
                if r.free().is_some() && self.is_stale(r) {
                    Outcome::Review
                } else {
                    Outcome::Pass
                }
            }
            Check::Margin => match (self.budget, r.cost()) {
                // No rate stated: said once in the header, not on every row.
                (None, _) => Outcome::Pass,
                (Some(_), None) => Outcome::Review,
                _ => {
                    let margin = self.margin(r).unwrap_or(0.0);
                    if margin < l.min_margin {
                        Outcome::Fail
                    } else if margin < l.min_margin + l.borderline_margin {
                        Outcome::Review
                    } else {
                        Outcome::Pass
                    }
                }
            },
            Check::Stale => {
                if offer_is_stale(r.offered(), self.as_of_day, self.cfg.offer_stale_days) {
                    Outcome::Review
                } else {
                    Outcome::Pass
                }
            }
            // Decided by the skills fit and the count of questions, not here.
            Check::Skills | Check::Questions => Outcome::Pass,
        }
    }

    fn is_stale(&self, r: &Row) -> bool {
        r.confirmed().is_some_and(|d| {
            i64::from(self.as_of_day - d) > self.cfg.limits.stale_availability_days
        })
    }

    /// The limits that can fail or ask for someone under this opening: a limit the posting
    /// does not set passes everyone, so a ranking leaves it out of its loop.
    pub(super) fn active_checks(&self) -> Vec<Check> {
        let o = self.opening;
        Check::ALL
            .into_iter()
            .filter(|c| match c {
                Check::Depth => o.max_depth.is_some(),
                Check::Freelancer => o.freelancer_ok == Some(false),
                Check::Nationality => o.foreign_ok == Some(false),
                Check::Age => o.age_limit.is_some(),
                Check::Japanese => self.japanese().is_some(),
                Check::Distance => o.remote != Some(Remote::Full) && self.site.is_some(),
                Check::Employment => self.full_time_only(),
                Check::Language => !self.languages().is_empty(),
                Check::Margin => self.budget.is_some(),
                Check::Skills | Check::Questions => false,
                Check::Ng | Check::Start | Check::Availability | Check::Stale => true,
            })
            .collect()
    }

    /// [`Prepared::checks`] over `active` alone (from [`Prepared::active_checks`]).
    pub(super) fn checks_of(&self, active: &[Check], r: &Row, pool: &Pool) -> (Checks, Checks) {
        let mut fails = Checks::default();
        let mut reviews = Checks::default();
        for &c in active {
            match self.check(c, r, pool) {
                Outcome::Pass => {}
                Outcome::Review => reviews.insert(c),
                Outcome::Fail => fails.insert(c),
            }
        }
        (fails, reviews)
    }

    pub(super) fn checks(&self, r: &Row, pool: &Pool) -> (Checks, Checks) {
        let mut fails = Checks::default();
        let mut reviews = Checks::default();
        for c in Check::ALL {
            match self.check(c, r, pool) {
                Outcome::Pass => {}
                Outcome::Review => reviews.insert(c),
                Outcome::Fail => fails.insert(c),
            }
        }
        (fails, reviews)
    }

    /// Best credit per alternative from the engineer's skills, into `fits`.
    fn alt_fits(
        &self,
        r: &Row,
        arena: &[(SkillId, f32)],
        other: &[(String, f32)],
        fits: &mut [f32],
    ) {
        fits.fill(0.0);
        for &(s, years) in r.own_skills(arena) {
            let i = usize::from(s.0);
            if i + 1 >= self.credit_at.len() {
                continue;
            }
            let (a, b) = (self.credit_at[i] as usize, self.credit_at[i + 1] as usize);
            for &(alt, credit) in &self.credit_to[a..b] {
                let alt = usize::from(alt);
                let v = credit * years_fit(years, self.alts[alt].min_years);
                if v > fits[alt] {
                    fits[alt] = v;
                }
            }
        }
        if !self.unknown.is_empty() {
            for (key, years) in r.other(other) {
                for (u, (want, min)) in self.unknown.iter().enumerate() {
                    if key == want {
                        let slot = self.alts.len() + u;
                        fits[slot] = fits[slot].max(years_fit(*years, *min));
                    }
                }
            }
        }
    }

    /// The skills as they decide the tier.
    fn skills_fit(&self, fits: &[f32]) -> SkillsFit {
        let mut sum = 0.0;
        let mut all = true;
        let mut near = true;
        let mut any = false;
        let n = self.alts.len();
        for (_, g) in &self.must {
            let best = g.iter().map(|&i| fits[i]).fold(0.0f32, f32::max);
            sum += best;
            all &= best >= MET;
            any |= best > 0.0;
            // A group of names the taxonomy does not know cannot exclude: a profile may
            // not say it, so the rep asks.
            near &= best >= NEAR - 1e-4 || g.iter().all(|&i| i >= n);
        }
        if !self.known_must {
            any = true;
        }
        let must = if self.must.is_empty() {
            1.0
        } else {
            sum / self.must.len() as f32
        };
        let nice = if self.nice.is_empty() {
            1.0
        } else {
            self.nice.iter().map(|&(_, i)| fits[i]).sum::<f32>() / self.nice.len() as f32
        };
        SkillsFit {
            must,
            nice,
            all,
            near,
            any,
        }
    }

    fn availability_fit(&self, r: &Row) -> f32 {
        match self.free_day(r) {
            None => 0.0,
            Some(free) => {
                let late = (free - self.start_day).max(0) as f32;
                let span = (self.start_tolerance(r) + 1) as f32;
                (1.0 - late / span).max(0.0)
            }
        }
    }

    fn rate_fit(&self, r: &Row) -> f32 {
        let (Some(budget), Some(margin)) = (self.budget, self.margin(r)) else {
            return 0.5;
        };
        let mut fit = (margin / self.cfg.limits.good_margin).clamp(0.0, 1.0);
        if r.rate().is_some_and(|rate| rate > budget) {
            fit *= 0.5;
        }
        fit
    }

    fn location_fit(&self, r: &Row) -> (f32, Option<f32>) {
        let remote = self.opening.remote;
        if remote == Some(Remote::Full) {
            return (1.0, None);
        }
        let distance = self.distance(r);
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

    /// The money a rep manages: our own idle people cost every day, more the longer
    /// and the dearer; own people free within a month come next; partners cost nothing idle.
    fn bench_fit(&self, r: &Row) -> f32 {
        if !r.in_house {
            return 0.0;
        }
        match r.free() {
            Some(d) if d <= self.as_of_day => {
                let idle = (self.as_of_day - d) as f32;
                let cost = r.cost().map_or(0.5, |c| (c / 80.0).min(1.0));
                0.8 + 0.1 * (idle / 60.0).min(1.0) + 0.1 * cost
            }
            Some(d) if d - self.as_of_day <= 31 => 0.6,
            Some(_) => 0.3,
            None => 0.0,
        }
    }

    pub(super) fn evaluate(&self, r: &Row, pool: &Pool, s: &mut Scratch) -> Evaluation {
        let (fails, reviews) = self.checks(r, pool);
        self.score(r, pool, fails, reviews, s)
    }

    pub(super) fn score(
        &self,
        r: &Row,
        pool: &Pool,
        mut fails: Checks,
        reviews: Checks,
        s: &mut Scratch,
    ) -> Evaluation {
        self.alt_fits(r, &pool.skills, &pool.other, &mut s.fits);
        let sk = self.skills_fit(&s.fits);
        // Far from a must (none of it, or under half) is out; 要相談 is for near misses.
        if !sk.any || !sk.near {
            fails.insert(Check::Skills);
        }
        // 要相談 means one call to the client: two limits to ask about is not that.
        if reviews.questions() >= 2 {
            fails.insert(Check::Questions);
        }
        let fits = [
            sk.must,
            sk.nice,
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
        let tier = if !fails.is_empty() {
            Tier::Excluded
        } else if !sk.all || reviews.questions() > 0 {
            Tier::Consider
        } else {
            Tier::Match
        };
        Evaluation {
            fails,
            reviews,
            points,
            score: total.clamp(0.0, 100.0),
            tier,
        }
    }

    pub(super) fn check_reason(
        &self,
        c: Check,
        e: &Engineer,
        r: &Row,
        pool: &Pool,
        ev: &Evaluation,
    ) -> Reason {
        let o = self.opening;
        let l = &self.cfg.limits;
        match c {
            Check::Depth => {
                if o.max_depth == Some(0) && r.direct_freelancer {
                    Reason::OwnStaffOnly
                } else {
                    Reason::Depth {
                        depth: r.depth,
                        max: o.max_depth.unwrap_or(0),
                        with_fee: o.depth_with_fee,
                    }
                }
            }
            Check::Freelancer => Reason::FreelancerNotAllowed {
                via_partner: !r.direct_freelancer,
            },
            Check::Nationality => match r.foreign {
                Some(true) => Reason::ForeignNotAllowed,
                _ => Reason::NationalityUnknown,
            },
            Check::Age => Reason::Age {
                band: e.age_band.clone(),
                limit: o.age_limit.unwrap_or(0),
                over: r.age.is_some_and(|(lo, _)| Some(lo) > o.age_limit),
            },
            Check::Japanese => Reason::Japanese {
                level: r.japanese,
                required: self.japanese().unwrap_or(3),
            },
            Check::Distance => Reason::Commute {
                km: self.distance(r).unwrap_or(0.0),
                station: e.station.clone().unwrap_or_default(),
                location: o.location.clone().unwrap_or_default(),
                limit_km: l.max_commute_km,
            },
            Check::Ng => {
                let hit = self.ng_hit(r, &pool.ng);
                Reason::Ng {
                    term: hit
                        .as_ref()
                        .map(|(t, _, _)| t.label().to_string())
                        .unwrap_or_default(),
                    found: hit.and_then(|h| h.2),
                }
            }
            Check::Employment => Reason::FullTimeOnly {
                contract: if r.freelancer { Some(true) } else { r.contract },
            },
            Check::Language => {
                let has = |name: &str| {
                    r.langs(&pool.langs)
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|l| l.1)
                };
                let worst = self
                    .languages()
                    .iter()
                    .map(|need| (need, has(&need.name)))
                    .max_by_key(|(need, h)| language_outcome(*h, need.level) as u8);
                match worst {
                    Some((need, level)) => Reason::Language {
                        name: need.name.clone(),
                        level,
                        required: need.level,
                    },
                    None => Reason::Language {
                        name: String::new(),
                        level: None,
                        required: LanguageLevel::None,
                    },
                }
            }
            Check::Questions => Reason::TooManyQuestions(
                ev.reviews
                    .iter()
                    .filter(|c| c.asks_client())
                    .map(|c| self.check_reason(c, e, r, pool, ev))
                    .collect(),
            ),
            Check::Start => match self.free_from(r) {
                Some(free) => Reason::FreeAfterStart {
                    free,
                    start: self.start,
                    tolerance_days: self.start_tolerance(r),
                },
                None => Reason::AvailabilityUnknown,
            },
            Check::Availability => match self.free_from(r) {
                None => Reason::AvailabilityUnknown,
                Some(_) => Reason::AvailabilityStale {
                    confirmed: e.availability_confirmed.unwrap_or(self.as_of),
                    days: r.confirmed().map_or(0, |d| i64::from(self.as_of_day - d)),
                },
            },
            Check::Margin => match (self.budget, self.margin(r)) {
                (None, _) => Reason::RateNotStated,
                (_, None) => Reason::CostUnknown,
                (Some(budget), Some(margin)) => Reason::Margin {
                    margin,
                    at: budget,
                    floor: l.min_margin,
                },
            },
            Check::Stale => Reason::OfferStale {
                last_offered: e.last_offered.map_or(self.as_of, |t| t.date_naive()),
                days: r.offered().map_or(0, |d| i64::from(self.as_of_day - d)),
                window_days: self.cfg.offer_stale_days,
            },
            Check::Skills => {
                let gaps = self.must_gaps(r, pool);
                if gaps.iter().any(|g| g.years.is_some()) {
                    Reason::MustFarShort(self.far_gaps(r, pool))
                } else {
                    Reason::NoMustSkill(
                        o.requirements.must_flat().map(|r| r.name.clone()).collect(),
                    )
                }
            }
        }
    }

    /// How a requirement was met: the skill itself or the related one that counted best,
    /// with the credit it earned. Unknown names are never held by a profile.
    fn note(
        &self,
        req: &Requirement,
        r: &Row,
        arena: &[(SkillId, f32)],
        other: &[(String, f32)],
    ) -> (f32, SkillNote) {
        let rel = &self.cfg.relations;
        let mut best = (
            0.0f32,
            SkillNote {
                name: req.name.clone(),
                years: None,
                min_years: req.min_years,
                via: None,
                alternatives: Vec::new(),
            },
        );
        let Some(skill) = req.skill else {
            let key = req.key();
            if let Some((_, y)) = r.other(other).iter().find(|(k, _)| *k == key) {
                best.0 = years_fit(*y, req.min_years);
                best.1.years = Some(*y);
            }
            return best;
        };
        let direct = std::iter::once((skill, 1.0f32));
        let related = rel
            .credited_by(skill)
            .iter()
            .map(|&(src, c)| (src, credit_for(rel, src, skill, c)));
        for (src, credit) in direct.chain(related) {
            if let Some(y) = r.skill_years(arena, src) {
                let v = credit * years_fit(y, req.min_years);
                if best.1.years.is_none() || v > best.0 {
                    best.0 = v;
                    best.1.years = Some(y);
                    best.1.via = (src != skill).then(|| (rel.name(src).to_string(), credit));
                }
            }
        }
        best
    }

    /// A must group as met: its best alternative (the first on a tie or when none is held).
    fn group_note(&self, g: &[Requirement], r: &Row, pool: &Pool) -> SkillNote {
        let arena = &pool.skills;
        let mut best: Option<(f32, SkillNote)> = None;
        for req in g {
            let n = self.note(req, r, arena, &pool.other);
            if best
                .as_ref()
                .is_none_or(|b| n.0 > b.0 || (b.1.years.is_none() && n.1.years.is_some()))
            {
                best = Some(n);
            }
        }
        let mut note = match best {
            Some(b) => b.1,
            None => SkillNote {
                name: String::new(),
                years: None,
                min_years: None,
                via: None,
                alternatives: Vec::new(),
            },
        };
        if g.len() > 1 {
            note.alternatives = g.iter().map(|a| a.name.clone()).collect();
        }
        note
    }

    /// The must groups not fully met (related experience, fewer years, missing): what makes
    /// a candidate 要相談 rather than a match, said as a question for the client.
    pub(super) fn must_gaps(&self, r: &Row, pool: &Pool) -> Vec<SkillNote> {
        let mut s = self.scratch();
        self.alt_fits(r, &pool.skills, &pool.other, &mut s.fits);
        let reqs = &self.opening.requirements;
        self.must
            .iter()
            .filter(|(gi, g)| {
                !reqs.must[*gi].is_empty()
                    && g.iter().map(|&i| s.fits[i]).fold(0.0f32, f32::max) < MET
            })
            .map(|(gi, _)| self.group_note(&reqs.must[*gi], r, pool))
            .collect()
    }

    /// The must groups under half met: why a candidate who holds something is still out.
    fn far_gaps(&self, r: &Row, pool: &Pool) -> Vec<SkillNote> {
        let mut s = self.scratch();
        self.alt_fits(r, &pool.skills, &pool.other, &mut s.fits);
        let reqs = &self.opening.requirements;
        let n = self.alts.len();
        self.must
            .iter()
            .filter(|(gi, g)| {
                !reqs.must[*gi].is_empty()
                    && !g.iter().all(|&i| i >= n)
                    && g.iter().map(|&i| s.fits[i]).fold(0.0f32, f32::max) < NEAR - 1e-4
            })
            .map(|(gi, _)| self.group_note(&reqs.must[*gi], r, pool))
            .collect()
    }

    pub(super) fn factor_reason(&self, f: Factor, e: &Engineer, r: &Row, pool: &Pool) -> Reason {
        let arena = &pool.skills;
        let reqs = &self.opening.requirements;
        match f {
            // Groups dropped as unheld are flagged once on the opening, not per row.
            Factor::Must => Reason::Skills(
                self.must
                    .iter()
                    .map(|(gi, _)| &reqs.must[*gi])
                    .filter(|g| !g.is_empty())
                    .map(|g| self.group_note(g, r, pool))
                    .collect(),
            ),
            Factor::Nice => Reason::Skills(
                reqs.nice
                    .iter()
                    .map(|req| self.note(req, r, arena, &pool.other).1)
                    .collect(),
            ),
            Factor::Availability => match self.free_from(r) {
                None => Reason::AvailabilityUnknown,
                Some(free) => Reason::Availability {
                    free,
                    start: self.start,
                },
            },
            Factor::Rate => match (self.budget, self.margin(r)) {
                (None, _) => Reason::RateNotStated,
                (_, None) => Reason::CostUnknown,
                (Some(budget), Some(margin)) => Reason::RateFit {
                    margin,
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
            Factor::Bench => {
                let idle_since = e.available_from.filter(|d| r.in_house && *d <= self.as_of);
                Reason::Bench {
                    in_house: r.in_house,
                    idle_since,
                    idle_days: idle_since.map_or(0, |d| (self.as_of - d).num_days()),
                    free: e.available_from,
                }
            }
        }
    }
}
