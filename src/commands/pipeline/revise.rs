//! `edit opening` and `history`: requirement revisions and the ranking they move.

use anyhow::{bail, Context as _, Result};
use chrono::{Local, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};

use super::super::{emit, emit_json, today_or, Ctx};
use super::{interactive, local};
use crate::cli::{EditCommand, EditOpeningArgs, HistoryArgs};
use crate::i18n::Lang;
use crate::pipeline::rerank::Movement;
use crate::pipeline::revision::{FieldChange, Requirements};
use crate::store::{Revised, Store};
use crate::text::cell;

/// The temporary TOML file, removed however the edit ends.
struct TempToml(PathBuf);

impl Drop for TempToml {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn editor() -> Result<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        .ok_or_else(|| {
            anyhow::anyhow!("set $EDITOR (or $VISUAL), or change fields with --set KEY=VALUE")
        })
}

/// Run `$EDITOR FILE` through the shell, as git does, so `code -w` works.
fn run_editor(editor: &str, path: &Path) -> Result<()> {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(path)
        .status()
        .with_context(|| format!("starting editor '{editor}'"))?;
    if !status.success() {
        bail!("editor '{editor}' failed ({status}); nothing was written");
    }
    Ok(())
}

fn write_temp(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let _ = std::fs::remove_file(path);
    let mut f =
        crate::store::create_private_file(path).with_context(|| format!("{}", path.display()))?;
    f.write_all(text.as_bytes())
        .with_context(|| format!("{}", path.display()))
}

/// Ask for edits in `$EDITOR` until they validate, the user gives up, or nothing changed.
fn edit_in_editor(
    store: &mut Store,
    ctx: &Ctx,
    id: i64,
    by: &str,
    current: &Requirements,
    revision: u32,
) -> Result<Option<Revised>> {
    let editor = editor()?;
    let path = std::env::temp_dir().join(format!(
        "benchmatch-opening-{id}-{}.toml",
        std::process::id()
    ));
    let _guard = TempToml(path.clone());
    let original = current.to_toml(&format!("benchmatch: opening {id}, revision {revision}"));
    let mut text = original.clone();
    loop {
        write_temp(&path, &text)?;
        run_editor(&editor, &path)?;
        let edited = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        if edited.trim().is_empty() || edited == original {
            return Ok(None);
        }
        let attempt = Requirements::from_toml(&edited)
            .map_err(anyhow::Error::msg)
            .and_then(|r| {
                Ok(crate::ops::revise::revise(
                    store,
                    id,
                    &r,
                    by,
                    &ctx.tax,
                    Utc::now(),
                )?)
            });
        match attempt {
            Ok(done) => return Ok(done),
            Err(e) if interactive() => {
                eprintln!("benchmatch: {}", cell(&format!("{e:#}")));
                if !super::confirm("Edit again?")? {
                    bail!("edit abandoned; nothing was written");
                }
                let kept: String = edited
                    .lines()
                    .filter(|l| !l.starts_with("# ERROR: "))
                    .map(|l| format!("{l}\n"))
                    .collect();
                text = format!("# ERROR: {}\n{kept}", cell(&format!("{e:#}")));
            }
            Err(e) => return Err(e.context("nothing was written")),
        }
    }
}

#[derive(Serialize)]
struct MovementJson {
    #[serde(flatten)]
    movement: Movement,
    name: String,
    reason: Option<String>,
}

#[derive(Serialize)]
struct OutdatedJson {
    id: i64,
    engineer_id: i64,
    revision: u32,
    stage: crate::pipeline::Stage,
}

#[derive(Serialize)]
struct EditJson {
    opening_id: i64,
    revision: u32,
    changes: Vec<FieldChange>,
    movements: Vec<MovementJson>,
    outdated_proposals: Vec<OutdatedJson>,
}

fn change_line(c: &FieldChange) -> String {
    let is_skill = c.field == "must" || c.field == "nice";
    match (&c.before, &c.after) {
        (None, Some(a)) if is_skill => format!("{}: + {}", c.field, cell(a)),
        (Some(b), None) if is_skill => format!("{}: − {}", c.field, cell(b)),
        (b, a) => format!(
            "{}: {} → {}",
            c.field,
            cell(b.as_deref().unwrap_or("-")),
            cell(a.as_deref().unwrap_or("-"))
        ),
    }
}

