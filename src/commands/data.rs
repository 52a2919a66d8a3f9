//! `demo`, `import`, `export`, `skills`, `config`: getting data in and out.

use anyhow::{bail, Context as _, Result};
use chrono::Utc;
use std::io::IsTerminal;
use std::path::Path;

use super::{emit, emit_json, today_or, Ctx};
use crate::cli::{ConfigCommand, DemoArgs, ExportArgs, ImportCommand, SkillsCommand};
use crate::skills::{normalize_key, AliasDef, Taxonomy, TaxonomyFile};
use crate::store::{formats, ImportError};

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
    if !args.force && !store.counts()?.is_empty() {
        bail!(
            "{} already has data; use --force to replace it with demo data",
            ctx.paths.db.display()
        );
    }
    let data = crate::demo::generate(
        args.engineers,
        args.openings,
        args.seed,
        now,
        &ctx.tax,
        ctx.places,
    );
    crate::ops::records::fill_demo(&mut store, &data, &ctx.tax, args.force)?;
    let proposals = if args.no_proposals {
        crate::ops::demo::DemoProposals::default()
    } else {
        crate::ops::demo::propose(&mut store, now, &ctx.config.scoring(), ctx.places)?
    };
    eprintln!(
        "demo data: {} engineers, {} openings, {} proposals ({} unsigned offer, {} signed) in {}",
        args.engineers,
        args.openings,
        proposals.proposals,
        proposals.unsigned,
        proposals.signed,
        ctx.paths.db.display()
    );
    if !args.no_open && std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        drop(store);
        return crate::tui::run(ctx, None, Some(super::fetch::dashboard_fetcher(ctx)));
    }
    Ok(())
}

