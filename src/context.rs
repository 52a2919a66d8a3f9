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
    /// Shared with the store and the scoring config: built once per process.
    pub tax: std::sync::Arc<Taxonomy>,
    /// The taxonomy's relations, worked out once (the ranking takes them in its config).
    relations: std::sync::Arc<crate::skills::Relations>,
    pub places: &'static Places,
    pub lang: Lang,
    /// The language came from `--lang` (in any spelling clap takes), not the environment:
    /// JSON answers in it then, else in English for scripts.
    pub lang_given: bool,
    /// Industry families for NG lists, built-in plus the user's file.
    pub industries: std::sync::Arc<crate::skills::industries::Industries>,
}

impl Ctx {
    pub fn new(cli: &Cli) -> Result<Ctx> {
        let paths = Paths::resolve(cli.db.clone()).map_err(anyhow::Error::msg)?;
        let config = Config::load(&paths.config_file()).map_err(anyhow::Error::msg)?;
        // The user's skills file is optional; when present it is read within the one limit.
        let skills_file = paths.skills_file();
        let name = skills_file.display().to_string();
        let text = crate::input::read_optional_text(&skills_file).map_err(|message| {
            crate::skills::TaxonomyError::Parse {
                file: name.clone(),
                message: message
                    .strip_prefix(&format!("{name}: "))
                    .unwrap_or(&message)
                    .to_string(),
            }
        })?;
        let tax = Taxonomy::shared(text.as_deref().map(|t| (name.as_str(), t)))?;
        let relations = crate::skills::Relations::of_shared(&tax);
        let ind_file = paths.industries_file();
        let ind_name = ind_file.display().to_string();
        let ind_text = crate::input::read_optional_text(&ind_file).map_err(anyhow::Error::msg)?;
        let industries = crate::skills::industries::Industries::shared(
            ind_text.as_deref().map(|t| (ind_name.as_str(), t)),
        )
        .map_err(anyhow::Error::msg)?;
        let lang = match cli.lang {
            Some(LangArg::Ja) => Lang::Ja,
            Some(LangArg::En) => Lang::En,
            None => Lang::from_env(),
        };
        Ok(Ctx {
            paths,
            config,
            tax,
            relations,
            industries,
            places: Places::builtin(),
            lang,
            lang_given: cli.lang.is_some(),
        })
    }

    /// Weights and limits from the config, relations from the taxonomy in use.
    pub fn scoring(&self) -> crate::score::ScoringConfig {
        self.config.scoring_with(
            std::sync::Arc::clone(&self.relations),
            std::sync::Arc::clone(&self.industries),
        )
    }

    pub fn open_store(&self) -> Result<Store> {
        let mut store = Store::open(&self.paths.db, &self.tax)?;
        store.set_own_names(&self.config.company.names);
        Ok(store)
    }
}
