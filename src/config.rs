//! Paths and configuration: defaults < config file < environment < command line.

pub use crate::sync::SyncConfig;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::score::{Limits, ScoringConfig, Weights};

/// The documented defaults, shipped inside the binary.
pub const DEFAULT_TOML: &str = include_str!("../data/config.toml");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DashboardConfig {
    pub wait_limit_hours: i64,
    pub top: usize,
    pub refresh_seconds: u64,
    /// 要相談 rows shown per opening under their heading (the heading says how many in all).
    pub consider_rows: usize,
}

impl Default for DashboardConfig {
    fn default() -> Self {
        DashboardConfig {
            wait_limit_hours: 24,
            top: 50,
            refresh_seconds: 5,
            consider_rows: 10,
        }
    }
}

/// Partner engineer offers read from mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OffersConfig {
    /// Days without a new offer after which a partner engineer is marked stale.
    pub stale_days: i64,
}

impl Default for OffersConfig {
    fn default() -> Self {
        OffersConfig {
            stale_days: crate::score::DEFAULT_OFFER_STALE_DAYS,
        }
    }
}

/// Our own company: its names are the firm mail is addressed to, never a client.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CompanyConfig {
    /// Every name the firm goes by (`株式会社TERRA`, `TERRA`); compared as one however
    /// written ((株)/株式会社/㈱, width, spaces).
    pub names: Vec<String>,
    /// Whether the rep was asked once already (an empty answer is not asked again).
    pub asked: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub company: CompanyConfig,
    pub weights: Weights,
    pub limits: Limits,
    pub dashboard: DashboardConfig,
    pub pipeline: crate::pipeline::PipelineConfig,
    pub response: crate::pipeline::ResponseConfig,
    pub checks: crate::pipeline::ChecksConfig,
    pub offers: OffersConfig,
    pub mail: crate::fetch::MailConfig,
    pub sync: crate::sync::SyncConfig,
}

impl Config {
    pub fn scoring(&self) -> ScoringConfig {
        self.scoring_with(
            crate::skills::Relations::builtin(),
            crate::skills::industries::Industries::builtin(),
        )
    }

    /// Weights and limits from the file, with the relations and industries in use (the
    /// built-in ones are not worked out when others are given).
    pub fn scoring_with(
        &self,
        relations: std::sync::Arc<crate::skills::Relations>,
        industries: std::sync::Arc<crate::skills::industries::Industries>,
    ) -> ScoringConfig {
        ScoringConfig {
            weights: self.weights.clone(),
            limits: self.limits.clone(),
            offer_stale_days: self.offers.stale_days,
            relations,
            industries,
        }
    }

    pub fn parse(text: &str, origin: &str) -> Result<Config, String> {
        let cfg: Config =
            toml::from_str(text).map_err(|e| format!("{origin}: {}", e.message().trim()))?;
        // Validation reads weights and limits alone: no taxonomy is built for it.
        cfg.scoring_with(
            Default::default(),
            crate::skills::industries::Industries::builtin(),
        )
        .validate()
        .map_err(|e| format!("{origin}: {e}"))?;
        cfg.response
            .validate()
            .map_err(|e| format!("{origin}: {e}"))?;
        cfg.check_ranges().map_err(|e| format!("{origin}: {e}"))?;
        Ok(cfg)
    }

    /// Every number in a sane range: `top = 18446744073709551615` would ask the
    /// dashboard for an impossible allocation, a zero refresh would spin.
    fn check_ranges(&self) -> Result<(), String> {
        fn within<T: PartialOrd + std::fmt::Display + Copy>(
            key: &str,
            v: T,
            lo: T,
            hi: T,
        ) -> Result<(), String> {
            if v >= lo && v <= hi {
                Ok(())
            } else {
                Err(format!("{key} = {v} is not between {lo} and {hi}"))
            }
        }
        let d = &self.dashboard;
        within("[dashboard] top", d.top, 1, 10_000)?;
        within(
            "[dashboard] wait_limit_hours",
            d.wait_limit_hours,
            1,
            24 * 365,
        )?;
        within("[dashboard] refresh_seconds", d.refresh_seconds, 1, 3600)?;
        within("[sync] every_minutes", self.sync.every_minutes, 1, 24 * 60)?;
        within("[dashboard] consider_rows", d.consider_rows, 0, 10_000)?;
        within("[offers] stale_days", self.offers.stale_days, 1, 3650)?;
        within("[pipeline] urgent_days", self.pipeline.urgent_days, 0, 365)?;
        within("[checks] stale_months", self.checks.stale_months, 1, 120)?;
        let l = &self.limits;
        within(
            "[limits] start_tolerance_days",
            l.start_tolerance_days,
            0,
            3650,
        )?;
        within(
            "[limits] stale_availability_days",
            l.stale_availability_days,
            0,
            3650,
        )?;
        for (key, v) in [
            ("[limits] min_margin", l.min_margin),
            ("[limits] borderline_margin", l.borderline_margin),
            ("[limits] good_margin", l.good_margin),
        ] {
            within(key, v, -1000.0, 1000.0)?;
        }
        within("[limits] near_km", l.near_km, 0.0, 2000.0)?;
        within("[limits] far_km", l.far_km, 0.0, 2000.0)?;
        Ok(())
    }

