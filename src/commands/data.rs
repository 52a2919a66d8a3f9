//! `demo`, `import`, `export`, `skills`, `config`: getting data in and out.

use anyhow::{bail, Context as _, Result};
use chrono::Utc;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use super::{emit, emit_json, today_or, Ctx};
use crate::cli::{ConfigCommand, DemoArgs, ExportArgs, ImportCommand, SkillsCommand};
use crate::skills::{normalize_key, AliasDef, Taxonomy, TaxonomyFile};
use crate::store::{create_private_file, formats, ExportDoc, ImportError};

/// Largest import file we read; larger ones are refused before parsing.
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

pub fn demo(ctx: &Ctx, args: &DemoArgs) -> Result<()> {
    // A fixed --today pins the whole data set, down to the hour openings arrived.
    let now = match args.today.as_deref() {
        Some(d) => {
            let day = today_or(Some(d))?;
            day.and_hms_opt(18, 0, 0).unwrap_or_default().and_utc()
        }
        None => Utc::now(),
    };
    let mut store = ctx.open_store()?;
    if !store.counts()?.is_empty() {
        if !args.force {
            bail!(
                "{} already has data; use --force to replace it with demo data",
                ctx.paths.db.display()
            );
        }
        store.clear()?;
    }
    let data = crate::demo::generate(
        args.engineers,
        args.openings,
        args.seed,
        now,
        &ctx.tax,
        ctx.places,
    );
    store.import_demo(&data, &ctx.tax)?;
    eprintln!(
        "demo data: {} engineers, {} openings in {}",
        args.engineers,
        args.openings,
        ctx.paths.db.display()
    );
    if !args.no_open && std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        drop(store);
        return crate::tui::run(ctx, None);
    }
    Ok(())
}

/// Read an import file whole, refusing what is empty, huge or not text.
pub fn read_input(path: &Path) -> Result<String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_IMPORT_BYTES + 1)
            .read_to_end(&mut bytes)
            .context("reading stdin")?;
    } else {
        let f = std::fs::File::open(path).with_context(|| format!("{}", path.display()))?;
        f.take(MAX_IMPORT_BYTES + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("{}", path.display()))?;
    }
    let name = path.display();
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        bail!(
            "{name}: file is larger than {} MB",
            MAX_IMPORT_BYTES / 1024 / 1024
        );
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        bail!("{name}: file is empty");
    }
    if bytes.contains(&0) {
        bail!("{name}: binary file, expected CSV or JSON text");
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name}: not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

fn is_json(path: &Path, text: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || path.as_os_str() == "-"
        || text.trim_start().starts_with(['[', '{'])
}

pub fn import(ctx: &Ctx, cmd: ImportCommand) -> Result<()> {
    match cmd {
        ImportCommand::Engineers { file } => {
            let text = read_input(&file)?;
            let json = is_json(&file, &text);
            let records = formats::engineers(&text, json)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            if records.is_empty() {
                bail!("{}: no records", file.display());
            }
            let mut store = ctx.open_store()?;
            let ids = store
                .import_engineers(&records, &ctx.tax)
                .map_err(|e| located(&file, json, e))?;
            eprintln!("imported {} engineers from {}", ids.len(), file.display());
            warn_unknown_skills(ctx, &records);
            Ok(())
        }
        // Postings go to the posting import, which hands .json and .csv back below.
        ImportCommand::Openings { paths } => super::posting::import_openings(ctx, &paths),
        ImportCommand::Mail {
            paths,
            received,
            json,
        } => super::offers::import_mail(ctx, &paths, received.as_deref(), json),
        ImportCommand::All { file } => {
            let text = read_input(&file)?;
            let doc: ExportDoc = serde_json::from_str(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{}: not a benchmatch export (line {}: {e})",
                    file.display(),
                    e.line()
                )
            })?;
            let mut store = ctx.open_store()?;
            store
                .import_all(&doc, &ctx.tax)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            eprintln!(
                "restored {} engineers, {} openings, {} proposals from {}",
                doc.engineers.len(),
                doc.openings.len(),
                doc.proposals.len(),
                file.display()
            );
            Ok(())
        }
    }
}

