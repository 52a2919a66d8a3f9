//! `completions`, `man`: shell completions and manual pages from the clap definitions.

use anyhow::{Context as _, Result};
use clap::CommandFactory;
use std::path::Path;

use crate::cli::{Cli, CompletionsArgs, ManArgs};

/// Completions for one shell on stdout.
pub fn completions(args: &CompletionsArgs) -> Result<()> {
    let mut out = Vec::new();
    completions_into(args.shell, &mut out);
    super::emit(&String::from_utf8_lossy(&out))
}

/// The completion script for `shell`, written from the same definitions the parser uses.
pub fn completions_into(shell: clap_complete::Shell, out: &mut Vec<u8>) {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "benchmatch", out);
}

/// The main page on stdout, or every page into a folder.
pub fn man(args: &ManArgs) -> Result<()> {
    match &args.dir {
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .context("rendering the man page")?;
            super::emit(&String::from_utf8_lossy(&out))
        }
        Some(dir) => write_pages(dir),
    }
}

fn write_pages(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    clap_mangen::generate_to(Cli::command(), dir).with_context(|| dir.display().to_string())?;
    eprintln!("man pages written to {}", dir.display());
    Ok(())
}