    /// Add a name of our own company to the config file at `path` (creating it), keeping
    /// every other setting; the file is checked before it is written.
    pub fn add_company_name(path: &Path, name: Option<&str>) -> Result<Config, String> {
        let text = crate::input::read_optional_text(path)?.unwrap_or_default();
        let mut table: toml::Table =
            toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))?;
        let company = table
            .entry("company")
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let toml::Value::Table(company) = company else {
            return Err(format!("{}: [company] is not a table", path.display()));
        };
        if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
            let names = company
                .entry("names")
                .or_insert_with(|| toml::Value::Array(Vec::new()));
            let toml::Value::Array(names) = names else {
                return Err(format!("{}: [company] names is not a list", path.display()));
            };
            let known = names.iter().any(|n| {
                n.as_str()
                    .is_some_and(|n| crate::domain::company::same(n, name))
            });
            if !known {
                names.push(toml::Value::String(name.to_string()));
            }
        }
        company.insert("asked".into(), toml::Value::Boolean(true));
        let out = toml::to_string_pretty(&table).map_err(|e| e.to_string())?;
        let cfg = Config::parse(&out, &path.display().to_string())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(cfg)
    }

    /// The user's file if it exists, else the defaults.
    pub fn load(path: &Path) -> Result<Config, String> {
        match crate::input::read_optional_text(path)? {
            Some(text) => Config::parse(&text, &path.display().to_string()),
            None => Ok(Config::default()),
        }
    }
}

/// Where benchmatch keeps its files.
#[derive(Debug, Clone)]
pub struct Paths {
    pub db: PathBuf,
    pub config_dir: PathBuf,
}

impl Paths {
    /// `--db` and `BENCHMATCH_DB` (merged by clap) win over the XDG data directory;
    /// `BENCHMATCH_CONFIG_DIR` overrides the XDG config directory.
    pub fn resolve(db: Option<PathBuf>) -> Result<Paths, String> {
        let dirs = directories::ProjectDirs::from("", "", "benchmatch");
        let db = match db {
            Some(p) => p,
            None => dirs
                .as_ref()
                .map(|d| d.data_dir().join("benchmatch.db"))
                .ok_or("cannot find a home directory; pass --db PATH")?,
        };
        let config_dir = match std::env::var_os("BENCHMATCH_CONFIG_DIR") {
            Some(p) if !p.is_empty() => PathBuf::from(p),
            _ => dirs
                .map(|d| d.config_dir().to_path_buf())
                .unwrap_or_else(|| PathBuf::from(".")),
        };
        Ok(Paths { db, config_dir })
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    pub fn skills_file(&self) -> PathBuf {
        self.config_dir.join("skills.toml")
    }

    /// The user's industry families (金融 ⊃ 銀行 …), added to the built-in ones.
    pub fn industries_file(&self) -> PathBuf {
        self.config_dir.join("industries.toml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_defaults_match_the_code() {
        let parsed = Config::parse(DEFAULT_TOML, "data/config.toml").unwrap();
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn numbers_out_of_range_are_refused_in_one_line() {
        for bad in [
            "[dashboard]\ntop = 18446744073709551615\n",
            "[dashboard]\ntop = 0\n",
            "[dashboard]\nwait_limit_hours = -1\n",
            "[dashboard]\nwait_limit_hours = 0\n",
            "[dashboard]\nrefresh_seconds = 0\n",
            "[offers]\nstale_days = 0\n",
        ] {
            let err = Config::parse(bad, "config.toml").unwrap_err();
            assert!(err.starts_with("config.toml: "), "{err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_config_linked_to_dev_zero_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let err = Config::load(&path).unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
    }

    #[test]
    fn unknown_keys_and_bad_weights_are_refused() {
        assert!(Config::parse("[weights]\nmust = -1\n", "t").is_err());
        assert!(Config::parse("[weights]\nmusst = 1\n", "t").is_err());
        let partial = Config::parse("[weights]\nmust = 60\n", "t").unwrap();
        assert_eq!(partial.weights.must, 60.0);
        assert_eq!(partial.weights.nice, Weights::default().nice);
    }
}
