//! `stats`, `check`, `pitch`, `clients`, `client set`, `partners`, `partner`.

use anyhow::{bail, Result};
use chrono::{Local, NaiveDate, Utc};
use serde::Serialize;

use super::super::{emit, emit_json, today_or, Ctx};
use crate::cli::{CheckArgs, ClientCommand, PartnerCommand, PitchArgs, StatsArgs};
use crate::domain::{parse_date, Rank};
use crate::i18n::Lang;
use crate::ops::pitch::{PitchRequest, Template};
use crate::pipeline::checks::{Problem, Severity};
use crate::pipeline::stats::{compute, Bucket};
use crate::store::Store;
use crate::text::{cell, sanitize, table};

pub fn stats(ctx: &Ctx, args: &StatsArgs) -> Result<()> {
    let from = args
        .from
        .as_deref()
        .map(parse_date)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let store = ctx.open_store()?;
    let (openings, proposals) = store.response_facts()?;
    let s = compute(
        &openings,
        &proposals,
        from,
        Utc::now(),
        ctx.config.dashboard.wait_limit_hours,
        &ctx.config.response,
    );
    if let Some(path) = &args.output.xlsx {
        return crate::commands::workbook::save(path, &s, ctx.lang, crate::xlsx::report::stats);
    }
    if args.output.json {
        return emit_json(&s);
    }
    let ja = ctx.lang == Lang::Ja;
    let hours = |h: Option<f64>| h.map(|h| format!("{h:.1}h")).unwrap_or_else(|| "-".into());
    let pct = |r: Option<f64>| {
        r.map(|r| format!("{:.0}%", r * 100.0))
            .unwrap_or_else(|| "-".into())
    };
    let row = |b: &Bucket| {
        vec![
            b.key.clone(),
            b.openings.to_string(),
            b.answered.to_string(),
            b.answered_none.to_string(),
            b.unanswered.to_string(),
            hours(b.median_response_hours),
            hours(b.p90_response_hours),
            b.over_limit.to_string(),
            b.proposals_per_opening
                .map(|v| format!("{v:.2}"))
                .unwrap_or_else(|| "-".into()),
            pct(b.interview_rate),
            pct(b.win_rate),
        ]
    };
    let headers: &[&str] = if ja {
        &[
            "区分",
            "案件",
            "回答",
            "該当なし",
            "未回答",
            "中央値",
            "p90",
            "超過",
            "提案/件",
            "面談率",
            "成約率",
        ]
    } else {
        &[
            "group",
            "openings",
            "answered",
            "none",
            "waiting",
            "median",
            "p90",
            "over",
            "prop/open",
            "interview",
            "win",
        ]
    };
    let mut out = if ja {
        format!(
            "初回回答までの時間{} (上限 {}時間){}\n\n",
            if s.business_hours {
                " (営業時間)"
            } else {
                ""
            },
            s.limit_hours,
            s.from
                .map(|f| format!("、{f} 以降の受信分"))
                .unwrap_or_default()
        )
    } else {
        format!(
            "Time to first response{} (limit {} h){}\n\n",
            if s.business_hours {
                " in business hours"
            } else {
                ""
            },
            s.limit_hours,
            s.from
                .map(|f| format!(", openings received since {f}"))
                .unwrap_or_default()
        )
    };
    let mut rows = vec![row(&s.overall)];
    rows.extend(s.by_rank.iter().map(row));
    out.push_str(&table(headers, &rows, 20));
    out.push('\n');
    let rows: Vec<Vec<String>> = s.by_month.iter().map(row).collect();
    out.push_str(&table(headers, &rows, 20));
    emit(&out)
}

#[derive(Serialize)]
struct ProblemJson<'a> {
    engineer_id: i64,
    name: &'a str,
    severity: Severity,
    message: String,
    #[serde(flatten)]
    problem: &'a Problem,
}

