//! Everything a command or the dashboard needs, resolved once from flags, environment and
//! files: paths, configuration, the skill taxonomy, places and the language.
//!
//! Both front ends take a [`Ctx`]; neither reaches into the other for it.

use anyhow::Result;

use crate::cli::{Cli, LangArg};
use crate::config::{Config, Paths};
use crate::geo::Places;
use crate::i18n::Lang;
use crate::skills::Taxonomy;
use crate::store::Store;

/// Everything a command needs, resolved once from flags, environment and files.
pub struct Ctx {
    pub paths: Paths,
    pub config: Config,
    pub tax: Taxonomy,
    pub places: &'static Places,
    pub lang: Lang,
}

impl Ctx {
    pub fn new(cli: &Cli) -> Result<Ctx> {
        let paths = Paths::resolve(cli.db.clone()).map_err(anyhow::Error::msg)?;
        let config = Config::load(&paths.config_file()).map_err(anyhow::Error::msg)?;
        let tax = Taxonomy::load(Some(&paths.skills_file()))?;
        let lang = match cli.lang {
            Some(LangArg::Ja) => Lang::Ja,
            Some(LangArg::En) => Lang::En,
            None => Lang::from_env(),
        };
        Ok(Ctx {
            paths,
            config,
            tax,
            places: Places::builtin(),
            lang,
        })
    }

    /// Weights and limits from the config, relations from the taxonomy in use.
    pub fn scoring(&self) -> crate::score::ScoringConfig {
        self.config.scoring().with_taxonomy(&self.tax)
    }

    pub fn open_store(&self) -> Result<Store> {
        Ok(Store::open(&self.paths.db, &self.tax)?)
    }
}
