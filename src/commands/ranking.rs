//! `rank`, `free`: the main job from the command line (`propose` lives with the pipeline).

use anyhow::{bail, Result};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::{emit, emit_json, today_or, Ctx};
use crate::cli::{FreeArgs, RankArgs};
use crate::domain::{parse_date, Man};
use crate::i18n::Lang;
use crate::score::{self, Explanation};
use crate::text::{cell, pad, pad_left, table};

#[derive(Serialize)]
struct FactorJson {
    name: &'static str,
    points: f32,
    max: f32,
    reason: String,
}

#[derive(Serialize)]
struct CandidateJson {
    rank: Option<usize>,
    engineer_id: i64,
    name: String,
    initials: String,
    affiliation: &'static str,
    depth: u8,
    /// A partner engineer not re-offered within `[offers] stale_days`.
    stale: bool,
    score: f32,
    /// match, consider (要相談) or excluded.
    tier: &'static str,
    excluded: bool,
    factors: Vec<FactorJson>,
    review: Vec<String>,
    reasons: Vec<String>,
}

#[derive(Serialize)]
struct RankJson {
    opening_id: i64,
    title: String,
    as_of: NaiveDate,
    /// Engineers ranked against: the active pool, or everyone with `--include-stale`.
    pool: usize,
    /// Stale partner offers and inactive engineers: out of `pool` unless `include_stale`.
    left_out: crate::store::LeftOut,
    include_stale: bool,
    passing: usize,
    /// Candidates meeting every must group with nothing to ask: what the queue counts.
    matches: usize,
    candidates: Vec<CandidateJson>,
    /// Must requirements nobody in the pool holds and the taxonomy does not know: most
    /// likely a misreading of the posting, charged to no one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unheld: Vec<String>,
    /// With `--rotation`: own staff on open-ended assignments who could move (要調整).
    #[serde(skip_serializing_if = "Option::is_none")]
    rotation: Option<Vec<RotationJson>>,
}

#[derive(Serialize)]
struct RotationJson {
    engineer_id: i64,
    name: String,
    client: Option<String>,
    since: NaiveDate,
    days_on_site: i64,
    margin_now: Option<f32>,
    margin_here: Option<f32>,
    score: f32,
    tier: &'static str,
    must: String,
}

fn round1(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}

fn candidate_json(
    ctx: &Ctx,
    rank: Option<usize>,
    e: &crate::domain::Engineer,
    x: &Explanation,
    lang: Lang,
) -> CandidateJson {
    CandidateJson {
        rank,
        engineer_id: e.id,
        name: e.name.clone(),
        initials: e.initials.clone(),
        affiliation: e.affiliation.as_str(),
        depth: e.depth,
        stale: x
            .review
            .iter()
            .any(|r| matches!(r, crate::score::Reason::OfferStale { .. })),
        score: round1(x.score),
        tier: x.tier.as_str(),
        excluded: x.excluded,
        factors: x
            .factors
            .iter()
            .map(|f| FactorJson {
                name: f.factor.as_str(),
                points: round1(f.points),
                max: round1(f.max),
                reason: f.reason.render(lang, &ctx.tax),
            })
            .collect(),
        review: x.review.iter().map(|r| r.render(lang, &ctx.tax)).collect(),
        reasons: x.reasons.iter().map(|r| r.render(lang, &ctx.tax)).collect(),
    }
}