pub fn check(ctx: &Ctx, args: &CheckArgs) -> Result<()> {
    let today = today_or(args.as_of.as_deref())?;
    let store = ctx.open_store()?;
    let engineers = match args.engineer {
        Some(id) => vec![store.engineer(id)?],
        None => store.load_engineers()?,
    };
    let mut found =
        crate::ops::checks::problems(&store, &engineers, today, &ctx.config.checks, &ctx.tax)?;
    found.retain(|(_, p)| !args.errors_only || p.severity() == Severity::Error);
    if args.json {
        let v: Vec<ProblemJson> = found
            .iter()
            .map(|(i, p)| ProblemJson {
                engineer_id: engineers[*i].id,
                name: &engineers[*i].name,
                severity: p.severity(),
                message: p.render(Lang::En),
                problem: p,
            })
            .collect();
        return emit_json(&v);
    }
    let ja = ctx.lang == Lang::Ja;
    if found.is_empty() {
        return emit(if ja {
            "問題は見つかりませんでした。\n"
        } else {
            "No problems found.\n"
        });
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|(i, p)| {
            vec![
                engineers[*i].id.to_string(),
                engineers[*i].name.clone(),
                match (p.severity(), ja) {
                    (Severity::Error, true) => "矛盾".into(),
                    (Severity::Warning, true) => "注意".into(),
                    (Severity::Error, false) => "error".into(),
                    (Severity::Warning, false) => "warning".to_string(),
                },
                p.render(ctx.lang),
            ]
        })
        .collect();
    let headers: &[&str] = if ja {
        &["id", "氏名", "種別", "内容"]
    } else {
        &["id", "name", "kind", "problem"]
    };
    let mut s = table(headers, &rows, 60);
    let errors = found
        .iter()
        .filter(|(_, p)| p.severity() == Severity::Error)
        .count();
    let people: std::collections::HashSet<usize> = found.iter().map(|(i, _)| *i).collect();
    s.push_str(&if ja {
        format!(
            "\n{}名に {}件 (矛盾 {}件)\n",
            people.len(),
            found.len(),
            errors
        )
    } else {
        format!(
            "\n{} problem(s) in {} profile(s), {} error(s)\n",
            found.len(),
            people.len(),
            errors
        )
    });
    emit(&s)
}

/// The profile errors of one engineer as warning lines, for `propose`.
pub(super) fn check_warnings(
    ctx: &Ctx,
    store: &Store,
    engineer_id: i64,
    today: NaiveDate,
) -> Result<String> {
    let e = store.engineer(engineer_id)?;
    let mut s = String::new();
    for p in crate::ops::checks::profile_errors(store, &e, today, &ctx.config.checks, &ctx.tax)? {
        s.push_str(&format!("  ⚠ {}\n", cell(&p.render(ctx.lang))));
    }
    Ok(s)
}

pub fn pitch(ctx: &Ctx, args: &PitchArgs) -> Result<()> {
    let today = today_or(args.as_of.as_deref())?;
    let store = ctx.open_store()?;
    let (opening_id, engineer_id, proposal) = match args.ids[..] {
        [p] => {
            let item = store.pipeline_item(p)?;
            (item.opening_id, item.engineer_id, Some(item))
        }
        [o, e] => {
            let existing = store.proposal_for(o, e)?;
            let item = existing.map(|id| store.pipeline_item(id)).transpose()?;
            (o, e, item)
        }
        _ => bail!("give a PROPOSAL id, or an OPENING id and an ENGINEER id"),
    };
    let templates = ctx.paths.config_dir.join("templates");
    let template = Template::load(Some(&templates), ctx.lang).map_err(anyhow::Error::msg)?;
    let request = PitchRequest {
        opening_id,
        engineer_id,
        proposal: proposal.as_ref(),
    };
    let p = crate::ops::pitch::build(
        &store,
        &request,
        &template,
        today,
        ctx.lang,
        &ctx.tax,
        &ctx.config.checks,
    )?;
    // Warnings go to stderr: they are for the rep, never part of the message.
    for w in &p.warnings {
        eprintln!("  ⚠ {}", w.render(ctx.lang));
    }
    match &args.out {
        Some(path) => {
            crate::output::write_private(path, p.text.as_bytes())?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        None => emit(&sanitize(&p.text, true)),
    }
}

fn parse_rank(flag: &str, v: Option<&str>) -> Result<Option<Rank>> {
    match v {
        None => Ok(None),
        Some(s) => Rank::parse(s)
            .map(Some)
            .ok_or_else(|| anyhow::anyhow!("{flag} '{s}' is not one of A, B, C, D")),
    }
}

pub fn clients(ctx: &Ctx, json: bool) -> Result<()> {
    let store = ctx.open_store()?;
    let list = store.client_list()?;
    if json {
        return emit_json(&list);
    }
    if list.is_empty() {
        return emit("No clients yet. Add one with `benchmatch client set NAME --rank A`.\n");
    }
    let r = |r: Option<Rank>| r.map_or("-", Rank::as_str).to_string();
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                c.name.clone(),
                r(c.rank),
                r(c.rank_expected),
                format!("{}/{}", c.open_openings, c.openings),
                format!("{}/{}", c.won, c.proposals),
                c.relationship.clone(),
            ]
        })
        .collect();
    let headers: &[&str] = if ctx.lang == Lang::Ja {
        &[
            "id",
            "顧客",
            "ランク",
            "半年後",
            "案件(進行/全)",
            "成約/提案",
            "関係",
        ]
    } else {
        &[
            "id",
            "client",
            "rank",
            "in 6 mo",
            "open/openings",
            "won/proposals",
            "relationship",
        ]
    };
    emit(&table(headers, &rows, 40))
}

