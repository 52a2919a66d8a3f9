//! `benchmatch serve` (the firm's hub) and `benchmatch sync` (this laptop with the hub).

use anyhow::{Context as _, Result};
use std::path::PathBuf;

use crate::cli::{RoleArg, ServeArgs, ServeCommand, SyncArgs, SyncCommand};
use crate::context::Ctx;
use crate::i18n::Lang;
use crate::ops::sync::{self as team, HubFiles, Remote};
use crate::store::hub::HubStore;
use crate::sync::protocol::{NoticeKind, Role};

fn say(lang: Lang, ja: String, en: String) -> String {
    if lang == Lang::Ja {
        ja
    } else {
        en
    }
}

/// The hub's folder: `--dir`, else `hub` next to the database.
fn hub_dir(ctx: &Ctx, dir: Option<PathBuf>) -> PathBuf {
    dir.unwrap_or_else(|| {
        ctx.paths
            .db
            .parent()
            .map_or_else(|| PathBuf::from("hub"), |p| p.join("hub"))
    })
}

pub fn serve(ctx: &Ctx, args: ServeArgs) -> Result<()> {
    let dir = hub_dir(ctx, args.dir);
    let files = HubFiles::in_dir(&dir);
    let lang = ctx.lang;
    let postgres = args.postgres.as_deref();
    let open = || -> Result<HubStore> {
        std::fs::create_dir_all(&dir).with_context(|| dir.display().to_string())?;
        Ok(team::open_hub(&files, postgres)?)
    };
    let data = match postgres {
        Some(_) => "PostgreSQL".to_string(),
        None => files.db.display().to_string(),
    };
    match args.command {
        None => team::serve(&files, postgres, &args.listen, |addr| {
            eprintln!(
                "{}",
                say(
                    lang,
                    format!("ハブを https://{addr} で起動しました(停止は Ctrl-C)。データ: {data}"),
                    format!("hub serving on https://{addr} (Ctrl-C stops it); data: {data}"),
                )
            );
        })
        .map_err(anyhow::Error::from),
        Some(ServeCommand::Init { hosts, firm }) => {
            team::init_certificates(&files, &firm, &hosts)?;
            println!(
                "{}",
                say(
                    lang,
                    format!(
                        "証明書を作成しました。各ノートPCに {} を配り、設定の [sync] ca にそのパスを書いてください。",
                        files.ca.display()
                    ),
                    format!(
                        "certificates made; give every laptop {} and set [sync] ca to where it is",
                        files.ca.display()
                    ),
                )
            );
            Ok(())
        }
        Some(ServeCommand::AddMember { name, role }) => {
            let role = match role {
                RoleArg::Rep => Role::Rep,
                RoleArg::Tech => Role::Tech,
                RoleArg::Manager => Role::Manager,
            };
            let token = team::add_member(&mut open()?, &name, role)?;
            println!("{token}");
            eprintln!(
                "{}",
                say(
                    lang,
                    format!("{name}({})のトークンです。表示はこの一度だけです。本人の [sync] token に設定してください。", role.name()),
                    format!("{name} ({}): this token is shown once only; put it in their [sync] token", role.name()),
                )
            );
            Ok(())
        }
        Some(ServeCommand::Revoke { name }) => {
            team::revoke(&mut open()?, &name)?;
            println!(
                "{}",
                say(
                    lang,
                    format!("{name} のトークンを無効にしました。"),
                    format!("{name}'s token is refused from now on"),
                )
            );
            Ok(())
        }
        Some(ServeCommand::Members) => {
            for m in open()?.members()? {
                let state = if m.revoked { " (revoked)" } else { "" };
                println!("{}\t{}{state}", m.name, m.role.name());
            }
            Ok(())
        }
        Some(ServeCommand::Backup { file }) => {
            open()?.backup_to(&file)?;
            println!("{}", file.display());
            Ok(())
        }
    }
}

pub fn sync(ctx: &Ctx, args: SyncArgs) -> Result<()> {
    let lang = ctx.lang;
    let mut store = ctx.open_store()?;
    match args.command {
        None => {
            let remote = Remote::from_config(&ctx.config.sync)?;
            let r = team::sync(&mut store, &remote, ctx.config.sync.share_mail)?;
            println!(
                "{}",
                say(
                    lang,
                    format!(
                        "同期しました: 送信 {} 件、受信 {} 件、競合 {} 件",
                        r.sent, r.received, r.conflicts
                    ),
                    format!(
                        "synced: {} sent, {} received, {} conflicts",
                        r.sent, r.received, r.conflicts
                    ),
                )
            );
            if r.conflicts > 0 {
                println!(
                    "{}",
                    say(
                        lang,
                        "競合の一覧: benchmatch sync conflicts".into(),
                        "see them: benchmatch sync conflicts".into(),
                    )
                );
            }
            Ok(())
        }
        Some(SyncCommand::Conflicts { all }) => {
            for c in store.sync_conflicts(all)? {
                println!("{}", conflict_line(&c, lang));
            }
            Ok(())
        }
        Some(SyncCommand::Restore { id }) => {
            let c = team::restore(&mut store, id)?;
            let (field, value) = (c.field.unwrap_or_default(), c.mine.unwrap_or_default());
            println!(
                "{}",
                say(
                    lang,
                    format!("{field} を {value} に戻しました(次の同期で送信)"),
                    format!("{field} is {value} again (sent on the next sync)"),
                )
            );
            Ok(())
        }
        Some(SyncCommand::Dismiss { id }) => {
            team::dismiss(&mut store, id)?;
            Ok(())
        }
    }
}

/// One conflict as the pipeline and `sync conflicts` show it.
pub fn conflict_line(c: &crate::store::sync::SyncConflict, lang: Lang) -> String {
    let other = c
        .other_local
        .map(|n| format!("#{n}"))
        .unwrap_or_else(|| "-".into());
    let text = match c.kind {
        NoticeKind::Double => say(
            lang,
            format!("二重提案: {} は {} が先に提案済み(提案 {other})。こちらの提案は取り消されました", c.detail, c.other_member),
            format!("double proposal: {} was proposed first by {} (proposal {other}); yours was taken back", c.detail, c.other_member),
        ),
        NoticeKind::Field => {
            let (tbl, member, id) = (&c.tbl, &c.other_member, c.id);
            let field = c.field.as_deref().unwrap_or_default();
            let theirs = c.theirs.as_deref().unwrap_or_default();
            let mine = c.mine.as_deref().unwrap_or_default();
            say(
                lang,
                format!("{tbl} {field}: {member} さんの値 {theirs} が採用され、こちらの {mine} は保管中(sync restore {id})"),
                format!("{tbl} {field}: {member}'s {theirs} won; yours ({mine}) is kept (sync restore {id})"),
            )
        }
        NoticeKind::Refused | NoticeKind::Same => say(
            lang,
            format!("{} {}: ハブが受け付けませんでした({})", c.tbl, c.detail, c.theirs.clone().unwrap_or_default()),
            format!("{} {}: the hub refused it ({})", c.tbl, c.detail, c.theirs.clone().unwrap_or_default()),
        ),
    };
    format!("{:>4}  {}  {}", c.id, c.at, crate::text::cell(&text))
}