pub fn rank(ctx: &Ctx, args: &RankArgs) -> Result<()> {
    let as_of = today_or(args.as_of.as_deref())?;
    let store = ctx.open_store()?;
    let opening = store.opening(args.opening)?;
    let cfg = ctx.scoring();
    // The active pool unless stale ones are asked for; only those who can rank are read
    // (everyone in the scope for --all and --rotation, which list more).
    let scope = crate::store::PoolScope {
        as_of,
        stale_days: cfg.offer_stale_days,
        include_stale: args.pool.include_stale,
    };
    let counts = store.pool_counts(&scope)?;
    let reach = if args.all || args.rotation {
        score::Reach::Everyone
    } else {
        score::reach(&opening, &cfg)
    };
    let skills = match &reach {
        score::Reach::Everyone => None,
        score::Reach::Holders { skills, or_other } => Some((skills.as_slice(), *or_other)),
    };
    // Free-from dates already moved past bookings: the booked are not on the bench.
    // With --all every row is shown, so whole profiles are read at once.
    let (engineers, bookings) = store.load_available_pool(&scope, skills, args.all)?;
    let pool = score::Pool::new(engineers, ctx.places);
    let ranking = score::rank_pool(&opening, &pool, as_of, &cfg, ctx.places, Some(args.top));
    let explain = |i: usize| score::explain_in(&opening, &pool, i, as_of, &cfg, ctx.places);
    let pool = pool.engineers();
    // Ranking read only what ranks; the rows shown get their whole profile (names).
    let shown: Vec<i64> = if args.all {
        Vec::new()
    } else {
        let mut ids: Vec<i64> = ranking
            .candidates
            .iter()
            .map(|r| pool[r.index].id)
            .collect();
        ids.sort_unstable();
        ids
    };
    let profiles: std::collections::HashMap<i64, crate::domain::Engineer> = store
        .engineer_profiles(&shown)?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let profile = |i: usize| profiles.get(&pool[i].id).unwrap_or(&pool[i]);
    // JSON is for scripts: English reasons unless --lang says otherwise.
    let json_lang = if args.output.json && !ctx.lang_given {
        Lang::En
    } else {
        ctx.lang
    };
    let mut candidates: Vec<CandidateJson> = ranking
        .candidates
        .iter()
        .enumerate()
        .map(|(n, r)| {
            candidate_json(
                ctx,
                Some(n + 1),
                profile(r.index),
                &explain(r.index),
                json_lang,
            )
        })
        .collect();
    if args.all {
        candidates.extend(
            ranking
                .excluded
                .iter()
                .map(|(i, _)| candidate_json(ctx, None, profile(*i), &explain(*i), json_lang)),
        );
    }
    // Booked or held elsewhere: said in the review, so no one is silently free.
    for c in &mut candidates {
        for (_, text) in crate::ops::bookings::ranking_notes(
            &bookings,
            c.engineer_id,
            opening.id,
            as_of,
            json_lang,
        ) {
            if c.excluded {
                crate::ops::bookings::without_never(&mut c.reasons);
                c.reasons.push(text);
            } else {
                c.review.push(text);
            }
        }
    }
    let rotation = if args.rotation {
        let today_open: Vec<(usize, NaiveDate, Option<String>)> = {
            let by_id: std::collections::HashMap<i64, usize> =
                pool.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
            store
                .assignment_records()?
                .into_iter()
                .filter(|a| a.to.is_none())
                .filter_map(|a| {
                    let since = parse_date(&a.from).ok()?;
                    (since <= as_of).then_some(())?;
                    Some((*by_id.get(&a.engineer_id)?, since, a.client))
                })
                .collect()
        };
        let on_site: Vec<(usize, NaiveDate)> =
            today_open.iter().map(|(i, s, _)| (*i, *s)).collect();
        let whole = score::Pool::new(pool.to_vec(), ctx.places);
        let rot = score::rotation(&opening, &whole, &on_site, as_of, &cfg, ctx.places);
        let ids: Vec<i64> = rot.iter().map(|r| r.id).collect();
        let names: std::collections::HashMap<i64, String> = store
            .engineer_profiles(&ids)?
            .into_iter()
            .map(|e| (e.id, e.name))
            .collect();
        Some(
            rot.iter()
                .map(|r| {
                    let e = &pool[r.index];
                    let mut free = e.clone();
                    free.available_from = Some(as_of);
                    let x = score::explain(&opening, &free, as_of, &cfg, ctx.places);
                    RotationJson {
                        engineer_id: r.id,
                        name: names.get(&r.id).cloned().unwrap_or_default(),
                        client: today_open
                            .iter()
                            .find(|t| t.0 == r.index)
                            .and_then(|t| t.2.clone()),
                        since: r.since,
                        days_on_site: r.days_on_site,
                        margin_now: r.margin_now.map(round1),
                        margin_here: r.margin_here.map(round1),
                        score: round1(r.score),
                        tier: r.tier.as_str(),
                        must: x
                            .factors
                            .first()
                            .map(|f| f.reason.render(json_lang, &ctx.tax))
                            .unwrap_or_default(),
                    }
                })
                .collect(),
        )
    } else {
        None
    };
    let out = RankJson {
        opening_id: opening.id,
        title: opening.title.clone(),
        as_of,
        pool: counts.pool,
        left_out: counts.left_out,
        include_stale: args.pool.include_stale,
        passing: ranking.passing,
        matches: ranking.matches,
        candidates,
        unheld: ranking.unheld.clone(),
        rotation,
    };
    if let Some(path) = &args.output.xlsx {
        return super::workbook::save(path, &out, ctx.lang, crate::xlsx::report::rank);
    }
    if args.output.json {
        return emit_json(&out);
    }
    emit(&render_rank(&out, &opening, ctx.lang))
}

