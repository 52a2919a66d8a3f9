//! `assignment end`: bookings from the command line.

use anyhow::Result;

use super::{emit, Ctx};
use crate::cli::AssignmentCommand;
use crate::domain::parse_date;
use crate::i18n::Lang;

pub fn assignment(ctx: &Ctx, cmd: AssignmentCommand) -> Result<()> {
    match cmd {
        AssignmentCommand::Add {
            engineer,
            client,
            from,
            until,
            rate,
        } => {
            let from = parse_date(&from).map_err(|m| anyhow::anyhow!("--from: {m}"))?;
            let until = match until.as_deref().map(str::trim) {
                None => None,
                Some(t) if crate::domain::roster::is_open_ended(t) => None,
                Some(t) => Some(parse_date(t).map_err(|m| {
                    anyhow::anyhow!("--until: {m} (a date, or open / 長期 for no end)")
                })?),
            };
            let rate = match rate {
                None => None,
                Some(r) => Some(crate::domain::Man::new(r).ok_or_else(|| {
                    anyhow::anyhow!("--rate: {r} is not a monthly rate in 万円 (e.g. 68)")
                })?),
            };
            let mut store = ctx.open_store()?;
            let a = crate::ops::bookings::add_assignment(
                &mut store,
                engineer,
                Some(&client),
                from,
                until,
                rate,
            )?;
            let end = until.map_or_else(
                || {
                    if ctx.lang == Lang::Ja {
                        "長期 (終了日未定)".to_string()
                    } else {
                        "open-ended".to_string()
                    }
                },
                |d| d.to_string(),
            );
            emit(&if ctx.lang == Lang::Ja {
                format!(
                    "要員 {engineer}: 稼働 #{} を登録 ({client}, {from}〜{end})\n",
                    a.id
                )
            } else {
                format!(
                    "engineer {engineer}: assignment #{} at {client} from {from}, {end}\n",
                    a.id
                )
            })
        }
        AssignmentCommand::End { engineer, date } => {
            let on = parse_date(&date).map_err(anyhow::Error::msg)?;
            let mut store = ctx.open_store()?;
            let ended = crate::ops::undo::end_assignment(
                &mut store,
                &crate::ops::undo::Actor::current("cli"),
                engineer,
                on,
                chrono::Utc::now(),
                ctx.lang,
            )?;
            let was = ended
                .previous_end
                .map_or_else(|| "-".to_string(), |d| d.to_string());
            let free = on.succ_opt().map_or_else(String::new, |d| d.to_string());
            emit(&if ctx.lang == Lang::Ja {
                format!(
                    "要員 {engineer}: 稼働 #{} の終了日 {was} → {on} (稼働可能 {free} から、終了予定)\n",
                    ended.assignment.id
                )
            } else {
                format!(
                    "engineer {engineer}: assignment #{} ends {on} (was {was}); free from {free}\n",
                    ended.assignment.id
                )
            })
        }
    }
}