pub fn edit(ctx: &Ctx, cmd: EditCommand) -> Result<()> {
    match cmd {
        EditCommand::Opening(args) => edit_opening(ctx, &args),
        EditCommand::Engineer(args) => edit_engineer(ctx, &args),
        EditCommand::Proposal(args) => edit_proposal(ctx, &args),
    }
}

fn edit_proposal(ctx: &Ctx, args: &crate::cli::EditEngineerArgs) -> Result<()> {
    let mut store = ctx.open_store()?;
    let (before, after) = crate::ops::proposals::edit(
        &mut store,
        args.id,
        &args.sets,
        ctx.lang,
        chrono::Utc::now(),
    )?;
    let ja = ctx.lang == crate::i18n::Lang::Ja;
    let show = |m: Option<crate::domain::Man>| m.map_or_else(|| "-".to_string(), |m| m.to_string());
    let mut s = format!(
        "proposal {}: #{} {} → {}\n",
        after.id,
        after.opening_id,
        crate::text::cell(&after.opening_title),
        crate::text::cell(&after.engineer_name)
    );
    if before.rate != after.rate {
        s.push_str(&format!(
            "  {}: {} → {}\n",
            if ja { "単価" } else { "rate" },
            show(before.rate),
            show(after.rate)
        ));
    }
    if before.notes != after.notes {
        s.push_str(&format!(
            "  {}: {}\n",
            if ja { "メモ" } else { "note" },
            crate::text::cell(&after.notes)
        ));
    }
    if let Some((rate, cap)) = after.rate_above_cap() {
        s.push_str(&if ja {
            format!("  注意: 単価 {rate} は案件の上限 {cap} を超えています\n")
        } else {
            format!("  note: rate {rate} is above the opening's cap {cap}\n")
        });
    }
    super::super::emit(&s)
}

fn edit_engineer(ctx: &Ctx, args: &crate::cli::EditEngineerArgs) -> Result<()> {
    let mut store = ctx.open_store()?;
    let (before, after) = crate::ops::engineers::edit(
        &mut store,
        &crate::ops::undo::Actor::current("cli"),
        args.id,
        &args.sets,
        &ctx.tax,
        ctx.lang,
        chrono::Utc::now(),
    )?;
    let mut s = format!(
        "engineer {}: {}\n",
        after.id,
        crate::text::cell(&after.name)
    );
    for (k, _, _) in crate::ops::engineers::FIELDS.iter() {
        let (b, a) = (
            crate::ops::engineers::value(&before, k, &ctx.tax, ctx.lang),
            crate::ops::engineers::value(&after, k, &ctx.tax, ctx.lang),
        );
        if a != b {
            s.push_str(&format!(
                "  {}: {} → {}\n",
                crate::ops::engineers::label(k, ctx.lang),
                crate::text::cell(if b.is_empty() { "-" } else { &b }),
                crate::text::cell(if a.is_empty() { "-" } else { &a })
            ));
        }
    }
    super::super::emit(&s)
}