/// Read an import file whole, refusing what is empty, huge or not text.
pub fn read_input(path: &Path) -> Result<String> {
    let bytes = crate::input::read_path(path)?;
    let name = path.display();
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
        ImportCommand::Engineers {
            file,
            sheet,
            dry_run,
        } => {
            if crate::xlsx::is_workbook(&file) {
                let kind = crate::xlsx::Kind::Engineers;
                return super::workbook::import(ctx, kind, &file, sheet.as_deref(), dry_run);
            }
            if sheet.is_some() {
                bail!("--sheet is for workbooks (.xlsx, .xls, .ods)");
            }
            let text = read_input(&file)?;
            let json = is_json(&file, &text);
            let kind = crate::xlsx::Kind::Engineers;
            if !json && crate::xlsx::read::has_roster_header(&text, kind) {
                // A roster's own headers (氏名, 所属, 稼働可能日 …): read as a workbook's are.
                let today = chrono::Local::now().date_naive();
                let table = crate::xlsx::read::read_csv(&text, kind, today)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
                return super::workbook::import_table(ctx, kind, &file, &table, dry_run);
            }
            let records = formats::engineers(&text, json)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            if records.is_empty() {
                bail!("{}: no records", file.display());
            }
            let mut store = ctx.open_store()?;
            let (records, done) = crate::ops::roster::import(
                &mut store,
                records,
                &ctx.tax,
                chrono::Local::now().date_naive(),
                chrono::Utc::now(),
                dry_run,
            )
            .map_err(|e| located(&file, json, e))?;
            for line in crate::ops::roster::notes(&done) {
                eprintln!("{line}");
            }
            warn_unknown_skills(ctx, &records);
            if dry_run {
                return crate::commands::emit(&format!(
                    "dry run: {} engineers read, all valid; nothing stored\n",
                    done.ids.len()
                ));
            }
            eprintln!(
                "imported {} engineers from {}",
                done.ids.len(),
                file.display()
            );
            Ok(())
        }
        // Postings go to the posting import, which hands .json and .csv back below.
        ImportCommand::Openings {
            paths,
            sheet,
            dry_run,
        } => match paths.as_slice() {
            [one] if crate::xlsx::is_workbook(one) => {
                let kind = crate::xlsx::Kind::Openings;
                super::workbook::import(ctx, kind, one, sheet.as_deref(), dry_run)
            }
            _ if paths.iter().any(|p| crate::xlsx::is_workbook(p)) => {
                bail!("import a workbook on its own: one .xlsx, .xls or .ods file per command")
            }
            _ if sheet.is_some() || dry_run => {
                bail!("--sheet and --dry-run are for workbooks (.xlsx, .xls, .ods)")
            }
            _ => super::posting::import_openings(ctx, &paths),
        },
        ImportCommand::Mail {
            paths,
            received,
            json,
        } => super::offers::import_mail(ctx, &paths, received.as_deref(), json),
        ImportCommand::All { file } => {
            // Streamed: an export of any size, each record within the input limit.
            let reader: Box<dyn std::io::Read> = if file.as_os_str() == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                Box::new(crate::input::open(&file)?)
            };
            let mut store = ctx.open_store()?;
            let restored = crate::ops::records::restore_export(&mut store, reader, &ctx.tax)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            eprintln!(
                "restored {} engineers, {} openings, {} proposals from {}",
                restored.engineers,
                restored.openings,
                restored.proposals,
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
    let ids = crate::ops::records::import_openings(&mut store, &records, &ctx.tax, Utc::now())
        .map_err(|e| located(file, json, e))?;
    eprintln!("imported {} openings from {}", ids.len(), file.display());
    Ok(ids.len())
}

pub fn export(ctx: &Ctx, args: &ExportArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let doc = store.export(&ctx.tax, Utc::now())?;
    // Redaction is an allow-list over the whole document (crate::redact).
    if args.redact {
        let value = crate::redact::redact(&doc, ctx.places, &ctx.tax)?;
        return match &args.out {
            None => emit_json(&value),
            Some(path) => write_private(path, &crate::output::to_json_pretty(&value)?),
        };
    }
    match &args.out {
        None => emit_json(&doc),
        Some(path) => write_private(path, &crate::output::to_json_pretty(&doc)?),
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
    crate::store::backup::check_rows(file, &ctx.tax)?;
    let mut store = ctx.open_store()?;
    let keep = ctx.paths.db.with_extension(format!(
        "before-restore-{}.db",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    ));
    store.backup_to(&keep)?;
    crate::ops::records::restore_backup(&mut store, file)?;
    eprintln!(
        "restored {} (previous data kept in {})",
        file.display(),
        keep.display()
    );
    Ok(())
}

/// Write a file owner-readable only, via a temporary file renamed into place; never
/// over a database ([`crate::output::write_private`]).
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    Ok(crate::output::write_private(path, bytes)?)
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
            let mut file: TaxonomyFile =
                match crate::input::read_optional_text(&path).map_err(anyhow::Error::msg)? {
                    Some(t) => toml::from_str(&t)
                        .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message()))?,
                    None => TaxonomyFile::default(),
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
            // Kept in the database too, so every posting (and an export) carries it.
            let mut store = ctx.open_store()?;
            let by = std::env::var("USER").unwrap_or_default();
            crate::ops::learned::add_alias(
                &mut store,
                &alias,
                ctx.tax.name(id),
                &by,
                &ctx.tax,
                chrono::Utc::now(),
            )?;
            emit(&format!(
                "'{alias}' now means {} (saved in {})\n",
                ctx.tax.name(id),
                path.display()
            ))
        }
        SkillsCommand::Rules { forget, json } => learned_rules(ctx, forget, json),
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
        ConfigCommand::Set { key, value } => match key.trim() {
            "company" => {
                let path = ctx.paths.config_file();
                let cfg = crate::config::Config::add_company_name(&path, Some(&value))
                    .map_err(anyhow::Error::msg)?;
                emit(&format!(
                    "our company: {} (saved in {}); mail greeting it is never a client\n",
                    cfg.company.names.join(", "),
                    path.display()
                ))
            }
            other => bail!("config set: unknown key '{other}' (keys: company)"),
        },
    }
}

