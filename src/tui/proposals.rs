//! How the pipeline, checks and revision screens and the proposal popups answer
//! actions, and how the app takes in what the pipeline writes changed.

use crate::domain::{OpeningStatus, Rank};
use crate::pipeline::{flag_all, Flags, PipelineItem, Stage};
use crate::store::StageChange;

use super::action::{Action, Effect, Outcome, PitchText};
use super::app::{App, Overlay, Screen};
use super::state::input::LineInput;
use super::state::list::ListState;
use super::state::pipeline::ReviseState;
use super::strings::{self, S};
use super::update::edit_line;
use super::views;

/// The rank menu: A to D, then none.
pub const RANKS: [Option<Rank>; 5] = [
    Some(Rank::A),
    Some(Rank::B),
    Some(Rank::C),
    Some(Rank::D),
    None,
];

impl App<'_> {
    /// Flags follow the board and today; the board's order follows the flags.
    pub(super) fn rebuild_pipeline(&mut self) {
        self.flags = flag_all(&self.data.pipeline, self.today, &self.env.pipeline);
        let h = views::heights(self).pipeline;
        self.pipeline.rebuild(&self.data.pipeline, &self.flags, h);
    }

    /// A proposal with its flags.
    pub fn flagged(&self, proposal_id: i64) -> Option<(&PipelineItem, &Flags)> {
        let i = self
            .data
            .pipeline
            .iter()
            .position(|p| p.id == proposal_id)?;
        Some((&self.data.pipeline[i], self.flags.get(i)?))
    }

    /// The engineer's proposal for an opening, with its flags.
    pub fn flagged_for(
        &self,
        opening_id: i64,
        engineer_id: i64,
    ) -> Option<(&PipelineItem, &Flags)> {
        let id = self.data.item_for(opening_id, engineer_id)?.id;
        self.flagged(id)
    }

    /// The most urgent unsigned offer on an opening, if any.
    pub fn unsigned_on(&self, opening_id: i64) -> Option<&Flags> {
        self.data
            .pipeline
            .iter()
            .zip(&self.flags)
            .filter(|(p, f)| p.opening_id == opening_id && f.unsigned)
            .map(|(_, f)| f)
            .min_by_key(|f| f.days_to_start.unwrap_or(i64::MAX))
    }

    /// The proposal under the cursor of the pipeline screen.
    pub fn selected_proposal(&self) -> Option<&PipelineItem> {
        let i = *self.pipeline.rows.get(self.pipeline.list.selected)?;
        self.data.pipeline.get(i)
    }

    pub(super) fn pipeline_action(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let h = views::heights(self).pipeline;
        let len = self.pipeline.rows.len();
        if let Some(d) = super::update::delta(&a, h, len) {
            self.pipeline.list.move_by(d, len, h);
            return;
        }
        let Some(item) = self.selected_proposal().cloned() else {
            return self.global(a, fx);
        };
        match a {
            Action::StageMenu => self.stage_menu(item.id),
            Action::PartnerConfirmed => self.partner_confirmed(&item, fx),
            Action::Pitch => fx.push(Effect::Pitch {
                opening_id: item.opening_id,
                engineer_id: item.engineer_id,
            }),
            Action::Open => self.open_opening(item.opening_id),
            Action::EditProposal => {
                let rate = item
                    .rate
                    .map(|r| r.as_f64().to_string())
                    .unwrap_or_default();
                self.overlay = Some(Overlay::ProposalTerms {
                    proposal_id: item.id,
                    input: LineInput::with(&format!("{rate} | {}", item.notes)),
                });
            }
            other => self.global(other, fx),
        }
    }

    fn partner_confirmed(&mut self, item: &PipelineItem, fx: &mut Vec<Effect>) {
        if item.partner_id.is_none() {
            return self.error(S::NotPartner.t(self.lang()));
        }
        fx.push(Effect::SetStage {
            proposal_id: item.id,
            change: StageChange {
                partner_confirmed: true,
                ..StageChange::default()
            },
        });
    }

    /// The agreed start to offer in the prompt: the one recorded, else the posting's first
    /// day (today for 即日), else empty.
    fn start_prefill(&self, proposal_id: i64) -> String {
        self.data
            .item(proposal_id)
            .and_then(|p| {
                p.start_on
                    .or_else(|| p.start.map(|s| s.first_day(self.today).max(self.today)))
            })
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    /// The stages the proposal may move to, as a menu.
    pub(super) fn stage_menu(&mut self, proposal_id: i64) {
        let Some(item) = self.data.item(proposal_id) else {
            return self.error(S::NothingSelected.t(self.lang()));
        };
        let options = item.stage.next().to_vec();
        if options.is_empty() {
            return self.error(S::NoNextStage.t(self.lang()));
        }
        let mut list = ListState::default();
        list.fit(options.len(), options.len());
        self.overlay = Some(Overlay::StageMenu {
            proposal_id,
            options,
            list,
        });
    }

    /// Keys of the opening screen that act on a proposal, the opening or its client.
    pub(super) fn opening_extra(&mut self, a: Action, id: i64, fx: &mut Vec<Effect>) {
        let lang = self.lang();
        match a {
            Action::StageMenu => {
                let proposal = self
                    .selected_candidate()
                    .and_then(|e| self.data.item_for(id, e))
                    .map(|p| p.id);
                match proposal {
                    Some(pid) => self.stage_menu(pid),
                    None => self.error(S::NotProposed.t(lang)),
                }
            }
            Action::Pitch => match self.selected_candidate() {
                Some(engineer_id) => fx.push(Effect::Pitch {
                    opening_id: id,
                    engineer_id,
                }),
                None => self.error(S::NothingSelected.t(lang)),
            },
            Action::EditRequirements => fx.push(Effect::LoadRequirements {
                opening_id: id,
                edit: true,
            }),
            Action::History => fx.push(Effect::LoadRequirements {
                opening_id: id,
                edit: false,
            }),
            Action::AnswerNone => fx.push(Effect::AnswerNone(id)),
            Action::ClientRank => {
                let client = self
                    .data
                    .opening(id)
                    .and_then(|o| self.data.client_of(o))
                    .cloned();
                let Some(c) = client else {
                    return self.error(S::NoClient.t(lang));
                };
                let at = RANKS.iter().position(|r| *r == c.rank).unwrap_or(4);
                let mut list = ListState::default();
                list.select(at, RANKS.len(), RANKS.len());
                self.overlay = Some(Overlay::RankMenu {
                    client_id: c.id,
                    name: c.name,
                    list,
                });
            }
            _ => {}
        }
    }

    pub(super) fn checks_action(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let h = views::heights(self).checks;
        let len = self.checks.len();
        if let Some(d) = super::update::delta(&a, h, len) {
            self.checks.list.move_by(d, len, h);
            return;
        }
        match a {
            Action::Open => {
                let id = self
                    .checks
                    .rows
                    .as_ref()
                    .and_then(|r| r.get(self.checks.list.selected))
                    .map(|(id, _)| *id);
                if let Some(id) = id {
                    self.show_engineer(id, fx);
                }
            }
            other => self.global(other, fx),
        }
    }

    /// Keys of the popups this module owns.
    pub(super) fn pipeline_overlay(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let lang = self.lang();
        let Some(overlay) = self.overlay.take() else {
            return;
        };
        let keep = match overlay {
            Overlay::StageMenu {
                proposal_id,
                options,
                mut list,
            } => {
                let n = options.len();
                if let Some(d) = super::update::delta(&a, n, n) {
                    list.move_by(d, n, n);
                }
                match a {
                    Action::Open => {
                        let to = options[list.selected.min(n - 1)];
                        let start = to
                            .commits_engineer()
                            .then(|| LineInput::with(&self.start_prefill(proposal_id)));
                        Some(Overlay::StageNote {
                            proposal_id,
                            to,
                            input: LineInput::default(),
                            start,
                            start_on: None,
                        })
                    }
                    Action::Back => None,
                    _ => Some(Overlay::StageMenu {
                        proposal_id,
                        options,
                        list,
                    }),
                }
            }
            Overlay::StageNote {
                proposal_id,
                to,
                input,
                start: Some(mut date),
                start_on,
            } => {
                let same = |date| Overlay::StageNote {
                    proposal_id,
                    to,
                    input: input.clone(),
                    start: Some(date),
                    start_on,
                };
                if edit_line(&mut date, &a) {
                    Some(same(date))
                } else {
                    match a {
                        Action::Open => {
                            let text = date.text.trim();
                            let parsed = if text.is_empty() {
                                Ok(None)
                            } else {
                                crate::domain::parse_date(text).map(Some)
                            };
                            match parsed {
                                Ok(start_on) => Some(Overlay::StageNote {
                                    proposal_id,
                                    to,
                                    input: input.clone(),
                                    start: None,
                                    start_on,
                                }),
                                Err(m) => {
                                    self.error(m);
                                    Some(same(date))
                                }
                            }
                        }
                        Action::Back => None,
                        _ => Some(same(date)),
                    }
                }
            }
            Overlay::StageNote {
                proposal_id,
                to,
                mut input,
                start: None,
                start_on,
            } => {
                if edit_line(&mut input, &a) {
                    Some(Overlay::StageNote {
                        proposal_id,
                        to,
                        input,
                        start: None,
                        start_on,
                    })
                } else {
                    match a {
                        Action::Open => {
                            fx.push(Effect::SetStage {
                                proposal_id,
                                change: StageChange {
                                    to: Some(to),
                                    note: input.text.trim().to_string(),
                                    start_on,
                                    ..StageChange::default()
                                },
                            });
                            None
                        }
                        Action::Back => None,
                        _ => Some(Overlay::StageNote {
                            proposal_id,
                            to,
                            input,
                            start: None,
                            start_on,
                        }),
                    }
                }
            }
            Overlay::ProposalTerms {
                proposal_id,
                mut input,
            } => {
                if edit_line(&mut input, &a) {
                    Some(Overlay::ProposalTerms { proposal_id, input })
                } else {
                    match a {
                        Action::Open => {
                            let (rate, note) = input
                                .text
                                .split_once(['|', '｜'])
                                .unwrap_or((&input.text, ""));
                            fx.push(Effect::EditProposal {
                                proposal_id,
                                sets: vec![
                                    format!("rate={}", rate.trim()),
                                    format!("note={}", note.trim()),
                                ],
                            });
                            None
                        }
                        Action::Back => None,
                        _ => Some(Overlay::ProposalTerms { proposal_id, input }),
                    }
                }
            }
            Overlay::Withdraw { proposal_id, ids } => match a {
                Action::Confirm => {
                    let stage = self
                        .data
                        .item(proposal_id)
                        .map_or(Stage::Offered, |p| p.stage);
                    fx.push(Effect::Withdraw {
                        ids,
                        note: format!("engineer {stage} on proposal {proposal_id}"),
                    });
                    None
                }
                Action::Back => None,
                _ => Some(Overlay::Withdraw { proposal_id, ids }),
            },
            Overlay::Pitch { pitch, mut scroll } => {
                if let Some(d) = super::update::delta(&a, 10, 200) {
                    scroll_clamped(&mut scroll, d);
                }
                match a {
                    Action::Copy => {
                        fx.push(Effect::Copy(pitch.text.clone()));
                        self.info(S::Copied.t(lang));
                        Some(Overlay::Pitch { pitch, scroll })
                    }
                    Action::WriteFile => {
                        let name = format!("pitch-{}-{}.txt", pitch.opening_id, pitch.engineer_id);
                        Some(Overlay::PathPrompt {
                            pitch,
                            input: LineInput::with(&name),
                        })
                    }
                    Action::Back => None,
                    _ => Some(Overlay::Pitch { pitch, scroll }),
                }
            }
            Overlay::PathPrompt { pitch, mut input } => {
                if edit_line(&mut input, &a) {
                    Some(Overlay::PathPrompt { pitch, input })
                } else {
                    match a {
                        Action::Open if !input.text.trim().is_empty() => {
                            fx.push(Effect::WriteFile {
                                path: input.text.trim().to_string(),
                                text: pitch.text.clone(),
                            });
                            Some(Overlay::Pitch { pitch, scroll: 0 })
                        }
                        Action::Back => Some(Overlay::Pitch { pitch, scroll: 0 }),
                        _ => Some(Overlay::PathPrompt { pitch, input }),
                    }
                }
            }
            Overlay::Rerank { diff, mut scroll } => match a {
                Action::Back => None,
                other => {
                    if let Some(d) = super::update::delta(&other, 10, 200) {
                        scroll_clamped(&mut scroll, d);
                    }
                    Some(Overlay::Rerank { diff, scroll })
                }
            },
            Overlay::History {
                opening_id,
                revisions,
                mut scroll,
            } => match a {
                Action::Back => None,
                other => {
                    if let Some(d) = super::update::delta(&other, 10, 200) {
                        scroll_clamped(&mut scroll, d);
                    }
                    Some(Overlay::History {
                        opening_id,
                        revisions,
                        scroll,
                    })
                }
            },
            Overlay::RankMenu {
                client_id,
                name,
                mut list,
            } => {
                let n = RANKS.len();
                if let Some(d) = super::update::delta(&a, n, n) {
                    list.move_by(d, n, n);
                }
                match a {
                    Action::Open => {
                        fx.push(Effect::SetClientRank {
                            client_id,
                            name,
                            rank: RANKS[list.selected.min(n - 1)],
                        });
                        None
                    }
                    Action::Back => None,
                    _ => Some(Overlay::RankMenu {
                        client_id,
                        name,
                        list,
                    }),
                }
            }
            other => Some(other),
        };
        self.overlay = keep;
    }

    /// Patch the loaded copy with what a pipeline write changed.
    pub(super) fn done_pipeline(&mut self, outcome: Outcome) {
        let lang = self.lang();
        match outcome {
            Outcome::Board {
                items,
                proposals,
                events,
            } => {
                self.data.pipeline = items;
                self.data.proposals = proposals;
                self.data.events = events;
                self.rebuild_pipeline();
            }
            Outcome::Staged {
                item,
                from,
                to_withdraw,
                opening_status,
            } => {
                if let Some(o) = self
                    .data
                    .openings
                    .iter_mut()
                    .find(|o| o.id == item.opening_id)
                {
                    o.status = opening_status;
                }
                self.rebuild_queue();
                let name = crate::text::cell(&item.engineer_name);
                if item.stage != from || to_withdraw.is_empty() {
                    self.info(strings::staged(
                        lang,
                        item.id,
                        &name,
                        item.stage.label(lang),
                    ));
                }
                if item.stage.commits_engineer() && !to_withdraw.is_empty() {
                    self.overlay = Some(Overlay::Withdraw {
                        proposal_id: item.id,
                        ids: to_withdraw,
                    });
                }
            }
            Outcome::Withdrawn(ids) => self.info(strings::withdrawn(lang, ids.len())),
            Outcome::AnsweredNone(id) => {
                if let Some(o) = self.data.openings.iter_mut().find(|o| o.id == id) {
                    o.answered_at = o.answered_at.or(Some(self.now));
                    if o.status == OpeningStatus::New {
                        o.status = OpeningStatus::Answered;
                    }
                }
                self.rebuild_queue();
                self.info(S::AnsweredNone.t(lang));
            }
            Outcome::ClientRank { client_id, rank } => {
                let name = match self.data.clients.get_mut(&client_id) {
                    Some(c) => {
                        c.rank = rank;
                        c.name.clone()
                    }
                    None => String::new(),
                };
                self.rebuild_queue();
                let r = rank.map_or("-", Rank::as_str);
                self.info(strings::rank_set(lang, &crate::text::cell(&name), r));
            }
            Outcome::Pitch(p) => {
                self.overlay = Some(Overlay::Pitch {
                    pitch: p,
                    scroll: 0,
                });
            }
            Outcome::Written(path) => self.info(strings::written(lang, &crate::text::cell(&path))),
            Outcome::Requirements {
                opening_id,
                requirements,
                revisions,
                edit,
            } => {
                if edit {
                    // Each requirement beside the line it was read from.
                    let lines = self
                        .data
                        .opening(opening_id)
                        .map(|o| {
                            crate::posting::parse(&o.raw_text, o.received_at, self.env.tax)
                                .requirement_lines
                        })
                        .unwrap_or_default();
                    self.revise = ReviseState::new(opening_id, *requirements, &lines);
                    self.goto(Screen::Revise);
                } else {
                    self.overlay = Some(Overlay::History {
                        opening_id,
                        revisions,
                        scroll: 0,
                    });
                }
            }
            Outcome::Revised(None) => {
                self.info(S::NoChange.t(lang));
                self.leave_revise();
            }
            Outcome::Revised(Some(r)) => {
                let id = r.opening.id;
                if let Some(o) = self.data.openings.iter_mut().find(|o| o.id == id) {
                    *o = r.opening.clone();
                }
                self.forget_rankings();
                self.snapshot += 1;
                self.search.index = None;
                self.rebuild_queue();
                self.info(strings::revised(lang, id, r.revision));
                self.leave_revise();
                self.open_opening(id);
                self.overlay = Some(Overlay::Rerank { diff: r, scroll: 0 });
            }
            Outcome::Checks(rows) => {
                let h = views::heights(self).checks;
                self.checks.set(rows, h);
            }
            Outcome::Proposed(_)
            | Outcome::StatusSet { .. }
            | Outcome::Saved { .. }
            | Outcome::AlreadyStored { .. }
            | Outcome::Undone(_)
            | Outcome::Info(_)
            | Outcome::NothingToUndo
            | Outcome::NothingToRedo
            | Outcome::AskReplay { .. } => {}
        }
    }

    fn leave_revise(&mut self) {
        self.revise = ReviseState::default();
        if self.screen == Screen::Revise {
            self.back();
        }
    }
}

fn scroll_clamped(offset: &mut usize, d: isize) {
    super::update::scroll_by(offset, d);
    *offset = (*offset).min(500);
}

/// The text of the pitch popup's body and warnings, for drawing and tests.
pub fn pitch_lines(p: &PitchText) -> Vec<String> {
    let mut out: Vec<String> = p.text.lines().map(crate::text::cell).collect();
    if !p.warnings.is_empty() {
        out.push(String::new());
        out.extend(p.warnings.iter().map(|w| crate::text::cell(w)));
    }
    out
}
