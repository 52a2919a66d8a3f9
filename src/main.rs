//! The `benchmatch` binary: parse the command line, dispatch, report one-line errors.

#![deny(clippy::unwrap_used)]

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = benchmatch::cli::Cli::parse();
    match benchmatch::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = benchmatch::text::cell(&format!("{e:#}"));
            eprintln!("benchmatch: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// `benchmatch free | head` closes the pipe early; that is success, not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
