//! `fetch`: new mail from the IMAP mailbox into the same path as `import mail`.

use anyhow::{bail, Result};
use chrono::{Local, Utc};
use std::io::{IsTerminal as _, Write as _};

use super::{emit_json, Ctx};
use crate::cli::FetchArgs;
use crate::fetch::{self, Auth, Credential, FetchReport, FetchRequest, MailConfig};

/// Where the password comes from when no prompt is possible.
pub const PASSWORD_ENV: &str = "BENCHMATCH_IMAP_PASSWORD";

pub fn fetch(ctx: &Ctx, args: &FetchArgs) -> Result<()> {
    let cfg = &ctx.config.mail;
    if args.forget {
        return forget(ctx);
    }
    if args.skipped {
        return skipped(ctx, args.json);
    }
    let Some(account) = cfg.account() else {
        bail!(
            "no mailbox configured: add [mail] host, user and folders to {}",
            ctx.paths.config_file().display()
        );
    };
    if args.list_folders {
        return list_folders(ctx, &account, args.json);
    }
    let folders = if args.folders.is_empty() {
        cfg.folders.clone()
    } else {
        args.folders.clone()
    };
    let mut store = ctx.open_store()?;
    let (credential, source) = credential(&account, cfg)?;
    let progress = if std::io::stderr().is_terminal() && !args.json {
        let p = indicatif::ProgressBar::new(0);
        p.set_style(
            indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} mails")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        p.set_message("fetching");
        p
    } else {
        indicatif::ProgressBar::hidden()
    };
    let req = FetchRequest {
        config: cfg,
        credential: &credential,
        folders: &folders,
        mark_seen: args.mark_seen,
        now: Utc::now(),
    };
    let mut report = FetchReport::default();
    let result = fetch::fetch(
        &mut store,
        &ctx.tax,
        ctx.places,
        &req,
        &mut report,
        &mut |done, total| {
            progress.set_length(total as u64);
            progress.set_position(done as u64);
        },
    );
    progress.finish_and_clear();
    let kept = after_sign_in(&account, cfg, &credential, source, report.signed_in);
    drop(credential);
    match result {
        Ok(()) => {}
        Err(e) if e.is_offline() && !args.strict && report.mails == 0 => {
            let last = store
                .last_fetch(&account)?
                .map(|t| t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| "never".into());
            eprintln!("offline: 0 fetched, last fetch {last}");
            return Ok(());
        }
        Err(e) => {
            if report.mails > 0 {
                eprint!("{}", render(&report));
                bail!("fetch stopped after {} mails (those are stored; the next fetch goes on from there): {e}", report.mails);
            }
            let hint = match &e {
                fetch::FetchError::Imap(fetch::imap::ImapError::Tls(m))
                    if m.contains("UnknownIssuer") =>
                {
                    " (a server with its own certificate authority: set ca_file under [mail])"
                }
                _ => "",
            };
            let hint = match (&e, source) {
                (fetch::FetchError::Imap(fetch::imap::ImapError::Auth(_)), Source::Keyring) => {
                    refused_from_keyring(&account)
                }
                _ => hint.to_string(),
            };
            bail!("fetch from {account}: {e}{hint}");
        }
    }
    if let Some(line) = kept {
        eprintln!("{line}");
    }
    if args.json {
        return emit_json(&report);
    }
    eprint!("{}", render(&report));
    Ok(())
}

/// Where the password came from: only a typed one is offered to the keyring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Environment,
    Command,
    Keyring,
    Prompt,
    Token,
}

/// Once the server took a password typed at the prompt, keep it in the OS keyring (unless
/// `keyring = false`), and say so, or why it could not be kept.
fn after_sign_in(
    account: &str,
    cfg: &MailConfig,
    credential: &Credential,
    source: Source,
    signed_in: bool,
) -> Option<String> {
    let Credential::Password(p) = credential else {
        return None;
    };
    if source != Source::Prompt || !signed_in || !cfg.keyring || !fetch::keychain::available() {
        return None;
    }
    Some(match fetch::keychain::keep(account, p) {
        Ok(()) => "password kept in the OS keyring for the next fetch and the dashboard (`benchmatch fetch --forget` removes it)".to_string(),
        Err(e) => format!("password not kept: {e}"),
    })
}

/// A kept password the server refused is out of date: remove it, so the next fetch asks.
fn refused_from_keyring(account: &str) -> String {
    match fetch::keychain::forget(account) {
        Ok(_) => {
            "; the password kept in the OS keyring was removed, the next fetch asks for it".into()
        }
        Err(e) => format!("; the password kept in the OS keyring could not be removed: {e}"),
    }
}

/// `fetch --forget`: remove the password kept in the OS keyring for `[mail]`'s account.
fn forget(ctx: &Ctx) -> Result<()> {
    let Some(account) = ctx.config.mail.account() else {
        bail!(
            "no mailbox configured: add [mail] host and user to {}",
            ctx.paths.config_file().display()
        );
    };
    let shown = crate::text::cell(&account);
    if !fetch::keychain::available() {
        eprintln!(
            "nothing to forget: this system has no OS keyring, so no password was kept for {shown}"
        );
        return Ok(());
    }
    match fetch::keychain::forget(&account) {
        Ok(true) => eprintln!("removed the password kept in the OS keyring for {shown}"),
        Ok(false) => {
            eprintln!("nothing to forget: no password is kept in the OS keyring for {shown}")
        }
        Err(e) => bail!("forget the password of {shown}: {e}"),
    }
    Ok(())
}

