//! `parse` and `import openings`: postings from text and mail into fields and the store.

use anyhow::{bail, Context as _, Result};
use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::{emit, emit_json, Ctx};
use crate::cli::ParseArgs;
use crate::domain::parse_date;
use crate::ops::import_postings::{self as import, Input, Summary, MAX_FILE_BYTES};
use crate::posting::mail::{self, clean_subject};
use crate::posting::{analyze, split, ParsedPosting};
use crate::text::{cell, pad};

pub fn parse(ctx: &Ctx, args: &ParseArgs) -> Result<()> {
    let from_stdin = args.file.as_ref().is_none_or(|f| f.as_os_str() == "-");
    if from_stdin && std::io::stdin().is_terminal() {
        bail!("give a posting FILE, or pipe one into stdin (benchmatch parse - < posting.txt)");
    }
    let (name, bytes) = match &args.file {
        Some(f) if f.as_os_str() != "-" => (f.display().to_string(), read_limited(Some(f))?),
        _ => ("stdin".to_string(), read_limited(None)?),
    };
    let received_arg = args.received.as_deref().map(day_start).transpose()?;
    let is_eml = name.to_ascii_lowercase().ends_with(".eml");
    let own = ctx.config.company.names.clone();
    let (body, received, subject, firm) = if is_eml || mail::looks_like_mail(&bytes) {
        let m = mail::read_mail(&bytes).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        let received = received_arg.or(m.date).unwrap_or_else(Utc::now);
        let firm = crate::posting::sender::sending_firm(&m, &own);
        (
            m.body,
            received,
            m.subject.as_deref().map(clean_subject),
            firm,
        )
    } else {
        let text = mail::decode_text(&bytes).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        (text, received_arg.unwrap_or_else(Utc::now), None, None)
    };
    let learned = Learned::read(ctx, firm.as_deref())?;
    let parts = split::parts(&body);
    let shared = crate::posting::shared_terms(&body, &parts.shared, received, &ctx.tax);
    let several = parts.postings.len() > 1;
    let mut postings: Vec<ParsedPosting> = Vec::with_capacity(parts.postings.len());
    let mut applied_all = Vec::with_capacity(parts.postings.len());
    for r in &parts.postings {
        let a = analyze(&body[r.clone()], received, &ctx.tax);
        let mut posting = a.posting;
        if let Some(sh) = &shared {
            posting.fill_from(sh);
        }
        // A mail's subject names a posting better than its first line, when it is the only one.
        if !a.title_labelled && !several {
            if let Some(s) = subject.clone().filter(|s| !s.is_empty()) {
                posting.title = Some(cell(&s));
            }
        }
        let applied = crate::posting::learned::apply_posting(
            &learned.rules,
            learned.partner,
            &mut posting,
            &ctx.tax,
        );
        postings.push(posting);
        applied_all.push(applied);
    }
    if args.json {
        let mut v = json_of(&postings)?;
        learned.annotate(&mut v, &applied_all, firm.as_deref());
        return emit_json(&v);
    }
    let notes = |k: usize| learned.lines(firm.as_deref(), &applied_all[k], args.explain);
    if let [one] = postings.as_slice() {
        return emit(&(human(one) + &notes(0)));
    }
    let mut out = format!("{name} holds {} postings\n", postings.len());
    for (k, p) in postings.iter().enumerate() {
        out.push_str(&format!(
            "\n--- posting {} of {} ---\n",
            k + 1,
            postings.len()
        ));
        out.push_str(&human(p));
        out.push_str(&notes(k));
    }
    emit(&out)
}

/// The store's learned reading rules, when there is a database, for the sending firm.
struct Learned {
    rules: crate::posting::learned::Rules,
    partner: Option<i64>,
}

impl Learned {
    fn read(ctx: &Ctx, firm: Option<&str>) -> Result<Learned> {
        let mut l = Learned {
            rules: Default::default(),
            partner: None,
        };
        // `parse` never creates a database; without one nothing has been learned.
        if !ctx.paths.db.exists() {
            return Ok(l);
        }
        let store = ctx.open_store()?;
        l.rules = crate::posting::learned::Rules::new(store.learned_rules()?);
        l.partner = firm.and_then(|f| store.partner_id(f).ok());
        Ok(l)
    }

    /// `sent by` and each learned rule that changed the reading; with `explain`, also
    /// the rules in force for this firm.
    fn lines(
        &self,
        firm: Option<&str>,
        applied: &[crate::posting::learned::Applied],
        explain: bool,
    ) -> String {
        let mut out = String::new();
        let mut row = |k: &str, v: &str| {
            out.push_str(&pad(k, 16));
            out.push_str(&cell(v));
            out.push('\n');
        };
        if let Some(f) = firm {
            row("sent by", f);
        }
        for a in applied {
            row("learned", &format!("{} ← {}", a.read, a.rule.describe()));
        }
        if explain {
            let force = self.rules.in_force(self.partner);
            if force.is_empty() {
                row("rules in force", "none learned yet");
            }
            for f in force {
                row("rule in force", &f.describe());
            }
        }
        out
    }

