//! The pipeline from the command line: `propose`, `pipeline`, `stage`, `answer`, and
//! (in the submodules) `edit opening`, `history`, `stats`, `pitch`, `check`, clients, partners.

mod report;
mod revise;

pub use report::{check, client, clients, partner, partners, pitch, stats};
pub use revise::{edit, history};

use crate::ops::undo::Actor;
use anyhow::{Context as _, Result};
use chrono::{DateTime, Local, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};

use super::{emit, emit_json, today_or, Ctx};
use crate::cli::{AnswerArgs, PipelineArgs, ProposeArgs, StageArgs};
use crate::domain::Man;
use crate::i18n::Lang;
use crate::pipeline::board::{display_order, flag_all, Flags, PipelineItem};
use crate::pipeline::Stage;
use crate::store::{Incident, StageChange, StageEvent, Store};
use crate::text::{cell, table};

/// Local wall-clock time, as reps read it.
fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// A yes/no question on the terminal; anything but y/yes is no.
fn confirm(question: &str) -> Result<bool> {
    let mut err = std::io::stderr().lock();
    write!(err, "{question} [y/N] ").context("writing to stderr")?;
    err.flush().context("writing to stderr")?;
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the answer")?;
    Ok(matches!(
        line.trim().to_ascii_lowercase().as_str(),
        "y" | "yes" | "はい"
    ))
}

/// Ask only when a person is there to answer.
fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

fn parse_rate(r: Option<f64>) -> Result<Option<Man>> {
    match r {
        Some(r) => Ok(Some(Man::new(r).ok_or_else(|| {
            anyhow::anyhow!(
                "--rate {r} is not a monthly rate in 万円 (0 to {})",
                Man::MAX
            )
        })?)),
        None => Ok(None),
    }
}

/// `#7 Java開発 (A社)`: an opening as a board line names it.
fn opening_label(p: &PipelineItem) -> String {
    match &p.client {
        Some(c) => format!("#{} {} ({})", p.opening_id, cell(&p.opening_title), cell(c)),
        None => format!("#{} {}", p.opening_id, cell(&p.opening_title)),
    }
}

/// One line per other proposal: id, opening, stage.
fn proposal_lines(ids: &[i64], board: &[PipelineItem], lang: Lang) -> String {
    let mut s = String::new();
    for id in ids {
        if let Some(p) = board.iter().find(|p| p.id == *id) {
            s.push_str(&format!(
                "    #{}  {}  {}\n",
                p.id,
                opening_label(p),
                p.stage.label(lang)
            ));
        }
    }
    s
}

/// Warnings about a partner's incidents, newest first, at most three.
fn incident_lines(partner: Option<&str>, incidents: &[Incident], lang: Lang) -> String {
    let mut s = String::new();
    if incidents.is_empty() {
        return s;
    }
    let name = cell(partner.unwrap_or("?"));
    s.push_str(&if lang == Lang::Ja {
        format!("  ⚠ パートナー {name} の事故 {}件:\n", incidents.len())
    } else {
        format!("  ⚠ partner {name} has {} incident(s):\n", incidents.len())
    });
    for i in incidents.iter().rev().take(3) {
        s.push_str(&format!(
            "      {}  {}\n",
            i.at.with_timezone(&Local).format("%Y-%m-%d"),
            cell(&i.text)
        ));
    }
    s
}