/// Name the file and the place in it: CSV errors point at a line, JSON ones at a record.
fn located(file: &Path, json: bool, e: crate::store::StoreError) -> anyhow::Error {
    match e {
        crate::store::StoreError::Import(ImportError {
            line: Some(n),
            message,
        }) if json => anyhow::anyhow!("{}: record {n}: {message}", file.display()),
        other => anyhow::anyhow!("{}: {other}", file.display()),
    }
}

/// Structured openings (CSV or JSON records) from text already read; the posting import
/// hands `.json` and `.csv` files (and JSON on stdin) here.
pub(super) fn import_structured_openings(ctx: &Ctx, file: &Path, text: &str) -> Result<usize> {
    let json = is_json(file, text);
    let records =
        formats::openings(text, json).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    if records.is_empty() {
        bail!("{}: no records", file.display());
    }
    let mut store = ctx.open_store()?;
    let ids = store
        .import_openings(&records, &ctx.tax, Utc::now())
        .map_err(|e| located(file, json, e))?;
    eprintln!("imported {} openings from {}", ids.len(), file.display());
    Ok(ids.len())
}

pub fn export(ctx: &Ctx, args: &ExportArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let mut doc = store.export(&ctx.tax, Utc::now())?;
    if args.redact {
        redact(&mut doc, ctx);
    }
    match &args.out {
        None => emit_json(&doc),
        Some(path) => write_private(path, &serde_json::to_vec_pretty(&doc)?),
    }
}

/// Reduce personal data for sharing outside the team.
///
/// Names become initials, stations become areas; free-text notes and raw
/// postings (which carry signatures and phone numbers) are dropped.
fn redact(doc: &mut ExportDoc, ctx: &Ctx) {
    for e in &mut doc.engineers {
        let initials = e
            .initials
            .clone()
            .filter(|i| !i.trim().is_empty())
            .unwrap_or_else(|| crate::domain::records::initials_of(&e.name));
        e.name = initials.clone();
        e.initials = Some(initials);
        let area = e
            .station
            .as_deref()
            .and_then(|s| ctx.places.find(s))
            .map(|p| p.area.clone())
            .or_else(|| e.area.clone());
        e.station = None;
        e.area = area;
        e.notes.clear();
    }
    for o in &mut doc.openings {
        o.raw_text.clear();
    }
    for p in &mut doc.proposals {
        p.notes.clear();
    }
    for p in &mut doc.partners {
        p.contact.clear();
        p.notes.clear();
    }
    for e in &mut doc.history.proposal_events {
        e.note.clear();
    }
    for i in &mut doc.history.partner_incidents {
        i.text = "(redacted)".into();
    }
    for r in &mut doc.history.opening_revisions {
        r.changed_by.clear();
    }
    for a in &mut doc.history.opening_answers {
        a.notes.clear();
    }
    // Mails carry names, phone numbers and signatures: none of it leaves redacted.
    for o in &mut doc.history.opening_sources {
        o.raw_text.clear();
        o.sender = None;
    }
    for o in &mut doc.history.offer_sources {
        o.raw_text.clear();
        o.parsed = "{}".into();
        o.sender = None;
    }
}

/// `benchmatch backup [FILE]`: default name is timestamped beside the database.
pub fn backup(ctx: &Ctx, file: Option<&Path>) -> Result<()> {
    let store = ctx.open_store()?;
    let dest = match file {
        Some(f) => f.to_path_buf(),
        None => ctx
            .paths
            .db
            .parent()
            .unwrap_or(Path::new("."))
            .join("backups")
            .join(format!(
                "benchmatch-{}.db",
                chrono::Local::now().format("%Y%m%d-%H%M%S")
            )),
    };
    store.backup_to(&dest)?;
    eprintln!("backup written to {}", dest.display());
    Ok(())
}

/// `benchmatch restore FILE`: verify, keep a copy of the current data, then replace.
pub fn restore(ctx: &Ctx, file: &Path) -> Result<()> {
    crate::store::backup::verify(file)?;
    let mut store = ctx.open_store()?;
    let keep = ctx.paths.db.with_extension(format!(
        "before-restore-{}.db",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    ));
    store.backup_to(&keep)?;
    store.restore_from(file)?;
    eprintln!(
        "restored {} (previous data kept in {})",
        file.display(),
        keep.display()
    );
    Ok(())
}