fn edit_opening(ctx: &Ctx, args: &EditOpeningArgs) -> Result<()> {
    let as_of = today_or(args.as_of.as_deref())?;
    let by = args
        .by
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_default();
    let mut store = ctx.open_store()?;
    let current = store.requirements(args.id, &ctx.tax)?;
    let revision = store.opening(args.id)?.revision;
    let revised = if args.sets.is_empty() {
        edit_in_editor(&mut store, ctx, args.id, &by, &current, revision)?
    } else {
        let mut edited = current.clone();
        for s in &args.sets {
            edited.set(s).map_err(anyhow::Error::msg)?;
        }
        // `must-=TERM` also teaches the reader, with the opening's sending firm.
        let learned = crate::ops::learned::corrections_from_sets(&args.sets);
        crate::ops::learned::revise(
            &mut store,
            args.id,
            &edited,
            &learned,
            &by,
            &ctx.tax,
            Utc::now(),
        )?
    };
    let Some(rev) = revised else {
        return emit(&format!(
            "no change: opening {} stays at revision {revision}\n",
            args.id
        ));
    };
    // The same pool and report as the dashboard's: bookings applied.
    let pool = crate::ops::revise::available_pool(&store, ctx.places)?;
    let cfg = ctx.scoring();
    let with = crate::ops::revise::RankWith {
        as_of,
        cfg: &cfg,
        places: ctx.places,
        lang: ctx.lang,
        tax: &ctx.tax,
        top: args.top,
    };
    let moved = crate::ops::revise::rerank(&rev, &pool, &with);
    let by_id = |id: i64| pool.engineers().iter().find(|e| e.id == id);
    let movements: Vec<MovementJson> = moved
        .movements
        .into_iter()
        .map(|m| {
            let id = m.engineer_id();
            MovementJson {
                name: by_id(id).map(|e| e.name.clone()).unwrap_or_default(),
                reason: moved
                    .reasons
                    .iter()
                    .find(|(e, _)| *e == id)
                    .map(|(_, w)| w.clone()),
                movement: m,
            }
        })
        .collect();
    let outdated: Vec<OutdatedJson> = store
        .pipeline()?
        .into_iter()
        .filter(|p| p.opening_id == args.id && p.outdated_revision() && p.stage.is_open())
        .map(|p| OutdatedJson {
            id: p.id,
            engineer_id: p.engineer_id,
            revision: p.revision,
            stage: p.stage,
        })
        .collect();
    let out = EditJson {
        opening_id: args.id,
        revision: rev.revision,
        changes: rev.changes,
        movements,
        outdated_proposals: outdated,
    };
    if args.json {
        return emit_json(&out);
    }
    emit(&render_edit(
        &out,
        rev.before.revision,
        &by,
        args.top,
        ctx.lang,
    ))
}

fn render_edit(out: &EditJson, from: u32, by: &str, top: usize, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut s = format!(
        "opening {}: revision {from} → {}{}\n",
        out.opening_id,
        out.revision,
        if by.is_empty() {
            String::new()
        } else {
            format!(" (by {})", cell(by))
        }
    );
    for c in &out.changes {
        s.push_str(&format!("  {}\n", change_line(c)));
    }
    s.push_str(&if ja {
        format!("\n順位の変化 (上位{top}名):\n")
    } else {
        format!("\nRanking (top {top}):\n")
    });
    if out.movements.is_empty() {
        s.push_str(if ja {
            "  変化なし\n"
        } else {
            "  no change\n"
        });
    }
    let ord = |n: usize| format!("#{n}");
    for m in &out.movements {
        let who = format!("#{} {}", m.movement.engineer_id(), cell(&m.name));
        let line = match &m.movement {
            Movement::Entered {
                to, from, score, ..
            } => {
                let was = from.map_or_else(
                    || {
                        if ja {
                            "条件外から".to_string()
                        } else {
                            "was excluded".into()
                        }
                    },
                    |f| {
                        if ja {
                            format!("{f}位から")
                        } else {
                            format!("was {}", ord(f))
                        }
                    },
                );
                if ja {
                    format!("  ＋ 入った  {who}  {}位 ({was})  {score:.1}点", to)
                } else {
                    format!(
                        "  + entered  {who}  now {} ({was}), score {score:.1}",
                        ord(*to)
                    )
                }
            }
            Movement::Left { from, to, .. } => {
                let now = to.map_or_else(
                    || {
                        if ja {
                            "除外".to_string()
                        } else {
                            "excluded".into()
                        }
                    },
                    |t| {
                        if ja {
                            format!("{t}位")
                        } else {
                            format!("now {}", ord(t))
                        }
                    },
                );
                let reason = m.reason.as_deref().map(cell).unwrap_or_default();
                if ja {
                    format!("  − 外れた  {who}  {from}位 → {now}: {reason}")
                } else {
                    format!("  − left     {who}  was {} → {now}: {reason}", ord(*from))
                }
            }
            Movement::Moved {
                from,
                to,
                by,
                score_before,
                score_after,
                ..
            } => {
                let arrow = if *by > 0 { "↑" } else { "↓" };
                if ja {
                    format!("  {arrow} 移動     {who}  {from}位 → {to}位 ({by:+})  {score_before:.1}→{score_after:.1}点")
                } else {
                    format!(
                        "  {arrow} moved    {who}  {} → {} ({by:+}), score {score_before:.1}→{score_after:.1}",
                        ord(*from),
                        ord(*to)
                    )
                }
            }
            Movement::Dropped {
                at,
                score_before,
                score_after,
                ..
            } => {
                if ja {
                    format!(
                        "  ▼ 点数低下 {who}  {at}位のまま  {score_before:.1}→{score_after:.1}点"
                    )
                } else {
                    format!(
                        "  ▼ dropped  {who}  still {}, score {score_before:.1}→{score_after:.1}",
                        ord(*at)
                    )
                }
            }
            Movement::Flagged { at, .. } => {
                let reason = m.reason.as_deref().map(cell).unwrap_or_default();
                if ja {
                    format!("  ⚠ 要確認   {who}  {at}位: {reason}")
                } else {
                    format!("  ⚠ new flag {who}  {}: {reason}", ord(*at))
                }
            }
        };
        s.push_str(&line);
        s.push('\n');
    }
    if !out.outdated_proposals.is_empty() {
        s.push_str(if ja {
            "\n旧版の条件で提案済み (要確認):\n"
        } else {
            "\nProposals made under an older revision (check them):\n"
        });
        for p in &out.outdated_proposals {
            s.push_str(&format!(
                "  proposal #{}  engineer #{}  rev {}  {}\n",
                p.id,
                p.engineer_id,
                p.revision,
                p.stage.label(lang)
            ));
        }
    }
    s
}

