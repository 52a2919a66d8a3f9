//! `parse-offer`, `classify`, `import mail`, `offers`: engineer offers by mail.

use anyhow::{bail, Context as _, Result};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::{emit, emit_json, today_or, Ctx};
use crate::classify::{self, Cue, Envelope, Kind, Scores};
use crate::cli::{ClassifyArgs, OffersArgs, ParseOfferArgs};
use crate::domain::parse_date;
use crate::i18n::Lang;
use crate::offer::{self, split, ParsedOffer};
use crate::ops::import_mail::{self as inbox, FileReport, KindCounts, OpeningCounts, Stored};
use crate::posting::mail::{self, Mail};
use crate::store::OfferReport;
use crate::text::{cell, table};

/// Noon in Japan on a day: the same calendar day in UTC and in JST.
fn noon_jst(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(3, 0, 0).unwrap_or_default())
}

fn received_arg(arg: Option<&str>) -> Result<Option<DateTime<Utc>>> {
    arg.map(|s| parse_date(s).map(noon_jst).map_err(anyhow::Error::msg))
        .transpose()
}

/// A file or stdin, within the one input limit.
fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    Ok(crate::input::read_path(path)?)
}

/// One mail from a file that is a mail or plain text.
/// A plain text read as a mail with nothing known about its sender.
fn plain(body: String) -> Mail {
    Mail {
        sender: None,
        subject: None,
        date: None,
        body,
    }
}

fn read_one(path: &Path) -> Result<Mail> {
    let bytes = read_bytes(path)?;
    let name = path.display();
    if mail::looks_like_mail(&bytes) {
        return mail::read_mail(&bytes).map_err(|e| anyhow::anyhow!("{name}: {e}"));
    }
    let body = mail::decode_text(&bytes).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    Ok(plain(body))
}

/// The offers in one text: those the sorter finds, else the whole text read as one.
fn offers_in(m: &Mail, received: DateTime<Utc>, ctx: &Ctx) -> Vec<ParsedOffer> {
    let env = Envelope {
        subject: m.subject.as_deref(),
        from_addr: m.sender.as_deref().and_then(inbox::address_of),
        received,
    };
    let sorted = classify::sort_mail_items(&m.body, &env, &ctx.tax);
    if sorted.cut {
        eprintln!("note: {}", inbox::cut_note());
    }
    let found: Vec<ParsedOffer> = sorted
        .items
        .into_iter()
        .filter(|i| i.kind == Kind::Offer)
        .map(|i| i.offer)
        .collect();
    if !found.is_empty() {
        return found;
    }
    let text = split::clean(&m.body, m.subject.as_deref());
    vec![offer::parse(&text, received, &ctx.tax)]
}

pub fn parse_offer(ctx: &Ctx, args: &ParseOfferArgs) -> Result<()> {
    let path = args.file.clone().unwrap_or_else(|| PathBuf::from("-"));
    let m = read_one(&path)?;
    let received = received_arg(args.received.as_deref())?
        .or(m.date)
        .unwrap_or_else(Utc::now);
    let offers = offers_in(&m, received, ctx);
    if args.json {
        return match offers.as_slice() {
            [one] => emit_json(one),
            many => emit_json(&many),
        };
    }
    let mut s = String::new();
    for (n, o) in offers.iter().enumerate() {
        if offers.len() > 1 {
            s.push_str(&format!("── offer {} of {} ──\n", n + 1, offers.len()));
        }
        s.push_str(&render_offer(o, ctx.lang));
    }
    emit(&s)
}

