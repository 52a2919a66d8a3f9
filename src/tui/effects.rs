//! The pipeline's effects performed against the store: stage changes, withdrawals,
//! answers, client ranks, pitches, revisions with their re-rank, profile checks.

use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};

use crate::ops::pitch::{PitchRequest, Template};

use super::action::{Action, Effect, Outcome, PitchText, Reranked};
use super::Session;
use crate::ops::undo as journal;

impl Session<'_> {
    /// A signed, held or released engineer changes who is free and every ranking:
    /// when the bookings moved, reload so the pool's free-from dates follow them.
    fn reload_if_booked(&mut self, out: &mut Vec<Action>) -> Result<()> {
        if self.store.load_bookings()? != self.app.data.bookings {
            self.reload(out)?;
        }
        Ok(())
    }

    /// Reload now: the write changed the pool (a profile, a free-from date).
    fn reload(&mut self, out: &mut Vec<Action>) -> Result<()> {
        self.version = self.store.data_version()?;
        out.push(Action::Loaded(Box::new(self.load()?)));
        Ok(())
    }

    /// The board and the proposals as stored now.
    pub(super) fn board(&self) -> Result<Outcome> {
        Ok(Outcome::Board {
            items: self.store.pipeline()?,
            proposals: self.store.proposals()?,
            events: self.store.all_proposal_events()?,
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
                let o = journal::set_stage(
                    &mut self.store,
                    &self.actor,
                    proposal_id,
                    &change,
                    now,
                    self.app.lang(),
                )?;
                let opening_status = self.store.opening(o.item.opening_id)?.status;
                out.push(Action::Done(self.board()?));
                // Before the outcome, so its message and the withdraw prompt come last.
                self.reload_if_booked(out)?;
                out.push(Action::Done(Outcome::Staged {
                    item: Box::new(o.item),
                    from: o.from,
                    to_withdraw: o.to_withdraw,
                    opening_status,
                }));
            }
            Effect::EditProposal { proposal_id, sets } => {
                let lang = self.app.lang();
                crate::ops::proposals::edit(&mut self.store, proposal_id, &sets, lang, now)?;
                out.push(Action::Done(self.board()?));
                said(out, super::strings::S::ProposalTermsSaved.t(lang));
            }
            Effect::Withdraw { ids, note } => {
                journal::withdraw(
                    &mut self.store,
                    &self.actor,
                    &ids,
                    &note,
                    now,
                    self.app.lang(),
                )?;
                out.push(Action::Done(self.board()?));
                self.reload_if_booked(out)?;
                out.push(Action::Done(Outcome::Withdrawn(ids)));
            }
            Effect::SaveEngineer(e) => {
                let (base, edited) = *e;
                crate::ops::engineers::save(
                    &mut self.store,
                    &self.actor,
                    &base,
                    &edited,
                    self.tax,
                    now,
                    self.app.lang(),
                )?;
                self.reload(out)?;
                let lang = self.app.lang();
                said(out, super::strings::S::EngineerSaved.t(lang));
            }
            Effect::ConfirmAvailability { engineer_id } => {
                let today = self.app.today;
                crate::ops::engineers::confirm_availability(
                    &mut self.store,
                    &self.actor,
                    engineer_id,
                    today,
                    now,
                    self.app.lang(),
                )?;
                self.reload(out)?;
                let lang = self.app.lang();
                said(out, super::strings::S::ConfirmedToday.t(lang));
            }
            Effect::EndAssignment { engineer_id, on } => {
                journal::end_assignment(
                    &mut self.store,
                    &self.actor,
                    engineer_id,
                    on,
                    now,
                    self.app.lang(),
                )?;
                self.reload(out)?;
                let lang = self.app.lang();
                said(out, super::strings::assignment_ended(lang, engineer_id, on));
            }
            Effect::AddAssignment {
                engineer_id,
                client,
                from,
                until,
            } => {
                crate::ops::bookings::add_assignment(
                    &mut self.store,
                    engineer_id,
                    Some(&client),
                    from,
                    until,
                    None,
                )?;
                self.reload(out)?;
                let lang = self.app.lang();
                said(
                    out,
                    super::strings::assignment_added(lang, engineer_id, &client, until),
                );
            }
            Effect::AnswerNone(id) => {
                journal::answer_none(&mut self.store, &self.actor, id, now, self.app.lang())?;
                out.push(Action::Done(Outcome::AnsweredNone(id)));
            }
            Effect::SetClientRank {
                client_id,
                name,
                rank,
            } => {
                journal::set_client_rank(
                    &mut self.store,
                    &self.actor,
                    client_id,
                    &name,
                    rank,
                    now,
                    self.app.lang(),
                )?;
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
                crate::output::write_private(p, text.as_bytes()).with_context(|| path.clone())?;
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
                corrections,
            } => {
                let label = super::strings::revision_action(self.app.lang(), opening_id);
                let tax = self.tax;
                let revised =
                    journal::irreversible(&mut self.store, &self.actor, &label, now, |s| {
                        crate::ops::learned::revise(
                            s,
                            opening_id,
                            &requirements,
                            &corrections,
                            "dashboard",
                            tax,
                            now,
                        )
                    })?;
                let Some(r) = revised else {
                    out.push(Action::Done(Outcome::Revised(None)));
                    return Ok(());
                };
                let app = &self.app;
                let with = crate::ops::revise::RankWith {
                    as_of: app.today,
                    cfg: &app.env.cfg,
                    places: app.env.places,
                    lang: app.lang(),
                    tax: app.env.tax,
                    top: app.env.dash.top.max(1),
                };
                let crate::ops::revise::Rerank { movements, reasons } =
                    crate::ops::revise::rerank(&r, &app.data.pool, &with);
                let opening = r.after;
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
                let app = &self.app;
                let engineers = app.data.engineers();
                let found = crate::ops::checks::problems(
                    &self.store,
                    engineers,
                    app.today,
                    &app.env.checks,
                    self.tax,
                )?;
                let rows = found
                    .into_iter()
                    .filter_map(|(i, p)| engineers.get(i).map(|e| (e.id, p)))
                    .collect();
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
        let template =
            Template::load(app.env.templates.as_deref(), lang).map_err(anyhow::Error::msg)?;
        let request = PitchRequest {
            opening_id,
            engineer_id,
            proposal: app.data.item_for(opening_id, engineer_id),
        };
        let p = crate::ops::pitch::build(
            &self.store,
            &request,
            &template,
            app.today,
            lang,
            self.tax,
            &app.env.checks,
        )?;
        Ok(PitchText {
            opening_id,
            engineer_id,
            warnings: p
                .warnings
                .iter()
                .map(|w| format!("⚠ {}", w.render(lang)))
                .collect(),
            text: p.text,
        })
    }
}

/// A line for the status bar once the effect is done.
fn said(out: &mut Vec<Action>, text: impl Into<String>) {
    out.push(Action::Done(Outcome::Info(text.into())));
}