/// Before the first mail import: ask which company we are (its name is in every greeting,
/// and must never become a client). Asked once; a rep who answers nothing is not asked
/// again. Without a terminal nothing is asked.
pub(super) fn ask_company_once(ctx: &mut Ctx) -> Result<()> {
    use std::io::{BufRead as _, IsTerminal as _, Write as _};
    if ctx.config.company.asked || !ctx.config.company.names.is_empty() {
        return Ok(());
    }
    let ja = ctx.lang == crate::i18n::Lang::Ja;
    // Scripts and pipes are not asked (nor told: their errors stay one line); README and
    // `config set company` say how.
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Ok(());
    }
    eprint!(
        "{}",
        if ja {
            "自社名を入力してください (例: 株式会社ミライテック、空欄で省略): "
        } else {
            "Your company's name (mail greets you by it; e.g. 株式会社ミライテック, empty to skip): "
        }
    );
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let path = ctx.paths.config_file();
    ctx.config = crate::config::Config::add_company_name(&path, Some(line.trim()))
        .map_err(anyhow::Error::msg)?;
    Ok(())
}

/// Skills the taxonomy does not know are kept as written; say which, and how to teach them.
pub(super) fn warn_unknown_skills(ctx: &Ctx, records: &[(usize, crate::store::EngineerRecord)]) {
    let mut unknown = UnknownSkills::default();
    for (_, r) in records {
        unknown.add(&ctx.tax, r);
    }
    unknown.warn();
}

/// Skills not in the taxonomy, gathered row by row (a streamed import holds no records), by
/// their normalized name in the order first seen, with how often each came.
#[derive(Default)]
pub(super) struct UnknownSkills {
    names: Vec<(String, usize)>,
    index: std::collections::HashMap<String, usize>,
}

impl UnknownSkills {
    pub(super) fn add(&mut self, tax: &Taxonomy, r: &crate::store::EngineerRecord) {
        for s in &r.skills {
            if tax.lookup(&s.name).is_some() {
                continue;
            }
            let key = normalize_key(&s.name);
            match self.index.get(&key) {
                Some(&i) => self.names[i].1 += 1,
                None => {
                    self.index.insert(key, self.names.len());
                    self.names.push((s.name.trim().to_string(), 1));
                }
            }
        }
    }

    pub(super) fn warn(&self) {
        let unknown = &self.names;
        if unknown.is_empty() {
            return;
        }
        let list: Vec<String> = unknown.iter().map(|(n, c)| format!("{n} ({c})")).collect();
        eprintln!(
            "warning: {} skills not in the taxonomy, kept as written and matched by name: {}",
            unknown.len(),
            list.join(", ")
        );
        for (n, _) in unknown {
            eprintln!("  benchmatch skills add-alias '{n}' CANONICAL");
        }
    }
}

/// `skills rules [--forget ID]`: the stored corrections and the rules they make.
fn learned_rules(ctx: &Ctx, forget: Option<i64>, json: bool) -> Result<()> {
    let mut store = ctx.open_store()?;
    if let Some(id) = forget {
        crate::ops::learned::forget(&mut store, id)?;
        return emit(&format!("forgot learned rule #{id}\n"));
    }
    let rows = crate::ops::learned::list(&store)?;
    if json {
        return emit_json(&rows);
    }
    if rows.is_empty() {
        return emit("no corrections learned yet (drop or rename requirements with `E` in the dashboard or `edit opening --set must-=TERM`)\n");
    }
    let mut s = String::new();
    for r in rows {
        let what = match (r.kind, &r.skill) {
            (crate::domain::learned::CorrectionKind::Alias, Some(k)) => format!("alias → {k}"),
            (k, _) => k.as_str().to_string(),
        };
        s.push_str(&format!(
            "#{:<4} {:<14} {:<24} {:<24} {}\n",
            r.id,
            crate::text::cell(&what),
            crate::text::cell(&r.term),
            crate::text::cell(r.firm.as_deref().unwrap_or("-")),
            r.in_force.map_or_else(
                || "not yet a rule".to_string(),
                |f| format!("in force: {}", crate::text::cell(&f))
            )
        ));
    }
    emit(&s)
}