/// The flags column of the board, in words.
fn flag_text(p: &PipelineItem, f: &Flags, incidents: usize, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut v: Vec<String> = Vec::new();
    if f.unsigned {
        let days = match f.days_to_start {
            Some(d) if d < 0 => {
                if ja {
                    format!("開始日を{}日過ぎ", -d)
                } else {
                    format!("start passed {} days ago", -d)
                }
            }
            Some(d) => {
                if ja {
                    format!("開始まで{d}日")
                } else {
                    format!("{d} days to start")
                }
            }
            None => {
                if ja {
                    "開始日未定".into()
                } else {
                    "start unknown".into()
                }
            }
        };
        let head = match (f.urgent, ja) {
            (true, true) => "‼至急 未契約",
            (false, true) => "未契約",
            (true, false) => "‼URGENT unsigned",
            (false, false) => "unsigned",
        };
        v.push(format!("{head} ({days})"));
    }
    // A closed proposal has no parallel ones to worry about; JSON still lists them.
    if !f.parallel.is_empty() && p.stage.is_open() {
        let ids = f
            .parallel
            .iter()
            .map(|i| format!("#{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        v.push(if ja {
            format!("並行 {ids}")
        } else {
            format!("parallel {ids}")
        });
    }
    if let (Some(d), true) = (p.start_on, p.stage.is_open()) {
        v.push(if ja {
            format!("内定開始 {d}")
        } else {
            format!("agreed start {d}")
        });
    }
    if f.outdated_revision {
        v.push(if ja {
            format!("旧版 rev{}<{}", p.revision, p.opening_revision)
        } else {
            format!("old rev {}<{}", p.revision, p.opening_revision)
        });
    }
    if let Some((rate, cap)) = f.rate_above_cap {
        v.push(if ja {
            format!("単価超過 {}>{} (上限変更)", rate, cap)
        } else {
            format!("rate {} above cap {}", rate, cap)
        });
    }
    if !f.musts_unmet.is_empty() {
        let musts = f.musts_unmet.join(", ");
        v.push(if ja {
            format!("必須追加 未充足: {musts}")
        } else {
            format!("new must not met: {musts}")
        });
    }
    if f.partner_unconfirmed {
        v.push(
            if ja {
                "BP確約なし"
            } else {
                "partner unconfirmed"
            }
            .into(),
        );
    }
    if incidents > 0 {
        v.push(if ja {
            format!("BP事故{incidents}件")
        } else {
            format!("partner incidents {incidents}")
        });
    }
    v.join(" · ")
}

#[derive(Serialize)]
struct ItemJson<'a> {
    id: i64,
    opening_id: i64,
    engineer_id: i64,
    stage: Stage,
    stage_at: String,
    created_at: String,
    signed_at: Option<String>,
    unsigned: bool,
    urgent: bool,
    days_to_start: Option<i64>,
    start: Option<String>,
    /// The start agreed at 内定, when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    start_on: Option<String>,
    parallel: &'a [i64],
    revision: u32,
    opening_revision: u32,
    outdated_revision: bool,
    /// The rate above the opening's cap now: `[rate, cap]` in 万円.
    #[serde(skip_serializing_if = "Option::is_none")]
    rate_above_cap: Option<(Man, Man)>,
    /// Must groups a revision added that the engineer does not meet, as written.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    musts_unmet: &'a [String],
    interviews: u32,
    rate: Option<Man>,
    opening_title: &'a str,
    client: Option<&'a str>,
    engineer_name: &'a str,
    initials: &'a str,
    affiliation: &'static str,
    depth: u8,
    partner: Option<&'a str>,
    partner_confirmed: Option<bool>,
    partner_unconfirmed: bool,
    partner_incidents: usize,
    notes: &'a str,
    /// The proposal's story, oldest first: every stage with when and the note.
    events: Vec<StageEvent>,
}

fn item_json<'a>(
    p: &'a PipelineItem,
    f: &'a Flags,
    incidents: usize,
    events: Vec<StageEvent>,
) -> ItemJson<'a> {
    ItemJson {
        id: p.id,
        opening_id: p.opening_id,
        engineer_id: p.engineer_id,
        stage: p.stage,
        stage_at: p.stage_at.to_rfc3339(),
        created_at: p.created_at.to_rfc3339(),
        signed_at: p.signed_at.map(|d| d.to_rfc3339()),
        unsigned: f.unsigned,
        urgent: f.urgent,
        days_to_start: f.days_to_start,
        start: p.start.map(|s| s.to_string()),
        start_on: p.start_on.map(|d| d.to_string()),
        parallel: &f.parallel,
        revision: p.revision,
        opening_revision: p.opening_revision,
        outdated_revision: f.outdated_revision,
        rate_above_cap: f.rate_above_cap,
        musts_unmet: &f.musts_unmet,
        interviews: p.interviews,
        rate: p.rate,
        opening_title: &p.opening_title,
        client: p.client.as_deref(),
        engineer_name: &p.engineer_name,
        initials: &p.initials,
        affiliation: p.affiliation.as_str(),
        depth: p.depth,
        partner: p.partner.as_deref(),
        partner_confirmed: p.partner_confirmed,
        partner_unconfirmed: f.partner_unconfirmed,
        partner_incidents: incidents,
        notes: &p.notes,
        events,
    }
}