/// Write a file owner-readable only, via a temporary file renamed into place.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export"),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| -> std::io::Result<()> {
        let mut f = create_private_file(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        bail!("{}: {e}", path.display());
    }
    Ok(())
}

pub fn skills(ctx: &Ctx, cmd: SkillsCommand) -> Result<()> {
    match cmd {
        SkillsCommand::List { json } => {
            if json {
                return emit_json(&ctx.tax.defs());
            }
            let mut s = String::new();
            for d in ctx.tax.defs() {
                s.push_str(&format!(
                    "{:<10} {}  {}\n",
                    d.kind.as_str(),
                    d.name,
                    d.aliases.join(", ")
                ));
            }
            emit(&s)
        }
        SkillsCommand::Lookup { term } => match ctx.tax.lookup(&term) {
            Some(id) => emit(&format!(
                "{} → {} ({})\n",
                term,
                ctx.tax.name(id),
                ctx.tax.kind(id).map_or("", |k| k.as_str())
            )),
            None => bail!(
                "'{term}' is not a known skill (normalized: '{}')",
                normalize_key(&term)
            ),
        },
        SkillsCommand::AddAlias { alias, canonical } => {
            let Some(id) = ctx.tax.lookup(&canonical) else {
                bail!("'{canonical}' is not a known skill; see `benchmatch skills list`");
            };
            if let Some(existing) = ctx.tax.lookup(&alias) {
                if existing == id {
                    return emit(&format!("'{alias}' already means {}\n", ctx.tax.name(id)));
                }
                bail!("'{alias}' already means {}", ctx.tax.name(existing));
            }
            let path = ctx.paths.skills_file();
            let mut file: TaxonomyFile = match std::fs::read_to_string(&path) {
                Ok(t) => toml::from_str(&t)
                    .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message()))?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => TaxonomyFile::default(),
                Err(e) => bail!("{}: {e}", path.display()),
            };
            file.aliases.push(AliasDef {
                alias: alias.clone(),
                canonical: ctx.tax.name(id).to_string(),
            });
            let text = toml::to_string(&file)?;
            // Prove the new file loads before replacing the old one.
            Taxonomy::from_files(&[
                ("built-in", crate::skills::BUILTIN_TOML),
                (&path.display().to_string(), &text),
            ])?;
            std::fs::create_dir_all(&ctx.paths.config_dir)
                .with_context(|| ctx.paths.config_dir.display().to_string())?;
            write_private(&path, text.as_bytes())?;
            emit(&format!(
                "'{alias}' now means {} (saved in {})\n",
                ctx.tax.name(id),
                path.display()
            ))
        }
    }
}

pub fn config(ctx: &Ctx, cmd: ConfigCommand) -> Result<()> {
    match cmd {
        ConfigCommand::Path => emit(&format!(
            "config:   {}\nskills:   {}\ndatabase: {}\n",
            ctx.paths.config_file().display(),
            ctx.paths.skills_file().display(),
            ctx.paths.db.display()
        )),
        ConfigCommand::Show => emit(&toml::to_string_pretty(&ctx.config)?),
    }
}

/// Skills the taxonomy does not know are kept as written; say which, and how to teach them.
fn warn_unknown_skills(ctx: &Ctx, records: &[(usize, crate::store::EngineerRecord)]) {
    let mut unknown: Vec<(String, usize)> = Vec::new();
    for (_, r) in records {
        for s in &r.skills {
            if ctx.tax.lookup(&s.name).is_none() {
                let key = crate::skills::normalize_key(&s.name);
                match unknown
                    .iter_mut()
                    .find(|(n, _)| crate::skills::normalize_key(n) == key)
                {
                    Some(u) => u.1 += 1,
                    None => unknown.push((s.name.trim().to_string(), 1)),
                }
            }
        }
    }
    if unknown.is_empty() {
        return;
    }
    let list: Vec<String> = unknown.iter().map(|(n, c)| format!("{n} ({c})")).collect();
    eprintln!(
        "warning: {} skills not in the taxonomy, kept as written and matched by name: {}",
        unknown.len(),
        list.join(", ")
    );
    for (n, _) in &unknown {
        eprintln!("  benchmatch skills add-alias '{n}' CANONICAL");
    }
}