pub fn client(ctx: &Ctx, cmd: ClientCommand) -> Result<()> {
    match cmd {
        ClientCommand::Set {
            name,
            rank,
            expected,
            note,
        } => {
            let rank = parse_rank("--rank", rank.as_deref())?;
            let expected = parse_rank("--expected", expected.as_deref())?;
            let mut store = ctx.open_store()?;
            let (id, created) = crate::ops::records::set_client(
                &mut store,
                &name,
                rank,
                expected,
                note.as_deref(),
            )?;
            emit(&format!(
                "client {id} {} {}\n",
                cell(name.trim()),
                if created { "created" } else { "updated" }
            ))
        }
    }
}

pub fn partners(ctx: &Ctx, json: bool) -> Result<()> {
    let store = ctx.open_store()?;
    let list = store.partner_list()?;
    if json {
        return emit_json(&list);
    }
    if list.is_empty() {
        return emit("No partners yet. Partners come with imported engineers, or `benchmatch partner set NAME`.\n");
    }
    let ja = ctx.lang == Lang::Ja;
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            vec![
                p.id.to_string(),
                p.name.clone(),
                p.contact.clone(),
                p.engineers.to_string(),
                p.incidents.len().to_string(),
                p.notes.clone(),
            ]
        })
        .collect();
    let headers: &[&str] = if ja {
        &["id", "パートナー", "担当", "要員", "事故", "メモ"]
    } else {
        &[
            "id",
            "partner",
            "contact",
            "engineers",
            "incidents",
            "notes",
        ]
    };
    let mut s = table(headers, &rows, 40);
    for p in list.iter().filter(|p| !p.incidents.is_empty()) {
        s.push_str(&format!("\n{}\n", cell(&p.name)));
        for i in &p.incidents {
            s.push_str(&format!(
                "  {}  {}\n",
                i.at.with_timezone(&Local).format("%Y-%m-%d"),
                cell(&i.text)
            ));
        }
    }
    emit(&s)
}

pub fn partner(ctx: &Ctx, cmd: PartnerCommand) -> Result<()> {
    let mut store = ctx.open_store()?;
    match cmd {
        PartnerCommand::Set {
            name,
            contact,
            note,
        } => {
            let (id, created) = crate::ops::records::set_partner(
                &mut store,
                &name,
                contact.as_deref(),
                note.as_deref(),
            )?;
            emit(&format!(
                "partner {id} {} {}\n",
                cell(name.trim()),
                if created { "created" } else { "updated" }
            ))
        }
        PartnerCommand::Incident { name, text } => {
            let id = crate::ops::records::add_incident(&mut store, &name, &text, Utc::now())?;
            emit(&format!(
                "incident {id} recorded for {}\n",
                cell(name.trim())
            ))
        }
    }
}