    /// `sent_by` and `learned` keys on each posting object of the JSON.
    fn annotate(
        &self,
        v: &mut serde_json::Value,
        applied: &[Vec<crate::posting::learned::Applied>],
        firm: Option<&str>,
    ) {
        let put = |o: &mut serde_json::Value, k: usize| {
            if let Some(o) = o.as_object_mut() {
                o.insert("sent_by".into(), firm.into());
                let rules: Vec<serde_json::Value> = applied
                    .get(k)
                    .into_iter()
                    .flatten()
                    .map(|a| serde_json::json!({"read": a.read, "rule": a.rule.describe()}))
                    .collect();
                o.insert("learned".into(), rules.into());
            }
        };
        put(v, 0);
        if let Some(all) = v.get_mut("openings").and_then(|a| a.as_array_mut()) {
            for (k, o) in all.iter_mut().enumerate() {
                put(o, k);
            }
        }
    }
}

/// One posting as one object (the documented keys); several as the first one's object
/// with every posting under `openings`, so scripts that read one posting keep working.
fn json_of(postings: &[ParsedPosting]) -> Result<serde_json::Value> {
    let mut first = serde_json::to_value(postings.first().context("no posting")?)?;
    if postings.len() > 1 {
        let all = serde_json::to_value(postings)?;
        if let Some(o) = first.as_object_mut() {
            o.insert("openings".into(), all);
        }
    }
    Ok(first)
}

/// The start of a calendar day in Japan, where postings are dated.
fn day_start(s: &str) -> Result<DateTime<Utc>> {
    let d = parse_date(s).map_err(anyhow::Error::msg)?;
    let jst = chrono::FixedOffset::east_opt(9 * 3600).context("time zone")?;
    jst.from_local_datetime(&d.and_time(NaiveTime::MIN))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .context("invalid --received date")
}

/// A file or stdin, refusing what is too large to be one posting.
fn read_limited(path: Option<&PathBuf>) -> Result<Vec<u8>> {
    let name = path.map_or("stdin".to_string(), |p| p.display().to_string());
    let read = match path {
        Some(p) => crate::input::read_path(p),
        None => crate::input::read_stdin(),
    };
    let bytes = read.map_err(|e| match e {
        crate::input::InputError::TooLarge { .. } => anyhow::anyhow!(
            "{name}: larger than {} MB, too large for one posting (import a mailbox with `import openings`)",
            MAX_FILE_BYTES / 1_048_576
        ),
        other => other.into(),
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        bail!("{name}: empty");
    }
    Ok(bytes)
}

/// Aligned `key  value` lines, every value sanitized for the terminal.
fn human(p: &ParsedPosting) -> String {
    let list = |v: &[String]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.join(", ")
        }
    };
    let opt = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let or_dash = |v: String| if v.is_empty() { "-".to_string() } else { v };
    let yes_no = |v: Option<bool>| opt(v.map(|b| if b { "yes" } else { "no" }.to_string()));
    let rate = match (p.rate_min, p.rate_max) {
        (None, None) => "-".to_string(),
        (a, b) => crate::present::rate_band(a, b),
    };
    let rows: Vec<(&str, String)> = vec![
        ("title", opt(p.title.clone())),
        (
            "must",
            or_dash(crate::present::must_label(&p.must, crate::i18n::Lang::En)),
        ),
        (
            "nice",
            or_dash(crate::present::nice_label(&p.nice, crate::i18n::Lang::En)),
        ),
        ("unknown", list(&p.unknown_terms)),
        ("rate", rate),
        ("rate as written", opt(p.rate_text.clone())),
        (
            "settlement",
            match (p.settle_min_h, p.settle_max_h) {
                (Some(a), Some(b)) => format!("{a}-{b}h"),
                _ => "-".into(),
            },
        ),
        ("location", opt(p.location.clone())),
        ("remote", opt(p.remote.map(|r| r.as_str().to_string()))),
        ("start", opt(p.start.map(|s| s.to_string()))),
        ("duration", opt(p.duration.clone())),
        ("interviews", opt(p.interviews.map(|n| n.to_string()))),
        ("headcount", opt(p.headcount.map(|n| n.to_string()))),
        ("max depth", opt(p.max_depth.map(|n| n.to_string()))),
        (
            "depth with fee",
            opt(p.depth_with_fee.map(|n| n.to_string())),
        ),
        ("freelancer ok", yes_no(p.freelancer_ok)),
        ("foreign ok", yes_no(p.foreign_ok)),
        ("age limit", opt(p.age_limit.map(|n| n.to_string()))),
        ("language", p.lang.to_string()),
    ];
    let mut out = String::new();
    for (k, v) in rows {
        out.push_str(&pad(k, 16));
        out.push_str(&cell(&v));
        out.push('\n');
    }
    for w in &p.warnings {
        out.push_str(&pad("warning", 16));
        out.push_str(&cell(w));
        out.push('\n');
    }
    out.push_str(&requirement_sources(p));
    out
}

