//! What each command does: open the store, call the core, print.

mod bookings;
pub(crate) mod data;
pub mod fetch;
mod listing;
mod offers;
mod pipeline;
mod posting;
mod ranking;
pub mod shell;
pub mod sync;
mod workbook;

use anyhow::{Context as _, Result};
use chrono::{Local, NaiveDate};
use std::io::Write;

use crate::cli::{Cli, Command};
pub use crate::context::Ctx;
use crate::domain::parse_date;

/// Today in the user's time zone, unless a command is told otherwise.
pub fn today_or(arg: Option<&str>) -> Result<NaiveDate> {
    match arg {
        Some(s) => parse_date(s).map_err(anyhow::Error::msg),
        None => Ok(Local::now().date_naive()),
    }
}

pub fn run(cli: Cli) -> Result<()> {
    // Shell files need no database or config: they work even where those are broken.
    match &cli.command {
        Some(Command::Completions(args)) => return shell::completions(args),
        Some(Command::Man(args)) => return shell::man(args),
        _ => {}
    }
    let mut ctx = Ctx::new(&cli)?;
    // Mail names our own company in its greetings: ask for it once, before the first import
    // or the first dashboard.
    if matches!(
        &cli.command,
        None | Some(Command::Import(
            crate::cli::ImportCommand::Mail { .. } | crate::cli::ImportCommand::Openings { .. }
        )) | Some(Command::Fetch(_))
    ) {
        data::ask_company_once(&mut ctx)?;
    }
    let lang = ctx.lang;
    dispatch(&ctx, cli.command).map_err(|e| crate::messages::localized(lang, e))
}

fn dispatch(ctx: &Ctx, command: Option<Command>) -> Result<()> {
    match command {
        None => crate::tui::run(ctx, None, Some(fetch::dashboard_fetcher(ctx))),
        Some(Command::Demo(args)) => data::demo(ctx, &args),
        Some(Command::Import(cmd)) => data::import(ctx, cmd),
        Some(Command::Parse(args)) => posting::parse(ctx, &args),
        Some(Command::Export(args)) => data::export(ctx, &args),
        Some(Command::Backup(args)) => data::backup(ctx, args.file.as_deref()),
        Some(Command::Restore(args)) => data::restore(ctx, &args.file),
        Some(Command::Skills(cmd)) => data::skills(ctx, cmd),
        Some(Command::Config(cmd)) => data::config(ctx, cmd),
        Some(Command::Rank(args)) => ranking::rank(ctx, &args),
        Some(Command::Free(args)) => ranking::free(ctx, &args),
        Some(Command::Propose(args)) => pipeline::propose(ctx, &args),
        Some(Command::Engineers(args)) => listing::engineers(ctx, &args),
        Some(Command::Openings(args)) => listing::openings(ctx, args.json),
        Some(Command::Show(args)) => listing::show(ctx, &args),
        Some(Command::Pipeline(args)) => pipeline::board(ctx, &args),
        Some(Command::Stage(args)) => pipeline::stage(ctx, &args),
        Some(Command::Edit(cmd)) => pipeline::edit(ctx, cmd),
        Some(Command::History(args)) => pipeline::history(ctx, &args),
        Some(Command::Answer(args)) => pipeline::answer(ctx, &args),
        Some(Command::Undo(args)) => pipeline::replay(ctx, args.yes, true),
        Some(Command::Redo(args)) => pipeline::replay(ctx, args.yes, false),
        Some(Command::Stats(args)) => pipeline::stats(ctx, &args),
        Some(Command::Pitch(args)) => pipeline::pitch(ctx, &args),
        Some(Command::Clients(args)) => pipeline::clients(ctx, args.json),
        Some(Command::Client(cmd)) => pipeline::client(ctx, cmd),
        Some(Command::Partners(args)) => pipeline::partners(ctx, args.json),
        Some(Command::Partner(cmd)) => pipeline::partner(ctx, cmd),
        Some(Command::Check(args)) => pipeline::check(ctx, &args),
        Some(Command::Assignment(cmd)) => bookings::assignment(ctx, cmd),
        Some(Command::Serve(args)) => sync::serve(ctx, args),
        Some(Command::Sync(args)) => sync::sync(ctx, args),
        Some(Command::ParseOffer(args)) => offers::parse_offer(ctx, &args),
        Some(Command::Classify(args)) => offers::classify(ctx, &args),
        Some(Command::Offers(args)) => offers::offers(ctx, &args),
        Some(Command::Fetch(args)) => fetch::fetch(ctx, &args),
        Some(Command::Completions(_) | Command::Man(_)) => Ok(()),
    }
}

/// Print to stdout; a closed pipe (`benchmatch free | head`) ends quietly in `main`.
pub fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .context("writing to stdout")?;
    out.flush().context("writing to stdout")?;
    Ok(())
}

pub fn emit_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut s = crate::output::to_json_pretty(value)?;
    s.push(b'\n');
    let mut out = std::io::stdout().lock();
    out.write_all(&s).context("writing to stdout")?;
    out.flush().context("writing to stdout")?;
    Ok(())
}
