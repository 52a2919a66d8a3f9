//! Weights and tolerances of the scoring core, read from `config.toml`.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::skills::industries::Industries;
use crate::skills::{Relations, Taxonomy};

/// Points each factor can give; normalized so the total is out of 100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    pub must: f32,
    pub nice: f32,
    pub availability: f32,
    pub rate: f32,
    pub location: f32,
    pub bench: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            must: 40.0,
            nice: 10.0,
            availability: 15.0,
            rate: 15.0,
            location: 10.0,
            bench: 10.0,
        }
    }
}

/// Hard-limit tolerances and the margins that count as good or too thin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Days a partner or freelancer may be free after the start and still be proposed
    /// (flagged); later is excluded.
    pub start_tolerance_days: i64,
    /// Days our own staff may be free after the start: flagged to ask the client, not
    /// excluded, since the bench costs us and a week is often negotiable.
    pub own_start_tolerance_days: i64,
    /// Margin (posting max − cost, 万円) below which a candidate is out.
    pub min_margin: f32,
    /// Margins within this many 万円 above the floor are flagged for review.
    pub borderline_margin: f32,
    /// Margin that earns the full rate points.
    pub good_margin: f32,
    /// Availability confirmed longer ago than this is flagged for review.
    pub stale_availability_days: i64,
    /// Commute distance (km) that still counts as a perfect fit.
    pub near_km: f32,
    /// Commute distance (km) beyond which an on-site opening gives no location points.
    pub far_km: f32,
    /// Distance (km) beyond which nobody commutes: on-site and partly remote work is
    /// flagged (move or travel to ask about).
    pub max_commute_km: f32,
    /// What a support fee (支援費) for one more company in the chain costs, 万円/month:
    /// taken off the margin of a candidate allowed only with the fee.
    pub support_fee: f32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            start_tolerance_days: 14,
            own_start_tolerance_days: 31,
            min_margin: 3.0,
            borderline_margin: 2.0,
            good_margin: 20.0,
            stale_availability_days: 30,
            near_km: 10.0,
            far_km: 60.0,
            max_commute_km: 80.0,
            support_fee: 3.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScoringConfig {
    pub weights: Weights,
    pub limits: Limits,
    /// Days after the last offer by mail before a partner engineer counts as stale
    /// (`[offers] stale_days` in the config file).
    pub offer_stale_days: i64,
    /// Related skills and skill kinds of the taxonomy in use (not part of the file):
    /// the built-in one unless [`ScoringConfig::with_taxonomy`] says otherwise.
    #[serde(skip, default = "Relations::builtin")]
    pub relations: Arc<Relations>,
    /// Industry families an NG entry covers (金融 ⊃ 銀行, 証券 …): built-in unless the
    /// user's `industries.toml` adds to them (not part of the config file).
    #[serde(skip, default = "Industries::builtin")]
    pub industries: Arc<Industries>,
}

/// Partners re-send engineers who are still free every week or two.
pub const DEFAULT_OFFER_STALE_DAYS: i64 = 30;

impl Default for ScoringConfig {
    fn default() -> Self {
        ScoringConfig {
            weights: Weights::default(),
            limits: Limits::default(),
            offer_stale_days: DEFAULT_OFFER_STALE_DAYS,
            relations: Relations::builtin(),
            industries: Industries::builtin(),
        }
    }
}

impl ScoringConfig {
    /// Use the relations of this taxonomy (the built-in one plus the user's file).
    pub fn with_taxonomy(mut self, tax: &Taxonomy) -> Self {
        self.relations = Arc::new(Relations::of(tax));
        self
    }

    pub(crate) fn weight_sum(&self) -> f32 {
        let w = &self.weights;
        (w.must + w.nice + w.availability + w.rate + w.location + w.bench).max(f32::EPSILON)
    }

    /// Weights must be finite and non-negative, else the ranking means nothing.
    pub fn validate(&self) -> Result<(), String> {
        let w = &self.weights;
        for (name, v) in [
            ("must", w.must),
            ("nice", w.nice),
            ("availability", w.availability),
            ("rate", w.rate),
            ("location", w.location),
            ("bench", w.bench),
        ] {
            if !v.is_finite() || v < 0.0 {
                return Err(format!("weight '{name}' must be a number ≥ 0, got {v}"));
            }
        }
        if self.weight_sum() <= f32::EPSILON * 2.0 {
            return Err("at least one weight must be above 0".into());
        }
        let l = &self.limits;
        if l.start_tolerance_days < 0
            || l.own_start_tolerance_days < 0
            || l.stale_availability_days < 0
            || self.offer_stale_days < 0
        {
            return Err("tolerances in days must be ≥ 0".into());
        }
        if !(l.good_margin > 0.0 && l.near_km >= 0.0 && l.far_km > l.near_km) {
            return Err("good_margin must be > 0 and far_km > near_km ≥ 0".into());
        }
        if !(l.max_commute_km > 0.0 && l.support_fee >= 0.0) {
            return Err("max_commute_km must be > 0 and support_fee ≥ 0".into());
        }
        Ok(())
    }
}