fn incident_count(p: &PipelineItem, incidents: &HashMap<i64, Vec<Incident>>) -> usize {
    p.partner_id
        .and_then(|id| incidents.get(&id))
        .map_or(0, Vec::len)
}

pub fn propose(ctx: &Ctx, args: &ProposeArgs) -> Result<()> {
    let rate = parse_rate(args.rate)?;
    let mut store = ctx.open_store()?;
    if let Some(w) =
        crate::ops::sync::proposed_by_others(&store, args.opening, args.engineer, ctx.lang)?
    {
        eprintln!("{w}");
    }
    let id = crate::ops::undo::propose(
        &mut store,
        &Actor::current("cli"),
        args.opening,
        args.engineer,
        rate,
        args.note.trim(),
        Utc::now(),
        ctx.lang,
    )?;
    let board = store.pipeline()?;
    let today = Local::now().date_naive();
    let flags = flag_all(&board, today, &ctx.config.pipeline);
    let Some(i) = board.iter().position(|p| p.id == id) else {
        return emit(&format!("proposal {id}\n"));
    };
    let (p, f) = (&board[i], &flags[i]);
    let lang = ctx.lang;
    let mut s = format!(
        "proposal {id}: #{} {} → {} (rev {})\n",
        p.engineer_id,
        cell(&p.engineer_name),
        opening_label(p),
        p.revision
    );
    if !f.parallel.is_empty() {
        s.push_str(if lang == Lang::Ja {
            "  並行提案:\n"
        } else {
            "  also proposed to:\n"
        });
        s.push_str(&proposal_lines(&f.parallel, &board, lang));
    }
    if let Some(pid) = p.partner_id {
        let incidents = store.incidents()?;
        s.push_str(&incident_lines(
            p.partner.as_deref(),
            incidents.get(&pid).map_or(&[], Vec::as_slice),
            lang,
        ));
    }
    s.push_str(&report::check_warnings(ctx, &store, p.engineer_id, today)?);
    emit(&s)
}

