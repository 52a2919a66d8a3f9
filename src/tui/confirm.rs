//! Nothing happens by accident: the propose prompt (rate, note, the candidate's checks),
//! the one-key dismissal question, and `u` to undo.

use crate::domain::{Man, OpeningStatus};
use crate::score;

use super::action::{Action, Effect};
use super::app::{App, Overlay};
use super::state::input::LineInput;
use super::strings::{self, S};
use super::update::edit_line;

/// Which field of the propose prompt is being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposeStep {
    Rate,
    Note,
}

/// A proposal about to be recorded: what the rep may still change, and what to read first.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposeDraft {
    pub opening_id: i64,
    pub engineer_id: i64,
    /// `鈴木 悠斗 → #12 Java開発`.
    pub title: String,
    pub step: ProposeStep,
    /// 万円; empty for none.
    pub rate: LineInput,
    pub note: LineInput,
    /// The candidate's limits to check by hand, and bookings elsewhere, as lines.
    pub warnings: Vec<String>,
}

impl App<'_> {
    /// Open the propose prompt for a candidate, with the rate prefilled.
    pub(super) fn propose_prompt(&mut self, opening_id: i64, engineer_id: i64) {
        let lang = self.lang();
        let (Some(o), Some(e)) = (
            self.data.opening(opening_id),
            self.data.engineer(engineer_id),
        ) else {
            return self.error(S::NothingSelected.t(lang));
        };
        let x = score::explain(o, e, self.today, &self.env.cfg, self.env.places);
        let mut warnings: Vec<String> = x
            .reasons
            .iter()
            .chain(&x.review)
            .map(|r| r.render(lang, self.env.tax))
            .collect();
        warnings.extend(
            crate::ops::bookings::ranking_notes(&self.data.bookings, e.id, o.id, self.today, lang)
                .into_iter()
                .map(|n| n.1),
        );
        // Another member's proposal of this engineer to the same end client comes first.
        if let Some(t) = self.data.team.iter().find(|t| {
            t.engineer_id == e.id
                && (t.opening_id == o.id || (t.client_id.is_some() && t.client_id == o.client_id))
        }) {
            warnings.insert(0, strings::double_proposal(lang, &t.by, t.id, &t.title));
        }
        let rate = App::proposal_rate(o, e).map_or_else(String::new, |r| r.to_string());
        let rate = rate.trim_end_matches('万').to_string();
        let draft = ProposeDraft {
            opening_id,
            engineer_id,
            title: format!(
                "{} → #{} {}",
                crate::text::cell(&e.name),
                o.id,
                crate::text::cell(&o.title)
            ),
            step: ProposeStep::Rate,
            rate: LineInput::with(&rate),
            note: LineInput::default(),
            warnings,
        };
        self.overlay = Some(Overlay::ProposePrompt(Box::new(draft)));
    }

    /// Ask before dismissing.
    pub(super) fn confirm_dismiss(&mut self, opening_id: i64) {
        self.overlay = Some(Overlay::ConfirmDismiss { opening_id });
    }

    /// Keys of the propose prompt and the dismissal question.
    pub(super) fn confirm_overlay(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let lang = self.lang();
        match self.overlay.take() {
            Some(Overlay::ConfirmDismiss { opening_id }) => match a {
                Action::Confirm => fx.push(Effect::SetStatus {
                    opening_id,
                    status: OpeningStatus::Dismissed,
                }),
                Action::Back => {}
                _ => self.overlay = Some(Overlay::ConfirmDismiss { opening_id }),
            },
            Some(Overlay::ConfirmReplay { id, label, undo }) => match a {
                Action::Confirm => fx.push(Effect::Replay { id, undo }),
                Action::Back => {}
                _ => self.overlay = Some(Overlay::ConfirmReplay { id, label, undo }),
            },
            Some(Overlay::ProposePrompt(mut d)) => {
                let input = match d.step {
                    ProposeStep::Rate => &mut d.rate,
                    ProposeStep::Note => &mut d.note,
                };
                if edit_line(input, &a) {
                    self.overlay = Some(Overlay::ProposePrompt(d));
                    return;
                }
                match (a, d.step) {
                    (Action::Back, _) => self.info(S::ProposeCancelled.t(lang)),
                    (Action::Open, ProposeStep::Rate) => match Man::parse_typed(&d.rate.text) {
                        Ok(_) => {
                            d.step = ProposeStep::Note;
                            self.overlay = Some(Overlay::ProposePrompt(d));
                        }
                        Err(_) => {
                            self.error(strings::bad_rate(lang, &d.rate.text));
                            self.overlay = Some(Overlay::ProposePrompt(d));
                        }
                    },
                    (Action::Open, ProposeStep::Note) => {
                        let rate = Man::parse_typed(&d.rate.text).unwrap_or(None);
                        fx.push(Effect::Propose {
                            opening_id: d.opening_id,
                            engineer_id: d.engineer_id,
                            rate,
                            note: d.note.text.trim().to_string(),
                        });
                    }
                    (Action::Up | Action::PrevPane, ProposeStep::Note) => {
                        d.step = ProposeStep::Rate;
                        self.overlay = Some(Overlay::ProposePrompt(d));
                    }
                    _ => self.overlay = Some(Overlay::ProposePrompt(d)),
                }
            }
            other => self.overlay = other,
        }
    }
}
