//! `assignment end`: bookings from the command line.

use anyhow::Result;

use super::{emit, Ctx};
use crate::cli::AssignmentCommand;
use crate::domain::parse_date;
use crate::i18n::Lang;

pub fn assignment(ctx: &Ctx, cmd: AssignmentCommand) -> Result<()> {
    match cmd {
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