pub fn board(ctx: &Ctx, args: &PipelineArgs) -> Result<()> {
    let today = today_or(args.as_of.as_deref())?;
    let stages: Vec<Stage> = args
        .stages
        .iter()
        .map(|s| Stage::parse(s))
        .collect::<Result<_, _>>()?;
    let store = ctx.open_store()?;
    let all = store.pipeline()?;
    let incidents = store.incidents()?;
    // Flags see the whole board, so parallel proposals show even when filtered out.
    let flags = flag_all(&all, today, &ctx.config.pipeline);
    let keep = |p: &PipelineItem| {
        (if stages.is_empty() {
            args.all || p.stage.is_open()
        } else {
            stages.contains(&p.stage)
        }) && args.engineer.is_none_or(|e| p.engineer_id == e)
            && args.opening.is_none_or(|o| p.opening_id == o)
    };
    let order: Vec<usize> = display_order(&all, &flags)
        .into_iter()
        .filter(|&i| keep(&all[i]))
        .collect();
    if args.output.json || args.output.xlsx.is_some() {
        let v: Vec<ItemJson> = order
            .iter()
            .map(|&i| -> Result<ItemJson> {
                let events = store.proposal_events(all[i].id)?;
                Ok(item_json(
                    &all[i],
                    &flags[i],
                    incident_count(&all[i], &incidents),
                    events,
                ))
            })
            .collect::<Result<_>>()?;
        if let Some(path) = &args.output.xlsx {
            return super::workbook::save(path, &v, ctx.lang, crate::xlsx::report::pipeline);
        }
        return emit_json(&v);
    }
    let ja = ctx.lang == Lang::Ja;
    if order.is_empty() {
        return emit(if ja {
            "該当する提案はありません。`benchmatch propose OPENING ENGINEER` で提案を記録します。\n"
        } else {
            "No proposals to show. Record one with `benchmatch propose OPENING ENGINEER`.\n"
        });
    }
    let rows: Vec<Vec<String>> = order
        .iter()
        .map(|&i| {
            let (p, f) = (&all[i], &flags[i]);
            let stage = if p.stage == Stage::Interviewed && p.interviews > 1 {
                format!("{} ×{}", p.stage.label(ctx.lang), p.interviews)
            } else {
                p.stage.label(ctx.lang).to_string()
            };
            vec![
                p.id.to_string(),
                stage,
                crate::text::truncate(&opening_label(p), 40),
                format!("#{} {}", p.engineer_id, p.engineer_name),
                crate::present::start_label(p.start_agreed_or_posted(), ctx.lang),
                p.rate.map(|r| r.to_string()).unwrap_or_default(),
                flag_text(p, f, incident_count(p, &incidents), ctx.lang),
            ]
        })
        .collect();
    let headers: &[&str] = if ja {
        &["id", "段階", "案件", "要員", "開始", "単価", "注意"]
    } else {
        &[
            "id", "stage", "opening", "engineer", "start", "rate", "flags",
        ]
    };
    let mut s = table(headers, &rows, 64);
    let unsigned = order.iter().filter(|&&i| flags[i].unsigned).count();
    let urgent = order.iter().filter(|&&i| flags[i].urgent).count();
    s.push_str(&if ja {
        format!(
            "\n{}件 / 未契約の内定 {}件 (至急 {}件: 開始まで{}日以内)\n",
            order.len(),
            unsigned,
            urgent,
            ctx.config.pipeline.urgent_days
        )
    } else {
        format!(
            "\n{} proposal(s); {} offer(s) unsigned, {} urgent (start within {} days)\n",
            order.len(),
            unsigned,
            urgent,
            ctx.config.pipeline.urgent_days
        )
    });
    emit(&s)
}

/// `--on DATE`: the move dated at noon local time that day; never in the future.
fn moved_on(s: &str, today: chrono::NaiveDate) -> Result<chrono::DateTime<Utc>> {
    let day = crate::domain::parse_date(s).map_err(|m| anyhow::anyhow!("--on: {m}"))?;
    if day > today {
        anyhow::bail!("--on {day}: a move cannot be dated after today ({today})");
    }
    let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
    Ok(match noon.and_local_timezone(Local) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
            t.with_timezone(&Utc)
        }
        chrono::LocalResult::None => noon.and_utc(),
    })
}

