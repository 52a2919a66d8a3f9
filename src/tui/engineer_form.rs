//! The engineer sheet's edits: the profile form (the fields of `edit engineer --set`, in
//! the same syntax), "availability confirmed today", and ending an assignment.

use crate::domain::{parse_date, Engineer};
use crate::ops::engineers::{self, FIELDS};

use super::action::{Action, Effect};
use super::app::{App, Overlay};
use super::state::input::LineInput;
use super::state::list::ListState;
use super::strings::{self, S};
use super::update::edit_line;

/// The profile being edited: a draft of the engineer, the field under the cursor, and
/// the text of the field being typed.
#[derive(Debug, Clone, PartialEq)]
pub struct EngineerForm {
    /// The profile as loaded when the form opened: a save writes only what differs.
    pub base: Engineer,
    pub draft: Engineer,
    pub list: ListState,
    pub editing: Option<LineInput>,
}

impl App<'_> {
    fn sheet_engineer(&self) -> Option<Engineer> {
        self.selected_engineer().cloned()
    }

    /// Keys of the engineer screen that edit: `e` form, `c` confirmed today, `a` end.
    pub(super) fn engineer_edit_key(&mut self, a: Action, fx: &mut Vec<Effect>) -> bool {
        let lang = self.lang();
        let Some(e) = self.sheet_engineer() else {
            return false;
        };
        match a {
            Action::EditEngineer => {
                let mut list = ListState::default();
                list.fit(FIELDS.len(), FIELDS.len());
                self.overlay = Some(Overlay::EngineerForm(Box::new(EngineerForm {
                    base: e.clone(),
                    draft: e,
                    list,
                    editing: None,
                })));
            }
            Action::ConfirmToday => fx.push(Effect::ConfirmAvailability { engineer_id: e.id }),
            Action::AddAssignment => {
                self.overlay = Some(Overlay::AddAssignment {
                    engineer_id: e.id,
                    input: LineInput::with(&format!(" {} 長期", self.today)),
                });
                if let Some(Overlay::AddAssignment { input, .. }) = self.overlay.as_mut() {
                    input.home();
                }
            }
            Action::EndAssignment => {
                let loaded = match &self.engineers.assignments {
                    Some((id, list)) if *id == e.id => Some(list),
                    _ => None,
                };
                if loaded.is_some_and(|l| l.is_empty()) || !self.data.assigned.contains(&e.id) {
                    self.error(S::NoAssignment.t(lang));
                } else {
                    // Suggest the running (else the latest) assignment's end, else today.
                    let end = loaded
                        .and_then(|l| {
                            l.iter()
                                .map(|(a, _)| a)
                                .filter(|a| a.from <= self.today)
                                .max_by_key(|a| (a.from, a.id))
                                .and_then(|a| a.to)
                        })
                        .unwrap_or(self.today);
                    self.overlay = Some(Overlay::EndAssignment {
                        engineer_id: e.id,
                        input: LineInput::with(&end.to_string()),
                    });
                }
            }
            _ => return false,
        }
        true
    }

    /// Keys of the form and the end-of-assignment prompt.
    pub(super) fn engineer_form_overlay(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let lang = self.lang();
        match self.overlay.take() {
            Some(Overlay::EndAssignment {
                engineer_id,
                mut input,
            }) => {
                if edit_line(&mut input, &a) {
                    self.overlay = Some(Overlay::EndAssignment { engineer_id, input });
                    return;
                }
                match a {
                    Action::Open => match parse_date(input.text.trim()) {
                        Ok(on) => fx.push(Effect::EndAssignment { engineer_id, on }),
                        Err(_) => {
                            self.error(strings::bad_date(lang, &input.text));
                            self.overlay = Some(Overlay::EndAssignment { engineer_id, input });
                        }
                    },
                    Action::Back => {}
                    _ => self.overlay = Some(Overlay::EndAssignment { engineer_id, input }),
                }
            }
            Some(Overlay::AddAssignment {
                engineer_id,
                mut input,
            }) => {
                if edit_line(&mut input, &a) {
                    self.overlay = Some(Overlay::AddAssignment { engineer_id, input });
                    return;
                }
                match a {
                    Action::Open => match crate::ops::bookings::read_assignment(&input.text) {
                        Ok((client, from, until)) => fx.push(Effect::AddAssignment {
                            engineer_id,
                            client,
                            from,
                            until,
                        }),
                        Err(bad) => {
                            self.error(strings::bad_date(lang, &bad));
                            self.overlay = Some(Overlay::AddAssignment { engineer_id, input });
                        }
                    },
                    Action::Back => {}
                    _ => self.overlay = Some(Overlay::AddAssignment { engineer_id, input }),
                }
            }
            Some(Overlay::EngineerForm(mut form)) => {
                let n = FIELDS.len();
                let key = FIELDS[form.list.selected.min(n - 1)].0;
                if let Some(input) = form.editing.as_mut() {
                    if edit_line(input, &a) {
                        self.overlay = Some(Overlay::EngineerForm(form));
                        return;
                    }
                    match a {
                        Action::Open => {
                            let text = input.text.clone();
                            match engineers::set(&mut form.draft, key, &text, self.env.tax, lang) {
                                Ok(()) => form.editing = None,
                                Err(e) => self.error(e),
                            }
                        }
                        Action::Back => form.editing = None,
                        _ => {}
                    }
                    self.overlay = Some(Overlay::EngineerForm(form));
                    return;
                }
                if let Some(d) = super::update::delta(&a, n, n) {
                    form.list.move_by(d, n, n);
                    self.overlay = Some(Overlay::EngineerForm(form));
                    return;
                }
                match a {
                    Action::Open => {
                        let v = engineers::value(&form.draft, key, self.env.tax, lang);
                        form.editing = Some(LineInput::with(&v));
                        self.overlay = Some(Overlay::EngineerForm(form));
                    }
                    Action::Save => {
                        fx.push(Effect::SaveEngineer(Box::new((form.base, form.draft))));
                    }
                    Action::Back => {}
                    _ => self.overlay = Some(Overlay::EngineerForm(form)),
                }
            }
            other => self.overlay = other,
        }
    }
}
