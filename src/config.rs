//! Paths and configuration: defaults < config file < environment < command line.

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
}

impl Default for DashboardConfig {
    fn default() -> Self {
        DashboardConfig {
            wait_limit_hours: 24,
            top: 50,
            refresh_seconds: 5,
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

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub weights: Weights,
    pub limits: Limits,
    pub dashboard: DashboardConfig,
    pub pipeline: crate::pipeline::PipelineConfig,
    pub response: crate::pipeline::ResponseConfig,
    pub checks: crate::pipeline::ChecksConfig,
    pub offers: OffersConfig,
}

impl Config {
    pub fn scoring(&self) -> ScoringConfig {
        ScoringConfig {
            weights: self.weights.clone(),
            limits: self.limits.clone(),
            offer_stale_days: self.offers.stale_days,
            relations: crate::skills::Relations::builtin(),
        }
    }

    pub fn parse(text: &str, origin: &str) -> Result<Config, String> {
        let cfg: Config =
            toml::from_str(text).map_err(|e| format!("{origin}: {}", e.message().trim()))?;
        cfg.scoring()
            .validate()
            .map_err(|e| format!("{origin}: {e}"))?;
        cfg.response
            .validate()
            .map_err(|e| format!("{origin}: {e}"))?;
        Ok(cfg)
    }

    /// The user's file if it exists, else the defaults.
    pub fn load(path: &Path) -> Result<Config, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
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
    fn unknown_keys_and_bad_weights_are_refused() {
        assert!(Config::parse("[weights]\nmust = -1\n", "t").is_err());
        assert!(Config::parse("[weights]\nmusst = 1\n", "t").is_err());
        let partial = Config::parse("[weights]\nmust = 60\n", "t").unwrap();
        assert_eq!(partial.weights.must, 60.0);
        assert_eq!(partial.weights.nice, Weights::default().nice);
    }
}