pub fn stage(ctx: &Ctx, args: &StageArgs) -> Result<()> {
    let to = args.stage.as_deref().map(Stage::parse).transpose()?;
    let mut store = ctx.open_store()?;
    let now = match &args.on {
        None => Utc::now(),
        Some(s) => moved_on(s, Local::now().date_naive())?,
    };
    let start_on = args
        .start
        .as_deref()
        .map(crate::domain::parse_date)
        .transpose()
        .map_err(|m| anyhow::anyhow!("--start: {m}"))?;
    let change = StageChange {
        to,
        note: args.note.trim().to_string(),
        partner_confirmed: args.partner_confirmed,
        withdraw_others: args.withdraw_others,
        start_on,
    };
    let out = crate::ops::undo::set_stage(
        &mut store,
        &Actor::current("cli"),
        args.proposal,
        &change,
        now,
        ctx.lang,
    )?;
    let lang = ctx.lang;
    let ja = lang == Lang::Ja;
    let p = &out.item;
    let mut s = match to {
        Some(to) => format!(
            "proposal {}: {} → {}  ({})\n",
            p.id,
            out.from.label(lang),
            to.label(lang),
            local(now)
        ),
        None => format!(
            "proposal {}: {} ({})\n",
            p.id,
            p.stage.label(lang),
            local(now)
        ),
    };
    if to == Some(Stage::Interviewed) {
        s.push_str(&if ja {
            format!("  面談{}回目を記録\n", p.interviews)
        } else {
            format!("  interview round {} recorded\n", p.interviews)
        });
    }
    let today = Local::now().date_naive();
    let board = store.pipeline()?;
    let flags = flag_all(&board, today, &ctx.config.pipeline);
    if let Some(i) = board.iter().position(|b| b.id == p.id) {
        let f = &flags[i];
        if f.unsigned {
            let days = f
                .days_to_start
                .map(|d| d.to_string())
                .unwrap_or_else(|| "?".into());
            s.push_str(&if ja {
                format!(
                    "  ⚠ 内定は契約ではありません: 未契約、開始まで{days}日{}。締結したら `benchmatch stage {} signed`\n",
                    if f.urgent { " (至急)" } else { "" },
                    p.id
                )
            } else {
                format!(
                    "  ⚠ a verbal yes is not a contract: unsigned, {days} days to start{}. Once signed: `benchmatch stage {} signed`\n",
                    if f.urgent { " (URGENT)" } else { "" },
                    p.id
                )
            });
        }
        if f.partner_unconfirmed {
            s.push_str(&if ja {
                format!(
                    "  ⚠ {} の参画確約をパートナー {} から得ていません: 確認後 `benchmatch stage {} --partner-confirmed`\n",
                    cell(&p.engineer_name),
                    cell(p.partner.as_deref().unwrap_or("?")),
                    p.id
                )
            } else {
                format!(
                    "  ⚠ partner {} has not confirmed {}'s commitment; once it has: `benchmatch stage {} --partner-confirmed`\n",
                    cell(p.partner.as_deref().unwrap_or("?")),
                    cell(&p.engineer_name),
                    p.id
                )
            });
        }
    }
    if !out.withdrawn.is_empty() {
        s.push_str(if ja {
            "  取り下げた並行提案:\n"
        } else {
            "  withdrew the engineer's other proposals:\n"
        });
        s.push_str(&proposal_lines(&out.withdrawn, &board, lang));
    }
    if out.to_withdraw.is_empty() {
        return emit(&s);
    }
    s.push_str(if ja {
        "  この要員の他の提案 (取り下げ対象):\n"
    } else {
        "  the engineer's other open proposals, to withdraw:\n"
    });
    s.push_str(&proposal_lines(&out.to_withdraw, &board, lang));
    if args.keep_others || !interactive() {
        s.push_str(&format!(
            "  {} `benchmatch stage {} --withdraw-others`\n",
            if ja {
                "まとめて取り下げ:"
            } else {
                "withdraw them in one step:"
            },
            p.id
        ));
        return emit(&s);
    }
    emit(&s)?;
    let question = if ja {
        format!("  {}件をまとめて取り下げますか?", out.to_withdraw.len())
    } else {
        format!("  Withdraw these {} now?", out.to_withdraw.len())
    };
    if confirm(&question)? {
        let note = format!("engineer {} on proposal {}", p.stage, p.id);
        crate::ops::undo::withdraw(
            &mut store,
            &Actor::current("cli"),
            &out.to_withdraw,
            &note,
            Utc::now(),
            ctx.lang,
        )?;
        emit(&format!(
            "  {} {}\n",
            if ja { "取り下げ:" } else { "withdrawn:" },
            out.to_withdraw
                .iter()
                .map(|i| format!("#{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        ))
    } else {
        emit(if ja {
            "  そのままにしました。\n"
        } else {
            "  Left as they are.\n"
        })
    }
}

/// `show proposal ID`: the proposal with its story, stage by stage with date, note and rate.
pub fn show_proposal(ctx: &Ctx, store: &Store, id: i64, json: bool) -> Result<()> {
    let p = store.pipeline_item(id)?;
    let board = store.pipeline()?;
    let today = Local::now().date_naive();
    let flags = flag_all(&board, today, &ctx.config.pipeline);
    let f = board
        .iter()
        .position(|b| b.id == id)
        .and_then(|i| flags.get(i).cloned())
        .unwrap_or_default();
    let incidents = incident_count(&p, &store.incidents()?);
    let events = store.proposal_events(id)?;
    if json {
        return emit_json(&item_json(&p, &f, incidents, events));
    }
    let lang = ctx.lang;
    let ja = lang == Lang::Ja;
    let mut s = format!(
        "{} {id}: #{} {} → {}\n",
        if ja { "提案" } else { "proposal" },
        p.engineer_id,
        cell(&p.engineer_name),
        opening_label(&p)
    );
    let rate = p.rate.map_or_else(|| "-".to_string(), |r| r.to_string());
    s.push_str(&if ja {
        format!(
            "  段階 {}  ({})  単価 {rate}  開始 {}\n",
            p.stage.label(lang),
            local(p.stage_at),
            crate::present::start_label(p.start_agreed_or_posted(), lang)
        )
    } else {
        format!(
            "  stage {}  ({})  rate {rate}  start {}\n",
            p.stage.label(lang),
            local(p.stage_at),
            crate::present::start_label(p.start_agreed_or_posted(), lang)
        )
    });
    let flags = flag_text(&p, &f, incidents, lang);
    if !flags.is_empty() {
        s.push_str(&format!("  {flags}\n"));
    }
    s.push_str(if ja { "  経緯:\n" } else { "  history:\n" });
    for e in &events {
        s.push_str(&format!(
            "    {}  {}  {}\n",
            local(e.at),
            crate::text::pad(e.stage.label(lang), 10),
            cell(&e.note)
        ));
    }
    emit(&s)
}

pub fn answer(ctx: &Ctx, args: &AnswerArgs) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = Utc::now();
    crate::ops::undo::answer_none(
        &mut store,
        &Actor::current("cli"),
        args.opening,
        now,
        ctx.lang,
    )?;
    let o = store.opening(args.opening)?;
    let waited = crate::present::waited(o.received_at, now);
    emit(&if ctx.lang == Lang::Ja {
        format!(
            "案件 {} に「該当者なし」と回答 (受信から {waited})\n",
            args.opening
        )
    } else {
        format!(
            "opening {} answered: none available ({waited} after it arrived)\n",
            args.opening
        )
    })
}

/// `benchmatch undo` / `redo`: this user's last command-line action, after a question
/// naming it (or `--yes`); refused, naming what changed, when someone changed its rows.
pub fn replay(ctx: &Ctx, yes: bool, undo: bool) -> Result<()> {
    use crate::ops::undo::{self as journal, Next};
    let ja = ctx.lang == Lang::Ja;
    let me = Actor::current("cli");
    let mut store = ctx.open_store()?;
    let entry = if undo {
        match journal::next_undo(&store, &me)? {
            Next::Ready(e) => Some(e),
            Next::Irreversible(e) => {
                anyhow::bail!(journal::irreversible_message(&e, ctx.lang))
            }
            Next::Nothing => None,
        }
    } else {
        journal::next_redo(&store, &me)?
    };
    let Some(e) = entry else {
        return emit(match (ja, undo) {
            (true, true) => "元に戻す操作はありません\n",
            (true, false) => "やり直す操作はありません\n",
            (false, true) => "nothing of yours to undo\n",
            (false, false) => "nothing undone to redo\n",
        });
    };
    if !yes {
        let question = match (ja, undo) {
            (true, true) => format!("「{}」を元に戻しますか?", e.label),
            (true, false) => format!("「{}」をやり直しますか?", e.label),
            (false, true) => format!("Undo '{}'?", e.label),
            (false, false) => format!("Redo '{}'?", e.label),
        };
        if !interactive() {
            anyhow::bail!(if ja {
                format!("{question} (確認なしで行うには --yes)")
            } else {
                format!("{question} (add --yes to do it without asking)")
            });
        }
        if !confirm(&question)? {
            return Ok(());
        }
    }
    let done = if undo {
        journal::undo(&mut store, &me, e.id, ctx.lang)?
    } else {
        journal::redo(&mut store, &me, e.id, ctx.lang)?
    };
    emit(&match (ja, undo) {
        (true, true) => format!("元に戻しました: 「{}」\n", done.label),
        (true, false) => format!("やり直しました: 「{}」\n", done.label),
        (false, true) => format!("undone: '{}'\n", done.label),
        (false, false) => format!("redone: '{}'\n", done.label),
    })
}