fn render_offer(o: &ParsedOffer, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let skills = o
        .skills
        .iter()
        .map(|s| match s.years {
            Some(y) => format!("{} {y}{}", s.name, if ja { "年" } else { "y" }),
            None => s.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let age = match (o.age, &o.age_band) {
        (Some(a), _) => a.to_string(),
        (None, Some(b)) => b.clone(),
        _ => String::new(),
    };
    let rows: Vec<(&str, &str, String)> = vec![
        (
            "initials",
            "イニシャル",
            o.initials.clone().unwrap_or_default(),
        ),
        ("age", "年齢", age),
        (
            "gender",
            "性別",
            o.gender.map(|g| g.as_str().to_string()).unwrap_or_default(),
        ),
        ("station", "最寄駅", o.station.clone().unwrap_or_default()),
        ("area", "居住地", o.area.clone().unwrap_or_default()),
        ("skills", "スキル", skills),
        (
            "rate",
            "単価",
            match (o.rate_min, o.rate_max) {
                (None, None) => String::new(),
                (a, b) => crate::present::rate_band(a, b),
            },
        ),
        (
            "available",
            "稼働",
            o.available_from.map(|s| s.to_string()).unwrap_or_default(),
        ),
        (
            "affiliation",
            "所属",
            o.affiliation
                .map(|a| a.as_str().to_string())
                .unwrap_or_default(),
        ),
        (
            "depth",
            "商流",
            o.depth.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            "foreign",
            "外国籍",
            o.nationality_foreign
                .map(|b| b.to_string())
                .unwrap_or_default(),
        ),
        (
            "japanese",
            "日本語",
            o.japanese_level.clone().unwrap_or_default(),
        ),
        (
            "remote",
            "リモート",
            o.remote_preference
                .map(|r| r.as_str().to_string())
                .unwrap_or_default(),
        ),
        ("summary", "概要", o.summary.clone().unwrap_or_default()),
    ];
    let mut s = String::new();
    for (en, jp, v) in rows {
        let label = if ja { jp } else { en };
        let v = if v.is_empty() {
            "-".to_string()
        } else {
            cell(&v)
        };
        s.push_str(&format!("{} {v}\n", crate::text::pad(label, 12)));
    }
    s
}

#[derive(Serialize)]
struct PartJson {
    kind: Kind,
    summary: Option<String>,
    scores: Scores,
    cues: Vec<Cue>,
}

#[derive(Serialize)]
struct ClassifyJson {
    /// The decision: `opening`, `offer` or `other` (no item found).
    kind: Kind,
    /// `mixed` when a mail holds both openings and offers.
    label: &'static str,
    offers: usize,
    openings: usize,
    /// The whole mail weighed at once.
    scores: Scores,
    cues: Vec<Cue>,
    /// Each item found, with its own weighing.
    items: Vec<PartJson>,
}

pub fn classify(ctx: &Ctx, args: &ClassifyArgs) -> Result<()> {
    let m = read_one(&args.file)?;
    let received = received_arg(args.received.as_deref())?
        .or(m.date)
        .unwrap_or_else(Utc::now);
    let env = Envelope {
        subject: m.subject.as_deref(),
        from_addr: m.sender.as_deref().and_then(inbox::address_of),
        received,
    };
    let sorted = classify::sort_mail(&m.body, &env, &ctx.tax);
    if sorted.cut {
        eprintln!("note: {}", inbox::cut_note());
    }
    // `sort_mail` always weighs the whole mail; the fallback only keeps this total.
    let whole = sorted
        .decision
        .clone()
        .unwrap_or_else(|| classify::classify(&m.body, received, &ctx.tax));
    let offers = sorted
        .items
        .iter()
        .filter(|i| i.kind == Kind::Offer)
        .count();
    let openings = sorted
        .items
        .iter()
        .filter(|i| i.kind == Kind::Opening)
        .count();
    let count = inbox::MailCount {
        kind: sorted.kind,
        offers,
        openings,
    };
    let out = ClassifyJson {
        kind: sorted.kind,
        label: count.label(),
        offers,
        openings,
        scores: round_scores(whole.scores),
        cues: whole.cues,
        items: sorted
            .items
            .iter()
            .map(|i| PartJson {
                kind: i.kind,
                summary: match i.kind {
                    Kind::Offer => i.offer.summary.clone(),
                    _ => i.posting.as_ref().and_then(|p| p.title.clone()),
                },
                scores: round_scores(i.decision.scores),
                cues: i.decision.cues.clone(),
            })
            .collect(),
    };
    if args.json {
        return emit_json(&out);
    }
    let mut s = format!(
        "{}  ({} offers, {} openings)\nscores: opening {:.1}  offer {:.1}  other {:.1}\ncues:\n",
        out.label, offers, openings, out.scores.opening, out.scores.offer, out.scores.other
    );
    for c in &out.cues {
        s.push_str(&format!(
            "  {:+5.1} {:<8} {}\n",
            c.weight,
            c.kind.as_str(),
            cell(&c.cue)
        ));
    }
    for (n, i) in out.items.iter().enumerate() {
        s.push_str(&format!(
            "item {}: {:<8} {}\n",
            n + 1,
            i.kind.as_str(),
            cell(i.summary.as_deref().unwrap_or(""))
        ));
    }
    emit(&s)
}

fn round_scores(s: Scores) -> Scores {
    let r = |v: f32| (v * 10.0).round() / 10.0;
    Scores {
        opening: r(s.opening),
        offer: r(s.offer),
        other: r(s.other),
    }
}

/// Extensions a mail folder's files carry; other files there (`.json`, `.pdf`) are not mail.
const MAIL_EXTENSIONS: [&str; 5] = ["eml", "mbox", "mbx", "mail", "txt"];

fn is_mail_file(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(e) => MAIL_EXTENSIONS.iter().any(|m| m.eq_ignore_ascii_case(e)),
    }
}

/// Files to read: files as given, folders walked for mail files (hidden ones
/// skipped), in name order.
fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let mut stack = vec![(p.clone(), 0)];
        let mut found = Vec::new();
        while let Some((dir, depth)) = stack.pop() {
            // A symlink loop would otherwise be walked forever.
            if depth > 32 {
                continue;
            }
            for entry in std::fs::read_dir(&dir).with_context(|| dir.display().to_string())? {
                let path = entry.with_context(|| dir.display().to_string())?.path();
                let hidden = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'));
                if hidden {
                    continue;
                }
                if path.is_dir() {
                    stack.push((path, depth + 1));
                } else if is_mail_file(&path) {
                    // A FIFO there would block the import, a device never end.
                    match crate::input::check_in_folder(&path) {
                        Ok(()) => found.push(path),
                        Err(e) => eprintln!("skipped: {}", cell(&e.to_string())),
                    }
                }
            }
        }
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

#[derive(Serialize)]
struct ImportJson {
    files: Vec<FileReport>,
    mails: usize,
    by_kind: KindCounts,
    offers: OfferReport,
    openings: OpeningCounts,
    skipped: usize,
    failed_files: usize,
}

pub fn import_mail(ctx: &Ctx, paths: &[PathBuf], received: Option<&str>, json: bool) -> Result<()> {
    let default_received = received_arg(received)?.unwrap_or_else(Utc::now);
    let files = collect_files(paths)?;
    if files.is_empty() {
        bail!("no files to import");
    }
    let mut store = ctx.open_store()?;
    let progress = if std::io::stderr().is_terminal() && !json {
        let p = indicatif::ProgressBar::new_spinner();
        p.set_message("mails sorted");
        p
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut reports = Vec::with_capacity(files.len());
    for path in &files {
        let mut report = FileReport {
            path: path.display().to_string(),
            ..FileReport::default()
        };
        let mut stored = None;
        if let Err(e) = inbox::import_file(
            &mut store,
            path,
            &ctx.tax,
            ctx.places,
            default_received,
            &mut report,
            &mut stored,
            &mut || progress.inc(1),
        ) {
            report = match stored {
                // The transaction was dropped: this file stored nothing.
                None => FileReport {
                    path: report.path,
                    error: Some(cell(&format!("{e:#}"))),
                    ..FileReport::default()
                },
                // A mailbox keeps what its committed steps stored.
                Some(Stored {
                    messages,
                    report: kept,
                }) => FileReport {
                    error: Some(cell(&format!(
                        "{e:#}; its first {messages} messages are stored, import it again for the rest"
                    ))),
                    ..kept
                },
            };
        }
        reports.push(report);
    }
    progress.finish_and_clear();
    let mut total = ImportJson {
        files: Vec::new(),
        mails: 0,
        by_kind: KindCounts::default(),
        offers: OfferReport::default(),
        openings: OpeningCounts::default(),
        skipped: 0,
        failed_files: 0,
    };
    for r in &reports {
        total.mails += r.mails;
        total.by_kind.merge(&r.by_kind);
        total.offers.add(&r.offers);
        total.openings.merge(&r.openings);
        total.skipped += r.skipped.len();
        total.failed_files += usize::from(r.error.is_some());
    }
    let failed = total.failed_files;
    // Nothing stored at all: the reason is the one line to show.
    if failed == reports.len() {
        if let [only] = reports.as_slice() {
            bail!(
                "{}: {}",
                only.path,
                only.error.as_deref().unwrap_or("not imported")
            );
        }
    }
    total.files = reports;
    if json {
        emit_json(&total)?;
    } else {
        eprint!("{}", render_import(&total));
    }
    if failed > 0 {
        bail!(
            "{failed} of {} files not imported (nothing of them was stored)",
            total.files.len()
        );
    }
    Ok(())
}

fn counts_line(
    mails: usize,
    k: &KindCounts,
    offers: &OfferReport,
    openings: &OpeningCounts,
) -> String {
    format!(
        "{mails} mails ({} offer, {} opening, {} mixed, {} other); offers {} new, {} updated, {} known; openings {} new, {} duplicates, {} known",
        k.offer,
        k.opening,
        k.mixed,
        k.other,
        offers.new,
        offers.updated,
        offers.known,
        openings.new,
        openings.duplicates,
        openings.known
    )
}

fn render_import(t: &ImportJson) -> String {
    let mut s = String::new();
    for f in &t.files {
        match &f.error {
            Some(e) => s.push_str(&format!("{}: not imported: {e}\n", cell(&f.path))),
            None => s.push_str(&format!(
                "{}: {}\n",
                cell(&f.path),
                counts_line(f.mails, &f.by_kind, &f.offers, &f.openings)
            )),
        }
        for u in &f.skipped {
            s.push_str(&format!("  skipped {}\n", cell(u)));
        }
    }
    if t.files.len() > 1 {
        s.push_str(&format!(
            "total: {}; {} skipped\n",
            counts_line(t.mails, &t.by_kind, &t.offers, &t.openings),
            t.skipped
        ));
    }
    s
}

#[derive(Serialize)]
struct OfferedJson {
    id: i64,
    name: String,
    partner: Option<String>,
    depth: u8,
    last_offered_at: Option<DateTime<Utc>>,
    days_since_offer: Option<i64>,
    stale: bool,
    sources: usize,
    available_from: Option<NaiveDate>,
    cost: Option<crate::domain::Man>,
    station: Option<String>,
    top_skills: String,
}

pub fn offers(ctx: &Ctx, args: &OffersArgs) -> Result<()> {
    let as_of = today_or(args.as_of.as_deref())?;
    let store = ctx.open_store()?;
    let cfg = ctx.scoring();
    if let Some(id) = args.engineer {
        let e = store.engineer(id)?;
        let sources = store.offer_sources(id)?;
        if args.json {
            return emit_json(&sources);
        }
        let mut s = format!(
            "#{} {}  last offered {}{}\n",
            e.id,
            cell(&e.name),
            e.last_offered
                .map(|t| t.date_naive().to_string())
                .unwrap_or_else(|| "-".into()),
            if crate::score::is_stale(&e, as_of, &cfg) {
                "  [stale]"
            } else {
                ""
            }
        );
        for src in &sources {
            s.push_str(&format!(
                "\n── {}  {}  {}\n{}\n",
                src.received_at.format("%Y-%m-%d %H:%M"),
                cell(src.partner.as_deref().unwrap_or("-")),
                cell(src.subject.as_deref().unwrap_or("")),
                crate::text::sanitize(src.raw_text.trim(), true)
            ));
        }
        return emit(&s);
    }
    let partners = store.partner_names()?;
    let counts = store.offer_source_counts()?;
    let rows: Vec<OfferedJson> = store
        .load_engineers()?
        .into_iter()
        .filter(|e| e.last_offered.is_some())
        .map(|e| {
            let stale = crate::score::is_stale(&e, as_of, &cfg);
            OfferedJson {
                id: e.id,
                name: e.name.clone(),
                partner: e.partner_id.and_then(|p| partners.get(&p).cloned()),
                depth: e.depth,
                last_offered_at: e.last_offered,
                days_since_offer: e.last_offered.map(|t| (as_of - t.date_naive()).num_days()),
                stale,
                sources: counts.get(&e.id).copied().unwrap_or(0),
                available_from: e.available_from,
                cost: e.cost,
                station: e.station.clone(),
                top_skills: crate::present::top_skills(&e, &ctx.tax, 3),
            }
        })
        .filter(|r| !(args.fresh_only && r.stale))
        .collect();
    if args.json {
        return emit_json(&rows);
    }
    if rows.is_empty() {
        return emit(
            "No partner engineers offered by mail yet. Try `benchmatch import mail FILE`.\n",
        );
    }
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.name.clone(),
                r.partner.clone().unwrap_or_default(),
                r.last_offered_at
                    .map(|t| t.date_naive().to_string())
                    .unwrap_or_default(),
                if r.stale {
                    "stale".into()
                } else {
                    String::new()
                },
                r.sources.to_string(),
                r.available_from.map(|d| d.to_string()).unwrap_or_default(),
                r.cost.map(|c| c.to_string()).unwrap_or_default(),
                r.station.clone().unwrap_or_default(),
                r.top_skills.clone(),
            ]
        })
        .collect();
    emit(&table(
        &[
            "id", "name", "partner", "offered", "stale", "sources", "free", "cost", "station",
            "skills",
        ],
        &table_rows,
        40,
    ))
}