/// `fetch --list-folders`: the account's folders, those `fetch` reads marked.
fn list_folders(ctx: &Ctx, account: &str, json: bool) -> Result<()> {
    let cfg = &ctx.config.mail;
    let (credential, source) = credential(account, cfg)?;
    let folders = match fetch::list_folders(cfg, &credential) {
        Ok(f) => f,
        Err(e) => {
            let hint = match (&e, source) {
                (fetch::FetchError::Imap(fetch::imap::ImapError::Auth(_)), Source::Keyring) => {
                    refused_from_keyring(account)
                }
                _ => String::new(),
            };
            bail!("list folders of {account}: {e}{hint}");
        }
    };
    if let Some(line) = after_sign_in(account, cfg, &credential, source, true) {
        eprintln!("{line}");
    }
    if json {
        return emit_json(&folders);
    }
    let mut out = std::io::stdout().lock();
    for f in &folders {
        let note = match (cfg.folders.contains(&f.name), f.selectable) {
            (true, _) => "  (fetched: in folders under [mail])",
            (false, false) => "  (holds folders only)",
            (false, true) => "",
        };
        writeln!(out, "{}{note}", crate::text::cell(&f.name))?;
    }
    Ok(())
}

/// The password or token `[mail]` asks for: a token from `token_command` for XOAUTH2, else
/// the password.
fn credential(account: &str, cfg: &MailConfig) -> Result<(Credential, Source)> {
    match cfg.auth {
        Auth::Login => {
            let (p, source) = password(account, cfg)?;
            Ok((Credential::Password(p), source))
        }
        Auth::Xoauth2 => Ok((Credential::Token(token(cfg)?), Source::Token)),
    }
}

/// The OAuth access token: the first line `token_command` prints (tokens expire within the
/// hour, so it is asked for on every fetch).
fn token(cfg: &MailConfig) -> Result<String> {
    match cfg.token_command.as_deref() {
        Some(command) => first_line_of("token_command", command),
        None => bail!("auth = \"xoauth2\" needs token_command under [mail] (a command printing an access token)"),
    }
}

/// `fetch --skipped`: the mails fetches passed over for their size, from the database.
fn skipped(ctx: &Ctx, json: bool) -> Result<()> {
    let store = ctx.open_store()?;
    let mails = store.too_large_mails()?;
    if json {
        return emit_json(&mails);
    }
    let mut out = std::io::stdout().lock();
    if mails.is_empty() {
        writeln!(out, "no mail was passed over for its size")?;
    }
    for m in &mails {
        writeln!(
            out,
            "{}  {} UID {} \"{}\" ({} MB; the limit is {} MB) from {}",
            m.at.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
            crate::text::cell(&m.folder),
            m.uid,
            crate::text::cell(&m.subject),
            m.bytes.div_ceil(1024 * 1024),
            fetch::MAX_MAIL_BYTES / 1024 / 1024,
            crate::text::cell(&m.account),
        )?;
    }
    Ok(())
}

/// What the dashboard's `g` calls to start a fetch.
pub fn dashboard_fetcher(ctx: &Ctx) -> crate::tui::Fetcher<'_> {
    Box::new(move || background_job(ctx))
}

/// A fetch for the dashboard's worker (`g`), or why there can be none: no `[mail]`, or no
/// password without asking (the dashboard cannot prompt).
pub fn background_job(ctx: &Ctx) -> Result<fetch::background::Job> {
    let cfg = &ctx.config.mail;
    if cfg.account().is_none() {
        bail!("no mailbox configured ([mail] in config.toml)");
    }
    let credential = match (cfg.auth, std::env::var(PASSWORD_ENV)) {
        (Auth::Xoauth2, _) => Credential::Token(token(cfg)?),
        (Auth::Login, Ok(p)) if !p.is_empty() => Credential::Password(p),
        (Auth::Login, _) => match cfg.password_command.as_deref() {
            Some(command) => Credential::Password(password_from(command)?),
            None => match cfg
                .account()
                .filter(|_| cfg.keyring)
                .and_then(|a| fetch::keychain::stored(&a))
            {
                Some(p) => Credential::Password(p),
                None => bail!("no IMAP password: set {PASSWORD_ENV} or password_command, or run `benchmatch fetch` once to keep it in the OS keyring"),
            },
        },
    };
    let skills_file = ctx.paths.skills_file();
    let skills = crate::input::read_optional_text(&skills_file)
        .map_err(anyhow::Error::msg)?
        .map(|text| (skills_file.display().to_string(), text));
    Ok(fetch::background::Job {
        db: ctx.paths.db.clone(),
        skills,
        own_names: ctx.config.company.names.clone(),
        mail: cfg.clone(),
        credential,
        places: ctx.places,
    })
}

