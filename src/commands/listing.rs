//! `engineers`, `openings`, `show`: listings for people and for scripts.

use anyhow::Result;
use chrono::Utc;

use super::{emit, emit_json, Ctx};
use crate::cli::{EngineersArgs, Entity, ShowArgs};
use crate::present::{engineer_row, opening_row, OPENING_HEADERS_EN, OPENING_HEADERS_JA};
use crate::store::{EngineerRecord, OpeningRecord};
use crate::text::table;

pub fn engineers(ctx: &Ctx, args: &EngineersArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let partners = store.partner_names()?;
    let all = store.load_engineers()?;
    if args.output.json || args.output.xlsx.is_some() {
        let bookings = store.load_all_bookings()?;
        let today = chrono::Local::now().date_naive();
        let records: Vec<EngineerRecord> = all
            .iter()
            .map(|e| {
                let mut r = EngineerRecord::from_engineer(
                    e,
                    e.partner_id.and_then(|p| partners.get(&p).cloned()),
                    &ctx.tax,
                );
                r.assignment_end = bookings
                    .current(e.id, today)
                    .and_then(|b| b.to)
                    .map(|d| d.to_string());
                r
            })
            .collect();
        if let Some(path) = &args.output.xlsx {
            return super::workbook::save(path, &records, ctx.lang, crate::xlsx::report::engineers);
        }
        return emit_json(&records);
    }
    if all.is_empty() {
        return emit(
            "No engineers yet. Try `benchmatch demo` or `benchmatch import engineers FILE`.\n",
        );
    }
    let rows: Vec<Vec<String>> = all.iter().map(|e| engineer_row(e, &ctx.tax)).collect();
    emit(&table(
        &[
            "id", "name", "affil", "depth", "station", "free", "cost", "rate", "skills",
        ],
        &rows,
        40,
    ))
}

pub fn openings(ctx: &Ctx, json: bool) -> Result<()> {
    let store = ctx.open_store()?;
    let clients = store.clients()?;
    let all = store.load_openings()?;
    if json {
        let records: Vec<OpeningRecord> = all
            .iter()
            .map(|o| {
                let c = o
                    .client_id
                    .and_then(|c| clients.get(&c))
                    .map(|c| (c.name.clone(), c.rank));
                OpeningRecord::from_opening(o, c, &ctx.tax)
            })
            .collect();
        return emit_json(&records);
    }
    if all.is_empty() {
        return emit(
            "No openings yet. Try `benchmatch demo` or `benchmatch import openings FILE`.\n",
        );
    }
    let now = Utc::now();
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|o| opening_row(o, o.client_id.and_then(|c| clients.get(&c)), now, ctx.lang))
        .collect();
    let headers = if ctx.lang == crate::i18n::Lang::Ja {
        OPENING_HEADERS_JA
    } else {
        OPENING_HEADERS_EN
    };
    emit(&table(headers, &rows, 36))
}

pub fn show(ctx: &Ctx, args: &ShowArgs) -> Result<()> {
    let store = ctx.open_store()?;
    match args.what {
        Entity::Engineer => {
            let e = store.engineer(args.id)?;
            let partner = e
                .partner_id
                .and_then(|p| store.partner_names().ok()?.get(&p).cloned());
            let rec = EngineerRecord::from_engineer(&e, partner, &ctx.tax);
            if args.json {
                return emit_json(&rec);
            }
            let assignments = store.assignments_of(e.id)?;
            emit(&crate::present::engineer_detail(&rec, &assignments))
        }
        Entity::Proposal => super::pipeline::show_proposal(ctx, &store, args.id, args.json),
        Entity::Opening => {
            let o = store.opening(args.id)?;
            let clients = store.clients()?;
            let c = o
                .client_id
                .and_then(|c| clients.get(&c))
                .map(|c| (c.name.clone(), c.rank));
            let rec = OpeningRecord::from_opening(&o, c, &ctx.tax);
            if args.json {
                // The sending firm is not part of the record (an export carries it in history).
                let mut v = serde_json::to_value(&rec)?;
                if let Some(m) = v.as_object_mut() {
                    m.insert("sent_by".into(), o.sender.clone().into());
                }
                return emit_json(&v);
            }
            let mut text = crate::present::opening_detail(&rec);
            // Beside the client: who asked, then who sent it.
            if let Some(sender) = &o.sender {
                let sent = format!(
                    "{}{}\n",
                    crate::text::pad("sent_by", 16),
                    crate::text::cell(sender)
                );
                let at = text.find("received_at").unwrap_or(text.len());
                text.insert_str(at, &sent);
            }
            emit(&text)
        }
    }
}