/// Each must group and nice requirement with its years, and the line it was read from.
fn requirement_sources(p: &ParsedPosting) -> String {
    use crate::i18n::Lang;
    let from = |name: &str| {
        p.requirement_lines
            .iter()
            .find(|(n, _)| n == name)
            .map_or(String::new(), |(_, l)| l.clone())
    };
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for g in &p.must {
        let label =
            crate::present::group_label(g.iter().map(|r| (r.name.as_str(), r.min_years)), Lang::En);
        let kind = if g.len() > 1 { "must (any)" } else { "must" };
        rows.push((kind.into(), label, from(&g[0].name)));
    }
    for r in &p.nice {
        let label = crate::present::requirement_label(&r.name, r.min_years, Lang::En);
        rows.push(("nice".into(), label, from(&r.name)));
    }
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nrequirements, as read\n");
    for (kind, label, line) in rows {
        out.push_str("  ");
        out.push_str(&pad(&kind, 12));
        out.push_str(&pad(&cell(&label), 32));
        if !line.is_empty() {
            out.push_str("← ");
            out.push_str(&cell(&line));
        }
        out.push('\n');
    }
    out
}

pub fn import_openings(ctx: &Ctx, paths: &[PathBuf]) -> Result<()> {
    let mut inputs: Vec<Input> = Vec::new();
    let mut structured: Vec<(PathBuf, Option<String>)> = Vec::new();
    let mut plain: Vec<PathBuf> = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            let bytes = read_stdin_all()?;
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).into_owned();
            if head
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with(['[', '{'])
            {
                let text = String::from_utf8(bytes).context("stdin: JSON must be UTF-8")?;
                structured.push((p.clone(), Some(text)));
            } else {
                inputs.push(Input::Bytes {
                    name: "stdin".into(),
                    bytes,
                });
            }
        } else {
            plain.push(p.clone());
        }
    }
    let (files, skipped, mut early_failures) = import::expand(&plain);
    // Paths that could not be walked or read at all (a FIFO, a device) count as files too.
    let unread = early_failures.len();
    for f in files {
        if is_structured(&f) {
            structured.push((f, None));
        } else {
            inputs.push(Input::File(f));
        }
    }
    let mut structured_failed = 0;
    for (path, text) in &structured {
        let result = match text {
            Some(t) => super::data::import_structured_openings(ctx, path, t),
            None => super::data::read_input(path)
                .and_then(|t| super::data::import_structured_openings(ctx, path, &t)),
        };
        if let Err(e) = result {
            structured_failed += 1;
            early_failures.push(import::Failure {
                what: path.display().to_string(),
                reason: cell(&format!("{e:#}")),
            });
        }
    }
    let mut summary = Summary::default();
    if !inputs.is_empty() {
        let mut store = ctx.open_store()?;
        let total: u64 = inputs.iter().map(Input::len).sum();
        let bar = progress_bar(total, inputs.len());
        summary = import::import(&mut store, &ctx.tax, &inputs, Utc::now(), &mut |n| {
            bar.inc(n)
        });
        bar.finish_and_clear();
    }
    summary.skipped = skipped;
    let file_failures = early_failures.len()
        + summary
            .failed
            .iter()
            .filter(|f| inputs.iter().any(|i| i.name() == f.what))
            .count();
    summary.failed.splice(0..0, early_failures);
    if !inputs.is_empty() || summary.failed.len() > structured_failed {
        eprint!("{}", summary_text(&summary));
    } else if structured_failed > 0 {
        for f in &summary.failed {
            eprintln!("failed: {}: {}", f.what, f.reason);
        }
    }
    if file_failures > 0 {
        bail!(
            "{file_failures} of {} files could not be imported",
            inputs.len() + structured.len() + unread
        );
    }
    Ok(())
}

fn is_structured(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("csv"))
}

fn read_stdin_all() -> Result<Vec<u8>> {
    Ok(crate::input::read_stdin()?)
}

/// A byte-counting bar on stderr, only when someone is watching a terminal.
fn progress_bar(total: u64, files: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() || total == 0 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} importing {msg} [{bar:30}] {bytes}/{total_bytes} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message(format!("{files} files"));
    bar
}

/// `12 new openings, 3 duplicates linked, 2 already imported (17 postings in 5 files)` and the failures.
pub fn summary_text(s: &Summary) -> String {
    let mut out = format!(
        "{} new openings, {} duplicates linked, {} already imported ({} postings in {} files)\n",
        s.new, s.duplicates, s.known, s.postings, s.files
    );
    if s.skipped > 0 {
        out.push_str(&format!(
            "{} files in folders skipped (not text, mail or a mailbox by name)\n",
            s.skipped
        ));
    }
    if !s.failed.is_empty() {
        out.push_str(&format!("{} failed:\n", s.failed.len()));
        for f in &s.failed {
            out.push_str(&format!("  {}: {}\n", cell(&f.what), cell(&f.reason)));
        }
    }
    out
}