/// From the environment, else `password_command`, else the OS keyring, else a prompt on the
/// terminal; never from a file.
fn password(account: &str, cfg: &MailConfig) -> Result<(String, Source)> {
    if let Ok(p) = std::env::var(PASSWORD_ENV) {
        if !p.is_empty() {
            return Ok((p, Source::Environment));
        }
    }
    if let Some(command) = cfg.password_command.as_deref() {
        return Ok((password_from(command)?, Source::Command));
    }
    if cfg.keyring {
        if let Some(p) = fetch::keychain::stored(account) {
            return Ok((p, Source::Keyring));
        }
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        bail!("no IMAP password: set {PASSWORD_ENV} or run fetch in a terminal to be asked");
    }
    Ok((
        prompt(&format!("IMAP password for {account}: "))?,
        Source::Prompt,
    ))
}

/// The first line a command prints (`pass show mail/work`); its output is read through the
/// bounded reader, and the command's own words stay out of the error.
fn password_from(command: &str) -> Result<String> {
    first_line_of("password_command", command)
}

/// The first output line of `command` (run by `sh -c`), named `key` in errors.
fn first_line_of(key: &str, command: &str) -> Result<String> {
    let out = std::process::Command::new("sh")
        .args(["-c", command])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| anyhow::anyhow!("{key} could not run: {e}"))?;
    let mut out = out;
    let stdout = out
        .stdout
        .take()
        .ok_or_else(|| anyhow::anyhow!("{key}: no output"))?;
    let bytes = crate::input::read_limited(stdout, &format!("{key} output"));
    if bytes.is_err() {
        // Endless output: stop the command rather than wait on its full pipe.
        let _ = out.kill();
    }
    let status = out.wait()?;
    let bytes = bytes?;
    if !status.success() {
        bail!("{key} failed ({status})");
    }
    let text =
        String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{key} printed no UTF-8 text"))?;
    let first = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if first.is_empty() {
        bail!("{key} printed nothing");
    }
    Ok(first.to_string())
}

/// Read a line without echo (raw mode), restoring the terminal on every path.
fn prompt(question: &str) -> Result<String> {
    use crossterm::event::{read, Event, KeyCode, KeyEventKind, KeyModifiers};
    struct Raw;
    impl Drop for Raw {
        fn drop(&mut self) {
            let _ = crossterm::terminal::disable_raw_mode();
        }
    }
    eprint!("{question}");
    std::io::stderr().flush()?;
    crossterm::terminal::enable_raw_mode()?;
    let guard = Raw;
    let mut s = String::new();
    loop {
        if let Event::Key(k) = read()? {
            if k.kind == KeyEventKind::Release {
                continue;
            }
            match k.code {
                KeyCode::Enter => break,
                KeyCode::Esc => {
                    drop(guard);
                    eprintln!();
                    bail!("cancelled");
                }
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    drop(guard);
                    eprintln!();
                    bail!("cancelled");
                }
                KeyCode::Backspace => {
                    s.pop();
                }
                KeyCode::Char(c) => s.push(c),
                _ => {}
            }
        }
    }
    drop(guard);
    eprintln!();
    Ok(s)
}

fn render(r: &FetchReport) -> String {
    let mut s = String::new();
    for f in &r.folders {
        s.push_str(&format!(
            "{}: {} new{}\n",
            crate::text::cell(&f.folder),
            f.fetched,
            if f.uidvalidity_changed || f.uids_went_back {
                " (folder renumbered on the server: read again, duplicates skipped)"
            } else {
                ""
            }
        ));
    }
    let kinds = r
        .by_kind
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect::<Vec<_>>()
        .join(", ");
    s.push_str(&format!(
        "fetched {} mails from {}{}: openings {} new, {} forwarded copies linked, {} already known; offers {} new, {} updated, {} known\n",
        r.mails,
        crate::text::cell(&r.account),
        if kinds.is_empty() { String::new() } else { format!(" ({kinds})") },
        r.openings_new,
        r.openings_duplicates,
        r.openings_known,
        r.offers.new,
        r.offers.updated,
        r.offers.known,
    ));
    if r.marked_seen > 0 {
        s.push_str(&format!(
            "marked {} mails seen on the server\n",
            r.marked_seen
        ));
    }
    for k in &r.skipped {
        s.push_str(&format!("  skipped {}\n", crate::text::cell(k)));
    }
    for t in &r.too_large {
        s.push_str(&format!(
            "  too large, not stored: {} UID {} \"{}\" ({} MB; the limit is {} MB)\n",
            crate::text::cell(&t.folder),
            t.uid,
            crate::text::cell(&t.subject),
            t.bytes.div_ceil(1024 * 1024),
            fetch::MAX_MAIL_BYTES / 1024 / 1024
        ));
    }
    if !r.too_large.is_empty() {
        s.push_str("  (recorded: `benchmatch fetch --skipped` lists them again)\n");
    }
    for n in &r.not_sent {
        s.push_str(&format!(
            "  not sent by the server: {} (asked again next fetch)\n",
            crate::text::cell(n)
        ));
    }
    s
}
