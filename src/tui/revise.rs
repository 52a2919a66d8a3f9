//! Keys of the requirements editor (`E`): one key per correction, Enter to type a row,
//! a skill picker for renames, Ctrl-S to save the revision with what was corrected.

use super::action::{Action, Effect};
use super::app::App;
use super::state::input::LineInput;
use super::state::revise::{stored_value, Row, SkillPick, PICK_ROWS, REVISE_FIELDS};
use super::strings::S;
use super::update::edit_line;

impl App<'_> {
    pub(super) fn revise_action(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let lang = self.lang();
        if self.revise.pick.is_some() {
            return self.pick_action(a);
        }
        let n = self.revise.len();
        let at = self.revise.list.selected.min(n.saturating_sub(1));
        if let Some(input) = self.revise.editing.as_mut() {
            if edit_line(input, &a) {
                return;
            }
            match a {
                Action::Open => {
                    let value = input.text.trim().to_string();
                    self.finish_typing(at, value);
                }
                Action::Back => {
                    if self.revise.adding {
                        self.revise.reqs.remove(at.min(self.revise.reqs.len() - 1));
                        self.revise.adding = false;
                    }
                    self.revise.editing = None;
                }
                _ => {}
            }
            return;
        }
        if let Some(d) = super::update::delta(&a, n, n) {
            self.revise.list.move_by(d, n, n);
            return;
        }
        let req = match self.revise.row(at) {
            Row::Requirement(i) => Some(i),
            Row::Field(_) => None,
        };
        let need_req = |app: &mut App<'_>| app.error(S::ReviseNotARequirement.t(lang));
        match a {
            Action::Open => {
                let v = match self.revise.row(at) {
                    Row::Requirement(i) => self.revise.reqs[i].spec.clone(),
                    Row::Field(j) => super::strings::revise_value(
                        REVISE_FIELDS[j],
                        self.revise.values.get(j).map_or("", String::as_str),
                        lang,
                    ),
                };
                self.revise.editing = Some(LineInput::with(&v));
            }
            Action::DropRequirement => match req {
                Some(i) => {
                    self.revise.drop_requirement(i);
                    let n = self.revise.len();
                    self.revise.list.select(at.min(n.saturating_sub(1)), n, n);
                }
                None => need_req(self),
            },
            Action::MoveToNice => match req {
                Some(i) => self.revise.toggle_nice(i),
                None => need_req(self),
            },
            Action::RenameRequirement => match req {
                Some(i) if self.revise.reqs[i].names().len() == 1 => {
                    let mut pick = SkillPick {
                        input: LineInput::with(&self.revise.reqs[i].names()[0]),
                        ..SkillPick::default()
                    };
                    pick.refresh(self.env.tax);
                    self.revise.pick = Some(pick);
                }
                Some(_) => self.error(S::ReviseRenameOne.t(lang)),
                None => need_req(self),
            },
            Action::MarkRequirement => match req {
                Some(i) => {
                    let r = &mut self.revise.reqs[i];
                    r.marked = !r.marked;
                    self.revise.list.move_by(1, n, n);
                }
                None => need_req(self),
            },
            Action::JoinAnyOf => match req {
                Some(i) => {
                    if !self.revise.join(i) {
                        self.error(S::ReviseJoinHow.t(lang));
                    }
                }
                None => need_req(self),
            },
            Action::AddRequirement => {
                let i = self
                    .revise
                    .reqs
                    .iter()
                    .rposition(|r| r.must)
                    .map_or(0, |k| k + 1);
                self.revise.reqs.insert(
                    i,
                    super::state::revise::ReqRow {
                        must: true,
                        ..Default::default()
                    },
                );
                let n = self.revise.len();
                self.revise.list.select(i, n, n);
                self.revise.adding = true;
                self.revise.editing = Some(LineInput::default());
            }
            Action::Save => match (self.revise.opening_id, self.revise.build()) {
                (Some(opening_id), Ok(r)) => fx.push(Effect::Revise {
                    opening_id,
                    requirements: Box::new(r),
                    corrections: self.revise.corrections.clone(),
                }),
                (_, Err((i, e))) => {
                    self.revise.list.select(i, n, n);
                    self.error(e);
                }
                (None, _) => self.back(),
            },
            Action::Back => self.back(),
            Action::Help => self.global(a, fx),
            _ => {}
        }
    }

    /// Enter on a typed row: a requirement's spec or a field's value, checked first.
    fn finish_typing(&mut self, at: usize, mut value: String) {
        let mut trial = self.revise.clone();
        match trial.row(at) {
            Row::Requirement(i) => {
                if value.is_empty() {
                    // An emptied requirement is a drop; an empty new one was never there.
                    if self.revise.adding {
                        self.revise.reqs.remove(i);
                    } else {
                        self.revise.drop_requirement(i);
                    }
                    self.revise.adding = false;
                    self.revise.editing = None;
                    return;
                }
                trial.reqs[i].spec = value.clone();
            }
            Row::Field(j) => {
                let v = stored_value(REVISE_FIELDS[j], &value);
                trial.values[j] = v.clone();
                value = v;
            }
        }
        match trial.build() {
            Err((k, e)) if k == at => self.error(e),
            _ => {
                match self.revise.row(at) {
                    Row::Requirement(i) => self.revise.reqs[i].spec = value,
                    Row::Field(j) => self.revise.values[j] = value,
                }
                self.revise.adding = false;
                self.revise.editing = None;
            }
        }
    }

    /// Keys of the skill picker: type to narrow, Up/Down to choose, Enter renames.
    fn pick_action(&mut self, a: Action) {
        let lang = self.lang();
        let tax = self.env.tax;
        let Some(pick) = self.revise.pick.as_mut() else {
            return;
        };
        if edit_line(&mut pick.input, &a) {
            pick.refresh(tax);
            return;
        }
        let n = pick.matches.len();
        match a {
            Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
                if let Some(d) = super::update::delta(&a, PICK_ROWS, n) {
                    pick.list.move_by(d, n, PICK_ROWS);
                }
            }
            Action::Open => {
                let Some(skill) = pick.matches.get(pick.list.selected).cloned() else {
                    return self.error(S::RevisePickNone.t(lang));
                };
                let at = self.revise.list.selected;
                if let Row::Requirement(i) = self.revise.row(at) {
                    if !self.revise.rename(i, &skill) {
                        self.error(S::ReviseRenameOne.t(lang));
                    }
                }
                self.revise.pick = None;
            }
            Action::Back => self.revise.pick = None,
            _ => {}
        }
    }
}
