//! The pipeline's effects performed against the store: stage changes, withdrawals,
//! answers, client ranks, pitches, revisions with their re-rank, profile checks.

use std::collections::HashMap;

use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};

use crate::domain::{parse_date, Assignment};
use crate::i18n::Lang;
use crate::pipeline::checks::check_engineer;
use crate::pipeline::{pitch, rerank};
use crate::score::{self, Ranking};

use super::action::{Action, Effect, Outcome, PitchText, Reranked};
use super::Session;

impl Session<'_> {
    /// The board and the proposals as stored now.
    pub(super) fn board(&self) -> Result<Outcome> {
        Ok(Outcome::Board {
            items: self.store.pipeline()?,
            proposals: self.store.proposals()?,
        })
    }

    pub(super) fn perform_pipeline(
        &mut self,
        fx: Effect,
        out: &mut Vec<Action>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        match fx {
            Effect::SetStage {
                proposal_id,
                change,
            } => {
                let o = self.store.set_stage(proposal_id, &change, now)?;
                let opening_status = self.store.opening(o.item.opening_id)?.status;
                out.push(Action::Done(self.board()?));
                out.push(Action::Done(Outcome::Staged {
                    item: Box::new(o.item),
                    from: o.from,
                    to_withdraw: o.to_withdraw,
                    opening_status,
                }));
            }
            Effect::Withdraw { ids, note } => {
                self.store.withdraw(&ids, &note, now)?;
                out.push(Action::Done(self.board()?));
                out.push(Action::Done(Outcome::Withdrawn(ids)));
            }
            Effect::AnswerNone(id) => {
                self.store.answer_none(id, now)?;
                out.push(Action::Done(Outcome::AnsweredNone(id)));
            }
            Effect::SetClientRank {
                client_id,
                name,
                rank,
            } => {
                self.store.set_client(&name, rank, None, None)?;
                out.push(Action::Done(Outcome::ClientRank { client_id, rank }));
            }
            Effect::Pitch {
                opening_id,
                engineer_id,
            } => out.push(Action::Done(Outcome::Pitch(Box::new(
                self.pitch(opening_id, engineer_id)?,
            )))),
            Effect::WriteFile { path, text } => {
                let p = std::path::Path::new(&path);
                crate::commands::data::write_private(p, text.as_bytes())
                    .with_context(|| path.clone())?;
                out.push(Action::Done(Outcome::Written(path)));
            }
            Effect::LoadRequirements { opening_id, edit } => {
                let requirements = self.store.requirements(opening_id, self.tax)?;
                let revisions = self.store.revisions(opening_id, self.tax)?;
                out.push(Action::Done(Outcome::Requirements {
                    opening_id,
                    requirements: Box::new(requirements),
                    revisions,
                    edit,
                }));
            }
            Effect::Revise {
                opening_id,
                requirements,
            } => {
                let revised = self.store.revise_opening(
                    opening_id,
                    &requirements,
                    "dashboard",
                    self.tax,
                    now,
                )?;
                let Some(r) = revised else {
                    out.push(Action::Done(Outcome::Revised(None)));
                    return Ok(());
                };
                let opening = self.store.opening(opening_id)?;
                let app = &self.app;
                let (pool, today, top) = (&app.data.pool, app.today, app.env.dash.top.max(1));
                let rank = |o| score::rank_pool(o, pool, today, &app.env.cfg, app.env.places, None);
                let before = rank(&r.before);
                let after = rank(&opening);
                let ids = |rk: &Ranking| -> Vec<(i64, f32, score::Checks)> {
                    rk.candidates
                        .iter()
                        .filter_map(|c| {
                            pool.engineers()
                                .get(c.index)
                                .map(|e| (e.id, c.score, c.reviews))
                        })
                        .collect()
                };
                let movements = rerank::report(&ids(&before), &ids(&after), top);
                let lang = app.lang();
                let mut reasons = Vec::new();
                for m in &movements {
                    if let rerank::Movement::Left {
                        engineer_id, to, ..
                    } = m
                    {
                        let Some(e) = app.data.engineer(*engineer_id) else {
                            continue;
                        };
                        let why = if to.is_none() {
                            score::explain(&opening, e, today, &app.env.cfg, app.env.places)
                                .reasons
                                .iter()
                                .map(|x| x.render(lang, app.env.tax))
                                .collect::<Vec<_>>()
                                .join("; ")
                        } else {
                            let b =
                                score::explain(&r.before, e, today, &app.env.cfg, app.env.places);
                            let a =
                                score::explain(&opening, e, today, &app.env.cfg, app.env.places);
                            match rerank::biggest_drop(&b, &a) {
                                Some((f, was, now)) => format!(
                                    "{} {was:.0}→{now:.0}",
                                    crate::present::factor_label(f.as_str(), lang)
                                ),
                                None => String::new(),
                            }
                        };
                        reasons.push((*engineer_id, why));
                    }
                    if let rerank::Movement::Flagged { engineer_id, .. } = m {
                        if let Some(e) = app.data.engineer(*engineer_id) {
                            let why =
                                score::explain(&opening, e, today, &app.env.cfg, app.env.places)
                                    .review
                                    .iter()
                                    .map(|x| x.render(lang, app.env.tax))
                                    .collect::<Vec<_>>()
                                    .join("; ");
                            reasons.push((*engineer_id, why));
                        }
                    }
                }
                out.push(Action::Done(self.board()?));
                out.push(Action::Done(Outcome::Revised(Some(Box::new(Reranked {
                    opening,
                    revision: r.revision,
                    changes: r.changes,
                    movements,
                    reasons,
                })))));
            }
            Effect::LoadChecks => {
                let mut by: HashMap<i64, Vec<Assignment>> = HashMap::new();
                for a in self.store.assignment_records()? {
                    // A damaged stored date is skipped, not fatal, as `benchmatch check` does.
                    let Ok(from) = parse_date(&a.from) else {
                        continue;
                    };
                    let to = a.to.as_deref().and_then(|t| parse_date(t).ok());
                    by.entry(a.engineer_id).or_default().push(Assignment {
                        id: a.id.unwrap_or(0),
                        engineer_id: a.engineer_id,
                        client_id: None,
                        from,
                        to,
                    });
                }
                let app = &self.app;
                let mut rows = Vec::new();
                for e in app.data.engineers() {
                    let a = by.get(&e.id).map_or(&[][..], Vec::as_slice);
                    for p in check_engineer(e, a, app.today, &app.env.checks, self.tax) {
                        rows.push((e.id, p));
                    }
                }
                out.push(Action::Done(Outcome::Checks(rows)));
            }
            _ => {}
        }
        Ok(())
    }

    /// The proposal message with the warnings the rep should read before sending it.
    fn pitch(&self, opening_id: i64, engineer_id: i64) -> Result<PitchText> {
        let app = &self.app;
        let lang = app.lang();
        let ja = lang == Lang::Ja;
        let opening = self.store.opening(opening_id)?;
        let engineer = self.store.engineer(engineer_id)?;
        let item = app.data.item_for(opening_id, engineer_id);
        let client = app.data.client_of(&opening).map(|c| c.name.clone());
        let rate = item
            .and_then(|p| p.rate)
            .or_else(|| super::App::proposal_rate(&opening, &engineer));
        let p = pitch::build(
            &opening,
            &engineer,
            rate,
            client.as_deref(),
            app.today,
            lang,
            self.tax,
        );
        let (name, default) = pitch::default_template(lang);
        let user = app.env.templates.as_ref().map(|d| d.join(name));
        let (name, source) = match user.as_ref().map(std::fs::read_to_string) {
            Some(Ok(text)) => (user.unwrap_or_default().display().to_string(), text),
            _ => (name.to_string(), default.to_string()),
        };
        let text = pitch::render(&p, &name, &source).map_err(anyhow::Error::msg)?;
        let mut warnings = Vec::new();
        if let Some(pid) = engineer.partner_id {
            for i in app.data.incidents.get(&pid).into_iter().flatten() {
                let label = if ja { "トラブル" } else { "incident" };
                warnings.push(format!("⚠ {label} {}: {}", i.at.format("%Y-%m-%d"), i.text));
            }
        }
        if !p.must_missing.is_empty() {
            let label = if ja {
                "必須スキル不足"
            } else {
                "must skills missing"
            };
            warnings.push(format!("⚠ {label}: {}", p.must_missing.join(", ")));
        }
        if p.opinion.is_none() {
            warnings.push(if ja {
                "⚠ 所感なし: 要員のメモに「所感: …」の行を書くと提案文に入ります".into()
            } else {
                "⚠ no opinion: add a line 'opinion: …' to the engineer's notes".into()
            });
        }
        if let Some(it) = item.filter(|i| i.outdated_revision()) {
            warnings.push(strings_old(lang, it.revision, it.opening_revision));
        }
        Ok(PitchText {
            opening_id,
            engineer_id,
            text,
            warnings,
        })
    }
}

fn strings_old(lang: Lang, proposed: u32, now: u32) -> String {
    format!("⚠ {}", super::strings::old_revision(lang, proposed, now))
}
