//! The dashboard.

use anyhow::Result;

use crate::commands::Ctx;

pub fn run(_ctx: &Ctx, _open: Option<i64>) -> Result<()> {
    anyhow::bail!("the dashboard is not built yet")
}