#[derive(Serialize)]
struct RevisionJson {
    revision: u32,
    changed_at: String,
    changed_by: String,
    changes: Vec<FieldChange>,
    requirements: Requirements,
}

pub fn history(ctx: &Ctx, args: &HistoryArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let o = store.opening(args.opening)?;
    let revs = store.revisions(args.opening, &ctx.tax)?;
    let items: Vec<RevisionJson> = revs
        .iter()
        .enumerate()
        .map(|(i, r)| RevisionJson {
            revision: r.revision,
            changed_at: r.changed_at.to_rfc3339(),
            changed_by: r.changed_by.clone(),
            changes: if i == 0 {
                Vec::new()
            } else {
                revs[i - 1].requirements.diff(&r.requirements)
            },
            requirements: r.requirements.clone(),
        })
        .collect();
    if args.json {
        return emit_json(&items);
    }
    let ja = ctx.lang == Lang::Ja;
    let mut s = format!(
        "#{} {}  ({} {})\n",
        o.id,
        cell(&o.title),
        if ja {
            "現在の版"
        } else {
            "in force: revision"
        },
        o.revision
    );
    for (i, r) in revs.iter().enumerate() {
        let who = if i == 0 && r.changed_by.is_empty() {
            if ja {
                "受信時".to_string()
            } else {
                "as received".into()
            }
        } else if r.changed_by.is_empty() {
            "-".into()
        } else {
            cell(&r.changed_by)
        };
        s.push_str(&format!(
            "rev {}  {}  {who}\n",
            r.revision,
            r.changed_at.with_timezone(&Local).format("%Y-%m-%d %H:%M")
        ));
        for c in &items[i].changes {
            s.push_str(&format!("  {}\n", change_line(c)));
        }
    }
    let proposals: Vec<_> = store
        .pipeline()?
        .into_iter()
        .filter(|p| p.opening_id == o.id)
        .collect();
    if !proposals.is_empty() {
        s.push_str(if ja { "\n提案:\n" } else { "\nProposals:\n" });
        for p in proposals {
            s.push_str(&format!(
                "  #{}  {}  rev {}{}  {}  {}\n",
                p.id,
                cell(&p.engineer_name),
                p.revision,
                if p.outdated_revision() {
                    if ja {
                        " (旧版)"
                    } else {
                        " (older revision)"
                    }
                } else {
                    ""
                },
                p.stage.label(ctx.lang),
                local(p.created_at)
            ));
        }
    }
    emit(&s)
}