fn render_rank(r: &RankJson, o: &crate::domain::Opening, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut s = String::new();
    // No rate stated is said once here, not on every row.
    let band = match (o.rate_min, o.rate_max) {
        (None, None) if ja => "単価記載なし".to_string(),
        (None, None) => "rate not stated (単価記載なし)".to_string(),
        (a, b) => crate::present::rate_band(a, b),
    };
    s.push_str(&format!(
        "#{} {}  [{}]\n",
        r.opening_id,
        cell(&r.title),
        band
    ));
    s.push_str(&if ja {
        format!(
            "基準日 {}  対象 {}名  マッチ {}名  要相談 {}名\n\n",
            r.as_of,
            r.pool,
            r.matches,
            r.passing - r.matches
        )
    } else {
        format!(
            "as of {}  pool {}  matches {}  to discuss {}\n\n",
            r.as_of,
            r.pool,
            r.matches,
            r.passing - r.matches
        )
    });
    if let Some(line) = left_out_line(&r.left_out, r.include_stale, lang) {
        s.push_str(&line);
        s.push_str("\n\n");
    }
    if !r.unheld.is_empty() {
        let names = r.unheld.join("、");
        s.push_str(&if ja {
            format!(
                "⚠ 誰も「{names}」を持っていません: 読み取りを確認 (必須から外して順位付け)\n\n"
            )
        } else {
            format!("⚠ no one has {names}: check the reading (ranked without it)\n\n")
        });
    }
    if r.candidates.is_empty() {
        s.push_str(if ja {
            "候補者なし (--all で除外理由を表示)\n"
        } else {
            "No candidate passes the hard limits (use --all to see why).\n"
        });
    }
    let mut heading: Option<&str> = None;
    for c in &r.candidates {
        if heading != Some(c.tier) {
            heading = Some(c.tier);
            let label = match c.tier {
                "match" => score::Tier::Match.label(lang),
                "consider" => score::Tier::Consider.label(lang),
                _ => score::Tier::Excluded.label(lang),
            };
            s.push_str(&format!("── {label} ──\n"));
        }
        if c.excluded {
            s.push_str(&format!(
                "  ✗ {} {}  {}\n",
                pad_left(&format!("#{}", c.engineer_id), 7),
                pad(&cell(&c.name), 14),
                c.reasons
                    .iter()
                    .map(|x| cell(x))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
            continue;
        }
        let bar_len = (c.score / 5.0).round() as usize;
        let stale = match (c.stale, ja) {
            (true, true) => " [古い]",
            (true, false) => " [stale]",
            _ => "",
        };
        s.push_str(&format!(
            "{} {} {} {} {:>5.1} {}{stale}\n",
            pad_left(&c.rank.map(|n| n.to_string()).unwrap_or_default(), 3),
            pad_left(&format!("#{}", c.engineer_id), 7),
            pad(&cell(&c.name), 14),
            pad(
                &crate::present::affiliation_label(c.affiliation, c.depth, lang),
                12
            ),
            c.score,
            "█".repeat(bar_len)
        ));
        for f in &c.factors {
            s.push_str(&format!(
                "      {} {:>4.1}/{:<4.1} {}\n",
                pad(crate::present::factor_label(f.name, lang), 10),
                f.points,
                f.max,
                cell(&f.reason)
            ));
        }
        for rv in &c.review {
            s.push_str(&format!("      ⚠ {}\n", cell(rv)));
        }
    }
    if let Some(rot) = &r.rotation {
        s.push_str(if ja {
            "── 要調整 (稼働中の自社社員: 入替の検討) ──\n"
        } else {
            "── Rotation (要調整: own staff on open-ended assignments) ──\n"
        });
        if rot.is_empty() {
            s.push_str(if ja { "  該当なし\n" } else { "  nobody\n" });
        }
        let man = |v: Option<f32>| v.map_or("-".to_string(), |m| format!("{m:.0}万"));
        for x in rot {
            let (id, name, score, client) = (
                x.engineer_id,
                pad(&cell(&x.name), 14),
                x.score,
                cell(x.client.as_deref().unwrap_or("-")),
            );
            let (since, days, now, here, must) = (
                x.since,
                x.days_on_site,
                man(x.margin_now),
                man(x.margin_here),
                cell(&x.must),
            );
            s.push_str(&if ja {
                format!(
                    "  #{id} {name}  {score:>5.1}  現場 {client} ({since}〜, {days}日)  粗利 今{now} → 本件{here}\n      {must}\n"
                )
            } else {
                format!(
                    "  #{id} {name}  {score:>5.1}  at {client} since {since} ({days} days)  margin now {now} → here {here}\n      {must}\n"
                )
            });
        }
    }
    s
}

/// What the active pool leaves out, in one line; none when nothing is.
fn left_out_line(l: &crate::store::LeftOut, included: bool, lang: Lang) -> Option<String> {
    if l.total() == 0 {
        return None;
    }
    Some(match (lang == Lang::Ja, included) {
        (true, false) => format!(
            "対象外: 情報の古い要員 {}名・提案停止 {}名 (--include-stale で含める)",
            l.stale, l.inactive
        ),
        (true, true) => format!(
            "情報の古い要員 {}名・提案停止 {}名 を含む",
            l.stale, l.inactive
        ),
        (false, false) => format!(
            "left out: {} stale, {} inactive (--include-stale brings them in)",
            l.stale, l.inactive
        ),
        (false, true) => format!("including {} stale and {} inactive", l.stale, l.inactive),
    })
}

#[derive(Serialize)]
struct FreeJson {
    id: i64,
    name: String,
    affiliation: &'static str,
    partner: Option<String>,
    depth: u8,
    kind: crate::store::FreeKind,
    /// A partner engineer not re-offered within `[offers] stale_days`.
    stale: bool,
    last_offered_at: Option<chrono::DateTime<chrono::Utc>>,
    available_from: Option<NaiveDate>,
    availability_confirmed: Option<NaiveDate>,
    station: Option<String>,
    rate: Option<Man>,
    cost: Option<Man>,
    top_skills: Vec<crate::store::SkillYears>,
}

/// The window `free` looks at: a month, a range, or next month.
pub fn window(args: &FreeArgs, today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    if let (Some(f), Some(t)) = (&args.from, &args.to) {
        let (f, t) = (
            parse_date(f).map_err(anyhow::Error::msg)?,
            parse_date(t).map_err(anyhow::Error::msg)?,
        );
        if t < f {
            bail!("--to {t} is before --from {f}");
        }
        return Ok((f, t));
    }
    let first = match &args.month {
        Some(m) => parse_date(&format!("{m}-01"))
            .map_err(|_| anyhow::anyhow!("invalid --month '{m}': expected YYYY-MM"))?,
        None => crate::present::first_of_next_month(today),
    };
    let next = crate::present::first_of_next_month(first);
    Ok((first, next - Duration::days(1)))
}

pub fn free(ctx: &Ctx, args: &FreeArgs) -> Result<()> {
    let today = today_or(args.as_of.as_deref())?;
    let (from, to) = window(args, today)?;
    let mut skills = Vec::new();
    for s in &args.skills {
        match ctx.tax.lookup(s) {
            Some(id) => skills.push(id),
            None => bail!("unknown skill '{s}' (see `benchmatch skills list`)"),
        }
    }
    let store = ctx.open_store()?;
    let cfg = ctx.scoring();
    let mut entries = store.free_between(today, to, &skills, &ctx.tax)?;
    // Who is free is about availability: a stale offer's availability is unknown, and an
    // inactive engineer is not to be proposed.
    let mut left_out = crate::store::LeftOut::default();
    for f in &entries {
        if score::is_stale(&f.engineer, today, &cfg) {
            left_out.stale += 1;
        } else if score::is_inactive(&f.engineer, today) {
            left_out.inactive += 1;
        }
    }
    if !args.pool.include_stale {
        entries.retain(|f| score::in_active_pool(&f.engineer, today, &cfg));
    }
    let top_skills = |e: &crate::domain::Engineer| {
        let mut v: Vec<_> = e.skills.iter().collect();
        v.sort_by(|a, b| b.years.total_cmp(&a.years).then(a.skill.cmp(&b.skill)));
        v.into_iter()
            .take(4)
            .map(|s| crate::store::SkillYears {
                name: ctx.tax.name(s.skill).to_string(),
                years: s.years,
            })
            .collect::<Vec<_>>()
    };
    if args.output.json || args.output.xlsx.is_some() {
        let v: Vec<FreeJson> = entries
            .iter()
            .map(|f| FreeJson {
                id: f.engineer.id,
                name: f.engineer.name.clone(),
                affiliation: f.engineer.affiliation.as_str(),
                partner: f.partner.clone(),
                depth: f.engineer.depth,
                kind: f.kind,
                stale: score::is_stale(&f.engineer, today, &cfg),
                last_offered_at: f.engineer.last_offered,
                available_from: f.engineer.available_from,
                availability_confirmed: f.engineer.availability_confirmed,
                station: f.engineer.station.clone(),
                rate: f.engineer.rate,
                cost: f.engineer.cost,
                top_skills: top_skills(&f.engineer),
            })
            .collect();
        if let Some(path) = &args.output.xlsx {
            return super::workbook::save(path, &v, ctx.lang, crate::xlsx::report::free);
        }
        return emit_json(&v);
    }
    let ja = ctx.lang == Lang::Ja;
    let mut s = if ja {
        format!("{from} 〜 {to} に稼働可能: {}名\n", entries.len())
    } else {
        format!("Free by {to} (window {from} – {to}): {}\n", entries.len())
    };
    if let Some(line) = left_out_line(&left_out, args.pool.include_stale, ctx.lang) {
        s.push_str(&line);
        s.push('\n');
    }
    for (label, in_house) in [
        (if ja { "自社" } else { "Own" }, true),
        (if ja { "パートナー" } else { "Partners" }, false),
    ] {
        let rows: Vec<Vec<String>> = entries
            .iter()
            .filter(|f| f.engineer.affiliation.is_in_house() == in_house)
            .map(|f| {
                vec![
                    f.engineer.id.to_string(),
                    if score::is_stale(&f.engineer, today, &cfg) {
                        format!("{} [stale]", f.engineer.name)
                    } else {
                        f.engineer.name.clone()
                    },
                    crate::present::free_kind_label(f.kind, ctx.lang).to_string(),
                    f.engineer
                        .available_from
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    f.engineer.station.clone().unwrap_or_default(),
                    f.engineer.rate.map(|r| r.to_string()).unwrap_or_default(),
                    f.partner.clone().unwrap_or_default(),
                    top_skills(&f.engineer)
                        .iter()
                        .map(|s| format!("{} {}", s.name, s.years))
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect();
        s.push_str(&format!("\n{label} ({})\n", rows.len()));
        if !rows.is_empty() {
            s.push_str(&table(
                &[
                    "id",
                    "name",
                    "kind",
                    "free",
                    "station",
                    "rate",
                    "partner",
                    "top skills",
                ],
                &rows,
                48,
            ));
        }
    }
    emit(&s)
}
